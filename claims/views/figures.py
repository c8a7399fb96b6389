"""The value box's preview: what the desk reads in a typed figure, before anything is saved."""

from __future__ import annotations

from types import SimpleNamespace

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from claims import permissions
from claims.figure_input import FigureInputError, parse_figure
from claims.formatting import format_quantity
from claims.forms import FigurePreviewForm


@require_GET
def figure_preview(request: HttpRequest) -> HttpResponse:
    """GET ?figure=…: the "read as" line under the value box (an htmx fragment)."""
    permissions.require(permissions.can_propose(request.user), "edit figures")
    form = FigurePreviewForm(request.GET)
    typed = form.cleaned_data.get("figure", "") if form.is_valid() else ""
    context: dict[str, object] = {"typed": typed}
    if typed.strip():
        try:
            reading = parse_figure(typed)
        except FigureInputError as exc:
            context["error"] = str(exc)
        else:
            fields = {
                "trend": "",
                "change": "",
                "from_value": None,
                "unit": "",
                "unit_name": "",
                "dimension": "count",
                "currency": "",
                "per": "",
                **reading.fields(),
            }
            context["reading"] = reading
            context["as_text"] = format_quantity(SimpleNamespace(**fields))
    return render(request, "claims/_figure_reading.html", context)
