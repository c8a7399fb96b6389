"""Evidence links between claims, reports and passages."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from claims import audit, permissions
from claims.audit import one_action
from claims.models import (
    Claim,
    Evidence,
    Relation,
    Source,
)
from claims.querysets import service_writes

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    User = AbstractBaseUser | AnonymousUser

from claims.services._base import ServiceError, _require, _user_or_none
from claims.services.claims import _check_quote, _lock, _save_claim

logger = logging.getLogger(__name__)


# --- Evidence -----------------------------------------------------------------------------


def evidence_link(
    *,
    claim: Claim,
    by: User | None,
    relation: str,
    target_source: Source | None = None,
    target_claim: Claim | None = None,
    passage_start: int | None = None,
    passage_end: int | None = None,
    note: str = "",
) -> Evidence:
    """Link a claim to a report (or a passage in it) or to another claim."""
    _require(by, permissions.can_propose, "link evidence")
    if relation not in Relation.values:
        raise ValidationError({"relation": f"Unknown relation {relation!r}."})
    if (target_source is None) == (target_claim is None):
        raise ValidationError({"target": "Link to one report or one claim."})
    if target_claim is not None and target_claim.pk == claim.pk:
        raise ValidationError({"target": "A claim cannot be evidence for itself."})
    quote = ""
    if passage_start is not None or passage_end is not None:
        if target_source is None or passage_start is None or passage_end is None:
            raise ValidationError({"passage": "A passage needs a report, a start and an end."})
        quote = _check_quote(target_source, passage_start, passage_end, None)
    link = {
        "claim": claim,
        "relation": relation,
        "target_source": target_source,
        "target_claim": target_claim,
        "passage_start": passage_start,
        "passage_end": passage_end,
    }
    with transaction.atomic(), service_writes():
        if Evidence.objects.filter(**link, removed_at__isnull=True).exists():
            raise ValidationError({"target": "That link is already on the claim."})
        evidence = Evidence.objects.create(
            **link,
            quote=quote,
            note=note.strip(),
            created_by=_user_or_none(by),
        )
        audit.record_event(
            action="evidence.linked",
            by=by,
            claim=claim,
            source=target_source,
            after=_evidence_summary(evidence),
        )
    return evidence


def _evidence_summary(evidence: Evidence) -> dict[str, Any]:
    return {
        "evidence_id": evidence.pk,
        "relation": evidence.relation,
        "target_source_id": evidence.target_source_id,
        "target_claim_id": evidence.target_claim_id,
        "passage_start": evidence.passage_start,
        "passage_end": evidence.passage_end,
        "note": evidence.note,
    }


def evidence_unlink(*, evidence: Evidence, by: User | None, reason: str = "") -> Evidence:
    """Remove a link. The row stays (verdicts may rely on it); the history says who and why.

    Unlinking is an editor's action; a reporter may unlink only a link of their own that no
    verdict has relied on. Unlinking evidence the current verdict relies on needs a reason,
    bumps the claim's version (an editor with the claim open then sees a conflict naming the
    unlink) and marks the verdict as needing review, in the same event.
    """
    _require(by, permissions.can_propose, "unlink evidence")
    reason = reason.strip()
    with one_action(), transaction.atomic(), service_writes():
        # The claim first, then the link: the order claim_set_verdict locks in.
        claim = _lock(Claim(pk=evidence.claim_id), None)
        fresh = Evidence.objects.select_for_update().get(pk=evidence.pk)
        if fresh.removed_at is not None:
            raise ServiceError("That link was already removed.")
        ever_relied_on = fresh.relied_on_by.exists()
        if by is not None and not permissions.can_review(by):
            if fresh.created_by_id != getattr(by, "pk", None):
                raise PermissionDenied("Only an editor can unlink evidence someone else linked.")
            if ever_relied_on:
                raise PermissionDenied(
                    "A verdict has relied on this evidence: only an editor can unlink it."
                )
        relied_now = (
            claim.current_verdict_id is not None
            and fresh.relied_on_by.filter(pk=claim.current_verdict_id).exists()
        )
        if relied_now and not reason:
            raise ValidationError(
                {"reason": "The current verdict relies on this evidence: say why you unlink it."}
            )
        fresh.removed_at = timezone.now()
        fresh.removed_by = _user_or_none(by)
        fresh.save(update_fields=["removed_at", "removed_by"])
        if relied_now:
            before = claim.snapshot()
            claim.verdict_needs_review = True
            _save_claim(
                claim,
                by=by,
                action="evidence.unlinked",
                before=before,
                reason=reason,
                extra_before=_evidence_summary(fresh),
                extra_after={"verdict_relied_on_it": claim.current_verdict_id},
            )
        else:
            audit.record_event(
                action="evidence.unlinked",
                by=by,
                claim=claim,
                reason=reason,
                before=_evidence_summary(fresh),
            )
    return fresh
