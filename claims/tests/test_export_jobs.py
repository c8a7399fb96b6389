"""Big bulk exports run in the task worker and are served only when whole."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from claims.exports import bulk, jobs
from claims.models import Claim, ClaimExport, ExportStatus


@pytest.fixture(autouse=True)
def small_inline_limit(monkeypatch: Any, settings: Any, tmp_path: Any) -> None:
    settings.EXPORT_DIR = tmp_path / "exports"
    monkeypatch.setattr(jobs, "INLINE_MAX", 1)


@pytest.fixture
def two_claims(open_claim: Claim, candidate: Claim) -> list[Claim]:
    return [open_claim, candidate]


def ask(client: Any, user: User, django_capture_on_commit_callbacks: Any, fmt: str = "csv") -> Any:
    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        return client.get(reverse("claims:claims_export", args=[fmt]), {"state": "all"})


def test_a_small_export_streams_at_once(client: Any, editor: User, open_claim: Claim) -> None:
    client.force_login(editor)
    response = client.get(reverse("claims:claims_export", args=["csv"]), {"state": "all"})
    assert response.status_code == 200
    assert response.streaming
    assert ClaimExport.objects.count() == 0


def test_a_big_export_is_written_by_the_worker_and_then_downloaded_whole(
    client: Any, editor: User, two_claims: list[Claim], django_capture_on_commit_callbacks: Any
) -> None:
    response = ask(client, editor, django_capture_on_commit_callbacks)
    export = ClaimExport.objects.get()
    assert response.status_code == 303
    assert response["Location"] == reverse("claims:export_status", args=[export.pk])
    # The immediate backend ran the task on commit: the export is done.
    export.refresh_from_db()
    assert export.status == ExportStatus.DONE
    status = client.get(response["Location"]).content.decode()
    assert reverse("claims:export_download", args=[export.pk]) in status
    download = client.get(reverse("claims:export_download", args=[export.pk]))
    assert download.status_code == 200
    body = b"".join(download.streaming_content).decode()
    expected = b"".join(bulk.stream("csv", Claim.objects.all(), editor)).decode()
    assert body == expected
    assert body.count("\n") >= 3


def test_a_truncated_export_is_never_served_as_a_success(
    client: Any, editor: User, two_claims: list[Claim], django_capture_on_commit_callbacks: Any
) -> None:
    ask(client, editor, django_capture_on_commit_callbacks)
    export = ClaimExport.objects.get()
    path = jobs.path_of(export)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])  # cut off, as a killed writer would leave it
    response = client.get(reverse("claims:export_download", args=[export.pk]))
    assert response.status_code == 409
    assert "damaged or incomplete" in response.content.decode()
    path.write_bytes(data[:-1] + b"X")  # same size, other bytes
    assert client.get(reverse("claims:export_download", args=[export.pk])).status_code == 409
    path.unlink()
    assert client.get(reverse("claims:export_download", args=[export.pk])).status_code == 409


def test_an_unfinished_or_failed_export_is_not_offered(
    client: Any, editor: User, two_claims: list[Claim], monkeypatch: Any, tmp_path: Any
) -> None:
    export = ClaimExport.objects.create(requested_by=editor, fmt="csv", query="state=all")
    client.force_login(editor)
    url = reverse("claims:export_download", args=[export.pk])
    assert client.get(url).status_code == 409  # pending

    def broken(export: ClaimExport) -> Any:
        yield b"claim_id,statement\r\n"
        raise RuntimeError("the database went away")

    monkeypatch.setattr(jobs, "records_for", broken)
    with pytest.raises(RuntimeError):
        jobs.write(export)
    export.refresh_from_db()
    assert export.status == ExportStatus.FAILED
    assert not jobs.path_of(export).exists()
    assert not jobs.path_of(export).with_name(jobs.path_of(export).name + ".part").exists()
    response = client.get(url)
    assert response.status_code == 409
    assert "failed" in response.content.decode()


def test_an_export_is_for_the_one_who_asked(
    client: Any,
    editor: User,
    second_editor: User,
    two_claims: list[Claim],
    django_capture_on_commit_callbacks: Any,
) -> None:
    ask(client, editor, django_capture_on_commit_callbacks)
    export = ClaimExport.objects.get()
    client.force_login(second_editor)
    assert client.get(reverse("claims:export_download", args=[export.pk])).status_code == 404


def test_a_viewers_export_holds_only_what_viewers_see(
    client: Any,
    viewer: User,
    two_claims: list[Claim],
    django_capture_on_commit_callbacks: Any,
    monkeypatch: Any,
) -> None:
    open_claim, candidate = two_claims
    monkeypatch.setattr(jobs, "INLINE_MAX", 0)  # one visible claim is still "big" here
    ask(client, viewer, django_capture_on_commit_callbacks)
    export = ClaimExport.objects.get()
    body = jobs.path_of(export).read_text()
    assert f"\n{open_claim.pk}," in body
    assert f"\n{candidate.pk}," not in body


QUOTES = (
    "more than 10,000 soldiers",
    "400 square kilometres",
    "US$2,000 a month",
    "700,000 tons of rice",
)


def test_an_export_reads_its_filter_once_and_each_page_in_four_queries(
    reporter: User, editor: User, django_assert_num_queries: Any
) -> None:
    from claims import services
    from claims.tests.conftest import REPORT, make_claim, make_source

    sources = [
        make_source(reporter, title=f"Report {n}", text=f"Filed by desk {n}. {REPORT}")
        for n in range(2)
    ]
    made = [make_claim(reporter, source, quote) for source in sources for quote in QUOTES]
    services.claim_reject(claim=made[2], by=editor, expected_version=made[2].version)
    wanted = [c.pk for c in made if c.pk != made[2].pk]
    qs = Claim.objects.exclude(state="rejected")
    # One query for the filter's ids, then claims, mentions, their reports and evidence for
    # each page of 3.
    with django_assert_num_queries(1 + 3 * 4):
        records = list(bulk.claims_for_export(qs, editor, chunk=3))
    assert [r["claim_id"] for r in records] == wanted
    assert all(len(r["mentions"]) == 1 for r in records)
    assert records[0]["mentions"][0]["quote"] == QUOTES[0]
