"""``api_token create USER [--scope read|write] [--expires DAYS] [--name NAME]`` prints a new
token once; ``api_token revoke NAME [--user USER]`` revokes it."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from claims.models_api import APIToken
from claims.services.tokens import api_token_create, api_token_revoke


class Command(BaseCommand):
    help = "Create or revoke personal API tokens."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create")
        create.add_argument("user")
        create.add_argument("--scope", choices=["read", "write"], default="read")
        create.add_argument("--expires", type=int, default=None, help="Days until it expires")
        create.add_argument("--name", default="command")
        revoke = sub.add_parser("revoke")
        revoke.add_argument("name")
        revoke.add_argument("--user", default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "create":
            user = get_user_model().objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"No user named {options['user']!r}.")
            try:
                new = api_token_create(
                    user=user,
                    by=None,
                    name=options["name"],
                    scope=options["scope"],
                    expires_in_days=options["expires"],
                )
            except ValidationError as exc:
                raise CommandError(" ".join(exc.messages)) from None
            self.stdout.write(new.secret)
            return
        tokens = APIToken.objects.filter(name=options["name"], revoked_at__isnull=True)
        if options["user"]:
            tokens = tokens.filter(user__username=options["user"])
        found = list(tokens)
        if not found:
            raise CommandError(f"No active token named {options['name']!r}.")
        if len(found) > 1:
            raise CommandError("Several users have a token of that name: add --user.")
        api_token_revoke(token=found[0], by=None)
        self.stdout.write(f"Revoked {found[0]}.")
