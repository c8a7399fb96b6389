"""Benchmark of hostile and oversized reports: how long until the desk answers.

Run from the repository root:

    .venv/bin/python bench/hostile.py
    .venv/bin/python bench/hostile.py --pdf-pages 200     # a longer legitimate PDF (default 50)

Measures, on a throwaway SQLite desk with the embedded defaults (ImmediateBackend, the
"background" queue for large reports, INGEST_PDF_TIMEOUT):

* the ~78 KB PDF decompression bomb (100 pages sharing one FlateDecode stream of 70 MB of
  spaces) and a bomb built to stay under the content budget: both answered "this PDF is too
  complex to read". Target: under 10 s each.
* a legitimate PDF of dense text pages (made with WeasyPrint): pages read per second, which
  says how long a PDF can be before INGEST_PDF_TIMEOUT refuses it.
* a 200 KB paste of repeated figures: the request (the report is stored, extraction queued
  for the background worker; target under 2 s), then the worker's run (at most 500
  candidates; target under 30 s).
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PARAGRAPH = (
    "The water board said 3,200 households paid 14 percent more in 2023, while 450 firms saw "
    "bills rise by 2.1 million pounds. "
)


def timed(label: str, target: float | None, work: object) -> float:
    started = time.monotonic()
    outcome = work()  # type: ignore[operator]
    seconds = time.monotonic() - started
    verdict = "" if target is None else ("  OK" if seconds < target else "  MISSED")
    shown = f"target < {target:g} s" if target is not None else "no target"
    print(f"{label:<58} {seconds:7.2f} s  ({shown}){verdict}  {outcome}")
    return seconds


def refused(data: bytes) -> str:
    from claims.ingest import IngestError, pdf_text

    try:
        pdf_text(data)
    except IngestError as exc:
        return f"refused: {exc.reason[:60]}"
    return "read (not refused!)"


def dense_pdf(pages: int) -> bytes:
    from weasyprint import HTML

    paragraph = f"<p>{PARAGRAPH * 6}</p>"
    page = paragraph * 8 + "<div style='page-break-after: always'></div>"
    body = page * max(1, pages // 2)  # each block fills about two A4 pages
    return HTML(string=f"<html><body>{body}</body></html>").write_pdf() or b""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pdf-pages", type=int, default=50)
    args = parser.parse_args()

    var = tempfile.mkdtemp(prefix="factdesk-bench-hostile-")
    for name in [k for k in os.environ if k.startswith(("DATABASE_URL", "TASKS_"))]:
        del os.environ[name]
    os.environ.update(
        DJANGO_SETTINGS_MODULE="factdesk.settings",
        FACTDESK_VAR_DIR=var,
        DATABASE_URL=f"sqlite:///{var}/bench.sqlite3",
        LOG_LEVEL="WARNING",
    )
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from pypdf import PdfReader

    from claims import services
    from claims.ingest.pdf_worker import read_pdf
    from claims.management.commands.create_desk_user import set_up_user
    from claims.models import Mention, Source
    from claims.permissions import Role
    from claims.tasks import extract_source
    from claims.tests.ingest.pages import make_pdf_bomb

    call_command("migrate", "--no-input", verbosity=0)
    set_up_user(
        username="rita",
        role=Role.REPORTER,
        password="bench-pass-1234",  # noqa: S106 -- a throwaway desk
        check_password=False,
    )
    from django.contrib.auth.models import User

    rita = User.objects.get(username="rita")
    print(f"INGEST_PDF_TIMEOUT = {settings.INGEST_PDF_TIMEOUT} s, ", end="")
    print(f"EXTRACTION_MAX_CANDIDATES = {settings.EXTRACTION_MAX_CANDIDATES}")

    bomb = make_pdf_bomb()
    timed(f"PDF bomb, {len(bomb) / 1024:.0f} KB, 100 pages x 70 MB", 10, lambda: refused(bomb))
    under = make_pdf_bomb(pages=20, spaces=30 * 1024 * 1024)
    timed("PDF bomb under the content budget, 20 pages x 30 MB", 10, lambda: refused(under))

    legit = dense_pdf(args.pdf_pages)
    pages = len(PdfReader(io.BytesIO(legit)).pages)
    # In this process, without the time limit, to measure pypdf's own speed.
    seconds = timed(
        f"legitimate PDF, {pages} dense pages (no limit)",
        None,
        lambda: f"{len(read_pdf(legit)['text'])} chars",
    )
    rate = pages / seconds
    print(f"{'':<58} {rate:.1f} pages a second: INGEST_PDF_TIMEOUT allows about ", end="")
    print(f"{int(rate * settings.INGEST_PDF_TIMEOUT)} such pages")

    text = "Water bills\n\n" + PARAGRAPH * 1700
    result: dict[str, Source] = {}

    def paste() -> str:
        from django.db import transaction

        with transaction.atomic():
            result["source"] = services.ingest_text(text=text, title="Water bills", by=rita).source
        return f"{len(text) // 1024} KB stored, extraction {result['source'].extraction_status}"

    timed("200 KB paste of repeated figures: the request", 2, paste)
    source = result["source"]
    timed(
        "the same, extracted by the background worker", 30, lambda: extract_source.call(source.pk)
    )
    source.refresh_from_db()
    kept = Mention.objects.filter(source=source).count()
    print(f"{'':<58} {kept} candidates of about {source.figures_found} figures")


if __name__ == "__main__":
    main()
