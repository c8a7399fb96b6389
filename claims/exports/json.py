"""JSON in Factdesk's own schema (``factsheet.schema.json`` beside this module).

The document as published, with quantities as JSON numbers (integers when whole) rather than
the exact decimal strings the snapshot keeps. ``<``, ``>`` and ``&`` are written as ``\\u``
escapes, so the file is also safe to embed in an HTML page.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

from claims.exports.content import iter_entries
from claims.exports.safety import json_for_html

SCHEMA_PATH = Path(__file__).with_name("factsheet.schema.json")
QUANTITY_NUMBERS = ("value", "low", "high", "from_value")


def to_number(text: str | None) -> int | float | None:
    if text is None:
        return None
    number = Decimal(text)
    if number == number.to_integral_value():
        return int(number)
    return float(number)


def _numeric_quantity(quantity: dict[str, Any]) -> None:
    for name in QUANTITY_NUMBERS:
        if name in quantity:  # sheets published before from_value existed lack it
            quantity[name] = to_number(quantity[name])


def numeric(content: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of the document with quantities as numbers."""
    doc = copy.deepcopy(dict(content))
    for _section, entry in iter_entries(doc):
        _numeric_quantity(entry["quantity"])
        for ev in entry["evidence"]:
            ev["difference_percent"] = to_number(ev["difference_percent"])
            if ev["claim"] is not None:
                _numeric_quantity(ev["claim"]["quantity"])
    return doc


def dumps(data: Any) -> str:
    text = json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True)
    return json_for_html(text) + "\n"


def render(content: Mapping[str, Any]) -> bytes:
    return dumps(numeric(content)).encode("utf-8")


def schema() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return data
