"""The demo desk: the seed report's figures, several states and verdicts, idempotent."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import CommandError, call_command
from django.test import Client

from claims.formatting import format_quantity
from claims.models import Claim, ClaimEvent, Entity, Evidence, Mention, Source, VerdictRecord

pytestmark = pytest.mark.django_db

MODELS = (Source, Claim, Mention, Evidence, VerdictRecord, ClaimEvent, Entity)


def load(monkeypatch: pytest.MonkeyPatch, password: str = "demo-pass-1") -> str:
    monkeypatch.setenv("DEMO_PASSWORD", password)
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def test_the_demo_desk_carries_the_seed_figures(monkeypatch: pytest.MonkeyPatch) -> None:
    assert "Demo desk ready" in load(monkeypatch)
    figures = {format_quantity(c) for c in Claim.objects.all()}
    for expected in (
        "more than 10,000 soldiers",
        "US$2,000 per month per soldier",
        "more than 400 square kilometres",
        "7–8 : 1",
        "700,000 tonnes",
        "about 10,000–100,000 lives",
        "about 100,000–1,000,000 soldiers",
        "more than 2 years",
        "10 prisoners per cell",
        "2 beds per room",
    ):
        assert expected in figures
    pay = Claim.objects.get(unit="USD")
    mention = pay.mentions.get()
    assert mention.speaker is not None and mention.via is not None
    assert (mention.speaker.name, mention.verb, mention.via.name) == (
        "South Korean intelligence",
        "assessed",
        "The Korea Herald",
    )
    assert mention.source.text[mention.start : mention.end] == mention.quote
    zelensky = Mention.objects.get(speaker__name="Volodymyr Zelensky")
    assert zelensky.verb == "wrote"


def test_the_demo_desk_has_claims_in_several_states_and_verdicts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    load(monkeypatch)
    assert set(Claim.objects.values_list("state", flat=True)) == {"candidate", "open", "rejected"}
    assert {"confirmed", "disputed", "unverifiable", "unverified"} <= set(
        Claim.objects.values_list("verdict", flat=True)
    )
    relations = set(Evidence.objects.values_list("relation", flat=True))
    assert relations == {"corroborates", "contradicts"}
    second = Source.objects.get(title__startswith="Map analysts")
    assert Evidence.objects.filter(target_claim__mentions__source=second).count() == 2


def test_loading_the_demo_twice_changes_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    load(monkeypatch)
    counts = [m.objects.count() for m in MODELS]
    hashes = list(ClaimEvent.objects.order_by("id").values_list("hash", flat=True))
    passwords = dict(get_user_model().objects.values_list("username", "password"))
    load(monkeypatch)
    assert [m.objects.count() for m in MODELS] == counts
    assert list(ClaimEvent.objects.order_by("id").values_list("hash", flat=True)) == hashes
    assert dict(get_user_model().objects.values_list("username", "password")) == passwords


def test_the_demo_users_log_in_with_the_demo_password(
    monkeypatch: pytest.MonkeyPatch, rf: Any
) -> None:
    load(monkeypatch, password="another-demo-pass")
    for name in ("editor", "reporter", "viewer"):
        assert authenticate(rf.get("/"), username=name, password="another-demo-pass") is not None


def test_the_demo_editor_sees_the_figures_on_the_claims_page(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    load(monkeypatch)
    client = Client()
    response = client.post("/login/", {"username": "editor", "password": "demo-pass-1"})
    assert response.status_code == 302
    body = client.get("/claims/").content.decode()
    for text in (
        "more than 10,000 soldiers",
        "US$2,000 per month per soldier",
        "more than 400 square kilometres",
        "The Korea Herald",
        "The Northern Dispatch",
    ):
        assert text in body


def test_the_demo_needs_a_password(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DEMO_PASSWORD", raising=False)
    with pytest.raises(CommandError, match="DEMO_PASSWORD"):
        call_command("load_demo")
