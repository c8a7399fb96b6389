"""Counted nouns, ratios, ranges, qualifiers and trends."""

from __future__ import annotations

import pytest

from claims.extraction import extract

from . import D, find, only


def test_it_reads_a_counted_noun_as_the_unit() -> None:
    q = only("More than 10,000 North Korean soldiers are now training in Russia.")
    assert (q.unit, q.unit_name, q.dimension) == ("soldier", "soldier", "count")
    assert q.subject == "North Korean soldiers"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The war has taken tens of thousands of lives.", "life"),
        ("The outbreak infected 1,340 people.", "person"),
        ("The victims included 14 children.", "child"),
        ("Police recovered 38 bodies.", "body"),
        ("Dozens of people were hurt.", "person"),
    ],
)
def test_it_singularises_counted_nouns(text: str, name: str) -> None:
    assert only(text).unit_name == name


def test_a_bare_number_has_the_count_unit_and_no_name() -> None:
    q = only("Organizers estimated the crowd at 50,000.")
    assert (q.unit, q.unit_name, q.dimension) == ("count", "", "count")


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("Defenders were outnumbered seven or eight to one.", 7, 8),
        ("The vote passed by a 7:1 margin.", 7, 7),
        ("Men outnumbered women five to one.", 5, 5),
        ("The opposition is outgunned 10-to-1.", 10, 10),
        ("Women outnumber men 3:2 in nursing.", "1.5", "1.5"),
    ],
)
def test_it_reads_ratios(text: str, low: int | str, high: int | str) -> None:
    q = only(text)
    assert (q.low, q.high, q.dimension, q.unit) == (D(low), D(high), "ratio", "ratio")


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("Between 2,000-4,000 migrants are stranded.", 2000, 4000),
        ("The storm could drop 2–4 inches of rain.", 2, 4),
        ("Between 1 and 1.5 million pilgrims attend.", 1_000_000, 1_500_000),
        ("Officials expect ten to eleven candidates.", 10, 11),
        ("Seven or eight boats left the harbour.", 7, 8),
        ("Tickets cost between $40 and $120.", 40, 120),
        ("The repairs will cost $2m-$3m.", 2_000_000, 3_000_000),
        ("The scheme will cost 2 to 3 billion dollars.", 2_000_000_000, 3_000_000_000),
    ],
)
def test_it_reads_ranges(text: str, low: int, high: int) -> None:
    q = only(text)
    assert q.value is None
    assert (q.low, q.high, q.qualifier) == (D(low), D(high), "=")


def test_a_range_keeps_the_unit_of_both_ends() -> None:
    q = only("Growth will be 1.5-2% this year.")
    assert (q.low, q.high, q.unit) == (D("1.5"), D(2), "percent")


def test_a_change_from_one_level_to_another_is_one_figure_not_a_range() -> None:
    found = extract("Unemployment rose from 5 percent to 7 percent.")
    assert [(q.value, q.from_value, q.change, q.trend) for q in found] == [(D(7), D(5), "to", "up")]


@pytest.mark.parametrize(
    ("phrase", "qualifier"),
    [
        ("more than", ">"),
        ("over", ">"),
        ("at least", ">="),
        ("nearly", "~"),
        ("almost", "~"),
        ("about", "~"),
        ("roughly", "~"),
        ("some", "~"),
        ("up to", "<="),
        ("as many as", "<="),
        ("fewer than", "<"),
        ("under", "<"),
        ("less than", "<"),
        ("no more than", "<="),
    ],
)
def test_it_reads_qualifiers(phrase: str, qualifier: str) -> None:
    q = only(f"Officials counted {phrase} 600 soldiers at the border.")
    assert (q.value, q.qualifier) == (D(600), qualifier)
    assert q.text.startswith(phrase)


def test_it_reads_more_than_as_a_lower_bound() -> None:
    q = only("The army has lost more than 400 tanks.")
    assert (q.qualifier, q.low, q.high) == (">", D(400), D(400))


def test_it_reads_sub_prefixes_as_an_upper_bound() -> None:
    assert only("Sub-300 prices attracted buyers.").qualifier == "<"


def test_it_reads_trailing_qualifiers() -> None:
    assert only("The ship carries 500 people or more.").qualifier == ">="
    assert only("The ship carries 500 people or fewer.").qualifier == "<="


def test_over_before_a_duration_is_a_span_not_a_bound() -> None:
    assert only("The money will be spent over two years.").qualifier == "="


@pytest.mark.parametrize(
    ("text", "trend"),
    [
        ("Shares rose 19 cents.", "up"),
        ("The index fell 4.28 percent.", "down"),
        ("Home prices climbed 7 percent.", "up"),
        ("Sales slumped by 22 percent.", "down"),
        ("Exports were up 3 percent.", "up"),
        ("It was a 5 percent increase.", "up"),
        ("The bank cut rates by 50 basis points.", "down"),
    ],
)
def test_it_reads_trends(text: str, trend: str) -> None:
    assert only(text).trend == trend


def test_up_to_is_a_bound_not_a_trend() -> None:
    q = only("Up to 5,000 troops could be sent.")
    assert (q.qualifier, q.trend) == ("<=", None)


def test_a_level_after_a_change_shares_its_trend_as_the_new_level() -> None:
    change = find("Shares rose 19 cents to $3.45.", "19")
    level = find("Shares rose 19 cents to $3.45.", "3.45")
    assert (change.trend, change.change) == ("up", "by")
    assert (level.trend, level.change, level.from_value) == ("up", "to", None)


def test_it_reports_the_nearest_time_reference() -> None:
    q = only("The army seized more than 400 square kilometres in October, officials said.")
    assert q.as_of == "October"


@pytest.mark.parametrize(
    "text",
    [
        "The port authority said on Monday that 3,400 containers were stranded.",
        "About 2,000 nurses walked out, the union told reporters on Tuesday.",
        "Inspectors found 540 damaged bridges, the roads agency said Friday.",
        "The regulator said this week that 3.2 million customers were overcharged.",
        "The utility confirmed in a statement on Thursday that 80 pylons fell.",
        "On Tuesday, the port authority said 1,700 containers were stranded.",
    ],
)
def test_a_day_that_dates_the_saying_is_not_the_figures_time(text: str) -> None:
    assert only(text).as_of is None


def test_a_day_that_dates_the_event_stays_the_figures_time() -> None:
    q = only("The shelter took in 120 dogs on Sunday, volunteers said.")
    assert q.as_of == "Sunday"
    q = only("The coastguard said 31 sailors were still missing on Monday.")
    assert q.as_of == "Monday"
    q = only("On Tuesday, 40 people died in the floods, officials said.")
    assert q.as_of == "Tuesday"


def test_it_reads_canadian_style_hyphenated_scales() -> None:
    q = only("Ottawa will spend $4.2-billion on rail.")
    assert (q.value, q.currency) == (D(4_200_000_000), "USD")


def test_it_reads_m_before_a_plural_noun_as_million() -> None:
    q = only("The harvest fell to 14.5m tonnes.")
    assert (q.value, q.unit) == (D(14_500_000), "t")


def test_it_skips_scores_and_tallies() -> None:
    assert extract("Sinner won 6-3, 7-6 and the Senate voted 51-49.") == []


def test_a_range_of_years_is_not_a_figure() -> None:
    assert extract("Profits grew between 2016 and 2019.") == []


def test_a_change_followed_by_a_level_is_not_a_range() -> None:
    found = extract("The population grew 2.9% to 3,025,647.")
    assert [(q.value, q.unit) for q in found] == [(D("2.9"), "percent"), (D(3025647), "count")]


def test_a_phrasal_verb_is_not_a_trend() -> None:
    assert only("The army shot down 41 drones.").trend is None


def test_an_age_in_apposition_to_a_name() -> None:
    q = only("Mr. Aziz, 61, said he had waited.")
    assert (q.value, q.dimension) == (D(61), "age")


def test_a_very_long_sentence_is_read_in_windows_with_the_same_results() -> None:
    filler = "and the talks went on " * 40
    text = f"Officials said more than 10,000 soldiers were there {filler}with up to 5 tanks."
    found = extract(text)
    assert len(text) > 600
    assert [(q.text, q.qualifier, q.speaker) for q in found] == [
        ("more than 10,000 soldiers", ">", "Officials"),
        ("up to 5 tanks", "<=", "Officials"),
    ]
    assert all(text[q.start : q.end] == q.text for q in found)


def test_the_noun_after_a_hyphen_is_what_is_counted() -> None:
    assert only("The 1,200-page report was leaked.").unit_name == "page"
    assert only("A 5,000-strong force was sent.").unit_name == ""


def test_an_age_range() -> None:
    q = only("Men aged between 18 and 25 were hurt.")
    assert (q.low, q.high, q.dimension) == (D(18), D(25), "age")


def test_a_movement_up_to_a_level_is_not_a_bound() -> None:
    q = only("The unemployment rate ticked up to 4.1%.")
    assert (q.qualifier, q.trend) == ("=", "up")
