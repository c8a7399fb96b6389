"""A published version's PDF: rendered once by the task worker, kept on disk, served at once.

A version never changes, so neither does its PDF. The first download of a version (per paper
size) creates its :class:`~claims.models.FactSheetPdf` row and enqueues
:func:`claims.tasks.render_factsheet_pdf`; that request, and any that arrive while the worker
renders, get a progress page that polls (htmx) instead of holding a web worker for the 3–6 s
WeasyPrint takes. Publishing enqueues both paper sizes straight away, so usually the file is
there before anyone asks.

Only one renderer per (version, paper), however many downloads arrive at once:

- the row is unique on (version, paper) in the database, so concurrent first requests make one
  row: ``get_or_create`` inserts, and the losers of the race see the unique violation and read
  the winner's row; only the request that inserted it enqueues a render;
- the worker takes a row with one conditional ``UPDATE … WHERE status = 'pending'``, so a task
  that runs twice (a retry, a duplicate enqueue) renders once: the second finds it running;
- a failed render, a render stuck for ``STALE_AFTER`` (a worker killed mid-way) or a stored
  file that no longer matches its size and SHA-256 goes back to pending through the same kind
  of conditional UPDATE, which one request wins.

Files live under ``FACTSHEET_PDF_DIR`` (default ``VAR_DIR/factsheet-pdfs``), written to a
``.part`` file, fsynced and renamed, so a reader never sees half a PDF.
"""

from __future__ import annotations

import hashlib
import logging
import os
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from claims.exports import pdf as pdf_export
from claims.exports.content import load_content
from claims.models import FactSheetPdf, FactSheetVersion, PdfStatus

logger = logging.getLogger(__name__)

PAPERS = ("a4", "letter")
STALE_AFTER = timedelta(minutes=10)
READ_CHUNK = 1 << 20


def pdf_dir() -> Path:
    return Path(getattr(settings, "FACTSHEET_PDF_DIR", "") or settings.VAR_DIR / "factsheet-pdfs")


def path_of(pdf: FactSheetPdf) -> Path:
    return pdf_dir() / f"version-{pdf.version_id}-{pdf.paper}.pdf"


def task_backend() -> str:
    """The backend that renders: never inline in a web request. With the embedded default
    (ImmediateBackend) that is the "background" database queue the worker drains."""
    from django.tasks import task_backends
    from django.tasks.backends.immediate import ImmediateBackend

    return "background" if isinstance(task_backends["default"], ImmediateBackend) else "default"


def _enqueue(pdf_id: int) -> None:
    from claims.tasks import render_factsheet_pdf

    transaction.on_commit(
        lambda: render_factsheet_pdf.using(backend=task_backend()).enqueue(pdf_id)
    )


def request_pdf(version: FactSheetVersion, paper: str) -> tuple[FactSheetPdf, Path | None]:
    """The version's PDF row for ``paper`` and its whole stored file (None until ready). The
    row is made (and its render enqueued) on the first request, and sent back to the worker
    when its last render failed, stalled or its file was lost."""
    if paper not in PAPERS:
        raise ValueError(f"Unknown paper size {paper!r}.")
    with transaction.atomic():
        pdf, created = FactSheetPdf.objects.get_or_create(version=version, paper=paper)
        if created:
            _enqueue(pdf.pk)
            return pdf, None
        path = whole_file(pdf)
        if path is not None:
            return pdf, path
        stale = timezone.now() - STALE_AFTER
        retry = Q(status=PdfStatus.FAILED) | Q(status=PdfStatus.RUNNING, started_at__lt=stale)
        if pdf.status == PdfStatus.DONE:
            retry = Q(status=PdfStatus.DONE, sha256=pdf.sha256)  # the file went missing
        if FactSheetPdf.objects.filter(retry, pk=pdf.pk).update(status=PdfStatus.PENDING, error=""):
            _enqueue(pdf.pk)
            pdf.refresh_from_db()
    return pdf, None


def request_all(version: FactSheetVersion) -> None:
    """Enqueue every paper size of a newly published version (publishing calls this)."""
    for paper in PAPERS:
        request_pdf(version, paper)


def render_stored(pdf_id: int) -> FactSheetPdf | None:
    """The worker's part: render the PDF and store it, if this call takes the row."""
    taken = FactSheetPdf.objects.filter(pk=pdf_id, status=PdfStatus.PENDING).update(
        status=PdfStatus.RUNNING, started_at=timezone.now(), renders=F("renders") + 1
    )
    if not taken:
        logger.info("PDF %s is gone, done or already being made", pdf_id)
        return None
    pdf = FactSheetPdf.objects.select_related("version").get(pk=pdf_id)
    final = path_of(pdf)
    partial = final.with_name(final.name + ".part")
    try:
        body = pdf_export.render(load_content(pdf.version), paper=pdf.paper)
        final.parent.mkdir(parents=True, exist_ok=True)
        with partial.open("wb") as out:
            out.write(body)
            out.flush()
            os.fsync(out.fileno())
        partial.replace(final)
    except Exception as exc:
        partial.unlink(missing_ok=True)
        logger.exception("The PDF of version %s (%s) failed", pdf.version_id, pdf.paper)
        FactSheetPdf.objects.filter(pk=pdf_id).update(
            status=PdfStatus.FAILED,
            error=f"{type(exc).__name__}: {exc}"[:2000],
            finished_at=timezone.now(),
        )
        pdf.refresh_from_db()
        return pdf
    FactSheetPdf.objects.filter(pk=pdf_id).update(
        status=PdfStatus.DONE,
        size=len(body),
        sha256=hashlib.sha256(body).hexdigest(),
        finished_at=timezone.now(),
        error="",
    )
    pdf.refresh_from_db()
    return pdf


def whole_file(pdf: FactSheetPdf) -> Path | None:
    """The stored file if it is exactly what the worker wrote (size and SHA-256), else None."""
    if pdf.status != PdfStatus.DONE or not pdf.sha256:
        return None
    path = path_of(pdf)
    try:
        if path.stat().st_size != pdf.size:
            return None
        digest = hashlib.sha256()
        with path.open("rb") as handle:
            while chunk := handle.read(READ_CHUNK):
                digest.update(chunk)
    except OSError:
        return None
    return path if digest.hexdigest() == pdf.sha256 else None
