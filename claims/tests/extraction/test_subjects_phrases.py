"""A clause's subject that is a long noun phrase (issue 11, class 10), in sentences of our own:
a participle after its noun ("seized by police") and a verb-like noun before "of" ("the cost
of") belong to the phrase, and a phrase too long to keep whole keeps its head."""

from __future__ import annotations

import pytest

from . import find


@pytest.mark.parametrize(
    ("text", "fragment", "subject"),
    [
        ("Ivory confiscated by customs rose to 9 tonnes.", "9 tonnes", "Ivory confiscated by"),
        ("Fines collected by the council fell 12% last year.", "12%", "Fines collected by"),
        ("Waste recycled by households reached 45%.", "45%", "Waste recycled by households"),
    ],
)
def test_a_participle_with_by_after_its_noun_is_part_of_the_subject(
    text: str, fragment: str, subject: str
) -> None:
    assert find(text, fragment).subject.startswith(subject)


@pytest.mark.parametrize(
    ("text", "fragment", "subject"),
    [
        ("The typical cost of a wedding in Scotland is £21,000.", "£21,000", "typical cost of"),
        ("The total pay of the chief executive rose 8%.", "8%", "total pay of the chief"),
        ("The weekly spend of an average household hit €310.", "€310", "weekly spend of"),
    ],
)
def test_a_verb_like_noun_before_of_is_the_head_of_the_subject(
    text: str, fragment: str, subject: str
) -> None:
    assert find(text, fragment).subject.startswith(subject)


def test_a_long_subject_keeps_its_head_noun() -> None:
    q = find(
        "Money spent by councils on temporary housing for homeless families in the capital "
        "rose to £1.1 billion.",
        "£1.1 billion",
    )
    assert q.subject.startswith("Money spent by councils")
    q = find(
        "The share of renters in the poorest fifth of households in the north of England "
        "reached 38%.",
        "38%",
    )
    assert q.subject.startswith("share of renters")


@pytest.mark.parametrize(
    ("text", "fragment", "subject"),
    [
        # a figure hyphened to its unit describes the noun after it, determiner or not
        ("The 40-tonne electric excavator is the largest built.", "40-tonne", "electric excavator"),
        ("The yard will build 90-metre patrol boats.", "90-metre", "patrol boats"),
        # past a second hyphened figure, and an adjective that is also a verb
        ("The 1.6-litre three-cylinder engine is quieter.", "1.6-litre", "engine"),
        ("The 120-seat upper chamber voted on Monday.", "120-seat", "upper chamber"),
        # not into the clause that follows the head noun
        ("Exports rose, beating the 2% rise analysts forecast.", "2%", "rise"),
        ("The 30-year bond traded at 4.1%.", "30-year", "bond"),
    ],
)
def test_an_attributive_figure_is_about_the_noun_it_describes(
    text: str, fragment: str, subject: str
) -> None:
    assert find(text, fragment).subject.endswith(subject)


@pytest.mark.parametrize(
    ("text", "fragment", "subject"),
    [
        (
            "Factory orders in Japan fell 1.1%, missing forecasts of a 0.4% gain.",
            "0.4%",
            "forecasts for Factory orders in Japan",
        ),
        (
            "The clinic saw 91% of patients within a week, above its target of 80%.",
            "80%",
            "target for",
        ),
        (
            "Snowfall in Oslo reached 48 cm, against a normal 30 cm.",
            "30 cm",
            "normal for Snowfall in Oslo",
        ),
        (
            "The glacier retreated 310 metres, breaking the previous record of 260 metres.",
            "260",
            "previous record for",
        ),
    ],
)
def test_a_baseline_set_against_the_figure_before_is_about_what_it_measured(
    text: str, fragment: str, subject: str
) -> None:
    assert find(text, fragment).subject.startswith(subject)


def test_a_baseline_noun_that_opens_its_own_clause_keeps_its_owner() -> None:
    # no comparison word before "target": the ministry's target, not the figure before's
    q = find("Exports rose 4%, and the ministry's target of 6% was kept.", "6%")
    assert not q.subject.startswith("target for")


@pytest.mark.parametrize(
    ("text", "fragment", "subject"),
    [
        ("The state will raise health spending to 9% of output.", "9%", "health spending"),
        ("Consumer borrowing by students rose 6% in May.", "6%", "Consumer borrowing by"),
        ("Bank lending to farmers fell to £3bn.", "£3bn", "Bank lending to farmers"),
        ("The city will cut road funding by 15%.", "15%", "road funding"),
    ],
)
def test_an_ing_word_after_a_noun_names_an_activity(text: str, fragment: str, subject: str) -> None:
    assert find(text, fragment).subject.startswith(subject)


def test_an_ing_word_after_an_auxiliary_is_still_the_verb() -> None:
    q = find("The club is spending to £200m on its stadium.", "£200m")
    assert "spending" not in q.subject


@pytest.mark.parametrize(
    ("text", "fragment", "subject"),
    [
        (
            "Customs seized 40 kg of gold worth about $2.6 million.",
            "$2.6",
            "value of gold seized by Customs",
        ),
        (
            "The trawler landed 80 tonnes of cod worth £310,000.",
            "£310,000",
            "value of cod landed by trawler",
        ),
        (
            "Thieves took 1,200 bottles of wine, worth an estimated €90,000.",
            "€90,000",
            "value of bottles of wine taken by Thieves",
        ),
    ],
)
def test_what_counted_things_are_worth_is_their_value(
    text: str, fragment: str, subject: str
) -> None:
    assert find(text, fragment).subject == subject


def test_worth_after_a_noun_without_a_figure_is_not_a_value_of_the_figure_before() -> None:
    q = find("The council sold 12 plots, and homes worth over £1m pay a higher rate.", "£1m")
    assert not q.subject.startswith("value of")


@pytest.mark.parametrize(
    ("text", "fragment", "subject"),
    [
        (
            "The flooding cost farmers in Somerset about £12m.",
            "£12m",
            "cost of flooding to farmers in Somerset",
        ),
        (
            "Power cuts have cost the airport's shops $3.4 million.",
            "$3.4",
            "cost of Power cuts to the airport's shops",
        ),
        (
            "The strike cost the railway an extra 20 million euros.",
            "20 million",
            "cost of strike to the railway",
        ),
    ],
)
def test_what_something_costs_someone_is_its_cost_to_them(
    text: str, fragment: str, subject: str
) -> None:
    assert find(text, fragment).subject == subject


def test_a_cost_with_nobody_named_is_the_cost_of_its_subject() -> None:
    assert find("The new bridge will cost £85m.", "£85m").subject == "new bridge"


@pytest.mark.parametrize(
    ("text", "fragment", "subject"),
    [
        # an irregular past form is the clause's verb even when no list names it
        ("The heatwave drove temperatures to 41C.", "41C", "temperatures"),
        ("The eagle flew 240 km in a day.", "240 km", "eagle"),
        ("The drought shrank the lake to 30 square km.", "30 square km", "lake"),
        ("The cyclist rode 180 km on Sunday.", "180 km", "cyclist"),
        ("The frost froze the river for 40 km.", "40 km", "frost"),
    ],
)
def test_an_irregular_past_form_is_the_verb_of_its_clause(
    text: str, fragment: str, subject: str
) -> None:
    assert find(text, fragment).subject.endswith(subject)


def test_a_past_form_after_an_adverb_is_an_adjective() -> None:
    q = find("The average price of a newly built flat is £240,000.", "£240,000")
    assert q.subject.startswith("average price of a newly built flat")


@pytest.mark.parametrize(
    ("text", "fragment", "subject"),
    [
        (
            "Wind farms produced 40 terawatt-hours, and offshore sites made 60% of it.",
            "60%",
            "share of",
        ),
        (
            "The fund holds $12 billion of bonds, a third of them issued by banks.",
            "a third",
            "share of",
        ),
        ("The club sold 800 season tickets, and 500 of them went to students.", "500", "season"),
    ],
)
def test_a_part_of_it_or_of_them_is_a_part_of_what_the_figure_before_was_about(
    text: str, fragment: str, subject: str
) -> None:
    q = find(text, fragment)
    assert q.subject.startswith(subject)
    assert q.subject != subject


@pytest.mark.parametrize(
    ("text", "fragment", "subject"),
    [
        ("Half of the pupils aged 11 to 12 walk to school.", "11 to 12", "age of pupils"),
        ("The trial enrolled 300 women aged 50-65.", "50-65", "age of women"),
        ("Screening is offered to smokers aged 55 to 74.", "55 to 74", "age of smokers"),
    ],
)
def test_the_plural_noun_before_an_age_is_the_group_whose_age_it_is(
    text: str, fragment: str, subject: str
) -> None:
    assert find(text, fragment).subject == subject


@pytest.mark.parametrize(
    ("text", "fragment", "subject"),
    [
        (
            "Gusts of up to 90 km/h are expected on the coast.",
            "90 km/h",
            "Gusts expected on the coast",
        ),
        (
            "Delays of 40 minutes were caused at Gatwick.",
            "40 minutes",
            "Delays caused at Gatwick",
        ),
    ],
)
def test_noun_of_figure_as_a_clause_subject_keeps_its_predicate(
    text: str, fragment: str, subject: str
) -> None:
    assert find(text, fragment).subject == subject
