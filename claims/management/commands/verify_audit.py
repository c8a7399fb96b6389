"""python manage.py verify_audit: recompute the desk-wide hash chain of the history.

Prints what it checked (how many events, their id range, the chain head, how long it took).
Exits 0 when every event verifies; exits 1 naming the first event that does not, and why.
Streams the events in id order, one chunk at a time: memory stays flat however long the log.
On PostgreSQL, ``--workers N`` processes (default: one per CPU) verify ranges of
``--range-size`` events in parallel over one snapshot; the event named is still the first
broken one in id order.

``--expect-head HASH`` also checks that a head published earlier (fact-sheet exports cite it)
is still in the chain: a log cut short after that head, or rewritten before it, fails.
"""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from claims import audit
from claims.models import ClaimEvent


class Command(BaseCommand):
    help = "Recompute the history's hash chain; name the first event that does not verify."

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

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        checked_at = timezone.now()
        report = audit.verify_chain(
            chunk_size=max(1, options["chunk_size"]),
            workers=max(1, options["workers"]),
            range_size=max(1, options["range_size"]),
        )
        elapsed = time.perf_counter() - started
        span = f"ids {report.first_id}–{report.last_id}, " if report.checked else ""
        self.stdout.write(
            f"Checked {report.checked} event(s) ({span}chain head {report.head}) "
            f"at {checked_at.isoformat(timespec='seconds')} in {elapsed:.2f} s."
        )
        if not report.ok:
            raise CommandError(
                f"The history does not verify: event {report.broken_id} is the first broken "
                f"link; {report.problem}.",
                returncode=1,
            )
        expected = options["expect_head"].strip().lower()
        published = expected and expected != report.head
        if published and not ClaimEvent.objects.filter(hash=expected).exists():
            raise CommandError(
                f"The published head {expected} is not in the chain: the history was cut "
                "short or rewritten since it was published.",
                returncode=1,
            )
        self.stdout.write(self.style.SUCCESS("The history is intact."))
