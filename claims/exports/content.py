"""The fact-sheet document: one self-contained JSON-ready dict that every format renders.

:func:`build_content` reads the live rows (a fixed number of queries, whatever the sheet's
size) and returns plain data: strings, integers, ``None``, lists and dicts; quantities stay
exact as decimal strings. Publishing stores :func:`canonical_json` of it; exports of a
published version parse that stored text back (:func:`load_content`) and never look at live
rows, so a version renders to the same bytes for ever.

Sources are numbered as footnotes in the order they are first cited, walking the sheet in
reading order (sections, entries, then each entry's mentions and evidence): the numbering
depends only on the sheet's content. URLs other than http(s) are dropped here, once, so no
format can turn a ``javascript:`` URL into a link.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping
from datetime import datetime
from decimal import Decimal
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import Count, Max, Min, Q

from claims.formatting import (
    QUALIFIER_WORDS,
    central_value,
    figure_text,
    format_quantity,
    percent_difference,
)
from claims.models import (
    Claim,
    ClaimEvent,
    Evidence,
    FactSheet,
    FactSheetEntry,
    FactSheetSection,
    FactSheetVersion,
    Mention,
    Source,
    Verdict,
    decimal_text,
)
from claims.querysets import viewer_claim_states

SCHEMA = "factdesk.factsheet/1"


class Quantity:
    """A quantity read back from the document, in the shape ``claims.formatting`` expects."""

    def __init__(self, data: Mapping[str, Any]) -> None:
        self.value = _dec(data.get("value"))
        self.low = _dec(data.get("low"))
        self.high = _dec(data.get("high"))
        self.qualifier = data.get("qualifier") or "="
        self.trend = data.get("trend") or ""
        self.change = data.get("change") or ""
        self.from_value = _dec(data.get("from_value"))
        self.unit = data.get("unit") or ""
        self.unit_name = data.get("unit_name") or ""
        self.dimension = data.get("dimension") or ""
        self.currency = data.get("currency") or ""
        self.per = data.get("per") or ""


def _dec(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


def _num(value: Decimal | None) -> str | None:
    return None if value is None else decimal_text(value)


def _when(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat()


# An http(s) URL whose host is plain (ASCII letters, digits, dots and hyphens, then a port)
# and whose rest holds no space, control, quote, angle bracket, backtick, square bracket or
# backslash: ``urlsplit`` cannot refuse it, its scheme is http(s), its netloc is the host, and
# none of the characters ``safe_url`` refuses is in it. Such a URL is safe as it stands, without
# the split (a bulk export checks one URL for each report it cites: 57,000 at 100,000 claims).
_PLAIN_URL = re.compile(
    r"[Hh][Tt][Tt][Pp][Ss]?://[A-Za-z0-9.\-]+(?::[0-9]+)?(?:[/?#][^\x00-\x20\x7f\"'<>`\[\]\\]*)?"
)


@lru_cache(maxsize=4096)  # a bulk export asks again for each mention of the same report
def safe_url(url: str) -> str:
    """The URL if it is an absolute http(s) URL, else "" (never a ``javascript:`` link)."""
    url = (url or "").strip()
    return url if _PLAIN_URL.fullmatch(url) else _split_url(url)


def _split_url(url: str) -> str:
    """``safe_url`` the long way, for any stripped text: split, then checked."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    if parts.scheme.lower() not in {"http", "https"} or not parts.netloc:
        return ""
    if any(ch in url for ch in "\x00\r\n\t \"'<>`"):
        return ""
    return url


def user_label(user: Any) -> str | None:
    if user is None:
        return None
    return user.get_full_name() or user.get_username()


def canonical_json(content: Mapping[str, Any]) -> str:
    return json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def load_content(version: FactSheetVersion) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(version.content)
    return data


def quantity_fields(claim: Any) -> dict[str, Any]:
    return {
        "value": _num(claim.value),
        "low": _num(claim.low),
        "high": _num(claim.high),
        "qualifier": claim.qualifier,
        "qualifier_text": QUALIFIER_WORDS.get(claim.qualifier, "").strip(),
        "trend": claim.trend,
        "change": claim.change,
        "from_value": _num(claim.from_value),
        "unit": claim.unit,
        "unit_name": claim.unit_name,
        "dimension": claim.dimension,
        "currency": claim.currency,
        "per": claim.per,
        "figure": figure_text(claim),
        "text": format_quantity(claim),
    }


def _difference(claim: Claim, other: Claim) -> str | None:
    """How far the other claim's figure lies from this one's, in percent, for one unit."""
    if claim.unit != other.unit or claim.currency != other.currency:
        return None
    if claim.dimension != other.dimension:
        return None
    diff = percent_difference(central_value(claim), central_value(other))
    return None if diff is None else decimal_text(diff) if diff != 0 else "0"


class _Footnotes:
    def __init__(self) -> None:
        self.refs: dict[int, int] = {}
        self.sources: list[dict[str, Any]] = []

    def cite(self, source: Source) -> int:
        if source.pk not in self.refs:
            self.refs[source.pk] = len(self.refs) + 1
            self.sources.append(
                {
                    "ref": self.refs[source.pk],
                    "source_id": source.pk,
                    "title": source.title,
                    "outlet": source.outlet.name if source.outlet else None,
                    "url": safe_url(source.url),
                    "published_at": _when(source.published_at),
                    "kind": source.kind,
                    "sha256": source.sha256,
                }
            )
        return self.refs[source.pk]


def _entity(entity: Any) -> dict[str, str] | None:
    return None if entity is None else {"name": entity.name, "kind": entity.kind}


def build_content(
    sheet: FactSheet, *, publication: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """The sheet as it is now, as a document (see the module docstring)."""
    sections = list(FactSheetSection.objects.filter(sheet=sheet).order_by("position", "id"))
    entries = list(
        FactSheetEntry.objects.filter(sheet=sheet)
        .select_related("claim__current_verdict__decided_by")
        .order_by("position", "id")
    )
    claim_ids = [e.claim_id for e in entries]
    mentions: dict[int, list[Mention]] = {pk: [] for pk in claim_ids}
    for m in (
        Mention.objects.filter(claim_id__in=claim_ids)
        .select_related("source__outlet", "speaker", "via")
        .order_by("source__published_at", "source_id", "start", "id")
    ):
        mentions[m.claim_id].append(m)
    evidence: dict[int, list[Evidence]] = {pk: [] for pk in claim_ids}
    # A sheet is written for readers: it never cites a claim the desk has not accepted
    # (a candidate or a rejected figure), not even as evidence.
    for ev in (
        Evidence.objects.filter(claim_id__in=claim_ids, removed_at__isnull=True)
        .filter(Q(target_claim__isnull=True) | Q(target_claim__state__in=viewer_claim_states()))
        .select_related("target_source__outlet", "target_claim")
        .order_by("created_at", "id")
    ):
        evidence[ev.claim_id].append(ev)
    # A claim cited as evidence is cited with the report it first appeared in (its outlet and
    # date), so every format can say where the other figure comes from: one query.
    targets = {ev.target_claim_id for evs in evidence.values() for ev in evs if ev.target_claim_id}
    first_source: dict[int, Source] = {}
    for m in (
        Mention.objects.filter(claim_id__in=targets)
        .select_related("source__outlet")
        .defer("source__text", "source__raw_content")
        .order_by("claim_id", "reported_at", "source_id", "start", "id")
    ):
        first_source.setdefault(m.claim_id, m.source)
    history: dict[int, dict[str, Any]] = {
        row["claim_id"]: dict(row)
        for row in ClaimEvent.objects.filter(claim_id__in=claim_ids)
        .order_by()
        .values("claim_id")
        .annotate(events=Count("id"), first=Min("created_at"), last=Max("created_at"))
    }

    by_section: dict[int | None, list[FactSheetEntry]] = {None: []}
    by_section.update({s.pk: [] for s in sections})
    for entry in entries:
        by_section.setdefault(entry.section_id, []).append(entry)
    ordered: list[tuple[FactSheetSection | None, list[FactSheetEntry]]] = []
    if by_section[None]:
        ordered.append((None, by_section[None]))
    ordered.extend((s, by_section[s.pk]) for s in sections)
    numbers: dict[int, int] = {}
    for _section, items in ordered:
        for entry in items:
            numbers[entry.claim_id] = len(numbers) + 1

    notes = _Footnotes()
    out_sections = []
    for section, items in ordered:
        out_entries = []
        for entry in items:
            claim = entry.claim
            record = claim.current_verdict
            out_mentions = [
                {
                    "source_ref": notes.cite(m.source),
                    "quote": m.quote,
                    "start": m.start,
                    "end": m.end,
                    "speaker": _entity(m.speaker),
                    "verb": m.verb,
                    "via": _entity(m.via),
                }
                for m in mentions[claim.pk]
            ]
            out_evidence = []
            for ev in evidence[claim.pk]:
                item: dict[str, Any] = {
                    "relation": ev.relation,
                    "note": ev.note,
                    "source_ref": None,
                    "passage": None,
                    "claim": None,
                    "difference_percent": None,
                }
                if ev.target_source is not None:
                    item["source_ref"] = notes.cite(ev.target_source)
                    if ev.passage_start is not None:
                        item["passage"] = {
                            "quote": ev.quote,
                            "start": ev.passage_start,
                            "end": ev.passage_end,
                        }
                elif ev.target_claim is not None:
                    target = ev.target_claim
                    item["claim"] = {
                        "claim_id": target.pk,
                        "number": numbers.get(target.pk),
                        "statement": target.statement,
                        "quantity": quantity_fields(target),
                        "verdict": target.verdict,
                    }
                    if target.pk in first_source:
                        item["source_ref"] = notes.cite(first_source[target.pk])
                    item["difference_percent"] = _difference(claim, target)
                out_evidence.append(item)
            stats: dict[str, Any] = history.get(claim.pk, {})
            out_entries.append(
                {
                    "number": numbers[claim.pk],
                    "claim_id": claim.pk,
                    "claim_version": claim.version,
                    "note": entry.note,
                    "statement": claim.statement,
                    "quantity": quantity_fields(claim),
                    "subject": claim.subject,
                    "as_of": claim.as_of,
                    "place": claim.place,
                    "state": claim.state,
                    "verdict": {
                        "value": claim.verdict,
                        "label": Verdict(claim.verdict).label,
                        "reason": record.reason if record else "",
                        "editor": user_label(record.decided_by) if record else None,
                        "decided_at": _when(record.decided_at) if record else None,
                    },
                    "mentions": out_mentions,
                    "evidence": out_evidence,
                    "history": {
                        "events": stats.get("events", 0),
                        "first_at": _when(stats.get("first")),
                        "last_at": _when(stats.get("last")),
                    },
                }
            )
        out_sections.append({"title": section.title if section else None, "entries": out_entries})

    return {
        "schema": SCHEMA,
        "sheet": {"id": sheet.pk, "title": sheet.title, "summary": sheet.summary},
        "desk": {
            "organisation": settings.DESK_ORGANISATION or settings.SITE_NAME,
            "public_url": safe_url(settings.DESK_PUBLIC_URL).rstrip("/"),
        },
        "publication": dict(publication) if publication else None,
        "sections": out_sections,
        "sources": notes.sources,
    }


def iter_entries(content: Mapping[str, Any]) -> Iterator[tuple[str | None, dict[str, Any]]]:
    """(section title, entry) in reading order."""
    for section in content["sections"]:
        for entry in section["entries"]:
            yield section["title"], entry


def sources_by_ref(content: Mapping[str, Any]) -> dict[int, dict[str, Any]]:
    return {s["ref"]: s for s in content["sources"]}


def attribution_text(mention: Mapping[str, Any]) -> str:
    """ "South Korean intelligence assessed, via The Korea Herald"."""
    speaker = mention.get("speaker")
    via = mention.get("via")
    text = ""
    if speaker:
        text = speaker["name"] + (f" {mention['verb']}" if mention.get("verb") else "")
    if via:
        text = f"{text}, via {via['name']}" if text else f"via {via['name']}"
    return text


def difference_text(value: str | None) -> str:
    """ "−12.5 %" from "-12.5"."""
    if value is None:
        return ""
    number = Decimal(value)
    sign = "+" if number > 0 else ("−" if number < 0 else "±")
    return f"{sign}{decimal_text(abs(number))} %"


def figure_line(quantity: Mapping[str, Any]) -> str:
    """The quantity as a reader says it, from the document (never from live rows)."""
    return format_quantity(Quantity(quantity))


def date_text(value: str | None) -> str:
    return "" if not value else value[:10]


RELATION_LABELS = {
    "corroborates": "Supported by",
    "contradicts": "Contradicted by",
    "refines": "Made more precise by",
    "supersedes": "Superseded by",
    "context": "Context",
}
UNITLESS = {"", "count", "other"}


def _numbers(q: Mapping[str, Any]) -> list[tuple[str, str]]:
    """What the figure line does not already say, in words: the range of a vague or ranged
    figure and an earlier level. Never an internal code ("=", "km2", "rate · USD")."""
    from claims.formatting import format_number

    rows: list[tuple[str, str]] = []
    low, high, value = q.get("low"), q.get("high"), q.get("value")
    if (low is not None or high is not None) and value is not None and not (low == high == value):
        if low is not None and high is not None:
            rows.append(
                ("Range", f"{format_number(Decimal(low))} to {format_number(Decimal(high))}")
            )
        elif low is not None:
            rows.append(("At least", format_number(Decimal(low))))
        elif high is not None:
            rows.append(("At most", format_number(Decimal(high))))
    return rows


def _unique_parts(parts: Iterable[str]) -> list[str]:
    """Parts of a line, without one that repeats another ("February · February", or "Kyiv"
    after "Kyiv region"): compared without case."""
    kept: list[str] = []
    for part in parts:
        text = " ".join((part or "").split())
        if not text:
            continue
        low = text.casefold()
        if any(low in k.casefold() for k in kept):
            continue
        kept = [k for k in kept if k.casefold() not in low]
        kept.append(text)
    return kept


def citation_text(source: Mapping[str, Any] | None) -> str:
    """ "Kyiv turns its hotline on troops, The Northern Dispatch, 6 Nov 2024"."""
    if not source:
        return ""
    return ", ".join(
        p
        for p in (
            source.get("title"),
            source.get("outlet"),
            reader_date(source.get("published_at")),
        )
        if p
    )


def reader_date(value: str | None) -> str:
    """ "6 Nov 2024" from an ISO date or time ("" when there is none)."""
    if not value:
        return ""
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        return value[:10]
    return f"{when.day} {when:%b %Y}"


def present(content: Mapping[str, Any]) -> dict[str, Any]:
    """The document with the display strings that HTML and Markdown show, precomputed."""
    dated = [{**s, "date": reader_date(s["published_at"])} for s in content["sources"]]
    refs = {s["ref"]: s for s in dated}
    sections = []
    for section in content["sections"]:
        entries = []
        for entry in section["entries"]:
            verdict = entry["verdict"]
            mentions = [
                {
                    **m,
                    "attribution": attribution_text(m),
                    "source": refs[m["source_ref"]],
                }
                for m in entry["mentions"]
            ]
            evidence = []
            for ev in entry["evidence"]:
                target = ""
                if ev["claim"] is not None:
                    other = ev["claim"]
                    number = f"claim {other['number']}: " if other["number"] else ""
                    target = f"{number}{other['statement']} ({other['quantity']['text']})"
                source = refs.get(ev["source_ref"]) if ev["source_ref"] else None
                evidence.append(
                    {
                        **ev,
                        "label": RELATION_LABELS.get(ev["relation"], ev["relation"].capitalize()),
                        "target": target,
                        "source": source,
                        "citation": citation_text(source),
                        "difference": difference_text(ev["difference_percent"]),
                    }
                )
            entries.append(
                {
                    **entry,
                    "figure": entry["quantity"]["text"],
                    "numbers": _numbers(entry["quantity"]),
                    "context": " · ".join(
                        p
                        for p in _unique_parts((entry["subject"], entry["as_of"], entry["place"]))
                        if p.casefold() not in entry["quantity"]["text"].casefold()
                    ),
                    "verdict_line": " · ".join(
                        p
                        for p in (
                            f"by {verdict['editor']}" if verdict["editor"] else "",
                            reader_date(verdict["decided_at"]),
                        )
                        if p
                    ),
                    "mentions": mentions,
                    "evidence": evidence,
                    "refs": sorted(
                        {m["source_ref"] for m in entry["mentions"]}
                        | {ev["source_ref"] for ev in entry["evidence"] if ev["source_ref"]}
                    ),
                }
            )
        sections.append({"title": section["title"], "entries": entries})
    publication = content.get("publication")
    return {
        **content,
        "sections": sections,
        "sources": dated,
        "publication_line": (
            f"Version {publication['version']}, published "
            f"{reader_date(publication['published_at'])} by {publication['published_by']}"
            if publication
            else "Draft: not published"
        ),
        # The audit details belong at the end, for whoever checks the sheet, not in its header.
        "colophon": (
            f"Published by {content['desk']['organisation']} as version {publication['version']}"
            f" on {reader_date(publication['published_at'])}. Every figure, verdict and source"
            f" above is recorded in the desk's audit trail; at publication its chain head was"
            f" {publication['chain_head']}."
            if publication
            else f"A draft of {content['desk']['organisation']}: not published, may change."
        ),
    }
