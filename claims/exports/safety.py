"""Making untrusted text inert in each format: Markdown escaping, spreadsheet formulas, JSON
inside HTML. Claim text, quotes, notes and titles all come from reports and editors."""

from __future__ import annotations

import re

from claims.bidi import BIDI_CONTROLS, escape_bidi_json, neutralise_bidi

# CommonMark lets a backslash escape any ASCII punctuation; these are the ones that start
# emphasis, code, links, images, tables, strikethrough or footnotes wherever they stand.
# Nothing else is escaped, so figures read as written ("0.25", "US$210", "No. 5"): a reader of
# the Markdown source, or a CMS that shows it, sees no stray backslashes.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
# At the start of a line these open a block, but only as CommonMark reads them: a list marker
# or heading needs a space (or the end) after it ("- x", "1. x", "# x"; not "-12 %", "0.25",
# "#5"), a thematic break or setext line repeats its character ("---", "==").
_MD_LINE_START = re.compile(r"^(\s*)([-+=:](?=\s|$|[-=])|#+(?=\s|$)|\d+(?=[.)](?:\s|$)))")


def md_escape(text: str) -> str:
    """Text that renders literally in Markdown: no links, images, HTML, emphasis or headings.

    Line breaks become spaces (a Markdown line break could start a block), ``<``, ``>`` and
    ``&`` become entities (no raw HTML, no autolinks), punctuation that carries meaning gets
    a backslash, and a leading list or heading marker is escaped.
    """
    text = " ".join((text or "").split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return _MD_LINE_START.sub(_escape_marker, text)


def _escape_marker(match: re.Match[str]) -> str:
    marker = match.group(2)
    if marker[0].isdigit():  # "12. x" is an ordered list: escape the dot that follows
        return f"{match.group(1)}{marker}\\"
    return f"{match.group(1)}\\{marker}"


# A spreadsheet treats a cell that starts with one of these as a formula (or, for tab and CR,
# as a cell that some importers trim into one). Full-width forms count too.
_FORMULA_START = "=+-@\t\r\uff1d\uff0b\uff0d\uff20"
# What an importer may skip before the first character it looks at: any Unicode space, and the
# invisible format characters (zero-width space and joiners, word joiner, BOM, bidi controls).
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069"
# A formula may start the cell, any line of it, or any part a ";"-separated locale splits off.
_FORMULA_PART = re.compile(
    r"(^|[\n\r;])(?=(?:[^\S\n\r]|[" + _INVISIBLE + "])*[" + re.escape(_FORMULA_START) + "])"
)
_PLAIN = re.compile(r"[^\s;" + _INVISIBLE + re.escape(_FORMULA_START) + "]")
# What makes a cell that starts plainly need more than a look: a line break or a ";" (a later
# part may start a formula), or a bidi control (neutralised). One search, so that the common
# cell costs two regex calls (an export writes about 24 cells a claim).
_NEEDS_WORK = re.compile("[\n\r;" + "".join(sorted(BIDI_CONTROLS)) + "]")


def csv_text(value: str) -> str:
    """A text cell that no spreadsheet runs as a formula, and that cannot reorder on screen.

    A part of the cell that starts with ``= + - @`` (or their full-width forms), a tab or a CR,
    also after leading spaces or invisible characters, gets an apostrophe in front, which
    spreadsheets show as text. A part is the cell, each of its lines, and each piece a
    ``;``-separated locale would split it into (``x;=F()`` becomes ``x;'=F()``). Bidi controls
    become inert zero-width spaces (see :mod:`claims.bidi`). Every CSV export of the desk (fact
    sheets, the claims list, the audit log) writes its text cells through this function.
    """
    if not value:
        return ""
    if _PLAIN.match(value) and not _NEEDS_WORK.search(value):
        return value  # the common case: nothing to neutralise, no later part to look at
    return _FORMULA_PART.sub(lambda m: f"{m.group(1)}'", neutralise_bidi(value))


def json_for_html(text: str) -> str:
    """JSON text that is also safe inside an HTML ``<script>`` element, and that no viewer can
    reorder on screen: bidi controls are written as ``\\u202e``-style escapes (same data)."""
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return escape_bidi_json(text)
