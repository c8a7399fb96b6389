"""Where a figure is (``place``): a place named right after it ("8.9 metres in York"), else a
country in its clause ("in Japan", "Japan's exports"); country names come from CLDR through
Babel, as the currency names do."""

from __future__ import annotations

from .actors import territories
from .clauses import MONTHS
from .sentences import WORD, Token, wordset

_PLACE_PREPS = wordset("in across from off near throughout")
#: capitalised words that name bodies, not places ("in Parliament", "at the Bank")
_NOT_PLACES = wordset(
    """parliament congress senate court ministry bank council office department agency
    government commission committee police army navy house university hospital school
    group company exchange league cup open games championship tour final"""
)
_TERRITORY_WORDS: dict[str, list[tuple[str, ...]]] | None = None


def _territory_words() -> dict[str, list[tuple[str, ...]]]:
    """Country names from CLDR (Babel), by their first word, lower case."""
    global _TERRITORY_WORDS
    if _TERRITORY_WORDS is None:
        table: dict[str, list[tuple[str, ...]]] = {}
        for name in territories():
            words = tuple(name.lower().replace(".", " ").split())
            if words and words[0] not in ("the", "us") and "&" not in name:
                table.setdefault(words[0], []).append(words)
        for forms in table.values():
            forms.sort(key=len, reverse=True)
        _TERRITORY_WORDS = table
    return _TERRITORY_WORDS


def _territory_at(text: str, toks: list[Token], k: int) -> str:
    """The country whose name starts at toks[k] ("South Korea", "Japan's"), or ""."""
    if toks[k].kind != WORD or not toks[k].text[:1].isupper():
        return ""
    first = toks[k].low.removesuffix("'s").removesuffix("’s")
    for words in _territory_words().get(first, ()):
        stop = k + len(words)
        if stop > len(toks):
            continue
        got = [t.low.removesuffix("'s").removesuffix("’s") for t in toks[k:stop]]
        if tuple(got) == words and all(t.text[:1].isupper() for t in toks[k:stop]):
            end = toks[stop - 1].end
            name = text[toks[k].start : end]
            return name.removesuffix("'s").removesuffix("’s")
    return ""


def country_starts(toks: list[Token]) -> list[int]:
    """Indices of the tokens where a country's name may start (one pass per sentence)."""
    table = _territory_words()
    return [
        k
        for k, t in enumerate(toks)
        if t.kind == WORD and t.text[:1].isupper() and (t.low in table or t.low[:-2] in table)
    ]


def place_of(
    text: str, toks: list[Token], first: int, after: int, countries: list[int]
) -> str | None:
    """Where a figure is: a place named right after it ("8.9 metres in York"), else a country
    in its clause ("in Japan", "Japan's exports"), nearest first; None when none is named.
    ``countries``: :func:`country_starts` of ``toks``."""
    n = len(toks)
    if after + 1 < n and toks[after].low in _PLACE_PREPS:
        k = after + 1
        country = _territory_at(text, toks, k)
        if country:
            return country
        j = k
        while j < n and j - k < 3 and toks[j].kind == WORD and toks[j].text[:1].isupper():
            if toks[j].low in MONTHS or toks[j].low in _NOT_PLACES:
                break
            j += 1
        ends = j >= n or toks[j].kind != WORD or not toks[j].text[:1].isupper()
        if j > k and ends and not (j < n and toks[j].text in ("'", "’")):
            return text[toks[k].start : toks[j - 1].end]
    start = first - 12  # the clause around the figure, roughly: cheap and enough
    stop = after + 8
    best: tuple[int, str] | None = None
    for k in countries:
        if k < start or k >= stop or first <= k < after:
            continue
        before = toks[k - 1].low if k > 0 else ""
        if before == "the" and k > 1:
            before = toks[k - 2].low  # "in the United States"
        possessive = toks[k].low.endswith(("'s", "’s"))
        if not (before in _PLACE_PREPS or possessive or k == 0):
            continue
        country = _territory_at(text, toks, k)
        if country:
            distance = abs(k - first)
            if best is None or distance < best[0]:
                best = (distance, country)
    return best[1] if best else None
