"""A counted noun with what its clause adds: the verb that counts it, who acts, and the phrases
after it ("Police arrested 27 people in raids across Johannesburg" -> "people arrested in raids
across Johannesburg"; "About 1,400 people were arrested after the riots")."""

from __future__ import annotations

from . import qualifiers, verbs, wording
from .clauses import (
    BOUNDARY_WORDS,
    DETERMINERS,
    MODALS,
    MONTHS,
    POSSESSIVE_ENDS,
    SPEECH_BOUNDARY,
    clause_start,
    clean,
    sentence_opening,
    span_text,
    verb_at,
)
from .nouns import STOP, TIME_NOUNS
from .numbers import is_number_start
from .sentences import PUNCT, WORD, Token, wordset

_TRAILING_PREPS = wordset("in of from on for across at with among under")


def extend(text: str, toks: list[Token], first: int, last: int, subject: str) -> str:
    """A counted noun or an "of" phrase with what the clause adds: the verb that counts it and
    the phrases after it ("Police arrested 27 people in raids across Johannesburg" -> "people
    arrested in raids across Johannesburg")."""
    if subject.lower() in wording.PLACEHOLDERS:
        return subject  # "72 times": what the clause is about, read elsewhere
    n = len(toks)
    # only a match that ends within the tokens can move ``last``: no search past them (a subject
    # worded otherwise than the text searched the rest of the report for every figure)
    at = text.find(subject, toks[last].start, toks[-1].end)
    if at >= 0:
        stop = at + len(subject)
        last = next((k for k in range(last, n) if toks[k].end >= stop), last)
    end = last
    of_end = last  # the "of" phrase right after the noun: "loaves of rye bread"
    words = len(subject.split())
    k = last + 1
    while k + 1 < n and toks[k].low in _TRAILING_PREPS and words < 8:
        j = k + 1
        while j < n and toks[j].low in DETERMINERS:
            j += 1
        m = j
        while (
            m < n
            and m - j < 4
            and toks[m].kind == WORD
            and toks[m].low not in STOP
            and not verb_at(toks, m)
        ):
            m += 1
        if m == j or any(toks[x].low in MONTHS or toks[x].low in TIME_NOUNS for x in range(j, m)):
            break  # "in July", "in the first half": when, not what
        if end == last and toks[k].low == "of":
            of_end = m - 1
        end = m - 1
        words += m - k
        k = m
    trailing = text[toks[last + 1].start : toks[end].end] if end > last else ""
    out = f"{subject} {trailing}".strip()
    verb = first - 1
    while (
        verb >= 0
        and verb > first - 4
        and toks[verb].low in qualifiers.BEFORE_WORDS
        and not (  # "called up about 360,000 reservists"; not "makes up about 30%"
            toks[verb].low == "up"
            and toks[verb + 1].low != "to"
            and verb > 0
            and toks[verb - 1].low not in _MAKE
        )
    ):
        verb -= 1
    if verb >= 0 and toks[verb].low in ("a", "an", "another"):
        verb -= 1
    while verb > 0 and (toks[verb].low in _ARTICLES or toks[verb].low in _BEFORE_COUNT):
        verb -= 1  # "sold its last 40 season tickets"
    particle = ""
    if verb > 0 and toks[verb].low in _PARTICLES and _verb_before(toks, verb - 1):
        particle = " " + toks[verb].text  # "shot down 14 drones"
        verb -= 1
    if (
        verb >= 0
        and _verb_before(toks, verb)
        and (toks[verb].low not in _NOT_ACTIONS or toks[verb].low in ("added", "lost", "cut"))
        and _acts_on(toks, verb, first)
    ):
        low = toks[verb].low
        if low in ("saw", "sees", "see") and end == last:
            tail = verb_after(text, toks, last + 1)
            if tail:
                return f"{out} {tail}"  # "Monday saw 3,000 flights cancelled": not seen by it
        participle = toks[verb].text if low.endswith("ed") else verbs.participle(low)
        if not participle:
            return out
        participle += particle
        actor_span = actor_before(toks, verb)
        by = f" by {span_text(text, toks, actor_span)}" if actor_span is not None else ""
        # "The opposition bloc won 106 seats in the vote" -> "seats won by the opposition bloc
        # in the vote"; an "of" phrase stays with its noun: "loaves of rye bread sold by bakery"
        if of_end > last:
            owned = text[toks[last + 1].start : toks[of_end].end]
            rest = text[toks[of_end + 1].start : toks[end].end] if end > of_end else ""
            return f"{subject} {owned} {participle}{by} {rest}".strip()
        return f"{subject} {participle}{by} {trailing}".strip()
    if end == last and not _in_phrase(toks, first - 1):
        tail = verb_after(text, toks, last + 1)
        if tail:
            return f"{out} {tail}"  # "About 1,400 people were arrested after the riots"
    state = _predicate_after(text, toks, end + 1)
    return f"{out} {state}" if state else out


_PARTICLES = wordset("down up off out away back")
_MAKE = wordset("make makes made making")
#: words that open an aside between a subject and its verb ("which", "most of them")
_ASIDE_OPENERS = wordset("which who whose most many some including mostly all none")


def _verb_before(toks: list[Token], k: int) -> bool:
    """The verb that acts on a counted noun right after it: a known verb, a past form ("China
    sent 40 warships", "Officials seized 300 rifles") or a word after a modal or "to" ("the wing
    will add 220 beds"), lower-case and neither after a determiner nor part of a possessive."""
    if verb_at(toks, k):
        return True
    t = toks[k]
    if (
        t.kind != WORD
        or not t.text[:1].islower()
        or t.low in STOP
        or t.low in _NOT_VERB_BEFORE
        or (k + 1 < len(toks) and toks[k + 1].start == t.end)
        or (k > 0 and (toks[k - 1].low in DETERMINERS or toks[k - 1].low.endswith("'s")))
    ):
        return False
    return verbs.is_past(t.low) or (k > 0 and toks[k - 1].low in MODALS | {"to"})


#: words that stand bare before a number without acting on it
_NOT_VERB_BEFORE = wordset("total record combined estimated further extra additional whole top")


#: words that open an amount, not a state ("are over 55")
_AMOUNT_WORDS = wordset("over under about around nearly almost more less up above below just")
_COPULAS = wordset("are were is was remain remained remains")
_STATE_ADVERBS = wordset("still now currently already also")
#: words after a copula that start a figure's context, not a state ("are expected to")
_NOT_STATES = wordset("expected forecast estimated thought believed likely set due able")


def _predicate_after(text: str, toks: list[Token], j: int) -> str:
    """ "About 3 million people are on the brink of famine", "2.8 million people are economically
    inactive": what the counted things are, after a copula (the copula left out)."""
    n = len(toks)
    if j + 1 >= n or toks[j].low not in _COPULAS:
        return ""
    m = j + 1
    while m < n and (toks[m].low in _STATE_ADVERBS or toks[m].low.endswith("ly")):
        m += 1
    if (
        m >= n
        or toks[m].kind != WORD
        or not toks[m].text[:1].islower()
        or toks[m].low in _NOT_STATES
        or toks[m].low in _AMOUNT_WORDS
        or toks[m].low in DETERMINERS
        or is_number_start(toks[m])
        or verb_at(toks, m)
        or toks[m].low.endswith("ing")
    ):  # "are now training in Russia": what they do, not what they are
        return ""
    end = m
    k = m + 1
    while k < n and k - m < 7:
        t = toks[k]
        if t.kind == PUNCT:
            if t.text in ("-", "–") and k + 1 < n and t.start == toks[k - 1].end:
                k += 1  # "long-term"
                continue
            break
        if t.low in BOUNDARY_WORDS or is_number_start(t) or verb_at(toks, k):
            break
        if t.low not in STOP:
            end = k
        k += 1
    return text[toks[j + 1].start : toks[end].end]


_GAP_PREPOSITIONS = wordset("at to for on in into toward towards against")
_BE_BEFORE = wordset("is are was were be been being ’s 's that’s that's it’s it's")


def _acts_on(toks: list[Token], verb: int, first: int) -> bool:
    """Whether the figure at ``first`` is what ``verb`` acts on: not the end of a preposition
    ("a video that's aimed at the more than 10,000 soldiers": the soldiers are not aimed) and not
    after a passive ("were arrested")."""
    for k in range(verb + 1, first):
        low = toks[k].low
        if low in _GAP_PREPOSITIONS and not (
            (low == "at" and k + 1 < first and toks[k + 1].low in ("least", "most"))
            or (low == "to" and k > verb + 1 and toks[k - 1].low == "up")
        ):
            return False
    before = toks[verb - 1].low if verb > 0 else ""
    return before not in _BE_BEFORE and not before.endswith(("’s", "'s"))


_NOT_ACTIONS = (
    wordset(
        """is are was were be been being has have had will would could can may might must should
    includes include included including contains contain put puts"""
    )
    | qualifiers.TREND_WORDS
    | qualifiers.REACH_VERBS
)


def actor_before(toks: list[Token], verb: int) -> tuple[int, int] | None:
    """The clause's subject before ``verb`` when it is a short noun phrase, not a pronoun."""
    k = verb - 1
    while k >= 0 and toks[k].low in MODALS | {"also", "now", "then", "to", "agreed", "plans"}:
        k -= 1  # "will create", "agreed to pay"
    start = clause_start(toks, k + 1) if k >= 0 else 0
    if k >= 0 and toks[k].low == "and":
        start = k + 1  # "The chain will open 25 stores and create about 2,000 jobs"
    if k < start:
        if start > 0 and (toks[start - 1].low == "and" or after_aside(toks, start)):
            # "The cargo ship is 400 metres long and carries 24,000 containers": the sentence's
            # subject carries them
            opening = sentence_opening(toks, start)
            if opening is not None and opening[1] - opening[0] <= 4:
                return opening
        return None
    span = clean(toks, start, k)
    if span is None or span[1] != k or span[1] - span[0] > 4:
        return None
    words = toks[span[0] : span[1] + 1]
    if any(
        (w.kind != WORD and not _joins(toks, x)) or w.low in STOP
        for x, w in enumerate(words, span[0])
    ):
        return None
    if any(verb_at(toks, x) for x in range(span[0], span[1] + 1)):
        return None
    return span


def after_aside(toks: list[Token], start: int) -> bool:
    """ "The chain, the country's largest, will open 25 stores": the clause opens right after
    an aside set apart by commas after the sentence's opening noun phrase."""
    if toks[start - 1].text != ",":
        return False
    opening = sentence_opening(toks, start)
    return (
        opening is not None
        and opening[1] + 1 < start - 1
        and toks[opening[1] + 1].text == ","
        and not any(toks[k].text == "," for k in range(opening[1] + 2, start - 1))
    )


def _joins(toks: list[Token], k: int) -> bool:
    """A hyphen inside a word: "three-party", "long-term"."""
    return (
        toks[k].text in ("-", "–")
        and 0 < k < len(toks) - 1
        and toks[k - 1].end == toks[k].start
        and toks[k].end == toks[k + 1].start
    )


def verb_after(text: str, toks: list[Token], j: int) -> str:
    """ "were arrested after the riots", "crossed the Channel in small boats", "had been shot
    down overnight", "lack safe sanitation": the verb that says what the counted things did or
    had done to them, with its object or a short phrase after it."""
    n = len(toks)
    if j < n and toks[j].text == ",":
        # "About 1,400 people, most of them students, were arrested": past the aside
        close = next((x for x in range(j + 2, min(n, j + 9)) if toks[x].text == ","), None)
        if close is not None and (
            toks[j + 1].low in _ASIDE_OPENERS
            or not any(verb_at(toks, x) for x in range(j + 1, close))
        ):
            j = close + 1
    k = j
    helped = False  # an auxiliary ("had been", "were still") makes the next word the verb
    while (
        k < n
        and k - j < 4
        and (
            toks[k].low in _NOT_ACTIONS - qualifiers.TREND_WORDS
            or (k > j and (toks[k].low in _STATE_ADVERBS or toks[k].low.endswith("ly")))
            or (  # "also were arrested"; not "now training in Russia"
                toks[k].low in _STATE_ADVERBS
                and k + 1 < n
                and (toks[k + 1].low in _NOT_ACTIONS or verbs.is_past(toks[k + 1].low))
            )
        )
    ):
        helped = helped or toks[k].low in _NOT_ACTIONS
        k += 1
    if (
        k >= n
        or toks[k].low in _NOT_ACTIONS
        or toks[k].low in SPEECH_BOUNDARY
        or not _verb_word(toks, k)
    ):
        return ""  # "6,000 twins found that ...": what a study found is not what it counts
    if toks[k].low.endswith("ing") and any(toks[x].low in _COPULAS for x in range(j, k)):
        return ""  # "are now training in Russia": what they are doing, not what they are
    if not (helped or verb_at(toks, k) or verbs.is_past(toks[k].low)) and (
        toks[k].low.endswith(("ly", "s"))
        or toks[k].low in TIME_NOUNS
        or toks[k].low in _AMOUNT_ADJECTIVES
    ):
        return ""  # "300 homes nationwide", "44 runs short", a singular verb: not a verb
    m = k + 1
    if m < n and toks[m].low in _PARTICLES:
        m += 1  # "shot down"
    end = m - 1
    if m < n and (
        (is_number_start(toks[m]) and toks[m].low not in ("a", "an"))
        or toks[m].text in "$£€¥"
        or toks[m].low == "combined"
        or (
            toks[m].low in ("a", "an", "another")
            and m + 1 < n
            and (
                is_number_start(toks[m + 1])
                or toks[m + 1].text in "$£€¥"
                or toks[m + 1].low in _NOT_VERB_BEFORE
            )
        )
        or (
            toks[m].low in _AMOUNT_WORDS
            and m + 1 < n
            and (
                is_number_start(toks[m + 1])
                or toks[m + 1].text in "$£€¥"
                or toks[m + 1].low in ("than", "to")
            )
        )
    ):
        return ""  # "20 clubs spent a combined £2.36 billion": an amount follows
    for _ in range(2):  # an object, then a phrase: "the Channel", "in small boats"
        if m < n and (toks[m].low in _PHRASE_PREPS or (toks[m].low == "by" and helped)):
            m += 1
        elif m >= n or (toks[m].low not in DETERMINERS and toks[m].kind != WORD):
            break
        while m < n and toks[m].low in DETERMINERS:
            m += 1
        start = m
        if is_number_start(toks[m]) and m + 2 < n and _joins(toks, m + 1):
            m += 3  # "the four-week tournament": one word
        while (
            m < n
            and m - start < 4
            and toks[m].kind == WORD
            and toks[m].low not in STOP
            and toks[m].low not in MONTHS
            and toks[m].low not in TIME_NOUNS
            and not is_number_start(toks[m])
        ):
            if verb_at(toks, m):
                break
            m += 1
        if m == start:
            break
        end = m - 1
    if end == k and not verbs.is_past(toks[k].low) and not toks[k].low.endswith("ing"):
        return ""  # "300 jobs would go", "people die": a bare verb says little of the things
    return text[toks[k].start : toks[end].end]


_PHRASE_PREPS = _TRAILING_PREPS | wordset("after during before over into around near through")
_ARTICLES = wordset("the a an its their his her our")
#: words between a verb and the count it acts on
_BEFORE_COUNT = wordset("last first next remaining final")
#: words that stand after an amount and say how it compares, not what the things do
_AMOUNT_ADJECTIVES = wordset("short clear ahead behind apart unbeaten old long high wide deep tall")


def _in_phrase(toks: list[Token], k: int) -> bool:
    """ "The study of 6,000 twins found", "peacekeepers from 40 countries serve": a counted noun
    inside a phrase is not what the clause's verb is about."""
    while k >= 0 and (
        toks[k].low in DETERMINERS
        or toks[k].low.endswith(POSSESSIVE_ENDS)
        or (toks[k].low in qualifiers.BEFORE_WORDS and toks[k].low not in ("of", "from"))
    ):
        k -= 1
    return k >= 0 and toks[k].low in ("of", "from")


def _verb_word(toks: list[Token], k: int) -> bool:
    t = toks[k]
    return (
        t.kind == WORD
        and t.text[:1].islower()
        and t.low not in STOP
        and t.low not in MONTHS
        and not (k + 1 < len(toks) and toks[k + 1].start == t.end and toks[k + 1].text in "'’")
    )
