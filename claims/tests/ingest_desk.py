"""Shared pieces of the ingest integration tests (claims/tests/test_ingest_*.py).

Re-exports the library tests' loopback HTTP server, patched resolver and network guard (import
them into a test module to use them there: the guard is autouse in every module that imports
it), adds the pages these tests serve, and a ``desk_fetch`` fixture: the production fetch
policy from settings, except that the test server's port is allowed and 127.0.0.1 (and only
it) stands in for a public address, through the explicit test-only setting.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from claims.tests.ingest.conftest import (
    ROUTES,
    FakeResolver,
    Handler,
    LoopbackServer,
    NetworkGuard,
    http_server,
    network_guard,
    resolver,
    server,
)
from claims.tests.ingest.pages import ARTICLE_HTML, ARTICLE_TITLE, HOSTILE_HTML, make_pdf

__all__ = [
    "ARTICLE_HTML",
    "ARTICLE_TITLE",
    "CHANGING",
    "HOSTILE_HTML",
    "DeskFetch",
    "FakeResolver",
    "LoopbackServer",
    "NetworkGuard",
    "desk_fetch",
    "http_server",
    "make_pdf",
    "network_guard",
    "resolver",
    "server",
]

# A page whose text the test changes between fetches (a stealth edit).
CHANGING: dict[str, bytes] = {}


def page(title: str, *paragraphs: str, canonical: str = "", site: str = "Valley Gazette") -> bytes:
    """An article page we wrote, with its metadata."""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    link = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{title}</title><meta property='og:site_name' content='{site}'>"
        "<meta name='author' content='Pia Lund'>"
        "<meta property='article:published_time' content='2024-06-02T07:00:00Z'>"
        f"{link}</head><body><article><h1>{title}</h1>{body}</article></body></html>"
    ).encode()


def _changing(handler: Handler, query: dict[str, list[str]]) -> None:
    handler.send_body(200, CHANGING["body"], "text/html; charset=utf-8")


ROUTES["/desk/changing"] = _changing
ROUTES["/desk/grain"] = lambda h, q: h.send_body(
    200,
    page(
        "Grain corridor update",
        "The port authority said 42 ships left the harbour in May, carrying 1.3 million tonnes "
        "of wheat and maize.",
        "Insurers raised premiums by 15 percent after two vessels were struck.",
        canonical="http://news.test/grain",
    ),
    "text/html; charset=utf-8",
)
ROUTES["/desk/real-article"] = lambda h, q: h.send_body(
    200,
    page(
        "Harbour fees frozen",
        "The harbour board froze mooring fees at 310 euros a year for small boats.",
        canonical="http://news.test/real-article",
    ),
    "text/html; charset=utf-8",
)
# Served on a subdomain (attacker.news.test), claiming to be the real article.
ROUTES["/desk/impostor"] = lambda h, q: h.send_body(
    200,
    page(
        "Harbour fees frozen",
        "The harbour board doubled mooring fees to 620 euros a year for small boats.",
        canonical="http://news.test/real-article",
    ),
    "text/html; charset=utf-8",
)


@dataclass
class DeskFetch:
    server: LoopbackServer
    resolver: FakeResolver
    guard: NetworkGuard

    def url(self, path: str, host: str = "news.test") -> str:
        return self.server.url(path, host=host)


@pytest.fixture
def desk_fetch(
    settings: Any,
    server: LoopbackServer,
    resolver: FakeResolver,
    network_guard: NetworkGuard,
) -> Iterator[DeskFetch]:
    settings.INGEST_ALLOWED_PORTS = [80, 443, server.port]
    settings.INGEST_TEST_ALLOWED_ADDRESSES = ["127.0.0.1"]
    settings.INGEST_TOTAL_TIMEOUT = 5
    settings.INGEST_CONNECT_TIMEOUT = 2
    assert settings.INGEST_ALLOW_LOOPBACK is False
    resolver.add("news.test", ["127.0.0.1"])
    CHANGING.clear()
    yield DeskFetch(server=server, resolver=resolver, guard=network_guard)
