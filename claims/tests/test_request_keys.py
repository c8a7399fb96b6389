"""Unknown outcomes: a write sent again (after a lost answer) is applied once and says so.

Every write form carries a request key; a repeat with the same key answers with the first
outcome, a conflict caused only by the editor's own earlier attempt is named as such, the
client's error text never claims that nothing changed, and a failing page is the desk's own.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from claims import services
from claims.models import Claim, ClaimEvent, ClaimState, Evidence, RequestKey, Source
from claims.services import request_keys
from claims.tests.conftest import make_claim, make_source

pytestmark = pytest.mark.django_db

KEY = "k3y-of-one-form-render-42"


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def edit_data(claim: Claim, **changes: Any) -> dict[str, Any]:
    data = {name: getattr(claim, name) for name in Claim.QUANTITY_FIELDS}
    data = {k: "" if v is None else v for k, v in data.items()}
    data.update(version=claim.version, **changes)
    return data


def events_of(claim: Claim) -> list[str]:
    return list(
        ClaimEvent.objects.filter(claim=claim).order_by("id").values_list("action", flat=True)
    )


@pytest.fixture
def twin(reporter: User, editor: User) -> Claim:
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


# --- every claim write, sent twice ------------------------------------------------------------

Case = Callable[[Claim, Claim, User], tuple[str, dict[str, Any], Claim]]


def _edit(claim: Claim, twin: Claim, editor: User) -> tuple[str, dict[str, Any], Claim]:
    return reverse("claims:edit", args=[claim.pk]), edit_data(claim, value="410"), claim


def _reject(claim: Claim, twin: Claim, editor: User) -> tuple[str, dict[str, Any], Claim]:
    return reverse("claims:reject", args=[claim.pk]), {"version": claim.version}, claim


def _reopen(claim: Claim, twin: Claim, editor: User) -> tuple[str, dict[str, Any], Claim]:
    claim = services.claim_reject(claim=claim, by=editor, expected_version=claim.version)
    return reverse("claims:reopen", args=[claim.pk]), {"version": claim.version}, claim


def _accept(claim: Claim, twin: Claim, editor: User) -> tuple[str, dict[str, Any], Claim]:
    source = make_source(editor, text="Some 70 trucks crossed.", title="C")
    candidate = make_claim(editor, source, "70 trucks", value=Decimal(70), unit_name="truck")
    return reverse("claims:accept", args=[candidate.pk]), {"version": candidate.version}, candidate


def _verdict(claim: Claim, twin: Claim, editor: User) -> tuple[str, dict[str, Any], Claim]:
    data = {"version": claim.version, "verdict": "disputed", "reason": "The ministry disagrees."}
    return reverse("claims:verdict", args=[claim.pk]), data, claim


def _link(claim: Claim, twin: Claim, editor: User) -> tuple[str, dict[str, Any], Claim]:
    data = {"relation": "contradicts", "target": f"claim:{twin.pk}"}
    return reverse("claims:link_evidence", args=[claim.pk]), data, claim


def _unlink(claim: Claim, twin: Claim, editor: User) -> tuple[str, dict[str, Any], Claim]:
    evidence = services.evidence_link(
        claim=claim, by=editor, relation="contradicts", target_claim=twin
    )
    return reverse("claims:unlink_evidence", args=[evidence.pk]), {"reason": "Wrong one."}, claim


def _merge(claim: Claim, twin: Claim, editor: User) -> tuple[str, dict[str, Any], Claim]:
    data = {
        "version": claim.version,
        "duplicate": twin.pk,
        "duplicate_version": twin.version,
        "keep": claim.pk,  # past the preview: the editor chose which claim stays
    }
    return reverse("claims:merge", args=[claim.pk]), data, claim


CASES = {
    "edit": _edit,
    "accept": _accept,
    "reject": _reject,
    "reopen": _reopen,
    "verdict": _verdict,
    "link evidence": _link,
    "unlink evidence": _unlink,
    "merge": _merge,
}


@pytest.mark.parametrize("htmx", [True, False], ids=["htmx", "plain form"])
@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_a_claim_write_sent_twice_is_applied_once_and_the_repeat_says_when(
    case: Case, htmx: bool, editor: User, open_claim: Claim, twin: Claim
) -> None:
    url, data, claim = case(open_claim, twin, editor)
    data[request_keys.KEY_FIELD] = KEY
    headers: dict[str, Any] = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    client = client_for(editor)
    first = client.post(url, data, **headers)
    assert first.status_code in (200, 302)
    claim.refresh_from_db()
    after_first = (claim.version, events_of(claim), Evidence.objects.count())
    # The answer was lost; the editor sends the very same form again.
    again = client.post(url, data, follow=not htmx, **headers)
    claim.refresh_from_db()
    assert (claim.version, events_of(claim), Evidence.objects.count()) == after_first
    body = again.content.decode()
    saved_at = timezone.localtime(RequestKey.objects.get(key=KEY).created_at)
    assert f"Your change was saved at {saved_at:%H:%M}" in body
    assert "changed this claim" not in body  # no conflict with oneself
    assert RequestKey.objects.filter(key=KEY).count() == 1


def test_a_repeat_from_the_queue_row_answers_in_the_status_line(
    editor: User, candidate: Claim
) -> None:
    data = {"version": candidate.version, "from": "queue", request_keys.KEY_FIELD: KEY}
    client = client_for(editor)
    url = reverse("claims:accept", args=[candidate.pk])
    client.post(url, data, HTTP_HX_REQUEST="true")
    again = client.post(url, data, HTTP_HX_REQUEST="true")
    body = again.content.decode()
    assert "Your change was saved at" in body
    assert "was changed by" not in body
    assert events_of(candidate).count("claim.accepted") == 1


def test_the_same_key_with_other_fields_applies_nothing_and_says_why(
    editor: User, open_claim: Claim
) -> None:
    client = client_for(editor)
    url = reverse("claims:edit", args=[open_claim.pk])
    client.post(url, {**edit_data(open_claim, value="410"), request_keys.KEY_FIELD: KEY})
    # The editor changed the form after the failure and sent it again with the old key.
    response = client.post(
        url,
        {**edit_data(open_claim, value="420"), request_keys.KEY_FIELD: KEY},
        HTTP_HX_REQUEST="true",
    )
    open_claim.refresh_from_db()
    assert open_claim.value == Decimal(410)
    assert "A change from this form was already saved at" in response.content.decode()
    assert "reload the page" in response.content.decode()


def test_a_conflict_made_only_of_my_own_earlier_change_is_named_as_mine(
    editor: User, open_claim: Claim
) -> None:
    client = client_for(editor)
    stale = open_claim.version
    client.post(
        reverse("claims:edit", args=[open_claim.pk]),
        {**edit_data(open_claim, value="410"), request_keys.KEY_FIELD: KEY},
    )
    # From the same (stale) page, another action with its own key.
    response = client.post(
        reverse("claims:verdict", args=[open_claim.pk]),
        {"version": stale, "verdict": "confirmed", request_keys.KEY_FIELD: "another-key-of-form-2"},
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    assert "You already changed this claim" in body
    assert "Someone else changed this claim" not in body


def test_a_conflict_with_someone_else_still_says_someone_else(
    editor: User, second_editor: User, open_claim: Claim
) -> None:
    stale = open_claim.version
    services.claim_edit(
        claim=open_claim, by=second_editor, expected_version=stale, changes={"value": "410"}
    )
    response = client_for(editor).post(
        reverse("claims:verdict", args=[open_claim.pk]),
        {"version": stale, "verdict": "confirmed", request_keys.KEY_FIELD: KEY},
        HTTP_HX_REQUEST="true",
    )
    assert "Someone else changed this claim" in response.content.decode()


def test_a_repeat_that_raced_its_first_attempt_answers_with_the_first_outcome(
    editor: User, open_claim: Claim, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The repeat looked for its key before the first attempt committed, then met the first
    attempt's change as a conflict: it must recognise it as its own and answer as a repeat."""
    client = client_for(editor)
    url = reverse("claims:edit", args=[open_claim.pk])
    data = {**edit_data(open_claim, value="410"), request_keys.KEY_FIELD: KEY}
    client.post(url, data)
    real_find = request_keys.request_key_find
    calls = {"n": 0}

    def find_late(**kwargs: Any) -> Any:
        calls["n"] += 1
        return None if calls["n"] == 1 else real_find(**kwargs)

    monkeypatch.setattr(request_keys, "request_key_find", find_late)
    response = client.post(url, data, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "Your change was saved at" in body
    assert "changed this claim" not in body


def test_two_writes_with_one_key_at_once_apply_only_the_first(
    editor: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The unique key is the last line of defence: the later write rolls back whole."""
    fields = {"a": "1"}
    with request_keys.once(by=editor, key=KEY, path="/x/", fields=fields, outcome="Done."):
        pass
    real_find = request_keys.request_key_find
    calls = {"n": 0}

    def find_late(**kwargs: Any) -> Any:  # the second write checked before the first committed
        calls["n"] += 1
        return None if calls["n"] == 1 else real_find(**kwargs)

    monkeypatch.setattr(request_keys, "request_key_find", find_late)
    wrote = []
    with (
        pytest.raises(request_keys.AlreadyDone),
        request_keys.once(by=editor, key=KEY, path="/x/", fields=fields, outcome="Done."),
    ):
        make_source(editor, text="A write that must not stay: 12 boats.", title="D")
        wrote.append(True)
    assert wrote == [True]
    assert not Source.objects.filter(title="D").exists()


def test_old_keys_expire_and_are_removed(editor: User, open_claim: Claim, settings: Any) -> None:
    client = client_for(editor)
    url = reverse("claims:edit", args=[open_claim.pk])
    client.post(url, {**edit_data(open_claim, value="410"), request_keys.KEY_FIELD: KEY})
    RequestKey.objects.update(
        created_at=timezone.now() - timedelta(hours=settings.REQUEST_KEY_HOURS, minutes=1)
    )
    assert (
        request_keys.request_key_find(by=editor, key=KEY, path=url, fields={"value": "410"}) is None
    )
    open_claim.refresh_from_db()
    client.post(
        url, {**edit_data(open_claim, value="420"), request_keys.KEY_FIELD: "a-later-form-key-1"}
    )
    assert list(RequestKey.objects.values_list("key", flat=True)) == ["a-later-form-key-1"]


def test_a_write_without_a_key_still_works(editor: User, open_claim: Claim) -> None:
    client_for(editor).post(
        reverse("claims:edit", args=[open_claim.pk]), edit_data(open_claim, value="410")
    )
    open_claim.refresh_from_db()
    assert open_claim.value == Decimal(410)
    assert not RequestKey.objects.exists()


def test_a_malformed_key_is_ignored(editor: User, open_claim: Claim) -> None:
    client_for(editor).post(
        reverse("claims:edit", args=[open_claim.pk]),
        {**edit_data(open_claim, value="410"), request_keys.KEY_FIELD: "<script>"},
    )
    open_claim.refresh_from_db()
    assert open_claim.value == Decimal(410)
    assert not RequestKey.objects.exists()


# --- the forms --------------------------------------------------------------------------------

FORM = re.compile(r"<form\b[^>]*method=\"post\"[^>]*>(.*?)</form>", re.S)
KEY_INPUT = re.compile(r'<input type="hidden" name="request_key" value="([A-Za-z0-9_-]{16,64})">')


def test_every_write_form_on_the_claim_page_carries_a_fresh_key(
    editor: User, open_claim: Claim, twin: Claim
) -> None:
    services.evidence_link(claim=open_claim, by=editor, relation="context", target_claim=twin)
    client = client_for(editor)
    url = reverse("claims:detail", args=[open_claim.pk])
    forms = FORM.findall(client.get(url).content.decode())
    writes = [f for f in forms if "csrfmiddlewaretoken" in f and "Log out" not in f]
    assert len(writes) >= 5  # reject, verdict, unlink, link, merge, …
    keys = [KEY_INPUT.search(f) for f in writes]
    assert all(keys), [f[:200] for f, k in zip(writes, keys, strict=True) if not k]
    again = KEY_INPUT.findall(client.get(url).content.decode())
    assert not {k.group(1) for k in keys if k} & set(again)  # a new key per render


def test_the_queue_rows_carry_keys(editor: User, candidate: Claim) -> None:
    body = client_for(editor).get(reverse("claims:list")).content.decode()
    row_forms = [f for f in FORM.findall(body) if 'name="from" value="queue"' in f]
    assert row_forms and all(KEY_INPUT.search(f) for f in row_forms)


# --- what the client says ---------------------------------------------------------------------


def test_the_client_never_says_nothing_was_changed_when_it_cannot_know() -> None:
    script = (Path(django_settings.BASE_DIR) / "static" / "js" / "app.js").read_text()
    assert "Nothing was changed" not in script
    assert "Your change may have been saved; reload to check." in script
    assert "htmx:sendError" in script and "htmx:responseError" in script


# --- error pages with DEBUG off -----------------------------------------------------------------


def test_a_server_error_shows_the_desk_page_that_says_the_change_may_be_saved(
    editor: User, open_claim: Claim, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from claims.views import claims as claim_views

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("the database went away while rendering")

    settings.DEBUG = False
    monkeypatch.setattr(claim_views, "_detail_context", broken)
    client = Client(raise_request_exception=False)
    client.force_login(editor)
    response = client.get(reverse("claims:detail", args=[open_claim.pk]))
    assert response.status_code == 500
    body = response.content.decode()
    assert "Something went wrong" in body
    assert "may have been saved" in body
    assert 'rel="stylesheet"' in body and "/static/css/app.css" in body
    assert "Server Error (500)" not in body


def test_a_missing_page_shows_the_desk_page_with_debug_off(editor: User, settings: Any) -> None:
    settings.DEBUG = False
    response = client_for(editor).get(reverse("claims:detail", args=[999999]))
    assert response.status_code == 404
    body = response.content.decode()
    assert "Not found" in body and 'rel="stylesheet"' in body


def test_a_refused_action_shows_the_desk_page_with_debug_off(
    viewer: User, open_claim: Claim, settings: Any
) -> None:
    settings.DEBUG = False
    response = client_for(viewer).post(
        reverse("claims:edit", args=[open_claim.pk]), edit_data(open_claim, value="1")
    )
    assert response.status_code == 403
    assert "Not allowed" in response.content.decode()


# --- fact-sheet writes ------------------------------------------------------------------------


@pytest.fixture
def sheet_with_claim(editor: User, open_claim: Claim) -> Any:
    sheet = services.factsheet_create(by=editor, title="Camp figures")
    services.factsheet_claim_add(sheet=sheet, by=editor, claim=open_claim)
    return sheet


def test_publishing_twice_with_one_key_makes_one_version(
    editor: User, sheet_with_claim: Any
) -> None:
    from claims.models import FactSheetVersion

    client = client_for(editor)
    url = reverse("claims:factsheet_publish", args=[sheet_with_claim.pk])
    client.post(url, {request_keys.KEY_FIELD: KEY}, HTTP_HX_REQUEST="true")
    again = client.post(url, {request_keys.KEY_FIELD: KEY}, HTTP_HX_REQUEST="true")
    assert FactSheetVersion.objects.filter(sheet=sheet_with_claim).count() == 1
    assert "Your change was saved at" in again.content.decode()
    assert "Published as version 1" in again.content.decode()


def test_a_builder_action_sent_twice_adds_one_section(editor: User, sheet_with_claim: Any) -> None:
    from claims.models import FactSheetSection

    client = client_for(editor)
    url = reverse("claims:factsheet_section_add", args=[sheet_with_claim.pk])
    data = {"title": "Costs", request_keys.KEY_FIELD: KEY}
    client.post(url, data)
    again = client.post(url, data, follow=True)
    assert FactSheetSection.objects.filter(sheet=sheet_with_claim, title="Costs").count() == 1
    assert "Your change was saved at" in again.content.decode()


def test_creating_a_sheet_twice_with_one_key_makes_one_sheet(editor: User) -> None:
    from claims.models import FactSheet

    client = client_for(editor)
    data = {"title": "Rice shipments", request_keys.KEY_FIELD: KEY}
    client.post(reverse("claims:factsheet_create"), data)
    again = client.post(reverse("claims:factsheet_create"), data, follow=True)
    assert FactSheet.objects.filter(title="Rice shipments").count() == 1
    assert "Your change was saved at" in again.content.decode()


def test_adding_a_claim_to_a_new_sheet_twice_makes_one_sheet(
    editor: User, open_claim: Claim
) -> None:
    from claims.models import FactSheet

    client = client_for(editor)
    url = reverse("claims:factsheet_add_claim", args=[open_claim.pk])
    data = {"new_title": "Area", request_keys.KEY_FIELD: KEY}
    client.post(url, data, HTTP_HX_REQUEST="true")
    again = client.post(url, data, HTTP_HX_REQUEST="true")
    assert FactSheet.objects.filter(title="Area").count() == 1
    assert "Your change was saved at" in again.content.decode()
    assert "Added to “Area”" in again.content.decode()


def test_a_bulk_accept_sent_twice_is_applied_once(editor: User, reporter: User) -> None:
    source = make_source(reporter, text="About 30 tanks and 40 trucks and 50 guns.", title="E")
    picked = [
        make_claim(reporter, source, quote, value=Decimal(quote.split()[0]), unit_name=quote[3:])
        for quote in ("30 tanks", "40 trucks", "50 guns")
    ]
    data = {
        "action": "accept",
        "pick": [f"{c.pk}:{c.version}" for c in picked],
        request_keys.KEY_FIELD: KEY,
    }
    client = client_for(editor)
    client.post(reverse("claims:bulk"), data, HTTP_HX_REQUEST="true")
    again = client.post(reverse("claims:bulk"), data, HTTP_HX_REQUEST="true")
    body = again.content.decode()
    assert "Your change was saved at" in body and "Accepted 3 claims" in body
    assert "was changed by" not in body
    assert ClaimEvent.objects.filter(action="claim.accepted").count() == 3


def test_a_bulk_action_that_did_nothing_can_be_sent_again(
    editor: User, second_editor: User, candidate: Claim
) -> None:
    data = {"action": "accept", "pick": [f"{candidate.pk}:99"], request_keys.KEY_FIELD: KEY}
    client = client_for(editor)
    first = client.post(reverse("claims:bulk"), data, HTTP_HX_REQUEST="true")
    assert "Not done" in first.content.decode()
    assert not RequestKey.objects.exists()


@pytest.mark.parametrize("htmx", [True, False], ids=["htmx", "plain form"])
def test_a_new_claim_from_a_selection_sent_twice_makes_one_claim(
    htmx: bool, reporter: User, source: Source
) -> None:
    start = source.text.index("700,000 tons")
    data = {
        "start": start,
        "end": start + 12,
        "quote": "700,000 tons",
        "statement": "Rice shipped",
        "qualifier": "=",
        "value": "700000",
        "unit_name": "ton",
        "dimension": "mass",
        request_keys.KEY_FIELD: KEY,
    }
    headers: dict[str, Any] = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    client = client_for(reporter)
    url = reverse("claims:new_claim", args=[source.pk])
    client.post(url, data, **headers)
    again = client.post(url, data, **headers)
    claim = Claim.objects.get()
    report = reverse("claims:source_detail", args=[source.pk])
    if htmx:
        assert again.status_code == 204 and again["HX-Redirect"] == report
    else:
        assert again.status_code == 302 and again["Location"] == report
    page = client.get(report).content.decode()
    assert "Your change was saved at" in page and f"Claim {claim.pk} created" in page
