"""The queue: candidates and open claims on one page, filtered in the URL, paged by keyset.

One template (claims/claim_list.html) serves the full page, its rows fragment (filters, sort,
"more"), and the out-of-band updates sent after row and bulk actions (rows, counts, status).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.urls import reverse
from django.utils.html import conditional_escape, format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import SafeString
from django.views.decorators.http import require_POST
from django.views.decorators.vary import vary_on_headers

from claims import permissions, services
from claims.audit import one_action
from claims.forms import BIGINT_MAX, BulkActionForm, ClaimFilterForm, NextForm, parse_int
from claims.models import Claim, ClaimState, Entity, FactSheet, Mention
from claims.querysets import attach_first_mentions, attach_match_counts
from claims.search import search_claims
from claims.services.desk_stats import claim_counts
from claims.views import keyed
from claims.views.links import RowLink

PAGE_SIZE = 50
TEMPLATE = "claims/claim_list.html"
SORTS: dict[str, tuple[str, str]] = {
    # sort key -> (ordering field, cursor kind)
    "relevance": ("search_rank", "float"),
    "score": ("score", "float"),
    "newest": ("created_at", "datetime"),
    "mentions": ("mention_count", "int"),
}


def is_htmx(request: HttpRequest) -> bool:
    """Whether htmx sent the request (django-htmx's middleware sets ``request.htmx``)."""
    return bool(getattr(request, "htmx", False))


def _mentions_where(q: Q) -> Exists:
    return Exists(Mention.objects.filter(q, claim=OuterRef("pk")))


def _digits(text: str) -> int | None:
    return parse_int(text.strip().lstrip("#"), minimum=1)


ENTITY_MATCHES = 500


def entity_ids(name: str) -> list[int]:
    """The entities (and outlets) whose name contains ``name``, at most ENTITY_MATCHES."""
    return list(
        Entity.objects.filter(name__icontains=name)
        .order_by("id")
        .values_list("id", flat=True)[:ENTITY_MATCHES]
    )


def filtered_claims(request: HttpRequest, params: QueryDict) -> tuple[Any, ClaimFilterForm]:
    """The visible, unmerged claims matching the filters in ``params``."""
    form = ClaimFilterForm(params)
    qs: Any = Claim.objects.visible_to(request.user).not_merged()
    data = form.cleaned_data if form.is_valid() else {}
    state = data.get("state") or ""
    if state == "all":
        pass
    elif state:
        qs = qs.filter(state=state)
    else:
        qs = qs.for_queue()
    if data.get("verdict"):
        qs = qs.filter(verdict=data["verdict"])
    if data.get("review"):
        qs = qs.filter(verdict_needs_review=True)
    if data.get("no_evidence"):
        qs = qs.without_evidence()
    if data.get("dimension"):
        qs = qs.filter(dimension=data["dimension"])
    if source := (data.get("source") or "").strip():
        pk = _digits(source)
        qs = qs.filter(
            _mentions_where(Q(source_id=pk) if pk else Q(source__title__icontains=source))
        )
    if outlet := (data.get("outlet") or "").strip():
        # The outlet of first appearance: a maintained, indexed column of the claim.
        pk = _digits(outlet)
        qs = qs.filter(first_outlet_id__in=[pk] if pk else entity_ids(outlet))
    if speaker := (data.get("speaker") or "").strip():
        # Names resolve to entities first (a small table, trigram-indexed on PostgreSQL); the
        # mentions are then found through their speaker and via indexes. No entity, no claim.
        pk = _digits(speaker)
        qs = qs.said_by([pk] if pk else entity_ids(speaker))
    if data.get("kind"):
        qs = qs.filter(_mentions_where(Q(source__kind=data["kind"])))
    # The day a claim was first reported (its first report's publication or retrieval date,
    # UTC): a range on one indexed column.
    if day := data.get("date_from"):
        qs = qs.filter(reported_on__gte=day)
    if day := data.get("date_to"):
        qs = qs.filter(reported_on__lte=day)
    form.ranked = False  # type: ignore[attr-defined]
    if term := (data.get("q") or "").strip():
        # Full-text search (claims.search): PostgreSQL tsvector + GIN, SQLite FTS5; ranked.
        found = search_claims(qs, term)
        qs = found.queryset
        form.ranked = found.ranked  # type: ignore[attr-defined]
    return qs, form


def _cursor_value(kind: str, raw: str) -> Any:
    if kind == "float":
        return float(raw)
    if kind == "int":
        return int(raw)
    return datetime.fromisoformat(raw)


def _parse_cursor(kind: str, raw: str) -> tuple[Any, int] | None:
    value, _, raw_pk = raw.rpartition("_")
    pk = parse_int(raw_pk)
    if pk is None:
        return None
    try:
        cursor = _cursor_value(kind, value)
    except (ValueError, OverflowError):
        return None
    if kind == "int" and not (0 <= cursor <= BIGINT_MAX):
        return None
    if kind == "float" and not math.isfinite(cursor):
        return None
    return cursor, pk


def _cursor_text(row: Claim, field: str) -> str:
    value = getattr(row, field)
    text = value.isoformat() if isinstance(value, datetime) else repr(value)
    return f"{text}_{row.pk}"


def row_context(request: HttpRequest, rows: list[Claim]) -> dict[str, Any]:
    """What the queue rows share, worked out once per page instead of once per row in the
    template (measured by bench/queue_rows.py): the links and form addresses of every row
    (set on the rows as ``row_urls``), one CSRF field, and the address the forms return to.
    Each form still gets its own request key ({% request_key %})."""
    links = {name: RowLink(f"claims:{name}") for name in ("detail", "accept", "reject")}
    source = RowLink("claims:source_detail")
    for row in rows:
        urls = {name: link(row.pk) for name, link in links.items()}
        first = getattr(row, "first_mention", None)
        if first is not None:
            urls["source"] = source(first.source_id)
        row.row_urls = urls  # type: ignore[attr-defined]
    csrf_field: SafeString = format_html(
        '<input type="hidden" name="csrfmiddlewaretoken" value="{}">', get_token(request)
    )
    # Escaped once here, not in each of the rows' forms.
    return {"csrf_field": csrf_field, "next_path": conditional_escape(page_path(request))}


def page_path(request: HttpRequest) -> str:
    """The queue page the rows are shown on, where their forms return without JavaScript.

    For a GET that is the request itself. Rows re-rendered by an action (an htmx POST) are on
    the page the action was sent from (``HX-Current-URL``, else the form's ``next``), never at
    the action's own address: returning there would GET a POST-only view (a 405 page).
    """
    if request.method == "GET":
        return request.get_full_path()
    for candidate in (request.headers.get("HX-Current-URL", ""), NextForm(request.POST).target()):
        if candidate and url_has_allowed_host_and_scheme(
            candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            parts = urlsplit(candidate)
            return parts.path + (f"?{parts.query}" if parts.query else "")
    return reverse("claims:list")


@dataclass
class QueuePage:
    rows: list[Claim]
    next_url: str
    form: ClaimFilterForm
    sort: str


def queue_page(request: HttpRequest, params: QueryDict) -> QueuePage:
    """One page of the queue: newest arrivals never shift a page that was already read."""
    qs, form = filtered_claims(request, params)
    ranked = getattr(form, "ranked", False)
    sort = params.get("sort") or ("relevance" if ranked else "score")
    if sort not in SORTS or (sort == "relevance" and not ranked):
        sort = "score"
    field, kind = SORTS[sort]
    cursor = _parse_cursor(kind, params.get("after", ""))
    if cursor is not None:
        value, pk = cursor
        qs = qs.filter(Q(**{f"{field}__lt": value}) | Q(**{field: value, "pk__lt": pk}))
    ordered: QuerySet[Claim] = qs.order_by(f"-{field}", "-pk").with_list_related()
    rows = list(ordered[: PAGE_SIZE + 1])
    has_more = len(rows) > PAGE_SIZE
    rows = attach_first_mentions(rows[:PAGE_SIZE])
    if permissions.can_propose(request.user):
        attach_match_counts(rows)
    next_url = ""
    if has_more:
        following = params.copy()
        following["after"] = _cursor_text(rows[-1], field)
        next_url = f"{reverse('claims:list')}?{following.urlencode()}"
    return QueuePage(rows=rows, next_url=next_url, form=form, sort=sort)


def visible_counts(request: HttpRequest) -> dict[str, dict[str, int]]:
    """Claims by state and verdict from the maintained counters (never a count of the desk)."""
    if not permissions.can_view_desk(request.user):
        return claim_counts(visible_states=[])
    if permissions.can_propose(request.user):
        return claim_counts()
    return claim_counts(visible_states=[ClaimState.OPEN, ClaimState.ARCHIVED])


def _filters_without(params: QueryDict, *names: str) -> str:
    rest = params.copy()
    for name in names:
        rest.pop(name, None)
    return rest.urlencode()


@vary_on_headers("HX-Request")
def claim_list(request: HttpRequest) -> HttpResponse:
    page = queue_page(request, request.GET)
    context = {
        "claims": page.rows,
        "form": page.form,
        "sort": page.sort,
        "next_url": page.next_url,
        "counts": visible_counts(request),
        "filter_query": _filters_without(request.GET, "after"),
        "state_query": _filters_without(request.GET, "after", "state", "verdict"),
        "more": bool(request.GET.get("after")),
        **row_context(request, page.rows),
    }
    if is_htmx(request):
        # "More" appends a page of rows; a filter change replaces the list and its counts.
        partial = "more-rows" if context["more"] else "claim-rows"
        return render(request, f"{TEMPLATE}#{partial}", context)
    if permissions.can_review(request.user):
        context["fact_sheets"] = list(
            FactSheet.objects.filter(archived_at__isnull=True).order_by("title", "id")[:100]
        )
    return render(request, TEMPLATE, context)


def safe_next(request: HttpRequest, default: str) -> str:
    target = NextForm(request.POST).target()
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def rows_update(
    request: HttpRequest,
    claim_ids: list[int],
    *,
    message: str = "",
    error: str = "",
    undo: dict[str, Any] | None = None,
) -> HttpResponse:
    """Out-of-band updates for the queue: the changed rows, the counts and the status line
    (with its Undo, ``undo_offer``, after an accept or a reject)."""
    qs = Claim.objects.visible_to(request.user).filter(pk__in=claim_ids).with_list_related()
    rows = attach_first_mentions(list(qs))
    if permissions.can_propose(request.user):
        attach_match_counts(rows)
    order = {pk: i for i, pk in enumerate(claim_ids)}
    rows.sort(key=lambda c: order.get(c.pk, 0))
    context = {
        "claims": rows,
        "counts": visible_counts(request),
        "message": message,
        "error": error,
        "undo": undo,
        **row_context(request, rows),
    }
    return render(request, f"{TEMPLATE}#rows-update", context)


def undo_offer(done: dict[int, int], *, queue: bool) -> dict[str, Any] | None:
    """What the toast's Undo sends: one claim back through claims:undo, several through the
    bulk action; ``done`` maps each claim to the version the action gave it."""
    if not done:
        return None
    if len(done) == 1:
        [(pk, version)] = done.items()
        return {"url": reverse("claims:undo", args=[pk]), "version": version, "queue": queue}
    picks = [f"{pk}:{version}" for pk, version in done.items()]
    return {"url": reverse("claims:bulk"), "picks": picks, "queue": True}


def _add_to_sheet(sheet_id: int | None) -> Any:
    """The bulk "Add to fact sheet" step, or None when no open sheet was chosen."""
    sheet = (
        FactSheet.objects.filter(pk=sheet_id, archived_at__isnull=True).first()
        if sheet_id is not None
        else None
    )
    if sheet is None:
        return None

    def add(*, claim: Claim, by: Any, expected_version: int) -> Any:
        return services.factsheet_claim_add(sheet=sheet, claim=claim, by=by)

    return add


@require_POST
def bulk_action(request: HttpRequest) -> HttpResponse:
    """Accept, reject or put on a fact sheet the selected claims: one editorial action, one
    correlation id."""
    permissions.require(permissions.can_review(request.user), "review claims")
    form = BulkActionForm(request.POST)
    data = form.cleaned_data if form.is_valid() else {}
    action = data.get("action") or ""
    service = {
        "accept": services.claim_accept,
        "reject": services.claim_reject,
        "undo": services.claim_undo,
        "factsheet": _add_to_sheet(data.get("sheet")) if action == "factsheet" else None,
    }.get(action)
    picked: dict[int, int] = data.get("pick") or {}
    back = safe_next(request, reverse("claims:list"))
    if service is None or not picked:
        if service is None:
            error = "Choose a fact sheet." if action == "factsheet" else "Choose an action."
        else:
            error = "Select at least one claim."
        if is_htmx(request):
            return rows_update(request, [], error=error)
        messages.error(request, error)
        return HttpResponseRedirect(back)
    claims = {c.pk: c for c in Claim.objects.visible_to(request.user).filter(pk__in=picked)}
    done: list[int] = []
    versions: dict[int, int] = {}
    problems: list[str] = []
    verb = {"accept": "Accepted", "reject": "Rejected", "undo": "Undid the change to"}.get(
        action, "Added to the fact sheet:"
    )
    message = refused = ""
    try:
        with one_action(), keyed.once(request, "") as outcome:
            for pk, version in picked.items():
                claim = claims.get(pk)
                if claim is None:
                    problems.append(f"claim {pk} is not visible")
                    continue
                try:
                    result = service(claim=claim, by=request.user, expected_version=version)
                except services.ClaimConflict as exc:
                    names = ", ".join(sorted({e.actor_label for e in exc.events})) or "someone"
                    problems.append(f"claim {pk} was changed by {names} (left as it is)")
                except (services.ServiceError, ValidationError) as exc:
                    text = " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
                    problems.append(f"claim {pk}: {text}")
                else:
                    done.append(pk)
                    if action in ("accept", "reject") and isinstance(result, Claim):
                        versions[pk] = result.version
            if done:
                message = outcome.text = f"{verb} {len(done)} claim{'s' if len(done) != 1 else ''}."
    except keyed.AlreadyDone as exc:
        # A repeat of a bulk action already applied (its answer was lost): nothing runs again.
        if exc.earlier.same_change:
            message = exc.earlier.message
        else:
            refused = exc.earlier.refusal
    error = refused or (("Not done: " + "; ".join(problems) + ".") if problems else "")
    if is_htmx(request):
        undo = undo_offer(versions, queue=True) if not refused else None
        return rows_update(request, list(picked), message=message, error=error, undo=undo)
    if message:
        messages.success(request, message)
    if error:
        messages.error(request, error)
    return HttpResponseRedirect(back)
