"""The API's enumerations are the model's choices, and its inputs refuse what the document
does not allow."""

from __future__ import annotations

from typing import Any, get_args

import pytest
from pydantic import ValidationError

from claims.api import endpoints, schemas
from claims.models import Channel, Dimension, Qualifier, Relation, SourceKind, Verdict


@pytest.mark.parametrize(
    ("literal", "choices"),
    [
        (schemas.KindName, SourceKind.values),
        (schemas.DimensionName, Dimension.values),
        (schemas.QualifierName, Qualifier.values),
        (schemas.RelationName, Relation.values),
        (schemas.VerdictName, [v for v in Verdict.values if v != Verdict.UNVERIFIED]),
        (endpoints.VerdictFilter, ["", *Verdict.values]),
        (endpoints.AuditFilters.model_fields["channel"].annotation, ["", *Channel.values]),
    ],
)
def test_each_enumeration_is_the_models_choices(literal: Any, choices: list[str]) -> None:
    assert sorted(get_args(literal)) == sorted(choices)


def test_the_sorts_are_the_documented_ones() -> None:
    assert sorted(get_args(endpoints.SortName)) == sorted(endpoints.SORTS)


@pytest.mark.parametrize("value", ["12.5", 12.5, 7, "-3", "1000000.123456"])
def test_quantities_are_numbers_or_plain_decimal_strings(value: Any) -> None:
    schemas.QuantityIn.model_validate({"value": value})


@pytest.mark.parametrize("value", ["1e5", "12,5", "١٢", " 12", True, "0.1234567", 1e30])
def test_other_quantities_are_refused(value: Any) -> None:
    with pytest.raises(ValidationError):
        schemas.QuantityIn.model_validate({"value": value})


def test_unknown_members_and_nul_bytes_are_refused() -> None:
    with pytest.raises(ValidationError):
        schemas.VersionedIn.model_validate({"expected_version": 1, "expected_verison": 2})
    with pytest.raises(ValidationError):
        schemas.UnlinkIn.model_validate({"reason": "bad\x00byte"})


def test_dates_are_iso_days_not_timestamps() -> None:
    assert endpoints.ClaimFilters.model_validate({"date_from": "2026-03-01"}).date_from
    for raw in ("1700000000", "-2.0e-142", "2026-W01", "2026-3-1"):
        with pytest.raises(ValidationError):
            endpoints.ClaimFilters.model_validate({"date_from": raw})
