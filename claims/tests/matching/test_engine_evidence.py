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
