"""Tests of the claim extractor (claims.extraction): pure Python, no database."""

from __future__ import annotations

from decimal import Decimal

from claims.extraction import ExtractedQuantity, extract


def only(text: str) -> ExtractedQuantity:
    """The single figure in ``text`` (fails when there are none or several)."""
    found = extract(text)
    assert len(found) == 1, [q.text for q in found]
    return found[0]


def find(text: str, fragment: str) -> ExtractedQuantity:
    """The figure whose surface text contains ``fragment``."""
    for q in extract(text):
        if fragment in q.text:
            return q
    raise AssertionError(f"{fragment!r} not found in {[q.text for q in extract(text)]}")


def D(value: str | int) -> Decimal:
    return Decimal(str(value))
