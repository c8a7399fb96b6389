"""Bidi controls (U+202E and friends) never reorder what the desk shows or exports.

Typed fields, titles and names are stored without them; a report's text keeps them exactly
(its hash and every quote's offsets depend on it) and every page and export makes them inert.
"""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from claims import exports, services
from claims.bidi import BIDI_CONTROLS, NEUTRAL, escape_bidi_json, neutralise_bidi, strip_bidi
from claims.exports.content import load_content
from claims.models import Claim, Entity, FactSheet, Source, sha256_text

pytestmark = pytest.mark.django_db

RLO, PDF, LRI, PDI, RLM, ALM = "\u202e", "\u202c", "\u2066", "\u2069", "\u200f", "\u061c"
# "10,000" that an override would show as "000,01" around it.
REPORT = (
    f"Officials said {RLO}10,000{PDF} soldiers were training at the camp. "
    f"A {LRI}second{PDI} count put the area at 400 square kilometres{RLM}{ALM}."
)
QUOTE = f"{RLO}10,000{PDF} soldiers"


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def has_bidi(text: str) -> bool:
    return any(ch in BIDI_CONTROLS for ch in text)


def test_the_helpers_strip_neutralise_and_escape_every_control() -> None:
    every = "".join(sorted(BIDI_CONTROLS))
    assert len(BIDI_CONTROLS) == 12
    assert strip_bidi(f"a{every}b") == "ab"
    assert neutralise_bidi(f"a{every}b") == "a" + NEUTRAL * 12 + "b"
    escaped = escape_bidi_json(json.dumps(f"a{every}b", ensure_ascii=False))
    assert not has_bidi(escaped) and json.loads(escaped) == f"a{every}b"


@pytest.fixture
def pasted(reporter: Any) -> Source:
    client = client_for(reporter)
    response = client.post(
        reverse("claims:ingest_text"),
        {
            "title": f"Camp {RLO}report{PDF}",
            "author": f"Ana {RLM}Lind",
            "outlet": f"{RLO}Gazette",
            "kind": "news",
            "text": REPORT,
        },
    )
    assert response.status_code == 302
    return Source.objects.get()


def test_a_pasted_report_keeps_its_text_but_not_in_its_title_author_or_outlet(
    pasted: Source,
) -> None:
    assert pasted.text == REPORT and pasted.sha256 == sha256_text(REPORT)
    assert pasted.title == "Camp report"
    assert pasted.authors == ["Ana Lind"]
    assert pasted.outlet is not None and pasted.outlet.name == "Gazette"


@pytest.fixture
def claim(reporter: Any, editor: Any, pasted: Source) -> Claim:
    start = pasted.text.index(QUOTE)
    made = services.claim_create(
        by=reporter,
        source=pasted,
        start=start,
        end=start + len(QUOTE),
        quote=QUOTE,
        statement=f"More than {RLO}10,000{PDF} soldiers",
        quantity={"value": Decimal(10000), "unit_name": "soldier", "dimension": "count"},
        speaker=f"{LRI}Officials{PDI}",
    )
    return services.claim_accept(claim=made, by=editor, expected_version=made.version)


def test_statements_and_speakers_are_stored_without_controls_and_quotes_as_in_the_text(
    claim: Claim,
) -> None:
    assert claim.statement == "More than 10,000 soldiers"
    mention = claim.mentions.get()
    assert mention.quote == QUOTE  # exactly the report's characters at its offsets
    assert mention.speaker is not None and mention.speaker.name == "Officials"
    assert Entity.objects.filter(name__contains=RLO).count() == 0


def test_every_typed_field_comes_in_without_controls(
    editor: Any, claim: Claim, pasted: Source
) -> None:
    client = client_for(editor)
    edit = {
        "version": str(claim.version),
        "statement": f"About {RLO}10,000 soldiers",
        "qualifier": ">",
        "value": "10000",
        "unit_name": f"sol{RLM}dier",
        "dimension": "count",
        "subject": f"{LRI}troops",
        "reason": f"Fix {RLO}it",
    }
    client.post(reverse("claims:edit", args=[claim.pk]), edit)
    claim.refresh_from_db()
    assert (claim.statement, claim.unit_name, claim.subject) == (
        "About 10,000 soldiers",
        "soldier",
        "troops",
    )
    client.post(
        reverse("claims:verdict", args=[claim.pk]),
        {"version": str(claim.version), "verdict": "disputed", "reason": f"Counts {RLO}differ"},
    )
    client.post(
        reverse("claims:link_evidence", args=[claim.pk]),
        {"relation": "context", "target_source": str(pasted.pk), "note": f"See {RLO}this"},
    )
    client.post(reverse("claims:factsheet_create"), {"title": f"Troops {RLO}sheet"})
    claim.refresh_from_db()
    assert claim.current_verdict is not None
    assert claim.current_verdict.reason == "Counts differ"
    assert claim.evidence.get().note == "See this"
    assert FactSheet.objects.get().title == "Troops sheet"
    assert not any(has_bidi(e.reason) for e in claim.events.all())


def test_no_page_shows_a_control_and_offsets_still_match(
    viewer: Any, reporter: Any, claim: Claim, pasted: Source
) -> None:
    pages = [
        reverse("claims:source_detail", args=[pasted.pk]),
        reverse("claims:detail", args=[claim.pk]),
        reverse("claims:list"),
        reverse("claims:source_list"),
    ]
    for user in (viewer, reporter):
        for url in pages:
            html = client_for(user).get(url).content.decode()
            assert not has_bidi(html), url
    reading = client_for(reporter).get(pages[0]).content.decode()
    assert neutralise_bidi(QUOTE) in reading  # same length: the browser's offsets hold


def test_a_selection_of_the_shown_text_makes_a_claim_at_the_stored_offsets(
    reporter: Any, pasted: Source
) -> None:
    quote = "400 square kilometres" + RLM + ALM
    start = pasted.text.index(quote)
    response = client_for(reporter).post(
        reverse("claims:new_claim", args=[pasted.pk]),
        {
            "start": str(start),
            "end": str(start + len(quote)),
            "quote": neutralise_bidi(quote),  # what the browser copied from the page
            "statement": "400 square kilometres",
            "qualifier": "=",
            "value": "400",
            "unit_name": "square kilometre",
            "dimension": "area",
        },
    )
    assert response.status_code == 302
    assert Claim.objects.get(mentions__start=start).mentions.get().quote == quote


def test_no_export_shows_a_control_and_json_keeps_the_exact_quote(
    editor: Any, viewer: Any, claim: Claim
) -> None:
    sheet = services.factsheet_create(by=editor, title="Troops")
    services.factsheet_claim_add(sheet=sheet, by=editor, claim=claim)
    version = services.factsheet_publish(sheet=sheet, by=editor)
    content = load_content(version)
    for fmt in ("html", "md", "csv", "json", "claimreview"):
        text = exports.render(content, fmt).decode()
        assert not has_bidi(text), fmt
    data = json.loads(exports.render(content, "json"))
    assert data["sections"][0]["entries"][0]["mentions"][0]["quote"] == QUOTE
    for fmt in ("csv", "json"):
        response = client_for(viewer).get(reverse("claims:claims_export", args=[fmt]))
        body = b"".join(response.streaming_content).decode()  # type: ignore[attr-defined]
        assert not has_bidi(body), fmt
    rows = list(csv.DictReader(io.StringIO(exports.render(content, "csv").decode())))
    assert neutralise_bidi(QUOTE) in rows[0]["sources"]
    audit = client_for(editor).get(reverse("claims:audit_json"))
    body = b"".join(audit.streaming_content).decode()  # type: ignore[attr-defined]
    assert not has_bidi(body) and json.loads(body)["events"]
