"""The production task queue for real: django_tasks_db.DatabaseBackend drained by db_worker.

Runs ``manage.py`` in child processes against a throwaway SQLite file: migrate, ingest (the
extraction is queued, not run), then ``db_worker --batch`` (which stops by itself when the
queue is empty; a timeout bounds it anyway), then reads the result from the database.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

MANAGE = str(Path(settings.BASE_DIR) / "manage.py")
TEXT = (
    "Reservoir levels\n\n"
    "The water board said the reservoir stood at 61 percent of capacity in August, "
    "down from 78 percent a year earlier. About 240,000 households depend on it.\n"
)


def manage(
    env: dict[str, str], *args: str, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 -- our own manage.py, fixed arguments
        [sys.executable, MANAGE, *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


@pytest.fixture
def worker_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_URL", "TASKS_"))}
    env.update(
        DATABASE_URL=f"sqlite:///{tmp_path / 'queue.sqlite3'}",
        TASKS_BACKEND="django_tasks_db.DatabaseBackend",
        FACTDESK_VAR_DIR=str(tmp_path),
        DEBUG="1",
        LOG_LEVEL="WARNING",
    )
    migrated = manage(env, "migrate", "--no-input", "-v", "0")
    assert migrated.returncode == 0, migrated.stderr
    return env


def test_a_real_db_worker_drains_the_queue_and_the_candidates_appear(
    worker_env: dict[str, str], tmp_path: Path
) -> None:
    report = tmp_path / "reservoir.txt"
    report.write_text(TEXT)
    ingested = manage(worker_env, "ingest", str(report))
    assert ingested.returncode == 0, ingested.stderr
    assert ingested.stdout.strip().endswith('"Reservoir levels": extraction queued')

    database = worker_env["DATABASE_URL"].removeprefix("sqlite:///")
    with sqlite3.connect(database) as db:
        (queued,) = db.execute("select count(*) from django_tasks_database_dbtaskresult").fetchone()
    assert queued == 1

    worker = manage(
        worker_env, "db_worker", "--batch", "--no-startup-delay", "--queue-name", "default"
    )
    assert worker.returncode == 0, worker.stderr

    with sqlite3.connect(database) as db:
        status, error = db.execute(
            "select extraction_status, extraction_error from claims_source"
        ).fetchone()
        (mentions,) = db.execute("select count(*) from claims_mention").fetchone()
        (task_status,) = db.execute(
            "select status from django_tasks_database_dbtaskresult"
        ).fetchone()
    assert (status, error) == ("done", "")
    assert mentions >= 2
    assert task_status == "SUCCESSFUL"

    again = manage(worker_env, "ingest", str(report))
    assert again.returncode == 0
    assert f"(already on the desk): {mentions} candidates" in again.stdout


def test_with_the_embedded_default_a_large_report_waits_for_the_background_worker(
    tmp_path: Path,
) -> None:
    """No TASKS_BACKEND: small reports are extracted inline, a large one is queued for the
    worker ``make run`` starts (``db_worker --backend background``), which caps it at 500."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_URL", "TASKS_"))}
    env.update(
        DATABASE_URL=f"sqlite:///{tmp_path / 'embedded.sqlite3'}",
        FACTDESK_VAR_DIR=str(tmp_path),
        DEBUG="1",
        LOG_LEVEL="WARNING",
    )
    assert manage(env, "migrate", "--no-input", "-v", "0").returncode == 0
    small, large = tmp_path / "small.txt", tmp_path / "large.txt"
    small.write_text(TEXT)
    paragraph = (
        "The water board said 3,200 households paid 14 percent more in 2023, while 450 firms "
        "saw bills rise by 2.1 million pounds. "
    )
    large.write_text("Water bills\n\n" + paragraph * 1700)  # about 200 KB, 6,800 figures
    assert "candidates" in manage(env, "ingest", str(small)).stdout
    queued = manage(env, "ingest", str(large))
    assert queued.stdout.strip().endswith('"Water bills": extraction queued'), queued.stderr

    worker = manage(
        env, "db_worker", "--batch", "--no-startup-delay", "--no-reload", "--backend", "background"
    )
    assert worker.returncode == 0, worker.stderr
    database = env["DATABASE_URL"].removeprefix("sqlite:///")
    with sqlite3.connect(database) as db:
        status, found, kept = db.execute(
            "select extraction_status, figures_found, candidates_kept from claims_source "
            "where title = 'Water bills'"
        ).fetchone()
        (mentions,) = db.execute(
            "select count(*) from claims_mention m join claims_source s on m.source_id = s.id "
            "where s.title = 'Water bills'"
        ).fetchone()
    assert (status, kept, mentions) == ("done", 500, 500)
    assert found > 5000
