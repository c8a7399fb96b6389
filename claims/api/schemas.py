"""The API's typed shapes (Pydantic, through django-ninja). Quantities are JSON numbers."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from ninja import Schema
from pydantic import Field

from claims.models import (
    Claim,
    ClaimEvent,
    Entity,
    Evidence,
    Mention,
    Source,
    VerdictRecord,
)


def number(value: Decimal | None) -> float | int | None:
    """A stored Decimal as a JSON number: whole numbers as integers, others as floats."""
    if value is None:
        return None
    if value == value.to_integral_value():
        return int(value)
    return float(value)


class Ref(Schema):
    id: int
    name: str


class UserRef(Schema):
    id: int
    username: str


def user_ref(user: Any) -> UserRef | None:
    return UserRef(id=user.pk, username=user.get_username()) if user is not None else None


class VerdictOut(Schema):
    id: int
    verdict: str
    reason: str
    decided_by: UserRef | None
    decided_at: datetime
    evidence: list[int] = Field(default_factory=list, description="Evidence links relied on")


def verdict_out(record: VerdictRecord, evidence: list[int] | None = None) -> VerdictOut:
    return VerdictOut(
        id=record.pk,
        verdict=record.verdict,
        reason=record.reason,
        decided_by=user_ref(record.decided_by),
        decided_at=record.decided_at,
        evidence=evidence or [],
    )


CLAIM_FIELDS = (
    "id",
    "url",
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
    "place",
    "score",
    "state",
    "verdict",
    "current_verdict",
    "merged_into",
    "version",
    "created_at",
    "updated_at",
)


class ClaimOut(Schema):
    """One claim. In lists, ``fields=`` may leave members out; ``id`` is always there."""

    id: int
    url: str | None = Field(None, description="The claim's page on the desk")
    statement: str | None = None
    value: float | None = None
    low: float | None = None
    high: float | None = None
    qualifier: str | None = None
    trend: str | None = None
    change: str | None = Field(
        None, description='"to": the figure is the new level; "by": the size of the change'
    )
    from_value: float | None = Field(None, description="The earlier level, when stated")
    unit: str | None = None
    unit_name: str | None = None
    dimension: str | None = None
    currency: str | None = None
    per: str | None = None
    subject: str | None = None
    as_of: str | None = None
    place: str | None = None
    score: float | None = None
    state: str | None = None
    verdict: str | None = None
    current_verdict: VerdictOut | None = None
    merged_into: int | None = None
    version: int | None = Field(None, description="Send it back as expected_version")
    created_at: datetime | None = None
    updated_at: datetime | None = None


def claim_out(claim: Claim, url: str) -> dict[str, Any]:
    record = claim.current_verdict
    return {
        "id": claim.pk,
        "url": url,
        "statement": claim.statement,
        "value": number(claim.value),
        "low": number(claim.low),
        "high": number(claim.high),
        "qualifier": claim.qualifier,
        "trend": claim.trend,
        "change": claim.change,
        "from_value": number(claim.from_value),
        "unit": claim.unit,
        "unit_name": claim.unit_name,
        "dimension": claim.dimension,
        "currency": claim.currency,
        "per": claim.per,
        "subject": claim.subject,
        "as_of": claim.as_of,
        "place": claim.place,
        "score": claim.score,
        "state": claim.state,
        "verdict": claim.verdict,
        "current_verdict": verdict_out(record).model_dump(mode="json") if record else None,
        "merged_into": claim.merged_into_id,
        "version": claim.version,
        "created_at": claim.created_at.isoformat(),
        "updated_at": claim.updated_at.isoformat(),
    }


class ClaimPage(Schema):
    items: list[ClaimOut]
    next_cursor: str | None = Field(None, description="Pass as `after` for the next page")
    next: str | None = Field(None, description="The next page's path, filters included")


class SourceRef(Schema):
    id: int
    title: str
    url: str
    outlet: Ref | None


def source_ref(source: Source) -> SourceRef:
    outlet = source.outlet
    return SourceRef(
        id=source.pk,
        title=source.title,
        url=source.url,
        outlet=Ref(id=outlet.pk, name=outlet.name) if outlet else None,
    )


def entity_ref(entity: Entity | None) -> Ref | None:
    return Ref(id=entity.pk, name=entity.name) if entity is not None else None


class MentionOut(Schema):
    id: int
    source: SourceRef
    quote: str
    start: int
    end: int
    sentence: str
    speaker: Ref | None = Field(description="Who asserted it")
    verb: str
    via: Ref | None = Field(description="Who relayed it")
    extracted: bool
    created_at: datetime


def mention_out(mention: Mention) -> MentionOut:
    return MentionOut(
        id=mention.pk,
        source=source_ref(mention.source),
        quote=mention.quote,
        start=mention.start,
        end=mention.end,
        sentence=mention.sentence,
        speaker=entity_ref(mention.speaker),
        verb=mention.verb,
        via=entity_ref(mention.via),
        extracted=mention.extracted,
        created_at=mention.created_at,
    )


class EvidenceOut(Schema):
    id: int
    claim_id: int
    relation: str
    target_source: SourceRef | None
    target_claim_id: int | None
    passage_start: int | None
    passage_end: int | None
    quote: str
    note: str
    created_by: UserRef | None
    created_at: datetime
    active: bool
    removed_at: datetime | None
    removed_by: UserRef | None


def evidence_out(evidence: Evidence) -> EvidenceOut:
    return EvidenceOut(
        id=evidence.pk,
        claim_id=evidence.claim_id,
        relation=evidence.relation,
        target_source=source_ref(evidence.target_source) if evidence.target_source else None,
        target_claim_id=evidence.target_claim_id,
        passage_start=evidence.passage_start,
        passage_end=evidence.passage_end,
        quote=evidence.quote,
        note=evidence.note,
        created_by=user_ref(evidence.created_by),
        created_at=evidence.created_at,
        active=evidence.removed_at is None,
        removed_at=evidence.removed_at,
        removed_by=user_ref(evidence.removed_by),
    )


class EventOut(Schema):
    id: int
    action: str
    actor: str = Field(description="The user name (and token), or the command or task")
    channel: str
    correlation_id: str
    reason: str
    before: dict[str, Any]
    after: dict[str, Any]
    claim_id: int | None
    source_id: int | None
    entity_id: int | None
    claim_version: int | None
    created_at: datetime


def event_out(event: ClaimEvent) -> EventOut:
    return EventOut(
        id=event.pk,
        action=event.action,
        actor=event.actor_label,
        channel=event.channel,
        correlation_id=str(event.correlation_id),
        reason=event.reason,
        before=event.before,
        after=event.after,
        claim_id=event.claim_id,
        source_id=event.source_id,
        entity_id=event.entity_id,
        claim_version=event.claim_version,
        created_at=event.created_at,
    )


class ClaimDetail(ClaimOut):
    mentions: list[MentionOut]
    evidence: list[EvidenceOut] = Field(description="Links from this claim (removed ones too)")
    evidence_for: list[EvidenceOut] = Field(description="Links from other claims to this one")
    verdicts: list[VerdictOut] = Field(description="Every verdict record, newest first")
    history: list[EventOut] = Field(description="The latest 200 history events, newest first")


class EventPage(Schema):
    items: list[EventOut]
    next_cursor: str | None = None


# --- writes ---------------------------------------------------------------------------------


class QuantityIn(Schema):
    value: Decimal | None = None
    low: Decimal | None = None
    high: Decimal | None = None
    qualifier: str = "="
    trend: str = ""
    change: str = ""
    from_value: Decimal | None = None
    unit: str = ""
    unit_name: str = ""
    dimension: str = "count"
    currency: str = ""
    per: str = ""
    subject: str = ""
    as_of: str = ""
    place: str = ""


class ClaimCreateIn(QuantityIn):
    source_id: int
    start: int = Field(ge=0)
    end: int = Field(ge=1)
    quote: str | None = Field(None, description="Checked against the report's text")
    statement: str = Field(min_length=1, max_length=400)
    speaker: str = ""
    verb: str = ""
    via: str = ""


class ClaimEditIn(Schema):
    expected_version: int = Field(ge=1)
    changes: dict[str, Any] = Field(
        description="Any of statement, value, low, high, qualifier, trend, change, from_value, "
        "unit, unit_name, dimension, currency, per, subject, as_of, place"
    )
    reason: str = Field("", max_length=2000)


class VersionedIn(Schema):
    expected_version: int = Field(ge=1)
    reason: str = Field("", max_length=2000)


class VerdictIn(Schema):
    expected_version: int = Field(ge=1)
    verdict: str = Field(description="confirmed, disputed, misleading or unverifiable")
    reason: str = Field("", max_length=2000)
    evidence: list[int] = Field(default_factory=list, description="Evidence ids relied on")


class EvidenceIn(Schema):
    relation: str = Field(description="corroborates, contradicts, refines, supersedes, context")
    target_source_id: int | None = None
    target_claim_id: int | None = None
    passage_start: int | None = Field(None, ge=0)
    passage_end: int | None = Field(None, ge=1)
    note: str = Field("", max_length=2000)


class UnlinkIn(Schema):
    reason: str = Field("", max_length=2000)


class ReportUrlIn(Schema):
    url: str = Field(min_length=1, max_length=2000)
    outlet: str = Field("", max_length=200)
    kind: str = "news"


class ReportTextIn(Schema):
    text: str = Field(min_length=1)
    title: str = Field("", max_length=500)
    outlet: str = Field("", max_length=200)
    author: str = Field("", max_length=500)
    url: str = Field("", max_length=2000)
    kind: str = "news"


class ReportOut(Schema):
    id: int
    title: str
    url: str
    canonical_url: str
    outlet: Ref | None
    authors: list[str]
    published_at: datetime | None
    retrieved_at: datetime
    language: str
    kind: str
    origin: str
    sha256: str
    revision: int
    revision_of: int | None
    extraction_status: str
    created_at: datetime
    archived_at: datetime | None


class ReportDetail(ReportOut):
    text: str
    claim_ids: list[int] = Field(description="Visible claims mentioned in this report")


class ReportCreated(Schema):
    created: bool = Field(description="False when the same text was already on the desk")
    report: ReportOut


def report_out(source: Source) -> dict[str, Any]:
    outlet = source.outlet
    return {
        "id": source.pk,
        "title": source.title,
        "url": source.url,
        "canonical_url": source.canonical_url,
        "outlet": {"id": outlet.pk, "name": outlet.name} if outlet else None,
        "authors": [str(a) for a in (source.authors or [])],
        "published_at": source.published_at,
        "retrieved_at": source.retrieved_at,
        "language": source.language,
        "kind": source.kind,
        "origin": source.origin,
        "sha256": source.sha256,
        "revision": source.revision,
        "revision_of": source.revision_of_id,
        "extraction_status": source.extraction_status,
        "created_at": source.created_at,
        "archived_at": source.archived_at,
    }


class ReportPage(Schema):
    items: list[ReportOut]
    next_cursor: str | None = None


class EntityOut(Schema):
    id: int
    name: str
    kind: str
    domain: str
    merged_into: int | None
    aliases: list[str]


class EntityPage(Schema):
    items: list[EntityOut]
    next_cursor: str | None = None


class FactSheetOut(Schema):
    id: int
    title: str
    summary: str
    revision: int
    created_at: datetime
    updated_at: datetime
    archived_at: datetime | None
    latest_version: int | None


class FactSheetEntryOut(Schema):
    claim_id: int
    section: str | None
    position: int
    note: str


class FactSheetDetail(FactSheetOut):
    entries: list[FactSheetEntryOut]
    versions: list[int]


class FactSheetVersionOut(Schema):
    sheet_id: int
    number: int
    sha256: str
    published_by: UserRef | None
    published_at: datetime
    chain_head: str
    content: dict[str, Any] = Field(description="The frozen snapshot, as published")


class ProblemOut(Schema):
    """RFC 9457 problem details (served as application/problem+json)."""

    type: str
    title: str
    status: int
    detail: str
    instance: str | None = None
