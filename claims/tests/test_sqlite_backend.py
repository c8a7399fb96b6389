"""The SQLite backend (factdesk/sqlite): a desk that never ran ANALYZE gets the statistics
SQLite plans from when a connection that read it closes."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from django.db import connection, connections

from factdesk.sqlite.base import DatabaseWrapper

pytestmark = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's backend")


def statistics(path: Path) -> list[tuple[str, str, str]]:
    with sqlite3.connect(path) as db:
        if not db.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").fetchone():
            return []
        return db.execute("SELECT tbl, idx, stat FROM sqlite_stat1").fetchall()


def test_a_desk_gets_statistics_when_it_reaches_a_thousand_claims_and_tenfold_after(
    tmp_path: Path, django_db_blocker: Any
) -> None:
    path = tmp_path / "desk.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE claims_claim (id integer PRIMARY KEY, state text)")
        db.execute("CREATE INDEX claim_state ON claims_claim (state)")

    def add_claims(n: int) -> None:
        with sqlite3.connect(path) as db:
            db.executemany(
                "INSERT INTO claims_claim (state) VALUES (?)",
                [("open" if i % 2 else "candidate",) for i in range(n)],
            )

    def a_request() -> list[tuple[str, str, str]]:
        desk = DatabaseWrapper({**connection.settings_dict, "NAME": str(path)}, alias="desk")
        with django_db_blocker.unblock():  # a database of its own, not the test database
            with desk.cursor() as cursor:
                cursor.execute("SELECT id FROM claims_claim WHERE state = %s", ["open"])
            desk.close()
        return statistics(path)

    add_claims(999)
    assert a_request() == []  # a small desk plans well enough without
    add_claims(1001)
    # Half the claims share each state: the planner now knows the index is not selective.
    assert a_request() == [("claims_claim", "claim_state", "2000 1000")]
    add_claims(10000)
    assert a_request() == [("claims_claim", "claim_state", "2000 1000")]  # not tenfold yet
    add_claims(8000)
    assert a_request() == [("claims_claim", "claim_state", "20000 10000")]


def test_the_desk_uses_it_on_sqlite() -> None:
    assert type(connections["default"]).__module__ == "factdesk.sqlite.base"
