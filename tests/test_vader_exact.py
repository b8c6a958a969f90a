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


# --- same_compound: skipping a masked sentence is only allowed when exact ----------------

# Replacements for a stretch of tokens: inert ones (which the test must find skipped
# at least sometimes) and every kind of word a rule reads (never skipped wrongly).
_STRETCHES = ["actor", "actor,", "(actor)", "actor's", "regime", "militants", "rebel-held",
              "opposition forces", "the army", "Army", "ARMY", "rebels", "terrorists",
              "very", "not", "but", "kind", "of", "no", "least", "so", "this", "the", "to",
              "kiss", "death", "isn't", "good", "bad", "actor!", "actor?", "U.S.", "x y z"]


def _masked_variants(rng: random.Random, count: int) -> list[tuple[str, str]]:
    pairs = []
    for text in generated_sentences(count, seed=11, emoji=False):
        tokens = text.split()
        i = rng.randrange(len(tokens))
        j = min(len(tokens), i + rng.randint(1, 3))
        for replacement in rng.sample(_STRETCHES, 4):
            pairs.append((text, " ".join(tokens[:i] + [replacement] + tokens[j:])))
    return pairs


def test_same_compound_is_never_wrong() -> None:
    # Whenever same_compound says so, the reference gives both texts one compound;
    # and it does say so often enough to matter.
    rng = random.Random(5)
    pairs = _masked_variants(rng, 600)
    pairs += [("Rebels shelled the town, killing three.", "actor shelled the town, killing three."),
              ("The regime said it was very good.", "The actor said it was very good."),
              ("not the army good", "not actor good"), ("very the army good", "very actor good"),
              ("good regime forces", "good actor"), ("NOT good militants", "NOT good actor")]
    said_same = 0
    for text, masked in pairs:
        if _vader.same_compound(text, masked):
            said_same += 1
            assert reference(text)[3] == reference(masked)[3], (text, masked)
    assert said_same >= 50
    # Cases that must be re-scored: the stretch changes a count or a rule's reading.
    assert not _vader.same_compound("very the army good", "very actor good")
    assert not _vader.same_compound("Rebels attack", "actor attack")  # capitals rule
    assert not _vader.same_compound("terrorists attacked", "actor attacked")  # lexicon word
    assert not _vader.same_compound("the rebels! won", "the actor won")  # "!" count
    assert _vader.same_compound("The regime said it was very good.", "The actor said it was very good.")
