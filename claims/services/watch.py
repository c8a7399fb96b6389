"""Watchlists, notifications and signed webhooks.

A user watches a claim, a subject, an entity (a speaker, relayer or outlet) or a search. The
services that write a new mention (a new claim from a report), a conflict suggestion or a
verdict call :func:`notify` inside their transaction; the fan-out runs after the commit
(``transaction.on_commit``), so a rolled-back write notifies nobody, and a failing fan-out
never undoes the write. The fan-out costs a fixed handful of indexed queries whatever the
number of claims, watches or users:

* claim watches by ``claim_id``; entity watches by ``entity_id`` (the claims' speakers,
  relayers and outlets, from one query on their mentions);
* subject and search watches by ``(kind, key)``, where ``key`` is the watch's longest word:
  the lookup uses the touched claims' lemmatised words, and a watch matches when all its
  words are among the claim's (subject: the subject's words; search: those of the
  statement, subject, place, unit, first quote and report title, the fields the desk's
  search reads, lemmatised rather than stemmed);
* the recipients' roles, so a viewer is never told about a candidate or a rejected claim;
  the actor is not told about their own change.

Each user gets one notification per claim and event, and each of their active webhooks one
delivery: a JSON body signed with HMAC-SHA256 over ``timestamp + "." + body``
(``X-Factdesk-Signature: sha256=…``, ``X-Factdesk-Timestamp``), POSTed by the task worker
through the ingest fetcher's address checks (:mod:`claims.ingest.send`), retried with
exponential backoff. Secrets are kept encrypted (a key derived from ``SECRET_KEY``) so the
worker can sign; the owner sees a secret once, when the webhook is made.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import json
import logging
import secrets
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from claims import permissions
from claims.bidi import strip_bidi
from claims.ingest import FetchRefused, addresses
from claims.ingest.send import check_target, post
from claims.matching.normalize import terms as lemmatised_terms
from claims.models import Claim, Entity, Mention
from claims.models_watch import (
    DeliveryStatus,
    Notification,
    NotificationKind,
    Watch,
    WatchKind,
    Webhook,
    WebhookDelivery,
)
from claims.querysets import viewer_claim_states
from claims.services._base import _require

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    User = AbstractBaseUser | AnonymousUser

logger = logging.getLogger(__name__)

SIGNATURE_HEADER = "X-Factdesk-Signature"
TIMESTAMP_HEADER = "X-Factdesk-Timestamp"
DELIVERY_HEADER = "X-Factdesk-Delivery"
WATCH_TEXT_MAX = 200
# Refusals that no retry can cure: the address itself is not allowed.
_ADDRESS_REFUSALS = frozenset(
    {
        addresses.PRIVATE_NETWORK,
        addresses.LOOPBACK,
        addresses.LINK_LOCAL,
        addresses.UNSPECIFIED,
        addresses.MULTICAST,
        addresses.SHARED,
        addresses.RESERVED,
    }
)


# --- Watches ---------------------------------------------------------------------------------


def _may_watch(by: User | None) -> int:
    """The user's id, if they may watch (any desk role)."""
    if by is None or not by.is_authenticated or by.pk is None:
        raise PermissionDenied("Log in to watch.")
    _require(by, permissions.can_view_desk, "watch the desk")
    return int(by.pk)


def watch_claim(*, by: User | None, claim: Claim) -> Watch:
    """Watch one claim (one the user may read). Watching it again returns the same watch."""
    uid = _may_watch(by)
    assert by is not None  # noqa: S101 -- checked above
    if not Claim.objects.visible_to(by).filter(pk=claim.pk).exists():
        raise PermissionDenied("You cannot read that claim.")
    watch, _ = Watch.objects.get_or_create(user_id=uid, kind=WatchKind.CLAIM, claim=claim)
    return watch


def watch_entity(*, by: User | None, entity: Entity) -> Watch:
    """Watch a speaker, relayer or outlet: new mentions by it, verdicts and conflicts on them."""
    uid = _may_watch(by)
    assert by is not None  # noqa: S101
    watch, _ = Watch.objects.get_or_create(user_id=uid, kind=WatchKind.ENTITY, entity=entity)
    return watch


def watch_words(*, by: User | None, kind: str, text: str) -> Watch:
    """Watch a subject ("wheat exports") or a search ("grain corridor ships")."""
    uid = _may_watch(by)
    assert by is not None  # noqa: S101
    if kind not in (WatchKind.SUBJECT, WatchKind.SEARCH):
        raise ValidationError({"kind": f"Unknown kind of watch: {kind!r}."})
    text = " ".join(strip_bidi(text).split())[:WATCH_TEXT_MAX]
    words = sorted(lemmatised_terms(text))
    if not words:
        raise ValidationError(
            {"text": "Give at least one word to watch (numbers and words like “the” do not count)."}
        )
    key = max(words, key=lambda w: (len(w), w))[:100]
    watch, _ = Watch.objects.get_or_create(
        user_id=uid,
        kind=kind,
        terms=" ".join(words)[:400],
        defaults={"text": text, "key": key},
    )
    return watch


def watch_remove(*, by: User | None, watch: Watch) -> None:
    if by is None or watch.user_id != by.pk:
        raise PermissionDenied("That watch is not yours.")
    watch.delete()


def watches_of(user: Any) -> list[Watch]:
    return list(
        Watch.objects.filter(user_id=user.pk)
        .select_related("claim", "entity")
        .order_by("-created_at", "-id")
    )


# --- Notifying -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Touch:
    """Something that happened to a claim: ``kind`` is a NotificationKind."""

    kind: str
    claim_id: int
    other_id: int | None = None
    what: str = ""


def notify(touches: Iterable[Touch], *, by: User | None = None) -> None:
    """Tell the watchers of these claims, once the current transaction commits."""
    pending = list(touches)
    if not pending:
        return
    actor_id = by.pk if by is not None and by.is_authenticated else None
    transaction.on_commit(lambda: _fan_out_safely(pending, actor_id))


def _fan_out_safely(touches: list[Touch], actor_id: int | None) -> None:
    try:
        fan_out(touches, actor_id=actor_id)
    except Exception:  # the write is committed; a failed notification must not undo it
        logger.exception("Notifying watchers failed for %d touches", len(touches))


def _roles(user_ids: Iterable[int]) -> dict[int, permissions.Role]:
    """Each active user's role: two queries, whatever the number of users."""
    user_model: Any = get_user_model()
    ids = list(user_ids)
    if not ids:
        return {}
    flags = dict(
        user_model.objects.filter(pk__in=ids, is_active=True).values_list("id", "is_superuser")
    )
    roles: dict[int, permissions.Role] = {
        uid: permissions.Role.ADMIN if superuser else permissions.Role.NONE
        for uid, superuser in flags.items()
    }
    memberships = user_model.groups.through.objects.filter(user_id__in=list(flags))
    for uid, name in memberships.values_list("user_id", "group__name"):
        role = permissions.ROLE_GROUPS.get(name)
        if role is not None and role > roles[uid]:
            roles[uid] = role
    return roles


def _words(value: str) -> set[str]:
    return set(value.split())


def _claim_words(kind: str, claim: Claim) -> set[str]:
    """A claim's words as a watch of this kind reads them: a subject watch its subject's; a
    search watch those of its statement, subject, place, unit, first quote and report title
    (the fields the desk's search reads), lemmatised as the matching engine does."""
    if kind == WatchKind.SUBJECT:
        return _words(claim.subject_terms)
    return _words(claim.match_terms) | set(lemmatised_terms(claim.search_extra))


def _watches_by_key(kind: str, keys: list[str], chunk: int = 900) -> Iterator[Watch]:
    """Watches of this kind whose key is one of ``keys`` (``watch_key_idx``), a few hundred
    keys a query (SQLite's limit on parameters)."""
    for at in range(0, len(keys), chunk):
        yield from Watch.objects.filter(kind=kind, key__in=keys[at : at + chunk])


def _matching_watches(claims: dict[int, Claim]) -> dict[int, list[Watch]]:
    """Watches that cover each claim, found by indexed lookups only."""
    ids = list(claims)
    found: dict[int, list[Watch]] = defaultdict(list)
    for watch in Watch.objects.filter(kind=WatchKind.CLAIM, claim_id__in=ids):
        found[watch.claim_id].append(watch)  # type: ignore[index]
    # Entities: each claim's speakers, relayers and outlets.
    entities: dict[int, set[int]] = defaultdict(set)
    rows = Mention.objects.filter(claim_id__in=ids).values_list(
        "claim_id", "speaker_id", "via_id", "source__outlet_id"
    )
    for claim_id, *named in rows:
        entities[claim_id].update(e for e in named if e is not None)
    wanted = set().union(*entities.values()) if entities else set()
    if wanted:
        by_entity: dict[int, list[Watch]] = defaultdict(list)
        entity_watches = Watch.objects.filter(kind=WatchKind.ENTITY, entity_id__in=wanted)
        for watch in entity_watches.select_related("entity"):
            by_entity[watch.entity_id].append(watch)  # type: ignore[index]
        for claim_id, named_ids in entities.items():
            for entity_id in named_ids:
                found[claim_id].extend(by_entity.get(entity_id, []))
    # Subjects and searches: by their key word among the claims' words.
    for kind in (WatchKind.SUBJECT, WatchKind.SEARCH):
        claim_words = {pk: _claim_words(kind, c) for pk, c in claims.items()}
        with_word: dict[str, list[int]] = defaultdict(list)
        for pk, words in claim_words.items():
            for word in words:
                with_word[word].append(pk)
        if not with_word:
            continue
        for watch in _watches_by_key(kind, list(with_word)):
            needed = _words(watch.terms)
            for pk in with_word.get(watch.key, ()):
                if needed <= claim_words[pk]:
                    found[pk].append(watch)
    return found


def _claim_json(claim: Claim | None) -> dict[str, Any] | None:
    if claim is None:
        return None
    path = reverse("claims:detail", args=[claim.pk])
    base = str(getattr(settings, "DESK_PUBLIC_URL", "") or "").rstrip("/")
    return {
        "id": claim.pk,
        "statement": claim.statement,
        "state": claim.state,
        "verdict": claim.verdict,
        "url": base + path if base else path,
    }


def _sentence(touch: Touch, claim: Claim, watch: Watch) -> str:
    label = NotificationKind(touch.kind).label
    what = f" ({touch.what})" if touch.what else ""
    return (
        f"{label}{what} on claim #{claim.pk}, which you watch as {watch.describe()}: "
        + (claim.statement[:300])
    )


def fan_out(touches: Sequence[Touch], *, actor_id: int | None = None) -> list[Notification]:
    """Write the notifications (and webhook deliveries) for these touches; see the module."""
    ids = {t.claim_id for t in touches} | {t.other_id for t in touches if t.other_id}
    claims = {
        c.pk: c
        for c in Claim.objects.filter(pk__in=ids).only(
            "id",
            "statement",
            "state",
            "verdict",
            "merged_into",
            "subject_terms",
            "match_terms",
            "search_extra",
        )
    }
    touched_ids = {t.claim_id for t in touches}
    touched = {pk: c for pk, c in claims.items() if pk in touched_ids}
    watches = _matching_watches(touched)
    user_ids = {w.user_id for ws in watches.values() for w in ws} - {actor_id}
    roles = _roles(user_ids)
    viewer_states = set(viewer_claim_states())

    def may_read(uid: int, claim: Claim | None) -> bool:
        role = roles.get(uid, permissions.Role.NONE)
        if role < permissions.Role.VIEWER or claim is None:
            return False
        return role >= permissions.Role.REPORTER or claim.state in viewer_states

    rows: list[Notification] = []
    seen: set[tuple[int, str, int, int | None]] = set()
    for touch in touches:
        claim = claims.get(touch.claim_id)
        if claim is None or claim.merged_into_id is not None:
            continue
        other = claims.get(touch.other_id) if touch.other_id else None
        for watch in watches.get(claim.pk, []):
            uid = watch.user_id
            key = (uid, touch.kind, claim.pk, touch.other_id)
            if uid == actor_id or key in seen or not may_read(uid, claim):
                continue
            if touch.other_id and not may_read(uid, other):
                continue
            seen.add(key)
            rows.append(
                Notification(
                    user_id=uid,
                    kind=touch.kind,
                    claim=claim,
                    other_claim=other,
                    watch=watch,
                    text=_sentence(touch, claim, watch)[:500],
                )
            )
    if not rows:
        return []
    with transaction.atomic():
        made = Notification.objects.bulk_create(rows)
        if connection_returns_ids(made):
            _queue_deliveries(made)
    return made


def connection_returns_ids(rows: Sequence[Notification]) -> bool:
    """bulk_create sets primary keys on PostgreSQL and SQLite ≥ 3.35 (both supported)."""
    return all(row.pk is not None for row in rows)


def _payload(note: Notification) -> dict[str, Any]:
    watch = note.watch
    return {
        "id": note.pk,
        "event": note.kind,
        "created_at": (note.created_at or timezone.now()).isoformat(),
        "text": note.text,
        "claim": _claim_json(note.claim),
        "other_claim": _claim_json(note.other_claim),
        "watch": {"kind": watch.kind, "what": watch.describe()} if watch else None,
    }


def _queue_deliveries(notes: Sequence[Notification]) -> None:
    by_user: dict[int, list[Notification]] = defaultdict(list)
    for note in notes:
        by_user[note.user_id].append(note)
    hooks = list(Webhook.objects.filter(user_id__in=list(by_user), active=True))
    if not hooks:
        return
    now = timezone.now()
    deliveries = [
        WebhookDelivery(
            webhook=hook,
            notification=note,
            payload=json.dumps(_payload(note), ensure_ascii=False, sort_keys=True),
            next_attempt_at=now,
        )
        for hook in hooks
        for note in by_user.get(hook.user_id, [])
    ]
    made = WebhookDelivery.objects.bulk_create(deliveries)
    ids = [d.pk for d in made if d.pk is not None]

    def enqueue_all() -> None:
        for pk in ids:
            _enqueue_delivery(pk)

    transaction.on_commit(enqueue_all)


# --- Reading notifications --------------------------------------------------------------------


def unread_count(user: Any) -> int:
    """The unread count (the ``notification_unread_idx`` partial index)."""
    return Notification.objects.filter(user_id=user.pk, read_at__isnull=True).count()


def notifications_mark_read(*, by: User | None, ids: Sequence[int] | None = None) -> int:
    """Mark the user's notifications read: these ids, or all of them. Returns how many."""
    uid = _may_watch(by)
    qs = Notification.objects.filter(user_id=uid, read_at__isnull=True)
    if ids is not None:
        qs = qs.filter(pk__in=list(ids))
    return qs.update(read_at=timezone.now())


# --- Webhooks ---------------------------------------------------------------------------------


def _fernet() -> Any:
    from cryptography.fernet import Fernet

    digest = hashlib.sha256(b"factdesk webhook secrets\x00" + settings.SECRET_KEY.encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def webhook_secret(webhook: Webhook) -> str:
    return str(_fernet().decrypt(webhook.secret_encrypted.encode()).decode())


def sign(secret: str, timestamp: str, body: bytes) -> str:
    """The signature header's value: ``sha256=`` + HMAC-SHA256(secret, timestamp "." body)."""
    mac = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return "sha256=" + mac.hexdigest()


def webhook_create(*, by: User | None, name: str, url: str) -> tuple[Webhook, str]:
    """A webhook for the user's notifications; returns it with its secret (shown once).

    The URL is checked by the ingest address policy now (and again at every delivery): a
    private, loopback, link-local or other internal address is refused with the reason.
    """
    uid = _may_watch(by)
    assert by is not None  # noqa: S101
    from claims.services.ingest import fetch_policy

    name = " ".join(strip_bidi(name).split())[:60]
    if not name:
        raise ValidationError({"name": "Name the webhook."})
    try:
        clean_url = check_target(url.strip(), policy=fetch_policy())
    except FetchRefused as exc:
        reason = f"This address cannot receive webhooks: {exc.reason}."
        raise ValidationError({"url": reason}) from None
    if Webhook.objects.filter(user_id=uid, name=name).exists():
        raise ValidationError({"name": "You already have a webhook with that name."})
    secret = "whsec_" + secrets.token_urlsafe(32)
    hook = Webhook.objects.create(
        user_id=uid,
        name=name,
        url=clean_url,
        secret_encrypted=_fernet().encrypt(secret.encode()).decode(),
        secret_prefix=secret[:12],
    )
    return hook, secret


def webhook_set_active(*, by: User | None, webhook: Webhook, active: bool) -> Webhook:
    if by is None or webhook.user_id != by.pk:
        raise PermissionDenied("That webhook is not yours.")
    webhook.active = active
    webhook.save(update_fields=["active"])
    return webhook


def webhook_delete(*, by: User | None, webhook: Webhook) -> None:
    if by is None or webhook.user_id != by.pk:
        raise PermissionDenied("That webhook is not yours.")
    webhook.delete()


def _delivery_backend() -> str:
    """The queue that sends webhooks: never inside a web request. With the embedded default
    (ImmediateBackend) that is the "background" database queue ``make run``'s worker drains."""
    from django.tasks import task_backends
    from django.tasks.backends.immediate import ImmediateBackend

    return "background" if isinstance(task_backends["default"], ImmediateBackend) else "default"


def _enqueue_delivery(delivery_id: int, run_after: dt.datetime | None = None) -> None:
    from django.tasks import task_backends

    from claims.tasks import deliver_webhook

    backend = _delivery_backend()
    task = deliver_webhook.using(backend=backend)
    if run_after is not None and task_backends[backend].supports_defer:
        task = task.using(run_after=run_after)
    task.enqueue(delivery_id)


def retry_delay(attempts: int) -> dt.timedelta:
    """The wait before the next try after ``attempts`` tries: base, 2×, 4×… (at most a day)."""
    seconds = int(settings.WEBHOOK_RETRY_SECONDS) * 2 ** max(0, attempts - 1)
    return dt.timedelta(seconds=min(seconds, 86_400))


def webhook_attempt(*, delivery_id: int) -> WebhookDelivery | None:
    """Try one delivery once (the task's body): sign, POST, log; schedule a retry on failure.

    Safe to run twice at once: the try is claimed by bumping ``attempts`` conditionally.
    """
    from claims.services.ingest import fetch_policy

    delivery = WebhookDelivery.objects.select_related("webhook").filter(pk=delivery_id).first()
    if delivery is None or delivery.status not in (DeliveryStatus.PENDING, DeliveryStatus.RETRYING):
        return delivery
    now = timezone.now()
    won = WebhookDelivery.objects.filter(
        pk=delivery.pk,
        attempts=delivery.attempts,
        status__in=[DeliveryStatus.PENDING, DeliveryStatus.RETRYING],
    ).update(attempts=F("attempts") + 1, last_attempt_at=now)
    if not won:
        return delivery
    delivery.attempts += 1
    delivery.last_attempt_at = now
    hook = delivery.webhook
    error = ""
    give_up = False
    status_code: int | None = None
    if not hook.active:
        error, give_up = "the webhook is turned off", True
    else:
        body = delivery.payload.encode()
        stamp = str(int(time.time()))
        headers = {
            "Content-Type": "application/json",
            TIMESTAMP_HEADER: stamp,
            SIGNATURE_HEADER: sign(webhook_secret(hook), stamp, body),
            DELIVERY_HEADER: str(delivery.pk),
        }
        try:
            sent = post(hook.url, body=body, headers=headers, policy=fetch_policy())
        except FetchRefused as exc:
            error = exc.reason
            give_up = exc.reason in _ADDRESS_REFUSALS
        else:
            status_code = sent.status
            if not sent.ok:
                error = f"the receiver answered {sent.status} {sent.reason}".strip()
    delivery.response_status = status_code
    delivery.last_error = error[:500]
    if not error:
        delivery.status = DeliveryStatus.DELIVERED
        delivery.delivered_at = timezone.now()
        delivery.next_attempt_at = None
    elif give_up or delivery.attempts >= int(settings.WEBHOOK_MAX_ATTEMPTS):
        delivery.status = DeliveryStatus.FAILED
        delivery.next_attempt_at = None
    else:
        delivery.status = DeliveryStatus.RETRYING
        delivery.next_attempt_at = timezone.now() + retry_delay(delivery.attempts)
    delivery.save(
        update_fields=[
            "status",
            "response_status",
            "last_error",
            "delivered_at",
            "next_attempt_at",
        ]
    )
    if delivery.status == DeliveryStatus.RETRYING:
        when = delivery.next_attempt_at
        pk = delivery.pk
        transaction.on_commit(lambda: _enqueue_delivery(pk, run_after=when))
    return delivery


def deliveries_of(user: Any, limit: int = 50) -> list[WebhookDelivery]:
    return list(
        WebhookDelivery.objects.filter(webhook__user_id=user.pk)
        .select_related("webhook")
        .defer("payload")
        .order_by("-id")[:limit]
    )
