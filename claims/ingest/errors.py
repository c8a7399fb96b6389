"""The one exception family the ingest library raises."""

from __future__ import annotations


class IngestError(Exception):
    """A report could not be brought in; ``reason`` says why in plain words for the user.

    ``detail`` carries extra facts for logs (an address, a content type) that the user need not see.
    """

    def __init__(self, reason: str, *, detail: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.detail = detail

    def __str__(self) -> str:
        return self.reason


class FetchRefused(IngestError):
    """Fetching a URL was refused or failed (unsafe address, too big, too slow, wrong type…)."""


class UploadRefused(IngestError):
    """An uploaded file was refused (wrong kind, too big, binary…)."""
