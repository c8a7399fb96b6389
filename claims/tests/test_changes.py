"""A figure that is a change: the new level ("to"), the size of the change ("by"), and the
earlier level (``from_value``), carried from the extractor to every page and export."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

import jsonschema
import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from claims import exports, services
from claims.exports.content import load_content
from claims.exports.json import schema
from claims.extraction import ExtractedQuantity
from claims.formatting import format_quantity
from claims.models import Claim, Source
from claims.tests.conftest import make_claim, make_source

GOLD = "Spot gold slid from $1,870 to $1,795 an ounce, while wheat fell $19 to $210 a tonne."


def quantity(**fields: Any) -> SimpleNamespace:
    base: dict[str, Any] = {
        "value": None,
        "low": None,
        "high": None,
        "qualifier": "=",
        "trend": "",
        "change": "",
        "from_value": None,
        "unit": "USD",
        "unit_name": "dollar",
        "dimension": "currency",
        "currency": "USD",
        "per": "",
    }
    base.update(fields)
    for name in ("value", "from_value"):
        if base[name] is not None:
            base[name] = Decimal(base[name])
    if base["value"] is not None:
        base["low"] = base["high"] = base["value"]
    return SimpleNamespace(**base)


@pytest.mark.parametrize(
    ("fields", "text"),
    [
        (
            {"value": 210, "trend": "down", "change": "to", "per": "tonne"},
            "down to US$210 per tonne",
        ),
        ({"value": 19, "trend": "down", "change": "by"}, "down US$19"),
        (
            {"value": 1795, "trend": "down", "change": "to", "from_value": 1870},
            "down from US$1,870 to US$1,795",
        ),
        ({"value": 1795, "change": "to", "from_value": 1870}, "from US$1,870 to US$1,795"),
        ({"value": "4.1", "trend": "up", "change": "to"}, "rising to US$4.1"),
        ({"value": 19, "trend": "up"}, "up US$19"),
    ],
)
def test_a_change_reads_as_a_level_an_amount_or_a_move(fields: dict[str, Any], text: str) -> None:
    assert format_quantity(quantity(**fields)) == text


def test_a_rise_to_a_level_does_not_read_like_a_bound() -> None:
    # "up to 4.1%" is how a reader says "at most 4.1%"
    risen = quantity(value="4.1", trend="up", change="to", unit="percent", dimension="percent")
    bound = quantity(value="4.1", qualifier="<=", unit="percent", dimension="percent")
    assert format_quantity(risen) != format_quantity(bound)


def extracted(text: str, phrase: str, **fields: Any) -> ExtractedQuantity:
    start = text.index(phrase)
    value = Decimal(fields.pop("value"))
    defaults: dict[str, Any] = {
        "unit": "USD",
        "unit_name": "dollar",
        "dimension": "currency",
        "currency": "USD",
        "score": 0.9,
        "sentence_start": 0,
        "sentence_end": len(text),
    }
    defaults.update(fields)
    return ExtractedQuantity(
        text=phrase,
        start=start,
        end=start + len(phrase),
        value=value,
        low=value,
        high=value,
        **defaults,
    )


@pytest.fixture
def gold_source(reporter: Any) -> Source:
    return make_source(reporter, text=GOLD, title="Markets wrap")


@pytest.fixture
def moved(reporter: Any, gold_source: Source) -> list[Claim]:
    found = [
        extracted(
            GOLD,
            "from $1,870 to $1,795 an ounce",
            value=1795,
            trend="down",
            change="to",
            from_value=Decimal(1870),
            per="ounce",
        ),
        extracted(GOLD, "$19", value=19, trend="down", change="by"),
    ]
    return services.claims_from_extraction(source=gold_source, quantities=found, by=reporter)


def test_extracted_changes_become_claims_with_their_earlier_level(moved: list[Claim]) -> None:
    level, amount = sorted(moved, key=lambda c: c.value or 0, reverse=True)
    assert (level.change, level.from_value, level.trend) == ("to", Decimal(1870), "down")
    assert (amount.change, amount.from_value) == ("by", None)


def test_claims_made_before_changes_existed_stay_valid(candidate: Claim) -> None:
    fresh = Claim.objects.get(pk=candidate.pk)
    assert (fresh.change, fresh.from_value) == ("", None)
    assert format_quantity(fresh) == "more than 10,000 soldiers"


def test_an_editor_can_set_the_change_and_it_is_in_the_history(
    editor: Any, candidate: Claim
) -> None:
    claim = services.claim_edit(
        claim=candidate,
        by=editor,
        expected_version=candidate.version,
        changes={"trend": "up", "change": "to", "from_value": "9,000"},
    )
    assert (claim.change, claim.from_value) == ("to", Decimal(9000))
    event = claim.events.order_by("-id").first()
    assert event is not None
    assert (event.before.get("change"), event.after.get("change")) == ("", "to")


def test_an_unknown_change_is_refused_and_loses_nothing(editor: Any, candidate: Claim) -> None:
    with pytest.raises(ValidationError) as err:
        services.claim_edit(
            claim=candidate,
            by=editor,
            expected_version=candidate.version,
            changes={"change": "since"},
        )
    assert "change" in err.value.message_dict
    assert Claim.objects.get(pk=candidate.pk).change == ""


def test_a_change_by_an_amount_has_no_earlier_level(editor: Any, candidate: Claim) -> None:
    with pytest.raises(ValidationError) as err:
        services.claim_edit(
            claim=candidate,
            by=editor,
            expected_version=candidate.version,
            changes={"change": "by", "from_value": 9000},
        )
    assert "from_value" in err.value.message_dict


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_claim_page_and_the_queue_show_the_move(editor: Any, moved: list[Claim]) -> None:
    level = next(c for c in moved if c.change == "to")
    client = client_for(editor)
    page = client.get(reverse("claims:detail", args=[level.pk])).content.decode()
    assert "down from US$1,870 to US$1,795 per ounce" in page
    assert "Change" in page and "1,870" in page
    queue = client.get(reverse("claims:list"), {"state": "all"}).content.decode()
    assert "down from US$1,870 to US$1,795 per ounce" in queue
    assert "down US$19" in queue


@pytest.fixture
def published(editor: Any, moved: list[Claim]) -> dict[str, Any]:
    sheet = services.factsheet_create(by=editor, title="Gold and wheat")
    for claim in moved:
        claim = services.claim_accept(claim=claim, by=editor, expected_version=claim.version)
        claim = services.claim_set_verdict(
            claim=claim, by=editor, expected_version=claim.version, verdict="confirmed"
        )
        services.factsheet_claim_add(sheet=sheet, by=editor, claim=claim)
    version = services.factsheet_publish(sheet=sheet, by=editor)
    return load_content(version)


def test_every_fact_sheet_format_carries_the_change(published: dict[str, Any]) -> None:
    data = json.loads(exports.render(published, "json"))
    jsonschema.validate(data, schema())
    quantities = [e["quantity"] for s in data["sections"] for e in s["entries"]]
    by_change = {q["change"]: q for q in quantities}
    assert by_change["to"]["from_value"] == 1870 and by_change["to"]["value"] == 1795
    assert by_change["by"]["from_value"] is None
    rows = list(csv.DictReader(io.StringIO(exports.render(published, "csv").decode())))
    assert {(r["change"], r["from_value"]) for r in rows} == {("to", "1870"), ("by", "")}
    for fmt in ("md", "html"):
        body = exports.render(published, fmt).decode()
        assert "down from US$1,870 to US$1,795 per ounce" in body, fmt
        assert "down US$19" in body, fmt
    review = json.loads(exports.render(published, "claimreview"))
    descriptions = {r["itemReviewed"]["description"] for r in review["@graph"]}
    assert "down from US$1,870 to US$1,795 per ounce" in descriptions


def test_a_sheet_published_before_changes_existed_still_renders(
    published: dict[str, Any],
) -> None:
    for section in published["sections"]:
        for entry in section["entries"]:
            entry["quantity"].pop("change")
            entry["quantity"].pop("from_value")
    data = json.loads(exports.render(published, "json"))
    jsonschema.validate(data, schema())
    markdown = exports.render(published, "md").decode()
    assert "US$1,795" in markdown and "\\$" not in markdown  # figures are not over-escaped


def streamed(response: Any) -> bytes:
    return b"".join(response.streaming_content)


def test_the_bulk_exports_carry_the_change(editor: Any, moved: list[Claim]) -> None:
    client = client_for(editor)
    response = client.get(reverse("claims:claims_export", args=["json"]), {"state": "all"})
    data = json.loads(streamed(response))
    by_change = {c["quantity"]["change"]: c["quantity"] for c in data["claims"]}
    assert by_change["to"]["from_value"] == 1870
    assert by_change["to"]["text"] == "down from US$1,870 to US$1,795 per ounce"
    response = client.get(reverse("claims:claims_export", args=["csv"]), {"state": "all"})
    rows = list(csv.DictReader(io.StringIO(streamed(response).decode())))
    assert {(r["change"], r["from_value"]) for r in rows} == {("to", "1870"), ("by", "")}


def test_a_claim_made_by_hand_can_be_a_change(reporter: Any, source: Source) -> None:
    claim = make_claim(
        reporter,
        source,
        "400 square kilometres",
        value=Decimal(400),
        qualifier="=",
        unit="km2",
        unit_name="square kilometre",
        dimension="area",
        trend="up",
        change="by",
    )
    assert format_quantity(claim) == "up 400 square kilometres"
