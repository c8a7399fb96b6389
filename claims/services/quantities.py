"""Validation of the structured quantity of a claim."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError

from claims.bidi import strip_bidi
from claims.matching.normalize import normal_fields
from claims.models import (
    QUANTITY_DIGITS,
    QUANTITY_PLACES,
    Change,
    Claim,
    Dimension,
    Qualifier,
    Trend,
)
from claims.services._base import STATEMENT_MAX

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    User = AbstractBaseUser | AnonymousUser

logger = logging.getLogger(__name__)


# --- Quantities ---------------------------------------------------------------------------


_PLACES = Decimal(1).scaleb(-QUANTITY_PLACES)
_LIMIT = Decimal(10) ** (QUANTITY_DIGITS - QUANTITY_PLACES)


def _decimal(name: str, raw: Any, errors: dict[str, str]) -> Decimal | None:
    if raw is None or raw == "":
        return None
    try:
        number = raw if isinstance(raw, Decimal) else Decimal(str(raw).replace(",", "").strip())
    except InvalidOperation:
        errors[name] = f"“{raw}” is not a number."
        return None
    if not number.is_finite():
        errors[name] = "The figure must be a finite number."
        return None
    exponent = number.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -QUANTITY_PLACES:
        number = number.quantize(_PLACES)
    if abs(number) >= _LIMIT:
        errors[name] = "The figure is too large to store."
        return None
    return number


def clean_quantity(data: Mapping[str, Any]) -> dict[str, Any]:
    """Validate and normalise quantity fields; raise ValidationError naming each bad field."""
    errors: dict[str, str] = {}
    out: dict[str, Any] = {}
    for name in ("value", "low", "high", "from_value"):
        if name in data:
            out[name] = _decimal(name, data[name], errors)
    for name in ("statement", "unit", "unit_name", "per", "subject", "as_of", "place"):
        if name in data:
            # No bidi controls in what an editor states (claims.bidi); even a statement the
            # extractor took from a report's sentence reads as stored.
            out[name] = " ".join(strip_bidi(str(data[name] or "")).split())
    if "statement" in out:
        out["statement"] = out["statement"][: STATEMENT_MAX * 4]
    if "qualifier" in data:
        qualifier = data["qualifier"] or Qualifier.EXACT
        if qualifier not in Qualifier.values:
            errors["qualifier"] = f"Unknown qualifier {qualifier!r}."
        out["qualifier"] = qualifier
    if "trend" in data:
        trend = data["trend"] or ""
        if trend and trend not in Trend.values:
            errors["trend"] = f"Unknown trend {trend!r}."
        out["trend"] = trend
    if "change" in data:
        change = data["change"] or ""
        if change and change not in Change.values:
            errors["change"] = f"Unknown change {change!r}: “to” (new level) or “by” (amount)."
        out["change"] = change
    if "dimension" in data:
        dimension = data["dimension"] or Dimension.OTHER
        if dimension not in Dimension.values:
            errors["dimension"] = f"Unknown dimension {dimension!r}."
        out["dimension"] = dimension
    if "currency" in data:
        currency = str(data["currency"] or "").strip().upper()
        if currency and (len(currency) != 3 or not currency.isalpha()):
            errors["currency"] = "A currency is a three-letter ISO 4217 code such as USD."
        out["currency"] = currency
    for name, limit in (
        ("unit", 40),
        ("unit_name", 100),
        ("per", 100),
        ("subject", 300),
        ("as_of", 100),
        ("place", 200),
    ):
        if name in out and len(out[name]) > limit:
            errors[name] = f"At most {limit} characters."
    if errors:
        raise ValidationError(errors)
    return out


def _check_quantity_shape(claim: Claim) -> None:
    value, low, high = claim.value, claim.low, claim.high
    if value is None and low is None and high is None:
        raise ValidationError({"value": "Give a value, or a low and a high for a range."})
    if low is not None and high is not None and low > high:
        raise ValidationError({"low": f"The low end ({low}) is above the high end ({high})."})
    if value is not None and low is not None and value < low:
        raise ValidationError({"value": f"The value ({value}) is below the low end ({low})."})
    if value is not None and high is not None and value > high:
        raise ValidationError({"value": f"The value ({value}) is above the high end ({high})."})
    if claim.from_value is not None and claim.change == Change.BY:
        raise ValidationError(
            {"from_value": "A change by an amount has no earlier level; use “to” for a move."}
        )
    if not claim.statement.strip():
        raise ValidationError({"statement": "State the claim in a sentence."})


def apply_normal_quantity(claim: Claim) -> Claim:
    """Set the claim's derived matching columns (canonical quantity, counted noun, words).

    Called by every service that writes a claim's quantity, just before the write, so the
    columns never disagree with the figure they are derived from.
    """
    for name, value in normal_fields(claim).items():
        setattr(claim, name, value)
    return claim
