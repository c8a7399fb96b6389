"""Big bulk exports: written by the task worker to a file, offered for download when whole.

A web worker that streams an export is killed at its timeout, and the reader is left with a
cut-off file that arrived with status 200. So an export of more than ``INLINE_MAX`` claims is
not streamed: the request records a :class:`~claims.models.ClaimExport` and enqueues
:func:`claims.tasks.export_claims`, which writes ``<id>.<fmt>.part`` under ``EXPORT_DIR``,
counting rows and bytes and hashing as it goes, and only then renames it and marks the export
done with its size and SHA-256. The download serves a file only when the export is done and
the file on disk still has exactly that size and hash: a half-written, cut-off or damaged file
is refused (HTTP 409), never sent as a success.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from django.conf import settings
from django.http import QueryDict
from django.utils import timezone

from claims.models import ClaimExport, ExportStatus

INLINE_MAX = 50_000
READ_CHUNK = 1 << 20


def export_dir() -> Path:
    return Path(getattr(settings, "EXPORT_DIR", settings.VAR_DIR / "exports"))


def path_of(export: ClaimExport) -> Path:
    return export_dir() / f"{export.pk}.{export.fmt}"


def records_for(export: ClaimExport) -> Iterator[bytes]:
    """The export's bytes, for the filters it was asked with and as its requester sees them."""
    from claims.exports import bulk
    from claims.views.queue import filtered_claims

    request: Any = SimpleNamespace(user=export.requested_by)
    qs, _form = filtered_claims(request, QueryDict(export.query))
    return bulk.stream(export.fmt, qs, export.requested_by)


def write(export: ClaimExport) -> ClaimExport:
    """Write the export's file (the task worker's part). Idempotent for a finished export."""
    if export.status == ExportStatus.DONE:
        return export
    ClaimExport.objects.filter(pk=export.pk).update(status=ExportStatus.RUNNING)
    final = path_of(export)
    final.parent.mkdir(parents=True, exist_ok=True)
    partial = final.with_name(final.name + ".part")
    digest = hashlib.sha256()
    size = 0
    try:
        with partial.open("wb") as out:
            for chunk in records_for(export):
                out.write(chunk)
                digest.update(chunk)
                size += len(chunk)
            out.flush()
            os.fsync(out.fileno())
        partial.replace(final)
    except Exception as exc:
        partial.unlink(missing_ok=True)
        ClaimExport.objects.filter(pk=export.pk).update(
            status=ExportStatus.FAILED,
            error=f"{type(exc).__name__}: {exc}"[:2000],
            finished_at=timezone.now(),
        )
        raise
    ClaimExport.objects.filter(pk=export.pk).update(
        status=ExportStatus.DONE,
        size=size,
        sha256=digest.hexdigest(),
        finished_at=timezone.now(),
    )
    export.refresh_from_db()
    return export


def whole_file(export: ClaimExport) -> Path | None:
    """The finished file, if it is exactly what was written (size and SHA-256), else None."""
    if export.status != ExportStatus.DONE or not export.sha256:
        return None
    path = path_of(export)
    try:
        if path.stat().st_size != export.size:
            return None
        digest = hashlib.sha256()
        with path.open("rb") as handle:
            while chunk := handle.read(READ_CHUNK):
                digest.update(chunk)
    except OSError:
        return None
    return path if digest.hexdigest() == export.sha256 else None
