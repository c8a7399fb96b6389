"""Django admin for every model. Edits go through claims.services; nothing is deleted here.

Most tables are read-only here: the history and its checkpoints (nothing edits the audit
trail), the counters, the request keys, and the desk's own records of exports, fact sheets,
feeds, watches and webhooks, which their pages and services write. Two admin actions call the
services: revoking API tokens, and pausing or resuming watched feeds. Secrets (a token's
hash, a webhook's encrypted signing secret) are never shown.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest

from claims import services
from claims.models import (
    APIToken,
    AuditCheckpoint,
    Claim,
    ClaimCount,
    ClaimEvent,
    ClaimExport,
    DeskCount,
    Entity,
    EntityAlias,
    Evidence,
    FactSheet,
    FactSheetEntry,
    FactSheetPdf,
    FactSheetSection,
    FactSheetVersion,
    Feed,
    FeedItem,
    FeedRun,
    FigureMatch,
    Mention,
    Notification,
    RequestKey,
    Source,
    VerdictRecord,
    Watch,
    Webhook,
    WebhookDelivery,
)
from claims.services.feeds import feed_set_active
from claims.services.tokens import api_token_revoke


class ReadOnlyAdmin(admin.ModelAdmin):
    """Shown for reading and searching; written only by the services."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class NoDeleteAdmin(admin.ModelAdmin):
    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


class MentionInline(admin.TabularInline):
    model = Mention
    fields = ("source", "quote", "start", "end", "speaker", "verb", "via")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ClaimAdminForm(forms.ModelForm):
    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Claim
        fields = Claim.QUANTITY_FIELDS

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.fields["expected_version"].initial = self.instance.version

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        expected = data.get("expected_version")
        current = (
            Claim.objects.filter(pk=self.instance.pk).values_list("version", flat=True).first()
        )
        if expected is not None and current is not None and expected != current:
            raise ValidationError(
                f"Someone changed this claim while you were editing it (now version {current}). "
                "Reload the page to see their change, then make yours again."
            )
        return data

    def _post_clean(self) -> None:
        # Validation of the quantity happens in the service; skip the model's full_clean,
        # which would otherwise write the form values into the instance before the service.
        pass


@admin.register(Claim)
class ClaimAdmin(NoDeleteAdmin):
    form = ClaimAdminForm
    list_display = (
        "id",
        "statement_short",
        "value",
        "low",
        "high",
        "unit_name",
        "state",
        "verdict",
        "updated_at",
    )
    list_filter = ("state", "verdict", "dimension", "qualifier", "currency")
    search_fields = ("statement", "subject", "unit_name", "mentions__quote")
    readonly_fields = (
        "state",
        "verdict",
        "version",
        "score",
        "created_at",
        "updated_at",
        "created_by",
    )
    fieldsets = (
        (None, {"fields": ("statement", "expected_version")}),
        (
            "Quantity",
            {
                "fields": (
                    ("value", "low", "high"),
                    ("qualifier", "trend", "change", "from_value"),
                    ("unit", "unit_name", "dimension"),
                    ("currency", "per"),
                )
            },
        ),
        ("Context", {"fields": ("subject", "as_of", "place")}),
        (
            "Review",
            {
                "fields": (
                    "state",
                    "verdict",
                    "version",
                    "score",
                    "created_by",
                    "created_at",
                    "updated_at",
                )
            },
        ),
    )
    inlines = [MentionInline]
    date_hierarchy = "updated_at"

    @admin.display(description="statement")
    def statement_short(self, obj: Claim) -> str:
        return obj.statement[:80]

    def save_model(self, request: HttpRequest, obj: Claim, form: Any, change: bool) -> None:
        changes = {name: form.cleaned_data.get(name) for name in Claim.QUANTITY_FIELDS}
        expected = form.cleaned_data.get("expected_version") or obj.version
        try:
            services.claim_edit(
                claim=obj,
                by=request.user,
                expected_version=expected,
                changes=changes,
                reason="Edited in the admin",
            )
        except (ValidationError, services.ServiceError) as exc:
            messages.error(request, f"Not saved: {exc}")
        obj.refresh_from_db()


@admin.register(Source)
class SourceAdmin(NoDeleteAdmin):
    list_display = (
        "id",
        "title",
        "outlet",
        "kind",
        "origin",
        "published_at",
        "revision",
        "extraction_status",
    )
    list_filter = ("kind", "origin", "extraction_status", "language")
    search_fields = ("title", "url", "outlet__name", "sha256")
    readonly_fields = tuple(f.name for f in Source._meta.fields if f.name != "raw_content")
    list_select_related = ("outlet",)
    date_hierarchy = "created_at"

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Viewable; the text is never edited and metadata edits happen on the desk.
        return request.method in ("GET", "HEAD")


@admin.register(Entity)
class EntityAdmin(NoDeleteAdmin):
    list_display = ("name", "kind", "domain", "merged_into")
    list_filter = ("kind",)
    search_fields = ("name", "aliases__alias", "domain")
    readonly_fields = ("name", "kind", "domain", "merged_into", "created_at")

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return request.method in ("GET", "HEAD")


@admin.register(EntityAlias)
class EntityAliasAdmin(ReadOnlyAdmin):
    list_display = ("alias", "entity")
    search_fields = ("alias", "entity__name")
    list_select_related = ("entity",)


@admin.register(Mention)
class MentionAdmin(ReadOnlyAdmin):
    list_display = ("id", "claim", "source", "quote", "speaker", "verb", "via")
    search_fields = ("quote", "speaker__name", "via__name", "source__title")
    list_filter = ("extracted", "verb")
    list_select_related = ("claim", "source", "speaker", "via")


@admin.register(Evidence)
class EvidenceAdmin(ReadOnlyAdmin):
    list_display = ("id", "claim", "relation", "target_source", "target_claim", "removed_at")
    list_filter = ("relation",)
    search_fields = ("note", "claim__statement")
    list_select_related = ("claim", "target_source", "target_claim")


@admin.register(VerdictRecord)
class VerdictRecordAdmin(ReadOnlyAdmin):
    list_display = ("id", "claim", "verdict", "decided_by", "decided_at")
    list_filter = ("verdict",)
    search_fields = ("reason", "claim__statement")
    list_select_related = ("claim", "decided_by")


@admin.register(ClaimEvent)
class ClaimEventAdmin(ReadOnlyAdmin):
    list_display = ("id", "created_at", "action", "actor_label", "channel", "claim", "source")
    list_filter = ("action", "channel")
    search_fields = ("actor_label", "reason", "action")
    list_select_related = ("claim", "source")
    date_hierarchy = "created_at"


@admin.register(AuditCheckpoint)
class AuditCheckpointAdmin(ReadOnlyAdmin):
    list_display = ("number", "event_id", "event_hash", "key_id", "created_by", "created_at")
    search_fields = ("event_hash", "key_id")


@admin.register(RequestKey)
class RequestKeyAdmin(ReadOnlyAdmin):
    list_display = ("id", "user", "path", "outcome", "response_status", "created_at")
    list_filter = ("outcome",)
    search_fields = ("path", "user__username")
    list_select_related = ("user",)
    exclude = ("response_body",)


@admin.register(ClaimCount)
class ClaimCountAdmin(ReadOnlyAdmin):
    list_display = ("state", "verdict", "n")


@admin.register(DeskCount)
class DeskCountAdmin(ReadOnlyAdmin):
    list_display = ("name", "n")


@admin.register(ClaimExport)
class ClaimExportAdmin(ReadOnlyAdmin):
    list_display = ("id", "requested_by", "fmt", "status", "rows", "size", "created_at")
    list_filter = ("fmt", "status")
    list_select_related = ("requested_by",)


@admin.register(FigureMatch)
class FigureMatchAdmin(ReadOnlyAdmin):
    list_display = ("id", "claim", "other", "relation", "score", "status", "created_at")
    list_filter = ("relation", "status")
    search_fields = ("reason",)
    list_select_related = ("claim", "other")
    raw_id_fields = ("claim", "other", "evidence")


@admin.register(APIToken)
class APITokenAdmin(ReadOnlyAdmin):
    list_display = ("name", "prefix", "user", "scope", "created_at", "last_used_at", "revoked_at")
    list_filter = ("scope",)
    search_fields = ("name", "prefix", "user__username")
    list_select_related = ("user",)
    exclude = ("key_hash",)
    actions = ["revoke"]

    @admin.action(description="Revoke the selected tokens")
    def revoke(self, request: HttpRequest, queryset: Any) -> None:
        done = 0
        for token in queryset.filter(revoked_at__isnull=True):
            api_token_revoke(token=token, by=request.user)
            done += 1
        messages.success(request, f"{done} token{'s' if done != 1 else ''} revoked.")


class FactSheetSectionInline(admin.TabularInline):
    model = FactSheetSection
    fields = ("position", "title")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(FactSheet)
class FactSheetAdmin(ReadOnlyAdmin):
    list_display = ("id", "title", "revision", "created_by", "updated_at", "archived_at")
    search_fields = ("title", "summary")
    list_select_related = ("created_by",)
    inlines = [FactSheetSectionInline]


@admin.register(FactSheetSection)
class FactSheetSectionAdmin(ReadOnlyAdmin):
    list_display = ("id", "sheet", "position", "title")
    search_fields = ("title", "sheet__title")
    list_select_related = ("sheet",)


@admin.register(FactSheetEntry)
class FactSheetEntryAdmin(ReadOnlyAdmin):
    list_display = ("id", "sheet", "section", "position", "claim", "added_by", "added_at")
    search_fields = ("note", "sheet__title")
    list_select_related = ("sheet", "section", "claim", "added_by")
    raw_id_fields = ("claim",)


@admin.register(FactSheetVersion)
class FactSheetVersionAdmin(ReadOnlyAdmin):
    list_display = ("id", "sheet", "number", "sha256", "published_by", "published_at")
    search_fields = ("sheet__title", "sha256")
    list_select_related = ("sheet", "published_by")


@admin.register(FactSheetPdf)
class FactSheetPdfAdmin(ReadOnlyAdmin):
    list_display = ("id", "version", "paper", "status", "size", "requested_at", "finished_at")
    list_filter = ("status", "paper")
    list_select_related = ("version",)


@admin.register(Feed)
class FeedAdmin(ReadOnlyAdmin):
    list_display = (
        "name",
        "url",
        "kind",
        "outlet",
        "active",
        "last_polled_at",
        "consecutive_failures",
    )
    list_filter = ("kind", "active")
    search_fields = ("name", "url")
    list_select_related = ("outlet",)
    actions = ["pause", "resume"]

    def _set_active(self, request: HttpRequest, queryset: Any, active: bool) -> None:
        feeds = list(queryset.filter(active=not active))
        try:
            for feed in feeds:
                feed_set_active(feed=feed, by=request.user, active=active)
        except PermissionDenied as exc:
            messages.error(request, str(exc))
            return
        word = "resumed" if active else "paused"
        messages.success(request, f"{len(feeds)} feed{'s' if len(feeds) != 1 else ''} {word}.")

    @admin.action(description="Pause the selected feeds")
    def pause(self, request: HttpRequest, queryset: Any) -> None:
        self._set_active(request, queryset, False)

    @admin.action(description="Resume the selected feeds (polled at once)")
    def resume(self, request: HttpRequest, queryset: Any) -> None:
        self._set_active(request, queryset, True)


@admin.register(FeedRun)
class FeedRunAdmin(ReadOnlyAdmin):
    list_display = ("id", "feed", "started_at", "status", "http_status", "items_new", "error")
    list_filter = ("status",)
    list_select_related = ("feed",)


@admin.register(FeedItem)
class FeedItemAdmin(ReadOnlyAdmin):
    list_display = ("id", "feed", "url", "source", "refused", "created_at")
    list_filter = ("refused",)
    search_fields = ("url",)
    list_select_related = ("feed", "source")


@admin.register(Watch)
class WatchAdmin(ReadOnlyAdmin):
    list_display = ("id", "user", "kind", "claim", "entity", "text", "created_at")
    list_filter = ("kind",)
    search_fields = ("text", "user__username")
    list_select_related = ("user", "claim", "entity")


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    list_display = ("id", "user", "kind", "claim", "text", "created_at", "read_at")
    list_filter = ("kind",)
    search_fields = ("text", "user__username")
    list_select_related = ("user", "claim")


@admin.register(Webhook)
class WebhookAdmin(ReadOnlyAdmin):
    """Only its owner may pause or remove a webhook (claims.services.watch); read here."""

    list_display = ("name", "user", "url", "secret_prefix", "active", "created_at")
    list_filter = ("active",)
    search_fields = ("name", "url", "user__username")
    list_select_related = ("user",)
    exclude = ("secret_encrypted",)


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(ReadOnlyAdmin):
    list_display = ("id", "webhook", "status", "attempts", "response_status", "created_at")
    list_filter = ("status",)
    list_select_related = ("webhook",)
