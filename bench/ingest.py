"""Benchmark of ingest: one 1,000-word report through cleaning, extraction and the database
writes (fetching excluded), and 1,000 reports through ``manage.py ingest``.

Run from the repository root:

    .venv/bin/python bench/ingest.py                      # SQLite and PostgreSQL
    .venv/bin/python bench/ingest.py --databases sqlite --samples 100 --batch 200

PostgreSQL: ``--postgres postgres://postgres@127.0.0.1:5432/factdesk_bench_ingest`` (default);
the database is dropped and created again. Each database is measured in a child process with
its own ``DATABASE_URL`` and the embedded ImmediateBackend (extraction runs on commit, inside
the measured time). Targets: p50 <= 150 ms, p95 <= 300 ms per report; 1,000 reports through
the command <= 2 minutes.

Reports are generated (deterministically, from a seed): HTML pages of ~1,000 words with
~15 figures each (counts, money, percentages, areas, ranges, attributions), all different.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DEFAULT_PG = "postgres://postgres@127.0.0.1:5432/factdesk_bench_ingest"

FIGURE_SENTENCES = [
    "Officials said more than {n:,} workers had left the region since {month}.",
    "The ministry reported that {a} square kilometres of farmland were flooded in {month}.",
    "Analysts estimated the cost at US${m:,} a month for each family affected.",
    "The council approved a budget of {b} million euros, up {p} percent on last year.",
    "Between {lo:,} and {hi:,} people attended the protest, according to police.",
    "The port handled {t:,} tonnes of grain in {month}, the harbour master said.",
    "Prices rose {p} percent in the year to {month}, the statistics office said.",
    "About {n:,} homes were without power on Tuesday, the utility company said.",
    "The agency said it had spent {b} billion dollars on the programme over {y} years.",
    "Unemployment fell to {p} percent, its lowest level in {y} years.",
    "Hospitals treated {n:,} patients for heat stroke during the {d}-day heatwave.",
    "The company said it would cut {n:,} jobs and close {y} factories by {month}.",
    "A survey of {n:,} voters found that {p} percent backed the plan.",
    "Rainfall reached {a} millimetres in {d} hours, the weather service said.",
    "The bridge, {a} metres long, carries {n:,} vehicles a day.",
]
FILLER = (
    "The decision followed weeks of debate among local officials and residents, many of whom "
    "had asked for more time to study the proposals before any vote was taken. "
    "Critics argued that the plan did not address the underlying problems, while supporters "
    "said it was the best option available under the circumstances. "
    "Further meetings are expected in the coming weeks as details are worked out. "
)
MONTHS = ["January", "March", "May", "July", "September", "November"]


def make_report(index: int, rng: random.Random, words: int = 1000) -> tuple[str, bytes]:
    title = f"Regional update number {index}: budgets, floods and prices"
    paragraphs: list[str] = []
    count = 0
    while count < words:
        template = rng.choice(FIGURE_SENTENCES)
        sentence = template.format(
            n=rng.randint(1_000, 90_000),
            a=rng.randint(10, 900),
            m=rng.randint(500, 5_000),
            b=round(rng.uniform(1, 90), 1),
            p=rng.randint(2, 40),
            lo=rng.randint(1_000, 4_000),
            hi=rng.randint(5_000, 9_000),
            t=rng.randint(10_000, 900_000),
            y=rng.randint(2, 12),
            d=rng.randint(2, 9),
            month=rng.choice(MONTHS),
        )
        paragraph = f"{sentence} {FILLER}Report {index}, paragraph {len(paragraphs) + 1}."
        paragraphs.append(paragraph)
        count += len(paragraph.split())
    body = "".join(f"<p>{p}</p>\n" for p in paragraphs)
    html = (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{title}</title><meta property='og:site_name' content='Bench Herald'>"
        "<meta name='author' content='Bench Writer'>"
        "<script>var tracking = 1;</script></head><body><nav><a href='/'>Home</a></nav>"
        f"<article><h1>{title}</h1>\n{body}</article><footer>Bench Herald</footer></body></html>"
    )
    return title, html.encode("utf-8")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1))))
    return ordered[k]


# --- child: one database --------------------------------------------------------------------


def child(samples: int, batch: int, seed: int) -> dict[str, Any]:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factdesk.settings")
    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from claims import services
    from claims.models import ExtractionStatus, Mention, Source

    call_command("migrate", verbosity=0, interactive=False)
    rng = random.Random(seed)
    # Warm up: imports, trafilatura and the extractor's lazy tables.
    services.ingest_upload(name="warm.html", file=make_report(-1, rng)[1], by=None)

    timings: list[float] = []
    cpu: list[float] = []
    words: list[int] = []
    for i in range(samples):
        _title, html = make_report(i, rng)
        start, start_cpu = time.perf_counter(), time.process_time()
        result = services.ingest_upload(name=f"report-{i}.html", file=html, by=None)
        timings.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
        assert result.created
        words.append(len(result.source.text.split()))
    done = Source.objects.filter(extraction_status=ExtractionStatus.DONE).count()
    mentions = Mention.objects.count()
    out: dict[str, Any] = {
        "vendor": connection.vendor,
        "samples": samples,
        "words_mean": round(statistics.mean(words)),
        "candidates_per_report": round(mentions / (samples + 1), 1),
        "extracted": done,
        "p50_ms": round(percentile(timings, 50), 1),
        "p95_ms": round(percentile(timings, 95), 1),
        "max_ms": round(max(timings), 1),
        # CPU time of this process (for SQLite that includes the database's work; for
        # PostgreSQL the server's share is not in it): a figure a busy machine cannot inflate.
        "cpu_p50_ms": round(percentile(cpu, 50), 1),
        "cpu_p95_ms": round(percentile(cpu, 95), 1),
        "load": os.getloadavg()[0],
    }

    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for i in range(batch):
            _title, html = make_report(100_000 + i, rng)
            path = Path(folder) / f"batch-{i:04d}.html"
            path.write_bytes(html)
            paths.append(str(path))
        connection.close()
        start = time.perf_counter()
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        proc = subprocess.run(  # noqa: S603 -- our own manage.py
            [sys.executable, str(ROOT / "manage.py"), "ingest", *paths],
            capture_output=True,
            text=True,
            env=os.environ.copy(),
            check=False,
        )
        elapsed = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        batch_cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        lines = proc.stdout.splitlines()
        out.update(
            batch=batch,
            batch_seconds=round(elapsed, 1),
            batch_cpu_seconds=round(batch_cpu, 1),
            batch_load=os.getloadavg()[0],
            batch_exit=proc.returncode,
            batch_lines=len(lines),
            batch_sample_line=lines[0] if lines else proc.stderr[-500:],
        )
        # Idempotent: a second run adds nothing.
        start = time.perf_counter()
        again = subprocess.run(  # noqa: S603
            [sys.executable, str(ROOT / "manage.py"), "ingest", *paths[:100]],
            capture_output=True,
            text=True,
            env=os.environ.copy(),
            check=False,
        )
        out["rerun_100_seconds"] = round(time.perf_counter() - start, 1)
        rerun_lines = again.stdout.splitlines()
        out["rerun_all_existing"] = all("already on the desk" in x for x in rerun_lines)
    return out


# --- parent -----------------------------------------------------------------------------------


def recreate_postgres(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


def run_child(database_url: str, args: argparse.Namespace, var_dir: str) -> dict[str, Any]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TASKS_")}
    env.update(
        DATABASE_URL=database_url,
        DJANGO_SETTINGS_MODULE="factdesk.settings",
        FACTDESK_VAR_DIR=var_dir,
        DEBUG="1",
        LOG_LEVEL="WARNING",
    )
    proc = subprocess.run(  # noqa: S603 -- this script, as a child
        [
            sys.executable,
            __file__,
            "--child",
            "--samples",
            str(args.samples),
            "--batch",
            str(args.batch),
            "--seed",
            str(args.seed),
        ],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        raise SystemExit(f"child failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--postgres", default=DEFAULT_PG)
    parser.add_argument("--samples", type=int, default=200)
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=4)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.samples, args.batch, args.seed)))
        return
    with tempfile.TemporaryDirectory() as var_dir:
        for database in args.databases.split(","):
            if database == "sqlite":
                url = f"sqlite:///{Path(var_dir) / 'bench.sqlite3'}"
            else:
                recreate_postgres(args.postgres)
                url = args.postgres
            result = run_child(url, args, var_dir)
            print(
                f"{result['vendor']:>10}: one report ({result['words_mean']} words, "
                f"{result['candidates_per_report']} candidates) p50 {result['p50_ms']} ms, "
                f"p95 {result['p95_ms']} ms, max {result['max_ms']} ms; CPU p50 "
                f"{result['cpu_p50_ms']} ms, p95 {result['cpu_p95_ms']} ms "
                f"[{result['samples']} samples, {result['extracted']} extracted, "
                f"load {result['load']:.1f}]"
            )
            print(
                f"{'':>10}  {result['batch']} reports through `manage.py ingest`: "
                f"{result['batch_seconds']} s wall, {result['batch_cpu_seconds']} s CPU, "
                f"load {result['batch_load']:.1f} (exit {result['batch_exit']}, "
                f"{result['batch_lines']} lines, e.g. {result['batch_sample_line']!r}); "
                f"rerun of 100: {result['rerun_100_seconds']} s, "
                f"all existing: {result['rerun_all_existing']}"
            )
            if database != "sqlite":
                recreate_postgres(args.postgres)


if __name__ == "__main__":
    main()
