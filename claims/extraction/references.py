"""What a figure borrows from the figure or the sentence before it: a pronoun or "the figure"
opening a sentence ("Exports rose 4%. They reached $31 billion."), the next item of a list
("12 people in Florida and 4 in Georgia"), a bare number in a verb phrase joined by "and"
("... and forced 300,000 from their homes"), a clause whose subject is only a time ("...,
and August was revised up to 0.2%") and a fraction with no group of its own ("..., and about
one in three lost more than 20%")."""

from __future__ import annotations

from .clauses import MODALS, sentence_opening, span_text, verb_at
from .nouns import STOP, looks_plural
from .sentences import NUM, WORD, Token, wordset

_BE = wordset("is are was were be been being")
#: qualifiers before a number ("about 300", "more than 40")
_LEADING = wordset("about around nearly almost roughly some over under up to just only more than")

SUBJECT_PRONOUNS = wordset("it they this that these those")
#: nouns that only point back at what the sentence before counted
PLACEHOLDER_NOUNS = wordset("figure figures number total tally amount")


def pronoun_opens(toks: list[Token]) -> bool:
    """ "They reached $31 billion", "It rose 40%": the sentence opens with a pronoun for its
    subject, which the sentence before names."""
    k = 1
    if toks and toks[0].low == "the":
        if len(toks) < 3 or toks[1].low not in PLACEHOLDER_NOUNS:
            return False
        k = 2  # "The figure was up 4%", "The total rose to 61.7 million"
    elif not toks or toks[0].low not in SUBJECT_PRONOUNS:
        return False
    return (
        len(toks) > k
        and toks[k].kind == WORD
        and (verb_at(toks, k) or toks[k].low in MODALS or toks[k].low in _BE)
    )


def antecedent(text: str, start: int, end: int) -> str:
    """The noun phrase that opens the sentence ``text[start:end]`` (before its first verb): what
    a pronoun opening the next sentence stands for ("Shares of the bank fell sharply. They
    closed down 8%")."""
    from .sentences import tokenize

    toks = tokenize(text[start : min(end, start + 200)], start)
    if not toks or toks[0].low in SUBJECT_PRONOUNS:
        return ""
    span = sentence_opening(toks, len(toks))
    if span is None or any(toks[k].kind == NUM for k in range(span[0], span[1] + 1)):
        return ""
    return span_text(text, toks, span)


_LIST_SEPARATORS = wordset("and or plus")
_AUXILIARIES = wordset("were was are is have had has will would could remain remained")
#: words that open another clause, not the next item of a list
_LIST_STOPS = wordset(
    """while but whereas which who that than against versus compared said says from up down
    rose fell"""
)
_PHRASE_PREPS = wordset("in on for at to into across among")
_LINKS = wordset("to at by of")


def listed(
    text: str,
    toks: list[Token],
    before: tuple[int, str],
    fig: tuple[int, int, str],
    previous: str,
) -> str:
    """ "The storm killed 12 people in Florida and 4 in Georgia" -> "people killed by storm in
    Georgia"; "hired 300 engineers, 40 designers and 12 lawyers" -> "designers hired by
    company"; "cut its forecast for growth to 1.2%, for inflation to 3.1%" -> "forecast for
    inflation": the next item of a list shares the subject of the item before, with its own
    counted noun and its own phrase. ``before``: (last token, counted noun) of the figure before;
    ``fig``: (first token, token after, counted noun) of this one."""
    if not previous or previous.startswith(("age", "period since", "share of", "value of")):
        return ""
    before_last, before_noun = before
    first, after, noun = fig
    if first - before_last - 1 > 10 or first <= before_last + 1:
        return ""
    separator = 0
    for k in range(before_last + 1, first):
        t = toks[k]
        if t.text == "," or t.low in _LIST_SEPARATORS:
            separator = k
        elif t.kind != WORD or t.low in _LIST_STOPS or verb_at(toks, k):
            return ""
    if not separator or (after < len(toks) and toks[after].low in _AUXILIARIES):
        return ""  # "..., and 76 were shot down": a clause of its own
    k = separator + 1
    if k < first and toks[k].low in _PHRASE_PREPS:
        k += 1
        while k < first and toks[k].low not in _LINKS and toks[k].low not in STOP:
            k += 1  # ", for inflation to 3.1%": the item's own phrase
    if any(toks[j].low not in _LINKS and toks[j].low not in _LEADING for j in range(k, first)):
        return ""  # ", below the target of 85%", "with WTI at $68.90": a noun of its own
    base = previous
    if noun:
        if (
            not before_noun
            or not looks_plural(noun.split()[-1])
            or not previous.lower().startswith(before_noun.lower())
        ):
            return ""
        base = noun + previous[len(before_noun) :]
    phrase = _phrase(text, toks, after, len(toks))
    if not phrase:
        hi = first - 1
        while hi > separator and toks[hi].low in _LINKS | _LEADING:
            hi -= 1
        if hi > separator + 1 and toks[separator + 1].low in _PHRASE_PREPS:
            phrase = _phrase(text, toks, separator + 1, hi + 1)
    if phrase:
        at = base.rfind(f" {phrase.split()[0]} ")
        if at >= 0:
            base = f"{base[:at]} {phrase}"
    return base


def _phrase(text: str, toks: list[Token], k: int, stop: int) -> str:
    """ "in Georgia", "for inflation": a preposition and up to three words, not a time."""
    from .clauses import MONTHS
    from .nouns import TIME_NOUNS

    if k + 1 >= stop or toks[k].low not in _PHRASE_PREPS:
        return ""
    m = k + 1
    while m < stop and m - k <= 3 and toks[m].kind == WORD and toks[m].low not in STOP:
        if toks[m].low in MONTHS or toks[m].low in TIME_NOUNS or verb_at(toks, m):
            return ""
        m += 1
    if m == k + 1:
        return ""
    return text[toks[k].start : toks[m - 1].end]


_TIME_WORDS = wordset(
    """january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday last this next year month week
    quarter first second third fourth the in"""
)


def time_subject(subject: str, previous: str) -> str:
    """ "Retail sales rose 0.4% in September, and August was revised up to 0.2%" -> "Retail
    sales in August": a clause whose subject is only a time is about what the figure before was,
    at that time."""
    head = subject.split(" ", 1)[0]
    if head.lower() not in _TIME_WORDS and not head.isdigit():
        return ""  # (most subjects: the first word decides)
    words = subject.split()
    if not previous or previous.startswith(("age", "period since")):
        return ""
    if not all(w.lower() in _TIME_WORDS or (w.isdigit() and len(w) == 4) for w in words):
        return ""
    if not any(w[:1].isupper() or w.isdigit() for w in words):
        return ""  # "the first": no time named
    return f"{previous} in {subject}"


def bare_count(toks: list[Token], first: int, after: int) -> bool:
    """ "... and forced 300,000 from their homes", "..., and 76 were shot down": a number with
    no noun of its own in a verb phrase joined to the clause before, counting what the count
    before counted."""
    k = first - 1
    while k > 0 and toks[k].low in _LEADING:
        k -= 1
    if k < 1:
        return False
    if toks[k].kind == WORD and toks[k].text[:1].islower() and verb_at(toks, k):
        return toks[k - 1].low == "and" and toks[k].low not in _BE | MODALS
    return toks[k].low == "and" and after < len(toks) and toks[after].low in _AUXILIARIES


_FRACTION_WORDS = wordset(
    """half halves third thirds quarter quarters fifth fifths sixth sixths seventh sevenths
    eighth eighths ninth ninths tenth tenths in out"""
)


def share_of_before(toks: list[Token], first: int, last: int, after: int, found: str) -> str:
    """ "Patients in the trial lost 15 kg, and about one in three lost more than 20%" -> "share
    of Patients in the trial": a fraction with no group of its own, that acts, is a share of
    what the clause before is about; "Of the 400 flats, a quarter are empty" likewise."""
    from .wording import share_of

    if toks[last].text == "%" or not any(
        toks[k].low in _FRACTION_WORDS for k in range(first, last + 1)
    ):
        return ""
    if after >= len(toks) or toks[after].kind != WORD or toks[after].low in ("of", "the"):
        return ""
    if not (verb_at(toks, after) or toks[after].low in _AUXILIARIES):
        return ""
    return share_of(found)
