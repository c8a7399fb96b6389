"""Recognising what a body of bytes really is, whatever its label says."""

from __future__ import annotations

import re
from typing import Literal

Kind = Literal["html", "text", "pdf"]

MB = 1024 * 1024

# Magic numbers of formats that are never a report, with the words we use for them.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"PK\x03\x04", "a zip archive"),
    (b"PK\x05\x06", "a zip archive"),
    (b"PK\x07\x08", "a zip archive"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"\x00\x00\x01\x00", "an icon"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x7fELF", "a program (ELF)"),
    (b"\xca\xfe\xba\xbe", "a program (Mach-O or Java class)"),
    (b"\xcf\xfa\xed\xfe", "a program (Mach-O)"),
    (b"\x00asm", "a WebAssembly program"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
    (b"OggS\x00", "an audio or video file"),
    (b"ID3\x02", "an MP3 file"),
    (b"ID3\x03", "an MP3 file"),
    (b"ID3\x04", "an MP3 file"),
    (b"fLaC", "a FLAC audio file"),
    (b"\x1aE\xdf\xa3", "a video file"),
    (b"wOFF", "a web font"),
    (b"wOF2", "a web font"),
)

_HTML_START = re.compile(
    rb"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body|title|meta|article|div|p|h[1-6]|script"
    rb"|style|link|table|section|main|header|nav|!--)[\s>/]",
    re.IGNORECASE | re.DOTALL,
)

_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


def binary_kind(data: bytes) -> str | None:
    """Name the binary format ``data`` starts with ("a zip archive"), or None."""
    head = data[:64]
    for magic, name in _MAGIC:
        if head.startswith(magic):
            return name
    if head[:4] == b"RIFF" and head[8:12] in {b"WEBP", b"WAVE", b"AVI "}:
        return {b"WEBP": "a WebP image", b"WAVE": "a WAV audio file"}.get(
            head[8:12], "a video file"
        )
    if head.startswith(b"BM") and head[6:10] == b"\x00\x00\x00\x00":
        return "a BMP image"
    if head.startswith(b"BZh") and head[4:10] == b"1AY&SY":
        return "a bzip2 archive"
    if head.startswith(b"MZ") and b"\x00" in head:
        return "a Windows program"
    if head[4:8] == b"ftyp":
        return "an audio or video file"
    return None


def is_pdf(data: bytes) -> bool:
    """PDF files start with %PDF- (readers tolerate a little junk before it)."""
    return b"%PDF-" in data[:1024]


def looks_like_html(data: bytes) -> bool:
    head = data[:2048]
    for bom in _BOMS:
        if head.startswith(bom):
            head = head[len(bom) :]
            break
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in head[:16]:
        return False
    return _HTML_START.match(head) is not None


def has_nul_bytes(data: bytes) -> bool:
    """NUL bytes mean binary data, unless the text is UTF-16/32 (which starts with a BOM)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    return b"\x00" in data[:65536]


def human_size(n: int) -> str:
    """10485760 -> '10 MB', 41943040 -> '40 MB', 41994240 -> '40.0 MB', 2048 -> '2 KB'."""
    if n >= MB:
        value, unit = n / MB, "MB"
    elif n >= 1024:
        value, unit = n / 1024, "KB"
    else:
        return f"{n} bytes" if n != 1 else "1 byte"
    if value == int(value):
        return f"{int(value)} {unit}"
    return f"{value:.1f} {unit}"
