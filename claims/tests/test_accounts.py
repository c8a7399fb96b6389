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


def _age_attempts(by: timedelta) -> None:
    from axes.models import AccessAttempt

    for attempt in AccessAttempt.objects.all():
        attempt.attempt_time -= by
        attempt.save()


def test_failures_during_a_lockout_do_not_extend_it(editor: User, settings: Any) -> None:
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(Client(), "alice", "wrong", ip="203.0.113.9")
    # Almost the whole cool-off later, someone keeps trying (and failing) from that address.
    _age_attempts(settings.AXES_COOLOFF_TIME - timedelta(minutes=1))
    for _ in range(3):
        assert login(Client(), "alice", "wrong", ip="203.0.113.9").status_code == 429
    # Two minutes on, the original cool-off is over: the lock lifts as first announced.
    _age_attempts(timedelta(minutes=2))
    assert login(Client(), "alice", PASSWORD, ip="203.0.113.9").status_code == 302


def test_the_lockout_page_says_when_to_try_again(editor: User, settings: Any) -> None:
    from django.utils import timezone

    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(Client(), "alice", "wrong", ip="203.0.113.9")
    locked = login(Client(), "alice", PASSWORD, ip="203.0.113.9")
    assert locked.status_code == 429
    body = locked.content.decode()
    retry_at = timezone.localtime(timezone.now() + settings.AXES_COOLOFF_TIME)
    assert "Try again after" in body
    assert f"{retry_at:%H:%M}" in body or f"{retry_at - timedelta(minutes=1):%H:%M}" in body
    assert "in 15 minutes" in body
    assert '<link rel="stylesheet"' in body  # the desk's own page, not a bare message
    assert int(locked["Retry-After"]) == 15 * 60


def proxied(client: Client, username: str, password: str, forwarded: str) -> Any:
    return client.post(
        reverse("login"),
        {"username": username, "password": password},
        REMOTE_ADDR="10.0.0.2",  # every request reaches us from the proxy
        HTTP_X_FORWARDED_FOR=forwarded,
    )


def test_behind_the_proxy_a_locked_address_does_not_lock_out_other_clients(
    editor: User, settings: Any
) -> None:
    settings.BEHIND_TLS_PROXY = True
    for _ in range(settings.AXES_FAILURE_LIMIT):
        proxied(Client(), "alice", "wrong", forwarded="203.0.113.9")
    assert proxied(Client(), "alice", PASSWORD, forwarded="203.0.113.9").status_code == 429
    # Alice at her own desk comes through the same proxy and is not locked out.
    assert proxied(Client(), "alice", PASSWORD, forwarded="198.51.100.7").status_code == 302


def test_behind_the_proxy_a_forged_forwarding_entry_does_not_escape_the_lock(
    editor: User, settings: Any
) -> None:
    settings.BEHIND_TLS_PROXY = True
    for _ in range(settings.AXES_FAILURE_LIMIT):
        proxied(Client(), "alice", "wrong", forwarded="203.0.113.9")
    # The attacker prepends a made-up address; the proxy appends the real one.
    forged = proxied(Client(), "alice", PASSWORD, forwarded="198.51.100.7, 203.0.113.9")
    assert forged.status_code == 429


def test_without_the_proxy_setting_a_forwarding_header_is_ignored(
    editor: User, settings: Any
) -> None:
    settings.BEHIND_TLS_PROXY = False
    for i in range(settings.AXES_FAILURE_LIMIT):
        # A stranger rotates a forged header on every try: the lock still counts one address.
        Client().post(
            reverse("login"),
            {"username": "alice", "password": "wrong"},
            REMOTE_ADDR="203.0.113.9",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{i}",
        )
    assert login(Client(), "alice", PASSWORD, ip="203.0.113.9").status_code == 429
