"""The JSON API: reads under the viewer rules, writes through the services, tokens, errors."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from claims import services
from claims.models import Claim, ClaimEvent, ClaimState, Source, Verdict
from claims.models_api import APIToken
from claims.services.tokens import api_token_create, api_token_revoke
from claims.tests.conftest import REPORT as REPORT_TEXT
from claims.tests.conftest import make_claim, make_source

pytestmark = pytest.mark.django_db


def token_for(user: User, scope: str = "write", name: str = "script") -> str:
    return api_token_create(user=user, by=user, name=name, scope=scope).secret


def call(method: str, path: str, secret: str | None = None, **kw: Any) -> Any:
    headers = {"Authorization": f"Bearer {secret}"} if secret else {}
    headers.update(kw.pop("headers", {}))
    client = Client()
    if method == "get":
        return client.get(path, headers=headers, **kw)
    return client.post(path, kw.pop("json", {}), content_type="application/json", headers=headers)


def test_the_openapi_document_is_3_1_and_public() -> None:
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    doc = response.json()
    assert doc["openapi"].startswith("3.1")
    assert "/api/v1/claims/" in doc["paths"]
    assert "/api/v1/claims/{claim_id}/" in doc["paths"]


def test_the_docs_page_is_served_from_our_static_files_with_its_own_policy() -> None:
    response = Client().get("/api/v1/docs/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in body
    assert "cdn" not in body.lower()
    assert "'unsafe-inline'" in response["Content-Security-Policy"]


def test_desk_pages_keep_the_strict_policy(editor: User) -> None:
    client = Client()
    client.force_login(editor)
    assert "unsafe-inline" not in client.get("/claims/")["Content-Security-Policy"]


def test_without_a_token_the_api_answers_401_as_problem_json() -> None:
    response = call("get", "/api/v1/claims/")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == 401 and body["title"] and body["detail"]


def test_a_revoked_token_gives_401(viewer: User) -> None:
    new = api_token_create(user=viewer, by=viewer, name="laptop")
    assert call("get", "/api/v1/claims/", new.secret).status_code == 200
    api_token_revoke(token=new.token, by=viewer)
    assert call("get", "/api/v1/claims/", new.secret).status_code == 401


def test_an_expired_token_gives_401(viewer: User) -> None:
    new = api_token_create(user=viewer, by=viewer, name="old", expires_in_days=1)
    APIToken.objects.filter(pk=new.token.pk).update(expires_at=timezone.now() - timedelta(1))
    assert call("get", "/api/v1/claims/", new.secret).status_code == 401


def test_a_wrong_token_gives_401(viewer: User) -> None:
    secret = token_for(viewer)
    assert call("get", "/api/v1/claims/", secret[:-2] + "xx").status_code == 401


def test_tokens_are_stored_hashed_and_note_their_last_use(viewer: User) -> None:
    new = api_token_create(user=viewer, by=viewer, name="hashing")
    stored = APIToken.objects.get(pk=new.token.pk)
    assert new.secret not in (stored.key_hash, stored.prefix)
    assert new.secret.startswith(stored.prefix)
    assert stored.last_used_at is None
    call("get", "/api/v1/claims/", new.secret)
    stored.refresh_from_db()
    assert stored.last_used_at is not None


def test_viewers_do_not_see_candidates(viewer: User, candidate: Claim, open_claim: Claim) -> None:
    secret = token_for(viewer, "read")
    ids = [c["id"] for c in call("get", "/api/v1/claims/?state=all", secret).json()["items"]]
    assert ids == [open_claim.pk]
    assert call("get", f"/api/v1/claims/{candidate.pk}/", secret).status_code == 404


def test_reporters_see_candidates(reporter: User, candidate: Claim) -> None:
    secret = token_for(reporter, "read")
    ids = [c["id"] for c in call("get", "/api/v1/claims/", secret).json()["items"]]
    assert candidate.pk in ids


def test_outsiders_are_refused(outsider: User, open_claim: Claim) -> None:
    secret = token_for(outsider, "read") if False else None
    client = Client()
    client.force_login(outsider)
    assert client.get("/api/v1/claims/").status_code == 403
    assert secret is None


def test_the_list_pages_by_keyset_and_keeps_only_the_asked_fields(
    reporter: User, editor: User, source: Any
) -> None:
    for quote in ("more than 10,000 soldiers", "400 square kilometres", "700,000 tons of rice"):
        make_claim(reporter, source, quote)
    secret = token_for(reporter, "read")
    first = call("get", "/api/v1/claims/?limit=2&fields=statement,value", secret).json()
    assert len(first["items"]) == 2
    assert set(first["items"][0]) == {"id", "statement", "value"}
    second = call("get", first["next"], secret).json()
    assert len(second["items"]) == 1 and second["next_cursor"] is None
    seen = {c["id"] for c in first["items"]} | {c["id"] for c in second["items"]}
    assert len(seen) == 3


def test_the_list_applies_the_queue_filters(reporter: User, source: Any) -> None:
    make_claim(reporter, source, "more than 10,000 soldiers")
    make_claim(reporter, source, "400 square kilometres", dimension="area", value=Decimal(400))
    secret = token_for(reporter, "read")
    items = call("get", "/api/v1/claims/?dimension=area", secret).json()["items"]
    assert [c["dimension"] for c in items] == ["area"]
    assert call("get", "/api/v1/claims/?verdict=nonsense", secret).status_code == 422
    assert call("get", "/api/v1/claims/?fields=nope", secret).status_code == 422
    assert call("get", "/api/v1/claims/?limit=500", secret).status_code == 422


def test_one_claim_has_mentions_attribution_evidence_verdicts_and_history(
    editor: User, open_claim: Claim, source: Any
) -> None:
    secret = token_for(editor)
    call(
        "post",
        f"/api/v1/claims/{open_claim.pk}/evidence/",
        secret,
        json={"relation": "context", "target_source_id": source.pk},
    )
    body = call("get", f"/api/v1/claims/{open_claim.pk}/", secret).json()
    assert body["value"] == 400 and body["version"] == open_claim.version
    assert body["mentions"][0]["speaker"]["name"] == "Officials"
    assert body["mentions"][0]["quote"] == "400 square kilometres"
    assert body["evidence"][0]["relation"] == "context"
    assert [e["action"] for e in body["history"]][:1] == ["evidence.linked"]


def test_claim_reads_carry_an_etag_and_answer_304(editor: User, open_claim: Claim) -> None:
    secret = token_for(editor)
    first = call("get", f"/api/v1/claims/{open_claim.pk}/", secret)
    etag = first["ETag"]
    again = call("get", f"/api/v1/claims/{open_claim.pk}/", secret, headers={"If-None-Match": etag})
    assert again.status_code == 304
    services.claim_edit(
        claim=open_claim,
        by=editor,
        expected_version=open_claim.version,
        changes={"subject": "territory"},
    )
    changed = call(
        "get", f"/api/v1/claims/{open_claim.pk}/", secret, headers={"If-None-Match": etag}
    )
    assert changed.status_code == 200 and changed["ETag"] != etag


def test_a_write_by_token_is_in_the_history_with_channel_api_and_the_token_name(
    editor: User, open_claim: Claim
) -> None:
    secret = token_for(editor, name="cms-bot")
    response = call(
        "post",
        f"/api/v1/claims/{open_claim.pk}/verdict/",
        secret,
        json={"expected_version": open_claim.version, "verdict": "confirmed"},
    )
    assert response.status_code == 200, response.content
    assert response.json()["verdict"] == Verdict.CONFIRMED
    event = ClaimEvent.objects.filter(claim=open_claim).latest("id")
    assert event.action == "claim.verdict"
    assert event.channel == "api"
    assert event.actor == editor
    assert "cms-bot" in event.actor_label


def test_a_stale_expected_version_gives_409_with_the_conflict(
    editor: User, second_editor: User, open_claim: Claim
) -> None:
    loaded = open_claim.version
    services.claim_edit(
        claim=open_claim, by=second_editor, expected_version=loaded, changes={"value": Decimal(450)}
    )
    secret = token_for(editor)
    response = call(
        "post",
        f"/api/v1/claims/{open_claim.pk}/edit/",
        secret,
        json={"expected_version": loaded, "changes": {"value": 500}},
    )
    assert response.status_code == 409
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["expected_version"] == loaded
    assert body["current_version"] == loaded + 1
    assert body["changed_fields"] == ["value"]
    assert body["changes"][0]["actor"] == "bob"
    assert Claim.objects.get(pk=open_claim.pk).value == Decimal(450)


def test_a_read_token_cannot_write(editor: User, candidate: Claim) -> None:
    secret = token_for(editor, "read")
    response = call(
        "post",
        f"/api/v1/claims/{candidate.pk}/accept/",
        secret,
        json={"expected_version": candidate.version},
    )
    assert response.status_code == 403
    assert Claim.objects.get(pk=candidate.pk).state == ClaimState.CANDIDATE


@pytest.mark.parametrize(
    ("persona", "accept", "link"),
    [("viewer", 404, 404), ("reporter", 403, 201), ("editor", 200, 201)],
)
def test_writes_follow_the_role(
    request: Any, persona: str, accept: int, link: int, candidate: Claim, source: Any
) -> None:
    user = request.getfixturevalue(persona)
    secret = token_for(user)
    response = call(
        "post",
        f"/api/v1/claims/{candidate.pk}/accept/",
        secret,
        json={"expected_version": candidate.version},
    )
    assert response.status_code == accept
    response = call(
        "post",
        f"/api/v1/claims/{candidate.pk}/evidence/",
        secret,
        json={"relation": "context", "target_source_id": source.pk},
    )
    assert response.status_code == link


def test_a_viewer_cannot_bring_in_reports_or_read_the_audit_log(viewer: User) -> None:
    secret = token_for(viewer)
    assert (
        call(
            "post", "/api/v1/reports/text/", secret, json={"text": "Some 12 people came."}
        ).status_code
        == 403
    )
    assert call("get", "/api/v1/audit/", secret).status_code == 403


def test_a_reporter_brings_in_a_report_and_proposes_a_claim(reporter: User) -> None:
    secret = token_for(reporter)
    text = "The agency said 1,200 homes were damaged by the storm on Tuesday."
    made = call(
        "post", "/api/v1/reports/text/", secret, json={"text": text, "title": "Storm damage"}
    )
    assert made.status_code == 201, made.content
    report_id = made.json()["report"]["id"]
    assert (
        call("post", "/api/v1/reports/text/", secret, json={"text": text}).json()["created"]
        is False
    )
    start = text.index("1,200 homes")
    proposed = call(
        "post",
        "/api/v1/claims/",
        secret,
        json={
            "source_id": report_id,
            "start": start,
            "end": start + len("1,200 homes"),
            "quote": "1,200 homes",
            "statement": "1,200 homes were damaged",
            "value": 1200,
            "unit_name": "home",
            "speaker": "The agency",
        },
    )
    assert proposed.status_code == 201, proposed.content
    assert proposed.json()["state"] == "candidate"
    event = ClaimEvent.objects.get(claim_id=proposed.json()["id"])
    assert event.channel == "api"
    detail = call("get", f"/api/v1/reports/{report_id}/", secret).json()
    assert detail["claim_ids"] == [proposed.json()["id"]]


def test_an_invalid_write_answers_422_and_changes_nothing(editor: User, open_claim: Claim) -> None:
    secret = token_for(editor)
    response = call(
        "post",
        f"/api/v1/claims/{open_claim.pk}/verdict/",
        secret,
        json={"expected_version": open_claim.version, "verdict": "disputed"},
    )
    assert response.status_code == 422
    assert "reason" in response.json()["errors"]
    assert Claim.objects.get(pk=open_claim.pk).verdict == Verdict.UNVERIFIED


def test_unlink_through_the_api(reporter: User, open_claim: Claim, source: Any) -> None:
    secret = token_for(reporter)
    linked = call(
        "post",
        f"/api/v1/claims/{open_claim.pk}/evidence/",
        secret,
        json={"relation": "context", "target_source_id": source.pk},
    ).json()
    removed = call(
        "post", f"/api/v1/evidence/{linked['id']}/unlink/", secret, json={"reason": "wrong report"}
    )
    assert removed.status_code == 200 and removed.json()["active"] is False
    again = call("post", f"/api/v1/evidence/{linked['id']}/unlink/", secret, json={})
    assert again.status_code == 409


def test_throttling_gives_429_with_retry_after(settings: Any, viewer: User) -> None:
    from django.core.cache import cache

    cache.clear()
    settings.API_RATE_PER_MINUTE = 3
    secret = token_for(viewer, "read")
    codes = [call("get", "/api/v1/entities/", secret).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    response = call("get", "/api/v1/entities/", secret)
    assert int(response["Retry-After"]) >= 1
    other = token_for(viewer, "read", name="other")
    assert call("get", "/api/v1/entities/", other).status_code == 200


def test_reads_of_entities_factsheets_and_audit(editor: User, open_claim: Claim) -> None:
    sheet = services.factsheet_create(by=editor, title="Camp figures")
    services.factsheet_claim_add(sheet=sheet, claim=open_claim, by=editor)
    services.factsheet_publish(sheet=sheet, by=editor)
    secret = token_for(editor, "read")
    names = [e["name"] for e in call("get", "/api/v1/entities/", secret).json()["items"]]
    assert "Officials" in names
    sheets = call("get", "/api/v1/factsheets/", secret).json()
    assert sheets[0]["latest_version"] == 1
    detail = call("get", f"/api/v1/factsheets/{sheet.pk}/", secret).json()
    assert detail["entries"][0]["claim_id"] == open_claim.pk
    version = call("get", f"/api/v1/factsheets/{sheet.pk}/versions/1/", secret)
    assert version.status_code == 200 and version.json()["number"] == 1
    audit = call("get", f"/api/v1/audit/?claim={open_claim.pk}&limit=1", secret).json()
    assert len(audit["items"]) == 1 and audit["next_cursor"]


def test_the_command_creates_a_token_once_and_revokes_it(viewer: User) -> None:
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command(
        "api_token",
        "create",
        "victor",
        "--scope",
        "read",
        "--expires",
        "30",
        "--name",
        "nightly",
        stdout=out,
    )
    secret = out.getvalue().strip()
    assert call("get", "/api/v1/claims/", secret).status_code == 200
    call_command("api_token", "revoke", "nightly", stdout=StringIO())
    assert call("get", "/api/v1/claims/", secret).status_code == 401


def test_a_change_from_one_level_to_another_goes_in_and_comes_out(reporter: User) -> None:
    secret = token_for(reporter)
    text = "Gold slid from $1,870 to $1,795 an ounce on Tuesday, dealers said."
    made = call("post", "/api/v1/reports/text/", secret, json={"text": text, "title": "Gold"})
    assert made.status_code == 201, made.content
    quote = "from $1,870 to $1,795"
    start = text.index(quote)
    proposed = call(
        "post",
        "/api/v1/claims/",
        secret,
        json={
            "source_id": made.json()["report"]["id"],
            "start": start,
            "end": start + len(quote),
            "quote": quote,
            "statement": "Gold slid from US$1,870 to US$1,795 an ounce",
            "value": 1795,
            "from_value": 1870,
            "change": "to",
            "trend": "down",
            "unit": "USD",
            "unit_name": "dollar",
            "dimension": "currency",
            "currency": "USD",
            "per": "ounce",
        },
    )
    assert proposed.status_code == 201, proposed.content
    body = proposed.json()
    assert (body["change"], body["from_value"], body["value"]) == ("to", 1870, 1795)
    claim = Claim.objects.get(pk=body["id"])
    assert (claim.change, claim.from_value) == ("to", 1870)
    read = call("get", f"/api/v1/claims/{claim.pk}/", secret).json()
    assert (read["change"], read["from_value"]) == ("to", 1870)


# --- Idempotency-Key --------------------------------------------------------------------------

KEY = "retry-7c1e0b2a-4f7d-4a55-9a51"


def test_a_retried_write_with_a_key_applies_once_and_answers_as_the_first(
    editor: User, open_claim: Claim
) -> None:
    secret = token_for(editor, name="cms-bot")
    body = {"expected_version": open_claim.version, "changes": {"subject": "territory"}}
    path = f"/api/v1/claims/{open_claim.pk}/edit/"
    first = call("post", path, secret, json=body, headers={"Idempotency-Key": KEY})
    assert first.status_code == 200, first.content
    events = ClaimEvent.objects.filter(claim=open_claim).count()
    again = call("post", path, secret, json=body, headers={"Idempotency-Key": KEY})
    assert again.status_code == 200
    assert again.json() == first.json()
    assert again["Idempotent-Replayed"] == "true"
    assert ClaimEvent.objects.filter(claim=open_claim).count() == events
    # Without the key the same body is a new request: a stale version now.
    assert call("post", path, secret, json=body).status_code == 409


def test_a_retried_create_makes_one_report(reporter: User) -> None:
    secret = token_for(reporter)
    body = {"text": "The agency said 1,200 homes were damaged.", "title": "Storm"}
    answers = [
        call("post", "/api/v1/reports/text/", secret, json=body, headers={"Idempotency-Key": KEY})
        for _ in range(3)
    ]
    assert [a.status_code for a in answers] == [201, 201, 201]
    assert len({a.json()["report"]["id"] for a in answers}) == 1
    assert Source.objects.count() == 1


def test_a_key_reused_for_another_body_changes_nothing(editor: User, open_claim: Claim) -> None:
    secret = token_for(editor)
    path = f"/api/v1/claims/{open_claim.pk}/edit/"
    v = open_claim.version
    call(
        "post",
        path,
        secret,
        json={"expected_version": v, "changes": {"subject": "a"}},
        headers={"Idempotency-Key": KEY},
    )
    other = call(
        "post",
        path,
        secret,
        json={"expected_version": v + 1, "changes": {"subject": "b"}},
        headers={"Idempotency-Key": KEY},
    )
    assert other.status_code == 422
    assert other.json()["type"].endswith("/idempotency-key-reused")
    assert Claim.objects.get(pk=open_claim.pk).subject == "a"


def test_a_failed_write_keeps_no_key_and_its_retry_runs_again(
    editor: User, open_claim: Claim
) -> None:
    secret = token_for(editor)
    path = f"/api/v1/claims/{open_claim.pk}/verdict/"
    refused = call(
        "post",
        path,
        secret,
        json={"expected_version": open_claim.version, "verdict": "disputed"},
        headers={"Idempotency-Key": KEY},
    )
    assert refused.status_code == 422
    fixed = call(
        "post",
        path,
        secret,
        json={"expected_version": open_claim.version, "verdict": "disputed", "reason": "wrong"},
        headers={"Idempotency-Key": KEY},
    )
    assert fixed.status_code == 200 and fixed.json()["verdict"] == "disputed"


def test_keys_are_per_user(editor: User, second_editor: User, candidate: Claim) -> None:
    body = {"expected_version": candidate.version}
    path = f"/api/v1/claims/{candidate.pk}/accept/"
    mine = call("post", path, token_for(editor), json=body, headers={"Idempotency-Key": KEY})
    assert mine.status_code == 200
    theirs = call(
        "post", path, token_for(second_editor), json=body, headers={"Idempotency-Key": KEY}
    )
    assert theirs.status_code == 409  # not a replay of alice's answer: bob's own request
    assert "Idempotent-Replayed" not in theirs


def test_a_read_token_gets_no_replay(editor: User, candidate: Claim) -> None:
    body = {"expected_version": candidate.version}
    path = f"/api/v1/claims/{candidate.pk}/accept/"
    call("post", path, token_for(editor), json=body, headers={"Idempotency-Key": KEY})
    reader = token_for(editor, "read", name="reader")
    assert (
        call("post", path, reader, json=body, headers={"Idempotency-Key": KEY}).status_code == 403
    )


@pytest.mark.parametrize("key", ["short", "x" * 65, "has space in it ok", "ünïcode-key-123456"])
def test_a_malformed_key_is_refused_before_anything_is_written(
    editor: User, candidate: Claim, key: str
) -> None:
    response = call(
        "post",
        f"/api/v1/claims/{candidate.pk}/accept/",
        token_for(editor),
        json={"expected_version": candidate.version},
        headers={"Idempotency-Key": key},
    )
    assert response.status_code == 422
    assert Claim.objects.get(pk=candidate.pk).state == ClaimState.CANDIDATE


def test_a_claim_answers_its_first_mentions_and_pages_the_rest(
    reporter: User, editor: User, monkeypatch: Any
) -> None:
    from claims.api import endpoints

    monkeypatch.setattr(endpoints, "MENTIONS_FIRST", 2)
    claims = [
        make_claim(reporter, make_source(reporter, text=f"{REPORT_TEXT} ({n})", title=f"R{n}"))
        for n in range(4)
    ]
    kept = claims[0]
    for duplicate in claims[1:]:
        kept.refresh_from_db()
        duplicate.refresh_from_db()
        services.claim_merge(
            claim=kept,
            duplicate=duplicate,
            by=editor,
            expected_version=kept.version,
            duplicate_version=duplicate.version,
            chosen=True,
        )
    kept.refresh_from_db()
    assert kept.mention_count == 4
    secret = token_for(reporter, "read")
    body = call("get", f"/api/v1/claims/{kept.pk}/", secret).json()
    assert body["mention_count"] == 4 and len(body["mentions"]) == 2
    assert body["mentions_next"].endswith("?offset=2")
    first = call("get", f"/api/v1/claims/{kept.pk}/mentions/?limit=3", secret).json()
    assert first["count"] == 4 and len(first["items"]) == 3
    rest = call("get", first["next"], secret).json()
    assert len(rest["items"]) == 1 and rest["next"] is None
    ids = [m["id"] for m in first["items"] + rest["items"]]
    assert len(set(ids)) == 4
    assert [m["id"] for m in body["mentions"]] == ids[:2]
