"""Bulk export of claims (the queue's filters) as CSV or JSON, streamed in constant memory.

The filter runs once, for the claims' ids; then, per page of 10,000 ids, one query for the
claims' plain rows (no model instances), one for their mentions and one for their active
evidence, and each record is written out and dropped before the next page is read. Report
texts are never loaded.
"""

from __future__ import annotations

import json
from array import array
from collections.abc import Iterable, Iterator
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from django.db import connections
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL

from claims.exports.content import quantity_fields, safe_url
from claims.exports.csv import write_rows
from claims.exports.safety import json_for_html
from claims.formatting import FIGURE_FIELDS
from claims.models import Claim, Evidence, Mention

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

QUANTITY_FIELDS = FIGURE_FIELDS  # the export's quantity columns are the claim's figure

# 10,000 claims a page: three queries per 10,000 rows, one page of plain rows in memory.
CHUNK = 10_000
FORMATS = {"csv": "text/csv; charset=utf-8", "json": "application/json"}
COLUMNS = [
    "claim_id",
    "statement",
    "figure",
    *QUANTITY_FIELDS,
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
NUMERIC = {"claim_id", "value", "low", "high", "from_value"}


CLAIM_FIELDS = (
    "id",
    "statement",
    *QUANTITY_FIELDS,
    "subject",
    "as_of",
    "place",
    "state",
    "verdict",
    "updated_at",
    "current_verdict__reason",
    "current_verdict__decided_at",
    "current_verdict__decided_by__username",
    "current_verdict__decided_by__first_name",
    "current_verdict__decided_by__last_name",
)
MENTION_FIELDS = (
    "claim_id",
    "source_id",
    "source__title",
    "source__outlet__name",
    "source__url",
    "source__published_at",
    "quote",
    "start",
    "end",
    "speaker__name",
    "verb",
    "via__name",
)
EVIDENCE_FIELDS = (
    "claim_id",
    "relation",
    "target_source_id",
    "target_source__title",
    "target_claim_id",
    "target_claim__statement",
    "quote",
    "note",
)


def _page_ids(qs: QuerySet[Any], ids: list[int]) -> Any:
    """The right side of ``claim_id IN (...)`` for one page of ids.

    On PostgreSQL the ids go as one array, unnested: the planner then reads them as a short
    list and probes the indexes for each, where a literal list of 10,000 ids made it scan all
    1,500,000 mentions and 100,000 reports for every page (1.3 s a page at 1,000,000 claims;
    the probes take 0.2 s), and the ORM spent 0.3 s a page building that list. SQLite gets the
    plain list.
    """
    if connections[qs.db].vendor == "postgresql":
        return RawSQL("SELECT unnest(%s::bigint[])", (ids,))
    return ids


def claims_for_export(
    qs: QuerySet[Claim], user: AbstractBaseUser | AnonymousUser, chunk: int = CHUNK
) -> Iterator[dict[str, Any]]:
    """Export records for the claims in ``qs``, by id, ``chunk`` claims at a time.

    The filter runs once, for the ids alone (kept as 8-byte integers: 0.8 MB for 100,000
    claims). Each page of ``chunk`` ids then takes three queries: its claims as plain rows
    (``values()``, no model instances; the filter applied again, so a claim that left it
    meanwhile is left out), their mentions and their evidence. Memory holds one page. (A
    keyset that re-ran the filter for every page, ``id > last``, re-read and re-sorted the
    whole filter each time: 0.4 s a page at 1,000,000 claims; a server-side cursor walked
    the primary key of all claims to serve the filter in id order.)
    Evidence is what ``user`` may read (a viewer gets no link to a candidate or a rejected
    claim); the caller passes claims this user may read.
    """
    every = array("q", qs.order_by("id").values_list("id", flat=True))
    for begin in range(0, len(every), chunk):
        page = every[begin : begin + chunk].tolist()
        rows = list(qs.filter(id__in=_page_ids(qs, page)).order_by("id").values(*CLAIM_FIELDS))
        if not rows:
            continue
        ids = [row["id"] for row in rows]
        mentions: dict[int, list[dict[str, Any]]] = {pk: [] for pk in ids}
        for m in (
            Mention.objects.filter(claim_id__in=_page_ids(qs, ids))
            .order_by("claim_id", "reported_at", "source_id", "start", "id")
            .values(*MENTION_FIELDS)
        ):
            mentions[m["claim_id"]].append(m)
        evidence: dict[int, list[dict[str, Any]]] = {pk: [] for pk in ids}
        for ev in (
            Evidence.objects.visible_to(user)
            .filter(claim_id__in=_page_ids(qs, ids), removed_at__isnull=True)
            .order_by("claim_id", "created_at", "id")
            .values(*EVIDENCE_FIELDS)
        ):
            evidence[ev["claim_id"]].append(ev)
        for row in rows:
            yield claim_record(row, mentions[row["id"]], evidence[row["id"]])
        # Dropped before the next page is read, or two pages of rows live at its peak (the
        # old list stays bound while the new one is built): memory would grow with the
        # export's size up to its second page instead of staying at one.
        del page, rows, ids, mentions, evidence


def _editor(row: dict[str, Any]) -> str | None:
    username = row["current_verdict__decided_by__username"]
    if username is None:
        return None
    full = " ".join(
        p
        for p in (
            row["current_verdict__decided_by__first_name"],
            row["current_verdict__decided_by__last_name"],
        )
        if p
    )
    return full or username


def claim_record(
    row: dict[str, Any], mentions: list[dict[str, Any]], evidence: list[dict[str, Any]]
) -> dict[str, Any]:
    decided_at = row["current_verdict__decided_at"]
    return {
        "claim_id": row["id"],
        "statement": row["statement"],
        "quantity": quantity_fields(SimpleNamespace(**{k: row[k] for k in QUANTITY_FIELDS})),
        "subject": row["subject"],
        "as_of": row["as_of"],
        "place": row["place"],
        "state": row["state"],
        "verdict": {
            "value": row["verdict"],
            "reason": row["current_verdict__reason"] or "",
            "editor": _editor(row),
            "decided_at": decided_at.isoformat() if decided_at else None,
        },
        "mentions": [
            {
                "source_id": m["source_id"],
                "title": m["source__title"],
                "outlet": m["source__outlet__name"],
                "url": safe_url(m["source__url"]),
                "published_at": (
                    m["source__published_at"].isoformat() if m["source__published_at"] else None
                ),
                "quote": m["quote"],
                "start": m["start"],
                "end": m["end"],
                "speaker": m["speaker__name"],
                "verb": m["verb"],
                "via": m["via__name"],
            }
            for m in mentions
        ],
        "evidence": [
            {
                "relation": ev["relation"],
                "source_id": ev["target_source_id"],
                "source_title": ev["target_source__title"],
                "claim_id": ev["target_claim_id"],
                "claim_statement": ev["target_claim__statement"],
                "passage": ev["quote"] or None,
                "note": ev["note"],
            }
            for ev in evidence
        ],
        "updated_at": row["updated_at"].isoformat(),
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
        **{k: q[k] for k in QUANTITY_FIELDS},
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
    for name in ("value", "low", "high", "from_value"):
        q[name] = to_number(q[name])
    return rec


def stream_csv(records: Iterable[dict[str, Any]]) -> Iterator[bytes]:
    for text in write_rows((csv_row(rec) for rec in records), COLUMNS):
        yield text.encode("utf-8")


def stream_json(records: Iterable[dict[str, Any]]) -> Iterator[bytes]:
    yield b'{"schema":"factdesk.claims/1","claims":['
    buffered: list[str] = []
    first = True
    for rec in records:
        text = json.dumps(_numbers(rec), ensure_ascii=False, sort_keys=True)
        buffered.append(("" if first else ",\n") + json_for_html(text))
        first = False
        if len(buffered) >= 200:
            yield "".join(buffered).encode("utf-8")
            buffered = []
    buffered.append("]}\n")
    yield "".join(buffered).encode("utf-8")


def stream(
    fmt: str, qs: QuerySet[Claim], user: AbstractBaseUser | AnonymousUser
) -> Iterator[bytes]:
    records = claims_for_export(qs, user)
    return stream_csv(records) if fmt == "csv" else stream_json(records)
