# ruff: noqa: F401, F811 -- fixtures imported from claims.tests.ingest_desk are used as parameters
"""python manage.py ingest URL_OR_PATH…: batches from the shell, once each, one line per report."""

from __future__ import annotations

from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from claims.models import Channel, ClaimEvent, ExtractionStatus, Source, SourceOrigin
from claims.tests.ingest_desk import (
    DeskFetch,
    desk_fetch,
    http_server,
    make_pdf,
    network_guard,
    resolver,
    server,
)

TEXT = "Orchard survey\n\nGrowers reported 3,400 hives in the valley this spring, up from 2,900.\n"


def run(*args: str, capture: Any = None) -> tuple[str, int]:
    out = StringIO()
    code = 0
    try:
        if capture is not None:
            with capture(execute=True):
                call_command("ingest", *args, stdout=out)
        else:
            call_command("ingest", *args, stdout=out)
    except CommandError as exc:
        code = exc.returncode
        out.write(f"ERROR {exc}\n")
    return out.getvalue(), code


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    (tmp_path / "orchard.txt").write_text(TEXT)
    (tmp_path / "fares.pdf").write_bytes(make_pdf(["Bus fares rose 8 percent in May."]))
    (tmp_path / "photo.html").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 40)
    return {p.name: p for p in tmp_path.iterdir()}


def test_it_brings_in_urls_and_files_with_one_line_each(
    transactional_db: Any, desk_fetch: DeskFetch, files: dict[str, Path]
) -> None:
    # A real commit (transactional_db), so extraction runs as it does outside tests.
    output, code = run(
        desk_fetch.url("/desk/grain"), str(files["orchard.txt"]), str(files["fares.pdf"])
    )
    assert code == 0
    lines = output.splitlines()
    assert len(lines) == 3
    grain = Source.objects.get(title="Grain corridor update")
    assert lines[0].startswith(f'source {grain.pk} "Grain corridor update": ')
    assert lines[0].endswith(" candidates")
    assert int(lines[0].split(": ")[1].split()[0]) >= 2
    assert lines[1].startswith("source ") and '"Orchard survey"' in lines[1]
    assert all(s.origin == SourceOrigin.COMMAND for s in Source.objects.all())
    assert all(s.extraction_status == ExtractionStatus.DONE for s in Source.objects.all())


def test_events_from_the_command_carry_its_channel(
    db: Any, files: dict[str, Path], django_capture_on_commit_callbacks: Any
) -> None:
    run(str(files["orchard.txt"]), capture=django_capture_on_commit_callbacks)
    created = ClaimEvent.objects.get(action="source.created")
    assert created.channel == Channel.COMMAND
    assert created.actor_label == "command:ingest"


def test_running_it_twice_adds_nothing(
    db: Any, desk_fetch: DeskFetch, files: dict[str, Path]
) -> None:
    run(desk_fetch.url("/desk/grain"), str(files["orchard.txt"]))
    before = (Source.objects.count(), ClaimEvent.objects.count())
    second, code = run(desk_fetch.url("/desk/grain"), str(files["orchard.txt"]))
    assert code == 0
    assert (Source.objects.count(), ClaimEvent.objects.count()) == before
    assert all("(already on the desk)" in line for line in second.splitlines())


def test_a_refusal_is_printed_with_its_reason_and_the_exit_status_is_non_zero(
    db: Any, desk_fetch: DeskFetch, files: dict[str, Path]
) -> None:
    desk_fetch.resolver.add("metadata.test", ["169.254.169.254"])
    output, code = run(
        str(files["orchard.txt"]),
        "http://metadata.test/latest/meta-data/",
        str(files["photo.html"]),
        "gopher://news.test/",
        "/no/such/file.txt",
    )
    assert code == 1
    lines = output.splitlines()
    assert lines[0].startswith("source ")
    assert lines[1] == (
        "refused http://metadata.test/latest/meta-data/: "
        "the address is a link-local or cloud metadata address"
    )
    assert lines[2].endswith("the file is a PNG image, not HTML, text or PDF")
    assert lines[3] == "refused gopher://news.test/: only http and https addresses can be fetched"
    assert lines[4] == "refused /no/such/file.txt: there is no such file"
    assert lines[5] == "ERROR 4 of 5 reports refused"
    assert Source.objects.count() == 1
    assert desk_fetch.guard.connections == []


def test_outlet_published_and_kind_apply_to_every_report(db: Any, files: dict[str, Path]) -> None:
    run(
        str(files["orchard.txt"]),
        "--outlet",
        "Valley Farmer",
        "--published",
        "2024-04-01",
        "--kind",
        "dataset",
    )
    source = Source.objects.get()
    assert source.outlet is not None and source.outlet.name == "Valley Farmer"
    assert source.published_at is not None and source.published_at.date().isoformat() == (
        "2024-04-01"
    )
    assert source.kind == "dataset"


def test_a_bad_date_is_refused_before_anything_happens(db: Any, files: dict[str, Path]) -> None:
    with pytest.raises(CommandError, match="--published must be a date"):
        call_command("ingest", str(files["orchard.txt"]), "--published", "last week")
    assert Source.objects.count() == 0


def test_with_a_task_queue_the_line_says_extraction_is_queued(
    db: Any, files: dict[str, Path], settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    output, code = run(str(files["orchard.txt"]), capture=django_capture_on_commit_callbacks)
    assert code == 0
    assert output.strip().endswith('"Orchard survey": extraction queued')
