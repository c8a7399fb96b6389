"""Accounts: health check, the client address behind the proxy, the lockout page."""

from __future__ import annotations

import ipaddress
from datetime import datetime
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


@login_not_required
@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness and readiness: answers 200 only when the database answers."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any database failure means "not ready"
        return JsonResponse({"status": "error", "database": type(exc).__name__}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def _address(text: str) -> str | None:
    try:
        return str(ipaddress.ip_address(text.strip()))
    except ValueError:
        return None


def client_ip_address(request: HttpRequest) -> str | None:
    """The client's address for login throttling (django-axes' AXES_CLIENT_IP_CALLABLE).

    Without ``BEHIND_TLS_PROXY`` it is the connection's own address: a forwarding header
    could be sent by anyone and is ignored. Behind the proxy every connection comes from the
    proxy, which appends the address it saw to ``X-Forwarded-For``; the right-most entry is
    that one (entries to its left came from the client and could be forged).
    """
    remote = request.META.get("REMOTE_ADDR", "")
    if not settings.BEHIND_TLS_PROXY:
        return remote or None
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    entries = [entry for entry in forwarded.split(",") if entry.strip()]
    if entries:
        client = _address(entries[-1])
        if client is not None:
            return client
    return remote or None


def retry_time(request: HttpRequest, credentials: dict[str, Any] | None) -> datetime | None:
    """When the failures that locked this user name and address out stop counting."""
    from axes.handlers.proxy import AxesProxyHandler
    from axes.helpers import get_cool_off

    cool_off = get_cool_off(request)
    if cool_off is None:
        return None
    handler = AxesProxyHandler.get_implementation()
    latest = None
    for attempts in handler.get_user_attempts(request, credentials):
        newest = attempts.order_by("-attempt_time").values_list("attempt_time", flat=True).first()
        if newest is not None and (latest is None or newest > latest):
            latest = newest
    if latest is None:
        return None
    return latest + cool_off


def locked_out(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict[str, Any] | None = None,
) -> HttpResponse:
    """django-axes' lockout answer (AXES_LOCKOUT_CALLABLE): the desk's page, with the time."""
    retry_at = retry_time(request, credentials)
    minutes = None
    if retry_at is not None:
        seconds = max(0, (retry_at - timezone.now()).total_seconds())
        minutes = max(1, int(-(-seconds // 60)))
    context = {"retry_at": retry_at, "retry_minutes": minutes}
    response = render(request, "registration/locked_out.html", context, status=429)
    if retry_at is not None:
        response["Retry-After"] = str(minutes * 60 if minutes else 60)
    return response
