"""Polls, surveys, studies and reports as speakers: "in the latest Forsa poll", "The survey of
1,500 junior doctors found" (the study speaks, its sample is no claim), "A Reuters poll of 40
economists showed", "A United Nations report released on Tuesday found"."""

from __future__ import annotations

from .attribution import Clause, _char_span, _span_text
from .sentences import NUM, PUNCT, WORD, Token, wordset

POLLS = wordset("poll polls survey census study")


def poll_clause(text: str, toks: list[Token], v: int) -> Clause | None:
    """ "... in the latest Forsa poll", "in a Gallup poll released on Tuesday"."""
    for k in range(v - 1, max(-1, v - 6), -1):
        if toks[k].low == "in":
            if k + 1 < v:
                return Clause(
                    _span_text(text, toks, k + 1, v),
                    "",
                    toks[v].start,
                    span=_char_span(toks, k + 1, v),
                )
            return None
        if toks[k].kind != WORD:
            return None
    return None


_STUDY_VERBS = wordset("found finds showed shows suggests suggested estimated concluded")


def study_opening(text: str, toks: list[Token], v: int) -> Clause | None:
    """ "The survey of 1,500 junior doctors found 41% ...": the study speaks."""
    if toks[v].low not in _STUDY_VERBS or v < 2:
        return None
    if toks[0].low not in ("the", "a", "an", "one") or toks[1].low not in POLLS | {"report"}:
        return None
    if any(t.kind == PUNCT for t in toks[2:v]) or v > 12:
        return None
    return Clause(
        _span_text(text, toks, 0, 1),
        toks[v].low,
        toks[v].start,
        span=_char_span(toks, 0, 1),
        study=True,
    )


def poll_before_sample(toks: list[Token], last: int) -> tuple[int, int] | None:
    """ "A Reuters poll of 40 economists showed": the poll phrase before "of NUMBER" and the
    sample that ends at ``last``, just before the verb."""
    first = last
    while (
        first > 0 and last - first < 3 and toks[first].kind == WORD and toks[first].text.islower()
    ):
        if toks[first - 1].kind == NUM:
            break
        first -= 1
    if first < 3 or toks[first - 1].kind != NUM or toks[first - 2].low != "of":
        return None
    p = first - 3
    if toks[p].low not in POLLS:
        return None
    lo = p
    while lo - 1 >= 0 and p - lo < 4 and toks[lo - 1].kind == WORD:
        if toks[lo - 1].low in ("a", "an", "the"):
            lo -= 1
            break
        if not (toks[lo - 1].text[:1].isupper() or toks[lo - 1].low in ("new", "latest")):
            break
        lo -= 1
    return lo, p


#: what a report is, and how it came out: "A United Nations report released on Tuesday found"
_REPORT_HEADS = wordset("report study survey analysis review audit assessment paper census")


#: studies whose sample is not their finding: "The trial, which enrolled 4,200 patients, found"
STUDY_HEADS = _REPORT_HEADS | wordset("trial poll investigation experiment")


_REPORT_PARTICIPLES = wordset("released published issued commissioned conducted presented")


_REPORT_VERBS = wordset("found finds showed shows said says estimated estimates concluded warned")


def report_opening(text: str, toks: list[Token], v: int) -> Clause | None:
    """ "A United Nations report released on Tuesday found that ...": the report, named at the
    start of the sentence, speaks through the participle phrase that dates it."""
    if toks[v].low not in _REPORT_VERBS or v < 3 or v > 14:
        return None
    h = next((j for j in range(0, min(v, 6)) if toks[j].low in _REPORT_HEADS), None)
    if h is None or h + 1 >= v or toks[h + 1].low not in _REPORT_PARTICIPLES:
        return None
    if any(t.kind == PUNCT for t in toks[:v]):
        return None
    return Clause(
        _span_text(text, toks, 0, h),
        toks[v].low,
        toks[v].start,
        span=_char_span(toks, 0, h),
        study=True,
    )
