"""Undo: an accept, a reject or a verdict taken back through the services, recorded as such,
only by the editor who acted, only while nothing changed since."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from claims import services
from claims.models import Claim, ClaimEvent, ClaimState, Verdict
from claims.services.undo import UNDO_WINDOW
from claims.tests.conftest import forge

pytestmark = pytest.mark.django_db


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_undoing_an_accept_puts_the_candidate_back(editor: Any, candidate: Claim) -> None:
    accepted = services.claim_accept(claim=candidate, by=editor, expected_version=candidate.version)
    undone = services.claim_undo(claim=accepted, by=editor, expected_version=accepted.version)
    assert undone.state == ClaimState.CANDIDATE
    assert undone.version == accepted.version + 1
    event = ClaimEvent.objects.filter(claim=candidate).latest("id")
    assert event.action == "claim.undone"
    assert event.before["state"] == ClaimState.OPEN and event.after["state"] == ClaimState.CANDIDATE
    assert event.after["undid_action"] == "claim.accepted"


def test_undoing_a_reject_restores_the_state_it_had(editor: Any, open_claim: Claim) -> None:
    rejected = services.claim_reject(
        claim=open_claim, by=editor, expected_version=open_claim.version
    )
    undone = services.claim_undo(claim=rejected, by=editor, expected_version=rejected.version)
    assert undone.state == ClaimState.OPEN


def test_undoing_a_verdict_restores_the_one_before(editor: Any, open_claim: Claim) -> None:
    confirmed = services.claim_set_verdict(
        claim=open_claim, by=editor, verdict=Verdict.CONFIRMED, expected_version=None
    )
    disputed = services.claim_set_verdict(
        claim=confirmed,
        by=editor,
        verdict=Verdict.DISPUTED,
        reason="Another count.",
        expected_version=confirmed.version,
    )
    undone = services.claim_undo(claim=disputed, by=editor, expected_version=disputed.version)
    undone.refresh_from_db()
    assert undone.verdict == Verdict.CONFIRMED
    assert undone.current_verdict_id == confirmed.current_verdict_id
    again = services.claim_undo  # the first verdict's undo is no longer the last change
    with pytest.raises(services.ServiceError):
        again(claim=undone, by=editor, expected_version=undone.version)


def test_undoing_the_first_verdict_leaves_the_claim_unverified(
    editor: Any, open_claim: Claim
) -> None:
    confirmed = services.claim_set_verdict(
        claim=open_claim, by=editor, verdict=Verdict.CONFIRMED, expected_version=None
    )
    undone = services.claim_undo(claim=confirmed, by=editor, expected_version=confirmed.version)
    undone.refresh_from_db()
    assert (undone.verdict, undone.current_verdict_id) == (Verdict.UNVERIFIED, None)


def test_an_undo_never_reverses_a_later_change(
    editor: Any, second_editor: Any, candidate: Claim
) -> None:
    accepted = services.claim_accept(claim=candidate, by=editor, expected_version=candidate.version)
    services.claim_set_verdict(
        claim=accepted, by=second_editor, verdict=Verdict.CONFIRMED, expected_version=None
    )
    with pytest.raises(services.ClaimConflict):
        services.claim_undo(claim=accepted, by=editor, expected_version=accepted.version)


def test_only_the_editor_who_acted_can_undo(
    editor: Any, second_editor: Any, candidate: Claim
) -> None:
    accepted = services.claim_accept(claim=candidate, by=editor, expected_version=candidate.version)
    with pytest.raises(services.ServiceError, match="Only the editor"):
        services.claim_undo(claim=accepted, by=second_editor, expected_version=accepted.version)


def test_edits_are_not_undone_this_way(editor: Any, open_claim: Claim) -> None:
    from decimal import Decimal

    edited = services.claim_edit(
        claim=open_claim,
        by=editor,
        expected_version=open_claim.version,
        changes={"value": Decimal(401)},
    )
    with pytest.raises(services.ServiceError):
        services.claim_undo(claim=edited, by=editor, expected_version=edited.version)


def test_an_undo_comes_too_late_after_the_window(editor: Any, candidate: Claim) -> None:
    accepted = services.claim_accept(claim=candidate, by=editor, expected_version=candidate.version)
    event = ClaimEvent.objects.filter(claim=candidate).latest("id")
    then = timezone.now() - UNDO_WINDOW - timedelta(seconds=5)
    forge(
        "UPDATE claims_claimevent SET created_at = %s WHERE id = %s",
        [then, event.pk],
        tables=["claims_claimevent"],
    )
    with pytest.raises(services.ServiceError, match="Too late"):
        services.claim_undo(claim=accepted, by=editor, expected_version=accepted.version)


def test_the_queue_toast_offers_undo_and_it_works(editor: Any, candidate: Claim) -> None:
    client = client_for(editor)
    response = client.post(
        reverse("claims:accept", args=[candidate.pk]),
        {"version": candidate.version, "from": "queue", "request_key": "k" * 24},
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    undo_url = reverse("claims:undo", args=[candidate.pk])
    assert f'hx-post="{undo_url}"' in body and ">Undo</button>" in body
    accepted = Claim.objects.get(pk=candidate.pk)
    assert f'name="version" value="{accepted.version}"' in body
    response = client.post(
        undo_url,
        {"version": accepted.version, "from": "queue", "request_key": "u" * 24},
        HTTP_HX_REQUEST="true",
    )
    assert "undone" in response.content.decode()
    assert Claim.objects.get(pk=candidate.pk).state == ClaimState.CANDIDATE
    # The same Undo sent again (a lost answer) is answered, not applied twice.
    client.post(
        undo_url,
        {"version": accepted.version, "from": "queue", "request_key": "u" * 24},
        HTTP_HX_REQUEST="true",
    )
    assert ClaimEvent.objects.filter(claim=candidate, action="claim.undone").count() == 1


def test_a_bulk_accept_offers_one_undo_for_all(
    editor: Any, candidate: Claim, reporter: Any
) -> None:
    from decimal import Decimal

    from claims.tests.conftest import make_claim

    source = candidate.mentions.get().source
    other = make_claim(reporter, source, "400 square kilometres", value=Decimal(400))
    client = client_for(editor)
    picks = [f"{candidate.pk}:{candidate.version}", f"{other.pk}:{other.version}"]
    body = client.post(
        reverse("claims:bulk"),
        {"action": "accept", "pick": picks, "request_key": "b" * 24},
        HTTP_HX_REQUEST="true",
    ).content.decode()
    assert 'name="action" value="undo"' in body
    new = [f"{c.pk}:{c.version}" for c in Claim.objects.filter(pk__in=[candidate.pk, other.pk])]
    client.post(
        reverse("claims:bulk"),
        {"action": "undo", "pick": new, "request_key": "c" * 24},
        HTTP_HX_REQUEST="true",
    )
    states = set(
        Claim.objects.filter(pk__in=[candidate.pk, other.pk]).values_list("state", flat=True)
    )
    assert states == {ClaimState.CANDIDATE}


def test_the_verdict_toast_on_the_claim_page_offers_undo(editor: Any, open_claim: Claim) -> None:
    client = client_for(editor)
    body = client.post(
        reverse("claims:verdict", args=[open_claim.pk]),
        {
            "version": open_claim.version,
            "verdict": "disputed",
            "reason": "Counted twice.",
            "request_key": "v" * 24,
        },
        HTTP_HX_REQUEST="true",
    ).content.decode()
    assert reverse("claims:undo", args=[open_claim.pk]) in body


def test_viewers_cannot_undo(viewer: Any, editor: Any, candidate: Claim) -> None:
    accepted = services.claim_accept(claim=candidate, by=editor, expected_version=candidate.version)
    response = client_for(viewer).post(
        reverse("claims:undo", args=[candidate.pk]), {"version": accepted.version}
    )
    assert response.status_code in (403, 404)
    assert Claim.objects.get(pk=candidate.pk).state == ClaimState.OPEN


def test_without_javascript_the_claim_page_offers_undo_after_the_redirect(
    editor: Any, candidate: Claim
) -> None:
    client = client_for(editor)
    response = client.post(
        reverse("claims:accept", args=[candidate.pk]),
        {"version": candidate.version, "request_key": "n" * 24},
    )
    accepted = Claim.objects.get(pk=candidate.pk)
    assert response["Location"].endswith(f"?undo={accepted.version}")
    page = client.get(response["Location"]).content.decode()
    assert reverse("claims:undo", args=[candidate.pk]) in page
    response = client.post(
        reverse("claims:undo", args=[candidate.pk]),
        {"version": accepted.version, "request_key": "m" * 24},
    )
    assert Claim.objects.get(pk=candidate.pk).state == ClaimState.CANDIDATE
    # The same link later (the claim has moved on) offers nothing.
    later = client.get(reverse("claims:detail", args=[candidate.pk]), {"undo": accepted.version})
    assert reverse("claims:undo", args=[candidate.pk]) not in later.content.decode()


def test_the_queue_keys_land_on_their_step_without_javascript(
    editor: Any, open_claim: Claim, candidate: Claim
) -> None:
    client = client_for(editor)
    url = reverse("claims:detail", args=[open_claim.pk])
    assert 'name="figure"' in client.get(url, {"do": "edit"}).content.decode()
    confirm = client.get(url, {"do": "confirm"}).content.decode()
    assert "open data-show-modal" in confirm
    dispute = client.get(url, {"do": "dispute"}).content.decode()
    assert 'value="disputed" required checked' in dispute
    assert "data-autofocus" in dispute.split("data-verdict-reason", 1)[1][:40]
    assert 'link-box" open' in client.get(url, {"do": "link"}).content.decode()
    not_open = client.get(
        reverse("claims:detail", args=[candidate.pk]), {"do": "confirm"}
    ).content.decode()
    assert "accept it before reaching a verdict" in not_open
    assert "open data-show-modal" not in not_open
