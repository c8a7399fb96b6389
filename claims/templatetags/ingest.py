"""``{% revision_changes source %}``: what changed since the source's earlier revision;
``source|extracted_in_background``: whether its extraction goes to the background worker."""

from __future__ import annotations

from typing import Any

from django import template

from claims.models import Source
from claims.services.ingest import revision_diff
from claims.services.sources import extracts_in_background

register = template.Library()


@register.inclusion_tag("claims/ingest_changes.html")
def revision_changes(source: Source) -> dict[str, Any]:
    earlier = source.revision_of
    if earlier is None:
        return {"source": source, "earlier": None, "diff": []}
    return {"source": source, "earlier": earlier, "diff": revision_diff(earlier.text, source.text)}


@register.filter
def extracted_in_background(source: Source) -> bool:
    return extracts_in_background(source)
