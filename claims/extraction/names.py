"""How a speaker is written down: a role or descriptor before a name is dropped ("Finance
Minister Nicola Willis" -> "Nicola Willis", "consultancy AgriFocus" -> "AgriFocus"), and the
body whose data it is speaks for its data ("Eurostat's figures" -> "Eurostat"). A person is
the bare name of the labelling convention (``bare_name``): no honorific, rank, role or
affiliation ("Dr. Amara Osei" -> "Amara Osei", "hydrologist Pieter Claes of the Flemish
Environment Agency" -> "Pieter Claes"); a body keeps its whole name ("Bank of England")."""

from __future__ import annotations

import re
from functools import lru_cache

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


_OUTLET_PIECE = re.compile(
    r"^(?:[Aa]n?|[Tt]he)\s+((?:[A-Z][\w&.'’-]*\s+){0,3}[A-Z][\w&.'’-]*)\s+"
    r"(?:news\s+)?(?:report|story|article|interview|investigation|broadcast)$"
)


def outlet(relay: str) -> str:
    """ "a Bloomberg report" -> "Bloomberg": the outlet a relay's piece is by."""
    m = _OUTLET_PIECE.match(relay)
    return relay if m is None else m.group(1)


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


@lru_cache(maxsize=4096)
def tidy(speaker: str) -> str:
    """ "economists'" -> "economists"; "Prime Minister Michel Barnier" -> "Michel Barnier";
    "Health Commissioner Dr. Ashwin Vasan" -> "Ashwin Vasan" (see ``_tidy`` and ``bare_name``)."""
    return bare_name(_tidy(speaker))


def _tidy(speaker: str) -> str:
    """ "economists'" -> "economists"; "Prime Minister Michel Barnier" -> "Michel Barnier";
    "the Swedish weather agency SMHI" -> "SMHI", "listings site Zumper" -> "Zumper"."""
    speaker = owner(speaker.rstrip("'’").strip())
    data = _DATA_FROM.match(speaker)
    if data is not None:
        speaker = data.group(1)  # "data from the Rating and Valuation Department"
    speaker = bare_name(speaker)  # "Dr. Amara Osei", "Pieter Vos of the Dutch Water Board"
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
    last_role = max(
        (i for i, w in enumerate(words) if any(p in ROLE_WORDS for p in w.lower().split("-"))),
        default=-1,
    )  # "UN Secretary-General Antonio Guterres"
    rest = words[last_role + 1 :]
    named = last_role >= 0 and rest and all(w[:1].isupper() or w == "&" for w in rest)
    # one capitalised name after a role ("Mayor Ortiz", "Agency Ortiz") is left to bare_name,
    # which drops only honorifics and ranks
    if named and (len(rest) >= 2 or words[last_role].islower()):
        return " ".join(rest)
    return speaker


#: honorifics and ranks written before a person's name, dropped by the labelling convention
#: ("Mr. Zelensky" -> "Zelensky", "Lt. Col. Sara Quint" -> "Sara Quint")
HONORIFICS = wordset(
    """mr mrs ms miss mx dr prof professor sir dame rev reverend fr sheikh gen lt lieutenant col
    colonel maj capt captain cmdr commander adm admiral sgt sergeant cpl corporal brig brigadier
    supt insp det
    pte private judge justice mayor senator sen rep representative gov governor president premier
    chancellor minister secretary ambassador commissioner inspector superintendent detective
    chief deputy vice acting coach general major rear former"""
)
#: ranks that also open a body's name ("General Motors", "Major League Baseball", "Justice
#: Department", "Private Eye"): dropped only before a name of two words or more
_AMBIGUOUS_RANKS = wordset("general major private justice chief acting vice deputy rear former")
#: capitalised words that make a phrase a body rather than a person ("Bank of England",
#: "Pieter Vos of the Dutch Water Board" is a person of a body)
BODY_WORDS = wordset(
    """bank ministry department office agency board council commission committee court
    university institute association federation union group company corporation corp inc ltd
    plc llc motors electric mills dynamics assembly staff service services authority trust fund
    foundation society league party police army navy force forces guard center centre survey
    bureau administration organization organisation reserve exchange times news post journal
    herald house hospital school college church museum parliament senate congress government
    cabinet treasury statistics systems partners capital holdings energy airlines airways
    network media press radio television tv club team agencies programme program project
    observatory laboratory lab council consortium alliance coalition front movement republic
    kingdom emirates islands states nations"""
)
#: what a person is, written before the name: a role noun ("hydrologist Pieter Claes",
#: "Economist Priya Nair") known by its shape when not listed
_ROLE_SHAPE = re.compile(
    r"^(?:[a-z]+(?:ologist|ographer|ician|onomist)|spokes(?:wo)?man|spokesperson)$"
)
_PERSON_ROLES = (
    ROLE_WORDS
    | _DESCRIPTORS
    | wordset(
        """lawyer attorney researcher scientist doctor surgeon nurse engineer teacher farmer trader
    banker investor official officer spokesman spokeswoman spokesperson adviser advisor
    consultant expert aide lawmaker legislator activist campaigner organiser organizer
    resident witness worker miner pilot soldier captain colonel sergeant lieutenant detective
    historian academic author editor reporter correspondent planner negotiator mediator
    ombudsman auditor actuary scientist strategist chemist physicist pharmacist dentist
    psychiatrist journalist columnist activist specialist therapist lobbyist novelist
    artist cyclist motorist"""
    )
)
_AFFILIATION = frozenset({"of", "at", "from", "with"})
#: a person of a body, written with the body's possessive: "Nordbank's Henrik Dahl"
_OWNED_NAME = re.compile(
    r"^[A-Z][\w&.-]*(?: [A-Z][\w&.-]*)*['’]s ([A-Z][\w'-]+(?: [A-Z][\w'-]+){1,2})$"
)


def _capitalised(word: str) -> bool:
    return (word[:1].isupper() and not word.isupper()) or (len(word) == 1 and word.isupper())


def _is_name(words: list[str]) -> bool:
    """One to three capitalised words that name nobody but a person: no body word ("Bank"), no
    acronym ("NHS"), no "&"."""
    return 0 < len(words) <= 3 and all(
        (_capitalised(w) or (len(w) == 2 and w.endswith(".")))
        and w.rstrip(".").lower() not in BODY_WORDS
        for w in words
    )


def is_role(word: str) -> bool:
    low = word.rstrip(".").lower()
    return low in _PERSON_ROLES or low in HONORIFICS or _ROLE_SHAPE.match(low) is not None


def bare_name(speaker: str) -> str:
    """A person's name as the labelling convention writes it: without honorifics, ranks, roles
    or affiliation. "Dr. Amara Osei" -> "Amara Osei"; "Lt. Col. Sara Quint" -> "Sara Quint";
    "Hydrologist Pieter Vos of the Dutch Water Board" -> "Pieter Vos"; "Mr Haddad" -> "Haddad".
    A body keeps its whole name ("Bank of England", "General Motors", "Ministry of Defence")."""
    words = speaker.split()
    if len(words) < 2:
        return speaker
    owned = _OWNED_NAME.match(speaker)
    if owned is not None and _is_name(owned.group(1).split()):
        return owned.group(1)  # "Nordbank's Henrik Dahl"
    for i in range(1, len(words) - 4):
        # "U.S. Secretary of State Antony Blinken": a role of several words after a place
        if words[i + 1] == "of" and (words[i].lower() in HONORIFICS or is_role(words[i])):
            if _is_name(words[-2:]) and all(
                _capitalised(w) or w.endswith(".") for w in words[:i] + words[i + 2 :]
            ):
                return " ".join(words[-2:])
            break
    titled = False
    k = 0
    while k < len(words) - 1:
        word = words[k]
        low = word.rstrip(".").lower()
        rest = words[k + 1 :]
        if rest[0] == "of" and (low in HONORIFICS or is_role(word)) and word[:1].isupper():
            # "Secretary of State Antony Blinken", "Minister of Finance Lena Hart": the role's
            # own words, then a name of two words
            end = next((i for i, w in enumerate(rest[1:], 1) if not _capitalised(w)), len(rest))
            if end >= 4 and end == len(rest) and _is_name(rest[end - 2 : end]):
                return " ".join(rest[end - 2 : end])
            break
        if not _capitalised(rest[0]) or rest[0].rstrip(".").lower() in BODY_WORDS:
            break
        if low in HONORIFICS and word[:1].isupper():
            if low in _AMBIGUOUS_RANKS and not word.endswith("."):
                end = next((i for i, w in enumerate(rest) if not _capitalised(w)), len(rest))
                if end < 2 or not _is_name(rest[:end]):
                    break  # "General Motors", "Chief Dana" is not "Chief Dana Holt"
        elif not (k == 0 and is_role(word)):  # "Hydrologist Pieter Vos" opening a sentence
            break
        k += 1
        titled = True
    words = words[k:]
    cut = next((i for i, w in enumerate(words) if w in _AFFILIATION), None)
    if cut is None or cut == 0 or cut == len(words) - 1:
        return " ".join(words)
    org = [w for w in words[cut + 1 :] if w.lower() not in ("the", "a", "an")]
    if not org or not org[0][:1].isupper():
        return " ".join(words)  # "Analysts at the bank"
    start = cut
    while start > 0 and _capitalised(words[start - 1]) and cut - start < 3:
        start -= 1
    name = words[start:cut]
    if start > 0:
        titled = titled or is_role(words[start - 1])  # "analyst Joost Meyer of Rabobank"
        if not titled:
            return " ".join(words)
    if _is_name(name) and (titled or len(name) >= 2):
        return " ".join(name)  # "Pieter Vos of the Dutch Water Board", "Priya Nair at Barclays"
    return " ".join(words)
