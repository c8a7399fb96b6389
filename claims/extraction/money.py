"""What an amount of money is for, when the clause says it: "The government will pay £2.3 billion
to build 12 reactors" -> "pay to build 12 reactors"; "sold the tower for £310m" -> "price of
tower"."""

from __future__ import annotations

from . import qualifiers
from .clauses import BOUNDARY_WORDS, SPEECH_BOUNDARY, span_text, verb_at
from .counted import actor_before
from .nouns import STOP
from .sentences import PUNCT, WORD, Token, wordset

#: verbs whose figure is a level or a property of the clause's subject, not a thing acted on
_STATE_VERBS = (
    wordset(
        """is are was were be been being has have had cost costs costing totalled totaled
    totals total stood stands reached reach reaches hit hits topped tops averaged averages
    average valued worth weighs weigh measures measure stands fetch fetched fetches trades
    traded trade closed close closes opened ended ends priced starts start started"""
    )
    | qualifiers.TREND_WORDS
)
#: words between a verb and its figure that belong to neither ("pay an extra £2bn")
_BEFORE_MONEY = wordset("a an another extra additional further some about around nearly almost")


def money_use(text: str, toks: list[Token], verb: int, first: int, after: int) -> str:
    """ "The government will pay £2.3 billion to build 12 reactors" -> "pay to build 12
    reactors": an amount acted on (paid, spent, raised, earned) is named by the verb and what
    the sentence says the money is for, not by who pays it."""
    if toks[verb].low in _STATE_VERBS or not toks[verb].text[:1].islower():
        return ""
    if toks[first - 1].low == "for" and toks[verb].low in _DEAL_VERBS and first - 2 > verb:
        j = first - 2
        while j > verb and (
            (toks[j].kind == WORD and toks[j].low not in STOP and not verb_at(toks, j))
            or (toks[j].text == "." and toks[j - 1].text[:1].isupper())
        ):
            j -= 1  # "the 22-storey tower", "U.S. Steel": the thing bought, back to a stop
        if toks[j].text in ("-", "–"):
            j += 1  # "the 1,400-square-metre retail unit": the unit, not the metre
        if j < first - 2 and toks[j + 1].text[:1].isalpha():
            return f"price of {span_text(text, toks, (j + 1, first - 2))}"  # "sold the tower for"
    between = toks[verb + 1 : first]
    if any(t.low not in _BEFORE_MONEY and t.low not in qualifiers.BEFORE_WORDS for t in between):
        return ""
    n = len(toks)
    if after >= n or toks[after].low not in _MONEY_PURPOSE:
        return ""
    end = after
    m = after + 1
    while m < n and m - after < 8 and toks[m].kind != PUNCT:
        if toks[m].low in BOUNDARY_WORDS and toks[m].low not in ("to", "for"):
            break
        if toks[m].low in SPEECH_BOUNDARY:
            break
        end = m
        m += 1
    while end > after and (toks[end].low in STOP or toks[end].kind != WORD):
        end -= 1
    if end == after:
        return ""
    extra = " ".join(t.text for t in between if t.low in ("extra", "additional", "further"))
    head = f"{toks[verb].text} {extra}".strip()
    actor_span = actor_before(toks, verb)
    if actor_span is not None and actor_span[1] - actor_span[0] < 3:
        head = (
            f"{span_text(text, toks, actor_span)} {head}"  # "Apple returned ... through buybacks"
        )
    return f"{head} {text[toks[after].start : toks[end].end]}"


#: verbs of a deal whose "for AMOUNT" is a price: "sold the tower for £310m"
_DEAL_VERBS = wordset(
    """sold sell sells bought buy buys acquired acquire acquires snapped purchased purchase
    purchases agreed offered offer offers bid bids valued"""
)
_MONEY_PURPOSE = wordset("for to on in into from towards toward")
