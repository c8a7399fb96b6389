"""What a figure is about, from the clause around it, when no counted noun says it.

Without a part-of-speech tagger the clause is read with a few patterns, tried in order:

* an attributive figure names the noun after it ("a 7.6-inch screen", "its 500-metre dish"),
  with the owner before it ("The radio telescope's 500-metre dish" -> "radio telescope's dish");
* "NOUN of FIGURE" ("adjusted operating profit of about 1.4 billion euros");
* a verb with an object before "to/at/by FIGURE" ("raised its growth forecast to 4.5%", "kept its
  repo rate at 50%", "AgriFocus put the harvest at 38 million tonnes");
* the clause's subject: the words between the clause's start (the sentence start, a comma,
  "and", "while", "said that", ...) and its first verb ("Retail sales in Britain rose 0.5%");
* "FIGURE off/in/on/for NOUN" ("wiping $15 billion off its market value");
* the sentence's opening noun phrase ("The foldable phone ..., is 12.1mm thick and weighs 239g").

Ages read "age of X" ("Maria Lopez, 37," -> "age of Maria Lopez").
"""

from __future__ import annotations

from . import qualifiers
from .attribution import STRONG_VERBS
from .nouns import STOP
from .numbers import is_number_start
from .sentences import NUM, PUNCT, WORD, Token, wordset

_BOUNDARY_WORDS = wordset(
    """and but while whereas as after with that which who when because although though since
    or than versus against whilst amid including plus"""
)
_BOUNDARY_PUNCT = frozenset(',;:—–()[]"“”')
VERBS = (
    wordset(
        """is are was were be been being has have had will would could can may might must should
    shall do does did expects expected expect reached reach reaches hit hits totalled totaled
    totals stood stands closed close closes cost costs paid pays pay spent spend spends scored
    score scores made make makes ran run runs measured measures weighs weighed weigh grew grow
    holds held hold kept keep keeps put puts set sets gave give gives took take takes won win
    wins lost lose loses saw see sees received receive receives earned earn earns posted post
    posts recorded record records reported count counted counts employs employed employ
    produced produce produces sold sell sells bought buy buys owns owned own has contains
    contained contain carry carries carried returns returned return opens opened open
    operates operated killed kill kills injured left leave leaves raised raise cut cuts
    lowered lower borrow borrowed borrows lend lent offers offered offer needs needed need
    plans planned plan aims aimed aim wants wanted want estimated estimates forecast
    forecasts projected projects approved approve approves signed sign signs launched
    launch launches added add adds drew draw draws attracted attract attracts"""
    )
    | qualifiers.TREND_WORDS
)
_NOT_VERBS = wordset(
    """during including according morning evening spring building ceiling thing nothing
    something anything everything king ring string wing red bed need speed seed feed hundred
    combined estimated expected average limited united based advanced annualised annualized
    adjusted skilled"""
)
_TREND_NOUNS = qualifiers.TREND_NOUNS_UP | qualifiers.TREND_NOUNS_DOWN
SHARE_BASES = wordset("gdp output income revenue revenues sales")
_OBJECT_PREPS = wordset("to at by")
_CONTINUATIONS = wordset(
    "up down or and a an about around some nearly almost roughly by to at more than just only"
)
_PREPOSITIONS = wordset("in on at of for from with into across over under per")
_NOUN_LIKE = wordset("claims reports estimates forecasts states notes")
_SPEECH_BOUNDARY = STRONG_VERBS | wordset("found finds showed shows added adds noted")
_AFTER_PREPS = wordset("off in on for from into of")
_DETERMINERS = wordset("the a an its their his her our this that these those some any each every")
_POSSESSIVE_ENDS = ("'s", "’s", "s'", "s’")
_MAX_WORDS = 9
_MAX_CLAUSE = 40


def is_verb(tok: Token, nxt: Token | None = None) -> bool:
    """A verb, by list or by its ending; an "-ed"/"-ing" word before a noun is an adjective
    ("adjusted operating profit")."""
    low = tok.low
    if tok.kind != WORD or low in _NOT_VERBS or not tok.text[:1].islower():
        return False
    if low in VERBS:
        return True
    if len(low) <= 4 or not low.endswith(("ed", "ing")):
        return False
    if nxt is not None and nxt.low in _PREPOSITIONS:
        return False  # "spending in Scotland", "based in Paris": a noun or an adjective
    return (
        nxt is None
        or nxt.kind != WORD
        or nxt.low in STOP
        or nxt.text[:1].isupper()
        or is_number_start(nxt)
    )


#: per token list (kept alive by the entry, so its id is not reused): 0 unknown, 1 no, 2 verb
_VERB_MASKS: dict[int, tuple[list[Token], bytearray]] = {}


def forget_verbs() -> None:
    """Drop the verb marks of earlier token lists (called once per extraction)."""
    _VERB_MASKS.clear()


def _verb_at(toks: list[Token], k: int) -> bool:
    entry = _VERB_MASKS.get(id(toks))
    if entry is None or entry[0] is not toks:
        if len(_VERB_MASKS) > 256:
            _VERB_MASKS.clear()
        entry = (toks, bytearray(len(toks)))
        _VERB_MASKS[id(toks)] = entry
    mask = entry[1]
    known = mask[k]
    if known:
        return known == 2
    verb = is_verb(toks[k], toks[k + 1] if k + 1 < len(toks) else None)
    mask[k] = 2 if verb else 1
    return verb


def _clean(toks: list[Token], lo: int, hi: int) -> tuple[int, int] | None:
    """Trim function words at both ends of toks[lo:hi+1]; None when nothing is left."""
    while lo <= hi and (
        toks[lo].kind != WORD or toks[lo].low in _DETERMINERS or toks[lo].low in _BOUNDARY_WORDS
    ):
        if toks[lo].text == "The" and lo + 1 <= hi and toks[lo + 1].text[:1].isupper():
            break
        lo += 1
    while hi >= lo and (
        toks[hi].kind != WORD
        or toks[hi].low in STOP
        or _verb_at(toks, hi)
        or toks[hi].low.endswith("ly")
    ):
        if toks[hi].kind == NUM and hi > lo:  # "The Stoxx 600"
            break
        hi -= 1
    if hi < lo:
        return None
    if hi - lo + 1 > _MAX_WORDS:
        lo = hi - _MAX_WORDS + 1
    return lo, hi


def _text(text: str, toks: list[Token], span: tuple[int, int] | None) -> str:
    if span is None:
        return ""
    lo, hi = span
    if toks[lo].text == "The":
        lo += 1
    return text[toks[lo].start : toks[hi].end] if lo <= hi else ""


def _noun_after(toks: list[Token], j: int) -> tuple[int, int] | None:
    """A noun run right after the figure ("screen", "battery good"): lower-case words."""
    k = j
    while k < len(toks) and k - j < 3 and toks[k].kind == WORD and toks[k].low not in STOP:
        if toks[k].text[:1].isupper() or _verb_at(toks, k):
            break
        k += 1
    return (j, k - 1) if k > j else None


def _until_stop(toks: list[Token], span: tuple[int, int]) -> tuple[int, int] | None:
    end = span[0]
    while end <= span[1] and toks[end].low not in STOP and toks[end].kind == WORD:
        end += 1
    return (span[0], end - 1) if end > span[0] else None


def _clause_start(toks: list[Token], first: int) -> int:
    """Index of the first token of the clause that holds the figure (at most 40 tokens back:
    lists and tables have no clauses worth reading, and the work stays linear)."""
    k = first - 1
    floor = max(0, first - _MAX_CLAUSE)
    while k >= floor:
        t = toks[k]
        if t.kind == PUNCT and t.text in _BOUNDARY_PUNCT:
            return k + 1
        if t.kind == WORD and t.low in _BOUNDARY_WORDS and k < first - 1:
            return k + 1
        if (
            t.kind == WORD
            and t.low in _SPEECH_BOUNDARY
            and t.text[:1].islower()
            and k < first - 1
            and toks[k + 1].low not in ("to", "of", "for", "at", "by")
            and (t.low not in _NOUN_LIKE or toks[k + 1].low == "that")
        ):
            return k + 1  # "Barclays said pre-tax profit fell 7%"
        k -= 1
    return floor


_MAX_OPENING = 16


def _sentence_opening(toks: list[Token], limit: int) -> tuple[int, int] | None:
    """The noun phrase opening the sentence, before its first verb (within 16 tokens: no
    opening runs longer, and lists of figures stay linear)."""
    if limit > _MAX_OPENING:
        if any(_verb_at(toks, k) or toks[k].kind == PUNCT for k in range(_MAX_OPENING)):
            limit = _MAX_OPENING
        else:
            return None
    k = 0
    while k < limit and k < len(toks) and not _verb_at(toks, k) and toks[k].kind != PUNCT:
        k += 1
    if k == 0 or k >= limit:
        return None
    return _clean(toks, 0, k - 1)


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
    if is_share and after < len(toks):
        # "half the tenants", "one in seven adults", "two out of five patients"
        k = after + 1 if toks[after].low in _DETERMINERS else after
        noun = _noun_after(toks, k)
        if noun is not None:
            return _text(text, toks, (after, noun[1]) if k > after else noun)
    det_before = first > 0 and (
        toks[first - 1].low in _DETERMINERS
        or toks[first - 1].low.endswith(_POSSESSIVE_ENDS)
        or toks[first - 1].text in ("'", "’")
    )
    noun = _noun_after(toks, after)
    if noun is not None and toks[noun[1]].low in _TREND_NOUNS:
        # "a 37% jump in chip shipments"
        k = noun[1] + 1
        if k + 1 < len(toks) and toks[k].low in ("in", "of"):
            span = _clean(toks, k + 1, min(len(toks) - 1, k + 4))
            if span is not None:
                return _text(text, toks, _until_stop(toks, span))
    if det_before and noun is not None:
        owner = None
        if first > 0 and toks[first - 1].low.endswith(_POSSESSIVE_ENDS):
            owner = _clean(toks, max(_clause_start(toks, first), first - 4), first - 1)
        elif first > 1 and toks[first - 1].text in ("'", "’") and toks[first - 2].kind == WORD:
            owner = _clean(toks, max(_clause_start(toks, first), first - 4), first - 2)
        head = _text(text, toks, noun)
        return f"{_text(text, toks, owner)} {head}".strip() if owner else head
    start = _clause_start(toks, first)
    prev = first - 1
    if prev > start and toks[prev].low == "of":
        lo = prev - 1
        while (
            lo - 1 >= max(start, prev - 5)
            and toks[lo - 1].kind == WORD
            and not (toks[lo - 1].low in STOP or _verb_at(toks, lo - 1))
        ):
            lo -= 1  # "He was given a fine of $9,000": the fine
        span = _clean(toks, lo, prev - 1)
        if span is not None:
            named = _text(text, toks, span)
            if toks[span[1]].low in _GENERIC_OF and lo > start:
                owner_name = _clause_owner(text, toks, start, lo)
                if owner_name:
                    return f"{owner_name} {named}"  # "sales slipped to an annual rate of 3.86m"
            return named
    verb = next((k for k in range(start, first) if _verb_at(toks, k)), None)
    if verb is not None and verb > start and toks[verb].low in _MODALS:
        main = next((k for k in range(verb + 1, first) if _verb_at(toks, k)), None)
        if main is not None and all(
            toks[x].low in _MODALS or toks[x].low in _ADVERBS or toks[x].low.endswith("ly")
            for x in range(verb + 1, main)
        ):
            verb = main  # "The utility will raise tariffs by 12.7%": raise
    if is_money and verb is not None:
        spent = _money_use(text, toks, verb, first, after)
        if spent:
            return spent  # "will pay £2.3 billion to build 12 reactors"
    if verb is not None and prev > verb and toks[prev].low in _OBJECT_PREPS:
        between = toks[verb + 1 : prev]
        span = _clean(toks, verb + 1, prev - 1)
        if any(t.kind == NUM for t in between):
            if previous:
                return previous  # "fell 2.50 euros to 218.75 euros": what fell
        elif span is not None and toks[span[0]].low not in STOP:
            return _text(text, toks, span)
    if verb is not None and verb > start:
        span = _clean(toks, start, verb - 1)
        if span is not None:
            return _text(text, toks, span)
    if previous and all(t.low in _CONTINUATIONS or t.kind != WORD for t in toks[start:first]):
        return previous  # "..., down 28% from a year earlier", "or 0.8%"
    if verb is None and first > start:
        span = _clean(toks, start, first - 1)
        if span is not None:
            lo, hi = span
            before = first - 1 if toks[first - 1].low not in _PREPOSITIONS | {"to"} else first - 2
            if (
                hi == before
                and hi > lo
                and toks[hi].text[:1].islower()
                and toks[hi - 1].low not in ("of", "in", "for", "on", "at")
                and all(toks[x].kind == WORD for x in range(lo, hi + 1))
            ):
                # "The river peaked at 8.9 metres", "The drone flew 1,500 km": no noun phrase
                # runs into its figure, so the last word is the verb
                return _text(text, toks, (lo, hi - 1)) + _place_after(text, toks, after)
            return _text(text, toks, span)
    if verb is not None and verb == start and not toks[verb].low.endswith("ing") and start > 0:
        opening = _sentence_opening(toks, first)
        if opening is not None:
            return _text(text, toks, opening)  # "The sprinter, 22, clocked 21.83 seconds"
    if after < len(toks) and toks[after].low in _AFTER_PREPS:
        span = _clean(toks, after + 1, min(len(toks) - 1, after + 4))
        if span is not None:
            return _text(text, toks, _until_stop(toks, span))
    return _text(text, toks, _sentence_opening(toks, first))


#: nouns of "NOUN of FIGURE" that need the clause's subject to mean anything
_GENERIC_OF = wordset("rate level pace total average value high low record peak price")


def _clause_owner(text: str, toks: list[Token], start: int, stop: int) -> str:
    """The clause's subject before its first verb, for "to a record low of ..."."""
    verb = next((k for k in range(start, stop) if _verb_at(toks, k)), None)
    if verb is None or verb == start:
        return ""
    span = _clean(toks, start, verb - 1)
    return _text(text, toks, span) if span is not None else ""


def _place_after(text: str, toks: list[Token], after: int) -> str:
    """ " in York": a capitalised place right after the figure ("peaked at 8.9 metres in
    York"), not a time ("in March")."""
    n = len(toks)
    if after + 1 >= n or toks[after].low not in ("in", "at", "off", "near"):
        return ""
    k = after + 1
    while k < n and k - after <= 3 and toks[k].kind == WORD and toks[k].text[:1].isupper():
        if toks[k].low in _MONTHS:
            return ""
        k += 1
    if k == after + 1:
        return ""
    return " " + text[toks[after].start : toks[k - 1].end]


_MONTHS = wordset(
    """january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday
    saturday sunday q1 q2 q3 q4 h1 h2"""
)
_ADVERBS = wordset("also now then still already just further again only not")
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


def _money_use(text: str, toks: list[Token], verb: int, first: int, after: int) -> str:
    """ "The government will pay £2.3 billion to build 12 reactors" -> "pay to build 12
    reactors": an amount acted on (paid, spent, raised, earned) is named by the verb and what
    the sentence says the money is for, not by who pays it."""
    if toks[verb].low in _STATE_VERBS or not toks[verb].text[:1].islower():
        return ""
    if toks[first - 1].low == "for" and toks[verb].low in _DEAL_VERBS and first - 2 > verb:
        j = first - 2
        while j > verb and (
            (toks[j].kind == WORD and toks[j].low not in STOP and not _verb_at(toks, j))
            or (toks[j].text == "." and toks[j - 1].text[:1].isupper())
        ):
            j -= 1  # "the 22-storey tower", "U.S. Steel": the thing bought, back to a stop
        if toks[j].text in ("-", "–"):
            j += 1  # "the 1,400-square-metre retail unit": the unit, not the metre
        if j < first - 2 and toks[j + 1].text[:1].isalpha():
            return f"price of {_text(text, toks, (j + 1, first - 2))}"  # "sold the tower for"
    between = toks[verb + 1 : first]
    if any(t.low not in _BEFORE_MONEY and t.low not in qualifiers.BEFORE_WORDS for t in between):
        return ""
    n = len(toks)
    if after >= n or toks[after].low not in _MONEY_PURPOSE:
        return ""
    end = after
    m = after + 1
    while m < n and m - after < 8 and toks[m].kind != PUNCT:
        if toks[m].low in _BOUNDARY_WORDS and toks[m].low not in ("to", "for"):
            break
        if toks[m].low in _SPEECH_BOUNDARY:
            break
        end = m
        m += 1
    while end > after and (toks[end].low in STOP or toks[end].kind != WORD):
        end -= 1
    if end == after:
        return ""
    extra = " ".join(t.text for t in between if t.low in ("extra", "additional", "further"))
    head = f"{toks[verb].text} {extra}".strip()
    actor_span = _actor_before(toks, verb)
    if actor_span is not None and actor_span[1] - actor_span[0] < 3:
        head = f"{_text(text, toks, actor_span)} {head}"  # "Apple returned ... through buybacks"
    return f"{head} {text[toks[after].start : toks[end].end]}"


#: verbs of a deal whose "for AMOUNT" is a price: "sold the tower for £310m"
_DEAL_VERBS = wordset(
    """sold sell sells bought buy buys acquired acquire acquires snapped purchased purchase
    purchases agreed offered offer offers bid bids valued"""
)
_MONEY_PURPOSE = wordset("for to on in into from towards toward")


def _age_subject(text: str, toks: list[Token], first: int, after: int) -> str:
    """ "Maria Lopez, 37," -> "age of Maria Lopez"; "a 62-year-old driver" -> "age of the
    driver"."""
    if first > 1 and toks[first - 1].text == ",":
        k = first - 2
        while k >= 0 and toks[k].kind == WORD and toks[k].text[:1].isupper():
            k -= 1
        if k == first - 2:  # "the England captain, 31,": a noun phrase after a determiner
            d = next((d for d in range(k, max(-1, k - 4), -1) if toks[d].low in _DETERMINERS), None)
            if d is not None and all(toks[x].kind == WORD for x in range(d, first - 1)):
                k = d - 1
        if k < first - 2:
            return "age of " + text[toks[k + 1].start : toks[first - 2].end]
    noun = _noun_after(toks, after)
    if noun is not None:
        return "age of the " + _text(text, toks, noun)
    opening = _sentence_opening(toks, first)
    return "age of " + _text(text, toks, opening) if opening else "age"


#: verbs by which a body decides or measures a figure it thereby asserts ("the central bank held
#: its rate at 10.5%", "Rio Tinto shipped 83.5 million tonnes", "The court awarded HK$3.6m")
DECISION_VERBS = wordset(
    """raise raised raises cut cuts kept keeps held holds set sets lowered lowers trimmed trims
    hiked hikes lifted lifts measured measures awarded awards ordered orders imposed imposes fined
    fines sentenced sentences shipped ships returned returns posted posts reported reports
    recorded records expects expected forecast forecasts sought seeks ruled agreed approved
    revised revises upgraded downgraded estimated estimates"""
)
#: lower-case heads of bodies that assert figures ("the central bank", "A California jury")
INSTITUTIONS = wordset(
    """court jury team government chancellor bank ministry agency company firm regulator
    parliament council police army military commission committee board researchers scientists
    prosecutors growers farmers traders analysts economists officials authorities council
    union insurer lender carmaker airline brokerage group operator utility treasury cabinet
    president minister judge tribunal panel watchdog exchange fund investors developer
    builder maker manufacturer retailer supermarket chain club league federation association
    university hospital school district city county state province region municipality"""
)
_LINKING = wordset("of and the in for")
_MODALS = wordset("will would could can may might must should shall has have had")
_TERRITORIES: frozenset[str] | None = None


def _territories() -> frozenset[str]:
    global _TERRITORIES
    if _TERRITORIES is None:
        from babel import Locale

        names = {n for n in Locale("en").territories.values()}
        names |= {"Britain", "America", "the US", "US", "U.S.", "UK", "U.K."}
        _TERRITORIES = frozenset(names - {"European Union"})
    return _TERRITORIES


def actor(text: str, toks: list[Token], first: int) -> str | None:
    """The body whose decision or measurement the figure is, when nobody is quoted: the subject
    of a decision verb that is a named organisation or an institution ("Infosys raised its
    forecast to 4.5%" -> "Infosys"; "Shell's LNG sales rose" is not a decision)."""
    start = _clause_start(toks, first)
    if start > 0 and toks[start - 1].low in _PREPOSITION_BOUNDARIES:
        return None  # "Vaccination against HPV has cut ...": HPV is not who acts
    verb = next(
        (k for k in range(start, first) if _verb_at(toks, k) and toks[k].low not in _MODALS),
        None,
    )
    if verb is None:
        return None
    if verb == start:  # "..., and raised its dividend by 4%": the sentence's subject acts
        if start == 0 or toks[start - 1].low != "and":
            return None
        start = max(0, first - _MAX_CLAUSE)
        verb = next((k for k in range(start, first) if _verb_at(toks, k)), None)
        if verb is None or verb == 0:
            return None
    if toks[verb].low not in DECISION_VERBS:
        return None
    span = _clean(toks, start, verb - 1)
    if span is None:
        return None
    lo, hi = span
    words = toks[lo : hi + 1]
    phrase = text[toks[lo].start : toks[hi].end]
    if any(w.low.endswith(_POSSESSIVE_ENDS) for w in words):
        return None  # "Shell's LNG sales rose": the sales, not Shell
    content = [w for w in words if w.kind == WORD and w.low not in _LINKING]
    if not content:
        return None
    if all(w.text[:1].isupper() for w in content):
        bare = phrase[4:] if phrase.startswith("The ") else phrase
        return None if bare in _territories() or phrase in _territories() else phrase
    heads = [w for w in content if w.text[:1].islower()]
    if (heads and heads[0].low in INSTITUTIONS | {"bank"}) or (
        heads and heads[-1].low in INSTITUTIONS
    ):
        return phrase
    return None


_PREPOSITION_BOUNDARIES = wordset("against with versus amid including plus")
_TRAILING_PREPS = wordset("in of from on for across at with among under")


def extend(text: str, toks: list[Token], first: int, last: int, subject: str) -> str:
    """A counted noun or an "of" phrase with what the clause adds: the verb that counts it and
    the phrases after it ("Police arrested 27 people in raids across Johannesburg" -> "people
    arrested in raids across Johannesburg")."""
    n = len(toks)
    at = text.find(subject, toks[last].start)
    if at >= 0:
        stop = at + len(subject)
        last = next((k for k in range(last, n) if toks[k].end >= stop), last)
    end = last
    words = len(subject.split())
    k = last + 1
    while k + 1 < n and toks[k].low in _TRAILING_PREPS and words < 8:
        j = k + 1
        while j < n and toks[j].low in _DETERMINERS:
            j += 1
        m = j
        while (
            m < n
            and m - j < 4
            and toks[m].kind == WORD
            and toks[m].low not in STOP
            and not _verb_at(toks, m)
        ):
            m += 1
        if m == j:
            break
        end = m - 1
        words += m - k
        k = m
    trailing = text[toks[last + 1].start : toks[end].end] if end > last else ""
    out = f"{subject} {trailing}".strip()
    verb = first - 1
    while verb >= 0 and verb > first - 4 and toks[verb].low in qualifiers.BEFORE_WORDS:
        verb -= 1
    if verb >= 0 and toks[verb].low in ("a", "an", "another"):
        verb -= 1
    if (
        verb >= 0
        and _verb_at(toks, verb)
        and (toks[verb].low not in _NOT_ACTIONS or toks[verb].low in ("added", "lost", "cut"))
        and _acts_on(toks, verb, first)
    ):
        low = toks[verb].low
        participle = toks[verb].text if low.endswith("ed") else _participle(low)
        if not participle:
            return out
        actor_span = _actor_before(toks, verb)
        by = f" by {_text(text, toks, actor_span)}" if actor_span is not None else ""
        # "The opposition bloc won 106 seats in the vote" -> "seats won by the opposition bloc
        # in the vote"
        return f"{subject} {participle}{by} {trailing}".strip()
    if end == last:
        tail = _verb_after(text, toks, last + 1)
        if tail:
            return f"{out} {tail}"  # "About 1,400 people were arrested after the riots"
    return out


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
_IRREGULAR = {
    "won": "won",
    "win": "won",
    "wins": "won",
    "build": "built",
    "builds": "built",
    "sold": "sold",
    "sell": "sold",
    "sells": "sold",
    "bought": "bought",
    "buy": "bought",
    "buys": "bought",
    "made": "made",
    "make": "made",
    "makes": "made",
    "took": "taken",
    "take": "taken",
    "takes": "taken",
    "hold": "held",
    "holds": "held",
    "held": "held",
    "found": "found",
    "find": "found",
    "finds": "found",
    "lost": "lost",
    "lose": "lost",
    "loses": "lost",
    "hire": "hired",
    "hires": "hired",
    "drew": "drawn",
    "draw": "drawn",
    "draws": "drawn",
    "spent": "spent",
    "spend": "spent",
    "spends": "spent",
    "paid": "paid",
    "pay": "paid",
    "pays": "paid",
    "ran": "run",
    "run": "run",
    "runs": "run",
    "gave": "given",
    "give": "given",
    "gives": "given",
    "saw": "seen",
    "see": "seen",
    "sees": "seen",
    "kept": "kept",
    "keep": "kept",
    "keeps": "kept",
    "shot": "shot",
    "struck": "struck",
    "caught": "caught",
    "seized": "seized",
    "scored": "scored",
    "flew": "flown",
    "fly": "flown",
    "swam": "swum",
    "ate": "eaten",
    "wrote": "written",
    "sent": "sent",
    "send": "sent",
    "led": "led",
    "lead": "led",
    **{w: w for w in ("left", "cut", "put", "set", "hit", "met", "shut", "spread", "read")},
    **{w: w for w in ("lent", "built", "dealt", "felt", "told", "said", "brought", "bought")},
}


def _participle(verb: str) -> str:
    """ "won" -> "won", "employ" -> "employed", "create" -> "created", "counts" -> "counted"."""
    if verb in _IRREGULAR:
        return _IRREGULAR[verb]
    if verb.endswith("ed"):
        return verb
    if verb.endswith("ing") or len(verb) < 3:
        return ""
    if verb.endswith("ies"):
        return verb[:-3] + "ied"
    if verb.endswith("es") and verb[-3] in "sxzh":
        return verb[:-2] + "ed"
    if verb.endswith("s") and not verb.endswith("ss"):
        verb = verb[:-1]
    if verb.endswith("e"):
        return verb + "d"
    if verb.endswith("y") and verb[-2] not in "aeiou":
        return verb[:-1] + "ied"
    return verb + "ed"


def _actor_before(toks: list[Token], verb: int) -> tuple[int, int] | None:
    """The clause's subject before ``verb`` when it is a short noun phrase, not a pronoun."""
    k = verb - 1
    while k >= 0 and toks[k].low in _MODALS | {"also", "now", "then", "to", "agreed", "plans"}:
        k -= 1  # "will create", "agreed to pay"
    start = _clause_start(toks, k + 1) if k >= 0 else 0
    if k < start:
        if start > 0 and toks[start - 1].low == "and":
            # "The cargo ship is 400 metres long and carries 24,000 containers": the sentence's
            # subject carries them
            opening = _sentence_opening(toks, start)
            if opening is not None and opening[1] - opening[0] <= 4:
                return opening
        return None
    span = _clean(toks, start, k)
    if span is None or span[1] != k or span[1] - span[0] > 4:
        return None
    words = toks[span[0] : span[1] + 1]
    if any(w.kind != WORD or w.low in STOP for w in words):
        return None
    if any(_verb_at(toks, x) for x in range(span[0], span[1] + 1)):
        return None
    return span


def _verb_after(text: str, toks: list[Token], j: int) -> str:
    """ "were arrested after the riots", "crossed the Channel in small boats": the verb that says
    what the counted things did or had done to them, with a short phrase after it."""
    n = len(toks)
    k = j
    while k < n and k - j < 3 and toks[k].low in _NOT_ACTIONS - qualifiers.TREND_WORDS:
        k += 1
    if k >= n or not _verb_at(toks, k) or toks[k].low in _NOT_ACTIONS:
        return ""
    if not toks[k].low.endswith("ed") and toks[k].low not in _IRREGULAR:
        return ""
    m = k + 1
    if m < n and (
        toks[m].kind == NUM
        or toks[m].text in "$£€¥"
        or toks[m].low in ("a", "an", "another", "combined")
    ):
        return ""  # "20 clubs spent a combined £2.36 billion": an amount follows
    if k == j and m < n and toks[m].kind == WORD and toks[m].low not in _TRAILING_PREPS:
        nxt = toks[m + 1] if toks[m].low in _DETERMINERS and m + 1 < n else toks[m]
        if nxt.text[:1].islower() and nxt.low not in _TRAILING_PREPS | {"after", "during"}:
            return ""  # "1.5 million fans attended the tournament": they act on something
    end = k
    for _ in range(2):  # an object, then a phrase: "the Channel", "in small boats"
        if m < n and toks[m].low in _TRAILING_PREPS | {"after", "during", "before"}:
            m += 1
        elif (m >= n or toks[m].low not in _DETERMINERS) and (
            end > k or m >= n or toks[m].kind != WORD or toks[m].text[:1].islower()
        ):
            break
        while m < n and toks[m].low in _DETERMINERS:
            m += 1
        start = m
        while m < n and m - start < 3 and toks[m].kind == WORD and toks[m].low not in STOP:
            if _verb_at(toks, m):
                break
            m += 1
        if m == start:
            break
        end = m - 1
    return text[toks[k].start : toks[end].end]


#: nouns that only point back at what was counted ("put the figure at 8,000", "its total")
_PLACEHOLDERS = wordset(
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
    words = [w for w in subject.lower().replace("’", "'").split() if w not in _DETERMINERS]
    if not words:
        return True
    if len(words) == 1:
        w = words[0].strip(",.;:'")
        return (
            w in _PLACEHOLDERS
            or w in _NOT_SUBJECTS
            or w in VERBS
            or w.endswith(("est", "ly"))
            or (w.endswith("ed") and not w.endswith("eed"))
        )
    if len(words) == 2 and words[0] in ("this", "last", "next", "five", "two", "three"):
        return words[1].rstrip("s") in ("year", "month", "week", "day", "session", "decade")
    return all(w in _PLACEHOLDERS or w in _NOT_SUBJECTS for w in words)


def moves_to(toks: list[Token], first: int) -> bool:
    """ "fell 5.4% last year to 383 million tonnes", "shrank by 4% to 11.2 million animals":
    the figure is the level a trend verb in its clause moves to."""
    start = _clause_start(toks, first)
    return any(
        toks[k].low in qualifiers.TREND_WORDS or toks[k].low in qualifiers.REACH_VERBS
        for k in range(start, first - 1)
        if toks[k].kind == WORD and toks[k].text[:1].islower()
    )
