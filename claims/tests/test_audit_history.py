"""Replaying history, reverting, source metadata and entity merges: each writes its history."""

from __future__ import annotations

from datetime import UTC, datetime
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
    EntityAlias,
    Mention,
    Relation,
    Source,
    Verdict,
    VerdictRecord,
)
from claims.services.history import claim_as_of, claim_events, replay
from claims.tests.conftest import make_claim, make_source

pytestmark = pytest.mark.django_db


class Boom(Exception):
    pass


def latest(claim: Claim) -> Claim:
    return Claim.objects.get(pk=claim.pk)


def storied_claim(editor: Any, reporter: Any, source: Source) -> tuple[Claim, list[tuple]]:
    """A claim taken through edits, evidence, verdicts, a reopen and an archive; after each
    step, (last event id, the claim's snapshot, its version, its active evidence ids)."""
    claim = make_claim(reporter, source, "400 square kilometres", value=Decimal(400), qualifier="=")
    other = make_claim(reporter, source, "700,000 tons of rice", value=700000)
    states: list[tuple] = []

    def mark() -> None:
        fresh = latest(claim)
        last = ClaimEvent.objects.filter(claim=claim).order_by("-id").first()
        assert last is not None
        active = sorted(fresh.evidence.filter(removed_at__isnull=True).values_list("pk", flat=True))
        states.append((last.pk, fresh.snapshot(), fresh.version, active))

    mark()
    c = services.claim_accept(claim=claim, by=editor, expected_version=1)
    mark()
    c = services.claim_edit(
        claim=c,
        by=editor,
        expected_version=c.version,
        changes={"value": "", "low": "350.5", "high": "420", "qualifier": "~", "place": "east"},
        reason="The report gives a range",
    )
    mark()
    link = services.evidence_link(
        claim=c, by=editor, relation=Relation.CONTRADICTS, target_claim=other
    )
    mark()
    c = services.claim_set_verdict(
        claim=latest(c),
        by=editor,
        verdict=Verdict.DISPUTED,
        reason="Another count",
        expected_version=c.version,
        evidence=[link],
    )
    mark()
    services.evidence_unlink(evidence=link, by=editor, reason="Wrong claim")
    c = latest(c)  # the verdict relied on it: the claim's version moved on
    mark()
    c = services.claim_reopen(claim=c, by=editor, expected_version=c.version, reason="New data")
    mark()
    c = services.claim_edit(
        claim=c,
        by=editor,
        expected_version=c.version,
        changes={"statement": "Some 400 km² changed hands", "unit": "km2", "currency": ""},
    )
    mark()
    c = services.claim_archive(claim=c, by=editor, expected_version=c.version, reason="Old")
    mark()
    return latest(c), states


# --- replay -------------------------------------------------------------------------------


def test_replay_reproduces_every_earlier_state_exactly(
    editor: Any, reporter: Any, source: Source
) -> None:
    claim, states = storied_claim(editor, reporter, source)
    events = claim_events(claim)
    for event_id, snapshot, version, active in states:
        as_of = replay(events, until=event_id)
        assert as_of.fields == snapshot
        assert as_of.version == version
        assert sorted(as_of.evidence) == active
        assert as_of.inconsistencies == []


def test_replay_of_the_whole_history_is_the_claim_now(
    editor: Any, reporter: Any, source: Source
) -> None:
    claim, _ = storied_claim(editor, reporter, source)
    now = replay(claim_events(claim))
    assert now.fields == claim.snapshot()
    assert now.version == claim.version


def test_replay_notices_a_history_that_does_not_add_up(
    editor: Any, reporter: Any, source: Source
) -> None:
    claim, _ = storied_claim(editor, reporter, source)
    events = claim_events(claim)
    edit = next(e for e in events if e.action == "claim.edited")
    edit.before = {**edit.before, "place": "somewhere else"}
    assert any(f"event {edit.pk}" in text for text in replay(events).inconsistencies)


def test_as_of_refuses_an_event_of_another_claim(
    editor: Any, reporter: Any, source: Source, candidate: Claim
) -> None:
    claim, _ = storied_claim(editor, reporter, source)
    foreign = ClaimEvent.objects.filter(claim=candidate).first()
    assert foreign is not None
    with pytest.raises(ValidationError):
        claim_as_of(claim, foreign.pk)


# --- revert -------------------------------------------------------------------------------


def test_revert_restores_an_earlier_state_and_is_itself_in_the_history(
    editor: Any, reporter: Any, source: Source
) -> None:
    claim, states = storied_claim(editor, reporter, source)
    event_id, snapshot, _version, _active = states[4]  # disputed, with its evidence
    events_before = ClaimEvent.objects.count()

    reverted = services.claim_revert(
        claim=claim,
        by=editor,
        event_id=event_id,
        expected_version=claim.version,
        reason="The archive was a mistake",
        workflow=True,
    )

    assert reverted.snapshot() == snapshot
    assert reverted.version == claim.version + 1
    assert reverted.current_verdict is not None
    assert reverted.current_verdict.verdict == Verdict.DISPUTED
    assert reverted.current_verdict.reason == "The archive was a mistake"
    event = ClaimEvent.objects.get(pk__gt=events_before - 1, action="claim.reverted")
    assert event.reason == "The archive was a mistake"
    assert event.after["reverted_to_event"] == event_id
    assert event.before["state"] == ClaimState.ARCHIVED and event.after["state"] == "open"
    assert event.before["verdict"] == "unverified" and event.after["verdict"] == "disputed"
    # Nothing earlier was touched: the history only grew, and still verifies.
    assert ClaimEvent.objects.count() == events_before + 1
    assert audit.verify_chain().ok


def test_a_revert_can_itself_be_reverted(editor: Any, reporter: Any, source: Source) -> None:
    claim, states = storied_claim(editor, reporter, source)
    before_revert = claim.snapshot()
    last_event = states[-1][0]
    once = services.claim_revert(
        claim=claim, by=editor, event_id=states[2][0], expected_version=claim.version, reason="a"
    )
    assert once.low == Decimal("350.5")
    twice = services.claim_revert(
        claim=once, by=editor, event_id=last_event, expected_version=once.version, reason="b"
    )
    assert twice.snapshot() == before_revert


def test_revert_needs_a_reason_an_editor_and_the_current_version(
    editor: Any, reporter: Any, source: Source
) -> None:
    claim, states = storied_claim(editor, reporter, source)
    target = states[1][0]
    with pytest.raises(ValidationError, match="reason"):
        services.claim_revert(
            claim=claim, by=editor, event_id=target, expected_version=claim.version, reason=" "
        )
    with pytest.raises(PermissionDenied):
        services.claim_revert(
            claim=claim, by=reporter, event_id=target, expected_version=claim.version, reason="x"
        )
    with pytest.raises(services.ClaimConflict):
        services.claim_revert(
            claim=claim, by=editor, event_id=target, expected_version=claim.version - 1, reason="x"
        )
    assert latest(claim).snapshot() == claim.snapshot()


def test_revert_to_the_state_it_is_in_changes_nothing(
    editor: Any, reporter: Any, source: Source
) -> None:
    claim, states = storied_claim(editor, reporter, source)
    with pytest.raises(services.ServiceError, match="already"):
        services.claim_revert(
            claim=claim,
            by=editor,
            event_id=states[-1][0],
            expected_version=claim.version,
            reason="x",
        )


def test_a_failing_revert_leaves_neither_change_nor_event(
    editor: Any, reporter: Any, source: Source, monkeypatch: pytest.MonkeyPatch
) -> None:
    claim, states = storied_claim(editor, reporter, source)
    counts = (ClaimEvent.objects.count(), VerdictRecord.objects.count())

    def fail(**kwargs: Any) -> Any:
        raise Boom

    monkeypatch.setattr(audit, "record_event", fail)
    with pytest.raises(Boom):
        services.claim_revert(
            claim=claim,
            by=editor,
            event_id=states[4][0],
            expected_version=claim.version,
            reason="x",
        )
    assert (ClaimEvent.objects.count(), VerdictRecord.objects.count()) == counts
    assert latest(claim).snapshot() == claim.snapshot()


# --- source metadata ----------------------------------------------------------------------


def test_an_editor_corrects_a_reports_details_and_it_is_recorded(
    editor: Any, source: Source
) -> None:
    published = datetime(2024, 11, 5, 9, 30, tzinfo=UTC)
    updated = services.source_update_metadata(
        source=source,
        by=editor,
        changes={
            "title": "Camp report, corrected",
            "outlet": "Harbour Post",
            "kind": "statement",
            "published_at": published,
        },
        reason="Byline checked",
    )
    assert updated.title == "Camp report, corrected"
    assert updated.outlet is not None and updated.outlet.name == "Harbour Post"
    event = ClaimEvent.objects.get(source=source, action="source.metadata_edited")
    assert event.actor == editor and event.reason == "Byline checked"
    assert event.before == {
        "kind": "news",
        "outlet": None,
        "published_at": None,
        "title": "Camp report",
    }
    assert event.after == {
        "kind": "statement",
        "outlet": "Harbour Post",
        "published_at": published.isoformat(),
        "title": "Camp report, corrected",
    }
    # The outlet entity was created in the same editorial action.
    created = ClaimEvent.objects.get(action="entity.created", entity=updated.outlet)
    assert created.correlation_id == event.correlation_id


def test_a_reports_text_is_never_edited(editor: Any, source: Source) -> None:
    with pytest.raises(ValidationError, match="never edited"):
        services.source_update_metadata(source=source, by=editor, changes={"text": "new"})
    with pytest.raises(ValidationError):
        services.source_update_metadata(source=source, by=editor, changes={"sha256": "0"})


def test_a_reporter_cannot_edit_a_reports_details(reporter: Any, source: Source) -> None:
    with pytest.raises(PermissionDenied):
        services.source_update_metadata(source=source, by=reporter, changes={"title": "x"})


def test_unchanged_details_write_nothing(editor: Any, source: Source) -> None:
    count = ClaimEvent.objects.count()
    services.source_update_metadata(source=source, by=editor, changes={"title": source.title})
    assert ClaimEvent.objects.count() == count


def test_a_failing_metadata_edit_leaves_neither_change_nor_event(
    editor: Any, source: Source, monkeypatch: pytest.MonkeyPatch
) -> None:
    count = ClaimEvent.objects.count()

    def fail(**kwargs: Any) -> Any:
        raise Boom

    monkeypatch.setattr(audit, "record_event", fail)
    with pytest.raises(Boom):
        services.source_update_metadata(source=source, by=editor, changes={"title": "New"})
    source.refresh_from_db()
    assert source.title == "Camp report"
    assert ClaimEvent.objects.count() == count


# --- entity merges ------------------------------------------------------------------------


@pytest.fixture
def two_names(reporter: Any, editor: Any) -> tuple[Entity, Entity, Claim, Source]:
    source = make_source(reporter, outlet="Kyiv Desk")
    claim = make_claim(reporter, source)  # speaker "Officials"
    other_source = make_source(reporter, text="The spokesman said 12 drones.", outlet="KD News")
    start = other_source.text.index("12 drones")
    services.claim_create(
        by=reporter,
        source=other_source,
        start=start,
        end=start + 9,
        statement="12 drones",
        quantity={"value": 12, "unit_name": "drone"},
        speaker="Government officials",
        via="Officials",
    )
    gone = Entity.objects.get(name="Officials")
    kept = Entity.objects.get(name="Government officials")
    return gone, kept, claim, source


def test_an_entity_merge_moves_aliases_mentions_and_reports_and_records_each(
    editor: Any, two_names: tuple[Entity, Entity, Claim, Source]
) -> None:
    gone, kept, claim, _source = two_names
    services.entity_merge(entity=gone, into=kept, by=editor, reason="Same body")

    gone.refresh_from_db()
    assert gone.merged_into == kept
    assert set(EntityAlias.objects.filter(entity=kept).values_list("normalized", flat=True)) == {
        "officials",
        "government officials",
    }
    assert not Mention.objects.filter(speaker=gone).exists()
    assert not Mention.objects.filter(via=gone).exists()
    assert services.entity_find("Officials") == kept

    merged = ClaimEvent.objects.get(action="entity.merged", entity=gone)
    assert merged.reason == "Same body" and merged.after["merged_into"] == kept.pk
    assert merged.after["aliases_moved"] == ["Officials"]
    moved = ClaimEvent.objects.get(action="mention.reassigned", claim=claim)
    mention = claim.mentions.get()
    assert moved.before == {f"mention {mention.pk} speaker": "Officials"}
    assert moved.after == {f"mention {mention.pk} speaker": "Government officials"}
    group = {merged.correlation_id, moved.correlation_id}
    assert len(group) == 1
    assert ClaimEvent.objects.filter(correlation_id__in=group).count() == 3  # 2 claims + entity


def test_an_outlet_merge_moves_its_reports(
    editor: Any, two_names: tuple[Entity, Entity, Claim, Source]
) -> None:
    _gone, _kept, _claim, source = two_names
    assert source.outlet is not None
    other = Entity.objects.get(name="KD News")
    services.entity_merge(entity=source.outlet, into=other, by=editor)
    source.refresh_from_db()
    assert source.outlet == other
    event = ClaimEvent.objects.get(action="source.outlet_merged", source=source)
    assert (event.before, event.after) == ({"outlet": "Kyiv Desk"}, {"outlet": "KD News"})


def test_an_entity_is_not_merged_into_itself_or_twice(
    editor: Any, reporter: Any, two_names: tuple[Entity, Entity, Claim, Source]
) -> None:
    gone, kept, _claim, _source = two_names
    with pytest.raises(ValidationError):
        services.entity_merge(entity=gone, into=gone, by=editor)
    with pytest.raises(PermissionDenied):
        services.entity_merge(entity=gone, into=kept, by=reporter)
    services.entity_merge(entity=gone, into=kept, by=editor)
    with pytest.raises(services.ServiceError, match="already merged"):
        services.entity_merge(entity=gone, into=kept, by=editor)
    with pytest.raises(ValidationError):  # kept -> gone would follow gone back to kept
        services.entity_merge(entity=kept, into=gone, by=editor)


def test_a_failing_entity_merge_leaves_neither_change_nor_event(
    editor: Any, two_names: tuple[Entity, Entity, Claim, Source], monkeypatch: pytest.MonkeyPatch
) -> None:
    gone, kept, _claim, _source = two_names
    count = ClaimEvent.objects.count()
    real = audit.record_event
    calls = []

    def fail_at_the_end(**kwargs: Any) -> Any:
        calls.append(kwargs["action"])
        if kwargs["action"] == "entity.merged":
            raise Boom
        return real(**kwargs)

    monkeypatch.setattr(audit, "record_event", fail_at_the_end)
    with pytest.raises(Boom):
        services.entity_merge(entity=gone, into=kept, by=editor)
    assert "mention.reassigned" in calls
    gone.refresh_from_db()
    assert gone.merged_into is None
    assert Mention.objects.filter(speaker=gone).exists()
    assert EntityAlias.objects.filter(entity=gone).exists()
    assert ClaimEvent.objects.count() == count
