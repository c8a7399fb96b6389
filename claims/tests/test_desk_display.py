"""How the desk shows dates and its name: report dates without a time read as dates, the login
page says Factdesk."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest
from django.template.defaultfilters import date as date_filter
from django.template.defaultfilters import floatformat, truncatechars
from django.test import Client
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from claims.services.ingest import _as_datetime
from claims.templatetags.desk import (
    clip,
    report_date,
    score,
    time_day,
    time_minute,
    time_second,
)
from claims.tests.conftest import make_source


def test_a_report_date_without_a_time_reads_as_a_date() -> None:
    assert report_date(_as_datetime(date(2025, 3, 14))) == "14 Mar 2025"
    assert report_date(datetime(2025, 3, 14, 9, 30, tzinfo=UTC)) == "14 Mar 2025 09:30"
    assert report_date(None) == ""


@pytest.mark.parametrize("length", [1, 5, 40, 180])
@pytest.mark.parametrize(
    "text", ["", "short", "Officials said more than 10,000 soldiers " * 6, "é" * 45]
)
def test_the_queues_clip_cuts_text_as_truncatechars_does(text: str, length: int) -> None:
    assert clip(text, length) == truncatechars(text, length)


@pytest.mark.parametrize(
    "at",
    [datetime(2025, 3, 14, 9, 30, tzinfo=UTC), datetime(2026, 12, 1, tzinfo=UTC)],
)
def test_the_queues_report_time_reads_as_the_date_filter_writes_it(at: datetime) -> None:
    expected = f'<time datetime="{date_filter(at, "c")}">{date_filter(at, "j M Y")}</time>'
    assert time_day(at) == expected
    assert time_day(None) == ""


@pytest.mark.parametrize(
    "at",
    [
        datetime(2025, 3, 14, 9, 30, 5, tzinfo=UTC),
        datetime(2026, 12, 1, tzinfo=UTC),
        datetime(2026, 1, 9, 23, 59, 59, 123456, tzinfo=UTC),
    ],
)
def test_the_times_of_events_read_as_the_date_filter_writes_them(at: datetime) -> None:
    stamp = date_filter(at, "c")
    assert time_second(at) == f'<time datetime="{stamp}">{date_filter(at, "j M Y H:i:s")}</time>'
    assert time_minute(at) == f'<time datetime="{stamp}">{date_filter(at, "j M Y H:i")}</time>'
    assert time_second(None) == time_minute(None) == ""


@pytest.mark.parametrize(
    "value", [0.0, -0.0, 1.0, 0.005, 0.015, 0.125, 0.995, 1e-05, 2.675, -0.004, float("nan")]
)
def test_the_queues_score_reads_as_floatformat_writes_it(value: float) -> None:
    assert score(value) == floatformat(value, 2)


@given(st.floats(min_value=0, max_value=1) | st.floats())
def test_any_score_reads_as_floatformat_writes_it(value: float) -> None:
    assert score(value) == floatformat(value, 2)


@pytest.mark.django_db
def test_the_report_page_shows_its_date_without_midnight(editor: Any, reporter: Any) -> None:
    source = make_source(reporter, published_at=_as_datetime(date(2025, 3, 14)))
    client = Client()
    client.force_login(editor)
    page = client.get(reverse("claims:source_detail", args=[source.pk])).content.decode()
    assert ">14 Mar 2025</time>" in page
    assert "14 Mar 2025 00:00" not in page


@pytest.mark.django_db
def test_the_login_page_says_factdesk() -> None:
    page = Client().get(reverse("login")).content.decode()
    assert "<h1>Log in to Factdesk</h1>" in page
    assert 'class="login-form"' in page
