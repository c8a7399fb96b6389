"""The claim page's suggestions, accepting and dismissing them, and the Conflicts page."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse

from claims import services
from claims.models import Evidence, FigureMatch, MatchStatus
from claims.tests.matching.test_suggestions import pair  # noqa: F401 (a fixture)


def logged_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def suggest(second: Any) -> FigureMatch:
    (match,) = services.matches_for_source(source=second.mentions.get().source)
    return match


def test_the_claim_page_lists_the_conflict_with_its_reason(
    pair: tuple[Any, Any],  # noqa: F811
    editor: Any,
    django_assert_max_num_queries: Any,
) -> None:
    first, second = pair
    suggest(second)
    client = logged_in(editor)
    with django_assert_max_num_queries(40):
        page = client.get(reverse("claims:detail", args=[second.pk]))
    html = page.content.decode()
    assert "1 report conflicts" in html
    assert "3 subject words in common" in html or "subject words in common" in html
    assert f"claim {first.pk}" in html


def test_accepting_on_the_page_links_both_ways(pair: tuple[Any, Any], editor: Any) -> None:  # noqa: F811
    first, second = pair
    match = suggest(second)
    client = logged_in(editor)
    url = reverse("claims:match_accept", args=[match.pk])
    response = client.post(url, {"relation": "contradicts", "from_claim": second.pk})
    assert response.status_code == 302
    assert Evidence.objects.filter(claim=first, target_claim=second, relation="contradicts")
    html = client.get(reverse("claims:detail", args=[second.pk])).content.decode()
    assert f'Cited as contradicting by <a href="/claims/{first.pk}/">claim {first.pk}</a>' in (html)


def test_dismissing_on_the_page_needs_an_editor(
    pair: tuple[Any, Any],  # noqa: F811
    editor: Any,
    viewer: Any,
) -> None:
    _first, second = pair
    match = suggest(second)
    url = reverse("claims:match_dismiss", args=[match.pk])
    assert logged_in(viewer).post(url, {"from_claim": second.pk}).status_code in (403, 404)
    assert logged_in(editor).post(url, {"from_claim": second.pk}).status_code == 302
    match.refresh_from_db()
    assert match.status == MatchStatus.DISMISSED


def test_the_conflicts_page_lists_open_conflicts_by_size(
    pair: tuple[Any, Any],  # noqa: F811
    editor: Any,
) -> None:
    _first, second = pair
    match = suggest(second)
    html = logged_in(editor).get(reverse("claims:conflicts")).content.decode()
    assert f"conflict-{match.pk}" in html and "15.6 %" in html
    assert 'href="/conflicts/"' in html


def test_the_conflicts_page_shows_a_viewer_only_conflicts_between_accepted_claims(
    pair: tuple[Any, Any],  # noqa: F811
    editor: Any,
    viewer: Any,
    django_assert_max_num_queries: Any,
) -> None:
    first, second = pair
    assert (first.state, second.state) == ("candidate", "candidate")
    match = suggest(second)
    url = reverse("claims:conflicts")
    row = f"conflict-{match.pk}"
    services.claim_accept(claim=first, by=editor, expected_version=first.version)
    # One side is still unreviewed: the desk sees the conflict, a viewer does not.
    assert row in logged_in(editor).get(url).content.decode()
    assert row not in logged_in(viewer).get(url).content.decode()
    second.refresh_from_db()
    services.claim_accept(claim=second, by=editor, expected_version=second.version)
    reader = logged_in(viewer)
    with django_assert_max_num_queries(8):
        html = reader.get(url).content.decode()
    assert row in html
