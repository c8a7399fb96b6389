"""The value box: what editors type is read into value/low/high/qualifier, shown before saving,
and an exact figure's bounds follow its value. Ratios and units read as editors write them."""

from __future__ import annotations

import contextlib
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from claims import services
from claims.figure_input import FigureInputError, figure_input_text, parse_figure
from claims.formatting import format_quantity, unit_text
from claims.models import Claim, ClaimEvent, ClaimState
from claims.tests.conftest import make_claim, make_source

D = Decimal


@pytest.mark.parametrize(
    ("typed", "value", "low", "high", "qualifier"),
    [
        ("650,000", D(650000), D(650000), D(650000), "="),
        ("3.5 million", D(3500000), D(3500000), D(3500000), "="),
        ("$2.1bn", D(2100000000), D(2100000000), D(2100000000), "="),
        ("40–50", None, D(40), D(50), "="),
        ("about 350", D(350), D(350), D(350), "~"),
        ("1:4", D("0.25"), D("0.25"), D("0.25"), "="),
        ("1 : 4", D("0.25"), D("0.25"), D("0.25"), "="),
        ("7–8 : 1", None, D(7), D(8), "="),
        ("more than 10,000", D(10000), D(10000), D(10000), ">"),
        ("up to 5,000", D(5000), D(5000), D(5000), "<="),
    ],
)
def test_the_box_reads_what_editors_type(
    typed: str, value: Decimal | None, low: Decimal, high: Decimal, qualifier: str
) -> None:
    reading = parse_figure(typed)
    assert (reading.value, reading.low, reading.high, reading.qualifier) == (
        value,
        low,
        high,
        qualifier,
    )


def test_the_box_takes_the_unit_only_when_the_text_names_one() -> None:
    assert parse_figure("$2.1bn").unit["currency"] == "USD"
    assert parse_figure("1 : 4").unit["dimension"] == "ratio"
    assert parse_figure("650,000").unit == {}


@pytest.mark.parametrize("typed", ["", "   ", "4oo", "ten soldiers and 5 tanks", "1:0", "7-8:1-2"])
def test_the_box_says_what_it_could_not_read(typed: str) -> None:
    with pytest.raises(FigureInputError):
        parse_figure(typed)


@given(st.text(max_size=60))
def test_the_box_never_crashes(typed: str) -> None:
    with contextlib.suppress(FigureInputError):
        parse_figure(typed)


def _q(**fields: Any) -> Any:
    base: dict[str, Any] = {
        "value": None,
        "low": None,
        "high": None,
        "qualifier": "=",
        "trend": "",
        "change": "",
        "from_value": None,
        "unit": "",
        "unit_name": "",
        "dimension": "count",
        "currency": "",
        "per": "",
    }
    return SimpleNamespace(**{**base, **fields})


@pytest.mark.parametrize(
    ("fields", "shown"),
    [
        ({"value": D("0.25"), "low": D("0.25"), "high": D("0.25")}, "1 : 4"),
        ({"low": D(7), "high": D(8)}, "7–8 : 1"),
        ({"value": D(7), "qualifier": "~"}, "about 7 : 1"),
    ],
)
def test_ratios_read_as_ratios(fields: dict[str, Any], shown: str) -> None:
    q = _q(dimension="ratio", unit="ratio", unit_name="ratio", **fields)
    assert format_quantity(q) == shown
    assert figure_input_text(q) == shown
    again = parse_figure(figure_input_text(q))
    assert (again.value, again.low, again.high) == (
        q.value,
        q.low if q.low is not None else q.value,
        q.high if q.high is not None else q.value,
    )


def test_units_are_said_once() -> None:
    assert unit_text(_q(unit="km2", unit_name="square kilometre")) == "km²"
    assert unit_text(_q(unit="convoy", unit_name="convoy")) == "convoy"
    assert unit_text(_q(unit="count")) == ""


@pytest.mark.parametrize("typed", ["more than 10,000", "40–50", "about 350", "at least 5"])
def test_what_the_box_shows_reads_back_the_same(typed: str) -> None:
    reading = parse_figure(typed)
    assert figure_input_text(_q(**reading.fields())) == typed


# --- on the desk ----------------------------------------------------------------------------


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def edit_post(claim: Claim, **changes: Any) -> dict[str, Any]:
    data = {name: getattr(claim, name) for name in Claim.QUANTITY_FIELDS}
    data = {k: "" if v is None else v for k, v in data.items()}
    typed = figure_input_text(claim)
    data.update(version=claim.version, figure=typed, figure_was=typed)
    data.update(changes)
    return data


@pytest.mark.django_db
def test_changing_an_exact_value_moves_its_bounds(editor: Any, reporter: Any) -> None:
    # As the extractor stores an exact figure: low = high = value.
    source = make_source(reporter)
    claim = make_claim(
        reporter, source, "400 square kilometres", value=D(400), low=D(400), high=D(400)
    )
    response = client_for(editor).post(
        reverse("claims:edit", args=[claim.pk]), edit_post(claim, value="410")
    )
    assert response.status_code == 302
    claim.refresh_from_db()
    assert (claim.value, claim.low, claim.high) == (410, 410, 410)


@pytest.mark.django_db
def test_a_changed_range_is_not_touched_by_the_rule(editor: Any, open_claim: Claim) -> None:
    edited = services.claim_edit(
        claim=open_claim,
        by=editor,
        expected_version=open_claim.version,
        changes={"value": None, "low": D(300), "high": D(500)},
    )
    assert (edited.value, edited.low, edited.high) == (None, 300, 500)


@pytest.mark.django_db
def test_the_value_box_fills_the_figure_on_save(editor: Any, open_claim: Claim) -> None:
    client = client_for(editor)
    url = reverse("claims:edit", args=[open_claim.pk])
    response = client.post(url, edit_post(open_claim, figure="about 3.5 million"))
    assert response.status_code == 302
    open_claim.refresh_from_db()
    assert (open_claim.value, open_claim.qualifier) == (3500000, "~")
    assert open_claim.unit == "km2"  # no unit typed: the claim keeps its own
    event = ClaimEvent.objects.filter(claim=open_claim, action="claim.edited").get()
    assert event.after["value"] == "3500000" and event.before["value"] == "400"


@pytest.mark.django_db
def test_the_value_box_keeps_the_form_on_bad_input(editor: Any, open_claim: Claim) -> None:
    client = client_for(editor)
    url = reverse("claims:edit", args=[open_claim.pk])
    response = client.post(
        url, edit_post(open_claim, figure="4oo", subject="kept"), HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "reads as a figure" in body and 'value="kept"' in body
    open_claim.refresh_from_db()
    assert open_claim.value == 400


@pytest.mark.django_db
def test_the_preview_says_what_it_read(editor: Any, django_assert_max_num_queries: Any) -> None:
    client = client_for(editor)
    url = reverse("claims:figure_preview")
    with django_assert_max_num_queries(4):
        response = client.get(url, {"figure": "7–8 : 1"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "7–8 : 1" in body and "low 7" in body and "high 8" in body
    assert "reads as a figure" in client.get(url, {"figure": "4oo"}).content.decode()


@pytest.mark.django_db
def test_viewers_get_no_preview(viewer: Any) -> None:
    response = client_for(viewer).get(reverse("claims:figure_preview"), {"figure": "5"})
    assert response.status_code == 403


@pytest.mark.django_db
def test_a_claim_from_a_selection_has_every_figure_field(editor: Any, reporter: Any) -> None:
    source = make_source(reporter, text="Prices rose from $1,870 to $1,795 a tonne in May.")
    client = client_for(editor)
    start = source.text.index("from $1,870")
    end = source.text.index(" a tonne") + len(" a tonne")
    page = client.get(
        reverse("claims:new_claim", args=[source.pk]), {"start": start, "end": end}
    ).content.decode()
    for name in ("figure", "trend", "change", "from_value", "place", "unit"):
        assert f'name="{name}"' in page
    response = client.post(
        reverse("claims:new_claim", args=[source.pk]),
        {
            "start": start,
            "end": end,
            "quote": source.text[start:end],
            "statement": "Prices moved.",
            "figure": "1,795",
            "figure_was": "",
            "qualifier": "=",
            "dimension": "currency",
            "currency": "USD",
            "trend": "down",
            "change": "to",
            "from_value": "1870",
            "place": "Port",
        },
    )
    assert response.status_code == 302
    claim = Claim.objects.get()
    assert (claim.value, claim.trend, claim.change, claim.from_value, claim.place) == (
        1795,
        "down",
        "to",
        1870,
        "Port",
    )
    assert claim.state == ClaimState.CANDIDATE


@pytest.mark.django_db
def test_the_claim_page_says_the_unit_once(editor: Any, reporter: Any, open_claim: Claim) -> None:
    page = client_for(editor).get(reverse("claims:detail", args=[open_claim.pk])).content.decode()
    assert "<dt>Unit</dt><dd>km²</dd>" in page
    assert "square kilometre km2" not in page
    source = make_source(reporter, text="Up to 5 convoys left.", title="Convoys")
    convoy = make_claim(
        reporter, source, "5 convoys", value=D(5), unit="convoy", unit_name="convoy"
    )
    page = client_for(editor).get(reverse("claims:detail", args=[convoy.pk])).content.decode()
    assert "<dt>Unit</dt><dd>convoy</dd>" in page
