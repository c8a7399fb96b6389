"""Updated wire copies: offered as a revision of the earlier report, their figures attached to
the claims already made instead of becoming fresh candidates."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from claims import services
from claims.ingest.similar import compare, is_revision
from claims.models import Claim, ClaimEvent, Mention, Source
from claims.services import revisions

FIRST = "\n\n".join(
    [
        "Grain barges queued for a third day at the river port on Tuesday, harbour officials said.",
        "The port authority said 140 barges were waiting to unload, most of them "
        "carrying maize bound for export.",
        "Freight agents put the cost of the delay at US$9,000 a day for each barge, a "
        "figure the authority did not dispute.",
        "Dredging of the main channel is expected to take another two weeks, according "
        "to the contractor.",
        "Farmers' groups warned that storage on the river bank was close to full after a "
        "record harvest.",
    ]
)

# The updated copy: the count of barges changed, a paragraph was added, the rest is the same.
SECOND = "\n\n".join(
    [
        "Grain barges queued for a third day at the river port on Tuesday, harbour officials said.",
        "The port authority said 185 barges were waiting to unload, most of them "
        "carrying maize bound for export.",
        "Freight agents put the cost of the delay at US$9,000 a day for each barge, a "
        "figure the authority did not dispute.",
        "Dredging of the main channel is expected to take another two weeks, according "
        "to the contractor.",
        "Farmers' groups warned that storage on the river bank was close to full after a "
        "record harvest.",
        "A spokesman for the shipping ministry said talks with the contractor would "
        "resume on Thursday.",
    ]
)

OTHER = "\n\n".join(
    [
        "The city council approved a new budget for its bus network on Monday evening.",
        "Councillors voted 31 to 12 for the plan, which adds night services on four routes.",
        "The transport department said fares would stay at their current level until the spring.",
    ]
)


def bring_in(by: Any, text: str, url: str, outlet: str = "River Wire", **extra: Any) -> Source:
    return services.source_create(
        by=by,
        text=text,
        title=extra.pop("title", "Barges queue"),
        url=url,
        outlet=outlet,
        extract=extra.pop("extract", True),
        **extra,
    ).source


def extract(source: Source) -> None:
    from claims.tasks import extract_source

    extract_source.call(source.pk)


def test_paragraph_similarity_tells_an_updated_copy_from_another_story() -> None:
    alike = compare(SECOND, FIRST)
    assert (alike.shared, alike.total, alike.unit) == (4, 6, "paragraphs")
    assert is_revision(alike) and alike.words() == "4 of 6 paragraphs the same"
    assert not is_revision(compare(OTHER, FIRST))
    # Short texts compare by their wording.
    short = compare(
        "Officials said 140 barges were waiting at the port on Tuesday.",
        "Officials said 185 barges were waiting at the port on Tuesday.",
    )
    assert short.unit == "shingles" and not is_revision(short)


def test_an_updated_copy_elsewhere_becomes_a_revision_and_reuses_the_claims(
    reporter: Any, editor: Any
) -> None:
    first = bring_in(reporter, FIRST, "https://riverwire.example/news/barges-queue-1")
    extract(first)
    before = {m.quote: m.claim_id for m in Mention.objects.filter(source=first)}
    assert any("9,000" in quote for quote in before) and any("140" in q for q in before)

    second = bring_in(reporter, SECOND, "https://riverwire.example/news/barges-queue-2")
    assert second.revision_of_id == first.pk and second.revision == 2
    assert second.revision_overlap == "4 of 6 paragraphs the same"
    assert second.is_copy_elsewhere
    event = ClaimEvent.objects.get(source=second, action="source.revised")
    assert event.after["revision_of"] == first.pk and event.after["found_by"] == "text"

    claims_before = Claim.objects.count()
    extract(second)
    after = {m.quote: m.claim_id for m in Mention.objects.filter(source=second)}
    # The unchanged passage: a new mention of the same claim, with its history.
    cost = next(q for q in after if "9,000" in q)
    assert after[cost] == before[cost]
    claim = Claim.objects.get(pk=after[cost])
    assert claim.mention_count == 2
    assert ClaimEvent.objects.filter(claim=claim, action="claim.mentioned", source=second).exists()
    # The changed figure is a new candidate.
    barges = next(q for q in after if "185" in q)
    assert after[barges] not in before.values()
    new_claims = Claim.objects.count() - claims_before
    assert new_claims == len(set(after.values()) - set(before.values())) >= 1


def test_a_figure_of_a_merged_claim_goes_to_the_claim_that_stayed(
    reporter: Any, editor: Any
) -> None:
    first = bring_in(reporter, FIRST, "https://riverwire.example/news/a")
    extract(first)
    cost = Mention.objects.get(source=first, quote__contains="9,000").claim
    text = "Each barge held at the port loses US$9,000 a day, the agents' association said."
    other = bring_in(
        reporter, text, "https://elsewhere.example/b", outlet="Dock Desk", extract=False
    )
    start = other.text.index("US$9,000")
    keep = services.claim_create(
        by=reporter,
        source=other,
        start=start,
        end=start + len("US$9,000"),
        statement="A held barge loses US$9,000 a day.",
        quantity={"value": 9000, "dimension": "currency", "currency": "USD", "per": "day"},
    )
    services.claim_merge(
        claim=keep, duplicate=cost, by=editor, expected_version=keep.version, chosen=True
    )
    second = bring_in(reporter, SECOND, "https://riverwire.example/news/b")
    extract(second)
    again = Mention.objects.get(source=second, quote__contains="9,000")
    assert again.claim_id == keep.pk


def test_the_comparison_is_bounded_to_recent_reports_of_the_outlet_or_site(
    reporter: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(revisions, "RECENT", 3)
    first = bring_in(reporter, FIRST, "", extract=False, title="Oldest")
    for n in range(3):
        bring_in(
            reporter,
            OTHER.replace("31 to 12", f"{30 + n} to 12"),
            "",
            extract=False,
            title=f"Council {n}",
        )
    late = bring_in(reporter, SECOND, "", extract=False)
    assert late.revision_of_id is None  # the oldest is past the three latest: not compared
    assert first.revisions.count() == 0
    # Another outlet on another site is never compared, however alike.
    monkeypatch.setattr(revisions, "RECENT", 40)
    elsewhere = bring_in(
        reporter,
        SECOND + "\n\nMore later.",
        "https://another.example/x",
        outlet="Another Wire",
        extract=False,
    )
    assert elsewhere.revision_of_id is None


def test_both_report_pages_show_the_revision_link(reporter: Any, editor: Any) -> None:
    first = bring_in(reporter, FIRST, "https://riverwire.example/news/1", extract=False)
    second = bring_in(reporter, SECOND, "https://riverwire.example/news/2", extract=False)
    client = Client()
    client.force_login(editor)
    old_page = client.get(reverse("claims:source_detail", args=[first.pk])).content.decode()
    new_page = client.get(reverse("claims:source_detail", args=[second.pk])).content.decode()
    assert reverse("claims:source_detail", args=[second.pk]) in old_page
    assert "an updated copy at another address, 4 of 6 paragraphs the same" in old_page
    assert reverse("claims:source_detail", args=[first.pk]) in new_page
    assert "an updated copy at another address (4 of 6 paragraphs the same)" in new_page


def test_a_paste_with_no_outlet_or_address_is_compared_with_recent_pastes_alike(
    reporter: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = bring_in(reporter, FIRST, "", outlet="", extract=False, title="Pasted barges")
    second = bring_in(reporter, SECOND, "", outlet="", extract=False, title="Pasted again")
    assert second.revision_of_id == first.pk and second.is_copy_elsewhere
    assert second.revision_overlap == "4 of 6 paragraphs the same"
    unrelated = bring_in(reporter, OTHER, "", outlet="", extract=False)
    assert unrelated.revision_of_id is None


def test_the_comparison_of_pastes_is_bounded_to_the_latest_pastes(
    reporter: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(revisions, "RECENT", 3)
    bring_in(reporter, FIRST, "", outlet="", extract=False, title="Oldest paste")
    for n in range(3):
        bring_in(
            reporter,
            OTHER.replace("31 to 12", f"{20 + n} to 9"),
            "",
            outlet="",
            extract=False,
            title=f"Council paste {n}",
        )
    assert bring_in(reporter, SECOND, "", outlet="", extract=False).revision_of_id is None


def test_a_paste_is_not_compared_with_reports_that_have_an_outlet_or_an_address(
    reporter: Any,
) -> None:
    bring_in(reporter, FIRST, "", extract=False)  # River Wire, no address
    bring_in(reporter, FIRST + "\n\nMore later.", "https://riverwire.example/n", outlet="")
    paste = bring_in(reporter, SECOND, "", outlet="", extract=False)
    assert paste.revision_of_id is None
