"""Read-side filters, and the guard that keeps audited tables out of reach of bulk writes."""

from __future__ import annotations

import contextvars
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeVar

from django.db import connection, models
from django.db.models import BooleanField
from django.db.models.expressions import RawSQL
from django.db.models.signals import pre_delete, pre_save

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    from claims.models import (  # noqa: F401 (named in the generic bases below)
        Claim,
        Evidence,
        Source,
    )


_M = TypeVar("_M", bound=models.Model)

_service_writes: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "factdesk_service_writes", default=False
)


class AuditedWriteError(RuntimeError):
    """Raised when code outside claims.services writes an audited table."""


@contextmanager
def service_writes() -> Iterator[None]:
    """Open the guard for the duration of one service call (used only by claims.services)."""
    token = _service_writes.set(True)
    try:
        yield
    finally:
        _service_writes.reset(token)


def service_writes_allowed() -> bool:
    return _service_writes.get()


def _refuse(model: type[models.Model], operation: str) -> None:
    raise AuditedWriteError(
        f"{model.__name__} is audited: {operation}() outside claims.services would skip its "
        "history. Call the service function for this change instead."
    )


class AuditedQuerySet(models.QuerySet[_M]):
    """A QuerySet whose bulk writes work only inside a service call."""

    def update(self, **kwargs: Any) -> int:
        if not service_writes_allowed():
            _refuse(self.model, "update")
        return super().update(**kwargs)

    def delete(self) -> tuple[int, dict[str, int]]:
        if not service_writes_allowed():
            _refuse(self.model, "delete")
        return super().delete()

    def bulk_create(self, objs: Any, *args: Any, **kwargs: Any) -> list[_M]:
        if not service_writes_allowed():
            _refuse(self.model, "bulk_create")
        return super().bulk_create(objs, *args, **kwargs)

    def bulk_update(self, objs: Any, fields: Any, *args: Any, **kwargs: Any) -> int:
        if not service_writes_allowed():
            _refuse(self.model, "bulk_update")
        return super().bulk_update(objs, fields, *args, **kwargs)


# --- The per-object guard ---------------------------------------------------------------------
# The QuerySet guard above covers bulk writes; these receivers cover Model.save(), create(),
# get_or_create() and Model.delete() on single objects, including save_base() (which sends the
# same signals). Fixtures (loaddata sends raw=True) and migrations (historical models are other
# classes) are not affected, nor is the test runner's flush (SQL TRUNCATE/DELETE).
AUDITED_MODELS = (
    "claims.Claim",
    "claims.Source",
    "claims.Mention",
    "claims.Evidence",
    "claims.VerdictRecord",
    "claims.Entity",
    "claims.EntityAlias",
)
HISTORY_MODELS = ("claims.ClaimEvent", "claims.AuditCheckpoint")


def _refuse_unaudited_save(sender: type[models.Model], instance: Any, raw: bool, **kw: Any) -> None:
    if not raw and not service_writes_allowed():
        _refuse(sender, "save")


def _refuse_unaudited_delete(sender: type[models.Model], instance: Any, **kw: Any) -> None:
    if not service_writes_allowed():
        _refuse(sender, "delete")


def _refuse_history_rewrite(
    sender: type[models.Model], instance: Any, raw: bool, **kw: Any
) -> None:
    if raw:
        return
    if not instance._state.adding:
        raise AuditedWriteError(
            f"The history is append-only: a {sender._meta.verbose_name} is never changed."
        )
    if not service_writes_allowed():
        _refuse(sender, "save")


def _refuse_history_delete(sender: type[models.Model], instance: Any, **kw: Any) -> None:
    raise AuditedWriteError(
        f"The history is append-only: a {sender._meta.verbose_name} is never deleted."
    )


for _label in AUDITED_MODELS:
    pre_save.connect(_refuse_unaudited_save, sender=_label, dispatch_uid=f"audit-save-{_label}")
    pre_delete.connect(
        _refuse_unaudited_delete, sender=_label, dispatch_uid=f"audit-delete-{_label}"
    )
for _label in HISTORY_MODELS:
    pre_save.connect(_refuse_history_rewrite, sender=_label, dispatch_uid=f"audit-save-{_label}")
    pre_delete.connect(_refuse_history_delete, sender=_label, dispatch_uid=f"audit-del-{_label}")


class SourceQuerySet(AuditedQuerySet["Source"]):
    def visible_to(self, user: AbstractBaseUser | AnonymousUser) -> SourceQuerySet:
        from claims.permissions import can_view_desk

        return self if can_view_desk(user) else self.none()

    def current(self) -> SourceQuerySet:
        return self.filter(archived_at__isnull=True)


def viewer_claim_states() -> list[str]:
    """The states of the claims a viewer reads: the desk's accepted work."""
    from claims.models import ClaimState

    return [ClaimState.OPEN, ClaimState.ARCHIVED]


ENTITY_MATCHES = 500  # names matching a filter, at most (as on the queue page)
# A speaker with more mentions than this is read in the page's order on SQLite (said_by).
SPEAKER_SORT_LIMIT = 1000


class ClaimQuerySet(AuditedQuerySet["Claim"]):
    def visible_to(self, user: AbstractBaseUser | AnonymousUser) -> ClaimQuerySet:
        """Viewers read the desk's accepted work; unreviewed machine output is for the desk."""
        from claims.permissions import can_propose, can_view_desk

        if not can_view_desk(user):
            return self.none()
        if can_propose(user):
            return self
        return self.filter(state__in=viewer_claim_states())

    def needs_review(self) -> ClaimQuerySet:
        from claims.models import ClaimState

        return self.filter(state=ClaimState.CANDIDATE)

    def for_queue(self) -> ClaimQuerySet:
        from claims.models import ClaimState

        return self.filter(state__in=[ClaimState.CANDIDATE, ClaimState.OPEN])

    def not_merged(self) -> ClaimQuerySet:
        return self.filter(merged_into__isnull=True)

    def without_evidence(self) -> ClaimQuerySet:
        """Claims no active evidence link supports or contests: NOT EXISTS on the evidence of
        each claim (evidence_claim_idx, on (claim, removed_at), answers it from the index)."""
        from claims.models import Evidence

        return self.filter(
            ~models.Exists(
                Evidence.objects.filter(claim=models.OuterRef("pk"), removed_at__isnull=True)
            )
        )

    def said_by(self, entity_ids: list[int]) -> ClaimQuerySet:
        """Claims with a mention whose speaker or relay (via) is one of ``entity_ids``: the
        mentions' claims are read off mention_speaker_idx and mention_via_idx alone.

        SQLite plans ``id IN (those claims)`` as a lookup of every such claim and a sort of
        them all: right for a speaker with a few mentions, slow for one with tens of
        thousands (26 ms of SQL for the commonest speaker at 100,000 claims). So past
        SPEAKER_SORT_LIMIT mentions (a bounded count, off the same indexes) the claims are
        read in the page's order and each tested against the set (the unary ``+`` keeps
        SQLite from driving the query by id), which stops at a page. PostgreSQL's planner
        makes that choice itself, from its statistics."""
        from claims.models import Mention

        mentions = Mention.objects.filter(
            models.Q(speaker_id__in=entity_ids) | models.Q(via_id__in=entity_ids)
        ).order_by()
        claim_ids = mentions.values("claim_id")
        if (
            connection.vendor == "sqlite"
            and entity_ids
            and mentions.values("pk")[SPEAKER_SORT_LIMIT : SPEAKER_SORT_LIMIT + 1].exists()
        ):
            sql, params = claim_ids.query.sql_with_params()
            # The subquery is Django's own SQL for claim_ids; the values stay parameters.
            member = RawSQL(f'+"claims_claim"."id" IN ({sql})', params, BooleanField())  # noqa: S611
            return self.filter(member)
        return self.filter(pk__in=claim_ids)

    def counts(self) -> dict[str, dict[str, int]]:
        """Claims by state, and open claims by verdict: two grouped queries."""
        from claims.models import ClaimState, Verdict

        by_state = dict(self.order_by().values_list("state").annotate(n=models.Count("id")))
        by_verdict = dict(
            self.filter(state=ClaimState.OPEN)
            .order_by()
            .values_list("verdict")
            .annotate(n=models.Count("id"))
        )
        return {
            "state": {s.value: by_state.get(s.value, 0) for s in ClaimState},
            "verdict": {v.value: by_verdict.get(v.value, 0) for v in Verdict},
        }

    def queue_filters(
        self,
        *,
        state: str = "",
        verdict: str = "",
        dimension: str = "",
        source: str = "",
        outlet: str = "",
        speaker: str = "",
        kind: str = "",
        date_from: Any = None,
        date_to: Any = None,
    ) -> ClaimQuerySet:
        """The queue's filters (as on the queue page) for callers that are not the page: the
        API. Unmerged claims; no state means candidates and open ones, ``all`` every state.
        A report, outlet or speaker is an id (``#12`` or ``12``) or a part of the name."""
        from claims.models import Entity, Mention

        def number(text: str) -> int | None:
            from claims.forms import parse_int

            return parse_int(text.strip().lstrip("#"), minimum=1)

        def entities(name: str) -> list[int]:
            return list(
                Entity.objects.filter(name__icontains=name)
                .order_by("id")
                .values_list("id", flat=True)[:ENTITY_MATCHES]
            )

        def with_mention(q: models.Q) -> models.Exists:
            return models.Exists(Mention.objects.filter(q, claim=models.OuterRef("pk")))

        qs = self.not_merged()
        if state == "all":
            pass
        elif state:
            qs = qs.filter(state=state)
        else:
            qs = qs.for_queue()
        if verdict:
            qs = qs.filter(verdict=verdict)
        if dimension:
            qs = qs.filter(dimension=dimension)
        if source := source.strip():
            pk = number(source)
            qs = qs.filter(
                with_mention(
                    models.Q(source_id=pk) if pk else models.Q(source__title__icontains=source)
                )
            )
        if outlet := outlet.strip():
            pk = number(outlet)
            qs = qs.filter(first_outlet_id__in=[pk] if pk else entities(outlet))
        if speaker := speaker.strip():
            pk = number(speaker)
            qs = qs.said_by([pk] if pk else entities(speaker))
        if kind:
            qs = qs.filter(with_mention(models.Q(source__kind=kind)))
        if date_from:
            qs = qs.filter(reported_on__gte=date_from)
        if date_to:
            qs = qs.filter(reported_on__lte=date_to)
        return qs

    def with_list_related(self) -> ClaimQuerySet:
        """The columns a claims list row shows; call :func:`attach_first_mentions` on the
        rows for their first appearance. The mention count, first report and outlet are
        maintained on the claim, so no list loads every mention (nor any report's text).
        A row shows the verdict from the claim itself, so no verdict record is joined."""
        return self.select_related("first_outlet")


def attach_match_counts(claims: list[Claim]) -> list[Claim]:
    """Set the counts of open suggestions on either side of each claim, by kind
    (``matches_same``, ``matches_conflicts``, ``matches_refines``, ``matches_supersedes``):
    one query on the suggestions (both sides indexed) for the whole page, whatever its size.

    Suggestions name other claims, which a viewer may not read: call this only for users who
    see suggestions (``permissions.can_propose``)."""
    from claims.models import FigureMatch, MatchRelation, MatchStatus

    counts: dict[int, dict[str, int]] = {c.pk: {} for c in claims}
    if claims:
        ids = list(counts)
        pairs = (
            FigureMatch.objects.filter(
                models.Q(claim_id__in=ids) | models.Q(other_id__in=ids), status=MatchStatus.OPEN
            )
            .order_by()
            .values_list("claim_id", "other_id", "relation")
        )
        for first, second, relation in pairs:
            for pk in {first, second}:
                if pk in counts:
                    counts[pk][relation] = counts[pk].get(relation, 0) + 1
    for claim in claims:
        for relation in MatchRelation:
            setattr(claim, f"matches_{relation.value}", counts[claim.pk].get(relation.value, 0))
    return claims


@dataclass(frozen=True, slots=True)
class ReportRef:
    """The report of a queue row's first appearance: its title and date, never its text."""

    title: str
    published_at: datetime | None


@dataclass(frozen=True, slots=True)
class FirstMention:
    """What a queue row shows of a claim's first appearance: who said it (the entities'
    names), the verb, through whom, and in which report."""

    speaker: str | None
    verb: str
    via: str | None
    source_id: int
    source: ReportRef


def attach_first_mentions(claims: list[Claim]) -> list[Claim]:
    """Set ``claim.first_mention`` (a :class:`FirstMention`: speaker, via and report title;
    never the report's text) on each claim: two queries whatever the number of claims or of
    their mentions, the second read as plain values (no model instances for 50 mentions,
    their speakers, relays and reports)."""
    from django.db.models import OuterRef, Subquery

    from claims.models import Claim, Mention

    if not claims:
        return claims
    earliest = (
        Mention.objects.filter(claim=OuterRef("pk"))
        .order_by("reported_at", "source_id", "start", "id")
        .values("pk")[:1]
    )
    first_ids = dict(
        Claim.objects.filter(pk__in=[c.pk for c in claims])
        .order_by()
        .annotate(first_mention_id=Subquery(earliest))
        .values_list("pk", "first_mention_id")
    )
    mentions = {
        pk: FirstMention(speaker, verb, via, source_id, ReportRef(title, published_at))
        for pk, speaker, verb, via, source_id, title, published_at in Mention.objects.filter(
            pk__in=[pk for pk in first_ids.values() if pk]
        )
        .order_by()
        .values_list(
            "pk",
            "speaker__name",
            "verb",
            "via__name",
            "source_id",
            "source__title",
            "source__published_at",
        )
    }
    for claim in claims:
        claim.first_mention = mentions.get(first_ids.get(claim.pk))  # type: ignore[attr-defined, arg-type]
    return claims


class EvidenceQuerySet(AuditedQuerySet["Evidence"]):
    def visible_to(self, user: AbstractBaseUser | AnonymousUser) -> EvidenceQuerySet:
        """Links whose target this user may read: a viewer never sees a link to a candidate or
        rejected claim (its statement, figure or number), wherever the link is listed."""
        from claims.permissions import can_propose, can_view_desk

        if not can_view_desk(user):
            return self.none()
        if can_propose(user):
            return self
        return self.filter(
            models.Q(target_claim__isnull=True)
            | models.Q(target_claim__state__in=viewer_claim_states())
        )

    def active(self) -> EvidenceQuerySet:
        return self.filter(removed_at__isnull=True)
