"""Personas and data builders. Test data is made through the services, as users make it."""

from __future__ import annotations

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


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: Any, django_db_blocker: Any) -> None:
    """Let the test runner empty the append-only history tables, on the test database only.

    On PostgreSQL, migration 0003 installs triggers that refuse UPDATE, DELETE and TRUNCATE
    on the history. pytest-django empties tables with TRUNCATE after transactional tests
    (live_server, transactional_db), so the test database, and only it, gets
    ``factdesk.allow_purge = on`` for its new sessions. UPDATE and DELETE stay refused.
    """
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    name = connection.settings_dict["NAME"]
    assert name.startswith("test_"), name
    with django_db_blocker.unblock():
        with connection.cursor() as cursor:
            cursor.execute(
                f"ALTER DATABASE {connection.ops.quote_name(name)} SET factdesk.allow_purge = 'on'"
            )
        connection.close()  # new sessions pick the setting up


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
