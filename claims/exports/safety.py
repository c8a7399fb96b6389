"""Making untrusted text inert in each format: Markdown escaping, spreadsheet formulas, JSON
inside HTML. Claim text, quotes, notes and titles all come from reports and editors."""

from __future__ import annotations

import re

# CommonMark lets a backslash escape any ASCII punctuation; these are the ones that start
# emphasis, code, links, images, headings, tables, strikethrough or footnotes.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]#|~$])")
_MD_LINE_START = re.compile(r"^(\s*)([-+=>:]|\d+(?=[.)]))")


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
_FIRST = frozenset(_FORMULA_START + " \u00a0")
_FORMULA_LINE = re.compile(r"(^|\n|\r)(?=[ \u00a0]*[" + re.escape(_FORMULA_START) + "])")


def csv_text(value: str) -> str:
    """A text cell that no spreadsheet runs as a formula.

    A line that starts with ``= + - @``, a tab or a CR (also after leading spaces, also on a
    later line of the cell) gets an apostrophe in front, which spreadsheets show as text.
    """
    if not value:
        return ""
    if value[0] not in _FIRST and "\n" not in value and "\r" not in value:
        return value  # the common case, without a regex
    return _FORMULA_LINE.sub(lambda m: f"{m.group(1)}'", value)


def json_for_html(text: str) -> str:
    """JSON text that is also safe inside an HTML ``<script>`` element."""
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
