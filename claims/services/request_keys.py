"""Request keys: a write sent twice is applied once, and the repeat says what happened.

A request can die after its write committed and before its answer reached the editor (a
killed worker, a dropped connection, a database gone while the panel re-renders). The editor
then does not know whether the change was saved and sends it again. Every write form carries a
``request_key`` made when the form was rendered ({% request_key %}); the view runs the write
and :func:`request_key_record` in one transaction (:func:`once`), so the key exists exactly
when the write does. A request that comes again with a key already recorded is not applied: it
answers with the first outcome ("Your change was saved at 14:02 (Saved)"). The same key with
other fields (the editor changed the form after a failure) is refused with the same news,
rather than applied on top of a change the editor has not seen.

The store is a small table (``RequestKey``) keyed by user and key, not the audit trail:
correlation ids group the events of one action and come from the server, while these keys come
from the client and also cover writes that record no claim event. Keys older than
``settings.REQUEST_KEY_HOURS`` no longer count and are removed as the user writes again.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from claims.models import RequestKey
from claims.services._base import ServiceError

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    User = AbstractBaseUser | AnonymousUser

KEY_FIELD = "request_key"
_KEY = re.compile(r"[A-Za-z0-9_-]{16,64}")
_NOT_FINGERPRINTED = {"csrfmiddlewaretoken", KEY_FIELD}


def valid_key(raw: str | None) -> str:
    """The key if it looks like one of ours, else "" (then the request is simply not keyed)."""
    raw = (raw or "").strip()
    return raw if _KEY.fullmatch(raw) else ""


def fingerprint(path: str, fields: Mapping[str, Any]) -> str:
    """SHA-256 of the path and the posted fields (minus the CSRF token and the key itself)."""
    getlist = getattr(fields, "getlist", None)
    items: list[tuple[str, str]] = []
    for name in sorted(fields):
        if name in _NOT_FINGERPRINTED:
            continue
        values = getlist(name) if getlist is not None else [fields[name]]
        items.extend((name, str(value)) for value in values)
    digest = hashlib.sha256(path.encode("utf-8"))
    for name, value in items:
        digest.update(b"\0" + name.encode("utf-8") + b"\0" + value.encode("utf-8"))
    return digest.hexdigest()


@dataclass(frozen=True)
class EarlierOutcome:
    """What the first request with this key did."""

    outcome: str
    saved_at: datetime
    same_change: bool
    response_status: int | None = None
    response_body: str = ""

    @property
    def time(self) -> str:
        return f"{timezone.localtime(self.saved_at):%H:%M}"

    @property
    def message(self) -> str:
        """For a repeat of the same change: it was saved, when, and what it did."""
        return f"Your change was saved at {self.time} ({self.outcome.rstrip('.')})."

    @property
    def refusal(self) -> str:
        """For other fields sent with a used key: nothing new was applied."""
        return (
            f"A change from this form was already saved at {self.time} "
            f"({self.outcome.rstrip('.')}). Nothing more was changed: reload the page to see "
            "it before changing anything else."
        )


class AlreadyDone(ServiceError):
    """This request key was already used: the write was not applied again."""

    def __init__(self, earlier: EarlierOutcome) -> None:
        self.earlier = earlier
        super().__init__(earlier.message if earlier.same_change else earlier.refusal)


def _cutoff() -> datetime:
    return timezone.now() - timedelta(hours=settings.REQUEST_KEY_HOURS)


def request_key_find(
    *, by: User, key: str, path: str, fields: Mapping[str, Any]
) -> EarlierOutcome | None:
    """The outcome of the earlier request with this key, if there was one (and it is recent)."""
    if not key or not by.is_authenticated:
        return None
    row = (
        RequestKey.objects.filter(user_id=by.pk, key=key, created_at__gte=_cutoff())
        .only("fingerprint", "outcome", "created_at", "response_status", "response_body")
        .first()
    )
    if row is None:
        return None
    return EarlierOutcome(
        outcome=row.outcome,
        saved_at=row.created_at,
        same_change=row.fingerprint == fingerprint(path, fields),
        response_status=row.response_status,
        response_body=row.response_body,
    )


def request_key_record(
    *,
    by: User,
    key: str,
    path: str,
    fields: Mapping[str, Any],
    outcome: str,
    response_status: int | None = None,
    response_body: str = "",
) -> None:
    """Record a key with its outcome (and, for the API, the answer). Call inside the write's
    own transaction."""
    if not key or not by.is_authenticated:
        return
    RequestKey.objects.filter(user_id=by.pk, created_at__lt=_cutoff()).delete()
    RequestKey.objects.create(
        user_id=by.pk,
        key=key,
        fingerprint=fingerprint(path, fields),
        path=path[:300],
        outcome=outcome[:500],
        response_status=response_status,
        response_body=response_body,
        created_at=timezone.now(),
    )


@dataclass
class Outcome:
    """Set ``text`` inside :func:`once` when the outcome depends on what the write did; set it
    to "" when nothing was applied (then the key is not recorded and a retry runs again).
    The API sets ``status`` and ``body``: the answer a retry gets again."""

    text: str
    status: int | None = None
    body: str = ""


@contextmanager
def once(
    *, by: User, key: str, path: str, fields: Mapping[str, Any], outcome: str
) -> Iterator[Outcome]:
    """Run the write in the body and record the key in the same transaction.

    Raises :class:`AlreadyDone` (and applies nothing) when the key was used before, including
    by a request running at the same moment: the unique key makes the later one roll back.
    """
    earlier = request_key_find(by=by, key=key, path=path, fields=fields)
    if earlier is not None:
        raise AlreadyDone(earlier)
    result = Outcome(outcome)
    try:
        with transaction.atomic():
            yield result
            if result.text:
                request_key_record(
                    by=by,
                    key=key,
                    path=path,
                    fields=fields,
                    outcome=result.text,
                    response_status=result.status,
                    response_body=result.body,
                )
    except IntegrityError:
        earlier = request_key_find(by=by, key=key, path=path, fields=fields)
        if earlier is None:
            raise
        raise AlreadyDone(earlier) from None
