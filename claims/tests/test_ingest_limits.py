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
