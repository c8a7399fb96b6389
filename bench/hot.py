"""Is indexing ``updated_at`` worth losing HOT updates? Claim edits with and without it.

Run from the repository root against a desk built by bench/generate.py (PostgreSQL):

    .venv/bin/python bench/hot.py --database-url postgres://postgres@127.0.0.1:5432/fd_bench \
        [--edits 200]

Times ``--edits`` claim edits through the services (the subject changes) and counts, from
pg_stat_user_tables, how many of the claims table's updates were HOT (heap-only: no index
touched). Then drops the three indexes that hold ``updated_at`` (claim_queue_idx,
claim_verdict_idx, claim_updated_idx), runs the same number of edits on other claims, and
builds the indexes again, so the desk is left as it was. Prints both runs.
"""

from __future__ import annotations

import argparse
import os
import secrets
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

INDEXES = ("claim_queue_idx", "claim_verdict_idx", "claim_updated_idx")


def stats() -> tuple[int, int]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_stat_force_next_flush()")
        cursor.execute(
            "SELECT n_tup_upd, n_tup_hot_upd FROM pg_stat_user_tables"
            " WHERE relname = 'claims_claim'"
        )
        upd, hot = cursor.fetchone()
    return int(upd), int(hot)


def edits(ids: list[int]) -> dict[str, Any]:
    from django.contrib.auth.models import User

    from claims import services
    from claims.models import Claim

    editor = User.objects.get(username="bench-editor")
    before = stats()
    times = []
    for i, pk in enumerate(ids):
        claim = Claim.objects.get(pk=pk)
        began = time.perf_counter()
        services.claim_edit(
            claim=claim,
            by=editor,
            expected_version=claim.version,
            changes={"subject": f"hot check {i} {secrets.token_hex(3)}"},
        )
        times.append((time.perf_counter() - began) * 1000)
    time.sleep(0.6)  # let the statistics reach the collector
    after = stats()
    return {
        "edits": len(times),
        "p50_ms": round(statistics.median(times), 2),
        "p95_ms": round(statistics.quantiles(times, n=20)[18], 2),
        "updates": after[0] - before[0],
        "hot_updates": after[1] - before[1],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--database-url",
        default=os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/fd_bench"),
    )
    parser.add_argument("--edits", type=int, default=200)
    args = parser.parse_args()
    from scale import setup_django

    setup_django(args.database_url)
    from django.db import connection

    from claims.models import Claim, ClaimState

    ids = list(
        Claim.objects.filter(state=ClaimState.OPEN, merged_into__isnull=True)
        .order_by("id")
        .values_list("id", flat=True)[: args.edits * 2 * 37 : 37]
    )
    with_index = edits(ids[: args.edits])
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE indexname = ANY(%s)", [list(INDEXES)]
        )
        definitions = cursor.fetchall()
        for name, _definition in definitions:
            cursor.execute(f'DROP INDEX "{name}"')
    try:
        without = edits(ids[args.edits :])
    finally:
        with connection.cursor() as cursor:
            for _name, definition in definitions:
                cursor.execute(definition)
    for label, run in (("updated_at indexed", with_index), ("updated_at not indexed", without)):
        print(
            f"{label:>24}: p50 {run['p50_ms']} ms, p95 {run['p95_ms']} ms, "
            f"{run['hot_updates']} of {run['updates']} claim updates HOT"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
