"""Undo: the editor takes back an accept, a reject or a verdict they just made.

An undo is a real reverse action, never a rewrite: one new ``claim.undone`` event, with the
old and new value of every field it changes and the event it undid. It checks the claim's
version (``expected_version`` is the version the action produced, so an undo never reverses
a change somebody made since) and runs only for the editor who acted, within
:data:`UNDO_WINDOW` (the toast offers it for a few seconds; the window leaves room for a slow
network).
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from claims import permissions
from claims.models import Claim, ClaimEvent, ClaimState, Verdict, VerdictRecord
from claims.querysets import service_writes
from claims.services._base import ServiceError, _require
from claims.services.claims import _lock, _save_claim

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    User = AbstractBaseUser | AnonymousUser

UNDO_WINDOW = timedelta(minutes=5)
UNDOABLE = {
    "claim.accepted": "acceptance",
    "claim.rejected": "rejection",
    "claim.verdict": "verdict",
}


def _previous_record(claim: Claim, verdict: str) -> VerdictRecord | None:
    """The verdict record that was current before the one being undone."""
    current = claim.current_verdict_id
    earlier = VerdictRecord.objects.filter(claim=claim)
    if current is not None:
        earlier = earlier.filter(pk__lt=current)
    record = earlier.order_by("-id").first()
    if record is not None and record.verdict == verdict:
        return record
    if verdict == Verdict.UNVERIFIED:
        return None
    raise ServiceError("The verdict before this one is no longer on record; reopen instead.")


def claim_undo(*, claim: Claim, by: User | None, expected_version: int, reason: str = "") -> Claim:
    """Undo the acceptance, rejection or verdict that brought the claim to ``expected_version``."""
    _require(by, permissions.can_review, "undo reviews")
    with transaction.atomic(), service_writes():
        fresh = _lock(claim, expected_version)
        event = (
            ClaimEvent.objects.filter(claim=fresh, claim_version=fresh.version)
            .order_by("-id")
            .first()
        )
        if event is None or event.action not in UNDOABLE:
            raise ServiceError("The last change to this claim is not one that can be undone.")
        if by is None or event.actor_id != by.pk:
            raise ServiceError("Only the editor who made a change can undo it.")
        if timezone.now() - event.created_at > UNDO_WINDOW:
            raise ServiceError("Too late to undo; use Reopen or a new verdict instead.")
        before = fresh.snapshot()
        was = event.before or {}
        if event.action in ("claim.accepted", "claim.rejected"):
            state = was.get("state")
            if state not in (ClaimState.CANDIDATE, ClaimState.OPEN):
                raise ServiceError("This claim's earlier state is not on record.")
            fresh.state = state
        else:
            verdict = was.get("verdict", before["verdict"])
            fresh.current_verdict = _previous_record(fresh, verdict)
            fresh.verdict = verdict
            if "verdict_needs_review" in was:
                fresh.verdict_needs_review = bool(was["verdict_needs_review"])
        return _save_claim(
            fresh,
            by=by,
            action="claim.undone",
            before=before,
            reason=reason.strip() or f"Undo of the {UNDOABLE[event.action]}",
            extra_after={"undid_event": event.pk, "undid_action": event.action},
        )
