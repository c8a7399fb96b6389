"""Benchmark of the claim extractor on every labelled file, side by side with quantulum3.

Run from the repository root:

    .venv/bin/python bench/extraction.py [--no-quantulum] [--no-speed] [--dev] [--show CLASS]

(``--dev``: only what the rules are tuned on, the held-out file is not even opened.)

Labelled files (claims/tests/data/): ``extraction_corpus.jsonl`` (our first corpus, splits
``dev`` and ``test``), ``extraction_news_dev.jsonl`` (news written by a helper who never read the
extractor: tuned on) and ``extraction_news_heldout.jsonl`` (same helper, written before the rules
changed: never tuned on; only its totals are printed, never an item). A missing file is skipped.

Per file and split it prints precision / recall / F1 with **strict one-to-one matching**: each
gold figure pairs with at most one predicted figure, which must have the same (low, high) and,
when the gold ``text`` is found in the sentence, overlap it. Every predicted figure counts,
whatever its score. Then:

  value            the pair exists
  value+unit       ... and the units agree, compared fairly: currencies by ISO 4217 code (and
                   sub-unit: pence are not pounds), physical units through pint (``tonne`` is
                   ``t``; degrees of angle are not degrees Celsius), counted nouns by their
                   singular head noun ("kidney transplants" ~ "transplant"), other names as
                   lower-case singular words ("basis point", "percent")
  value+change     ... and ``change`` (to / by / none) and ``from_value`` agree (files that label
                   them)
  attribution      speaker and via agree (case-insensitive, a leading "the" ignored); gold counts
                   figures with a speaker, predictions count figures with a speaker
  subject          of the matched figures whose gold subject is not empty: present = ours is
                   not empty; right = content-word F1 with the gold subject >= 0.5
  as_of            of the matched figures: the time reference agrees (null = null)

For the dev splits it also prints, per class of the issue (classes inferred from the gold
labels, see ``classes()``), how many gold figures there are and how many are found / fully
right; ``--show CLASS`` lists the dev misses of one class (never held-out items).

Speed is measured **as whole processes** over the same sentences: ``python -m claims.extraction
--batch`` against a process that imports quantulum3 and parses each sentence, start-up included.
Then the time to extract from 1 MB of hostile input (long digit runs, repeated qualifiers,
nested quotes, repeated attribution verbs, Unicode noise) and from 1 MB of dense figures.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from claims.extraction import extract  # noqa: E402
from claims.extraction.nouns import singular  # noqa: E402
from claims.extraction.sentences import wordset  # noqa: E402

DATA = ROOT / "claims" / "tests" / "data"
FILES = (
    ("corpus", DATA / "extraction_corpus.jsonl"),
    ("news", DATA / "extraction_news_dev.jsonl"),
    ("news", DATA / "extraction_news_heldout.jsonl"),
    # a second held-out file, written at stop 21 by a helper who had read neither the code nor
    # the first held-out file, before that stop's rule changes: the gate its merges passed
    ("news", DATA / "extraction_news_heldout_2.jsonl"),
    # a third, written at stop 22 by a helper who had read no code, to LABELLING.md, before that
    # stop's rule changes: the gate its merges passed
    ("news", DATA / "extraction_news_heldout_3.jsonl"),
)
HELD_OUT = "heldout"

Record = dict[str, Any]
Quantity = dict[str, Any]


def load(path: Path) -> list[Record]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def dec(x: Any) -> Decimal | None:
    if x is None:
        return None
    try:
        return Decimal(str(x)).normalize()
    except InvalidOperation:
        return None


def same_number(a: Any, b: Any) -> bool:
    x, y = dec(a), dec(b)
    if x is None or y is None:
        return x is None and y is None
    if x == y:
        return True
    scale = max(abs(x), abs(y))
    return scale > 0 and abs(x - y) / scale < Decimal("1e-9")


def norm_name(s: str | None) -> str:
    s = re.sub(r"[\s.]+", " ", (s or "").strip().lower()).strip(" ,;:")
    return re.sub(r"^(?:the|a|an) ", "", s)  # an article is not part of the name


# --- units, compared fairly -----------------------------------------------------------------

SUBUNITS = frozenset({"cent", "penny", "pence", "sen", "kopek", "paisa", "fen", "centavo"})
NOT_PINT = frozenset(
    {
        "",
        "percent",
        "percentage point",
        "basis point",
        "index point",
        "point",
        "ratio",
        "times",
        "year",
        "month",
        "week",
        "day",
        "hour",
        "minute",
        "second",
    }
)
_PINT_WORDS = {
    "metre": "meter",
    "metres": "meter",
    "litre": "liter",
    "kilometre": "kilometer",
    "centimetre": "centimeter",
    "millimetre": "millimeter",
    "micrometre": "micrometer",
    "nanometre": "nanometer",
    "degree celsius": "degree_Celsius",
    "degree fahrenheit": "degree_Fahrenheit",
    "newton-metre": "newton * meter",
    "pound-foot": "pound_force * foot",
    "foot-pound": "foot * pound_force",
    "mile per gallon": "mile / gallon",
    "nautical mile": "nautical_mile",
    "light-year": "light_year",
    "short ton": "short_ton",
    "metric ton": "metric_ton",
    "ton": "metric_ton",
    "kilowatt-hour": "kilowatt_hour",
    "megawatt-hour": "megawatt_hour",
    "gigawatt-hour": "gigawatt_hour",
    "terawatt-hour": "terawatt_hour",
    "brake horsepower": "horsepower",
    "bhp": "horsepower",
    "rpm": "revolutions_per_minute",
    "revolution per minute": "revolutions_per_minute",
}


@lru_cache(maxsize=1)
def _ureg() -> Any:
    import pint

    return pint.UnitRegistry()


def _pint_text(name: str) -> str:
    name = name.strip().lower()
    if name in _PINT_WORDS:
        return _PINT_WORDS[name]
    for prefix, power in (("square ", "**2"), ("cubic ", "**3")):
        if name.startswith(prefix):
            return f"({_pint_text(name[len(prefix) :])}){power}"
    if " per " in name:
        left, _, right = name.partition(" per ")
        return f"({_pint_text(left)}) / ({_pint_text(right)})"
    for word, repl in _PINT_WORDS.items():
        name = re.sub(rf"\b{re.escape(word)}\b", repl, name)
    return name.replace(" ", "_")


@lru_cache(maxsize=4096)
def pint_unit(name: str) -> Any:
    """The pint unit named (our codes or English names), or None."""
    if not name or name.lower() in NOT_PINT:
        return None
    ureg = _ureg()
    for text in (name, _pint_text(name)):
        try:
            unit = ureg.parse_expression(text)
        except Exception:  # noqa: S112 - pint raises many kinds of errors
            continue
        if hasattr(unit, "units") and unit.magnitude == 1 and not unit.dimensionless:
            return unit.units
    return None


@lru_cache(maxsize=8192)
def _same_pint(a: str, b: str) -> bool | None:
    ua, ub = pint_unit(a), pint_unit(b)
    if ua is None or ub is None:
        return None
    ureg = _ureg()
    try:
        factor = ureg.Quantity(1, ua).to(ub).magnitude
    except Exception:
        return False
    return abs(factor - 1) < 1e-6


def head(name: str) -> str:
    words = norm_name(name).replace("-", " ").split()
    return singular(words[-1]) if words else ""


def same_unit(gold: Quantity, pred: Quantity) -> bool:
    g_cur, p_cur = gold.get("currency"), pred.get("currency")
    g_name, p_name = norm_name(gold.get("unit_name")), norm_name(pred.get("unit_name"))
    if "currency" in gold and (g_cur or p_cur):  # files that label currencies
        return (
            (g_cur or "").upper() == (p_cur or "").upper()
            and (g_name in SUBUNITS) == (p_name in SUBUNITS)
            and (
                g_name not in SUBUNITS
                or head(g_name) == head(p_name)
                or {g_name, p_name} <= {"penny", "pence"}
            )
        )
    if g_name == p_name:
        return True
    if g_name in NOT_PINT or p_name in NOT_PINT:
        return False
    for p_label in (pred.get("unit") or "", p_name):
        verdict = _same_pint(g_name, p_label)
        if verdict is not None:
            return verdict
    return head(g_name) == head(p_name)


def names(text: str) -> frozenset[str]:
    """A set from "|"-separated names (some have spaces)."""
    return frozenset(text.split("|"))


# --- subjects -------------------------------------------------------------------------------

_STOP = wordset(
    "the a an of in on at to for from by with and or its their his her this that these those "
    "as per is are was were be been who which when"
)


def _content(text: str | None) -> list[str]:
    words = re.findall(r"\w+", re.sub(r"['’]s?\b", "", (text or "").lower()))
    return [singular(w) for w in words if w not in _STOP]


def subject_right(gold: str | None, pred: str | None) -> bool:
    g, p = _content(gold), _content(pred)
    if not g or not p:
        return False
    common = sum((Counter(g) & Counter(p)).values())
    if not common:
        return False
    precision, recall = common / len(p), common / len(g)
    return 2 * precision * recall / (precision + recall) >= 0.5


# --- matching and scores --------------------------------------------------------------------


def _span(text: str, phrase: str | None, taken: set[tuple[int, int]]) -> tuple[int, int] | None:
    if not phrase:
        return None
    at = text.find(phrase)
    while at >= 0 and (at, at + len(phrase)) in taken:
        at = text.find(phrase, at + 1)
    return None if at < 0 else (at, at + len(phrase))


def match(text: str, gold: list[Quantity], pred: list[Quantity]) -> list[tuple[int, int]]:
    """Strict one-to-one pairs (gold index, predicted index): same (low, high), and the spans
    overlap when the gold text is found in the sentence. Overlapping candidates are preferred
    over the first equal value."""
    taken: set[tuple[int, int]] = set()
    spans = []
    for g in gold:
        span = _span(text, g.get("text"), taken)
        if span is not None:
            taken.add(span)
        spans.append(span)
    used: set[int] = set()
    pairs = []
    for gi, g in enumerate(gold):
        best = None
        for pi, p in enumerate(pred):
            if pi in used:
                continue
            if not (same_number(g["low"], p.get("low")) and same_number(g["high"], p.get("high"))):
                continue
            span = spans[gi]
            overlaps = span is None or "start" not in p
            if not overlaps and span is not None:
                overlaps = p["start"] < span[1] and span[0] < p["end"]
            if not overlaps:
                continue
            best = pi
            break
        if best is not None:
            used.add(best)
            pairs.append((gi, best))
    return pairs


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


def change_right(g: Quantity, p: Quantity) -> bool:
    return (g.get("change") or None) == (p.get("change") or None) and same_number(
        g.get("from_value"), p.get("from_value")
    )


def attribution_right(g: Quantity, p: Quantity) -> bool:
    return norm_name(g.get("speaker")) == norm_name(p.get("speaker")) and norm_name(
        g.get("via")
    ) == norm_name(p.get("via"))


def score(records: list[Record], predictions: list[list[Quantity]]) -> dict[str, Any]:
    labels_change = any("change" in q for r in records for q in r["quantities"])
    labels_subject = any("subject" in q for r in records for q in r["quantities"])
    keys = ["value", "value+unit", "value+qualifier"]
    if labels_change:
        keys.append("value+change")
    keys.append("attribution")
    counts = {k: Counts() for k in keys}
    subj_gold = subj_present = subj_right = 0
    as_of_pairs = as_of_right = 0
    for rec, pred in zip(records, predictions, strict=True):
        gold = rec["quantities"]
        pairs = match(rec["text"], gold, pred)
        for k in keys[:-1]:
            counts[k].gold += len(gold)
            counts[k].pred += len(pred)
        counts["value"].tp += len(pairs)
        attr = counts["attribution"]
        attr.gold += sum(1 for g in gold if g.get("speaker"))
        attr.pred += sum(1 for p in pred if p.get("speaker"))
        for gi, pi in pairs:
            g, p = gold[gi], pred[pi]
            counts["value+unit"].tp += same_unit(g, p)
            counts["value+qualifier"].tp += g["qualifier"] == p.get("qualifier")
            if labels_change:
                counts["value+change"].tp += change_right(g, p)
            if g.get("speaker") and attribution_right(g, p):
                attr.tp += 1
            if g.get("subject"):
                subj_gold += 1
                subj_present += bool((p.get("subject") or "").strip())
                subj_right += subject_right(g["subject"], p.get("subject"))
            if "as_of" in g:
                as_of_pairs += 1
                as_of_right += norm_name(g["as_of"]) == norm_name(p.get("as_of"))
    out: dict[str, Any] = {k: c.prf() for k, c in counts.items()}
    if labels_subject and subj_gold:
        out["subject"] = (100 * subj_present / subj_gold, 100 * subj_right / subj_gold, subj_gold)
    if as_of_pairs:
        out["as_of"] = (100 * as_of_right / as_of_pairs, as_of_pairs)
    return out


# --- classes of the issue, inferred from the gold labels -------------------------------------

_CLASS_NAMES = {
    1: "currency forms",
    2: "ranges",
    3: "changes from A to B",
    4: "fractions, shares, multiples",
    5: "compact / scientific notation",
    6: "negative figures",
    7: "units beyond the old lexicon",
    8: "ages",
    9: "counted nouns",
    10: "subjects",
    11: "attribution",
    12: "time (as_of)",
}
_PLAIN_DOLLAR = re.compile(r"^(?:[a-z ]+ )?(?:US)?\$\s?[0-9]", re.IGNORECASE)
_FRACTION_TEXT = re.compile(
    r"\b(?:half|quarter|third|fifths?|sixths?|sevenths?|eighths?|tenths?|one in|out of|fold|"
    r"times)\b|[0-9]/[0-9]|⁄|[½¼¾⅓⅔⅛]",
    re.IGNORECASE,
)
_COMPACT_TEXT = re.compile(r"×|\^|[0-9][eE][-−+]?[0-9]|[0-9][a-zA-Z″′\"]|hundred thousand")
#: unit names the extractor knew before the issue (class 7 is everything else)
_OLD_UNITS = names(
    "percent|percentage point|basis point|point|dollar|euro|pound|yen|yuan|rupee|rouble|won|"
    "franc|peso|rand|cent|penny|kilometre|metre|centimetre|millimetre|mile|foot|inch|yard|"
    "tonne|kilogram|gram|square kilometre|square metre|square mile|hectare|acre|litre|barrel|"
    "gallon|kilowatt|megawatt|gigawatt|kilowatt-hour|megawatt-hour|gigawatt-hour|"
    "terawatt-hour|degree celsius|degree fahrenheit|gigabyte|terabyte|megabyte|ratio|year|"
    "month|day|hour|minute|second|week|decade"
)


def classes(rec: Record, g: Quantity) -> set[int]:
    found: set[int] = set()
    text = g.get("text") or ""
    name = norm_name(g.get("unit_name"))
    dim = g.get("dimension") or ""
    if g.get("currency") and not _PLAIN_DOLLAR.match(text):
        found.add(1)
    if g.get("low") != g.get("high") and g.get("qualifier") == "=":
        found.add(2)
    if g.get("from_value") is not None:
        found.add(3)
    if (
        name in ("times", "ratio")
        or (dim == "percent" and _FRACTION_TEXT.search(text))
        or (_FRACTION_TEXT.search(text) and dim not in ("count", "currency"))
    ):
        found.add(4)
    if _COMPACT_TEXT.search(text):
        found.add(5)
    low = dec(g.get("low"))
    if low is not None and low < 0:
        found.add(6)
    if name and dim and dim not in ("count", "currency", "age", "ratio") and name not in _OLD_UNITS:
        found.add(7)
    if dim == "age":
        found.add(8)
    if dim == "count" and name:
        found.add(9)
    if g.get("subject"):
        found.add(10)
    if g.get("speaker"):
        found.add(11)
    if g.get("as_of"):
        found.add(12)
    return found


def by_class(
    records: list[Record], predictions: list[list[Quantity]], show: int | None
) -> list[str]:
    total: Counter[int] = Counter()
    found: Counter[int] = Counter()
    right: Counter[int] = Counter()
    shown: list[str] = []
    for rec, pred in zip(records, predictions, strict=True):
        pairs = dict(match(rec["text"], rec["quantities"], pred))
        for gi, g in enumerate(rec["quantities"]):
            p = pred[pairs[gi]] if gi in pairs else None
            for cls in classes(rec, g):
                total[cls] += 1
                if p is None:
                    ok = False
                else:
                    found[cls] += 1
                    ok = same_unit(g, p) and ("change" not in g or change_right(g, p))
                    if cls == 10:
                        ok = subject_right(g["subject"], p.get("subject"))
                    elif cls == 11:
                        ok = attribution_right(g, p)
                    elif cls == 12:
                        ok = norm_name(g["as_of"]) == norm_name(p.get("as_of"))
                right[cls] += ok
                if cls == show and not ok:
                    got = (
                        "missed"
                        if p is None
                        else json.dumps(
                            {
                                k: p.get(k)
                                for k in (
                                    "text",
                                    "low",
                                    "high",
                                    "unit_name",
                                    "currency",
                                    "change",
                                    "from_value",
                                    "subject",
                                    "speaker",
                                    "via",
                                    "as_of",
                                )
                            },
                            ensure_ascii=False,
                        )
                    )
                    want = {k: g.get(k) for k in ("text", "low", "high", "unit_name")}
                    want.update({k: g[k] for k in ("currency", "change", "subject") if k in g})
                    want.update({k: g[k] for k in ("speaker", "via", "as_of") if k in g})
                    shown.append(
                        f"  {rec['id']}: {rec['text']}\n"
                        f"    gold {json.dumps(want, ensure_ascii=False)}\n    ours {got}"
                    )
    lines = [f"  {'class':36} {'gold':>5} {'found':>6} {'right':>6}"]
    for cls in sorted(_CLASS_NAMES):
        if total[cls]:
            lines.append(
                f"  {cls:2} {_CLASS_NAMES[cls]:33} {total[cls]:5} "
                f"{100 * found[cls] / total[cls]:5.1f}% {100 * right[cls] / total[cls]:5.1f}%"
            )
    return lines + shown


# --- predictions ---------------------------------------------------------------------------


def ours(texts: list[str]) -> list[list[Quantity]]:
    return [[q.to_dict() for q in extract(t)] for t in texts]


def quantulum(texts: list[str]) -> list[list[Quantity]]:
    from quantulum3 import parser

    out = []
    for t in texts:
        items = []
        for q in parser.parse(t):
            name = "" if q.unit.name == "dimensionless" else q.unit.name
            currency = None
            if q.unit.entity is not None and q.unit.entity.name == "currency":
                currency = (getattr(q.unit, "currency_code", None) or "").upper() or None
            start, end = q.span
            items.append(
                {
                    "low": q.value,
                    "high": q.value,
                    "start": start,
                    "end": end,
                    "unit_name": name,
                    "currency": currency,
                    "qualifier": "=",
                    "speaker": None,
                }
            )
        out.append(items)
    return out


def print_table(mine: dict[str, Any], theirs: dict[str, Any] | None) -> None:
    print(f"{'':17} {'ours P / R / F1':>24}   {'quantulum3 P / R / F1':>24}")
    for key, stats in mine.items():
        if key == "subject":
            present, right, n = stats
            print(f"{'subject':17} present {present:5.1f}%  right {right:5.1f}%  (of {n})")
            continue
        if key == "as_of":
            right, n = stats
            print(f"{'as_of':17} right {right:5.1f}%  (of {n} matched)")
            continue
        p, r, f = stats
        line = f"{key:17} {p:6.1f} / {r:5.1f} / {f:5.1f}"
        if theirs and key in ("value", "value+unit"):
            tp, tr, tf = theirs[key]
            line += f"      {tp:6.1f} / {tr:5.1f} / {tf:5.1f}"
        print(line)


# --- speed ----------------------------------------------------------------------------------

QUANTULUM_PROCESS = """
import json, sys
from quantulum3 import parser
for line in sys.stdin:
    item = json.loads(line)
    found = [[str(q.value), q.unit.name] for q in parser.parse(item["text"])]
    sys.stdout.write(json.dumps({"id": item["id"], "quantities": found}) + "\\n")
"""


def whole_process(command: list[str], payload: Path) -> float:
    """Wall seconds of one process reading the JSON lines in ``payload``, start-up included."""
    with payload.open("rb") as stdin:
        start = time.perf_counter()
        subprocess.run(  # noqa: S603 - our own interpreter and module
            command, stdin=stdin, stdout=subprocess.DEVNULL, check=True, cwd=ROOT
        )
        return time.perf_counter() - start


ADVERSARIAL: dict[str, Callable[[random.Random], str]] = {
    "long digit runs": lambda rng: "".join(rng.choice("0123456789") for _ in range(20000)) + " ",
    "repeated qualifiers": lambda rng: "more than at least up to nearly " * 400 + "5 soldiers. ",
    "nested quotes": lambda rng: '“‘"' * 400 + "said Mr. X" + '"’”' * 400 + " ",
    "repeated attribution": lambda rng: "Mr. Mr. said said according to citing " * 200 + ". ",
    "unicode noise": lambda rng: "".join(chr(rng.randrange(32, 0x2FFF)) for _ in range(8000)),
    "glued codes": lambda rng: "USD3.2bnGBP40mRM450PS18m$US12.5mHK $920 " * 300,
    "ranges and changes": lambda rng: "from $1 to $2 to $3 from 4 to 5 between 6 and 7 " * 300,
}
DENSE: dict[str, Callable[[random.Random], str]] = {
    "comma lists": lambda rng: "1,000," * 800 + " ",
    "chained ranges": lambda rng: "between 1 and 2 and 3 and 4 and 5 " * 100,
    "vague amounts": lambda rng: "tens of tens of tens of thousands of " * 80,
    "ratios": lambda rng: "seven or eight to one to one to one " * 100,
}


def build(kinds: dict[str, Callable[[random.Random], str]], size: int = 1_000_000) -> str:
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
    """(wall seconds, CPU seconds, figures, offsets valid)."""
    start, cpu = time.perf_counter(), time.process_time()
    found = extract(text)
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    return elapsed, cpu, len(found), all(text[q.start : q.end] == q.text for q in found)


def speed(texts: list[str], with_quantulum: bool) -> None:
    print(f"\n== speed: whole processes over the same {len(texts)} sentences ==")
    with tempfile.TemporaryDirectory() as tmp:
        payload = Path(tmp) / "sentences.jsonl"
        with payload.open("w", encoding="utf-8") as fh:
            for i, t in enumerate(texts):
                fh.write(json.dumps({"id": i, "text": t}, ensure_ascii=False) + "\n")
        python = sys.executable
        mine = min(
            whole_process([python, "-m", "claims.extraction", "--batch"], payload) for _ in range(3)
        )
        print(f"ours        {mine:7.2f} s   {len(texts) / mine:9.0f} sentences/s")
        if with_quantulum:
            theirs = whole_process([python, "-c", QUANTULUM_PROCESS], payload)
            print(f"quantulum3  {theirs:7.2f} s   {len(texts) / theirs:9.0f} sentences/s")
            print(f"ratio       {theirs / mine:7.1f}x")
    elapsed, cpu, count, ok = timed(build(ADVERSARIAL))
    print(
        f"\n1 MB hostile input ({', '.join(sorted(ADVERSARIAL))}): "
        f"{elapsed:.2f} s wall, {cpu:.2f} s CPU, {count} figures, offsets valid: {ok}"
    )
    elapsed, cpu, count, ok = timed(build(DENSE))
    print(
        f"1 MB of dense figures ({', '.join(sorted(DENSE))}): {elapsed:.2f} s wall, "
        f"{cpu:.2f} s CPU, {count} figures, offsets valid: {ok}"
    )
    print(f"(load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")


def splits(records: Iterable[Record]) -> list[str]:
    return sorted({r["split"] for r in records}, key=lambda s: (s == HELD_OUT, s != "dev", s))


def main() -> None:
    args = argparse.ArgumentParser()
    args.add_argument("--no-quantulum", action="store_true")
    args.add_argument("--no-speed", action="store_true")
    args.add_argument("--show", type=int, help="list the dev misses of one class (1-12)")
    args.add_argument("--dev", action="store_true", help="only the files and splits we tune on")
    args.add_argument(
        "--file",
        type=Path,
        action="append",
        help="score this file instead of the project's (repeatable): a set written for a gate",
    )
    opts = args.parse_args()
    all_texts: list[str] = []
    files = [("news", path.resolve()) for path in opts.file] if opts.file else FILES
    for label, path in files:
        if not path.exists():
            print(f"({path}: not there, skipped)")
            continue
        if opts.dev and HELD_OUT in path.name:
            continue
        records = load(path)
        if opts.dev:
            records = [r for r in records if r["split"] == "dev"]
        all_texts.extend(r["text"] for r in records)
        preds = ours([r["text"] for r in records])
        q_preds = None if opts.no_quantulum else quantulum([r["text"] for r in records])
        for split in splits(records):
            idx = [i for i, r in enumerate(records) if r["split"] == split]
            recs = [records[i] for i in idx]
            figures = sum(len(r["quantities"]) for r in recs)
            print(
                f"\n== {label} {split}: {path.name}, {len(recs)} items, {figures} gold figures, "
                f"{sum(1 for r in recs if not r['quantities'])} without one =="
            )
            mine = score(recs, [preds[i] for i in idx])
            theirs = score(recs, [q_preds[i] for i in idx]) if q_preds else None
            print_table(mine, theirs)
            if split == "dev":
                print("misses by class (dev only):")
                for line in by_class(recs, [preds[i] for i in idx], opts.show):
                    print(line)
    if not opts.no_speed:
        speed(all_texts, not opts.no_quantulum)


if __name__ == "__main__":
    main()
