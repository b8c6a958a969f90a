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
from bisect import bisect_left
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from . import sentiment as _sentiment
from .lexicon import resolve_lexicon

__all__ = ["Analysis", "analyze"]

# Articles per unit of work. Small enough for a smooth progress bar and bounded
# memory per worker, large enough that process overhead stays small.
_CHUNK_ARTICLES = 200
# Distinct texts whose scores a process remembers before it starts afresh.
_MEMO_LIMIT = 50_000

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


def _validated(corpus: pd.DataFrame) -> pd.DataFrame:
    from .corpus import validate_corpus

    if not isinstance(corpus, pd.DataFrame):
        raise TypeError(f"corpus must be a DataFrame, got {type(corpus).__name__}")
    checked = validate_corpus(corpus)
    # validate_corpus may return the corpus (possibly normalised) or only check it.
    return (checked if isinstance(checked, pd.DataFrame) else corpus).copy(deep=False)


@dataclass
class _Run:
    """What the chunks of one analysis share within a process: the lexicon, the memo
    of scores already computed and the label valences already looked up."""

    lexicon: Any
    memo: dict[str, tuple[float, ...]] = field(default_factory=dict)
    valence: dict[str, float] = field(default_factory=dict)


# Worker processes of a pool get their _Run once, through the pool initializer,
# instead of a lexicon with every chunk.
_worker_run: _Run | None = None


def _start_worker(lexicon: Any) -> None:
    global _worker_run
    _worker_run = _Run(lexicon)


def _warm_up(lexicon: Any) -> None:
    """Build the lazily built models in this process (Punkt, VADER's tables, the
    lexicon's matcher), so that forked workers start with them instead of each
    building its own."""
    from .text import split_sentences

    split_sentences("Warm up. Dr. Smith said: \"Yes.\" Done.")
    _sentiment._score_normalised(["warm up"])
    lexicon.find("warm up")


def _scores_of(texts: list[str], run: _Run) -> np.ndarray:
    """Scores of normalised texts; each distinct text is scored once per process.

    The memo is bounded: it starts afresh after ``_MEMO_LIMIT`` entries, so memory
    stays flat on a corpus of any size (a text seen again after that is scored
    again, with the same result, since scoring is deterministic).
    """
    memo = run.memo
    new = [t for t in dict.fromkeys(texts) if t not in memo]
    if len(memo) + len(new) > _MEMO_LIMIT:
        memo.clear()
        new = list(dict.fromkeys(texts))
    if new:
        memo.update(zip(new, _sentiment._score_normalised(new).tolist()))
    if not texts:
        return np.empty((0, 4), dtype=np.float64)
    return np.array([memo[t] for t in texts], dtype=np.float64)


def _label_valences(matches: list[str], run: _Run) -> np.ndarray:
    cache = run.valence
    out = np.empty(len(matches), dtype=np.float64)
    for i, match in enumerate(matches):
        value = cache.get(match)
        if value is None:
            value = cache[match] = _sentiment._label_valence(match)
        out[i] = value
    return out


def _analyze_chunk(
    corpus_chunk: pd.DataFrame, run: _Run, *, documents: bool = True
) -> tuple[pd.DataFrame | None, pd.DataFrame, pd.DataFrame]:
    """Documents, sentences and mentions of some articles, all scored.

    ``corpus_chunk`` is validated and holds the columns of :data:`_WORK_COLUMNS`;
    ``run`` gives the lexicon and the memo of scores shared with earlier chunks.
    This is the unit of parallel, streamed and Dask work: the result for a corpus is
    the concatenation, in order, of the results for its chunks (index reset).

    Each article is split into sentences once, for both tables; a mention's
    ``compound`` is its sentence row's score, and its sentence is masked and scored
    once however many labels it holds. With ``documents=False`` the documents
    table is left to the caller (None): :func:`analyze` builds it once from all
    sentences, which gives the same rows as building it per chunk.
    """
    from ._tables import iter_documents as _documents
    from ._tables import make_frame as _mention_frame
    from .mentions import MENTION_COLUMNS, _add_document_mentions
    from .text import (
        _add_sentence_rows,
        _sentence_frame,
        _sentence_rows,
        split_sentences,
    )

    lexicon = run.lexicon
    normalise = _sentiment._normalise_for_scoring
    rows = _sentence_rows()
    normalised: list[str] = []
    mention_cols: dict[str, list[Any]] = {name: [] for name in MENTION_COLUMNS}
    mention_rows: list[int] = []  # each mention's row in the sentences table
    masked: list[str] = []  # each mention's masked sentence
    mask_cache: dict[str, str] = {}
    for doc_id, outlet, date, text in _documents(corpus_chunk):
        spans = split_sentences(text)
        first_row = len(normalised)
        doc_sentences = _add_sentence_rows(rows, doc_id, text, spans)
        # An ASCII text's sentences are their own normalised forms.
        normalised.extend(doc_sentences if text.isascii() else map(normalise, doc_sentences))
        found = lexicon.scan(text) if text else []
        added = _add_document_mentions(
            mention_cols, doc_id, outlet, date, text, lexicon, spans, found
        )
        if added:
            ids = mention_cols["sentence_id"][-added:]
            mention_rows.extend(first_row + k for k in ids)
            masks = _masked_sentences(text, spans, found, dict.fromkeys(ids), lexicon, mask_cache)
            masked.extend(masks[k] for k in ids)

    sentence_scores = _scores_of(normalised, run)
    sentences = _sentence_frame(rows)
    for j, column in enumerate(_sentiment.SCORE_COLUMNS):
        sentences[column] = sentence_scores[:, j]

    rows = np.asarray(mention_rows, dtype=np.intp)
    mentions = _mention_frame(MENTION_COLUMNS, mention_cols, corpus_chunk)
    mentions["compound"] = sentence_scores[rows, 3] if len(rows) else np.empty(0)
    mentions["compound_masked"] = _scores_of([normalise(t) for t in masked], run)[:, 3]
    mentions["label_valence"] = _label_valences(mention_cols["match"], run)
    mentions["sentence_masked"] = pd.Series(masked, dtype="str")

    if not documents:
        return None, sentences, mentions
    return _sentiment.score_documents(sentences, corpus=corpus_chunk), sentences, mentions


def _masked_sentences(
    text: str,
    spans: list[tuple[int, int]],
    found: list[tuple[int, int, Any]],
    sentence_ids: Iterable[int],
    lexicon: Any,
    cache: dict[str, str],
) -> dict[int, str]:
    """The masked form of some sentences of an article, from the article's own scan.

    Equal to ``sentiment._mask_text(sentence, lexicon, MASK_TOKEN)`` (what
    :func:`mediakit.score_mentions` does), without scanning the sentence again: the
    lexicon's guards only look at word characters, hyphens and apostrophes next to a
    match, so when whitespace (or the text's edge) surrounds the sentence and no
    match of the article's scan straddles its edges, the scan of the sentence alone
    finds exactly the article's matches inside it. Any other sentence is scanned on
    its own.
    """
    token = _sentiment.MASK_TOKEN
    starts = [s for s, _, _ in found]
    out: dict[int, str] = {}
    n = len(text)
    for k in sentence_ids:
        s, e = spans[k]
        i = bisect_left(starts, s)
        # the match before the first one starting in the sentence must end before it
        safe = (
            (s == 0 or text[s - 1].isspace())
            and (e == n or text[e].isspace())
            and (i == 0 or found[i - 1][1] <= s)
        )
        pieces: list[str] = []
        position = s
        j = i
        while safe and j < len(found) and found[j][0] < e:
            start, end, entry = found[j]
            if end > e:
                safe = False
                break
            if entry.kind == "label":
                pieces.append(text[position:start])
                pieces.append(token)
                position = end
            j += 1
        if safe:
            pieces.append(text[position:e])
            out[k] = "".join(pieces)
            continue
        sentence = text[s:e]
        masked = cache.get(sentence)
        if masked is None:
            masked = cache[sentence] = _sentiment._mask_text(sentence, lexicon, token)
        out[k] = masked
    return out


def _analyze_chunk_in_worker(
    corpus_chunk: pd.DataFrame, documents: bool
) -> tuple[pd.DataFrame | None, pd.DataFrame, pd.DataFrame]:
    assert _worker_run is not None, "the pool initializer sets the worker's run"
    return _analyze_chunk(corpus_chunk, _worker_run, documents=documents)


def _chunks(frame: pd.DataFrame, size: int) -> Iterator[pd.DataFrame]:
    for start in range(0, len(frame), size):
        yield frame.iloc[start : start + size]


def _resolve_n_jobs(n_jobs: int) -> int:
    if isinstance(n_jobs, bool) or not isinstance(n_jobs, int):
        raise TypeError(f"n_jobs must be an int, got {type(n_jobs).__name__}")
    if n_jobs == -1:
        return os.cpu_count() or 1
    if n_jobs < 1:
        raise ValueError(f"n_jobs must be a positive int or -1 (all cores), got {n_jobs}")
    return n_jobs


#: Columns of the corpus a chunk of work needs (the documents table carries the
#: first four; the mentions table doc_id, outlet, date; the text is analysed).
_WORK_COLUMNS = ("doc_id", "outlet", "date", "title", "text")


def _work_frame(corpus_chunk: pd.DataFrame) -> pd.DataFrame:
    """The columns of a validated corpus chunk that the analysis reads, without attrs
    (the loader's skipped-records table need not travel to workers)."""
    work = corpus_chunk[list(_WORK_COLUMNS)]
    work.attrs = {}
    return work


def _run_chunks(
    chunks: Iterable[pd.DataFrame],
    lexicon: Any,
    *,
    workers: int,
    progress: bool,
    total: int | None,
    documents: bool = True,
) -> Iterator[tuple[pd.DataFrame | None, pd.DataFrame, pd.DataFrame]]:
    """Analyse validated corpus chunks in order, in this process or in ``workers``
    processes, yielding each chunk's (documents, sentences, mentions); documents
    is None with ``documents=False`` (see :func:`_analyze_chunk`).

    At most ``2 * workers`` chunks are in flight, so a lazy ``chunks`` iterator
    (a file read in chunks) is never read far ahead of the results.
    """
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=total, desc="splitting, matching, scoring", unit="article", file=sys.stderr)
    try:
        if workers <= 1:
            run = _Run(lexicon)
            for chunk in chunks:
                result = _analyze_chunk(_work_frame(chunk), run, documents=documents)
                if bar is not None:
                    bar.update(len(chunk))
                yield result
            return
        _warm_up(lexicon)
        with ProcessPoolExecutor(
            max_workers=workers, initializer=_start_worker, initargs=(lexicon,)
        ) as executor:
            pending: deque[tuple[int, Future[Any]]] = deque()
            for chunk in chunks:
                future = executor.submit(_analyze_chunk_in_worker, _work_frame(chunk), documents)
                pending.append((len(chunk), future))
                if len(pending) >= 2 * workers:
                    size, future = pending.popleft()
                    result = future.result()
                    if bar is not None:
                        bar.update(size)
                    yield result
            while pending:
                size, future = pending.popleft()
                result = future.result()
                if bar is not None:
                    bar.update(size)
                yield result
    finally:
        if bar is not None:
            bar.close()


def _concat(parts: list[pd.DataFrame]) -> pd.DataFrame:
    return pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0].reset_index(drop=True)


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
        (anything :func:`mediakit.load_lexicon` takes); None: the bundled default,
        ``"conflict"`` (:func:`mediakit.lexicon.resolve_lexicon`). For the bundled
        sample pass ``"marenna"``, the lexicon written for it.
    n_jobs
        Worker processes (``-1``: all cores). Articles are split into chunks that
        the workers analyse and score whole (each chunk travels once each way);
        the result is identical to ``n_jobs=1``.
    progress
        Show progress bars (tqdm, on stderr).

    Returns
    -------
    Analysis
        ``documents``, ``sentences`` and ``mentions`` (all scored; columns listed on
        :class:`Analysis`), the validated ``corpus`` and the ``lexicon``.

    Each distinct sentence is scored once per process, however often it recurs
    (wire copy, boilerplate), and so is each distinct masked sentence (a process's
    memo of scores is capped at 50,000 texts, then starts afresh). VADER is applied per
    sentence, never to a whole article. VADER's agreement with human judgement on
    news sentences is moderate (about r = 0.5, Hutto & Gilbert 2014).

    For a corpus too large for memory use :func:`mediakit.analyze_stream` (chunks
    read from files, tables written to Parquet); on a cluster,
    :func:`mediakit.analyze_dask`. Both give the same tables.
    """
    workers = _resolve_n_jobs(n_jobs)
    corpus = _validated(corpus)
    lexicon = resolve_lexicon(lexicon)
    # Masking must not add valence; check the token before any work.
    _sentiment._check_mask_token(_sentiment.MASK_TOKEN, lexicon)

    chunk_size = _CHUNK_ARTICLES
    if workers > 1 and len(corpus):
        # Several chunks per worker keep all workers busy until the end.
        chunk_size = max(1, min(_CHUNK_ARTICLES, math.ceil(len(corpus) / (workers * 8))))
    chunks = list(_chunks(corpus, chunk_size)) or [corpus]
    sentences, mentions = [], []
    for _, chunk_sentences, chunk_mentions in _run_chunks(
        chunks, lexicon, workers=workers, progress=progress, total=len(corpus), documents=False
    ):
        sentences.append(chunk_sentences)
        mentions.append(chunk_mentions)
    all_sentences = _concat(sentences)
    # One groupby over all sentences instead of one per chunk (documents never
    # span chunks, so the rows are the same).
    documents = _sentiment.score_documents(all_sentences, corpus=_work_frame(corpus))
    return Analysis(
        corpus=corpus,
        documents=documents,
        sentences=all_sentences,
        mentions=_concat(mentions),
        lexicon=lexicon,
    )
