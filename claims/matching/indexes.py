"""The index SQLite's candidate look-up needs and PostgreSQL's does not.

On SQLite :func:`claims.matching.store.pools_for` reads a claim's candidates off
``claim_norm_idx`` (unit, then magnitude, in order). On PostgreSQL they come from the
``match_key`` GIN index, and the magnitude index only cost every write to a claim an index
entry (88 MB at 1,000,000 claims); migration 0022 dropped it there. It is not in the model's
state, so a later migration that rebuilds the claims table on SQLite would lose it:
:func:`install_after_migrate` puts it back after every ``migrate``.
"""

from __future__ import annotations

from typing import Any

NORM_INDEX = (
    "CREATE INDEX IF NOT EXISTS claim_norm_idx ON claims_claim"
    " (norm_dimension, norm_unit, norm_low)"
)


def install(conn: Any) -> None:
    if conn.vendor == "sqlite":
        with conn.cursor() as cursor:
            cursor.execute(NORM_INDEX)


def install_after_migrate(sender: Any, using: str = "default", **kwargs: Any) -> None:
    """post_migrate: the SQLite index, whatever later migrations did to the claims table."""
    from django.db import connections

    from claims.search import migration_applied

    conn = connections[using]
    if migration_applied(conn, "0022_fewer_claim_indexes"):
        install(conn)
