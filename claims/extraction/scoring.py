"""Claim-worthiness: a transparent additive score in 0–1.

It ranks, it does not filter. Figures with a unit or a counted noun, a qualifier, a named speaker,
a large or scaled value or a change score high; bare small numbers, durations, ages and
conversions in parentheses score low.
"""

from __future__ import annotations

from decimal import Decimal

_BIG = Decimal(100)
_SMALL = Decimal(10)


def claim_score(
    *,
    dimension: str,
    unit_name: str,
    qualifier: str,
    trend: str | None,
    speaker: str | None,
    high: Decimal | None,
    scaled: bool,
    in_parentheses: bool,
    per: str | None,
) -> float:
    score = 0.35
    if unit_name:
        score += 0.2
    else:
        score -= 0.1
    if dimension in ("currency", "percent", "area", "mass", "rate", "ratio", "energy", "power"):
        score += 0.1
    if dimension in ("duration", "age"):
        score -= 0.1
    if qualifier != "=":
        score += 0.05
    if trend is not None:
        score += 0.05
    if speaker:
        score += 0.15
    if per:
        score += 0.05
    if high is not None:
        magnitude = abs(high)
        if scaled or magnitude >= _BIG:
            score += 0.1
        elif magnitude < _SMALL and dimension == "count":
            score -= 0.1
    if in_parentheses:
        score -= 0.25
    return round(min(0.99, max(0.01, score)), 3)
