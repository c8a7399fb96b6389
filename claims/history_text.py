"""History in the editor's words: one formatter for every history view and the audit log.

:func:`describe` is pure: it turns one event (its action, ``before`` and ``after``) and a
:class:`Refs` of the things the event names (reports, evidence links, claims, fact sheets)
into an :class:`EventText`: a headline ("Confirmed, relying on 2 pieces of evidence",
"Figure changed from about 350 to 400 km²", "Mention added in *Harbour Post*, 6 Nov") and
detail lines, as safe HTML with links. It reads no database: the raw fields stay in the
event, which the templates show one click away (``<details>``) for auditors.

:func:`load_refs` is the one place that reads: for a page of events it collects every id the
events name and resolves each kind in one query (so a page of 50 events costs at most four
extra queries, whatever they name), as the given user may read them.

Figures are described from the event's own ``before``/``after`` fields; the parts of the
quantity the event did not change (its unit, say) come from ``base`` (the claim as it stands
now), which is what a reader expects for an event that changed the value alone.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any, Protocol

from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from claims.formatting import FIGURE_FIELDS, QUALIFIER_SYMBOLS, QUALIFIER_WORDS, format_quantity

TEXT_FIELDS = {
    "statement": "Statement",
    "subject": "Subject",
    "as_of": "Date of the figure",
    "place": "Place",
}
VERDICT_WORDS = {
    "unverified": "Unverified",
    "confirmed": "Confirmed",
    "disputed": "Disputed",
    "misleading": "Misleading",
    "unverifiable": "Unverifiable",
}
STATE_WORDS = {
    "candidate": "a candidate",
    "open": "on the desk",
    "rejected": "rejected",
    "archived": "archived",
}
RELATION_WORDS = {
    "corroborates": "corroborates",
    "contradicts": "contradicts",
    "refines": "refines",
    "supersedes": "supersedes",
    "context": "gives context to",
}
EXTRACTION_WORDS = {
    "done": "Figures extracted",
    "failed": "Extraction failed",
    "pending": "Extraction queued",
    "running": "Extraction started",
}


class EventLike(Protocol):
    action: str
    before: Any
    after: Any
    claim_id: int | None
    source_id: int | None
    entity_id: int | None
    reason: str


@dataclass(frozen=True)
class SourceRef:
    title: str
    outlet: str
    published: date | None


@dataclass(frozen=True)
class EvidenceRef:
    relation: str
    claim_id: int
    target_claim_id: int | None
    target_source_id: int | None
    note: str


@dataclass(frozen=True)
class ClaimRef:
    statement: str
    figure: str
    fields: Mapping[str, Any] = field(default_factory=dict)


@dataclass
class Refs:
    """What the events of one page name, resolved once for the page."""

    sources: dict[int, SourceRef] = field(default_factory=dict)
    evidence: dict[int, EvidenceRef] = field(default_factory=dict)
    claims: dict[int, ClaimRef] = field(default_factory=dict)
    sheets: dict[int, str] = field(default_factory=dict)


@dataclass(frozen=True)
class EventText:
    headline: SafeString
    details: tuple[SafeString, ...] = ()


# --- small pieces ------------------------------------------------------------------------------


def short_date(value: date | None) -> str:
    """ "6 Nov 2024" (no time: a report's date is what a reader looks for)."""
    return "" if value is None else f"{value.day} {value:%b %Y}"


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _dec(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


class _Figure:
    """A quantity in the shape claims.formatting reads, from event fields over a base."""

    def __init__(self, fields: Mapping[str, Any]) -> None:
        self.value = _dec(fields.get("value"))
        self.low = _dec(fields.get("low"))
        self.high = _dec(fields.get("high"))
        self.from_value = _dec(fields.get("from_value"))
        self.qualifier = str(fields.get("qualifier") or "=")
        for name in ("trend", "change", "unit", "unit_name", "dimension", "currency", "per"):
            setattr(self, name, str(fields.get(name) or ""))

    trend: str
    change: str
    unit: str
    unit_name: str
    dimension: str
    currency: str
    per: str


def figure_of(fields: Mapping[str, Any]) -> str:
    """ "about 350 km²" from a claim's recorded fields ("" when it holds no number)."""
    q = _Figure(fields)
    if q.value is None and q.low is None and q.high is None:
        return ""
    # Unit symbols ("km²") but qualifier words ("more than", never ">").
    text = format_quantity(q, symbols=True)
    symbol = QUALIFIER_SYMBOLS.get(q.qualifier, "")
    if symbol:
        text = text.replace(symbol, QUALIFIER_WORDS.get(q.qualifier, ""), 1)
    return text


def _claim_link(pk: int | None, refs: Refs, *, with_figure: bool = True) -> SafeString:
    if pk is None:
        return mark_safe("")
    ref = refs.claims.get(pk)
    if ref is None:
        # Not a claim this reader may open (a viewer and a candidate): neither named nor linked.
        return mark_safe("another claim")
    url = reverse("claims:detail", args=[pk])
    figure = f" ({ref.figure})" if with_figure and ref.figure else ""
    return format_html('<a href="{}">claim {}</a>{}', url, pk, figure)


def _source_cite(pk: int | None, refs: Refs) -> SafeString:
    """ "<em>Harbour Post</em>, 6 Nov 2024" linked to the report."""
    if pk is None:
        return mark_safe("")
    ref = refs.sources.get(pk)
    url = reverse("claims:source_detail", args=[pk])
    if ref is None:
        return format_html('<a href="{}">report {}</a>', url, pk)
    name = ref.outlet or ref.title
    when = short_date(ref.published)
    if when:
        return format_html('<a href="{}"><em>{}</em></a>, {}', url, name, when)
    return format_html('<a href="{}"><em>{}</em></a>', url, name)


def _sheet_link(pk: int | None, refs: Refs, fallback: str = "") -> SafeString:
    if pk is None:
        return format_html("<em>{}</em>", fallback or "a fact sheet")
    title = refs.sheets.get(pk) or fallback or f"fact sheet {pk}"
    return format_html(
        '<a href="{}"><em>{}</em></a>', reverse("claims:factsheet", args=[pk]), title
    )


def _evidence_target(
    relation: str, target_claim: int | None, target_source: int | None, refs: Refs
) -> SafeString:
    verb = RELATION_WORDS.get(relation, relation)
    if target_claim is not None:
        return format_html("{} {}", verb, _claim_link(target_claim, refs))
    if target_source is not None:
        return format_html("{} the report in {}", verb, _source_cite(target_source, refs))
    return format_html("{}", verb)


def _evidence_link(pk: int, refs: Refs) -> SafeString:
    ref = refs.evidence.get(pk)
    if ref is None:
        return mark_safe("a link you cannot open")
    target = _evidence_target(ref.relation, ref.target_claim_id, ref.target_source_id, refs)
    url = reverse("claims:detail", args=[ref.claim_id]) + f"#evidence-{pk}"
    return format_html('<a href="{}">evidence {}</a>: {}', url, pk, target)


def _quoted(value: Any) -> str:
    text = "" if value is None else str(value)
    return f"“{text}”" if text else "nothing"


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


# --- the claim's own fields --------------------------------------------------------------------


def _field_lines(
    before: Mapping[str, Any], after: Mapping[str, Any], base: Mapping[str, Any]
) -> list[SafeString]:
    """What changed in the claim, one line per change, in words."""
    lines: list[SafeString] = []
    if any(before.get(k) != after.get(k) for k in FIGURE_FIELDS if k in before or k in after):
        old_fields = {**base, **{k: v for k, v in before.items() if k in FIGURE_FIELDS}}
        new_fields = {**base, **{k: v for k, v in after.items() if k in FIGURE_FIELDS}}
        old, new = figure_of(old_fields), figure_of(new_fields)
        if old and new and old != new:
            lines.append(format_html("Figure changed from {} to {}", old, new))
        elif new and not old:
            lines.append(format_html("Figure set to {}", new))
        elif old and not new:
            lines.append(format_html("Figure cleared (was {})", old))
        else:
            # The same words for another reading: say which part moved.
            parts = [
                _part_change(k, before.get(k), after.get(k))
                for k in FIGURE_FIELDS
                if before.get(k) != after.get(k) and (k in before or k in after)
            ]
            lines.append(format_html("{}", "; ".join(parts)))
    for name, label in TEXT_FIELDS.items():
        if name not in before and name not in after:
            continue
        old_text, new_text = before.get(name) or "", after.get(name) or ""
        if old_text == new_text:
            continue
        if not old_text:
            lines.append(format_html("{} set to {}", label, _quoted(new_text)))
        elif not new_text:
            lines.append(format_html("{} cleared (was {})", label, _quoted(old_text)))
        else:
            lines.append(
                format_html("{} changed from {} to {}", label, _quoted(old_text), _quoted(new_text))
            )
    if "state" in after and before.get("state") != after.get("state") and "state" in before:
        lines.append(
            format_html(
                "Now {} (was {})",
                STATE_WORDS.get(after["state"], after["state"]),
                STATE_WORDS.get(before["state"], before["state"]),
            )
        )
    if "verdict" in after and "verdict" in before and before["verdict"] != after["verdict"]:
        lines.append(
            format_html(
                "Verdict {} (was {})",
                VERDICT_WORDS.get(after["verdict"], after["verdict"]).lower(),
                VERDICT_WORDS.get(before["verdict"], before["verdict"]).lower(),
            )
        )
    if after.get("verdict_needs_review") and not before.get("verdict_needs_review", False):
        lines.append(format_html("{}", "The verdict needs review again"))
    elif before.get("verdict_needs_review") and after.get("verdict_needs_review") is False:
        lines.append(format_html("{}", "The verdict no longer needs review"))
    return lines


def _part_change(name: str, old: Any, new: Any) -> str:
    label = name.replace("_", " ")
    if name == "qualifier":
        old_word = QUALIFIER_WORDS.get(str(old or "="), "").strip() or "exactly"
        new_word = QUALIFIER_WORDS.get(str(new or "="), "").strip() or "exactly"
        return f"reading changed from “{old_word}” to “{new_word}”"
    if old in (None, ""):
        return f"{label} set to {new}"
    if new in (None, ""):
        return f"{label} cleared (was {old})"
    return f"{label} changed from {old} to {new}"


def _mention_line(mention: Mapping[str, Any], refs: Refs, *, lead: str) -> SafeString:
    where = _source_cite(_int(mention.get("source_id")), refs)
    quote = mention.get("quote") or ""
    who = mention.get("speaker") or ""
    said = f" ({who} {mention.get('verb') or 'said'})" if who else ""
    if quote:
        return format_html("{} in {}: “{}”{}", lead, where, quote, said)
    return format_html("{} in {}{}", lead, where, said)


# --- one event ---------------------------------------------------------------------------------


def describe(event: EventLike, refs: Refs, *, base: Mapping[str, Any] | None = None) -> EventText:
    """The event in the editor's words (see the module docstring)."""
    before: Mapping[str, Any] = event.before or {}
    after: Mapping[str, Any] = event.after or {}
    if base is None and event.claim_id is not None and event.claim_id in refs.claims:
        base = refs.claims[event.claim_id].fields
    base = base or {}
    action = event.action
    kind, _, verb = action.partition(".")
    handler = _HANDLERS.get(action)
    if handler is not None:
        return handler(event, before, after, base, refs)
    if kind == "factsheet":
        return _factsheet(event, verb, before, after, refs)
    if isinstance(after.get("mention"), dict):
        return EventText(_mention_line(after["mention"], refs, lead="Mention added"))
    lines = _field_lines(before, after, base) if kind == "claim" else []
    return EventText(format_html("{}", _humane(action)), tuple(lines))


def _humane(action: str) -> str:
    kind, _, verb = action.partition(".")
    words = verb.replace("_", " ") if verb else kind
    subject = {"claim": "", "source": "Report: ", "entity": "Name: ", "mention": "Mention: "}
    return (subject.get(kind, f"{kind.capitalize()}: ") + words).strip().capitalize()


def _created(event: EventLike, before: Any, after: Any, base: Any, refs: Refs) -> EventText:
    mention = after.get("mention") if isinstance(after.get("mention"), dict) else None
    figure = figure_of(after)
    lead = "Found by the extractor" if event.action == "claim.extracted" else "Proposed by hand"
    headline = format_html("{}: {}", lead, figure) if figure else format_html("{}", lead)
    details = []
    if mention:
        details.append(_mention_line(mention, refs, lead="First seen"))
    if after.get("statement"):
        details.append(format_html("Statement: {}", _quoted(after["statement"])))
    return EventText(headline, tuple(details))


def _state(words: str) -> Any:
    def handler(event: EventLike, before: Any, after: Any, base: Any, refs: Refs) -> EventText:
        lines = [
            line for line in _field_lines(before, after, base) if not str(line).startswith("Now ")
        ]
        return EventText(format_html("{}", words), tuple(lines))

    return handler


def _verdict(event: EventLike, before: Any, after: Any, base: Any, refs: Refs) -> EventText:
    verdict = str(after.get("verdict") or "")
    word = VERDICT_WORDS.get(verdict, verdict.capitalize())
    relied = [pk for pk in (_int(x) for x in after.get("evidence_relied_on") or []) if pk]
    was = before.get("verdict")
    if verdict == "unverified":
        headline = format_html("{}", "Verdict withdrawn: back to unverified")
    elif relied:
        headline = format_html(
            "{}, relying on {}",
            word,
            _plural(len(relied), "piece of evidence", "pieces of evidence"),
        )
    else:
        headline = format_html("{}", word)
    details = [_evidence_link(pk, refs) for pk in relied]
    if was and was != verdict and was != "unverified":
        details.insert(0, format_html("Was {}", VERDICT_WORDS.get(was, was).lower()))
    return EventText(headline, tuple(details))


def _edited(event: EventLike, before: Any, after: Any, base: Any, refs: Refs) -> EventText:
    lines = _field_lines(before, after, base)
    if not lines:
        return EventText(format_html("{}", "Edited (nothing a reader sees changed)"))
    return EventText(lines[0], tuple(lines[1:]))


def _reverted(event: EventLike, before: Any, after: Any, base: Any, refs: Refs) -> EventText:
    version = after.get("reverted_to_version")
    target = _int(after.get("reverted_to_event"))
    when = f"version {version}" if version else "an earlier version"
    if target is not None and event.claim_id is not None:
        url = reverse("claims:as_of", args=[event.claim_id, target])
        headline = format_html('Reverted to <a href="{}">{}</a>', url, when)
    else:
        headline = format_html("Reverted to {}", when)
    return EventText(headline, tuple(_field_lines(before, after, base)))


def _merged(event: EventLike, before: Any, after: Any, base: Any, refs: Refs) -> EventText:
    moved = len(after.get("mentions_moved") or [])
    carried = len(after.get("evidence_carried") or [])
    parts = [_plural(moved, "mention")]
    if carried:
        parts.append(_plural(carried, "evidence link"))
    if event.action == "claim.merged":
        other = _int(after.get("merged_from"))
        headline = format_html(
            "Merged with {}: {} moved here", _claim_link(other, refs), " and ".join(parts)
        )
    else:
        other = _int(after.get("merged_into"))
        headline = format_html(
            "Merged into {}: {} moved there", _claim_link(other, refs), " and ".join(parts)
        )
    details = []
    if after.get("kept_because"):
        details.append(format_html("Kept the other claim because: {}", after["kept_because"]))
    return EventText(headline, tuple(details))


def _unmerged(event: EventLike, before: Any, after: Any, base: Any, refs: Refs) -> EventText:
    moved = _plural(len(after.get("mentions_moved") or []), "mention")
    if event.action == "claim.unmerged":
        other = _int(after.get("unmerged_from"))
        headline = format_html(
            "Merge undone: split back out of {} with {}", _claim_link(other, refs), moved
        )
    else:
        other = _int(after.get("returned_to"))
        headline = format_html("Merge undone: {} returned to {}", moved, _claim_link(other, refs))
    return EventText(headline)


def _linked(event: EventLike, before: Any, after: Any, base: Any, refs: Refs) -> EventText:
    data = after if event.action == "evidence.linked" else before
    target = _evidence_target(
        str(data.get("relation") or ""),
        _int(data.get("target_claim_id")),
        _int(data.get("target_source_id")),
        refs,
    )
    if event.action == "evidence.linked":
        headline = format_html("Evidence added: this claim {}", target)
    else:
        headline = format_html("Evidence removed: this claim no longer {}", target)
    details = []
    if data.get("note"):
        details.append(format_html("Note: {}", _quoted(data["note"])))
    if event.action == "evidence.unlinked":
        details.extend(_field_lines(before, after, base))
    return EventText(headline, tuple(details))


def _reassigned(event: EventLike, before: Any, after: Any, base: Any, refs: Refs) -> EventText:
    lines = []
    for key in sorted(after):
        role = "speaker" if key.endswith("speaker") else "relayed by"
        lines.append(format_html("{}: {} is now {}", role, before.get(key) or "nobody", after[key]))
    return EventText(
        format_html("{}", "Attribution updated (two names for one speaker merged)"), tuple(lines)
    )


def _dismissed(event: EventLike, before: Any, after: Any, base: Any, refs: Refs) -> EventText:
    relation = str(after.get("relation") or "matching")
    other = _int(after.get("other_claim_id"))
    headline = format_html(
        "Suggestion dismissed: {} as {}", _claim_link(other, refs), relation.replace("_", " ")
    )
    details = [format_html("The engine said: {}", after["reason"])] if after.get("reason") else []
    return EventText(headline, tuple(details))


def _source_created(event: EventLike, before: Any, after: Any, base: Any, refs: Refs) -> EventText:
    lead = "Report brought in" if event.action == "source.created" else "New revision brought in"
    outlet = after.get("outlet")
    title = after.get("title") or ""
    if event.source_id is not None:
        url = reverse("claims:source_detail", args=[event.source_id])
        text = format_html('{}: <a href="{}"><em>{}</em></a>', lead, url, title)
    else:
        text = format_html("{}: <em>{}</em>", lead, title)
    if outlet:
        text = format_html("{} from {}", text, outlet)
    revision = after.get("revision")
    details = (format_html("Revision {}", revision),) if revision and revision != 1 else ()
    return EventText(text, details)


def _not_a_revision(event: EventLike, before: Any, after: Any, base: Any, refs: Refs) -> EventText:
    moved = len(after.get("mentions_detached") or [])
    figures = (
        (format_html("{} became candidates of their own", _plural(moved, "figure")),)
        if moved
        else ()
    )
    if event.action == "source.not_a_revision":
        earlier = _source_cite(_int(before.get("revision_of")), refs)
        headline = format_html("Not a revision of {}: the automatic link was undone", earlier)
        overlap = before.get("overlap")
        was = (
            (format_html("It had been taken for an updated copy ({})", overlap),) if overlap else ()
        )
        return EventText(headline, (*was, *figures))
    later = _source_cite(_int(before.get("later_copy")), refs)
    headline = format_html("{} is not an updated copy of this report: the link was undone", later)
    return EventText(headline, figures)


def _detached(event: EventLike, before: Any, after: Any, base: Any, refs: Refs) -> EventText:
    mention = before.get("mention") if isinstance(before.get("mention"), dict) else {}
    lead = format_html(
        "A mention left for a candidate of its own ({}), its report not being a revision",
        _claim_link(_int(after.get("moved_to")), refs, with_figure=False),
    )
    if not mention:
        return EventText(lead)
    return EventText(_mention_line(mention, refs, lead=lead))


def _extraction(event: EventLike, before: Any, after: Any, base: Any, refs: Refs) -> EventText:
    status = str(after.get("extraction_status") or "")
    words = EXTRACTION_WORDS.get(status, f"Extraction {status}")
    found, kept = after.get("figures_found"), after.get("candidates_kept")
    if found is not None:
        words += f": {_plural(int(found), 'figure')} found"
        if kept is not None:
            words += f", {kept} kept as candidates"
    details = (
        (format_html("{}", after["extraction_error"]),) if after.get("extraction_error") else ()
    )
    return EventText(format_html("{} in {}", words, _source_cite(event.source_id, refs)), details)


def _metadata(event: EventLike, before: Any, after: Any, base: Any, refs: Refs) -> EventText:
    names = {"title": "Title", "outlet": "Outlet", "kind": "Kind", "published_at": "Published"}
    lines = []
    for key in sorted(after):
        old, new = before.get(key), after.get(key)
        if key == "published_at":
            old, new = _date_text(old), _date_text(new)
        lines.append(
            format_html("{} changed from {} to {}", names.get(key, key), _quoted(old), _quoted(new))
        )
    verb = "Outlet merged" if event.action == "source.outlet_merged" else "Report details corrected"
    return EventText(format_html("{}: {}", verb, _source_cite(event.source_id, refs)), tuple(lines))


def _date_text(value: Any) -> str:
    if not value:
        return ""
    try:
        return short_date(datetime.fromisoformat(str(value)).date())
    except ValueError:
        return str(value)


def _entity(event: EventLike, before: Any, after: Any, base: Any, refs: Refs) -> EventText:
    if event.action == "entity.created":
        kind = after.get("kind") or "name"
        return EventText(
            format_html("New {} on the desk: <em>{}</em>", kind, after.get("name", ""))
        )
    if event.action == "entity.alias_added":
        return EventText(format_html("Also known as <em>{}</em>", after.get("alias", "")))
    moved = len(after.get("mentions_moved") or [])
    return EventText(
        format_html(
            "Merged into <em>{}</em>: {} moved", after.get("into", ""), _plural(moved, "mention")
        ),
        tuple(format_html("Alias moved: {}", a) for a in after.get("aliases_moved") or []),
    )


def _factsheet(
    event: EventLike, verb: str, before: Mapping[str, Any], after: Mapping[str, Any], refs: Refs
) -> EventText:
    pk = _int(after.get("factsheet_id") or before.get("factsheet_id"))
    sheet = _sheet_link(pk, refs, str(after.get("title") or before.get("title") or ""))
    if verb == "created":
        return EventText(format_html("Fact sheet {} started", sheet))
    if verb == "published":
        version = _int(after.get("version"))
        if pk is not None and version is not None:
            url = reverse("claims:factsheet_version", args=[pk, version])
            return EventText(
                format_html(
                    'Fact sheet {} published as <a href="{}">version {}</a>', sheet, url, version
                )
            )
        return EventText(format_html("Fact sheet {} published", sheet))
    if verb == "claim_added":
        return EventText(format_html("Added to fact sheet {}", sheet))
    if verb == "claim_removed":
        return EventText(format_html("Removed from fact sheet {}", sheet))
    if verb == "claim_moved":
        return EventText(format_html("Moved on fact sheet {}", sheet))
    if verb == "claim_replaced":
        old = _int(before.get("claim_id"))
        return EventText(
            format_html(
                "On fact sheet {}, {} replaced by {}",
                sheet,
                _claim_link(old, refs, with_figure=False),
                _claim_link(_int(after.get("claim_id")), refs, with_figure=False),
            )
        )
    if verb == "note_set":
        note = after.get("note") or ""
        if note:
            return EventText(format_html("Note on fact sheet {}: {}", sheet, _quoted(note)))
        return EventText(format_html("Note removed on fact sheet {}", sheet))
    if verb == "archived":
        return EventText(format_html("Fact sheet {} archived", sheet))
    if verb == "restored":
        return EventText(format_html("Fact sheet {} restored from the archive", sheet))
    if verb == "section_renamed":
        return EventText(
            format_html(
                "Section {} renamed to {} on fact sheet {}",
                _quoted(before.get("title")),
                _quoted(after.get("title")),
                sheet,
            )
        )
    if verb == "section_moved" and _int(after.get("position")):
        return EventText(
            format_html("A section moved to place {} on fact sheet {}", after["position"], sheet)
        )
    if verb.startswith("section_"):
        what = verb.removeprefix("section_")
        title = after.get("title") or before.get("title") or ""
        return EventText(format_html("Section {} {} on fact sheet {}", _quoted(title), what, sheet))
    if verb == "edited":
        lines = [
            format_html(
                "{} changed from {} to {}",
                k.capitalize(),
                _quoted(before.get(k)),
                _quoted(after.get(k)),
            )
            for k in ("title", "summary")
            if before.get(k) != after.get(k)
        ]
        return EventText(format_html("Fact sheet {} edited", sheet), tuple(lines))
    return EventText(format_html("Fact sheet {} {}", sheet, verb.replace("_", " ")))


def _undone(event: EventLike, before: Any, after: Any, base: Any, refs: Refs) -> EventText:
    undid = str(after.get("undid_action") or "")
    what = UNDONE_WORDS.get(undid, "last change")
    pk = _int(after.get("undid_event"))
    headline = (
        format_html("Undid the {} (event {})", what, pk)
        if pk is not None
        else format_html("Undid the {}", what)
    )
    lines = [
        line
        for line in _field_lines(before, after, base)
        if not str(line).startswith("The verdict")  # the verdict line says it already
    ]
    return EventText(headline, tuple(lines))


def _mentioned(event: EventLike, before: Any, after: Any, base: Any, refs: Refs) -> EventText:
    mention = after.get("mention") if isinstance(after.get("mention"), dict) else {}
    if not mention:
        return EventText(format_html("Mentioned again in {}", _source_cite(event.source_id, refs)))
    return EventText(
        _mention_line(mention, refs, lead="Mentioned again, in a revised report"),
    )


UNDONE_WORDS = {
    "claim.accepted": "acceptance",
    "claim.rejected": "rejection",
    "claim.verdict": "verdict",
}

#: The fact-sheet verbs :func:`_factsheet` words one by one (anything else reads as its verb).
FACTSHEET_VERBS = (
    "created",
    "published",
    "claim_added",
    "claim_removed",
    "claim_moved",
    "claim_replaced",
    "note_set",
    "archived",
    "restored",
    "section_added",
    "section_renamed",
    "section_removed",
    "section_moved",
    "edited",
)

_HANDLERS: dict[str, Any] = {
    "claim.undone": _undone,
    "claim.mentioned": _mentioned,
    "claim.mention_detached": _detached,
    "claim.created": _created,
    "claim.extracted": _created,
    "claim.accepted": _state("Accepted onto the desk"),
    "claim.rejected": _state("Rejected: not a figure the desk tracks"),
    "claim.archived": _state("Archived"),
    "claim.reopened": _state("Reopened"),
    "claim.verdict": _verdict,
    "claim.edited": _edited,
    "claim.reverted": _reverted,
    "claim.merged": _merged,
    "claim.merged_into": _merged,
    "claim.unmerged": _unmerged,
    "claim.unmerged_from": _unmerged,
    "evidence.linked": _linked,
    "evidence.unlinked": _linked,
    "mention.reassigned": _reassigned,
    "match.dismissed": _dismissed,
    "source.created": _source_created,
    "source.revised": _source_created,
    "source.not_a_revision": _not_a_revision,
    "source.revision_unlinked": _not_a_revision,
    "source.extraction_done": _extraction,
    "source.extraction_failed": _extraction,
    "source.extraction_retried": _extraction,
    "source.metadata_edited": _metadata,
    "source.outlet_merged": _metadata,
    "entity.created": _entity,
    "entity.alias_added": _entity,
    "entity.merged": _entity,
}


def worded_actions() -> frozenset[str]:
    """Every action :func:`describe` has its own wording for (the rest fall back to words
    made from the action's name)."""
    return frozenset(_HANDLERS) | {f"factsheet.{verb}" for verb in FACTSHEET_VERBS}


# --- resolving what a page of events names (the only reads) ------------------------------------


@dataclass
class _Ids:
    sources: set[int] = field(default_factory=set)
    evidence: set[int] = field(default_factory=set)
    claims: set[int] = field(default_factory=set)
    sheets: set[int] = field(default_factory=set)


def referenced(events: Iterable[EventLike]) -> _Ids:
    """Every report, evidence link, claim and fact sheet the events name (pure)."""
    ids = _Ids()
    for event in events:
        before: Mapping[str, Any] = event.before or {}
        after: Mapping[str, Any] = event.after or {}
        if event.source_id is not None:
            ids.sources.add(event.source_id)
        if event.claim_id is not None:
            ids.claims.add(event.claim_id)
        for data in (before, after):
            mention = data.get("mention")
            if isinstance(mention, dict) and _int(mention.get("source_id")):
                ids.sources.add(int(mention["source_id"]))
            for key in ("target_source_id", "revision_of", "later_copy"):
                if _int(data.get(key)):
                    ids.sources.add(int(data[key]))
            for key in (
                "target_claim_id",
                "merged_from",
                "merged_into",
                "unmerged_from",
                "returned_to",
                "other_claim_id",
                "moved_to",
                "detached_from",
            ):
                if _int(data.get(key)):
                    ids.claims.add(int(data[key]))
            if event.action.startswith("factsheet."):
                if _int(data.get("factsheet_id")):
                    ids.sheets.add(int(data["factsheet_id"]))
                if _int(data.get("claim_id")):
                    ids.claims.add(int(data["claim_id"]))
        for pk in after.get("evidence_relied_on") or []:
            if _int(pk):
                ids.evidence.add(int(pk))
    return ids


def refs_from(
    *, claims: Iterable[Any] = (), evidence: Iterable[Any] = (), mentions: Iterable[Any] = ()
) -> Refs:
    """Refs from rows a page has already read (no query): a claim page passes its claim, its
    evidence (targets selected) and its mentions (sources selected), so its history costs no
    extra query for what the page shows anyway."""
    refs = Refs()
    for claim in claims:
        fields = {name: getattr(claim, name) for name in FIGURE_FIELDS}
        refs.claims[claim.pk] = ClaimRef(claim.statement, figure_of(fields), fields)
    for ev in evidence:
        refs.evidence[ev.pk] = EvidenceRef(
            ev.relation, ev.claim_id, ev.target_claim_id, ev.target_source_id, ev.note
        )
        if ev.target_claim_id and ev.target_claim is not None:
            refs.claims.update(refs_from(claims=[ev.target_claim]).claims)
        if ev.target_source_id and ev.target_source is not None:
            refs.sources[ev.target_source_id] = _source_ref(ev.target_source)
    for mention in mentions:
        refs.sources[mention.source_id] = _source_ref(mention.source)
    return refs


def _source_ref(source: Any) -> SourceRef:
    published = source.published_at.date() if source.published_at else None
    return SourceRef(source.title, source.outlet.name if source.outlet else "", published)


def load_refs(events: Iterable[EventLike], user: Any, known: Refs | None = None) -> Refs:
    """Resolve what the events name in one query per kind, as ``user`` may read it; what
    ``known`` already holds is not read again (only pass rows this user may read)."""
    from claims.models import Claim, Evidence, FactSheet, Source

    ids = referenced(events)
    refs = Refs()
    if known is not None:
        refs.sources.update(known.sources)
        refs.evidence.update(known.evidence)
        refs.claims.update(known.claims)
        refs.sheets.update(known.sheets)
    ids.evidence -= set(refs.evidence)
    for ev_ref in refs.evidence.values():
        if ev_ref.target_claim_id:
            ids.claims.add(ev_ref.target_claim_id)
        if ev_ref.target_source_id:
            ids.sources.add(ev_ref.target_source_id)
    if ids.evidence:
        links = list(
            Evidence.objects.visible_to(user)
            .filter(pk__in=ids.evidence)
            .only("id", "relation", "claim_id", "target_claim_id", "target_source_id", "note")
        )
        for ev in links:
            refs.evidence[ev.pk] = EvidenceRef(
                ev.relation, ev.claim_id, ev.target_claim_id, ev.target_source_id, ev.note
            )
            if ev.target_claim_id:
                ids.claims.add(ev.target_claim_id)
            if ev.target_source_id:
                ids.sources.add(ev.target_source_id)
    ids.sources -= set(refs.sources)
    ids.claims -= set(refs.claims)
    ids.sheets -= set(refs.sheets)
    # Read as plain values: a page of events names up to a hundred claims and reports, and
    # model instances of them cost more than the rest of the page's history text.
    if ids.sources:
        for pk, title, published_at, outlet in (
            Source.objects.visible_to(user)
            .filter(pk__in=ids.sources)
            .order_by()
            .values_list("id", "title", "published_at", "outlet__name")
        ):
            published = published_at.date() if published_at else None
            refs.sources[pk] = SourceRef(title, outlet or "", published)
    if ids.claims:
        for pk, statement, *values in (
            Claim.objects.visible_to(user)
            .filter(pk__in=ids.claims)
            .order_by()
            .values_list("id", "statement", *FIGURE_FIELDS)
        ):
            fields = dict(zip(FIGURE_FIELDS, values, strict=True))
            refs.claims[pk] = ClaimRef(statement, figure_of(fields), fields)
    if ids.sheets:
        refs.sheets.update(FactSheet.objects.filter(pk__in=ids.sheets).values_list("id", "title"))
    return refs


def describe_all(events: Iterable[Any], user: Any, known: Refs | None = None) -> list[Any]:
    """Attach ``.text`` (an :class:`EventText`) and ``.claim_ref`` (the claim it is about, if
    the user may read it) to each event of a page; returns the list."""
    rows = list(events)
    refs = load_refs(rows, user, known)
    for event in rows:
        event.text = describe(event, refs)
        event.claim_ref = refs.claims.get(event.claim_id) if event.claim_id else None
    return rows


def raw_lines(event: EventLike) -> list[tuple[str, str, str]]:
    """The event's raw fields, as recorded (for the auditor's ``<details>``)."""
    before: Mapping[str, Any] = event.before or {}
    after: Mapping[str, Any] = event.after or {}
    keys = sorted(set(before) | set(after))
    return [
        (key, _raw(before.get(key)), _raw(after.get(key)))
        for key in keys
        if before.get(key) != after.get(key)
    ]


def _raw(value: Any) -> str:
    if value is None or value == "":
        return "—"
    return str(value)


def join_details(details: Iterable[SafeString]) -> SafeString:
    return format_html_join("", "<li>{}</li>", ((d,) for d in details))
