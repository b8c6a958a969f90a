"""Fast paths give exactly the results of the straightforward forms they replace.

Checked on the sample corpus, the seed article, generated news text and random
strings over the characters the rules care about.
"""

from __future__ import annotations

import importlib.util
import random
import re
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mediakit import text as text_module
from mediakit.corpus import load_corpus
from mediakit.text import count_words, tokenize

REPO = Path(__file__).resolve().parents[1]
SEED_DIR = REPO.parent / "shared" / "seed"

# The token regex as first written (one alternative per token shape, each tried at
# every position); text._TOKEN_RE factors out the shared first character.
_H = text_module._HYPHENS
_A = text_module._APOSTROPHES
_REFERENCE_TOKEN_RE = re.compile(
    rf"""
    [^\W\d_](?=\.[^\W\d_]\.)(?:\.[^\W\d_])+\.
    (?:[{_H}][^\W_]+)*
    |
    (?<![^\W_][{_A}])
    [^\W_]+
    (?:
        [{_H}][^\W_]+
      | [{_A}](?![sS](?![^\W_]))[^\W\d_]+
      | (?<=\d)[.,](?=\d)[^\W_]+
    )*
    """,
    re.VERBOSE,
)


def _reference_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _REFERENCE_TOKEN_RE.finditer(text)]


def _generated_texts(words: int) -> list[str]:
    name = "_mediakit_bench_generate_corpus"
    module = sys.modules.get(name)
    if module is None:
        spec = importlib.util.spec_from_file_location(name, REPO / "benchmarks" / "generate_corpus.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return [record["text"] for record in module.generate_articles(seed=3, words=words)]


@pytest.fixture(scope="module")
def real_texts() -> list[str]:
    texts = load_corpus(REPO / "data" / "sample")["text"].tolist()
    texts += _generated_texts(30_000)
    seed = sorted(SEED_DIR.glob("*.txt")) if SEED_DIR.is_dir() else []
    texts += [path.read_text(encoding="utf-8") for path in seed]
    assert len(texts) > 60
    return texts


def test_tokens_equal_reference_on_real_text(real_texts):
    for text in real_texts:
        assert tokenize(text) == _reference_spans(text)
        assert count_words(text) == len(_reference_spans(text))


def test_tokens_equal_reference_on_random_strings():
    rng = random.Random(8)
    alphabet = "aAsSzé1 9.,-\u2010'\u2019_\n"
    cases = [
        "U.S.-backed a.m. e.g. Syria\u2019s isn't O'Brien 2,212 3.5 \u201990s rebels\u2019",
        "x's's a'b's A.B A.b.c. 1.a. _a_ \u00e9.\u00e9. x-'s 3,a 3.,4 a.1. It's-a",
    ]
    cases += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 16))) for _ in range(30_000)]
    for text in cases:
        assert tokenize(text) == _reference_spans(text), text
        assert count_words(text) == len(_reference_spans(text)), text


# --- sentence breaks: plain "word. Next" contexts skip Punkt's annotation ------------


def _punkt_decision(context: str) -> bool:
    from nltk.tokenize.punkt import PunktSentenceTokenizer

    return PunktSentenceTokenizer.text_contains_sentbreak(text_module._sentence_tokenizer(), context)


def _contexts(texts: list[str]) -> set[str]:
    tokenizer = text_module._sentence_tokenizer()
    found: set[str] = set()
    for text in texts:
        for _, context in tokenizer._match_potential_end_contexts(text_module.normalize_typography(text)):
            found.add(context)
    return found


def test_sentbreak_fast_path_equals_punkt_on_real_contexts(real_texts):
    tokenizer = text_module._sentence_tokenizer()
    contexts = _contexts(real_texts)
    plain = [c for c in contexts if text_module._PLAIN_BREAK_CONTEXT_RE.fullmatch(c)]
    assert len(plain) > 100 and len(plain) < len(contexts)  # both paths exercised
    for context in contexts:
        assert tokenizer.text_contains_sentbreak(context) == _punkt_decision(context), context


def test_sentbreak_fast_path_equals_punkt_on_random_contexts(real_texts):
    tokenizer = text_module._sentence_tokenizer()
    params = tokenizer._params
    rng = random.Random(5)
    vocabulary = [w.strip(".?!") for t in real_texts[:40] for w in t.split()][:5000]
    vocabulary += sorted(params.abbrev_types)[:300] + sorted({a for a, _ in params.collocations})
    vocabulary += ["A", "I", "x", "No", "St", "Jan", "U.S", "ok", "said", "3", "Ltd"]
    vocabulary = [w for w in vocabulary if w]
    for _ in range(20_000):
        context = (
            rng.choice(vocabulary)
            + rng.choice(".?!")
            + rng.choice([" ", "  ", "\n", " \n "])
            + rng.choice(vocabulary)
        )
        assert tokenizer.text_contains_sentbreak(context) == _punkt_decision(context), context


def test_split_sentences_equal_without_fast_path(real_texts, monkeypatch):
    fast = [text_module.split_sentences(text) for text in real_texts]
    monkeypatch.setattr(text_module, "_PLAIN_BREAK_CONTEXT_RE", re.compile(r"(?!)"))
    slow = [text_module.split_sentences(text) for text in real_texts]
    assert fast == slow


# --- voice: only the quotations holding a range are attributed ----------------------


@pytest.mark.parametrize("lexicon_name", ["conflict", "marenna"])
def test_voice_of_labels_equal_with_partial_spans(real_texts, lexicon_name):
    from mediakit.lexicon import load_lexicon
    from mediakit.voice import _voice_spans, voice_at, voice_spans

    lexicon = load_lexicon(lexicon_name)
    checked = 0
    for text in real_texts:
        labels = [(s, e) for s, e, entry in lexicon._scan(text) if entry.kind == "label"]
        # the labels, and every word token as a range (quotes hold many of them)
        for ranges in (labels, tokenize(text)):
            if not ranges:
                continue
            starts = [s for s, _ in ranges]
            ends = [e for _, e in ranges]
            partial = _voice_spans(text, (starts, ends))
            assert voice_at(partial, starts, ends) == voice_at(voice_spans(text), starts, ends)
            assert partial == voice_spans(text)[: len(partial)]
            checked += 1
    assert checked > 60


def test_partial_spans_are_empty_when_no_range_is_quoted():
    from mediakit.voice import _voice_spans, voice_spans

    text = 'Rebels advanced. "We will hold the town," the mayor said. Rebels left.'
    assert len(voice_spans(text)) == 1
    assert _voice_spans(text, ([0], [6])) == []
    assert _voice_spans(text, ([18], [20])) == voice_spans(text)


# --- count_words: ASCII runs, and whitespace-separated chunks -----------------------

# Every character the token regex can treat as more than a separator.
_TOKEN_CLASS_RE = re.compile(rf"[^\W_]|[{_H}{_A}.,]")


def test_ascii_classes_are_those_of_the_token_regex():
    for code in range(128):
        ch = chr(code)
        if re.fullmatch(r"[^\W_]", ch):
            expected = b"a"
        else:
            expected = b"." if _TOKEN_CLASS_RE.fullmatch(ch) else b" "
        assert text_module._ASCII_CLASSES[code : code + 1] == expected, ch


def test_whitespace_is_never_part_of_a_token():
    # count_words counts str.split() chunks: every character str.split() splits at
    # must be one the token regex treats as a plain separator.
    spaces = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()]
    assert len(spaces) > 20
    for ch in spaces:
        assert not _TOKEN_CLASS_RE.fullmatch(ch), repr(ch)
        assert ("a" + ch + "b").split() == ["a", "b"]


def _sentences_of(texts: list[str]) -> list[str]:
    return [text[s:e] for text in texts for s, e in text_module.split_sentences(text)]


def test_count_words_equals_reference_on_real_sentences(real_texts):
    sentences = _sentences_of(real_texts)
    fast = sum(1 for s in sentences if s.isascii() and "." not in s)
    assert len(sentences) > 1000 and fast > 0
    for sentence in sentences:
        assert count_words(sentence) == len(_reference_spans(sentence)), sentence


@pytest.mark.parametrize(
    "alphabet",
    [
        "aAsSz19 .,-'_\"()!?;:/\t\n",  # ASCII only: the bytes path or its fallback
        "aAsSzé\u00df1\u0663 9.,-\u2010\u2011'\u2019_\"\u201c\u00a0\u2003\x1f\x85\n",
    ],
)
def test_count_words_equals_reference_on_random_strings(alphabet):
    rng = random.Random(13)
    for _ in range(20_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 24)))
        assert count_words(text) == len(_reference_spans(text)), text


_COUNT_PIECES = st.sampled_from(
    [
        "a", "Z", "s", "S", "x's", "isn't", "O\u2019Brien", "rebels\u2019", "U.S.", "e.g.", "a.m.",
        "U.S.-backed", "2,212", "3.5", "1.a.", "\u201990s", "al-Assad", "x\u2010y", "x\u2011y",
        "-", "'", "\u2019", ".", ",", "_", " ", "  ", "\t", "\n", "\u00a0", "\u3000", '"', "\u201c",
        "(", "\u2014", "\u00e9t\u00e9", "\u0663", "\u00b2", "\u2167", "s.", "S.x.",
    ]
)  # fmt: skip


@settings(max_examples=2000, deadline=None, derandomize=True)
@given(st.lists(_COUNT_PIECES, max_size=25).map("".join))
def test_count_words_equals_reference_property(text):
    assert count_words(text) == len(_reference_spans(text))


@settings(max_examples=1000, deadline=None, derandomize=True)
@given(st.text(max_size=40))
def test_count_words_equals_reference_on_any_text(text):
    assert count_words(text) == len(_reference_spans(text))


def test_count_words_memo_stays_small_and_exact(real_texts, monkeypatch):
    monkeypatch.setattr(text_module, "_CHUNK_MEMO_LIMIT", 50)
    memo = text_module._CHUNK_WORD_COUNTS
    memo.clear()
    long_chunk = "Turkish-backed" * 10
    for sentence in _sentences_of(real_texts[:30]) + [long_chunk, long_chunk + " x"]:
        assert count_words(sentence) == len(_reference_spans(sentence)), sentence
        assert len(memo) <= 50
    assert long_chunk not in memo
    memo.clear()


# --- split_sentences: Punkt's spans in one pass, lines without joins ----------------


def _punkt_reference(text: str) -> list[tuple[int, int]]:
    return list(text_module._sentence_tokenizer().span_tokenize(text))


def _reference_blocks(text: str) -> list[tuple[int, str]]:
    """_blocks as first written: every line, joined where the text continues."""
    blocks: list[tuple[int, int]] = []
    last_line = ""
    for line in text_module._LINE_RE.finditer(text):
        if (
            blocks
            and text[blocks[-1][1] : line.start()] in text_module._SOFT_BREAKS
            and text_module._continues(last_line, line.group())
        ):
            blocks[-1] = (blocks[-1][0], line.end())
        else:
            blocks.append(line.span())
        last_line = line.group()
    return [(start, text[start:end]) for start, end in blocks]


def _reference_split_sentences(text: str) -> list[tuple[int, int]]:
    """split_sentences as first written, with NLTK's own span_tokenize."""
    if not text:
        return []
    ascii_quotes = text_module.normalize_typography(text)
    spans: list[tuple[int, int]] = []
    for line_start, line_text in _reference_blocks(ascii_quotes):
        if text_module._POSSIBLE_BREAK_RE.search(line_text) is None:
            stripped = line_text.strip()
            if stripped:
                s2 = line_start + len(line_text) - len(line_text.lstrip())
                spans.append((s2, s2 + len(stripped)))
            continue
        for s, e in _punkt_reference(line_text):
            chunk = line_text[s:e]
            s2 = s + len(chunk) - len(chunk.lstrip())
            e2 = e - (len(chunk) - len(chunk.rstrip()))
            if s2 >= e2:
                continue
            if (
                spans
                and spans[-1][0] >= line_start
                and line_text[s2].isdigit()
                and text_module._NUMERIC_ONLY_END_RE.search(
                    line_text, max(0, spans[-1][1] - line_start - 8), spans[-1][1] - line_start
                )
            ):
                spans[-1] = (spans[-1][0], line_start + e2)
            elif (
                spans
                and spans[-1][0] >= line_start
                and line_text[s2].islower()
                and text_module._SOFT_END_RE.search(
                    line_text, spans[-1][0] - line_start, spans[-1][1] - line_start
                )
            ):
                spans[-1] = (spans[-1][0], line_start + e2)
            else:
                spans.append((line_start + s2, line_start + e2))
    return spans


_SENTENCE_WORDS = [
    "Word", "rebels", "said", "I", "A", "x", "Dr", "Mr", "U.S", "No", "St", "Jan", "Gen", "ill",
    "3", "2,212", "e.g", "etc", "Inc", "(Sent1", "why", "--", "...", "isn't", "U.N",
]  # fmt: skip
_SENTENCE_MARKS = [
    "", "", "", ".", ".", "?", "!", "?!", '."', ".'", ".)", '?"', ".]", "..", ":", ";", ",",
    "\u201d", ".\u2019", "\u00bb", ".--",
]  # fmt: skip
_SENTENCE_GAPS = [
    " ", " ", " ", "  ", "\t", "\n", "\r\n", "\n\n", " \n ", "\x1f", "\u00a0", "\x0c", "", '"', " (",
]  # fmt: skip


def _random_sentence_texts(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    texts = []
    for _ in range(count):
        parts = []
        for _ in range(rng.randint(0, 14)):
            word = rng.choice(_SENTENCE_WORDS)
            if rng.random() < 0.3:
                word = word.lower()
            parts.append(word + rng.choice(_SENTENCE_MARKS) + rng.choice(_SENTENCE_GAPS))
        texts.append("".join(parts))
    return texts


def test_punkt_spans_equal_span_tokenize(real_texts):
    lines = []
    for text in real_texts:
        ascii_quotes = text_module.normalize_typography(text)
        lines += [text, ascii_quotes]  # whole texts: several kinds of whitespace
        lines += [line for _, line in text_module._blocks(ascii_quotes)]
    lines += _random_sentence_texts(5_000, seed=21)
    for line in lines:
        assert text_module._punkt_spans(line) == _punkt_reference(line), line


@settings(max_examples=1000, deadline=None, derandomize=True)
@given(
    st.text(
        alphabet='aZ.?!"\')]([{}:;@*,-\u2018\u2019\u201c\u201d\u00ab\u00bb \t\n\r\x0c\x1f\u00a0',
        max_size=30,
    )
)
def test_punkt_spans_equal_span_tokenize_property(text):
    assert text_module._punkt_spans(text) == _punkt_reference(text)


_LINE_PIECES = ["Word", "word", "(x", "(X", "é", "É", "3", ".", ":", ")", " ", "\t"]
_LINE_ENDS = [
    "", "", "\n", "\r", "\r\n", "\n\n", "\x0b", "\x0c", "\x1c", "\x85", "\u2028", "\u2029",
]  # fmt: skip


def test_blocks_equal_reference():
    rng = random.Random(4)
    texts = []
    for _ in range(5_000):
        texts.append(
            "".join(
                rng.choice(_LINE_PIECES) + rng.choice(_LINE_ENDS)
                for _ in range(rng.randint(0, 10))
            )
        )
    fast = sum(
        1
        for t in texts
        if text_module._JOIN_AFTER_LF_RE.search(t) is None
        and text_module._JOIN_AFTER_CR_RE.search(t) is None
    )
    assert 0 < fast < len(texts)  # both paths exercised
    for text in texts:
        assert text_module._blocks(text) == _reference_blocks(text), text


def test_split_sentences_equal_plain_punkt(real_texts):
    texts = real_texts + _random_sentence_texts(3_000, seed=22)
    for text in texts:
        assert text_module.split_sentences(text) == _reference_split_sentences(text), text
