"""Speakers: constructions of English news prose found wrong on unseen articles
(issue 14, round 6 of the validation set), each pinned on sentences we wrote."""

from __future__ import annotations

import pytest

from mediakit.voice import VoiceSpan, voice_spans


def _quotes(text: str) -> list[VoiceSpan]:
    return [s for s in voice_spans(text) if s.voice in ("quote", "scare_quote")]


def _speakers(text: str) -> list[str | None]:
    return [s.speaker for s in _quotes(text)]


# --- a word of saying after a preposition or determiner is a noun ----------------------


@pytest.mark.parametrize(
    "clause",
    [
        "shot the men on charges of",
        "held the men over claims of",
        "dismissed the reports of",
        "rejected his calls for an end to",
    ],
)
def test_a_noun_homograph_of_a_verb_of_saying_is_no_verb(clause: str) -> None:
    # "charges", "claims", "reports", "warnings" after "of/on/over/the/his" are nouns:
    # the verb of the clause is the earlier one ("The Group added ...").
    text = (
        "The Kessel Monitoring Group reported that rebels killed four men. "
        f'The Group added that the rebels {clause} "spying on the army".'
    )
    (span,) = _quotes(text)
    assert span.speaker == "The Kessel Monitoring Group"
    assert span.rule == "before"
    assert span.cue == "The Group added"
    assert span.resolved_via == "The Group -> The Kessel Monitoring Group"


def test_a_verb_of_saying_after_its_subject_is_still_the_verb() -> None:
    # the rule only skips nouns: a real verb after a plain subject still speaks
    text = 'The rebels claimed the men were "spying on the army".'
    (span,) = _quotes(text)
    assert span.speaker == "The rebels"
    assert span.cue == "The rebels claimed"


def test_no_earlier_verb_leaves_the_noun_quote_unattributed() -> None:
    text = 'Police held the men on charges of "spying on the army".'
    assert _speakers(text) == [None]


# --- a statement named by an acronym is the body the acronym stands for ----------------


@pytest.mark.parametrize("attribution", ["a KRS statement said", "said a KRS statement"])
def test_an_acronym_statement_is_the_defined_bodys(attribution: str) -> None:
    text = (
        "The Kessel Relief Society (KRS) said July was the worst month. "
        f'"There were 43 attacks on clinics in the valley," {attribution}.'
    )
    (span,) = _quotes(text)
    assert span.speaker == "Kessel Relief Society"
    assert span.resolved_via == "a KRS statement -> Kessel Relief Society"


def test_an_undefined_acronym_statement_keeps_the_acronym() -> None:
    text = '"There were 43 attacks on clinics in the valley," a KRS statement said.'
    assert _speakers(text) == ["KRS"]


# --- a place's name with its common noun in a described speaker ------------------------


@pytest.mark.parametrize(
    ("attribution", "speaker"),
    [
        ("said a resident of the Kessel neighbourhood", "a resident of the Kessel neighbourhood"),
        ("a resident of the Kessel neighbourhood told reporters", "a resident of the Kessel neighbourhood"),
        ("said a man from the Amber Hill estate", "a man from the Amber Hill estate"),
        ("said one activist from Talbisseh town", "one activist from Talbisseh town"),
        # no place noun: the name alone, as before
        ("said one activist from Talbisseh", "one activist from Talbisseh"),
        # a lowercase word that is no place noun is no part of the place
        ("said a resident of the Kessel valley", "a resident of the Kessel"),
    ],
)
def test_a_place_noun_after_the_place_name_is_kept(attribution: str, speaker: str) -> None:
    text = f'"Within minutes our busy street was empty," {attribution}.'
    assert _speakers(text) == [speaker]


# --- "state television said": the state's media are a body ------------------------------


@pytest.mark.parametrize("medium", ["state television", "state media", "state TV", "state radio"])
def test_state_media_speak_without_a_determiner(medium: str) -> None:
    text = f'In Tarn, {medium} said the blast was "an attack by terrorists on civilians".'
    (span,) = _quotes(text)
    assert span.speaker == medium
    assert span.rule == "before"


def test_it_is_state_television_that_spoke_last() -> None:
    # "it" is the last body that spoke, here state television, not the monitor
    text = (
        "The Kessel Observatory for Human Rights said ten people died. "
        "In Tarn state television initially said people were killed. "
        'But it later said that "only soldiers were hurt in the blast".'
    )
    (span,) = _quotes(text)
    assert span.speaker == "state television"
    assert span.resolved_via == "it -> state television"


# --- an acronym before a describing noun names the body --------------------------------


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ('For its part the extremist KLF group said the raid was "a response to the shelling".', "KLF"),
        ('"There were 43 attacks on clinics in the valley," the official KNA news agency said.', "KNA"),
        ('"There were 43 attacks on clinics in the valley," the Kurdish YPG militia said.', "YPG"),
        # an acronym spelling the words before it belongs with them
        ('"There were 43 attacks on clinics," the Kessel Liberation Front KLF group said.',
         "Kessel Liberation Front KLF"),
        # a two-letter abbreviation describes the agency, the description stays
        ('"It was a massacre," the UN refugee agency said.', "the UN refugee agency"),
        # a name of words keeps them all
        ('"It was a massacre," the Islamic State group said.', "Islamic State"),
    ],
)
def test_an_acronym_before_a_describing_noun_is_the_body(sentence: str, speaker: str) -> None:
    assert _speakers(sentence) == [speaker]


def test_the_group_resolves_to_the_acronym_not_its_description() -> None:
    text = (
        "For its part the extremist KLF group claimed the attack on the convoy. "
        'The terrorist group said the attack was "a response to the crimes of the coalition".'
    )
    (span,) = _quotes(text)
    assert span.speaker == "KLF"
    assert span.resolved_via == "The terrorist group -> KLF"


# --- a passive labelling names its labeller after "by" ---------------------------------


@pytest.mark.parametrize(
    ("sentence", "speaker", "cue"),
    [
        ('The party is branded a "terrorist organisation" by Ankara.', "Ankara", "branded ... by Ankara"),
        ('The plan was described as "a disgrace" by Tory leader Michael Howard on Monday.',
         "Michael Howard", "described ... by Tory leader Michael Howard"),
        ('Like the Front, the party is blacklisted as a "terrorist organization" by Washington.',
         "Washington", "blacklisted ... by Washington"),
        ('The raid was condemned as "barbaric" by the foreign minister.', "the foreign minister",
         "condemned ... by the foreign minister"),
        ('The bill, dubbed "the snoopers charter" by critics, passed.', "critics", "dubbed ... by critics"),
    ],
)
def test_a_passive_labelling_is_the_labellers(sentence: str, speaker: str, cue: str) -> None:
    (span,) = _quotes(sentence)
    assert (span.speaker, span.rule, span.cue) == (speaker, "passive_by", cue)


@pytest.mark.parametrize(
    "sentence",
    [
        # "by" and no one: a time is no labeller
        'The plan was described as "unworkable" by the end of the week.',
        # no labelling participle before the quotation
        'He said the rebels were "terrorists" by any measure.',
        'The rebels were "terrorists" by Ankara.',
    ],
)
def test_no_passive_labelling_without_a_labeller_or_a_participle(sentence: str) -> None:
    assert all(span.rule != "passive_by" for span in _quotes(sentence))


# --- a name, its role without commas, then a place or body and the verb ----------------


@pytest.mark.parametrize(
    "opening",
    [
        "Lale Orhun deputy director at the New York-based group says",
        "Lale Orhun director at the group said",
        "Yesterday Lale Orhun director at the group said",
        "But Lale Orhun spokesman for the council said",
    ],
)
def test_a_name_before_its_role_without_commas_is_the_speaker(opening: str) -> None:
    (span,) = _quotes(f'{opening} the rebels "mined every road before they left."')
    assert span.speaker == "Lale Orhun"
    assert span.rule == "before"


@pytest.mark.parametrize(
    ("opening", "speaker"),
    [
        # one capitalised word is no name; a determiner starts a description
        ("One resident of the town said", "One resident of the town"),
        # more than four words of description: the rule does not guess
        ("Lale Orhun keen and very well known local director at the group said", None),
    ],
)
def test_no_name_before_a_role_without_one(opening: str, speaker: str | None) -> None:
    assert _speakers(f'{opening} the rebels "mined every road before they left."') == [speaker]


def test_a_short_subject_before_a_preposition_reads_without_error() -> None:
    # two words before "of the town": no name and no role to read, never an exception
    (span,) = _quotes('Several officials of the town said the rebels "mined every road before they left."')
    assert span.voice == "quote"
