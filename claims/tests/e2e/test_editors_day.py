"""Issue 14's editor's day in a real browser: a review session by keyboard alone from the
queue (accept, reject with undo, edit via the value box, confirm with evidence, dispute with a
reason), filters kept in the URL, the selection and its toolbar, and the desk at 390 px."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from claims import services
from claims.models import Claim, ClaimEvent, ClaimState, Verdict
from claims.tests.conftest import PASSWORD
from claims.tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, SKIP_REASON
from claims.tests.e2e.test_review_desk import desk, log_in

pytestmark = [pytest.mark.e2e, pytest.mark.skipif(CHROMIUM is None, reason=SKIP_REASON)]

__all__ = ["CHROMIUM_ARGS", "desk"]


def current(page: Page, claim: Claim) -> None:
    expect(page.locator(f"#claim-{claim.pk}-row")).to_have_class(re.compile("is-current"))


def settled(page: Page, claim: Claim) -> None:
    """Wait until htmx has settled the row it swapped in (and wired its forms): a key pressed
    in the ~20 ms before that lands on a row htmx has not taken over yet."""
    expect(page.locator(f"#claim-{claim.pk}-row")).not_to_have_class(
        re.compile("htmx-added|htmx-settling")
    )
    page.wait_for_function("() => !document.querySelector('.htmx-added, .htmx-settling')")


def no_sideways_scroll(page: Page) -> None:
    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1], f"scrolls sideways: {widths}"


def test_a_review_session_by_keyboard_alone(
    live_server: Any,
    context: BrowserContext,
    editor: Any,
    desk: dict[str, Claim],
    artifacts: Any,
    csp_violations: list[str],
) -> None:
    soldiers, area, cost, survey = desk["soldiers"], desk["area"], desk["cost"], desk["survey"]
    # The survey backs the area figure (linked beforehand: the dialog shows it ticked).
    services.evidence_link(claim=area, by=editor, relation="corroborates", target_claim=survey)
    page = log_in(context, live_server.url, "alice")
    page.goto(f"{live_server.url}/claims/")
    toasts = page.locator("#toasts")

    # Accept: a on the current row; the next row becomes current.
    page.keyboard.press("j")
    current(page, soldiers)
    page.keyboard.press("a")
    expect(page.locator(f"#claim-{soldiers.pk}-row .badge.state-open")).to_have_text("Open")
    settled(page, soldiers)
    current(page, area)
    expect(toasts.get_by_role("button", name="Undo")).to_be_visible()

    # Reject the area figure by mistake, and take it back with u (the toast's Undo).
    page.keyboard.press("x")
    expect(page.locator(f"#claim-{area.pk}-row .badge.state-rejected")).to_be_visible()
    settled(page, area)
    current(page, cost)
    expect(toasts).to_contain_text(f"Claim {area.pk} rejected")
    page.keyboard.press("u")
    expect(toasts).to_contain_text("undone")
    expect(page.locator(f"#claim-{area.pk}-row .badge.state-candidate")).to_be_visible()
    settled(page, area)
    undo = ClaimEvent.objects.filter(claim=area).latest("id")
    assert (undo.action, undo.after["undid_action"]) == ("claim.undone", "claim.rejected")
    assert Claim.objects.get(pk=area.pk).state == ClaimState.CANDIDATE
    page.keyboard.press("k")
    current(page, area)
    page.keyboard.press("a")
    expect(page.locator(f"#claim-{area.pk}-row .badge.state-open")).to_have_text("Open")
    page.screenshot(path=artifacts("queue-keyboard.png"), full_page=True)

    # e on the row: its claim opens on the value box, which says what it reads.
    page.keyboard.press("k")
    current(page, area)
    page.keyboard.press("e")
    box = page.get_by_label("Figure", exact=True)
    expect(box).to_be_focused()
    page.keyboard.press("Control+a")
    page.keyboard.type("about 3.5 million")
    expect(page.locator(".figure-reading")).to_contain_text("value 3,500,000")
    expect(page.locator(".figure-reading")).to_contain_text("qualifier about")
    page.keyboard.press("Control+a")
    page.keyboard.type("about 410")
    expect(page.locator(".figure-reading")).to_contain_text("value 410")
    page.keyboard.press("Enter")
    expect(page.locator("h1.figure")).to_have_text("about 410 square kilometres")
    saved = Claim.objects.get(pk=area.pk)
    assert (saved.value, saved.qualifier) == (410, "~")

    # c: the confirmation dialog, the corroborating claim ticked; Enter confirms.
    page.keyboard.press("c")
    dialog = page.get_by_role("dialog", name=re.compile("Confirm claim"))
    expect(dialog.get_by_role("checkbox", name=re.compile("corroborates"))).to_be_checked()
    page.keyboard.press("Enter")
    expect(page.locator(".badges .verdict-confirmed")).to_have_text("Confirmed")
    expect(page.locator(".relied-on")).to_contain_text(f"claim {survey.pk}")
    expect(toasts.get_by_role("button", name="Undo")).to_be_visible()
    page.screenshot(path=artifacts("claim-keyboard.png"), full_page=True)

    # q: back to the queue; d on the soldiers' row asks for the reason, Ctrl+Enter sends it.
    page.keyboard.press("q")
    expect(page.get_by_role("heading", name="Queue")).to_be_visible()
    page.keyboard.press("j")
    current(page, soldiers)
    page.keyboard.press("d")
    reason = page.get_by_label(re.compile("^Reason"))
    expect(reason).to_be_focused()
    expect(page.get_by_role("radio", name="Dispute")).to_be_checked()
    page.keyboard.type("The ministry counts 8,000.")
    page.keyboard.press("Control+Enter")
    expect(page.locator(".badges .verdict-disputed")).to_have_text("Disputed")
    record = Claim.objects.get(pk=soldiers.pk)
    assert record.verdict == Verdict.DISPUTED
    assert record.current_verdict is not None
    assert record.current_verdict.reason == "The ministry counts 8,000."
    # A verdict toast offers Undo too, through the services.
    expect(toasts.get_by_role("button", name="Undo")).to_be_visible()
    page.keyboard.press("u")
    expect(toasts).to_contain_text("undone")
    expect(page.locator(".badges .verdict-unverified")).to_be_visible()
    assert Claim.objects.get(pk=soldiers.pk).verdict == Verdict.UNVERIFIED
    assert csp_violations == []


def test_filters_live_in_the_url_and_esc_leaves_the_search(
    live_server: Any,
    context: BrowserContext,
    editor: Any,
    desk: dict[str, Claim],
    csp_violations: list[str],
) -> None:
    page = log_in(context, live_server.url, "alice")
    page.goto(f"{live_server.url}/claims/")
    page.keyboard.press("/")
    search = page.get_by_label("Search")
    expect(search).to_be_focused()
    page.keyboard.type("soldiers")
    expect(page).to_have_url(re.compile(r"[?&]q=soldiers"))
    survey_row = page.locator(f"#claim-{desk['survey'].pk}-row")
    expect(survey_row).to_have_count(0)
    shown = page.locator("tr[data-nav-item]").count()
    page.keyboard.press("Escape")
    expect(search).not_to_be_focused()
    expect(search).to_have_value("soldiers")
    page.keyboard.press("j")
    current(page, desk["soldiers"])
    page.keyboard.press("Enter")
    expect(page.locator("h1.figure")).to_have_text("more than 10,000 soldiers")
    page.go_back()
    expect(page.get_by_label("Search")).to_have_value("soldiers")
    expect(page.locator("tr[data-nav-item]")).to_have_count(shown)
    expect(survey_row).to_have_count(0)
    # The bookmark: the same URL opened afresh shows the same filtered queue.
    url = page.url
    page.goto(url)
    expect(page.get_by_label("Search")).to_have_value("soldiers")
    expect(page.locator("tr[data-nav-item]")).to_have_count(shown)
    assert csp_violations == []


def test_a_and_x_act_on_the_selection_with_its_count_shown(
    live_server: Any,
    context: BrowserContext,
    editor: Any,
    desk: dict[str, Claim],
    csp_violations: list[str],
) -> None:
    page = log_in(context, live_server.url, "alice")
    page.goto(f"{live_server.url}/claims/")
    count = page.locator("#bulk-count")
    expect(count).to_have_text("None selected")
    page.keyboard.press("j")
    page.keyboard.press(" ")
    page.keyboard.press("j")
    page.keyboard.press(" ")
    expect(count).to_have_text("2 selected")
    page.keyboard.press("a")
    expect(page.locator("#toasts")).to_contain_text("Accepted 2 claims")
    for name in ("soldiers", "area"):
        row = page.locator(f"#claim-{desk[name].pk}-row")
        expect(row.locator(".badge.state-open")).to_have_text("Open")
    expect(count).to_have_text("None selected")
    assert Claim.objects.get(pk=desk["cost"].pk).state == ClaimState.CANDIDATE
    page.keyboard.press("u")
    expect(page.locator("#toasts")).to_contain_text("Undid the change to 2 claims")
    states = set(
        Claim.objects.filter(pk__in=[desk["soldiers"].pk, desk["area"].pk]).values_list(
            "state", flat=True
        )
    )
    assert states == {ClaimState.CANDIDATE}
    assert csp_violations == []


def test_the_desk_fits_a_phone(
    live_server: Any,
    browser: Browser,
    editor: Any,
    desk: dict[str, Claim],
    artifacts: Any,
) -> None:
    phone = browser.new_context(viewport={"width": 390, "height": 700})
    refused: list[str] = []
    phone.on(
        "console",
        lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None,
    )
    try:
        page = phone.new_page()
        page.goto(f"{live_server.url}/login/")
        expect(page.get_by_role("heading", name="Log in to Factdesk")).to_be_visible()
        user_box = page.get_by_label("User name").bounding_box()
        password_box = page.get_by_label("Password").bounding_box()
        assert user_box and password_box
        assert abs(user_box["x"] - password_box["x"]) < 1
        assert abs(user_box["width"] - password_box["width"]) < 1
        no_sideways_scroll(page)
        page.get_by_label("User name").fill("alice")
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Log in").click()
        expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()

        # The header: a Menu button; the links behind it, all on screen once open.
        menu = page.get_by_role("button", name="Menu")
        expect(menu).to_be_visible()
        expect(page.get_by_role("link", name="Fact sheets")).to_be_hidden()
        no_sideways_scroll(page)
        menu.click()
        expect(menu).to_have_attribute("aria-expanded", "true")
        for name in ("Queue", "Fact sheets", "Bring in a report", "Feeds", "Watches", "Webhooks"):
            link = page.get_by_role("link", name=name, exact=True)
            expect(link).to_be_in_viewport()
        expect(page.get_by_role("button", name="Log out")).to_be_in_viewport()
        no_sideways_scroll(page)
        page.screenshot(path=artifacts("phone-menu.png"), full_page=True)

        # The queue: rows as cards, nothing off the side; the bulk toolbar stays in view.
        page.goto(f"{live_server.url}/claims/")
        row = page.locator(f"#claim-{desk['soldiers'].pk}-row")
        expect(row).to_be_visible()
        assert row.evaluate("el => getComputedStyle(el).display") == "block"
        no_sideways_scroll(page)
        page.screenshot(path=artifacts("phone-queue.png"), full_page=True)
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        expect(page.locator("#bulk-form")).to_be_in_viewport()

        # The audit log: cards too.
        page.goto(f"{live_server.url}/audit/")
        expect(page.locator("table.audit-log tbody tr").first).to_be_visible()
        no_sideways_scroll(page)
        page.screenshot(path=artifacts("phone-audit.png"), full_page=True)

        page.goto(f"{live_server.url}/claims/{desk['area'].pk}/")
        expect(page.locator("h1.figure")).to_have_text("400 square kilometres")
        no_sideways_scroll(page)
        page.screenshot(path=artifacts("phone-claim.png"), full_page=True)
        assert refused == []
    finally:
        phone.close()
