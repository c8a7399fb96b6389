"""The engine on the hand-labelled dev pairs: a floor, so a change that breaks a class shows."""

from __future__ import annotations

from pathlib import Path

from bench.matching import score_pairs

DATA = Path(__file__).resolve().parents[1] / "data"
DEV = DATA / "figure_pairs_dev.jsonl"
#: written after the held-out scores showed the first file was overfit, in other wording
MORE = [DATA / "figure_pairs_dev_more.jsonl", DATA / "figure_pairs_dev_check.jsonl"]


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


def test_same_and_conflicts_hold_on_the_later_dev_pairs_written_in_other_words() -> None:
    for path in MORE:
        report = score_pairs(path)
        for cls in ("same", "conflicts"):
            assert report[cls]["precision"] >= 0.8, (path.name, cls, report[cls])
            assert report[cls]["recall"] >= 0.7, (path.name, cls, report[cls])
        assert report["suggestions_across_dimensions"] == 0
