"""Reports at the edge of what the desk keeps: over-long addresses, chunked pastes over the
limit, and two reports naming the same new outlet at once. Each gets a clear answer."""

# ruff: noqa: F401, F811 -- fixtures imported from claims.tests.ingest_desk are used as parameters

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from claims import services
from claims.models import ClaimEvent, Entity, Source
from claims.tests.ingest.conftest import ROUTES
from claims.tests.ingest_desk import (
    DeskFetch,
    desk_fetch,
    http_server,
    network_guard,
    page,
    resolver,
    server,
)

pytestmark = pytest.mark.django_db

BY_URL = reverse("claims:ingest_url")
BY_TEXT = reverse("claims:ingest_text")
HX: dict[str, Any] = {"HTTP_HX_REQUEST": "true"}
LONG = "x" * 2100
TEXT = "The county said 9,000 vehicles cross the old bridge each day."

ROUTES["/desk/article"] = lambda h, q: h.send_body(
    200, page("Bridge traffic", TEXT), "text/html; charset=utf-8"
)
ROUTES["/desk/to-long"] = lambda h, q: h.redirect(f"/desk/article?pad={LONG}")
ROUTES["/desk/long-canonical"] = lambda h, q: h.send_body(
    200,
    page("Bridge traffic", TEXT, canonical=f"http://news.test/bridge?pad={LONG}"),
    "text/html; charset=utf-8",
)


@pytest.fixture
def rita(client: Client, reporter: User) -> Client:
    client.force_login(reporter)
    return client


def counts() -> tuple[int, int, int]:
    return Source.objects.count(), Entity.objects.count(), ClaimEvent.objects.count()


# --- Addresses over 2,000 characters -------------------------------------------------------


def test_a_final_address_over_2000_characters_is_refused_clearly(
    rita: Client, desk_fetch: DeskFetch
) -> None:
    before = counts()
    response = rita.post(BY_URL, {"url": desk_fetch.url("/desk/to-long"), "kind": "news"}, **HX)
    assert response.status_code == 200
    html = response.content.decode()
    assert "characters long" in html and "up to 2,000" in html
    assert counts() == before


def test_a_canonical_address_over_2000_characters_is_set_aside(
    rita: Client, desk_fetch: DeskFetch
) -> None:
    url = desk_fetch.url("/desk/long-canonical")
    response = rita.post(BY_URL, {"url": url, "kind": "news"})
    assert response.status_code == 302
    source = Source.objects.get()
    assert source.url == url and source.canonical_url == ""


def test_the_service_refuses_an_address_it_cannot_keep(reporter: User) -> None:
    with pytest.raises(ValidationError) as caught:
        services.source_create(
            by=reporter, text=TEXT, title="t", url=f"https://example.org/?{LONG}", extract=False
        )
    assert "up to 2,000" in str(caught.value)
    assert Source.objects.count() == 0


# --- A paste sent chunked (no Content-Length), as gunicorn hands it on -----------------------


def wsgi_post(client: Client, path: str, body: bytes) -> tuple[str, str]:
    """POST ``body`` through the project's WSGI application as gunicorn passes a chunked
    request: no CONTENT_LENGTH, the de-chunked body in wsgi.input, wsgi.input_terminated."""
    import io
    import sys

    from django.core import signals
    from django.db import close_old_connections

    from factdesk.wsgi import application

    client.get(reverse("claims:ingest"))  # sets the CSRF cookie
    cookies = "; ".join(f"{k}={v.value}" for k, v in client.cookies.items())
    environ = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": path,
        "SCRIPT_NAME": "",
        "QUERY_STRING": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "CONTENT_TYPE": "application/x-www-form-urlencoded",
        "HTTP_TRANSFER_ENCODING": "chunked",
        "HTTP_COOKIE": cookies,
        "HTTP_X_CSRFTOKEN": client.cookies["csrftoken"].value,
        "HTTP_HX_REQUEST": "true",
        "wsgi.input": io.BytesIO(body),
        "wsgi.input_terminated": True,
        "wsgi.errors": sys.stderr,
        "wsgi.url_scheme": "http",
        "wsgi.version": (1, 0),
        "wsgi.multithread": False,
        "wsgi.multiprocess": False,
        "wsgi.run_once": False,
    }
    status: list[str] = []

    def start_response(line: str, headers: list[tuple[str, str]], exc_info: Any = None) -> None:
        status.append(line)

    # As Django's test client does: keep the test's transaction open across the request.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        chunks = application(environ, start_response)
        html = b"".join(chunks).decode()
        getattr(chunks, "close", lambda: None)()
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)
    return status[0], html


def form_body(text: str) -> bytes:
    from urllib.parse import urlencode

    return urlencode({"title": "Chunked", "kind": "news", "text": text}).encode()


def test_a_chunked_paste_over_the_limit_is_told_it_is_too_long(rita: Client, settings: Any) -> None:
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    before = counts()
    status, html = wsgi_post(rita, BY_TEXT, form_body("word " * 5000))
    assert status.startswith("200"), status
    assert "upload it as a .txt file instead" in html
    assert counts() == before


def test_a_chunked_paste_within_the_limit_is_brought_in(rita: Client) -> None:
    status, _html = wsgi_post(rita, BY_TEXT, form_body(TEXT))
    assert status.startswith("200"), status  # htmx: the client is sent to the new report
    source = Source.objects.get()
    assert source.title == "Chunked" and source.text == TEXT


def test_a_chunked_body_is_read_no_further_than_the_cap() -> None:
    import io

    from factdesk.chunked import ChunkedBodies

    seen: dict[str, Any] = {}

    def app(environ: dict[str, Any], start_response: Any) -> list[bytes]:
        seen["length"] = environ.get("CONTENT_LENGTH")
        seen["body"] = environ["wsgi.input"].read()
        return []

    source = io.BytesIO(b"y" * 5000)
    environ = {
        "wsgi.input": source,
        "wsgi.input_terminated": True,
        "HTTP_TRANSFER_ENCODING": "chunked",
    }
    ChunkedBodies(app, cap=lambda: 1000)(environ, lambda *a: None)
    assert seen["length"] == "1001" and len(seen["body"]) == 1001
    assert source.tell() == 1001  # the rest was never read
    # Servers that do not de-chunk are left alone.
    plain: dict[str, Any] = {"wsgi.input": io.BytesIO(b"z"), "HTTP_TRANSFER_ENCODING": "chunked"}
    ChunkedBodies(app, cap=lambda: 1000)(plain, lambda *a: None)
    assert seen["length"] is None
