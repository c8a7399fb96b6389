"""The history is append-only and tamper-evident: guards, triggers and verify_audit."""

from __future__ import annotations

import json
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction
from django.db.models import ProtectedError

from claims import audit, services
from claims.models import Claim, ClaimEvent, EntityAlias, Source, VerdictRecord
from claims.querysets import AuditedWriteError, service_writes
from claims.tests.conftest import make_claim

pytestmark = pytest.mark.django_db

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the triggers exist on PostgreSQL only"
)


def verify(*args: str) -> str:
    out = StringIO()
    call_command("verify_audit", *args, stdout=out)
    return out.getvalue()


def forge(sql: str, params: list[Any]) -> None:
    """Rewrite the history behind the application's back, as a database superuser would."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Superuser only: skips ordinary triggers (ours) for this transaction.
            cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute(sql, params)
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL session_replication_role = origin")


@pytest.fixture
def desk(editor: Any, reporter: Any, source: Source, open_claim: Claim) -> Claim:
    other = make_claim(reporter, source)
    link = services.evidence_link(
        claim=open_claim, by=editor, relation="contradicts", target_claim=other
    )
    return services.claim_set_verdict(
        claim=open_claim,
        by=editor,
        verdict="disputed",
        reason="No",
        expected_version=2,
        evidence=[link],
    )


# --- verify_audit -------------------------------------------------------------------------


def test_verify_audit_checks_every_event_and_prints_the_head(desk: Claim) -> None:
    count = ClaimEvent.objects.count()
    output = verify()
    assert f"Checked {count} event(s)" in output
    assert audit.chain_head() in output
    assert "The history is intact." in output


def test_verify_audit_on_an_empty_history_is_fine(db: Any) -> None:
    assert "Checked 0 event(s)" in verify()


def test_an_event_changed_by_raw_sql_is_caught_and_named(desk: Claim) -> None:
    target = ClaimEvent.objects.filter(claim=desk, action="claim.verdict").get()
    forge(
        "UPDATE claims_claimevent SET reason = %s WHERE id = %s",
        ["Confirmed after all", target.pk],
    )
    with pytest.raises(CommandError, match=f"event {target.pk} is the first broken link") as exc:
        verify()
    assert exc.value.returncode == 1
    assert "content does not match its hash" in str(exc.value)


def test_a_forged_event_with_a_recomputed_hash_breaks_the_next_link(desk: Claim) -> None:
    """A forger who recomputes the changed event's own hash still breaks its successor."""
    events = list(ClaimEvent.objects.order_by("id"))
    victim, successor = events[-3], events[-2]
    victim.after = {**victim.after, "value": "1"}
    forged_hash = audit.event_hash(victim)
    forge(
        "UPDATE claims_claimevent SET after = %s, hash = %s WHERE id = %s",
        [json.dumps(victim.after), forged_hash, victim.pk],
    )
    with pytest.raises(CommandError, match=f"event {successor.pk} is the first broken link"):
        verify()


def test_a_deleted_event_is_caught_at_the_one_after_it(desk: Claim) -> None:
    events = list(ClaimEvent.objects.order_by("id"))
    forge("DELETE FROM claims_claimevent WHERE id = %s", [events[3].pk])
    with pytest.raises(CommandError, match=f"event {events[4].pk} is the first broken link"):
        verify()


def test_a_published_head_must_still_be_in_the_chain(desk: Claim, editor: Any) -> None:
    head = audit.chain_head()
    services.claim_edit(claim=desk, by=editor, expected_version=desk.version, changes={"per": "d"})
    assert "intact" in verify("--expect-head", head)
    with pytest.raises(CommandError, match="not in the chain"):
        verify("--expect-head", "f" * 64)


def test_verify_rows_is_pure_and_streams(desk: Claim) -> None:
    rows = ClaimEvent.objects.order_by("id").values_list("id", *audit.HASHED_COLUMNS, "hash")
    report = audit.verify_rows(iter(rows))
    assert report.ok and report.checked == ClaimEvent.objects.count()
    assert report.head == audit.chain_head()


# --- the application refuses to rewrite history --------------------------------------------


def test_an_event_is_never_saved_again_or_deleted(desk: Claim) -> None:
    event = ClaimEvent.objects.first()
    assert event is not None
    event.reason = "rewritten"
    with pytest.raises(AuditedWriteError, match="append-only"), transaction.atomic():
        event.save()
    with pytest.raises(AuditedWriteError, match="append-only"), service_writes():
        event.save()
    with (
        pytest.raises(AuditedWriteError, match="append-only"),
        transaction.atomic(),
        service_writes(),
    ):
        event.delete()
    with pytest.raises(AuditedWriteError):
        ClaimEvent.objects.filter(pk=event.pk).update(reason="x")


def test_audited_rows_are_not_saved_or_deleted_outside_the_services(desk: Claim) -> None:
    desk.value = desk.value * 2 if desk.value else None
    # Each refusal inside a savepoint: a refused write marks the transaction for rollback.
    with pytest.raises(AuditedWriteError, match="save"), transaction.atomic():
        desk.save()
    # A claim is referenced by its own history (PROTECT), so Django refuses even earlier.
    with pytest.raises((AuditedWriteError, ProtectedError)), transaction.atomic():
        desk.delete()
    alias = EntityAlias.objects.first()
    assert alias is not None
    with pytest.raises(AuditedWriteError, match="delete"), transaction.atomic():
        alias.delete()
    with pytest.raises(AuditedWriteError), transaction.atomic():
        Claim.objects.create(statement="sneaked in", value=1)
    record = VerdictRecord.objects.first()
    assert record is not None
    with pytest.raises(AuditedWriteError), transaction.atomic():
        record.save()
    desk.refresh_from_db()
    assert desk.version == 3


def test_fixtures_still_load(desk: Claim, tmp_path: Any) -> None:
    """loaddata saves raw: the guard lets fixtures (and migrations) through."""
    from django.core import serializers

    path = tmp_path / "claims.json"
    path.write_text(serializers.serialize("json", Claim.objects.filter(pk=desk.pk)))
    call_command("loaddata", str(path), verbosity=0)
    assert Claim.objects.filter(pk=desk.pk).exists()


# --- PostgreSQL refuses it too ----------------------------------------------------------------


@postgres_only
@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE claims_claimevent SET reason = 'rewritten'",
        "DELETE FROM claims_claimevent",
        "UPDATE claims_verdictrecord SET reason = 'rewritten'",
        "DELETE FROM claims_verdictrecord_evidence",
    ],
    ids=["update-event", "delete-event", "update-verdict", "delete-verdict-evidence"],
)
def test_postgresql_refuses_to_change_the_history(desk: Claim, sql: str) -> None:
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql)
    assert ClaimEvent.objects.filter(reason="rewritten").count() == 0


@postgres_only
def test_postgresql_refuses_to_truncate_the_history_outside_the_test_database(desk: Claim) -> None:
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no pending FK checks in the way
        cursor.execute("SET LOCAL factdesk.allow_purge = 'off'")
        cursor.execute("TRUNCATE claims_claimevent CASCADE")
    assert ClaimEvent.objects.exists()


@postgres_only
def test_only_the_test_database_allows_the_runners_purge(db: Any) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('factdesk.allow_purge', true)")
        assert cursor.fetchone() == ("on",)
        cursor.execute(
            "SELECT count(*) FROM pg_db_role_setting s JOIN pg_database d ON d.oid = s.setdatabase"
            " WHERE d.datname NOT LIKE 'test\\_%%' AND array_to_string(s.setconfig, ',')"
            " LIKE '%%factdesk.allow_purge%%'"
        )
        assert cursor.fetchone() == (0,)


@pytest.mark.django_db(transaction=True)
def test_a_transactional_test_can_still_be_flushed(editor: Any, reporter: Any) -> None:
    """pytest-django empties the tables after this test with TRUNCATE (on PostgreSQL)."""
    make_claim(
        reporter,
        services.source_create(by=reporter, text="Nine 9 boats.", title="t", extract=False).source,
        "9 boats",
        value=9,
    )
    assert ClaimEvent.objects.count() >= 3
