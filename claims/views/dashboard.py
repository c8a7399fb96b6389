from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from claims import permissions
from claims.models import Claim, ClaimEvent, ClaimState, Source, Verdict

RECENT_EVENTS = 20


def dashboard(request: HttpRequest) -> HttpResponse:
    """Counts by state and verdict, and what happened on the desk lately."""
    events = ClaimEvent.objects.order_by("-id")
    if not permissions.can_propose(request.user):
        # Viewers see activity on the accepted desk only.
        events = events.filter(claim__state__in=[ClaimState.OPEN, ClaimState.ARCHIVED])
    context = {
        "counts": Claim.objects.visible_to(request.user).not_merged().counts(),
        "states": list(ClaimState),
        "verdicts": list(Verdict),
        "events": list(events[:RECENT_EVENTS]),
        "source_count": Source.objects.visible_to(request.user).count(),
    }
    return render(request, "claims/dashboard.html", context)
