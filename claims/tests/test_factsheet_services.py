"""Fact-sheet services: curating, ordering, permissions, history, publishing."""

from __future__ import annotations

import hashlib
import json
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.utils import DatabaseError

from claims import services
from claims.exports.content import iter_entries, load_content
from claims.models import ClaimEvent, FactSheetEntry, FactSheetVersion, ImmutableVersionError
from claims.services.factsheets import changed_since
from claims.tests.factsheet_desk import desk_sheet


def reading_order(sheet: Any) -> list[int]:
    from claims.services.factsheets import _reading_order

    return [e.claim_id for e in _reading_order(sheet)]


@pytest.fixture
def desk(reporter: Any, editor: Any, source: Any) -> dict[str, Any]:
    return desk_sheet(reporter, editor, source)


def test_only_editors_create_and_curate_fact_sheets(reporter, viewer, editor, open_claim):
    for user in (reporter, viewer):
        with pytest.raises(PermissionDenied):
            services.factsheet_create(by=user, title="Mine")
    sheet = services.factsheet_create(by=editor, title="Ours")
    with pytest.raises(PermissionDenied):
        services.factsheet_claim_add(sheet=sheet, by=reporter, claim=open_claim)
    with pytest.raises(PermissionDenied):
        services.factsheet_publish(sheet=sheet, by=viewer)


def test_a_title_is_required(editor):
    with pytest.raises(ValidationError):
        services.factsheet_create(by=editor, title="   ")


def test_each_write_records_an_event_in_the_same_transaction(editor, open_claim):
    sheet = services.factsheet_create(by=editor, title="Sheet")
    services.factsheet_claim_add(sheet=sheet, by=editor, claim=open_claim)
    created = ClaimEvent.objects.get(action="factsheet.created")
    assert created.after["factsheet_id"] == sheet.pk and created.claim_id is None
    added = ClaimEvent.objects.get(action="factsheet.claim_added")
    assert added.claim_id == open_claim.pk and added.after["factsheet_id"] == sheet.pk


def test_a_failing_event_rolls_the_write_back(editor, open_claim, monkeypatch):
    sheet = services.factsheet_create(by=editor, title="Sheet")

    def boom(**kwargs: Any) -> None:
        raise RuntimeError("audit down")

    monkeypatch.setattr("claims.audit.record_event", boom)
    with pytest.raises(RuntimeError):
        services.factsheet_claim_add(sheet=sheet, by=editor, claim=open_claim)
    assert not FactSheetEntry.objects.filter(sheet=sheet).exists()


def test_a_claim_goes_on_a_sheet_once(editor, open_claim):
    sheet = services.factsheet_create(by=editor, title="Sheet")
    services.factsheet_claim_add(sheet=sheet, by=editor, claim=open_claim)
    with pytest.raises(services.ServiceError, match="already"):
        services.factsheet_claim_add(sheet=sheet, by=editor, claim=open_claim)


def test_candidates_do_not_go_on_a_sheet(editor, candidate):
    sheet = services.factsheet_create(by=editor, title="Sheet")
    with pytest.raises(services.ServiceError, match="Only open claims"):
        services.factsheet_claim_add(sheet=sheet, by=editor, claim=candidate)


def test_moving_a_claim_crosses_section_edges(desk, editor):
    sheet = desk["sheet"]
    a, b, c = (claim.pk for claim in desk["claims"])
    assert reading_order(sheet) == [a, b, c]
    entry_c = FactSheetEntry.objects.get(sheet=sheet, claim_id=c)
    services.factsheet_entry_move(entry=entry_c, by=editor, offset=-1)
    assert reading_order(sheet) == [a, c, b]
    services.factsheet_entry_move(entry=entry_c, by=editor, offset=-1)  # into "=Troops", last
    assert reading_order(sheet) == [a, c, b]
    assert FactSheetEntry.objects.get(pk=entry_c.pk).section == sheet.sections.get(title="=Troops")
    services.factsheet_entry_move(entry=entry_c, by=editor, offset=-1)
    assert reading_order(sheet) == [c, a, b]
    entry_a = FactSheetEntry.objects.get(sheet=sheet, claim_id=a)
    services.factsheet_entry_move(entry=entry_a, by=editor, offset=1)  # into "Territory", first
    assert reading_order(sheet) == [c, a, b]
    assert FactSheetEntry.objects.get(pk=entry_a.pk).section == sheet.sections.get(
        title="Territory"
    )


def test_removing_a_section_keeps_its_claims(desk, editor):
    sheet = desk["sheet"]
    land = sheet.sections.get(title="Territory")
    services.factsheet_section_remove(section=land, by=editor)
    assert FactSheetEntry.objects.filter(sheet=sheet).count() == 3
    assert FactSheetEntry.objects.filter(sheet=sheet, section__isnull=True).count() == 2


def test_sections_move_up_and_down(desk, editor):
    sheet = desk["sheet"]
    land = sheet.sections.get(title="Territory")
    services.factsheet_section_move(section=land, by=editor, offset=-1)
    assert [s.title for s in sheet.sections.order_by("position")] == ["Territory", "=Troops"]


def test_a_stale_title_edit_is_refused(editor, second_editor):
    sheet = services.factsheet_create(by=editor, title="Sheet")
    seen = sheet.revision
    services.factsheet_edit(
        sheet=sheet, by=second_editor, title="Theirs", summary="", expected_revision=seen
    )
    with pytest.raises(services.FactSheetConflict):
        services.factsheet_edit(
            sheet=sheet, by=editor, title="Mine", summary="", expected_revision=seen
        )


def test_publishing_freezes_a_numbered_version_with_hash_and_chain_head(desk, editor):
    head_before = ClaimEvent.objects.latest("id")
    version = services.factsheet_publish(sheet=desk["sheet"], by=editor)
    assert version.number == 1
    assert version.sha256 == hashlib.sha256(version.content.encode()).hexdigest()
    assert version.chain_head == head_before.hash
    content = json.loads(version.content)
    assert content["publication"]["version"] == 1
    assert content["publication"]["chain_head"] == head_before.hash
    event = ClaimEvent.objects.latest("id")
    assert event.action == "factsheet.published" and event.after["sha256"] == version.sha256
    assert services.factsheet_publish(sheet=desk["sheet"], by=editor).number == 2


def test_an_empty_sheet_cannot_be_published(editor):
    sheet = services.factsheet_create(by=editor, title="Empty")
    with pytest.raises(services.ServiceError, match="at least one claim"):
        services.factsheet_publish(sheet=sheet, by=editor)


def test_a_sheet_with_a_rejected_claim_cannot_be_published(desk, editor):
    claim = desk["claims"][2]
    from claims.models import Claim

    fresh = Claim.objects.get(pk=claim.pk)
    services.claim_reject(claim=fresh, by=editor, expected_version=fresh.version, reason="no")
    with pytest.raises(services.ServiceError, match="no longer accepted"):
        services.factsheet_publish(sheet=desk["sheet"], by=editor)


def test_published_versions_cannot_be_changed_or_deleted(desk, editor):
    version = services.factsheet_publish(sheet=desk["sheet"], by=editor)
    version.content = "{}"
    with pytest.raises(ImmutableVersionError):
        version.save()
    with pytest.raises(ImmutableVersionError):
        version.delete()
    with pytest.raises(ImmutableVersionError):
        FactSheetVersion.objects.filter(pk=version.pk).update(content="{}")


def test_the_database_refuses_to_update_a_published_version(desk, editor):
    version = services.factsheet_publish(sheet=desk["sheet"], by=editor)
    table = FactSheetVersion._meta.db_table
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET content = %s WHERE id = %s", ["{}", version.pk])  # noqa: S608


def test_later_changes_to_its_claims_show_as_changed_since_publication(desk, editor):
    version = services.factsheet_publish(sheet=desk["sheet"], by=editor)
    assert changed_since(version) == {}
    from claims.models import Claim

    claim = Claim.objects.get(pk=desk["claims"][0].pk)
    services.claim_edit(
        claim=claim, by=editor, expected_version=claim.version, changes={"as_of": "November"}
    )
    # Curating another sheet is not a change to the claim.
    other = services.factsheet_create(by=editor, title="Other")
    services.factsheet_claim_add(sheet=other, by=editor, claim=claim)
    changes = changed_since(version)
    assert list(changes) == [claim.pk]
    assert [e.action for e in changes[claim.pk]] == ["claim.edited"]


def test_the_snapshot_keeps_every_claim_in_reading_order(desk, editor):
    version = services.factsheet_publish(sheet=desk["sheet"], by=editor)
    content = load_content(version)
    assert [e["claim_id"] for _t, e in iter_entries(content)] == [c.pk for c in desk["claims"]]
    assert [e["number"] for _t, e in iter_entries(content)] == [1, 2, 3]
    assert [s["ref"] for s in content["sources"]] == [1, 2]
