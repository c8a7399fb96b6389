from __future__ import annotations

import html
import secrets
from datetime import UTC
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django import template
from django.template.defaultfilters import floatformat, stringfilter
from django.utils.formats import date_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import localtime

from claims.formatting import (
    central_value,
    format_number,
    format_quantity,
    percent_difference,
    ratio_text,
    unit_text,
)

register = template.Library()

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def esc(value: Any) -> str:
    """``conditional_escape`` without its lazy-string wrapper (a row calls it 20 times): a
    safe value as it is, anything else as text with ``& < > " '`` escaped, as
    ``django.utils.html.escape`` does."""
    if hasattr(value, "__html__"):
        return str(value.__html__())
    return html.escape(str(value))


@register.filter(is_safe=True)
@stringfilter
def clip(value: str, length: int) -> str:
    """``truncatechars`` for the rows of a long list, at a fiftieth of its cost: at most
    ``length`` characters, the last of them "…" when the text is cut. (``truncatechars``
    looks up its translated ellipsis on every call, 23 µs; a queue page has 100 of them.)"""
    return value if len(value) <= length else value[: length - 1] + "…"


@register.simple_tag
def time_day(value: Any) -> str:
    """``<time datetime="2026-03-14T09:30:00+00:00">14 Mar 2026</time>`` in the current time
    zone, as ``date:'c'`` and ``date:"j M Y"`` write it, for a row of a long list (the two
    filters cost 32 µs a row)."""
    return _time_element(value, "")


@register.simple_tag
def time_minute(value: Any) -> str:
    """``time_day`` with the time of day, as ``date:"j M Y H:i"`` writes it."""
    return _time_element(value, " %H:%M")


@register.simple_tag
def time_second(value: Any) -> str:
    """``time_day`` with the time of day to the second, as ``date:"j M Y H:i:s"`` writes it."""
    return _time_element(value, " %H:%M:%S")


def _time_element(value: Any, clock: str) -> str:
    if value is None:
        return ""
    at = localtime(value)
    text = f"{at.day} {_MONTHS[at.month - 1]} {at.year}{at.strftime(clock) if clock else ''}"
    # Digits, month names and an ISO 8601 stamp: nothing to escape.
    return mark_safe(f'<time datetime="{at.isoformat()}">{text}</time>')  # noqa: S308


_HUNDREDTH = Decimal("0.01")


@register.filter(is_safe=True)
def score(value: float) -> str:
    """A claim-worthiness score (0 to 1) to two places, as ``floatformat:2`` writes it (the
    float's decimal digits rounded half up) at a tenth of its cost, for the rows of a long
    list. Anything else is left to ``floatformat`` (NaN, and the tiny floats it writes as
    they are)."""
    if not (value == 0 or 1e-100 < value <= 1):
        return floatformat(value, 2)
    rounded = Decimal(repr(value)).quantize(_HUNDREDTH, ROUND_HALF_UP)
    return f"{abs(rounded):f}"


_TENTH = Decimal("0.1")


@register.filter(is_safe=True)
def one_place(value: float) -> str:
    """``floatformat:1`` (a float to one decimal place, rounded half up) at a seventh of its
    cost, for a list of 200 rows; "-0.0" is "0.0" as floatformat writes it. Anything but a
    float between 10^-100 and 10^15 (or zero) is left to ``floatformat`` (it writes the tiny
    ones as they are)."""
    if not isinstance(value, float) or not (value == 0 or 1e-100 < abs(value) < 1e15):
        return floatformat(value, 1)
    rounded = Decimal(repr(value)).quantize(_TENTH, ROUND_HALF_UP)
    return f"{rounded if rounded else abs(rounded):f}"


@register.filter
def quantity(claim: Any) -> str:
    return format_quantity(claim)


@register.filter
def unit_label(claim: Any) -> str:
    """The unit said once ("km²", "convoy"): claims.formatting.unit_text."""
    return unit_text(claim)


@register.filter
def ratio(claim: Any) -> str:
    """A ratio as a ratio: "1 : 4", "7–8 : 1"."""
    return ratio_text(claim)


@register.filter
def report_date(value: Any) -> str:
    """A report's date: "14 Mar 2025" when it was given without a time (stored as midnight
    UTC by the ingest), else "14 Mar 2025 09:30"."""
    if value is None:
        return ""
    at = value.astimezone(UTC)
    if (at.hour, at.minute, at.second, at.microsecond) == (0, 0, 0, 0):
        return date_format(at, "j M Y")
    return date_format(localtime(value), "j M Y H:i")


@register.filter
def number(value: Any) -> str:
    return format_number(value)


@register.filter
def difference(claim: Any, other: Any) -> str:
    """ "−12.5 %" : how far ``other``'s figure lies from ``claim``'s, for figures in one unit."""
    if other is None or claim.unit != other.unit or claim.currency != other.currency:
        return ""
    diff = percent_difference(central_value(claim), central_value(other))
    if diff is None:
        return ""
    sign = "+" if diff > 0 else ("−" if diff < 0 else "±")
    return f"{sign}{format_number(abs(diff))} %"


@register.filter
def field_label(name: str) -> str:
    return name.replace("_", " ")


@register.filter
def display_value(value: Any) -> str:
    if value is None or value == "":
        return "—"
    return str(value)


@register.simple_tag
def request_key() -> SafeString:
    """A hidden field with a fresh key for this rendering of a write form: a repeat of the
    same submission (a retry after a lost answer) is then recognised, not applied twice."""
    # The key is URL-safe base64 (letters, digits, "-" and "_"): nothing to escape.
    return mark_safe(  # noqa: S308
        f'<input type="hidden" name="request_key" value="{secrets.token_urlsafe(18)}">'
    )
