"""The dashboard: what to do next, the desk's counts, and what happened on it lately.

Every figure on it is cheap: the state and verdict counts come from the maintained counters
(claims.services.desk_stats), and the to-do counts are bounded lookups on indexed columns
(at most ``TODO_CAP`` ids each, shown as "100+"), and the report count is a maintained counter
too: never an aggregate over the claims or sources table
(test_desk_stats checks the SQL).
"""

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from claims import history_text, permissions
from claims.models import (
    Claim,
    ClaimEvent,
    ClaimState,
    FigureMatch,
    MatchRelation,
    MatchStatus,
    Verdict,
)
from claims.services import desk_stats
from claims.views.links import RowLink
from claims.views.queue import visible_counts

RECENT_EVENTS = 20
TODO_CAP = 100


@dataclass(frozen=True)
class Todo:
    count: int
    capped: bool
    label: str
    url: str

    @property
    def shown(self) -> str:
        return f"{self.count}+" if self.capped else str(self.count)


def _capped(ids: list[int]) -> tuple[int, bool]:
    return min(len(ids), TODO_CAP), len(ids) > TODO_CAP


def _plural(n: int, one: str, many: str) -> str:
    return one if n == 1 else many


def next_steps(request: HttpRequest, counts: dict[str, dict[str, int]]) -> list[Todo]:
    """What the desk should do next, each with the page that does it."""
    if not permissions.can_propose(request.user):
        return []
    queue = reverse("claims:list")
    todos: list[Todo] = []
    waiting = counts.get("state", {}).get(ClaimState.CANDIDATE, 0)
    todos.append(
        Todo(
            waiting,
            False,
            _plural(waiting, "candidate waiting", "candidates waiting"),
            f"{queue}?state={ClaimState.CANDIDATE}",
        )
    )
    # Those who propose read every claim (Claim.objects.visible_to), so both sides of any
    # conflict: no ``claim__in=<every claim>`` (SQLite walked the whole claims table for it
    # on every dashboard, 160 ms of SQL at 100,000 claims), as on the Conflicts page.
    conflicts, capped = _capped(
        list(
            FigureMatch.objects.filter(
                status=MatchStatus.OPEN, relation=MatchRelation.CONFLICTS
            ).values_list("id", flat=True)[: TODO_CAP + 1]
        )
    )
    todos.append(
        Todo(
            conflicts,
            capped,
            _plural(conflicts, "conflict", "conflicts"),
            reverse("claims:conflicts"),
        )
    )
    bare, capped = _capped(
        list(
            # Open claims only, as the queue the line links to shows them (archived work
            # is done; a rejected claim is off the desk).
            Claim.objects.filter(verdict=Verdict.DISPUTED, state=ClaimState.OPEN)
            .not_merged()
            .without_evidence()
            .values_list("id", flat=True)[: TODO_CAP + 1]
        )
    )
    todos.append(
        Todo(
            bare,
            capped,
            _plural(bare, "disputed claim without evidence", "disputed claims without evidence"),
            f"{queue}?state={ClaimState.OPEN}&verdict={Verdict.DISPUTED}&no_evidence=1",
        )
    )
    return todos


def _with_claim_links(events: list[Any]) -> list[Any]:
    """Each event's ``claim_url`` (its claim's page), from one reversed pattern."""
    detail = RowLink("claims:detail")
    for event in events:
        event.claim_url = detail(event.claim_id) if event.claim_id else ""
    return events


def dashboard(request: HttpRequest) -> HttpResponse:
    """What to do next, counts by state and verdict, and what happened on the desk lately."""
    events = ClaimEvent.objects.order_by("-id")
    if not permissions.can_propose(request.user):
        # Viewers see activity on the accepted desk only.
        events = events.filter(claim__state__in=[ClaimState.OPEN, ClaimState.ARCHIVED])
    counts = visible_counts(request)
    context = {
        "counts": counts,
        "todos": next_steps(request, counts),
        "states": list(ClaimState),
        "verdicts": list(Verdict),
        "events": _with_claim_links(
            history_text.describe_all(events[:RECENT_EVENTS], request.user)
        ),
        "source_count": desk_stats.source_count() if permissions.can_view_desk(request.user) else 0,
    }
    return render(request, "claims/dashboard.html", context)
