"""Entities: people and organisations that say or relay things."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models.functions import Lower

from claims import audit, permissions
from claims.bidi import strip_bidi
from claims.models import (
    Entity,
    EntityAlias,
    EntityKind,
)
from claims.querysets import service_writes

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    User = AbstractBaseUser | AnonymousUser

from claims.services._base import _require

logger = logging.getLogger(__name__)


# --- Entities -----------------------------------------------------------------------------


def normalize_alias(name: str) -> str:
    cleaned = " ".join(strip_bidi(name).replace("\u2019", "'").split()).strip(" .,;:'\"")
    cleaned = cleaned.casefold()
    for prefix in ("the ", "mr. ", "mrs. ", "ms. ", "dr. ", "mr ", "mrs ", "ms ", "dr "):
        if cleaned.startswith(prefix):
            cleaned = cleaned[len(prefix) :]
    return cleaned


def entity_find(name: str) -> Entity | None:
    """The entity a name or alias refers to (following merges), or None."""
    key = normalize_alias(name)
    if not key:
        return None
    alias = EntityAlias.objects.select_related("entity").filter(normalized=key).first()
    entity = alias.entity if alias else None
    if entity is None:
        entity = Entity.objects.annotate(lname=Lower("name")).filter(lname=name.lower()).first()
    while entity is not None and entity.merged_into_id is not None:
        entity = entity.merged_into
    return entity


def entity_resolve(
    *, name: str, by: User | None, kind: str = EntityKind.OTHER, domain: str = ""
) -> Entity | None:
    """Find the entity by name or alias, or create it (with its name as first alias).

    Safe when two reports name the same new outlet or speaker at once: the one that loses the
    race to insert finds the winner's entity instead of failing. Bidi controls never enter a
    name (see :mod:`claims.bidi`).
    """
    name = " ".join(strip_bidi(name).split())[:200]
    if not name:
        return None
    existing = _existing(name, domain)
    if existing is not None:
        return existing
    with transaction.atomic(), service_writes():
        # The chain-head lock first, then the unique name: see audit.hold_chain.
        audit.hold_chain()
        existing = _existing(name, domain)  # committed while we waited for the lock
        if existing is not None:
            return existing
        try:
            with transaction.atomic():
                entity = Entity.objects.create(name=name, kind=kind, domain=domain)
                key = normalize_alias(name)
                if key:
                    EntityAlias.objects.create(normalized=key, entity=entity, alias=name)
        except IntegrityError:
            # Another transaction created it first (the same name, or a name with the same
            # alias) and has committed: use theirs.
            existing = _existing(name, domain)
            if existing is None:
                raise
            return existing
        audit.record_event(
            action="entity.created", by=by, entity=entity, after={"name": name, "kind": kind}
        )
    return entity


def _existing(name: str, domain: str) -> Entity | None:
    found = entity_find(name)
    if found is None and domain:
        found = Entity.objects.filter(domain__iexact=domain).first()
    return found


def entity_add_alias(*, entity: Entity, alias: str, by: User | None) -> EntityAlias:
    _require(by, permissions.can_review, "edit entities")
    key = normalize_alias(alias)
    if not key:
        raise ValidationError({"alias": "An alias needs at least one letter."})
    with transaction.atomic(), service_writes():
        taken = EntityAlias.objects.filter(normalized=key).exclude(entity=entity).first()
        if taken is not None:
            raise ValidationError({"alias": f"“{alias}” already names {taken.entity}."})
        obj, _ = EntityAlias.objects.get_or_create(
            normalized=key, defaults={"entity": entity, "alias": alias}
        )
        audit.record_event(
            action="entity.alias_added", by=by, entity=entity, after={"alias": alias}
        )
    return obj
