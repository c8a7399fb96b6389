""" "Not a revision": an editor undoes the automatic link of a report to an earlier one it
was taken for an updated copy of, and its figures become candidates of their own."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from claims import services
from claims.models import Claim, ClaimEvent, ClaimState, Mention, Source
from claims.tests.test_near_copies import FIRST, SECOND, bring_in, extract


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def pair(reporter: Any) -> tuple[Source, Source]:
    """A report and a later one of the same outlet taken for its updated copy, both extracted."""
    first = bring_in(reporter, FIRST, "https://riverwire.example/news/barges-1")
    extract(first)
    second = bring_in(reporter, SECOND, "https://riverwire.example/news/barges-2")
    extract(second)
    assert second.revision_of_id == first.pk and second.is_copy_elsewhere
    return first, second


def cost_mention(source: Source) -> Mention:
    return Mention.objects.select_related("claim").get(source=source, quote__contains="9,000")


def test_an_editor_unlinks_the_copy_and_its_figures_become_candidates(
    pair: tuple[Source, Source], editor: Any
) -> None:
    first, second = pair
    old = cost_mention(first).claim
    assert cost_mention(second).claim_id == old.pk and old.mention_count == 2

    services.source_unlink_revision(
        source=second, by=editor, revision_of=first.pk, reason="Two different days' stories"
    )

    second.refresh_from_db()
    assert second.revision_of_id is None and second.revision == 1
    assert not second.is_copy_elsewhere and second.revision_overlap == ""
    assert not first.revisions.exists()
    # The figure that had been made a mention of the older claim is a candidate of its own.
    moved = cost_mention(second)
    assert moved.claim_id != old.pk
    assert moved.claim.state == ClaimState.CANDIDATE
    assert (moved.claim.value, moved.claim.currency) == (old.value, old.currency)
    assert moved.claim.mention_count == 1
    old.refresh_from_db()
    assert old.mention_count == 1
    assert list(Mention.objects.filter(claim=old).values_list("source_id", flat=True)) == [first.pk]
    # Every new report figure is now its own claim, none is shared with the older report.
    assert not set(Mention.objects.filter(source=second).values_list("claim_id", flat=True)) & set(
        Mention.objects.filter(source=first).values_list("claim_id", flat=True)
    )


def test_the_unlinking_is_in_the_history_of_both_reports_and_the_claims(
    pair: tuple[Source, Source], editor: Any
) -> None:
    first, second = pair
    old = cost_mention(first).claim
    services.source_unlink_revision(source=second, by=editor, revision_of=first.pk, reason="No")
    new = cost_mention(second).claim
    on_copy = ClaimEvent.objects.get(source=second, action="source.not_a_revision")
    assert on_copy.before["revision_of"] == first.pk and on_copy.before["revision"] == 2
    assert on_copy.reason == "No" and on_copy.actor_id == editor.pk
    assert [cost_mention(second).pk, old.pk, new.pk] in on_copy.after["mentions_detached"]
    on_first = ClaimEvent.objects.get(source=first, action="source.revision_unlinked")
    assert on_first.before == {"later_copy": second.pk}
    left = ClaimEvent.objects.get(claim=old, action="claim.mention_detached")
    assert left.after == {"moved_to": new.pk}
    made = ClaimEvent.objects.get(claim=new, action="claim.extracted")
    assert made.after["detached_from"] == old.pk
    # One editorial action: one correlation id.
    assert {on_copy.correlation_id, on_first.correlation_id, left.correlation_id} == {
        made.correlation_id
    }


def test_saying_it_twice_changes_nothing(pair: tuple[Source, Source], editor: Any) -> None:
    first, second = pair
    services.source_unlink_revision(source=second, by=editor, revision_of=first.pk)
    events, claims = ClaimEvent.objects.count(), Claim.objects.count()
    services.source_unlink_revision(source=second, by=editor, revision_of=first.pk)
    assert (ClaimEvent.objects.count(), Claim.objects.count()) == (events, claims)


def test_a_reporter_may_not_unlink(pair: tuple[Source, Source], reporter: Any) -> None:
    first, second = pair
    with pytest.raises(PermissionDenied):
        services.source_unlink_revision(source=second, by=reporter, revision_of=first.pk)
    second.refresh_from_db()
    assert second.revision_of_id == first.pk
    assert not ClaimEvent.objects.filter(action="source.not_a_revision").exists()


def test_a_stale_or_forged_request_names_the_report_it_is_really_linked_to(
    pair: tuple[Source, Source], editor: Any
) -> None:
    first, second = pair
    with pytest.raises(services.ServiceError, match=f"revision of report {first.pk}, not of"):
        services.source_unlink_revision(source=second, by=editor, revision_of=first.pk + 99)
    with pytest.raises(services.ServiceError, match="is not a revision of another report"):
        services.source_unlink_revision(source=first, by=editor, revision_of=second.pk)
    second.refresh_from_db()
    assert second.revision_of_id == first.pk


def test_a_later_text_of_the_same_address_stays_a_revision(reporter: Any, editor: Any) -> None:
    first = bring_in(reporter, FIRST, "https://riverwire.example/news/same", extract=False)
    second = bring_in(reporter, SECOND, "https://riverwire.example/news/same", extract=False)
    assert second.revision_of_id == first.pk and not second.is_copy_elsewhere
    with pytest.raises(services.ServiceError, match="same address"):
        services.source_unlink_revision(source=second, by=editor, revision_of=first.pk)


# --- the report page ----------------------------------------------------------------------


def test_only_an_editor_sees_the_button(
    pair: tuple[Source, Source], editor: Any, reporter: Any
) -> None:
    first, second = pair
    url = reverse("claims:source_detail", args=[second.pk])
    action = reverse("claims:source_not_a_revision", args=[second.pk])
    page = client_for(editor).get(url).content.decode()
    assert f'action="{action}"' in page and f'hx-post="{action}"' in page
    assert f'name="revision_of" value="{first.pk}"' in page and "csrfmiddlewaretoken" in page
    assert action not in client_for(reporter).get(url).content.decode()
    # Nothing to undo on the older report's page.
    older = client_for(editor).get(reverse("claims:source_detail", args=[first.pk]))
    assert "Not a revision</button>" not in older.content.decode()


def test_the_plain_form_unlinks_and_both_pages_say_so(
    pair: tuple[Source, Source], editor: Any, django_assert_max_num_queries: Any
) -> None:
    first, second = pair
    client = client_for(editor)
    response = client.post(
        reverse("claims:source_not_a_revision", args=[second.pk]), {"revision_of": first.pk}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("claims:source_detail", args=[second.pk])
    with django_assert_max_num_queries(12):
        page = client.get(response["Location"]).content.decode()
    assert "no longer treated as a revision" in page
    first_url = reverse("claims:source_detail", args=[first.pk])
    link = f'<a href="{first_url}">report {first.pk}</a>'
    assert f"Taken for an updated copy of {link}; alice said it is not" in page
    assert "became candidates of their own" in page
    assert "an updated copy at another address" not in page
    with django_assert_max_num_queries(12):
        older = client.get(reverse("claims:source_detail", args=[first.pk])).content.decode()
    assert f"Report {second.pk}</a> was taken for an updated copy of this report" in older
    assert "Later revision" not in older


def test_htmx_gets_the_note_and_the_report_text_again(
    pair: tuple[Source, Source], editor: Any, django_assert_max_num_queries: Any
) -> None:
    first, second = pair
    client = client_for(editor)
    # Three figures detached: per figure, its history on both claims; the rest is fixed.
    with django_assert_max_num_queries(45):
        response = client.post(
            reverse("claims:source_not_a_revision", args=[second.pk]),
            {"revision_of": first.pk},
            HTTP_HX_REQUEST="true",
        )
    assert response.status_code == 200
    body = response.content.decode()
    assert body.lstrip().startswith(f'<div id="source-{second.pk}-revisions"')
    assert "no longer treated as a revision" in body
    assert 'id="report-text"' in body and 'id="figure-list"' in body
    assert body.count('hx-swap-oob="true"') == 3
    new = cost_mention(second)
    assert f'href="{reverse("claims:detail", args=[new.claim_id])}"' in body
    assert "<html" not in body


def test_a_stale_htmx_request_shows_why_in_place(pair: tuple[Source, Source], editor: Any) -> None:
    first, second = pair
    response = client_for(editor).post(
        reverse("claims:source_not_a_revision", args=[second.pk]),
        {"revision_of": first.pk + 99},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert 'role="alert"' in body and "reload the page" in body
    assert "report-text" not in body
    second.refresh_from_db()
    assert second.revision_of_id == first.pk


def test_the_address_refuses_get_reporters_and_a_missing_report(
    pair: tuple[Source, Source], reporter: Any, editor: Any
) -> None:
    first, second = pair
    url = reverse("claims:source_not_a_revision", args=[second.pk])
    assert client_for(editor).get(url).status_code == 405
    assert client_for(reporter).post(url, {"revision_of": first.pk}).status_code == 403
    missing = reverse("claims:source_not_a_revision", args=[second.pk + 999])
    assert client_for(editor).post(missing, {"revision_of": first.pk}).status_code == 404
    plain = client_for(editor).post(url, {"revision_of": "x"}, follow=True)
    assert "did not say which earlier report" in plain.content.decode()
    second.refresh_from_db()
    assert second.revision_of_id == first.pk


def test_the_histories_say_what_happened_in_the_desks_words(
    pair: tuple[Source, Source], editor: Any
) -> None:
    from claims.history_text import describe, load_refs

    first, second = pair
    old = cost_mention(first).claim
    services.source_unlink_revision(source=second, by=editor, revision_of=first.pk)
    new = cost_mention(second).claim
    events = list(
        ClaimEvent.objects.filter(
            action__in=[
                "source.not_a_revision",
                "source.revision_unlinked",
                "claim.mention_detached",
            ]
        ).order_by("id")
    )
    refs = load_refs(events, editor)
    said = {e.action: describe(e, refs) for e in events}
    copy = said["source.not_a_revision"]
    assert "Not a revision of" in copy.headline and "automatic link was undone" in copy.headline
    assert any("4 of 6 paragraphs the same" in d for d in copy.details)
    assert any("3 figures became candidates of their own" in d for d in copy.details)
    assert "is not an updated copy of this report" in said["source.revision_unlinked"].headline
    (on_old,) = [e for e in events if e.claim_id == old.pk]
    left = describe(on_old, refs).headline
    assert reverse("claims:detail", args=[new.pk]) in left and "US$9,000" in left
    page = client_for(editor).get(reverse("claims:detail", args=[old.pk])).content.decode()
    assert "A mention left for a candidate of its own" in page
