"""Publishing in a real browser: the warnings, the stored PDF (downloaded twice, the second
from storage), the print page, readable history and the dashboard's next steps.

Screenshots go to test-artifacts/: the history, the dashboard and the published sheet's
first page: the stored PDF's own first page rendered by ``pdftoppm`` (poppler-utils) where it
is installed, else the print page the PDF is made from, at A4 in print media (which is always
kept too, as publish-print-page.png, when the PDF's own page is there).
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from claims.exports import stored_pdf
from claims.models import FactSheetPdf, FactSheetVersion, PdfStatus
from claims.tests.e2e.conftest import CHROMIUM, SKIP_REASON
from claims.tests.e2e.test_review_desk import log_in
from claims.tests.factsheet_desk import desk_sheet

pytestmark = [pytest.mark.e2e, pytest.mark.skipif(CHROMIUM is None, reason=SKIP_REASON)]


def _pdf_first_page_png(pdf: Path, png: Path) -> bool:
    """The PDF's first page as a PNG at ``png`` (96 dpi), if pdftoppm is installed."""
    tool = shutil.which("pdftoppm")
    if tool is None:
        return False
    png.unlink(missing_ok=True)
    subprocess.run(  # noqa: S603 -- pdftoppm found on PATH, fixed arguments, our own file
        [
            tool,
            "-png",
            "-r",
            "96",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(pdf),
            str(png.with_suffix("")),
        ],
        check=True,
        timeout=60,
        capture_output=True,
    )
    assert png.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    return True


@pytest.fixture(autouse=True)
def _pdf_dir(settings: Any, tmp_path: Path) -> None:
    settings.FACTSHEET_PDF_DIR = tmp_path / "pdfs"


def watch(page: Page) -> list[str]:
    """Console errors (a CSP violation is one) and uncaught page errors."""
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    return errors


def test_a_published_sheets_pdf_is_made_once_and_then_served_from_storage(
    live_server: Any,
    context: BrowserContext,
    reporter: Any,
    editor: Any,
    source: Any,
    artifacts: Any,
) -> None:
    desk = desk_sheet(reporter, editor, source)
    _a, b, c = desk["claims"]
    sheet = desk["sheet"]
    page = log_in(context, live_server.url, "alice")
    errors = watch(page)

    # The builder warns before publishing, naming claims by number.
    page.goto(f"{live_server.url}/factsheets/{sheet.pk}/")
    warnings = page.locator("#fs-publish-warnings")
    expect(warnings).to_contain_text(f"Claim {c.pk} is unverified.")
    expect(warnings).to_contain_text(f"Claim {b.pk} is disputed.")
    page.get_by_role("button", name="Publish version 1").click()
    expect(page.get_by_role("heading", name="version 1")).to_be_visible()
    version = FactSheetVersion.objects.get(sheet=sheet, number=1)
    pdf = FactSheetPdf.objects.get(version=version, paper="a4")
    assert pdf.status == PdfStatus.PENDING  # publishing asked the worker

    # First download: the worker has not run yet, so the page shows progress.
    page.get_by_role("link", name="PDF (A4)").click()
    expect(page.get_by_role("heading", name="PDF (A4) of version 1")).to_be_visible()
    expect(page.locator("#pdf-status progress")).to_be_visible()
    done = stored_pdf.render_stored(pdf.pk)  # the worker's part, as db_worker would run it
    assert done is not None and done.status == PdfStatus.DONE
    ready = page.locator("#pdf-download")
    expect(ready).to_be_visible(timeout=15_000)  # the page polls and offers the file
    with page.expect_download() as first_download:
        ready.click()
    first = first_download.value
    assert first.suggested_filename == f"factsheet-{sheet.pk}-v1-a4.pdf"
    first_bytes = Path(first.path()).read_bytes()
    assert first_bytes.startswith(b"%PDF")
    pdf_page = _pdf_first_page_png(Path(first.path()), Path(artifacts("publish-pdf-page.png")))

    # Second download, from the version page: straight from storage, no progress page.
    page.goto(f"{live_server.url}/factsheets/{sheet.pk}/versions/1/")
    with page.expect_download() as second_download:
        page.get_by_role("link", name="PDF (A4)").click()
    second_bytes = Path(second_download.value.path()).read_bytes()
    assert second_bytes == first_bytes
    stored = FactSheetPdf.objects.get(pk=pdf.pk)
    assert stored.renders == 1 and stored.sha256 == hashlib.sha256(second_bytes).hexdigest()
    expect(page.get_by_role("heading", name="version 1")).to_be_visible()

    # Letter has its own name.
    letter = FactSheetPdf.objects.get(version=version, paper="letter")
    stored_pdf.render_stored(letter.pk)
    with page.expect_download() as letter_download:
        page.get_by_role("link", name="PDF (Letter)").click()
    assert letter_download.value.suggested_filename == f"factsheet-{sheet.pk}-v1-letter.pdf"

    # "Web page (print)" opens in the browser; a page of it as printed (A4) for review.
    with context.expect_page() as opened:
        page.get_by_role("link", name="Web page (print)").click()
    printed = opened.value
    printed_errors = watch(printed)
    expect(printed.get_by_role("heading", name="About this sheet")).to_be_visible()
    expect(printed.locator(".fs-colophon")).to_contain_text(version.chain_head)
    expect(printed.locator(".fs-publication")).not_to_contain_text(version.chain_head)
    printed.set_viewport_size({"width": 794, "height": 1123})  # A4 at 96 dpi
    printed.emulate_media(media="print")
    printed.screenshot(
        path=artifacts("publish-print-page.png" if pdf_page else "publish-pdf-page.png")
    )
    expect(printed.locator(f"#fs-claim-{b.pk}")).to_contain_text("Contradicted by")
    printed.close()
    assert printed_errors == []
    assert errors == []


def test_history_and_dashboard_read_as_sentences(
    live_server: Any,
    context: BrowserContext,
    reporter: Any,
    editor: Any,
    source: Any,
    artifacts: Any,
) -> None:
    desk = desk_sheet(reporter, editor, source)
    _a, b, c = desk["claims"]
    page = log_in(context, live_server.url, "alice")
    errors = watch(page)

    page.goto(f"{live_server.url}/claims/{b.pk}/")
    history = page.locator(f"#claim-{b.pk}-history")
    expect(history).to_contain_text("Disputed, relying on 1 piece of evidence")
    expect(history).to_contain_text(f"Evidence added: this claim contradicts claim {c.pk}")
    expect(history).to_contain_text("Accepted onto the desk")
    expect(history).to_contain_text("Added to fact sheet")
    expect(history.get_by_text("evidence_relied_on").first).to_be_hidden()  # folded away…
    raw = history.locator("details.raw-fields").first
    raw.locator("summary").click()
    expect(raw).to_contain_text("factsheet_id")  # …one click away
    expect(history.get_by_role("link", name="See the claim as of this").first).to_be_visible()
    expect(history.get_by_role("link", name="Revert to this…").first).to_be_visible()
    page.locator("#history-title").scroll_into_view_if_needed()
    page.locator("#history-title").locator("xpath=..").screenshot(
        path=artifacts("publish-history.png")
    )

    page.goto(f"{live_server.url}/")
    todo = page.locator(".todo-line")
    expect(todo).to_contain_text("0 candidates waiting")
    expect(todo).to_contain_text("0 conflicts")
    expect(todo).to_contain_text("0 disputed claims without evidence")
    recent = page.locator("#recent").locator("xpath=..")
    expect(recent.get_by_role("link", name="Troops").first).to_be_visible()
    page.screenshot(path=artifacts("publish-dashboard.png"), full_page=True)
    page.get_by_role("link", name="0 conflicts").click()
    expect(page).to_have_url(f"{live_server.url}/conflicts/")
    assert errors == []
