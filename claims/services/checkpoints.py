"""Signed checkpoints of the history: the only write to the checkpoint log.

A checkpoint records the chain head that verify_audit has just verified, signed with the
checkpoint key (see claims/anchors.py). The log is append-only like the events; numbers run
1, 2, 3… without gaps, each signature covering the one before it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import connection, transaction
from django.utils import timezone

from claims import anchors, audit, permissions
from claims.models import AuditCheckpoint
from claims.querysets import service_writes
from claims.services._base import ServiceError, _require

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    User = AbstractBaseUser | AnonymousUser


def checkpoint_create(
    *, event_id: int, event_hash: str, key: str, by: User | None
) -> tuple[AuditCheckpoint, bool]:
    """Append a checkpoint of event ``event_id`` (whose hash is ``event_hash``), signed with
    ``key``. Returns it and True; or the newest checkpoint and False when that one already
    covers this event or a later one (nothing new to sign)."""
    _require(by, permissions.can_administer, "sign audit checkpoints")
    if event_id < 1 or len(event_hash) != 64:
        raise ServiceError("Nothing to sign: the history holds no events yet.")
    with transaction.atomic(), service_writes():
        if connection.vendor == "postgresql":
            # One writer at a time takes the next number: the chain head row's lock, which
            # record_event takes anyway (SQLite serialises writers itself).
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1 FROM claims_auditchainhead WHERE id = 1 FOR UPDATE")
        last = AuditCheckpoint.objects.order_by("-number").first()
        if last is not None and last.event_id >= event_id:
            return last, False
        ctx = audit.current_context()
        actor = by if by is not None and by.is_authenticated else None
        created_at = timezone.now()
        record = anchors.CheckpointRecord(
            number=last.number + 1 if last else 1,
            event_id=event_id,
            event_hash=event_hash,
            created_at=anchors.timestamp(created_at),
            created_by=actor.get_username() if actor else (ctx.label or ctx.channel),
            key_id=anchors.key_id(key),
            signature="",
        )
        signature = anchors.signature_of(record, key, last.signature if last else "")
        checkpoint = AuditCheckpoint.objects.create(
            number=record.number,
            event_id=event_id,
            event_hash=event_hash,
            created_at=created_at,
            created_by=record.created_by,
            key_id=record.key_id,
            signature=signature,
        )
    return checkpoint, True
