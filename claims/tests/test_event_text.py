"""{% event_text %} writes an event as the former _event_text.html template did (apart from
whitespace), with every recorded value escaped."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.template import Context, Template
from django.utils.html import format_html
from hypothesis import given, settings
from hypothesis import strategies as st

from claims.history_text import EventText
from claims.models import ClaimEvent

REFERENCE = Template((Path(__file__).parent / "data" / "event_text_reference.html").read_text())
TAG = Template("{% load events %}{% event_text event show_raw %}")
HOSTILE = "\"><script>alert(1)</script>&amp;'é"


def event(**fields: Any) -> ClaimEvent:
    details = fields.pop("details", ())
    made = ClaimEvent(
        pk=12,
        action=fields.pop("action", "claim.edited"),
        channel=fields.pop("channel", "web"),
        actor_label="alice",
        claim_version=fields.pop("claim_version", 4),
        reason=fields.pop("reason", ""),
        before=fields.pop("before", {"value": "4200", "subject": "tents"}),
        after=fields.pop("after", {"value": "4300", "subject": "tents"}),
    )
    made.text = EventText(  # type: ignore[attr-defined]
        headline=format_html("Figure changed from {} to {}", "4,200", "4,300"),
        details=tuple(format_html("<q>{}</q>", d) for d in details),
    )
    return made


def assert_same(item: ClaimEvent, show_raw: bool) -> None:
    def normalised(html: str) -> str:
        return re.sub(r"\s+", " ", html).strip()

    context = {"event": item, "show_raw": show_raw}
    expected = normalised(REFERENCE.render(Context(context)))
    assert normalised(TAG.render(Context(context))) == expected


@pytest.mark.parametrize("show_raw", [True, False])
@pytest.mark.parametrize(
    "fields",
    [
        {},
        {"details": ["one line", "another <line>"]},
        {"reason": "The ministry corrected it."},
        {"claim_version": None, "channel": "api"},
        {"before": {}, "after": {}},
        {"before": {"n": None, "s": ""}, "after": {"n": 3.5, "s": ["a", {"b": 1}]}},
        {"channel": "unknown-channel"},
    ],
)
def test_each_kind_of_event_reads_as_the_template_wrote_it(
    fields: dict[str, Any], show_raw: bool
) -> None:
    assert_same(event(**fields), show_raw)


def test_recorded_text_is_escaped() -> None:
    item = event(
        details=[HOSTILE],
        reason=HOSTILE,
        action=HOSTILE,
        before={HOSTILE: HOSTILE},
        after={HOSTILE: "x"},
    )
    assert_same(item, True)
    html = TAG.render(Context({"event": item, "show_raw": True}))
    assert "<script>" not in html
    assert html.count("&lt;script&gt;") == 5


@settings(max_examples=50, deadline=None)
@given(
    reason=st.text(max_size=80),
    old=st.one_of(st.none(), st.text(max_size=20), st.integers()),
    new=st.one_of(st.none(), st.text(max_size=20), st.floats(allow_nan=False)),
)
def test_any_recorded_values_read_as_the_template_wrote_them(
    reason: str, old: Any, new: Any
) -> None:
    assert_same(event(reason=reason, before={"field": old}, after={"field": new}), True)


AUDIT_ROW = Template((Path(__file__).parent / "data" / "audit_row_reference.html").read_text())
AUDIT_TAG = Template("{% load events %}{% audit_row event can_propose %}")


@pytest.mark.parametrize("can_propose", [True, False])
@pytest.mark.parametrize(
    "about",
    [
        {"claim_id": 5},
        {"claim_id": 5, "source_id": 8},
        {"source_id": 8, "entity_id": 3},
        {"entity_id": 3},
        {},
    ],
)
def test_an_audit_row_reads_as_the_template_wrote_it(
    about: dict[str, int], can_propose: bool
) -> None:
    from datetime import UTC, datetime

    item = event(channel="command", reason=HOSTILE)
    item.created_at = datetime(2026, 3, 14, 9, 30, 5, tzinfo=UTC)
    item.actor_label = HOSTILE
    for name, pk in about.items():
        setattr(item, name, pk)
    item.links = {"as_of": "/claims/5/as-of/12/", "source": "/sources/8/"}  # type: ignore[attr-defined]
    context = Context({"event": item, "can_propose": can_propose})
    expected = re.sub(r"\s+", " ", AUDIT_ROW.render(context)).strip()
    assert re.sub(r"\s+", " ", AUDIT_TAG.render(context)).strip() == expected
