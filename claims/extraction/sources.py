"""Attribution patterns beyond "X said": closing ", X said." clauses, rivals named after "and"
in a list of forecasts or after a figure ("the 52% announced by the commission"), speaker phrases
that the plain noun-phrase reader misses ("a spokesperson for the board", "sources close to the
talks", "The IEA (IEA)", "The opposition, however,"), clauses of their own after a conjunction,
and "the ministry" resolved to the body named earlier in the report. Relays are in ``relays``,
studies and polls in ``studies``, how a name is tidied in ``names``."""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_left, bisect_right
from functools import lru_cache

from .attribution import (
    _CLAUSE_END,
    CONNECTORS,
    FUNCTION_WORDS,
    SPEAKER_WORDS,
    SPEECH_VERBS,
    TITLES,
    Clause,
    _char_span,
    _np_forward,
    _span_text,
)
from .names import ROLE_WORDS, tidy
from .nouns import STOP, singular
from .qualifiers import TREND_WORDS
from .relays import interview_with, told_whom
from .sentences import NUM, PUNCT, WORD, Token, wordset

_PREPOSITIONS = wordset("across to from in on by with over under into through up down about near")


def _verb_after(toks: list[Token], num: int) -> bool:
    """A verb within a few words after the figure at ``num``, before any punctuation."""
    from .clauses import verb_at

    for j in range(num + 1, min(len(toks), num + 6)):
        if toks[j].kind == PUNCT and toks[j].text not in ("%", ".", "$"):
            return False
        if toks[j].kind == WORD and verb_at(toks, j):
            return True
    return False


def elliptical(text: str, toks: list[Token], clauses: list[Clause]) -> list[Clause]:
    """ "the USDA put it at 33.5 million and local traders at about 31 million", "the IMF
    expects 1.6% and the OECD 1.4%": the rival named after "and" gives the next figure."""
    from .clauses import verb_at

    out = []
    first_verb = clauses[0].position
    for a, tok in enumerate(toks):
        if tok.low not in ("and", "while") or tok.start < first_verb:
            continue
        k = a + 1
        while k < len(toks) and k - a <= 4 and toks[k].kind == WORD and toks[k].low != "at":
            k += 1
        if k == a + 1 or k >= len(toks):
            continue
        nxt = toks[k + 1] if toks[k].low == "at" and k + 1 < len(toks) else toks[k]
        if not figure_next(toks, toks.index(nxt)):
            continue
        words = toks[a + 1 : k]
        if not any(
            w.text[:1].isupper() or w.low in SPEAKER_WORDS or w.low.endswith("s") for w in words
        ):
            continue
        if not (_speaker_like(words[-1]) or words[-1].low.endswith("s")) or any(
            w.low in _PREPOSITIONS for w in words
        ):
            continue  # "and spread across 300 hectares": no rival named
        if any(w.low in SPEECH_VERBS or w.low in _CLAUSE_END for w in words):
            continue
        if any(
            w.low in ("up", "down") or (w.text.islower() and w.low.endswith("ed")) for w in words
        ):
            continue  # "and prices edged up 0.6%", "and its shares gained EUR1.30"
        if any(w.low in _TREND_LIKE for w in words):
            continue
        if len(words) == 1 and words[0].text.islower():
            continue  # "is now 34 and borrows 4.5 times their income": a verb
        if _verb_after(toks, toks.index(nxt)) or any(
            verb_at(toks, a + 1 + i) for i in range(len(words))
        ):
            continue  # "and the league's 20 clubs spent £2.4 billion": a clause of its own
        out.append(
            Clause(
                tidy(_span_text(text, toks, a + 1, k - 1)),
                clauses[-1].verb,
                toks[a + 1].start,
                span=_char_span(toks, a + 1, k - 1),
            )
        )
    return out


#: forms that are nouns as often as verbs: a verb use has an object or a "that" after it
NOUN_LIKE = wordset(
    "claims estimates reports shows notes states forecasts projects counts records posts finds"
)


#: verbs of an estimate that a rival body can make about a figure just named
ESTIMATE_VERBS = wordset(
    """expected expects expect forecast forecasts estimated estimates estimate projected
    projects predicted predicts sought seeks targets targeted put puts sees see saw pegged
    pegs assessed reckoned reckons anticipated"""
)
#: what opens a rival's estimate: "while the Rosario exchange sees 49.5 million"
RIVAL_OPENERS = frozenset({"while", "whereas", "but", "and", ",", ";", "—", "–"})
_PASSIVE_AUX = wordset("is are was were be been being")
_FIGURE_TAIL = wordset(
    """million billion trillion thousand hundred bn m k percent per cent tonnes tons barrels
    bags units euros dollars pounds yen points"""
)


def figure_end(toks: list[Token], i: int) -> int | None:
    """Index of the number when toks[i] ends a figure ("74.8%", "$33.2 billion", "2 million
    tonnes"), else None."""
    for j in range(i, max(-1, i - 4), -1):
        t = toks[j]
        if t.kind == NUM:
            return j
        if t.text == "%" or (t.kind == WORD and t.low in _FIGURE_TAIL):
            continue
        return None
    return None


def bound_to(toks: list[Token], first: int, verb: str) -> tuple[int, int] | None:
    """ "beating the $33.2 billion analysts had forecast": a speaker right after a figure, with
    a verb of estimate, gives that figure only (the character range its end must lie in)."""
    if first == 0 or verb not in ESTIMATE_VERBS:
        return None
    num = figure_end(toks, first - 1)
    if num is None:
        return None
    return toks[num].start, toks[first].start


def rival_after_figure(text: str, toks: list[Token], v: int, k: int) -> Clause | None:
    """ "the $3.9 billion analysts had expected", "the 2.6 million tonnes traders forecast":
    the words between a figure and a verb of estimate name who made that estimate."""
    if toks[v].low not in ESTIMATE_VERBS or k < 1:
        return None
    j = k
    while j > k - 3 and j >= 0 and toks[j].kind == WORD and toks[j].low not in _FIGURE_TAIL:
        if toks[j].low in STOP or toks[j].low in SPEECH_VERBS:
            return None
        j -= 1
    num = figure_end(toks, j) if j < k and j >= 0 else None
    if num is None and j < k - 1 and toks[k].low in SPEAKER_WORDS:
        # "the 0.5% fall economists expected": the thing estimated, then who estimated it
        num = figure_end(toks, j)
        if num is not None:
            j = k - 1
    if num is None:
        return None
    while j + 1 < k and not (toks[j + 1].low in SPEAKER_WORDS or toks[j + 1].text[:1].isupper()):
        j += 1  # "the 0.5% fall economists expected": economists
    return Clause(
        tidy(_span_text(text, toks, j + 1, k)),
        toks[v].low,
        toks[v].start,
        span=_char_span(toks, j + 1, k),
        bound=(toks[num].start, toks[j + 1].start),
    )


_GIVEN_BY = wordset("announced reported published released given cited claimed recorded stated")


def by_agent(text: str, toks: list[Token], v: int, k: int) -> Clause | None:
    """ "700,000 estimated by exporters", "is put at 650,000 tonnes by the government",
    "was estimated by the ministry at 5,000": the agent of a passive estimate."""
    passive = k >= 0 and toks[k].low in _PASSIVE_AUX
    after_figure = k >= 0 and figure_end(toks, k) is not None
    if toks[v].low not in ESTIMATE_VERBS and not (after_figure and toks[v].low in _GIVEN_BY):
        return None  # "the 52% announced by the election commission" gives that figure only
    if not (passive or after_figure):
        return None
    n = len(toks)
    for b in range(v + 1, min(n - 1, v + 10)):
        t = toks[b]
        if t.kind == PUNCT and t.text not in "%$£€¥.":
            return None
        if t.low != "by":
            continue
        if b > v + 1 and not any(toks[x].kind == NUM for x in range(v + 1, b)):
            return None  # "is expected by 2030"
        fwd = _np_forward(toks, b + 1, min(n, b + 8))
        if fwd is None and b + 1 < n and toks[b + 1].kind == WORD:
            fwd = _lower_np(toks, b + 1, min(n, b + 5))
        if fwd is None:
            return None
        bound = None
        if after_figure and not passive:
            num = figure_end(toks, k)
            bound = (toks[num].start, toks[v].start) if num is not None else None
        return Clause(
            tidy(_span_text(text, toks, *fwd)),
            toks[v].low,
            toks[v].start,
            span=_char_span(toks, *fwd),
            bound=bound,
        )
    return None


def _lower_np(toks: list[Token], start: int, hi: int) -> tuple[int, int] | None:
    """ "by exporters", "by the government", "by local traders": a short lower-case phrase."""
    j = start
    if toks[j].low in ("the", "a", "an"):
        j += 1
    k = j
    while k < hi and toks[k].kind == WORD and toks[k].low not in _CLAUSE_END:
        if toks[k].low in ("at", "in", "on", "for", "to", "of", "from", "with"):
            break
        k += 1
    if k == j:
        return None
    return start, k - 1


def figure_next(toks: list[Token], k: int) -> bool:
    tok = toks[k]
    return (
        tok.kind == NUM or tok.text in "$£€¥" or tok.low in ("about", "nearly", "some", "another")
    )


def verb_use(toks: list[Token], v: int) -> bool:
    if v + 1 >= len(toks):
        return False
    nxt = toks[v + 1]
    if nxt.kind == NUM or nxt.low in ("that", "the", "a", "an", "about", "it", "its", "some"):
        return True
    if nxt.low in TREND_WORDS or nxt.low in _COPULAS:
        return False  # "Jobless claims rose to 240,000", "the estimates were": nouns
    before = toks[v - 1] if v > 0 else None
    if (
        before is not None
        and before.text == ","
        and nxt.kind == WORD
        and nxt.text.islower()
        and nxt.low not in _CLAUSE_END
        and nxt.low not in SPEECH_VERBS
        and any(figure_next(toks, j) for j in range(v + 2, min(len(toks), v + 6)))
    ):
        return True  # "The insurer, which covers the port, estimates losses at $90 million"
    if (
        before is not None
        and nxt.kind == WORD
        and nxt.text[:1].isupper()
        and (before.low in SPEAKER_WORDS or before.text[:1].isupper())
        and v + 2 < len(toks)
        and toks[v + 2].kind == WORD
        and toks[v + 2].text.islower()
    ):
        return True  # "The IMF estimates Japan will grow 1.1%": a name, then its verb
    return (
        before is not None
        and nxt.kind == WORD
        and nxt.text.islower()
        and nxt.low not in _CLAUSE_END
        and (before.low in SPEAKER_WORDS or before.text[:1].isupper())
    )  # "The finance ministry projects growth of 2.1%"


#: words opening an adjunct after a closing speech verb ("said in a statement", "said late on
#: Monday", "wrote in a note to clients")
_TAIL_PREPS = wordset(
    "in on at during via through to for after before late early overnight last this"
)
_TAIL_STOPS = wordset("that and but while whereas as because although which who")


def _adjunct_participle(toks: list[Token], j: int) -> bool:
    """ "in a statement posted on its website": a participle after a noun, before a preposition."""
    return (
        toks[j].low.endswith("ed")
        and toks[j - 1].kind == WORD
        and toks[j - 1].text.islower()
        and j + 1 < len(toks)
        and toks[j + 1].low in _TAIL_PREPS
    )


def _past_adjuncts(toks: list[Token], end: int) -> int:
    """The first token after the prepositional phrases that start at ``end`` (at most 12
    tokens: a closing clause is short), or ``end`` when there are none."""
    n = len(toks)
    limit = min(n, end + 12)
    j = end
    while j < limit and toks[j].kind == WORD and toks[j].low in _TAIL_PREPS:
        j += 1
        while (
            j < limit
            and toks[j].kind in (WORD, NUM)
            and toks[j].low not in _TAIL_PREPS
            and toks[j].low not in _TAIL_STOPS
            and (toks[j].low not in SPEECH_VERBS or _adjunct_participle(toks, j))
        ):
            j += 1
    return j if j < limit or j == n else end


def tail_clause(text: str, toks: list[Token], v: int, k: int) -> Clause | None:
    """ "..., dealers said." / "..., traders in Bangkok said." / "..., NASA scientists found.":
    a short phrase between a comma and a speech verb that closes the sentence (or is followed
    only by "told X" / "on Tuesday")."""
    n = len(toks)
    end = v + 1
    via = told_whom(text, toks, v)
    interview = interview_with(toks, v)
    if interview is not None:
        end = interview[1] + 1  # "..., Liu said in an interview with Bloomberg."
    elif via is not None:
        fwd = _np_forward(toks, v + 1, min(n, v + 8))
        end = (fwd[1] + 1) if fwd else end
    elif toks[v].low in ("told", "tells"):
        while end < n and end - v <= 7 and toks[end].kind == WORD:
            end += 1  # "..., its chief executive told a conference in Dublin."
    end = _past_adjuncts(toks, end)  # "..., the agency said in a statement on Telegram."
    if end < n and not (toks[end].kind == PUNCT and toks[end].text in ".!?\"”'’,;"):
        return None
    c = k
    while c >= 0 and not (toks[c].kind == PUNCT and toks[c].text in ',;:”"'):
        c -= 1
    if c < 0 or k - c > 10 or k - c < 1:
        return None
    first = c + 1
    while first < k and toks[first].low in COORDINATORS:
        first += 1  # "..., as analysts had predicted."
    if toks[first].kind != WORD or any(toks[x].kind == NUM for x in range(first, k + 1)):
        return None
    speaker = _span_text(text, toks, first, k)
    until = None
    if end + 1 < n and toks[end].text == "," and toks[end + 1].low in _CONTRASTS:
        until = toks[end + 1].start  # "..., Statistics Sweden said, while the krona rose 1%"
    return Clause(
        tidy(speaker),
        toks[v].low,
        toks[v].start,
        span=_char_span(toks, first, k),
        via=via,
        final=True,
        until=until,
    )


_COPULAS = wordset("is are was were has have had will would could may might")
_CONTRASTS = wordset("while whereas but although though yet")


_TREND_LIKE = wordset("rose fell gained lost grew dropped climbed slid jumped added rise fall")
_COMPANY_HEADS = wordset(
    """company retailer firm group carmaker miner lender insurer airline brewer chipmaker
    drugmaker maker operator utility agency office bank conglomerate supermarket chain"""
)
_OPENER = re.compile(
    r"(?:The )?((?!The\b|A\b|An\b)[A-Z][\w&.-]*(?: [A-Z][\w&.-]*)*)('s|’s)?\s+[a-z]"
)
#: capitalised names with their connectors: "The Ministry of Economy, Trade and Industry"
_NAMED = re.compile(
    r"((?:The )?[A-Z][\w&'’-]*(?:(?:,? (?:and |of |for |the |on |& )?)[A-Z][\w&'’-]*)*)"
)
_GENERIC = re.compile(r"^(?:the |its |their )?([a-z]+(?: [a-z]+)?)$", re.IGNORECASE)


def resolve(speaker: str, before: str) -> str:
    """ "the ministry" -> "The Agriculture Ministry" and "the broker" -> "Numis" when the report
    named them earlier (``before``: the text before the sentence)."""
    return Earlier(before).resolve(speaker, len(before))


_PLACE_AFTER = re.compile(r" in [A-Z][\w'’-]+")


class Earlier:
    """The names of one text, found once, and read as if the text stopped at a sentence start:
    each figure with a generic speaker ("the ministry") used to search the whole text before its
    sentence again, which made a long report of such sentences quadratic.

    A scan of ``text[:stop]`` finds the same matches as a scan of the whole text up to the first
    whole-text match that runs past ``stop`` (these patterns look neither behind a match nor past
    its end, and a failed attempt at a position fails on the characters there); that one match is
    scanned again up to ``stop``, so the names are exactly those of ``text[:stop]``."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.first_char = len(text) - len(text.lstrip())
        self._found: dict[re.Pattern[str], tuple[list[int], list[int], list[str]]] = {}
        self._picked: dict[tuple[str, bool], list[int]] = {}
        self._within: dict[tuple[str, int, int], str] = {}
        self._described: dict[str, tuple[list[int], list[str]]] = {}

    def _matches(self, pattern: re.Pattern[str]) -> tuple[list[int], list[int], list[str]]:
        found = self._found.get(pattern)
        if found is None:
            ms = list(pattern.finditer(self.text))
            found = ([m.start() for m in ms], [m.end() for m in ms], [m.group(1) for m in ms])
            self._found[pattern] = found
        return found

    def _before(self, pattern: re.Pattern[str], stop: int) -> tuple[int, list[str]]:
        """(k, tail): the names of ``text[:stop]`` are the first k whole-text ones, then tail."""
        starts, ends, _ = self._matches(pattern)
        k = bisect_right(ends, stop)
        if k < len(starts) and starts[k] < stop:
            return k, pattern.findall(self.text, starts[k], stop)
        return k, []

    def findall(self, pattern: re.Pattern[str], stop: int) -> list[str]:
        k, tail = self._before(pattern, stop)
        return self._matches(pattern)[2][:k] + tail

    def last_named(self, title: str, *, ending: bool, stop: int) -> str | None:
        """The last name before ``stop`` that ends in ``title`` with a space in it (``ending``),
        or else that holds the word ``title`` or ends with it."""
        names = self._matches(_NAMED)[2]
        k, tail = self._before(_NAMED, stop)
        for n in reversed(tail):
            if _picks(n, title, ending):
                return n
        picked = self._picked.get((title, ending))
        if picked is None:
            picked = [i for i, n in enumerate(names) if _picks(n, title, ending)]
            self._picked[(title, ending)] = picked
        j = bisect_left(picked, k) - 1
        return names[picked[j]] if j >= 0 else None

    def resolve(self, speaker: str, stop: int) -> str:
        """``resolve(speaker, text[:stop])``."""
        text = self.text
        m = _GENERIC.match(speaker)
        if (
            m is None
            or stop <= self.first_char
            or (speaker[:1].isupper() and not speaker.startswith("The "))
        ):
            return speaker
        head = m.group(1).split()[-1].lower()
        title = head.capitalize()
        if head not in SPEAKER_WORDS and head not in ROLE_WORDS and head not in _COMPANY_HEADS:
            # "The Water Board ... the board said": any body whose name ends in the word
            ending = self.last_named(title, ending=True, stop=stop)
            return ending if ending is not None and head not in STOP else speaker
        named = self.last_named(title, ending=False, stop=stop)
        if named is not None:
            where = text.rfind(named, 0, stop) + len(named)
            place = _PLACE_AFTER.match(text, where, stop)
            return named + (place.group() if place else "")  # "The Defence Ministry in Tokyo"
        after = self.findall(_after_head(head), stop)
        if after:
            return after[-1]
        described = self.described(head, stop)
        if described is not None:
            return described  # "The Dutch farm ministry published ... The ministry expects"
        if head in _COMPANY_HEADS or head in ("bureau", "agency", "office", "ministry"):
            opener = _NAMED.match(text, 0, stop)
            if opener is not None and " " in opener.group(1) and not _modifies(text, opener.end()):
                return opener.group(1)  # "The Serious Fraud Office charged ... The office said"
            opener = _OPENER.match(text, 0, stop)
            if opener is not None and (" " in opener.group(1) or opener.group(2)):
                return opener.group(1)  # "Siemens Energy raised ... The company said"
        if head in _COMPANY_HEADS or head in _BUSINESS_HEADS:
            body = self.last_body(stop)
            if body is not None:
                return body  # "Hapag-Lloyd reported ... The shipper said"
        return speaker

    def within(self, speaker: str, start: int, stop: int) -> str:
        """``_within``, once per speaker phrase and sentence (its figures all ask)."""
        key = (speaker, start, stop)
        found = self._within.get(key)
        if found is None:
            found = self._within[key] = self._within_sentence(speaker, start, stop)
        return found

    def _within_sentence(self, speaker: str, start: int, stop: int) -> str:
        """ "Glencore's coal output fell 5%, the miner said", "Citigroup will cut 20,000 jobs,
        the bank said": a bare business head closing a sentence stands for the name opening it
        (``start``: the sentence start; ``stop``: where the speaker phrase begins)."""
        from .actors import territories

        m = _GENERIC.match(speaker)
        if m is None or (speaker[:1].isupper() and speaker[:4] != "The "):
            return speaker
        if stop - start > 400:
            return speaker
        head = m.group(1).lower()
        if " " not in m.group(1):
            # "The Ministry of Agriculture published ..., and the ministry said": a name with
            # the head in it, or the same head described, before it in the same sentence
            same = Earlier(self.text[start:stop])
            named = same.last_named(head.capitalize(), ending=False, stop=stop - start)
            if named is not None and not _modifies(same.text, same.text.rfind(named) + len(named)):
                return named
            described = same.described(head, stop - start)
            if described is not None:
                return described
        if " " in m.group(1) or (head not in _COMPANY_HEADS and head not in _BUSINESS_HEADS):
            return speaker
        opener = _OPENER.match(self.text, start, stop)
        if opener is None or opener.group(1) in territories():
            return speaker
        name = opener.group(1)
        if name.split()[0].lower() in STOP or name.split()[0].lower() in SPEAKER_WORDS:
            return speaker
        if opener.group(2) is None and not _acts(self.text, opener.end(1)):
            return speaker  # "Buyers need ...", "Growth will be 2%, the bank said"
        return name

    def described(self, head: str, stop: int) -> str | None:
        """The last "the <modifiers> <head>" before ``stop`` with one to three modifiers ("the
        Dutch farm ministry", "Kenya's agriculture ministry", "the Swedish weather agency SMHI"),
        without its article, within ``_DESCRIBED_REACH`` characters. Each head's phrases are
        found once per text by a plain string search (no pattern to compile per head)."""
        found = self._described.get(head)
        if found is None:
            found = self._described[head] = _described_phrases(self.text, head)
        ends, phrases = found
        k = bisect_right(ends, stop) - 1
        if k < 0 or ends[k] < stop - _DESCRIBED_REACH:
            return None
        return phrases[k]

    def last_body(self, stop: int) -> str | None:
        """The last name of a business before ``stop``, within the two sentences before it:
        a capitalised name that is no place, day or month, not the common noun opening a
        sentence ("Analysts at Numis cut ..." -> "Numis"), and not after "in", "to" or "from"."""
        from .actors import territories

        text = self.text
        floor = _sentence_floor(text, stop)
        starts, _, names = self._matches(_NAMED)
        k, tail = self._before(_NAMED, stop)
        lo = bisect_left(starts, floor)
        candidates = [(starts[i], names[i]) for i in range(lo, k)]  # the window only: linear
        if tail:
            candidates.append((starts[k], tail[-1]))
        for start, name in reversed(candidates):
            if start < floor:
                return None
            bare = name[4:] if name.startswith("The ") else name
            words = bare.split()
            low = words[0].lower().rstrip("'’s")
            before = text[max(0, start - 40) : start].split()
            b = start - 1
            while b >= 0 and text[b] in " \t":
                b -= 1
            opens = b < 0 or text[b] in ".!?\n"
            place = (
                bool(before)
                and before[-1] in ("in", "to", "from", "on", "at", "near")
                and not (len(before) >= 2 and before[-2].lower() in SPEAKER_WORDS)
            )  # "in Hanoi" is a place, "analysts at Numis" a business
            common = (
                opens
                and len(words) == 1
                and (
                    low in STOP
                    or low in SPEAKER_WORDS
                    or singular(low) in SPEAKER_WORDS
                    or not _acts(text, start + len(name))
                )
            )  # "Analysts at Numis cut ...", "Output rose ...": the first word names no one
            if bare in territories() or low in _CALENDAR or place or common:
                continue
            return bare
        return None


#: the business a bare "the shipper" or "the broker" stands for, as well as _COMPANY_HEADS
_BUSINESS_HEADS = wordset(
    """broker brokerage shipper carrier consultancy pollster developer builder insurer
    automaker producer exporter refiner supplier lender bank miner regulator watchdog"""
)
_NOT_MODIFIERS = wordset(
    """same other new old former whole entire first second third last next big bigger biggest
    largest main only own such this that its their his her our a an"""
)
_CALENDAR = wordset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december"""
)
_SENTENCE_END = re.compile(r"[.!?]\s+(?=[A-Z\"“])")


_STATIVE = wordset("was were had needed seemed remained stood totalled totaled reached hit")


def _acts(text: str, end: int) -> bool:
    """A name ending at ``end`` is the subject of a verb by which a business acts or speaks
    ("Citigroup will cut", "Hapag-Lloyd reported"), not of "rose" or "will be"."""
    from .actors import DECISION_VERBS
    from .clauses import MODALS
    from .verbs import is_past

    nxt = _NEXT_WORD.match(text, end)
    if nxt is None:
        return False
    word = nxt.group(1)
    if word in MODALS:
        word = nxt.group(2) or ""  # "Citigroup will cut"
    if word in DECISION_VERBS or word in SPEECH_VERBS:
        return True
    # "Hapag-Lloyd published its report": a past form, but not "Output rose" or "Sales were"
    return is_past(word) and word not in TREND_WORDS and word not in _STATIVE


def _sentence_floor(text: str, stop: int) -> int:
    """The start of the sentence two before the one at ``stop``."""
    ends = [m.end() for m in _SENTENCE_END.finditer(text, max(0, stop - 600), stop)]
    ends = [e for e in ends if e < stop]
    return ends[-2] if len(ends) >= 2 else max(0, stop - 600) if ends else 0


#: how far back (characters) "the ministry" looks for "the Dutch farm ministry"
_DESCRIBED_REACH = 3000
_ACRONYM = re.compile(r" [A-Z][A-Z\d&-]+\b")
_MODIFIER = re.compile(r"^[A-Za-z][\w'’-]*$")


def _described_phrases(text: str, head: str) -> tuple[list[int], list[str]]:
    """(end offsets, tidied phrases) of every "the <modifiers> <head>" in ``text``."""
    ends: list[int] = []
    phrases: list[str] = []
    i = text.find(" " + head)
    while i >= 0:
        end = i + 1 + len(head)
        if end >= len(text) or not (text[end].isalnum() or text[end] in "'’-"):
            phrase = _modified(text[max(0, i - 80) : i].split()[-4:])
            if phrase is not None:
                acronym = _ACRONYM.match(text, end)
                tail = acronym.group() if acronym is not None else ""
                ends.append(end + len(tail))
                phrases.append(tidy(" ".join(phrase) + " " + head + tail))
        i = text.find(" " + head, end)
    return ends, phrases


def _modified(words: list[str]) -> list[str] | None:
    """The one to three modifiers at the end of ``words`` after "the" or opening with a
    possessive name ("Kenya's"), none of them a determiner or an adjective of sameness."""
    for k in range(len(words) - 1, max(-1, len(words) - 4), -1):
        mods = words[k:]
        if not all(_MODIFIER.match(w) for w in mods):
            return None
        if any(w.lower() in _NOT_MODIFIERS or w.lower() in ("the", "of", "and") for w in mods):
            return None
        before = words[k - 1] if k >= 1 else ""
        if before in ("the", "The"):
            return mods
        first = mods[0]
        if first[:1].isupper() and first.endswith(("'s", "’s")) and len(mods) >= 2:
            return mods
    return None


_NEXT_WORD = re.compile(r" ([a-z]+) ([a-z]+)?")


def _modifies(text: str, end: int) -> bool:
    """ "The German economy ministry said": the capitalised words before ``end`` describe the
    noun after them (a noun, not a verb, follows), so they are not the body's name."""
    from .clauses import is_verb
    from .sentences import tokenize

    m = _NEXT_WORD.match(text, end)
    if m is None:
        return False
    toks = tokenize(m.group(0).strip(), 0)
    return not is_verb(toks[0], toks[1] if len(toks) > 1 else None)


def _picks(name: str, title: str, ending: bool) -> bool:
    if ending:
        return name.split()[-1] == title and " " in name
    return title in name.split() or name.endswith(title)


@lru_cache(maxsize=256)
def _after_head(head: str) -> re.Pattern[str]:
    return re.compile(rf"\b{head} ((?:[A-Z][\w&'’-]+)(?: [A-Z][\w&'’-]+){{0,3}})")


#: conjunctions that open a clause of its own: ", and traders said", "; analysts said"
COORDINATORS = wordset(
    "and but while whereas though although yet after as when because since before until"
)


def mark_closing(toks: list[Token], clause: Clause) -> Clause:
    """ "..., Jane Roe, an analyst at Nordea, said." / "..., according to the port authority.":
    a clause that takes the whole tail of the sentence after a comma, with no verb or figure
    after it, closes the sentence and covers every figure before it."""
    from .clauses import verb_at

    if clause.final or clause.bound is not None or clause.span == (0, 0) or clause.citing:
        return clause
    begin = min(clause.span[0], clause.position)
    first = bisect_left(toks, begin, key=lambda t: t.start)
    if first == 0 or first >= len(toks) or toks[first - 1].text != ",":
        return clause
    last_char = max(clause.span[1], clause.position)
    j = bisect_left(toks, last_char, key=lambda t: t.start)
    if j < len(toks) and toks[j].start == clause.position:
        j += 1  # past the verb itself
    j = _past_adjuncts(toks, j)
    for k in range(j, len(toks)):
        t = toks[k]
        if t.kind == NUM or (t.kind == WORD and (verb_at(toks, k) or t.low in SPEECH_VERBS)):
            return clause
        if t.kind == PUNCT and t.text in ";:":
            return clause
    return dataclasses.replace(clause, final=True)


def mark_coordinated(toks: list[Token], clause: Clause) -> Clause:
    """ "Brent rose 1.2%, and traders said ...": a speaker named right after a conjunction (or a
    semicolon) heads a clause of its own; the figures of the clause before are not its claim."""
    if clause.span == (0, 0) or clause.final or clause.bound is not None:
        return clause
    first = bisect_left(toks, clause.span[0], key=lambda t: t.start)
    if first == 0 or first >= len(toks) or toks[first].start != clause.span[0]:
        return clause
    j = first - 1
    while j > 0 and first - j <= 3 and toks[j].kind == WORD and toks[j].text.islower():
        if toks[j].low in COORDINATORS:
            break
        j -= 1  # "; harbour officials said": the modifiers of the speaker
    before = toks[j]
    if before.text == ";" or (before.kind == WORD and before.low in COORDINATORS):
        return dataclasses.replace(clause, coordinated=True)
    return clause


#: "a spokesperson for the board", "analysts at the brokerage", "data from the land registry"
_BODY_LINKS = frozenset({"for", "of", "at", "from"})


def _speaker_like(tok: Token) -> bool:
    if tok.kind != WORD:
        return False
    low = tok.low
    if low in STOP:
        return False
    if tok.text[:1].isupper() or low in SPEAKER_WORDS or low in ROLE_WORDS:
        return True
    return singular(low) in SPEAKER_WORDS or singular(low) in ROLE_WORDS


def body_of(toks: list[Token], first: int, lo: int) -> int | None:
    """ "A spokesperson for the regional health board said", "Analysts at the brokerage
    forecast", "Data from the land registry show": the body after "the" is where the speaker
    works or what the data comes from; the speaker phrase starts at the person or the data
    (the index returned, after its article), else None."""
    d = first - 1
    if d - 2 < lo or toks[d].text not in ("the", "a", "an"):
        return None
    if toks[d - 1].low not in _BODY_LINKS or not _speaker_like(toks[d - 2]):
        return None
    h = d - 2
    while h - 1 >= lo and h > d - 5 and _speaker_like(toks[h - 1]):
        h -= 1  # "Senior analysts at the lender"
    return h


#: who speaks without a name: "people familiar with the matter", "a source close to the talks"
_UNNAMED_HEADS = wordset(
    """people person sources source officials official executives executive diplomats diplomat
    bankers banker insiders insider lawmakers"""
)
#: what follows them: "familiar with", "close to", "briefed on", "with (direct) knowledge of"
_UNNAMED_LINKS = wordset("familiar close briefed with involved knowledgeable aware privy")
_COUNTS = wordset("two three four five six seven eight nine ten several some many other a an")


def unnamed_backward(toks: list[Token], k: int, lo: int) -> tuple[int, int] | None:
    """ "Sources close to the talks said", "Three people with knowledge of the deal said",
    "People briefed on the plans said": the whole description ending at ``k`` speaks, not the
    matter it ends on."""
    for h in range(k - 2, max(lo, k - 7) - 1, -1):
        if toks[h].kind != WORD:
            return None
        if toks[h].low not in _UNNAMED_HEADS or toks[h + 1].low not in _UNNAMED_LINKS:
            continue
        if any(toks[x].kind != WORD for x in range(h + 1, k + 1)):
            return None
        first = h
        while (
            first - 1 >= lo
            and h - first < 2
            and (
                toks[first - 1].low in _COUNTS
                or toks[first - 1].kind == NUM
                or toks[first - 1].low in ("senior", "western", "government", "company", "industry")
                or (toks[first - 1].text[:1].isupper() and toks[first - 1].low not in STOP)
            )
        ):
            first -= 1  # "Two senior officials", "three Western diplomats"
        return first, k
    return None


def before_acronym(toks: list[Token], k: int) -> int:
    """ "The International Energy Agency (IEA) said": the name ends before its short form in
    brackets; returns the index the speaker phrase ends at."""
    if k < 3 or toks[k].text != ")":
        return k
    for p in range(k - 1, max(0, k - 4) - 1, -1):
        if toks[p].text == "(":
            inside = toks[p + 1 : k]
            if inside and all(t.kind == WORD and t.text[:1].isupper() for t in inside):
                return p - 1 if toks[p - 1].kind == WORD else k
            return k
        if toks[p].kind != WORD:
            return k
    return k


#: words of an aside between a speaker and its verb: "The opposition, however, estimates"
_ASIDE_WORDS = wordset(
    """however meanwhile though too also instead separately for its their his her part in
    contrast by turn for example its own"""
)


def before_aside(toks: list[Token], k: int) -> int:
    """ "The opposition, however, estimates", "OPEC, for its part, forecasts": the speaker
    phrase ends before the aside; returns the index it ends at."""
    if k < 3 or toks[k].text != ",":
        return k
    c = k - 1
    while c > 0 and k - c <= 4 and toks[c].kind == WORD and toks[c].low in _ASIDE_WORDS:
        c -= 1
    if c < k - 1 and c > 0 and toks[c].text == "," and toks[c - 1].kind == WORD:
        return c - 1
    return k


_GIVEN = wordset("figure toll estimate tally count number total")


def gives_figure(toks: list[Token], v: int) -> bool:
    """ "gave a higher figure of 500", "cited a toll of 2,000", "offered an estimate of": a verb
    that gives a figure as its subject's, not "gave $5m to charity"."""
    n = len(toks)
    j = v + 1
    if j >= n or toks[j].low not in ("a", "an", "the", "its", "their", "his", "her"):
        return False
    j += 1
    while j < n and j - v <= 4 and toks[j].kind == WORD and toks[j].low not in _GIVEN:
        j += 1  # "a higher", "a much lower", "an updated"
    return j + 1 < n and toks[j].low in _GIVEN and toks[j + 1].low == "of"


def named_after(toks: list[Token], span: tuple[int, int]) -> tuple[int, int]:
    """ "according to its founder, Lars Berg", "according to the agency's director, Dr. Ana
    Ruiz,": a role followed by the name of who holds it gives the name (its token span)."""
    last = span[1]
    n = len(toks)
    if (
        last + 2 >= n
        or toks[last + 1].text != ","
        or toks[last].low
        not in ROLE_WORDS
        | {
            "founder",
            "owner",
            "spokesperson",
            "official",
        }
    ):
        return span
    j = last + 2
    while (
        j < n
        and j - last <= 6
        and (
            (toks[j].kind == WORD and toks[j].text[:1].isupper())
            or (toks[j].text == "." and toks[j - 1].low in TITLES)
        )
    ):
        j += 1
    if j - last < 4 or (j < n and toks[j].text not in ",.;:!?"):
        return span  # a name has two words at least: "Lars Berg", "Ms. Ito"
    return last + 2, j - 1


def it_body(toks: list[Token], k: int) -> tuple[int, int] | None:
    """ "Shares in the lender fell 4% after it reported ...": "it" is the body named earlier in
    the sentence ("the lender", "the company"), when there is one (its token span)."""
    if toks[k].low != "it" or k < 2:
        return None
    for j in range(k - 1, 0, -1):
        if toks[j].kind != WORD:
            continue
        if toks[j].low in _COMPANY_HEADS and toks[j - 1].low == "the":
            return j - 1, j
    return None


def with_modifier(
    toks: list[Token], span: tuple[int, int] | None, lo: int
) -> tuple[int, int] | None:
    """ "but aid agencies believe", "cocoa traders said": the lower-case noun that opens the
    clause before a speaker word belongs to the speaker."""
    if span is None or span[0] <= lo or toks[span[0]].text[:1].isupper():
        return span
    m = span[0] - 1
    word = toks[m]
    if (
        word.kind != WORD
        or not word.text.islower()
        or word.low in STOP
        or word.low in FUNCTION_WORDS
        or word.low in SPEECH_VERBS
        or word.low.endswith(("ed", "ly", "ing"))
    ):
        return span
    if m > lo and not (toks[m - 1].kind == PUNCT or toks[m - 1].low in FUNCTION_WORDS | CONNECTORS):
        return span
    return m, span[1]
