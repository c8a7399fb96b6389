"""Suggestions from the matching engine: computed after extraction, accepted or dismissed.

A suggestion is never evidence: accepting one links evidence through
:func:`claims.services.evidence_link` (which records its history); dismissing one is kept
(the pair is not suggested again) and recorded in the claim's history.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from claims import audit, permissions
from claims.matching import store
from claims.models import (
    Claim,
    ClaimState,
    Evidence,
    FigureMatch,
    MatchRelation,
    MatchStatus,
    Relation,
    Source,
)
from claims.models_watch import NotificationKind
from claims.querysets import service_writes
from claims.services import watch
from claims.services._base import ServiceError, _require, _user_or_none
from claims.services.evidence import evidence_link

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    User = AbstractBaseUser | AnonymousUser

#: the evidence relation an accepted suggestion becomes, unless the editor picks another
EVIDENCE_FOR = {
    MatchRelation.SAME: Relation.CORROBORATES,
    MatchRelation.REFINES: Relation.REFINES,
    MatchRelation.CONFLICTS: Relation.CONTRADICTS,
    MatchRelation.SUPERSEDES: Relation.SUPERSEDES,
}
SUGGEST_MIN_SCORE = 0.3
CONFLICT = NotificationKind.CONFLICT


def matches_for_claims(*, claims: Sequence[Claim]) -> list[FigureMatch]:
    """Store the engine's suggestions for these (new) claims against the rest of the desk.

    Each suggestion is stored once per pair, oriented so that accepting it links evidence
    the way the desk reads it: the older figure is superseded by the newer, the wider range
    refined by the narrower, otherwise the existing claim is corroborated or contradicted by
    the new one. Pairs already suggested (open, accepted or dismissed) are left as they are.
    """
    claims = [c for c in claims if c.state != ClaimState.REJECTED and c.norm_unit]
    if not claims:
        return []
    found = store.matches_for(claims, new_first=True)
    pairs = {(c.pk, o.pk) for c in claims for _m, o in found.get(c.pk, [])}
    if not pairs:
        return []
    ids = {a for a, _ in pairs} | {b for _, b in pairs}
    taken = set(
        FigureMatch.objects.filter(claim_id__in=ids, other_id__in=ids).values_list(
            "claim_id", "other_id"
        )
    )
    rows: list[FigureMatch] = []
    for claim in claims:
        for match, other in found.get(claim.pk, []):
            if match.score < SUGGEST_MIN_SCORE:
                continue
            # match: what the new claim is to the existing one (figure = other)
            first, second, difference = other.pk, claim.pk, match.difference
            if (match.relation == "supersedes" and match.newer == other.pk) or (
                match.relation == "refines" and match.narrower == other.pk
            ):
                first, second = claim.pk, other.pk
                difference = -difference / (1 + difference / 100) if difference > -100 else 0.0
            if (first, second) in taken or (second, first) in taken:
                continue
            taken.add((first, second))
            rows.append(
                FigureMatch(
                    claim_id=first,
                    other_id=second,
                    relation=match.relation,
                    score=match.score,
                    reason=match.reason[:300],
                    difference=round(difference, 2),
                    size=round(abs(difference), 2),
                )
            )
    with transaction.atomic():
        made = FigureMatch.objects.bulk_create(rows)
        touches = []
        for row in made:
            if row.relation == MatchRelation.CONFLICTS:
                what = f"{row.size:g}% apart"
                touches.append(watch.Touch(CONFLICT, row.claim_id, row.other_id, what))
                touches.append(watch.Touch(CONFLICT, row.other_id, row.claim_id, what))
        watch.notify(touches)
        return made


def matches_for_source(*, source: Source) -> list[FigureMatch]:
    """Suggestions for the figures of one report (the extraction task calls this)."""
    claims = list(
        Claim.objects.filter(mentions__source=source, merged_into__isnull=True).distinct()
    )
    return matches_for_claims(claims=claims)


def _open_match(match: FigureMatch) -> FigureMatch:
    fresh = (
        FigureMatch.objects.select_for_update().select_related("claim", "other").get(pk=match.pk)
    )
    if fresh.status != MatchStatus.OPEN:
        raise ServiceError(f"That suggestion was already {fresh.get_status_display().lower()}.")
    return fresh


def match_accept(*, match: FigureMatch, by: User | None, relation: str = "") -> FigureMatch:
    """Accept a suggestion: link evidence (with its history) and mark the suggestion accepted."""
    _require(by, permissions.can_propose, "accept suggestions")
    relation = relation or EVIDENCE_FOR[MatchRelation(match.relation)]
    if relation not in (
        Relation.CORROBORATES,
        Relation.CONTRADICTS,
        Relation.REFINES,
        Relation.SUPERSEDES,
    ):
        raise ValidationError({"relation": f"Unknown relation {relation!r}."})
    with transaction.atomic(), service_writes():
        fresh = _open_match(match)
        existing = Evidence.objects.filter(
            claim=fresh.claim, relation=relation, target_claim=fresh.other, removed_at__isnull=True
        ).first()
        evidence = existing or evidence_link(
            claim=fresh.claim,
            by=by,
            relation=relation,
            target_claim=fresh.other,
            note=f"Suggested by the matching engine: {fresh.reason}",
        )
        fresh.status = MatchStatus.ACCEPTED
        fresh.evidence = evidence
        fresh.decided_by = _user_or_none(by)
        fresh.decided_at = timezone.now()
        fresh.save(update_fields=["status", "evidence", "decided_by", "decided_at"])
    return fresh


def match_dismiss(*, match: FigureMatch, by: User | None, reason: str = "") -> FigureMatch:
    """Dismiss a suggestion: kept as dismissed (not suggested again) and recorded."""
    _require(by, permissions.can_review, "dismiss suggestions")
    with transaction.atomic(), service_writes():
        fresh = _open_match(match)
        fresh.status = MatchStatus.DISMISSED
        fresh.decided_by = _user_or_none(by)
        fresh.decided_at = timezone.now()
        fresh.save(update_fields=["status", "decided_by", "decided_at"])
        audit.record_event(
            action="match.dismissed",
            by=by,
            claim=fresh.claim,
            reason=reason.strip(),
            after={
                "match_id": fresh.pk,
                "other_claim_id": fresh.other_id,
                "relation": fresh.relation,
                "reason": fresh.reason,
            },
        )
    return fresh


def open_matches(claim: Claim) -> list[FigureMatch]:
    """Open suggestions on either side of a claim, best first."""
    return list(
        FigureMatch.objects.filter(Q(claim=claim) | Q(other=claim), status=MatchStatus.OPEN)
        .select_related("claim", "other")
        .order_by("-score", "-id")
    )
