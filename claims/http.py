"""Typing helpers for requests that went through django-htmx's middleware."""

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails


class HtmxHttpRequest(HttpRequest):
    """Annotate views with this: ``request.htmx`` is set by HtmxMiddleware on every request."""

    htmx: HtmxDetails
