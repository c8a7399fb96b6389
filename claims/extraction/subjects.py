"""What a figure is about, from the clause around it, when no counted noun says it.

Without a part-of-speech tagger the clause is read with a few patterns, tried in order:

* an attributive figure names the noun after it ("a 7.6-inch screen", "its 500-metre dish"),
  with the owner before it ("The radio telescope's 500-metre dish" -> "radio telescope's dish");
* "N of the M things" counts the things ("holds 416 of the 736 seats" -> "seats held by ...");
* "NOUN of FIGURE" ("adjusted operating profit of about 1.4 billion euros"), with whose NOUN it
  is ("The distiller's Indian unit posted sales of ...") and a phrase right after the figure;
* a relative clause that starts with its verb is about the noun it hangs on ("Nvidia, which
  closed at $134.80");
* a verb with an object before "to/at/by FIGURE" ("raised its growth forecast to 4.5%", "kept its
  repo rate at 50%", "AgriFocus put the harvest at 38 million tonnes");
* the clause's subject: the words between the clause's start (the sentence start, a comma,
  "and", "while", "said that", ...; not the "and" of "England and Wales") and its first verb
  ("Retail sales in Britain rose 0.5%"); a verb phrase after "and" is about the sentence's
  subject ("The memory card stores 1.5TB and reads at up to 250MB/s");
* "FIGURE off/in/on/for NOUN" ("wiping $15 billion off its market value");
* the sentence's opening noun phrase ("The foldable phone ..., is 12.1mm thick and weighs 239g").

Ages read "age of X" ("Maria Lopez, 37," -> "age of Maria Lopez"). How the subject found is
then worded (shares, exchange rates, owners) is in ``wording.py``.
"""

from __future__ import annotations

from . import acts, qualifiers
from .clauses import (
    BOUNDARY_PUNCT,
    BOUNDARY_WORDS,
    DETERMINERS,
    MODALS,
    MONTHS,
    POSSESSIVE_ENDS,
    PREPOSITIONS,
    clause_start,
    clean,
    first_verb,
    sentence_opening,
    span_text,
    verb_at,
    verb_like,
)
from .counted import extend, verb_after
from .money import money_use
from .nouns import STOP, TIME_NOUNS, looks_plural, noun_run
from .numbers import is_number_start
from .sentences import NUM, PUNCT, WORD, Token, wordset
from .units import CURRENCY_CODES
from .wording import is_agent, share_of

_TREND_NOUNS = qualifiers.TREND_NOUNS_UP | qualifiers.TREND_NOUNS_DOWN
SHARE_BASES = wordset("gdp output income revenue revenues sales")
_OBJECT_PREPS = wordset("to at by")
_CONTINUATIONS = wordset(
    "up down or and a an about around some nearly almost roughly by to at more than just only"
)
_AFTER_PREPS = wordset("off in on for from into of")


def _noun_after(toks: list[Token], j: int) -> tuple[int, int] | None:
    """A noun run right after the figure ("screen", "battery good"): lower-case words."""
    k = j
    while k < len(toks) and k - j < 3 and toks[k].kind == WORD and toks[k].low not in STOP:
        if toks[k].text[:1].isupper() or verb_at(toks, k):
            break
        k += 1
    return (j, k - 1) if k > j else None


def _glued(toks: list[Token], k: int) -> bool:
    """toks[k-1] touches both its neighbours: the hyphen of "543-seat"."""
    return (
        1 < k < len(toks)
        and toks[k - 1].start == toks[k - 2].end
        and toks[k].start == toks[k - 1].end
    )


def _attributive_noun(toks: list[Token], j: int) -> tuple[int, int] | None:
    """The noun an attributive figure describes ("a 3-inch woofer", "the 543-seat lower house",
    "the 2.5-litre four-cylinder hybrid", "produce 2-nanometre chips"): the lower-case noun run
    after it, past further hyphened figures; a listed verb inside the run is an adjective
    ("lower") when a noun follows it."""
    n = len(toks)
    while j + 2 < n and is_number_start(toks[j]) and toks[j + 1].text in ("-", "–"):
        if not _glued(toks, j + 2):
            break
        j += 3  # "four-cylinder"
    k = j
    while k < n and k - j < 3 and toks[k].kind == WORD and toks[k].low not in STOP:
        if toks[k].text[:1].isupper() or toks[k].low.endswith("ly"):
            break
        nxt = toks[k + 1] if k + 1 < n else None
        noun_next = (
            nxt is not None
            and nxt.kind == WORD
            and nxt.text[:1].islower()
            and nxt.low not in STOP
            and k + 1 - j < 3
        )
        if toks[k].low in _TREND_NOUNS and k == j:
            k += 1  # "a 12% rise in car sales": the noun of a change, though a verb's word
            break
        if (verb_at(toks, k) or toks[k].low.endswith(("ed", "ing"))) and not noun_next:
            break  # "the 10-year yield settled at"
        k += 1
        if toks[k - 1].low in _TREND_NOUNS:
            break  # "the 0.5% fall economists expected": what follows is another clause
    return (j, k - 1) if k > j else None


def _until_stop(toks: list[Token], span: tuple[int, int]) -> tuple[int, int] | None:
    end = span[0]
    while end <= span[1] and toks[end].low not in STOP and toks[end].kind == WORD:
        end += 1
    return (span[0], end - 1) if end > span[0] else None


def subject_for(
    text: str,
    toks: list[Token],
    first: int,
    last: int,
    after: int,
    *,
    is_age: bool,
    is_share: bool = False,
    is_money: bool = False,
    previous: str = "",
) -> str:
    """The subject of the figure spanning toks[first:last+1] (``after``: the next token)."""
    if is_age:
        return _age_subject(text, toks, first, after)
    part_of = _part_of(text, toks, after)
    if part_of:
        # "The coalition holds 416 of the 736 seats" -> "seats held by the coalition"
        return extend(text, toks, first, last, part_of)
    if is_share and after < len(toks):
        # "half the tenants", "one in seven adults", "two out of five patients"
        k = after + 1 if toks[after].low in DETERMINERS else after
        noun = _noun_after(toks, k)
        if noun is None and k < len(toks) and toks[k].text[:1].isupper():
            # "one in three Russian soldiers", "two out of five American voters"
            rest = _noun_after(toks, k + 1)
            if rest is not None and looks_plural(toks[rest[1]].text):
                noun = (k, rest[1])
        if noun is not None:
            group = span_text(text, toks, (after, noun[1]) if k > after else noun)
            if toks[last].text == "%" or toks[last].low in _PERCENT_WORDS:
                return group  # "the 50% threshold", "a 40% discount": not a share of a group
            return share_of(group)
    det_before = first > 0 and (
        toks[first - 1].low in DETERMINERS
        or toks[first - 1].low.endswith(POSSESSIVE_ENDS)
        or toks[first - 1].text in ("'", "’")
    )
    hyphened = last > first and toks[last - 1].text in ("-", "–") and _glued(toks, last)
    noun = _attributive_noun(toks, after) if det_before or hyphened else _noun_after(toks, after)
    if noun is not None and toks[noun[1]].low in _TREND_NOUNS:
        # "a 37% jump in chip shipments"
        k = noun[1] + 1
        if k + 1 < len(toks) and toks[k].low in ("in", "of"):
            span = clean(toks, k + 1, min(len(toks) - 1, k + 4))
            if span is not None:
                return span_text(text, toks, _until_stop(toks, span))
    if (det_before or hyphened) and noun is not None:
        owner = None
        if first > 0 and toks[first - 1].low.endswith(POSSESSIVE_ENDS):
            owner = clean(toks, max(clause_start(toks, first), first - 4), first - 1)
        elif first > 1 and toks[first - 1].text in ("'", "’") and toks[first - 2].kind == WORD:
            owner = clean(toks, max(clause_start(toks, first), first - 4), first - 2)
        if hyphened and toks[last].low in _DURATION_WORDS:
            length = acts.length_of(text, toks, noun)
            if length:
                return length  # "signed a five-year contract": the contract's length
        head = span_text(text, toks, noun)
        return f"{span_text(text, toks, owner)} {head}".strip() if owner else head
    start = clause_start(toks, first)
    relative = _relative_head(text, toks, start, first)
    if relative:
        return relative  # "the exoplanet, which orbits its star every 2.2 days"
    prev = first - 1
    if prev > start and toks[prev].low == "of":
        lo = prev - 1
        while (
            lo - 1 >= max(start, prev - 5)
            and toks[lo - 1].kind == WORD
            and not (toks[lo - 1].low in STOP or verb_at(toks, lo - 1))
        ):
            lo -= 1  # "He was given a fine of $9,000": the fine
        span = clean(toks, lo, prev - 1)
        if span is not None:
            named = span_text(text, toks, span)
            if lo > start:
                owner_name = _clause_owner(text, toks, start, lo)
                if owner_name and (
                    toks[span[1]].low in _GENERIC_OF or len(owner_name.split()) <= 4
                ):
                    # "sales slipped to an annual rate of 3.86m"; "The distiller's Indian unit
                    # posted sales of Rs 11,200 crore": whose sales
                    return f"{owner_name} {named}"
            if lo == start and after < len(toks) and toks[after].low not in _PHRASE_PREPS:
                tail = verb_after(text, toks, after)
                if tail:
                    return f"{named} {tail}"  # "Winds of 45 knots are forecast in the Irish Sea"
            return _with_phrase_after(text, toks, last, named)
    verb = first_verb(toks, start, first)
    if (
        (verb is None or verb > start)
        and 0 < start < first
        and toks[start - 1].low == "and"
        and verb_like(toks, start)
        and not (after < len(toks) and verb_at(toks, after))
    ):
        # "The memory card stores 1.5TB and reads at up to 250MB/s"; not "and waves up to 15
        # metres were recorded"
        verb = start
    if verb is not None and verb >= start and toks[verb].low in MODALS:
        main = first_verb(toks, verb + 1, first)
        if main is not None and all(
            toks[x].low in MODALS or toks[x].low in _ADVERBS or toks[x].low.endswith("ly")
            for x in range(verb + 1, main)
        ):
            verb = main  # "The utility will raise tariffs by 12.7%": raise
    if is_money and verb is not None:
        spent = "" if _time_after(toks, after) else money_use(text, toks, verb, first, after)
        if spent:
            return spent  # "will pay £2.3 billion to build 12 reactors"
        acted = acts.money_acted(text, toks, start, verb, first, after)
        if acted:
            return acted  # "Judge Sarah Kim fined the firm $2 million": the fine on the firm
    if verb is not None and first > verb + 1 and toks[first].low == "from":
        prev = first  # "The judge reduced the award from $1.2 billion to $350 million"
    if verb is not None and prev > verb and toks[prev].low in _OBJECT_PREPS | {"from"}:
        # "lowered its deposit rate by a quarter point to 3.5%": the object ends at "by"
        cut = next((x for x in range(verb + 2, prev) if toks[x].low in ("by", "from")), prev)
        between = toks[verb + 1 : prev]
        span = clean(toks, verb + 1, cut - 1)
        if any(t.kind == NUM and not _in_name(toks, x) for x, t in enumerate(between, verb + 1)):
            if previous:
                return previous  # "fell 2.50 euros to 218.75 euros": what fell
        elif (
            span is not None
            and toks[span[0]].low not in STOP
            and not (toks[verb].low in _BE_FORMS and _participles(toks, span))
        ):  # "is expected at 50 million tonnes", "had been running at 130%": no object
            return span_text(text, toks, span)
    if verb is not None and verb > start:
        span = clean(toks, start, verb - 1)
        if span is not None:
            return span_text(text, toks, span)
    if previous and all(t.low in _CONTINUATIONS or t.kind != WORD for t in toks[start:first]):
        return previous  # "..., down 28% from a year earlier", "or 0.8%"
    if verb is None and first > start:
        span = clean(toks, start, first - 1)
        if span is not None:
            lo, hi = span
            before = first - 1 if toks[first - 1].low not in PREPOSITIONS | {"to"} else first - 2
            if (
                lo == hi == before
                and lo == start
                and start > 0
                and toks[start - 1].text == ","
                and toks[lo].text[:1].islower()
                and toks[lo].low.endswith(("ed", "s"))
            ):
                # "The river, which burst its banks, peaked at 8.9 metres": the predicate of
                # the sentence's opening, after what the commas set apart
                opening = sentence_opening(toks, first)
                if opening is not None:
                    return span_text(text, toks, opening) + _place_after(text, toks, after)
            if (
                hi == before
                and hi > lo
                and toks[hi].text[:1].islower()
                and toks[hi - 1].low not in ("of", "in", "for", "on", "at")
                and all(toks[x].kind == WORD for x in range(lo, hi + 1))
            ):
                # "The river peaked at 8.9 metres", "The drone flew 1,500 km": no noun phrase
                # runs into its figure, so the last word is the verb
                inner = clean(toks, lo, hi - 1) or (lo, hi - 1)  # "The phone also charges at"
                return span_text(text, toks, inner) + _place_after(text, toks, after)
            return span_text(text, toks, span)
    if verb is not None and verb == start and not toks[verb].low.endswith("ing") and start > 0:
        opening = sentence_opening(toks, first)
        if opening is not None:
            return span_text(text, toks, opening)  # "The sprinter, 22, clocked 21.83 seconds"
    if after < len(toks) and toks[after].low in _AFTER_PREPS:
        span = clean(toks, after + 1, min(len(toks) - 1, after + 4))
        if span is not None:
            return span_text(text, toks, _until_stop(toks, span))
    return span_text(text, toks, sentence_opening(toks, first))


_DURATION_WORDS = wordset("year month week day hour minute second decade night")


def _time_after(toks: list[Token], after: int) -> bool:
    """ "earned €4.1 billion in the quarter": a time after the amount, not what it is for."""
    k = after + 1
    if k >= len(toks) or toks[after].low not in ("in", "on", "for", "over"):
        return False
    if toks[k].low in DETERMINERS:
        k += 1
    if k < len(toks) and toks[k].low in ("first", "second", "third", "fourth", "last", "past"):
        k += 1
    return k < len(toks) and (
        toks[k].low in TIME_NOUNS or toks[k].low in MONTHS or looks_like_year(toks[k].text)
    )


def looks_like_year(word: str) -> bool:
    return len(word) == 4 and word.isdigit() and word[:2] in ("19", "20")


def _in_name(toks: list[Token], k: int) -> bool:
    """The number of a name ("the S&P 500", "the FTSE 100"): right after a capitalised word."""
    return (
        k > 0
        and toks[k - 1].kind == WORD
        and toks[k - 1].text[:1].isupper()
        and toks[k - 1].end < toks[k].start  # not a code glued to its amount ("EUR1.30")
        and toks[k - 1].text not in CURRENCY_CODES
    )


_BEFORE_WHOLE = wordset("last first next past remaining")


def _part_of(text: str, toks: list[Token], after: int) -> str:
    """ "416 of the 736 seats", "12 of the country's 18 provinces": the figure counts some of
    the things the number after "of" counts."""
    n = len(toks)
    if after + 1 >= n or toks[after].low != "of":
        return ""
    k = after + 1
    while k < n and (
        toks[k].low in DETERMINERS
        or toks[k].low in _BEFORE_WHOLE
        or toks[k].low.endswith(POSSESSIVE_ENDS)
    ):
        k += 1
    if k + 1 >= n or toks[k].kind != NUM:
        return ""
    run = noun_run(toks, k + 1, limit=4)
    if run is None or not looks_plural(toks[run[1]].text):
        return ""
    return text[toks[run[0]].start : toks[run[1]].end]


_BE_FORMS = wordset("is are was were be been being")


def _participles(toks: list[Token], span: tuple[int, int]) -> bool:
    """Words after a form of "be" that are the verb itself ("is expected", "are fixed", "had
    been running"), not an object."""
    return all(
        toks[k].low.endswith(("ed", "ing", "en")) or toks[k].low in _ADVERBS
        for k in range(span[0], span[1] + 1)
    )


_RELATIVES = wordset("which who")
_NOT_RELATIVE_VERBS = DETERMINERS | wordset("he she it they we i you there")


def _relative_head(text: str, toks: list[Token], start: int, first: int) -> str:
    """ "Nvidia, which closed at $134.80": the figure is about the noun phrase the relative
    clause hangs on, when the clause starts with its verb."""
    rel = start - 1
    if rel < 1 or toks[rel].low not in _RELATIVES or start >= first:
        return ""
    word = toks[start]
    if word.kind != WORD or not word.text[:1].islower() or word.low in _NOT_RELATIVE_VERBS:
        return ""
    hi = rel - 1 if toks[rel - 1].text != "," else rel - 2
    lo = hi
    while (
        lo - 1 >= 0
        and hi - lo < 3
        and toks[lo - 1].kind == WORD
        and toks[lo - 1].low not in STOP
        and not verb_at(toks, lo - 1)
    ):
        lo -= 1
    if hi < 0 or toks[hi].kind != WORD or toks[hi].low in STOP or verb_at(toks, hi):
        return ""
    return text[toks[lo].start : toks[hi].end]


def _with_phrase_after(text: str, toks: list[Token], last: int, named: str) -> str:
    """ "a fine of 1.5 billion won for the former executive" -> "fine for the former
    executive": the noun keeps a phrase right after its figure, not a time ("in May")."""
    n = len(toks)
    k = last + 1
    if k + 1 >= n or toks[k].low not in _PHRASE_PREPS:
        return named
    j = k + 1
    while j < n and toks[j].low in DETERMINERS:
        j += 1
    m = j
    while m < n and m - j < 3 and toks[m].kind == WORD and toks[m].low not in STOP:
        if toks[m].low in MONTHS or toks[m].low in TIME_NOUNS:
            return named
        if verb_at(toks, m):
            break
        m += 1
    if m == j or (m < n and toks[m].kind == NUM):
        return named
    return f"{named} {text[toks[k].start : toks[m - 1].end]}"


_PHRASE_PREPS = wordset("in for on from against")
_PERCENT_WORDS = wordset("percent cent pc pct")
#: nouns of "NOUN of FIGURE" that need the clause's subject to mean anything
_GENERIC_OF = wordset("rate level pace total average value high low record peak price")


def _clause_owner(text: str, toks: list[Token], start: int, stop: int) -> str:
    """The clause's subject before its first verb, for "to a record low of ..."; the sentence's
    opening noun phrase when the clause is a participle after a comma ("..., reversing a loss
    of ..."). Nobody when the verb is a forecast: "The ministry projects growth of 2.1%" is the
    ministry's forecast, not its growth."""
    verb = first_verb(toks, start, stop)
    if verb is None or toks[verb].low in _FORECAST_VERBS:
        return ""
    if verb == start:
        if start == 0 or toks[start - 1].text != "," or not toks[verb].low.endswith("ing"):
            return ""
        span = sentence_opening(toks, start)
    else:
        span = clean(toks, start, verb - 1)
    if span is None or is_agent(toks, span[1], by_ending=False):
        return ""  # "Scientists measured winds of 2,000 km/h": who measures, not whose
    return span_text(text, toks, span)


_FORECAST_VERBS = wordset(
    """expects expected expect projects projected project forecast forecasts predicts predicted
    predict sees saw see estimates estimated estimate puts put"""
)


def _place_after(text: str, toks: list[Token], after: int) -> str:
    """ " in York": a capitalised place right after the figure ("peaked at 8.9 metres in
    York"), not a time ("in March")."""
    n = len(toks)
    if after + 1 >= n or toks[after].low not in ("in", "at", "off", "near"):
        return ""
    k = after + 1
    while k < n and k - after <= 3 and toks[k].kind == WORD and toks[k].text[:1].isupper():
        if toks[k].low in MONTHS:
            return ""
        k += 1
    if k == after + 1:
        return ""
    return " " + text[toks[after].start : toks[k - 1].end]


_ADVERBS = wordset("also now then still already just further again only not")


def _age_subject(text: str, toks: list[Token], first: int, after: int) -> str:
    """ "Maria Lopez, 37," -> "age of Maria Lopez"; "a 62-year-old driver" -> "age of the
    driver"."""
    if first > 1 and toks[first - 1].text == ",":
        k = first - 2
        while k >= 0 and toks[k].kind == WORD and toks[k].text[:1].isupper():
            k -= 1
        if k == first - 2:  # "the England captain, 31,": a noun phrase after a determiner
            d = next((d for d in range(k, max(-1, k - 4), -1) if toks[d].low in DETERMINERS), None)
            if d is not None and all(toks[x].kind == WORD for x in range(d, first - 1)):
                k = d - 1
        if k < first - 2:
            return "age of " + text[toks[k + 1].start : toks[first - 2].end]
    group = _aged_group(text, toks, first)
    if group:
        return "age of " + group  # "among adults over 75", "patients aged 40-60"
    noun = _noun_after(toks, after)
    if noun is not None:
        return "age of the " + span_text(text, toks, noun)
    opening = sentence_opening(toks, first)
    return "age of " + span_text(text, toks, opening) if opening else "age"


_AGE_LEAD = wordset("under over aged above below between older younger than of")


def _aged_group(text: str, toks: list[Token], first: int) -> str:
    """ "among infants under six months", "patients aged 40-60": the plural noun right before
    an age (and the words that bound it) is the group whose age it is."""
    k = first - 1
    while k >= 0 and first - k < 4 and toks[k].low in _AGE_LEAD:
        k -= 1
    if k < 0 or toks[k].kind != WORD or not toks[k].text[:1].islower():
        return ""
    if toks[k].low in STOP or not looks_plural(toks[k].text) or verb_at(toks, k):
        return ""
    lo = k
    while (
        lo > 0
        and k - lo < 2
        and toks[lo - 1].kind == WORD
        and toks[lo - 1].text[:1].islower()
        and toks[lo - 1].low not in STOP
        and not verb_at(toks, lo - 1)
    ):
        lo -= 1
    return text[toks[lo].start : toks[k].end]


def moves_to(toks: list[Token], first: int) -> bool:
    """ "fell 5.4% last year to 383 million tonnes", "shrank by 4% to 11.2 million animals":
    the figure is the level a trend verb in its clause moves to."""
    start = clause_start(toks, first)
    return any(
        toks[k].low in qualifiers.TREND_WORDS or toks[k].low in qualifiers.REACH_VERBS
        for k in range(start, first - 1)
        if toks[k].kind == WORD and toks[k].text[:1].islower()
    )


#: nouns a figure is measured against: "beating forecasts of 0.2%", "below the target of 85%"
_BASELINE_NOUNS = wordset(
    """forecast forecasts expectation expectations estimate estimates consensus projection
    projections prediction predictions target targets goal normal norm average record
    threshold limit cap ceiling benchmark"""
)
#: words that set a baseline against what the clause measured
_AGAINST = wordset(
    """against below above beating beat beats missing missed than versus vs breaking broke
    surpassing exceeding topping"""
)
_BASELINE_SKIP = wordset("a an the just about around some nearly roughly of")


def baseline(text: str, toks: list[Token], first: int, previous: str) -> str:
    """ "Sales rose 0.5%, beating forecasts of a 0.2% rise" -> "forecasts for Sales": a figure
    set against the figure before as its forecast, target, normal level or record is that
    baseline of what the figure before was about."""
    if not previous or previous.startswith("age"):
        return ""
    k = first - 1
    ofs = 0
    while k > 0 and toks[k].low in _BASELINE_SKIP and first - k < 4:
        ofs += toks[k].low == "of"
        k -= 1
    if ofs > 1 or toks[k].kind != WORD or toks[k].low not in _BASELINE_NOUNS:
        return ""
    lo = k
    if k > 0 and toks[k - 1].kind == WORD and toks[k - 1].low in _BASELINE_ADJECTIVES:
        lo = k - 1  # "the previous record of 112F"
    j = lo - 1
    while j >= 0 and (
        toks[j].low in DETERMINERS
        or toks[j].low.endswith(POSSESSIVE_ENDS)
        or toks[j].text in ("'", "’")
        or (
            toks[j].kind == WORD
            and toks[j].low.endswith("s")
            and j + 1 < lo
            and toks[j + 1].text in ("'", "’")
        )
    ):
        j -= 1  # "its", "economists' "
    if j < 0 or not (toks[j].low in _AGAINST or toks[j].text == ","):
        return ""
    return f"{span_text(text, toks, (lo, k))} for {previous}"


_BASELINE_ADJECTIVES = wordset("previous old recommended official annual national normal")


_WORTH_SKIP = wordset(
    "a an estimated about around some nearly almost roughly up to more than over combined total"
)


def worth_of(toks: list[Token], first: int, previous: str) -> str:
    """ "landed 1,300 tonnes of mackerel worth about £1.6m" -> "value of mackerel landed":
    an amount that the things just counted or measured are worth is their value."""
    if not previous or previous.startswith(("age", "value of")):
        return ""
    k = first - 1
    while k > 0 and toks[k].low in _WORTH_SKIP and first - k < 4:
        k -= 1
    if toks[k].low != "worth" or k == 0:
        return ""
    if toks[k - 1].text != ",":
        back = range(k - 1, max(-1, k - 6), -1)
        near = next((j for j in back if toks[j].kind == NUM), None)
        if near is None or any(
            verb_at(toks, j) or toks[j].kind == PUNCT or toks[j].low in BOUNDARY_WORDS
            for j in range(near + 1, k)
        ):
            return ""  # "homes worth more than $1 million": no figure before to value
    return f"value of {previous}"


_COST_VERBS = wordset("cost costs costing")


def cost_to(text: str, toks: list[Token], first: int, subject: str) -> str:
    """ "Fraud cost the welfare system £7.4 billion" -> "cost of Fraud to the welfare system":
    an amount something costs someone is its cost to them."""
    k = first - 1
    while k > 0 and toks[k].low in _BEFORE_MONEY_WORDS and first - k < 4:
        k -= 1
    hi = k
    while k > 0 and first - k < 9 and toks[k].low not in _COST_VERBS:
        if toks[k].kind == NUM or toks[k].text in BOUNDARY_PUNCT or verb_at(toks, k):
            return ""
        k -= 1
    if toks[k].low not in _COST_VERBS or k == hi or not subject:
        return ""
    lo = k + 1
    if (
        toks[lo].low not in DETERMINERS
        and not toks[lo].low.endswith(POSSESSIVE_ENDS)
        and (
            not toks[lo].text[:1].isupper()
            and toks[lo].kind == WORD
            and not _plural_run(toks, lo, hi)
        )
    ):
        return ""
    return f"cost of {subject} to {text[toks[lo].start : toks[hi].end]}"


def _plural_run(toks: list[Token], lo: int, hi: int) -> bool:
    return any(looks_plural(toks[x].text) for x in range(lo, hi + 1))


_BEFORE_MONEY_WORDS = wordset("an a about around nearly almost some extra additional estimated")


_BACK_PRONOUNS = wordset("it them those these")


def of_pronoun(toks: list[Token], after: int, previous: str, *, share: bool) -> str:
    """ "coal supplied 75% of it", "two-thirds of them held in Europe": a part "of it" or "of
    them" is a part of what the figure before was about."""
    n = len(toks)
    if not previous or previous.startswith("age") or after + 1 >= n:
        return ""
    if toks[after].low != "of" or toks[after + 1].low not in _BACK_PRONOUNS:
        return ""
    return share_of(previous) if share else previous
