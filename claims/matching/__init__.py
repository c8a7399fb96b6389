"""Figures across reports: the same figure wherever it appears, and how two figures relate.

Pure Python (no Django import) except :mod:`claims.matching.store`, which reads and writes
the desk. Modules:

``normalize``
    A claim's quantity in canonical base units through pint (km² and square miles compare,
    tonnes and short tons, hours and days), rates per year, money in its ISO code (no
    exchange rates), the counted noun lemmatised; and the lemmatised content words that
    say what a figure is about.
``engine``
    Two figures -> same / refines / conflicts / supersedes (or nothing), with a score in
    0–1 and a one-line reason. Never across dimensions or incompatible units.
``store``
    The desk side: candidates from the database (indexed by dimension, canonical unit and
    magnitude; PostgreSQL full-text search on the figure's words, a portable fallback on
    SQLite) and the stored suggestions.
"""

from .engine import Figure, Match, compare
from .normalize import NormalQuantity, normalize, terms

__all__ = ["Figure", "Match", "NormalQuantity", "compare", "normalize", "terms"]
