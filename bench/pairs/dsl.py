"""A small authoring form for labelled figure pairs (the dev set's source).

Stories are written as reports (title, outlet, date, text) and the figures an extractor
would find in them; a pair names two figures and what an editor decides b is to a. Labels
are written by hand from the texts, before the engine sees them. ``bench/pairs/build.py``
turns the stories into ``claims/tests/data/figure_pairs_dev.jsonl``.
"""

from __future__ import annotations

from typing import Any

REPORTS: dict[str, dict[str, Any]] = {}
FIGURES: dict[str, tuple[str, dict[str, Any]]] = {}
PAIRS: list[dict[str, Any]] = []
_story = [""]


def story(name: str) -> None:
    _story[0] = name


def report(key: str, title: str, outlet: str, published: str, text: str) -> None:
    assert key not in REPORTS, key
    REPORTS[key] = {
        "title": title,
        "outlet": outlet,
        "published": published,
        "text": text,
        "story": _story[0],
    }


def fig(
    key: str,
    text: str,
    value: float | None,
    unit_name: str = "",
    dimension: str = "count",
    *,
    subject: str | None = None,
    q: str = "=",
    low: float | None = None,
    high: float | None = None,
    currency: str | None = None,
    per: str | None = None,
    as_of: str | None = None,
    speaker: str | None = None,
    trend: str | None = None,
    change: str | None = None,
    from_value: float | None = None,
    via: str | None = None,
) -> None:
    """A figure in report ``key.split('.')[0]``."""
    assert key not in FIGURES, key
    rep = key.split(".")[0]
    assert rep in REPORTS, rep
    assert text in REPORTS[rep]["text"], (key, text)
    if value is not None:
        low = value if low is None else low
        high = value if high is None else high
    FIGURES[key] = (
        rep,
        {
            "text": text,
            "value": value,
            "low": low,
            "high": high,
            "qualifier": q,
            "trend": trend,
            "change": change,
            "from_value": from_value,
            "unit_name": unit_name,
            "dimension": dimension,
            "currency": currency,
            "per": per,
            "subject": subject,
            "as_of": as_of,
            "speaker": speaker,
            "via": via,
        },
    )


def pair(a: str, b: str, label: str, note: str = "") -> None:
    assert label in ("same", "refines", "conflicts", "supersedes", "unrelated"), label
    assert FIGURES[a][0] != FIGURES[b][0], (a, b, "pairs are across reports")
    PAIRS.append({"a": a, "b": b, "label": label, "note": note})
