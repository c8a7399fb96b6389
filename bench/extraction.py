"""Benchmark of the claim extractor on our labelled corpus, side by side with quantulum3.

Run from the repository root:  .venv/bin/python bench/extraction.py [--no-quantulum]

Prints, per split (``dev`` is what the rules were tuned on; ``test`` was written before tuning
and never used for it), precision / recall / F1 for:
  value            the figure's (low, high) matches the gold one
  value+unit       ... and unit_name matches
  value+qualifier  ... and the qualifier matches
  attribution      speaker and via of figures that have a gold speaker (case-insensitive,
                   a leading "the" ignored)
then sentences per second for ours and quantulum3 over the same sentences, and the time to
extract from 1 MB of adversarial input (long digit runs, repeated qualifiers, nested quotes,
repeated attribution verbs, Unicode noise) and from 1 MB of dense figures (reported apart: it
measures raw figures per second, not pathological behaviour).

The corpus (claims/tests/data/extraction_corpus.jsonl) has one JSON object per line:
``id``, ``split`` ("dev" or "test"), ``text`` (one sentence or a short paragraph, written for
this project in news style), ``speaker`` / ``via`` (the sentence's attribution, or null), and
``quantities``: the gold figures with ``value`` (null for ranges), ``low``, ``high``,
``qualifier``, ``trend``, ``unit_name`` ("" for a bare number), ``speaker`` and ``via``.
quantulum3 has no qualifiers, so its figures all count as "=".
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from claims.extraction import extract  # noqa: E402

CORPUS = ROOT / "claims" / "tests" / "data" / "extraction_corpus.jsonl"


def load() -> list[dict[str, Any]]:
    with CORPUS.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def dec(x: Any) -> Decimal | None:
    return None if x is None else Decimal(str(x)).normalize()


def norm_name(s: str | None) -> str:
    s = (s or "").strip().lower()
    return s[4:] if s.startswith("the ") else s


class Counts:
    def __init__(self) -> None:
        self.tp = 0
        self.pred = 0
        self.gold = 0

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / self.pred if self.pred else 0.0
        r = self.tp / self.gold if self.gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return 100 * p, 100 * r, 100 * f


def match(gold: list[dict[str, Any]], pred: list[dict[str, Any]]) -> list[tuple[int, int]]:
    """Greedy one-to-one matching of gold and predicted figures on (low, high)."""
    used: set[int] = set()
    pairs = []
    for gi, g in enumerate(gold):
        key = (dec(g["low"]), dec(g["high"]))
        for pi, p in enumerate(pred):
            if pi not in used and (dec(p["low"]), dec(p["high"])) == key:
                used.add(pi)
                pairs.append((gi, pi))
                break
    return pairs


def score(records: list[dict[str, Any]], predictions: list[list[dict[str, Any]]]) -> dict:
    keys = ("value", "value+unit", "value+qualifier", "attribution")
    counts = {k: Counts() for k in keys}
    for rec, pred in zip(records, predictions, strict=True):
        gold = rec["quantities"]
        pairs = match(gold, pred)
        for k in ("value", "value+unit", "value+qualifier"):
            counts[k].gold += len(gold)
            counts[k].pred += len(pred)
        counts["value"].tp += len(pairs)
        for gi, pi in pairs:
            g, p = gold[gi], pred[pi]
            if norm_name(g["unit_name"]) == norm_name(p.get("unit_name")):
                counts["value+unit"].tp += 1
            if g["qualifier"] == p.get("qualifier"):
                counts["value+qualifier"].tp += 1
        attr = counts["attribution"]
        attr.gold += sum(1 for g in gold if g.get("speaker"))
        attr.pred += sum(1 for p in pred if p.get("speaker"))
        for gi, pi in pairs:
            g, p = gold[gi], pred[pi]
            if (
                g.get("speaker")
                and norm_name(g["speaker"]) == norm_name(p.get("speaker"))
                and norm_name(g.get("via")) == norm_name(p.get("via"))
            ):
                attr.tp += 1
    return {k: c.prf() for k, c in counts.items()}


def ours(texts: list[str]) -> list[list[dict[str, Any]]]:
    return [[q.to_dict() for q in extract(t)] for t in texts]


def quantulum(texts: list[str]) -> list[list[dict[str, Any]]]:
    from quantulum3 import parser

    out = []
    for t in texts:
        items = []
        for q in parser.parse(t):
            value = q.value
            items.append(
                {
                    "low": value,
                    "high": value,
                    "unit_name": "" if q.unit.name == "dimensionless" else q.unit.name,
                    "qualifier": "=",
                    "speaker": None,
                }
            )
        out.append(items)
    return out


ADVERSARIAL = {
    "long digit runs": lambda rng: "".join(rng.choice("0123456789") for _ in range(20000)) + " ",
    "repeated qualifiers": lambda rng: "more than at least up to nearly " * 400 + "5 soldiers. ",
    "nested quotes": lambda rng: '“‘"' * 400 + "said Mr. X" + '"’”' * 400 + " ",
    "repeated attribution": lambda rng: "Mr. Mr. said said according to citing " * 200 + ". ",
    "unicode noise": lambda rng: "".join(chr(rng.randrange(32, 0x2FFF)) for _ in range(8000)),
}
DENSE = {
    "comma lists": lambda rng: "1,000," * 800 + " ",
    "chained ranges": lambda rng: "between 1 and 2 and 3 and 4 and 5 " * 100,
    "vague amounts": lambda rng: "tens of tens of tens of thousands of " * 80,
    "ratios": lambda rng: "seven or eight to one to one to one " * 100,
}


def build(kinds: dict[str, Any], size: int = 1_000_000) -> str:
    """1 MB mixing the given generators, deterministic."""
    rng = random.Random(20241104)
    out = []
    total = 0
    names = sorted(kinds)
    while total < size:
        piece = kinds[names[rng.randrange(len(names))]](rng)
        out.append(piece)
        total += len(piece)
    return "".join(out)[:size]


def timed(text: str) -> tuple[float, float, int, bool]:
    """(wall seconds, CPU seconds, figures, offsets valid): CPU time is reported too because a
    shared machine's load can stretch wall time several-fold."""
    start, cpu = time.perf_counter(), time.process_time()
    found = extract(text)
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    return elapsed, cpu, len(found), all(text[q.start : q.end] == q.text for q in found)


def throughput(fn: Any, texts: list[str], min_seconds: float) -> tuple[float, float]:
    """Sentences per second over repeated passes (after one warm-up pass), measured both in CPU
    time of this process and in wall time: on a loaded shared machine wall time stretches."""
    fn(texts)
    runs = 0
    start, cpu = time.perf_counter(), time.process_time()
    while True:
        fn(texts)
        runs += 1
        used = time.process_time() - cpu
        if used >= min_seconds:
            wall = time.perf_counter() - start
            return runs * len(texts) / used, runs * len(texts) / wall


def main() -> None:
    args = argparse.ArgumentParser()
    args.add_argument("--no-quantulum", action="store_true")
    opts = args.parse_args()
    records = load()
    texts = [r["text"] for r in records]
    print(
        f"corpus: {CORPUS.relative_to(ROOT)}: {len(records)} sentences, "
        f"{sum(len(r['quantities']) for r in records)} gold figures, "
        f"{sum(1 for r in records if not r['quantities'])} sentences without one"
    )
    preds = ours(texts)
    q_preds = None if opts.no_quantulum else quantulum(texts)
    for split in ("dev", "test", "all"):
        idx = [i for i, r in enumerate(records) if split == "all" or r["split"] == split]
        recs = [records[i] for i in idx]
        print(f"\n== {split} ({len(recs)} sentences) ==")
        print(f"{'':17} {'ours P / R / F1':>24}   {'quantulum3 P / R / F1':>24}")
        mine = score(recs, [preds[i] for i in idx])
        theirs = score(recs, [q_preds[i] for i in idx]) if q_preds else None
        for key, (p, r, f) in mine.items():
            line = f"{key:17} {p:6.1f} / {r:5.1f} / {f:5.1f}"
            if theirs and key != "attribution":
                tp, tr, tf = theirs[key]
                line += f"      {tp:6.1f} / {tr:5.1f} / {tf:5.1f}"
            elif theirs:
                line += "      (no attribution)"
            print(line)
    print("\n== speed (same sentences, one process, after a warm-up pass) ==")
    ours_cpu, ours_wall = throughput(ours, texts, 3.0)
    print(f"ours        {ours_cpu:10.0f} sentences/CPU-s  {ours_wall:10.0f} sentences/s wall")
    if not opts.no_quantulum:
        q_cpu, q_wall = throughput(quantulum, texts, 3.0)
        print(f"quantulum3  {q_cpu:10.0f} sentences/CPU-s  {q_wall:10.0f} sentences/s wall")
        print(f"ratio       {ours_cpu / q_cpu:10.1f}x (CPU)   {ours_wall / q_wall:10.1f}x (wall)")
    elapsed, cpu, count, ok = timed(build(ADVERSARIAL))
    print(
        f"\n1 MB adversarial input ({', '.join(sorted(ADVERSARIAL))}): "
        f"{elapsed:.2f} s wall, {cpu:.2f} s CPU, {count} figures, offsets valid: {ok}"
    )
    elapsed, cpu, count, ok = timed(build(DENSE))
    print(
        f"1 MB of dense figures ({', '.join(sorted(DENSE))}): {elapsed:.2f} s wall, "
        f"{cpu:.2f} s CPU, {count} figures ({count / cpu:,.0f} figures/CPU-s), offsets valid: {ok}"
    )
    print(f"(load average while running: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")


if __name__ == "__main__":
    main()
