"""Fact-sheet renderers, one module per format. Each takes the document dict
(:mod:`claims.exports.content`) and returns bytes; none reads the database.

``render(content, "md")`` picks the format; :data:`FORMATS` describes each one.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from importlib import import_module
from typing import Any


@dataclass(frozen=True)
class ExportFormat:
    key: str
    label: str
    extension: str
    content_type: str
    module: str

    def renderer(self) -> Callable[..., bytes]:
        render: Callable[..., bytes] = import_module(self.module).render
        return render


FORMATS: dict[str, ExportFormat] = {
    f.key: f
    for f in (
        ExportFormat(
            "html", "Web page (print)", "html", "text/html; charset=utf-8", "claims.exports.html"
        ),
        ExportFormat("pdf", "PDF", "pdf", "application/pdf", "claims.exports.pdf"),
        ExportFormat(
            "md", "Markdown", "md", "text/markdown; charset=utf-8", "claims.exports.markdown"
        ),
        ExportFormat("csv", "CSV", "csv", "text/csv; charset=utf-8", "claims.exports.csv"),
        ExportFormat("json", "JSON", "json", "application/json", "claims.exports.json"),
        ExportFormat(
            "claimreview",
            "ClaimReview (JSON-LD)",
            "jsonld",
            "application/ld+json",
            "claims.exports.claimreview",
        ),
    )
}


def render(content: Mapping[str, Any], fmt: str, **options: Any) -> bytes:
    if fmt not in FORMATS:
        raise ValueError(f"Unknown format {fmt!r}; choose one of {', '.join(FORMATS)}.")
    return FORMATS[fmt].renderer()(content, **options)


def filename(content: Mapping[str, Any], fmt: str, *, paper: str = "") -> str:
    """ "factsheet-3-v2.html" (or "-draft"); a PDF names its paper: "factsheet-3-v2-a4.pdf",
    "factsheet-3-v2-letter.pdf", so both sizes can sit in one folder."""
    publication = content.get("publication")
    suffix = f"v{publication['version']}" if publication else "draft"
    if fmt == "pdf":
        suffix += f"-{paper or 'a4'}"
    return f"factsheet-{content['sheet']['id']}-{suffix}.{FORMATS[fmt].extension}"
