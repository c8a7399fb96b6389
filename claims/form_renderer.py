"""The form renderer: Django's widget templates, with the common widgets written in Python.

Django renders every widget through its template engine: an ``<input>`` is two templates
(``text.html`` includes ``input.html``, which includes ``attrs.html``) and a ``<select>``
includes one template per option. On the queue's filter form that was a fifth of the page
when no claim matched (bench/scale.py, "queue, speaker typo with no match"). This renderer
writes the same HTML as those templates (the same escaping, the same order of attributes,
the same line breaks) for the input widgets, ``<select>``, ``<textarea>`` and a field's
``<label>``, and leaves every other template (forms, fields, radio lists, a project's own
widget templates) to Django. ``claims/tests/test_form_renderer.py`` renders each both ways
and compares.
"""

from __future__ import annotations

from typing import Any

from django.forms.renderers import DjangoTemplates
from django.template.base import render_value_in_context
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData

WIDGETS = "django/forms/widgets/"
# The widget templates that are only {% include "django/forms/widgets/input.html" %}.
INPUT_TEMPLATES = frozenset(
    f"{WIDGETS}{name}.html"
    for name in (
        "input",
        "checkbox",
        "color",
        "date",
        "datetime",
        "email",
        "hidden",
        "number",
        "password",
        "search",
        "tel",
        "text",
        "time",
        "url",
    )
)
SELECT = f"{WIDGETS}select.html"
OPTION = f"{WIDGETS}select_option.html"
TEXTAREA = f"{WIDGETS}textarea.html"
LABEL = "django/forms/label.html"


class _Context:
    """What ``render_value_in_context`` reads of a template context: the form engine's
    defaults (autoescape on, the active locale and time zone)."""

    autoescape = True
    use_l10n = None
    use_tz = None


_CONTEXT = _Context()


def _value(value: Any) -> str:
    """``{{ value }}``: localised and escaped (unless already safe)."""
    return render_value_in_context(value, _CONTEXT)  # type: ignore[arg-type]


def _formatted(value: Any) -> str:
    """``{{ value|stringformat:'s' }}``: the ``%s`` of the value, escaped unless it was safe
    (``stringformat`` keeps a safe value safe)."""
    try:
        text = "%s" % (str(value) if isinstance(value, tuple) else value)
    except (ValueError, TypeError):
        text = ""
    return text if isinstance(value, SafeData) else conditional_escape(text)


def attrs_html(attrs: dict[str, Any]) -> str:
    """``django/forms/widgets/attrs.html``: `` name="value"`` for each attribute, the name
    alone for True, nothing for False."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        shown = "" if value is True else f'="{_formatted(value)}"'
        parts.append(f" {_value(name)}{shown}")
    return "".join(parts)


def input_html(widget: dict[str, Any]) -> str:
    value = widget["value"]
    shown = "" if value is None else f' value="{_formatted(value)}"'
    return (
        f'<input type="{_value(widget["type"])}" name="{_value(widget["name"])}"'
        f"{shown}{attrs_html(widget['attrs'])}>"
    )


def option_html(option: dict[str, Any]) -> str:
    return (
        f'<option value="{_formatted(option["value"])}"{attrs_html(option["attrs"])}>'
        f"{_value(option['label'])}</option>"
    )


def select_html(widget: dict[str, Any]) -> str | None:
    """``select.html``, or None when an option has a template of its own."""
    parts = [f'<select name="{_value(widget["name"])}"{attrs_html(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_value(group_name)}">')
        for option in group_choices:
            if option.get("template_name") != OPTION:
                return None
            # select_option.html ends with a line break, which its include keeps.
            parts.append(f"\n  {option_html(option)}\n")
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


def textarea_html(widget: dict[str, Any]) -> str:
    value = widget["value"]
    return (
        f'<textarea name="{_value(widget["name"])}"{attrs_html(widget["attrs"])}>\n'
        f"{_value(value) if value else ''}</textarea>"
    )


def label_html(context: dict[str, Any]) -> str:
    """``django/forms/label.html``: ``<label for="id">Label</label>``, or the label alone
    when the field has no id."""
    label = _value(context["label"])
    if not context["use_tag"]:
        return label.strip()
    tag = _value(context["tag"])
    return f"<{tag}{attrs_html(context['attrs'] or {})}>{label}</{tag}>"


class FastWidgetRenderer(DjangoTemplates):
    """Django's default renderer (``DjangoTemplates``), with the common widgets in Python."""

    def render(self, template_name: str, context: dict[str, Any], request: Any = None) -> str:
        widget = context.get("widget")
        if isinstance(widget, dict) and len(context) == 1:
            html: str | None = None
            if template_name in INPUT_TEMPLATES:
                html = input_html(widget)
            elif template_name == SELECT:
                html = select_html(widget)
            elif template_name == TEXTAREA:
                html = textarea_html(widget)
            if html is not None:
                # BaseRenderer.render strips the template's output; these have nothing to strip.
                return html
        if template_name == LABEL and context.keys() == {
            "field",
            "label",
            "attrs",
            "use_tag",
            "tag",
        }:
            return label_html(context)
        return super().render(template_name, context, request)
