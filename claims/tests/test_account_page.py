"""The user's own account: changing the password (other sessions end, this one stays) and
two-factor authentication with TOTP (enrol, verify at login, turn off; required for admins
when the desk says so)."""

from __future__ import annotations

import re
import time
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from claims.tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a brand new passphrase 77"


def logged_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def password_login(username: str, password: str = PASSWORD) -> tuple[Client, Any]:
    client = Client()
    response = client.post(
        reverse("login"),
        {"username": username, "password": password},
        REMOTE_ADDR="198.51.100.20",
    )
    return client, response


def code(device: TOTPDevice, steps_ahead: int = 0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def unthrottle(device: TOTPDevice) -> None:
    """django-otp makes the next try wait after a wrong code; tests do not wait."""
    device.refresh_from_db()
    device.throttle_reset()


@pytest.fixture
def alice_device(editor: User) -> TOTPDevice:
    return TOTPDevice.objects.create(user=editor, name="phone", confirmed=True)


# --- password -----------------------------------------------------------------------------------


def test_the_account_page_is_linked_from_every_page(editor: User) -> None:
    body = logged_in(editor).get(reverse("claims:dashboard")).content.decode()
    assert reverse("account") in body


def test_changing_the_password_ends_other_sessions_and_keeps_this_one(editor: User) -> None:
    here, elsewhere = logged_in(editor), logged_in(editor)
    assert elsewhere.get(reverse("claims:dashboard")).status_code == 200
    response = here.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
        follow=True,
    )
    assert "Your password was changed. 1 other session ended." in response.content.decode()
    assert here.get(reverse("claims:dashboard")).status_code == 200
    other = elsewhere.get(reverse("claims:dashboard"))
    assert other.status_code == 302 and reverse("login") in other["Location"]
    assert Session.objects.count() == 1
    editor.refresh_from_db()
    assert editor.check_password(NEW_PASSWORD)


def test_a_wrong_old_password_changes_nothing(editor: User) -> None:
    response = logged_in(editor).post(
        reverse("password_change"),
        {"old_password": "wrong", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 200
    assert "Your old password was entered incorrectly" in response.content.decode()
    editor.refresh_from_db()
    assert editor.check_password(PASSWORD)


def test_a_weak_new_password_is_refused_with_the_reason(editor: User) -> None:
    response = logged_in(editor).post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": "12345678", "new_password2": "12345678"},
    )
    assert "too common" in response.content.decode()


# --- two-factor: enrolment -----------------------------------------------------------------------


def test_an_editor_turns_on_two_factor_with_a_code_from_the_app(editor: User) -> None:
    client = logged_in(editor)
    page = client.post(reverse("account"), {"action": "start"}).content.decode()
    assert "otpauth://totp/" in page
    pending = TOTPDevice.objects.get(user=editor, confirmed=False)
    secret = re.search(r'<code class="secret">([A-Z2-7=]+)</code>', page)
    assert secret is not None
    assert "data:image/svg+xml" in page  # the QR code
    wrong = client.post(reverse("account"), {"action": "confirm", "token": "000000"})
    assert "did not match" in wrong.content.decode()
    assert not TOTPDevice.objects.filter(user=editor, confirmed=True).exists()
    unthrottle(pending)
    done = client.post(
        reverse("account"), {"action": "confirm", "token": code(pending)}, follow=True
    )
    assert "Two-factor authentication is on." in done.content.decode()
    assert TOTPDevice.objects.filter(user=editor, confirmed=True).count() == 1
    # This session gave its code while enrolling: it goes on working.
    assert client.get(reverse("claims:dashboard")).status_code == 200


def test_turning_on_two_factor_ends_other_sessions(editor: User) -> None:
    here, elsewhere = logged_in(editor), logged_in(editor)
    here.post(reverse("account"), {"action": "start"})
    pending = TOTPDevice.objects.get(user=editor, confirmed=False)
    here.post(reverse("account"), {"action": "confirm", "token": code(pending)})
    response = elsewhere.get(reverse("claims:dashboard"))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_a_viewer_is_not_offered_two_factor(viewer: User) -> None:
    client = logged_in(viewer)
    assert "for editors and admins" in client.get(reverse("account")).content.decode()
    assert client.post(reverse("account"), {"action": "start"}).status_code == 403
    assert not TOTPDevice.objects.exists()


# --- two-factor: at login ------------------------------------------------------------------------


def test_logging_in_with_two_factor_asks_for_the_code(
    editor: User, alice_device: TOTPDevice
) -> None:
    client, response = password_login("alice")
    assert response.status_code == 302
    page = client.get(reverse("claims:dashboard"))
    assert page.status_code == 302 and page["Location"].startswith(reverse("two_factor_verify"))
    # Nothing of the desk is reachable before the code: not the queue, not the admin, not htmx.
    assert client.get(reverse("claims:list")).status_code == 302
    assert client.get("/admin/").status_code == 302
    htmx = client.get(reverse("claims:list"), HTTP_HX_REQUEST="true")
    assert htmx.status_code == 204 and reverse("two_factor_verify") in htmx["HX-Redirect"]
    wrong = client.post(reverse("two_factor_verify"), {"token": "123456", "next": "/claims/"})
    assert "did not match" in wrong.content.decode()
    assert client.get(reverse("claims:list")).status_code == 302
    unthrottle(alice_device)
    right = client.post(
        reverse("two_factor_verify"), {"token": code(alice_device), "next": "/claims/"}
    )
    assert right.status_code == 302 and right["Location"] == "/claims/"
    assert client.get(reverse("claims:list")).status_code == 200


def test_a_code_is_not_accepted_twice(editor: User, alice_device: TOTPDevice) -> None:
    token = code(alice_device)
    first, _ = password_login("alice")
    assert first.post(reverse("two_factor_verify"), {"token": token}).status_code == 302
    second, _ = password_login("alice")
    again = second.post(reverse("two_factor_verify"), {"token": token})
    assert again.status_code == 200
    assert second.get(reverse("claims:dashboard")).status_code == 302


def test_wrong_codes_are_throttled(editor: User, alice_device: TOTPDevice) -> None:
    client, _ = password_login("alice")
    for _ in range(3):
        client.post(reverse("two_factor_verify"), {"token": "000000"})
    response = client.post(reverse("two_factor_verify"), {"token": code(alice_device)})
    assert "Too many wrong codes" in response.content.decode()
    assert client.get(reverse("claims:dashboard")).status_code == 302


def test_an_open_redirect_after_the_code_goes_to_the_dashboard(
    editor: User, alice_device: TOTPDevice
) -> None:
    client, _ = password_login("alice")
    response = client.post(
        reverse("two_factor_verify"),
        {"token": code(alice_device), "next": "https://evil.example/"},
    )
    assert response["Location"] == reverse("claims:dashboard")


def test_without_two_factor_the_password_is_enough(editor: User) -> None:
    client, _ = password_login("alice")
    assert client.get(reverse("claims:dashboard")).status_code == 200


# --- two-factor: turning it off -----------------------------------------------------------------


def verified(user: User, device: TOTPDevice) -> Client:
    client, _ = password_login(user.username)
    client.post(reverse("two_factor_verify"), {"token": code(device)})
    return client


def test_turning_two_factor_off_needs_the_password(editor: User, alice_device: TOTPDevice) -> None:
    client = verified(editor, alice_device)
    wrong = client.post(reverse("account"), {"action": "turn_off", "password": "nope"})
    assert "That is not your password." in wrong.content.decode()
    assert TOTPDevice.objects.filter(user=editor).exists()
    client.post(reverse("account"), {"action": "turn_off", "password": PASSWORD})
    assert not TOTPDevice.objects.filter(user=editor).exists()
    fresh, _ = password_login("alice")
    assert fresh.get(reverse("claims:dashboard")).status_code == 200


def test_the_account_page_cannot_be_reached_before_the_code(
    editor: User, alice_device: TOTPDevice
) -> None:
    client, _ = password_login("alice")
    response = client.post(reverse("account"), {"action": "turn_off", "password": PASSWORD})
    assert response.status_code == 302
    assert TOTPDevice.objects.filter(user=editor).exists()


# --- required for admins -------------------------------------------------------------------------


def test_admins_must_enrol_when_the_desk_requires_it(admin_user: User, settings: Any) -> None:
    settings.OTP_REQUIRED_FOR_ADMINS = True
    client, _ = password_login("ada")
    response = client.get(reverse("claims:dashboard"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("account"))
    assert client.get("/admin/").status_code == 302
    page = client.get(reverse("account")).content.decode()
    assert "Admins must use two-factor authentication" in page
    client.post(reverse("account"), {"action": "start"})
    pending = TOTPDevice.objects.get(user=admin_user, confirmed=False)
    client.post(reverse("account"), {"action": "confirm", "token": code(pending)})
    assert client.get(reverse("claims:dashboard")).status_code == 200
    assert client.get("/admin/").status_code == 200
    refused = client.post(reverse("account"), {"action": "turn_off", "password": PASSWORD})
    assert "Admins must keep two-factor authentication" in refused.content.decode()
    assert TOTPDevice.objects.filter(user=admin_user, confirmed=True).exists()


def test_the_admin_rule_applies_to_sessions_opened_before_it(
    admin_user: User, settings: Any
) -> None:
    client, _ = password_login("ada")
    assert client.get(reverse("claims:dashboard")).status_code == 200
    settings.OTP_REQUIRED_FOR_ADMINS = True
    assert client.get(reverse("claims:dashboard")).status_code == 302


def test_editors_need_not_enrol_when_only_admins_must(editor: User, settings: Any) -> None:
    settings.OTP_REQUIRED_FOR_ADMINS = True
    client, _ = password_login("alice")
    assert client.get(reverse("claims:dashboard")).status_code == 200
