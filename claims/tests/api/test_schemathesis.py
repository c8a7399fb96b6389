"""The API against its own OpenAPI document: schemathesis drives a live test server.

Every operation of /api/v1/openapi.json is called with generated requests (valid and
invalid ones), authenticated with an editor's write token, and every answer is checked: no
5xx, status codes, content types, headers and bodies as the document says. The run is
bounded and repeatable: a fixed number of examples per operation, a fixed seed
(``derandomize``), no example database, and the server is pytest-django's ``live_server``
on 127.0.0.1. Fetching a URL never leaves the process: ``/reports/url/`` gets a small
report made up for the URL it was given.

One check is the desk's own: schemathesis' "schema-valid request accepted" would count every
422 as a broken promise, but the desk refuses some well-formed requests by rule (a verdict
other than confirmed needs a reason, a quote must be the report's text at the offsets, a
cursor must be one the API made, an Idempotency-Key is for one request). Those answer 422
with a problem type of their own (``desk-rule``, ``report-refused``, ``bad-cursor``,
``idempotency-key-reused``); a schema-valid request answered with any other 422 (input the
document allows but the API refuses) still fails the run.
"""

from __future__ import annotations

import json
from typing import Any

import jsonschema
import pytest
import schemathesis
from django.contrib.auth.models import User
from django.test import Client
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import GenerationMode
from schemathesis.specs.openapi.checks import positive_data_acceptance
from schemathesis.specs.openapi.definitions import OPENAPI_31

from claims import services
from claims.ingest import FetchRefused
from claims.ingest.fetch import FetchedDocument
from claims.services.tokens import api_token_create
from claims.tests.conftest import make_claim, make_source
from claims.tests.matching.test_suggestions import FIRST, SECOND, premium

EXAMPLES = 6  # per operation and mode: ~230 requests, well under a minute


def _fetched_here(url: str, **kwargs: Any) -> FetchedDocument:
    """A made-up report for any URL (the fetch policy is not consulted: nothing is sent)."""
    if not url.startswith(("http://", "https://")):
        raise FetchRefused("only http and https addresses can be fetched")
    body = f"Officials said {len(url) * 37} homes were checked. Seen at {url[:80]!r}."
    return FetchedDocument(
        url=url,
        final_url=url,
        status=200,
        content_type="text/plain",
        charset="utf-8",
        kind="text",
        body=body.encode("utf-8"),
    )


RULE_KINDS = ("desk-rule", "report-refused", "bad-cursor", "idempotency-key-reused")


@schemathesis.check
def well_formed_requests_are_accepted(ctx: Any, response: Any, case: Any) -> bool | None:
    """Schema-valid requests get 2xx/3xx, or 401/403/404/409/429, or a 422 by a desk rule."""
    if case.meta is None or not case.meta.generation.mode.is_positive:
        return None
    status = response.status_code
    if 200 <= status < 400 or status in (401, 403, 404, 409, 429) or status >= 500:
        return None  # 5xx is the server-error check's
    kind = ""
    if status == 422:
        try:
            kind = json.loads(response.content)["type"].rsplit("/", 1)[-1]
        except (ValueError, KeyError, AttributeError):
            kind = ""
    if kind in RULE_KINDS:
        return None
    raise AssertionError(
        f"A schema-valid request was refused with {status} ({kind or 'no problem type'}): "
        f"{response.content[:300]!r}"
    )


def _desk(editor: User, reporter: User) -> None:
    """A little of everything the API reads: reports, candidates, open claims, evidence, a
    verdict, a published fact sheet, a suggested match."""
    source = make_source(reporter)
    make_claim(reporter, source)
    claim = make_claim(
        reporter, source, "400 square kilometres", state="open", editor=editor, unit="km2"
    )
    other = make_source(reporter, text="Officials said 420 square kilometres changed hands.")
    services.evidence_link(claim=claim, by=reporter, relation="context", target_source=other)
    claim.refresh_from_db()
    services.claim_set_verdict(
        claim=claim, by=editor, verdict="confirmed", expected_version=claim.version
    )
    sheet = services.factsheet_create(by=editor, title="Camp figures")
    services.factsheet_claim_add(sheet=sheet, claim=claim, by=editor)
    services.factsheet_publish(sheet=sheet, by=editor)
    premium(reporter, FIRST, "US$45,000", 45000, "Insurers raise cover")
    second = premium(reporter, SECOND, "US$52,000", 52000, "Premiums climb again")
    services.matches_for_source(source=second.mentions.get().source)


@pytest.fixture
def api_schema(
    live_server: Any, editor: User, reporter: User, settings: Any, monkeypatch: Any
) -> Any:
    assert live_server.url.startswith("http://127.0.0.1:") or live_server.url.startswith(
        "http://localhost:"
    )
    settings.API_RATE_PER_MINUTE = 0  # no throttling in this run
    monkeypatch.setattr("claims.services.ingest.fetch_url", _fetched_here)
    _desk(editor, reporter)
    return schemathesis.openapi.from_url(f"{live_server.url}/api/v1/openapi.json")


@pytest.fixture
def bearer(editor: User) -> dict[str, str]:
    secret = api_token_create(user=editor, by=editor, name="schemathesis", scope="write").secret
    return {"Authorization": f"Bearer {secret}"}


def _run(operation: Any, mode: Any, headers: dict[str, str], calls: list[int]) -> None:
    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def call(case: Any) -> None:
        calls.append(1)
        case.call_and_validate(
            headers=headers,
            timeout=10,
            excluded_checks=[positive_data_acceptance],
            additional_checks=[well_formed_requests_are_accepted],
        )

    call()


@pytest.mark.django_db(transaction=True)
def test_the_api_keeps_its_openapi_document(api_schema: Any, bearer: dict[str, str]) -> None:
    failures: list[str] = []
    calls: list[int] = []
    operations = 0
    for result in api_schema.get_all_operations():
        operation = result.ok()
        operations += 1
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            try:
                _run(operation, mode, bearer, calls)
            except (Exception, BaseExceptionGroup) as exc:  # all failures are shown at the end
                failures.append(f"{operation.label} ({mode.value}): {exc}")
    assert not failures, "\n\n".join(failures)
    assert operations >= 20
    assert len(calls) >= operations * EXAMPLES  # every operation was really exercised


@pytest.mark.django_db
def test_the_openapi_document_validates() -> None:
    """Against the OpenAPI 3.1 meta-schema, and every schema in it against JSON Schema."""
    doc = Client().get("/api/v1/openapi.json").json()
    jsonschema.Draft202012Validator(OPENAPI_31).validate(doc)
    schemas = list(doc["components"]["schemas"].values())
    for operations in doc["paths"].values():
        for operation in operations.values():
            schemas += [p["schema"] for p in operation.get("parameters", [])]
    for schema in schemas:
        jsonschema.Draft202012Validator.check_schema(schema)
    assert len(schemas) > 30
