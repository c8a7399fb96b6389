"""Queue rows carry counts of open suggestions ("2 agree · 1 conflicts"), read with the rows."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.test import Client
from django.urls import reverse

from claims import services
from claims.models import FigureMatch
from claims.tests.test_figure_history import premium


def logged_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def badge(body: str, pk: int) -> str:
    row = re.search(rf'<tr id="claim-{pk}-row".*?</tr>', body, re.S)
    assert row, f"no row for claim {pk}"
    found = re.search(r'class="badge match-counts"[^>]*>(.*?)</a>', row.group(0), re.S)
    return re.sub(r"<[^>]+>", "", found.group(1)).strip() if found else ""


def test_each_row_counts_its_open_suggestions_by_kind(
    reporter: Any, editor: Any, django_assert_max_num_queries: Any
) -> None:
    day = dt.date(2026, 3, 2)
    first = premium(reporter, 1, 45_000, day=day)
    agree_a = premium(reporter, 2, 45_000, day=day + dt.timedelta(days=1))
    agree_b = premium(reporter, 3, 45_000, day=day + dt.timedelta(days=2))
    conflicts = premium(reporter, 4, 52_000, day=day + dt.timedelta(days=3))
    for claim in (agree_a, agree_b, conflicts):
        services.matches_for_claims(claims=[claim])
    kinds = sorted(FigureMatch.objects.filter(claim=first).values_list("relation", flat=True))
    assert kinds == ["conflicts", "same", "same"]
    # 30 more rows with no suggestion: the counts must not cost a query per row.
    for n in range(30):
        premium(reporter, 100 + n, 10 + n, day=day)
    client = logged_in(editor)
    with django_assert_max_num_queries(10):
        body = client.get(reverse("claims:list")).content.decode()
    assert badge(body, first.pk) == "Other reports: 2 agree · 1 conflicts"
    assert badge(body, conflicts.pk) == "Other reports: 3 conflict"
    # Dismissing one leaves the other counts.
    match = FigureMatch.objects.get(claim=first, other=conflicts)
    services.match_dismiss(match=match, by=editor)
    body = client.get(reverse("claims:list")).content.decode()
    assert badge(body, first.pk) == "Other reports: 2 agree"


def test_viewers_get_no_counts_of_suggestions(reporter: Any, editor: Any, viewer: Any) -> None:
    day = dt.date(2026, 3, 2)
    first = premium(reporter, 1, 45_000, day=day)
    second = premium(reporter, 2, 52_000, day=day)
    services.matches_for_claims(claims=[second])
    for claim in (first, second):
        services.claim_accept(claim=claim, by=editor, expected_version=claim.version)
    body = logged_in(viewer).get(reverse("claims:list")).content.decode()
    assert f'id="claim-{first.pk}-row"' in body and "match-counts" not in body
