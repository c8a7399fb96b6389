"""Every service: its permission rule, its version check, its history event, its atomicity."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from claims import audit, services
from claims.models import (
    Claim,
    ClaimEvent,
    ClaimState,
    Entity,
    Evidence,
    Mention,
    Relation,
    Source,
    Verdict,
    VerdictRecord,
)
from claims.tests.conftest import make_claim, make_source

pytestmark = pytest.mark.django_db


def events_of(claim: Claim) -> list[str]:
    return list(
        ClaimEvent.objects.filter(claim=claim).order_by("id").values_list("action", flat=True)
    )


# --- sources ------------------------------------------------------------------------------


def test_a_reporter_brings_in_a_report_and_it_is_recorded(reporter: Any) -> None:
    result = services.source_create(by=reporter, text="Some 5 figures.", title="T", extract=False)
    assert result.created
    assert result.source.sha256 == audit.hashlib.sha256(b"Some 5 figures.").hexdigest()
    event = ClaimEvent.objects.get(source=result.source)
    assert event.action == "source.created"
    assert event.actor == reporter


def test_a_viewer_cannot_bring_in_reports(viewer: Any) -> None:
    with pytest.raises(PermissionDenied):
        services.source_create(by=viewer, text="Text 5.", title="T", extract=False)
    assert not Source.objects.exists()


def test_the_same_text_twice_is_one_source(reporter: Any) -> None:
    first = services.source_create(by=reporter, text="Same 5.", title="A", extract=False)
    second = services.source_create(by=reporter, text="Same 5.", title="B", extract=False)
    assert not second.created
    assert second.source.pk == first.source.pk
    assert Source.objects.count() == 1


def test_a_changed_page_at_the_same_url_becomes_a_new_revision(reporter: Any) -> None:
    url = "https://news.example/story"
    first = services.source_create(by=reporter, text="Old 5.", title="A", url=url, extract=False)
    second = services.source_create(by=reporter, text="New 6.", title="A", url=url, extract=False)
    assert second.created
    assert second.source.revision == 2
    assert second.source.revision_of == first.source
    assert second.previous_revision == first.source
    assert ClaimEvent.objects.filter(source=second.source, action="source.revised").exists()


def test_an_empty_report_is_refused(reporter: Any) -> None:
    with pytest.raises(ValidationError, match="no text"):
        services.source_create(by=reporter, text="   ", title="T", extract=False)


def test_the_outlet_becomes_an_entity_matched_by_alias(reporter: Any) -> None:
    one = make_source(reporter, text="One 1.", outlet="The Korea Herald")
    two = make_source(reporter, text="Two 2.", outlet="Korea Herald")
    assert one.outlet == two.outlet
    assert Entity.objects.count() == 1


# --- claims -------------------------------------------------------------------------------


def test_a_reporter_proposes_a_claim_with_its_mention(reporter: Any, source: Source) -> None:
    claim = make_claim(reporter, source)
    assert claim.state == ClaimState.CANDIDATE
    mention = Mention.objects.get(claim=claim)
    assert source.text[mention.start : mention.end] == mention.quote == "more than 10,000 soldiers"
    assert mention.speaker is not None and mention.speaker.name == "Officials"
    assert events_of(claim) == ["claim.created"]


def test_a_viewer_cannot_propose_claims(viewer: Any, source: Source) -> None:
    with pytest.raises(PermissionDenied):
        make_claim(viewer, source)
    assert not Claim.objects.exists()


def test_a_reporter_cannot_open_a_claim_without_review(reporter: Any, source: Source) -> None:
    with pytest.raises(PermissionDenied):
        services.claim_create(
            by=reporter,
            source=source,
            start=0,
            end=9,
            statement="x",
            quantity={"value": 1},
            state=ClaimState.OPEN,
        )


def test_offsets_outside_the_text_are_refused(reporter: Any, source: Source) -> None:
    with pytest.raises(ValidationError, match="outside the report"):
        services.claim_create(
            by=reporter,
            source=source,
            start=len(source.text) - 2,
            end=len(source.text) + 5,
            statement="x",
            quantity={"value": 1},
        )


def test_a_quote_that_does_not_match_the_text_is_refused(reporter: Any, source: Source) -> None:
    with pytest.raises(ValidationError, match="do not match"):
        services.claim_create(
            by=reporter,
            source=source,
            start=0,
            end=9,
            quote="something",
            statement="x",
            quantity={"value": 1},
        )


def test_a_range_with_low_above_high_is_refused(reporter: Any, source: Source) -> None:
    with pytest.raises(ValidationError, match="above the high end"):
        make_claim(reporter, source, value=None, low=Decimal(8), high=Decimal(7))
    assert not Claim.objects.exists()


def test_a_claim_needs_a_figure(reporter: Any, source: Source) -> None:
    with pytest.raises(ValidationError, match="Give a value"):
        make_claim(reporter, source, value=None)


def test_an_editor_accepts_a_candidate(editor: Any, candidate: Claim) -> None:
    claim = services.claim_accept(claim=candidate, by=editor, expected_version=1)
    assert claim.state == ClaimState.OPEN
    assert claim.version == 2
    event = claim.events.order_by("-id").first()
    assert event is not None
    assert (event.action, event.before, event.after) == (
        "claim.accepted",
        {"state": "candidate"},
        {"state": "open"},
    )
    assert event.actor == editor and event.claim_version == 2


@pytest.mark.parametrize("action", [services.claim_accept, services.claim_reject])
def test_a_reporter_cannot_decide_candidates(reporter: Any, candidate: Claim, action: Any) -> None:
    with pytest.raises(PermissionDenied):
        action(claim=candidate, by=reporter, expected_version=1)
    candidate.refresh_from_db()
    assert candidate.state == ClaimState.CANDIDATE
    assert events_of(candidate) == ["claim.created"]


def test_an_editor_rejects_a_candidate_with_a_reason(editor: Any, candidate: Claim) -> None:
    claim = services.claim_reject(claim=candidate, by=editor, expected_version=1, reason="noise")
    assert claim.state == ClaimState.REJECTED
    assert claim.events.order_by("-id")[0].reason == "noise"


def test_a_rejected_claim_cannot_be_accepted(editor: Any, candidate: Claim) -> None:
    services.claim_reject(claim=candidate, by=editor, expected_version=1)
    with pytest.raises(services.ServiceError, match="rejected"):
        services.claim_accept(claim=candidate, by=editor, expected_version=2)


def test_an_edit_records_old_and_new_values(editor: Any, open_claim: Claim) -> None:
    claim = services.claim_edit(
        claim=open_claim,
        by=editor,
        expected_version=open_claim.version,
        changes={"value": "450", "as_of": "October 2024"},
        reason="Corrected from the ministry",
    )
    assert claim.value == Decimal(450)
    event = claim.events.order_by("-id")[0]
    assert event.action == "claim.edited"
    assert event.before == {"as_of": "", "value": "400"}
    assert event.after == {"as_of": "October 2024", "value": "450"}
    assert event.reason == "Corrected from the ministry"


def test_an_edit_that_changes_nothing_writes_nothing(editor: Any, open_claim: Claim) -> None:
    before = ClaimEvent.objects.count()
    claim = services.claim_edit(
        claim=open_claim, by=editor, expected_version=open_claim.version, changes={"value": "400"}
    )
    assert claim.version == open_claim.version
    assert ClaimEvent.objects.count() == before


def test_a_reporter_cannot_edit_claims(reporter: Any, open_claim: Claim) -> None:
    with pytest.raises(PermissionDenied):
        services.claim_edit(claim=open_claim, by=reporter, expected_version=2, changes={"value": 1})


def test_a_stale_edit_raises_a_conflict_that_names_what_changed(
    editor: Any, second_editor: Any, open_claim: Claim
) -> None:
    version = open_claim.version
    services.claim_edit(
        claim=open_claim, by=second_editor, expected_version=version, changes={"value": "380"}
    )
    with pytest.raises(services.ClaimConflict) as caught:
        services.claim_edit(
            claim=open_claim, by=editor, expected_version=version, changes={"subject": "land"}
        )
    conflict = caught.value
    assert "bob" in str(conflict) and "value" in str(conflict)
    assert conflict.changed_fields == ["value"]
    open_claim.refresh_from_db()
    assert open_claim.subject != "land"
    assert open_claim.value == Decimal(380)


@pytest.mark.parametrize(
    "action",
    [
        lambda c, u, v: services.claim_accept(claim=c, by=u, expected_version=v),
        lambda c, u, v: services.claim_reject(claim=c, by=u, expected_version=v),
        lambda c, u, v: services.claim_set_verdict(
            claim=c, by=u, verdict=Verdict.CONFIRMED, expected_version=v
        ),
    ],
    ids=["accept", "reject", "verdict"],
)
def test_every_claim_decision_checks_the_version(
    editor: Any, open_claim: Claim, action: Any
) -> None:
    stale = open_claim.version - 1
    with pytest.raises(services.ClaimConflict):
        action(open_claim, editor, stale)
    assert ClaimEvent.objects.filter(claim=open_claim).count() == 2


def test_a_verdict_needs_a_reason_unless_confirmed(editor: Any, open_claim: Claim) -> None:
    with pytest.raises(ValidationError, match="reason is required"):
        services.claim_set_verdict(
            claim=open_claim,
            by=editor,
            verdict=Verdict.DISPUTED,
            expected_version=open_claim.version,
            reason="  ",
        )
    claim = services.claim_set_verdict(
        claim=open_claim, by=editor, verdict=Verdict.CONFIRMED, expected_version=open_claim.version
    )
    assert claim.verdict == Verdict.CONFIRMED
    assert claim.current_verdict is not None
    assert claim.current_verdict.decided_by == editor


def test_a_verdict_records_the_evidence_relied_on(
    editor: Any, reporter: Any, open_claim: Claim, source: Source
) -> None:
    other = make_source(reporter, text="Another report says 380 square kilometres.")
    evidence = services.evidence_link(
        claim=open_claim, by=reporter, relation=Relation.CONTRADICTS, target_source=other
    )
    claim = services.claim_set_verdict(
        claim=open_claim,
        by=editor,
        verdict=Verdict.DISPUTED,
        reason="Lower count elsewhere",
        expected_version=open_claim.version,
        evidence=[evidence],
    )
    assert claim.current_verdict_id is not None
    record = VerdictRecord.objects.get(pk=claim.current_verdict_id)
    assert list(record.evidence.all()) == [evidence]
    event = claim.events.order_by("-id")[0]
    assert event.after["evidence_relied_on"] == [evidence.pk]
    assert event.after["verdict"] == "disputed"


def test_a_reporter_cannot_reach_verdicts(reporter: Any, open_claim: Claim) -> None:
    with pytest.raises(PermissionDenied):
        services.claim_set_verdict(
            claim=open_claim,
            by=reporter,
            verdict=Verdict.CONFIRMED,
            expected_version=open_claim.version,
        )


def test_a_candidate_gets_no_verdict(editor: Any, candidate: Claim) -> None:
    with pytest.raises(services.ServiceError, match="Only open claims"):
        services.claim_set_verdict(
            claim=candidate, by=editor, verdict=Verdict.CONFIRMED, expected_version=1
        )


def test_reopen_clears_the_verdict_and_keeps_the_record(editor: Any, open_claim: Claim) -> None:
    claim = services.claim_set_verdict(
        claim=open_claim, by=editor, verdict=Verdict.CONFIRMED, expected_version=open_claim.version
    )
    claim = services.claim_reopen(
        claim=claim, by=editor, expected_version=claim.version, reason="New figures came in"
    )
    assert claim.verdict == Verdict.UNVERIFIED
    assert claim.verdicts.count() == 2
    assert events_of(claim)[-1] == "claim.reopened"


# --- evidence -----------------------------------------------------------------------------


def test_link_and_unlink_evidence_are_recorded(
    reporter: Any, open_claim: Claim, candidate: Claim
) -> None:
    evidence = services.evidence_link(
        claim=open_claim,
        by=reporter,
        relation=Relation.CORROBORATES,
        target_claim=candidate,
        note="Same figure",
    )
    services.evidence_unlink(evidence=evidence, by=reporter, reason="Wrong claim")
    evidence.refresh_from_db()
    assert evidence.removed_at is not None and evidence.removed_by == reporter
    assert events_of(open_claim)[-2:] == ["evidence.linked", "evidence.unlinked"]
    last = open_claim.events.order_by("-id")[0]
    assert last.reason == "Wrong claim"
    assert last.before["target_claim_id"] == candidate.pk


def test_a_viewer_cannot_link_evidence(viewer: Any, open_claim: Claim, source: Source) -> None:
    with pytest.raises(PermissionDenied):
        services.evidence_link(
            claim=open_claim, by=viewer, relation=Relation.CONTEXT, target_source=source
        )
    assert not Evidence.objects.exists()


def test_a_passage_of_evidence_must_lie_in_the_report(
    reporter: Any, open_claim: Claim, source: Source
) -> None:
    with pytest.raises(ValidationError, match="outside the report"):
        services.evidence_link(
            claim=open_claim,
            by=reporter,
            relation=Relation.CONTEXT,
            target_source=source,
            passage_start=5,
            passage_end=10**6,
        )


def test_a_claim_is_not_evidence_for_itself(reporter: Any, open_claim: Claim) -> None:
    with pytest.raises(ValidationError, match="itself"):
        services.evidence_link(
            claim=open_claim, by=reporter, relation=Relation.CONTEXT, target_claim=open_claim
        )


def test_the_same_link_twice_is_refused(reporter: Any, open_claim: Claim, source: Source) -> None:
    services.evidence_link(
        claim=open_claim, by=reporter, relation=Relation.CONTEXT, target_source=source
    )
    with pytest.raises(ValidationError, match="already"):
        services.evidence_link(
            claim=open_claim, by=reporter, relation=Relation.CONTEXT, target_source=source
        )


# --- atomicity ----------------------------------------------------------------------------


class Boom(Exception):
    pass


def test_a_failure_after_the_change_leaves_neither_change_nor_event(
    editor: Any, open_claim: Claim, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The event is written, then the service fails: both must roll back together."""
    real_record = audit.record_event

    def record_then_fail(**kwargs: Any) -> Any:
        real_record(**kwargs)
        raise Boom

    monkeypatch.setattr(audit, "record_event", record_then_fail)
    before_events = ClaimEvent.objects.count()
    with pytest.raises(Boom):
        services.claim_edit(
            claim=open_claim,
            by=editor,
            expected_version=open_claim.version,
            changes={"value": "999"},
        )
    open_claim.refresh_from_db()
    assert open_claim.value == Decimal(400)
    assert ClaimEvent.objects.count() == before_events


@pytest.mark.parametrize(
    "call",
    [
        lambda s, c, u: services.claim_accept(claim=c, by=u, expected_version=c.version),
        lambda s, c, u: services.evidence_link(claim=c, by=u, relation="context", target_source=s),
        lambda s, c, u: make_source(u, text="A brand new report with 12 figures."),
        lambda s, c, u: make_claim(u, s, "700,000 tons of rice", value=700000),
    ],
    ids=["accept", "link", "source", "claim"],
)
def test_no_write_survives_a_failing_history(
    editor: Any, source: Source, candidate: Claim, monkeypatch: pytest.MonkeyPatch, call: Any
) -> None:
    def fail(**kwargs: Any) -> Any:
        raise Boom

    counts = [m.objects.count() for m in (Claim, Source, Evidence, Mention, ClaimEvent)]
    monkeypatch.setattr(audit, "record_event", fail)
    with pytest.raises(Boom):
        call(source, candidate, editor)
    assert [m.objects.count() for m in (Claim, Source, Evidence, Mention, ClaimEvent)] == counts
    candidate.refresh_from_db()
    assert candidate.state == ClaimState.CANDIDATE


def test_events_share_a_correlation_id_within_one_action(reporter: Any, source: Source) -> None:
    with audit.audit_context(channel="web"):
        claim = make_claim(reporter, source)
    created_entity = ClaimEvent.objects.get(action="entity.created", entity__name="Officials")
    created_claim = ClaimEvent.objects.get(claim=claim, action="claim.created")
    assert created_entity.correlation_id == created_claim.correlation_id
    assert created_claim.channel == "web"


def test_without_a_named_context_one_service_call_is_one_action(
    reporter: Any, source: Source
) -> None:
    claim = make_claim(reporter, source)
    created_entity = ClaimEvent.objects.get(action="entity.created", entity__name="Officials")
    created_claim = ClaimEvent.objects.get(claim=claim, action="claim.created")
    assert created_entity.correlation_id == created_claim.correlation_id
    other = make_claim(reporter, source, "700,000 tons of rice", value=700000)
    assert other.events.get().correlation_id != created_claim.correlation_id
