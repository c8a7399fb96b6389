"""Django's SQLite backend, plus statistics for the query planner as the desk grows.

SQLite plans a query from the statistics ANALYZE leaves in ``sqlite_stat1``; without them it
guesses that any indexed equality is selective. A desk grown through the app never ran
ANALYZE, so at 10,000 claims the queue read every unmerged claim through the merged_into
index and sorted them (14 ms of SQL, growing with the desk) instead of walking the score
index (under 2 ms). So when a connection closes (Django closes one per request on SQLite:
CONN_MAX_AGE is 0) it checks, in two indexed reads (some 30 µs), whether the claims table
has statistics and has not grown tenfold since they were taken; if not, it runs ANALYZE:
at 1,000, 10,000, 100,000 claims and so on, after the response has been sent.

Not ``PRAGMA optimize``, SQLite's own advice for short-lived connections: in SQLite 3.40 it
re-analyzes a table on every call while one of its indexes has no statistics, which a partial
index that no row matches never gets (claim_verdict_review_idx): 40 ms at every request
close at 10,000 claims.
"""

from __future__ import annotations

import contextlib
from sqlite3 import Connection, Error

from django.db.backends.sqlite3 import base

WATCHED = "claims_claim"  # the table whose growth changes the desk's plans
MINIMUM = 1000  # rows before statistics matter
GROWTH = 10  # re-analyze when the table has grown this many times since


def statistics_are_stale(conn: Connection) -> bool:
    try:
        (now,) = conn.execute(f"SELECT coalesce(max(rowid), 0) FROM {WATCHED}").fetchone()  # noqa: S608 (a constant)
    except Error:
        return False  # not migrated yet
    if now < MINIMUM:
        return False
    try:
        (then,) = conn.execute(
            "SELECT max(CAST(stat AS INTEGER)) FROM sqlite_stat1 WHERE tbl = ?", (WATCHED,)
        ).fetchone()
    except Error:
        return True  # never analyzed: no sqlite_stat1 at all
    return bool(now >= GROWTH * (then or 0))


class DatabaseWrapper(base.DatabaseWrapper):
    def _close(self) -> None:
        if self.connection is not None and not self.in_atomic_block:
            with contextlib.suppress(Error):
                if statistics_are_stale(self.connection):
                    self.connection.execute("ANALYZE")
        super()._close()  # type: ignore[misc]  # (not in django-stubs)
