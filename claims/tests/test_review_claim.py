"""The claim page: conflicts with re-apply, merge, related figures, evidence search, the reading
view's new claim from selection, and the page's budget and markup contracts."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from claims import services
from claims.models import Claim, ClaimEvent, ClaimState, Mention, Relation, Source, Verdict
from claims.tests.conftest import make_claim, make_source

pytestmark = pytest.mark.django_db


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def edit_data(claim: Claim, **changes: Any) -> dict[str, Any]:
    data = {name: getattr(claim, name) for name in Claim.QUANTITY_FIELDS}
    data = {k: "" if v is None else v for k, v in data.items()}
    data.update(version=claim.version, **changes)
    return data


@pytest.fixture
def twin(reporter: Any, editor: Any) -> Claim:
    """Another report's figure for the same area: 350 km² against open_claim's 400."""
    other = make_source(reporter, text="Later, 350 square kilometres were reported.", title="B")
    return make_claim(
        reporter,
        other,
        "350 square kilometres",
        state=ClaimState.OPEN,
        editor=editor,
        value=Decimal(350),
        qualifier="=",
        unit="km2",
        unit_name="square kilometre",
        dimension="area",
    )


# --- merge service ------------------------------------------------------------------------


def test_merging_moves_every_mention_and_records_both_claims(
    editor: Any, open_claim: Claim, twin: Claim
) -> None:
    kept = services.claim_merge(
        claim=open_claim, duplicate=twin, by=editor, expected_version=open_claim.version
    )
    twin.refresh_from_db()
    assert Mention.objects.filter(claim=kept).count() == 2
    assert twin.merged_into_id == kept.pk and twin.state == ClaimState.ARCHIVED
    merged = ClaimEvent.objects.get(claim=kept, action="claim.merged")
    into = ClaimEvent.objects.get(claim=twin, action="claim.merged_into")
    assert merged.correlation_id == into.correlation_id
    assert merged.after["merged_from"] == twin.pk
    assert into.after["merged_into"] == kept.pk


def test_merging_checks_versions_and_refuses_loops(
    editor: Any, open_claim: Claim, twin: Claim
) -> None:
    with pytest.raises(services.ClaimConflict):
        services.claim_merge(claim=open_claim, duplicate=twin, by=editor, expected_version=99)
    services.claim_merge(claim=open_claim, duplicate=twin, by=editor, expected_version=None)
    with pytest.raises(services.ServiceError):
        services.claim_merge(claim=twin, duplicate=open_claim, by=editor, expected_version=None)
    with pytest.raises(services.ServiceError):
        services.claim_merge(claim=open_claim, duplicate=twin, by=editor, expected_version=None)


def test_a_reporter_may_not_merge(reporter: Any, open_claim: Claim, twin: Claim) -> None:
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.claim_merge(claim=open_claim, duplicate=twin, by=reporter, expected_version=None)


# --- the page -----------------------------------------------------------------------------


def test_the_claim_page_lists_related_figures_with_their_difference(
    editor: Any, open_claim: Claim, twin: Claim
) -> None:
    response = client_for(editor).get(reverse("claims:detail", args=[open_claim.pk]))
    body = response.content.decode()
    assert [item["claim"].pk for item in response.context["related"]] == [twin.pk]
    assert "−12.5 %" in body
    assert "Same claim" in body and "Conflicts with" in body


def test_same_claim_previews_then_merges_keeping_the_mentions(
    editor: Any, open_claim: Claim, twin: Claim
) -> None:
    data = {"version": open_claim.version, "duplicate": twin.pk, "duplicate_version": twin.version}
    url = reverse("claims:merge", args=[open_claim.pk])
    preview = client_for(editor).post(url, data, HTTP_HX_REQUEST="true")
    assert f'name="keep" value="{open_claim.pk}" required checked' in preview.content.decode()
    assert twin.merged_into_id is None
    response = client_for(editor).post(url, {**data, "keep": open_claim.pk}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "merged into this claim" in body
    assert "Where it appears (2)" in body


def test_conflicts_with_links_a_contradiction_and_shows_the_difference(
    editor: Any, open_claim: Claim, twin: Claim
) -> None:
    response = client_for(editor).post(
        reverse("claims:link_evidence", args=[open_claim.pk]),
        {"relation": "contradicts", "target": f"claim:{twin.pk}"},
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    assert open_claim.evidence.get().relation == Relation.CONTRADICTS
    assert "vs 350 square kilometres: <strong>−12.5 %</strong>" in body


def test_evidence_search_finds_claims_and_reports_as_you_type(
    editor: Any, open_claim: Claim, twin: Claim
) -> None:
    response = client_for(editor).get(
        reverse("claims:evidence_search", args=[open_claim.pk]),
        {"q": "square"},
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    assert f'value="claim:{twin.pk}"' in body
    assert f'value="claim:{open_claim.pk}"' not in body
    reports = client_for(editor).get(
        reverse("claims:evidence_search", args=[open_claim.pk]), {"q": "Camp"}
    )
    assert 'value="source:' in reports.content.decode()


def test_evidence_search_works_without_javascript(
    editor: Any, open_claim: Claim, twin: Claim
) -> None:
    response = client_for(editor).post(
        reverse("claims:link_evidence", args=[open_claim.pk]),
        {"find": "1", "q": "350", "relation": "refines"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" in body and f'value="claim:{twin.pk}"' in body
    assert not open_claim.evidence.exists()


def test_a_link_to_a_report_passage_is_checked(
    editor: Any, open_claim: Claim, source: Source
) -> None:
    response = client_for(editor).post(
        reverse("claims:link_evidence", args=[open_claim.pk]),
        {"relation": "context", "target": f"source:{source.pk}", "passage_start": "5"},
        HTTP_HX_REQUEST="true",
    )
    assert "A passage needs" in response.content.decode()
    client_for(editor).post(
        reverse("claims:link_evidence", args=[open_claim.pk]),
        {
            "relation": "context",
            "target": f"source:{source.pk}",
            "passage_start": "0",
            "passage_end": "9",
            "note": "opening",
        },
    )
    assert open_claim.evidence.get().quote == source.text[:9]


def test_unlinking_is_recorded(editor: Any, open_claim: Claim, twin: Claim) -> None:
    evidence = services.evidence_link(
        claim=open_claim, by=editor, relation=Relation.CONTEXT, target_claim=twin
    )
    response = client_for(editor).post(
        reverse("claims:unlink_evidence", args=[evidence.pk]), HTTP_HX_REQUEST="true"
    )
    assert "unlinked by alice" in response.content.decode()
    assert ClaimEvent.objects.filter(claim=open_claim, action="evidence.unlinked").exists()


def test_the_claim_panel_answers_htmx_with_the_panel_only(editor: Any, open_claim: Claim) -> None:
    response = client_for(editor).get(
        reverse("claims:detail", args=[open_claim.pk]), HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="claim-panel"')
    assert "<html" not in body


def test_buttons_carry_their_accessible_names_and_shortcuts(
    editor: Any, candidate: Claim, open_claim: Claim
) -> None:
    client = client_for(editor)
    body = client.get(reverse("claims:detail", args=[candidate.pk])).content.decode()
    assert 'aria-keyshortcuts="a">Accept</button>' in body
    assert 'aria-keyshortcuts="x">Reject</button>' in body
    body = client.get(reverse("claims:detail", args=[open_claim.pk])).content.decode()
    for value, key in (("confirmed", "c"), ("disputed", "d")):
        assert f'value="{value}" required data-shortcut="{key}" aria-keyshortcuts="{key}"' in body
    assert "autofocus>Confirm</button>" in body and ">Record verdict</button>" in body
    assert ">Link evidence</button>" in body and 'aria-keyshortcuts="l"' in body
    assert 'aria-keyshortcuts="e">Edit figure</a>' in body
    assert '<dialog id="keyboard-help"' in body
    assert "style=" not in body and " on" + "click" not in body and "hx-on" not in body


def test_the_edit_form_comes_back_in_place_with_autofocus(editor: Any, open_claim: Claim) -> None:
    response = client_for(editor).get(
        reverse("claims:edit", args=[open_claim.pk]), HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="quantity-panel"')
    assert "data-autofocus" in body and ">Save</button>" in body


def test_a_bad_number_is_explained_beside_the_field(editor: Any, open_claim: Claim) -> None:
    response = client_for(editor).post(
        reverse("claims:edit", args=[open_claim.pk]),
        edit_data(open_claim, value="lots"),
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    assert 'aria-invalid="true"' in body
    assert "Enter a number." in body


# --- conflicts ----------------------------------------------------------------------------


def test_a_stale_edit_shows_their_change_and_reapplies_only_mine(
    editor: Any, second_editor: Any, open_claim: Claim
) -> None:
    loaded = Claim.objects.get(pk=open_claim.pk)
    services.claim_edit(
        claim=open_claim,
        by=second_editor,
        expected_version=loaded.version,
        changes={"subject": "territory taken"},
    )
    client = client_for(editor)
    response = client.post(
        reverse("claims:edit", args=[open_claim.pk]),
        edit_data(loaded, value="410"),
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    assert "Someone else changed this claim" in body
    assert "bob" in body and "territory taken" in body
    assert "Re-apply my change" in body and "Drop my change" in body
    reapply = response.context["reapply"]
    assert [c["name"] for c in reapply["changes"]] == ["value"]
    fields = dict(reapply["fields"])
    assert fields["subject"] == "territory taken" and fields["value"] == "410"
    # Re-apply: the hidden fields plus the new version.
    again = client.post(reapply["url"], {**fields, "version": response.context["claim"].version})
    assert again.status_code == 302
    open_claim.refresh_from_db()
    assert open_claim.value == Decimal(410) and open_claim.subject == "territory taken"
    edits = ClaimEvent.objects.filter(claim=open_claim, action="claim.edited").order_by("id")
    assert [e.actor_label for e in edits] == ["bob", "alice"]


def test_a_stale_verdict_can_be_reapplied_and_both_decisions_stay_in_order(
    editor: Any, second_editor: Any, open_claim: Claim
) -> None:
    version = open_claim.version
    services.claim_set_verdict(
        claim=open_claim, by=second_editor, verdict=Verdict.CONFIRMED, expected_version=version
    )
    client = client_for(editor)
    response = client.post(
        reverse("claims:verdict", args=[open_claim.pk]),
        {"version": version, "verdict": "disputed", "reason": "Satellite images show less"},
        HTTP_HX_REQUEST="true",
    )
    reapply = response.context["reapply"]
    fields = dict(reapply["fields"])
    assert fields == {"verdict": "disputed", "reason": "Satellite images show less"}
    client.post(reapply["url"], {**fields, "version": response.context["claim"].version})
    open_claim.refresh_from_db()
    assert open_claim.verdict == Verdict.DISPUTED
    verdicts = ClaimEvent.objects.filter(claim=open_claim, action="claim.verdict").order_by("id")
    assert [(e.actor_label, e.after["verdict"]) for e in verdicts] == [
        ("bob", "confirmed"),
        ("alice", "disputed"),
    ]


def test_a_conflict_without_javascript_is_a_full_page(
    editor: Any, second_editor: Any, open_claim: Claim
) -> None:
    services.claim_edit(
        claim=open_claim, by=second_editor, expected_version=1 + 1, changes={"value": "380"}
    )
    response = client_for(editor).post(
        reverse("claims:verdict", args=[open_claim.pk]), {"version": 2, "verdict": "confirmed"}
    )
    body = response.content.decode()
    assert "<html" in body and "Someone else changed this claim" in body


# --- reading view -------------------------------------------------------------------------


def test_highlights_open_the_claim_beside_the_text(editor: Any, open_claim: Claim) -> None:
    source = open_claim.mentions.get().source
    body = client_for(editor).get(reverse("claims:source_detail", args=[source.pk])).content
    text = body.decode()
    assert f'hx-get="/claims/{open_claim.pk}/"' in text and 'hx-target="#side-panel"' in text
    assert "mention state-open verdict-unverified" in text
    assert "New claim from selection" in text


def test_the_report_text_is_rendered_exactly_so_browser_offsets_match(
    editor: Any, open_claim: Claim
) -> None:
    import re
    from html import unescape

    source = open_claim.mentions.get().source
    body = client_for(editor).get(reverse("claims:source_detail", args=[source.pk]))
    html = body.content.decode()
    inner = html.split(f'data-source="{source.pk}" >', 1)[1].split("</div>", 1)[0]
    assert unescape(re.sub(r"<[^>]+>", "", inner)) == source.text


def test_a_selection_gets_a_prefilled_form(editor: Any, source: Source) -> None:
    start = source.text.index("700,000 tons")
    response = client_for(editor).get(
        reverse("claims:new_claim", args=[source.pk]),
        {"start": start, "end": start + len("700,000 tons")},
        HTTP_HX_REQUEST="true",
    )
    form = response.context["new_form"]
    assert form.initial["quote"] == "700,000 tons"
    assert Decimal(str(form.initial["value"])) == 700000


def test_a_new_claim_from_a_selection_checks_the_quote_on_the_server(
    editor: Any, source: Source
) -> None:
    start = source.text.index("700,000 tons")
    data = {
        "start": start,
        "end": start + 12,
        "quote": "700,000 cats",
        "statement": "Rice shipped",
        "qualifier": "=",
        "value": "700000",
        "unit_name": "ton",
        "dimension": "mass",
    }
    client = client_for(editor)
    refused = client.post(reverse("claims:new_claim", args=[source.pk]), data)
    assert "do not match the report" in refused.content.decode()
    assert not Claim.objects.exists()
    response = client.post(
        reverse("claims:new_claim", args=[source.pk]),
        {**data, "quote": "700,000 tons"},
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    claim = Claim.objects.get()
    assert claim.state == ClaimState.CANDIDATE
    assert body.lstrip().startswith('<div id="claim-panel"')
    assert 'id="report-text"' in body and 'hx-swap-oob="true"' in body


def test_a_viewer_cannot_propose_from_a_selection(viewer: Any, source: Source) -> None:
    response = client_for(viewer).post(reverse("claims:new_claim", args=[source.pk]), {})
    assert response.status_code == 403


# --- budgets ------------------------------------------------------------------------------


def test_the_claim_page_budget_holds_with_many_mentions_evidence_and_related(
    editor: Any, reporter: Any, django_assert_max_num_queries: Any
) -> None:
    claims = []
    for i in range(55):
        src = make_source(reporter, text=f"Witnesses saw {400 + i} square kilometres burn.")
        claims.append(
            make_claim(
                reporter,
                src,
                f"{400 + i} square kilometres",
                state=ClaimState.OPEN,
                editor=editor,
                value=Decimal(400 + i),
                qualifier="=",
                unit="km2",
                unit_name="square kilometre",
                dimension="area",
                subject="area burned",
            )
        )
    main = claims[0]
    for other in claims[1:30]:
        services.evidence_link(claim=main, by=editor, relation=Relation.CONTEXT, target_claim=other)
    for other in claims[30:50]:
        services.claim_merge(claim=main, duplicate=other, by=editor, expected_version=None)
    client = client_for(editor)
    with django_assert_max_num_queries(15):
        response = client.get(reverse("claims:detail", args=[main.pk]))
    body = response.content.decode()
    assert "Where it appears (21)" in body
    assert len(response.context["related"]) == 6
    with django_assert_max_num_queries(15):
        client.get(reverse("claims:detail", args=[main.pk]), HTTP_HX_REQUEST="true")
