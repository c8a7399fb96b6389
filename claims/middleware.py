from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from claims.audit import audit_context
from claims.models import Channel
from claims.permissions import can_view_desk


class AuditChannelMiddleware:
    """Every request is one editorial action: its events share a channel and correlation id."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        channel = Channel.ADMIN if request.path.startswith("/admin/") else Channel.WEB
        with audit_context(channel=channel):
            return self.get_response(request)


class DeskRoleMiddleware:
    """A logged-in account without a desk role (Viewer and up) sees a clear 403, not the desk."""

    OPEN_PREFIXES = ("/admin/", "/logout/", "/static/")

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Callable[..., Any], *args: Any
    ) -> HttpResponse | None:
        if not getattr(view_func, "login_required", True):
            return None
        if request.path.startswith(self.OPEN_PREFIXES):
            return None
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or can_view_desk(user):
            return None
        return render(request, "403_no_role.html", status=403)
