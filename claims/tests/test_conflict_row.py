"""The conflicts page's row written in Python is the row the template language wrote, and
``one_place`` writes a float as ``floatformat:1`` does."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.template import Context, Template
from django.template.defaultfilters import floatformat
from hypothesis import given
from hypothesis import strategies as st

from claims.models import Claim, FigureMatch
from claims.templatetags.desk import one_place

REFERENCE = Template((Path(__file__).parent / "data" / "conflict_row_reference.html").read_text())
TAG = Template("{% load conflicts %}{% for row in rows %}{% conflict_row row %}\n{% endfor %}")


def match(difference: float, reason: str, first: int = 11, second: int = 2048) -> FigureMatch:
    row = FigureMatch(pk=7, difference=difference, size=abs(difference), reason=reason)
    row.claim = Claim(pk=first, value=Decimal("4200"), qualifier="gt", unit_name="tent")
    row.other = Claim(pk=second, low=Decimal("40"), high=Decimal("50"), unit="percent")
    return row


@pytest.mark.parametrize(
    ("difference", "reason"),
    [
        (12.5, "4,200 against 5,000"),
        (-33.333, "a <b>bold</b> & 'quoted' reason"),
        (0.04, ""),
        (-0.04, '"><script>alert(1)</script>'),
        (1e20, "huge"),
    ],
)
def test_a_conflict_row_is_the_templates_row(difference: float, reason: str) -> None:
    context = {"rows": [match(difference, reason), match(-difference, reason, 3, 4)]}
    expected = " ".join(REFERENCE.render(Context({"row": row})) for row in context["rows"])
    got = re.sub(r"\s+", " ", TAG.render(Context(context)))
    assert re.sub(r"\s+", " ", got).strip() == re.sub(r"\s+", " ", expected).strip()
    assert "<script>" not in got


@given(st.floats(allow_nan=True, allow_infinity=True))
def test_one_place_writes_a_float_as_floatformat_does(value: float) -> None:
    assert one_place(value) == floatformat(value, 1)


@pytest.mark.parametrize("value", [0.05, 0.15, 0.25, -0.05, 2.675, 1e14 + 0.05, -1e-30, 0.0])
def test_one_place_rounds_halves_as_floatformat_does(value: float) -> None:
    assert one_place(value) == floatformat(value, 1)
