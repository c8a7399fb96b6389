"""Attribution forms of wire copy (issue 11), one class per test, in our own sentences."""

from __future__ import annotations

from claims.extraction import extract

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


def test_a_person_for_or_at_a_body_is_the_speaker_not_the_body() -> None:
    text = "A spokesman for the water utility said 14,000 homes had no supply."
    assert find(text, "14,000").speaker == "A spokesman for the water utility"
    text = "Economists at the consultancy predicted that rents would rise 4%."
    assert find(text, "4%").speaker == "Economists at the consultancy"


def test_a_verb_with_a_that_clause_makes_its_subject_the_speaker() -> None:
    text = "The lobby group forecast that 2,500 pubs would close this year."
    assert find(text, "2,500").speaker == "lobby group"


def test_data_from_a_body_credits_the_body() -> None:
    text = "Figures from the tourism board show hotel occupancy reached 81% in August."
    assert find(text, "81%").speaker == "tourism board"


def test_a_plural_body_is_a_speaker_like_its_singular() -> None:
    text = "Rights groups estimate 4,000 people are held without charge."
    assert find(text, "4,000").speaker == "Rights groups"


def test_plain_present_verbs_of_speech_attribute_like_their_other_forms() -> None:
    text = "Regulators allege the broker overcharged clients by $18 million."
    assert find(text, "$18 million").speaker == "Regulators"
    text = "Forecasters warn the river could rise another 1.5 metres."
    assert find(text, "1.5 metres").speaker == "Forecasters"


def test_unnamed_sources_are_the_whole_description_not_the_matter() -> None:
    text = "Sources close to the negotiations said the loan would total 9 billion euros."
    assert find(text, "9 billion").speaker == "Sources close to the negotiations"
    text = "Two people with knowledge of the bid said it valued the club at $3 billion."
    found = extract(text)
    assert [q.text for q in found] == ["$3 billion"]  # "Two" counts the speakers
    assert found[0].speaker == "Two people with knowledge of the bid"


def test_a_short_form_in_brackets_is_not_part_of_the_speaker() -> None:
    text = "The World Meteorological Organization (WMO) said the year was 1.5C warmer."
    assert find(text, "1.5C").speaker == "The World Meteorological Organization"


def test_an_interview_with_an_outlet_is_relayed_by_the_outlet() -> None:
    text = "Orders rose 12% this year, Ms. Ito said in an interview with Nikkei."
    q = find(text, "12%")
    assert (q.speaker, q.via) == ("Ito", "Nikkei")
    text = "Ms. Ito said in an interview with the Nikkei that orders rose 12% this year."
    assert find(text, "12%").via == "Nikkei"


def test_a_source_cited_by_an_outlet_speaks_via_the_outlet() -> None:
    text = "According to rescue workers cited by Kyodo, 14 people are missing."
    q = find(text, "14 people")
    assert (q.speaker, q.via) == ("rescue workers", "Kyodo")


def test_the_body_whose_figures_they_are_is_the_speaker() -> None:
    text = "Statistics Canada's figures showed housing starts fell 9% in June."
    assert find(text, "9%").speaker == "Statistics Canada"
    text = "Rail fares will rise 4.6%, according to the regulator's annual report."
    assert find(text, "4.6%").speaker == "regulator"
    text = "The Water Board has denied a shortage. The board's own data show reservoirs at 38%."
    assert find(text, "38%").speaker == "The Water Board"


def test_data_released_on_a_day_by_a_body_credits_the_body() -> None:
    text = "The data, published on Monday by the Central Statistics Office, showed 2.1% growth."
    assert find(text, "2.1%").speaker == "Central Statistics Office"


def test_a_closing_report_by_an_outlet_relays_the_speaker_named_before() -> None:
    text = "The coast guard said 61 migrants were rescued, the Ansa news agency reported."
    q = find(text, "61 migrants")
    assert (q.speaker, q.via) == ("coast guard", "the Ansa news agency")


def test_an_aside_between_the_speaker_and_its_verb_is_skipped() -> None:
    text = "The union, however, puts the shortfall at 1,800 nurses."
    assert find(text, "1,800").speaker == "union"
    text = "The insurer, which covers the port, estimates losses at $90 million."
    assert find(text, "$90 million").speaker == "insurer"


def test_a_body_that_gives_a_figure_of_its_own_is_its_speaker() -> None:
    text = "The airport authority said 40 flights were cancelled. Airlines gave a figure of 65."
    assert find(text, "65").speaker == "Airlines"
    text = "The charity cited a toll of 130 dead."
    assert find(text, "130").speaker == "charity"
    assert find("The foundation gave $5 million to the clinic.", "$5 million").speaker is None


def test_according_to_a_role_and_its_holders_name_credits_the_name() -> None:
    text = "Bookings fell 18% in May, according to the hotel's manager, Petra Novak."
    assert find(text, "18%").speaker == "Petra Novak"
    text = "Bookings fell 18% in May, according to the hotel's manager."
    assert find(text, "18%").speaker == "hotel's manager"


def test_told_a_named_news_agency_is_relayed_by_it() -> None:
    text = "Flood waters reached 2.4 metres, the mayor told the Kyodo news agency."
    q = find(text, "2.4 metres")
    assert (q.speaker, q.via) == ("the mayor", "Kyodo news agency")


def test_a_rival_figure_given_by_another_body_is_credited_to_it() -> None:
    text = "Unions said 70% of staff walked out, against the 35% reported by management."
    assert find(text, "70%").speaker == "Unions"
    assert find(text, "35%").speaker == "management"


def test_someone_quoted_by_an_outlet_as_saying_speaks_via_the_outlet() -> None:
    text = "Rosatom head Ivan Sorokin was quoted by TASS as saying 12 reactors were being built."
    q = find(text, "12 reactors")
    assert (q.speaker, q.via) == ("Ivan Sorokin", "TASS")


def test_a_report_dated_by_a_participle_speaks() -> None:
    text = "An audit released on Friday showed that 1,300 bridges need urgent repair."
    assert find(text, "1,300").speaker == "An audit"


def test_a_speaker_in_a_clause_after_the_figure_does_not_claim_it() -> None:
    text = "Copper rose 1.5% after the miners' union said it would strike for 10 days."
    assert find(text, "1.5%").speaker is None
    assert find(text, "10 days").speaker == "miners' union"


def test_it_is_the_body_named_earlier_in_the_sentence() -> None:
    text = "Shares in the airline fell 6% on Monday after it forecast a loss of $90 million."
    assert find(text, "6%").speaker is None
    assert find(text, "$90 million").speaker == "the airline"


def test_a_closing_clause_opened_by_as_names_who_spoke() -> None:
    assert find("Rates rose to 4%, as economists had forecast.", "4%").speaker == "economists"


def test_dotted_abbreviations_stay_in_the_speaker() -> None:
    text = "U.S. officials said 35 ships had been hit."
    assert find(text, "35 ships").speaker == "U.S. officials"
    text = "Two U.K. officials told the BBC that 35 ships had been hit."
    q = find(text, "35 ships")
    assert (q.speaker, q.via) == ("Two U.K. officials", "BBC")
    text = "The U.N. food agency said 35 ships had been hit."
    assert find(text, "35 ships").speaker == "The U.N. food agency"


def test_a_progressive_verb_of_estimate_is_not_a_passive() -> None:
    text = "Analysts are expecting a quarterly loss of $410 million."
    assert find(text, "$410 million").speaker == "Analysts"
    assert find("Weather forecasting models show 40 cm of snow.", "40 cm").speaker is None


def test_a_paragraph_that_opens_with_a_quotation_goes_on_with_the_speaker_before() -> None:
    text = (
        "“Orders are down 25%,” said Mirela Pop, who runs the bakery.\n\n"
        "“We have cut four jobs since spring.”"
    )
    assert find(text, "four jobs").speaker == "Mirela Pop"
    text = "Mirela Pop runs the bakery.\n\n“We have cut four jobs since spring.”"
    assert find(text, "four jobs").speaker is None


def test_a_lower_case_noun_opening_the_speaker_phrase_belongs_to_it() -> None:
    text = "Tourism fell 8%, but hotel operators believe it will recover to 95% of its peak."
    assert find(text, "95%").speaker == "hotel operators"
    text = "On Monday, port officials said 12 cranes had stopped."
    assert find(text, "12 cranes").speaker == "port officials"


def test_a_capitalised_descriptor_opening_a_sentence_is_not_the_name() -> None:
    text = "The ministry sees 30 million tonnes. Broker Numis put it at 27 million tonnes."
    assert find(text, "27 million").speaker == "Numis"


def test_with_a_body_estimating_names_the_rival() -> None:
    text = "Officials expect 2 million visitors, with Tourism Watch estimating 1.6 million."
    assert find(text, "1.6 million").speaker == "Tourism Watch"


def test_an_outlet_which_cited_someone_relays_them() -> None:
    text = "The bank will close 80 branches, according to Le Figaro, which cited two unions."
    q = find(text, "80 branches")
    assert (q.speaker, q.via) == ("two unions", "Le Figaro")


def test_an_outlet_that_cited_someone_as_saying_relays_them() -> None:
    text = "Xinhua cited the port authority as saying 52 ships were waiting."
    q = find(text, "52 ships")
    assert (q.speaker, q.via) == ("port authority", "Xinhua")


def test_a_study_with_a_sample_in_an_aside_speaks_for_its_finding_only() -> None:
    text = "The trial, which enrolled 3,100 patients, found a 19% lower risk of stroke."
    assert find(text, "19%").speaker == "trial"
    assert find(text, "3,100").speaker is None


def test_a_verb_after_and_is_not_a_rival_body() -> None:
    text = "Firefighters believe the blaze started at dawn and spread across 260 hectares."
    assert find(text, "260 hectares").speaker == "Firefighters"


def test_speaking_to_an_outlet_makes_it_the_relay() -> None:
    text = "Speaking to Reuters, the harbour master said 70 boats were stranded."
    q = find(text, "70 boats")
    assert (q.speaker, q.via) == ("harbour master", "Reuters")
    text = "In an interview with Le Monde, the minister said 70 boats were stranded."
    assert find(text, "70 boats").via == "Le Monde"


def test_an_audience_told_is_not_an_outlet() -> None:
    text = "Exports will fall 5%, Trade Minister Ana Ruiz told MPs on Tuesday."
    q = find(text, "5%")
    assert (q.speaker, q.via) == ("Ana Ruiz", None)
    text = "Exports will fall 5%, Trade Minister Ana Ruiz told Bloomberg on Tuesday."
    assert find(text, "5%").via == "Bloomberg"


def test_who_closes_the_sentence_voices_what_the_body_expects() -> None:
    text = "The brewer expects sales of 9 million barrels, its finance chief told a briefing."
    assert find(text, "9 million").speaker == "its finance chief"
    text = "The brewer said sales reached 9 million barrels, Reuters reported."
    q = find(text, "9 million")
    assert (q.speaker, q.via) == ("brewer", "Reuters")
