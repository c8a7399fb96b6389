"""Which claims are "the same figure" as a claim: the figure's group, read from the desk.

A figure's group is the claim and every claim joined to it, directly or through others, by

* a suggestion of the matching engine that no editor dismissed (open or accepted: same
  figure, refines, conflicts, supersedes), or
* a claim-to-claim evidence link still in force (corroborates, contradicts, refines,
  supersedes; not "context", which links different figures),

kept to claims in the same normalised dimension and canonical unit (``norm_dimension``,
``norm_unit``), so that every value in it goes on one axis. This is the desk's own notion of
"the same subject": the engine compared quantity, subject words, counted noun, place and
entities, and editors confirmed or dismissed its suggestions; so it holds for figures that
have no subject at all ("war-risk premiums of US$45,000 per voyage"), and a dismissal takes a
figure out. Any claim of the group reaches the same group (the joins go both ways).

Rejected and merged claims are left out (a merged claim's mentions are on the claim it went
into), and so is every claim the reader may not see: the walk only goes through visible
claims. The walk is bounded: at most :data:`MAX_DEPTH` steps and :data:`MAX_CLAIMS` claims,
one query a step.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from claims.figure_history.chart import Point
from claims.figure_history.dates import as_of_date
from claims.models import Claim, ClaimState, Evidence, FigureMatch, MatchStatus, Relation

MAX_DEPTH = 20
MAX_CLAIMS = 300
LINK_RELATIONS = (
    Relation.CORROBORATES,
    Relation.CONTRADICTS,
    Relation.REFINES,
    Relation.SUPERSEDES,
)


@dataclass
class Group:
    claims: list[Claim]
    superseded_by: dict[int, int]
    truncated: bool


def _eligible(prefix: str, seed: Claim, states: Sequence[str] | None) -> Q:
    """Claims that may join the seed's group, seen through a relation named ``prefix``."""
    q = Q(
        **{
            f"{prefix}__norm_dimension": seed.norm_dimension,
            f"{prefix}__norm_unit": seed.norm_unit,
            f"{prefix}__merged_into__isnull": True,
        }
    ) & ~Q(**{f"{prefix}__state": ClaimState.REJECTED})
    if states is not None:
        q &= Q(**{f"{prefix}__state__in": list(states)})
    return q


def _neighbours(frontier: Iterable[int], seed: Claim, states: Sequence[str] | None) -> set[int]:
    """Claims one step from the frontier: one query (suggestions and links together)."""
    ids = sorted(frontier)
    suggested = (
        FigureMatch.objects.filter(Q(claim_id__in=ids) | Q(other_id__in=ids))
        .filter(_eligible("claim", seed, states), _eligible("other", seed, states))
        .exclude(status=MatchStatus.DISMISSED)
        .order_by()
        .values_list("claim_id", "other_id")
    )
    linked = (
        Evidence.objects.filter(
            Q(claim_id__in=ids) | Q(target_claim_id__in=ids),
            removed_at__isnull=True,
            target_claim__isnull=False,
            relation__in=LINK_RELATIONS,
        )
        .filter(_eligible("claim", seed, states), _eligible("target_claim", seed, states))
        .order_by()
        .values_list("claim_id", "target_claim_id")
    )
    out: set[int] = set()
    for a, b in suggested.union(linked, all=True).order_by():
        out.add(a)
        out.add(b)
    return out


def figure_group(seed: Claim, visible: QuerySet[Claim], *, states: Sequence[str] | None) -> Group:
    """The seed's group, as claims the reader may see.

    ``visible`` is the reader's claims; ``states`` the states they may read (None: all), so
    that the walk itself never steps through a claim they may not see.
    """
    members = {seed.pk}
    frontier = {seed.pk}
    truncated = False
    for _step in range(MAX_DEPTH):
        found = sorted(_neighbours(frontier, seed, states) - members)
        if not found:
            frontier = set()
            break
        room = MAX_CLAIMS - len(members)
        if len(found) > room:
            truncated = True
            found = found[:room]
        members.update(found)
        frontier = set(found)
        if truncated:
            break
    else:
        truncated = bool(_neighbours(frontier, seed, states) - members)
    claims = list(
        visible.filter(pk__in=members)
        .select_related("first_outlet")
        .only(
            "id",
            "statement",
            "value",
            "low",
            "high",
            "qualifier",
            "trend",
            "change",
            "from_value",
            "unit",
            "unit_name",
            "dimension",
            "currency",
            "per",
            "subject",
            "as_of",
            "state",
            "verdict",
            "norm_low",
            "norm_high",
            "norm_unit",
            "mention_count",
            "first_reported_at",
            "reported_on",
            "created_at",
            "first_outlet__name",
        )
        .order_by("reported_on", "id")
    )
    if seed.pk not in {c.pk for c in claims}:
        claims.insert(0, seed)
    superseded_by = dict(
        Evidence.objects.filter(
            claim_id__in=members,
            target_claim_id__in=members,
            relation=Relation.SUPERSEDES,
            removed_at__isnull=True,
        )
        .order_by("id")
        .values_list("claim_id", "target_claim_id")
    )
    return Group(claims=claims, superseded_by=superseded_by, truncated=truncated)


def report_date(claim: Claim) -> dt.date | None:
    if claim.reported_on is not None:
        return claim.reported_on
    when = claim.first_reported_at or claim.created_at
    return when.date() if when else None


def one_unit(claims: Iterable[Claim]) -> bool:
    """Whether every claim states its figure in the same unit (then raw values are plotted)."""
    keys = {(c.unit, c.unit_name, c.currency, c.per) for c in claims}
    return len(keys) <= 1


def _bounds(claim: Claim, raw: bool) -> tuple[float, float, float | None] | None:
    if raw:
        value = float(claim.value) if claim.value is not None else None
        low = float(claim.low) if claim.low is not None else value
        high = float(claim.high) if claim.high is not None else value
        if low is None or high is None:
            low = high = low if low is not None else high
        if low is None or high is None:
            return None
        return low, high, value
    if claim.norm_low is None or claim.norm_high is None:
        return None
    centre = None if claim.norm_high > claim.norm_low else claim.norm_low
    return claim.norm_low, claim.norm_high, centre


@dataclass(frozen=True)
class Row:
    """One line of the table beside the chart (and one mark in it)."""

    claim: Claim
    reported: dt.date | None
    as_of: dt.date | None
    superseded_by: int | None
    point: Point | None


def rows_and_points(group: Group, *, axis: str, label: Any) -> list[Row]:
    """The table's rows, each with its chart point (None when it has no date on this axis)."""
    raw = one_unit(group.claims)
    rows = []
    for claim in group.claims:
        reported = report_date(claim)
        as_of = as_of_date(claim.as_of, reported)
        when = as_of if axis == "as_of" else reported
        bounds = _bounds(claim, raw)
        successor = group.superseded_by.get(claim.pk)
        point = None
        if bounds is not None:
            low, high, value = bounds
            point = Point(
                key=claim.pk,
                when=when,
                low=low,
                high=high,
                value=value,
                verdict=claim.verdict,
                superseded=successor is not None,
                label=label(claim, reported, as_of, successor),
            )
        rows.append(Row(claim, reported, as_of, successor, point))
    return rows
