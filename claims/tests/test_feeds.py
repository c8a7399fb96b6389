"""Watched feeds against a real HTTP server on 127.0.0.1 (the ingest tests' server).

The feed and its articles are served as ``news.test`` (the fake resolver maps it to 127.0.0.1,
which the test-only setting treats as public); loopback itself stays refused, and the network
guard fails any test that tries to reach another address.
"""

# ruff: noqa: F401, F811 -- fixtures imported from claims.tests.ingest_desk are used as parameters

from __future__ import annotations

import io
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from claims.models import ClaimEvent, Source, SourceOrigin
from claims.models_feeds import Feed, FeedItem, FeedKind, FeedRun, RunStatus
from claims.services import feeds
from claims.tests.ingest.conftest import ROUTES, Handler
from claims.tests.ingest_desk import (
    CHANGING,
    DeskFetch,
    desk_fetch,
    http_server,
    network_guard,
    page,
    resolver,
    server,
)

# The feed the test server serves: its items and its ETag, changed by the tests.
FEED: dict[str, Any] = {}


def rss(items: list[tuple[str, str]]) -> bytes:
    entries = "".join(
        f"<item><title>{title}</title><link>{link}</link><guid>{link}</guid></item>"
        for title, link in items
    )
    return (
        "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
        f"<title>Valley Gazette</title><link>http://news.test/</link>{entries}"
        "</channel></rss>"
    ).encode()


def _feed(handler: Handler, query: dict[str, list[str]]) -> None:
    FEED["requests"] = FEED.get("requests", 0) + 1
    etag = FEED["etag"]
    if handler.headers.get("If-None-Match") == etag:
        FEED["not_modified"] = FEED.get("not_modified", 0) + 1
        handler.send_response(304)
        handler.send_header("ETag", etag)
        handler.send_header("Content-Length", "0")
        handler.send_header("Connection", "close")
        handler.end_headers()
        handler.close_connection = True
        return
    handler.send_body(200, rss(FEED["items"]), "application/rss+xml; charset=utf-8", ETag=etag)


def _article(number: int) -> Any:
    def serve(handler: Handler, query: dict[str, list[str]]) -> None:
        handler.send_body(
            200,
            page(
                f"Harbour report {number}",
                f"The harbour board said {number * 11} ships docked in week {number}, "
                f"and {number * 300} containers were unloaded.",
            ),
            "text/html; charset=utf-8",
        )

    return serve


ROUTES["/feeds/gazette.xml"] = _feed
ROUTES["/feeds/not-a-feed"] = lambda h, q: h.send_body(200, b"<html>hi</html>", "text/html")
for _n in range(1, 6):
    ROUTES[f"/feeds/article-{_n}"] = _article(_n)


@pytest.fixture
def gazette(desk_fetch: DeskFetch) -> DeskFetch:
    FEED.clear()
    FEED["etag"] = '"feed-v1"'
    FEED["items"] = [
        (f"Harbour report {n}", desk_fetch.url(f"/feeds/article-{n}")) for n in (1, 2, 3)
    ]
    return desk_fetch


def add_feed(editor: User, fetch: DeskFetch, path: str = "/feeds/gazette.xml", **kw: Any) -> Feed:
    return feeds.feed_add(by=editor, url=fetch.url(path), outlet="Valley Gazette", **kw)


def test_the_first_poll_brings_in_every_item_through_the_ingest_services(
    editor: User, gazette: DeskFetch, django_capture_on_commit_callbacks: Any
) -> None:
    feed = add_feed(editor, gazette)
    with django_capture_on_commit_callbacks(execute=True):
        run = feeds.feed_poll(feed=feed)
    assert run is not None
    assert (run.status, run.http_status) == (RunStatus.OK, 200)
    assert (run.items_seen, run.items_new, run.items_refused) == (3, 3, 0)
    sources = Source.objects.filter(origin=SourceOrigin.FEED).order_by("title")
    assert [s.title for s in sources] == [f"Harbour report {n}" for n in (1, 2, 3)]
    assert {s.outlet.name for s in sources if s.outlet} == {"Valley Gazette"}
    # the ingest services ran: history (named after the feed) and extraction
    created = ClaimEvent.objects.filter(action="source.created", source__in=sources)
    assert created.count() == 3
    assert {e.actor_label for e in created} == {f"feed:{feed.pk} {feed.name}"}
    assert all(s.mentions.exists() for s in sources)  # extracted after the commit
    feed.refresh_from_db()
    assert feed.etag == '"feed-v1"'
    assert feed.consecutive_failures == 0
    assert not feed.is_failing


def test_a_second_poll_with_the_same_etag_fetches_nothing(editor: User, gazette: DeskFetch) -> None:
    feed = add_feed(editor, gazette)
    feeds.feed_poll(feed=feed)
    requests_before = len(gazette.server.requests)
    run = feeds.feed_poll(feed=feed, force=True)
    assert run is not None
    assert (run.status, run.http_status) == (RunStatus.NOT_MODIFIED, 304)
    assert (run.items_seen, run.items_new) == (0, 0)
    assert FEED["not_modified"] == 1
    # one request (the feed, answered 304): no article was fetched again
    assert len(gazette.server.requests) == requests_before + 1
    assert gazette.server.requests[-1]["if-none-match"] == '"feed-v1"'
    assert Source.objects.filter(origin=SourceOrigin.FEED).count() == 3


def test_a_new_item_is_brought_in_once(editor: User, gazette: DeskFetch) -> None:
    feed = add_feed(editor, gazette)
    feeds.feed_poll(feed=feed)
    FEED["items"].insert(0, ("Harbour report 4", gazette.url("/feeds/article-4")))
    FEED["etag"] = '"feed-v2"'
    run = feeds.feed_poll(feed=feed, force=True)
    assert run is not None
    assert (run.items_seen, run.items_new, run.items_refused) == (4, 1, 0)
    fetched = [r["path"] for r in gazette.server.requests if r["path"].startswith("/feeds/art")]
    assert fetched.count("/feeds/article-4") == 1
    assert fetched.count("/feeds/article-1") == 1  # not fetched a second time
    FEED["etag"] = '"feed-v3"'  # the feed changed again, but not its items
    again = feeds.feed_poll(feed=feed, force=True)
    assert again is not None
    assert (again.items_seen, again.items_new) == (4, 0)
    assert Source.objects.filter(title="Harbour report 4").count() == 1
    assert FeedItem.objects.filter(feed=feed).count() == 4


def test_links_are_deduped_by_canonical_url(editor: User, gazette: DeskFetch) -> None:
    link = gazette.url("/feeds/article-5")
    FEED["items"] = [
        ("Five", link + "?utm_source=rss"),
        ("Five again", link + "#top"),
        ("Five", link),
    ]
    feed = add_feed(editor, gazette)
    run = feeds.feed_poll(feed=feed)
    assert run is not None
    assert (run.items_seen, run.items_new) == (1, 1)
    assert [r["path"] for r in gazette.server.requests].count("/feeds/article-5") == 1


def test_an_item_already_on_the_desk_is_not_fetched_again(
    editor: User, reporter: User, gazette: DeskFetch
) -> None:
    from claims import services

    services.ingest_url(url=gazette.url("/feeds/article-1"), by=reporter)
    gazette.server.requests.clear()
    feed = add_feed(editor, gazette)
    run = feeds.feed_poll(feed=feed)
    assert run is not None
    assert (run.items_seen, run.items_new) == (3, 2)
    assert "/feeds/article-1" not in [r["path"] for r in gazette.server.requests]


def test_a_feed_url_at_a_private_address_is_refused_with_the_reason(
    editor: User, gazette: DeskFetch
) -> None:
    with pytest.raises(ValidationError) as refused:
        feeds.feed_add(by=editor, url="http://10.1.2.3/feed.xml")
    assert "private network" in str(refused.value)
    gazette.resolver.add("intranet.test", ["192.168.4.20"])
    with pytest.raises(ValidationError) as named:
        feeds.feed_add(by=editor, url="http://intranet.test/feed.xml")
    assert "private network" in str(named.value)
    with pytest.raises(ValidationError, match="loopback"):
        feeds.feed_add(by=editor, url="http://127.0.0.2/feed.xml")
    assert not Feed.objects.exists()
    assert gazette.guard.connections == []  # refused before any packet


def test_a_feed_whose_name_moves_to_a_private_address_fails_with_the_reason(
    editor: User, gazette: DeskFetch
) -> None:
    gazette.resolver.add("moving.test", ["127.0.0.1"], ["10.0.0.7"])
    feed = feeds.feed_add(by=editor, url=gazette.url("/feeds/gazette.xml", host="moving.test"))
    run = feeds.feed_poll(feed=feed)
    assert run is not None
    assert run.status == RunStatus.FAILED
    assert run.error == "the address is on a private network"
    assert gazette.guard.connections == []
    feed.refresh_from_db()
    assert feed.consecutive_failures == 1
    assert feed.last_error == "the address is on a private network"


def test_an_item_pointing_at_a_private_address_is_refused_and_recorded(
    editor: User, gazette: DeskFetch
) -> None:
    FEED["items"].append(("Inside", "http://10.9.8.7/secret"))
    FEED["items"].append(("Not web", "ftp://news.test/file"))
    feed = add_feed(editor, gazette)
    run = feeds.feed_poll(feed=feed)
    assert run is not None
    assert (run.items_seen, run.items_new, run.items_refused) == (5, 3, 2)
    reasons = {r["url"]: r["reason"] for r in run.refusals}
    assert reasons["http://10.9.8.7/secret"] == "the address is on a private network"
    assert "http or https" in reasons["ftp://news.test/file"]
    assert all(host == "127.0.0.1" for host, _port in gazette.guard.connections)


def test_a_feed_that_fails_repeatedly_is_backed_off_and_shown_failing(
    editor: User, gazette: DeskFetch, settings: Any
) -> None:
    settings.FEED_FAILING_AFTER = 3
    feed = add_feed(editor, gazette, path="/feeds/not-a-feed", interval_minutes=10)
    waits = []
    for _ in range(3):
        run = feeds.feed_poll(feed=feed, force=True)
        assert run is not None and run.status == RunStatus.FAILED
        assert "not an RSS or Atom feed" in run.error
        feed.refresh_from_db()
        assert feed.next_poll_at is not None and feed.last_polled_at is not None
        waits.append(round((feed.next_poll_at - feed.last_polled_at).total_seconds() / 60))
    assert waits == [20, 40, 80]
    assert feed.is_failing
    assert feeds.feed_poll(feed=feed) is None  # not due yet: backed off
    assert FeedRun.objects.filter(feed=feed).count() == 3


def test_a_page_is_rechecked_conditionally_and_a_change_is_a_new_revision(
    editor: User, gazette: DeskFetch
) -> None:
    CHANGING["body"] = page("Ferry timetable", "The ferry runs 14 times a day in summer.")
    feed = feeds.feed_add(by=editor, url=gazette.url("/desk/changing"), kind=FeedKind.PAGE)
    first = feeds.feed_poll(feed=feed)
    assert first is not None and (first.items_seen, first.items_new) == (1, 1)
    same = feeds.feed_poll(feed=feed, force=True)
    assert same is not None and (same.status, same.items_new) == (RunStatus.OK, 0)
    CHANGING["body"] = page("Ferry timetable", "The ferry runs 9 times a day in summer.")
    changed = feeds.feed_poll(feed=feed, force=True)
    assert changed is not None and changed.items_new == 1
    revisions = Source.objects.filter(title="Ferry timetable").order_by("revision")
    assert [s.revision for s in revisions] == [1, 2]


def test_viewers_and_reporters_may_not_add_feeds(
    viewer: User, reporter: User, gazette: DeskFetch
) -> None:
    for who in (viewer, reporter):
        with pytest.raises(PermissionDenied):
            add_feed(who, gazette)
    assert not Feed.objects.exists()


def test_the_command_adds_lists_and_polls(editor: User, gazette: DeskFetch) -> None:
    out = io.StringIO()
    call_command("feeds", "add", gazette.url("/feeds/gazette.xml"), "--name", "Gazette", stdout=out)
    assert "Watching Gazette" in out.getvalue()
    out = io.StringIO()
    call_command("feeds", "poll", stdout=out)
    assert "Gazette: New items checked (3 seen, 3 new, 0 refused)" in out.getvalue()
    out = io.StringIO()
    call_command("feeds", "poll", stdout=out)
    assert "No feed was due." in out.getvalue()
    out = io.StringIO()
    call_command("feeds", "list", stdout=out)
    assert "\tok\t" in out.getvalue() and "Gazette" in out.getvalue()
    with pytest.raises(Exception, match="private network"):
        call_command("feeds", "add", "http://172.16.0.9/rss")
