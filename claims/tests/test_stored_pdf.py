"""A published version's PDF: rendered once by the worker, stored, served from storage.

The renders here are real WeasyPrint renders (claims.exports.pdf) unless a test counts
renderer calls, where a counting wrapper calls the real renderer through.
"""

from __future__ import annotations

import hashlib
import threading
from typing import Any

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from claims import services
from claims.exports import stored_pdf
from claims.models import FactSheetPdf, PdfStatus
from claims.tests.factsheet_desk import desk_sheet

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _pdf_dir(settings: Any, tmp_path: Any) -> None:
    settings.FACTSHEET_PDF_DIR = tmp_path / "pdfs"


@pytest.fixture
def version(reporter: Any, editor: Any, source: Any) -> Any:
    desk = desk_sheet(reporter, editor, source)
    return services.factsheet_publish(sheet=desk["sheet"], by=editor)


@pytest.fixture
def renders(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every call of the PDF renderer (the real one runs)."""
    calls: list[str] = []
    real = stored_pdf.pdf_export.render

    def counting(content: Any, *, paper: str = "a4", timeout: float | None = None) -> bytes:
        calls.append(paper)
        return real(content, paper=paper, timeout=timeout)

    monkeypatch.setattr(stored_pdf.pdf_export, "render", counting)
    return calls


@pytest.fixture
def enqueued(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    lock = threading.Lock()
    real = stored_pdf._enqueue

    def counting(pdf_id: int) -> None:
        with lock:
            calls.append(pdf_id)
        real(pdf_id)

    monkeypatch.setattr(stored_pdf, "_enqueue", counting)
    return calls


def url(version: Any, paper: str = "a4") -> str:
    base = reverse(
        "claims:factsheet_version_export", args=[version.sheet_id, version.number, "pdf"]
    )
    return f"{base}?paper={paper}"


def test_publishing_asks_the_worker_for_both_paper_sizes(version: Any) -> None:
    rows = FactSheetPdf.objects.filter(version=version).order_by("paper")
    assert [(r.paper, r.status) for r in rows] == [("a4", "pending"), ("letter", "pending")]


def test_the_first_download_shows_progress_then_the_stored_file_is_served(
    client: Any, viewer: Any, version: Any, renders: list[str], django_assert_max_num_queries: Any
) -> None:
    client.force_login(viewer)
    waiting = client.get(url(version))
    assert waiting.status_code == 200 and waiting["Content-Type"].startswith("text/html")
    page = waiting.content.decode()
    assert "<progress" in page and 'hx-trigger="every 1s"' in page
    assert renders == []  # the web request never renders

    pdf = FactSheetPdf.objects.get(version=version, paper="a4")
    done = stored_pdf.render_stored(pdf.pk)  # the worker's part
    assert done is not None and done.status == PdfStatus.DONE and renders == ["a4"]

    poll = client.get(url(version), headers={"HX-Request": "true"})
    assert 'id="pdf-download"' in poll.content.decode() and "<html" not in poll.content.decode()

    with django_assert_max_num_queries(8):
        first = client.get(url(version))
    body = b"".join(first.streaming_content)
    assert body.startswith(b"%PDF")
    assert first["Content-Disposition"] == (
        f'attachment; filename="factsheet-{version.sheet_id}-v{version.number}-a4.pdf"'
    )
    assert first["X-Content-SHA256"] == hashlib.sha256(body).hexdigest() == done.sha256
    second = client.get(url(version))
    assert b"".join(second.streaming_content) == body
    assert renders == ["a4"]  # rendered once, served twice


def test_a4_and_letter_downloads_have_different_names_and_sizes(
    client: Any, editor: Any, version: Any
) -> None:
    client.force_login(editor)
    for pdf in FactSheetPdf.objects.filter(version=version):
        stored_pdf.render_stored(pdf.pk)
    a4 = client.get(url(version, "a4"))
    letter = client.get(url(version, "letter"))
    assert a4["Content-Disposition"].endswith('-a4.pdf"')
    assert letter["Content-Disposition"].endswith('-letter.pdf"')
    assert b"".join(a4.streaming_content) != b"".join(letter.streaming_content)


def test_a_task_that_runs_twice_renders_once(version: Any, renders: list[str]) -> None:
    pdf = FactSheetPdf.objects.get(version=version, paper="a4")
    assert stored_pdf.render_stored(pdf.pk) is not None
    assert stored_pdf.render_stored(pdf.pk) is None
    assert renders == ["a4"]
    assert FactSheetPdf.objects.get(pk=pdf.pk).renders == 1


def test_a_damaged_file_is_never_served_and_goes_back_to_the_worker(
    client: Any, editor: Any, version: Any, enqueued: list[int]
) -> None:
    client.force_login(editor)
    pdf = FactSheetPdf.objects.get(version=version, paper="a4")
    stored_pdf.render_stored(pdf.pk)
    path = stored_pdf.path_of(pdf)
    path.write_bytes(path.read_bytes()[:-10] + b"0123456789")
    response = client.get(url(version))
    assert response["Content-Type"].startswith("text/html")
    assert FactSheetPdf.objects.get(pk=pdf.pk).status == PdfStatus.PENDING
    assert enqueued == [pdf.pk]
    assert stored_pdf.render_stored(pdf.pk) is not None
    assert stored_pdf.whole_file(FactSheetPdf.objects.get(pk=pdf.pk)) is not None


def test_a_failed_render_says_why_and_the_next_request_retries(
    client: Any, editor: Any, version: Any, enqueued: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    client.force_login(editor)
    pdf = FactSheetPdf.objects.get(version=version, paper="a4")

    def broken(*args: Any, **kwargs: Any) -> bytes:
        raise stored_pdf.pdf_export.PdfError("The PDF took longer than 60 s to make")

    monkeypatch.setattr(stored_pdf.pdf_export, "render", broken)
    stored_pdf.render_stored(pdf.pk)
    assert FactSheetPdf.objects.get(pk=pdf.pk).status == PdfStatus.FAILED
    page = client.get(url(version), headers={"HX-Request": "true"}).content.decode()
    # The request that found it failed sent it back; the page shows it waiting again.
    assert enqueued == [pdf.pk]
    assert FactSheetPdf.objects.get(pk=pdf.pk).status == PdfStatus.PENDING
    assert "<progress" in page


def test_a_draft_pdf_is_still_rendered_on_request(client: Any, editor: Any, version: Any) -> None:
    client.force_login(editor)
    draft = reverse("claims:factsheet_draft_export", args=[version.sheet_id, "pdf"])
    response = client.get(draft + "?paper=letter")
    assert response.content.startswith(b"%PDF")
    assert response["Content-Disposition"].endswith('-draft-letter.pdf"')


# --- eight downloads at once (PostgreSQL: real concurrent transactions) --------------------


@pytest.mark.django_db(transaction=True)
def test_eight_concurrent_first_downloads_start_one_renderer(
    reporter: Any, editor: Any, source: Any, enqueued: list[int], renders: list[str]
) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers: no two requests race there")
    desk = desk_sheet(reporter, editor, source)
    version = services.factsheet_publish(sheet=desk["sheet"], by=editor)
    FactSheetPdf.objects.filter(version=version).delete()  # as if never asked for
    enqueued.clear()
    start = threading.Barrier(8, timeout=30)
    statuses: list[int] = []
    errors: list[BaseException] = []

    def download() -> None:
        try:
            client = Client()
            client.force_login(editor)
            start.wait()
            statuses.append(client.get(url(version)).status_code)
        except BaseException as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=download) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == [] and statuses == [200] * 8
    rows = list(FactSheetPdf.objects.filter(version=version))
    assert len(rows) == 1 and enqueued == [rows[0].pk]

    # And eight workers handed the same task: one renders, seven find it taken.
    results: list[Any] = []
    go = threading.Barrier(8, timeout=30)

    def work() -> None:
        try:
            go.wait()
            results.append(stored_pdf.render_stored(rows[0].pk))
        finally:
            connections.close_all()

    workers = [threading.Thread(target=work) for _ in range(8)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(120)
    assert sum(r is not None for r in results) == 1
    assert renders == ["a4"]
    assert FactSheetPdf.objects.get(pk=rows[0].pk).renders == 1
