"""How two figures relate: same, refines, conflicts, supersedes, or not the same thing at all.

:func:`compare` takes two :class:`Figure` values (normalised quantity, qualifier, the words of
the subject and of the sentence, time, place, report) and answers a :class:`Match` or None.

1. **Comparable?** Same dimension and canonical unit (so never across dimensions, currencies
   or rate bases), the same kind of change (a change "by" is not a level), and not from the
   same report.
2. **About the same thing?** Lemmatised subject words in common (overlap coefficient), the
   sentence's words in common (Jaccard), the counted noun; a different place, a different
   year, a subject word the other lacks from a short list of discriminating words
   (profit vs revenue) or disjoint proper names in the subjects count against. Below
   :data:`RELATED_MIN` the pair is unrelated.
3. **Which relation?** Each figure is widened to the interval its qualifier allows
   (:func:`implied`): an exact figure by its rounding (45,000 is 44,500–45,500), "about" by
   10 %, "more than x" up to 1.5 x, "less than x" down to x / 1.5. A later ``as_of`` (or a
   later level reached, "rose to", in a later report) supersedes; intervals that do not meet
   conflict; a figure inside a range at most half as wide refines it; otherwise the same.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field

from .normalize import NormalQuantity

RELATED_MIN = 0.34
ABOUT = 0.10
OPEN_BOUND = 1.5
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
    names: frozenset[str] = frozenset()
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
    if wa is None or wb is None:
        return 0
    precision = min(wa[1], wb[1])
    ka, kb = wa[0][:precision], wb[0][:precision]
    return (kb > ka) - (kb < ka)


def _year_of(f: Figure) -> int | None:
    found = _YEAR.search(f.as_of or "")
    return int(found.group(1)) if found else None


# --- relatedness ----------------------------------------------------------------------------


def relatedness(a: Figure, b: Figure) -> tuple[float, list[str], list[str]]:
    """(0–1, what they share, what sets them apart) from subject, sentence, place, names."""
    why: list[str] = []
    against: list[str] = []
    subject_sim = 0.0
    common_subject = a.subject & b.subject
    if a.subject and b.subject:
        subject_sim = len(common_subject) / min(len(a.subject), len(b.subject))
        if common_subject:
            n = len(common_subject)
            why.append(f"{n} subject word{'s' if n != 1 else ''} in common")
    common_words = a.words & b.words
    union = a.words | b.words
    words_sim = len(common_words) / len(union) if union else 0.0
    if common_words and not common_subject:
        n = len(common_words)
        why.append(f"{n} word{'s' if n != 1 else ''} of the sentence in common")
    counted = a.quantity.counted and a.quantity.counted == b.quantity.counted
    if a.subject and b.subject:
        score = 0.65 * subject_sim + 0.35 * min(1.0, words_sim * 2.5)
    else:
        score = min(1.0, words_sim * 2.5)
    if counted:
        score = min(1.0, score + 0.15)
    shared_names = a.names & b.names
    if shared_names:
        score = min(1.0, score + 0.1)
        why.append(f"both name {sorted(shared_names)[0].title()}")
    elif a.names and b.names and (a.subject & a.names) and (b.subject & b.names):
        score *= 0.5
        against.append("different names in the subjects")
    if a.place and b.place and a.place.lower() != b.place.lower():
        score *= 0.4
        against.append(f"{a.place} vs {b.place}")
    ya, yb = _year_of(a), _year_of(b)
    if ya and yb and ya != yb:
        score *= 0.5
        against.append(f"{ya} vs {yb}")
    only = (a.subject ^ b.subject) & DISCRIMINATING if a.subject and b.subject else set()
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


def compare(a: Figure, b: Figure, *, related_min: float = RELATED_MIN) -> Match | None:
    """What b is to a, or None when they are not comparable or not about the same thing."""
    qa, qb = a.quantity, b.quantity
    if qa.dimension != qb.dimension or qa.unit != qb.unit:
        return None
    if a.source is not None and a.source == b.source:
        return None
    if (a.change == "by") != (b.change == "by"):
        return None
    related, why, against = relatedness(a, b)
    if related < related_min:
        return None
    ia = implied(qa, a.qualifier, raw_value=_raw(a))
    ib = implied(qb, b.qualifier, raw_value=_raw(b))
    difference = _percent(qa.mid, qb.mid)
    unit_words = "same unit" if a.unit_label == b.unit_label else "converted units"
    reason = [unit_words, *why, *(f"but {x}" for x in against)]
    disjoint = ib[0] > ia[1] or ib[1] < ia[0]
    order = later(a, b)
    newer: int | str | None = None
    narrower: int | str | None = None
    if order != 0 and qa.mid != qb.mid:
        relation = "supersedes"
        newer = b.key if order > 0 else a.key
        reason.append(f"{'later' if order > 0 else 'earlier'} as of ({b.as_of} vs {a.as_of})")
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
