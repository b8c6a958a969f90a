"""Sentences, tokens and typography (mediakit.text)."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mediakit.errors import CorpusError
from mediakit.text import (
    _POSSIBLE_BREAK_RE,
    count_words,
    normalize_typography,
    sentences,
    split_sentences,
    tokenize,
    words,
)

SEED_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "seed"


def _sentence_texts(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


def _assert_partition(text: str, spans: list[tuple[int, int]]) -> None:
    """Spans are ordered, disjoint, trimmed, and cover every non-space character."""
    covered = [False] * len(text)
    previous_end = 0
    for s, e in spans:
        assert previous_end <= s < e <= len(text)
        assert text[s:e] == text[s:e].strip()
        for k in range(s, e):
            covered[k] = True
        previous_end = e
    for k, ch in enumerate(text):
        if not ch.isspace():
            assert covered[k], f"character {k} ({ch!r}) is in no sentence"


# --- sentences -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The U.S. and the U.N. met in Geneva. Talks ended.",
        "Gen. Smith arrived on Feb. 28 with Col. Jones. They left.",
        "Dr. Ali and Mrs. Khan spoke at 10 a.m. on Jan. 5 in St. Louis. It rained.",
        "J. Smith wrote it, e.g. the report, i.e. the long one. No. 5 was cited.",
    ],
)
def test_abbreviations_and_initials_do_not_end_sentences(text: str) -> None:
    got = _sentence_texts(text)
    assert len(got) == 2, got
    assert got[1] in {"Talks ended.", "They left.", "It rained.", "No. 5 was cited."}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("See No. 5 for details. Then go.", ["See No. 5 for details.", "Then go."]),
        ("The answer was no. Everyone agreed.", ["The answer was no.", "Everyone agreed."]),
        ("Check fig. 2 today. Then go.", ["Check fig. 2 today.", "Then go."]),
    ],
)
def test_numeric_only_abbreviations(text: str, expected: list[str]) -> None:
    assert _sentence_texts(text) == expected


@pytest.mark.parametrize(
    "text",
    ["He fell ill. Then he left.", "They wed. Then they left.", "It was ok. Then they left."],
)
def test_common_words_are_not_abbreviations(text: str) -> None:
    assert len(split_sentences(text)) == 2


def test_plain_sentences_split() -> None:
    text = "Fighting resumed. Is it over? Nobody knows!  Officials met."
    assert _sentence_texts(text) == [
        "Fighting resumed.",
        "Is it over?",
        "Nobody knows!",
        "Officials met.",
    ]


def test_line_break_always_ends_a_sentence() -> None:
    text = "Putin calls Astana peace process ‘effective’\n\nPutin said it was good. He left."
    assert _sentence_texts(text) == [
        "Putin calls Astana peace process ‘effective’",
        "Putin said it was good.",
        "He left.",
    ]


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ('"We will win," he said. "The war is over." Then he left.', '"We will win," he said.'),
        ("“The war is over.” Then he left.", "“The war is over.”"),
        ("He said: ‘It is over.’ Then he left.", "He said: ‘It is over.’"),
    ],
)
def test_closing_quote_after_full_stop_stays_with_sentence(text: str, first: str) -> None:
    got = _sentence_texts(text)
    assert got[0] == first
    assert got[-1] == "Then he left."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("“Why?” she asked. Nobody answered.", ["“Why?” she asked.", "Nobody answered."]),
        ('"Never!" he shouted. Then he left.', ['"Never!" he shouted.', "Then he left."]),
        (
            "“Then why are its shells falling on bakeries?” said Amir Kessaly, the "
            "spokesman. He hung up.",
            [
                "“Then why are its shells falling on bakeries?” said Amir Kessaly, the "
                "spokesman.",
                "He hung up.",
            ],
        ),
        ("“It is over.” said nobody. Fine.", ["“It is over.” said nobody.", "Fine."]),
        ("Is it over? Yes! It is.", ["Is it over?", "Yes!", "It is."]),
    ],
)
def test_question_or_exclamation_before_lowercase_does_not_end_sentence(
    text: str, expected: list[str]
) -> None:
    assert _sentence_texts(text) == expected


def test_hard_wrapped_lines_continue_a_sentence() -> None:
    text = (
        "Army enters Dorvast\n"
        "\n"
        "The army entered the northern districts of Dorvast on Tuesday after\n"
        "three weeks of shelling, residents said. Officials in Aldwick called the\n"
        "fighters terrorists; the KLF (which controls the old town) rejected\n"
        "(again) that label.\n"
        "Headline without stop\n"
        "Next line starts with a capital\n"
        "A line ending in a colon:\n"
        "lowercase after a colon starts anew\n"
        "  indented line ends the paragraph\n"
        "\n"
        "blank line before lowercase still ends it"
    )
    spans = split_sentences(text)
    _assert_partition(text, spans)
    assert [text[s:e] for s, e in spans] == [
        "Army enters Dorvast",
        "The army entered the northern districts of Dorvast on Tuesday after\n"
        "three weeks of shelling, residents said.",
        "Officials in Aldwick called the\n"
        "fighters terrorists; the KLF (which controls the old town) rejected\n"
        "(again) that label.",
        "Headline without stop",
        "Next line starts with a capital",
        "A line ending in a colon:",
        "lowercase after a colon starts anew",
        "indented line ends the paragraph",
        "blank line before lowercase still ends it",
    ]
    # CRLF wraps join the same way; a form feed always ends the sentence.
    assert len(split_sentences("one sentence wrapped\r\nover two lines.")) == 1
    assert len(split_sentences("not joined\x0cacross a form feed")) == 2


def test_sentence_spans_partition_text_with_odd_whitespace() -> None:
    text = "  Headline here \n\n\t First one. Second one.  \r\n  Third, no stop\n \n"
    spans = split_sentences(text)
    _assert_partition(text, spans)
    assert [text[s:e] for s, e in spans] == [
        "Headline here",
        "First one.",
        "Second one.",
        "Third, no stop",
    ]


def test_empty_and_blank_texts_have_no_sentences() -> None:
    assert split_sentences("") == []
    assert split_sentences(" \n\t\n") == []


def test_sentences_table_columns_order_and_offsets() -> None:
    corpus = pd.DataFrame(
        {
            "doc_id": ["a", "b", "c"],
            "outlet": ["X", "Y", "Z"],
            "text": ["One here. Two there.", "Headline\n\nBody of it.", "Solo"],
        }
    )
    before = corpus.copy()
    table = sentences(corpus)
    assert list(table.columns) == ["doc_id", "sentence_id", "start", "end", "text", "n_words"]
    assert table["doc_id"].tolist() == ["a", "a", "b", "b", "c"]
    assert table["sentence_id"].tolist() == [0, 1, 0, 1, 0]
    assert table["n_words"].tolist() == [2, 2, 1, 3, 1]
    texts = dict(zip(corpus["doc_id"], corpus["text"], strict=True))
    for row in table.itertuples():
        assert texts[row.doc_id][row.start : row.end] == row.text
    pd.testing.assert_frame_equal(corpus, before)


def test_sentences_table_missing_text_values_give_no_rows() -> None:
    corpus = pd.DataFrame({"doc_id": ["a", "b", "c"], "text": ["One.", None, float("nan")]})
    table = sentences(corpus)
    assert table["doc_id"].tolist() == ["a"]


def test_sentences_table_missing_text_column_is_a_corpus_error() -> None:
    with pytest.raises(CorpusError, match="text"):
        sentences(pd.DataFrame({"doc_id": ["a"]}))


def test_sentences_of_empty_corpus_has_the_columns() -> None:
    table = sentences(pd.DataFrame({"doc_id": pd.Series([], dtype="str"), "text": []}))
    assert table.empty
    assert list(table.columns) == ["doc_id", "sentence_id", "start", "end", "text", "n_words"]


# --- tokens ----------------------------------------------------------------------------


def _token_texts(text: str) -> list[str]:
    return [text[s:e] for s, e in tokenize(text)]


def test_hyphenated_compounds_stay_one_token() -> None:
    assert _token_texts("Turkish-backed groups and al-Assad's forces") == [
        "Turkish-backed",
        "groups",
        "and",
        "al-Assad",
        "forces",
    ]


def test_possessives_and_apostrophes() -> None:
    text = "the rebels’ base, Syria’s army, the KLF's hits, it isn’t, O’Brien, the ’90s"
    assert _token_texts(text) == [
        "the", "rebels", "base", "Syria", "army", "the", "KLF", "hits",
        "it", "isn’t", "O’Brien", "the", "90s",
    ]  # fmt: skip


def test_numbers_and_initialisms() -> None:
    text = "At least 2,212 died; 3.5 per cent; U.S.-backed forces and the U.N. said."
    assert _token_texts(text) == [
        "At", "least", "2,212", "died", "3.5", "per", "cent", "U.S.-backed",
        "forces", "and", "the", "U.N.", "said",
    ]  # fmt: skip


def test_words_and_count_words() -> None:
    text = "Rebels’ and REBELS: Turkish-backed, 2,212 — fighters!"
    assert words(text) == ["rebels", "and", "rebels", "turkish-backed", "2,212", "fighters"]
    assert count_words(text) == 6
    assert count_words("") == 0
    assert count_words("— … !!") == 0


def test_token_spans_index_the_original_text() -> None:
    text = "In Idlib, “terrorists” and ‘rebels’ fought; it’s 2020."
    for s, e in tokenize(text):
        assert text[s:e].strip() == text[s:e]
        assert text[s:e][0].isalnum()


# --- typography ------------------------------------------------------------------------


def test_normalize_typography_is_same_length_ascii_quotes() -> None:
    text = "“He isn’t,” she said, ‘quite’ „so“ «yes» ‚x‛ 5′ 6″ — done…"
    got = normalize_typography(text)
    assert len(got) == len(text)
    assert got == "\"He isn't,\" she said, 'quite' \"so\" \"yes\" 'x' 5' 6\" — done…"


def test_normalize_typography_leaves_plain_text_alone() -> None:
    text = "Plain ASCII text with 'single' and \"double\" quotes."
    assert normalize_typography(text) == text


# --- seed article ----------------------------------------------------------------------


def _seed_text() -> str:
    files = sorted(SEED_DIR.glob("*.txt")) if SEED_DIR.is_dir() else []
    if not files:
        pytest.skip(f"seed article not available at {SEED_DIR}")
    return files[0].read_text(encoding="utf-8")


def test_seed_sentences() -> None:
    text = _seed_text()
    spans = split_sentences(text)
    _assert_partition(text, spans)
    got = [text[s:e] for s, e in spans]
    # The headline line and the sub-headline are sentences of their own.
    assert got[0] == "Rouhani urges revitalization of Astana process on Idlib in phone talks with Putin"
    assert "Putin calls Astana peace process ‘effective’" in got
    # "Feb. 28" ends the line, not a sentence inside it.
    assert any(s.endswith("BBC reported on Feb. 28") and s.startswith("Russia") for s in got)
    # The closing quotation mark stays with its sentence.
    assert any(s.startswith("“We should preserve") and s.endswith("he said.") for s in got)


def _one_sentence_per_line_rule(text: str) -> int:
    """Sentence count when every line break ends a sentence (the old rule)."""
    return sum(len(split_sentences(line)) for line in text.splitlines())


def test_line_joining_changes_nothing_on_seed_and_sample() -> None:
    # The seed article and the sample corpus are not hard-wrapped: joining lines
    # must not change their sentences.
    from mediakit.corpus import load_corpus

    texts = [_seed_text()]
    sample = Path(__file__).resolve().parents[1] / "data" / "sample"
    texts += load_corpus(sample)["text"].tolist()
    assert len(texts) > 50
    for text in texts:
        spans = split_sentences(text)
        assert len(spans) == _one_sentence_per_line_rule(text)
        assert not any("\n" in text[s:e] for s, e in spans)


# --- properties ------------------------------------------------------------------------

_PIECES = st.sampled_from(
    [
        "Word", "rebels", " ", "  ", "\n", "\r\n", "\n\n", ".", ". ", "? ", "! ", ",",
        '"', "“", "”", "’", "'", "U.S. ", "Feb. ", "Dr. ", "J. ", "e.g. ", "isn’t",
        "Turkish-backed", "2,212", "3.5", "—", "…", "\t", "é", "ß", "Ünal", "_",
    ]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=60).map("".join))
def test_sentences_partition_any_text(text: str) -> None:
    _assert_partition(text, split_sentences(text))


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=60).map("".join))
def test_tokens_are_ordered_disjoint_words(text: str) -> None:
    spans = tokenize(text)
    previous_end = 0
    for s, e in spans:
        assert previous_end <= s < e
        assert text[s].isalnum() and (text[e - 1].isalnum() or text[e - 1] == ".")
        previous_end = e
    assert count_words(text) == len(spans) == len(words(text))
    assert len(normalize_typography(text)) == len(text)


# The screen before Punkt: "is there a mark followed by more text on this line?". The
# linear pattern must answer exactly as the obvious (quadratic on dot runs) one does.
_OBVIOUS_BREAK_RE = re.compile(r"[.!?][^\s]*\s+\S")


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from([".", "!", "?", "a", " ", "\t", '"', ")", "..."]), max_size=40).map("".join))
def test_the_linear_break_screen_agrees_with_the_obvious_one(text: str) -> None:
    assert (_POSSIBLE_BREAK_RE.search(text) is None) == (_OBVIOUS_BREAK_RE.search(text) is None)


@pytest.mark.parametrize("run", [".", "!?", "a.", "...!"])
def test_long_runs_of_marks_split_like_short_ones(run: str) -> None:
    # 40,000 characters of marks without a space are one sentence, as 40 are; with a
    # following sentence, two. (Timing is bounded in tests/test_hostile.py.)
    long_run = run * (40_000 // len(run))
    assert split_sentences(long_run) == [(0, len(long_run))]
    text = long_run + " Rebels said so."
    assert _sentence_texts(text)[-1].endswith("Rebels said so.")
    assert "".join(_sentence_texts(text)).replace(" ", "") == text.replace(" ", "")
