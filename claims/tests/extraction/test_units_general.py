"""Values, units, currencies, ranges and changes written the way unseen news writes them: each
test is one construction (not one sentence), in sentences of our own."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from claims.extraction import ExtractedQuantity, extract


def find(text: str, fragment: str) -> ExtractedQuantity:
    found = [q for q in extract(text) if fragment in q.text]
    assert found, f"no figure with {fragment!r} in {[q.text for q in extract(text)]}"
    return found[0]


# currencies ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "fragment", "value"),
    [
        ("The ferry operator lost PS3.4m in the storm.", "PS3.4m", D(3_400_000)),
        ("Student debt in England is about PS1.3tn.", "PS1.3tn", D(1_300_000_000_000)),
        ("The museum's roof will cost PS12.75 million.", "PS12.75", D(12_750_000)),
    ],
)
def test_a_cleaned_pound_sign_with_decimals_is_sterling(text: str, fragment: str, value: D) -> None:
    q = find(text, fragment)
    assert (q.low, q.currency) == (value, "GBP")


def test_a_games_console_is_still_not_money() -> None:
    assert [q.text for q in extract("Sales of the PS4 slowed, and the PS5 sold at PS479.")] == [
        "PS479"
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The bakery chain's shares closed at 96p.",
        "Its shares sank 14% to 233.5p.",
    ],
)
def test_pence_at_the_end_of_a_sentence_are_money_not_a_time(text: str) -> None:
    q = [q for q in extract(text) if q.unit_name == "penny"]
    assert len(q) == 1 and q[0].currency == "GBP"


def test_a_time_of_day_is_still_no_figure() -> None:
    assert extract("Polls close at 9 p.m. on Thursday.") == []


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("Denmark's central bank sold 9 billion kroner of currency.", "DKK"),
        ("Norway's oil fund lost 300 billion crowns in a week.", "NOK"),
        ("The Swedish lender set aside 2.1 billion crowns.", "SEK"),
        ("Czech brewers paid 800 million crowns in excise duty.", "CZK"),
        ("Qatar will lend 40 billion riyals to builders.", "QAR"),
        ("Saudi Arabia's budget assumes 1.2 trillion riyals of revenue.", "SAR"),
        ("Tanzania's central bank printed 500 billion shillings.", "TZS"),
        ("Colombia's deficit reached 90 trillion pesos.", "COP"),
        ("Pakistan raised petrol prices by 12 rupees.", "PKR"),
    ],
)
def test_a_shared_currency_noun_follows_the_country_named(text: str, iso: str) -> None:
    money = [q for q in extract(text) if q.dimension == "currency"]
    assert [q.currency for q in money] == [iso]


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("The exporter earned 70 billion shillings abroad.", "KES"),
        ("Mexican and Chilean banks lent 5 billion pesos.", "MXN"),  # the usual one is named
        ("Britain and Egypt each pledged 50 million pounds.", "GBP"),
        ("A bus ticket costs 40 rupees.", "INR"),
    ],
)
def test_without_another_country_the_usual_reading_stays(text: str, iso: str) -> None:
    assert [q.currency for q in extract(text)] == [iso]


def test_crowns_without_a_country_are_counted_things() -> None:
    q = find("The jeweller restored 12 crowns for the abbey.", "12 crowns")
    assert q.currency is None and q.dimension == "count"


def test_a_code_beats_the_country_named() -> None:
    q = find("Danish shipper Norden paid NOK 40m for the vessel.", "40m")
    assert q.currency == "NOK"


# units from pint's registry --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "fragment", "name", "dimension"),
    [
        (
            "The cryostat holds the chip at 20 millikelvin.",
            "20 millikelvin",
            "millikelvin",
            "temperature",
        ),
        ("Superconductivity sets in below 93 kelvin.", "93 kelvin", "kelvin", "temperature"),
        ("The power bank stores 20,000mAh.", "20,000mAh", "milliampere hour", "other"),
        ("The substation is rated at 40 MVA.", "40 MVA", "megavolt ampere", "power"),
        ("The panel answers in 1ms.", "1ms", "millisecond", "duration"),
        ("Each pulse lasts 25 nanoseconds.", "25 nanoseconds", "nanosecond", "duration"),
    ],
)
def test_pint_units_with_their_prefixes_are_read(
    text: str, fragment: str, name: str, dimension: str
) -> None:
    q = find(text, fragment)
    assert (q.unit_name, q.dimension) == (name, dimension)


@pytest.mark.parametrize(
    ("text", "fragment", "name", "dimension"),
    [
        ("The boxer came in at 15 stone.", "15 stone", "stone", "mass"),
        (
            "The probe flew 1.2 astronomical units from the Sun.",
            "1.2 astronomical",
            "astronomical unit",
            "length",
        ),
        ("Each module stores 280 watt-hours.", "280 watt-hours", "watt hour", "energy"),
        ("The cell holds 3,000 milliampere-hours.", "3,000", "milliampere hour", "other"),
    ],
)
def test_pint_names_with_hyphens_and_named_only_units(
    text: str, fragment: str, name: str, dimension: str
) -> None:
    q = find(text, fragment)
    assert (q.unit_name, q.dimension) == (name, dimension)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The pointer's laser emits under 5mW.", "milliwatt"),
        ("The offshore farm adds 900MW.", "megawatt"),
        ("Each flash carries 2 mJ.", "millijoule"),
        ("The hearing aid cell holds 60mWh.", "milliwatt hour"),
    ],
)
def test_the_case_of_a_symbol_says_its_prefix(text: str, name: str) -> None:
    assert [q.unit_name for q in extract(text)] == [name]


@pytest.mark.parametrize(
    "text",
    [
        "The region's output reached £5bn GVA.",  # gross value added, not gigavolt-amperes
        "Builders completed 4K homes.",  # thousands, not kelvin
    ],
)
def test_prefixes_news_does_not_use_are_not_units(text: str) -> None:
    assert all(q.dimension not in ("power", "temperature") for q in extract(text))


@pytest.mark.parametrize(
    ("text", "fragment", "name"),
    [
        ("Ozone near the plant peaked at 180 ppb.", "180 ppb", "part per billion"),
        ("Seawater holds about 35 parts per thousand of salt, or 3.5%.", "3.5%", "percent"),
        ("Arsenic in the well reached 14 parts per billion.", "14 parts", "part per billion"),
        ("The old tablet's screen has 264 ppi.", "264 ppi", "pixel per inch"),
        ("The sensor streams at 400kbps.", "400kbps", "kilobit per second"),
    ],
)
def test_parts_pixels_and_bit_rates(text: str, fragment: str, name: str) -> None:
    assert find(text, fragment).unit_name == name


@pytest.mark.parametrize(
    ("text", "fragment", "name"),
    [
        ("The drive writes at 7,000MB/s.", "7,000MB/s", "megabyte per second"),
        (
            "The river carried 1,200 cubic metres per second at its peak.",
            "1,200",
            "cubic metre per second",
        ),
    ],
)
def test_what_flows_per_second_has_a_unit_per_second(text: str, fragment: str, name: str) -> None:
    q = find(text, fragment)
    assert (q.unit_name, q.per) == (name, None)


@pytest.mark.parametrize(
    ("text", "fragment", "name"),
    [
        ("The streamer earns $3 per second of airtime.", "$3", "dollar"),
        ("The slow-motion mode shoots 240 frames per second.", "240 frames", "frame"),
    ],
)
def test_money_and_counted_things_per_second_stay_rates(
    text: str, fragment: str, name: str
) -> None:
    q = find(text, fragment)
    assert (q.unit_name, q.per, q.dimension) == (name, "second", "rate")


# changes: from A to B, B from A, by X to B -----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "before"),
    [
        ("Coal's share of the grid will drop to 18% by 2035 from 41% last year.", D(18), D(41)),
        ("Public debt eased to 96.4% of GDP from 99.1%.", D("96.4"), D("99.1")),
        ("The deficit narrowed to 2.8% of national income in 2025 from 3.6%.", D("2.8"), D("3.6")),
        ("The jobless rate edged down to 4.1% in June from about 4.3%.", D("4.1"), D("4.3")),
    ],
)
def test_a_level_then_its_baseline_past_a_time_or_a_share_is_one_change(
    text: str, value: D, before: D
) -> None:
    q = find(text, str(value))
    assert (q.change, q.from_value) == ("to", before)
    assert all(p.low != before for p in extract(text))  # no second figure for the baseline


def test_of_then_a_new_clause_is_not_a_share_before_a_baseline() -> None:
    text = "Exports rose to 12% of output and imports came from 30 countries."
    assert find(text, "12%").from_value is None


@pytest.mark.parametrize(
    ("text", "by", "level"),
    [
        ("Stocks at the depot fell by 2,400 tonnes to 18,100 tonnes.", D(2400), D(18100)),
        ("The reservoir dropped by 3.2 metres to 41.5 metres.", D("3.2"), D("41.5")),
    ],
)
def test_by_a_unit_to_the_same_unit_is_a_change_and_a_level(text: str, by: D, level: D) -> None:
    got = [(q.low, q.high, q.change) for q in extract(text)]
    assert got == [(by, by, "by"), (level, level, "to")]


def test_by_a_range_of_percent_stays_a_range() -> None:
    q = extract("Fares will rise by 5% to 6% next year.")[0]
    assert (q.low, q.high) == (D(5), D(6))


@pytest.mark.parametrize(
    ("text", "trend"),
    [
        ("The index was plunging to 7,120 from 7,480 by midday.", "down"),
        ("Shares were rallying to 512p from 470p.", "up"),
        ("The rouble weakens to 101 per dollar from 92 in the forecast.", "down"),
    ],
)
def test_every_form_of_a_verb_of_change_marks_the_change(text: str, trend: str) -> None:
    q = extract(text)[0]
    assert (q.trend, q.change) == (trend, "to")
    assert q.from_value is not None


# ranges ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("Gusts of 60-to-80 km/h are forecast.", D(60), D(80)),
        ("Four to five hundred families lost power.", D(400), D(500)),
        ("Between two and three hundred fans waited.", D(200), D(300)),
    ],
)
def test_ranges_written_with_hyphens_or_a_shared_hundred(text: str, low: D, high: D) -> None:
    q = extract(text)[0]
    assert (q.low, q.high) == (low, high)


def test_a_nine_to_five_job_is_no_range() -> None:
    assert all(q.low == q.high for q in extract("She left her 9-to-5 job."))


# ages ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "fragment", "low", "high", "qualifier"),
    [
        ("A cyclist in her 60s was hurt on the bridge.", "her 60s", D(60), D(69), "="),
        ("Most buyers were in their 30s.", "their 30s", D(30), D(39), "="),
        ("Flu jabs for over-65s open on Monday.", "over-65s", D(65), D(65), ">"),
        ("Bus travel is free for under-16s.", "under-16s", D(16), D(16), "<"),
        ("Screening is offered to women aged over 50.", "over 50", D(50), D(50), ">"),
        ("One in five adults over 70 is lonely.", "over 70", D(70), D(70), ">"),
        ("Support fell among voters under 25.", "under 25", D(25), D(25), "<"),
        ("The brothers, aged 9, 11 and 13, were rescued.", "11", D(11), D(11), "="),
        ("The brothers, aged 9, 11 and 13, were rescued.", "13", D(13), D(13), "="),
    ],
)
def test_ages_written_as_decades_groups_bounds_and_lists(
    text: str, fragment: str, low: D, high: D, qualifier: str
) -> None:
    q = find(text, fragment)
    assert (q.low, q.high, q.qualifier, q.dimension) == (low, high, qualifier, "age")


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("Camps for children aged 8 to 12 and 40 volunteers opened.", "40 volunteers"),
        ("The club now has members over 2,000.", "2,000"),
        ("House prices fell in the 1990s.", "1990s"),
    ],
)
def test_counts_near_an_age_are_not_ages(text: str, fragment: str) -> None:
    assert all(q.dimension != "age" for q in extract(text) if fragment in q.text)


# multiples -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "fragment", "value"),
    [
        ("Turnout hit 71%, double the figure four years ago.", "double", D(2)),
        ("The new reactor runs twice as long between refuels.", "twice", D(2)),
        ("Her salary is more than twice the council average.", "more than twice", D(2)),
        ("Wind now supplies nearly three times more power than coal.", "three times", D(3)),
    ],
)
def test_a_multiple_that_compares_is_no_change(text: str, fragment: str, value: D) -> None:
    q = find(text, fragment)
    assert (q.low, q.unit_name, q.trend, q.change) == (value, "times", None, None)


@pytest.mark.parametrize(
    ("text", "fragment", "trend"),
    [
        ("Ticket prices doubled.", "doubled", "up"),  # no digit and no number word
        ("The watchdog said fines would triple.", "triple", "up"),
        ("Leakage fell by a factor of 20 after the repairs.", "a factor of 20", "down"),
    ],
)
def test_a_multiple_that_moves_a_figure_is_a_change_by(
    text: str, fragment: str, trend: str
) -> None:
    q = find(text, fragment)
    assert (q.unit_name, q.trend, q.change) == ("times", trend, "by")


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("The lens has 5x optical and 30x hybrid zoom.", [D(5), D(30)]),
        ("They rented a 4x4 for the trip.", []),
        ("The striker scored twice in the derby.", []),
    ],
)
def test_an_x_glued_to_a_number_is_a_multiple(text: str, values: list[D]) -> None:
    assert [q.low for q in extract(text) if q.unit_name == "times"] == values


# time: as_of ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "fragment", "as_of"),
    [
        ("Burglaries fell 4% in the year to September.", "4%", "the year to September"),
        ("Wages grew 5.2% in the year to the end of May.", "5.2%", "the year to the end of May"),
        (
            "Jet fuel use averaged 1.7 million barrels a day over the past six weeks.",
            "1.7",
            "the past six weeks",
        ),
        ("Unemployment should peak at 6.1% late next year.", "6.1%", "late next year"),
        ("Drones struck 14 substations overnight.", "14", "overnight"),
        ("Solar should supply 30% of power, the target for 2035.", "30%", "2035"),
        ("Italy bought 40% of its gas from Algeria last year, up from 31%.", "40%", "last year"),
    ],
)
def test_the_period_a_figure_refers_to(text: str, fragment: str, as_of: str) -> None:
    assert find(text, fragment).as_of == as_of


@pytest.mark.parametrize(
    ("text", "as_of"),
    [
        ("Exports rose 6% in the first eight months.", "the first eight months"),
        (
            "The chain sold 12,000 sofas in the first 11 months of the year.",
            "the first 11 months of the year",
        ),
        ("Revenue grew 9% in fiscal 2025.", "fiscal 2025"),
        ("Card spending fell 1.4% in the week ended Sunday.", "the week ended Sunday"),
        ("Profit was £2.1bn in the year ended March 31.", "the year ended March 31"),
        ("Reserves stood at $61bn at the end of 2024.", "the end of 2024"),
        ("Output grew 0.4% in April-June.", "April-June"),
        ("The index is up 14% year to date.", "year to date"),
    ],
)
def test_periods_as_wires_write_them(text: str, as_of: str) -> None:
    assert extract(text)[0].as_of == as_of


def test_the_past_weeks_of_a_period_are_not_a_duration_figure() -> None:
    text = "Sales averaged 300 cars a day over the past three weeks."
    assert [q.text for q in extract(text)] == ["300 cars a day"]


def test_the_next_years_of_a_plan_stay_a_duration() -> None:
    text = "The city will plant 5,000 trees over the next 10 years."
    assert "10 years" in [q.text for q in extract(text)]


@pytest.mark.parametrize(
    "text",
    [
        "Prices have risen 40% since 2022.",
        "Rents are up 9% since January.",
    ],
)
def test_a_start_is_not_the_period_of_the_figure(text: str) -> None:
    assert extract(text)[0].as_of is None


# changes and levels across clauses ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "fragment", "change"),
    [
        ("Night frosts may push temperatures below minus 8C.", "minus 8C", "to"),
        ("The gust sent wind speeds to 140 km/h on the ridge.", "140 km/h", "to"),
        ("The turbo engine revs to 7,200rpm.", "7,200rpm", "to"),
        ("The lira slid below 40 per dollar.", "40", "to"),
        ("Output fell by about 3 million tonnes to 41 million tonnes.", "41 million", "to"),
        ("Output fell by about 3 million tonnes to 41 million tonnes.", "3 million", "by"),
        ("Prices rose 2.1% in May, to an average of £301,000.", "£301,000", "to"),
        ("Its shares gained EUR2.10 to EUR51.40.", "EUR2.10", "by"),
        ("Its shares gained EUR2.10 to EUR51.40.", "EUR51.40", "to"),
    ],
)
def test_levels_reached_and_sizes_of_changes(text: str, fragment: str, change: str) -> None:
    assert find(text, fragment).change == change


def test_a_verb_that_moves_money_without_a_level_is_no_change() -> None:
    assert find("The fund gained $40m from the sale.", "$40m").change is None


# cents ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("Dutch dairies in the Netherlands pay 44 cents a litre.", "EUR"),
        ("Milk in Ireland fetches 41 cents a litre, against the European average.", "EUR"),
        ("A litre of diesel in Ohio costs 30 cents more than a year ago.", "USD"),
        ("Canadian growers in Canada get 9 cents a pound more.", "CAD"),
    ],
)
def test_cents_follow_the_country_the_text_names(text: str, iso: str) -> None:
    assert [q.currency for q in extract(text) if q.unit_name == "cent"] == [iso]


@pytest.mark.parametrize(
    ("text", "value", "before"),
    [
        ("The bank raised its target for the S&P 500 to 6,400 from 5,900.", D(6400), D(5900)),
        ("On the fast charger the battery goes from 5 to 80% in 18 minutes.", D(80), D(5)),
        ("The car goes from 0 to 60 mph in 3.1 seconds.", D(60), D(0)),
    ],
)
def test_from_a_to_b_after_a_verb_of_motion_is_a_change(text: str, value: D, before: D) -> None:
    q = extract(text)[0]
    assert (q.low, q.high, q.change, q.from_value) == (value, value, "to", before)


def test_a_range_of_prices_stays_a_range() -> None:
    q = extract("Tickets range from $35 to $90.")[0]
    assert (q.low, q.high, q.change) == (D(35), D(90), None)


@pytest.mark.parametrize(
    "text",
    [
        "Import prices changed by -1.9% on the year.",
        "The hedge fund returned -4.2% in 2024.",
    ],
)
def test_a_negative_figure_after_a_neutral_verb_is_a_fall(text: str) -> None:
    q = extract(text)[0]
    assert q.low is not None and q.low < 0 and (q.trend, q.change) == ("down", "by")


def test_a_journey_that_takes_from_a_to_b_hours_is_a_range() -> None:
    q = extract("The crossing takes from 5 to 8 hours.")[0]
    assert (q.low, q.high) == (D(5), D(8))


# compact notation ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "fragment", "value", "name"),
    [
        ("The app now has 2.4 B users.", "2.4 B users", D(2_400_000_000), "user"),
        ("The service passed 40M subscribers.", "40M subscribers", D(40_000_000), "subscriber"),
        ("The tablet's panel is 12.9in across.", "12.9in", D("12.9"), "inch"),
        ("The monitor has a 27″ panel.", "27″", D(27), "inch"),
    ],
)
def test_compact_scales_and_inch_marks(text: str, fragment: str, value: D, name: str) -> None:
    q = find(text, fragment)
    assert (q.low, q.unit_name) == (value, name)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("She got 3 B grades.", D(3)),  # the letter of a grade, not a billion
        ("Prices rose 5 in every 100 shops.", D(5)),  # "in" apart from the number is a word
    ],
)
def test_letters_that_are_not_scales_or_units(text: str, value: D) -> None:
    q = extract(text)[0]
    assert q.low == value and q.unit_name != "inch"


def test_an_e_after_a_number_is_no_unit() -> None:
    assert all(q.unit_name != "elementary charge" for q in extract("The sensor has 1.2e6 pixels."))


@pytest.mark.parametrize(
    ("text", "value", "before", "as_of"),
    [
        ("The deficit widened from 2.9% of GDP to 4.1%.", D("4.1"), D("2.9"), None),
        ("Rates rose from 0.5% in 2022 to 4.75% in 2024.", D("4.75"), D("0.5"), "2024"),
        ("Revenue slumped 9% to $2.2bn from $2.4bn.", D("2.2") * 10**9, D("2.4") * 10**9, None),
    ],
)
def test_from_a_to_b_past_a_share_or_a_year_and_b_from_a_after_a_change(
    text: str, value: D, before: D, as_of: str | None
) -> None:
    q = next(q for q in extract(text) if q.low == value)
    assert (q.change, q.from_value, q.as_of) == ("to", before, as_of)


def test_a_change_restated_in_another_unit_is_a_change_too() -> None:
    got = [(q.text, q.change) for q in extract("Shares fell 2%, or 31 cents, to $15.10.")]
    assert got == [("2%", "by"), ("31 cents", "by"), ("$15.10", "to")]


@pytest.mark.parametrize(
    ("text", "fragment", "value", "iso"),
    [
        ("The pipeline will cost Can$3.1bn.", "Can$3.1bn", D("3.1") * 10**9, "CAD"),
        ("Ottawa pledged Cdn$750m for housing.", "Cdn$750m", D(750_000_000), "CAD"),
        ("The rail plan costs ₹2.4 lakh crore.", "lakh crore", D("2.4") * 10**12, "INR"),
        ("China's carmakers exported ¥90 billion of vehicles.", "¥90", D(90 * 10**9), "CNY"),
        ("Toyota earned ¥90 billion in the quarter.", "¥90", D(90 * 10**9), "JPY"),
    ],
)
def test_wire_spellings_of_dollars_scales_of_rupees_and_the_yen_sign(
    text: str, fragment: str, value: D, iso: str
) -> None:
    q = find(text, fragment)
    assert (q.low, q.currency) == (value, iso)


@pytest.mark.parametrize(
    ("text", "fragment", "change"),
    [
        ("The Nikkei closed 1.1% higher at 39,410.", "39,410", "to"),
        ("Tesla shares ended at $251.30.", "$251.30", "to"),
        ("Rough sleeping topped 4,000 for the first time.", "4,000", "to"),
        ("The vaccine cut the risk of hospital admission by 80%.", "80%", "by"),
        ("New rules could lower bills by up to 15%.", "up to 15%", "by"),
        ("The update improves battery life by about 10%.", "10%", "by"),
        ("The club signed 4 players, bringing its squad to 26.", "4 players", "by"),
        ("The club signed 4 players, bringing its squad to 26.", "26", "to"),
    ],
)
def test_more_levels_and_changes(text: str, fragment: str, change: str) -> None:
    assert find(text, fragment).change == change


def test_a_bound_of_up_to_without_by_is_no_change() -> None:
    assert find("Up to 20cm of rain could fall overnight.", "20cm").change is None


def test_a_range_of_two_scaled_numbers_joined_by_a_dash() -> None:
    q = find("Between 1 million-1.5 million tourists visit each year.", "million")
    assert (q.low, q.high) == (D(1_000_000), D(1_500_000))


def test_weapon_codes_stay_codes() -> None:
    assert extract("The F-35 and the KN-23 were shown.") == []


@pytest.mark.parametrize(
    ("text", "fragment", "value"),
    [
        ("Seven in 10 renters want longer leases.", "Seven in 10", D(70)),
        ("Three of every 20 cars sold are electric.", "Three of every 20", D(15)),
    ],
)
def test_shares_with_a_word_and_a_digit(text: str, fragment: str, value: D) -> None:
    q = find(text, fragment)
    assert (q.low, q.unit_name) == (value, "percent")


def test_a_score_and_a_duration_are_not_a_share() -> None:
    assert [q.text for q in extract("She won 6-4 in two hours.")] == ["two hours"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The ferry listed 20 degrees in the storm.", "degree"),
        ("The array tilts 35 degrees to follow the sun.", "degree"),
        ("The old bell tower leans 5 degrees.", "degree"),
        ("Highs of 31 degrees are forecast for Athens.", "degree Celsius"),
    ],
)
def test_degrees_of_angle_and_of_temperature(text: str, name: str) -> None:
    assert [q.unit_name for q in extract(text)] == [name]


def test_a_level_edged_to_from_a_baseline_is_one_change() -> None:
    q = extract("The jobless rate edged to 4.4% from 4.2%.")[0]
    assert (q.change, q.from_value, q.trend) == ("to", D("4.2"), "up")


def test_a_prize_that_went_to_people_is_no_change() -> None:
    assert find("The prize went to three engineers.", "three").change is None


@pytest.mark.parametrize(
    ("text", "fragment", "name"),
    [
        ("A magnitude 5.8 earthquake shook the coast.", "5.8", "magnitude"),
        ("The missile reached Mach 9 in tests.", "9", "mach"),
    ],
)
def test_scales_named_before_their_number(text: str, fragment: str, name: str) -> None:
    assert find(text, fragment).unit_name == name


def test_a_big_number_after_magnitude_is_no_magnitude() -> None:
    assert all(q.unit_name != "magnitude" for q in extract("Stars of magnitude 30 are faint."))


def test_a_race_distance_before_a_verb_is_metres() -> None:
    q = find("The men's 5,000m was run in heat.", "5,000m")
    assert (q.low, q.unit_name) == (D(5000), "metre")


def test_raised_by_money_to_a_level_is_a_change_and_a_level() -> None:
    got = [(q.text, q.change) for q in extract("The gym raised its monthly fee by $5 to $45.")]
    assert got == [("$5", "by"), ("$45", "to")]


def test_a_margin_of_defeat_is_no_fall() -> None:
    assert find("The motion lost by 12 votes.", "12").trend is None


@pytest.mark.parametrize(
    ("text", "fragment", "years"),
    [
        ("The bridge stood for more than a century.", "century", D(100)),
        ("Rates are at their highest in two decades.", "two decades", D(20)),
    ],
)
def test_decades_and_centuries_are_counted_in_years(text: str, fragment: str, years: D) -> None:
    q = find(text, fragment)
    assert (q.low, q.unit_name, q.dimension) == (years, "year", "duration")


@pytest.mark.parametrize(
    ("text", "fragment", "seconds"),
    [
        ("She won the marathon in 2:14:05.", "2:14:05", D(8045)),
        ("He ran the 1,500m in 3:31.46.", "3:31.46", D("211.46")),
    ],
)
def test_race_times_are_seconds(text: str, fragment: str, seconds: D) -> None:
    q = find(text, fragment)
    assert (q.low, q.unit_name) == (seconds, "second")


@pytest.mark.parametrize("text", ["The doors open at 19:30.", "The alarm went off at 04:15:30."])
def test_times_of_day_are_no_race_times(text: str) -> None:
    assert extract(text) == []


def test_money_added_to_something_is_a_rise_by_that_much() -> None:
    q = find("The levy was approved, adding about £40 a year to water bills.", "£40")
    assert (q.trend, q.change) == ("up", "by")


def test_money_added_alone_is_no_change() -> None:
    assert find("The insurer added $3bn.", "$3bn").change is None
