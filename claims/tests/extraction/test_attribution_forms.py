"""Attribution forms of wire copy (issue 11), one class per test, in our own sentences."""

from __future__ import annotations

from . import find


def test_a_speaker_opening_a_later_clause_does_not_claim_the_figures_before_it() -> None:
    text = "Zinc climbed 0.8% to $2,710 a tonne, and dealers said stocks were running low."
    assert find(text, "0.8%").speaker is None
    assert find(text, "$2,710").speaker is None
    text = "The ferry carries 900 cars; harbour officials said the route would reopen."
    assert find(text, "900").speaker is None


def test_a_closing_clause_after_a_conjunction_still_covers_the_sentence() -> None:
    text = "Zinc climbed 0.8%, and lead slipped 0.3%, dealers said."
    assert find(text, "0.8%").speaker == "dealers"
    assert find(text, "0.3%").speaker == "dealers"
