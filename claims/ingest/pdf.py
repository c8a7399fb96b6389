"""Reading a PDF in a child process under CPU, memory and wall-clock limits.

pypdf runs in :mod:`claims.ingest.pdf_worker`, started through :mod:`claims.sandbox` (the
mechanism the fact-sheet PDF export uses too). Whatever the PDF does to the parser (a
decompression bomb, a page tree that loops, a stream that exhausts memory), the caller gets
either the text or an :class:`IngestError` within ``PdfLimits.timeout`` seconds and a little.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from typing import Any

from claims import sandbox

from .errors import IngestError
from .pdf_worker import DAMAGED, TOO_COMPLEX
from .sniff import human_size

WORKER = "claims.ingest.pdf_worker"
logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PdfLimits:
    """How much one PDF may cost. The service layer fills these from settings."""

    timeout: float = 8.0
    memory_bytes: int = 1024**3


def read_pdf(data: bytes, *, limits: PdfLimits | None = None) -> dict[str, Any]:
    """``{"text", "title", "author", "created"}`` of a PDF, read by a limited child process.

    Raises IngestError (with a reason fit for the user) when the PDF is refused, damaged,
    protected, or too costly to read.
    """
    limits = limits or PdfLimits()
    try:
        done = sandbox.run_child(
            WORKER,
            data=data,
            timeout=limits.timeout,
            args=[str(sandbox.cpu_seconds_for(limits.timeout)), str(limits.memory_bytes)],
        )
    except sandbox.ChildTimeout:
        raise IngestError(
            f"{TOO_COMPLEX} (reading it took longer than {limits.timeout:g} s); if it is simply "
            "very long, paste its text or upload it as a .txt file instead"
        ) from None
    detail = done.stderr.decode("utf-8", "replace")[-500:]
    if done.returncode < 0 or (done.returncode != 0 and "MemoryError" in detail):
        # Stopped by the kernel (SIGXCPU past the CPU limit, or a crash in the parser), or out
        # of memory outside the worker's own handler.
        raise IngestError(
            f"{TOO_COMPLEX} (it needs more than {human_size(limits.memory_bytes)} of memory "
            f"or {sandbox.cpu_seconds_for(limits.timeout)} s of processor time)",
            detail=f"exit {done.returncode}: {detail}",
        )
    if done.returncode != 0:
        logger.error("The PDF reader failed (exit %s): %s", done.returncode, detail)
        raise IngestError(DAMAGED, detail=f"exit {done.returncode}: {detail}")
    try:
        answer = json.loads(done.stdout.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise IngestError(DAMAGED, detail=detail) from None
    if not isinstance(answer, dict):
        raise IngestError(DAMAGED, detail=detail)
    if "refused" in answer:
        raise IngestError(str(answer["refused"]), detail=answer.get("detail"))
    return answer
