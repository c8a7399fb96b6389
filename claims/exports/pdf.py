"""PDF through WeasyPrint, rendered from the HTML export in a child process.

The child (:mod:`claims.exports.pdf_worker`, started through :mod:`claims.sandbox`) refuses
every URL fetch, runs under CPU and memory limits, and is killed when it overruns the
wall-clock limit (``FACTSHEET_PDF_TIMEOUT`` seconds, 60 by default). Paper is A4 unless
``paper="letter"``.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from django.conf import settings

from claims import sandbox
from claims.exports import html as html_export

logger = logging.getLogger(__name__)


class PdfError(RuntimeError):
    """The PDF could not be made (time limit, or WeasyPrint failed)."""


def time_limit() -> float:
    return float(settings.FACTSHEET_PDF_TIMEOUT)


def html_to_pdf(html: str, *, timeout: float | None = None) -> bytes:
    limit = time_limit() if timeout is None else timeout
    try:
        done = sandbox.run_child(
            "claims.exports.pdf_worker",
            data=html.encode("utf-8"),
            timeout=limit,
            args=[str(sandbox.cpu_seconds_for(limit))],
        )
    except sandbox.ChildTimeout:
        raise PdfError(f"The PDF took longer than {limit:g} s to make; it was stopped.") from None
    for line in done.stderr.decode("utf-8", "replace").splitlines():
        if line.startswith("refused: "):
            logger.warning("PDF export refused a fetch: %s", line.removeprefix("refused: "))
    if done.returncode != 0 or not done.stdout.startswith(b"%PDF"):
        tail = done.stderr.decode("utf-8", "replace")[-500:]
        raise PdfError(f"WeasyPrint failed (exit {done.returncode}): {tail}")
    return done.stdout


def render(content: Mapping[str, Any], *, paper: str = "a4", timeout: float | None = None) -> bytes:
    return html_to_pdf(html_export.render_text(content, paper=paper or "a4"), timeout=timeout)
