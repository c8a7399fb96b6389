"""Watched feeds: RSS/Atom feeds and single pages, polled for new reports.

A poll fetches the feed through the ingest fetcher (``claims.ingest.fetch_feed``: the same
address checks, pinned connections, deadline and size limit as a report's URL) with its
validators (If-None-Match / If-Modified-Since), so an unchanged feed answers 304 and costs
nothing more. feedparser reads the bytes we fetched (never a URL: it would fetch by itself).
Each new link (by canonical URL: not seen by this feed, not already a report on the desk) is
brought in through :func:`claims.services.ingest_url`, so the history, revisions, extraction
and matching apply as for a report brought in by hand. A page feed re-checks one URL
conditionally and stores a new revision when its text changed.

Every poll is recorded (``FeedRun``: items seen, new, refused with reasons). A feed whose poll
fails waits twice as long after each failure in a row (up to ``FEED_MAX_BACKOFF_HOURS``) and
is shown as failing after ``FEED_FAILING_AFTER`` of them. Polls are claimed atomically
(``next_poll_at`` moves forward before the fetch), so two pollers never fetch one feed at once.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from claims import permissions
from claims.audit import audit_context
from claims.bidi import strip_bidi
from claims.ingest import FetchPolicy, FetchRefused, IngestError
from claims.ingest.fetch import fetch_feed, fetch_url
from claims.ingest.send import check_target
from claims.models import Channel, EntityKind, Source, SourceOrigin
from claims.models_feeds import Feed, FeedItem, FeedKind, FeedRun, RunStatus
from claims.services._base import ServiceError, _require, _user_or_none
from claims.services.entities import entity_resolve
from claims.services.ingest import fetch_policy, ingest_fetched, ingest_url

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    User = AbstractBaseUser | AnonymousUser

logger = logging.getLogger(__name__)

URL_MAX = 2000
MAX_REFUSALS = 50
LEASE = dt.timedelta(minutes=15)
_TRACKING_PARAMS = ("utm_", "fbclid", "gclid", "mc_cid", "mc_eid")


def canonical_link(url: str) -> str:
    """A link as the desk dedupes it: no fragment, lower-case scheme and host, no default
    port, no tracking parameters (utm_*, fbclid…). "" for anything that is not http(s)."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return ""
    scheme = parts.scheme.lower()
    if scheme not in {"http", "https"} or not parts.hostname:
        return ""
    host = parts.hostname.lower()
    if port is not None and port != (443 if scheme == "https" else 80):
        host = f"{host}:{port}"
    query = urlencode(
        [
            (k, v)
            for k, v in parse_qsl(parts.query, keep_blank_values=True)
            if not k.lower().startswith(_TRACKING_PARAMS)
        ]
    )
    return urlunsplit((scheme, host, parts.path or "/", query, ""))


# --- Adding and changing feeds --------------------------------------------------------------


def feed_add(
    *,
    by: User | None,
    url: str,
    name: str = "",
    kind: str = FeedKind.FEED,
    outlet: str = "",
    interval_minutes: int = 60,
    policy: FetchPolicy | None = None,
) -> Feed:
    """Watch a feed (or a single page). Editors only. The URL is checked now by the ingest
    address policy (a private or internal address is refused with the reason) and again at
    every poll, since a name's addresses can change."""
    _require(by, permissions.can_review, "add watched feeds")
    if kind not in FeedKind.values:
        raise ValidationError({"kind": f"Unknown kind of feed: {kind!r}."})
    if not 5 <= interval_minutes <= 7 * 24 * 60:
        raise ValidationError({"interval_minutes": "Poll every 5 minutes to 7 days."})
    url = url.strip()
    if len(url) > URL_MAX:
        raise ValidationError({"url": f"Factdesk keeps addresses of up to {URL_MAX:,} characters."})
    try:
        clean_url = check_target(url, policy=policy or fetch_policy())
    except FetchRefused as exc:
        raise ValidationError({"url": f"This address cannot be watched: {exc.reason}."}) from None
    if Feed.objects.filter(url=clean_url).exists():
        raise ValidationError({"url": "That address is already watched."})
    name = strip_bidi(name).strip()[:200] or (urlsplit(clean_url).hostname or clean_url)
    with transaction.atomic():
        outlet_entity = (
            entity_resolve(name=strip_bidi(outlet).strip(), by=by, kind=EntityKind.OUTLET)
            if outlet.strip()
            else None
        )
        return Feed.objects.create(
            name=name,
            url=clean_url,
            kind=kind,
            outlet=outlet_entity,
            interval_minutes=interval_minutes,
            next_poll_at=timezone.now(),
            created_by=_user_or_none(by),
        )


def feed_set_active(*, feed: Feed, by: User | None, active: bool) -> Feed:
    """Pause or resume a feed; resuming polls it at once and forgets its failures."""
    _require(by, permissions.can_review, "pause or resume watched feeds")
    with transaction.atomic():
        fresh = Feed.objects.select_for_update().get(pk=feed.pk)
        fresh.active = active
        fields = ["active"]
        if active:
            fresh.consecutive_failures = 0
            fresh.next_poll_at = timezone.now()
            fields += ["consecutive_failures", "next_poll_at"]
        fresh.save(update_fields=fields)
    return fresh


# --- Polling --------------------------------------------------------------------------------


def feeds_due(now: dt.datetime | None = None) -> QuerySet[Feed]:
    """Active feeds whose next poll is due (the ``feed_due_idx`` index)."""
    now = now or timezone.now()
    return Feed.objects.filter(
        Q(next_poll_at__lte=now) | Q(next_poll_at__isnull=True), active=True
    ).order_by("next_poll_at", "id")


def backoff(feed: Feed, failures: int) -> dt.timedelta:
    """How long a feed waits after ``failures`` failed polls in a row (0: its interval)."""
    base = dt.timedelta(minutes=feed.interval_minutes)
    longest = dt.timedelta(hours=int(settings.FEED_MAX_BACKOFF_HOURS))
    return min(base * (2 ** min(failures, 16)), max(base, longest))


def _claim(feed: Feed, now: dt.datetime, force: bool) -> bool:
    """Take the feed for this poll (move its next poll past the lease); False if another
    poller has it or it is not due."""
    qs = Feed.objects.filter(pk=feed.pk, active=True)
    if not force:
        qs = qs.filter(Q(next_poll_at__lte=now) | Q(next_poll_at__isnull=True))
    return bool(qs.update(next_poll_at=now + LEASE))


@dataclass
class _Tally:
    seen: int = 0
    new: int = 0
    refusals: list[dict[str, str]] = field(default_factory=list)

    def refuse(self, url: str, reason: str) -> None:
        self.refusals.append({"url": url[:URL_MAX], "reason": reason[:500]})


def entry_links(body: bytes, *, url: str, content_type: str) -> list[str]:
    """The canonical links of a feed's items, in the feed's order, without repeats.

    Raises FetchRefused when the bytes are not a feed feedparser can read.
    """
    import feedparser

    parsed: Any = feedparser.parse(
        io.BytesIO(body),
        response_headers={"content-location": url, "content-type": content_type or "text/xml"},
        sanitize_html=False,
        resolve_relative_uris=False,
    )
    if not parsed.entries and (parsed.bozo or not parsed.get("version")):
        problem = str(parsed.get("bozo_exception", "") or "no items and no feed format")
        raise FetchRefused(f"the address did not give an RSS or Atom feed ({problem[:200]})")
    links: list[str] = []
    for entry in parsed.entries:
        raw = entry.get("link") or ""
        if not raw:
            ident = entry.get("id") or ""
            raw = ident if ident.startswith(("http://", "https://")) else ""
        link = canonical_link(str(raw))
        if not link and raw:
            link = str(raw)[:URL_MAX]  # kept so the run can say why it was refused
        if link and link not in links:
            links.append(link)
    return links


def _poll_feed(feed: Feed, tally: _Tally, policy: FetchPolicy) -> tuple[int, Any]:
    fetched = fetch_feed(
        feed.url, policy=policy, etag=feed.etag or None, last_modified=feed.last_modified or None
    )
    if fetched.not_modified:
        return 304, fetched
    links = entry_links(fetched.body, url=fetched.final_url, content_type=fetched.content_type)
    tally.seen = len(links)
    known = set(FeedItem.objects.filter(feed=feed, url__in=links).values_list("url", flat=True))
    fresh = [link for link in links if link not in known]
    on_desk = dict(
        Source.objects.filter(url__in=fresh).order_by("url", "-revision").values_list("url", "id")
    )
    outlet = feed.outlet.name if feed.outlet_id and feed.outlet else None
    budget = int(settings.FEED_MAX_NEW_ITEMS)
    for link in fresh:
        if link in on_desk:
            known_source = {"source_id": on_desk[link]}
            FeedItem.objects.get_or_create(feed=feed, url=link, defaults=known_source)
            continue
        if budget <= 0:
            break  # the rest wait for the next poll (no FeedItem row yet)
        budget -= 1
        if not canonical_link(link):
            reason = "the link is not an http or https address"
            tally.refuse(link, reason)
            FeedItem.objects.get_or_create(feed=feed, url=link, defaults={"refused": reason})
            continue
        try:
            result = ingest_url(url=link, by=None, outlet=outlet, origin=SourceOrigin.FEED)
        except (IngestError, ValidationError) as exc:
            reason = exc.reason if isinstance(exc, IngestError) else "; ".join(exc.messages)
            tally.refuse(link, reason)
            FeedItem.objects.get_or_create(feed=feed, url=link, defaults={"refused": reason[:500]})
            continue
        if result.created:
            tally.new += 1
        FeedItem.objects.get_or_create(feed=feed, url=link, defaults={"source": result.source})
    return fetched.status, fetched


def _poll_page(feed: Feed, tally: _Tally, policy: FetchPolicy) -> tuple[int, Any]:
    fetched = fetch_url(
        feed.url, policy=policy, etag=feed.etag or None, last_modified=feed.last_modified or None
    )
    if fetched.status == 304:
        return 304, fetched
    tally.seen = 1
    outlet = feed.outlet.name if feed.outlet_id and feed.outlet else None
    try:
        result = ingest_fetched(fetched=fetched, by=None, outlet=outlet, origin=SourceOrigin.FEED)
    except ValidationError as exc:
        raise IngestError("; ".join(exc.messages)) from None
    if result.created:
        tally.new += 1
    return fetched.status, fetched


def feed_poll(
    *, feed: Feed, force: bool = False, policy: FetchPolicy | None = None
) -> FeedRun | None:
    """Poll one feed now (if it is due, or ``force``); record and return the run.

    None when another poller holds the feed or it is not due. Reports are brought in by the
    system (the history names the feed), never by the editor who added it.
    """
    now = timezone.now()
    if not _claim(feed, now, force):
        return None
    feed = Feed.objects.select_related("outlet").get(pk=feed.pk)
    policy = policy or fetch_policy()
    tally = _Tally()
    run = FeedRun(feed=feed, started_at=now, status=RunStatus.OK)
    label = f"feed:{feed.pk} {feed.name}"[:150]
    try:
        with audit_context(channel=Channel.TASK, label=label):
            poll = _poll_page if feed.kind == FeedKind.PAGE else _poll_feed
            status, fetched = poll(feed, tally, policy)
    except IngestError as exc:
        run.status = RunStatus.FAILED
        run.error = exc.reason[:500]
        failures = feed.consecutive_failures + 1
        Feed.objects.filter(pk=feed.pk).update(
            consecutive_failures=failures,
            last_error=run.error,
            last_polled_at=now,
            next_poll_at=now + backoff(feed, failures),
        )
    else:
        run.http_status = status
        if status == 304:
            run.status = RunStatus.NOT_MODIFIED
        Feed.objects.filter(pk=feed.pk).update(
            consecutive_failures=0,
            last_error="",
            last_polled_at=now,
            last_ok_at=now,
            next_poll_at=now + backoff(feed, 0),
            etag=(fetched.etag or "")[:500],
            last_modified=(fetched.last_modified or "")[:100],
        )
    run.items_seen = tally.seen
    run.items_new = tally.new
    run.items_refused = len(tally.refusals)
    run.refusals = tally.refusals[:MAX_REFUSALS]
    run.finished_at = timezone.now()
    run.save()
    logger.info(
        "Polled feed %s: %s, %d seen, %d new, %d refused",
        feed.pk,
        run.status,
        run.items_seen,
        run.items_new,
        run.items_refused,
    )
    return run


def feeds_poll_due(*, limit: int = 100) -> list[FeedRun]:
    """Poll every due feed (at most ``limit``), one after another; the runs made."""
    runs = []
    for feed in list(feeds_due()[:limit]):
        try:
            run = feed_poll(feed=feed)
        except Exception:  # one broken feed must not stop the others
            logger.exception("Polling feed %s failed", feed.pk)
            continue
        if run is not None:
            runs.append(run)
    return runs


def feed_get(*, feed_id: int) -> Feed:
    feed = Feed.objects.filter(pk=feed_id).first()
    if feed is None:
        raise ServiceError(f"There is no feed {feed_id}.")
    return feed
