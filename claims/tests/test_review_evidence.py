"""Unlinking evidence is an editor's action (or a reporter's, for their own link no verdict
used); unlinking what the verdict relied on bumps the claim's version and marks the verdict
for review (issue 10, item 6)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from claims import services
from claims.models import Claim, ClaimEvent, Evidence, Relation, Verdict
from claims.services.history import claim_events, replay
from claims.tests.conftest import make_source

pytestmark = pytest.mark.django_db

HTMX: dict[str, Any] = {"HTTP_HX_REQUEST": "true"}
NO_HTMX: dict[str, Any] = {}


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def link(claim: Claim, by: Any, title: str = "Survey") -> Evidence:
    other = make_source(by, text=f"{title}: 400 square kilometres.", title=title)
    return services.evidence_link(
        claim=claim, by=by, relation=Relation.CORROBORATES, target_source=other
    )


def confirm(claim: Claim, by: Any, *evidence: Evidence) -> Claim:
    return services.claim_set_verdict(
        claim=claim,
        by=by,
        verdict=Verdict.CONFIRMED,
        expected_version=None,
        evidence=list(evidence),
    )


def fresh(claim: Claim) -> Claim:
    return Claim.objects.get(pk=claim.pk)


# --- who may unlink -----------------------------------------------------------------------


def test_a_reporter_cannot_unlink_an_editors_link(
    reporter: Any, editor: Any, open_claim: Claim
) -> None:
    evidence = link(open_claim, editor)
    with pytest.raises(PermissionDenied, match="someone else linked"):
        services.evidence_unlink(evidence=evidence, by=reporter)
    assert Evidence.objects.get(pk=evidence.pk).removed_at is None
    assert not ClaimEvent.objects.filter(action="evidence.unlinked").exists()


@pytest.mark.parametrize("headers", [HTMX, NO_HTMX], ids=["htmx", "plain"])
def test_the_page_refuses_a_reporters_unlink_of_an_editors_link_with_a_reason(
    reporter: Any, editor: Any, open_claim: Claim, headers: dict[str, Any]
) -> None:
    evidence = link(open_claim, editor)
    client = client_for(reporter)
    page = client.get(reverse("claims:detail", args=[open_claim.pk])).content.decode()
    assert reverse("claims:unlink_evidence", args=[evidence.pk]) not in page
    response = client.post(reverse("claims:unlink_evidence", args=[evidence.pk]), **headers)
    assert response.status_code == 200
    assert "Only an editor can unlink evidence someone else linked." in response.content.decode()
    assert Evidence.objects.get(pk=evidence.pk).removed_at is None


def test_a_reporter_unlinks_their_own_link_before_any_verdict_relies_on_it(
    reporter: Any, open_claim: Claim
) -> None:
    evidence = link(open_claim, reporter)
    page = client_for(reporter).get(reverse("claims:detail", args=[open_claim.pk]))
    assert reverse("claims:unlink_evidence", args=[evidence.pk]) in page.content.decode()
    services.evidence_unlink(evidence=evidence, by=reporter)
    assert Evidence.objects.get(pk=evidence.pk).removed_at is not None
    assert fresh(open_claim).version == open_claim.version


def test_a_reporter_cannot_unlink_their_own_link_once_a_verdict_relied_on_it(
    reporter: Any, editor: Any, open_claim: Claim
) -> None:
    evidence = link(open_claim, reporter)
    claim = confirm(open_claim, editor, evidence)
    # Even after a later verdict that relies on nothing.
    services.claim_set_verdict(
        claim=claim, by=editor, verdict=Verdict.DISPUTED, expected_version=None, reason="No"
    )
    with pytest.raises(PermissionDenied, match="only an editor"):
        services.evidence_unlink(evidence=evidence, by=reporter)
    page = client_for(reporter).get(reverse("claims:detail", args=[open_claim.pk]))
    assert reverse("claims:unlink_evidence", args=[evidence.pk]) not in page.content.decode()


# --- relied-on evidence -------------------------------------------------------------------


def test_unlinking_relied_on_evidence_needs_a_reason(editor: Any, open_claim: Claim) -> None:
    evidence = link(open_claim, editor)
    confirm(open_claim, editor, evidence)
    with pytest.raises(ValidationError, match="say why"):
        services.evidence_unlink(evidence=evidence, by=editor, reason=" ")
    assert Evidence.objects.get(pk=evidence.pk).removed_at is None


def test_unlinking_relied_on_evidence_bumps_the_version_and_marks_the_verdict(
    editor: Any, open_claim: Claim
) -> None:
    evidence = link(open_claim, editor)
    claim = confirm(open_claim, editor, evidence)
    services.evidence_unlink(evidence=evidence, by=editor, reason="The survey was withdrawn")
    after = fresh(claim)
    assert after.version == claim.version + 1
    assert after.verdict_needs_review is True
    assert after.verdict == Verdict.CONFIRMED
    event = ClaimEvent.objects.filter(claim=claim).latest()
    assert event.action == "evidence.unlinked"
    assert event.claim_version == after.version
    assert event.reason == "The survey was withdrawn"
    assert event.before["evidence_id"] == evidence.pk
    assert (event.before["verdict_needs_review"], event.after["verdict_needs_review"]) == (
        False,
        True,
    )
    # The history still adds up to the claim as it is.
    state = replay(claim_events(claim))
    assert state.inconsistencies == []
    assert state.fields == after.snapshot()
    assert evidence.pk not in state.evidence


def test_an_editor_with_the_claim_open_sees_the_unlink_as_a_conflict(
    editor: Any, second_editor: Any, open_claim: Claim
) -> None:
    evidence = link(open_claim, editor)
    claim = confirm(open_claim, editor, evidence)
    loaded = claim.version
    services.evidence_unlink(evidence=evidence, by=second_editor, reason="Withdrawn")
    with pytest.raises(services.ClaimConflict) as conflict:
        services.claim_set_verdict(
            claim=claim,
            by=editor,
            verdict=Verdict.DISPUTED,
            expected_version=loaded,
            reason="Less than that",
        )
    assert "bob evidence.unlinked" in str(conflict.value)


def test_a_new_verdict_clears_the_review_mark(editor: Any, open_claim: Claim) -> None:
    evidence = link(open_claim, editor)
    claim = confirm(open_claim, editor, evidence)
    services.evidence_unlink(evidence=evidence, by=editor, reason="Withdrawn")
    services.claim_set_verdict(
        claim=claim, by=editor, verdict=Verdict.UNVERIFIABLE, expected_version=None, reason="Gone"
    )
    assert fresh(claim).verdict_needs_review is False


def test_unlinking_other_evidence_leaves_the_version_alone(editor: Any, open_claim: Claim) -> None:
    relied, other = link(open_claim, editor, "A"), link(open_claim, editor, "B")
    claim = confirm(open_claim, editor, relied)
    services.evidence_unlink(evidence=other, by=editor)
    after = fresh(claim)
    assert (after.version, after.verdict_needs_review) == (claim.version, False)


@pytest.mark.parametrize("headers", [HTMX, NO_HTMX], ids=["htmx", "plain"])
def test_the_page_asks_why_shows_the_mark_and_the_queue_filters_by_it(
    editor: Any, reporter: Any, open_claim: Claim, candidate: Claim, headers: dict[str, Any]
) -> None:
    evidence = link(open_claim, editor)
    confirm(open_claim, editor, evidence)
    client = client_for(editor)
    page = client.get(reverse("claims:detail", args=[open_claim.pk])).content.decode()
    assert "The current verdict relies on this. Why unlink it?" in page
    url = reverse("claims:unlink_evidence", args=[evidence.pk])
    refused = client.post(url, {"reason": ""}, **headers)
    assert "say why you unlink it" in refused.content.decode()
    assert Evidence.objects.get(pk=evidence.pk).removed_at is None
    done = client.post(url, {"reason": "Withdrawn"}, **headers)
    if headers:
        assert "it is marked as needing review" in done.content.decode()
    page = client.get(reverse("claims:detail", args=[open_claim.pk]), **headers).content.decode()
    assert "Verdict needs review" in page
    assert "Evidence this verdict relied on has been unlinked" in page
    rows = client.get(reverse("claims:list"), {"review": "on", "state": "all"})
    assert [c.pk for c in rows.context["claims"]] == [open_claim.pk]
    everything = client.get(reverse("claims:list"), {"state": "all"})
    assert {c.pk for c in everything.context["claims"]} == {open_claim.pk, candidate.pk}
