"""Dates, years, times, codes, ordinals, phone numbers and labels are not figures.

Decision (see claims/extraction/context.py): they are not emitted at all."""

from __future__ import annotations

import pytest

from claims.extraction import extract


@pytest.mark.parametrize(
    "text",
    [
        "The team will announce the results on Nov. 4.",
        "The court adjourned the case until Jan. 15.",
        "The attack happened on 12 October at dawn.",
        "The company was founded on March 3, 1998.",
        "The law took effect in 2022 after a long debate.",
        "The plant was built in 1978 and closed in 2009.",
        "The 2024 Olympics brought crowds to the city.",
        "The 1990s were a turbulent decade.",
        "The report is dated 2024-11-04.",
    ],
)
def test_it_skips_dates_and_years(text: str) -> None:
    assert extract(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "The meeting starts at 7:30 p.m. in the town hall.",
        "Her flight lands at 10pm.",
        "The doors open at 9 a.m. sharp.",
    ],
)
def test_it_skips_times_of_day(text: str) -> None:
    assert extract(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Kyiv was attacked with a Hwasong-11 (KN-23/24) ballistic missile.",
        "The iPhone 14 went on sale in September.",
        "The F-35 program is years behind schedule.",
        "The COVID-19 pandemic closed schools.",
        "The G7 leaders met in a seaside resort.",
        "The Airbus A320 made an emergency landing.",
        "The Su-34 bombers flew low over the city.",
    ],
)
def test_it_skips_product_and_weapon_names(text: str) -> None:
    assert extract(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "For the first time, the league admitted a women's team.",
        "He finished second in the race.",
        "The festival returns for its 25th edition.",
    ],
)
def test_it_skips_ordinals(text: str) -> None:
    assert extract(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Call the hotline at 555-0142 for more information.",
        "Please dial +44 20 7946 0958 to reach the office.",
        "Call (416) 555-0199 before noon.",
    ],
)
def test_it_skips_phone_numbers(text: str) -> None:
    assert extract(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Under Section 427 of the act, the minister can block the deal.",
        "Fans in Row 21 had the best view.",
        "The details are on page 12 of the report.",
        "Article 5 of the treaty commits allies to defend each other.",
        "The rules are set out in Chapter 11 of the code.",
    ],
)
def test_it_skips_page_section_and_row_numbers(text: str) -> None:
    assert extract(text) == []


def test_it_still_reads_figures_next_to_dates() -> None:
    found = extract("On Nov. 4, officials said 1,200 homes were damaged in 2023.")
    assert [q.text for q in found] == ["1,200 homes"]


def test_it_skips_fractions_and_slashed_labels() -> None:
    assert extract("The plant runs 24/7 and was built after 9/11.") == []


@pytest.mark.parametrize(
    "text",
    [
        "The 5G network and 4K cameras were shown in 3D.",
        "The plan includes a Top 10 ranking.",
        "Troops of the 47th Brigade moved along Interstate 95.",
    ],
)
def test_it_skips_technology_names_rankings_and_road_numbers(text: str) -> None:
    assert extract(text) == []
