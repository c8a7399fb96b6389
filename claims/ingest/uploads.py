"""Checking an uploaded file (name, size, bytes) and turning it into a cleaned report."""

from __future__ import annotations

import os
from typing import IO, Protocol

from .clean import CleanedDocument, clean_html, clean_pdf, clean_plain
from .errors import IngestError, UploadRefused
from .pdf import PdfLimits
from .sniff import MB, binary_kind, has_nul_bytes, human_size, is_pdf

__all__ = ["ALLOWED_EXTENSIONS", "UploadRefused", "read_upload"]

ALLOWED_EXTENSIONS = (".html", ".htm", ".txt", ".md", ".pdf")
DEFAULT_MAX_BYTES = 10 * MB
_CHUNK = 64 * 1024


class _Readable(Protocol):
    def read(self, size: int = ..., /) -> bytes: ...


def extension_of(name: str) -> str:
    """The lower-case extension of the file's own name (any folder part is ignored)."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1].strip().rstrip(".")
    return os.path.splitext(base)[1].lower()


def _too_large(size: int | None, max_bytes: int) -> UploadRefused:
    limit = human_size(max_bytes)
    if size is None:
        return UploadRefused(f"the file is larger than the limit of {limit}")
    shown = f"{size / MB:.1f} MB" if size >= MB else human_size(size)
    return UploadRefused(f"the file is {shown}; the limit is {limit}")


def _declared_size(data: _Readable | IO[bytes]) -> int | None:
    """The size a file-like object says it has (Django's UploadedFile.size), if any."""
    size = getattr(data, "size", None)
    if isinstance(size, int):
        return size
    try:
        position = data.tell()  # type: ignore[union-attr]
        end = data.seek(0, os.SEEK_END)  # type: ignore[union-attr]
        data.seek(position)  # type: ignore[union-attr]
        return int(end) - int(position)
    except (AttributeError, OSError, ValueError, TypeError):
        return None


def read_limited(data: bytes | _Readable | IO[bytes], max_bytes: int) -> bytes:
    """All of the file's bytes, reading no more than ``max_bytes + 1`` of them."""
    if isinstance(data, bytes | bytearray | memoryview):
        raw = bytes(data)
        if len(raw) > max_bytes:
            raise _too_large(len(raw), max_bytes)
        return raw
    size = _declared_size(data)
    if size is not None and size > max_bytes:
        raise _too_large(size, max_bytes)
    buffer = bytearray()
    while len(buffer) <= max_bytes:
        chunk = data.read(min(_CHUNK, max_bytes + 1 - len(buffer)))
        if not chunk:
            break
        buffer += chunk
    if len(buffer) > max_bytes:
        raise _too_large(size if size is not None and size > max_bytes else None, max_bytes)
    return bytes(buffer)


def read_upload(
    name: str,
    data: bytes | _Readable | IO[bytes],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    pdf_limits: PdfLimits | None = None,
) -> CleanedDocument:
    """Check an uploaded file and return its cleaned text and metadata.

    Accepts .html, .htm, .txt, .md and .pdf; refuses other names, binary content whatever the
    name, and files over ``max_bytes`` (reading at most ``max_bytes + 1`` bytes). PDFs are
    read in a child process under ``pdf_limits``.
    Raises UploadRefused (an IngestError) with a reason in plain words.
    """
    extension = extension_of(name)
    if extension not in ALLOWED_EXTENSIONS:
        allowed = ", ".join(ALLOWED_EXTENSIONS[:-1]) + " and " + ALLOWED_EXTENSIONS[-1]
        shown = f" (this one is {extension})" if extension else " (this one has no extension)"
        raise UploadRefused(f"only {allowed} files can be uploaded{shown}")
    raw = read_limited(data, max_bytes)
    if not raw.strip():
        raise UploadRefused("the file is empty")
    binary = binary_kind(raw)
    if binary is not None:
        raise UploadRefused(f"the file is {binary}, not HTML, text or PDF")
    if extension == ".pdf":
        if not is_pdf(raw):
            raise UploadRefused("the file is named .pdf but is not a PDF")
        return _cleaned(lambda: clean_pdf(raw, limits=pdf_limits))
    if is_pdf(raw) and raw.lstrip()[:5] == b"%PDF-":
        raise UploadRefused(f"the file is a PDF but is named {extension}; rename it to .pdf")
    if has_nul_bytes(raw):
        raise UploadRefused("the file contains binary data, not text")
    if extension in {".html", ".htm"}:
        return _cleaned(lambda: clean_html(raw, url=None))
    return _cleaned(lambda: clean_plain(raw))


def _cleaned(work: _Cleaner) -> CleanedDocument:
    try:
        return work()
    except UploadRefused:
        raise
    except IngestError as exc:
        raise UploadRefused(exc.reason, detail=exc.detail) from None


class _Cleaner(Protocol):
    def __call__(self) -> CleanedDocument: ...
