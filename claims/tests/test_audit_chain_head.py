"""The chain's fast paths keep its guarantees: same bytes hashed, no fork, same broken event.

- The canonical content is built without a dict, but is byte for byte the documented
  json.dumps(sort_keys=True, ensure_ascii=False, separators=(",", ":")) of the event.
- On PostgreSQL record_event appends in one statement through the chain head row; writers
  that run at the same time queue on that row and never fork the chain.
- verify_audit cuts the chain into id ranges checked by parallel workers, and still names the
  first broken event in id order.
"""

from __future__ import annotations

import hashlib
import json
import threading
from datetime import UTC
from decimal import Decimal
from io import StringIO
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction
from hypothesis import given, settings
from hypothesis import strategies as st

from claims import audit, services
from claims.models import Claim, ClaimEvent
from claims.querysets import AuditedWriteError
from claims.tests.conftest import forge, make_claim, make_source

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="PostgreSQL only",
)


def reference_canonical(values: tuple[Any, ...]) -> str:
    """The definition of the hashed bytes (the implementation before the fast path)."""
    payload = dict(zip(audit.HASHED_COLUMNS, values, strict=True))
    payload["correlation_id"] = str(payload["correlation_id"])
    payload["created_at"] = payload["created_at"].isoformat()
    return json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


# --- the canonical content -------------------------------------------------------------------

text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=30)
json_leaf = st.none() | st.booleans() | st.integers() | text | st.floats(allow_nan=False)
json_value = st.recursive(
    json_leaf,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(text, inner, max_size=3),
    max_leaves=8,
)
maybe_id = st.none() | st.integers(min_value=1, max_value=2**62)
event_values = st.tuples(
    text,  # action
    maybe_id,  # actor_id
    text,  # actor_label
    st.dictionaries(text, json_value, max_size=4),  # after
    st.dictionaries(text, json_value, max_size=4),  # before
    text,  # channel
    maybe_id,  # claim_id
    st.none() | st.integers(min_value=0, max_value=2**31 - 1),  # claim_version
    st.uuids(),  # correlation_id
    st.datetimes(timezones=st.just(UTC)),  # created_at
    maybe_id,  # entity_id
    st.just(audit.GENESIS_HASH) | st.text(alphabet="0123456789abcdef", min_size=64, max_size=64),
    text,  # reason
    maybe_id,  # source_id
)


@settings(max_examples=300, deadline=None)
@given(event_values)
def test_the_canonical_content_is_byte_for_byte_the_documented_json(values: tuple) -> None:
    expected = reference_canonical(values)
    assert audit._canonical(values) == expected
    # record_event's two parts around the prev_hash value, as the database joins them.
    (action, actor, label, after, before, channel, claim, version, corr, at, entity) = values[:11]
    prev_hash, reason, source = values[11:]
    head = audit._canonical_head(
        action,
        actor,
        label,
        audit._encode(after),
        audit._encode(before),
        channel,
        claim,
        version,
        str(corr),
        at.isoformat(),
        entity,
    )
    assert head + '"' + prev_hash + '"' + audit._canonical_tail(reason, source) == expected


@settings(max_examples=200, deadline=None)
@given(event_values)
def test_verify_audits_row_loop_hashes_the_same_bytes(values: tuple) -> None:
    """The written-out loop of verify_audit, fed rows as PostgreSQL returns them."""
    digest = hashlib.sha256(reference_canonical(values).encode()).hexdigest()
    raw = list(values)
    raw[3], raw[4] = json.dumps(values[3]), json.dumps(values[4])  # jsonb::text
    raw[8] = str(values[8])  # uuid::text
    segment = audit._verify_raw([[(7, *raw, digest)]], values[11])
    assert (segment.checked, segment.broken_id, segment.last_hash) == (1, None, digest)


def test_record_event_outside_a_service_call_is_refused(db: Any, editor: User) -> None:
    with pytest.raises(AuditedWriteError, match=r"claims\.services"), transaction.atomic():
        audit.record_event(action="claim.edited", by=editor, reason="sneaked in")
    assert not ClaimEvent.objects.filter(reason="sneaked in").exists()


def test_an_event_hashes_as_it_is_read_back(db: Any, editor: User, open_claim: Claim) -> None:
    services.claim_edit(
        claim=open_claim,
        by=editor,
        expected_version=open_claim.version,
        changes={"value": "12.5", "unit_name": 'soldat é "quoted" \n'},
        reason="ünïcode\ttab",
    )
    events = list(ClaimEvent.objects.order_by("id"))
    assert events[-1].reason == "ünïcode\ttab"
    for before, event in zip([None, *events], events, strict=False):
        assert event.prev_hash == (before.hash if before else audit.GENESIS_HASH)
        assert audit.event_hash(event) == event.hash


# --- PostgreSQL: the chain head row -----------------------------------------------------------


def head_row() -> tuple[str, str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT prev_hash, hash FROM claims_auditchainhead")
        rows = cursor.fetchall()
    assert len(rows) == 1
    return rows[0]


@postgres_only
@pytest.mark.django_db
def test_the_head_row_follows_the_last_event(editor: User, open_claim: Claim) -> None:
    services.claim_edit(
        claim=open_claim, by=editor, expected_version=open_claim.version, changes={"per": "d"}
    )
    last, before_last = ClaimEvent.objects.order_by("-id")[:2]
    assert head_row() == (before_last.hash, last.hash) == (last.prev_hash, last.hash)


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_emptying_the_test_history_starts_the_chain_again(editor: User, reporter: User) -> None:
    """The runner empties the events with TRUNCATE between transactional tests: the head row
    goes back to the genesis hash with them, so the next test's chain verifies."""
    make_claim(reporter, make_source(reporter))
    assert audit.verify_chain().ok
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE claims_claimevent CASCADE")  # allowed on the test database
    assert head_row() == (audit.GENESIS_HASH, audit.GENESIS_HASH)


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_a_writer_that_waited_for_the_head_chains_onto_the_event_committed_meanwhile(
    editor: User, reporter: User
) -> None:
    """A holds the head in an open transaction; B's event waits on it. When A commits, B's
    event must take A's event as its predecessor (no stale read of the head)."""
    source = make_source(reporter)
    first = make_claim(reporter, source, editor=editor, state="open")
    second = make_claim(reporter, source, "400 square kilometres", editor=editor, state="open")
    b_pid: list[int] = []
    b_started = threading.Event()
    failures: list[BaseException] = []

    def writer_b() -> None:
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_backend_pid()")
                b_pid.append(cursor.fetchone()[0])
            b_started.set()
            user = User.objects.get(pk=editor.pk)
            claim = Claim.objects.get(pk=second.pk)
            services.claim_edit(
                claim=claim,
                by=user,
                expected_version=claim.version,
                changes={"per": "year"},
                reason="B",
            )
        except BaseException as exc:  # pragma: no cover (reported below)
            failures.append(exc)
        finally:
            connection.close()

    thread = threading.Thread(target=writer_b)
    with transaction.atomic():
        services.claim_edit(
            claim=first,
            by=editor,
            expected_version=first.version,
            changes={"per": "d"},
            reason="A",
        )
        thread.start()
        assert b_started.wait(timeout=30)
        blocked = False
        with connection.cursor() as cursor:
            for _ in range(3000):  # until B waits on our head lock (bounded, ~30 s at most)
                cursor.execute("SELECT pg_backend_pid() = ANY(pg_blocking_pids(%s))", [b_pid[0]])
                if cursor.fetchone()[0]:
                    blocked = True
                    break
                threading.Event().wait(0.01)
        assert blocked, "B never waited for the chain head"
    thread.join(timeout=60)
    assert not failures and not thread.is_alive()
    a_event = ClaimEvent.objects.get(reason="A")
    b_event = ClaimEvent.objects.get(reason="B")
    assert b_event.prev_hash == a_event.hash
    assert b_event.pk > a_event.pk
    assert audit.verify_chain().ok


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_writers_at_once_never_fork_the_chain(editor: User, reporter: User) -> None:
    source = make_source(reporter)
    claims = [
        make_claim(reporter, source, editor=editor, state="open"),
        make_claim(reporter, source, "700,000 tons of rice", editor=editor, state="open"),
    ]
    before = ClaimEvent.objects.count()
    start = threading.Barrier(2, timeout=30)
    failures: list[BaseException] = []
    edits = 25

    def writer(claim_pk: int) -> None:
        try:
            user = User.objects.get(pk=editor.pk)
            start.wait()
            for i in range(edits):
                claim = Claim.objects.get(pk=claim_pk)
                services.claim_edit(
                    claim=claim,
                    by=user,
                    expected_version=claim.version,
                    changes={"value": Decimal(100 + i)},
                )
        except BaseException as exc:  # pragma: no cover (reported below)
            failures.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=writer, args=(claim.pk,)) for claim in claims]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not failures
    assert ClaimEvent.objects.count() == before + 2 * edits
    prevs = list(ClaimEvent.objects.values_list("prev_hash", flat=True))
    assert len(set(prevs)) == len(prevs)  # no two events share a predecessor: no fork
    report = audit.verify_chain()
    assert report.ok and report.checked == before + 2 * edits
    assert head_row()[1] == report.head


# --- PostgreSQL: verify_audit in parallel -----------------------------------------------------


def verify(*args: str) -> str:
    out = StringIO()
    call_command("verify_audit", *args, stdout=out)
    return out.getvalue()


PARALLEL = ("--workers", "3", "--range-size", "4", "--chunk-size", "2")


@pytest.fixture
def long_chain(editor: User, reporter: User) -> list[ClaimEvent]:
    """About 30 committed events, so ranges of 4 keep three workers busy."""
    source = make_source(reporter)
    claim = make_claim(reporter, source, editor=editor, state="open")
    for i in range(12):
        claim = services.claim_edit(
            claim=claim, by=editor, expected_version=claim.version, changes={"value": str(i)}
        )
    make_claim(reporter, source, "700,000 tons of rice", editor=editor, state="open")
    make_source(reporter, text="Another 5 boats.")
    return list(ClaimEvent.objects.order_by("id"))


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_parallel_verification_reports_what_one_pass_reports(long_chain: list[ClaimEvent]) -> None:
    assert len(long_chain) > 3 * 4
    one_pass = audit.verify_chain(workers=1)
    parallel = audit.verify_chain(workers=3, range_size=4, chunk_size=2)
    assert parallel == one_pass
    assert parallel.ok and parallel.checked == len(long_chain)
    assert (parallel.first_id, parallel.last_id) == (long_chain[0].pk, long_chain[-1].pk)
    assert parallel.head == long_chain[-1].hash
    output = verify(*PARALLEL)
    assert f"Checked {len(long_chain)} event(s)" in output
    assert "The history is intact." in output


@postgres_only
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    "position", [0, 4, 5, 9, -1], ids=["first", "range-start", "inside", "later", "last"]
)
def test_parallel_verification_names_a_changed_event(
    long_chain: list[ClaimEvent], position: int
) -> None:
    target = long_chain[position]
    forge("UPDATE claims_claimevent SET reason = 'forged' WHERE id = %s", [target.pk])
    with pytest.raises(CommandError, match=f"event {target.pk} is the first broken link") as exc:
        verify(*PARALLEL)
    assert exc.value.returncode == 1
    assert "content does not match its hash" in str(exc.value)
    assert audit.verify_chain(workers=3, range_size=4) == audit.verify_chain(workers=1)


@postgres_only
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("position", [3, 4, 7], ids=["before-range-start", "range-start", "inside"])
def test_parallel_verification_catches_a_deleted_event(
    long_chain: list[ClaimEvent], position: int
) -> None:
    forge("DELETE FROM claims_claimevent WHERE id = %s", [long_chain[position].pk])
    successor = long_chain[position + 1]
    with pytest.raises(CommandError, match=f"event {successor.pk} is the first broken link"):
        verify(*PARALLEL)
    assert audit.verify_chain(workers=3, range_size=4) == audit.verify_chain(workers=1)


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_parallel_verification_names_the_first_of_several_broken_events(
    long_chain: list[ClaimEvent],
) -> None:
    for event in (long_chain[-2], long_chain[14], long_chain[6]):
        forge("UPDATE claims_claimevent SET reason = 'x' WHERE id = %s", [event.pk])
    report = audit.verify_chain(workers=3, range_size=4, chunk_size=1)
    assert report.broken_id == long_chain[6].pk
    assert report.checked == 6 and report.last_id == long_chain[5].pk
    assert report.head == long_chain[5].hash


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_a_chain_shorter_than_one_range_is_verified_without_workers(
    long_chain: list[ClaimEvent],
) -> None:
    report = audit.verify_chain(workers=2, range_size=1000)
    assert report == audit.verify_chain(workers=1)
    assert report.ok and report.checked == len(long_chain)


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_parallel_verification_of_an_empty_history(db: Any) -> None:
    assert "Checked 0 event(s)" in verify(*PARALLEL)


def test_verify_audit_inside_a_transaction_reads_its_own_events(db: Any, open_claim: Claim) -> None:
    """Worker connections could not see uncommitted events: inside a transaction (as in
    this test) verification runs in the caller's connection."""
    report = audit.verify_chain(workers=4, range_size=1)
    assert report.ok and report.checked == ClaimEvent.objects.count() > 0
