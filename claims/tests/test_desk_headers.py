"""Headers every desk response carries: private, never stored by a browser or a proxy."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import reverse

from claims import services
from claims.models import Claim, Source

pytestmark = pytest.mark.django_db

NO_STORE = "private, no-store"


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def published(editor: Any, open_claim: Claim) -> Any:
    sheet = services.factsheet_create(by=editor, title="Troops")
    services.factsheet_claim_add(sheet=sheet, by=editor, claim=open_claim)
    return services.factsheet_publish(sheet=sheet, by=editor)


def desk_urls(claim: Claim, source: Source, version: Any) -> list[str]:
    sheet = version.sheet_id
    return [
        reverse("claims:dashboard"),
        reverse("claims:list"),
        reverse("claims:detail", args=[claim.pk]),
        reverse("claims:source_list"),
        reverse("claims:source_detail", args=[source.pk]),
        reverse("claims:factsheet_list"),
        reverse("claims:factsheet", args=[sheet]),
        reverse("claims:factsheet_version", args=[sheet, version.number]),
        reverse("claims:factsheet_compare", args=[sheet]),
        reverse("claims:audit_log"),
        reverse("claims:ingest"),
        reverse("claims:claims_export", args=["csv"]),
        reverse("claims:claims_export", args=["json"]),
        reverse("claims:audit_csv"),
        reverse("claims:audit_json"),
        *(
            reverse("claims:factsheet_version_export", args=[sheet, version.number, fmt])
            for fmt in ("html", "md", "csv", "json", "claimreview")
        ),
        reverse("claims:factsheet_draft_export", args=[sheet, "csv"]),
        reverse("claims:detail", args=[999999]),  # a 404 is a desk page too
    ]


def test_every_desk_page_and_export_is_private_and_never_stored(
    editor: Any, open_claim: Claim, source: Source, published: Any
) -> None:
    client = client_for(editor)
    for url in desk_urls(open_claim, source, published):
        response = client.get(url)
        assert response.status_code in (200, 404), (url, response.status_code)
        assert response["Cache-Control"] == NO_STORE, url


def test_htmx_fragments_and_posts_are_private_too(editor: Any, open_claim: Claim) -> None:
    client = client_for(editor)
    fragment = client.get(reverse("claims:detail", args=[open_claim.pk]), HTTP_HX_REQUEST="true")
    assert fragment["Cache-Control"] == NO_STORE
    posted = client.post(reverse("claims:factsheet_create"), {"title": "Grain"})
    assert posted.status_code == 302 and posted["Cache-Control"] == NO_STORE


def test_a_viewer_and_a_refusal_get_the_same_header(viewer: Any, outsider: Any) -> None:
    assert client_for(viewer).get(reverse("claims:list"))["Cache-Control"] == NO_STORE
    refused = client_for(outsider).get(reverse("claims:list"))
    assert refused.status_code == 403 and refused["Cache-Control"] == NO_STORE


def test_static_files_keep_their_own_caching(editor: Any, settings: Any) -> None:
    assert finders.find("js/app.js")
    response = client_for(editor).get("/static/js/app.js")
    assert response.get("Cache-Control", "") != NO_STORE
