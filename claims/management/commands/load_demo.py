"""python manage.py load_demo: the demo desk, with users editor / reporter / viewer."""

from __future__ import annotations

import os
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from claims.demo import DEMO_USERS, load_demo


class Command(BaseCommand):
    help = "Load the demo desk (two reports, their figures, demo users). Safe to run twice."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--password-env",
            default="DEMO_PASSWORD",
            metavar="VAR",
            help="Environment variable holding the demo users' password (default DEMO_PASSWORD).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        password = os.environ.get(options["password_env"], "")
        if not password:
            raise CommandError(
                f"Set {options['password_env']} to the password the demo users should have."
            )
        counts = load_demo(password=password)
        names = ", ".join(name for name, _role in DEMO_USERS)
        self.stdout.write(
            f"Demo desk ready: {counts['sources']} reports, {counts['claims']} claims, "
            f"users {names}."
        )
