"""Currencies, physical units, percent, ages, durations and rates."""

from __future__ import annotations

from decimal import Decimal

import pytest

from claims.extraction import DIMENSIONS, extract
from claims.extraction.units import LEXICON, convert, pint_expression

from . import D, find, only


@pytest.mark.parametrize(
    ("text", "currency", "name"),
    [
        ("The ministry pays US$2,000 a month.", "USD", "dollar"),
        ("The council approved C$4.5 million.", "CAD", "dollar"),
        ("Australia will spend A$2 billion.", "AUD", "dollar"),
        ("The tower sold for HK$1.2 billion.", "HKD", "dollar"),
        ("Tickets start at €45.", "EUR", "euro"),
        ("Britain pledged £3.2m.", "GBP", "pound"),
        ("The painting sold for ¥300 million.", "JPY", "yen"),
        ("Farmers were paid 2,000 dollars.", "USD", "dollar"),
        ("Workers earn 3,000 yuan.", "CNY", "yuan"),
        ("Milk costs 60 rupees.", "INR", "rupee"),
        ("The fine is 5,000 euros.", "EUR", "euro"),
        ("The state pays 12,000 rubles.", "RUB", "rouble"),
    ],
)
def test_it_reads_currencies(text: str, currency: str, name: str) -> None:
    q = only(text)
    assert (q.currency, q.unit_name, q.dimension in ("currency", "rate")) == (currency, name, True)


def test_it_keeps_cents_and_pence_at_face_value() -> None:
    cents = only("The price of bread went up 12 cents.")
    pence = only("The charge is 50 pence.")
    assert (cents.value, cents.unit_name, cents.currency) == (D(12), "cent", "USD")
    assert (pence.value, pence.unit_name, pence.currency) == (D(50), "penny", "GBP")


@pytest.mark.parametrize(
    ("text", "unit", "name", "dimension"),
    [
        ("They gained 400 square kilometres.", "km2", "square kilometre", "area"),
        ("The park adds 2.3 km² of space.", "km2", "square kilometre", "area"),
        ("The lake covers 85 sq km.", "km2", "square kilometre", "area"),
        ("Fire burned 12,000 hectares.", "ha", "hectare", "area"),
        ("They shipped 700,000 tons of rice.", "t", "tonne", "mass"),
        ("It carried 45,000 tonnes of grain.", "t", "tonne", "mass"),
        ("The baby weighed 3.4 kg.", "kg", "kilogram", "mass"),
        ("The bridge is 1,100 metres long.", "m", "metre", "length"),
        ("The fence runs 120 miles.", "mi", "mile", "length"),
        ("The train reached 320 km/h.", "km/h", "kilometre per hour", "speed"),
        ("Winds hit 150 mph.", "mph", "mile per hour", "speed"),
        ("The farm will generate 400 MW.", "MW", "megawatt", "power"),
        ("The reactor produced 9.5 TWh.", "TWh", "terawatt-hour", "energy"),
        ("The archive holds 2.5 TB.", "TB", "terabyte", "data"),
        ("Temperatures reached 41C.", "degC", "degree Celsius", "temperature"),
        ("It was 14 degrees Fahrenheit.", "degF", "degree Fahrenheit", "temperature"),
        ("The tank holds 5,000 litres.", "l", "litre", "volume"),
        ("Inflation was 2.1 per cent.", "percent", "percent", "percent"),
        ("The measure won 71% support.", "percent", "percent", "percent"),
        ("The gap narrowed by 3 percentage points.", "pp", "percentage point", "percent"),
        ("The bank raised rates by 50 basis points.", "bp", "basis point", "percent"),
        ("The trial will last six weeks.", "week", "week", "duration"),
        ("He served two years in prison.", "year", "year", "duration"),
    ],
)
def test_it_reads_units(text: str, unit: str, name: str, dimension: str) -> None:
    q = only(text)
    assert (q.unit, q.unit_name, q.dimension) == (unit, name, dimension)


@pytest.mark.parametrize(
    "text",
    [
        "A 15-year-old boy was arrested.",
        "The victim, aged 15, was taken to hospital.",
        "The suspect is 15 years old.",
    ],
)
def test_it_reads_ages(text: str) -> None:
    q = only(text)
    assert (q.value, q.unit_name, q.dimension) == (D(15), "year", "age")


def test_an_age_is_the_age_of_the_noun_after_it() -> None:
    assert only("A 15-year-old boy was arrested.").subject == "age of the boy"


@pytest.mark.parametrize(
    ("text", "per"),
    [
        ("Moscow pays US$2,000 a month for each soldier it gets.", "month/soldier"),
        ("Crude traded at $82 per barrel.", "barrel"),
        ("The state pays 12,000 rubles for every volunteer.", "volunteer"),
        ("The mine produces 20,000 tonnes of copper annually.", "year"),
        ("Detainees slept 10 to a small cell.", "cell"),
        ("Beds were set two to a room.", "room"),
    ],
)
def test_it_reads_rates(text: str, per: str) -> None:
    q = only(text)
    assert q.per == per
    assert q.dimension == "rate"


def test_a_rate_keeps_its_currency() -> None:
    q = only("Moscow pays US$2,000 a month for each soldier it gets.")
    assert (q.value, q.unit, q.currency) == (D(2000), "USD", "USD")


def test_it_does_not_read_ago_as_a_duration() -> None:
    assert extract("The plant closed two years ago.") == []


def test_every_dimension_it_emits_is_documented() -> None:
    assert {u.dimension for u in LEXICON.values()} <= set(DIMENSIONS)
    text = "It cost $5, weighed 3 kg, ran 2 km, 4 soldiers, 7:1, 5% and a 15-year-old."
    assert {q.dimension for q in extract(text)} <= set(DIMENSIONS)


def test_every_physical_unit_is_known_to_pint() -> None:
    for unit in LEXICON.values():
        expression = pint_expression(unit.code)
        if expression:
            assert convert(Decimal(1), unit.code, unit.code) == Decimal(1), unit.code


def test_it_converts_units_through_pint() -> None:
    assert convert(Decimal(1), "km2", "m2") == Decimal(1_000_000)
    assert convert(Decimal(100), "degC", "degF") == Decimal(212)
    with pytest.raises(ValueError, match="cannot convert"):
        convert(Decimal(1), "USD", "EUR")


def test_it_reads_currency_words_after_nationality() -> None:
    assert find("They paid 40 Canadian dollars.", "40").currency == "CAD"
