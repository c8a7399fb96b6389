"""Big bulk exports: their status page and their download (see claims/exports/jobs.py)."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from claims import permissions
from claims.exports import bulk, jobs
from claims.models import ClaimExport, ExportStatus


def _export(request: HttpRequest, pk: int) -> ClaimExport:
    permissions.require(permissions.can_view_desk(request.user), "export claims")
    return get_object_or_404(ClaimExport, pk=pk, requested_by=request.user.pk)


def export_status(request: HttpRequest, pk: int) -> HttpResponse:
    """Where the export stands; the page refreshes itself until the file is ready."""
    export = _export(request, pk)
    return render(request, "claims/export_status.html", {"export": export})


def export_download(request: HttpRequest, pk: int) -> HttpResponse | FileResponse:
    """The finished file, only if it is whole: exactly the size and SHA-256 written."""
    export = _export(request, pk)
    if export.fmt not in bulk.FORMATS:
        raise Http404("Unknown format")
    path = jobs.whole_file(export)
    if path is None:
        if export.status == ExportStatus.DONE:
            message = "The export file is damaged or incomplete. Ask for the export again."
        elif export.status == ExportStatus.FAILED:
            message = "This export failed. Ask for it again."
        else:
            message = "This export is not finished yet."
        response = render(
            request, "claims/export_status.html", {"export": export, "problem": message}
        )
        response.status_code = 409
        return response
    download = FileResponse(
        path.open("rb"),
        as_attachment=True,
        filename=f"claims.{export.fmt}",
        content_type=bulk.FORMATS[export.fmt],
    )
    download["X-Content-Type-Options"] = "nosniff"
    return download
