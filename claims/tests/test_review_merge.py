"""Safe merge ("Same claim"): the claim holding the verdict or evidence is kept, different
verdicts need a choice, mentions, evidence and fact-sheet entries carry over, the way it goes
is shown first, it can be undone, and merged candidates stay hidden from viewers (issue 10,
item 7; issue 13, item 5)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from claims import services
from claims.models import (
    Claim,
    ClaimEvent,
    ClaimState,
    Evidence,
    FactSheetEntry,
    Mention,
    Relation,
    Verdict,
)
from claims.services.history import claim_events, replay
from claims.tests.conftest import make_claim, make_source

pytestmark = pytest.mark.django_db

HTMX: dict[str, Any] = {"HTTP_HX_REQUEST": "true"}
NO_HTMX: dict[str, Any] = {}


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def area_claim(reporter: Any, editor: Any, value: int, state: str = ClaimState.OPEN) -> Claim:
    other = make_source(reporter, text=f"Later, {value} square kilometres were reported.")
    return make_claim(
        reporter,
        other,
        f"{value} square kilometres",
        state=state,
        editor=editor,
        value=Decimal(value),
        qualifier="=",
        unit="km2",
        unit_name="square kilometre",
        dimension="area",
    )


@pytest.fixture
def twin(reporter: Any, editor: Any) -> Claim:
    """Another report's figure for the same area: 350 km² against open_claim's 400."""
    return area_claim(reporter, editor, 350)


def verdict(claim: Claim, by: Any, value: str, reason: str = "Checked") -> Claim:
    return services.claim_set_verdict(
        claim=claim, by=by, verdict=value, expected_version=None, reason=reason
    )


def fresh(claim: Claim) -> Claim:
    return Claim.objects.get(pk=claim.pk)


def merge_post(client: Client, page: Claim, other: Claim, **extra: Any) -> Any:
    headers = extra.pop("headers", HTMX)
    data = {
        "version": fresh(page).version,
        "duplicate": other.pk,
        "duplicate_version": fresh(other).version,
        **extra,
    }
    return client.post(reverse("claims:merge", args=[page.pk]), data, **headers)


# --- which way it goes --------------------------------------------------------------------


def test_a_merge_never_archives_the_claim_that_holds_the_verdict(
    editor: Any, open_claim: Claim, twin: Claim
) -> None:
    twin = verdict(twin, editor, Verdict.CONFIRMED)
    with pytest.raises(ValidationError, match=f"Claim {twin.pk} holds the verdict"):
        services.claim_merge(claim=open_claim, duplicate=twin, by=editor, expected_version=None)
    assert fresh(twin).state == ClaimState.OPEN and fresh(twin).merged_into_id is None
    plan = services.merge_plan(open_claim, fresh(twin))
    assert plan.keep is not None and plan.keep.pk == twin.pk
    kept = services.claim_merge(claim=twin, duplicate=open_claim, by=editor, expected_version=None)
    assert (kept.pk, fresh(kept).verdict) == (twin.pk, Verdict.CONFIRMED)
    assert fresh(open_claim).merged_into_id == twin.pk


def test_the_claim_with_evidence_is_kept_over_one_without(
    editor: Any, reporter: Any, open_claim: Claim, twin: Claim
) -> None:
    services.evidence_link(
        claim=twin, by=editor, relation=Relation.CORROBORATES, target_source=make_source(reporter)
    )
    plan = services.merge_plan(open_claim, twin)
    assert plan.keep is not None and plan.keep.pk == twin.pk
    assert "carries evidence" in plan.why


def test_an_accepted_claim_is_kept_over_a_candidate(
    reporter: Any, editor: Any, open_claim: Claim
) -> None:
    candidate = area_claim(reporter, editor, 390, state=ClaimState.CANDIDATE)
    plan = services.merge_plan(candidate, open_claim)
    assert plan.keep is not None and plan.keep.pk == open_claim.pk


def test_two_claims_with_different_verdicts_need_a_choice(
    editor: Any, open_claim: Claim, twin: Claim
) -> None:
    open_claim = verdict(open_claim, editor, Verdict.CONFIRMED)
    twin = verdict(twin, editor, Verdict.DISPUTED, "Too low")
    plan = services.merge_plan(open_claim, twin)
    assert plan.needs_choice and "choose which claim" in plan.why
    for kept, dup in ((open_claim, twin), (twin, open_claim)):
        with pytest.raises(ValidationError, match="choose which claim"):
            services.claim_merge(claim=kept, duplicate=dup, by=editor, expected_version=None)
    assert not Claim.objects.filter(merged_into__isnull=False).exists()
    services.claim_merge(
        claim=twin, duplicate=open_claim, by=editor, expected_version=None, chosen=True
    )
    assert fresh(twin).verdict == Verdict.DISPUTED
    event = ClaimEvent.objects.get(claim=open_claim, action="claim.merged_into")
    assert event.after["kept_because"] == "chosen by the editor"


# --- what it carries over -----------------------------------------------------------------


@pytest.fixture
def loaded_twin(editor: Any, reporter: Any, open_claim: Claim, twin: Claim) -> dict[str, Any]:
    """The twin with evidence of its own and on two sheets, one of which has open_claim."""
    report = make_source(reporter, text="A survey of 350 square kilometres.", title="Survey")
    own = services.evidence_link(
        claim=twin, by=reporter, relation=Relation.CORROBORATES, target_source=report, note="n"
    )
    to_kept = services.evidence_link(
        claim=twin, by=editor, relation=Relation.CONTRADICTS, target_claim=open_claim
    )
    alone = services.factsheet_create(by=editor, title="Only the twin")
    services.factsheet_claim_add(sheet=alone, by=editor, claim=twin, note="the twin's note")
    both = services.factsheet_create(by=editor, title="Both")
    services.factsheet_claim_add(sheet=both, by=editor, claim=open_claim)
    services.factsheet_claim_add(sheet=both, by=editor, claim=twin, note="dropped note")
    return {"own": own, "to_kept": to_kept, "alone": alone, "both": both}


def test_a_merge_carries_mentions_evidence_and_fact_sheet_entries(
    editor: Any, open_claim: Claim, twin: Claim, loaded_twin: dict[str, Any]
) -> None:
    services.evidence_link(
        claim=open_claim,
        by=editor,
        relation=Relation.CORROBORATES,
        target_source=make_source(editor, text="Yet another 400 square kilometres."),
    )
    kept = services.claim_merge(claim=open_claim, duplicate=twin, by=editor, expected_version=None)
    assert Mention.objects.filter(claim=kept).count() == 2
    # The twin's own link is copied onto the kept claim; its link to the kept claim is not.
    own = loaded_twin["own"]
    copies = Evidence.objects.filter(claim=kept, target_source=own.target_source)
    assert [(e.relation, e.note, e.removed_at) for e in copies] == [
        (Relation.CORROBORATES, "n", None)
    ]
    assert copies.get().created_by_id == own.created_by_id
    assert not Evidence.objects.filter(claim=twin, removed_at__isnull=True).exists()
    # Fact sheets: the twin's entry now cites the kept claim, or goes where it is already.
    assert FactSheetEntry.objects.get(sheet=loaded_twin["alone"]).claim_id == kept.pk
    assert FactSheetEntry.objects.get(sheet=loaded_twin["alone"]).note == "the twin's note"
    assert list(
        FactSheetEntry.objects.filter(sheet=loaded_twin["both"]).values_list("claim_id", flat=True)
    ) == [kept.pk]
    into = ClaimEvent.objects.get(claim=twin, action="claim.merged_into")
    merged = ClaimEvent.objects.get(claim=kept, action="claim.merged")
    assert into.correlation_id == merged.correlation_id
    assert into.after["evidence_carried"] == [
        [own.pk, copies.get().pk],
        [loaded_twin["to_kept"].pk, None],
    ]
    assert len(into.after["factsheet_entries_moved"]) == 1
    assert into.after["factsheet_entries_dropped"][0]["note"] == "dropped note"
    for claim in (kept, twin):
        state = replay(claim_events(claim))
        assert state.inconsistencies == [] and state.fields == fresh(claim).snapshot()


@pytest.mark.parametrize("state", [ClaimState.CANDIDATE, ClaimState.REJECTED])
def test_merging_a_candidate_or_rejected_claim_never_shows_it_to_viewers(
    editor: Any, reporter: Any, viewer: Any, open_claim: Claim, state: str
) -> None:
    hidden = area_claim(reporter, editor, 390, state=ClaimState.CANDIDATE)
    if state == ClaimState.REJECTED:
        hidden = services.claim_reject(claim=hidden, by=editor, expected_version=None)
    services.claim_merge(claim=open_claim, duplicate=hidden, by=editor, expected_version=None)
    after = fresh(hidden)
    assert (after.state, after.merged_into_id) == (state, open_claim.pk)
    assert not Claim.objects.visible_to(viewer).filter(pk=hidden.pk).exists()
    client = client_for(viewer)
    assert client.get(reverse("claims:detail", args=[hidden.pk])).status_code == 404
    # Nor does it come back on the desk's queue for the editors.
    queue = client_for(editor).get(reverse("claims:list"), {"state": "all"})
    assert hidden.pk not in {c.pk for c in queue.context["claims"]}


def test_a_merged_open_claim_is_archived_and_points_at_the_kept_one(
    editor: Any, open_claim: Claim, twin: Claim
) -> None:
    services.claim_merge(claim=open_claim, duplicate=twin, by=editor, expected_version=None)
    assert (fresh(twin).state, fresh(twin).merged_into_id) == (ClaimState.ARCHIVED, open_claim.pk)


# --- undo ---------------------------------------------------------------------------------


def test_a_merge_is_undone_from_its_history(
    editor: Any, open_claim: Claim, twin: Claim, loaded_twin: dict[str, Any]
) -> None:
    kept = services.claim_merge(
        claim=open_claim, duplicate=twin, by=editor, expected_version=None, chosen=True
    )
    back = services.claim_unmerge(claim=twin, by=editor, reason="Different districts")
    assert (back.merged_into_id, back.state) == (None, ClaimState.OPEN)
    assert Mention.objects.filter(claim=kept).count() == 1
    assert Mention.objects.filter(claim=twin).count() == 1
    own = Evidence.objects.get(pk=loaded_twin["own"].pk)
    assert own.removed_at is None and own.claim_id == twin.pk
    assert Evidence.objects.get(pk=loaded_twin["to_kept"].pk).removed_at is None
    assert not Evidence.objects.filter(
        claim=kept, target_source=own.target_source, removed_at__isnull=True
    ).exists()
    assert FactSheetEntry.objects.get(sheet=loaded_twin["alone"]).claim_id == twin.pk
    assert set(
        FactSheetEntry.objects.filter(sheet=loaded_twin["both"]).values_list("claim_id", flat=True)
    ) == {kept.pk, twin.pk}
    undone = ClaimEvent.objects.get(claim=twin, action="claim.unmerged")
    assert undone.reason == "Different districts"
    assert undone.before == {"merged_into": kept.pk, "state": "archived"}
    assert ClaimEvent.objects.filter(claim=kept, action="claim.unmerged_from").exists()
    for claim in (kept, twin):
        state = replay(claim_events(claim))
        assert state.inconsistencies == [] and state.fields == fresh(claim).snapshot()
    # And it can be merged again.
    services.claim_merge(claim=kept, duplicate=back, by=editor, expected_version=None, chosen=True)


def test_undoing_a_merge_needs_a_reason_and_a_merge(
    editor: Any, open_claim: Claim, twin: Claim
) -> None:
    with pytest.raises(services.ServiceError, match="not merged"):
        services.claim_unmerge(claim=twin, by=editor, reason="x")
    services.claim_merge(claim=open_claim, duplicate=twin, by=editor, expected_version=None)
    with pytest.raises(ValidationError, match="reason"):
        services.claim_unmerge(claim=twin, by=editor, reason=" ")


# --- the page -----------------------------------------------------------------------------


@pytest.mark.parametrize("headers", [HTMX, NO_HTMX], ids=["htmx", "plain"])
def test_same_claim_first_shows_which_way_the_merge_goes(
    editor: Any, open_claim: Claim, twin: Claim, headers: dict[str, Any]
) -> None:
    twin = verdict(twin, editor, Verdict.CONFIRMED)
    response = merge_post(client_for(editor), open_claim, twin, headers=headers)
    body = response.content.decode()
    assert response.status_code == 200
    assert f"Same claim: merge claims {open_claim.pk} and {twin.pk}?" in body
    assert f"Suggested: keep claim {twin.pk}. Claim {twin.pk} holds the verdict" in body
    assert f'name="keep" value="{twin.pk}" required checked' in body
    assert f'name="keep" value="{open_claim.pk}" required>' in body
    assert f"Claim {open_claim.pk} is archived and points at claim {twin.pk}." in body
    assert f"Claim {twin.pk}&#x27;s verdict (Confirmed) no longer stands" in body
    assert not Claim.objects.filter(merged_into__isnull=False).exists()


def test_the_preview_of_two_verdicts_chooses_nothing_for_the_editor(
    editor: Any, open_claim: Claim, twin: Claim
) -> None:
    verdict(open_claim, editor, Verdict.CONFIRMED)
    verdict(twin, editor, Verdict.DISPUTED, "Too low")
    body = merge_post(client_for(editor), open_claim, twin).content.decode()
    assert "choose which claim, and so which verdict, stands" in body
    assert 'name="keep"' in body and " checked" not in body.split("merge-choice", 1)[1][:2000]
    refused = merge_post(client_for(editor), open_claim, twin, keep="")
    assert "Choose which claim stays." in refused.content.decode()
    assert not Claim.objects.filter(merged_into__isnull=False).exists()


@pytest.mark.parametrize("headers", [HTMX, NO_HTMX], ids=["htmx", "plain"])
def test_the_editors_choice_is_followed_even_into_the_other_claim(
    editor: Any, open_claim: Claim, twin: Claim, headers: dict[str, Any]
) -> None:
    twin = verdict(twin, editor, Verdict.CONFIRMED)
    response = merge_post(client_for(editor), open_claim, twin, keep=twin.pk, headers=headers)
    assert fresh(open_claim).merged_into_id == twin.pk
    if headers:
        body = response.content.decode()
        assert f"Claim {open_claim.pk} merged into claim {twin.pk}" in body
        assert response.context["claim"].pk == twin.pk
    else:
        assert response.status_code == 302
        assert response["Location"] == reverse("claims:detail", args=[twin.pk])


@pytest.mark.parametrize("headers", [HTMX, NO_HTMX], ids=["htmx", "plain"])
def test_the_merged_claims_page_undoes_the_merge(
    editor: Any, open_claim: Claim, twin: Claim, headers: dict[str, Any]
) -> None:
    services.claim_merge(claim=open_claim, duplicate=twin, by=editor, expected_version=None)
    client = client_for(editor)
    page = client.get(reverse("claims:detail", args=[twin.pk])).content.decode()
    assert "Undo this merge</button>" in page
    assert f'href="#claim-{twin.pk}-unmerge">Undo this merge</a>' in page
    kept_page = client.get(reverse("claims:detail", args=[open_claim.pk])).content.decode()
    assert f"Undo (on claim {twin.pk})" in kept_page
    response = client.post(
        reverse("claims:unmerge", args=[twin.pk]),
        {"version": fresh(twin).version, "reason": "Different districts"},
        **headers,
    )
    assert response.status_code == (200 if headers else 302)
    assert fresh(twin).merged_into_id is None


def test_the_merge_preview_keeps_its_query_budget(
    editor: Any, reporter: Any, open_claim: Claim, twin: Claim, django_assert_max_num_queries: Any
) -> None:
    for i in range(10):
        services.evidence_link(
            claim=twin,
            by=editor,
            relation=Relation.CONTEXT,
            target_claim=area_claim(reporter, editor, 300 + i),
        )
    client = client_for(editor)
    with django_assert_max_num_queries(20):
        response = merge_post(client, open_claim, twin)
    assert "10 evidence links" in response.content.decode()
