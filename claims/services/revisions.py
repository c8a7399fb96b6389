"""Updated copies: a new report that is mostly the text of a recent one becomes its revision,
and the figures of its unchanged passages become new mentions of the claims already made.

Reads for :func:`claims.services.source_create` and :func:`claims.services.claims_from_extraction`
(both write, with history, in their own transactions). The comparison itself is the pure
:mod:`claims.ingest.similar`; here is only which earlier reports are compared, and that is
bounded: the :data:`RECENT` latest reports of the same outlet, and the :data:`RECENT` latest of
the same site (scheme and host of the address) brought in within :data:`WINDOW_DAYS` days, each
compared only when its text is at most :data:`MAX_CHARS` long. Never the whole desk.

A report with neither outlet nor address (a paste, an upload without metadata) has no outlet
or site to compare within: it is compared with the :data:`RECENT` latest reports that have
neither either, brought in within :data:`WINDOW_DAYS` days (the desk's pasted copies, where an
editor pasting the update of a text pasted last week expects it to be found). Reports with an
outlet or an address are not searched for it: finding those would take a search by wording
over the whole desk, which this rule never does.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.utils import timezone

from claims.ingest.similar import Similarity, compare, is_revision, passage_key
from claims.models import Claim, Entity, Mention, Source

RECENT = 40
WINDOW_DAYS = 30
MAX_CHARS = 400_000


@dataclass(frozen=True)
class NearCopy:
    source: Source
    similarity: Similarity


def _site(url: str) -> str:
    parts = urlsplit(url)
    if not parts.scheme or not parts.hostname:
        return ""
    return f"{parts.scheme}://{parts.netloc}/"


def recent_candidates(*, outlet: Entity | None, url: str) -> list[int]:
    """The earlier reports a new one is compared with: at most 2 × RECENT ids."""
    ids: list[int] = []
    since = timezone.now() - dt.timedelta(days=WINDOW_DAYS)
    if outlet is None and not url:
        return sorted(
            Source.objects.filter(
                outlet__isnull=True, url="", created_at__gte=since, archived_at__isnull=True
            )
            .order_by("-created_at", "-id")
            .values_list("id", flat=True)[:RECENT]
        )
    if outlet is not None:
        ids += list(
            Source.objects.filter(outlet=outlet, archived_at__isnull=True)
            .order_by("-published_at", "-id")
            .values_list("id", flat=True)[:RECENT]
        )
    site = _site(url)
    if site:
        ids += list(
            Source.objects.filter(
                created_at__gte=since, url__startswith=site, archived_at__isnull=True
            )
            .order_by("-created_at", "-id")
            .values_list("id", flat=True)[:RECENT]
        )
    return sorted(set(ids))


def near_copy_of(*, text: str, outlet: Entity | None, url: str) -> NearCopy | None:
    """The recent report this text is an updated copy of (the most alike), or None."""
    ids = recent_candidates(outlet=outlet, url=url)
    if not ids or len(text) > MAX_CHARS:
        return None
    best: tuple[float, int, Similarity] | None = None
    rows = Source.objects.filter(pk__in=ids).order_by().values_list("id", "text")
    for pk, earlier in rows:
        if len(earlier) > MAX_CHARS:
            continue
        similarity = compare(text, earlier)
        if not is_revision(similarity):
            continue
        if best is None or (similarity.ratio, pk) > (best[0], best[1]):
            best = (similarity.ratio, pk, similarity)
    if best is None:
        return None
    return NearCopy(Source.objects.get(pk=best[1]), best[2])


def passages_of_earlier(source: Source) -> dict[tuple[str, str], int]:
    """For a revision: the earlier revision's figures by passage (sentence and quote), each to
    the claim that holds it now (a merged claim's survivor). Empty for a first revision."""
    if source.revision_of_id is None:
        return {}
    mentions = (
        Mention.objects.filter(source_id=source.revision_of_id)
        .order_by("start", "id")
        .values_list("sentence", "quote", "claim_id")
    )
    found: dict[tuple[str, str], int] = {}
    for sentence, quote, claim_id in mentions:
        found.setdefault(passage_key(sentence, quote), claim_id)
    return _survivors(found)


def _survivors(found: dict[tuple[str, str], int]) -> dict[tuple[str, str], int]:
    """Follow merges to the claim that stays (merges chain rarely; a few queries at most)."""
    ids = set(found.values())
    final = {pk: pk for pk in ids}
    for _ in range(5):
        merged = dict(
            Claim.objects.filter(pk__in=set(final.values()), merged_into__isnull=False)
            .order_by()
            .values_list("pk", "merged_into_id")
        )
        if not merged:
            break
        final = {pk: merged.get(now, now) for pk, now in final.items()}
    return {key: final[claim_id] for key, claim_id in found.items()}
