"""verify_audit against a forger who owns the tables: anchors, signed checkpoints, wiped rows.

The forger here is the tables' owner (the role the suite runs as on PostgreSQL, like the
compose role): the triggers off, then rows changed, deleted or re-hashed at will. The chain
alone catches a changed byte and a deleted event; its anchors (the chain head row, published
fact-sheet versions, signed checkpoints and their exported copies) catch a chain cut short
or recomputed; the rows catch a wiped table. Every test asserts what the message names.
"""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from claims import anchors, audit, services
from claims.models import AuditCheckpoint, Claim, ClaimEvent, Source
from claims.querysets import AuditedWriteError, service_writes
from claims.tests.conftest import forge, make_claim

pytestmark = pytest.mark.django_db

postgres_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")

KEY = "test checkpoint key, long enough and never in the database"


@pytest.fixture
def key(settings: Any) -> str:
    settings.AUDIT_CHECKPOINT_KEY = KEY
    return KEY


@pytest.fixture
def desk(editor: Any, reporter: Any, source: Source, open_claim: Claim) -> list[ClaimEvent]:
    """A dozen events: a report, claims, an evidence link, a verdict and some edits."""
    other = make_claim(reporter, source)
    link = services.evidence_link(
        claim=open_claim, by=editor, relation="contradicts", target_claim=other
    )
    claim = services.claim_set_verdict(
        claim=open_claim,
        by=editor,
        verdict="disputed",
        reason="No",
        expected_version=open_claim.version,
        evidence=[link],
    )
    for per in ("day", "week", "month"):
        claim = services.claim_edit(
            claim=claim, by=editor, expected_version=claim.version, changes={"per": per}
        )
    return events()


def claim_of(event: ClaimEvent) -> Claim:
    return Claim.objects.get(pk=event.claim_id or 0)


def events() -> list[ClaimEvent]:
    return list(ClaimEvent.objects.order_by("id"))


def verify(*args: str) -> str:
    out = StringIO()
    call_command("verify_audit", "--workers", "1", *args, stdout=out)
    return out.getvalue()


def verify_fails(*args: str) -> tuple[str, str]:
    """verify_audit must exit 1: its error message, and everything it printed."""
    out = StringIO()
    with pytest.raises(CommandError) as exc:
        call_command("verify_audit", "--workers", "1", *args, stdout=out)
    assert exc.value.returncode == 1
    return str(exc.value), out.getvalue()


def checkpoint(*args: str) -> str:
    out = StringIO()
    call_command("audit_checkpoint", "--workers", "1", *args, stdout=out)
    return out.getvalue()


def recompute_from(event_id: int, *, reason: str | None = None) -> None:
    """Rewrite one event's reason and re-hash it and every event after it, and move the
    chain head row to the new head: a forgery the chain alone cannot see."""
    prev = audit.GENESIS_HASH
    forged = events()
    for event in forged:
        if event.pk < event_id:
            prev = event.hash
            continue
        if event.pk == event_id and reason is not None:
            event.reason = reason
        event.prev_hash = prev
        event.hash = audit.event_hash(event)
        forge(
            "UPDATE claims_claimevent SET reason = %s, prev_hash = %s, hash = %s WHERE id = %s",
            [event.reason, event.prev_hash, event.hash, event.pk],
        )
        prev = event.hash
    move_head_row(forged[-2].hash if len(forged) > 1 else audit.GENESIS_HASH, prev)
    assert audit.verify_chain().ok  # the chain itself is consistent again


def move_head_row(prev_hash: str, head: str) -> None:
    if connection.vendor == "postgresql":
        forge(
            "UPDATE claims_auditchainhead SET prev_hash = %s, hash = %s WHERE id = 1",
            [prev_hash, head],
        )


# --- the five forgeries ------------------------------------------------------------------------


def test_one_changed_byte_is_named(desk: list[ClaimEvent]) -> None:
    target = desk[5]
    label = target.actor_label
    forge(
        "UPDATE claims_claimevent SET actor_label = %s WHERE id = %s",
        [label[:-1] + chr(ord(label[-1]) ^ 1), target.pk],
    )
    message, _ = verify_fails()
    assert f"event {target.pk} is the first broken link" in message
    assert "content does not match its hash" in message


def test_a_deleted_event_in_the_middle_is_named(desk: list[ClaimEvent]) -> None:
    forge("DELETE FROM claims_claimevent WHERE id = %s", [desk[4].pk])
    message, _ = verify_fails()
    assert f"event {desk[5].pk} is the first broken link" in message
    assert "an event before it was removed" in message


def test_the_last_events_deleted_are_named_by_the_checkpoint(
    desk: list[ClaimEvent], key: str
) -> None:
    checkpoint()
    last_kept = desk[-4]
    forge("DELETE FROM claims_claimevent WHERE id > %s", [last_kept.pk])
    move_head_row(desk[-5].hash, last_kept.hash)  # the forger tidies the head row too
    assert audit.verify_chain().ok  # what is left is a valid chain
    message, _ = verify_fails()
    assert f"checkpoint 1 (signed {checkpoint_date()}" in message
    assert f"records event {desk[-1].pk}" in message
    assert f"the history ends at event {last_kept.pk}: events after it were removed" in message


@postgres_only
def test_the_last_events_deleted_are_named_by_the_head_row(desk: list[ClaimEvent]) -> None:
    last_kept = desk[-3]
    forge("DELETE FROM claims_claimevent WHERE id > %s", [last_kept.pk])
    message, _ = verify_fails()
    assert f"the chain head row records hash {desk[-1].hash[:12]}" in message
    assert f"events after event {last_kept.pk} were removed" in message


@postgres_only
def test_a_missing_head_row_is_named(desk: list[ClaimEvent]) -> None:
    forge("DELETE FROM claims_auditchainhead")
    message, _ = verify_fails()
    assert "the chain head row (migration 0005) is missing" in message


def test_a_recomputed_chain_is_named_by_the_signed_checkpoint(
    desk: list[ClaimEvent], key: str
) -> None:
    checkpoint()
    recompute_from(desk[6].pk, reason="Confirmed after all")
    message, _ = verify_fails()
    assert "checkpoint 1 (signed" in message
    assert f"records hash {desk[-1].hash[:12]}… for event {desk[-1].pk}" in message
    assert "was rewritten and re-hashed" in message


def test_a_recomputed_chain_is_placed_between_two_checkpoints(
    desk: list[ClaimEvent], editor: Any, key: str
) -> None:
    checkpoint()
    claim = claim_of(desk[-1])
    services.claim_edit(claim=claim, by=editor, expected_version=claim.version, changes={"per": ""})
    checkpoint()
    recompute_from(events()[-1].pk, reason="rewritten")
    message, _ = verify_fails()
    assert message.startswith("The history does not verify: checkpoint 2 (signed")
    assert f"the newest anchor that agrees: checkpoint 1 (signed {checkpoint_date()}" in message
    assert f"at event {desk[-1].pk}" in message


def test_a_recomputed_chain_is_named_by_a_published_fact_sheet(
    desk: list[ClaimEvent], editor: Any
) -> None:
    claim = claim_of(desk[-1])
    sheet = services.factsheet_create(by=editor, title="Camp figures")
    services.factsheet_claim_add(sheet=sheet, by=editor, claim=claim)
    version = services.factsheet_publish(sheet=sheet, by=editor)
    recompute_from(desk[3].pk, reason="rewritten")
    message, _ = verify_fails()
    assert f"fact sheet {sheet.pk} version 1 (published" in message
    assert f"for event {version.last_event_id}" in message
    assert "rewritten and re-hashed" in message


def test_a_wiped_table_is_named(desk: list[ClaimEvent], key: str) -> None:
    checkpoint()
    if connection.vendor == "postgresql":
        forge("TRUNCATE claims_claimevent")  # the owner, with the triggers off
    else:
        forge("DELETE FROM claims_claimevent")
    message, output = verify_fails()
    assert message.startswith("The history does not verify: the history holds no events")
    assert "claims without any event (the first: claim" in message
    assert "1 source without any event" in message
    assert "1 evidence link without its evidence.linked event" in message
    assert "the table was wiped" in message
    assert "Checked 0 event(s)" in output
    assert "Problem: checkpoint 1 (signed" in output  # the checkpoint disagrees too


def test_a_history_recomputed_from_its_start_is_caught_by_the_rows(
    desk: list[ClaimEvent], source: Source
) -> None:
    """No checkpoint, no fact sheet: the forger drops a claim's creation and re-hashes
    everything; the chain and the head row agree, but the claim has no event left."""
    created = next(e for e in desk if e.action == "claim.created" and e.claim_id)
    forge("DELETE FROM claims_claimevent WHERE claim_id = %s", [created.claim_id])
    recompute_from(events()[0].pk)
    message, _ = verify_fails()
    assert "audited rows exist without their events" in message
    assert f"(the first: claim {created.claim_id})" in message


# --- checkpoints -----------------------------------------------------------------------------


def checkpoint_date() -> str:
    first = AuditCheckpoint.objects.get(number=1)
    return first.created_at.strftime("%Y-%m-%d %H:%M")


def test_a_checkpoint_signs_the_verified_head_and_is_not_repeated(
    desk: list[ClaimEvent], editor: Any, key: str
) -> None:
    output = checkpoint()
    first = AuditCheckpoint.objects.get()
    assert (first.number, first.event_id, first.event_hash) == (1, desk[-1].pk, desk[-1].hash)
    assert first.key_id == anchors.key_id(KEY) and first.created_by == "command:audit_checkpoint"
    record = anchors.CheckpointRecord.of(first)
    assert anchors.signature_of(record, KEY, "") == first.signature
    assert f"Checkpoint 1: event {desk[-1].pk}" in output
    assert "Nothing new to sign: checkpoint 1 already covers" in checkpoint()
    claim = claim_of(desk[-1])
    services.claim_edit(claim=claim, by=editor, expected_version=claim.version, changes={"per": ""})
    checkpoint()
    second = AuditCheckpoint.objects.get(number=2)
    assert second.event_hash == audit.chain_head()
    assert anchors.signature_of(anchors.CheckpointRecord.of(second), KEY, first.signature) == (
        second.signature
    )
    assert "The history is intact." in verify()


@pytest.mark.parametrize("value", ["", "short"], ids=["missing", "too-short"])
def test_a_checkpoint_needs_a_real_key(desk: list[ClaimEvent], settings: Any, value: str) -> None:
    settings.AUDIT_CHECKPOINT_KEY = value
    with pytest.raises(CommandError, match="AUDIT_CHECKPOINT_KEY") as exc:
        checkpoint()
    assert exc.value.returncode == 2
    assert not AuditCheckpoint.objects.exists()


def test_a_broken_chain_is_never_signed(desk: list[ClaimEvent], key: str) -> None:
    forge("UPDATE claims_claimevent SET reason = 'x' WHERE id = %s", [desk[2].pk])
    with pytest.raises(CommandError, match=f"No checkpoint written.*event {desk[2].pk}"):
        checkpoint()
    assert not AuditCheckpoint.objects.exists()


def test_an_empty_history_has_nothing_to_sign(db: Any, key: str) -> None:
    with pytest.raises(CommandError, match="holds no events yet"):
        checkpoint()


def test_a_changed_checkpoint_fails_its_signature(desk: list[ClaimEvent], key: str) -> None:
    checkpoint()
    forge(
        "UPDATE claims_auditcheckpoint SET event_id = %s, event_hash = %s",
        [desk[3].pk, desk[3].hash],
        tables=["claims_auditcheckpoint"],
    )
    message, _ = verify_fails()
    assert "the signature of checkpoint 1 (signed" in message
    assert "does not verify" in message


def test_a_checkpoint_removed_from_the_middle_of_the_log_is_named(
    desk: list[ClaimEvent], editor: Any, key: str
) -> None:
    claim = claim_of(desk[-1])
    for per in ("a", "b", "c"):
        claim = services.claim_edit(
            claim=claim, by=editor, expected_version=claim.version, changes={"per": per}
        )
        checkpoint()
    forge("DELETE FROM claims_auditcheckpoint WHERE number = 2", tables=["claims_auditcheckpoint"])
    message, _ = verify_fails()
    assert "checkpoint 2 is missing from the checkpoint log (it goes on at checkpoint 3)" in message


def test_a_checkpoint_signed_with_another_key_is_named(
    desk: list[ClaimEvent], key: str, settings: Any
) -> None:
    checkpoint()
    settings.AUDIT_CHECKPOINT_KEY = "another key, just as long as the first one was"
    message, _ = verify_fails()
    assert f"checkpoint 1 (signed {checkpoint_date()}" in message
    assert f"was signed with another key (key id {anchors.key_id(KEY)}" in message


def test_verify_audit_says_what_it_checked_the_chain_against(
    desk: list[ClaimEvent], editor: Any, key: str
) -> None:
    assert "Anchors: no signed checkpoint yet (run audit_checkpoint" in verify()
    checkpoint()
    output = verify()
    assert (
        f"Anchors: 1 signed checkpoint (the newest: checkpoint 1 (signed {checkpoint_date()}"
        in (output)
    )
    assert f"event {desk[-1].pk}); 0 published fact-sheet versions" in output
    assert ("; the chain head row." in output) == (connection.vendor == "postgresql")


@pytest.mark.parametrize(
    ("value", "reason"),
    [("", "AUDIT_CHECKPOINT_KEY is not set"), ("short", "AUDIT_CHECKPOINT_KEY is too short")],
)
def test_checkpoints_cannot_be_checked_without_the_key(
    desk: list[ClaimEvent], key: str, settings: Any, value: str, reason: str
) -> None:
    checkpoint()
    settings.AUDIT_CHECKPOINT_KEY = value
    message, _ = verify_fails()
    assert f"the signature of 1 checkpoint cannot be checked: {reason}" in message


def test_the_checkpoint_log_is_append_only(desk: list[ClaimEvent], key: str) -> None:
    checkpoint()
    cp = AuditCheckpoint.objects.get()
    cp.event_hash = "0" * 64
    with pytest.raises(AuditedWriteError, match="append-only"), service_writes():
        cp.save()
    with pytest.raises(AuditedWriteError, match="append-only"), service_writes():
        cp.delete()
    with pytest.raises(AuditedWriteError, match=r"claims\.services"), transaction.atomic():
        AuditCheckpoint.objects.create(
            number=2, event_id=1, event_hash="0" * 64, created_at=cp.created_at, signature="x"
        )


@postgres_only
@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE claims_auditcheckpoint SET event_hash = repeat('0', 64)",
        "DELETE FROM claims_auditcheckpoint",
    ],
    ids=["update", "delete"],
)
def test_postgresql_refuses_to_change_the_checkpoint_log(
    desk: list[ClaimEvent], key: str, sql: str
) -> None:
    checkpoint()
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql)
    assert AuditCheckpoint.objects.count() == 1


# --- exported copies ---------------------------------------------------------------------------


def test_an_exported_copy_catches_a_log_cut_at_its_end(
    desk: list[ClaimEvent], editor: Any, key: str, tmp_path: Path
) -> None:
    checkpoint()
    claim = claim_of(desk[-1])
    services.claim_edit(claim=claim, by=editor, expected_version=claim.version, changes={"per": ""})
    copy = tmp_path / "checkpoints.json"
    assert f"Exported 2 checkpoint(s) to {copy}" in checkpoint("--export", str(copy))
    assert "The history is intact." in verify("--checkpoints", str(copy))
    # The forger drops the newest checkpoint and re-hashes the chain after the first one.
    forge("DELETE FROM claims_auditcheckpoint WHERE number = 2", tables=["claims_auditcheckpoint"])
    recompute_from(events()[-1].pk, reason="rewritten")
    assert "The history is intact." in verify()  # the log left in the database agrees
    message, output = verify_fails("--checkpoints", str(copy))
    assert message.startswith("The history does not verify: checkpoint 2 (signed")
    assert f"of {copy} is missing from the checkpoint log: the log was cut" in output
    assert "rewritten and re-hashed" in output  # and the copy's checkpoint 2 disagrees


def test_an_exported_copy_catches_a_changed_log(
    desk: list[ClaimEvent], key: str, tmp_path: Path
) -> None:
    checkpoint()
    copy = tmp_path / "copy.json"
    checkpoint("--export-only", "--export", str(copy))
    forge(
        "UPDATE claims_auditcheckpoint SET created_by = 'someone else'",
        tables=["claims_auditcheckpoint"],
    )
    _, output = verify_fails("--checkpoints", str(copy))
    assert f"differs between the checkpoint log and {copy} (created_by)" in output


def test_the_log_exports_to_standard_output(desk: list[ClaimEvent], key: str) -> None:
    out, err = StringIO(), StringIO()
    call_command("audit_checkpoint", "--workers", "1", "--export", "-", stdout=out, stderr=err)
    document = json.loads(out.getvalue())
    assert document["format"] == anchors.EXPORT_FORMAT
    assert [c["number"] for c in document["checkpoints"]] == [1]
    assert document["checkpoints"][0]["event_hash"] == desk[-1].hash
    assert "Checkpoint 1" in err.getvalue()


@pytest.mark.parametrize(
    "content",
    [
        "not json",
        '{"format": "something else"}',
        '{"format": "factdesk-audit-checkpoints-1", "checkpoints": [{"number": "1"}]}',
    ],
    ids=["not-json", "other-format", "bad-entry"],
)
def test_a_file_that_is_not_an_export_is_refused(
    desk: list[ClaimEvent], tmp_path: Path, content: str
) -> None:
    path = tmp_path / "copy.json"
    path.write_text(content)
    with pytest.raises(CommandError, match="--checkpoints: ") as exc:
        verify("--checkpoints", str(path))
    assert exc.value.returncode == 2


def test_export_only_needs_a_file(db: Any) -> None:
    with pytest.raises(CommandError, match="--export-only needs --export FILE"):
        checkpoint("--export-only")


# --- PostgreSQL: in parallel, over one snapshot --------------------------------------------------


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_parallel_verification_reads_the_head_row_in_its_snapshot(
    editor: Any, reporter: Any
) -> None:
    from claims.tests.conftest import make_source

    source = make_source(reporter)
    claim = make_claim(reporter, source, editor=editor, state="open")
    for i in range(10):
        claim = services.claim_edit(
            claim=claim, by=editor, expected_version=claim.version, changes={"value": str(i)}
        )
    chain = events()
    out = StringIO()
    call_command("verify_audit", "--workers", "2", "--range-size", "4", stdout=out)
    assert "The history is intact." in out.getvalue()
    forge("DELETE FROM claims_claimevent WHERE id > %s", [chain[-3].pk])
    with pytest.raises(CommandError) as exc:
        call_command("verify_audit", "--workers", "2", "--range-size", "4", stdout=StringIO())
    assert f"events after event {chain[-3].pk} were removed" in str(exc.value)


# --- the commands as cron runs them --------------------------------------------------------------


def test_the_commands_read_the_key_from_a_file_and_exit_non_zero(tmp_path: Path) -> None:
    """Real processes on a fresh SQLite desk: the key from AUDIT_CHECKPOINT_KEY_FILE, a
    checkpoint exported elsewhere, then a forged history and verify_audit's exit status."""
    import sqlite3

    from claims.tests.test_settings import manage

    key_file = tmp_path / "checkpoint.key"
    key_file.write_text(KEY + "\n")
    report = tmp_path / "report.txt"
    report.write_text("Officials said 400 boats and 12,000 sailors left the port in May.\n")
    env = {"AUDIT_CHECKPOINT_KEY_FILE": str(key_file)}
    for args in (("migrate", "-v", "0"), ("ingest", str(report))):
        done = manage(*args, env=env, tmp_path=tmp_path)
        assert done.returncode == 0, done.stderr
    copy = tmp_path / "elsewhere.json"
    signed = manage("audit_checkpoint", "--export", str(copy), env=env, tmp_path=tmp_path)
    assert signed.returncode == 0, signed.stderr
    assert "Checkpoint 1: event" in signed.stdout
    assert json.loads(copy.read_text())["checkpoints"][0]["key_id"] == anchors.key_id(KEY)
    ok = manage("verify_audit", "--checkpoints", str(copy), env=env, tmp_path=tmp_path)
    assert ok.returncode == 0 and "The history is intact." in ok.stdout
    with sqlite3.connect(tmp_path / "db.sqlite3") as db:
        db.execute("UPDATE claims_claimevent SET reason = reason || '.' WHERE id = 3")
    broken = manage("verify_audit", "--checkpoints", str(copy), env=env, tmp_path=tmp_path)
    assert broken.returncode == 1
    assert "event 3 is the first broken link" in broken.stderr
