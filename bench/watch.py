"""Benchmark of notifying watchers: what a verdict and a report's 500 new claims cost when the
desk has many watches, and the unread count a page's badge asks for.

Run from the repository root:

    .venv/bin/python bench/watch.py                              # a throwaway SQLite file
    .venv/bin/python bench/watch.py --database-url postgres://factdesk@127.0.0.1:5432/fd_bench_watch

The database is migrated (a PostgreSQL one must exist and be empty or a bench's own). The desk
gets ``--users`` users watching ``--claims`` claims: 3 subjects, 3 searches and 5 claims
each, and one in twenty also the speaker every claim names (so a report's claims reach many
users at once). Then, with the embedded ImmediateBackend: one verdict's fan-out (p50/p95 of
``--samples``), one report's fan-out of 500 new claims, and the unread count. Prints queries
per fan-out. Targets: a verdict's fan-out p95 <= 50 ms with a fixed number of queries
whatever the number of watches; 500 new claims <= 2 s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

WORDS = (  # noqa: SIM905 -- a list of words, read as one
    "wheat maize rice barley grain ships tonnes harbour ferry fares soldiers troops camp "
    "budget council flood farmland prices rents wages power outage voters survey hospital "
    "patients transplants bridge vehicles rainfall drought reservoir water exports imports"
).split()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default="")
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--claims", type=int, default=2000)
    parser.add_argument("--samples", type=int, default=50)
    args = parser.parse_args()
    tmp = tempfile.mkdtemp(prefix="bench-watch-")
    os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{tmp}/watch.sqlite3"
    os.environ["FACTDESK_VAR_DIR"] = tmp
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factdesk.settings")
    os.environ["TASKS_BACKEND"] = "django.tasks.backends.immediate.ImmediateBackend"
    os.environ.setdefault("LOG_LEVEL", "WARNING")

    import django

    django.setup()
    from decimal import Decimal

    from django.core.management import call_command
    from django.db import connection

    from claims import services
    from claims.management.commands.create_desk_user import set_up_user
    from claims.models import Claim, Entity
    from claims.models_watch import NotificationKind, Watch, WatchKind
    from claims.permissions import Role
    from claims.services import watch

    call_command("migrate", "--no-input", "-v", "0")
    from django.conf import settings

    settings.DEBUG = False  # no query log: it would grow with every write below
    print(f"database: {connection.vendor}; {args.users} users, {args.claims} claims")
    from django.contrib.auth.models import User

    set_up_user(username="bench-editor", role=Role.EDITOR, password="x" * 20, check_password=False)
    editor = User.objects.get(username="bench-editor")
    text = " ".join(
        f"Officials said {i + 1:,} {WORDS[i % len(WORDS)]} were counted in week {i}."
        for i in range(args.claims)
    )
    source = services.source_create(by=editor, text=text, title="Bench report", extract=False)
    src = source.source
    claims: list[Claim] = []
    start = 0
    for i in range(args.claims):
        quote = f"{i + 1:,} {WORDS[i % len(WORDS)]}"
        at = src.text.index(quote, start)
        start = at + len(quote)
        claims.append(
            services.claim_create(
                by=editor,
                source=src,
                start=at,
                end=at + len(quote),
                quote=quote,
                statement=f"{quote} were counted in the {WORDS[(i * 7) % len(WORDS)]} survey",
                quantity={
                    "value": Decimal(i + 1),
                    "unit_name": WORDS[i % len(WORDS)],
                    "subject": WORDS[i % len(WORDS)],
                },
                speaker="Officials",
                state="open",
            )
        )
    entity = Entity.objects.get(name="Officials")
    rows = []
    for u in range(args.users):
        set_up_user(username=f"w{u}", role=Role.REPORTER, password="x" * 20, check_password=False)
    users = list(User.objects.filter(username__startswith="w"))
    for n, user in enumerate(users):
        for k in range(3):
            word = WORDS[(n + k) % len(WORDS)]
            other = WORDS[(n * 3 + k) % len(WORDS)]
            rows.append(Watch(user=user, kind=WatchKind.SUBJECT, text=word, terms=word, key=word))
            terms = " ".join(sorted({word, other}))
            rows.append(
                Watch(
                    user=user,
                    kind=WatchKind.SEARCH,
                    text=f"{word} {other}",
                    terms=terms,
                    key=max(terms.split(), key=lambda w: (len(w), w)),
                )
            )
        if n % 20 == 0:
            rows.append(Watch(user=user, kind=WatchKind.ENTITY, entity=entity))
        for k in range(5):
            rows.append(
                Watch(user=user, kind=WatchKind.CLAIM, claim=claims[(n * 5 + k) % len(claims)])
            )
    Watch.objects.bulk_create(rows, batch_size=2000)
    print(f"watches: {Watch.objects.count():,}")

    def timed(touches: list[watch.Touch]) -> tuple[float, int, int]:
        count = [0]

        def counter(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
            count[0] += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counter):
            t0 = time.perf_counter()
            made = watch.fan_out(touches, actor_id=editor.pk)
            elapsed = (time.perf_counter() - t0) * 1000
        return elapsed, count[0], len(made)

    one = []
    queries_one = made_one = 0
    for i in range(args.samples):
        ms, queries_one, made_one = timed(
            [watch.Touch(NotificationKind.VERDICT, claims[(i * 37) % len(claims)].pk)]
        )
        one.append(ms)
    one.sort()
    p50 = statistics.median(one)
    p95 = one[int(0.95 * (len(one) - 1))]
    print(
        f"verdict fan-out: p50 {p50:.1f} ms, p95 {p95:.1f} ms, {queries_one} queries, "
        f"{made_one} notifications  (target p95 <= 50 ms) {'OK' if p95 <= 50 else 'MISSED'}"
    )
    batch = [watch.Touch(NotificationKind.MENTION, c.pk) for c in claims[:500]]
    ms, queries_many, made_many = timed(batch)
    print(
        f"500 new claims fan-out: {ms:.0f} ms, {queries_many} queries, {made_many:,} "
        f"notifications  (target <= 2000 ms) {'OK' if ms <= 2000 else 'MISSED'}"
    )
    counts = []
    for user in users[:50]:
        t0 = time.perf_counter()
        watch.unread_count(user)
        counts.append((time.perf_counter() - t0) * 1000)
    print(f"unread count: p50 {statistics.median(counts):.2f} ms")


if __name__ == "__main__":
    main()
