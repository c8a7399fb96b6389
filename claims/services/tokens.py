"""Personal API tokens: made, found and revoked here (views and the command call these).

The secret is ``fd_`` followed by 32 random bytes (URL-safe base64); the database keeps its
SHA-256 and its first 11 characters. A lost token cannot be shown again: make a new one.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from claims import permissions
from claims.models_api import APIToken, TokenScope
from claims.services._base import ServiceError, _require

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    User = AbstractBaseUser | AnonymousUser

TOKEN_PREFIX = "fd_"  # noqa: S105 (a label, not a secret)
SHOWN_CHARS = 11
# last_used_at is written at most this often per token, so reads cost no write each.
LAST_USED_RESOLUTION = timedelta(minutes=1)
MAX_EXPIRY_DAYS = 3650


def token_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class NewToken:
    token: APIToken
    secret: str  # shown once, never stored


def api_token_create(
    *,
    user: AbstractBaseUser,
    by: User | None,
    name: str,
    scope: str = TokenScope.READ,
    expires_in_days: int | None = None,
) -> NewToken:
    """A new token for ``user``. Users make their own; ``by=None`` is the command."""
    if by is not None and by.pk != user.pk:
        raise ServiceError("Tokens are personal: each user makes their own.")
    _require(user, permissions.can_view_desk, "use the API")
    name = name.strip()
    if not name:
        raise ValidationError({"name": "Give the token a name (it is shown in the history)."})
    if len(name) > 60:
        raise ValidationError({"name": "A token's name has at most 60 characters."})
    if scope not in TokenScope.values:
        raise ValidationError({"scope": f"Unknown scope {scope!r}: read or write."})
    if expires_in_days is not None and not (1 <= expires_in_days <= MAX_EXPIRY_DAYS):
        raise ValidationError(
            {"expires": f"A token expires after 1 to {MAX_EXPIRY_DAYS} days (or never)."}
        )
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    now = timezone.now()
    try:
        with transaction.atomic():
            token = APIToken.objects.create(
                user=user,  # type: ignore[misc]
                name=name,
                prefix=secret[:SHOWN_CHARS],
                key_hash=token_hash(secret),
                scope=scope,
                created_at=now,
                expires_at=now + timedelta(days=expires_in_days) if expires_in_days else None,
            )
    except IntegrityError:
        raise ValidationError({"name": f"You already have a token named {name!r}."}) from None
    return NewToken(token=token, secret=secret)


def api_token_revoke(*, token: APIToken, by: User | None) -> APIToken:
    """Revoke a token at once; it stays listed as revoked. Owners and admins may revoke."""
    if by is not None and by.pk != token.user_id and not permissions.can_administer(by):
        raise ServiceError("Only the token's owner or an admin can revoke it.")
    with transaction.atomic():
        fresh = APIToken.objects.select_for_update().get(pk=token.pk)
        if fresh.revoked_at is None:
            fresh.revoked_at = timezone.now()
            fresh.save(update_fields=["revoked_at"])
    return fresh


def api_token_authenticate(secret: str, *, now: datetime | None = None) -> APIToken | None:
    """The usable token with this secret (its user loaded), or None. Notes the last use."""
    if not secret.startswith(TOKEN_PREFIX) or len(secret) > 200:
        return None
    token = APIToken.objects.select_related("user").filter(key_hash=token_hash(secret)).first()
    moment = now or timezone.now()
    if token is None or not token.is_usable(moment) or not token.user.is_active:
        return None
    if token.last_used_at is None or moment - token.last_used_at >= LAST_USED_RESOLUTION:
        APIToken.objects.filter(pk=token.pk).update(last_used_at=moment)
        token.last_used_at = moment
    return token
