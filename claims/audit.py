"""The history: who acted through which channel, and the append-only, hash-chained event log.

Every service call writes its events through :func:`record_event`, inside the service's own
transaction. Events form one desk-wide chain: each carries the SHA-256 of its canonical
content and of the previous event. One chain (rather than one per claim) lets
``verify_audit`` prove that no event was removed anywhere, including events about sources and
entities that belong to no claim; the price is that event writes are serialised, which on a
news desk (a few writes a second at most) costs nothing noticeable. On PostgreSQL the chain
head is a one-row table (migration 0005) that record_event locks, reads and moves in the same
single statement that inserts the event; SQLite serialises writers itself.
"""

from __future__ import annotations

import contextvars
import hashlib
import json
import multiprocessing
import os
import uuid
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import connection, transaction
from django.utils import timezone

from claims.models import Channel, ClaimEvent
from claims.querysets import AuditedWriteError, service_writes_allowed

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    from claims.models import Claim, Entity, Source

GENESIS_HASH = "0" * 64


@dataclass(frozen=True)
class AuditContext:
    channel: str = Channel.SHELL
    label: str = ""
    correlation_id: uuid.UUID = field(default_factory=uuid.uuid4)


_context: contextvars.ContextVar[AuditContext | None] = contextvars.ContextVar(
    "factdesk_audit_context", default=None
)


@contextmanager
def audit_context(
    *, channel: str, label: str = "", correlation_id: uuid.UUID | None = None
) -> Iterator[AuditContext]:
    """Name the channel (web, admin, command, task) and group the events of one action."""
    ctx = AuditContext(channel=channel, label=label, correlation_id=correlation_id or uuid.uuid4())
    token = _context.set(ctx)
    try:
        yield ctx
    finally:
        _context.reset(token)


@contextmanager
def one_action() -> Iterator[AuditContext]:
    """Group the events written inside into one correlation id (one editorial action)."""
    outer = _context.get() or AuditContext()
    with audit_context(channel=outer.channel, label=outer.label) as ctx:
        yield ctx


def current_context() -> AuditContext:
    """The named context, or else one shared by every event of the outermost transaction, so
    a service called from a shell still groups its events under one correlation id."""
    ctx = _context.get()
    if ctx is not None:
        return ctx
    # The outermost block this code opened (a test case's own wrapping block does not count).
    outermost = next(
        (b for b in connection.atomic_blocks if not getattr(b, "_from_testcase", False)), None
    )
    if outermost is None:
        return AuditContext()
    shared: AuditContext | None = getattr(outermost, "_factdesk_audit_context", None)
    if shared is None:
        shared = AuditContext()
        setattr(outermost, "_factdesk_audit_context", shared)  # noqa: B010 - Atomic has no slot for it
    return shared


# The columns the hash covers, in the order verify_audit reads them (id first, hash last).
# They are in sorted order, which is the order of the keys in the canonical JSON.
HASHED_COLUMNS = (
    "action",
    "actor_id",
    "actor_label",
    "after",
    "before",
    "channel",
    "claim_id",
    "claim_version",
    "correlation_id",
    "created_at",
    "entity_id",
    "prev_hash",
    "reason",
    "source_id",
)
assert list(HASHED_COLUMNS) == sorted(HASHED_COLUMNS)  # noqa: S101 (the canonical form relies on it)

# --- the canonical content --------------------------------------------------------------------
#
# The bytes an event's hash covers are, by definition,
#
#     json.dumps({column: value, ...}, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
#
# over the HASHED_COLUMNS, with correlation_id as str(uuid) and created_at as isoformat().
# The functions below produce exactly those bytes without building the dict: a JSON object
# with sorted keys is "{" + ",".join(f"{encode(key)}:{encode(value)}") + "}" in key order, and
# the encoder writes a nested value exactly as it writes the same value on its own. A str goes
# through json.encoder.encode_basestring (the first branch of JSONEncoder.encode when
# ensure_ascii is off), a plain int through int.__repr__, None as null; anything else falls
# back to the encoder itself. claims/tests/test_audit_chain.py checks the equivalence against
# the dict-based definition on generated events.

_ENCODER = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":"))
_encode = _ENCODER.encode
_encode_str = json.encoder.encode_basestring


def _jstr(value: Any) -> str:
    return _encode_str(value) if type(value) is str else _encode(value)


def _jint(value: Any) -> str:
    if value is None:
        return "null"
    return int.__repr__(value) if type(value) is int else _encode(value)


def _canonical_head(
    action: Any,
    actor_id: Any,
    actor_label: Any,
    after_json: str,
    before_json: str,
    channel: Any,
    claim_id: Any,
    claim_version: Any,
    correlation_id: str,
    created_at: str,
    entity_id: Any,
) -> str:
    """The canonical content up to the prev_hash value (after and before already encoded)."""
    return (
        '{"action":'
        + _jstr(action)
        + ',"actor_id":'
        + _jint(actor_id)
        + ',"actor_label":'
        + _jstr(actor_label)
        + ',"after":'
        + after_json
        + ',"before":'
        + before_json
        + ',"channel":'
        + _jstr(channel)
        + ',"claim_id":'
        + _jint(claim_id)
        + ',"claim_version":'
        + _jint(claim_version)
        + ',"correlation_id":'
        + _jstr(correlation_id)
        + ',"created_at":'
        + _jstr(created_at)
        + ',"entity_id":'
        + _jint(entity_id)
        + ',"prev_hash":'
    )


def _canonical_tail(reason: Any, source_id: Any) -> str:
    """The canonical content after the prev_hash value."""
    return ',"reason":' + _jstr(reason) + ',"source_id":' + _jint(source_id) + "}"


def _canonical(values: tuple[Any, ...]) -> str:
    (
        action,
        actor_id,
        actor_label,
        after,
        before,
        channel,
        claim_id,
        claim_version,
        correlation_id,
        created_at,
        entity_id,
        prev_hash,
        reason,
        source_id,
    ) = values
    return (
        _canonical_head(
            action,
            actor_id,
            actor_label,
            _encode(after),
            _encode(before),
            channel,
            claim_id,
            claim_version,
            str(correlation_id),
            created_at.isoformat(),
            entity_id,
        )
        + _jstr(prev_hash)
        + _canonical_tail(reason, source_id)
    )


def canonical_content(event: ClaimEvent) -> str:
    """The exact bytes that the event's hash covers, as a JSON string with sorted keys."""
    return _canonical(tuple(getattr(event, name) for name in HASHED_COLUMNS))


def event_hash(event: ClaimEvent) -> str:
    return hashlib.sha256(canonical_content(event).encode("utf-8")).hexdigest()


def hash_of_values(values: tuple[Any, ...]) -> str:
    """The hash of one event given as a tuple in HASHED_COLUMNS order (used by verify_audit)."""
    return hashlib.sha256(_canonical(values).encode("utf-8")).hexdigest()


# --- verification -----------------------------------------------------------------------------


@dataclass
class ChainReport:
    """What a verification checked, and the first event that broke the chain (if any)."""

    checked: int = 0
    head: str = GENESIS_HASH
    first_id: int | None = None
    last_id: int | None = None
    broken_id: int | None = None
    problem: str = ""
    # The chain head row (PostgreSQL, migration 0005) read in the same snapshot as the events:
    # its hash, "" when the row is missing, None where there is no such row (SQLite).
    head_row: str | None = None

    @property
    def ok(self) -> bool:
        return self.broken_id is None


def _link_problem(prev_hash: str, expected_prev: str) -> str:
    return (
        f"its prev_hash {prev_hash[:12]}… does not match the event before it "
        f"({expected_prev[:12]}…): an event before it was removed, added or changed"
    )


def _content_problem(stored: str, actual: str) -> str:
    return (
        f"its content does not match its hash (stored {stored[:12]}…, "
        f"recomputed {actual[:12]}…): the event was changed after it was written"
    )


def verify_rows(rows: Iterable[tuple[Any, ...]]) -> ChainReport:
    """Recompute the chain over rows of ``(id, *HASHED_COLUMNS, hash)`` in id order.

    Stops at the first event whose stored hash is not the hash of its content, or whose
    prev_hash is not the hash of the event before it (an event removed, inserted or
    reordered). Pure: give it any iterable, it keeps one row in memory at a time.
    """
    report = ChainReport()
    expected_prev = GENESIS_HASH
    for row in rows:
        pk, values, stored = row[0], row[1:-1], row[-1]
        prev_hash = values[_PREV_INDEX]
        if report.first_id is None:
            report.first_id = pk
        if prev_hash != expected_prev:
            report.broken_id = pk
            report.problem = _link_problem(prev_hash, expected_prev)
            return report
        actual = hash_of_values(values)
        if actual != stored:
            report.broken_id = pk
            report.problem = _content_problem(stored, actual)
            return report
        report.checked += 1
        report.last_id = pk
        report.head = expected_prev = stored
    return report


_PREV_INDEX = HASHED_COLUMNS.index("prev_hash")

# What verify_audit reads on PostgreSQL: the JSON columns and the uuid as text, straight from
# the database driver, without the ORM's per-value converters.
_RAW_COLUMNS = ", ".join(
    f"{name}::text" if name in ("before", "after", "correlation_id") else name
    for name in HASHED_COLUMNS
)
_RAW_SELECT = f"SELECT id, {_RAW_COLUMNS}, hash FROM claims_claimevent"  # noqa: S608


@dataclass
class _Segment:
    """The verification of a run of consecutive events (one id range, or the whole chain).

    ``first_prev`` is the first event's prev_hash: the caller checks that it joins the end of
    the previous run. ``last_id``/``last_hash`` are the last event that verified.
    """

    first_id: int | None = None
    first_prev: str = ""
    last_id: int | None = None
    last_hash: str = ""
    checked: int = 0
    broken_id: int | None = None
    problem: str = ""


def _verify_raw(batches: Iterable[list[tuple[Any, ...]]], expected_prev: str | None) -> _Segment:
    """Verify raw PostgreSQL rows (``_RAW_SELECT``), batch after batch, in id order.

    ``expected_prev`` None: take the first event's prev_hash as given (the caller checks the
    join). The hot loop of verify_audit, hence written out: per event, two JSON documents
    decoded and re-encoded in canonical form, one string built, one SHA-256.
    """
    seg = _Segment()
    loads, encode, encode_str, sha256 = json.loads, _encode, _encode_str, hashlib.sha256
    last_hash = expected_prev
    for rows in batches:
        for (
            pk,
            action,
            actor_id,
            actor_label,
            after,
            before,
            channel,
            claim_id,
            claim_version,
            correlation_id,
            created_at,
            entity_id,
            prev_hash,
            reason,
            source_id,
            stored,
        ) in rows:
            if seg.first_id is None:
                seg.first_id, seg.first_prev = pk, prev_hash
                if last_hash is None:
                    last_hash = prev_hash
            if prev_hash != last_hash:
                seg.broken_id = pk
                seg.problem = _link_problem(prev_hash, last_hash or GENESIS_HASH)
                return seg
            # The text columns are str and the integer columns int or None, as the driver
            # returns them; correlation_id (uuid text) and created_at (isoformat) are ASCII
            # without characters JSON escapes, so quoting them is their encoding.
            content = (
                '{"action":'
                + encode_str(action)
                + ',"actor_id":'
                + ("null" if actor_id is None else str(actor_id))
                + ',"actor_label":'
                + encode_str(actor_label)
                + ',"after":'
                + encode(loads(after))
                + ',"before":'
                + encode(loads(before))
                + ',"channel":'
                + encode_str(channel)
                + ',"claim_id":'
                + ("null" if claim_id is None else str(claim_id))
                + ',"claim_version":'
                + ("null" if claim_version is None else str(claim_version))
                + ',"correlation_id":"'
                + correlation_id
                + '","created_at":"'
                + created_at.isoformat()
                + '","entity_id":'
                + ("null" if entity_id is None else str(entity_id))
                + ',"prev_hash":'
                + encode_str(prev_hash)
                + ',"reason":'
                + encode_str(reason)
                + ',"source_id":'
                + ("null" if source_id is None else str(source_id))
                + "}"
            )
            actual = sha256(content.encode()).hexdigest()
            if actual != stored:
                seg.broken_id = pk
                seg.problem = _content_problem(stored, actual)
                return seg
            seg.checked += 1
            seg.last_id = pk
            seg.last_hash = last_hash = stored
    return seg


def _report(seg: _Segment) -> ChainReport:
    return ChainReport(
        checked=seg.checked,
        head=seg.last_hash or GENESIS_HASH,
        first_id=seg.first_id,
        last_id=seg.last_id,
        broken_id=seg.broken_id,
        problem=seg.problem,
    )


def _stitch(segments: list[_Segment]) -> ChainReport:
    """Join the verified id ranges in order: each must start where the one before it ended.

    Stops at the first problem in id order, exactly where one pass over the whole chain would
    stop: a bad join is the prev_hash check of the range's first event, and within a range
    the worker stopped at its first bad event.
    """
    report = ChainReport()
    for seg in segments:
        if seg.first_id is None:
            continue
        if report.first_id is None:
            report.first_id = seg.first_id
        if seg.first_prev != report.head:
            report.broken_id = seg.first_id
            report.problem = _link_problem(seg.first_prev, report.head)
            return report
        report.checked += seg.checked
        if seg.last_id is not None:
            report.last_id, report.head = seg.last_id, seg.last_hash
        if seg.broken_id is not None:
            report.broken_id, report.problem = seg.broken_id, seg.problem
            return report
    return report


def _batches(
    cursor: Any, size: int, stop: Any = None, lo: int = 0
) -> Iterator[list[tuple[Any, ...]]]:
    while rows := cursor.fetchmany(size):
        yield rows
        if stop is not None and stop.value < lo:
            return


def default_workers() -> int:
    return max(1, min(8, os.cpu_count() or 1))


def verify_chain(
    *, chunk_size: int = 5000, workers: int = 1, range_size: int = 50_000
) -> ChainReport:
    """Verify the whole desk-wide chain in the database, in id order, in constant memory.

    On PostgreSQL, with ``workers`` > 1 and outside a transaction, the id range is cut into
    ranges of ``range_size`` events verified by that many processes, all reading one exported
    snapshot (see :func:`_verify_parallel`). Inside a transaction (the test suite, a shell in
    atomic()) other connections could not see its uncommitted events, so it reads them itself.
    The chain head row is read in the same snapshot as the events (REPEATABLE READ, unless
    the caller's transaction has already begun), so writers meanwhile cannot make it differ.
    """
    if connection.vendor == "postgresql":
        if workers > 1 and not connection.in_atomic_block and _can_fork():
            return _verify_parallel(chunk_size, workers, max(1, range_size))
        outermost = not connection.in_atomic_block
        with transaction.atomic():
            with connection.cursor() as cursor:
                if outermost:  # the transaction's first statement
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
                cursor.execute(_HEAD_ROW_SELECT)
                head_row = _head_row(cursor.fetchone())
            # A plain server-side cursor, not a materialised WITH HOLD one.
            with connection.chunked_cursor() as cursor:
                cursor.execute(f"{_RAW_SELECT} ORDER BY id")
                report = _report(_verify_raw(_batches(cursor, chunk_size), GENESIS_HASH))
        report.head_row = head_row
        return report
    rows = (
        ClaimEvent.objects.order_by("id")
        .values_list("id", *HASHED_COLUMNS, "hash")
        .iterator(chunk_size=chunk_size)
    )
    return verify_rows(rows)


_HEAD_ROW_SELECT = "SELECT hash FROM claims_auditchainhead WHERE id = 1"


def _head_row(row: tuple[Any, ...] | None) -> str:
    return row[0] if row else ""


def _can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def _open_snapshot_connection(params: dict[str, Any], snapshot: str | None = None) -> Any:
    """A read-only REPEATABLE READ connection; importing ``snapshot`` if one is given."""
    import psycopg
    from psycopg import sql

    conn = psycopg.connect(**params)
    conn.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
    conn.read_only = True
    if snapshot is not None:  # must be the transaction's first statement
        conn.execute(sql.SQL("SET TRANSACTION SNAPSHOT {}").format(sql.Literal(snapshot)))
    return conn


def _verify_range(conn: Any, lo: int, hi: int, chunk_size: int, stop: Any = None) -> _Segment:
    """One id range [lo, hi) through a server-side cursor. ``stop`` (a shared value): give up
    between batches once an earlier range has found a broken event before ``lo``."""
    with conn.cursor(name=f"verify_audit_{lo}") as cursor:
        cursor.execute(f"{_RAW_SELECT} WHERE id >= %s AND id < %s ORDER BY id", [lo, hi])
        return _verify_raw(_batches(cursor, chunk_size, stop, lo), None)


def _worker(
    params: dict[str, Any],
    snapshot: str,
    ranges: list[tuple[int, int]],
    chunk_size: int,
    next_range: Any,
    results: Any,
    stop: Any,
) -> None:
    """A forked verifier: its own connection on the shared snapshot, taking ranges in id order.

    It never touches the Django connections it inherited (closing one would close the
    parent's session); it exits through os._exit, which runs no finalizers on them.
    """
    try:
        conn = _open_snapshot_connection(params, snapshot)
        while True:
            with next_range.get_lock():
                index = next_range.value
                next_range.value += 1
            if index >= len(ranges):
                break
            lo, hi = ranges[index]
            if stop.value < lo:  # an earlier range is broken: this one cannot matter
                results.put((index, None))
                continue
            seg = _verify_range(conn, lo, hi, chunk_size, stop)
            if seg.broken_id is not None:
                with stop.get_lock():
                    stop.value = min(stop.value, seg.broken_id)
            results.put((index, seg))
        conn.close()
    except BaseException as exc:  # reported to the parent, which fails loudly
        results.put((-1, f"{type(exc).__name__}: {exc}"))


_NO_BREAK = 2**63 - 1


def _verify_parallel(chunk_size: int, workers: int, range_size: int) -> ChainReport:
    """Verify id ranges in parallel processes over one consistent snapshot.

    The parent opens a REPEATABLE READ transaction, exports its snapshot and cuts the ids it
    sees into ranges of ``range_size`` events (one index scan). Forked workers import the
    snapshot, so they read exactly the events the parent sees, whatever is written meanwhile.
    They take ranges in id order from a shared counter and check each range's internal links
    and hashes, leaving its first prev_hash to :func:`_stitch`. A worker that finds a broken
    event publishes its id; ranges starting after it are skipped, ranges before it always
    finish, so the event named is the first broken one in id order, as in a single pass.
    Memory: one batch per worker, plus one small summary per range.
    """
    params = connection.get_connection_params()
    parent = _open_snapshot_connection(params)
    try:
        snapshot = parent.execute("SELECT pg_export_snapshot()").fetchone()[0]
        head_row = _head_row(parent.execute(_HEAD_ROW_SELECT).fetchone())
        report = _verify_parallel_ranges(parent, snapshot, params, chunk_size, workers, range_size)
        report.head_row = head_row
        return report
    finally:
        parent.close()


def _verify_parallel_ranges(
    parent: Any,
    snapshot: str,
    params: dict[str, Any],
    chunk_size: int,
    workers: int,
    range_size: int,
) -> ChainReport:
    """The ranges of :func:`_verify_parallel`, cut and verified over the parent's snapshot."""
    import queue

    starts = [
        row[0]
        for row in parent.execute(
            "SELECT id FROM (SELECT id, row_number() OVER (ORDER BY id) AS n"
            " FROM claims_claimevent) AS numbered WHERE n %% %s = 1 ORDER BY id",
            [range_size],
        )
    ]
    if not starts:
        return ChainReport()
    last = parent.execute("SELECT max(id) FROM claims_claimevent").fetchone()[0]
    ranges = list(zip(starts, [*starts[1:], last + 1], strict=True))
    if len(ranges) == 1 or workers == 1:
        return _stitch([_verify_range(parent, lo, hi, chunk_size) for lo, hi in ranges])
    # Fork before this process starts any thread (a Queue's feeder starts on its first
    # put; only the workers put): ranges are handed out by a shared counter.
    context = multiprocessing.get_context("fork")
    next_range = context.Value("q", 0)
    results = context.Queue()
    stop = context.Value("q", _NO_BREAK)
    processes = [
        context.Process(
            target=_worker,
            args=(params, snapshot, ranges, chunk_size, next_range, results, stop),
            daemon=True,
        )
        for _ in range(min(workers, len(ranges)))
    ]
    for process in processes:
        process.start()
    try:
        segments: list[_Segment | None] = [None] * len(ranges)
        pending = len(ranges)
        while pending:
            try:
                index, seg = results.get(timeout=1.0)
            except queue.Empty:
                if any(p.exitcode not in (None, 0) for p in processes):
                    raise RuntimeError("a verify_audit worker died") from None
                continue
            if index < 0:
                raise RuntimeError(f"a verify_audit worker failed: {seg}")
            segments[index] = seg
            pending -= 1
        for process in processes:
            process.join()
    finally:
        for process in processes:
            if process.is_alive():
                process.terminate()
                process.join()
    # Skipped ranges (None) all start after the first broken event: _stitch stops first.
    return _stitch([seg or _Segment() for seg in segments])


# --- writing ----------------------------------------------------------------------------------

# On PostgreSQL the chain head is a one-row table, and appending is one round trip: the
# factdesk_append_event() function (migration 0005) UPDATEs the head row, which locks it until
# the transaction ends (writers queue there) and, in READ COMMITTED, after waiting re-reads
# the newest committed head, never a stale one; it moves the head to the new event's hash,
# computed by the server from the canonical content this module sends in two parts around the
# prev_hash value; then it INSERTs the event, whose id comes from the sequence only now, under
# the lock, so ids follow the chain. A function rather than one CTE statement: PL/pgSQL keeps
# its plans for the session, where a statement would be parsed and planned on every event.
_APPEND_SQL = (
    "SELECT * FROM factdesk_append_event(%s::bytea, %s::bytea, %s, %s, %s, %s, %s, %s, %s,"
    " %s::uuid, %s, %s::jsonb, %s::jsonb, %s, %s::timestamptz)"
)
_EVENT_FIELDS = tuple(f.attname for f in ClaimEvent._meta.concrete_fields)
_RELATED: tuple[Any, ...] = tuple(
    ClaimEvent._meta.get_field(name) for name in ("claim", "source", "entity", "actor")
)


def chain_head() -> str:
    last = ClaimEvent.objects.order_by("-id").values_list("hash", flat=True).first()
    return last or GENESIS_HASH


def _check_one_row(count: int) -> None:
    if count != 1:
        raise RuntimeError(f"the change recorded by this event touched {count} rows, not 1")


def record_event(
    *,
    action: str,
    by: AbstractBaseUser | AnonymousUser | None,
    claim: Claim | None = None,
    source: Source | None = None,
    entity: Entity | None = None,
    reason: str = "",
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    write: tuple[str, Sequence[Any]] | None = None,
) -> ClaimEvent:
    """Append one event to the chain. Call only inside the service's transaction.

    ``write`` is the change the event records, as SQL and parameters that must change
    exactly one row. On PostgreSQL it travels with the append in one round trip, so the
    history costs no extra trip to the database; elsewhere it runs just before the append.
    """
    if not connection.in_atomic_block:
        raise RuntimeError("record_event must run inside the service's transaction")
    if not service_writes_allowed():
        raise AuditedWriteError(
            "The history is written by claims.services only: record_event() outside a "
            "service call is refused."
        )
    ctx = current_context()
    actor: Any = by if by is not None and by.is_authenticated else None
    label = actor.get_username() if actor is not None else (ctx.label or ctx.channel)
    if actor is not None and ctx.channel == Channel.API and ctx.label:
        # A write through the API names the token that made it beside its user.
        label = f"{label} (token {ctx.label})"[:150]
    before = before or {}
    after = after or {}
    values: dict[str, Any] = {
        "claim_id": claim.pk if claim is not None else None,
        "source_id": source.pk if source is not None else None,
        "entity_id": entity.pk if entity is not None else None,
        "action": action,
        "actor_id": actor.pk if actor is not None else None,
        "actor_label": label,
        "channel": ctx.channel,
        "correlation_id": ctx.correlation_id,
        "reason": reason,
        "before": before,
        "after": after,
        "claim_version": claim.version if claim is not None else None,
        "created_at": timezone.now(),
    }
    after_json, before_json = _encode(after), _encode(before)
    content_head = _canonical_head(
        action,
        values["actor_id"],
        label,
        after_json,
        before_json,
        ctx.channel,
        values["claim_id"],
        values["claim_version"],
        str(ctx.correlation_id),
        values["created_at"].isoformat(),
        values["entity_id"],
    )
    content_tail = _canonical_tail(reason, values["source_id"])
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            sql, params = (
                _APPEND_SQL,
                [
                    (content_head + '"').encode(),
                    ('"' + content_tail).encode(),
                    values["claim_id"],
                    values["source_id"],
                    values["entity_id"],
                    action,
                    values["actor_id"],
                    label,
                    ctx.channel,
                    ctx.correlation_id,
                    reason,
                    before_json,
                    after_json,
                    values["claim_version"],
                    values["created_at"],
                ],
            )
            if write is not None:
                # Django's PostgreSQL cursors bind on the client, so both statements go in one
                # message; the first result is the write's, the second the appended event.
                sql, params = f"{write[0]}; {_APPEND_SQL}", [*write[1], *params]
            cursor.execute(sql, params)
            if write is not None:
                _check_one_row(cursor.rowcount)
                cursor.nextset()
            values["id"], values["prev_hash"], values["hash"] = cursor.fetchone()
        # As the ORM builds a row it read: no second pass through the field descriptors.
        event = ClaimEvent.from_db(
            connection.alias, _EVENT_FIELDS, [values[f] for f in _EVENT_FIELDS]
        )
    else:
        # SQLite: a transaction that writes holds the database's write lock from its BEGIN
        # (transaction_mode IMMEDIATE), so writers are already serialised here.
        if write is not None:
            with connection.cursor() as cursor:
                cursor.execute(write[0], write[1])
                _check_one_row(cursor.rowcount)
        prev_hash = chain_head()
        content = content_head + _jstr(prev_hash) + content_tail
        digest = hashlib.sha256(content.encode("utf-8")).hexdigest()
        event = ClaimEvent(**values, prev_hash=prev_hash, hash=digest)
        event.save(force_insert=True)
    for related, obj in zip(_RELATED, (claim, source, entity, actor), strict=True):
        if obj is not None:
            related.set_cached_value(event, obj)
    return event


def hold_chain() -> None:
    """Take the chain-head lock now, as the next :func:`record_event` would (PostgreSQL).

    For a service that inserts a row other transactions may have to wait for (a new entity's
    unique name) before it records its event: taking the head first keeps every transaction's
    locks in one order (chain head, then the row), so two of them can never wait on each
    other. Held until the transaction ends, like the lock ``record_event`` takes. SQLite
    serialises writers already: nothing to do there.
    """
    if not connection.in_atomic_block:
        raise RuntimeError("hold_chain must run inside the service's transaction")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM claims_auditchainhead WHERE id = 1 FOR UPDATE")
