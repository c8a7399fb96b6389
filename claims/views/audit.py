"""The history pages: a claim as of any event, revert, the desk-wide audit log and its exports."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from datetime import datetime, time
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.response import StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST
from django.views.decorators.vary import vary_on_headers

from claims import audit, history_text, permissions, services
from claims.bidi import escape_bidi_json
from claims.exports.safety import csv_text
from claims.forms import DeskForm, IdField, VersionField, parse_int
from claims.http import HtmxHttpRequest
from claims.models import Claim, ClaimEvent, Evidence
from claims.services import history
from claims.services.history import DECIMAL_FIELDS, REVERTIBLE_FIELDS, WORKFLOW_FIELDS, ClaimAsOf
from claims.views.claims import get_claim
from claims.views.links import set_event_links

PAGE_SIZE = 50
EXPORT_CHUNK = 2000
AS_OF_TEMPLATE = "claims/audit_as_of.html"
LOG_TEMPLATE = "claims/audit_log.html"


# --- A claim as of an event ---------------------------------------------------------------


class RevertForm(DeskForm):
    event = IdField(widget=forms.HiddenInput)
    version = VersionField()
    reason = forms.CharField(
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        label="Why go back to this version?",
        error_messages={"required": "Say why the claim goes back: a reason is required."},
    )
    # Only when the editor asks: a revert restores the figure and wording, not the workflow.
    workflow = forms.BooleanField(required=False, label="Also put back the state and verdict")


def _ghost(claim: Claim, state: ClaimAsOf) -> Claim:
    """An unsaved Claim holding the replayed fields, so templates format it like the real one."""
    values: dict[str, Any] = {}
    for name, raw in state.fields.items():
        if name == "merged_into":
            values["merged_into_id"] = raw
        elif name in DECIMAL_FIELDS:
            values[name] = None if raw is None else Decimal(raw)
        else:
            values[name] = raw
    ghost = Claim(pk=claim.pk, **values)
    ghost.version = state.version or 0
    return ghost


def _as_of_context(
    request: HttpRequest, claim: Claim, event_id: int, form: RevertForm | None = None
) -> dict[str, Any]:
    try:
        state = history.claim_as_of(claim, event_id)
    except ValidationError as exc:
        raise Http404("No such event in this claim's history.") from exc
    event = ClaimEvent.objects.get(pk=event_id)
    # The event in words, resolved with what the page reads anyway (the claim).
    history_text.describe_all([event], request.user, history_text.refs_from(claims=[claim]))
    now = claim.snapshot()
    differences = [
        (name, state.fields.get(name), now.get(name))
        for name in REVERTIBLE_FIELDS
        if state.fields.get(name) != now.get(name)
    ]
    workflow_differences = [
        (name, state.fields.get(name), now.get(name))
        for name in WORKFLOW_FIELDS
        if name in state.fields and state.fields.get(name) != now.get(name)
    ]
    evidence = list(
        Evidence.objects.visible_to(request.user)
        .filter(claim=claim, pk__in=list(state.evidence))
        .select_related("target_source", "target_claim")
        .order_by("created_at", "id")
    )
    return {
        "claim": claim,
        "event": event,
        "state": state,
        "then": _ghost(claim, state),
        "differences": differences,
        "workflow_differences": workflow_differences,
        "evidence_then": evidence,
        "revert_form": form or RevertForm(initial={"event": event_id, "version": claim.version}),
        "is_current": not differences and not workflow_differences,
    }


@vary_on_headers("HX-Request")
def claim_as_of(request: HttpRequest, pk: int, event_id: int) -> HttpResponse:
    claim = get_claim(request, pk)
    return render(request, AS_OF_TEMPLATE, _as_of_context(request, claim, event_id))


@require_POST
@vary_on_headers("HX-Request")
def claim_revert(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    claim = get_claim(request, pk)
    permissions.require(permissions.can_review(request.user), "revert claims")
    form = RevertForm(request.POST)
    template = f"{AS_OF_TEMPLATE}#revert-panel" if request.htmx else AS_OF_TEMPLATE
    event_id = parse_int(form.data.get("event"), minimum=1)
    if event_id is None:
        raise Http404("No such event in this claim's history.")
    if not form.is_valid():
        return render(request, template, _as_of_context(request, claim, event_id, form))
    data = form.cleaned_data
    error = ""
    try:
        reverted = services.claim_revert(
            claim=claim,
            by=request.user,
            event_id=data["event"],
            expected_version=data["version"],
            reason=data["reason"],
            workflow=data.get("workflow") or False,
        )
    except services.ClaimConflict as exc:
        error = str(exc)
    except services.ServiceError as exc:
        error = str(exc)
    except ValidationError as exc:
        error = " ".join(exc.messages)
    if error:
        claim = Claim.objects.get(pk=claim.pk)
        fresh = RevertForm(initial={**data, "version": claim.version})
        context = _as_of_context(request, claim, data["event"], fresh)
        context["error"] = error
        return render(request, template, context)
    detail = reverse("claims:detail", args=[claim.pk])
    if not request.htmx:
        return HttpResponseRedirect(detail)
    context = _as_of_context(request, reverted, data["event"])
    context["message"] = f"Reverted: the claim is now version {reverted.version}."
    return render(request, template, context)


# --- The desk-wide audit log --------------------------------------------------------------


class AuditFilterForm(DeskForm):
    actor = forms.CharField(required=False, max_length=150, label="Actor")
    action = forms.CharField(
        required=False, max_length=40, label="Action", help_text="e.g. claim.edited or claim."
    )
    claim = IdField(required=False, label="Claim")
    since = forms.DateField(required=False, label="From", widget=forms.DateInput({"type": "date"}))
    until = forms.DateField(required=False, label="To", widget=forms.DateInput({"type": "date"}))


def _filtered_events(request: HttpRequest) -> tuple[QuerySet[ClaimEvent], AuditFilterForm]:
    form = AuditFilterForm(request.GET or None)
    qs = ClaimEvent.objects.all()
    if form.is_valid():
        data = form.cleaned_data
        if data.get("actor"):
            qs = qs.filter(actor_label=data["actor"].strip())
        if data.get("action"):
            action = data["action"].strip()
            qs = (
                qs.filter(action__startswith=action)
                if action.endswith(".")
                else qs.filter(action=action)
            )
        if data.get("claim"):
            qs = qs.filter(claim_id=data["claim"])
        zone = timezone.get_current_timezone()
        if data.get("since"):
            qs = qs.filter(created_at__gte=datetime.combine(data["since"], time.min, zone))
        if data.get("until"):
            qs = qs.filter(created_at__lte=datetime.combine(data["until"], time.max, zone))
    return qs, form


def _require_log_access(request: HttpRequest) -> None:
    # The log names candidates and rejected figures: the desk's reporters and editors read it.
    permissions.require(permissions.can_propose(request.user), "read the audit log")


@vary_on_headers("HX-Request")
def audit_log(request: HtmxHttpRequest) -> HttpResponse:
    _require_log_access(request)
    qs, form = _filtered_events(request)
    before = parse_int(request.GET.get("before"), minimum=1)
    if before is not None:
        qs = qs.filter(id__lt=before)
    rows = list(qs.order_by("-id")[: PAGE_SIZE + 1])
    has_more = len(rows) > PAGE_SIZE
    rows = rows[:PAGE_SIZE]
    params = request.GET.copy()
    params.pop("before", None)
    filters = params.urlencode()
    if has_more:
        params["before"] = str(rows[-1].pk)
    context = {
        "events": set_event_links(history_text.describe_all(rows, request.user)),
        "form": form,
        "next_url": f"?{params.urlencode()}" if has_more else "",
        "filter_query": filters,
        "chain_head": audit.chain_head(),
    }
    template = f"{LOG_TEMPLATE}#log-rows" if request.htmx else LOG_TEMPLATE
    return render(request, template, context)


EXPORT_COLUMNS = (
    "id",
    "created_at",
    "actor_label",
    "actor_id",
    "channel",
    "action",
    "claim_id",
    "source_id",
    "entity_id",
    "claim_version",
    "correlation_id",
    "reason",
    "before",
    "after",
    "prev_hash",
    "hash",
)


def csv_safe(value: Any) -> Any:
    """A cell that a spreadsheet shows as text, never runs as a formula (numbers stay numbers).

    The same rule as every other CSV of the desk: :func:`claims.exports.safety.csv_text`.
    """
    return csv_text(value) if isinstance(value, str) else value


def _export_rows(qs: QuerySet[ClaimEvent]) -> Iterator[dict[str, Any]]:
    values = qs.order_by("id").values_list(*EXPORT_COLUMNS).iterator(chunk_size=EXPORT_CHUNK)
    for row in values:
        item = dict(zip(EXPORT_COLUMNS, row, strict=True))
        item["created_at"] = item["created_at"].isoformat()
        item["correlation_id"] = str(item["correlation_id"])
        yield item


class _Echo:
    def write(self, value: str) -> str:
        return value


def _stream_csv(qs: QuerySet[ClaimEvent]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield writer.writerow(EXPORT_COLUMNS)
    for item in _export_rows(qs):
        for key in ("before", "after"):
            item[key] = json.dumps(item[key], sort_keys=True, ensure_ascii=False)
        yield writer.writerow([csv_safe(item[name]) for name in EXPORT_COLUMNS])


def _stream_json(qs: QuerySet[ClaimEvent], head: str, filters: dict[str, str]) -> Iterator[str]:
    header = {"chain_head": head, "exported_at": timezone.now().isoformat(), "filters": filters}
    yield json.dumps(header, ensure_ascii=False)[:-1] + ', "events": ['
    first = True
    for item in _export_rows(qs):
        text = json.dumps(item, ensure_ascii=False, sort_keys=True)
        yield ("" if first else ",\n") + escape_bidi_json(text)
        first = False
    yield "]}\n"


def audit_export(request: HttpRequest, fmt: str) -> StreamingHttpResponse:
    _require_log_access(request)
    qs, _form = _filtered_events(request)
    stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
    if fmt == "csv":
        response = StreamingHttpResponse(_stream_csv(qs), content_type="text/csv; charset=utf-8")
    elif fmt == "json":
        filters = {k: str(v) for k, v in request.GET.items() if v}
        response = StreamingHttpResponse(
            _stream_json(qs, audit.chain_head(), filters), content_type="application/json"
        )
    else:
        raise Http404("Unknown export format.")
    response["Content-Disposition"] = f'attachment; filename="factdesk-audit-{stamp}.{fmt}"'
    return response
