"""Issue 13: word stems that collided. Snowball gives "operator" and "operating" one stem,
"hospitalized" the hospital's, "training" the train's, "terminated" the terminal's, and
"rehired" none that reaches "hired". Each rule has a near miss that must still match."""

from __future__ import annotations

from claims.matching.normalize import lemma
from claims.tests.matching.test_engine_unseen import relation, side


def test_an_agent_noun_is_not_the_action() -> None:
    assert lemma("operator") != lemma("operating")
    assert lemma("regulators") == lemma("regulator") != lemma("regulation")
    # near miss: the forms of one verb still meet
    assert lemma("operating") == lemma("operated") == lemma("operation")


def test_a_verb_made_of_an_adjective_is_not_its_noun() -> None:
    assert lemma("hospitalized") != lemma("hospital")
    assert lemma("nationalised") != lemma("national")
    # near miss: two spellings and the noun of the verb meet
    assert lemma("hospitalised") == lemma("hospitalized") == lemma("hospitalisation")
    assert lemma("hospitals") == lemma("hospital")


def test_a_verb_form_of_a_counted_noun_is_not_the_thing_counted() -> None:
    assert lemma("training") != lemma("trains")
    assert lemma("terminated") != lemma("terminal")
    # near miss: the noun's own forms, and the verb's, still meet
    assert lemma("trains") == lemma("train")
    assert lemma("terminals") == lemma("terminal")
    assert lemma("trained") == lemma("training")


def test_a_verb_done_again_reaches_the_verb() -> None:
    assert lemma("rehired") == lemma("hired")
    assert lemma("resold") == lemma("sold")
    # near miss: words that only open with "re" keep their own stem
    assert lemma("reported") != lemma("ported")
    assert lemma("released") != lemma("leased")


def test_rehired_workers_are_hired_ones_and_laid_off_ones_are_not() -> None:
    rehired = side(
        "a",
        "miners rehired at the copper pit",
        "The mining group rehired 1,450 miners at the copper pit this spring.",
        value=1450,
        unit="miners",
    )
    hired = side(
        "b",
        "miners hired at the copper pit",
        "Some 1,450 miners were hired at the copper pit, the company said.",
        value=1450,
        unit="miners",
    )
    laid_off = side(
        "c",
        "miners laid off at the copper pit",
        "The mining group laid off 1,450 miners at the copper pit in the winter.",
        value=1450,
        unit="miners",
    )
    assert relation(rehired, hired) == "same"
    assert relation(rehired, laid_off) == "unrelated"


def test_patients_hospitalised_are_admitted_ones_not_discharged_ones() -> None:
    hospitalised = side(
        "a",
        "children hospitalised with measles",
        "Some 380 children were hospitalised with measles across the region.",
        value=380,
        unit="children",
    )
    admitted = side(
        "b",
        "children admitted to hospital with measles",
        "Hospitals in the region admitted 380 children with measles.",
        value=380,
        unit="children",
    )
    discharged = side(
        "c",
        "children discharged from hospital after measles",
        "Hospitals in the region discharged 380 children who had measles.",
        value=380,
        unit="children",
    )
    assert relation(hospitalised, admitted) == "same"
    assert relation(hospitalised, discharged) == "unrelated"
