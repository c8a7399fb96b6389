"""Readings that need the rest of the sentence or of the text.

* **Index points**: a figure on an index ("the Stoxx 600 closed at 512.4 points", "the PMI rose
  to 46.1", "consumer confidence fell to minus 20") is in index points.
* **Exchange rates**: "the yen slipped to 149 per dollar" is 149 yen per dollar.
* **Rates of a counted thing**: "4,800 flu jabs in October, roughly 150 a day" counts jabs too.
* **Which dollar, which cent**: a bare "$", "dollars" or "cents" stays US unless the text names
  another dollar (A$, C$, "Australian dollars") and no US one; cents follow the currency of
  the other money in the sentence ("A$4.20 a kilogram, 60 cents up").
* **Which krone, peso, shilling**: a currency noun several countries share ("kroner",
  "riyals", "pesos", Reuters' "crowns") is the currency of the country the text names nearest
  before it ("Denmark", "Danish"; from CLDR through Babel), unless the text also names the
  country of the usual reading.
* **Degrees**: "a 90-degree turn", "tilted 23.5 degrees" are angles; temperatures stay Celsius.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from . import lexicon
from .figures import Figure
from .sentences import NUM, WORD, Token, word_pattern
from .units import COUNT, LEXICON, UnitDef, currency_unit

INDEX_POINT = UnitDef("point", "index point", "other", None, None)
ANGLE = UnitDef("deg", "degree", "other", None, "degree")

_INDEX_RE = re.compile(
    r"\b(?:index|indices|indexes|PMI|S&P|Dow|FTSE|Nikkei|Nasdaq|DAX|CAC|Stoxx|STOXX|Hang Seng|"
    r"Sensex|Nifty|Kospi|KOSPI|ASX|TSX|IBEX|MIB|Topix|confidence|sentiment|benchmark|"
    r"Ifo|ZEW|gauge)\b"
)
_ANGLE_RE = re.compile(
    r"\b(?:angle|angles|tilt|tilts|tilted|tilting|turn|turned|rotat\w+|slope|incline|inclined|"
    r"pitch|arc|list(?:ed|ing)|lean(?:s|ed|ing|t)?|heel(?:ed|ing)|pivot\w*|swivel\w*|gradient|"
    r"bearing|compass|axis|clockwise|anticlockwise|counterclockwise|"
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
_CENT_CODES = frozenset({"EUR", "AUD", "CAD", "NZD", "SGD", "HKD", "USD"})
_YEN_YUAN = frozenset({"JPY", "CNY"})


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


#: shared heads left to their usual reading: a country named in a dollar story is too often not
#: the dollar's ("Canada's exports to the U.S. fell by 5 billion dollars")
_NO_NATION_HEADS = frozenset({"dollar", "dollars", "cent", "cents"})


@lru_cache(maxsize=1)
def _nation_re() -> re.Pattern[str]:
    return re.compile(rf"\b(?:{word_pattern(set(lexicon.currencies().nations))})\b")


class Nations:
    """The countries a text names, found once and only when a figure asks."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._found: list[tuple[int, frozenset[str]]] | None = None

    def currency(self, head: str, position: int) -> str | None:
        """The currency with the shared head noun ``head`` of the country named nearest before
        ``position`` (else first after it); None when none is named or when the usual reading's
        country is named too."""
        data = lexicon.currencies()
        codes = data.shared.get(head)
        if codes is None or head in _NO_NATION_HEADS:
            return None
        return self.among(codes, data.heads.get(head), position)

    def among(self, codes: frozenset[str], usual: str | None, position: int) -> str | None:
        """The one of ``codes`` whose country the text names nearest before ``position`` (else
        first after it); None when none is named, or when ``usual``'s country is named too."""
        data = lexicon.currencies()
        if self._found is None:
            nations = data.nations
            self._found = [
                (m.start(), nations[m.group()]) for m in _nation_re().finditer(self.text)
            ]
        named = [(start, found & codes) for start, found in self._found if found & codes]
        if not named:
            return None
        if usual is not None and any(usual in found for _, found in named):
            return None  # "Britain" and "Egypt" both named: "pounds" stay sterling
        before = [found for start, found in named if start < position]
        found = before[-1] if before else named[0][1]
        return min(found) if len(found) == 1 else None


def _nation_currency(toks: list[Token], fig: Figure, unit: UnitDef, nations: Nations) -> UnitDef:
    """ "Denmark will spend 12 billion kroner": DKK, not the usual NOK."""
    last = toks[fig.last]
    if last.kind != WORD or last.low not in lexicon.currencies().shared:
        return unit  # a code or a symbol says which currency it is
    if unit.currency is None and not (unit.dimension == "count" and unit.name in last.low):
        return unit
    if unit.currency is not None and (unit.dimension != "currency" or fig.first == fig.last):
        return unit
    code = nations.currency(last.low, toks[fig.first].start)
    if code is None or code == unit.currency:
        return unit
    return currency_unit(code)


def refine(
    text: str,
    toks: list[Token],
    figures: list[Figure],
    sentence: str,
    dollar: str | None,
    nations: Nations | None = None,
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
        if (
            nations is not None
            and (unit.currency is not None or unit.dimension == "count")
            and toks[fig.last].kind == WORD
        ):
            unit = _nation_currency(toks, fig, unit, nations)
        if (
            nations is not None
            and unit.currency == "JPY"
            and toks[fig.first].text == "¥"
            and nations.among(_YEN_YUAN, "JPY", toks[fig.first].start) == "CNY"
        ):
            unit = currency_unit("CNY")  # "China's exports reached ¥40 billion": the yuan
        if unit.currency == "USD" and unit.name in _DOLLAR_NAMES:
            others = [c for c in money if c != "USD"]
            if unit.name == "cent" and others:
                unit = UnitDef(unit.code, unit.name, unit.dimension, others[0], unit.pint)
            elif unit.name == "cent" and not money and nations is not None and dollar is None:
                # "pays 38 cents a litre for milk" in a story from Germany: euro cents
                code = nations.among(_CENT_CODES, "USD", toks[fig.first].start)
                if code is not None and code != "USD":
                    unit = UnitDef(unit.code, unit.name, unit.dimension, code, unit.pint)
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
