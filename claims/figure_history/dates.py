"""When a figure refers to: its ``as_of`` words read as a date, for the history chart.

Pure Python. ``as_of`` is what the report said ("October 2024", "Nov. 4", "2023", "Q3 2025",
"last year"); :func:`as_of_date` turns it into the first day of the period it names, using the
report's own date for the missing year ("Nov. 4" in a report of 2 Dec 2026 is 4 Nov 2026; in a
report of 2 Feb 2026 it is 4 Nov 2025, the last November before it). Words it cannot read give
None: the figure is then listed in the table but not placed on the as-of axis.
"""

from __future__ import annotations

import datetime as dt
import re

MONTHS = {
    name: number
    for number, names in enumerate(
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
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_PATTERNS = [
    re.compile(rf"^{_YEAR}-(?P<mnum>[01]\d)(?:-(?P<dnum>[0-3]\d))?$"),
    re.compile(rf"^{_DAY} {_MONTH},? {_YEAR}$"),
    re.compile(rf"^{_MONTH} {_DAY},? {_YEAR}$"),
    re.compile(rf"^{_MONTH},? {_YEAR}$"),
    re.compile(rf"^{_DAY} {_MONTH}$"),
    re.compile(rf"^{_MONTH} {_DAY}$"),
    re.compile(rf"^{_MONTH}$"),
    re.compile(rf"^(?:q|quarter )(?P<quarter>[1-4]),? {_YEAR}$"),
    re.compile(rf"^(?:the )?(?P<half>first|second) half of {_YEAR}$"),
    re.compile(rf"^(?:fiscal |fy ?)?{_YEAR}$"),
]
_LEAD = re.compile(r"^(?:as of|as at|at the end of|end of|by|since|in|on|during|until|through)\s+")


def _clean(text: str) -> str:
    text = " ".join(text.lower().replace(",", ", ").split())
    text = text.replace(" ,", ",").strip(" .")
    while True:
        stripped = _LEAD.sub("", text)
        if stripped == text:
            return text
        text = stripped


def _safe(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def as_of_date(text: str, reported: dt.date | None = None) -> dt.date | None:
    """The first day of the period ``text`` names, or None when it names no period we read."""
    words = _clean(text or "")
    if not words:
        return None
    if reported is not None:
        relative = {
            "this year": dt.date(reported.year, 1, 1),
            "last year": dt.date(reported.year - 1, 1, 1),
            "this month": reported.replace(day=1),
            "today": reported,
            "yesterday": reported - dt.timedelta(days=1),
        }
        if words in relative:
            return relative[words]
    for pattern in _PATTERNS:
        found = pattern.match(words)
        if not found:
            continue
        parts = found.groupdict()
        if parts.get("quarter"):
            return dt.date(int(parts["year"]), 3 * int(parts["quarter"]) - 2, 1)
        if parts.get("half"):
            return dt.date(int(parts["year"]), 1 if parts["half"] == "first" else 7, 1)
        if parts.get("mnum"):
            return _safe(int(parts["year"]), int(parts["mnum"]), int(parts.get("dnum") or 1))
        month = MONTHS[parts["month"]] if parts.get("month") else 1
        day = int(parts["day"]) if parts.get("day") else 1
        if parts.get("year"):
            return _safe(int(parts["year"]), month, day)
        if reported is None:
            return None
        guess = _safe(reported.year, month, day)
        if guess is not None and guess > reported:
            guess = _safe(reported.year - 1, month, day)
        return guess
    return None
