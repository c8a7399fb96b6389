"""Who relays a speaker's figure (the "via" of a mention): the outlet told ("X told Reuters"),
the outlet that quoted or cited someone ("Interfax quoted Miller as saying", "X was quoted by Y
as saying", "according to sources cited by the BBC", "according to Y, which cited X"), the
outlet of an interview ("said in an interview with Nikkei", "Speaking to Reuters, X said"), and
the relay or source named in an apposition (", quoted by Interfax,", ", released by the ONS,")."""

from __future__ import annotations

import dataclasses
import re

from .attribution import (
    FUNCTION_WORDS,
    TITLES,
    Clause,
    _char_span,
    _has_complement,
    _np_forward,
    _span_text,
)
from .names import ROLE_WORDS, tidy
from .sentences import NUM, PUNCT, WORD, Token, wordset

#: bodies one tells that do not publish what they are told ("told Parliament", "told the court")
_NOT_OUTLETS = wordset(
    """parliament congress senate house commons lords court tribunal inquiry committee
    assembly council bundestag duma knesset diet jury hearing conference summit mps meps
    lawmakers legislators senators deputies delegates investors shareholders analysts
    reporters journalists employees staff workers supporters students"""
)


#: lower-case outlets: "told state television", "told local radio", "told the news agency"
_MEDIA_HEADS = wordset(
    "television tv radio media broadcaster newspaper paper agency channel daily weekly podcast"
)


_MEDIA_MODIFIERS = wordset("state local national public regional news the a an")


def apposition_source(
    toks: list[Token], first: int, stop: int
) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
    """In an apposition toks[first:stop]: (the relay of ", quoted by Interfax,", the source of
    ", released by the Office for National Statistics on Wednesday,")."""
    word = toks[first].low
    if word not in ("quoted", "cited", "published", "released", "compiled", "issued"):
        return None, None
    by = first + 1
    while by < stop - 1 and by - first <= 4 and toks[by].low != "by" and toks[by].kind == WORD:
        by += 1  # "published on Tuesday by the institute"
    if by + 1 >= stop or toks[by].low != "by":
        return None, None
    j = by + 1
    if toks[j].low == "the" and j + 1 < stop:
        j += 1
    k = j
    while (
        k < stop
        and toks[k].kind == WORD
        and (toks[k].text[:1].isupper() or toks[k].low in ("of", "for", "and"))
    ):
        k += 1
    while k > j and toks[k - 1].low in ("of", "for", "and"):
        k -= 1
    if k == j:
        return None, None
    span = (by + 1 if toks[by + 1].text == "The" else j, k - 1)
    return (span, None) if word in ("quoted", "cited") else (None, span)


def quoted_as_saying(text: str, toks: list[Token], v: int) -> Clause | None:
    """ "The Interfax news agency quoted Alexei Miller as saying ...": Miller speaks, the
    agency relays."""
    n = len(toks)
    fwd = _np_forward(toks, v + 1, min(n, v + 8))
    if fwd is None or fwd[1] + 2 >= n or toks[fwd[1] + 1].low != "as":
        # "cited the port authority as saying": any short phrase before "as saying"
        a = next((j for j in range(v + 2, min(n - 1, v + 8)) if toks[j].low == "as"), None)
        if (
            a is None
            or toks[v + 1].low == "by"
            or any(toks[x].kind != WORD for x in range(v + 1, a))
        ):
            return None
        first = v + 2 if toks[v + 1].low in ("the", "a", "an") else v + 1
        fwd = (first, a - 1) if first < a else None
        if fwd is None:
            return None
    if toks[fwd[1] + 2].low != "saying":
        return None
    c = v - 1
    while c >= 0 and toks[c].kind != PUNCT and v - c <= 8:
        c -= 1
    first = c + 1
    if first >= v:
        return None
    relay = tidy(_span_text(text, toks, first, v - 1))
    return Clause(
        _span_text(text, toks, *fwd),
        "said",
        toks[v].start,
        span=_char_span(toks, *fwd),
        complement=True,
        via=relay,
    )


def told_whom(text: str, toks: list[Token], v: int) -> str | None:
    """ "X told Reuters": the outlet told, which relays X (as in "X said in an interview with
    Reuters")."""
    interview = interview_with(toks, v)
    if interview is not None:
        return _span_text(text, toks, *interview)
    if toks[v].low not in ("told", "tells", "tell") or v + 1 >= len(toks):
        return None
    n = len(toks)
    j = v + 1
    while j < n and j - v <= 3 and toks[j].low in _MEDIA_MODIFIERS:
        j += 1
    if j < n and j > v + 1 and toks[j].low in _MEDIA_HEADS and toks[j - 1].low not in ("a", "an"):
        first = v + 2 if toks[v + 1].low in ("the", "a", "an") else v + 1
        last = j
        while last + 1 < n and toks[last + 1].kind == WORD and toks[last + 1].text[:1].isupper():
            last += 1  # "told the broadcaster RTL": the name after its description
        return _span_text(text, toks, first, last)
    fwd = _np_forward(toks, v + 1, min(n, v + 8))
    if (
        fwd is not None
        and toks[fwd[1]].low in _MEDIA_HEADS
        and any(toks[x].text[:1].isupper() for x in range(fwd[0], fwd[1]))
    ):
        return _span_text(text, toks, *fwd)  # "told the AFP news agency", "told Yonhap TV"
    if fwd is None or not toks[fwd[1]].text[:1].isupper():
        return None
    if toks[fwd[1]].low in _NOT_OUTLETS or (
        fwd[1] + 1 < n and toks[fwd[1] + 1].low in ("committee", "hearing", "inquiry")
    ):
        return None
    return _span_text(text, toks, *fwd)


def told_that(text: str, toks: list[Token], v: int) -> Clause | None:
    """ "A person familiar with the talks told CNBC that ...", "Two sources at the refinery told
    Argus that ...": the whole opening phrase speaks, the outlet relays."""
    via = told_whom(text, toks, v)
    if via is None:
        return None
    c = v - 1
    while c >= 0 and (toks[c].kind != PUNCT or _abbreviation_dot(toks, c)):
        c -= 1  # "Two U.S. officials told Reuters"
    first = c + 1
    if first >= v or v - first > 9 or any(toks[x].kind == NUM for x in range(first, v)):
        return None
    if toks[first].low in FUNCTION_WORDS and toks[first].low not in ("a", "an", "the"):
        return None
    return Clause(
        tidy(_span_text(text, toks, first, v - 1)),
        toks[v].low,
        toks[v].start,
        span=_char_span(toks, first, v - 1),
        complement=_has_complement(toks, v),
        via=via,
    )


_INTERVIEW_VERBS = wordset("said says told tells added adds")


#: what a speaker gives an outlet: "said in an interview with Bloomberg", "said in a statement
#: to Reuters", "said in comments to the FT", "said in an email to AFP"
_INTERVIEW = frozenset(
    {"interview", "interviews", "statement", "comments", "email", "remarks", "note", "letter"}
)


#: what an outlet asks for: "in an interview with/on/to X" ("a statement on Friday" is a time)
_ASKED = frozenset({"interview", "interviews"})


def interview_with(toks: list[Token], v: int) -> tuple[int, int] | None:
    """ "said in an interview with Bloomberg", "told reporters in an interview with CNN":
    the outlet that interviewed the speaker relays what was said (its token span)."""
    if toks[v].low not in _INTERVIEW_VERBS:
        return None
    n = len(toks)
    for j in range(v + 1, min(n - 3, v + 5)):
        if toks[j].kind == PUNCT:
            return None
        if toks[j].low == "in" and toks[j + 1].low in _INTERVIEW:
            w = j + 2  # "in comments to the FT"
            if w + 1 < n and toks[w].low == "to" and toks[w + 1].kind == WORD:
                fwd = _np_forward(toks, w + 1, min(n, w + 7))
                if fwd is not None and toks[fwd[1]].text[:1].isupper():
                    return fwd
            return None
        if toks[j].low == "in" and toks[j + 1].low in ("an", "a") and toks[j + 2].low in _INTERVIEW:
            w = j + 3
            links = ("with", "on", "to") if toks[j + 2].low in _ASKED else ("to",)
            if w + 1 < n and toks[w].low in links and toks[w + 1].kind == WORD:
                fwd = _np_forward(toks, w + 1, min(n, w + 7))
                if fwd is not None and toks[fwd[1]].text[:1].isupper():
                    return fwd
            return None
    return None


_RELAYED_BY = wordset("cited quoted reported carried")


def cited_by(text: str, toks: list[Token], start: int, hi: int) -> Clause | None:
    """ "according to hospital sources cited by the BBC", "according to officials quoted by
    Interfax": the source speaks and the one who cited it relays."""
    for c in range(start + 1, min(hi, start + 7) - 1):
        if toks[c].kind != WORD:
            return None
        if toks[c].low not in _RELAYED_BY or toks[c + 1].low != "by":
            continue
        relay = _np_forward(toks, c + 2, min(len(toks), c + 9)) if c + 2 < len(toks) else None
        if relay is None:
            return None
        first = (
            start + 1
            if toks[start].low in ("the", "a", "an") and toks[start].text != "The"
            else start
        )
        if first >= c:
            return None
        return Clause(
            tidy(_span_text(text, toks, first, c - 1)),
            "according to",
            toks[start].start,
            span=_char_span(toks, first, c - 1),
            via=_span_text(text, toks, *relay),
        )
    return None


def was_quoted(text: str, toks: list[Token], v: int) -> Clause | None:
    """ "Gazprom chief Alexei Miller was quoted by the Interfax news agency as saying ...":
    Miller speaks, the agency relays."""
    n = len(toks)
    if v < 2 or toks[v - 1].low not in ("was", "were") or v + 2 >= n:
        return None
    if toks[v + 1].low == "as" and toks[v + 2].low == "saying":
        a = v + 1  # "The president was quoted as saying ...": nobody named relays
    elif toks[v + 1].low == "by":
        found = next((j for j in range(v + 2, min(n - 1, v + 9)) if toks[j].low == "as"), None)
        if found is None or toks[found + 1].low != "saying" or found == v + 2:
            return None
        a = found
    else:
        return None
    if any(toks[j].kind != WORD for j in range(v + 2, a)):
        return None
    first = v - 2
    while (
        first - 1 >= 0
        and v - first < 8
        and (
            (
                toks[first - 1].kind == WORD
                and (toks[first - 1].text[:1].isupper() or toks[first - 1].low in ROLE_WORDS)
            )
            or (toks[first - 1].text == "." and first - 2 >= 0 and toks[first - 2].low in TITLES)
        )
    ):
        first -= 1
    if not toks[first].text[:1].isupper() and toks[first].low not in ROLE_WORDS:
        return None
    return Clause(
        tidy(_span_text(text, toks, first, v - 2)),
        "said",
        toks[v].start,
        span=_char_span(toks, first, v - 2),
        complement=True,
        via=_span_text(text, toks, v + 2, a - 1) if a > v + 1 else None,
    )


def which_cited(text: str, toks: list[Token], last: int) -> tuple[str, tuple[int, int]] | None:
    """ "according to The Wall Street Journal, which cited people familiar with the matter":
    (who was cited, their character span), the outlet ending at ``last`` relays them."""
    n = len(toks)
    if last + 3 >= n or toks[last + 1].text != "," or toks[last + 2].low != "which":
        return None
    if toks[last + 3].low not in ("cited", "quoted"):
        return None
    start = last + 4
    unnamed = _np_forward(toks, start, min(n, start + 10)) if start < n else None
    if start < n and toks[start].low in ("a", "an", "the", "two", "three", "several"):
        j = start
        while j < n and j - start < 10 and toks[j].kind == WORD:
            j += 1  # "a person with knowledge of the matter"
        first = start + 1 if toks[start].low in ("a", "an", "the") else start
        unnamed = (first, j - 1) if j - 1 >= first else None
    if unnamed is None:
        return None
    return tidy(_span_text(text, toks, *unnamed)), _char_span(toks, *unnamed)


_INTERVIEWED = re.compile(r"(?i)\b(?:speaking|talking|interview)\b")


def interviewed_by(text: str, toks: list[Token], clauses: list[Clause]) -> list[Clause]:
    """ "Speaking to Reuters, the governor said ...", "In an interview with Reuters, the
    governor said ...", "The governor, speaking to Reuters, said ...": the outlet relays the one
    speaker of the sentence."""
    n = len(toks)
    if not n or _INTERVIEWED.search(text, toks[0].start, toks[-1].end) is None:
        return clauses
    relays = []
    for j, tok in enumerate(toks):
        if j + 2 >= n:
            break
        speaking = tok.low in ("speaking", "talking") and toks[j + 1].low in ("to", "with")
        interview = (
            tok.low == "interview"
            and j >= 2
            and toks[j - 2].low == "in"
            and toks[j - 1].low in ("an", "a")
            and toks[j + 1].low == "with"
        )
        if not (speaking or interview):
            continue
        start = j + 2
        fwd = _np_forward(toks, start, min(n, start + 6))
        if fwd is not None and toks[fwd[1]].text[:1].isupper():
            relays.append(_span_text(text, toks, *fwd))
    if len(relays) != 1:
        return clauses
    open_ = [c for c in clauses if c.via is None and c.verb in _INTERVIEW_VERBS]
    if len(open_) != 1:
        return clauses
    return [dataclasses.replace(c, via=relays[0]) if c is open_[0] else c for c in clauses]


def _abbreviation_dot(toks: list[Token], c: int) -> bool:
    """The dots of "U.S." and "Dr.": part of a name, not the end of a phrase."""
    return (
        toks[c].text == "."
        and c > 0
        and toks[c - 1].kind == WORD
        and (
            (len(toks[c - 1].text) == 1 and toks[c - 1].text.isupper()) or toks[c - 1].low in TITLES
        )
    )
