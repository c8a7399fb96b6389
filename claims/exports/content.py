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
from collections.abc import Iterator, Mapping
from datetime import datetime
from decimal import Decimal
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


def safe_url(url: str) -> str:
    """The URL if it is an absolute http(s) URL, else "" (never a ``javascript:`` link)."""
    url = (url or "").strip()
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


def _numbers(q: Mapping[str, Any]) -> list[tuple[str, str]]:
    """The figure's parts for a reader: value, range, qualifier, unit."""
    from claims.formatting import format_number

    rows: list[tuple[str, str]] = []
    if q.get("value") is not None:
        rows.append(("Value", format_number(Decimal(q["value"]))))
    low, high = q.get("low"), q.get("high")
    if (low is not None or high is not None) and not (
        low is not None and low == high == q.get("value")
    ):
        low_text = format_number(Decimal(low)) if low is not None else "…"
        high_text = format_number(Decimal(high)) if high is not None else "…"
        rows.append(("Range", f"{low_text} – {high_text}"))
    if q.get("from_value") is not None:
        rows.append(("From", format_number(Decimal(q["from_value"]))))
    qualifier = q.get("qualifier") or "="
    rows.append(("Qualifier", f"{q.get('qualifier_text') or 'exactly'} ({qualifier})"))
    unit = " · ".join(
        part
        for part in (
            q.get("unit_name") or q.get("unit") or "",
            q.get("dimension") or "",
            f"per {q['per']}" if q.get("per") else "",
            q.get("currency") or "",
            f"trend {q['trend']}" if q.get("trend") else "",
            f"change {q['change']}" if q.get("change") else "",
        )
        if part
    )
    if unit:
        rows.append(("Unit", unit))
    return rows


def present(content: Mapping[str, Any]) -> dict[str, Any]:
    """The document with the display strings that HTML and Markdown show, precomputed."""
    dated = [{**s, "date": date_text(s["published_at"])} for s in content["sources"]]
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
                evidence.append(
                    {
                        **ev,
                        "target": target,
                        "source": refs.get(ev["source_ref"]) if ev["source_ref"] else None,
                        "difference": difference_text(ev["difference_percent"]),
                    }
                )
            entries.append(
                {
                    **entry,
                    "figure": entry["quantity"]["text"],
                    "numbers": _numbers(entry["quantity"]),
                    "context": " · ".join(
                        p for p in (entry["subject"], entry["as_of"], entry["place"]) if p
                    ),
                    "verdict_line": " · ".join(
                        p
                        for p in (
                            f"by {verdict['editor']}" if verdict["editor"] else "",
                            date_text(verdict["decided_at"]),
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
        "sources": [{**s, "date": date_text(s["published_at"])} for s in content["sources"]],
        "publication_line": (
            f"Version {publication['version']}, published {date_text(publication['published_at'])}"
            f" by {publication['published_by']}"
            if publication
            else "Draft: not published"
        ),
    }
