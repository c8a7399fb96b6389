"""Bringing reports in: safe URL fetching, cleaning HTML/text/PDF, checking uploads.

Pure library code: no Django import, so it can be tested and benchmarked alone. The service
layer passes settings in as plain parameters (a FetchPolicy, upload limits).
"""

from .clean import (
    CleanedDocument,
    clean_document,
    clean_html,
    clean_pdf,
    clean_plain,
    clean_text,
    decode_bytes,
    pdf_text,
    sha256_of,
)
from .errors import FetchRefused, IngestError, UploadRefused
from .fetch import FetchedDocument, FetchPolicy, fetch_url
from .pdf import PdfLimits
from .uploads import ALLOWED_EXTENSIONS, read_upload

__all__ = [
    "ALLOWED_EXTENSIONS",
    "CleanedDocument",
    "FetchPolicy",
    "FetchRefused",
    "FetchedDocument",
    "IngestError",
    "PdfLimits",
    "UploadRefused",
    "clean_document",
    "clean_html",
    "clean_pdf",
    "clean_plain",
    "clean_text",
    "decode_bytes",
    "fetch_url",
    "pdf_text",
    "read_upload",
    "sha256_of",
]
