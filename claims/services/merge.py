"""Merging claims ("Same claim": one figure asserted in several places) and undoing a merge.

:func:`merge_plan` says which claim a merge keeps and why, before anything is written: the
claim that holds a verdict, else the one accepted onto the desk, else the one that carries
evidence; two claims with different verdicts need the editor's choice. :func:`claim_merge`
carries the duplicate's mentions, evidence and fact-sheet entries over to the kept claim;
the duplicate points at the kept claim and, if it was open, is archived; a candidate or
rejected duplicate keeps its state, so a merge never shows it to viewers.
:func:`claim_unmerge` undoes a merge from what its history event recorded.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Max
from django.utils import timezone

from claims import audit, permissions
from claims.audit import one_action
from claims.models import (
    Claim,
    ClaimEvent,
    ClaimState,
    Evidence,
    FactSheet,
    FactSheetEntry,
    FactSheetSection,
    Mention,
    Verdict,
)
from claims.models_watch import NotificationKind
from claims.querysets import service_writes
from claims.services import desk_stats, watch
from claims.services._base import ServiceError, _require, _user_or_none
from claims.services.claims import _lock, _save_claim
from claims.services.evidence import _evidence_summary
from claims.services.factsheets import (
    PUBLISHABLE_STATES,
    _reading_order,
    _renumber,
    _sheet_event,
    _touch,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    User = AbstractBaseUser | AnonymousUser

ACCEPTED = (ClaimState.OPEN, ClaimState.ARCHIVED)


# --- The plan -----------------------------------------------------------------------------


@dataclass(frozen=True)
class MergeSide:
    claim: Claim
    mentions: int
    evidence: int
    sheets: int

    @property
    def has_verdict(self) -> bool:
        return self.claim.verdict != Verdict.UNVERIFIED

    @property
    def accepted(self) -> bool:
        return self.claim.state in ACCEPTED

    @property
    def weight(self) -> tuple[bool, bool, bool]:
        return (self.has_verdict, self.accepted, self.evidence > 0)


@dataclass(frozen=True)
class MergePlan:
    """Which way a merge of ``first`` and ``second`` goes. ``keep`` is None when the editor
    must choose (``why`` says why)."""

    first: MergeSide
    second: MergeSide
    keep: Claim | None
    why: str

    @property
    def needs_choice(self) -> bool:
        return self.keep is None

    def sides(self, kept_pk: int) -> tuple[MergeSide, MergeSide]:
        if kept_pk == self.first.claim.pk:
            return self.first, self.second
        return self.second, self.first

    def effects(self, kept_pk: int) -> list[str]:
        """What a merge keeping ``kept_pk`` does, in the editor's words."""
        kept, dup = self.sides(kept_pk)
        k, d = kept.claim.pk, dup.claim.pk
        lines = [
            f"Claim {d}'s {_n(dup.mentions, 'mention')} {_v(dup.mentions, 'move')} to claim {k}."
        ]
        if dup.evidence:
            lines.append(
                f"Claim {d}'s {_n(dup.evidence, 'evidence link')} "
                f"{_v(dup.evidence, 'carry', 'carries')} over to claim {k}."
            )
        if dup.sheets:
            lines.append(
                f"{_n(dup.sheets, 'fact-sheet entry', 'fact-sheet entries')} of claim "
                f"{d} then {_v(dup.sheets, 'cite')} claim {k}."
            )
        if dup.claim.state == ClaimState.OPEN:
            lines.append(f"Claim {d} is archived and points at claim {k}.")
        elif dup.accepted:
            lines.append(f"Claim {d} stays archived and points at claim {k}.")
        else:
            lines.append(
                f"Claim {d} stays {dup.claim.get_state_display().lower()} (never shown to "
                f"viewers) and points at claim {k}."
            )
        if kept.has_verdict:
            lines.append(f"Claim {k} keeps its verdict ({kept.claim.get_verdict_display()}).")
        if dup.has_verdict and dup.claim.verdict != kept.claim.verdict:
            lines.append(
                f"Claim {d}'s verdict ({dup.claim.get_verdict_display()}) no longer stands: "
                "it stays in that claim's history."
            )
        if dup.sheets and kept.claim.state not in PUBLISHABLE_STATES:
            lines.append(
                f"Claim {k} is {kept.claim.get_state_display().lower()}: those fact sheets "
                "cannot be published until it is accepted."
            )
        return lines


def _n(count: int, word: str, plural: str = "") -> str:
    return f"{count} {word if count == 1 else plural or word + 's'}"


def _v(count: int, verb: str, singular: str = "") -> str:
    return (singular or verb + "s") if count == 1 else verb


def _sides(claim: Claim, other: Claim) -> tuple[MergeSide, MergeSide]:
    pks = [claim.pk, other.pk]
    mentions = dict(
        Mention.objects.filter(claim_id__in=pks)
        .order_by()
        .values_list("claim_id")
        .annotate(n=Count("id"))
    )
    evidence = dict(
        Evidence.objects.filter(claim_id__in=pks, removed_at__isnull=True)
        .order_by()
        .values_list("claim_id")
        .annotate(n=Count("id"))
    )
    sheets = dict(
        FactSheetEntry.objects.filter(claim_id__in=pks)
        .order_by()
        .values_list("claim_id")
        .annotate(n=Count("id"))
    )
    return tuple(  # type: ignore[return-value]
        MergeSide(c, mentions.get(c.pk, 0), evidence.get(c.pk, 0), sheets.get(c.pk, 0))
        for c in (claim, other)
    )


def merge_plan(claim: Claim, other: Claim) -> MergePlan:
    """Which claim a merge of ``claim`` (the one the editor is on) and ``other`` keeps."""
    a, b = _sides(claim, other)
    if a.has_verdict and b.has_verdict and a.claim.verdict != b.claim.verdict:
        return MergePlan(
            a,
            b,
            None,
            f"Claim {a.claim.pk} is {a.claim.get_verdict_display().lower()} and claim "
            f"{b.claim.pk} is {b.claim.get_verdict_display().lower()}: choose which claim, and "
            "so which verdict, stands.",
        )
    keep, other_side = (a, b) if a.weight >= b.weight else (b, a)
    k, o = keep.claim.pk, other_side.claim.pk
    if keep.has_verdict and not other_side.has_verdict:
        why = f"Claim {k} holds the verdict ({keep.claim.get_verdict_display()})."
    elif keep.accepted and not other_side.accepted:
        why = (
            f"Claim {k} is on the desk; claim {o} is "
            f"{other_side.claim.get_state_display().lower()}."
        )
    elif keep.evidence and not other_side.evidence:
        why = f"Claim {k} carries evidence; claim {o} carries none."
    else:
        why = f"Both claims weigh the same; the claim you are on (claim {k}) is kept."
    return MergePlan(a, b, keep.claim, why)


# --- Merge --------------------------------------------------------------------------------


def claim_merge(
    *,
    claim: Claim,
    duplicate: Claim,
    by: User | None,
    expected_version: int | None,
    duplicate_version: int | None = None,
    reason: str = "",
    chosen: bool = False,
) -> Claim:
    """Fold ``duplicate`` into ``claim``: the same figure, asserted in several places.

    Without ``chosen`` (the editor picked the direction on the preview) the merge goes only
    the way :func:`merge_plan` says, and two claims with different verdicts are refused.
    Mentions move to the kept claim; the duplicate's active evidence links are copied onto
    it (and unlinked on the duplicate, whose verdict records keep what they relied on); its
    fact-sheet entries cite the kept claim. Every claim and sheet touched gets its event,
    under one correlation id; :func:`claim_unmerge` reads them back.
    """
    _require(by, permissions.can_review, "merge claims")
    if claim.pk == duplicate.pk:
        raise ValidationError({"duplicate": "A claim cannot be merged into itself."})
    reason = reason.strip()
    with one_action(), transaction.atomic(), service_writes():
        # Lock in primary-key order so two opposite merges cannot deadlock.
        first, second = sorted(
            [(claim, expected_version), (duplicate, duplicate_version)], key=lambda p: p[0].pk
        )
        locked = {c.pk: _lock(c, v) for c, v in (first, second)}
        kept, dup = locked[claim.pk], locked[duplicate.pk]
        for one in (kept, dup):
            if one.merged_into_id is not None:
                raise ServiceError(
                    f"Claim {one.pk} was already merged into claim {one.merged_into_id}."
                )
        plan = merge_plan(kept, dup)
        if plan.keep is None and not chosen:
            raise ValidationError({"keep": plan.why})
        if plan.keep is not None and plan.keep.pk != kept.pk and not chosen:
            raise ValidationError(
                {
                    "keep": f"{plan.why} Merge claim {kept.pk} into claim {dup.pk} instead, "
                    "or choose which claim stays."
                }
            )
        note = f"Claim {dup.pk} merged into claim {kept.pk}"
        moved = list(Mention.objects.filter(claim=dup).order_by("id").values_list("id", flat=True))
        Mention.objects.filter(pk__in=moved).update(claim=kept)
        _refresh_figures(kept, dup)
        carried = _carry_evidence(kept, dup, by, reason or note)
        entries_moved, entries_dropped = _carry_entries(kept, dup, by, reason or note)
        record = {
            "mentions_moved": moved,
            "evidence_carried": carried,
            "factsheet_entries_moved": entries_moved,
            "factsheet_entries_dropped": entries_dropped,
            "kept_because": "chosen by the editor" if chosen else plan.why,
        }
        dup_before = dup.snapshot()
        dup.merged_into = kept
        if dup.state == ClaimState.OPEN:
            dup.state = ClaimState.ARCHIVED
        _save_claim(
            dup,
            by=by,
            action="claim.merged_into",
            before=dup_before,
            reason=reason,
            extra_after=record,
        )
        _save_claim(
            kept,
            by=by,
            action="claim.merged",
            before=kept.snapshot(),
            reason=reason,
            extra_after={"merged_from": dup.pk, **record},
        )
        if moved:
            what = f"{len(moved)} carried over from claim #{dup.pk}"
            watch.notify([watch.Touch(NotificationKind.MENTION, kept.pk, what=what)], by=by)
    return kept


def _link_key(e: Evidence) -> tuple[Any, ...]:
    return (e.relation, e.target_claim_id, e.target_source_id, e.passage_start, e.passage_end)


def _carry_evidence(kept: Claim, dup: Claim, by: User | None, reason: str) -> list[list[Any]]:
    """Copy the duplicate's active links onto the kept claim; [old id, new id or None]."""
    on_kept = {_link_key(e) for e in Evidence.objects.filter(claim=kept, removed_at__isnull=True)}
    pairs: list[list[Any]] = []
    links = Evidence.objects.select_for_update().filter(claim=dup, removed_at__isnull=True)
    for old in links.order_by("id"):
        old.removed_at = timezone.now()
        old.removed_by = _user_or_none(by)
        old.save(update_fields=["removed_at", "removed_by"])
        audit.record_event(
            action="evidence.unlinked",
            by=by,
            claim=dup,
            reason=reason,
            before=_evidence_summary(old),
        )
        new_id = None
        # A link to the kept claim itself, or one it already has, is not copied.
        if old.target_claim_id != kept.pk and _link_key(old) not in on_kept:
            copy = Evidence.objects.create(
                claim=kept,
                relation=old.relation,
                target_source_id=old.target_source_id,
                target_claim_id=old.target_claim_id,
                passage_start=old.passage_start,
                passage_end=old.passage_end,
                quote=old.quote,
                note=old.note,
                created_by_id=old.created_by_id,
            )
            on_kept.add(_link_key(copy))
            audit.record_event(
                action="evidence.linked",
                by=by,
                claim=kept,
                reason=reason,
                source=old.target_source,
                after={**_evidence_summary(copy), "carried_from": old.pk},
            )
            new_id = copy.pk
        pairs.append([old.pk, new_id])
    return pairs


def _carry_entries(
    kept: Claim, dup: Claim, by: User | None, reason: str
) -> tuple[list[int], list[dict[str, Any]]]:
    """The duplicate's fact-sheet entries cite the kept claim (or go, where it is there)."""
    moved: list[int] = []
    dropped: list[dict[str, Any]] = []
    for entry in FactSheetEntry.objects.filter(claim=dup).order_by("sheet_id", "id"):
        sheet = FactSheet.objects.select_for_update().get(pk=entry.sheet_id)
        if FactSheetEntry.objects.filter(sheet=sheet, claim=kept).exists():
            dropped.append(
                {
                    "factsheet_id": sheet.pk,
                    "section_id": entry.section_id,
                    "position": entry.position,
                    "note": entry.note,
                }
            )
            entry.delete()
            _renumber(_reading_order(sheet), FactSheetEntry)
            _sheet_event(
                "factsheet.claim_removed",
                by,
                sheet,
                claim=dup,
                reason=reason,
                before={"title": sheet.title, "note": entry.note},
            )
        else:
            entry.claim = kept
            entry.save(update_fields=["claim"])
            moved.append(entry.pk)
            _sheet_event(
                "factsheet.claim_replaced",
                by,
                sheet,
                claim=kept,
                reason=reason,
                before={"claim_id": dup.pk},
                after={"claim_id": kept.pk, "title": sheet.title},
            )
        _touch(sheet)
    return moved, dropped


# --- Undo a merge -------------------------------------------------------------------------


def claim_unmerge(
    *, claim: Claim, by: User | None, reason: str, expected_version: int | None = None
) -> Claim:
    """Undo the merge of ``claim`` into another, from what the merge's event recorded.

    The mentions, evidence and fact-sheet entries the merge moved (and that are still where
    it put them) go back; the claim gets its state back and no longer points at the other.
    Both claims get a new event; nothing earlier is rewritten.
    """
    _require(by, permissions.can_review, "undo merges")
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "Say why the merge is undone: a reason is required."})
    with one_action(), transaction.atomic(), service_writes():
        current = Claim.objects.only("id", "merged_into_id").get(pk=claim.pk)
        if current.merged_into_id is None:
            raise ServiceError(f"Claim {claim.pk} is not merged into another claim.")
        pairs = sorted(
            [(claim.pk, expected_version), (current.merged_into_id, None)], key=lambda p: p[0]
        )
        locked = {pk: _lock(Claim(pk=pk), v) for pk, v in pairs}
        dup, kept = locked[claim.pk], locked[current.merged_into_id]
        event = (
            ClaimEvent.objects.filter(claim=dup, action="claim.merged_into").order_by("-id").first()
        )
        if event is None or event.after.get("merged_into") != kept.pk:
            raise ServiceError("The history holds no merge of this claim to undo.")
        done = event.after
        kept_before = kept.snapshot()

        back = list(
            Mention.objects.filter(pk__in=done.get("mentions_moved", []), claim=kept)
            .order_by("id")
            .values_list("id", flat=True)
        )
        Mention.objects.filter(pk__in=back).update(claim=dup)
        _refresh_figures(kept, dup)
        evidence_back = _restore_evidence(kept, dup, by, reason, done.get("evidence_carried", []))
        entries_back = _restore_entries(kept, dup, by, reason, done)

        dup_before = dup.snapshot()
        dup.merged_into = None
        merged_state = (event.after or {}).get("state")
        if merged_state is not None and dup.state == merged_state:
            dup.state = (event.before or {}).get("state", dup.state)
        record = {
            "mentions_moved": back,
            "evidence_restored": evidence_back,
            "factsheet_entries_restored": entries_back,
            "undid_event": event.pk,
        }
        _save_claim(
            dup,
            by=by,
            action="claim.unmerged",
            before=dup_before,
            reason=reason,
            extra_after={"unmerged_from": kept.pk, **record},
        )
        _save_claim(
            kept,
            by=by,
            action="claim.unmerged_from",
            before=kept_before,
            reason=reason,
            extra_after={"returned_to": dup.pk, **record},
        )
    return dup


def _restore_evidence(
    kept: Claim, dup: Claim, by: User | None, reason: str, carried: list[list[Any]]
) -> list[int]:
    restored: list[int] = []
    for old_id, new_id in carried:
        if new_id is not None:
            copy = (
                Evidence.objects.select_for_update()
                .filter(pk=new_id, claim=kept, removed_at__isnull=True)
                .first()
            )
            if copy is not None:
                if (
                    kept.current_verdict_id
                    and copy.relied_on_by.filter(pk=kept.current_verdict_id).exists()
                ):
                    kept.verdict_needs_review = True
                copy.removed_at = timezone.now()
                copy.removed_by = _user_or_none(by)
                copy.save(update_fields=["removed_at", "removed_by"])
                audit.record_event(
                    action="evidence.unlinked",
                    by=by,
                    claim=kept,
                    reason=reason,
                    before=_evidence_summary(copy),
                )
        old = Evidence.objects.select_for_update().filter(pk=old_id, claim=dup).first()
        if old is None or old.removed_at is None:
            continue
        again = Evidence.objects.filter(
            claim=dup,
            removed_at__isnull=True,
            relation=old.relation,
            target_claim_id=old.target_claim_id,
            target_source_id=old.target_source_id,
            passage_start=old.passage_start,
            passage_end=old.passage_end,
        ).exists()
        if again:
            continue
        old.removed_at = None
        old.removed_by = None
        old.save(update_fields=["removed_at", "removed_by"])
        audit.record_event(
            action="evidence.linked",
            by=by,
            claim=dup,
            reason=reason,
            source=old.target_source,
            after={**_evidence_summary(old), "restored": True},
        )
        restored.append(old.pk)
    return restored


def _restore_entries(
    kept: Claim, dup: Claim, by: User | None, reason: str, done: dict[str, Any]
) -> list[int]:
    restored: list[int] = []
    for entry_id in done.get("factsheet_entries_moved", []):
        entry = FactSheetEntry.objects.filter(pk=entry_id, claim=kept).first()
        if entry is None:
            continue
        sheet = FactSheet.objects.select_for_update().get(pk=entry.sheet_id)
        if FactSheetEntry.objects.filter(sheet=sheet, claim=dup).exists():
            continue
        entry.claim = dup
        entry.save(update_fields=["claim"])
        _sheet_event(
            "factsheet.claim_replaced",
            by,
            sheet,
            claim=dup,
            reason=reason,
            before={"claim_id": kept.pk},
            after={"claim_id": dup.pk, "title": sheet.title},
        )
        _touch(sheet)
        restored.append(entry.pk)
    for gone in done.get("factsheet_entries_dropped", []):
        found = FactSheet.objects.select_for_update().filter(pk=gone["factsheet_id"]).first()
        if found is None or FactSheetEntry.objects.filter(sheet=found, claim=dup).exists():
            continue
        section = FactSheetSection.objects.filter(pk=gone["section_id"], sheet=found).first()
        last = FactSheetEntry.objects.filter(sheet=found).aggregate(m=Max("position"))["m"]
        entry = FactSheetEntry.objects.create(
            sheet=found,
            claim=dup,
            section=section,
            position=(last or 0) + 1,
            note=gone.get("note", ""),
            added_by=_user_or_none(by),
        )
        _sheet_event(
            "factsheet.claim_added",
            by,
            found,
            claim=dup,
            reason=reason,
            after={"title": found.title, "section_id": section.pk if section else None},
        )
        _touch(found)
        restored.append(entry.pk)
    return restored


def _refresh_figures(*claims: Claim) -> None:
    """Mentions moved between these claims: recompute their maintained mention figures
    (count, first and last reported, first outlet) and reload them before they are saved."""
    desk_stats.refresh_claims([c.pk for c in claims])
    for claim in claims:
        claim.refresh_from_db(fields=desk_stats.MENTION_FIGURE_FIELDS)
