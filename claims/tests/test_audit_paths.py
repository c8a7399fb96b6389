"""Every write path leaves its event: pages, htmx, admin, bulk actions, commands and tasks."""

from __future__ import annotations

from decimal import Decimal
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from claims import services
from claims.models import Claim, ClaimEvent, ClaimState, ExtractionStatus, Source
from claims.tests.conftest import make_claim

pytestmark = pytest.mark.django_db


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def last_event(**filters: Any) -> ClaimEvent:
    event = ClaimEvent.objects.filter(**filters).order_by("-id").first()
    assert event is not None
    return event


def test_a_page_form_writes_its_event_as_web(editor: Any, candidate: Claim) -> None:
    response = client_for(editor).post(
        reverse("claims:accept", args=[candidate.pk]), {"version": candidate.version}
    )
    assert response.status_code == 302
    event = last_event(claim=candidate)
    assert (event.action, event.channel, event.actor_label) == ("claim.accepted", "web", "alice")
    assert event.actor == editor
    assert (event.before, event.after) == ({"state": "candidate"}, {"state": "open"})
    assert event.claim_version == 2


def test_an_htmx_edit_writes_its_event_with_old_and_new_values(
    editor: Any, open_claim: Claim
) -> None:
    data = {name: getattr(open_claim, name) or "" for name in Claim.QUANTITY_FIELDS}
    data.update(version=open_claim.version, value="425", reason="Ministry corrected it")
    response = client_for(editor).post(
        reverse("claims:edit", args=[open_claim.pk]), data, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    event = last_event(claim=open_claim)
    assert (event.action, event.channel, event.reason) == (
        "claim.edited",
        "web",
        "Ministry corrected it",
    )
    assert (event.before, event.after) == ({"value": "400"}, {"value": "425"})


def test_a_verdict_through_the_page_records_its_reason(
    editor: Any, open_claim: Claim, source: Source
) -> None:
    client_for(editor).post(
        reverse("claims:verdict", args=[open_claim.pk]),
        {"version": open_claim.version, "verdict": "disputed", "reason": "Other count"},
    )
    verdict = last_event(claim=open_claim, action="claim.verdict")
    assert verdict.reason == "Other count" and verdict.channel == "web"
    assert verdict.after["verdict"] == "disputed"


def test_the_admin_writes_its_event_as_admin(admin_user: Any, open_claim: Claim) -> None:
    data: dict[str, Any] = {
        name: ("" if getattr(open_claim, name) is None else getattr(open_claim, name))
        for name in Claim.QUANTITY_FIELDS
    }
    mention = open_claim.mentions.get()
    data.update(
        {
            "expected_version": open_claim.version,
            "value": "410",
            "mentions-TOTAL_FORMS": "1",
            "mentions-INITIAL_FORMS": "1",
            "mentions-0-id": mention.pk,
            "mentions-0-claim": open_claim.pk,
        }
    )
    response = client_for(admin_user).post(
        reverse("admin:claims_claim_change", args=[open_claim.pk]), data
    )
    assert response.status_code == 302
    event = last_event(claim=open_claim)
    assert (event.action, event.channel, event.actor_label) == ("claim.edited", "admin", "ada")


@pytest.mark.parametrize("model", ["claim", "source", "claimevent", "verdictrecord", "mention"])
def test_the_admin_cannot_delete(admin_user: Any, open_claim: Claim, model: str) -> None:
    client = client_for(admin_user)
    changelist = client.get(reverse(f"admin:claims_{model}_changelist"))
    assert "delete_selected" not in changelist.content.decode()
    obj = {
        "claim": open_claim,
        "source": open_claim.mentions.get().source,
        "claimevent": ClaimEvent.objects.filter(claim=open_claim).first(),
        "verdictrecord": None,
        "mention": open_claim.mentions.get(),
    }[model]
    if obj is not None:
        response = client.post(
            reverse(f"admin:claims_{model}_delete", args=[obj.pk]), {"post": "yes"}
        )
        assert response.status_code == 403
        assert type(obj).objects.filter(pk=obj.pk).exists()
    response = client.post(
        reverse(f"admin:claims_{model}_changelist"),
        {"action": "delete_selected", "_selected_action": [open_claim.pk], "post": "yes"},
    )
    assert response.status_code in (200, 302)
    assert Claim.objects.filter(pk=open_claim.pk).exists()


def test_a_bulk_action_writes_one_event_per_claim_under_one_correlation_id(
    editor: Any, reporter: Any, source: Source
) -> None:
    claims = [
        make_claim(reporter, source, quote)
        for quote in ("more than 10,000 soldiers", "400 square kilometres", "700,000 tons of rice")
    ]
    response = client_for(editor).post(
        reverse("claims:bulk"),
        {"action": "accept", "pick": [f"{c.pk}:{c.version}" for c in claims]},
    )
    assert response.status_code in (200, 302)
    events = [last_event(claim=c) for c in claims]
    assert {e.action for e in events} == {"claim.accepted"}
    assert {e.channel for e in events} == {"web"}
    assert len({e.correlation_id for e in events}) == 1


def test_a_management_command_writes_its_events_as_command(
    db: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DEMO_PASSWORD", "demo-pass-1")
    call_command("load_demo", stdout=StringIO())
    events = ClaimEvent.objects.all()
    assert events.exists()
    assert set(events.values_list("channel", flat=True)) == {"command"}
    assert events.filter(action="claim.verdict").exists()
    out = StringIO()
    call_command("verify_audit", stdout=out)
    assert "intact" in out.getvalue()


def test_a_task_writes_its_events_as_task(
    reporter: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        source = services.source_create(
            by=reporter, text="Officials said 4,000 soldiers arrived.", title="T", extract=True
        ).source
    source.refresh_from_db()
    assert source.extraction_status == ExtractionStatus.DONE
    done = last_event(source=source, action="source.extraction_done")
    assert (done.channel, done.actor_label, done.actor) == ("task", "task:extract_source", None)
    extracted = ClaimEvent.objects.filter(source=source, action="claim.extracted")
    assert extracted.exists()
    assert set(extracted.values_list("channel", flat=True)) == {"task"}


def test_a_revert_through_the_page_is_a_new_event(editor: Any, open_claim: Claim) -> None:
    accepted = last_event(claim=open_claim)
    claim = services.claim_edit(
        claim=open_claim, by=editor, expected_version=open_claim.version, changes={"value": "9"}
    )
    client_for(editor).post(
        reverse("claims:revert", args=[claim.pk]),
        {"event": accepted.pk, "version": claim.version, "reason": "Typo"},
    )
    claim.refresh_from_db()
    assert claim.value == Decimal(400) and claim.state == ClaimState.OPEN
    event = last_event(claim=claim)
    assert (event.action, event.channel, event.reason) == ("claim.reverted", "web", "Typo")
