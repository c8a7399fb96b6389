"""Where a claim edit's time goes, statement by statement, in rolled-back transactions.

    .venv/bin/python bench/write_path.py --database-url postgres://.../fd_bench [--edits 100]

Each edit runs, in its own transaction that is then rolled back (the desk is left as it
was, but for dead index entries that vacuum removes), the three statements of
``claims.services.claim_edit`` on PostgreSQL under ``EXPLAIN (ANALYZE, BUFFERS, WAL)``: the
row lock, the UPDATE of the claim (the subject changes, as in ``bench/scale.py --edits``) and
the history's append (``factdesk_append_event``). It prints per statement the median time,
buffers hit/read/dirtied/written and WAL records, full-page images and bytes as its plan
counts them, the WAL it wrote with its triggers ("WAL all", from ``pg_current_wal_insert_lsn``,
which counts every session's WAL: meaningful on a quiet server only) and the whole edit's WAL,
and how many UPDATEs of claims_claim were HOT (in place). The claims are drawn at random (a
fixed seed), so they are mostly ones no earlier run edited. ``--commit`` (a scratch desk only)
commits each edit instead and times the commit.
"""

from __future__ import annotations

import argparse
import json
import random
import secrets
import statistics
import time
import uuid
from typing import Any

import psycopg

KEYS = (
    "Shared Hit Blocks",
    "Shared Read Blocks",
    "Shared Dirtied Blocks",
    "Shared Written Blocks",
    "WAL Records",
    "WAL FPI",
    "WAL Bytes",
)


def explain(cur: psycopg.Cursor[Any], sql: str, params: list[Any]) -> dict[str, Any]:
    """The statement's time (its triggers included), its plan's buffers and WAL, and all the
    WAL it wrote (the plan's figures leave out what its AFTER triggers wrote)."""
    cur.execute("SELECT pg_current_wal_insert_lsn()")
    (start,) = cur.fetchone() or ("0/0",)
    cur.execute("EXPLAIN (ANALYZE, BUFFERS, WAL, FORMAT JSON) " + sql, params)
    row = cur.fetchone()
    assert row is not None
    out = row[0][0]
    plan = out["Plan"]
    cur.execute("SELECT pg_current_wal_insert_lsn() - %s::pg_lsn", [start])
    (wal,) = cur.fetchone() or (0,)
    return {"ms": out["Execution Time"], **{k: plan.get(k, 0) for k in KEYS}, "WAL all": wal}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--edits", type=int, default=100)
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument(
        "--commit",
        action="store_true",
        help="commit each edit and time the commit (a scratch desk only: the events it "
        "appends carry made-up hashes)",
    )
    args = parser.parse_args()
    with psycopg.connect(args.database_url) as conn:
        cur = conn.cursor()
        cur.execute("SELECT min(id), max(id) FROM claims_claim")
        low, high = cur.fetchone() or (0, 0)
        cur.execute("SELECT id FROM auth_user ORDER BY id LIMIT 1")
        actor = (cur.fetchone() or (None,))[0]
        conn.commit()
        rng = random.Random(args.seed)
        ids = sorted({rng.randint(low, high) for _ in range(args.edits * 2)})[: args.edits]
        rng.shuffle(ids)
        rows: dict[str, list[dict[str, Any]]] = {"lock": [], "update": [], "append": []}
        wal: list[int] = []
        commits: list[float] = []
        hot = 0
        done = 0
        for pk in ids:
            cur.execute("SELECT pg_current_wal_insert_lsn()")
            (start,) = cur.fetchone() or ("0/0",)
            cur.execute("SELECT subject, version FROM claims_claim WHERE id = %s", [pk])
            found = cur.fetchone()
            if found is None:
                conn.rollback()
                continue
            rows["lock"].append(
                explain(cur, "SELECT * FROM claims_claim WHERE id = %s FOR UPDATE", [pk])
            )
            subject = f"edited figure {secrets.token_hex(3)}"
            rows["update"].append(
                explain(
                    cur,
                    # As the service's UPDATE: the subject, the version, updated_at and the
                    # matching words it derives change (the rest is written unchanged).
                    "UPDATE claims_claim SET subject = %s, version = version + 1, "
                    "updated_at = clock_timestamp(), subject_terms = %s, "
                    "match_terms = match_terms || ' ' || %s, "
                    "match_key = match_key || ' ' || %s WHERE id = %s",
                    [subject, subject, subject, "count:3:edited", pk],
                )
            )
            before = json.dumps({"subject": found[0]})
            after = json.dumps({"subject": subject})
            rows["append"].append(
                explain(
                    cur,
                    "SELECT * FROM factdesk_append_event(%s::bytea, %s::bytea, %s, %s, %s, %s,"
                    " %s, %s, %s, %s::uuid, %s, %s::jsonb, %s::jsonb, %s, clock_timestamp())",
                    [
                        b"head",
                        b"tail",
                        pk,
                        None,
                        None,
                        "claim.edited",
                        actor,
                        "bench",
                        "web",
                        uuid.uuid4(),
                        "",
                        before,
                        after,
                        found[1] + 1,
                    ],
                )
            )
            cur.execute(
                "SELECT pg_current_wal_insert_lsn() - %s::pg_lsn, "
                "pg_stat_get_xact_tuples_hot_updated('claims_claim'::regclass)",
                [start],
            )
            size, hot_now = cur.fetchone() or (0, 0)
            wal.append(int(size))
            hot += int(hot_now > 0)
            done += 1
            if args.commit:
                began = time.perf_counter()
                conn.commit()
                commits.append((time.perf_counter() - began) * 1000)
            else:
                conn.rollback()
        print(
            f"{done} edits, {'committed' if args.commit else 'rolled back'};"
            f" claims_claim updates HOT: {hot} of {done}"
        )
        head = (
            "statement",
            "ms p50",
            "ms p95",
            *(k.replace(" Blocks", "") for k in KEYS),
            "WAL all",
        )
        print("  ".join(f"{h:>12}" for h in head))
        for name, items in rows.items():
            times = sorted(r["ms"] for r in items)
            p95 = statistics.quantiles(times, n=20)[18] if len(times) > 1 else times[0]
            cells = [name, f"{statistics.median(times):.3f}", f"{p95:.3f}"]
            cells += [f"{statistics.mean(r[k] for r in items):.1f}" for k in (*KEYS, "WAL all")]
            print("  ".join(f"{c:>12}" for c in cells))
        print(
            f"WAL per edit: mean {statistics.mean(wal):,.0f} bytes,"
            f" median {statistics.median(wal):,.0f}"
        )
        if commits:
            commits.sort()
            print(
                f"commit: p50 {statistics.median(commits):.3f} ms,"
                f" p95 {statistics.quantiles(commits, n=20)[18]:.3f} ms"
            )


if __name__ == "__main__":
    main()
