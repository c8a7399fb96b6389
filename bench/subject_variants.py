"""How well subjects survive the constructions news wraps around a sentence (dev only).

Each dev sentence of ``extraction_news_dev.jsonl`` is rewritten mechanically into other
constructions that leave its figures and what they are about unchanged: a lead-in ("On
Tuesday, ...", "According to ..., ..."), a speech lead ("Mr. Roe said ...", "Data showed that
..."), a relay or a trailing attribution (", officials said.", ", Dr. Jane Roe told Reuters."),
a quotation, an aside after the subject (", which was set up in 1990,"), an adverb before the
verb ("also"), a sentence before it. For each rewrite it counts the subjects that were right
on the sentence as written and are wrong on the rewrite (right = ``subject_right`` of
``bench/extraction.py``). The held-out files are never opened.

    .venv/bin/python bench/subject_variants.py [--show NAME]
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.extraction import DATA, load, match, subject_right  # noqa: E402
from claims.extraction import extract  # noqa: E402
from claims.extraction.clauses import sentence_opening  # noqa: E402
from claims.extraction.sentences import tokenize  # noqa: E402

_SPEECH = re.compile(r"\b(?:said|says|told|according|found|estimated|reported|show)\b", re.I)
_LOWER_FIRST = frozenset(
    ("The", "A", "An", "About", "Around", "More", "Nearly", "Some", "Almost", "Roughly", "Over")
)


def _lower_first(text: str) -> str:
    return text[0].lower() + text[1:] if text.split()[0] in _LOWER_FIRST else text


def _body(text: str) -> str:
    return text[:-1] if text.endswith(".") else text


def _unsaid(make: Callable[[str], str]) -> Callable[[str], str | None]:
    """Only for sentences that say nothing of who speaks: a second speaker would change it."""
    return lambda text: None if _SPEECH.search(text) else make(text)


def _aside(insert: str) -> Callable[[str], str | None]:
    """The text with ``insert`` right after its opening noun phrase."""

    def make(text: str) -> str | None:
        toks = tokenize(text, 0)
        span = sentence_opening(toks, len(toks))
        if span is None or span[0] > 1:
            return None
        end = toks[span[1]].end
        return text[:end] + insert + text[end:] if text[end : end + 1] == " " else None

    return make


VARIANTS: dict[str, Callable[[str], str | None]] = {
    "on_tuesday": lambda t: "On Tuesday, " + _lower_first(t),
    "meanwhile": lambda t: "Meanwhile, " + _lower_first(t),
    "according_to": _unsaid(lambda t: "According to Dr. Jane Roe, " + _lower_first(t)),
    "mr_roe_said": _unsaid(lambda t: "Mr. Roe said " + _lower_first(t)),
    "data_showed_that": _unsaid(lambda t: "Data showed that " + _lower_first(t)),
    "officials_said": _unsaid(lambda t: _body(t) + ", officials said."),
    "told_reuters": _unsaid(lambda t: _body(t) + ", Dr. Jane Roe told Reuters."),
    "herald_reported": _unsaid(lambda t: _body(t) + ", the Korea Herald reported."),
    "quoted": _unsaid(lambda t: '"' + _body(t) + '," said Jane Roe.'),
    "sentence_before": lambda t: "The figures were published on Monday. " + t,
    "aside_which": _aside(", which was set up in 1990,"),
    "aside_apposition": _aside(", the country's largest,"),
    "also": _aside(" also"),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--show", help="list the subjects a rewrite breaks")
    args = parser.parse_args()
    records = load(DATA / "extraction_news_dev.jsonl")
    for name, rewrite in VARIANTS.items():
        kept = broken = 0
        shown = []
        for rec in records:
            gold = rec["quantities"]
            base = [q.to_dict() for q in extract(rec["text"])]
            right = {
                g: base[p]
                for g, p in match(rec["text"], gold, base)
                if gold[g].get("subject") and subject_right(gold[g]["subject"], base[p]["subject"])
            }
            text = rewrite(rec["text"])
            if not right or text is None:
                continue
            pred = [q.to_dict() for q in extract(text)]
            pairs = dict(match(text, gold, pred))
            for g, before in right.items():
                p = pairs.get(g)
                if p is not None and subject_right(gold[g]["subject"], pred[p]["subject"]):
                    kept += 1
                    continue
                broken += 1
                now = pred[p]["subject"] if p is not None else "(figure lost)"
                shown.append(f"  {text}\n    {before['subject']!r} -> {now!r}")
        print(f"{name:18} right before {kept + broken:5}   wrong after {broken:4}")
        if args.show == name:
            print("\n".join(shown))


if __name__ == "__main__":
    main()
