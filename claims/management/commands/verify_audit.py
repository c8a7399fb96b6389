"""python manage.py verify_audit: check the history's hash chain against its anchors.

Recomputes the desk-wide chain (streaming, in id order: memory stays flat however long the
log; on PostgreSQL ``--workers N`` processes verify ranges of ``--range-size`` events in
parallel over one snapshot), then checks it against its anchors (see claims/anchors.py): the
chain head row, the heads frozen into published fact-sheet versions, and the signed
checkpoint log (signatures checked with ``AUDIT_CHECKPOINT_KEY``); and that no claim,
source, entity, evidence link or verdict exists without its events.

``--checkpoints FILE`` also checks a copy of the checkpoint log exported earlier
(``audit_checkpoint --export``) and kept elsewhere: every checkpoint in it must still be in
the log, unchanged, and agree with the chain. ``--expect-head HASH`` checks that a head
published earlier (fact-sheet exports cite it) is still in the chain.

Prints what it checked and every problem found; exits 0 when all agrees, and 1 naming the
first event or checkpoint (in event order) that does not.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from claims import anchors, audit
from claims.models import ClaimEvent


class Command(BaseCommand):
    help = "Check the history's hash chain and its anchors; name the first thing that disagrees."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--chunk-size",
            type=int,
            default=5000,
            help="Events read per database round trip (default 5000).",
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=audit.default_workers(),
            help="Processes verifying in parallel on PostgreSQL (default: one per CPU; 1: none).",
        )
        parser.add_argument(
            "--range-size",
            type=int,
            default=50_000,
            help="Events per range handed to a worker (default 50000).",
        )
        parser.add_argument(
            "--expect-head",
            metavar="HASH",
            default="",
            help="A chain head published earlier that must still be in the chain.",
        )
        parser.add_argument(
            "--checkpoints",
            metavar="FILE",
            default="",
            help="A copy of the checkpoint log (audit_checkpoint --export) to check as well.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        exported: list[anchors.CheckpointRecord] = []
        if options["checkpoints"]:
            try:
                exported = anchors.read_export(Path(options["checkpoints"]))
            except ValueError as exc:
                raise CommandError(f"--checkpoints: {exc}.", returncode=2) from None
        key: str | None = None
        key_error = ""
        try:
            key = anchors.checkpoint_key()
        except anchors.CheckpointKeyError as exc:
            key_error = str(exc).split(". ")[0]
        started = time.perf_counter()
        checked_at = timezone.now()
        report = audit.verify_chain(
            chunk_size=max(1, options["chunk_size"]),
            workers=max(1, options["workers"]),
            range_size=max(1, options["range_size"]),
        )
        check = anchors.check_history(
            report,
            key=key,
            key_error=key_error,
            exported=exported,
            exported_name=options["checkpoints"],
        )
        problems = check.problems
        elapsed = time.perf_counter() - started
        span = f"ids {report.first_id}–{report.last_id}, " if report.checked else ""
        self.stdout.write(
            f"Checked {report.checked} event(s) ({span}chain head {report.head}) "
            f"at {checked_at.isoformat(timespec='seconds')} in {elapsed:.2f} s."
        )
        self.stdout.write(f"Anchors: {'; '.join(check.anchors)}.")
        expected = options["expect_head"].strip().lower()
        published = expected and expected != report.head
        if published and not ClaimEvent.objects.filter(hash=expected).exists():
            problems.append(
                anchors.Problem(
                    2**63,
                    f"the published head {expected} is not in the chain: the history was "
                    "cut short or rewritten since it was published",
                )
            )
        if problems:
            for problem in problems:
                self.stdout.write(self.style.ERROR(f"Problem: {problem.text}."))
            more = f" ({len(problems) - 1} more problem(s) above)" if len(problems) > 1 else ""
            raise CommandError(
                f"The history does not verify: {problems[0].text}{more}.", returncode=1
            )
        self.stdout.write(self.style.SUCCESS("The history is intact."))
