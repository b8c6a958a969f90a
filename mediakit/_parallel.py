"""Worker processes for ``analyze(n_jobs=...)`` and ``analyze_stream`` (issue 19).

Why the work is spread the way it is:

- **One pool, reused.** The first parallel call forks a pool of worker processes
  (after building Punkt's parameters, VADER's tables and the lexicon's matcher in
  this process, so every worker starts with them); later calls reuse it. A call
  with more workers than the pool has replaces it with a larger one; a call with
  fewer keeps it and never has more than ``n_jobs`` chunks in the workers at once.
  :func:`shutdown` stops the pool (it also stops when the interpreter exits, and
  after a call that failed or was interrupted).
- **Small corpora stay here.** A corpus shorter than :data:`PARALLEL_MIN_CHARS`
  characters is analysed in this process: below that, starting and feeding workers
  costs more than it saves.
- **Chunks by length, not by article count.** Articles are cut into runs of about
  equal text length (characters; what splitting, scanning and scoring cost grows
  with it), large ones first and smaller ones towards the end (guided scheduling),
  so that the workers finish together without many small chunks.
- **Compact results.** A worker sends each table back as its columns (NumPy arrays;
  Arrow arrays for text), never as a pickled DataFrame, and :func:`analyze_chunks`
  builds each table once from the concatenated columns.
- **Same work as one process.** Each worker keeps a memo of scores for one call
  only, as ``n_jobs=1`` does, so a repeated call does the work of the first; the
  results equal those of ``n_jobs=1`` row for row (``tests/test_parallel.py``).

The lexicon travels pickled once per task (about 100 kB) and is unpickled once per
worker, kept by a digest of its bytes.
"""

from __future__ import annotations

import atexit
import hashlib
import itertools
import multiprocessing
import os
import pickle
import signal
import sys
import threading
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from numbers import Integral
from typing import Any

import numpy as np
import pandas as pd

from ._validation import Interval, Options, check_param

__all__ = ["N_JOBS", "PARALLEL_MIN_CHARS", "analyze_chunks", "resolve_n_jobs", "run_chunks", "shutdown"]

#: What ``n_jobs`` accepts: a number of worker processes, or -1 for every core.
N_JOBS: list[Any] = [Interval(Integral, 1, None), Options([-1])]

#: Below this many characters of text (about 40,000 words) a corpus is analysed in
#: the calling process whatever ``n_jobs`` asks: forking and feeding workers would
#: cost more than they save.
PARALLEL_MIN_CHARS = 250_000

#: The smallest chunk worth a trip to a worker (about 8,000 words).
MIN_CHUNK_CHARS = 50_000


def resolve_n_jobs(n_jobs: int, *, caller: str = "analyze") -> int:
    """The number of worker processes ``n_jobs`` asks for (-1: every core), or an
    :class:`~mediakit.errors.InvalidParameterError` naming ``caller``."""
    check_param("n_jobs", n_jobs, N_JOBS, caller=caller)
    return (os.cpu_count() or 1) if n_jobs == -1 else int(n_jobs)


# --- tables as columns -------------------------------------------------------------


@dataclass(frozen=True)
class Columns:
    """A table as its columns: what travels between processes instead of a DataFrame.

    ``values`` holds a NumPy array per column of a NumPy dtype and the column's own
    array otherwise (text columns: pandas' Arrow-backed string array, which pickles
    as Arrow buffers).
    """

    names: tuple[str, ...]
    values: tuple[Any, ...]
    length: int

    @classmethod
    def of(cls, frame: pd.DataFrame) -> Columns:
        values = []
        for name in frame.columns:
            column = frame[name]
            values.append(column.to_numpy() if isinstance(column.dtype, np.dtype) else column.array)
        return cls(tuple(str(name) for name in frame.columns), tuple(values), len(frame))

    def frame(self) -> pd.DataFrame:
        return _frame(self.names, self.values, self.length)


def _frame(names: Sequence[str], values: Sequence[Any], length: int) -> pd.DataFrame:
    return pd.DataFrame(
        {name: pd.Series(value, copy=False) for name, value in zip(names, values, strict=True)},
        index=pd.RangeIndex(length),
        columns=list(names),
    )


def _concat_columns(parts: Sequence[Columns]) -> pd.DataFrame:
    """One table from the columns of consecutive chunks (index 0..n-1): what
    ``pd.concat([part.frame() ...], ignore_index=True)`` gives, built once."""
    first = parts[0]
    values = []
    for j, _ in enumerate(first.names):
        pieces = [part.values[j] for part in parts]
        if isinstance(pieces[0], np.ndarray):
            values.append(np.concatenate(pieces))
        else:
            values.append(type(pieces[0])._concat_same_type(pieces))
    return _frame(first.names, values, sum(part.length for part in parts))


# --- the worker side -----------------------------------------------------------------

# What a worker process keeps between tasks: lexicons by digest (the pool's own,
# given when it was forked, and the last one received) and the current call's run.
_worker_lexicons: dict[str, Any] = {}
_worker_call: tuple[int, str, Any] | None = None


def _start_worker(key: str, lexicon: Any) -> None:
    # Ctrl-C reaches the whole process group; the calling process handles it (it
    # stops the pool). A worker that died on it could leave the pool's feeder
    # blocked on a full pipe.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _worker_lexicons[key] = lexicon


def _work(
    call: int, key: str, lexicon_bytes: bytes, chunk: Columns, documents: bool, events: Any = None
) -> tuple[Columns | None, Columns, Columns, Columns | None]:
    """Analyse one chunk of articles in a worker; the tables go back as columns (the
    events table too, with an event lexicon ``events``: ``analyze(events=...)``)."""
    global _worker_call
    from .analysis import _analyze_chunk, _Run
    from .events import _event_rows_frame

    if _worker_call is None or _worker_call[:2] != (call, key):
        lexicon = _worker_lexicons.get(key)
        if lexicon is None:
            lexicon = pickle.loads(lexicon_bytes)
            # keep the pool's own lexicon and this one, nothing older
            for old in list(_worker_lexicons)[1:]:
                del _worker_lexicons[old]
            _worker_lexicons[key] = lexicon
        # a fresh memo of scores per call, as in one process
        _worker_call = (call, key, _Run(lexicon, events=events))
    run = _worker_call[2]
    frame = chunk.frame()
    documents_table, sentences, mentions = _analyze_chunk(frame, run, documents=documents)
    event_rows, run.event_rows = run.event_rows, []
    return (
        None if documents_table is None else Columns.of(documents_table),
        Columns.of(sentences),
        Columns.of(mentions),
        None if events is None else Columns.of(_event_rows_frame(event_rows, frame)),
    )


# --- the pool --------------------------------------------------------------------------

_lock = threading.Lock()
_pool: ProcessPoolExecutor | None = None
_pool_size = 0
_pool_pid = 0
_calls = itertools.count()
# The lexicon last sent, with its pickled bytes and their digest (pickled once per
# lexicon object, not once per call).
_sent: tuple[Any, str, bytes] | None = None


def _lexicon_payload(lexicon: Any) -> tuple[str, bytes]:
    global _sent
    if _sent is not None and _sent[0] is lexicon:
        return _sent[1], _sent[2]
    data = pickle.dumps(lexicon, protocol=pickle.HIGHEST_PROTOCOL)
    key = hashlib.blake2b(data, digest_size=16).hexdigest()
    _sent = (lexicon, key, data)
    return key, data


def _context() -> Any:
    # fork: workers start with this process's built models and imports at once;
    # where there is no fork (Windows, macOS default), the platform's default.
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods and sys.platform != "darwin" else None)


def _get_pool(workers: int, lexicon: Any, key: str) -> tuple[ProcessPoolExecutor, int]:
    """The shared pool, with at least ``workers`` processes; and its size."""
    global _pool, _pool_size, _pool_pid
    with _lock:
        if _pool is not None and _pool_pid != os.getpid():
            # a forked copy of this module: the pool belongs to the parent
            _pool, _pool_size = None, 0
        if _pool is not None and (_pool_size < workers or getattr(_pool, "_broken", False)):
            _stop(_pool)
            _pool, _pool_size = None, 0
        if _pool is None:
            from .analysis import _warm_up

            _warm_up(lexicon)
            _pool = ProcessPoolExecutor(
                max_workers=workers, mp_context=_context(), initializer=_start_worker, initargs=(key, lexicon)
            )
            _pool_size, _pool_pid = workers, os.getpid()
        return _pool, _pool_size


def _stop(pool: ProcessPoolExecutor) -> None:
    pool.shutdown(wait=True, cancel_futures=True)


def shutdown() -> None:
    """Stop the worker processes kept between calls (the next parallel call starts
    new ones). Safe to call at any time."""
    global _pool, _pool_size
    with _lock:
        pool, _pool, _pool_size = _pool, None, 0
        if pool is not None and _pool_pid == os.getpid():
            _stop(pool)


atexit.register(shutdown)


def _in_order(
    chunks: Iterable[pd.DataFrame],
    lexicon: Any,
    *,
    workers: int,
    documents: bool,
    buffered: int | None,
    events: Any = None,
) -> Iterator[tuple[int, tuple[Columns | None, Columns, Columns, Columns | None]]]:
    """(articles, tables as columns) of each chunk, in the order of ``chunks``.

    At most ``workers`` chunks are in the workers at once when the pool is larger
    than that, up to twice as many (queued ahead) otherwise; with ``buffered``, at
    most that many chunks are read ahead of the one yielded (a lazy ``chunks``).
    The pool is stopped if the caller stops early or anything fails.
    """
    global _pool, _pool_size
    key, lexicon_bytes = _lexicon_payload(lexicon)
    pool, size = _get_pool(workers, lexicon, key)
    call = next(_calls)
    in_workers = workers if size > workers else 2 * workers
    source = iter(chunks)
    pending: deque[tuple[int, Future[Any]]] = deque()
    exhausted = finished = False
    try:
        while True:
            running = sum(not future.done() for _, future in pending)
            while not exhausted and running < in_workers and (buffered is None or len(pending) < buffered):
                chunk = next(source, None)
                if chunk is None:
                    exhausted = True
                    break
                future = pool.submit(_work, call, key, lexicon_bytes, Columns.of(chunk), documents, events)
                pending.append((len(chunk), future))
                running += 1
            if not pending:
                break
            articles, head = pending[0]
            if head.done():
                pending.popleft()
                yield articles, head.result()
                continue
            wait([future for _, future in pending if not future.done()], return_when=FIRST_COMPLETED)
        finished = True
    finally:
        if not finished:
            # interrupted, failed or abandoned: nothing of this call may linger in the
            # pool (queued chunks, a half-fed pipe), so the next call starts afresh
            with _lock:
                if _pool is pool:
                    _pool, _pool_size = None, 0
            pool.shutdown(wait=False, cancel_futures=True)


def _bar(progress: bool, total: int | None) -> Any:
    if not progress:
        return None
    from tqdm import tqdm  # type: ignore[import-untyped]

    return tqdm(total=total, desc="splitting, matching, scoring", unit="article", file=sys.stderr)


def run_chunks(
    chunks: Iterable[pd.DataFrame],
    lexicon: Any,
    *,
    workers: int,
    progress: bool,
    total: int | None,
    documents: bool = True,
    events: Any = None,
    event_tables: list[pd.DataFrame] | None = None,
) -> Iterator[tuple[pd.DataFrame | None, pd.DataFrame, pd.DataFrame]]:
    """Each chunk's (documents, sentences, mentions), analysed by ``workers`` worker
    processes, in the order of ``chunks`` (validated work frames); at most ``2 *
    workers`` chunks are read ahead, so a lazy ``chunks`` (a file read in chunks) is
    never read far ahead of the results. Documents is None with ``documents=False``.
    With an event lexicon ``events``, each chunk's events table is appended to
    ``event_tables`` before its tables are yielded.
    """
    bar = _bar(progress, total)
    try:
        for articles, (documents_table, sentences, mentions, chunk_events) in _in_order(
            chunks, lexicon, workers=workers, documents=documents, buffered=2 * workers,
            events=events,
        ):
            if chunk_events is not None and event_tables is not None:
                event_tables.append(chunk_events.frame())
            if bar is not None:
                bar.update(articles)
            yield (None if documents_table is None else documents_table.frame(), sentences.frame(), mentions.frame())
    finally:
        if bar is not None:
            bar.close()


def chunk_bounds(lengths: Sequence[int] | np.ndarray, workers: int) -> list[tuple[int, int]]:
    """Consecutive ``(start, stop)`` runs of articles cut by text length: each about
    ``1 / (2 * workers)`` of what is left (so large first, smaller towards the end),
    none shorter than :data:`MIN_CHUNK_CHARS` except the last; every article in
    exactly one run, in order."""
    cumulative = np.cumsum(np.asarray(lengths, dtype=np.int64))
    n = len(cumulative)
    total = int(cumulative[-1]) if n else 0
    bounds: list[tuple[int, int]] = []
    start = done = 0
    while start < n:
        target = max(MIN_CHUNK_CHARS, (total - done) / (2 * workers))
        # the first article at which the run reaches its target length
        stop = int(np.searchsorted(cumulative, done + target, side="left")) + 1
        stop = min(max(stop, start + 1), n)
        bounds.append((start, stop))
        done, start = int(cumulative[stop - 1]), stop
    return bounds


def worth_workers(corpus: pd.DataFrame, workers: int) -> bool:
    """Whether a work frame is worth sending to ``workers`` workers."""
    return workers > 1 and len(corpus) > 1 and int(corpus["text"].str.len().sum()) >= PARALLEL_MIN_CHARS


def analyze_chunks(
    corpus: pd.DataFrame, lexicon: Any, *, workers: int, progress: bool, events: Any = None
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, pd.DataFrame | None]:
    """The documents, sentences and mentions tables of a validated work frame,
    analysed by ``workers`` worker processes in chunks cut by text length; the
    tables equal those of one process (index 0..n-1). The workers send sentences
    and mentions; the documents table is built here once, from all the sentences,
    as in one process (an article never spans chunks, so the rows are those of one
    table per chunk, joined; one pandas groupby instead of one per chunk, which
    cost the workers more than the whole table costs here). With an event lexicon
    ``events``, also the events table (else None), found in the workers from the
    same per-article Documents."""
    from .sentiment import score_documents

    lengths = corpus["text"].str.len().to_numpy(dtype=np.int64)
    bounds = chunk_bounds(lengths, workers)
    chunks = (corpus.iloc[start:stop] for start, stop in bounds)
    bar = _bar(progress, len(corpus))
    sentences: list[Columns] = []
    mentions: list[Columns] = []
    events_parts: list[Columns] = []
    try:
        for articles, (_, chunk_sentences, chunk_mentions, chunk_events) in _in_order(
            chunks, lexicon, workers=workers, documents=False, buffered=None, events=events
        ):
            sentences.append(chunk_sentences)
            mentions.append(chunk_mentions)
            if chunk_events is not None:
                events_parts.append(chunk_events)
            if bar is not None:
                bar.update(articles)
    finally:
        if bar is not None:
            bar.close()
    all_sentences = _concat_columns(sentences)
    return (
        score_documents(all_sentences, corpus=corpus),
        all_sentences,
        _concat_columns(mentions),
        _concat_columns(events_parts) if events is not None else None,
    )
