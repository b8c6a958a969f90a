"""Concordance: keywords in context (:func:`kwic`) and collocates (:func:`collocates`).

Both take the corpus table first, never modify it, and return a new tidy DataFrame
whose columns are listed in their docstrings; voice and speaker come from
:func:`mediakit.voice.voice_spans` on the whole article.

Queries: ``kwic`` and ``collocates`` search for ``pattern`` (one glob string or a list
of them, in the lexicon's glob syntax, reported as actor and label ``"query"``) or,
with no pattern, for every label of ``lexicon=`` (read by
:func:`mediakit.lexicon.resolve_lexicon`; None: the default lexicon). A string
given as ``pattern`` is always a glob, never a lexicon name: ``kwic(corpus, "syria")``
searches the word Syria, ``kwic(corpus, lexicon="syria")`` every label of the
``syria`` lexicon.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from numbers import Integral
from typing import Any

import numpy as np
import pandas as pd

from ._docstrings import share_docs
from ._tables import make_frame
from ._validation import Interval, Options, check_table, parse_voice, validate_params
from .document import Document, documents
from .errors import InvalidParameterError, LexiconError
from .lexicon import Hit, Lexicon, LexiconLike, resolve_lexicon
from .text import context_around, one_line, token_window

__all__ = ["COLLOCATE_COLUMNS", "KWIC_COLUMNS", "MEASURES", "UNITS", "collocates", "kwic"]

KWIC_COLUMNS: tuple[str, ...] = (
    "doc_id", "outlet", "date", "actor", "label", "left", "match", "right", "voice",
    "speaker", "start", "end", "pattern",
)
COLLOCATE_COLUMNS: tuple[str, ...] = (
    "word", "n", "n_word", "expected", "log_likelihood", "pmi", "logdice", "t_score",
)
#: Association measures :func:`collocates` computes (and can sort by).
MEASURES: tuple[str, ...] = ("log_likelihood", "pmi", "logdice", "t_score")
#: Context units of :func:`kwic`.
UNITS: tuple[str, ...] = ("words", "sentence")
_QUERY = "query"


def _query_lexicon(pattern: Any, lexicon: Any, *, caller: str) -> Lexicon:
    """What ``kwic`` and ``collocates`` search for: the glob ``pattern`` (a string or a
    list of strings, searched as actor and label ``"query"``) or ``lexicon=``
    (:func:`mediakit.lexicon.resolve_lexicon`: None is the default lexicon)."""
    if pattern is None:
        return resolve_lexicon(lexicon)
    if lexicon is not None:
        raise InvalidParameterError(
            f"{caller}: give a pattern or lexicon=, not both (got pattern={pattern!r})")
    if isinstance(pattern, str):
        patterns = [pattern]
    elif (isinstance(pattern, Sequence) and not isinstance(pattern, bytes) and pattern
          and all(isinstance(p, str) for p in pattern)):
        patterns = list(pattern)
    else:
        hint = (" (a lexicon goes in lexicon=)"
                if isinstance(pattern, Lexicon | Mapping) else "")
        raise InvalidParameterError(
            f"{caller}: pattern must be a glob string or a non-empty list of them, or "
            f"None; got {pattern!r} ({type(pattern).__name__}){hint}")
    unique = list(dict.fromkeys(patterns))
    return Lexicon.from_dict({"name": _QUERY, "actors": {_QUERY: {"labels": {_QUERY: unique}}}})


def _voiced_labels(doc: Document, wanted: frozenset[str] | None) -> list[tuple[Hit, str, str | None]]:
    """Each label match of ``doc`` with its voice and speaker, those in ``wanted``
    (None: every voice)."""
    labels = doc.labels
    if not labels:
        return []
    voices, speakers = doc.voice_at([s for s, _, _ in labels], [e for _, e, _ in labels])
    return [
        (hit, v, speaker)
        for hit, v, speaker in zip(labels, voices, speakers, strict=True)
        if wanted is None or v in wanted
    ]


# ----------------------------------------------------------------------------------
# KWIC


@validate_params({"window": [Interval(Integral, 0, None)], "unit": [Options(UNITS)]})
@share_docs
def kwic(
    corpus: pd.DataFrame,
    pattern: str | Sequence[str] | None = None,
    *,
    lexicon: LexiconLike | None = None,
    window: int = 5,
    unit: str = "words",
    voice: str | Sequence[str] | None = None,
) -> pd.DataFrame:
    """Keyword in context: each match with its left and right context.

    Parameters
    ----------
    {corpus}
    {pattern}
    {lexicon_or_pattern}
    {window}
        Used with ``unit="words"``.
    unit : {"words", "sentence"}, default "words"
        ``"words"``: ``window`` word tokens of context on each side, with the
        punctuation between them; ``"sentence"``: the rest of the match's sentence
        on each side. Context is shown on one line (runs of whitespace become one
        space).
    {voice_filter}

    Returns
    -------
    pandas.DataFrame
        One row per match, in corpus then text order: ``doc_id``, ``outlet``,
        ``date``, ``actor``, ``label``, ``left``, ``match``, ``right`` (str),
        ``voice`` (str), ``speaker`` (string, <NA> when none), ``start``, ``end``
        (int64 offsets of the match in the article: ``text[start:end] == match``),
        ``pattern`` (str, the pattern that matched).

    Raises
    ------
    InvalidParameterError
        A bad ``window``, ``unit``, ``voice`` or ``pattern``, or both ``pattern``
        and ``lexicon``.
    LexiconError
        A malformed pattern or lexicon.
    """
    check_table(corpus, ("doc_id", "outlet", "text"), caller="kwic", table_name="corpus")
    wanted, _ = parse_voice(voice, caller="kwic")
    lex = _query_lexicon(pattern, lexicon, caller="kwic")
    cols: dict[str, list[Any]] = {name: [] for name in KWIC_COLUMNS}
    for doc in documents(corpus, lex):
        for (start, end, entry), v, speaker in _voiced_labels(doc, wanted):
            if unit == "words":
                left, right = context_around(
                    doc.text, doc.token_starts, doc.token_ends, start, end, window)
            else:
                left, right = _sentence_context(doc, start, end)
            cols["doc_id"].append(doc.doc_id)
            cols["outlet"].append(doc.outlet)
            cols["date"].append(doc.date)
            cols["actor"].append(entry.actor)
            cols["label"].append(entry.label)
            cols["left"].append(left)
            cols["match"].append(doc.text[start:end])
            cols["right"].append(right)
            cols["voice"].append(v)
            cols["speaker"].append(speaker)
            cols["start"].append(start)
            cols["end"].append(end)
            cols["pattern"].append(entry.pattern)
    return make_frame(KWIC_COLUMNS, cols, corpus)


def _sentence_context(doc: Document, start: int, end: int) -> tuple[str, str]:
    """The rest of the sentence of ``doc.text[start:end]`` on each side, on one line."""
    sentence_start, sentence_end = doc.sentences[doc.sentence_of(start)] if doc.sentences else (start, end)
    left = doc.text[sentence_start:start] if sentence_start <= start else ""
    right = doc.text[end:sentence_end] if sentence_end >= end else ""
    return one_line(left), one_line(right)


# ----------------------------------------------------------------------------------
# Collocates


def _select_labels(lex: Lexicon, label: str | None) -> Lexicon:
    """Restrict a lexicon to one label: ``"label"`` or ``"actor:label"``."""
    if label is None:
        return lex
    actor_name, _, label_name = label.rpartition(":")
    chosen = [
        (a, lb) for a, lb in lex.labels
        if lb == label_name and (not actor_name or a == actor_name)
    ]
    if not chosen:
        known = ", ".join(f"{a}:{lb}" for a, lb in lex.labels)
        raise LexiconError(f"no label {label!r} in lexicon {lex.name!r}; labels: {known}")
    if len(chosen) > 1:
        raise LexiconError(f"label {label!r} is ambiguous in lexicon {lex.name!r}; "
                           f"write actor:label ({', '.join(f'{a}:{lb}' for a, lb in chosen)})")
    actor, lab = chosen[0]
    return Lexicon.from_dict({
        "name": lex.name,
        "actors": {actor: {"labels": {lab: list(lex.actors[actor][lab])}}},
    })


@validate_params({
    "window": [Interval(Integral, 0, None)],
    "measure": [Options(MEASURES)],
    "min_count": [Interval(Integral, 1, None)],
    "label": [str, None],
})
@share_docs
def collocates(
    corpus: pd.DataFrame,
    pattern: str | Sequence[str] | None = None,
    *,
    lexicon: LexiconLike | None = None,
    window: int = 5,
    measure: str = "logdice",
    min_count: int = 3,
    voice: str | Sequence[str] | None = None,
    label: str | None = None,
) -> pd.DataFrame:
    """Words that keep company with a pattern or a lexicon's labels.

    Each occurrence of the target (a *node*) opens a window of ``window`` words on
    each side, within its article (:func:`mediakit.text.token_window`); the words of
    the node itself are not counted. Words are those of :func:`mediakit.text.words`
    (tokens in lower case, ``’`` as ``'``). Word frequencies are always counted over
    the whole corpus, whatever ``voice``.

    Contingency table per word w (Evert 2008, surface co-occurrence): ``O11 = n``
    (tokens of w in node windows, per node), ``R1`` = all tokens in node windows,
    ``C1 = n_word`` (w's corpus frequency), ``N`` = corpus tokens; expected
    ``E11 = R1 * C1 / N``.

    Parameters
    ----------
    {corpus}
    {pattern}
    {lexicon_or_pattern}
    {window}
    measure : {"logdice", "log_likelihood", "pmi", "t_score"}, default "logdice"
        The measure the rows are sorted by (descending; ties by word).
    {min_count}
        Here the item is a word and its count ``n``, its co-occurrences with the
        target (default 3, as in :func:`mediakit.distinguishing_words`).
    {voice_filter}
        Only nodes in that voice open windows.
    label : str, optional
        One label of ``lexicon`` as the target: ``"terrorist"``, or
        ``"armed_opposition:terrorist"`` when the name is ambiguous.

    Returns
    -------
    pandas.DataFrame
        ``word`` (str); ``n`` (int64, co-occurrences); ``n_word`` (int64, corpus
        frequency); ``expected`` (float64, E11); ``log_likelihood`` (Dunning's G2
        over the 2x2 table, natural log, signed: negative when w is rarer near the
        target than expected); ``pmi`` (log2 O11/E11); ``logdice`` (14 + log2(2n /
        (f_node + n_word)), Rychlý 2008, f_node = number of nodes; at most 14);
        ``t_score`` ((O11 - E11) / sqrt(O11)).

    Raises
    ------
    InvalidParameterError
        A bad ``window``, ``measure``, ``min_count``, ``voice`` or ``pattern``, or
        both ``pattern`` and ``lexicon``.
    LexiconError
        A malformed pattern or lexicon, or no such ``label``.
    """
    check_table(corpus, ("doc_id", "text"), caller="collocates", table_name="corpus")
    wanted, _ = parse_voice(voice, caller="collocates")
    lex = _select_labels(_query_lexicon(pattern, lexicon, caller="collocates"), label)

    word_freq: Counter[str] = Counter()
    cooc: Counter[str] = Counter()
    n_tokens = window_tokens = n_nodes = 0
    for doc in documents(corpus, lex):
        words = doc.words
        word_freq.update(words)
        n_tokens += len(words)
        # Voices are only needed to choose nodes (finding them costs more than the rest).
        nodes = doc.labels if wanted is None else [hit for hit, _, _ in _voiced_labels(doc, wanted)]
        for start, end, _ in nodes:
            n_nodes += 1
            left_from, left_to, right_from, right_to = token_window(
                doc.token_starts, doc.token_ends, start, end, window)
            around = words[left_from:left_to] + words[right_from:right_to]
            window_tokens += len(around)
            cooc.update(around)
    return _collocate_table(word_freq, cooc, min_count, measure,
                            n_tokens=n_tokens, window_tokens=window_tokens, n_nodes=n_nodes)


def _collocate_table(
    word_freq: Counter[str], cooc: Counter[str], min_count: int, measure: str, *,
    n_tokens: int, window_tokens: int, n_nodes: int,
) -> pd.DataFrame:
    """The collocates table from the counts (see :func:`collocates`)."""
    rows = [(w, c, word_freq[w]) for w, c in cooc.items() if c >= min_count]
    data: dict[str, list[Any]] = {"word": [r[0] for r in rows], "n": [r[1] for r in rows],
                                  "n_word": [r[2] for r in rows]}
    o11 = np.array(data["n"], dtype=float)
    c1 = np.array(data["n_word"], dtype=float)
    measures = _association(o11, float(window_tokens), c1, float(n_tokens), float(n_nodes))
    data.update({k: v.tolist() for k, v in measures.items()})
    frame = make_frame(COLLOCATE_COLUMNS, data)
    if frame.empty:
        return frame
    return frame.sort_values([measure, "word"], ascending=[False, True], kind="stable").reset_index(drop=True)


def _association(
    o11: np.ndarray, r1: float, c1: np.ndarray, n: float, f_node: float
) -> dict[str, np.ndarray]:
    """Association measures from the 2x2 contingency table (see :func:`collocates`)."""
    if o11.size == 0:
        return {k: np.array([], dtype=float) for k in ("expected", *MEASURES)}
    r2 = n - r1
    c2 = n - c1
    observed = [o11, r1 - o11, c1 - o11, n - r1 - c1 + o11]
    expected = [r1 * c1 / n, r1 * c2 / n, r2 * c1 / n, r2 * c2 / n]
    with np.errstate(divide="ignore", invalid="ignore"):
        g2 = 2.0 * sum(
            np.where(o > 0, o * np.log(np.where(o > 0, o, 1.0) / e), 0.0)
            for o, e in zip(observed, expected, strict=True)
        )
        e11 = expected[0]
        g2 = np.where(o11 < e11, -g2, g2)
        pmi = np.log2(o11 / e11)
        logdice = 14.0 + np.log2(2.0 * o11 / (f_node + c1))
        t_score = (o11 - e11) / np.sqrt(o11)
    return {"expected": e11, "log_likelihood": g2, "pmi": pmi, "logdice": logdice,
            "t_score": t_score}


