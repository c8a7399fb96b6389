"""How a speaker is written down: a role or descriptor before a name is dropped ("Finance
Minister Nicola Willis" -> "Nicola Willis", "consultancy AgriFocus" -> "AgriFocus"), and the
body whose data it is speaks for its data ("Eurostat's figures" -> "Eurostat")."""

from __future__ import annotations

import re

from .attribution import CONNECTORS
from .sentences import wordset

#: words naming a role before a name: "Finance Minister Nicola Willis" is "Nicola Willis"
ROLE_WORDS = wordset(
    """minister president chancellor secretary governor chief executive officer spokesman
    spokeswoman spokesperson director chairman chairwoman chair ceo cfo coach manager mayor
    senator general commander professor economist analyst strategist agency group firm company
    regulator broker operator lobby association envoy ambassador premier leader head founder
    prosecutor judge inspector superintendent commissioner"""
)


_DATA_FROM = re.compile(
    r"^(?:(?:the|a|an|new|latest|official|preliminary|provisional|annual|monthly)\s+)*(?:data|"
    r"figures|statistics|numbers|estimates|note|report|research|analysis|survey|poll|study|"
    r"tally|count|review|audit)\s+(?:(?:published|released|compiled|conducted|carried out|"
    r"issued)\s+)?(?:from|by)\s+(?:the\s+)?(.+)$",
    re.IGNORECASE,
)


_OWNED_DATA = re.compile(
    r"^(.+?)['’]s\s+(?:(?:own|latest|new|monthly|annual|quarterly|weekly|official|preliminary|"
    r"provisional|final)\s+)*(?:figures|data|report|statistics|estimates?|survey|analysis|count|"
    r"tally|numbers|calculations|records)$",
    re.IGNORECASE,
)


#: the head nouns of data a body owns: "the ministry's own figures show"
OWNED_HEADS = wordset(
    "figures data report statistics estimate estimates survey analysis count tally numbers records"
)


def owner(speaker: str) -> str:
    """ "Eurostat's figures" -> "Eurostat", "the agency's monthly report" -> "the agency": the
    body whose data it is speaks."""
    m = _OWNED_DATA.match(speaker)
    return m.group(1) if m is not None else speaker


#: what a body is, written before its name: "consultancy AgriFocus", "broker Numis"
_DESCRIPTORS = wordset(
    """consultancy consultant broker brokerage carmaker automaker miner lender insurer airline
    retailer chipmaker drugmaker brewer pollster researcher analyst economist strategist
    watchdog regulator operator developer supplier shipper refiner producer exporter trader
    website portal app platform startup"""
)


def tidy(speaker: str) -> str:
    """ "economists'" -> "economists"; "Prime Minister Michel Barnier" -> "Michel Barnier";
    "the Swedish weather agency SMHI" -> "SMHI", "listings site Zumper" -> "Zumper"."""
    speaker = owner(speaker.rstrip("'’").strip())
    data = _DATA_FROM.match(speaker)
    if data is not None:
        speaker = data.group(1)  # "data from the Rating and Valuation Department"
    words = speaker.split()
    if (
        len(words) >= 2
        and words[0].lower() in _DESCRIPTORS
        and all(w[:1].isupper() for w in words[1:])
    ):
        return " ".join(words[1:])  # "Consultancy AgriFocus" opening a sentence
    k = len(words)
    while k > 0 and (words[k - 1][:1].isupper() or (words[k - 1] == "&" and k < len(words))):
        k -= 1  # "broker Halvorsen & Lund"
    if (
        0 < k < len(words)
        and words[k - 1].islower()
        and words[k - 1]
        not in CONNECTORS
        | {
            "in",
            "at",
            "from",
            "on",
            "by",
            "with",
            "to",
        }
    ):
        return " ".join(words[k:])  # a descriptor, then the name
    last_role = max((i for i, w in enumerate(words) if w.lower() in ROLE_WORDS), default=-1)
    rest = words[last_role + 1 :]
    named = last_role >= 0 and rest and all(w[:1].isupper() or w == "&" for w in rest)
    if named and (len(rest) >= 2 or words[last_role].islower()):  # but "Mayor Ortiz" stays
        return " ".join(rest)
    return speaker
