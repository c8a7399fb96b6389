"""Extraction volume: a cap on candidates per report, said on the report page, and large reports
extracted outside the request even with the embedded (ImmediateBackend) default."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from claims import services
from claims.models import ClaimEvent, ExtractionStatus, Mention, Source
from claims.services.sources import extraction_backend
from claims.tasks import extract_source
from claims.tests.conftest import make_source

PARAGRAPH = (
    "The water board said 3,200 households paid 14 percent more in 2023, while 450 firms saw "
    "bills rise by 2.1 million pounds. "
)


def repeated_figures(chars: int) -> str:
    """About ``chars`` characters of a paragraph with four figures, over and over."""
    return "Water bills\n\n" + PARAGRAPH * (chars // len(PARAGRAPH) + 1)


@pytest.fixture
def rita(client: Client, reporter: User) -> Client:
    client.force_login(reporter)
    return client


# --- The cap ----------------------------------------------------------------------------------


def test_the_limit_is_500_candidates_per_report_by_default(settings: Any) -> None:
    assert settings.EXTRACTION_MAX_CANDIDATES == 500


def test_a_report_of_repeated_figures_makes_no_more_candidates_than_the_limit(
    reporter: User, settings: Any
) -> None:
    settings.EXTRACTION_MAX_CANDIDATES = 20
    source = make_source(reporter, repeated_figures(6000), extract=True)
    assert extract_source.call(source.pk) == 20
    source.refresh_from_db()
    assert Mention.objects.filter(source=source).count() == 20
    assert ClaimEvent.objects.filter(source=source, action="claim.extracted").count() == 20
    assert source.candidates_kept == 20
    assert source.figures_found is not None and source.figures_found > 100
    done = ClaimEvent.objects.get(source=source, action="source.extraction_done")
    assert done.after["figures_found"] == source.figures_found
    assert done.after["candidates_kept"] == 20


def test_a_rerun_of_a_capped_report_adds_nothing(reporter: User, settings: Any) -> None:
    settings.EXTRACTION_MAX_CANDIDATES = 10
    source = make_source(reporter, repeated_figures(3000), extract=True)
    extract_source.call(source.pk)
    services.source_set_extraction_status(source=source, status=ExtractionStatus.FAILED)
    assert extract_source.call(source.pk) == 0
    assert Mention.objects.filter(source=source).count() == 10


@dataclass(frozen=True)
class Figure:
    start: int
    score: float


def test_the_kept_candidates_are_the_most_claim_worthy_in_text_order() -> None:
    figures = [Figure(0, 0.5), Figure(10, 0.9), Figure(20, 0.2), Figure(30, 0.9), Figure(40, 0.7)]
    kept = services.plan_candidates(figures, limit=3)
    assert kept == [Figure(10, 0.9), Figure(30, 0.9), Figure(40, 0.7)]
    # Below the candidate threshold a figure is never kept, whatever the room.
    assert Figure(20, 0.2) not in services.plan_candidates(figures, limit=10)


def test_the_report_page_says_how_many_of_about_how_many_figures_were_kept(
    rita: Client, reporter: User, settings: Any
) -> None:
    settings.EXTRACTION_MAX_CANDIDATES = 20
    source = make_source(reporter, repeated_figures(6000), extract=True)
    extract_source.call(source.pk)
    source.refresh_from_db()
    html = rita.get(reverse("claims:source_detail", args=[source.pk])).content.decode()
    assert f"20 of about {source.figures_found} figures were kept as candidates" in html


def test_an_uncapped_report_says_nothing_about_a_limit(rita: Client, reporter: User) -> None:
    source = make_source(reporter, extract=True)
    extract_source.call(source.pk)
    html = rita.get(reverse("claims:source_detail", args=[source.pk])).content.decode()
    assert "were kept as candidates" not in html


# --- Large reports outside the request --------------------------------------------------------


def test_a_small_report_is_still_extracted_at_once_with_the_embedded_default() -> None:
    assert extraction_backend(5_000) == "default"


def test_with_a_real_queue_as_default_every_report_goes_to_it(settings: Any) -> None:
    settings.TASKS = {
        "default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"},
        "background": {"BACKEND": "django_tasks_db.DatabaseBackend"},
    }
    assert extraction_backend(10_000_000) == "default"


def test_a_200_kb_paste_is_extracted_by_the_background_worker_not_in_the_request(
    rita: Client, django_capture_on_commit_callbacks: Any
) -> None:
    text = repeated_figures(200_000)
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        response = rita.post(
            reverse("claims:ingest_text"), {"title": "Water bills", "text": text, "kind": "news"}
        )
    assert response.status_code == 302
    assert time.monotonic() - started < 10
    source = Source.objects.get()
    assert source.extraction_status == ExtractionStatus.PENDING
    assert Mention.objects.count() == 0
    queued = DBTaskResult.objects.get()
    assert queued.backend_name == "background"
    assert queued.task_path == "claims.tasks.extract_source"
    assert queued.args_kwargs == {"args": [source.pk], "kwargs": {}}
    html = rita.get(response["Location"]).content.decode()
    assert "found by the background worker" in html

    # What the worker does (test_ingest_worker.py runs a real one, in another process).
    extract_source.call(source.pk)

    source.refresh_from_db()
    assert source.extraction_status == ExtractionStatus.DONE
    assert Mention.objects.filter(source=source).count() == 500
    assert source.figures_found is not None and source.figures_found > 5000
    html = rita.get(response["Location"]).content.decode()
    assert f"500 of about {source.figures_found} figures were kept as candidates" in html
