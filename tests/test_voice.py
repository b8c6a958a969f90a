"""Voice (narration, quote, scare quote) and speakers (mediakit.voice)."""

from __future__ import annotations

import dataclasses
import pickle
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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
    assert _spans(text) == [("‘effective’", "scare_quote", "Putin")]


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
    assert _spans(text) == [("'terrorists'", "scare_quote", "Officials")]
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
    assert spans[0].end == text.index("\n")  # the unclosed quote stops at its paragraph
    # The first paragraph's “nothing” is inside the unclosed quote (outermost wins).
    assert sum(1 for s in spans if text[s.start : s.end] == "“nothing”") == 1999


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
    assert quoted[0].attribution


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
    assert spans[0].voice == "scare_quote"
    assert spans[0].attribution is None or not spans[0].attribution.startswith("after")


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
    assert _spans('They called it "a disaster" at the gate.')[0][1] == "scare_quote"


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
    assert "he -> Rouhani" in span.attribution


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
    assert spans[1].attribution.startswith("continues")


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
    span = VoiceSpan(0, 3, "quote", "X", "after: X said")
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
        "doc_id", "quote_id", "start", "end", "voice", "speaker", "text", "attribution",
    ]  # fmt: skip
    assert table["doc_id"].tolist() == ["a", "a"]
    assert table["quote_id"].tolist() == [0, 1]
    assert table["voice"].tolist() == ["quote", "scare_quote"]
    assert table["speaker"].tolist()[0] == "Rouhani"
    assert pd.isna(table["speaker"].tolist()[1])
    text = corpus["text"][0]
    for row in table.itertuples():
        assert text[row.start : row.end] == row.text
    pd.testing.assert_frame_equal(corpus, before)


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
    assert _voice_of(body, "In view of the gathering of dangerous terrorists") == ("quote", "Rouhani")
    assert _voice_of(body, "uprooted") == ("quote", "Rouhani")
    assert _voice_of(body, "We should preserve their outcomes") == ("quote", "Rouhani")
    assert _voice_of(body, "There is a risk of sliding") == ("quote", "Josep Borrell")
    assert _voice_of(body, "unbearable humanitarian suffering") == ("quote", "Josep Borrell")


def test_seed_scare_quotes() -> None:
    body = _seed_body()
    assert _voice_of(body, "worrisome") == ("scare_quote", "Rouhani")
    assert _voice_of(body, "effective", 0) == ("scare_quote", "Putin")  # ‘effective’ headline
    assert _voice_of(body, "effective", 1) == ("scare_quote", "Putin")  # “effective”
    assert _voice_of(body, "neutralized") == ("scare_quote", "Ankara")
    assert _voice_of(body, "soldiers and elements") == ("scare_quote", "Ankara")
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
    assert quotes["speaker"].tolist() == ["Rouhani", "Rouhani", "Josep Borrell", "Josep Borrell"]


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
