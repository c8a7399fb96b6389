"""HTML: one self-contained page (styles inlined) that prints well on A4 and Letter."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

from claims.bidi import neutralise_bidi
from claims.exports.content import present

PAGE_SIZES = {"a4": "A4", "letter": "letter"}
STYLESHEET = "css/factsheet.css"


@cache
def stylesheet() -> str:
    found = finders.find(STYLESHEET)
    path = Path(found if isinstance(found, str) else Path(settings.STATIC_ROOT) / STYLESHEET)
    return path.read_text(encoding="utf-8")


def render_text(content: Mapping[str, Any], *, paper: str = "") -> str:
    """The document as HTML (also the PDF's source); bidi controls made inert (claims.bidi)."""
    return neutralise_bidi(
        render_to_string(
            "claims/factsheet_document.html",
            {
                "doc": present(content),
                "css": stylesheet(),
                "page_size": PAGE_SIZES.get(paper, ""),
            },
        )
    )


def render(content: Mapping[str, Any], *, paper: str = "") -> bytes:
    return render_text(content, paper=paper).encode("utf-8")
