"""Row links (claims.views.links) are the addresses reverse() gives, for any row numbers."""

from __future__ import annotations

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from claims.views.links import RowLink

ids = st.integers(min_value=1, max_value=2**63 - 1)


@pytest.mark.parametrize(
    "name", ["claims:detail", "claims:accept", "claims:reject", "claims:source_detail"]
)
@given(pk=ids)
def test_a_row_link_is_the_address_reverse_gives(name: str, pk: int) -> None:
    assert RowLink(name)(pk) == reverse(name, args=[pk])


@given(pk=ids, event_id=ids)
def test_a_link_with_two_numbers_fills_each_in_its_place(pk: int, event_id: int) -> None:
    assert RowLink("claims:as_of", 2)(pk, event_id) == reverse("claims:as_of", args=[pk, event_id])


def test_a_row_link_wants_as_many_numbers_as_its_address() -> None:
    with pytest.raises(TypeError):
        RowLink("claims:as_of", 2)(5)
