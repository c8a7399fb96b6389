"""``python -m claims.extraction``: file/stdin mode and batch mode, with no Django settings."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]


def run(*args: str, stdin: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env["PYTHONPATH"] = str(REPO)
    return subprocess.run(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-m", "claims.extraction", *args],
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=REPO,
        env=env,
        timeout=60,
        check=False,
    )


def test_it_prints_one_json_object_per_quantity_from_stdin() -> None:
    result = run("-", stdin="Officials said 1,200 homes and 3.5 million people were hit.")
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [q["value"] for q in lines] == [1200, 3500000]
    assert lines[0]["speaker"] == "Officials"
    assert set(lines[0]) >= {"text", "start", "end", "low", "high", "qualifier", "unit", "score"}


def test_it_reads_a_file(tmp_path: Path) -> None:
    source = tmp_path / "report.txt"
    source.write_text("Prices rose 4.5 percent.", encoding="utf-8")
    result = run(str(source), stdin="")
    assert result.returncode == 0, result.stderr
    (line,) = result.stdout.splitlines()
    assert json.loads(line)["value"] == 4.5


def test_batch_mode_answers_each_line_in_order() -> None:
    stdin = "\n".join(
        json.dumps(item)
        for item in (
            {"id": 7, "text": "About 300 flights were cancelled."},
            {"id": "b", "text": "Nothing to see."},
            {"id": None, "text": "Seven or eight to one."},
        )
    )
    result = run("--batch", stdin=stdin)
    assert result.returncode == 0, result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["id"] for o in out] == [7, "b", None]
    assert out[0]["quantities"][0]["qualifier"] == "~"
    assert out[1]["quantities"] == []
    assert out[2]["quantities"][0]["low"] == 7


def test_it_prints_low_scoring_quantities_too() -> None:
    result = run("-", stdin="The girl was one of 3 in the car (worth $5).")
    scores = [json.loads(line)["score"] for line in result.stdout.splitlines()]
    assert scores and min(scores) < 0.5


def test_batch_mode_reports_a_bad_line_and_goes_on() -> None:
    result = run("--batch", stdin='not json\n{"id": 2, "text": "5 tanks."}\n')
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert out[0]["quantities"] == [] and "error" in out[0]
    assert out[1]["id"] == 2 and out[1]["quantities"][0]["value"] == 5
    assert result.returncode == 1


def test_the_package_imports_nothing_from_django() -> None:
    code = (
        "import sys, claims.extraction, claims.extraction.__main__; "
        "print(any(m == 'django' or m.startswith('django.') for m in sys.modules))"
    )
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env["PYTHONPATH"] = str(REPO)
    result = subprocess.run(  # noqa: S603 - our own interpreter
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=env,
        timeout=60,
        check=True,
    )
    assert result.stdout.strip() == "False"
