"""The sources list and the reading view: a report's text with its mentions highlighted, the
chosen claim beside the text, and "New claim from selection"."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_POST
from django.views.decorators.vary import vary_on_headers

from claims import permissions, services
from claims.bidi import neutralise_bidi
from claims.extraction import extract
from claims.figure_input import figure_input_text
from claims.forms import NewClaimForm, SearchForm
from claims.models import Claim, ClaimEvent, ClaimState, Dimension, Mention, Source
from claims.services.sources import NOT_A_REVISION, REVISION_UNLINKED
from claims.views import keyed
from claims.views.claims import TEMPLATE as CLAIM_TEMPLATE
from claims.views.claims import _detail_context
from claims.views.links import RowLink
from claims.views.queue import is_htmx

PAGE_SIZE = 50
CONTEXT_CHARS = 600


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


LIST_COLUMNS = (
    "id",
    "title",
    "revision",
    "kind",
    "published_at",
    "created_at",
    "outlet_id",
    "outlet__name",
)


def source_list(request: HttpRequest) -> HttpResponse:
    """Reports, newest first. Only the listed columns are read (never a report's text or raw
    content), and the claims are counted for the listed reports alone: the page costs the
    same on a desk of ten reports or of a hundred thousand."""
    visible_states = (
        [ClaimState.CANDIDATE, ClaimState.OPEN, ClaimState.REJECTED, ClaimState.ARCHIVED]
        if permissions.can_propose(request.user)
        else [ClaimState.OPEN, ClaimState.ARCHIVED]
    )
    qs = (
        Source.objects.visible_to(request.user)
        .select_related("outlet")
        .only(*LIST_COLUMNS)
        .order_by("-created_at", "-id")
    )
    search = SearchForm(request.GET)
    term = search.term()
    if term:
        qs = qs.filter(Q(title__icontains=term) | Q(outlet__name__icontains=term))
    page = search.page_number()
    rows = list(qs[(page - 1) * PAGE_SIZE : page * PAGE_SIZE + 1])
    sources = rows[:PAGE_SIZE]
    counts = dict(
        Mention.objects.filter(source__in=[s.pk for s in sources], claim__state__in=visible_states)
        .order_by()
        .values_list("source_id")
        .annotate(n=Count("claim_id", distinct=True))
    )
    link = RowLink("claims:source_detail")
    for source in sources:
        source.claim_count = counts.get(source.pk, 0)  # type: ignore[attr-defined]
        source.link = link(source.pk)  # type: ignore[attr-defined]
    context = {
        "sources": sources,
        "page": page,
        "has_more": len(rows) > PAGE_SIZE,
        "q": term,
    }
    return render(request, "claims/source_list.html", context)


def _get_source(request: HttpRequest, pk: int) -> Source:
    return get_object_or_404(
        Source.objects.visible_to(request.user).select_related("outlet", "revision_of"), pk=pk
    )


def _reading_context(request: HttpRequest, source: Source) -> dict[str, Any]:
    mentions = Mention.objects.filter(source=source).select_related("claim", "speaker", "via")
    if not permissions.can_propose(request.user):
        mentions = mentions.filter(claim__state__in=[ClaimState.OPEN, ClaimState.ARCHIVED])
    mention_list = list(mentions.order_by("start"))
    return {
        "source": source,
        "segments": segments(source.text, mention_list),
        "mentions": mention_list,
    }


@dataclass(frozen=True)
class Unlinked:
    """An editor said a report is not an updated copy of another (newest first)."""

    this_was_the_copy: bool
    other: int
    by: str
    at: datetime
    figures: int


def _revision_context(source: Source) -> dict[str, Any]:
    """Later revisions, and the links an editor undid: two queries, whatever the history."""
    events = ClaimEvent.objects.filter(
        source=source, action__in=[NOT_A_REVISION, REVISION_UNLINKED]
    ).only("action", "before", "after", "actor_label", "created_at")
    unlinked = []
    for event in events.order_by("-id")[:20]:
        copy = event.action == NOT_A_REVISION
        other = (event.before or {}).get("revision_of" if copy else "later_copy")
        if isinstance(other, int):
            figures = len((event.after or {}).get("mentions_detached") or [])
            unlinked.append(Unlinked(copy, other, event.actor_label, event.created_at, figures))
    return {
        "revisions": list(
            source.revisions.only(
                "id", "revision", "retrieved_at", "url", "title", "revision_overlap"
            )
        ),
        "unlinked": unlinked,
    }


def source_detail(request: HttpRequest, pk: int) -> HttpResponse:
    source = _get_source(request, pk)
    context = _reading_context(request, source)
    context.update(_revision_context(source))
    return render(request, "claims/source_detail.html", context)


@require_POST
@vary_on_headers("HX-Request")
def source_not_a_revision(request: HttpRequest, pk: int) -> HttpResponse:
    """ "Not a revision": the editor undoes the automatic link to an earlier report. The form
    names the earlier report the editor saw (``revision_of``); htmx gets the revision note
    and the report's text (its figures are candidates now), a plain POST the page again."""
    source = _get_source(request, pk)
    permissions.require(permissions.can_review(request.user), "say a report is not a revision")
    raw = request.POST.get("revision_of", "")
    error = message = ""
    try:
        if not raw.isdigit() or len(raw) > 10:
            raise services.ServiceError("The form did not say which earlier report it meant.")
        source = services.source_unlink_revision(
            source=source,
            by=request.user,
            revision_of=int(raw),
            reason=request.POST.get("reason", "")[:2000],
        )
        message = f"Report {source.pk} is no longer treated as a revision of report {raw}."
    except services.ServiceError as exc:
        error = str(exc)
    if not is_htmx(request):
        if error:
            messages.error(request, error)
        else:
            messages.success(request, message)
        return HttpResponseRedirect(reverse("claims:source_detail", args=[source.pk]))
    source = _get_source(request, pk)
    context = {**_reading_context(request, source), **_revision_context(source)}
    note = render_to_string(
        "claims/source_detail.html#revision-note",
        {**context, "revision_error": error, "revision_message": "" if error else message},
        request=request,
    )
    if error:
        return HttpResponse(note)
    text = render_to_string(
        "claims/source_detail.html#report-text", {**context, "oob": True}, request=request
    )
    figures = render_to_string(
        "claims/source_detail.html#figure-list", {**context, "oob": True}, request=request
    )
    return HttpResponse(note + text + figures)


def _prefill(source: Source, start: int, end: int) -> dict[str, Any]:
    """Suggest the quantity: run the extractor on the text around the selection."""
    quote = source.text[start:end]
    lo = max(0, start - CONTEXT_CHARS)
    window = source.text[lo : min(len(source.text), end + CONTEXT_CHARS)]
    found = [
        q
        for q in extract(window)
        if q.start + lo < end and q.end + lo > start  # overlaps the selection
    ]
    initial: dict[str, Any] = {"start": start, "end": end, "quote": quote, "statement": quote}
    if found:
        q = found[0]
        typed = figure_input_text(q)
        initial.update({"figure": typed, "figure_was": typed})
        sentence = window[q.sentence_start : q.sentence_end].strip()
        initial.update(
            {
                "statement": sentence or quote,
                "value": q.value,
                "low": q.low,
                "high": q.high,
                "qualifier": q.qualifier,
                "unit": q.unit,
                "unit_name": q.unit_name,
                "dimension": q.dimension if q.dimension in Dimension.values else "other",
                "currency": q.currency or "",
                "per": q.per or "",
                "trend": q.trend or "",
                "change": q.change or "",
                "from_value": q.from_value,
                "subject": q.subject,
                "as_of": q.as_of or "",
                "speaker": q.speaker or "",
                "verb": q.verb or "",
            }
        )
    return initial


def _new_claim_page(
    request: HttpRequest, source: Source, form: NewClaimForm, status: int = 200
) -> HttpResponse:
    if is_htmx(request):
        return render(
            request, "claims/source_detail.html#new-claim", {"source": source, "new_form": form}
        )
    context = _reading_context(request, source)
    context.update({"new_form": form, "revisions": [], "unlinked": []})
    return render(request, "claims/source_detail.html", context, status=status)


def claim_from_selection(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the prefilled form for the selected passage. POST: the new claim (a candidate)."""
    source = _get_source(request, pk)
    permissions.require(permissions.can_propose(request.user), "propose claims")
    if request.method != "POST":
        raw_start, raw_end = request.GET.get("start", ""), request.GET.get("end", "")
        if raw_start.isdigit() and raw_end.isdigit():
            start, end = int(raw_start), int(raw_end)
            if 0 <= start < end <= len(source.text):
                return _new_claim_page(
                    request, source, NewClaimForm(initial=_prefill(source, start, end))
                )
        form = NewClaimForm(initial={"start": raw_start, "end": raw_end})
        form.selection_error = "Select a passage of the report first."  # type: ignore[attr-defined]
        return _new_claim_page(request, source, form)
    form = NewClaimForm(request.POST)
    if not form.is_valid():
        return _new_claim_page(request, source, form)
    data = form.cleaned_data
    quote = data.get("quote") or None
    if quote is not None and quote == neutralise_bidi(source.text[data["start"] : data["end"]]):
        # The page shows a bidi control as a zero-width space (claims.bidi): the selection
        # is the stored passage.
        quote = source.text[data["start"] : data["end"]]
    try:
        with keyed.once(request, "Claim created from your selection.") as outcome:
            claim = services.claim_create(
                by=request.user,
                source=source,
                start=data["start"],
                end=data["end"],
                quote=quote,
                statement=data["statement"],
                quantity=form.quantity(),
                speaker=data.get("speaker") or "",
                verb=data.get("verb") or "",
            )
            outcome.text = f"Claim {claim.pk} created from your selection."
    except keyed.AlreadyDone as exc:
        # The same form sent again after a lost answer: the claim exists; say so, show the report.
        if exc.earlier.same_change:
            messages.success(request, exc.earlier.message)
        else:
            messages.error(request, exc.earlier.refusal)
        url = reverse("claims:source_detail", args=[source.pk])
        if is_htmx(request):
            response = HttpResponse(status=204)
            response["HX-Redirect"] = url
            return response
        return HttpResponseRedirect(url)
    except ValidationError as exc:
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
        return _new_claim_page(request, source, form)
    if not is_htmx(request):
        messages.success(request, f"Claim {claim.pk} created from your selection.")
        return HttpResponseRedirect(reverse("claims:detail", args=[claim.pk]))
    claim = Claim.objects.select_related("current_verdict__decided_by", "merged_into").get(
        pk=claim.pk
    )
    panel_context = _detail_context(request, claim)
    panel_context.update({"message": f"Claim {claim.pk} created from your selection."})
    panel = render_to_string(f"{CLAIM_TEMPLATE}#claim-panel", panel_context, request=request)
    text = render_to_string(
        "claims/source_detail.html#report-text",
        {**_reading_context(request, source), "oob": True},
        request=request,
    )
    return HttpResponse(panel + text)
