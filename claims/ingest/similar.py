"""Near-duplicate reports: is a new text an updated copy of an earlier one?

Pure Python. A wire story is republished with a paragraph changed, one added, a figure
updated; its text (and so its SHA-256) differs, its address may too. :func:`compare` measures
how much of two texts is the same, paragraph by paragraph: each paragraph is normalised (case,
spacing, typographic quotes and dashes) and hashed, and the share of paragraphs in common is
counted against the longer of the two texts. Texts of fewer than :data:`MIN_PARAGRAPHS`
paragraphs (a short item, a paste without blank lines) are compared by their word shingles
(every run of :data:`SHINGLE` words) instead, with the Jaccard index.

:func:`is_revision` is the desk's rule: at least :data:`THRESHOLD` of the paragraphs (or of
the shingles) the same. Cost: linear in the length of the two texts; the caller bounds how
many earlier reports it compares against.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

THRESHOLD = 0.6
MIN_PARAGRAPHS = 3
MIN_PARAGRAPH_CHARS = 25
SHINGLE = 5
_BLANK_LINE = re.compile(r"\n\s*\n")
_TYPOGRAPHY = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-"})
_WORD = re.compile(r"\w+(?:[.,']\w+)*")


@dataclass(frozen=True)
class Similarity:
    """How much of two texts is the same: ``shared`` of ``total`` units (paragraphs or
    shingles, per ``unit``), as a ratio in 0–1."""

    shared: int
    total: int
    unit: str

    @property
    def ratio(self) -> float:
        return self.shared / self.total if self.total else 0.0

    def words(self) -> str:
        if self.unit == "paragraphs":
            return f"{self.shared} of {self.total} paragraphs the same"
        return f"{round(self.ratio * 100)} % of the wording the same"


def _normal(text: str) -> str:
    return " ".join(text.translate(_TYPOGRAPHY).casefold().split())


def paragraphs(text: str) -> list[str]:
    """The text's paragraphs, normalised: blank-line separated, else one per line; very
    short ones (datelines, "Advertisement") are left out."""
    parts = _BLANK_LINE.split(text)
    if len(parts) < MIN_PARAGRAPHS:
        parts = text.splitlines()
    out = [_normal(p) for p in parts]
    return [p for p in out if len(p) >= MIN_PARAGRAPH_CHARS]


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=8).hexdigest()


def paragraph_hashes(text: str) -> list[str]:
    return [_digest(p) for p in paragraphs(text)]


def shingles(text: str) -> set[str]:
    words = _WORD.findall(_normal(text))
    if len(words) < SHINGLE:
        return {_digest(" ".join(words))} if words else set()
    return {_digest(" ".join(words[i : i + SHINGLE])) for i in range(len(words) - SHINGLE + 1)}


def compare(new: str, old: str) -> Similarity:
    """How much of ``new`` is the same as ``old``."""
    a, b = paragraph_hashes(new), paragraph_hashes(old)
    if len(a) >= MIN_PARAGRAPHS and len(b) >= MIN_PARAGRAPHS:
        left = set(a)
        right = set(b)
        return Similarity(len(left & right), max(len(left), len(right)), "paragraphs")
    x, y = shingles(new), shingles(old)
    return Similarity(len(x & y), len(x | y), "shingles")


def is_revision(similarity: Similarity) -> bool:
    """Most of it the same, but not all of it (an identical text is the same report)."""
    return similarity.ratio >= THRESHOLD and similarity.shared >= 2


def passage_key(sentence: str, quote: str) -> tuple[str, str]:
    """What makes a figure in a revision "the same passage" as one in the earlier text: its
    sentence (normalised) and its exact words."""
    return _normal(sentence), quote
