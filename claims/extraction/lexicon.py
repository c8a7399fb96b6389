"""Unit and currency surface forms harvested at import from pint's and Babel's data files.

* **Units** come from pint's definition files (``default_en.txt`` and ``constants_en.txt``, which
  ship with pint), read as text: names, symbols, aliases and SI prefixes. Building a
  ``pint.UnitRegistry`` would cost over half a second per process, so the definitions are parsed
  here directly (a few milliseconds) and each unit's dimensionality is worked out from its
  definition with a small expression evaluator. Only the dimensions news uses beyond our own
  lexicon are taken (frequency, power, energy, electric quantities, pressure, radiation, force,
  speed, angular speed, angle); pint stays the arithmetic behind ``units.convert``.
* **Currencies** come from CLDR through Babel: ISO 4217 codes, English names and plurals
  ("Swedish krona" / "Swedish kronor"), and the symbols used in English locales ("RM" in
  Malaysia, "R" in South Africa, "kr" in Sweden, "HK$", "A$"). Loading the English locales costs
  a few hundredths of a second, once.

The result is two dicts of token tuples the extractor looks up (``CASED`` exact, ``FOLDED`` lower
case), the same fast path as the hand-written lexicon in ``units.py``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

from .sentences import wordset

Dims = tuple[tuple[str, int], ...]


@dataclass(frozen=True, slots=True)
class PintUnit:
    name: str  # pint's canonical name ("megahertz", "kip_per_square_inch")
    expression: str  # what pint parses ("MHz")
    dims: Dims


# --- pint definitions --------------------------------------------------------------------

_LINE = re.compile(r"^\s*([A-Za-z_][\w]*)(-?)\s*=\s*(.+)$")
_TOKEN = re.compile(r"\s*(\*\*|\^|[*/()]|\[[a-z_]*\]|[0-9.]+(?:e[-+]?[0-9]+)?|[^\s*/()^\[\]]+)")


def _pint_dir() -> Path:
    """pint's package folder, found without importing pint (that costs a third of a second)."""
    spec = find_spec("pint")
    if spec is None or spec.origin is None:  # pragma: no cover - pint is a dependency
        raise ImportError("pint is not installed")
    return Path(spec.origin).parent


def _definitions() -> tuple[dict[str, str], dict[str, list[str]], dict[str, str]]:
    """(unit name -> definition, unit name -> symbol and aliases, prefix -> symbol)."""
    units: dict[str, str] = {}
    aliases: dict[str, list[str]] = {}
    prefixes: dict[str, str] = {}
    for filename in ("default_en.txt", "constants_en.txt"):
        for raw in (_pint_dir() / filename).read_text(encoding="utf-8").splitlines():
            line = raw.split("#", 1)[0].rstrip()
            m = _LINE.match(line)
            if m is None or line.lstrip().startswith("@"):
                continue
            name, is_prefix, rest = m.groups()
            rest = re.sub(r";[^=]*", "", rest)  # "; offset: 273.15", "; logbase: 10"
            parts = [p.strip() for p in rest.split("=")]
            if is_prefix:
                symbol = parts[1].rstrip("-") if len(parts) > 1 else ""
                prefixes[name] = "" if symbol == "_" else symbol
                continue
            units.setdefault(name, parts[0])
            aliases.setdefault(name, [p for p in parts[1:] if p and p != "_"])
    return units, aliases, prefixes


class _Resolver:
    def __init__(self) -> None:
        self.defs, self.aliases, self.prefixes = _definitions()
        self.by_alias: dict[str, str] = {}
        for name, names in self.aliases.items():
            for alias in names:
                self.by_alias.setdefault(alias, name)
        self.dims: dict[str, Dims | None] = {}
        self.dim_defs: dict[str, str] = {}

    def canonical(self, word: str) -> str | None:
        if word in self.defs:
            return word
        if word in self.by_alias:
            return self.by_alias[word]
        if word.endswith("s") and word[:-1] in self.defs:
            return word[:-1]
        return None

    def unit_dims(self, word: str, depth: int = 0) -> Dims | None:
        if depth > 40:
            return None
        name = self.canonical(word)
        prefix_factor = ""
        if name is None:
            for prefix in self.prefixes:
                if word.startswith(prefix) and self.canonical(word[len(prefix) :]):
                    prefix_factor = prefix
                    name = self.canonical(word[len(prefix) :])
                    break
        if name is None:
            return None
        if name not in self.dims:
            self.dims[name] = None  # guards against cycles
            self.dims[name] = self.evaluate(self.defs[name], depth + 1)
        del prefix_factor
        return self.dims[name]

    def evaluate(self, expression: str, depth: int) -> Dims | None:
        tokens = [t for t in _TOKEN.findall(expression) if t.strip()]
        pos = 0

        def combine(a: dict[str, int], b: dict[str, int], sign: int) -> dict[str, int]:
            out = dict(a)
            for k, v in b.items():
                out[k] = out.get(k, 0) + sign * v
            return {k: v for k, v in out.items() if v}

        def factor() -> dict[str, int] | None:
            nonlocal pos
            if pos >= len(tokens):
                return None
            tok = tokens[pos]
            pos += 1
            if tok == "(":
                inner = expr()
                pos += 1  # ")"
                base = inner
            elif tok == "[]":
                base = {}  # dimensionless (radian, bit)
            elif tok.startswith("["):
                base = {tok: 1} if tok[1:-1] in _BASE_DIMS else self.derived(tok, depth)
            elif re.fullmatch(r"[0-9.]+(?:e[-+]?[0-9]+)?", tok) or tok in ("π", "pi"):
                base = {}
            else:
                found = self.unit_dims(tok, depth)
                base = None if found is None else dict(found)
            if base is None:
                return None
            if pos < len(tokens) and tokens[pos] in ("**", "^"):
                pos += 1
                power = tokens[pos] if pos < len(tokens) else "1"
                pos += 1
                try:
                    n = int(float(power))
                except ValueError:
                    return None
                base = {k: v * n for k, v in base.items()}
            return base

        def expr() -> dict[str, int] | None:
            nonlocal pos
            left = factor()
            while left is not None and pos < len(tokens) and tokens[pos] != ")":
                op = tokens[pos]
                if op in ("*", "/"):
                    pos += 1
                else:
                    op = "*"  # "9.80665 m/s^2": juxtaposition multiplies
                right = factor()
                if right is None:
                    return None
                left = combine(left, right, 1 if op == "*" else -1)
            return left

        result = expr()
        return None if result is None else tuple(sorted(result.items()))

    def derived(self, token: str, depth: int) -> dict[str, int] | None:
        if not self.dim_defs:
            text = (_pint_dir() / "default_en.txt").read_text(encoding="utf-8")
            for m in re.finditer(r"^(\[[a-z_]+\])\s*=\s*(.+)$", text, re.MULTILINE):
                self.dim_defs[m.group(1)] = m.group(2).split("#")[0].strip()
        definition = self.dim_defs.get(token)
        if definition is None or depth > 40:
            return None
        found = self.evaluate(definition, depth + 1)
        return None if found is None else dict(found)


_BASE_DIMS = wordset("length mass time current temperature substance luminosity information")


def _d(**powers: int) -> Dims:
    return tuple(sorted((f"[{k}]", v) for k, v in powers.items()))


#: dimensionality -> our dimension, for the kinds of pint units we take
WANTED: dict[Dims, str] = {
    _d(time=-1): "other",  # frequency (hertz)
    _d(mass=1, length=2, time=-3): "power",
    _d(mass=1, length=2, time=-2): "energy",  # also torque (newton-metre)
    _d(mass=1, length=2, time=-3, current=-1): "other",  # volt
    _d(current=1): "other",  # ampere
    _d(current=1, length=-2): "other",  # current density
    _d(current=2, time=4, mass=-1, length=-2): "other",  # farad
    _d(mass=1, length=2, time=-3, current=-2): "other",  # ohm
    _d(current=1, time=1): "other",  # coulomb
    _d(mass=1, length=-1, time=-2): "other",  # pascal
    _d(length=2, time=-2): "other",  # gray, sievert
    _d(current=1, time=1, mass=-1): "other",  # roentgen
    _d(mass=1, length=1, time=-2): "other",  # newton
    _d(length=1, time=-1): "speed",
    _d(mass=1, time=-2, current=-1): "other",  # tesla
    _d(temperature=1): "temperature",  # kelvin (our lexicon reads Celsius and Fahrenheit)
}
#: prefixed forms of units whose own dimension we do not take (our lexicon has the second, the
#: minute and the hour): "0.03ms", "40 nanoseconds"
PREFIXED_ONLY: dict[str, str] = {"second": "duration"}
#: units of a dimension we do not take whose names (not their symbols: "st", "au", "pc" are
#: other things in news) are unambiguous after a number: "18 stone", "0.3 astronomical units"
NAMED_ONLY = wordset("stone astronomical_unit parsec angstrom")
#: pint units news writes with SI prefixes ("MHz", "kV", "µF", "MPa", "mSv")
PREFIXABLE = wordset(
    "hertz watt joule volt ampere farad ohm coulomb pascal sievert gray newton tesla "
    "watt_hour electron_volt kelvin ampere_hour volt_ampere"
)

PREFIXES = ("kilo", "mega", "giga", "tera", "milli", "micro", "nano", "pico")
#: pint names too short or too common as words to read after a number
_SKIP_FORMS = wordset(
    "a at are g h min s t rad deg tex den bag gal pt qt line mil point quad cycle turn circle "
    "revolution count bit dB eV u e percent ppm ppb K degK R degR °R rankine"
)
#: the prefixes news uses with a unit, where not all of ``PREFIXES``: "Ms" is no megasecond,
#: "GVA" is gross value added and "TVA" an authority, not tera-volt-amperes
_UNIT_PREFIXES = {
    "second": ("milli", "micro", "nano", "pico"),
    "kelvin": ("milli", "micro", "nano", "pico"),
    "ampere_hour": ("milli", "kilo"),
    "volt_ampere": ("kilo", "mega"),
}


def _display(name: str) -> str:
    text = name.replace("_", " ")
    return re.sub(r"meter\b", "metre", text).replace("liter", "litre")


@lru_cache(maxsize=1)
def pint_forms() -> dict[str, tuple[PintUnit, str, bool]]:
    """Surface form -> (unit, display name, is a symbol) for the pint units we take."""
    res = _Resolver()
    out: dict[str, tuple[PintUnit, str, bool]] = {}

    def add(form: str, unit: PintUnit, display: str, symbol: bool) -> None:
        if form and form not in _SKIP_FORMS and form not in out:
            out[form] = (unit, display, symbol)

    for name in res.defs:
        dims = res.unit_dims(name)
        prefixed_only = name in PREFIXED_ONLY
        if dims is None or name.startswith(("planck", "atomic", "natural")):
            continue
        named_only = name in NAMED_ONLY
        if dims not in WANTED and not prefixed_only and not named_only:
            continue
        symbol = next((a for a in res.aliases.get(name, []) if a and " " not in a), "")
        expression = symbol or name
        unit = PintUnit(name, expression, dims)
        display = symbol if "_per_" in name and symbol else _display(name)
        if not prefixed_only:
            for joined in {name.replace("_", " "), name.replace("_", "-")}:
                add(joined, unit, display, False)  # "watt hour", "watt-hour"
                add(joined + "s", unit, display, False)
        if not prefixed_only and not named_only:
            for alias in res.aliases.get(name, []):
                add(alias, unit, display, alias == symbol)
        if name in PREFIXABLE or prefixed_only:
            for prefix in _UNIT_PREFIXES.get(name, PREFIXES):
                p_symbol = res.prefixes.get(prefix, "")
                p_unit = PintUnit(prefix + name, (p_symbol + symbol) if symbol else "", dims)
                p_unit = PintUnit(p_unit.name, p_unit.expression or p_unit.name, dims)
                p_display = _display(prefix + name)
                for joined in {name.replace("_", " "), name.replace("_", "-")}:
                    add(prefix + joined, p_unit, p_display, False)
                    add(prefix + joined + "s", p_unit, p_display, False)
                if symbol:
                    add(p_symbol + symbol, p_unit, p_display, True)
                    if prefix == "micro":
                        add("µ" + symbol, p_unit, p_display, True)
                        add("μ" + symbol, p_unit, p_display, True)
    return out


def dimension_of(dims: Dims) -> str:
    return WANTED.get(dims) or _DIMENSIONS.get(dims, "other")


_DIMENSIONS = {_d(time=1): "duration", _d(length=1): "length", _d(mass=1): "mass"}


# --- Babel currencies --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CurrencyData:
    codes: frozenset[str]  # ISO 4217 codes in current use
    names: dict[str, str]  # lower-case English name or plural -> ISO code
    heads: dict[str, str]  # lower-case head noun ("kronor", "ringgit") -> ISO code, if unique
    symbols: dict[str, str]  # symbol as written in English locales ("RM", "HK$") -> ISO code
    unit_names: dict[str, str]  # ISO code -> singular head noun ("krona")
    #: lower-case head noun, singular or plural, shared by several current currencies
    #: ("krone": DKK, NOK; "riyals": QAR, SAR) -> those codes
    shared: dict[str, frozenset[str]]
    #: country names and adjectives, as written ("Denmark", "Danish") -> the country's
    #: currencies whose head noun is shared ("kroner") or whose hundredth is a cent
    nations: dict[str, frozenset[str]]


#: when several currencies share a head noun or a symbol, the one news means without a country
_PREFERRED = {
    "dollar": "USD",
    "pound": "GBP",
    "franc": "CHF",
    "peso": "MXN",
    "krona": "SEK",
    "kronor": "SEK",
    "krone": "NOK",
    "kroner": "NOK",
    "rupee": "INR",
    "yuan": "CNY",
    "won": "KRW",
    "dinar": "KWD",
    "dirham": "AED",
    "real": "BRL",
    "rand": "ZAR",
    "shilling": "KES",
    "$": "USD",
    "¥": "JPY",
    "£": "GBP",
    "kr": "SEK",
    "Rs": "INR",
    "R": "ZAR",
}


@lru_cache(maxsize=1)
def currencies() -> CurrencyData:
    from babel import localedata
    from babel.core import get_global

    en = localedata.load("en")
    territory_currencies = get_global("territory_currencies")
    current: set[str] = set()
    for entries in territory_currencies.values():
        for entry in entries:
            if entry[2] is None and entry[3]:  # no end date, legal tender
                current.add(entry[0])
    names: dict[str, str] = {}
    head_candidates: dict[str, set[str]] = {}
    unit_names: dict[str, str] = {}
    plural_of: dict[str, str] = {}  # plural head -> singular head ("kroner" -> "krone")
    for code, name in en["currency_names"].items():
        forms = [name, *en["currency_names_plural"].get(code, {}).values()]
        singular = en["currency_names_plural"].get(code, {}).get("one") or name
        unit_names[code] = singular.lower().split()[-1]
        for form in forms:
            low = form.lower()
            if "(" in low or low.startswith(("special", "unknown")):
                continue
            names.setdefault(low, code)
            head = low.split()[-1]
            head_candidates.setdefault(head, set()).add(code)
            if head != unit_names[code]:
                plural_of.setdefault(head, unit_names[code])
    heads: dict[str, str] = {}
    shared: dict[str, frozenset[str]] = {}
    for head, codes in head_candidates.items():
        live = codes & current or codes
        preferred = _PREFERRED.get(head) or _PREFERRED.get(plural_of.get(head, ""))
        if preferred is not None and preferred in live:
            heads[head] = preferred  # "shillings" as "shilling", "pesos" as "peso"
        elif len(live) == 1:
            heads[head] = next(iter(live))
        if len(codes & current) > 1:
            shared[head] = frozenset(codes & current)
    for english, native in _TRANSLATED_HEADS.items():  # "crowns": krone, krona, koruna
        found = frozenset().union(*(head_candidates.get(h, set()) for h in native)) & current
        if found:
            shared[english] = shared[english + "s"] = found
    in_shared = frozenset().union(*shared.values()) | _CENT_CURRENCIES
    nations: dict[str, set[str]] = {}
    for code in in_shared:
        words = en["currency_names"][code].split()[:-1]  # "Danish" of "Danish Krone"
        if words and words[0][:1].isupper():
            nations.setdefault(" ".join(words), set()).add(code)
    for territory, entries in territory_currencies.items():
        name = en["territories"].get(territory)
        for entry in entries:
            if name and entry[0] in in_shared and entry[2] is None and entry[3]:
                nations.setdefault(name, set()).add(entry[0])
    symbol_candidates: dict[str, set[str]] = {}
    for code, symbol in en["currency_symbols"].items():
        if symbol != code:
            symbol_candidates.setdefault(symbol, set()).add(code)
    for locale in localedata.locale_identifiers():
        if not locale.startswith("en_") or locale.count("_") != 1:
            continue
        territory = locale[3:]
        wanted = [
            e[0]
            for e in territory_currencies.get(territory, ())
            if en["currency_symbols"].get(e[0], e[0]) == e[0]
        ]
        if not wanted:
            continue  # "en" already has a symbol for this territory's currencies
        # the locale's own data only: inherited symbols are the ones "en" already gave
        own = localedata.load(locale, merge_inherited=False).get("currency_symbols", {})
        for code in wanted:
            symbol = own.get(code)
            if symbol and symbol != code:
                symbol_candidates.setdefault(symbol, set()).add(code)
    symbols: dict[str, str] = {}
    for symbol, codes in symbol_candidates.items():
        if symbol in _PREFERRED:
            symbols[symbol] = _PREFERRED[symbol]
        elif len(codes) == 1:
            symbols[symbol] = next(iter(codes))
    for alias, code in _NATION_ALIASES.items():
        nations.setdefault(alias, set()).add(code)
    return CurrencyData(
        frozenset(current),
        names,
        heads,
        symbols,
        unit_names,
        shared,
        {k: frozenset(v) for k, v in nations.items()},
    )


#: the English words news uses for currencies CLDR names in their own language: Reuters' "Danish
#: crowns" are kroner, "Czech crowns" koruna
_TRANSLATED_HEADS = {"crown": ("krone", "krona", "koruna")}
#: the names news gives a country that CLDR's territory names lack ("United Kingdom" only)
_NATION_ALIASES = {
    "Britain": "GBP",
    "UK": "GBP",
    "England": "GBP",
    "Scotland": "GBP",
    "Wales": "GBP",
    "U.S": "USD",
    "US": "USD",
    "America": "USD",
    "American": "USD",
    "Europe": "EUR",
    "European": "EUR",
    "euro zone": "EUR",
    "eurozone": "EUR",
    "Eurozone": "EUR",
}
#: currencies whose hundredth news calls a cent, for "38 cents a litre" in a German story, and
#: the two that share "¥"
_CENT_CURRENCIES = frozenset({"USD", "EUR", "AUD", "CAD", "NZD", "SGD", "HKD", "JPY", "CNY"})
