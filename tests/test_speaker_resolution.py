"""Speakers: who a subject phrase stands for (names, descriptions, pronouns, documents),
general constructions of English news found wrong on unseen articles (issue 14),
each pinned on sentences we wrote."""

from __future__ import annotations

import pytest

from mediakit.voice import VoiceSpan, voice_spans


def _quotes(text: str) -> list[VoiceSpan]:
    return [s for s in voice_spans(text) if s.voice in ("quote", "scare_quote")]


def _speakers(text: str) -> list[str | None]:
    return [s.speaker for s in _quotes(text)]


# --- a name in apposition to a description speaks --------------------------------------


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a body (its acronym) and then a person, both in apposition
        ('A spokesman for the World Food Programme, WFP, Tomas Berg, said: "Stocks are low."',
         "Tomas Berg"),
        # a long title with its own prepositions before the name
        ('The chief inspector of prisons for Wales, Dr Aled Price, said: "The jail is failing."',
         "Aled Price"),
        # a title after a preposition, the name in apposition to the whole of it
        ('The senior coroner for Devon, Dr Ruth Penrose, said the crew were "left alone".',
         "Ruth Penrose"),
        # a possessive's role (no title word at its end)
        ('"We will grow," Norrland\u2019s chief executive, Mette Dahl, said.', "Mette Dahl"),
    ],
)
def test_a_name_in_apposition_to_a_description_speaks(text: str, speaker: str) -> None:
    (span,) = _quotes(text)
    assert span.speaker == speaker
    assert span.rule in ("before", "after")


def test_a_body_alone_in_apposition_stays_the_body() -> None:
    # "The agency, WFP, said": no person in apposition, the body speaks
    text = 'The agency, WFP, said: "Stocks are low."'
    (span,) = _quotes(text)
    assert span.speaker == "WFP"


def test_a_colon_after_a_long_apposition_never_names_the_verb() -> None:
    # the clause after the last comma is the verb alone: it is no subject
    text = 'Ann Cole, whose mother lost the house, a flat and the car, wrote: "I trusted her."'
    assert _speakers(text) != ["wrote"]


def test_a_number_with_a_thousands_comma_stays_inside_the_apposition() -> None:
    text = 'Ann Cole, who lost \u00a312,000, wrote: "I trusted her."'
    (span,) = _quotes(text)
    assert span.speaker == "Ann Cole"
    assert span.cue == "Ann Cole, who lost \u00a312,000, wrote"


def test_a_role_holder_before_the_role_of_a_body_speaks() -> None:
    # no commas: "NAME the head of the BODY said" is the person, after a quotation too
    text = (
        '"Grave," Ahmet Kaya the head of the Organisation for the Prohibition of '
        'Chemical Weapons said in a statement. It "examines reports" the statement said.'
    )
    first, second = _quotes(text)
    assert first.speaker == "Ahmet Kaya"
    assert second.speaker == "Ahmet Kaya"
    assert second.resolved_via == "the statement -> Ahmet Kaya"


# --- "Mrs Finch": a second mention by title and surname --------------------------------


def test_she_is_the_person_mentioned_by_title_and_surname_in_the_sentence_before() -> None:
    text = (
        "The court heard from Deborah Finch. Prosecutor Anil Sharma said Mrs Finch had "
        'spent the money. On one call, she was heard to say: "Nobody checks."'
    )
    (span,) = _quotes(text)
    assert span.speaker == "Deborah Finch"
    assert span.resolved_via == "she -> Deborah Finch"


# --- "the report said": the report's author ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # the author opens the sentence that mentions the report
        ("The UN Commission of Inquiry on Kessel has concluded that jets bombed the town, in a "
         'report released on Thursday. "There are grounds to believe it," the report said.',
         "UN Commission of Inquiry on Kessel"),
        # the author "published a report"
        ('Amnesty International published a report on Monday. "The camps are full," the report said.',
         "Amnesty International"),
        # "a report by ..."
        ('A report by the Ministry of Health was released on Monday. "Wards are full," the report said.',
         "Ministry of Health"),
    ],
)
def test_the_report_is_its_authors(text: str, speaker: str) -> None:
    (span,) = _quotes(text)
    assert span.speaker == speaker
    assert span.speaker_text == "the report"
    assert span.resolved_via == f"the report -> {speaker}"


def test_an_indefinite_report_names_no_author() -> None:
    # "a new report" is not a report the text named before: it stays as written
    text = 'The army said on Monday it had taken the hill. "We hold it," a new report said.'
    (span,) = _quotes(text)
    assert span.speaker == "a new report"
    assert span.resolved_via is None


def test_a_statement_by_a_ministry_keeps_of_in_its_name() -> None:
    text = (
        'A statement by the Ministry of Defence was read out. "The base is secure," the '
        "statement said."
    )
    (span,) = _quotes(text)
    assert span.speaker == "Ministry of Defence"


# --- "the company": a body described by a noun before its name ---------------------------


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ('Appliance maker Whirlton Corp will shut its plant, the company said. "It is not about '
         'you," the company said.', "Whirlton Corp"),
        ('Carmaker Voltra Motors cut 900 jobs. "Hard times," the company said.', "Voltra Motors"),
        ('Rights group Amnesty Watch said the camps were full. "We saw it," the group said.',
         "Amnesty Watch"),
        # the statement of "the company" is the company's, described before its name
        ("Appliance maker Whirlton Corp will shut its plant. In a statement the company said "
         'costs were high. "It is not about you," the statement said.', "Whirlton Corp"),
    ],
)
def test_the_company_is_the_body_a_noun_before_its_name_describes(text: str, speaker: str) -> None:
    assert _speakers(text)[-1] == speaker


def test_a_title_inside_a_body_name_is_no_description_of_a_body() -> None:
    # "Central Bank Governor Sherif Mansour" is a person; "the bank" is the bank
    text = (
        "The Central Bank of Egypt let the pound fall. "
        '"The era is over," Central Bank Governor Sherif Mansour said. '
        'The bank said it aimed for "single digits".'
    )
    assert _speakers(text) == ["Sherif Mansour", "Central Bank of Egypt"]


# --- he and she: a person the text already called the other never stands for it --------


def test_he_skips_a_person_the_text_called_she() -> None:
    text = (
        'Rep. Garrett Hollis said: "Nobody here is against it." Deputy Secretary Lorraine '
        'Achebe told the committee that inspectors found nothing. "We track these systems," '
        "she said. Hollis was unmoved. Asked whether it changed his mind, he replied, "
        '"Not one bit."'
    )
    assert _speakers(text) == ["Garrett Hollis", "Lorraine Achebe", "Garrett Hollis"]
    assert _quotes(text)[-1].resolved_via == "he -> Garrett Hollis"


def test_she_skips_a_person_with_a_mans_title() -> None:
    text = (
        "Mr Tom Reid and Ivy Moss ran the shop. Tom Reid said the rent had doubled. "
        'Ivy Moss spoke later. "We will stay," she said.'
    )
    (span,) = _quotes(text)
    assert span.speaker == "Ivy Moss"


def test_he_without_a_clue_to_gender_still_takes_the_latest_person() -> None:
    # no title and no earlier pronoun: the rule is unchanged
    text = 'Tom Reid said the rent had doubled. "We will stay," he said.'
    (span,) = _quotes(text)
    assert span.speaker == "Tom Reid"


# --- names and descriptions ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # an adjective in -run, -owned, -linked before a body's name is no part of it
        ('Rebels "repelled a desperate assault", according to the Houthi-run Saba news agency.',
         "Saba news agency"),
        ('The raid was "a success", the Iran-linked Kessel Valley militia said.', "Kessel Valley"),
        ('The raid was "a success", the army-run Kessel Radio channel said.', "Kessel Radio"),
        # a profession before a name is a title
        ('Economist Walid Nassar, who teaches in Damascus, was quoted by a daily as saying the '
         'rise was "painful".', "Walid Nassar"),
        ('Analyst Mira Sayed said the deal was "fragile".', "Mira Sayed"),
    ],
)
def test_adjectives_and_professions_before_a_name_are_no_part_of_it(text: str, speaker: str) -> None:
    (span,) = _quotes(text)
    assert span.speaker == speaker


def test_a_description_with_an_article_is_no_name_of_a_role_holder() -> None:
    # "A Western (diplomat)" is no person's name: "the diplomat" is the description
    text = (
        "A Western diplomat in Niamey, who asked not to be named, said the timing was bad. "
        '"Nobody expected it," the diplomat said.'
    )
    (span,) = _quotes(text)
    assert span.speaker == "A Western diplomat in Niamey"


@pytest.mark.parametrize(
    "text",
    [
        # a relative clause with no commas describes the name before it
        '"The children live here" Dr Aminata Kiema who heads the Nanoro unit told Reuters.',
        'Dr Aminata Kiema who heads the Nanoro unit told Reuters "The children live here".',
    ],
)
def test_a_relative_clause_without_commas_describes_the_name_before_it(text: str) -> None:
    (span,) = _quotes(text)
    assert span.speaker == "Aminata Kiema"


def test_the_object_of_a_relative_clause_does_not_speak() -> None:
    text = 'The man who shot the soldier said "I am sorry".'
    (span,) = _quotes(text)
    assert span.speaker == "The man"


def test_a_body_named_before_a_description_with_no_comma_speaks() -> None:
    text = 'The Union of Medical Care Groups a charity that supported the hospital said it was "hit again".'
    (span,) = _quotes(text)
    assert span.speaker == "Union of Medical Care Groups"


# --- "the group": the more recent body that spoke wins over an older description ----------


def test_the_group_is_the_body_that_spoke_last() -> None:
    text = (
        "The Kessel Observatory, a monitoring group, said nine died. The Union of Medical Care "
        'Groups a charity that supported the hospital said it was "hit again". '
        '"We moved it," the group said.'
    )
    assert _speakers(text)[-1] == "Union of Medical Care Groups"
    assert _quotes(text)[-1].resolved_via == "the group -> Union of Medical Care Groups"


def test_a_state_institution_that_spoke_last_is_no_group() -> None:
    text = (
        'The Kessel Observatory, a monitoring group, said nine died. The army said it had hit '
        '"terrorists". "Nine died," the group said.'
    )
    assert _speakers(text)[-1] == "Kessel Observatory"


def test_a_short_form_of_the_same_body_keeps_the_full_name() -> None:
    text = (
        "On Sunday the militant group Kessel Valley Front claimed the attack. Kessel Valley said "
        'in a statement that it had struck the base. "We will strike again," the group said.'
    )
    assert _speakers(text)[-1] == "Kessel Valley Front"


# --- more resolution: object pronouns, descriptions, bodies joined by "and" --------------


def test_quoted_him_as_saying_is_the_person_named_before() -> None:
    text = (
        "Governor Nabil Sabbagh told the agency SANA that streets were clear. The agency "
        'quoted him as saying that the state was "keeping its promise".'
    )
    (span,) = _quotes(text)
    assert span.speaker == "Nabil Sabbagh"
    assert span.speaker_text == "him"
    assert span.resolved_via == "he -> Nabil Sabbagh"


def test_a_person_familiar_with_the_matter_keeps_the_whole_description() -> None:
    text = (
        "According to a person familiar with the negotiations, the deal is close. "
        '"They want a win," the person said.'
    )
    (span,) = _quotes(text)
    assert span.speaker == "a person familiar with the negotiations"


def test_a_ministry_of_two_things_joined_by_and_is_one_body() -> None:
    text = (
        'The Ministry of Internal Trade and Consumer Protection said it would act "to secure '
        'bread". "More than 80 percent," the statement added.'
    )
    assert _speakers(text) == ["Ministry of Internal Trade and Consumer Protection"] * 2


def test_two_bodies_joined_by_and_stay_apart() -> None:
    # the second half holds no institution noun and no institution opens the first
    text = 'Kessel Valley and Tarva Media said the road was "open".'
    assert _speakers(text) != ["Kessel Valley and Tarva Media"]


def test_it_is_the_body_with_its_acronym_that_opens_the_sentence_before() -> None:
    text = (
        "Rescuers from the Kessel Civil Defence said nine died. The official Tarvian News "
        "Agency (TNA) made no mention of the market. It reported that units hit "
        '"terrorist gatherings".'
    )
    (span,) = _quotes(text)
    assert span.speaker == "Tarvian News Agency"
    assert span.resolved_via == "it -> Tarvian News Agency"
