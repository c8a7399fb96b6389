"""python manage.py audit_checkpoint: sign the verified chain head into the checkpoint log.

Verifies the history first (as verify_audit does: a checkpoint never blesses a broken
chain), then appends the head, HMAC-signed with ``AUDIT_CHECKPOINT_KEY`` (a key kept in the
environment or a file, never in the database), to the append-only checkpoint log. Nothing
is appended when the newest checkpoint already covers the head. Run it from cron.

``--export FILE`` then writes the whole log to FILE (``-`` for standard output, and the
messages go to standard error) to keep a copy elsewhere: ``verify_audit --checkpoints FILE``
checks such a copy. ``--export-only`` writes the log out without appending.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser, OutputWrapper

from claims import anchors, audit, services
from claims.audit import audit_context
from claims.models import Channel


class Command(BaseCommand):
    help = "Sign the verified chain head into the append-only checkpoint log (and export it)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--export", metavar="FILE", default="", help="Write the log to FILE ('-': stdout)."
        )
        parser.add_argument(
            "--export-only", action="store_true", help="Export without appending a checkpoint."
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=audit.default_workers(),
            help="Processes verifying the chain in parallel on PostgreSQL (as verify_audit).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        target: str = options["export"]
        messages = self.stderr if target == "-" else self.stdout
        if options["export_only"]:
            if not target:
                raise CommandError("--export-only needs --export FILE.", returncode=2)
        else:
            self._append(max(1, options["workers"]), messages)
        if target:
            self._export(target, messages)

    def _append(self, workers: int, messages: OutputWrapper) -> None:
        try:
            key = anchors.checkpoint_key()
        except anchors.CheckpointKeyError as exc:
            raise CommandError(str(exc), returncode=2) from None
        report = audit.verify_chain(workers=workers)
        problems = anchors.check_history(report, key=key).problems
        if problems:
            raise CommandError(
                f"No checkpoint written: the history does not verify: {problems[0].text}. "
                "Run verify_audit for the full report.",
                returncode=1,
            )
        if report.last_id is None:
            raise CommandError("No checkpoint written: the history holds no events yet.")
        with audit_context(channel=Channel.COMMAND, label="command:audit_checkpoint"):
            checkpoint, created = services.checkpoint_create(
                event_id=report.last_id, event_hash=report.head, key=key, by=None
            )
        if created:
            messages.write(
                f"Checkpoint {checkpoint.number}: event {checkpoint.event_id}, chain head "
                f"{checkpoint.event_hash}, signed with key {checkpoint.key_id}."
            )
        else:
            messages.write(
                f"Nothing new to sign: checkpoint {checkpoint.number} already covers event "
                f"{checkpoint.event_id}."
            )

    def _export(self, target: str, messages: OutputWrapper) -> None:
        text, count = anchors.export_text()
        if target == "-":
            self.stdout.write(text, ending="")
            messages.write(f"Exported {count} checkpoint(s).")
            return
        path = Path(target)
        # Written beside the target, then renamed over it: an earlier copy is never left
        # half-replaced.
        temporary = ""
        try:
            fd, temporary = tempfile.mkstemp(prefix=".checkpoints-", dir=path.parent)
            with os.fdopen(fd, "w", encoding="utf-8") as stream:
                stream.write(text)
            os.replace(temporary, path)
        except OSError as exc:
            if temporary:
                Path(temporary).unlink(missing_ok=True)
            raise CommandError(f"Cannot write {path}: {exc}.") from None
        messages.write(f"Exported {count} checkpoint(s) to {path}.")
