"""Bringing reports in: a URL, an uploaded file or pasted text becomes a Source, once.

These functions glue the pure ``claims.ingest`` library (fetching, cleaning, upload checks) to
:func:`claims.services.source_create`, which stores the report (once per text, a new revision
when a page at the same URL changed) and enqueues extraction after the commit.

Refusals raise :class:`claims.ingest.IngestError` whose ``reason`` is fit to show the user.
Nothing is written before every check has passed, and the write itself is one transaction.
"""

from __future__ import annotations

import datetime as dt
import difflib
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any, Protocol
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from claims import audit, permissions
from claims.ingest import (
    CleanedDocument,
    FetchedDocument,
    FetchPolicy,
    IngestError,
    PdfLimits,
    clean_document,
    clean_text,
    fetch_url,
    read_upload,
)
from claims.ingest.uploads import read_limited
from claims.models import ExtractionStatus, Source, SourceKind, SourceOrigin
from claims.querysets import service_writes
from claims.services._base import CANDIDATE_MIN_SCORE, _require
from claims.services.sources import SourceResult, _enqueue_extraction, source_create

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    User = AbstractBaseUser | AnonymousUser

# Raw bodies are kept zlib-compressed; the content type records that.
RAW_SUFFIX = "+zlib"
EMPTY_TEXT = "the text is empty"


def fetch_policy() -> FetchPolicy:
    """The fetch policy from settings. Production: ports 80/443, public addresses only.

    ``INGEST_TEST_ALLOWED_ADDRESSES`` (exact IPs treated as public) and
    ``INGEST_ALLOW_LOOPBACK`` exist for tests only; neither is set in production.
    """
    return FetchPolicy(
        allowed_ports=frozenset(int(p) for p in settings.INGEST_ALLOWED_PORTS),
        max_bytes=int(settings.INGEST_MAX_BYTES),
        allow_loopback=bool(settings.INGEST_ALLOW_LOOPBACK),
        allowed_addresses=frozenset(settings.INGEST_TEST_ALLOWED_ADDRESSES),
        connect_timeout=float(settings.INGEST_CONNECT_TIMEOUT),
        total_timeout=float(settings.INGEST_TOTAL_TIMEOUT),
    )


def pdf_limits() -> PdfLimits:
    """How long and how much memory reading one PDF may take (a child process is stopped
    past these): ``INGEST_PDF_TIMEOUT`` seconds and ``INGEST_PDF_MEMORY_MB``."""
    return PdfLimits(
        timeout=float(settings.INGEST_PDF_TIMEOUT),
        memory_bytes=int(settings.INGEST_PDF_MEMORY_MB) * 1024 * 1024,
    )


def compress_raw(body: bytes) -> bytes:
    return zlib.compress(body, 6)


def raw_content_of(source: Source) -> bytes | None:
    """The report's raw bytes as we received them (decompressed)."""
    if source.raw_content is None:
        return None
    data = bytes(source.raw_content)
    return zlib.decompress(data) if source.raw_content_type.endswith(RAW_SUFFIX) else data


def _as_datetime(value: dt.date | dt.datetime | None) -> dt.datetime | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value if timezone.is_aware(value) else timezone.make_aware(value, dt.UTC)
    return dt.datetime.combine(value, dt.time(0, 0), tzinfo=dt.UTC)


def _final_text(text: str) -> str:
    """The text we store: cleaned by the library, without leading or trailing blank space, so
    the same report pasted, uploaded or fetched as plain text has the same SHA-256."""
    text = clean_text(text).strip()
    if not any(ch.isalnum() for ch in text):  # blank, or only invisible characters and marks
        raise IngestError(EMPTY_TEXT)
    return text


def _domain(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.")


def _split_authors(author: str) -> list[str]:
    return [name.strip() for name in author.replace(";", ",").split(",") if name.strip()]


def _store(
    *,
    by: User | None,
    doc: CleanedDocument,
    origin: str,
    url: str = "",
    fetched_url: str = "",
    title: str = "",
    outlet: str = "",
    outlet_domain: str = "",
    authors: Sequence[str] = (),
    published: dt.date | dt.datetime | None = None,
    kind: str = SourceKind.NEWS,
    raw: bytes | None = None,
    raw_type: str = "",
    extract: bool = True,
) -> SourceResult:
    text = _final_text(doc.text)
    return source_create(
        by=by,
        text=text,
        title=title.strip() or doc.title or "",
        origin=origin,
        url=url,
        canonical_url=doc.canonical_url or "",
        fetched_url=fetched_url,
        outlet=outlet.strip() or doc.site_name or outlet_domain,
        outlet_domain=outlet_domain,
        authors=list(authors) or list(doc.authors),
        published_at=_as_datetime(published or doc.published),
        kind=kind,
        language=doc.language or "",
        raw_content=compress_raw(raw) if raw is not None else None,
        raw_content_type=(raw_type + RAW_SUFFIX) if raw is not None else "",
        extract=extract,
    )


def ingest_url(
    *,
    url: str,
    by: User | None,
    outlet: str | None = None,
    kind: str = SourceKind.NEWS,
    published: dt.date | dt.datetime | None = None,
    origin: str = SourceOrigin.URL,
    extract: bool = True,
    policy: FetchPolicy | None = None,
) -> SourceResult:
    """Fetch a report from ``url`` (under the fetch policy) and store it once.

    The same text returns the existing source; a changed page at the same (canonical) URL
    becomes a new revision linked to the earlier one.
    """
    _require(by, permissions.can_propose, "bring in reports")  # before any packet is sent
    fetched = fetch_url(url.strip(), policy=policy or fetch_policy())
    return ingest_fetched(
        fetched=fetched,
        by=by,
        outlet=outlet,
        kind=kind,
        published=published,
        origin=origin,
        extract=extract,
    )


def ingest_fetched(
    *,
    fetched: FetchedDocument,
    by: User | None,
    outlet: str | None = None,
    kind: str = SourceKind.NEWS,
    published: dt.date | dt.datetime | None = None,
    origin: str = SourceOrigin.URL,
    extract: bool = True,
) -> SourceResult:
    """Clean and store a document ``fetch_url`` brought back (``ingest_url``'s second half;
    watched feeds fetch conditionally, then call this)."""
    _require(by, permissions.can_propose, "bring in reports")
    doc = clean_document(
        fetched.body,
        kind=fetched.kind,
        url=fetched.final_url,
        charset=fetched.charset,
        pdf_limits=pdf_limits(),
    )
    return _store(
        by=by,
        doc=doc,
        origin=origin,
        url=fetched.final_url,
        fetched_url=fetched.final_url,
        outlet=outlet or "",
        outlet_domain=_domain(doc.canonical_url or fetched.final_url),
        published=published,
        kind=kind,
        raw=fetched.body,
        raw_type=fetched.content_type or fetched.kind,
        extract=extract,
    )


_UPLOAD_TYPES = {
    ".html": "text/html",
    ".htm": "text/html",
    ".txt": "text/plain",
    ".md": "text/markdown",
    ".pdf": "application/pdf",
}


def ingest_upload(
    *,
    name: str,
    file: bytes | IO[bytes] | Any,
    by: User | None,
    title: str = "",
    outlet: str = "",
    author: str = "",
    published: dt.date | dt.datetime | None = None,
    kind: str = SourceKind.NEWS,
    origin: str = SourceOrigin.UPLOAD,
    extract: bool = True,
) -> SourceResult:
    """Check an uploaded file (.html, .htm, .txt, .md, .pdf; at most INGEST_MAX_BYTES) and
    store its text once. Fields given by the user win over the file's own metadata."""
    from claims.ingest.uploads import extension_of

    _require(by, permissions.can_propose, "bring in reports")
    max_bytes = int(settings.INGEST_MAX_BYTES)
    raw = read_limited(file, max_bytes)
    doc = read_upload(name, raw, max_bytes=max_bytes, pdf_limits=pdf_limits())
    return _store(
        by=by,
        doc=doc,
        origin=origin,
        title=title,
        outlet=outlet,
        authors=_split_authors(author),
        published=published,
        kind=kind,
        raw=raw,
        raw_type=_UPLOAD_TYPES.get(extension_of(name), "application/octet-stream"),
        extract=extract,
    )


def ingest_text(
    *,
    text: str,
    title: str,
    by: User | None,
    outlet: str = "",
    author: str = "",
    published: dt.date | dt.datetime | None = None,
    kind: str = SourceKind.NEWS,
    url: str = "",
    origin: str = SourceOrigin.PASTE,
    extract: bool = True,
) -> SourceResult:
    """Store pasted text once (the same text returns the existing source)."""
    _require(by, permissions.can_propose, "bring in reports")
    if len(text.encode("utf-8")) > int(settings.INGEST_MAX_BYTES):
        raise IngestError("the text is longer than the limit for one report")
    doc = CleanedDocument(text=_final_text(text), kind="text")
    return _store(
        by=by,
        doc=doc,
        origin=origin,
        url=url.strip(),
        title=title,
        outlet=outlet,
        authors=_split_authors(author),
        published=published,
        kind=kind,
        extract=extract,
    )


# --- Extraction state -----------------------------------------------------------------------


def source_start_extraction(*, source_id: int) -> Source | None:
    """Claim a source for extraction: pending or failed -> running, atomically.

    Returns the source when this caller won it, None when it is gone, already done, or being
    extracted by someone else. Makes the task safe to run twice at once.
    """
    with transaction.atomic(), service_writes():
        won = Source.objects.filter(
            pk=source_id,
            extraction_status__in=[ExtractionStatus.PENDING, ExtractionStatus.FAILED],
        ).update(extraction_status=ExtractionStatus.RUNNING, extraction_error="")
    if not won:
        return None
    return Source.objects.get(pk=source_id)


def source_retry_extraction(*, source: Source, by: User | None) -> Source:
    """After a failure: back to pending and enqueue the extraction again (after commit)."""
    _require(by, permissions.can_propose, "retry an extraction")
    with transaction.atomic(), service_writes():
        fresh = Source.objects.select_for_update().get(pk=source.pk)
        if fresh.extraction_status not in {ExtractionStatus.FAILED, ExtractionStatus.SKIPPED}:
            return fresh
        before = {
            "extraction_status": fresh.extraction_status,
            "extraction_error": fresh.extraction_error,
        }
        Source.objects.filter(pk=fresh.pk).update(
            extraction_status=ExtractionStatus.PENDING, extraction_error=""
        )
        fresh.extraction_status = ExtractionStatus.PENDING
        fresh.extraction_error = ""
        audit.record_event(
            action="source.extraction_retried",
            by=by,
            source=fresh,
            before=before,
            after={"extraction_status": ExtractionStatus.PENDING},
        )
        source_id, length = fresh.pk, len(fresh.text)
        transaction.on_commit(lambda: _enqueue_extraction(source_id, text_length=length))
    return fresh


class _Scored(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def score(self) -> float: ...


def plan_candidates[Q: _Scored](quantities: Iterable[Q], *, limit: int | None = None) -> list[Q]:
    """The figures worth proposing as candidates: at most ``limit`` (EXTRACTION_MAX_CANDIDATES)
    of them, the most claim-worthy first (ties: the earlier in the text), in text order.

    A report of repeated figures cannot flood the queue: 8,000 figures become 500 candidates.
    The choice depends on the text alone, so a rerun picks the same ones.
    """
    limit = int(settings.EXTRACTION_MAX_CANDIDATES) if limit is None else limit
    worthy = [q for q in quantities if q.score >= CANDIDATE_MIN_SCORE]
    if len(worthy) <= limit:
        return worthy
    best = sorted(worthy, key=lambda q: (-q.score, q.start))[: max(0, limit)]
    return sorted(best, key=lambda q: q.start)


# --- What changed between revisions ---------------------------------------------------------

DIFF_MAX_CHARS = 400_000


@dataclass(frozen=True)
class DiffLine:
    """One paragraph of a revision diff: ``op`` is "same", "added" or "removed"."""

    op: str
    text: str


def revision_diff(old: str, new: str, *, context: int = 1) -> list[DiffLine] | None:
    """What changed between two texts, paragraph by paragraph (unchanged context trimmed).

    None when the texts are too long to compare quickly; an empty list when nothing changed.
    """
    if len(old) + len(new) > DIFF_MAX_CHARS:
        return None
    a, b = old.splitlines(), new.splitlines()
    lines: list[DiffLine] = []
    for group in difflib.SequenceMatcher(None, a, b, autojunk=False).get_grouped_opcodes(context):
        if lines:
            lines.append(DiffLine("gap", "…"))
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                lines.extend(DiffLine("same", line) for line in a[i1:i2] if line.strip())
                continue
            lines.extend(DiffLine("removed", line) for line in a[i1:i2] if line.strip())
            lines.extend(DiffLine("added", line) for line in b[j1:j2] if line.strip())
    return lines
