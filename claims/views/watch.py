"""A user's own watches, notifications and webhooks. Every query is filtered by the user:
nobody reads or changes another user's watch, notification, webhook or delivery log."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from claims import services
from claims.forms import SearchForm, form_errors_text
from claims.forms_watch import (
    MarkReadForm,
    WatchClaimForm,
    WatchEntityForm,
    WatchWordsForm,
    WebhookActiveForm,
    WebhookForm,
)
from claims.models import Claim
from claims.models_watch import Notification, Watch, Webhook
from claims.services import watch as watch_services
from claims.views.queue import is_htmx

PAGE_SIZE = 50


def _uid(request: HttpRequest) -> int:
    return int(request.user.pk or 0)


# --- notifications ----------------------------------------------------------------------------


@require_GET
def notifications(request: HttpRequest) -> HttpResponse:
    page = SearchForm(request.GET).page_number()
    rows = list(
        Notification.objects.filter(user_id=_uid(request))
        .select_related("claim", "watch")
        .only(
            "id",
            "kind",
            "text",
            "created_at",
            "read_at",
            "claim_id",
            "claim__statement",
            "other_claim_id",
            "watch_id",
            "watch__kind",
        )
        .order_by("-id")[(page - 1) * PAGE_SIZE : page * PAGE_SIZE + 1]
    )
    context = {
        "notifications": rows[:PAGE_SIZE],
        "has_more": len(rows) > PAGE_SIZE,
        "page": page,
        "unread": watch_services.unread_count(request.user),
    }
    return render(request, "claims/notifications.html", context)


@never_cache
@require_GET
def notification_count(request: HttpRequest) -> HttpResponse:
    """The header's badge (loaded by htmx after the page, so no page pays for it)."""
    count = watch_services.unread_count(request.user)
    return render(request, "claims/_notifications_link.html#count", {"unread": count})


@require_POST
def notifications_read(request: HttpRequest) -> HttpResponse:
    form = MarkReadForm(request.POST)
    if form.is_valid():
        one = form.cleaned_data["notification"]
        done = watch_services.notifications_mark_read(by=request.user, ids=[one] if one else None)
        if not one:
            messages.success(request, f"{done} marked read.")
    else:
        messages.error(request, form_errors_text(form))
    return HttpResponseRedirect(reverse("claims:notifications"))


# --- watches ----------------------------------------------------------------------------------


def _watches_context(request: HttpRequest, **forms: object) -> dict[str, object]:
    return {
        "watches": watch_services.watches_of(request.user),
        "words_form": forms.get("words_form") or WatchWordsForm(),
        "entity_form": forms.get("entity_form") or WatchEntityForm(),
    }


@require_GET
def watches(request: HttpRequest) -> HttpResponse:
    return render(request, "claims/watches.html", _watches_context(request))


@require_POST
def watch_add(request: HttpRequest) -> HttpResponse:
    """Add a subject, search or entity watch (the form says which)."""
    if "name" in request.POST:
        entity_form = WatchEntityForm(request.POST)
        if entity_form.is_valid():
            entity = services.entity_find(entity_form.cleaned_data["name"])
            if entity is None:
                entity_form.add_error("name", "No speaker, relayer or outlet has that name yet.")
            else:
                watch_services.watch_entity(by=request.user, entity=entity)
                messages.success(request, f"Watching {entity.name}.")
                return HttpResponseRedirect(reverse("claims:watches"))
        return render(
            request, "claims/watches.html", _watches_context(request, entity_form=entity_form)
        )
    words_form = WatchWordsForm(request.POST)
    if words_form.is_valid():
        try:
            found = watch_services.watch_words(by=request.user, **words_form.cleaned_data)
        except ValidationError as exc:
            words_form.add_error("text", exc.message_dict.get("text", exc.messages))
        else:
            messages.success(request, f"Watching {found.describe()}.")
            return HttpResponseRedirect(reverse("claims:watches"))
    return render(request, "claims/watches.html", _watches_context(request, words_form=words_form))


@require_POST
def watch_claim(request: HttpRequest) -> HttpResponse:
    form = WatchClaimForm(request.POST)
    if not form.is_valid():
        messages.error(request, form_errors_text(form))
        return HttpResponseRedirect(reverse("claims:watches"))
    claim = get_object_or_404(Claim.objects.visible_to(request.user), pk=form.cleaned_data["claim"])
    found = watch_services.watch_claim(by=request.user, claim=claim)
    if is_htmx(request):
        return render(request, "claims/_watch_claim.html", {"claim": claim, "watch": found})
    messages.success(request, f"Watching claim #{claim.pk}.")
    return HttpResponseRedirect(reverse("claims:detail", args=[claim.pk]))


@require_POST
def watch_remove(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(Watch, pk=pk, user_id=_uid(request))
    watch_services.watch_remove(by=request.user, watch=found)
    messages.success(request, "No longer watched.")
    return HttpResponseRedirect(reverse("claims:watches"))


# --- webhooks ---------------------------------------------------------------------------------


def _webhooks_context(request: HttpRequest, **extra: object) -> dict[str, object]:
    return {
        "webhooks": list(Webhook.objects.filter(user_id=_uid(request)).order_by("name", "id")),
        "deliveries": watch_services.deliveries_of(request.user),
        "form": extra.pop("form", None) or WebhookForm(),
        **extra,
    }


@require_GET
def webhooks(request: HttpRequest) -> HttpResponse:
    return render(request, "claims/webhooks.html", _webhooks_context(request))


@require_POST
def webhook_add(request: HttpRequest) -> HttpResponse:
    form = WebhookForm(request.POST)
    if form.is_valid():
        try:
            hook, secret = watch_services.webhook_create(by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            for name, errors in exc.message_dict.items():
                form.add_error(name if name in form.fields else None, errors)
        else:
            # The secret is shown on this answer only; it is never shown again.
            context = _webhooks_context(request, new_hook=hook, new_secret=secret)
            return render(request, "claims/webhooks.html", context)
    return render(request, "claims/webhooks.html", _webhooks_context(request, form=form))


@require_POST
def webhook_active(request: HttpRequest, pk: int) -> HttpResponse:
    hook = get_object_or_404(Webhook, pk=pk, user_id=_uid(request))
    form = WebhookActiveForm(request.POST)
    if form.is_valid():
        watch_services.webhook_set_active(
            by=request.user, webhook=hook, active=form.cleaned_data["active"]
        )
    return HttpResponseRedirect(reverse("claims:webhooks"))


@require_POST
def webhook_delete(request: HttpRequest, pk: int) -> HttpResponse:
    hook = get_object_or_404(Webhook, pk=pk, user_id=_uid(request))
    watch_services.webhook_delete(by=request.user, webhook=hook)
    messages.success(request, f"Webhook {hook.name} removed.")
    return HttpResponseRedirect(reverse("claims:webhooks"))
