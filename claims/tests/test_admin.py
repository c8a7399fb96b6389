"""The Django admin reads everything, edits claims only through the services, deletes nothing."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from claims import services
from claims.models import Claim, ClaimEvent, Source

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
