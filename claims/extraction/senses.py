"""Readings that need the rest of the sentence or of the text.

* **Index points**: a figure on an index ("the Stoxx 600 closed at 512.4 points", "the PMI rose
  to 46.1", "consumer confidence fell to minus 20") is in index points.
* **Exchange rates**: "the yen slipped to 149 per dollar" is 149 yen per dollar.
* **Rates of a counted thing**: "4,800 flu jabs in October, roughly 150 a day" counts jabs too.
* **Which dollar, which cent**: a bare "$", "dollars" or "cents" stays US unless the text names
  another dollar (A$, C$, "Australian dollars") and no US one; cents follow the currency of
  the other money in the sentence ("A$4.20 a kilogram, 60 cents up").
* **Degrees**: "a 90-degree turn", "tilted 23.5 degrees" are angles; temperatures stay Celsius.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .figures import Figure
from .sentences import NUM, Token
from .units import COUNT, LEXICON, UnitDef, currency_unit

INDEX_POINT = UnitDef("point", "index point", "other", None, None)
ANGLE = UnitDef("deg", "degree", "other", None, "degree")

_INDEX_RE = re.compile(
    r"\b(?:index|indices|indexes|PMI|S&P|Dow|FTSE|Nikkei|Nasdaq|DAX|CAC|Stoxx|STOXX|Hang Seng|"
    r"Sensex|Nifty|Kospi|KOSPI|ASX|TSX|IBEX|MIB|Topix|confidence|sentiment|benchmark|"
    r"Ifo|ZEW|gauge)\b"
)
_ANGLE_RE = re.compile(
    r"\b(?:angle|angles|tilt|tilted|turn|turned|rotat\w+|slope|incline|inclined|pitch|arc|"
    r"latitude|longitude|north|south|east|west|degree turn|field of view|bank(?:ed|ing)?)\b|"
    r"[0-9]-degree",
    re.IGNORECASE,
)
_TEMPERATURE_RE = re.compile(
    r"temperat|heat|cold|warm|hot|cool|freez|frost|celsius|fahrenheit|°[CF]|thermometer|"
    r"weather|climate|fever|degrees? (?:above|below)|chill|mercury",
    re.IGNORECASE,
)
#: ISO codes of the dollars, for "the text names another dollar"
_DOLLARS = frozenset({"USD", "CAD", "AUD", "HKD", "NZD", "SGD", "TWD", "BRL", "MXN"})
_DOLLAR_NAMES = frozenset({"dollar", "cent"})


def _currency_word_before(toks: list[Token], first: int, per: str) -> UnitDef | None:
    """The currency named before an exchange rate ("Brazil's real fell to 5.80 per dollar")."""
    for k in range(first - 1, -1, -1):
        unit = LEXICON.get((toks[k].low,))
        if unit is not None and unit.currency is not None and unit.name != per:
            return unit
    return None


def text_dollar(grouped: list[tuple[int, list[Token], list[Figure]]]) -> str | None:
    """The non-US dollar a text names (A$, "Canadian dollars"), when it names no US one
    explicitly (US$, USD); else None."""
    named: set[str] = set()
    for _, toks, figures in grouped:
        for fig in figures:
            code = fig.unit.currency
            if code in _DOLLARS and (code != "USD" or _explicit_us(toks, fig)):
                named.add(code or "")
    if "USD" in named or len(named) != 1:
        return None
    return next(iter(named))


def refine(
    text: str,
    toks: list[Token],
    figures: list[Figure],
    sentence: str,
    dollar: str | None,
) -> list[Figure]:
    """The figures of one sentence with the readings above applied."""
    out: list[Figure] = []
    index_words = _INDEX_RE.search(sentence) is not None
    money = [f.unit.currency for f in figures if f.unit.currency and f.unit.name != "cent"]
    for fig in figures:
        unit = fig.unit
        if (
            index_words
            and fig.per is None
            and (
                unit.code == "point"
                or (
                    unit is COUNT
                    and (
                        fig.change is not None or fig.from_value is not None or _after_at(toks, fig)
                    )
                )
            )
        ):
            unit = INDEX_POINT
        elif unit is COUNT and fig.per in ("dollar", "euro", "pound", "yen", "u.s. dollar"):
            found = _currency_word_before(toks, fig.first, fig.per)
            if found is not None:
                unit = found
        elif unit is COUNT and fig.per and out and out[-1].unit.dimension == "count":
            prev = out[-1]
            if prev.unit is not COUNT and prev.per is None:
                unit = prev.unit  # "4,800 flu jabs in October, roughly 150 a day"
                fig = replace(fig, subject=fig.subject or prev.subject)
        elif unit.code == "degC" and _is_angle(toks, fig, sentence):
            unit = ANGLE
        if unit.currency == "USD" and unit.name in _DOLLAR_NAMES:
            others = [c for c in money if c != "USD"]
            if unit.name == "cent" and others:
                unit = UnitDef(unit.code, unit.name, unit.dimension, others[0], unit.pint)
            elif dollar is not None and not _explicit_us(toks, fig):
                unit = (
                    currency_unit(dollar)
                    if unit.name == "dollar"
                    else UnitDef(unit.code, unit.name, unit.dimension, dollar, unit.pint)
                )
        out.append(fig if unit is fig.unit else replace(fig, unit=unit))
    return out


def _after_at(toks: list[Token], fig: Figure) -> bool:
    """ "closed at 5,321", "stood at 46.1": a level on an index."""
    return fig.first > 0 and toks[fig.first - 1].low in ("at", "to") and toks[fig.first].kind == NUM


def _explicit_us(toks: list[Token], fig: Figure) -> bool:
    surface = "".join(t.text for t in toks[fig.first : fig.last + 1]).lower()
    return "us$" in surface or "usd" in surface or "$us" in surface or "u.s." in surface


def _is_angle(toks: list[Token], fig: Figure, sentence: str) -> bool:
    surface = " ".join(t.low for t in toks[fig.first : fig.last + 2])
    if "c" in surface.split() or "celsius" in surface or "°c" in surface.replace(" ", ""):
        return False
    return _ANGLE_RE.search(sentence) is not None and _TEMPERATURE_RE.search(sentence) is None
