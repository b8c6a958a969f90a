"""The per-document record and the one-of-each pieces the per-article tables share:
paragraphs, words, context windows, masking, the score memo and shared docstrings."""

from __future__ import annotations

import warnings
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mediakit as mk
from mediakit import _docstrings, sentiment
from mediakit import voice as voice_module
from mediakit.document import Document, documents
from mediakit.errors import InvalidParameterError
from mediakit.lexicon import load_lexicon
from mediakit.text import (
    context_around,
    split_paragraphs,
    split_sentences,
    token_window,
    tokenize,
    word_spans,
    words,
)

REPO = Path(__file__).resolve().parents[1]
FAKES = REPO.parent / "shared" / "data" / "fa-kes-dev" / "FA-KES-dev.csv"


@pytest.fixture(scope="module")
def texts() -> list[str]:
    found = mk.load_sample()["text"].tolist()
    if FAKES.is_file():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            fakes = mk.load_corpus(FAKES, columns={"unit_id": "doc_id", "article_content": "text",
                                                   "article_title": "title", "source": "outlet"},
                                   errors="skip")
        found += fakes["text"].tolist()[:300]
    return found


# -- paragraphs: one rule ---------------------------------------------------------------


def _voice_paragraphs(text: str) -> list[tuple[int, int]]:
    paras = voice_module._Paragraphs(text)
    return list(zip(paras.starts, paras.ends, strict=True))


def test_paragraphs_are_those_voice_reads(texts):
    for text in texts:
        assert split_paragraphs(text) == _voice_paragraphs(text)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from([
    "Rebels left", "said.", "and then", "(in brackets)", "\u201cQuote.\u201d", "x:", " ", "  ",
    "\n", "\n\n", "\r\n", "\r", "\u2028", "\t", "\u00e9t\u00e9", "Next line", "lower",
]), max_size=14))
def test_paragraphs_equal_voice_on_generated_text(pieces):
    text = "".join(pieces)
    assert split_paragraphs(text) == _voice_paragraphs(text)


def test_paragraphs_join_hard_wrapped_lines_only():
    text = "Army enters Dorvast\nAmir Kessaly said the rebels\nhad left.\n\n  Next one."
    assert [text[s:e] for s, e in split_paragraphs(text)] == [
        "Army enters Dorvast", "Amir Kessaly said the rebels\nhad left.", "Next one."]
    # a sentence never crosses a paragraph
    for s, e in split_sentences(text):
        assert any(ps <= s and e <= pe for ps, pe in split_paragraphs(text))


# -- words and windows ----------------------------------------------------------------


def test_a_word_is_a_lowercased_token_with_straight_apostrophes():
    text = "Isn\u2019t it the REBELS\u2019 war? Syria\u2019s 2,212 Turkish-backed fighters isn't"
    assert words(text) == ["isn't", "it", "the", "rebels", "war", "syria", "2,212",
                           "turkish-backed", "fighters", "isn't"]
    found, starts, ends = word_spans(text)
    assert found == words(text)
    assert list(zip(starts, ends, strict=True)) == tokenize(text)


def test_token_window_by_hand():
    text = "a b, rebels attacked c d e"
    _, starts, ends = word_spans(text)
    start = text.index("rebels")
    end = start + len("rebels attacked")
    assert token_window(starts, ends, start, end, 2) == (0, 2, 4, 6)
    assert token_window(starts, ends, start, end, 0) == (2, 2, 4, 4)
    assert token_window(starts, ends, start, end, 9) == (0, 2, 4, 7)
    assert context_around(text, starts, ends, start, end, 1) == ("b,", "c")
    assert context_around(text, starts, ends, start, end, 0) == ("", "")
    # a span inside a token: that token is on neither side
    inner = text.index("ebel")
    assert token_window(starts, ends, inner, inner + 2, 1) == (1, 2, 3, 4)


def test_context_around_equals_kwic(texts):
    corpus = mk.load_sample().head(10)
    table = mk.kwic(corpus, lexicon="marenna", window=3)
    text_of = dict(zip(corpus["doc_id"], corpus["text"], strict=True))
    for row in table.head(200).itertuples():
        text = text_of[row.doc_id]
        spans = tokenize(text)
        left, right = context_around(text, [s for s, _ in spans], [e for _, e in spans],
                                     row.start, row.end, 3)
        assert (left, right) == (row.left, row.right)


# -- the per-document record ---------------------------------------------------------------


def test_document_facts_equal_the_functions_behind_them(texts):
    lexicon = load_lexicon("syria")
    for text in texts[:120]:
        doc = Document(text, lexicon)
        assert doc.sentences == split_sentences(text)
        assert doc.paragraphs == split_paragraphs(text)
        assert doc.hits == lexicon.scan(text)
        assert [(s, e) for s, e, _ in doc.labels] == [(m.start, m.end) for m in lexicon.find(text)]
        found, starts, ends = word_spans(text)
        assert (doc.words, doc.token_starts, doc.token_ends) == (found, starts, ends)
        for s, _e, _ in doc.labels:
            k = doc.sentence_of(s)
            assert doc.sentences[k][0] <= s < doc.sentences[k][1]
        if doc.labels:
            starts_ = [s for s, _, _ in doc.labels]
            ends_ = [e for _, e, _ in doc.labels]
            expected = voice_module.voice_at(voice_module.voice_spans(text), starts_, ends_)
            assert doc.voice_at(starts_, ends_) == expected
            assert Document(text, lexicon).voice_spans() == voice_module.voice_spans(text)


def test_voice_found_in_several_calls_equals_one_pass(texts):
    """A Document attributes its quotations once, resuming where the last call
    stopped (the mentions' and then the events' of analyze(events=True)): whatever
    the order of the calls, every answer equals that of the full list of spans."""
    checked = 0
    for text in texts[:200]:
        full = voice_module.voice_spans(text)
        if len(full) < 2:
            continue
        checked += 1
        # a range inside each quotation, and one in the narration after the last
        inside = [(span.start + 1, max(span.start + 1, span.end - 1)) for span in full]
        for order in (inside[::-1], inside, inside[1::2] + inside[::2]):
            doc = Document(text)
            for start, end in order:
                assert doc.voice_at([start], [end]) == voice_module.voice_at(full, [start], [end])
            assert doc.voice_spans() == full
        doc = Document(text)
        middle = inside[len(inside) // 2]
        doc.voice_at([middle[0]], [middle[1]])  # part of the spans attributed
        assert doc._voice is not None and 0 < len(doc._voice.result) < len(full) + 1
        assert doc.voice_spans() == full
    assert checked >= 3


def test_masked_sentence_equals_masking_the_sentence_alone(texts):
    lexicon = load_lexicon("marenna")
    tricky = [
        'He said the rebels left."Militants? No." Government forces\ncame later.',
        "So-called \u201cterrorists\u201d attacked.The army\u2019s rebels-backed units fled.",
        "Fighting with the armed\ngroups went on. The opposition. Forces of the regime held.",
    ]
    checked = 0
    for text in [*texts[:80], *tricky]:
        doc = Document(text, lexicon)
        for k, (s, e) in enumerate(doc.sentences):
            expected = sentiment.mask_labels(text[s:e], lexicon)
            assert doc.masked_sentence(k) == expected
            checked += expected != text[s:e]
    assert checked > 50


def test_documents_walks_the_corpus_in_order():
    corpus = pd.DataFrame({"doc_id": ["a", "b", "c"], "outlet": ["X", "Y", "Z"],
                           "text": ["Rebels.", None, float("nan")]})
    docs = list(documents(corpus, load_lexicon("conflict")))
    assert [(d.doc_id, d.outlet, d.text) for d in docs] == [("a", "X", "Rebels."), ("b", "Y", ""),
                                                          ("c", "Z", "")]
    assert docs[1].labels == [] and docs[1].sentences == []
    with pytest.raises(ValueError, match="no lexicon"):
        _ = Document("text").hits


# -- masking and the score memo ---------------------------------------------------------


def test_mask_labels_masks_labels_not_names():
    lexicon = load_lexicon("marenna")
    text = "KLF terrorists and the armed groups met Kessel Liberation Front rebels."
    masked = sentiment.mask_labels(text, lexicon)
    assert masked == "KLF actor and the actor met Kessel Liberation Front actor."
    assert sentiment.mask_labels(text, lexicon, mask_token="party").count("party") == 3
    assert sentiment.mask_labels(text, lexicon, span=(4, 14)) == "actor"


def test_one_score_memo_scores_each_distinct_text_once(monkeypatch):
    seen: list[str] = []
    original = sentiment._score_normalised

    def counting(batch):
        seen.extend(batch)
        return original(batch)

    monkeypatch.setattr(sentiment, "_score_normalised", counting)
    memo = sentiment.ScoreMemo(limit=3)
    first = memo.scores(["It isn\u2019t good.", "It isn't good.", "Fine."])
    again = memo.scores(["Fine.", "It isn't good."])
    assert seen == ["It isn't good.", "Fine."]
    assert first[0].tolist() == first[1].tolist() == again[1].tolist()
    memo.scores(["a", "b", "c"])  # past the limit: starts afresh, same numbers
    assert memo.scores(["Fine."]).tolist() == [first[2].tolist()]
    assert memo.label_valences(["terrorists", "rebels", "opposition forces"]).tolist() == [
        -3.1, -0.8, 0.0]
    assert memo.scores([]).shape == (0, 4)


# -- shared docstrings and validation ---------------------------------------------------


def test_shared_docstring_paragraphs_are_filled_in():
    for function in (mk.kwic, mk.collocates, mk.audit_lexicon, mk.analyze):
        doc = function.__doc__ or ""
        assert "corpus : pandas.DataFrame" in doc, function
        assert "{corpus}" not in doc and "{lexicon}" not in doc
    assert "lexicon : Lexicon, str, path-like, mapping or None, default None" in mk.analyze.__doc__
    with pytest.raises(KeyError, match="no shared docstring paragraph 'nonesuch'"):
        _docstrings.fill("Parameters\n----------\n{nonesuch}\n")
    # other braces are left alone
    assert _docstrings.fill('unit : {"words", "sentence"}') == 'unit : {"words", "sentence"}'


@pytest.mark.parametrize(("call", "name"), [
    (lambda c: mk.kwic(c, "rebel*", window=-1), "window"),
    (lambda c: mk.kwic(c, "rebel*", window=2.5), "window"),
    (lambda c: mk.kwic(c, "rebel*", unit="paragraph"), "unit"),
    (lambda c: mk.collocates(c, "rebel*", min_count=0), "min_count"),
    (lambda c: mk.collocates(c, "rebel*", min_count=True), "min_count"),
    (lambda c: mk.collocates(c, "rebel*", measure="dice"), "measure"),
    (lambda c: mk.audit_lexicon(c, min_count=2.7), "min_count"),
    (lambda c: mk.analyze(c, n_jobs=0), "n_jobs"),
    (lambda c: mk.analyze(c, progress="yes"), "progress"),
])
def test_bad_parameters_name_the_function_and_parameter(call, name):
    corpus = pd.DataFrame({"doc_id": ["a"], "outlet": ["X"], "text": ["Rebels left."]})
    with pytest.raises(InvalidParameterError, match=name):
        call(corpus)


def test_collocates_count_words_as_words_does():
    # "isn’t" and "isn't" are one word wherever mediakit counts words
    corpus = pd.DataFrame({"doc_id": ["a", "b"], "outlet": ["X", "Y"],
                           "text": ["Rebels isn\u2019t here.", "Rebels isn't here."]})
    table = mk.collocates(corpus, "rebels", window=1, min_count=1)
    assert table.set_index("word").loc["isn't", "n"] == 2



@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="aA\u03a3\u03c3\u03c2\u0130\u0131I\u2019' -.\u00c9\u1e9e\u01c5xyz", max_size=30))
def test_words_of_a_whole_text_are_each_tokens_own(text):
    # words() lower-cases the whole text at once where that is the same as
    # lower-casing each token on its own (not near a capital sigma, nor where
    # lower() changes a length): checked against the token-by-token definition.
    from mediakit.text import _word

    expected = [_word(text[s:e]) for s, e in tokenize(text)]
    assert words(text) == expected
    assert word_spans(text)[0] == expected
