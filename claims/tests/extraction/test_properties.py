"""Property tests: never raises, offsets always valid, deterministic, JSON-ready."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from claims.extraction import DIMENSIONS, QUALIFIERS, extract

NEWSY = st.sampled_from(
    [
        "more than ",
        "at least ",
        "up to ",
        "nearly ",
        "sub-",
        "between ",
        " and ",
        " to ",
        " or ",
        "-",
        "–",
        "$",
        "US$",
        "£",
        "€",
        "¥",
        "HK$",
        "1",
        "10",
        "2,000",
        "1.5",
        "0",
        " million",
        "bn",
        "k",
        "m",
        " percent",
        "%",
        " tons",
        " km²",
        " square kilometres",
        " soldiers",
        " a month",
        " for each ",
        "tens of thousands",
        "seven",
        "twenty-five",
        "half a million",
        "a dozen",
        ":",
        "/",
        "(",
        ")",
        "“",
        "”",
        '"',
        ", said ",
        " said",
        "Mr. ",
        "Nov. ",
        "in 2022",
        "Hwasong-11",
        "KN-23/24",
        "first",
        " he ",
        ".",
        ". ",
        "\n",
        "\n\n",
        "according to ",
        "citing ",
        "The Herald reported that ",
        " ",
        "−",
        "°C",
        "15-year-old",
        "per barrel",
        "7:1",
        "7:30",
        "a.m.",
        "Section ",
        "iPhone ",
    ]
)
NEWSY_TEXT = st.lists(NEWSY, max_size=40).map("".join)


def check(text: str) -> None:
    found = extract(text)
    assert found == extract(text)  # deterministic
    starts = [q.start for q in found]
    assert starts == sorted(starts)
    for q in found:
        assert 0 <= q.start < q.end <= len(text)
        assert text[q.start : q.end] == q.text
        assert 0 <= q.sentence_start <= q.start and q.end <= q.sentence_end <= len(text)
        assert q.qualifier in QUALIFIERS
        assert q.dimension in DIMENSIONS
        assert q.trend in (None, "up", "down")
        assert 0.0 <= q.score <= 1.0
        assert q.low is not None and q.high is not None and q.low <= q.high
        assert q.value is None or q.low == q.value == q.high
        json.dumps(q.to_dict())


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_it_never_raises_on_arbitrary_unicode(text: str) -> None:
    check(text)


@settings(max_examples=300, deadline=None)
@given(NEWSY_TEXT)
def test_offsets_stay_valid_on_news_like_noise(text: str) -> None:
    check(text)


def test_it_completes_on_adversarial_input_with_valid_offsets() -> None:
    text = (
        "9" * 20_000
        + " "
        + "more than at least up to " * 500
        + "5 soldiers. "
        + '“‘"' * 500
        + " said Mr. X "
        + '"’”' * 500
        + "1,000," * 1_000
        + " between 1 and 2 and 3 and 4 " * 100
        + "5-5-5-5-" * 500
    )
    check(text)


def test_it_returns_nothing_for_empty_or_blank_text() -> None:
    assert extract("") == []
    assert extract(" \n\t ") == []
