"""The labelled corpus (claims/tests/data/extraction_corpus.jsonl) is well formed, and the
extractor does not regress on its tuning split. The held-out split is only reported by
bench/extraction.py, never asserted on here."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from claims.extraction import QUALIFIERS, extract

CORPUS = Path(__file__).resolve().parents[1] / "data" / "extraction_corpus.jsonl"


@pytest.fixture(scope="module")
def corpus() -> list[dict[str, Any]]:
    with CORPUS.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def test_the_corpus_has_enough_sentences_and_a_held_out_split(corpus: list[dict[str, Any]]) -> None:
    assert len(corpus) >= 400
    splits = {r["split"] for r in corpus}
    assert splits == {"dev", "test"}
    assert sum(1 for r in corpus if r["split"] == "test") >= 100
    assert sum(1 for r in corpus if not r["quantities"]) >= 50
    assert len({r["id"] for r in corpus}) == len(corpus)


def test_every_gold_figure_is_well_formed(corpus: list[dict[str, Any]]) -> None:
    for record in corpus:
        for q in record["quantities"]:
            assert q["qualifier"] in QUALIFIERS, record["id"]
            assert q["trend"] in (None, "up", "down"), record["id"]
            assert Decimal(str(q["low"])) <= Decimal(str(q["high"])), record["id"]
            assert q["value"] is None or q["value"] == q["low"] == q["high"], record["id"]


def test_it_does_not_regress_on_the_tuning_split(corpus: list[dict[str, Any]]) -> None:
    gold_total = found_total = matched = 0
    for record in (r for r in corpus if r["split"] == "dev"):
        gold = [(Decimal(str(q["low"])), Decimal(str(q["high"]))) for q in record["quantities"]]
        found = [(q.low, q.high) for q in extract(record["text"])]
        gold_total += len(gold)
        found_total += len(found)
        for key in found:
            if key in gold:
                gold.remove(key)
                matched += 1
    precision, recall = matched / found_total, matched / gold_total
    assert 2 * precision * recall / (precision + recall) >= 0.92
