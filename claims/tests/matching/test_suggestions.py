"""Normalised quantities on every write, suggestions after extraction, accept and dismiss."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command

from claims import services
from claims.models import ClaimEvent, Evidence, FigureMatch, MatchStatus, Relation
from claims.tests.conftest import make_claim, make_source

FIRST = "War-risk premiums for a single voyage to Odesa have climbed to US$45,000, brokers said."
SECOND = "Insurers now ask US$52,000 in war-risk premiums for each voyage to Odesa, brokers say."


def premium(by: Any, text: str, quote: str, value: int, title: str) -> Any:
    source = make_source(by, text=text, title=title)
    return make_claim(
        by,
        source,
        quote,
        value=value,
        qualifier="=",
        unit="USD",
        unit_name="dollar",
        currency="USD",
        per="voyage",
        dimension="rate",
        subject="war-risk premiums per voyage",
    )


@pytest.fixture
def pair(reporter: Any) -> tuple[Any, Any]:
    first = premium(reporter, FIRST, "US$45,000", 45000, "Insurers raise cover")
    second = premium(reporter, SECOND, "US$52,000", 52000, "Premiums climb again")
    return first, second


def test_every_claim_write_stores_its_normalised_quantity(editor: Any, open_claim: Any) -> None:
    assert open_claim.norm_unit == "meter ** 2" and open_claim.norm_low == 400e6
    claim = services.claim_edit(
        claim=open_claim,
        by=editor,
        expected_version=open_claim.version,
        changes={"value": "155", "unit": "", "unit_name": "square mile"},
    )
    claim.refresh_from_db()
    assert claim.norm_low == pytest.approx(401.45e6, rel=1e-3)


def test_a_new_reports_premium_is_suggested_as_conflicting(pair: tuple[Any, Any]) -> None:
    first, second = pair
    made = services.matches_for_source(source=second.mentions.get().source)
    assert [(m.claim_id, m.other_id, m.relation) for m in made] == [
        (first.pk, second.pk, "conflicts")
    ]
    assert made[0].size == pytest.approx(15.56, abs=0.01)
    assert services.matches_for_source(source=second.mentions.get().source) == []


def test_accepting_links_evidence_with_history(pair: tuple[Any, Any], editor: Any) -> None:
    first, second = pair
    (match,) = services.matches_for_source(source=second.mentions.get().source)
    services.match_accept(match=match, by=editor)
    match.refresh_from_db()
    assert match.status == MatchStatus.ACCEPTED
    evidence = Evidence.objects.get(claim=first, target_claim=second)
    assert evidence.relation == Relation.CONTRADICTS and match.evidence == evidence
    assert ClaimEvent.objects.filter(claim=first, action="evidence.linked").exists()
    with pytest.raises(services.ServiceError):
        services.match_accept(match=match, by=editor)


def test_dismissing_is_recorded_and_remembered(pair: tuple[Any, Any], editor: Any) -> None:
    first, second = pair
    (match,) = services.matches_for_source(source=second.mentions.get().source)
    services.match_dismiss(match=match, by=editor, reason="different routes")
    assert ClaimEvent.objects.get(claim=first, action="match.dismissed").reason == (
        "different routes"
    )
    assert services.matches_for_source(source=second.mentions.get().source) == []
    assert FigureMatch.objects.get().status == MatchStatus.DISMISSED


def test_figure_matches_prints_json_best_first(pair: tuple[Any, Any]) -> None:
    first, second = pair
    out = StringIO()
    call_command("figure_matches", str(second.pk), "--json", stdout=out)
    rows = json.loads(out.getvalue())
    assert [(r["claim"], r["relation"]) for r in rows] == [(first.pk, "conflicts")]
    assert 0 <= rows[0]["score"] <= 1 and "−13.5 %" in rows[0]["reason"]


def test_the_extraction_task_computes_suggestions(reporter: Any, editor: Any) -> None:
    from claims.tasks import extract_source

    text = "War-risk premiums for each voyage to Odesa rose to US$45,000, brokers said."
    first = services.source_create(by=reporter, text=text, title="One", extract=True).source
    extract_source.call(first.pk)
    text2 = "War-risk premiums for each voyage to Odesa rose to US$52,000, brokers said on Friday."
    second = services.source_create(by=reporter, text=text2, title="Two", extract=True).source
    extract_source.call(second.pk)
    assert FigureMatch.objects.filter(relation="conflicts").count() == 1


def test_a_figure_said_again_two_days_later_conflicts_rather_than_supersedes(
    reporter: Any,
) -> None:
    """Claims stored with the day of saying as their as_of (as the extractor wrote them)."""
    texts = [
        (
            "Strike spreads",
            "2026-03-02",
            "The union said on Monday that 6,000 nurses struck.",
            6000,
        ),
        (
            "Managers count",
            "2026-03-04",
            "Managers said on Wednesday that 9,000 nurses struck.",
            9000,
        ),
    ]
    made = []
    for title, day, text, value in texts:
        source = make_source(
            reporter,
            text=text,
            title=title,
            published_at=dt.datetime.fromisoformat(day + "T09:00Z"),
        )
        quote = f"{value:,} nurses"
        start = text.index(quote)
        made.append(
            services.claim_create(
                by=reporter,
                source=source,
                start=start,
                end=start + len(quote),
                quote=quote,
                statement=text,
                quantity={
                    "value": value,
                    "qualifier": "=",
                    "unit_name": "nurse",
                    "dimension": "count",
                    "subject": "nurses who struck",
                    "as_of": text.split(" on ")[1].split()[0],
                },
                speaker="Union",
                verb="said",
            )
        )
    found = services.matches_for_source(source=made[1].mentions.get().source)
    assert [(m.claim_id, m.other_id, m.relation) for m in found] == [
        (made[0].pk, made[1].pk, "conflicts")
    ]


def test_a_figure_whose_sentence_names_nothing_is_matched_through_its_reports_title(
    reporter: Any,
) -> None:
    first_text = "The shelter at Kettle Point housed 1,200 evacuees."
    second_text = "It now holds 1,900, volunteers say."
    made = []
    for title, text, value, quote, subject in [
        (
            "Kettle Point shelter fills",
            first_text,
            1200,
            "1,200 evacuees",
            "evacuees in the shelter",
        ),
        ("Kettle Point shelter overflows", second_text, 1900, "1,900", ""),
    ]:
        source = make_source(reporter, text=text, title=title)
        start = text.index(quote)
        made.append(
            services.claim_create(
                by=reporter,
                source=source,
                start=start,
                end=start + len(quote),
                quote=quote,
                statement=text,
                quantity={
                    "value": value,
                    "qualifier": "=",
                    "unit_name": quote.split()[1] if " " in quote else "",
                    "dimension": "count",
                    "subject": subject,
                },
                speaker="Volunteers",
                verb="said",
            )
        )
    found = services.matches_for_source(source=made[1].mentions.get().source)
    assert [(m.claim_id, m.other_id, m.relation) for m in found] == [
        (made[0].pk, made[1].pk, "conflicts")
    ]


def test_a_data_migration_recomputes_every_claims_matching_columns(
    pair: tuple[Any, Any],
) -> None:
    from django.db import connection

    from claims.matching.normalize import renormalise_claims
    from claims.models import Claim

    wanted = {
        c.pk: (c.match_key, c.norm_unit, c.norm_low, c.subject_terms, c.match_terms) for c in pair
    }
    with connection.cursor() as cursor:  # as an older normaliser might have left them
        cursor.execute(
            "UPDATE claims_claim SET match_key = '', norm_unit = '', norm_low = NULL, "
            "subject_terms = '', match_terms = ''"
        )
    assert renormalise_claims(Claim, connection, batch=1) == 2
    got = {
        c.pk: (c.match_key, c.norm_unit, c.norm_low, c.subject_terms, c.match_terms)
        for c in Claim.objects.filter(pk__in=wanted)
    }
    assert got == wanted
    assert all(key for key, *_ in got.values())


def test_a_data_migration_leaves_claims_whose_readings_did_not_change_alone(
    pair: tuple[Any, Any],
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from claims.matching.normalize import renormalise_claims
    from claims.models import Claim

    first = pair[0]
    with connection.cursor() as cursor:  # only the first is stale
        cursor.execute("UPDATE claims_claim SET match_key = '' WHERE id = %s", [first.pk])
    with CaptureQueriesContext(connection) as queries:
        assert renormalise_claims(Claim, connection, batch=10) == 2
    # executemany is logged once, as "N times: UPDATE ..."
    updates = [q["sql"] for q in queries.captured_queries if "UPDATE" in q["sql"]]
    assert updates == [updates[0]] and updates[0].startswith("1 times: UPDATE")
    first.refresh_from_db()
    assert first.match_key
