"""An exact, faster reimplementation of vaderSentiment 3.3.2's ``polarity_scores``.

The reference (``vaderSentiment.vaderSentiment.SentimentIntensityAnalyzer``) is the
ground truth: every function here returns bit-for-bit the same four numbers for the
same input string, and ``tests/test_vader_exact.py`` checks that on thousands of
generated and real sentences. The speed comes from doing the same arithmetic with
less bookkeeping:

* each whitespace token is looked at once, and what it is to the rules is
  memoised across calls (news vocabulary repeats heavily): what it scores when no
  rule reads it (its lexicon valence, or 0), and whether some rule reads it (a
  booster, a negation, "no", "least", "but", "kind", a word of an idiom, a lexicon
  word in capitals). A text with no token of the second kind, two texts in three
  in news, is scored from the first alone: its lexicon words' valences, in order;
* in any other text only tokens found in the lexicon do any work; everything
  else is a neutral 0, and a lexicon word that no booster, negation, "least",
  "no", bigram or idiom word can reach takes its lexicon valence without running
  the rules (none of them could change it); words other than those of idioms
  reach forwards only;
* the compound score alone (:func:`compound`, for the label-masked sentences)
  skips the proportions;
* the reference rebuilds a lower-cased copy of the whole sentence for every
  negation and idiom check (quadratic in sentence length); here the lower-cased
  tokens exist once;
* the emoji pass (a per-character loop in the reference) only runs when the text
  contains one of the emoji lexicon's characters, found by one set test.

Quirks of 3.3.2 that are reproduced on purpose (they change scores):

* a token whose punctuation-stripped form has two characters or fewer is kept
  with its punctuation (``"no,"`` stays ``"no,"`` and is then not the word "no");
* the ``but`` rule locates each score with ``list.index``, i.e. by *value*, so a
  score equal to an earlier one rescales the earlier position instead;
* at a distance of three tokens the negation rule reads
  ``(never and (so or this)) or (so or this)`` because of operator precedence;
* special-case idioms are only consulted for a lexicon word with three
  non-lexicon tokens before it, and they replace the valence computed so far;
  ``SENTIMENT_LADEN_IDIOMS`` is never consulted (dead code in 3.3.2) and the
  one-token special case ``badass`` can never match;
* an ALL-CAPS token with valence 0 is pushed *down* by the caps increment;
* the booster rule uses the full lexicon, so a booster that is itself a lexicon
  word never boosts (none are in 3.3.2, but the rule is kept as written);
* ``!`` and ``?`` are counted after emoji have been replaced by their
  descriptions, some of which contain those characters.

The lexicon files are read from the installed ``vaderSentiment`` package, never
copied into this repository.
"""

from __future__ import annotations

import math
import string
from collections.abc import Sequence
from importlib import metadata, resources
from itertools import compress

import numpy as np

__all__ = ["compound", "polarity_scores", "score_many"]

# Constants of vaderSentiment 3.3.2 (empirically derived by its authors).
_B_INCR = 0.293
_B_DECR = -0.293
_C_INCR = 0.733
_N_SCALAR = -0.74

_NEGATE = frozenset(
    """aint arent cannot cant couldnt darent didnt doesnt ain't aren't can't couldn't
    daren't didn't doesn't dont hadnt hasnt havent isnt mightnt mustnt neither don't
    hadn't hasn't haven't isn't mightn't mustn't neednt needn't never none nope nor not
    nothing nowhere oughtnt shant shouldnt uhuh wasnt werent oughtn't shan't shouldn't
    uh-uh wasn't weren't without wont wouldnt won't wouldn't rarely seldom despite""".split()
)

_BOOSTERS_UP = """absolutely amazingly awfully completely considerable considerably decidedly
deeply effing enormous enormously entirely especially exceptional exceptionally extreme
extremely fabulously flipping flippin frackin fracking fricking frickin frigging friggin
fully fuckin fucking fuggin fugging greatly hella highly hugely incredible incredibly
intensely major majorly more most particularly purely quite really remarkably so
substantially thoroughly total totally tremendous tremendously uber unbelievably
unusually utter utterly very""".split()
_BOOSTERS_DOWN = """almost barely hardly kinda kindof kind-of less little marginal marginally
occasional occasionally partly scarce scarcely slight slightly somewhat sorta sortof
sort-of""".split()
# Single-token boosters; the three two-word ones are only reachable as bigrams.
_BOOSTER: dict[str, float] = {w: _B_INCR for w in _BOOSTERS_UP} | {w: _B_DECR for w in _BOOSTERS_DOWN}
_BOOSTER_BIGRAMS: dict[str, float] = {"just enough": _B_DECR, "kind of": _B_DECR, "sort of": _B_DECR}

_BIGRAM_FIRST = frozenset(key.split()[0] for key in _BOOSTER_BIGRAMS)

# Idioms and phrases that override the valence of a lexicon word inside them.
_SPECIAL_CASES: dict[str, float] = {
    "the shit": 3, "the bomb": 3, "bad ass": 1.5, "badass": 1.5, "bus stop": 0.0,
    "yeah right": -2, "kiss of death": -1.5, "to die for": 3, "beating heart": 3.5,
}  # fmt: skip
# Words that occur in a multi-word special case: an idiom check can only succeed if
# one of the tokens it joins is one of these, which lets most checks be skipped.
_SPECIAL_WORDS = frozenset(w for key in _SPECIAL_CASES if " " in key for w in key.split())
# Words whose presence near a lexicon word can change its valence: in the three
# tokens before it (boosters, negations, "no", "least", "this" of the "so/this"
# rule, the first words of the booster bigrams) or anywhere in the six-token idiom
# window (an idiom always holds one of its words other than the/to/of/for). A lexicon
# word with none of them in that window scores its plain lexicon valence; tokens
# containing "n't" are negations too and are added as they are first seen.
_CONTEXT_WORDS = frozenset(
    set(_BOOSTER) | _NEGATE | {"no", "least", "this", "never", "without"} | set(_BIGRAM_FIRST)
    | (_SPECIAL_WORDS - {"the", "to", "of", "for"})
)
# The context words that are words of an idiom (the rest act forwards only).
_IDIOM_WORDS = _SPECIAL_WORDS - {"the", "to", "of", "for"}
_SO_THIS = ("so", "this")
_OR_NOR = ("or", "nor")

_PUNCTUATION = string.punctuation
_TOKEN_CACHE_LIMIT = 500_000
_REFERENCE_VERSION = "3.3.2"


class _Tables:
    """Lexicons loaded once from the installed vaderSentiment package."""

    def __init__(self) -> None:
        pkg = resources.files("vaderSentiment")
        lexicon_text = (pkg / "vader_lexicon.txt").read_bytes().decode("utf-8")
        emoji_text = (pkg / "emoji_utf8_lexicon.txt").read_bytes().decode("utf-8")
        # Parsed exactly as the reference does: the first two tab-separated fields.
        self.lexicon: dict[str, float] = {}
        for line in lexicon_text.rstrip("\n").split("\n"):
            if line:
                word, measure = line.strip().split("\t")[0:2]
                self.lexicon[word] = float(measure)
        emojis: dict[str, str] = {}
        for line in emoji_text.rstrip("\n").split("\n"):
            emoji, description = line.strip().split("\t")[0:2]
            emojis[emoji] = description
        # The reference tests one character at a time, so only one-character keys
        # can ever be replaced.
        self.emojis = {k: v for k, v in emojis.items() if len(k) == 1}
        self.emoji_chars = frozenset(self.emojis)
        # Lexicon words that carry a valence of their own: boosters score 0.
        self.scoring = {w: v for w, v in self.lexicon.items() if w not in _BOOSTER}
        # raw token -> what it scores when no rule reads it (_plain_valence), and
        # the raw tokens that some rule reads (scored by _rule_values); one pair,
        # replaced whole when full
        self.token_info: tuple[dict[str, float], set[str]] = ({}, set())
        # raw token -> lower-cased token as the reference sees it
        self.token_cache: dict[str, str] = {}
        # _CONTEXT_WORDS plus every lower-cased token seen that contains "n't"
        self.context_words: set[str] = set(_CONTEXT_WORDS)
        # The rules here are those of 3.3.2. Any other installed version gets its
        # own scorer, so a score never differs from the installed reference.
        self.reference = None
        if _installed_version() != _REFERENCE_VERSION:
            from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

            self.reference = SentimentIntensityAnalyzer().polarity_scores


def _installed_version() -> str | None:
    try:
        return metadata.version("vaderSentiment")
    except metadata.PackageNotFoundError:
        return None


_tables: _Tables | None = None


def _get_tables() -> _Tables:
    global _tables
    if _tables is None:
        _tables = _Tables()
    return _tables


def _replace_emoji(text: str, emojis: dict[str, str]) -> str:
    # Same spacing rule as the reference: a space before a description unless the
    # previous character was a space, none after it.
    parts: list[str] = []
    prev_space = True
    for ch in text:
        description = emojis.get(ch)
        if description is not None:
            if not prev_space:
                parts.append(" ")
            parts.append(description)
            prev_space = False
        else:
            parts.append(ch)
            prev_space = ch == " "
    return "".join(parts)


def _lower_token(token: str) -> str:
    stripped = token.strip(_PUNCTUATION)
    # Two characters or fewer left: probably an emoticon, keep the token whole.
    return (token if len(stripped) <= 2 else stripped).lower()


def _booster_scalar(word: str, raw: str, valence: float, cap_diff: bool) -> float:
    scalar = _BOOSTER.get(word, 0.0)
    if scalar:
        if valence < 0:
            scalar *= -1
        if cap_diff and raw.isupper():
            scalar = scalar + _C_INCR if valence > 0 else scalar - _C_INCR
    return scalar


def _special_idioms(valence: float, lw: list[str], i: int, n: int) -> float:
    # Only called with i >= 3.
    w3, w2, w1, w0 = lw[i - 3], lw[i - 2], lw[i - 1], lw[i]
    if not _SPECIAL_WORDS.isdisjoint(lw[i - 3 : i + 3]):
        for seq in (f"{w1} {w0}", f"{w2} {w1} {w0}", f"{w2} {w1}", f"{w3} {w2} {w1}", f"{w3} {w2}"):
            if seq in _SPECIAL_CASES:
                valence = _SPECIAL_CASES[seq]
                break
        if n - 1 > i:
            seq = f"{w0} {lw[i + 1]}"
            if seq in _SPECIAL_CASES:
                valence = _SPECIAL_CASES[seq]
        if n - 1 > i + 1:
            seq = f"{w0} {lw[i + 1]} {lw[i + 2]}"
            if seq in _SPECIAL_CASES:
                valence = _SPECIAL_CASES[seq]
    # Bigram dampeners ("kind of", "sort of", "just enough") before the word; the
    # three-token window of the reference can never equal a two-word key.
    if w3 in _BIGRAM_FIRST and (seq := f"{w3} {w2}") in _BOOSTER_BIGRAMS:
        valence = valence + _BOOSTER_BIGRAMS[seq]
    if w2 in _BIGRAM_FIRST and (seq := f"{w2} {w1}") in _BOOSTER_BIGRAMS:
        valence = valence + _BOOSTER_BIGRAMS[seq]
    return valence


def _apply_but(words: list[str], sentiments: list[float], hits: list[int]) -> None:
    # Reproduces the reference's by-value lookup: each score is found with
    # list.index, so equal scores alias the first position holding that value.
    # The reference visits every position; only the lexicon words' (``hits``) can
    # hold a non-zero score, and a zero one only ever rescales a zero.
    bi = words.index("but")
    for k in hits:
        sentiment = sentiments[k]
        if not sentiment:
            continue
        si = sentiments.index(sentiment)
        if si < bi:
            sentiments[si] = sentiment * 0.5
        elif si > bi:
            sentiments[si] = sentiment * 1.5


def _valence_at(
    i: int, n: int, lw: list[str], raw: list[str], lexicon: dict[str, float], cap_diff: bool
) -> float:
    word = lw[i]
    base = lexicon[word]
    valence = base
    if word == "no" and i != n - 1 and lw[i + 1] in lexicon:
        valence = 0.0  # "no" negates the next word rather than scoring itself
    if (
        (i > 0 and lw[i - 1] == "no")
        or (i > 1 and lw[i - 2] == "no")
        or (i > 2 and lw[i - 3] == "no" and lw[i - 1] in _OR_NOR)
    ):
        valence = base * _N_SCALAR
    if cap_diff and raw[i].isupper():
        valence = valence + _C_INCR if valence > 0 else valence - _C_INCR

    # Up to three preceding non-lexicon tokens may boost, dampen or negate.
    if i > 0:
        p1 = lw[i - 1]
        if p1 not in lexicon:
            if p1 in _BOOSTER:
                valence = valence + _booster_scalar(p1, raw[i - 1], valence, cap_diff)
            else:
                valence = valence + 0.0  # the reference always adds; keeps -0.0 -> 0.0
            if p1 in _NEGATE or "n't" in p1:
                valence = valence * _N_SCALAR
        if i > 1:
            p2 = lw[i - 2]
            if p2 not in lexicon:
                s = _booster_scalar(p2, raw[i - 2], valence, cap_diff) if p2 in _BOOSTER else 0.0
                if s != 0:
                    s = s * 0.95
                valence = valence + s
                if p2 == "never" and p1 in _SO_THIS:
                    valence = valence * 1.25
                elif p2 == "without" and p1 == "doubt":
                    pass
                elif p2 in _NEGATE or "n't" in p2:
                    valence = valence * _N_SCALAR
            if i > 2:
                p3 = lw[i - 3]
                if p3 not in lexicon:
                    s = _booster_scalar(p3, raw[i - 3], valence, cap_diff) if p3 in _BOOSTER else 0.0
                    if s != 0:
                        s = s * 0.9
                    valence = valence + s
                    # Precedence as in the reference: (never and (so|this)) or (so|this).
                    if (p3 == "never" and p2 in _SO_THIS) or p1 in _SO_THIS:
                        valence = valence * 1.25
                    elif p3 == "without" and (p2 == "doubt" or p1 == "doubt"):
                        pass
                    elif p3 in _NEGATE or "n't" in p3:
                        valence = valence * _N_SCALAR
                    valence = _special_idioms(valence, lw, i, n)

    # "least" before the word negates it, except in "at least" / "very least".
    if i > 0 and lw[i - 1] == "least" and "least" not in lexicon:
        if i > 1:
            if lw[i - 2] != "at" and lw[i - 2] != "very":
                valence = valence * _N_SCALAR
        else:
            valence = valence * _N_SCALAR
    return valence


_NEUTRAL = (0.0, 1.0, 0.0, 0.0)
_NOWHERE: frozenset[int] = frozenset()


def polarity_scores(text: str) -> tuple[float, float, float, float]:
    """Score one text exactly as vaderSentiment 3.3.2 does.

    Returns ``(neg, neu, pos, compound)``, rounded like the reference
    (3 decimals for the proportions, 4 for ``compound``).
    """
    if not isinstance(text, str):
        raise TypeError(f"polarity_scores expects a str, got {type(text).__name__}")
    tables = _tables or _get_tables()
    if tables.reference is not None:
        d = tables.reference(text)
        return (d["neg"], d["neu"], d["pos"], d["compound"])
    values, n, text = _valences(text, tables)
    if not values:
        # No lexicon word: nothing scores, and the reference's arithmetic gives
        # exactly these four numbers for any non-empty text.
        return _NEUTRAL if n else (0.0, 0.0, 0.0, 0.0)
    return _scores_of(values, n, text)


def compound(text: str) -> float:
    """``polarity_scores(text)[3]``: the same arithmetic, without the proportions."""
    if not isinstance(text, str):
        raise TypeError(f"compound expects a str, got {type(text).__name__}")
    tables = _tables or _get_tables()
    if tables.reference is not None:
        return tables.reference(text)["compound"]
    values, _, text = _valences(text, tables)
    if not values:
        return 0.0
    return round(_compound_of(values, text)[0], 4)


def _valences(text: str, tables: _Tables) -> tuple[list[float], int, str]:
    """The score of each lexicon word of ``text`` in order (empty when none scores),
    its number of tokens and the text as scored (emoji replaced by descriptions)."""
    if not text.isascii() and not tables.emoji_chars.isdisjoint(text):
        text = _replace_emoji(text, tables.emojis)
    raw = text.split()
    n = len(raw)
    if n == 0:
        return [], 0, text
    plain_of, ruled = tables.token_info
    if ruled.isdisjoint(raw):  # (a token not seen yet is in neither)
        try:
            plain = list(map(plain_of.__getitem__, raw))
            fast = True
        except KeyError:
            plain, fast = _learn(raw, tables)
        if fast:
            # No token that a rule reads (see _plain_valence): every lexicon word
            # scores its lexicon valence, in order, and the other tokens (0.0) nothing.
            return list(filter(None, plain)), n, text
    return _rule_values(raw, n, tables), n, text


def _learn(raw: list[str], tables: _Tables) -> tuple[list[float], bool]:
    """Each token's entry of ``tables.token_info``, learning the new tokens (see
    :func:`_plain_valence`), and whether no token of ``raw`` is one a rule reads."""
    plain_of, ruled = tables.token_info
    new: dict[str, float] = {}
    new_ruled: list[str] = []
    plain = []
    for token in raw:
        value = plain_of.get(token)
        if value is None:
            value = new.get(token)
            if value is None:
                learned = _plain_valence(token, tables)
                if learned is None:
                    learned = 0.0
                    new_ruled.append(token)
                value = new[token] = learned
        plain.append(value)
    # (the known tokens were read from this pair, which holds every ruled one of them)
    fast = not new_ruled and ruled.isdisjoint(raw)
    if len(plain_of) > _TOKEN_CACHE_LIMIT:
        # A new pair, not a clear: a scorer in another thread keeps reading the
        # pair it started with, whole.
        plain_of, ruled = tables.token_info = ({}, set())
    # The ruled set first: a token in the valence dict is known to the set.
    ruled.update(new_ruled)
    plain_of.update(new)
    return plain, fast


def _plain_valence(token: str, tables: _Tables) -> float | None:
    """What a whitespace token scores when no rule reads it: its lexicon valence, or
    0.0 outside the lexicon; None when some rule reads the token itself (a booster, a
    negation, a word of an idiom or of another rule, "but", "kind", a lexicon word in
    capitals, or one with valence 0). A text without such tokens scores each lexicon
    word at its lexicon valence (see :func:`_rule_values`)."""
    word = _lower_token(token)
    value = tables.scoring.get(word)
    if (
        word in _CONTEXT_WORDS
        or "n't" in word
        or word == "but"
        or word == "kind"
        or (value is not None and (not value or token.isupper()))
    ):
        return None
    return 0.0 if value is None else value


def _rule_values(raw: list[str], n: int, tables: _Tables) -> list[float]:
    """The score of each lexicon word of ``raw`` (in order) with every rule of the
    reference applied; empty when there is none."""
    cache = tables.token_cache
    try:
        lw = list(map(cache.__getitem__, raw))
    except KeyError:
        # Some token not seen before: look the others up and lower only the new
        # ones, computed here (so a concurrent clear by another thread cannot bite),
        # then remember them.
        new: dict[str, str] = {}
        lw = []
        for token in raw:
            word = cache.get(token)
            if word is None:
                word = new[token] = _lower_token(token)
            lw.append(word)
        if len(cache) > _TOKEN_CACHE_LIMIT:
            cache.clear()
        cache.update(new)
        tables.context_words.update(w for w in new.values() if "n't" in w)

    scoring = tables.scoring
    hits = list(compress(range(n), map(scoring.__contains__, lw)))
    if not hits:
        # No lexicon word: nothing scores, and the reference's arithmetic gives
        # exactly these four numbers for any non-empty text.
        return []
    lexicon = tables.lexicon

    context_words = tables.context_words
    # The positions i with a context word j within reach: a word of an idiom may
    # change the valence of any word of the six-token idiom window around it
    # (i - 3 <= j < i + 3); every other context word only its own (j == i: "no"
    # before a lexicon word) and those of the next three tokens (i - 3 <= j <= i),
    # and "least" only the next one's.
    near: frozenset[int] | set[int] = _NOWHERE
    if not context_words.isdisjoint(lw):
        near = set()
        for j in compress(range(n), map(context_words.__contains__, lw)):
            word = lw[j]
            if word == "least":
                near.add(j + 1)
            elif word in _IDIOM_WORDS:
                near.update(range(j - 2, j + 4))
            else:
                near.update(range(j, j + 4))
    cap_diff: bool | None = None  # computed when a rule first needs it
    # The score of each of ``hits``, in order (as the reference's per-position list
    # read at those positions).
    values: list[float] = []
    for i in hits:
        word = lw[i]
        if word == "kind" and i < n - 1 and lw[i + 1] == "of":
            values.append(0.0)  # "kind of" is a dampener, not the word "kind"
        elif i in near or raw[i].isupper():
            if cap_diff is None:
                # Stripping punctuation never changes str.isupper, so the raw
                # tokens tell.
                cap_diff = 0 < sum(map(str.isupper, raw)) < n
            values.append(_valence_at(i, n, lw, raw, lexicon, cap_diff))
        else:
            # Nothing within reach can change it: every rule of _valence_at adds 0.0
            # (a no-op on a lexicon valence, none of which is 0) or does not apply,
            # and the caps rule needs this token in capitals.
            values.append(lexicon[word])
    if "but" in lw:
        sentiments = [0.0] * n
        for i, v in zip(hits, values):
            sentiments[i] = v
        _apply_but(lw, sentiments, hits)
        values = [sentiments[i] for i in hits]
    return values


def _compound_of(values: list[float], text: str) -> tuple[float, float]:
    """The compound score before rounding, and the punctuation emphasis, from the
    lexicon words' scores and the text's ``!`` and ``?`` (the reference's arithmetic)."""
    sum_s = float(sum(values))
    ep_count = min(text.count("!"), 4)
    qm_count = text.count("?")
    punct = ep_count * 0.292 + (0 if qm_count <= 1 else qm_count * 0.18 if qm_count <= 3 else 0.96)
    if sum_s > 0:
        sum_s += punct
    elif sum_s < 0:
        sum_s -= punct
    compound = sum_s / math.sqrt(sum_s * sum_s + 15)
    if compound < -1.0:
        compound = -1.0
    elif compound > 1.0:
        compound = 1.0
    return compound, punct


def _scores_of(values: list[float], n: int, text: str) -> tuple[float, float, float, float]:
    """The four scores from the lexicon words' scores, the token count and the text's
    ``!`` and ``?``, with the reference's arithmetic."""
    compound, punct = _compound_of(values, text)
    pos_sum = 0.0
    neg_sum = 0.0
    neu_count = n
    for v in values:
        if v > 0:
            pos_sum += v + 1
            neu_count -= 1
        elif v < 0:
            neg_sum += v - 1
            neu_count -= 1
    if pos_sum > -neg_sum:
        pos_sum += punct
    elif pos_sum < -neg_sum:
        neg_sum -= punct
    total = pos_sum + math.fabs(neg_sum) + neu_count
    return (
        round(math.fabs(neg_sum / total), 3),
        round(math.fabs(neu_count / total), 3),
        round(math.fabs(pos_sum / total), 3),
        round(compound, 4),
    )


def score_many(texts: Sequence[str]) -> np.ndarray:
    """Score many texts; returns a float64 array of shape ``(len(texts), 4)``.

    Columns are ``neg, neu, pos, compound``. Each distinct text is scored once.
    """
    seen: dict[str, tuple[float, float, float, float]] = {}
    rows = []
    for text in texts:
        scores = seen.get(text)
        if scores is None:
            scores = seen[text] = polarity_scores(text)
        rows.append(scores)
    # One conversion at the end: assigning numpy rows one at a time costs more than
    # the scoring of a short text.
    return np.array(rows, dtype=np.float64).reshape(len(rows), 4)


def lexicon() -> dict[str, float]:
    """VADER's word -> valence mapping, parsed from the installed package's file."""
    return _get_tables().lexicon
