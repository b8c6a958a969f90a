"""Voice (narration, quote, scare quote) and speakers (mediakit.voice)."""

from __future__ import annotations

import dataclasses
import pickle
import re
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mediakit import find_mentions
from mediakit.errors import CorpusError
from mediakit.voice import (
    SCARE_QUOTE_MAX_WORDS,
    VoiceSpan,
    find_quotes,
    voice_at,
    voice_spans,
)

SEED_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "seed"


def _spans(text: str) -> list[tuple[str, str, str | None]]:
    """(quoted text, voice, speaker) of every span."""
    return [(text[s.start : s.end], s.voice, s.speaker) for s in voice_spans(text)]


def _voice_of(text: str, phrase: str, occurrence: int = 0) -> tuple[str, str | None]:
    """Voice and speaker at the ``occurrence``-th appearance of ``phrase``."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(phrase, start + 1)
    voices, speakers = voice_at(voice_spans(text), [start], [start + len(phrase)])
    return voices[0], speakers[0]


def _assert_well_formed(text: str, spans: list[VoiceSpan]) -> None:
    previous_end = 0
    for span in spans:
        assert previous_end <= span.start < span.end <= len(text)
        assert span.voice in {"quote", "scare_quote"}
        previous_end = span.end


# --- quotation marks -------------------------------------------------------------------


def test_straight_double_quotes() -> None:
    text = 'The minister said "we will defeat the terrorists in the north" on Monday.'
    assert _spans(text) == [
        ('"we will defeat the terrorists in the north"', "quote", "The minister")
    ]


def test_curly_double_quotes_and_marks_included() -> None:
    text = "“We will defeat the terrorists in the north,” Rouhani said."
    (span,) = voice_spans(text)
    assert (span.start, span.end) == (0, text.index("”") + 1)
    assert span.voice == "quote"
    assert span.speaker == "Rouhani"


def test_guillemets_are_quotes() -> None:
    text = "Le ministre a dit «nous allons vaincre les terroristes du nord» hier."
    assert _spans(text)[0][0] == "«nous allons vaincre les terroristes du nord»"


@pytest.mark.parametrize(
    "text",
    [
        "Er sagte „wir werden die Terroristen besiegen“ am Montag.",
        "Er sagte »wir werden die Terroristen besiegen« am Montag.",
        "He said ”we will defeat the terrorists in the north” on Monday.",
    ],
)
def test_other_double_quote_conventions(text: str) -> None:
    (span,) = voice_spans(text)
    assert text[span.start : span.end].split()[1:3] in (["werden", "die"], ["will", "defeat"])
    assert text[span.end :].startswith((" am", " on"))


def test_single_curly_quotes_as_quotation_marks() -> None:
    text = "Putin calls Astana peace process ‘effective’"
    assert _spans(text) == [("‘effective’", "quote", "Putin")]  # a partial quotation: his word


@pytest.mark.parametrize(
    "text",
    [
        "The rebels’ base isn’t far from Syria’s border.",
        "Back in the ’90s the KLF’s hits were everywhere.",
        "Militants’ positions were shelled; the group’s leader fled.",
        "The rebels' base isn't far from Syria's border, it's said.",
    ],
)
def test_apostrophes_are_not_quotes(text: str) -> None:
    assert voice_spans(text) == []


def test_apostrophe_inside_single_quoted_quote() -> None:
    text = "He called it ‘a war that isn’t over yet, not by a long way’ and left."
    assert _spans(text)[0][0] == "‘a war that isn’t over yet, not by a long way’"


def test_straight_single_quotes_pair() -> None:
    text = "Officials called the fighters 'terrorists' again."
    assert _spans(text) == [("'terrorists'", "quote", "Officials")]
    assert _spans("In the paper the word 'terrorists' appears.") == [
        ("'terrorists'", "scare_quote", None)
    ]


def test_nested_quotes_outermost_wins() -> None:
    text = "“He said ‘rebels’ twice in one short speech,” the envoy said."
    spans = voice_spans(text)
    assert len(spans) == 1
    assert text[spans[0].start : spans[0].end] == "“He said ‘rebels’ twice in one short speech,”"
    assert _voice_of(text, "rebels") == ("quote", "the envoy")


def test_nested_double_quotes_outermost_wins() -> None:
    text = '"They keep calling them "rebels" on television every day," she told reporters.'
    spans = voice_spans(text)
    assert len(spans) == 1
    assert spans[0].voice == "quote"
    assert text[spans[0].end - 2 : spans[0].end] == ',"'


def test_british_style_double_inside_single() -> None:
    text = "‘He said “terrorists” three times in the speech,’ the aide said."
    spans = voice_spans(text)
    assert len(spans) == 1
    assert _voice_of(text, "terrorists") == ("quote", "the aide")


def test_quote_running_over_paragraphs_is_one_span() -> None:
    text = (
        "The minister spoke at length.\n\n"
        "“We will not negotiate with terrorists. Never.\n\n"
        "“They must leave Idlib, all of them, before the winter,” he said.\n\n"
        "The talks ended."
    )
    spans = voice_spans(text)
    assert len(spans) == 1
    span = spans[0]
    assert text[span.start : span.end].startswith("“We will not")
    assert text[span.start : span.end].endswith("before the winter,”")
    assert span.voice == "quote"
    assert _voice_of(text, "terrorists")[0] == "quote"
    assert _voice_of(text, "The talks ended")[0] == "narration"


def test_straight_quote_running_over_paragraphs() -> None:
    text = (
        '"We will not negotiate with terrorists in any form.\n'
        '"They must all leave Idlib before the winter," the minister said.\n'
        "Talks ended."
    )
    spans = voice_spans(text)
    assert len(spans) == 1
    assert spans[0].speaker == "the minister"
    assert _voice_of(text, "Talks ended")[0] == "narration"


@pytest.mark.parametrize("marks", ['""', "\u201c\u201d"])
def test_quotation_reopened_after_a_full_stop_inside_one_paragraph(marks: str) -> None:
    # A one-paragraph article whose paragraph breaks were lost: the mark after "children."
    # reopens the farmer's quotation (English leaves the previous paragraph's quote
    # open); read as a nested quote it swallowed the rest of the article.
    o, c = marks
    text = (
        f"{o}The shelling began at dawn,{c} a farmer told reporters. {o}We ran to the cellar "
        f"with the children. {o}By noon the roof was gone.{c} The council said it would send "
        f"tents. Officials called the raid {o}a crime{c} on Monday."
    )
    assert _spans(text) == [
        (f"{o}The shelling began at dawn,{c}", "quote", "a farmer"),
        (f"{o}We ran to the cellar with the children. {o}By noon the roof was gone.{c}", "quote", "a farmer"),
        (f"{o}a crime{c}", "quote", "Officials"),  # "Officials called": their words
    ]
    assert _voice_of(text, "The council said")[0] == "narration"


def test_reopened_quotation_takes_the_attribution_after_it() -> None:
    text = (
        'The union walked out on Monday. "We have been patient for a year. "Now the members '
        'have spoken and the strike goes on," said its general secretary, Mary Cole. Talks resume.'
    )
    spans = voice_spans(text)
    assert [(s.speaker, s.rule) for s in spans] == [("Mary Cole", "after")]
    assert text[spans[0].start : spans[0].end].endswith('goes on,"')


@pytest.mark.parametrize(
    "text",
    [
        '"They keep calling them "rebels" on television every day," she told reporters.',
        # not a capital after the mark: no new sentence
        '"It ended. "maybe" is all he said," she told reporters.',
    ],
)
def test_mark_inside_a_sentence_is_still_a_nested_quote(text: str) -> None:
    spans = voice_spans(text)
    assert len(spans) == 1 and text[spans[0].end - 2 : spans[0].end] == ',"'


# --- unbalanced quotes -----------------------------------------------------------------


def test_unclosed_quote_ends_at_paragraph_end() -> None:
    text = (
        "Rouhani said: “the terrorists must be uprooted from the whole region.\n\n"
        "In other news, militants attacked a base."
    )
    spans = voice_spans(text)
    assert len(spans) == 1
    assert text[spans[0].start : spans[0].end].endswith("whole region.")
    assert _voice_of(text, "terrorists")[0] == "quote"
    assert _voice_of(text, "militants")[0] == "narration"


def test_unclosed_quote_ends_before_a_narrating_sentence_in_one_paragraph() -> None:
    # Copy whose paragraphs were joined: the quotation is never closed, and a reader
    # ends it before the sentence in the writer's voice (CODING.md 2.2), not at the
    # end of the article; the quotations after it are read on their own.
    text = (
        '"The water ran out on Sunday" said Lina Farouk a teacher in the camp. '
        '"We boil what the rain leaves us. Nobody comes. She said the last convoy came '
        'in May. The council said it would send "two tankers" this week. '
        'Officials told reporters "the road is open."'
    )
    assert _spans(text) == [
        ('"The water ran out on Sunday"', "quote", "Lina Farouk"),
        ('"We boil what the rain leaves us. Nobody comes.', "quote", "Lina Farouk"),
        ('"two tankers"', "quote", "The council"),
        ('"the road is open."', "quote", "Officials"),
    ]
    assert _voice_of(text, "the last convoy")[0] == "narration"


def test_unclosed_quote_ends_before_an_inverted_attribution_after_its_words() -> None:
    # the comma and the closing mark lost: '"... across the bridge said Omar Haddad'
    text = (
        'Shelling went on all night. "Nobody can cross the bridge any more said Omar '
        'Haddad a driver from the north. Aid groups called the siege "a disaster".'
    )
    assert _spans(text) == [
        ('"Nobody can cross the bridge any more', "quote", "Omar Haddad"),
        ('"a disaster"', "quote", "Aid groups"),
    ]


def test_narrating_sentence_after_an_unclosed_quote_is_not_its_attribution() -> None:
    # '"... in July? Raul Mendes said the hours ...': the quotation ended with its
    # sentence; Mendes is no speaker of it, and it continues the quotation before.
    text = (
        '"We come every week" Ana Ruiz told the board. "Where will the children go? '
        'Clerk Raul Mendes said the hours would change in May.'
    )
    spans = voice_spans(text)
    assert [(text[s.start : s.end], s.speaker, s.rule) for s in spans] == [
        ('"We come every week"', "Ana Ruiz", "after"),
        ('"Where will the children go?', "Ana Ruiz", "continues"),
    ]


@pytest.mark.parametrize(
    "speech",
    [
        "We said we would stay. They told us to go.",  # first persons and "They told us"
        "When they said the road was open we left.",
    ],
)
def test_speech_that_reports_speech_keeps_an_unclosed_quote_open(speech: str) -> None:
    text = f'The mayor spoke at noon. "Nobody warned us. {speech}\n\nThe talks ended.'
    (span,) = voice_spans(text)
    assert text[span.start : span.end].endswith(speech)


def test_reopening_mark_after_a_narrating_sentence_opens_a_new_quotation() -> None:
    # CODING.md Q2: with an attribution in between, two quotations, not one reopened
    text = (
        '"We carried out nine bodies. Haddad said the ambulance had been hit twice. '
        '"Our units hit only military targets" an army source told state media.'
    )
    assert _spans(text) == [
        ('"We carried out nine bodies.', "quote", None),
        ('"Our units hit only military targets"', "quote", "an army source"),
    ]


def test_stray_closing_mark_is_ignored() -> None:
    text = "The terrorists” attacked the town. Later “worrisome” was the word."
    assert _spans(text) == [("“worrisome”", "scare_quote", None)]


def test_unclosed_quote_in_middle_paragraph_does_not_swallow_next() -> None:
    text = 'First "open quote that never closes here\nSecond line "short" end.'
    got = _spans(text)
    assert got[0][0] == '"open quote that never closes here'
    assert got[1] == ('"short"', "scare_quote", None)


def test_long_text_with_stray_quotes_finishes() -> None:
    paragraph = (
        "The rebels’ base is near Syria’s border and it isn’t safe. "
        "Militants said “nothing” more about it that day.\n\n"
    )
    text = ('He said "this quote never closes and the ' + paragraph * 2000) + "End ‘ and ’ and ” now."
    assert len(text) > 200_000
    spans = voice_spans(text)
    _assert_well_formed(text, spans)
    # The unclosed quote stops before the first narrating sentence of its paragraph
    # ("Militants said ..."), so every “nothing” is a quotation of its own.
    assert text[spans[0].start : spans[0].end].endswith("it isn’t safe.")
    assert sum(1 for s in spans if text[s.start : s.end] == "“nothing”") == 2000


# --- scare quotes and so-called ----------------------------------------------------------


def test_short_quoted_phrase_is_scare_quote_up_to_threshold() -> None:
    assert SCARE_QUOTE_MAX_WORDS == 4
    four = "They agreed on “four words right here” quickly."
    five = "They agreed on “five words right here now” quickly."
    assert _spans(four)[0][1] == "scare_quote"
    assert _spans(five)[0][1] == "quote"


def test_short_attributed_utterance_is_quote() -> None:
    assert _spans("“No,” he said.") == [("“No,”", "quote", "he")]
    assert _spans("The minister said: “Never.”")[0][1] == "quote"


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("The so-called rebels shelled the town.", "rebels"),
        ("The so-called militia attacked the town.", "militia"),
        ("The so-called moderate rebels who live there left.", "moderate rebels"),
        ('The so-called "rebels" shelled the town.', '"rebels"'),
        ("The so-called “moderate opposition forces in Idlib” left.", "“moderate opposition forces in Idlib”"),
        ("The so called Islamic State group, a militant group, left.", "Islamic State group"),
    ],
)
def test_so_called(text: str, term: str) -> None:
    spans = voice_spans(text)
    assert [(text[s.start : s.end], s.voice) for s in spans] == [(term, "scare_quote")]
    assert spans[0].speaker is None


def test_so_called_at_end_of_text_marks_nothing() -> None:
    assert voice_spans("They were so-called") == []
    assert voice_spans("They were so-called.") == []


# --- speakers -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("“The terrorists must go,” Rouhani said.", "Rouhani"),
        ("“The terrorists must go,” Rouhani said in his phone talks with Erdogan.", "Rouhani"),
        ("“The terrorists must go,” said the minister.", "the minister"),
        ("“The terrorists must go,” said Interior Minister Dana Ilves, who chairs the panel.", "Dana Ilves"),
        ("“The terrorists must go,” Defence Minister Hulusi Akar told reporters.", "Hulusi Akar"),
        ('"The terrorists must go," EU foreign policy chief Josep Borrell tweeted.', "Josep Borrell"),
        ("“The terrorists must go,” added Syrian President Bashar al-Assad.", "Bashar al-Assad"),
        ("“The terrorists must go,” according to Foreign Minister Sergei Lavrov.", "Sergei Lavrov"),
        ("According to Lavrov, “the terrorists must go from the region.”", "Lavrov"),
        ("Lavrov said: “The terrorists must go from the region.”", "Lavrov"),
        ("Lavrov told reporters in Moscow: “The terrorists must go now.”", "Lavrov"),
        ("Putin, for his part, said that the process has been “effective”.", "Putin"),
        ("A spokesman tweeted: “The terrorists must go from the region.”", "A spokesman"),
        ("“The terrorists must go,” a senior Turkish official told Reuters.", "a senior Turkish official"),
        ("“The terrorists must go,” said Rouhani, adding that talks would go on.", "Rouhani"),
        ("“The terrorists must go,” the statement said.", "the statement"),
        ("Secretary of State Antony Blinken said “the terrorists must go now”.", "Antony Blinken"),
        ('U.S. Secretary of State Mike Pompeo said: "We stand by Turkey."', "Mike Pompeo"),
        ("President Hassan Rouhani of Iran said “the terrorists must go now”.", "Hassan Rouhani"),
        ("Turkish President Recep Tayyip Erdogan said: “The terrorists must go.”", "Recep Tayyip Erdogan"),
    ],
)
def test_speaker_rules(text: str, speaker: str) -> None:
    quoted = voice_spans(text)
    assert len(quoted) == 1
    assert quoted[0].speaker == speaker
    assert quoted[0].rule and quoted[0].cue


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ('The Tarvian Foreign Minister, Lale Orhun, has called them "opposition forces".', "Lale Orhun"),
        ('Its spokesman, Amir Kessaly, has called such reports "regime propaganda".', "Amir Kessaly"),
        ('The U.N. envoy, Dr. Ruth Adeyemi, who still calls them "armed groups", left.', "Ruth Adeyemi"),
        ("Tarvia’s Lale Orhun, who still speaks of “opposition forces”, left.", "Lale Orhun"),
        ('Mira Hollis of Open Hands, which helps families, said it was "a disaster".', "Mira Hollis"),
        ('"Everything is smuggled here, all of it, every day," said a farmer who asked not to be named.', "a farmer"),
        ('The Tarvian delegation again spoke of "opposition forces" today.', "The Tarvian delegation"),
        # a person with an affiliation after "of the <description>" is the speaker
        ('Mira Hollis of the charity Open Hands, which helps families, said: "A disaster."', "Mira Hollis"),
        ('Dr. Ruth Adeyemi of the United Nations said: "They are armed groups."', "Ruth Adeyemi"),
        # one capitalised word is no name: the organisation speaks
        ('Officials from the opposition Kessel Liberation Front said: "They are terrorists."', "Kessel Liberation Front"),
        ('Secretary of State Antony Blinken said: "Go."', "Antony Blinken"),
        # a group noun keeps its place; a surname before a place is still the speaker
        ('Officials in Aldwick said they would not discuss "political demands".', "Officials in Aldwick"),
        ('Residents of Dorvast told reporters: "We are afraid."', "Residents of Dorvast"),
        ('Ilves in Aldwick said: "They are terrorists."', "Ilves"),
    ],
)
def test_speaker_appositions_and_clauses(text: str, speaker: str) -> None:
    (span,) = voice_spans(text)
    assert span.speaker == speaker


@pytest.mark.parametrize(
    "text",
    [
        # A full stop after the closing mark ends the sentence: no attribution.
        'Some abroad still call these thugs "rebels". The Clarion says: no.',
        # An auxiliary is not a subject.
        'The envoy, who uses the words "armed groups", is said to be pleased.',
        # "urged" does not start an inverted attribution.
        'Orhun spoke of nothing but "opposition forces", urged the U.N. to act.',
    ],
)
def test_no_false_after_attribution(text: str) -> None:
    spans = voice_spans(text)
    assert spans[0].rule != "after"
    # "spoke of" is a verb of saying before the quotation: its partial quotation.
    assert spans[0].voice == ("quote" if "spoke of" in text else "scare_quote")


def test_attribution_does_not_reach_into_previous_sentence() -> None:
    text = 'The bomb went off in Liss. Sandor called the claim "a lie from their studios".'
    assert voice_spans(text)[0].speaker == "Sandor"
    text = 'U.N. envoy Dr. Ruth Adeyemi said the talks were "not over".'
    assert voice_spans(text)[0].speaker == "Ruth Adeyemi"


def test_many_pronoun_quotes_in_a_long_text_finish() -> None:
    paragraph = (
        "“We will stay here for as long as it takes,” he said. "
        "The rebels’ base is near Syria’s border.\n\n"
    )
    text = "Rouhani said the talks went well.\n\n" + paragraph * 2000
    spans = voice_spans(text)
    assert len(spans) == 2000
    # The named antecedent is only looked for in the 3,000 characters before a quote.
    assert spans[0].speaker == "Rouhani"
    assert spans[-1].speaker == "he"


def test_short_complete_utterance_is_a_quote() -> None:
    text = '"The KLF knows where the camp is," he said. "Everyone in Liss knows."'
    spans = voice_spans(text)
    assert [s.voice for s in spans] == ["quote", "quote"]
    assert _spans('They shouted "Never!" at the gate.')[0][1] == "quote"
    # Not a complete utterance, but the clause of "called": a partial quotation.
    assert _spans('They called it "a disaster" at the gate.')[0][1] == "quote"
    assert _spans('The town, a "disaster" of planning, waits.')[0][1] == "scare_quote"


def test_he_and_she_skip_organisations() -> None:
    text = (
        "Amir Kessaly said the talks were over.\n\n"
        "The KLF insists it does not recruit children.\n\n"
        '"We know where the camp is and so does everyone," he said.'
    )
    assert voice_spans(text)[-1].speaker == "Amir Kessaly"


def test_pronoun_resolves_to_latest_named_speaker() -> None:
    text = (
        "Rouhani also said the talks were useful.\n\n"
        "He noted that the war must end.\n\n"
        "“We should preserve the outcomes of the talks,” he said."
    )
    (span,) = voice_spans(text)
    assert span.speaker == "Rouhani"
    assert "he -> Rouhani" in span.resolved_via


def test_quote_interrupted_by_its_attribution() -> None:
    text = 'Rouhani spoke first. "We will not negotiate," he added, "with people who plant bombs."'
    spans = voice_spans(text)
    assert [s.voice for s in spans] == ["quote", "quote"]
    assert [s.speaker for s in spans] == ["Rouhani", "Rouhani"]


def test_pronoun_prefers_closer_named_speaker() -> None:
    text = (
        "“The talks were useful for everyone,” Rouhani said.\n\n"
        "Erdogan told reporters the situation was hard.\n\n"
        "“We will respond to every attack,” he said."
    )
    spans = voice_spans(text)
    assert [s.speaker for s in spans] == ["Rouhani", "Erdogan"]


def test_pronoun_without_named_antecedent_is_kept() -> None:
    (span,) = voice_spans("“We will respond to every attack,” she said.")
    assert span.speaker == "she"


def test_consecutive_quote_in_paragraph_continues_speaker() -> None:
    text = (
        '"There is a risk of sliding into a wider war," Borrell tweeted. '
        '"It is also causing unbearable humanitarian suffering."\n\n'
        '"We will respond to every attack in the region."'
    )
    spans = voice_spans(text)
    assert [s.speaker for s in spans] == ["Borrell", "Borrell", None]
    assert spans[1].rule == "continues"


def test_new_sentence_after_full_stop_is_not_an_attribution() -> None:
    text = "“The terrorists will be defeated in the end.” Officials said the army was ready."
    (span,) = voice_spans(text)
    assert span.speaker is None


def test_unattributed_scare_quote_has_no_speaker() -> None:
    text = "Erdogan and Putin agreed on the need for \"additional measures\" to calm things."
    assert _spans(text) == [('"additional measures"', "scare_quote", None)]


# --- voice_at and find_quotes ----------------------------------------------------------


def test_voice_at_inside_outside_and_straddling() -> None:
    text = "Narration “the terrorists must go from here” and more narration."
    spans = voice_spans(text)
    inside = text.index("terrorists")
    straddle = text.index("here") - 1
    voices, speakers = voice_at(spans, [0, inside, straddle], [9, inside + 10, straddle + 12])
    assert voices == ["narration", "quote", "narration"]
    assert speakers == [None, None, None]
    assert voice_at([], [1, 2], [3, 4]) == (["narration", "narration"], [None, None])
    assert voice_at(spans, [], []) == ([], [])
    with pytest.raises(ValueError):
        voice_at(spans, [1, 2], [3])


def test_voice_span_is_frozen_and_pickles() -> None:
    span = VoiceSpan(0, 3, "quote", "X", "after", "X said", "X")
    with pytest.raises(dataclasses.FrozenInstanceError):
        span.start = 1  # type: ignore[misc]
    assert pickle.loads(pickle.dumps(span)) == span  # worker processes receive spans


def test_find_quotes_table() -> None:
    corpus = pd.DataFrame(
        {
            "doc_id": ["a", "b", "c"],
            "text": [
                "“The terrorists must go,” Rouhani said. The “rebels” left.",
                "No quotes at all.",
                "",
            ],
        }
    )
    before = corpus.copy()
    table = find_quotes(corpus)
    assert list(table.columns) == [
        "doc_id", "quote_id", "start", "end", "voice", "speaker", "text",
        "rule", "cue", "speaker_text", "resolved_via",
    ]  # fmt: skip
    assert table["doc_id"].tolist() == ["a", "a"]
    assert table["quote_id"].tolist() == [0, 1]
    assert table["voice"].tolist() == ["quote", "scare_quote"]
    assert table["speaker"].tolist()[0] == "Rouhani"
    assert pd.isna(table["speaker"].tolist()[1])
    # how the speaker was found, one column per part (textacy's speaker and cue)
    first = table.iloc[0]
    assert (first["rule"], first["cue"], first["speaker_text"]) == ("after", "Rouhani said", "Rouhani")
    assert pd.isna(first["resolved_via"])
    assert table.iloc[1][["rule", "cue", "speaker_text", "resolved_via"]].isna().all()
    text = corpus["text"][0]
    for row in table.itertuples():
        assert text[row.start : row.end] == row.text
    pd.testing.assert_frame_equal(corpus, before)


def test_find_quotes_speaker_has_the_dtype_of_the_mentions_speaker() -> None:
    corpus = pd.DataFrame({"doc_id": ["a"], "outlet": ["o"],
                           "text": ['"The rebels must go," Rouhani said.']})
    quotes = find_quotes(corpus)
    mentions = find_mentions(corpus, lexicon="conflict")
    assert quotes["speaker"].dtype == mentions["speaker"].dtype
    assert quotes["speaker"].tolist() == mentions["speaker"].tolist() == ["Rouhani"]
    empty = find_quotes(corpus.iloc[:0])
    assert empty.dtypes.to_dict() == quotes.dtypes.to_dict()


def test_find_quotes_needs_text_column() -> None:
    with pytest.raises(CorpusError, match="text"):
        find_quotes(pd.DataFrame({"doc_id": ["a"], "body": ["x"]}))


def test_voice_spans_rejects_non_string() -> None:
    with pytest.raises(TypeError):
        voice_spans(None)  # type: ignore[arg-type]


# --- seed article ------------------------------------------------------------------------


def _seed_body() -> str:
    files = sorted(SEED_DIR.glob("*.txt")) if SEED_DIR.is_dir() else []
    if not files:
        pytest.skip(f"seed article not available at {SEED_DIR}")
    raw = files[0].read_text(encoding="utf-8")
    # The file is: title line, blank, date line, blank, body. Keep the body only.
    lines = raw.split("\n", 4)
    assert lines[2].startswith("March 1, 2020")
    return lines[4]


def test_seed_quotes_and_speakers() -> None:
    body = _seed_body()
    spans = voice_spans(body)
    _assert_well_formed(body, spans)
    # "Rouhani" and "Putin" are the "President Hassan Rouhani" and "Russian
    # President Vladimir Putin" of the first paragraph.
    assert _voice_of(body, "In view of the gathering of dangerous terrorists") == ("quote", "Hassan Rouhani")
    assert _voice_of(body, "uprooted") == ("quote", "Hassan Rouhani")
    assert _voice_of(body, "We should preserve their outcomes") == ("quote", "Hassan Rouhani")
    assert _voice_of(body, "There is a risk of sliding") == ("quote", "Josep Borrell")
    assert _voice_of(body, "unbearable humanitarian suffering") == ("quote", "Josep Borrell")


def test_seed_scare_quotes() -> None:
    body = _seed_body()
    # Partial quotations in the clause of a verb of saying are the speaker's words
    # (the coding guide's Q5); a quoted term with no such verb stays a scare quote.
    assert _voice_of(body, "worrisome") == ("quote", "Hassan Rouhani")
    assert _voice_of(body, "effective", 0) == ("quote", "Vladimir Putin")  # ‘effective’ headline
    assert _voice_of(body, "effective", 1) == ("quote", "Vladimir Putin")  # “effective”
    assert _voice_of(body, "neutralized") == ("quote", "Ankara")
    assert _voice_of(body, "soldiers and elements") == ("quote", "Ankara")
    assert _voice_of(body, "additional measures") == ("scare_quote", None)


def test_seed_narration_and_apostrophes() -> None:
    body = _seed_body()
    assert _voice_of(body, "a coalition with the terrorists") == ("narration", None)
    assert _voice_of(body, "under the control of terrorists") == ("narration", None)
    assert _voice_of(body, "the terrorists in the region must be purged") == ("narration", None)
    assert _voice_of(body, "jihadist (terrorist) fighters") == ("narration", None)
    assert _voice_of(body, "Syria’s territorial integrity") == ("narration", None)
    assert _voice_of(body, "opposition forces") == ("narration", None)
    # Exactly the quotations a careful reader sees, nothing from apostrophes.
    assert len(voice_spans(body)) == 10


def test_seed_find_quotes_offsets_match_text() -> None:
    body = _seed_body()
    table = find_quotes(pd.DataFrame({"doc_id": ["seed"], "text": [body]}))
    for row in table.itertuples():
        assert body[row.start : row.end] == row.text
    quotes = table[table["voice"] == "quote"]
    assert quotes["speaker"].tolist() == [
        "Hassan Rouhani", "Hassan Rouhani", "Vladimir Putin", "Vladimir Putin", "Hassan Rouhani",
        "Ankara", "Ankara", "Josep Borrell", "Josep Borrell",
    ]
    assert table.loc[table["voice"] == "scare_quote", "text"].tolist() == ['"additional measures"']


# --- properties ------------------------------------------------------------------------

_PIECES = st.sampled_from(
    [
        "the rebels", "terrorists", " ", "  ", "\n", "\n\n", ".", ",", ":", "!", "?",
        '"', "'", "“", "”", "‘", "’", "«", "»", "isn’t", "Syria’s", "’90s", "so-called ",
        "Rouhani said", "he said", "said the minister", "according to Lavrov",
        "Mr. ", "U.S.", "Turkish-backed", "2,212", "—", "(", ")", "é", "\t",
    ]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=60).map("".join))
def test_voice_spans_are_always_well_formed(text: str) -> None:
    spans = voice_spans(text)
    _assert_well_formed(text, spans)
    for span in spans:
        assert text[span.start : span.end].strip() != ""
    starts = [s.start for s in spans]
    ends = [s.end for s in spans]
    voices, _ = voice_at(spans, starts, ends)
    assert voices == [s.voice for s in spans]


def test_wire_style_passage() -> None:
    text = (
        "'We are not leaving,' said Abu Ahmed, a father of four. 'Where would we go?'\n\n"
        '"The situation is catastrophic," said Mark Cutts, a U.N. official. '
        '"We are seeing the largest displacement since the war began.\n\n'
        '"Hundreds of thousands of people are on the move," he added.\n\n'
        "The so-called Syrian National Army, a coalition of rebel groups, said it had "
        "retaken the town."
    )
    got = [(text[s.start : s.end][:14], s.voice, s.speaker) for s in voice_spans(text)]
    assert got == [
        ("'We are not le", "quote", "Abu Ahmed"),
        ("'Where would w", "quote", "Abu Ahmed"),
        ('"The situation', "quote", "Mark Cutts"),
        ('"We are seeing', "quote", "Mark Cutts"),  # runs over two paragraphs
        ("Syrian Nationa", "scare_quote", None),
    ]


def test_quotation_over_hard_wrapped_lines_is_one_span() -> None:
    text = (
        "The minister said the KLF were \u201cterrorists who must be\n"
        "defeated before the talks\u201d and left.\n"
        "\n"
        "\u201cWe will not\n"
        "surrender,\u201d said Amir Kessaly.\n"
        "\u201cHeadline quote\n"
        "New line, new paragraph.\u201d"
    )
    assert _spans(text) == [
        ("\u201cterrorists who must be\ndefeated before the talks\u201d", "quote", "The minister"),
        ("\u201cWe will not\nsurrender,\u201d", "quote", "Amir Kessaly"),
        # A capitalised line does not continue the paragraph: the unclosed quote
        # ends with its line and the next line is narration.
        ("\u201cHeadline quote", "scare_quote", None),
    ]


def test_pronoun_prefers_person_introduced_by_title_after_previous_speaker() -> None:
    text = (
        "“Why are its shells falling on bakeries?” said Amir Kessaly, the KLF "
        "spokesman, from inside the city.\n\n"
        "In Aldwick, the regime’s Interior Minister, Dana Ilves, repeated her "
        "favourite word. The KLF, she said, are “terrorists, nothing more and nothing less”."
    )
    assert _voice_of(text, "terrorists") == ("quote", "Dana Ilves")
    [_, second] = voice_spans(text)
    assert second.resolved_via.endswith("she -> Dana Ilves")
    # Same pattern with "Col. Petr Sandor claimed": the title is stripped.
    text2 = text.replace(
        "the regime’s Interior Minister, Dana Ilves, repeated", "Col. Petr Sandor claimed"
    )
    assert _voice_of(text2, "terrorists") == ("quote", "Petr Sandor")


def test_titled_person_as_object_does_not_take_the_pronoun() -> None:
    # The titled name is the object ("talks with ... ."), or in the quote's own
    # sentence: the pronoun stays with the previous speaker.
    text = (
        "“We are hungry,” said Amir Kessaly on Monday.\n\n"
        "He held talks with Interior Minister Dana Ilves. “No deal,” he said.\n\n"
        "After meeting Foreign Minister Lale Orhun, he said: “We will wait.”"
    )
    assert _voice_of(text, "No deal") == ("quote", "Amir Kessaly")
    assert _voice_of(text, "We will wait") == ("quote", "Amir Kessaly")


def test_sample_interrupted_attribution_goes_to_dana_ilves() -> None:
    from mediakit.corpus import load_corpus

    folder = Path(__file__).resolve().parents[1] / "data" / "sample" / "kessel-voice"
    [path] = folder.glob("2025-01-08-*.md")
    quotes = find_quotes(load_corpus(path))
    row = quotes[quotes["text"].str.contains("nothing more and nothing less")].iloc[0]
    assert row["speaker"] == "Dana Ilves"


# --- a speaker phrase ends with its sentence -------------------------------------------


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ('"We will win," said the minister. She left.', "the minister"),
        ('"We will win," said Dana Ilves. The rebels fled.', "Dana Ilves"),
        ('"We will win," the minister said. She left.', "the minister"),
        ('"We will win," according to the minister. She left.', "the minister"),
        ('"We will win," Dana Ilves told reporters. The rebels fled.', "Dana Ilves"),
        ('"We will win," said Dana Ilves! The rebels fled.', "Dana Ilves"),
        ('"We will win," said Dana Ilves\nThe rebels fled.', "Dana Ilves"),
        # Abbreviations and initials do not end the phrase.
        ('"We will win," said Dr. Ruth Adeyemi. The rebels fled.', "Ruth Adeyemi"),
        ('"We will win," according to Col. Sandor. The rebels fled.', "Sandor"),
        ('"We will win," said the U.N. envoy. The rebels fled.', "the U.N. envoy"),
        ('"We will win," said J. Smith. The rebels fled.', "J. Smith"),
        ('"We will win," said Gen. Marek Holt. The rebels fled.', "Marek Holt"),
    ],
)
def test_speaker_phrase_stops_at_sentence_end(text: str, speaker: str) -> None:
    (span,) = voice_spans(text)
    assert span.speaker == speaker
    how = f"{span.cue} {span.speaker_text} {span.resolved_via}"
    assert "fled" not in how and "left" not in how


def test_subject_before_verb_never_spans_a_sentence_break() -> None:
    # "Ilves said" belongs to the next sentence, not to the quote.
    (span,) = voice_spans('"We will win," the crowd cheered. Ilves said nothing.')
    assert span.speaker is None


_ABBREVIATION_BEFORE_DOT = re.compile(
    r"(?:\b(?:Dr|Mr|Mrs|Ms|Col|Gen|Lt|Sgt|Capt|Maj|Prof|St|Jr|Sr)|\b[A-Z]|[A-Z]\.[A-Z])\.$"
)


def _sentence_breaks(speaker: str) -> list[str]:
    """Places where ``speaker`` runs over a sentence end (". " then a capital)."""
    found = []
    for m in re.finditer(r"[.!?][ \t\n]+(?=[A-Z])", speaker):
        if not _ABBREVIATION_BEFORE_DOT.search(speaker[: m.start() + 1]):
            found.append(speaker[max(0, m.start() - 15) : m.end() + 15])
    return found


def test_sample_speakers_never_run_over_a_sentence() -> None:
    from mediakit import load_sample

    quotes = find_quotes(load_sample())
    speakers = quotes["speaker"].dropna()
    assert len(speakers) > 100
    bad = {s: _sentence_breaks(s) for s in speakers if _sentence_breaks(s) or "\n" in s}
    assert bad == {}
    assert _sentence_breaks("the minister. She left") == ["the minister. She left"]
    assert _sentence_breaks("Dr. Ruth Adeyemi") == _sentence_breaks("the U.N. envoy") == []


# --- a surname goes to the full name given earlier in the article ----------------------


def test_surname_resolves_to_earlier_full_name() -> None:
    text = (
        "Tarvia’s Foreign Minister Lale Orhun flew to Lausen on Monday.\n\n"
        '"We want a ceasefire," Orhun said.\n\n'
        '"The talks must go on," said Ms Orhun.\n\n'
        '"Not yet," she said.'
    )
    spans = voice_spans(text)
    assert [s.speaker for s in spans] == ["Lale Orhun"] * 3
    assert (spans[0].rule, spans[0].cue, spans[0].resolved_via) == ("after", "Orhun said", "Orhun -> Lale Orhun")
    assert (spans[1].rule, spans[1].cue, spans[1].resolved_via) == (
        "after", "said Ms Orhun", "Orhun -> Lale Orhun")
    assert spans[2].resolved_via.endswith("she -> Lale Orhun")


def test_surname_with_abbreviated_title_and_other_rules() -> None:
    text = (
        "Col. Petr Sandor led the convoy into Liss. Sandor called the claim "
        '"a lie from their studios". According to Col. Sandor, "the road is open now."'
    )
    spans = voice_spans(text)
    assert [s.speaker for s in spans] == ["Petr Sandor", "Petr Sandor"]
    assert spans[1].resolved_via.endswith("Sandor -> Petr Sandor")


@pytest.mark.parametrize(
    "text",
    [
        # Two earlier full names end with the surname: ambiguous, kept as written.
        'Dana Ilves and Mara Ilves spoke first.\n\n"We will win," Ilves said.',
        # The full name comes only after the quote.
        '"We will win," Ilves said.\n\nDana Ilves left the hall.',
        # The full name is in another article (see the find_quotes test below).
        '"We will win," Ilves said.',
    ],
)
def test_surname_kept_when_not_exactly_one_earlier_full_name(text: str) -> None:
    (span, *_) = voice_spans(text)
    assert span.speaker == "Ilves"
    assert span.resolved_via is None


def test_surname_resolution_stays_within_one_article() -> None:
    corpus = pd.DataFrame(
        {
            "doc_id": ["a", "b"],
            "text": [
                'Interior Minister Dana Ilves spoke.\n\n"We will win," Ilves said.',
                '"We will win," Ilves said.',
            ],
        }
    )
    quotes = find_quotes(corpus)
    assert quotes["speaker"].tolist() == ["Dana Ilves", "Ilves"]


def test_sentence_initial_word_is_not_part_of_the_full_name() -> None:
    text = 'Yesterday Dana Ilves visited Liss.\n\n"We will win," Ilves said.'
    assert voice_spans(text)[0].speaker == "Dana Ilves"


def test_sample_surnames_resolve_within_articles() -> None:
    from mediakit import load_sample

    quotes = find_quotes(load_sample())
    named = quotes.dropna(subset=["speaker"])
    by_doc = named.groupby("doc_id")["speaker"].agg(set)
    # No article keeps both a surname and a full name ending with it.
    for doc_id, speakers in by_doc.items():
        for s in speakers:
            if " " not in s and s[:1].isupper():
                fuller = {f for f in speakers if f.endswith(" " + s)}
                assert not fuller, (doc_id, s, fuller)
    orhun = named[named["doc_id"].str.contains("orhun-condemns")]
    assert set(orhun["speaker"]) >= {"Lale Orhun"}
    assert "Orhun" not in set(orhun["speaker"])


# --- he/she: a person named as a sentence subject just before ----------------------------


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Lorry driver Pavel, 52, has been sleeping in his cab for three nights. "
            '"It is going to go off if we do not move soon," he said.',
            "Pavel",
        ),
        (
            "Irena, 45, found her flat intact. Her neighbour's building had lost a floor. "
            '"I am lucky. I keep saying it," she said.',
            "Irena",
        ),
        (
            "Teacher Hana, whose sister was hurt, wept as she told us: "
            '"I was buying bread at the time."',
            "Hana",
        ),
        (
            "Interior Minister Dana Ilves this week displayed weapons she said were "
            'seized from "Tarvian-backed terrorists" near Ostry.',
            "Dana Ilves",
        ),
        (
            "Mum-of-three Lena spent the night under the stairs. "
            '"What do you say to that?" she said.',
            "Lena",
        ),
        (
            # Mentioned after the previous quote's speaker: the nearer person wins.
            '"We are ready," said Amir Kessaly.\n\n'
            "Shopkeeper Ivo, who lost his stall, was angry. "
            '"They fire at us every night," he said.',
            "Ivo",
        ),
    ],
)
def test_pronoun_resolves_to_person_named_as_recent_subject(text: str, speaker: str) -> None:
    span = voice_spans(text)[-1]
    assert span.speaker == speaker
    assert span.resolved_via.endswith(f"-> {speaker}")


@pytest.mark.parametrize(
    "text",
    [
        # Capitalised words that are places, not people marked as persons.
        "Many looked stunned in Brannoch. A woman carried papers from Dorvast. "
        '"We left everything except paper," she said.',
        # The person subject is more than two sentences before the quote's sentence.
        "Lorry driver Pavel, 52, waited. The road was shut. The bridge was gone. "
        'The river rose. "We will wait here for days," he said.',
        # A person named inside an earlier quotation is not a mention in narration.
        '"Teacher Hana, 40, was there. The road was shut," they wrote. '
        '"We will wait here for days," she said.',
        # The name is not the subject that starts the sentence.
        "He met the teacher Hana at noon. "
        '"We will wait here for days," she said.',
    ],
)
def test_pronoun_without_person_subject_nearby_is_kept(text: str) -> None:
    span = voice_spans(text)[-1]
    assert span.speaker in {"he", "she"}
    assert span.resolved_via is None


def test_sample_pronouns_left_unresolved() -> None:
    from mediakit import load_sample

    quotes = find_quotes(load_sample())
    kept = quotes[quotes["speaker"].isin(["he", "she", "they"])]
    # The two whose antecedent has no name and is no subject of a verb of saying:
    # "The young man, now 19", "A woman" ("a Tarvian defence analyst told ..." is
    # one, and "he" takes that description).
    assert len(kept) == 2
    analyst = quotes[quotes["resolved_via"].str.contains("he -> a Tarvian defence analyst", na=False)]
    assert len(analyst) == 1
    pavel = quotes[quotes["text"].str.contains("insulin in the back")]
    assert pavel["speaker"].tolist() == ["Pavel"]
    irena = quotes[quotes["text"].str.contains("I am lucky")]
    assert irena["speaker"].tolist() == ["Irena"]


def test_role_noun_before_a_name_is_dropped_like_a_title() -> None:
    (span,) = voice_spans('Shopkeeper Ivo, 47, said: "We are sick of it, all of us."')
    assert span.speaker == "Ivo"
    (span,) = voice_spans('"We are sick of it," said Mum-of-three Lena.')
    assert span.speaker == "Lena"


@pytest.mark.parametrize(
    ("subject", "speaker"),
    [
        # institutions keep the title words in their names
        ("the Home Office", "Home Office"),
        ("the Foreign Ministry", "Foreign Ministry"),
        ("the State Department", "State Department"),
        # a prepositional phrase after the head: the head decides
        ("Mira Hollis of the charity Open Hands", "Mira Hollis"),
        ("Dr. Ruth Adeyemi of the United Nations", "Ruth Adeyemi"),
        ("the Ministry of Defence", "Ministry of Defence"),
        ("the Interior Ministry of Tarvia", "Interior Ministry of Tarvia"),
        ("officials in Aldwick", "officials in Aldwick"),
        ("Residents of Dorvast", "Residents of Dorvast"),
        ("a spokesman for the Foreign Ministry", "a spokesman for the Foreign Ministry"),
        ("a doctor at the hospital", "a doctor at the hospital"),
        # titles before "of" leave the name rule in charge
        ("Secretary of State Antony Blinken", "Antony Blinken"),
        ("U.S. Secretary of State Mike Pompeo", "Mike Pompeo"),
        ("Interior Minister Dana Ilves", "Dana Ilves"),
    ],
)
def test_speaker_after_the_quote_institutions_and_prepositions(subject: str, speaker: str) -> None:
    (span,) = voice_spans(f'"They are terrorists," {subject} said.')
    assert span.speaker == speaker


# --- speakers on real news (issue 14): one test per rule, on sentences we wrote --------


def _speakers(text: str) -> list[str | None]:
    return [s.speaker for s in voice_spans(text) if s.voice == "quote"]


def _rules(text: str) -> list[str | None]:
    return [s.rule for s in voice_spans(text)]


@pytest.mark.parametrize("role", ["leader", "founder", "ringleader", "Leader"])
def test_particle_der_is_a_word_never_the_end_of_one(role: str) -> None:
    # "van der": the particle "der" is a word of its own, not the end of "leader".
    text = f'"We will not give up the valley," party {role} Karim Nassar said.'
    assert _speakers(text) == ["Karim Nassar"]
    # two particles stay in the name ("van der", "von der", "de la")
    assert _speakers('"Go home," said Tessa van der Berg.') == ["Tessa van der Berg"]


@pytest.mark.parametrize(
    "text",
    [
        '"Nine people died in the market," the Tarvian Observatory for Civil Rights said.',
        'The Tarvian Observatory for Civil Rights said: "Nine people died in the market."',
        '"Nine people died in the market," said the Tarvian Observatory for Civil Rights.',
    ],
)
def test_organisation_name_with_for_is_kept_whole(text: str) -> None:
    assert _speakers(text) == ["Tarvian Observatory for Civil Rights"]


def test_name_in_apposition_after_an_inverted_description() -> None:
    text = '"Orders are up for the third month," said its finance director, Dr Nadia Brook.'
    assert _speakers(text) == ["Nadia Brook"]


def test_went_on_to_say_is_no_part_of_the_subject() -> None:
    text = (
        "Kessel Valley officials said the bridge must reopen. "
        '"Every day it stays shut costs the farms," they went on to say.'
    )
    (span,) = voice_spans(text)
    assert span.speaker == "Kessel Valley officials"
    assert "they -> Kessel Valley officials" in span.resolved_via


def test_it_resolves_to_the_last_body_that_spoke() -> None:
    text = (
        "Colonel Petr Sandor told reporters the convoy had left. "
        "The Tarvian Health Ministry said two clinics had closed. "
        '"Both will reopen when the road is safe," it said.'
    )
    (span,) = voice_spans(text)
    assert span.speaker == "Tarvian Health Ministry"
    assert span.resolved_via == "it -> Tarvian Health Ministry"
    # "he" skips the body and finds the person
    text += ' "We have no fuel," he said.'
    assert _speakers(text)[-1] == "Petr Sandor"
    # with no body before it, "it" stays as written
    assert _speakers('"The road is open," it said.') == ["it"]


def test_it_takes_a_body_named_with_the() -> None:
    text = 'In Aldwick the Directorate confirmed the strikes. "We hit four depots," it said.'
    assert _speakers(text) == ["Directorate"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # no comma after the closing mark, as in copy stripped of punctuation
        ('"We queued all morning for bread" Karim Haddad a Liss-based teacher told reporters.',
         "Karim Haddad"),
        ('"The bridge is down" said Dana Ilves adding that repairs would take weeks.', "Dana Ilves"),
        ('"The bridge is down" the Tarvian Red Crescent said on Monday.', "Tarvian Red Crescent"),
        ('"The bridge is down" Dana Ilves said in a statement.', "Dana Ilves"),
        ('"Two shells hit the school" said one teacher from Dorvast.', "one teacher from Dorvast"),
        ('"Two shells hit the school" said Ivo Marek head of the parents council.', "Ivo Marek"),
        ('"Two shells hit the school" said Sheikh Ivo Marek a local preacher.', "Ivo Marek"),
        ('"Two shells hit the school" Ivo a Dorvast resident said.', "Ivo"),
    ],
)
def test_attribution_without_a_comma(text: str, speaker: str) -> None:
    assert _speakers(text) == [speaker]


def test_no_comma_attribution_needs_an_attribution_after_the_verb() -> None:
    # A reported clause after the verb is narration, not an attribution.
    (span,) = voice_spans('"The bridge is down" officials said the army had left.')
    assert span.rule != "after"


def test_long_description_between_name_and_verb() -> None:
    text = ('"The talks will resume next week" Lale Orhun the Tarvian envoy for the '
            "northern provinces on refugee matters said on Monday.")
    assert _speakers(text) == ["Lale Orhun"]


def test_sentence_end_rule_finds_the_speaker_later_in_the_sentence() -> None:
    text = ('"Six homes and the school were destroyed" in the village of Tarn early on '
            "Monday the Tarvian interior ministry said. Aid arrived later.")
    (span,) = voice_spans(text)
    assert span.speaker == "the Tarvian interior ministry"
    assert span.rule == "sentence_end"
    # never past the end of the sentence
    text = '"Six homes and the school were destroyed." Aid came and the ministry said so.'
    assert voice_spans(text)[0].speaker is None


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ('"The road must open now." \u2013 Commissioner Helga Brandt, speaking in Vienna.',
         "Helga Brandt"),
        ('"Both sides use hunger as a weapon" \u2014 UN spokesperson Ivo Marek.', "Ivo Marek"),
    ],
)
def test_dash_attribution(text: str, speaker: str) -> None:
    (span,) = voice_spans(text)
    assert span.speaker == speaker
    assert span.rule == "dash"


def test_dash_with_narration_is_no_attribution() -> None:
    (span,) = voice_spans('Aid workers faced "armed gangs" \u2013 a phrase heard often in Tarn.')
    assert span.speaker is None


def test_colon_introduction_before_the_next_paragraph() -> None:
    text = ("Shells hit the market in Tarn on Monday. The Tarvian Red Crescent said:\n\n"
            '"At least nine people were killed and many more are missing."\n\n'
            '"We counted the dead ourselves."')
    spans = voice_spans(text)
    assert spans[0].speaker == "Tarvian Red Crescent"
    assert spans[0].rule == "colon"
    # only the paragraph right after the colon
    assert spans[1].speaker is None


def test_continuation_stops_after_one_sentence_in_a_one_paragraph_article() -> None:
    text = ('"We saw the planes at dawn," Ivo Marek said. "Then the roof fell in." '
            "The town had been quiet for a month. Aid lorries came on Tuesday. "
            '"Nobody told us anything about the convoy."')
    assert _speakers(text) == ["Ivo Marek", "Ivo Marek", None]
    assert _rules(text)[1] == "continues"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ('Haddad said all the dead were from one street. "Nobody had time to run."', "Haddad"),
        ('The army has retaken the hill according to Radio Tarn. "Our units entered at dawn."',
         "Radio Tarn"),
        ('The hill has fallen Tarvia Today reports. "Our units entered at dawn."', "Tarvia Today"),
    ],
)
def test_previous_sentence_rule(text: str, speaker: str) -> None:
    (span,) = voice_spans(text)
    assert span.speaker == speaker
    assert span.rule == "previous_sentence"


def test_previous_sentence_rule_needs_speech() -> None:
    (span,) = voice_spans('Haddad left the town in May. "Nobody had time to run."')
    assert span.speaker is None


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a short form becomes the fuller name written before it
        ("The Tarvian Observatory for Civil Rights counted 40 dead. "
         '"Most were children," the Observatory said.', "Tarvian Observatory for Civil Rights"),
        # a description becomes the fullest earlier one with the same head
        ('"The depot burned all night," a source in the Tarvian Interior Ministry said. '
         '"Nobody could reach it," the source added.', "a source in the Tarvian Interior Ministry"),
        # an acronym becomes the name whose initials it spells
        ("The Kessel Liberation Front denied it. "
         '"We never fire on homes," KLF said.', "Kessel Liberation Front"),
        # a role becomes the person introduced with it
        ('"The wells are dry," said Ivo Marek head of the Tarn water board. '
         '"We need lorries," the head of the board said.', "Ivo Marek"),
        # a statement is its issuer's
        ("The Tarvian Defence Ministry said the raids were over. "
         '"Our jets hit four depots," the statement said.', "Tarvian Defence Ministry"),
        ('"Our jets hit four depots," a Tarvian government statement said.', "Tarvian government"),
    ],
)
def test_fuller_names_of_bodies_descriptions_and_roles(text: str, speaker: str) -> None:
    assert _speakers(text)[-1] == speaker


def test_britain_based_is_an_adjective_not_part_of_a_name() -> None:
    text = '"Nine died," the Aldwick-based Observatory said.'
    assert _speakers(text) == ["Observatory"]


def test_name_after_a_preposition_is_no_subject() -> None:
    text = ("Northern Command which runs the air war over the Kessel Valley said it had "
            '"opened an inquiry into the strike".')
    assert _speakers(text) == ["Northern Command"]
    text = 'A security source in Aldwick confirmed that the town was "fully secured".'
    assert voice_spans(text)[0].speaker == "A security source in Aldwick"
    text = 'Lena a nurse living in Tarn said the clinic had "no more bandages left".'
    assert voice_spans(text)[0].speaker == "Lena"


def test_weekday_is_never_a_speaker() -> None:
    text = ('The envoy spoke on Wednesday calling on both sides to show '
            '"restraint in the coming days and weeks".')
    assert voice_spans(text)[0].speaker != "Wednesday"


def test_he_goes_to_a_person_named_with_a_role_in_the_sentence_before() -> None:
    text = ("Rami Haddad told reporters the town was calm. "
            "The strike drew anger from UNICEF director Alan Brook. "
            '"This is an outrage," he said.')
    assert _speakers(text) == ["Alan Brook"]
    text = ("Rami Haddad told reporters the town was calm. "
            "A witness named Samir was hurt in the blast. "
            '"I saw a man in a black coat," he said.')
    assert _speakers(text) == ["Samir"]


def test_group_subject_without_a_determiner() -> None:
    text = 'Western diplomats spoke of a "red line" crossed in August.'
    assert voice_spans(text)[0].speaker == "Western diplomats"


def test_he_resolves_to_a_described_person_subject() -> None:
    # No name, but one person described as the subject of a verb of saying: the
    # coding guide writes the description (CODING.md 2.3), so "he" takes it.
    text = ("A Tarvian defence analyst told the Dispatch. "
            '"You can buy the same crates in any market here," he said.')
    (span,) = voice_spans(text)
    assert span.speaker == "A Tarvian defence analyst"
    assert span.resolved_via == "he -> A Tarvian defence analyst"
    # a described thing is no person
    text = ('The Tarvian defence budget told its own story. "We buy crates," he said.')
    assert voice_spans(text)[0].speaker == "he"


def test_passive_is_no_attribution() -> None:
    text = ('Rami Haddad said the road was shut. Injuries are also reported in Tarn. '
            '"Three houses burned down on the main street," he said.')
    assert _speakers(text) == ["Rami Haddad"]


def test_it_takes_the_body_opening_the_sentence_before() -> None:
    text = ("Kessel Valley mayors said the bridge must reopen. "
            "The Tarvian government, which runs the bridge, rejected the demand. "
            '"This is a meeting of people who never paid for a bridge," it said.')
    assert _speakers(text) == ["The Tarvian government"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ('"Nobody has visited the site yet" he asserted. ', "he"),
        ('"Open the road to Tarn now" the crowd chanted.', "the crowd"),
        ('"The convoy reached Tarn at noon" reported Ivo Marek.', "Ivo Marek"),
        ('"The convoy reached Tarn at noon" Ivo Marek spokesman for the Tarvian Office for '
         "Relief Work (TORW) told reporters.", "Ivo Marek"),
        ('"The convoy reached Tarn at noon" said Ivo Marek The lorries left at dawn.', "Ivo Marek"),
        ('"The convoy reached Tarn at noon" the barrel bomb the field medic said.',
         "the field medic"),
    ],
)
def test_more_attributions_of_copy_without_punctuation(text: str, speaker: str) -> None:
    assert _speakers(text)[0] == speaker


def test_described_subject_keeps_its_body() -> None:
    text = ('"The depot burned all night," according to a source in the Tarvian Interior '
            'Ministry. "Nobody could reach it," the source added.')
    assert _speakers(text)[-1] == "a source in the Tarvian Interior Ministry"
    text = '"Nine died in the raids on the market" the army of the Tarvian regime said.'
    assert _speakers(text) == ["the army of the Tarvian regime"]


def test_body_name_before_a_relative_clause_keeps_for() -> None:
    text = ("The Aldwick-based Tarvian Observatory for Civil Rights which counts the dead "
            'in Tarn said the strikes had "hit four schools in one week".')
    assert voice_spans(text)[0].speaker == "Tarvian Observatory for Civil Rights"
    text = ('The Aldwick-based Observatory had earlier confirmed that "the army entered '
            'the town at dawn."')
    assert voice_spans(text)[0].speaker == "Observatory"


def test_the_one_told_is_no_antecedent_of_he() -> None:
    text = ("Amir Kessaly told Kessel Voice that the talks had begun.\n\n"
            '"We did not come here to beg for anything at all," he said.')
    assert _speakers(text) == ["Amir Kessaly"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a verb of labelling joined to the subject by "and"
        # (a first verb of saying or stance, "denied the report and blamed", is rule 2's:
        # tests/test_speaker_constructions.py)
        ('The Tarvian interior ministry investigated the report and blamed "criminal gangs in the '
         'hills".', "The Tarvian interior ministry"),
        # a participle of saying
        ("Tarvian foreign ministry spokeswoman Lena Voss took aim at the envoy on Monday "
         'calling on him to "stop repeating rumours from the hills".', "Lena Voss"),
        # a verb of saying after "and"
        ('A military source in Aldwick investigated the claim and said the jets struck "depots of '
         'the armed groups".', "A military source in Aldwick"),
        # a quotation that goes on from its subject
        ('The Observatory "has counted 40 dead since the truce began" in the province.',
         "Observatory"),
    ],
)
def test_opening_subject_rule(text: str, speaker: str) -> None:
    (span,) = voice_spans(text)
    assert span.speaker == speaker
    assert span.rule == "opening_subject"


def test_opening_subject_needs_a_cue() -> None:
    # no verb of saying or labelling ties the quotation to the sentence's subject
    (span,) = voice_spans('The Tarvian army entered Tarn with "armoured units" at dawn.')
    assert span.speaker is None


@pytest.mark.parametrize(
    "text",
    [
        '"Every sack goes to the fighters first" the paper quoted a security official as saying.',
        'The paper quoted a security official as saying "every sack goes to the fighters first".',
    ],
)
def test_quoted_as_saying(text: str) -> None:
    assert voice_spans(text)[0].speaker == "a security official"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # "it" later in the sentence, resolved to the body
        ('The Tarvian Health Ministry counted the dead. "Four raids hit the hospital at dawn" '
         "on the outskirts of Tarn it said.", "Tarvian Health Ministry"),
        # an inverted attribution later in the sentence
        ('"Twenty people were killed in the market" a village south of Tarn said Ivo Marek of '
         "the Tarvian Red Crescent.", "Ivo Marek"),
        # a name and its affiliation in a long subject
        ('"There is renewed shelling and it is heavy" Ivo Marek of the Aldwick based Tarn '
         "relief committee told reporters.", "Ivo Marek"),
        # "who said" without a comma
        ('The agency reported a military source who said "the battles go on in the hills".',
         "a military source"),
    ],
)
def test_attributions_later_in_the_sentence(text: str, speaker: str) -> None:
    assert _speakers(text)[-1] == speaker


def test_continuation_after_a_partial_quotation_with_a_speaker() -> None:
    text = ('Ilves cast doubt on the plan saying it "has no future". '
            '"I do not believe the talks will be ready before winter."')
    spans = voice_spans(text)
    assert [s.speaker for s in spans] == ["Ilves", "Ilves"]
    assert spans[1].rule == "continues"


def test_report_rule_gives_a_passage_with_its_own_attribution_to_the_credited_medium() -> None:
    text = ('The army said it had pushed into the hills. "Meanwhile a source on the ground said '
            'units hit four depots near Tarn." More raids followed on Monday. "Two lorries '
            'were destroyed on the northern road near the river." Tarvia Today reported.')
    spans = voice_spans(text)
    assert [s.speaker for s in spans] == ["Tarvia Today", "Tarvia Today"]
    assert spans[0].rule == "report"
    # without an attribution inside and without a credit, nothing
    assert voice_spans('"Two lorries were destroyed on the northern road." More raids.')[0].speaker is None


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # an acronym defined in brackets
        ('The Kessel Peoples Defence Units (YPD) held the bridge. "We will not leave the '
         'bridge," the YPD said.', "Kessel Peoples Defence Units"),
        # a bracketed acronym in the attribution is read past
        ('"Ten people died in the shelling" the Tarvian Observatory for Civil Rights (TOCR) said.',
         "Tarvian Observatory for Civil Rights"),
        # "the agency" after "news agency TNA"
        ('The state news agency TNA said the army advanced. "Ten people died in the shelling" '
         "the agency said.", "TNA"),
        # "was quoted by X as saying"
        ('"Ten people died in the shelling" Orhun was quoted by Radio Tarn as saying.', "Orhun"),
        # a generic person noun right after a named person's quotation
        ('"My house was here," Ivo Marek told reporters. "Now there is nothing left of it," '
         "the devastated man said.", "Ivo Marek"),
    ],
)
def test_bodies_acronyms_and_generic_persons(text: str, speaker: str) -> None:
    assert _speakers(text)[-1] == speaker


def test_he_takes_a_person_with_a_role_in_apposition() -> None:
    text = ("Rami Haddad told reporters the town was calm. "
            "Last month Samir al-Tarni a commander of the brigade threatened the town. "
            '"We will come back with more men," he said.')
    assert _speakers(text) == ["Samir al-Tarni"]


def test_inverted_attribution_with_a_role_later_in_the_sentence() -> None:
    text = ('After examining "all the internal and external reports" the coalition opened an '
            "inquiry said spokesman Colonel Ivo Marek on Monday.")
    assert voice_spans(text)[0].speaker == "Ivo Marek"


def test_colon_after_a_clause_gives_its_subject() -> None:
    text = ('Ruth Adeyemi said she was "cautiously encouraged". Asked what had changed, a '
            'senior Tarvian diplomat was blunter: "Liss changed everything for all of us."')
    assert _speakers(text)[-1] == "a senior Tarvian diplomat"


# --- constructions of news prose found on the development set (issue 14) ------------------
# Every text below is written for these tests.


def test_partial_quotation_takes_the_speaker_at_the_end_of_its_sentence() -> None:
    # CODING.md Q5: a short quoted phrase inside reported speech is the speaker's
    text = ('The convoy was destroyed by "deliberate strikes" that killed ten volunteers '
            "the Tarvian Civil Defence confirmed in a statement on Tuesday.")
    (span,) = voice_spans(text)
    assert (span.voice, span.speaker) == ("scare_quote", "Tarvian Civil Defence")
    assert span.rule == "sentence_end"
    # with no attribution in the sentence it stays unattributed
    assert voice_spans('The convoy was destroyed by "deliberate strikes" on Tuesday.')[0].speaker is None


def test_a_time_ends_a_relative_clause_before_the_verb() -> None:
    text = ('The Kessel coalition which began its air campaign last March said it had carried '
            'out "significant" strikes on the town.')
    (span,) = voice_spans(text)
    assert span.speaker == "The Kessel coalition"
    assert (span.rule, span.cue) == ("before", "March said")
    # without a relative clause a time is still no subject
    assert voice_spans('On Tuesday last March said it was "significant" for all.')[0].speaker is None


def test_place_before_the_subject_when_the_comma_is_lost() -> None:
    text = ('The Kessel coalition said on Monday it had struck the depot. Coalition jets "hit '
            'several targets in the valley" throughout Tarn the statement said. The strikes '
            '"have cut the supply routes" it added.')
    spans = voice_spans(text)
    assert [s.speaker for s in spans] == ["The Kessel coalition", "The Kessel coalition"]
    assert (spans[0].rule, spans[0].cue, spans[0].resolved_via) == (
        "after", "throughout Tarn the statement said", "the statement -> The Kessel coalition")
    assert spans[0].voice == "quote"


def test_bracketed_acronym_after_a_subject_and_the_charity() -> None:
    text = ('An attack on a clinic in Tarn killed two patients, the Tarvian Red Crescent Society '
            '(TRCS) has announced. "Two patients were killed when four bombs hit the clinic" '
            "the charity said.")
    (span,) = voice_spans(text)
    assert span.speaker == "Tarvian Red Crescent Society"
    assert (span.rule, span.cue, span.resolved_via) == (
        "after", "the charity said", "the charity -> Tarvian Red Crescent Society")


def test_name_after_a_common_noun_when_the_comma_is_lost() -> None:
    text = ('In a statement about the attack Tarvian state media said the strike "would not go '
            'unpunished." It added that the jet had crashed because of "a technical failure".')
    assert [s.speaker for s in voice_spans(text)] == ["Tarvian state media", "Tarvian state media"]
    # a hyphenated adjective is no noun: "the state-run Tarvian news agency" stays whole
    text = 'In a statement the state-run Tarvian news agency said the strike "would not go unpunished."'
    assert voice_spans(text)[0].speaker == "the state-run Tarvian news agency"


def test_sentence_end_rule_stops_at_a_quotation_that_ends_its_sentence() -> None:
    text = ('"This was a barbaric attack," said ministry spokeswoman Dana Ilves. "If confirmed it '
            'is only the latest act of brutality." Camp residents told reporters that two bombs '
            "fell.")
    spans = voice_spans(text)
    assert [s.speaker for s in spans] == ["Dana Ilves", "Dana Ilves"]
    assert (spans[1].rule, spans[1].resolved_via) == ("continues", "quote at 0")


def test_the_source_an_attribution_cites_is_the_speaker() -> None:
    # CODING.md Q3d
    text = '"Ten civilians died in the strikes on Tarn" the state news agency TNA reported citing local residents.'
    (span,) = voice_spans(text)
    assert span.speaker == "local residents"
    assert (span.rule, span.cue) == ("after", "the state news agency TNA reported citing local residents")
    text = '"An unnamed official spoke" the agency TNA said quoting a senior army officer.'
    assert voice_spans(text)[0].speaker == "a senior army officer"
    # a reason cited is no source
    text = '"The road will stay closed for the whole week" the minister said citing security concerns.'
    assert voice_spans(text)[0].speaker == "the minister"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ('"Two of the dead were nurses" head of the Tarvian Observatory for Human Rights Ivo '
         "Marek said.", "Ivo Marek"),
        ('The head of Medics Abroad Dr Hana Kessel condemned the "unacceptable" attack on the '
         "clinic.", "Hana Kessel"),
        # the phrase ends with the body: kept whole
        ('"The road will stay closed for the whole week" a spokesman for the Foreign Ministry '
         "said.", "a spokesman for the Foreign Ministry"),
    ],
)
def test_a_person_named_after_a_role_and_its_affiliation(text: str, speaker: str) -> None:
    assert voice_spans(text)[0].speaker == speaker


def test_a_body_named_before_its_description() -> None:
    text = ('Following the strikes the Tarn Liberation Front jihadist alliance denounced the '
            'talks. "There is no solution without fighting" it said.')
    (span,) = voice_spans(text)
    assert span.speaker == "Tarn Liberation Front"
    assert (span.rule, span.cue, span.resolved_via) == ("after", "it said", "it -> Tarn Liberation Front")
    text = ('The Tarvian Observatory for Human Rights monitoring group said the attack hit a '
            '"weapons depot" in the camp.')
    assert voice_spans(text)[0].speaker == "Tarvian Observatory for Human Rights"


def test_a_described_phrase_after_a_preposition_is_no_subject() -> None:
    text = ('Residents of Tarn said the bakery was hit. One resident of the town told reporters '
            'the army "had no reason" to shell it.')
    assert voice_spans(text)[0].speaker == "One resident of the town"
    # "an Easter message" is the object of "in", not the one who condemned
    text = 'Pope Ivo in an Easter message also condemned the "ignoble" attack.'
    assert voice_spans(text)[0].speaker is None


def test_another_and_numbers_open_a_described_subject() -> None:
    text = ('Another Tarvian source inside the training camp told reporters that "three '
            'fireballs" hit the camp. "Then the depot exploded and burned for hours" the source '
            "said.")
    assert [s.speaker for s in voice_spans(text)] == [
        "Another Tarvian source inside the training camp",
        "Another Tarvian source inside the training camp",
    ]
    text = 'The army shelled the suburbs in what two opposition groups claimed was a "gas attack" on Monday.'
    assert voice_spans(text)[0].speaker == "two opposition groups"


def test_possessive_name_and_group_noun_subjects() -> None:
    text = "Tarvia's president said the operation would clear \"a terror corridor\" from the border."
    assert voice_spans(text)[0].speaker == "Tarvia's president"
    text = 'Local residents complained that the market had been closed, calling the decision "a slow death".'
    (span,) = voice_spans(text)
    assert span.speaker == "Local residents"
    # the participle after the comma belongs to the clause before it, whose
    # subject complained (a verb of saying): rule 2 reads it
    assert span.rule == "before"
    assert span.cue == "Local residents complained"


def test_a_body_named_with_a_quoted_name_before_its_head() -> None:
    text = ('The strike was reported by the opposition "Tarn" TV network. "Forty fighters were '
            'killed in the ambush" the TV network said.')
    assert voice_spans(text)[-1].speaker == "Tarn TV network"


def test_the_official_right_after_a_named_persons_quotation() -> None:
    text = ('"The economy has shrunk by half in four years" Lena Varga said. "I appeal to donors '
            'to do more for the people of Tarn" the UN official concluded.')
    assert [s.speaker for s in voice_spans(text)] == ["Lena Varga", "Lena Varga"]


def test_his_spokesman_is_the_spokesman_the_text_names() -> None:
    # CODING.md Q3c: the name when the article gives it, also just after
    first = ('The Secretary-General is "appalled by the escalation of the fighting" in Tarn his '
             "spokesman said on Saturday.")
    later = (' "There have been repeated reports of incendiary weapons" UN spokesman Ivo Dujak '
             "said in a statement.")
    spans = voice_spans(first + later)
    assert spans[0].speaker == "Ivo Dujak"
    assert (spans[0].rule, spans[0].cue, spans[0].resolved_via) == (
        "sentence_end", "his spokesman said", "his spokesman -> Ivo Dujak")
    # otherwise the description as written
    assert voice_spans(first)[0].speaker == "his spokesman"


def test_it_is_the_body_that_opens_the_sentence_before_or_its_own() -> None:
    text = ('The Observatory said 20 people died. And the United Nations has raised concern about '
            'the fate of the town. It said aid had been stockpiled but "more aid is needed urgently."')
    assert voice_spans(text)[0].speaker == "United Nations"
    text = 'The Observatory said 20 people died. The White House condemned what it said was a "reprehensible" attack.'
    assert voice_spans(text)[0].speaker == "White House"
    # a pronoun opening the sentence is no body: "The group it added has ..."
    assert voice_spans('The group it added has "established a safe haven in the valley".')[0].speaker == "it"


def test_a_discourse_adverb_opening_the_sentence_is_no_part_of_the_speaker() -> None:
    for adverb in ("Meanwhile", "However,", "Separately", "Earlier", "Later", "Also", "But", "And"):
        text = (f'Tarn has seen heavy fighting since May. {adverb} Amnesty International said two '
                'journalists had been "subjected to enforced disappearance."')
        assert voice_spans(text)[0].speaker == "Amnesty International", adverb


def test_a_body_named_with_and_and_a_person_after_a_long_affiliation_are_whole() -> None:
    text = ('The convoy was hit near Tarn. "Ten people were killed as they were unloading the trucks" '
            "said the International Federation of Red Cross and Red Crescent Societies.")
    assert voice_spans(text)[0].speaker == "International Federation of Red Cross and Red Crescent Societies"
    # "and" between two names with no "of" or "for" before it still ends the subject
    text = 'The talks ended. "We are far apart" said Lena Varga and the two envoys left.'
    assert voice_spans(text)[0].speaker == "Lena Varga"
    text = ('Fighters entered the town. The rebels "were pushed out of the last district" said Tarn '
            "Observatory for Human Rights director Rami Abdel Rahman.")
    assert voice_spans(text)[0].speaker == "Rami Abdel Rahman"
    # the body speaks when no person follows the role
    text = 'The rebels "were pushed out of the last district" said the Tarn Observatory for Human Rights.'
    assert voice_spans(text)[0].speaker == "Tarn Observatory for Human Rights"


def test_the_short_description_is_the_fuller_one_written_with_a_body_before() -> None:
    text = ('The raids hit Varn around noon an activist with the opposition Varn Media Centre told '
            'reporters. "One rocket hit the entrance of the school" the activist said.')
    assert voice_spans(text)[0].speaker == "an activist with the opposition Varn Media Centre"
    # a noun before a name that is no body's ("the statement UNICEF") is not read so
    text = ('According to the statement Oxfam continues to send water to the town and "to raise '
            'awareness about cholera."')
    assert voice_spans(text)[0].speaker == "Oxfam"


def test_the_one_who_said_is_the_speaker() -> None:
    for verb in ("reported", "quoted"):
        text = (f'Fighters entered Varn overnight. Reuters {verb} a military source who said "The '
                'battles are ongoing in that area."')
        assert voice_spans(text)[0].speaker == "a military source", verb
    # with a place between the noun and "who", which one spoke is unclear: no guess
    text = ('A message cited a journalist embedded with the troops in the district who said the army '
            'found barrels stamped "made in Tarn".')
    assert voice_spans(text)[0].speaker is None


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # "a statement by / from / issued by X" is X's (CODING.md speaker rules)
        ('"The bridge will reopen on Monday," a statement from Dana Ilves, the Tarvian envoy, said.',
         "Dana Ilves"),
        ('The Kessel brigade said it took the hill. A commander was held for "crimes against the '
         'people of the town" according to a statement issued by the brigade.', "The Kessel brigade"),
        ('"Our jets hit four depots," said a statement by the Tarvian defence ministry.',
         "the Tarvian defence ministry"),
        # a medium that carried the statement is not its issuer
        ('"Our jets hit four depots," the statement carried by state news agency TNA said.',
         "the statement"),
    ],
)
def test_a_statement_by_someone_is_theirs(text: str, speaker: str) -> None:
    assert _speakers(text) == [speaker]


@pytest.mark.parametrize(
    "issued",
    [
        "The Kessel brigade also issued a statement on Monday.",
        "The Kessel brigade said in a statement that the talks had failed.",
        "In a Sunday statement the Kessel brigade said that the talks had failed.",
        "The town was shelled according to a statement by the Kessel brigade.",
    ],
)
def test_the_statement_is_the_last_issuers_not_the_last_speakers(issued: str) -> None:
    # "the statement" is the body the text says issued a statement (CODING.md Q3a),
    # even when another body spoke in between
    text = (f'{issued} The Tarvian army said it had pushed the rebels back. "We will not give up '
            'the hill," the statement said.')
    assert _speakers(text) == ["Kessel brigade"]
    # with no statement reported, the last body that spoke, as before
    text = ('The Tarvian army said it had pushed the rebels back. "We will not give up the hill," '
            'the statement said.')
    assert _speakers(text) == ["The Tarvian army"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a participle phrase describing the speaker is part of the description
        ('Seven were hurt. A doctor receiving the casualties confirmed the toll and said most '
         'were "gravely wounded by shrapnel from the shells".', "A doctor receiving the casualties"),
        ('"We had no water for days," a woman living in the camp told reporters.',
         "a woman living in the camp"),
        ('"This is your soldier," said a masked militant wearing a balaclava, the same outfit '
         'seen before.', "a masked militant wearing a balaclava"),
        # ... up to a determiner where a comma was lost
        ('"This is your soldier" said a masked militant wearing a balaclava the same outfit '
         'seen before.', "a masked militant wearing a balaclava"),
        # a participle that only goes on with the attribution is not
        ('"The shelling never stopped," said a resident speaking on condition of anonymity.',
         "a resident"),
        ('"The shelling never stopped," said a resident adding that the roads were closed.',
         "a resident"),
        # nor one after a name
        ('"The shelling never stopped," said Rami Haddad visiting the town.', "Rami Haddad"),
    ],
)
def test_a_participle_describing_the_speaker_is_kept(text: str, speaker: str) -> None:
    assert _speakers(text) == [speaker]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # two subjects joined by "and" before a possessive say the words together:
        # the first one named (CODING.md)
        ('The opposition in exile and its Western backers called the vote "a farce of democracy and of justice".',
         "The opposition in exile"),
        ('"We will keep fighting the terrorists everywhere," Tarvia and its allies said.', "Tarvia"),
        # not when "and" joins two clauses
        ('The army shelled the town on Monday and its residents said "nobody could sleep for '
         'three nights".', "its residents"),
    ],
)
def test_the_first_of_two_subjects_joined_by_and_its(text: str, speaker: str) -> None:
    assert _speakers(text) == [speaker]


@pytest.mark.parametrize("apposition", [" a member of the southern front command", ", a member of the southern front command,"])
def test_he_is_the_person_opening_the_sentence_before_with_a_description(apposition: str) -> None:
    # a name in apposition with "a member", "a resident", ... (with or without its
    # commas) opens the sentence: "he" is that person, not the source quoted before
    text = ('The agency quoted a military source as saying the army "restored security to the '
            f'town and its villages". Rami Haddad{apposition} claimed that the group was building '
            'a base. "The issue is not just about retaking some hills," he said.')
    assert _speakers(text) == ["a military source", "Rami Haddad"]


def test_a_first_name_alone_is_the_full_name_of_a_person_introduced_by_role() -> None:
    # "Zouhir told" after "journalist Zouhir Haddad": the person's full name
    text = ('Footage was taken by journalist Zouhir Haddad on Monday. Zouhir told the paper that '
            'residents see "no clear vision for the near future in the city".')
    assert _speakers(text) == ["Zouhir Haddad"]
    # not without a role or title marking the fuller name as a person's
    text = ('The channel Tarvia Today reported the strikes. "We hit forty targets in the province '
            'overnight," Tarvia said.')
    assert _speakers(text) == ["Tarvia"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a British parliamentary title before the name is a title, like "Senator"
        ('"The case for an inquiry is overwhelming," said Welsh nationalist MP Gareth Pryce.', "Gareth Pryce"),
        ('"We will not back this budget," said Labour MEP Ann Coles.', "Ann Coles"),
        # a nationality adjective before a person's name describes the person ...
        ('The director of the monitor London-based Syrian Ravi Anand Kessel said the "military '
         'aircraft" had hit the market twice that morning.', "Ravi Anand Kessel"),
        ('"The talks are over," said Iranian Ali Reza Tabrizi.', "Ali Reza Tabrizi"),
        # ... but not a body's name written with "the", nor a two-word name
        ('"Jets hit the convoy twice in one hour," the Syrian Civil Defence said.', "Syrian Civil Defence"),
        ('"No deal is better than this one," said Christian Lindner.', "Christian Lindner"),
        # a newspaper's one-word name before "newspaper" or "daily" is the speaker
        ('"The jets resumed their missions over the province," the Al-Rayah newspaper said.', "Al-Rayah"),
        ('"The jets resumed their missions over the province," the Syrian newspaper said.',
         "the Syrian newspaper"),
        # a bracketed acronym between a body's name and its describing noun
        ('The Islamic State (IS) militant group said one of its men had fired on a "large '
         'gathering" of soldiers.', "Islamic State"),
    ],
)
def test_name_boundaries_titles_nationalities_and_media(text: str, speaker: str) -> None:
    assert [s.speaker for s in voice_spans(text)] == [speaker]


def test_he_is_a_relative_quoted_after_a_body_not_the_body() -> None:
    # "he" goes to the person described as the last subject of a verb of saying
    # ("a relative", "a neighbour"), never to a body written as a name ("Islamic State")
    text = ('The Islamic State group said in a statement that its men had attacked the hall. The groom '
            'survived but his father was killed, a relative told reporters. "He is shaken and sees '
            'no one," he said.')
    assert [s.speaker for s in voice_spans(text)] == ["a relative"]
    text = ('Police say the fire began at 2am. "We heard a bang and ran outside," a neighbour told '
            'the BBC. "Then the windows went," she said.')
    assert _speakers(text) == ["a neighbour", "a neighbour"]
