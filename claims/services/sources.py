"""Reports: stored once, never edited, revised when the page changes."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from claims import audit, permissions
from claims.bidi import strip_bidi
from claims.ingest.similar import compare
from claims.models import (
    Claim,
    ClaimEvent,
    EntityKind,
    ExtractionStatus,
    Mention,
    Source,
    SourceKind,
    SourceOrigin,
    sha256_text,
)
from claims.querysets import service_writes

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    User = AbstractBaseUser | AnonymousUser

from claims.services import desk_stats
from claims.services._base import ServiceError, _require, _user_or_none
from claims.services.claims import _mention_summary
from claims.services.entities import entity_resolve
from claims.services.matching import matches_for_claims
from claims.services.quantities import apply_normal_quantity
from claims.services.revisions import MAX_CHARS, near_copy_of

logger = logging.getLogger(__name__)

URL_MAX = Source._meta.get_field("url").max_length or 2000


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
    fetched_url: str = "",
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
    existing source; the same URL with a changed text becomes a new revision, and so does an
    updated copy elsewhere: a text mostly the same as a recent report of the same outlet or
    site (:func:`claims.services.revisions.near_copy_of`, a bounded comparison)."""
    _require(by, permissions.can_propose, "bring in reports")
    if not text.strip():
        raise ValidationError({"text": "The report has no text."})
    if kind not in SourceKind.values:
        raise ValidationError({"kind": f"Unknown kind of report: {kind!r}."})
    if len(url) > URL_MAX:
        raise ValidationError(
            {
                "url": f"The report's address is {len(url):,} characters long; Factdesk keeps "
                f"addresses of up to {URL_MAX:,}. Save the page and upload it instead."
            }
        )
    if len(canonical_url) > URL_MAX:
        # The page names an address too long to keep: keep the address it was fetched from.
        logger.info("Ignoring a canonical URL of %d characters", len(canonical_url))
        canonical_url = ""
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
            near = None
            if previous is None:
                near = near_copy_of(text=text, outlet=outlet_entity, url=key_url)
                previous = near.source if near is not None else None
            similarity = near.similarity if near is not None else None
            if previous is not None and near is None and len(previous.text) < MAX_CHARS:
                similarity = compare(text, previous.text)
            source = Source.objects.create(
                url=key_url,
                canonical_url=canonical_url,
                fetched_url=fetched_url,
                title=(strip_bidi(title).strip() or _title_from_text(text))[:500],
                outlet=outlet_entity,
                authors=[strip_bidi(a).strip() for a in authors if strip_bidi(a).strip()][:20],
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
                revision_similarity=round(similarity.ratio, 3) if similarity else None,
                revision_overlap=similarity.words() if similarity else "",
                extraction_status=ExtractionStatus.PENDING if extract else ExtractionStatus.SKIPPED,
                created_by=_user_or_none(by),
            )
            desk_stats.count_new_sources()
            audit.record_event(
                action="source.revised" if previous else "source.created",
                by=by,
                source=source,
                after={
                    "title": source.title,
                    "url": source.url,
                    **({"fetched_url": fetched_url} if fetched_url else {}),
                    "sha256": digest,
                    "revision": source.revision,
                    "outlet": outlet_entity.name if outlet_entity else None,
                    **(
                        {
                            "revision_of": previous.pk,
                            "overlap": source.revision_overlap,
                            "found_by": "text" if near is not None else "url",
                        }
                        if previous is not None
                        else {}
                    ),
                },
            )
            if extract:
                length = len(text)
                transaction.on_commit(lambda: _enqueue_extraction(source.pk, text_length=length))
    except IntegrityError:
        # Two people brought in the same report at the same moment: theirs won.
        existing = Source.objects.filter(sha256=digest).first()
        if existing is None:
            raise
        return SourceResult(existing, created=False)
    return SourceResult(source, created=True, previous_revision=previous)


def _title_from_text(text: str) -> str:
    first_line = next((line.strip() for line in text.splitlines() if line.strip()), "Untitled")
    return strip_bidi(first_line).strip()[:120] or "Untitled"


def extraction_backend(text_length: int) -> str:
    """The task backend that extracts a report of this many characters.

    With the embedded default (ImmediateBackend, which runs tasks inside the request), a report
    longer than EXTRACTION_INLINE_MAX_CHARS goes to the "background" database queue instead,
    drained by the worker ``make run`` starts; a real queue as default takes everything.
    """
    from django.tasks import task_backends
    from django.tasks.backends.immediate import ImmediateBackend

    inline = isinstance(task_backends["default"], ImmediateBackend)
    if inline and text_length > int(settings.EXTRACTION_INLINE_MAX_CHARS):
        return "background"
    return "default"


def extracts_in_background(source: Source) -> bool:
    return extraction_backend(len(source.text)) == "background"


def _enqueue_extraction(source_id: int, *, text_length: int = 0) -> None:
    from claims.tasks import extract_source

    extract_source.using(backend=extraction_backend(text_length)).enqueue(source_id)


def source_set_extraction_status(
    *,
    source: Source,
    status: str,
    error: str = "",
    by: User | None = None,
    figures_found: int | None = None,
    candidates_kept: int | None = None,
) -> Source:
    """Record where extraction stands; when done, how many figures were found and kept."""
    with transaction.atomic(), service_writes():
        before = {"extraction_status": source.extraction_status}
        fields: dict[str, Any] = {"extraction_status": status, "extraction_error": error[:2000]}
        if status == ExtractionStatus.DONE:
            fields["extracted_at"] = timezone.now()
            if figures_found is not None and candidates_kept is not None:
                fields["figures_found"] = figures_found
                fields["candidates_kept"] = candidates_kept
        Source.objects.filter(pk=source.pk).update(**fields)
        for name, value in fields.items():
            setattr(source, name, value)
        if status in {ExtractionStatus.DONE, ExtractionStatus.FAILED}:
            audit.record_event(
                action=f"source.extraction_{status}",
                by=by,
                source=source,
                reason=error[:2000],
                before=before,
                after={
                    "extraction_status": status,
                    **{k: fields[k] for k in ("figures_found", "candidates_kept") if k in fields},
                },
            )
    return source


# --- "Not a revision" ---------------------------------------------------------------------

NOT_A_REVISION = "source.not_a_revision"
REVISION_UNLINKED = "source.revision_unlinked"


def source_unlink_revision(
    *, source: Source, by: User | None, revision_of: int, reason: str = ""
) -> Source:
    """An editor says the automatic link is wrong: ``source`` is not an updated copy of the
    report ``revision_of`` (the id the editor saw, so a stale or forged request is refused).

    Only a link found by the text (:attr:`Source.is_copy_elsewhere`) can be undone; a later
    text of the same address stays that page's revision. The report becomes a first report
    at its own address (revision 1, no overlap), and every figure the link had turned into a
    mention of an older report's claim becomes a candidate of its own again, as it would
    have been without the link: the same reading of the figure, a new claim, the mention
    moved to it, the engine's suggestions computed for it (it may still be the same figure,
    and "Same claim" can say so). A mention an editor has since moved to another claim is left.
    Idempotent: saying it again about the same pair changes nothing. Events: one on each
    report, one per claim a mention left and one per new candidate, under one correlation id.
    """
    _require(by, permissions.can_review, "say a report is not a revision")
    with audit.one_action(), transaction.atomic(), service_writes():
        fresh = Source.objects.select_for_update(of=("self",)).get(pk=source.pk)
        if fresh.revision_of_id is None:
            said = ClaimEvent.objects.filter(source=fresh, action=NOT_A_REVISION).order_by("-id")
            if any((e.before or {}).get("revision_of") == revision_of for e in said[:20]):
                return fresh
            raise ServiceError(f"Report {fresh.pk} is not a revision of another report.")
        if fresh.revision_of_id != revision_of:
            raise ServiceError(
                f"Report {fresh.pk} is a revision of report {fresh.revision_of_id}, not of "
                f"report {revision_of}: reload the page and look again."
            )
        earlier = Source.objects.get(pk=fresh.revision_of_id)
        fresh.revision_of = earlier
        if not fresh.is_copy_elsewhere:
            raise ServiceError(
                f"Report {fresh.pk} is a later text of the same address as report {earlier.pk}; "
                "only a report linked by the likeness of its text can be unlinked."
            )
        before = {
            "revision_of": earlier.pk,
            "revision": fresh.revision,
            "overlap": fresh.revision_overlap,
        }
        detached = _detach_revision_mentions(source=fresh, earlier=earlier, by=by)
        fresh.revision_of = None
        fresh.revision = 1
        fresh.revision_similarity = None
        fresh.revision_overlap = ""
        fresh.save(
            update_fields=["revision_of", "revision", "revision_similarity", "revision_overlap"]
        )
        moved = [[m, old, new] for m, old, new in detached]
        audit.record_event(
            action=NOT_A_REVISION,
            by=by,
            source=fresh,
            reason=reason.strip(),
            before=before,
            after={"revision_of": None, "revision": 1, "mentions_detached": moved},
        )
        audit.record_event(
            action=REVISION_UNLINKED,
            by=by,
            source=earlier,
            reason=reason.strip(),
            before={"later_copy": fresh.pk},
            after={"later_copy": None, "mentions_detached": moved},
        )
    return fresh


def _detach_revision_mentions(
    *, source: Source, earlier: Source, by: User | None
) -> list[tuple[int, int, int]]:
    """The figures the revision link made mentions of older claims ("claim.mentioned" events
    on this report), each now a new candidate: [(mention, old claim, new claim)]."""
    made = {
        (e.claim_id, (e.after or {}).get("mention", {}).get("start"))
        for e in ClaimEvent.objects.filter(source=source, action="claim.mentioned").only(
            "claim_id", "after"
        )
    }
    mentions = [
        m
        for m in Mention.objects.filter(source=source)
        .select_related("claim", "speaker", "via")
        .order_by("start", "id")
        if (m.claim_id, m.start) in made
    ]
    if not mentions:
        return []
    creator = _user_or_none(by)
    fresh_claims = []
    for mention in mentions:
        old = mention.claim
        claim = Claim(
            score=old.score,
            created_by=creator,
            **{name: getattr(old, name) for name in Claim.QUANTITY_FIELDS},
            **desk_stats.figures_for_new_claim(source, mention.quote),
        )
        apply_normal_quantity(claim)
        fresh_claims.append(claim)
    claims = Claim.objects.bulk_create(fresh_claims)
    olds = {m.pk: m.claim for m in mentions}
    for mention, claim in zip(mentions, claims, strict=True):
        mention.claim = claim
    Mention.objects.bulk_update(mentions, ["claim"])
    desk_stats.count_new(claims)
    desk_stats.refresh_claims([c.pk for c in olds.values()] + [c.pk for c in claims])
    why = (
        f"Report {source.pk} is not a revision of report {earlier.pk}: its figure is a "
        "candidate of its own."
    )
    done = []
    for mention, claim in zip(mentions, claims, strict=True):
        old = olds[mention.pk]
        summary = _mention_summary(mention)
        audit.record_event(
            action="claim.mention_detached",
            by=by,
            claim=old,
            source=source,
            reason=why,
            before={"mention": summary},
            after={"moved_to": claim.pk},
        )
        audit.record_event(
            action="claim.extracted",
            by=by,
            claim=claim,
            source=source,
            reason=why,
            after={**claim.snapshot(), "mention": summary, "detached_from": old.pk},
        )
        done.append((mention.pk, old.pk, claim.pk))
    matches_for_claims(claims=claims)
    return done
