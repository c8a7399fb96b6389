"""A figure's history, queue-row suggestion counts and the near-copy check, timed.

Run from the repository root (PostgreSQL; the database is made anew and migrated):

    .venv/bin/python bench/history.py \
        --database-url postgres://factdesk@127.0.0.1:5432/fd_history_bench [--figures 300] \
        [--samples 20]

Builds, through the services, one figure reported ``--figures`` times (war-risk premiums in
as many reports, each joined to the others by the matching engine's suggestions and by
evidence links, as an editor would leave them) and an outlet with 40 recent reports. Then
times, as an editor through Django's test client (DEBUG off, whole middleware stack): the
figure's history page by report date and by as-of date, the queue with its suggestion
counts, and ``near_copy_of`` (a new report against the outlet's 40 latest) alone. Prints
p50/p95 and the queries of each.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import secrets
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def setup(database_url: str, *, anew: bool = True) -> None:
    import psycopg

    name = database_url.rsplit("/", 1)[1]
    admin = database_url.rsplit("/", 1)[0] + "/postgres"
    if anew:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factdesk.settings")
    os.environ.setdefault("FACTDESK_PLAIN_STATIC", "1")
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ["DEBUG"] = "0"
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def build(figures: int) -> dict[str, Any]:
    from django.contrib.auth.models import User

    from claims import services
    from claims.management.commands.create_desk_user import set_up_user
    from claims.models import Claim, Relation
    from claims.permissions import Role

    set_up_user(username="bench-editor", role=Role.EDITOR, password="x" * 20, check_password=False)
    editor = User.objects.get(username="bench-editor")
    start = dt.date(2025, 1, 1)
    claims: list[Claim] = []
    for n in range(figures):
        figure = 40_000 + 37 * n
        quote = f"US${figure:,}"
        text = (
            f"Note {n}: underwriters quoted war-risk premiums of {quote} for every voyage, "
            f"shipping agents said in their weekly market letter."
        )
        day = start + dt.timedelta(days=n)
        source = services.source_create(
            by=editor,
            text=text,
            title=f"Market letter {n}",
            outlet=f"Agency {n % 7}",
            published_at=dt.datetime.combine(day, dt.time(9), tzinfo=dt.UTC),
            extract=False,
        ).source
        at = text.index(quote)
        claim = services.claim_create(
            by=editor,
            source=source,
            start=at,
            end=at + len(quote),
            quote=quote,
            statement=f"Premiums were {quote} per voyage.",
            quantity={
                "value": figure,
                "unit": "USD",
                "unit_name": "dollar",
                "currency": "USD",
                "per": "voyage",
                "dimension": "rate",
                "as_of": f"{day:%B %Y}",
            },
        )
        services.matches_for_claims(claims=[claim])
        if claims:
            services.evidence_link(
                claim=claim, by=editor, relation=Relation.CORROBORATES, target_claim=claims[-1]
            )
        claims.append(claim)
    paragraphs = [
        f"Paragraph {i} of the harbour report says the quays handled cargo as usual today."
        for i in range(12)
    ]
    for n in range(40):
        services.source_create(
            by=editor,
            text="\n\n".join([f"Harbour bulletin {n}, item {n * 13}.", *paragraphs[n % 3 :]])
            + f"\n\nClosing line {n} with its own words for bulletin number {n}.",
            title=f"Bulletin {n}",
            outlet="Harbour Bulletin",
            extract=False,
        )
    return {"editor": editor, "claims": claims}


def timed(client: Any, url: str, samples: int) -> tuple[float, float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url, secure=True)
    walls = []
    queries = 0
    for _ in range(samples):
        with CaptureQueriesContext(connection) as ctx:
            began = time.perf_counter()
            response = client.get(url, secure=True)
            walls.append((time.perf_counter() - began) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        queries = max(queries, len(ctx.captured_queries))
    cuts = statistics.quantiles(walls, n=100, method="inclusive")
    return cuts[49], cuts[94], queries


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--figures", type=int, default=300)
    parser.add_argument("--samples", type=int, default=20)
    parser.add_argument("--reuse", action="store_true", help="time the desk built last time")
    args = parser.parse_args()
    setup(args.database_url, anew=not args.reuse)
    from django.contrib.auth.models import User
    from django.db import connection

    from claims.models import Claim

    if args.reuse:
        claims = list(Claim.objects.filter(statement__startswith="Premiums were").order_by("pk"))
        desk: dict[str, Any] = {
            "editor": User.objects.get(username="bench-editor"),
            "claims": claims,
        }
    else:
        began = time.perf_counter()
        desk = build(args.figures)
        print(f"built {args.figures} figures in {time.perf_counter() - began:.1f} s")
    with connection.cursor() as cursor:
        # What autovacuum does on a live desk: without statistics the planner guesses.
        for table in ("claims_claim", "claims_figurematch", "claims_evidence", "claims_source"):
            cursor.execute(f"ANALYZE {table}")

    from django.test import Client
    from django.urls import reverse

    from claims.models import Entity
    from claims.services.revisions import near_copy_of

    client = Client()
    client.force_login(desk["editor"])
    middle = desk["claims"][len(desk["claims"]) // 2]
    history = reverse("claims:figure_history", args=[middle.pk])
    rows = [
        ("history, by report date", history),
        ("history, by as-of date", f"{history}?axis=as_of"),
        ("queue (with suggestion counts)", reverse("claims:list")),
    ]
    print(f"{'page':34} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8}")
    for name, url in rows:
        p50, p95, queries = timed(client, url, args.samples)
        print(f"{name:34} {p50:8.1f} {p95:8.1f} {queries:8d}")
    outlet = Entity.objects.get(name="Harbour Bulletin")
    text = "\n\n".join(
        ["Harbour bulletin 99, item 5."]
        + [
            f"Paragraph {i} of the harbour report says the quays handled cargo as usual today."
            for i in range(12)
        ]
    )
    walls = []
    for _ in range(args.samples):
        began = time.perf_counter()
        found = near_copy_of(text=text, outlet=outlet, url="")
        walls.append((time.perf_counter() - began) * 1000)
    cuts = statistics.quantiles(walls, n=100, method="inclusive")
    words = f"{found.source.title}, {found.similarity.words()}" if found else "none"
    print(f"{'near_copy_of (40 recent reports)':34} {cuts[49]:8.1f} {cuts[94]:8.1f}   {words}")


if __name__ == "__main__":
    main()
