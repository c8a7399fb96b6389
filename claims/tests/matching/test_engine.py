"""The pure matching library: canonical quantities and how two figures relate."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from claims.matching import Figure, compare, normalize, terms


def fig(key: str, subject: str, sentence: str = "", *, qualifier: str = "=", **q: Any) -> Figure:
    extra = {k: q.pop(k) for k in ("as_of", "published", "source", "trend", "change") if k in q}
    quantity = normalize(**q)
    assert quantity is not None
    raw = q.get("value", q.get("low"))
    return Figure(
        key=key,
        quantity=quantity,
        qualifier=qualifier,
        subject=terms(subject),
        words=terms(subject, sentence),
        as_of=extra.get("as_of", ""),
        published=extra.get("published"),
        source=extra.get("source", key),
        trend=extra.get("trend", ""),
        change=extra.get("change", ""),
        unit_label=q.get("unit_name", ""),
        extra={"raw_value": float(raw) if raw is not None else None},
    )


PREMIUM: dict[str, Any] = {
    "unit_name": "dollar",
    "currency": "USD",
    "per": "voyage",
    "dimension": "rate",
}


def test_square_miles_and_square_kilometres_normalise_to_the_same_base_unit() -> None:
    km = normalize(value=400, unit="km2", unit_name="square kilometre", dimension="area")
    mi = normalize(value=155, unit_name="square mile", dimension="area")
    assert km is not None and mi is not None
    assert km.unit == mi.unit == "meter ** 2"
    assert mi.low == pytest.approx(401.45e6, rel=1e-3)


def test_monthly_and_yearly_rates_compare_per_year() -> None:
    month = normalize(value=2000, unit_name="dollar", currency="USD", per="month")
    year = normalize(value=24000, unit_name="dollar", currency="USD", per="year")
    assert month == year
    assert month is not None and month.unit == "USD/year"


def test_short_tons_tonnes_hours_and_days_convert() -> None:
    short = normalize(value=1, unit_name="short ton", dimension="mass")
    tonne = normalize(value=1, unit="t", unit_name="tonne", dimension="mass")
    assert short is not None and tonne is not None and short.unit == tonne.unit
    assert short.low == pytest.approx(907.18, rel=1e-4)
    assert normalize(value=36, unit_name="hour") == normalize(value=1.5, unit_name="day")


def test_currencies_never_convert_and_pence_are_hundredths_of_a_pound() -> None:
    usd = normalize(value=100, unit_name="dollar", currency="USD", dimension="currency")
    eur = normalize(value=100, unit_name="euro", currency="EUR", dimension="currency")
    pence = normalize(value=212, unit_name="penny", dimension="currency")
    assert usd is not None and eur is not None and usd.unit != eur.unit
    assert pence is not None and (pence.unit, pence.low) == ("GBP", 2.12)


def test_counted_nouns_are_lemmatised() -> None:
    q = normalize(value=10, unit_name="kidney transplants", dimension="count")
    # a noun the lexicon gives no kind: its lemma, and a unit any count compares with
    assert q is not None and q.unit == "count:" and q.counted == "transplant"


def test_the_war_risk_premiums_conflict_across_differently_worded_subjects() -> None:
    a = fig(
        "a",
        "war-risk premiums per voyage",
        "War-risk premiums for a voyage to Odesa climbed to US$45,000, brokers said.",
        value=45000,
        **PREMIUM,
    )
    b = fig(
        "b",
        "war-risk insurance for each trip",
        "Insurers now charge US$52,000 in war-risk cover for each trip to Odesa.",
        value=52000,
        **{**PREMIUM, "per": "trip"},
    )
    match = compare(a, b)
    assert match is not None and match.relation == "conflicts"
    assert "+15.6 %" in match.reason and "same unit" in match.reason


def test_about_350_and_more_than_400_conflict_but_about_and_more_than_10000_do_not() -> None:
    kw = {"unit_name": "square kilometre", "unit": "km2", "dimension": "area"}
    about = fig("a", "land seized in the east", value=350, qualifier="~", **kw)
    more = fig("b", "land seized in the east", value=400, qualifier=">", **kw)
    assert (m := compare(about, more)) is not None and m.relation == "conflicts"
    kw = {"unit_name": "soldier", "dimension": "count"}
    about = fig("a", "North Korean soldiers in Russia", value=10000, qualifier="~", **kw)
    more = fig("b", "North Korean soldiers in Russia", value=10000, qualifier=">", **kw)
    assert (m := compare(about, more)) is not None and m.relation == "same"


def test_a_figure_inside_a_vague_range_refines_it() -> None:
    kw = {"unit_name": "person", "dimension": "count"}
    vague = fig("a", "people displaced by the floods", low=10000, high=100000, qualifier="~", **kw)
    exact = fig("b", "people displaced by the floods", value=38000, qualifier="~", **kw)
    match = compare(vague, exact)
    assert match is not None and match.relation == "refines" and match.narrower == "b"


def test_a_later_as_of_supersedes() -> None:
    kw: dict[str, Any] = {
        "unit_name": "person",
        "dimension": "count",
        "published": dt.date(2025, 3, 6),
    }
    early = fig("a", "people killed in the quake", value=180, as_of="Monday", **kw)
    late = fig("b", "people killed in the quake", value=212, as_of="Thursday", **kw)
    match = compare(early, late)
    assert match is not None and match.relation == "supersedes" and match.newer == "b"


def test_no_match_across_dimensions_units_or_unrelated_subjects() -> None:
    money = fig("a", "war-risk premiums per voyage", value=45000, **PREMIUM)
    euros = fig("b", "war-risk premiums per voyage", value=45000, **{**PREMIUM, "currency": "EUR"})
    count = fig("c", "war-risk premiums per voyage", value=45000, unit_name="ship")
    assert compare(money, euros) is None and compare(money, count) is None
    shells = fig("d", "artillery shells fired", value=10000, unit_name="", dimension="count")
    troops = fig("e", "troops sent to the front", value=10000, unit_name="", dimension="count")
    assert compare(shells, troops) is None


def test_the_same_report_is_never_a_match() -> None:
    a = fig("a", "premiums per voyage", value=45000, source=1, **PREMIUM)
    b = fig("b", "premiums per voyage", value=45000, source=1, **PREMIUM)
    assert compare(a, b) is None
