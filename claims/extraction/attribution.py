"""Who asserted a figure (speaker, verb) and who relayed it (via).

Rules, applied per sentence on tokens:

* "X said/reported/estimated/assessed/told ..." (X is the capitalised or speaker-like noun phrase
  before the verb; an apposition "X, a newspaper in Seoul, reported" is skipped over);
* "..., said X" and '"…," said X' (X after the verb; a phrase closing the sentence is read
  whole: "..., said the trade ministry.", "..., estimated exporters.");
* "..., X said, Nikkei reported." / "..., as cited by Interfax.": the outlet relays X;
* a rival's figure in a later clause is its own ("...; the employer counted 3,100", "a figure
  the army disputed, putting it at 18", "compared with 57 million according to SovEcon");
* "according to X"; "citing X" (X becomes the speaker, the other clause the relay);
* chains: with two attribution clauses before the figure, the later (inner) one is the speaker
  and the earlier one relays it: "The Korea Herald reported that South Korean intelligence has
  assessed that ..." -> speaker "South Korean intelligence", via "The Korea Herald";
* a sentence inside a quotation takes the attribution given after (or before) the quotation;
* pronouns (he, she, they, it) are carried to the last named speaker in the paragraph.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, replace

from . import nouns
from .sentences import NUM, PUNCT, WORD, Token, wordset

SPEECH_VERBS = wordset(
    """said says say told tells reported reports estimated estimates estimate assessed assesses
    assess stated states announced announces claimed claims added adds noted notes wrote writes
    warned warns predicted predicts projected projects forecast forecasts confirmed confirms
    believes believe found finds showed shows show testified revealed reveals disclosed
    argued argues insisted insists explained acknowledged admitted calculated indicated
    indicates suggested suggests concluded alleged alleges tweeted posted counted recorded
    put puts expect expects expected sees see pegs pegged believed allege argue warn predict
    insist reckon reckons reckoned calculate conclude acknowledge admit forecasting estimating
    projecting predicting expecting targeting warning claiming validated validates verified
    verifies tallied tallies certified certifies"""
)
#: "The company is forecasting revenue of $2.2 billion": the auxiliary is not a passive
PROGRESSIVE = wordset(
    "forecasting estimating projecting predicting expecting targeting warning claiming"
)
#: verbs that make any subject a speaker ("the coast guard said"); weaker ones ("showed",
#: "adds") need a speaker-like subject
STRONG_VERBS = wordset(
    """said says told tells reported reports estimated estimates assessed assesses stated
    announced announces claimed claims warned warns predicted predicts confirmed confirms
    expect expects believes testified allege warn predict"""
)
#: verbs that can take the subject after them: '"...," said Ms. Butyrska'
INVERTIBLE = wordset("said says added wrote told noted explained warned")
#: verbs whose subject usually relays another's claim
RELAY_VERBS = wordset("reported reports said says wrote writes told according citing cited quoted")
AUXILIARIES = wordset(
    """has have had also previously earlier recently later then now already repeatedly
    separately again reportedly publicly privately would will could may might had has
    had long first initially"""
)
PASSIVE = wordset("is are was were be been being")
TITLES = wordset(
    "mr mrs ms dr prof gen lt col sgt capt cmdr adm maj gov sen rep rev st jr sr brig cpl supt"
    " insp det"
)
PRONOUNS = wordset("he she they it we")
#: lower-case words that can make up a speaker noun phrase ("South Korean intelligence")
SPEAKER_WORDS = wordset(
    """officials official intelligence police ministry spokesperson spokesman spokeswoman
    analysts analyst experts expert economists economist researchers researcher data report
    survey statistics agency government authorities authority sources source military army
    navy command office department service services bureau institute council committee
    commission regulator regulators prosecutors prosecutor investigators ministers minister
    president prime governor mayor chief head staff company firm bank group think tank study
    figures estimates poll census defence defense foreign interior finance health national
    state central federal regional local general joint emergency statistical new latest
    senior top monitors monitor observers organizers organisers union unions operator
    spokespeople representatives lawmakers diplomats diplomat officers observatory people
    media newspaper newspapers broadcaster broadcasters outlet outlets television radio press
    channel network agencies spokeswoman carmaker retailer miner lender insurer airline brewer
    chipmaker drugmaker maker utility exchange watchdog observatory institute traders dealers
    brokers growers exporters importers producers strategists forecasters scientists
    campaigners consultants board boards broker shipper producer exporter coastguard
    association federation chamber society foundation charity mediators negotiators"""
)
_COUNT_WORDS = wordset("two three four five six seven eight nine ten several many some")
CONNECTORS = frozenset({"of", "and", "for", "the", "de"})
INNER_CONNECTORS = frozenset({"of", "and", "for", "the", "de", "at", "from", "in"})
FUNCTION_WORDS = wordset(
    """but and however on in meanwhile still yet so also when while whereas after before earlier
    later last this that these those a an at among as if though although because since then
    separately instead indeed now here there for to with by from"""
)
DETERMINERS = frozenset({"the", "a", "an", "its", "their", "his", "her", "this", "that"})
_POSSESSIVES = frozenset({"its", "their", "his", "her", "our", "my"})
#: a speaker that names nobody: "The cocoa grinding data showed"
_BARE_DATA = frozenset({"data", "figures", "statistics", "numbers", "the data", "the figures"})
_DATA = frozenset({"figures", "data", "statistics", "numbers", "estimates", "report"})
_NOUN_FORMS = frozenset({"forecast", "forecasts", "estimate", "estimates", "report", "reports"})
#: verbs that give a figure as someone's: "Local officials gave a higher figure of 500"
GIVE_VERBS = wordset("gave gives give cited cites offered offers provided provides")


#: what a body expects, voiced by whoever closes the sentence: "The airline expects ..., its
#: chief executive said"
_EXPECTS = wordset("expect expects expected sees see believes believe plans plan")

#: verbs by which a body counts or books a figure rather than voicing someone's claim: inside
#: "X said that ...", X is still who speaks ("X said police recorded 6,945 murders")
MEASURE_VERBS = wordset(
    """recorded records counted counts showed shows posted posts validated validates verified
    verifies tallied tallies certified certifies"""
)

#: verbs by which a speaker voices a belief or an estimate of its own (which a report closing
#: the sentence relays): not a result it posts or a count it records
VOICED_VERBS = wordset(
    """said says told tells estimated estimates assessed assesses believed believes expects
    expected sees predicted predicts forecast forecasts projected projects warned warns claimed
    claims calculated reckoned reckons argued stated"""
)

MAX_CLAUSES = 12
#: indefinite pronouns name no speaker: "No one expected this", "Everyone agrees"
NOBODY = frozenset(
    {"no one", "nobody", "none", "everyone", "everybody", "someone", "somebody", "anyone"}
    | {"anybody", "nothing", "something", "everything"}
)


@dataclass(frozen=True, slots=True)
class Clause:
    speaker: str
    verb: str
    position: int  # character offset of the verb
    pronoun: bool = False
    citing: bool = False
    span: tuple[int, int] = (0, 0)  # character span of the speaker phrase
    complement: bool = False  # the verb introduces a "that" clause: it may relay another
    via: str | None = None  # "X told Reuters": Reuters relays X
    final: bool = False  # ", X said." closing the sentence: it covers every figure before it
    #: "the 74.8% analysts expected", "700,000 estimated by exporters": the clause gives only the
    #: figure that ends in this character range
    bound: tuple[int, int] | None = None
    #: "The survey of 1,500 junior doctors found": the sample before the verb is not its claim
    study: bool = False
    #: ", X said, while ...": the clause covers no figure from this character offset on
    until: int | None = None
    #: "Brent rose 1.2%, and traders said ...": the speaker opens a clause of its own after a
    #: conjunction, so it does not speak for the figures of the clause before
    coordinated: bool = False


def _glued_dot(toks: list[Token], j: int) -> bool:
    """ "Realtor.com", "Daft.ie": a full stop inside a capitalised web name."""
    return (
        toks[j].text == "."
        and 0 < j < len(toks) - 1
        and toks[j - 1].end == toks[j].start
        and toks[j + 1].start == toks[j].end
        and toks[j - 1].kind == WORD
        and toks[j - 1].text[0].isupper()
        and toks[j + 1].kind == WORD
        and toks[j + 1].text.islower()
        and len(toks[j + 1].text) <= 4
    )


def _is_np_token(toks: list[Token], j: int) -> bool:
    t = toks[j]
    if t.kind == WORD:
        return (
            t.text[0].isupper()
            or t.low in SPEAKER_WORDS
            or (t.low.endswith("s") and nouns.singular(t.low) in SPEAKER_WORDS)  # "aid groups"
            or (j >= 2 and _glued_dot(toks, j - 1))  # the "com" of "Realtor.com"
        )
    if t.text != "." or j == 0:
        return False
    if _glued_dot(toks, j):
        return True
    before = toks[j - 1].text
    # "Dr. Osei", and the letters of "U.S. officials", "a U.N. spokesman"
    return toks[j - 1].low in TITLES or (len(before) == 1 and before.isupper())


def _np_backward(toks: list[Token], end: int, lo: int) -> tuple[int, int] | None:
    """Noun phrase ending at token index ``end`` (inclusive); returns (first, last) indices."""
    j = end
    while j >= lo:
        if _is_np_token(toks, j):
            j -= 1
            continue
        if toks[j].low in INNER_CONNECTORS and j + 1 <= end:
            # "Bank of Canada", "Analysts at the bank", "spokesperson for the ministry"
            c = j
            while c - 1 >= lo and c > j - 2 and toks[c - 1].low in INNER_CONNECTORS:
                c -= 1
            if c - 1 >= lo and _is_np_token(toks, c - 1) and toks[c - 1].kind == WORD:
                j = c - 1
                continue
            break
        if (
            toks[j].text in ("'", "’")
            and j - 1 >= lo
            and toks[j - 1].kind == WORD
            and toks[j - 1].low.endswith("s")
        ):
            j -= 2  # "the farmers' union"
            continue
        if (
            toks[j].text in ("-", "&")
            and j - 1 >= lo
            and toks[j - 1].kind == WORD
            and toks[j - 1].text[0].isupper()
            and j + 1 <= end
            and toks[j + 1].text[0].isupper()
        ):
            j -= 1  # "Rolls-Royce", "Hapag-Lloyd", "S&P"
            continue
        break
    first = j + 1
    while first <= end and (
        toks[first].low in FUNCTION_WORDS
        or toks[first].low in CONNECTORS
        or toks[first].kind == PUNCT
    ):
        if toks[first].text == "The" and first + 1 <= end and toks[first + 1].text[0].isupper():
            break
        first += 1
    if first > end:
        return None
    return first, end


def _np_forward(toks: list[Token], start: int, hi: int) -> tuple[int, int] | None:
    if start >= min(hi, len(toks)):
        return None  # a text that ends on the verb: "cited"
    j = start
    if j < hi and toks[j].low in DETERMINERS:
        j += 1
    first = start if toks[start].text == "The" else j
    if j < hi and toks[j].low in _COUNT_WORDS:
        j += 1  # "citing two officials"
    while j < hi and (
        _is_np_token(toks, j)
        or (
            toks[j].low in CONNECTORS
            and j + 1 < hi
            and toks[j + 1].kind == WORD
            and toks[j + 1].text[0].isupper()
            and j > first
        )
    ):
        j += 1
    if j == first or (toks[first].low in DETERMINERS and j == first + 1):
        return None
    if toks[j - 1].low in _COUNT_WORDS:
        return None
    # "people familiar with the matter"
    if (
        j + 3 < hi + 1
        and j + 3 < len(toks)
        and toks[j].low == "familiar"
        and toks[j + 1].low == "with"
    ):
        return first, j + 3
    return first, j - 1


#: verbs that invert only when their subject closes the sentence: "..., estimated the USDA."
_CLOSING_INVERTIBLE = wordset("estimated reported stated announced predicted claimed confirmed")
#: words a closing speaker phrase may hold besides nouns: "the National Farmers' Union",
#: "traders in Bangkok", "the Office for Budget Responsibility"
_CLOSING_LINKS = frozenset({"of", "for", "and", "the", "in", "at", "on"})
_CLOSING_PUNCT = frozenset({"'", "’", "-", "&", "."})


def _closing_np(toks: list[Token], start: int, n: int) -> tuple[int, int] | None:
    """ "..., said the trade ministry.": the whole phrase after an inverted verb up to the end of
    the sentence (at most seven tokens, no verb, no clause word), when it names a speaker: it
    opens with an article or a capital, or ends in a speaker noun ("said dealers")."""
    from .clauses import verb_at

    j = start
    while j < n and j - start < 8:
        t = toks[j]
        if t.kind == WORD:
            if t.low in _CLAUSE_END and t.low not in _CLOSING_LINKS:
                return None
            if j > start and t.text.islower() and verb_at(toks, j):
                return None
        elif t.kind == PUNCT and t.text in _CLOSING_PUNCT and j > start and j + 1 < n:
            glued = toks[j + 1].start == t.end and toks[j - 1].end == t.start  # "Daft.ie"
            if t.text == "." and not glued and not toks[j - 1].text.isupper():
                break  # a full stop, not "U.S."
        else:
            break
        j += 1
    last = j - 1
    if last < start or (j < n and toks[j].text not in (".", "!", "?", ";")) or j - start > 7:
        return None
    while last > start and toks[last].kind != WORD:
        last -= 1
    first = start
    if toks[first].low in ("the", "a", "an") and first < last:
        first += 1
    if toks[last].low in _CLOSING_LINKS or toks[last].low in nouns.STOP:
        return None
    link = next((x for x in range(first, last) if toks[x].low in _CLOSING_LINKS), last + 1)
    heads = (toks[last], toks[link - 1])  # "the agency", "researchers at Wageningen University"
    if not (
        toks[start].low in ("the", "a", "an", "its", "their")
        or toks[first].text[:1].isupper()
        or any(
            h.low in SPEAKER_WORDS
            or nouns.singular(h.low) in SPEAKER_WORDS
            or h.low.endswith(("ers", "ists", "ians", "ives"))
            for h in heads
        )
    ):
        return None
    return first, last


def _after_role(toks: list[Token], start: int, hi: int) -> int:
    """ "said hydrologist Pieter Vos", "said agriculture analyst Joost Meyer": the index of the
    name after one or two lower-case words ending in a role noun (``start`` when there are none)."""
    from .names import is_role

    for j in (start, start + 1):
        if j >= hi or toks[j].kind != WORD or not toks[j].text.islower():
            return start
        if is_role(toks[j].text) and j + 1 < hi and toks[j + 1].text[:1].isupper():
            return j + 1
    return start


def _span_text(text: str, toks: list[Token], first: int, last: int) -> str:
    return text[toks[first].start : toks[last].end]


def _char_span(toks: list[Token], first: int, last: int) -> tuple[int, int]:
    return toks[first].start, toks[last].end


_CLAUSE_END = wordset(
    """that who which said says say told reported estimated and but as while when because
    were was is are have has had will would could on in last this"""
)


def _source_forward(toks: list[Token], start: int, hi: int) -> tuple[int, int] | None:
    """The source named after "according to" / "citing": up to punctuation or a clause word
    ("according to court records", "citing people familiar with the matter")."""
    j = start
    while (
        j < hi
        and (
            (
                toks[j].kind == WORD
                and (
                    j == start
                    or toks[j].low not in _CLAUSE_END
                    or (toks[j].text.isupper() and len(toks[j].text) > 1)  # "The WHO"
                    or _place_closes(toks, j, hi)  # "the defence ministry in Seoul"
                    or (  # "the Food and Agriculture Organization", "the WHO and UNICEF"
                        toks[j].low == "and"
                        and toks[j - 1].text[:1].isupper()
                        and j + 1 < hi
                        and toks[j + 1].text[:1].isupper()
                    )
                )
            )
            or (toks[j].text in (".", "-", "&") and j > start and toks[j - 1].text[:1].isupper())
            or (  # "the farmers' union"
                toks[j].text in ("'", "’")
                and j > start
                and toks[j - 1].low.endswith("s")
                and j + 1 < hi
                and toks[j + 1].kind == WORD
            )
        )
    ):
        j += 1
    stop = j
    while j > start and toks[j - 1].kind != WORD:
        j -= 1
    if stop < hi and toks[stop].kind == NUM:
        # "according to the poll of 2,100 adults by Datafolha": the pollster after the sample
        for b in range(stop + 1, min(hi, stop + 5)):
            if toks[b].low in ("by", "from", "for") and b + 1 < len(toks):
                nxt = toks[b + 1] if toks[b + 1].low != "the" else toks[min(b + 2, len(toks) - 1)]
                if nxt.text[:1].isupper():
                    return _source_forward(toks, b + 1, hi)
                break
            if toks[b].kind != WORD:
                break
    for k in range(start, min(j, start + 5)):
        if toks[k].low in ("by", "from") and k + 1 < j:
            start = k + 1  # "a note by broker Y", "data from the agency"
            break
    if toks[start].low == "the" and toks[start].text != "The":
        start += 1
    elif toks[start].low in ("a", "an") and (j - 1 <= start or not toks[j - 1].text.islower()):
        start += 1  # but "according to a spokesperson for the board" keeps its article
    if j <= start:
        return None
    return start, j - 1


def _place_closes(toks: list[Token], j: int, hi: int) -> bool:
    """ "in Seoul" closing a source phrase: "in", a capitalised name, then punctuation."""
    return (
        toks[j].low == "in"
        and j + 1 < hi
        and toks[j + 1].text[:1].isupper()
        and (j + 2 >= len(toks) or toks[j + 2].kind == PUNCT)
    )


def _determiner_np(toks: list[Token], k: int, lo: int) -> tuple[int, int] | None:
    """ "the coast guard said": a short phrase after a determiner, ending at ``k``."""
    if toks[k].kind != WORD or toks[k].low in nouns.STOP:
        return None
    for d in range(k - 1, max(lo, k - 6) - 1, -1):
        low = toks[d].low
        if toks[d].kind != WORD:
            if _is_np_token(toks, d):
                continue  # "the U.N. refugee agency"
            return None
        if low in ("the", "a", "an") or low.endswith(("'s", "’s")):
            first = d + 1 if low in ("the", "a", "an") else d
            if toks[d].text == "The" and d + 1 <= k and toks[d + 1].text[0].isupper():
                first = d
            return first, k
        if low in nouns.STOP or low in SPEECH_VERBS:
            return None
    return None


_TIME_HEADS = wordset("week month year night morning evening weekend quarter day")
_TIME_OPENERS = wordset("on in last this late early overnight")


def _before_time(toks: list[Token], k: int) -> int:
    """The last token before a time adjunct that ends at ``k`` ("... on Thursday showed", "...
    released last week found"), and before a participle right before it ("A Gallup poll
    released on Tuesday put"); ``k`` itself when there is none."""
    from .clauses import MONTHS

    j = k
    if j >= 1 and toks[j].kind == NUM and toks[j - 1].low in MONTHS:
        j -= 1  # "on March 3"
    if not (
        j >= 2 and toks[j].kind == WORD and (toks[j].low in MONTHS or toks[j].low in _TIME_HEADS)
    ):
        return k
    if toks[j].low in _TIME_HEADS and toks[j - 1].low not in ("last", "this"):
        return k  # "the week", "a day": no adjunct
    if toks[j - 1].low not in _TIME_OPENERS:
        return k
    j -= 2
    if j >= 0 and toks[j].low in ("late", "early") and toks[j].kind == WORD:
        j -= 1
    if (
        j >= 1
        and toks[j].kind == WORD
        and toks[j].text.islower()
        and toks[j].low.endswith("ed")
        and _is_np_token(toks, j - 1)
    ):
        j -= 1  # "A Gallup poll released on Tuesday": the poll speaks
    return j if j >= 0 and toks[j].kind == WORD else k


def _body_after(toks: list[Token], span: tuple[int, int] | None) -> tuple[int, int] | None:
    """ "a spokesperson for the Nordic port authority": the body a person speaks for, after
    "for"/"at"/"of" (and "the"), up to punctuation; ``span`` itself when none follows."""
    from .clauses import verb_at

    if span is None or span[1] + 2 >= len(toks) or toks[span[1] + 1].low not in _BODY_LINKS:
        return span
    j = span[1] + 2
    if toks[j].low == "the":
        j += 1
    last = None
    while j < len(toks) and j - span[1] <= 8:
        t = toks[j]
        if t.kind != WORD or t.low in nouns.STOP or verb_at(toks, j):
            break
        last = j
        j += 1
    if last is None or (j < len(toks) and toks[j].kind != PUNCT):
        return span
    return span[0], last


_BODY_LINKS = frozenset({"for", "at", "of", "with"})


#: conjunctions that open a clause subordinate to the sentence's own
_SUBORDINATORS = wordset("after before when as because since although though if once until")
_RELATIVES = wordset("which who that")


def _subordinate(toks: list[Token], clause: Clause) -> Clause:
    """ "After the ministry said it would act, shares fell 3%" and "..., which the ministry said
    was a record": a speaker inside a subordinate or relative clause speaks only within it, not
    for the figures of the sentence around it."""
    if clause.bound is not None or clause.span == (0, 0) or clause.final:
        return clause
    first = bisect_left(toks, clause.span[0], key=lambda t: t.start)
    if first == 0 or first >= len(toks) or toks[first].start != clause.span[0]:
        return clause
    b = first - 1
    while b > 0 and toks[b].low in DETERMINERS:
        b -= 1  # "after the ministry said"
    before = toks[b]
    if before.kind != WORD:
        return clause
    if before.low in _RELATIVES and b >= 1 and toks[b - 1].text == ",":
        return replace(clause, bound=(clause.position, toks[-1].end))  # ", which X said ..."
    if before.low in _SUBORDINATORS and b == 0:
        v = bisect_left(toks, clause.position, key=lambda t: t.start)
        comma = next((j for j in range(v + 1, len(toks)) if toks[j].text == ","), None)
        if comma is not None:
            return replace(clause, bound=(clause.position, toks[comma].start))
    return clause


def _with_article(toks: list[Token], span: tuple[int, int]) -> tuple[int, int]:
    """ "A police spokesman said": an indefinite article before a common noun is part of who
    speaks (a spokesman is not the spokesman)."""
    first, last = span
    if (
        first > 0
        and toks[first - 1].low in ("a", "an")
        and toks[last].kind == WORD
        and (toks[last].text.islower() or toks[first].text.islower())
    ):
        return first - 1, last
    return span


#: what a body forecasts, written as a noun with its owner: "economists' forecasts of 0.2%"
ESTIMATE_NOUNS = wordset(
    """forecast forecasts estimate estimates target targets expectation expectations projection
    projections prediction predictions guidance"""
)
_ESTIMATE_MODIFIERS = wordset("own latest earlier previous new median average consensus official")


def _owned_estimate(text: str, toks: list[Token], v: int) -> Clause | None:
    """ "economists' forecasts of a 0.2% rise", "the government's target of 2%", "Kvarn's
    estimate of $4bn": the owner of the estimate speaks for the figure right after "of"/"for"
    (that figure only)."""
    n = len(toks)
    k = v - 1
    if k >= 0 and toks[k].low in _ESTIMATE_MODIFIERS:
        k -= 1
    if k < 0:
        return None
    if toks[k].text in ("'", "’") and k >= 1 and toks[k - 1].low.endswith("s"):
        owner_end = k - 1  # "economists' forecasts"
        name_end = toks[k - 1].end
    elif toks[k].kind == WORD and toks[k].low.endswith(("'s", "’s")):
        owner_end = k  # "the government's target"
        name_end = toks[k].end - 2
    else:
        return None
    owner = toks[owner_end]
    bare = owner.low[:-2] if owner.low.endswith(("'s", "’s")) else owner.low
    if not (
        owner.text[:1].isupper() or bare in SPEAKER_WORDS or nouns.singular(bare) in SPEAKER_WORDS
    ):
        return None  # "the mission's target of 60 grams": no one's estimate
    if v + 2 >= n or toks[v + 1].low not in ("of", "for"):
        return None
    num = next((j for j in range(v + 2, min(n, v + 5)) if toks[j].kind == NUM), None)
    if num is None:
        return None
    first = owner_end
    while first - 1 >= 0 and _is_np_token(toks, first - 1) and owner_end - first < 4:
        first -= 1  # "Bank of Canada economists'", "the ECB's"
    end = toks[min(n - 1, num + 4)].end
    return Clause(
        text[toks[first].start : name_end],
        toks[v].low,
        toks[v].start,
        span=(toks[first].start, name_end),
        bound=(toks[num].start, end),
    )


#: ", saying ...": the subject of the sentence says what follows
PARTICIPLES = wordset("saying adding warning estimating predicting noting arguing claiming putting")
#: "..., a figure the army disputed, putting it at 18": who disputes gives the figure after
_DISPUTE_VERBS = wordset("disputed contested rejected questioned challenged")
_DISPUTED = wordset("figure number toll estimate claim count tally")


def _disputer(text: str, toks: list[Token], v: int) -> Clause | None:
    """ "..., a figure the army disputed, putting it at 18,000": the disputer speaks for the
    figures after the participle."""
    from .names import tidy

    k = v - 2
    if k < 2 or toks[v - 1].text != "," or toks[k].low not in _DISPUTE_VERBS:
        return None
    for d in range(k - 1, max(0, k - 7), -1):
        if toks[d].low in _DISPUTED:
            if d + 1 > k - 1:
                return None
            first = d + 1 + (toks[d + 1].low in ("the", "a", "an") and d + 2 <= k - 1)
            return Clause(
                tidy(_span_text(text, toks, first, k - 1)),
                toks[v].low,
                toks[v].start,
                span=_char_span(toks, first, k - 1),
                bound=(toks[v].start, toks[-1].end),
            )
        if toks[d].kind != WORD:
            return None
    return None


def _participle_clause(text: str, toks: list[Token], v: int) -> Clause | None:
    """ "Goldman Sachs raised its forecast to $90, saying demand would grow 1.5%": the body
    opening the sentence says the figures after the participle (those before are its acts, read
    elsewhere), when it is a name or a speaker-like noun and a verb follows it."""
    from .clauses import PREPOSITIONS, verb_at

    if v + 1 >= len(toks) or toks[v + 1].low in PREPOSITIONS | {"to", "up", "about"}:
        return None  # "adding to losses", "warning of a slowdown"
    opening = _np_forward(toks, 0, min(v, 10))
    if opening is None:
        return None
    first, last = opening
    after = last + 1
    while after < v and toks[after].low in AUXILIARIES:
        after += 1
    if after >= v or not verb_at(toks, after):
        return None
    head = toks[last]
    if not (head.text[:1].isupper() or head.low in SPEAKER_WORDS):
        return None
    if toks[first].low in nouns.STOP and toks[first].text != "The":
        return None
    end = toks[-1].end
    return Clause(
        _span_text(text, toks, first, last),
        toks[v].low,
        toks[v].start,
        span=_char_span(toks, first, last),
        complement=True,
        bound=(toks[v].start, end),
    )


_SAY = wordset("say tell report estimate")
#: after a participle, not a verb: "Fraud cases reported to the police reached 350,000"
_PARTICIPLE_NEXT = frozenset({"to", "by", "for", "from", "in", "at", "as", "with", "since"})


def reduced_relative(toks: list[Token], v: int) -> bool:
    """ "Thefts reported to insurers rose 9%": a participle with its preposition, then the
    clause's own verb before any comma or "that"."""
    from .clauses import verb_at

    if (
        not toks[v].low.endswith("ed")
        or v + 2 >= len(toks)
        or toks[v + 1].low not in _PARTICIPLE_NEXT
        or (toks[v + 1].low == "to" and verb_at(toks, v + 2))  # "claimed to have killed"
    ):
        return False
    for j in range(v + 2, min(len(toks), v + 10)):
        t = toks[j]
        if t.kind == PUNCT or t.low == "that" or t.low in SPEECH_VERBS:
            return False
        if verb_at(toks, j) and not t.low.endswith("ing"):
            return True  # "reported in a regulatory filing that": a noun, not the verb
    return False


#: what may stand before a subject that opens its own clause
_OPENS_CLAUSE = frozenset({",", ";", ":", "and", "but", "while", "whereas"})


def _bare_subject(toks: list[Token], k: int) -> tuple[int, int] | None:
    """ "Rescue workers said", "..., and flood survivors told": up to four plain words before
    the verb, ending in a plural noun, with the clause opening right before them."""
    from .clauses import verb_at

    head = toks[k] if k >= 0 else None
    if (
        head is None
        or head.kind != WORD
        or not head.low.endswith("s")
        or head.low.endswith(("'s", "’s", "ss"))
        or head.low in nouns.STOP
        or verb_at(toks, k)
    ):
        return None
    j = k - 1
    while (
        j >= 0
        and k - j < 4
        and toks[j].kind == WORD
        and toks[j].low not in nouns.STOP
        and toks[j].low not in FUNCTION_WORDS
        and toks[j].low not in _OPENS_CLAUSE
        and not verb_at(toks, j)
    ):
        j -= 1
    if j >= 0 and toks[j].low not in _OPENS_CLAUSE:
        return None
    return j + 1, k


def _has_complement(toks: list[Token], v: int) -> bool:
    """ "reported Sunday that ...", "said on Thursday that ...": a "that" shortly after."""
    for k in range(v + 1, min(len(toks), v + 6)):
        if toks[k].low == "that":
            return True
        if toks[k].kind == PUNCT:
            return False
    return False


def find_clauses(text: str, toks: list[Token]) -> list[Clause]:
    """Attribution clauses of one sentence's tokens, in order."""
    from . import names, relays, sources, studies  # their rules build on the phrase readers above

    clauses: list[Clause] = []
    n = len(toks)
    for v, tok in enumerate(toks):
        if len(clauses) >= MAX_CLAUSES:
            break  # no real sentence has more; repeated verbs are noise
        low = tok.low
        if low == "according" and v + 2 < n and toks[v + 1].low == "to":
            relayed = relays.cited_by(text, toks, v + 2, min(n, v + 14))
            if relayed is not None:
                clauses.append(relayed)  # "according to hospital sources cited by the BBC"
                continue
            span = _source_forward(toks, v + 2, min(n, v + 14))
            which = relays.which_cited(text, toks, span[1]) if span else None
            if span and which is not None:
                # "according to The Wall Street Journal, which cited people familiar with ..."
                clauses.append(
                    Clause(
                        which[0],
                        "according to",
                        tok.start,
                        span=which[1],
                        via=_span_text(text, toks, *span),
                    )
                )
                continue
            if span:
                span = sources.named_after(toks, span)  # "according to its founder, Lars Berg"
                clauses.append(
                    Clause(
                        names.owner(_span_text(text, toks, *span)),
                        "according to",
                        tok.start,
                        span=_char_span(toks, *span),
                    )
                )
            continue
        if low == "citing" and v + 1 < n:
            span = _source_forward(toks, v + 1, min(n, v + 14))
            if span:
                clauses.append(
                    Clause(
                        _span_text(text, toks, *span),
                        "citing",
                        tok.start,
                        citing=True,
                        span=_char_span(toks, *span),
                    )
                )
            continue
        if low in ESTIMATE_NOUNS and tok.kind == WORD:
            owned = _owned_estimate(text, toks, v)
            if owned is not None:
                clauses.append(owned)  # "beating economists' forecasts of a 0.2% rise"
                continue
        if low in PARTICIPLES and v > 1 and toks[v - 1].text == "," and tok.kind == WORD:
            said = _disputer(text, toks, v) or _participle_clause(text, toks, v)
            if said is not None:
                clauses.append(said)  # "Ryanair cut its outlook, saying fares would fall 5%"
            continue
        if low in studies.POLLS and tok.kind == WORD:
            poll = studies.poll_clause(text, toks, v)
            if poll is not None:
                clauses.append(poll)
            continue
        if (
            low in _AS_RELAYED
            and v >= 2
            and toks[v - 1].low == "as"
            and toks[v - 2].text == ","
            and v + 2 < n
            and toks[v + 1].low == "by"
        ):
            # "..., the ministry said, as cited by Interfax.": the outlet relays
            relay = _source_forward(toks, v + 2, min(n, v + 10))
            if relay is not None:
                clauses.append(
                    Clause(
                        _span_text(text, toks, *relay),
                        "reported",
                        tok.start,
                        span=_char_span(toks, *relay),
                        final=True,
                    )
                )
            continue
        if low in ("quoted", "cited") and tok.kind == WORD:
            quoted = relays.quoted_as_saying(text, toks, v) or relays.was_quoted(text, toks, v)
            if quoted is not None:
                clauses.append(quoted)  # "Interfax quoted Miller as saying ..."
                continue
            if low == "quoted":
                continue
        if low in GIVE_VERBS and tok.kind == WORD and not sources.gives_figure(toks, v):
            continue
        if low not in SPEECH_VERBS | GIVE_VERBS or tok.kind != WORD or not tok.text[0].islower():
            continue
        if low == "told" and v + 1 < n and toks[v + 1].low == "to":
            continue  # "was given a fine and told to pay £500": nobody speaks
        if reduced_relative(toks, v):
            continue  # "Burglaries reported in the city fell 12%": the verb is "fell"
        if low in ("added", "adds") and v + 1 < n and sources.figure_next(toks, v + 1):
            continue  # "the Kospi added 0.3%": a gain, not a quotation
        if low in sources.NOUN_LIKE and not sources.verb_use(toks, v):
            k = v - 1
            tail = (
                sources.tail_clause(text, toks, v, k) if k >= 0 and toks[k].kind == WORD else None
            )
            if (tail is not None and tail.speaker[:1].isupper()) or (
                tail is not None and toks[k - 1].low in DETERMINERS
            ):
                clauses.append(tail)  # "..., the WHO estimates."
            continue  # "motor finance claims.", "the estimates"
        k = v - 1
        while k >= 0 and (
            toks[k].low in AUXILIARIES
            or (toks[k].text.endswith("ly") and toks[k].text.islower())
            or (toks[k].low == "far" and k >= 1 and toks[k - 1].low == "so")  # "has so far"
        ):
            k -= 2 if toks[k].low == "far" else 1
        if low in PROGRESSIVE:
            opened = _np_backward(toks, k, max(0, v - 8)) if k >= 1 else None
            if opened is not None and opened[0] > 0 and toks[opened[0] - 1].low == "with":
                pass  # "with AgriFocus forecasting 40 million"
            elif k < 0 or toks[k].low not in PASSIVE:
                continue  # "weather forecasting", "a warning": nouns
            else:
                k -= 1  # "Analysts are expecting"
                while k >= 0 and toks[k].low in AUXILIARIES:
                    k -= 1
        k = _before_time(toks, k)  # "Figures published by Eurostat on Thursday showed"
        k = sources.before_acronym(toks, k)  # "The International Energy Agency (IEA) said"
        k = sources.before_aside(toks, k)  # "The opposition, however, estimates"
        if k >= 0 and toks[k].low in PASSIVE:
            agent = sources.by_agent(text, toks, v, k)
            if agent is not None:
                clauses.append(agent)  # "is put at 650,000 tonnes by the government"
            continue
        if k >= 0 and toks[k].low in DETERMINERS | {"to"}:
            continue  # "the reported figure", "an estimated 5,000", "to say"
        if (
            k >= 1
            and low in _NOUN_FORMS
            and toks[k].kind == WORD
            and toks[k - 1].low in _POSSESSIVES
        ):
            continue  # "its April forecast", "their latest estimate": nouns
        if k >= 0 and toks[k].kind == NUM and low not in sources.ESTIMATE_VERBS:
            continue
        if k >= 0 and toks[k].low in PRONOUNS and toks[k].kind == WORD:
            antecedent = sources.it_body(toks, k)
            if antecedent is not None:
                # "Shares in the lender fell 4% after it reported a loss of $220 million"
                clauses.append(
                    Clause(
                        _span_text(text, toks, *antecedent),
                        low,
                        tok.start,
                        complement=_has_complement(toks, v),
                        coordinated=toks[k - 1].low in sources.COORDINATORS,
                    )
                )
                continue
            clauses.append(
                Clause(
                    toks[k].text,
                    low,
                    tok.start,
                    pronoun=True,
                    complement=_has_complement(toks, v),
                )
            )
            continue
        tail = sources.tail_clause(text, toks, v, k)
        if tail is not None:
            clauses.append(tail)
            continue
        rival = sources.rival_after_figure(text, toks, v, k)
        if rival is not None:
            clauses.append(rival)  # "short of the 2.6 million tonnes traders forecast"
            continue
        told = relays.told_that(text, toks, v)
        if told is not None:
            clauses.append(told)
            continue
        report = studies.report_opening(text, toks, v)
        if report is not None:
            clauses.append(report)  # "A United Nations report released on Tuesday found"
            continue
        if (
            k == v - 1
            and k >= 0
            and toks[k].text == ","
            and (low in INVERTIBLE or low in _CLOSING_INVERTIBLE)
            and low != "told"  # "..., a spokeswoman, told Reuters.": Reuters is told, not telling
            and v + 1 < n
        ):
            after = _after_role(toks, v + 1, n)  # "said hydrologist Pieter Vos"
            fwd = _body_after(toks, _np_forward(toks, after, min(n, v + 12)))
            closing = _closing_np(toks, v + 1, n)
            if closing is not None and (fwd is None or fwd[1] < closing[1] or closing[0] < fwd[0]):
                fwd = closing  # "..., said the trade ministry.", "..., estimated exporters."
            closes = fwd is not None and (
                fwd[1] + 1 >= n or toks[fwd[1] + 1].text in (",", ".", ";", "!", "?")
            )
            named = fwd is not None and (
                fwd == closing
                or toks[fwd[0]].text[:1].isupper()
                or (toks[fwd[0] - 1].low in ("a", "an", "the") and _is_np_token(toks, fwd[0]))
            )
            if fwd is not None and closes and named:
                fwd = _with_article(toks, fwd)
                # "..., said Jane Roe, an analyst at Nordea.": the name after the verb speaks
                clauses.append(
                    Clause(
                        names.tidy(_span_text(text, toks, *fwd)),
                        low,
                        tok.start,
                        span=_char_span(toks, *fwd),
                    )
                )
                continue
        lo = max(0, v - 30)
        span = None
        end_at = k
        appositive_via: str | None = None
        if k >= 0 and toks[k].text == "," and k - 1 >= 0 and toks[k - 1].text not in "”\"'’":
            # apposition: "The Korea Herald, a newspaper in Seoul, reported"
            c = k - 1
            while c >= lo and toks[c].text != ",":
                c -= 1
            inner = _np_backward(toks, k - 1, c + 1) if c >= lo else None
            if (
                inner is not None
                and inner == (c + 1, k - 1)
                and all(toks[x].text[0].isupper() or toks[x].text == "." for x in range(*inner))
            ):
                span, end_at = inner, k - 1  # "The transport critic, Mark Dube, said"
            elif c > lo:
                span = _np_backward(toks, c - 1, lo)
                is_study = toks[c - 1].low in studies.STUDY_HEADS and relays.apposition_source(
                    toks, c + 1, k
                ) == (None, None)
                if span is None and (low in STRONG_VERBS or is_study):
                    span = _determiner_np(toks, c - 1, lo)  # "The opposition, which ..., says"
                if span is not None and is_study:
                    # "The trial, which enrolled 4,200 patients, found": its sample is no claim
                    clauses.append(
                        Clause(
                            _span_text(text, toks, *span),
                            low,
                            tok.start,
                            span=_char_span(toks, *span),
                            study=True,
                        )
                    )
                    continue
                end_at = c - 1
                relay, source = relays.apposition_source(toks, c + 1, k)
                if relay is not None:
                    appositive_via = _span_text(text, toks, *relay)  # ", quoted by Interfax,"
                elif source is not None and span is not None and toks[span[1]].low in _DATA:
                    span, end_at = source, source[1]  # "The figures, released by the ONS,"
        elif k >= 0 and toks[k].low == "and" and low in STRONG_VERBS:
            # "Moody's downgraded the debt and said ...": the sentence's subject speaks
            opening = _np_forward(toks, 0, min(n, 8))
            if opening is not None and opening[1] < k:
                span, end_at = opening, opening[1]
        elif k >= 0 and (unnamed := sources.unnamed_backward(toks, k, lo)) is not None:
            span = unnamed  # "Three people with knowledge of the deal said"
        elif k >= 0:
            span = sources.with_modifier(toks, _np_backward(toks, k, lo), lo)
            if (
                span is not None
                and low not in STRONG_VERBS
                and span[0] > 0
                and toks[span[0] - 1].low in ("on", "in", "at", "from", "near", "inside")
            ):
                continue  # "The seismometer on Mars recorded": Mars is not the speaker
            longer = _determiner_np(toks, k, lo)
            body = sources.body_of(toks, longer[0], lo) if longer is not None else None
            if longer is not None and body is not None:
                longer = (body, longer[1])  # "a spokesperson for the regional health board"
            if (
                longer is not None
                and (span is None or longer[0] < span[0])
                and (
                    low in STRONG_VERBS | GIVE_VERBS
                    or body is not None
                    or (  # "the ministry's own figures show"
                        toks[longer[0]].low.endswith(("'s", "’s"))
                        and toks[longer[1]].low in names.OWNED_HEADS
                    )
                    or _has_complement(toks, v)  # "analysts at the brokerage forecast that"
                    or low in ("put", "puts")
                    or (  # "..., while the ministry put ...", "; the employer counted 3,100"
                        (low in sources.ESTIMATE_VERBS or low in MEASURE_VERBS)
                        and longer[0] > 1
                        and toks[longer[0] - 1].low in ("the", "a", "an")
                        and toks[longer[0] - 2].low in sources.RIVAL_OPENERS
                    )
                )
            ):
                span = longer  # "an industry group put", "the weather agency SMHI said"
        sample_poll = studies.poll_before_sample(toks, k) if k >= 3 else None
        if sample_poll is not None:
            # "A Reuters poll of 40 economists showed ...": the poll speaks, its sample does not
            clauses.append(
                Clause(
                    _span_text(text, toks, *sample_poll),
                    low,
                    tok.start,
                    span=_char_span(toks, *sample_poll),
                    study=True,
                )
            )
            continue
        if span is not None and span[1] == end_at and toks[span[0]].kind == WORD:
            span = _with_article(toks, span)
            speaker = _span_text(text, toks, *span)
            clauses.append(
                Clause(
                    names.tidy(speaker),
                    low,
                    tok.start,
                    span=_char_span(toks, *span),
                    complement=_has_complement(toks, v),
                    via=appositive_via or relays.told_whom(text, toks, v),
                    bound=sources.bound_to(toks, span[0], low),
                )
            )
            continue
        bare = (
            _bare_subject(toks, k)
            if span is None
            and low in STRONG_VERBS | _SAY
            and not (v + 1 < n and toks[v + 1].low in _PARTICIPLE_NEXT)
            else None
        )
        if bare is not None:
            # "Rescue workers said", "..., and local farmers told Reuters": a plural subject
            # that opens its clause, whatever the noun
            clauses.append(
                Clause(
                    _span_text(text, toks, *bare),
                    low,
                    tok.start,
                    span=_char_span(toks, *bare),
                    complement=_has_complement(toks, v),
                    via=relays.told_whom(text, toks, v),
                )
            )
            continue
        agent = sources.by_agent(text, toks, v, k)
        if agent is not None:
            clauses.append(agent)
            continue
        study = studies.study_opening(text, toks, v)
        if study is not None:
            clauses.append(study)
            continue
        if low in INVERTIBLE and v + 1 < n:
            fwd = _np_forward(toks, v + 1, min(n, v + 12))
            if fwd is not None:
                clauses.append(
                    Clause(
                        _span_text(text, toks, *fwd), low, tok.start, span=_char_span(toks, *fwd)
                    )
                )
    clauses = [
        _subordinate(toks, c) for c in clauses if c.speaker.lower() not in NOBODY and c.speaker
    ]
    if clauses:
        clauses.extend(sources.elliptical(text, toks, clauses))
        clauses.sort(key=lambda c: c.position)
        clauses = [sources.mark_coordinated(toks, sources.mark_closing(toks, c)) for c in clauses]
        clauses = relays.interviewed_by(text, toks, clauses)
    return clauses


def choose(
    clauses: list[Clause], position: int, end: int | None = None
) -> tuple[Clause | None, Clause | None]:
    """(speaker clause, relaying clause) for a figure at ``position`` (ending at ``end``) in the
    sentence."""
    if any(c.bound is not None for c in clauses):
        stop = position if end is None else end
        own = [c for c in clauses if c.bound is not None and c.bound[0] <= stop <= c.bound[1]]
        if own:
            mine = own[0]
            return mine, (Clause(mine.via, mine.verb, mine.position) if mine.via else None)
        clauses = [c for c in clauses if c.bound is None]
    if end is not None:
        # "..., compared with 31,500 according to AgriFocus": a source right after the figure
        # (no comma between) gives that figure
        own = [c for c in clauses if c.verb == "according to" and 0 < c.position - end <= 1]
        if own:
            mine = own[0]
            return mine, (Clause(mine.via, mine.verb, mine.position) if mine.via else None)
    speaker, via = _choose(clauses, position)
    if speaker is not None and via is None and speaker.via:
        via = Clause(speaker.via, speaker.verb, speaker.position)
    return speaker, via


_AS_RELAYED = wordset("cited quoted reported")
#: verbs by which an outlet relays what a speaker said before it: "X said, Nikkei reported"
_REPORTING = wordset("reported reports wrote writes")


def _choose(clauses: list[Clause], position: int) -> tuple[Clause | None, Clause | None]:
    speaker, via = _choose_one(clauses, position)
    if speaker is not None and via is None and speaker.verb != "according to":
        # "..., Miller said, according to Interfax.": the agency relays what Miller said
        later = [
            c
            for c in clauses
            if c.verb == "according to" and 0 < c.position - speaker.position <= 12
        ]
        if later:
            return speaker, later[0]
    return speaker, via


def _choose_one(clauses: list[Clause], position: int) -> tuple[Clause | None, Clause | None]:
    if not clauses:
        return None, None
    citing = [c for c in clauses if c.citing]
    others = [c for c in clauses if not c.citing]
    if citing:
        # "..., Reuters reported, citing two sources": the clause that cites relays
        relay = [c for c in others if c.position < citing[0].position]
        return citing[0], (relay[-1] if relay else others[0] if others else None)
    # "The survey of 1,500 junior doctors found ...": the sample is part of who speaks
    clauses = [
        c
        for c in clauses
        if not (c.span[0] <= position < c.span[1])
        and not (c.study and c.span[1] <= position < c.position)
        and not (c.until is not None and position >= c.until)
        and c.speaker.lower() not in _BARE_DATA
    ]
    if not clauses:
        return None, None
    # "the union estimated 54 million": a verb read as the figure's qualifier comes before it
    before = [c for c in clauses if c.position <= position]
    after = [c for c in clauses if c.position > position]
    final = [c for c in after if c.final]
    if (
        final
        and before
        and final[0].verb in ("reported", "reports", "according to")
        and before[-1].verb in VOICED_VERBS
        and not before[-1].pronoun
        and not before[-1].study
        and before[-1].speaker.lower() != final[0].speaker.lower()
    ):
        # "French intelligence believed about 1,500 ..., Le Monde reported."
        return before[-1], final[0]
    if (
        len(final) >= 2
        and (not before or before[-1].verb not in STRONG_VERBS)
        and final[1].verb in _REPORTING
        and final[0].speaker.lower() != final[1].speaker.lower()
    ):
        return final[0], final[1]  # "..., police said, the Korea Herald reported."
    if final and (not before or before[-1].verb not in STRONG_VERBS):
        return final[0], None  # "The UK recorded 2,911 cases ..., the agency said."
    if (
        final
        and before
        and before[-1].verb in _EXPECTS
        and final[0].verb in ("said", "says", "told", "tells")
        and not before[-1].complement
    ):
        return final[0], None  # "The airline expects 61 million passengers, its chief said."
    if (
        final
        and before
        and (before[-1].complement or final[0].verb in ("reported", "reports"))
        and final[0].verb in RELAY_VERBS
        and final[0].speaker.lower() != before[-1].speaker.lower()
        and not before[-1].pronoun
    ):
        # "South Korean intelligence has assessed that ..., The Korea Herald reported."
        return before[-1], final[0]
    if (
        len(before) >= 2
        and before[-2].complement
        and not before[-1].pronoun
        and before[-1].verb not in MEASURE_VERBS
    ):
        return before[-1], before[-2]
    if (
        len(before) >= 2
        and before[-1].verb in MEASURE_VERBS
        and not before[-1].coordinated  # "...; the company counted 4,500": a rival's count
        and (before[-2].complement or before[-2].verb in STRONG_VERBS | {"according to"})
    ):
        return before[-2], None  # "X said police recorded 6,945 murders": X says it
    if before:
        return before[-1], None
    # "Brent rose 1.2% to $84.10, and traders said supply was tight": their own clause
    after = [c for c in after if not c.coordinated or c.final]
    return (after[0], None) if after else (None, None)


_TITLE = r"(?:(?:Mr|Mrs|Ms|Dr|Prof|Gen|Col|Sen|Rep|Gov|Lt|Capt|Sgt|Adm|Maj)\.\s+)"
_SUBJECT_RE = re.compile(
    r"(?:[Tt]he\s+(?P<role>(?:[a-z]+\s+){0,2}(?:"
    + "|".join(sorted(SPEAKER_WORDS))
    + rf"))|(?:The\s+)?{_TITLE}?(?P<name>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){{0,3}}))"
    # "Grete Lund, a hydrologist, visited": an apposition after the name
    r"\b(?=\s+[a-z]|,\s+(?:a|an|the|who)\s)"
)


def sentence_subject(sentence: str) -> str | None:
    """A named person or body opening a sentence ("Ms. Ruiz chairs ...", "The minister
    spoke ..."): the fallback antecedent of a pronoun when no speaker has been named yet."""
    opening = _opening_phrase(sentence)
    if opening is not None:
        return opening
    m = _SUBJECT_RE.match(sentence)
    if m is None:
        return None
    if m.group("name") is not None:
        first = m.group("name").split()[0].lower()
        if m.group().startswith("The ") and first in nouns.STOP:
            return None
        if first in FUNCTION_WORDS or first in PRONOUNS or first in nouns.STOP:
            return None
        return m.group()
    return m.group("role")


_OPENING_CHARS = 120


def body_subject(sentence: str) -> str | None:
    """ "The lab published its review.": the phrase "The <noun>" opening a sentence before its
    verb, whatever the noun, for an "it" that follows ("It said ..."); a named subject as
    ``sentence_subject`` reads it otherwise."""
    return _opening_phrase(sentence, any_head=True) or sentence_subject(sentence)


def _opening_phrase(sentence: str, any_head: bool = False) -> str | None:
    """The noun phrase before the first verb of a sentence, when it names a body or a person
    ("Japanese police spoke on Monday", "The farmers' union held a briefing", "Lebanon's health
    ministry said"): up to six words, none a number or a function word but "of"/"the"."""
    from .clauses import verb_at
    from .sentences import tokenize
    from .verbs import is_past

    toks = tokenize(sentence[:_OPENING_CHARS], 0)
    first = 1 if toks and toks[0].text == "The" else 0

    def verb(k: int) -> bool:
        t = toks[k]
        return t.kind == WORD and (
            verb_at(toks, k)
            or (t.text.islower() and (t.low in SPEECH_VERBS or t.low in _IRREGULAR))
            # "The Norwegian statistics office published data": a past form after the noun
            or (k > first + 1 and t.text.islower() and is_past(t.low) and _is_np_token(toks, k - 1))
        )

    k = first
    while k < len(toks) and k - first < 7:
        t = toks[k]
        if verb(k):
            break
        if t.kind == NUM or (t.kind == PUNCT and t.text not in ("'", "’", ".", "-", "&")):
            return None
        if t.kind == WORD and (t.low in PRONOUNS or t.low in FUNCTION_WORDS) and t.low != "of":
            return None
        k += 1
    if k == first or k >= len(toks) or k - first >= 7 or not verb(k):
        return None
    head = toks[k - 1]
    acronym = head.text.isupper() and len(head.text) > 1  # "The WHO published"
    if head.kind != WORD or (head.low in nouns.STOP and not acronym):
        return None
    if not (
        head.text[:1].isupper()
        or head.low in SPEAKER_WORDS
        or nouns.singular(head.low) in SPEAKER_WORDS
        or head.low in _ROLE_HEADS
        or (any_head and first == 1 and not head.low.endswith("s"))  # "The lab", not "The data"
    ):
        return None
    return sentence[toks[0].start if toks[0].text == "The" else toks[first].start : head.end]


_IRREGULAR = wordset("spoke met gave went came began wrote took made sent ran won saw brought")
#: heads that name a person by what they do ("The dentist", "The charity")
_ROLE_HEADS = wordset(
    """dentist doctor nurse teacher farmer charity coach manager owner founder lawyer judge
    trust foundation club team court hospital school university council board"""
)
