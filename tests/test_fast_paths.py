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
from mediakit.referents import decide_referents
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
        labels = [(s, e) for s, e, entry in lexicon.scan(text) if entry.kind == "label"]
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
            ) or (
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


# --- voice and mentions: fast paths against their straightforward forms ----------
#
# Each fast path of mediakit.voice is checked on its own, and then all of them at
# once: voice_spans and the mentions table are computed with every fast path
# replaced by its straightforward form (below) and must come out the same.

from bisect import bisect_right  # noqa: E402
from contextlib import contextmanager  # noqa: E402

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from mediakit import _tables  # noqa: E402
from mediakit import mentions as mentions_module  # noqa: E402
from mediakit import voice as voice_module  # noqa: E402

_LB = text_module._LINE_BREAKS
_PARAGRAPH_RE = re.compile(rf"\S[^{_LB}]*")


class _ReferenceParagraphs:
    """voice._Paragraphs as first written: one regex match per line."""

    def __init__(self, text: str) -> None:
        line_end = 0
        self.starts: list[int] = []
        self.ends: list[int] = []
        previous = ""
        for m in _PARAGRAPH_RE.finditer(text):
            line = m.group()
            if (
                self.ends
                and (line[:1].islower() or line[:1] == "(")
                and text[line_end : m.start()] in text_module._SOFT_BREAKS
                and text_module._continues(text_module.normalize_typography(previous), line)
            ):
                self.ends[-1] = m.start() + len(line.rstrip())
            else:
                self.starts.append(m.start())
                self.ends.append(m.start() + len(line.rstrip()))
            line_end = m.end()
            previous = line

    def index(self, pos: int) -> int:
        return bisect_right(self.starts, pos) - 1


def _reference_char_positions(text: str, chars: str) -> list[int]:
    return [m.start() for m in re.finditer(f"[{re.escape(chars)}]", text)]


def _reference_last_subject_before(self, p: int, sentence_start: int, start: int):
    """The last SUBJECT-VERB match of the whole paragraph with its verb before start."""
    for m in reversed(self._paragraph_subjects(p)):
        verb_at = m.start("verb")
        if verb_at < start:
            return m if verb_at >= sentence_start else None
    return None


def _reference_read_name_runs(self, pos: int) -> None:
    """All name runs of the text at the first call, as fuller_name first did."""
    if self._name_runs_at == voice_module._ALL_READ:
        return
    for m in voice_module._NAME_RUN_RE.finditer(self.text):
        full = voice_module._full_name(m.group())
        if full is not None:
            self._full_names.setdefault(full.split()[-1], []).append((m.start(), full))
            self._by_first_name.setdefault(full.split()[0], []).append((m.start(), full))
    self._name_runs_at = voice_module._ALL_READ


def _plain(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """The pattern with its possessive quantifiers made plain (backtracking)."""
    source = pattern.pattern.replace("*+", "*").replace("++", "+")
    # no other possessive or atomic construct, which this would leave in place
    assert not any(s in source for s in ("*+", "++", "?+", "}+", "(?>")), source
    return re.compile(source, pattern.flags)


def _possessive_patterns() -> dict[str, re.Pattern[str]]:
    found = {
        name: value
        for name, value in vars(voice_module).items()
        if isinstance(value, re.Pattern) and ("*+" in value.pattern or "++" in value.pattern)
    }
    assert {"_NAME_RUN_RE", "_SUBJECT_VERB_RE", "_AFTER_SUBJECT_VERB_RE"} <= set(found)
    return found


def _reference_add_document_mentions(cols, doc_id, outlet, date, text, lex, sentence_spans, found):
    """mentions.MentionRows.add as first written (_add_document_mentions): one row at a time."""
    labels = [(s, e, en) for s, e, en in found if en.kind == "label"]
    if not text or not labels:
        return 0
    sentence_starts = [s for s, _ in sentence_spans]
    index = _tables.sentence_index
    names_by_sentence: dict[int, set[str]] = {}
    for s, _e, en in found:
        if en.kind == "name":
            names_by_sentence.setdefault(index(sentence_starts, s), set()).add(en.label)
    # Referents, scope and form come from one function (tested in test_referents.py).
    decided = decide_referents(text, sentence_spans, found, lex)
    starts = [s for s, _, _ in labels]
    ends = [e for _, e, _ in labels]
    voices, speakers = voice_module.voice_at(voice_module.voice_spans(text), starts, ends)
    for i, ((s, e, en), voice, speaker) in enumerate(zip(labels, voices, speakers, strict=True)):
        k = index(sentence_starts, s)
        sent_start, sent_end = sentence_spans[k] if sentence_spans else (s, e)
        row = {
            "doc_id": doc_id, "outlet": outlet, "date": date, "actor": en.actor,
            "label": en.label, "pattern": en.pattern, "match": text[s:e], "start": s,
            "end": e, "sentence_id": k, "sentence": text[sent_start:sent_end],
            "voice": voice, "speaker": speaker,
            "named_groups": "; ".join(sorted(names_by_sentence.get(k, ()))),
            **{name: values[i] for name, values in decided.items()},
            "sentence_start": sent_start, "sentence_end": sent_end,
        }  # fmt: skip
        for name, value in row.items():
            cols[name].append(value)
    return len(labels)


@contextmanager
def _straightforward_voice():
    """Every fast path of mediakit.voice replaced by its straightforward form."""
    with pytest.MonkeyPatch.context() as mp:
        for name, pattern in _possessive_patterns().items():
            mp.setattr(voice_module, name, _plain(pattern))
        mp.setattr(voice_module, "_SO_CALLED_END_RE", voice_module._SO_CALLED_RE)
        mp.setattr(voice_module, "_Paragraphs", _ReferenceParagraphs)
        mp.setattr(voice_module, "_char_positions", _reference_char_positions)
        mp.setattr(voice_module._Speakers, "_last_subject_before", _reference_last_subject_before)
        mp.setattr(voice_module._Speakers, "_read_name_runs", _reference_read_name_runs)
        mp.setattr(voice_module, "_name_from_subject", voice_module._name_from_subject.__wrapped__)
        mp.setattr(voice_module, "_full_name", voice_module._full_name.__wrapped__)
        yield


def _all_voice_spans(texts: list[str]) -> list[list]:
    return [voice_module.voice_spans(text) for text in texts]


def test_voice_spans_equal_straightforward_forms(real_texts):
    fast = _all_voice_spans(real_texts)
    with _straightforward_voice():
        slow = _all_voice_spans(real_texts)
    assert fast == slow
    assert sum(len(spans) for spans in fast) > 300
    assert any(span.resolved_via and "->" in span.resolved_via for spans in fast for span in spans)


@pytest.mark.parametrize("lexicon_name", ["conflict", "marenna", "syria"])
def test_mentions_equal_straightforward_forms(real_texts, lexicon_name):
    from mediakit.document import Document
    from mediakit.lexicon import load_lexicon
    from mediakit.mentions import MENTION_COLUMNS
    from mediakit.text import split_sentences

    lexicon = load_lexicon(lexicon_name)
    texts = [*real_texts, "", "terrorists", "  \n ", "rebels rebels", "YPG terrorists"]
    rows = mentions_module.MentionRows()
    slow = {name: [] for name in MENTION_COLUMNS}
    for k, text in enumerate(texts):
        args = (f"d{k}", "outlet", None, text, lexicon, split_sentences(text), lexicon.scan(text))
        doc = Document(text, lexicon, doc_id=f"d{k}", outlet="outlet", date=None)
        added = len(rows.add(doc))
        with _straightforward_voice():
            assert _reference_add_document_mentions(slow, *args) == added
    fast = rows.columns
    assert fast == slow
    assert len(fast["doc_id"]) > 100
    # the sentence-less case keeps a span of its own for each mention
    sentence_less = mentions_module.MentionRows()
    sentence_less.add(Document("terrorists", load_lexicon("conflict"), doc_id="x", outlet="o",
                               sentences=[]))
    spans_of_none = sentence_less.columns
    expected = {name: [] for name in MENTION_COLUMNS}
    _reference_add_document_mentions(
        expected, "x", "o", None, "terrorists", load_lexicon("conflict"), [],
        load_lexicon("conflict").scan("terrorists"),
    )  # fmt: skip
    assert spans_of_none == expected


_VOICE_PIECES = st.sampled_from(
    [
        "the rebels", "terrorists", " ", "  ", "\n", "\n\n", "\r\n", "\u2028", ".", ",",
        ":", ";", "!", "?", '"', "'", "“", "”", "‘", "’", "„", "«", "»", "isn’t",
        "Syria’s", "so-called ", "So called\t", "also-called ", "Rouhani said",
        "Dana Ilves", "Ilves said", "Mr Ilves", "he said", "she said", "said the minister",
        "according to Lavrov", "Interior Minister, Dana Ilves, repeated", "Col. Petr Sandor",
        "Lorry driver Pavel", ", 45,", " who", "has called", "the group", "An envoy",
        "Mr. ", "U.S.", "J. ", "al-Assad", "Turkish-backed", "2,212", "—", "(", ")", "é",
        "\t", "told reporters", "in a statement", "of State", "The KLF",
    ]
)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(_VOICE_PIECES, max_size=50).map("".join))
def test_voice_spans_equal_straightforward_forms_on_generated_text(text):
    fast = voice_module.voice_spans(text)
    with _straightforward_voice():
        slow = voice_module.voice_spans(text)
    assert fast == slow


def _random_texts(seed: int, n: int, alphabet: list[str], size: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, size))) for _ in range(n)]


def test_paragraphs_equal_regex_lines(real_texts):
    alphabet = list("ab A.(\t:") + list(_LB) + ["\r\n", "\u3000", "\x1f", " x", "said"]
    for text in real_texts + _random_texts(11, 30_000, alphabet, 14):
        fast = voice_module._Paragraphs(text)
        slow = _ReferenceParagraphs(text)
        assert (fast.starts, fast.ends) == (slow.starts, slow.ends), repr(text)


def test_char_positions_equal_regex(real_texts):
    alphabet = list(voice_module._DOUBLE_MARKS + voice_module._SINGLE_MARKS) + ["a", " ", "é"]
    for text in real_texts + _random_texts(12, 5_000, alphabet, 20):
        for chars in (voice_module._DOUBLE_MARKS, voice_module._SINGLE_MARKS):
            assert voice_module._char_positions(text, chars) == _reference_char_positions(
                text, chars
            )


def test_so_called_ends_equal_full_pattern(real_texts):
    alphabet = ["so-called", "So called", "so\u2011called", "also-called", "called", "so",
                "So", "-", " ", "\t", "\n", "x", "ocalled", "s"]  # fmt: skip
    for text in real_texts + _random_texts(13, 20_000, alphabet, 8):
        fast = [m.end() for m in voice_module._SO_CALLED_END_RE.finditer(text)]
        slow = [m.end() for m in voice_module._SO_CALLED_RE.finditer(text)]
        assert fast == slow, repr(text)


def _match_key(m: re.Match[str] | None):
    return None if m is None else (m.span(), m.groupdict(), [m.span(g) for g in m.groupdict()])


def test_possessive_patterns_match_as_plain(real_texts):
    """Every match and every anchored match attempt is the same without backtracking
    into the words (see the comment at voice._NAME_WORD)."""
    patterns = _possessive_patterns()
    alphabet = ["Dana", "Ilves", "al-", "de ", "Dr.", "J.", "U.N.", "’s", "'", "-", ".",
                " ", "\t", ",", " who", "said", "says", "has", "also", "the", "a", "an",
                "of", "from", "minister", "Minister", "told", "according to", "x", "5",
                "\n", ":", "called", "He", "they", "Foreign", "repeated"]  # fmt: skip
    randoms = _random_texts(14, 3_000, alphabet, 14)
    for name, fast in patterns.items():
        slow = _plain(fast)
        for text in real_texts[:60] + randoms:
            assert [_match_key(m) for m in fast.finditer(text)] == [
                _match_key(m) for m in slow.finditer(text)
            ], (name, text)
        for text in randoms + [t[:3000] for t in real_texts[:20]]:
            for pos in range(len(text)):
                if pos and text[pos - 1] not in " \t,\"“”'’\n":
                    continue  # word starts, as the callers use .match
                assert _match_key(fast.match(text, pos)) == _match_key(slow.match(text, pos))
                assert _match_key(fast.fullmatch(text, pos)) == _match_key(
                    slow.fullmatch(text, pos)
                )


def test_barriers_are_in_no_subject_verb_match(real_texts):
    alphabet = ["Dana Ilves", ", a spokeswoman", " said", " the group", ",", " ", "x",
                *"!?;:\"“”\n.'("]  # fmt: skip
    texts = real_texts + _random_texts(15, 3_000, alphabet, 14)
    for text in texts:
        for m in voice_module._SUBJECT_VERB_RE.finditer(text):
            assert not any(ch in voice_module._SUBJECT_VERB_BARRIERS for ch in m.group()), m
    # the barriers are the characters the parenthetical excludes, but its own ","
    excluded = re.compile(re.search(r"\[\^[^\]]*\]", voice_module._PARENTHETICAL).group())
    outside = {chr(c) for c in range(0x3000) if not excluded.fullmatch(chr(c))}
    assert outside == set(voice_module._SUBJECT_VERB_BARRIERS) | {","}


def test_subject_verb_matches_equal_finditer(real_texts):
    """Trying _SUBJECT_VERB_RE only where _SUBJECT_VERB_STARTS_RE allows finds
    exactly finditer's matches, whole texts and slices (pos, endpos)."""
    alphabet = ["Dana Ilves", "Mr. Orhun", "al-", "de ", "bin ", "J.", ", a spokeswoman for X,",
                ", who", " said", " told", " has", " called", " the minister", " an envoy",
                " he", " she", " they", " it", " its", " their", " one", " two", " three",
                " another", " Turkey’s", " army", " Observatory", ".", " ", ",", "x", "é", "É",
                *"!?;:\"“”'(\n\t-"]  # fmt: skip
    rng = random.Random(19)
    for text in real_texts + _random_texts(20, 3_000, alphabet, 20):
        fast = [_match_key(m) for m in voice_module._subject_verb_matches(text, 0, len(text))]
        slow = [_match_key(m) for m in voice_module._SUBJECT_VERB_RE.finditer(text)]
        assert fast == slow, text
        if text:
            pos = rng.randrange(len(text))
            end = rng.randrange(pos, len(text) + 1)
            assert [_match_key(m) for m in voice_module._subject_verb_matches(text, pos, end)] == [
                _match_key(m) for m in voice_module._SUBJECT_VERB_RE.finditer(text, pos, end)
            ], (text, pos, end)


def test_subject_verb_starts_hold_every_word_the_pattern_spells():
    """Any lower-case word written in _SUBJECT_VERB_RE (or in VADER's lexicon) that can
    start a match is one _SUBJECT_VERB_STARTS_RE accepts: a branch added to the
    pattern with a new first word fails here rather than losing matches."""
    from mediakit import _vader

    pattern = voice_module._SUBJECT_VERB_RE
    words = set(re.findall(r"[a-z]+", pattern.pattern)) | {w for w in _vader.lexicon() if w.isalpha()}
    words |= {w.capitalize() for w in words}
    tails = (" said", " official said", " Syrian men said", "-Assad said", " Assad said",
             " Observatory said", "’s president said", " group said")
    checked = 0
    for word in sorted(words):
        for tail in tails:
            text = word + tail
            if pattern.match(text):
                assert voice_module._SUBJECT_VERB_STARTS_RE.match(text), text
                checked += 1
    assert checked > 1000


def test_last_subject_before_equals_whole_paragraph_scan(real_texts):
    alphabet = ["Dana Ilves", "Mr Orhun", ", a spokeswoman for X,", ", who", " said", " has",
                " called", " the minister", " an envoy", " he", ".", ". ", " ", ",", "x",
                *"!?;:\"“”'(", "\n", " al-Assad"]  # fmt: skip
    texts = real_texts + _random_texts(16, 2_000, alphabet, 24)
    rng = random.Random(17)
    checked = 0
    for text in texts:
        paras = voice_module._Paragraphs(text)
        speakers = voice_module._Speakers(text, paras)
        positions = [s.start for s in voice_module.voice_spans(text)]
        positions += [rng.randrange(len(text)) for _ in range(5)] if text else []
        for start in positions:
            p = paras.index(start)
            if p < 0:
                continue
            sentence_start = start - len(speakers._sentence_before(start))
            for lo in {sentence_start, max(paras.starts[p], sentence_start - rng.randint(0, 80))}:
                fast = speakers._last_subject_before(p, lo, start)
                slow = _reference_last_subject_before(speakers, p, lo, start)
                assert _match_key(fast) == _match_key(slow), (text, start, lo)
                checked += 1
    assert checked > 1000


def test_fuller_name_reading_runs_lazily_equals_reading_all(real_texts):
    rng = random.Random(18)
    checked = 0
    for text in real_texts:
        surnames = sorted({w.strip(".,;:’'\"“”") for w in text.split() if w[:1].isupper()})
        if not surnames:
            continue
        queries = [(rng.choice(surnames), rng.randrange(len(text) + 1)) for _ in range(30)]
        # right at, before and after the name runs that give a full name
        for m in voice_module._NAME_RUN_RE.finditer(text):
            full = voice_module._full_name(m.group())
            if full is not None:
                surname = full.split()[-1]
                queries += [(surname, m.start() + d) for d in (-1, 0, 1, 2)]
                queries.append((f"Mr {surname}", m.end()))
        rng.shuffle(queries)
        paras = voice_module._Paragraphs(text)
        fast = voice_module._Speakers(text, paras)
        slow = voice_module._Speakers(text, paras)
        slow._read_name_runs = _reference_read_name_runs.__get__(slow)
        for name, pos in queries:  # in random order, so the lazy reading goes back and forth
            assert fast.fuller_name(name, pos) == slow.fuller_name(name, pos), (name, pos)
            checked += fast.fuller_name(name, pos) is not None
    assert checked > 50


def _with_plain_verbs(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """The pattern with each verb alternation written out word by word, as before
    voice._word_trie factored it."""
    source = pattern.pattern
    for words in (voice_module._BEFORE_VERBS, voice_module._AFTER_MARK_VERBS, voice_module._AFTER_VERBS):
        source = source.replace(voice_module._word_trie(words), words)
    assert "|".join(("said", "says")) in source or "said|says" in source, pattern
    return re.compile(source, pattern.flags)


def test_word_trie_matches_the_words_of_the_alternation():
    for words in (voice_module._BEFORE_VERBS, voice_module._AFTER_VERBS, voice_module._INVERTED_VERBS):
        trie = re.compile(voice_module._word_trie(words))
        plain = re.compile(f"(?:{words})")
        for word in [w.replace("[ \t]+", " ") for w in words.split("|")]:
            for probe in (word, word[:-1], word + "s", word + "ed", word[1:], word.upper()):
                assert bool(trie.fullmatch(probe)) == bool(plain.fullmatch(probe)), probe


def test_subject_verb_patterns_with_verb_tries_match_as_plain(real_texts):
    """Factoring the verbs into tries changes no match (see voice._word_trie)."""
    alphabet = ["Dana Ilves", ", a spokeswoman", " said", " says", " say", " sayings",
                " told", " tells", " added", " adds", " quoted as saying", " called", " calling",
                " has", " also", " the group", ",", " ", "x", *"!?;:\"“”\n.'("]  # fmt: skip
    texts = real_texts + _random_texts(16, 3_000, alphabet, 14)
    for name in ("_SUBJECT_VERB_RE", "_AFTER_SUBJECT_VERB_RE", "_AFTER_LONG_SUBJECT_RE"):
        fast = getattr(voice_module, name)
        slow = _with_plain_verbs(fast)
        assert fast.pattern != slow.pattern
        for text in texts:
            assert [_match_key(m) for m in fast.finditer(text)] == [
                _match_key(m) for m in slow.finditer(text)
            ], (name, text)
