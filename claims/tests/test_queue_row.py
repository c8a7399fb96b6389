"""The queue row written in Python ({% queue_row %}) is the row the template language wrote:
the same HTML (apart from whitespace) for every state, role and odd value, escaped alike."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.template import Context, Template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from hypothesis import given, settings
from hypothesis import strategies as st

from claims.models import Claim, Entity, Mention, Source

REFERENCE = Template((Path(__file__).parent / "data" / "queue_row_reference.html").read_text())
TAG = Template("{% load queue %}{% queue_row claim %}")
CSRF = mark_safe('<input type="hidden" name="csrfmiddlewaretoken" value="tok">')


def normalised(html: str) -> str:
    html = re.sub(r'name="request_key" value="[^"]+"', 'name="request_key" value="K"', html)
    return re.sub(r"\s+", " ", html).strip()


def row(
    *,
    state: str = "candidate",
    verdict: str = "unverified",
    statement: str = "Officials counted 4,200 tents in the valley.",
    subject: str = "tents",
    as_of: str = "",
    outlet: str | None = "Valley Courier",
    title: str = "Tents counted",
    published: datetime | None = datetime(2026, 3, 14, 9, 30, tzinfo=UTC),
    speaker: str | None = "Camp office",
    verb: str = "said",
    via: str | None = None,
    mentioned: bool = True,
    matches: tuple[int, int, int, int] | None = (0, 0, 0, 0),
    needs_review: bool = False,
) -> Claim:
    claim = Claim(
        pk=4321,
        state=state,
        verdict=verdict,
        version=3,
        statement=statement,
        subject=subject,
        as_of=as_of,
        value=Decimal("4200"),
        qualifier="gt",
        unit_name="tent",
        score=0.875,
        mention_count=7,
        verdict_needs_review=needs_review,
    )
    claim.first_outlet = Entity(pk=9, name=outlet) if outlet is not None else None
    first = None
    if mentioned:
        first = Mention(pk=77, verb=verb, quote="q", start=0, end=1)
        first.source = Source(pk=55, title=title, published_at=published)
        first.speaker = Entity(pk=10, name=speaker) if speaker is not None else None
        first.via = Entity(pk=11, name=via) if via is not None else None
    claim.first_mention = first  # type: ignore[attr-defined]
    urls = {"detail": "/claims/4321/", "accept": "/claims/4321/accept/", "reject": "/r/"}
    if first is not None:
        urls["source"] = "/sources/55/"
    claim.row_urls = urls  # type: ignore[attr-defined]
    if matches is not None:
        names = ("same", "conflicts", "refines", "supersedes")
        for name, n in zip(names, matches, strict=True):
            setattr(claim, f"matches_{name}", n)
    return claim


def assert_same_row(claim: Claim, **context: Any) -> None:
    values = {
        "claim": claim,
        "csrf_field": CSRF,
        "next_path": conditional_escape("/claims/?q=a&b=<c>"),
        **context,
    }
    expected = normalised(REFERENCE.render(Context(values)))
    assert normalised(TAG.render(Context(values))) == expected


@pytest.mark.parametrize("state", ["candidate", "open", "rejected", "archived"])
@pytest.mark.parametrize("can_review", [True, False])
@pytest.mark.parametrize("oob", [True, False])
def test_a_row_in_every_state_for_every_role_is_the_templates_row(
    state: str, can_review: bool, oob: bool
) -> None:
    claim = row(state=state, verdict="disputed" if state == "open" else "unverified")
    assert_same_row(claim, can_review=can_review, oob=oob)


@pytest.mark.parametrize(
    "changes",
    [
        {"mentioned": False},
        {"speaker": None},
        {"speaker": "Ministry", "verb": "", "via": "Wire <agency>"},
        {"outlet": None},
        {"outlet": "", "title": "A very long title of a report that goes on and on and on"},
        {"published": None},
        {"subject": "", "as_of": ""},
        {"subject": "", "as_of": "in March"},
        {"subject": "tents", "as_of": "2025"},
        {"statement": "x" * 400},
        {"needs_review": True, "state": "open"},
        {"matches": None},
        {"matches": (1, 0, 0, 0)},
        {"matches": (2, 1, 0, 0)},
        {"matches": (0, 3, 1, 0)},
        {"matches": (0, 0, 0, 1)},
        {"matches": (1, 1, 1, 1)},
    ],
)
def test_rows_with_and_without_each_part_are_the_templates_rows(changes: dict[str, Any]) -> None:
    assert_same_row(row(**changes), can_review=True)


HOSTILE = "\"><script>alert(1)</script>&amp;'é"


def test_text_from_reports_is_escaped_in_the_row() -> None:
    claim = row(
        statement=HOSTILE, subject=HOSTILE, as_of=HOSTILE, outlet=HOSTILE, speaker=HOSTILE,
        verb=HOSTILE, via=HOSTILE,
    )  # fmt: skip
    assert_same_row(claim, can_review=True)
    html = TAG.render(Context({"claim": claim, "can_review": True}))
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


@settings(max_examples=60, deadline=None)
@given(
    statement=st.text(max_size=300),
    subject=st.text(max_size=40),
    outlet=st.one_of(st.none(), st.text(max_size=60)),
    speaker=st.one_of(st.none(), st.text(max_size=30)),
)
def test_any_text_renders_as_the_template_renders_it(
    statement: str, subject: str, outlet: str | None, speaker: str | None
) -> None:
    claim = row(statement=statement, subject=subject, outlet=outlet, speaker=speaker)
    assert_same_row(claim, can_review=True)
