"""python manage.py create_desk_user NAME --role editor [--password-env VAR]"""

from __future__ import annotations

import getpass
import os
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from claims.permissions import ROLE_GROUPS, Role


class Command(BaseCommand):
    help = "Create a desk user (or change an existing user's role and password)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=[r.lower() for r in ROLE_GROUPS])
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--password-env",
            metavar="VAR",
            help="Read the password from this environment variable instead of asking.",
        )
        parser.add_argument(
            "--skip-password-checks",
            action="store_true",
            help="Accept a password Django's validators would refuse (demo desks only).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        role = ROLE_GROUPS[options["role"].capitalize()]
        password = self._password(options)
        created = set_up_user(
            username=options["username"],
            role=role,
            password=password,
            email=options["email"],
            check_password=not options["skip_password_checks"],
        )
        verb = "Created" if created else "Updated"
        self.stdout.write(f"{verb} {options['username']} with the role {role.group_name}.")

    def _password(self, options: dict[str, Any]) -> str:
        if options["password_env"]:
            value = os.environ.get(options["password_env"], "")
            if not value:
                raise CommandError(f"The environment variable {options['password_env']} is empty.")
            return value
        if not os.isatty(0):
            raise CommandError("No terminal to ask for a password: use --password-env VAR.")
        first = getpass.getpass("Password: ")
        if first != getpass.getpass("Password (again): "):
            raise CommandError("The two passwords differ.")
        return first


def set_up_user(
    *, username: str, role: Role, password: str, email: str = "", check_password: bool = True
) -> bool:
    """Create or update a user in exactly one role group. Returns True when created."""
    user_model = get_user_model()
    with transaction.atomic():
        user, created = user_model.objects.get_or_create(username=username)
        if check_password:
            try:
                validate_password(password, user)
            except ValidationError as exc:
                raise CommandError(" ".join(exc.messages)) from exc
        if email:
            user.email = email
        user.set_password(password)
        user.is_staff = role >= Role.ADMIN
        user.is_superuser = role >= Role.ADMIN
        user.save()
        groups = [Group.objects.get_or_create(name=name)[0] for name in ROLE_GROUPS]
        user.groups.remove(*groups)
        user.groups.add(Group.objects.get(name=role.group_name))
    return created
