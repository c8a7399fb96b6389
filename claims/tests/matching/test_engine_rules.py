"""The engine's rules for figures worded apart, counted apart and measured apart."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from claims.matching import Figure, compare, normalize, terms
from claims.matching.engine import comparable, distinct, later
from claims.matching.normalize import figure_as_of, key_query, match_key, subject_names


def fig(key: str, subject: str, sentence: str = "", *, qualifier: str = "=", **q: Any) -> Figure:
    extra = {k: q.pop(k) for k in ("as_of", "published") if k in q}
    quantity = normalize(**q)
    assert quantity is not None
    raw = q.get("value", q.get("low"))
    return Figure(
        key=key,
        quantity=quantity,
        qualifier=qualifier,
        subject=terms(subject),
        words=terms(subject, sentence),
        subject_names=subject_names(subject),
        as_of=extra.get("as_of", ""),
        published=extra.get("published"),
        source=key,
        unit_label=q.get("unit_name", ""),
        extra={"raw_value": float(raw) if raw is not None else None},
    )


def relation(a: Figure, b: Figure) -> str:
    match = compare(a, b)
    return match.relation if match else "unrelated"


def test_jobs_cut_and_workers_laid_off_are_one_figure() -> None:
    jobs = fig("a", "jobs cut at the Ohio plant", value=2400, unit_name="jobs")
    workers = fig("b", "workers to be laid off in Ohio", value=2400, unit_name="workers")
    assert relation(jobs, workers) == "same"


def test_people_and_boats_never_compare_but_a_bare_count_compares_with_both() -> None:
    people = normalize(value=400, unit_name="people", dimension="count")
    boats = normalize(value=400, unit_name="boats", dimension="count")
    bare = normalize(value=400, unit_name="", dimension="count")
    assert people and boats and bare
    assert not comparable(people, boats)
    assert comparable(people, bare) and comparable(boats, bare)


def test_a_price_per_pound_and_per_tonne_compare_but_an_hourly_wage_and_a_monthly_pay_do_not() -> (
    None
):
    pound = normalize(value=4.30, unit_name="dollar", currency="USD", per="pound")
    tonne = normalize(value=9480, unit_name="dollar", currency="USD", per="tonne")
    assert pound and tonne and pound.unit == tonne.unit
    assert abs(pound.low - tonne.low) / tonne.low < 0.001
    hourly = normalize(value=13.90, unit_name="euro", currency="EUR", per="hour")
    monthly = normalize(value=2400, unit_name="euro", currency="EUR", per="month")
    assert hourly and monthly and not comparable(hourly, monthly)


def test_different_members_of_a_kind_are_different_things() -> None:
    kw: dict[str, Any] = {"value": 4.2e6, "unit_name": "tonne", "dimension": "mass"}
    wheat = fig("a", "wheat exports", **kw)
    corn = fig("b", "corn exports", **kw)
    assert distinct(wheat, corn) == "wheat vs corn"
    assert relation(wheat, corn) == "unrelated"


def test_a_part_a_forecast_another_one_or_another_place_is_not_the_figure() -> None:
    kw: dict[str, Any] = {"unit_name": "percent", "dimension": "percent"}
    rate = fig("a", "Canada's unemployment rate", "The jobless rate held at 6.9%.", value=6.9, **kw)
    youth = fig("b", "youth unemployment", "Youth unemployment rose to 14.2%.", value=14.2, **kw)
    ontario = fig("c", "Ontario's unemployment rate", value=7.9, **kw)
    assert relation(rate, youth) == "unrelated"
    assert relation(rate, ontario) == "unrelated"
    people: dict[str, Any] = {"unit_name": "people", "dimension": "count"}
    march = fig("d", "people who marched to parliament", value=10000, qualifier="~", **people)
    second = fig("e", "people at a second march", value=25000, qualifier="~", **people)
    expected = fig("f", "marchers expected at parliament", value=30000, **people)
    assert relation(march, second) == "unrelated"
    assert relation(march, expected) == "unrelated"


def test_temperatures_compare_in_degrees_not_in_percent_of_kelvin() -> None:
    seville = fig("a", "temperature in Seville", value=46, unit_name="degree celsius")
    official = fig("b", "official high in Seville", value=44.2, unit_name="degree celsius")
    fahrenheit = fig(
        "c",
        "temperature recorded in Seville",
        value=115,
        qualifier="~",
        unit_name="degree fahrenheit",
    )
    assert relation(seville, official) == "conflicts"
    assert relation(seville, fahrenheit) == "same"


def test_a_dated_figure_after_the_other_report_supersedes_it() -> None:
    kw: dict[str, Any] = {"unit_name": "people", "dimension": "count"}
    early = fig("a", "people displaced by the floods", value=85000, published=dt.date(2025, 8, 11))
    late = fig(
        "b",
        "people displaced",
        value=140000,
        as_of="Thursday",
        published=dt.date(2025, 8, 15),
        **kw,
    )
    assert later(early, late) == 1
    assert relation(early, late) == "supersedes"


def test_the_same_number_in_another_year_is_another_figure() -> None:
    kw: dict[str, Any] = {"value": 6100, "unit_name": "square kilometre", "dimension": "area"}
    now = fig("a", "area cleared in the Amazon", as_of="July 2025", **kw)
    before = fig("b", "Amazon deforestation", as_of="July 2024", **kw)
    assert relation(now, before) == "unrelated"


def test_about_is_five_percent_and_more_than_is_bounded() -> None:
    kw: dict[str, Any] = {"unit_name": "people", "dimension": "count"}
    about = fig("a", "households that lost power", value=450000, qualifier="~", **kw)
    many = fig("b", "households without power", value=700000, qualifier="<=", **kw)
    assert relation(about, many) == "conflicts"
    turnout = fig("c", "turnout", value=73, qualifier="~", unit_name="percent", dimension="percent")
    early = fig("d", "turnout", value=68, unit_name="percent", dimension="percent")
    assert relation(turnout, early) == "conflicts"


def test_a_claims_key_query_finds_the_other_claims_keys() -> None:
    a = normalize(value=45000, unit_name="dollar", currency="USD", per="voyage")
    b = normalize(value=52000, unit_name="dollar", currency="USD", per="trip")
    far = normalize(value=4_500_000, unit_name="dollar", currency="USD", per="voyage")
    euro = normalize(value=45000, unit_name="euro", currency="EUR", per="voyage")
    assert a and b and far and euro
    theirs = set(match_key(b, terms("war-risk insurance for each trip")).split())
    wanted = {
        token.strip("() ") for token in key_query(a, terms("war-risk premiums"), need=1).split("|")
    }
    assert theirs & wanted
    assert not set(match_key(far, terms("war-risk premiums")).split()) & wanted
    assert not set(match_key(euro, terms("war-risk premiums")).split()) & wanted


MONDAY, WEDNESDAY = dt.date(2026, 3, 2), dt.date(2026, 3, 4)


def test_a_day_attached_to_a_speech_verb_is_no_figures_time() -> None:
    assert figure_as_of("Monday", "The union said on Monday that 6,000 nurses struck.") == ""
    assert (
        figure_as_of("Tuesday", "About 80 ferries stopped, the operator told AP on Tuesday.") == ""
    )
    assert figure_as_of("this week", "The regulator said this week that 40 banks failed.") == ""
    assert figure_as_of("Sunday", "The river rose 3 metres on Sunday, engineers said.") == "Sunday"
    assert figure_as_of("March", "The board said in March that 40 schools shut.") == "March"
    assert figure_as_of("Friday", "") == "Friday"


def nurses(key: str, sentence: str, as_of: str, published: dt.date, **q: Any) -> Figure:
    return fig(
        key,
        "nurses on strike at public hospitals",
        sentence,
        unit_name="nurses",
        dimension="count",
        as_of=figure_as_of(as_of, sentence),
        published=published,
        **q,
    )


def test_two_days_of_saying_do_not_make_a_later_figure() -> None:
    first = "About 6,000 nurses are on strike at public hospitals, the union said on Monday."
    count = nurses("a", first, "Monday", MONDAY, qualifier="~", value=6000)
    other = "Managers told reporters on Wednesday that 9,000 nurses were on strike."
    higher = nurses("b", other, "Wednesday", WEDNESDAY, value=9000)
    assert relation(count, higher) == "conflicts"
    close = "Managers told reporters on Wednesday that 6,200 nurses were on strike."
    assert relation(count, nurses("c", close, "Wednesday", WEDNESDAY, value=6200)) == "same"


def test_a_day_that_dates_the_figure_still_makes_it_later() -> None:
    first = "About 6,000 nurses were on strike at public hospitals on Monday."
    count = nurses("a", first, "Monday", MONDAY, qualifier="~", value=6000)
    later_day = "By Wednesday 9,000 nurses were on strike, the union said."
    assert relation(count, nurses("b", later_day, "Wednesday", WEDNESDAY, value=9000)) == (
        "supersedes"
    )


def test_people_named_by_their_service_are_counted_as_people() -> None:
    peacekeepers = fig(
        "a",
        "UN peacekeepers posted in Mali",
        qualifier="~",
        value=9000,
        unit_name="peacekeepers",
        dimension="count",
    )
    troops = fig("b", "UN troops posted in Mali", value=9100, unit_name="troops", dimension="count")
    helmets = fig(
        "c", "blue helmets posted in Mali", value=13000, unit_name="blue helmets", dimension="count"
    )
    assert relation(peacekeepers, troops) == "same"
    assert relation(peacekeepers, helmets) == "conflicts"


def test_cases_and_infections_cows_and_cattle_compare() -> None:
    cases = fig(
        "a", "measles cases in the province", value=2300, unit_name="cases", dimension="count"
    )
    infections = fig(
        "b",
        "measles infections in the province",
        value=4100,
        unit_name="infections",
        dimension="count",
    )
    assert relation(cases, infections) == "conflicts"
    cattle = fig(
        "c", "cattle sold at the winter auction", value=800, unit_name="cattle", dimension="count"
    )
    cows = fig(
        "d", "cows sold at the winter auction", value=800, unit_name="cows", dimension="count"
    )
    assert relation(cattle, cows) == "same"
    vacancies = fig(
        "e", "nursing vacancies at the clinic", value=40, unit_name="vacancies", dimension="count"
    )
    posts = fig(
        "f", "nursing posts empty at the clinic", value=65, unit_name="posts", dimension="count"
    )
    assert relation(vacancies, posts) == "conflicts"


def test_a_project_is_a_scheme_not_a_projection() -> None:
    scheme = fig("a", "capacity of the Tarn solar project", value=300, unit_name="megawatt")
    plant = fig("b", "capacity of the Tarn solar plant", value=450, unit_name="megawatt")
    assert relation(scheme, plant) == "conflicts"
    projected = fig("c", "projected capacity of the Tarn plant", value=450, unit_name="megawatt")
    assert relation(plant, projected) == "unrelated"


def test_drowned_and_died_are_both_deaths() -> None:
    drowned = fig("a", "swimmers who drowned off the cape", qualifier=">=", value=12, unit_name="")
    died = fig("b", "swimmers who died off the cape", value=7, unit_name="")
    assert relation(drowned, died) == "conflicts"


def test_petrol_and_diesel_prices_are_different_things() -> None:
    petrol = fig(
        "a",
        "average price of petrol at the pump",
        value=1.71,
        unit_name="euro",
        currency="EUR",
        per="litre",
    )
    gasoline = fig(
        "b",
        "average price of gasoline at the pump",
        value=1.71,
        unit_name="euro",
        currency="EUR",
        per="litre",
    )
    diesel = fig(
        "c",
        "average price of diesel at the pump",
        value=1.71,
        unit_name="euro",
        currency="EUR",
        per="litre",
    )
    assert relation(petrol, gasoline) == "same"
    assert relation(petrol, diesel) == "unrelated"


def test_a_name_and_its_acronym_name_one_body() -> None:
    imf = fig("a", "IMF loan to Pakistan", value=7, unit_name="dollar", currency="USD")
    fund = fig(
        "b",
        "loan from the International Monetary Fund to Islamabad",
        value=3,
        unit_name="dollar",
        currency="USD",
    )
    assert relation(imf, fund) == "conflicts"
    bank = fig("c", "World Bank loan to Islamabad", value=3, unit_name="dollar", currency="USD")
    assert relation(imf, bank) == "unrelated"


def test_an_ordinal_quarter_is_a_period_not_a_second_one() -> None:
    ordinal = fig(
        "a", "second-quarter profit at Halvorsen", value=410, unit_name="euro", currency="EUR"
    )
    spelled = fig(
        "b",
        "Halvorsen profit in the April-June quarter",
        value=520,
        unit_name="euro",
        currency="EUR",
    )
    assert relation(ordinal, spelled) == "conflicts"


def test_money_named_without_a_code_and_pay_per_month_written_monthly_compare() -> None:
    named = fig(
        "a",
        "fine paid by the ferry operator",
        value=2_000_000,
        unit_name="dollars",
        dimension="currency",
    )
    coded = fig(
        "b",
        "fine paid by the ferry operator",
        value=2_000_000,
        unit_name="dollar",
        currency="USD",
        dimension="currency",
    )
    assert relation(named, coded) == "same"
    monthly = fig(
        "c",
        "rent for a studio in the old town",
        value=900,
        unit_name="euro",
        currency="EUR",
        per="monthly",
    )
    yearly = fig(
        "d",
        "rent for a studio in the old town",
        value=10_800,
        unit_name="euro",
        currency="EUR",
        per="year",
    )
    assert relation(monthly, yearly) == "same"


def test_lives_lost_and_dockers_are_people_counted() -> None:
    passengers = fig(
        "a",
        "passengers who died in the Orinoco ferry fire",
        qualifier=">=",
        value=30,
        unit_name="passengers",
        dimension="count",
    )
    lives = fig(
        "b", "lives lost in the Orinoco ferry fire", value=52, unit_name="lives", dimension="count"
    )
    assert relation(passengers, lives) == "conflicts"
    dockers = fig(
        "c", "dockers on strike at Bremerhaven", value=3100, unit_name="dockers", dimension="count"
    )
    workers = fig(
        "d",
        "port workers on strike at Bremerhaven",
        value=1900,
        unit_name="port workers",
        dimension="count",
    )
    assert relation(dockers, workers) == "conflicts"


def test_a_penalty_is_a_fine() -> None:
    fine = fig(
        "a", "fine imposed on Vallmark Bank", value=90_000_000, unit_name="euro", currency="EUR"
    )
    penalty = fig(
        "b", "Vallmark Bank's penalty", value=60_000_000, unit_name="euro", currency="EUR"
    )
    assert relation(fine, penalty) == "conflicts"


def test_a_place_and_its_adjective_are_one_place_but_domestic_is_not_foreign() -> None:
    place = fig("a", "schools closed in Saxony", value=900, unit_name="schools", dimension="count")
    adjective = fig(
        "b", "Saxonian schools shut", value=1400, unit_name="schools", dimension="count"
    )
    assert relation(place, adjective) == "conflicts"
    foreign = fig(
        "c",
        "foreign tourists who came to Crete",
        value=5_100_000,
        unit_name="tourists",
        dimension="count",
    )
    domestic = fig(
        "d",
        "domestic tourists who came to Crete",
        value=5_100_000,
        unit_name="tourists",
        dimension="count",
    )
    assert relation(foreign, domestic) == "unrelated"


def test_a_rate_per_box_and_per_container_compare() -> None:
    box = fig(
        "a",
        "freight rate from Busan to Genoa",
        value=3900,
        unit_name="dollar",
        currency="USD",
        per="box",
    )
    container = fig(
        "b",
        "freight rate from Busan to Genoa",
        value=5200,
        unit_name="dollar",
        currency="USD",
        per="container",
    )
    assert relation(box, container) == "conflicts"


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("miles per hour", "mile per hour"),
        ("km/h", "kilometre per hour"),
        ("sq km", "square kilometre"),
        ("km²", "square kilometre"),
        ("degrees Celsius", "degree celsius"),
        ("inches", "inch"),
        ("feet", "foot"),
        ("lbs", "pound"),
        ("MW", "megawatt"),
        ("centimeters", "centimetre"),
    ],
)
def test_a_unit_written_short_plural_or_american_normalises_like_its_name(
    written: str, canonical: str
) -> None:
    dimension = {"mile per hour": "speed", "kilometre per hour": "speed"}.get(canonical, "")
    a = normalize(value=40, unit_name=written, dimension=dimension)
    b = normalize(value=40, unit_name=canonical, dimension=dimension)
    assert a is not None and b is not None
    assert (a.dimension, a.unit, a.low) == (b.dimension, b.unit, b.low)
    assert not a.unit.startswith("other:")


def test_percentage_points_are_not_percent() -> None:
    points = normalize(value=2, unit_name="percentage points", dimension="percent")
    percent = normalize(value=2, unit_name="percent", dimension="percent")
    assert points is not None and percent is not None
    assert not comparable(points, percent)


def test_the_us_written_out_or_as_initials_is_one_place_and_two_word_names_make_no_initials() -> (
    None
):
    initials = fig("a", "US copper imports", value=1.1, unit_name="tonne", dimension="mass")
    written = fig(
        "b", "copper shipped into the United States", value=1.6, unit_name="tonne", dimension="mass"
    )
    assert relation(initials, written) == "conflicts"
    assert "ss" not in terms("UN troops posted in South Sudan")


def test_a_walkout_and_a_strike_are_one_action() -> None:
    walkout = fig("a", "dockers who walked out", value=3000, unit_name="dockers", dimension="count")
    strike = fig("b", "port workers on strike", value=5000, unit_name="workers", dimension="count")
    assert relation(walkout, strike) == "conflicts"


def test_last_years_figure_is_another_figure_even_when_written_as_last_year() -> None:
    published = dt.date(2026, 10, 22)
    now = fig(
        "a",
        "flights cancelled in the pilots' strike",
        value=1000,
        unit_name="flights",
        dimension="count",
        as_of="Wednesday",
        published=published,
    )
    before = fig(
        "b",
        "flights cancelled in the pilots' strike",
        value=1000,
        unit_name="flights",
        dimension="count",
        as_of="last year",
        published=published,
    )
    assert relation(now, before) == "unrelated"
    again = fig(
        "c",
        "flights cancelled in the pilots' strike",
        value=1000,
        unit_name="flights",
        dimension="count",
        as_of="2026",
        published=published,
    )
    assert relation(now, again) == "same"


def test_a_share_of_seats_is_not_a_share_of_votes() -> None:
    votes = fig(
        "a",
        "votes won by the Labour party in Tarrow",
        value=38,
        unit_name="percent",
        dimension="percent",
    )
    seats = fig(
        "b",
        "seats won by the Labour party in Tarrow",
        value=38,
        unit_name="percent",
        dimension="percent",
    )
    assert relation(votes, seats) == "unrelated"
