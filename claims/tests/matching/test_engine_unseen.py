"""Issue 13, pairs worded as a second reporter would: the same figure in other words, and
another thing in the same words. Each rule is shown with a near miss that must still match.

The figures are built the way the bench builds a labelled pair (subject, sentence, title,
names in the sentence), so what is tested here is what the dev scores measure.
"""

from __future__ import annotations

from typing import Any

from bench.matching import figure
from claims.matching import Figure
from claims.matching.normalize import normalize

from .test_engine_rules import relation


def side(
    key: str,
    subject: str,
    sentence: str,
    *,
    value: float,
    unit: str,
    dimension: str = "count",
    title: str = "",
    qualifier: str = "=",
    **more: Any,
) -> Figure:
    made = figure(
        {
            "title": title,
            "published": more.pop("published", "2026-05-04"),
            "text": sentence,
            "figure": {
                "value": value,
                "low": value,
                "high": value,
                "qualifier": qualifier,
                "unit_name": unit,
                "dimension": dimension,
                "subject": subject,
                **more,
            },
        },
        key,
    )
    assert made is not None
    return made


def test_a_capital_named_by_its_country_is_the_city_and_another_city_is_not() -> None:
    pct: dict[str, Any] = {"unit": "percent", "dimension": "percent"}
    capital = side(
        "a",
        "jobless rate in the capital of Kenya",
        "The jobless rate in the capital of Kenya reached 11.2%.",
        value=11.2,
        **pct,
    )
    nairobi = side(
        "b",
        "Nairobi's unemployment rate",
        "Nairobi's unemployment rate was 11.2%.",
        value=11.2,
        **pct,
    )
    mombasa = side(
        "c",
        "Mombasa's unemployment rate",
        "Mombasa's unemployment rate was 11.2%.",
        value=11.2,
        **pct,
    )
    assert relation(capital, nairobi) == "same"
    assert relation(capital, mombasa) == "unrelated"


def test_educators_and_teachers_are_one_count_that_can_conflict() -> None:
    teachers = side(
        "a",
        "teachers on strike",
        "Some 31,000 teachers went on strike.",
        value=31000,
        unit="teachers",
    )
    fewer = side(
        "b",
        "educators who stayed out of school",
        "Only 18,000 educators stayed out of school, the ministry said.",
        value=18000,
        unit="educators",
    )
    as_many = side(
        "c",
        "educators who stayed out of school",
        "About 31,000 educators stayed out of school.",
        value=31000,
        unit="educators",
        qualifier="~",
    )
    assert relation(teachers, fewer) == "conflicts"
    assert relation(teachers, as_many) == "same"


def test_earnings_are_a_profit_or_a_revenue_but_profit_is_not_revenue() -> None:
    usd: dict[str, Any] = {"unit": "dollar", "dimension": "currency", "currency": "USD"}
    profit = side(
        "a",
        "Corvane's quarterly profit",
        "Corvane's quarterly profit was $640 million.",
        value=640e6,
        **usd,
    )
    earnings = side(
        "b",
        "the toolmaker's quarterly earnings",
        "The toolmaker's quarterly earnings came to $640 million.",
        value=640e6,
        title="Corvane profit beats forecasts",
        **usd,
    )
    revenue = side(
        "c",
        "Corvane's quarterly revenue",
        "Corvane's quarterly revenue was $640 million.",
        value=640e6,
        **usd,
    )
    assert relation(profit, earnings) == "same"
    assert relation(profit, revenue) == "unrelated"


def test_a_national_figure_is_not_a_towns_but_it_is_its_countrys() -> None:
    gbp: dict[str, Any] = {"unit": "pound", "dimension": "currency", "currency": "GBP"}
    national = side(
        "a",
        "national average weekly wage",
        "The national average weekly wage is £690.",
        value=690,
        **gbp,
    )
    leeds = side(
        "b",
        "average weekly wage in Leeds",
        "The average weekly wage in Leeds is £690.",
        value=690,
        **gbp,
    )
    britain = side(
        "c",
        "Britain's average weekly wage",
        "Britain's average weekly wage is £690.",
        value=690,
        **gbp,
    )
    assert relation(national, leeds) == "unrelated"
    assert relation(national, britain) == "same"


def test_a_capital_in_one_subject_and_another_in_the_other_sentence_are_two_places() -> None:
    pct: dict[str, Any] = {"unit": "percent", "dimension": "percent"}
    madrid = side("a", "rise in rents in Madrid", "Rents in Madrid rose 7.5%.", value=7.5, **pct)
    lisbon = side(
        "b", "rise in rents", "Rents in Lisbon rose 7.5% over the year.", value=7.5, **pct
    )
    again = side("c", "rise in rents", "Rents in Madrid rose 7.5% over the year.", value=7.5, **pct)
    assert relation(madrid, lisbon) == "unrelated"
    assert relation(madrid, again) == "same"


def test_transits_count_ships_but_a_toll_per_transit_is_not_a_sum_per_ship() -> None:
    transits = side(
        "a",
        "transits through the strait",
        "Transits fell to 61 a day.",
        value=61,
        unit="transits",
        per="day",
    )
    ships = side(
        "b",
        "ships crossing the strait",
        "About 60 ships a day now cross the strait.",
        value=60,
        unit="ships",
        per="day",
        qualifier="~",
    )
    assert relation(transits, ships) == "same"
    toll = normalize(value=9000, unit_name="dollar", currency="USD", per="transit")
    per_voyage = normalize(value=9000, unit_name="dollar", currency="USD", per="voyage")
    per_ship = normalize(value=9000, unit_name="dollar", currency="USD", per="ship")
    assert toll and per_voyage and per_ship
    assert toll.unit == per_voyage.unit != per_ship.unit


def test_gas_and_electricity_prices_are_two_figures_electricity_and_power_one() -> None:
    pct: dict[str, Any] = {"unit": "percent", "dimension": "percent"}
    gas = side("a", "rise in household gas prices", "Household gas prices rose 9%.", value=9, **pct)
    power = side(
        "b", "rise in household electricity prices", "Electricity prices rose 9%.", value=9, **pct
    )
    again = side("c", "rise in household power prices", "Power prices rose 9%.", value=9, **pct)
    assert relation(gas, power) == "unrelated"
    assert relation(power, again) == "same"


def test_production_is_not_exports_but_shipments_abroad_are() -> None:
    t: dict[str, Any] = {"unit": "tonne", "dimension": "mass"}
    exports = side(
        "a",
        "Ghana's cocoa exports",
        "Ghana's cocoa exports reached 610,000 tonnes.",
        value=610000,
        **t,
    )
    output = side(
        "b",
        "Ghana's cocoa production",
        "Ghana's cocoa production reached 610,000 tonnes.",
        value=610000,
        **t,
    )
    shipped = side(
        "c",
        "cocoa Ghana shipped abroad",
        "Ghana shipped 610,000 tonnes of cocoa abroad.",
        value=610000,
        **t,
    )
    assert relation(exports, output) == "unrelated"
    assert relation(exports, shipped) == "same"


def test_a_fire_brigade_is_not_the_police_force_but_the_police_is() -> None:
    police = side(
        "a",
        "officers in the city's police force",
        "The city's police force has 2,700 officers.",
        value=2700,
        unit="officers",
    )
    brigade = side(
        "b",
        "people the city's fire brigade employs",
        "The city's fire brigade employs 2,700 people.",
        value=2700,
        unit="people",
    )
    again = side(
        "c",
        "police officers in the city",
        "The city has 2,700 police officers.",
        value=2700,
        unit="officers",
    )
    assert relation(police, brigade) == "unrelated"
    assert relation(police, again) == "same"


def test_a_half_year_is_not_the_full_year_and_a_top_speed_not_the_average() -> None:
    usd: dict[str, Any] = {"unit": "dollar", "dimension": "currency", "currency": "USD"}
    half = side(
        "a", "first-half revenue", "Revenue in the first half was $1.4 billion.", value=1.4e9, **usd
    )
    year = side(
        "b", "full-year revenue", "Full-year revenue came to $1.4 billion.", value=1.4e9, **usd
    )
    again = side(
        "c", "revenue in the first half", "First-half sales were $1.4 billion.", value=1.4e9, **usd
    )
    assert relation(half, year) == "unrelated"
    assert relation(half, again) == "same"
    kmh: dict[str, Any] = {"unit": "kilometre per hour", "dimension": "speed"}
    top = side("a", "the ferry's top speed", "The ferry's top speed is 52 km/h.", value=52, **kmh)
    mean = side("b", "the ferry's average speed", "The ferry averages 52 km/h.", value=52, **kmh)
    fastest = side(
        "c", "the ferry's top speed", "At full tilt the ferry does 52 km/h.", value=52, **kmh
    )
    assert relation(top, mean) == "unrelated"
    assert relation(top, fastest) == "same"


def test_jobs_created_are_not_jobs_shed_nor_homes_sold_homes_built() -> None:
    created = side(
        "a",
        "jobs the economy created",
        "The economy created 95,000 jobs.",
        value=95000,
        unit="jobs",
    )
    shed = side("b", "jobs factories shed", "Factories shed 95,000 jobs.", value=95000, unit="jobs")
    hired = side(
        "c", "jobs employers added", "Employers hired 95,000 workers.", value=95000, unit="workers"
    )
    assert relation(created, shed) == "unrelated"
    assert relation(created, hired) == "same"
    built = side(
        "a",
        "homes completed in the quarter",
        "Builders completed 23,000 homes.",
        value=23000,
        unit="homes",
    )
    sold = side(
        "b", "homes sold in the quarter", "Some 23,000 homes were sold.", value=23000, unit="homes"
    )
    finished = side(
        "c",
        "homes finished in the quarter",
        "23,000 homes were finished.",
        value=23000,
        unit="homes",
    )
    assert relation(built, sold) == "unrelated"
    assert relation(built, finished) == "same"


def test_doses_given_and_people_vaccinated_are_one_count_but_not_boats() -> None:
    doses = side(
        "a",
        "polio vaccine doses given in the first week",
        "Health workers gave 860,000 polio vaccine doses in the first week.",
        value=860000,
        unit="doses",
    )
    children = side(
        "b",
        "children vaccinated against polio in the first week",
        "About 860,000 children were vaccinated against polio in the campaign's first week.",
        value=860000,
        unit="children",
        qualifier="~",
    )
    boats = side(
        "c",
        "boats that carried the polio vaccine in the first week",
        "In the first week 860,000 boats carried the polio vaccine.",
        value=860000,
        unit="boats",
    )
    assert relation(doses, children) == "same"
    assert relation(doses, boats) == "unrelated"


def test_a_citys_budget_is_not_the_states_but_a_state_office_may_report_the_citys() -> None:
    usd: dict[str, Any] = {"unit": "dollar", "dimension": "currency", "currency": "USD"}
    city = side("a", "the city's budget", "The city's budget is $3.4 billion.", value=3.4e9, **usd)
    state = side(
        "b", "the state's budget", "The state's budget is $3.4 billion.", value=3.4e9, **usd
    )
    reported = side(
        "c",
        "the budget",
        "The budget is $3.4 billion, the state audit office said.",
        value=3.4e9,
        **usd,
    )
    assert relation(city, state) == "unrelated"
    assert relation(city, reported) == "same"


def test_megawatts_worded_apart_are_one_figure_where_shares_worded_so_are_not() -> None:
    power: dict[str, Any] = {"dimension": "power"}
    offline = side(
        "a",
        "generating capacity knocked out by the outage",
        "The outage knocked out 2,400 megawatts of generating capacity.",
        value=2400,
        unit="megawatt",
        **power,
    )
    lost = side(
        "b",
        "supply lost when the lines came down",
        "About 2.4 GW of supply was lost in the outage when the lines came down.",
        value=2.4,
        unit="gigawatt",
        qualifier="~",
        **power,
    )
    more = side(
        "c",
        "supply lost when the lines came down",
        "Some 3.9 GW of supply was lost in the outage when the lines came down.",
        value=3.9,
        unit="gigawatt",
        **power,
    )
    assert relation(offline, lost) == "same"
    assert relation(offline, more) == "conflicts"
    pct: dict[str, Any] = {"unit": "percent", "dimension": "percent"}
    share = side(
        "a",
        "generating capacity knocked out by the outage",
        "The outage knocked out 24% of generating capacity.",
        value=24,
        **pct,
    )
    share_lost = side(
        "b",
        "supply lost when the lines came down",
        "About 24% of supply was lost in the outage when the lines came down.",
        value=24,
        qualifier="~",
        **pct,
    )
    assert relation(share, share_lost) == "unrelated"
