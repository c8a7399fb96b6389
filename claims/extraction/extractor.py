"""The pipeline: sentences -> tokens -> figures (number, range, unit, qualifier) -> context."""

from __future__ import annotations

import re
from bisect import bisect_right
from decimal import Context, Decimal
from itertools import accumulate

from . import (
    actors,
    acts,
    attribution,
    changes,
    context,
    counted,
    names,
    nouns,
    places,
    references,
    senses,
    sources,
    subjects,
    wording,
)
from .clauses import forget_verbs, opening_start
from .figures import Figure, SentenceParser
from .model import ExtractedQuantity
from .phrases import MAYBE_NUMBER, MAYBE_SPEECH
from .scoring import claim_score
from .sentences import (
    Sentence,
    Token,
    quote_spans,
    split_sentences,
    tokenize,
)
from .units import UnitDef

_WIDE = Context(prec=80)
#: Sentences longer than this (tables, lists, adversarial input) are only tokenized in windows
#: around the places where a figure or an attribution verb may be: the rest cannot matter.
LONG_SENTENCE = 600


def _windows(
    text: str, offset: int, chunk: str, pattern: re.Pattern[str], before: int, after: int
) -> list[list[Token]]:
    """Token lists for the merged windows around ``pattern``'s matches in ``chunk``."""
    spans: list[list[int]] = []
    for count, m in enumerate(pattern.finditer(chunk)):
        if count > 40:
            return [tokenize(chunk, offset)]  # dense: the windows would cover it all anyway
        lo, hi = max(0, m.start() - before), min(len(chunk), m.end() + after)
        if spans and lo <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], hi)
        else:
            spans.append([lo, hi])
    out = []
    for lo, hi in spans:
        # widen to a word boundary so that no token is cut in two (within reason)
        stop = max(0, lo - 40)
        while lo > stop and chunk[lo - 1].isalnum():
            lo -= 1
        stop = min(len(chunk), hi + 40)
        while hi < stop and chunk[hi].isalnum():
            hi += 1
        out.append(tokenize(text[offset + lo : offset + hi], offset + lo))
    return out


def _normal(value: Decimal) -> Decimal:
    """``1500000.0`` -> ``1500000``, ``3.450`` -> ``3.45`` (wide context: never overflows)."""
    if value == value.to_integral_value(context=_WIDE):
        return value.quantize(Decimal(1), context=_WIDE)
    return value.normalize(context=_WIDE)


def extract(text: str) -> list[ExtractedQuantity]:
    """Every figure in ``text``, sorted by start offset. Deterministic and never raises on
    well-formed ``str`` input."""
    if not text:
        return []
    forget_verbs()
    results: list[ExtractedQuantity] = []
    excluded = context.excluded_spans(text) if MAYBE_NUMBER.search(text) else []
    quotes = quote_spans(text)
    quote_starts = [s for s, _ in quotes]
    sentences = split_sentences(text)
    clauses_by_sentence: list[list[attribution.Clause]] = []
    last_named: dict[int, str] = {}
    openers = _Openers()  # first sentence subject per paragraph, for pronouns
    speaker_so_far: list[str | None] = []  # last named speaker of the paragraph, per sentence
    pending: list[tuple[int, Figure, list[Token]]] = []
    grouped: list[tuple[int, list[Token], list[Figure]]] = []

    for index, sentence in enumerate(sentences):
        chunk = text[sentence.start : sentence.end]
        has_number = (
            MAYBE_NUMBER.search(chunk) is not None or _MAYBE_MULTIPLE.search(chunk) is not None
        )
        has_speech = MAYBE_SPEECH.search(chunk) is not None
        long = len(chunk) > LONG_SENTENCE
        toks = tokenize(chunk, sentence.start) if (has_number or has_speech) and not long else []
        clauses: list[attribution.Clause] = []
        if has_speech:
            if long:
                raw = []
                for w_toks in _windows(text, sentence.start, chunk, MAYBE_SPEECH, 300, 150):
                    raw.extend(attribution.find_clauses(text, w_toks))
            else:
                raw = attribution.find_clauses(text, toks)
            raw = _quoted_first_person(raw, quotes, quote_starts)
            for clause in raw:
                if clause.pronoun:
                    named = last_named.get(sentence.paragraph) or openers.get(sentence.paragraph)
                    if named is None and clause.position > sentence.start:
                        # "Rio Tinto published its report, and it said ...": the subject of
                        # the sentence itself, named before the pronoun
                        named = attribution.sentence_subject(chunk)
                    if (
                        named is None
                        and clause.speaker.lower() == "it"
                        and index > 0
                        and sentences[index - 1].paragraph == sentence.paragraph
                    ):
                        # "The lab published its review. It said ...": the body before
                        before = sentences[index - 1]
                        named = attribution.body_subject(text[before.start : before.end])
                    if named is None and clause.speaker.lower() != "it":
                        continue
                    if named is not None:
                        clause = attribution.Clause(
                            named, clause.verb, clause.position, complement=clause.complement
                        )
                    else:
                        continue
                elif clause.verb not in attribution.MEASURE_VERBS:
                    last_named[sentence.paragraph] = clause.speaker  # not "the UK recorded"
                clauses.append(clause)
        clauses_by_sentence.append(clauses)
        speaker_so_far.append(last_named.get(sentence.paragraph))
        openers.add(sentence.paragraph, chunk)
        if has_number:
            groups = (
                _windows(text, sentence.start, chunk, MAYBE_NUMBER, 100, 200) if long else [toks]
            )
            for group in groups:
                found = SentenceParser(text, group, excluded).figures()
                grouped.append((index, group, changes.link(group, found)))

    dollar = senses.text_dollar(grouped)
    nations = senses.Nations(text)
    for index, group, figs in grouped:
        sentence = sentences[index]
        chunk = text[sentence.start : sentence.end]
        for fig in senses.refine(text, group, figs, chunk, dollar, nations):
            pending.append((index, fig, group))

    sentence_starts = [s.start for s in sentences]
    times: dict[int, list[tuple[int, int, str]]] = {}
    quoted: dict[int, list[attribution.Clause]] = {}
    last_subject: dict[int, str] = {}
    last_fig: dict[int, tuple[list[Token], int, str, str]] = {}  # the figure before, per sentence
    first_subject: dict[int, str] = {}  # per sentence, what a pronoun opening the next means
    last_end: dict[int, int] = {}
    last_text: dict[int, str] = {}
    last_unit: dict[int, tuple[UnitDef, str | None]] = {}
    countries_of: tuple[list[Token], list[int]] = ([], [])
    speaker_spans: dict[int, tuple[list[int], list[int]]] = {}
    names_before: sources.Earlier | None = None  # the names of the text, found once
    for index, fig, toks in pending:
        sentence = sentences[index]
        start = toks[fig.first].start
        end = toks[fig.last].end
        clauses = clauses_by_sentence[index]
        if clauses:
            spans = speaker_spans.get(index)
            if spans is None:
                spans = speaker_spans[index] = _span_reach(clauses)
            k = bisect_right(spans[0], start) - 1
            if k >= 0 and spans[1][k] >= end:
                continue  # "citing two officials": part of who speaks, not a figure
        if not clauses:
            k = bisect_right(quote_starts, start) - 1
            if k >= 0 and quotes[k][0] <= start < quotes[k][1]:
                if k not in quoted:
                    quoted[k] = _quoted_clauses(
                        sentences, sentence_starts, clauses_by_sentence, quotes[k]
                    )
                clauses = quoted[k]
                if not clauses and index > 0 and speaker_so_far[index - 1] is not None:
                    previous = sentences[index - 1]
                    if previous.paragraph == sentence.paragraph:
                        # a further quotation in the paragraph of an attributed one
                        named = speaker_so_far[index - 1]
                        clauses = [attribution.Clause(named or "", "said", previous.start)]
                if not clauses:
                    clauses = _quote_paragraph(sentences, speaker_so_far, index, quotes[k][0])
        speaker_clause, via_clause = attribution.choose(clauses, start, end)
        if speaker_clause is None:
            body = actors.actor(text, toks, fig.first)
            if body is not None:
                speaker_clause = attribution.Clause(body, "", start)
        if index not in times:
            times[index] = context.time_expressions(text, sentence.start, sentence.end)
        as_of = _as_of(times[index], start, end, fig.baseline)
        unit = fig.unit
        earlier = last_subject.get(index, "") if last_end.get(index, -1) < start else ""
        subject = _subject(text, toks, fig, unit.dimension, earlier)
        if earlier:  # "..., and August was revised up to 0.2%": what the sentence is about
            subject = references.time_subject(subject, first_subject.get(index, earlier)) or subject
        item_before = last_fig.get(index)
        if item_before is not None and item_before[0] is toks and item_before[3] == unit.dimension:
            item = ""
            if earlier and acts.carried(subject, earlier) == subject:  # not "depth of pool"
                item = references.listed(
                    text,
                    toks,
                    (item_before[1], item_before[2]),
                    (fig.first, fig.after, fig.subject),
                    earlier,
                )  # "12 people in Florida and 4 in Georgia": people killed in Georgia
            if (
                not item
                and item_before[2]
                and unit.code == "count"
                and not fig.subject
                and references.bare_count(toks, fig.first, fig.after)
            ):
                # "killed 21 people and forced 300,000 from their homes": people forced from them
                item = counted.extend(text, toks, fig.first, fig.last, item_before[2])
            subject = item or subject
        last_fig[index] = (toks, fig.last, fig.subject, unit.dimension)
        if subject and fig.first > 0:
            subject = _owned(text, sentence.start, start, subject, toks)
        if (
            index > 0
            and (toks[0].low in references.SUBJECT_PRONOUNS or toks[0].low == "the")
            and wording.is_placeholder(subject, toks, fig.first)
            and references.pronoun_opens(toks)
        ):
            # "Exports rose 4% in May. They reached $31 billion.": what the sentence before is about
            if index - 1 not in first_subject:
                gone = sentences[index - 1]
                first_subject[index - 1] = references.antecedent(text, gone.start, gone.end)
            subject = first_subject[index - 1] or subject
        if not subject and not fig.subject:
            # "Dozens were injured in the stampede": what the number did or had done to it
            subject = counted.verb_after(text, toks, fig.after)
            if not subject:  # "She is averaging 24 points a game": what the figure counts
                words = _AFTER_NUMBER.search(text, start, end)
                subject = words.group(1) if words else ""
        first_subject.setdefault(index, subject)
        subject = acts.margin(text, toks, fig.first, fig.after, subject) or subject
        subject = wording.exchange_rate(subject, fig.per)
        if unit.currency is not None and not fig.per:
            subject = acts.currency_rate(subject, unit.currency, unit.name) or subject
        subject = wording.with_opening(text, toks, fig.first, subject)
        if (
            earlier
            and _DIGIT.search(subject)
            and _runs_past(subject, last_text.get(index), earlier)
        ):
            subject = earlier  # "The drone flew 1,500 km in 18 hours": what the figure before was
        if countries_of[0] is not toks:
            countries_of = (toks, places.country_starts(toks))
        countries = countries_of[1]
        per = fig.per
        if (
            per is not None
            and unit.dimension in _PER_SECOND
            and unit.name
            and (per == "second" or (not per and text[start:end].endswith("/s")))
        ):
            unit, per = _per_second(unit), None  # "250MB/s": a megabyte per second
        rival = speaker_clause is not None and _names_speaker(subject, speaker_clause.speaker)
        if not rival and earlier and acts.forecaster(toks, fig.first, subject):
            rival = True  # "..., but the IMF expects 1.6%, officials said": not the IMF's own
        if rival and not earlier and subject.lower() in ("it", "they") and speaker_clause:
            subject = speaker_clause.speaker  # "The army said it advanced 3 km": the army's
        elif rival and earlier and not earlier.startswith("age of"):
            # "..., while SovEcon expects 46.5 million": a rival's figure is about what the
            # figure before was, in its unit when it names none
            subject = earlier
            before_unit = last_unit.get(index)
            if before_unit is not None and not unit.name and before_unit[0].name:
                unit, per = before_unit
        last_subject[index], last_end[index] = acts.carried(subject, earlier), end
        last_text[index] = text[start:end]
        last_unit[index] = (unit, per)
        if unit.code == "count" and subject and subject != (speaker_clause or _NOBODY).speaker:
            unit = _counted_in(subject) or unit  # "the death toll rose to 41": people
        dimension = unit.dimension
        if per and dimension not in ("speed", "data"):
            dimension = "rate"
        low, high = _normal(fig.low), _normal(fig.high)
        value = low if fig.exact and low == high else None
        speaker = speaker_clause.speaker if speaker_clause else None
        if speaker is not None and speaker_clause is not None:
            if names_before is None:
                names_before = sources.Earlier(text)
            named = names_before.resolve(speaker, sentence.start)  # from earlier sentences
            if named == speaker:
                named = _earlier_speaker(speaker, clauses_by_sentence, index)
            if named == speaker and speaker_clause.span[0] > sentence.start:
                # "Glencore's output fell 5%, the miner said": the name opening the sentence
                named = names_before.within(speaker, sentence.start, speaker_clause.span[0])
            speaker = named
        via = via_clause.speaker if via_clause else None
        if speaker is not None:
            speaker = names.tidy(speaker)  # "according to listings site Idealista": Idealista
        if via is not None:
            via = names.outlet(names.tidy(via))  # "according to a Bloomberg report": Bloomberg
        results.append(
            ExtractedQuantity(
                text=text[start:end],
                start=start,
                end=end,
                value=value,
                low=low,
                high=high,
                qualifier=fig.qualifier,
                trend=fig.trend,
                change=fig.change,
                from_value=None if fig.from_value is None else _normal(fig.from_value),
                unit=unit.code,
                unit_name=unit.name,
                dimension=dimension,
                currency=unit.currency,
                per=per,
                subject=subject,
                as_of=as_of,
                place=places.place_of(text, toks, fig.first, fig.after, countries),
                sentence_start=sentence.start,
                sentence_end=sentence.end,
                speaker=speaker,
                verb=speaker_clause.verb if speaker_clause else None,
                via=via,
                score=claim_score(
                    dimension=dimension,
                    unit_name=unit.name,
                    qualifier=fig.qualifier,
                    trend=fig.trend,
                    speaker=speaker,
                    high=high,
                    scaled=fig.scaled,
                    in_parentheses=fig.in_parentheses,
                    per=per,
                ),
            )
        )
    results.sort(key=lambda q: (q.start, q.end))
    forget_verbs()
    return results


_NOBODY = attribution.Clause("", "", 0)
#: the multiples written without a number word ("prices doubled", "twice as fast"), for the
#: sentences ``MAYBE_NUMBER`` passes over
_MAYBE_MULTIPLE = re.compile(
    r"\b(?:twice|doubl(?:e[ds]?|ing)|tripl(?:e[ds]?|ing)|trebled?|quadrupled?)\b", re.IGNORECASE
)
#: what flows per second is measured in a unit of its own ("250MB/s", "3,500 cubic metres per
#: second"); money and counted things per second stay rates ("60 frames per second")
_PER_SECOND = frozenset({"data", "volume", "mass", "energy"})


def _per_second(unit: UnitDef) -> UnitDef:
    dimension = "data" if unit.dimension == "data" else "other"
    expression = f"({unit.pint}) / s" if unit.pint else None
    return UnitDef(f"{unit.code}/s", f"{unit.name} per second", dimension, None, expression)


class _Openers:
    """The first sentence subject of each paragraph, read only when a pronoun asks for it (most
    paragraphs have none, and reading a subject tokenizes the sentence again)."""

    def __init__(self) -> None:
        self._chunks: dict[int, list[str]] = {}
        self._read: dict[int, int] = {}
        self._found: dict[int, str] = {}

    def add(self, paragraph: int, chunk: str) -> None:
        if paragraph not in self._found:
            self._chunks.setdefault(paragraph, []).append(chunk)

    def get(self, paragraph: int) -> str | None:
        found = self._found.get(paragraph)
        if found is not None:
            return found
        chunks = self._chunks.get(paragraph, [])
        k = self._read.get(paragraph, 0)
        while k < len(chunks):
            subject = attribution.sentence_subject(chunks[k])
            k += 1
            if subject is not None:
                self._found[paragraph] = subject
                self._chunks.pop(paragraph, None)
                return subject
        self._read[paragraph] = k
        return None


_BARE_BODY = re.compile(r"^(?:[Tt]he )?([a-z]+)$")
#: how many sentences back a bare "the agency" looks for the speaker it stands for
_ANAPHORA_REACH = 12


def _earlier_speaker(
    speaker: str, clauses_by_sentence: list[list[attribution.Clause]], index: int
) -> str:
    """ "..., the civil defence agency said. The agency added that ...": a bare head noun with
    "the" is the last speaker before it whose phrase ends in that noun (capitalised names are
    resolved from the text before; this finds the lower-case ones)."""
    m = _BARE_BODY.match(speaker)
    if m is None:
        return speaker
    head = m.group(1)
    for j in range(index - 1, max(-1, index - 1 - _ANAPHORA_REACH), -1):
        for clause in reversed(clauses_by_sentence[j]):
            words = clause.speaker.split()
            if len(words) >= 2 and words[-1].lower() == head and not clause.pronoun:
                return clause.speaker
    return speaker


#: who speaks inside a quotation in the first person: the one it is attributed to
_FIRST_PERSON = frozenset({"i", "we", "you"})


def _inside_quote(position: int, quotes: list[tuple[int, int]], quote_starts: list[int]) -> bool:
    k = bisect_right(quote_starts, position) - 1
    return k >= 0 and quotes[k][0] <= position < quotes[k][1]


def _quoted_first_person(
    raw: list[attribution.Clause], quotes: list[tuple[int, int]], quote_starts: list[int]
) -> list[attribution.Clause]:
    """'"Some days I see 40 patients," she added.': "I see" inside the quotation is the voice
    of whoever the quotation is attributed to, so a clause outside it in the sentence speaks
    for it; with none, "I" is a pronoun for the speaker named before."""
    if not quotes:
        return raw
    inside = [
        (c.speaker.lower() in _FIRST_PERSON or c.verb in attribution.MEASURE_VERBS)
        and _inside_quote(c.position, quotes, quote_starts)
        for c in raw
    ]
    if not any(inside):
        return raw
    if not all(inside):
        return [c for c, quoted in zip(raw, inside, strict=True) if not quoted]
    if not any(c.speaker.lower() in _FIRST_PERSON for c in raw):
        # '"The UK recorded 2,911 cases," she said.' split over sentences: who recorded the
        # figure inside a quotation does not voice it; the quotation's speaker does
        return []
    return [
        attribution.Clause(c.speaker, c.verb, c.position, pronoun=True, complement=c.complement)
        if quoted and not c.pronoun
        else c
        for c, quoted in zip(raw, inside, strict=True)
    ]


def _span_reach(clauses: list[attribution.Clause]) -> tuple[list[int], list[int]]:
    """The speaker spans of a sentence's clauses by start, with the furthest end reached so far:
    a figure lies inside one of them when the reach of the last start before it covers its end
    (a sentence of many clauses is not scanned again for each of its figures)."""
    spans = sorted(c.span for c in clauses)
    return [s for s, _ in spans], list(accumulate((e for _, e in spans), max))


def _names_speaker(subject: str, speaker: str) -> bool:
    """ "the IMF sees it at 4.6%": the subject found is only who speaks (or "it")."""
    words = {w.strip(".,'’").lower() for w in subject.split()} - {"the", "a", "an", "s"}
    if not words or words <= {"it", "them", "that", "this"}:
        return bool(subject.strip())
    said = {w.strip(".,'’").lower() for w in speaker.split()}
    return words <= said | {"consultancy", "analysts", "broker", "agency", "exchange"}


_DIGIT = re.compile(r"[0-9]")
#: the words of a figure after its number ("points a game" in "averaging 24 points a game")
_AFTER_NUMBER = re.compile(r"[0-9][0-9,.]*\s+([A-Za-z][A-Za-z ]*[a-z])")
_NOT_PAST = frozenset({"the", "a", "an", "its", "their", "his", "her", "our"})


_OWNER = re.compile(
    r"(?:The\s+)?(?:[A-Z][\w-]*\s+(?!of\b|for\b|and\b)[a-z]+\s+(?=[A-Z]))?"  # "Oil major X"
    r"([A-Z][\w&.-]*(?:\s+(?:of\s+|for\s+|and\s+)?[A-Z][\w&.-]*){0,4})(?:'s|’s)?\s+[a-z]"
)


def _owned(
    text: str, sentence_start: int, figure_start: int, subject: str, toks: list[Token]
) -> str:
    """ "Infosys raised its forecast, and its headcount rose by 2,456" -> "Infosys headcount":
    "its"/"their" before the subject stand for the body that opens the sentence (past what
    leads into it: "On Tuesday,", "Mr. Roe said")."""
    lo = max(sentence_start, figure_start - 300)  # bounded: long sentences stay linear
    at = text.rfind(subject, lo, figure_start + len(subject) + 80)
    if at < 0:
        return subject
    before = text[max(sentence_start, at - 6) : at].lower()
    if not before.endswith(("its ", "their ")):
        return subject
    if toks[0].start == sentence_start:
        sentence_start = toks[opening_start(toks)].start
    opener = _OWNER.match(text, sentence_start)
    if opener is None or opener.start(1) >= at:
        return subject
    name = opener.group(1)
    if name.split()[0].lower() in nouns.STOP or len(name) < 2:
        return subject
    if text.startswith(" of ", opener.end(1)):
        return subject  # "Shares of the drugmaker fell ...": a common noun opens the sentence
    return f"{name} {subject}"


def _runs_past(subject: str, before: str | None, earlier: str) -> bool:
    """The subject runs on through the figure before and its clause ("swam 20,000 km", "uses
    3,000 kWh a year"), not through a figure that qualifies a noun ("the 16 operating
    theatres", "Japan's 10-year yield")."""
    if not before or before not in subject or before in earlier:
        return False
    if earlier.startswith("age") or subject.startswith("age of"):
        return False
    if wording.is_placeholder(earlier, [], 0):
        return False
    words = subject[: subject.index(before)].split()
    if not words:
        return False
    word = words[-1]
    return word.islower() and word not in _NOT_PAST and not word.endswith(("'s", "’s"))


def _counted_in(subject: str) -> UnitDef | None:
    """The thing a bare count counts, from its subject: "number of people waiting" -> person."""
    for word in subject.split():
        clean = word.strip(",.;:'’()").lower()
        if clean in nouns.STOP or not clean.isalpha():
            continue
        if nouns.looks_plural(clean) and clean not in _NOT_COUNTED:
            name = nouns.singular(clean)
            return UnitDef(name, name, "count")
    return None


_NOT_COUNTED = frozenset({"sales", "exports", "imports", "earnings", "prices", "rates", "costs"})


def _subject(text: str, toks: list[Token], fig: Figure, dimension: str, previous: str = "") -> str:
    against = (
        subjects.baseline(text, toks, fig.first, previous)
        or subjects.worth_of(toks, fig.first, previous)
        or subjects.of_pronoun(toks, fig.after, previous, share=dimension == "percent")
    )
    if against:
        # "beating forecasts of a 0.2% rise": the forecast of what rose; "1,300 tonnes of
        # mackerel worth £1.6m": the value of what was counted
        return against
    since = acts.period_since(text, toks, fig.first, dimension, previous)
    if since:
        return since  # "fell to 3.9%, the lowest in 50 years": the time since it was this low
    found = _subject_of(text, toks, fig, dimension, previous)
    if dimension == "percent" and found and not found.startswith(("share", "age")):
        found = references.share_of_before(toks, fig.first, fig.last, fig.after, found) or found
    found = (
        acts.size_of(text, toks, fig.first, fig.after, found, dimension)
        or acts.distance_of(text, toks, fig.first, fig.after, dimension)
        or found
    )
    if dimension == "currency" and found:
        # "Fraud cost the welfare system £7.4bn": its cost to the welfare system
        found = subjects.cost_to(text, toks, fig.first, found) or found
    if wording.is_placeholder(found, toks, fig.first):
        # "put the figure at 8,000", "bringing its total to 146", "3.2 times": what the clause
        # or the figure before is about
        clause = subjects.subject_for(text, toks, fig.first, fig.last, fig.after, is_age=False)
        if previous and not wording.is_placeholder(previous, toks, fig.first):
            return previous
        if clause and not wording.is_placeholder(clause, toks, fig.first):
            return clause
    return found


def _subject_of(
    text: str, toks: list[Token], fig: Figure, dimension: str, previous: str = ""
) -> str:
    level = fig.first > 0 and toks[fig.first - 1].low in ("to", "at")
    if fig.subject and level and dimension != "age" and subjects.moves_to(toks, fig.first):
        clause = subjects.subject_for(text, toks, fig.first, fig.last, fig.first, is_age=False)
        if clause and not wording.is_placeholder(clause, toks, fig.first):
            return clause  # "Wine production in France is forecast to fall to 37.5m hectolitres"
    if fig.subject and dimension == "percent" and level:
        clause = subjects.subject_for(text, toks, fig.first, fig.last, fig.first, is_age=False)
        if clause:
            return clause  # "raised war-risk premiums to 1% of hull value": the premiums
    if fig.subject and dimension != "age":
        if dimension != "percent" or fig.subject.lower() not in subjects.SHARE_BASES:
            found = counted.extend(text, toks, fig.first, fig.last, fig.subject)
            return wording.share_of(found) if dimension == "percent" else found
        clause = subjects.subject_for(
            text, toks, fig.first, fig.last, fig.first, is_age=False
        )  # "6.1% of GDP": the deficit, as a share of GDP
        return f"{clause} as a share of {fig.subject}" if clause else fig.subject
    return subjects.subject_for(
        text,
        toks,
        fig.first,
        fig.last,
        fig.after,
        is_age=dimension == "age",
        is_share=dimension == "percent",
        is_money=dimension == "currency",
        previous=previous,
    )


def _quote_paragraph(
    sentences: list[Sentence], speaker_so_far: list[str | None], index: int, q_start: int
) -> list[attribution.Clause]:
    """A paragraph that opens with an unattributed quotation goes on with the speaker of the
    paragraph before it, as news copy does ("… said Lars Berg." / "“Another 10% could
    leave.”")."""
    first = index
    while first > 0 and sentences[first - 1].paragraph == sentences[index].paragraph:
        first -= 1
    opening = sentences[first]
    if first == 0 or q_start > opening.start + 1:
        return []
    previous = sentences[first - 1]
    named = speaker_so_far[first - 1]
    if named is None or previous.paragraph != opening.paragraph - 1:
        return []
    return [attribution.Clause(named, "said", previous.start)]


def _quoted_clauses(
    sentences: list[Sentence],
    sentence_starts: list[int],
    clauses_by_sentence: list[list[attribution.Clause]],
    quote: tuple[int, int],
) -> list[attribution.Clause]:
    """Attribution of a quotation: the clause given in the sentence where it closes (after the
    closing mark) or else in the sentence where it opens (before the opening mark)."""
    q_start, q_end = quote
    closing = bisect_right(sentence_starts, q_end - 1) - 1
    if closing >= 0:
        after = [c for c in clauses_by_sentence[closing] if c.position >= q_end]
        if after:
            return after[:1]
    opening = bisect_right(sentence_starts, q_start) - 1
    if opening >= 0:
        before = [c for c in clauses_by_sentence[opening] if c.position < q_start]
        if before:
            return before[-1:]
    return []


def _as_of(
    times: list[tuple[int, int, str]],
    start: int,
    end: int,
    baseline: tuple[int, int] | None = None,
) -> str | None:
    """The time reference nearest to the figure in its sentence (``times`` is sorted), leaving
    out the one that dates the baseline of a change ("down from US$70,000 last year")."""
    k = bisect_right(times, (start,))
    best: tuple[int, str] | None = None
    for t_start, t_end, found in times[max(0, k - 2) : k + 3]:
        if baseline is not None and baseline[0] <= t_start < baseline[1]:
            continue
        if t_start < end and start < t_end:
            if baseline is not None:
                continue  # inside "from A in May to B": dates A
            continue
        distance = start - t_end if t_end <= start else t_start - end
        if best is None or distance < best[0]:
            best = (distance, found)
    return best[1] if best else None
