from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from claims import permissions
from claims.models import ClaimEvent, ClaimState, Source, Verdict
from claims.views.queue import visible_counts

RECENT_EVENTS = 20


def dashboard(request: HttpRequest) -> HttpResponse:
    """Counts by state and verdict, and what happened on the desk lately."""
    events = ClaimEvent.objects.order_by("-id")
    if not permissions.can_propose(request.user):
        # Viewers see activity on the accepted desk only.
        events = events.filter(claim__state__in=[ClaimState.OPEN, ClaimState.ARCHIVED])
    context = {
        "counts": visible_counts(request),
        "states": list(ClaimState),
        "verdicts": list(Verdict),
        "events": list(events[:RECENT_EVENTS]),
        "source_count": Source.objects.visible_to(request.user).count(),
    }
    return render(request, "claims/dashboard.html", context)
