"""Read a PDF's text layer and metadata (stdin) into JSON (stdout). Run by ``pdf.py``.

A child process under CPU and memory limits (see :mod:`claims.sandbox`), killed by the parent
when it overruns the wall-clock limit: a PDF built to make pypdf work for hours (one small
FlateDecode stream of tens of megabytes of spaces shared by hundreds of pages) costs this
process, never the request. Inside, a budget on the decoded page content stops such a PDF
early, before the clock has to.

The answer is one JSON object: ``{"text", "title", "author", "created"}`` on success, or
``{"refused": reason, "detail": ...}`` with a reason in plain words. It imports no Django.
"""

from __future__ import annotations

import io
import json
import re
import sys
from typing import Any

from claims.sandbox import limit_self

from .clean import clean_text
from .errors import IngestError

MAX_PDF_PAGES = 500
# Decoded page content (drawing instructions) across the whole document. A text-heavy report
# page holds a few tens of KB; 500 such pages stay far below this.
MAX_CONTENT_BYTES = 64 * 1024 * 1024
TOO_COMPLEX = "this PDF is too complex to read"
DAMAGED = "the PDF could not be read (it may be damaged)"
PASSWORD = "the PDF is protected by a password; upload a copy saved without one"  # noqa: S105
CANNOT_DECRYPT = (
    "the PDF is encrypted in a way Factdesk cannot open; upload a copy saved without protection"
)
NO_TEXT = "the PDF has no text in it (it may be a scanned image)"
_BLANK_LINES = re.compile(r"\n{3,}")


def _open(data: bytes) -> Any:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, LimitReachedError, PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise IngestError(PASSWORD)
        return reader
    except IngestError:
        raise
    except (DependencyError, NotImplementedError) as exc:
        # An encryption method we cannot undo (another security handler than the standard
        # one, or AES without ``cryptography``): say so, rather than "damaged".
        if b"/Encrypt" in data:
            raise IngestError(CANNOT_DECRYPT, detail=repr(exc)) from None
        raise IngestError(DAMAGED, detail=repr(exc)) from None
    except LimitReachedError as exc:
        raise IngestError(TOO_COMPLEX, detail=repr(exc)) from None
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise IngestError(DAMAGED, detail=repr(exc)) from None


def _page_text(page: Any, budget: list[int]) -> str:
    contents = page.get_contents()
    budget[0] -= len(contents.get_data()) if contents is not None else 0
    if budget[0] < 0:
        limit = MAX_CONTENT_BYTES // (1024 * 1024)
        raise IngestError(
            f"{TOO_COMPLEX} (its pages hold more than {limit} MB of drawing instructions)"
        )
    return clean_text(page.extract_text() or "").strip()


def _text(reader: Any) -> str:
    from pypdf.errors import DependencyError, LimitReachedError

    pages = []
    budget = [MAX_CONTENT_BYTES]
    try:
        if len(reader.pages) > MAX_PDF_PAGES:
            raise IngestError(f"the PDF has more than {MAX_PDF_PAGES} pages")
        for page in reader.pages:
            pages.append(_page_text(page, budget))
    except (IngestError, MemoryError):
        raise
    except LimitReachedError as exc:
        raise IngestError(TOO_COMPLEX, detail=repr(exc)) from None
    except DependencyError as exc:
        raise IngestError(CANNOT_DECRYPT, detail=repr(exc)) from None
    except RecursionError as exc:
        raise IngestError(TOO_COMPLEX, detail=repr(exc)) from None
    except Exception as exc:  # pypdf raises many kinds of error on broken files
        raise IngestError(DAMAGED, detail=repr(exc)) from None
    text = _BLANK_LINES.sub("\n\n", "\n\n".join(p for p in pages if p)).strip()
    if not text:
        raise IngestError(NO_TEXT)
    return text


def read_pdf(data: bytes) -> dict[str, Any]:
    """The text layer and metadata, in this process (the parent runs it in a child)."""
    reader = _open(data)
    text = _text(reader)
    title = author = created = None
    try:
        meta = reader.metadata
        if meta is not None:
            title = meta.title if isinstance(meta.title, str) else None
            author = meta.author if isinstance(meta.author, str) else None
            when = meta.creation_date
            created = when.date().isoformat() if when is not None else None
    except Exception:  # noqa: S110 -- metadata is optional; a broken info dictionary is ignored
        pass
    return {"text": text, "title": title, "author": author, "created": created}


def main() -> int:
    cpu_seconds = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    memory_bytes = int(sys.argv[2]) if len(sys.argv) > 2 else 1024**3
    limit_self(cpu_seconds=cpu_seconds, memory_bytes=memory_bytes)
    data = sys.stdin.buffer.read()
    try:
        answer: dict[str, Any] = read_pdf(data)
    except IngestError as exc:
        answer = {"refused": exc.reason, "detail": exc.detail}
    except MemoryError:
        answer = {"refused": TOO_COMPLEX, "detail": "out of memory"}
    sys.stdout.buffer.write(json.dumps(answer).encode("utf-8"))
    sys.stdout.buffer.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
