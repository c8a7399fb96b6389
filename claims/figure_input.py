"""The value box: what an editor types as a figure, read into value/low/high/qualifier.

    >>> parse_figure("more than 10,000").qualifier
    '>'
    >>> str(parse_figure("1:4").value)
    '0.25'

"650,000", "3.5 million", "$2.1bn", "40–50", "about 350", "more than 10,000" are read by the
claim extractor (claims.extraction), so the box understands exactly what the desk finds in
reports; the whole text must be one figure, or the box says what it could not read. Ratios
("1 : 4", "7–8 : 1", "1:4–5") are read here first: the extractor reads "1:4" but not the spaced
or ranged forms editors type. A ratio is stored as left / right (the extractor's convention).

Pure Python, no Django import, like the extractor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from claims.extraction import extract

MAX_LENGTH = 200
EXAMPLES = "650,000 · 3.5 million · $2.1bn · 40–50 · about 350 · 1:4 · more than 10,000"
QUALIFIER_NAMES = {
    "=": "exactly",
    "~": "about",
    ">": "more than",
    ">=": "at least",
    "<": "less than",
    "<=": "up to",
}
# Words an editor puts before a ratio; the figures read by the extractor carry their own.
_RATIO_QUALIFIERS = {
    "about": "~",
    "around": "~",
    "roughly": "~",
    "some": "~",
    "~": "~",
    "more than": ">",
    "over": ">",
    ">": ">",
    "at least": ">=",
    "≥": ">=",
    ">=": ">=",
    "less than": "<",
    "under": "<",
    "<": "<",
    "up to": "<=",
    "at most": "<=",
    "≤": "<=",
    "<=": "<=",
}
_NUM = r"\d[\d,]*(?:\.\d+)?|\.\d+"
_DASH = r"\s*(?:-|–|—|to)\s*"
_LEADS = "|".join(re.escape(k) for k in sorted(_RATIO_QUALIFIERS, key=len, reverse=True))
_RATIO = re.compile(
    rf"^(?:(?P<q>{_LEADS})\s*)?"
    rf"(?P<a>{_NUM})(?:{_DASH}(?P<a2>{_NUM}))?\s*:\s*(?P<b>{_NUM})(?:{_DASH}(?P<b2>{_NUM}))?$",
    re.IGNORECASE,
)
_PLACES = Decimal("0.000001")


class FigureInputError(ValueError):
    """The text is not one figure; the message says what was read and what to type."""


@dataclass(frozen=True)
class FigureReading:
    """What the box read: the figure fields, and the unit when the text named one."""

    text: str
    value: Decimal | None
    low: Decimal | None
    high: Decimal | None
    qualifier: str = "="
    unit: dict[str, str] = field(default_factory=dict)

    def fields(self) -> dict[str, Any]:
        """The claim fields this reading sets (the unit ones only when the text had a unit)."""
        return {
            "value": self.value,
            "low": self.low,
            "high": self.high,
            "qualifier": self.qualifier,
            **self.unit,
        }

    def summary(self) -> list[tuple[str, str]]:
        """("value", "3,500,000"), ("qualifier", "exactly") … for the "read as" line."""
        out = [(name, _number(getattr(self, name))) for name in ("value", "low", "high")]
        out = [(name, text) for name, text in out if text]
        out.append(("qualifier", QUALIFIER_NAMES.get(self.qualifier, self.qualifier)))
        for name in ("unit_name", "currency", "per"):
            if self.unit.get(name):
                out.append((name.replace("_name", ""), self.unit[name]))
        if self.unit.get("dimension") == "ratio":
            out.append(("ratio", "left : right, stored as left ÷ right"))
        return out


def _number(n: Decimal | None) -> str:
    if n is None:
        return ""
    normal = n.normalize()
    if normal == normal.to_integral_value():
        return f"{int(normal):,}"
    whole, _, frac = format(normal, "f").partition(".")
    return f"{int(whole or 0):,}.{frac}" if not whole.startswith("-") else format(normal, "f")


def _decimal(text: str) -> Decimal:
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation as exc:  # pragma: no cover - the pattern only matches numbers
        raise FigureInputError(f"“{text}” is not a number.") from exc


def _divide(a: Decimal, b: Decimal) -> Decimal:
    if b == 0:
        raise FigureInputError("The right side of a ratio cannot be 0.")
    return (a / b).quantize(_PLACES).normalize()


def _ratio(text: str) -> FigureReading | None:
    m = _RATIO.match(text)
    if m is None:
        return None
    if m["a2"] and m["b2"]:
        raise FigureInputError("Give a range on one side of the ratio only: “7–8 : 1”.")
    a, b = _decimal(m["a"]), _decimal(m["b"])
    qualifier = _RATIO_QUALIFIERS[m["q"].lower()] if m["q"] else "="
    if m["a2"]:
        low, high = sorted((_divide(a, b), _divide(_decimal(m["a2"]), b)))
    elif m["b2"]:
        low, high = sorted((_divide(a, _decimal(m["b2"])), _divide(a, b)))
    else:
        low = high = _divide(a, b)
    value = low if low == high else None
    unit = {"unit": "ratio", "unit_name": "ratio", "dimension": "ratio", "currency": "", "per": ""}
    return FigureReading(text=text, value=value, low=low, high=high, qualifier=qualifier, unit=unit)


def parse_figure(raw: str) -> FigureReading:
    """Read one figure from what an editor typed; FigureInputError says why not."""
    text = " ".join((raw or "").split())
    if not text:
        raise FigureInputError(f"Type a figure, for example {EXAMPLES}.")
    if len(text) > MAX_LENGTH:
        raise FigureInputError(f"A figure is at most {MAX_LENGTH} characters.")
    ratio = _ratio(text)
    if ratio is not None:
        return ratio
    found = extract(text)
    if not found:
        raise FigureInputError(f"No figure found in “{text}”. Try {EXAMPLES}.")
    first = found[0]
    rest = (text[: first.start] + text[first.end :]).strip(" .,;")
    if len(found) > 1 or rest:
        read = first.text
        raise FigureInputError(
            f"Only “{read}” of “{text}” reads as a figure; type one figure, for example {EXAMPLES}."
        )
    unit: dict[str, str] = {}
    if first.unit and first.unit != "count":
        unit = {
            "unit": first.unit,
            "unit_name": first.unit_name or "",
            "dimension": first.dimension,
            "currency": first.currency or "",
            "per": first.per or "",
        }
    value = first.value
    return FigureReading(
        text=text,
        value=value,
        low=first.low,
        high=first.high,
        qualifier=first.qualifier or "=",
        unit=unit,
    )


def figure_input_text(q: Any) -> str:
    """The figure as an editor would type it back into the box: "more than 10,000", "40–50",
    "1 : 4". Reading it again gives the same value, low, high and qualifier."""
    words = {k: v for k, v in QUALIFIER_NAMES.items() if k != "="}
    lead = f"{words[q.qualifier]} " if q.qualifier in words else ""
    if q.dimension == "ratio":
        values = [n for n in (q.value, q.low, q.high) if n is not None]
        if values and all(0 < n < 1 for n in values):
            if q.value is not None or q.low == q.high:
                return f"{lead}1 : {_number((1 / values[0]).quantize(Decimal('0.01')))}"
            right = [_number((1 / n).quantize(Decimal("0.01"))) for n in (q.high, q.low)]
            return f"{lead}1 : {right[0]}–{right[1]}"
        if q.value is None and q.low is not None and q.high is not None and q.low != q.high:
            return f"{lead}{_number(q.low)}–{_number(q.high)} : 1"
        return f"{lead}{_number(values[0]) if values else ''} : 1"
    if q.value is not None:
        return f"{lead}{_number(q.value)}"
    if q.low is not None and q.high is not None:
        return f"{lead}{_number(q.low)}–{_number(q.high)}"
    return f"{lead}{_number(q.low if q.low is not None else q.high)}"
