"""Every write to the desk. Views, admin, commands and tasks call these; nothing else writes.

Each function is keyword-only and typed, checks the actor's permission, runs in one
transaction, and records its history event(s) in that same transaction. Claim writes carry
``expected_version``: a stale version raises :class:`ClaimConflict`, which names what changed.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any, Protocol

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models.functions import Lower
from django.utils import timezone

from claims import permissions
from claims.audit import one_action, record_event
from claims.models import (
    QUANTITY_DIGITS,
    QUANTITY_PLACES,
    Claim,
    ClaimEvent,
    ClaimState,
    Dimension,
    Entity,
    EntityAlias,
    EntityKind,
    Evidence,
    ExtractionStatus,
    Mention,
    Qualifier,
    Relation,
    Source,
    SourceKind,
    SourceOrigin,
    Trend,
    Verdict,
    VerdictRecord,
    sha256_text,
)
from claims.querysets import service_writes

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    User = AbstractBaseUser | AnonymousUser

logger = logging.getLogger(__name__)

# Extracted figures below this claim-worthiness are not proposed as candidates
# ("Section 427", "Row 21"); the extractor still reports them.
CANDIDATE_MIN_SCORE = 0.3
STATEMENT_MAX = 400


class ServiceError(Exception):
    """A write that cannot be done, with a message fit to show the user."""


class ClaimConflict(ServiceError):
    """The claim changed since the editor loaded it."""

    def __init__(self, *, claim: Claim, expected_version: int, events: Sequence[ClaimEvent]):
        self.claim = claim
        self.expected_version = expected_version
        self.events = list(events)
        changes = []
        for event in self.events:
            fields = ", ".join(name for name, _old, _new in event.changed_fields()) or "nothing"
            changes.append(f"{event.actor_label} {event.action} ({fields})")
        detail = "; ".join(changes) if changes else "another change"
        super().__init__(
            f"This claim changed after you opened it (you had version {expected_version}, "
            f"it is now version {claim.version}): {detail}."
        )

    @property
    def changed_fields(self) -> list[str]:
        names: list[str] = []
        for event in self.events:
            for name, _old, _new in event.changed_fields():
                if name not in names:
                    names.append(name)
        return names


def _require(by: User | None, check: Any, action: str) -> None:
    """Permission check. ``by=None`` is the system itself (a command or task)."""
    if by is None:
        return
    if not check(by):
        raise PermissionDenied(f"Your role does not allow you to {action}.")


# --- Entities -----------------------------------------------------------------------------


def normalize_alias(name: str) -> str:
    cleaned = " ".join(name.replace("\u2019", "'").split()).strip(" .,;:'\"").casefold()
    for prefix in ("the ", "mr. ", "mrs. ", "ms. ", "dr. ", "mr ", "mrs ", "ms ", "dr "):
        if cleaned.startswith(prefix):
            cleaned = cleaned[len(prefix) :]
    return cleaned


def entity_find(name: str) -> Entity | None:
    """The entity a name or alias refers to (following merges), or None."""
    key = normalize_alias(name)
    if not key:
        return None
    alias = EntityAlias.objects.select_related("entity").filter(normalized=key).first()
    entity = alias.entity if alias else None
    if entity is None:
        entity = Entity.objects.annotate(lname=Lower("name")).filter(lname=name.lower()).first()
    while entity is not None and entity.merged_into_id is not None:
        entity = entity.merged_into
    return entity


def entity_resolve(
    *, name: str, by: User | None, kind: str = EntityKind.OTHER, domain: str = ""
) -> Entity | None:
    """Find the entity by name or alias, or create it (with its name as first alias)."""
    name = " ".join(name.split())[:200]
    if not name:
        return None
    existing = entity_find(name)
    if existing is None and domain:
        existing = Entity.objects.filter(domain__iexact=domain).first()
    if existing is not None:
        return existing
    with transaction.atomic(), service_writes():
        entity = Entity.objects.create(name=name, kind=kind, domain=domain)
        key = normalize_alias(name)
        if key:
            EntityAlias.objects.get_or_create(
                normalized=key, defaults={"entity": entity, "alias": name}
            )
        record_event(
            action="entity.created", by=by, entity=entity, after={"name": name, "kind": kind}
        )
    return entity


def entity_add_alias(*, entity: Entity, alias: str, by: User | None) -> EntityAlias:
    _require(by, permissions.can_review, "edit entities")
    key = normalize_alias(alias)
    if not key:
        raise ValidationError({"alias": "An alias needs at least one letter."})
    with transaction.atomic(), service_writes():
        taken = EntityAlias.objects.filter(normalized=key).exclude(entity=entity).first()
        if taken is not None:
            raise ValidationError({"alias": f"“{alias}” already names {taken.entity}."})
        obj, _ = EntityAlias.objects.get_or_create(
            normalized=key, defaults={"entity": entity, "alias": alias}
        )
        record_event(action="entity.alias_added", by=by, entity=entity, after={"alias": alias})
    return obj


# --- Sources ------------------------------------------------------------------------------


@dataclass(frozen=True)
class SourceResult:
    source: Source
    created: bool
    # For a page that changed since we last fetched it: the earlier revision.
    previous_revision: Source | None = None


def source_create(
    *,
    by: User | None,
    text: str,
    title: str,
    origin: str = SourceOrigin.PASTE,
    url: str = "",
    canonical_url: str = "",
    outlet: str = "",
    outlet_domain: str = "",
    authors: Sequence[str] = (),
    published_at: datetime | None = None,
    retrieved_at: datetime | None = None,
    kind: str = SourceKind.NEWS,
    language: str = "",
    raw_content: bytes | None = None,
    raw_content_type: str = "",
    extract: bool = True,
) -> SourceResult:
    """Store a report once. The same text (or the same URL with the same text) returns the
    existing source; the same URL with a changed text becomes a new revision."""
    _require(by, permissions.can_propose, "bring in reports")
    if not text.strip():
        raise ValidationError({"text": "The report has no text."})
    if kind not in SourceKind.values:
        raise ValidationError({"kind": f"Unknown kind of report: {kind!r}."})
    digest = sha256_text(text)
    existing = Source.objects.filter(sha256=digest).first()
    if existing is not None:
        return SourceResult(existing, created=False)
    key_url = canonical_url or url
    previous = Source.objects.filter(url=key_url).order_by("-revision").first() if key_url else None
    try:
        with transaction.atomic(), service_writes():
            outlet_entity = (
                entity_resolve(name=outlet, by=by, kind=EntityKind.OUTLET, domain=outlet_domain)
                if outlet
                else None
            )
            source = Source.objects.create(
                url=key_url,
                canonical_url=canonical_url,
                title=(title.strip() or _title_from_text(text))[:500],
                outlet=outlet_entity,
                authors=[a for a in authors if a][:20],
                published_at=published_at,
                retrieved_at=retrieved_at or timezone.now(),
                language=language[:16],
                kind=kind,
                origin=origin,
                text=text,
                sha256=digest,
                raw_content=raw_content,
                raw_content_type=raw_content_type[:100],
                revision=previous.revision + 1 if previous else 1,
                revision_of=previous,
                extraction_status=ExtractionStatus.PENDING if extract else ExtractionStatus.SKIPPED,
                created_by=by if by is not None and by.is_authenticated else None,
            )
            record_event(
                action="source.revised" if previous else "source.created",
                by=by,
                source=source,
                after={
                    "title": source.title,
                    "url": source.url,
                    "sha256": digest,
                    "revision": source.revision,
                    "outlet": outlet_entity.name if outlet_entity else None,
                },
            )
            if extract:
                transaction.on_commit(lambda: _enqueue_extraction(source.pk))
    except IntegrityError:
        # Two people brought in the same report at the same moment: theirs won.
        existing = Source.objects.filter(sha256=digest).first()
        if existing is None:
            raise
        return SourceResult(existing, created=False)
    return SourceResult(source, created=True, previous_revision=previous)


def _title_from_text(text: str) -> str:
    first_line = next((line.strip() for line in text.splitlines() if line.strip()), "Untitled")
    return first_line[:120]


def _enqueue_extraction(source_id: int) -> None:
    from claims.tasks import extract_source

    extract_source.enqueue(source_id)


def source_set_extraction_status(
    *, source: Source, status: str, error: str = "", by: User | None = None
) -> Source:
    with transaction.atomic(), service_writes():
        before = {"extraction_status": source.extraction_status}
        fields = {"extraction_status": status, "extraction_error": error[:2000]}
        if status == ExtractionStatus.DONE:
            fields["extracted_at"] = timezone.now()
        Source.objects.filter(pk=source.pk).update(**fields)
        for name, value in fields.items():
            setattr(source, name, value)
        if status in {ExtractionStatus.DONE, ExtractionStatus.FAILED}:
            record_event(
                action=f"source.extraction_{status}",
                by=by,
                source=source,
                reason=error[:2000],
                before=before,
                after={"extraction_status": status},
            )
    return source


# --- Quantities ---------------------------------------------------------------------------


_PLACES = Decimal(1).scaleb(-QUANTITY_PLACES)
_LIMIT = Decimal(10) ** (QUANTITY_DIGITS - QUANTITY_PLACES)


def _decimal(name: str, raw: Any, errors: dict[str, str]) -> Decimal | None:
    if raw is None or raw == "":
        return None
    try:
        number = raw if isinstance(raw, Decimal) else Decimal(str(raw).replace(",", "").strip())
    except InvalidOperation:
        errors[name] = f"“{raw}” is not a number."
        return None
    if not number.is_finite():
        errors[name] = "The figure must be a finite number."
        return None
    exponent = number.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -QUANTITY_PLACES:
        number = number.quantize(_PLACES)
    if abs(number) >= _LIMIT:
        errors[name] = "The figure is too large to store."
        return None
    return number


def clean_quantity(data: Mapping[str, Any]) -> dict[str, Any]:
    """Validate and normalise quantity fields; raise ValidationError naming each bad field."""
    errors: dict[str, str] = {}
    out: dict[str, Any] = {}
    for name in ("value", "low", "high"):
        if name in data:
            out[name] = _decimal(name, data[name], errors)
    for name in ("statement", "unit", "unit_name", "per", "subject", "as_of", "place"):
        if name in data:
            out[name] = " ".join(str(data[name] or "").split())
    if "statement" in out:
        out["statement"] = out["statement"][: STATEMENT_MAX * 4]
    if "qualifier" in data:
        qualifier = data["qualifier"] or Qualifier.EXACT
        if qualifier not in Qualifier.values:
            errors["qualifier"] = f"Unknown qualifier {qualifier!r}."
        out["qualifier"] = qualifier
    if "trend" in data:
        trend = data["trend"] or ""
        if trend and trend not in Trend.values:
            errors["trend"] = f"Unknown trend {trend!r}."
        out["trend"] = trend
    if "dimension" in data:
        dimension = data["dimension"] or Dimension.OTHER
        if dimension not in Dimension.values:
            errors["dimension"] = f"Unknown dimension {dimension!r}."
        out["dimension"] = dimension
    if "currency" in data:
        currency = str(data["currency"] or "").strip().upper()
        if currency and (len(currency) != 3 or not currency.isalpha()):
            errors["currency"] = "A currency is a three-letter ISO 4217 code such as USD."
        out["currency"] = currency
    for name, limit in (
        ("unit", 40),
        ("unit_name", 100),
        ("per", 100),
        ("subject", 300),
        ("as_of", 100),
        ("place", 200),
    ):
        if name in out and len(out[name]) > limit:
            errors[name] = f"At most {limit} characters."
    if errors:
        raise ValidationError(errors)
    return out


def _check_quantity_shape(claim: Claim) -> None:
    value, low, high = claim.value, claim.low, claim.high
    if value is None and low is None and high is None:
        raise ValidationError({"value": "Give a value, or a low and a high for a range."})
    if low is not None and high is not None and low > high:
        raise ValidationError({"low": f"The low end ({low}) is above the high end ({high})."})
    if value is not None and low is not None and value < low:
        raise ValidationError({"value": f"The value ({value}) is below the low end ({low})."})
    if value is not None and high is not None and value > high:
        raise ValidationError({"value": f"The value ({value}) is above the high end ({high})."})
    if not claim.statement.strip():
        raise ValidationError({"statement": "State the claim in a sentence."})


# --- Claims -------------------------------------------------------------------------------


def _check_quote(source: Source, start: int, end: int, quote: str | None) -> str:
    if not (0 <= start < end <= len(source.text)):
        raise ValidationError(
            {
                "start": f"The passage {start}–{end} lies outside the report, "
                f"which has {len(source.text)} characters."
            }
        )
    actual = source.text[start:end]
    if quote is not None and quote != actual:
        raise ValidationError(
            {"quote": "The quoted words do not match the report's text at that place."}
        )
    return actual


def claim_create(
    *,
    by: User | None,
    source: Source,
    start: int,
    end: int,
    statement: str,
    quantity: Mapping[str, Any],
    quote: str | None = None,
    speaker: str = "",
    verb: str = "",
    via: str = "",
    state: str = ClaimState.CANDIDATE,
    score: float = 0.5,
    extracted: bool = False,
    sentence: str = "",
) -> Claim:
    """A new claim from a passage of a report, with its first mention."""
    _require(by, permissions.can_propose, "propose claims")
    if state not in (ClaimState.CANDIDATE, ClaimState.OPEN):
        raise ValidationError({"state": "A new claim is a candidate or open."})
    if state == ClaimState.OPEN:
        _require(by, permissions.can_review, "open claims without review")
    actual_quote = _check_quote(source, start, end, quote)
    fields = clean_quantity({**quantity, "statement": statement})
    claim = Claim(
        state=state, score=min(max(score, 0.0), 1.0), created_by=_user_or_none(by), **fields
    )
    _check_quantity_shape(claim)
    with transaction.atomic(), service_writes():
        if Mention.objects.filter(source=source, start=start, end=end).exists():
            raise ValidationError({"start": "That passage is already a mention of a claim."})
        claim.save()
        mention = Mention.objects.create(
            claim=claim,
            source=source,
            quote=actual_quote,
            start=start,
            end=end,
            sentence=sentence,
            speaker=entity_resolve(name=speaker, by=by) if speaker else None,
            verb=verb[:40],
            via=entity_resolve(name=via, by=by) if via else None,
            extracted=extracted,
            created_by=_user_or_none(by),
        )
        record_event(
            action="claim.extracted" if extracted else "claim.created",
            by=by,
            claim=claim,
            source=source,
            after={
                **claim.snapshot(),
                "mention": _mention_summary(mention),
            },
        )
    return claim


def _mention_summary(mention: Mention) -> dict[str, Any]:
    return {
        "source_id": mention.source_id,
        "start": mention.start,
        "end": mention.end,
        "quote": mention.quote,
        "speaker": mention.speaker.name if mention.speaker else None,
        "verb": mention.verb,
        "via": mention.via.name if mention.via else None,
    }


def _user_or_none(by: User | None) -> Any:
    return by if by is not None and by.is_authenticated else None


class ExtractedLike(Protocol):
    """What the service needs from an extractor result (claims.extraction.ExtractedQuantity)."""

    start: int
    end: int
    text: str
    value: Decimal | None
    low: Decimal | None
    high: Decimal | None
    qualifier: str
    trend: str | None
    unit: str
    unit_name: str
    dimension: str
    currency: str | None
    per: str | None
    subject: str
    as_of: str | None
    sentence_start: int
    sentence_end: int
    speaker: str | None
    verb: str | None
    via: str | None
    score: float


def claims_from_extraction(
    *, source: Source, quantities: Iterable[ExtractedLike], by: User | None = None
) -> list[Claim]:
    """Turn a source's extracted quantities into candidate claims with mentions.

    Idempotent: a passage that already has a mention is skipped, so a rerun adds nothing.
    """
    taken = set(Mention.objects.filter(source=source).values_list("start", "end"))
    created: list[Claim] = []
    with one_action(), transaction.atomic():
        for q in quantities:
            if (q.start, q.end) in taken or q.score < CANDIDATE_MIN_SCORE:
                continue
            sentence = source.text[q.sentence_start : q.sentence_end].strip()
            quantity = {
                "value": q.value,
                "low": q.low,
                "high": q.high,
                "qualifier": q.qualifier,
                "trend": q.trend or "",
                "unit": q.unit,
                "unit_name": q.unit_name,
                "dimension": q.dimension if q.dimension in Dimension.values else Dimension.OTHER,
                "currency": q.currency or "",
                "per": q.per or "",
                "subject": q.subject,
                "as_of": q.as_of or "",
            }
            try:
                claim = claim_create(
                    by=by,
                    source=source,
                    start=q.start,
                    end=q.end,
                    statement=(sentence or q.text)[:STATEMENT_MAX],
                    quantity=quantity,
                    speaker=q.speaker or "",
                    verb=q.verb or "",
                    via=q.via or "",
                    score=q.score,
                    extracted=True,
                    sentence=sentence[:2000],
                )
            except ValidationError as exc:
                logger.warning("Skipped figure %r in source %s: %s", q.text, source.pk, exc)
                continue
            taken.add((q.start, q.end))
            created.append(claim)
    return created


def _lock(claim: Claim, expected_version: int | None) -> Claim:
    """Re-read the claim under a row lock and check the editor's version."""
    fresh = Claim.objects.select_for_update().get(pk=claim.pk)
    if expected_version is not None and fresh.version != expected_version:
        events = list(
            ClaimEvent.objects.filter(claim=fresh, claim_version__gt=expected_version).order_by(
                "id"
            )
        )
        raise ClaimConflict(claim=fresh, expected_version=expected_version, events=events)
    return fresh


def _save_claim(
    claim: Claim,
    *,
    by: User | None,
    action: str,
    before: dict[str, Any],
    reason: str = "",
    extra_after: dict[str, Any] | None = None,
) -> Claim:
    claim.version += 1
    _check_quantity_shape(claim)
    claim.save()
    after = claim.snapshot()
    changed = {k for k in after if before.get(k) != after.get(k)}
    record_event(
        action=action,
        by=by,
        claim=claim,
        reason=reason,
        before={k: before.get(k) for k in sorted(changed)},
        after={**{k: after[k] for k in sorted(changed)}, **(extra_after or {})},
    )
    return claim


def claim_edit(
    *,
    claim: Claim,
    by: User | None,
    expected_version: int,
    changes: Mapping[str, Any],
    reason: str = "",
) -> Claim:
    """Correct the figure or its description."""
    _require(by, permissions.can_review, "edit claims")
    unknown = set(changes) - set(Claim.QUANTITY_FIELDS)
    if unknown:
        raise ValidationError({"__all__": f"These fields cannot be edited: {sorted(unknown)}."})
    cleaned = clean_quantity(changes)
    with transaction.atomic(), service_writes():
        fresh = _lock(claim, expected_version)
        before = fresh.snapshot()
        for name, value in cleaned.items():
            setattr(fresh, name, value)
        if fresh.snapshot() == before:
            return fresh
        return _save_claim(fresh, by=by, action="claim.edited", before=before, reason=reason)


def _transition(
    *,
    claim: Claim,
    by: User | None,
    expected_version: int | None,
    allowed_from: Sequence[str],
    to: str,
    action: str,
    reason: str,
) -> Claim:
    with transaction.atomic(), service_writes():
        fresh = _lock(claim, expected_version)
        if fresh.state not in allowed_from:
            raise ServiceError(
                f"This claim is {fresh.get_state_display().lower()}; "
                f"it cannot be {action.split('.')[-1]} from that state."
            )
        before = fresh.snapshot()
        fresh.state = to
        return _save_claim(fresh, by=by, action=action, before=before, reason=reason)


def claim_accept(
    *, claim: Claim, by: User | None, expected_version: int | None, reason: str = ""
) -> Claim:
    _require(by, permissions.can_review, "accept candidates")
    return _transition(
        claim=claim,
        by=by,
        expected_version=expected_version,
        allowed_from=[ClaimState.CANDIDATE],
        to=ClaimState.OPEN,
        action="claim.accepted",
        reason=reason,
    )


def claim_reject(
    *, claim: Claim, by: User | None, expected_version: int | None, reason: str = ""
) -> Claim:
    _require(by, permissions.can_review, "reject candidates")
    return _transition(
        claim=claim,
        by=by,
        expected_version=expected_version,
        allowed_from=[ClaimState.CANDIDATE, ClaimState.OPEN],
        to=ClaimState.REJECTED,
        action="claim.rejected",
        reason=reason,
    )


def claim_archive(
    *, claim: Claim, by: User | None, expected_version: int | None, reason: str = ""
) -> Claim:
    """Claims are never deleted; archiving takes one off the desk."""
    _require(by, permissions.can_review, "archive claims")
    return _transition(
        claim=claim,
        by=by,
        expected_version=expected_version,
        allowed_from=[ClaimState.CANDIDATE, ClaimState.OPEN, ClaimState.REJECTED],
        to=ClaimState.ARCHIVED,
        action="claim.archived",
        reason=reason,
    )


def claim_reopen(
    *, claim: Claim, by: User | None, expected_version: int | None, reason: str = ""
) -> Claim:
    """Back onto the desk: a rejected or archived claim becomes open, a verdict unverified."""
    _require(by, permissions.can_review, "reopen claims")
    with transaction.atomic(), service_writes():
        fresh = _lock(claim, expected_version)
        if fresh.state == ClaimState.OPEN and fresh.verdict == Verdict.UNVERIFIED:
            raise ServiceError("This claim is already open with no verdict.")
        if fresh.state == ClaimState.CANDIDATE:
            raise ServiceError("A candidate is accepted, not reopened.")
        before = fresh.snapshot()
        fresh.state = ClaimState.OPEN
        if fresh.verdict != Verdict.UNVERIFIED:
            record = VerdictRecord.objects.create(
                claim=fresh, verdict=Verdict.UNVERIFIED, reason=reason, decided_by=_user_or_none(by)
            )
            fresh.verdict = Verdict.UNVERIFIED
            fresh.current_verdict = record
        return _save_claim(fresh, by=by, action="claim.reopened", before=before, reason=reason)


def claim_set_verdict(
    *,
    claim: Claim,
    by: User | None,
    verdict: str,
    expected_version: int | None,
    reason: str = "",
    evidence: Sequence[Evidence] = (),
) -> Claim:
    """Record the desk's conclusion. Every verdict but Confirmed needs a reason."""
    _require(by, permissions.can_review, "reach verdicts")
    if verdict not in Verdict.values or verdict == Verdict.UNVERIFIED:
        raise ValidationError({"verdict": f"Unknown verdict {verdict!r}."})
    reason = reason.strip()
    if verdict != Verdict.CONFIRMED and not reason:
        label = Verdict(verdict).label.lower()
        raise ValidationError({"reason": f"Say why the claim is {label}: a reason is required."})
    with transaction.atomic(), service_writes():
        fresh = _lock(claim, expected_version)
        if fresh.state != ClaimState.OPEN:
            raise ServiceError(
                f"Only open claims get a verdict; this one is {fresh.get_state_display().lower()}."
            )
        relied = [e for e in evidence if e.claim_id == fresh.pk and e.is_active]
        if len(relied) != len(evidence):
            raise ValidationError({"evidence": "Pick evidence linked to this claim."})
        before = fresh.snapshot()
        record = VerdictRecord.objects.create(
            claim=fresh, verdict=verdict, reason=reason, decided_by=_user_or_none(by)
        )
        record.evidence.set(relied)
        fresh.verdict = verdict
        fresh.current_verdict = record
        return _save_claim(
            fresh,
            by=by,
            action="claim.verdict",
            before=before,
            reason=reason,
            extra_after={"evidence_relied_on": [e.pk for e in relied]},
        )


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
    with transaction.atomic(), service_writes():
        duplicate = Evidence.objects.filter(
            claim=claim,
            relation=relation,
            target_source=target_source,
            target_claim=target_claim,
            passage_start=passage_start,
            passage_end=passage_end,
            removed_at__isnull=True,
        )
        if duplicate.exists():
            raise ValidationError({"target": "That link is already on the claim."})
        evidence = Evidence.objects.create(
            claim=claim,
            relation=relation,
            target_source=target_source,
            target_claim=target_claim,
            passage_start=passage_start,
            passage_end=passage_end,
            quote=quote,
            note=note.strip(),
            created_by=_user_or_none(by),
        )
        record_event(
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
    """Remove a link. The row stays (verdicts may rely on it); the history says who and why."""
    _require(by, permissions.can_propose, "unlink evidence")
    with transaction.atomic(), service_writes():
        fresh = Evidence.objects.select_for_update().get(pk=evidence.pk)
        if fresh.removed_at is not None:
            raise ServiceError("That link was already removed.")
        fresh.removed_at = timezone.now()
        fresh.removed_by = _user_or_none(by)
        fresh.save(update_fields=["removed_at", "removed_by"])
        record_event(
            action="evidence.unlinked",
            by=by,
            claim=fresh.claim,
            reason=reason,
            before=_evidence_summary(fresh),
        )
    return fresh
