"""GET /api/v1/claims/{id}/matches/: the stored suggestions of the matching engine, with the
claim page's visibility rules."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from claims import services
from claims.models import FigureMatch
from claims.services.tokens import api_token_create
from claims.tests.matching.test_suggestions import (
    FIRST,
    pair,  # noqa: F401 (a fixture)
    premium,
)

pytestmark = pytest.mark.django_db


def get(user: User, path: str) -> Any:
    secret = api_token_create(user=user, by=user, name=f"t-{path[-40:]}", scope="read").secret
    return Client().get(path, headers={"Authorization": f"Bearer {secret}"})


def suggest(second: Any) -> FigureMatch:
    (match,) = services.matches_for_source(source=second.mentions.get().source)
    return match


def test_both_claims_list_their_suggestion_with_the_other_as_counterpart(
    pair: tuple[Any, Any],  # noqa: F811
    reporter: User,
) -> None:
    first, second = pair
    match = suggest(second)
    body = get(reporter, f"/api/v1/claims/{first.pk}/matches/").json()
    (item,) = body["items"]
    assert item["id"] == match.pk
    assert (item["claim_id"], item["other_id"], item["relation"]) == (
        first.pk,
        second.pk,
        "conflicts",
    )
    assert item["status"] == "open" and item["reason"] == match.reason
    assert item["counterpart"]["id"] == second.pk
    assert item["score"] == pytest.approx(match.score)
    assert body["next_cursor"] is None
    other_side = get(reporter, f"/api/v1/claims/{second.pk}/matches/").json()["items"]
    assert [m["counterpart"]["id"] for m in other_side] == [first.pk]


def test_decided_suggestions_show_with_status_all(
    pair: tuple[Any, Any],  # noqa: F811
    editor: User,
) -> None:
    first, second = pair
    match = suggest(second)
    services.match_dismiss(match=match, by=editor, reason="different voyages")
    assert get(editor, f"/api/v1/claims/{first.pk}/matches/").json()["items"] == []
    (item,) = get(editor, f"/api/v1/claims/{first.pk}/matches/?status=all").json()["items"]
    assert item["status"] == "dismissed"
    assert item["decided_by"]["username"] == editor.username
    dismissed = get(editor, f"/api/v1/claims/{first.pk}/matches/?status=dismissed").json()
    assert [m["id"] for m in dismissed["items"]] == [match.pk]


def test_viewers_do_not_read_suggestions(
    pair: tuple[Any, Any],  # noqa: F811
    viewer: User,
    editor: User,
) -> None:
    first, second = pair
    suggest(second)
    for claim in (first, second):
        services.claim_accept(claim=claim, by=editor, expected_version=claim.version)
    response = get(viewer, f"/api/v1/claims/{first.pk}/matches/")
    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"


def test_an_unknown_claim_is_404(reporter: User) -> None:
    assert get(reporter, "/api/v1/claims/987654/matches/").status_code == 404


def test_suggestions_page_best_first_by_keyset(reporter: User) -> None:
    first = premium(reporter, FIRST, "US$45,000", 45000, "Insurers raise cover")
    others = []
    for n, value in enumerate((45500, 47000, 52000, 46000)):
        text = f"Brokers quote US${value:,} in war-risk premiums for a voyage to Odesa ({n})."
        others.append(premium(reporter, text, f"US${value:,}", value, f"Premiums {n}"))
        services.matches_for_source(source=others[-1].mentions.get().source)
    stored = FigureMatch.objects.filter(claim=first) | FigureMatch.objects.filter(other=first)
    assert stored.count() >= 3
    seen: list[dict[str, Any]] = []
    path = f"/api/v1/claims/{first.pk}/matches/?limit=2"
    while path:
        body = get(reporter, path).json()
        seen += body["items"]
        cursor = body["next_cursor"]
        path = f"/api/v1/claims/{first.pk}/matches/?limit=2&after={cursor}" if cursor else ""
    assert len(seen) == stored.count()
    assert len({m["id"] for m in seen}) == len(seen)
    scores = [m["score"] for m in seen]
    assert scores == sorted(scores, reverse=True)


def test_the_matches_endpoint_has_a_query_budget(
    reporter: User, django_assert_max_num_queries: Any
) -> None:
    first = premium(reporter, FIRST, "US$45,000", 45000, "Insurers raise cover")
    for n, value in enumerate((45500, 47000, 52000, 46000, 45100)):
        text = f"Brokers quote US${value:,} in war-risk premiums for a voyage to Odesa ({n})."
        other = premium(reporter, text, f"US${value:,}", value, f"Premiums {n}")
        services.matches_for_source(source=other.mentions.get().source)
    secret = api_token_create(user=reporter, by=reporter, name="budget", scope="read").secret
    with django_assert_max_num_queries(8):
        response = Client().get(
            f"/api/v1/claims/{first.pk}/matches/",
            headers={"Authorization": f"Bearer {secret}"},
        )
    assert len(response.json()["items"]) >= 3
