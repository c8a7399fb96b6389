"""Claims: proposing, editing, accepting, rejecting, verdicts."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Q
from django.db.models.sql import UpdateQuery

from claims import audit, permissions
from claims.audit import one_action
from claims.extraction import ExtractedQuantity
from claims.ingest.similar import passage_key
from claims.models import (
    Claim,
    ClaimEvent,
    ClaimState,
    Dimension,
    Evidence,
    Mention,
    Source,
    Verdict,
    VerdictRecord,
)
from claims.models_watch import NotificationKind
from claims.querysets import service_writes

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    User = AbstractBaseUser | AnonymousUser

from claims.services import desk_stats, watch
from claims.services._base import (
    CANDIDATE_MIN_SCORE,
    STATEMENT_MAX,
    ClaimConflict,
    ServiceError,
    _require,
    _user_or_none,
)
from claims.services.entities import entity_resolve
from claims.services.quantities import (
    _check_quantity_shape,
    apply_normal_quantity,
    clean_quantity,
)
from claims.services.revisions import passages_of_earlier

logger = logging.getLogger(__name__)


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
        state=state,
        score=min(max(score, 0.0), 1.0),
        created_by=_user_or_none(by),
        **fields,
        **desk_stats.figures_for_new_claim(source, actual_quote),
    )
    _check_quantity_shape(claim)
    apply_normal_quantity(claim)
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
            reported_at=desk_stats.reported_at(source),
        )
        desk_stats.count_new([claim])
        audit.record_event(
            action="claim.extracted" if extracted else "claim.created",
            by=by,
            claim=claim,
            source=source,
            after={
                **claim.snapshot(),
                "mention": _mention_summary(mention),
            },
        )
        watch.notify([watch.Touch(NEW_MENTION, claim.pk, what=_in_report(source))], by=by)
    return claim


NEW_MENTION = NotificationKind.MENTION


def _in_report(source: Source) -> str:
    return f"in “{source.title[:120]}”"


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


def claims_from_extraction(
    *, source: Source, quantities: Iterable[ExtractedQuantity], by: User | None = None
) -> list[Claim]:
    """Turn a source's extracted quantities into candidate claims with mentions.

    Idempotent: a passage that already has a mention is skipped, so a rerun adds nothing.
    One transaction and a fixed handful of queries per report (claims and mentions are
    inserted in bulk, each speaker resolved once), plus one history event per claim.
    """
    _require(by, permissions.can_propose, "propose claims")
    taken = set(Mention.objects.filter(source=source).values_list("start", "end"))
    creator = _user_or_none(by)
    # A revision (same address, or an updated copy elsewhere): a figure in a passage the
    # earlier text also had is a new mention of the claim made from it, not a new candidate.
    earlier = passages_of_earlier(source)
    pending: list[tuple[Claim, Mention, str, str]] = []
    again: list[tuple[int, Mention, str, str]] = []
    for q in quantities:
        if (q.start, q.end) in taken or q.score < CANDIDATE_MIN_SCORE:
            continue
        if not (0 <= q.start < q.end <= len(source.text)):
            logger.warning("Skipped figure %r in source %s: offsets outside", q.text, source.pk)
            continue
        sentence = source.text[q.sentence_start : q.sentence_end].strip()
        known = earlier.get(passage_key(sentence[:2000], source.text[q.start : q.end]))
        if known is not None:
            taken.add((q.start, q.end))
            again.append(
                (
                    known,
                    Mention(
                        source=source,
                        quote=source.text[q.start : q.end],
                        start=q.start,
                        end=q.end,
                        sentence=sentence[:2000],
                        verb=(q.verb or "")[:40],
                        extracted=True,
                        created_by=creator,
                        reported_at=desk_stats.reported_at(source),
                    ),
                    q.speaker or "",
                    q.via or "",
                )
            )
            continue
        dimension = q.dimension if q.dimension in Dimension.values else Dimension.OTHER
        try:
            fields = clean_quantity(
                {
                    "statement": (sentence or q.text)[:STATEMENT_MAX],
                    "value": q.value,
                    "low": q.low,
                    "high": q.high,
                    "qualifier": q.qualifier,
                    "trend": q.trend or "",
                    "change": q.change or "",
                    "from_value": q.from_value,
                    "unit": q.unit,
                    "unit_name": q.unit_name,
                    "dimension": dimension,
                    "currency": q.currency or "",
                    "per": q.per or "",
                    "subject": q.subject,
                    "as_of": q.as_of or "",
                }
            )
            claim = Claim(
                score=min(max(q.score, 0.0), 1.0),
                created_by=creator,
                **fields,
                **desk_stats.figures_for_new_claim(source, source.text[q.start : q.end]),
            )
            _check_quantity_shape(claim)
            apply_normal_quantity(claim)
        except ValidationError as exc:
            logger.warning("Skipped figure %r in source %s: %s", q.text, source.pk, exc)
            continue
        mention = Mention(
            source=source,
            quote=source.text[q.start : q.end],
            start=q.start,
            end=q.end,
            sentence=sentence[:2000],
            verb=(q.verb or "")[:40],
            extracted=True,
            created_by=creator,
            reported_at=desk_stats.reported_at(source),
        )
        taken.add((q.start, q.end))
        pending.append((claim, mention, q.speaker or "", q.via or ""))
    if not pending and not again:
        return []
    with one_action(), transaction.atomic(), service_writes():
        entities: dict[str, Any] = {}

        def resolve(name: str) -> Any:
            if name and name not in entities:
                entities[name] = entity_resolve(name=name, by=by)
            return entities.get(name)

        if again:
            _mentions_again(source=source, found=again, by=by, resolve=resolve)
        claims = Claim.objects.bulk_create([claim for claim, _m, _s, _v in pending])
        mentions = []
        for claim, (_c, mention, speaker, via) in zip(claims, pending, strict=True):
            mention.claim = claim
            mention.speaker = resolve(speaker)
            mention.via = resolve(via)
            mentions.append(mention)
        Mention.objects.bulk_create(mentions)
        desk_stats.count_new(claims)
        for claim, mention in zip(claims, mentions, strict=True):
            audit.record_event(
                action="claim.extracted",
                by=by,
                claim=claim,
                source=source,
                after={**claim.snapshot(), "mention": _mention_summary(mention)},
            )
        what = _in_report(source)
        watch.notify([watch.Touch(NEW_MENTION, c.pk, what=what) for c in claims], by=by)
    return claims


def _mentions_again(
    *,
    source: Source,
    found: Sequence[tuple[int, Mention, str, str]],
    by: User | None,
    resolve: Any,
) -> None:
    """New mentions, in a revision, of claims already on the desk: in bulk, each claim's
    mention figures recomputed, one history event per mention ("claim.mentioned")."""
    claims = {c.pk: c for c in Claim.objects.filter(pk__in={pk for pk, *_ in found})}
    mentions = []
    for claim_id, mention, speaker, via in found:
        if claim_id not in claims:
            continue
        mention.claim_id = claim_id
        mention.speaker = resolve(speaker)
        mention.via = resolve(via)
        mentions.append(mention)
    Mention.objects.bulk_create(mentions)
    desk_stats.refresh_claims(sorted({m.claim_id for m in mentions}))
    for mention in mentions:
        audit.record_event(
            action="claim.mentioned",
            by=by,
            claim=claims[mention.claim_id],
            source=source,
            reason=f"The same passage as in report {source.revision_of_id}, of which this "
            f"report is a revision.",
            after={"mention": _mention_summary(mention)},
        )


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
    extra_before: dict[str, Any] | None = None,
) -> Claim:
    claim.version += 1
    _check_quantity_shape(claim)
    apply_normal_quantity(claim)
    after = claim.snapshot()
    changed = {k for k in after if before.get(k) != after.get(k)}
    desk_stats.count_change(before, after)
    audit.record_event(
        action=action,
        by=by,
        claim=claim,
        reason=reason,
        before={**{k: before.get(k) for k in sorted(changed)}, **(extra_before or {})},
        after={**{k: after[k] for k in sorted(changed)}, **(extra_after or {})},
        write=_update_statement(claim),
    )
    return claim


def _update_statement(claim: Claim) -> tuple[str, Sequence[Any]]:
    """The UPDATE that ``claim.save()`` would send (every column, auto_now included), as SQL
    for the history to carry in the same round trip as its event."""
    fields = [f for f in Claim._meta.concrete_fields if not f.primary_key]
    query = UpdateQuery(Claim)
    query.add_update_fields([(f, None, f.pre_save(claim, False)) for f in fields])
    query.add_q(Q(pk=claim.pk))
    sql, params = query.get_compiler(connection.alias).as_sql()
    return sql, params


def _bounds_follow_value(claim: Claim, changes: dict[str, Any]) -> dict[str, Any]:
    """An exact figure keeps low = high = value: when only the value changes, its bounds move
    with it (an edit never fails because low and high still hold the old value)."""
    old = (claim.value, claim.low, claim.high)
    new_value = changes.get("value", claim.value)
    if claim.value is None or new_value is None or new_value == claim.value:
        return changes
    if claim.low not in (None, claim.value) or claim.high not in (None, claim.value):
        return changes
    untouched = all(
        changes.get(name, current) == current
        for name, current in zip(("low", "high"), old[1:], strict=True)
    )
    if not untouched:
        return changes
    return {
        **changes,
        "low": None if claim.low is None else new_value,
        "high": None if claim.high is None else new_value,
    }


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
        cleaned = _bounds_follow_value(fresh, cleaned)
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
        fresh.verdict_needs_review = False
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
    if not verdict:
        raise ValidationError({"verdict": "Choose a verdict: no verdict is recorded by default."})
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
        # Re-read under the claim's lock: a link unlinked meanwhile cannot be relied on.
        wanted = {e.pk for e in evidence}
        relied = list(
            Evidence.objects.filter(pk__in=wanted, claim=fresh, removed_at__isnull=True).order_by(
                "id"
            )
        )
        if len(relied) != len(wanted):
            raise ValidationError({"evidence": "Pick evidence linked to this claim."})
        before = fresh.snapshot()
        record = VerdictRecord.objects.create(
            claim=fresh, verdict=verdict, reason=reason, decided_by=_user_or_none(by)
        )
        record.evidence.set(relied)
        fresh.verdict = verdict
        fresh.current_verdict = record
        fresh.verdict_needs_review = False
        watch.notify(
            [watch.Touch(NotificationKind.VERDICT, fresh.pk, what=Verdict(verdict).label)], by=by
        )
        return _save_claim(
            fresh,
            by=by,
            action="claim.verdict",
            before=before,
            reason=reason,
            extra_after={"evidence_relied_on": [e.pk for e in relied]},
        )
