"""Fractions, shares and multiples.

* A share of a group is a percentage: "a quarter of voters" 25, "three-fifths of members" 60,
  "half the tenants" 50, "one in seven adults" 14.29, "two out of five" 40 (two decimals).
* A fraction of a unit keeps the unit: "3/4 cup" 0.75 cup, "1⁄8 of a mile" 0.125 mile, "half an
  hour" 0.5 hour, "½ teaspoon".
* Multiples are ``times``: "fourfold" 4, "a millionfold" 1,000,000, "five times as many" 5 (the
  "times" itself is read as a unit by the figure parser), "a thousandth the width" 0.001.

Not shares: "the first half", "the second half" (times of the year), "half-time".
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from .numbers import ONES, SCALES, TENS, NumberParse
from .sentences import NUM, WORD, Token
from .units import UNIT_FIRST_TOKENS

DENOMINATORS: dict[str, int] = {
    "half": 2,
    "halves": 2,
    "third": 3,
    "thirds": 3,
    "quarter": 4,
    "quarters": 4,
    "fourth": 4,
    "fourths": 4,
    "fifth": 5,
    "fifths": 5,
    "sixth": 6,
    "sixths": 6,
    "seventh": 7,
    "sevenths": 7,
    "eighth": 8,
    "eighths": 8,
    "ninth": 9,
    "ninths": 9,
    "tenth": 10,
    "tenths": 10,
}
#: tiny fractions read as multiples ("a thousandth the width of a hair")
SMALL_FRACTIONS = {"hundredth": 100, "thousandth": 1000, "millionth": 1_000_000}
VULGAR = {"½": "0.5", "¼": "0.25", "¾": "0.75", "⅓": "0.3333", "⅔": "0.6667", "⅛": "0.125"}
_FOLD_PREFIXES = {**ONES, **TENS, **{k: v for k, v in SCALES.items() if k != "lakh"}}
_NOT_SHARE_BEFORE = frozenset({"first", "second", "third", "fourth", "final", "last", "latter"})
#: "doubled", "tripled": a change by a multiple
MULTIPLIER_VERBS = {"doubled": 2, "tripled": 3, "trebled": 3, "quadrupled": 4}
#: "double" and friends are multiples only after a bound or a verb: "more than double", "to
#: double council tax" (not "a double murder")
MULTIPLIERS = {"double": 2, "triple": 3, "treble": 3, "quadruple": 4}
GROWTH_WORDS = frozenset(MULTIPLIER_VERBS) | frozenset(MULTIPLIERS)
_BEFORE_MULTIPLIER = frozenset(
    {"than", "nearly", "almost", "about", "roughly", "to", "will", "would", "could", "may"}
)
#: what follows a multiple that compares ("double the average", "twice as fast", "twice that")
_COMPARED_AFTER = frozenset({"the", "as", "that", "its", "their", "his", "her", "what"})
_HUNDRED = Decimal(100)
_CENT = Decimal("0.01")


def _small_number(tok: Token) -> int | None:
    if tok.kind == NUM and tok.text.isdigit() and len(tok.text) <= 6:
        return int(tok.text)
    return ONES.get(tok.low) or TENS.get(tok.low)


def _percent(numerator: Decimal, denominator: int, end: int) -> NumberParse:
    value = (numerator * _HUNDRED / denominator).quantize(_CENT, rounding=ROUND_HALF_UP)
    value = value.normalize() if value != value.to_integral_value() else value.quantize(1)
    return NumberParse(value, value, end, words=True, share="percent")


def _adjacent(toks: list[Token], k: int) -> bool:
    return 0 < k < len(toks) and toks[k].start == toks[k - 1].end


def parse_share(toks: list[Token], i: int) -> NumberParse | None:
    """A share, fraction or multiple starting at token ``i``, or None."""
    n = len(toks)
    t = toks[i]
    low = t.low
    if i > 0 and toks[i - 1].low in _NOT_SHARE_BEFORE:
        return None
    if t.kind == WORD and low in VULGAR:
        return NumberParse(Decimal(VULGAR[low]), Decimal(VULGAR[low]), i + 1, share="unit")
    if t.kind == WORD and low in MULTIPLIER_VERBS:
        value = Decimal(MULTIPLIER_VERBS[low])
        return NumberParse(value, value, i + 1, words=True, share="times")
    if t.kind == WORD and low in MULTIPLIERS and i > 0 and toks[i - 1].low in _BEFORE_MULTIPLIER:
        value = Decimal(MULTIPLIERS[low])
        return NumberParse(value, value, i + 1, words=True, share="times")
    if (
        t.kind == WORD
        and (low in MULTIPLIERS or low == "twice")
        and i + 1 < n
        and toks[i + 1].low in _COMPARED_AFTER
        and (low == "twice" or (i > 0 and toks[i - 1].text in (",", "–", "—", "(")))
    ):
        # ", double the 100,000 required", "twice the national average", "twice as fast"
        value = Decimal(MULTIPLIERS.get(low, 2))
        return NumberParse(value, value, i + 1, words=True, share="times")
    if t.kind == WORD and low == "twice" and i > 0 and toks[i - 1].low in _BEFORE_MULTIPLIER:
        return NumberParse(Decimal(2), Decimal(2), i + 1, words=True, share="times")
    if t.kind == WORD and low.endswith("fold") and low[:-4] in _FOLD_PREFIXES:
        value = Decimal(_FOLD_PREFIXES[low[:-4]])
        return NumberParse(value, value, i + 1, words=True, share="times")
    if low in ("a", "an") and i + 1 < n:
        nxt = toks[i + 1].low
        if nxt.endswith("fold") and nxt[:-4] in _FOLD_PREFIXES:
            value = Decimal(_FOLD_PREFIXES[nxt[:-4]])
            return NumberParse(value, value, i + 2, words=True, share="times")
        if nxt in SMALL_FRACTIONS:
            value = Decimal(1) / SMALL_FRACTIONS[nxt]
            return NumberParse(value, value, i + 2, words=True, share="times")
    # "half" alone: "about half of", "half the tenants", "down by half"; "half an hour"
    if low == "half" and not (i + 1 < n and toks[i + 1].text in ("-", "–")):
        if i + 2 < n and toks[i + 1].low in ("a", "an"):
            if toks[i + 2].low in SCALES or toks[i + 2].low == "dozen":
                return None  # "half a million": a number
            return NumberParse(Decimal("0.5"), Decimal("0.5"), i + 2, share="unit")
        if i > 0 and toks[i - 1].low in ("the", "this", "that", "each"):
            return None
        return _percent(Decimal(1), 2, i + 1)
    # "a quarter of", "one third", "three-fifths", "two thirds"
    numerator: int | None = 1 if low in ("a", "one") else _small_number(t)
    if numerator is not None and i + 1 < n:
        k = i + 1
        if toks[k].text in ("-", "–") and _adjacent(toks, k) and k + 1 < n:
            k += 1
        word = toks[k].low
        if word in DENOMINATORS and (numerator == 1 or word.endswith("s") or word == "half"):
            if word in ("half", "halves") and numerator != 1:
                return None
            if t.kind == NUM and toks[k - 1].text not in ("-", "–"):
                return None  # "3 quarters" of a match, "4 thirds"
            if k + 1 < n and toks[k + 1].low in ("point", "percentage") and numerator == 1:
                value = Decimal(1) / DENOMINATORS[word]
                return NumberParse(value, value, k + 1, words=True, share="point")
            if (
                k + 3 < n
                and toks[k + 1].low == "of"
                and toks[k + 2].low in ("a", "an")
                and toks[k + 3].low in UNIT_FIRST_TOKENS
                and toks[k + 3].low not in ("point", "points")
                and toks[k + 3].low not in SCALES
            ) or (k + 4 < n and toks[k + 3].low == "percentage"):
                value = Decimal(numerator) / DENOMINATORS[word]
                return NumberParse(value, value, k + 3, words=True, share="unit")
            return _percent(Decimal(numerator), DENOMINATORS[word], k + 1)
    # "one in seven", "1 in 10", "two out of five", "one in every four"
    if numerator is not None and i + 2 < n:
        k = i + 1
        if toks[k].low == "in":
            k += 1
        elif toks[k].low == "out" and k + 2 < n and toks[k + 1].low == "of":
            k += 2
        elif toks[k].low == "of" and k + 2 < n and toks[k + 1].low == "every":
            k += 1  # "four of every 10 jobs"
        else:
            k = -1
        if k > 0 and toks[k].low == "every" and k + 1 < n:
            k += 1
        if k > 0:
            denominator = _small_number(toks[k])
            if t.kind == NUM and toks[k].kind != NUM:
                denominator = None  # "won 6-2 in three hours"; but "three in 10 Britons"
            if (
                denominator
                and denominator >= numerator
                and not (
                    toks[k].kind == NUM
                    and len(toks[k].text) == 4
                    and toks[k].text.startswith(("19", "20"))
                )
            ):
                return _percent(Decimal(numerator), denominator, k + 1)
    # "3/4 cup", "1⁄8 of a mile": a fraction of a unit
    slash = (
        t.kind == NUM
        and i + 2 < n
        and toks[i + 1].text in ("/", "⁄")
        and toks[i + 2].kind == NUM
        and _adjacent(toks, i + 1)
        and _adjacent(toks, i + 2)
    )
    if slash:
        top, bottom = _small_number(t), _small_number(toks[i + 2])
        if top and bottom and top < bottom <= 64:
            value = (Decimal(top) / bottom).quantize(Decimal("0.0001")).normalize()
            end = i + 3
            if end + 1 < n and toks[end].low == "of" and toks[end + 1].low in ("a", "an"):
                end += 2
            return NumberParse(value, value, end, share="unit")
    return None


def is_share_start(tok: Token) -> bool:
    low = tok.low
    return (
        low in VULGAR
        or low == "half"
        or low in MULTIPLIER_VERBS
        or low in MULTIPLIERS
        or low == "twice"
        or (low.endswith("fold") and low[:-4] in _FOLD_PREFIXES)
    )
