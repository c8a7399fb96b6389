"""Checking uploaded files: name, size and bytes."""

from __future__ import annotations

import io

import pytest

from claims.ingest import IngestError, UploadRefused, read_upload

from .pages import ARTICLE_HTML, ARTICLE_TITLE, make_pdf

MB = 1024 * 1024


class EndlessUpload:
    """A file-like upload that makes its bytes up as they are read, and counts them.

    It has no size and cannot seek, so the only way to learn its size is to read it.
    """

    def __init__(self, total: int) -> None:
        self.total = total
        self.bytes_read = 0

    def read(self, size: int = -1) -> bytes:
        if size < 0:
            size = self.total - self.bytes_read
        size = min(size, self.total - self.bytes_read)
        self.bytes_read += size
        return b"a" * size


class SizedUpload(EndlessUpload):
    """Like Django's UploadedFile: it knows its size."""

    @property
    def size(self) -> int:
        return self.total


def test_it_refuses_a_40_mb_upload_without_reading_it_when_the_size_is_known() -> None:
    upload = SizedUpload(40 * MB)
    with pytest.raises(UploadRefused) as refused:
        read_upload("report.txt", upload)
    assert refused.value.reason == "the file is 40.0 MB; the limit is 10 MB"
    assert upload.bytes_read == 0


def test_it_stops_reading_a_40_mb_upload_one_byte_past_the_limit() -> None:
    upload = EndlessUpload(40 * MB)
    with pytest.raises(UploadRefused) as refused:
        read_upload("report.txt", upload)
    assert refused.value.reason == "the file is larger than the limit of 10 MB"
    assert upload.bytes_read == 10 * MB + 1


def test_it_measures_a_seekable_file_before_reading_it() -> None:
    upload = io.BytesIO(b"x" * (3 * MB))
    with pytest.raises(UploadRefused, match=r"^the file is 3\.0 MB; the limit is 2 MB$"):
        read_upload("report.md", upload, max_bytes=2 * MB)
    assert upload.tell() == 0


def test_it_refuses_bytes_over_the_limit() -> None:
    with pytest.raises(UploadRefused, match=r"^the file is 40 KB; the limit is 32 KB$"):
        read_upload("report.txt", b"a" * (40 * 1024), max_bytes=32 * 1024)


def test_a_file_exactly_at_the_limit_is_accepted() -> None:
    assert read_upload("notes.txt", EndlessUpload(1000), max_bytes=1000).text == "a" * 1000


@pytest.mark.parametrize(
    "name", ["report.docx", "report.exe", "report", "report.html.exe", "photo.PNG", ".env"]
)
def test_it_refuses_other_kinds_of_file_by_name(name: str) -> None:
    with pytest.raises(UploadRefused, match=r"^only \.html, \.htm, \.txt, \.md and \.pdf files"):
        read_upload(name, b"The council spent 12 million on roads.")


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("report.html", b"PK\x03\x04\x14\x00\x00\x00" + b"\x00" * 64, "a zip archive"),
        ("report.txt", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "a PNG image"),
        ("report.md", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "a JPEG image"),
        ("report.htm", b"GIF89a\x01\x00\x01\x00", "a GIF image"),
        ("report.txt", b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 64, "a program (ELF)"),
        ("report.pdf", b"PK\x03\x04\x14\x00\x00\x00" + b"\x00" * 64, "a zip archive"),
    ],
)
def test_it_refuses_binary_files_whatever_their_name(name: str, data: bytes, words: str) -> None:
    with pytest.raises(UploadRefused) as refused:
        read_upload(name, data)
    assert refused.value.reason == f"the file is {words}, not HTML, text or PDF"


def test_it_refuses_text_with_nul_bytes() -> None:
    with pytest.raises(UploadRefused, match="binary data"):
        read_upload("report.txt", b"Budget \x00\x00 figures\x00")


def test_it_refuses_a_pdf_under_another_name() -> None:
    with pytest.raises(UploadRefused, match=r"is a PDF but is named \.txt"):
        read_upload("report.txt", make_pdf(["Bus fares rose by 9 percent."]))


def test_it_refuses_a_pdf_name_on_something_else() -> None:
    with pytest.raises(UploadRefused, match=r"named \.pdf but is not a PDF"):
        read_upload("report.pdf", b"Bus fares rose by 9 percent.")


@pytest.mark.parametrize("data", [b"", b"  \n\n  "])
def test_it_refuses_an_empty_file(data: bytes) -> None:
    with pytest.raises(UploadRefused, match="the file is empty"):
        read_upload("report.txt", data)


def test_it_reads_an_html_upload() -> None:
    cleaned = read_upload("C:\\Users\\desk\\harbour.HTML", io.BytesIO(ARTICLE_HTML))
    assert cleaned.kind == "html"
    assert cleaned.title == ARTICLE_TITLE
    assert "380,000 cubic metres" in cleaned.text


def test_it_reads_a_text_upload_and_keeps_it_as_written() -> None:
    cleaned = read_upload("notes.txt", b"Line one  \r\nLine two\twith tab\r\n")
    assert cleaned.kind == "text"
    assert cleaned.text == "Line one  \nLine two\twith tab\n"


def test_it_reads_a_utf16_text_upload() -> None:
    cleaned = read_upload("notes.txt", "Bread costs 2 € now.".encode("utf-16"))
    assert cleaned.text == "Bread costs 2 € now."


def test_it_reads_a_markdown_upload() -> None:
    assert read_upload("notes.md", b"# Water\n\nUse fell **4%**.").text == (
        "# Water\n\nUse fell **4%**."
    )


def test_it_reads_a_pdf_upload() -> None:
    cleaned = read_upload("fares.pdf", make_pdf(["Bus fares rose by 9 percent in March."]))
    assert cleaned.kind == "pdf"
    assert cleaned.text == "Bus fares rose by 9 percent in March."


def test_an_html_upload_without_an_article_is_refused() -> None:
    with pytest.raises(IngestError, match="no article text could be found"):
        read_upload("empty.html", b"<html><body><nav>Home</nav></body></html>")
