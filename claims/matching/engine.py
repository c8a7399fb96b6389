"""How two figures relate: same, refines, conflicts, supersedes, or not the same thing at all.

:func:`compare` takes two :class:`Figure` values (normalised quantity, qualifier, the words of
the subject and of the sentence, time, place, report) and answers a :class:`Match` or None.

1. **Comparable?** Same dimension and a compatible unit (:func:`comparable`: equal canonical
   units, or a count whose noun is not given beside a count of anything; never across
   dimensions, currencies, rate bases or kinds of counted thing), the same kind of change
   (a change "by" is not a level), and not from the same report.
2. **Another thing?** :func:`distinct` says no at once when the subjects name different
   members of one kind (wheat / corn, imports / exports: ``lexicon.CONTRASTS``), one is a
   forecast or target, one is "a second" or "a rival" one, one names a part the other never
   mentions ("youth", "so far this year", "its shipping arm"), one is about arrests or
   deaths the other never mentions, both subjects name different places or bodies ("UN
   troops" and "the army"; levels of government, ``lexicon.SUBJECT_CONTRASTS``), one is a
   national figure and the other's subject names a town or region, a country or capital in
   one subject meets another one in the other's sentence (``lexicon.CAPITALS``), two names
   of one kind differ ("Suez Canal", "Panama Canal"), the subjects share a word but each
   names its own member of a kind of modifier (a stage: registered / finished, sought /
   imposed; a scope: operating / net, trade / budget deficit; an actor: airport / airline;
   a way of travel: ferry / flown: ``lexicon.MODIFIER_KINDS``, :func:`modifiers_apart`), or
   a counted noun the lexicon does not know is found nowhere beside the other figure
   (:func:`nouns_apart`). Another year's figure is another figure (unless a level changed:
   a wage, a rate), one five times larger is another thing unless the two are strongly
   related, and one more than eight times larger never conflicts.
3. **About the same thing?** Stemmed subject words in common (overlap coefficient), a
   subject's words found in the other's sentence, the sentences' words in common, the
   counted noun or its kind, shared names, and one precise figure written in two units
   (26.2 miles, 42.195 km); a different ``place`` or a discriminating word count against.
   Below :data:`RELATED_MIN` the pair is unrelated (below half of it for the measures a
   story seldom gives twice: power, energy, volume, :data:`RARE`).
4. **Which relation?** Each figure is widened to the interval its qualifier allows
   (:func:`implied`): an exact figure by its rounding (45,000 is 44,500–45,500), "about" by
   5 %, "more than x" up to 1.3 x, "less than x" down to x / 1.3, temperatures by half a
   degree (one when "about"). A later ``as_of`` (a dated figure after the other report's
   date counts) with a different value, or a later level reached ("rose to") in a later
   report, supersedes; intervals that do not meet conflict; a figure inside a range at
   most half as wide refines it; otherwise the same.

The word lists are in :mod:`claims.matching.lexicon`; the thresholds were set on the dev
pairs (``claims/tests/data/figure_pairs_dev.jsonl``), never on the held-out ones.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache

from .lexicon import (
    BODIES,
    CAPITALS,
    CONTRASTS,
    DEMONYMS,
    FORCES,
    MODAL,
    MODIFIER_KINDS,
    OTHER,
    PARTS,
    RESTRICTIVE,
    SUBJECT_CONTRASTS,
    WHOLE,
)
from .normalize import NormalQuantity, lemma

RELATED_MIN = 0.2
#: measures a story seldom gives for more than one thing (a plant's megawatts, a field's
#: barrels, a reservoir's cubic metres), where a reporter's other words are evidence enough
#: at this share of :data:`RELATED_MIN`; not lengths, speeds or durations (a bridge's length
#: and its collapsed section's, sustained winds and gusts, a strike's days and a siege's)
RARE = frozenset(["power", "energy", "volume", "rate:power", "rate:energy", "rate:volume"])
RARE_FACTOR = 0.5
#: midpoints further apart than this factor are different things unless strongly related
FAR = 5.0
#: weights of subject words in common, a subject found in the other sentence, sentence words
W_SUBJECT = 0.5
W_CROSS = 0.2
FAR_RELATED = 0.8
#: figures further apart than this factor never conflict, however alike their words: a
#: report that says 41,000 against another's 3,000 counts something else (a workforce, not
#: the jobs cut), or another period; a later figure may still replace an earlier one
NEVER_CONFLICT = 8.0
#: a later figure that differs by more than this (in percent) replaces the earlier one
LATER_APART = 2.0
#: a temperature's rounding and "about", in kelvin
TEMPERATURE_STEP = 0.5
TEMPERATURE_ABOUT = 1.0
ABOUT = 0.05
OPEN_BOUND = 1.3
#: words that make two otherwise alike subjects different things
DISCRIMINATING = frozenset(
    [
        "profit",
        "revenue",
        "loss",
        "income",
        "turnover",
        "debt",
        "deficit",
        "surplus",
        "export",
        "import",
        "birth",
        "death",
        "injury",
        "arrest",
        "charge",
        "conviction",
        "price",
        "volume",
        "share",
        "minimum",
        "maximum",
        "average",
        "median",
        "budget",
        "spending",
        "tax",
        "fine",
        "bail",
        "damage",
        "compensation",
        "wholesale",
        "retail",
        "rent",
        "mortgage",
    ]
)


@dataclass(frozen=True)
class Figure:
    """One figure as the engine sees it (built from a Claim, or from a labelled pair)."""

    key: int | str
    quantity: NormalQuantity
    qualifier: str = "="
    trend: str = ""
    change: str = ""
    subject: frozenset[str] = frozenset()
    words: frozenset[str] = frozenset()
    #: words of the report around the figure (its title): what a bare sentence is about
    context: frozenset[str] = frozenset()
    names: frozenset[str] = frozenset()
    subject_names: frozenset[str] = frozenset()
    place: str = ""
    as_of: str = ""
    published: dt.date | None = None
    source: int | str | None = None
    unit_label: str = ""
    extra: dict[str, object] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class Match:
    """``other`` relative to ``figure``: what a fact-checker would call b next to a."""

    figure: int | str
    other: int | str
    relation: str  # same | refines | conflicts | supersedes
    score: float
    reason: str
    difference: float  # signed relative difference of the midpoints, in percent
    newer: int | str | None = None  # for supersedes: the figure that replaces the other
    narrower: int | str | None = None  # for refines: the more precise figure


@lru_cache(maxsize=8192)
def rounding_step(value: float) -> float:
    """The step a written figure was rounded to: 45,000 -> 1,000; 45,200 -> 100; 3.45 -> 0.01."""
    if value == 0:
        return 1.0
    magnitude = abs(value)
    text = f"{magnitude:.6f}".rstrip("0").rstrip(".")
    if "." in text:
        return 10.0 ** -len(text.split(".")[1])
    digits = text.rstrip("0")
    return 10.0 ** (len(text) - len(digits))


def implied(
    q: NormalQuantity, qualifier: str, *, raw_value: float | None = None
) -> tuple[float, float]:
    """The interval a figure allows, given its qualifier (see the module docstring)."""
    low, high = q.low, q.high
    if q.dimension == "temperature":
        pad = TEMPERATURE_ABOUT if qualifier == "~" else TEMPERATURE_STEP
        lo_pad = pad if qualifier not in (">", ">=") else 0.0
        hi_pad = pad if qualifier not in ("<", "<=") else 0.0
        return low - lo_pad, high + hi_pad
    if qualifier == "~":
        return low - abs(low) * ABOUT, high + abs(high) * ABOUT
    if qualifier in (">", ">="):
        return low, high + abs(high) * (OPEN_BOUND - 1)
    if qualifier in ("<", "<="):
        return low - abs(low) * (1 - 1 / OPEN_BOUND), high
    shown = raw_value if raw_value is not None else q.low
    step = rounding_step(shown)
    ratio = (step / 2) / abs(shown) if shown else 0.005
    ratio = min(max(ratio, 0.005), 0.05)
    return low - abs(low) * ratio, high + abs(high) * ratio


# --- time ------------------------------------------------------------------------------------

_MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for m in names
}
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_QUARTERS = {"first": 3, "second": 6, "third": 9, "fourth": 12, "q1": 3, "q2": 6, "q3": 9, "q4": 12}
_YEAR = re.compile(r"\b(19\d\d|20\d\d)\b")


@lru_cache(maxsize=8192)
def when(as_of: str, published: dt.date | None) -> tuple[tuple[int, ...], int] | None:
    """A sortable (key, precision) for an ``as_of`` ("October 2024", "Tuesday", "last year").

    The key is (year, month, day) cut to the precision the text gives (1 year, 2 month,
    3 day). Relative words need the publication date; None when nothing can be read.
    """
    text = (as_of or "").lower().replace(",", " ")
    if not text.strip():
        return None
    words = text.split()
    year_match = _YEAR.search(text)
    year = int(year_match.group(1)) if year_match else None
    base_year = published.year if published else None
    if "last year" in text or "a year earlier" in text or "previous year" in text:
        year = base_year - 1 if base_year else None
        return ((year,), 1) if year else None
    if "this year" in text:
        return ((base_year,), 1) if base_year else None
    if published and ("yesterday" in words or "overnight" in words):
        day = published - dt.timedelta(days=1)
        return ((day.year, day.month, day.day), 3)
    if published and ("today" in words or "tonight" in words):
        return ((published.year, published.month, published.day), 3)
    for name in _WEEKDAYS:
        if name in words and published:
            back = (published.weekday() - _WEEKDAYS.index(name)) % 7
            day = published - dt.timedelta(days=back)
            return ((day.year, day.month, day.day), 3)
    for word in words:
        if word in _QUARTERS and ("quarter" in text or word.startswith("q")):
            y = year or base_year
            return ((y, _QUARTERS[word]), 2) if y else None
    for i, word in enumerate(words):
        month = _MONTHS.get(word.strip("."))
        if month is None or (word == "may" and len(words) == 1 and not year):
            continue
        y = year or base_year
        if y is None:
            return None
        day_word = words[i + 1] if i + 1 < len(words) else ""
        day_word = day_word.rstrip("stndrh") if day_word[:1].isdigit() else ""
        if day_word.isdigit() and 1 <= int(day_word) <= 31:
            return ((y, month, int(day_word)), 3)
        if published and not year and month > published.month:
            y -= 1  # "in October", written in March, is last October
        return ((y, month), 2)
    if year:
        return ((year,), 1)
    return None


def later(a: Figure, b: Figure) -> int:
    """1 if b's figure refers to a later time than a's, -1 if earlier, 0 if not known."""
    wa, wb = when(a.as_of, a.published), when(b.as_of, b.published)
    if wa is None and wb is None:
        return 0
    if wa is None or wb is None:
        # a figure without an as_of is no later than its report: one whose as_of falls
        # after that report's date is later; otherwise nothing is known
        dated, bare = (wb, a) if wa is None else (wa, b)
        if bare.published is None or dated is None:
            return 0
        bound = (bare.published.year, bare.published.month, bare.published.day)
        if dated[0] > bound[: dated[1]]:
            return 1 if wa is None else -1
        return 0
    precision = min(wa[1], wb[1])
    ka, kb = wa[0][:precision], wb[0][:precision]
    return (kb > ka) - (kb < ka)


def _year_of(f: Figure) -> int | None:
    """The year a figure's ``as_of`` names, relative ones read against its report's date
    ("last year" in a 2026 report is 2025)."""
    year = _year_in(f.as_of or "")
    if year is None and f.as_of:
        read = when(f.as_of, f.published)
        year = read[0][0] if read else None
    return year


@lru_cache(maxsize=8192)
def _year_in(as_of: str) -> int | None:
    found = _YEAR.search(as_of)
    return int(found.group(1)) if found else None


# --- relatedness ----------------------------------------------------------------------------

_CONTRASTS = tuple(frozenset(lemma(w) for w in group) for group in (*CONTRASTS, *SUBJECT_CONTRASTS))
#: the index in :data:`_CONTRASTS` from which groups set subjects apart only
_SUBJECT_ONLY = len(CONTRASTS)
_CONTRAST_WORDS = frozenset().union(*_CONTRASTS)
#: each contrast word's groups (their index in :data:`_CONTRASTS`)
_GROUPS_OF: dict[str, tuple[int, ...]] = {
    w: tuple(i for i, g in enumerate(_CONTRASTS) if w in g) for w in _CONTRAST_WORDS
}
_MODAL = frozenset(lemma(w) for w in MODAL)
_OTHER = frozenset(lemma(w) for w in OTHER)
_RESTRICTIVE = frozenset(lemma(w) for w in RESTRICTIVE)
_PARTS = frozenset(lemma(w) for w in PARTS)
_BODIES = frozenset(lemma(w) for w in BODIES)
_FORCES = frozenset(lemma(w) for w in FORCES)
_WHOLE = frozenset(lemma(w) for w in WHOLE)
#: countries (a name a national figure may leave unsaid)
_COUNTRIES = frozenset(lemma(w) for w in [*DEMONYMS.values(), *CAPITALS, "us", "uk", "eu"])
#: capital cities, and the country each is the capital of
_CAPITAL_OF = {lemma(city.replace(" ", "")): lemma(country) for country, city in CAPITALS.items()}
#: the places the lexicon knows for sure: countries and their capitals
_PLACES = _COUNTRIES | frozenset(_CAPITAL_OF)
#: lexicon words as written, for reasons ("armi" -> "army")
_WRITTEN = {lemma(w): w for w in sorted(PARTS | BODIES | WHOLE, key=len, reverse=True)}
_DISCRIMINATING = frozenset(lemma(w) for w in DISCRIMINATING)
#: discriminating words that, named by one subject and nowhere beside the other figure,
#: make it another thing (arrests are not a crowd; a deficit is not a budget)
_ONE_SIDED = frozenset(
    lemma(w)
    for w in [
        "arrest",
        "death",
        "injury",
        "birth",
        "conviction",
        "charge",
        "fine",
        "bail",
        "deficit",
        "debt",
        "surplus",
        "profit",
        "loss",
        "compensation",
        "damage",
        "mortgage",
    ]
)


#: words that say a one-sided word without naming it: cattle "lost" to a drought and bodies
#: recovered are deaths; "earnings" are a company's profit or income, a canal's revenue
_IMPLIED = {
    lemma("death"): frozenset(lemma(w) for w in ["lost", "bodies"]),
    **{lemma(w): frozenset([lemma("earnings")]) for w in ["revenue", "profit", "income"]},
    # a company's net income is its net profit
    lemma("income"): frozenset(lemma(w) for w in ["earnings", "profit"]),
    lemma("profit"): frozenset(lemma(w) for w in ["earnings", "income"]),
}


def _unsaid(words: frozenset[str], other: frozenset[str]) -> frozenset[str]:
    """The words the other figure neither names nor implies."""
    return frozenset(w for w in words - other if not (_IMPLIED.get(w, frozenset()) & other))


#: each modifier word's (kind, member) pairs, read from :data:`lexicon.MODIFIER_KINDS`
_MODIFIER_OF: dict[str, tuple[tuple[str, int], ...]] = {}
for _kind, _group in MODIFIER_KINDS.items():
    for _i, _member in enumerate(_group):
        for _word in {lemma(w) for w in _member.split()}:
            _MODIFIER_OF[_word] = (*_MODIFIER_OF.get(_word, ()), (_kind, _i))
_MODIFIER_WORDS = frozenset(_MODIFIER_OF)


def _members(words: frozenset[str]) -> dict[str, set[int]]:
    """The members of each modifier kind that some of ``words`` name."""
    found: dict[str, set[int]] = {}
    for w in words:
        for kind, member in _MODIFIER_OF.get(w, ()):
            found.setdefault(kind, set()).add(member)
    return found


def _named_alike(word: str, f: Figure) -> bool:
    """Whether a word beside ``f`` names the member of a modifier kind that ``word`` names."""
    kinds = _MODIFIER_OF.get(word)
    if not kinds:
        return False
    theirs = {k for w in _around(f) & _MODIFIER_WORDS for k in _MODIFIER_OF[w]}
    return not theirs.isdisjoint(kinds)


def _modifier(words: frozenset[str], kind: str) -> str:
    """The first of ``words`` that names a member of ``kind`` (for a reason)."""
    return min(w for w in words if any(k == kind for k, _ in _MODIFIER_OF.get(w, ())))


def modifiers_apart(a: Figure, b: Figure) -> str | None:
    """Two measures of one thing: the subjects share a word (the thing measured) or the
    counted noun, and each names a member of one kind of modifier (a stage or outcome, a
    scope, an actor, a way of travel: ``lexicon.MODIFIER_KINDS``) that the other subject
    does not, with a word found nowhere beside the other figure ("runners who registered"
    and "runners who finished"; "operating profit" and "net profit"). Two words of one
    member are synonyms and set nothing apart; a subject that names both members, or a
    sentence that names the other's, joins them. Subjects only, O(words)."""
    mods_a, mods_b = a.subject & _MODIFIER_WORDS, b.subject & _MODIFIER_WORDS
    if not mods_a or not mods_b or mods_a == mods_b:
        return None
    counted = a.quantity.counted and a.quantity.counted == b.quantity.counted
    if not (a.subject & b.subject) and not counted:
        return None
    # the modifiers each subject alone carries, found nowhere beside the other figure
    around_a, around_b = _around(a), _around(b)
    only_a = mods_a - b.subject - around_b
    only_b = mods_b - a.subject - around_a
    if not only_a or not only_b:
        return None
    mine, theirs = _members(only_a), _members(only_b)
    # what each side names beyond the words both subjects share ("operator" and "operating"
    # are one stem: a shared word says nothing apart)
    side_a = _members((mods_a | (around_a & _MODIFIER_WORDS)) - b.subject)
    side_b = _members((mods_b | (around_b & _MODIFIER_WORDS)) - a.subject)
    for kind in MODIFIER_KINDS:
        here, there = mine.get(kind), theirs.get(kind)
        if (
            here
            and there
            and here.isdisjoint(side_b.get(kind, ()))
            and there.isdisjoint(side_a.get(kind, ()))
        ):
            return f"{_modifier(only_a, kind)} vs {_modifier(only_b, kind)} ({kind})"
    return None


#: days and months written with a capital: times, not bodies
_TIME_NAMES = frozenset(lemma(w) for w in [*_MONTHS, *_WEEKDAYS] if len(w) > 3)


def comparable(qa: NormalQuantity, qb: NormalQuantity) -> bool:
    """Same dimension and a compatible unit: equal, or a count with no counted noun."""
    if qa.dimension != qb.dimension:
        return False
    if qa.unit == qb.unit:
        return True
    if qa.dimension in ("count", "rate:count"):
        head_a, _, basis_a = qa.unit.partition("/")
        head_b, _, basis_b = qb.unit.partition("/")
        return basis_a == basis_b and "count:" in (head_a, head_b)
    return False


def _unclassed(q: NormalQuantity) -> bool:
    """A count whose noun the lexicon gives no kind ("arrivals", "operations")."""
    return bool(q.counted) and q.unit.partition("/")[0] == "count:"


def nouns_apart(a: Figure, b: Figure) -> str | None:
    """Two counts of different nouns where one noun has no known kind: that noun must be
    found beside the other figure ("1.4 million arrivals" and "visitors arriving"), or the
    two count different things ("6,000 nurses" and "6,000 operations postponed")."""
    na, nb = a.quantity.counted, b.quantity.counted
    if not na or not nb or na == nb:
        return None
    for mine, theirs in ((a, b), (b, a)):
        if _unclassed(mine.quantity) and mine.quantity.counted not in _around(theirs):
            return f"{mine.quantity.counted} vs {theirs.quantity.counted}"
    return None


def _subject_or_words(f: Figure) -> frozenset[str]:
    return f.subject or f.words


def _around(f: Figure) -> frozenset[str]:
    """The words beside a figure: its sentence's and its report's title."""
    return f.words | f.context if f.context else f.words


def distinct(a: Figure, b: Figure) -> str | None:
    """Why two comparable figures are about different things, or None when nothing says so.

    Each subject naming a different member of a kind (wheat / corn, imports / exports), a
    forecast or target against a measurement, "a second" or "a rival" one, different proper
    names in both subjects, or two explicit years with the same value (last year's figure
    repeated is not this year's).
    """
    sa, sb = _subject_or_words(a), _subject_or_words(b)
    # only the groups some word of either figure belongs to, in the lexicon's order
    touched = sorted({i for w in (sa | sb) & _CONTRAST_WORDS for i in _GROUPS_OF[w]})
    for i in touched:
        group = _CONTRASTS[i]
        # a subject-only group reads the subjects themselves, never a bare sentence
        ga, gb = (a.subject, b.subject) if i >= _SUBJECT_ONLY else (sa, sb)
        ga, gb = ga & group, gb & group
        if ga and gb and ga.isdisjoint(gb):
            return f"{sorted(ga)[0]} vs {sorted(gb)[0]}"
    if bool(sa & _MODAL) != bool(sb & _MODAL):
        return "a forecast or target against a measurement"
    if bool(a.subject & _OTHER) != bool(b.subject & _OTHER):
        return "another one of its kind"
    for mine, theirs in ((a, b), (b, a)):
        narrow = (mine.subject & _RESTRICTIVE) - _around(theirs)
        # ... unless the other names it in other words ("core" and "underlying" inflation)
        narrow = frozenset(w for w in narrow if not _named_alike(w, theirs))
        if narrow:
            return f"only one is about the {sorted(narrow)[0]} part"
        only = (mine.subject & _ONE_SIDED) - _around(theirs)
        only = frozenset(w for w in only if not (_IMPLIED.get(w, frozenset()) & theirs.subject))
        if only and theirs.subject:
            return f"only one is about {sorted(only)[0]}"
        # a part of a body ("its shipping arm") the other never names; not the counted
        # noun itself ("housing units")
        part = (mine.subject & _PARTS) - _around(theirs) - {mine.quantity.counted}
        if part:
            return f"only one is about a part ({_WRITTEN.get(min(part), min(part))})"
    for mine, theirs in ((a, b), (b, a)):
        # a country or capital in one subject, another one in the other's sentence, and
        # neither found beside the other figure ("rents in Madrid" and "Rents in Lisbon
        # rose 6 %" with a bare subject)
        here = (mine.subject_names & _PLACES) - _around(theirs)
        there = _places(theirs.names) - _around(mine) - here
        if here and there and not _same_place(here, there):
            return f"{min(here).title()} vs {min(there).title()}"
        whole = (mine.subject & _WHOLE) - _around(theirs)
        local = theirs.subject_names - _around(mine) - _COUNTRIES - _TIME_NAMES
        if whole and local:
            return f"{_WRITTEN.get(min(whole), min(whole))} vs {min(local).title()}"
    apart = modifiers_apart(a, b)
    if apart:
        return apart
    bodies = _bodies(a, b)
    if bodies:
        return bodies
    na, nb = a.subject_names, b.subject_names
    if (
        na
        and nb
        and na.isdisjoint(nb)
        and not (na & _around(b))
        and not (nb & _around(a))
        and not _kindred_names(na, nb | _around(b))
        and not _kindred_names(nb, na | _around(a))
    ):
        return f"{sorted(na)[0].title()} vs {sorted(nb)[0].title()}"
    return _namesakes(a, b)


@lru_cache(maxsize=65536)
def _places(names: frozenset[str]) -> frozenset[str]:
    """The countries and capitals among a sentence's names ("buenos aires" as one word)."""
    found = (lemma(n.replace(" ", "")) if " " in n else lemma(n) for n in names)
    return frozenset(p for p in found if p in _PLACES)


def _same_place(here: frozenset[str], there: frozenset[str]) -> bool:
    """A capital and its country, or a name and its adjective, are one place here."""
    cities = {_CAPITAL_OF.get(p, p) for p in here} | {_CAPITAL_OF.get(p, p) for p in there}
    return len(cities) < len(here) + len(there) or _kindred_names(here, there)


def _bodies(a: Figure, b: Figure) -> str | None:
    """Two bodies: each subject names its own, found nowhere beside the other figure: two
    body nouns ("the council's budget" and "the government's"), or a name against a force
    ("UN troops" and "soldiers in the national army"; "the Greens" and "the governing
    party"). Days and months are not names here."""
    names_a = a.subject_names - _around(b) - b.subject_names - _TIME_NAMES
    names_b = b.subject_names - _around(a) - a.subject_names - _TIME_NAMES
    nouns_a = (a.subject & _BODIES) - _around(b)
    nouns_b = (b.subject & _BODIES) - _around(a)
    if nouns_a and nouns_b:
        return f"two bodies: {_said(nouns_a, nouns_a)} vs {_said(nouns_b, nouns_b)}"
    for (names, nouns), (their_names, their_nouns) in (
        ((names_a, nouns_a), (names_b, nouns_b)),
        ((names_b, nouns_b), (names_a, nouns_a)),
    ):
        forces = their_nouns & _FORCES
        if names and forces and not their_names and not _kindred_names(names, forces):
            return f"two bodies: {_said(names, nouns)} vs {_said(forces, forces)}"
    return None


def _said(words: frozenset[str], nouns: frozenset[str]) -> str:
    """Names title-cased, lexicon words as written ("armi" -> "army")."""
    return ", ".join(
        _WRITTEN.get(w, w) if w in nouns else w.upper() if len(w) <= 3 else w.title()
        for w in sorted(words)
    )


def _namesakes(a: Figure, b: Figure) -> str | None:
    """Two names of one kind ("the Suez Canal" and "the Panama Canal", "Dubai Airport" and
    "Doha Airport"): runs of capitalised words in the subject or the sentence ending alike,
    whose other words the other figure's words never mention."""
    tails: dict[str, list[tuple[int | str, frozenset[str]]]] = {}
    for f in (a, b):
        for name in f.names:
            *head, tail = name.split()
            if head and head[0] not in ("the", "a", "an"):
                tails.setdefault(lemma(tail), []).append((f.key, _lemmas(frozenset(head))))
    for tail, found in tails.items():
        heads_a = frozenset().union(*(h for k, h in found if k == a.key))
        heads_b = frozenset().union(*(h for k, h in found if k == b.key))
        only_a, only_b = heads_a - heads_b, heads_b - heads_a
        if only_a and only_b and not (only_a & _around(b)) and not (only_b & _around(a)):
            first_a, first_b = sorted(only_a)[0].title(), sorted(only_b)[0].title()
            return f"{first_a} {tail.title()} vs {first_b} {tail.title()}"
    return None


def _kindred_names(names: frozenset[str], others: frozenset[str]) -> bool:
    """A name and its adjective ("Bavaria" and "Bavarian", "Kenya" and "Kenyan"): one
    begins with the other and adds at most three letters (Niger is not Nigeria); or a
    short acronym and a longer one that begins with it ("UN" and "UNMISS")."""
    if {"niger", "nigeria"} <= names | others:
        return False
    if any(len(n) <= 3 and o != n and o.startswith(n) for n in names for o in others) or any(
        len(o) <= 3 and o != n and n.startswith(o) for n in names for o in others
    ):
        return True  # an acronym and a longer one it opens ("UN" and "UNMISS")
    return any(
        len(n) >= 4 and o != n and o.startswith(n) and len(o) - len(n) <= 3
        for n in names
        for o in others
    ) or any(
        len(o) >= 4 and o != n and n.startswith(o) and len(n) - len(o) <= 3
        for n in names
        for o in others
    )


@lru_cache(maxsize=65536)
def _lemmas(names: frozenset[str]) -> frozenset[str]:
    return frozenset(lemma(n) for n in names)


def _overlap(x: frozenset[str], y: frozenset[str]) -> float:
    return len(x & y) / min(len(x), len(y)) if x and y else 0.0


def _significant(value: float) -> int:
    """Significant digits of a written figure: 42.195 -> 5, 26.2 -> 3, 1,500,000 -> 2."""
    digits = f"{abs(value):.6f}".replace(".", "").strip("0")
    return len(digits)


def _precise_agreement(a: Figure, b: Figure) -> bool:
    """Both exact-ish, written in different units, equal within 1 %, and one written with
    three significant digits or more (26.2 miles and 42.195 km): hardly a coincidence."""
    qa, qb = a.quantity, b.quantity
    if a.unit_label == b.unit_label or qa.dimension in ("count", "rate:count"):
        return False  # no conversion: two nouns for a count are not two units
    if a.qualifier not in ("=", "~") or b.qualifier not in ("=", "~"):
        return False
    if qa.low != qa.high or qb.low != qb.high or not qa.mid:
        return False
    if abs(_percent(qa.mid, qb.mid)) > 1.0:
        return False
    raws = [r for r in (_raw(a), _raw(b)) if r is not None]
    return any(_significant(r) >= 3 for r in raws)


def relatedness(a: Figure, b: Figure) -> tuple[float, list[str], list[str]]:
    """(0–1, what they share, what sets them apart) from subject, sentence, place, names."""
    around_a, around_b = _around(a), _around(b)
    why: list[str] = []
    against: list[str] = []
    common_subject = a.subject & b.subject
    subject_sim = _overlap(a.subject, b.subject)
    # a subject found in the other figure's sentence counts too (worded apart, or no subject)
    cross = max(
        len(a.subject & around_b) / len(a.subject) if a.subject else 0.0,
        len(b.subject & around_a) / len(b.subject) if b.subject else 0.0,
    )
    unit_words = frozenset([a.quantity.counted, b.quantity.counted])
    common_words = (around_a & around_b) - unit_words
    words_sim = _overlap(around_a - unit_words, around_b - unit_words)
    if common_subject:
        n = len(common_subject)
        why.append(f"{n} subject word{'s' if n != 1 else ''} in common")
    elif common_words:
        n = len(common_words)
        why.append(f"{n} word{'s' if n != 1 else ''} of the sentence in common")
    if a.subject and b.subject:
        score = W_SUBJECT * subject_sim + W_CROSS * cross + (1 - W_SUBJECT - W_CROSS) * words_sim
    else:
        score = 0.5 * cross + 0.5 * words_sim
    counted = a.quantity.counted and a.quantity.counted == b.quantity.counted
    if counted:
        score = min(1.0, score + 0.15)
    elif (
        a.quantity.counted
        and b.quantity.counted
        and a.quantity.unit == b.quantity.unit
        and not a.quantity.unit.startswith("count:/")
        and a.quantity.unit != "count:"
    ):
        score = min(1.0, score + 0.1)  # two nouns for one kind of thing (chickens, birds)
    shared_names = _lemmas(a.names) & _lemmas(b.names)
    if shared_names:
        score = min(1.0, score + 0.1)
        why.append(f"both name {sorted(shared_names)[0].title()}")
    if _precise_agreement(a, b):
        score = min(1.0, score + 0.2)
        why.append("the same precise figure in other units")
    if a.place and b.place and a.place.lower() != b.place.lower():
        score *= 0.4
        against.append(f"{a.place} vs {b.place}")
    only = (
        (_unsaid(a.subject - b.subject, b.subject) | _unsaid(b.subject - a.subject, a.subject))
        & _DISCRIMINATING
        if a.subject and b.subject
        else frozenset()
    )
    if only:
        score *= 0.5
        against.append(f"only one is about {sorted(only)[0]}")
    return score, why, against


# --- the relation -----------------------------------------------------------------------------


def _percent(a: float, b: float) -> float:
    if a == 0:
        return 0.0 if b == 0 else math.copysign(100.0, b)
    return (b - a) / abs(a) * 100


def _fmt_percent(value: float) -> str:
    sign = "−" if value < 0 else "+"
    return f"{sign}{abs(value):.1f} %"


def _is_level(q: NormalQuantity) -> bool:
    """A level (a rate, a share, a price per unit) rather than a total over a period."""
    return q.dimension.startswith("rate:") or q.dimension in (
        "percent",
        "ratio",
        "temperature",
        "speed",
    )


def compare(a: Figure, b: Figure, *, related_min: float = RELATED_MIN) -> Match | None:
    """What b is to a, or None when they are not comparable or not about the same thing."""
    qa, qb = a.quantity, b.quantity
    if not comparable(qa, qb):
        return None
    if a.source is not None and a.source == b.source:
        return None
    if (a.change == "by") != (b.change == "by"):
        return None
    if distinct(a, b) is not None or nouns_apart(a, b) is not None:
        return None
    related, why, against = relatedness(a, b)
    if related < (related_min * RARE_FACTOR if qa.dimension in RARE else related_min):
        return None
    ia = implied(qa, a.qualifier, raw_value=_raw(a))
    ib = implied(qb, b.qualifier, raw_value=_raw(b))
    disjoint = ib[0] > ia[1] or ib[1] < ia[0]
    ya, yb = _year_of(a), _year_of(b)
    if ya is None and yb and a.published and abs(a.published.year - yb) >= 2:
        ya = a.published.year
    if yb is None and ya and b.published and abs(b.published.year - ya) >= 2:
        yb = b.published.year
    if ya and yb and ya != yb and (not disjoint or not _is_level(qa)):
        return None  # another year's figure: the same number repeated, or a total of its own
    low_mid, high_mid = sorted((abs(qa.mid), abs(qb.mid)))
    if low_mid > 0 and high_mid / low_mid > FAR and related < FAR_RELATED:
        return None  # a different order of thing, not a disagreement
    difference = _percent(qa.mid, qb.mid)
    unit_words = "same unit" if a.unit_label == b.unit_label else "converted units"
    reason = [unit_words, *why, *(f"but {x}" for x in against)]
    order = later(a, b)
    newer: int | str | None = None
    narrower: int | str | None = None
    exact = a.qualifier == "=" and b.qualifier == "="
    apart = abs(_percent(qa.mid, qb.mid))
    if order != 0 and (disjoint or (exact and qa.mid != qb.mid) or apart > LATER_APART):
        relation = "supersedes"
        newer = b.key if order > 0 else a.key
        word = "later" if order > 0 else "earlier"
        reason.append(f"{word} as of ({b.as_of or b.published} vs {a.as_of or a.published})")
    elif (
        b.change == "to"
        and b.trend
        and a.published
        and b.published
        and b.published > a.published
        and disjoint
    ):
        relation = "supersedes"
        newer = b.key
        reason.append(f"a later level ({b.trend}) reported {b.published:%d %b}")
    elif disjoint:
        if low_mid > 0 and high_mid / low_mid > NEVER_CONFLICT:
            return None
        relation = "conflicts"
    else:
        wa, wb = qa.high - qa.low, qb.high - qb.low
        if wa > 0 and ib[0] >= ia[0] and ib[1] <= ia[1] and wb <= wa / 2:
            relation, narrower = "refines", b.key
            reason.append("a narrower figure inside the range")
        elif wb > 0 and ia[0] >= ib[0] and ia[1] <= ib[1] and wa <= wb / 2:
            relation, narrower = "refines", a.key
            reason.append("a wider range around the figure")
        else:
            relation = "same"
    reason.append(_fmt_percent(difference))
    closeness = 1.0 / (1.0 + abs(difference) / 25)
    score = 0.7 * related + 0.2 * (1.0 if unit_words == "same unit" else 0.8) + 0.1 * closeness
    return Match(
        figure=a.key,
        other=b.key,
        relation=relation,
        score=round(min(1.0, max(0.0, score)), 3),
        reason=", ".join(reason),
        difference=round(difference, 2),
        newer=newer,
        narrower=narrower,
    )


def _raw(f: Figure) -> float | None:
    raw = f.extra.get("raw_value")
    return float(raw) if isinstance(raw, (int, float)) else None
