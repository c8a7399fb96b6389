"""Fact-sheet pages: roles, htmx and plain forms, query budgets, exports, bulk export."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from claims import services
from claims.models import FactSheetEntry, FactSheetVersion
from claims.tests.factsheet_desk import desk_sheet, many_claims

HX: dict[str, Any] = {"HTTP_HX_REQUEST": "true"}


def login(client: Client, user: Any) -> Client:
    client.force_login(user)
    return client


@pytest.fixture
def desk(reporter: Any, editor: Any, source: Any) -> dict[str, Any]:
    return desk_sheet(reporter, editor, source)


@pytest.fixture
def big_sheet(reporter: Any, editor: Any) -> Any:
    sheet = services.factsheet_create(by=editor, title="Big")
    section = services.factsheet_section_add(sheet=sheet, by=editor, title="All")
    for claim in many_claims(reporter, editor, 50):
        services.factsheet_claim_add(sheet=sheet, by=editor, claim=claim, section=section)
    return sheet


def test_the_nav_links_to_fact_sheets(client, viewer):
    login(client, viewer)
    page = client.get(reverse("claims:dashboard")).content.decode()
    assert reverse("claims:factsheet_list") in page


def test_outsiders_get_403_everywhere(client, outsider, desk):
    login(client, outsider)
    sheet = desk["sheet"]
    for url in (
        reverse("claims:factsheet_list"),
        reverse("claims:factsheet", args=[sheet.pk]),
        reverse("claims:factsheet_draft_export", args=[sheet.pk, "csv"]),
        reverse("claims:claims_export", args=["csv"]),
    ):
        assert client.get(url).status_code == 403, url


def test_anonymous_visitors_are_sent_to_log_in(client, desk):
    response = client.get(reverse("claims:factsheet", args=[desk["sheet"].pk]))
    assert response.status_code == 302 and "login" in response["Location"]


def test_viewers_read_published_versions_but_not_drafts(client, viewer, editor, desk):
    sheet = desk["sheet"]
    login(client, viewer)
    assert client.get(reverse("claims:factsheet", args=[sheet.pk])).status_code == 404
    assert client.get(reverse("claims:factsheet_list")).content.decode().count("Troops") == 0
    draft = reverse("claims:factsheet_draft_export", args=[sheet.pk, "csv"])
    assert client.get(draft).status_code == 403
    services.factsheet_publish(sheet=sheet, by=editor)
    response = client.get(reverse("claims:factsheet", args=[sheet.pk]))
    assert response["Location"] == reverse("claims:factsheet_version", args=[sheet.pk, 1])
    page = client.get(response["Location"])
    assert page.status_code == 200 and "Version 1, published" in page.content.decode()
    export = reverse("claims:factsheet_version_export", args=[sheet.pk, 1, "json"])
    assert json.loads(b"".join([client.get(export).content]))["publication"]["version"] == 1


def test_viewers_and_reporters_cannot_curate(client, viewer, reporter, desk):
    sheet = desk["sheet"]
    claim_id = desk["claims"][0].pk
    for user in (viewer, reporter):
        login(client, user)
        move = reverse("claims:factsheet_entry_move", args=[sheet.pk, claim_id])
        assert client.post(move, {"direction": "down"}).status_code == 403
        assert client.post(reverse("claims:factsheet_publish", args=[sheet.pk])).status_code == 403
        assert client.post(reverse("claims:factsheet_create"), {"title": "x"}).status_code == 403


def test_an_editor_builds_a_sheet_with_plain_forms(client, editor, open_claim):
    login(client, editor)
    response = client.post(reverse("claims:factsheet_create"), {"title": "Plain"})
    sheet_url = response["Location"]
    sheet_id = int(sheet_url.rstrip("/").split("/")[-1])
    add = reverse("claims:factsheet_add_claim", args=[open_claim.pk])
    response = client.post(add, {"sheet": sheet_id, "next": "https://evil.example/"})
    assert response.status_code == 302
    assert response["Location"] == reverse("claims:detail", args=[open_claim.pk])
    note = reverse("claims:factsheet_entry_note", args=[sheet_id, open_claim.pk])
    assert client.post(note, {"note": "Check again"})["Location"] == sheet_url
    assert FactSheetEntry.objects.get(sheet_id=sheet_id).note == "Check again"
    response = client.post(reverse("claims:factsheet_publish", args=[sheet_id]))
    assert response["Location"] == reverse("claims:factsheet_version", args=[sheet_id, 1])


def test_htmx_actions_answer_with_the_builder_and_its_preview(client, editor, desk):
    sheet = desk["sheet"]
    c = desk["claims"][2].pk
    login(client, editor)
    move = reverse("claims:factsheet_entry_move", args=[sheet.pk, c])
    response = client.post(move, {"direction": "up"}, **HX)
    page = response.content.decode()
    assert response.status_code == 200 and page.lstrip().startswith('<div id="builder"')
    assert "Moved." in page and 'class="factsheet"' in page
    assert "<html" not in page
    assert page.index(f"fs-entry-{c}") < page.index(f"fs-entry-{desk['claims'][1].pk}")


def test_a_builder_error_comes_back_in_the_builder(client, editor):
    sheet = services.factsheet_create(by=editor, title="Empty")
    login(client, editor)
    response = client.post(reverse("claims:factsheet_publish", args=[sheet.pk]), **HX)
    assert response.status_code == 200 and "at least one claim" in response.content.decode()


def test_a_stale_title_edit_is_refused_in_the_builder(client, editor, desk):
    sheet = desk["sheet"]
    login(client, editor)
    url = reverse("claims:factsheet_edit", args=[sheet.pk])
    data = {"title": "New", "summary": "", "revision": sheet.revision - 1}
    response = client.post(url, data, **HX)
    assert "Someone changed this fact sheet" in response.content.decode()


def test_the_builder_is_csp_clean(client, editor, desk):
    login(client, editor)
    page = client.get(reverse("claims:factsheet", args=[desk["sheet"].pk])).content.decode()
    assert "hx-on" not in page and " style=" not in page and "<style" not in page
    assert "<script>" not in page and "javascript:" not in page.replace(
        "[click](javascript:alert(1))", ""
    ).replace("(javascript:x)", "")
    assert 'aria-keyshortcuts="Alt+ArrowUp"' in page


def test_the_claim_page_offers_add_to_fact_sheet(client, editor, open_claim):
    login(client, editor)
    page = client.get(reverse("claims:detail", args=[open_claim.pk])).content.decode()
    assert "Add to fact sheet" in page
    response = client.post(
        reverse("claims:factsheet_add_claim", args=[open_claim.pk]),
        {"new_title": "From the claim page"},
        **HX,
    )
    body = response.content.decode()
    assert "Added to “From the claim page”" in body
    assert body.lstrip().startswith("<section") and "<html" not in body


def test_the_builder_page_keeps_its_query_budget_with_50_claims(
    client, editor, big_sheet, django_assert_max_num_queries
):
    login(client, editor)
    url = reverse("claims:factsheet", args=[big_sheet.pk])
    with django_assert_max_num_queries(16):
        response = client.get(url)
    assert response.content.decode().count("data-fs-entry") == 50
    with django_assert_max_num_queries(16):
        assert client.get(url, **HX).status_code == 200


def test_the_version_page_and_exports_keep_their_query_budget_with_50_claims(
    client, viewer, editor, big_sheet, django_assert_max_num_queries
):
    services.factsheet_publish(sheet=big_sheet, by=editor)
    login(client, viewer)
    with django_assert_max_num_queries(10):
        page = client.get(reverse("claims:factsheet_version", args=[big_sheet.pk, 1]))
    assert page.content.decode().count('class="fs-claim') == 50
    for fmt in ("html", "md", "csv", "json", "claimreview"):
        url = reverse("claims:factsheet_version_export", args=[big_sheet.pk, 1, fmt])
        with django_assert_max_num_queries(8):
            response = client.get(url)
        assert response.status_code == 200
        assert f"factsheet-{big_sheet.pk}-v1" in response["Content-Disposition"]


def test_the_list_keeps_its_query_budget(client, editor, reporter, django_assert_max_num_queries):
    for i in range(50):
        services.factsheet_create(by=editor, title=f"Sheet {i}")
    login(client, reporter)
    with django_assert_max_num_queries(8):
        page = client.get(reverse("claims:factsheet_list")).content.decode()
    assert page.count("Sheet ") >= 50


def test_the_version_page_says_what_changed_since_publication(client, editor, desk):
    services.factsheet_publish(sheet=desk["sheet"], by=editor)
    from claims.models import Claim

    claim = Claim.objects.get(pk=desk["claims"][0].pk)
    services.claim_edit(
        claim=claim, by=editor, expected_version=claim.version, changes={"as_of": "later"}
    )
    login(client, editor)
    page = client.get(reverse("claims:factsheet_version", args=[desk["sheet"].pk, 1]))
    assert "Changed since publication" in page.content.decode()


def test_two_versions_compare_side_by_side(client, editor, viewer, desk):
    sheet = desk["sheet"]
    services.factsheet_publish(sheet=sheet, by=editor)
    entry = FactSheetEntry.objects.get(sheet=sheet, claim=desk["claims"][0])
    services.factsheet_claim_remove(entry=entry, by=editor)
    services.factsheet_publish(sheet=sheet, by=editor)
    login(client, viewer)
    page = client.get(reverse("claims:factsheet_compare", args=[sheet.pk]), {"a": 1, "b": 2})
    body = page.content.decode()
    assert page.status_code == 200 and "removed" in body and "Version 1" in body
    assert "Version 2" in body


def test_a_published_download_is_byte_identical_later(client, editor, viewer, desk):
    services.factsheet_publish(sheet=desk["sheet"], by=editor)
    login(client, viewer)
    url = reverse("claims:factsheet_version_export", args=[desk["sheet"].pk, 1, "md"])
    first = client.get(url).content
    from claims.models import Claim

    claim = Claim.objects.get(pk=desk["claims"][0].pk)
    services.claim_edit(
        claim=claim, by=editor, expected_version=claim.version, changes={"statement": "Other"}
    )
    assert client.get(url).content == first
    assert FactSheetVersion.objects.count() == 1


def test_an_unknown_format_is_404(client, editor, desk):
    login(client, editor)
    url = reverse("claims:factsheet_draft_export", args=[desk["sheet"].pk, "exe"])
    assert client.get(url).status_code == 404


def test_the_print_page_opens_in_the_browser_and_forbids_scripts(client, editor, desk):
    login(client, editor)
    url = reverse("claims:factsheet_draft_export", args=[desk["sheet"].pk, "html"])
    response = client.get(url)
    assert "default-src 'none'" in response["Content-Security-Policy"]
    # "Web page (print)" is read in the browser, not saved as a file.
    name = f"factsheet-{desk['sheet'].pk}-draft.html"
    assert response["Content-Disposition"] == f'inline; filename="{name}"'


# --- Bulk export ----------------------------------------------------------------------------


def test_bulk_csv_streams_every_claim_matching_the_filters(
    client, reporter, editor, viewer, django_assert_max_num_queries
):
    claims = many_claims(reporter, editor, 60)
    login(client, viewer)
    url = reverse("claims:claims_export", args=["csv"])
    with django_assert_max_num_queries(12):
        response = client.get(url, {"state": "open"})
        body = b"".join(response.streaming_content).decode()
    rows = list(csv.DictReader(io.StringIO(body)))
    assert sorted(int(r["claim_id"]) for r in rows) == sorted(c.pk for c in claims)
    assert all(float(r["value"]) == 10000 for r in rows)
    assert rows[0]["speaker"] == "Officials" and "Report 0" in rows[0]["sources"]


def test_bulk_json_uses_the_queue_filters(client, reporter, editor, viewer):
    claims = many_claims(reporter, editor, 3)
    login(client, viewer)
    response = client.get(
        reverse("claims:claims_export", args=["json"]), {"state": "all", "q": "1001 soldiers"}
    )
    data = json.loads(b"".join(response.streaming_content))
    assert [c["claim_id"] for c in data["claims"]] == [claims[1].pk]
    assert data["claims"][0]["quantity"]["value"] == 10000


def test_viewers_do_not_get_candidates_in_the_bulk_export(client, viewer, candidate):
    login(client, viewer)
    response = client.get(reverse("claims:claims_export", args=["json"]), {"state": "all"})
    assert json.loads(b"".join(response.streaming_content))["claims"] == []


def test_bulk_export_neutralises_formulas(client, reporter, editor, desk):
    login(client, editor)
    response = client.get(reverse("claims:claims_export", args=["csv"]), {"state": "all"})
    body = b"".join(response.streaming_content).decode()
    for row in csv.reader(io.StringIO(body)):
        for cell in row[1:]:
            assert not cell.lstrip(" ").startswith(("=", "+", "@")), cell
