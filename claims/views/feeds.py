"""Watched feeds: the list (with each feed's state and last run), one feed's runs, and the
editors' actions (add, pause, resume). Reporters and above read; editors change."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import OuterRef, Subquery
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from claims import permissions
from claims.forms_watch import FeedActiveForm, FeedAddForm
from claims.models_feeds import Feed, FeedRun
from claims.services import feeds as feed_services

RUNS_SHOWN = 30


def _require_reader(request: HttpRequest) -> None:
    if not permissions.can_propose(request.user):
        raise PermissionDenied("Watched feeds are for reporters and editors.")


def _list_context(request: HttpRequest, form: FeedAddForm | None = None) -> dict[str, object]:
    last_run = FeedRun.objects.filter(feed=OuterRef("pk")).order_by("-started_at", "-id")
    rows = list(
        Feed.objects.select_related("outlet")
        .annotate(
            last_run_status=Subquery(last_run.values("status")[:1]),
            last_run_new=Subquery(last_run.values("items_new")[:1]),
            last_run_refused=Subquery(last_run.values("items_refused")[:1]),
        )
        .order_by("name", "id")
    )
    return {
        "feeds": rows,
        "form": form or FeedAddForm(),
        "can_add": permissions.can_review(request.user),
    }


@require_GET
def feed_list(request: HttpRequest) -> HttpResponse:
    _require_reader(request)
    return render(request, "claims/feeds.html", _list_context(request))


@require_POST
def feed_add(request: HttpRequest) -> HttpResponse:
    _require_reader(request)
    permissions.require(permissions.can_review(request.user), "add watched feeds")
    form = FeedAddForm(request.POST)
    if form.is_valid():
        try:
            feed = feed_services.feed_add(by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            for name, errors in exc.message_dict.items():
                form.add_error(name if name in form.fields else None, errors)
        else:
            messages.success(request, f"Watching {feed.name}; its first poll is due now.")
            return HttpResponseRedirect(reverse("claims:feed_detail", args=[feed.pk]))
    return render(request, "claims/feeds.html", _list_context(request, form))


@require_GET
def feed_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _require_reader(request)
    feed = get_object_or_404(Feed.objects.select_related("outlet"), pk=pk)
    runs = list(FeedRun.objects.filter(feed=feed).order_by("-started_at", "-id")[:RUNS_SHOWN])
    context = {"feed": feed, "runs": runs, "can_change": permissions.can_review(request.user)}
    return render(request, "claims/feed_detail.html", context)


@require_POST
def feed_active(request: HttpRequest, pk: int) -> HttpResponse:
    _require_reader(request)
    feed = get_object_or_404(Feed, pk=pk)
    form = FeedActiveForm(request.POST)
    if form.is_valid():
        active = form.cleaned_data["active"]
        feed_services.feed_set_active(feed=feed, by=request.user, active=active)
        messages.success(request, "Resumed: polled soon." if active else "Paused.")
    return HttpResponseRedirect(reverse("claims:feed_detail", args=[pk]))
