"""Search at scale: ranked words page in rank order, a common word is listed best first, and
on SQLite neither walks the matches once per row (the query plans say how it is read)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.urls import reverse

from claims import search, services
from claims.models import Claim
from claims.tests.conftest import desk_statistics, make_source

# Each sentence says "lantern" a different number of times: the more, the better the match.
LANTERNS = " ".join(
    f"Crews lit {10 + i} lanterns{' beside the lantern store' * (i % 4)} at the depot."
    for i in range(7)
)

sqlite_only = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="the FTS5 query plan is SQLite's"
)


@pytest.fixture
def lantern_claims(reporter: User) -> list[Claim]:
    source = make_source(reporter, text=LANTERNS, title="Night shift")
    claims = []
    for i, sentence in enumerate(LANTERNS.split(" at the depot.")[:7]):
        quote = f"{10 + i} lanterns"
        start = LANTERNS.index(quote)
        claims.append(
            services.claim_create(
                by=reporter,
                source=source,
                start=start,
                end=start + len(quote),
                statement=sentence.strip() + " at the depot.",
                quantity={"value": 10 + i, "unit_name": "lantern"},
                score=0.2 + (i * 3) % 7 / 10,  # not in the order they were made
            )
        )
    return claims


def listed(client: Any, **params: str) -> list[int]:
    """Every claim the queue lists for ``params``, following its "more" links."""
    url, ids = reverse("claims:list"), []
    while url:
        response = client.get(url, params)
        ids += [c.pk for c in response.context["claims"]]
        url, params = response.context["next_url"], {}
    return ids


def test_ranked_matches_page_in_rank_order(
    client: Any, editor: User, lantern_claims: list[Claim], monkeypatch: Any
) -> None:
    monkeypatch.setattr("claims.views.queue.PAGE_SIZE", 2)
    client.force_login(editor)
    ids = listed(client, q="lantern")
    assert sorted(ids) == sorted(c.pk for c in lantern_claims)  # each once, over four pages
    # The claim that says the word most comes first, then those that say it less often.
    said = {c.pk: c.statement.lower().count("lantern") for c in lantern_claims}
    assert [said[pk] for pk in ids] == sorted(said.values(), reverse=True)


def test_a_word_in_more_claims_than_are_ranked_lists_the_best_claims_first(
    client: Any, editor: User, lantern_claims: list[Claim], monkeypatch: Any
) -> None:
    monkeypatch.setattr(search, "RANK_POOL", 3)
    monkeypatch.setattr("claims.views.queue.PAGE_SIZE", 4)
    client.force_login(editor)
    by_score = [c.pk for c in sorted(lantern_claims, key=lambda c: -c.score)]
    assert listed(client, q="lantern") == by_score
    newest = sorted((c.pk for c in lantern_claims), reverse=True)
    assert by_score != newest
    assert listed(client, q="lantern", sort="newest") == newest
    assert listed(client, q="lantern -store") == [
        c.pk for c in sorted(lantern_claims, key=lambda c: -c.score) if "store" not in c.statement
    ]
    # A claim number is found with the matches of its digits, first when it is the best.
    monkeypatch.setattr(search, "RANK_POOL", 0)
    other = make_source(editor, text="Officials said 40 tents arrived.", title="Tents")
    tents = services.claim_create(
        by=editor,
        source=other,
        start=15,
        end=23,
        statement="Officials said 40 tents arrived.",
        quantity={"value": 40, "unit_name": "tent"},
        score=0.99,
    )
    assert listed(client, q=str(tents.pk))[0] == tents.pk


def plan(qs: Any) -> str:
    return str(qs.explain())


@sqlite_only
@pytest.mark.django_db
def test_sqlite_ranks_the_matches_in_one_pass_not_once_per_row(
    lantern_claims: list[Claim],
) -> None:
    found = search.search_claims(Claim.objects.all(), "lantern")
    assert found.ranked
    shown = plan(found.queryset.order_by("-search_rank", "-pk")[:51])
    fts = [line for line in shown.splitlines() if "claims_claim_fts" in line]
    assert fts and "MATERIALIZE" in shown
    # FTS5 marks a rowid constraint with "=" in its index string (0:=M…): a MATCH per row.
    assert not any("INDEX 0:=" in line for line in fts), shown


@sqlite_only
@pytest.mark.django_db
def test_sqlite_lists_a_common_word_off_the_order_index_without_sorting_every_match(
    lantern_claims: list[Claim], monkeypatch: Any
) -> None:
    monkeypatch.setattr(search, "RANK_POOL", 3)
    desk_statistics()
    found = search.search_claims(Claim.objects.for_queue().not_merged(), "lantern")
    assert not found.ranked
    shown = plan(found.queryset.order_by("-score", "-pk")[:51])
    assert "claim_score_idx" in shown, shown
    assert "TEMP B-TREE" not in shown, shown


def exported_ids(client: Any, **params: str) -> list[int]:
    response = client.get(reverse("claims:claims_export", args=["json"]), params)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return sorted(claim["claim_id"] for claim in json.loads(body)["claims"])


def test_an_export_of_a_search_holds_every_match_ranked_or_not(
    client: Any, editor: User, lantern_claims: list[Claim], monkeypatch: Any
) -> None:
    client.force_login(editor)
    every = sorted(c.pk for c in lantern_claims)
    assert exported_ids(client, q="lantern") == every
    monkeypatch.setattr(search, "RANK_POOL", 3)
    assert exported_ids(client, q="lantern") == every


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL index setting")
@pytest.mark.django_db
def test_the_search_index_pending_list_is_bounded_so_no_edit_merges_4_mb_of_it() -> None:
    # The edit that overflows a GIN index's pending list merges all of it into the index
    # (migration 0024): at a million claims the default 4 MB took one edit 585 ms.
    with connection.cursor() as cursor:
        cursor.execute("SELECT reloptions FROM pg_class WHERE relname = 'claim_search_idx'")
        (options,) = cursor.fetchone()
    assert "gin_pending_list_limit=1024" in (options or [])
