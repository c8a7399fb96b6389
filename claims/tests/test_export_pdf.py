"""PDF through WeasyPrint: complete, reproducible, and unable to read files or the network."""

from __future__ import annotations

import io
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from pypdf import PdfReader

from claims import exports, services
from claims.exports.content import load_content
from claims.exports.pdf import PdfError, html_to_pdf
from claims.exports.pdf_worker import FetchRefused, NoFetcher
from claims.tests.factsheet_desk import desk_sheet


def squash(text: str) -> str:
    return "".join(text.split())


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


@pytest.fixture
def published(reporter: Any, editor: Any, source: Any) -> dict[str, Any]:
    desk = desk_sheet(reporter, editor, source)
    version = services.factsheet_publish(sheet=desk["sheet"], by=editor)
    return {**desk, "version": version, "content": load_content(version)}


def test_the_pdf_holds_every_claim_and_regenerates_byte_identical(published):
    first = exports.render(published["content"], "pdf")
    assert first.startswith(b"%PDF")
    text = squash(pdf_text(first))
    for claim in published["claims"]:
        assert squash(claim.statement)[:60] in text
    assert squash("Camp report") in text and squash("Disputed") in text
    assert squash("<script>alert(1)</script>") in text
    again = exports.render(load_content(published["version"]), "pdf")
    assert again == first
    reader = PdfReader(io.BytesIO(first))
    assert round(float(reader.pages[0].mediabox.width)) == 595  # A4
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A") or {}
            uri = str(action.get("/URI", ""))
            assert not uri.lower().startswith("javascript"), uri
            assert action.get("/S") != "/JavaScript"


def test_the_pdf_comes_in_letter_too(published):
    letter = PdfReader(io.BytesIO(exports.render(published["content"], "pdf", paper="letter")))
    assert round(float(letter.pages[0].mediabox.width)) == 612


def test_the_fetcher_refuses_every_url():
    fetcher = NoFetcher()
    for url in ("file:///etc/passwd", "http://127.0.0.1/", "https://example.com/", "data:,x"):
        with pytest.raises(FetchRefused):
            fetcher.fetch(url)
    assert len(fetcher.refused) == 4


def test_weasyprint_cannot_read_local_files():
    html = (
        "<html><head>"
        '<link rel="stylesheet" href="file:///etc/passwd">'
        '<link rel="attachment" href="file:///etc/passwd">'
        "<style>@import url(file:///etc/passwd); body { background: url(file:///etc/passwd) }"
        "</style></head><body><p>Hello</p>"
        '<img src="file:///etc/passwd"><object data="file:///etc/passwd"></object>'
        '<a rel="attachment" href="file:///etc/passwd">x</a>'
        "</body></html>"
    )
    data = html_to_pdf(html)
    reader = PdfReader(io.BytesIO(data))
    assert not reader.attachments
    assert "root:" not in pdf_text(data)
    assert b"root:x:0:0" not in data


@pytest.fixture
def loopback_server() -> Iterator[tuple[str, list[str]]]:
    hits: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "text/css")
            self.end_headers()
            self.wfile.write(b"body { color: red }")

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", hits
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def test_weasyprint_cannot_reach_the_network(loopback_server):
    base, hits = loopback_server
    html = (
        f'<html><head><link rel="stylesheet" href="{base}/style.css">'
        f'<link rel="attachment" href="{base}/attachment">'
        f"<style>@import url({base}/import.css); @font-face {{ font-family: X; "
        f"src: url({base}/font.woff) }}</style></head>"
        f'<body><img src="{base}/image.png"><p>Hello</p></body></html>'
    )
    data = html_to_pdf(html)
    assert data.startswith(b"%PDF")
    assert hits == []


def test_a_pdf_that_overruns_its_time_limit_is_stopped():
    with pytest.raises(PdfError, match="longer than"):
        html_to_pdf("<p>Hello</p>", timeout=0.001)
