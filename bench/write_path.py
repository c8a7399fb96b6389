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
commits each edit instead and times the commit. ``--leave-one-out`` measures the edits
round-robin with and without each index of claims_claim and claims_claimevent in turn (but
the primary keys and unique ones), each dropped inside the edit's transaction and so back
after its rollback: what each index costs an edit in full-page images, WAL and time. Round
robin because a checkpoint's effect fades as a run goes on (the pages it left clean get
their image one by one), so every condition must sample the same moments; and compare runs
only after a checkpoint (pg_control_checkpoint()): a desk just copied or vacuumed has fresh
pages that cost no image until the next one. Note that dropping an index of claims_claim in
the transaction also made the append about 0.1 ms faster at 1,000,000 claims (50 fewer
buffer hits), for a reason not found: read the append column with care.
"""

from __future__ import annotations

import argparse
import json
import random
import secrets
import statistics
import time
import uuid
from collections.abc import Sequence
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


def measure(
    conn: psycopg.Connection[Any],
    ids: list[int],
    actor: int | None,
    *,
    drop: Sequence[str] = (),
    commit: bool = False,
) -> dict[str, Any]:
    """The edits of ``ids``, each in a transaction rolled back after it (or committed with
    ``commit``), with the indexes in ``drop`` dropped inside that transaction first."""
    cur = conn.cursor()
    rows: dict[str, list[dict[str, Any]]] = {"lock": [], "update": [], "append": []}
    wal: list[int] = []
    commits: list[float] = []
    hot = 0
    done = 0
    for pk in ids:
        for name in drop:
            cur.execute(f'DROP INDEX "{name}"')
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
        if commit:
            began = time.perf_counter()
            conn.commit()
            commits.append((time.perf_counter() - began) * 1000)
        else:
            conn.rollback()
    return {"rows": rows, "wal": wal, "hot": hot, "done": done, "commits": commits}


def print_figures(got: dict[str, Any]) -> None:
    rows, wal, hot, done = got["rows"], got["wal"], got["hot"], got["done"]
    how = "committed" if got["commits"] else "rolled back"
    print(f"{done} edits, {how}; claims_claim updates HOT: {hot} of {done}")
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
    if got["commits"]:
        commits = sorted(got["commits"])
        print(
            f"commit: p50 {statistics.median(commits):.3f} ms,"
            f" p95 {statistics.quantiles(commits, n=20)[18]:.3f} ms"
        )


def indexes_of(conn: psycopg.Connection[Any], table: str) -> list[str]:
    rows = conn.execute(
        "SELECT indexrelid::regclass::text FROM pg_index WHERE indrelid = %s::regclass"
        " AND NOT indisprimary AND NOT indisunique ORDER BY 1",
        [table],
    ).fetchall()
    conn.rollback()
    return [r[0] for r in rows]


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
    parser.add_argument(
        "--leave-one-out",
        action="store_true",
        help="then again without each index of claims_claim and claims_claimevent in turn "
        "(dropped inside each edit's transaction, so rolled back with it): what each costs",
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
        names = (
            indexes_of(conn, "claims_claim") + indexes_of(conn, "claims_claimevent")
            if args.leave_one_out
            else []
        )
        conditions: list[str | None] = [None, *names]
        wanted = args.edits * len(conditions)
        drawn = sorted({rng.randint(low, high) for _ in range(wanted * 2)})
        rng.shuffle(drawn)
        if not names:
            got = measure(conn, drawn[: args.edits], actor, commit=args.commit)
            print_figures(got)
            return
        # Round-robin over the conditions, edit by edit: the pages a checkpoint left clean
        # grow fewer as the run goes on, and every condition samples the same moments.
        runs: dict[str | None, list[dict[str, Any]]] = {c: [] for c in conditions}
        for i, pk in enumerate(drawn[:wanted]):
            name = conditions[i % len(conditions)]
            runs[name].append(measure(conn, [pk], actor, drop=[name] if name else []))
        print_figures(merge(runs[None]))
        print(
            "\nwithout each index in turn (round-robin with the line above, other claims):"
            f"\n{'index':>40}  {'UPDATE FPI':>10}  {'append FPI':>10}  {'WAL/edit':>10}"
            f"  {'UPDATE ms':>10}  {'append ms':>10}"
        )
        for name, parts in runs.items():
            one = merge(parts)
            fpi = {k: statistics.mean(r["WAL FPI"] for r in v) for k, v in one["rows"].items()}
            print(
                f"{name or '(all indexes)':>40}  {fpi['update']:>10.2f}  {fpi['append']:>10.2f}"
                f"  {statistics.mean(one['wal']):>10,.0f}"
                f"  {statistics.median(r['ms'] for r in one['rows']['update']):>10.3f}"
                f"  {statistics.median(r['ms'] for r in one['rows']['append']):>10.3f}",
                flush=True,
            )


def merge(parts: list[dict[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {"rows": {}, "wal": [], "hot": 0, "done": 0, "commits": []}
    for part in parts:
        for key, items in part["rows"].items():
            out["rows"].setdefault(key, []).extend(items)
        out["wal"] += part["wal"]
        out["commits"] += part["commits"]
        out["hot"] += part["hot"]
        out["done"] += part["done"]
    return out


if __name__ == "__main__":
    main()
