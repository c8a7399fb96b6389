"""Bulk export of claims (the queue's filters) as CSV or JSON, streamed in constant memory.

The filter runs once, for the claims' ids; then, per page of 10,000 ids, one query for the
claims' plain rows (tuples: no model instances, no dict a row), one for their mentions, one
for the reports those cite (once each) and one for their active evidence, and each claim is
written out and dropped before the next page is read. Report texts are never loaded.

The CSV and JSON are written straight from those tuples (not through a record dict, a CSV
row dict and a cell loop for each claim, which with the ORM's dict a row cost most of the
export's Python time): each short text cell goes through ``csv_text`` once per distinct value,
a figure's cells and a report's "title, outlet, date <url>" once per distinct one (the last
``KEPT`` of them), rows go to the csv writer 500 at a time, and the JSON of 200 claims is made
safe for HTML in one pass. The bytes are the same as the record-by-record version's.
"""

from __future__ import annotations

import csv
import io
import json
from array import array
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, Any, NamedTuple

from django.db import connections
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL

from claims.exports.content import quantity_fields, safe_url
from claims.exports.csv import SHORT_CELL, SHORT_CELLS_KEPT
from claims.exports.safety import csv_text, json_for_html
from claims.formatting import FIGURE_FIELDS, format_quantity
from claims.models import Claim, Evidence, Mention, Source, decimal_text

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

QUANTITY_FIELDS = FIGURE_FIELDS  # the export's quantity columns are the claim's figure

# 10,000 claims a page: four queries per 10,000 rows, one page of plain rows in memory.
CHUNK = 10_000
# Distinct figures and reports whose cells are kept (about 1 kB each: 2 MB at most; 20,000
# made the peak grow by 20 MB from 10,000 to 100,000 claims, figures being mostly distinct).
KEPT = 2_000
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
# What is read of them: the mention's own columns with its speaker's and relay's names; its
# report's columns (SOURCE_FIELDS) come once per report of the page, not once per mention.
_MENTION_READ = (
    "claim_id",
    "source_id",
    "quote",
    "start",
    "end",
    "speaker__name",
    "verb",
    "via__name",
)
SOURCE_FIELDS = ("id", "title", "outlet__name", "url", "published_at")
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
        # As an array literal ('{1,2,3}'): psycopg's client-side binding quotes one string
        # at C speed, where it dumped a list of 10,000 ints element by element in Python.
        return RawSQL("SELECT unnest(%s::bigint[])", ("{" + ",".join(map(str, ids)) + "}",))
    return ids


Row = tuple[Any, ...]
# Where each field stands in the plain rows (``values_list`` tuples, no dict a row).
_FIGURE = slice(CLAIM_FIELDS.index(QUANTITY_FIELDS[0]), CLAIM_FIELDS.index(QUANTITY_FIELDS[-1]) + 1)
_AFTER_FIGURE = _FIGURE.stop
_NUMBERS = ("value", "low", "high", "from_value")  # as in claims.exports.json.to_number


class _Figure(NamedTuple):
    """A claim's figure read from its plain row, in the shape ``claims.formatting`` expects."""

    value: Decimal | None
    low: Decimal | None
    high: Decimal | None
    qualifier: str
    trend: str
    change: str
    from_value: Decimal | None
    unit: str
    unit_name: str
    dimension: str
    currency: str
    per: str


if _Figure._fields != QUANTITY_FIELDS or CLAIM_FIELDS[_FIGURE] != QUANTITY_FIELDS:
    raise ImportError("bulk._Figure must list claims.formatting.FIGURE_FIELDS, in order")


def export_rows(
    qs: QuerySet[Claim], user: AbstractBaseUser | AnonymousUser, chunk: int = CHUNK
) -> Iterator[tuple[Row, list[Row], list[Row]]]:
    """Plain rows for the claims in ``qs``, by id, ``chunk`` claims at a time: each claim's
    row (``CLAIM_FIELDS``) with its mentions' (``MENTION_FIELDS``) and its active evidence's
    (``EVIDENCE_FIELDS``), as tuples.

    The filter runs once, for the ids alone (kept as 8-byte integers: 0.8 MB for 100,000
    claims). Each page of ``chunk`` ids then takes four queries: its claims as plain rows
    (``values_list()``, no model instances and no dict a row; the filter applied again, so a
    claim that left it meanwhile is left out), their mentions, the reports these cite (each
    once: joined to the mentions, a report's title and URL were read, sent and decoded for
    every mention, and the join cost more than half the page's SQL at 1,000,000 claims) and
    their evidence. Memory holds one page. (A keyset that re-ran the filter for every page,
    ``id > last``, re-read and re-sorted the whole filter each time: 0.4 s a page at 1,000,000
    claims; a server-side cursor walked the primary key of all claims to serve the filter in
    id order.)
    Evidence is what ``user`` may read (a viewer gets no link to a candidate or a rejected
    claim); the caller passes claims this user may read.
    """
    every = array("q", qs.order_by("id").values_list("id", flat=True))
    for begin in range(0, len(every), chunk):
        page = every[begin : begin + chunk].tolist()
        rows = list(qs.filter(id__in=_page_ids(qs, page)).order_by("id").values_list(*CLAIM_FIELDS))
        if not rows:
            continue
        ids = [row[0] for row in rows]
        mentions: dict[int, list[Row]] = {pk: [] for pk in ids}
        read = list(
            Mention.objects.filter(claim_id__in=_page_ids(qs, ids))
            .order_by("claim_id", "reported_at", "source_id", "start", "id")
            .values_list(*_MENTION_READ)
        )
        reports = {
            source[0]: source[1:]
            for source in Source.objects.filter(
                id__in=_page_ids(qs, sorted({m[1] for m in read}))
            ).values_list(*SOURCE_FIELDS)
        }
        for claim_id, source_id, quote, start, end, speaker, verb, via in read:
            mentions[claim_id].append(
                (claim_id, source_id, *reports[source_id], quote, start, end, speaker, verb, via)
            )
        del read, reports
        evidence: dict[int, list[Row]] = {pk: [] for pk in ids}
        for ev in (
            Evidence.objects.visible_to(user)
            .filter(claim_id__in=_page_ids(qs, ids), removed_at__isnull=True)
            .order_by("claim_id", "created_at", "id")
            .values_list(*EVIDENCE_FIELDS)
        ):
            evidence[ev[0]].append(ev)
        for row in rows:
            yield row, mentions[row[0]], evidence[row[0]]
        # Dropped before the next page is read, or two pages of rows live at its peak (the
        # old list stays bound while the new one is built): memory would grow with the
        # export's size up to its second page instead of staying at one.
        del page, rows, ids, mentions, evidence


def claims_for_export(
    qs: QuerySet[Claim], user: AbstractBaseUser | AnonymousUser, chunk: int = CHUNK
) -> Iterator[dict[str, Any]]:
    """Export records (the JSON export's, before its numbers) for the claims in ``qs``, by
    id, ``chunk`` claims at a time (see :func:`export_rows`)."""
    for row, mentions, evidence in export_rows(qs, user, chunk):
        yield claim_record(row, mentions, evidence)


def _editor(username: str | None, first_name: str | None, last_name: str | None) -> str | None:
    if username is None:
        return None
    full = " ".join(p for p in (first_name, last_name) if p)
    return full or username


def claim_record(
    row: Row, mentions: list[Row], evidence: list[Row], quantity: dict[str, Any] | None = None
) -> dict[str, Any]:
    """The claim's export record; ``quantity`` is its figure's ``quantity_fields`` if known."""
    pk, statement = row[0], row[1]
    subject, as_of, place, state, verdict, updated_at = row[_AFTER_FIGURE : _AFTER_FIGURE + 6]
    reason, decided_at, username, first_name, last_name = row[_AFTER_FIGURE + 6 :]
    return {
        "claim_id": pk,
        "statement": statement,
        "quantity": quantity_fields(_Figure._make(row[_FIGURE])) if quantity is None else quantity,
        "subject": subject,
        "as_of": as_of,
        "place": place,
        "state": state,
        "verdict": {
            "value": verdict,
            "reason": reason or "",
            "editor": _editor(username, first_name, last_name),
            "decided_at": decided_at.isoformat() if decided_at else None,
        },
        "mentions": [_mention(m) for m in mentions],
        "evidence": [_evidence(ev) for ev in evidence],
        "updated_at": updated_at.isoformat(),
    }


def _mention(m: Row) -> dict[str, Any]:
    _claim, source_id, title, outlet, url, published_at, quote, start, end, speaker, verb, via = m
    return {
        "source_id": source_id,
        "title": title,
        "outlet": outlet,
        "url": safe_url(url),
        "published_at": published_at.isoformat() if published_at else None,
        "quote": quote,
        "start": start,
        "end": end,
        "speaker": speaker,
        "verb": verb,
        "via": via,
    }


def _evidence(ev: Row) -> dict[str, Any]:
    _claim, relation, source_id, source_title, claim_id, claim_statement, quote, note = ev
    return {
        "relation": relation,
        "source_id": source_id,
        "source_title": source_title,
        "claim_id": claim_id,
        "claim_statement": claim_statement,
        "passage": quote or None,
        "note": note,
    }


def _json_number(value: Decimal | None) -> int | float | None:
    """``json.to_number(decimal_text(value))``, without the text in between."""
    if value is None:
        return None
    number = value.normalize()
    return int(number) if number == number.to_integral_value() else float(number)


def _where(m: Row) -> str:
    """The report of a sources line: "Title, Outlet, 2024-11-06 <https://…>"."""
    title, outlet, url, published_at = m[2:6]
    day = published_at.isoformat()[:10] if published_at else ""
    where = ", ".join(p for p in (title, outlet, day) if p)
    url = safe_url(url)
    return f"{where} <{url}>" if url else where


class _Cells(dict[str | None, str]):
    """Text cells through ``csv_text``, looked up: ``cells[value]``. A short value (a state, a
    unit, a speaker, the "=" of an exact figure: they repeat from row to row) is neutralised
    once and kept, up to ``SHORT_CELLS_KEPT`` of them; a longer one each time; None and ""
    are empty cells. A lookup that finds the value costs no Python call."""

    def __init__(self) -> None:
        super().__init__({"": "", None: ""})

    def __missing__(self, value: str | None) -> str:
        if not value:
            return ""
        if len(value) > SHORT_CELL:
            return csv_text(value)
        if len(self) >= SHORT_CELLS_KEPT:
            self.clear()
            self.update({"": "", None: ""})
        safe = self[value] = csv_text(value)
        return safe


def _digits(value: Decimal | None) -> str:
    return "" if value is None else decimal_text(value)


def _figure_cells(f: _Figure, cells: _Cells) -> list[str]:
    """The figure's CSV cells: its text, then FIGURE_FIELDS (numbers as digits)."""
    return [
        csv_text(format_quantity(f)),
        _digits(f.value),
        _digits(f.low),
        _digits(f.high),
        cells[f.qualifier],
        cells[f.trend],
        cells[f.change],
        _digits(f.from_value),
        cells[f.unit],
        cells[f.unit_name],
        cells[f.dimension],
        cells[f.currency],
        cells[f.per],
    ]


def stream_csv(rows: Iterable[tuple[Row, list[Row], list[Row]]]) -> Iterator[bytes]:
    """The CSV (``COLUMNS``) of :func:`export_rows`, 500 rows a chunk.

    The cells are those of ``claims.exports.csv.write_rows`` over the record's CSV row: numbers
    as digits, every text cell through ``csv_text`` (short ones looked up once neutralised),
    dates and times as ISO text (digits first: nothing to neutralise)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    cells = _Cells()
    reports: dict[tuple[Any, ...], str] = {}
    # A figure's 13 cells (its text, then FIGURE_FIELDS), once per distinct figure: figures
    # repeat across claims. (Equal Decimals, 1000 and 1000.000000, print alike; neither
    # database stores a -0.)
    figures: dict[tuple[Any, ...], list[str]] = {}
    batch: list[list[Any]] = []
    for row, mentions, evidence in rows:
        pk, statement = row[0], row[1]
        subject, as_of, place, state, verdict = row[_AFTER_FIGURE : _AFTER_FIGURE + 5]
        updated_at, reason, decided_at, username, first_name, last_name = row[_AFTER_FIGURE + 5 :]
        key = row[_FIGURE]
        figure_cells = figures.get(key)
        if figure_cells is None:
            if len(figures) >= KEPT:
                figures.clear()
            figure_cells = figures[key] = _figure_cells(_Figure._make(key), cells)
        sources = []
        for m in mentions:
            report = m[2:6]  # title, outlet, url, published_at: the report as its line shows it
            where = reports.get(report)
            if where is None:
                if len(reports) >= KEPT:
                    reports.clear()
                where = reports[report] = _where(m)
            sources.append(f"{where}: “{m[6]}”")
        lines = []
        for ev in evidence:
            target = ev[3] or f"claim {ev[4]}: {ev[5]}"
            lines.append(f"{ev[1]}: {target}; {ev[7]}" if ev[7] else f"{ev[1]}: {target}")
        if mentions:
            first = mentions[0]
            speaker, verb, via = cells[first[9]], cells[first[10]], cells[first[11]]
        else:
            speaker = verb = via = ""
        batch.append(
            [
                pk,
                cells[statement],
                *figure_cells,
                cells[subject],
                cells[as_of],
                cells[place],
                cells[state],
                cells[verdict],
                cells[reason],
                cells[_editor(username, first_name, last_name)],
                decided_at.isoformat()[:10] if decided_at else "",
                speaker,
                verb,
                via,
                cells["\n".join(sources)],
                cells["\n".join(lines)],
                updated_at.isoformat(),
            ]
        )
        if len(batch) >= 500:
            writer.writerows(batch)
            batch.clear()
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
    writer.writerows(batch)
    yield buffer.getvalue().encode("utf-8")


_JSON = json.JSONEncoder(ensure_ascii=False, sort_keys=True, check_circular=False)


def stream_json(rows: Iterable[tuple[Row, list[Row], list[Row]]]) -> Iterator[bytes]:
    """The JSON of :func:`export_rows`: each claim's record with its figure's numbers as JSON
    numbers, keys sorted, 200 claims a chunk made safe for HTML together (the escapes are
    character by character, so a chunk comes out as its claims one by one would)."""
    yield b'{"schema":"factdesk.claims/1","claims":['
    buffered: list[str] = []
    first = True
    quantities: dict[tuple[Any, ...], dict[str, Any]] = {}  # once per distinct figure
    for row, mentions, evidence in rows:
        key = row[_FIGURE]
        q = quantities.get(key)
        if q is None:
            if len(quantities) >= KEPT:
                quantities.clear()
            figure = _Figure._make(key)
            q = quantities[key] = quantity_fields(figure)
            for name in _NUMBERS:
                q[name] = _json_number(getattr(figure, name))
        rec = claim_record(row, mentions, evidence, q)
        buffered.append(_JSON.encode(rec) if first else ",\n" + _JSON.encode(rec))
        first = False
        if len(buffered) >= 200:
            yield json_for_html("".join(buffered)).encode("utf-8")
            buffered = []
    buffered.append("]}\n")
    yield json_for_html("".join(buffered)).encode("utf-8")


def stream(
    fmt: str, qs: QuerySet[Claim], user: AbstractBaseUser | AnonymousUser
) -> Iterator[bytes]:
    rows = export_rows(qs, user)
    return stream_csv(rows) if fmt == "csv" else stream_json(rows)
