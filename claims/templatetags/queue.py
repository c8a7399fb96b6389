"""A queue row, written in Python: ``{% queue_row claim %}``.

A queue page renders 50 rows; through the template language each cost about 0.19 ms of CPU
(variable lookups, filters, ``{% with %}`` and ``{% if %}`` nodes), a third of the page
(bench/queue_rows.py). Here a row is one function: every value is escaped (``esc``, as
``conditional_escape`` does) exactly as ``{{ }}`` would, and the HTML is the one the
``claim-row`` partial of claims/claim_list.html wrote before (claims/tests/test_queue_row.py
compares the two, apart from whitespace). The partial still exists and calls this tag, so
the page, its "more" fragment and the out-of-band updates all share it.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import SafeString, mark_safe

from claims.formatting import format_quantity
from claims.models import ClaimState, Verdict
from claims.templatetags.desk import clip, esc, request_key, score, time_day

register = template.Library()

ACTIONABLE = ("candidate", "open")
# Open suggestions from other reports, in the order a row names them: "2 agree · 1 conflicts".
MATCHES = (
    ("matches_same", "agree", ' class="agree"'),
    ("matches_conflicts", "conflict", ' class="conflicts"'),
    ("matches_refines", "refine", ""),
    ("matches_supersedes", "supersede", ""),
)


STATE_LABELS = {value: str(label) for value, label in ClaimState.choices}
VERDICT_LABELS = {value: str(label) for value, label in Verdict.choices}


def _matches(claim: Any, detail: str, pk: int) -> str:
    counts = [(getattr(claim, attr, 0) or 0, word, css) for attr, word, css in MATCHES]
    shown = [
        # pluralize:"s," as the template had it: the suffix "s" for exactly one.
        f"<span{css}>{n} {word}{'s' if n == 1 else ''}</span>"
        for n, word, css in counts
        if n
    ]
    if not shown:
        return ""
    return (
        f'\n<a class="badge match-counts" href="{detail}#claim-{pk}-matches-title">'
        f'<span class="visually-hidden">Other reports: </span>{" · ".join(shown)}</a>'
    )


def _action_form(action: str, version: int, csrf_field: str, next_path: str, button: str) -> str:
    return (
        f'\n<form method="post" action="{action}" hx-post="{action}" hx-swap="none" '
        f'class="inline">\n{csrf_field}{request_key()}'
        f'<input type="hidden" name="version" value="{version}">'
        '<input type="hidden" name="from" value="queue">'
        f'<input type="hidden" name="next" value="{next_path}">\n{button}\n</form>'
    )


OOB = 'hx-swap-oob="true"'
ACCEPT = (
    '<button type="submit" class="small" data-shortcut="a" aria-keyshortcuts="a">Accept</button>'
)
REJECT = (
    '<button type="submit" class="small quiet" data-shortcut="x" aria-keyshortcuts="x">'
    "Reject</button>"
)


@register.simple_tag(takes_context=True)
def queue_row(context: template.Context, claim: Any) -> SafeString:
    """One ``<tr>`` of the queue for ``claim`` (its ``row_urls`` and ``first_mention`` set
    by the view), with the selection box and Accept/Reject forms when ``can_review``."""
    can_review = context.get("can_review")
    pk = int(claim.pk)
    state = claim.state
    version = int(claim.version)
    urls = claim.row_urls
    first = claim.first_mention
    detail = esc(urls["detail"])
    out = [
        f'<tr id="claim-{pk}-row" class="row" data-state="{esc(state)}" tabindex="-1" '
        f"data-nav-item {OOB if context.get('oob') else ''}>"
    ]
    if can_review:
        disabled = "" if state in ACTIONABLE else "disabled"
        out.append(
            f'\n<td class="pick"><input type="checkbox" name="pick" value="{pk}:{version}" '
            f'form="bulk-form" id="pick-{pk}" aria-label="Select claim {pk}" {disabled}></td>'
        )
    out.append(
        f'\n<td class="figure num"><a href="{detail}" data-open>'
        f"{esc(format_quantity(claim))}</a></td>"
    )
    what = esc(clip(claim.statement, 180))
    if claim.subject or claim.as_of:
        as_of = f" · {esc(claim.as_of)}" if claim.as_of else ""
        what += f"<br><small>{esc(claim.subject)}{as_of}</small>"
    out.append(f'\n<td class="what">{what}</td>')
    # A speaker or relay is an entity (a model instance, always true in the template's
    # {% if %}) or, from attach_first_mentions, its name: present whenever it is not None.
    if first is not None and first.speaker is not None:
        who = esc(first.speaker)
        if first.verb:
            who += f" <small>{esc(first.verb)}</small>"
        if first.via is not None:
            who += f"<br><small>via {esc(first.via)}</small>"
    else:
        who = '<span class="muted">—</span>'
    out.append(f'\n<td class="who">{who}</td>')
    where = ""
    if first is not None:
        outlet = claim.first_outlet
        name = (outlet.name if outlet is not None else "") or first.source.title
        where = f'<a href="{esc(urls["source"])}">{esc(clip(name, 40))}</a>'
        if first.source.published_at:
            where += f"<br><small>{time_day(first.source.published_at)}</small>"
    out.append(f'\n<td class="where">{where}</td>')
    out.append(f'\n<td class="num" title="mentions">{int(claim.mention_count)}</td>')
    out.append(f'\n<td class="num" title="claim-worthiness">{esc(score(claim.score))}</td>')
    status = f'<span class="badge state-{esc(state)}">{esc(STATE_LABELS.get(state, state))}</span>'
    if state != "candidate":
        status += (
            f' <span class="badge verdict-{esc(claim.verdict)}">'
            f"{esc(VERDICT_LABELS.get(claim.verdict, claim.verdict))}</span>"
        )
    if claim.verdict_needs_review:
        status += ' <span class="badge needs-review">needs review</span>'
    out.append(f'\n<td class="status">{status}{_matches(claim, detail, pk)}\n</td>')
    if can_review:
        csrf_field = esc(context.get("csrf_field", ""))
        next_path = esc(context.get("next_path", ""))
        out.append('\n<td class="row-actions">')
        if state == "candidate":
            out.append(_action_form(esc(urls["accept"]), version, csrf_field, next_path, ACCEPT))
        if state in ACTIONABLE:
            out.append(_action_form(esc(urls["reject"]), version, csrf_field, next_path, REJECT))
        out.append("\n</td>")
    out.append("\n</tr>")
    # Every value above went through esc() or is a number.
    return mark_safe("".join(out))  # noqa: S308
