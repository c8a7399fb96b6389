"""Export a fact sheet: ``manage.py export_factsheet ID --format pdf [--version N] [-o FILE]``.

Without ``--version`` the latest published version is exported; ``--version draft`` exports
the sheet as it is now. Without ``-o`` the bytes go to standard output.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from claims import exports
from claims.exports.content import build_content, load_content
from claims.exports.pdf import PdfError
from claims.models import FactSheet, FactSheetVersion


class Command(BaseCommand):
    help = "Export a fact sheet as html, pdf, md, csv, json or claimreview."

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        # Our --version (of the fact sheet) replaces Django's --version (of Django).
        kwargs.setdefault("conflict_handler", "resolve")
        return super().create_parser(prog_name, subcommand, **kwargs)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("sheet", type=int, help="The fact sheet's number (id).")
        parser.add_argument("--format", "-f", required=True, choices=list(exports.FORMATS))
        parser.add_argument(
            "--version",
            dest="sheet_version",
            default="",
            help="Version number (default: the latest published), or 'draft'.",
        )
        parser.add_argument("--paper", choices=["a4", "letter"], default="a4", help="PDF paper.")
        parser.add_argument("-o", "--output", default="", help="File to write (default: stdout).")

    def handle(self, *args: Any, **options: Any) -> None:
        sheet = FactSheet.objects.filter(pk=options["sheet"]).first()
        if sheet is None:
            raise CommandError(f"There is no fact sheet {options['sheet']}.")
        wanted = str(options["sheet_version"]).strip().lower()
        if wanted == "draft":
            content = build_content(sheet)
        else:
            versions = FactSheetVersion.objects.filter(sheet=sheet)
            if wanted:
                if not wanted.isdigit():
                    raise CommandError("--version takes a number or 'draft'.")
                version = versions.filter(number=int(wanted)).first()
            else:
                version = versions.order_by("-number").first()
            if version is None:
                raise CommandError(
                    f"Fact sheet {sheet.pk} has no such published version "
                    "(use --version draft for the unpublished sheet)."
                )
            content = load_content(version)
        fmt = options["format"]
        extra = {"paper": options["paper"]} if fmt == "pdf" else {}
        try:
            body = exports.render(content, fmt, **extra)
        except PdfError as exc:
            raise CommandError(str(exc)) from exc
        if options["output"]:
            Path(options["output"]).write_bytes(body)
            self.stderr.write(f"Wrote {len(body)} bytes to {options['output']}.")
        else:
            sys.stdout.buffer.write(body)
            sys.stdout.buffer.flush()
