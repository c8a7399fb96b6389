from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from claims.audit import audit_context
from claims.models import Channel


class AuditChannelMiddleware:
    """Every request is one editorial action: its events share a channel and correlation id."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        channel = Channel.ADMIN if request.path.startswith("/admin/") else Channel.WEB
        with audit_context(channel=channel):
            return self.get_response(request)
