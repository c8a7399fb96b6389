"""Claim edits on two desks, interleaved: is an edit at scale within 1.2x of the empty desk?

    .venv/bin/python bench/edit_rounds.py --database-url postgres://.../fd_bench \
        --empty-database-url postgres://.../fd_scale_empty [--rounds 40 --per-round 10 --warm-up 4]

(``bench/scale.py --edits N`` runs it too, after its old one-desk-then-the-other figures.)

Two worker processes, one per desk, each a Django process that keeps its connection; the
empty desk is made anew (dropped, migrated, 200 open claims made through the services). The
parent sends both the same rounds in turn, A then B, then B then A (so neither desk always
runs right after the other): each round is ``--per-round`` edits of the same mix (the
subject, the statement, the value, the place: each a ``claims.services.claim_edit``), timed
around the service call as a user's request would wait for it (lock, UPDATE, history, commit).
The big desk edits claims drawn at random (a new seed each run unless ``--seed``), none twice;
the empty desk's 200 claims are copies of 200 other claims of the big desk (statement, figure,
words: the same shapes, so the Python work of an edit is alike) and it cycles through them.
The first ``--warm-up`` rounds are discarded.

A slow spell of the shared machine lands on both desks' neighbouring rounds alike, so it
moves the ratio less than it moves either desk. The output: p50/p95 of each desk, the ratio
of the p50s (and of the p95s), a bootstrap of that ratio over rounds (rounds resampled with
replacement, each keeping both desks' edits, 2,000 times: the 5th-95th percentile), the
per-round ratios (median and spread), and a verdict against ``--limit`` (1.2): "holds" when
the bootstrap's 95th percentile is at or under it, "fails" when its 5th is over it,
"undecided" otherwise.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any

ROOT = Path(__file__).resolve().parents[1]


def _bench_imports() -> None:
    """The repository and bench/ on the path (for ``scale`` and ``generate``): only when run,
    so importing this module (the tests do) leaves sys.path alone."""
    for path in (str(ROOT / "bench"), str(ROOT)):
        if path not in sys.path:
            sys.path.insert(0, path)


KINDS = ("subject", "statement", "value", "place")
EMPTY_CLAIMS = 200


# --- the worker: one desk, one process ----------------------------------------------------


def _pool(size: int, seed: int, *, recent: bool = False) -> list[int]:
    """Open claims with an exact value that no merge absorbed, in a random order: drawn from
    the whole desk, or (``recent``) among the newest candidates and open claims."""
    from django.db.models import F, Q

    from claims.models import Claim, ClaimState

    # An exact figure (its bounds absent or equal to it): the value edit moves them along.
    eligible = Claim.objects.filter(
        Q(low__isnull=True) | Q(low=F("value")),
        Q(high__isnull=True) | Q(high=F("value")),
        state=ClaimState.OPEN,
        merged_into__isnull=True,
        value__isnull=False,
    )
    total = Claim.objects.count()
    rng = random.Random(seed)
    if recent:
        # A new report's figures: candidates and open claims among the newest, a sample of
        # three times as many as wanted (so runs one after the other do not edit the same).
        newest = (
            Claim.objects.filter(
                Q(low__isnull=True) | Q(low=F("value")),
                Q(high__isnull=True) | Q(high=F("value")),
                state__in=[ClaimState.CANDIDATE, ClaimState.OPEN],
                merged_into__isnull=True,
                value__isnull=False,
            )
            .order_by("-id")
            .values_list("id", flat=True)[: size * 3]
        )
        return rng.sample(list(newest), min(size, len(newest)))
    if total <= 5000:
        ids = list(eligible.values_list("id", flat=True))
        rng.shuffle(ids)
        return ids
    # A random sample by id (the ids are dense): fetch candidates in one query, keep the
    # eligible ones.
    low = Claim.objects.order_by("id").values_list("id", flat=True).first() or 0
    high = Claim.objects.order_by("-id").values_list("id", flat=True).first() or 0
    wanted = sorted({rng.randint(low, high) for _ in range(size * 4)})
    ids = list(eligible.filter(id__in=wanted).values_list("id", flat=True))
    rng.shuffle(ids)
    return ids[:size]


def _changes(kind: str, claim: Any, n: int) -> dict[str, Any]:
    tag = f"{n} {os.urandom(3).hex()}"
    if kind == "subject":
        return {"subject": f"edited figure {tag}"}
    if kind == "statement":
        return {"statement": f"{claim.statement[:200]} (checked {tag})"}
    if kind == "value":
        return {"value": claim.value + 1}
    return {"place": f"district {tag}"}


def _sched(pid: int | None) -> tuple[int, int] | None:
    """A process's time on a core and time waiting for one, in ns (Linux schedstat): for the
    database server's process of this connection (PostgreSQL on this machine), or this one."""
    try:
        with open(f"/proc/{pid or 'self'}/schedstat") as f:
            run, wait, _slices = f.read().split()
    except (OSError, ValueError):
        return None
    return int(run), int(wait)


def worker(
    database_url: str,
    *,
    empty: bool,
    pool_size: int,
    seed: int,
    like: str = "",
    recent: bool = False,
) -> None:
    """Answer rounds on stdin (a JSON list of edit kinds a line) with the edits' times; the
    line "shapes" with the figures and words of EMPTY_CLAIMS claims it will not edit."""
    _bench_imports()
    from scale import set_up_empty_desk, setup_django

    setup_django(database_url)
    if empty:
        set_up_empty_desk(EMPTY_CLAIMS, json.loads(Path(like).read_text()) if like else None)
    from django.contrib.auth.models import User
    from django.db import connection

    from claims import services
    from claims.models import Claim

    editor = User.objects.get(username="bench-editor")
    ids = _pool(pool_size + (0 if empty else EMPTY_CLAIMS), seed, recent=recent and not empty)
    spare, ids = ids[pool_size:], ids[:pool_size] or ids
    backend: int | None = None
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            backend = cursor.fetchone()[0]
    claims_on_desk = Claim.objects.count()
    hello = {"ready": True, "claims": claims_on_desk, "pool": len(ids), "db": connection.vendor}
    print(json.dumps(hello), flush=True)
    n = 0
    for line in sys.stdin:
        if line.strip() == "shapes":
            fields = ("statement", *Claim.QUANTITY_FIELDS)
            rows = Claim.objects.filter(pk__in=spare).values(*fields)
            print(json.dumps([dict(r) for r in rows], default=str), flush=True)
            continue
        kinds = json.loads(line)
        times = []
        for kind in kinds:
            pk = ids[n % len(ids)]
            n += 1
            claim = Claim.objects.get(pk=pk)
            # SQLite runs in this process: its work is in process_time already.
            server = _sched(backend) if backend else (0, 0)
            own = _sched(None)
            began, cpu = time.perf_counter(), time.process_time()
            services.claim_edit(
                claim=claim,
                by=editor,
                expected_version=claim.version,
                changes=_changes(kind, claim, n),
            )
            wall = (time.perf_counter() - began) * 1000
            python = (time.process_time() - cpu) * 1000
            server_after = _sched(backend) if backend else (0, 0)
            own_after = _sched(None)
            db_cpu = db_wait = None
            if server is not None and server_after is not None:
                db_cpu = (server_after[0] - server[0]) / 1e6
                db_wait = (server_after[1] - server[1]) / 1e6
            own_wait = (own_after[1] - own[1]) / 1e6 if own and own_after else None
            times.append([wall, python, db_cpu, db_wait, own_wait])
        print(json.dumps(times), flush=True)


# --- the parent -----------------------------------------------------------------------------


class Desk:
    def __init__(
        self,
        name: str,
        database_url: str,
        *,
        empty: bool,
        pool: int,
        seed: int,
        like: str = "",
        recent: bool = False,
    ):
        self.name = name
        self.proc = subprocess.Popen(  # noqa: S603 (our own script)
            [
                sys.executable,
                __file__,
                "--worker",
                "--database-url",
                database_url,
                "--pool",
                str(pool),
                "--seed",
                str(seed),
                *(["--empty"] if empty else []),
                *(["--like", like] if like else []),
                *(["--recent"] if recent else []),
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        hello = json.loads(self._line())
        self.claims: int = hello["claims"]
        self.pool: int = hello["pool"]
        self.vendor: str = hello["db"]

    def _line(self) -> str:
        out: IO[str] | None = self.proc.stdout
        assert out is not None
        line = out.readline()
        if not line:
            raise SystemExit(f"the {self.name} desk's worker stopped (exit {self.proc.wait()})")
        return line

    def round(self, kinds: Sequence[str]) -> list[list[Any]]:
        """Per edit: wall time, the worker's CPU, the database process's CPU, the time each
        of them waited for a core (ms; None where not measurable)."""
        assert self.proc.stdin is not None
        self.proc.stdin.write(json.dumps(list(kinds)) + "\n")
        self.proc.stdin.flush()
        return list(json.loads(self._line()))

    def shapes(self) -> list[dict[str, Any]]:
        assert self.proc.stdin is not None
        self.proc.stdin.write("shapes\n")
        self.proc.stdin.flush()
        return list(json.loads(self._line()))

    def close(self) -> None:
        if self.proc.stdin is not None:
            self.proc.stdin.close()
        self.proc.wait(timeout=60)


def p95(values: Sequence[float]) -> float:
    return statistics.quantiles(values, n=20)[18] if len(values) > 1 else values[0]


def _compare(
    big: list[list[float]], empty: list[list[float]], rng: random.Random, limit: float
) -> dict[str, Any]:
    """p50/p95 of both, the ratio of the p50s with its bootstrap over rounds (the rounds
    resampled, each keeping both desks' edits), the gap in ms with its own, and the verdict."""
    flat_big = [t for r in big for t in r]
    flat_empty = [t for r in empty for t in r]
    ratio = statistics.median(flat_big) / statistics.median(flat_empty)
    boots = []
    gaps = []
    for _ in range(2000):
        picked = [rng.randrange(len(big)) for _ in big]
        b = statistics.median([t for i in picked for t in big[i]])
        e = statistics.median([t for i in picked for t in empty[i]])
        boots.append(b / e)
        gaps.append(b - e)
    boots.sort()
    gaps.sort()
    low, high = boots[int(0.05 * len(boots))], boots[int(0.95 * len(boots)) - 1]
    gap_low, gap_high = gaps[int(0.05 * len(gaps))], gaps[int(0.95 * len(gaps)) - 1]
    return {
        "desk_p50_ms": round(statistics.median(flat_big), 3),
        "desk_p95_ms": round(p95(flat_big), 3),
        "empty_p50_ms": round(statistics.median(flat_empty), 3),
        "empty_p95_ms": round(p95(flat_empty), 3),
        "ratio_p50": round(ratio, 3),
        "ratio_p95": round(p95(flat_big) / p95(flat_empty), 3),
        "bootstrap_5_95": [round(low, 3), round(high, 3)],
        "gap_p50_ms": round(statistics.median(flat_big) - statistics.median(flat_empty), 3),
        "gap_bootstrap_5_95_ms": [round(gap_low, 3), round(gap_high, 3)],
        "verdict": "holds" if high <= limit else "fails" if low > limit else "undecided",
    }


Rounds = list[list[float]]


def summarise(
    big: Rounds,
    empty: Rounds,
    *,
    limit: float,
    seed: int,
    cpu: tuple[Rounds, Rounds] | None = None,
    python_cpu: tuple[Rounds, Rounds] | None = None,
    waited: tuple[Rounds, Rounds] | None = None,
) -> dict[str, Any]:
    """Both desks' figures, the ratio, its bootstrap over rounds and the per-round ratios.

    ``big`` and ``empty`` are the edits' wall times (ms), one list a round, the same rounds
    on both. If measured, the same edits' CPU time (the worker's and its database server
    process's), the worker's own share of it, and the time both waited for a core: each a
    pair (this desk's rounds, the empty desk's)."""
    rng = random.Random(seed)
    out: dict[str, Any] = {"rounds": len(big), "edits_each": sum(len(r) for r in big)}
    out.update(_compare(big, empty, rng, limit))
    per_round = sorted(
        statistics.median(b) / statistics.median(e) for b, e in zip(big, empty, strict=True)
    )
    quart = statistics.quantiles(per_round, n=4) if len(per_round) > 1 else per_round * 3
    out.update(
        per_round_median=round(statistics.median(per_round), 3),
        per_round_quartiles=[round(quart[0], 3), round(quart[2], 3)],
        per_round_range=[round(per_round[0], 3), round(per_round[-1], 3)],
        limit=limit,
    )
    if cpu is not None:
        out["cpu"] = _compare(cpu[0], cpu[1], rng, limit)
    for name, pair in (("python_cpu", python_cpu), ("waited", waited)):
        if pair is not None:
            out[f"desk_{name}_p50_ms"] = round(statistics.median(t for r in pair[0] for t in r), 3)
            out[f"empty_{name}_p50_ms"] = round(statistics.median(t for r in pair[1] for t in r), 3)
    return out


def run(
    database_url: str,
    empty_url: str,
    *,
    rounds: int,
    per_round: int,
    warm_up: int,
    limit: float = 1.2,
    seed: int | None = None,
    recent: bool = False,
) -> dict[str, Any]:
    _bench_imports()
    from generate import create_database

    seed = random.SystemRandom().randrange(1 << 30) if seed is None else seed
    create_database(empty_url)
    total = (rounds + warm_up) * per_round
    big = Desk("big", database_url, empty=False, pool=total, seed=seed, recent=recent)
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as like:
        json.dump(big.shapes(), like)
    try:
        empty = Desk("empty", empty_url, empty=True, pool=total, seed=seed, like=like.name)
    finally:
        Path(like.name).unlink()
    if big.pool < total:
        raise SystemExit(f"only {big.pool} claims to edit on the big desk; {total} wanted")
    load_before = os.getloadavg()
    kept: dict[str, dict[str, Rounds]] = {
        desk: {"wall": [], "cpu": [], "python": [], "waited": []} for desk in ("big", "empty")
    }
    mix = random.Random(seed)
    try:
        for r in range(warm_up + rounds):
            kinds = [KINDS[(r * per_round + i) % len(KINDS)] for i in range(per_round)]
            mix.shuffle(kinds)
            order = (big, empty) if r % 2 == 0 else (empty, big)
            got = {desk.name: desk.round(kinds) for desk in order}
            if r >= warm_up:
                for name, edits in got.items():
                    into = kept[name]
                    into["wall"].append([e[0] for e in edits])
                    into["python"].append([e[1] for e in edits])
                    if all(e[2] is not None for e in edits):
                        into["cpu"].append([e[1] + e[2] for e in edits])
                    if all(e[3] is not None and e[4] is not None for e in edits):
                        into["waited"].append([e[3] + e[4] for e in edits])
    finally:
        big.close()
        empty.close()
    big_k, empty_k = kept["big"], kept["empty"]

    def pair(name: str) -> tuple[Rounds, Rounds] | None:
        whole = len(big_k[name]) == len(big_k["wall"]) == len(empty_k[name])
        return (big_k[name], empty_k[name]) if whole else None

    out = summarise(
        big_k["wall"],
        empty_k["wall"],
        limit=limit,
        seed=seed,
        cpu=pair("cpu"),
        python_cpu=pair("python"),
        waited=pair("waited"),
    )
    out.update(
        seed=seed,
        targets="the newest claims" if recent else "claims drawn from the whole desk",
        database=big.vendor,
        warm_up_rounds=warm_up,
        per_round=per_round,
        desk_claims=big.claims,
        empty_claims=empty.claims,
        load_before=[round(x, 2) for x in load_before],
        load_after=[round(x, 2) for x in os.getloadavg()],
    )
    return out


def report(out: dict[str, Any]) -> str:
    lo, hi = out["bootstrap_5_95"]
    q1, q3 = out["per_round_quartiles"]
    r0, r1 = out["per_round_range"]
    gap = out["gap_bootstrap_5_95_ms"]
    lines = [
        f"interleaved: {out['rounds']} rounds of {out['per_round']} edits on each desk"
        f" (A B, then B A; {out['warm_up_rounds']} warm-up rounds dropped; seed"
        f" {out['seed']}; load {out['load_before'][0]:.2f} -> {out['load_after'][0]:.2f};"
        f" {out['targets']})",
        f"  this desk ({out['desk_claims']:,} claims): p50 {out['desk_p50_ms']:.2f} ms,"
        f" p95 {out['desk_p95_ms']:.2f} ms",
        f"  empty desk ({out['empty_claims']:,} claims): p50 {out['empty_p50_ms']:.2f} ms,"
        f" p95 {out['empty_p95_ms']:.2f} ms",
        f"  ratio of p50s {out['ratio_p50']:.2f}x (bootstrap over rounds, 5-95%:"
        f" {lo:.2f}-{hi:.2f}x); ratio of p95s {out['ratio_p95']:.2f}x",
        f"  per-round ratio of medians: median {out['per_round_median']:.2f}x,"
        f" quartiles {q1:.2f}-{q3:.2f}x, range {r0:.2f}-{r1:.2f}x",
        f"  the desk's size costs an edit {out['gap_p50_ms']:+.2f} ms at the p50"
        f" (5-95%: {gap[0]:+.2f} to {gap[1]:+.2f} ms)",
        f"  <= {out['limit']}x (wall time): {out['verdict']}",
    ]
    if "cpu" in out:
        c = out["cpu"]
        who = (
            "this worker + its PostgreSQL process"
            if out.get("database") == "postgresql"
            else "this worker, the database in it"
        )
        lines += [
            f"  CPU per edit ({who}): p50 {c['desk_p50_ms']:.2f}"
            f" ms here, {c['empty_p50_ms']:.2f} ms on the empty desk; ratio"
            f" {c['ratio_p50']:.2f}x (5-95%: {c['bootstrap_5_95'][0]:.2f}-"
            f"{c['bootstrap_5_95'][1]:.2f}x), gap {c['gap_p50_ms']:+.2f} ms;"
            f" <= {out['limit']}x (CPU): {c['verdict']}",
        ]
    if "desk_python_cpu_p50_ms" in out:
        lines.append(
            f"  of which Python: {out['desk_python_cpu_p50_ms']:.2f} ms here,"
            f" {out['empty_python_cpu_p50_ms']:.2f} ms on the empty desk"
        )
    if "desk_waited_p50_ms" in out:
        lines.append(
            f"  waited for a core (both processes): p50 {out['desk_waited_p50_ms']:.2f} ms"
            f" here, {out['empty_waited_p50_ms']:.2f} ms on the empty desk (the machine's"
            " load; not the desk's)"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--empty-database-url", default="")
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--per-round", type=int, default=10)
    parser.add_argument("--warm-up", type=int, default=4)
    parser.add_argument("--limit", type=float, default=1.2)
    parser.add_argument("--seed", type=int)
    parser.add_argument("--json", help="write the figures here as JSON")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--empty", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--pool", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--like", default="", help=argparse.SUPPRESS)
    parser.add_argument(
        "--recent",
        action="store_true",
        help="edit claims among the newest candidates and open claims (as editors mostly "
        "do: a new report's figures) instead of claims drawn from the whole desk",
    )
    args = parser.parse_args()
    if args.worker:
        worker(
            args.database_url,
            empty=args.empty,
            pool_size=args.pool,
            seed=args.seed or 0,
            like=args.like,
            recent=args.recent,
        )
        return 0
    empty_url = args.empty_database_url or default_empty_url(args.database_url)
    out = run(
        args.database_url,
        empty_url,
        rounds=args.rounds,
        per_round=args.per_round,
        warm_up=args.warm_up,
        limit=args.limit,
        seed=args.seed,
        recent=args.recent,
    )
    print(report(out))
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps(out, indent=2))
    return 0


def default_empty_url(database_url: str) -> str:
    if database_url.startswith("postgres"):
        return database_url.rpartition("/")[0] + "/fd_scale_empty"
    return "sqlite:////tmp/fd_scale_empty.sqlite3"


if __name__ == "__main__":
    raise SystemExit(main())
