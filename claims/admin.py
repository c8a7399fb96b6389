"""Django admin for every model. Edits go through claims.services; nothing is deleted here."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest

from claims import services
from claims.models import (
    Claim,
    ClaimEvent,
    Entity,
    EntityAlias,
    Evidence,
    Mention,
    Source,
    VerdictRecord,
)


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
