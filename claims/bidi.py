"""Bidirectional-text controls: what Factdesk does with them, in one place.

Embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069) and the direction
marks (U+200E, U+200F, U+061C) are invisible, yet they reorder the characters around them on
screen: "‮000,01" can display as a different figure from the one stored ("Trojan Source").

- Fields a person types or that name things (titles, statements, notes, reasons, entity
  names, authors, outlets) are cleaned with :func:`strip_bidi` when they come in: nothing of
  value is lost, and what is stored is what everyone sees.
- A report's text is stored exactly as it was brought in (its SHA-256 and every quote's
  offsets depend on it), so it may still hold them. Everything we show or export goes through
  :func:`neutralise_bidi`, which puts an inert zero-width space (U+200B, bidi class BN) in
  place of each control: the text keeps its length, so offsets counted in a browser still
  match the stored text, but nothing can reorder it. JSON exports keep the exact characters
  as ``\\u202e`` escapes (:func:`escape_bidi_json`), inert in any viewer and lossless.
"""

from __future__ import annotations

import re

BIDI_CONTROLS = frozenset(
    "\u202a\u202b\u202c\u202d\u202e"  # LRE RLE PDF LRO RLO
    "\u2066\u2067\u2068\u2069"  # LRI RLI FSI PDI
    "\u200e\u200f\u061c"  # LRM RLM ALM
)
NEUTRAL = "\u200b"  # ZERO WIDTH SPACE: bidi class BN, ignored by the bidi algorithm

_STRIP = {ord(ch): None for ch in BIDI_CONTROLS}
_NEUTRALISE = {ord(ch): NEUTRAL for ch in BIDI_CONTROLS}
_JSON_ESCAPE = {ord(ch): f"\\u{ord(ch):04x}" for ch in BIDI_CONTROLS}
# The same characters as UTF-8 bytes (UTF-8 is self-synchronising, so a byte match is a
# character match in valid UTF-8).
BIDI_BYTES = re.compile(rb"\xe2\x80[\xaa-\xae\x8e\x8f]|\xe2\x81[\xa6-\xa9]|\xd8\x9c")
NEUTRAL_BYTES = NEUTRAL.encode("utf-8")


_BIDI = re.compile("[" + "".join(sorted(BIDI_CONTROLS)) + "]")


def has_bidi(text: str) -> bool:
    # ASCII text (a flag Python keeps on every string) has none; else one regex scan.
    # ``BIDI_CONTROLS.isdisjoint(text)`` made a one-character string of every character
    # first: 8 % of the time of a 90 MB bulk JSON export.
    return not text.isascii() and _BIDI.search(text) is not None


def strip_bidi(text: str) -> str:
    """``text`` without any bidi control (for fields a person types, and names)."""
    return text.translate(_STRIP) if text and has_bidi(text) else text


def neutralise_bidi(text: str) -> str:
    """``text`` with each bidi control replaced by an inert zero-width space (same length)."""
    return text.translate(_NEUTRALISE) if text and has_bidi(text) else text


def neutralise_bidi_bytes(body: bytes) -> bytes:
    """:func:`neutralise_bidi` for UTF-8 bytes (a rendered page)."""
    return BIDI_BYTES.sub(NEUTRAL_BYTES, body)


def escape_bidi_json(text: str) -> str:
    """JSON text with each bidi control written as a ``\\uXXXX`` escape (same data)."""
    return text.translate(_JSON_ESCAPE) if text and has_bidi(text) else text
