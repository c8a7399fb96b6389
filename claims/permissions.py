"""Roles and what each may do. Views and services both ask these functions.

Roles are Django groups: Viewer < Reporter < Editor < Admin. A superuser is an Admin.
- Viewer: reads the accepted desk (open and archived claims, sources) and exports.
- Reporter: also brings in reports, proposes claims (as candidates) and links evidence;
  sees candidates and rejected claims too.
- Editor: also accepts and rejects candidates, edits figures, reaches verdicts.
- Admin: also manages people (Django admin).
"""

from __future__ import annotations

from enum import IntEnum
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    AnyUser = AbstractBaseUser | AnonymousUser


class Role(IntEnum):
    NONE = 0
    VIEWER = 10
    REPORTER = 20
    EDITOR = 30
    ADMIN = 40

    @property
    def group_name(self) -> str:
        return self.name.capitalize()


ROLE_GROUPS = {role.group_name: role for role in Role if role is not Role.NONE}
_CACHE_ATTR = "_factdesk_role"


def role_of(user: AnyUser | None) -> Role:
    """The user's highest role, cached on the user object for the request."""
    if user is None or not user.is_authenticated or not user.is_active:
        return Role.NONE
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return Role(cached)
    if getattr(user, "is_superuser", False):
        role = Role.ADMIN
    else:
        names = user.groups.values_list("name", flat=True)  # type: ignore[attr-defined]
        role = max((ROLE_GROUPS[n] for n in names if n in ROLE_GROUPS), default=Role.NONE)
    setattr(user, _CACHE_ATTR, int(role))
    return role


def can_view_desk(user: AnyUser | None) -> bool:
    return role_of(user) >= Role.VIEWER


def can_propose(user: AnyUser | None) -> bool:
    """Bring in reports, propose claims, link evidence."""
    return role_of(user) >= Role.REPORTER


def can_review(user: AnyUser | None) -> bool:
    """Accept, reject, edit figures, reach verdicts."""
    return role_of(user) >= Role.EDITOR


def can_administer(user: AnyUser | None) -> bool:
    return role_of(user) >= Role.ADMIN


def require(allowed: bool, action: str) -> None:
    if not allowed:
        raise PermissionDenied(f"Your role does not allow you to {action}.")
