"""Phrases around a number: currency before it, unit, rate basis and counted noun after it."""

from __future__ import annotations

import re

from . import attribution, nouns
from .sentences import (
    PUNCT,
    WORD,
    Token,
    word_pattern,
    wordset,
)
from .units import (
    ATTACHED_ONLY,
    CASED,
    CURRENCY_CODES,
    CURRENCY_SYMBOLS,
    LETTER_SYMBOLS,
    LEXICON,
    REVERSED_DOLLARS,
    SHORT_SYMBOLS,
    UnitDef,
    currency_unit,
)

#: number words that may make a figure (the patterns below are tries: see ``word_pattern``)
_NUMBER_WORDS = wordset(
    """one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
    sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety
    hundred thousand million billion trillion dozen dozens tens hundreds thousands millions
    billions half quarter quarters third thirds fifth fifths sixth sixths seventh sevenths eighth
    eighths tenth tenths thousandth millionth hundredth"""
)
MAYBE_NUMBER = re.compile(
    rf"[0-9]+|\b(?:{word_pattern(_NUMBER_WORDS)}|[a-z]+fold"
    r"|(?:than|least|nearly|almost|about|some|over|under) an? [a-z]+)\b|[½¼¾⅓⅔⅛]",
    re.IGNORECASE,
)
MAYBE_SPEECH = re.compile(
    r"\b(?:"
    + word_pattern(
        attribution.SPEECH_VERBS
        | attribution.GIVE_VERBS
        | attribution.PARTICIPLES
        | attribution.ESTIMATE_NOUNS
        | wordset("according citing According Citing quoted poll polls survey study census")
    )
    + r")\b"
)
DASHES = frozenset({"-", "–", "—", "‒"})
#: nouns that may follow "a"/"an" in a rate ("$2,000 a month", "$80 a barrel")
_PER_A_NOUNS = wordset(
    """second minute hour day week month year decade head person piece unit share barrel ton
    tonne litre liter gallon kilo kilogram pound night game shift trip visit dose pop"""
)
_ADVERB_RATES = {
    "annually": "year",
    "yearly": "year",
    "monthly": "month",
    "weekly": "week",
    "daily": "day",
    "hourly": "hour",
    "apiece": "unit",
}
DURATION_CODES = frozenset(
    {"s", "min", "h", "d", "week", "fortnight", "month", "year", "decade", "century"}
)
NEGATIVE_SIGNS = frozenset({"-", "−"})


def adjacent(toks: list[Token], i: int) -> bool:
    return 0 < i < len(toks) and toks[i].start == toks[i - 1].end


#: letter symbols that may stand apart from the number ("RM 450", "Rs 40", "kr 300")
_SCALE_SUFFIXES = frozenset({"m", "bn", "k", "mn", "million", "billion", "trillion"})
_SPACED_LETTER_SYMBOLS = frozenset({"RM", "Rs", "Rp", "Ksh", "TSh", "USh", "kr", "kn", "FCFA"})


def currency_before(toks: list[Token], i: int, floor: int) -> tuple[str | None, int]:
    """ISO code of a currency written before the number at ``i``, and the span's first index.

    Symbols ("$", "HK$", "HK $", "$US", "A$", "£", "Y=", "PS" for a cleaned "£"), ISO codes glued
    or spaced ("USD3.2bn", "GBP 40m") and letter symbols ("RM450", "R35", "Rs 40")."""
    j = i - 1
    if j < floor:
        return None, i
    t = toks[j]
    glued = adjacent(toks, i)
    if t.kind == PUNCT and t.text in CURRENCY_SYMBOLS:
        if t.text == "$" and j - 1 >= floor and toks[j - 1].kind == WORD:
            key = toks[j - 1].low + "$"
            spaced_ok = toks[j - 1].text.isupper() and toks[j - 1].low in REVERSED_DOLLARS
            if key in CURRENCY_SYMBOLS and (adjacent(toks, j) or spaced_ok):
                return CURRENCY_SYMBOLS[key], j - 1
        return CURRENCY_SYMBOLS[t.text], j
    if t.text == "=" and glued and j - 1 >= floor and toks[j - 1].text == "Y" and adjacent(toks, j):
        return "JPY", j - 1  # "Y=" is how some wires write the yen sign
    if t.kind != WORD:
        return None, i
    if (
        t.text.isupper()
        and t.low in REVERSED_DOLLARS
        and j - 1 >= floor
        and toks[j - 1].text == "$"
        and adjacent(toks, j)
    ):
        return REVERSED_DOLLARS[t.low], j - 1  # "$US12.5m", "$A4.1m"
    if t.text in CURRENCY_CODES:
        return ("CNY" if t.text == "RMB" else t.text), j
    if t.text in LETTER_SYMBOLS and (glued or t.text in _SPACED_LETTER_SYMBOLS):
        if t.text == "PS" and not (
            (i + 1 < len(toks) and toks[i + 1].low in _SCALE_SUFFIXES) or len(toks[i].text) >= 2
        ):
            return None, i  # "PS18m", "PS450" are a cleaned "£"; "PS5" is a games console
        if len(t.text) == 1 and j > floor and toks[j - 1].kind == WORD and adjacent(toks, j):
            return None, i  # part of a word or code
        return LETTER_SYMBOLS[t.text], j
    if t.text == "." and j - 1 >= floor and toks[j - 1].text == "Rs":
        return "INR", j - 1
    return None, i


#: the lengths (longest first) of the lexicon keys that open with a token, and the first tokens
#: of the exact-case symbols: most tokens after a number open no unit, and need no key built
_SIZES: dict[str, tuple[int, ...]] = {}
for _key in LEXICON:
    _SIZES[_key[0]] = tuple(sorted({*_SIZES.get(_key[0], ()), len(_key)}, reverse=True))
_CASED_SIZES = tuple(size for size in (3, 2, 1) if any(len(key) == size for key in CASED))
_CASED_FIRST = frozenset(key[0] for key in CASED if len(key) in _CASED_SIZES)


def match_unit(toks: list[Token], j: int, currency: str | None) -> tuple[UnitDef, int] | None:
    """The unit written at token ``j`` (longest match). Returns (unit, next index)."""
    n = len(toks)
    if j >= n:
        return None
    start = j
    if toks[j].text in DASHES and adjacent(toks, j) and adjacent(toks, j + 1):
        start = j + 1  # "a 15-kilometre stretch"
    if start >= n:
        return None
    cased = _cased_unit(toks, start)
    if cased is not None:
        return cased
    sizes = _SIZES.get(toks[start].low)
    if sizes is None:
        return None
    for size in sizes:
        if size > n - start:
            continue
        key = tuple(t.low for t in toks[start : start + size])
        unit = LEXICON.get(key)
        if unit is None:
            continue
        if size == 1 and key[0] in ATTACHED_ONLY and not adjacent(toks, start):
            continue
        if (
            size == 1
            and toks[start].kind == WORD
            and toks[start].text.isupper()
            and len(key[0]) == 1
            and not adjacent(toks, start)
        ):
            continue  # "5 M" / "3 B": capital abbreviations count only when attached
        if unit.currency is not None and currency is not None:
            if unit.code in ("cent", "penny"):
                continue
            return currency_unit(currency), start + size
        if key in (("points",), ("point",)) and start > 0 and toks[start - 1].low == "percentage":
            continue
        return unit, start + size
    return None


def _cased_unit(toks: list[Token], start: int) -> tuple[UnitDef, int] | None:
    """An exact-case unit symbol or currency code at ``start`` ("MHz", "mW", "µF", "USD")."""
    if toks[start].text not in _CASED_FIRST:
        return None
    n = len(toks)
    for size in _CASED_SIZES:
        if start + size > n:
            continue
        key = tuple(t.text for t in toks[start : start + size])
        unit = CASED.get(key)
        if unit is None:
            continue
        if size > 1 and not all(adjacent(toks, k) for k in range(start + 1, start + size)):
            continue
        short = key[0] in SHORT_SYMBOLS and size == 1
        if short and adjacent(toks, start) and (key[0].lower(),) in LEXICON:
            continue  # "27C" is Celsius, "5W" a watt: the lexicon reads it
        if key[0] in SHORT_SYMBOLS and size == 1 and not adjacent(toks, start):
            after = toks[start + 1] if start + 1 < n else None
            if (
                after is not None
                and (after.kind != PUNCT or after.text in "-–/")
                and after.low != "of"
            ):
                continue  # "5 A-levels", "12 V battery" is too risky; "1.6×10−19 C." is fine
        return unit, start + size
    return None


def per_phrase(toks: list[Token], j: int) -> tuple[str, int] | None:
    """ "a month", "per barrel", "for each soldier", "annually", "/yr"."""
    n = len(toks)
    if j >= n:
        return None
    low = toks[j].low
    if low in _ADVERB_RATES:
        nxt = toks[j + 1] if j + 1 < n else None
        if nxt is not None and nxt.kind == WORD and nxt.low not in nouns.STOP:
            return None  # "a 30-minute daily briefing": an adjective
        return _ADVERB_RATES[low], j + 1
    k = j
    if low == "for" and j + 1 < n and toks[j + 1].low in ("each", "every"):
        k = j + 2
    elif low in ("per", "each", "every", "/"):
        k = j + 1
    elif low in ("a", "an") and j + 1 < n and toks[j + 1].low in _PER_A_NOUNS:
        return toks[j + 1].low, j + 2
    else:
        return None
    if low == "/" and not adjacent(toks, j):
        return None
    run = nouns.noun_run(toks, k, limit=4) if k < n else None
    if run is None:
        return None
    head = toks[run[1]]
    unit = LEXICON.get((head.low,))
    name = unit.name if unit is not None and unit.dimension == "duration" else None
    return name or nouns.singular(head.text), run[1] + 1


def noun_subject(toks: list[Token], j: int, text: str) -> tuple[str, str, int] | None:
    """(unit name, subject, next index) for a counted noun at ``j``."""
    run = nouns.noun_run(toks, j)
    if run is None:
        return None
    first, last = run
    head = toks[last]
    if not nouns.looks_plural(head.text):
        return None
    subject = text[toks[first].start : toks[last].end]
    return nouns.singular(head.text), subject, last + 1


def of_subject(toks: list[Token], j: int, text: str) -> tuple[str, int] | None:
    """Subject after "of"/"in": "700,000 tons of rice", "40 percent of voters"."""
    n = len(toks)
    if j + 1 >= n or toks[j].low not in ("of", "in"):
        return None
    k = j + 1
    if toks[k].low in ("the", "a", "an", "its", "their"):
        k += 1
    run = nouns.noun_run(toks, k, limit=4) if k < n else None
    if run is None:
        return None
    return text[toks[run[0]].start : toks[run[1]].end], run[1] + 1
