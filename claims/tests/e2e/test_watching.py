"""Watching in a real browser: the claim page's watch button (htmx, in place), the header's
unread count (loaded by htmx after the page), and the notifications page marking read."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import BrowserContext, expect

from claims import services
from claims.models_watch import Watch
from claims.tests.e2e.conftest import CHROMIUM, SKIP_REASON
from claims.tests.e2e.test_review_desk import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.skipif(CHROMIUM is None, reason=SKIP_REASON)]


def test_watch_a_claim_and_hear_of_its_verdict(
    live_server: Any,
    context: BrowserContext,
    second_editor: Any,
    editor: Any,
    open_claim: Any,
    artifacts: Any,
) -> None:
    page = log_in(context, live_server.url, second_editor.username)
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(f"{live_server.url}/claims/{open_claim.pk}/")
    page.get_by_role("button", name="Watch this claim").click()
    expect(page.get_by_role("status").filter(has_text="You watch this claim")).to_be_visible()
    assert Watch.objects.filter(user=second_editor, claim=open_claim).exists()

    services.claim_set_verdict(
        claim=open_claim,
        by=editor,
        verdict="disputed",
        reason="The ministry's own map shows less.",
        expected_version=open_claim.version,
    )
    page.goto(f"{live_server.url}/")
    link = page.get_by_role("link", name="Notifications")
    expect(link.locator(".badge")).to_have_text("1 unread")
    page.screenshot(path=artifacts("watching-badge.png"))
    link.click()
    expect(page.get_by_text("which you watch as claim #")).to_be_visible()
    page.get_by_role("button", name="Mark all read").click()
    expect(page.get_by_text("1 marked read.")).to_be_visible()
    expect(page.get_by_role("link", name="Notifications").locator(".badge")).to_have_count(0)
    assert not [e for e in errors if "Content Security Policy" in e], errors
