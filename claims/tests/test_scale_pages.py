"""Pages whose cost must not grow with the desk: the claim page pages its mentions, the
reports list never reads a report's text, the queue's filters use maintained columns."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from claims import services
from claims.models import Claim, ClaimState, Source
from claims.services.tokens import api_token_create
from claims.tests.conftest import desk_statistics, make_claim, make_source

FIGURES = 25
MANY = " ".join(f"Officials said {100 + i} soldiers crossed at dawn." for i in range(FIGURES))


@pytest.fixture
def widely_repeated(editor: User, reporter: User) -> Claim:
    """One claim with FIGURES mentions (the others merged into it)."""
    source = make_source(reporter, text=MANY, title="Crossings")
    claims = [make_claim(reporter, source, f"{100 + i} soldiers") for i in range(FIGURES)]
    kept = claims[0]
    for other in claims[1:]:
        kept = services.claim_merge(
            claim=kept,
            duplicate=other,
            by=editor,
            expected_version=kept.version,
            duplicate_version=other.version,
        )
    return kept


def test_the_claim_page_shows_twenty_mentions_and_offers_more(
    client: Any, editor: User, widely_repeated: Claim, django_assert_max_num_queries: Any
) -> None:
    client.force_login(editor)
    with django_assert_max_num_queries(16):
        response = client.get(reverse("claims:detail", args=[widely_repeated.pk]))
    text = response.content.decode()
    assert f"Where it appears ({FIGURES})" in text
    assert text.count("<blockquote>1") == 20
    more = reverse("claims:mentions", args=[widely_repeated.pk]) + "?offset=20"
    assert more in text
    response = client.get(more, headers={"HX-Request": "true"})
    rest = response.content.decode()
    assert rest.count("<blockquote>1") == FIGURES - 20
    assert "More mentions" not in rest
    assert "<html" not in rest
    plain = client.get(more).content.decode()
    assert "<html" in plain and plain.count("<blockquote>1") == FIGURES - 20


def test_the_mentions_page_is_for_those_who_see_the_claim(
    client: Any, viewer: User, widely_repeated: Claim
) -> None:
    client.force_login(viewer)  # a candidate: not for viewers
    response = client.get(reverse("claims:mentions", args=[widely_repeated.pk]))
    assert response.status_code == 404


def test_the_reports_list_never_reads_report_texts(
    client: Any, editor: User, reporter: User, open_claim: Claim
) -> None:
    client.force_login(editor)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("claims:source_list"))
    assert response.status_code == 200
    reads = [q["sql"] for q in captured.captured_queries if 'FROM "claims_source"' in q["sql"]]
    assert reads
    for sql in reads:
        assert '"claims_source"."text"' not in sql
        assert '"claims_source"."raw_content"' not in sql
    assert response.context["sources"][0].claim_count == 1


def test_the_reports_list_counts_only_claims_the_reader_may_see(
    client: Any, viewer: User, reporter: User, open_claim: Claim, source: Source
) -> None:
    make_claim(reporter, source, "700,000 tons of rice")  # a candidate
    client.force_login(viewer)
    response = client.get(reverse("claims:source_list"))
    assert response.context["sources"][0].claim_count == 1


def test_the_queue_filters_on_the_day_a_claim_was_first_reported(
    client: Any, editor: User, reporter: User
) -> None:
    march = make_source(reporter, published_at=datetime(2026, 3, 4, 23, 0, tzinfo=UTC))
    claim = make_claim(reporter, march)
    client.force_login(editor)
    url = reverse("claims:list")
    hit = client.get(url, {"date_from": "2026-03-04", "date_to": "2026-03-04"})
    assert [c.pk for c in hit.context["claims"]] == [claim.pk]
    miss = client.get(url, {"date_from": "2026-03-05"})
    assert list(miss.context["claims"]) == []


def test_the_queue_filters_by_outlet_of_first_appearance_and_by_speaker(
    client: Any, editor: User, reporter: User
) -> None:
    gazette = make_source(reporter, outlet="The Camp Gazette")
    claim = make_claim(reporter, gazette)  # speaker "Officials"
    client.force_login(editor)
    url = reverse("claims:list")
    assert [c.pk for c in client.get(url, {"outlet": "gazette"}).context["claims"]] == [claim.pk]
    assert list(client.get(url, {"outlet": "Herald"}).context["claims"]) == []
    assert [c.pk for c in client.get(url, {"speaker": "offic"}).context["claims"]] == [claim.pk]
    with CaptureQueriesContext(connection) as captured:
        typo = client.get(url, {"speaker": "Zzyzx"})
    assert list(typo.context["claims"]) == []
    assert len(captured.captured_queries) < 12


def test_the_queue_sorts_by_the_maintained_mention_count(
    client: Any, editor: User, widely_repeated: Claim, reporter: User, source: Source
) -> None:
    single = make_claim(reporter, source)
    client.force_login(editor)
    rows = client.get(reverse("claims:list"), {"sort": "mentions"}).context["claims"]
    assert [c.pk for c in rows] == [widely_repeated.pk, single.pk]
    assert rows[0].mention_count == FIGURES
    assert rows[0].state == ClaimState.CANDIDATE


RANKED = (
    "Officials said 12,400 soldiers crossed near Zorvath. "
    "Zorvath officials said the Zorvath garrison of 300 soldiers stayed in Zorvath. "
    "Analysts counted 75 tanks."
)


def found(client: Any, **params: str) -> list[int]:
    return [c.pk for c in client.get(reverse("claims:list"), params).context["claims"]]


def test_search_finds_words_figures_and_claim_numbers_ranked(
    client: Any, editor: User, reporter: User
) -> None:
    source = make_source(reporter, text=RANKED, title="Border crossings")

    def claim(quote: str, statement: str, unit: str) -> Claim:
        start = RANKED.index(quote)
        return services.claim_create(
            by=reporter,
            source=source,
            start=start,
            end=start + len(quote),
            statement=statement,
            quantity={"value": int(quote.split()[0].replace(",", "")), "unit_name": unit},
        )

    one = claim(
        "12,400 soldiers", "Officials said 12,400 soldiers crossed near Zorvath.", "soldier"
    )
    many = claim(
        "300 soldiers",
        "The Zorvath garrison of 300 soldiers stayed in Zorvath, Zorvath officials said.",
        "soldier",
    )
    tanks = claim("75 tanks", "Analysts counted 75 tanks.", "tank")
    client.force_login(editor)
    # The claim that says the word most comes first.
    assert found(client, q="zorvath") == [many.pk, one.pk]
    assert set(found(client, q="soldiers")) == {many.pk, one.pk}
    assert found(client, q="12,400") == [one.pk]  # the figure as written
    assert found(client, q="tanks") == [tanks.pk]
    assert set(found(client, q="crossings")) == {one.pk, many.pk, tanks.pk}  # report title
    assert found(client, q=str(tanks.pk))[0] == tanks.pk  # a claim number first
    assert found(client, q="zorvath -garrison") == [one.pk]
    assert found(client, q="xylophonists") == []
    assert found(client, q='"') == []


def test_search_keeps_up_with_edits(client: Any, editor: User, open_claim: Claim) -> None:
    client.force_login(editor)
    assert found(client, q="quagmire") == []
    services.claim_edit(
        claim=open_claim,
        by=editor,
        expected_version=open_claim.version,
        changes={"subject": "land lost in the quagmire"},
    )
    assert found(client, q="quagmire") == [open_claim.pk]


sqlite_only = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's query plans")


@pytest.fixture
def spoken(reporter: User) -> list[Claim]:
    """Five claims of the same speaker ("Officials"), one more relayed by it, and one not."""
    text = " ".join(f"Officials said {20 + i} trucks were parked." for i in range(7))
    source = make_source(reporter, text=text, outlet="The Depot Courier")
    claims = []
    for i in range(7):
        quote = f"{20 + i} trucks"
        start = text.index(quote)
        claims.append(
            services.claim_create(
                by=reporter,
                source=source,
                start=start,
                end=start + len(quote),
                statement=f"Officials said {quote} were parked.",
                quantity={"value": 20 + i, "unit_name": "truck"},
                speaker={5: "Drivers", 6: "Mechanics"}.get(i, "Officials"),
                via="Officials" if i == 5 else "",
                score=(i * 3) % 7 / 10,
            )
        )
    return claims


def test_the_speaker_filter_finds_what_a_busy_speaker_said_or_relayed(
    client: Any, editor: User, spoken: list[Claim], monkeypatch: Any
) -> None:
    client.force_login(editor)
    url = reverse("claims:list")
    best_first = [c.pk for c in sorted(spoken[:6], key=lambda c: (-c.score, -c.pk))]
    assert [c.pk for c in client.get(url, {"speaker": "officials"}).context["claims"]] == (
        best_first
    )
    # A speaker with more mentions than are sorted whole (SQLite reads the page's order).
    monkeypatch.setattr("claims.querysets.SPEAKER_SORT_LIMIT", 2, raising=False)
    busy = client.get(url, {"speaker": "officials"}).context["claims"]
    assert [c.pk for c in busy] == best_first
    newest = client.get(url, {"speaker": "officials", "sort": "newest"}).context["claims"]
    assert [c.pk for c in newest] == sorted(best_first, reverse=True)
    assert [c.pk for c in client.get(url, {"speaker": "mechanics"}).context["claims"]] == [
        spoken[6].pk
    ]
    secret = api_token_create(user=editor, by=editor, name="script", scope="read").secret
    api = client.get(
        "/api/v1/claims/", {"speaker": "officials"}, headers={"Authorization": f"Bearer {secret}"}
    )
    assert sorted(row["id"] for row in api.json()["items"]) == sorted(best_first)
    export = client.get(reverse("claims:claims_export", args=["json"]), {"speaker": "officials"})
    exported = json.loads(b"".join(export.streaming_content))["claims"]
    assert sorted(row["claim_id"] for row in exported) == sorted(best_first)


def queue_plan(client: Any, **params: str) -> str:
    """SQLite's plan of the query that lists the queue page's rows for ``params``."""
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("claims:list"), params).status_code == 200
    (listing,) = [
        q["sql"]
        for q in captured.captured_queries
        if q["sql"].startswith('SELECT "claims_claim"."id", "claims_claim"."statement"')
    ]
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {listing}")
        return "\n".join(row[3] for row in cursor.fetchall())


@sqlite_only
def test_sqlite_reads_a_busy_speakers_claims_in_the_page_order_off_the_indexes(
    client: Any, editor: User, spoken: list[Claim], monkeypatch: Any
) -> None:
    monkeypatch.setattr("claims.querysets.SPEAKER_SORT_LIMIT", 2, raising=False)
    desk_statistics()
    client.force_login(editor)
    plan = queue_plan(client, speaker="officials")
    assert "claim_score_idx" in plan and "TEMP B-TREE" not in plan, plan
    # The speaker's mentions are read off (speaker, claim) and (via, claim) alone.
    assert "mention_speaker_idx" in plan and "mention_via_idx" in plan, plan


@sqlite_only
def test_sqlite_reads_an_outlets_claims_in_the_page_order_off_one_index(
    client: Any, editor: User, spoken: list[Claim]
) -> None:
    desk_statistics()
    client.force_login(editor)
    plan = queue_plan(client, outlet="depot courier")
    assert "claim_outlet_score_idx (first_outlet_id=?)" in plan, plan
    assert "TEMP B-TREE" not in plan, plan
