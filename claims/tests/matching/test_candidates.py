"""Candidates from the desk: compatible units, near magnitudes, shared words, bounded."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection

from claims import services
from claims.matching import store
from claims.matching.normalize import key_query, near_keys
from claims.models import Claim
from claims.tests.conftest import make_claim, make_source


def count(
    by: Any,
    text: str,
    quote: str,
    value: int,
    unit_name: str,
    subject: str,
    *,
    title: str | None = None,
) -> Any:
    source = make_source(by, text=text, title=title or f"Report {quote} {subject}"[:80])
    return make_claim(
        by,
        source,
        quote,
        value=value,
        qualifier="=",
        unit="",
        unit_name=unit_name,
        dimension="count",
        subject=subject,
    )


def test_candidates_share_words_and_a_compatible_unit_and_stay_near_in_magnitude(
    reporter: Any,
) -> None:
    mine = count(
        reporter,
        "The carmaker will cut 2,400 jobs at its Ohio plant.",
        "2,400 jobs",
        2400,
        "jobs",
        "jobs cut at the Ohio plant",
    )
    workers = count(
        reporter,
        "About 2,500 workers will be laid off in Ohio, the union said.",
        "2,500 workers",
        2500,
        "workers",
        "workers laid off in Ohio",
    )
    bare = count(
        reporter,
        "Some 3,000 will go at the Ohio plant, a manager said.",
        "3,000",
        3000,
        "",
        "cuts at the Ohio plant",
    )
    boats = count(
        reporter,
        "Ohio ferries carried 2,400 boats of cars across the plant's lake.",
        "2,400 boats",
        2400,
        "boats",
        "boats at the Ohio plant",
    )
    far = count(
        reporter,
        "The carmaker employs 240,000 people worldwide in plants like Ohio's.",
        "240,000 people",
        240000,
        "people",
        "people employed at the plant in Ohio",
    )
    other = count(
        reporter,
        "Some 2,400 cattle were sold at the county fair.",
        "2,400 cattle",
        2400,
        "cattle",
        "cattle sold at the fair",
    )
    for claim in (mine, workers, bare, boats, far, other):
        claim.refresh_from_db()
    found = {c.pk for c in store.candidates(mine)}
    assert workers.pk in found and bare.pk in found
    assert boats.pk not in found and far.pk not in found and other.pk not in found
    assert len(store.candidates(mine, pool=1)) == 1


def test_a_word_thousands_of_claims_share_is_not_looked_up(reporter: Any, monkeypatch: Any) -> None:
    mine = count(
        reporter,
        "The carmaker will cut 2,400 jobs at its Ohio plant.",
        "2,400 jobs",
        2400,
        "jobs",
        "jobs cut at the Ohio plant",
    )
    mine.refresh_from_db()
    quantity = store.quantity_of(mine)
    ohio = near_keys(quantity, "ohio")
    assert ohio
    monkeypatch.setattr(store, "_key_counts", lambda: dict.fromkeys(ohio, 50_000.0))
    stages = store._stages(mine)
    assert stages and all("ohio" not in stage for stage in stages)
    assert any("plant" in stage for stage in stages)

    # when every word is that common, only the claims sharing all of them are looked up
    every = [k for w in mine.subject_terms.split() for k in near_keys(quantity, w)]
    monkeypatch.setattr(store, "_key_counts", lambda: dict.fromkeys(every, 50_000.0))
    stages = store._stages(mine)
    assert len(stages) == 1 and "|" in stages[0] and "&" in stages[0]


#: the planner settings the look-ups change for themselves
SETTINGS = "SELECT current_setting('enable_seqscan'), current_setting('jit')"


def sleepers(by: Any) -> Any:
    return count(
        by,
        "Engineers counted 310 cracked sleepers on the Narva line.",
        "310 cracked sleepers",
        310,
        "sleepers",
        "cracked sleepers on the Narva railway line",
    )


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the GIN look-ups are PostgreSQL's")
def test_the_two_word_look_up_finds_claims_sharing_two_words_and_not_one(reporter: Any) -> None:
    mine = sleepers(reporter)
    two = count(
        reporter,
        "Inspectors found 300 sleepers damaged along the Narva track.",
        "300 sleepers",
        300,
        "sleepers",
        "sleepers damaged along the Narva track",
    )
    one = count(
        reporter,
        "A survey listed 320 sleepers in a depot near Tartu.",
        "320 sleepers",
        320,
        "sleepers",
        "sleepers stored in the Tartu depot",
    )
    for claim in (mine, two, one):
        claim.refresh_from_db()
    quantity = store.quantity_of(mine)
    query = key_query(quantity, frozenset(mine.subject_terms.split()), need=2)
    found = {row.pk for row in store._look_up([(mine, [query])], pool=30)[mine.pk]}
    assert two.pk in found and one.pk not in found


@pytest.mark.django_db
def test_the_magnitude_index_is_sqlites_alone() -> None:
    with connection.cursor() as cursor:
        names = {
            index
            for index, info in connection.introspection.get_constraints(
                cursor, "claims_claim"
            ).items()
            if info["index"]
        }
    # SQLite reads candidates off it; PostgreSQL's come from the match_key GIN index
    assert ("claim_norm_idx" in names) == (connection.vendor == "sqlite")
    assert "claim_verdict_idx" not in names and "claim_match_terms_fts" not in names


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL planner setting")
def test_the_look_ups_leave_the_planner_as_they_found_it(reporter: Any) -> None:
    mine = sleepers(reporter)
    mine.refresh_from_db()
    with connection.cursor() as cursor:
        cursor.execute(SETTINGS)
        before = cursor.fetchone()
        store.pools_for([mine])
        cursor.execute(SETTINGS)
        assert cursor.fetchone() == before


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the one-statement look-up")
def test_the_candidates_come_with_the_same_reports_dates_and_speakers_as_contexts_reads(
    reporter: Any, editor: Any
) -> None:
    mine = sleepers(reporter)
    kept = count(
        reporter,
        "Track crews found 305 cracked sleepers near Narva.",
        "305 cracked sleepers",
        305,
        "sleepers",
        "cracked sleepers on the Narva railway line",
        title="Narva line inspection",
    )
    again = count(
        reporter,
        "A second inspection counted 305 cracked sleepers on the Narva railway line.",
        "305 cracked sleepers",
        305,
        "sleepers",
        "cracked sleepers on the Narva railway line",
        title="Narva railway: second inspection",
    )
    # the kept claim is now reported in two reports, under two titles
    kept = services.claim_merge(
        claim=kept, duplicate=again, by=editor, expected_version=kept.version, chosen=True
    )
    for claim in (mine, kept):
        claim.refresh_from_db()
    pools, ctx = store._pools([mine], with_contexts=True)
    assert [c.pk for c in pools[mine.pk]] == [kept.pk]
    read = store.contexts([mine.pk, kept.pk])
    assert ctx[kept.pk] == read[kept.pk] and ctx[mine.pk] == read[mine.pk]
    assert len(ctx[kept.pk].sources) == 2 and len(ctx[kept.pk].titles) == 2
    assert ctx[kept.pk].speakers == {"officials"}


def _plan(sql: str, params: dict[str, Any]) -> str:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        while cursor.description is None or cursor.description[0].name != "QUERY PLAN":
            assert cursor.nextset()
        return "\n".join(row[0] for row in cursor.fetchall())


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL planner setting")
def test_the_look_up_reads_the_key_index_even_where_a_sequential_scan_looks_cheaper(
    reporter: Any,
) -> None:
    mine = sleepers(reporter)
    mine.refresh_from_db()
    params = store._look_up_params([(mine, store._stages(mine))])
    explain = "EXPLAIN " + store._LOOK_UP
    with connection.cursor() as cursor:
        # index reads priced so dear that the planner would rather read the table (as it
        # would at 1,000,000 claims, taking the keys for common) ...
        cursor.execute("SET LOCAL random_page_cost = 100000")
        cursor.execute("SET LOCAL cpu_index_tuple_cost = 1000")
    assert "Seq Scan on claims_claim" in _plan(explain, params)
    # ... which the look-up's statement does not let it do
    plan = _plan(store._index_only(explain), params)
    assert "claim_match_key_gin" in plan and "Seq Scan on claims_claim" not in plan


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL planner setting")
def test_the_look_up_is_not_compiled_however_costly_the_planner_finds_it(reporter: Any) -> None:
    mine = sleepers(reporter)
    mine.refresh_from_db()
    params = store._look_up_params([(mine, store._stages(mine))])
    explain = "EXPLAIN " + store._LOOK_UP
    with connection.cursor() as cursor:
        # as a report of a hundred figures is: past the cost where JIT compiles a statement
        cursor.execute("SET LOCAL jit_above_cost = 0")
    if "JIT:" not in _plan(explain, params):
        pytest.skip("this server has no JIT")
    assert "JIT:" not in _plan(store._index_only(explain), params)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL planner setting")
@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_the_look_ups_leave_the_planner_as_they_found_it(
    reporter: Any,
) -> None:
    mine = sleepers(reporter)
    mine.refresh_from_db()
    with connection.cursor() as cursor:
        cursor.execute(SETTINGS)
        before = cursor.fetchone()
        store.pools_for([mine])
        cursor.execute(SETTINGS)
        assert cursor.fetchone() == before


def test_a_candidate_row_holds_the_columns_the_engine_reads_and_becomes_that_claim(
    reporter: Any,
) -> None:
    mine = sleepers(reporter)
    read = Claim.objects.only(*store._FIGURE_FIELDS).get(pk=mine.pk)
    # the look-up selects these columns in this order: the model's, of the figure's fields
    figure = tuple(f.attname for f in Claim._meta.concrete_fields if f.name in store._FIGURE_FIELDS)
    assert store.Candidate._fields == figure
    row = store.Candidate._make(getattr(read, name) for name in figure)
    claim = row.claim()
    assert claim.pk == mine.pk and claim.get_deferred_fields() == read.get_deferred_fields()
    assert all(getattr(claim, name) == getattr(read, name) for name in figure)
    assert store.figure_of(row) == store.figure_of(read)
