"""Watched feeds from the command line.

``feeds add URL [--name NAME] [--outlet NAME] [--page] [--every MINUTES]`` watches a feed (or,
with ``--page``, one page to re-check); ``feeds list`` shows every feed and how it stands;
``feeds poll`` polls the feeds that are due (``--all`` every active feed now, ``--feed ID`` one)
and prints each run; ``feeds poll --loop`` keeps polling every ``FEED_POLL_SECONDS`` until
stopped (the compose ``feeds`` service runs it; see README, "Watched feeds").
"""

from __future__ import annotations

import signal
import threading
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import close_old_connections

from claims.models_feeds import Feed, FeedKind, FeedRun
from claims.services import feeds


def describe(run: FeedRun) -> str:
    text = (
        f"{run.feed.name}: {run.get_status_display()}"
        f" ({run.items_seen} seen, {run.items_new} new, {run.items_refused} refused)"
    )
    if run.error:
        text += f": {run.error}"
    for refusal in run.refusals:
        text += f"\n  refused {refusal['url']}: {refusal['reason']}"
    return text


class Command(BaseCommand):
    help = "Add, list and poll watched feeds."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        add = sub.add_parser("add", help="Watch a feed (or a page, with --page)")
        add.add_argument("url")
        add.add_argument("--name", default="")
        add.add_argument("--outlet", default="")
        add.add_argument("--page", action="store_true", help="One page to re-check")
        add.add_argument("--every", type=int, default=60, help="Minutes between polls")
        sub.add_parser("list", help="Every feed and how it stands")
        poll = sub.add_parser("poll", help="Poll the feeds that are due")
        poll.add_argument("--all", action="store_true", help="Every active feed, due or not")
        poll.add_argument("--feed", type=int, default=None, help="One feed by id")
        poll.add_argument("--loop", action="store_true", help="Keep polling until stopped")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "add":
            try:
                feed = feeds.feed_add(
                    by=None,
                    url=options["url"],
                    name=options["name"],
                    kind=FeedKind.PAGE if options["page"] else FeedKind.FEED,
                    outlet=options["outlet"],
                    interval_minutes=options["every"],
                )
            except ValidationError as exc:
                raise CommandError(" ".join(exc.messages)) from None
            self.stdout.write(f"Watching {feed.name} ({feed.url}) as feed {feed.pk}.")
        elif action == "list":
            self._list()
        else:
            self._poll(options)

    def _list(self) -> None:
        rows = list(Feed.objects.select_related("outlet").order_by("name", "id"))
        if not rows:
            self.stdout.write("No feeds are watched.")
        for feed in rows:
            state = "paused" if not feed.active else ("FAILING" if feed.is_failing else "ok")
            when = f"{feed.next_poll_at:%Y-%m-%d %H:%M}" if feed.next_poll_at else "now"
            line = f"{feed.pk}\t{state}\t{feed.get_kind_display()}\t{feed.name}\t{feed.url}"
            line += f"\tnext poll {when}"
            if feed.last_error:
                line += f"\t{feed.consecutive_failures} failures: {feed.last_error}"
            self.stdout.write(line)

    def _poll_once(self, options: dict[str, Any]) -> int:
        if options["feed"] is not None:
            feed = Feed.objects.filter(pk=options["feed"]).first()
            if feed is None:
                raise CommandError(f"There is no feed {options['feed']}.")
            found = feeds.feed_poll(feed=feed, force=True)
            runs = [found] if found is not None else []
        elif options["all"]:
            runs = [
                run
                for feed in Feed.objects.filter(active=True).order_by("id")
                if (run := feeds.feed_poll(feed=feed, force=True)) is not None
            ]
        else:
            runs = feeds.feeds_poll_due()
        for run in runs:
            self.stdout.write(describe(run))
        return len(runs)

    def _poll(self, options: dict[str, Any]) -> None:
        if not options["loop"]:
            if not self._poll_once(options):
                self.stdout.write("No feed was due.")
            return
        stop = threading.Event()
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *_: stop.set())
        interval = max(1, int(settings.FEED_POLL_SECONDS))
        self.stdout.write(f"Polling due feeds every {interval} s (Ctrl-C stops).")
        while not stop.is_set():
            close_old_connections()
            try:
                self._poll_once(options)
            except Exception as exc:  # a database hiccup must not end the poller
                self.stderr.write(f"Polling failed: {exc!r}")
            stop.wait(interval)
