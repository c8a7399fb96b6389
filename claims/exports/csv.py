"""CSV for the data desk: one row per claim, quantities as plain numbers.

Numbers are written as digits (``10000``, ``2.5``), never formatted, so a spreadsheet reads
them as numbers. Every text cell goes through :func:`csv_text`, which stops spreadsheets
from running a cell as a formula. Several sources or evidence links share one cell, one per
line.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from typing import Any

from claims.exports.content import (
    RELATION_LABELS,
    attribution_text,
    date_text,
    difference_text,
    iter_entries,
    sources_by_ref,
)
from claims.exports.safety import csv_text
from claims.formatting import QUALIFIER_WORDS

COLUMNS = [
    "number",
    "section",
    "claim_id",
    "statement",
    "figure",
    "value",
    "low",
    "high",
    "qualifier",
    "qualifier_symbol",
    "trend",
    "change",
    "from_value",
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
    "attributions",
    "sources",
    "source_refs",
    "evidence",
    "note",
]
SHORT_CELL = 40  # characters: a cell this short is neutralised once per export
SHORT_CELLS_KEPT = 20_000  # and at most this many of them are kept (about 2 MB)
NUMERIC = {"number", "claim_id", "value", "low", "high", "from_value"}


def write_rows(
    rows: Iterable[Mapping[str, Any]], columns: list[str], *, batch: int = 500
) -> Iterable[str]:
    """CSV text for ``rows`` (header first), text cells neutralised, numbers left as numbers;
    yielded ``batch`` rows at a time.

    Short cells repeat from row to row (a state, a unit, a speaker, the "=" of an exact
    figure), so each short text is neutralised once per export and looked up after that:
    a bulk export of 100,000 claims writes 1.5 million text cells.
    """
    numeric = [c in NUMERIC for c in columns]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    short: dict[str, str] = {}
    pending = 0
    for row in rows:
        cells: list[Any] = []
        for c, is_number in zip(columns, numeric, strict=True):
            value = row.get(c)
            if is_number:
                cells.append("" if value is None else value)
            elif not value:
                cells.append("")
            else:
                text = value if isinstance(value, str) else str(value)
                if len(text) > SHORT_CELL:
                    cells.append(csv_text(text))
                elif (safe := short.get(text)) is not None:
                    cells.append(safe)
                else:
                    if len(short) >= SHORT_CELLS_KEPT:
                        short.clear()
                    safe = short[text] = csv_text(text)
                    cells.append(safe)
        writer.writerow(cells)
        pending += 1
        if pending >= batch:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
            pending = 0
    yield buffer.getvalue()


def _where(s: Mapping[str, Any]) -> str:
    """ "Camp report, Harbour Post, 2024-11-06": the report, its outlet and date (ISO here)."""
    return ", ".join(p for p in (s["title"], s["outlet"], date_text(s["published_at"])) if p)


def entry_row(
    entry: Mapping[str, Any], section: str | None, sources: Mapping[int, Mapping[str, Any]]
) -> dict[str, Any]:
    q = entry["quantity"]
    verdict = entry["verdict"]
    first = entry["mentions"][0] if entry["mentions"] else {}
    source_lines = []
    for m in entry["mentions"]:
        s = sources[m["source_ref"]]
        where = _where(s)
        url = f" <{s['url']}>" if s["url"] else ""
        source_lines.append(f"[{m['source_ref']}] {where}{url}: “{m['quote']}”")
    evidence_lines = []
    for ev in entry["evidence"]:
        cited = sources.get(ev["source_ref"]) if ev["source_ref"] else None
        where = f"[{ev['source_ref']}] {_where(cited)}" if cited else ""
        if ev["claim"]:
            other = ev["claim"]
            target = (
                f"claim {other['claim_id']}: {other['statement']} ({other['quantity']['text']})"
            )
            if where:
                target += f", in {where}"
        else:
            target = where
            if ev["passage"]:
                target += f": “{ev['passage']['quote']}”"
        line = f"{RELATION_LABELS.get(ev['relation'], ev['relation'])}: {target}"
        if ev["difference_percent"] is not None:
            line += f" (difference {difference_text(ev['difference_percent'])})"
        if ev["note"]:
            line += f"; {ev['note']}"
        evidence_lines.append(line)
    refs = sorted(
        {m["source_ref"] for m in entry["mentions"]}
        | {ev["source_ref"] for ev in entry["evidence"] if ev["source_ref"]}
    )
    return {
        "number": entry["number"],
        "section": section or "",
        "claim_id": entry["claim_id"],
        "statement": entry["statement"],
        "figure": q["text"],
        "value": q["value"],
        "low": q["low"],
        "high": q["high"],
        # Words for people, the symbol beside for formulas: "more than" and ">".
        "qualifier": QUALIFIER_WORDS.get(q["qualifier"] or "=", "").strip() or "exactly",
        # (Exact figures leave the symbol empty: a lone "=" would be a formula to a spreadsheet.)
        "qualifier_symbol": "" if (q["qualifier"] or "=") == "=" else q["qualifier"],
        "trend": q["trend"],
        "change": q.get("change") or "",
        "from_value": q.get("from_value"),
        "unit": q["unit"],
        "unit_name": q["unit_name"],
        "dimension": q["dimension"],
        "currency": q["currency"],
        "per": q["per"],
        "subject": entry["subject"],
        "as_of": entry["as_of"],
        "place": entry["place"],
        "state": entry["state"],
        "verdict": verdict["value"],
        "verdict_reason": verdict["reason"],
        "verdict_editor": verdict["editor"] or "",
        "verdict_date": date_text(verdict["decided_at"]),
        "speaker": (first.get("speaker") or {}).get("name", ""),
        "verb": first.get("verb", ""),
        "via": (first.get("via") or {}).get("name", ""),
        "attributions": "\n".join(a for a in map(attribution_text, entry["mentions"]) if a),
        "sources": "\n".join(source_lines),
        "source_refs": " ".join(str(r) for r in refs),
        "evidence": "\n".join(evidence_lines),
        "note": entry["note"],
    }


def render(content: Mapping[str, Any]) -> bytes:
    sources = sources_by_ref(content)
    rows = (entry_row(entry, section, sources) for section, entry in iter_entries(content))
    return "".join(write_rows(rows, COLUMNS)).encode("utf-8")
