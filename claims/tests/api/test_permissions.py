"""Every endpoint, by role and by token scope: one table says what each caller gets.

Each row is an endpoint with the status each role gets with a write token. With a read token
the reads answer the same and every write is refused (403, insufficient scope) before it
looks at anything; without a token everything but the document is 401; an account whose role
was taken away gets 403 everywhere. The desk is built once per caller; each write has a target
of its own, so the writes do not depend on one another. A test also checks that the table
names every operation of the OpenAPI document.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from claims import services
from claims.ingest.fetch import FetchedDocument
from claims.models import Claim, ClaimEvent, Evidence, FigureMatch
from claims.permissions import Role
from claims.services.tokens import api_token_create
from claims.tests.conftest import make_claim, make_source, make_user
from claims.tests.matching.test_suggestions import FIRST, SECOND, premium

pytestmark = pytest.mark.django_db

ROLES = ("viewer", "reporter", "editor", "admin")
PROPOSE_TEXT = "The council said 3,400 people signed the petition in March."


@dataclass
class Desk:
    candidate_accept: Claim
    candidate_reject: Claim
    open_edit: Claim
    open_verdict: Claim
    open_read: Claim
    candidate_read: Claim
    evidence: Evidence
    report: Any
    propose_report: Any
    sheet_id: int
    entity_id: int


def build_desk() -> Desk:
    maker = make_user("maker", Role.EDITOR)
    source = make_source(maker)
    candidate_read = make_claim(maker, source, "more than 10,000 soldiers")
    candidate_accept = make_claim(maker, source, "US$2,000 a month", dimension="currency")
    candidate_reject = make_claim(maker, source, "700,000 tons of rice", dimension="mass")
    open_read = make_claim(
        maker, source, "400 square kilometres", state="open", editor=maker, value=Decimal(400)
    )
    first = premium(maker, FIRST, "US$45,000", 45000, "Insurers raise cover")
    second = premium(maker, SECOND, "US$52,000", 52000, "Premiums climb again")
    open_edit, open_verdict = (
        services.claim_accept(claim=c, by=maker, expected_version=c.version)
        for c in (first, second)
    )
    services.matches_for_source(source=second.mentions.get().source)
    assert FigureMatch.objects.filter(claim=first, other=second).exists()
    evidence = services.evidence_link(
        claim=open_read, by=maker, relation="context", target_source=source
    )
    sheet = services.factsheet_create(by=maker, title="Camp figures")
    services.factsheet_claim_add(sheet=sheet, claim=open_read, by=maker)
    services.factsheet_publish(sheet=sheet, by=maker)
    speaker_id = open_read.mentions.get().speaker_id
    assert speaker_id is not None
    return Desk(
        candidate_accept=candidate_accept,
        candidate_reject=candidate_reject,
        open_edit=open_edit,
        open_verdict=open_verdict,
        open_read=open_read,
        candidate_read=candidate_read,
        evidence=evidence,
        report=source,
        propose_report=make_source(maker, text=PROPOSE_TEXT, title="Petition"),
        sheet_id=sheet.pk,
        entity_id=speaker_id,
    )


def version(claim: Claim) -> int:
    return Claim.objects.get(pk=claim.pk).version


@dataclass
class Row:
    method: str
    path: Callable[[Desk], str]
    expected: dict[str, int]  # role -> status with a write token
    body: Callable[[Desk], dict[str, Any]] | None = None

    @property
    def writes(self) -> bool:
        return self.method == "post"


def every(status: int) -> dict[str, int]:
    return dict.fromkeys(ROLES, status)


def from_role(lowest: str, ok: int, below: int = 403, **special: int) -> dict[str, int]:
    rank = ROLES.index(lowest)
    table = {role: ok if i >= rank else below for i, role in enumerate(ROLES)}
    table.update(special)
    return table


TABLE: dict[str, Row] = {
    "GET /claims/": Row("get", lambda d: "/api/v1/claims/", every(200)),
    "GET /claims/{id}/ (open)": Row(
        "get", lambda d: f"/api/v1/claims/{d.open_read.pk}/", every(200)
    ),
    "GET /claims/{id}/ (candidate)": Row(
        "get",
        lambda d: f"/api/v1/claims/{d.candidate_read.pk}/",
        from_role("reporter", 200, below=404),
    ),
    "GET /claims/{id}/mentions/ (open)": Row(
        "get", lambda d: f"/api/v1/claims/{d.open_read.pk}/mentions/", every(200)
    ),
    "GET /claims/{id}/mentions/ (candidate)": Row(
        "get",
        lambda d: f"/api/v1/claims/{d.candidate_read.pk}/mentions/",
        from_role("reporter", 200, below=404),
    ),
    "GET /claims/{id}/matches/": Row(
        "get", lambda d: f"/api/v1/claims/{d.open_edit.pk}/matches/", from_role("reporter", 200)
    ),
    "GET /reports/": Row("get", lambda d: "/api/v1/reports/", every(200)),
    "GET /reports/{id}/": Row("get", lambda d: f"/api/v1/reports/{d.report.pk}/", every(200)),
    "GET /entities/": Row("get", lambda d: "/api/v1/entities/", every(200)),
    "GET /entities/{id}/": Row("get", lambda d: f"/api/v1/entities/{d.entity_id}/", every(200)),
    "GET /factsheets/": Row("get", lambda d: "/api/v1/factsheets/", every(200)),
    "GET /factsheets/{id}/": Row("get", lambda d: f"/api/v1/factsheets/{d.sheet_id}/", every(200)),
    "GET /factsheets/{id}/versions/{n}/": Row(
        "get", lambda d: f"/api/v1/factsheets/{d.sheet_id}/versions/1/", every(200)
    ),
    "GET /audit/": Row("get", lambda d: "/api/v1/audit/", from_role("reporter", 200)),
    "POST /reports/text/": Row(
        "post",
        lambda d: "/api/v1/reports/text/",
        from_role("reporter", 201),
        lambda d: {"text": "The port handled 1.2 million containers last year.", "title": "Port"},
    ),
    "POST /reports/url/": Row(
        "post",
        lambda d: "/api/v1/reports/url/",
        from_role("reporter", 201),
        lambda d: {"url": "https://news.example/port"},
    ),
    "POST /claims/": Row(
        "post",
        lambda d: "/api/v1/claims/",
        from_role("reporter", 201),
        lambda d: {
            "source_id": d.propose_report.pk,
            "start": PROPOSE_TEXT.index("3,400"),
            "end": PROPOSE_TEXT.index("3,400") + len("3,400 people"),
            "quote": "3,400 people",
            "statement": "3,400 people signed the petition",
            "value": 3400,
            "unit_name": "person",
        },
    ),
    "POST /claims/{id}/accept/": Row(
        "post",
        lambda d: f"/api/v1/claims/{d.candidate_accept.pk}/accept/",
        from_role("editor", 200, viewer=404),
        lambda d: {"expected_version": version(d.candidate_accept)},
    ),
    "POST /claims/{id}/reject/": Row(
        "post",
        lambda d: f"/api/v1/claims/{d.candidate_reject.pk}/reject/",
        from_role("editor", 200, viewer=404),
        lambda d: {"expected_version": version(d.candidate_reject), "reason": "not a claim"},
    ),
    "POST /claims/{id}/edit/": Row(
        "post",
        lambda d: f"/api/v1/claims/{d.open_edit.pk}/edit/",
        from_role("editor", 200),
        lambda d: {"expected_version": version(d.open_edit), "changes": {"place": "Odesa"}},
    ),
    "POST /claims/{id}/verdict/": Row(
        "post",
        lambda d: f"/api/v1/claims/{d.open_verdict.pk}/verdict/",
        from_role("editor", 200),
        lambda d: {"expected_version": version(d.open_verdict), "verdict": "confirmed"},
    ),
    "POST /claims/{id}/evidence/": Row(
        "post",
        lambda d: f"/api/v1/claims/{d.open_read.pk}/evidence/",
        from_role("reporter", 201),
        lambda d: {"relation": "corroborates", "target_claim_id": d.open_edit.pk},
    ),
    "POST /evidence/{id}/unlink/": Row(
        "post",
        lambda d: f"/api/v1/evidence/{d.evidence.pk}/unlink/",
        from_role("editor", 200),  # a reporter unlinks only their own links
        lambda d: {"reason": "wrong report"},
    ),
}


def _fetched_here(url: str, **kwargs: Any) -> FetchedDocument:
    body = b"The port handled 1.3 million containers, the authority said."
    return FetchedDocument(
        url=url,
        final_url=url,
        status=200,
        content_type="text/plain",
        charset="utf-8",
        kind="text",
        body=body,
    )


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: Any, settings: Any) -> None:
    monkeypatch.setattr("claims.services.ingest.fetch_url", _fetched_here)
    settings.API_RATE_PER_MINUTE = 0


def call(row: Row, desk: Desk, secret: str | None) -> Any:
    headers = {"Authorization": f"Bearer {secret}"} if secret else {}
    client = Client()
    if row.writes:
        body = row.body(desk) if row.body else {}
        return client.post(row.path(desk), body, content_type="application/json", headers=headers)
    return client.get(row.path(desk), headers=headers)


def run_table(secret: str | None, expect: Callable[[str, Row], int]) -> list[str]:
    desk = build_desk()
    wrong = []
    for name, row in TABLE.items():
        response = call(row, desk, secret)
        want = expect(name, row)
        if response.status_code != want:
            wrong.append(
                f"{name}: {response.status_code}, expected {want}: {response.content[:160]!r}"
            )
        elif want >= 400:
            assert response["Content-Type"] == "application/problem+json", name
        elif row.writes:
            event = ClaimEvent.objects.latest("id")
            assert (event.channel, "table" in event.actor_label) == ("api", True), name
    return wrong


@pytest.mark.parametrize("role", ROLES)
def test_a_write_token_gets_what_the_role_allows(role: str) -> None:
    user = make_user(f"{role}-caller", Role[role.upper()])
    secret = api_token_create(user=user, by=user, name="table", scope="write").secret
    wrong = run_table(secret, lambda name, row: row.expected[role])
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("role", ROLES)
def test_a_read_token_reads_as_the_role_and_never_writes(role: str) -> None:
    user = make_user(f"{role}-caller", Role[role.upper()])
    secret = api_token_create(user=user, by=user, name="table", scope="read").secret
    wrong = run_table(secret, lambda name, row: 403 if row.writes else row.expected[role])
    assert not wrong, "\n".join(wrong)
    assert not ClaimEvent.objects.filter(channel="api").exists()
    refused = Client().post(
        "/api/v1/reports/text/",
        {"text": "Some 12 people came."},
        content_type="application/json",
        headers={"Authorization": f"Bearer {secret}"},
    )
    assert refused.json()["type"].endswith("/insufficient-scope")


def test_without_a_token_everything_is_401() -> None:
    wrong = run_table(None, lambda name, row: 401)
    assert not wrong, "\n".join(wrong)


def test_an_account_whose_role_was_taken_away_gets_403_everywhere() -> None:
    user = make_user("former", Role.EDITOR)
    secret = api_token_create(user=user, by=user, name="table", scope="write").secret
    user.groups.clear()
    wrong = run_table(secret, lambda name, row: 403)
    assert not wrong, "\n".join(wrong)
    assert not ClaimEvent.objects.filter(channel="api").exists()


def test_the_document_and_its_docs_page_are_public() -> None:
    assert Client().get("/api/v1/openapi.json").status_code == 200
    assert Client().get("/api/v1/docs/").status_code == 200


def test_the_table_names_every_operation_of_the_document() -> None:
    doc = Client().get("/api/v1/openapi.json").json()
    operations = {
        f"{method.upper()} {path.removeprefix('/api/v1').replace('{claim_id}', '{id}')}"
        for path, methods in doc["paths"].items()
        for method in methods
    }
    named = {name.split(" (")[0] for name in TABLE}
    normalise = {
        "{report_id}": "{id}",
        "{entity_id}": "{id}",
        "{sheet_id}": "{id}",
        "{evidence_id}": "{id}",
        "{number}": "{n}",
    }
    for old, new in normalise.items():
        operations = {op.replace(old, new) for op in operations}
    assert operations == named
