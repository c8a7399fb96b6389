"""Subjects named by what the clause does to the figure (issue 11, class 10), in sentences of
our own: an amount fined, raised or lost is the fine, the money raised or the losses, not who
acts; a size given by an adjective after it is that size of the noun before it; a hyphened
duration before a noun is the length of the thing; a span of years after a record is the time
since the figure before was last that high or low."""

from __future__ import annotations

import pytest

from . import find


@pytest.mark.parametrize(
    ("text", "fragment", "subject"),
    [
        ("Magistrate Tom Reyes fined the landlord £6,500.", "£6,500", "fine on the landlord"),
        ("The watchdog fined Nordbank 12 million euros.", "12 million euros", "fine on Nordbank"),
        ("The ferry operator was fined $800,000.", "$800,000", "fine on ferry operator"),
        ("Two clubs were fined £50,000 after the brawl.", "£50,000", "fine on Two clubs"),
    ],
)
def test_a_fine_is_the_fine_on_who_pays_it_never_the_judge(
    text: str, fragment: str, subject: str
) -> None:
    assert find(text, fragment).subject == subject


@pytest.mark.parametrize(
    ("text", "fragment", "subject"),
    [
        ("The biotech firm raised $45 million.", "$45 million", "money raised by biotech firm"),
        ("The province will borrow C$3 billion.", "C$3 billion", "borrowing by province"),
        ("The pension fund has lost $900 million.", "$900 million", "losses of pension fund"),
        ("The clerk stole about £70,000.", "£70,000", "money stolen by clerk"),
    ],
)
def test_an_amount_acted_on_is_named_by_the_act(text: str, fragment: str, subject: str) -> None:
    assert find(text, fragment).subject == subject


def test_who_holds_the_money_is_not_the_subject_when_nothing_acts_on_it() -> None:
    # a state verb: the amount is the subject's own, read as before
    assert find("The charity's reserves stood at £4 million.", "£4 million").subject == (
        "charity's reserves"
    )


@pytest.mark.parametrize(
    ("text", "fragment", "subject"),
    [
        ("Miners dug a shaft 900 metres deep.", "900 metres", "depth of shaft"),
        ("The lighthouse is 49 metres tall.", "49 metres", "height of lighthouse"),
        ("The canal, 77 km long, opened in 1914.", "77 km", "length of canal"),
        (
            "The pier's 14 pylons, each 30 metres high, were replaced.",
            "30 metres",
            "height of each pylon",
        ),
        ("Divers found a crater 40 metres across.", "40 metres", "diameter of crater"),
    ],
)
def test_a_size_adjective_after_a_measure_names_the_size(
    text: str, fragment: str, subject: str
) -> None:
    assert find(text, fragment).subject == subject


def test_a_figure_after_a_size_is_about_the_thing_not_its_size() -> None:
    text = "The tunnel is 57 km long and cost about $12 billion."
    assert find(text, "57 km").subject == "length of tunnel"
    assert "length" not in find(text, "$12 billion").subject


@pytest.mark.parametrize(
    ("text", "fragment", "subject"),
    [
        ("The striker signed a three-year deal with the club.", "three-year", "length of the deal"),
        ("The council agreed a 25-year lease with the operator.", "25-year", "length of the lease"),
    ],
)
def test_a_hyphened_duration_is_the_length_of_its_noun(
    text: str, fragment: str, subject: str
) -> None:
    assert find(text, fragment).subject == subject


def test_a_hyphened_duration_before_a_bond_is_not_a_length() -> None:
    subject = find("Italy's 10-year bond yield rose to 3.9%.", "10-year").subject
    assert not subject.startswith("length")


@pytest.mark.parametrize(
    ("text", "fragment", "subject"),
    [
        (
            "Youth unemployment fell to 11.2%, the lowest in 16 years.",
            "16 years",
            "period since Youth unemployment was this low",
        ),
        (
            "House sales dropped 9% in June, their weakest in nearly a decade.",
            "nearly a decade",
            "period since House sales were this weak",
        ),
    ],
)
def test_years_after_a_record_are_the_time_since_it_was_so_high_or_low(
    text: str, fragment: str, subject: str
) -> None:
    assert find(text, fragment).subject == subject


@pytest.mark.parametrize(
    ("text", "fragment", "subject"),
    [
        ("Car sales slumped in March. They fell 14% to 81,000.", "14%", "Car sales"),
        ("The port's cargo volume grew. It reached 9.6 million tonnes.", "9.6 million", "cargo"),
        ("Wheat output recovered last year. That was up 6% on 2022.", "6%", "Wheat output"),
    ],
)
def test_a_pronoun_opening_a_sentence_stands_for_what_the_sentence_before_is_about(
    text: str, fragment: str, subject: str
) -> None:
    assert subject in find(text, fragment).subject


def test_a_pronoun_takes_the_subject_of_the_figure_in_the_sentence_before() -> None:
    text = "Rice exports rose 8% to 2.1 million tonnes. They were worth about $1.4 billion."
    assert "Rice exports" in find(text, "$1.4 billion").subject


def test_the_next_item_of_a_list_shares_the_subject_with_its_own_phrase() -> None:
    text = "The flood destroyed 300 homes in Kerala and 120 in Karnataka."
    assert find(text, "120").subject == "homes destroyed by flood in Karnataka"
    assert find(text, "120").unit_name == "home"


def test_a_counted_noun_in_a_list_keeps_the_verb_of_the_first_item() -> None:
    text = "The airline bought 20 jets, 6 helicopters and 4 simulators."
    assert find(text, "6 helicopters").subject == "helicopters bought by airline"
    assert find(text, "4 simulators").subject == "simulators bought by airline"


def test_a_list_of_levels_shares_the_noun_before_its_phrases() -> None:
    text = "The agency raised its estimates for rice to 41 million tonnes, for maize to 12 million."
    assert find(text, "12 million").subject.endswith("for maize")


def test_an_item_with_a_noun_of_its_own_is_not_the_list_before_it() -> None:
    text = "Exports rose 3% to $40 billion in 2024, short of a goal of $45 billion."
    assert find(text, "$45 billion").subject != find(text, "$40 billion").subject


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("Dr. Lena Park said 9 patients had recovered.", "9 patients"),
        ("Mr. Okafor said revenue rose 6%.", "6%"),
        ("Gov. Ruth Bell said the repairs would cost $80 million.", "$80 million"),
    ],
)
def test_a_title_before_the_speaker_is_never_part_of_the_subject(text: str, fragment: str) -> None:
    subject = find(text, fragment).subject
    assert subject.split()[0].rstrip(".") not in ("Dr", "Mr", "Gov")


def test_a_clause_whose_subject_is_a_month_is_about_what_the_sentence_measures() -> None:
    text = "Factory orders rose 1.1% in May, and April was revised down to 0.4%."
    assert find(text, "0.4%").subject == "Factory orders in April"


@pytest.mark.parametrize(
    "lead",
    [
        "On Thursday, ",
        "According to the port authority, ",
        "Ms. Dana Holt said ",
        "The harbour master told local radio that ",
        "Port statistics showed that ",
    ],
)
def test_what_leads_into_a_sentence_is_never_what_its_figures_are_about(lead: str) -> None:
    text = f"{lead}the container terminal handled 2.1 million boxes and is 18 metres deep."
    assert find(text, "18 metres").subject == "depth of container terminal"


def test_a_quotation_mark_does_not_hide_the_sentence_opening() -> None:
    text = '"The new ferry carries 600 passengers and weighs 9,000 tonnes," said Ivo Marsh.'
    assert "ferry" in find(text, "9,000 tonnes").subject


def test_whose_thing_its_names_is_the_opening_not_the_speaker_before_it() -> None:
    text = "Mr. Ivo Marsh said Nordbank cut costs, and its profit rose 11% to 2 billion crowns."
    assert find(text, "11%").subject == "Nordbank profit"


@pytest.mark.parametrize(
    ("text", "fragment", "subject"),
    [
        ("The rand weakened to 18.9 per dollar.", "18.9", "rand exchange rate against the dollar"),
        ("The krone rose to 11.4 rupees.", "11.4 rupees", "krone exchange rate against the rupee"),
        ("The pound fell to $1.21 on Friday.", "$1.21", "pound exchange rate against the dollar"),
    ],
)
def test_one_currency_priced_in_another_is_its_exchange_rate(
    text: str, fragment: str, subject: str
) -> None:
    assert find(text, fragment).subject == subject


def test_a_bare_number_in_a_joined_verb_phrase_counts_what_the_count_before_counted() -> None:
    text = "The blaze destroyed 140 homes in the valley and damaged 60 near the river."
    found = find(text, "60")
    assert found.subject.startswith("homes damaged")
    assert found.unit_name == "home"


def test_a_bare_number_with_its_own_verb_after_and_counts_the_things_before() -> None:
    text = "Inspectors checked 900 lorries at the border, and 85 were turned back."
    assert find(text, "85").subject.startswith("lorries turned back")


@pytest.mark.parametrize(
    ("text", "fragment", "subject"),
    [
        ("Sonar found a wreck 90 km off the Faroe Islands.", "90 km", "distance of wreck off the"),
        (
            "Astronomers saw a star 4,000 light-years from the Sun.",
            "4,000",
            "distance of star from",
        ),
        (
            "The probe photographed a comet 50 million km away.",
            "50 million km",
            "distance of comet",
        ),
    ],
)
def test_a_length_between_a_noun_and_from_or_off_is_how_far_it_is(
    text: str, fragment: str, subject: str
) -> None:
    assert find(text, fragment).subject.startswith(subject)


def test_a_length_after_a_rate_is_not_a_distance_of_its_time() -> None:
    text = "The canal moves 40 million tonnes a year over 160 km from the coast."
    assert not find(text, "160 km").subject.startswith("distance of year")


def test_a_payment_to_someone_is_the_payment_not_the_payer() -> None:
    text = "The state will pay fishermen 200 euros a day to stay in port."
    assert find(text, "200 euros").subject == "payment to fishermen"


def test_the_object_changed_from_one_level_to_another_is_the_subject() -> None:
    text = "The tribunal cut the penalty from $80 million to $25 million."
    assert find(text, "$25 million").subject.endswith("penalty")


def test_the_number_in_a_name_is_not_a_figure_before_the_level() -> None:
    text = "The bank lifted its forecast for the FTSE 100 to 8,900."
    assert find(text, "8,900").subject == "forecast for the FTSE 100"


def test_it_after_said_is_the_body_that_said_it() -> None:
    text = "The coastguard said it rescued 31 people in the storm."
    assert "31" in find(text, "31").text
    text = "The brigade said it advanced 4 km along the river."
    assert find(text, "4 km").subject == "brigade"


@pytest.mark.parametrize(
    ("text", "fragment", "subject"),
    [
        ("One in four Scottish pupils has asthma.", "One in four", "share of Scottish pupils"),
        ("Three out of ten German firms cut jobs.", "Three out of ten", "share of German firms"),
    ],
)
def test_a_share_of_a_group_named_with_a_capital_is_that_groups_share(
    text: str, fragment: str, subject: str
) -> None:
    assert find(text, fragment).subject == subject


def test_a_fraction_that_acts_alone_is_a_share_of_the_group_before() -> None:
    text = "Of the 600 ferries inspected, about a third failed the test."
    assert find(text, "a third").subject.startswith("share of")


def test_a_noun_ending_like_an_adverb_is_still_a_subject() -> None:
    assert find("The rally lasted about 90 minutes.", "90 minutes").subject == "rally"
    assert find("The assembly has 577 seats.", "577 seats").subject.startswith("assembly")


def test_a_bare_count_that_opens_the_sentence_is_what_happened_to_it() -> None:
    found = find("Hundreds were evacuated from the valley.", "Hundreds")
    assert found.subject == "evacuated from the valley"


def test_a_time_after_an_amount_is_not_what_the_amount_is_for() -> None:
    text = "The insurer, Asia's largest by premiums, earned $2.2 billion in the quarter."
    assert "quarter" not in find(text, "$2.2 billion").subject


def test_what_things_counted_are_worth_together_is_their_value() -> None:
    text = "Thieves took 30 paintings worth a combined $4 million."
    assert find(text, "$4 million").subject.startswith("value of paintings")


def test_an_aside_between_the_subject_and_its_verb_is_skipped() -> None:
    text = "The refinery, which opened in 1971, processed 210,000 barrels a day."
    assert "refinery" in find(text, "210,000 barrels").subject
    text = "About 900 workers, most of them contractors, were laid off in May."
    assert find(text, "About 900 workers").subject.startswith("workers laid off")
    text = "The ferry operator, the island's biggest, will hire 140 crew."
    assert find(text, "140 crew").subject.endswith("by ferry operator")


def test_an_adverb_before_the_verb_is_not_part_of_the_subject() -> None:
    assert find("The scanner also weighs 1.2 kg.", "1.2 kg").subject == "scanner"
    text = "About 60 people also were hurt in the crash."
    assert find(text, "About 60 people").subject.startswith("people hurt")


def test_the_figure_opening_the_next_sentence_is_what_the_sentence_before_counted() -> None:
    text = "The port handled 9,400 ships last year. The total was up 3% on 2022."
    assert find(text, "3%").subject == find(text, "9,400 ships").subject


def test_an_amount_that_opens_a_passive_sentence_is_what_was_done_to_it() -> None:
    found = find("$2 billion was wiped off the insurer's value.", "$2 billion")
    assert found.subject == "wiped off the insurer's value"


def test_a_day_that_saw_things_happen_is_not_who_saw_them() -> None:
    found = find("Friday saw 2,300 trains cancelled.", "2,300 trains")
    assert found.subject == "trains cancelled"


def test_a_figure_with_nothing_else_to_name_it_is_named_by_its_own_words() -> None:
    found = find("She is averaging 19 points a game.", "19")
    assert found.subject == "points a game"


@pytest.mark.parametrize(
    ("text", "fragment", "subject"),
    [
        (
            "The tribunal ordered the landlord to pay £9,000.",
            "£9,000",
            "amount the landlord must pay",
        ),
        (
            "The retired banker was ordered to pay back $3 million.",
            "$3 million",
            "amount the retired banker must pay",
        ),
    ],
)
def test_an_amount_someone_is_ordered_to_pay_is_what_they_must_pay(
    text: str, fragment: str, subject: str
) -> None:
    assert find(text, fragment).subject == subject


def test_a_particle_before_a_qualifier_stays_with_its_verb() -> None:
    text = "The navy has called up about 12,000 reservists."
    assert find(text, "12,000 reservists").subject == "reservists called up by navy"


def test_an_amount_spent_or_cut_is_the_spending_or_the_cut() -> None:
    assert find("The region spent a record €90 million.", "€90").subject == "spending by region"
    text = "The board cut $8 million from the arts budget."
    assert find(text, "$8 million").subject == "cut by board from the arts budget"


def test_the_agent_of_a_passive_stays_with_what_was_counted() -> None:
    text = "About 400 homes were flooded by the river after the storm."
    assert find(text, "400 homes").subject == "homes flooded by the river after the storm"


def test_a_rival_forecast_is_about_what_the_figure_before_was_whoever_reports_it() -> None:
    text = (
        "The ministry expects a maize crop of 14 million tonnes, but the growers' group "
        "puts it at 11 million, officials said."
    )
    found = find(text, "11 million")
    assert found.subject == find(text, "14 million tonnes").subject
    assert found.unit_name == "tonne"


def test_a_modal_after_an_aside_still_leads_to_its_verb() -> None:
    text = "The city, which faces a deficit, will pay $40 million to repair the dam."
    assert find(text, "$40 million").subject == "city pay to repair the dam"


def test_a_relative_clause_after_the_subject_is_an_aside_too() -> None:
    text = "About 700 miners, who had struck for a month, were sacked on Friday."
    assert find(text, "About 700 miners").subject.startswith("miners sacked")
    text = "The watchdog, which was set up in 2012, fined the lender £9m."
    assert find(text, "£9m").subject == "fine on the lender"


def test_an_adverb_before_an_unknown_verb_is_not_part_of_the_subject() -> None:
    assert find("The kettle also boils at 1.7 litres.", "1.7 litres").subject == "kettle"


def test_an_adverb_does_not_hide_who_speaks_from_the_subject() -> None:
    text = "The treasury also projects growth of 1.9% next year."
    assert find(text, "1.9%").subject == "growth"


def test_a_change_named_by_a_verbs_word_is_about_what_follows_it() -> None:
    text = "Sales rose 4%, helped by a 15% rise in online orders."
    assert find(text, "15%").subject == "online orders"
    text = "The index fell, dragged down by a 6% drop in mining shares."
    assert find(text, "6%").subject == "mining shares"


def test_money_raised_after_an_aside_is_still_the_money_raised() -> None:
    text = "The clinic chain, founded in Lyon, raised €60 million."
    assert find(text, "€60 million").subject == "money raised by clinic chain"


def test_whose_opens_the_owned_thing() -> None:
    text = "Boeing, whose shares fell 4%, delivered 30 jets."
    assert find(text, "4%").subject == "Boeing shares"


@pytest.mark.parametrize(
    ("text", "fragment", "subject"),
    [
        (
            "The lake rose to 4.1 metres on Monday, about 30 cm above the 1998 record.",
            "30 cm",
            "lake above the 1998 record",
        ),
        (
            "The dam peaked at 92% full, 7 points short of its limit.",
            "7 points",
            "short of its limit",
        ),
    ],
)
def test_a_margin_after_a_comma_is_measured_against_its_reference(
    text: str, fragment: str, subject: str
) -> None:
    assert find(text, fragment).subject.endswith(subject)


def test_a_change_against_an_earlier_time_is_no_margin() -> None:
    text = "Car sales rose to 180,000 in May, 6% more than a year earlier."
    assert "year" not in find(text, "6%").subject
