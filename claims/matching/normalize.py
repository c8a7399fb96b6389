"""A figure's quantity in canonical units, and the words that say what it is about.

:func:`normalize` turns the stored quantity (value or low/high, unit code, unit name,
dimension, currency, per) into a :class:`NormalQuantity`:

* physical units go to pint's base units (``km2`` and ``square mile`` both become
  ``meter ** 2``; tonnes and short tons ``kilogram``; hours and days ``second``), the
  magnitude scaled to match; temperatures go to kelvin (offsets included);
* money keeps its ISO 4217 code, cents and pence count as hundredths of it; no exchange
  rates, so USD and EUR never compare;
* a rate's time basis becomes "per year" ("US$2,000 a month" is 24,000 USD/year) and its
  other bases are lemmatised and sorted ("month/soldier" -> ``USD/soldier/year``);
* counted things compare by their lemmatised head noun ("kidney transplants" ->
  ``count:transplant``); percent, percentage points (basis points are hundredths of one),
  ratios and index points each stay on their own.

Two figures are comparable only when their ``dimension`` and ``unit`` are equal. pint's
registry is built lazily, once; each unit's factor is cached, so normalising costs a dict
look-up after the first figure in a unit.
"""

from __future__ import annotations

import hashlib
import math
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Any

import snowballstemmer

from claims.extraction.context import is_speech_time
from claims.extraction.nouns import singular
from claims.extraction.units import LEXICON

from .lexicon import (
    CAPITAL_PHRASES,
    COUNT_CLASS,
    DEMONYMS,
    MODIFIER_KINDS,
    MORE_SYNONYMS,
    PHRASES,
)

#: unit names (lower case) -> pint expression, beyond those in the extractor's lexicon
_EXTRA_PINT: dict[str, str] = {
    "short ton": "short_ton",
    "long ton": "long_ton",
    "metric ton": "t",
    "ton": "t",
    "tons": "t",
    "tonne": "t",
    "kilometre": "km",
    "kilometer": "km",
    "square kilometre": "km**2",
    "square kilometer": "km**2",
    "square mile": "mi**2",
    "square metre": "m**2",
    "square meter": "m**2",
    "square foot": "ft**2",
    "hectare": "hectare",
    "acre": "acre",
    "hertz": "Hz",
    "kilohertz": "kHz",
    "megahertz": "MHz",
    "gigahertz": "GHz",
    "volt": "V",
    "kilovolt": "kV",
    "ampere": "A",
    "amp": "A",
    "milliampere": "mA",
    "farad": "F",
    "microfarad": "uF",
    "pascal": "Pa",
    "kilopascal": "kPa",
    "megapascal": "MPa",
    "gigapascal": "GPa",
    "ksi": "ksi",
    "psi": "psi",
    "bar": "bar",
    "sievert": "Sv",
    "millisievert": "mSv",
    "microsievert": "uSv",
    "roentgen": "roentgen",
    "knot": "knot",
    "rpm": "rpm",
    "revolution per minute": "rpm",
    "mile per gallon": "mile/gallon",
    "kilometre per litre": "km/l",
    "horsepower": "hp",
    "brake horsepower": "hp",
    "pound-foot": "lbf*ft",
    "pound-feet": "lbf*ft",
    "newton-metre": "N*m",
    "newton metre": "N*m",
    "degree celsius": "degC",
    "degree fahrenheit": "degF",
    "kelvin": "K",
    "litre": "l",
    "liter": "l",
    "millilitre": "ml",
    "cubic metre": "m**3",
    "billion cubic metres": "1e9*m**3",
    "barrel": "oil_barrel",
    "gallon": "gallon",
    "millimetre": "mm",
    "centimetre": "cm",
    "metre": "m",
    "meter": "m",
    "mile": "mi",
    "nautical mile": "nautical_mile",
    "inch": "inch",
    "foot": "ft",
    "yard": "yd",
    "gram": "g",
    "kilogram": "kg",
    "milligram": "mg",
    "ounce": "oz",
    "troy ounce": "troy_ounce",
    "metric tonne": "t",
    "cubic foot": "ft**3",
    "cubic kilometre": "km**3",
    "byte": "B",
    "kilobyte": "kB",
    "megabyte": "MB",
    "gigabyte": "GB",
    "terabyte": "TB",
    "petabyte": "PB",
    "second": "s",
    "minute": "min",
    "hour": "h",
    "day": "day",
    "week": "week",
    "fortnight": "fortnight",
    "month": "month",
    "quarter": "3*month",
    "year": "year",
    "decade": "decade",
    "century": "century",
    "watt": "W",
    "kilowatt": "kW",
    "megawatt": "MW",
    "gigawatt": "GW",
    "terawatt": "TW",
    "kilowatt-hour": "kWh",
    "megawatt-hour": "MWh",
    "gigawatt-hour": "GWh",
    "terawatt-hour": "TWh",
    "joule": "J",
    "megajoule": "MJ",
    "calorie": "kcal",
    "kilometre per hour": "km/h",
    "mile per hour": "mile/hour",
    "metre per second": "m/s",
    "megabit per second": "Mbit/s",
    "gigabit per second": "Gbit/s",
}
#: money subunits: unit name -> (fraction of the main unit, ISO code when none is given)
_SUBUNITS: dict[str, tuple[float, str]] = {
    "cent": (0.01, "USD"),
    "penny": (0.01, "GBP"),
    "pence": (0.01, "GBP"),
    "sen": (0.01, "MYR"),
    "kopek": (0.01, "RUB"),
    "kopeck": (0.01, "RUB"),
    "paisa": (0.01, "INR"),
    "centime": (0.01, "EUR"),
}
#: money named without a code -> the ISO code it is read as
_MONEY_NAMES: dict[str, str] = {
    **dict.fromkeys(["dollar", "dollars", "us dollar", "us dollars"], "USD"),
    **dict.fromkeys(["euro", "euros"], "EUR"),
    **dict.fromkeys(["pound sterling", "sterling"], "GBP"),
    **dict.fromkeys(["yen"], "JPY"),
    **dict.fromkeys(["yuan", "renminbi"], "CNY"),
    **dict.fromkeys(["rupee", "rupees"], "INR"),
    **dict.fromkeys(["rouble", "roubles", "ruble", "rubles"], "RUB"),
    **dict.fromkeys(["won"], "KRW"),
}
_CODE_PINT: dict[str, str] = {}
_NAME_PINT: dict[str, str] = {}
for _unit in LEXICON.values():
    if _unit.currency is None and _unit.pint and _unit.dimension not in ("percent", "count"):
        _CODE_PINT.setdefault(_unit.code, _unit.pint)
        _NAME_PINT.setdefault(_unit.name.lower(), _unit.pint)
_NAME_PINT.update(_EXTRA_PINT)

#: a rate's time bases -> how many of them make a year
PER_YEAR: dict[str, float] = {
    "second": 365.25 * 86400,
    "minute": 365.25 * 1440,
    "hour": 365.25 * 24,
    "day": 365.25,
    "night": 365.25,
    "week": 365.25 / 7,
    "fortnight": 365.25 / 14,
    "month": 12.0,
    "quarter": 4.0,
    "year": 1.0,
    "annum": 1.0,
    "decade": 0.1,
    # written as adverbs ("paid monthly", "an annual fee")
    "hourly": 365.25 * 24,
    "daily": 365.25,
    "weekly": 365.25 / 7,
    "monthly": 12.0,
    "quarterly": 4.0,
    "annual": 1.0,
    "annually": 1.0,
    "yearly": 1.0,
}
_PERCENTLIKE: dict[str, tuple[str, float]] = {
    "percent": ("percent", 1.0),
    "per cent": ("percent", 1.0),
    "%": ("percent", 1.0),
    "percentage point": ("pp", 1.0),
    "point": ("pp", 1.0),
    "pp": ("pp", 1.0),
    "basis point": ("pp", 0.01),
    "bp": ("pp", 0.01),
    "index point": ("index point", 1.0),
    "ratio": ("ratio", 1.0),
    "times": ("ratio", 1.0),
}
#: words that name the same thing in news copy, folded together for matching
SYNONYMS: dict[str, str] = {
    "trip": "voyage",
    "journey": "voyage",
    "sailing": "voyage",
    "passage": "voyage",
    "troop": "soldier",
    "serviceman": "soldier",
    "servicemen": "soldier",
    "fighter": "soldier",
    "dead": "death",
    "killed": "death",
    "kill": "death",
    "fatality": "death",
    "toll": "death",
    "died": "death",
    "life": "death",
    "lives": "death",
    "injured": "injury",
    "wounded": "injury",
    "hurt": "injury",
    "people": "person",
    "resident": "person",
    "individual": "person",
    "cost": "price",
    "costs": "price",
    "priced": "price",
    "premium": "insurance",
    "cover": "insurance",
    "coverage": "insurance",
    "insurer": "insurance",
    "km": "kilometre",
    "kilometer": "kilometre",
    "territory": "land",
    "ground": "land",
    "wage": "pay",
    "salary": "pay",
    "paid": "pay",
    "paying": "pay",
    "earnings": "pay",
    "jobless": "unemployment",
    "unemployed": "unemployment",
    "displaced": "refugee",
    "evacuee": "refugee",
    "homes": "house",
    "home": "house",
    "dwelling": "house",
    "sales": "sale",
    "sold": "sale",
    "exports": "export",
    "exported": "export",
    "shipments": "export",
    "imports": "import",
    "imported": "import",
    "harvest": "crop",
    "output": "production",
    "produced": "production",
    "yield": "crop",
    "budget": "spending",
    "spend": "spending",
    "spent": "spending",
    "expenditure": "spending",
    "outlay": "spending",
    "us": "american",
    "u.s.": "american",
    "america": "american",
    "uk": "british",
    "britain": "british",
}
STOPWORDS = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "from",
        "by",
        "with",
        "and",
        "or",
        "but",
        "nor",
        "as",
        "than",
        "that",
        "which",
        "who",
        "whom",
        "whose",
        "this",
        "these",
        "those",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "has",
        "have",
        "had",
        "will",
        "would",
        "can",
        "may",
        "might",
        "must",
        "should",
        "shall",
        "do",
        "does",
        "did",
        "not",
        "no",
        "now",
        "still",
        "also",
        "already",
        "just",
        "only",
        "more",
        "less",
        "most",
        "least",
        "each",
        "per",
        "every",
        "over",
        "under",
        "into",
        "onto",
        "about",
        "after",
        "before",
        "since",
        "while",
        "during",
        "against",
        "among",
        "between",
        "up",
        "down",
        "out",
        "off",
        "so",
        "such",
        "it",
        "its",
        "they",
        "them",
        "their",
        "he",
        "she",
        "his",
        "her",
        "we",
        "our",
        "you",
        "your",
        "i",
        "my",
        "me",
        "us",
        "there",
        "here",
        "then",
        "when",
        "where",
        "why",
        "how",
        "all",
        "both",
        "some",
        "any",
        "many",
        "much",
        "few",
        "several",
        "last",
        "next",
        "ago",
        "later",
        "earlier",
        "alone",
        "apiece",
        "respectively",
        "including",
        "like",
        "according",
        "said",
        "says",
        "say",
        "told",
        "tell",
        "reported",
        "report",
        "reports",
        "estimated",
        "estimate",
        "assessed",
        "if",
        "because",
        "though",
        "although",
        "across",
        "around",
        "near",
        "within",
        "without",
        "toward",
        "towards",
        "through",
        "throughout",
        "via",
        "cent",
        "percent",
        "away",
        "back",
        "instead",
        "even",
        "ever",
        "never",
        "again",
        "too",
        "very",
        "further",
        "yet",
        "once",
        "twice",
        "thus",
        "new",
        "figure",
        "figures",
        "number",
        "total",
        "some",
        "nearly",
        "roughly",
        "almost",
        "approximately",
        "least",
        "most",
        "rose",
        "fell",
        "rise",
        "fall",
        "risen",
        "fallen",
        "climbed",
        "climb",
        "jumped",
        "dropped",
        "increased",
        "decreased",
        "grew",
        "reached",
        "hit",
        "stood",
        "stands",
        "put",
        "set",
        "around",
        "year",
        "years",
        "month",
        "months",
        "week",
        "weeks",
        "day",
        "days",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "hundred",
        "thousand",
        "million",
        "billion",
        "trillion",
        "dozen",
        "dozens",
        "hundreds",
        "thousands",
        "millions",
        "billions",
        "tens",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "yesterday",
        "today",
        "tomorrow",
        "says",
        "saying",
        "added",
        "noted",
        "official",
        "officials",
        "spokesman",
        "spokeswoman",
        "spokesperson",
    ]
)
SYNONYMS.update(MORE_SYNONYMS)
SYNONYMS.update(DEMONYMS)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’.-]*[A-Za-z]|[A-Za-z]")
_STEMMER = snowballstemmer.stemmer("english")
#: month names that are also words (a march, may)
_MONTH_WORDS = frozenset(["march"])
_CAPITAL = re.compile(r"\b[A-Z][a-z]+(?:[-'’][A-Za-z]+)*")
#: phrases read as one word; those with "capital" in a regex of their own, tried only on a
#: text that has the word (a long alternation costs at every position of every text)
_PHRASE = re.compile(
    r"\b(?:"
    + "|".join(re.escape(p) for p in sorted(PHRASES, key=len, reverse=True) if "capital" not in p)
    + r")\b",
    re.IGNORECASE,
)
_CAPITAL_PHRASE = re.compile(
    r"\b(?:"
    + "|".join(re.escape(p) for p in sorted(PHRASES, key=len, reverse=True) if "capital" in p)
    + r")\b",
    re.IGNORECASE,
)


def _phrase_sub(repl: Any, text: str) -> str:
    """``text`` with every phrase replaced by ``repl`` (a string or a function of the match),
    the longest first, a capital's phrase before the phrases inside it."""
    if "capital" in text.lower():
        text = _CAPITAL_PHRASE.sub(repl, text)
    return _PHRASE.sub(repl, text)


def _phrases_in(text: str) -> list[re.Match[str]]:
    """The phrases of ``text``, as :func:`_phrase_sub` reads them."""
    found: list[re.Match[str]] = []
    if "capital" in text.lower():
        found = list(_CAPITAL_PHRASE.finditer(text))
        text = _CAPITAL_PHRASE.sub(lambda m: " " * len(m.group(0)), text)
    return found + list(_PHRASE.finditer(text))


#: pint base units -> the dimension they measure (the unit decides, not the label on the claim)
_PHYSICAL: dict[str, str] = {
    "meter": "length",
    "meter ** 2": "area",
    "meter ** 3": "volume",
    "kilogram": "mass",
    "second": "duration",
    "meter / second": "speed",
    "kilogram * meter ** 2 / second ** 3": "power",
    "kilogram * meter ** 2 / second ** 2": "energy",
    "bit": "data",
    "bit / second": "data rate",
    "1 / second": "frequency",
    "radian / second": "frequency",
    "radian": "angle",
    "kilogram / meter / second ** 2": "pressure",
    "ampere": "current",
    "kilogram * meter ** 2 / ampere / second ** 3": "voltage",
    "meter ** 2 / second ** 2": "dose",
    "1 / meter ** 2": "fuel economy",
}


@dataclass(frozen=True, slots=True)
class NormalQuantity:
    """A quantity in canonical units. Comparable to another when dimension and unit agree."""

    dimension: str
    unit: str
    low: float
    high: float
    counted: str = ""

    @property
    def mid(self) -> float:
        return (self.low + self.high) / 2


@lru_cache(maxsize=1)
def _registry() -> Any:
    import pint

    return pint.UnitRegistry()


@lru_cache(maxsize=512)
def _pint_base(expression: str) -> tuple[float, str] | None:
    """(factor, base-unit string) of a pint expression; None when pint cannot read it."""
    ureg = _registry()
    try:
        quantity = ureg.parse_expression(expression)
        if not hasattr(quantity, "to_base_units"):
            return None
        base = quantity.to_base_units()
    except Exception:  # pint raises many kinds of errors for an unknown word
        return None
    return float(base.magnitude), str(base.units)


@lru_cache(maxsize=65536)
def lemma(word: str) -> str:
    """A word's lemma for matching: lower case, singular, synonyms folded, stemmed."""
    low = word.lower().strip(".'’-").replace("’", "'")
    if low.endswith("'s"):
        low = low[:-2]
    if low in SYNONYMS:
        return _stem(SYNONYMS[low])
    if (
        low.startswith("re")
        and len(low) >= 6
        and low not in _LEXICON_WORDS
        and (low.endswith(("ed", "ing")) or low[2:] in _LEXICON_WORDS)
        and _STEMMER.stemWord(low[2:]) in _VERB_STEMS
    ):
        return lemma(low[2:])  # "rehired" is hired again, "resold" sold
    one = singular(low) if len(low) > 3 else low
    return _stem(SYNONYMS.get(one, one))


#: "hospitalized", "nationalisation": a verb made of an adjective in -al, whose stem the
#: Snowball stemmer gives to the adjective or noun ("hospital", "national")
_AL_IZE = re.compile(r"^([a-z]{3,}al)i[sz](?:e|es|ed|ing|ation|ations)$")
#: verb and derived forms whose Snowball stem may be a noun's ("training", "terminated")
_VERB_FORMS = ("ing", "ed", "ion", "ions", "ate", "ates", "ated", "ating")


def _lexicon_nouns() -> frozenset[str]:
    """Nouns the lexicon counts or names as things (not people, whose nouns are often the
    verb's: a hire, a recruit): trains, terminals, ships, houses, stations, ports."""
    nouns = {w for w, kind in COUNT_CLASS.items() if kind != "person" and w.isalpha()}
    for group in (*MODIFIER_KINDS["mode"], *MODIFIER_KINDS["actor"]):
        nouns.update(group.split())
    return frozenset(nouns)


_NOUNS = _lexicon_nouns()
_NOUN_STEMS = frozenset(str(_STEMMER.stemWord(singular(n) if len(n) > 3 else n)) for n in _NOUNS)
#: the stems of the verbs of a stage or outcome and of the lexicon's -ed and -ing synonyms
#: ("hired", "sold", "elected"): what a "re-" verb ("rehired", "resold") reaches
_LEXICON_WORDS = frozenset(
    [
        *(w for kind in ("stage", "outcome") for g in MODIFIER_KINDS[kind] for w in g.split()),
        *(w for w in MORE_SYNONYMS if w.endswith(("ed", "ing"))),
        *(v for w, v in MORE_SYNONYMS.items() if w.endswith(("ed", "ing"))),
    ]
)
_VERB_STEMS = frozenset(str(_STEMMER.stemWord(w)) for w in _LEXICON_WORDS)


def _stem(word: str) -> str:
    """Snowball's stem, but for three kinds of word it gives another word's stem: an agent
    noun in -ator keeps its ending (an operator is not operating, a regulator no
    regulation); a verb made of an adjective in -al keeps -ize ("hospitalized" is not the
    hospital); a verb form whose stem is a noun the lexicon counts or names as a thing keeps
    a verb's mark ("training" and "trained" are no trains, "terminated" no terminal)."""
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith("ator") and len(word) > 6:
        return word
    found = _AL_IZE.match(word)
    if found:
        return found.group(1) + "ize"
    stem = str(_STEMMER.stemWord(word))
    if stem in _NOUN_STEMS and word.endswith(_VERB_FORMS) and word not in _NOUNS:
        return stem + "ing"
    return stem


def counted_noun(unit_name: str) -> str:
    """The lemmatised head noun of a counted thing ("kidney transplants" -> "transplant")."""
    words = _WORD.findall(unit_name or "")
    return lemma(words[-1]) if words else ""


def count_class(unit_name: str, *, own_kind: bool = True) -> str:
    """The kind of thing a counted noun counts: "workers" and "jobs" -> "person"; "" if none.

    A capitalised noun ("Canadians", "Britons") counts people. Nouns outside
    :data:`claims.matching.lexicon.COUNT_CLASS` are their own kind (their lemma), or with
    ``own_kind`` False no known kind at all (""): "1.4 million arrivals" and "1.4 million
    visitors", "38 transits" and "40 ships", "15,000 educators" and "40,000 teachers" count
    the same things in other words, and only a noun the lexicon knows says two counts are
    of different kinds (people and ships). Their lemmas still count for relatedness.
    """
    words = _WORD.findall(unit_name or "")
    if not words:
        return ""
    head = words[-1]
    low = singular(head.lower()) if len(head) > 3 else head.lower()
    if len(words) > 1:
        # a name of two words first ("blue helmets", "police officers", "nursing staff")
        phrase = " ".join(w.lower() for w in words[:-1])
        for name in (f"{phrase} {head.lower()}", f"{phrase} {low}"):
            if name in COUNT_CLASS:
                return COUNT_CLASS[name]
    if head.lower() in COUNT_CLASS:
        return COUNT_CLASS[head.lower()]
    if low in COUNT_CLASS:
        return COUNT_CLASS[low]
    if head[:1].isupper() and head[1:].islower():
        return "person"
    return lemma(head) if own_kind else ""


#: an acronym as written ("WHO", "IMF", "NGOs")
_ACRONYM = re.compile(r"\b([A-Z]{2,6})s?\b")
#: a run of capitalised words, small words between them ("Bank of England")
_NAME_RUN = re.compile(r"\b[A-Z][a-z]+(?:\s+(?:(?:of|for|and|on|the)\s+)?[A-Z][a-z]+)+")
_RUN_SMALL = frozenset(["of", "for", "and", "on", "the"])
_RUN_OPENERS = frozenset(["the", "a", "an", "in", "on", "at", "by", "for", "from", "of", "as"])


def acronyms(text: str | None) -> frozenset[str]:
    """The acronyms a text writes or implies, lower case: "WHO" as written, and "who" for
    "the World Health Organization", "imf" for "International Monetary Fund", "boe" and "be"
    for "Bank of England", so a name and its acronym meet."""
    out: set[str] = set()
    for m in _ACRONYM.finditer(text or ""):
        out.add(m.group(1).lower())
    for m in _NAME_RUN.finditer(text or ""):
        words = m.group(0).split()
        while words and words[0].lower() in _RUN_OPENERS:
            words = words[1:]
        big = [w for w in words if w.lower() not in _RUN_SMALL]
        if len(big) < 3:
            continue  # two-word names ("South Sudan", "Hong Kong") are rarely abbreviated
        out.add("".join(w[0] for w in big).lower())
        out.add("".join(w[0] for w in words).lower())
    return frozenset(out)


def terms(*texts: str | None) -> frozenset[str]:
    """The content words of some texts, lemmatised (stopwords and numbers dropped), and the
    acronyms they write or imply (:func:`acronyms`)."""
    out: set[str] = set()
    for text in texts:
        out.update(lemma(a) for a in acronyms(text))
        found: list[str] = []

        def phrase(m: re.Match[str], found: list[str] = found) -> str:
            found.append(PHRASES[m.group(0).lower()])
            return " "

        text = _phrase_sub(phrase, text or "")
        # a phrase's word counts even when it is a stopword ("United States" -> "us")
        out.update(lemma(w) for w in found)
        for word in _WORD.findall(text):
            low = word.lower()
            if (low in STOPWORDS and low not in _MONTH_WORDS) or len(low) < 2:
                continue
            if low in _MONTH_WORDS and word[:1].isupper():
                continue  # "March" the month; "march" the protest is a word
            parts = [low, *low.split("-")] if "-" in low else [low]
            for part in parts:
                if part in STOPWORDS or (len(part) > 3 and singular(part) in STOPWORDS):
                    continue
                lem = lemma(part)
                if lem and len(lem) > 1:
                    out.add(lem)
    return frozenset(out)


@lru_cache(maxsize=65536)
def subject_names(subject: str | None) -> frozenset[str]:
    """The proper names in a subject, lemmatised: its capitalised words ("Sydney's median
    house price" -> {"sydney"}; "Spanish inflation" -> {"spain"}). Subjects are phrases, not
    sentences, so a capital there marks a name."""
    out: set[str] = {lemma(a) for a in acronyms(subject)}
    for m in _phrases_in(subject or ""):
        written = m.group(0).lower()
        # "United States", "European Union"; "the capital of Spain" names Madrid
        if m.group(0)[:1].isupper() or written in CAPITAL_PHRASES:
            out.add(lemma(PHRASES[written]))
    for word in _CAPITAL.findall(_phrase_sub(" ", subject or "")):
        if word.lower() in STOPWORDS:
            continue
        out.add(lemma(word))
    return frozenset(out)


@lru_cache(maxsize=65536)
def figure_as_of(as_of: str | None, text: str | None) -> str:
    """The time a figure refers to, without the time it was said: an ``as_of`` that the
    sentence only attaches to a speech verb ("the ministry said on Monday", "told reporters
    on Tuesday") dates the saying, so two reports of one figure on two days do not read as
    a later figure replacing an earlier one. Claims stored before the extractor knew this
    still carry such an ``as_of``."""
    as_of = (as_of or "").strip()
    if not as_of or not text:
        return as_of
    found = list(re.finditer(r"\b" + re.escape(as_of) + r"\b", text, re.IGNORECASE))
    if found and all(is_speech_time(text, m.start(), m.end()) for m in found):
        return ""
    return as_of


def _number(raw: Any) -> float | None:
    if raw is None or raw == "":
        return None
    try:
        return float(Decimal(str(raw)))
    except (ArithmeticError, ValueError):
        return None


#: unit names as news copy abbreviates them -> the singular English name
_UNIT_ABBREVIATIONS: dict[str, str] = {
    "km": "kilometre",
    "kms": "kilometre",
    "kg": "kilogram",
    "kgs": "kilogram",
    "mm": "millimetre",
    "cm": "centimetre",
    "mi": "mile",
    "ft": "foot",
    "lb": "pound",
    "lbs": "pound",
    "oz": "ounce",
    "sq km": "square kilometre",
    "sq. km": "square kilometre",
    "km2": "square kilometre",
    "km²": "square kilometre",
    "sq mi": "square mile",
    "sq. mi": "square mile",
    "mi²": "square mile",
    "sq ft": "square foot",
    "m2": "square metre",
    "m²": "square metre",
    "m3": "cubic metre",
    "m³": "cubic metre",
    "ha": "hectare",
    "km/h": "kilometre per hour",
    "kph": "kilometre per hour",
    "kmh": "kilometre per hour",
    "mph": "mile per hour",
    "kw": "kilowatt",
    "mw": "megawatt",
    "gw": "gigawatt",
    "kwh": "kilowatt-hour",
    "mwh": "megawatt-hour",
    "gwh": "gigawatt-hour",
    "twh": "terawatt-hour",
    "°c": "degree celsius",
    "°f": "degree fahrenheit",
    "ml": "millilitre",
    "bbl": "barrel",
    "bcm": "billion cubic metres",
    "hr": "hour",
    "hrs": "hour",
    "yr": "year",
    "yrs": "year",
    "celsius": "degree celsius",
    "fahrenheit": "degree fahrenheit",
    "centigrade": "degree celsius",
    "degree centigrade": "degree celsius",
}
#: words of a unit name that are not plurals ("celsius", "gas")
_NOT_PLURAL = frozenset(["celsius", "gas", "per", "us", "metres", "bus", "lbs"])


@lru_cache(maxsize=1024)
def canonical_unit_name(name: str) -> str:
    """A unit name as the lexicon writes it: lower case, singular, British spelling, not
    abbreviated ("miles per hour" -> "mile per hour", "km²" -> "square kilometre",
    "degrees Celsius" -> "degree celsius", "centimeters" -> "centimetre")."""
    low = " ".join((name or "").lower().split())
    if low in _UNIT_ABBREVIATIONS:
        return _UNIT_ABBREVIATIONS[low]
    words = [w if w in _NOT_PLURAL or len(w) <= 3 else singular(w) for w in low.split()]
    out = " ".join(words).replace("meter", "metre").replace("liter", "litre")
    return _UNIT_ABBREVIATIONS.get(out, out)


def _temperature(name: str, code: str) -> str | None:
    key = (code or name).lower()
    if key in ("degc", "degree celsius", "celsius"):
        return "C"
    if key in ("degf", "degree fahrenheit", "fahrenheit"):
        return "F"
    if key in ("k", "kelvin"):
        return "K"
    return None


def _to_kelvin(value: float, scale: str) -> float:
    if scale == "C":
        return value + 273.15
    if scale == "F":
        return (value - 32) * 5 / 9 + 273.15
    return value


def _base(*, unit: str, unit_name: str, dimension: str, currency: str) -> tuple[str, str, float]:
    """(dimension, canonical unit, factor) for the figure's own unit (rate bases aside)."""
    name = " ".join((unit_name or "").lower().split())
    code = (unit or "").strip()
    currency = (currency or "").upper()
    if name in _SUBUNITS or code.lower() in _SUBUNITS:
        fraction, default = _SUBUNITS.get(name) or _SUBUNITS[code.lower()]
        return "currency", currency or default, fraction
    if currency:
        return "currency", currency, 1.0
    if name in _MONEY_NAMES and (dimension in ("currency", "rate") or not dimension):
        # "dollars" with no code given: the code the extractor reads for a bare "$"
        return "currency", _MONEY_NAMES[name], 1.0
    if dimension == "currency":
        return "currency", (code.upper() if len(code) == 3 else name or "money"), 1.0
    if dimension == "age":
        if name in ("month", "months") or code == "month":
            return "age", "year", 1 / 12
        return "age", "year", 1.0
    if dimension in ("count",) and name not in _NAME_PINT and name not in _PERCENTLIKE:
        return "count", "count:" + count_class(unit_name, own_kind=False), 1.0
    name = canonical_unit_name(name)
    for key in (name, code.lower()):
        if key in _PERCENTLIKE:
            label, factor = _PERCENTLIKE[key]
            return ("percent" if label in ("percent", "pp") else "ratio"), label, factor
    if dimension == "percent":
        return "percent", "percent", 1.0
    if dimension == "ratio":
        return "ratio", "ratio", 1.0
    expression = _NAME_PINT.get(name) or _CODE_PINT.get(code) or (_NAME_PINT.get(code.lower()))
    if expression is None and name.endswith("s"):
        expression = _NAME_PINT.get(name[:-1])
    if expression:
        base = _pint_base(expression)
        if base is not None:
            factor, units = base
            return _PHYSICAL.get(units, "physical"), units, factor
    if not name and code in ("", "count"):
        return "count", "count:", 1.0
    return (dimension or "other"), "other:" + counted_noun(name or code), 1.0


#: a trip as the base of a rate ("per voyage", "per transit", "per trip")
_VOYAGE = "voyag"

#: time bases of a wage, in hours
_WORK_TIME = {"hour": 1.0, "minute": 1 / 60, "second": 1 / 3600}


def _per_physical(part: str, word: str) -> tuple[float, str] | None:
    """(factor, base unit) of a physical rate base ("pound", "tonne", "barrel"); None if not."""
    expression = _NAME_PINT.get(part) or _NAME_PINT.get(word)
    if expression is None or word in PER_YEAR:
        return None
    return _pint_base(expression)


def normalize(
    *,
    value: Any = None,
    low: Any = None,
    high: Any = None,
    unit: str = "",
    unit_name: str = "",
    dimension: str = "",
    currency: str = "",
    per: str = "",
) -> NormalQuantity | None:
    """The quantity in canonical units, or None when it has no number at all."""
    v, lo, hi = _number(value), _number(low), _number(high)
    lo = lo if lo is not None else (v if v is not None else hi)
    hi = hi if hi is not None else (v if v is not None else lo)
    if lo is None or hi is None:
        return None
    scale = _temperature(canonical_unit_name(unit_name), unit)
    if scale is not None and not per:
        a, b = sorted((_to_kelvin(lo, scale), _to_kelvin(hi, scale)))
        return NormalQuantity("temperature", "kelvin", a, b)
    base = _base(unit=unit, unit_name=unit_name, dimension=dimension, currency=currency)
    kind, canonical, factor = base
    bases = [" ".join(p.split()).lower() for p in (per or "").split("/") if p.strip()]
    per_time = 1.0
    has_time = False
    others: list[str] = []
    for part in bases:
        word = part.split()[-1] if part.split() else part
        word = singular(word) if word not in PER_YEAR else word
        physical = _per_physical(part, word)
        if kind == "currency" and word in _WORK_TIME:
            # money per hour of work is a wage: not a yearly sum of 8,766 hours
            factor /= _WORK_TIME[word]
            others.append("hour")
        elif word in PER_YEAR:
            per_time *= PER_YEAR[word]
            has_time = True
        elif physical is not None:
            # per pound and per tonne compare: the base in its pint base unit
            factor /= physical[0]
            others.append(physical[1].replace(" ", ""))
        elif word in ("head", "capita"):
            others.append("person")  # "per head", "per capita"
        else:
            # counted bases by their kind: per soldier and per troop, per box and per container
            trip = lemma(word) == _VOYAGE
            others.append(lemma(word) if trip else count_class(word) or lemma(word))
    if bases:
        canonical = "/".join([canonical, *sorted(others), *(["year"] if has_time else [])])
        kind = "rate:" + kind
    factor *= per_time
    a, b = sorted((lo * factor, hi * factor))
    counted = counted_noun(unit_name) if kind in ("count", "rate:count") else ""
    return NormalQuantity(kind, canonical[:120], a, b, counted)


#: how many words of a claim, and of a query, go into the index keys
KEY_WORDS = 40
QUERY_WORDS = 12
#: how many of them the look-up for claims sharing two words combines
PAIR_WORDS = 6
#: buckets are powers of two of the magnitude; a query looks this many buckets each way
KEY_REACH = 3
_KEY_CHAR = re.compile(r"[^a-z0-9]")


def unit_key(dimension: str, unit: str) -> str:
    """A short token for the unit a figure compares in (counts: their basis, any noun)."""
    if dimension in ("count", "rate:count"):
        unit = unit.partition("/")[2]
    digest = hashlib.md5(f"{dimension}|{unit}".encode(), usedforsecurity=False).hexdigest()
    return "k" + digest[:6]


def buckets(low: float, high: float) -> list[str]:
    """The magnitude buckets a value or range falls in: "p" or "n" and a power of two."""
    out: list[str] = []
    for sign, lo, hi in (("p", low, high), ("n", -high, -low)):
        if hi <= 0:
            continue
        lo = max(lo, hi / 8, 1e-300)
        first, last = math.floor(math.log2(lo)), math.floor(math.log2(hi))
        out += [f"{sign}{b + 400}" for b in range(first, last + 1)]
    if low <= 0 <= high:
        out.append("z")
    return out


def _key_word(word: str) -> str:
    return _KEY_CHAR.sub("", word)


def match_key(q: NormalQuantity | None, words: frozenset[str]) -> str:
    """The claim's index keys: unit, magnitude bucket and word in one token each.

    A GIN index over them (PostgreSQL) finds claims in a compatible unit, within a few
    powers of two, that share a word, without reading the claims that do not.
    """
    if q is None:
        return ""
    prefix = unit_key(q.dimension, q.unit)
    chosen = sorted({w for w in map(_key_word, words) if len(w) > 1})[:KEY_WORDS]
    return " ".join(f"{prefix}{b}{w}" for b in buckets(q.low, q.high) for w in chosen)


def _near_buckets(q: NormalQuantity) -> list[str]:
    near: set[str] = set()
    for b in buckets(q.low, q.high):
        if b == "z":
            near.add(b)
            continue
        sign, power = b[0], int(b[1:])
        near.update(f"{sign}{p}" for p in range(power - KEY_REACH, power + KEY_REACH + 1))
    return sorted(near)


def near_keys(q: NormalQuantity, word: str) -> list[str]:
    """The index keys a look-up near ``q`` reads for one word (one per near bucket)."""
    prefix, w = unit_key(q.dimension, q.unit), _key_word(word)
    return [f"{prefix}{b}{w}" for b in _near_buckets(q)] if len(w) > 1 else []


def key_query(q: NormalQuantity, words: frozenset[str], *, need: int) -> str:
    """A ``to_tsquery('simple', …)`` that finds claims sharing ``words`` near ``q``.

    ``need``: how many of the words a claim must have (each in one of the near buckets);
    all of them, two (any pair), or one.
    """
    prefix = unit_key(q.dimension, q.unit)
    near = _near_buckets(q)
    chosen = sorted({w for w in map(_key_word, words) if len(w) > 1})[:QUERY_WORDS]
    groups = ["(" + " | ".join(f"{prefix}{b}{w}" for b in near) + ")" for w in chosen]
    if not groups:
        return ""
    if need >= len(groups):
        return " & ".join(groups)
    if need == 2:
        # any two of the first PAIR_WORDS words, factored as "a & (b | c …) | b & (c …)":
        # GIN evaluates the query once per claim holding any of the words, so its size is
        # the cost; the pairs written out one by one made it several times as long
        pairs = groups[:PAIR_WORDS]
        return " | ".join(
            f"({x} & ({' | '.join(pairs[i + 1 :])}))" for i, x in enumerate(pairs[:-1])
        )
    return " | ".join(groups)


def normal_fields(claim: Any) -> dict[str, Any]:
    """The derived matching columns of a claim-like object (a Claim or a historical model)."""
    q = normalize(
        value=claim.value,
        low=claim.low,
        high=claim.high,
        unit=claim.unit,
        unit_name=claim.unit_name,
        dimension=claim.dimension,
        currency=claim.currency,
        per=claim.per,
    )
    subject = terms(claim.subject)
    words = terms(claim.subject, claim.statement, claim.place, claim.unit_name) - {""}
    return {
        "match_key": match_key(q, words),
        "norm_dimension": q.dimension if q else "",
        "norm_unit": q.unit if q else "",
        "norm_low": q.low if q else None,
        "norm_high": q.high if q else None,
        "counted": (q.counted if q else "")[:100],
        "subject_terms": " ".join(sorted(subject))[:400],
        "match_terms": " ".join(sorted(words))[:4000],
    }


_READ = ("value", "low", "high", "unit", "unit_name", "dimension", "currency", "per")
_READ_WORDS = ("subject", "statement", "place")


def renormalise_claims(claim_model: Any, connection: Any, *, batch: int = 2000) -> int:
    """Recompute every claim's derived matching columns (:func:`normal_fields`), for a data
    migration: ``claim_model`` is the migration's historical Claim, so only the columns its
    state of the schema has are written. Returns how many claims it read.

    Claims are read in keyset pages of ``batch`` and written with one plain ``UPDATE`` per
    claim whose derived columns changed, sent through ``executemany`` (psycopg pipelines them):
    a migration for a few new readings rewrites the claims they change, not the whole table.
    ``bulk_update`` wrote a ``CASE`` over the whole batch for every column, so each row's
    update walked the batch: quadratic in the batch size, and hours at 1,000,000 claims.
    """
    have = {f.name for f in claim_model._meta.get_fields()}
    fields = [name for name in normal_fields(claim_model(value=1)) if name in have]
    if not fields:
        return 0
    qn = connection.ops.quote_name
    table = claim_model._meta.db_table
    sets = ", ".join(f"{qn(claim_model._meta.get_field(n).column)} = %s" for n in fields)
    sql = f"UPDATE {qn(table)} SET {sets} WHERE {qn('id')} = %s"  # noqa: S608 (names from the model)
    read = list(dict.fromkeys(n for n in (*_READ, *_READ_WORDS, *fields) if n in have))
    last, seen = 0, 0
    while True:
        page = list(claim_model.objects.filter(pk__gt=last).order_by("pk").only(*read)[:batch])
        if not page:
            return seen
        rows = []
        for claim in page:
            derived = normal_fields(claim)
            if all(getattr(claim, n) == derived[n] for n in fields):
                continue  # a claim whose readings did not change is not rewritten
            rows.append([derived[n] for n in fields] + [claim.pk])
        if rows:
            with connection.cursor() as cursor:
                cursor.executemany(sql, rows)
        last, seen = page[-1].pk, seen + len(page)
