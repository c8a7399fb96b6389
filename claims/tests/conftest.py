"""Personas and data builders. Test data is made through the services, as users make it."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth.models import User

from claims import services
from claims.management.commands.create_desk_user import set_up_user
from claims.models import Claim, ClaimState, Source
from claims.permissions import Role

PASSWORD = "correct horse battery staple"

REPORT = (
    "Officials said more than 10,000 soldiers were training at the camp. "
    "The ministry reported that 400 square kilometres changed hands in October. "
    "Analysts estimated the cost at US$2,000 a month for each soldier.\n\n"
    "A second paragraph mentions 700,000 tons of rice."
)


# The test database's own arrangement (see migration 0006): the runner may empty the history
# with TRUNCATE, and the chain head starts again with it. Production has neither.
TEST_DATABASE_SQL = """
CREATE FUNCTION factdesk_test_chain_head_reset() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE claims_auditchainhead SET prev_hash = repeat('0', 64), hash = repeat('0', 64);
    RETURN NULL;
END;
$$;
CREATE TRIGGER claims_claimevent_test_chain_head_reset AFTER TRUNCATE ON claims_claimevent
    FOR EACH STATEMENT EXECUTE FUNCTION factdesk_test_chain_head_reset();
"""


def history_migration() -> Any:
    """The migration that defines the history's tables and triggers (whatever its number)."""
    import claims.migrations

    (name,) = [
        module.name
        for module in pkgutil.iter_modules(claims.migrations.__path__)
        if module.name.endswith("_audit_checkpoints")
    ]
    return importlib.import_module(f"claims.migrations.{name}")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: Any, django_db_blocker: Any) -> None:
    """Let the test runner empty the append-only history tables, on the test database only.

    On PostgreSQL the history's triggers refuse UPDATE, DELETE and TRUNCATE, whoever asks
    (migrations 0003 and 0006). pytest-django empties tables with TRUNCATE after
    transactional tests (live_server, transactional_db), so on the database it has just
    created for this run, and only there, the TRUNCATE triggers are disabled (DDL: the
    tables' owner, which the suite runs as, may do it) and a TRUNCATE of the events resets
    the chain head. UPDATE and DELETE stay refused.
    """
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    name = connection.settings_dict["NAME"]
    assert name.startswith("test_"), name
    with django_db_blocker.unblock():
        with connection.cursor() as cursor:
            for table, trigger in zip(
                history_migration().HISTORY_TABLES,
                history_migration().NO_TRUNCATE_TRIGGERS,
                strict=True,
            ):
                cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER {trigger}")
            cursor.execute(TEST_DATABASE_SQL)
        connection.close()


@contextmanager
def triggers_off(*tables: str) -> Iterator[None]:
    """As the tables' owner, switch their history triggers off meanwhile (PostgreSQL).

    What a forger who owns the tables (the role the suite runs as, like the compose role)
    does before rewriting history; no superuser needed. Triggers already off stay off.
    Use inside a transaction (ALTER TABLE takes an exclusive lock until it ends).
    """
    from django.db import connection

    if connection.vendor != "postgresql":
        yield
        return
    tables = tables or ("claims_claimevent",)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
            " WHERE c.relname = ANY(%s) AND NOT t.tgisinternal AND t.tgenabled <> 'D'",
            [list(tables)],
        )
        enabled = cursor.fetchall()
        # ALTER TABLE refuses while deferred foreign-key checks are pending: run them now.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for table, trigger in enabled:
            cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER {trigger}")
    yield
    with connection.cursor() as cursor:
        for table, trigger in enabled:
            cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER {trigger}")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def forge(sql: str, params: Sequence[Any] = (), *, tables: Sequence[str] = ()) -> None:
    """Rewrite the history behind the application's back, as the tables' owner could."""
    from django.db import connection, transaction

    with transaction.atomic(), triggers_off(*tables), connection.cursor() as cursor:
        cursor.execute(sql, list(params))


def make_user(username: str, role: Role | None) -> User:
    if role is None:
        return User.objects.create_user(username=username, password=PASSWORD)
    set_up_user(username=username, role=role, password=PASSWORD, check_password=False)
    return User.objects.get(username=username)


@pytest.fixture
def editor(db: Any) -> User:
    return make_user("alice", Role.EDITOR)


@pytest.fixture
def second_editor(db: Any) -> User:
    return make_user("bob", Role.EDITOR)


@pytest.fixture
def reporter(db: Any) -> User:
    return make_user("rita", Role.REPORTER)


@pytest.fixture
def viewer(db: Any) -> User:
    return make_user("victor", Role.VIEWER)


@pytest.fixture
def outsider(db: Any) -> User:
    """Logged in, but in no desk group."""
    return make_user("charlie", None)


@pytest.fixture
def admin_user(db: Any) -> User:
    return make_user("ada", Role.ADMIN)


def make_source(by: User | None, text: str = REPORT, **kwargs: Any) -> Source:
    kwargs.setdefault("title", "Camp report")
    kwargs.setdefault("extract", False)
    return services.source_create(by=by, text=text, **kwargs).source


def make_claim(
    by: User | None,
    source: Source,
    quote: str = "more than 10,000 soldiers",
    *,
    state: str = ClaimState.CANDIDATE,
    editor: User | None = None,
    **quantity: Any,
) -> Claim:
    start = source.text.index(quote)
    fields = {
        "value": Decimal(10000),
        "qualifier": ">",
        "unit_name": "soldier",
        "dimension": "count",
    }
    fields.update(quantity)
    claim = services.claim_create(
        by=by,
        source=source,
        start=start,
        end=start + len(quote),
        quote=quote,
        statement=f"Claim about {quote}",
        quantity=fields,
        speaker="Officials",
        verb="said",
    )
    if state == ClaimState.OPEN:
        claim = services.claim_accept(claim=claim, by=editor, expected_version=claim.version)
    return claim


@pytest.fixture
def source(reporter: User) -> Source:
    return make_source(reporter)


@pytest.fixture
def candidate(reporter: User, source: Source) -> Claim:
    return make_claim(reporter, source)


@pytest.fixture
def open_claim(reporter: User, editor: User, source: Source) -> Claim:
    return make_claim(
        reporter,
        source,
        "400 square kilometres",
        state=ClaimState.OPEN,
        editor=editor,
        value=Decimal(400),
        qualifier="=",
        unit="km2",
        unit_name="square kilometre",
        dimension="area",
    )


# sqlite_stat1 of the claims and mentions of a 10,000-claim desk (bench/generate.py, then
# ANALYZE), by table and index name (foreign-key indexes by the start of their generated name;
# indexes of older schemas kept, so a test reads the same desk before and after a migration).
DESK_STAT1 = {
    "claims_claim": {
        "claim_mentions_idx": "10000 527 1",
        "claim_newest_idx": "10000 10 1",
        "claim_norm_idx": "10000 1429 1000 3",
        "claim_outlet_score_idx": "10000 2000 4 1",
        "claim_queue_idx": "10000 2500 834 2",
        "claim_reported_idx": "10000 30",
        "claim_score_idx": "10000 15 1",
        "claim_unit_score_idx": "10000 1429 1250 3 1",
        "claim_updated_idx": "10000 2 1",
        "claim_verdict_idx": "10000 2000 2",
        "claims_claim_created_by_id": "10000 10000",
        "claims_claim_first_outlet_id": "10000 2000",
        "claims_claim_merged_into_id": "10000 10000",
        "sqlite_autoindex_claims_claim": "10000 7",
    },
    "claims_mention": {
        "claims_mention_created_by_id": "15000 15000",
        "claims_mention_source_id": "15000 15",
        "claims_mention_speaker_id": "15000 77",
        "claims_mention_via_id": "15000 2500",
        "mention_order_idx": "15000 2 2 2 1",
        "mention_speaker_idx": "15000 77 2",
        "mention_via_idx": "15000 2500 2",
        "sqlite_autoindex_claims_mention": "15000 15 1 1",
    },
}


def desk_statistics() -> None:
    """Make SQLite plan claims and mentions as on a desk of 10,000 claims (a test desk holds
    a few): ANALYZE, those tables' statistics replaced by the big desk's, then reloaded."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        for table, stats in DESK_STAT1.items():
            rows = next(iter(stats.values())).split()[0]
            cursor.execute("DELETE FROM sqlite_stat1 WHERE tbl = %s", [table])
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = %s", [table]
            )
            for (index,) in cursor.fetchall():
                stat = next((v for k, v in stats.items() if index.startswith(k)), None)
                cursor.execute(
                    "INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES (%s, %s, %s)",
                    [table, index, stat or f"{rows} 1"],
                )
        cursor.execute("ANALYZE sqlite_schema")  # reloads the statistics
