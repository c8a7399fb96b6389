"""Template helpers for the "Add to fact sheet" block (claim page and queue rows)."""

from __future__ import annotations

from typing import Any

from django import template

from claims.models import FactSheet, FactSheetEntry

register = template.Library()
_CACHE = "_factdesk_factsheet_choices"


@register.simple_tag(takes_context=True)
def factsheet_choices(context: Any, claim: Any) -> dict[str, Any]:
    """The open sheets, and those this claim is already on: at most two queries per request,
    whatever the number of claims on the page."""
    request = context.get("request")
    cached = getattr(request, _CACHE, None) if request is not None else None
    if cached is None:
        sheets = list(FactSheet.objects.filter(archived_at__isnull=True).order_by("title", "id"))
        on: dict[int, set[int]] = {}
        if sheets:  # no open sheet, no claim on one: the second query is not sent
            for claim_id, sheet_id in FactSheetEntry.objects.filter(
                sheet__archived_at__isnull=True
            ).values_list("claim_id", "sheet_id"):
                on.setdefault(claim_id, set()).add(sheet_id)
        cached = (sheets, on)
        if request is not None:
            setattr(request, _CACHE, cached)
    sheets, on = cached
    mine = on.get(claim.pk, set())
    return {
        "on": [s for s in sheets if s.pk in mine],
        "available": [s for s in sheets if s.pk not in mine],
    }
