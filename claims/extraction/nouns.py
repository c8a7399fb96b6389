"""Counted nouns: "10,000 North Korean soldiers" has unit "soldier", subject "North Korean
soldiers". Without a part-of-speech tagger, the noun phrase is the run of words after the figure
up to a function word or punctuation; its last word is the head, which must look plural unless
the figure is one."""

from __future__ import annotations

from .sentences import WORD, Token, wordset

STOP = wordset(
    """the a an of in on at to for from by with and or but nor as than that which who whom whose
    this these those is are was were be been being has have had will would could can may might
    must should shall do does did not no now still also already just only more less most least
    each per every over under into onto about after before since while during against among
    between up down out off so such it its they them their he she his her we our you your i my
    me us there here then when where why how all both some any many much few several other
    another last next ago later earlier alone apiece respectively including like according
    said says say told reported estimated assessed if because though although across around
    near within without toward towards through throughout via per cent percent away back
    instead even ever never again too very further yet once twice thus worth"""
)
INVARIANT_PLURALS = wordset(
    """people children men women police personnel staff cattle sheep fish troops aircraft feet
    teeth geese mice deer livestock crew military infantry clergy poultry offspring swine
    spacecraft watercraft series species"""
)
PERSON_NOUNS = wordset(
    """girl boy man woman child baby teenager toddler son daughter mother father wife husband
    victim suspect driver player student soldier officer worker resident patient pilot"""
)
IRREGULAR: dict[str, str] = {
    "people": "person",
    "children": "child",
    "men": "man",
    "women": "woman",
    "feet": "foot",
    "teeth": "tooth",
    "geese": "goose",
    "mice": "mouse",
    "lives": "life",
    "wives": "wife",
    "knives": "knife",
    "wolves": "wolf",
    "halves": "half",
    "leaves": "leaf",
    "thieves": "thief",
    "shelves": "shelf",
    "loaves": "loaf",
    "police": "police officer",
    "personnel": "personnel",
    "staff": "staff member",
    "troops": "troop",
    "crises": "crisis",
    "analyses": "analysis",
    "theses": "thesis",
    "series": "series",
    "species": "species",
    "aircraft": "aircraft",
    "cattle": "head of cattle",
    "sheep": "sheep",
    "fish": "fish",
    "deer": "deer",
    "livestock": "head of livestock",
    "crew": "crew member",
    "media": "medium",
    "data": "datum",
}
_NOT_PLURAL_ENDINGS = ("ss", "us", "is", "ous", "ics")


def looks_plural(word: str) -> bool:
    low = word.lower()
    if "'" in low or "’" in low:
        return False  # "Canada's"
    if low in INVARIANT_PLURALS or low in IRREGULAR:
        return True
    return len(low) > 2 and low.endswith("s") and not low.endswith(_NOT_PLURAL_ENDINGS)


def singular(word: str) -> str:
    """English singular of a plural noun, lower-cased ("casualties" -> "casualty")."""
    low = word.lower()
    if low in IRREGULAR:
        return IRREGULAR[low]
    if not low.endswith("s") or low.endswith(_NOT_PLURAL_ENDINGS):
        return low
    if low.endswith("ies") and len(low) > 4:
        return low[:-3] + "y"
    if low.endswith(("ches", "shes", "xes", "sses", "zes", "oes")):
        return low[:-2]
    return low[:-1]


def noun_run(toks: list[Token], j: int, limit: int = 5) -> tuple[int, int] | None:
    """(first, last) token indices of the noun phrase starting at ``j``, or None."""
    n = len(toks)
    k = j
    while k < n and k - j < limit:
        t = toks[k]
        if t.kind != WORD:
            # allow hyphenated compounds: "Russian-made drones", "long-range missiles"
            if (
                t.text == "-"
                and k > j
                and k + 1 < n
                and toks[k + 1].kind == WORD
                and t.start == toks[k - 1].end
                and toks[k + 1].start == t.end
            ):
                k += 1
                continue
            break
        if t.low in STOP:
            break
        k += 1
    last = k - 1
    while last >= j and (
        toks[last].kind != WORD
        or (toks[last].low.endswith(("ly", "ing", "ed")) and toks[last].low not in IRREGULAR)
    ):
        last -= 1
    if last < j:
        return None
    # the head is the first plural-looking word ("two leaders shook hands", "people hurt"),
    # unless it is an invariant plural used as a modifier ("20 police officers")
    for k2 in range(j, last + 1):
        word = toks[k2]
        if word.kind == WORD and looks_plural(word.text):
            if word.low in INVARIANT_PLURALS and k2 < last and looks_plural(toks[last].text):
                continue
            return j, k2
    return j, last


#: nouns of time: "$5bn in the third quarter" is dated, not about the quarter
TIME_NOUNS = wordset(
    """year years quarter quarters month months week weeks day days decade decades century
    half period session morning evening night afternoon weekend season window term"""
)


def plain_noun(toks: list[Token], k: int) -> bool:
    """A common noun that can be what money is spent on ("$5bn in aid"), not a time or a place."""
    tok = toks[k]
    return tok.kind == WORD and tok.text[:1].islower() and tok.low not in TIME_NOUNS


#: nouns that end like an adverb or a superlative ("rally", "supply", "interest", "harvest")
NOUNS_LIKE_ADVERBS = wordset(
    """rally rallies family supply assembly ally monopoly anomaly reply belly jelly lily fly
    bully interest harvest forest protest contest test chest request guest nest arrest quest
    crest conquest inquest manifest west"""
)
