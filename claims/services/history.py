"""History: a claim as it stood at any event, revert, source metadata, entity merges.

:func:`replay` is pure: it folds a claim's events (oldest first) into the claim's audited
fields, its active evidence links and the evidence its verdict relied on, using only what the
events recorded (``after`` of each change; ``before`` is checked against the replayed state).
The as-of page and :func:`claim_revert` both stand on it, so what an editor sees "as of" an
event is exactly what a revert restores.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Protocol

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from claims import audit, permissions
from claims.audit import one_action
from claims.models import (
    Claim,
    ClaimEvent,
    Entity,
    EntityAlias,
    Evidence,
    Mention,
    Source,
    SourceKind,
    VerdictRecord,
)
from claims.querysets import service_writes
from claims.services import desk_stats
from claims.services._base import ServiceError, _require, _user_or_none
from claims.services.claims import _lock, _save_claim
from claims.services.entities import entity_resolve
from claims.services.quantities import _check_quantity_shape

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    User = AbstractBaseUser | AnonymousUser

logger = logging.getLogger(__name__)

DECIMAL_FIELDS = ("value", "low", "high")
# What a revert restores: the figure and its wording. The workflow (state and verdict) goes
# back only when the editor asks for it (``workflow=True``): a corrected figure must not
# silently un-accept a claim or drop its verdict. A merge (merged_into) moved mentions too;
# it is undone by the merge's own service, not by a revert.
REVERTIBLE_FIELDS: tuple[str, ...] = Claim.QUANTITY_FIELDS
WORKFLOW_FIELDS: tuple[str, ...] = ("state", "verdict")


# --- Replay -------------------------------------------------------------------------------


class EventLike(Protocol):
    id: int
    action: str
    before: Any
    after: Any
    claim_version: int | None
    created_at: datetime


@dataclass
class ClaimAsOf:
    """A claim as it stood right after one event."""

    event_id: int | None = None
    at: datetime | None = None
    version: int | None = None
    fields: dict[str, Any] = field(default_factory=dict)
    evidence: dict[int, dict[str, Any]] = field(default_factory=dict)
    verdict_evidence: list[int] = field(default_factory=list)
    mention: dict[str, Any] | None = None
    # Where an event's "before" disagrees with the replayed state (should never happen).
    inconsistencies: list[str] = field(default_factory=list)

    def value_of(self, name: str) -> Decimal | None:
        raw = self.fields.get(name)
        return None if raw is None else Decimal(raw)


def replay(events: Iterable[EventLike], *, until: int | None = None) -> ClaimAsOf:
    """Fold a claim's events, oldest first, up to and including event ``until``."""
    state = ClaimAsOf()
    audited = set(Claim.AUDITED_FIELDS)
    for event in events:
        if until is not None and event.id > until:
            break
        before = event.before or {}
        after = event.after or {}
        # Unlinking evidence a verdict relied on also changes the claim (its version, and
        # the verdict then needs review): such an event carries claim fields too.
        if event.action.startswith("claim.") or event.action == "evidence.unlinked":
            for key in audited & set(before):
                # (A field added after the claim was created is not in its first event.)
                if key in state.fields and state.fields[key] != before[key]:
                    state.inconsistencies.append(
                        f"event {event.id}: {key} was {state.fields.get(key)!r}, "
                        f"the event says {before[key]!r}"
                    )
            for key in audited & set(after):
                state.fields[key] = after[key]
            if isinstance(after.get("mention"), dict) and state.mention is None:
                state.mention = after["mention"]
            if "evidence_relied_on" in after:
                state.verdict_evidence = list(after["evidence_relied_on"])
            elif "verdict" in after:
                state.verdict_evidence = []
        if event.action == "evidence.linked" and "evidence_id" in after:
            state.evidence[after["evidence_id"]] = dict(after)
        elif event.action == "evidence.unlinked" and "evidence_id" in before:
            state.evidence.pop(before["evidence_id"], None)
        if event.claim_version is not None:
            state.version = event.claim_version
        state.event_id = event.id
        state.at = event.created_at
    return state


def claim_events(claim: Claim) -> list[ClaimEvent]:
    """The claim's events, oldest first (only the columns replay needs)."""
    return list(
        ClaimEvent.objects.filter(claim=claim)
        .only("id", "action", "before", "after", "claim_version", "created_at")
        .order_by("id")
    )


def claim_as_of(claim: Claim, event_id: int) -> ClaimAsOf:
    """The claim as it stood right after ``event_id`` (one of its own events)."""
    if not ClaimEvent.objects.filter(claim=claim, pk=event_id).exists():
        raise ValidationError({"event": "That event is not part of this claim's history."})
    return replay(claim_events(claim), until=event_id)


# --- Revert -------------------------------------------------------------------------------


def claim_revert(
    *,
    claim: Claim,
    by: User | None,
    event_id: int,
    expected_version: int,
    reason: str,
    workflow: bool = False,
) -> Claim:
    """Bring the claim's figure and wording back to how they stood right after ``event_id``.

    State and verdict stay as they are unless ``workflow`` is set (the editor asked for them
    too). A revert never rewrites history: it is one new ``claim.reverted`` event with its
    reason, the old and new value of every field it changes, and the event it went back to.
    A verdict that changes back gets a new verdict record, relying on the evidence that
    verdict relied on (where those links are still in place).
    """
    _require(by, permissions.can_review, "revert claims")
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "Say why the claim goes back: a reason is required."})
    with one_action(), transaction.atomic(), service_writes():
        fresh = _lock(claim, expected_version)
        target = claim_as_of(fresh, event_id)
        if not target.fields:
            raise ServiceError("That event holds no state of the claim to go back to.")
        before = fresh.snapshot()
        names = (*REVERTIBLE_FIELDS, *WORKFLOW_FIELDS) if workflow else REVERTIBLE_FIELDS
        changes = {
            name: target.fields[name]
            for name in names
            if name in target.fields and before.get(name) != target.fields[name]
        }
        if not changes:
            workflow_differs = any(
                name in target.fields and before.get(name) != target.fields[name]
                for name in WORKFLOW_FIELDS
            )
            if workflow_differs:
                raise ServiceError(
                    "The figure and its wording already stand as they did then; only the "
                    "state or verdict differ. Ask for those too to put them back."
                )
            raise ServiceError("The claim already stands as it did then; nothing to revert.")
        for name, raw in changes.items():
            if name == "verdict":
                continue
            value = Decimal(raw) if name in DECIMAL_FIELDS and raw is not None else raw
            setattr(fresh, name, value)
        _check_quantity_shape(fresh)
        if "verdict" in changes:
            relied = list(
                Evidence.objects.filter(
                    claim=fresh, pk__in=target.verdict_evidence, removed_at__isnull=True
                )
            )
            record = VerdictRecord.objects.create(
                claim=fresh,
                verdict=changes["verdict"],
                reason=reason,
                decided_by=_user_or_none(by),
            )
            record.evidence.set(relied)
            fresh.verdict = changes["verdict"]
            fresh.current_verdict = record
            fresh.verdict_needs_review = False
        return _save_claim(
            fresh,
            by=by,
            action="claim.reverted",
            before=before,
            reason=reason,
            extra_after={"reverted_to_event": event_id, "reverted_to_version": target.version},
        )


# --- Source metadata ----------------------------------------------------------------------

SOURCE_METADATA = ("title", "outlet", "kind", "published_at")


def _source_metadata(source: Source) -> dict[str, Any]:
    return {
        "title": source.title,
        "outlet": source.outlet.name if source.outlet else None,
        "kind": source.kind,
        "published_at": source.published_at.isoformat() if source.published_at else None,
    }


def source_update_metadata(
    *, source: Source, by: User | None, changes: Mapping[str, Any], reason: str = ""
) -> Source:
    """Correct a report's title, outlet, kind or publication time. Its text never changes:
    a changed text is a new revision (``source_create`` with the same URL)."""
    _require(by, permissions.can_review, "edit report details")
    if "text" in changes:
        raise ValidationError(
            {"text": "A report's text is never edited; bring in the new text as a revision."}
        )
    unknown = set(changes) - set(SOURCE_METADATA)
    if unknown:
        raise ValidationError({"__all__": f"These fields cannot be edited: {sorted(unknown)}."})
    if "kind" in changes and changes["kind"] not in SourceKind.values:
        raise ValidationError({"kind": f"Unknown kind of report: {changes['kind']!r}."})
    if "title" in changes and not str(changes["title"] or "").strip():
        raise ValidationError({"title": "A report needs a title."})
    published = changes.get("published_at")
    if published is not None and not isinstance(published, datetime):
        raise ValidationError({"published_at": "Give the publication time as a date and time."})
    with one_action(), transaction.atomic(), service_writes():
        fresh = (
            Source.objects.select_for_update(of=("self",))
            .select_related("outlet")
            .get(pk=source.pk)
        )
        before = _source_metadata(fresh)
        if "title" in changes:
            fresh.title = " ".join(str(changes["title"]).split())[:500]
        if "kind" in changes:
            fresh.kind = changes["kind"]
        if "published_at" in changes:
            fresh.published_at = published
        if "outlet" in changes:
            name = str(changes["outlet"] or "").strip()
            fresh.outlet = entity_resolve(name=name, by=by, kind="outlet") if name else None
        after = _source_metadata(fresh)
        changed = sorted(k for k in after if after[k] != before[k])
        if not changed:
            return fresh
        fresh.save(update_fields=["title", "kind", "published_at", "outlet"])
        if "published_at" in changed or "outlet" in changed:
            desk_stats.refresh_claims_of_sources([fresh.pk])
        audit.record_event(
            action="source.metadata_edited",
            by=by,
            source=fresh,
            reason=reason,
            before={k: before[k] for k in changed},
            after={k: after[k] for k in changed},
        )
    return fresh


# --- Entity merges ------------------------------------------------------------------------


def entity_merge(*, entity: Entity, into: Entity, by: User | None, reason: str = "") -> Entity:
    """Fold ``entity`` into ``into`` (two names for one speaker or outlet).

    Its aliases, the mentions it spoke or relayed, the reports it published and the entities
    merged into it move to ``into``; ``entity`` stays, pointing at ``into``. Events: one on
    the entity, one per claim whose mentions changed (old and new speaker/via per mention),
    one per report whose outlet changed, all under one correlation id.
    """
    _require(by, permissions.can_review, "merge entities")
    with one_action(), transaction.atomic(), service_writes():
        pks = sorted({entity.pk, into.pk})
        locked = {e.pk: e for e in Entity.objects.select_for_update().filter(pk__in=pks)}
        gone, kept = locked[entity.pk], locked[into.pk]
        while kept.merged_into_id is not None:
            kept = Entity.objects.select_for_update().get(pk=kept.merged_into_id)
        if gone.pk == kept.pk:
            raise ValidationError({"into": "An entity cannot be merged into itself."})
        if gone.merged_into_id is not None:
            raise ServiceError(f"{gone} was already merged into entity {gone.merged_into_id}.")

        aliases = list(
            EntityAlias.objects.filter(entity=gone)
            .order_by("alias")
            .values_list("alias", flat=True)
        )
        EntityAlias.objects.filter(entity=gone).update(entity=kept)

        mentions = list(Mention.objects.filter(Q(speaker=gone) | Q(via=gone)).order_by("id"))
        by_claim: dict[int, list[Mention]] = {}
        for mention in mentions:
            by_claim.setdefault(mention.claim_id, []).append(mention)
        Mention.objects.filter(speaker=gone).update(speaker=kept)
        Mention.objects.filter(via=gone).update(via=kept)
        claims = Claim.objects.in_bulk(list(by_claim))
        for claim_id, moved in by_claim.items():
            before: dict[str, Any] = {}
            after: dict[str, Any] = {}
            for mention in moved:
                for role in ("speaker", "via"):
                    if getattr(mention, f"{role}_id") == gone.pk:
                        before[f"mention {mention.pk} {role}"] = gone.name
                        after[f"mention {mention.pk} {role}"] = kept.name
            audit.record_event(
                action="mention.reassigned",
                by=by,
                claim=claims[claim_id],
                entity=kept,
                reason=reason or f"{gone.name} merged into {kept.name}",
                before=before,
                after=after,
            )

        sources = list(Source.objects.filter(outlet=gone).order_by("id"))
        Source.objects.filter(outlet=gone).update(outlet=kept)
        # The claims' outlet of first appearance follows (a derived figure, no event).
        Claim.objects.filter(first_outlet=gone).update(first_outlet=kept)
        for source in sources:
            audit.record_event(
                action="source.outlet_merged",
                by=by,
                source=source,
                entity=kept,
                reason=reason or f"{gone.name} merged into {kept.name}",
                before={"outlet": gone.name},
                after={"outlet": kept.name},
            )

        earlier = list(Entity.objects.filter(merged_into=gone).values_list("id", flat=True))
        Entity.objects.filter(merged_into=gone).update(merged_into=kept)

        gone.merged_into = kept
        gone.save(update_fields=["merged_into"])
        audit.record_event(
            action="entity.merged",
            by=by,
            entity=gone,
            reason=reason,
            before={"merged_into": None},
            after={
                "merged_into": kept.pk,
                "into": kept.name,
                "aliases_moved": aliases,
                "mentions_moved": sorted(m.pk for m in mentions),
                "sources_moved": [s.pk for s in sources],
                "entities_repointed": earlier,
            },
        )
    return kept
