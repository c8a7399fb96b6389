"""Subjects named by what the clause does to the figure, when the clause's subject is only who
does it: an amount acted on ("Judge Sarah Kim fined the firm $2 million" -> "fine on the firm";
"The startup raised $30 million" -> "money raised by startup"; "ordered the airline to pay" ->
"amount the airline must pay"), a size given by an adjective after it ("a hole 3 km deep" ->
"depth of hole") or a distance ("a planet 124 light-years from Earth"), the length of a thing a
hyphened duration qualifies ("a five-year contract" -> "length of the contract"), the time since
a record ("the lowest in 50 years"), one currency priced in another, a rival forecast and a
margin against a reference ("..., about 40 cm below the 2013 record").

A person or a body that pays, fines or raises money is never what the amount is: the fine, the
payment or the money raised is. Each reading is one pattern over the tokens of the clause, no
word list of subjects. What a figure borrows from the figure or sentence before it is in
``references.py``."""

from __future__ import annotations

from .clauses import (
    DETERMINERS,
    MODALS,
    PREPOSITIONS,
    clean,
    sentence_opening,
    span_text,
    verb_at,
)
from .counted import after_aside
from .nouns import STOP, looks_plural, singular
from .sentences import NUM, PUNCT, WORD, Token, wordset
from .units import LEXICON

#: verbs that impose an amount on someone: the amount is a fine on them
_FINE_VERBS = wordset("fined fine fines fining")
#: verbs whose object is the amount: (how the amount is named, the word before the actor)
_MONEY_ACTS: dict[str, tuple[str, str]] = {}
for _words, _named in (
    ("raised raise raises raising", ("money raised", "by")),
    ("borrowed borrow borrows borrowing", ("borrowing", "by")),
    ("invested invest invests investing", ("investment", "by")),
    ("lost lose loses losing", ("losses", "of")),
    ("stole steal steals stealing stolen", ("money stolen", "by")),
    ("pledged pledge pledges pledging", ("pledge", "by")),
    ("donated donate donates donating", ("donation", "by")),
    ("owed owe owes owing", ("debt", "of")),
    ("saved save saves saving", ("savings", "of")),
    ("collected collect collects collecting", ("money collected", "by")),
    ("spent spend spends spending", ("spending", "by")),
    ("cut cuts cutting slashed slash slashes trimmed trim trims", ("cut", "by")),
):
    for _word in _words.split():
        _MONEY_ACTS[_word] = _named
_BE = wordset("is are was were be been being")
_PAY_VERBS = wordset("pay pays paid paying")
_PRONOUNS = wordset("him her them it us me you")
#: words between a verb and its amount that belong to neither ("raised an extra $2bn")
_BEFORE_AMOUNT = wordset(
    """a an another extra additional further some about around nearly almost roughly more than
    over under up to at least just only less a total of combined net estimated record"""
)
#: what may follow the amount and still say what it is for ("invest $5bn in a plant")
_PURPOSE = wordset("on in into for from")


def money_acted(text: str, toks: list[Token], start: int, verb: int, first: int, after: int) -> str:
    """ "The regulator fined Barclays £40m" -> "fine on Barclays"; "Barclays was fined £40m" ->
    "fine on Barclays"; "The startup raised $30 million" -> "money raised by startup"; "Tesla
    will invest $5 billion in a new plant" -> "investment by Tesla in a new plant". Empty when
    the clause does not act on the amount."""
    word = toks[verb].low
    passive = False
    if word in _BE and verb + 1 < first and toks[verb + 1].low in _FINE_VERBS:
        verb, word, passive = verb + 1, toks[verb + 1].low, True
    between = [k for k in range(verb + 1, first) if toks[k].low not in _BEFORE_AMOUNT]
    if word in _FINE_VERBS:
        if passive:
            hi = verb - 2
            while hi >= start and (toks[hi].low in MODALS or toks[hi].low in _BE):
                hi -= 1
            span = clean(toks, start, hi)
            if between or span is None:
                return ""
            return f"fine on {span_text(text, toks, span)}"  # "Barclays was fined £40m"
        if verb <= start and not (start > 0 and after_aside(toks, start)):
            return ""  # "... and fined 4.5 million francs": who was fined is further back
        end = verb + 1
        while end < first and toks[end].kind in (WORD, NUM) and toks[end].low not in _BEFORE_AMOUNT:
            end += 1
        if end == verb + 1:
            return "fine"
        if toks[verb + 1].low in _PRONOUNS or any(
            toks[k].kind != WORD and toks[k].low not in _BEFORE_AMOUNT for k in range(end, first)
        ):
            return ""  # "fined him": who he is, is further back
        return f"fine on {text[toks[verb + 1].start : toks[end - 1].end]}"  # "fined the bank"
    pay = first - 1
    while pay > 0 and (toks[pay].low in _BEFORE_AMOUNT or toks[pay].low == "back"):
        pay -= 1
    if pay >= 2 and toks[pay].low in _PAY_VERBS and toks[pay - 1].low == "to":
        payer = _ordered_to_pay(text, toks, start, pay)
        if payer:
            return f"amount {payer} must pay"  # "ordered the airline to pay A$100 million"
    if word in _PAY_VERBS and between and verb > start:
        end = verb + 1
        while end < first and toks[end].kind == WORD and toks[end].low not in _BEFORE_AMOUNT:
            end += 1
        if (
            end > verb + 1
            and toks[verb + 1].low not in _PRONOUNS
            and all(toks[k].low in _BEFORE_AMOUNT for k in range(end, first))
        ):
            # "The government will pay farmers 600 euros a hectare": a payment to the farmers
            return f"payment to {text[toks[verb + 1].start : toks[end - 1].end]}"
    named = _MONEY_ACTS.get(word)
    if named is None or between:
        return ""
    if verb <= start:
        if start == 0 or not after_aside(toks, start):
            return ""
        span = sentence_opening(toks, start)  # "The company, based in Oslo, raised $45m"
    else:
        hi = verb - 1
        while hi >= start and (
            toks[hi].low in MODALS or toks[hi].low in _BE or toks[hi].low == "to"
        ):
            hi -= 1  # "will borrow", "has lost", "plans to raise"
        if hi >= start and toks[hi].low in ("plans", "plan", "planned", "aims", "wants", "agreed"):
            hi -= 1
        span = clean(toks, start, hi)
    if span is None or span[1] - span[0] > 5 or toks[span[0]].low in STOP:
        return ""
    noun, prep = named
    found = f"{noun} {prep} {span_text(text, toks, span)}"
    n = len(toks)
    if after + 1 < n and toks[after].low in _PURPOSE and toks[after + 1].kind == WORD:
        m = after + 1
        while m < n and m - after <= 5 and toks[m].kind == WORD and not verb_at(toks, m):
            if m > after + 1 and toks[m].low in STOP and toks[m].low not in DETERMINERS:
                break
            m += 1
        end = m - 1
        while end > after and toks[end].low in STOP:
            end -= 1
        if end > after:
            found += " " + text[toks[after].start : toks[end].end]
    return found


_ORDER_VERBS = wordset("ordered told required forced directed compelled")


def _ordered_to_pay(text: str, toks: list[Token], start: int, verb: int) -> str:
    """Who must pay in "the court ordered the airline to pay", "the manager was ordered to
    pay": the object of the order, or the subject of its passive."""
    lo = max(0, verb - 8)
    order = next((k for k in range(verb - 2, lo - 1, -1) if toks[k].low in _ORDER_VERBS), None)
    if order is None or any(toks[k].kind != WORD for k in range(order + 1, verb - 1)):
        return ""
    if order + 1 < verb - 1:
        return text[toks[order + 1].start : toks[verb - 2].end]  # "ordered the airline to"
    if order == 0 or toks[order - 1].low not in _BE:
        return ""
    hi = order - 2
    lo = hi
    while (
        lo > 0
        and hi - lo < 6
        and toks[lo - 1].low not in STOP
        and (toks[lo - 1].kind != PUNCT or toks[lo - 1].end == toks[lo].start)
    ):
        lo -= 1  # "the 26-year-old influencer": hyphens glued to their words
    if lo > 0 and toks[lo - 1].low in DETERMINERS:
        lo -= 1
    if hi < 0 or clean(toks, lo, hi) is None:
        return ""
    payer = text[toks[lo].start : toks[hi].end]
    return "the" + payer[3:] if payer.startswith("The ") else payer


#: adjectives of size after a measure, and the noun of what they measure
_SIZE_ADJECTIVES = {
    "tall": "height",
    "high": "height",
    "long": "length",
    "wide": "width",
    "broad": "width",
    "deep": "depth",
    "thick": "thickness",
    "across": "diameter",
    "thin": "thickness",
}
_LEADING = wordset("about around nearly almost roughly some over under up to just only more than")


def size_of(
    text: str, toks: list[Token], first: int, after: int, found: str, dimension: str
) -> str:
    """ "Engineers drilled a hole 3 km deep" -> "depth of hole"; "The bridge is 1.2 km long" ->
    "length of bridge"; "87 turbines, each 260 metres tall" -> "height of each turbines": a
    measure followed by an adjective of size is that size of the noun right before it, else of
    what the clause is about."""
    if dimension != "length" or after >= len(toks):
        return ""
    size = _SIZE_ADJECTIVES.get(toks[after].low)
    if size is None:
        return ""
    k = first - 1
    while k >= 0 and toks[k].low in _LEADING:
        k -= 1
    if k >= 0 and toks[k].low == "each":
        if k >= 2 and toks[k - 1].text == "," and toks[k - 2].kind == WORD:
            return f"{size} of each {singular(toks[k - 2].text)}"
        return f"{size} of each"
    if (
        k > 0
        and toks[k].kind == WORD
        and toks[k].low not in STOP
        and not verb_at(toks, k)
        and toks[k - 1].low not in PREPOSITIONS
    ):
        lo = k
        while (
            lo > 0
            and k - lo < 3
            and toks[lo - 1].kind == WORD
            and toks[lo - 1].low not in STOP
            and not verb_at(toks, lo - 1)
        ):
            lo -= 1
        return f"{size} of {span_text(text, toks, (lo, k))}"
    if not found or found.split()[0].lower() in STOP:
        return ""  # "on average only 10 metres thick": no noun to measure here
    return f"{size} of {found}"


_DISTANCE_PREPS = wordset("from off away")


def distance_of(text: str, toks: list[Token], first: int, after: int, dimension: str) -> str:
    """ "a planet 124 light-years from Earth" -> "distance of planet from Earth"; "a yacht 200
    miles off the Azores" -> "distance of yacht off the Azores": a length between a noun and
    "from"/"off"/"away" is how far the thing is."""
    n = len(toks)
    if dimension != "length" or after >= n or toks[after].low not in _DISTANCE_PREPS:
        return ""
    k = first - 1
    while k >= 0 and toks[k].low in _LEADING:
        k -= 1
    if k < 1 or toks[k].kind != WORD or toks[k].low in STOP or verb_at(toks, k):
        return ""
    from .nouns import TIME_NOUNS

    if toks[k].low in TIME_NOUNS:
        return ""  # "1.2 million barrels a day over 1,768 km"
    if toks[k].text[:1].isupper() or toks[k - 1].low not in DETERMINERS:
        return ""  # "a planet", "the yacht": a noun after its article, nothing else
    head = f"distance of {toks[k].text}"
    if toks[after].low == "away":
        return head
    m = after + 1
    while m < n and m - after <= 5 and toks[m].kind == WORD and not verb_at(toks, m):
        if m > after + 1 and toks[m].low in STOP and toks[m].low not in ("of", "the"):
            break
        m += 1
    end = m - 1
    while end > after and toks[end].low in STOP:
        end -= 1
    return head if end == after else f"{head} {text[toks[after].start : toks[end].end]}"


#: nouns a hyphened duration gives the maturity of, not the length ("10-year yield")
_TERM_NOUNS = wordset(
    """yield yields bond bonds note notes gilt gilts treasury treasuries mortgage mortgages
    rate rates fixed loan loans swap swaps paper bill bills"""
)


def length_of(text: str, toks: list[Token], noun: tuple[int, int]) -> str:
    """ "signed a five-year contract" -> "length of the contract": a hyphened duration that
    qualifies a noun is the length of the thing, not of whoever owns it."""
    if any(toks[k].low in _TERM_NOUNS for k in range(noun[0], noun[1] + 1)):
        return ""
    return f"length of the {span_text(text, toks, noun)}"


_SUPERLATIVES = {
    "highest": "high",
    "lowest": "low",
    "slowest": "slow",
    "fastest": "fast",
    "biggest": "big",
    "largest": "large",
    "smallest": "small",
    "weakest": "weak",
    "strongest": "strong",
    "warmest": "warm",
    "hottest": "hot",
    "coldest": "cold",
    "wettest": "wet",
    "driest": "dry",
    "sunniest": "sunny",
    "deepest": "deep",
    "worst": "bad",
    "best": "good",
    "steepest": "steep",
    "sharpest": "sharp",
    "cheapest": "cheap",
    "busiest": "busy",
    "quickest": "quick",
    "most": "high",
    "least": "low",
}
_BETWEEN_RECORD = wordset("level pace rate reading point since in for over nearly almost about")


def period_since(text: str, toks: list[Token], first: int, dimension: str, previous: str) -> str:
    """ "Unemployment fell to 3.9%, the lowest in 50 years" -> "period since Unemployment was
    this low": a span of years after a superlative is the time since the figure before was
    last as high or as low."""
    if dimension != "duration" or not previous or previous.startswith("age"):
        return ""
    k = first - 1
    while k > 0 and first - k <= 4 and toks[k].low in _BETWEEN_RECORD:
        k -= 1
    if k < 0 or toks[k].low not in _SUPERLATIVES or toks[first - 1].low not in ("in", "for"):
        return ""
    if k == 0 or toks[k - 1].low not in ("the", "its", "their", "a"):
        return ""
    last_word = previous.split()[-1]
    be = "were" if looks_plural(last_word) and not last_word[:1].isupper() else "was"
    return f"period since {previous} {be} this {_SUPERLATIVES[toks[k].low]}"


_WRAPPERS = (*(f"{size} of " for size in sorted(set(_SIZE_ADJECTIVES.values()))), "length of the ")


def carried(subject: str, previous: str) -> str:
    """What a subject worded here hands on to the next figure of its clause: the thing whose
    size or length it is ("height of heavyweight" -> "heavyweight"; "... has a reach of 85
    inches" is the heavyweight's, not his height's), the figure before for a record's period."""
    if " of " not in subject and not subject.startswith("period since "):
        return subject
    if subject.startswith("period since "):
        return previous or subject
    for wrapper in _WRAPPERS:
        if subject.startswith(wrapper) and len(subject) > len(wrapper):
            return subject[len(wrapper) :].removeprefix("each ")
    return subject


def currency_rate(subject: str, currency: str | None, name: str) -> str:
    """ "The euro climbed to 410 forints" -> "euro exchange rate against the forint": an amount
    of one currency that another currency reaches is that currency's exchange rate."""
    if not currency or not subject or subject.count(" ") > 1:
        return ""
    words = subject.split()
    if not words or (len(words) == 2 and words[0] != "the"):
        return ""
    word = words[-1].lower()
    unit = LEXICON.get((word,))
    own = "GBP" if word in ("pound", "sterling") else (unit.currency if unit else None)
    if own is None or own == currency:
        return ""  # ("the pound" against a currency is sterling, not the weight)
    return f"{words[-1]} exchange rate against the {name}"


_FORECASTS = wordset(
    """expects expected expect projects projected forecasts forecast predicts predicted sees saw
    see estimates estimated puts put"""
)


def forecaster(toks: list[Token], first: int, subject: str) -> bool:
    """ "..., but the IMF expects 1.6%", "the union puts it at 23 million": the subject found is
    only who forecasts the figure right after its verb (a rival figure for what the figure
    before was about), not what the figure is."""
    k = first - 1
    while k > 0 and (toks[k].low in _LEADING or toks[k].low in ("it", "them", "at")):
        k -= 1
    if k < 1 or toks[k].low not in _FORECASTS:
        return False
    words = [w.strip("'’.,") for w in subject.lower().split()]
    before = {toks[j].low for j in range(max(0, k - 6), k)}
    return bool(words) and all(w in before or w in STOP or not w for w in words)


_THEN_WORDS = wordset(
    "year years month months week weeks quarter decade ago earlier before previous last"
)
_COMPARATIVES = wordset(
    """above below beyond ahead behind short clear more less higher lower faster slower warmer
    colder cheaper dearer smaller larger bigger"""
)


def margin(text: str, toks: list[Token], first: int, after: int, subject: str) -> str:
    """ "The river crested at 6.2 metres, about 40 cm below the 2013 record" -> "river below
    the 2013 record": a figure set after a comma against a reference is what the clause is
    about, measured against that reference."""
    n = len(toks)
    if not subject or after + 1 >= n or toks[after].low not in _COMPARATIVES:
        return ""
    k = first - 1
    while k > 0 and toks[k].low in _LEADING:
        k -= 1
    if toks[k].text != ",":
        return ""
    m = after + 1
    if toks[m].low in ("than", "of"):
        m += 1
    begin = m
    while m < n and m - begin < 6 and toks[m].kind in (WORD, NUM) and toks[m].low != "and":
        if m > begin and toks[m].low in ("for", "in", "on", "at", "with", "when", "as"):
            break
        m += 1
    if m == begin or all(toks[j].low in STOP for j in range(begin, m)):
        return ""  # "..., 12% higher": no reference named
    if any(
        toks[j].low in _THEN_WORDS
        or (toks[j].kind == NUM and len(toks[j].text) == 4 and j == m - 1)
        for j in range(begin, m)
    ):
        return ""  # "23% more than a year ago": a change over time, not a margin
    if m < n and toks[m].text in ("'", "’"):
        m += 1  # "above Germany's"
    return f"{subject} {text[toks[after].start : toks[m - 1].end]}"
