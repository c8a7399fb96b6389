"""Forms parse and display; the rules live in claims.services."""

from __future__ import annotations

from typing import Any

from django import forms

from claims.models import Claim, Dimension, Qualifier, Relation, SourceKind, Trend, Verdict

DECIMAL_KW: dict[str, Any] = {"max_digits": 30, "decimal_places": 6, "required": False}


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
        initial = {name: getattr(claim, name) for name in Claim.QUANTITY_FIELDS}
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
            self.fields["evidence"].choices = [
                (e.pk, str(e)) for e in claim.evidence.all() if e.removed_at is None
            ]


class EvidenceLinkForm(forms.Form):
    relation = forms.ChoiceField(choices=Relation.choices)
    target_claim = forms.IntegerField(required=False, min_value=1, label="Claim number")
    target_source = forms.IntegerField(required=False, min_value=1, label="Report number")
    passage_start = forms.IntegerField(required=False, min_value=0)
    passage_end = forms.IntegerField(required=False, min_value=0)
    note = forms.CharField(
        required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if bool(data.get("target_claim")) == bool(data.get("target_source")):
            raise forms.ValidationError("Give either a claim number or a report number.")
        return data


class ClaimFilterForm(forms.Form):
    state = forms.ChoiceField(choices=[("", "Any state")], required=False)
    verdict = forms.ChoiceField(choices=[("", "Any verdict"), *Verdict.choices], required=False)
    dimension = forms.ChoiceField(
        choices=[("", "Any dimension"), *Dimension.choices], required=False
    )
    source = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    outlet = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    speaker = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    q = forms.CharField(required=False, max_length=200, label="Search")
    kind = forms.ChoiceField(choices=[("", "Any kind"), *SourceKind.choices], required=False)
