"""The endpoints. Reads apply the viewer rules of the pages (``visible_to``); writes call the
same services as the pages, inside an ``api`` audit context named after the token."""

from __future__ import annotations

import functools
import hashlib
import json
import math
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any, Literal

from django.db.models import Max, Prefetch, Q
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import HeaderEx, P, PathEx, Query, Schema
from pydantic import Field

from claims import permissions, services
from claims.api.auth import api_token_of, require_write_scope
from claims.api.main import api
from claims.api.problems import Problem
from claims.api.schemas import (
    CLAIM_FIELDS,
    INT_MAX,
    ClaimCreateIn,
    ClaimDetail,
    ClaimEditIn,
    ClaimOut,
    ClaimPage,
    Day,
    DimensionName,
    EntityOut,
    EntityPage,
    EventPage,
    EvidenceIn,
    EvidenceOut,
    FactSheetDetail,
    FactSheetOut,
    FactSheetVersionOut,
    KindName,
    MatchPage,
    MentionPage,
    ProblemOut,
    ReportCreated,
    ReportDetail,
    ReportPage,
    ReportTextIn,
    ReportUrlIn,
    UnlinkIn,
    VerdictIn,
    VersionedIn,
    claim_out,
    event_out,
    evidence_out,
    mention_out,
    report_out,
    text_field,
    user_ref,
    verdict_out,
)
from claims.audit import audit_context
from claims.bidi import strip_bidi
from claims.forms import BIGINT_MAX, parse_int
from claims.models import (
    Channel,
    Claim,
    ClaimEvent,
    Entity,
    Evidence,
    FactSheet,
    FactSheetVersion,
    FigureMatch,
    Mention,
    Source,
)
from claims.search import search_claims
from claims.services import request_keys
from claims.views.links import RowLink

MAX_LIMIT = 100
ERRORS = {401: ProblemOut, 403: ProblemOut, 404: ProblemOut, 422: ProblemOut, 429: ProblemOut}
WRITE_ERRORS = {**ERRORS, 400: ProblemOut, 409: ProblemOut}
# Ids in paths fit the id column (a larger number would overflow the database's integer).
PathId = PathEx[int, P(ge=1, le=BIGINT_MAX)]
PathNumber = PathEx[int, P(ge=1, le=INT_MAX)]


def _json(data: Any, status: int = 200) -> JsonResponse:
    return JsonResponse(data, status=status, safe=False, json_dumps_params={"ensure_ascii": False})


def _claim_url(pk: int) -> str:
    return reverse("claims:detail", args=[pk])


@contextmanager
def _api_action(request: HttpRequest) -> Iterator[None]:
    """A write: needs a write-scoped token (or the session), recorded on the api channel."""
    require_write_scope(request)
    token = api_token_of(request)
    with audit_context(channel=Channel.API, label=token.name if token else ""):
        yield


IdempotencyKey = HeaderEx[
    str,
    P(
        alias="Idempotency-Key",
        min_length=16,
        max_length=64,
        pattern=r"^[A-Za-z0-9_-]+$",
        description="Any unique string (a UUID): a retry with the same key and body is applied "
        "once and answers as the first request did (kept for REQUEST_KEY_HOURS).",
    ),
]


def _canonical_body(request: HttpRequest) -> str:
    try:
        return json.dumps(json.loads(request.body or b"null"), sort_keys=True)
    except ValueError:
        return request.body.decode("utf-8", "replace")


def keyed(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A write that honours ``Idempotency-Key``: the write, its history and its answer are
    kept in one transaction under the key (the desk's request keys), so a retry of the same
    request is not applied again but gets the first answer back (``Idempotent-Replayed:
    true``). The same key with another body or path is refused (422). A write that failed
    (4xx) keeps nothing: its retry runs again."""

    @functools.wraps(view)
    def write(request: HttpRequest, **kwargs: Any) -> HttpResponse:
        _require_desk(request)
        require_write_scope(request)
        key = kwargs.get("idempotency_key") or ""
        if not key:
            return view(request, **kwargs)
        fields = {"body": _canonical_body(request)}
        outcome = f"{request.method} {request.path}"
        try:
            with request_keys.once(
                by=request.user, key=key, path=request.path, fields=fields, outcome=outcome
            ) as result:
                response = view(request, **kwargs)
                result.status = response.status_code
                result.body = response.content.decode("utf-8")
                if response.status_code >= 400:
                    result.text = ""  # nothing applied: keep no key
        except request_keys.AlreadyDone as exc:
            earlier = exc.earlier
            if not earlier.same_change or earlier.response_status is None:
                raise Problem(
                    422,
                    f"This Idempotency-Key was used at {earlier.time} for another request; "
                    "nothing was changed. Use a new key for a new request.",
                    kind="idempotency-key-reused",
                ) from None
            replay = HttpResponse(
                earlier.response_body,
                status=earlier.response_status,
                content_type="application/json",
            )
            replay["Idempotent-Replayed"] = "true"
            return replay
        return response

    return write


def _visible_claims(request: HttpRequest) -> Any:
    return Claim.objects.visible_to(request.user)


def _require_desk(request: HttpRequest) -> None:
    permissions.require(permissions.can_view_desk(request.user), "read the desk")


# --- claims -------------------------------------------------------------------------------


StateFilter = Literal["", "candidate", "open", "rejected", "archived", "all"]
VerdictFilter = Literal["", "unverified", "confirmed", "disputed", "misleading", "unverifiable"]
SortName = Literal["score", "newest", "mentions", "relevance"]
# sort key -> (ordering field, cursor kind), as on the queue page
SORTS: dict[str, tuple[str, str]] = {
    "relevance": ("search_rank", "float"),
    "score": ("score", "float"),
    "newest": ("created_at", "datetime"),
    "mentions": ("mention_count", "int"),
}
FIELDS_PATTERN = "^(({names})(,({names}))*)?$".format(names="|".join(CLAIM_FIELDS))


class ClaimFilters(Schema):
    q: str = text_field(max_length=200, description="Full-text search (ranked)")
    state: StateFilter = Field("", description="Empty: candidates and open claims")
    verdict: VerdictFilter = ""
    dimension: DimensionName | Literal[""] = ""
    outlet: str = text_field(max_length=200, description="Outlet of first appearance: id or name")
    speaker: str = text_field(max_length=200, description="Speaker or relay: id or name")
    source: str = text_field(max_length=200, description="A report: id or part of its title")
    kind: KindName | Literal[""] = ""
    date_from: Day | None = Field(None, description="First reported on or after")
    date_to: Day | None = Field(None, description="First reported on or before")
    sort: SortName = Field("score", description="relevance needs q")
    after: str = text_field(max_length=100, description="The previous page's next_cursor")
    limit: int = Field(50, ge=1, le=MAX_LIMIT)
    fields: str = Field(
        "", max_length=500, pattern=FIELDS_PATTERN, description="id,statement,… (id always)"
    )


def _cursor_value(kind: str, raw: str) -> Any:
    if kind == "float":
        value = float(raw)
        if not math.isfinite(value):
            raise ValueError(raw)
        return value
    if kind == "int":
        number = int(raw)
        if not 0 <= number <= BIGINT_MAX:
            raise ValueError(raw)
        return number
    moment = datetime.fromisoformat(raw)
    if moment.tzinfo is None:
        raise ValueError(raw)
    return moment


def _parse_cursor(kind: str, raw: str) -> tuple[Any, int]:
    value, _, raw_pk = raw.rpartition("_")
    pk = parse_int(raw_pk, minimum=1)
    try:
        if pk is None:
            raise ValueError(raw)
        return _cursor_value(kind, value), pk
    except (ValueError, OverflowError):
        raise Problem(
            422,
            "That cursor is not one of ours: pass the next_cursor of the previous page, with "
            "the same sort.",
            kind="bad-cursor",
            errors={"after": ["invalid"]},
        ) from None


def _cursor_text(row: Claim, field: str) -> str:
    value = getattr(row, field)
    text = value.isoformat() if isinstance(value, datetime) else repr(value)
    return f"{text}_{row.pk}"


@api.get("/claims/", response={200: ClaimPage, **ERRORS}, tags=["claims"])
def claims_list(request: HttpRequest, filters: Query[ClaimFilters]) -> HttpResponse:
    """The queue's claims with its filters (`state=all` for every state), keyset pages of up
    to 100 (`after=` the previous page's `next_cursor`), `fields=id,statement,…`."""
    _require_desk(request)
    qs = _visible_claims(request).queue_filters(
        state=filters.state,
        verdict=filters.verdict,
        dimension=filters.dimension,
        source=filters.source,
        outlet=filters.outlet,
        speaker=filters.speaker,
        kind=filters.kind,
        date_from=filters.date_from,
        date_to=filters.date_to,
    )
    ranked = False
    if term := strip_bidi(filters.q).strip():
        found = search_claims(qs, term)
        qs, ranked = found.queryset, found.ranked
    sort = filters.sort
    if sort == "relevance" and not ranked:
        sort = "score"
    field, kind = SORTS[sort]
    if filters.after:
        value, pk = _parse_cursor(kind, filters.after)
        qs = qs.filter(Q(**{f"{field}__lt": value}) | Q(**{field: value, "pk__lt": pk}))
    limit = filters.limit
    rows = list(
        qs.order_by(f"-{field}", "-pk").select_related("current_verdict__decided_by")[: limit + 1]
    )
    more = len(rows) > limit
    rows = rows[:limit]
    # The claims' addresses from one reversed pattern, not a reverse() per claim (2 ms a page).
    detail = RowLink("claims:detail")
    items = [claim_out(c, detail(c.pk)) for c in rows]
    wanted = {f for f in filters.fields.split(",") if f}
    if wanted:
        keep = wanted | {"id"}
        items = [{k: v for k, v in item.items() if k in keep} for item in items]
    next_cursor = _cursor_text(rows[-1], field) if more and rows else None
    following = None
    if next_cursor:
        query = request.GET.copy()
        query["after"] = next_cursor
        following = f"{request.path}?{query.urlencode()}"
    return _json({"items": items, "next_cursor": next_cursor, "next": following})


MENTIONS_FIRST = 50  # in one claim's answer; the rest through /claims/{id}/mentions/


def _mentions(claim: Claim) -> Any:
    """A claim's mentions in order of appearance (the claim page's order and index), with
    each report's title and outlet but never its text."""
    return (
        Mention.objects.filter(claim=claim)
        .select_related("source__outlet", "speaker", "via")
        .defer("source__text", "source__raw_content")
        .order_by("reported_at", "source_id", "start", "id")
    )


class MentionFilters(Schema):
    offset: int = Field(0, ge=0, le=INT_MAX)
    limit: int = Field(MAX_LIMIT, ge=1, le=MAX_LIMIT)


@api.get(
    "/claims/{claim_id}/mentions/",
    response={200: MentionPage, **ERRORS},
    tags=["claims"],
    url_name="claim_mentions",
)
def claim_mentions(
    request: HttpRequest, claim_id: PathId, page: Query[MentionFilters]
) -> HttpResponse:
    """All of a claim's mentions, in order of appearance, `limit` at a time from `offset`
    (one claim's answer carries the first 50)."""
    _require_desk(request)
    claim = _get_claim(request, claim_id)
    rows = list(_mentions(claim)[page.offset : page.offset + page.limit + 1])
    more = len(rows) > page.limit
    following = None
    if more:
        query = request.GET.copy()
        query["offset"] = str(page.offset + page.limit)
        following = f"{request.path}?{query.urlencode()}"
    return _json(
        {
            "items": [mention_out(m).model_dump(mode="json") for m in rows[: page.limit]],
            "count": claim.mention_count,
            "next": following,
        }
    )


def _claim_detail(request: HttpRequest, claim: Claim) -> dict[str, Any]:
    mentions = list(_mentions(claim)[: MENTIONS_FIRST + 1])
    related = ("target_source__outlet", "created_by", "removed_by")
    evidence = Evidence.objects.filter(claim=claim).select_related(*related).order_by("id")
    evidence_for = (
        Evidence.objects.filter(target_claim=claim, claim__in=_visible_claims(request))
        .select_related(*related)
        .order_by("id")
    )
    verdicts = claim.verdicts.select_related("decided_by").prefetch_related(
        Prefetch("evidence", queryset=Evidence.objects.only("id", "claim_id"))
    )
    events = ClaimEvent.objects.filter(claim=claim).order_by("-id")[:200]
    data = claim_out(claim, _claim_url(claim.pk))
    data["mention_count"] = claim.mention_count
    data["mentions"] = [mention_out(m).model_dump(mode="json") for m in mentions[:MENTIONS_FIRST]]
    data["mentions_next"] = (
        reverse("api-v1:claim_mentions", args=[claim.pk]) + f"?offset={MENTIONS_FIRST}"
        if len(mentions) > MENTIONS_FIRST
        else None
    )
    data["evidence"] = [evidence_out(e).model_dump(mode="json") for e in evidence]
    data["evidence_for"] = [evidence_out(e).model_dump(mode="json") for e in evidence_for]
    data["verdicts"] = [
        verdict_out(v, [e.pk for e in v.evidence.all()]).model_dump(mode="json") for v in verdicts
    ]
    data["history"] = [event_out(e).model_dump(mode="json") for e in events]
    return data


def _get_claim(request: HttpRequest, pk: int) -> Claim:
    return get_object_or_404(
        _visible_claims(request).select_related("current_verdict__decided_by"), pk=pk
    )


@api.get("/claims/{claim_id}/", response={200: ClaimDetail, 304: None, **ERRORS}, tags=["claims"])
def claim_detail(request: HttpRequest, claim_id: PathId) -> HttpResponse:
    """One claim with its mentions (attribution), evidence both ways, verdicts and history.
    Answers with an ETag; `If-None-Match` with it gives 304 while nothing changed."""
    _require_desk(request)
    claim = _get_claim(request, claim_id)
    body = json.dumps(_claim_detail(request, claim), ensure_ascii=False, default=str)
    etag = '"' + hashlib.sha256(body.encode("utf-8")).hexdigest()[:32] + '"'
    sent = [t.strip() for t in request.headers.get("If-None-Match", "").split(",")]
    if etag in sent or f"W/{etag}" in sent:
        response = HttpResponse(status=304)
    else:
        response = HttpResponse(body, content_type="application/json")
    response["ETag"] = etag
    response["Cache-Control"] = "private, no-cache"
    return response


class MatchFilters(Schema):
    status: Literal["open", "accepted", "dismissed", "all"] = "open"
    after: str = text_field(max_length=60, description="The previous page's next_cursor")
    limit: int = Field(50, ge=1, le=MAX_LIMIT)


def _summary(claim: Claim) -> dict[str, Any]:
    return {
        "id": claim.pk,
        "url": _claim_url(claim.pk),
        "statement": claim.statement,
        "state": claim.state,
        "verdict": claim.verdict,
    }


@api.get("/claims/{claim_id}/matches/", response={200: MatchPage, **ERRORS}, tags=["claims"])
def claim_matches(
    request: HttpRequest, claim_id: PathId, filters: Query[MatchFilters]
) -> HttpResponse:
    """The same figure (or a conflicting, refining or superseding one) in other reports: the
    matching engine's stored suggestions on either side of the claim, best first. As on the
    claim page, suggestions are for reporters and editors, and name only claims they may
    read; `status=all` includes accepted and dismissed ones."""
    permissions.require(permissions.can_propose(request.user), "read figure suggestions")
    claim = _get_claim(request, claim_id)
    visible = _visible_claims(request)
    qs = FigureMatch.objects.filter(
        Q(claim=claim) | Q(other=claim), claim__in=visible, other__in=visible
    )
    if filters.status != "all":
        qs = qs.filter(status=filters.status)
    if filters.after:
        score, pk = _parse_cursor("float", filters.after)
        qs = qs.filter(Q(score__lt=score) | Q(score=score, pk__lt=pk))
    rows = list(
        qs.select_related("claim", "other", "decided_by").order_by("-score", "-id")[
            : filters.limit + 1
        ]
    )
    more = len(rows) > filters.limit
    rows = rows[: filters.limit]
    items = [
        {
            "id": m.pk,
            "claim_id": m.claim_id,
            "other_id": m.other_id,
            "relation": m.relation,
            "score": m.score,
            "reason": m.reason,
            "difference": m.difference,
            "status": m.status,
            "evidence_id": m.evidence_id,
            "decided_by": (u.model_dump() if (u := user_ref(m.decided_by)) else None),
            "decided_at": m.decided_at.isoformat() if m.decided_at else None,
            "created_at": m.created_at.isoformat(),
            "counterpart": _summary(m.other if m.claim_id == claim.pk else m.claim),
        }
        for m in rows
    ]
    next_cursor = f"{rows[-1].score!r}_{rows[-1].pk}" if more and rows else None
    return _json({"items": items, "next_cursor": next_cursor})


def _written(request: HttpRequest, claim: Claim, status: int = 200) -> JsonResponse:
    fresh = _get_claim(request, claim.pk)
    return _json(claim_out(fresh, _claim_url(fresh.pk)), status=status)


@api.post("/claims/", response={201: ClaimOut, **WRITE_ERRORS}, tags=["claims"])
@keyed
def claim_propose(
    request: HttpRequest, payload: ClaimCreateIn, idempotency_key: IdempotencyKey = ""
) -> HttpResponse:
    """Propose a claim from a passage of a report (a candidate, as on the report page)."""
    source = get_object_or_404(Source.objects.visible_to(request.user), pk=payload.source_id)
    quantity = payload.dict(
        exclude={"source_id", "start", "end", "quote", "statement", "speaker", "verb", "via"}
    )
    with _api_action(request):
        claim = services.claim_create(
            by=request.user,
            source=source,
            start=payload.start,
            end=payload.end,
            quote=payload.quote,
            statement=payload.statement,
            quantity=quantity,
            speaker=payload.speaker,
            verb=payload.verb,
            via=payload.via,
        )
    return _written(request, claim, status=201)


@api.post("/claims/{claim_id}/edit/", response={200: ClaimOut, **WRITE_ERRORS}, tags=["claims"])
@keyed
def claim_edit(
    request: HttpRequest,
    claim_id: PathId,
    payload: ClaimEditIn,
    idempotency_key: IdempotencyKey = "",
) -> HttpResponse:
    """Correct the figure or its description (editors)."""
    claim = _get_claim(request, claim_id)
    with _api_action(request):
        services.claim_edit(
            claim=claim,
            by=request.user,
            expected_version=payload.expected_version,
            changes=payload.changes.dict(exclude_unset=True),
            reason=payload.reason,
        )
    return _written(request, claim)


def _transition(request: HttpRequest, claim_id: int, payload: VersionedIn, service: Any) -> Any:
    claim = _get_claim(request, claim_id)
    with _api_action(request):
        service(
            claim=claim,
            by=request.user,
            expected_version=payload.expected_version,
            reason=payload.reason,
        )
    return _written(request, claim)


@api.post("/claims/{claim_id}/accept/", response={200: ClaimOut, **WRITE_ERRORS}, tags=["claims"])
@keyed
def claim_accept(
    request: HttpRequest,
    claim_id: PathId,
    payload: VersionedIn,
    idempotency_key: IdempotencyKey = "",
) -> HttpResponse:
    """Accept a candidate onto the desk (editors)."""
    return _transition(request, claim_id, payload, services.claim_accept)


@api.post("/claims/{claim_id}/reject/", response={200: ClaimOut, **WRITE_ERRORS}, tags=["claims"])
@keyed
def claim_reject(
    request: HttpRequest,
    claim_id: PathId,
    payload: VersionedIn,
    idempotency_key: IdempotencyKey = "",
) -> HttpResponse:
    """Reject a candidate or open claim (editors)."""
    return _transition(request, claim_id, payload, services.claim_reject)


@api.post("/claims/{claim_id}/verdict/", response={200: ClaimOut, **WRITE_ERRORS}, tags=["claims"])
@keyed
def claim_verdict(
    request: HttpRequest,
    claim_id: PathId,
    payload: VerdictIn,
    idempotency_key: IdempotencyKey = "",
) -> HttpResponse:
    """Set the desk's verdict on an open claim (editors); all but confirmed need a reason."""
    claim = _get_claim(request, claim_id)
    relied = list(Evidence.objects.filter(pk__in=payload.evidence, claim=claim))
    if len(relied) != len(set(payload.evidence)):
        raise Problem(
            422,
            "Pick evidence linked to this claim.",
            kind="desk-rule",
            errors={"evidence": ["unknown"]},
        )
    with _api_action(request):
        services.claim_set_verdict(
            claim=claim,
            by=request.user,
            verdict=payload.verdict,
            expected_version=payload.expected_version,
            reason=payload.reason,
            evidence=relied,
        )
    return _written(request, claim)


@api.post(
    "/claims/{claim_id}/evidence/", response={201: EvidenceOut, **WRITE_ERRORS}, tags=["evidence"]
)
@keyed
def evidence_link(
    request: HttpRequest,
    claim_id: PathId,
    payload: EvidenceIn,
    idempotency_key: IdempotencyKey = "",
) -> HttpResponse:
    """Link the claim to a report (or a passage of it) or to another claim (reporters)."""
    claim = _get_claim(request, claim_id)
    target_claim = target_source = None
    if payload.target_claim_id is not None:
        target_claim = get_object_or_404(_visible_claims(request), pk=payload.target_claim_id)
    if payload.target_source_id is not None:
        target_source = get_object_or_404(
            Source.objects.visible_to(request.user), pk=payload.target_source_id
        )
    with _api_action(request):
        evidence = services.evidence_link(
            claim=claim,
            by=request.user,
            relation=payload.relation,
            target_source=target_source,
            target_claim=target_claim,
            passage_start=payload.passage_start,
            passage_end=payload.passage_end,
            note=payload.note,
        )
    return _json(evidence_out(evidence).model_dump(mode="json"), status=201)


@api.post(
    "/evidence/{evidence_id}/unlink/",
    response={200: EvidenceOut, **WRITE_ERRORS},
    tags=["evidence"],
)
@keyed
def evidence_unlink(
    request: HttpRequest,
    evidence_id: PathId,
    payload: UnlinkIn,
    idempotency_key: IdempotencyKey = "",
) -> HttpResponse:
    """Remove an evidence link; the row stays, marked removed (reporters)."""
    evidence = get_object_or_404(
        Evidence.objects.filter(claim__in=_visible_claims(request)), pk=evidence_id
    )
    with _api_action(request):
        removed = services.evidence_unlink(
            evidence=evidence, by=request.user, reason=payload.reason
        )
    fresh = Evidence.objects.select_related(
        "target_source__outlet", "created_by", "removed_by"
    ).get(pk=removed.pk)
    return _json(evidence_out(fresh).model_dump(mode="json"))


# --- reports ------------------------------------------------------------------------------


class Page(Schema):
    after: int | None = Field(None, ge=0, le=BIGINT_MAX, description="The last id seen")
    limit: int = Field(50, ge=1, le=MAX_LIMIT)
    q: str = text_field(max_length=200, description="Part of the title or name")


@api.get("/reports/", response={200: ReportPage, **ERRORS}, tags=["reports"])
def reports_list(request: HttpRequest, page: Query[Page]) -> HttpResponse:
    """Reports, newest first (`after=` the last id seen)."""
    _require_desk(request)
    limit, q = page.limit, page.q
    qs = Source.objects.visible_to(request.user).select_related("outlet").order_by("-id")
    if q.strip():
        qs = qs.filter(title__icontains=q.strip()[:200])
    if page.after is not None:
        qs = qs.filter(id__lt=page.after)
    rows = list(qs.defer("text", "raw_content")[: limit + 1])
    more = len(rows) > limit
    rows = rows[:limit]
    items = [report_out(s) for s in rows]
    data = ReportPage(items=items, next_cursor=str(rows[-1].pk) if more else None)  # type: ignore[arg-type]
    return _json(data.model_dump(mode="json"))


def _report_created(result: services.SourceResult) -> HttpResponse:
    data = ReportCreated(created=result.created, report=report_out(result.source))  # type: ignore[arg-type]
    return _json(data.model_dump(mode="json"), status=201 if result.created else 200)


@api.post(
    "/reports/url/",
    response={200: ReportCreated, 201: ReportCreated, **WRITE_ERRORS},
    tags=["reports"],
)
@keyed
def report_from_url(
    request: HttpRequest, payload: ReportUrlIn, idempotency_key: IdempotencyKey = ""
) -> HttpResponse:
    """Bring in a report from a URL through the desk's safe fetcher (reporters)."""
    permissions.require(permissions.can_propose(request.user), "bring in reports")
    with _api_action(request):
        result = services.ingest_url(
            url=payload.url, by=request.user, outlet=payload.outlet or None, kind=payload.kind
        )
    return _report_created(result)


@api.post(
    "/reports/text/",
    response={200: ReportCreated, 201: ReportCreated, **WRITE_ERRORS},
    tags=["reports"],
)
@keyed
def report_from_text(
    request: HttpRequest, payload: ReportTextIn, idempotency_key: IdempotencyKey = ""
) -> HttpResponse:
    """Bring in a report from its text (reporters). The same text twice is one report."""
    permissions.require(permissions.can_propose(request.user), "bring in reports")
    with _api_action(request):
        result = services.ingest_text(
            text=payload.text,
            title=payload.title,
            by=request.user,
            outlet=payload.outlet,
            author=payload.author,
            url=payload.url,
            kind=payload.kind,
        )
    return _report_created(result)


@api.get("/reports/{report_id}/", response={200: ReportDetail, **ERRORS}, tags=["reports"])
def report_detail(request: HttpRequest, report_id: PathId) -> HttpResponse:
    """One report with its text and the visible claims it mentions."""
    _require_desk(request)
    source = get_object_or_404(
        Source.objects.visible_to(request.user).select_related("outlet").defer("raw_content"),
        pk=report_id,
    )
    claim_ids = sorted(
        set(_visible_claims(request).filter(mentions__source=source).values_list("id", flat=True))
    )
    data = ReportDetail(**report_out(source), text=source.text, claim_ids=claim_ids)
    return _json(data.model_dump(mode="json"))


# --- entities -----------------------------------------------------------------------------


def _entity_out(entity: Entity) -> dict[str, Any]:
    return EntityOut(
        id=entity.pk,
        name=entity.name,
        kind=entity.kind,
        domain=entity.domain,
        merged_into=entity.merged_into_id,
        aliases=[a.alias for a in entity.aliases.all()],
    ).model_dump(mode="json")


@api.get("/entities/", response={200: EntityPage, **ERRORS}, tags=["entities"])
def entities_list(request: HttpRequest, page: Query[Page]) -> HttpResponse:
    """People, organisations, government bodies and outlets (`after=` the last id seen)."""
    _require_desk(request)
    limit, q = page.limit, page.q
    qs = Entity.objects.prefetch_related("aliases").order_by("id")
    if q.strip():
        qs = qs.filter(name__icontains=q.strip()[:200])
    if page.after is not None:
        qs = qs.filter(id__gt=page.after)
    rows = list(qs[: limit + 1])
    more = len(rows) > limit
    rows = rows[:limit]
    return _json(
        {
            "items": [_entity_out(e) for e in rows],
            "next_cursor": str(rows[-1].pk) if more else None,
        }
    )


@api.get("/entities/{entity_id}/", response={200: EntityOut, **ERRORS}, tags=["entities"])
def entity_detail(request: HttpRequest, entity_id: PathId) -> HttpResponse:
    _require_desk(request)
    entity = get_object_or_404(Entity.objects.prefetch_related("aliases"), pk=entity_id)
    return _json(_entity_out(entity))


# --- fact sheets --------------------------------------------------------------------------


def _sheets(request: HttpRequest) -> Any:
    _require_desk(request)
    qs = FactSheet.objects.annotate(latest=Max("versions__number"))
    if not permissions.can_propose(request.user):
        # Viewers read published fact sheets only, as on the pages.
        qs = qs.filter(latest__isnull=False)
    return qs


def _sheet_out(sheet: Any) -> dict[str, Any]:
    return FactSheetOut(
        id=sheet.pk,
        title=sheet.title,
        summary=sheet.summary,
        revision=sheet.revision,
        created_at=sheet.created_at,
        updated_at=sheet.updated_at,
        archived_at=sheet.archived_at,
        latest_version=sheet.latest,
    ).model_dump(mode="json")


@api.get("/factsheets/", response={200: list[FactSheetOut], **ERRORS}, tags=["fact sheets"])
def factsheets_list(request: HttpRequest) -> HttpResponse:
    """Fact sheets, most recently changed first (viewers: published ones only)."""
    rows = _sheets(request).order_by("-updated_at", "-id")[:500]
    return _json([_sheet_out(s) for s in rows])


@api.get("/factsheets/{sheet_id}/", response={200: FactSheetDetail, **ERRORS}, tags=["fact sheets"])
def factsheet_detail(request: HttpRequest, sheet_id: PathId) -> HttpResponse:
    """A fact sheet's current entries (reporters and up) and its published version numbers."""
    sheet = get_object_or_404(_sheets(request), pk=sheet_id)
    data = _sheet_out(sheet)
    entries: list[dict[str, Any]] = []
    if permissions.can_propose(request.user):
        for entry in sheet.entries.select_related("section").order_by("position", "id"):
            entries.append(
                {
                    "claim_id": entry.claim_id,
                    "section": entry.section.title if entry.section else None,
                    "position": entry.position,
                    "note": entry.note,
                }
            )
    data["entries"] = entries
    data["versions"] = list(
        FactSheetVersion.objects.filter(sheet=sheet)
        .order_by("number")
        .values_list("number", flat=True)
    )
    return _json(data)


@api.get(
    "/factsheets/{sheet_id}/versions/{number}/",
    response={200: FactSheetVersionOut, **ERRORS},
    tags=["fact sheets"],
)
def factsheet_version(request: HttpRequest, sheet_id: PathId, number: PathNumber) -> HttpResponse:
    """One published version, exactly as frozen."""
    _require_desk(request)
    version = get_object_or_404(
        FactSheetVersion.objects.select_related("published_by"), sheet_id=sheet_id, number=number
    )
    published_by = user_ref(version.published_by)
    return _json(
        {
            "sheet_id": version.sheet_id,
            "number": version.number,
            "sha256": version.sha256,
            "published_by": published_by.model_dump() if published_by else None,
            "published_at": version.published_at.isoformat(),
            "chain_head": version.chain_head,
            "content": json.loads(version.content),
        }
    )


# --- audit log ----------------------------------------------------------------------------


class AuditFilters(Schema):
    claim: int | None = Field(None, ge=1, le=BIGINT_MAX)
    action: str = text_field(max_length=40, description="`claim.` matches every claim action")
    actor: str = text_field(max_length=200)
    channel: Literal["", "web", "admin", "command", "task", "shell", "api"] = ""
    before: int | None = Field(None, ge=1, le=BIGINT_MAX, description="The last id seen")
    limit: int = Field(50, ge=1, le=MAX_LIMIT)


@api.get("/audit/", response={200: EventPage, **ERRORS}, tags=["audit"])
def audit_log(request: HttpRequest, filters: Query[AuditFilters]) -> HttpResponse:
    """The desk's history, newest first (`before=` the last id seen). Reporters and up, as
    on the audit page. `action=claim.` matches every claim action."""
    permissions.require(permissions.can_propose(request.user), "read the audit log")
    qs = ClaimEvent.objects.order_by("-id")
    if filters.claim is not None:
        qs = qs.filter(claim_id=filters.claim)
    if action := filters.action.strip():
        qs = (
            qs.filter(action__startswith=action)
            if action.endswith(".")
            else qs.filter(action=action)
        )
    if filters.actor.strip():
        qs = qs.filter(actor_label=filters.actor.strip())
    if filters.channel.strip():
        qs = qs.filter(channel=filters.channel.strip())
    if filters.before is not None:
        qs = qs.filter(id__lt=filters.before)
    rows = list(qs[: filters.limit + 1])
    more = len(rows) > filters.limit
    rows = rows[: filters.limit]
    return _json(
        {
            "items": [event_out(e).model_dump(mode="json") for e in rows],
            "next_cursor": str(rows[-1].pk) if more else None,
        }
    )
