"""The claim page (and the panel beside a report's text) and its actions.

Every action is a plain form (full page without JavaScript) that htmx posts and swaps in place.
Every write carries the claim's version; a stale one gets the conflict panel, which shows what
the other editor changed and lets this editor re-apply or drop their own change.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch, Q
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers

from claims import history_text, permissions, services
from claims.forms import (
    ClaimEditForm,
    EvidenceLinkForm,
    MatchActionForm,
    MergeForm,
    ReasonForm,
    SearchForm,
    VerdictForm,
    VersionForm,
    form_errors_text,
    parse_int,
)
from claims.models import (
    Claim,
    ClaimEvent,
    ClaimState,
    Evidence,
    FigureMatch,
    MatchRelation,
    MatchStatus,
    Mention,
    Relation,
    Source,
    Verdict,
)
from claims.querysets import viewer_claim_states
from claims.services import request_keys
from claims.views import keyed, queue
from claims.views.links import RowLink, set_event_links
from claims.views.queue import is_htmx

TEMPLATE = "claims/claim_detail.html"
SEARCH_LIMIT = 8
RELATED_LIMIT = 6
RELATED_POOL = 300
_WORD = re.compile(r"[a-z0-9]{3,}")
_STOPWORDS = frozenset(
    [
        "the",
        "and",
        "for",
        "with",
        "from",
        "that",
        "this",
        "were",
        "was",
        "are",
        "has",
        "have",
        "had",
        "its",
        "their",
        "into",
        "than",
        "more",
        "less",
        "about",
        "over",
        "under",
        "each",
        "per",
        "said",
    ]
)

# Shortcut keys of the claim actions (also in the help overlay and on the buttons).
VERDICT_BUTTONS = [
    (Verdict.CONFIRMED, "Confirm", "c"),
    (Verdict.DISPUTED, "Dispute", "d"),
    (Verdict.MISLEADING, "Misleading", ""),
    (Verdict.UNVERIFIABLE, "Unverifiable", ""),
]


def visible_claims(request: HttpRequest) -> Any:
    return Claim.objects.visible_to(request.user)


def get_claim(request: HttpRequest, pk: int) -> Claim:
    """The claim if this user may see it, else 404 (never reveal that it exists)."""
    return get_object_or_404(visible_claims(request), pk=pk)


# --- related figures ----------------------------------------------------------------------


def _words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if w not in _STOPWORDS}


def related_figures(request: HttpRequest, claim: Claim) -> list[tuple[Claim, float]]:
    """Claims with the same unit and a similar subject: likely duplicates or conflicts.

    Two queries: the subject and statement of a pool of same-unit claims, ranked here by
    word overlap, then the few shown, whole. (Loading the pool's claims whole cost 8 ms of
    CPU a page for 300 model instances, of which six are shown.)
    """
    pool = (
        visible_claims(request)
        .not_merged()
        .exclude(pk=claim.pk)
        .exclude(state=ClaimState.REJECTED)
        .filter(dimension=claim.dimension, unit=claim.unit, currency=claim.currency)
    )
    if not claim.unit:
        pool = pool.filter(unit_name=claim.unit_name)
    mine_subject = _words(claim.subject)
    mine_all = mine_subject | _words(claim.statement)
    ranked: list[tuple[int, float]] = []
    words = pool.order_by("-score", "-pk").values_list("pk", "subject", "statement")
    for pk, subject_text, statement in words[:RELATED_POOL]:
        theirs_subject = _words(subject_text)
        theirs_all = theirs_subject | _words(statement)
        subject = (
            len(mine_subject & theirs_subject) / len(mine_subject | theirs_subject)
            if mine_subject and theirs_subject
            else 0.0
        )
        overall = len(mine_all & theirs_all) / len(mine_all | theirs_all) if mine_all else 0.0
        similarity = max(subject, overall)
        if similarity >= 0.2:
            ranked.append((pk, similarity))
    ranked.sort(key=lambda pair: (-pair[1], -pair[0]))
    shown = ranked[:RELATED_LIMIT]
    if not shown:
        return []
    others = Claim.objects.in_bulk([pk for pk, _ in shown])
    return [(others[pk], similarity) for pk, similarity in shown if pk in others]


# --- evidence search ----------------------------------------------------------------------


def search_targets(
    request: HttpRequest, claim: Claim, term: str
) -> tuple[list[Claim], list[Source]]:
    """Claims and reports whose words match ``term`` (or whose number it is): two queries."""
    form = SearchForm({"q": term})
    term = form.term()[:200]
    if not term:
        return [], []
    number = parse_int(term.lstrip("#"), minimum=1)
    claim_q = Q(statement__icontains=term) | Q(subject__icontains=term)
    source_q = Q(title__icontains=term) | Q(outlet__name__icontains=term)
    if number is not None:
        claim_q |= Q(pk=number)
        source_q |= Q(pk=number)
    claims = list(
        visible_claims(request)
        .not_merged()
        .exclude(pk=claim.pk)
        .filter(claim_q)
        .order_by("-score", "-pk")[:SEARCH_LIMIT]
    )
    sources = list(
        Source.objects.visible_to(request.user)
        .select_related("outlet")
        .filter(source_q)
        .order_by("-created_at", "-pk")[:SEARCH_LIMIT]
    )
    return claims, sources


@require_GET
def evidence_search(request: HttpRequest, pk: int) -> HttpResponse:
    claim = get_claim(request, pk)
    claims, sources = search_targets(request, claim, request.GET.get("q", ""))
    context = {"claim": claim, "found_claims": claims, "found_sources": sources, "searched": True}
    context["search_term"] = request.GET.get("q", "")
    return render(request, f"{TEMPLATE}#evidence-results", context)


# --- the page -----------------------------------------------------------------------------


MENTIONS_PAGE = 20
HISTORY_PAGE = 50


def claim_mentions(claim: Claim) -> Any:
    """The claim's mentions in order of appearance, with the report's title and outlet (never
    its text)."""
    return (
        Mention.objects.filter(claim=claim)
        .select_related("source__outlet", "speaker", "via")
        .defer("source__text", "source__raw_content")
        .order_by("reported_at", "source_id", "start", "id")
    )


def _mentions_page(claim: Claim, offset: int) -> dict[str, Any]:
    rows = list(claim_mentions(claim)[offset : offset + MENTIONS_PAGE + 1])
    more = len(rows) > MENTIONS_PAGE
    report = RowLink("claims:source_detail")  # one reverse() for the page's reports
    for mention in rows:
        mention.report_url = report(mention.source_id)
    return {
        "mentions": rows[:MENTIONS_PAGE],
        "mentions_next": offset + MENTIONS_PAGE if more else None,
        "mention_total": claim.mention_count,
    }


def _history_page(
    claim: Claim, before: int | None, user: Any, known: history_text.Refs | None = None
) -> dict[str, Any]:
    qs = ClaimEvent.objects.filter(claim=claim).select_related("actor").order_by("-id")
    if before is not None:
        qs = qs.filter(id__lt=before)
    rows = list(qs[: HISTORY_PAGE + 1])
    more = len(rows) > HISTORY_PAGE
    rows = rows[:HISTORY_PAGE]
    if before is None:
        newest = rows[0].pk if rows else None
    else:
        newest = (
            ClaimEvent.objects.filter(claim=claim).order_by("-id").values_list("id", flat=True)
        ).first()
    return {
        "events": set_event_links(
            history_text.describe_all(rows, user, known or history_text.refs_from(claims=[claim]))
        ),
        "events_before": rows[-1].pk if more else None,
        "claim_last_event": newest,
    }


def _detail_context(request: HttpRequest, claim: Claim) -> dict[str, Any]:
    evidence_list = list(
        Evidence.objects.visible_to(request.user)
        .filter(claim=claim)
        .select_related("target_source__outlet", "target_claim", "created_by", "removed_by")
        # A linked report shows its title and outlet: never load its text.
        .defer("target_source__text", "target_source__raw_content")
        .order_by("created_at", "id")
    )
    verdicts = list(
        claim.verdicts.select_related("decided_by").prefetch_related(
            Prefetch("evidence", queryset=Evidence.objects.only("id", "relation", "claim_id"))
        )
    )
    active = [e for e in evidence_list if e.removed_at is None]
    current = next((v for v in verdicts if v.pk == claim.current_verdict_id), None)
    relied_now = {e.pk for e in current.evidence.all()} if current is not None else set()
    relied_ever = {e.pk for v in verdicts for e in v.evidence.all()}
    # Unlinking is an editor's action, or a reporter's for their own link no verdict used.
    user = request.user
    may_unlink = {
        e.pk
        for e in active
        if permissions.can_review(user)
        or (
            permissions.can_propose(user) and e.created_by_id == user.pk and e.pk not in relied_ever
        )
    }
    linked = {e.target_claim_id: e.relation for e in active if e.target_claim_id}
    related = [
        {"claim": other, "similarity": round(sim * 100), "linked": linked.get(other.pk, "")}
        for other, sim in related_figures(request, claim)
    ]
    # Suggestions and citations name other claims: only those this user may read.
    suggestions = _suggestions(claim) if permissions.can_propose(request.user) else []
    mentions = _mentions_page(claim, 0)
    known = history_text.refs_from(
        claims=[claim], evidence=evidence_list, mentions=mentions.get("mentions", [])
    )
    return {
        "claim": claim,
        **mentions,
        "suggestions": suggestions,
        "suggestion_summary": _summary(suggestions),
        "accept_relations": ACCEPT_RELATIONS,
        "cited_by": [
            {"evidence": e, "verb": CITED_AS.get(e.relation, e.relation)}
            for e in Evidence.objects.filter(
                target_claim=claim, removed_at__isnull=True, claim__in=visible_claims(request)
            )
            .only("id", "claim_id", "relation")
            .order_by("id")
        ],
        "evidence": evidence_list,
        "active_evidence": active,
        "relied_now": relied_now,
        "may_unlink": may_unlink,
        # The confirmation step offers the corroborating links ticked.
        "confirm_ticked": {e.pk for e in active if e.relation == Relation.CORROBORATES},
        **_history_page(claim, None, request.user, known),
        "verdicts": verdicts,
        "related": related,
        "edit_form": ClaimEditForm.for_claim(claim),
        "verdict_form": VerdictForm(initial={"version": claim.version}, claim=None),
        "link_form": EvidenceLinkForm(),
        "verdict_buttons": VERDICT_BUTTONS,
    }


ACCEPT_RELATIONS = [
    (Relation.CORROBORATES, "corroborates"),
    (Relation.CONTRADICTS, "contradicts"),
    (Relation.REFINES, "refines"),
    (Relation.SUPERSEDES, "supersedes"),
]
CITED_AS: dict[str, str] = {
    Relation.CORROBORATES: "corroborating",
    Relation.CONTRADICTS: "contradicting",
    Relation.REFINES: "refining",
    Relation.SUPERSEDES: "superseding",
    Relation.CONTEXT: "context",
}
MATCH_LABELS = {
    "same": "agrees",
    "refines": "refines",
    "conflicts": "conflicts",
    "supersedes": "supersedes",
}


def _suggestions(claim: Claim) -> list[dict[str, Any]]:
    from claims.services.matching import EVIDENCE_FOR, open_matches

    out = []
    for match in open_matches(claim):
        other = match.other if match.claim_id == claim.pk else match.claim
        out.append(
            {
                "match": match,
                "other": other,
                "label": MATCH_LABELS[match.relation],
                "evidence_relation": EVIDENCE_FOR[MatchRelation(match.relation)],
            }
        )
    return out


def _summary(suggestions: list[dict[str, Any]]) -> str:
    """ "3 reports agree · 1 conflicts" """
    counts: dict[str, int] = {}
    for item in suggestions:
        counts[item["label"]] = counts.get(item["label"], 0) + 1
    parts = []
    for label in ("agrees", "conflicts", "refines", "supersedes"):
        n = counts.get(label, 0)
        if n:
            verb = (
                {"agrees": "agree", "conflicts": "conflict", "refines": "refine"}.get(
                    label, "supersede"
                )
                if n != 1
                else label
            )
            parts.append(f"{n} report{'s' if n != 1 else ''} {verb}")
    return " · ".join(parts)


@vary_on_headers("HX-Request")
def claim_detail(request: HttpRequest, pk: int) -> HttpResponse:
    claim = get_object_or_404(
        visible_claims(request).select_related("current_verdict__decided_by", "merged_into"),
        pk=pk,
    )
    template = f"{TEMPLATE}#claim-panel" if is_htmx(request) else TEMPLATE
    context = _detail_context(request, claim)
    context.update(_arrival(request, claim))
    if request.GET.get("undo") == str(claim.version) and permissions.can_review(request.user):
        # Offered only while the claim is still at the version the action gave it; the
        # service checks the rest (who acted, what, how long ago) when it is sent.
        context["undo"] = queue.undo_offer({claim.pk: claim.version}, queue=False)
    return render(request, template, context)


ARRIVALS = ("edit", "confirm", "dispute", "link")


def _arrival(request: HttpRequest, claim: Claim) -> dict[str, Any]:
    """``?do=edit|confirm|dispute|link``: the page opens on that step (the queue's e, c, d and
    l keys land here), shown by the server so it works the same without JavaScript. Nothing
    is recorded until the editor confirms the step."""
    do = request.GET.get("do", "")
    user = request.user
    if do not in ARRIVALS or claim.merged_into_id is not None:
        return {}
    if do == "link":
        return {"link_open": True, "focus": "link"} if permissions.can_propose(user) else {}
    if not permissions.can_review(user):
        return {}
    if do == "edit":
        return {"editing": True}
    if claim.state != ClaimState.OPEN:
        return {
            "error": f"Claim {claim.pk} is {claim.get_state_display().lower()}: accept it "
            "before reaching a verdict."
        }
    if do == "confirm":
        return {"confirm_step": True, "focus": "confirm"}
    form = VerdictForm(initial={"version": claim.version, "verdict": Verdict.DISPUTED}, claim=None)
    return {"verdict_form": form, "focus": "reason"}


def _number(raw: str) -> int | None:
    return parse_int(raw, minimum=1)


def claim_mentions_more(request: HttpRequest, pk: int) -> HttpResponse:
    """The next page of a claim's mentions (``?offset=``): a fragment for htmx, a page
    without it."""
    claim = get_claim(request, pk)
    context = {"claim": claim, **_mentions_page(claim, _number(request.GET.get("offset", "")) or 0)}
    template = f"{TEMPLATE}#mention-items" if is_htmx(request) else "claims/claim_more.html"
    return render(request, template, {**context, "part": "mentions"})


def claim_history_more(request: HttpRequest, pk: int) -> HttpResponse:
    """Older events of a claim's history (``?before=`` an event id)."""
    claim = get_claim(request, pk)
    context = {
        "claim": claim,
        **_history_page(claim, _number(request.GET.get("before", "")), request.user),
    }
    template = (
        "claims/_history.html#history-items" if is_htmx(request) else "claims/claim_more.html"
    )
    return render(request, template, {**context, "part": "history"})


# --- conflicts ----------------------------------------------------------------------------


def _norm(value: Any) -> str:
    if value is None:
        return ""
    text = " ".join(str(value).split())
    try:
        number = Decimal(text.replace(",", ""))
    except InvalidOperation:
        return text
    return format(number.normalize(), "f") if number.is_finite() else text


def _reapply(request: HttpRequest, conflict: services.ClaimConflict) -> dict[str, Any]:
    """What this editor tried to do, and the form fields that redo it on the new version.

    For an edit, only the fields this editor changed are carried over: the fields the other
    editor changed keep their new values unless both changed the same field.
    """
    url = request.path
    current = conflict.claim.snapshot()
    posted = request.POST
    skip = {"csrfmiddlewaretoken", "version", request_keys.KEY_FIELD}
    if url.rstrip("/").endswith("/edit"):
        base = dict(current)
        for event in reversed(conflict.events):
            base.update({k: v for k, v in event.before.items() if k in base})
        theirs = set(conflict.changed_fields)
        mine = [
            name
            for name in Claim.QUANTITY_FIELDS
            if name in posted and _norm(posted.get(name)) != _norm(base.get(name))
        ]
        fields = [
            (name, posted.get(name, "") if name in mine else _norm(current.get(name)))
            for name in Claim.QUANTITY_FIELDS
        ]
        if posted.get("reason"):
            fields.append(("reason", posted["reason"]))
        changes = [
            {
                "name": name,
                "was": base.get(name),
                "now": current.get(name),
                "mine": posted.get(name),
                "both": name in theirs,
            }
            for name in mine
        ]
        return {"url": url, "fields": fields, "changes": changes, "possible": bool(mine)}
    fields = [(k, v) for k in posted for v in posted.getlist(k) if k not in skip]
    label = posted.get("verdict") or url.rstrip("/").rsplit("/", 1)[-1]
    changes = [{"name": "action", "mine": label, "both": False}]
    if posted.get("reason"):
        changes.append({"name": "reason", "mine": posted["reason"], "both": False})
    return {"url": url, "fields": fields, "changes": changes, "possible": True}


# --- responses ----------------------------------------------------------------------------


def _respond(
    request: HttpRequest,
    claim: Claim,
    *,
    message: str = "",
    error: str = "",
    conflict: services.ClaimConflict | None = None,
    forms: dict[str, Any] | None = None,
    focus: str = "status",
    undo: Claim | None = None,
) -> HttpResponse:
    """After an action: the refreshed panel for htmx, a redirect (or an error page) otherwise.

    Rows in the queue post ``from=queue``: they get their row, the counts and the status line
    back as out-of-band swaps, or (without JavaScript) a redirect to the queue they came from.

    A conflict with this very request's earlier attempt (same request key, committed while
    this one waited) answers with that attempt's outcome; a conflict made only of this editor's
    own changes says so.
    """
    conflict_is_own = False
    if conflict is not None:
        earlier = keyed.earlier(request)
        if earlier is not None:
            return _replayed(request, claim, keyed.AlreadyDone(earlier))
        conflict_is_own = bool(conflict.events) and all(
            e.actor_id == request.user.pk for e in conflict.events
        )
    if request.POST.get("from") == "queue":
        if conflict is not None and conflict_is_own:
            error = (
                f"Claim {claim.pk} already has a change of yours made since this page was "
                "loaded (perhaps an earlier attempt); open it to check."
            )
        elif conflict is not None:
            names = ", ".join(sorted({e.actor_label for e in conflict.events})) or "someone"
            error = f"Claim {claim.pk} was changed by {names}; open it to see what changed."
        elif forms:
            error = f"Claim {claim.pk}: open the claim to complete this action."
        if is_htmx(request):
            offer = queue.undo_offer({undo.pk: undo.version}, queue=True) if undo else None
            return queue.rows_update(request, [claim.pk], message=message, error=error, undo=offer)
        if message:
            messages.success(request, message)
        if error:
            messages.error(request, error)
        return HttpResponseRedirect(queue.safe_next(request, reverse("claims:list")))
    if not is_htmx(request) and not error and conflict is None and not forms:
        if message:
            messages.success(request, message)
        url = reverse("claims:detail", args=[claim.pk])
        # Without JavaScript the page after the redirect offers the Undo (?undo=version).
        return HttpResponseRedirect(f"{url}?undo={undo.version}" if undo else url)
    claim = Claim.objects.select_related("current_verdict__decided_by", "merged_into").get(
        pk=claim.pk
    )
    context = _detail_context(request, claim)
    context.update(
        {
            "message": message,
            "error": error,
            "conflict": conflict,
            "conflict_events": (
                history_text.describe_all(
                    conflict.events, request.user, history_text.refs_from(claims=[claim])
                )
                if conflict is not None
                else []
            ),
            "conflict_is_own": conflict_is_own,
            "reapply": _reapply(request, conflict) if conflict is not None else None,
            "focus": "conflict" if conflict is not None else focus,
            "undo": queue.undo_offer({undo.pk: undo.version}, queue=False) if undo else None,
            **(forms or {}),
        }
    )
    template = f"{TEMPLATE}#claim-panel" if is_htmx(request) else TEMPLATE
    return render(request, template, context)


def _replayed(request: HttpRequest, claim: Claim, done: keyed.AlreadyDone) -> HttpResponse:
    """The answer to a request already applied: what the first attempt did, and when."""
    if done.earlier.same_change:
        return _respond(request, claim, message=done.earlier.message)
    return _respond(request, claim, error=done.earlier.refusal)


def _errors_text(exc: ValidationError) -> str:
    if hasattr(exc, "error_dict"):
        return " ".join(str(m) for messages in exc.message_dict.values() for m in messages)
    return " ".join(exc.messages)


def _version_action(
    request: HttpRequest, pk: int, action: Any, done: str, focus: str, *, undoable: bool = True
) -> HttpResponse:
    claim = get_claim(request, pk)
    permissions.require(permissions.can_review(request.user), "review claims")
    form = VersionForm(request.POST)
    if not form.is_valid():
        return _respond(request, claim, error="The form was incomplete; reload the page.")
    try:
        with keyed.once(request, done.format(pk=claim.pk)):
            result = action(
                claim=claim,
                by=request.user,
                expected_version=form.cleaned_data["version"],
                reason=form.cleaned_data.get("reason") or "",
            )
    except keyed.AlreadyDone as exc:
        return _replayed(request, claim, exc)
    except services.ClaimConflict as exc:
        return _respond(request, claim, conflict=exc)
    except (services.ServiceError, ValidationError) as exc:
        text = _errors_text(exc) if isinstance(exc, ValidationError) else str(exc)
        return _respond(request, claim, error=text)
    return _respond(
        request,
        claim,
        message=done.format(pk=claim.pk),
        focus=focus,
        undo=result if undoable else None,
    )


@require_POST
def claim_accept(request: HttpRequest, pk: int) -> HttpResponse:
    return _version_action(
        request, pk, services.claim_accept, "Claim {pk} accepted onto the desk.", "state"
    )


@require_POST
def claim_reject(request: HttpRequest, pk: int) -> HttpResponse:
    return _version_action(request, pk, services.claim_reject, "Claim {pk} rejected.", "state")


@require_POST
def claim_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    return _version_action(
        request, pk, services.claim_reopen, "Claim {pk} reopened.", "state", undoable=False
    )


@require_POST
def claim_undo(request: HttpRequest, pk: int) -> HttpResponse:
    """The toast's Undo: the acceptance, rejection or verdict just made, reversed through the
    services (one ``claim.undone`` event)."""
    return _version_action(
        request, pk, services.claim_undo, "Claim {pk}: undone.", "state", undoable=False
    )


@require_POST
def claim_verdict(request: HttpRequest, pk: int) -> HttpResponse:
    claim = get_claim(request, pk)
    permissions.require(permissions.can_review(request.user), "reach verdicts")
    form = VerdictForm(request.POST, claim=claim)
    if not form.is_valid():
        return _respond(request, claim, forms={"verdict_form": form}, focus="verdict")
    data = form.cleaned_data
    picked = data.get("evidence") or []
    # Confirm asks once: the confirmation step (the dialog, or this page without JavaScript)
    # shows the evidence it will rely on, corroborating links ticked. On a stale version the
    # service is called instead, so the editor sees what changed (the conflict panel).
    if (
        data["verdict"] == Verdict.CONFIRMED
        and not data.get("confirm")
        and data["version"] == claim.version
    ):
        step: dict[str, Any] = {"confirm_step": True, "confirm_reason": data.get("reason")}
        if picked:
            step["confirm_ticked"] = set(picked)
        return _respond(request, claim, forms=step, focus="confirm")
    chosen = list(Evidence.objects.filter(claim=claim, pk__in=picked))
    label = Verdict(data["verdict"]).label
    try:
        with keyed.once(request, f"Verdict recorded: {label}."):
            decided = services.claim_set_verdict(
                claim=claim,
                by=request.user,
                verdict=data["verdict"],
                reason=data.get("reason") or "",
                expected_version=data["version"],
                evidence=chosen,
            )
    except keyed.AlreadyDone as exc:
        return _replayed(request, claim, exc)
    except services.ClaimConflict as exc:
        return _respond(request, claim, conflict=exc)
    except ValidationError as exc:
        form.add_error(None, _errors_text(exc))
        return _respond(request, claim, forms={"verdict_form": form}, focus="verdict")
    except services.ServiceError as exc:
        return _respond(request, claim, error=str(exc))
    return _respond(
        request, claim, message=f"Verdict recorded: {label}.", focus="verdict-shown", undo=decided
    )


@vary_on_headers("HX-Request")
def claim_edit(request: HttpRequest, pk: int) -> HttpResponse:
    claim = get_claim(request, pk)
    permissions.require(permissions.can_review(request.user), "edit claims")
    if request.method != "POST":
        context = _detail_context(request, claim)
        context["editing"] = True
        template = f"{TEMPLATE}#quantity-panel" if is_htmx(request) else TEMPLATE
        return render(request, template, context)
    form = ClaimEditForm(request.POST)
    editing = {"edit_form": form, "editing": True}
    if not form.is_valid():
        return _respond(request, claim, forms=editing)
    try:
        with keyed.once(request, "Saved."):
            services.claim_edit(
                claim=claim,
                by=request.user,
                expected_version=form.cleaned_data["version"],
                changes=form.changes(),
                reason=form.cleaned_data.get("reason") or "",
            )
    except keyed.AlreadyDone as exc:
        return _replayed(request, claim, exc)
    except services.ClaimConflict as exc:
        return _respond(request, claim, conflict=exc)
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            form.add_error(None, exc.messages)
        return _respond(request, claim, forms=editing)
    return _respond(request, claim, message="Saved.", focus="quantity")


def _merge_preview(
    claim: Claim, other: Claim, *, error: str = "", reason: str = ""
) -> dict[str, Any]:
    """Which way "Same claim" would go, each direction with what it would do."""
    plan = services.merge_plan(claim, other)
    options = [
        {"side": side, "effects": plan.effects(side.claim.pk)} for side in (plan.first, plan.second)
    ]
    return {
        "merge_preview": {
            "other": other,
            "plan": plan,
            "options": options,
            "suggested": plan.keep.pk if plan.keep is not None else None,
            "error": error,
            "reason": reason,
        }
    }


@require_POST
def claim_merge(request: HttpRequest, pk: int) -> HttpResponse:
    """ "Same claim": fold two claims into one, keeping every mention.

    Without ``keep`` it answers with the preview (which claim stays and why, what moves);
    the preview's form sends the editor's choice, which the merge then follows.
    """
    claim = get_claim(request, pk)
    permissions.require(permissions.can_review(request.user), "merge claims")
    form = MergeForm(request.POST)
    data = form.cleaned_data if form.is_valid() else {}
    other = visible_claims(request).filter(pk=data["duplicate"]).first() if data else None
    if other is None or other.pk == claim.pk:
        error = form_errors_text(form) if "reason" in form.errors else ""
        return _respond(request, claim, error=error or "Pick a claim to merge into this one.")
    reason = data.get("reason") or ""
    keep = data.get("keep")
    if keep not in (claim.pk, other.pk):
        plan_error = ""
        if "keep" in request.POST:
            plan_error = "Choose which claim stays."
        preview = _merge_preview(claim, other, error=plan_error, reason=reason)
        return _respond(request, claim, forms=preview, focus="merge")
    versions = {claim.pk: data["version"], other.pk: data.get("duplicate_version")}
    kept, dup = (claim, other) if keep == claim.pk else (other, claim)
    try:
        with keyed.once(request, "Claims merged."):
            services.claim_merge(
                claim=kept,
                duplicate=dup,
                by=request.user,
                expected_version=versions[kept.pk],
                duplicate_version=versions[dup.pk],
                reason=reason,
                chosen=True,
            )
    except keyed.AlreadyDone as exc:
        return _replayed(request, claim, exc)
    except services.ClaimConflict as exc:
        if exc.claim.pk != claim.pk:
            return _respond(
                request, claim, error=f"Claim {other.pk} changed meanwhile; look again."
            )
        return _respond(request, claim, conflict=exc)
    except (services.ServiceError, ValidationError) as exc:
        text = _errors_text(exc) if isinstance(exc, ValidationError) else str(exc)
        return _respond(request, claim, error=text)
    if kept.pk == claim.pk:
        return _respond(
            request,
            claim,
            message=f"Claim {dup.pk} merged into this claim; its mentions are listed here.",
            focus="mentions",
        )
    # This claim went into the other: show the kept claim.
    done = f"Claim {claim.pk} merged into claim {kept.pk}; its mentions are listed here."
    if not is_htmx(request):
        messages.success(request, done)
        return HttpResponseRedirect(reverse("claims:detail", args=[kept.pk]))
    response = _respond(request, kept, message=done, focus="mentions")
    here = reverse("claims:detail", args=[claim.pk])
    if request.headers.get("HX-Current-URL", "").split("?")[0].endswith(here):
        response["HX-Push-Url"] = reverse("claims:detail", args=[kept.pk])
    return response


@require_POST
def claim_unmerge(request: HttpRequest, pk: int) -> HttpResponse:
    """Undo a merge (from the merged claim's page or its history)."""
    claim = get_claim(request, pk)
    permissions.require(permissions.can_review(request.user), "undo merges")
    form = VersionForm(request.POST)
    if not form.is_valid():
        return _respond(request, claim, error="The form was incomplete; reload the page.")
    try:
        services.claim_unmerge(
            claim=claim,
            by=request.user,
            reason=form.cleaned_data.get("reason") or "",
            expected_version=form.cleaned_data["version"],
        )
    except services.ClaimConflict as exc:
        return _respond(request, claim, conflict=exc)
    except (services.ServiceError, ValidationError) as exc:
        text = _errors_text(exc) if isinstance(exc, ValidationError) else str(exc)
        return _respond(request, claim, error=text, focus="unmerge")
    return _respond(
        request,
        claim,
        message=f"Merge undone: claim {claim.pk} stands on its own again.",
        focus="mentions",
    )


@require_POST
def evidence_link(request: HttpRequest, pk: int) -> HttpResponse:
    claim = get_claim(request, pk)
    permissions.require(permissions.can_propose(request.user), "link evidence")
    if "find" in request.POST:
        # Search without JavaScript: the same form comes back with the results to pick from.
        found_claims, found_sources = search_targets(request, claim, request.POST.get("q", ""))
        form = EvidenceLinkForm(initial=request.POST.dict())
        return _respond(
            request,
            claim,
            forms={
                "link_form": form,
                "link_open": True,
                "found_claims": found_claims,
                "found_sources": found_sources,
                "searched": True,
                "search_term": request.POST.get("q", ""),
            },
            focus="link",
        )
    form = EvidenceLinkForm(request.POST)
    link_forms = {"link_form": form, "link_open": True}
    if not form.is_valid():
        return _respond(request, claim, forms=link_forms, focus="link")
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
        return _respond(request, claim, forms=link_forms, focus="link")
    try:
        with keyed.once(request, "Evidence linked."):
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
    except keyed.AlreadyDone as exc:
        return _replayed(request, claim, exc)
    except ValidationError as exc:
        form.add_error(None, _errors_text(exc))
        return _respond(request, claim, forms=link_forms, focus="link")
    return _respond(request, claim, message="Evidence linked.", focus="evidence")


@require_POST
def evidence_unlink(request: HttpRequest, pk: int) -> HttpResponse:
    evidence = get_object_or_404(Evidence.objects.select_related("claim"), pk=pk)
    claim = get_claim(request, evidence.claim_id)
    permissions.require(permissions.can_propose(request.user), "unlink evidence")
    form = ReasonForm(request.POST)
    if not form.is_valid():
        return _respond(request, claim, error=form_errors_text(form))
    try:
        with keyed.once(request, "Evidence unlinked."):
            services.evidence_unlink(
                evidence=evidence, by=request.user, reason=form.cleaned_data["reason"]
            )
    except keyed.AlreadyDone as exc:
        return _replayed(request, claim, exc)
    except (services.ServiceError, PermissionDenied) as exc:
        return _respond(request, claim, error=str(exc), focus="evidence")
    except ValidationError as exc:
        return _respond(request, claim, error=_errors_text(exc), focus="evidence")
    done = "Evidence unlinked."
    if Claim.objects.filter(pk=claim.pk, verdict_needs_review=True).exists():
        done += " The verdict relied on it: it is marked as needing review."
    return _respond(request, claim, message=done, focus="evidence")


# --- suggestions from other reports -----------------------------------------------------


def _match_action(request: HttpRequest, pk: int, accept: bool) -> HttpResponse:
    match = get_object_or_404(FigureMatch.objects.select_related("claim", "other"), pk=pk)
    form = MatchActionForm(request.POST)
    data = form.cleaned_data if form.is_valid() else {}
    claim_pk = data.get("from_claim") or match.claim_id
    if claim_pk not in (match.claim_id, match.other_id):
        claim_pk = match.claim_id
    claim = get_claim(request, claim_pk)
    if not form.is_valid():
        return _respond(request, claim, error=form_errors_text(form))
    if accept:
        permissions.require(permissions.can_propose(request.user), "accept suggestions")
    else:
        permissions.require(permissions.can_review(request.user), "dismiss suggestions")
    done = "Suggestion accepted: evidence linked." if accept else "Suggestion dismissed."
    try:
        with keyed.once(request, done):
            if accept:
                services.match_accept(
                    match=match, by=request.user, relation=data.get("relation") or ""
                )
            else:
                services.match_dismiss(
                    match=match, by=request.user, reason=data.get("reason") or ""
                )
    except keyed.AlreadyDone as exc:
        return _replayed(request, claim, exc)
    except (services.ServiceError, ValidationError) as exc:
        text = _errors_text(exc) if isinstance(exc, ValidationError) else str(exc)
        return _respond(request, claim, error=text)
    return _respond(request, claim, message=done, focus="evidence")


@require_POST
def match_accept(request: HttpRequest, pk: int) -> HttpResponse:
    return _match_action(request, pk, accept=True)


@require_POST
def match_dismiss(request: HttpRequest, pk: int) -> HttpResponse:
    return _match_action(request, pk, accept=False)


@require_GET
def conflicts(request: HttpRequest) -> HttpResponse:
    """Open conflicts across the desk, the largest difference first."""
    matches = FigureMatch.objects.filter(status=MatchStatus.OPEN, relation=MatchRelation.CONFLICTS)
    # Both claims readable by this user, as Claim.objects.visible_to decides, but tested on
    # the joined rows (``claim__in=<every claim>`` made PostgreSQL hash the whole claims
    # table for a desk role, and SQLite walk it, on every request).
    if not permissions.can_view_desk(request.user):
        matches = matches.none()
    elif not permissions.can_propose(request.user):
        states = viewer_claim_states()
        matches = matches.filter(claim__state__in=states, other__state__in=states)
    rows = list(matches.select_related("claim", "other").order_by("-size", "-id")[:200])
    return render(request, "claims/conflicts.html", {"rows": rows})
