"""The figures the services keep for the pages: counters by state and verdict, and each claim's
mention figures. Each is checked against the exact aggregate of the desk as it stands."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from claims import services
from claims.extraction import extract
from claims.models import Claim, ClaimState, DeskCount, Mention, Source, Verdict
from claims.services import desk_stats
from claims.tests.conftest import make_claim, make_source
from claims.views.claims import claim_mentions

SECOND = (
    "A later bulletin repeated that more than 10,000 soldiers were training at the camp, "
    "and said 400 square kilometres changed hands."
)


def exact_counts() -> dict[str, dict[str, int]]:
    return Claim.objects.not_merged().counts()


def figures(claim: Claim) -> dict[str, Any]:
    claim.refresh_from_db()
    return {name: getattr(claim, name) for name in desk_stats.MENTION_FIGURE_FIELDS}


def test_counters_follow_every_claim_write(editor: User, reporter: User, source: Source) -> None:
    assert desk_stats.claim_counts() == exact_counts()
    a = make_claim(reporter, source)
    b = make_claim(reporter, source, "400 square kilometres", unit_name="square kilometre")
    c = make_claim(reporter, source, "US$2,000", dimension="currency", currency="USD")
    assert desk_stats.claim_counts()["state"]["candidate"] == 3
    a = services.claim_accept(claim=a, by=editor, expected_version=a.version)
    b = services.claim_accept(claim=b, by=editor, expected_version=b.version)
    a = services.claim_set_verdict(
        claim=a, by=editor, verdict=Verdict.DISPUTED, expected_version=a.version, reason="No."
    )
    assert desk_stats.claim_counts() == exact_counts()
    c = services.claim_reject(claim=c, by=editor, expected_version=c.version)
    a = services.claim_archive(claim=a, by=editor, expected_version=a.version)
    a = services.claim_reopen(claim=a, by=editor, expected_version=a.version, reason="Again.")
    assert desk_stats.claim_counts() == exact_counts()
    kept = services.claim_merge(
        claim=a, duplicate=b, by=editor, expected_version=a.version, duplicate_version=b.version
    )
    counts = desk_stats.claim_counts()
    assert counts == exact_counts()
    assert counts["state"]["open"] == 1 and counts["state"]["archived"] == 0  # b is merged
    event = kept.events.order_by("id").first()
    assert event is not None
    services.claim_revert(
        claim=kept,
        by=editor,
        event_id=event.pk,
        expected_version=kept.version,
        reason="Back.",
        workflow=True,  # the state goes back too, so the counters move
    )
    assert desk_stats.claim_counts() == exact_counts()


def test_extraction_counts_its_candidates(reporter: User, source: Source) -> None:
    created = services.claims_from_extraction(
        source=source, quantities=extract(source.text), by=reporter
    )
    assert created
    assert figures(created[0])["mention_count"] == 1
    assert desk_stats.claim_counts() == exact_counts()


def test_viewers_counts_leave_out_what_they_cannot_see(
    client: Any, viewer: User, open_claim: Claim, reporter: User, source: Source
) -> None:
    make_claim(reporter, source, "700,000 tons of rice")  # a candidate
    client.force_login(viewer)
    response = client.get(reverse("claims:dashboard"))
    counts = response.context["counts"]
    assert counts["state"]["candidate"] == 0
    assert counts["state"]["open"] == 1


def test_a_new_claim_carries_its_mention_figures(reporter: User) -> None:
    published = datetime(2026, 3, 4, 23, 30, tzinfo=UTC)
    source = make_source(reporter, outlet="The Camp Gazette", published_at=published)
    claim = make_claim(reporter, source)
    assert figures(claim) == {
        "mention_count": 1,
        "first_reported_at": published,
        "last_reported_at": published,
        "reported_on": date(2026, 3, 4),
        "first_outlet": source.outlet,
        "search_extra": "more than 10,000 soldiers Camp report",
    }


def test_a_merge_moves_the_mention_figures(editor: User, reporter: User) -> None:
    early = make_source(
        reporter, outlet="Early Post", published_at=datetime(2026, 1, 2, tzinfo=UTC)
    )
    late = make_source(
        reporter, text=SECOND, outlet="Late Wire", published_at=datetime(2026, 2, 3, tzinfo=UTC)
    )
    kept = make_claim(reporter, late)
    duplicate = make_claim(reporter, early)
    kept = services.claim_merge(
        claim=kept,
        duplicate=duplicate,
        by=editor,
        expected_version=kept.version,
        duplicate_version=duplicate.version,
    )
    got = figures(kept)
    assert got["mention_count"] == 2
    assert got["first_outlet"] == early.outlet
    assert got["reported_on"] == date(2026, 1, 2)
    assert got["last_reported_at"] == datetime(2026, 2, 3, tzinfo=UTC)
    assert figures(duplicate)["mention_count"] == 0
    # The claim page lists the earliest report first, as the queue row names it.
    assert [m.source_id for m in claim_mentions(kept)] == [early.pk, late.pk]


def test_a_report_whose_date_or_outlet_changes_updates_its_claims(
    editor: User, reporter: User
) -> None:
    source = make_source(reporter, published_at=datetime(2026, 1, 2, tzinfo=UTC))
    claim = make_claim(reporter, source)
    services.source_update_metadata(
        source=source,
        by=editor,
        changes={"published_at": datetime(2026, 5, 6, tzinfo=UTC), "outlet": "Camp Daily"},
    )
    got = figures(claim)
    assert got["reported_on"] == date(2026, 5, 6)
    assert Mention.objects.get(claim=claim).reported_at == datetime(2026, 5, 6, tzinfo=UTC)
    assert got["first_outlet"] is not None and got["first_outlet"].name == "Camp Daily"


def test_an_outlet_merge_moves_the_first_outlet(editor: User, reporter: User) -> None:
    source = make_source(reporter, outlet="Camp Gazete")
    claim = make_claim(reporter, source)
    right = services.entity_resolve(name="Camp Gazette", by=editor, kind="outlet")
    assert source.outlet is not None and right is not None
    services.entity_merge(entity=source.outlet, into=right, by=editor)
    assert figures(claim)["first_outlet"] == right


def test_rebuilding_gives_what_the_services_kept(editor: User, reporter: User) -> None:
    source = make_source(reporter, published_at=datetime(2026, 1, 2, tzinfo=UTC))
    second = make_source(reporter, text=SECOND, published_at=datetime(2026, 1, 9, tzinfo=UTC))
    a = make_claim(reporter, source)
    b = make_claim(reporter, second)
    services.claim_merge(
        claim=a, duplicate=b, by=editor, expected_version=a.version, duplicate_version=b.version
    )
    kept = {c.pk: figures(c) for c in Claim.objects.all()}
    counts = desk_stats.claim_counts()
    desk_stats.rebuild_all()
    assert {c.pk: figures(c) for c in Claim.objects.all()} == kept
    assert desk_stats.claim_counts() == counts
    assert Mention.objects.count() == 2


AGGREGATE = re.compile(r"\b(COUNT|SUM|AVG|MIN|MAX)\s*\(|\bGROUP BY\b", re.IGNORECASE)
CLAIMS_TABLE = re.compile(r'FROM\s+"?claims_claim"?(\s|$)', re.IGNORECASE)
SOURCES_TABLE = re.compile(r'FROM\s+"?claims_source"?(\s|$)', re.IGNORECASE)


def aggregates_over_claims(queries: list[dict[str, str]]) -> list[str]:
    return [
        q["sql"] for q in queries if AGGREGATE.search(q["sql"]) and CLAIMS_TABLE.search(q["sql"])
    ]


# A subquery of every claim, unfiltered (``claim__in=Claim.objects.all()``): a walk of the
# whole claims table per request on SQLite, a hash of it on PostgreSQL.
EVERY_CLAIM = re.compile(r'IN \(SELECT\s[^()]*\sFROM\s"?claims_claim"?\)', re.IGNORECASE)


def sets_of_every_claim(queries: list[dict[str, str]]) -> list[str]:
    return [q["sql"] for q in queries if EVERY_CLAIM.search(q["sql"])]


def aggregates_over_sources(queries: list[dict[str, str]]) -> list[str]:
    return [
        q["sql"] for q in queries if AGGREGATE.search(q["sql"]) and SOURCES_TABLE.search(q["sql"])
    ]


@pytest.mark.parametrize(
    "url",
    [
        reverse("claims:list"),
        reverse("claims:list") + "?sort=mentions",
        reverse("claims:list") + "?state=open&verdict=disputed&date_from=2026-01-01",
        reverse("claims:list") + "?outlet=Gazette&speaker=Officials",
        reverse("claims:dashboard"),
    ],
)
def test_queue_and_dashboard_never_aggregate_the_claims_table(
    client: Any, editor: User, open_claim: Claim, url: str
) -> None:
    client.force_login(editor)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    assert aggregates_over_claims(captured.captured_queries) == []
    assert aggregates_over_sources(captured.captured_queries) == []
    assert sets_of_every_claim(captured.captured_queries) == []


def test_the_dashboard_counts_reports_from_the_counter(
    client: Any, editor: User, reporter: User, open_claim: Claim
) -> None:
    make_source(reporter, text=SECOND)
    make_source(reporter, text=SECOND)  # the same text again: kept once, not counted twice
    assert Source.objects.count() == 2
    assert desk_stats.source_count() == 2
    client.force_login(editor)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("claims:dashboard"))
    assert response.context["source_count"] == 2
    assert aggregates_over_sources(captured.captured_queries) == []
    DeskCount.objects.all().delete()
    desk_stats.rebuild_all()
    assert desk_stats.source_count() == 2


def test_the_aggregate_check_sees_a_report_count_query(editor: User) -> None:
    with CaptureQueriesContext(connection) as captured:
        Source.objects.count()
    assert aggregates_over_sources(captured.captured_queries)


def test_the_aggregate_check_sees_the_old_count_query(editor: User, open_claim: Claim) -> None:
    with CaptureQueriesContext(connection) as captured:
        exact_counts()
    assert aggregates_over_claims(captured.captured_queries)


def test_accepting_from_the_queue_updates_the_counts_without_counting(
    client: Any, editor: User, candidate: Claim
) -> None:
    client.force_login(editor)
    with CaptureQueriesContext(connection) as captured:
        response = client.post(
            reverse("claims:bulk"),
            {"action": "accept", "pick": f"{candidate.pk}:{candidate.version}"},
            headers={"HX-Request": "true"},
        )
    assert response.status_code == 200
    assert aggregates_over_claims(captured.captured_queries) == []
    assert response.context["counts"]["state"]["open"] == 1
    assert response.context["counts"] == exact_counts()
    assert Claim.objects.get(pk=candidate.pk).state == ClaimState.OPEN
