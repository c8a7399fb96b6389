"""python manage.py ingest URL_OR_PATH…: bring reports in from the shell, once each.

Prints one line per report, ``source 12 "Grain corridor update": 5 candidates``, or the
reason it was refused; exits with status 1 when any report was refused. Running it twice adds
nothing: the same text returns the existing source. History events carry channel "command".
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from claims import services
from claims.audit import audit_context
from claims.ingest import IngestError
from claims.models import Channel, ClaimState, ExtractionStatus, Mention, SourceKind, SourceOrigin
from claims.services import SourceResult


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--published must be a date like 2024-11-04, not {value!r}") from None


def _is_url(target: str) -> bool:
    return "://" in target[:20]


def describe(result: SourceResult) -> str:
    """``source 12 "Title": 5 candidates`` (plus what happened when it is not new)."""
    source = result.source
    head = f'source {source.pk} "{source.title}"'
    if result.previous_revision is not None:
        head += f" (revision {source.revision}, the page changed)"
    elif not result.created:
        head += " (already on the desk)"
    if source.extraction_status in (ExtractionStatus.PENDING, ExtractionStatus.RUNNING):
        return f"{head}: extraction queued"
    if source.extraction_status == ExtractionStatus.FAILED:
        return f"{head}: extraction failed: {source.extraction_error}"
    count = (
        Mention.objects.filter(source=source, claim__state=ClaimState.CANDIDATE)
        .values("claim")
        .distinct()
        .count()
    )
    return f"{head}: {count} candidate{'' if count == 1 else 's'}"


class Command(BaseCommand):
    help = (
        "Bring reports in from URLs or files (.html, .htm, .txt, .md, .pdf). Idempotent; "
        "one line per report; exits non-zero when any report was refused."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("targets", nargs="+", metavar="URL_OR_PATH")
        parser.add_argument("--outlet", default="", help="The outlet's name (else from the page).")
        parser.add_argument("--published", type=_date, default=None, help="YYYY-MM-DD")
        parser.add_argument("--kind", choices=SourceKind.values, default=SourceKind.NEWS)

    def handle(self, *args: Any, **options: Any) -> None:
        refused = 0
        targets: list[str] = options["targets"]
        with audit_context(channel=Channel.COMMAND, label="command:ingest"):
            for target in targets:
                try:
                    result = self.ingest_one(target, options)
                except (IngestError, ValidationError, OSError) as exc:
                    refused += 1
                    self.stdout.write(f"refused {target}: {_reason(exc)}")
                    continue
                result.source.refresh_from_db()
                self.stdout.write(describe(result))
        if refused:
            raise CommandError(
                f"{refused} of {len(targets)} report{'s' if len(targets) != 1 else ''} refused",
                returncode=1,
            )

    def ingest_one(self, target: str, options: dict[str, Any]) -> SourceResult:
        common: dict[str, Any] = {
            "by": None,
            "kind": options["kind"],
            "published": options["published"],
            "origin": SourceOrigin.COMMAND,
        }
        if _is_url(target):
            return services.ingest_url(url=target, outlet=options["outlet"] or None, **common)
        path = Path(target)
        if not path.is_file():
            raise IngestError("there is no such file")
        with path.open("rb") as handle:
            return services.ingest_upload(
                name=path.name, file=handle, outlet=options["outlet"], **common
            )


def _reason(exc: Exception) -> str:
    if isinstance(exc, IngestError):
        return exc.reason
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    if isinstance(exc, OSError):
        return f"the file could not be read ({exc.strerror or exc})"
    return str(exc)
