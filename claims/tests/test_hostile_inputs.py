"""The hostile-input corpus: uploads, pastes and fetched pages built to break ingest.

Every case is built here, by the test (no binary fixtures), and sent through the real views the
way a browser sends it. Each must end in one of two ways, within 10 seconds:

* **refused**: status 200, the reason in plain words on the page, and nothing written (no
  report, no outlet, no history event, no claim, no mention);
* **stored as inert text**: a redirect to the new report, whose text holds no control
  characters or markup, whose page renders (200) with the payload escaped, and whose extraction
  finished (or is queued for the background worker), never half-done.

Never a 500, a hang, or a partial write. CI runs this file with the rest of the suite, on
SQLite and on PostgreSQL.
"""

# ruff: noqa: F401, F811 -- fixtures imported from claims.tests.ingest_desk are used as parameters

from __future__ import annotations

import gzip
import io
import re
import time
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from claims.models import Claim, ClaimEvent, Entity, ExtractionStatus, Mention, Source
from claims.tests.ingest.conftest import ROUTES
from claims.tests.ingest.pages import (
    HOSTILE_HTML,
    _pdf_file,
    encrypt_pdf,
    make_pdf,
    make_pdf_bomb,
)
from claims.tests.ingest_desk import (
    DeskFetch,
    desk_fetch,
    http_server,
    network_guard,
    page,
    resolver,
    server,
)

MB = 1024 * 1024
LIMIT_SECONDS = 10
BY_URL = reverse("claims:ingest_url")
BY_UPLOAD = reverse("claims:ingest_upload")
BY_TEXT = reverse("claims:ingest_text")
STORED = ""  # the expected outcome of a case that is kept, as inert text
FIGURES = "The council said 3,200 households paid 14 percent more for water last year."
# Markup that cleaning an HTML page must remove from its text.
MARKUP = re.compile(r"<script|onerror=|onload=|javascript:|<iframe|hx-get=|<svg|<img", re.I)
# A payload that reached a page unescaped: a live tag carrying script (the desk's own markup
# never says alert, and never links to javascript:).
LIVE_PAYLOAD = re.compile(r"<[^<>]*(alert\(|javascript:)|<script[^>]*>[^<]*alert\(", re.I)
CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


# --- builders ---------------------------------------------------------------------------------


def pdf_with_content(content: bytes, *, pages: int = 1, flate: bool = False) -> bytes:
    """A PDF whose pages all draw ``content`` (raw, or FlateDecode-compressed)."""
    stream = zlib.compress(content, 9) if flate else content
    kids = " ".join(f"{4 + i} 0 R" for i in range(pages))
    filter_ = b" /Filter /FlateDecode" if flate else b""
    return _pdf_file(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            f"<< /Type /Pages /Kids [{kids}] /Count {pages} /MediaBox [0 0 612 792] "
            "/Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> "
            ">> >> >>".encode(),
            b"<< /Length "
            + str(len(stream)).encode()
            + filter_
            + b" >>\nstream\n"
            + stream
            + b"\nendstream",
            *[b"<< /Type /Page /Parent 2 0 R /Contents 3 0 R >>"] * pages,
        ]
    )


def pdf_page_tree_loop() -> bytes:
    """The page tree's only kid is the tree itself."""
    return _pdf_file(
        [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [2 0 R] /Count 1 >>"]
    )


def zip_bomb() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("report.html", b"\x00" * (50 * MB))
    return out.getvalue()


def nested_html(depth: int, tag: str = "div") -> bytes:
    return (
        b"<!doctype html><html><head><title>Nested</title></head><body><article>"
        + f"<{tag}>".encode() * depth
        + FIGURES.encode()
        + f"</{tag}>".encode() * depth
        + b"</article></body></html>"
    )


BILLION_LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">'.encode() for i in range(2, 10)
    ).replace(b"&lol1;", b"&lol;")
    + b"]><html><body><article><p>&lol9; "
    + FIGURES.encode()
    + b"</p></article></body></html>"
)

BIDI = "\u202e\u2066\u2067\u2068\u2069\u202a\u202b\u202c\u202d\u200e\u200f\u061c"


# --- the cases --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """One hostile input: how it is sent, and the refusal expected ("" = stored as inert)."""

    id: str
    way: str  # "upload", "paste" or "url"
    expect: str
    name: str = "report.txt"
    body: Callable[[], bytes] = lambda: b""
    fields: dict[str, str] = field(default_factory=dict)
    settings: dict[str, Any] = field(default_factory=dict)


def upload(id: str, name: str, body: Callable[[], bytes], expect: str, **kw: Any) -> Case:
    return Case(id=id, way="upload", name=name, body=body, expect=expect, **kw)


def paste(id: str, text: Callable[[], str], expect: str, title: str = "Pasted", **kw: Any) -> Case:
    fields = {"title": title, **kw.pop("fields", {})}
    return Case(
        id=id,
        way="paste",
        body=lambda: text().encode("utf-8", "surrogatepass"),
        expect=expect,
        fields=fields,
        **kw,
    )


def fetched(id: str, path: str, expect: str, **kw: Any) -> Case:
    return Case(id=id, way="url", name=path, expect=expect, **kw)


TOO_COMPLEX = "this PDF is too complex to read"
DAMAGED = "the PDF could not be read (it may be damaged)"

CASES = [
    # PDFs: decompression bombs, encryption, damage, structure built to loop or recurse.
    upload("pdf-bomb-70mb-spaces", "dues.pdf", make_pdf_bomb, TOO_COMPLEX),
    upload(
        "pdf-bomb-under-the-content-budget",
        "dues.pdf",
        lambda: make_pdf_bomb(pages=20, spaces=30 * MB),
        TOO_COMPLEX,
        settings={"INGEST_PDF_TIMEOUT": 2},
    ),
    upload(
        "pdf-aes-256-with-a-password",
        "locked.pdf",
        lambda: encrypt_pdf(make_pdf([FIGURES]), user_password="pw"),
        "the PDF is protected by a password",
    ),
    upload(
        "pdf-rc4-with-a-password",
        "locked.pdf",
        lambda: encrypt_pdf(make_pdf([FIGURES]), algorithm="RC4-128", user_password="pw"),
        "the PDF is protected by a password",
    ),
    upload(
        "pdf-unknown-security-handler",
        "locked.pdf",
        lambda: encrypt_pdf(make_pdf([FIGURES])).replace(b"/Standard", b"/Xtandard"),
        "the PDF is encrypted in a way Factdesk cannot open",
    ),
    upload(
        "pdf-aes-256-owner-password-only",
        "open.pdf",
        lambda: encrypt_pdf(make_pdf([FIGURES])),
        STORED,
    ),
    upload("pdf-truncated-in-half", "cut.pdf", lambda: make_pdf([FIGURES])[:300], DAMAGED),
    upload("pdf-header-only", "empty.pdf", lambda: b"%PDF-1.7\n", DAMAGED),
    upload("pdf-header-then-nuls", "nul.pdf", lambda: b"%PDF-1.7\n" + b"\x00" * 5000, DAMAGED),
    upload("pdf-without-text", "scan.pdf", lambda: make_pdf([]), "the PDF has no text in it"),
    upload(
        "pdf-with-600-pages",
        "long.pdf",
        lambda: pdf_with_content(b"BT /F1 12 Tf 72 720 Td (x) Tj ET", pages=600),
        "the PDF has more than 500 pages",
    ),
    upload("pdf-page-tree-loop", "loop.pdf", pdf_page_tree_loop, "PDF"),
    upload(
        "pdf-deeply-nested-arrays",
        "deep.pdf",
        lambda: pdf_with_content(b"[" * 200_000 + b"]" * 200_000, flate=True),
        "PDF",
    ),
    upload(
        "pdf-million-operators",
        "busy.pdf",
        lambda: pdf_with_content(b"BT ET " * 1_000_000, flate=True),
        "PDF",
    ),
    upload(
        "pdf-named-txt",
        "report.txt",
        lambda: make_pdf([FIGURES]),
        "the file is a PDF but is named .txt",
    ),
    upload(
        "text-named-pdf",
        "report.pdf",
        lambda: FIGURES.encode(),
        "the file is named .pdf but is not a PDF",
    ),
    # Archives and binaries posing as text or HTML.
    upload("zip-bomb-named-html", "report.html", zip_bomb, "the file is a zip archive"),
    upload(
        "gzip-bomb-named-txt",
        "report.txt",
        lambda: gzip.compress(b"0" * (20 * MB)),
        "the file is a gzip archive",
    ),
    upload(
        "png-named-html",
        "photo.html",
        lambda: b"\x89PNG\r\n\x1a\n" + b"\x00" * 64,
        "the file is a PNG image",
    ),
    upload(
        "elf-named-md",
        "notes.md",
        lambda: b"\x7fELF\x02\x01\x01" + b"\x00" * 200,
        "the file is a program (ELF)",
    ),
    upload(
        "sqlite-named-txt",
        "notes.txt",
        lambda: b"SQLite format 3\x00" + b"\x00" * 200,
        "the file is an SQLite database",
    ),
    upload(
        "windows-exe-named-htm",
        "page.htm",
        lambda: b"MZ\x90\x00\x03\x00" + b"\x00" * 200,
        "the file is a Windows program",
    ),
    upload("random-bytes-named-txt", "noise.txt", lambda: bytes(range(256)) * 40, "binary"),
    upload(
        "nul-bytes-in-text",
        "report.txt",
        lambda: b"Budget \x00\x00 figures\x00 " * 20,
        "the file contains binary data, not text",
    ),
    # Names and sizes.
    upload(
        "executable-name",
        "report.exe",
        lambda: FIGURES.encode(),
        "only .html, .htm, .txt, .md and .pdf files",
    ),
    upload("no-extension", "report", lambda: FIGURES.encode(), "this one has no extension"),
    upload("double-extension", "report.txt.exe", lambda: FIGURES.encode(), "(this one is .exe)"),
    upload("path-traversal-name", "../../../etc/passwd.txt", lambda: FIGURES.encode(), STORED),
    upload(
        "very-long-name", "r" * 5000 + ".txt", lambda: ("Long name. " + FIGURES).encode(), STORED
    ),
    upload("empty-file", "report.txt", lambda: b"", "The submitted file is empty"),
    upload("whitespace-only-file", "report.txt", lambda: b" \r\n\t " * 1000, "the file is empty"),
    upload(
        "zero-width-only-file",
        "report.txt",
        lambda: "\u200b\u200c\u2060".encode() * 100,
        "the text is empty",
    ),
    upload(
        "40-mb-upload",
        "huge.txt",
        lambda: b"words " * (40 * MB // 6),
        "40.0 MB; the limit is 10 MB",
    ),
    upload(
        "one-byte-over-the-limit",
        "over.txt",
        lambda: b"y" * (1024 + 1),
        "the file is",
        settings={"INGEST_MAX_BYTES": 1024},
    ),
    # HTML built to exhaust the parser or to smuggle markup through.
    upload("hostile-html", "hostile.html", lambda: HOSTILE_HTML, STORED),
    upload(
        "deeply-nested-divs",
        "deep.html",
        lambda: nested_html(100_000),
        "no article text could be found",
    ),
    upload(
        "deeply-nested-tables",
        "deep.html",
        lambda: nested_html(20_000, "table"),
        "no article text could be found",
    ),
    upload(
        "billion-laughs-entities",
        "lol.html",
        lambda: BILLION_LAUGHS,
        "no article text could be found",
    ),
    upload(
        "script-only-html",
        "app.html",
        lambda: b"<html><head><script>alert(1)</script></head><body></body></html>",
        "no article text could be found",
    ),
    upload(
        "svg-with-script-named-html",
        "image.html",
        lambda: (
            b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">'
            b"<script>alert(2)</script></svg>"
        ),
        "no article text could be found",
    ),
    upload(
        "bidi-controls-in-html",
        "bidi.html",
        lambda: page(f"Fees {BIDI}gnp.exe", f"{BIDI}{FIGURES}{BIDI}"),
        STORED,
    ),
    upload("one-megabyte-line", "line.md", lambda: b"x" * MB, STORED),
    upload("utf-16-text", "notes.txt", lambda: FIGURES.encode("utf-16"), STORED),
    upload(
        "invalid-utf-8",
        "notes.txt",
        lambda: b"Caf\xe9 owners sold 1,250 wheels of cheese \xff\xfe last year.",
        STORED,
    ),
    # Pastes.
    paste("200-kb-of-repeated-figures", lambda: (FIGURES + " ") * 2700, STORED),
    paste(
        "nul-bytes-in-pasted-text",
        lambda: "Budget\x00 of 12 million\x00 pounds." * 10,
        "Null characters are not allowed",
    ),
    paste(
        "nul-byte-in-title", lambda: FIGURES, "Null characters are not allowed", title="Fees\x00"
    ),
    paste(
        "nul-byte-in-outlet",
        lambda: FIGURES,
        "Null characters are not allowed",
        fields={"outlet": "Gazette\x00"},
    ),
    paste("bidi-controls", lambda: f"{BIDI}{FIGURES}{BIDI}", STORED, title=f"{BIDI}Fees"),
    paste("zero-width-only", lambda: "\u200b\u200d\ufeff" * 50, "the text is empty"),
    paste("carriage-returns-only", lambda: "\r" * 100_000, "the text is empty"),
    paste(
        "markup-and-script",
        lambda: f"<script>alert(1)</script><img src=x onerror=alert(2)> {FIGURES}",
        STORED,
        title="<b onmouseover=alert(3)>Fees</b>",
    ),
    paste(
        "combining-mark-pile", lambda: "Z" + "\u0336\u0337\u0338" * 20_000 + " " + FIGURES, STORED
    ),
    paste("lone-surrogates", lambda: "\ud800 Fees \udfff " + FIGURES, STORED),
    paste(
        "over-long-title",
        lambda: FIGURES,
        "Ensure this value has at most 500 characters",
        title="T" * 10_000,
    ),
    paste(
        "date-out-of-range",
        lambda: FIGURES,
        "Enter a valid date",
        fields={"published": "99999-01-01"},
    ),
    paste("unknown-kind", lambda: FIGURES, "Select a valid choice", fields={"kind": "<script>"}),
    paste(
        "paste-over-the-body-limit",
        lambda: "word " * (700_000),
        "upload it as a .txt file instead",
        settings={"DATA_UPLOAD_MAX_MEMORY_SIZE": 3 * MB},
    ),
    # Fetched pages (the loopback server): the same classes arriving over HTTP.
    fetched("served-pdf-bomb", "/hostile/pdf-bomb", TOO_COMPLEX),
    fetched("served-gzip-bomb", "/gzip-bomb", "the page is larger than"),
    fetched("served-zip-as-html", "/zip-as-html", "the server sent a zip archive"),
    fetched("served-nul-as-text", "/nul-as-text", "the server sent binary data"),
    fetched(
        "served-pdf-label-on-html", "/fake-pdf", "the server said it sent a PDF, but it is not one"
    ),
    fetched("served-hostile-html", "/hostile", STORED),
]

_PDF_BOMB = make_pdf_bomb()
ROUTES["/hostile/pdf-bomb"] = lambda h, q: h.send_body(200, _PDF_BOMB, "application/pdf")


# --- the test ---------------------------------------------------------------------------------


def written() -> tuple[int, ...]:
    return tuple(model.objects.count() for model in (Source, Entity, ClaimEvent, Claim, Mention))


def send(client: Client, case: Case, desk_fetch: DeskFetch) -> Any:
    base = {"kind": "news", **case.fields}
    if case.way == "upload":
        return client.post(
            BY_UPLOAD,
            {**base, "file": SimpleUploadedFile(case.name, case.body())},
            HTTP_HX_REQUEST="true",
        )
    if case.way == "paste":
        text = case.body().decode("utf-8", "surrogatepass")
        data = {**base, "text": text}
        encoded = "&".join(
            f"{k}={_quote(v)}" for k, v in data.items()
        )  # lone surrogates cannot be sent as str: percent-encode their bytes
        return client.post(
            BY_TEXT,
            encoded,
            content_type="application/x-www-form-urlencoded",
            HTTP_HX_REQUEST="true",
        )
    return client.post(BY_URL, {**base, "url": desk_fetch.url(case.name)}, HTTP_HX_REQUEST="true")


def _quote(value: str) -> str:
    from urllib.parse import quote_from_bytes

    return quote_from_bytes(value.encode("utf-8", "surrogatepass"), safe="")


def test_the_corpus_holds_at_least_forty_hostile_uploads_and_pastes() -> None:
    assert len([c for c in CASES if c.way in {"upload", "paste"}]) >= 40
    assert len({c.id for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_a_hostile_input_ends_in_a_clear_refusal_or_inert_text(
    client: Client,
    reporter: User,
    desk_fetch: DeskFetch,
    settings: Any,
    django_capture_on_commit_callbacks: Any,
    case: Case,
) -> None:
    for name, value in case.settings.items():
        setattr(settings, name, value)
    client.force_login(reporter)
    before = written()
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        response = send(client, case, desk_fetch)
    elapsed = time.monotonic() - started
    assert elapsed < LIMIT_SECONDS, f"{case.id} took {elapsed:.1f} s"
    html = response.content.decode()

    if case.expect:
        assert response.status_code == 200, html[:500]
        assert case.expect in html, html[:2000]
        assert written() == before, "a refused input wrote something"
        return

    assert response.status_code == 200 and response.get("HX-Redirect"), html[:2000]
    source = Source.objects.get(pk=int(response["HX-Redirect"].rstrip("/").rsplit("/", 1)[-1]))
    assert not CONTROLS.search(source.text), "control characters survived into the text"
    if case.way == "url" or case.name.endswith((".html", ".htm")):
        assert not MARKUP.search(source.text), "markup survived into the text"
    assert not CONTROLS.search(source.title)
    assert source.extraction_status in {ExtractionStatus.DONE, ExtractionStatus.PENDING}
    mentions = Mention.objects.filter(source=source).count()
    events = ClaimEvent.objects.filter(source=source, action="claim.extracted").count()
    assert mentions == events, "candidates and their history disagree"
    for url in (response["HX-Redirect"], reverse("claims:source_list")):
        shown = client.get(url)
        assert shown.status_code == 200
        assert not LIVE_PAYLOAD.search(shown.content.decode()), f"a live payload on {url}"
