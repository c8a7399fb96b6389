"""A generic speaker ("the ministry") is named from the text before its sentence: the names are
found once per text (sources.Earlier), the same as reading the text cut at the sentence start."""

from __future__ import annotations

import time

from claims.extraction import extract
from claims.extraction.sentences import split_sentences
from claims.extraction.sources import Earlier, resolve

REPORT = (
    "The Agriculture Ministry in Tokyo said rice stocks fell 4%. The Water Board of Kent, and "
    "Sussex raised bills by 3%. Siemens Energy raised its forecast. Analysts at Numis, the "
    "broker, expect 2% growth. The ministry said 40 farms closed. The board said 12 staff left. "
    "The company said 1,200 jobs go. The broker said shares may rise 5%. The Serious Fraud "
    "Office charged two men. The office said 3 more face charges. the ministry Kaito Sato said"
)
SPEAKERS = ("the ministry", "the board", "the company", "the broker", "the office", "its bank")


def test_it_names_a_speaker_as_the_text_cut_at_any_point_would() -> None:
    earlier = Earlier(REPORT)
    stops = {s.start for s in split_sentences(REPORT)} | set(range(0, len(REPORT) + 1, 7))
    for stop in sorted(stops):
        for speaker in SPEAKERS:
            assert earlier.resolve(speaker, stop) == resolve(speaker, REPORT[:stop])


def test_it_still_names_the_ministry_from_an_earlier_sentence() -> None:
    found = extract(REPORT)
    farms = next(q for q in found if q.text == "40 farms")
    assert farms.speaker == "The Agriculture Ministry in Tokyo"


def test_a_long_report_of_generic_speakers_stays_linear() -> None:
    # each sentence used to search the whole text before it: 300 KB took minutes
    text = "The ministry said 5 people died. " * 9000
    started = time.process_time()
    found = extract(text)
    assert len(found) == 9000
    assert time.process_time() - started < 30
