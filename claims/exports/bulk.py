"""Bulk export of claims (the queue's filters) as CSV or JSON, streamed in constant memory.

Rows are read with ``iterator(chunk_size=...)``: each chunk of claims comes with its
mentions and active evidence prefetched (three queries per chunk), and each row is written
out and dropped before the next chunk is read. Report texts are never loaded.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from django.db.models import Prefetch, QuerySet

from claims.exports.content import quantity_fields, safe_url, user_label
from claims.exports.csv import write_rows
from claims.exports.safety import json_for_html
from claims.models import Claim, Evidence, Mention

CHUNK = 1000
FORMATS = {"csv": "text/csv; charset=utf-8", "json": "application/json"}
COLUMNS = [
    "claim_id",
    "statement",
    "figure",
    "value",
    "low",
    "high",
    "qualifier",
    "trend",
    "unit",
    "unit_name",
    "dimension",
    "currency",
    "per",
    "subject",
    "as_of",
    "place",
    "state",
    "verdict",
    "verdict_reason",
    "verdict_editor",
    "verdict_date",
    "speaker",
    "verb",
    "via",
    "sources",
    "evidence",
    "updated_at",
]
NUMERIC = {"claim_id", "value", "low", "high"}


def claims_for_export(qs: QuerySet[Claim]) -> Iterator[Claim]:
    mentions = (
        Mention.objects.select_related("source__outlet", "speaker", "via")
        .defer("source__text", "source__raw_content", "sentence")
        .order_by("source__published_at", "source_id", "start", "id")
    )
    evidence = (
        Evidence.objects.filter(removed_at__isnull=True)
        .select_related("target_source", "target_claim")
        .only(
            "id",
            "claim_id",
            "relation",
            "note",
            "quote",
            "target_source__id",
            "target_source__title",
            "target_claim__id",
            "target_claim__statement",
        )
        .order_by("created_at", "id")
    )
    prefetches: list[Any] = [
        Prefetch("mentions", queryset=mentions),
        Prefetch("evidence", queryset=evidence),
    ]
    return (
        qs.select_related("current_verdict__decided_by")
        .prefetch_related(*prefetches)
        .order_by("id")
        .iterator(chunk_size=CHUNK)
    )


def claim_record(claim: Claim) -> dict[str, Any]:
    record = claim.current_verdict
    mentions = [
        {
            "source_id": m.source_id,
            "title": m.source.title,
            "outlet": m.source.outlet.name if m.source.outlet else None,
            "url": safe_url(m.source.url),
            "published_at": m.source.published_at.isoformat() if m.source.published_at else None,
            "quote": m.quote,
            "start": m.start,
            "end": m.end,
            "speaker": m.speaker.name if m.speaker else None,
            "verb": m.verb,
            "via": m.via.name if m.via else None,
        }
        for m in claim.mentions.all()
    ]
    evidence = [
        {
            "relation": ev.relation,
            "source_id": ev.target_source_id,
            "source_title": ev.target_source.title if ev.target_source else None,
            "claim_id": ev.target_claim_id,
            "claim_statement": ev.target_claim.statement if ev.target_claim else None,
            "passage": ev.quote or None,
            "note": ev.note,
        }
        for ev in claim.evidence.all()
    ]
    return {
        "claim_id": claim.pk,
        "statement": claim.statement,
        "quantity": quantity_fields(claim),
        "subject": claim.subject,
        "as_of": claim.as_of,
        "place": claim.place,
        "state": claim.state,
        "verdict": {
            "value": claim.verdict,
            "reason": record.reason if record else "",
            "editor": user_label(record.decided_by) if record else None,
            "decided_at": record.decided_at.isoformat() if record else None,
        },
        "mentions": mentions,
        "evidence": evidence,
        "updated_at": claim.updated_at.isoformat(),
    }


def csv_row(rec: dict[str, Any]) -> dict[str, Any]:
    q = rec["quantity"]
    first = rec["mentions"][0] if rec["mentions"] else {}
    sources = []
    for m in rec["mentions"]:
        where = ", ".join(p for p in (m["title"], m["outlet"], (m["published_at"] or "")[:10]) if p)
        url = f" <{m['url']}>" if m["url"] else ""
        sources.append(f"{where}{url}: “{m['quote']}”")
    evidence = []
    for ev in rec["evidence"]:
        target = ev["source_title"] or f"claim {ev['claim_id']}: {ev['claim_statement']}"
        evidence.append(f"{ev['relation']}: {target}" + (f"; {ev['note']}" if ev["note"] else ""))
    return {
        "claim_id": rec["claim_id"],
        "statement": rec["statement"],
        "figure": q["text"],
        **{k: q[k] for k in ("value", "low", "high", "qualifier", "trend", "unit", "unit_name")},
        **{k: q[k] for k in ("dimension", "currency", "per")},
        "subject": rec["subject"],
        "as_of": rec["as_of"],
        "place": rec["place"],
        "state": rec["state"],
        "verdict": rec["verdict"]["value"],
        "verdict_reason": rec["verdict"]["reason"],
        "verdict_editor": rec["verdict"]["editor"] or "",
        "verdict_date": (rec["verdict"]["decided_at"] or "")[:10],
        "speaker": first.get("speaker") or "",
        "verb": first.get("verb") or "",
        "via": first.get("via") or "",
        "sources": "\n".join(sources),
        "evidence": "\n".join(evidence),
        "updated_at": rec["updated_at"],
    }


def _numbers(rec: dict[str, Any]) -> dict[str, Any]:
    from claims.exports.json import to_number

    q = rec["quantity"]
    for name in ("value", "low", "high"):
        q[name] = to_number(q[name])
    return rec


def stream_csv(claims: Iterable[Claim]) -> Iterator[bytes]:
    rows = (csv_row(claim_record(c)) for c in claims)
    buffered: list[str] = []
    for line in write_rows(rows, COLUMNS):
        buffered.append(line)
        if len(buffered) >= 200:
            yield "".join(buffered).encode("utf-8")
            buffered = []
    if buffered:
        yield "".join(buffered).encode("utf-8")


def stream_json(claims: Iterable[Claim]) -> Iterator[bytes]:
    yield b'{"schema":"factdesk.claims/1","claims":['
    buffered: list[str] = []
    first = True
    for claim in claims:
        text = json.dumps(_numbers(claim_record(claim)), ensure_ascii=False, sort_keys=True)
        buffered.append(("" if first else ",\n") + json_for_html(text))
        first = False
        if len(buffered) >= 200:
            yield "".join(buffered).encode("utf-8")
            buffered = []
    buffered.append("]}\n")
    yield "".join(buffered).encode("utf-8")


def stream(fmt: str, qs: QuerySet[Claim]) -> Iterator[bytes]:
    claims = claims_for_export(qs)
    return stream_csv(claims) if fmt == "csv" else stream_json(claims)
