"""The claims list, the claim page and its actions (accept, reject, verdict, edit, evidence)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, Q
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_POST
from django.views.decorators.vary import vary_on_headers

from claims import permissions, services
from claims.forms import ClaimEditForm, ClaimFilterForm, EvidenceLinkForm, VerdictForm, VersionForm
from claims.models import Claim, ClaimEvent, ClaimState, Evidence, Mention, Source, Verdict

PAGE_SIZE = 50
TEMPLATE = "claims/claim_detail.html"


def visible_claims(request: HttpRequest) -> Any:
    return Claim.objects.visible_to(request.user)


def get_claim(request: HttpRequest, pk: int) -> Claim:
    """The claim if this user may see it, else 404 (never reveal that it exists)."""
    return get_object_or_404(visible_claims(request), pk=pk)


def _filtered(request: HttpRequest) -> tuple[Any, ClaimFilterForm]:
    form = ClaimFilterForm(request.GET or None)
    form.fields["state"].choices = [("", "Any state"), *ClaimState.choices]
    qs = visible_claims(request).not_merged()
    if form.is_valid():
        data = form.cleaned_data
        if data.get("state"):
            qs = qs.filter(state=data["state"])
        if data.get("verdict"):
            qs = qs.filter(verdict=data["verdict"])
        if data.get("dimension"):
            qs = qs.filter(dimension=data["dimension"])
        if data.get("source"):
            qs = qs.filter(mentions__source_id=data["source"])
        if data.get("outlet"):
            qs = qs.filter(mentions__source__outlet_id=data["outlet"])
        if data.get("speaker"):
            qs = qs.filter(
                Q(mentions__speaker_id=data["speaker"]) | Q(mentions__via_id=data["speaker"])
            )
        if data.get("kind"):
            qs = qs.filter(mentions__source__kind=data["kind"])
        if data.get("q"):
            term = data["q"]
            qs = qs.filter(
                Q(statement__icontains=term)
                | Q(subject__icontains=term)
                | Q(unit_name__icontains=term)
                | Q(mentions__quote__icontains=term)
            )
    return qs.distinct(), form


def _parse_cursor(raw: str) -> tuple[datetime, int] | None:
    stamp, _, pk = raw.rpartition("_")
    try:
        return datetime.fromisoformat(stamp), int(pk)
    except ValueError:
        return None


@vary_on_headers("HX-Request")
def claim_list(request: HttpRequest) -> HttpResponse:
    qs, form = _filtered(request)
    cursor = _parse_cursor(request.GET.get("after", ""))
    if cursor is not None:
        stamp, pk = cursor
        qs = qs.filter(Q(updated_at__lt=stamp) | Q(updated_at=stamp, id__lt=pk))
    rows = list(qs.order_by("-updated_at", "-id").with_list_related()[: PAGE_SIZE + 1])
    has_more = len(rows) > PAGE_SIZE
    rows = rows[:PAGE_SIZE]
    next_cursor = f"{rows[-1].updated_at.isoformat()}_{rows[-1].pk}" if has_more else ""
    params = request.GET.copy()
    params.pop("after", None)
    if next_cursor:
        params["after"] = next_cursor
    context = {
        "claims": rows,
        "form": form,
        "next_url": f"?{params.urlencode()}" if next_cursor else "",
        "filter_query": request.GET.urlencode(),
    }
    template = "claims/claim_list.html#claim-rows" if request.htmx else "claims/claim_list.html"
    return render(request, template, context)


def _detail_context(request: HttpRequest, claim: Claim) -> dict[str, Any]:
    mentions = (
        Mention.objects.filter(claim=claim)
        .select_related("source__outlet", "speaker", "via")
        .order_by("source__published_at", "source_id", "start")
    )
    evidence = (
        Evidence.objects.filter(claim=claim)
        .select_related("target_source__outlet", "target_claim", "created_by", "removed_by")
        .order_by("created_at", "id")
    )
    evidence_list = list(evidence)
    events = list(
        ClaimEvent.objects.filter(claim=claim).select_related("actor").order_by("-id")[:200]
    )
    verdicts = list(
        claim.verdicts.select_related("decided_by").prefetch_related(
            Prefetch("evidence", queryset=Evidence.objects.only("id", "relation", "claim_id"))
        )
    )
    return {
        "claim": claim,
        "mentions": list(mentions),
        "evidence": evidence_list,
        "active_evidence": [e for e in evidence_list if e.removed_at is None],
        "events": events,
        "verdicts": verdicts,
        "edit_form": ClaimEditForm.for_claim(claim),
        "verdict_form": VerdictForm(initial={"version": claim.version}, claim=None),
        "link_form": EvidenceLinkForm(),
        "verdict_choices": [v for v in Verdict if v != Verdict.UNVERIFIED],
    }


@vary_on_headers("HX-Request")
def claim_detail(request: HttpRequest, pk: int) -> HttpResponse:
    claim = get_object_or_404(
        visible_claims(request).select_related("current_verdict__decided_by", "merged_into"),
        pk=pk,
    )
    return render(request, TEMPLATE, _detail_context(request, claim))


def _respond(
    request: HttpRequest,
    claim: Claim,
    *,
    message: str = "",
    error: str = "",
    conflict: services.ClaimConflict | None = None,
    forms: dict[str, Any] | None = None,
) -> HttpResponse:
    """After an action: the refreshed panel for htmx, a redirect (or an error page) otherwise."""
    if not request.htmx and not error and conflict is None and not forms:
        return HttpResponseRedirect(reverse("claims:detail", args=[claim.pk]))
    claim = Claim.objects.select_related("current_verdict__decided_by").get(pk=claim.pk)
    context = _detail_context(request, claim)
    context.update({"message": message, "error": error, "conflict": conflict, **(forms or {})})
    template = f"{TEMPLATE}#claim-panel" if request.htmx else TEMPLATE
    return render(request, template, context)


def _errors_text(exc: ValidationError) -> str:
    if hasattr(exc, "error_dict"):
        return " ".join(str(m) for messages in exc.message_dict.values() for m in messages)
    return " ".join(exc.messages)


def _version_action(request: HttpRequest, pk: int, action: Any, done: str) -> HttpResponse:
    claim = get_claim(request, pk)
    permissions.require(permissions.can_review(request.user), "review claims")
    form = VersionForm(request.POST)
    if not form.is_valid():
        return _respond(request, claim, error="The form was incomplete; reload the page.")
    try:
        action(
            claim=claim,
            by=request.user,
            expected_version=form.cleaned_data["version"],
            reason=form.cleaned_data.get("reason") or "",
        )
    except services.ClaimConflict as exc:
        return _respond(request, claim, conflict=exc)
    except (services.ServiceError, ValidationError) as exc:
        text = _errors_text(exc) if isinstance(exc, ValidationError) else str(exc)
        return _respond(request, claim, error=text)
    return _respond(request, claim, message=done)


@require_POST
def claim_accept(request: HttpRequest, pk: int) -> HttpResponse:
    return _version_action(request, pk, services.claim_accept, "Accepted onto the desk.")


@require_POST
def claim_reject(request: HttpRequest, pk: int) -> HttpResponse:
    return _version_action(request, pk, services.claim_reject, "Rejected.")


@require_POST
def claim_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    return _version_action(request, pk, services.claim_reopen, "Reopened.")


@require_POST
def claim_verdict(request: HttpRequest, pk: int) -> HttpResponse:
    claim = get_claim(request, pk)
    permissions.require(permissions.can_review(request.user), "reach verdicts")
    form = VerdictForm(request.POST, claim=claim)
    if not form.is_valid():
        return _respond(request, claim, forms={"verdict_form": form})
    data = form.cleaned_data
    chosen = list(Evidence.objects.filter(claim=claim, pk__in=data.get("evidence") or []))
    try:
        services.claim_set_verdict(
            claim=claim,
            by=request.user,
            verdict=data["verdict"],
            reason=data.get("reason") or "",
            expected_version=data["version"],
            evidence=chosen,
        )
    except services.ClaimConflict as exc:
        return _respond(request, claim, conflict=exc)
    except ValidationError as exc:
        form.add_error(None, _errors_text(exc))
        return _respond(request, claim, forms={"verdict_form": form})
    except services.ServiceError as exc:
        return _respond(request, claim, error=str(exc))
    return _respond(request, claim, message=f"Verdict recorded: {Verdict(data['verdict']).label}.")


@vary_on_headers("HX-Request")
def claim_edit(request: HttpRequest, pk: int) -> HttpResponse:
    claim = get_claim(request, pk)
    permissions.require(permissions.can_review(request.user), "edit claims")
    if request.method != "POST":
        context = _detail_context(request, claim)
        context["editing"] = True
        template = f"{TEMPLATE}#quantity-panel" if request.htmx else TEMPLATE
        return render(request, template, context)
    form = ClaimEditForm(request.POST)
    if not form.is_valid():
        return _respond(request, claim, forms={"edit_form": form, "editing": True})
    try:
        services.claim_edit(
            claim=claim,
            by=request.user,
            expected_version=form.cleaned_data["version"],
            changes=form.changes(),
            reason=form.cleaned_data.get("reason") or "",
        )
    except services.ClaimConflict as exc:
        return _respond(request, claim, conflict=exc, forms={"edit_form": form, "editing": True})
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            for field, messages in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, messages)
        else:
            form.add_error(None, exc.messages)
        return _respond(request, claim, forms={"edit_form": form, "editing": True})
    return _respond(request, claim, message="Saved.")


@require_POST
def evidence_link(request: HttpRequest, pk: int) -> HttpResponse:
    claim = get_claim(request, pk)
    permissions.require(permissions.can_propose(request.user), "link evidence")
    form = EvidenceLinkForm(request.POST)
    if not form.is_valid():
        return _respond(request, claim, forms={"link_form": form})
    data = form.cleaned_data
    target_claim = target_source = None
    if data.get("target_claim"):
        target_claim = visible_claims(request).filter(pk=data["target_claim"]).first()
        if target_claim is None:
            form.add_error("target_claim", "There is no such claim.")
    else:
        target_source = Source.objects.filter(pk=data["target_source"]).first()
        if target_source is None:
            form.add_error("target_source", "There is no such report.")
    if form.errors:
        return _respond(request, claim, forms={"link_form": form})
    try:
        services.evidence_link(
            claim=claim,
            by=request.user,
            relation=data["relation"],
            target_claim=target_claim,
            target_source=target_source,
            passage_start=data.get("passage_start"),
            passage_end=data.get("passage_end"),
            note=data.get("note") or "",
        )
    except ValidationError as exc:
        form.add_error(None, _errors_text(exc))
        return _respond(request, claim, forms={"link_form": form})
    return _respond(request, claim, message="Evidence linked.")


@require_POST
def evidence_unlink(request: HttpRequest, pk: int) -> HttpResponse:
    evidence = get_object_or_404(Evidence.objects.select_related("claim"), pk=pk)
    claim = get_claim(request, evidence.claim_id)
    permissions.require(permissions.can_propose(request.user), "unlink evidence")
    try:
        services.evidence_unlink(
            evidence=evidence, by=request.user, reason=request.POST.get("reason", "")[:2000]
        )
    except services.ServiceError as exc:
        return _respond(request, claim, error=str(exc))
    return _respond(request, claim, message="Evidence unlinked.")


def claim_counts(request: HttpRequest) -> dict[str, dict[str, int]]:
    """Counts by state and by verdict (one query each) for the dashboard and the queue."""
    qs = visible_claims(request).not_merged()
    by_state = dict(
        qs.order_by().values_list("state").annotate(n=Count("id")).values_list("state", "n")
    )
    by_verdict = dict(
        qs.filter(state=ClaimState.OPEN)
        .order_by()
        .values_list("verdict")
        .annotate(n=Count("id"))
        .values_list("verdict", "n")
    )
    return {
        "state": {s.value: by_state.get(s.value, 0) for s in ClaimState},
        "verdict": {v.value: by_verdict.get(v.value, 0) for v in Verdict},
    }
