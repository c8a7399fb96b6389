"""Digits, separators, decimals, scale words, suffixes, number words and vague amounts."""

from __future__ import annotations

import pytest

from claims.extraction import extract

from . import D, find, only


def test_it_reads_thousands_separators_and_decimals() -> None:
    q = only("The pot was worth 1,234,567.89 dollars.")
    assert q.value == D("1234567.89")
    assert q.low == q.high == q.value


def test_it_keeps_the_exact_surface_text_and_offsets() -> None:
    text = "Officials said 1,200 homes were destroyed."
    q = only(text)
    assert q.text == "1,200 homes"
    assert text[q.start : q.end] == q.text


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The fund lost 1.5 million dollars.", "1500000"),
        ("The company reported revenue of $1.762bn.", "1762000000"),
        ("Britain pledged £3.2m to the schools.", "3200000"),
        ("The page has 10k followers.", "10000"),
        ("The debt stands at 3.2 trillion dollars.", "3200000000000"),
        ("The fund manages $40 bn in assets.", "40000000000"),
    ],
)
def test_it_applies_scale_words_and_suffixes(text: str, value: str) -> None:
    assert only(text).value == D(value)


def test_it_reads_m_after_a_number_as_metres_without_a_currency() -> None:
    q = only("The tower is 120m tall.")
    assert (q.value, q.unit, q.dimension) == (D(120), "m", "length")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Seven people were injured.", 7),
        ("Twenty-five firefighters battled the blaze.", 25),
        ("A dozen protesters were detained.", 12),
        ("Half a million doses arrived.", 500000),
        ("Three hundred and twelve students graduated.", 312),
        ("Fifteen thousand runners took part.", 15000),
        ("Two and a half million people live there.", 2500000),
        ("A hundred volunteers cleaned the beach.", 100),
    ],
)
def test_it_reads_number_words(text: str, value: int) -> None:
    assert only(text).value == D(value)


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("The war has taken tens of thousands of lives.", 10_000, 100_000),
        ("Hundreds of thousands of people marched.", 100_000, 1_000_000),
        ("Dozens of villages were cut off.", 24, 144),
        ("Several hundred workers walked out.", 300, 900),
        ("Thousands of people queued for bread.", 1_000, 10_000),
        ("A few thousand residents stayed.", 2_000, 5_000),
        ("Millions of viewers watched the final.", 1_000_000, 10_000_000),
    ],
)
def test_it_reads_vague_amounts_as_approximate_ranges(text: str, low: int, high: int) -> None:
    q = only(text)
    assert q.value is None
    assert (q.low, q.high, q.qualifier) == (D(low), D(high), "~")


def test_it_reads_a_minus_sign_as_negative() -> None:
    q = only("The thermometer showed -12 °C at dawn.")
    assert q.value == D(-12)
    assert q.unit == "degC"


def test_it_never_reads_an_amount_in_parentheses_as_negative() -> None:
    q = find("The ministry set aside $7.5 million (C$10.2 million) for it.", "C$")
    assert q.value == D(10_200_000)
    assert q.currency == "CAD"


def test_it_ignores_the_pronoun_one() -> None:
    assert extract("No one knows, and the one who does is silent.") == []
