"""A figure's history: the group of claims for the same figure, charted on the server."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from claims import services
from claims.figure_history import chart
from claims.figure_history.dates import as_of_date
from claims.models import Claim, ClaimState, FigureMatch, Relation
from claims.tests.conftest import make_source


def logged_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def premium(by: Any, n: int, figure: int, *, day: dt.date, as_of: str = "", **extra: Any) -> Claim:
    quote = f"US${figure:,}"
    text = (
        f"Report {n}: underwriters in the port quoted war-risk premiums of {quote} "
        f"for every voyage, according to shipping agents."
    )
    source = make_source(
        by,
        text=text,
        title=f"Shipping note {n}",
        published_at=dt.datetime.combine(day, dt.time(9), tzinfo=dt.UTC),
    )
    start = text.index(quote)
    quantity = {
        "value": figure,
        "qualifier": "=",
        "unit": "USD",
        "unit_name": "dollar",
        "currency": "USD",
        "per": "voyage",
        "dimension": "rate",
        "as_of": as_of,
        **extra,
    }
    return services.claim_create(
        by=by,
        source=source,
        start=start,
        end=start + len(quote),
        quote=quote,
        statement=f"War-risk premiums were {quote} per voyage.",
        quantity=quantity,
    )


def link(editor: Any, claim: Claim, relation: str, target: Claim) -> None:
    services.evidence_link(claim=claim, by=editor, relation=relation, target_claim=target)


@pytest.fixture
def desk(reporter: Any, editor: Any) -> dict[str, Any]:
    start = dt.date(2026, 1, 5)
    claims = [
        premium(reporter, n, 40_000 + 250 * n, day=start + dt.timedelta(days=2 * n))
        for n in range(50)
    ]
    # A range, and an as-of date on a few.
    ranged = premium(
        reporter, 50, 47_000, day=dt.date(2026, 3, 1), value=None, low=46_000, high=48_000
    )
    claims.append(ranged)
    for claim in claims[:50]:
        services.claim_accept(claim=claim, by=editor, expected_version=claim.version)
    # The suggestions the extraction task would store, then evidence an editor linked.
    services.matches_for_claims(claims=claims)
    # Every claim joined to the first, directly or through others (evidence links both ways).
    for before, after in itertools.pairwise(claims):
        if not Claim.objects.get(pk=before.pk).evidence.exists():
            link(editor, before, Relation.CORROBORATES, after)
    superseded = Claim.objects.get(pk=claims[3].pk)
    link(editor, superseded, Relation.SUPERSEDES, claims[4])
    confirmed = Claim.objects.get(pk=claims[10].pk)
    services.claim_set_verdict(
        claim=confirmed, by=editor, verdict="confirmed", expected_version=confirmed.version
    )
    disputed = Claim.objects.get(pk=claims[11].pk)
    services.claim_set_verdict(
        claim=disputed,
        by=editor,
        verdict="disputed",
        expected_version=disputed.version,
        reason="The brokers' own sheet says otherwise.",
    )
    # An unrelated figure in the same unit, never linked: not in the group.
    stranger = premium(reporter, 99, 900, day=dt.date(2026, 2, 1))
    return {
        "claims": claims,
        "ranged": ranged,
        "superseded": claims[3],
        "confirmed": claims[10],
        "stranger": stranger,
    }


def marks(body: str) -> set[int]:
    return {int(pk) for pk in re.findall(r'id="figure-mark-(\d+)"', body)}


def rows(body: str) -> set[int]:
    return {int(pk) for pk in re.findall(r'id="figure-row-(\d+)"', body)}


def test_the_history_of_fifty_figures_renders_within_its_query_budget(
    desk: dict[str, Any], editor: Any, django_assert_max_num_queries: Any
) -> None:
    client = logged_in(editor)
    url = reverse("claims:figure_history", args=[desk["claims"][25].pk])
    with django_assert_max_num_queries(24):
        response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    everyone = {c.pk for c in desk["claims"]}
    assert rows(body) == everyone and marks(body) == everyone
    assert desk["stranger"].pk not in rows(body)
    assert "<caption>51 figures reported, by report date; 1 superseded; 1 range</caption>" in body


def test_any_claim_of_the_group_reaches_the_same_group(desk: dict[str, Any], editor: Any) -> None:
    client = logged_in(editor)
    first = client.get(reverse("claims:figure_history", args=[desk["claims"][0].pk]))
    last = client.get(reverse("claims:figure_history", args=[desk["ranged"].pk]))
    assert rows(first.content.decode()) == rows(last.content.decode())


def test_verdicts_have_shapes_and_words_and_superseded_figures_are_marked(
    desk: dict[str, Any], editor: Any
) -> None:
    body = (
        logged_in(editor)
        .get(reverse("claims:figure_history", args=[desk["confirmed"].pk]))
        .content.decode()
    )
    confirmed = re.search(
        rf'<g class="mark verdict-confirmed" id="figure-mark-{desk["confirmed"].pk}">(.*?)</g>',
        body,
        re.S,
    )
    assert confirmed and "shape-circle" in confirmed.group(1)
    assert "confirmed" in confirmed.group(1)  # in its tooltip, not only its colour
    assert re.search(
        r'class="mark verdict-disputed" id="figure-mark-\d+">.*?shape-cross', body, re.S
    )
    superseded = re.search(
        rf'<g class="mark verdict-unverified superseded" id="figure-mark-{desk["superseded"].pk}">'
        r"\s*<title>([^<]*)</title>",
        body,
    )
    assert superseded and f"superseded by claim {desk['claims'][4].pk}" in superseded.group(1)
    ranged = re.search(
        rf'id="figure-mark-{desk["ranged"].pk}">\s*<title>[^<]*</title>\s*<rect class="bar"', body
    )
    assert ranged
    # The legend names every verdict and says what a bar and a dashed symbol mean.
    for words in ("Confirmed", "Disputed", "Misleading", "Unverifiable", "Unverified"):
        assert f"</svg> {words}</li>" in body
    assert "a range (low to high)" in body and "superseded (dashed, faded)" in body


def test_the_table_is_accessible_and_the_page_has_no_inline_script_or_style(
    desk: dict[str, Any], editor: Any
) -> None:
    response = logged_in(editor).get(reverse("claims:figure_history", args=[desk["ranged"].pk]))
    body = response.content.decode()
    assert "<caption>" in body and '<th scope="col">Figure</th>' in body
    assert body.count('<th scope="row">') == 51
    assert 'role="img" aria-labelledby="figure-chart-title figure-chart-desc"' in body
    assert " style=" not in body and "hx-on" not in body
    assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", body) == []
    assert "unsafe-inline" not in response["Content-Security-Policy"]


def test_the_as_of_axis_places_only_figures_with_a_readable_date(
    reporter: Any, editor: Any
) -> None:
    a = premium(reporter, 1, 45_000, day=dt.date(2026, 3, 2), as_of="February 2026")
    b = premium(reporter, 2, 52_000, day=dt.date(2026, 3, 9), as_of="")
    link(editor, b, Relation.CONTRADICTS, a)
    client = logged_in(editor)
    url = reverse("claims:figure_history", args=[a.pk])
    by_report = client.get(url).content.decode()
    assert marks(by_report) == {a.pk, b.pk}
    by_as_of = client.get(url, {"axis": "as_of"}).content.decode()
    assert marks(by_as_of) == {a.pk} and rows(by_as_of) == {a.pk, b.pk}
    assert "1 figure without an as-of date we can read: in the table only." in by_as_of
    assert 'aria-current="true" class="current">by as-of date</a>' in by_as_of
    # htmx asks for the chart and table only.
    fragment = client.get(url, {"axis": "as_of"}, HTTP_HX_REQUEST="true").content.decode()
    assert fragment.lstrip().startswith('<div id="figure-history"') and "<html" not in fragment
    assert client.get(url, {"axis": "bogus"}).status_code == 200


def test_viewers_see_only_accepted_figures(desk: dict[str, Any], viewer: Any) -> None:
    # The range was never accepted: a candidate, which a viewer never reads.
    client = logged_in(viewer)
    body = client.get(
        reverse("claims:figure_history", args=[desk["claims"][0].pk])
    ).content.decode()
    assert desk["ranged"].pk not in rows(body) and len(rows(body)) == 50
    assert client.get(reverse("claims:figure_history", args=[desk["ranged"].pk])).status_code == 404


def test_a_dismissed_suggestion_takes_a_figure_out_of_the_group(reporter: Any, editor: Any) -> None:
    a = premium(reporter, 1, 45_000, day=dt.date(2026, 3, 2))
    b = premium(reporter, 2, 52_000, day=dt.date(2026, 3, 9))
    (match,) = services.matches_for_claims(claims=[b])
    client = logged_in(editor)
    url = reverse("claims:figure_history", args=[a.pk])
    assert rows(client.get(url).content.decode()) == {a.pk, b.pk}
    services.match_dismiss(match=FigureMatch.objects.get(pk=match.pk), by=editor)
    assert rows(client.get(url).content.decode()) == {a.pk}


def test_the_claim_page_links_to_its_history(candidate: Claim, editor: Any) -> None:
    body = logged_in(editor).get(reverse("claims:detail", args=[candidate.pk])).content.decode()
    assert reverse("claims:figure_history", args=[candidate.pk]) in body
    assert candidate.state == ClaimState.CANDIDATE


@pytest.mark.parametrize(
    ("words", "reported", "expected"),
    [
        ("October 2024", None, dt.date(2024, 10, 1)),
        ("as of Nov. 4, 2025", None, dt.date(2025, 11, 4)),
        ("Nov. 4", dt.date(2026, 2, 2), dt.date(2025, 11, 4)),
        ("Nov. 4", dt.date(2026, 12, 2), dt.date(2026, 11, 4)),
        ("Q3 2025", None, dt.date(2025, 7, 1)),
        ("2023", None, dt.date(2023, 1, 1)),
        ("last year", dt.date(2026, 5, 1), dt.date(2025, 1, 1)),
        ("2024-02-30", None, None),
        ("soon", dt.date(2026, 5, 1), None),
        ("", None, None),
    ],
)
def test_as_of_words_read_as_the_first_day_of_their_period(
    words: str, reported: dt.date | None, expected: dt.date | None
) -> None:
    assert as_of_date(words, reported) == expected


def test_the_chart_spreads_figures_of_one_day_and_scales_ranges() -> None:
    day = dt.date(2026, 1, 1)
    drawn = chart.layout(
        [
            chart.Point(1, day, 10, 10, 10, "confirmed"),
            chart.Point(2, day, 10, 10, 10, "disputed"),
            chart.Point(3, day + dt.timedelta(days=30), 5, 20, None, "unverified"),
            chart.Point(4, None, 7, 7, 7, "unverified"),
        ]
    )
    one, two, three = drawn.marks
    assert one.x != two.x and one.y == two.y
    assert three.is_range and three.bar_top < three.y < three.bar_bottom  # type: ignore[operator]
    assert drawn.undated == 1
    assert drawn.y_ticks[0].label == "0" and drawn.top <= min(t.at for t in drawn.y_ticks)


def test_a_merged_claim_leads_to_the_history_of_the_claim_it_went_into(
    reporter: Any, editor: Any, outsider: Any
) -> None:
    a = premium(reporter, 1, 45_000, day=dt.date(2026, 3, 2))
    b = premium(reporter, 2, 45_000, day=dt.date(2026, 3, 9))
    services.claim_merge(claim=a, duplicate=b, by=editor, expected_version=a.version, chosen=True)
    client = logged_in(editor)
    response = client.get(reverse("claims:figure_history", args=[b.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("claims:figure_history", args=[a.pk])
    body = client.get(response["Location"]).content.decode()
    assert rows(body) == {a.pk}  # the merged claim's mentions are the survivor's now
    assert logged_in(outsider).get(response["Location"]).status_code in (403, 404)
