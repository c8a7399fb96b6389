"""Reading a clause without a part-of-speech tagger: which words are verbs, where the clause that
holds a figure starts, the noun phrase that opens a sentence, and trimming a span of words to its
content (subjects, counted nouns and actors are all read with these)."""

from __future__ import annotations

from . import qualifiers, verbs
from .attribution import STRONG_VERBS
from .nouns import NOUNS_LIKE_ADVERBS, STOP
from .numbers import is_number_start
from .sentences import NUM, PUNCT, WORD, Token, wordset

BOUNDARY_WORDS = wordset(
    """and but while whereas as after with that which who when because although though since
    or than versus against whilst amid including plus"""
)
BOUNDARY_PUNCT = frozenset(',;:—–()[]"“”')
VERBS = (
    wordset(
        """is are was were be been being has have had will would could can may might must should
    shall do does did expects expected expect reached reach reaches hit hits totalled totaled
    totals stood stands closed close closes cost costs paid pays pay spent spend spends scored
    score scores made make makes ran run runs measured measures weighs weighed weigh grew grow
    holds held hold kept keep keeps put puts set sets gave give gives took take takes won win
    wins lost lose loses saw see sees received receive receives earned earn earns posted post
    posts recorded record records reported count counted counts employs employed employ
    produced produce produces sold sell sells bought buy buys owns owned own has contains
    contained contain carry carries carried returns returned return opens opened open
    operates operated killed kill kills injured left leave leaves raised raise cut cuts
    lowered lower borrow borrowed borrows lend lent offers offered offer needs needed need
    plans planned plan aims aimed aim wants wanted want estimated estimates forecast
    forecasts projected projects approved approve approves signed sign signs launched
    launch launches added add adds drew draw draws attracted attract attracts"""
    )
    | qualifiers.TREND_WORDS
)
_NOT_VERBS = wordset(
    """during including according morning evening spring building ceiling thing nothing
    something anything everything king ring string wing red bed need speed seed feed hundred
    combined estimated expected average limited united based advanced annualised annualized
    adjusted skilled"""
)
PREPOSITIONS = wordset("in on at of for from with into across over under per")
_NOUN_LIKE = wordset("claims reports estimates forecasts states notes")
SPEECH_BOUNDARY = STRONG_VERBS | wordset("found finds showed shows added adds noted")
DETERMINERS = wordset("the a an its their his her our this that these those some any each every")
POSSESSIVE_ENDS = ("'s", "’s", "s'", "s’")
_MAX_WORDS = 9
MAX_CLAUSE = 40
_ARTICLES = wordset("the a an its their his our")
_AUXILIARIES = wordset(
    "is are was were be been being has have had will would could can may might must should do "
    "does did"
)
#: finite verbs that do not follow another verb
_FINITE = wordset("was were is are has have had will would rose fell grew")
MODALS = wordset("will would could can may might must should shall has have had")
MONTHS = wordset(
    """january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday
    saturday sunday q1 q2 q3 q4 h1 h2"""
)


def is_verb(tok: Token, nxt: Token | None = None) -> bool:
    """A verb, by list or by its ending; an "-ed"/"-ing" word before a noun is an adjective
    ("adjusted operating profit")."""
    low = tok.low
    if tok.kind != WORD or low in _NOT_VERBS or not tok.text[:1].islower():
        return False
    if low in VERBS or low in verbs.SIMPLE_PAST:
        # "The average cost of a drug": a verb is not followed by "of"
        return nxt is None or nxt.low != "of" or low in _AUXILIARIES
    if len(low) <= 4 or not low.endswith(("ed", "ing")):
        return False
    if nxt is not None and nxt.low in PREPOSITIONS:
        return False  # "spending in Scotland", "based in Paris": a noun or an adjective
    return (
        nxt is None
        or nxt.kind != WORD
        or nxt.low in STOP
        or nxt.text[:1].isupper()
        or is_number_start(nxt)
    )


#: per token list (kept alive by the entry, so its id is not reused): 0 unknown, 1 no, 2 verb
_VERB_MASKS: dict[int, tuple[list[Token], bytearray]] = {}


#: the token list asked about last and its marks: figures of one sentence ask in a row
_LAST: list[tuple[list[Token], bytearray] | None] = [None]


def forget_verbs() -> None:
    """Drop the verb marks of earlier token lists (called once per extraction)."""
    _VERB_MASKS.clear()
    _LAST[0] = None
    _STARTS.clear()
    _OPENINGS.clear()


def _marks(toks: list[Token]) -> bytearray:
    last = _LAST[0]
    if last is not None and last[0] is toks:
        return last[1]
    entry = _VERB_MASKS.get(id(toks))
    if entry is None or entry[0] is not toks:
        if len(_VERB_MASKS) > 256:
            _VERB_MASKS.clear()
        entry = (toks, bytearray(len(toks)))
        _VERB_MASKS[id(toks)] = entry
    _LAST[0] = entry
    return entry[1]


def verb_at(toks: list[Token], k: int) -> bool:
    known = _marks(toks)[k]
    if known:
        return known == 2
    return _read_verb(toks, k)


def first_verb(
    toks: list[Token], lo: int, hi: int, skip: frozenset[str] = frozenset()
) -> int | None:
    """The first k in [lo, hi) where verb_at(toks, k) and the word is not in ``skip``."""
    mask = _marks(toks)
    for k in range(lo, hi):
        known = mask[k]
        if (known == 2 if known else _read_verb(toks, k)) and toks[k].low not in skip:
            return k
    return None


def _read_verb(toks: list[Token], k: int) -> bool:
    nxt = toks[k + 1] if k + 1 < len(toks) else None
    verb = (
        is_verb(toks[k], nxt)
        and not (k > 0 and toks[k - 1].low in _ARTICLES)
        and not (
            nxt is not None
            and k > 0
            and toks[k].low not in _AUXILIARIES
            and toks[k - 1].kind == WORD
            and toks[k - 1].low not in STOP
            and (nxt.low in _FINITE or (nxt.low.endswith("ed") and is_verb(nxt)))
        )
        and not _participle_after_noun(toks, k)
        and not (k > 0 and toks[k - 1].low.endswith("ly") and toks[k].low in verbs.SIMPLE_PAST)
        and not _gerund_after_noun(toks, k)
    )  # "The lift travels at", "a cut of 25 basis points": a noun after an article; "territorial
    # gains slowed to", "The storm surge reached": a noun right before its clause's verb
    _marks(toks)[k] = 2 if verb else 1
    return verb


def _participle_after_noun(toks: list[Token], k: int) -> bool:
    """ "Cash seized by police rose", "Money spent by councils": a past form right after a noun
    and before "by" and who did it qualifies the noun; not "won by 170 runs", "rose by 5%"."""
    n = len(toks)
    if k == 0 or k + 2 >= n or toks[k + 1].low != "by" or toks[k].low in qualifiers.TREND_WORDS:
        return False
    if not verbs.is_past(toks[k].low) or is_number_start(toks[k + 2]):
        return False
    before = toks[k - 1]
    return before.kind == WORD and before.low not in STOP and before.low not in VERBS


def _gerund_after_noun(toks: list[Token], k: int) -> bool:
    """ "defence spending to 2%", "Mortgage lending to first-time buyers rose": an "-ing" word
    right after a noun (not after a verb or an auxiliary) names an activity, it is not the
    clause's verb."""
    low = toks[k].low
    if k == 0 or not low.endswith("ing") or low in VERBS or k + 1 >= len(toks):
        return False
    if toks[k + 1].low not in _AMOUNT_PREPS | {"from", "for"}:
        return False
    before = toks[k - 1]
    return (
        before.kind == WORD
        and (before.text[:1].islower() or k == 1)
        and before.low not in STOP
        and before.low not in VERBS
        and not before.low.endswith(("ly", "ing", "ed"))
    )


#: words that open an amount after its verb ("reads at up to", "weighs about")
_AMOUNT_OPENERS = wordset("about around nearly almost roughly some over more up just only")
_AMOUNT_SIGNS = frozenset("$£€¥")
_AMOUNT_PREPS = wordset("at to by")


def _amount_at(toks: list[Token], k: int) -> bool:
    if k >= len(toks):
        return False
    t = toks[k]
    return t.kind == NUM or t.text in _AMOUNT_SIGNS or t.low in _AMOUNT_OPENERS


def verb_like(toks: list[Token], k: int) -> bool:
    """A verb, or a word in a verb's place: a lower-case content word, not after an article,
    right before an amount ("The memory card stores 1.5TB", "and reads at up to 250MB/s", "The
    bird flew 13,560 km"): a noun does not run into a figure that way."""
    if verb_at(toks, k):
        return True
    t = toks[k]
    if t.kind != WORD or not t.text[:1].islower() or t.low in STOP or t.low.endswith("ly"):
        return False
    if k > 0 and toks[k - 1].low in _ARTICLES:
        return False
    return _amount_at(toks, k + 1) or (
        k + 1 < len(toks) and toks[k + 1].low in _AMOUNT_PREPS and _amount_at(toks, k + 2)
    )


#: adverbs between a subject and its verb ("The phone also charges at 120W")
_TRAILING_ADVERBS = wordset("also still now already even just only again currently")


def clean(toks: list[Token], lo: int, hi: int) -> tuple[int, int] | None:
    """Trim function words at both ends of toks[lo:hi+1]; None when nothing is left."""
    while lo <= hi and (
        toks[lo].kind != WORD
        or toks[lo].low in DETERMINERS
        or toks[lo].low in BOUNDARY_WORDS
        or toks[lo].low == "whose"  # "Apple, whose shares rose 3%": the shares
    ):
        if toks[lo].text == "The" and lo + 1 <= hi and toks[lo + 1].text[:1].isupper():
            break
        lo += 1
    while hi >= lo and (
        toks[hi].kind != WORD
        or toks[hi].low in STOP
        or verb_at(toks, hi)
        or (toks[hi].low.endswith("ly") and toks[hi].low not in NOUNS_LIKE_ADVERBS)
        or toks[hi].low in _TRAILING_ADVERBS
    ):
        if toks[hi].kind == NUM and hi > lo:  # "The Stoxx 600"
            break
        hi -= 1
    if hi < lo:
        return None
    if hi - lo + 1 > _MAX_WORDS:
        # a noun phrase's head comes first ("Cash seized by police under ..."): keep nine words
        # from the start (punctuation inside "U.S." or "proceeds-of-crime" is not a word)
        words, k = 0, lo
        while k < hi and words < _MAX_WORDS:
            words += toks[k].kind != PUNCT
            k += 1
        hi = k
        while hi > lo and (toks[hi].kind != WORD or toks[hi].low in STOP):
            hi -= 1
    return lo, hi


def span_text(text: str, toks: list[Token], span: tuple[int, int] | None) -> str:
    if span is None:
        return ""
    lo, hi = span
    if toks[lo].text == "The":
        lo += 1
    return text[toks[lo].start : toks[hi].end] if lo <= hi else ""


#: clause starts already read, per token list (kept alive by the entry, as for the verb marks)
_STARTS: dict[int, tuple[list[Token], dict[int, int]]] = {}


def clause_start(toks: list[Token], first: int) -> int:
    """Index of the first token of the clause that holds the figure (at most 40 tokens back:
    lists and tables have no clauses worth reading, and the work stays linear). Read once per
    figure: its subject, its actor and its counted noun all ask."""
    entry = _STARTS.get(id(toks))
    if entry is None or entry[0] is not toks:
        if len(_STARTS) > 256:
            _STARTS.clear()
        entry = (toks, {})
        _STARTS[id(toks)] = entry
    known = entry[1].get(first)
    if known is None:
        known = entry[1][first] = _clause_start(toks, first)
    return known


def _clause_start(toks: list[Token], first: int) -> int:
    k = first - 1
    floor = max(0, first - MAX_CLAUSE)
    while k >= floor:
        t = toks[k]
        if t.kind == PUNCT and t.text in BOUNDARY_PUNCT:
            return k + 1
        if (
            t.kind == WORD
            and t.low in BOUNDARY_WORDS
            and k < first - 1
            and not _names_pair(toks, k)
            and not _noun_with(toks, k)
        ):
            return k + 1
        if (
            t.kind == WORD
            and t.low in SPEECH_BOUNDARY
            and t.text[:1].islower()
            and k < first - 1
            and toks[k + 1].low not in ("to", "of", "for", "at", "by")
            and (t.low not in _NOUN_LIKE or toks[k + 1].low == "that")
        ):
            return k + 1  # "Barclays said pre-tax profit fell 7%"
        k -= 1
    return floor


def _noun_with(toks: list[Token], k: int) -> bool:
    """ "The trade deficit with China shrank": "with" right after a noun, no comma, joins a phrase
    to the noun rather than starting a clause."""
    return (
        toks[k].low == "with"
        and k > 0
        and toks[k - 1].kind == WORD
        and toks[k - 1].text[:1].islower()
        and toks[k - 1].low not in STOP
        and not verb_at(toks, k - 1)
    )


def _names_pair(toks: list[Token], k: int) -> bool:
    """An "and" or "or" inside a name: "in England and Wales", "Spain and Portugal" (capitalised
    words on both sides, the one before not opening the sentence)."""
    return (
        toks[k].low in ("and", "or")
        and k > 1
        and k + 1 < len(toks)
        and toks[k - 1].kind == WORD
        and toks[k - 1].text[:1].isupper()
        and toks[k + 1].kind == WORD
        and toks[k + 1].text[:1].isupper()
    )


_MAX_OPENING = 16


def sentence_opening(toks: list[Token], limit: int) -> tuple[int, int] | None:
    """The noun phrase opening the sentence, before its first verb (within 16 tokens: no
    opening runs longer, and lists of figures stay linear), past what only leads into the
    sentence: a quotation mark, "On Tuesday,", "According to the ministry,", "Analysts said"."""
    start, stop, any_verb = _opening_stop(toks)
    if limit > start + _MAX_OPENING:
        if not any_verb:
            return None
        limit = start + _MAX_OPENING
    k = min(limit, len(toks)) if stop is None or stop >= limit else stop
    if k == start or k >= limit:
        return None
    span = clean(toks, start, k - 1)
    if span is None and start > 0 and k == start + 1 and toks[start].low not in STOP:
        return start, start  # "told Argus that runs had been cut": a noun that looks a verb
    return span


#: per token list: (where the opening starts, first verb-like word or punctuation within 16
#: tokens of it, any verb or punctuation there), read once: every figure of a sentence asks
#: for its opening
_OPENINGS: dict[int, tuple[list[Token], int, int | None, bool]] = {}
#: words that open a phrase leading into the sentence, up to a comma ("On Tuesday, ...")
_LEAD_INS = wordset(
    """on in at by during since after before last this over according meanwhile however
    earlier separately also for from under despite amid until early late next following
    elsewhere overall still yet"""
)
_QUOTE_MARKS = frozenset("\"“‘'")
#: verbs of a speech lead ("Analysts said ...", "The minister told reporters that ...")
_LEAD_VERBS = wordset("said says told tells")
_LEAD_WORDS = _LEAD_VERBS | {"that"}


def _opening_start(toks: list[Token]) -> int:
    """Where the sentence's own opening starts: past a quotation mark, a lead-in phrase up to
    its comma ("On Tuesday,", "According to Dr. Jane Roe,") and a speech lead ("Mr. Roe said",
    "Officials told Reuters that")."""
    n = len(toks)
    k = 0
    while k < n and toks[k].text in _QUOTE_MARKS:
        k += 1
    if k < n and toks[k].low in _LEAD_INS and toks[k].text[:1].isupper():
        comma = next((j for j in range(k + 1, min(n, k + 10)) if toks[j].text == ","), None)
        if comma is not None and not any(
            verb_at(toks, j) for j in range(k + 2, comma) if toks[j].text[:1].islower()
        ):
            k = comma + 1
    if not any(toks[j].low in _LEAD_WORDS for j in range(k + 1, min(n, k + 8))):
        return k if k < n else 0  # (most sentences: no speech lead to look for)
    lead = next(
        (
            j
            for j in range(k + 1, min(n, k + 7))
            if toks[j].low in _LEAD_VERBS
            or (  # "Data showed that ...", "The survey found that ..."
                j + 1 < n
                and toks[j + 1].low == "that"
                and toks[j].text[:1].islower()
                and verb_at(toks, j)
            )
        ),
        None,
    )
    if (
        lead is not None
        and toks[lead].text[:1].islower()
        and all(
            toks[j].kind == WORD or _abbreviation_dot(toks, j) or toks[j].text in ("'", "’")
            for j in range(k, lead)
        )
        and not any(verb_at(toks, j) for j in range(k, lead))
        and toks[k].low != "that"
    ):
        j = lead + 1
        if toks[lead].low in ("told", "tells"):
            while j < n and j - lead <= 3 and toks[j].kind == WORD and toks[j].low != "that":
                j += 1  # "told Reuters", "told the BBC"
        if j < n and toks[j].low == "that":
            j += 1
        if j + 1 < n and toks[j].kind == WORD:
            k = j
    return k if k < n else 0


#: titles before a name: their dot does not end the opening ("Dr. Amara Osei said ...")
_TITLES = wordset("mr mrs ms dr prof gen lt col sgt capt cmdr adm maj gov sen rep rev st jr sr")


def _abbreviation_dot(toks: list[Token], k: int) -> bool:
    """The dot of "Dr." or of "U.S.": part of the noun phrase, not its end."""
    if toks[k].text != "." or k == 0 or toks[k - 1].end != toks[k].start:
        return False
    word = toks[k - 1]
    if word.kind != WORD or not (
        word.low in _TITLES or (len(word.text) == 1 and word.text.isupper())
    ):
        return False
    if k >= 2 and toks[k - 2].text == "." and len(word.text) == 1:
        return k + 1 < len(toks) and toks[k + 1].kind == WORD  # "U.S. retail sales"
    return k + 1 < len(toks) and toks[k + 1].text[:1].isupper()


def opening_start(toks: list[Token]) -> int:
    """Index of the token where the sentence's own opening starts (see ``_opening_start``)."""
    return _opening_stop(toks)[0] if toks else 0


def _opening_stop(toks: list[Token]) -> tuple[int, int | None, bool]:
    entry = _OPENINGS.get(id(toks))
    if entry is not None and entry[0] is toks:
        return entry[1], entry[2], entry[3]
    if len(_OPENINGS) > 256:
        _OPENINGS.clear()
    start = _opening_start(toks)
    end = min(start + _MAX_OPENING, len(toks))
    stop = next(
        (
            k
            # (after a lead-in the first word is the subject's: "told Argus that runs had ...")
            for k in range(start + (start > 0), end)
            if (toks[k].kind == PUNCT and not _abbreviation_dot(toks, k)) or verb_like(toks, k)
        ),
        None,
    )
    any_verb = any(toks[k].kind == PUNCT or verb_at(toks, k) for k in range(start, end))
    _OPENINGS[id(toks)] = (toks, start, stop, any_verb)
    return start, stop, any_verb
