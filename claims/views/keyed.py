"""The view side of request keys (see claims.services.request_keys): read the key a write form
posted and run the write with it, so a repeat of the same request is answered, not applied."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from claims.services import request_keys
from claims.services.request_keys import AlreadyDone, EarlierOutcome

__all__ = ["AlreadyDone", "EarlierOutcome", "earlier", "once"]


def _key(request: HttpRequest) -> str:
    return request_keys.valid_key(request.POST.get(request_keys.KEY_FIELD))


def earlier(request: HttpRequest) -> EarlierOutcome | None:
    """The outcome of an earlier request with this request's key, if any."""
    return request_keys.request_key_find(
        by=request.user, key=_key(request), path=request.path, fields=request.POST
    )


def once(request: HttpRequest, outcome: str) -> Any:
    """``with once(request, "Saved."):`` the write; raises AlreadyDone for a repeat."""
    return request_keys.once(
        by=request.user, key=_key(request), path=request.path, fields=request.POST, outcome=outcome
    )
