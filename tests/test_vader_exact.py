"""mediakit._vader must return exactly (==) what vaderSentiment 3.3.2 returns.

Three sources of input: several thousand seeded generated sentences built to hit
every rule of the reference (negation windows, boosters, "but", "least", "no",
idioms, caps, punctuation, emoticons, emoji), hypothesis-generated text, and every
sentence of the seed article and of the bundled sample corpus. Speed is measured
in benchmarks/, never here.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from mediakit import _vader

REPO = Path(__file__).resolve().parents[1]
SEED_DIR = REPO.parent / "shared" / "seed"
SAMPLE_DIR = REPO / "data" / "sample"

_REFERENCE = SentimentIntensityAnalyzer()
_LEXICON_WORDS = sorted(_REFERENCE.lexicon)
_EMOJI = sorted(k for k in _REFERENCE.emojis if len(k) == 1)


def reference(text: str) -> tuple[float, float, float, float]:
    d = _REFERENCE.polarity_scores(text)
    return (d["neg"], d["neu"], d["pos"], d["compound"])


def mismatches(texts: list[str]) -> list[tuple[str, tuple, tuple]]:
    out = []
    for text in texts:
        expected, got = reference(text), _vader.polarity_scores(text)
        if expected != got:
            out.append((text, expected, got))
    return out


# --- generated sentences -----------------------------------------------------------

NEWS_WORDS = """the a an of in on at to for with from by as and or that which who
said says told reporters officials ministry minister government forces army troops
rebels militants insurgents terrorists opposition fighters regime armed groups city
province border talks ceasefire peace agreement attack attacks killed wounded civilians
displaced aid convoy corridor shelling airstrike offensive withdrawal statement spokesman
president parliament vote election crisis humanitarian refugees camp hospital school
market bridge highway village district capital region week month Monday Tuesday
Saturday morning evening late early after before during since despite while although
because however also still only more than less about some many several two three
dozens hundreds thousands percent report reports according sources witnesses local
international security council resolution sanctions negotiations delegation envoy""".split()

NEGATIONS = """not never isn't without doesn't don't didn't won't can't cannot nor none
nothing nowhere rarely seldom despite aint wasnt neither uh-uh shouldn't""".split()
BOOSTERS = """very extremely really so most more quite deeply highly utterly totally
barely hardly slightly somewhat almost less little kinda sorta occasionally""".split()
PHRASES = [
    "kind of", "sort of", "just enough", "at least", "very least", "the least",
    "never so", "never this", "without doubt", "without a doubt", "no", "no or",
    "not only", "but", "But", "BUT", "but also", "the shit", "the bomb", "bad ass",
    "badass", "bus stop", "yeah right", "kiss of death", "to die for", "beating heart",
    "cut the mustard", "hand to mouth", "upper hand", "in the red", "under the weather",
    "kind", "of", "so", "this", "least", "at", "doubt", "or", "nor",
]
EMOTICONS = [":)", ":(", ":-)", ":-(", ":D", ";)", ":P", "<3", ":/", "</3", "xD", ":'("]
PUNCT_RUNS = ["!", "!!", "!!!", "!!!!!", "?", "??", "???", "????", "?!", "...", ",", ";", ":"]
QUOTES = ['"', "'", "\u201c", "\u201d", "\u2018", "\u2019", "(", ")"]


def _word(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.35:
        w = rng.choice(_LEXICON_WORDS)
    elif roll < 0.65:
        w = rng.choice(NEWS_WORDS)
    elif roll < 0.75:
        w = rng.choice(NEGATIONS)
    elif roll < 0.85:
        w = rng.choice(BOOSTERS)
    elif roll < 0.95:
        w = rng.choice(PHRASES)
    else:
        w = rng.choice(EMOTICONS)
    shape = rng.random()
    if shape < 0.08:
        w = w.upper()
    elif shape < 0.15:
        w = w.capitalize()
    if rng.random() < 0.06:
        w = rng.choice(QUOTES) + w
    if rng.random() < 0.12:
        w = w + rng.choice(PUNCT_RUNS + QUOTES)
    if rng.random() < 0.03:
        w = w + "'s"
    return w


def generated_sentences(count: int, seed: int, *, emoji: bool) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        words = [_word(rng) for _ in range(rng.randint(1, 30))]
        if emoji and rng.random() < 0.2:
            for _ in range(rng.randint(1, 3)):
                pos = rng.randrange(len(words) + 1)
                glue = rng.choice(["", " "])
                words.insert(pos, glue + rng.choice(_EMOJI) + glue)
        text = " ".join(words)
        if rng.random() < 0.5:
            text += rng.choice(PUNCT_RUNS)
        if rng.random() < 0.1:
            text = "  " + text.replace(" ", rng.choice([" ", "  ", "\t", "\n"]), 2) + " "
        out.append(text)
    return out


def test_generated_sentences_equal_reference() -> None:
    texts = generated_sentences(6000, seed=20240501, emoji=False)
    assert len(set(texts)) > 5900  # the generator really produces varied sentences
    assert mismatches(texts) == []


def test_generated_sentences_with_emoji_equal_reference() -> None:
    texts = generated_sentences(2000, seed=7, emoji=True)
    assert sum(any(e in t for e in _EMOJI) for t in texts) > 300
    assert mismatches(texts) == []


def test_generated_sentences_exercise_every_rule() -> None:
    # Guard against a generator that silently stops covering the rules: the same
    # sentences must contain each trigger and give non-trivial scores.
    texts = generated_sentences(6000, seed=20240501, emoji=False)
    lowered = [t.lower() for t in texts]
    for trigger in ["not ", "never so", "kind of", "at least", " but ", "no ", "the shit", "!!!", "???"]:
        assert any(trigger in t for t in lowered), trigger
    scores = _vader.score_many(texts)
    assert (scores[:, 3] > 0.5).sum() > 500 and (scores[:, 3] < -0.5).sum() > 500


@pytest.mark.parametrize(
    "text",
    [
        "VADER is VERY SMART, uber handsome, and FRIGGIN FUNNY!!!",
        "The plot was good, but the characters are uncompelling and the dialog is not great.",
        "Today only kinda sux! But I'll get by, lol",
        "Sentiment analysis has never been this good!",
        "Roger Dodger is one of the least compelling variations on this theme.",
        "Roger Dodger is at least compelling as a variation on the theme.",
        "Without a doubt, an excellent idea.",
        "On the other hand, VADER is quite bad ass",
        "With VADER, sentiment analysis is the shit!",
        "no good or bad",  # "no" three tokens back through "or"
        "no, good",  # "no," keeps its comma (two-letter rule) and does not negate
        "NO problem at all here",  # caps on a zero valence pushes it down
        "good good but good bad good",  # "but" rescales by value, aliasing equal scores
        "I am not kind of happy",
        # tokens with "n't" that are not in the negation list still negate; the
        # fast path must see them as context (first and later sightings alike)
        "They needn't've been cruel, and they mightn'tve been kind",
        "They needn't've been cruel, and they mightn'tve been kind",
        "peace talks the kind hope",  # "kind" without "of" scores as a word
        "The bus stop was a happy place",  # idiom word after the lexicon word
        "happy the bomb",
        "This good news",  # "this" before a word at distance one
        "sort of good, just enough good, kind of good",
        "GOOD news for the people",  # caps differential on the word itself
        "kind of",
        "Catch utf-8 emoji such as \U0001f498 and \U0001f48b and \U0001f601",
        "\U0001f601good",  # no space after an emoji description
        "",
        "   ",
        "!!!",
        ":) :(",
    ],
)
def test_rule_examples_equal_reference(text: str) -> None:
    assert _vader.polarity_scores(text) == reference(text)


# --- the fast path and the reach of each rule ----------------------------------------

# Filler that no rule reads and VADER's lexicon does not hold.
_FILLER = ["the", "convoy", "reached", "a", "village", "on", "monday", "near", "border"]


def _context_reach_texts() -> list[str]:
    """A context word (booster, negation, "no", "least", "so", "this", a word of an
    idiom or a bigram, an n't word) at every distance from a lexicon word, before and
    after it, in lower case and capitals: the texts where narrowing a rule's reach
    (or taking the fast path) would be wrong if it were wrong anywhere."""
    context = sorted(_vader._CONTEXT_WORDS) + ["needn't", "mightn'tve", "but", "kind", "of"]
    lexicon_words = ["good", "killed", "kind", "no", "death", "bomb", "hope", "terrorists"]
    texts = []
    rng = random.Random(3)
    for word in context:
        for target in rng.sample(lexicon_words, 3):
            for offset in range(-4, 5):
                if offset == 0:
                    continue
                tokens = list(_FILLER)
                tokens[4] = target
                tokens[4 + offset] = word
                texts.append(" ".join(tokens))
                tokens[4 + offset] = word.upper()
                texts.append(" ".join(tokens) + rng.choice(["", "!", "?", "??"]))
    return texts


def test_context_words_at_every_distance_equal_reference() -> None:
    texts = _context_reach_texts()
    assert len(texts) > 5000
    assert mismatches(texts) == []
    assert [t for t in texts if _vader.compound(t) != reference(t)[3]] == []


def test_tokens_some_rule_reads_never_take_the_fast_path() -> None:
    # A text takes the fast path only when none of its tokens is one a rule reads;
    # every such token must be in the ruled set once seen, in any case and with
    # punctuation, whatever else was seen before.
    tables = _vader._get_tables()
    ruled_words = sorted(_vader._CONTEXT_WORDS) + ["but", "kind", "wouldn't", "mightn'tve"]
    tokens = []
    for word in ruled_words:
        tokens += [word, word.upper(), word.title()]
        if len(word) > 2:  # ("no," keeps its comma, and is not the word "no")
            tokens += [f"{word},", f'"{word}']
    tokens += ["GOOD", "KILLED!", "TERRORISTS"]  # lexicon words in capitals
    for token in tokens:  # each learnt (a text holding a known ruled token skips that)
        _vader.polarity_scores(f"peace {token}")
    plain_of, ruled = tables.token_info
    assert set(tokens) <= ruled
    assert all(plain_of[t] == 0.0 for t in tokens)
    # Tokens no rule reads: their lexicon valence, or 0.0 outside the lexicon.
    _vader.polarity_scores("good, Killed convoy village.")
    plain_of, ruled = tables.token_info
    lexicon = tables.lexicon
    assert plain_of["good,"] == lexicon["good"] and plain_of["Killed"] == lexicon["killed"]
    assert plain_of["convoy"] == 0.0 and "convoy" not in ruled


def test_fast_path_equals_the_rules_where_it_is_taken() -> None:
    # Where the fast path is taken (no ruled token), the full rules give the same
    # valences: on generated sentences and real ones.
    tables = _vader._get_tables()
    texts = generated_sentences(3000, seed=99, emoji=False) + _context_reach_texts()
    texts += [s for f in sorted(SAMPLE_DIR.rglob("*.md"))
              for s in _sentences_of(f.read_text(encoding="utf-8"))]
    fast = 0
    for text in texts:
        raw = text.split()
        if not raw:
            continue
        _vader.polarity_scores(text)  # learn its tokens
        plain_of, ruled = tables.token_info
        if ruled.isdisjoint(raw):
            fast += 1
            plain = [plain_of[t] for t in raw]
            assert list(filter(None, plain)) == _vader._rule_values(raw, len(raw), tables), text
    assert fast > 1000


def test_token_memo_replaced_when_full_keeps_scores_exact(monkeypatch: pytest.MonkeyPatch) -> None:
    tables = _vader._Tables()
    monkeypatch.setattr(_vader, "_tables", tables)
    monkeypatch.setattr(_vader, "_TOKEN_CACHE_LIMIT", 40)
    first = tables.token_info
    texts = generated_sentences(400, seed=8, emoji=False)
    assert mismatches(texts) == []
    assert tables.token_info is not first and len(tables.token_info[0]) < 200
    assert mismatches(texts) == []  # again, with tokens seen before the swap


def test_compound_equals_reference() -> None:
    texts = generated_sentences(3000, seed=12, emoji=False) + generated_sentences(500, seed=13, emoji=True)
    # label-masked variants: a stretch of tokens replaced by the mask word or a label
    rng = random.Random(5)
    for text in generated_sentences(600, seed=11, emoji=False):
        tokens = text.split()
        i = rng.randrange(len(tokens))
        j = min(len(tokens), i + rng.randint(1, 3))
        for replacement in ("actor", "actor,", "(actor)", "actor's", "ACTOR", "Rebels", "the army"):
            texts.append(" ".join(tokens[:i] + [replacement] + tokens[j:]))
    texts += ["", "   ", "!!!", "kind of", "good", "\U0001f601good"]
    assert [t for t in texts if _vader.compound(t) != reference(t)[3]] == []
    with pytest.raises(TypeError, match="expects a str"):
        _vader.compound(None)  # type: ignore[arg-type]


# --- hypothesis ---------------------------------------------------------------------

_ALPHABET = st.sampled_from(
    list("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
    + list(" \t\n!?.,;:'\"-()*/<>=^_")
    + ["\u2019", "\u201c", "\u201d", "\u00e9", "\u0130", "\u00df"]
    + _EMOJI[:40]
)
_TOKENS = st.sampled_from(
    _LEXICON_WORDS[::7] + NEWS_WORDS + NEGATIONS + BOOSTERS + PHRASES + EMOTICONS + PUNCT_RUNS
)


@settings(max_examples=400, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=_ALPHABET, max_size=120))
def test_arbitrary_characters_equal_reference(text: str) -> None:
    assert _vader.polarity_scores(text) == reference(text)


@settings(max_examples=600, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.tuples(_TOKENS, st.sampled_from(["", "upper", "title"]), st.sampled_from([" ", " ", ", ", "! ", "  "])), max_size=25)
)
def test_arbitrary_word_sequences_equal_reference(parts: list[tuple[str, str, str]]) -> None:
    shaped = {"": str, "upper": str.upper, "title": str.title}
    text = "".join(shaped[shape](tok) + sep for tok, shape, sep in parts)
    assert _vader.polarity_scores(text) == reference(text)


# --- real text ----------------------------------------------------------------------

_CURLY = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


def _sentences_of(text: str) -> list[str]:
    pieces = []
    for paragraph in text.split("\n"):
        if paragraph.strip():
            pieces.append(paragraph)
            pieces.extend(s for s in re.split(r"(?<=[.!?\u201d\"])\s+", paragraph) if s.strip())
    # Also the ASCII-normalised form that mediakit.sentiment scores.
    return pieces + [p.translate(_CURLY) for p in pieces]


def test_seed_article_sentences_equal_reference() -> None:
    files = sorted(SEED_DIR.glob("*.txt")) if SEED_DIR.is_dir() else []
    if not files:
        pytest.skip(f"seed article folder not found at {SEED_DIR}")
    texts = [s for f in files for s in _sentences_of(f.read_text(encoding="utf-8"))]
    assert len(texts) > 40
    assert mismatches(texts) == []


def test_sample_corpus_sentences_equal_reference() -> None:
    files = sorted(SAMPLE_DIR.rglob("*.md")) if SAMPLE_DIR.is_dir() else []
    if not files:
        pytest.skip(f"sample corpus not found at {SAMPLE_DIR}")
    texts = [s for f in files for s in _sentences_of(f.read_text(encoding="utf-8"))]
    assert mismatches(texts) == []


# --- API ----------------------------------------------------------------------------


def test_score_many_matches_polarity_scores_and_shape() -> None:
    texts = ["The talks failed.", "Aid arrived safely!", "The talks failed.", ""]
    scores = _vader.score_many(texts)
    assert scores.shape == (4, 4) and scores.dtype == np.float64
    for row, text in zip(scores, texts):
        assert tuple(row) == reference(text)
    assert scores[1, 3] > 0 > scores[0, 3]


def test_score_many_empty_and_bad_input() -> None:
    assert _vader.score_many([]).shape == (0, 4)
    with pytest.raises(TypeError, match="expects a str"):
        _vader.polarity_scores(None)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="expects a str"):
        _vader.score_many(["fine", 3])  # type: ignore[list-item]


def test_lexicon_comes_from_installed_package() -> None:
    # The scorer must read the installed vaderSentiment lexicon, not a copy.
    tables = _vader._get_tables()
    assert tables.lexicon == _REFERENCE.lexicon
    # Only the project's own folders: a virtual environment inside the checkout
    # legitimately holds the installed package's copy.
    for folder in ("mediakit", "data", "tests", "benchmarks", "notebooks"):
        assert not list((REPO / folder).glob("**/vader_lexicon.txt")), folder


def test_other_vader_versions_fall_back_to_the_reference(monkeypatch: pytest.MonkeyPatch) -> None:
    # The rules are 3.3.2's; with another installed version the installed reference
    # scores, so results never differ from it.
    monkeypatch.setattr(_vader, "_installed_version", lambda: "9.9.9")
    tables = _vader._Tables()
    assert tables.reference is not None
    monkeypatch.setattr(_vader, "_tables", tables)
    calls = []

    def spy(text: str) -> dict:
        calls.append(text)
        return _REFERENCE.polarity_scores(text)

    tables.reference = spy
    assert _vader.polarity_scores("The talks failed badly.") == reference("The talks failed badly.")
    assert calls == ["The talks failed badly."]
    assert _vader._get_tables().reference is not None


