"""Hostile parameters get a clear answer, never a 500: NUL bytes (PostgreSQL cannot store
them), digits that are not ASCII ("²"), numbers beyond any column, and odd cursors.

Every POST of the desk is parsed by a form; every number read from a URL is checked.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse

from claims import services
from claims.models import Claim, ClaimEvent, FactSheet, FactSheetEntry, FactSheetSection, Source

pytestmark = pytest.mark.django_db

NUL = "a\x00b"
HOSTILE = [NUL, "\u00b2", "\u0661\u0662", "9" * 30, "-1", "1e999", "nan"]
HUGE = "9" * 25


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def fetch(client: Client, method: str, url: str, data: Any) -> int:
    """The status of one request; a server error fails the test with its exception.

    Each request runs in a savepoint, so that on PostgreSQL one failed statement does not
    abort the test's transaction for the requests after it.
    """
    with transaction.atomic():
        response = getattr(client, method)(url, data)
        if getattr(response, "streaming", False):
            b"".join(response.streaming_content)
    return int(response.status_code)


@pytest.fixture
def desk(editor: Any, source: Source, open_claim: Claim, candidate: Claim) -> dict[str, Any]:
    sheet = services.factsheet_create(by=editor, title="Troops")
    services.factsheet_claim_add(sheet=sheet, by=editor, claim=open_claim)
    section = services.factsheet_section_add(sheet=sheet, by=editor, title="Front")
    evidence = services.evidence_link(
        claim=open_claim, by=editor, relation="context", target_source=source
    )
    services.factsheet_publish(sheet=sheet, by=editor)
    return {
        "sheet": sheet.pk,
        "claim": open_claim.pk,
        "candidate": candidate.pk,
        "section": section.pk,
        "evidence": evidence.pk,
        "source": source.pk,
    }


def post_forms(d: dict[str, Any]) -> dict[str, list[str]]:
    sheet, claim, section = d["sheet"], d["claim"], d["section"]
    return {
        reverse("claims:factsheet_create"): ["title", "summary"],
        reverse("claims:factsheet_edit", args=[sheet]): ["title", "summary", "revision"],
        reverse("claims:factsheet_archive", args=[sheet]): ["archived"],
        reverse("claims:factsheet_section_add", args=[sheet]): ["title"],
        reverse("claims:factsheet_section_rename", args=[sheet, section]): ["title"],
        reverse("claims:factsheet_section_move", args=[sheet, section]): ["direction"],
        reverse("claims:factsheet_entry_move", args=[sheet, claim]): ["direction"],
        reverse("claims:factsheet_entry_section", args=[sheet, claim]): ["section"],
        reverse("claims:factsheet_entry_note", args=[sheet, claim]): ["note"],
        reverse("claims:factsheet_add_claim", args=[claim]): ["new_title", "sheet", "next"],
        reverse("claims:bulk"): ["action", "pick", "sheet", "next"],
        reverse("claims:accept", args=[d["candidate"]]): ["version", "reason", "from", "next"],
        reverse("claims:verdict", args=[claim]): ["version", "verdict", "reason", "evidence"],
        reverse("claims:edit", args=[claim]): ["version", "statement", "value", "subject"],
        reverse("claims:merge", args=[claim]): [
            "duplicate",
            "version",
            "duplicate_version",
            "reason",
        ],
        reverse("claims:link_evidence", args=[claim]): [
            "q",
            "relation",
            "target",
            "target_claim",
            "note",
            "passage_start",
        ],
        reverse("claims:unlink_evidence", args=[d["evidence"]]): ["reason"],
        reverse("claims:revert", args=[claim]): ["event", "version", "reason"],
        reverse("claims:new_claim", args=[d["source"]]): [
            "start",
            "end",
            "quote",
            "statement",
            "speaker",
        ],
        reverse("claims:ingest_text"): ["title", "author", "text", "outlet", "published"],
        reverse("claims:ingest_url"): ["url", "outlet"],
    }


def get_params(d: dict[str, Any]) -> dict[str, list[str]]:
    return {
        reverse("claims:list"): ["q", "after", "source", "outlet", "speaker"],
        reverse("claims:list") + "?sort=newest": ["after"],
        reverse("claims:list") + "?sort=mentions": ["after"],
        reverse("claims:source_list"): ["q", "page"],
        reverse("claims:evidence_search", args=[d["claim"]]): ["q"],
        reverse("claims:audit_log"): ["actor", "claim", "before", "action"],
        reverse("claims:audit_csv"): ["claim", "actor"],
        reverse("claims:factsheet_compare", args=[d["sheet"]]): ["a", "b"],
        reverse("claims:new_claim", args=[d["source"]]): ["start", "end"],
        reverse("claims:claims_export", args=["csv"]): ["q", "source"],
    }


def test_no_hostile_value_in_any_post_field_is_a_server_error(
    editor: Any, desk: dict[str, Any]
) -> None:
    client = client_for(editor)
    for url, fields in post_forms(desk).items():
        for field in fields:
            for value in HOSTILE:
                data = {"version": "1", "title": "x", "text": "Some 12 soldiers.", field: value}
                if field == "q":
                    data["find"] = "1"
                if field == "pick":
                    data = {"action": "accept", "pick": f"{value}:{value}"}
                status = fetch(client, "post", url, data)
                assert status < 500, (url, field, value, status)


def test_no_hostile_value_in_any_query_parameter_is_a_server_error(
    editor: Any, desk: dict[str, Any]
) -> None:
    client = client_for(editor)
    for url, fields in get_params(desk).items():
        for field in fields:
            for value in [*HOSTILE, "1e999_5", f"5_{HUGE}", f"{HUGE}_5", "inf_3"]:
                status = fetch(client, "get", url, {field: value})
                assert status < 500, (url, field, value, status)


@pytest.mark.parametrize(
    "path",
    [
        f"/claims/{HUGE}/",
        f"/sources/{HUGE}/",
        f"/factsheets/{HUGE}/",
        "/claims/{claim}/as-of/" + HUGE + "/",
        "/factsheets/{sheet}/versions/" + HUGE + "/",
    ],
)
def test_ids_beyond_any_column_are_not_found(editor: Any, desk: dict[str, Any], path: str) -> None:
    assert fetch(client_for(editor), "get", path.format(**desk), {}) == 404


@pytest.mark.parametrize(
    ("page", "expected"), [("1", 1), ("\u00b2", 1), (HUGE, 1), ("0", 1), ("3", 3)]
)
def test_the_sources_page_number_is_read_safely(reporter: Any, page: str, expected: int) -> None:
    response = client_for(reporter).get(reverse("claims:source_list"), {"page": page})
    assert response.status_code == 200 and response.context["page"] == expected


def test_an_audit_log_page_before_a_huge_id_is_the_first_page(editor: Any, candidate: Any) -> None:
    client = client_for(editor)
    for before in (HUGE, "\u00b2"):
        response = client.get(reverse("claims:audit_log"), {"before": before})
        assert response.status_code == 200 and response.context["events"]
    response = client.get(reverse("claims:audit_log"), {"claim": HUGE})
    assert response.status_code == 200
    assert "claim" in response.context["form"].errors


# --- NUL bytes: a clear refusal, nothing written -----------------------------------------


def counts() -> tuple[int, ...]:
    return (
        ClaimEvent.objects.count(),
        FactSheet.objects.count(),
        FactSheetSection.objects.count(),
        FactSheetEntry.objects.exclude(note="").count(),
    )


def nul_posts(d: dict[str, Any]) -> list[tuple[str, dict[str, str]]]:
    sheet, claim, section = d["sheet"], d["claim"], d["section"]
    return [
        (reverse("claims:factsheet_create"), {"title": NUL}),
        (reverse("claims:factsheet_create"), {"title": "Fine", "summary": NUL}),
        (reverse("claims:factsheet_edit", args=[sheet]), {"title": NUL, "revision": "99"}),
        (reverse("claims:factsheet_section_add", args=[sheet]), {"title": NUL}),
        (reverse("claims:factsheet_section_rename", args=[sheet, section]), {"title": NUL}),
        (reverse("claims:factsheet_entry_note", args=[sheet, claim]), {"note": NUL}),
        (reverse("claims:factsheet_add_claim", args=[claim]), {"new_title": NUL}),
        (reverse("claims:unlink_evidence", args=[d["evidence"]]), {"reason": NUL}),
        (
            reverse("claims:merge", args=[claim]),
            {"duplicate": str(d["candidate"]), "version": "1", "reason": NUL},
        ),
        (reverse("claims:link_evidence", args=[claim]), {"find": "1", "q": NUL}),
    ]


def test_a_nul_byte_in_a_posted_field_is_refused_and_writes_nothing(
    editor: Any, desk: dict[str, Any]
) -> None:
    client = client_for(editor)
    before = counts()
    for url, data in nul_posts(desk):
        with transaction.atomic():
            response = client.post(url, data, HTTP_HX_REQUEST="true")
        assert response.status_code == 200, (url, response.status_code)
        if "find" not in data:
            assert "Null characters are not allowed" in response.content.decode(), url
        assert counts() == before, url
