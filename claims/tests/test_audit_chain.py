"""The history is append-only and tamper-evident: guards, triggers and verify_audit."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
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
from claims.tests.conftest import forge, history_migration, make_claim

pytestmark = pytest.mark.django_db

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the triggers exist on PostgreSQL only"
)


def verify(*args: str) -> str:
    out = StringIO()
    call_command("verify_audit", *args, stdout=out)
    return out.getvalue()


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


@contextmanager
def production_triggers() -> Iterator[None]:
    """The history's TRUNCATE triggers as every real database has them (the test database
    has them switched off for the runner; see migration 0006), until the transaction ends."""
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # ALTER TABLE refuses pending checks
        for table, trigger in zip(
            history_migration().HISTORY_TABLES,
            history_migration().NO_TRUNCATE_TRIGGERS,
            strict=True,
        ):
            cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER {trigger}")
    yield


@postgres_only
@pytest.mark.parametrize("table", ["claims_claimevent", "claims_auditcheckpoint"])
def test_no_session_setting_lets_the_owner_truncate_the_history(desk: Claim, table: str) -> None:
    """Regression: SET factdesk.allow_purge = on used to let any session TRUNCATE."""
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        production_triggers(),
        connection.cursor() as cursor,
    ):
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no pending FK checks in the way
        cursor.execute("SET LOCAL factdesk.allow_purge = 'on'")
        cursor.execute(f"TRUNCATE {table} CASCADE")
    assert ClaimEvent.objects.exists()


@postgres_only
def test_the_history_function_has_no_switch_and_only_the_runners_truncate_is_off(
    db: Any,
) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT prosrc FROM pg_proc WHERE proname = 'factdesk_history_is_append_only'"
        )
        (source,) = cursor.fetchone()
        assert "current_setting" not in source and "IF" not in source
        cursor.execute(
            "SELECT t.tgname, t.tgenabled FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
            " WHERE c.relname = ANY(%s) AND NOT t.tgisinternal",
            [list(history_migration().HISTORY_TABLES)],
        )
        triggers = dict(cursor.fetchall())
    no_truncate = set(history_migration().NO_TRUNCATE_TRIGGERS)
    assert {name for name, state in triggers.items() if state == "D"} == no_truncate
    assert {f"{table}_append_only" for table in history_migration().HISTORY_TABLES} <= set(triggers)
    # Production drops 0005's reset of the chain head on TRUNCATE; the test run adds its own.
    assert "claims_claimevent_chain_head_reset" not in triggers
    assert triggers["claims_claimevent_test_chain_head_reset"] == "O"


@postgres_only
def test_the_postgresql_suite_runs_as_a_non_superuser_that_owns_the_tables(db: Any) -> None:
    """As in docker compose: the desk's role owns its tables and is no superuser. Run the
    PostgreSQL suite as such a role (.ci/run creates `factdesk` and uses it)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT r.rolsuper, pg_get_userbyid(c.relowner) = current_user FROM pg_roles r,"
            " pg_class c WHERE r.rolname = current_user AND c.relname = 'claims_claimevent'"
        )
        superuser, owner = cursor.fetchone()
    assert owner, "the suite's role must own the tables"
    assert not superuser, "run the PostgreSQL suite as a non-superuser role (see .ci/run)"


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
