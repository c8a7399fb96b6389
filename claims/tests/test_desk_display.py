"""How the desk shows dates and its name: report dates without a time read as dates, the login
page says Factdesk."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from claims.services.ingest import _as_datetime
from claims.templatetags.desk import report_date
from claims.tests.conftest import make_source


def test_a_report_date_without_a_time_reads_as_a_date() -> None:
    assert report_date(_as_datetime(date(2025, 3, 14))) == "14 Mar 2025"
    assert report_date(datetime(2025, 3, 14, 9, 30, tzinfo=UTC)) == "14 Mar 2025 09:30"
    assert report_date(None) == ""


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
