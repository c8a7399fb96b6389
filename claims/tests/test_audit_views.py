"""History pages: the claim timeline, as-of, revert, the audit log and its exports."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from claims import audit, services
from claims.models import Claim, ClaimEvent, Source
from claims.tests.conftest import make_claim

pytestmark = pytest.mark.django_db

EDITS = 55


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def body(response: Any) -> str:
    return response.content.decode()


def streamed(response: Any) -> bytes:
    return b"".join(response.streaming_content)


@pytest.fixture
def edited(editor: Any, open_claim: Claim) -> tuple[Claim, list[ClaimEvent]]:
    """An open claim edited EDITS times (value 401, 402, …) with a reason each time."""
    claim = open_claim
    for i in range(EDITS):
        claim = services.claim_edit(
            claim=claim,
            by=editor,
            expected_version=claim.version,
            changes={"value": str(401 + i)},
            reason=f"Recount {i}",
        )
    return claim, list(ClaimEvent.objects.filter(claim=claim).order_by("id"))


# --- the claim page's timeline ------------------------------------------------------------


def test_the_claim_page_shows_diffs_reasons_and_as_of_links_within_budget(
    editor: Any, edited: tuple[Claim, list[ClaimEvent]], django_assert_max_num_queries: Any
) -> None:
    claim, events = edited
    client = client_for(editor)
    with django_assert_max_num_queries(15):
        response = client.get(reverse("claims:detail", args=[claim.pk]))
    text = body(response)
    # The newest 50 events; older ones a page further (the history is paged).
    assert "<del>454</del> → <ins>455</ins>" in text  # the recorded fields, one click away
    assert "Figure changed from 454 " in text  # and the same change in words
    assert "Recount 54" in text
    assert "See the claim as of this" in text and "Revert to this…" in text
    older = reverse("claims:history", args=[claim.pk]) + f"?before={events[-50].pk}"
    assert older.replace("&", "&amp;") in text
    assert "<del>402</del> → <ins>403</ins>" not in text
    with django_assert_max_num_queries(12):
        text = body(client.get(older))
    assert "<del>402</del> → <ins>403</ins>" in text
    assert "Recount 1" in text
    assert reverse("claims:as_of", args=[claim.pk, events[3].pk]) in text


# --- as of ----------------------------------------------------------------------------------


def test_the_as_of_page_shows_the_claim_exactly_as_it_stood(
    editor: Any, edited: tuple[Claim, list[ClaimEvent]], django_assert_max_num_queries: Any
) -> None:
    claim, events = edited
    accepted = events[1]  # claim.accepted: value still 400
    client = client_for(editor)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("claims:as_of", args=[claim.pk, accepted.pk]))
    text = body(response)
    assert response.status_code == 200
    assert "<dt>Value</dt><dd>400</dd>" in text
    assert "version 2" in text
    assert "now <del>455</del>, back to <ins>400</ins>" in text
    assert "Revert to this version" in text


def test_the_as_of_page_for_the_latest_event_is_the_claim_now(
    editor: Any, edited: tuple[Claim, list[ClaimEvent]]
) -> None:
    claim, events = edited
    text = body(client_for(editor).get(reverse("claims:as_of", args=[claim.pk, events[-1].pk])))
    assert "This is how the claim stands now." in text
    assert "Revert to this version" not in text


def test_an_event_of_another_claim_is_not_found(
    editor: Any, edited: tuple[Claim, list[ClaimEvent]], candidate: Claim
) -> None:
    claim, _events = edited
    foreign = ClaimEvent.objects.filter(claim=candidate).first()
    assert foreign is not None
    response = client_for(editor).get(reverse("claims:as_of", args=[claim.pk, foreign.pk]))
    assert response.status_code == 404


def test_a_viewer_sees_as_of_but_no_revert_form(
    viewer: Any, edited: tuple[Claim, list[ClaimEvent]]
) -> None:
    claim, events = edited
    response = client_for(viewer).get(reverse("claims:as_of", args=[claim.pk, events[1].pk]))
    assert response.status_code == 200
    assert "Revert to this version" not in body(response)


# --- revert -------------------------------------------------------------------------------


def revert_data(claim: Claim, event: ClaimEvent, reason: str = "Recount was wrong") -> dict:
    return {"event": event.pk, "version": claim.version, "reason": reason}


def test_an_editor_reverts_with_a_plain_form_and_is_redirected(
    editor: Any, edited: tuple[Claim, list[ClaimEvent]]
) -> None:
    claim, events = edited
    response = client_for(editor).post(
        reverse("claims:revert", args=[claim.pk]), revert_data(claim, events[1])
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("claims:detail", args=[claim.pk])
    claim.refresh_from_db()
    assert claim.value == Decimal(400)
    event = ClaimEvent.objects.filter(claim=claim).latest()
    assert (event.action, event.channel, event.actor_label) == ("claim.reverted", "web", "alice")
    assert event.reason == "Recount was wrong"
    assert (event.before, event.after["value"]) == ({"value": "455"}, "400")


def test_an_editor_reverts_with_htmx_and_gets_the_panel(
    editor: Any, edited: tuple[Claim, list[ClaimEvent]]
) -> None:
    claim, events = edited
    response = client_for(editor).post(
        reverse("claims:revert", args=[claim.pk]),
        revert_data(claim, events[10]),
        HTTP_HX_REQUEST="true",
    )
    text = body(response)
    assert response.status_code == 200
    assert text.startswith('<section id="revert-panel"') or 'id="revert-panel"' in text[:200]
    assert "<html" not in text
    assert "Reverted: the claim is now version" in text
    claim.refresh_from_db()
    assert claim.value == Decimal(409)


@pytest.mark.parametrize("htmx", [False, True])
def test_a_revert_without_a_reason_says_so_in_place(
    editor: Any, edited: tuple[Claim, list[ClaimEvent]], htmx: bool
) -> None:
    claim, events = edited
    extra: dict[str, Any] = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    response = client_for(editor).post(
        reverse("claims:revert", args=[claim.pk]), revert_data(claim, events[1], ""), **extra
    )
    assert response.status_code == 200
    assert "a reason is required" in body(response)
    assert ClaimEvent.objects.filter(action="claim.reverted").count() == 0


def test_a_stale_revert_shows_the_conflict(
    editor: Any, second_editor: Any, edited: tuple[Claim, list[ClaimEvent]]
) -> None:
    claim, events = edited
    stale = revert_data(claim, events[1])
    services.claim_edit(
        claim=claim, by=second_editor, expected_version=claim.version, changes={"place": "north"}
    )
    response = client_for(editor).post(reverse("claims:revert", args=[claim.pk]), stale)
    assert response.status_code == 200
    assert "bob claim.edited (place)" in body(response)


@pytest.mark.parametrize("who", ["reporter", "viewer"])
def test_only_editors_revert(
    request: pytest.FixtureRequest, who: str, edited: tuple[Claim, list[ClaimEvent]]
) -> None:
    claim, events = edited
    user = request.getfixturevalue(who)
    response = client_for(user).post(
        reverse("claims:revert", args=[claim.pk]), revert_data(claim, events[1])
    )
    assert response.status_code == 403
    claim.refresh_from_db()
    assert claim.value == Decimal(455)


# --- the audit log ------------------------------------------------------------------------


def test_the_audit_log_pages_by_keyset_within_budget(
    editor: Any, edited: tuple[Claim, list[ClaimEvent]], django_assert_max_num_queries: Any
) -> None:
    client = client_for(editor)
    with django_assert_max_num_queries(8):
        first = client.get(reverse("claims:audit_log"))
    text = body(first)
    assert text.count('<tr id="event-') == 50
    assert audit.chain_head() in text
    newest = ClaimEvent.objects.order_by("-id")
    assert f'id="event-{newest[0].pk}"' in text
    assert f'id="event-{newest[50].pk}"' not in text
    with django_assert_max_num_queries(8):
        second = client.get(
            reverse("claims:audit_log"), {"before": newest[49].pk}, HTTP_HX_REQUEST="true"
        )
    rows = body(second)
    assert "<html" not in rows
    assert f'id="event-{newest[50].pk}"' in rows


def test_the_audit_log_filters_by_actor_action_claim_and_date(
    editor: Any, reporter: Any, edited: tuple[Claim, list[ClaimEvent]], source: Source
) -> None:
    claim, _events = edited
    client = client_for(editor)
    by_rita = body(client.get(reverse("claims:audit_log"), {"actor": "rita"}))
    assert "claim.created" in by_rita and "claim.edited" not in by_rita
    edits = body(client.get(reverse("claims:audit_log"), {"action": "claim.edited"}))
    assert edits.count('<tr id="event-') == 50 and "source.created" not in edits
    family = body(client.get(reverse("claims:audit_log"), {"action": "source."}))
    assert "source.created" in family and "claim.edited" not in family
    one = body(client.get(reverse("claims:audit_log"), {"claim": claim.pk}))
    assert one.count('<tr id="event-') == 50 and "source.created" not in one
    other = body(client.get(reverse("claims:audit_log"), {"claim": claim.pk + 1000}))
    assert "No events match." in other
    later = body(client.get(reverse("claims:audit_log"), {"since": "2999-01-01"}))
    assert "No events match." in later
    today = ClaimEvent.objects.latest().created_at.date().isoformat()
    assert "claim.edited" in body(
        client.get(reverse("claims:audit_log"), {"since": today, "until": today})
    )


def test_viewers_do_not_read_the_audit_log(viewer: Any) -> None:
    client = client_for(viewer)
    assert client.get(reverse("claims:audit_log")).status_code == 403
    assert client.get(reverse("claims:audit_csv")).status_code == 403


def test_the_nav_links_the_audit_log_for_the_desk(editor: Any, viewer: Any) -> None:
    link = f'href="{reverse("claims:audit_log")}"'
    assert link in body(client_for(editor).get(reverse("claims:dashboard")))
    assert link not in body(client_for(viewer).get(reverse("claims:dashboard")))


# --- exports ------------------------------------------------------------------------------


@pytest.fixture
def hostile(editor: Any, reporter: Any, source: Source) -> Claim:
    claim = make_claim(reporter, source, "700,000 tons of rice", value=700000)
    return services.claim_reject(
        claim=claim,
        by=editor,
        expected_version=claim.version,
        reason='=HYPERLINK("http://evil.example","click")',
    )


def test_the_csv_export_streams_every_matching_event_and_defuses_formulas(
    editor: Any, edited: tuple[Claim, list[ClaimEvent]], hostile: Claim
) -> None:
    response = client_for(editor).get(reverse("claims:audit_csv"))
    assert response.streaming
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(streamed(response).decode())))
    assert len(rows) == ClaimEvent.objects.count()
    rejected = next(r for r in rows if r["action"] == "claim.rejected")
    assert rejected["reason"] == '\'=HYPERLINK("http://evil.example","click")'
    assert json.loads(rejected["after"]) == {"state": "rejected"}
    assert all(not r[k].startswith(("=", "+", "-", "@")) for r in rows for k in r)


def test_the_csv_export_defuses_formulas_as_every_other_csv_does(
    editor: Any, source: Source
) -> None:
    from claims.exports.safety import csv_text

    claim = make_claim(editor, source, "700,000 tons of rice", value=Decimal(700000))
    reasons = [" =1+1", "x;=F()", "\uff1dSUM(A1)", "\u3000@x"]
    for reason in reasons:
        claim = services.claim_reject(
            claim=claim, by=editor, expected_version=claim.version, reason=reason
        )
        claim = services.claim_reopen(claim=claim, by=editor, expected_version=claim.version)
    response = client_for(editor).get(reverse("claims:audit_csv"), {"action": "claim.rejected"})
    rows = list(csv.DictReader(io.StringIO(streamed(response).decode())))
    assert [r["reason"] for r in rows] == [csv_text(r) for r in reasons]
    assert [r["reason"] for r in rows] == ["' =1+1", "x;'=F()", "'\uff1dSUM(A1)", "'\u3000@x"]
    assert rows[0]["id"].isdigit()  # numbers stay numbers


def test_the_json_export_streams_filtered_events_with_the_chain_head(
    editor: Any, edited: tuple[Claim, list[ClaimEvent]], hostile: Claim
) -> None:
    response = client_for(editor).get(reverse("claims:audit_json"), {"action": "claim.edited"})
    assert response.streaming
    data = json.loads(streamed(response))
    assert data["chain_head"] == audit.chain_head()
    assert data["filters"] == {"action": "claim.edited"}
    assert len(data["events"]) == EDITS
    first = data["events"][0]
    assert first["before"] == {"value": "400"} and first["after"] == {"value": "401"}
    assert len(first["hash"]) == 64


def test_an_unknown_export_format_is_not_found(editor: Any) -> None:
    from django.http import Http404
    from django.test import RequestFactory

    from claims.views.audit import audit_export

    request = RequestFactory().get("/audit/export.xlsx")
    request.user = editor
    with pytest.raises(Http404):
        audit_export(request, "xlsx")
