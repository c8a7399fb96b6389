"""Reading one figure: number, range, ratio, unit, rate, counted noun, qualifier, trend."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from decimal import Decimal

from . import context, nouns, qualifiers
from .numbers import NumberParse, is_number_start, parse_number
from .phrases import (
    DASHES,
    DURATION_CODES,
    NEGATIVE_SIGNS,
    adjacent,
    currency_before,
    match_unit,
    noun_subject,
    of_subject,
    per_phrase,
)
from .ranges import parse_range, shared_scale
from .sentences import (
    NUM,
    PUNCT,
    WORD,
    Token,
    wordset,
)
from .shares import GROWTH_WORDS, MULTIPLIER_VERBS, is_share_start, parse_share
from .units import (
    AGE_YEAR,
    COUNT,
    LEXICON,
    PERCENT,
    RATIO,
    TIMES,
    UnitDef,
    currency_unit,
    prefix_factor,
)


@dataclass(slots=True)
class Figure:
    first: int  # first token index of the span (qualifier included)
    last: int  # last token index of the span
    low: Decimal
    high: Decimal
    exact: bool
    qualifier: str
    trend: str | None
    unit: UnitDef
    per: str | None
    subject: str
    scaled: bool
    in_parentheses: bool
    after: int  # index of the first token after the figure
    change: str | None = None  # "to" (new level) / "by" (size of the change)
    from_value: Decimal | None = None  # the earlier level of a change "from A to B"
    baseline: tuple[int, int] | None = None  # characters of "from A …": not the figure's time


class SentenceParser:
    def __init__(self, text: str, toks: list[Token], excluded: list[tuple[int, int]]) -> None:
        self.text = text
        self.toks = toks
        self.excluded = excluded
        self.excluded_starts = [s for s, _ in excluded]
        self._has_aged: bool | None = None  # "aged 14, 15 and 16": found once, when asked

    @property
    def has_aged(self) -> bool:
        if self._has_aged is None:
            self._has_aged = any(t.low == "aged" for t in self.toks)
        return self._has_aged

    def _is_excluded(self, tok: Token) -> bool:
        k = bisect_right(self.excluded_starts, tok.start) - 1
        return k >= 0 and self.excluded[k][0] <= tok.start < self.excluded[k][1]

    def figures(self) -> list[Figure]:
        out: list[Figure] = []
        toks = self.toks
        i = 0
        floor = 0
        n = len(toks)
        while i < n:
            tok = toks[i]
            if is_number_start(tok) or is_share_start(tok):
                fig = self._figure_at(i, floor)
                if fig is not None:
                    out.append(fig)
                    i = fig.after
                    floor = i
                    continue
                if (
                    tok.kind == NUM
                    and i + 1 < n
                    and toks[i + 1].text == ":"
                    and adjacent(toks, i + 1)
                ):
                    i += 3  # skip the minutes of a time of day
                    continue
            i += 1
        return out

    def _skip_digits(self, i: int) -> bool:
        """Digit tokens that are not amounts: codes, ordinals, decades, dates, times."""
        toks = self.toks
        tok = toks[i]
        if self._is_excluded(tok):
            return True
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        if (
            nxt is not None
            and adjacent(toks, i + 1)
            and nxt.kind == WORD
            and nxt.low in ("st", "nd", "rd", "th", "s", "x")
            and not _times_x(toks, i + 1)
        ):
            return True
        if i > 0 and adjacent(toks, i) and toks[i - 1].kind == WORD:
            return currency_before(toks, i, 0)[0] is None  # "A320", "Q3"; not "RM450"
        if i > 0 and toks[i - 1].text in (".", "/", "#") and adjacent(toks, i):
            return True  # ".5" handled by the tokenizer; "/24" and "#3" are labels
        if (
            nxt is not None
            and nxt.text == "/"
            and adjacent(toks, i + 1)
            and i + 2 < len(toks)
            and toks[i + 2].kind == NUM
            and adjacent(toks, i + 2)
        ):
            return True  # "24/7", "9/11", "1/3"
        if context.is_date_number(toks, i):
            return True
        if self._is_score(i):
            return True
        return context.is_time_of_day(toks, i, i + 1)

    def _is_score(self, i: int) -> bool:
        """ "won 6-3", "voted 51-49": a tally, not an amount nor a range."""
        toks = self.toks

        def small(k: int) -> int | None:
            t = toks[k]
            return int(t.text) if t.kind == NUM and t.text.isdigit() and len(t.text) <= 3 else None

        for left in (i, i - 2):
            right = left + 2
            if left < 0 or right >= len(toks) or toks[left + 1].text not in DASHES:
                continue
            if not (adjacent(toks, left + 1) and adjacent(toks, right)):
                continue
            a, b = small(left), small(right)
            if a is not None and b is not None and b <= a:
                return True
        return False

    def _figure_at(self, i: int, floor: int) -> Figure | None:
        toks = self.toks
        text = self.text
        n = len(toks)
        tok = toks[i]
        share = parse_share(toks, i)
        if (
            share is not None
            and share.share == "unit"
            and tok.kind == NUM
            and match_unit(toks, share.end, None) is None
        ):
            share = None  # "9/11", "24/7": not a fraction of anything
        if share is None and tok.kind == NUM and i + 1 < n and toks[i + 1].text in ("s", ":"):
            age = _age_group(toks, i, floor) or _race_time(toks, i)
            if age is not None:
                return age
        if share is None and tok.kind == NUM and self._skip_digits(i):
            return None
        if tok.kind == WORD and self.excluded and self._is_excluded(tok):
            return None  # "over the past four weeks": a period, in words
        currency, first = currency_before(toks, i, floor)
        if (
            currency is None
            and tok.kind == NUM
            and i + 1 < n
            and toks[i + 1].text in ("G", "K", "D", "X")
            and adjacent(toks, i + 1)
        ):
            return None  # "5G", "4K", "3D": technology names
        num = share or parse_number(toks, i, currency is not None)
        if (
            num is None
            and tok.low in ("a", "an")
            and i + 1 < n
            and (toks[i + 1].low,) in LEXICON
            and LEXICON[(toks[i + 1].low,)].dimension in _SINGLE_UNIT_DIMENSIONS
            and qualifiers.match_before(toks, i, floor) is not None
        ):
            num = NumberParse(Decimal(1), Decimal(1), i + 1)  # "more than a decade"
        if num is None:
            return None
        low, high, exact, j = num.low, num.high, not num.vague, num.end
        scaled = num.scaled or num.vague
        qualifier = "~" if num.vague else "="
        unit: UnitDef | None = None
        per: str | None = None
        subject = ""
        ratio = False

        # "7:1" ratios (times of day were skipped above)
        if (
            tok.kind == NUM
            and j + 1 < n
            and toks[j].text == ":"
            and adjacent(toks, j)
            and adjacent(toks, j + 1)
            and toks[j + 1].kind == NUM
        ):
            right = parse_number(toks, j + 1)
            if right is None or right.low == 0:
                return None
            low = high = low / right.low
            unit, ratio, j = RATIO, True, right.end

        if num.share == "percent":
            unit = PERCENT
        elif num.share == "times":
            unit = TIMES
        elif num.share == "point":  # "a quarter point" of an interest rate
            unit, j = LEXICON[("percentage", "point")], j + (toks[j].low == "percentage") + 1
        # ranges: "2,000-4,000", "ten to eleven", "seven or eight", "between 1 and 1.5"
        between = i > 0 and toks[first - 1].low == "between" if first > 0 else False
        if not ratio and j < n and num.share in (None, "unit"):
            first_unit = match_unit(toks, j, currency)
            k = first_unit[1] if first_unit else j
            rng = parse_range(self, i, k, num, currency, between, first)
            if rng is not None:
                second, k2 = rng
                factor = shared_scale(toks, num, second, k2, low)
                top = second.high
                second_unit = match_unit(toks, k2, currency) if first_unit else None
                mixed = (
                    prefix_factor(second_unit[0], first_unit[0])
                    if first_unit and second_unit and second_unit[0].code != first_unit[0].code
                    else None
                )
                if mixed is not None and second_unit is not None and first_unit is not None:
                    # "70MHz–3GHz": one range in the first unit (70 to 3,000 MHz)
                    top = second.high * mixed
                if top > low * factor:
                    low, high, exact, j = low * factor, top, False, k2
                    if first_unit and (mixed is not None or match_unit(toks, j, currency) is None):
                        unit = first_unit[0]
                        if mixed is not None and second_unit is not None:
                            j = second_unit[1]
            elif first_unit is not None and not between:
                unit, j = first_unit
        elif ratio:
            pass

        # "seven or eight to one": ratio against one
        hyphenated = (
            j + 3 < n
            and toks[j].text in DASHES
            and toks[j + 1].low == "to"
            and toks[j + 2].text in DASHES
            and adjacent(toks, j)
        )
        to_at = j + 1 if hyphenated else j
        if (
            not ratio
            and to_at + 1 < n
            and toks[to_at].low == "to"
            and toks[to_at + 1 + hyphenated].low in ("one", "1")
            and (unit is None or unit is RATIO)
        ):
            after_one = to_at + 2 + hyphenated
            if after_one >= n or match_unit(toks, after_one, None) is None:
                unit, ratio, j = RATIO, True, after_one
        if ratio and j < n and toks[j].low in ("ratio", "margin", "advantage"):
            j += 1

        # ages: "15-year-old", "15 years old", "aged 15"
        if (
            unit is not None
            and unit.code == "year"
            and unit.dimension == "duration"
            and j + 1 < n
            and toks[j].text in DASHES
            and toks[j + 1].low in ("old", "olds")
            and adjacent(toks, j)
            and adjacent(toks, j + 1)
        ):
            unit, j = AGE_YEAR, j + 2
        if unit is None or unit.code == "year":
            if (
                j + 3 < n + 0
                and toks[j].text in DASHES
                and toks[j + 1].low == "year"
                and toks[j + 2].text in DASHES
                and toks[j + 3].low in ("old", "olds")
            ):
                unit, j = AGE_YEAR, j + 4
            elif unit is not None and j < n and toks[j].low == "old":
                unit, j = AGE_YEAR, j + 1
            elif (
                unit is None
                and first > 0
                and (
                    toks[first - 1].low == "aged"
                    or (between and first > 1 and toks[first - 2].low == "aged")
                    or (self.has_aged and _aged_list(toks, first, j, high))
                    or (
                        toks[first - 1].low in ("over", "under")
                        and _people_over(toks, first, j, high, exact)
                    )
                )
            ):
                unit = AGE_YEAR
        if unit is AGE_YEAR and j < n and toks[j].kind == WORD:
            run = nouns.noun_run(toks, j, limit=3)
            if run is not None:
                subject = text[toks[run[0]].start : toks[run[1]].end]
        if (
            unit is None
            and not ratio
            and j < n
            and toks[j].text == "x"
            and currency is None
            and _times_x(toks, j)
        ):
            unit, j = TIMES, j + 1  # "10x optical zoom"
        if (
            unit is None
            and first > 0
            and currency is None
            and toks[first - 1].low in _UNITS_BEFORE
            and high <= _UNITS_BEFORE[toks[first - 1].low]
            and not (j < n and toks[j].kind == WORD and match_unit(toks, j, None) is not None)
        ):
            # "a magnitude 6.1 quake", "Mach 20": a scale named before its number
            name = toks[first - 1].low  # (the span stays the number: the word before it
            unit = UnitDef(name, name, "other")  # still says what the figure is about)
        if (
            unit is None
            and not ratio
            and first >= 3
            and toks[first - 1].low == "of"
            and toks[first - 2].low == "factor"
            and toks[first - 3].low == "a"
            and currency is None
        ):
            unit, first = TIMES, first - 3  # "fell by a factor of 10"
        if unit is None and not ratio:
            m = match_unit(toks, j, currency)
            if m is not None:
                unit, j = m
        if unit is None and currency is not None:
            unit = currency_unit(currency)

        if unit is not None and unit.code in DURATION_CODES and j < n and toks[j].low == "ago":
            return None  # "two years ago" is a time, not a figure

        # rates: "a month", "per barrel", "for each soldier", "10 to a small cell"
        pers: list[str] = []
        for _ in range(2):
            if j < n and toks[j].low == "to" and j + 1 < n and toks[j + 1].low in ("a", "an"):
                run = nouns.noun_run(toks, j + 2, limit=3)
                if run is not None and toks[run[1]].low in qualifiers.LEVEL_WORDS:
                    run = None  # "rose 96% to a record 5.35 trillion yen"
                if run is not None and _runs_to_of(toks, run[1] + 1):
                    run = None  # "slipped 2.5% to a seasonally adjusted annual rate of 3.86m"
                if run is not None and not ratio:
                    pers.append(nouns.singular(toks[run[1]].text))
                    j = run[1] + 1
                    continue
            got = per_phrase(toks, j)
            if got is None:
                break
            pers.append(got[0])
            j = got[1]
        if pers:
            per = "/".join(pers)

        # "a 1,200-page report": the noun after the hyphen is what is counted
        if (
            unit is None
            and not ratio
            and j + 1 < n
            and toks[j].text in DASHES
            and toks[j + 1].kind == WORD
            and adjacent(toks, j)
            and adjacent(toks, j + 1)
            and toks[j + 1].low not in nouns.STOP
            and toks[j + 1].low not in _NOT_HYPHEN_NOUNS
            and not toks[j + 1].low.endswith(("ly", "ed", "ing"))
        ):
            name = toks[j + 1].low
            unit, j = UnitDef(name, name, "count"), j + 2
        # counted nouns and subjects
        if unit is None and not ratio:
            if j < n and toks[j].low == "of" and (num.vague or num.words or num.scaled):
                got_of = of_subject(toks, j, text)
                if got_of is not None:
                    nxt = toks[got_of[1] - 1]
                    m = match_unit(toks, j + 1, currency)
                    if m is not None and m[0].currency is not None:
                        unit, j = m  # "tens of millions of dollars"
                    elif nouns.looks_plural(nxt.text):
                        subject, j = got_of
                        unit = UnitDef(nouns.singular(nxt.text), nouns.singular(nxt.text), "count")
            else:
                counted = noun_subject(toks, j, text)
                if counted is not None and (high != 1 or not exact):
                    name, subject, j = counted
                    unit = TIMES if name == "time" else UnitDef(name, name, "count")
                    got_per = per_phrase(toks, j) if not pers else None
                    if got_per is not None:  # "14 trains a day"
                        per, j = got_per
                        pers.append(per)
                elif high == 1 and exact and j < n and toks[j].kind == WORD:
                    run = nouns.noun_run(toks, j, limit=3)
                    if run is not None and toks[run[1]].text[0].islower():
                        head = toks[run[1]]
                        name = nouns.singular(head.text)
                        unit = UnitDef(name, name, "count")
                        subject = text[toks[run[0]].start : head.end]
                        j = run[1] + 1
        elif unit is not None and not subject and unit.dimension != "count":
            got_of = of_subject(toks, j, text)
            if got_of is not None and (
                toks[j].low == "of"
                or (unit.currency is not None and nouns.plain_noun(toks, got_of[1] - 1))
            ):
                subject = got_of[0]
                if not pers:
                    # "20,000 tonnes of copper annually", "$5 a month"
                    got_per = per_phrase(toks, got_of[1])
                    if got_per is not None:
                        pers.append(got_per[0])
                        per = got_per[0]
                        j = got_per[1]

        # what is not a figure
        bare = unit is None
        if (
            bare
            and tok.kind == NUM
            and i > 1
            and toks[i - 1].text == ","
            and j < n
            and toks[j].text == ","
            and (
                toks[i - 2].low in nouns.PERSON_NOUNS
                or (toks[i - 2].kind == WORD and toks[i - 2].text[0].isupper() and i - 2 > 0)
                or (toks[i - 2].kind == WORD and toks[i - 2].low not in nouns.STOP and high <= 110)
            )
        ):
            unit, bare = AGE_YEAR, False  # "The girl, 9, was rescued"
        if bare and num.words and not pers and not (j < n and toks[j].low in _VERB_AFTER_COUNT):
            return None  # "the two of them", "against one"; but "four were wounded"
        if (
            num.words
            and tok.low == "one"
            and num.end < n
            and toks[num.end].low == "of"
            and not num.share
        ):
            return None  # "one of the suspects"
        if tok.kind == NUM and currency is None:
            if context.looks_like_year(toks, i) and (bare or context.year_cue_before(toks, first)):
                return None
            if (bare or unit is None or unit.dimension == "count") and first > 0:
                prev = toks[first - 1]
                if prev.kind == WORD and (
                    prev.low in context.LABEL_WORDS
                    or (
                        prev.text[0].isupper()
                        and prev.low not in context.NOT_LABELS
                        and not prev.low.endswith(("'s", "’s"))
                        and (first > 1 or bare)
                        and not (first > 1 and toks[first - 2].low in _TOLD)
                    )
                    or (prev.text[0].islower() and any(c.isupper() for c in prev.text))
                ):
                    return None  # "Section 427", "Row 21", "iPhone 14"
                if (
                    prev.text == "."
                    and first > 1
                    and toks[first - 2].low in context.LABEL_ABBREVIATIONS
                ):
                    return None  # "No. 10", "Vol. 3"
            if bare and context.is_time_of_day(toks, i, j):
                return None
            if (
                bare
                and j < n
                and toks[j].kind == WORD
                and toks[j].text[0].isupper()
                and adjacent(toks, j) is False
                and toks[j].low not in nouns.STOP
            ):
                return None  # "10 Downing Street": an address or a name, not an amount
        if (
            num.words
            and tok.low == "one"
            and first > 0
            and toks[first - 1].low
            in ("no", "the", "any", "every", "each", "this", "that", "which", "some")
        ):
            return None

        # qualifiers
        q_first = first
        in_parens = first > 0 and toks[first - 1].text == "("
        sign = first > 0 and toks[first - 1].text in NEGATIVE_SIGNS and adjacent(toks, first)
        if sign and first > 1 and toks[first - 2].low == "minus":
            low, high, q_first = -high, -low, first - 2  # "minus-40 degrees"
        elif first > 0 and toks[first - 1].text in NEGATIVE_SIGNS and adjacent(toks, first):
            before = first - 2
            # "-5C", "(-3)", "was -12"; not "2,000-4,000", "6-3" or "sub-300"
            if before < 0 or (
                not adjacent(toks, first - 1)
                and toks[before].kind != NUM
                and toks[before].low not in ("sub", "over", "under")
            ):
                low, high, q_first = -high, -low, first - 1
        elif first > 0 and toks[first - 1].low == "minus":
            low, high, q_first = -high, -low, first - 1
        explicit = qualifiers.match_before(toks, q_first, floor)
        if (
            explicit is not None
            and toks[explicit[1]].low == "up"
            and explicit[1] - 1 >= floor
            and toks[explicit[1] - 1].low in qualifiers.MOVEMENT_VERBS
        ):
            explicit = None  # "ticked up to 4.1%": a movement to a level, not a bound
        if (
            explicit is not None
            and toks[explicit[1]].low in ("top", "tops")
            and (
                toks[explicit[1]].text[0].isupper()
                or (explicit[1] > 0 and toks[explicit[1] - 1].low in ("the", "a", "its", "their"))
            )
        ):
            explicit = None  # "the top 10", "Top 10": a ranking, not a bound
        if (
            explicit is None
            and q_first - 2 >= floor
            and toks[q_first - 1].text in DASHES
            and toks[q_first - 2].low in ("sub", "over", "under")
            and adjacent(toks, q_first - 1)
        ):
            explicit = ("<" if toks[q_first - 2].low != "over" else ">", q_first - 2)
        if between and explicit is None:
            q_first = first - 1
        if explicit is not None:
            qualifier, q_first = explicit
            phrase = toks[q_first].low
            if phrase == "over" and unit is not None and unit.dimension == "duration":
                qualifier = "="
        after_q = qualifiers.match_after(toks, j)
        if after_q is not None:
            qualifier, j = after_q

        # trends
        trend: str | None = None
        k = q_first - 1
        if k >= floor and toks[k].low == "by":
            # "cut rates by 50 basis points", "raised its key rate by"
            for back in range(k - 1, max(floor, k - 8) - 1, -1):
                if toks[back].kind == PUNCT:
                    break  # "cut the rate of severe illness by 70%"
                if toks[back].low in qualifiers.TREND_WORDS:
                    k = back
                    break
        prep = toks[k].low if k >= floor else ""
        while prep in qualifiers.LEVEL_WORDS and k - 1 >= floor:
            k -= 1  # "rose 96% to a record 5.35 trillion yen", "to a high of"
            prep = toks[k].low
        if prep == "to" and k - 1 >= floor and toks[k - 1].low not in qualifiers.TREND_WORDS:
            # "cut its growth forecast to 0.7%", "lowered the minimum age to 25"
            for back in range(k - 2, max(floor, k - 9) - 1, -1):
                if toks[back].kind == PUNCT and toks[back].text not in "%.&'’":
                    break
                if toks[back].low in qualifiers.TREND_WORDS:
                    k = back + 1
                    break
        if prep in ("by", "to"):
            k -= 1
        if k >= floor and toks[k].low in ("has", "have", "had"):
            k -= 1
        up_to = explicit is not None and toks[q_first].low == "up"
        if up_to and q_first - 1 >= floor and toks[q_first - 1].low == "by":
            up_to = False  # "raise prices by up to 5%": a bound on the size of a change
        if k >= floor and not up_to:
            word = toks[k].low
            dim = unit.dimension if unit is not None else "count"
            if word in ("up", "down") and k - 1 >= floor and toks[k - 1].low in qualifiers.PHRASAL:
                word = ""  # "shot down 41 drones", "took up 30 seats"
            if prep == "to" and word in qualifiers.TREND_WORDS:
                pass  # "raised its target to 6,000": a move to a new level, whatever the unit
            elif (
                word in qualifiers.PERCENT_ONLY_TRENDS
                and q_first - 1 >= floor
                and toks[q_first - 1].low == "by"
            ):
                pass  # "raised the price by $2": the size of a change, whatever the unit
            elif word in qualifiers.PERCENT_ONLY_TRENDS and dim != "percent":
                word = ""  # "raised $25 million", "the mountain rises 8,848 metres"
            elif word in qualifiers.MEASURE_ONLY_TRENDS and dim in ("count", "currency"):
                word = ""  # "the army lost 120 tanks", "the fund lost $2.3 billion"
            if word in qualifiers.TREND_UP:
                trend = "up"
            elif word in qualifiers.TREND_DOWN:
                trend = "down"
        change = None if trend is None else "to" if prep == "to" else "by"
        if (
            trend is None
            and k >= floor
            and toks[k].low in _ADDING
            and (currency is not None or (unit is not None and unit.currency is not None))
            and j < n
            and toks[j].low == "to"
        ):
            trend, change = "up", "by"  # "adding about £100 a year to bills"
        if (
            trend is None
            and k >= floor
            and high < 0
            and prep != "to"
            and toks[k].low in _SIGNED_CHANGE_VERBS
        ):
            trend, change = "down", "by"  # "prices changed by -3.4%", "the fund returned -6.5%"
        if (
            change == "by"
            and explicit is not None
            and toks[explicit[1]].low in _LEVEL_BOUNDS
            and prep not in ("by", "to")
        ):
            change = "to"  # "temperatures may dip below minus 10C": a level, not a size
        if trend is None and (
            prep == "to" or (explicit is not None and toks[explicit[1]].low in _LEVEL_BOUNDS)
        ):
            for b in range(k, max(floor, k - 5) - 1, -1):
                if toks[b].kind == PUNCT:
                    break
                if toks[b].low in _MOVING_VERBS:
                    change = "to"  # "pushed temperatures in Portland to 116F", "revs to 8,000rpm"
                    break
        if trend is None and num.share == "times" and tok.low in GROWTH_WORDS:
            trend, change = "up", "by"  # "prices tripled", "to double council tax"
        if trend is None and prep == "to" and k >= floor and toks[k].low in qualifiers.REACH_VERBS:
            change = "to"  # "winds reached 165 mph", "will rise to": a level reached
        if trend is None and prep in qualifiers.REACH_VERBS and k + 1 == q_first:
            change = "to"  # "reached ¥127.9 billion", "hit 50%"
        if trend is None and explicit is not None and toks[explicit[1]].low in _PASSING_VERBS:
            change = "to"  # "waiting lists topped 1.9 million": a level passed
        if trend is None and prep == "at" and k - 1 >= floor and toks[k - 1].low in _CLOSING_VERBS:
            change = "to"  # "Nvidia closed at $134.80"
        if j < n and toks[j].low in qualifiers.COMPARATIVES and (change is None or change == "by"):
            # "NZ$12 billion more than planned", "£27.6bn higher", "60 cents up on the month"
            trend, change = qualifiers.COMPARATIVES[toks[j].low], "by"
        elif q_first > 0 and toks[q_first - 1].low == "further" and change is None:
            trend, change = "up", "by"  # "a further £15m"
        if trend is None and j < n:
            t_j = toks[j]
            if t_j.low in qualifiers.TREND_NOUNS_UP:
                trend, change = "up", "by"
            elif t_j.low in qualifiers.TREND_NOUNS_DOWN:
                trend, change = "down", "by"

        if (
            (num.share == "times" or unit is TIMES)
            and tok.low not in MULTIPLIER_VERBS
            and j < n
            and (toks[j].low in _COMPARED or toks[j].low.endswith(("'s", "’s")))
        ):
            # "more than double the national figure", "rising four times faster than": a
            # comparison between two figures, not a change
            trend, change = None, None
        if unit is not None and unit.code in _YEARS_IN and unit.dimension == "duration":
            # "more than a decade" is more than 10 years, "two centuries" 200 years
            years = _YEARS_IN[unit.code]
            low, high, unit = low * years, high * years, LEXICON[("year",)]
        if unit is None:
            unit = COUNT
        elif unit.code == "lb" and any(
            toks[k].low in ("pounds", "pound") and toks[k - 1].low in _MONEY_SCALES
            for k in range(max(first, 1), j)
        ):
            unit = currency_unit("GBP")  # "12-14 billion pounds": money, not mass
        last = j - 1
        while last > first and toks[last].kind == PUNCT and toks[last].text not in "%°²³+¢″":
            last -= 1
        return Figure(
            q_first,
            last,
            low,
            high,
            exact,
            qualifier,
            trend,
            unit,
            per,
            subject,
            scaled,
            in_parens,
            j,
            change,
        )


def _runs_to_of(toks: list[Token], k: int) -> bool:
    """The noun phrase goes on to "of": "to an annual rate of 3.86 million" names a level."""
    stop = min(len(toks), k + 3)
    while k < stop and toks[k].kind == WORD and toks[k].low not in nouns.STOP:
        k += 1
    return k < len(toks) and toks[k].low == "of"


#: verbs whose listener comes before what is said: "The minister told Parliament 300 jobs would
#: go" (Parliament is who was told, not a label of the 300)
_TOLD = wordset("told tells tell telling informed informs assured assures warned warns reminded")
_NOT_HYPHEN_NOUNS = wordset(
    "strong odd plus old long wide high deep tall point member man person fold time"
)
_MONEY_SCALES = frozenset({"million", "billion", "trillion", "bn", "m", "mn", "tn"})
_SINGLE_UNIT_DIMENSIONS = frozenset({"duration", "length", "area", "mass", "volume"})
_VERB_AFTER_COUNT = wordset(
    "were was are have had died remain remained survived escaped fled returned"
)


#: who can be "over 60" or "aged under 18": the plural people nouns an age bound follows
_AGED_PEOPLE = wordset(
    """people persons adults children kids men women voters patients residents pupils students
    workers drivers teenagers girls boys smokers pensioners citizens customers users
    participants respondents those anyone everyone babies infants mothers fathers parents
    employees members viewers"""
)
#: what may stand between "aged" and a later figure of its list ("aged 14, 15 and 16", "aged
#: under 18", "aged between 18 and 24")
_AGED_LIST_WORDS = wordset("and or to , under over between at least about around nearly")


def _bare_after(toks: list[Token], j: int) -> bool:
    """No unit or counted noun follows the number ("aged 5 to 11 and 300 adults" counts)."""
    if j >= len(toks):
        return True
    t = toks[j]
    if t.kind == NUM:
        return False
    if t.kind == WORD and nouns.looks_plural(t.text) and t.low not in nouns.STOP:
        return False
    return match_unit(toks, j, None) is None


def _aged_list(toks: list[Token], first: int, j: int, high: Decimal) -> bool:
    """ "aged under 18", "aged 14, 15 and 16": an age after "aged" and its list or bound."""
    if high > 120:
        return False
    k = first - 1
    while k >= 0 and first - k <= 10 and (toks[k].kind == NUM or toks[k].low in _AGED_LIST_WORDS):
        k -= 1
    return k >= 0 and k < first - 1 and toks[k].low == "aged" and _bare_after(toks, j)


def _people_over(toks: list[Token], first: int, j: int, high: Decimal, exact: bool) -> bool:
    """ "people over 60", "voters under 30", "adults over 75": an age bound on people."""
    return (
        first >= 2
        and exact
        and toks[first - 1].low in ("over", "under")
        and toks[first - 2].low in _AGED_PEOPLE
        and toks[first].kind == NUM
        and 1 <= high <= 110
        and high == high.to_integral_value()
        and _bare_after(toks, j)
    )


_DECADE_OWNERS = wordset("his her their")


def _age_group(toks: list[Token], i: int, floor: int) -> Figure | None:
    """ "in his 40s" (40 to 49 years old) and "over-75s" / "under-18s" (older or younger than):
    an age written as a decade or as a group, which the "s" would otherwise make a decade."""
    n = len(toks)
    tok = toks[i]
    if not (i + 1 < n and toks[i + 1].text == "s" and adjacent(toks, i + 1)):
        return None
    if not tok.text.isdigit() or not 10 <= int(tok.text) <= 110:
        return None
    age = Decimal(tok.text)
    if i - 1 >= floor and toks[i - 1].low in _DECADE_OWNERS and age % 10 == 0 and age <= 90:
        return Figure(
            i - 1, i + 1, age, age + 9, False, "=", None, AGE_YEAR, None, "", False, False, i + 2
        )
    if (
        i - 2 >= floor
        and toks[i - 1].text in DASHES
        and toks[i - 2].low in ("over", "under")
        and adjacent(toks, i)
        and adjacent(toks, i - 1)
    ):
        qualifier = ">" if toks[i - 2].low == "over" else "<"
        return Figure(
            i - 2, i + 1, age, age, True, qualifier, None, AGE_YEAR, None, "", False, False, i + 2
        )
    return None


#: what follows a multiple that compares two figures: "double the average", "twice as fast",
#: "four times faster than", "three times more likely"
_COMPARED = wordset(
    """the as that than what its their his her faster slower higher lower more fewer less larger
    bigger smaller greater longer shorter quicker heavier lighter stronger weaker wider deeper
    cheaper costlier likelier likely"""
)


def _times_x(toks: list[Token], k: int) -> bool:
    """ "10x zoom", "a 3x return": the "x" glued to a number is a multiple; not "4x4"."""
    if k >= len(toks) or toks[k].text != "x" or not adjacent(toks, k):
        return False
    return not (k + 1 < len(toks) and adjacent(toks, k + 1) and toks[k + 1].kind != PUNCT)


#: bounds that name a level when a verb of change moves a figure past them ("fell below 2%")
_LEVEL_BOUNDS = wordset("above below beneath under past")
#: verbs that move a figure to a level without saying which way ("sent temperatures to
#: minus-19C", "taking the average to £293,999", "the engine revs to 8,000rpm")
_MOVING_VERBS = wordset(
    """sent send sends sending pushed push pushes pushing drove drive drives driving took take
    takes taking brought bring brings bringing put puts putting rev revs revved revving moved
    move moves moving set sets setting edged edges edging ticked ticks ticking crept creeps
    inched inches inching shifted shifts"""
)

#: verbs whose signed figure is the size of a change: "changed by -3.4%", "returned -6.5%"
_SIGNED_CHANGE_VERBS = wordset(
    "changed change changes changing moved move moves shifted returned return returns grew"
)

#: verbs read as bounds ("topped 1.9 million") that also say the level was reached
_PASSING_VERBS = wordset("topped topping tops exceeded exceeds exceeding surpassed surpassing")
#: verbs whose "at" is the level a market ended on: "closed at $134.80"
_CLOSING_VERBS = wordset("closed closes closing ended ends finished finishes settled settles")

#: scales named before their number, with the largest value they take
_UNITS_BEFORE = {"magnitude": Decimal(10), "mach": Decimal(40)}

#: durations news counts in years: "a decade" is 10 years
_YEARS_IN = {"decade": Decimal(10), "century": Decimal(100)}


def _race_time(toks: list[Token], i: int) -> Figure | None:
    """ "2:00:35" (hours, minutes, seconds) and "3:57.49" (minutes, seconds and hundredths): a
    time on the clock of a race, in seconds; a time of day ("7:30") has no seconds."""
    n = len(toks)

    def sixty(k: int) -> bool:
        t = toks[k]
        whole = t.text.split(".", 1)[0]
        return t.kind == NUM and len(whole) == 2 and whole.isdigit() and int(whole) < 60

    if not toks[i].text.isdigit() or toks[i].text.startswith("0") or i + 2 >= n:
        return None  # "04:30:15" is a time of day
    if toks[i + 1].text != ":" or not (adjacent(toks, i + 1) and adjacent(toks, i + 2)):
        return None
    if not sixty(i + 2):
        return None
    first = Decimal(toks[i].text)
    if i + 4 < n and toks[i + 3].text == ":" and adjacent(toks, i + 3) and adjacent(toks, i + 4):
        if not sixty(i + 4) or "." in toks[i + 2].text:
            return None
        seconds = first * 3600 + Decimal(toks[i + 2].text) * 60 + Decimal(toks[i + 4].text)
        last = i + 4
    elif "." in toks[i + 2].text:
        seconds = first * 60 + Decimal(toks[i + 2].text)
        last = i + 2
    else:
        return None
    if last + 1 < n and toks[last + 1].low in context.TIME_SUFFIXES:
        return None  # "12:30:05 GMT"
    second = LEXICON[("second",)]
    return Figure(
        i, last, seconds, seconds, True, "=", None, second, None, "", False, False, last + 1
    )


#: "adding about £160 to a Band D bill": money added to something is a rise by that much
_ADDING = wordset("adding adds added add")
