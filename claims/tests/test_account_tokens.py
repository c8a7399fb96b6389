"""Personal API tokens on the account page: made (shown once), listed with their last use,
revoked; each user sees and revokes only their own."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from claims.models_api import APIToken
from claims.services.tokens import api_token_create, token_hash

pytestmark = pytest.mark.django_db

KEY = "k" * 24


def logged_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def make(client: Client, **fields: str) -> Any:
    data = {"name": "CMS bot", "scope": "read", "expires": "90"}
    data.update(fields)
    return client.post(reverse("api_token_create"), data)


def secret_in(response: Any) -> str:
    found = re.search(r'id="new-api-token">(fd_[A-Za-z0-9_-]+)<', response.content.decode())
    assert found, "the new token is shown on the page"
    return found.group(1)


def api_status(secret: str) -> int:
    headers = {"Authorization": f"Bearer {secret}"}
    return Client().get("/api/v1/claims/", headers=headers).status_code


def test_a_new_token_is_shown_once_and_only_its_hash_is_kept(viewer: User) -> None:
    client = logged_in(viewer)
    response = make(client)
    assert response.status_code == 200
    secret = secret_in(response)
    stored = APIToken.objects.get(user=viewer)
    assert stored.key_hash == token_hash(secret)
    assert secret not in (stored.key_hash, stored.prefix)
    assert api_status(secret) == 200
    again = client.get(reverse("account"))
    assert secret not in again.content.decode()
    assert stored.prefix in again.content.decode()


def test_the_form_sets_scope_and_expiry(editor: User) -> None:
    make(logged_in(editor), name="nightly", scope="write", expires="30")
    token = APIToken.objects.get(user=editor, name="nightly")
    assert token.can_write
    assert token.expires_at is not None
    assert abs(token.expires_at - (timezone.now() + timedelta(days=30))) < timedelta(minutes=1)
    make(logged_in(editor), name="forever", expires="never")
    assert APIToken.objects.get(user=editor, name="forever").expires_at is None


def test_the_list_shows_the_last_use(viewer: User) -> None:
    client = logged_in(viewer)
    secret = secret_in(make(client, name="laptop"))
    row = re.compile(r'<tr id="api-token-\d+">(.*?)</tr>', re.S)
    before = row.search(client.get(reverse("account")).content.decode())
    assert before and before.group(1).count("never") == 1  # last used (it expires in 90 days)
    assert api_status(secret) == 200
    used = APIToken.objects.get(user=viewer).last_used_at
    assert used is not None
    after = row.search(client.get(reverse("account")).content.decode())
    assert after and timezone.localtime(used).strftime("%Y-%m-%d %H:%M") in after.group(1)
    assert "never" not in after.group(1)


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({"name": "  "}, "This field is required."),
        ({"name": "x" * 61}, "at most 60 characters"),
        ({"scope": "admin"}, "Select a valid choice."),
        ({"expires": "9999"}, "Select a valid choice."),
    ],
)
def test_bad_input_says_what_is_wrong_and_makes_nothing(
    viewer: User, fields: dict[str, str], error: str
) -> None:
    response = make(logged_in(viewer), **fields)
    assert response.status_code == 200
    assert error in response.content.decode()
    assert 'id="new-api-token"' not in response.content.decode()
    assert not APIToken.objects.exists()


def test_a_second_token_with_the_same_name_is_refused(viewer: User) -> None:
    client = logged_in(viewer)
    make(client, name="laptop")
    response = make(client, name="laptop")
    assert "You already have a token named" in response.content.decode()
    assert APIToken.objects.filter(user=viewer).count() == 1


def test_the_same_submission_twice_makes_one_token(viewer: User) -> None:
    client = logged_in(viewer)
    first = make(client, name="laptop", request_key=KEY)
    secret_in(first)
    repeat = make(client, name="laptop", request_key=KEY)
    assert repeat.status_code == 302
    page = client.get(repeat["Location"]).content.decode()
    assert "was saved at" in page and "shown once" in page
    assert APIToken.objects.filter(user=viewer).count() == 1


def test_revoking_a_token_stops_it_at_once(viewer: User) -> None:
    client = logged_in(viewer)
    secret = secret_in(make(client, name="laptop"))
    token = APIToken.objects.get(user=viewer)
    response = client.post(reverse("api_token_revoke"), {"token": token.pk}, follow=True)
    assert "is revoked" in response.content.decode()
    assert api_status(secret) == 401
    token.refresh_from_db()
    assert token.revoked_at is not None
    row = re.search(rf'<tr id="api-token-{token.pk}">(.*?)</tr>', response.content.decode(), re.S)
    assert row and "revoked" in row.group(1) and "<button" not in row.group(1)


def test_a_user_sees_only_their_own_tokens(viewer: User, editor: User) -> None:
    api_token_create(user=editor, by=editor, name="alice-secret-bot")
    api_token_create(user=viewer, by=viewer, name="victor-laptop")
    page = logged_in(viewer).get(reverse("account")).content.decode()
    assert "victor-laptop" in page
    assert "alice-secret-bot" not in page


def test_a_forged_token_id_revokes_nothing(viewer: User, editor: User) -> None:
    theirs = api_token_create(user=editor, by=editor, name="alice-bot")
    response = logged_in(viewer).post(reverse("api_token_revoke"), {"token": theirs.token.pk})
    assert response.status_code == 404
    assert api_status(theirs.secret) == 200
    assert APIToken.objects.get(pk=theirs.token.pk).revoked_at is None


@pytest.mark.parametrize("raw", ["", "abc", "-1", "99999999999999999999999"])
def test_a_malformed_token_id_is_refused_with_a_message(viewer: User, raw: str) -> None:
    mine = api_token_create(user=viewer, by=viewer, name="laptop")
    response = logged_in(viewer).post(reverse("api_token_revoke"), {"token": raw}, follow=True)
    assert "Pick one of your tokens" in response.content.decode()
    assert APIToken.objects.get(pk=mine.token.pk).revoked_at is None


def test_the_token_views_only_take_posts(viewer: User) -> None:
    client = logged_in(viewer)
    assert client.get(reverse("api_token_create")).status_code == 405
    assert client.get(reverse("api_token_revoke")).status_code == 405


def test_logged_out_visitors_are_sent_to_log_in() -> None:
    response = Client().post(reverse("api_token_create"), {"name": "x"})
    assert response.status_code == 302 and reverse("login") in response["Location"]
    assert not APIToken.objects.exists()


def test_a_user_without_a_role_reaches_the_account_page_but_makes_no_token(
    outsider: User,
) -> None:
    client = logged_in(outsider)
    page = client.get(reverse("account"))
    assert page.status_code == 200
    assert "Change your password" in page.content.decode()
    assert "Make the token" not in page.content.decode()
    assert make(client).status_code == 403
    assert not APIToken.objects.exists()
    # The rest of the desk still answers with the no-role page.
    assert client.get(reverse("claims:list")).status_code == 403


def test_a_user_who_lost_their_role_can_still_revoke_their_tokens(viewer: User) -> None:
    new = api_token_create(user=viewer, by=viewer, name="old-laptop")
    viewer.groups.clear()
    client = logged_in(viewer)
    assert "old-laptop" in client.get(reverse("account")).content.decode()
    client.post(reverse("api_token_revoke"), {"token": new.token.pk})
    assert APIToken.objects.get(pk=new.token.pk).revoked_at is not None


def test_the_account_page_has_a_query_budget(
    editor: User, django_assert_max_num_queries: Any
) -> None:
    for n in range(12):
        api_token_create(user=editor, by=editor, name=f"bot {n}")
    client = logged_in(editor)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("account"))
    assert response.content.decode().count('<tr id="api-token-') == 12
