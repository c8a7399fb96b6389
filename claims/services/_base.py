"""Shared pieces of the service layer: errors, permission checks, constants."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied

from claims.models import (
    Claim,
    ClaimEvent,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    User = AbstractBaseUser | AnonymousUser

logger = logging.getLogger(__name__)

# Extracted figures below this claim-worthiness are not proposed as candidates
# ("Section 427", "Row 21"); the extractor still reports them.
CANDIDATE_MIN_SCORE = 0.3
STATEMENT_MAX = 400


class ServiceError(Exception):
    """A write that cannot be done, with a message fit to show the user."""


class ClaimConflict(ServiceError):
    """The claim changed since the editor loaded it."""

    def __init__(self, *, claim: Claim, expected_version: int, events: Sequence[ClaimEvent]):
        self.claim = claim
        self.expected_version = expected_version
        self.events = list(events)
        changes = []
        for event in self.events:
            fields = ", ".join(name for name, _old, _new in event.changed_fields()) or "nothing"
            changes.append(f"{event.actor_label} {event.action} ({fields})")
        detail = "; ".join(changes) if changes else "another change"
        super().__init__(
            f"This claim changed after you opened it (you had version {expected_version}, "
            f"it is now version {claim.version}): {detail}."
        )

    @property
    def changed_fields(self) -> list[str]:
        names: list[str] = []
        for event in self.events:
            for name, _old, _new in event.changed_fields():
                if name not in names:
                    names.append(name)
        return names


def _require(by: User | None, check: Any, action: str) -> None:
    """Permission check. ``by=None`` is the system itself (a command or task)."""
    if by is None:
        return
    if not check(by):
        raise PermissionDenied(f"Your role does not allow you to {action}.")


def _user_or_none(by: User | None) -> Any:
    return by if by is not None and by.is_authenticated else None
