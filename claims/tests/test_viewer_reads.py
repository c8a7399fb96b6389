"""What viewers read: only the desk's accepted work, on every read path.

Candidates and rejected claims are the desk's own business: a viewer never reads their
statement, figure or number, not as an evidence target on a claim page, not in the claims
export, not in a published fact sheet or any of its exports. A fact sheet's live title is not
public until it is published.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from claims import exports, services
from claims.exports.content import load_content
from claims.models import Claim, ClaimState, FactSheet, Relation, Source

pytestmark = pytest.mark.django_db

CANDIDATE_WORDS = "Unreviewed machine output about rice"
REJECTED_WORDS = "Rejected figure on monthly pay"
OPEN_WORDS = "Accepted figure on the front"


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def claim_with(by: Any, source: Source, quote: str, statement: str, **quantity: Any) -> Claim:
    start = source.text.index(quote)
    fields = {"value": Decimal(1), "qualifier": "=", "unit_name": "thing", "dimension": "count"}
    fields.update(quantity)
    return services.claim_create(
        by=by,
        source=source,
        start=start,
        end=start + len(quote),
        quote=quote,
        statement=statement,
        quantity=fields,
    )


@pytest.fixture
def linked(reporter: Any, editor: Any, source: Source) -> dict[str, Claim]:
    """An open claim whose evidence points at a candidate, a rejected and an open claim."""
    main = claim_with(editor, source, "more than 10,000 soldiers", "Main claim on soldiers")
    main = services.claim_accept(claim=main, by=editor, expected_version=main.version)
    candidate = claim_with(reporter, source, "700,000 tons of rice", CANDIDATE_WORDS)
    rejected = claim_with(reporter, source, "US$2,000 a month", REJECTED_WORDS)
    rejected = services.claim_reject(
        claim=rejected, by=editor, expected_version=rejected.version, reason="Not a claim."
    )
    accepted = claim_with(reporter, source, "400 square kilometres", OPEN_WORDS)
    accepted = services.claim_accept(claim=accepted, by=editor, expected_version=accepted.version)
    for target, relation in (
        (candidate, Relation.CONTRADICTS),
        (rejected, Relation.CORROBORATES),
        (accepted, Relation.CONTEXT),
    ):
        services.evidence_link(claim=main, by=reporter, relation=relation, target_claim=target)
    return {"main": main, "candidate": candidate, "rejected": rejected, "open": accepted}


def body(response: Any) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


# --- Evidence targets ---------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_the_claims_export_gives_viewers_no_link_to_an_unaccepted_claim(
    viewer: Any, reporter: Any, linked: dict[str, Claim], fmt: str
) -> None:
    url = reverse("claims:claims_export", args=[fmt])
    seen = body(client_for(viewer).get(url, {"state": "all"}))
    assert OPEN_WORDS in seen
    assert CANDIDATE_WORDS not in seen and REJECTED_WORDS not in seen
    if fmt == "json":
        main = next(c for c in json.loads(seen)["claims"] if c["claim_id"] == linked["main"].pk)
        assert [e["claim_id"] for e in main["evidence"]] == [linked["open"].pk]
    desk = body(client_for(reporter).get(url, {"state": "all"}))
    assert CANDIDATE_WORDS in desk and REJECTED_WORDS in desk


def test_the_claim_page_lists_for_a_viewer_only_evidence_they_may_open(
    viewer: Any, reporter: Any, linked: dict[str, Claim]
) -> None:
    page = reverse("claims:detail", args=[linked["main"].pk])
    seen = body(client_for(viewer).get(page))
    assert reverse("claims:detail", args=[linked["open"].pk]) in seen
    for hidden in ("candidate", "rejected"):
        assert reverse("claims:detail", args=[linked[hidden].pk]) not in seen
        assert f"claim {linked[hidden].pk}" not in seen
    desk = body(client_for(reporter).get(page))
    assert reverse("claims:detail", args=[linked["candidate"].pk]) in desk


def test_the_claim_as_of_an_event_lists_for_a_viewer_only_evidence_they_may_open(
    viewer: Any, linked: dict[str, Claim]
) -> None:
    main = linked["main"]
    last = main.events.order_by("-id").first()
    assert last is not None
    seen = body(client_for(viewer).get(reverse("claims:as_of", args=[main.pk, last.pk])))
    assert reverse("claims:detail", args=[linked["open"].pk]) in seen
    assert reverse("claims:detail", args=[linked["candidate"].pk]) not in seen
    assert reverse("claims:detail", args=[linked["rejected"].pk]) not in seen


# --- Published fact sheets ----------------------------------------------------------------


def publish(editor: Any, claims: list[Claim], title: str = "Troops") -> Any:
    sheet = services.factsheet_create(by=editor, title=title)
    for claim in claims:
        services.factsheet_claim_add(sheet=sheet, by=editor, claim=claim)
    return services.factsheet_publish(sheet=sheet, by=editor)


def test_a_published_sheet_never_cites_an_unaccepted_claim(
    editor: Any, viewer: Any, linked: dict[str, Claim]
) -> None:
    version = publish(editor, [linked["main"]])
    assert CANDIDATE_WORDS not in version.content and REJECTED_WORDS not in version.content
    assert OPEN_WORDS in version.content
    for fmt in exports.FORMATS:
        if fmt == "pdf":
            continue
        rendered = exports.render(load_content(version), fmt)
        text = rendered.decode() if isinstance(rendered, bytes) else rendered
        assert CANDIDATE_WORDS not in text and REJECTED_WORDS not in text, fmt
        url = reverse(
            "claims:factsheet_version_export", args=[version.sheet_id, version.number, fmt]
        )
        assert CANDIDATE_WORDS not in body(client_for(viewer).get(url)), fmt


def test_a_version_frozen_before_the_rule_hides_a_now_unaccepted_target_from_viewers(
    editor: Any, viewer: Any, reporter: Any, linked: dict[str, Claim]
) -> None:
    """A version published while its evidence target was open, the target rejected since."""
    version = publish(editor, [linked["main"]])
    target = Claim.objects.get(pk=linked["open"].pk)
    services.claim_reject(
        claim=target, by=editor, expected_version=target.version, reason="Misread."
    )
    assert OPEN_WORDS in version.content  # the frozen text is never changed
    sheet, number = version.sheet_id, version.number
    pages = [
        reverse("claims:factsheet_version", args=[sheet, number]),
        reverse("claims:factsheet_compare", args=[sheet]),
        *(
            reverse("claims:factsheet_version_export", args=[sheet, number, fmt])
            for fmt in ("html", "md", "csv", "json", "claimreview")
        ),
    ]
    for url in pages:
        response = client_for(viewer).get(url)
        assert response.status_code == 200, url
        assert OPEN_WORDS not in body(response), url
    desk = client_for(reporter).get(pages[-2])
    assert OPEN_WORDS in body(desk)  # the desk reads the version exactly as frozen


# --- Fact-sheet titles --------------------------------------------------------------------


@pytest.fixture
def retitled(editor: Any, open_claim: Claim) -> FactSheet:
    """Published twice as "Public title", then retitled (not published) by the editor."""
    version = publish(editor, [open_claim], title="Public title")
    sheet = FactSheet.objects.get(pk=version.sheet_id)
    services.factsheet_publish(sheet=sheet, by=editor)
    sheet = FactSheet.objects.get(pk=sheet.pk)
    services.factsheet_edit(
        sheet=sheet,
        by=editor,
        title="Draft title nobody may read yet",
        summary="",
        expected_revision=sheet.revision,
    )
    services.factsheet_create(by=editor, title="Never published sheet")
    return FactSheet.objects.get(pk=sheet.pk)


def test_viewers_read_published_titles_on_the_list_version_and_compare_pages(
    viewer: Any, retitled: FactSheet
) -> None:
    client = client_for(viewer)
    for url in (
        reverse("claims:factsheet_list"),
        reverse("claims:factsheet_version", args=[retitled.pk, 2]),
        reverse("claims:factsheet_compare", args=[retitled.pk]),
        reverse("claims:factsheet_compare", args=[retitled.pk]) + "?a=1&b=2",
    ):
        seen = body(client.get(url))
        assert "Public title" in seen, url
        assert "Draft title nobody may read yet" not in seen, url
        assert "Never published sheet" not in seen, url


def test_the_desk_reads_the_live_title_on_the_list(reporter: Any, retitled: FactSheet) -> None:
    seen = body(client_for(reporter).get(reverse("claims:factsheet_list")))
    assert "Draft title nobody may read yet" in seen and "Never published sheet" in seen


def test_the_viewers_list_costs_one_query_for_many_sheets(
    viewer: Any, editor: Any, open_claim: Claim, django_assert_max_num_queries: Any
) -> None:
    for i in range(12):
        publish(editor, [open_claim], title=f"Sheet {i}")
    client = client_for(viewer)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("claims:factsheet_list"))
    assert body(response).count("version 1") == 12


def test_claim_states_a_viewer_reads_are_the_publishable_ones() -> None:
    from claims.querysets import viewer_claim_states
    from claims.services.factsheets import PUBLISHABLE_STATES

    assert (
        set(viewer_claim_states())
        == set(PUBLISHABLE_STATES)
        == {
            ClaimState.OPEN,
            ClaimState.ARCHIVED,
        }
    )
