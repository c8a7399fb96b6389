"""How a subject read from the clause is worded: a subject that says nothing of its own (a
placeholder), a percentage of a group ("share of patients"), a figure per unit of another
currency ("franc exchange rate against the euro"), a one-word subject with its owner from the
sentence's opening ("mini PC RAM"), and who acts rather than owns ("the judge")."""

from __future__ import annotations

from functools import lru_cache

from .attribution import SPEECH_VERBS
from .clauses import DETERMINERS, VERBS, sentence_opening, span_text
from .nouns import NOUNS_LIKE_ADVERBS, PERSON_NOUNS, STOP
from .sentences import WORD, Token, wordset
from .units import LEXICON

#: nouns that only point back at what was counted ("put the figure at 8,000", "its total")
PLACEHOLDERS = wordset(
    """figure figures number numbers total tally count amount level times time estimate
    estimates one"""
)
#: single words that are never what a figure is about (adjectives, adverbs, verbs, times)
_NOT_SUBJECTS = wordset(
    """low high lowest highest slowest fastest biggest largest smallest record tall long wide
    deep high old behind ahead short effective expected led comes starts trades priced
    retired normal previous this next last year years month months week weeks day days
    decades decade sessions quarter"""
)


def is_placeholder(subject: str, toks: list[Token], first: int) -> bool:
    """A subject that says nothing of its own: empty, a pointer back ("the figure", "its
    total", "times"), or a lone adjective, adverb, verb or time ("lowest", "led", "this year")."""
    return _is_placeholder(subject)


@lru_cache(maxsize=4096)
def _is_placeholder(subject: str) -> bool:
    """(the words alone decide; figures of one sentence ask about the same subjects)"""
    words = [w for w in subject.lower().replace("’", "'").split() if w not in DETERMINERS]
    if not words:
        return True
    if len(words) == 1:
        w = words[0].strip(",.;:'")
        return (
            w in PLACEHOLDERS
            or w in _NOT_SUBJECTS
            or w in VERBS
            or (w.endswith(("est", "ly")) and w not in NOUNS_LIKE_ADVERBS)
            or (w.endswith("ed") and not w.endswith("eed"))
        )
    if len(words) == 2 and words[0] in ("this", "last", "next", "five", "two", "three"):
        return words[1].rstrip("s") in ("year", "month", "week", "day", "session", "decade")
    return all(w in PLACEHOLDERS or w in _NOT_SUBJECTS for w in words)


#: heads of noun phrases that act on a figure rather than own it
_AGENTS = wordset(
    "court judge jury police scientists researchers officials prosecutors government regulator"
)
_AGENT_ENDINGS = ("er", "ers", "or", "ors", "ist", "ists")


def is_agent(toks: list[Token], head: int, *, by_ending: bool = True) -> bool:
    """A person or a body that acts ("judge", "scientists", "developer"), not an owner; by its
    ending ("-er", "-ist") only where a company that owns things ("carmaker") is less likely."""
    low = toks[head].low
    return low in PERSON_NOUNS or low in _AGENTS or (by_ending and low.endswith(_AGENT_ENDINGS))


#: verbs that hand an amount to someone else: its subject does not own what it sends
_TRANSFER_VERBS = wordset(
    """send sends sending sent give gives giving gave sell sells selling sold ship ships shipping
    shipped supply supplies supplying supplied lend lends lending lent deliver delivers delivering
    delivered provide provides providing provided donate donates donating donated export exports
    exporting exported hand hands handing handed"""
)


_ADVERBS_BEFORE_VERB = wordset("also still now already even just only again currently")


def with_opening(text: str, toks: list[Token], first: int, subject: str) -> str:
    """ "The mini PC has two ports and supports up to 96GB of RAM" -> "mini PC RAM": a one-word
    subject says whose it is when the sentence opens with a short noun phrase that neither
    speaks nor acts."""
    words = [w for w in subject.split() if w.lower() not in STOP]
    if len(words) != 1 or subject.startswith("age"):
        return subject
    if any(toks[k].low in _TRANSFER_VERBS for k in range(max(0, first - 3), first)):
        return subject  # "Moscow is sending Pyongyang 700,000 tons of rice": not Moscow's rice
    opening = sentence_opening(toks, first)
    if opening is None or opening[1] >= first - 1 or opening[1] - opening[0] > 2:
        return subject
    lo, hi = opening
    if any(toks[k].kind != WORD or toks[k].low in STOP for k in range(lo, hi + 1)):
        return subject
    nxt = hi + 1
    while nxt < len(toks) and toks[nxt].low in _ADVERBS_BEFORE_VERB:
        nxt += 1  # "The ministry also projects ..."
    if nxt < len(toks) and toks[nxt].low in SPEECH_VERBS:
        return subject  # "The ministry said 300 jobs ...": who speaks, not whose
    if is_agent(toks, hi):
        return subject  # "The judge awarded damages of ...": who acts, not whose
    name = span_text(text, toks, opening)
    if words[0].strip(",.;:").lower() in name.lower():
        return subject
    return f"{name} {subject}"


def share_of(group: str) -> str:
    """ "share of patients": a percentage of a group ("22% of patients", "one in ten homes",
    "half the tenants") is that group's share."""
    if group.lower().startswith(("share", "proportion", "percentage", "part")):
        return group
    if is_placeholder(group, [], 0):
        return group  # "30% of the total", "40% this year": what the clause is about
    return f"share of {group}"


def exchange_rate(subject: str, per: str | None) -> str:
    """ "the franc strengthened to 0.94 per euro" -> "franc exchange rate against the euro": a
    figure per unit of another currency is the exchange rate of the currency it is about."""
    if not per or not subject or "rate" in subject.lower() or "against" in subject.lower():
        return subject
    unit = LEXICON.get((per.lower(),))
    if unit is None or unit.currency is None:
        return subject
    return f"{subject} exchange rate against the {per}"
