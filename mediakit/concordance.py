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

from bisect import bisect_left
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from ._tables import iter_documents, make_frame, one_line, sentence_index
from ._validation import check_table, parse_voice
from .errors import InvalidParameterError, LexiconError
from .lexicon import Lexicon, LexiconLike, resolve_lexicon
from .text import split_sentences, tokenize
from .voice import voice_at, voice_spans

__all__ = ["COLLOCATE_COLUMNS", "KWIC_COLUMNS", "MEASURES", "collocates", "kwic"]

KWIC_COLUMNS: tuple[str, ...] = (
    "doc_id", "outlet", "date", "actor", "label", "left", "match", "right", "voice",
    "speaker", "start", "end", "pattern",
)
COLLOCATE_COLUMNS: tuple[str, ...] = (
    "word", "n", "n_word", "expected", "log_likelihood", "pmi", "logdice", "t_score",
)
#: Association measures :func:`collocates` computes (and can sort by).
MEASURES: tuple[str, ...] = ("log_likelihood", "pmi", "logdice", "t_score")
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


def _check_window(window: Any) -> int:
    if isinstance(window, bool) or not isinstance(window, int) or window < 0:
        raise ValueError(f"window must be a non-negative integer, got {window!r}")
    return window



# ----------------------------------------------------------------------------------
# KWIC


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

    ``pattern`` is a glob string or a list of them (actor and label ``"query"``);
    without one, every label of ``lexicon`` is a keyword (None: the default lexicon). ``unit="words"``
    gives ``window`` word tokens of context on each side (punctuation between them
    kept); ``unit="sentence"`` gives the rest of the sentence on each side. Context
    is shown on one line (runs of whitespace become one space). ``voice`` keeps only
    matches in that voice: ``"narration"``, ``"quote"``, ``"scare_quote"`` or a list
    of these; ``None`` (default) or ``"all"`` keeps every voice (the same values as
    the comparisons of :mod:`mediakit.compare`, apart from their ``"split"``).

    Columns: ``doc_id``, ``outlet``, ``date``, ``actor``, ``label``, ``left``,
    ``match``, ``right`` (str), ``voice`` (str), ``speaker`` (string, <NA> when none),
    ``start``, ``end`` (int64 offsets of the match in the article: ``text[start:end]
    == match``), ``pattern`` (str, the pattern that matched).
    """
    check_table(corpus, ("doc_id", "outlet", "text"), caller="kwic", table_name="corpus")
    window = _check_window(window)
    if unit not in ("words", "sentence"):
        raise ValueError(f"unit must be 'words' or 'sentence', got {unit!r}")
    wanted, _ = parse_voice(voice, caller="kwic")
    lex = _query_lexicon(pattern, lexicon, caller="kwic")
    cols: dict[str, list[Any]] = {name: [] for name in KWIC_COLUMNS}
    for doc_id, outlet, date, text in iter_documents(corpus):
        if not text:
            continue
        matches = lex.find(text)
        if not matches:
            continue
        voices, speakers = voice_at(voice_spans(text), [m.start for m in matches],
                                    [m.end for m in matches])
        if unit == "words":
            tokens = tokenize(text)
            token_starts = [s for s, _ in tokens]
            token_ends = [e for _, e in tokens]
        else:
            sentence_spans = split_sentences(text)
            sentence_starts = [s for s, _ in sentence_spans]
        for m, v, speaker in zip(matches, voices, speakers, strict=True):
            if wanted is not None and v not in wanted:
                continue
            if unit == "words":
                first = bisect_left(token_ends, m.start + 1)  # first token ending after start
                left_start = token_starts[max(first - window, 0)] if window and first > 0 else m.start
                last = bisect_left(token_starts, m.end)  # first token starting at/after end
                if window and last < len(tokens):
                    right_end = token_ends[min(last + window, len(tokens)) - 1]
                else:
                    right_end = m.end
                left, right = text[left_start:m.start], text[m.end:right_end]
            else:
                k = sentence_index(sentence_starts, m.start)
                sent_start, sent_end = sentence_spans[k] if sentence_spans else (m.start, m.end)
                left = text[sent_start:m.start] if sent_start <= m.start else ""
                right = text[m.end:sent_end] if sent_end >= m.end else ""
            cols["doc_id"].append(doc_id)
            cols["outlet"].append(outlet)
            cols["date"].append(date)
            cols["actor"].append(m.actor)
            cols["label"].append(m.label)
            cols["left"].append(one_line(left))
            cols["match"].append(m.match)
            cols["right"].append(one_line(right))
            cols["voice"].append(v)
            cols["speaker"].append(speaker)
            cols["start"].append(m.start)
            cols["end"].append(m.end)
            cols["pattern"].append(m.pattern)
    return make_frame(KWIC_COLUMNS, cols, corpus)


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
    """Words that keep company with a pattern or a lexicon's labels (association measures).

    ``pattern`` is a glob string or a list of them; without one, the target is every
    label of ``lexicon`` (None: the default lexicon; ``label="terrorist"`` or
    ``label="armed_opposition:terrorist"`` picks one).
    Each occurrence of the target (a *node*) opens a window of ``window`` word tokens
    on each side, within its article; the tokens of the node itself are not counted.
    Words are :func:`mediakit.text.tokenize` tokens, lower-cased. ``voice`` counts
    only nodes in that voice (values as in :func:`kwic`: ``None`` or ``"all"`` for
    every voice, one voice or a list); word frequencies are always over the whole
    corpus.

    Contingency table per word w (Evert 2008, surface co-occurrence): ``O11 = n``
    (tokens of w in node windows, per node), ``R1`` = all tokens in node windows,
    ``C1 = n_word`` (w's corpus frequency), ``N`` = corpus tokens; expected
    ``E11 = R1 * C1 / N``.

    Columns: ``word`` (str); ``n`` (int64, co-occurrences); ``n_word`` (int64, corpus
    frequency); ``expected`` (E11); ``log_likelihood`` (Dunning's G2 over the 2x2
    table, natural log, signed: negative when w is rarer near the target than
    expected); ``pmi`` (log2 O11/E11); ``logdice`` (14 + log2(2n / (f_node +
    n_word)), Rychlý 2008, f_node = number of nodes; at most 14); ``t_score`` ((O11 -
    E11) / sqrt(O11)). Rows with ``n >= min_count`` (default 3, as in
    :func:`mediakit.distinguishing_words`), sorted by ``measure`` descending
    (ties by word).
    """
    check_table(corpus, ("doc_id", "text"), caller="collocates", table_name="corpus")
    window = _check_window(window)
    if measure not in MEASURES:
        raise ValueError(f"measure must be one of {list(MEASURES)}, got {measure!r}")
    if isinstance(min_count, bool) or not isinstance(min_count, int) or min_count < 1:
        raise ValueError(f"min_count must be a positive integer, got {min_count!r}")
    wanted, _ = parse_voice(voice, caller="collocates")
    lex = _select_labels(_query_lexicon(pattern, lexicon, caller="collocates"), label)

    word_freq: Counter[str] = Counter()
    cooc: Counter[str] = Counter()
    n_tokens = 0
    window_tokens = 0
    n_nodes = 0
    for _doc_id, _outlet, _date, text in iter_documents(corpus):
        if not text:
            continue
        tokens = tokenize(text)
        words = [text[s:e].lower() for s, e in tokens]
        word_freq.update(words)
        n_tokens += len(words)
        matches = lex.find(text)
        if not matches:
            continue
        if wanted is not None:
            voices, _ = voice_at(voice_spans(text), [m.start for m in matches],
                                 [m.end for m in matches])
            matches = [m for m, v in zip(matches, voices, strict=True) if v in wanted]
        token_starts = [s for s, _ in tokens]
        token_ends = [e for _, e in tokens]
        for m in matches:
            n_nodes += 1
            first = bisect_left(token_ends, m.start + 1)
            last = bisect_left(token_starts, m.end)
            around = words[max(first - window, 0):first] + words[last:last + window]
            window_tokens += len(around)
            cooc.update(around)
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


