"""Logging in and out, failed-login throttling with a cool-off, the desk-user command."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from claims.permissions import Role, role_of
from claims.tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def login(client: Client, username: str, password: str, ip: str = "203.0.113.5") -> Any:
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=ip
    )


def test_an_editor_logs_in_and_out(editor: User) -> None:
    client = Client()
    response = login(client, "alice", PASSWORD)
    assert response.status_code == 302
    assert client.get(reverse("claims:dashboard")).status_code == 200
    client.post(reverse("logout"))
    assert client.get(reverse("claims:dashboard")).status_code == 302


def test_a_wrong_password_says_so(editor: User) -> None:
    response = login(Client(), "alice", "wrong")
    assert response.status_code == 200
    assert b"did not match" in response.content


def test_repeated_failures_lock_that_name_from_that_address_only(
    editor: User, settings: Any
) -> None:
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(Client(), "alice", "wrong", ip="203.0.113.9")
    locked = login(Client(), "alice", PASSWORD, ip="203.0.113.9")
    assert locked.status_code == 429
    assert b"Too many failed logins" in locked.content
    # The same editor from her own desk is not locked out by a stranger's attempts.
    assert login(Client(), "alice", PASSWORD, ip="198.51.100.7").status_code == 302


def test_the_lock_lifts_after_the_cool_off(editor: User, settings: Any) -> None:
    from axes.models import AccessAttempt

    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(Client(), "alice", "wrong", ip="203.0.113.9")
    assert login(Client(), "alice", PASSWORD, ip="203.0.113.9").status_code == 429
    earlier = settings.AXES_COOLOFF_TIME + timedelta(minutes=1)
    for attempt in AccessAttempt.objects.all():
        attempt.attempt_time -= earlier
        attempt.save()
    assert login(Client(), "alice", PASSWORD, ip="203.0.113.9").status_code == 302


def test_create_desk_user_makes_an_editor(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEW_PASSWORD", "a sturdy passphrase 42")
    out = StringIO()
    call_command(
        "create_desk_user", "erin", "--role", "editor", "--password-env", "NEW_PASSWORD", stdout=out
    )
    assert "Created erin with the role Editor" in out.getvalue()
    user = User.objects.get(username="erin")
    assert role_of(user) == Role.EDITOR
    assert user.check_password("a sturdy passphrase 42")
    assert not user.is_staff


def test_create_desk_user_changes_a_role(monkeypatch: pytest.MonkeyPatch, editor: User) -> None:
    monkeypatch.setenv("NEW_PASSWORD", "a sturdy passphrase 42")
    call_command(
        "create_desk_user",
        "alice",
        "--role",
        "viewer",
        "--password-env",
        "NEW_PASSWORD",
        stdout=StringIO(),
    )
    user = User.objects.get(username="alice")
    assert list(user.groups.values_list("name", flat=True)) == ["Viewer"]


def test_create_desk_user_refuses_a_weak_password(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEW_PASSWORD", "123")
    with pytest.raises(CommandError, match="too short"):
        call_command(
            "create_desk_user", "erin", "--role", "editor", "--password-env", "NEW_PASSWORD"
        )
    assert not User.objects.filter(username="erin").exists()


def test_an_admin_reaches_the_admin_and_an_editor_does_not(editor: User, admin_user: User) -> None:
    client = Client()
    client.force_login(admin_user)
    assert client.get("/admin/").status_code == 200
    client.force_login(editor)
    assert client.get("/admin/").status_code == 302


def test_healthz_reports_a_broken_database(client: Client, monkeypatch: pytest.MonkeyPatch) -> None:
    from django.db import OperationalError, connection

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise OperationalError("down")

    monkeypatch.setattr(connection, "cursor", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "error"
