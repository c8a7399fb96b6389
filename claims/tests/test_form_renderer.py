"""The fast form renderer writes each widget exactly as Django's widget templates do."""

from __future__ import annotations

import inspect
from typing import Any

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe
from hypothesis import given
from hypothesis import strategies as st

from claims import forms as desk_forms
from claims import forms_watch
from claims.form_renderer import FastWidgetRenderer

TEMPLATES = DjangoTemplates()
FAST = FastWidgetRenderer()

HOSTILE = [
    None,
    "",
    "plain",
    '"><script>alert(1)</script>',
    "Tom & Jerry's <b>",
    mark_safe("<i>already safe</i>"),  # a safe value stays as it is, as in templates
    0,
    12345,
    3.5,
    True,
    ("a", "b"),
]


def both(widget: forms.Widget, name: str, value: Any, attrs: dict[str, Any] | None = None) -> None:
    expected = widget.render(name, value, attrs=attrs, renderer=TEMPLATES)
    assert widget.render(name, value, attrs=attrs, renderer=FAST) == expected


WIDGETS = [
    forms.TextInput(),
    forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off", "class": 'a"b'}),
    forms.NumberInput(attrs={"min": 0, "max": 10}),
    forms.EmailInput(),
    forms.URLInput(),
    forms.PasswordInput(render_value=True),
    forms.HiddenInput(),
    forms.DateInput(attrs={"type": "date"}),
    forms.SearchInput(),
    forms.CheckboxInput(),
    forms.Textarea(attrs={"rows": 2}),
    forms.Select(choices=[("", "Any"), ("a", "A & B"), ("<x>", '"quoted"'), (3, 3)]),
    forms.Select(choices=[("Group <1>", [("a", "A"), ("b", "B")]), ("c", "C")]),
    forms.Select(choices=[]),
]


@pytest.mark.parametrize("widget", WIDGETS, ids=lambda w: type(w).__name__)
@pytest.mark.parametrize("value", HOSTILE, ids=repr)
def test_every_common_widget_renders_as_its_template_does(widget: forms.Widget, value: Any) -> None:
    both(widget, "field", value)
    both(widget, 'odd"name<', value, attrs={"id": "id_<odd>", "required": True, "disabled": False})


@given(st.text(), st.text())
def test_any_text_in_a_text_input_or_a_textarea_renders_as_the_templates_do(
    value: str, attr: str
) -> None:
    both(forms.TextInput(attrs={"placeholder": attr}), "q", value)
    both(forms.Textarea(), "note", value)


def _desk_forms() -> list[type[forms.Form]]:
    found = []
    for module in (desk_forms, forms_watch):
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.Form) and cls.__module__ == module.__name__:
                found.append(cls)
    return found


@pytest.mark.parametrize("form_class", _desk_forms(), ids=lambda c: c.__name__)
def test_each_field_of_the_desks_forms_renders_as_with_djangos_renderer(
    form_class: type[forms.Form],
) -> None:
    try:
        form = form_class()
    except TypeError:
        pytest.skip("needs arguments")
    for name, field in form.fields.items():
        for value in HOSTILE:
            both(field.widget, name, value, attrs={"id": f"id_{name}"})


def test_other_widgets_are_left_to_djangos_templates() -> None:
    radio = forms.RadioSelect(choices=[("a", "A <b>"), ("b", "B")])
    assert radio.render("r", "a", renderer=FAST) == radio.render("r", "a", renderer=TEMPLATES)
    multiple = forms.SelectMultiple(choices=[("a", "A"), ("b", "B")])
    assert multiple.render("m", ["a"], renderer=FAST) == multiple.render(
        "m", ["a"], renderer=TEMPLATES
    )


class LabelledForm(forms.Form):
    required_css_class = "needed"
    plain = forms.CharField(label="Plain <b>label</b>")
    asked = forms.CharField(label="Asked?", required=False)
    safe = forms.CharField(label=mark_safe("<i>safe</i>"), required=False)  # kept as it is
    hidden = forms.CharField(widget=forms.HiddenInput, required=False)


@pytest.mark.parametrize("auto_id", ["id_%s", "", "f-%s"])
@pytest.mark.parametrize("label_suffix", [None, "", " →"])
def test_labels_render_as_djangos_label_template(auto_id: str, label_suffix: str | None) -> None:
    fast = LabelledForm(auto_id=auto_id, label_suffix=label_suffix, renderer=FAST)
    slow = LabelledForm(auto_id=auto_id, label_suffix=label_suffix, renderer=TEMPLATES)
    for name in fast.fields:
        assert fast[name].label_tag() == slow[name].label_tag()
        assert fast[name].label_tag(attrs={"class": 'x"y'}) == slow[name].label_tag(
            attrs={"class": 'x"y'}
        )
        assert fast[name].legend_tag() == slow[name].legend_tag()
    # Whole forms (their own templates are Django's) come out the same too.
    assert str(fast) == str(slow)
    for desk_form in _desk_forms():
        try:
            assert str(desk_form(renderer=FAST)) == str(desk_form(renderer=TEMPLATES))
        except TypeError:
            continue
