"""English verb forms without a tagger: the past participle of a verb ("sent" -> "sent", "employ"
-> "employed", "threw" -> "thrown") and whether a word is a past form ("seized", "shot"), read
from the endings and a table of the common irregular verbs (the table is the grammar's, not our
corpus's: every irregular verb a news report is likely to use)."""

from __future__ import annotations

from .sentences import wordset

#: base, past, past participle of the common irregular verbs
_TABLE = """
arise arose arisen|awake awoke awoken|bear bore borne|beat beat beaten|become became become|
begin began begun|bend bent bent|bet bet bet|bid bid bid|bind bound bound|bite bit bitten|
bleed bled bled|blow blew blown|break broke broken|breed bred bred|bring brought brought|
build built built|burn burnt burnt|burst burst burst|buy bought bought|cast cast cast|
catch caught caught|choose chose chosen|cling clung clung|come came come|cost cost cost|
creep crept crept|cut cut cut|deal dealt dealt|dig dug dug|do did done|draw drew drawn|
drink drank drunk|drive drove driven|eat ate eaten|fall fell fallen|feed fed fed|feel felt felt|
fight fought fought|find found found|flee fled fled|fly flew flown|forbid forbade forbidden|
forecast forecast forecast|forget forgot forgotten|forgive forgave forgiven|freeze froze frozen|
get got got|give gave given|go went gone|grind ground ground|grow grew grown|hang hung hung|
have had had|hear heard heard|hide hid hidden|hit hit hit|hold held held|hurt hurt hurt|
keep kept kept|know knew known|lay laid laid|lead led led|leave left left|lend lent lent|
let let let|lie lay lain|light lit lit|lose lost lost|make made made|mean meant meant|
meet met met|overcome overcame overcome|overtake overtook overtaken|pay paid paid|put put put|
quit quit quit|read read read|rebuild rebuilt rebuilt|rid rid rid|ride rode ridden|ring rang rung|
rise rose risen|run ran run|say said said|see saw seen|seek sought sought|sell sold sold|
send sent sent|set set set|shake shook shaken|shed shed shed|shine shone shone|shoot shot shot|
show showed shown|shrink shrank shrunk|shut shut shut|sing sang sung|sink sank sunk|sit sat sat|
sleep slept slept|slide slid slid|speak spoke spoken|speed sped sped|spend spent spent|
spin spun spun|split split split|spread spread spread|spring sprang sprung|stand stood stood|
steal stole stolen|stick stuck stuck|sting stung stung|strike struck struck|swear swore sworn|
sweep swept swept|swim swam swum|swing swung swung|take took taken|teach taught taught|
tear tore torn|tell told told|think thought thought|throw threw thrown|undergo underwent undergone|
understand understood understood|undertake undertook undertaken|upset upset upset|
wake woke woken|wear wore worn|weave wove woven|win won won|wind wound wound|
withdraw withdrew withdrawn|withhold withheld withheld|write wrote written
"""


def _forms() -> tuple[dict[str, str], frozenset[str]]:
    participle: dict[str, str] = {}
    past: set[str] = set()
    for entry in _TABLE.split("|"):
        base, was, done = entry.split()
        for form in (base, was, done):
            participle.setdefault(form, done)
        participle[base + "s" if not base.endswith(("s", "sh", "ch")) else base + "es"] = done
        past.update((was, done))
    return participle, frozenset(past)


_IRREGULAR, _IRREGULAR_PAST = _forms()


def _simple_past() -> frozenset[str]:
    """Simple past forms that differ from their base ("sent", "brought", "flew"), less those that
    are also common nouns or adjectives ("saw", "rose", "found", "left", "felt")."""
    homographs = {"saw", "rose", "lay", "bore", "found", "ground", "wound", "bound", "left"}
    homographs |= {"fell", "felt", "lit", "fed", "bit", "sat", "rang", "sang", "shone", "spoke"}
    # speech, thought and auxiliaries are read by attribution and the clause rules
    homographs |= {"said", "told", "thought", "knew", "meant", "showed", "had", "did", "heard"}
    out = set()
    for entry in _TABLE.split("|"):
        base, was, _done = entry.split()
        if was != base and was not in homographs:
            out.add(was)
    return frozenset(out)


#: irregular simple past forms: verbs wherever they stand ("The cold snap sent temperatures")
SIMPLE_PAST = _simple_past()
#: regular-looking words that are not verb forms
_NOT_PAST = wordset("bed red shed seed speed need feed hundred naked wicked sacred")


def participle(verb: str) -> str:
    """ "won" -> "won", "employ" -> "employed", "create" -> "created", "counts" -> "counted";
    empty for an "-ing" form."""
    verb = verb.lower()
    if verb in _IRREGULAR:
        return _IRREGULAR[verb]
    if verb.endswith("ed"):
        return verb
    if verb.endswith("ing") or len(verb) < 3:
        return ""
    if verb.endswith("ies"):
        return verb[:-3] + "ied"
    if verb.endswith("es") and verb[-3] in "sxzh":
        return verb[:-2] + "ed"
    if verb.endswith("s") and not verb.endswith("ss"):
        verb = verb[:-1]
    if verb.endswith("e"):
        return verb + "d"
    if verb.endswith("y") and verb[-2] not in "aeiou":
        return verb[:-1] + "ied"
    return verb + "ed"


def is_past(word: str) -> bool:
    """A past form by its ending or the table: "seized", "launched", "shot", "sent", "fled"."""
    low = word.lower()
    if low in _IRREGULAR_PAST:
        return True
    return len(low) > 4 and low.endswith("ed") and low not in _NOT_PAST
