"""Ranges: "2,000-4,000", "ten to eleven", "seven or eight", "between 1 and 1.5", "12-14
billion" and "six to seven thousand" (the scale written once, at the end, applies to both ends),
"from $450,000 to $2.1 million" (each end keeps its own scale)."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from . import qualifiers
from .numbers import SCALES, NumberParse, is_number_start, parse_number
from .phrases import DASHES, match_unit
from .sentences import NUM, PUNCT, Token
from .units import CURRENCY_SYMBOLS, prefix_factor

if TYPE_CHECKING:
    from .figures import SentenceParser


def _after_a_change(toks: list[Token], first: int) -> bool:
    """The figure at ``first`` follows a change verb ("fell by", "rose", "widened by")."""
    k = first - 1
    vague = ("about", "around", "some", "nearly", "almost", "roughly")
    while k >= 0 and toks[k].low in vague:
        k -= 1  # "fell by about 4 trillion won to 38 trillion won"
    if k >= 0 and toks[k].low == "by":
        # "raised the price of its standard plan by $2 to $17.99": the verb may stand back
        for back in range(k - 1, max(-1, k - 9), -1):
            if toks[back].kind == PUNCT:
                break
            if toks[back].low in qualifiers.TREND_WORDS and toks[back].low not in ("up", "down"):
                return True
        k -= 1
    while k >= 0 and toks[k].low in vague:
        k -= 1
    return k >= 0 and toks[k].low in qualifiers.TREND_WORDS and toks[k].low not in ("up", "down")


def shared_scale(
    toks: list[Token], num: NumberParse, second: NumberParse, end: int, low: Decimal
) -> Decimal:
    """The scale word closing the second end that the first end shares: "12-14 billion",
    "six to seven thousand"; 1 when the first end stands alone ("$450,000 to $2.1 million")."""
    word = toks[end - 1].low
    if word == "hundred" and num.words and second.words and not num.scaled and low < 100:
        # "five to six hundred homes": 500 to 600 (the parser reads "six hundred" as a number)
        return Decimal(100) if low * 100 < second.high else Decimal(1)
    if not second.scaled or num.scaled or num.vague:
        return Decimal(1)
    if word not in SCALES or word in ("lakh", "crore"):
        return Decimal(1)
    factor = Decimal(SCALES[word])
    if word == "hundred" or low >= 1000:
        return Decimal(1)
    if low * factor >= second.high:
        return Decimal(1)
    return factor


def parse_range(
    parser: SentenceParser,
    i: int,
    k: int,
    num: NumberParse,
    currency: str | None,
    between: bool,
    first: int,
) -> tuple[NumberParse, int] | None:
    toks = parser.toks
    n = len(toks)
    if k >= n or num.vague:
        return None
    conn = toks[k]
    if between:
        if conn.low != "and" and conn.text not in DASHES:
            return None
    elif conn.text in DASHES:
        if toks[i].kind != NUM:
            return None
    elif conn.text == "/" and currency is not None and k == num.end:
        pass  # "$3/$5": two prices quoted as a range
    elif conn.low in ("to", "or"):
        if first > 0 and toks[first - 1].low == "from" and conn.low == "to":
            back = range(max(0, first - 6), first - 1)
            if any(
                toks[b].low in qualifiers.TREND_WORDS or toks[b].low in qualifiers.MOVEMENT_VERBS
                for b in back
            ):
                return None  # "prices fell from $5 to $4", "the battery goes from 10 to 100%"
        if conn.low == "to" and _after_a_change(toks, first):
            second = parse_number(toks, k + 1 + (toks[k + 1].kind == PUNCT), currency is not None)
            if second is None or second.high > 3 * num.high:
                return None  # "fell by £122 to £1,568"; but "rise by 5% to 6%" is a range
            unit = match_unit(toks, num.end, currency) if k > num.end else None
            if unit is not None and unit[0].dimension != "percent":
                return None  # "fell by 41,300 barrels to 56,900 barrels": the change, the level
    else:
        return None
    m = k + 1
    hyphenated = (
        conn.text in DASHES
        and m + 2 < n
        and toks[m].low == "to"
        and toks[m + 1].text in DASHES
        and toks[m + 1].end == toks[m + 2].start
    )
    if hyphenated:
        m += 2  # "20-to-30 mph winds" (the "to-30" reads as a code)
    if m < n and toks[m].kind == PUNCT and toks[m].text in CURRENCY_SYMBOLS:
        if currency is None:
            return None
        m += 1
    elif m + 1 < n and toks[m + 1].text == "$" and toks[m].low + "$" in CURRENCY_SYMBOLS:
        if currency is None:
            return None
        m += 2
    if m >= n or not is_number_start(toks[m]) or toks[m].low in ("a", "half"):
        return None
    if toks[m].kind != toks[i].kind and conn.low == "or":
        return None
    if toks[m].kind == NUM and not hyphenated and parser._skip_digits(m):
        return None
    second = parse_number(toks, m, currency is not None)
    if second is None or second.vague:
        return None
    if k > i + 1 or toks[k - 1] is not toks[i]:
        first_unit = match_unit(toks, num.end, currency)
        second_unit = match_unit(toks, second.end, currency)
        if (
            first_unit
            and (not second_unit or first_unit[0].code != second_unit[0].code)
            and (second_unit is None or prefix_factor(second_unit[0], first_unit[0]) is None)
        ):
            return None  # "2.9% to 3,025,647" is a change and a level, not a range
    if conn.low == "to" and second.low == 1 and not second.scaled:
        return None  # "seven to one" is a ratio
    return second, second.end
