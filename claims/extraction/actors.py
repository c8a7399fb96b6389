"""Who decides or measures a figure when nobody is quoted: the subject of a decision verb that
is a named organisation or an institution ("Infosys raised its forecast to 4.5%" -> "Infosys")."""

from __future__ import annotations

from .attribution import reduced_relative
from .clauses import (
    MAX_CLAUSE,
    MODALS,
    POSSESSIVE_ENDS,
    PREPOSITIONS,
    clause_start,
    clean,
    first_verb,
)
from .sentences import WORD, Token, wordset

#: verbs by which a body decides or measures a figure it thereby asserts ("the central bank held
#: its rate at 10.5%", "Rio Tinto shipped 83.5 million tonnes", "The court awarded HK$3.6m")
DECISION_VERBS = wordset(
    """raise raised raises cut cuts kept keeps held holds set sets lowered lowers trimmed trims
    hiked hikes lifted lifts measured measures awarded awards ordered orders imposed imposes fined
    fines sentenced sentences shipped ships returned returns posted posts reported reports
    recorded records expects expected forecast forecasts sought seeks ruled agreed approved
    revised revises upgraded downgraded estimated estimates reduced reduces allocated allocates
    granted grants earmarked earmarks spend release releases wants charged"""
)
#: "ordered" decides for a court or a regulator ("the tribunal ordered a refund"), or when an
#: order to someone follows ("ordered the club to pay"); "The airline ordered 150 jets" buys
_ORDERS = wordset("ordered orders")
_ORDERING = wordset(
    """court jury judge tribunal regulator watchdog commission council government ministry
    police authority authorities board panel agency"""
)
#: "The Federal Reserve left rates unchanged at 5.25%": "left" decides only with "unchanged"
_LEFT = wordset("left leaves")
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
_TERRITORIES: frozenset[str] | None = None


def territories() -> frozenset[str]:
    global _TERRITORIES
    if _TERRITORIES is None:
        from babel import Locale

        names = {n for n in Locale("en").territories.values()}
        names |= {"Britain", "America", "the US", "US", "U.S.", "UK", "U.K."}
        _TERRITORIES = frozenset(names - {"European Union"})
    return _TERRITORIES


def actor(text: str, toks: list[Token], first: int, depth: int = 0) -> str | None:
    """The body whose decision or measurement the figure is, when nobody is quoted: the subject
    of a decision verb that is a named organisation or an institution ("Infosys raised its
    forecast to 4.5%" -> "Infosys"; "Shell's LNG sales rose" is not a decision)."""
    start = clause_start(toks, first)
    if start > 0 and toks[start - 1].low in _PREPOSITION_BOUNDARIES:
        if toks[start - 1].low == "including" and start >= 2 and toks[start - 2].text == ",":
            return actor(
                text, toks, start - 2, depth + 1
            )  # "approved $95 billion, including $61 billion"
        return None  # "Vaccination against HPV has cut ...": HPV is not who acts
    verb = _decision_or_verb(toks, start, first)
    if verb is None:
        if (
            depth < 2
            and start >= 2
            and (
                toks[start - 1].text == ","
                # "sought a term and a fine of $2m": a noun phrase, no clause, after "and"
                or (
                    toks[start - 1].low == "and"
                    and start < first
                    and toks[start].low in ("a", "an")
                )
            )
        ):
            # "Rio Tinto shipped 83.5 million tonnes, 1% less than a year earlier": a clause
            # with no verb of its own tells more of the decision before it
            return actor(text, toks, start - 1, depth + 1)
        return None
    if verb == start and start >= 2 and toks[start - 1].text == ",":
        relative = _relative_before(toks, start - 1)
        if relative is not None:
            # "The board, which met on Tuesday, raised its rate": the subject before the aside
            start = clause_start(toks, relative)
            if not _decides(toks, verb) or _infinitive_after(toks, verb):
                return None
            span = clean(toks, start, relative - 1)
            return _named_actor(text, toks, span, verb, first) if span else None
    if verb == start:  # "..., and raised its dividend by 4%": the sentence's subject acts
        if start == 0 or toks[start - 1].low != "and":
            return None
        start = max(0, first - MAX_CLAUSE)
        verb = first_verb(toks, start, first)
        if verb is None or verb == 0:
            return None
    if not _decides(toks, verb) or reduced_relative(toks, verb):
        return None  # "Thefts reported to insurers rose 9%": nobody decided that
    if _infinitive_after(toks, verb):
        return None  # "The company sought to raise $500 million": an aim, not a decision
    span = clean(toks, start, verb - 1)
    if span is None:
        return None
    return _named_actor(text, toks, span, verb, first)


def _named_actor(
    text: str, toks: list[Token], span: tuple[int, int], verb: int, first: int
) -> str | None:
    """The subject phrase ``span`` of a decision verb, when it names a body that decides."""
    from .attribution import _before_time

    lo, hi = span
    hi = _before_time(toks, hi)  # "The court on Tuesday fined", "The bank last week cut"
    if hi < lo or toks[lo].low in _OPENING_PREPOSITIONS:
        return None  # "On Wednesday it had set aside £450m": a time, then a pronoun
    words = toks[lo : hi + 1]
    phrase = text[toks[lo].start : toks[hi].end]
    if any(w.low.endswith(POSSESSIVE_ENDS) for w in words):
        return None  # "Shell's LNG sales rose": the sales, not Shell
    content = [w for w in words if w.kind == WORD and w.low not in _LINKING]
    if not content:
        return None
    if toks[verb].low in _ORDERS and not (
        content[-1].low in _ORDERING or any(t.low == "to" for t in toks[verb + 1 : first])
    ):
        return None  # "The airline ordered 150 jets": a purchase, no decision
    if all(w.text[:1].isupper() for w in content):
        bare = phrase[4:] if phrase.startswith("The ") else phrase
        if bare.rstrip(".") + "." in territories() or bare in territories():
            return None  # "The U.K. will cut aid": a country, no body
        return None if phrase in territories() else phrase
    heads = [w for w in content if w.text[:1].islower()]
    run = len(content)
    while run > 0 and content[run - 1].text[:1].isupper():
        run -= 1
    if (
        0 < run < len(content)
        and len(content) == len(words)  # no "of", "on", "in": "The seismometer on Mars"
        and all(w.text.islower() and w.low not in PREPOSITIONS for w in content[1:run])
        and (content[0].text.islower() or content[0] is toks[0])
        and text[content[run].start : content[-1].end] not in territories()
    ):
        return (
            phrase  # "Oil major BP will cut ...", "Chipmaker Arvana raised ...": descriptor, name
        )
    if (heads and heads[0].low in INSTITUTIONS | {"bank"}) or (
        heads and heads[-1].low in INSTITUTIONS
    ):
        return phrase
    return None


def _decision_or_verb(toks: list[Token], lo: int, hi: int) -> int | None:
    """The first verb in [lo, hi), a decision verb the general reading does not know counting
    as one ("Prosecutors sought a 10-year term": "sought" is a verb)."""
    verb = first_verb(toks, lo, hi, MODALS)
    for k in range(lo, hi if verb is None else verb):
        t = toks[k]
        if (
            t.kind == WORD
            and t.low in DECISION_VERBS
            and t.text.islower()
            and not (k > lo and toks[k - 1].low in ("the", "a", "an", "its", "their"))
            and not _infinitive_after(toks, k)  # "investors sought to withdraw": no decision
        ):
            return k
    return verb


def _relative_before(toks: list[Token], comma: int) -> int | None:
    """ "The board, which met on Tuesday, raised": the index of the comma opening the aside
    that ends at ``comma``, when it is a relative clause (", which ...", ", who ...")."""
    for j in range(comma - 1, max(0, comma - 12), -1):
        if toks[j].text == ",":
            return j if j + 1 < comma and toks[j + 1].low in ("which", "who") else None
    return None


def _decides(toks: list[Token], k: int) -> bool:
    low = toks[k].low
    if low in _LEFT:
        return any(t.low == "unchanged" for t in toks[k + 1 : k + 5])
    return low in DECISION_VERBS


def _infinitive_after(toks: list[Token], k: int) -> bool:
    return (
        k + 2 < len(toks)
        and toks[k + 1].low == "to"
        and toks[k + 2].kind == WORD
        and toks[k + 2].text.islower()
        and toks[k + 2].low not in ("the", "a", "an", "about", "around", "nearly")
    )


_PREPOSITION_BOUNDARIES = wordset("against with versus amid including plus")
#: a body's name never opens with these: "On Wednesday it had set aside ..."
_OPENING_PREPOSITIONS = wordset(
    "on in at by after before since during for from with under over until through"
)
