"""One history event in the editor's words, written in Python: ``{% event_text event show_raw %}``.

The audit log shows 50 events a page, a claim's history and the dashboard a score more; each
was an ``{% include %}`` of a template that looped over the event's details and changed
fields, a third of the audit page's CPU. This tag writes the same HTML (apart from
whitespace: claims/tests/test_event_text.py compares it with the former template, kept as
claims/tests/data/event_text_reference.html), every value escaped as ``{{ }}`` escapes it:
the headline and details are safe strings built by claims.history_text with ``format_html``;
the reason, action, field names and values are escaped here.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import SafeString, mark_safe

from claims.models import Channel
from claims.templatetags.desk import display_value, esc, time_second

register = template.Library()

NL = "\n"
CHANNEL_LABELS = {value: str(label).lower() for value, label in Channel.choices}


@register.simple_tag
def event_text(event: Any, show_raw: Any = False) -> SafeString:
    """The event's headline, its detail lines and reason; with ``show_raw`` (the desk's
    reporters and editors) its recorded fields one click away in a ``<details>``."""
    text = event.text
    # Line breaks around it, as the template it replaces had.
    out = [f'\n<span class="event-text">{esc(text.headline)}</span>']
    if text.details:
        lines = "".join(f"<li>{esc(line)}</li>" for line in text.details)
        out.append(f'\n<ul class="event-details">\n{lines}\n</ul>')
    if event.reason:
        out.append(f'\n<q class="reason">{esc(event.reason)}</q>')
    if show_raw:
        version = f" · version {esc(event.claim_version)}" if event.claim_version else ""
        channel = CHANNEL_LABELS.get(event.channel, str(event.channel).lower())
        out.append(
            '\n<details class="raw-fields">\n<summary>Recorded fields</summary>\n'
            f"<p><code>{esc(event.action)}</code>{version} · via {esc(channel)}</p>"
        )
        changes = event.changed_fields
        if callable(changes):
            changes = changes()
        if changes:
            items = "".join(
                f'\n<li><span class="field">{esc(name)}</span>: '
                f"<del>{esc(display_value(old))}</del> → <ins>{esc(display_value(new))}</ins></li>"
                for name, old, new in changes
            )
            out.append(f'\n<ul class="diff">{items}\n</ul>')
        out.append("\n</details>")
    out.append("\n")
    # Every value above went through esc() (safe strings stay as they are).
    return mark_safe("".join(out))  # noqa: S308


@register.simple_tag
def audit_row(event: Any, show_raw: Any = False) -> SafeString:
    """One ``<tr>`` of the audit log: when, who and through which channel, what it is about
    (links set by ``claims.views.links.set_event_links``), and :func:`event_text`."""
    about = []
    if event.claim_id:
        about.append(f'<a href="{esc(event.links["as_of"])}">claim {int(event.claim_id)}</a>')
    if event.source_id:
        about.append(f'<a href="{esc(event.links["source"])}">report {int(event.source_id)}</a>')
    if event.entity_id:
        about.append(f"<span>name {int(event.entity_id)}</span>")
    channel = CHANNEL_LABELS.get(event.channel, str(event.channel).lower())
    # Every value went through esc() or is a number; the time element is digits and a month.
    return mark_safe(  # noqa: S308
        f'<tr id="event-{int(event.pk)}">\n<td>{time_second(event.created_at)}</td>\n'
        f"<td>{esc(event.actor_label)} <small>via {esc(channel)}</small></td>\n"
        f"<td>\n{NL.join(about)}\n</td>\n"
        f"<td>{event_text(event, show_raw)}</td>\n</tr>"
    )
