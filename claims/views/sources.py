"""The sources list and the source page (the report's text with its mentions highlighted)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from claims import permissions
from claims.models import ClaimState, Mention, Source

PAGE_SIZE = 50


@dataclass(frozen=True)
class Segment:
    """A run of the report's text: plain, or one mention's quote."""

    text: str
    mention: Mention | None = None


def segments(text: str, mentions: list[Mention]) -> list[Segment]:
    """Split the text at mention offsets. Overlapping mentions: the earlier one wins."""
    out: list[Segment] = []
    position = 0
    for mention in sorted(mentions, key=lambda m: (m.start, -m.end)):
        if mention.start < position or mention.end > len(text):
            continue
        if mention.start > position:
            out.append(Segment(text[position : mention.start]))
        out.append(Segment(text[mention.start : mention.end], mention))
        position = mention.end
    if position < len(text):
        out.append(Segment(text[position:]))
    return out


def source_list(request: HttpRequest) -> HttpResponse:
    visible_states = (
        [ClaimState.CANDIDATE, ClaimState.OPEN, ClaimState.REJECTED, ClaimState.ARCHIVED]
        if permissions.can_propose(request.user)
        else [ClaimState.OPEN, ClaimState.ARCHIVED]
    )
    qs = (
        Source.objects.visible_to(request.user)
        .select_related("outlet")
        .annotate(
            claim_count=Count(
                "mentions__claim",
                filter=Q(mentions__claim__state__in=visible_states),
                distinct=True,
            )
        )
        .order_by("-created_at", "-id")
    )
    term = request.GET.get("q", "").strip()[:200]
    if term:
        qs = qs.filter(Q(title__icontains=term) | Q(outlet__name__icontains=term))
    page = max(
        1, int(request.GET.get("page", "1")) if request.GET.get("page", "1").isdigit() else 1
    )
    rows = list(qs[(page - 1) * PAGE_SIZE : page * PAGE_SIZE + 1])
    context = {
        "sources": rows[:PAGE_SIZE],
        "page": page,
        "has_more": len(rows) > PAGE_SIZE,
        "q": term,
    }
    return render(request, "claims/source_list.html", context)


def source_detail(request: HttpRequest, pk: int) -> HttpResponse:
    source = get_object_or_404(
        Source.objects.visible_to(request.user).select_related("outlet", "revision_of"), pk=pk
    )
    mentions = Mention.objects.filter(source=source).select_related("claim", "speaker", "via")
    if not permissions.can_propose(request.user):
        mentions = mentions.filter(claim__state__in=[ClaimState.OPEN, ClaimState.ARCHIVED])
    mention_list = list(mentions.order_by("start"))
    context = {
        "source": source,
        "segments": segments(source.text, mention_list),
        "mentions": mention_list,
        "revisions": list(source.revisions.only("id", "revision", "retrieved_at")),
    }
    return render(request, "claims/source_detail.html", context)
