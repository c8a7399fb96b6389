"""The queue: filters in the URL, sorts, keyset pages, counts, row and bulk actions."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from claims import services
from claims.models import Claim, ClaimEvent, ClaimState, Source
from claims.tests.conftest import make_claim, make_source

pytestmark = pytest.mark.django_db

ROWS = 60


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def crowded_queue(reporter: Any, editor: Any) -> list[Claim]:
    """ROWS candidates over ROWS/3 reports from five outlets, scores spread over [0.3, 0.9]."""
    claims: list[Claim] = []
    for i in range(ROWS // 3):
        text = (
            f"Officials said {100 + i} soldiers arrived. "
            f"The agency counted {200 + i} tonnes of grain. "
            f"Analysts put the area at {300 + i} square kilometres."
        )
        source = make_source(reporter, text=text, title=f"Report {i}", outlet=f"Outlet {i % 5}")
        for j, (quote, unit) in enumerate(
            (
                (f"{100 + i} soldiers", "soldier"),
                (f"{200 + i} tonnes", "tonne"),
                (f"{300 + i} square kilometres", "square kilometre"),
            )
        ):
            start = source.text.index(quote)
            claims.append(
                services.claim_create(
                    by=reporter,
                    source=source,
                    start=start,
                    end=start + len(quote),
                    quote=quote,
                    statement=f"Statement {i}-{j} about {quote}",
                    quantity={"value": Decimal(quote.split()[0]), "unit_name": unit},
                    speaker="Officials" if j == 0 else "The agency",
                    score=0.3 + ((i * 3 + j) % 7) / 10,
                )
            )
    return claims


def test_the_queue_shows_candidates_and_open_claims_but_not_rejected_ones(
    editor: Any, candidate: Claim, open_claim: Claim, reporter: Any, source: Source
) -> None:
    rejected = make_claim(reporter, source, "700,000 tons", value=700000, unit_name="ton")
    services.claim_reject(claim=rejected, by=editor, expected_version=rejected.version)
    listed = client_for(editor).get(reverse("claims:list")).context["claims"]
    assert {c.pk for c in listed} == {candidate.pk, open_claim.pk}
    everything = client_for(editor).get(reverse("claims:list"), {"state": "all"})
    assert rejected.pk in {c.pk for c in everything.context["claims"]}


def test_the_queue_sorts_by_claim_worthiness_first(editor: Any, crowded_queue: list[Claim]) -> None:
    rows = client_for(editor).get(reverse("claims:list")).context["claims"]
    scores = [c.score for c in rows]
    assert scores == sorted(scores, reverse=True)


def test_the_queue_sorts_by_newest_and_by_most_mentioned(
    editor: Any, reporter: Any, crowded_queue: list[Claim]
) -> None:
    client = client_for(editor)
    newest = client.get(reverse("claims:list"), {"sort": "newest"}).context["claims"]
    assert newest[0].pk == crowded_queue[-1].pk
    kept, duplicate = crowded_queue[5], crowded_queue[8]
    services.claim_merge(claim=kept, duplicate=duplicate, by=editor, expected_version=kept.version)
    mentioned = client.get(reverse("claims:list"), {"sort": "mentions"}).context["claims"]
    assert mentioned[0].pk == kept.pk


@pytest.mark.parametrize("sort", ["score", "newest", "mentions"])
def test_keyset_pages_stay_stable_while_new_candidates_arrive(
    editor: Any, reporter: Any, crowded_queue: list[Claim], sort: str
) -> None:
    client = client_for(editor)
    first = client.get(reverse("claims:list"), {"sort": sort})
    assert len(first.context["claims"]) == 50
    # A new, highly claim-worthy candidate arrives while the editor reads page one.
    late = make_source(reporter, text="Late news: 999 drones were counted.", title="Late")
    start = late.text.index("999 drones")
    newcomer = services.claim_create(
        by=reporter,
        source=late,
        start=start,
        end=start + 10,
        statement="999 drones",
        quantity={"value": 999, "unit_name": "drone"},
        score=1.0,
    )
    second = client.get(first.context["next_url"])
    seen = [c.pk for c in first.context["claims"]] + [c.pk for c in second.context["claims"]]
    assert len(seen) == len(set(seen)) == ROWS
    assert newcomer.pk not in seen
    assert not second.context["next_url"]


def test_filters_live_in_the_url_and_combine(
    editor: Any, crowded_queue: list[Claim], candidate: Claim
) -> None:
    client = client_for(editor)

    def pks(**params: str) -> set[int]:
        response = client.get(reverse("claims:list"), params)
        assert response.status_code == 200
        return {c.pk for c in response.context["claims"]}

    assert pks(q="tonnes") == {c.pk for c in crowded_queue if c.unit_name == "tonne"}
    assert len(pks(outlet="Outlet 3")) == 12
    assert pks(speaker="agency") == {c.pk for c in crowded_queue if c.unit_name != "soldier"}
    report = Source.objects.get(title="Report 4")
    assert len(pks(source=str(report.pk))) == 3
    assert len(pks(source="Report 1")) == 3 * 11  # Report 1, 10..19
    assert pks(state="open") == set()
    assert pks(verdict="confirmed") == set()
    assert pks(dimension="area") == set()
    assert pks(q=str(candidate.pk)) >= {candidate.pk}
    assert len(pks(date_from="2000-01-01", date_to="2999-12-31")) == 50
    assert pks(date_to="2000-01-01") == set()
    assert len(pks(outlet="Outlet 3", speaker="Officials")) == 4


def test_bad_filter_values_are_ignored_not_fatal(editor: Any, crowded_queue: list[Claim]) -> None:
    response = client_for(editor).get(
        reverse("claims:list"), {"date_from": "soon", "sort": "nope", "after": "x_y"}
    )
    assert response.status_code == 200
    assert len(response.context["claims"]) == 50


def test_a_filter_change_with_htmx_returns_the_rows_and_a_more_link(
    editor: Any, crowded_queue: list[Claim]
) -> None:
    client = client_for(editor)
    response = client.get(reverse("claims:list"), {"q": "soldiers"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="claim-rows"')
    assert "<html" not in body
    more = client.get(response.context["next_url"] or reverse("claims:list"), {"q": "soldiers"})
    assert more.status_code == 200
    page = client.get(reverse("claims:list"), HTTP_HX_REQUEST="true")
    following = client.get(page.context["next_url"], HTTP_HX_REQUEST="true").content.decode()
    assert following.lstrip().startswith("<tbody>")
    assert 'id="claim-rows"' not in following


def test_the_queue_counts_states_and_verdicts(
    editor: Any, candidate: Claim, open_claim: Claim
) -> None:
    response = client_for(editor).get(reverse("claims:list"))
    assert response.context["counts"]["state"]["candidate"] == 1
    assert response.context["counts"]["verdict"]["unverified"] == 1
    assert 'id="queue-counts"' in response.content.decode()


def test_the_queue_stays_within_its_query_budget(
    editor: Any, crowded_queue: list[Claim], django_assert_max_num_queries: Any
) -> None:
    client = client_for(editor)
    # 10, and one for the page's suggestion counts (claims.querysets.attach_match_counts).
    for params in (
        {},
        {"sort": "mentions", "q": "soldiers", "outlet": "Outlet 1"},
        {"state": "all", "no_evidence": "1", "review": "on"},
    ):
        with django_assert_max_num_queries(11):
            response = client.get(reverse("claims:list"), params)
        assert response.status_code == 200
    with django_assert_max_num_queries(11):
        client.get(response.context["next_url"] or reverse("claims:list"), HTTP_HX_REQUEST="true")


def test_accepting_from_a_row_answers_with_the_row_and_counts_out_of_band(
    editor: Any, candidate: Claim
) -> None:
    response = client_for(editor).post(
        reverse("claims:accept", args=[candidate.pk]),
        {"version": candidate.version, "from": "queue", "next": "/claims/?q=x"},
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    assert f'id="claim-{candidate.pk}-row"' in body
    assert body.count('hx-swap-oob="true"') == 3  # the row, the counts, the status line
    assert "accepted onto the desk" in body
    candidate.refresh_from_db()
    assert candidate.state == ClaimState.OPEN


def test_rows_re_rendered_by_an_action_return_to_the_queue_page_not_to_the_action(
    editor: Any, candidate: Claim
) -> None:
    # The row sent back after an accept keeps working without JavaScript: its forms' "next"
    # is the queue page the editor is on, never the accept address (a GET there is a 405).
    accept = reverse("claims:accept", args=[candidate.pk])
    response = client_for(editor).post(
        accept,
        {"version": candidate.version, "from": "queue", "next": "/claims/?q=x"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_CURRENT_URL="http://testserver/claims/?state=candidate",
    )
    nexts = re.findall(r'name="next" value="([^"]*)"', response.content.decode())
    assert nexts and {n.removeprefix("http://testserver") for n in nexts} == {
        "/claims/?state=candidate"
    }
    response = client_for(editor).post(
        accept, {"version": candidate.version + 1, "from": "queue"}, HTTP_HX_REQUEST="true"
    )
    nexts = re.findall(r'name="next" value="([^"]*)"', response.content.decode())
    assert nexts and accept not in nexts


def test_accepting_from_a_row_without_javascript_returns_to_the_filtered_queue(
    editor: Any, candidate: Claim
) -> None:
    response = client_for(editor).post(
        reverse("claims:accept", args=[candidate.pk]),
        {"version": candidate.version, "from": "queue", "next": "/claims/?q=soldiers"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/claims/?q=soldiers"


def test_a_row_action_never_redirects_off_the_site(editor: Any, candidate: Claim) -> None:
    response = client_for(editor).post(
        reverse("claims:reject", args=[candidate.pk]),
        {"version": candidate.version, "from": "queue", "next": "https://evil.example/"},
    )
    assert response["Location"] == reverse("claims:list")


def test_a_stale_row_action_says_who_changed_the_claim(
    editor: Any, second_editor: Any, candidate: Claim
) -> None:
    services.claim_edit(
        claim=candidate, by=second_editor, expected_version=1, changes={"value": "9000"}
    )
    response = client_for(editor).post(
        reverse("claims:accept", args=[candidate.pk]),
        {"version": 1, "from": "queue"},
        HTTP_HX_REQUEST="true",
    )
    assert "changed by bob" in response.content.decode()
    candidate.refresh_from_db()
    assert candidate.state == ClaimState.CANDIDATE


def test_bulk_accept_is_one_action_with_one_correlation_id(
    editor: Any, crowded_queue: list[Claim]
) -> None:
    picked = crowded_queue[:5]
    response = client_for(editor).post(
        reverse("claims:bulk"),
        {"action": "accept", "pick": [f"{c.pk}:{c.version}" for c in picked], "next": "/claims/"},
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    assert "Accepted 5 claims." in body
    assert all(f'id="claim-{c.pk}-row"' in body for c in picked)
    events = ClaimEvent.objects.filter(action="claim.accepted")
    assert events.count() == 5
    assert len({e.correlation_id for e in events}) == 1


def test_bulk_reject_skips_stale_claims_and_says_so(
    editor: Any, second_editor: Any, crowded_queue: list[Claim]
) -> None:
    stale = crowded_queue[0]
    services.claim_accept(claim=stale, by=second_editor, expected_version=stale.version)
    fresh = crowded_queue[1]
    client = client_for(editor)
    response = client.post(
        reverse("claims:bulk"),
        {"action": "reject", "pick": [f"{stale.pk}:1", f"{fresh.pk}:{fresh.version}"]},
    )
    assert response.status_code == 302
    stale.refresh_from_db()
    fresh.refresh_from_db()
    assert stale.state == ClaimState.OPEN
    assert fresh.state == ClaimState.REJECTED
    page = client.get(response["Location"]).content.decode()
    assert "Rejected 1 claim." in page and "changed by bob" in page


def test_bulk_actions_need_an_editor(reporter: Any, crowded_queue: list[Claim]) -> None:
    response = client_for(reporter).post(
        reverse("claims:bulk"), {"action": "accept", "pick": [f"{crowded_queue[0].pk}:1"]}
    )
    assert response.status_code == 403


def test_bulk_without_a_selection_explains(editor: Any, crowded_queue: list[Claim]) -> None:
    response = client_for(editor).post(
        reverse("claims:bulk"), {"action": "accept"}, HTTP_HX_REQUEST="true"
    )
    assert "Select at least one claim." in response.content.decode()


def test_selected_claims_go_onto_a_fact_sheet_at_once(
    editor: Any, crowded_queue: list[Claim]
) -> None:
    sheet = services.factsheet_create(by=editor, title="Troop figures")
    opened = [
        services.claim_accept(claim=c, by=editor, expected_version=c.version)
        for c in crowded_queue[:2]
    ]
    candidate = crowded_queue[2]
    client = client_for(editor)
    assert "Troop figures" in client.get(reverse("claims:list")).content.decode()
    response = client.post(
        reverse("claims:bulk"),
        {
            "action": "factsheet",
            "sheet": sheet.pk,
            "pick": [f"{c.pk}:{c.version}" for c in [*opened, candidate]],
        },
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    assert "Added to the fact sheet: 2 claims." in body
    assert "Only open claims go on a fact sheet" in body
    assert sorted(sheet.entries.values_list("claim_id", flat=True)) == sorted(c.pk for c in opened)
    events = ClaimEvent.objects.filter(action="factsheet.claim_added")
    assert len({e.correlation_id for e in events}) == 1


def test_adding_to_a_fact_sheet_needs_a_sheet(editor: Any, crowded_queue: list[Claim]) -> None:
    claim = crowded_queue[0]
    response = client_for(editor).post(
        reverse("claims:bulk"),
        {"action": "factsheet", "sheet": "999", "pick": [f"{claim.pk}:{claim.version}"]},
        HTTP_HX_REQUEST="true",
    )
    assert "Choose a fact sheet." in response.content.decode()


def test_the_without_evidence_filter_returns_exactly_the_disputed_claims_without_evidence(
    editor: Any, crowded_queue: list[Claim]
) -> None:
    """The dashboard's "disputed claims without evidence" line links to this filter."""

    def opened(claim: Claim, verdict: str = "") -> Claim:
        claim = services.claim_accept(claim=claim, by=editor, expected_version=claim.version)
        if verdict:
            claim = services.claim_set_verdict(
                claim=claim,
                by=editor,
                verdict=verdict,
                expected_version=claim.version,
                reason="Checked",
            )
        return claim

    bare, supported, unlinked, confirmed, rejected = (
        opened(crowded_queue[0], "disputed"),
        opened(crowded_queue[1], "disputed"),
        opened(crowded_queue[2], "disputed"),
        opened(crowded_queue[3], "confirmed"),
        opened(crowded_queue[4], "disputed"),
    )
    opened(crowded_queue[5])  # open, unverified, no evidence: not disputed
    services.evidence_link(
        claim=supported, by=editor, relation="contradicts", target_claim=crowded_queue[9]
    )
    link = services.evidence_link(
        claim=unlinked, by=editor, relation="contradicts", target_claim=crowded_queue[9]
    )
    services.evidence_unlink(evidence=link, by=editor, reason="Wrong claim")
    rejected.refresh_from_db()
    services.claim_reject(claim=rejected, by=editor, expected_version=rejected.version)

    dashboard = client_for(editor).get(reverse("claims:dashboard")).content.decode()
    href = "/claims/?state=open&amp;verdict=disputed&amp;no_evidence=1"
    assert href in dashboard
    assert "2 disputed claims without evidence" in re.sub(r"<[^>]+>", "", dashboard)
    response = client_for(editor).get(
        reverse("claims:list"), {"state": "open", "verdict": "disputed", "no_evidence": "1"}
    )
    assert {c.pk for c in response.context["claims"]} == {bare.pk, unlinked.pk}
    page = response.content.decode()
    assert 'name="no_evidence" value="1" id="id_no_evidence" checked' in page
    # Over every state, the rejected one (off the desk, so not on the dashboard) shows too.
    every = client_for(editor).get(
        reverse("claims:list"), {"state": "all", "verdict": "disputed", "no_evidence": "1"}
    )
    assert {c.pk for c in every.context["claims"]} == {bare.pk, unlinked.pk, rejected.pk}
    # Without the verdict: the confirmed claim and the candidates have no evidence either.
    alone = Claim.objects.without_evidence()
    assert confirmed in alone and crowded_queue[20] in alone and supported not in alone
    assert set(
        Claim.objects.filter(verdict="disputed", state="open")
        .without_evidence()
        .values_list("pk", flat=True)
    ) == {bare.pk, unlinked.pk}
