"""Cleaning HTML, plain text and PDF into a report's text and metadata."""

from __future__ import annotations

import datetime as dt
import hashlib
import time
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claims.ingest import (
    IngestError,
    PdfLimits,
    clean_html,
    clean_pdf,
    clean_plain,
    clean_text,
    decode_bytes,
    pdf_text,
    sha256_of,
)

from .pages import (
    ARTICLE_HTML,
    ARTICLE_TITLE,
    EMPTY_ARTICLE_HTML,
    HOSTILE_HTML,
    encrypt_pdf,
    make_pdf,
    make_pdf_bomb,
)

# --- HTML ------------------------------------------------------------------------------------


def test_it_extracts_the_main_text_with_blank_lines_between_paragraphs() -> None:
    cleaned = clean_html(ARTICLE_HTML, url="http://public.test/news/harbour-dredging")
    paragraphs = cleaned.text.split("\n\n")
    assert paragraphs[0] == ARTICLE_TITLE
    assert paragraphs[1].startswith("The port board said on Tuesday")
    assert "\n" not in paragraphs[1]  # the source's line wrap is not a paragraph break
    assert paragraphs[3] == "- Tugs on standby: 12\n- Cranes idle: 7"
    assert "Front page" not in cleaned.text  # navigation
    assert "all rights reserved" not in cleaned.text  # footer
    assert "tracker" not in cleaned.text and "teal" not in cleaned.text


def test_it_extracts_the_metadata() -> None:
    cleaned = clean_html(ARTICLE_HTML, url="http://public.test/news/harbour-dredging?utm=x")
    assert cleaned.kind == "html"
    assert cleaned.title == ARTICLE_TITLE
    assert cleaned.authors == ("Mara Quill", "Tobias Fenwick")
    assert cleaned.published == dt.date(2024, 3, 5)
    assert cleaned.site_name == "Coastline Courier"
    assert cleaned.canonical_url == "http://public.test/news/harbour-dredging"
    assert cleaned.language == "en-gb"
    assert cleaned.sha256 == sha256_of(cleaned.text)


def test_it_ignores_a_canonical_url_on_another_site() -> None:
    page = ARTICLE_HTML.replace(b"http://public.test/news/", b"https://rival.test/news/")
    cleaned = clean_html(page, url="http://public.test/news/harbour-dredging")
    assert cleaned.canonical_url is None
    assert cleaned.declared_canonical_url == "https://rival.test/news/harbour-dredging"


def test_it_accepts_a_canonical_url_on_the_same_host_with_or_without_www() -> None:
    page = ARTICLE_HTML.replace(b"http://public.test/news/", b"https://www.public.test/news/")
    cleaned = clean_html(page, url="http://public.test/a")
    assert cleaned.canonical_url == "https://www.public.test/news/harbour-dredging"
    assert clean_html(ARTICLE_HTML, url="https://www.public.test/b").canonical_url == (
        "http://public.test/news/harbour-dredging"
    )


@pytest.mark.parametrize(
    "fetched",
    [
        "http://attacker.public.test/real-article",  # a subdomain claiming its parent's page
        "http://m.public.test/a",
        "http://www.attacker.public.test/a",
        "http://public.test.attacker.test/a",
        "http://notpublic.test/a",
    ],
)
def test_a_canonical_url_on_another_host_of_the_same_domain_is_not_trusted(fetched: str) -> None:
    cleaned = clean_html(ARTICLE_HTML, url=fetched)
    assert cleaned.canonical_url is None
    assert cleaned.declared_canonical_url == "http://public.test/news/harbour-dredging"


def test_a_parent_domain_cannot_claim_a_subdomains_page() -> None:
    page = ARTICLE_HTML.replace(b"http://public.test/news/", b"http://desk.public.test/news/")
    assert clean_html(page, url="http://public.test/a").canonical_url is None


def test_an_uploaded_page_keeps_its_declared_canonical_url_unchecked() -> None:
    cleaned = clean_html(ARTICLE_HTML, url=None)
    assert cleaned.canonical_url is None
    assert cleaned.declared_canonical_url == "http://public.test/news/harbour-dredging"


def test_it_refuses_a_page_without_an_article() -> None:
    with pytest.raises(IngestError) as refused:
        clean_html(EMPTY_ARTICLE_HTML, url=None)
    assert refused.value.reason == "no article text could be found on the page"


@pytest.mark.parametrize("page", [b"", b"   ", "<html></html>", b"<p>Hi.</p>"])
def test_it_refuses_empty_pages(page: bytes | str) -> None:
    with pytest.raises(IngestError, match="no article text"):
        clean_html(page, url=None)


def test_hostile_markup_leaves_only_text() -> None:
    cleaned = clean_html(HOSTILE_HTML, url=None)
    assert cleaned.text.startswith("Budget vote delayed\n\nThe town council postponed")
    for payload in ["<", "script", "alert", "onerror", "hx-get", "javascript", "injected"]:
        assert payload not in cleaned.text


def test_an_escaped_tag_in_the_text_stays_text() -> None:
    page = (
        "<html><body><article><p>The report quoted the string &lt;b&gt;42&lt;/b&gt; "
        "from the ministry's broken web form, twice.</p></article></body></html>"
    )
    cleaned = clean_html(page, url=None)
    # It is the page's text, stored as text; templates escape it when they show it.
    assert "the string <b>42</b> from" in cleaned.text


def test_it_decodes_with_the_meta_charset_when_no_charset_is_given() -> None:
    page = (
        "<html><head><meta charset='iso-8859-15'></head><body><article><p>Le prix du "
        "caf\u00e9 a augment\u00e9 de 12 pour cent cette ann\u00e9e \u20ac.</p>"
        "</article></body></html>"
    ).encode("iso-8859-15")
    assert "caf\u00e9 a augment\u00e9 de 12" in clean_html(page, url=None).text


def test_invalid_utf8_becomes_replacement_characters() -> None:
    page = b"<html><body><article><p>Fish quotas fell by \xff 18 percent in the bay " + (
        b"this season, the agency said on Monday.</p></article></body></html>"
    )
    cleaned = clean_html(page, url=None, charset="utf-8")
    assert "fell by \ufffd 18 percent" in cleaned.text


def test_it_strips_nul_and_control_characters_from_html_text() -> None:
    page = "<html><body><article><p>Wind farms\x00 produced\x07 31 percent of the power used in the region last winter.</p></article></body></html>"  # noqa: E501
    assert "Wind farms produced 31 percent" in clean_html(page, url=None).text


# --- plain text ------------------------------------------------------------------------------


def test_clean_text_normalises_newlines_and_controls_and_nothing_else() -> None:
    raw = "\ufeffTitle line\r\n\r\nFirst  para\rsecond\x00 line\x1b[31m\tend \u0085x\n  indented"
    assert clean_text(raw) == "Title line\n\nFirst  para\nsecond line[31m\tend \nx\n  indented"


def test_clean_text_composes_to_nfc() -> None:
    assert clean_text("Cafe\u0301") == "Caf\u00e9"


def test_clean_plain_keeps_markdown_as_it_is() -> None:
    markdown = "# Rents\n\n* Up **7%** in March\n* [Source](https://public.test/)\n"
    assert clean_plain(markdown.encode()).text == markdown


def test_clean_plain_refuses_empty_text() -> None:
    with pytest.raises(IngestError, match="the text is empty"):
        clean_plain(b" \r\n\t ")


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("Price: 3 €".encode("utf-16"), "Price: 3 €"),
        ("\ufeffPrice: 3 €".encode(), "Price: 3 €"),
        ("Price: 3 €".encode("cp1252"), "Price: 3 €"),
        ("Smørrebrød".encode("latin-1"), "Smørrebrød"),
    ],
)
def test_decode_bytes_reads_boms_and_falls_back_to_windows_1252(data: bytes, expected: str) -> None:
    assert decode_bytes(data) == expected


@pytest.mark.parametrize(
    "data",
    [
        b"PK\x03\x04" + b"\x00" * 100,
        b"\x89PNG\r\n\x1a\n" + b"\x00" * 100,
        b"\x7fELF\x02\x01\x01" + b"\x00" * 100,
        bytes(range(256)) * 20,
    ],
)
def test_decode_bytes_refuses_binary_data(data: bytes) -> None:
    with pytest.raises(IngestError, match=r"binary|not text|unreadable"):
        decode_bytes(data)


# --- PDF -------------------------------------------------------------------------------------


def test_it_reads_the_text_layer_of_a_pdf() -> None:
    data = make_pdf(["Tram ridership reached 2.4 million in May.", "Fares stayed at 1.80."])
    assert pdf_text(data) == "Tram ridership reached 2.4 million in May.\nFares stayed at 1.80."


def test_it_reads_pdf_metadata() -> None:
    cleaned = clean_pdf(make_pdf(["Tram ridership reached 2.4 million in May."]))
    assert cleaned.kind == "pdf"
    assert cleaned.title == "Ferry fares"
    assert cleaned.authors == ("Ines Calder",)
    assert cleaned.published == dt.date(2024, 4, 12)


def test_a_pdf_without_text_is_refused() -> None:
    with pytest.raises(IngestError, match="no text in it"):
        pdf_text(make_pdf([]))


@pytest.mark.parametrize("data", [b"%PDF-1.4\nnonsense", b"%PDF-1.7\n" + b"\x00" * 500, b""])
def test_a_damaged_pdf_is_refused(data: bytes) -> None:
    with pytest.raises(IngestError, match="PDF"):
        pdf_text(data)


def test_a_pdf_decompression_bomb_is_refused_as_too_complex_within_ten_seconds() -> None:
    bomb = make_pdf_bomb()
    assert 70_000 < len(bomb) < 90_000
    started = time.monotonic()
    with pytest.raises(IngestError, match=r"^this PDF is too complex to read"):
        pdf_text(bomb)
    assert time.monotonic() - started < 10


def test_a_pdf_that_keeps_the_parser_busy_is_stopped_at_the_time_limit() -> None:
    # 30 MB a page stays under the content budget for two pages; each takes seconds to parse.
    bomb = make_pdf_bomb(pages=20, spaces=30 * 1024 * 1024)
    started = time.monotonic()
    with pytest.raises(IngestError) as refused:
        pdf_text(bomb, limits=PdfLimits(timeout=1))
    assert (
        refused.value.reason
        == "this PDF is too complex to read (reading it took longer than 1 s); "
        "if it is simply very long, paste its text or upload it as a .txt file instead"
    )
    assert time.monotonic() - started < 5


def test_a_pdf_that_needs_too_much_memory_is_refused_as_too_complex() -> None:
    with pytest.raises(IngestError, match=r"^this PDF is too complex to read"):
        pdf_text(make_pdf_bomb(pages=2), limits=PdfLimits(memory_bytes=100 * 1024 * 1024))


def test_a_pdf_that_exhausts_the_processor_time_is_refused_as_too_complex() -> None:
    # A wall-clock limit far above the CPU limit: the kernel stops the child first (SIGXCPU).
    from claims import sandbox

    done = sandbox.run_child(
        "claims.ingest.pdf_worker", data=make_pdf_bomb(pages=20, spaces=30 * 1024 * 1024),
        timeout=30, args=["1", str(1024**3)],
    )  # fmt: skip
    assert done.returncode < 0


def test_a_reader_that_crashes_is_reported_as_unreadable_not_as_a_500(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from claims.ingest import pdf as pdf_module

    monkeypatch.setattr(pdf_module, "WORKER", "claims.ingest.no_such_module")
    with pytest.raises(IngestError, match=r"^the PDF could not be read \(it may be damaged\)$"):
        pdf_text(make_pdf(["Tram ridership reached 2.4 million in May."]))


@pytest.mark.parametrize("algorithm", ["RC4-128", "AES-128", "AES-256", "AES-256-R5"])
def test_an_encrypted_pdf_without_an_opening_password_is_read(algorithm: str) -> None:
    data = encrypt_pdf(
        make_pdf(["Tram ridership reached 2.4 million in May."]), algorithm=algorithm
    )
    assert pdf_text(data) == "Tram ridership reached 2.4 million in May."


def test_an_aes_256_pdf_with_an_opening_password_is_refused_in_plain_words() -> None:
    data = encrypt_pdf(make_pdf(["Tram ridership reached 2.4 million."]), user_password="pw")
    with pytest.raises(IngestError) as refused:
        pdf_text(data)
    assert refused.value.reason == (
        "the PDF is protected by a password; upload a copy saved without one"
    )


def test_a_pdf_encrypted_by_another_security_handler_is_refused_in_plain_words() -> None:
    data = encrypt_pdf(make_pdf(["Tram ridership reached 2.4 million."]))
    assert data.count(b"/Standard") == 1
    with pytest.raises(IngestError, match=r"^the PDF is encrypted in a way Factdesk cannot open"):
        pdf_text(data.replace(b"/Standard", b"/Xtandard"))


def test_without_an_aes_library_an_encrypted_pdf_is_refused_not_crashed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """What happened before ``cryptography`` was pinned: pypdf raises DependencyError."""
    import pypdf._encryption
    from pypdf.errors import DependencyError

    from claims.ingest import pdf_worker

    def missing(*args: object) -> bytes:
        raise DependencyError("cryptography>=3.1 is required for AES algorithm")

    monkeypatch.setattr(pypdf._encryption, "aes_cbc_decrypt", missing)
    monkeypatch.setattr(pypdf._encryption, "aes_ecb_decrypt", missing)
    data = encrypt_pdf(make_pdf(["Tram ridership reached 2.4 million."]))
    with pytest.raises(IngestError, match=r"^the PDF is encrypted in a way Factdesk cannot open"):
        pdf_worker.read_pdf(data)


# --- hashing and properties ------------------------------------------------------------------


def test_sha256_of_hashes_the_utf8_text() -> None:
    assert sha256_of("3 €") == hashlib.sha256("3 €".encode()).hexdigest()


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_clean_text_is_idempotent_and_leaves_no_controls(text: str) -> None:
    once = clean_text(text)
    assert clean_text(once) == once
    assert unicodedata.is_normalized("NFC", once)
    assert "\r" not in once
    assert all(ch in "\n\t" or unicodedata.category(ch) != "Cc" for ch in once)


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=2000) | st.text(max_size=2000).map(str.encode))
def test_clean_html_never_fails_with_anything_but_an_ingest_error(data: bytes) -> None:
    try:
        cleaned = clean_html(data, url=None)
    except IngestError:
        return
    assert cleaned.text.strip()
    assert "\x00" not in cleaned.text
