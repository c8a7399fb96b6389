"""Fact sheets: curating (title, sections, claims, notes, order) and publishing versions.

Editors curate and publish; everyone on the desk reads and exports (the views check that).
Each write runs in one transaction and records its event through ``audit.record_event``.
Events about the sheet itself carry no claim (the sheet id is in ``after``/``before``);
adding or removing a claim carries that claim, so the claim's own history says which sheets
it went on. Every write bumps the sheet's ``revision``; title and summary edits carry the
revision the editor saw, so a concurrent edit is refused rather than overwritten.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone

from claims import audit, permissions
from claims.models import (
    Claim,
    ClaimEvent,
    ClaimState,
    FactSheet,
    FactSheetEntry,
    FactSheetSection,
    FactSheetVersion,
)
from claims.querysets import service_writes
from claims.services._base import ServiceError, _require, _user_or_none

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    User = AbstractBaseUser | AnonymousUser

TITLE_MAX = 200
NOTE_MAX = 4000
SUMMARY_MAX = 8000
# A sheet is published output: every claim on it must be one the desk has accepted.
PUBLISHABLE_STATES = (ClaimState.OPEN, ClaimState.ARCHIVED)
ADDABLE_STATES = (ClaimState.OPEN,)


class FactSheetConflict(ServiceError):
    """The sheet changed since the editor loaded it."""


def _clean_title(title: str, what: str = "fact sheet") -> str:
    title = " ".join((title or "").split())
    if not title:
        raise ValidationError({"title": f"Give the {what} a title."})
    if len(title) > TITLE_MAX:
        raise ValidationError({"title": f"Keep the title under {TITLE_MAX} characters."})
    return title


def _touch(sheet: FactSheet) -> None:
    FactSheet.objects.filter(pk=sheet.pk).update(
        revision=F("revision") + 1, updated_at=timezone.now()
    )
    sheet.refresh_from_db(fields=["revision", "updated_at"])


def _lock_sheet(sheet: FactSheet) -> FactSheet:
    fresh = FactSheet.objects.select_for_update().get(pk=sheet.pk)
    if fresh.archived_at is not None:
        raise ServiceError("This fact sheet is archived; restore it before changing it.")
    return fresh


def _sheet_event(action: str, by: User | None, sheet: FactSheet, **kw: Any) -> None:
    after = {"factsheet_id": sheet.pk, **kw.pop("after", {})}
    before = kw.pop("before", None)
    if before is not None:
        before = {"factsheet_id": sheet.pk, **before}
    audit.record_event(action=action, by=by, after=after, before=before, **kw)


def factsheet_create(*, by: User | None, title: str, summary: str = "") -> FactSheet:
    _require(by, permissions.can_review, "create fact sheets")
    title = _clean_title(title)
    summary = (summary or "").strip()[:SUMMARY_MAX]
    with transaction.atomic(), service_writes():
        sheet = FactSheet.objects.create(title=title, summary=summary, created_by=_user_or_none(by))
        _sheet_event("factsheet.created", by, sheet, after={"title": title, "summary": summary})
    return sheet


def factsheet_edit(
    *, sheet: FactSheet, by: User | None, title: str, summary: str, expected_revision: int
) -> FactSheet:
    _require(by, permissions.can_review, "edit fact sheets")
    title = _clean_title(title)
    summary = (summary or "").strip()[:SUMMARY_MAX]
    with transaction.atomic(), service_writes():
        fresh = _lock_sheet(sheet)
        if fresh.revision != expected_revision:
            raise FactSheetConflict(
                "Someone changed this fact sheet after you opened it; "
                "reload it to see their change, then edit again."
            )
        before = {"title": fresh.title, "summary": fresh.summary}
        if before == {"title": title, "summary": summary}:
            return fresh
        fresh.title, fresh.summary = title, summary
        fresh.save(update_fields=["title", "summary", "updated_at"])
        _touch(fresh)
        _sheet_event(
            "factsheet.edited",
            by,
            fresh,
            before=before,
            after={"title": title, "summary": summary},
        )
    return fresh


def factsheet_archive(*, sheet: FactSheet, by: User | None, archived: bool = True) -> FactSheet:
    """Take a sheet off the list (or bring it back). Sheets and their versions are kept."""
    _require(by, permissions.can_review, "archive fact sheets")
    with transaction.atomic(), service_writes():
        fresh = FactSheet.objects.select_for_update().get(pk=sheet.pk)
        if (fresh.archived_at is not None) == archived:
            return fresh
        fresh.archived_at = timezone.now() if archived else None
        fresh.save(update_fields=["archived_at", "updated_at"])
        _touch(fresh)
        _sheet_event("factsheet.archived" if archived else "factsheet.restored", by, fresh)
    return fresh


# --- Sections -----------------------------------------------------------------------------


def _sections(sheet: FactSheet) -> list[FactSheetSection]:
    return list(FactSheetSection.objects.filter(sheet=sheet).order_by("position", "id"))


def _renumber(items: Sequence[Any], model: Any) -> None:
    changed = []
    for index, item in enumerate(items, start=1):
        if item.position != index:
            item.position = index
            changed.append(item)
    if changed:
        model.objects.bulk_update(changed, ["position"])


def factsheet_section_add(*, sheet: FactSheet, by: User | None, title: str) -> FactSheetSection:
    _require(by, permissions.can_review, "edit fact sheets")
    title = _clean_title(title, "section")
    with transaction.atomic(), service_writes():
        fresh = _lock_sheet(sheet)
        last = FactSheetSection.objects.filter(sheet=fresh).aggregate(m=Max("position"))["m"]
        section = FactSheetSection.objects.create(
            sheet=fresh, title=title, position=(last or 0) + 1
        )
        _touch(fresh)
        _sheet_event(
            "factsheet.section_added",
            by,
            fresh,
            after={"section_id": section.pk, "title": title},
        )
    return section


def factsheet_section_rename(
    *, section: FactSheetSection, by: User | None, title: str
) -> FactSheetSection:
    _require(by, permissions.can_review, "edit fact sheets")
    title = _clean_title(title, "section")
    with transaction.atomic(), service_writes():
        fresh_sheet = _lock_sheet(section.sheet)
        fresh = FactSheetSection.objects.get(pk=section.pk)
        if fresh.title == title:
            return fresh
        before = fresh.title
        fresh.title = title
        fresh.save(update_fields=["title"])
        _touch(fresh_sheet)
        _sheet_event(
            "factsheet.section_renamed",
            by,
            fresh_sheet,
            before={"section_id": fresh.pk, "title": before},
            after={"section_id": fresh.pk, "title": title},
        )
    return fresh


def factsheet_section_remove(*, section: FactSheetSection, by: User | None) -> None:
    """Remove a heading; its claims stay on the sheet, at the end of the unsectioned part."""
    _require(by, permissions.can_review, "edit fact sheets")
    with transaction.atomic(), service_writes():
        fresh_sheet = _lock_sheet(section.sheet)
        order = _reading_order(fresh_sheet)
        moved = [e for e in order if e.section_id == section.pk]
        rest = [e for e in order if e.section_id != section.pk]
        unsectioned = sum(1 for e in rest if e.section_id is None)
        for entry in moved:
            entry.section = None
        order = rest[:unsectioned] + moved + rest[unsectioned:]
        if moved:
            FactSheetEntry.objects.bulk_update(moved, ["section"])
        _renumber(order, FactSheetEntry)
        title = section.title
        FactSheetSection.objects.filter(pk=section.pk).delete()
        _renumber(_sections(fresh_sheet), FactSheetSection)
        _touch(fresh_sheet)
        _sheet_event(
            "factsheet.section_removed",
            by,
            fresh_sheet,
            before={"section_id": section.pk, "title": title},
            after={"claims_moved": [e.claim_id for e in moved]},
        )


def factsheet_section_move(*, section: FactSheetSection, by: User | None, offset: int) -> None:
    """Move a section up (offset -1) or down (+1)."""
    _require(by, permissions.can_review, "edit fact sheets")
    with transaction.atomic(), service_writes():
        fresh_sheet = _lock_sheet(section.sheet)
        sections = _sections(fresh_sheet)
        index = next(i for i, s in enumerate(sections) if s.pk == section.pk)
        target = index + (1 if offset > 0 else -1)
        if not 0 <= target < len(sections):
            return
        sections[index], sections[target] = sections[target], sections[index]
        _renumber(sections, FactSheetSection)
        _touch(fresh_sheet)
        _sheet_event(
            "factsheet.section_moved",
            by,
            fresh_sheet,
            after={"section_id": section.pk, "position": target + 1},
        )


# --- Entries ------------------------------------------------------------------------------


def _reading_order(sheet: FactSheet) -> list[FactSheetEntry]:
    """Entries as a reader meets them: unsectioned first, then section by section."""
    section_rank = {s.pk: i for i, s in enumerate(_sections(sheet), start=1)}
    entries = list(FactSheetEntry.objects.filter(sheet=sheet).order_by("position", "id"))
    return sorted(entries, key=lambda e: (section_rank.get(e.section_id or 0, 0), e.position, e.pk))


def factsheet_claim_add(
    *,
    sheet: FactSheet,
    by: User | None,
    claim: Claim,
    section: FactSheetSection | None = None,
    note: str = "",
) -> FactSheetEntry:
    _require(by, permissions.can_review, "curate fact sheets")
    if section is not None and section.sheet_id != sheet.pk:
        raise ValidationError({"section": "That section belongs to another fact sheet."})
    with transaction.atomic(), service_writes():
        fresh = _lock_sheet(sheet)
        claim = Claim.objects.get(pk=claim.pk)
        if claim.merged_into_id is not None:
            raise ServiceError("This claim was merged into another; add that one instead.")
        if claim.state not in ADDABLE_STATES:
            raise ServiceError(
                f"Only open claims go on a fact sheet; this one is "
                f"{claim.get_state_display().lower()}."
            )
        if FactSheetEntry.objects.filter(sheet=fresh, claim=claim).exists():
            raise ServiceError("This claim is already on that fact sheet.")
        last = FactSheetEntry.objects.filter(sheet=fresh).aggregate(m=Max("position"))["m"]
        entry = FactSheetEntry.objects.create(
            sheet=fresh,
            claim=claim,
            section=section,
            position=(last or 0) + 1,
            note=(note or "").strip()[:NOTE_MAX],
            added_by=_user_or_none(by),
        )
        _touch(fresh)
        _sheet_event(
            "factsheet.claim_added",
            by,
            fresh,
            claim=claim,
            after={"title": fresh.title, "section_id": section.pk if section else None},
        )
    return entry


def factsheet_claim_remove(*, entry: FactSheetEntry, by: User | None) -> None:
    _require(by, permissions.can_review, "curate fact sheets")
    with transaction.atomic(), service_writes():
        fresh_sheet = _lock_sheet(entry.sheet)
        fresh = FactSheetEntry.objects.select_related("claim").get(pk=entry.pk)
        fresh.delete()
        _renumber(_reading_order(fresh_sheet), FactSheetEntry)
        _touch(fresh_sheet)
        _sheet_event(
            "factsheet.claim_removed",
            by,
            fresh_sheet,
            claim=fresh.claim,
            before={"title": fresh_sheet.title, "note": fresh.note},
        )


def factsheet_entry_move(*, entry: FactSheetEntry, by: User | None, offset: int) -> None:
    """Move a claim one place up (-1) or down (+1) in reading order.

    Past the edge of its section it crosses into the neighbouring section (to its end when
    moving up, to its start when moving down), so the keyboard alone can take a claim anywhere.
    """
    _require(by, permissions.can_review, "curate fact sheets")
    with transaction.atomic(), service_writes():
        fresh_sheet = _lock_sheet(entry.sheet)
        order = _reading_order(fresh_sheet)
        sections: list[int | None] = [None, *(s.pk for s in _sections(fresh_sheet))]
        index = next(i for i, e in enumerate(order) if e.pk == entry.pk)
        current = order[index]
        step = 1 if offset > 0 else -1
        neighbour = index + step
        if 0 <= neighbour < len(order) and order[neighbour].section_id == current.section_id:
            order[index], order[neighbour] = order[neighbour], order[index]
        else:
            rank = sections.index(current.section_id) + step
            if not 0 <= rank < len(sections):
                return
            current.section_id = sections[rank]
            current.save(update_fields=["section"])
        _renumber(_sorted_by_section(order, sections), FactSheetEntry)
        _touch(fresh_sheet)
        _sheet_event(
            "factsheet.claim_moved",
            by,
            fresh_sheet,
            after={"claim_id": current.claim_id, "section_id": current.section_id},
        )


def _sorted_by_section(
    order: list[FactSheetEntry], sections: list[int | None]
) -> list[FactSheetEntry]:
    rank = {pk: i for i, pk in enumerate(sections)}
    # A stable sort keeps the order within each section. An entry that just crossed a section
    # edge still sits between the two sections in ``order``, so it lands at the end of the
    # section above (moving up) or at the start of the section below (moving down).
    return sorted(order, key=lambda e: rank[e.section_id])


def factsheet_entry_set_section(
    *, entry: FactSheetEntry, by: User | None, section: FactSheetSection | None
) -> None:
    _require(by, permissions.can_review, "curate fact sheets")
    if section is not None and section.sheet_id != entry.sheet_id:
        raise ValidationError({"section": "That section belongs to another fact sheet."})
    with transaction.atomic(), service_writes():
        fresh_sheet = _lock_sheet(entry.sheet)
        fresh = FactSheetEntry.objects.get(pk=entry.pk)
        if fresh.section_id == (section.pk if section else None):
            return
        fresh.section = section
        fresh.position = (
            FactSheetEntry.objects.filter(sheet=fresh_sheet).aggregate(m=Max("position"))["m"] or 0
        ) + 1
        fresh.save(update_fields=["section", "position"])
        _renumber(_reading_order(fresh_sheet), FactSheetEntry)
        _touch(fresh_sheet)
        _sheet_event(
            "factsheet.claim_moved",
            by,
            fresh_sheet,
            after={"claim_id": fresh.claim_id, "section_id": fresh.section_id},
        )


def factsheet_entry_note(*, entry: FactSheetEntry, by: User | None, note: str) -> FactSheetEntry:
    _require(by, permissions.can_review, "curate fact sheets")
    note = (note or "").strip()
    if len(note) > NOTE_MAX:
        raise ValidationError({"note": f"Keep the note under {NOTE_MAX} characters."})
    with transaction.atomic(), service_writes():
        fresh_sheet = _lock_sheet(entry.sheet)
        fresh = FactSheetEntry.objects.get(pk=entry.pk)
        if fresh.note == note:
            return fresh
        before = fresh.note
        fresh.note = note
        fresh.save(update_fields=["note"])
        _touch(fresh_sheet)
        _sheet_event(
            "factsheet.note_set",
            by,
            fresh_sheet,
            before={"claim_id": fresh.claim_id, "note": before},
            after={"claim_id": fresh.claim_id, "note": note},
        )
    return fresh


# --- Publishing ---------------------------------------------------------------------------


def factsheet_publish(*, sheet: FactSheet, by: User | None) -> FactSheetVersion:
    """Freeze the sheet as the next numbered version: content, SHA-256, who, when, chain head."""
    from claims.exports.content import build_content, canonical_json, user_label

    _require(by, permissions.can_review, "publish fact sheets")
    with transaction.atomic(), service_writes():
        fresh = _lock_sheet(sheet)
        on_sheet = list(
            FactSheetEntry.objects.filter(sheet=fresh)
            .order_by("claim_id")
            .values_list("claim_id", "claim__state")
        )
        if not on_sheet:
            raise ServiceError("Add at least one claim before publishing.")
        # Named by claim number (the number on the claim's page), never by place on the sheet.
        unpublishable = [
            f"claim {pk} is {ClaimState(state).label.lower()}"
            for pk, state in on_sheet
            if state not in PUBLISHABLE_STATES
        ]
        if unpublishable:
            raise ServiceError(
                "Some claims on this sheet are no longer accepted "
                f"({'; '.join(unpublishable)}): remove them, or accept or reopen them first."
            )
        number = (
            FactSheetVersion.objects.filter(sheet=fresh).aggregate(m=Max("number"))["m"] or 0
        ) + 1
        # Everything up to this event is what the snapshot reflects; the publish event below
        # then enters the version's hash into the chain.
        last = ClaimEvent.objects.order_by("-id").values("id", "hash").first()
        head = last["hash"] if last and last["hash"] else audit.GENESIS_HASH
        published_at = timezone.now()
        content = build_content(
            fresh,
            publication={
                "version": number,
                "published_at": published_at.isoformat(),
                "published_by": user_label(_user_or_none(by)) or audit.current_context().label,
                "chain_head": head,
            },
        )
        text = canonical_json(content)
        version = FactSheetVersion.objects.create(
            sheet=fresh,
            number=number,
            content=text,
            sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
            published_by=_user_or_none(by),
            published_at=published_at,
            chain_head=head,
            last_event_id=last["id"] if last else 0,
        )
        _touch(fresh)
        _sheet_event(
            "factsheet.published",
            by,
            fresh,
            after={"version": number, "sha256": version.sha256, "chain_head": head},
        )
        # The PDFs are made once, by the worker, as soon as this commits.
        from claims.exports import stored_pdf

        stored_pdf.request_all(version)
    return version


def changed_since(version: FactSheetVersion) -> dict[int, list[ClaimEvent]]:
    """Claim id -> the events that changed that claim after the version was published."""
    from claims.exports.content import iter_entries, load_content

    claim_ids = [entry["claim_id"] for _title, entry in iter_entries(load_content(version))]
    changes: dict[int, list[ClaimEvent]] = {}
    events = (
        ClaimEvent.objects.filter(claim_id__in=claim_ids, id__gt=version.last_event_id)
        .exclude(action__startswith="factsheet.")
        .order_by("id")
    )
    for event in events:
        if event.claim_id is not None:
            changes.setdefault(event.claim_id, []).append(event)
    return changes


# --- The demo desk ------------------------------------------------------------------------

DEMO_TITLE = "North Korean troops in Russia: the figures"
DEMO_SUMMARY = (
    "The figures the desk checked in two reports on North Korean soldiers sent to Russia "
    "and on Russia's gains in Ukraine in October 2024, with their sources and verdicts."
)
DEMO_SECTIONS = (
    ("Troops and money", ("count", "currency", "mass")),
    ("The front line", ("area", "ratio", "duration")),
)


def factsheet_load_demo(*, by: User | None) -> FactSheetVersion | None:
    """Build and publish the demo desk's fact sheet from its open claims, once.

    Idempotent: if the demo sheet exists and is published, nothing changes.
    """
    existing = FactSheet.objects.filter(title=DEMO_TITLE).first()
    if existing is not None:
        latest = FactSheetVersion.objects.filter(sheet=existing).order_by("-number").first()
        if latest is not None:
            return latest
        sheet = existing
    else:
        sheet = factsheet_create(by=by, title=DEMO_TITLE, summary=DEMO_SUMMARY)
    claims = list(
        Claim.objects.filter(state=ClaimState.OPEN, merged_into__isnull=True).order_by(
            "-score", "id"
        )
    )
    if not claims:
        return None
    with transaction.atomic():
        sections = {
            title: FactSheetSection.objects.filter(sheet=sheet, title=title).first()
            or factsheet_section_add(sheet=sheet, by=by, title=title)
            for title, _dims in DEMO_SECTIONS
        }
        on_sheet = set(
            FactSheetEntry.objects.filter(sheet=sheet).values_list("claim_id", flat=True)
        )
        for claim in claims:
            if claim.pk in on_sheet:
                continue
            section = next(
                (sections[t] for t, dims in DEMO_SECTIONS if claim.dimension in dims), None
            )
            note = "Reported second-hand: check the relay." if claim.verdict == "unverified" else ""
            factsheet_claim_add(sheet=sheet, by=by, claim=claim, section=section, note=note)
        return factsheet_publish(sheet=sheet, by=by)
