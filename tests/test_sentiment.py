"""Tests for mediakit.sentiment: equality with vaderSentiment, typography, masking."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from vaderSentiment import vaderSentiment as vs

from mediakit import sentiment
from mediakit.lexicon import Lexicon
from mediakit.sentiment import (
    MASK_TOKEN,
    score_documents,
    score_mentions,
    score_sentences,
    score_texts,
)

REFERENCE = vs.SentimentIntensityAnalyzer()


def _reference(text: str) -> list[float]:
    scores = REFERENCE.polarity_scores(text)
    return [scores["neg"], scores["neu"], scores["pos"], scores["compound"]]


# --- a deterministic generator of varied ASCII sentences --------------------------


def _vader_lexicon_words() -> list[str]:
    path = Path(vs.__file__).with_name("vader_lexicon.txt")
    words = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            words.append(line.split("\t")[0])
    return sorted(set(words))


NEUTRAL = (
    "the government forces city report people army minister said on in of a to and "
    "they it is was were town villages road officials residents statement week "
    "Idlib Ankara Damascus opposition fighters group them this that at least very"
).split()
EXTRA = [
    "but", "BUT", "But", "kind of", "sort of", "least", "at least", "very least", "no",
    "never so", "never this", "without doubt", "not", "NOT", "isn't", "don't", "wasn't",
    "ain't", "aint", "cannot", "nor", "or", "so", "this", "n't", "can't",
]
PUNCT_AFTER = ["", "", "", "", ",", ".", "!", "?", "!!", "???", "!?", "...", ";", ":", "'s"]
WRAP = [("", ""), ("", ""), ("", ""), ('"', '"'), ("'", "'"), ("(", ")"), ('"', ""), ("", '"')]


def _generated_sentences(n: int, seed: int = 20140601) -> list[str]:
    rng = random.Random(seed)
    lexicon_words = rng.sample(_vader_lexicon_words(), 1500)
    phrases = (
        list(vs.BOOSTER_DICT)
        + list(vs.NEGATE)
        + list(vs.SPECIAL_CASES)
        + list(vs.SENTIMENT_LADEN_IDIOMS)
        + EXTRA
    )
    sentences = []
    for _ in range(n):
        tokens = []
        for _ in range(rng.randint(1, 18)):
            pool = rng.random()
            if pool < 0.35:
                token = rng.choice(lexicon_words)
            elif pool < 0.65:
                token = rng.choice(NEUTRAL)
            else:
                token = rng.choice(phrases)
            case = rng.random()
            if case < 0.12:
                token = token.upper()
            elif case < 0.2:
                token = token.title()
            before, after = rng.choice(WRAP)
            tokens.append(before + token + after + rng.choice(PUNCT_AFTER))
        if rng.random() < 0.3:
            tokens = [t.upper() for t in tokens]  # all caps: no caps differential
        sentence = " ".join(tokens) + rng.choice(["", ".", "!", "?", " !!!", "??"])
        sentences.append(sentence)
    return sentences


def test_generator_is_ascii_varied_and_deterministic():
    sentences = _generated_sentences(3000)
    assert sentences == _generated_sentences(3000)
    assert all(s.isascii() for s in sentences)
    assert len(set(sentences)) > 2900
    joined = " ".join(sentences).lower()
    for needle in ("but", "kind of", "least", "not", "!", "?", "the bomb", "very"):
        assert needle in joined
    compounds = np.array([_reference(s)[3] for s in sentences[:500]])
    assert (compounds > 0.05).sum() > 50 and (compounds < -0.05).sum() > 50


def test_score_texts_equals_vadersentiment_exactly_on_ascii():
    sentences = _generated_sentences(3000)
    result = score_texts(sentences)
    expected = np.array([_reference(s) for s in sentences])
    assert list(result.columns) == ["neg", "neu", "pos", "compound"]
    assert result.shape == (3000, 4)
    np.testing.assert_array_equal(result.to_numpy(), expected)


def test_scoring_normalisation_leaves_every_ascii_character_alone():
    ascii_text = "".join(chr(i) for i in range(128))
    assert sentiment._normalise_for_scoring(ascii_text) == ascii_text


def test_score_texts_order_index_and_missing_values():
    texts = pd.Series(
        ["It is bad.", None, "It is good.", "It is bad."], index=["a", "b", "c", "d"]
    )
    result = score_texts(texts)
    assert list(result.index) == ["a", "b", "c", "d"]
    assert result.loc["a", "compound"] < 0 < result.loc["c", "compound"]
    assert result.loc["b"].isna().all()
    assert result.loc["a"].equals(result.loc["d"].rename("a"))
    assert list(score_texts(iter(["good", "bad"])).index) == [0, 1]
    assert score_texts([]).shape == (0, 4)


def test_score_texts_rejects_a_single_string_and_non_strings():
    with pytest.raises(TypeError, match="not one string"):
        score_texts("It is good.")
    with pytest.raises(TypeError, match="position 1"):
        score_texts(["good", 3])


def test_each_distinct_normalised_text_is_scored_once(monkeypatch):
    seen: list[str] = []
    original = sentiment._score_normalised

    def counting(texts):
        seen.extend(texts)
        return original(texts)

    monkeypatch.setattr(sentiment, "_score_normalised", counting)
    result = score_texts(["It isn’t good.", "It isn't good.", "Fine.", "Fine.", "It isn’t good."])
    assert sorted(seen) == sorted(["It isn't good.", "Fine."])
    assert result["compound"].nunique() == 2


# --- typography --------------------------------------------------------------------


def test_curly_apostrophe_keeps_the_negation():
    curly, straight = "The ceasefire isn’t good.", "The ceasefire isn't good."
    scores = score_texts([curly, straight])
    assert scores.iloc[0].equals(scores.iloc[1].rename(0))
    assert scores.loc[0, "compound"] < 0
    # Without the normalisation the reference does not see the negation.
    assert _reference(curly)[3] > 0


@pytest.mark.parametrize(
    "quoted",
    ["“great”", "‘great’", "«great»", "„great“", "‹great›", "＂great＂"],
)
def test_curly_quotation_marks_do_not_zero_a_word(quoted):
    bare = "It was a great day."
    text = f"It was a {quoted} day."
    assert score_texts([text]).iloc[0].tolist() == _reference(bare)
    assert _reference(text)[3] == 0.0  # the reference alone zeroes the word


def test_straight_quotes_are_already_stripped_by_the_reference():
    # vaderSentiment strips ASCII punctuation around a word, so these need no help
    # (unlike NLTK's port); mediakit keeps the reference's scores.
    bare = _reference("It was a great day.")
    for text in ['It was a "great" day.', "It was a 'great' day."]:
        assert _reference(text) == bare
        assert score_texts([text]).iloc[0].tolist() == bare


def test_quoted_two_letter_word_follows_the_reference_rule():
    # VADER keeps punctuation on tokens that would shrink to <= 2 characters (to
    # protect emoticons); mediakit does not change ASCII scoring, in either quote style.
    assert score_texts(['It is "ok".', "It is “ok”."])["compound"].tolist() == [0.0, 0.0]


def test_dashes_ellipsis_and_invisible_characters():
    pairs = [
        ("It was good—really.", "It was good really."),
        ("It was good–really.", "It was good really."),
        ("It was good…", "It was good."),
        ("They were terror\u00adists.", "They were terrorists."),
    ]
    for fancy, plain in pairs:
        assert score_texts([fancy]).iloc[0].tolist() == _reference(plain)
        assert _reference(fancy) != _reference(plain)


# --- sentences and documents -----------------------------------------------------


def _sentences_table() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "doc_id": ["d1", "d1", "d1", "d2", "d2"],
            "sentence_id": [0, 1, 2, 0, 1],
            "start": [0, 20, 40, 0, 30],
            "end": [19, 39, 60, 29, 50],
            "text": [
                "The talks were a success.",
                "Shelling killed nine people.",
                "The minister spoke on Monday.",
                "It isn’t good.",
                "Aid arrived, a “great” relief.",
            ],
            "n_words": [5, 4, 5, 3, 5],
        }
    )


def test_score_sentences_adds_scores_and_keeps_text():
    table = _sentences_table()
    before = table.copy()
    scored = score_sentences(table)
    pd.testing.assert_frame_equal(table, before)  # input untouched
    assert list(scored.columns) == list(table.columns) + ["neg", "neu", "pos", "compound"]
    assert scored["text"].tolist() == table["text"].tolist()  # display text keeps “ ” ’
    expected = score_texts(table["text"])
    pd.testing.assert_frame_equal(scored[["neg", "neu", "pos", "compound"]], expected)


def test_score_sentences_requires_text():
    with pytest.raises(ValueError, match="'text'"):
        score_sentences(pd.DataFrame({"doc_id": ["a"]}))


def test_score_documents_aggregates_sentences():
    scored = score_sentences(_sentences_table())
    docs = score_documents(scored)
    assert list(docs.columns) == [
        "doc_id", "n_sentences", "n_words", "compound_mean", "compound_median",
        "pos_share", "neg_share", "neu_share",
    ]
    d1 = scored[scored["doc_id"] == "d1"]["compound"]
    row = docs.set_index("doc_id").loc["d1"]
    assert row["n_sentences"] == 3 and row["n_words"] == 14
    assert row["compound_mean"] == pytest.approx(d1.mean())
    assert row["compound_median"] == pytest.approx(d1.median())
    assert row["pos_share"] == pytest.approx((d1 >= 0.05).mean())
    assert row["neg_share"] == pytest.approx((d1 <= -0.05).mean())
    assert row["pos_share"] + row["neg_share"] + row["neu_share"] == pytest.approx(1.0)
    assert 0 < row["pos_share"] < 1 and 0 < row["neg_share"] < 1


def test_score_documents_thresholds_are_inclusive():
    scored = pd.DataFrame(
        {"doc_id": ["x"] * 4, "compound": [0.05, -0.05, 0.0499, -0.0499], "n_words": 1}
    )
    row = score_documents(scored).iloc[0]
    assert (row["pos_share"], row["neg_share"], row["neu_share"]) == (0.25, 0.25, 0.5)


def test_score_documents_with_corpus_keeps_every_article():
    scored = score_sentences(_sentences_table())
    corpus = pd.DataFrame(
        {
            "doc_id": ["d0", "d1", "d2"],
            "outlet": ["A", "A", "B"],
            "date": pd.to_datetime(["2020-02-01", "2020-02-02", None]),
            "title": ["empty", "one", "two"],
            "url": ["", "", ""],
            "text": [" ", "x", "y"],
        }
    )
    docs = score_documents(scored, corpus=corpus)
    assert list(docs.columns[:4]) == ["doc_id", "outlet", "date", "title"]
    assert docs["doc_id"].tolist() == ["d0", "d1", "d2"]
    empty = docs.iloc[0]
    assert empty["n_sentences"] == 0 and empty["n_words"] == 0
    assert np.isnan(empty["compound_mean"]) and np.isnan(empty["pos_share"])
    with pytest.raises(ValueError, match="'d2'"):
        score_documents(scored, corpus=corpus.iloc[:2])


# --- mentions and masking --------------------------------------------------------


LEXICON = Lexicon.from_dict(
    {
        "name": "test-armed-conflict",
        "actors": {
            "armed_opposition": {
                "labels": {
                    "terrorist": ["terrorists", "terrorist fighters"],
                    "rebel": ["rebels"],
                    "opposition": ["opposition forces"],
                    "militant": ["militants"],
                }
            },
            "state_forces": {"labels": {"regime": ["regime forces"]}},
        },
    }
)


def _mentions(sentences: list[str], matches: list[str]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "doc_id": [f"d{i}" for i in range(len(sentences))],
            "label": ["x"] * len(sentences),
            "match": matches,
            "sentence": sentences,
        }
    )


def test_one_sentence_three_labels_three_compounds_one_masked():
    template = "The {} shelled the town, killing nine civilians, but aid arrived."
    labels = ["terrorists", "rebels", "opposition forces"]
    mentions = _mentions([template.format(w) for w in labels], labels)
    before = mentions.copy()
    scored = score_mentions(mentions, LEXICON)
    pd.testing.assert_frame_equal(mentions, before)
    assert scored["compound"].nunique() == 3
    assert scored["compound_masked"].nunique() == 1
    assert scored["sentence_masked"].nunique() == 1
    assert scored["sentence_masked"].iloc[0] == template.format(MASK_TOKEN)
    assert scored["label_valence"].tolist() == [-3.1, -0.8, 0.0]
    # the masked score is the reference's score of the masked sentence
    assert scored["compound_masked"].iloc[0] == _reference(template.format(MASK_TOKEN))[3]
    assert scored["compound"].iloc[0] == _reference(mentions["sentence"].iloc[0])[3]


def test_masking_replaces_every_lexicon_term_in_the_sentence():
    sentence = "Regime forces said the terrorists’ attack was repelled."
    scored = score_mentions(_mentions([sentence], ["terrorists"]), LEXICON)
    assert scored["sentence_masked"].iloc[0] == "actor said the actor’ attack was repelled."


def test_label_valence_sums_the_words_of_a_multiword_match():
    scored = score_mentions(
        _mentions(["Terrorist fighters came.", "TERRORISTS came."], ["Terrorist fighters", "TERRORISTS"]),
        LEXICON,
    )
    lexicon = REFERENCE.lexicon
    assert scored["label_valence"].tolist() == [
        pytest.approx(lexicon["terrorist"] + lexicon["fighters"]),
        lexicon["terrorists"],
    ]


def test_mask_token_is_neutral_for_vader():
    assert MASK_TOKEN == MASK_TOKEN.lower()
    assert MASK_TOKEN not in REFERENCE.lexicon
    assert MASK_TOKEN not in vs.BOOSTER_DICT and MASK_TOKEN not in vs.NEGATE
    assert MASK_TOKEN not in {"but", "least", "kind", "no", "never", "without", "so", "this"}
    assert all(MASK_TOKEN not in phrase.split() for phrase in vs.SPECIAL_CASES)
    assert _reference(f"The {MASK_TOKEN} arrived.")[3] == 0.0


def test_bad_mask_token_and_missing_columns_are_errors():
    mentions = _mentions(["The rebels came."], ["rebels"])
    with pytest.raises(ValueError, match="VADER's lexicon"):
        score_mentions(mentions, LEXICON, mask_token="party")
    with pytest.raises(ValueError, match="one non-empty word"):
        score_mentions(mentions, LEXICON, mask_token="armed group")
    with pytest.raises(ValueError, match="itself a term"):
        score_mentions(mentions, LEXICON, mask_token="militants")
    with pytest.raises(ValueError, match="'sentence'"):
        score_mentions(mentions.drop(columns="sentence"), LEXICON)
    with pytest.raises(TypeError, match="DataFrame"):
        score_mentions(mentions["sentence"], LEXICON)


def test_score_mentions_on_empty_table_keeps_columns():
    empty = _mentions([], [])
    scored = score_mentions(empty, LEXICON)
    assert len(scored) == 0
    assert {"compound", "compound_masked", "label_valence", "sentence_masked"} <= set(scored.columns)



def test_scorer_mapping_agrees_with_text_normalize_typography():
    from mediakit.text import normalize_typography

    # Every non-ASCII quote or apostrophe that text.normalize_typography maps is
    # mapped the same way for the scorer. ASCII (the backtick, which
    # normalize_typography maps to an apostrophe) is left alone so that ASCII text
    # scores exactly as the reference.
    mapped = [chr(i) for i in range(128, 0x10000) if normalize_typography(chr(i)) != chr(i)]
    assert len(mapped) >= 20
    for char in mapped:
        assert sentiment._normalise_for_scoring(char) == normalize_typography(char), hex(ord(char))
    assert sentiment._normalise_for_scoring("`") == "`"


# ---------------------------------------------------------------- masked compounds


def test_masked_compounds_equal_full_scores() -> None:
    # ScoreMemo.masked_compounds scores the compound alone; it must equal the last of
    # the four scores, whether a text was scored already (as a sentence), is new,
    # repeats, has curly quotes, or the memo starts afresh in between.
    sentences = ["Terrorists killed three civilians.", "The army said it was “very good”.",
                 "Rebels did not welcome the talks!", "No rebels, no peace?", ""]
    masked = ["actor killed three civilians.", "The actor said it was “very good”.",
              "actor did not welcome the talks!", "No actor, no peace?", "",
              "actor killed three civilians.", "Terrorists killed three civilians."]
    expected = sentiment.ScoreMemo().scores(masked)[:, 3]
    for limit in (None, 3):
        memo = sentiment.ScoreMemo(limit)
        memo.scores(sentences)
        got = memo.masked_compounds(masked)
        assert got.dtype == np.float64 and got.tolist() == expected.tolist()
        assert memo.masked_compounds(masked).tolist() == expected.tolist()  # remembered
    assert sentiment.ScoreMemo().masked_compounds([]).shape == (0,)
    for text, value in zip(masked, expected, strict=True):
        ref = vs.SentimentIntensityAnalyzer().polarity_scores(
            sentiment._normalise_for_scoring(text))["compound"]
        assert value == ref
