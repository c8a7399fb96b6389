"""The result type of the extractor and the closed vocabularies it uses."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from decimal import Decimal
from typing import Any

#: Every value ``ExtractedQuantity.dimension`` can take.
#:
#: ``count`` is a number of things (the thing is the unit: "soldier"; bare numbers use unit
#: ``count`` with an empty ``unit_name``); ``rate`` is any quantity with a ``per`` basis
#: ("US$2,000 a month", "10 to a cell"); ``ratio`` is "7:1" / "seven or eight to one" (the value is
#: the left side divided by the right side); ``percent`` covers percent, percentage points and basis
#: points; ``age`` is "15-year-old" / "aged 15"; the physical dimensions follow pint's.
DIMENSIONS: tuple[str, ...] = (
    "count",
    "currency",
    "area",
    "mass",
    "length",
    "duration",
    "ratio",
    "percent",
    "rate",
    "speed",
    "power",
    "energy",
    "data",
    "temperature",
    "volume",
    "age",
    "other",
)

#: ``=`` exact (also explicit ranges such as "2,000-4,000"), ``~`` approximately (also vague
#: amounts such as "tens of thousands"), ``>`` more than, ``>=`` at least, ``<`` less than,
#: ``<=`` at most / up to.
QUALIFIERS: tuple[str, ...] = ("=", "~", ">", ">=", "<", "<=")

TRENDS: tuple[str, ...] = ("up", "down")

#: ``to``: the figure is the new level reached by a movement ("fell to $210 a tonne", "slid from
#: $1,870 to $1,795": the figure is 1,795 and ``from_value`` 1,870); ``by``: the figure is the
#: size of the movement ("rose 19 cents", "cut by 40 jobs"); None when no change is stated.
CHANGES: tuple[str, ...] = ("to", "by")


def decimal_to_json(value: Decimal | None) -> int | float | None:
    """A Decimal as a JSON number: ``int`` when integral, else ``float``.

    Figures in news carry at most a handful of significant digits, so a float keeps them exactly
    as printed (``Decimal("1.762")`` becomes ``1.762``).
    """
    if value is None:
        return None
    if value == value.to_integral_value():
        return int(value)
    return float(value)


@dataclass(frozen=True, slots=True)
class ExtractedQuantity:
    """One figure found in a text.

    ``text == source[start:end]``. ``value`` is None for ranges and vague amounts; ``low`` and
    ``high`` always bound the figure (both equal ``value`` when it is exact; a bound such as
    "more than 10,000" keeps ``low == high == 10000`` and says the rest with ``qualifier``).
    ``change`` and ``from_value``: see :data:`CHANGES`.
    """

    text: str
    start: int
    end: int
    value: Decimal | None
    low: Decimal | None
    high: Decimal | None
    qualifier: str = "="
    trend: str | None = None
    change: str | None = None
    from_value: Decimal | None = None
    unit: str = "count"
    unit_name: str = ""
    dimension: str = "count"
    currency: str | None = None
    per: str | None = None
    subject: str = ""
    as_of: str | None = None
    place: str | None = None
    sentence_start: int = 0
    sentence_end: int = 0
    speaker: str | None = None
    verb: str | None = None
    via: str | None = None
    score: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready values: Decimals become JSON numbers (see :func:`decimal_to_json`)."""
        data = asdict(self)
        for key in ("value", "low", "high", "from_value"):
            data[key] = decimal_to_json(data[key])
        return data
