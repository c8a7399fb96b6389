"""Markdown for the CMS: one heading per claim, sources as footnotes ``[^n]``.

Every piece of text from the desk goes through :func:`md_escape`, so a claim that contains
``[x](javascript:…)``, an image or ``<script>`` shows those characters and nothing else.
Only source URLs (http(s), checked when the document was built) become links.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from claims.bidi import neutralise_bidi
from claims.exports.content import present
from claims.exports.safety import md_escape as esc


def _cite(ref: int | None) -> str:
    return f"[^{ref}]" if ref else ""


def render(content: Mapping[str, Any]) -> bytes:
    doc = present(content)
    out: list[str] = [f"# {esc(doc['sheet']['title'])}", ""]
    meta = f"{doc['publication_line']} · {doc['desk']['organisation']}"
    out += [f"_{esc(meta)}_", ""]
    summary = doc["sheet"]["summary"]
    if summary:
        out += ["  \n".join(f"> {esc(line)}" for line in summary.splitlines() if line.strip()), ""]
    for section in doc["sections"]:
        if section["title"]:
            out += [f"## {esc(section['title'])}", ""]
        for e in section["entries"]:
            out += [f"### {e['number']}\\. {esc(e['statement'])}", ""]
            figure = f"**Figure:** {esc(e['figure'])}"
            if e["context"]:
                figure += f" · {esc(e['context'])}"
            numbers = " · ".join(f"{label}: {esc(text)}" for label, text in e["numbers"])
            out += [f"{figure}  ", numbers, ""] if numbers else [figure, ""]
            verdict = f"**Verdict:** {esc(e['verdict']['label'])}"
            if e["verdict"]["reason"]:
                verdict += f": {esc(e['verdict']['reason'])}"
            if e["verdict_line"]:
                verdict += f" ({esc(e['verdict_line'])})"
            out += [verdict, "", "**Said by:**", ""]
            for m in e["mentions"]:
                who = f"{esc(m['attribution'])}: " if m["attribution"] else ""
                source = m["source"]
                where = esc(
                    ", ".join(p for p in (source["title"], source["outlet"], source["date"]) if p)
                )
                out.append(f"- {who}“{esc(m['quote'])}” ({where}){_cite(m['source_ref'])}")
            out.append("")
            if e["evidence"]:
                out += ["**Evidence:**", ""]
                for ev in e["evidence"]:
                    if ev["claim"]:
                        target = esc(ev["target"])
                        if ev["citation"]:
                            target += f", in {esc(ev['citation'])}"
                    else:
                        target = esc(ev["citation"])
                        if ev["passage"]:
                            target += f": “{esc(ev['passage']['quote'])}”"
                    line = f"- {esc(ev['label'])}: {target}"
                    if ev["difference"]:
                        line += f" · difference {esc(ev['difference'])}"
                    if ev["note"]:
                        line += f" · {esc(ev['note'])}"
                    out.append(line + _cite(ev["source_ref"]))
                out.append("")
            if e["note"]:
                out += [f"**Note:** {esc(e['note'])}", ""]
    for s in doc["sources"]:
        parts = [esc(s["title"])]
        if s["outlet"]:
            parts.append(esc(s["outlet"]))
        if s["date"]:
            parts.append(s["date"])
        line = f"[^{s['ref']}]: " + ". ".join(parts) + "."
        if s["url"]:
            line += f" <{s['url']}>"
        out.append(line)
    out += ["", "---", "", f"_{esc(doc['colophon'])}_"]
    # Bidi controls (in quotes from a report) become inert zero-width spaces: claims.bidi.
    return neutralise_bidi("\n".join(out).rstrip() + "\n").encode("utf-8")
