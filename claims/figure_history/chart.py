"""A figure's history as SVG geometry: pure Python, no Django, no browser chart library.

:func:`layout` places each reported figure on a time axis (report date or as-of date) against
its value: a single value is a symbol, a range a bar from low to high with the symbol at its
middle (or at the stated value). The verdict picks the symbol's shape as well as its colour
class, so the chart never speaks by colour alone; superseded figures carry a class of their own
(dashed and faded in the stylesheet) and say so in their tooltip. The template
``claims/figure_history.html`` turns the result into ``<svg>`` elements, escaping every word.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass, field

WIDTH = 720
HEIGHT = 360
LEFT, RIGHT, TOP, BOTTOM = 84, 20, 16, 44
SYMBOL = 6.0

#: verdict -> (shape, words); shapes differ so that no reader depends on colour
SHAPES: dict[str, str] = {
    "confirmed": "circle",
    "disputed": "cross",
    "misleading": "triangle",
    "unverifiable": "square",
    "unverified": "diamond",
}


@dataclass(frozen=True)
class Point:
    """One reported figure: where it goes and what it looks like."""

    key: int
    when: dt.date | None
    low: float
    high: float
    value: float | None
    verdict: str
    superseded: bool = False
    label: str = ""


@dataclass(frozen=True)
class Mark:
    key: int
    x: float
    y: float
    bar_top: float | None
    bar_bottom: float | None
    shape: str
    path: str
    verdict: str
    superseded: bool
    label: str

    @property
    def is_range(self) -> bool:
        return self.bar_top is not None

    @property
    def bar_height(self) -> float:
        if self.bar_top is None or self.bar_bottom is None:
            return 0.0
        return max(self.bar_bottom - self.bar_top, 1.0)

    @property
    def bar_x(self) -> float:
        return self.x - 3.0


@dataclass(frozen=True)
class Tick:
    at: float
    label: str


@dataclass
class Chart:
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right: int = WIDTH - RIGHT
    top: int = TOP
    bottom: int = HEIGHT - BOTTOM
    marks: list[Mark] = field(default_factory=list)
    x_ticks: list[Tick] = field(default_factory=list)
    y_ticks: list[Tick] = field(default_factory=list)
    undated: int = 0

    @property
    def empty(self) -> bool:
        return not self.marks


def symbol_path(shape: str, x: float, y: float, r: float = SYMBOL) -> str:
    """An SVG path for a symbol of radius ``r`` centred on (x, y)."""
    if shape == "circle":
        arc = f"a{r:.1f},{r:.1f} 0 1,0"
        return f"M{x - r:.1f},{y:.1f}{arc} {2 * r:.1f},0{arc} {-2 * r:.1f},0Z"
    if shape == "square":
        s = r * 0.85
        return f"M{x - s:.1f},{y - s:.1f}h{2 * s:.1f}v{2 * s:.1f}h{-2 * s:.1f}Z"
    if shape == "triangle":
        return f"M{x:.1f},{y - r:.1f}L{x + r:.1f},{y + r * 0.8:.1f}L{x - r:.1f},{y + r * 0.8:.1f}Z"
    if shape == "cross":
        s = r * 0.8
        return (
            f"M{x - s:.1f},{y - s:.1f}L{x + s:.1f},{y + s:.1f}"
            f"M{x - s:.1f},{y + s:.1f}L{x + s:.1f},{y - s:.1f}"
        )
    # diamond
    return f"M{x:.1f},{y - r:.1f}L{x + r:.1f},{y:.1f}L{x:.1f},{y + r:.1f}L{x - r:.1f},{y:.1f}Z"


def nice_step(span: float, count: int = 5) -> float:
    """A round step (1, 2 or 5 times a power of ten) giving about ``count`` ticks."""
    if span <= 0 or not math.isfinite(span):
        return 1.0
    raw = span / count
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if raw <= factor * power:
            return factor * power
    return 10 * power


def number_label(value: float) -> str:
    """Tick words: 45,000 · 1.2M · 0.25."""
    size = abs(value)
    if size >= 1e9:
        return f"{value / 1e9:g}bn"
    if size >= 1e6:
        return f"{value / 1e6:g}M"
    if size >= 1 or size == 0:
        return f"{value:,.0f}" if value == round(value) else f"{value:,.2f}".rstrip("0")
    return f"{value:.3g}"


def _value_range(points: Sequence[Point]) -> tuple[float, float]:
    lows = [p.low for p in points]
    highs = [p.high for p in points]
    lo, hi = min(lows), max(highs)
    if lo > 0 and lo < hi * 0.5:
        lo = 0.0  # start from zero unless the figures sit close together
    if lo == hi:
        pad = abs(lo) * 0.1 or 1.0
        lo, hi = lo - pad, hi + pad
    return lo, hi


def _date_ticks(first: dt.date, last: dt.date) -> list[tuple[dt.date, str]]:
    span = (last - first).days
    out: list[tuple[dt.date, str]] = []
    if span <= 62:
        step = max(1, span // 5 or 1)
        day = first
        while day <= last:
            out.append((day, f"{day.day} {day:%b}"))
            day += dt.timedelta(days=step)
        return out
    months = span // 30
    every = next((m for m in (1, 2, 3, 6, 12, 24, 60) if months / m <= 6), 120)
    year, month = first.year, first.month
    # start at the first month boundary on the step at or after ``first``
    while True:
        day = dt.date(year, month, 1)
        if day >= first and (month - 1) % min(every, 12) == 0:
            break
        month += 1
        if month > 12:
            year, month = year + 1, 1
    while day <= last:
        out.append((day, f"{day:%b %Y}" if every < 12 else f"{day.year}"))
        month += every
        year += (month - 1) // 12
        month = (month - 1) % 12 + 1
        day = dt.date(year, month, 1)
    return out


def layout(points: Sequence[Point]) -> Chart:
    """Place the points; those without a date are counted in ``undated``, not drawn."""
    chart = Chart()
    dated = [p for p in points if p.when is not None]
    chart.undated = len(points) - len(dated)
    if not dated:
        return chart
    first = min(p.when for p in dated if p.when)
    last = max(p.when for p in dated if p.when)
    if first == last:
        first, last = first - dt.timedelta(days=15), last + dt.timedelta(days=15)
    days = (last - first).days
    inner = (chart.right - chart.left) - 2 * SYMBOL * 2

    def x_of(day: dt.date) -> float:
        return chart.left + SYMBOL * 2 + inner * (day - first).days / days

    lo, hi = _value_range(dated)
    step = nice_step(hi - lo)
    lo = math.floor(lo / step) * step
    hi = math.ceil(hi / step) * step
    if hi == lo:
        hi = lo + step

    def y_of(value: float) -> float:
        return chart.bottom - (chart.bottom - chart.top) * (value - lo) / (hi - lo)

    tick = lo
    while tick <= hi + step / 1000:
        chart.y_ticks.append(Tick(round(y_of(tick), 1), number_label(tick)))
        tick += step
    chart.x_ticks = [Tick(round(x_of(day), 1), words) for day, words in _date_ticks(first, last)]
    # Figures on the same day are spread a little, so no symbol hides another.
    seen: dict[dt.date, int] = {}
    for p in sorted(dated, key=lambda p: (p.when or first, p.key)):
        when = p.when or first
        n = seen.get(when, 0)
        seen[when] = n + 1
        x = x_of(when) + (SYMBOL * 1.6) * ((n + 1) // 2) * (1 if n % 2 else -1)
        x = min(max(x, chart.left + SYMBOL), chart.right - SYMBOL)
        ranged = p.high > p.low
        centre = p.value if p.value is not None else (p.low + p.high) / 2
        y = y_of(centre)
        shape = SHAPES.get(p.verdict, "diamond")
        chart.marks.append(
            Mark(
                key=p.key,
                x=round(x, 1),
                y=round(y, 1),
                bar_top=round(y_of(p.high), 1) if ranged else None,
                bar_bottom=round(y_of(p.low), 1) if ranged else None,
                shape=shape,
                path=symbol_path(shape, x, y),
                verdict=p.verdict,
                superseded=p.superseded,
                label=p.label,
            )
        )
    return chart


def legend() -> list[tuple[str, str, str]]:
    """(verdict, shape, path) for the legend's small symbols, drawn in a 16×16 box."""
    return [(verdict, shape, symbol_path(shape, 8, 8, 6)) for verdict, shape in SHAPES.items()]
