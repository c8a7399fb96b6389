from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from claims.audit import audit_context
from claims.bidi import neutralise_bidi_bytes
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
    """A logged-in account without a desk role (Viewer and up) sees a clear 403, not the desk.

    Their own account page stays open (password, two-factor, revoking their old API tokens);
    its views check the role for anything that needs one."""

    OPEN_PREFIXES = ("/admin/", "/logout/", "/static/", "/account/")

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


class NoStoreMiddleware:
    """Desk pages and exports are private: no browser or proxy cache keeps a copy.

    Every response but static files (served by whitenoise before this) gets
    ``Cache-Control: private, no-store``: pages, htmx fragments, exports, error pages and
    the admin. A shared computer's back button or disk cache then holds no claim, report or
    history once the editor has logged out.
    """

    VALUE = "private, no-store"

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not request.path.startswith(settings.STATIC_URL or "/static/"):
            response["Cache-Control"] = self.VALUE
        return response


class BidiNeutralMiddleware:
    """No page can be reordered on screen by a bidi control (see :mod:`claims.bidi`).

    Titles, names and typed fields are stripped of them on the way in; a report's text keeps
    them as it was brought in. Every HTML response (pages, htmx fragments, the HTML export)
    gets each control replaced by an inert zero-width space, which keeps character offsets
    (the reading view counts them) and shows the text in the order it is stored.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if getattr(response, "streaming", False):
            return response
        content_type = response.get("Content-Type", "")
        if not content_type.startswith("text/html"):
            return response
        body = response.content
        cleaned = neutralise_bidi_bytes(body)
        if cleaned != body:
            response.content = cleaned
            if response.has_header("Content-Length"):
                response["Content-Length"] = str(len(cleaned))
        return response
