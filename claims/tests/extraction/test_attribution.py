"""Speaker, verb and relay (via) of each figure."""

from __future__ import annotations

import pytest

from claims.extraction import extract

from . import find, only


@pytest.mark.parametrize(
    ("text", "speaker", "verb"),
    [
        ("Officials said 1,200 homes were destroyed.", "Officials", "said"),
        ("The ministry estimated that 3.5 million people lost power.", "ministry", "estimated"),
        ("Police reported 23 arrests overnight.", "Police", "reported"),
        ("Analysts assessed that 120 tanks were lost.", "Analysts", "assessed"),
        ("The governor told reporters that 8,000 homes were evacuated.", "governor", "told"),
        ("About 40 percent were severe, said Dr. Amara Osei.", "Amara Osei", "said"),
        (
            "According to the health ministry, 312 people are in hospital.",
            "health ministry",
            "according to",
        ),
    ],
)
def test_it_finds_the_speaker_and_verb(text: str, speaker: str, verb: str) -> None:
    q = only(text)
    assert (q.speaker, q.verb, q.via) == (speaker, verb, None)


def test_it_skips_an_apposition_to_reach_the_speaker() -> None:
    q = only("Oleksandr Merezhko, the chair of the committee, said 40 envoys came.")
    assert q.speaker == "Oleksandr Merezhko"


def test_it_reads_a_quote_followed_by_its_speaker() -> None:
    q = only("“This is a war of two countries against one,” Mr. Zelensky said.")
    assert (q.speaker, q.verb) == ("Zelensky", "said")


def test_it_carries_a_quote_attribution_to_its_earlier_sentences() -> None:
    text = "“We counted 212 craters. It was terrible,” said Oksana Lysenko, a farmer."
    assert only(text).speaker == "Oksana Lysenko"


def test_it_carries_a_pronoun_to_the_last_named_speaker_in_the_paragraph() -> None:
    text = "Mr. Haddad said the port was busy. He said 12 million containers pass each year."
    assert only(text).speaker == "Haddad"


def test_a_pronoun_does_not_reach_into_another_paragraph() -> None:
    text = "Mr. Haddad said the port was busy.\n\nHe said 12 million containers pass each year."
    assert only(text).speaker is None


def test_it_reads_a_relayed_chain() -> None:
    text = (
        "The Korea Herald, a newspaper based in Seoul, reported Sunday that South Korean "
        "intelligence has assessed that Russia is paying US$2,000 a month for each soldier."
    )
    q = only(text)
    assert (q.speaker, q.verb, q.via) == (
        "South Korean intelligence",
        "assessed",
        "The Korea Herald",
    )


def test_it_reads_citing_as_the_source_behind_a_relay() -> None:
    q = only("Reuters, citing two officials, said the deal was worth $4 billion.")
    assert (q.speaker, q.via) == ("two officials", "Reuters")


def test_a_sentence_without_a_speaker_has_none() -> None:
    q = only("Moscow is believed to be sending 700,000 tons of rice.")
    assert (q.speaker, q.verb, q.via) == (None, None, None)


def test_a_proper_noun_ending_in_a_verb_is_not_an_attribution() -> None:
    q = only("The United States sent 40 trucks.")
    assert q.speaker is None


def test_every_figure_in_a_sentence_shares_its_speaker() -> None:
    found = extract("The army said it destroyed 11 drones and 4 tanks.")
    assert {q.speaker for q in found} == {"army"}


def test_it_scores_attributed_figures_higher() -> None:
    text = "Officials said 1,200 homes were destroyed. Another 1,200 homes were fine."
    said = find(text, "1,200 homes")
    other = extract(text)[1]
    assert said.score > other.score


def test_a_further_quote_in_the_paragraph_keeps_the_speaker() -> None:
    text = "“Calls are up 40 per cent,” said Dr. Lena Park. “Some nights we get 300 calls.”"
    assert find(text, "300").speaker == "Lena Park"


def test_a_name_in_apposition_is_the_speaker() -> None:
    q = only("The transport critic, Mark Dube, said the cost could top $6-billion.")
    assert (q.speaker, q.qualifier) == ("Mark Dube", ">")


def test_a_speaker_named_by_its_role_after_a_determiner() -> None:
    assert only("The coast guard said it rescued 48 migrants.").speaker == "coast guard"


def test_it_reads_a_chain_across_hard_wrapped_lines() -> None:
    text = (
        "The Korea Herald, a daily paper based in Seoul, reported\n"
        "Sunday that South Korean intelligence had assessed that Moscow pays\n"
        "US$2,000 a month for each soldier.\n"
        "A short headline with 5 soldiers\n"
    )
    q = extract(text)[0]
    assert (q.speaker, q.via) == ("South Korean intelligence", "The Korea Herald")
    assert extract(text)[1].sentence_start == text.index("A short")


def test_a_coordinated_speech_verb_goes_back_to_the_subject() -> None:
    q = only("Moody's downgraded the country's debt and said the deficit would reach 6 per cent.")
    assert q.speaker == "Moody's"


# issue 11, class 11: who speaks and who relays, in sentences of our own -----------------------


def test_a_chain_closed_by_the_outlet_that_reported_it() -> None:
    text = (
        "Ukrainian military intelligence has estimated that about 9,000 drones were launched "
        "in October, the Kyiv Independent reported."
    )
    q = only(text)
    assert (q.speaker, q.via) == ("Ukrainian military intelligence", "the Kyiv Independent")


def test_a_closing_relay_without_a_that_clause_is_the_speaker() -> None:
    q = only("About 700 homes lost power overnight, the regional utility said.")
    assert (q.speaker, q.via) == ("the regional utility", None)


@pytest.mark.parametrize(
    ("text", "fragment", "speaker"),
    [
        (
            "Quarterly revenue rose to $4.1 billion, ahead of the $3.9 billion analysts "
            "had expected.",
            "$3.9",
            "analysts",
        ),
        (
            "The mill's output reached 2.4 million tonnes, short of the 2.6 million tonnes "
            "traders forecast.",
            "2.6",
            "traders",
        ),
        (
            "Spain's olive oil crop is put at 1.3 million tonnes by the ministry, against "
            "1.1 million estimated by growers.",
            "1.1 million",
            "growers",
        ),
        (
            "Spain's olive oil crop is put at 1.3 million tonnes by the ministry, against "
            "1.1 million estimated by growers.",
            "1.3 million",
            "ministry",
        ),
        (
            "The Kenyan tea board expects 570 million kilograms, while the Mombasa auction "
            "sees 540 million.",
            "540",
            "Mombasa auction",
        ),
    ],
)
def test_a_rival_estimate_named_next_to_its_figure_gives_that_figure_only(
    text: str, fragment: str, speaker: str
) -> None:
    assert find(text, fragment).speaker == speaker


def test_the_figure_before_a_rival_estimate_is_not_the_rivals() -> None:
    text = "Quarterly revenue rose to $4.1 billion, ahead of the $3.9 billion analysts expected."
    assert find(text, "$4.1").speaker != "analysts"


def test_the_sample_of_a_survey_is_not_its_finding() -> None:
    text = "The survey of 2,300 nurses found 38% had considered quitting."
    assert find(text, "2,300").speaker is None
    assert find(text, "38%").speaker == "The survey"


def test_a_pollster_named_after_the_sample_is_the_speaker() -> None:
    text = "Turnout will top 70%, according to a poll of 1,800 voters by Ipsos Mori."
    assert find(text, "70%").speaker == "Ipsos Mori"


def test_data_from_a_body_is_credited_to_the_body() -> None:
    text = "Rents in Dublin rose 6% in a year, data from the Residential Tenancies Board showed."
    assert only(text).speaker == "Residential Tenancies Board"


@pytest.mark.parametrize(
    ("text", "via"),
    [
        (
            "About 120 flights were cancelled, the airport's manager told state television.",
            "state television",
        ),
        ("“We lost 40 cattle,” the farmer told local radio.", "local radio"),
        ("Some 60 officers were hurt, the police chief told the BBC.", "BBC"),
    ],
)
def test_an_outlet_told_relays_the_speaker(text: str, via: str) -> None:
    assert only(text).via == via


@pytest.mark.parametrize(
    "text",
    [
        "The minister told Parliament that 3,000 posts would be cut.",
        "The coach told reporters the side had lost 9 of its last 11 games.",
        "The chief executive told the Senate committee that 14 plants would close.",
    ],
)
def test_a_house_or_reporters_told_do_not_relay(text: str) -> None:
    assert all(q.via is None for q in extract(text))


def test_its_earlier_forecast_is_not_a_speaker() -> None:
    text = "The OECD projects world growth of 3.1% next year, above its June forecast."
    assert only(text).speaker == "The OECD"


def test_an_agency_that_quoted_someone_as_saying_relays_them() -> None:
    text = (
        "The Tass news agency quoted Igor Sechin as saying output would reach 190 million tonnes."
    )
    q = only(text)
    assert (q.speaker, q.via) == ("Igor Sechin", "The Tass news agency")


def test_quoted_by_an_outlet_in_apposition_relays_the_speaker() -> None:
    text = "Rosneft chief Igor Sechin, quoted by RIA, said output would reach 190 million tonnes."
    q = only(text)
    assert (q.speaker, q.via) == ("Igor Sechin", "RIA")


def test_said_according_to_an_outlet_is_relayed_by_it() -> None:
    q = only("Output would reach 190 million tonnes, Sechin said, according to RIA.")
    assert (q.speaker, q.via) == ("Sechin", "RIA")


def test_figures_released_by_a_body_are_the_bodys() -> None:
    text = "The figures, published by Statistics Canada on Friday, showed jobs rising by 47,000."
    assert only(text).speaker == "Statistics Canada"


def test_a_poll_of_a_sample_speaks_and_its_sample_does_not() -> None:
    text = "A Gallup poll of 1,500 adults showed approval at 41%."
    assert find(text, "1,500").speaker is None
    assert find(text, "41%").speaker == "A Gallup poll"


def test_a_spokeswoman_for_a_company_keeps_the_whole_description() -> None:
    q = only("A spokeswoman for the retailer said 85 stores would close.")
    assert q.speaker == "A spokeswoman for the retailer"


def test_a_closing_clause_does_not_reach_past_while() -> None:
    text = "Jobless claims rose to 240,000, the Labor Department said, while oil fell 2%."
    assert find(text, "240,000").speaker == "the Labor Department"
    assert find(text, "2%").speaker is None


def test_the_thing_estimated_comes_between_the_figure_and_its_estimator() -> None:
    text = "Output fell 1.1% in May, worse than the 0.3% drop economists had forecast."
    assert find(text, "0.3%").speaker == "economists"


def test_bare_data_names_nobody() -> None:
    assert only("The shipping data showed a fall of 9% in March.").speaker is None


def test_the_object_of_a_preposition_does_not_act() -> None:
    text = "Screening against bowel cancer has cut deaths by 25% among adults in their 60s."
    assert find(text, "25%").speaker is None
