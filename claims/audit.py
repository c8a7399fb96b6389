"""The history: who acted through which channel, and the append-only, hash-chained event log.

Every service call writes its events through :func:`record_event`, inside the service's own
transaction. Events form one desk-wide chain: each carries the SHA-256 of its canonical
content and of the previous event. One chain (rather than one per claim) lets
``verify_audit`` prove that no event was removed anywhere, including events about sources and
entities that belong to no claim; the price is that event writes are serialised, which on a
news desk (a few writes a second at most) costs nothing noticeable. On PostgreSQL the chain
head is serialised with a transaction-level advisory lock; SQLite serialises writers itself.
"""

from __future__ import annotations

import contextvars
import hashlib
import json
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import connection, transaction
from django.utils import timezone

from claims.models import Channel, ClaimEvent

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    from claims.models import Claim, Entity, Source

GENESIS_HASH = "0" * 64
_CHAIN_LOCK_KEY = 0x46414354  # "FACT": the advisory lock that serialises the chain head


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
    return _context.get() or AuditContext()


# The columns the hash covers, in the order verify_audit reads them (id first, hash last).
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


# One encoder, built once: json.dumps() with options builds a new one on every call, which
# is most of the cost of verifying a million events.
_ENCODER = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _canonical(values: tuple[Any, ...]) -> str:
    payload = dict(zip(HASHED_COLUMNS, values, strict=True))
    payload["correlation_id"] = str(payload["correlation_id"])
    payload["created_at"] = payload["created_at"].isoformat()
    return _ENCODER.encode(payload)


def canonical_content(event: ClaimEvent) -> str:
    """The exact bytes that the event's hash covers, as a JSON string with sorted keys."""
    return _canonical(tuple(getattr(event, name) for name in HASHED_COLUMNS))


def event_hash(event: ClaimEvent) -> str:
    return hashlib.sha256(canonical_content(event).encode("utf-8")).hexdigest()


def hash_of_values(values: tuple[Any, ...]) -> str:
    """The hash of one event given as a tuple in HASHED_COLUMNS order (used by verify_audit)."""
    return hashlib.sha256(_canonical(values).encode("utf-8")).hexdigest()


@dataclass
class ChainReport:
    """What a verification checked, and the first event that broke the chain (if any)."""

    checked: int = 0
    head: str = GENESIS_HASH
    first_id: int | None = None
    last_id: int | None = None
    broken_id: int | None = None
    problem: str = ""

    @property
    def ok(self) -> bool:
        return self.broken_id is None


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
            report.problem = (
                f"its prev_hash {prev_hash[:12]}… does not match the event before it "
                f"({expected_prev[:12]}…): an event before it was removed, added or changed"
            )
            return report
        actual = hash_of_values(values)
        if actual != stored:
            report.broken_id = pk
            report.problem = (
                f"its content does not match its hash (stored {stored[:12]}…, "
                f"recomputed {actual[:12]}…): the event was changed after it was written"
            )
            return report
        report.checked += 1
        report.last_id = pk
        report.head = expected_prev = stored
    return report


_PREV_INDEX = HASHED_COLUMNS.index("prev_hash")


def _raw_rows(chunk_size: int) -> Iterator[tuple[Any, ...]]:
    """The rows for verify_rows straight from a server-side cursor, skipping the ORM's
    per-value converters (the JSON columns arrive as text and are decoded here)."""
    columns = ", ".join(
        f"{name}::text" if name in ("before", "after", "correlation_id") else name
        for name in HASHED_COLUMNS
    )
    table = ClaimEvent._meta.db_table
    loads = json.loads
    with connection.chunked_cursor() as cursor:
        cursor.execute(f"SELECT id, {columns}, hash FROM {table} ORDER BY id")  # noqa: S608
        while rows := cursor.fetchmany(chunk_size):
            for row in rows:
                row = list(row)
                row[_AFTER_INDEX] = loads(row[_AFTER_INDEX])
                row[_BEFORE_INDEX] = loads(row[_BEFORE_INDEX])
                yield tuple(row)


_AFTER_INDEX = 1 + HASHED_COLUMNS.index("after")
_BEFORE_INDEX = 1 + HASHED_COLUMNS.index("before")


def verify_chain(*, chunk_size: int = 5000) -> ChainReport:
    """Verify the whole desk-wide chain in the database, streaming in id order."""
    if connection.vendor == "postgresql":
        with transaction.atomic():  # a plain server-side cursor, not a materialised WITH HOLD
            return verify_rows(_raw_rows(chunk_size))
    rows = (
        ClaimEvent.objects.order_by("id")
        .values_list("id", *HASHED_COLUMNS, "hash")
        .iterator(chunk_size=chunk_size)
    )
    return verify_rows(rows)


def _lock_chain_head() -> str:
    """Take the chain's lock (PostgreSQL), then read its head.

    Two statements on purpose: a statement's snapshot is taken when it starts, so a head read
    in the same statement as the lock wait could miss an event committed during the wait.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_CHAIN_LOCK_KEY])
    return chain_head()


def chain_head() -> str:
    last = ClaimEvent.objects.order_by("-id").values_list("hash", flat=True).first()
    return last or GENESIS_HASH


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
) -> ClaimEvent:
    """Append one event to the chain. Call only inside the service's transaction."""
    if not connection.in_atomic_block:
        raise RuntimeError("record_event must run inside the service's transaction")
    ctx = current_context()
    actor: Any = by if by is not None and by.is_authenticated else None
    label = actor.get_username() if actor is not None else (ctx.label or ctx.channel)
    head = _lock_chain_head()
    event = ClaimEvent(
        claim=claim,
        source=source,
        entity=entity,
        action=action,
        actor=actor,
        actor_label=label,
        channel=ctx.channel,
        correlation_id=ctx.correlation_id,
        reason=reason,
        before=before or {},
        after=after or {},
        claim_version=claim.version if claim is not None else None,
        created_at=timezone.now(),
        prev_hash=head,
    )
    event.hash = event_hash(event)
    event.save(force_insert=True)
    return event
