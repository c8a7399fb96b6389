"""Units, currencies and the words that name them.

Unit codes are pint unit expressions for physical quantities (``km ** 2`` is written ``km2``,
``t`` is the metric tonne, ``degC``), ISO 4217 codes for money, ``percent`` / ``pp`` (percentage
points) / ``bp`` (basis points), ``ratio``, and for counted things the singular noun itself
("soldier"); a bare number has unit ``count`` and an empty ``unit_name``. "tons" is read as the
metric tonne, the likelier reading in international news. Cents and pence keep their face value
(unit ``cent`` / ``penny``, currency USD / GBP).

pint supplies the definitions and the arithmetic behind :func:`convert`; its registry is built
lazily, once, on the first conversion, so plain extraction never pays for it. Surface forms are
looked up in a dict of token tuples: far cheaper than asking pint to parse every word.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Any

from . import lexicon
from .sentences import tokenize, wordset


@dataclass(frozen=True, slots=True)
class UnitDef:
    code: str
    name: str
    dimension: str
    currency: str | None = None
    pint: str | None = None  # pint expression, for physical units


#: currency prefixes: symbol or code -> ISO 4217
CURRENCY_SYMBOLS: dict[str, str] = {
    "$": "USD",
    "us$": "USD",
    "c$": "CAD",
    "ca$": "CAD",
    "a$": "AUD",
    "au$": "AUD",
    "hk$": "HKD",
    "nz$": "NZD",
    "s$": "SGD",
    "r$": "BRL",
    "nt$": "TWD",
    "€": "EUR",
    "£": "GBP",
    "¥": "JPY",
    "₹": "INR",
    "₽": "RUB",
    "₩": "KRW",
    "₴": "UAH",
    "rs": "INR",
    # newswire spellings CLDR does not list
    "can$": "CAD",
    "cdn$": "CAD",
}
CURRENCY_CODES = wordset(
    "USD EUR GBP CAD AUD JPY CNY RMB INR RUB UAH KRW CHF HKD NZD SGD BRL MXN ZAR"
)

CURRENCY_NAMES: dict[str, str] = {
    "USD": "dollar",
    "CAD": "dollar",
    "AUD": "dollar",
    "HKD": "dollar",
    "NZD": "dollar",
    "SGD": "dollar",
    "TWD": "dollar",
    "EUR": "euro",
    "GBP": "pound",
    "JPY": "yen",
    "CNY": "yuan",
    "INR": "rupee",
    "RUB": "rouble",
    "UAH": "hryvnia",
    "KRW": "won",
    "CHF": "franc",
    "BRL": "real",
    "MXN": "peso",
    "ZAR": "rand",
}


def currency_unit(iso: str) -> UnitDef:
    if iso == "RMB":
        iso = "CNY"
    name = CURRENCY_NAMES.get(iso) or lexicon.currencies().unit_names.get(iso, iso.lower())
    return UnitDef(iso, name, "currency", iso)


_LEXICON: dict[tuple[str, ...], UnitDef] = {}
#: single-letter units that must touch the number ("5m", "27C")
ATTACHED_ONLY = frozenset(
    {"m", "g", "t", "h", "c", "f", "l", "w", "b", "k", "p", "j", "°", "in", "″"}
)


def _add(forms: str, code: str, name: str, dimension: str, pint: str | None = None) -> None:
    unit = UnitDef(code, name, dimension, None, pint if pint is not None else code)
    for form in forms.split("|"):
        key = tuple(t.low for t in tokenize(form.strip()))
        _LEXICON[key] = unit


def _money(forms: str, iso: str, code: str | None = None, name: str | None = None) -> None:
    base = currency_unit(iso)
    unit = UnitDef(code or base.code, name or base.name, "currency", base.currency)
    for form in forms.split("|"):
        _LEXICON[tuple(t.low for t in tokenize(form.strip()))] = unit


# length
_add("km|kms|kilometre|kilometres|kilometer|kilometers", "km", "kilometre", "length")
_add("m|metre|metres|meter|meters", "m", "metre", "length")
_add("cm|centimetre|centimetres|centimeter|centimeters", "cm", "centimetre", "length")
_add("mm|millimetre|millimetres|millimeter|millimeters", "mm", "millimetre", "length")
_add("mile|miles|mi", "mi", "mile", "length")
_add("nautical mile|nautical miles|nm", "nmi", "nautical mile", "length", "nautical_mile")
_add("foot|feet|ft", "ft", "foot", "length")
_add("inch|inches|in|″", "in", "inch", "length", "inch")  # "in" and "″" must touch: "6.1in"
_add("yard|yards|yd", "yd", "yard", "length")
_add("light-year|light-years|light year|light years", "ly", "light-year", "length", "light_year")
# area
_add(
    "km2|km²|sq km|sq. km|square km|square kilometre|square kilometres|square kilometer|"
    "square kilometers",
    "km2",
    "square kilometre",
    "area",
    "km**2",
)
_add(
    "m2|m²|sq m|square metre|square metres|square meter|square meters",
    "m2",
    "square metre",
    "area",
    "m**2",
)
_add("sq mi|square mile|square miles|mi2|mi²", "mi2", "square mile", "area", "mi**2")
_add("sq ft|square foot|square feet|ft2|ft²", "ft2", "square foot", "area", "ft**2")
_add("hectare|hectares|ha", "ha", "hectare", "area", "hectare")
_add("acre|acres", "acre", "acre", "area")
# mass
_add(
    "t|tonne|tonnes|ton|tons|metric ton|metric tons|metric tonne|metric tonnes",
    "t",
    "tonne",
    "mass",
)
_add("kt|kilotonne|kilotonnes", "kt", "kilotonne", "mass", "kilotonne")
_add("mt|megatonne|megatonnes|million tonnes", "Mt", "megatonne", "mass", "megatonne")
_add("kg|kgs|kilogram|kilograms|kilo|kilos", "kg", "kilogram", "mass")
_add("g|gram|grams|gramme|grammes", "g", "gram", "mass")
_add("mg|milligram|milligrams", "mg", "milligram", "mass")
_add("lb|lbs|pound|pounds", "lb", "pound", "mass")
_add("oz|ounce|ounces", "oz", "ounce", "mass")
# volume
_add("l|litre|litres|liter|liters", "l", "litre", "volume", "liter")
_add("ml|millilitre|millilitres|milliliter|milliliters", "ml", "millilitre", "volume", "ml")
_add("barrel|barrels|bbl", "bbl", "barrel", "volume", "oil_barrel")
_add("gallon|gallons|gal", "gal", "gallon", "volume", "gallon")
_add(
    "m3|m³|cubic metre|cubic metres|cubic meter|cubic meters", "m3", "cubic metre", "volume", "m**3"
)
_add(
    "bcm|billion cubic metres|billion cubic meters",
    "bcm",
    "billion cubic metres",
    "volume",
    "1e9 * m**3",
)
# speed
_add(
    "km/h|kph|kmh|kilometres per hour|kilometers per hour|kilometres an hour|kilometers an hour",
    "km/h",
    "kilometre per hour",
    "speed",
)
_add("mph|miles per hour|miles an hour", "mph", "mile per hour", "speed", "mile/hour")
_add("m/s|metres per second|meters per second", "m/s", "metre per second", "speed")
_add("knot|knots", "kn", "knot", "speed", "knot")  # "kn" after a number is the kuna
# power
_add("w|watt|watts", "W", "watt", "power")
_add("kw|kilowatt|kilowatts", "kW", "kilowatt", "power")
_add("mw|megawatt|megawatts", "MW", "megawatt", "power")
_add("gw|gigawatt|gigawatts", "GW", "gigawatt", "power")
_add("tw|terawatt|terawatts", "TW", "terawatt", "power")
_add("hp|horsepower", "hp", "horsepower", "power")
# energy
_add(
    "kwh|kilowatt-hour|kilowatt-hours|kilowatt hour|kilowatt hours",
    "kWh",
    "kilowatt-hour",
    "energy",
)
_add("mwh|megawatt-hour|megawatt-hours|megawatt hours", "MWh", "megawatt-hour", "energy")
_add("gwh|gigawatt-hour|gigawatt-hours|gigawatt hours", "GWh", "gigawatt-hour", "energy")
_add("twh|terawatt-hour|terawatt-hours|terawatt hours", "TWh", "terawatt-hour", "energy")
_add("j|joule|joules", "J", "joule", "energy")
_add("mj|megajoule|megajoules", "MJ", "megajoule", "energy")
_add("calorie|calories|kcal", "kcal", "calorie", "energy")
# data
_add("byte|bytes", "B", "byte", "data")
_add("kb|kilobyte|kilobytes", "kB", "kilobyte", "data")
_add("mb|megabyte|megabytes", "MB", "megabyte", "data")
_add("gb|gigabyte|gigabytes", "GB", "gigabyte", "data")
_add("tb|terabyte|terabytes", "TB", "terabyte", "data")
_add("pb|petabyte|petabytes", "PB", "petabyte", "data")
_add("mbps|megabits per second", "Mbit/s", "megabit per second", "data", "Mbit/s")
_add("gbps|gigabits per second", "Gbit/s", "gigabit per second", "data", "Gbit/s")
_add("kbps|kilobits per second", "kbit/s", "kilobit per second", "data", "kbit/s")
# temperature
_add(
    "°c|° c|c|degrees celsius|degree celsius|celsius|degrees centigrade|°",
    "degC",
    "degree Celsius",
    "temperature",
)
_add(
    "°f|° f|f|degrees fahrenheit|degree fahrenheit|fahrenheit",
    "degF",
    "degree Fahrenheit",
    "temperature",
)
_add("degree|degrees", "degC", "degree Celsius", "temperature")
# duration
_add("second|seconds|sec|secs", "s", "second", "duration")
_add("minute|minutes|min|mins", "min", "minute", "duration")
_add("hour|hours|hr|hrs|h", "h", "hour", "duration")
_add("day|days", "d", "day", "duration", "day")
_add("week|weeks", "week", "week", "duration")
_add("fortnight|fortnights", "fortnight", "fortnight", "duration")
_add("month|months", "month", "month", "duration")
_add("year|years|yr|yrs", "year", "year", "duration")
_add("decade|decades", "decade", "decade", "duration")
_add("century|centuries", "century", "century", "duration")
# percent and friends
_add("%|percent|per cent|pct|per-cent", "percent", "percent", "percent")
_add("percentage point|percentage points|pp|ppt|ppts", "pp", "percentage point", "percent")
_add("point|points", "point", "point", "other", "")
_add("basis point|basis points|bps|bp", "bp", "basis point", "percent")
# parts of a whole beyond the percent: pint knows "ppm" (1e-6) and no more
_add("ppm|parts per million|part per million", "ppm", "part per million", "other", "")
_add("ppb|parts per billion|part per billion", "ppb", "part per billion", "other", "")
_add("parts per trillion|part per trillion", "ppt", "part per trillion", "other", "")
_add("ppi|pixels per inch|pixel per inch", "ppi", "pixel per inch", "other", "")
# money written as words after the number
_money("dollar|dollars|us dollars|u.s. dollars|american dollars", "USD")
_money("canadian dollars|canadian dollar", "CAD")
_money("australian dollars|australian dollar", "AUD")
_money("hong kong dollars|hong kong dollar", "HKD")
_money("euro|euros", "EUR")
_money("pounds sterling|sterling", "GBP")
_money("yen", "JPY")
_money("yuan|renminbi", "CNY")
_money("rupee|rupees", "INR")
_money("rouble|roubles|ruble|rubles", "RUB")
_money("hryvnia|hryvnias|hryvnas", "UAH")
_money("won", "KRW")
_money("swiss francs|franc|francs", "CHF")
_money("peso|pesos", "MXN")
_money("rand", "ZAR")
_money("cent|cents|¢", "USD", "cent", "cent")
_money("pence|p|penny", "GBP", "penny", "penny")
for _code in CURRENCY_CODES:
    _money(_code.lower(), "CNY" if _code == "RMB" else _code)

_money("sen", "MYR", "sen", "sen")
_add("cup|cups", "cup", "cup", "volume")
_add("teaspoon|teaspoons|tsp", "teaspoon", "teaspoon", "volume")
_add("tablespoon|tablespoons|tbsp", "tablespoon", "tablespoon", "volume")
_money("kn", "HRK")
_add(
    "pound-foot|pound-feet|lb-ft|lb ft|lb.-ft|ft-lb|foot-pounds|foot-pound",
    "lbf_ft",
    "pound-foot",
    "energy",
    "lbf * ft",
)
_add(
    "newton-metre|newton-metres|newton-meter|newton-meters|newton metres|nm|n·m|n-m|n.m",
    "N_m",
    "newton-metre",
    "energy",
    "N * m",
)
_add("mpg|miles per gallon|miles a gallon", "mpg", "mile per gallon", "other", "mi / gal")
_add("bhp|brake horsepower", "hp", "horsepower", "power")
_add(
    "a/cm²|a/cm2|amperes per square centimetre|amps per square centimetre",
    "A/cm2",
    "ampere per square centimetre",
    "other",
    "A / cm**2",
)
_add("index point|index points", "point", "index point", "other", "")

#: exact-case forms (unit symbols such as "MHz", "mW", "F"; currency codes after a number)
CASED: dict[tuple[str, ...], UnitDef] = {}
#: symbols that must touch the number, or stand before punctuation ("5A,", "1.6×10−19 C.")
SHORT_SYMBOLS = frozenset({"A", "V", "W", "F", "C", "N", "J", "Ω", "Hz", "Pa", "Sv", "Gy", "T"})
for _form, (_unit, _display, _symbol) in lexicon.pint_forms().items():
    _def = UnitDef(
        _unit.expression,
        _display,
        lexicon.dimension_of(_unit.dims),
        None,
        _unit.expression,
    )
    _key = tuple(t.text for t in tokenize(_form))
    _ours = _LEXICON.get(tuple(k.lower() for k in _key))
    if _ours is not None and _form not in SHORT_SYMBOLS:
        if (
            _symbol
            and _ours.code != _form
            and _ours.code.lower() == _form.lower()
            and _ours.dimension == _def.dimension
        ):
            # "mW" is a milliwatt, "MW" a megawatt: where our reading is the same kind of
            # unit with another prefix, the case of the symbol says which
            CASED.setdefault(_key, _def)
        continue  # our own reading wins ("mph", "kW", "Hz" keep their names)
    if _symbol and _form != "kn":
        CASED.setdefault(_key, _def)
    else:
        _LEXICON.setdefault(tuple(k.lower() for k in _key), _def)

_CURRENCIES = lexicon.currencies()
#: ISO codes written as words that are also ordinary capitalised words
_WORDLIKE_CODES = wordset("ALL CUP TOP PEN MAD BAM MOP SOS BOB GEL AMD CVE")
CURRENCY_CODES = frozenset(
    c for c in _CURRENCIES.codes | {"RMB", "HRK"} if c not in _WORDLIKE_CODES
)
for _code in CURRENCY_CODES:
    CASED.setdefault((_code,), currency_unit("CNY" if _code == "RMB" else _code))
_NOT_CURRENCY_WORDS = wordset(
    "account code funds gold silver platinum palladium value mark marks real reals kip kips sol "
    "soles dram drams pula tala lek leu lei som soms"
)
for _name, _code in sorted(_CURRENCIES.names.items()):
    known = tuple(t.low for t in tokenize(_name)) in _LEXICON
    if (_code in _CURRENCIES.codes or _code == "HRK") and not known:
        _money(_name, _code)
for _head, _code in sorted(_CURRENCIES.heads.items()):
    key = (_head,)
    if _head not in _NOT_CURRENCY_WORDS and key not in _LEXICON and _code in _CURRENCIES.codes:
        _money(_head, _code)
#: symbols written with letters before a number ("RM450", "R35", "kn 300", "Rs 40"): exact case;
#: a one-letter symbol must touch the number
LETTER_SYMBOLS: dict[str, str] = {
    s: c
    for s, c in _CURRENCIES.symbols.items()
    if s.isalpha() and (len(s) > 1 or s == "R") and c in _CURRENCIES.codes
}
LETTER_SYMBOLS.update({"kn": "HRK", "PS": "GBP", "Rs": "INR"})
for _sign, _code in _CURRENCIES.symbols.items():
    if not _sign.isalpha() and " " not in _sign and "\u202f" not in _sign:
        CURRENCY_SYMBOLS.setdefault(_sign.lower(), _code)
#: "$US12.5m", "$A4.1m", "$NZ": the country letters after the sign
REVERSED_DOLLARS: dict[str, str] = {
    k[:-1]: v for k, v in CURRENCY_SYMBOLS.items() if k.endswith("$") and k[:-1].isalpha()
}

LEXICON: dict[tuple[str, ...], UnitDef] = _LEXICON
MAX_UNIT_TOKENS = max(len(k) for k in LEXICON)
#: units whose plural form says the count is more than one ("two years", not "two year")
UNIT_FIRST_TOKENS = frozenset(k[0] for k in LEXICON)

PERCENT = LEXICON[("%",)]
RATIO = UnitDef("ratio", "ratio", "ratio", None, None)
TIMES = UnitDef("times", "times", "ratio", None, None)
AGE_YEAR = UnitDef("year", "year", "age", None, "year")
COUNT = UnitDef("count", "", "count", None, None)


@lru_cache(maxsize=1)
def _registry() -> Any:
    import pint  # lazy: building the registry takes a noticeable fraction of a second

    return pint.UnitRegistry()


def pint_expression(code: str) -> str | None:
    """The pint expression behind a physical unit code, or None (money, counts, percent...)."""
    for unit in LEXICON.values():
        if unit.code == code and unit.currency is None:
            if unit.dimension in ("percent", "count", "ratio"):
                return None
            return unit.pint
    return None


_SI_PREFIXES = {"k": 3, "M": 6, "G": 9, "T": 12, "P": 15, "m": -3, "µ": -6, "u": -6, "n": -9}


def _prefixed(code: str) -> tuple[int, str]:
    if len(code) > 1 and code[0] in _SI_PREFIXES and code[1:2].isalpha():
        return _SI_PREFIXES[code[0]], code[1:]
    return 0, code


def prefix_factor(source: UnitDef, target: UnitDef) -> Decimal | None:
    """What one ``source`` is in ``target`` units when they differ only by an SI prefix
    ("GHz" in "MHz" is 1000), without building pint's registry; None otherwise."""
    if source.dimension != target.dimension or source.currency or target.currency:
        return None
    (p_src, base_src), (p_dst, base_dst) = _prefixed(source.code), _prefixed(target.code)
    if base_src != base_dst or p_src == p_dst or not base_src:
        return None
    return Decimal(10) ** (p_src - p_dst)


def convert(value: Decimal, code: str, target: str) -> Decimal:
    """Convert between two physical unit codes through pint ("km2" -> "mi2")."""
    src, dst = pint_expression(code), pint_expression(target)
    if src is None or dst is None:
        raise ValueError(f"cannot convert {code!r} to {target!r}")
    ureg = _registry()
    quantity = ureg.Quantity(float(value), ureg(src).units if src[0].isalpha() else ureg(src))
    result = quantity.to(ureg(dst).units if dst[0].isalpha() else ureg(dst))
    return Decimal(str(round(float(result.magnitude), 9)))
