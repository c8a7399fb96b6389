"""The header links to the desk's pages by role: what a user may open, and nothing else."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse


def header_of(user: Any) -> str:
    client = Client()
    client.force_login(user)
    page = client.get(reverse("claims:dashboard")).content.decode()
    return page.split('<nav aria-label="Main">', 1)[1].split("</nav>", 1)[0]


def links(header: str, *names: str) -> dict[str, bool]:
    return {name: f'href="{reverse(name)}"' in header for name in names}


@pytest.mark.parametrize("persona", ["reporter", "editor", "admin_user"])
def test_reporters_and_editors_find_feeds_watches_and_webhooks(
    persona: str, request: pytest.FixtureRequest
) -> None:
    header = header_of(request.getfixturevalue(persona))
    assert links(header, "claims:feeds", "claims:watches", "claims:webhooks") == {
        "claims:feeds": True,
        "claims:watches": True,
        "claims:webhooks": True,
    }
    assert ">Feeds</a>" in header and ">Watches</a>" in header and ">Webhooks</a>" in header


def test_a_viewer_finds_watches_and_webhooks_but_not_feeds(viewer: Any) -> None:
    header = header_of(viewer)
    assert links(header, "claims:feeds", "claims:watches", "claims:webhooks") == {
        "claims:feeds": False,
        "claims:watches": True,
        "claims:webhooks": True,
    }


def test_every_header_link_opens_for_the_user_it_is_shown_to(viewer: Any, reporter: Any) -> None:
    for user in (viewer, reporter):
        client = Client()
        client.force_login(user)
        header = header_of(user)
        for name in ("claims:feeds", "claims:watches", "claims:webhooks"):
            if f'href="{reverse(name)}"' in header:
                assert client.get(reverse(name)).status_code == 200, (user, name)


def test_an_account_with_no_desk_role_is_not_offered_them(outsider: Any) -> None:
    client = Client()
    client.force_login(outsider)
    page = client.get(reverse("claims:dashboard")).content.decode()
    for name in ("claims:feeds", "claims:watches", "claims:webhooks"):
        assert f'href="{reverse(name)}"' not in page
