"""Tests for mediakit.analyze on the bundled sample corpus and the seed article."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import mediakit as mk
from mediakit import analysis as analysis_module
from mediakit import sentiment
from mediakit.analysis import Analysis, analyze
from mediakit.corpus import load_corpus, load_sample
from mediakit.errors import InvalidParameterError, MissingColumnsError
from mediakit.lexicon import DEFAULT_LEXICON, Lexicon, load_lexicon
from mediakit.mentions import find_mentions, mention_sentences
from mediakit.sentiment import MASK_TOKEN, score_mentions, score_sentences
from mediakit.text import sentences as split_into_sentences

SEED = Path(__file__).resolve().parents[1].parent / "shared" / "seed"

SENTENCE_COLUMNS = [
    "doc_id", "sentence_id", "start", "end", "text", "n_words", "neg", "neu", "pos", "compound",
]
DOCUMENT_COLUMNS = [
    "doc_id", "outlet", "date", "title", "n_sentences", "n_words", "compound_mean",
    "compound_median", "pos_share", "neg_share", "neu_share",
]
MENTION_COLUMNS = [
    "doc_id", "outlet", "date", "actor", "label", "pattern", "match", "start", "end",
    "sentence_id", "voice", "speaker", "named_groups", "referent", "referent_rule",
    "in_scope", "scope_rule", "form", "sentence_start", "sentence_end",
]
SCORE_COLUMNS = ["compound", "compound_masked", "label_valence"]


@pytest.fixture(scope="module")
def corpus() -> pd.DataFrame:
    return load_sample()


@pytest.fixture(scope="module")
def result(corpus: pd.DataFrame) -> Analysis:
    return analyze(corpus, "marenna")


def test_analyze_returns_the_three_documented_tables(corpus, result):
    assert list(result.sentences.columns) == SENTENCE_COLUMNS
    assert list(result.documents.columns) == DOCUMENT_COLUMNS
    # a mention points at its sentence row instead of carrying its text (issue 19)
    assert list(result.mentions.columns) == MENTION_COLUMNS + SCORE_COLUMNS
    assert result.documents["doc_id"].tolist() == corpus["doc_id"].tolist()
    assert len(result.sentences) > len(corpus) and len(result.mentions) > 0
    assert result.documents["n_sentences"].sum() == len(result.sentences)
    assert result.documents["n_words"].sum() == result.sentences["n_words"].sum()
    assert result.sentences["compound"].between(-1, 1).all()
    assert result.mentions[SCORE_COLUMNS].notna().all().all()
    assert result.lexicon == load_lexicon("marenna")  # the lexicon asked for
    assert "documents" in repr(result)


def test_analyze_equals_the_step_by_step_functions(corpus, result):
    lexicon = load_lexicon("marenna")
    expected_sentences = score_sentences(split_into_sentences(corpus))
    pd.testing.assert_frame_equal(result.sentences, expected_sentences)
    expected_mentions = score_mentions(find_mentions(corpus, lexicon), lexicon)
    # the sentence and its masked text, joined back, are those score_mentions scored
    pd.testing.assert_frame_equal(result.mentions_with_sentences(masked=True), expected_mentions)
    pd.testing.assert_frame_equal(
        result.mentions_with_sentences(),
        expected_mentions.drop(columns="sentence_masked"))


def test_masked_sentences_hold_no_lexicon_term(result):
    mentions = result.mentions_with_sentences(masked=True)
    for masked in mentions["sentence_masked"].unique():
        assert result.lexicon.find(masked) == [], masked
    # every mention's own match is gone from its masked sentence
    for _, row in mentions.iterrows():
        assert MASK_TOKEN in row["sentence_masked"]
        assert row["sentence_masked"] != row["sentence"]


def test_label_valence_is_vaders_own_word_score(result):
    lexicon = sentiment._vader_lexicon()
    for match, valence in result.mentions[["match", "label_valence"]].drop_duplicates().itertuples(
        index=False
    ):
        words = sentiment._vader_tokens(match)
        assert valence == pytest.approx(sum(lexicon.get(w, 0.0) for w in words))
    terrorists = result.mentions[result.mentions["match"].str.lower() == "terrorists"]
    assert len(terrorists) > 0  # the sample's state-aligned outlet says "terrorists"
    assert (terrorists["label_valence"] == -3.1).all()


def test_analyze_does_not_mutate_the_corpus(corpus):
    before = corpus.copy(deep=True)
    attrs_before = dict(corpus.attrs)
    analyze(corpus)
    pd.testing.assert_frame_equal(corpus, before)
    assert set(corpus.attrs) == set(attrs_before)


def test_each_distinct_sentence_is_scored_once(corpus, monkeypatch):
    # A wire story reprinted by a second outlet: its sentences recur verbatim.
    plain = corpus.copy()
    plain.attrs = {}  # pd.concat compares attrs, and a DataFrame in attrs cannot be compared
    reprint = plain.iloc[[0]].assign(doc_id="reprint-of-0", outlet="Reprinter")
    doubled = pd.concat([plain, reprint], ignore_index=True)
    seen: list[str] = []
    seen_compounds: list[str] = []
    original = sentiment._score_normalised
    original_compounds = sentiment._compound_normalised

    def counting(texts):
        seen.extend(texts)
        return original(texts)

    def counting_compounds(texts):
        seen_compounds.extend(texts)
        return original_compounds(texts)

    monkeypatch.setattr(sentiment, "_score_normalised", counting)
    monkeypatch.setattr(sentiment, "_compound_normalised", counting_compounds)
    result = analyze(doubled)
    assert len(seen) == len(set(seen))
    assert len(seen_compounds) == len(set(seen_compounds))
    normalised = sentiment._normalise_for_scoring
    joined = result.mentions_with_sentences(masked=True)
    # Every sentence is scored once; a masked sentence is scored for its compound
    # alone, once, unless it is some sentence's text (scored already).
    sentence_texts = {normalised(t) for t in result.sentences["text"]}
    masked_texts = {normalised(t) for t in joined["sentence_masked"]}
    assert set(seen) == sentence_texts
    assert set(seen_compounds) == masked_texts - sentence_texts
    assert 0 < len(seen_compounds) <= joined["sentence_masked"].nunique()
    reprinted = result.documents.set_index("doc_id").loc[["reprint-of-0", corpus["doc_id"][0]]]
    assert reprinted["compound_mean"].nunique() == 1


def test_parallel_result_is_identical(corpus, result):
    parallel = analyze(corpus, "marenna", n_jobs=2)
    pd.testing.assert_frame_equal(parallel.sentences, result.sentences)
    pd.testing.assert_frame_equal(parallel.mentions, result.mentions)
    pd.testing.assert_frame_equal(parallel.documents, result.documents)


def test_small_chunks_give_the_same_result(corpus, result, monkeypatch):
    monkeypatch.setattr(analysis_module, "_CHUNK_ARTICLES", 3)
    chunked = analyze(corpus, "marenna")
    pd.testing.assert_frame_equal(chunked.sentences, result.sentences)
    pd.testing.assert_frame_equal(chunked.mentions, result.mentions)


def test_lexicon_argument_forms(corpus):
    small = {
        "name": "tiny",
        "actors": {"armed_opposition": {"labels": {"rebel": ["rebel*"]}}},
    }
    by_dict = analyze(corpus.iloc[:5], small)
    assert isinstance(by_dict.lexicon, Lexicon) and by_dict.lexicon.name == "tiny"
    assert set(by_dict.mentions["label"]) <= {"rebel"}
    by_name = analyze(corpus.iloc[:5], DEFAULT_LEXICON)
    assert by_name.lexicon == load_lexicon(DEFAULT_LEXICON)


def test_no_lexicon_means_the_default_whatever_the_corpus(corpus, result, tmp_path):
    # One rule (mediakit.lexicon.resolve_lexicon): None is "conflict" for every corpus,
    # the bundled sample included; no lexicon travels in DataFrame.attrs.
    assert "lexicon" not in corpus.attrs
    assert analyze(corpus.iloc[:3]).lexicon.name == DEFAULT_LEXICON == "conflict"
    # so passing the sample through load_corpus (or merging metadata into it) cannot
    # change a result, with the default lexicon or a named one
    reloaded = load_corpus(corpus.copy())
    for lexicon in (None, "marenna"):
        a, b = analyze(corpus, lexicon), analyze(reloaded, lexicon)
        assert a.lexicon == b.lexicon
        for table in ("documents", "sentences", "mentions"):
            pd.testing.assert_frame_equal(getattr(a, table), getattr(b, table))
    pd.testing.assert_frame_equal(result.mentions, analyze(reloaded, "marenna").mentions)
    # an attrs entry left by an older mediakit is ignored
    odd = corpus.iloc[:3].copy()
    odd.attrs["lexicon"] = "marenna"
    assert analyze(odd).lexicon.name == "conflict"
    # the streaming path follows the same rule
    from mediakit.scale import analyze_stream

    assert analyze_stream(corpus.iloc[:3], tmp_path / "s").lexicon.name == "conflict"
    assert analyze_stream(corpus.iloc[:3], tmp_path / "m", lexicon="marenna").lexicon.name == "marenna"


def test_summary_per_outlet(corpus, result):
    summary = result.summary()
    assert list(summary.columns) == [
        "outlet", "n_articles", "n_words", "n_mentions", "top_label", "top_label_share",
    ]
    assert summary["outlet"].tolist() == sorted(corpus["outlet"].unique())
    assert summary["n_articles"].sum() == len(corpus)
    assert summary["n_mentions"].sum() == len(result.mentions)
    counts = result.mentions.groupby(["outlet", "label"]).size()
    for row in summary.itertuples():
        if row.n_mentions:
            outlet_counts = counts.loc[row.outlet]
            assert outlet_counts[row.top_label] == outlet_counts.max()
            assert row.top_label_share == pytest.approx(outlet_counts.max() / row.n_mentions)


def test_progress_bar_goes_to_stderr(corpus, capsys):
    analyze(corpus.iloc[:3], progress=True)
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "scoring" in captured.err


def test_bad_arguments(corpus):
    with pytest.raises(ValueError, match="n_jobs"):
        analyze(corpus, n_jobs=0)
    with pytest.raises(TypeError, match="n_jobs"):
        analyze(corpus, n_jobs=1.5)
    with pytest.raises(TypeError, match="DataFrame"):
        analyze(corpus["text"])
    with pytest.raises(ValueError):
        analyze(corpus.drop(columns="text"))


def test_empty_corpus_gives_empty_tables(corpus):
    empty = analyze(corpus.iloc[:0])
    assert len(empty.documents) == len(empty.sentences) == len(empty.mentions) == 0
    assert list(empty.sentences.columns) == SENTENCE_COLUMNS
    assert list(empty.mentions.columns) == MENTION_COLUMNS + SCORE_COLUMNS
    joined = empty.mentions_with_sentences(masked=True)
    assert len(joined) == 0 and {"sentence", "sentence_masked"} <= set(joined.columns)
    assert len(empty.summary()) == 0


@pytest.mark.skipif(not SEED.is_dir(), reason="the seed article (../shared/seed) is not beside this checkout")
def test_seed_article_terrorists_are_masked():
    seed = load_corpus(SEED, outlet="seed outlet")
    result = analyze(seed)
    mentions = result.mentions_with_sentences(masked=True)
    assert len(mentions) > 0
    terrorist_words = mentions[mentions["match"].str.lower().str.startswith("terrorist")]
    assert len(terrorist_words) > 0
    assert (terrorist_words["label_valence"] < 0).all()
    for masked in terrorist_words["sentence_masked"]:
        assert "terrorist" not in masked.lower()


def test_mention_compound_is_its_sentence_row_compound(result):
    sentence_rows = result.sentences[["doc_id", "sentence_id", "text", "compound"]].rename(
        columns={"compound": "compound_sentence"}
    )
    joined = result.mentions_with_sentences().merge(
        sentence_rows, on=["doc_id", "sentence_id"], how="left")
    assert (joined["sentence"] == joined["text"]).all()
    assert (joined["compound"] == joined["compound_sentence"]).all()


# ---------------------------------------------------------------- mention_sentences
# A mention points at its sentence row (issue 19): the text is joined back on request.


def test_mention_sentences_of_a_filtered_subset_keeps_rows_and_index(corpus, result):
    quoted = result.mentions[result.mentions["voice"] == "quote"]
    assert 0 < len(quoted) < len(result.mentions)
    before = quoted.copy(deep=True)
    joined = mention_sentences(quoted, result.sentences)
    pd.testing.assert_frame_equal(quoted, before)  # the input is not changed
    assert joined.index.equals(quoted.index)
    assert list(joined.columns) == (
        MENTION_COLUMNS[:10] + ["sentence"] + MENTION_COLUMNS[10:] + SCORE_COLUMNS)
    assert joined["sentence"].dtype == "str"
    texts = corpus.set_index("doc_id")["text"]
    for row in joined.itertuples():
        text = texts[row.doc_id]
        assert row.sentence == text[row.sentence_start:row.sentence_end]
        offset = row.sentence_start
        assert row.sentence[row.start - offset:row.end - offset] == row.match


def test_mention_sentences_masked_is_the_text_compound_masked_scored(result):
    joined = mention_sentences(result.mentions, result.sentences, masked=True,
                               lexicon=result.lexicon)
    assert list(joined.columns[-2:]) == ["label_valence", "sentence_masked"]
    scored = sentiment.score_texts(joined["sentence_masked"].tolist())["compound"]
    assert (scored.to_numpy() == joined["compound_masked"].to_numpy()).all()
    # another lexicon masks other words: the lexicon is required, never guessed
    other = mention_sentences(result.mentions, result.sentences, masked=True,
                              lexicon="conflict")
    assert (other["sentence_masked"] != joined["sentence_masked"]).any()


def test_mention_sentences_replaces_the_sentence_of_find_mentions(corpus):
    found = find_mentions(corpus, "marenna")
    again = mention_sentences(found, split_into_sentences(corpus))
    pd.testing.assert_frame_equal(again, found)


def test_mention_sentences_errors_name_the_problem(corpus, result):
    with pytest.raises(InvalidParameterError, match="masked=True needs lexicon="):
        mention_sentences(result.mentions, result.sentences, masked=True)
    with pytest.raises(InvalidParameterError, match="masked"):
        mention_sentences(result.mentions, result.sentences, masked="yes")
    with pytest.raises(MissingColumnsError, match="sentence_id"):
        mention_sentences(result.mentions.drop(columns="sentence_id"), result.sentences)
    with pytest.raises(MissingColumnsError, match="the sentences table .*'text'"):
        mention_sentences(result.mentions, result.sentences.drop(columns="text"))
    first = result.mentions["doc_id"].iloc[0]
    others = result.sentences[result.sentences["doc_id"] != first]
    with pytest.raises(ValueError, match=f"mention row 0 \\(doc_id '{first}', sentence_id"):
        mention_sentences(result.mentions, others)
    doubled = pd.concat([result.sentences, result.sentences.iloc[[3]]], ignore_index=True)
    with pytest.raises(ValueError, match="more than one row for doc_id"):
        mention_sentences(result.mentions, doubled)


def test_a_function_needing_the_sentence_says_how_to_join_it(result):
    with pytest.raises(MissingColumnsError, match="mentions_with_sentences"):
        mk.scope_report(result.mentions, actor="armed_opposition")
    report = mk.scope_report(result.mentions_with_sentences(), actor="armed_opposition")
    assert report["n"].sum() > 0


def test_mention_sentences_with_a_repeated_index(result):
    ends = pd.concat([result.mentions.head(3), result.mentions.head(2)])  # index 0,1,2,0,1
    joined = mention_sentences(ends, result.sentences, masked=True, lexicon=result.lexicon)
    assert joined.index.tolist() == [0, 1, 2, 0, 1]
    expected = result.mentions_with_sentences(masked=True)
    assert joined["sentence"].tolist() == expected["sentence"].iloc[[0, 1, 2, 0, 1]].tolist()
    assert joined["sentence_masked"].tolist() == \
        expected["sentence_masked"].iloc[[0, 1, 2, 0, 1]].tolist()
