"""Bringing a report in from the browser: by URL, by file upload, or by pasting text.

One page (``claims/ingest.html``) holds three plain forms that work without JavaScript. With
htmx, a refused form swaps only its own message region, so everything the reporter typed (and
the chosen file) stays in place; success redirects to the source page either way.

Uploads are size-checked before anything is stored: an upload handler placed first refuses
the file from the request's Content-Length or its running byte count (``StopUpload``), and
bodies far beyond the limit are refused before the body is read at all.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, RequestDataTooBig, ValidationError
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.datastructures import MultiValueDict
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import HttpResponseClientRedirect, HttpResponseClientRefresh

from claims import permissions, services
from claims.forms import DeskForm
from claims.ingest import ALLOWED_EXTENSIONS, IngestError
from claims.ingest.sniff import MB, human_size
from claims.models import ClaimState, ExtractionStatus, Mention, Source, SourceKind
from claims.services import SourceResult

TEMPLATE = "claims/ingest.html"
STATUS_TEMPLATE = "claims/_extraction_status.html#extraction-status"
# Room for the form's other fields and the multipart framing around the file.
FORM_OVERHEAD = 1 * MB
# Bodies beyond this many times the file limit are refused without reading them at all.
HARD_CAP_FACTOR = 8


# --- Forms ------------------------------------------------------------------------------------


class _ReportFields(DeskForm):
    kind = forms.ChoiceField(choices=SourceKind.choices, initial=SourceKind.NEWS)
    outlet = forms.CharField(required=False, max_length=200)
    published = forms.DateField(
        required=False, widget=forms.DateInput(attrs={"type": "date"}), label="Published on"
    )


class UrlForm(_ReportFields):
    # A CharField, not a URLField: the fetcher explains refusals ("only http and https …")
    # better than "Enter a valid URL".
    url = forms.CharField(
        max_length=2000,
        label="Address (URL)",
        widget=forms.TextInput(attrs={"type": "url", "inputmode": "url", "autocomplete": "off"}),
    )
    field_order = ["url", "kind", "outlet", "published"]


class TextForm(_ReportFields):
    keep_bidi = ("text",)  # the report's text is kept exactly as it was pasted
    title = forms.CharField(max_length=500)
    author = forms.CharField(required=False, max_length=500, label="Author(s)")
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 14}), strip=False)
    field_order = ["title", "outlet", "author", "published", "kind", "text"]


class UploadForm(_ReportFields):
    title = forms.CharField(
        required=False, max_length=500, help_text="Leave empty to use the file's own title"
    )
    author = forms.CharField(required=False, max_length=500, label="Author(s)")
    # Last, so a refused file never costs the fields typed before it.
    file = forms.FileField(
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(ALLOWED_EXTENSIONS)})
    )
    field_order = ["title", "outlet", "author", "published", "kind", "file"]


FORMS: dict[str, type[forms.Form]] = {"url": UrlForm, "upload": UploadForm, "text": TextForm}


def make_form(name: str, data: Any = None, files: Any = None) -> forms.Form:
    """One of the three forms; ids are prefixed per form (the page holds all three)."""
    return FORMS[name](data, files, auto_id=f"{name}-%s")


# --- The upload size guard --------------------------------------------------------------------


def _size_refusal(size: int, limit: int, what: str = "file") -> str:
    return f"the {what} is {size / MB:.1f} MB; the limit is {human_size(limit)}"


class UploadLimitHandler(FileUploadHandler):
    """First upload handler: refuses an over-large file before any handler stores a byte.

    From the request's Content-Length, the part's own length, or the running byte count (for
    chunked or lying requests), whichever shows the excess first. ``StopUpload`` ends parsing;
    the rest of the body is read and discarded (never stored) so the browser gets our answer.
    """

    def __init__(self, request: HttpRequest, max_bytes: int) -> None:
        super().__init__(request)
        self.max_bytes = max_bytes
        self.body_length = 0
        self.refusal: str | None = None

    def handle_raw_input(
        self,
        input_data: Any,
        META: dict[str, Any],
        content_length: int,
        boundary: Any,
        encoding: str | None = None,
    ) -> None:
        self.body_length = content_length
        return None

    def new_file(self, field_name: str, file_name: str, *args: Any, **kwargs: Any) -> None:
        super().new_file(field_name, file_name, *args, **kwargs)
        declared = self.content_length
        if declared is not None and declared > self.max_bytes:
            self.refusal = _size_refusal(declared, self.max_bytes)
        elif self.body_length > self.max_bytes + FORM_OVERHEAD:
            self.refusal = _size_refusal(self.body_length, self.max_bytes, "upload")
        if self.refusal:
            raise StopUpload(connection_reset=False)

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        if start + len(raw_data) > self.max_bytes:
            self.refusal = f"the file is larger than the limit of {human_size(self.max_bytes)}"
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None


# --- Rendering --------------------------------------------------------------------------------


def _htmx(request: HttpRequest) -> bool:
    return bool(getattr(request, "htmx", False))


def _require_propose(request: HttpRequest) -> None:
    if not permissions.can_propose(request.user):
        raise PermissionDenied("Your role does not allow you to bring in reports.")


def _page(
    request: HttpRequest,
    *,
    active: str = "url",
    bound: forms.Form | None = None,
    refusal: str = "",
) -> HttpResponse:
    """The full page, or (htmx) only the message region of the form that was sent."""
    context: dict[str, Any] = {
        "active": active,
        "refusal": refusal,
        "max_size": human_size(int(settings.INGEST_MAX_BYTES)),
        "extensions": ", ".join(ALLOWED_EXTENSIONS),
    }
    for name in FORMS:
        context[f"{name}_form"] = bound if bound is not None and name == active else make_form(name)
        context[f"{name}_refusal"] = refusal if name == active else ""
    if _htmx(request) and request.method == "POST":
        return render(request, f"{TEMPLATE}#{active}-messages", {**context, "form": bound})
    return render(request, TEMPLATE, context)


def _done(request: HttpRequest, result: SourceResult) -> HttpResponse:
    source = result.source
    if not result.created:
        messages.info(
            request, f"This report is already on the desk as report {source.pk}: nothing was added."
        )
    elif result.previous_revision is not None and source.is_copy_elsewhere:
        earlier = result.previous_revision
        messages.success(
            request,
            f"This is an updated copy of report {earlier.pk} ({source.revision_overlap}): "
            f"saved as its revision {source.revision}; figures in unchanged passages are added "
            "to the claims already made from them. If it is another story, an editor can say "
            "so on its page (Not a revision).",
        )
    elif result.previous_revision is not None:
        messages.success(
            request,
            f"The page changed since revision {result.previous_revision.revision}: "
            f"saved as revision {source.revision}.",
        )
    else:
        messages.success(request, "Report brought in.")
    url = reverse("claims:source_detail", args=[source.pk])
    if _htmx(request):
        return HttpResponseClientRedirect(url)
    return HttpResponseRedirect(url)


def _refusal_text(exc: Exception) -> str:
    if isinstance(exc, IngestError):
        return exc.reason
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    return str(exc)


# --- Views ------------------------------------------------------------------------------------


@require_GET
def ingest(request: HttpRequest) -> HttpResponse:
    """The "Bring in a report" page."""
    _require_propose(request)
    active = request.GET.get("way", "url")
    return _page(request, active=active if active in FORMS else "url")


@require_POST
@vary_on_headers("HX-Request")
def ingest_url(request: HttpRequest) -> HttpResponse:
    _require_propose(request)
    form = make_form("url", request.POST)
    if not form.is_valid():
        return _page(request, active="url", bound=form)
    data = form.cleaned_data
    try:
        result = services.ingest_url(
            url=data["url"],
            by=request.user,
            outlet=data["outlet"] or None,
            kind=data["kind"],
            published=data["published"],
        )
    except (IngestError, ValidationError) as exc:
        return _page(request, active="url", bound=form, refusal=_refusal_text(exc))
    return _done(request, result)


def _too_big_body(request: HttpRequest, limit: int, active: str, what: str) -> HttpResponse:
    """Refuse without reading the body (so the typed fields cannot be shown again)."""
    size = int(request.headers.get("content-length") or 0)
    form = make_form(active, QueryDict(), MultiValueDict())
    return _page(request, active=active, bound=form, refusal=_size_refusal(size, limit, what))


def _content_length(request: HttpRequest) -> int:
    try:
        return int(request.headers.get("content-length") or 0)
    except ValueError:
        return 0


@csrf_exempt  # so the upload handler can go in first; CSRF is checked just below
@require_POST
@vary_on_headers("HX-Request")
def ingest_upload(request: HttpRequest) -> HttpResponse:
    _require_propose(request)
    max_bytes = int(settings.INGEST_MAX_BYTES)
    if _content_length(request) > HARD_CAP_FACTOR * max_bytes + FORM_OVERHEAD:
        # Not worth reading: answer at once (no state changes, so no CSRF check needed).
        return _too_big_body(request, max_bytes, "upload", "upload")
    guard = UploadLimitHandler(request, max_bytes)
    request.upload_handlers.insert(0, guard)
    return _ingest_upload_checked(request, guard)


@csrf_protect
def _ingest_upload_checked(request: HttpRequest, guard: UploadLimitHandler) -> HttpResponse:
    form = make_form("upload", request.POST, request.FILES)
    if guard.refusal:
        form.is_valid()
        return _page(request, active="upload", bound=form, refusal=guard.refusal)
    if not form.is_valid():
        return _page(request, active="upload", bound=form)
    data = form.cleaned_data
    upload = data["file"]
    try:
        result = services.ingest_upload(
            name=upload.name or "",
            file=upload,
            by=request.user,
            title=data["title"],
            outlet=data["outlet"],
            author=data["author"],
            published=data["published"],
            kind=data["kind"],
        )
    except (IngestError, ValidationError) as exc:
        return _page(request, active="upload", bound=form, refusal=_refusal_text(exc))
    return _done(request, result)


@csrf_exempt  # so an over-long paste gets our answer, not a 400; CSRF is checked below
@require_POST
@vary_on_headers("HX-Request")
def ingest_text(request: HttpRequest) -> HttpResponse:
    _require_propose(request)
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    if limit is not None and _content_length(request) > limit:
        return _text_too_long(request, limit)
    return _ingest_text_checked(request)


def _text_too_long(request: HttpRequest, limit: int) -> HttpResponse:
    form = make_form("text", QueryDict())
    reason = (
        f"the pasted text is longer than {human_size(limit)}; upload it as a .txt file instead "
        f"(up to {human_size(int(settings.INGEST_MAX_BYTES))})"
    )
    return _page(request, active="text", bound=form, refusal=reason)


@csrf_protect
def _ingest_text_checked(request: HttpRequest) -> HttpResponse:
    try:
        form = make_form("text", request.POST)
    except RequestDataTooBig:  # a body without Content-Length
        return _text_too_long(request, settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 0)
    if not form.is_valid():
        return _page(request, active="text", bound=form)
    data = form.cleaned_data
    try:
        result = services.ingest_text(
            text=data["text"],
            title=data["title"],
            outlet=data["outlet"],
            author=data["author"],
            published=data["published"],
            kind=data["kind"],
            by=request.user,
        )
    except (IngestError, ValidationError) as exc:
        return _page(request, active="text", bound=form, refusal=_refusal_text(exc))
    return _done(request, result)


# --- Extraction progress ----------------------------------------------------------------------

RUNNING = (ExtractionStatus.PENDING, ExtractionStatus.RUNNING)


def _status(request: HttpRequest, source: Source) -> HttpResponse:
    mentions = Mention.objects.filter(source=source)
    if not permissions.can_propose(request.user):
        mentions = mentions.filter(claim__state__in=[ClaimState.OPEN, ClaimState.ARCHIVED])
    context = {"source": source, "mentions": list(mentions.values_list("pk", flat=True))}
    return render(request, STATUS_TEMPLATE, context)


@require_GET
def extraction_status(request: HttpRequest, pk: int) -> HttpResponse:
    """The status region alone: htmx polls it while extraction is pending or running.

    When a poll finds extraction finished with figures, the page reloads once to show them
    highlighted in the text; otherwise the region swaps in place and stops polling.
    """
    source = get_object_or_404(Source.objects.visible_to(request.user), pk=pk)
    polled = request.GET.get("was") in RUNNING
    finished_with_figures = (
        polled
        and source.extraction_status == ExtractionStatus.DONE
        and Mention.objects.filter(source=source).exists()
    )
    if _htmx(request) and finished_with_figures:
        return HttpResponseClientRefresh()
    if not _htmx(request):
        return redirect("claims:source_detail", pk=source.pk)
    return _status(request, source)


@require_POST
@vary_on_headers("HX-Request")
def extraction_retry(request: HttpRequest, pk: int) -> HttpResponse:
    _require_propose(request)
    source = get_object_or_404(Source.objects.visible_to(request.user), pk=pk)
    source = services.source_retry_extraction(source=source, by=request.user)
    source.refresh_from_db()
    if _htmx(request):
        return _status(request, source)
    return redirect("claims:source_detail", pk=source.pk)
