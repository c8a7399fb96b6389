"""Watched feeds: RSS/Atom feeds (and single pages) polled for new reports, with their runs.

Writes go through ``claims.services.feeds``. A feed remembers its validators (ETag,
Last-Modified) for conditional GETs, the links it has seen (``FeedItem``, so a link is fetched
once), and every poll (``FeedRun``: items seen, new, refused with reasons). A feed that fails
``FEED_FAILING_AFTER`` times in a row is shown as failing and polled less often (backoff).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

__all__ = ["Feed", "FeedItem", "FeedKind", "FeedRun", "RunStatus"]


class FeedKind(models.TextChoices):
    FEED = "feed", "RSS or Atom feed"
    PAGE = "page", "Single page, re-checked"


class RunStatus(models.TextChoices):
    OK = "ok", "New items checked"
    NOT_MODIFIED = "not_modified", "Unchanged (304)"
    FAILED = "failed", "Failed"


class Feed(models.Model):
    name = models.CharField(max_length=200)
    url = models.URLField(max_length=2000)
    kind = models.CharField(max_length=4, choices=FeedKind, default=FeedKind.FEED)
    outlet = models.ForeignKey(
        "claims.Entity", null=True, blank=True, on_delete=models.PROTECT, related_name="feeds"
    )
    interval_minutes = models.PositiveIntegerField(default=60)
    active = models.BooleanField(default=True)
    etag = models.CharField(max_length=500, blank=True)
    last_modified = models.CharField(max_length=100, blank=True)
    next_poll_at = models.DateTimeField(null=True, blank=True)
    last_polled_at = models.DateTimeField(null=True, blank=True)
    last_ok_at = models.DateTimeField(null=True, blank=True)
    consecutive_failures = models.PositiveIntegerField(default=0)
    last_error = models.CharField(max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]
        constraints = [models.UniqueConstraint(fields=["url"], name="feed_url_unique")]
        indexes = [
            models.Index(fields=["next_poll_at"], condition=Q(active=True), name="feed_due_idx")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_failing(self) -> bool:
        return self.consecutive_failures >= int(settings.FEED_FAILING_AFTER)


class FeedRun(models.Model):
    """One poll of a feed: what it saw, what it brought in, what it refused and why."""

    feed = models.ForeignKey(Feed, on_delete=models.CASCADE, related_name="runs")
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=12, choices=RunStatus)
    http_status = models.PositiveIntegerField(null=True, blank=True)
    items_seen = models.PositiveIntegerField(default=0)
    items_new = models.PositiveIntegerField(default=0)
    items_refused = models.PositiveIntegerField(default=0)
    # [{"url": ..., "reason": ...}] for each refused item (at most FEED_RUN_MAX_REFUSALS)
    refusals = models.JSONField(default=list, blank=True)
    error = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        indexes = [models.Index(fields=["feed", "-started_at"], name="feedrun_feed_idx")]

    def __str__(self) -> str:
        return f"{self.feed_id} at {self.started_at:%Y-%m-%d %H:%M}: {self.status}"


class FeedItem(models.Model):
    """A link a feed listed, kept so it is fetched once (deduped by its canonical URL)."""

    feed = models.ForeignKey(Feed, on_delete=models.CASCADE, related_name="items")
    url = models.URLField(max_length=2000)
    source = models.ForeignKey(
        "claims.Source", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    refused = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["feed", "url"], name="feeditem_feed_url_unique")
        ]

    def __str__(self) -> str:
        return self.url
