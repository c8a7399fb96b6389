"""Evidence that two figures count the same thing, or different things, when their subjects
are worded apart: nouns the lexicon does not know, names, parts of a whole, periods.

Every pair here is written for these tests, in other stories than the dev pair files."""

from __future__ import annotations

import dataclasses
from typing import Any

from claims.matching import Figure, normalize
from claims.matching.engine import comparable, distinct, nouns_apart
from claims.matching.store import proper_names

from .test_engine_rules import fig as bare_fig
from .test_engine_rules import relation


def fig(key: str, subject: str, sentence: str = "", **kw: Any) -> Figure:
    """A figure with the proper names of its subject and sentence, as the store gives them."""
    made = bare_fig(key, subject, sentence, **kw)
    return dataclasses.replace(made, names=proper_names(f"{subject}. {sentence}"))


COUNT: dict[str, Any] = {"dimension": "count"}


def test_a_noun_the_lexicon_does_not_know_is_no_kind_of_its_own() -> None:
    crossings = normalize(value=1800, unit_name="crossings", **COUNT)
    travellers = normalize(value=1800, unit_name="travellers", **COUNT)
    boats = normalize(value=1800, unit_name="boats", **COUNT)
    assert crossings and travellers and boats
    assert crossings.unit == "count:" and crossings.counted == "cross"
    assert comparable(crossings, travellers) and not comparable(travellers, boats)


def test_crossings_and_travellers_crossing_are_one_figure() -> None:
    crossings = fig(
        "a", "crossings at the Narva border post", value=1800, unit_name="crossings", **COUNT
    )
    travellers = fig(
        "b",
        "travellers crossing at the Narva border post",
        qualifier="~",
        value=1800,
        unit_name="travellers",
        **COUNT,
    )
    assert nouns_apart(crossings, travellers) is None
    assert relation(crossings, travellers) == "same"


def test_lessons_cancelled_in_a_strike_are_not_the_strikers() -> None:
    teachers = fig(
        "a", "teachers on strike in the province", value=9000, unit_name="teachers", **COUNT
    )
    lessons = fig(
        "b",
        "lessons cancelled during the teachers' strike",
        value=9000,
        unit_name="lessons",
        **COUNT,
    )
    assert nouns_apart(teachers, lessons) == "lesson vs teacher"
    assert relation(teachers, lessons) == "unrelated"


def test_two_canals_are_two_places_though_both_are_canals() -> None:
    money: dict[str, Any] = {"unit_name": "euro", "currency": "EUR", "dimension": "currency"}
    kiel = fig("a", "tolls paid at the Kiel Canal", value=2.4e6, **money)
    corinth = fig("b", "tolls paid at the Corinth Canal", value=2.4e6, **money)
    assert distinct(kiel, corinth) == "Kiel Canal vs Corinth Canal"
    assert relation(kiel, corinth) == "unrelated"
    kiel_again = fig("c", "Kiel Canal tolls", qualifier="~", value=2.4e6, **money)
    assert relation(kiel, kiel_again) == "same"


def test_an_acronym_and_a_longer_one_it_opens_name_one_body() -> None:
    un = fig("a", "UN troops in Lebanon", qualifier="~", value=10000, unit_name="troops", **COUNT)
    unifil = fig("b", "UNIFIL soldiers in Lebanon", value=10200, unit_name="soldiers", **COUNT)
    assert distinct(un, unifil) is None
    assert relation(un, unifil) == "same"


def test_a_division_is_not_the_whole_company_but_the_company_in_other_words_is() -> None:
    money: dict[str, Any] = {"unit_name": "dollar", "currency": "USD", "dimension": "currency"}
    whole = fig("a", "Harlow Foods revenue", value=8.1e9, **money)
    division = fig("b", "revenue of the frozen division of Harlow Foods", value=2.3e9, **money)
    assert distinct(whole, division) == "only one is about a part (division)"
    assert relation(whole, division) == "unrelated"
    again = fig("c", "Harlow Foods sales", value=7.4e9, **money)
    assert relation(whole, again) == "conflicts"


def test_housing_units_are_the_counted_thing_not_a_part() -> None:
    units = fig("a", "housing units approved in the county", value=1200, unit_name="units", **COUNT)
    homes = fig(
        "b", "homes approved in the county", qualifier="~", value=1200, unit_name="homes", **COUNT
    )
    assert distinct(units, homes) is None


def test_a_named_force_and_a_national_army_are_two_bodies() -> None:
    un = fig("a", "UN peacekeepers in Mali", value=13000, unit_name="peacekeepers", **COUNT)
    army = fig(
        "b",
        "soldiers in the army",
        "The army has 13,000 soldiers.",
        value=13000,
        unit_name="soldiers",
        **COUNT,
    )
    assert distinct(un, army) == "two bodies: Mali, UN vs army"
    assert relation(un, army) == "unrelated"


def test_the_police_and_the_army_are_two_bodies_but_one_body_named_twice_is_one() -> None:
    police = fig(
        "a", "officers the police sent to the border", value=2000, unit_name="officers", **COUNT
    )
    army = fig("b", "troops the army sent to the border", value=2000, unit_name="troops", **COUNT)
    assert relation(police, army) == "unrelated"
    police_again = fig(
        "c",
        "police officers sent to the border",
        qualifier="~",
        value=2000,
        unit_name="officers",
        **COUNT,
    )
    assert relation(police, police_again) == "same"


def test_a_canal_named_only_in_the_sentence_is_still_another_canal() -> None:
    kiel = fig(
        "a",
        "ships that used the waterway",
        "Kiel Canal tolls rose again. About 9,000 ships used the waterway.",
        qualifier="~",
        value=9000,
        unit_name="ships",
        **COUNT,
    )
    corinth = fig(
        "b",
        "ships through the Corinth Canal",
        "The Corinth Canal saw about 9,000 ships pass.",
        qualifier="~",
        value=9000,
        unit_name="ships",
        **COUNT,
    )
    assert proper_names("Kiel Canal tolls rose again.") >= {"kiel canal"}
    assert distinct(kiel, corinth) == "Kiel Canal vs Corinth Canal"
    assert relation(kiel, corinth) == "unrelated"


def test_a_figure_ten_times_another_is_another_thing_not_a_conflict() -> None:
    cut = fig("a", "jobs the carmaker Ostra will cut", value=2500, unit_name="jobs", **COUNT)
    staff = fig("b", "jobs at the carmaker Ostra", value=26000, unit_name="jobs", **COUNT)
    assert relation(cut, staff) == "unrelated"
    # a close figure for the same cuts still conflicts
    union = fig("c", "jobs the carmaker Ostra will cut", value=4000, unit_name="jobs", **COUNT)
    assert relation(cut, union) == "conflicts"


def test_a_plan_to_cut_jobs_is_the_announced_figure_not_a_forecast() -> None:
    will = fig("a", "jobs Brenner Steel will cut", value=1800, unit_name="jobs", **COUNT)
    plans = fig(
        "b", "jobs Brenner Steel plans to cut", qualifier="~", value=1800, unit_name="jobs", **COUNT
    )
    assert distinct(will, plans) is None
    assert relation(will, plans) == "same"


def test_an_exit_poll_estimates_the_result_it_is_not_the_count() -> None:
    share: dict[str, Any] = {"unit_name": "percent", "dimension": "percent"}
    result = fig("a", "Liberal Party share of the vote", value=34.2, **share)
    poll = fig("b", "Liberal Party share in the exit poll", value=37, **share)
    assert distinct(result, poll) == "a forecast or target against a measurement"
    # "the poll" alone is the election itself
    count = fig("c", "Liberal Party share of the vote in the poll", value=34, **share)
    assert relation(result, count) == "same"


def test_cases_of_a_disease_are_people_counted() -> None:
    infected = fig("a", "people infected with cholera", value=1150, unit_name="people", **COUNT)
    cases = fig("b", "confirmed cholera cases", value=1150, unit_name="cases", **COUNT)
    assert relation(infected, cases) == "same"


def test_homes_completed_and_homes_started_are_two_counts() -> None:
    completed = fig("a", "homes completed in Wales", value=6400, unit_name="homes", **COUNT)
    started = fig("b", "homes started in Wales", value=6400, unit_name="homes", **COUNT)
    assert distinct(completed, started) == "finish vs start"
    finished = fig(
        "c", "new homes finished in Wales", qualifier="~", value=6400, unit_name="homes", **COUNT
    )
    assert relation(completed, finished) == "same"


def test_two_areas_of_spending_are_two_budgets_and_military_is_defence() -> None:
    money: dict[str, Any] = {"unit_name": "euro", "currency": "EUR", "dimension": "currency"}
    defence = fig("a", "defence budget for next year", value=52e9, **money)
    education = fig("b", "education budget for next year", value=61e9, **money)
    assert relation(defence, education) == "unrelated"
    military = fig("c", "military spending next year", value=52e9, **money)
    assert relation(defence, military) == "same"


def test_sheep_lost_to_a_drought_are_sheep_deaths_but_not_sheep_sold() -> None:
    lost = fig(
        "a",
        "sheep lost to the drought in Karoo",
        qualifier="~",
        value=80000,
        unit_name="sheep",
        **COUNT,
    )
    deaths = fig(
        "b", "sheep deaths from the drought in Karoo", value=82000, unit_name="sheep", **COUNT
    )
    assert distinct(lost, deaths) is None
    assert relation(lost, deaths) == "same"
    sold = fig(
        "c", "sheep sold because of the drought in Karoo", value=82000, unit_name="sheep", **COUNT
    )
    assert distinct(sold, deaths) == "only one is about death"


def test_northern_places_an_event_but_south_of_the_town_is_another_area() -> None:
    northern = fig(
        "a", "villagers abducted in northern Zamfara", value=64, unit_name="villagers", **COUNT
    )
    zamfara = fig("b", "people kidnapped in Zamfara", value=64, unit_name="people", **COUNT)
    assert distinct(northern, zamfara) is None
    assert relation(northern, zamfara) == "same"
    rain: dict[str, Any] = {"unit_name": "millimetre", "dimension": "length"}
    town = fig("c", "rain that fell on the town", value=120, **rain)
    south = fig("d", "rain south of the town", qualifier="<=", value=300, **rain)
    assert distinct(town, south) == "only one is about the south part"


def test_the_company_or_the_government_may_be_the_named_one() -> None:
    named = fig("a", "jobs Korsgaard Shipping will cut", value=1200, unit_name="jobs", **COUNT)
    generic = fig(
        "b", "jobs the company will cut", qualifier="~", value=1200, unit_name="jobs", **COUNT
    )
    assert distinct(named, generic) is None
    assert relation(named, generic) == "same"
    money: dict[str, Any] = {"unit_name": "euro", "currency": "EUR", "dimension": "currency"}
    country = fig("c", "Portugal's budget deficit", value=6.1e9, **money)
    government = fig("d", "the government's budget deficit", value=6.1e9, **money)
    assert distinct(country, government) is None


def test_a_weekday_is_not_a_body() -> None:
    share: dict[str, Any] = {"unit_name": "percent", "dimension": "percent"}
    turnout = fig("a", "turnout in Sunday's vote", value=58, **share)
    party = fig("b", "turnout for the governing party's primary", value=58, **share)
    assert "Sunday" not in (distinct(turnout, party) or "")
