"""The Factdesk data model (see DOMAIN.md).

Writes go through ``claims.services``; these classes hold the schema, the database
constraints and single-object rules only. Audited models use QuerySets that refuse bulk
``update()``/``delete()`` so no code path can change them without writing history.
"""

from __future__ import annotations

import hashlib
from decimal import Decimal
from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower

from claims.formatting import FIGURE_FIELDS
from claims.querysets import AuditedQuerySet, ClaimQuerySet, EvidenceQuerySet, SourceQuerySet

QUANTITY_DIGITS = 30
QUANTITY_PLACES = 6


class SourceKind(models.TextChoices):
    NEWS = "news", "News report"
    STATEMENT = "statement", "Official statement"
    INTELLIGENCE = "intelligence", "Intelligence assessment"
    SOCIAL = "social", "Social post"
    TRANSCRIPT = "transcript", "Transcript"
    DATASET = "dataset", "Dataset"
    OTHER = "other", "Other"


class SourceOrigin(models.TextChoices):
    URL = "url", "Fetched from a URL"
    UPLOAD = "upload", "Uploaded file"
    PASTE = "paste", "Pasted text"
    COMMAND = "command", "Management command"
    FEED = "feed", "Watched feed"
    DEMO = "demo", "Demo desk"


class ExtractionStatus(models.TextChoices):
    PENDING = "pending", "Waiting for extraction"
    RUNNING = "running", "Extracting"
    DONE = "done", "Extracted"
    FAILED = "failed", "Extraction failed"
    SKIPPED = "skipped", "Not extracted"


class EntityKind(models.TextChoices):
    PERSON = "person", "Person"
    ORGANISATION = "organisation", "Organisation"
    GOVERNMENT = "government", "Government body"
    OUTLET = "outlet", "Outlet"
    OTHER = "other", "Other"


class Qualifier(models.TextChoices):
    EXACT = "=", "exactly"
    APPROX = "~", "about"
    MORE = ">", "more than"
    AT_LEAST = ">=", "at least"
    LESS = "<", "less than"
    AT_MOST = "<=", "at most"


class Trend(models.TextChoices):
    UP = "up", "up"
    DOWN = "down", "down"


class Change(models.TextChoices):
    """What a figure with a trend is: the new level ("fell to $210") or the size of the change
    ("fell $19")."""

    TO = "to", "new level (to)"
    BY = "by", "size of the change (by)"


class Dimension(models.TextChoices):
    COUNT = "count", "Count"
    CURRENCY = "currency", "Currency"
    AREA = "area", "Area"
    MASS = "mass", "Mass"
    LENGTH = "length", "Length"
    DURATION = "duration", "Duration"
    RATIO = "ratio", "Ratio"
    PERCENT = "percent", "Percent"
    RATE = "rate", "Rate"
    SPEED = "speed", "Speed"
    POWER = "power", "Power"
    ENERGY = "energy", "Energy"
    DATA = "data", "Data"
    TEMPERATURE = "temperature", "Temperature"
    VOLUME = "volume", "Volume"
    AGE = "age", "Age"
    OTHER = "other", "Other"


class ClaimState(models.TextChoices):
    CANDIDATE = "candidate", "Candidate"
    OPEN = "open", "Open"
    REJECTED = "rejected", "Rejected"
    ARCHIVED = "archived", "Archived"


class Verdict(models.TextChoices):
    UNVERIFIED = "unverified", "Unverified"
    CONFIRMED = "confirmed", "Confirmed"
    DISPUTED = "disputed", "Disputed"
    MISLEADING = "misleading", "Misleading"
    UNVERIFIABLE = "unverifiable", "Unverifiable"


class Relation(models.TextChoices):
    CORROBORATES = "corroborates", "corroborates"
    CONTRADICTS = "contradicts", "contradicts"
    REFINES = "refines", "refines"
    SUPERSEDES = "supersedes", "supersedes"
    CONTEXT = "context", "context"


class Channel(models.TextChoices):
    WEB = "web", "Web"
    ADMIN = "admin", "Admin"
    COMMAND = "command", "Command"
    TASK = "task", "Task"
    SHELL = "shell", "Shell"
    API = "api", "API"


def decimal_text(value: Decimal) -> str:
    """A Decimal as plain digits without trailing zeros: 400.000000 -> "400"."""
    return format(value.normalize(), "f")


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Entity(models.Model):
    """A person, organisation, government body or outlet that says or relays things."""

    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=EntityKind, default=EntityKind.OTHER)
    domain = models.CharField(max_length=253, blank=True, help_text="For outlets: example.com")
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="merged_from"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects: ClassVar[AuditedQuerySet[Entity]] = AuditedQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        verbose_name_plural = "entities"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(Lower("name"), name="entity_name_unique_ci"),
            models.CheckConstraint(
                condition=~Q(merged_into=F("pk")), name="entity_not_merged_into_itself"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class EntityAlias(models.Model):
    entity = models.ForeignKey(Entity, on_delete=models.CASCADE, related_name="aliases")
    alias = models.CharField(max_length=200)
    normalized = models.CharField(max_length=200, unique=True, editable=False)

    class Meta:
        verbose_name_plural = "entity aliases"
        ordering = ["alias"]

    def __str__(self) -> str:
        return self.alias


class Source(models.Model):
    """One report as it was when ingested. Its text is never edited after ingest."""

    # The report's address: its canonical URL when the page declared one on its own host,
    # else the URL it was fetched from. Revisions of a page share it.
    url = models.URLField(max_length=2000, blank=True)
    canonical_url = models.URLField(max_length=2000, blank=True)
    # The URL we actually fetched (after redirects), whatever the page claimed to be.
    fetched_url = models.URLField(max_length=2000, blank=True)
    title = models.CharField(max_length=500)
    # No index of its own: source_outlet_idx (outlet, -published_at) starts with it.
    outlet = models.ForeignKey(
        Entity,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="published_sources",
        db_index=False,
    )
    authors = models.JSONField(default=list, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    retrieved_at = models.DateTimeField()
    language = models.CharField(max_length=16, blank=True)
    kind = models.CharField(max_length=20, choices=SourceKind, default=SourceKind.NEWS)
    origin = models.CharField(max_length=20, choices=SourceOrigin)
    text = models.TextField()
    sha256 = models.CharField(max_length=64, unique=True, editable=False)
    raw_content = models.BinaryField(null=True, blank=True, editable=False)
    raw_content_type = models.CharField(max_length=100, blank=True)
    revision = models.PositiveIntegerField(default=1)
    revision_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="revisions"
    )
    # How much of the text is the same as the earlier revision's (claims.ingest.similar): set
    # for a revision at the same address, and for an updated copy found at another address
    # (a near-duplicate of a recent report of the same outlet or site).
    revision_similarity = models.FloatField(null=True, blank=True, editable=False)
    revision_overlap = models.CharField(
        max_length=80, blank=True, editable=False, help_text="e.g. 8 of 10 paragraphs the same"
    )
    extraction_status = models.CharField(
        max_length=20, choices=ExtractionStatus, default=ExtractionStatus.PENDING
    )
    extraction_error = models.TextField(blank=True)
    extracted_at = models.DateTimeField(null=True, blank=True)
    # Figures the extractor found worth proposing, and how many became candidates (fewer
    # when EXTRACTION_MAX_CANDIDATES capped them). Unknown (null) until extraction is done.
    figures_found = models.PositiveIntegerField(null=True, blank=True, editable=False)
    candidates_kept = models.PositiveIntegerField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    archived_at = models.DateTimeField(null=True, blank=True)

    objects: ClassVar[SourceQuerySet] = SourceQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["url", "revision"],
                condition=~Q(url=""),
                name="source_url_revision_unique",
            ),
            models.CheckConstraint(condition=Q(revision__gte=1), name="source_revision_positive"),
            models.CheckConstraint(condition=~Q(text=""), name="source_text_not_empty"),
        ]
        indexes = [
            models.Index(fields=["-created_at"], name="source_created_idx"),
            models.Index(fields=["outlet", "-published_at"], name="source_outlet_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_copy_elsewhere(self) -> bool:
        """A revision found by its text at another address (an updated wire copy)."""
        return (
            self.revision_of_id is not None
            and self.revision_similarity is not None
            and (not self.url or self.revision_of is None or self.url != self.revision_of.url)
        )

    def text_matches_hash(self) -> bool:
        return sha256_text(self.text) == self.sha256

    @property
    def candidates_were_capped(self) -> bool:
        return (
            self.figures_found is not None
            and self.candidates_kept is not None
            and self.figures_found > self.candidates_kept
        )


class Claim(models.Model):
    """One figure asserted about the world, as an editor would state it."""

    statement = models.TextField(help_text="The claim as an editor would state it.")
    value = models.DecimalField(
        max_digits=QUANTITY_DIGITS, decimal_places=QUANTITY_PLACES, null=True, blank=True
    )
    low = models.DecimalField(
        max_digits=QUANTITY_DIGITS, decimal_places=QUANTITY_PLACES, null=True, blank=True
    )
    high = models.DecimalField(
        max_digits=QUANTITY_DIGITS, decimal_places=QUANTITY_PLACES, null=True, blank=True
    )
    qualifier = models.CharField(max_length=2, choices=Qualifier, default=Qualifier.EXACT)
    trend = models.CharField(max_length=4, choices=Trend, blank=True)
    change = models.CharField(
        max_length=2, choices=Change, blank=True, help_text="to: the new level; by: the change"
    )
    from_value = models.DecimalField(
        max_digits=QUANTITY_DIGITS,
        decimal_places=QUANTITY_PLACES,
        null=True,
        blank=True,
        help_text="The earlier level, for a change from one figure to another",
    )
    unit = models.CharField(max_length=40, blank=True, help_text="Canonical unit code")
    unit_name = models.CharField(max_length=100, blank=True)
    dimension = models.CharField(max_length=20, choices=Dimension, default=Dimension.COUNT)
    currency = models.CharField(max_length=3, blank=True, help_text="ISO 4217")
    per = models.CharField(max_length=100, blank=True, help_text="Rate basis: month, soldier")
    subject = models.CharField(max_length=300, blank=True, help_text="What is counted")
    as_of = models.CharField(max_length=100, blank=True, help_text="The time it refers to")
    place = models.CharField(max_length=200, blank=True)
    score = models.FloatField(default=0.5, help_text="Claim-worthiness, 0 to 1")
    # The quantity in canonical units (claims.matching.normalize), set by the services on
    # every write: derived from the fields above, so not in the history.
    norm_dimension = models.CharField(max_length=40, blank=True, editable=False)
    norm_unit = models.CharField(max_length=120, blank=True, editable=False)
    norm_low = models.FloatField(null=True, blank=True, editable=False)
    norm_high = models.FloatField(null=True, blank=True, editable=False)
    counted = models.CharField(max_length=100, blank=True, editable=False)
    subject_terms = models.CharField(max_length=400, blank=True, editable=False)
    match_terms = models.TextField(blank=True, editable=False)
    # unit, magnitude bucket and word in one token each (normalize.match_key): the GIN index
    # of migration 0014 finds candidates on PostgreSQL without reading unrelated claims
    match_key = models.TextField(blank=True, editable=False)

    state = models.CharField(max_length=12, choices=ClaimState, default=ClaimState.CANDIDATE)
    verdict = models.CharField(max_length=14, choices=Verdict, default=Verdict.UNVERIFIED)
    current_verdict = models.OneToOneField(
        "VerdictRecord", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Set when evidence the current verdict relied on is unlinked; a new verdict clears it.
    verdict_needs_review = models.BooleanField(default=False)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="merged_from"
    )
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Mention figures the queue shows and sorts on, kept by claims.services.desk_stats.
    mention_count = models.PositiveIntegerField(default=0, editable=False)
    first_reported_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_reported_at = models.DateTimeField(null=True, blank=True, editable=False)
    reported_on = models.DateField(
        null=True, blank=True, editable=False, help_text="UTC date of the first report"
    )
    # No index of its own: claim_outlet_score_idx (first_outlet, -score, -id) starts with it.
    first_outlet = models.ForeignKey(
        Entity,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
        db_index=False,
        help_text="Outlet of first appearance",
    )
    # The first mention's quote and report title, for the full-text search (claims.search).
    search_extra = models.TextField(blank=True, default="", editable=False)

    objects: ClassVar[ClaimQuerySet] = ClaimQuerySet.as_manager()  # type: ignore[assignment]

    # The fields an editor edits; their old and new values go into the history.
    # The figure (claims.formatting.FIGURE_FIELDS) and the words around it.
    QUANTITY_FIELDS: ClassVar[tuple[str, ...]] = (
        "statement",
        *FIGURE_FIELDS,
        "subject",
        "as_of",
        "place",
    )
    AUDITED_FIELDS: ClassVar[tuple[str, ...]] = (
        *QUANTITY_FIELDS,
        "state",
        "verdict",
        "verdict_needs_review",
        "merged_into",
    )

    class Meta:
        ordering = ["-updated_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(low__isnull=True) | Q(high__isnull=True) | Q(low__lte=F("high")),
                name="claim_low_not_above_high",
            ),
            models.CheckConstraint(
                condition=Q(value__isnull=False) | Q(low__isnull=False) | Q(high__isnull=False),
                name="claim_has_a_quantity",
            ),
            models.CheckConstraint(
                condition=Q(value__isnull=True)
                | (Q(low__isnull=True) | Q(low__lte=F("value")))
                & (Q(high__isnull=True) | Q(high__gte=F("value"))),
                name="claim_value_within_range",
            ),
            models.CheckConstraint(condition=Q(version__gte=1), name="claim_version_positive"),
            models.CheckConstraint(
                condition=Q(score__gte=0) & Q(score__lte=1), name="claim_score_in_unit_range"
            ),
            models.CheckConstraint(
                condition=~Q(merged_into=F("pk")), name="claim_not_merged_into_itself"
            ),
        ]
        indexes = [
            models.Index(fields=["state", "verdict", "-updated_at"], name="claim_queue_idx"),
            models.Index(fields=["-updated_at", "-id"], name="claim_updated_idx"),
            models.Index(fields=["-score", "-id"], name="claim_score_idx"),
            # Related figures: same unit, best first (claims/views/claims.py related_figures).
            models.Index(
                fields=["dimension", "unit", "-score", "-id"], name="claim_unit_score_idx"
            ),
            models.Index(fields=["-mention_count", "-id"], name="claim_mentions_idx"),
            # The queue's outlet filter in its default order: one outlet's best claims first,
            # read off the index whatever the outlet's share of the desk.
            models.Index(fields=["first_outlet", "-score", "-id"], name="claim_outlet_score_idx"),
            models.Index(fields=["-created_at", "-id"], name="claim_newest_idx"),
            models.Index(fields=["reported_on"], name="claim_reported_idx"),
            models.Index(
                fields=["-updated_at"],
                condition=Q(verdict_needs_review=True),
                name="claim_verdict_review_idx",
            ),
            # claim_norm_idx (norm_dimension, norm_unit, norm_low): SQLite only, outside the
            # state (claims.matching.indexes, migration 0022)
        ]

    def __str__(self) -> str:
        return self.statement[:80] or f"Claim {self.pk}"

    @property
    def is_range(self) -> bool:
        return self.value is None

    def snapshot(self) -> dict[str, Any]:
        """The audited fields as JSON-ready values (Decimals as strings, exact)."""
        data: dict[str, Any] = {}
        for name in self.AUDITED_FIELDS:
            if name == "merged_into":
                data[name] = self.merged_into_id
                continue
            value = getattr(self, name)
            data[name] = decimal_text(value) if isinstance(value, Decimal) else value
        return data


class Mention(models.Model):
    """Where a claim appears: an exact quote in a source, and who asserted it."""

    # No index of its own: mention_order_idx (claim, reported_at, …) starts with it.
    claim = models.ForeignKey(
        Claim, on_delete=models.PROTECT, related_name="mentions", db_index=False
    )
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="mentions")
    quote = models.TextField()
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    sentence = models.TextField(blank=True, help_text="The sentence around the quote")
    # Speaker and via: no index of their own; mention_speaker_idx and mention_via_idx start
    # with them and carry the claim, so the speaker filter reads only the indexes.
    speaker = models.ForeignKey(
        Entity,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="mentions_spoken",
        db_index=False,
    )
    verb = models.CharField(max_length=40, blank=True)
    via = models.ForeignKey(
        Entity,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="mentions_relayed",
        db_index=False,
    )
    extracted = models.BooleanField(default=False, help_text="Found by the extractor")
    # Its report's publication time (or retrieval time), kept by claims.services.desk_stats:
    # a claim's mentions are listed, paged and "first" in this order, straight off an index.
    reported_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects: ClassVar[AuditedQuerySet[Mention]] = AuditedQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        ordering = ["source_id", "start"]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="mention_offsets_ordered"),
            models.UniqueConstraint(
                fields=["source", "start", "end"], name="mention_span_unique_per_source"
            ),
        ]
        indexes = [
            models.Index(
                fields=["claim", "reported_at", "source", "start"], name="mention_order_idx"
            ),
            models.Index(fields=["speaker", "claim"], name="mention_speaker_idx"),
            models.Index(fields=["via", "claim"], name="mention_via_idx"),
        ]

    def __str__(self) -> str:
        return self.quote[:80]


class Evidence(models.Model):
    """A typed link from a claim to a report (or a passage in it) or to another claim."""

    # No index of its own: evidence_claim_idx (claim, removed_at) starts with it.
    claim = models.ForeignKey(
        Claim, on_delete=models.PROTECT, related_name="evidence", db_index=False
    )
    relation = models.CharField(max_length=14, choices=Relation)
    target_source = models.ForeignKey(
        Source, null=True, blank=True, on_delete=models.PROTECT, related_name="evidence_for"
    )
    target_claim = models.ForeignKey(
        Claim, null=True, blank=True, on_delete=models.PROTECT, related_name="evidence_for"
    )
    passage_start = models.PositiveIntegerField(null=True, blank=True)
    passage_end = models.PositiveIntegerField(null=True, blank=True)
    quote = models.TextField(blank=True)
    note = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Unlinking keeps the row (verdicts may rely on it) and records who removed it.
    removed_at = models.DateTimeField(null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    objects: ClassVar[EvidenceQuerySet] = EvidenceQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        verbose_name_plural = "evidence"
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(target_source__isnull=False) & Q(target_claim__isnull=True))
                | (Q(target_source__isnull=True) & Q(target_claim__isnull=False)),
                name="evidence_has_one_target",
            ),
            models.CheckConstraint(
                condition=~Q(target_claim=F("claim")), name="evidence_not_to_itself"
            ),
            models.CheckConstraint(
                condition=(Q(passage_start__isnull=True) & Q(passage_end__isnull=True))
                | (
                    Q(passage_start__isnull=False)
                    & Q(target_source__isnull=False)
                    & Q(passage_end__gt=F("passage_start"))
                ),
                name="evidence_passage_ordered",
            ),
            models.UniqueConstraint(
                fields=["claim", "relation", "target_claim"],
                condition=Q(removed_at__isnull=True, target_claim__isnull=False),
                name="evidence_claim_link_unique",
            ),
            models.UniqueConstraint(
                fields=["claim", "relation", "target_source", "passage_start", "passage_end"],
                condition=Q(removed_at__isnull=True, target_source__isnull=False),
                name="evidence_source_link_unique",
            ),
        ]
        indexes = [models.Index(fields=["claim", "removed_at"], name="evidence_claim_idx")]

    def __str__(self) -> str:
        target = self.target_claim or self.target_source
        return f"{self.relation} {target}"

    @property
    def is_active(self) -> bool:
        return self.removed_at is None


class VerdictRecord(models.Model):
    """One decision on a claim: the verdict, who reached it, when, why, on what evidence."""

    claim = models.ForeignKey(Claim, on_delete=models.PROTECT, related_name="verdicts")
    verdict = models.CharField(max_length=14, choices=Verdict)
    reason = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now_add=True)
    evidence = models.ManyToManyField(Evidence, blank=True, related_name="relied_on_by")

    objects: ClassVar[AuditedQuerySet[VerdictRecord]] = AuditedQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        ordering = ["-decided_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(verdict__in=[Verdict.CONFIRMED, Verdict.UNVERIFIED]) | ~Q(reason=""),
                name="verdict_reason_required",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_verdict_display()} by {self.decided_by}"


class ClaimEvent(models.Model):
    """One entry in the append-only history. Rows are only ever inserted."""

    # claim, source and actor have no index of their own: event_claim_idx, event_source_idx
    # and event_actor_idx start with them.
    claim = models.ForeignKey(
        Claim,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="events",
        db_index=False,
    )
    source = models.ForeignKey(
        Source,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="events",
        db_index=False,
    )
    entity = models.ForeignKey(
        Entity, null=True, blank=True, on_delete=models.PROTECT, related_name="events"
    )
    action = models.CharField(max_length=40)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    actor_label = models.CharField(
        max_length=150, help_text="The user name, or the command or task that acted"
    )
    channel = models.CharField(max_length=10, choices=Channel)
    correlation_id = models.UUIDField(help_text="Groups the events of one editorial action")
    reason = models.TextField(blank=True)
    before = models.JSONField(default=dict, blank=True)
    after = models.JSONField(default=dict, blank=True)
    claim_version = models.PositiveIntegerField(null=True, blank=True)
    created_at = models.DateTimeField()
    prev_hash = models.CharField(max_length=64, blank=True)
    hash = models.CharField(max_length=64, blank=True)

    objects: ClassVar[AuditedQuerySet[ClaimEvent]] = AuditedQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        ordering = ["-created_at", "-id"]
        get_latest_by = "id"
        indexes = [
            models.Index(fields=["claim", "-id"], name="event_claim_idx"),
            models.Index(fields=["source", "-id"], name="event_source_idx"),
            models.Index(fields=["-created_at", "-id"], name="event_created_idx"),
            models.Index(fields=["actor", "-id"], name="event_actor_idx"),
            models.Index(fields=["action", "-id"], name="event_action_idx"),
            models.Index(fields=["correlation_id"], name="event_correlation_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.action} by {self.actor_label} at {self.created_at:%Y-%m-%d %H:%M}"

    def changed_fields(self) -> list[tuple[str, Any, Any]]:
        keys = sorted(set(self.before) | set(self.after))
        return [
            (key, self.before.get(key), self.after.get(key))
            for key in keys
            if self.before.get(key) != self.after.get(key)
        ]


class RequestKey(models.Model):
    """One write request that was applied, so a repeat of it answers instead of applying twice.

    Every write form carries a key made when the form was rendered. The view records the key
    with the outcome in the same transaction as the write; a request that comes again with the
    same key (a retry after a lost answer) gets the first outcome back. Keys are per user and
    expire after ``settings.REQUEST_KEY_HOURS``. Not history: the audit trail keeps that.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=64)
    # SHA-256 of the path and the posted fields: the same key with other fields is another change.
    fingerprint = models.CharField(max_length=64)
    path = models.CharField(max_length=300)
    outcome = models.CharField(max_length=500)
    # An API write (``Idempotency-Key``) keeps its answer, so a retry gets the same one.
    response_status = models.PositiveSmallIntegerField(null=True, blank=True)
    response_body = models.TextField(blank=True, default="")
    created_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="requestkey_user_key_uniq"),
        ]
        indexes = [models.Index(fields=["user", "created_at"], name="requestkey_user_time_idx")]

    def __str__(self) -> str:
        return f"{self.path} by {self.user_id} at {self.created_at:%Y-%m-%d %H:%M}"


class AuditCheckpoint(models.Model):
    """A signed anchor of the history: the chain head at one moment, HMAC-signed with a key
    the database never holds (``AUDIT_CHECKPOINT_KEY``). Append-only, like the events; written
    by ``audit_checkpoint`` and checked by ``verify_audit`` (see claims/anchors.py)."""

    number = models.PositiveIntegerField(unique=True, help_text="1, 2, 3… without gaps")
    event_id = models.PositiveBigIntegerField(help_text="Id of the last event it covers")
    event_hash = models.CharField(max_length=64, help_text="Hash of that event: the chain head")
    created_at = models.DateTimeField()
    created_by = models.CharField(max_length=150, help_text="The user, command or task")
    key_id = models.CharField(max_length=16, help_text="Fingerprint of the signing key")
    signature = models.CharField(max_length=64, help_text="HMAC-SHA256, chained to the last one")

    objects: ClassVar[AuditedQuerySet[AuditCheckpoint]] = AuditedQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        verbose_name = "checkpoint"
        ordering = ["number"]
        constraints = [
            models.CheckConstraint(condition=Q(number__gte=1), name="checkpoint_number_positive")
        ]

    def __str__(self) -> str:
        return f"checkpoint {self.number} (event {self.event_id})"


class ClaimCount(models.Model):
    """Unmerged claims by state and verdict, kept by claims.services.desk_stats in the
    transaction of each claim write, so counting the desk reads a dozen rows."""

    state = models.CharField(max_length=12, choices=ClaimState)
    verdict = models.CharField(max_length=14, choices=Verdict)
    n = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["state", "verdict"], name="claimcount_key_unique")
        ]

    def __str__(self) -> str:
        return f"{self.state}/{self.verdict}: {self.n}"


class DeskCount(models.Model):
    """Whole-desk counts other than claims' (``sources``: every report kept), kept by
    claims.services.desk_stats in the transaction of the write that changes them, so the
    dashboard reads one row instead of counting a table."""

    name = models.CharField(max_length=20, unique=True)
    n = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.name}: {self.n}"


class ExportStatus(models.TextChoices):
    PENDING = "pending", "Waiting"
    RUNNING = "running", "Being written"
    DONE = "done", "Ready"
    FAILED = "failed", "Failed"


class ClaimExport(models.Model):
    """A bulk export too big to stream within one web request, written by the task worker to
    a file and offered for download once whole (claims/exports/jobs.py)."""

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    fmt = models.CharField(max_length=8)
    query = models.TextField(blank=True, help_text="The queue's filters, as a query string")
    status = models.CharField(max_length=10, choices=ExportStatus, default=ExportStatus.PENDING)
    rows = models.PositiveIntegerField(default=0)
    size = models.BigIntegerField(default=0, help_text="Bytes of the finished file")
    sha256 = models.CharField(max_length=64, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"export {self.pk} ({self.fmt}, {self.status})"


class MatchRelation(models.TextChoices):
    SAME = "same", "same figure"
    REFINES = "refines", "refines"
    CONFLICTS = "conflicts", "conflicts"
    SUPERSEDES = "supersedes", "supersedes"


class MatchStatus(models.TextChoices):
    OPEN = "open", "Open"
    ACCEPTED = "accepted", "Accepted"
    DISMISSED = "dismissed", "Dismissed"


class FigureMatch(models.Model):
    """A suggestion from the matching engine: ``other`` relates to ``claim`` as ``relation``.

    Never evidence until an editor accepts it (which links evidence through the services);
    a dismissal is kept, so the same pair is not suggested again. For ``supersedes`` the
    claim is the older figure and ``other`` the newer; for ``refines`` the claim is the wider.
    """

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="matches")
    other = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="matched_by")
    relation = models.CharField(max_length=12, choices=MatchRelation)
    score = models.FloatField()
    reason = models.CharField(max_length=300)
    difference = models.FloatField(help_text="Signed difference of other against claim, in %")
    size = models.FloatField(help_text="abs(difference): conflicts are listed by it")
    status = models.CharField(max_length=10, choices=MatchStatus, default=MatchStatus.OPEN)
    evidence = models.ForeignKey(
        Evidence, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-score", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["claim", "other"], name="figurematch_pair_unique"),
            models.CheckConstraint(
                condition=~Q(other=F("claim")), name="figurematch_not_to_itself"
            ),
        ]
        indexes = [
            models.Index(fields=["status", "relation", "-size"], name="figurematch_open_idx"),
            models.Index(fields=["other", "status"], name="figurematch_other_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.other_id} {self.relation} {self.claim_id}"


# Fact-sheet models live in their own module; importing them here registers them with the app.
from claims.models_api import *  # noqa: E402, F403
from claims.models_factsheets import *  # noqa: E402, F403
from claims.models_feeds import *  # noqa: E402, F403
from claims.models_watch import *  # noqa: E402, F403
