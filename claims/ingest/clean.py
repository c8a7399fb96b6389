"""Turning HTML, plain text and PDF into the clean text of a report, plus its metadata.

The text we keep is plain text: no markup survives, so nothing in it can run when a page shows
it (templates still escape it). Paragraphs are separated by one blank line.
"""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit, urlunsplit

from .errors import IngestError
from .sniff import Kind, binary_kind

if TYPE_CHECKING:
    from .pdf import PdfLimits

__all__ = [
    "CleanedDocument",
    "clean_document",
    "clean_html",
    "clean_pdf",
    "clean_plain",
    "clean_text",
    "decode_bytes",
    "pdf_text",
    "sha256_of",
]

NO_ARTICLE = "no article text could be found on the page"
MIN_ARTICLE_WORDS = 5

# Controls we drop: C0 except tab and newline, DEL, C1. Carriage returns become newlines first.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x85]")
_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.IGNORECASE
)
_HTML_LANG = re.compile(
    rb"""<html[^>]*?\slang\s*=\s*["']?([a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{1,8})*)""", re.I
)
_BINARYISH = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\ufffd]")
_DECODED_NON_ASCII = re.compile(r"[^\x00-\x7f\ufffd]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_BLANK_LINES = re.compile(r"\n{3,}")
# Boilerplate trafilatura sometimes keeps when a page has no article at all.
_PRUNE = ["//nav", "//footer", "//aside", "//form", "//noscript"]


@dataclass(frozen=True)
class CleanedDocument:
    """A report's clean text and whatever metadata the source carried."""

    text: str
    kind: Kind
    title: str | None = None
    authors: tuple[str, ...] = ()
    published: dt.date | None = None
    site_name: str | None = None
    # The page's canonical URL, only when it is on the same host as the URL we fetched.
    canonical_url: str | None = None
    # Whatever the page claimed, unchecked (uploads have no URL to check against).
    declared_canonical_url: str | None = None
    language: str | None = None
    sha256: str = field(default="")

    def __post_init__(self) -> None:
        if not self.sha256:
            object.__setattr__(self, "sha256", sha256_of(self.text))


def sha256_of(text: str) -> str:
    """Hex SHA-256 of the text as UTF-8 (the text should already be cleaned)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def clean_text(text: str) -> str:
    """Normalise pasted or uploaded text: newlines to \\n, no control characters, NFC.

    Nothing else changes (no trimming of lines, no collapsing of spaces), so offsets the
    extractor computes on this text stay meaningful for anyone reading the original.
    """
    text = text.removeprefix("\ufeff")
    text = _NEWLINES.sub("\n", text)
    text = _CONTROL.sub("", text)
    return unicodedata.normalize("NFC", text)


def decode_bytes(data: bytes, charset: str | None = None, *, html: bool = False) -> str:
    """Decode bytes with the BOM, the declared charset, a <meta charset>, or UTF-8.

    Bytes that do not fit the charset become U+FFFD. Data that is mostly undecodable, or looks
    like a binary format, is refused.
    """
    kind = binary_kind(data)
    if kind is not None:
        raise IngestError(f"this is {kind}, not text")
    encoding = _pick_encoding(data, charset, html=html)
    text = data.decode(encoding, errors="replace")
    if encoding.startswith("utf-8") and text.startswith("\ufeff"):
        text = text[1:]
    sample = text[:100_000]
    if len(_BINARYISH.findall(sample)) > max(16, len(sample) // 10):
        raise IngestError("this is binary data or text in an unknown encoding, not readable text")
    return text


def _valid_codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().strip("\"'")).name
    except LookupError:
        return None


def _pick_encoding(data: bytes, charset: str | None, *, html: bool) -> str:
    for bom, name in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return name
    declared = _valid_codec(charset)
    if declared is None and html:
        match = _META_CHARSET.search(data[:4096])
        declared = _valid_codec(match.group(1).decode("ascii")) if match else None
    if declared is not None:
        # Pages labelled Latin-1 are in practice Windows-1252 (browsers agree).
        return "cp1252" if declared in {"latin-1", "iso8859-1", "ascii"} else declared
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        # Some valid multi-byte sequences mean UTF-8 with a few stray bytes (they become
        # U+FFFD); none at all means a single-byte encoding, in practice Windows-1252.
        as_utf8 = data.decode("utf-8", errors="replace")
        if _DECODED_NON_ASCII.search(as_utf8):
            return "utf-8"
        return "cp1252"
    return "utf-8"


def _html_language(data: bytes) -> str | None:
    match = _HTML_LANG.search(data[:8192])
    return match.group(1).decode("ascii").lower() if match else None


def _same_host(host_a: str, host_b: str) -> bool:
    """The same host, counting ``www.example.org`` as ``example.org``. Nothing wider: a page on
    ``reader.example.org`` may not speak for ``example.org`` (or the other way round), since a
    subdomain is often someone else's (blogs, hosted pages). Matching the registrable domain
    through the Public Suffix List would still let it, so the host is what counts."""
    a, b = host_a.lower().rstrip("."), host_b.lower().rstrip(".")
    return a.removeprefix("www.") == b.removeprefix("www.")


def _checked_canonical(declared: str | None, url: str | None) -> tuple[str | None, str | None]:
    """(canonical URL we trust, what the page declared) — http(s) only, no fragment."""
    if not declared:
        return None, None
    base = url or ""
    try:
        parts = urlsplit(declared.strip())
        if not parts.netloc and base:
            parts = urlsplit(urljoin(base, declared.strip()))
    except ValueError:
        return None, None
    if parts.scheme.lower() not in {"http", "https"} or not parts.hostname or "@" in parts.netloc:
        return None, None
    cleaned = urlunsplit(
        (parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", parts.query, "")
    )
    if url is None:
        return None, cleaned
    try:
        fetched_host = urlsplit(url).hostname or ""
    except ValueError:
        return None, cleaned
    return (cleaned if _same_host(parts.hostname, fetched_host) else None), cleaned


def _parse_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _split_authors(value: str | None) -> tuple[str, ...]:
    if not value:
        return ()
    names = (name.strip() for name in re.split(r";|\s+and\s+|\|", value))
    return tuple(dict.fromkeys(name for name in names if name))


def _element_text(element: Any) -> str:
    """Text of a trafilatura XML element, with <lb/> as a line break."""
    pieces: list[str] = []

    def walk(node: Any) -> None:
        if node.tag == "lb":
            pieces.append("\n")
        elif node.text:
            pieces.append(node.text)
        for child in node:
            walk(child)
            if child.tail:
                pieces.append(child.tail)

    walk(element)
    lines = (_SPACES.sub(" ", line).strip() for line in "".join(pieces).split("\n"))
    return "\n".join(line for line in lines if line)


def _blocks(body: Any) -> Iterator[str]:
    for child in body:
        tag = child.tag
        if tag == "list":
            items = [_element_text(item) for item in child if item.tag == "item"]
            lines = [f"- {item}" for item in items if item]
            if lines:
                yield "\n".join(lines)
        elif tag == "table":
            rows = []
            for row in child.iter("row"):
                cells = [
                    _element_text(cell).replace("\n", " ") for cell in row if cell.tag == "cell"
                ]
                if any(cells):
                    rows.append(" | ".join(cells))
            if rows:
                yield "\n".join(rows)
        elif tag in {"graphic", "ref"}:
            continue
        else:
            text = _element_text(child)
            if text:
                yield text


def clean_html(
    html: bytes | str, *, url: str | None, charset: str | None = None
) -> CleanedDocument:
    """Main text and metadata of an HTML page (trafilatura), as plain text.

    Raises IngestError when the page has no article text.
    """
    import trafilatura
    from trafilatura.settings import set_date_params

    raw = html if isinstance(html, bytes) else html.encode("utf-8", errors="replace")
    source = decode_bytes(html, charset, html=True) if isinstance(html, bytes) else html
    source = source.replace("\x00", "")
    try:
        document = trafilatura.bare_extraction(
            source,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            prune_xpath=_PRUNE,
            date_extraction_params=set_date_params(False),
        )
    except (ValueError, TypeError, AttributeError) as exc:  # trafilatura on hostile markup
        raise IngestError(NO_ARTICLE, detail=repr(exc)) from None
    if document is None or isinstance(document, dict) or document.body is None:
        raise IngestError(NO_ARTICLE)
    text = clean_text("\n\n".join(_blocks(document.body)))
    text = _BLANK_LINES.sub("\n\n", text).strip()
    if len(text.split()) < MIN_ARTICLE_WORDS:
        raise IngestError(NO_ARTICLE)
    canonical, declared = _checked_canonical(document.url, url)
    return CleanedDocument(
        text=text,
        kind="html",
        title=_clean_field(document.title),
        authors=tuple(_clean_field(a) or "" for a in _split_authors(document.author)),
        published=_parse_date(document.date),
        site_name=_clean_field(document.sitename),
        canonical_url=canonical,
        declared_canonical_url=declared,
        language=_html_language(raw) or _clean_field(document.language),
    )


def _clean_field(value: str | None) -> str | None:
    if value is None:
        return None
    value = _SPACES.sub(" ", clean_text(value).replace("\n", " ")).strip()
    return value or None


def clean_plain(data: bytes | str, *, charset: str | None = None) -> CleanedDocument:
    """A .txt/.md file or a text/plain page: decoded and normalised, otherwise unchanged."""
    text = decode_bytes(data, charset) if isinstance(data, bytes) else data
    text = clean_text(text)
    if not text.strip():
        raise IngestError("the text is empty")
    return CleanedDocument(text=text, kind="text")


def pdf_text(data: bytes, *, limits: PdfLimits | None = None) -> str:
    """The text layer of a PDF, one page after another, separated by blank lines.

    Read in a child process under CPU, memory and time limits (see ``claims.ingest.pdf``).
    """
    from .pdf import read_pdf

    return str(read_pdf(data, limits=limits)["text"])


def clean_pdf(data: bytes, *, limits: PdfLimits | None = None) -> CleanedDocument:
    from .pdf import read_pdf

    answer = read_pdf(data, limits=limits)
    title, author = answer.get("title"), answer.get("author")
    return CleanedDocument(
        text=str(answer["text"]),
        kind="pdf",
        title=_clean_field(title if isinstance(title, str) else None),
        authors=_split_authors(_clean_field(author if isinstance(author, str) else None)),
        published=_parse_date(answer.get("created")),
    )


def clean_document(
    body: bytes,
    *,
    kind: Kind,
    url: str | None = None,
    charset: str | None = None,
    pdf_limits: PdfLimits | None = None,
) -> CleanedDocument:
    """Clean a fetched or uploaded body according to its kind."""
    if kind == "html":
        return clean_html(body, url=url, charset=charset)
    if kind == "pdf":
        return clean_pdf(body, limits=pdf_limits)
    return clean_plain(body, charset=charset)
