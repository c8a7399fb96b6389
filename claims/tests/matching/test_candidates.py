"""Candidates from the desk: compatible units, near magnitudes, shared words, bounded."""

from __future__ import annotations

from typing import Any

from claims.matching import store
from claims.tests.conftest import make_claim, make_source


def count(by: Any, text: str, quote: str, value: int, unit_name: str, subject: str) -> Any:
    source = make_source(by, text=text, title=f"Report {quote} {subject}"[:80])
    return make_claim(
        by,
        source,
        quote,
        value=value,
        qualifier="=",
        unit="",
        unit_name=unit_name,
        dimension="count",
        subject=subject,
    )


def test_candidates_share_words_and_a_compatible_unit_and_stay_near_in_magnitude(
    reporter: Any,
) -> None:
    mine = count(
        reporter,
        "The carmaker will cut 2,400 jobs at its Ohio plant.",
        "2,400 jobs",
        2400,
        "jobs",
        "jobs cut at the Ohio plant",
    )
    workers = count(
        reporter,
        "About 2,500 workers will be laid off in Ohio, the union said.",
        "2,500 workers",
        2500,
        "workers",
        "workers laid off in Ohio",
    )
    bare = count(
        reporter,
        "Some 3,000 will go at the Ohio plant, a manager said.",
        "3,000",
        3000,
        "",
        "cuts at the Ohio plant",
    )
    boats = count(
        reporter,
        "Ohio ferries carried 2,400 boats of cars across the plant's lake.",
        "2,400 boats",
        2400,
        "boats",
        "boats at the Ohio plant",
    )
    far = count(
        reporter,
        "The carmaker employs 240,000 people worldwide in plants like Ohio's.",
        "240,000 people",
        240000,
        "people",
        "people employed at the plant in Ohio",
    )
    other = count(
        reporter,
        "Some 2,400 cattle were sold at the county fair.",
        "2,400 cattle",
        2400,
        "cattle",
        "cattle sold at the fair",
    )
    for claim in (mine, workers, bare, boats, far, other):
        claim.refresh_from_db()
    found = {c.pk for c in store.candidates(mine)}
    assert workers.pk in found and bare.pk in found
    assert boats.pk not in found and far.pk not in found and other.pk not in found
    assert len(store.candidates(mine, pool=1)) == 1
