"""Reverting a figure restores the figure and its wording; state and verdict change only when
the editor asks (issue 10, item 3). Publishing names a blocking claim by its number."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from claims import services
from claims.models import Claim, ClaimEvent, ClaimState, FactSheetEntry, Verdict
from claims.tests.conftest import make_claim

pytestmark = pytest.mark.django_db

HTMX: dict[str, Any] = {"HTTP_HX_REQUEST": "true"}
NO_HTMX: dict[str, Any] = {}


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def corrected(editor: Any, reporter: Any, source: Any) -> tuple[Claim, ClaimEvent]:
    """A candidate accepted, confirmed, then its figure corrected; and its first event."""
    claim = make_claim(reporter, source, "400 square kilometres", value=Decimal(400), qualifier="=")
    first = ClaimEvent.objects.filter(claim=claim).earliest("id")
    claim = services.claim_accept(claim=claim, by=editor, expected_version=claim.version)
    claim = services.claim_set_verdict(
        claim=claim, by=editor, verdict=Verdict.CONFIRMED, expected_version=claim.version
    )
    claim = services.claim_edit(
        claim=claim, by=editor, expected_version=claim.version, changes={"value": "455"}
    )
    return claim, first


def test_a_revert_restores_the_figure_and_keeps_state_and_verdict(
    editor: Any, corrected: tuple[Claim, ClaimEvent]
) -> None:
    claim, first = corrected
    reverted = services.claim_revert(
        claim=claim, by=editor, event_id=first.pk, expected_version=claim.version, reason="typo"
    )
    assert reverted.value == Decimal(400)
    assert reverted.state == ClaimState.OPEN
    assert reverted.verdict == Verdict.CONFIRMED
    event = ClaimEvent.objects.filter(claim=claim).latest()
    assert event.action == "claim.reverted"
    assert set(event.before) == {"value"}


def test_a_revert_puts_back_state_and_verdict_only_when_asked(
    editor: Any, corrected: tuple[Claim, ClaimEvent]
) -> None:
    claim, first = corrected
    reverted = services.claim_revert(
        claim=claim,
        by=editor,
        event_id=first.pk,
        expected_version=claim.version,
        reason="the whole review was a mistake",
        workflow=True,
    )
    assert (reverted.value, reverted.state) == (Decimal(400), ClaimState.CANDIDATE)
    assert reverted.verdict == Verdict.UNVERIFIED


def test_a_revert_where_only_the_workflow_differs_says_how_to_ask(
    editor: Any, reporter: Any, source: Any
) -> None:
    claim = make_claim(reporter, source)
    first = ClaimEvent.objects.filter(claim=claim).earliest("id")
    claim = services.claim_accept(claim=claim, by=editor, expected_version=claim.version)
    with pytest.raises(services.ServiceError, match="only the state or verdict differ"):
        services.claim_revert(
            claim=claim, by=editor, event_id=first.pk, expected_version=claim.version, reason="x"
        )
    assert Claim.objects.get(pk=claim.pk).state == ClaimState.OPEN


def test_the_as_of_page_previews_what_a_revert_changes_and_what_stays(
    editor: Any, corrected: tuple[Claim, ClaimEvent]
) -> None:
    claim, first = corrected
    body = client_for(editor).get(reverse("claims:as_of", args=[claim.pk, first.pk]))
    text = body.content.decode()
    restores = text.split('id="revert-restores"', 1)[1].split("</ul>", 1)[0]
    assert "value" in restores and "<del>455</del>, back to <ins>400</ins>" in restores
    assert "state" not in restores and "verdict" not in restores
    stays = text.split('id="revert-workflow"', 1)[1].split("</ul>", 1)[0]
    assert "stays <strong>open</strong> (then candidate)" in stays
    assert "stays <strong>confirmed</strong> (then unverified)" in stays
    assert '<input type="checkbox" name="workflow">' in text
    assert "the state (open → candidate) and the verdict (confirmed → unverified)" in text


@pytest.mark.parametrize("headers", [HTMX, NO_HTMX], ids=["htmx", "plain"])
def test_reverting_through_the_page_keeps_the_claim_accepted(
    editor: Any, corrected: tuple[Claim, ClaimEvent], headers: dict[str, Any]
) -> None:
    claim, first = corrected
    response = client_for(editor).post(
        reverse("claims:revert", args=[claim.pk]),
        {"event": first.pk, "version": claim.version, "reason": "typo"},
        **headers,
    )
    assert response.status_code == (200 if headers else 302)
    claim.refresh_from_db()
    assert (claim.value, claim.state, claim.verdict) == (
        Decimal(400),
        ClaimState.OPEN,
        Verdict.CONFIRMED,
    )


@pytest.mark.parametrize("headers", [HTMX, NO_HTMX], ids=["htmx", "plain"])
def test_reverting_the_workflow_is_an_explicit_choice_on_the_page(
    editor: Any, corrected: tuple[Claim, ClaimEvent], headers: dict[str, Any]
) -> None:
    claim, first = corrected
    client_for(editor).post(
        reverse("claims:revert", args=[claim.pk]),
        {"event": first.pk, "version": claim.version, "reason": "undo", "workflow": "on"},
        **headers,
    )
    claim.refresh_from_db()
    assert (claim.state, claim.verdict) == (ClaimState.CANDIDATE, Verdict.UNVERIFIED)


def test_publishing_names_the_blocking_claim_by_its_number(
    editor: Any, candidate: Claim, corrected: tuple[Claim, ClaimEvent]
) -> None:
    claim, first = corrected  # made after the candidate: its number is not 1
    sheet = services.factsheet_create(by=editor, title="Front line")
    services.factsheet_claim_add(sheet=sheet, by=editor, claim=claim)
    position = FactSheetEntry.objects.get(sheet=sheet).position
    claim = services.claim_revert(
        claim=claim,
        by=editor,
        event_id=first.pk,
        expected_version=claim.version,
        reason="back to review",
        workflow=True,
    )
    assert claim.pk != position
    with pytest.raises(services.ServiceError, match=f"claim {claim.pk} is candidate"):
        services.factsheet_publish(sheet=sheet, by=editor)
    text = client_for(editor).get(reverse("claims:factsheet", args=[sheet.pk])).content.decode()
    blocked = text.split("Not publishable:", 1)[1].split("</p>", 1)[0]
    assert f">claim {claim.pk}</a> is candidate" in blocked
