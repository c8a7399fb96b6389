"""Render HTML (stdin) to PDF (stdout) with WeasyPrint, fetching nothing. Run by pdf.py.

A child process (see claims.sandbox), so that the parent can enforce a wall-clock limit by
killing it and a memory and CPU limit applies to the rendering alone. It imports no Django.
Every URL the document names (stylesheets, images, fonts, attachments) goes through
:class:`NoFetcher`, which refuses all of them: ``file:`` (no reading /etc/passwd into an
attachment), ``http(s):`` (no network), ``data:`` and anything else. The document carries its
styles inline.
"""

from __future__ import annotations

import sys
from typing import Any

from weasyprint import HTML
from weasyprint.urls import URLFetcher

from claims.sandbox import limit_self

MEMORY_LIMIT = 2 * 1024**3


class FetchRefused(ValueError):
    pass


class NoFetcher(URLFetcher):
    """A WeasyPrint URL fetcher that refuses every URL and remembers what was asked."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(allowed_protocols=(), allow_redirects=False, **kwargs)
        self.refused: list[str] = []

    def fetch(self, url: str, headers: Any = None) -> Any:
        self.refused.append(url)
        raise FetchRefused(f"Fact-sheet PDFs fetch nothing (refused {url[:200]!r}).")


def html_to_pdf(html: str) -> tuple[bytes, list[str]]:
    fetcher = NoFetcher()
    pdf = HTML(string=html, url_fetcher=fetcher).write_pdf()
    return pdf or b"", fetcher.refused


def main() -> int:
    cpu_seconds = int(sys.argv[1]) if len(sys.argv) > 1 else 60
    limit_self(cpu_seconds=cpu_seconds, memory_bytes=MEMORY_LIMIT)
    html = sys.stdin.buffer.read().decode("utf-8")
    pdf, refused = html_to_pdf(html)
    for url in refused:
        print(f"refused: {url[:200]}", file=sys.stderr)
    sys.stdout.buffer.write(pdf)
    sys.stdout.buffer.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
