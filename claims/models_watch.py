"""Watchlists, in-app notifications and signed webhooks.

A user watches a claim, a subject, an entity or a search. When a new mention, a conflict
suggestion or a verdict touches what they watch, ``claims.services.watch`` (called after the
commit of that write) finds the watchers by indexed lookups (``claim``, ``entity`` or
``(kind, key)``) and writes one ``Notification`` per user and claim; each of the user's active
webhooks gets a ``WebhookDelivery``, sent by the task worker with retries.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

__all__ = [
    "DeliveryStatus",
    "Notification",
    "NotificationKind",
    "Watch",
    "WatchKind",
    "Webhook",
    "WebhookDelivery",
]


class WatchKind(models.TextChoices):
    CLAIM = "claim", "Claim"
    SUBJECT = "subject", "Subject"
    ENTITY = "entity", "Entity"
    SEARCH = "search", "Search"


class NotificationKind(models.TextChoices):
    MENTION = "mention", "New mention"
    CONFLICT = "conflict", "Conflicting figure"
    VERDICT = "verdict", "Verdict"


class Watch(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="watches"
    )
    kind = models.CharField(max_length=8, choices=WatchKind)
    claim = models.ForeignKey(
        "claims.Claim", null=True, blank=True, on_delete=models.CASCADE, related_name="watches"
    )
    entity = models.ForeignKey(
        "claims.Entity", null=True, blank=True, on_delete=models.CASCADE, related_name="watches"
    )
    # subject and search: what the user typed, its lemmatised words, and the one word the
    # watch is found by (an index lookup on (kind, key) with the words of a touched claim).
    text = models.CharField(max_length=200, blank=True)
    terms = models.CharField(max_length=400, blank=True)
    key = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind="claim") & Q(claim__isnull=False) & Q(entity__isnull=True))
                | (Q(kind="entity") & Q(entity__isnull=False) & Q(claim__isnull=True))
                | (
                    Q(kind__in=["subject", "search"])
                    & Q(claim__isnull=True)
                    & Q(entity__isnull=True)
                    & ~Q(key="")
                ),
                name="watch_target_matches_kind",
            ),
            models.UniqueConstraint(
                fields=["user", "claim"], condition=Q(kind="claim"), name="watch_user_claim_uniq"
            ),
            models.UniqueConstraint(
                fields=["user", "entity"],
                condition=Q(kind="entity"),
                name="watch_user_entity_uniq",
            ),
            models.UniqueConstraint(
                fields=["user", "kind", "terms"],
                condition=Q(kind__in=["subject", "search"]),
                name="watch_user_words_uniq",
            ),
        ]
        indexes = [
            models.Index(fields=["kind", "key"], name="watch_key_idx"),
            models.Index(fields=["user", "-created_at"], name="watch_user_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} watches {self.kind} {self.describe()}"

    def describe(self) -> str:
        if self.kind == WatchKind.CLAIM:
            return f"claim #{self.claim_id}"
        if self.kind == WatchKind.ENTITY:
            return str(self.entity) if self.entity_id else "an entity"
        return f"“{self.text}”"


class Notification(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=8, choices=NotificationKind)
    claim = models.ForeignKey(
        "claims.Claim", null=True, on_delete=models.CASCADE, related_name="notifications"
    )
    other_claim = models.ForeignKey(
        "claims.Claim", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    watch = models.ForeignKey(
        Watch, null=True, blank=True, on_delete=models.SET_NULL, related_name="notifications"
    )
    text = models.CharField(max_length=500)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["user", "-id"], name="notification_user_idx"),
            models.Index(
                fields=["user"], condition=Q(read_at__isnull=True), name="notification_unread_idx"
            ),
        ]

    def __str__(self) -> str:
        return self.text


class Webhook(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="webhooks"
    )
    name = models.CharField(max_length=60)
    url = models.URLField(max_length=2000)
    # The signing secret, encrypted with a key derived from SECRET_KEY (claims.services.watch);
    # shown once when made. The prefix tells secrets apart in lists.
    secret_encrypted = models.TextField(editable=False)
    secret_prefix = models.CharField(max_length=12, editable=False)
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "name"], name="webhook_user_name_uniq")
        ]
        indexes = [
            models.Index(fields=["user"], condition=Q(active=True), name="webhook_active_idx")
        ]

    def __str__(self) -> str:
        return self.name


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", "Waiting"
    RETRYING = "retrying", "Failed; will retry"
    DELIVERED = "delivered", "Delivered"
    FAILED = "failed", "Failed; gave up"


class WebhookDelivery(models.Model):
    """One notification sent (or being sent) to one webhook: the log its owner reads."""

    webhook = models.ForeignKey(Webhook, on_delete=models.CASCADE, related_name="deliveries")
    notification = models.ForeignKey(
        Notification, null=True, on_delete=models.SET_NULL, related_name="deliveries"
    )
    payload = models.TextField(help_text="The JSON body, exactly as signed")
    status = models.CharField(max_length=10, choices=DeliveryStatus, default=DeliveryStatus.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    response_status = models.PositiveIntegerField(null=True, blank=True)
    last_error = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "webhook deliveries"
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["webhook", "-id"], name="delivery_webhook_idx"),
            models.Index(
                fields=["next_attempt_at"],
                condition=Q(status__in=["pending", "retrying"]),
                name="delivery_due_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"delivery {self.pk} to {self.webhook_id}: {self.status}"
