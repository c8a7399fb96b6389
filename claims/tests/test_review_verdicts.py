"""Verdicts are deliberate: no verdict is a default, Confirm asks once and keeps the evidence
it relied on (issue 10, items 4 and 5)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from claims import services
from claims.models import Claim, ClaimEvent, Relation, Verdict, VerdictRecord
from claims.tests.conftest import make_source

pytestmark = pytest.mark.django_db

HTMX: dict[str, Any] = {"HTTP_HX_REQUEST": "true"}
NO_HTMX: dict[str, Any] = {}


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def corroboration(reporter: Any, editor: Any, open_claim: Claim) -> Any:
    """A report that corroborates the open claim, and one that gives context."""
    other = make_source(reporter, text="A survey counted 400 square kilometres too.", title="S")
    corroborates = services.evidence_link(
        claim=open_claim, by=editor, relation=Relation.CORROBORATES, target_source=other
    )
    context = services.evidence_link(
        claim=open_claim, by=editor, relation=Relation.CONTEXT, target_source=other
    )
    return corroborates, context


# --- item 4: no verdict is a default ------------------------------------------------------


def test_the_service_refuses_a_verdict_nobody_chose(editor: Any, open_claim: Claim) -> None:
    with pytest.raises(ValidationError, match="Choose a verdict"):
        services.claim_set_verdict(
            claim=open_claim, by=editor, verdict="", expected_version=None, reason="Too high"
        )
    assert not VerdictRecord.objects.filter(claim=open_claim).exists()


@pytest.mark.parametrize("headers", [HTMX, NO_HTMX], ids=["htmx", "plain"])
def test_a_reason_sent_without_a_verdict_asks_for_one(
    editor: Any, open_claim: Claim, headers: dict[str, Any]
) -> None:
    response = client_for(editor).post(
        reverse("claims:verdict", args=[open_claim.pk]),
        {"version": open_claim.version, "reason": "The ministry's own figure is lower."},
        **headers,
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Choose a verdict: Confirm, Dispute, Misleading or Unverifiable." in body
    # What the editor typed is kept for the second try.
    assert "The ministry&#x27;s own figure is lower." in body
    open_claim.refresh_from_db()
    assert open_claim.verdict == Verdict.UNVERIFIED
    assert not VerdictRecord.objects.filter(claim=open_claim).exists()
    assert not ClaimEvent.objects.filter(claim=open_claim, action="claim.verdict").exists()


def test_the_verdict_form_offers_choices_with_none_chosen(editor: Any, open_claim: Claim) -> None:
    body = client_for(editor).get(reverse("claims:detail", args=[open_claim.pk])).content.decode()
    radios = re.findall(r'<input type="radio" name="verdict"[^>]*>', body)
    assert [re.search(r'value="(\w+)"', r)[1] for r in radios] == [  # type: ignore[index]
        "confirmed",
        "disputed",
        "misleading",
        "unverifiable",
    ]
    assert not [r for r in radios if "checked" in r]
    assert all("required" in r for r in radios)
    # No submit button carries a verdict of its own (Enter in the form would send it).
    assert not re.search(r'<button[^>]*name="verdict"', body)


def test_a_refused_dispute_keeps_the_chosen_verdict_for_the_next_try(
    editor: Any, open_claim: Claim
) -> None:
    response = client_for(editor).post(
        reverse("claims:verdict", args=[open_claim.pk]),
        {"version": open_claim.version, "verdict": "disputed", "reason": " "},
        **HTMX,
    )
    body = response.content.decode()
    assert "a reason is required" in body
    assert re.search(r'name="verdict" value="disputed" required checked', body)
    assert not re.search(r'name="verdict" value="confirmed" required checked', body)


# --- item 5: Confirm asks once and keeps what it relied on --------------------------------


@pytest.mark.parametrize("headers", [HTMX, NO_HTMX], ids=["htmx", "plain"])
def test_confirm_without_the_confirmation_step_asks_and_records_nothing(
    editor: Any, open_claim: Claim, corroboration: Any, headers: dict[str, Any]
) -> None:
    corroborates, context = corroboration
    response = client_for(editor).post(
        reverse("claims:verdict", args=[open_claim.pk]),
        {"version": open_claim.version, "verdict": "confirmed"},
        **headers,
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert ("<html" in body) is (headers is NO_HTMX)
    dialog = body.split(f'<dialog id="claim-{open_claim.pk}-confirm"', 1)[1].split("</dialog>")[0]
    assert " open data-show-modal" in dialog
    assert f"Confirm claim {open_claim.pk}?" in dialog
    assert f'value="{corroborates.pk}" checked' in dialog
    assert f'value="{context.pk}">' in dialog
    assert 'name="confirm" value="on"' in dialog
    open_claim.refresh_from_db()
    assert open_claim.verdict == Verdict.UNVERIFIED
    assert not VerdictRecord.objects.filter(claim=open_claim).exists()


def test_the_confirmation_step_keeps_the_evidence_the_editor_ticked(
    editor: Any, open_claim: Claim, corroboration: Any
) -> None:
    _corroborates, context = corroboration
    response = client_for(editor).post(
        reverse("claims:verdict", args=[open_claim.pk]),
        {"version": open_claim.version, "verdict": "confirmed", "evidence": [context.pk]},
        **HTMX,
    )
    dialog = response.content.decode().split("<dialog", 1)[1].split("</dialog>")[0]
    assert f'value="{context.pk}" checked' in dialog
    assert dialog.count(" checked") == 1


def test_the_page_offers_the_corroborating_evidence_ticked_in_a_closed_dialog(
    editor: Any, open_claim: Claim, corroboration: Any
) -> None:
    corroborates, context = corroboration
    body = client_for(editor).get(reverse("claims:detail", args=[open_claim.pk])).content.decode()
    dialog = body.split(f'<dialog id="claim-{open_claim.pk}-confirm"', 1)[1].split("</dialog>")[0]
    assert dialog.split(">", 1)[0].strip() == (
        f'class="confirm-dialog" aria-labelledby="claim-{open_claim.pk}-confirm-title" '
        "data-confirm-dialog"
    )
    assert f'value="{corroborates.pk}" checked' in dialog
    assert f'value="{context.pk}" checked' not in dialog
    assert "autofocus>Confirm</button>" in dialog


@pytest.mark.parametrize("headers", [HTMX, NO_HTMX], ids=["htmx", "plain"])
def test_confirming_records_the_evidence_relied_on(
    editor: Any, open_claim: Claim, corroboration: Any, headers: dict[str, Any]
) -> None:
    corroborates, _context = corroboration
    client = client_for(editor)
    response = client.post(
        reverse("claims:verdict", args=[open_claim.pk]),
        {
            "version": open_claim.version,
            "verdict": "confirmed",
            "confirm": "on",
            "evidence": [corroborates.pk],
        },
        **headers,
    )
    assert response.status_code == (200 if headers else 302)
    open_claim.refresh_from_db()
    assert open_claim.verdict == Verdict.CONFIRMED
    record = open_claim.current_verdict
    assert record is not None
    assert [e.pk for e in record.evidence.all()] == [corroborates.pk]
    event = ClaimEvent.objects.get(claim=open_claim, action="claim.verdict")
    assert event.after["evidence_relied_on"] == [corroborates.pk]
    body = client.get(reverse("claims:detail", args=[open_claim.pk])).content.decode()
    shown = body.split('class="relied-on"', 1)[1].split("</p>", 1)[0]
    assert "Relied on:" in shown and f"report {corroborates.target_source_id}" in shown


def test_a_verdict_without_evidence_says_so(editor: Any, open_claim: Claim) -> None:
    services.claim_set_verdict(
        claim=open_claim, by=editor, verdict=Verdict.CONFIRMED, expected_version=None
    )
    body = client_for(editor).get(reverse("claims:detail", args=[open_claim.pk])).content.decode()
    assert "Relied on no linked evidence." in body


def test_the_page_budget_holds_with_the_confirmation_dialog(
    editor: Any, reporter: Any, open_claim: Claim, django_assert_max_num_queries: Any
) -> None:
    for i in range(12):
        src = make_source(reporter, text=f"Report {i} counted 400 square kilometres.")
        services.evidence_link(
            claim=open_claim, by=editor, relation=Relation.CORROBORATES, target_source=src
        )
    services.claim_set_verdict(
        claim=open_claim,
        by=editor,
        verdict=Verdict.CONFIRMED,
        expected_version=None,
        evidence=list(open_claim.evidence.all()),
    )
    client = client_for(editor)
    with django_assert_max_num_queries(15):
        body = client.get(reverse("claims:detail", args=[open_claim.pk])).content.decode()
    assert body.count(" checked>") == 12
