"""Figures: a figure's history, and the value box's preview.

A figure's history: every value reported for the same figure, charted over time.

The chart is SVG drawn on the server (``claims.figure_history.chart``), beside a table of the
same rows. "The same figure" is the claim's group (``claims.figure_history.group``): claims
joined to it by undismissed suggestions of the matching engine or by evidence links, in one
canonical unit. The axis is the report date or the as-of date (``?axis=as_of``): plain links,
which htmx follows by swapping the chart and table only.
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from claims import permissions
from claims.figure_history import chart as charts
from claims.figure_history.group import figure_group, rows_and_points
from claims.figure_input import FigureInputError, parse_figure
from claims.formatting import format_quantity
from claims.forms import FigurePreviewForm
from claims.models import Claim, Verdict
from claims.querysets import viewer_claim_states
from claims.views.claims import visible_claims
from claims.views.queue import is_htmx

TEMPLATE = "claims/figure_history.html"
AXES = {"reported": "report date", "as_of": "as-of date"}


def _day(day: dt.date | None) -> str:
    return f"{day.day} {day:%b %Y}" if day else "no date"


def _label(
    claim: Claim, reported: dt.date | None, as_of: dt.date | None, successor: int | None
) -> str:
    parts = [
        f"Claim {claim.pk}: {format_quantity(claim)}",
        f"reported {_day(reported)}",
        f"as of {claim.as_of}" if claim.as_of else "no as-of date",
        Verdict(claim.verdict).label.lower() if claim.verdict in Verdict.values else claim.verdict,
    ]
    if successor:
        parts.append(f"superseded by claim {successor}")
    return " · ".join(parts)


@require_GET
@vary_on_headers("HX-Request")
def figure_history(request: HttpRequest, pk: int) -> HttpResponse:
    claim = get_object_or_404(visible_claims(request), pk=pk)
    if claim.merged_into_id:
        survivor = visible_claims(request).filter(pk=claim.merged_into_id).first()
        if survivor is not None:
            return HttpResponseRedirect(reverse("claims:figure_history", args=[survivor.pk]))
    axis = request.GET.get("axis", "reported")
    if axis not in AXES:
        axis = "reported"
    states = None if permissions.can_propose(request.user) else viewer_claim_states()
    group = figure_group(claim, visible_claims(request), states=states)
    rows = rows_and_points(group, axis=axis, label=_label)
    drawn = charts.layout([row.point for row in rows if row.point is not None])
    context: dict[str, Any] = {
        "claim": claim,
        "rows": rows,
        "chart": drawn,
        "axis": axis,
        "axis_words": AXES[axis],
        "axes": AXES,
        "legend": [
            (verdict, Verdict(verdict).label, shape, path)
            for verdict, shape, path in charts.legend()
        ],
        "truncated": group.truncated,
        "superseded_count": sum(1 for row in rows if row.superseded_by),
        "range_count": sum(1 for row in rows if row.point and row.point.high > row.point.low),
        "unit_words": _unit_words(group.claims),
    }
    template = f"{TEMPLATE}#figure-history" if is_htmx(request) else TEMPLATE
    return render(request, template, context)


def _unit_words(claims: list[Claim]) -> str:
    from claims.figure_history.group import one_unit

    if not claims:
        return ""
    if one_unit(claims):
        first = claims[0]
        words = first.currency or first.unit_name or first.unit
        return f"{words} per {first.per}" if first.per else words
    return f"{claims[0].norm_unit} (converted to one unit)"


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
