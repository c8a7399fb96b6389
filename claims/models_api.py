"""Personal API tokens (and, with the feeds, the other models of the desk's integrations).

A token is shown once, when it is made; the database keeps only the SHA-256 of it and its
first characters (the prefix, shown in lists so a user can tell tokens apart). A token acts
as its user, within its scope: ``read`` tokens only read, ``write`` tokens may also call the
writes the user's role allows. Tokens are made and revoked through
``claims.services.tokens``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class TokenScope(models.TextChoices):
    READ = "read", "Read"
    WRITE = "write", "Read and write"


class APIToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=60, help_text="Recorded in the history of every write")
    prefix = models.CharField(max_length=16, help_text="The token's first characters, shown")
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    scope = models.CharField(max_length=5, choices=TokenScope, default=TokenScope.READ)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "API token"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "name"], name="apitoken_user_name_uniq"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    def is_usable(self, now: object = None) -> bool:
        moment = now or timezone.now()
        if self.revoked_at is not None:
            return False
        return self.expires_at is None or self.expires_at > moment  # type: ignore[operator]

    @property
    def can_write(self) -> bool:
        return self.scope == TokenScope.WRITE
