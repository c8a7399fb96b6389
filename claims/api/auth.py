"""Who is calling: a personal token (``Authorization: Bearer TOKEN``) or the desk's session.

A token acts as its user: the user's role decides what it may read and do, and its scope
narrows that (a ``read`` token cannot write). The session works too (the docs page's "try it
out" and scripts run by a logged-in editor); then Django's CSRF check applies to writes.
Every caller is throttled per token (or per user for the session) in fixed one-minute windows
kept in the cache; an exhausted window answers 429 with ``Retry-After``.
"""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from ninja.security import HttpBearer, SessionAuth
from ninja.throttling import BaseThrottle

from claims.api.problems import Problem
from claims.models_api import APIToken
from claims.services.tokens import api_token_authenticate

WINDOW_SECONDS = 60


class TokenAuth(HttpBearer):
    openapi_description = "A personal API token from the account page (`fd_…`)."

    def authenticate(self, request: HttpRequest, token: str) -> APIToken | None:
        found = api_token_authenticate(token)
        if found is None:
            return None
        request.user = found.user
        request.api_token = found  # type: ignore[attr-defined]
        return found


class DeskSessionAuth(SessionAuth):
    openapi_description = "The desk's login session (writes also need the CSRF token)."


AUTH = [TokenAuth(), DeskSessionAuth()]


def api_token_of(request: HttpRequest) -> APIToken | None:
    token = getattr(request, "api_token", None)
    return token if isinstance(token, APIToken) else None


def require_write_scope(request: HttpRequest) -> None:
    token = api_token_of(request)
    if token is not None and not token.can_write:
        raise Problem(
            403,
            "This token has the read scope; writes need a write token.",
            kind="insufficient-scope",
        )


class PerCallerThrottle(BaseThrottle):
    """``API_RATE_PER_MINUTE`` requests per token (or session user) per minute."""

    def _ident(self, request: HttpRequest) -> str:
        token = api_token_of(request)
        if token is not None:
            return f"token:{token.pk}"
        user: Any = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return f"user:{user.pk}"
        return f"addr:{request.META.get('REMOTE_ADDR', '')}"

    def allow_request(self, request: HttpRequest) -> bool:
        limit = int(settings.API_RATE_PER_MINUTE)
        if limit <= 0:
            return True
        window = int(time.time()) // WINDOW_SECONDS
        key = f"api-throttle:{self._ident(request)}:{window}"
        cache.add(key, 0, timeout=WINDOW_SECONDS * 2)
        try:
            count = cache.incr(key)
        except ValueError:  # evicted between add and incr
            cache.set(key, 1, timeout=WINDOW_SECONDS * 2)
            count = 1
        return count <= limit

    def wait(self) -> float:
        return WINDOW_SECONDS - (time.time() % WINDOW_SECONDS)
