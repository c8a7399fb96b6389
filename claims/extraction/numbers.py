"""Numbers written with digits or words, scale words and suffixes, and vague amounts.

Vague amounts are read as ranges, with this convention (``~`` qualifier):

===========================  =====================
"tens"                        10 – 100
"dozens"                      24 – 144 (2 to 12 dozen)
"hundreds"                    100 – 1,000
"thousands"                   1,000 – 10,000
"tens of thousands"           10,000 – 100,000
"hundreds of thousands"       100,000 – 1,000,000
"millions" / "billions"       1e6 – 1e7 / 1e9 – 1e10
"several hundred"             300 – 900 (several = 3 – 9)
"a few thousand"              2,000 – 5,000 (a few = 2 – 5)
"several dozen"               36 – 108
===========================  =====================

A hand-written parser is used for number words (twenty-five, a dozen, half a million, two and a
half): the candidates (word2number, text2num) either lack "a dozen"/"half a million", pull a native
extension in, or do not report which tokens they consumed, which we need for offsets.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from .sentences import NUM, PUNCT, WORD, Token, wordset

ONES: dict[str, int] = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS: dict[str, int] = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
SCALES: dict[str, int] = {
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
    "lakh": 100_000,
    "crore": 10_000_000,
}
#: Abbreviated scales. ``m`` and ``b`` only count after a currency ("£3.2m"); otherwise "3.2m"
#: is 3.2 metres. The others may be attached ("10k", "$1.762bn") or spaced ("$4 bn").
SUFFIX_SCALES: dict[str, int] = {
    "k": 1_000,
    "m": 1_000_000,
    "mn": 1_000_000,
    "mln": 1_000_000,
    "mil": 1_000_000,
    "b": 1_000_000_000,
    "bn": 1_000_000_000,
    "bln": 1_000_000_000,
    "tn": 1_000_000_000_000,
    "trn": 1_000_000_000_000,
}
CURRENCY_ONLY_SUFFIXES = frozenset({"m", "b", "mil"})
#: words ending in "s" that are no counted noun after "10,000m" ("the 10,000m was won")
_NOT_COUNTED = wordset(
    "was has is as its this thus plus us yes his hers ours theirs whereas across unless"
)
NUMBER_WORDS = frozenset(ONES) | frozenset(TENS) | frozenset(SCALES) | {"dozen"}

#: plural scale word -> (low, high) of the vague amount
VAGUE_PLURALS: dict[str, tuple[int, int]] = {
    "tens": (10, 100),
    "dozens": (24, 144),
    "hundreds": (100, 1_000),
    "thousands": (1_000, 10_000),
    "millions": (1_000_000, 10_000_000),
    "billions": (1_000_000_000, 10_000_000_000),
    "trillions": (1_000_000_000_000, 10_000_000_000_000),
}
#: "several hundred", "a few thousand": multiplier range applied to the scale word
VAGUE_MULTIPLIERS: dict[str, tuple[int, int]] = {"several": (3, 9), "few": (2, 5)}

MAX_DIGITS = 30


@dataclass(slots=True)
class NumberParse:
    low: Decimal
    high: Decimal
    end: int  # index of the first token after the number
    vague: bool = False
    words: bool = False
    scaled: bool = False
    share: str | None = None  # "percent" (a share of a group), "times", "unit" (of a unit)


def digits_value(text: str) -> Decimal | None:
    raw = text.replace(",", "")
    if len(raw) > MAX_DIGITS:
        return None
    try:
        return Decimal(raw)
    except InvalidOperation:  # pragma: no cover - the tokenizer only yields valid numbers
        return None


def _adjacent(toks: list[Token], i: int) -> bool:
    """True when token ``i`` touches the token before it."""
    return i > 0 and toks[i].start == toks[i - 1].end


def _is(toks: list[Token], i: int, *words: str) -> bool:
    return i < len(toks) and toks[i].low in words


def parse_scale(toks: list[Token], i: int, currency: bool) -> tuple[int, int]:
    """Scale after a number at ``i``: returns (multiplier, next index); (1, i) if none."""
    if i >= len(toks):
        return 1, i
    t = toks[i]
    if (
        t.text in ("-", "–")
        and i + 1 < len(toks)
        and toks[i + 1].low in ("million", "billion", "trillion")
        and _adjacent(toks, i)
        and _adjacent(toks, i + 1)
    ):
        return SCALES[toks[i + 1].low], i + 2  # "$4.2-billion" (Canadian style)
    if t.kind != WORD:
        return 1, i
    if t.low in SCALES and t.low != "hundred":
        mult, j = SCALES[t.low], i + 1
        if t.low in ("lakh", "thousand") and j < len(toks) and toks[j].low == "crore":
            return mult * SCALES["crore"], j + 1  # "₹1.2 lakh crore" (1.2 trillion rupees)
        # "1.5 million" / "2 billion"
        return mult, j
    if t.low in ("m", "bn") and not currency and _adjacent(toks, i) and i + 1 < len(toks):
        nxt = toks[i + 1]
        if (
            nxt.kind == WORD
            and nxt.low.endswith("s")
            and nxt.low not in ("seconds", "s")
            and nxt.low not in _NOT_COUNTED
        ):
            # "14.5m tonnes", "3m people": a scale, not metres
            return SUFFIX_SCALES[t.low], i + 1
    if t.text in ("K", "M", "B") and not currency and i + 1 < len(toks):
        nxt = toks[i + 1]
        if (
            nxt.kind == WORD
            and nxt.low.endswith("s")
            and nxt.low not in ("seconds", "s", "grades", "levels", "ratings")
        ):
            # "3 B users", "12M subscribers": a capital scale before what is counted (not the
            # letter of "2 B grades")
            return SUFFIX_SCALES[t.low], i + 1
    if t.low in SUFFIX_SCALES and (t.low not in CURRENCY_ONLY_SUFFIXES or currency):
        if t.low in ("k", "m", "b") and not _adjacent(toks, i):
            return 1, i
        if t.low in CURRENCY_ONLY_SUFFIXES and not currency:
            return 1, i
        # "10km" starts with k: the tokenizer keeps "km" whole, so "k" here is alone
        return SUFFIX_SCALES[t.low], i + 1
    return 1, i


def _words_value(toks: list[Token], i: int) -> tuple[Decimal, int] | None:
    """A run of number words from ``i``: "twenty-five", "a dozen", "three hundred and two",
    "half a million". Returns (value, next index)."""
    n = len(toks)
    j = i
    if _is(toks, j, "half") and _is(toks, j + 1, "a") and _is(toks, j + 2, *SCALES, "dozen"):
        word = toks[j + 2].low
        mult = 12 if word == "dozen" else SCALES[word]
        return Decimal(mult) / 2, j + 3
    if _is(toks, j, "a", "one") and _is(toks, j + 1, "quarter") and _is(toks, j + 2, "of"):
        if _is(toks, j + 3, "a") and _is(toks, j + 4, *SCALES):
            return Decimal(SCALES[toks[j + 4].low]) / 4, j + 5
        return None
    total = 0
    current = 0
    prev = ""
    if _is(toks, j, "a"):
        if not _is(toks, j + 1, *SCALES, "dozen"):
            return None
        current, prev, j = 1, "a", j + 1
    while j < n:
        low = toks[j].low
        if low in ONES:
            v = ONES[low]
            if prev in ("ones", "a", "hundred") and prev != "hundred":
                break
            if prev == "tens" and (v == 0 or v >= 10):
                break
            current += v
            prev = "ones"
        elif low in TENS:
            if prev in ("ones", "tens", "a"):
                break
            current += TENS[low]
            prev = "tens"
        elif low == "hundred":
            if not prev or prev in ("hundred", "scale"):
                break
            current = (current or 1) * 100
            prev = "hundred"
        elif low in SCALES or low == "dozen":
            if not prev:
                break
            total += (current or 1) * (12 if low == "dozen" else SCALES[low])
            current = 0
            prev = "scale"
        elif low == "-" and prev == "tens" and j + 1 < n and toks[j + 1].low in ONES:
            if not (_adjacent(toks, j) and _adjacent(toks, j + 1)):
                break
            j += 1
            continue
        elif low == "and" and prev in ("hundred", "scale") and j + 1 < n:
            nxt = toks[j + 1].low
            if nxt not in ONES and nxt not in TENS:
                break
            j += 1
            continue
        else:
            break
        j += 1
    if not prev or prev == "a":
        return None
    return Decimal(total + current), j


_TIMES_SIGNS = frozenset({"×", "x", "X", "*", "·"})
_MINUS = frozenset({"-", "−", "–"})


def _exponent(toks: list[Token], k: int) -> tuple[int, int] | None:
    """ "^23", "^-19", "−19" (a superscript lost in copying) from token ``k``: (power, next)."""
    n = len(toks)
    sign = 1
    if k < n and toks[k].text == "^" and _adjacent(toks, k):
        k += 1
    elif not (k < n and toks[k].text in _MINUS and _adjacent(toks, k)):
        return None
    if k < n and toks[k].text in _MINUS and _adjacent(toks, k):
        sign, k = -1, k + 1
    digits = k < n and toks[k].kind == NUM and toks[k].text.isdigit()
    if digits and len(toks[k].text) <= 3 and _adjacent(toks, k):
        return sign * int(toks[k].text), k + 1
    return None


def _scientific(toks: list[Token], i: int, value: Decimal) -> NumberParse | None:
    """ "6.02×10^23", "1.6×10−19", "10^23": scientific notation."""
    n = len(toks)
    if toks[i].text == "10":
        got = _exponent(toks, i + 1)
        if got is not None and toks[i + 1].text == "^":
            return NumberParse(Decimal(10) ** got[0], Decimal(10) ** got[0], got[1], scaled=True)
    if i + 2 < n and toks[i + 1].text in _TIMES_SIGNS and toks[i + 2].text == "10":
        got = _exponent(toks, i + 3)
        if got is not None:
            result = value * Decimal(10) ** got[0]
            return NumberParse(result, result, got[1], scaled=True)
    return None


def parse_number(toks: list[Token], i: int, currency: bool = False) -> NumberParse | None:
    """Parse the number starting at token ``i`` (digits, words or a vague amount)."""
    n = len(toks)
    t = toks[i]
    if t.kind == NUM:
        value = digits_value(t.text)
        if value is None:
            return None
        j = i + 1
        if _is(toks, j, "and") and _is(toks, j + 1, "a") and _is(toks, j + 2, "half"):
            value += Decimal("0.5")
            j += 3
        sci = _scientific(toks, i, value)
        if sci is not None:
            return sci
        mult, j2 = parse_scale(toks, j, currency)
        if mult == 1 and _is(toks, j, "hundred"):
            mult, j2 = 100, j + 1
        return NumberParse(value * mult, value * mult, j2, scaled=mult != 1)
    if t.kind != WORD:
        return None
    low = t.low
    # vague amounts: "tens of thousands", "hundreds", "dozens"
    if low in VAGUE_PLURALS:
        lo, hi = VAGUE_PLURALS[low]
        j = i + 1
        if _is(toks, j, "of") and j + 1 < n and toks[j + 1].low in VAGUE_PLURALS:
            inner = toks[j + 1].low
            if inner in ("thousands", "millions", "billions"):
                base = VAGUE_PLURALS[inner][0]
                return NumberParse(Decimal(lo * base), Decimal(hi * base), j + 2, vague=True)
        if low == "tens" and not _is(toks, j, "of"):
            return None
        return NumberParse(Decimal(lo), Decimal(hi), j, vague=True)
    if low in ("several", "few") or (low == "a" and _is(toks, i + 1, "few")):
        j = i + 2 if low == "a" else i + 1
        key = "few" if low in ("a", "few") else "several"
        if j < n and toks[j].low in ("hundred", "thousand", "million", "billion", "dozen"):
            base = 12 if toks[j].low == "dozen" else SCALES[toks[j].low]
            lo, hi = VAGUE_MULTIPLIERS[key]
            return NumberParse(Decimal(lo * base), Decimal(hi * base), j + 1, vague=True)
        return None
    if low not in NUMBER_WORDS and low not in ("a", "half"):
        return None
    parsed = _words_value(toks, i)
    if parsed is None:
        return None
    value, j = parsed
    if _is(toks, j, "and") and _is(toks, j + 1, "a") and _is(toks, j + 2, "half"):
        value += Decimal("0.5")
        j += 3
        if j < n and toks[j].low in SCALES:
            value *= SCALES[toks[j].low]
            j += 1
    return NumberParse(value, value, j, words=True, scaled=value >= 1000)


def is_number_start(tok: Token) -> bool:
    """Cheap test: could a number start here?"""
    if tok.kind == NUM:
        return True
    if tok.kind == PUNCT:
        return False
    low = tok.low
    return low in NUMBER_WORDS or low in VAGUE_PLURALS or low in ("a", "half", "several", "few")
