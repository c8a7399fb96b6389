"""Fact sheets: the list, the builder (htmx), published versions, comparison and exports.

Who sees what: editors curate and publish; reporters and editors see the live draft; viewers
read and export published versions (a draft may still change, and may hold a claim that has
since left the accepted desk). Everyone without a desk role gets 403.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Exists, JSONField, Max, OuterRef, QuerySet, Subquery
from django.db.models.fields.json import KT
from django.db.models.functions import Cast
from django.http import (
    FileResponse,
    Http404,
    HttpResponse,
    HttpResponseRedirect,
    StreamingHttpResponse,
)
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django.views.decorators.vary import vary_on_headers

from claims import exports, history_text, permissions, services
from claims.exports import bulk, jobs, stored_pdf
from claims.exports.content import build_content, iter_entries, load_content, present
from claims.exports.pdf import PdfError
from claims.forms import (
    INT_MAX,
    ArchiveForm,
    ClaimToSheetForm,
    MoveForm,
    NextForm,
    SheetForm,
    SheetNoteForm,
    SheetSectionChoiceForm,
    SheetTitleForm,
    form_errors_text,
    parse_int,
)
from claims.http import HtmxHttpRequest
from claims.models import (
    Claim,
    FactSheet,
    FactSheetEntry,
    FactSheetSection,
    FactSheetVersion,
)
from claims.services.factsheets import changed_since
from claims.views import keyed

TEMPLATE = "claims/factsheet_detail.html"


def _require_desk(request: HtmxHttpRequest) -> None:
    permissions.require(permissions.can_view_desk(request.user), "read fact sheets")


def _can_see_drafts(request: HtmxHttpRequest) -> bool:
    return permissions.can_propose(request.user)


def _errors_text(exc: ValidationError) -> str:
    if hasattr(exc, "error_dict"):
        return " ".join(str(m) for messages in exc.message_dict.values() for m in messages)
    return " ".join(exc.messages)


def _safe_next(request: HtmxHttpRequest, default: str) -> str:
    target = NextForm(request.POST).target() or NextForm(request.GET).target()
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


# --- List and creation --------------------------------------------------------------------


def factsheet_list(request: HtmxHttpRequest) -> HttpResponse:
    _require_desk(request)
    show_archived = request.GET.get("archived") == "1"
    if not _can_see_drafts(request):
        return render(
            request,
            "claims/factsheet_list.html",
            {"sheets": _published_sheets(show_archived), "show_archived": show_archived},
        )
    sheets = (
        FactSheet.objects.filter(archived_at__isnull=not show_archived)
        .annotate(claim_count=Count("entries", distinct=True), latest=Max("versions__number"))
        .select_related("created_by")
        .order_by("-updated_at", "-id")
    )
    return render(
        request,
        "claims/factsheet_list.html",
        {"sheets": list(sheets[:200]), "show_archived": show_archived},
    )


def _published_sheets(show_archived: bool) -> list[FactSheet]:
    """For viewers: the sheets with a published version, each as its latest version reads.

    The live title (and the live draft's claims) may have changed since publication and are
    not public yet: the title shown is the one frozen in the latest version (read from its
    JSON by the database), with that version's number and date. One query.
    """
    latest = FactSheetVersion.objects.filter(sheet=OuterRef("pk")).order_by("-number")
    frozen_title = latest.annotate(doc=Cast("content", JSONField())).values(
        title=KT("doc__sheet__title")
    )
    return list(
        FactSheet.objects.filter(archived_at__isnull=not show_archived)
        .filter(Exists(latest))
        .annotate(
            latest=Subquery(latest.values("number")[:1]),
            published_title=Subquery(frozen_title[:1]),
            published_at=Subquery(latest.values("published_at")[:1]),
        )
        .only("id", "archived_at")
        .order_by("-published_at", "-id")[:200]
    )


@require_POST
def factsheet_create(request: HtmxHttpRequest) -> HttpResponse:
    permissions.require(permissions.can_review(request.user), "create fact sheets")
    form = SheetForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(form_errors_text(form))
        with keyed.once(request, "Fact sheet created.") as outcome:
            sheet = services.factsheet_create(
                by=request.user,
                title=form.cleaned_data["title"],
                summary=form.cleaned_data["summary"],
            )
            outcome.text = f"Fact sheet “{sheet.title}” created."
    except keyed.AlreadyDone as exc:
        if exc.earlier.same_change:
            messages.success(request, exc.earlier.message)
        else:
            messages.error(request, exc.earlier.refusal)
        return HttpResponseRedirect(reverse("claims:factsheet_list"))
    except ValidationError as exc:
        return render(
            request,
            "claims/factsheet_list.html",
            {"sheets": [], "create_error": _errors_text(exc), "show_archived": False},
        )
    return HttpResponseRedirect(reverse("claims:factsheet", args=[sheet.pk]))


# --- The builder --------------------------------------------------------------------------


def _builder_context(
    request: HtmxHttpRequest, sheet: FactSheet, *, message: str = "", error: str = ""
) -> dict[str, Any]:
    sections = list(FactSheetSection.objects.filter(sheet=sheet).order_by("position", "id"))
    doc = present(build_content(sheet))
    groups: list[dict[str, Any]] = []
    doc_sections = list(doc["sections"])
    unsectioned = (
        doc_sections.pop(0)["entries"] if doc_sections and not doc_sections[0]["title"] else []
    )
    groups.append({"section": None, "entries": unsectioned})
    groups.extend(
        {"section": s, "entries": d["entries"]} for s, d in zip(sections, doc_sections, strict=True)
    )
    versions = list(
        FactSheetVersion.objects.filter(sheet=sheet)
        .select_related("published_by")
        .only("id", "sheet_id", "number", "sha256", "published_at", "published_by", "chain_head")
        .order_by("-number")
    )
    unpublishable = [
        e for _t, e in iter_entries(doc) if e["state"] not in services.factsheets.PUBLISHABLE_STATES
    ]
    return {
        "sheet": sheet,
        "sections": sections,
        "publish_warnings": publish_warnings(doc),
        "groups": groups,
        "doc": doc,
        "versions": versions,
        "unpublishable": unpublishable,
        "entry_count": sum(len(g["entries"]) for g in groups),
        "can_edit": permissions.can_review(request.user) and not sheet.is_archived,
        "formats": exports.FORMATS.values(),
        "message": message,
        "error": error,
    }


WARN_VERDICTS = {"unverified": "unverified", "disputed": "disputed"}


def publish_warnings(doc: dict[str, Any]) -> list[dict[str, Any]]:
    """The claims a reader should not take as checked, by verdict, named by claim number
    (the number on the claim's page, never a place on the sheet): "claims 12 and 15 are
    unverified"."""
    out = []
    for verdict, word in WARN_VERDICTS.items():
        ids = [e["claim_id"] for _t, e in iter_entries(doc) if e["verdict"]["value"] == verdict]
        if ids:
            out.append({"verdict": verdict, "word": word, "claim_ids": sorted(ids)})
    return out


@vary_on_headers("HX-Request")
def factsheet_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    _require_desk(request)
    sheet = get_object_or_404(FactSheet, pk=pk)
    if not _can_see_drafts(request):
        latest = FactSheetVersion.objects.filter(sheet=sheet).order_by("-number").first()
        if latest is None:
            raise Http404("No published version")
        return HttpResponseRedirect(
            reverse("claims:factsheet_version", args=[sheet.pk, latest.number])
        )
    template = f"{TEMPLATE}#builder" if request.htmx else TEMPLATE
    return render(request, template, _builder_context(request, sheet))


def _builder_action(
    request: HtmxHttpRequest,
    sheet: FactSheet,
    action: Callable[[], Any],
    done: str,
    form: forms.Form | None = None,
) -> HttpResponse:
    """Run one builder action; answer htmx with the builder, a plain form with a redirect.

    ``form`` (already bound to the POST) is checked first: a refused form changes nothing.
    """
    permissions.require(permissions.can_review(request.user), "curate fact sheets")
    error = ""
    try:
        if form is not None and not form.is_valid():
            raise ValidationError(form_errors_text(form))
        with keyed.once(request, done):
            action()
    except keyed.AlreadyDone as exc:
        # A repeat of a request already applied (its answer was lost): say what it did.
        if exc.earlier.same_change:
            done = exc.earlier.message
            if not request.htmx:
                messages.success(request, done)
        else:
            error = exc.earlier.refusal
    except ValidationError as exc:
        error = _errors_text(exc)
    except services.ServiceError as exc:
        error = str(exc)
    if not request.htmx and not error:
        return HttpResponseRedirect(reverse("claims:factsheet", args=[sheet.pk]))
    sheet.refresh_from_db()
    context = _builder_context(request, sheet, message="" if error else done, error=error)
    return render(request, f"{TEMPLATE}#builder" if request.htmx else TEMPLATE, context)


def _sheet(pk: int) -> FactSheet:
    return get_object_or_404(FactSheet, pk=pk)


def _entry(pk: int, claim_id: int) -> FactSheetEntry:
    return get_object_or_404(
        FactSheetEntry.objects.select_related("sheet"), sheet_id=pk, claim_id=claim_id
    )


def _section(pk: int, section_id: int) -> FactSheetSection:
    return get_object_or_404(
        FactSheetSection.objects.select_related("sheet"), sheet_id=pk, pk=section_id
    )


def _offset(request: HtmxHttpRequest) -> int:
    form = MoveForm(request.POST)
    return -1 if form.is_valid() and form.cleaned_data["direction"] == "up" else 1


def _int_or_none(raw: str | None) -> int | None:
    return parse_int(raw, maximum=INT_MAX)


@require_POST
def factsheet_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    sheet = _sheet(pk)
    form = SheetForm(request.POST)
    return _builder_action(
        request,
        sheet,
        lambda: services.factsheet_edit(
            sheet=sheet,
            by=request.user,
            title=form.cleaned_data["title"],
            summary=form.cleaned_data["summary"],
            expected_revision=form.cleaned_data["revision"] or 0,
        ),
        "Saved.",
        form,
    )


@require_POST
def factsheet_archive(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    sheet = _sheet(pk)
    permissions.require(permissions.can_review(request.user), "archive fact sheets")
    form = ArchiveForm(request.POST)
    archived = not form.is_valid() or form.cleaned_data["archived"] != "0"
    services.factsheet_archive(sheet=sheet, by=request.user, archived=archived)
    return HttpResponseRedirect(reverse("claims:factsheet", args=[sheet.pk]))


@require_POST
def section_add(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    sheet = _sheet(pk)
    form = SheetTitleForm(request.POST)
    return _builder_action(
        request,
        sheet,
        lambda: services.factsheet_section_add(
            sheet=sheet, by=request.user, title=form.cleaned_data["title"]
        ),
        "Section added.",
        form,
    )


@require_POST
def section_rename(request: HtmxHttpRequest, pk: int, section_id: int) -> HttpResponse:
    section = _section(pk, section_id)
    form = SheetTitleForm(request.POST)
    return _builder_action(
        request,
        section.sheet,
        lambda: services.factsheet_section_rename(
            section=section, by=request.user, title=form.cleaned_data["title"]
        ),
        "Section renamed.",
        form,
    )


@require_POST
def section_move(request: HtmxHttpRequest, pk: int, section_id: int) -> HttpResponse:
    section = _section(pk, section_id)
    return _builder_action(
        request,
        section.sheet,
        lambda: services.factsheet_section_move(
            section=section, by=request.user, offset=_offset(request)
        ),
        "Section moved.",
    )


@require_POST
def section_remove(request: HtmxHttpRequest, pk: int, section_id: int) -> HttpResponse:
    section = _section(pk, section_id)
    return _builder_action(
        request,
        section.sheet,
        lambda: services.factsheet_section_remove(section=section, by=request.user),
        "Section removed; its claims stay on the sheet.",
    )


@require_POST
def entry_move(request: HtmxHttpRequest, pk: int, claim_id: int) -> HttpResponse:
    entry = _entry(pk, claim_id)
    return _builder_action(
        request,
        entry.sheet,
        lambda: services.factsheet_entry_move(
            entry=entry, by=request.user, offset=_offset(request)
        ),
        "Moved.",
    )


@require_POST
def entry_section(request: HtmxHttpRequest, pk: int, claim_id: int) -> HttpResponse:
    entry = _entry(pk, claim_id)
    form = SheetSectionChoiceForm(request.POST)
    section_id = form.cleaned_data.get("section") if form.is_valid() else None
    section = _section(pk, section_id) if section_id else None
    return _builder_action(
        request,
        entry.sheet,
        lambda: services.factsheet_entry_set_section(entry=entry, by=request.user, section=section),
        "Moved to another section.",
        form,
    )


@require_POST
def entry_note(request: HtmxHttpRequest, pk: int, claim_id: int) -> HttpResponse:
    entry = _entry(pk, claim_id)
    form = SheetNoteForm(request.POST)
    return _builder_action(
        request,
        entry.sheet,
        lambda: services.factsheet_entry_note(
            entry=entry, by=request.user, note=form.cleaned_data["note"]
        ),
        "Note saved.",
        form,
    )


@require_POST
def entry_remove(request: HtmxHttpRequest, pk: int, claim_id: int) -> HttpResponse:
    entry = _entry(pk, claim_id)
    return _builder_action(
        request,
        entry.sheet,
        lambda: services.factsheet_claim_remove(entry=entry, by=request.user),
        "Removed from the sheet.",
    )


@require_POST
def factsheet_publish(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    sheet = _sheet(pk)
    permissions.require(permissions.can_review(request.user), "publish fact sheets")
    try:
        with keyed.once(request, "Published.") as outcome:
            version = services.factsheet_publish(sheet=sheet, by=request.user)
            outcome.text = f"Published as version {version.number}."
    except keyed.AlreadyDone as exc:
        done = exc.earlier
        context = _builder_context(
            request,
            sheet,
            message=done.message if done.same_change else "",
            error="" if done.same_change else done.refusal,
        )
        return render(request, f"{TEMPLATE}#builder" if request.htmx else TEMPLATE, context)
    except services.ServiceError as exc:
        context = _builder_context(request, sheet, error=str(exc))
        return render(request, f"{TEMPLATE}#builder" if request.htmx else TEMPLATE, context)
    url = reverse("claims:factsheet_version", args=[sheet.pk, version.number])
    if request.htmx:
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return HttpResponseRedirect(url)


# --- Adding claims from the claim page and the queue --------------------------------------


@require_POST
def claim_add(request: HtmxHttpRequest, claim_id: int) -> HttpResponse:
    """Add a claim to a sheet (or to a new one, named in the form)."""
    permissions.require(permissions.can_review(request.user), "curate fact sheets")
    claim = get_object_or_404(Claim.objects.visible_to(request.user), pk=claim_id)
    message = error = ""
    sheet: FactSheet | None = None
    form = ClaimToSheetForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(form_errors_text(form))
        with keyed.once(request, "Added to a fact sheet.") as outcome:
            new_title = form.cleaned_data["new_title"]
            if new_title:
                sheet = services.factsheet_create(by=request.user, title=new_title)
            else:
                sheet_id = form.cleaned_data["sheet"]
                sheet = get_object_or_404(FactSheet, pk=sheet_id, archived_at__isnull=True)
            services.factsheet_claim_add(sheet=sheet, by=request.user, claim=claim)
            message = outcome.text = f"Added to “{sheet.title}”."
    except keyed.AlreadyDone as exc:
        if exc.earlier.same_change:
            message = exc.earlier.message
        else:
            error = exc.earlier.refusal
    except ValidationError as exc:
        error = _errors_text(exc)
    except services.ServiceError as exc:
        error = str(exc)
    if request.htmx:
        return render(
            request,
            "claims/_factsheet_actions.html",
            {"claim": claim, "fs_message": message, "fs_error": error},
        )
    if error:
        messages.error(request, error)
    else:
        messages.success(request, message)
    return HttpResponseRedirect(_safe_next(request, reverse("claims:detail", args=[claim.pk])))


# --- Published versions -------------------------------------------------------------------


def _version(request: HtmxHttpRequest, pk: int, number: int) -> FactSheetVersion:
    _require_desk(request)
    return get_object_or_404(
        FactSheetVersion.objects.select_related("sheet", "published_by"), sheet_id=pk, number=number
    )


def _readable(request: HtmxHttpRequest, content: dict[str, Any]) -> dict[str, Any]:
    """A published version as this user may read it.

    Sheets published from now on never cite an unaccepted claim (see ``build_content``);
    a version frozen before that rule may still hold evidence pointing at a claim that is a
    candidate or rejected now. For a viewer such evidence is left out (one query). Anyone who
    reads the desk's drafts gets the version exactly as frozen.
    """
    if _can_see_drafts(request):
        return content
    cited = {
        ev["claim"]["claim_id"]
        for _title, entry in iter_entries(content)
        for ev in entry["evidence"]
        if ev.get("claim")
    }
    if not cited:
        return content
    readable = set(
        Claim.objects.visible_to(request.user).filter(pk__in=cited).values_list("pk", flat=True)
    )
    if cited <= readable:
        return content
    sections = [
        {
            **section,
            "entries": [
                {
                    **entry,
                    "evidence": [
                        ev
                        for ev in entry["evidence"]
                        if not ev.get("claim") or ev["claim"]["claim_id"] in readable
                    ],
                }
                for entry in section["entries"]
            ],
        }
        for section in content["sections"]
    ]
    return {**content, "sections": sections}


def factsheet_version(request: HtmxHttpRequest, pk: int, number: int) -> HttpResponse:
    version = _version(request, pk, number)
    changes = changed_since(version)
    # What changed since, in words (one query per kind of thing the events name).
    history_text.describe_all(
        [event for events in changes.values() for event in events], request.user
    )
    versions = list(
        FactSheetVersion.objects.filter(sheet_id=pk)
        .only("id", "sheet_id", "number")
        .order_by("number")
    )
    return render(
        request,
        "claims/factsheet_version.html",
        {
            "version": version,
            "sheet": version.sheet,
            "doc": present(_readable(request, load_content(version))),
            "changes": changes,
            "changed_ids": set(changes),
            "versions": versions,
            "formats": exports.FORMATS.values(),
        },
    )


def _diff(a: Any, b: Any, prefix: str = "") -> list[str]:
    """The paths of the fields that differ between two entries (for the comparison page)."""
    if isinstance(a, dict) and isinstance(b, dict):
        out: list[str] = []
        for key in sorted(set(a) | set(b)):
            if key in {"number", "source_ref", "claim_version", "history"}:
                continue
            out += _diff(a.get(key), b.get(key), f"{prefix}{key}.")
        return out
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        out = []
        for index, (x, y) in enumerate(zip(a, b, strict=True)):
            out += _diff(x, y, f"{prefix}{index + 1}.")
        return out
    return [] if a == b else [prefix.rstrip(".")]


def factsheet_compare(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    _require_desk(request)
    numbers = sorted(FactSheetVersion.objects.filter(sheet_id=pk).values_list("number", flat=True))
    if not numbers:
        raise Http404("No published version")
    a = _int_or_none(request.GET.get("a")) or (numbers[-2] if len(numbers) > 1 else numbers[-1])
    b = _int_or_none(request.GET.get("b")) or numbers[-1]
    left, right = _version(request, pk, a), _version(request, pk, b)
    doc_a = present(_readable(request, load_content(left)))
    doc_b = present(_readable(request, load_content(right)))
    entries_a = {e["claim_id"]: e for _t, e in iter_entries(doc_a)}
    entries_b = {e["claim_id"]: e for _t, e in iter_entries(doc_b)}
    order = [e["claim_id"] for _t, e in iter_entries(doc_b)]
    order += [cid for cid in entries_a if cid not in entries_b]
    rows = []
    for cid in order:
        ea, eb = entries_a.get(cid), entries_b.get(cid)
        status = "added" if ea is None else "removed" if eb is None else "same"
        changed = _diff(ea, eb) if ea is not None and eb is not None else []
        if changed:
            status = "changed"
        rows.append({"claim_id": cid, "a": ea, "b": eb, "status": status, "changed": changed})
    return render(
        request,
        "claims/factsheet_compare.html",
        {
            "sheet": left.sheet,
            "left": left,
            "right": right,
            "doc_a": doc_a,
            "doc_b": doc_b,
            "rows": rows,
            "numbers": numbers,
            "meta_changed": [
                name
                for name in ("title", "summary")
                if doc_a["sheet"][name] != doc_b["sheet"][name]
            ],
        },
    )


# --- Exports ------------------------------------------------------------------------------


def _paper(request: HtmxHttpRequest) -> str:
    return "letter" if request.GET.get("paper") == "letter" else "a4"


def _export_response(request: HtmxHttpRequest, content: dict[str, Any], fmt: str) -> HttpResponse:
    if fmt not in exports.FORMATS:
        raise Http404("Unknown format")
    options: dict[str, Any] = {}
    if fmt == "pdf":
        options["paper"] = _paper(request)
    try:
        body = exports.render(content, fmt, **options)
    except PdfError as exc:
        return HttpResponse(str(exc), status=503, content_type="text/plain; charset=utf-8")
    response = HttpResponse(body, content_type=exports.FORMATS[fmt].content_type)
    _disposition(
        request, response, exports.filename(content, fmt, paper=options.get("paper", "")), fmt
    )
    if fmt == "html":
        # A standalone document with its stylesheet inline: no scripts, nothing to fetch.
        response["Content-Security-Policy"] = (
            "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
            "form-action 'none'; frame-ancestors 'none'"
        )
    return response


def _disposition(request: HtmxHttpRequest, response: HttpResponseBase, name: str, fmt: str) -> None:
    # "Web page (print)" is read in the browser; the PDF opens there only when asked.
    inline = fmt == "html" or (fmt == "pdf" and request.GET.get("inline") == "1")
    response["Content-Disposition"] = f'{"inline" if inline else "attachment"}; filename="{name}"'
    response["X-Content-Type-Options"] = "nosniff"


PDF_WAIT_TEMPLATE = "claims/factsheet_pdf.html"


def _stored_pdf_response(
    request: HtmxHttpRequest, version: FactSheetVersion, content: dict[str, Any]
) -> HttpResponseBase:
    """The version's stored PDF at once, or a page that shows the worker's progress."""
    paper = _paper(request)
    pdf, path = stored_pdf.request_pdf(version, paper)
    url = reverse("claims:factsheet_version_export", args=[version.sheet_id, version.number, "pdf"])
    download = f"{url}?paper={paper}"
    if path is not None and not request.htmx:
        response = FileResponse(path.open("rb"), content_type="application/pdf")
        _disposition(request, response, exports.filename(content, "pdf", paper=paper), "pdf")
        response["X-Content-SHA256"] = pdf.sha256
        return response
    context = {
        "version": version,
        "sheet": version.sheet,
        "pdf": pdf,
        "ready": path is not None,
        "paper_label": "Letter" if paper == "letter" else "A4",
        "download_url": download,
        "filename": exports.filename(content, "pdf", paper=paper),
    }
    template = f"{PDF_WAIT_TEMPLATE}#pdf-status" if request.htmx else PDF_WAIT_TEMPLATE
    return render(request, template, context)


@vary_on_headers("HX-Request")
def version_export(request: HtmxHttpRequest, pk: int, number: int, fmt: str) -> HttpResponseBase:
    version = _version(request, pk, number)
    content = load_content(version)
    readable = _readable(request, content)
    if fmt == "pdf" and readable is content:
        # The stored PDF is the version as frozen: served to whoever may read all of it.
        return _stored_pdf_response(request, version, content)
    return _export_response(request, readable, fmt)


def draft_export(request: HtmxHttpRequest, pk: int, fmt: str) -> HttpResponse:
    _require_desk(request)
    permissions.require(_can_see_drafts(request), "export unpublished fact sheets")
    sheet = _sheet(pk)
    return _export_response(request, build_content(sheet), fmt)


# --- Bulk export of the queue's claims ----------------------------------------------------


def _export_in_worker(request: HtmxHttpRequest, fmt: str) -> HttpResponse:
    from django.db import transaction

    from claims.models import ClaimExport
    from claims.tasks import export_claims

    params = request.GET.copy()
    params.pop("after", None)
    export = ClaimExport.objects.create(
        requested_by=request.user,  # type: ignore[misc]  # a desk member, never anonymous
        fmt=fmt,
        query=params.urlencode(),
    )
    transaction.on_commit(lambda: export_claims.enqueue(export.pk))
    return HttpResponseRedirect(reverse("claims:export_status", args=[export.pk]), status=303)


def _filtered_claims(request: HtmxHttpRequest) -> QuerySet[Claim]:
    from claims.views.queue import filtered_claims

    qs, _form = filtered_claims(request, request.GET)
    result: QuerySet[Claim] = qs
    return result


def claims_export(request: HtmxHttpRequest, fmt: str) -> HttpResponse | StreamingHttpResponse:
    """Every claim matching the queue's filters as CSV or JSON. Up to jobs.INLINE_MAX claims
    stream at once in constant memory; more go to the task worker, which writes a file that
    is offered when whole (so no export is ever cut off by the web worker's timeout)."""
    _require_desk(request)
    if fmt not in bulk.FORMATS:
        raise Http404("Unknown format")
    qs = _filtered_claims(request)
    if qs.order_by().values("pk")[: jobs.INLINE_MAX + 1].count() > jobs.INLINE_MAX:
        return _export_in_worker(request, fmt)
    # A keyset over the filter itself (id > last, in id order), not ``pk IN (filter)``.
    stream: Iterator[bytes] = bulk.stream(fmt, qs, request.user)
    response = StreamingHttpResponse(stream, content_type=bulk.FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="claims.{fmt}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
