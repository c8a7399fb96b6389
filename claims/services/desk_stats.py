"""Figures the desk keeps up to date as it writes, so that no page has to count the desk.

Two kinds, both written by the services in the transaction of the change they follow:

- **Counters** (``ClaimCount``): unmerged claims by (state, verdict). The queue's counts bar
  and the dashboard read a dozen rows instead of aggregating a million claims. Every claim
  write that can change a state, a verdict or ``merged_into`` goes through
  :func:`count_change` (``_save_claim`` calls it with the snapshots before and after) or
  :func:`count_new` (the creating services). One ``INSERT … ON CONFLICT DO UPDATE`` per write;
  the row locks it takes add no contention, since the audit chain head already serialises
  writers.
- **Per-claim mention figures** on ``Claim``: ``mention_count``, ``first_reported_at``,
  ``last_reported_at``, ``reported_on`` (the UTC date of the first report: date filters are
  ranges on this one indexed column) and ``first_outlet`` (outlet of first appearance).
  A mention is reported at its report's publication time, or its retrieval time when the
  report has none; "first" orders by that time, then report id, then offset. A new claim gets
  them from its first mention (:func:`figures_for_new_claim`, no extra query); a write that
  moves mentions or changes a report's time or outlet calls :func:`refresh_claims`, one
  set-based UPDATE. :func:`rebuild_all` recomputes everything (migration 0006, the bench
  generator, ``--check`` style repairs).

Not history: these are derived from audited data whose changes have their own events.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from django.db import connection as default_connection
from django.db.backends.base.base import BaseDatabaseWrapper

from claims.models import ClaimState, Source, Verdict

Key = tuple[str, str]
# Not the claim's figure (claims.formatting.FIGURE_FIELDS): the counts and dates a claim keeps
# of its mentions, recomputed from them (refresh_claims).
MENTION_FIGURE_FIELDS = (
    "mention_count",
    "first_reported_at",
    "last_reported_at",
    "reported_on",
    "first_outlet",
    "search_extra",
)
COUNTS_TABLE = "claims_claimcount"
DESK_COUNTS_TABLE = "claims_deskcount"
SOURCES = "sources"


# --- counters ------------------------------------------------------------------------------


def _key(snapshot: Mapping[str, Any] | None) -> Key | None:
    """The counter a claim is in: unmerged claims only."""
    if snapshot is None or snapshot.get("merged_into") is not None:
        return None
    return (str(snapshot["state"]), str(snapshot["verdict"]))


def _apply(deltas: Mapping[Key, int]) -> None:
    changes = [(state, verdict, n) for (state, verdict), n in sorted(deltas.items()) if n]
    if not changes:
        return
    rows = ", ".join(["(%s, %s, %s)"] * len(changes))
    params = [value for change in changes for value in change]
    with default_connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {COUNTS_TABLE} (state, verdict, n) VALUES {rows} "  # noqa: S608
            f"ON CONFLICT (state, verdict) DO UPDATE SET n = {COUNTS_TABLE}.n + excluded.n",
            params,
        )


def count_change(before: Mapping[str, Any] | None, after: Mapping[str, Any] | None) -> None:
    """Move one claim between counters (snapshots as ``Claim.snapshot()`` makes them)."""
    old, new = _key(before), _key(after)
    if old == new:
        return
    deltas: Counter[Key] = Counter()
    if old is not None:
        deltas[old] -= 1
    if new is not None:
        deltas[new] += 1
    _apply(deltas)


def count_new(claims: Iterable[Any]) -> None:
    """Count new claims (one statement for a whole batch)."""
    deltas: Counter[Key] = Counter()
    for claim in claims:
        if claim.merged_into_id is None:
            deltas[(claim.state, claim.verdict)] += 1
    _apply(deltas)


def count_new_sources(n: int = 1) -> None:
    """Count ``n`` new reports (reports are never deleted: merging claims keeps them)."""
    if not n:
        return
    with default_connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {DESK_COUNTS_TABLE} (name, n) VALUES (%s, %s) "  # noqa: S608
            f"ON CONFLICT (name) DO UPDATE SET n = {DESK_COUNTS_TABLE}.n + excluded.n",
            [SOURCES, n],
        )


def source_count() -> int:
    """Every report on the desk, from the counter: one indexed row."""
    from claims.models import DeskCount

    row = DeskCount.objects.filter(name=SOURCES).values_list("n", flat=True).first()
    return row or 0


def rebuild_source_count(conn: BaseDatabaseWrapper | None = None) -> None:
    conn = conn or default_connection
    with conn.cursor() as cursor:
        cursor.execute(f"DELETE FROM {DESK_COUNTS_TABLE} WHERE name = %s", [SOURCES])  # noqa: S608
        cursor.execute(
            f"INSERT INTO {DESK_COUNTS_TABLE} (name, n) "  # noqa: S608
            "SELECT %s, count(*) FROM claims_source",
            [SOURCES],
        )


def claim_counts(*, visible_states: Iterable[str] | None = None) -> dict[str, dict[str, int]]:
    """Claims by state, and open claims by verdict (the shape of ``ClaimQuerySet.counts``),
    from the counters: one query over a dozen rows. ``visible_states`` limits the states
    (viewers see open and archived claims only)."""
    from claims.models import ClaimCount

    allowed = set(visible_states) if visible_states is not None else set(ClaimState.values)
    by_state: Counter[str] = Counter()
    by_verdict: Counter[str] = Counter()
    for state, verdict, n in ClaimCount.objects.values_list("state", "verdict", "n"):
        if state not in allowed:
            continue
        by_state[state] += n
        if state == ClaimState.OPEN:
            by_verdict[verdict] += n
    return {
        "state": {s.value: by_state[s.value] for s in ClaimState},
        "verdict": {v.value: by_verdict[v.value] for v in Verdict},
    }


# --- per-claim mention figures -------------------------------------------------------------


def reported_at(source: Source) -> datetime:
    return source.published_at or source.retrieved_at


def mention_reported_sql(where: str = "") -> str:
    """Set mentions' reported_at from their reports (all, or those matching ``where``)."""
    return (
        "UPDATE claims_mention SET reported_at = (SELECT coalesce(s.published_at,"  # noqa: S608
        " s.retrieved_at) FROM claims_source AS s WHERE s.id = claims_mention.source_id)"
        f" {where}"
    )


def figures_for_new_claim(source: Source, quote: str = "") -> dict[str, Any]:
    """The mention figures of a claim whose only mention is ``quote`` in ``source``."""
    at = reported_at(source)
    return {
        "search_extra": f"{quote} {source.title}".strip(),
        "mention_count": 1,
        "first_reported_at": at,
        "last_reported_at": at,
        "reported_on": _utc_date(at),
        "first_outlet_id": source.outlet_id,
    }


def _utc_date(at: datetime) -> Any:
    from datetime import UTC

    return at.astimezone(UTC).date() if at.tzinfo else at.date()


_REPORTED = "coalesce(s.published_at, s.retrieved_at)"
_FROM = "claims_mention AS m JOIN claims_source AS s ON s.id = m.source_id WHERE m.claim_id = c.id"


def _refresh_sql(conn: BaseDatabaseWrapper, where: str, *, search: bool = True) -> str:
    first = f"(SELECT min({_REPORTED}) FROM {_FROM})"  # noqa: S608
    concat = "||"
    if conn.vendor == "postgresql":
        day = f"(({first}) AT TIME ZONE 'UTC')::date"
    else:
        day = f"date({first})"
    return (
        "UPDATE claims_claim AS c SET "  # noqa: S608 (no user input in these fragments)
        f"mention_count = (SELECT count(*) FROM claims_mention AS m WHERE m.claim_id = c.id), "
        f"first_reported_at = {first}, "
        f"last_reported_at = (SELECT max({_REPORTED}) FROM {_FROM}), "
        f"reported_on = {day}, "
        f"first_outlet_id = (SELECT s.outlet_id FROM {_FROM} "
        f"ORDER BY {_REPORTED}, m.source_id, m.start LIMIT 1)"
        + (
            f", search_extra = coalesce((SELECT m.quote {concat} ' ' {concat} s.title "  # noqa: S608
            f"FROM {_FROM} ORDER BY {_REPORTED}, m.source_id, m.start LIMIT 1), '')"
            if search
            else ""
        )
        + f" {where}"
    )


def refresh_claims(claim_ids: Iterable[int]) -> None:
    """Recompute the mention figures of these claims from their mentions (set-based)."""
    ids = sorted(set(claim_ids))
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        marks = ", ".join(["%s"] * len(chunk))
        with default_connection.cursor() as cursor:
            cursor.execute(_refresh_sql(default_connection, f"WHERE c.id IN ({marks})"), chunk)


def refresh_claims_of_sources(source_ids: Iterable[int]) -> None:
    """After a report's time or outlet changed: the claims mentioned in those reports."""
    ids = sorted(set(source_ids))
    if not ids:
        return
    marks = ", ".join(["%s"] * len(ids))
    with default_connection.cursor() as cursor:
        cursor.execute(mention_reported_sql(f"WHERE source_id IN ({marks})"), ids)
        cursor.execute(
            _refresh_sql(
                default_connection,
                "WHERE c.id IN (SELECT claim_id FROM claims_mention "  # noqa: S608
                f"WHERE source_id IN ({marks}))",
            ),
            ids,
        )


def rebuild_all(
    conn: BaseDatabaseWrapper | None = None,
    *,
    search: bool = True,
    mentions: bool = True,
    sources: bool = True,
) -> None:
    """Recompute every counter and every claim's mention figures (one pass each).
    ``search=False``/``mentions=False``/``sources=False``: leave ``search_extra``/
    ``Mention.reported_at``/the report count (the migrations before the one that adds them)."""
    conn = conn or default_connection
    if sources:
        rebuild_source_count(conn)
    with conn.cursor() as cursor:
        cursor.execute(f"DELETE FROM {COUNTS_TABLE}")  # noqa: S608
        cursor.execute(
            f"INSERT INTO {COUNTS_TABLE} (state, verdict, n) "  # noqa: S608
            "SELECT state, verdict, count(*) FROM claims_claim "
            "WHERE merged_into_id IS NULL GROUP BY state, verdict"
        )
        if mentions:
            cursor.execute(mention_reported_sql())
        cursor.execute(_refresh_sql(conn, "", search=search))
