"""VADER tone, sentence by sentence, typography-safe and label-masked (issue 4).

The scorer is VADER (Hutto & Gilbert 2014, "VADER: A Parsimonious Rule-based Model
for Sentiment Analysis of Social Media Text", ICWSM-14), as implemented by the
``vaderSentiment`` package 3.3.2, which ships its lexicon, so nothing is downloaded.
On plain ASCII text every score here is exactly the reference's score.

What the numbers can and cannot say
-----------------------------------
VADER was built for social-media text. On news its agreement with people is moderate:
in its authors' own evaluation on sentence-level snippets of New York Times opinion
pieces the correlation with the mean human rating was about r = 0.5 (0.49), far below
its r = 0.88 on tweets (Hutto & Gilbert 2014, table 3). Treat a
sentence's score as a rough, transparent signal, compare averages over many sentences,
and read the sentences behind every average.

VADER is applied to one sentence at a time and never to a whole article: its compound
score is a squashed sum, so on long texts it saturates towards -1 or +1. Document
scores are aggregates of sentence scores (:func:`score_documents`).

Typography
----------
VADER splits on whitespace and strips ASCII punctuation from each token. Curly quotes
and apostrophes are not ASCII, so ``isn’t good`` loses its negation and ``“great”`` is
not recognised as ``great``. Before scoring (and only for scoring: displayed text
keeps its characters) quote and apostrophe variants are mapped to ASCII ``"`` and
``'``, dashes (en, em, horizontal bar) become spaces so that ``good—really`` is two
words, the ellipsis character becomes ``.`` and invisible soft hyphens and zero-width
spaces are removed. ASCII text is left untouched, so it scores exactly as the
reference. One rule of the reference is kept as is: a token whose punctuation-stripped
form has two characters or fewer keeps its punctuation (VADER does this to protect
emoticons such as ``:)``), so a quoted two-letter word like ``"ok"`` is not scored, in
ASCII as in curly quotes.

Label masking
-------------
The tone "around" an actor is mostly the tone of the label itself when the label is
in VADER's lexicon: "terrorists" scores -3.1, "rebels" -0.8, "opposition forces"
nothing. :func:`score_mentions` therefore reports each mention's sentence twice: as is
(``compound``) and with every lexicon term replaced by the neutral word
:data:`MASK_TOKEN` (``compound_masked``). The masked score measures the rest of the
sentence: the same sentence gets the same masked score whichever label the outlet
chose. It also drops the valence of other actors' labels in the sentence. The label's
own valence is kept apart in ``label_valence``. Neither score is tone *towards* the
actor: VADER has no notion of a target, so both describe the whole sentence, and
``compound - compound_masked`` is roughly what the outlet's choice of words for the
actors added to it.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import pandas as pd

from . import _vader
from ._docstrings import share_docs
from ._validation import check_table
from .errors import InvalidParameterError
from .lexicon import Hit, Lexicon, LexiconLike, resolve_lexicon

__all__ = [
    "MASK_TOKEN",
    "MEMO_LIMIT",
    "NEGATIVE_THRESHOLD",
    "POSITIVE_THRESHOLD",
    "SCORE_COLUMNS",
    "ScoreMemo",
    "check_mask_token",
    "mask_labels",
    "score_documents",
    "score_mentions",
    "score_sentences",
    "score_texts",
]

#: The four VADER scores, in the order every table here uses.
SCORE_COLUMNS: tuple[str, ...] = ("neg", "neu", "pos", "compound")

#: VADER's documented thresholds: a text is positive at compound >= 0.05, negative at
#: compound <= -0.05, neutral in between.
POSITIVE_THRESHOLD: float = 0.05
NEGATIVE_THRESHOLD: float = -0.05

#: The word that replaces each lexicon term in ``compound_masked``. It is absent from
#: VADER's lexicon, is not a booster, dampener, negation, "but", "least", "kind" or part
#: of one of VADER's idioms, and is lowercase (an ALL-CAPS token would switch on
#: VADER's capitals emphasis for the other words). It names what the label stood for
#: ("the actor shelled the town") without echoing any bundled lexicon pattern, so a
#: masked sentence such as "Tarvia-backed actor" does not form a new label.
MASK_TOKEN: str = "actor"

# Characters mapped for the scorer only. One character to one character (or to
# nothing, for invisible ones); ASCII is never touched, so ASCII text scores exactly
# as the reference.
_APOSTROPHES = "\u2018\u2019\u201a\u201b\u2032\u2035\u02bc\u00b4\uff07\u2039\u203a"
_DOUBLE_QUOTES = "\u201c\u201d\u201e\u201f\u2033\u2036\u00ab\u00bb\uff02\u301d\u301e\u301f"
_DASHES = "\u2012\u2013\u2014\u2015\u2e3a\u2e3b"
_INVISIBLE = "\u00ad\u200b\u2060\ufeff"
_SCORING_TABLE: dict[int, str | None] = {
    **{ord(c): "'" for c in _APOSTROPHES},
    **{ord(c): '"' for c in _DOUBLE_QUOTES},
    **{ord(c): " " for c in _DASHES},
    ord("\u2026"): ".",
    **{ord(c): None for c in _INVISIBLE},
}

# The same mapping as (mark, replacement) pairs for str.replace, which is much faster
# than str.translate with a dict on non-ASCII text. Replacing one mark after another
# equals translating all at once because no replacement is itself a mapped mark.
_SCORING_PAIRS: tuple[tuple[str, str], ...] = tuple(
    (chr(code), replacement or "") for code, replacement in _SCORING_TABLE.items()
)


def _score_normalised(texts: Sequence[str]) -> np.ndarray:
    """VADER scores of already-normalised texts: an ``(n, 4)`` float array.

    Columns are neg, neu, pos, compound. Every score in mediakit goes through this one
    function, called by :class:`ScoreMemo` with each distinct text once. The backend is ``mediakit._vader``, our faster reimplementation of
    vaderSentiment 3.3.2 whose scores are tested to be exactly equal to the reference.
    """
    polarity_scores = _vader.polarity_scores
    return np.array([polarity_scores(t) for t in texts], dtype=np.float64).reshape(len(texts), 4)


def _compound_normalised(texts: Sequence[str]) -> list[float]:
    """VADER compound of already-normalised texts (the last of the four scores of
    :func:`_score_normalised`, computed alone): :meth:`ScoreMemo.masked_compounds`
    calls it with each distinct text once."""
    return list(map(_vader.compound, texts))


def _vader_lexicon() -> dict[str, float]:
    """VADER's word -> valence mapping, read from the installed reference package."""
    return _vader.lexicon()


def _normalise_for_scoring(text: str) -> str:
    """``text`` as the scorer sees it: quotes, apostrophes, dashes made ASCII-safe."""
    if text.isascii():  # nothing to map (the table has no ASCII character)
        return text
    for mark, replacement in _SCORING_PAIRS:
        if mark in text:
            text = text.replace(mark, replacement)
    return text


def _as_text_list(texts: Iterable[str] | pd.Series) -> tuple[list[Any], pd.Index]:
    if isinstance(texts, str):
        raise TypeError(
            "score_texts expects a collection of texts, not one string; "
            "wrap it in a list: score_texts([text])"
        )
    if isinstance(texts, pd.Series):
        return texts.tolist(), texts.index
    values = list(texts)
    return values, pd.RangeIndex(len(values))


#: Distinct texts a :class:`ScoreMemo` remembers before it starts afresh.
MEMO_LIMIT = 50_000


class ScoreMemo:
    """The one memo of VADER scores: each distinct text is scored once.

    Every score of mediakit goes through one of these: :func:`score_texts`,
    :func:`score_sentences` and :func:`score_mentions` use a fresh memo per call
    (so identical texts in one call are scored once); :func:`mediakit.analyze` keeps
    one per process for the whole run (wire copy and boilerplate recur across
    chunks). The memo is bounded: past ``limit`` distinct texts (default
    :data:`MEMO_LIMIT`) it starts afresh,
    so memory stays flat on a corpus of any size (a text seen again is scored
    again, with the same result: scoring is deterministic). Label valences are
    remembered the same way.
    """

    def __init__(self, limit: int | None = None) -> None:
        self.limit = MEMO_LIMIT if limit is None else limit
        self._scores: dict[str, tuple[float, ...]] = {}
        self._compounds: dict[str, float] = {}  # masked texts scored for compound only
        self._valences: dict[str, float] = {}

    def scores(self, texts: Sequence[str]) -> np.ndarray:
        """VADER scores of ``texts`` (strings): an ``(n, 4)`` array, columns
        :data:`SCORE_COLUMNS`. Each text is normalised for scoring first (see
        "Typography" in the module docstring); equal normalised texts are one."""
        texts = list(map(_normalise_for_scoring, texts))
        memo = self._scores
        new = [t for t in dict.fromkeys(texts) if t not in memo]
        if len(memo) + len(new) > self.limit:
            memo.clear()
            new = list(dict.fromkeys(texts))
        if new:
            memo.update(zip(new, _score_normalised(new).tolist()))
        if not texts:
            return np.empty((0, 4), dtype=np.float64)
        return np.array([memo[t] for t in texts], dtype=np.float64)

    def masked_compounds(self, masked: Sequence[str]) -> np.ndarray:
        """The compound of each of ``masked`` (label-masked sentences): as
        ``scores(masked)[:, 3]``, but a text not scored already gets its compound only
        (:func:`mediakit._vader.compound`, the same arithmetic without the
        proportions), remembered apart from the four scores."""
        keys = list(map(_normalise_for_scoring, masked))
        scores, compounds = self._scores, self._compounds
        distinct = [k for k in dict.fromkeys(keys) if k not in scores]
        new = [k for k in distinct if k not in compounds]
        if len(compounds) + len(new) > self.limit:
            compounds.clear()
            new = distinct
        if new:
            compounds.update(zip(new, _compound_normalised(new)))
        get = compounds.get
        return np.array(
            [c if (c := get(k)) is not None else scores[k][3] for k in keys], dtype=np.float64
        )

    def label_valences(self, matches: Sequence[str]) -> np.ndarray:
        """:func:`_label_valence` of each match, as a float array."""
        cache = self._valences
        out = np.empty(len(matches), dtype=np.float64)
        for i, match in enumerate(matches):
            value = cache.get(match)
            if value is None:
                if len(cache) >= self.limit:
                    cache.clear()
                value = cache[match] = _label_valence(match)
            out[i] = value
        return out


def _score_many(texts: Sequence[Any], *, missing_ok: bool = True) -> np.ndarray:
    """Scores for ``texts`` in order; each distinct normalised string scored once.

    Missing values (None, NaN, pd.NA) get NaN scores; anything else that is not a
    string is a TypeError naming its position.
    """
    out = np.full((len(texts), 4), np.nan, dtype=np.float64)
    rows: list[int] = []
    keys: list[str] = []
    for i, text in enumerate(texts):
        if not isinstance(text, str):
            if missing_ok and (text is None or (pd.api.types.is_scalar(text) and pd.isna(text))):
                continue
            raise TypeError(f"text at position {i} is {type(text).__name__}, not str")
        rows.append(i)
        keys.append(text)
    if keys:
        out[np.asarray(rows, dtype=np.intp)] = ScoreMemo().scores(keys)
    return out


def _scores_frame(scores: np.ndarray, index: pd.Index) -> pd.DataFrame:
    return pd.DataFrame(scores, columns=list(SCORE_COLUMNS), index=index)


def score_texts(texts: Iterable[str] | pd.Series) -> pd.DataFrame:
    """VADER scores of each text, one row per input, in input order.

    Each text is typography-normalised for the scorer (see the module docstring) and
    then scored by VADER as one unit, so pass sentences, not articles. Identical texts
    are scored once. On ASCII text the scores equal ``vaderSentiment`` 3.3.2's
    ``polarity_scores`` exactly. VADER agrees only moderately with human judgement on
    news (about r = 0.5 in its authors' evaluation on news op-ed snippets).

    Parameters
    ----------
    texts : iterable of str or pandas.Series
        Strings. A Series keeps its index in the result; missing values (None, NaN,
        ``pd.NA``) get NaN scores.

    Returns
    -------
    pandas.DataFrame
        Float columns: ``neg``, ``neu``, ``pos``: shares of the text's sentiment-bearing weight that
        are negative, neutral and positive (they sum to about 1);
        ``compound``: the normalised sum of word valences, in [-1, 1]; >= 0.05 counts
        as positive and <= -0.05 as negative by VADER's convention.

    Raises
    ------
    TypeError
        ``texts`` is a single string, or an element is neither a string nor missing.
    """
    values, index = _as_text_list(texts)
    return _scores_frame(_score_many(values), index)


def score_sentences(sentences: pd.DataFrame) -> pd.DataFrame:
    """The sentences table with VADER scores added (a new frame; the input is untouched).

    Parameters
    ----------
    sentences : pandas.DataFrame
        The sentences table of :func:`mediakit.text.sentences`: ``doc_id``,
        ``sentence_id``, ``start``, ``end``, ``text``, ``n_words``; any other columns
        are kept. Only ``text`` is required here.

    Returns
    -------
    pandas.DataFrame
        Every input column, then ``neg``, ``neu``, ``pos``, ``compound`` (floats, see
        :func:`score_texts`), one row per sentence in input order, same index. Each
        sentence is scored on its own; identical sentences (wire copy, boilerplate)
        are scored once.
    """
    check_table(sentences, ("text",), caller="score_sentences", table_name="sentences")
    scores = _score_many(sentences["text"].tolist())
    out = sentences.drop(columns=[c for c in SCORE_COLUMNS if c in sentences.columns])
    for j, column in enumerate(SCORE_COLUMNS):
        out[column] = scores[:, j]
    return out


#: Columns of the documents table, in order (outlet, date and title only with a corpus).
DOCUMENT_COLUMNS: tuple[str, ...] = (
    "doc_id",
    "outlet",
    "date",
    "title",
    "n_sentences",
    "n_words",
    "compound_mean",
    "compound_median",
    "pos_share",
    "neg_share",
    "neu_share",
)


def score_documents(
    sentences_scored: pd.DataFrame, *, corpus: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Document tone aggregated from sentence scores (VADER never sees a whole article).

    Parameters
    ----------
    sentences_scored : pandas.DataFrame
        The output of :func:`score_sentences` (needs ``doc_id`` and ``compound``;
        ``n_words`` is summed when present).
    corpus : pandas.DataFrame, optional
        The corpus table. When given, the result has one row per corpus article
        in corpus order, including articles with no sentence, and carries their
        ``outlet``, ``date`` and ``title``; a sentence whose ``doc_id`` is not in the
        corpus is an error. Without it, one row per ``doc_id`` of the sentences, in
        order of first appearance.

    Returns
    -------
    pandas.DataFrame
        One row per document: ``doc_id``; ``outlet``, ``date``, ``title`` (only when ``corpus`` is given);
        ``n_sentences`` (int); ``n_words`` (int, sum of the sentences' ``n_words``;
        only when the sentences have that column); ``compound_mean`` and
        ``compound_median`` (the mean and median sentence compound, NaN for an
        article without sentences); ``pos_share``, ``neg_share``, ``neu_share``
        (shares of the article's sentences with compound >= 0.05, <= -0.05 and in
        between, VADER's documented thresholds; NaN without sentences).
    """
    check_table(sentences_scored, ("doc_id", "compound"), caller="score_documents", table_name="sentences_scored")
    compound = sentences_scored["compound"].astype("float64")
    frame = pd.DataFrame(
        {
            "doc_id": sentences_scored["doc_id"].to_numpy(),
            "compound": compound.to_numpy(),
            "is_pos": (compound >= POSITIVE_THRESHOLD).to_numpy(dtype=np.float64),
            "is_neg": (compound <= NEGATIVE_THRESHOLD).to_numpy(dtype=np.float64),
        }
    )
    frame["is_neu"] = 1.0 - frame["is_pos"] - frame["is_neg"]
    has_words = "n_words" in sentences_scored.columns
    if has_words:
        frame["n_words"] = sentences_scored["n_words"].to_numpy()
    grouped = frame.groupby("doc_id", sort=False)
    stats = pd.DataFrame(
        {
            "n_sentences": grouped.size(),
            "compound_mean": grouped["compound"].mean(),
            "compound_median": grouped["compound"].median(),
            "pos_share": grouped["is_pos"].mean(),
            "neg_share": grouped["is_neg"].mean(),
            "neu_share": grouped["is_neu"].mean(),
        }
    )
    if has_words:
        stats["n_words"] = grouped["n_words"].sum()

    if corpus is None:
        docs = pd.DataFrame({"doc_id": stats.index.to_numpy()})
    else:
        check_table(corpus, ("doc_id", "outlet", "date", "title"), caller="score_documents", table_name="corpus")
        unknown = pd.Index(stats.index).difference(pd.Index(corpus["doc_id"]))
        if len(unknown):
            raise ValueError(
                f"sentences_scored has doc_id {unknown[0]!r} that is not in the corpus"
            )
        docs = corpus[["doc_id", "outlet", "date", "title"]].reset_index(drop=True)

    out = docs.join(stats, on="doc_id")
    out["n_sentences"] = out["n_sentences"].fillna(0).astype("int64")
    if has_words:
        out["n_words"] = out["n_words"].fillna(0).astype("int64")
    return out[[c for c in DOCUMENT_COLUMNS if c in out.columns]]


def _vader_tokens(text: str) -> list[str]:
    """``text``'s tokens as VADER forms them (whitespace split, outer ASCII punctuation
    stripped unless that leaves two characters or fewer), lowercased."""
    tokens = []
    for token in _normalise_for_scoring(text).split():
        stripped = token.strip(string.punctuation)
        tokens.append((stripped if len(stripped) > 2 else token).lower())
    return tokens


def _label_valence(match: str) -> float:
    """Sum of VADER lexicon valences of the words of ``match`` (0.0 if none is listed).

    The words are VADER's own tokens (see :func:`_vader_tokens`), so the number is
    what the label itself adds to VADER's sum before boosters, negations and "but"
    adjust it. A multi-word label sums its words: "opposition forces" is 0.0,
    "terrorist fighters" is -3.7 + -0.2.
    """
    lexicon = _vader_lexicon()
    return float(sum(lexicon.get(token, 0.0) for token in _vader_tokens(match)))


_SPACES = re.compile(r"\s+")


def mask_labels(
    text: str,
    lexicon: Lexicon,
    *,
    mask_token: str = MASK_TOKEN,
    hits: Sequence[Hit] | None = None,
    span: tuple[int, int] | None = None,
) -> str:
    """``text`` with every label of ``lexicon`` replaced by ``mask_token``.

    The one masking rule behind ``compound_masked``: each label match
    (:meth:`Lexicon.find`) becomes one ``mask_token``, however many words it had;
    named groups and the rest of the text are kept as written.

    Parameters
    ----------
    text : str
    lexicon : Lexicon
    mask_token : str, default :data:`MASK_TOKEN`
    hits : list of (start, end, LexiconEntry), optional
        ``lexicon.scan(text)`` (or the part of it inside ``span``) when the caller
        has it already; else the text is scanned.
    span : tuple of int, optional
        Mask and return only ``text[start:end]``. With ``hits``, the caller vouches
        that scanning ``text[start:end]`` alone would find exactly these hits (see
        :meth:`mediakit.document.Document.masked_sentence`).

    Returns
    -------
    str
    """
    start, end = (0, len(text)) if span is None else span
    if hits is None:
        text, start, end = text[start:end], 0, end - start
        hits = lexicon.scan(text)
    pieces: list[str] = []
    position = start
    for hit_start, hit_end, entry in hits:
        if entry.kind != "label" or hit_start < position:  # never mask twice
            continue
        pieces.append(text[position:hit_start])
        pieces.append(mask_token)
        position = hit_end
    pieces.append(text[position:end])
    return "".join(pieces)


def check_mask_token(
    mask_token: str, lexicon: Lexicon | None = None, *, caller: str = "score_mentions"
) -> str:
    """Return ``mask_token`` if masking with it adds no valence, else raise.

    Parameters
    ----------
    mask_token : str
        One word, absent from VADER's lexicon and (with ``lexicon``) not itself a
        term of the lexicon.
    lexicon : Lexicon, optional
    caller : str
        The function named in the error.

    Returns
    -------
    str

    Raises
    ------
    InvalidParameterError
        Naming ``caller``, the token and why it is refused.
    """
    if not isinstance(mask_token, str) or not mask_token or _SPACES.search(mask_token):
        raise InvalidParameterError(
            f"{caller}: mask_token must be one non-empty word, got {mask_token!r}")
    if _vader_tokens(mask_token)[0] in _vader_lexicon():
        raise InvalidParameterError(
            f"{caller}: mask_token {mask_token!r} is in VADER's lexicon and would add its "
            "own valence; choose a neutral word"
        )
    if lexicon is not None and lexicon.find(mask_token):
        raise InvalidParameterError(
            f"{caller}: mask_token {mask_token!r} is itself a term of lexicon "
            f"{lexicon.name!r}; choose a word the lexicon does not match"
        )
    return mask_token


def _mask_distinct(texts: Sequence[str], lexicon: Lexicon, mask_token: str) -> list[str]:
    """Masked version of each text; each distinct text masked once."""
    cache: dict[str, str] = {}
    out = []
    for text in texts:
        masked = cache.get(text)
        if masked is None:
            masked = cache[text] = mask_labels(text, lexicon, mask_token=mask_token)
        out.append(masked)
    return out


#: Columns :func:`score_mentions` adds to the mentions table.
MENTION_SCORE_COLUMNS: tuple[str, ...] = (
    "compound",
    "compound_masked",
    "label_valence",
    "sentence_masked",
)


@share_docs
def score_mentions(
    mentions: pd.DataFrame, lexicon: LexiconLike | None = None, *, mask_token: str = MASK_TOKEN
) -> pd.DataFrame:
    """The mentions table with the tone of each mention's sentence, as is and masked.

    Parameters
    ----------
    mentions : pandas.DataFrame
        The mentions table of :func:`mediakit.mentions.find_mentions` (needs
        ``sentence`` and ``match``; every other column is kept).
    lexicon : Lexicon, str, path-like, mapping or None, default None
        The lexicon whose terms are masked, normally the one that found the
        mentions (read by :func:`mediakit.lexicon.resolve_lexicon`: None is the
        bundled default, ``"conflict"``, as for :func:`mediakit.find_mentions`).
        Every term it finds in the sentence is masked, not only the mention's own, so
        a second actor's label does not colour the masked score either.
    {mask_token}

    Returns
    -------
    pandas.DataFrame
        Every input column, then:
        ``compound`` (float): VADER compound of the mention's sentence as written;
        ``compound_masked`` (float): compound of ``sentence_masked``, i.e. tone with
        the labels' own valence taken out; the same sentence gets the same value
        whichever label it used;
        ``label_valence`` (float): the matched words' own valence in VADER's lexicon,
        summed over the words of a multi-word match (0.0 when no word is listed;
        "terrorists" -3.1, "rebels" -0.8, "opposition forces" 0.0);
        ``sentence_masked`` (str): the sentence as scored for ``compound_masked``.

    VADER agrees only moderately with people on news sentences (about r = 0.5 in its
    authors' evaluation), so read these as rough signals over many mentions.
    """
    check_table(mentions, ("sentence", "match"), caller="score_mentions", table_name="mentions")
    lexicon = resolve_lexicon(lexicon)
    check_mask_token(mask_token, lexicon)
    sentences = mentions["sentence"].tolist()
    masked = _mask_distinct(sentences, lexicon, mask_token)
    compound = _score_many(sentences)[:, 3]
    compound_masked = _score_many(masked)[:, 3]
    label_valence = ScoreMemo().label_valences(mentions["match"].tolist())
    out = mentions.drop(columns=[c for c in MENTION_SCORE_COLUMNS if c in mentions.columns])
    out["compound"] = compound
    out["compound_masked"] = compound_masked
    out["label_valence"] = label_valence
    out["sentence_masked"] = pd.Series(masked, index=out.index, dtype="str")
    return out
