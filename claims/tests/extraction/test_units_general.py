"""Values, units, currencies, ranges and changes written the way unseen news writes them: each
test is one construction (not one sentence), in sentences of our own."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from claims.extraction import ExtractedQuantity, extract


def find(text: str, fragment: str) -> ExtractedQuantity:
    found = [q for q in extract(text) if fragment in q.text]
    assert found, f"no figure with {fragment!r} in {[q.text for q in extract(text)]}"
    return found[0]


# currencies ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "fragment", "value"),
    [
        ("The ferry operator lost PS3.4m in the storm.", "PS3.4m", D(3_400_000)),
        ("Student debt in England is about PS1.3tn.", "PS1.3tn", D(1_300_000_000_000)),
        ("The museum's roof will cost PS12.75 million.", "PS12.75", D(12_750_000)),
    ],
)
def test_a_cleaned_pound_sign_with_decimals_is_sterling(text: str, fragment: str, value: D) -> None:
    q = find(text, fragment)
    assert (q.low, q.currency) == (value, "GBP")


def test_a_games_console_is_still_not_money() -> None:
    assert [q.text for q in extract("Sales of the PS4 slowed, and the PS5 sold at PS479.")] == [
        "PS479"
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The bakery chain's shares closed at 96p.",
        "Its shares sank 14% to 233.5p.",
    ],
)
def test_pence_at_the_end_of_a_sentence_are_money_not_a_time(text: str) -> None:
    q = [q for q in extract(text) if q.unit_name == "penny"]
    assert len(q) == 1 and q[0].currency == "GBP"


def test_a_time_of_day_is_still_no_figure() -> None:
    assert extract("Polls close at 9 p.m. on Thursday.") == []


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("Denmark's central bank sold 9 billion kroner of currency.", "DKK"),
        ("Norway's oil fund lost 300 billion crowns in a week.", "NOK"),
        ("The Swedish lender set aside 2.1 billion crowns.", "SEK"),
        ("Czech brewers paid 800 million crowns in excise duty.", "CZK"),
        ("Qatar will lend 40 billion riyals to builders.", "QAR"),
        ("Saudi Arabia's budget assumes 1.2 trillion riyals of revenue.", "SAR"),
        ("Tanzania's central bank printed 500 billion shillings.", "TZS"),
        ("Colombia's deficit reached 90 trillion pesos.", "COP"),
        ("Pakistan raised petrol prices by 12 rupees.", "PKR"),
    ],
)
def test_a_shared_currency_noun_follows_the_country_named(text: str, iso: str) -> None:
    money = [q for q in extract(text) if q.dimension == "currency"]
    assert [q.currency for q in money] == [iso]


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("The exporter earned 70 billion shillings abroad.", "KES"),
        ("Mexican and Chilean banks lent 5 billion pesos.", "MXN"),  # the usual one is named
        ("Britain and Egypt each pledged 50 million pounds.", "GBP"),
        ("A bus ticket costs 40 rupees.", "INR"),
    ],
)
def test_without_another_country_the_usual_reading_stays(text: str, iso: str) -> None:
    assert [q.currency for q in extract(text)] == [iso]


def test_crowns_without_a_country_are_counted_things() -> None:
    q = find("The jeweller restored 12 crowns for the abbey.", "12 crowns")
    assert q.currency is None and q.dimension == "count"


def test_a_code_beats_the_country_named() -> None:
    q = find("Danish shipper Norden paid NOK 40m for the vessel.", "40m")
    assert q.currency == "NOK"
