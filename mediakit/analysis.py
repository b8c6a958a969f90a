"""``analyze()``: the one call notebooks and scripts use (issue 4).

``analyze(corpus)`` splits every article into sentences, finds every lexicon label
(with its voice and speaker), scores each sentence with VADER and each mention twice
(as written and label-masked), and aggregates sentence scores to documents. The
result is an :class:`Analysis` holding the four tables and the lexicon used.

About the tone columns: VADER follows human judgement only moderately on news
sentences (about r = 0.5 in Hutto & Gilbert's 2014 evaluation on New York Times op-ed
snippets), so compare averages over many sentences and read the sentences behind
them. ``compound`` of a mention includes the valence of the label itself
("terrorists" is -3.1 in VADER's lexicon); ``compound_masked`` scores the same
sentence with every lexicon term replaced by a neutral word and so measures the
surrounding wording only. See :mod:`mediakit.sentiment`.
"""

from __future__ import annotations

import math
import os
import sys
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from . import sentiment as _sentiment

__all__ = ["Analysis", "analyze"]

# Articles per unit of work. Small enough for a smooth progress bar and bounded
# memory per worker, large enough that process overhead stays small.
_CHUNK_ARTICLES = 200
# Distinct sentences per scoring batch.
_SCORE_BATCH = 2000

SUMMARY_COLUMNS: tuple[str, ...] = (
    "outlet",
    "n_articles",
    "n_words",
    "n_mentions",
    "top_label",
    "top_label_share",
)


@dataclass(frozen=True, eq=False)
class Analysis:
    """The result of :func:`analyze`: the corpus, its scored tables and the lexicon.

    Attributes
    ----------
    corpus
        The validated corpus (a shallow copy; the caller's frame is never changed).
    documents
        One row per article, corpus order: ``doc_id, outlet, date, title,
        n_sentences, n_words, compound_mean, compound_median, pos_share, neg_share,
        neu_share`` (see :func:`mediakit.score_documents`).
    sentences
        One row per sentence: ``doc_id, sentence_id, start, end, text, n_words, neg,
        neu, pos, compound`` (see :func:`mediakit.score_sentences`).
    mentions
        One row per label occurrence: the columns of :func:`mediakit.find_mentions`
        then ``compound, compound_masked, label_valence, sentence_masked`` (see
        :func:`mediakit.score_mentions`).
    lexicon
        The :class:`mediakit.Lexicon` the mentions were found with.

    VADER agrees with people only moderately on news (about r = 0.5); ``compound``
    of a mention carries the label's own valence, ``compound_masked`` does not.
    """

    corpus: pd.DataFrame
    documents: pd.DataFrame
    sentences: pd.DataFrame
    mentions: pd.DataFrame
    lexicon: Any

    def summary(self) -> pd.DataFrame:
        """A small per-outlet overview, one row per outlet (sorted by outlet).

        Columns: ``outlet``; ``n_articles``; ``n_words`` (sum over its articles);
        ``n_mentions`` (label occurrences, all voices); ``top_label`` (its most
        frequent label, ties broken alphabetically; missing without mentions);
        ``top_label_share`` (that label's share of the outlet's mentions).
        """
        docs = self.documents
        per_outlet = docs.groupby("outlet", sort=True).agg(
            n_articles=("doc_id", "size"),
            n_words=("n_words", "sum"),
        )
        counts = (
            self.mentions.groupby(["outlet", "label"], sort=True).size().rename("n")
            if len(self.mentions)
            else pd.Series(dtype="int64", name="n")
        )
        n_mentions = counts.groupby(level=0).sum() if len(counts) else pd.Series(dtype="int64")
        top_label: dict[str, str] = {}
        top_share: dict[str, float] = {}
        for outlet, group in counts.groupby(level=0, sort=True) if len(counts) else []:
            ranked = group.droplevel(0).sort_index().sort_values(ascending=False, kind="stable")
            top_label[outlet] = ranked.index[0]
            top_share[outlet] = float(ranked.iloc[0] / ranked.sum())
        out = per_outlet.reset_index()
        out["n_mentions"] = out["outlet"].map(n_mentions).fillna(0).astype("int64")
        out["top_label"] = pd.Series(out["outlet"].map(top_label), dtype="str")
        out["top_label_share"] = out["outlet"].map(top_share).astype("float64")
        return out[list(SUMMARY_COLUMNS)]

    def __repr__(self) -> str:
        return (
            f"Analysis({len(self.documents)} documents, {len(self.sentences)} sentences, "
            f"{len(self.mentions)} mentions, lexicon={getattr(self.lexicon, 'name', None)!r})"
        )


def _resolve_lexicon(lexicon: Any) -> Any:
    from .lexicon import DEFAULT_LEXICON, Lexicon, load_lexicon

    if lexicon is None:
        return load_lexicon(DEFAULT_LEXICON)
    if isinstance(lexicon, Lexicon):
        return lexicon
    if isinstance(lexicon, Mapping):
        return Lexicon.from_dict(lexicon)
    return load_lexicon(lexicon)


def _validated(corpus: pd.DataFrame) -> pd.DataFrame:
    from .corpus import validate_corpus

    if not isinstance(corpus, pd.DataFrame):
        raise TypeError(f"corpus must be a DataFrame, got {type(corpus).__name__}")
    checked = validate_corpus(corpus)
    # validate_corpus may return the corpus (possibly normalised) or only check it.
    return (checked if isinstance(checked, pd.DataFrame) else corpus).copy(deep=False)


def _analyze_chunk(corpus_chunk: pd.DataFrame, lexicon: Any) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Sentences and mentions of some articles, not yet scored.

    The mentions carry ``sentence_masked`` already, since masking needs the lexicon
    and is per-article work. This is the unit of parallel and chunked work: the
    result for a corpus is the concatenation of the results for its chunks, in order.
    """
    from .framing import find_mentions
    from .text import sentences as split_into_sentences

    sentences = split_into_sentences(corpus_chunk)
    mentions = find_mentions(corpus_chunk, lexicon)
    mentions = mentions.drop(
        columns=[c for c in _sentiment.MENTION_SCORE_COLUMNS if c in mentions.columns]
    )
    mentions["sentence_masked"] = pd.Series(
        _sentiment._mask_distinct(mentions["sentence"].tolist(), lexicon, _sentiment.MASK_TOKEN),
        index=mentions.index,
        dtype="str",
    )
    return sentences, mentions


def _chunks(frame: pd.DataFrame, size: int) -> Iterator[pd.DataFrame]:
    for start in range(0, len(frame), size):
        yield frame.iloc[start : start + size]


def _batches(items: Sequence[str], size: int) -> Iterator[Sequence[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _progress(iterable: Any, *, enabled: bool, total: int, desc: str, unit: str) -> Any:
    if not enabled:
        return iterable
    from tqdm import tqdm

    return tqdm(iterable, total=total, desc=desc, unit=unit, file=sys.stderr)


def _resolve_n_jobs(n_jobs: int) -> int:
    if isinstance(n_jobs, bool) or not isinstance(n_jobs, int):
        raise TypeError(f"n_jobs must be an int, got {type(n_jobs).__name__}")
    if n_jobs == -1:
        return os.cpu_count() or 1
    if n_jobs < 1:
        raise ValueError(f"n_jobs must be a positive int or -1 (all cores), got {n_jobs}")
    return n_jobs


def _score_pool(
    texts: list[str], *, executor: ProcessPoolExecutor | None, progress: bool
) -> dict[str, np.ndarray]:
    """Score every distinct normalised text once: normalised text -> (neg, neu, pos,
    compound)."""
    distinct = list(dict.fromkeys(_sentiment._normalise_for_scoring(t) for t in texts))
    batches = list(_batches(distinct, _SCORE_BATCH))
    if executor is None:
        results: Any = map(_sentiment._score_normalised, batches)
    else:
        results = executor.map(_sentiment._score_normalised, batches)
    scored: dict[str, np.ndarray] = {}
    for batch, scores in _progress(
        zip(batches, results), enabled=progress, total=len(batches), desc="scoring", unit="batch"
    ):
        scored.update(zip(batch, scores))
    return scored


def _lookup(texts: list[str], scored: dict[str, np.ndarray]) -> np.ndarray:
    if not texts:
        return np.empty((0, 4), dtype=np.float64)
    return np.stack([scored[_sentiment._normalise_for_scoring(t)] for t in texts])


def analyze(
    corpus: pd.DataFrame,
    lexicon: Any = None,
    *,
    n_jobs: int = 1,
    progress: bool = False,
) -> Analysis:
    """Sentences, mentions and tone of a corpus in one call.

    Parameters
    ----------
    corpus
        The corpus table (:func:`mediakit.load_corpus`); validated first, never
        modified.
    lexicon
        A :class:`mediakit.Lexicon`, the name of a bundled lexicon, a path or a dict
        (anything :func:`mediakit.load_lexicon` takes); None uses the bundled default.
    n_jobs
        Worker processes (``-1``: all cores). Articles are split into chunks, and
        distinct sentences into batches, spread over the workers; the result is
        identical to ``n_jobs=1``.
    progress
        Show progress bars (tqdm, on stderr).

    Returns
    -------
    Analysis
        ``documents``, ``sentences`` and ``mentions`` (all scored; columns listed on
        :class:`Analysis`), the validated ``corpus`` and the ``lexicon``.

    Each distinct sentence is scored once, however often it recurs (wire copy,
    boilerplate), and so is each distinct masked sentence. VADER is applied per
    sentence, never to a whole article. VADER's agreement with human judgement on
    news sentences is moderate (about r = 0.5, Hutto & Gilbert 2014).
    """
    workers = _resolve_n_jobs(n_jobs)
    corpus = _validated(corpus)
    lexicon = _resolve_lexicon(lexicon)
    # Masking must not add valence; check the token before any work.
    _sentiment._check_mask_token(_sentiment.MASK_TOKEN, lexicon)

    chunk_size = _CHUNK_ARTICLES
    if workers > 1 and len(corpus):
        # Several chunks per worker keep all workers busy until the end.
        chunk_size = max(1, min(_CHUNK_ARTICLES, math.ceil(len(corpus) / (workers * 4))))
    # The chunks need no attrs (the loader's skipped-records table lives there); the
    # workers need not receive it, and the Analysis keeps it on its corpus.
    work = corpus.copy(deep=False)
    work.attrs = {}
    chunks = list(_chunks(work, chunk_size)) or [work]

    executor = ProcessPoolExecutor(max_workers=workers) if workers > 1 else None
    try:
        if executor is None:
            parts: Any = (_analyze_chunk(chunk, lexicon) for chunk in chunks)
        else:
            parts = executor.map(_analyze_chunk, chunks, [lexicon] * len(chunks))
        sentence_parts: list[pd.DataFrame] = []
        mention_parts: list[pd.DataFrame] = []
        articles = _progress(
            parts, enabled=progress, total=len(chunks), desc="articles", unit="chunk"
        )
        for chunk_sentences, chunk_mentions in articles:
            sentence_parts.append(chunk_sentences)
            mention_parts.append(chunk_mentions)
        sentences = pd.concat(sentence_parts, ignore_index=True)
        mentions = pd.concat(mention_parts, ignore_index=True)

        sentence_texts = sentences["text"].tolist()
        mention_texts = mentions["sentence"].tolist()
        masked_texts = mentions["sentence_masked"].tolist()
        scored = _score_pool(
            sentence_texts + mention_texts + masked_texts, executor=executor, progress=progress
        )
    finally:
        if executor is not None:
            executor.shutdown()

    sentence_scores = _lookup(sentence_texts, scored)
    for j, column in enumerate(_sentiment.SCORE_COLUMNS):
        sentences[column] = sentence_scores[:, j]

    masked = mentions.pop("sentence_masked")
    valence = {m: _sentiment._label_valence(m) for m in dict.fromkeys(mentions["match"].tolist())}
    mentions["compound"] = _lookup(mention_texts, scored)[:, 3]
    mentions["compound_masked"] = _lookup(masked_texts, scored)[:, 3]
    mentions["label_valence"] = mentions["match"].map(valence).astype("float64")
    mentions["sentence_masked"] = masked

    documents = _sentiment.score_documents(sentences, corpus=corpus)
    return Analysis(
        corpus=corpus,
        documents=documents,
        sentences=sentences,
        mentions=mentions,
        lexicon=lexicon,
    )
