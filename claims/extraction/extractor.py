"""The pipeline: sentences -> tokens -> figures (number, range, unit, qualifier) -> context."""

from __future__ import annotations

from bisect import bisect_right
from decimal import Decimal

from . import attribution, context
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


def _normal(value: Decimal) -> Decimal:
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def extract(text: str) -> list[ExtractedQuantity]:
    """Every figure in ``text``, sorted by start offset. Deterministic and never raises on
    well-formed ``str`` input."""
    if not text:
        return []
    results: list[ExtractedQuantity] = []
    excluded = context.excluded_spans(text) if MAYBE_NUMBER.search(text) else []
    quotes = quote_spans(text)
    quote_starts = [s for s, _ in quotes]
    sentences = split_sentences(text)
    clauses_by_sentence: list[list[attribution.Clause]] = []
    last_named: dict[int, str] = {}
    pending: list[tuple[int, Figure, list[Token]]] = []

    for index, sentence in enumerate(sentences):
        chunk = text[sentence.start : sentence.end]
        has_number = MAYBE_NUMBER.search(chunk) is not None
        has_speech = MAYBE_SPEECH.search(chunk) is not None
        toks = tokenize(chunk, sentence.start) if (has_number or has_speech) else []
        clauses: list[attribution.Clause] = []
        if has_speech:
            raw = attribution.find_clauses(text, toks)
            for clause in raw:
                if clause.pronoun:
                    named = last_named.get(sentence.paragraph)
                    if named is None and clause.speaker.lower() != "it":
                        continue
                    if named is not None:
                        clause = attribution.Clause(named, clause.verb, clause.position)
                    else:
                        continue
                else:
                    last_named[sentence.paragraph] = clause.speaker
                clauses.append(clause)
        clauses_by_sentence.append(clauses)
        if has_number:
            parser = SentenceParser(text, toks, excluded)
            for fig in parser.figures():
                pending.append((index, fig, toks))

    for index, fig, toks in pending:
        sentence = sentences[index]
        start = toks[fig.first].start
        end = toks[fig.last].end
        clauses = clauses_by_sentence[index]
        if not clauses:
            clauses = _quoted_clauses(sentences, clauses_by_sentence, quotes, quote_starts, start)
        speaker_clause, via_clause = attribution.choose(clauses, start)
        as_of = _as_of(text, sentence.start, sentence.end, start, end)
        unit = fig.unit
        dimension = unit.dimension
        if fig.per and dimension not in ("speed", "data"):
            dimension = "rate"
        low, high = _normal(fig.low), _normal(fig.high)
        value = low if fig.exact and low == high else None
        speaker = speaker_clause.speaker if speaker_clause else None
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
                unit=unit.code,
                unit_name=unit.name,
                dimension=dimension,
                currency=unit.currency,
                per=fig.per,
                subject=fig.subject,
                as_of=as_of,
                place=None,
                sentence_start=sentence.start,
                sentence_end=sentence.end,
                speaker=speaker,
                verb=speaker_clause.verb if speaker_clause else None,
                via=via_clause.speaker if via_clause else None,
                score=claim_score(
                    dimension=dimension,
                    unit_name=unit.name,
                    qualifier=fig.qualifier,
                    trend=fig.trend,
                    speaker=speaker,
                    high=high,
                    scaled=fig.scaled,
                    in_parentheses=fig.in_parentheses,
                    per=fig.per,
                ),
            )
        )
    results.sort(key=lambda q: (q.start, q.end))
    return results


def _quoted_clauses(
    sentences: list[Sentence],
    clauses_by_sentence: list[list[attribution.Clause]],
    quotes: list[tuple[int, int]],
    quote_starts: list[int],
    position: int,
) -> list[attribution.Clause]:
    """Attribution of the quotation that contains ``position``: the clause given in the
    sentence where the quotation closes (after it) or opens (before it)."""
    k = bisect_right(quote_starts, position) - 1
    if k < 0 or not (quotes[k][0] <= position < quotes[k][1]):
        return []
    q_start, q_end = quotes[k]
    for index, sentence in enumerate(sentences):
        if sentence.start <= q_end - 1 < sentence.end + 1:
            after = [c for c in clauses_by_sentence[index] if c.position >= q_end]
            if after:
                return after[:1]
        if sentence.start <= q_start < sentence.end:
            before = [c for c in clauses_by_sentence[index] if c.position < q_start]
            if before:
                return before[-1:]
    return []


def _as_of(text: str, s_start: int, s_end: int, start: int, end: int) -> str | None:
    best: tuple[int, str] | None = None
    for t_start, t_end, found in context.time_expressions(text, s_start, s_end):
        if t_start < end and start < t_end:
            continue
        distance = start - t_end if t_end <= start else t_start - end
        if best is None or distance < best[0]:
            best = (distance, found)
    return best[1] if best else None
