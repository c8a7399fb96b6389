"""How a quantity reads to a person: "more than 10,000 soldiers", "US$2,000 per month".

Used by the pages and by every export, so a figure reads the same everywhere.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Protocol

#: A claim's figure: the fields a quantity is stored, shown, compared in the history and
#: exported from (the one list; Claim.QUANTITY_FIELDS adds the words around it).
FIGURE_FIELDS: tuple[str, ...] = (
    "value",
    "low",
    "high",
    "qualifier",
    "trend",
    "change",
    "from_value",
    "unit",
    "unit_name",
    "dimension",
    "currency",
    "per",
)
QUALIFIER_WORDS = {
    "=": "",
    "~": "about ",
    ">": "more than ",
    ">=": "at least ",
    "<": "less than ",
    "<=": "up to ",
}
QUALIFIER_SYMBOLS = {"=": "", "~": "≈ ", ">": "> ", ">=": "≥ ", "<": "< ", "<=": "≤ "}
CURRENCY_SYMBOLS = {
    "USD": "US$",
    "CAD": "C$",
    "AUD": "A$",
    "HKD": "HK$",
    "EUR": "€",
    "GBP": "£",
    "JPY": "¥",
    "CNY": "¥",
    "INR": "₹",
    "KRW": "₩",
    "UAH": "₴",
    "RUB": "₽",
}
UNIT_SYMBOLS = {
    "km2": "km²",
    "m2": "m²",
    "mi2": "sq mi",
    "t": "t",
    "kg": "kg",
    "km": "km",
    "m": "m",
    "percent": "%",
    "pp": "percentage points",
    "bp": "basis points",
}
IRREGULAR_PLURALS = {
    "person": "people",
    "child": "children",
    "foot": "feet",
    "man": "men",
    "woman": "women",
    "tooth": "teeth",
    "life": "lives",
    "knife": "knives",
    "wife": "wives",
    "mouse": "mice",
    "percent": "percent",
    "sheep": "sheep",
    "fish": "fish",
    "series": "series",
    "species": "species",
    "aircraft": "aircraft",
    "personnel": "personnel",
    "staff": "staff",
    "metre": "metres",
    "square kilometre": "square kilometres",
    "ton": "tons",
    "tonne": "tonnes",
}


class QuantityLike(Protocol):
    """What a figure is read from (only read): a claim, a form's data, a plain row."""

    @property
    def value(self) -> Decimal | None: ...
    @property
    def low(self) -> Decimal | None: ...
    @property
    def high(self) -> Decimal | None: ...
    @property
    def qualifier(self) -> str: ...
    @property
    def trend(self) -> str: ...
    @property
    def change(self) -> str: ...
    @property
    def from_value(self) -> Decimal | None: ...
    @property
    def unit(self) -> str: ...
    @property
    def unit_name(self) -> str: ...
    @property
    def dimension(self) -> str: ...
    @property
    def currency(self) -> str: ...
    @property
    def per(self) -> str: ...


def format_number(number: Decimal | None) -> str:
    """10000 → "10,000"; 2.500000 → "2.5"; never scientific notation."""
    if number is None:
        return ""
    normalized = number.normalize()
    if normalized == normalized.to_integral_value():
        return f"{int(normalized):,}"
    text = format(normalized, "f")
    whole, _, fraction = text.partition(".")
    sign = "-" if whole.startswith("-") else ""
    return f"{sign}{int(whole.lstrip('-') or 0):,}.{fraction}"


def pluralize(name: str, number: Decimal | None) -> str:
    if not name or number == 1:
        return name
    if name in IRREGULAR_PLURALS:
        return IRREGULAR_PLURALS[name]
    head, _, last = name.rpartition(" ")
    if last in IRREGULAR_PLURALS:
        plural = IRREGULAR_PLURALS[last]
    elif last.endswith(("s", "x", "ch", "sh", "z")):
        plural = last if last.endswith("s") else last + "es"
    elif last.endswith("y") and len(last) > 1 and last[-2] not in "aeiou":
        plural = last[:-1] + "ies"
    else:
        plural = last + "s"
    return f"{head} {plural}" if head else plural


def figure_text(q: QuantityLike) -> str:
    """The bare figure: "10,000", "7–8", "10,000–100,000"."""
    if q.value is not None:
        return format_number(q.value)
    if q.low is not None and q.high is not None:
        return f"{format_number(q.low)}–{format_number(q.high)}"
    return format_number(q.low if q.low is not None else q.high)


def _inverse(number: Decimal) -> Decimal:
    """1 / number to two places, trailing zeros dropped: 0.25 → 4, 0.333333 → 3."""
    return (1 / number).quantize(Decimal("0.01")).normalize()


def ratio_text(q: QuantityLike, figure: str | None = None) -> str:
    """A ratio as editors write it: 7 → "7 : 1", 7–8 → "7–8 : 1", 0.25 → "1 : 4".

    Ratios are stored as left / right (the extractor's convention); one below 1 reads with 1
    on the left. ``figure`` overrides the figure (the earlier level of a change)."""
    if figure is not None:
        return f"{figure} : 1"
    lows = [n for n in (q.value, q.low, q.high) if n is not None]
    if lows and all(0 < n < 1 for n in lows):
        if q.value is not None:
            return f"1 : {format_number(_inverse(q.value))}"
        if q.low is not None and q.high is not None and q.low != q.high:
            return f"1 : {format_number(_inverse(q.high))}–{format_number(_inverse(q.low))}"
        return f"1 : {format_number(_inverse(lows[0]))}"
    return f"{figure_text(q)} : 1"


def unit_text(q: QuantityLike) -> str:
    """The unit, said once: "km²" (not "square kilometre km2"), "convoy" (not "convoy convoy"),
    "US dollar (USD)"; "" for a bare count."""
    if q.unit in UNIT_SYMBOLS:
        return UNIT_SYMBOLS[q.unit] if q.unit != "percent" else "%"
    if q.dimension == "ratio" or q.unit == "ratio":
        return "ratio"
    name = (q.unit_name or "").strip()
    code = (q.unit or "").strip()
    if q.currency:
        symbol = CURRENCY_SYMBOLS.get(q.currency, "")
        label = name or q.currency
        return f"{label} ({symbol or q.currency})" if label != q.currency else label
    return name or ("" if code == "count" else code)


def _body(q: QuantityLike, figure: str, magnitude: Decimal | None, symbols: bool) -> str:
    """The figure with its unit: "US$2,000", "10,000 soldiers", "40%", "1 : 4"."""
    if q.dimension == "ratio":
        return ratio_text(q, None if figure == figure_text(q) else figure)
    if q.currency:
        symbol = CURRENCY_SYMBOLS.get(q.currency)
        if q.unit_name in {"cent", "penny", "pence", "sen"}:
            return f"{figure} {pluralize(q.unit_name, magnitude)}"
        if symbol:
            return f"{symbol}{figure}"
        return f"{figure} {q.currency}"
    if q.unit == "percent" or q.dimension == "percent":
        if q.unit in ("pp", "bp") or q.unit_name in ("percentage point", "basis point"):
            return f"{figure} {pluralize(q.unit_name or UNIT_SYMBOLS[q.unit], magnitude)}"
        return f"{figure}%"
    if symbols and q.unit in UNIT_SYMBOLS:
        return f"{figure} {UNIT_SYMBOLS[q.unit]}"
    if q.unit_name:
        return f"{figure} {pluralize(q.unit_name, magnitude)}"
    return figure


def format_quantity(q: QuantityLike, *, symbols: bool = False) -> str:
    """The whole quantity as a reader would say it: "more than 10,000 soldiers",
    "down to US$210 per tonne" (a new level), "down US$19" (the size of a change),
    "down from US$1,870 to US$1,795" (a move from an earlier level)."""
    words = QUALIFIER_SYMBOLS if symbols else QUALIFIER_WORDS
    magnitude = q.value if q.value is not None else q.high
    text = f"{words.get(q.qualifier, '')}{_body(q, figure_text(q), magnitude, symbols)}"
    from_value = getattr(q, "from_value", None)
    change = getattr(q, "change", "") or ""
    if from_value is not None:
        text = f"from {_body(q, format_number(from_value), from_value, symbols)} to {text}"
    if q.per:
        text += f" per {q.per}"
    if from_value is None and change == "to":
        # "up to" would read as a bound ("at most"), so a rise to a level says "rising to"
        return f"{'rising to' if q.trend == 'up' else 'down to' if q.trend else 'to'} {text}"
    if q.trend:
        text = f"{'up' if q.trend == 'up' else 'down'} {text}"
    return text


def percent_difference(base: Decimal | None, other: Decimal | None) -> Decimal | None:
    """How far ``other`` lies from ``base``, in percent of base: 400 vs 350 → -12.5."""
    if base is None or other is None or base == 0:
        return None
    return ((other - base) / base * 100).quantize(Decimal("0.1"))


def central_value(q: QuantityLike) -> Decimal | None:
    if q.value is not None:
        return q.value
    if q.low is not None and q.high is not None:
        return (q.low + q.high) / 2
    return q.low if q.low is not None else q.high
