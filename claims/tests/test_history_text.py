"""The history formatter: every kind of event in the editor's words, raw dicts never shown.

``describe`` is pure (no database), so most tests feed it events built by hand in the shapes
the services record; the last ones check the pages (claim history, audit log, dashboard)
through the client, with their query budgets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse

from claims import services
from claims.history_text import (
    ClaimRef,
    EvidenceRef,
    Refs,
    SourceRef,
    describe,
    figure_of,
    referenced,
)
from claims.models import Claim, ClaimEvent, Relation
from claims.tests.conftest import make_claim, make_source

AREA = {
    "value": "350",
    "low": None,
    "high": None,
    "qualifier": "~",
    "unit": "km2",
    "unit_name": "square kilometre",
    "dimension": "area",
    "currency": "",
    "per": "",
    "trend": "",
    "change": "",
    "from_value": None,
}


@dataclass
class Ev:
    action: str
    before: dict[str, Any] = field(default_factory=dict)
    after: dict[str, Any] = field(default_factory=dict)
    claim_id: int | None = 7
    source_id: int | None = None
    entity_id: int | None = None
    reason: str = ""


def refs() -> Refs:
    return Refs(
        sources={3: SourceRef("Front line moves", "Harbour Post", date(2024, 11, 6))},
        evidence={
            11: EvidenceRef("corroborates", 7, 8, None, ""),
            12: EvidenceRef("corroborates", 7, None, 3, "Same map"),
        },
        claims={
            7: ClaimRef("Russia took about 350 km².", figure_of(AREA), AREA),
            8: ClaimRef("The Pentagon put it at 400 km².", "400 km²", {**AREA, "value": "400"}),
        },
        sheets={5: "The front in October"},
    )


def text(event: Ev, r: Refs | None = None) -> str:
    out = describe(event, r or refs())
    whole = str(out.headline) + " | " + " | ".join(str(d) for d in out.details)
    return re.sub(r"<[^>]+>", "", whole)


def no_raw(words: str) -> None:
    for raw in ("{'", "source_id", "evidence_relied_on", "[11", "— →", "km2 ", "None"):
        assert raw not in words, f"{raw!r} leaked into {words!r}"


def test_acceptance_reads_as_accepted_onto_the_desk() -> None:
    words = text(Ev("claim.accepted", {"state": "candidate"}, {"state": "open"}))
    assert words.startswith("Accepted onto the desk")
    no_raw(words)


def test_a_verdict_names_the_evidence_it_relies_on_with_links() -> None:
    event = Ev(
        "claim.verdict",
        {"verdict": "unverified"},
        {"verdict": "confirmed", "evidence_relied_on": [11, 12]},
    )
    out = describe(event, refs())
    assert str(out.headline) == "Confirmed, relying on 2 pieces of evidence"
    html = " ".join(str(d) for d in out.details)
    assert 'href="/claims/7/#evidence-11"' in html and 'href="/claims/8/"' in html
    words = text(event)
    assert "corroborates claim 8 (400 km²)" in words
    assert "corroborates the report in Harbour Post, 6 Nov 2024" in words
    no_raw(words)


def test_one_piece_of_evidence_is_singular_and_a_dispute_says_what_it_was() -> None:
    one = text(
        Ev(
            "claim.verdict",
            {"verdict": "confirmed"},
            {"verdict": "disputed", "evidence_relied_on": [11]},
        )
    )
    assert one.startswith("Disputed, relying on 1 piece of evidence")
    assert "Was confirmed" in one
    assert text(Ev("claim.verdict", {"verdict": "disputed"}, {"verdict": "unverified"})).startswith(
        "Verdict withdrawn"
    )


def test_an_edit_of_the_value_reads_as_a_figure_change_with_its_unit() -> None:
    words = text(
        Ev("claim.edited", {"value": "350", "qualifier": "~"}, {"value": "400", "qualifier": "="})
    )
    assert words.startswith("Figure changed from about 350 km² to 400 km²")
    no_raw(words)


def test_qualifiers_read_as_words_and_units_as_symbols() -> None:
    assert figure_of({**AREA, "qualifier": ">", "value": "400"}) == "more than 400 km²"
    assert figure_of({**AREA, "qualifier": "<="}) == "up to 350 km²"
    assert figure_of({"value": "10000", "qualifier": ">=", "unit_name": "soldier"}) == (
        "at least 10,000 soldiers"
    )


def test_a_qualifier_change_alone_is_a_figure_change_not_a_symbol() -> None:
    words = text(Ev("claim.edited", {"qualifier": "="}, {"qualifier": "~"}))
    assert "from 350 km² to about 350 km²" in words
    assert "—" not in words and "~" not in words


def test_text_fields_are_set_changed_and_cleared_in_words() -> None:
    words = text(
        Ev(
            "claim.edited",
            {"subject": "", "as_of": "October", "place": "Kursk"},
            {"subject": "territory", "as_of": "October 2024", "place": ""},
        )
    )
    assert "Subject set to “territory”" in words
    assert "Date of the figure changed from “October” to “October 2024”" in words
    assert "Place cleared (was “Kursk”)" in words


def test_a_mention_added_names_the_outlet_and_date() -> None:
    event = Ev(
        "mention.added",
        after={
            "mention": {
                "source_id": 3,
                "start": 1,
                "end": 9,
                "quote": "400 km²",
                "speaker": None,
                "verb": "",
                "via": None,
            }
        },
    )
    words = text(event)
    assert words.startswith("Mention added in Harbour Post, 6 Nov 2024: “400 km²”")
    no_raw(words)


def test_an_extracted_claim_says_where_it_was_first_seen() -> None:
    after = {
        **AREA,
        "statement": "About 350 km² changed hands.",
        "state": "candidate",
        "mention": {
            "source_id": 3,
            "quote": "about 350 square kilometres",
            "speaker": "Frontline Mapping Group",
            "verb": "according to",
        },
    }
    words = text(Ev("claim.extracted", after=after))
    assert words.startswith("Found by the extractor: about 350 km²")
    assert "First seen in Harbour Post, 6 Nov 2024" in words
    assert "Frontline Mapping Group according to" in words
    no_raw(words)


def test_evidence_links_and_unlinks_read_as_sentences() -> None:
    linked = text(
        Ev(
            "evidence.linked",
            after={
                "evidence_id": 11,
                "relation": "contradicts",
                "target_claim_id": 8,
                "target_source_id": None,
                "note": "Satellite count",
            },
        )
    )
    assert linked.startswith("Evidence added: this claim contradicts claim 8 (400 km²)")
    assert "Note: “Satellite count”" in linked
    unlinked = text(
        Ev(
            "evidence.unlinked",
            before={
                "evidence_id": 12,
                "relation": "corroborates",
                "target_source_id": 3,
                "target_claim_id": None,
                "verdict_needs_review": False,
            },
            after={"verdict_needs_review": True},
        )
    )
    assert unlinked.startswith(
        "Evidence removed: this claim no longer corroborates the report in Harbour Post"
    )
    assert "The verdict needs review again" in unlinked


def test_a_claim_the_reader_may_not_open_is_neither_named_nor_linked() -> None:
    hidden = Refs()
    out = describe(
        Ev("evidence.linked", after={"relation": "refines", "target_claim_id": 99}), hidden
    )
    assert "99" not in str(out.headline) and "another claim" in str(out.headline)
    verdict = describe(
        Ev("claim.verdict", after={"verdict": "confirmed", "evidence_relied_on": [42]}), hidden
    )
    assert "42" not in " ".join(map(str, verdict.details))


def test_merges_and_unmerges_say_what_moved() -> None:
    merged = text(
        Ev(
            "claim.merged",
            after={
                "merged_from": 8,
                "mentions_moved": [1, 2],
                "evidence_carried": [[1, 3]],
                "kept_because": "it holds the verdict",
            },
        )
    )
    assert merged.startswith(
        "Merged with claim 8 (400 km²): 2 mentions and 1 evidence link moved here"
    )
    assert "it holds the verdict" in merged
    into = text(Ev("claim.merged_into", after={"merged_into": 8, "mentions_moved": [1]}))
    assert into.startswith("Merged into claim 8 (400 km²): 1 mention moved there")
    undone = text(Ev("claim.unmerged", after={"unmerged_from": 8, "mentions_moved": [1]}))
    assert undone.startswith("Merge undone: split back out of claim 8")


def test_a_revert_links_the_version_it_went_back_to() -> None:
    out = describe(
        Ev(
            "claim.reverted",
            {"value": "400"},
            {"value": "350", "reverted_to_event": 21, "reverted_to_version": 2},
        ),
        refs(),
    )
    assert 'href="/claims/7/as-of/21/"' in str(out.headline) or "/21/" in str(out.headline)
    assert "version 2" in str(out.headline)
    assert "Figure changed from about 400 km² to about 350 km²" in " ".join(map(str, out.details))


def test_fact_sheet_events_name_the_sheet_with_a_link() -> None:
    added = describe(
        Ev(
            "factsheet.claim_added",
            after={"factsheet_id": 5, "title": "Old title", "section_id": None},
        ),
        refs(),
    )
    assert (
        str(added.headline)
        == 'Added to fact sheet <a href="/factsheets/5/"><em>The front in October</em></a>'
    )
    published = text(
        Ev(
            "factsheet.published",
            claim_id=None,
            after={"factsheet_id": 5, "version": 2, "sha256": "ab", "chain_head": "cd"},
        )
    )
    assert published == "Fact sheet The front in October published as version 2 | "
    note = text(
        Ev(
            "factsheet.note_set",
            before={"factsheet_id": 5, "note": ""},
            after={"factsheet_id": 5, "claim_id": 7, "note": "Check the relay"},
        )
    )
    assert "Note on fact sheet The front in October: “Check the relay”" in note


def test_report_entity_and_matching_events_read_as_sentences() -> None:
    created = text(
        Ev(
            "source.created",
            claim_id=None,
            source_id=3,
            after={
                "title": "Front line moves",
                "url": "https://x.example/",
                "sha256": "ab",
                "revision": 1,
                "outlet": "Harbour Post",
            },
        )
    )
    assert created.startswith("Report brought in: Front line moves from Harbour Post")
    done = text(
        Ev(
            "source.extraction_done",
            claim_id=None,
            source_id=3,
            before={"extraction_status": "running"},
            after={"extraction_status": "done", "figures_found": 5, "candidates_kept": 4},
        )
    )
    assert done.startswith(
        "Figures extracted: 5 figures found, 4 kept as candidates in Harbour Post"
    )
    edited = text(
        Ev(
            "source.metadata_edited",
            claim_id=None,
            source_id=3,
            before={"published_at": "2024-11-05T00:00:00+00:00"},
            after={"published_at": "2024-11-06T00:00:00+00:00"},
        )
    )
    assert "Published changed from “5 Nov 2024” to “6 Nov 2024”" in edited
    assert text(
        Ev("entity.created", claim_id=None, after={"name": "Harbour Post", "kind": "outlet"})
    ).startswith("New outlet on the desk: Harbour Post")
    dismissed = text(
        Ev(
            "match.dismissed",
            after={
                "match_id": 1,
                "other_claim_id": 8,
                "relation": "conflicts",
                "reason": "same unit, −12.5 %",
            },
        )
    )
    assert dismissed.startswith("Suggestion dismissed: claim 8 (400 km²) as conflicts")
    reassigned = text(
        Ev(
            "mention.reassigned",
            before={"mention 4 speaker": "Mr Z"},
            after={"mention 4 speaker": "Zelensky"},
        )
    )
    assert "speaker: Mr Z is now Zelensky" in reassigned


def test_an_unknown_action_still_reads_as_words() -> None:
    assert text(Ev("claim.flagged_for_lawyers")).startswith("Flagged for lawyers")


def test_referenced_collects_every_id_the_events_name() -> None:
    ids = referenced(
        [
            Ev("claim.verdict", after={"verdict": "confirmed", "evidence_relied_on": [11]}),
            Ev("claim.merged", claim_id=1, after={"merged_from": 8}),
            Ev("factsheet.claim_added", claim_id=2, after={"factsheet_id": 5}),
            Ev("claim.created", claim_id=3, after={"mention": {"source_id": 3}}),
        ]
    )
    assert ids.evidence == {11}
    assert ids.claims == {1, 2, 3, 7, 8}
    assert ids.sheets == {5}
    assert ids.sources == {3}


# --- the pages ---------------------------------------------------------------------------


@pytest.fixture
def storied(editor: Any, reporter: Any) -> Claim:
    source = make_source(reporter, outlet="Harbour Post")
    claim = make_claim(
        reporter,
        source,
        "400 square kilometres",
        value=Decimal(400),
        qualifier="=",
        unit="km2",
        unit_name="square kilometre",
        dimension="area",
    )
    other = make_claim(
        reporter, source, "700,000 tons of rice", value=Decimal(700000), qualifier="="
    )
    claim = services.claim_accept(claim=claim, by=editor, expected_version=claim.version)
    other = services.claim_accept(claim=other, by=editor, expected_version=other.version)
    ev = services.evidence_link(
        claim=claim, by=editor, relation=Relation.CORROBORATES, target_claim=other
    )
    claim = Claim.objects.get(pk=claim.pk)
    claim = services.claim_set_verdict(
        claim=claim, by=editor, verdict="confirmed", expected_version=claim.version, evidence=[ev]
    )
    return services.claim_edit(
        claim=claim,
        by=editor,
        expected_version=claim.version,
        changes={"value": "450"},
        reason="Recount",
    )


@pytest.mark.django_db
def test_the_claim_history_speaks_words_and_keeps_raw_fields_in_details(
    client: Any, editor: Any, storied: Claim, django_assert_max_num_queries: Any
) -> None:
    client.force_login(editor)
    with django_assert_max_num_queries(15):
        page = client.get(reverse("claims:detail", args=[storied.pk])).content.decode()
    history = page[page.index('id="history-title"') :]
    assert "Accepted onto the desk" in history
    assert "Confirmed, relying on 1 piece of evidence" in history
    assert "Figure changed from 400" in history and "to 450" in history
    visible = re.sub(r"<details.*?</details>", "", history, flags=re.S)
    for raw in ("evidence_relied_on", "{&#x27;source_id", "— →"):
        assert raw not in visible
    assert "<summary>Recorded fields</summary>" in history and "evidence_relied_on" in history


@pytest.mark.django_db
def test_the_audit_log_speaks_words_within_its_budget(
    client: Any, editor: Any, storied: Claim, django_assert_max_num_queries: Any
) -> None:
    client.force_login(editor)
    for _ in range(3):
        services.claim_edit(
            claim=Claim.objects.get(pk=storied.pk),
            by=editor,
            expected_version=Claim.objects.get(pk=storied.pk).version,
            changes={"value": str(500 + _)},
        )
    assert ClaimEvent.objects.count() > 8
    with django_assert_max_num_queries(10):
        page = client.get(reverse("claims:audit_log")).content.decode()
    assert "Confirmed, relying on 1 piece of evidence" in page
    assert "Report brought in" in page and "Harbour Post" in page
    assert "<code>claim.verdict</code>" in page  # the raw action, folded away


@pytest.mark.django_db
def test_the_dashboard_says_what_to_do_next_and_names_figures(
    client: Any, editor: Any, reporter: Any, storied: Claim, django_assert_max_num_queries: Any
) -> None:
    source = make_source(reporter, text="Officials said 70 boats sailed. Then 12 more came.")
    make_claim(reporter, source, "70 boats")
    disputed = make_claim(reporter, source, "12 more")
    disputed = services.claim_accept(claim=disputed, by=editor, expected_version=disputed.version)
    services.claim_set_verdict(
        claim=disputed,
        by=editor,
        verdict="disputed",
        expected_version=disputed.version,
        reason="No source",
    )
    client.force_login(editor)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("claims:dashboard")).content.decode()
    line = re.sub(r"<[^>]+>", "", page[page.index('class="todo-line"') :].split("</p>")[0])
    assert "1 candidate waiting" in line
    assert "0 conflicts" in line
    assert "1 disputed claim without evidence" in line
    assert 'href="/claims/?state=candidate"' in page and reverse("claims:conflicts") in page
    recent = page[page.index('id="recent"') :]
    assert f'href="/claims/{storied.pk}/"' in recent and "450 km²" in recent
    assert "Disputed" in recent


def test_an_undo_names_what_it_undid_and_what_changed_back() -> None:
    undone = text(
        Ev(
            "claim.undone",
            before={"state": "open", "version": 3},
            after={
                "state": "candidate",
                "version": 4,
                "undid_event": 41,
                "undid_action": "claim.accepted",
            },
        )
    )
    assert undone.startswith("Undid the acceptance (event 41)")
    assert "Now a candidate (was on the desk)" in undone
    no_raw(undone)
    verdict = text(
        Ev(
            "claim.undone",
            before={"verdict": "confirmed", "verdict_needs_review": False},
            after={
                "verdict": "unverified",
                "undid_event": 42,
                "undid_action": "claim.verdict",
            },
        )
    )
    assert verdict.startswith("Undid the verdict (event 42)")
    assert "Verdict unverified (was confirmed)" in verdict
    # The event is named, not linked: an undo links nothing the reader could not open.
    out = describe(Ev("claim.undone", after={"undid_event": 42, "undid_action": "x"}), refs())
    assert "<a " not in str(out.headline)
    assert str(out.headline) == "Undid the last change (event 42)"


def test_the_undo_words_cover_every_undoable_action() -> None:
    from claims.history_text import UNDONE_WORDS
    from claims.services.undo import UNDOABLE

    assert UNDONE_WORDS == UNDOABLE


def test_a_mention_in_a_revised_report_reads_as_mentioned_again() -> None:
    mentioned = text(
        Ev(
            "claim.mentioned",
            source_id=3,
            reason="The same passage as in report 2, of which this report is a revision.",
            after={"mention": {"source_id": 3, "quote": "about 350 km²", "speaker": ""}},
        )
    )
    assert mentioned.startswith(
        "Mentioned again, in a revised report in Harbour Post, 6 Nov 2024: “about 350 km²”"
    )
    no_raw(mentioned)
    assert text(Ev("claim.mentioned", source_id=3)).startswith(
        "Mentioned again in Harbour Post, 6 Nov 2024"
    )


def test_fact_sheet_archive_and_section_events_read_as_sentences() -> None:
    assert text(Ev("factsheet.archived", after={"factsheet_id": 5})).startswith(
        "Fact sheet The front in October archived"
    )
    assert text(Ev("factsheet.restored", after={"factsheet_id": 5})).startswith(
        "Fact sheet The front in October restored from the archive"
    )
    renamed = text(
        Ev(
            "factsheet.section_renamed",
            before={"factsheet_id": 5, "section_id": 2, "title": "East"},
            after={"factsheet_id": 5, "section_id": 2, "title": "Donetsk"},
        )
    )
    assert renamed.startswith("Section “East” renamed to “Donetsk” on fact sheet The front")
    moved = text(
        Ev("factsheet.section_moved", after={"factsheet_id": 5, "section_id": 2, "position": 1})
    )
    assert moved.startswith("A section moved to place 1 on fact sheet The front in October")


def _recorded_actions() -> set[str]:
    """Every action string the services can record: the string constants in claims/services/
    shaped like an action, and the f-string actions (expanded by hand below; a new f-string
    action fails the test until it is listed)."""
    import ast
    from pathlib import Path

    import claims.services

    shape = re.compile(r"^(claim|source|evidence|entity|mention|match|factsheet)\.[a-z_]+$")
    expansions = {"source.extraction_": ("source.extraction_done", "source.extraction_failed")}
    found: set[str] = set()
    for path in Path(claims.services.__file__).parent.glob("*.py"):
        tree = ast.parse(path.read_text())
        parts = {
            id(part) for n in ast.walk(tree) if isinstance(n, ast.JoinedStr) for part in n.values
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                if id(node) in parts:
                    continue
                if shape.match(node.value):
                    found.add(node.value)
            elif isinstance(node, ast.JoinedStr) and node.values:
                head = node.values[0]
                if (
                    isinstance(head, ast.Constant)
                    and isinstance(head.value, str)
                    and re.match(r"^[a-z]+\.[a-z_]*$", head.value)
                    and shape.match(head.value + "x")
                ):
                    assert head.value in expansions, f"{path.name}: f-string action {head.value}"
                    found.update(expansions[head.value])
    return found


def test_every_action_the_services_record_has_its_own_wording() -> None:
    from claims.history_text import worded_actions

    recorded = _recorded_actions()
    # The collection itself works: it sees the kinds this issue worded.
    assert {"claim.undone", "claim.mentioned", "factsheet.restored"} <= recorded
    assert "source.extraction_failed" in recorded
    missing = sorted(recorded - worded_actions())
    assert missing == [], f"describe() has no wording for {missing}"
