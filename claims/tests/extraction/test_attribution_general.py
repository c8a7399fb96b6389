"""Attribution on sentences written for these tests (not taken from the labelled files): the
relay of "X told Reuters", "according to a note by broker Y", a rival estimate credited to its
own source, "the ministry" resolved to the body named earlier."""

from __future__ import annotations

import pytest

from . import find, only

SENTENCES = [
    (
        "Farida Nasser, the port's operations director, told Bloomberg that 14,000 containers "
        "were stuck.",
        "14,000",
        "Farida Nasser",
        "Bloomberg",
    ),
    (
        "Harbour traffic rose 6% in March, the port authority told Reuters.",
        "6%",
        "the port authority",
        "Reuters",
    ),
    (
        "Pemberton Foods plans to cut 450 jobs, two people familiar with the matter told Reuters.",
        "450",
        "two people familiar with the matter",
        "Reuters",
    ),
    (
        "Copper demand will grow 4% next year, according to a note by broker Halvorsen & Lund.",
        "4%",
        "Halvorsen & Lund",
        None,
    ),
    (
        "The average rent rose to €1,200 a month, according to listings site Flatwise.",
        "1,200",
        "Flatwise",
        None,
    ),
    (
        "The ministry put the harvest at 61 million tonnes, while the growers' union estimated "
        "54 million tonnes.",
        "54 million",
        "growers' union",
        None,
    ),
    (
        "The ministry put the harvest at 61 million tonnes, but the growers' union says it "
        "will be nearer 54 million tonnes.",
        "54 million",
        "growers' union",
        None,
    ),
    (
        "Officials counted 320 homes damaged, but the Red Cross gave a figure of 410.",
        "410",
        "Red Cross",
        None,
    ),
    (
        "The Fisheries Ministry in Oslo published its quota review. The ministry said catches "
        "fell 9% last year.",
        "9%",
        "The Fisheries Ministry in Oslo",
        None,
    ),
    (
        "Lindqvist Tools reported weak orders in May. The company said sales dropped to 4.2 "
        "billion crowns.",
        "4.2 billion",
        "Lindqvist Tools",
        None,
    ),
]


@pytest.mark.parametrize(("text", "fragment", "speaker", "via"), SENTENCES)
def test_it_credits_the_figure_to_its_speaker_and_relay(
    text: str, fragment: str, speaker: str, via: str | None
) -> None:
    q = find(text, fragment)
    assert (q.speaker, q.via) == (speaker, via)


def test_the_rival_keeps_its_own_figure_and_the_first_body_its_own() -> None:
    text = (
        "The ministry put the harvest at 61 million tonnes, while the growers' union estimated "
        "54 million tonnes."
    )
    assert find(text, "61 million").speaker == "ministry"
    assert find(text, "54 million").speaker == "growers' union"


def test_the_ministry_is_not_resolved_across_a_report_that_never_named_one() -> None:
    q = only("The ministry said catches fell 9% last year.")
    assert q.speaker == "ministry"
