"""Every page: who may see it, what it shows, and its query budget with many rows."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from claims import services
from claims.models import Claim, ClaimState, Relation, Source, Verdict
from claims.tests.conftest import make_claim, make_source

pytestmark = pytest.mark.django_db

ROWS = 60


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def busy_desk(reporter: Any, editor: Any) -> list[Claim]:
    """ROWS claims over ROWS/3 reports, with speakers, evidence and verdicts."""
    claims: list[Claim] = []
    previous: Claim | None = None
    for i in range(ROWS // 3):
        text = (
            f"Report {i}: officials said {100 + i} soldiers arrived. "
            f"The agency counted {200 + i} tonnes of grain. "
            f"Analysts put the area at {300 + i} square kilometres."
        )
        source = make_source(reporter, text=text, title=f"Report {i}", outlet=f"Outlet {i % 5}")
        for quote, unit in (
            (f"{100 + i} soldiers", "soldier"),
            (f"{200 + i} tonnes", "tonne"),
            (f"{300 + i} square kilometres", "square kilometre"),
        ):
            value = Decimal(quote.split()[0])
            claim = make_claim(
                reporter,
                source,
                quote,
                state=ClaimState.OPEN,
                editor=editor,
                value=value,
                qualifier="=",
                unit_name=unit,
            )
            if previous is not None:
                services.evidence_link(
                    claim=claim, by=editor, relation=Relation.CONTRADICTS, target_claim=previous
                )
            claim = services.claim_set_verdict(
                claim=claim,
                by=editor,
                verdict=Verdict.DISPUTED,
                reason="Other count",
                expected_version=claim.version,
            )
            claims.append(claim)
            previous = claim
    return claims


@pytest.mark.parametrize("name", ["claims:dashboard", "claims:list", "claims:source_list"])
def test_pages_need_a_login(client: Client, name: str) -> None:
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_claim_page_needs_a_login(client: Client, candidate: Claim) -> None:
    response = client.get(reverse("claims:detail", args=[candidate.pk]))
    assert response.status_code == 302


def test_the_login_page_and_healthz_are_open(client: Client) -> None:
    assert client.get(reverse("login")).status_code == 200
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


@pytest.mark.parametrize("name", ["claims:dashboard", "claims:list", "claims:source_list"])
def test_someone_without_a_desk_role_is_refused(outsider: Any, name: str) -> None:
    response = client_for(outsider).get(reverse(name))
    assert response.status_code == 403
    assert b"no role on the desk" in response.content


def test_the_dashboard_counts_claims_by_state_and_verdict(
    editor: Any, busy_desk: list[Claim]
) -> None:
    response = client_for(editor).get(reverse("claims:dashboard"))
    assert response.status_code == 200
    assert response.context["counts"]["state"]["open"] == ROWS
    assert response.context["counts"]["verdict"]["disputed"] == ROWS
    assert b"Recent activity" in response.content


def test_the_dashboard_stays_within_its_query_budget(
    editor: Any, busy_desk: list[Claim], django_assert_max_num_queries: Any
) -> None:
    client = client_for(editor)
    with django_assert_max_num_queries(10):
        assert client.get(reverse("claims:dashboard")).status_code == 200


def test_the_claims_list_shows_figures_sources_and_speakers(
    editor: Any, busy_desk: list[Claim]
) -> None:
    response = client_for(editor).get(reverse("claims:list"))
    body = response.content.decode()
    assert "119 soldiers" in body
    assert "Officials" in body
    assert "Outlet" in body
    assert len(response.context["claims"]) == 50
    assert response.context["next_url"]


def test_the_claims_list_pages_by_keyset(editor: Any, busy_desk: list[Claim]) -> None:
    client = client_for(editor)
    first = client.get(reverse("claims:list"))
    second = client.get(first.context["next_url"])
    seen = [c.pk for c in first.context["claims"]] + [c.pk for c in second.context["claims"]]
    assert sorted(seen) == sorted(c.pk for c in busy_desk)


def test_the_claims_list_filters(editor: Any, busy_desk: list[Claim], candidate: Claim) -> None:
    client = client_for(editor)
    response = client.get(reverse("claims:list"), {"state": "candidate"})
    assert [c.pk for c in response.context["claims"]] == [candidate.pk]
    response = client.get(reverse("claims:list"), {"q": "tonnes"})
    assert len(response.context["claims"]) == ROWS // 3
    response = client.get(reverse("claims:list"), {"verdict": "confirmed"})
    assert response.context["claims"] == []


def test_the_claims_list_answers_htmx_with_the_rows_only(
    editor: Any, busy_desk: list[Claim]
) -> None:
    response = client_for(editor).get(reverse("claims:list"), HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="claim-rows"')
    assert "<html" not in body
    assert response["Vary"].count("HX-Request") == 1


def test_the_claims_list_stays_within_its_query_budget(
    editor: Any, busy_desk: list[Claim], django_assert_max_num_queries: Any
) -> None:
    client = client_for(editor)
    with django_assert_max_num_queries(10):
        assert client.get(reverse("claims:list")).status_code == 200


def test_the_sources_list_stays_within_its_query_budget(
    editor: Any, busy_desk: list[Claim], django_assert_max_num_queries: Any
) -> None:
    client = client_for(editor)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("claims:source_list"))
    assert response.status_code == 200
    assert len(response.context["sources"]) == ROWS // 3


def test_the_source_page_highlights_its_mentions(
    editor: Any, busy_desk: list[Claim], django_assert_max_num_queries: Any
) -> None:
    source = Source.objects.get(title="Report 3")
    client = client_for(editor)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("claims:source_detail", args=[source.pk]))
    body = response.content.decode()
    assert body.count('class="mention ') == 3
    assert "103 soldiers</a>" in body


def test_the_claim_page_shows_quantity_mentions_evidence_verdict_and_history(
    editor: Any, busy_desk: list[Claim], django_assert_max_num_queries: Any
) -> None:
    claim = busy_desk[10]
    client = client_for(editor)
    with django_assert_max_num_queries(15):
        response = client.get(reverse("claims:detail", args=[claim.pk]))
    body = response.content.decode()
    assert "Officials" in body
    assert "contradicts" in body
    assert "Disputed" in body and "Other count" in body
    assert "claim.accepted" in body and "claim.verdict" in body


def test_the_claim_page_budget_does_not_grow_with_mentions_and_evidence(
    editor: Any, reporter: Any, busy_desk: list[Claim], django_assert_max_num_queries: Any
) -> None:
    claim = busy_desk[0]
    for other in busy_desk[1:40]:
        services.evidence_link(
            claim=claim, by=editor, relation=Relation.CONTEXT, target_claim=other
        )
    client = client_for(editor)
    with django_assert_max_num_queries(15):
        response = client.get(reverse("claims:detail", args=[claim.pk]))
    assert response.content.decode().count("relation-context") >= 39


# --- access by role -----------------------------------------------------------------------


def test_a_viewer_sees_open_claims_but_not_candidates(
    viewer: Any, open_claim: Claim, candidate: Claim
) -> None:
    client = client_for(viewer)
    assert client.get(reverse("claims:detail", args=[open_claim.pk])).status_code == 200
    assert client.get(reverse("claims:detail", args=[candidate.pk])).status_code == 404
    listed = client.get(reverse("claims:list")).context["claims"]
    assert [c.pk for c in listed] == [open_claim.pk]


def test_a_viewer_gets_403_for_decisions(viewer: Any, candidate: Claim, open_claim: Claim) -> None:
    client = client_for(viewer)
    response = client.post(
        reverse("claims:verdict", args=[open_claim.pk]),
        {"version": open_claim.version, "verdict": "confirmed"},
    )
    assert response.status_code == 403
    open_claim.refresh_from_db()
    assert open_claim.verdict == Verdict.UNVERIFIED


def test_a_viewer_gets_404_for_a_candidate_they_may_not_see(viewer: Any, candidate: Claim) -> None:
    response = client_for(viewer).post(
        reverse("claims:accept", args=[candidate.pk]), {"version": 1}
    )
    assert response.status_code == 404


def test_a_reporter_gets_403_for_accepting(reporter: Any, candidate: Claim) -> None:
    response = client_for(reporter).post(
        reverse("claims:accept", args=[candidate.pk]), {"version": 1}
    )
    assert response.status_code == 403
    candidate.refresh_from_db()
    assert candidate.state == ClaimState.CANDIDATE


def test_an_outsider_sees_no_claims(outsider: Any, open_claim: Claim) -> None:
    client = client_for(outsider)
    response = client.get(reverse("claims:detail", args=[open_claim.pk]))
    assert response.status_code == 403
    assert b"400" not in response.content


# --- actions ------------------------------------------------------------------------------


def test_an_editor_accepts_with_a_plain_form_and_is_redirected(
    editor: Any, candidate: Claim
) -> None:
    response = client_for(editor).post(
        reverse("claims:accept", args=[candidate.pk]), {"version": 1}
    )
    assert response.status_code == 302
    candidate.refresh_from_db()
    assert candidate.state == ClaimState.OPEN


def test_an_editor_accepts_with_htmx_and_gets_the_panel(editor: Any, candidate: Claim) -> None:
    response = client_for(editor).post(
        reverse("claims:accept", args=[candidate.pk]), {"version": 1}, HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith('<div id="claim-panel"')
    assert "accepted onto the desk." in body


def test_a_stale_form_shows_the_conflict(
    editor: Any, second_editor: Any, open_claim: Claim
) -> None:
    stale = open_claim.version
    services.claim_edit(
        claim=open_claim, by=second_editor, expected_version=stale, changes={"value": "380"}
    )
    response = client_for(editor).post(
        reverse("claims:verdict", args=[open_claim.pk]),
        {"version": stale, "verdict": "confirmed"},
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Someone else changed this claim" in body
    assert "bob" in body and "380" in body
    open_claim.refresh_from_db()
    assert open_claim.verdict == Verdict.UNVERIFIED


def test_a_dispute_without_a_reason_says_so_in_place(editor: Any, open_claim: Claim) -> None:
    response = client_for(editor).post(
        reverse("claims:verdict", args=[open_claim.pk]),
        {"version": open_claim.version, "verdict": "disputed", "reason": ""},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert "a reason is required" in response.content.decode()


def test_an_edit_with_a_bad_range_re_renders_the_form(editor: Any, open_claim: Claim) -> None:
    data = {name: getattr(open_claim, name) or "" for name in Claim.QUANTITY_FIELDS}
    data.update({"version": open_claim.version, "value": "", "low": "9", "high": "3"})
    response = client_for(editor).post(
        reverse("claims:edit", args=[open_claim.pk]), data, HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "above the high end" in body
    assert 'name="statement"' in body


def test_an_editor_links_evidence_by_claim_number(
    editor: Any, open_claim: Claim, candidate: Claim
) -> None:
    response = client_for(editor).post(
        reverse("claims:link_evidence", args=[open_claim.pk]),
        {"relation": "corroborates", "target_claim": candidate.pk, "note": "matches"},
    )
    assert response.status_code == 302
    assert open_claim.evidence.get().target_claim == candidate


def test_a_forged_form_gets_a_clear_message(editor: Any, open_claim: Claim) -> None:
    response = client_for(editor).post(
        reverse("claims:accept", args=[open_claim.pk]),
        {"version": "not-a-number"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert "incomplete" in response.content.decode()


def test_report_text_is_escaped_on_every_page(editor: Any, reporter: Any) -> None:
    payload = '<script>alert(1)</script> <img src=x onerror="alert(2)"> <a hx-get="/x">7 cats</a>'
    source = make_source(reporter, text=payload, title='<b hx-get="/y">Title</b>')
    claim = make_claim(reporter, source, "7 cats", value=7)
    client = client_for(editor)
    for url in (
        reverse("claims:source_detail", args=[source.pk]),
        reverse("claims:detail", args=[claim.pk]),
        reverse("claims:list"),
        reverse("claims:source_list"),
    ):
        body = client.get(url).content.decode()
        assert "<script>alert" not in body
        assert 'onerror="alert' not in body
        assert '<a hx-get="/x">' not in body
        assert '<b hx-get="/y">' not in body


def test_pages_carry_a_strict_content_security_policy(editor: Any) -> None:
    response = client_for(editor).get(reverse("claims:dashboard"))
    policy = response["Content-Security-Policy"]
    assert "script-src 'self' 'nonce-" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "object-src 'none'" in policy and "base-uri 'none'" in policy
