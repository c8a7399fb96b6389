"""The report that started Factdesk (shared/seed-article.txt, outside the repository): every
figure of DOMAIN.md's table, and nothing from its dates, weapon names or ordinals."""

from __future__ import annotations

from pathlib import Path

import pytest

from claims.extraction import ExtractedQuantity, extract

from . import D

# <clone>/claims/tests/extraction/this_file.py -> <clone>/../shared/seed-article.txt
SEED = Path(__file__).resolve().parents[3].parent / "shared" / "seed-article.txt"


Seed = tuple[str, list[ExtractedQuantity]]


@pytest.fixture(scope="module")
def seed() -> Seed:
    if not SEED.is_file():
        pytest.skip(f"{SEED} is not there")
    text = SEED.read_text(encoding="utf-8")
    return text, extract(text)


def pick(found: list[ExtractedQuantity], fragment: str) -> ExtractedQuantity:
    for q in found:
        if fragment in q.text:
            return q
    raise AssertionError(f"{fragment!r} missing from {[q.text for q in found]}")


def test_it_reads_more_than_ten_thousand_soldiers(seed: Seed) -> None:
    q = pick(seed[1], "10,000")
    assert (q.qualifier, q.low, q.high, q.unit_name) == (">", D(10000), D(10000), "soldier")
    assert q.subject == "North Korean soldiers"


def test_it_reads_the_monthly_pay_with_its_relayed_attribution(seed: Seed) -> None:
    q = pick(seed[1], "2,000")
    assert (q.value, q.currency, q.qualifier) == (D(2000), "USD", "=")
    assert q.per is not None and "month" in q.per and "soldier" in q.per
    assert (q.speaker, q.verb, q.via) == (
        "South Korean intelligence",
        "assessed",
        "The Korea Herald",
    )


def test_it_reads_the_territory_gained_in_october(seed: Seed) -> None:
    q = pick(seed[1], "400")
    assert (q.qualifier, q.value, q.unit, q.dimension) == (">", D(400), "km2", "area")
    assert q.as_of == "October"


def test_it_reads_the_seven_or_eight_to_one_advantage(seed: Seed) -> None:
    q = pick(seed[1], "seven or eight")
    assert (q.value, q.low, q.high, q.dimension) == (None, D(7), D(8), "ratio")


def test_it_reads_the_rice_in_metric_tonnes(seed: Seed) -> None:
    q = pick(seed[1], "700,000")
    assert (q.value, q.unit, q.dimension, q.subject) == (D(700000), "t", "mass", "rice")


def test_it_reads_the_vague_death_tolls(seed: Seed) -> None:
    lives = pick(seed[1], "tens of thousands")
    soldiers = pick(seed[1], "hundreds of thousands")
    assert (lives.low, lives.high, lives.qualifier) == (D(10_000), D(100_000), "~")
    assert (soldiers.low, soldiers.high, soldiers.qualifier) == (D(100_000), D(1_000_000), "~")
    assert soldiers.unit_name == "soldier"


def test_it_reads_the_duration_of_the_program(seed: Seed) -> None:
    q = pick(seed[1], "two years")
    assert (q.qualifier, q.value, q.unit, q.dimension) == (">", D(2), "year", "duration")


def test_it_reads_people_per_cell_and_per_room(seed: Seed) -> None:
    cell = pick(seed[1], "10 to a")
    room = pick(seed[1], "two to a room")
    assert (cell.value, cell.per) == (D(10), "cell")
    assert (room.value, room.per) == (D(2), "room")


def test_it_credits_the_quote_to_zelensky(seed: Seed) -> None:
    q = pick(seed[1], "two countries")
    assert q.speaker is not None and "Zelensky" in q.speaker


def test_it_reads_nothing_from_dates_weapons_or_ordinals(seed: Seed) -> None:
    text, found = seed
    surfaces = " | ".join(q.text for q in found)
    for banned in ("Nov. 4", "Jan. 4", "Hwasong", "KN-23", "23/24", "first"):
        assert banned not in surfaces
    for q in found:
        before = text[max(0, q.start - 10) : q.start]
        assert "Nov." not in before and "Jan." not in before and "Hwasong" not in before
        assert not q.text.startswith(("4", "11", "23", "24"))
