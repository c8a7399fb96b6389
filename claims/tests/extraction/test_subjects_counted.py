"""What a counted noun's clause adds to its subject (issue 11, classes 9 and 10), in sentences of
our own: the verb that acts on the things counted, known to our verb list or not, and the
predicate the counted things are the subject of."""

from __future__ import annotations

import pytest

from . import find

# a verb before the count, by its past form, a particle or a modal -----------------------------


@pytest.mark.parametrize(
    ("text", "fragment", "subject"),
    [
        ("Border guards turned back 85 lorries at the crossing.", "85", "lorries turned back"),
        ("Inspectors seized 1,200 counterfeit watches.", "1,200", "counterfeit watches seized"),
        ("The navy sent 12 frigates into the strait.", "12", "frigates sent by navy"),
        ("The airline will retire 30 older jets.", "30", "older jets retired by airline"),
        ("The archive threw out 400 damaged reels.", "400", "damaged reels thrown out"),
    ],
)
def test_the_verb_before_a_count_names_what_was_done_to_the_things(
    text: str, fragment: str, subject: str
) -> None:
    assert find(text, fragment).subject.startswith(subject)


def test_a_verb_reaches_its_count_across_a_determiner() -> None:
    assert find("The club sold its last 40 season tickets.", "40").subject.startswith(
        "season tickets sold"
    )
    q = find("The council closed the remaining 12 libraries.", "12")
    assert q.subject == "libraries closed by council"


# what the counted things did or had done to them ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "fragment", "subject"),
    [
        (
            "Officials said 26 missiles had been shot down over the coast.",
            "26",
            "missiles shot down over the coast",
        ),
        (
            "About 900 residents have fled across the river.",
            "900",
            "residents fled across the river",
        ),
        ("Some 340 climbers were still stranded on the ridge.", "340", "climbers stranded on"),
        (
            "About 2 billion people lack clean cooking fuel.",
            "2 billion",
            "people lack clean cooking",
        ),
        ("More than 40 councils run food banks.", "40", "councils run food banks"),
    ],
)
def test_a_count_keeps_the_predicate_it_is_the_subject_of(
    text: str, fragment: str, subject: str
) -> None:
    assert find(text, fragment).subject.startswith(subject)


@pytest.mark.parametrize(
    ("text", "fragment", "subject"),
    [
        # the count is inside a phrase: the verb belongs to the study, the poll, the group
        ("A survey of 2,500 nurses found that pay was the main worry.", "2,500", "nurses"),
        ("A panel of 40 judges picked the winner.", "40", "judges"),
        ("Volunteers from 30 towns cleared the beach.", "30", "towns"),
        # an amount or a comparison follows, or the verb says nothing of its own
        ("The 18 teams spent about £1.2 billion.", "18", "teams"),
        ("The runner finished 3 seconds clear.", "3 seconds", "runner"),
        ("The union said 450 branches would close.", "450", "branches"),
        ("Nurses said 60 patients had waited more than a day.", "60", "patients"),
        # "that" opens the clause the count is the subject of; it is not an article
        ("The audit found that 75 schools lack a nurse.", "75", "schools lack a nurse"),
    ],
)
def test_a_count_does_not_take_a_verb_that_is_not_its_own(
    text: str, fragment: str, subject: str
) -> None:
    assert find(text, fragment).subject == subject
