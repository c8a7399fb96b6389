"""Forms parse and display; the rules live in claims.services."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms

from claims.models import (
    Claim,
    Dimension,
    Qualifier,
    Relation,
    SourceKind,
    Trend,
    Verdict,
    decimal_text,
)

DECIMAL_KW: dict[str, Any] = {
    "max_digits": 30,
    "decimal_places": 6,
    "required": False,
    # A text box: editors paste "10,000"-style figures; the field says what is wrong in place.
    "widget": forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
}


class ClaimEditForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    statement = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}))
    qualifier = forms.ChoiceField(choices=Qualifier.choices)
    value = forms.DecimalField(**DECIMAL_KW)
    low = forms.DecimalField(**DECIMAL_KW)
    high = forms.DecimalField(**DECIMAL_KW)
    unit_name = forms.CharField(required=False, max_length=100, label="Unit")
    unit = forms.CharField(required=False, max_length=40, label="Unit code")
    dimension = forms.ChoiceField(choices=Dimension.choices)
    currency = forms.CharField(required=False, max_length=3)
    per = forms.CharField(required=False, max_length=100, label="Per")
    trend = forms.ChoiceField(choices=[("", "—"), *Trend.choices], required=False)
    subject = forms.CharField(required=False, max_length=300)
    as_of = forms.CharField(required=False, max_length=100, label="As of")
    place = forms.CharField(required=False, max_length=200)
    reason = forms.CharField(required=False, max_length=2000, label="Why (optional)")

    @classmethod
    def for_claim(cls, claim: Claim) -> ClaimEditForm:
        initial = {
            name: decimal_text(value) if isinstance(value, Decimal) else value
            for name in Claim.QUANTITY_FIELDS
            for value in [getattr(claim, name)]
        }
        return cls(initial={**initial, "version": claim.version})

    def changes(self) -> dict[str, Any]:
        return {name: self.cleaned_data.get(name) for name in Claim.QUANTITY_FIELDS}


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(required=False, max_length=2000)


VERDICT_CHOICES = [(v.value, v.label) for v in Verdict if v != Verdict.UNVERIFIED]


class VerdictForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    verdict = forms.ChoiceField(choices=VERDICT_CHOICES)
    reason = forms.CharField(
        required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
    )
    evidence = forms.TypedMultipleChoiceField(coerce=int, required=False, choices=[])

    def __init__(self, *args: Any, claim: Claim | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if claim is not None:
            field = self.fields["evidence"]
            assert isinstance(field, forms.ChoiceField)  # noqa: S101 - declared above
            field.choices = [(e.pk, str(e)) for e in claim.evidence.all() if e.removed_at is None]


class EvidenceLinkForm(forms.Form):
    relation = forms.ChoiceField(choices=Relation.choices)
    # Picked from the search results ("claim:12", "source:3") or typed as a number below.
    target = forms.CharField(required=False, max_length=40)
    target_claim = forms.IntegerField(required=False, min_value=1, label="Claim number")
    target_source = forms.IntegerField(required=False, min_value=1, label="Report number")
    passage_start = forms.IntegerField(required=False, min_value=0, label="Passage from")
    passage_end = forms.IntegerField(required=False, min_value=0, label="to")
    note = forms.CharField(
        required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind, _, number = (data.get("target") or "").partition(":")
        if number.isdigit() and kind in ("claim", "source"):
            data["target_claim"] = int(number) if kind == "claim" else None
            data["target_source"] = int(number) if kind == "source" else None
        if bool(data.get("target_claim")) == bool(data.get("target_source")):
            raise forms.ValidationError(
                "Pick one result, or give either a claim number or a report number."
            )
        return data


QUEUE_STATES = [
    ("", "Candidates and open"),
    ("candidate", "Candidates"),
    ("open", "Open"),
    ("rejected", "Rejected"),
    ("archived", "Archived"),
    ("all", "All states"),
]
QUEUE_SORTS = [
    ("score", "Claim-worthiness"),
    ("newest", "Newest"),
    ("mentions", "Most mentioned"),
    ("relevance", "Relevance (search)"),
]


class ClaimFilterForm(forms.Form):
    """The queue's filters. Every field lives in the URL, so links and the back button work."""

    q = forms.CharField(required=False, max_length=200, label="Search")
    state = forms.ChoiceField(choices=QUEUE_STATES, required=False)
    verdict = forms.ChoiceField(choices=[("", "Any verdict"), *Verdict.choices], required=False)
    dimension = forms.ChoiceField(
        choices=[("", "Any dimension"), *Dimension.choices], required=False
    )
    outlet = forms.CharField(required=False, max_length=200)
    speaker = forms.CharField(required=False, max_length=200, label="Speaker or via")
    source = forms.CharField(required=False, max_length=200, label="Report")
    kind = forms.ChoiceField(choices=[("", "Any kind"), *SourceKind.choices], required=False)
    date_from = forms.DateField(
        required=False, label="Reported from", widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        required=False, label="to", widget=forms.DateInput(attrs={"type": "date"})
    )
    sort = forms.ChoiceField(choices=QUEUE_SORTS, required=False, label="Sort by")


class NewClaimForm(forms.Form):
    """A claim from a passage the editor selected in a report (offsets from the browser)."""

    start = forms.IntegerField(min_value=0, label="From character")
    end = forms.IntegerField(min_value=1, label="to")
    quote = forms.CharField(required=False, widget=forms.HiddenInput)
    statement = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}))
    qualifier = forms.ChoiceField(choices=Qualifier.choices)
    value = forms.DecimalField(**DECIMAL_KW)
    low = forms.DecimalField(**DECIMAL_KW)
    high = forms.DecimalField(**DECIMAL_KW)
    unit_name = forms.CharField(required=False, max_length=100, label="Unit")
    unit = forms.CharField(required=False, max_length=40, widget=forms.HiddenInput)
    dimension = forms.ChoiceField(choices=Dimension.choices)
    currency = forms.CharField(required=False, max_length=3)
    per = forms.CharField(required=False, max_length=100, label="Per")
    subject = forms.CharField(required=False, max_length=300)
    as_of = forms.CharField(required=False, max_length=100, label="As of")
    speaker = forms.CharField(required=False, max_length=200)
    verb = forms.CharField(required=False, max_length=40, widget=forms.HiddenInput)

    QUANTITY = (
        "value",
        "low",
        "high",
        "qualifier",
        "unit",
        "unit_name",
        "dimension",
        "currency",
        "per",
        "subject",
        "as_of",
    )

    def quantity(self) -> dict[str, Any]:
        return {name: self.cleaned_data.get(name) for name in self.QUANTITY}
