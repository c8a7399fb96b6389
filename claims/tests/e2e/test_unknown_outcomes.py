"""A saved change whose answer never arrived: the browser must not say "nothing was changed",
and sending the same form again must say when the change was saved instead of applying it
twice or reporting a conflict with oneself."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page, Route, expect

from claims.models import Claim, ClaimEvent, ClaimState
from claims.tests.conftest import PASSWORD, make_claim
from claims.tests.e2e.conftest import CHROMIUM, SKIP_REASON

pytestmark = [pytest.mark.e2e, pytest.mark.skipif(CHROMIUM is None, reason=SKIP_REASON)]


def log_in(context: BrowserContext, base: str, username: str) -> Page:
    page = context.new_page()
    page.goto(f"{base}/login/")
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()
    return page


def test_a_lost_answer_then_a_retry_says_the_change_was_saved(
    live_server: Any, context: BrowserContext, reporter: Any, editor: Any, source: Any
) -> None:
    claim = make_claim(
        reporter,
        source,
        "400 square kilometres",
        state=ClaimState.OPEN,
        editor=editor,
        value=Decimal(400),
        qualifier="=",
        unit="km2",
        unit_name="square kilometre",
        dimension="area",
    )
    page = log_in(context, live_server.url, "alice")
    page.goto(f"{live_server.url}/claims/{claim.pk}/")
    page.get_by_role("link", name="Edit figure").click()
    page.get_by_label("Value").fill("410")

    def saved_but_answer_lost(route: Route) -> None:
        route.fetch()  # the desk receives the edit and saves it ...
        route.abort("connectionreset")  # ... and the answer never reaches the browser

    edit_url = f"**/claims/{claim.pk}/edit/"
    page.route(edit_url, saved_but_answer_lost)
    page.get_by_role("button", name="Save").click()
    toasts = page.locator("#toasts")
    expect(toasts).to_contain_text("The desk could not be reached.")
    expect(toasts).to_contain_text("Your change may have been saved; reload to check.")
    expect(toasts).not_to_contain_text("Nothing was changed")
    page.unroute(edit_url)

    # The editor sends the same form again.
    page.get_by_role("button", name="Save").click()
    expect(toasts).to_contain_text("Your change was saved at")
    expect(page.locator("h1.figure")).to_have_text("410 square kilometres")
    expect(page.get_by_role("alert").filter(has_text="changed this claim")).to_have_count(0)
    claim = Claim.objects.get(pk=claim.pk)
    assert claim.value == Decimal(410)
    assert ClaimEvent.objects.filter(claim=claim, action="claim.edited").count() == 1


def test_a_server_error_does_not_claim_nothing_changed(
    live_server: Any, context: BrowserContext, reporter: Any, editor: Any, source: Any
) -> None:
    claim = make_claim(reporter, source, state=ClaimState.CANDIDATE)
    page = log_in(context, live_server.url, "alice")
    page.goto(f"{live_server.url}/claims/{claim.pk}/")
    page.route(
        f"**/claims/{claim.pk}/reject/",
        lambda route: route.fulfill(status=500, body="Server Error (500)"),
    )
    page.get_by_role("button", name="Reject").click()
    toasts = page.locator("#toasts")
    expect(toasts).to_contain_text("could not finish that action (500)")
    expect(toasts).to_contain_text("Your change may have been saved")
