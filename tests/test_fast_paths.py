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
