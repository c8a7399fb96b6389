"""Two reports naming the same new outlet (or speaker) at the same moment, on PostgreSQL.

Each test runs two transactions on two connections (threads) and holds the first open until
the second is seen waiting on a lock, so the race happens every time rather than by chance.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection, connections, transaction

from claims import services
from claims.models import ClaimEvent, Entity, EntityKind, Mention, Source

pytestmark = pytest.mark.django_db(transaction=True)

WAIT = 20.0


@pytest.fixture(autouse=True)
def postgresql_only() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers: no two inserts race there")


def waiting_on_a_lock(count: int = 1) -> bool:
    """Whether ``count`` other sessions of this database wait on a lock (polled until WAIT)."""
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()"
            )
            if cursor.fetchone()[0] >= count:
                return True
        time.sleep(0.02)
    return False


class Worker(threading.Thread):
    """Runs ``work`` in its own transaction on its own connection; keeps result or error."""

    def __init__(self, work: Callable[[], Any], hold: threading.Event | None = None) -> None:
        super().__init__(daemon=True)
        self.work, self.hold = work, hold
        self.ready = threading.Event()
        self.result: Any = None
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            with transaction.atomic():
                self.result = self.work()
                self.ready.set()
                if self.hold is not None:
                    assert self.hold.wait(WAIT), "never released"
        except BaseException as exc:
            self.error = exc
        finally:
            self.ready.set()
            connections.close_all()


def race(first: Callable[[], Any], second: Callable[[], Any]) -> tuple[Worker, Worker]:
    """``first`` runs and holds its transaction open; ``second`` starts and must wait on a
    lock; then ``first`` commits and ``second`` finishes."""
    release = threading.Event()
    a = Worker(first, hold=release)
    a.start()
    assert a.ready.wait(WAIT) and a.error is None, a.error
    b = Worker(second)
    b.start()
    blocked = waiting_on_a_lock()
    release.set()
    a.join(WAIT)
    b.join(WAIT)
    assert not a.is_alive() and not b.is_alive()
    assert blocked, "the second transaction never waited: no race was staged"
    return a, b


def report(reporter: Any, n: int, outlet: str) -> Callable[[], Any]:
    def work() -> Any:
        return services.source_create(
            by=reporter,
            text=f"Report {n}: officials said 12,000 soldiers were there.",
            title=f"Report {n}",
            outlet=outlet,
            outlet_domain="",
            extract=False,
        )

    return work


def test_two_reports_naming_the_same_new_outlet_at_once_share_one_entity(reporter: Any) -> None:
    a, b = race(report(reporter, 1, "Harbour Herald"), report(reporter, 2, "Harbour Herald"))
    assert a.error is None and b.error is None, (a.error, b.error)
    assert Source.objects.count() == 2
    assert Entity.objects.filter(name="Harbour Herald").count() == 1
    assert {s.outlet_id for s in Source.objects.all()} == {Entity.objects.get().pk}
    assert ClaimEvent.objects.filter(action="entity.created").count() == 1


def test_names_that_share_an_alias_resolve_to_one_entity(reporter: Any) -> None:
    a, b = race(report(reporter, 1, "The Harbour Herald"), report(reporter, 2, "Harbour Herald"))
    assert a.error is None and b.error is None, (a.error, b.error)
    assert Entity.objects.count() == 1
    assert Source.objects.filter(outlet__isnull=False).count() == 2


def speaker_claim(reporter: Any, source_id: int) -> Callable[[], Any]:
    def work() -> Any:
        source = Source.objects.get(pk=source_id)
        quote = "12,000 soldiers"
        start = source.text.index(quote)
        return services.claim_create(
            by=reporter,
            source=source,
            start=start,
            end=start + len(quote),
            quote=quote,
            statement="12,000 soldiers were there.",
            quantity={"value": Decimal(12000), "unit_name": "soldier", "dimension": "count"},
            speaker="Colonel Ada Varga",
            verb="said",
        )

    return work


def test_two_claims_naming_the_same_new_speaker_at_once_share_one_entity(reporter: Any) -> None:
    first = report(reporter, 1, "")().source
    second = report(reporter, 2, "")().source
    a, b = race(speaker_claim(reporter, first.pk), speaker_claim(reporter, second.pk))
    assert a.error is None and b.error is None, (a.error, b.error)
    speakers = set(Mention.objects.values_list("speaker_id", flat=True))
    assert len(speakers) == 1 and Entity.objects.filter(kind=EntityKind.OTHER).count() == 1


def test_a_transaction_holding_the_history_and_one_creating_the_entity_never_deadlock(
    reporter: Any,
) -> None:
    """The first already wrote history (holds the chain head); the second creates the entity
    the first then needs. Without one lock order, each would wait for the other."""
    has_history = threading.Event()
    go_on = threading.Event()
    results: dict[str, Any] = {}

    def first() -> Any:
        services.source_create(
            by=reporter, text="Unrelated report: 3 ships.", title="Ships", extract=False
        )
        has_history.set()
        assert go_on.wait(WAIT)
        results["first"] = services.entity_resolve(name="Port Authority", by=reporter)

    a = Worker(first)
    a.start()
    assert has_history.wait(WAIT)
    b = Worker(lambda: services.entity_resolve(name="Port Authority", by=reporter))
    b.start()
    blocked = waiting_on_a_lock()
    go_on.set()
    a.join(WAIT)
    b.join(WAIT)
    assert blocked
    assert a.error is None and b.error is None, (a.error, b.error)
    assert Entity.objects.filter(name="Port Authority").count() == 1
    assert b.result.pk == results["first"].pk
