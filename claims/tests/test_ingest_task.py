"""The extraction task and the source page's progress region: polling, failure, retry."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from claims import services
from claims.models import Channel, ClaimEvent, ExtractionStatus, Mention, Source
from claims.tasks import extract_source
from claims.tests.conftest import REPORT, make_source

HX: dict[str, Any] = {"HTTP_HX_REQUEST": "true"}


def status_url(source: Source, was: str = "") -> str:
    url = reverse("claims:extraction_status", args=[source.pk])
    return f"{url}?was={was}" if was else url


@pytest.fixture
def pending(reporter: User) -> Source:
    return make_source(reporter, extract=True)  # on_commit never fires inside the test


@pytest.fixture
def broken_extractor(monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(text: str) -> list[Any]:
        raise ValueError("unbalanced quote at offset 12")

    monkeypatch.setattr("claims.extraction.extract", explode)


# --- The task ---------------------------------------------------------------------------------


def test_the_task_proposes_candidates_and_records_done(pending: Source) -> None:
    created = extract_source.call(pending.pk)
    pending.refresh_from_db()
    assert created >= 3
    assert pending.extraction_status == ExtractionStatus.DONE
    assert pending.extracted_at is not None
    assert Mention.objects.filter(source=pending).count() == created
    done = ClaimEvent.objects.get(source=pending, action="source.extraction_done")
    assert done.channel == Channel.TASK


def test_a_rerun_adds_nothing(pending: Source) -> None:
    extract_source.call(pending.pk)
    before = (Mention.objects.count(), ClaimEvent.objects.count())
    assert extract_source.call(pending.pk) == 0
    assert (Mention.objects.count(), ClaimEvent.objects.count()) == before


def test_a_rerun_after_a_partial_earlier_run_only_adds_the_missing_figures(
    pending: Source,
) -> None:
    from claims.extraction import extract

    first: list[Any] = extract(pending.text)[:1]
    services.claims_from_extraction(source=pending, quantities=first)
    created = extract_source.call(pending.pk)
    spans = list(Mention.objects.filter(source=pending).values_list("start", "end"))
    assert len(spans) == len(set(spans)) == created + 1


def test_a_source_being_extracted_elsewhere_is_left_alone(pending: Source) -> None:
    services.source_start_extraction(source_id=pending.pk)  # another worker took it
    assert extract_source.call(pending.pk) == 0
    assert Mention.objects.count() == 0


def test_a_missing_source_is_not_an_error(db: Any) -> None:
    assert extract_source.call(987654) == 0


def test_a_failure_is_recorded_on_the_source_with_its_reason(
    pending: Source, broken_extractor: None
) -> None:
    assert extract_source.call(pending.pk) == 0
    pending.refresh_from_db()
    assert pending.extraction_status == ExtractionStatus.FAILED
    assert "ValueError: unbalanced quote at offset 12" in pending.extraction_error
    event = ClaimEvent.objects.get(source=pending, action="source.extraction_failed")
    assert "unbalanced quote" in event.reason
    assert Mention.objects.count() == 0


def test_a_failure_part_way_leaves_no_half_made_candidates(
    pending: Source, monkeypatch: pytest.MonkeyPatch
) -> None:
    from claims import audit

    real = audit.record_event
    calls = {"n": 0}

    def fail_second_candidate(**kwargs: Any) -> Any:
        if kwargs.get("action") == "claim.extracted":
            calls["n"] += 1
            if calls["n"] == 2:
                raise RuntimeError("database went away")
        return real(**kwargs)

    monkeypatch.setattr(audit, "record_event", fail_second_candidate)
    extract_source.call(pending.pk)
    pending.refresh_from_db()
    assert pending.extraction_status == ExtractionStatus.FAILED
    assert Mention.objects.count() == 0


# --- The progress region ----------------------------------------------------------------------


def test_while_pending_the_page_polls_every_second(
    client: Client, reporter: User, pending: Source
) -> None:
    client.force_login(reporter)
    html = client.get(reverse("claims:source_detail", args=[pending.pk])).content.decode()
    assert 'hx-trigger="every 1s"' in html
    assert f'hx-get="{status_url(pending, "pending")}"' in html
    assert "hx-on" not in html


def test_the_poll_answer_stops_polling_once_done(
    client: Client, reporter: User, pending: Source
) -> None:
    client.force_login(reporter)
    response = client.get(status_url(pending, "pending"), **HX)
    assert 'hx-trigger="every 1s"' in response.content.decode()
    services.source_set_extraction_status(source=pending, status=ExtractionStatus.DONE)
    response = client.get(status_url(pending), **HX)
    html = response.content.decode()
    assert "every 1s" not in html
    assert "Extraction done" in html
    assert html.strip().startswith(f'<div id="source-{pending.pk}-extraction"')


def test_a_poll_that_sees_new_figures_reloads_the_page_once(
    client: Client, reporter: User, pending: Source
) -> None:
    client.force_login(reporter)
    extract_source.call(pending.pk)
    response = client.get(status_url(pending, "running"), **HX)
    assert response["HX-Refresh"] == "true"
    # A region loaded after the reload does not ask again.
    assert "HX-Refresh" not in client.get(status_url(pending), **HX)


def test_without_htmx_the_status_link_leads_to_the_source_page(
    client: Client, reporter: User, pending: Source
) -> None:
    client.force_login(reporter)
    response = client.get(status_url(pending, "pending"))
    assert response.status_code == 302
    assert response["Location"] == reverse("claims:source_detail", args=[pending.pk])


def test_done_shows_the_candidates_count_and_link(
    client: Client, reporter: User, pending: Source
) -> None:
    created = extract_source.call(pending.pk)
    client.force_login(reporter)
    html = client.get(reverse("claims:source_detail", args=[pending.pk])).content.decode()
    assert f"{created} figures</a> found in this report" in html
    assert f"?source={pending.pk}&amp;state=candidate" in html


def test_a_failure_shows_its_reason_and_a_retry_button(
    client: Client, reporter: User, pending: Source, broken_extractor: None
) -> None:
    extract_source.call(pending.pk)
    client.force_login(reporter)
    html = client.get(reverse("claims:source_detail", args=[pending.pk])).content.decode()
    assert "Extraction failed: the extractor stopped with an error" in html
    assert f'action="{reverse("claims:extraction_retry", args=[pending.pk])}"' in html
    assert "Retry extraction" in html


def test_retry_reenqueues_the_task_and_shows_the_result(
    client: Client,
    reporter: User,
    pending: Source,
    monkeypatch: pytest.MonkeyPatch,
    django_capture_on_commit_callbacks: Any,
) -> None:
    def explode(text: str) -> list[Any]:
        raise ValueError("boom")

    monkeypatch.setattr("claims.extraction.extract", explode)
    extract_source.call(pending.pk)
    monkeypatch.undo()
    client.force_login(reporter)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("claims:extraction_retry", args=[pending.pk]), **HX)
    # The answer is rendered before the test runs the commit callbacks: pending, polling.
    assert 'hx-trigger="every 1s"' in response.content.decode()
    pending.refresh_from_db()
    assert pending.extraction_status == ExtractionStatus.DONE
    assert ClaimEvent.objects.filter(source=pending, action="source.extraction_retried").exists()


def test_retry_without_htmx_redirects_to_the_source(
    client: Client, reporter: User, pending: Source, broken_extractor: None
) -> None:
    extract_source.call(pending.pk)
    client.force_login(reporter)
    response = client.post(reverse("claims:extraction_retry", args=[pending.pk]))
    assert response["Location"] == reverse("claims:source_detail", args=[pending.pk])
    pending.refresh_from_db()
    assert pending.extraction_status == ExtractionStatus.PENDING


def test_a_viewer_may_not_retry(
    client: Client, viewer: User, pending: Source, broken_extractor: None
) -> None:
    extract_source.call(pending.pk)
    client.force_login(viewer)
    assert client.post(reverse("claims:extraction_retry", args=[pending.pk])).status_code == 403
    html = client.get(reverse("claims:source_detail", args=[pending.pk])).content.decode()
    assert "Retry extraction" not in html


def test_retry_rejects_get(client: Client, reporter: User, pending: Source) -> None:
    client.force_login(reporter)
    assert client.get(reverse("claims:extraction_retry", args=[pending.pk])).status_code == 405


def test_retrying_a_finished_extraction_changes_nothing(
    client: Client, reporter: User, pending: Source
) -> None:
    extract_source.call(pending.pk)
    before = ClaimEvent.objects.count()
    client.force_login(reporter)
    client.post(reverse("claims:extraction_retry", args=[pending.pk]), **HX)
    pending.refresh_from_db()
    assert pending.extraction_status == ExtractionStatus.DONE
    assert ClaimEvent.objects.count() == before


def test_the_poll_answer_keeps_to_its_query_budget(
    client: Client,
    reporter: User,
    django_assert_max_num_queries: Any,
) -> None:
    text = " ".join(f"Item {i}: officials counted {i * 10 + 7} trucks." for i in range(60))
    source = make_source(reporter, text=REPORT + "\n\n" + text, extract=True)
    extract_source.call(source.pk)
    assert Mention.objects.filter(source=source).count() >= 50
    client.force_login(reporter)
    with django_assert_max_num_queries(6):
        response = client.get(status_url(source), **HX)
    assert response.status_code == 200
