"""The engine on the hand-labelled dev pairs: a floor, so a change that breaks a class shows."""

from __future__ import annotations

from pathlib import Path

from bench.matching import score_pairs

DEV = Path(__file__).resolve().parents[1] / "data" / "figure_pairs_dev.jsonl"


def test_the_dev_pairs_are_many_and_labelled_in_every_class() -> None:
    report = score_pairs(DEV)
    assert report["pairs"] >= 300
    for cls in ("same", "refines", "conflicts", "supersedes", "unrelated"):
        assert report[cls]["n"] >= 10, cls


def test_same_and_conflicts_hold_their_precision_and_recall_on_the_dev_pairs() -> None:
    report = score_pairs(DEV)
    for cls in ("same", "conflicts"):
        assert report[cls]["precision"] >= 0.88, (cls, report[cls])
        assert report[cls]["recall"] >= 0.85, (cls, report[cls])
    assert report["suggestions_across_dimensions"] == 0
