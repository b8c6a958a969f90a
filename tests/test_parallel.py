"""Worker processes (mediakit._parallel): the same tables as one process, a pool
started once and reused, chunks cut by text length, tables sent back as columns.

Speed is measured in benchmarks/run.py, never here.
"""

from __future__ import annotations

import importlib.util
import os
import pickle
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mediakit
from mediakit import _parallel
from mediakit.lexicon import resolve_lexicon

REPO = Path(__file__).resolve().parents[1]
TABLES = ("documents", "sentences", "mentions")


def _generator():
    name = "_mediakit_bench_generate_corpus"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, REPO / "benchmarks" / "generate_corpus.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


@pytest.fixture(scope="module")
def generated() -> pd.DataFrame:
    gen = _generator()
    frame = pd.DataFrame(list(gen.generate_articles(seed=5, words=40_000)))
    return mediakit.load_corpus(frame)


@pytest.fixture
def small_chunks(monkeypatch):
    """Send even a small corpus to the workers, in chunks of a few articles."""
    monkeypatch.setattr(_parallel, "PARALLEL_MIN_CHARS", 0)
    monkeypatch.setattr(_parallel, "MIN_CHUNK_CHARS", 2_000)


def _assert_same(got: mediakit.Analysis, want: mediakit.Analysis) -> None:
    for table in TABLES:
        pd.testing.assert_frame_equal(getattr(got, table), getattr(want, table))


def test_workers_give_the_tables_of_one_process_on_the_sample(small_chunks):
    sample = mediakit.load_sample()
    assert len(_parallel.chunk_bounds(sample["text"].str.len().to_numpy(), 2)) > 4
    one = mediakit.analyze(sample, "marenna")
    assert len(one.mentions) > 100
    _assert_same(mediakit.analyze(sample, "marenna", n_jobs=2), one)


@pytest.mark.parametrize("n_jobs", [2, 3])
def test_workers_give_the_tables_of_one_process_on_a_generated_corpus(generated, small_chunks, n_jobs):
    one = mediakit.analyze(generated)
    assert len(one.mentions) > 500
    _assert_same(mediakit.analyze(generated, n_jobs=n_jobs), one)


def test_the_pool_is_started_once_and_reused(generated, small_chunks):
    _parallel.shutdown()
    first = mediakit.analyze(generated, n_jobs=2)
    pool = _parallel._pool
    assert pool is not None and _parallel._pool_size == 2
    pids = set(pool._processes)  # the worker processes
    assert len(pids) == 2 and os.getpid() not in pids
    again = mediakit.analyze(generated, n_jobs=2)
    # same processes, and a repeated call does the same work (a fresh memo per call)
    assert _parallel._pool is pool and set(pool._processes) == pids
    _assert_same(again, first)
    # fewer workers than the pool has: the pool is kept
    _assert_same(mediakit.analyze(generated, n_jobs=2), first)
    assert _parallel._pool is pool
    # more: a larger pool replaces it
    _assert_same(mediakit.analyze(generated, n_jobs=3), first)
    assert _parallel._pool is not pool and _parallel._pool_size == 3
    _parallel.shutdown()
    assert _parallel._pool is None


def test_a_small_corpus_stays_in_this_process():
    _parallel.shutdown()
    sample = mediakit.load_sample()
    assert sample["text"].str.len().sum() < _parallel.PARALLEL_MIN_CHARS
    result = mediakit.analyze(sample, "marenna", n_jobs=2)
    assert _parallel._pool is None
    _assert_same(result, mediakit.analyze(sample, "marenna"))


def test_an_abandoned_run_stops_the_pool(generated, small_chunks):
    from mediakit.analysis import _work_frame

    lexicon = resolve_lexicon(None)
    chunks = [_work_frame(generated.iloc[k : k + 5]) for k in range(0, 40, 5)]
    results = _parallel.run_chunks(chunks, lexicon, workers=2, progress=False, total=None, documents=True)
    documents, _, _ = next(results)
    assert documents is not None and list(documents["doc_id"]) == list(generated["doc_id"][:5])
    pool = _parallel._pool
    assert pool is not None
    results.close()  # the caller stops (an error, Ctrl-C): queued chunks must not linger
    assert _parallel._pool is None
    # the next call starts a new pool and works
    again = list(_parallel.run_chunks(chunks[:2], lexicon, workers=2, progress=False, total=None))
    assert [len(d) for d, _, _ in again] == [5, 5]
    assert _parallel._pool is not None and _parallel._pool is not pool
    _parallel.shutdown()


def test_another_lexicon_reaches_the_workers_of_a_running_pool(generated, small_chunks):
    _parallel.shutdown()
    mediakit.analyze(generated, n_jobs=2)  # a pool started with the default lexicon
    tiny = {"name": "tiny", "actors": {"armed_opposition": {"labels": {"rebel": ["rebel*"]}}}}
    got = mediakit.analyze(generated, tiny, n_jobs=2)
    assert set(got.mentions["label"]) == {"rebel"}
    _assert_same(got, mediakit.analyze(generated, tiny))
    _parallel.shutdown()


# --- tables as columns ---------------------------------------------------------------


def test_columns_round_trip_every_dtype_of_the_tables(generated):
    result = mediakit.analyze(generated.iloc[:30])
    mentions = result.mentions
    # the dtypes that travel: str with NaN, string with NA, datetime64, bool, int, float
    assert {str(t) for t in mentions.dtypes} >= {"str", "string", "int64", "float64", "bool"}
    for frame in (result.documents, result.sentences, mentions, mentions.iloc[:0]):
        columns = pickle.loads(pickle.dumps(_parallel.Columns.of(frame)))
        assert not any(isinstance(v, pd.DataFrame | pd.Series) for v in columns.values)
        pd.testing.assert_frame_equal(columns.frame(), frame.reset_index(drop=True))


def test_columns_of_chunks_concatenate_as_pandas_does(generated):
    mentions = mediakit.analyze(generated.iloc[:30]).mentions
    parts = [mentions.iloc[a:b] for a, b in [(0, 7), (7, 7), (7, 40), (40, len(mentions))]]
    got = _parallel._concat_columns([_parallel.Columns.of(p) for p in parts])
    pd.testing.assert_frame_equal(got, pd.concat(parts, ignore_index=True))


# --- chunks cut by length ---------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(
    lengths=st.lists(st.integers(0, 300_000), max_size=60),
    workers=st.integers(1, 8),
)
def test_chunks_cover_every_article_once_in_order(lengths, workers):
    bounds = _parallel.chunk_bounds(lengths, workers)
    assert [i for start, stop in bounds for i in range(start, stop)] == list(range(len(lengths)))
    assert all(stop > start for start, stop in bounds)
    sizes = [sum(lengths[start:stop]) for start, stop in bounds]
    # every chunk but the last reaches the smallest worthwhile size, and a chunk of
    # several articles is cut at the first article that reaches its target
    assert all(size >= _parallel.MIN_CHUNK_CHARS for size in sizes[:-1])
    total = done = 0
    total = sum(lengths)
    for (start, stop), size in zip(bounds, sizes, strict=True):
        target = max(_parallel.MIN_CHUNK_CHARS, (total - done) / (2 * workers))
        if stop - start > 1:
            assert size - lengths[stop - 1] < target
        done += size


def test_chunks_are_balanced_by_length_not_by_count():
    # ten long articles then a thousand short ones: equal counts would put all the
    # text into the first chunk
    lengths = np.array([400_000] * 10 + [4_000] * 1_000)
    bounds = _parallel.chunk_bounds(lengths, 2)
    sizes = [int(lengths[a:b].sum()) for a, b in bounds]
    assert sizes[0] <= lengths.sum() / 4 + 400_000
    assert max(sizes) <= sizes[0]  # the largest first
    assert len(bounds) < 40  # no swarm of tiny chunks
    counts = [b - a for a, b in bounds]
    assert counts[0] < counts[-2]  # long articles in short runs, short ones in long runs
