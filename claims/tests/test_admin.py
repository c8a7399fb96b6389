"""The Django admin reads everything, edits claims only through the services, deletes nothing."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from claims import services
from claims.models import APIToken, AuditCheckpoint, Claim, ClaimEvent, Feed, Source
from claims.services import checkpoints, feeds, tokens, watch
from claims.tests.ingest_desk import (  # noqa: F401 (fixtures)
    DeskFetch,
    desk_fetch,
    http_server,
    network_guard,
    resolver,
    server,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_for(admin_user: User) -> Client:
    client = Client()
    client.force_login(admin_user)
    return client


def form_data(claim: Claim, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {name: getattr(claim, name) for name in Claim.QUANTITY_FIELDS}
    data = {k: ("" if v is None else v) for k, v in data.items()}
    mention = claim.mentions.get()
    data.update(
        {
            "expected_version": claim.version,
            # The read-only mentions inline still sends its management form.
            "mentions-TOTAL_FORMS": "1",
            "mentions-INITIAL_FORMS": "1",
            "mentions-0-id": mention.pk,
            "mentions-0-claim": claim.pk,
        }
    )
    data.update(changes)
    return data


@pytest.mark.parametrize(
    "url",
    ["claim", "source", "entity", "mention", "evidence", "verdictrecord", "claimevent"],
)
def test_every_model_has_an_admin_list(
    admin_client_for: Client, open_claim: Claim, url: str
) -> None:
    response = admin_client_for.get(reverse(f"admin:claims_{url}_changelist"))
    assert response.status_code == 200


def test_an_admin_edit_goes_through_the_service_and_is_recorded(
    admin_client_for: Client, open_claim: Claim
) -> None:
    url = reverse("admin:claims_claim_change", args=[open_claim.pk])
    response = admin_client_for.post(url, form_data(open_claim, value="425"))
    assert response.status_code == 302, response.content.decode()[:2000]
    open_claim.refresh_from_db()
    assert open_claim.value == Decimal(425)
    event = ClaimEvent.objects.filter(claim=open_claim).order_by("-id").first()
    assert event is not None
    assert (event.action, event.channel, event.actor_label) == ("claim.edited", "admin", "ada")
    assert event.after == {"value": "425"}


def test_a_stale_admin_edit_is_refused_with_a_message(
    admin_client_for: Client, open_claim: Claim, editor: User
) -> None:
    stale = form_data(open_claim, value="425")
    services.claim_edit(
        claim=open_claim, by=editor, expected_version=open_claim.version, changes={"value": "390"}
    )
    response = admin_client_for.post(
        reverse("admin:claims_claim_change", args=[open_claim.pk]), stale
    )
    assert response.status_code == 200
    assert "Someone changed this claim" in response.content.decode()
    open_claim.refresh_from_db()
    assert open_claim.value == Decimal(390)


def test_the_admin_cannot_delete_claims_sources_or_events(
    admin_client_for: Client, open_claim: Claim
) -> None:
    source = Source.objects.get()
    event = ClaimEvent.objects.first()
    assert event is not None
    for name, pk in (("claim", open_claim.pk), ("source", source.pk), ("claimevent", event.pk)):
        response = admin_client_for.post(
            reverse(f"admin:claims_{name}_delete", args=[pk]), {"post": "yes"}
        )
        assert response.status_code == 403
    assert Claim.objects.filter(pk=open_claim.pk).exists()
    assert ClaimEvent.objects.filter(pk=event.pk).exists()


def test_the_admin_cannot_add_claims_or_events(admin_client_for: Client) -> None:
    for name in ("claim", "claimevent", "mention"):
        assert admin_client_for.get(reverse(f"admin:claims_{name}_add")).status_code == 403


# --- every model, read-mostly -------------------------------------------------------------


@pytest.fixture
def fetch(request: pytest.FixtureRequest) -> DeskFetch:
    """Addresses on the loopback test server (webhooks and feeds are checked against it)."""
    found: DeskFetch = request.getfixturevalue("desk_fetch")
    return found


DESK_MODELS = sorted(str(m._meta.model_name) for m in apps.get_app_config("claims").get_models())


@pytest.mark.parametrize("name", DESK_MODELS)
def test_every_desk_model_is_in_the_admin_with_a_list(
    admin_client_for: Client, open_claim: Claim, name: str
) -> None:
    model = apps.get_model("claims", name)
    assert admin.site.is_registered(model)
    response = admin_client_for.get(reverse(f"admin:claims_{name}_changelist"))
    assert response.status_code == 200


@pytest.mark.parametrize("model", [ClaimEvent, AuditCheckpoint])
def test_the_audit_trail_stays_read_only_in_the_admin(
    admin_client_for: Client, admin_user: User, open_claim: Claim, model: Any
) -> None:
    last = ClaimEvent.objects.order_by("-id").first()
    assert last is not None
    checkpoints.checkpoint_create(
        event_id=last.pk, event_hash=last.hash, key="a test signing key", by=None
    )
    row = model.objects.order_by("id").first()
    assert row is not None
    name = model._meta.model_name
    change = reverse(f"admin:claims_{name}_change", args=[row.pk])
    page = admin_client_for.get(change)
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    assert admin_client_for.post(change, {}).status_code == 403
    assert admin_client_for.get(reverse(f"admin:claims_{name}_add")).status_code == 403
    delete = reverse(f"admin:claims_{name}_delete", args=[row.pk])
    assert admin_client_for.post(delete, {"post": "yes"}).status_code == 403
    assert model.objects.filter(pk=row.pk).exists()


def test_the_admin_never_shows_a_secret(
    admin_client_for: Client, admin_user: User, fetch: DeskFetch
) -> None:
    hook, secret = watch.webhook_create(by=admin_user, name="Desk bot", url=fetch.url("/h"))
    made = tokens.api_token_create(user=admin_user, by=admin_user, name="Script")
    for url in (
        reverse("admin:claims_webhook_changelist"),
        reverse("admin:claims_webhook_change", args=[hook.pk]),
        reverse("admin:claims_apitoken_changelist"),
        reverse("admin:claims_apitoken_change", args=[made.token.pk]),
    ):
        body = admin_client_for.get(url).content.decode()
        assert secret not in body and hook.secret_encrypted not in body
        assert made.secret not in body and made.token.key_hash not in body
    assert (
        hook.secret_prefix
        in admin_client_for.get(reverse("admin:claims_webhook_changelist")).content.decode()
    )


def test_an_admin_revokes_tokens_through_the_service(
    admin_client_for: Client, editor: User
) -> None:
    made = tokens.api_token_create(user=editor, by=editor, name="Nightly export")
    response = admin_client_for.post(
        reverse("admin:claims_apitoken_changelist"),
        {"action": "revoke", "_selected_action": [made.token.pk]},
        follow=True,
    )
    assert "1 token revoked." in response.content.decode()
    token = APIToken.objects.get(pk=made.token.pk)
    assert token.revoked_at is not None and not token.is_usable()


def test_an_admin_pauses_and_resumes_feeds(
    admin_client_for: Client, editor: User, fetch: DeskFetch
) -> None:
    feed = feeds.feed_add(by=editor, url=fetch.url("/feeds/a.xml"))
    url = reverse("admin:claims_feed_changelist")
    paused = admin_client_for.post(
        url, {"action": "pause", "_selected_action": [feed.pk]}, follow=True
    )
    assert "1 feed paused." in paused.content.decode()
    assert not Feed.objects.get(pk=feed.pk).active
    admin_client_for.post(url, {"action": "resume", "_selected_action": [feed.pk]})
    assert Feed.objects.get(pk=feed.pk).active
