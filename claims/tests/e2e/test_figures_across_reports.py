"""Figures across reports, in a real browser: two reports bring in two war-risk premiums; the
new figure's page suggests the conflict without any search; accepting it links both claims;
"Same claim" keeps the claim with the verdict; the figure's history charts both.

The reports are written for this test (no subject is given: the figures' own words do)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from claims.models import Claim, ClaimState, Evidence, Mention, Relation, Verdict
from claims.tests.e2e.conftest import CHROMIUM, SKIP_REASON
from claims.tests.e2e.test_review_desk import log_in
from claims.tests.test_figure_history import desk  # noqa: F401 (a fixture)

pytestmark = [pytest.mark.e2e, pytest.mark.skipif(CHROMIUM is None, reason=SKIP_REASON)]

REPORT_ONE = (
    "Insurers in London now charge war-risk premiums of US$45,000 per voyage for tankers "
    "calling at the northern terminal, two brokers said."
)
REPORT_TWO = (
    "Cover for a single call at the northern terminal has climbed to US$52,000 per voyage "
    "in war-risk premiums, an underwriter told the shipping press."
)


def bring_in(page: Page, title: str, outlet: str, text: str) -> None:
    page.get_by_role("link", name="Bring in a report").click()
    form = page.locator("form", has=page.get_by_role("button", name="Bring in", exact=True))
    form.get_by_label("Title").fill(title)
    form.get_by_label("Outlet").fill(outlet)
    form.get_by_label("Text").fill(text)
    form.get_by_role("button", name="Bring in", exact=True).click()
    expect(page.get_by_role("heading", name=title)).to_be_visible()


def claim_quoting(figure: str) -> Claim:
    return Mention.objects.select_related("claim").get(quote__contains=figure).claim


def test_a_conflicting_premium_is_suggested_linked_both_ways_and_merged_safely(
    live_server: Any, context: BrowserContext, editor: Any, artifacts: Any
) -> None:
    page = log_in(context, live_server.url, "alice")
    bring_in(page, "Tanker cover rises", "Harbour Gazette", REPORT_ONE)
    bring_in(page, "Premiums climb again", "Lloyd Street Bulletin", REPORT_TWO)
    old, new = claim_quoting("45,000"), claim_quoting("52,000")

    # The queue row of the new figure already counts the conflict.
    page.get_by_role("link", name="Queue", exact=True).click()
    row = page.locator(f"#claim-{new.pk}-row")
    expect(row.locator(".match-counts")).to_have_text(re.compile(r"1 conflicts$"))
    page.screenshot(path=artifacts("walk-queue.png"), full_page=True)

    # Its page suggests the conflict with US$45,000: nothing typed, nothing searched.
    row.get_by_role("link", name=re.compile("52,000")).click()
    expect(page.locator("h1.figure")).to_contain_text("52,000")
    suggestion = page.locator(".matches li", has_text="45,000")
    expect(suggestion).to_contain_text("conflicts")
    expect(suggestion.get_by_label("Accept as")).to_have_value(Relation.CONTRADICTS)
    page.screenshot(path=artifacts("walk-suggestion.png"), full_page=True)
    suggestion.get_by_role("button", name="Accept", exact=True).click()
    expect(page.locator("#toasts")).to_contain_text("Suggestion accepted")

    # Both claims show the link.
    link = Evidence.objects.get(relation=Relation.CONTRADICTS, removed_at__isnull=True)
    assert {link.claim_id, link.target_claim_id} == {old.pk, new.pk}
    citing, cited = link.claim_id, link.target_claim_id
    page.goto(f"{live_server.url}/claims/{cited}/")
    expect(page.locator(".matches")).to_contain_text(f"Cited as contradicting by claim {citing}")
    page.goto(f"{live_server.url}/claims/{citing}/")
    expect(page.locator(".evidence-section")).to_contain_text("contradicts")
    expect(page.locator(".evidence-section")).to_contain_text(f"claim {cited}")

    # The editor accepts the earlier figure and confirms it.
    page.goto(f"{live_server.url}/claims/{old.pk}/")
    page.get_by_role("region", name="Review").get_by_role("button", name="Accept").click()
    expect(page.locator(".badges .state-open")).to_have_text("Open")
    page.locator("body").focus()
    page.keyboard.press("c")
    dialog = page.get_by_role("dialog", name=f"Confirm claim {old.pk}?")
    expect(dialog).to_be_visible()
    page.keyboard.press("Enter")
    expect(page.locator(".badges .verdict-confirmed")).to_have_text("Confirmed")

    # The figure's history: both values, with the verdict in words and a shape, and a table.
    page.get_by_role("link", name="History of this figure").click()
    table = page.get_by_role("table", name=re.compile("figures reported"))
    expect(table.get_by_role("row")).to_have_count(3)
    expect(
        page.locator(f"#figure-mark-{old.pk}.verdict-confirmed path.shape-circle")
    ).to_have_count(1)
    page.screenshot(path=artifacts("walk-history.png"), full_page=True)
    page.get_by_role("link", name="by as-of date").click()
    expect(page.get_by_role("link", name="by as-of date")).to_have_attribute("aria-current", "true")
    expect(page).to_have_url(re.compile(r"axis=as_of"))
    expect(page.locator(".figure-chart")).to_contain_text("without an as-of date")

    # "Same claim" from the new candidate: the preview keeps the confirmed claim, and so does
    # the merge; nothing archives the claim that holds the verdict.
    page.goto(f"{live_server.url}/claims/{new.pk}/")
    page.get_by_role("button", name=f"Same claim as claim {old.pk}").click()
    preview = page.get_by_role("region", name=re.compile("Same claim: merge claims"))
    expect(preview).to_contain_text(f"Suggested: keep claim {old.pk}")
    expect(page.get_by_role("radio", name=re.compile(f"Keep claim {old.pk}"))).to_be_checked()
    preview.get_by_role("button", name="Merge").click()
    expect(page).to_have_url(re.compile(f"/claims/{old.pk}/$"))
    expect(page.locator(".badges .verdict-confirmed")).to_have_text("Confirmed")
    kept, merged = Claim.objects.get(pk=old.pk), Claim.objects.get(pk=new.pk)
    assert (kept.state, kept.verdict, kept.merged_into_id) == (
        ClaimState.OPEN,
        Verdict.CONFIRMED,
        None,
    )
    assert merged.merged_into_id == old.pk


def test_the_history_of_fifty_figures_works_by_keyboard(
    live_server: Any,
    context: BrowserContext,
    editor: Any,
    desk: dict[str, Any],  # noqa: F811
    artifacts: Any,
) -> None:
    page = log_in(context, live_server.url, "alice")
    page.goto(f"{live_server.url}/claims/{desk['confirmed'].pk}/figure-history/")
    expect(page.locator(".figure-chart svg.chart g.mark")).to_have_count(51)
    page.screenshot(path=artifacts("history-fifty.png"), full_page=True)
    # Tab to the axis toggle (no trap, no mouse) and follow it with Enter.
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent") == "by as-of date":
            break
    expect(page.get_by_role("link", name="by as-of date")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("link", name="by as-of date")).to_have_attribute("aria-current", "true")
    # The table's row headers name each claim, as a screen reader announces them.
    table = page.get_by_role("table", name=re.compile("51 figures reported, by as-of date"))
    expect(table.get_by_role("rowheader")).to_have_count(51)
