"""The review desk in a real browser: the editor's day, two editors at once, no JavaScript,
and a hostile report. Screenshots for visual review go to test-artifacts/ (not committed)."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from claims import services
from claims.models import Claim, ClaimEvent, ClaimState, Source, Verdict
from claims.tests.conftest import PASSWORD, make_source
from claims.tests.e2e.conftest import CHROMIUM, SKIP_REASON

pytestmark = [pytest.mark.e2e, pytest.mark.skipif(CHROMIUM is None, reason=SKIP_REASON)]

DESK_REPORT = (
    "Officials said more than 10,000 soldiers were training at the camp. "
    "The ministry reported that 400 square kilometres changed hands in October. "
    "Analysts estimated the cost at US$2,000 a month for each soldier."
)


def propose(by: Any, source: Source, quote: str, score: float, **quantity: Any) -> Claim:
    start = source.text.index(quote)
    return services.claim_create(
        by=by,
        source=source,
        start=start,
        end=start + len(quote),
        quote=quote,
        statement=f"{quote} (as reported)",
        quantity=quantity,
        speaker="Officials",
        verb="said",
        score=score,
    )


def log_in(context: BrowserContext, base: str, username: str) -> Page:
    page = context.new_page()
    page.goto(f"{base}/login/")
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()
    return page


@pytest.fixture
def desk(reporter: Any, editor: Any) -> dict[str, Claim]:
    camp = make_source(reporter, text=DESK_REPORT, title="Camp report", outlet="The Herald")
    later = make_source(
        reporter,
        text="A later survey found 350 square kilometres had changed hands.",
        title="Survey",
        outlet="The Globe",
    )
    soldiers = propose(
        reporter,
        camp,
        "more than 10,000 soldiers",
        0.95,
        value=10000,
        qualifier=">",
        unit_name="soldier",
        subject="soldiers training at the camp",
    )
    area = propose(
        reporter,
        camp,
        "400 square kilometres",
        0.9,
        value=400,
        unit="km2",
        unit_name="square kilometre",
        dimension="area",
        subject="territory changing hands",
    )
    cost = propose(
        reporter,
        camp,
        "US$2,000 a month",
        0.8,
        value=2000,
        currency="USD",
        dimension="currency",
        per="month",
        subject="pay per soldier",
    )
    survey = propose(
        reporter,
        later,
        "350 square kilometres",
        0.2,
        value=350,
        unit="km2",
        unit_name="square kilometre",
        dimension="area",
        subject="territory changing hands",
    )
    survey = services.claim_accept(claim=survey, by=editor, expected_version=survey.version)
    return {"soldiers": soldiers, "area": area, "cost": cost, "survey": survey}


def test_an_editors_day(
    live_server: Any, context: BrowserContext, editor: Any, desk: dict[str, Claim], artifacts: Any
) -> None:
    page = log_in(context, live_server.url, "alice")
    page.get_by_role("link", name="Queue").click()
    rows = page.locator("tr[data-nav-item]")
    expect(rows).to_have_count(4)
    expect(page.locator("#queue-counts .state-candidate .n")).to_have_text("3")
    page.screenshot(path=artifacts("queue.png"), full_page=True)

    # Accept the two most claim-worthy candidates with the keyboard.
    soldiers_row = page.locator(f"#claim-{desk['soldiers'].pk}-row")
    area_row = page.locator(f"#claim-{desk['area'].pk}-row")
    page.keyboard.press("j")
    expect(soldiers_row).to_have_class(re.compile("is-current"))
    page.keyboard.press("a")
    expect(soldiers_row.locator(".badge.state-open")).to_have_text("Open")
    expect(page.locator("#queue-counts .state-candidate .n")).to_have_text("2")
    # After an accept the next row is the current one.
    expect(area_row).to_have_class(re.compile("is-current"))
    page.keyboard.press("a")
    expect(area_row.locator(".badge.state-open")).to_have_text("Open")
    expect(page.locator("#queue-counts .state-candidate .n")).to_have_text("1")
    expect(page.locator("#toasts")).to_contain_text("accepted onto the desk")

    # Open the area claim (Enter on the current row) and correct the figure.
    page.keyboard.press("k")
    expect(area_row).to_have_class(re.compile("is-current"))
    page.keyboard.press("Enter")
    expect(page.locator("h1.figure")).to_have_text("400 square kilometres")
    page.keyboard.press("e")
    value = page.get_by_label("Figure", exact=True)
    expect(value).to_be_focused()
    value.fill("4oo")
    page.get_by_role("button", name="Save").click()
    # The server's answer (an alert), not the live preview's line, which says the same.
    expect(page.locator(".field-figure .error[role='alert']")).to_contain_text("reads as a figure")
    page.get_by_label("Figure", exact=True).fill("410")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("h1.figure")).to_have_text("410 square kilometres")

    # Link the survey's figure as a contradiction, found by typing.
    page.keyboard.press("l")
    search = page.get_by_label("Find a report or claim")
    expect(search).to_be_focused()
    search.press_sequentially("350 square")
    page.get_by_label(re.compile(r"350 square kilometres")).check()
    page.get_by_label("Relation").select_option("contradicts")
    page.get_by_label("Note").fill("The later survey counts less.")
    page.get_by_role("button", name="Link evidence", exact=True).click()
    evidence = page.locator(".evidence li").first
    expect(evidence).to_contain_text("contradicts")
    expect(evidence).to_contain_text("−14.6 %")

    # Confirm it, relying on that evidence: "c" asks first, with the ticked evidence.
    page.get_by_role("checkbox", name=re.compile("contradicts claim")).check()
    page.keyboard.press("c")
    dialog = page.get_by_role("dialog", name=re.compile("Confirm claim"))
    expect(dialog).to_be_visible()
    expect(dialog.get_by_role("checkbox", name=re.compile("contradicts claim"))).to_be_checked()
    expect(dialog.get_by_role("button", name="Confirm")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator(".badges .verdict-confirmed")).to_have_text("Confirmed")
    expect(page.locator(".relied-on")).to_contain_text(f"claim {desk['survey'].pk}")
    history = page.locator(f"#claim-{desk['area'].pk}-history")
    expect(history).to_contain_text("claim.verdict")
    expect(history).to_contain_text("evidence.linked")
    expect(history).to_contain_text("claim.edited")
    page.screenshot(path=artifacts("claim.png"), full_page=True)

    # Dispute the soldiers' figure: "d" asks for the reason first; Ctrl+Enter sends.
    page.goto(f"{live_server.url}/claims/{desk['soldiers'].pk}/")
    page.keyboard.press("d")
    reason = page.get_by_label(re.compile("^Reason"))
    expect(reason).to_be_focused()
    reason.fill("The ministry's own figure is 8,000.")
    reason.press("Control+Enter")
    expect(page.locator(".badges .verdict-disputed")).to_have_text("Disputed")
    expect(page.locator(f"#claim-{desk['soldiers'].pk}-history")).to_contain_text(
        "The ministry's own figure is 8,000."
    )

    # The reading view: highlights by state and verdict, the claim beside the text.
    page.goto(f"{live_server.url}/sources/{desk['area'].mentions.get().source_id}/")
    expect(page.locator("#report-text .mention.verdict-confirmed")).to_have_text(
        "400 square kilometres"
    )
    page.locator("#report-text .mention.verdict-disputed").click()
    expect(page.locator("#side-panel h1.figure")).to_have_text("more than 10,000 soldiers")
    page.screenshot(path=artifacts("reading.png"), full_page=True)
    expect(page.locator("#report-text .mention.state-candidate")).to_have_text("US$2,000 a month")


def test_a_new_claim_from_a_selection_in_the_reading_view(
    live_server: Any, context: BrowserContext, editor: Any, reporter: Any, artifacts: Any
) -> None:
    source = make_source(reporter, text="Émigrés 🙂 counted 700,000 tons of rice at the port.")
    page = log_in(context, live_server.url, "alice")
    page.goto(f"{live_server.url}/sources/{source.pk}/")
    text = page.locator("#report-text")
    # Select "700,000 tons" by its characters (after an emoji: code points, not UTF-16 units).
    page.evaluate(
        """([needle]) => {
            const node = document.getElementById('report-text').firstChild;
            const at = node.textContent.indexOf(needle);
            const range = document.createRange();
            range.setStart(node, at);
            range.setEnd(node, at + needle.length);
            const selection = window.getSelection();
            selection.removeAllRanges();
            selection.addRange(range);
            document.getElementById('report-text').dispatchEvent(
                new MouseEvent('mouseup', {bubbles: true}));
        }""",
        ["700,000 tons"],
    )
    expect(page.locator("#selection-quote")).to_have_text("700,000 tons")
    page.get_by_role("button", name="New claim from selection").click()
    expect(page.get_by_label("Value")).to_have_value("700000")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#side-panel h1.figure")).to_contain_text("700,000")
    claim = Claim.objects.get()
    assert claim.mentions.get().quote == "700,000 tons"
    page.screenshot(path=artifacts("reading-new-claim.png"), full_page=True)
    expect(text.locator(".mention.state-candidate")).to_have_text("700,000 tons")


def test_two_editors_on_one_claim_lose_nothing(
    live_server: Any,
    browser: Browser,
    editor: Any,
    second_editor: Any,
    desk: dict[str, Claim],
    artifacts: Any,
) -> None:
    claim = desk["survey"]
    url = f"{live_server.url}/claims/{claim.pk}/"
    alice_context, bob_context = browser.new_context(), browser.new_context()
    try:
        alice = log_in(alice_context, live_server.url, "alice")
        bob = log_in(bob_context, live_server.url, "bob")
        alice.goto(url)
        bob.goto(url)
        # Alice confirms first (the dialog asks once).
        alice.get_by_role("radio", name="Confirm").check()
        alice.get_by_role("button", name="Record verdict").click()
        alice.get_by_role("dialog").get_by_role("button", name="Confirm").click()
        expect(alice.locator(".badges .verdict-confirmed")).to_have_text("Confirmed")
        # Bob, on the page he loaded before, disputes: he sees what Alice did.
        bob.get_by_label(re.compile("^Reason")).fill("The survey covers only one district.")
        bob.get_by_role("radio", name="Dispute").check()
        bob.get_by_role("button", name="Record verdict").click()
        conflict = bob.get_by_role("alert").filter(has_text="Someone else changed this claim")
        expect(conflict).to_be_visible()
        expect(conflict).to_contain_text("alice")
        expect(conflict).to_contain_text("confirmed")
        expect(conflict).to_be_focused()
        bob.screenshot(path=artifacts("conflict.png"), full_page=True)
        bob.get_by_role("button", name="Re-apply my change").click()
        expect(bob.locator(".badges .verdict-disputed")).to_have_text("Disputed")
        verdicts = ClaimEvent.objects.filter(claim=claim, action="claim.verdict").order_by("id")
        assert [(e.actor_label, e.after["verdict"]) for e in verdicts] == [
            ("alice", Verdict.CONFIRMED.value),
            ("bob", Verdict.DISPUTED.value),
        ]
        history = bob.locator(f"#claim-{claim.pk}-history > li")
        expect(history.nth(0)).to_contain_text("bob")
        expect(history.nth(1)).to_contain_text("alice")
    finally:
        alice_context.close()
        bob_context.close()


def test_accepting_works_without_javascript(
    live_server: Any, browser: Browser, editor: Any, desk: dict[str, Claim]
) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = log_in(context, live_server.url, "alice")
        page.goto(f"{live_server.url}/claims/{desk['cost'].pk}/")
        page.get_by_role("button", name="Accept").click()
        expect(page.locator(".badges .state-open")).to_have_text("Open")
        assert Claim.objects.get(pk=desk["cost"].pk).state == ClaimState.OPEN
        expect(page.locator("#toasts")).to_contain_text("accepted onto the desk")
    finally:
        context.close()


def test_confirm_asks_in_a_dialog_with_the_corroborating_evidence_ticked(
    live_server: Any, context: BrowserContext, editor: Any, desk: dict[str, Claim], artifacts: Any
) -> None:
    survey = desk["survey"]
    camp = desk["area"].mentions.get().source
    link = services.evidence_link(
        claim=survey, by=editor, relation="corroborates", target_source=camp
    )
    services.evidence_link(claim=survey, by=editor, relation="context", target_claim=desk["area"])
    page = log_in(context, live_server.url, "alice")
    page.goto(f"{live_server.url}/claims/{survey.pk}/")
    # A reason and Ctrl+Enter without a chosen verdict records nothing: it asks for a verdict.
    reason = page.get_by_label(re.compile("^Reason"))
    reason.fill("Two reports agree.")
    reason.press("Control+Enter")
    expect(page.locator("#toasts")).to_contain_text("Choose a verdict first")
    expect(page.get_by_role("radio", name="Confirm")).to_be_focused()
    assert not ClaimEvent.objects.filter(claim=survey, action="claim.verdict").exists()
    # "c" opens the dialog: the corroborating report ticked, the context link not.
    page.locator("body").focus()
    page.keyboard.press("c")
    dialog = page.get_by_role("dialog", name=f"Confirm claim {survey.pk}?")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_role("checkbox", name=re.compile("corroborates"))).to_be_checked()
    expect(dialog.get_by_role("checkbox", name=re.compile("context"))).not_to_be_checked()
    expect(dialog.get_by_label(re.compile("^Comment"))).to_have_value("Two reports agree.")
    page.screenshot(path=artifacts("confirm-dialog.png"), full_page=True)
    # Escape cancels; nothing recorded.
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    assert Claim.objects.get(pk=survey.pk).verdict == Verdict.UNVERIFIED
    # Again, and Enter confirms.
    page.keyboard.press("c")
    expect(dialog.get_by_role("button", name="Confirm")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator(".badges .verdict-confirmed")).to_have_text("Confirmed")
    record = Claim.objects.get(pk=survey.pk).current_verdict
    assert record is not None and [e.pk for e in record.evidence.all()] == [link.pk]
    assert record.reason == "Two reports agree."
    expect(page.locator(".relied-on")).to_contain_text(f"report {camp.pk}")


def test_confirming_works_without_javascript(
    live_server: Any, browser: Browser, editor: Any, desk: dict[str, Claim]
) -> None:
    survey = desk["survey"]
    camp = desk["area"].mentions.get().source
    link = services.evidence_link(
        claim=survey, by=editor, relation="corroborates", target_source=camp
    )
    context = browser.new_context(java_script_enabled=False)
    try:
        page = log_in(context, live_server.url, "alice")
        page.goto(f"{live_server.url}/claims/{survey.pk}/")
        page.get_by_role("radio", name="Confirm").check()
        page.get_by_role("button", name="Record verdict").click()
        # The same confirmation, shown by the server: nothing recorded yet.
        dialog = page.get_by_role("dialog", name=f"Confirm claim {survey.pk}?")
        expect(dialog).to_be_visible()
        expect(dialog.get_by_role("checkbox", name=re.compile("corroborates"))).to_be_checked()
        assert Claim.objects.get(pk=survey.pk).verdict == Verdict.UNVERIFIED
        dialog.get_by_role("button", name="Confirm").click()
        expect(page.locator(".badges .verdict-confirmed")).to_have_text("Confirmed")
        record = Claim.objects.get(pk=survey.pk).current_verdict
        assert record is not None and [e.pk for e in record.evidence.all()] == [link.pk]
    finally:
        context.close()


def test_same_claim_shows_the_way_and_never_archives_the_verdict(
    live_server: Any, context: BrowserContext, editor: Any, desk: dict[str, Claim], artifacts: Any
) -> None:
    survey = services.claim_set_verdict(
        claim=desk["survey"], by=editor, verdict=Verdict.CONFIRMED, expected_version=None
    )
    area = desk["area"]
    page = log_in(context, live_server.url, "alice")
    page.goto(f"{live_server.url}/claims/{area.pk}/")
    page.get_by_role("button", name=f"Same claim as claim {survey.pk}").click()
    preview = page.get_by_role("region", name=re.compile("Same claim: merge claims"))
    expect(preview).to_be_focused()
    expect(preview).to_contain_text(f"Suggested: keep claim {survey.pk}")
    expect(page.get_by_role("radio", name=re.compile(f"Keep claim {survey.pk}"))).to_be_checked()
    expect(preview).to_contain_text(f"Claim {area.pk} stays candidate (never shown to viewers)")
    page.screenshot(path=artifacts("merge-preview.png"), full_page=True)
    assert Claim.objects.get(pk=area.pk).merged_into_id is None
    preview.get_by_role("button", name="Merge").click()
    expect(page.locator("h1.figure")).to_have_text("350 square kilometres")
    expect(page.locator(".badges .verdict-confirmed")).to_have_text("Confirmed")
    expect(page).to_have_url(re.compile(f"/claims/{survey.pk}/$"))
    merged = Claim.objects.get(pk=area.pk)
    assert (merged.merged_into_id, merged.state) == (survey.pk, ClaimState.CANDIDATE)
    assert Claim.objects.get(pk=survey.pk).state == ClaimState.OPEN


def test_a_hostile_report_runs_nothing_and_sends_nothing(
    live_server: Any, context: BrowserContext, editor: Any, reporter: Any
) -> None:
    payload = (
        "<script>window.__pwned = 1; fetch('/pwned-script')</script> "
        "<img src=x onerror=\"window.__pwned = 2; fetch('/pwned-img')\"> "
        '<a hx-get="/pwned-htmx" hx-trigger="load">7 cats</a> were seen.'
    )
    source = make_source(reporter, text=payload, title='<b hx-get="/pwned-title">Tainted</b>')
    start = payload.index("7 cats")
    claim = services.claim_create(
        by=reporter,
        source=source,
        start=start,
        end=start + 6,
        statement='<script>alert("statement")</script> 7 cats',
        quantity={"value": Decimal(7), "unit_name": "cat"},
    )
    page = log_in(context, live_server.url, "alice")
    requests: list[str] = []
    errors: list[str] = []
    dialogs: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))

    def on_dialog(dialog: Any) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)

    page.goto(f"{live_server.url}/sources/{source.pk}/")
    expect(page.locator("#report-text")).to_contain_text("<script>window.__pwned")
    page.locator("#report-text .mention").click()
    expect(page.locator("#side-panel h1.figure")).to_have_text("7 cats")
    page.goto(f"{live_server.url}/claims/{claim.pk}/")
    expect(page.locator(".statement")).to_contain_text('<script>alert("statement")</script>')
    page.goto(f"{live_server.url}/claims/?q=cats")
    expect(page.locator(f"#claim-{claim.pk}-row")).to_be_visible()

    assert page.evaluate("window.__pwned") is None
    assert dialogs == []
    assert [e for e in errors if "favicon" not in e] == []
    assert not [u for u in requests if "pwned" in u or not u.startswith(live_server.url)]
    expect(page.locator("#report-text, img[src='x']")).to_have_count(0)
