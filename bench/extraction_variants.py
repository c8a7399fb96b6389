"""Constructions the extractor must read, generated mechanically: which forms fail?

Run from the repository root:

    .venv/bin/python bench/extraction_variants.py [--show N]

Each family writes one construction many ways, from data rather than by hand where data
serve: currency codes, names and symbols from CLDR through Babel (``lexicon.currencies()``),
unit forms from pint's registry (``lexicon.pint_forms()``), verbs of change in their forms,
ranges with the unit on one or both ends. It prints, per family, how many variants are read
as expected and (``--show N``) the first N that are not. The sentences are ours and
synthetic; no labelled file is read.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from claims.extraction import ExtractedQuantity, extract, lexicon  # noqa: E402
from claims.extraction.units import CURRENCY_CODES  # noqa: E402

D = Decimal
Check = Callable[[list[ExtractedQuantity]], bool]


def has(value: Decimal | int, **fields: object) -> Check:
    """A check: some figure has this value (low = high) and these fields."""

    def check(found: list[ExtractedQuantity]) -> bool:
        return any(
            q.low == D(value) == q.high and all(getattr(q, k) == v for k, v in fields.items())
            for q in found
        )

    return check


def spans(low: Decimal | int, high: Decimal | int) -> Check:
    def check(found: list[ExtractedQuantity]) -> bool:
        return any(q.low == D(low) and q.high == D(high) for q in found)

    return check


def money() -> Iterator[tuple[str, str, Check]]:
    from babel import localedata

    en = localedata.load("en")
    data = lexicon.currencies()
    for code in sorted(c for c in data.codes if c in CURRENCY_CODES):
        yield "code glued", f"The firm raised {code}3.2bn.", has(3_200_000_000, currency=code)
        yield "code spaced", f"The firm raised {code} 750,000.", has(750_000, currency=code)
        yield "code after", f"The firm raised 12 billion {code}.", has(12 * 10**9, currency=code)
        plural = en["currency_names_plural"].get(code, {}).get("other")
        if plural:
            text = f"The firm raised 450 million {plural}."
            yield "name plural", text, has(450_000_000, currency=code)
    for symbol, code in sorted(data.symbols.items()):
        if code in CURRENCY_CODES:
            yield "symbol glued", f"The firm raised {symbol}4.5m.", has(4_500_000, currency=code)
    for nation, codes in sorted(data.nations.items()):
        for head, shared in sorted(data.shared.items()):
            if len(codes & shared) == 1 and head.endswith("s") and head != "dollars":
                code = next(iter(codes & shared))
                if data.heads.get(head) == code:
                    continue
                text = f"In {nation}, the budget assigns 40 billion {head} to roads."
                yield "shared noun + nation", text, has(40 * 10**9, currency=code)


def a_unit(found: list[ExtractedQuantity]) -> bool:
    """Some figure of 40 is read in a unit (pint's, or our lexicon's reading of the form)."""
    return any(q.low == 40 and q.unit_name and q.dimension != "count" for q in found)


def units() -> Iterator[tuple[str, str, Check]]:
    for form, (_unit, _display, symbol) in sorted(lexicon.pint_forms().items()):
        if symbol:
            yield "pint symbol glued", f"It is rated at 40{form}.", a_unit
        yield "pint form spaced", f"It is rated at 40 {form}.", a_unit


_DOWN = "slid shrank eased fell dropped declined slumped sank dipped narrowed tumbled plunged"
_UP = "climbed jumped rose grew widened soared surged increased edged rebounded rallied"
_PAIRS = (
    ("$1,870", "$1,795", D(1870), D(1795)),
    ("41,300 barrels", "56,900 barrels", D(41300), D(56900)),
    ("3.1 percent", "2.9 percent", D("3.1"), D("2.9")),
    ("4.2%", "3.8%", D("4.2"), D("3.8")),
)


def changes() -> Iterator[tuple[str, str, Check]]:
    for verb in f"{_DOWN} {_UP}".split():
        for a, b, av, bv in _PAIRS:
            level = has(bv, change="to", from_value=av)
            yield "from A to B", f"Output {verb} from {a} to {b}.", level
            yield "to B from A", f"Output {verb} to {b} from {a}.", level
            yield "to B by 2030 from A", f"Output {verb} to {b} by 2030 from {a}.", level
            text = f"Output {verb} to {b} in May from {a} a year earlier."
            yield "to B in May from A", text, level
            yield "by X to B: X", f"Output {verb} by {a} to {b}.", has(av, change="by")
            yield "by X to B: B", f"Output {verb} by {a} to {b}.", has(bv, change="to")
        text = f"Debt {verb} to 105% of GDP from 107.7%."
        yield "to B% of GDP from A%", text, has(105, change="to", from_value=D("107.7"))


def ranges() -> Iterator[tuple[str, str, Check]]:
    for sym in ("Hz", "kHz", "km", "kg", "cm", "GW", "kV", "mph", "%"):
        sp = "" if sym == "%" else " "
        yield "between AuBu", f"It works between 20{sym} and 40{sym}.", spans(20, 40)
        yield "between A and Bu", f"It works between 20 and 40{sp}{sym}.", spans(20, 40)
        yield "Au to Bu", f"It measures 8.5{sym} to 9.0{sym}.", spans(D("8.5"), 9)
        yield "A-Bu", f"It measures 12-14{sym}.", spans(12, 14)
    for word, scale in (("million", 10**6), ("billion", 10**9)):
        yield "A-B scale", f"It will cost 12-14 {word} pounds.", spans(12 * scale, 14 * scale)
        text = f"Prices range from $450,000 to $2.1 {word}."
        yield "from $A to $B scale", text, spans(450_000, D("2.1") * scale)
    yield "words thousand", "Six to seven thousand voters came.", spans(6000, 7000)
    yield "words hundred", "Five to six hundred homes flooded.", spans(500, 600)
    yield "hyphenated to", "Expect 20-to-30 mph winds.", spans(20, 30)
    text = "About 2 million-3 million people fled."
    yield "scaled dash scaled", text, spans(2 * 10**6, 3 * 10**6)


FAMILIES = {"money": money, "units": units, "changes": changes, "ranges": ranges}


def main() -> None:
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--show", type=int, default=0, help="list the first N failures per family")
    opts = args.parse_args()
    for name, family in FAMILIES.items():
        total: dict[str, int] = {}
        failed: dict[str, list[str]] = {}
        for kind, text, check in family():
            total[kind] = total.get(kind, 0) + 1
            found = extract(text)
            if not check(found):
                failed.setdefault(kind, []).append(f"{text} -> {[q.text for q in found]}")
        print(f"== {name}")
        for kind, count in total.items():
            bad = failed.get(kind, [])
            print(f"  {kind:24} {count - len(bad):5}/{count}")
            for line in bad[: opts.show]:
                print(f"      {line}")


if __name__ == "__main__":
    main()
