"""The twelve classes of figures that unseen news broke (issue 11), each in sentences of our own."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from claims.extraction import ExtractedQuantity, extract


def find(text: str, fragment: str) -> ExtractedQuantity:
    found = [q for q in extract(text) if fragment in q.text]
    assert found, f"no figure with {fragment!r} in {[q.text for q in extract(text)]}"
    return found[0]


# 1. currencies as wires and text cleaners write them ------------------------------------------


@pytest.mark.parametrize(
    ("text", "fragment", "value", "iso", "name"),
    [
        ("The insurer set aside GBP85m for claims.", "GBP85m", D(85_000_000), "GBP", "pound"),
        ("The fund invested USD4.6bn last year.", "USD4.6bn", D(4_600_000_000), "USD", "dollar"),
        ("A flat there costs CAD640,000 now.", "CAD640,000", D(640_000), "CAD", "dollar"),
        ("Tokyo approved JPY13 trillion in stimulus.", "JPY13", D(13 * 10**12), "JPY", "yen"),
        ("A hawker meal costs RM12 in Penang.", "RM12", D(12), "MYR", "ringgit"),
        ("Taxi fares in Soweto start at R40.", "R40", D(40), "ZAR", "rand"),
        ("The miner booked $US7.8m in fees.", "$US7.8m", D(7_800_000), "USD", "dollar"),
        ("The stadium cost $A2.3m to repair.", "$A2.3m", D(2_300_000), "AUD", "dollar"),
        ("The tower sold for HK $610 million.", "HK $610", D(610_000_000), "HKD", "dollar"),
        ("The startup raised S $4.5mil in seed money.", "S $4.5mil", D(4_500_000), "SGD", "dollar"),
        ("The club paid NZ$1.2 million for the land.", "NZ$1.2", D(1_200_000), "NZD", "dollar"),
        ("The council lost PS27m on the deal.", "PS27m", D(27_000_000), "GBP", "pound"),
        ("Exports to Korea reached Y=850 billion.", "Y=850", D(850 * 10**9), "JPY", "yen"),
        ("A coffee in Zadar costs 14 kn.", "14 kn", D(14), "HRK", "kuna"),
        ("Shares slipped to 187p at the close.", "187p", D(187), "GBP", "penny"),
        ("A kilo of chillies rose to 90 sen.", "90 sen", D(90), "MYR", "sen"),
        (
            "The line will cost 9 billion Canadian dollars.",
            "Canadian",
            D(9 * 10**9),
            "CAD",
            "dollar",
        ),
        ("Ikea invested 2 billion Swedish kronor there.", "kronor", D(2 * 10**9), "SEK", "krona"),
        (
            "The port earned 300 million Singapore dollars.",
            "Singapore",
            D(3 * 10**8),
            "SGD",
            "dollar",
        ),
    ],
)
def test_currencies_are_read_from_codes_symbols_and_names(
    text: str, fragment: str, value: D, iso: str, name: str
) -> None:
    q = find(text, fragment)
    assert (q.low, q.currency, q.unit_name) == (value, iso, name)


def test_a_games_console_is_not_a_mangled_pound_sign() -> None:
    assert [q.currency for q in extract("The PS5 went on sale at PS450.")] == ["GBP"]


def test_a_bare_dollar_follows_the_dollar_the_text_names() -> None:
    text = "The Sydney council spent A$3 million on roads. The bridge alone cost $1.2 million."
    assert [q.currency for q in extract(text)] == ["AUD", "AUD"]
    assert extract("The bridge alone cost $1.2 million.")[0].currency == "USD"


# 2. ranges ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "low", "high", "unit"),
    [
        ("Flats sell for $380,000 to $1.9 million.", D(380_000), D(1_900_000), "dollar"),
        ("The speakers cover between 40Hz and 60Hz.", D(40), D(60), "hertz"),
        ("The eggs are 6.5 to 7.0 cm long.", D("6.5"), D(7), "centimetre"),
        ("Losses could reach 11-13 billion pounds.", D(11 * 10**9), D(13 * 10**9), "pound"),
        ("Seats cost $4/$6 at the door.", D(4), D(6), "dollar"),
        ("Some eight to nine thousand fans came.", D(8000), D(9000), "fan"),
    ],
)
def test_ranges_keep_both_ends_and_share_a_scale_written_once(
    text: str, low: D, high: D, unit: str
) -> None:
    q = extract(text)[0]
    assert (q.low, q.high, q.value, q.unit_name) == (low, high, None, unit)


def test_a_number_word_before_a_scaled_number_is_scaled_too() -> None:
    q = extract("Six to seven thousand people queued.")[0]
    assert (q.low, q.high) == (D(6000), D(7000))


# 3. changes from A to B --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "from_value", "trend", "unit"),
    [
        ("Copper slid from $9,400 to $9,150 a tonne.", D(9150), D(9400), "down", "dollar"),
        ("Stocks shrank to 38,200 barrels from 44,100.", D(38200), D(44100), "down", "barrel"),
        ("Her weight went on falling from 150 pounds to 139.", D(139), D(150), "down", "pound"),
        (
            "Growth should ease from 2.6 percent to 2.2 percent.",
            D("2.2"),
            D("2.6"),
            "down",
            "percent",
        ),
        ("The fare is $4.10, up from $3.80 last year.", D("4.1"), D("3.8"), "up", "dollar"),
    ],
)
def test_a_move_from_one_level_to_another_is_one_figure(
    text: str, value: D, from_value: D, trend: str, unit: str
) -> None:
    found = extract(text)
    assert len(found) == 1, [q.text for q in found]
    q = found[0]
    assert (q.value, q.from_value, q.change, q.trend, q.unit_name) == (
        value,
        from_value,
        "to",
        trend,
        unit,
    )


def test_a_change_by_and_the_level_it_reaches_are_two_figures() -> None:
    by, to = extract("Diesel fell by 12 cents to $1.79 a litre.")
    assert (by.value, by.change, by.trend) == (D(12), "by", "down")
    assert (to.value, to.change, to.trend) == (D("1.79"), "to", "down")


def test_the_baseline_time_is_not_the_figures_time() -> None:
    q = extract("The median wage is US$52,000, down from US$55,000 last year.")[0]
    assert (q.from_value, q.as_of) == (D(55000), None)


def test_more_and_higher_make_a_change_by() -> None:
    q = find("Borrowing will be £14bn higher than planned.", "£14bn")
    assert (q.change, q.trend) == ("by", "up")


# 4. fractions, shares, multiples --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "fragment", "value", "unit"),
    [
        ("A quarter of nurses plan to leave.", "quarter", D(25), "percent"),
        ("Three-fifths of members voted yes.", "Three-fifths", D(60), "percent"),
        ("Half the shops were shut.", "Half", D(50), "percent"),
        ("One in seven homes lacks heating.", "One in seven", D("14.29"), "percent"),
        ("Two out of five pupils walk to school.", "Two out of five", D(40), "percent"),
        ("Stir in 3/4 cup of sugar.", "3/4", D("0.75"), "cup"),
        ("The finish line is 1⁄8 of a mile away.", "1⁄8", D("0.125"), "mile"),
        ("Profits rose fourfold.", "fourfold", D(4), "times"),
        ("There were five times as many cases.", "five times", D(5), "times"),
    ],
)
def test_shares_fractions_and_multiples(text: str, fragment: str, value: D, unit: str) -> None:
    q = find(text, fragment)
    assert (q.value, q.unit_name) == (value, unit)


def test_the_first_half_is_a_time_not_a_share() -> None:
    assert [q.text for q in extract("Sales in the first half rose 4%.")] == ["4%"]


# 5. compact and scientific notation -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "fragment", "value", "unit"),
    [
        ("The app has 14m subscribers.", "14m", D(14_000_000), "subscriber"),
        ("The lens is 0.6mm thick.", "0.6mm", D("0.6"), "millimetre"),
        ("The 1.5L engine is new.", "1.5L", D("1.5"), "litre"),
    ],
)
def test_compact_figures(text: str, fragment: str, value: D, unit: str) -> None:
    q = find(text, fragment)
    assert (q.value, q.unit_name) == (value, unit)


# 6. negative figures --------------------------------------------------------------------------


def test_minus_written_out_is_negative() -> None:
    q = extract("Lows hit minus-35 degrees Celsius overnight.")[0]
    assert (q.value, q.unit_name) == (D(-35), "degree Celsius")


def test_a_signed_index_move_in_a_list_is_negative() -> None:
    values = [q.value for q in extract("Madrid fell -1.8%, Milan -0.9% and Paris rose 0.4%.")]
    assert values[:2] == [D("-1.8"), D("-0.9")]


# 7. units from pint's registry -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "fragment", "name"),
    [
        ("The chip runs at 3.4GHz.", "3.4GHz", "gigahertz"),
        ("The capacitor is rated 470 µF.", "470", "microfarad"),
        ("The cable carries 400 kV.", "400 kV", "kilovolt"),
        ("The steel is rated at 550 MPa.", "550 MPa", "megapascal"),
        ("Workers got 20 millisieverts.", "20 millisieverts", "millisievert"),
        ("The ferry sails at 22 knots.", "22 knots", "knot"),
        ("The turbine spins at 1,500 rpm.", "1,500 rpm", "rpm"),
        ("The car returns 52 mpg.", "52 mpg", "mile per gallon"),
        ("The engine makes 310 bhp.", "310 bhp", "horsepower"),
        ("It delivers 400 lb-ft of torque.", "400 lb-ft", "pound-foot"),
        ("It delivers 540 newton-metres.", "540 newton-metres", "newton-metre"),
    ],
)
def test_units_beyond_our_own_lexicon(text: str, fragment: str, name: str) -> None:
    assert find(text, fragment).unit_name == name


def test_pounds_of_money_are_not_pounds_of_mass() -> None:
    q = find("The bill reached 3 billion pounds.", "pounds")
    assert (q.currency, q.unit_name) == ("GBP", "pound")


def test_a_turn_is_in_degrees_of_angle_and_weather_in_celsius() -> None:
    assert find("The driver made a sharp 90 degrees turn.", "90").unit_name == "degree"
    assert find("Temperatures climbed to 41 degrees.", "41").unit_name == "degree Celsius"


def test_points_on_an_index_are_index_points() -> None:
    assert find("The FTSE 100 fell 61 points.", "61").unit_name == "index point"
    assert find("She scored 31 points.", "31").unit_name == "point"


def test_a_basis_point_is_read() -> None:
    assert find("The bank cut by 25 basis points.", "25").unit_name == "basis point"


# 8. ages -----------------------------------------------------------------------------------


def test_an_apposition_age_is_the_age_of_the_person() -> None:
    q = find("Ana Ruiz, 44, said the rent had doubled.", "44")
    assert (q.dimension, q.subject) == ("age", "age of Ana Ruiz")


def test_a_hyphenated_age_is_the_age_of_the_noun() -> None:
    q = find("A 71-year-old cyclist was hurt.", "71")
    assert (q.dimension, q.unit_name, q.subject) == ("age", "year", "age of the cyclist")


# 9. counts that are figures --------------------------------------------------------------------


def test_counted_nouns_keep_their_modifiers_in_the_subject() -> None:
    q = find("Surgeons carried out 412 liver transplants.", "412")
    assert (q.unit_name, q.subject) == ("transplant", "liver transplants carried out by Surgeons")


def test_a_bare_count_is_named_by_its_subject() -> None:
    q = find("The number of people on the waiting list fell to 7,400.", "7,400")
    assert q.unit_name == "person"


# 10. subjects ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "fragment", "subject"),
    [
        ("Retail sales in Wales rose 1.2% in May.", "1.2", "Retail sales in Wales"),
        ("Insurers raised war-risk premiums to 1% of hull value.", "1%", "war-risk premiums"),
        ("The phone weighs 187g.", "187g", "phone"),
        ("The lander carries a 40-kilogram drill.", "40", "drill"),
        ("He was given a fine of $9,000.", "9,000", "fine"),
    ],
)
def test_every_figure_gets_a_subject_from_its_clause(
    text: str, fragment: str, subject: str
) -> None:
    assert find(text, fragment).subject == subject


# 11. attribution -----------------------------------------------------------------------------


def test_x_told_an_outlet_is_x_via_the_outlet() -> None:
    q = find("The plant will hire 900 staff, its owner told Bloomberg.", "900")
    assert (q.speaker, q.via) == ("its owner", "Bloomberg")


def test_a_note_by_a_broker_credits_the_broker() -> None:
    q = find("Margins will reach 12%, according to a note by broker Peel Hunt.", "12%")
    assert q.speaker == "broker Peel Hunt" or q.speaker == "Peel Hunt"


def test_a_rival_estimate_is_credited_to_its_own_source() -> None:
    text = (
        "The ministry expects a harvest of 42 million tonnes, "
        "while consultancy GrainWatch put the harvest at 38 to 40 million tonnes."
    )
    assert find(text, "38").speaker == "GrainWatch"
    assert find(text, "42").speaker == "ministry"


def test_the_ministry_is_the_ministry_named_earlier() -> None:
    text = "The Transport Ministry met unions on Friday. The ministry said 140 trains were cut."
    assert find(text, "140").speaker == "The Transport Ministry"


def test_titles_are_not_part_of_the_name() -> None:
    q = find("Rail traffic fell 8%, Transport Minister Ida Berg said.", "8%")
    assert q.speaker == "Ida Berg"


def test_a_body_that_decides_a_figure_asserts_it() -> None:
    assert find("The Bank of Norway held its rate at 4.5%.", "4.5").speaker == "The Bank of Norway"
    assert find("Norway's economy grew 0.4%.", "0.4").speaker is None


# 12. time ------------------------------------------------------------------------------------


def test_since_is_a_start_not_an_as_of() -> None:
    assert find("Prices have risen 30% since 2021.", "30%").as_of is None


def test_the_time_of_the_figure_is_kept() -> None:
    assert find("Exports rose 6% in March.", "6%").as_of == "March"


# more of the same classes, met on the dev corpus -----------------------------------------------


def test_scientific_notation_with_a_lost_superscript() -> None:
    q = find("Each ion carries 3.2×10−19 C of charge.", "3.2")
    assert (q.value, q.unit_name) == (D("3.2e-19"), "coulomb")
    assert find("The sample held 6.0×10^23 molecules.", "6.0").value == D("6.0e23")


def test_compound_durations_and_heights_are_one_figure() -> None:
    assert find("She ran it in 3 minutes 45 seconds.", "3 minutes").value == D(225)
    q = find("The centre is 6ft 9in tall.", "6ft")
    assert (q.value, q.unit_name) == (D(81), "inch")


def test_a_phone_number_with_spaces_is_not_a_figure() -> None:
    assert extract("Ring 0800 555 0199 for help.") == []


def test_rivals_named_after_and_give_their_own_figures() -> None:
    text = "The ministry forecasts growth of 1.9%, but the IMF expects 1.2% and the OECD 1.1%."
    assert find(text, "1.2%").speaker == "IMF"
    assert find(text, "1.1%").speaker == "the OECD"


def test_the_company_is_the_company_the_report_opened_with() -> None:
    text = "Volvo Cars cut its outlook on Tuesday. The company said sales fell 8% in May."
    assert find(text, "8%").speaker == "Volvo Cars"


def test_someone_who_told_an_outlet_keeps_the_whole_description() -> None:
    q = find("A person close to the deal told Reuters that it was worth $2 billion.", "$2")
    assert (q.speaker, q.via) == ("A person close to the deal", "Reuters")


@pytest.mark.parametrize(
    ("text", "as_of"),
    [
        ("The miner shipped 12 million tonnes in the quarter.", "the quarter"),
        ("Recorded crime fell 4% in 2022-23.", "2022-23"),
        ("The quota is 8 million tonnes for March to May.", "March to May"),
        ("Gold is up 15% since January.", None),
    ],
)
def test_periods_are_times_and_starts_are_not(text: str, as_of: str | None) -> None:
    assert extract(text)[0].as_of == as_of


def test_a_level_after_a_change_is_about_the_same_thing() -> None:
    q = find("Wheat futures in Chicago fell 12 cents to $5.61 a bushel.", "$5.61")
    assert q.subject == "Wheat futures in Chicago"


# 9-10. subjects: what is counted, priced, measured or changed (more, in our own sentences) -----


@pytest.mark.parametrize(
    ("text", "fragment", "subject"),
    [
        (
            "Coffee exports from Uganda are forecast to climb 9% to 6.8 million bags.",
            "6.8 million",
            "Coffee exports from Uganda",
        ),
        (
            "The cattle herd in Ireland shrank by 3% to 6.5 million animals.",
            "6.5 million",
            "cattle herd in Ireland",
        ),
        (
            "The province's emissions dropped 4% to 182 million tonnes of CO2 equivalent.",
            "182",
            "province's emissions",
        ),
    ],
)
def test_a_level_a_trend_reaches_is_about_what_moves_not_its_unit(
    text: str, fragment: str, subject: str
) -> None:
    assert find(text, fragment).subject == subject


@pytest.mark.parametrize(
    ("text", "fragment", "subject"),
    [
        (
            "Organisers counted 40,000 marchers, but police put the figure at 12,000.",
            "12,000",
            "marchers counted by Organisers",
        ),
        (
            "The probe found 19 new craters, bringing its total to 212.",
            "212",
            "new craters found by probe",
        ),
        (
            "Lending to small firms rose to £61bn, about 2.5 times the 2019 level.",
            "2.5",
            "Lending to small firms",
        ),
    ],
)
def test_a_placeholder_takes_what_the_figure_before_was_about(
    text: str, fragment: str, subject: str
) -> None:
    assert find(text, fragment).subject == subject


@pytest.mark.parametrize(
    ("text", "fragment", "subject"),
    [
        (
            "The ruling party won 183 seats in the election.",
            "183",
            "seats won by ruling party in the election",
        ),
        (
            "About 60 people were detained after the match, police said.",
            "60",
            "people detained after the match",
        ),
        (
            "Some 900 migrants crossed the Aegean in small boats last week.",
            "900",
            "migrants crossed the Aegean in small boats",
        ),
    ],
)
def test_counted_things_keep_what_was_done_to_them_and_by_whom(
    text: str, fragment: str, subject: str
) -> None:
    assert find(text, fragment).subject == subject


@pytest.mark.parametrize(
    ("text", "fragment", "subject"),
    [
        (
            "It placed adverts on buses and billboards that are aimed at the nearly 80,000"
            " commuters who cross the bridge.",
            "80,000",
            "commuters",
        ),
        (
            "The campaign ran adverts on local radio aimed at the 4,000 farmers in the valley.",
            "4,000",
            "farmers in the valley",
        ),
    ],
)
def test_a_figure_after_a_preposition_is_not_what_the_verb_acts_on(
    text: str, fragment: str, subject: str
) -> None:
    assert find(text, fragment).subject == subject


def test_things_that_act_on_an_amount_are_not_described_by_it() -> None:
    q = find("About 30 clubs spent a combined £900m on players.", "30")
    assert q.subject == "clubs"


@pytest.mark.parametrize(
    ("text", "fragment", "subject"),
    [
        (
            "The ministry will pay £1.1 billion to repair 400 flood defences.",
            "£1.1",
            "ministry pay to repair 400 flood defences",
        ),
        (
            "The county will spend an extra £40m on school buses.",
            "£40m",
            "county spend extra on school buses",
        ),
        ("Celtic paid £9m for the Danish striker.", "£9m", "Celtic paid for the Danish striker"),
    ],
)
def test_an_amount_acted_on_is_named_by_what_it_is_for(
    text: str, fragment: str, subject: str
) -> None:
    assert find(text, fragment).subject == subject


def test_a_modal_before_the_verb_is_not_the_verb() -> None:
    q = find("The water company will raise bills by 21% from April.", "21%")
    assert q.subject == "water company bills"  # whose bills: the sentence opens with its owner


def test_a_rivals_bare_figure_is_about_and_in_the_unit_of_the_figure_it_rivals() -> None:
    text = (
        "Gas output in Algeria fell to 92 billion cubic metres, the ministry said, "
        "while traders put it at 88 billion."
    )
    q = find(text, "88 billion")
    assert q.speaker == "traders"
    assert q.subject == "Gas output in Algeria"
    assert q.unit_name == find(text, "92 billion").unit_name


def test_the_sum_a_thing_changes_hands_for_is_its_price() -> None:
    q = find("The council sold the 12-storey office block for £48m.", "£48m")
    assert q.subject == "price of office block"


def test_a_level_reached_is_not_done_by_anyone() -> None:
    q = find("Tourist arrivals in Greece will reach 36 million visitors.", "36 million")
    assert "reached" not in (q.subject or "")


@pytest.mark.parametrize(
    ("text", "low", "high", "name"),
    [
        ("The scanner covers 25MHz–6GHz.", D(25), D(6000), "megahertz"),
        ("The receiver tunes from 150kHz to 30MHz.", D(150), D(30000), "kilohertz"),
        ("Models ship with 256GB-1TB of storage.", D(256), D(1000), "gigabyte"),
    ],
)
def test_a_range_with_a_prefix_on_each_end_is_one_range_in_the_first_unit(
    text: str, low: D, high: D, name: str
) -> None:
    (q,) = extract(text)
    assert (q.low, q.high, q.unit_name) == (low, high, name)


# place: where a figure is, when the sentence names it ------------------------------------------


@pytest.mark.parametrize(
    ("text", "fragment", "place"),
    [
        ("The lake rose to 3.1 metres in Geneva overnight.", "3.1", "Geneva"),
        ("Poland's jobless rate fell to 4.9% in June.", "4.9%", "Poland"),
        ("Rice prices in the Philippines climbed 9% this year.", "9%", "Philippines"),
        ("Vehicle sales in South Africa rose 4.2% in August.", "4.2%", "South Africa"),
    ],
)
def test_the_place_named_with_a_figure_is_kept(text: str, fragment: str, place: str) -> None:
    assert find(text, fragment).place == place


@pytest.mark.parametrize(
    "text",
    [
        "The Bank of England held its rate at 4.75%.",
        "Exports rose 6% in March.",
        "The minister told Parliament that 300 posts would go.",
    ],
)
def test_bodies_and_months_are_not_places(text: str) -> None:
    assert all(q.place is None for q in extract(text))


@pytest.mark.parametrize(
    ("text", "fragment", "as_of"),
    [
        ("Car registrations fell to 98,000 in July from 104,000 a year earlier.", "98,000", "July"),
        ("The yard expects output of 41 ships this year, down from 47 in 2023.", "41", "this year"),
        ("Wool prices rose to $9.80 a kilo this week from $9.10 last week.", "$9.80", "this week"),
    ],
)
def test_the_time_between_a_level_and_its_baseline_dates_the_level(
    text: str, fragment: str, as_of: str
) -> None:
    q = find(text, fragment)
    assert q.as_of == as_of
    assert q.from_value is not None


def test_its_stands_for_the_body_that_opens_the_sentence() -> None:
    text = "Unilever raised its margin target, and its workforce fell by 3,100 to 127,000."
    assert find(text, "127,000").subject == "Unilever workforce"
    text = "The Bank of Korea held its base rate at 3.5%."
    assert find(text, "3.5%").subject == "Bank of Korea base rate"
