"""Issue 13, "same number, different thing": two measures of one thing (runners who signed up
and runners who finished; operating and net profit; an airport's passengers and an
airline's) are not one figure, while the same measure in other words still is.

Each test sets a trap beside a near miss that must still match. The sentences are ours; the
figures are built the way the bench builds a labelled pair.
"""

from __future__ import annotations

from typing import Any

from claims.matching.engine import modifiers_apart

from .test_engine_rules import relation
from .test_engine_unseen import side

EUR: dict[str, Any] = {"unit": "euro", "dimension": "currency", "currency": "EUR"}
USD: dict[str, Any] = {"unit": "dollar", "dimension": "currency", "currency": "USD"}
PCT: dict[str, Any] = {"unit": "percent", "dimension": "percent"}


def test_runners_who_signed_up_are_not_the_runners_who_finished() -> None:
    entered = side(
        "a",
        "runners registered for the lakeside ultramarathon",
        "Some 2,140 runners registered for the lakeside ultramarathon.",
        value=2140,
        unit="runners",
    )
    finished = side(
        "b",
        "runners who finished the lakeside ultramarathon",
        "A total of 2,140 runners finished the lakeside ultramarathon in cold rain.",
        value=2140,
        unit="runners",
    )
    completed = side(
        "c",
        "runners who completed the lakeside ultramarathon",
        "Exactly 2,140 runners completed the lakeside ultramarathon.",
        value=2140,
        unit="runners",
    )
    assert relation(entered, finished) == "unrelated"
    assert "stage" in (modifiers_apart(entered, finished) or "")
    # near miss: "completed" and "finished" say one thing
    assert relation(completed, finished) == "same"


def test_a_report_naming_both_stages_joins_them() -> None:
    finished = side(
        "a",
        "runners who finished the lakeside ultramarathon",
        "Of those registered, 2,140 runners finished the lakeside ultramarathon.",
        value=2140,
        unit="runners",
    )
    entered = side(
        "b",
        "runners registered for the lakeside ultramarathon",
        "Some 2,140 runners registered for the lakeside ultramarathon.",
        value=2140,
        unit="runners",
    )
    # the first report names the other's stage beside its figure: nothing sets them apart
    assert modifiers_apart(finished, entered) is None


def test_the_fine_sought_is_not_the_fine_imposed() -> None:
    sought = side(
        "a",
        "fine the regulator sought from the ferry operator",
        "The regulator sought a fine of 3.2 million euros from the ferry operator.",
        value=3.2e6,
        **EUR,
    )
    imposed = side(
        "b",
        "fine imposed on the ferry operator",
        "A tribunal imposed a fine of 3.2 million euros on the ferry operator.",
        value=3.2e6,
        **EUR,
    )
    penalty = side(
        "c",
        "penalty imposed on the ferry operator",
        "The ferry operator must pay a penalty of 3.2 million euros imposed by the tribunal.",
        value=3.2e6,
        **EUR,
    )
    assert relation(sought, imposed) == "unrelated"
    # near miss: a fine and a penalty imposed are one figure
    assert relation(imposed, penalty) == "same"


def test_the_years_sought_are_not_the_sentence_but_a_demand_asked_for_is_one_sought() -> None:
    years: dict[str, Any] = {"value": 9, "unit": "year", "dimension": "duration"}
    sought = side(
        "a",
        "prison term prosecutors sought for the forger",
        "Prosecutors sought nine years in prison for the forger.",
        **years,
    )
    sentence = side(
        "b",
        "the forger's sentence",
        "A judge sentenced the forger to nine years in prison on Monday.",
        **years,
    )
    asked = side(
        "c",
        "prison term the prosecution asked for the forger",
        "The prosecution asked the judge for nine years in prison for the forger.",
        **years,
    )
    assert relation(sought, sentence) == "unrelated"
    # near miss: "sought" and "asked for" are one demand
    assert relation(sought, asked) == "same"


def test_operating_profit_is_not_net_profit_but_net_profit_is_profit_after_tax() -> None:
    operating = side(
        "a",
        "the shipyard's operating profit",
        "The shipyard's operating profit reached 410 million euros last year.",
        value=4.1e8,
        as_of="last year",
        **EUR,
    )
    net = side(
        "b",
        "the shipyard's net profit",
        "The shipyard's net profit was 410 million euros last year.",
        value=4.1e8,
        as_of="last year",
        **EUR,
    )
    after_tax = side(
        "c",
        "the shipyard's profit after tax",
        "After tax the shipyard's profit came to 410 million euros last year.",
        value=4.1e8,
        as_of="last year",
        **EUR,
    )
    assert relation(operating, net) == "unrelated"
    assert relation(net, after_tax) == "same"


def test_a_current_account_deficit_is_not_the_budget_deficit() -> None:
    current = side(
        "a",
        "the current account deficit as a share of GDP",
        "The current account deficit widened to 3.9% of GDP.",
        value=3.9,
        **PCT,
    )
    budget = side(
        "b",
        "the budget deficit as a share of GDP",
        "The budget deficit reached 3.9% of GDP.",
        value=3.9,
        **PCT,
    )
    fiscal = side(
        "c",
        "the fiscal deficit as a share of GDP",
        "The fiscal deficit stood at 3.9% of GDP, the treasury said.",
        value=3.9,
        **PCT,
    )
    assert relation(current, budget) == "unrelated"
    # near miss: a fiscal deficit is the budget deficit
    assert relation(budget, fiscal) == "same"


def test_equity_value_is_not_the_value_including_debt() -> None:
    equity = side(
        "a",
        "equity value of the cable operator",
        "The bid puts the equity value of the cable operator at $4.8 billion.",
        value=4.8e9,
        **USD,
    )
    enterprise = side(
        "b",
        "enterprise value of the cable operator",
        "The bid gives the cable operator an enterprise value of $4.8 billion.",
        value=4.8e9,
        **USD,
    )
    market = side(
        "c",
        "market capitalisation of the cable operator",
        "The bid values the cable operator's market capitalisation at $4.8 billion.",
        value=4.8e9,
        **USD,
    )
    assert relation(equity, enterprise) == "unrelated"
    # near miss: the equity value is the market capitalisation
    assert relation(equity, market) == "same"


def test_an_airports_passengers_are_not_an_airlines() -> None:
    airport = side(
        "a",
        "passengers who used the island's airport",
        "The island's airport handled 6.3 million passengers in 2025.",
        value=6.3e6,
        unit="passengers",
        as_of="2025",
    )
    airline = side(
        "b",
        "passengers the island's airline carried",
        "The island's airline carried 6.3 million passengers in 2025.",
        value=6.3e6,
        unit="passengers",
        as_of="2025",
    )
    handled = side(
        "c",
        "passengers handled by the island's airport",
        "Some 6.3 million passengers passed through the island's airport in 2025.",
        value=6.3e6,
        unit="passengers",
        qualifier="~",
        as_of="2025",
    )
    assert relation(airport, airline) == "unrelated"
    assert relation(airport, handled) == "same"


def test_passengers_on_a_ferry_are_not_passengers_flown_home() -> None:
    ferry = side(
        "a",
        "passengers on the ferry to the mainland",
        "The ferry to the mainland carried 870 passengers after the strike ended.",
        value=870,
        unit="passengers",
    )
    flown = side(
        "b",
        "passengers flown to the mainland",
        "Another 870 passengers were flown to the mainland on chartered planes.",
        value=870,
        unit="passengers",
    )
    aboard = side(
        "c",
        "people aboard the ferry to the mainland",
        "There were 870 people aboard the ferry to the mainland.",
        value=870,
        unit="people",
    )
    assert relation(ferry, flown) == "unrelated"
    assert relation(ferry, aboard) == "same"


def test_patients_admitted_are_not_patients_discharged() -> None:
    admitted = side(
        "a",
        "patients admitted to the burns unit",
        "The burns unit admitted 96 patients after the refinery blast.",
        value=96,
        unit="patients",
    )
    discharged = side(
        "b",
        "patients discharged from the burns unit",
        "By Friday 96 patients had been discharged from the burns unit.",
        value=96,
        unit="patients",
    )
    hospitalised = side(
        "c",
        "patients hospitalised in the burns unit",
        "In all 96 patients were hospitalised in the burns unit after the blast.",
        value=96,
        unit="patients",
    )
    assert relation(admitted, discharged) == "unrelated"
    assert relation(admitted, hospitalised) == "same"


def test_aid_pledged_is_not_aid_paid_out_and_a_word_of_two_stages_splits_neither() -> None:
    pledged = side(
        "a",
        "aid pledged to the drought-hit provinces",
        "Donors pledged $52 million in aid to the drought-hit provinces.",
        value=5.2e7,
        **USD,
    )
    disbursed = side(
        "b",
        "aid disbursed to the drought-hit provinces",
        "Only $52 million in aid has been disbursed to the drought-hit provinces.",
        value=5.2e7,
        **USD,
    )
    approved = side(
        "c",
        "aid approved for the drought-hit provinces",
        "The donors' board approved $52 million in aid for the drought-hit provinces.",
        value=5.2e7,
        **USD,
    )
    assert relation(pledged, disbursed) == "unrelated"
    # near miss: aid approved is aid set aside, as pledged aid is
    assert relation(pledged, approved) == "same"


def test_core_inflation_is_underlying_inflation_not_the_headline_rate() -> None:
    core = side(
        "a",
        "core inflation in the eurozone",
        "Core inflation in the eurozone held at 2.6% in May.",
        value=2.6,
        **PCT,
    )
    underlying = side(
        "b",
        "underlying inflation in the eurozone",
        "Underlying inflation in the eurozone was 2.6% in May.",
        value=2.6,
        **PCT,
    )
    headline = side(
        "c",
        "headline inflation in the eurozone",
        "Headline inflation in the eurozone eased to 2.6% in May.",
        value=2.6,
        **PCT,
    )
    assert relation(core, underlying) == "same"
    assert relation(underlying, headline) == "unrelated"


def test_seats_a_party_won_are_not_the_seats_it_lost() -> None:
    won = side(
        "a",
        "council seats the Harbour Party won",
        "The Harbour Party won 31 council seats in the local elections.",
        value=31,
        unit="seats",
    )
    lost = side(
        "b",
        "council seats the Harbour Party lost",
        "The Harbour Party lost 31 council seats in the local elections.",
        value=31,
        unit="seats",
    )
    took = side(
        "c",
        "council seats taken by the Harbour Party",
        "In the local elections 31 council seats were taken by the Harbour Party.",
        value=31,
        unit="seats",
    )
    assert relation(won, lost) == "unrelated"
    # near miss: seats taken are seats won
    assert relation(won, took) == "same"


def test_a_hospital_beside_both_figures_does_not_join_admitted_and_discharged() -> None:
    # "hospitalized" shares the hospital's stem: were it a word of the admitted stage, the
    # hospitals in the second subject would name both stages and join them
    admitted = side(
        "a",
        "patients admitted with smoke injuries",
        "The city hospital admitted 58 patients with smoke injuries.",
        value=58,
        unit="patients",
    )
    discharged = side(
        "b",
        "patients with smoke injuries discharged from hospitals",
        "Hospitals have discharged 58 patients with smoke injuries.",
        value=58,
        unit="patients",
    )
    treated = side(
        "c",
        "patients with smoke injuries admitted to hospitals",
        "Hospitals admitted 58 patients with smoke injuries, health officials said.",
        value=58,
        unit="patients",
    )
    assert relation(admitted, discharged) == "unrelated"
    assert relation(admitted, treated) == "same"
