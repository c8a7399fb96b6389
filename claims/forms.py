"""Forms parse and display; the rules live in claims.services."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms

from claims.bidi import strip_bidi
from claims.figure_input import EXAMPLES, FigureInputError, figure_input_text, parse_figure
from claims.models import (
    Change,
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


# Every POST is parsed by a form: CharFields refuse NUL bytes (which PostgreSQL cannot store),
# numbers must be ASCII digits in the range their column holds, lengths are bounded.

BIGINT_MAX = 2**63 - 1  # the largest id a BigAutoField holds
INT_MAX = 2**31 - 1  # the largest version, revision or position (PositiveIntegerField)
PAGE_MAX = 100_000


def parse_int(raw: Any, *, maximum: int = BIGINT_MAX, minimum: int = 0) -> int | None:
    """``raw`` as an integer if it is plain ASCII digits within range, else None.

    ``str.isdigit()`` alone lets "²" and "١٢" through (then ``int()`` fails or reads them),
    and does not bound the value (a 30-digit id overflows the database's integer).
    """
    text = str(raw or "").strip()
    if not text or not text.isascii() or not text.isdigit() or len(text) > 19:
        return None
    value = int(text)
    return value if minimum <= value <= maximum else None


class IdField(forms.IntegerField):
    """A row id: a positive integer that fits the id column."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", BIGINT_MAX)
        super().__init__(**kwargs)


class VersionField(forms.IntegerField):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("max_value", INT_MAX)
        kwargs.setdefault("widget", forms.HiddenInput)
        super().__init__(**kwargs)


class DeskForm(forms.Form):
    """A form whose text fields come back without bidi controls (see :mod:`claims.bidi`).

    What a person types (a title, a statement, a reason, a note, a name) is stored as it will
    be shown: an invisible override could make it read differently from what it is. Fields
    named in ``keep_bidi`` (a pasted report's text, a quote that must match the report) are
    left exactly as sent.
    """

    keep_bidi: tuple[str, ...] = ()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name, value in data.items():
            if isinstance(value, str) and name not in self.keep_bidi:
                data[name] = strip_bidi(value)
        return data


class FigureBoxForm(DeskForm):
    """A form with the value box: one text field ("3.5 million", "about 350", "1 : 4") that,
    when the editor changed it, fills value/low/high/qualifier (and the unit, when the text
    names one) through claims.figure_input; the detailed fields stay for anything else."""

    figure = forms.CharField(
        required=False,
        max_length=200,
        label="Figure",
        help_text=f"As you would write it: {EXAMPLES}",
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    figure_was = forms.CharField(required=False, max_length=200, widget=forms.HiddenInput)

    reading: Any = None

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        typed = " ".join((data.get("figure") or "").split())
        was = " ".join((data.get("figure_was") or "").split())
        if not typed or typed == was:
            return data
        try:
            self.reading = parse_figure(typed)
        except FigureInputError as exc:
            self.add_error("figure", str(exc))
            return data
        fields = self.reading.fields()
        if fields.get("dimension") and fields["dimension"] not in Dimension.values:
            fields["dimension"] = Dimension.OTHER
        for name in fields:
            # The box wins over what the detailed fields held (or failed to hold).
            self.errors.pop(name, None)
        data.update(fields)
        return data


class FigurePreviewForm(DeskForm):
    figure = forms.CharField(required=False, max_length=400, strip=False)


class ClaimEditForm(FigureBoxForm):
    field_order = ["figure"]
    version = VersionField()
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
    change = forms.ChoiceField(choices=[("", "—"), *Change.choices], required=False)
    from_value = forms.DecimalField(**DECIMAL_KW, label="From (earlier level)")
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
        typed = figure_input_text(claim)
        return cls(
            initial={**initial, "version": claim.version, "figure": typed, "figure_was": typed}
        )

    def changes(self) -> dict[str, Any]:
        return {name: self.cleaned_data.get(name) for name in Claim.QUANTITY_FIELDS}


class VersionForm(DeskForm):
    version = VersionField()
    reason = forms.CharField(required=False, max_length=2000)


VERDICT_CHOICES = [(v.value, v.label) for v in Verdict if v != Verdict.UNVERIFIED]


CHOOSE_A_VERDICT = "Choose a verdict: Confirm, Dispute, Misleading or Unverifiable."


class VerdictForm(DeskForm):
    """A verdict is always the editor's explicit choice: the field has no default, and a
    Confirm is recorded only from the confirmation step (``confirm``), which shows the
    evidence it will rely on."""

    version = VersionField()
    verdict = forms.ChoiceField(
        choices=VERDICT_CHOICES,
        error_messages={"required": CHOOSE_A_VERDICT, "invalid_choice": CHOOSE_A_VERDICT},
    )
    reason = forms.CharField(
        required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
    )
    evidence = forms.TypedMultipleChoiceField(coerce=int, required=False, choices=[])
    # Sent by the confirmation dialog (or its no-JavaScript page): the editor saw what a
    # Confirm relies on and confirmed it.
    confirm = forms.BooleanField(required=False)

    def __init__(self, *args: Any, claim: Claim | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if claim is not None:
            field = self.fields["evidence"]
            assert isinstance(field, forms.ChoiceField)  # noqa: S101 - declared above
            field.choices = [(e.pk, str(e)) for e in claim.evidence.all() if e.removed_at is None]


class EvidenceLinkForm(DeskForm):
    relation = forms.ChoiceField(choices=Relation.choices)
    # Picked from the search results ("claim:12", "source:3") or typed as a number below.
    target = forms.CharField(required=False, max_length=40)
    target_claim = IdField(required=False, label="Claim number")
    target_source = IdField(required=False, label="Report number")
    passage_start = forms.IntegerField(
        required=False, min_value=0, max_value=INT_MAX, label="Passage from"
    )
    passage_end = forms.IntegerField(required=False, min_value=0, max_value=INT_MAX, label="to")
    note = forms.CharField(
        required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind, _, number = (data.get("target") or "").partition(":")
        picked = parse_int(number, minimum=1)
        if picked is not None and kind in ("claim", "source"):
            data["target_claim"] = picked if kind == "claim" else None
            data["target_source"] = picked if kind == "source" else None
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


class ClaimFilterForm(DeskForm):
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
    review = forms.BooleanField(required=False, label="Verdict needs review")
    no_evidence = forms.BooleanField(required=False, label="Without evidence")


class NewClaimForm(FigureBoxForm):
    """A claim from a passage the editor selected in a report (offsets from the browser).

    Every figure field of the edit form is here (trend, change, earlier level, place), and the
    value box, prefilled from what the extractor read in the selection."""

    keep_bidi = ("quote",)  # checked against the report's text, which keeps them
    field_order = ["figure"]

    start = forms.IntegerField(min_value=0, max_value=INT_MAX, label="From character")
    end = forms.IntegerField(min_value=1, max_value=INT_MAX, label="to")
    quote = forms.CharField(required=False, widget=forms.HiddenInput)
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
    change = forms.ChoiceField(choices=[("", "—"), *Change.choices], required=False)
    from_value = forms.DecimalField(**DECIMAL_KW, label="From (earlier level)")
    subject = forms.CharField(required=False, max_length=300)
    as_of = forms.CharField(required=False, max_length=100, label="As of")
    place = forms.CharField(required=False, max_length=200)
    speaker = forms.CharField(required=False, max_length=200)
    verb = forms.CharField(required=False, max_length=40, widget=forms.HiddenInput)

    QUANTITY = (
        "value",
        "low",
        "high",
        "qualifier",
        "trend",
        "change",
        "from_value",
        "unit",
        "unit_name",
        "dimension",
        "currency",
        "per",
        "subject",
        "as_of",
        "place",
    )

    def quantity(self) -> dict[str, Any]:
        return {name: self.cleaned_data.get(name) for name in self.QUANTITY}


# --- Small forms for the actions that used to read request.POST directly ---------------------


def form_errors_text(form: forms.Form) -> str:
    """A refused form's errors as one sentence per problem, naming the field."""
    parts: list[str] = []
    for name, errors in form.errors.items():
        label = "" if name == "__all__" else f"{form.fields[name].label or name.capitalize()}: "
        parts.extend(f"{label}{error}" for error in errors)
    return " ".join(parts)


class SheetForm(DeskForm):
    title = forms.CharField(max_length=200, required=False)
    summary = forms.CharField(required=False, max_length=20_000)
    revision = VersionField(required=False)


class SheetTitleForm(DeskForm):
    title = forms.CharField(max_length=200, required=False)


class SheetNoteForm(DeskForm):
    note = forms.CharField(required=False, max_length=20_000)


class SheetSectionChoiceForm(DeskForm):
    section = IdField(required=False)


class ClaimToSheetForm(DeskForm):
    new_title = forms.CharField(max_length=200, required=False)
    sheet = IdField(required=False)


class MergeForm(DeskForm):
    duplicate = IdField()
    version = VersionField()
    duplicate_version = VersionField(required=False)
    reason = forms.CharField(required=False, max_length=2000)
    keep = IdField(required=False)  # the claim that stays, chosen on the preview


class MatchActionForm(DeskForm):
    """Accept or dismiss a suggestion from the matching engine."""

    from_claim = IdField(required=False)
    relation = forms.CharField(required=False, max_length=20)
    reason = forms.CharField(required=False, max_length=2000)


class ReasonForm(DeskForm):
    reason = forms.CharField(required=False, max_length=2000)


class SearchForm(DeskForm):
    q = forms.CharField(required=False, max_length=200)
    page = forms.IntegerField(required=False, min_value=1, max_value=PAGE_MAX)

    def term(self) -> str:
        return (self.cleaned_data.get("q") or "").strip() if self.is_valid() else ""

    def page_number(self) -> int:
        return (self.cleaned_data.get("page") or 1) if self.is_valid() else 1


class BulkActionForm(DeskForm):
    action = forms.CharField(required=False, max_length=40)
    sheet = IdField(required=False)
    pick = forms.Field(required=False)  # read whole in clean_pick

    def clean_pick(self) -> dict[int, int]:
        """ "id:version" pairs; anything else is ignored."""
        picked: dict[int, int] = {}
        for raw in self.data.getlist("pick") if hasattr(self.data, "getlist") else []:
            raw_pk, _, raw_version = str(raw).partition(":")
            pk, version = parse_int(raw_pk, minimum=1), parse_int(raw_version, maximum=INT_MAX)
            if pk is not None and version is not None:
                picked[pk] = version
        return picked


class NextForm(DeskForm):
    """Where to go back to after a plain (non-htmx) form: checked against this host by the view."""

    next = forms.CharField(required=False, max_length=2000)

    def target(self) -> str:
        return (self.cleaned_data.get("next") or "") if self.is_valid() else ""


class MoveForm(DeskForm):
    direction = forms.ChoiceField(choices=[("up", "up"), ("down", "down")], required=False)


class ArchiveForm(DeskForm):
    archived = forms.ChoiceField(choices=[("1", "archive"), ("0", "restore")], required=False)


# --- personal API tokens (the account page) ---------------------------------------------------

TOKEN_EXPIRY_CHOICES = [
    ("30", "in 30 days"),
    ("90", "in 90 days"),
    ("365", "in a year"),
    ("never", "never"),
]


class APITokenCreateForm(DeskForm):
    name = forms.CharField(
        max_length=60,
        help_text="Shown in the history of every write the token makes, e.g. “CMS bot”.",
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    scope = forms.ChoiceField(
        choices=[("read", "Read only"), ("write", "Read and write")], initial="read"
    )
    expires = forms.ChoiceField(choices=TOKEN_EXPIRY_CHOICES, initial="90", label="Expires")

    def expires_in_days(self) -> int | None:
        raw = self.cleaned_data["expires"]
        return None if raw == "never" else int(raw)


class APITokenRevokeForm(DeskForm):
    token = IdField(widget=forms.HiddenInput)
