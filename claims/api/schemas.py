"""The API's typed shapes (Pydantic, through django-ninja). Quantities are JSON numbers."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from ninja import Schema
from pydantic import BeforeValidator, ConfigDict, Field, WithJsonSchema

from claims.formatting import FIGURE_FIELDS
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
    *FIGURE_FIELDS,
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


class ClaimSummary(Schema):
    id: int
    url: str
    statement: str
    state: str
    verdict: str


class MatchOut(Schema):
    """A stored suggestion of the matching engine: ``other_id`` relates to ``claim_id`` as
    ``relation`` (for supersedes, ``claim_id`` is the older figure; for refines, the wider).
    ``counterpart`` is the claim on the other side from the one asked about."""

    id: int
    claim_id: int
    other_id: int
    relation: str = Field(description="same, refines, conflicts or supersedes")
    score: float = Field(description="0 to 1")
    reason: str
    difference: float = Field(description="Signed difference of other against claim, in %")
    status: str = Field(description="open, accepted or dismissed")
    evidence_id: int | None = Field(description="The evidence an accepted suggestion linked")
    decided_by: UserRef | None
    decided_at: datetime | None
    created_at: datetime
    counterpart: ClaimSummary


class MatchPage(Schema):
    items: list[MatchOut]
    next_cursor: str | None = Field(None, description="Pass as `after` for the next page")


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


class MentionPage(Schema):
    items: list[MentionOut]
    count: int = Field(description="The claim's mentions in all")
    next: str | None = Field(None, description="The next page's path")


class ClaimDetail(ClaimOut):
    mention_count: int = Field(description="Mentions in all")
    mentions: list[MentionOut] = Field(description="The first 50, in order of appearance")
    mentions_next: str | None = Field(description="The rest, from /claims/{id}/mentions/")
    evidence: list[EvidenceOut] = Field(description="Links from this claim (removed ones too)")
    evidence_for: list[EvidenceOut] = Field(description="Links from other claims to this one")
    verdicts: list[VerdictOut] = Field(description="Every verdict record, newest first")
    history: list[EventOut] = Field(description="The latest 200 history events, newest first")


class EventPage(Schema):
    items: list[EventOut]
    next_cursor: str | None = None


# --- input types ----------------------------------------------------------------------------
# What the document promises is what is accepted: enumerations are the model's choices, ids
# fit the id column, texts carry no NUL byte (PostgreSQL cannot store one) and stay within
# their column, quantities are JSON numbers or plain decimal strings. ``test_schemas`` keeps
# the enumerations equal to the model's choices.

BIGINT_MAX = 2**63 - 1
INT_MAX = 2**31 - 1
NO_NUL = r"^[^\x00]*$"
DECIMAL_TEXT = r"^-?[0-9]{1,24}(\.[0-9]{1,6})?$"

Id = Annotated[int, Field(ge=1, le=BIGINT_MAX)]
Offset = Annotated[int, Field(ge=0, le=INT_MAX)]
KindName = Literal["news", "statement", "intelligence", "social", "transcript", "dataset", "other"]
DimensionName = Literal[
    "count",
    "currency",
    "area",
    "mass",
    "length",
    "duration",
    "ratio",
    "percent",
    "rate",
    "speed",
    "power",
    "energy",
    "data",
    "temperature",
    "volume",
    "age",
    "other",
]
QualifierName = Literal["=", "~", ">", ">=", "<", "<="]
TrendName = Literal["", "up", "down"]
ChangeName = Literal["", "to", "by"]
VerdictName = Literal["confirmed", "disputed", "misleading", "unverifiable"]
RelationName = Literal["corroborates", "contradicts", "refines", "supersedes", "context"]


def _decimal_in(value: Any) -> Any:
    if isinstance(value, bool) or (
        isinstance(value, str) and not re.fullmatch(DECIMAL_TEXT, value)
    ):
        raise ValueError('a number, or a decimal such as "12.5" (at most 6 decimals)')
    return value


Quantity = Annotated[
    Decimal,
    BeforeValidator(_decimal_in),
    Field(ge=Decimal("-1e24"), le=Decimal("1e24")),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "number", "minimum": -1e24, "maximum": 1e24},
                {"type": "string", "pattern": DECIMAL_TEXT},
            ],
            "description": "A JSON number, or a decimal string to keep every digit",
        }
    ),
]


def _iso_date(value: Any) -> Any:
    if isinstance(value, str) and not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        raise ValueError("a date as YYYY-MM-DD")
    return value


Day = Annotated[date, BeforeValidator(_iso_date)]  # not a timestamp, not 2026-W01


def text_field(default: str | None = "", *, max_length: int, min_length: int = 0, **kw: Any) -> Any:
    """A text field of at most ``max_length`` characters and no NUL byte."""
    return Field(default, max_length=max_length, min_length=min_length, pattern=NO_NUL, **kw)


class In(Schema):
    """A request body: members the document does not name are refused, not ignored (a
    misspelt ``expected_version`` must not pass unnoticed)."""

    model_config = ConfigDict(extra="forbid")


class QuantityFields(In):
    value: Quantity | None = None
    low: Quantity | None = None
    high: Quantity | None = None
    trend: TrendName = ""
    change: ChangeName = ""
    from_value: Quantity | None = None
    unit: str = text_field(max_length=40)
    unit_name: str = text_field(max_length=100)
    currency: str = text_field(max_length=3)
    per: str = text_field(max_length=100)
    subject: str = text_field(max_length=300)
    as_of: str = text_field(max_length=100)
    place: str = text_field(max_length=200)


class QuantityIn(QuantityFields):
    qualifier: QualifierName = "="
    dimension: DimensionName = "count"


class ClaimCreateIn(QuantityIn):
    source_id: Id
    start: Offset
    end: Annotated[int, Field(ge=1, le=INT_MAX)]
    quote: str | None = text_field(None, max_length=2000, description="Checked against the report")
    statement: str = text_field(max_length=400, min_length=1)
    speaker: str = text_field(max_length=200)
    verb: str = text_field(max_length=40)
    via: str = text_field(max_length=200)


class ClaimChangesIn(QuantityFields):
    """The fields to change; those left out stay as they are."""

    statement: str = text_field(max_length=400, min_length=1)
    qualifier: QualifierName = "="
    dimension: DimensionName = "count"


class ClaimEditIn(In):
    expected_version: Annotated[int, Field(ge=1, le=INT_MAX)]
    changes: ClaimChangesIn
    reason: str = text_field(max_length=2000)


class VersionedIn(In):
    expected_version: Annotated[int, Field(ge=1, le=INT_MAX)]
    reason: str = text_field(max_length=2000)


class VerdictIn(In):
    expected_version: Annotated[int, Field(ge=1, le=INT_MAX)]
    verdict: VerdictName
    reason: str = text_field(max_length=2000, description="Needed for all but confirmed")
    evidence: list[Id] = Field(
        default_factory=list, max_length=100, description="Evidence ids relied on"
    )


class EvidenceIn(In):
    relation: RelationName
    target_source_id: Id | None = None
    target_claim_id: Id | None = None
    passage_start: Offset | None = None
    passage_end: Annotated[int, Field(ge=1, le=INT_MAX)] | None = None
    note: str = text_field(max_length=2000)


class UnlinkIn(In):
    reason: str = text_field(max_length=2000)


class ReportUrlIn(In):
    url: str = text_field(max_length=2000, min_length=1)
    outlet: str = text_field(max_length=200)
    kind: KindName = "news"


class ReportTextIn(In):
    text: str = text_field(max_length=2_000_000, min_length=1)
    title: str = text_field(max_length=500)
    outlet: str = text_field(max_length=200)
    author: str = text_field(max_length=500)
    url: str = text_field(max_length=2000)
    kind: KindName = "news"


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
