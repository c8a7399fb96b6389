"""Does this checkout's matching give the same suggestions as an earlier one, and how fast?

For N generated reports of 20 figures (seeded: every run builds the same reports, each
written and rolled back in its own transaction), runs :func:`claims.matching.store.matches_for`
(``new_first``, as the extraction task asks) of this checkout and of ``claims/matching/store.py``
as it was at ``--against REV`` (read with ``git show``, loaded as a module of its own beside
this checkout's engine), in turn on the same claims in the same transaction, the order
alternating from one report to the next. It compares every figure's suggestions (other
claim, relation, score, reason, difference) and prints each difference, then both sides'
wall and Python CPU times. Running both in the same minutes on the same rows is the point:
the shared bench desk changes under other helpers' benchmarks (edited claims), so two runs
some minutes apart need not agree, and the machine's load changes too::

    DATABASE_URL=postgres://factdesk@127.0.0.1:5432/fd_bench \\
        python bench/matching_same.py --reports 30 --against 9120cdd

The reports mix the figures of ``bench/matching.py``'s timing with those of the desk
generator (``bench/generate.py``: its subjects, units and ranges), and one figure in four
has no subject (its look-up then reads the sentence and the report's title).

``--explain`` also sends each look-up and contexts query of both sides once more as
``EXPLAIN (ANALYZE, SUMMARY)`` and prints the server's planning and execution times;
``--profile FILE`` writes a cProfile of this checkout's ``matches_for`` calls.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import importlib.util
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _figures(rng: random.Random) -> list[dict[str, Any]]:
    from bench import generate
    from bench import matching as timing

    out = []
    for i in range(20):
        if i % 2:
            unit = dict(timing.UNITS[rng.randrange(len(timing.UNITS))])
            subject = timing.SUBJECTS[rng.randrange(len(timing.SUBJECTS))]
            place = timing.PLACES[rng.randrange(len(timing.PLACES))]
            value = round(10 ** rng.uniform(1, 7))
            subject = f"{subject} in {place}"
        else:
            dimension, code, unit_name, _pattern, (lo, hi) = generate.FIGURES[
                rng.randrange(len(generate.FIGURES))
            ]
            unit = {"unit": code, "unit_name": unit_name, "dimension": dimension}
            if dimension == "currency":
                unit["currency"] = code
            subject = generate.SUBJECTS[rng.randrange(len(generate.SUBJECTS))]
            place = rng.choice(timing.PLACES)
            value = rng.randint(lo, hi)
        statement = f"In {place}, {subject} reached {value:,}."
        out.append(
            {
                "statement": statement,
                "value": value,
                "subject": "" if rng.random() < 0.25 else subject,
                **unit,
            }
        )
    return out


class _Timer:
    """Wall time of each SQL statement sent, by kind (a Django execute wrapper); with
    ``explain``, each look-up is also sent as EXPLAIN (ANALYZE, SUMMARY) for the server's
    planning and execution times."""

    def __init__(self, explain: bool) -> None:
        self.explain = explain
        self.walls: dict[str, list[float]] = {}
        self.plans: dict[str, list[tuple[float, float]]] = {}
        self.on = False
        self.side = "after"

    @staticmethod
    def kind(sql: str) -> str:
        if "to_tsquery" in sql:
            return "look-up"
        if "claims_mention" in sql:
            return "contexts" if "speaker" in sql or "published_at" in sql else "titles"
        return "other"

    def __call__(self, execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        if not self.on or many:
            return execute(sql, params, many, context)
        kind = f"{self.side}, {self.kind(sql)}"
        if self.explain and not kind.endswith("other"):
            cursor = context["cursor"].cursor  # the driver's: not through the wrappers again
            # a look-up sent between statements that save, set and restore the planner's
            # settings (store._index_only): those run as they are, the look-up as EXPLAIN
            parts = sql.split(";\n")
            settings, statement, restore = (
                (parts[:2], parts[2], parts[3:]) if len(parts) == 4 else ([], sql, [])
            )
            for part in settings:
                cursor.execute(part, params)
            cursor.execute("EXPLAIN (ANALYZE, SUMMARY, FORMAT JSON) " + statement, params)
            plan = cursor.fetchone()[0][0]
            for part in restore:
                cursor.execute(part, params)
            self.plans.setdefault(kind, []).append((plan["Planning Time"], plan["Execution Time"]))
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.walls.setdefault(kind, []).append((time.perf_counter() - started) * 1000)


def _load_store(rev: str) -> ModuleType:
    source = subprocess.run(  # noqa: S603 (git, and a revision the user names)
        ["git", "show", f"{rev}:claims/matching/store.py"],  # noqa: S607
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    spec = importlib.util.spec_from_loader("claims.matching._store_before", loader=None)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    exec(compile(source, f"{rev}:claims/matching/store.py", "exec"), module.__dict__)  # noqa: S102
    return module


def _rows(found: dict[int, list[Any]], made: list[Any]) -> list[list[list[Any]]]:
    return [
        [[o.pk, m.relation, m.score, m.reason, m.difference] for m, o in found.get(c.pk, [])]
        for c in made
    ]


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return round(ordered[int(q * (len(ordered) - 1))], 1)


def run(reports: int, rev: str, profile: Path | None, explain: bool, warm: int) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factdesk.settings")
    import django

    django.setup()
    from django.db import connection

    from claims.matching import store

    sides = {"before": _load_store(rev), "after": store}
    timer = _Timer(explain)
    profiler = cProfile.Profile() if profile else None
    walls: dict[str, list[float]] = {"before": [], "after": []}
    cpus: dict[str, list[float]] = {"before": [], "after": []}
    rng = random.Random(2026)
    differ = suggestions = 0
    with connection.execute_wrapper(timer):
        for report in range(-warm, reports):
            d, s = _report(report, rng, sides, timer, profiler, explain, walls, cpus)
            differ, suggestions = differ + d, suggestions + s
    if profiler and profile:
        profiler.dump_stats(str(profile))
    print(f"{reports} reports, {suggestions} suggestions before, {differ} figures differ")
    for side in ("before", "after"):
        if walls[side]:
            summary = {
                "side": side,
                "database": connection.vendor,
                "wall_p50_ms": round(statistics.median(walls[side]), 1),
                "wall_p95_ms": _pct(walls[side], 0.95),
                "cpu_p50_ms": round(statistics.median(cpus[side]), 1),
                "cpu_p95_ms": _pct(cpus[side], 0.95),
            }
            print(json.dumps(summary))
    for kind, ms in sorted(timer.walls.items()):
        print(f"{kind}: {len(ms) / reports:.1f} a report, {sum(ms) / reports:.1f} ms")
    for kind, pe in sorted(timer.plans.items()):
        plan = sum(p for p, _e in pe) / reports
        exe = sum(e for _p, e in pe) / reports
        print(f"{kind} (EXPLAIN): planning {plan:.1f} ms, execution {exe:.1f} ms a report")
    print(f"load average {os.getloadavg()[0]:.1f}")
    return 1 if differ else 0


def _report(
    report: int,
    rng: random.Random,
    sides: dict[str, Any],
    timer: _Timer,
    profiler: cProfile.Profile | None,
    explain: bool,
    walls: dict[str, list[float]],
    cpus: dict[str, list[float]],
) -> tuple[int, int]:
    """One report: both sides' suggestions and times; (figures that differ, suggestions)."""
    from django.db import transaction
    from django.utils import timezone

    from claims.matching.normalize import normal_fields
    from claims.models import Claim, Mention, Source
    from claims.querysets import service_writes

    figures = _figures(rng)
    with transaction.atomic(), service_writes():
        src = Source.objects.create(
            title=f"Check report {report}: {figures[0]['statement'][:60]}",
            retrieved_at=timezone.now(),
            published_at=timezone.now() - dt.timedelta(days=abs(report)),
            origin="command",
            text="z" * 400,
            sha256=f"same-{report}-{time.time_ns()}".ljust(64, "0")[:64],
        )
        claims = []
        for f in figures:
            claim = Claim(**f)
            for name, v in normal_fields(claim).items():
                setattr(claim, name, v)
            claims.append(claim)
        made = Claim.objects.bulk_create(claims)
        Mention.objects.bulk_create(
            Mention(claim=c, source=src, quote="z", start=i * 10, end=i * 10 + 1)
            for i, c in enumerate(made)
        )
        got: dict[str, list[list[list[Any]]]] = {}
        order = ["before", "after"] if report % 2 else ["after", "before"]
        for side in order:
            measured = report >= 0
            mine = side == "after" and measured
            timer.side = side
            started, cpu = time.perf_counter(), time.process_time()
            if mine and profiler:
                profiler.enable()
            timer.on = measured
            found = sides[side].matches_for(made, new_first=True)
            timer.on = False
            if mine and profiler:
                profiler.disable()
            if measured and not explain:
                walls[side].append((time.perf_counter() - started) * 1000)
                cpus[side].append((time.process_time() - cpu) * 1000)
            got[side] = _rows(found, made)
        transaction.set_rollback(True)
    if report < 0:
        return 0, 0
    differ = suggestions = 0
    for i, (fa, fb) in enumerate(zip(got["before"], got["after"], strict=True)):
        suggestions += len(fa)
        if fa != fb:
            differ += 1
            print(f"report {report} figure {i}:\n  before {fa}\n  after  {fb}")
    return differ, suggestions


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, default=30)
    parser.add_argument("--against", default="main", help="the revision to compare with")
    parser.add_argument("--warm", type=int, default=3, help="reports run first, not measured")
    parser.add_argument("--profile", type=Path)
    parser.add_argument("--explain", action="store_true", help="EXPLAIN ANALYZE each query")
    args = parser.parse_args()
    sys.exit(run(args.reports, args.against, args.profile, args.explain, args.warm))


if __name__ == "__main__":
    main()
