"""What verify_audit checks the hash chain against: its anchors, and the rows it must explain.

A hash chain proves that no event was changed or removed *before the last event it holds*.
It cannot tell a chain cut short, or one rewritten and re-hashed from some event on, from a
genuine one: whoever can disable the triggers (the tables' owner, a superuser) can do both.
Anchors can tell: hashes of the chain recorded where that person cannot reach or cannot
forge them. Each anchor names an event id and the hash that event must have.

- **The chain head row** (PostgreSQL, migration 0005): record_event moves it with every
  event, so it must be the last event's hash. Catches the last events deleted, unless the
  head row is forged too.
- **Published fact-sheet versions** freeze the head at publication (``last_event_id``,
  ``chain_head``); readers keep the exports that cite it.
- **Signed checkpoints** (``AuditCheckpoint``): ``manage.py audit_checkpoint`` appends the
  verified head, signed with HMAC-SHA256 under ``AUDIT_CHECKPOINT_KEY``, a key that lives in
  the environment (or a file) of the hosts that run the desk and never in the database. Each
  signature covers the previous checkpoint's signature, so checkpoints cannot be removed
  from the middle of the log or reordered unseen; ``--export FILE`` writes the log out for a
  copy kept elsewhere, and ``verify_audit --checkpoints FILE`` checks that copy against the
  log, so a log cut at its end is caught too.
- **The rows**: every claim, source, entity, evidence link, verdict and fact sheet is
  written together with an event, so an audited row without one means events were removed
  (a wiped table).

What stays undetectable: a rewrite after the newest anchor that the rewriter could not
forge, by someone who holds the database and re-hashes the tail. Take checkpoints often
(from cron) and keep exported copies off the database host.

Every check returns :class:`Problem` values; ``position`` (an event id) orders them, so
verify_audit names the first event or checkpoint that does not agree.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db.models import Count, Exists, F, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from claims import audit
from claims.models import (
    AuditCheckpoint,
    Claim,
    ClaimEvent,
    Entity,
    Evidence,
    FactSheet,
    FactSheetVersion,
    Source,
    VerdictRecord,
)

KEY_MIN_LENGTH = 32
EXPORT_FORMAT = "factdesk-audit-checkpoints-1"
_END = 2**63  # the position of problems about the whole desk (after every event)


@dataclass(frozen=True)
class Problem:
    """One thing that does not agree. ``position``: the event id it concerns (for order)."""

    position: int
    text: str


class CheckpointKeyError(Exception):
    """AUDIT_CHECKPOINT_KEY is missing or too weak to sign with."""


def checkpoint_key() -> str:
    """The signing key from settings (env ``AUDIT_CHECKPOINT_KEY`` or ``..._FILE``)."""
    key: str = getattr(settings, "AUDIT_CHECKPOINT_KEY", "") or ""
    if not key:
        raise CheckpointKeyError(
            "AUDIT_CHECKPOINT_KEY is not set. Set it (or AUDIT_CHECKPOINT_KEY_FILE) to a long "
            "random string kept outside the database, the same on every host that signs or "
            "verifies checkpoints."
        )
    if len(key) < KEY_MIN_LENGTH:
        raise CheckpointKeyError(
            f"AUDIT_CHECKPOINT_KEY is too short ({len(key)} characters): use at least "
            f"{KEY_MIN_LENGTH} random characters."
        )
    return key


def key_id(key: str) -> str:
    """A fingerprint of the key, stored with each checkpoint (says nothing about the key)."""
    return hmac.new(key.encode(), b"factdesk checkpoint key id", hashlib.sha256).hexdigest()[:16]


@dataclass(frozen=True)
class CheckpointRecord:
    """A checkpoint as the log stores it and as an export writes it (all text, exact)."""

    number: int
    event_id: int
    event_hash: str
    created_at: str
    created_by: str
    key_id: str
    signature: str

    @classmethod
    def of(cls, checkpoint: AuditCheckpoint) -> CheckpointRecord:
        return cls(
            number=checkpoint.number,
            event_id=checkpoint.event_id,
            event_hash=checkpoint.event_hash,
            created_at=timestamp(checkpoint.created_at),
            created_by=checkpoint.created_by,
            key_id=checkpoint.key_id,
            signature=checkpoint.signature,
        )

    @property
    def label(self) -> str:
        return f"checkpoint {self.number} (signed {self.created_at[:19].replace('T', ' ')})"


def timestamp(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def signed_message(
    *,
    number: int,
    event_id: int,
    event_hash: str,
    created_at: str,
    created_by: str,
    previous_signature: str,
) -> bytes:
    """The bytes a checkpoint's HMAC covers, the previous checkpoint's signature included."""
    return (
        "factdesk audit checkpoint 1\n"
        f"number {number}\nevent {event_id}\nhash {event_hash}\nat {created_at}\n"
        f"by {created_by}\nprevious {previous_signature or '-'}\n"
    ).encode()


def sign(key: str, message: bytes) -> str:
    return hmac.new(key.encode(), message, hashlib.sha256).hexdigest()


def signature_of(record: CheckpointRecord, key: str, previous_signature: str) -> str:
    return sign(
        key,
        signed_message(
            number=record.number,
            event_id=record.event_id,
            event_hash=record.event_hash,
            created_at=record.created_at,
            created_by=record.created_by,
            previous_signature=previous_signature,
        ),
    )


# --- export and import -------------------------------------------------------------------------


def export_text() -> tuple[str, int]:
    """The whole checkpoint log as a JSON document, and how many checkpoints it holds."""
    records = [asdict(CheckpointRecord.of(c)) for c in AuditCheckpoint.objects.order_by("number")]
    document = {
        "format": EXPORT_FORMAT,
        "exported_at": timestamp(timezone.now()),
        "checkpoints": records,
    }
    return json.dumps(document, indent=1, ensure_ascii=False) + "\n", len(records)


def read_export(path: Path) -> list[CheckpointRecord]:
    """Read an exported log; a file that is not one raises ValueError saying why."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"cannot read {path}: {exc}") from None
    if not isinstance(document, dict) or document.get("format") != EXPORT_FORMAT:
        raise ValueError(f"{path} is not an export of audit_checkpoint ({EXPORT_FORMAT})")
    records = []
    fields = CheckpointRecord.__dataclass_fields__
    for index, item in enumerate(document.get("checkpoints") or []):
        if not isinstance(item, dict) or set(item) != set(fields):
            raise ValueError(f"{path}: entry {index + 1} is not a checkpoint")
        try:
            record = CheckpointRecord(**item)
        except TypeError:
            raise ValueError(f"{path}: entry {index + 1} is not a checkpoint") from None
        texts = (record.event_hash, record.created_at, record.created_by, record.key_id)
        if not all(type(v) is int for v in (record.number, record.event_id)) or not all(
            type(v) is str for v in (*texts, record.signature)
        ):
            raise ValueError(f"{path}: entry {index + 1} has values of the wrong type")
        records.append(record)
    return records


# --- the checks ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Anchor:
    event_id: int
    event_hash: str
    label: str


def _check_log(
    records: Sequence[CheckpointRecord], key: str | None, where: str
) -> tuple[list[Problem], list[_Anchor]]:
    """A checkpoint log in number order: numbered 1, 2, 3… and, with the key, each
    signature (which covers the one before it) verifies."""
    problems: list[Problem] = []
    anchors: list[_Anchor] = []
    expected, previous, broken_link = 1, "", False
    wanted_id = key_id(key) if key else ""
    for record in records:
        if record.number != expected:
            missing = (
                f"checkpoint {expected}"
                if record.number == expected + 1
                else f"checkpoints {expected}–{record.number - 1}"
            )
            problems.append(
                Problem(
                    record.event_id,
                    f"{missing} {'is' if record.number == expected + 1 else 'are'} missing "
                    f"from {where} (it goes on at checkpoint {record.number}): checkpoints "
                    "were removed",
                )
            )
            broken_link = True  # the signature covers the missing one's: cannot recompute
        if key and not broken_link:
            if record.key_id != wanted_id:
                problems.append(
                    Problem(
                        record.event_id,
                        f"{record.label} in {where} was signed with another key (key id "
                        f"{record.key_id}, the configured key is {wanted_id})",
                    )
                )
            elif not hmac.compare_digest(signature_of(record, key, previous), record.signature):
                problems.append(
                    Problem(
                        record.event_id,
                        f"the signature of {record.label} in {where} does not verify: the "
                        "checkpoint was changed, or not written by audit_checkpoint",
                    )
                )
        anchors.append(_Anchor(record.event_id, record.event_hash, record.label))
        expected, previous, broken_link = record.number + 1, record.signature, False
    return problems, anchors


def _compare_export(
    log: Sequence[CheckpointRecord], exported: Sequence[CheckpointRecord], name: str
) -> list[Problem]:
    """Every checkpoint of an exported copy must still be in the log, unchanged."""
    by_number = {record.number: record for record in log}
    problems = []
    for record in exported:
        kept = by_number.get(record.number)
        if kept is None:
            problems.append(
                Problem(
                    record.event_id,
                    f"{record.label} of {name} is missing from the checkpoint log: the log "
                    "was cut or emptied after that copy was exported",
                )
            )
        elif kept != record:
            changed = ", ".join(
                field
                for field in CheckpointRecord.__dataclass_fields__
                if getattr(kept, field) != getattr(record, field)
            )
            problems.append(
                Problem(
                    record.event_id,
                    f"{record.label} differs between the checkpoint log and {name} ({changed}): "
                    "the log was rewritten",
                )
            )
    return problems


def _factsheet_anchors() -> list[_Anchor]:
    rows = FactSheetVersion.objects.order_by("last_event_id", "pk").values_list(
        "sheet_id", "number", "last_event_id", "chain_head", "published_at"
    )
    return [
        _Anchor(
            event_id,
            head,
            f"fact sheet {sheet} version {number} (published {published:%Y-%m-%d %H:%M})",
        )
        for sheet, number, event_id, head, published in rows.iterator(chunk_size=2000)
    ]


def _event_hashes(ids: Iterable[int]) -> dict[int, str]:
    wanted = sorted(set(ids))
    found: dict[int, str] = {}
    for start in range(0, len(wanted), 1000):
        chunk = wanted[start : start + 1000]
        found.update(ClaimEvent.objects.filter(id__in=chunk).values_list("id", "hash"))
    return found


def _check_anchors(anchors: Sequence[_Anchor], report: audit.ChainReport) -> list[Problem]:
    """Each anchor's event must be in the chain with the hash the anchor recorded."""
    problems: list[Problem] = []
    hashes = _event_hashes(a.event_id for a in anchors if a.event_id > 0)
    agreed: _Anchor | None = None
    for anchor in sorted(anchors, key=lambda a: a.event_id):
        if anchor.event_id == 0:  # recorded on an empty history
            if anchor.event_hash != audit.GENESIS_HASH and not (
                ClaimEvent.objects.filter(hash=anchor.event_hash).exists()
            ):
                problems.append(
                    Problem(
                        0,
                        f"{anchor.label} records the chain head {anchor.event_hash}, "
                        "which is not in the chain: the history was rewritten",
                    )
                )
            continue
        stored = hashes.get(anchor.event_id)
        since = (
            f" (the newest anchor that agrees: {agreed.label}, at event {agreed.event_id})"
            if agreed is not None
            else ""
        )
        if stored is None:
            if report.last_id is None:
                end = "the history holds no events: they were removed"
            elif anchor.event_id > report.last_id:
                end = f"the history ends at event {report.last_id}: events after it were removed"
            else:
                end = "it was removed"
            problems.append(
                Problem(
                    anchor.event_id,
                    f"{anchor.label} records event {anchor.event_id} with hash "
                    f"{anchor.event_hash[:12]}…, but the history has no event "
                    f"{anchor.event_id}; {end}{since}",
                )
            )
        elif stored != anchor.event_hash:
            problems.append(
                Problem(
                    anchor.event_id,
                    f"{anchor.label} records hash {anchor.event_hash[:12]}… for event "
                    f"{anchor.event_id}, but that event now has hash {stored[:12]}…: the "
                    f"history up to event {anchor.event_id} was rewritten and re-hashed{since}",
                )
            )
        else:
            agreed = anchor
    return problems


def _check_head_row(report: audit.ChainReport) -> list[Problem]:
    if report.head_row is None or not report.ok:
        return []
    position = (report.last_id or 0) + 1
    if report.head_row == "":
        return [Problem(position, "the chain head row (migration 0005) is missing")]
    if report.head_row == report.head:
        return []
    if report.last_id is None:
        where = "the history holds no events: they were removed"
    else:
        where = (
            f"the last event, {report.last_id}, has hash {report.head[:12]}…: events after "
            f"event {report.last_id} were removed, or the head row was changed"
        )
    return [
        Problem(position, f"the chain head row records hash {report.head_row[:12]}…, but {where}")
    ]


def _many(count: int, noun: str) -> str:
    plural = noun[:-1] + "ies" if noun.endswith("y") else noun + "s"
    return f"{count} {noun if count == 1 else plural}"


def _first_without(queryset: Any) -> tuple[int, int | None]:
    found = list(queryset.order_by("pk").values_list("pk", flat=True)[:1])
    return (queryset.count(), found[0]) if found else (0, None)


def _count_per_claim(model: Any) -> Subquery:
    return Subquery(
        model.objects.filter(claim_id=OuterRef("pk"))
        .order_by()
        .values("claim_id")
        .annotate(n=Count("pk"))
        .values("n")
    )


def rows_without_events() -> list[str]:
    """What audited rows have no event, one phrase per kind (empty: every row has one).

    Claims, sources and entities need an event naming them; an evidence link and a fact
    sheet need the ``evidence.linked`` or ``factsheet.created`` event that carries its id;
    each verdict on a claim, one event of that claim.
    """
    events = ClaimEvent.objects.all()
    found: list[str] = []
    checks: list[tuple[str, Any]] = [
        ("claim", Claim.objects.filter(~Exists(events.filter(claim_id=OuterRef("pk"))))),
        ("source", Source.objects.filter(~Exists(events.filter(source_id=OuterRef("pk"))))),
        ("entity", Entity.objects.filter(~Exists(events.filter(entity_id=OuterRef("pk"))))),
    ]
    for kind, queryset in checks:
        count, first = _first_without(queryset)
        if first is not None:
            found.append(f"{_many(count, kind)} without any event (the first: {kind} {first})")
    # The rows before their events: a row committed meanwhile came with its event.
    evidence = list(Evidence.objects.values_list("pk", flat=True))
    linked = set(
        events.filter(action="evidence.linked")
        .values_list("after__evidence_id", flat=True)
        .iterator(chunk_size=5000)
    )
    unlinked = [pk for pk in evidence if pk not in linked]
    if unlinked:
        found.append(
            f"{_many(len(unlinked), 'evidence link')} without "
            f"{'its' if len(unlinked) == 1 else 'their'} evidence.linked event "
            f"(the first: evidence {min(unlinked)})"
        )
    sheets = list(FactSheet.objects.values_list("pk", flat=True))
    created = set(
        events.filter(action="factsheet.created")
        .values_list("after__factsheet_id", flat=True)
        .iterator(chunk_size=5000)
    )
    unrecorded = [pk for pk in sheets if pk not in created]
    if unrecorded:
        found.append(
            f"{_many(len(unrecorded), 'fact sheet')} without "
            f"{'its' if len(unrecorded) == 1 else 'their'} factsheet.created event "
            f"(the first: fact sheet {min(unrecorded)})"
        )
    short = (
        Claim.objects.filter(Exists(VerdictRecord.objects.filter(claim_id=OuterRef("pk"))))
        .annotate(
            n_verdicts=_count_per_claim(VerdictRecord),
            n_events=Coalesce(_count_per_claim(ClaimEvent), 0),
        )
        .filter(n_verdicts__gt=F("n_events"))
    )
    count, first = _first_without(short)
    if first is not None:
        found.append(
            f"{_many(count, 'claim')} with more verdicts than events (the first: claim {first})"
        )
    return found


def _check_rows(report: audit.ChainReport) -> list[Problem]:
    missing = rows_without_events()
    if not missing:
        return []
    if report.checked == 0 and report.ok:
        return [
            Problem(
                0,
                "the history holds no events, but the desk holds rows written with them ("
                + "; ".join(missing)
                + "): the events were removed, the table was wiped",
            )
        ]
    return [
        Problem(
            _END,
            "audited rows exist without their events ("
            + "; ".join(missing)
            + "): their events were removed",
        )
    ]


@dataclass
class HistoryCheck:
    """The outcome of :func:`check_history`: what was checked, and what does not agree."""

    problems: list[Problem]
    anchors: list[str]  # what the chain was checked against, for the operator

    @property
    def ok(self) -> bool:
        return not self.problems


def check_history(
    report: audit.ChainReport,
    *,
    key: str | None,
    key_error: str = "AUDIT_CHECKPOINT_KEY is not set",
    exported: Sequence[CheckpointRecord] = (),
    exported_name: str = "the exported copy",
) -> HistoryCheck:
    """Every problem with the history, the first one (in event order) first.

    ``report`` is the chain's own verification; ``key`` the checkpoint key (None: unusable,
    for the reason ``key_error``, so signatures cannot be checked: itself a problem when
    there are checkpoints); ``exported`` the checkpoints of a copy kept elsewhere.
    """
    problems: list[Problem] = []
    if not report.ok:
        problems.append(
            Problem(
                report.broken_id or 0,
                f"event {report.broken_id} is the first broken link; {report.problem}",
            )
        )
    log = [CheckpointRecord.of(c) for c in AuditCheckpoint.objects.order_by("number")]
    log_problems, anchors = _check_log(log, key, "the checkpoint log")
    problems += log_problems
    checked = [
        f"{_many(len(log), 'signed checkpoint')} (the newest: {log[-1].label}, event "
        f"{log[-1].event_id})"
        if log
        else "no signed checkpoint yet (run audit_checkpoint, from cron, to anchor the chain)"
    ]
    if exported:
        copy_problems, copy_anchors = _check_log(exported, key, exported_name)
        problems += copy_problems + _compare_export(log, exported, exported_name)
        known = {(a.event_id, a.event_hash) for a in anchors}
        anchors += [a for a in copy_anchors if (a.event_id, a.event_hash) not in known]
        checked.append(f"{_many(len(exported), 'checkpoint')} in {exported_name}")
    sheets = _factsheet_anchors()
    anchors += sheets
    checked.append(_many(len(sheets), "published fact-sheet version"))
    problems += _check_anchors(anchors, report)
    if report.head_row is not None:
        checked.append("the chain head row")
        problems += _check_head_row(report)
    problems += _check_rows(report)
    count = max(len(log), len(exported))
    if key is None and count:
        problems.append(
            Problem(
                _END,
                f"the signature{'' if count == 1 else 's'} of {_many(count, 'checkpoint')} "
                f"cannot be checked: {key_error.rstrip('.')}",
            )
        )
    # Stable: at one position the chain's own verdict comes first, then the anchors.
    return HistoryCheck(sorted(problems, key=lambda p: p.position), checked)
