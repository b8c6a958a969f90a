"""Corpora larger than memory, and beyond one machine (issue 8).

:func:`mediakit.analyze` holds the corpus and its tables in memory. For a corpus too
large for that, :func:`analyze_stream` reads it in chunks (with
:func:`mediakit.iter_corpus`), analyses each chunk on all local cores and writes
each chunk's tables to Parquet files as soon as they are ready, so peak memory
depends on the chunk size, not on the corpus size. :func:`analyze_dask` runs the same
per-chunk analysis on a Dask DataFrame of articles, one partition at a time, which is
how mediakit runs on a cluster (a ``distributed.Client``).

The three routes give identical tables: the analysis of a corpus is the
concatenation, in corpus order, of the analyses of its chunks. Each article is
analysed on its own, and VADER scores depend only on the sentence, so where a chunk
or partition boundary falls changes nothing.

A corpus larger than memory, on one machine::

    files = mediakit.analyze_stream("articles/", "analysis/", n_jobs=-1, progress=True)
    files.n_mentions                    # rows written
    mentions = files.read("mentions")   # one table in memory, if it fits

On a cluster (``pip install 'mediakit[dask]'``)::

    from dask.distributed import Client
    import dask.dataframe as dd

    client = Client("tcp://scheduler:8786")       # or Client() for local processes
    articles = dd.read_parquet("s3://bucket/articles/")  # corpus columns
    result = mediakit.analyze_dask(articles)
    documents, sentences, mentions = client.persist(
        [result.documents, result.sentences, result.mentions]
    )  # kept in the cluster's memory; or result.compute() for an in-memory Analysis
    # To write all three to storage in one pass over the articles:
    # dask.compute(*(t.to_parquet(f"out/{n}", compute=False) for n, t in ...))

Scoring each distinct sentence once: within a chunk (or partition) every distinct
sentence and masked sentence is scored once; across chunks, each process keeps a
bounded memo of the texts it has scored (it starts afresh after 50,000 texts to keep
memory flat), so a wire story reprinted later in the corpus is usually looked up,
not rescored. No global deduplication pass is made: it would need every sentence of
the corpus in one place, which is what streaming and Dask avoid, and it cannot
change a result because scores are deterministic.
"""

from __future__ import annotations

import os
import shutil
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from . import analysis as _analysis
from . import sentiment as _sentiment
from .analysis import Analysis
from .lexicon import resolve_lexicon

__all__ = ["AnalysisFiles", "DaskAnalysis", "analyze_dask", "analyze_stream", "read_analysis"]

#: The tables :func:`analyze_stream` writes, one sub-folder each.
TABLES: tuple[str, ...] = ("corpus", "documents", "sentences", "mentions")
_PART = "part-{:06d}.parquet"
_SKIPPED = "skipped.parquet"


@dataclass(frozen=True, eq=False)
class AnalysisFiles:
    """Where :func:`analyze_stream` wrote its tables, and how many rows each has.

    Attributes
    ----------
    out_dir
        The output folder. It holds one sub-folder per table (``corpus``,
        ``documents``, ``sentences``, ``mentions``) of Parquet parts
        ``part-000000.parquet``, ``part-000001.parquet``, ... in corpus order (one per
        chunk, all with the same columns), and ``skipped.parquet``, the records the
        loader skipped (``errors="skip"``) with their reasons.
    n_articles, n_sentences, n_mentions
        Row counts of the corpus (= documents), sentences and mentions tables.
    skipped
        The skipped records (the loader's ``attrs["skipped"]`` of every chunk).
    lexicon
        The :class:`mediakit.Lexicon` used.

    The tables have the columns documented on :class:`mediakit.Analysis`; read them
    with :meth:`read` or :meth:`load`, or with any Parquet reader (pandas, Dask,
    DuckDB, Polars, R's arrow) when they are too large for memory.
    """

    out_dir: Path
    n_articles: int
    n_sentences: int
    n_mentions: int
    skipped: pd.DataFrame = field(repr=False)
    lexicon: Any = field(repr=False)

    def parts(self, table: str) -> list[Path]:
        """The Parquet files of ``table``, in corpus order."""
        return _parts(self.out_dir, table)

    def read(self, table: str) -> pd.DataFrame:
        """One table (``corpus``, ``documents``, ``sentences`` or ``mentions``) in memory."""
        return _read_parts(self.parts(table))

    def load(self) -> Analysis:
        """Everything in memory as an :class:`mediakit.Analysis`, equal to what
        ``analyze(load_corpus(source))`` returns (only for results that fit)."""
        return _load(self.out_dir, self.lexicon)


def read_analysis(out_dir: str | os.PathLike[str], lexicon: Any = None) -> Analysis:
    """Load the tables :func:`analyze_stream` wrote to ``out_dir`` as an
    :class:`mediakit.Analysis`; ``lexicon`` is the one given to it (None: the
    bundled default). The corpus's ``attrs["skipped"]`` lists the skipped records."""
    folder = Path(out_dir)
    missing = [t for t in TABLES if not (folder / t).is_dir()]
    if missing:
        raise FileNotFoundError(f"{folder} holds no analysis tables (no {missing[0]}/ folder)")
    return _load(folder, resolve_lexicon(lexicon))


def _parts(folder: Path, table: str) -> list[Path]:
    if table not in TABLES:
        raise ValueError(f"unknown table {table!r}; expected one of {list(TABLES)}")
    return sorted((folder / table).glob("part-*.parquet"))


def _load(folder: Path, lexicon: Any) -> Analysis:
    corpus = _read_parts(_parts(folder, "corpus"))
    skipped_file = folder / _SKIPPED
    corpus.attrs["skipped"] = pd.read_parquet(skipped_file) if skipped_file.exists() else None
    return Analysis(
        corpus=corpus,
        documents=_read_parts(_parts(folder, "documents")),
        sentences=_read_parts(_parts(folder, "sentences")),
        mentions=_read_parts(_parts(folder, "mentions")),
        lexicon=lexicon,
    )


def _read_parts(paths: list[Path]) -> pd.DataFrame:
    if not paths:
        raise FileNotFoundError("no Parquet parts to read")
    frames = [pd.read_parquet(p) for p in paths]
    return pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]


def _chunks_of(source: Any, chunksize: int, load_options: dict[str, Any]) -> Iterator[pd.DataFrame]:
    """Validated corpus chunks of at most ``chunksize`` articles from ``source``."""
    from .corpus import iter_corpus

    if isinstance(source, pd.DataFrame):
        for start in range(0, max(len(source), 1), chunksize):
            yield _analysis._validated(source.iloc[start : start + chunksize])
        return
    if isinstance(source, (str, os.PathLike)) or (
        isinstance(source, (list, tuple)) and all(isinstance(s, (str, os.PathLike)) for s in source)
    ):
        yield from iter_corpus(source, chunksize=chunksize, **load_options)
        return
    if load_options:
        raise TypeError(
            f"loading options {sorted(load_options)} apply to files and folders, "
            "not to an iterable of corpus tables"
        )
    if not isinstance(source, Iterable):
        raise TypeError(
            "source must be a path, a list of paths, a corpus DataFrame or an iterable of "
            f"corpus DataFrames, got {type(source).__name__}"
        )
    for chunk in source:
        yield _analysis._validated(chunk)


def _prepare_out_dir(out_dir: Path, overwrite: bool) -> None:
    if out_dir.exists() and any(out_dir.iterdir()):
        if not overwrite:
            raise FileExistsError(
                f"{out_dir} is not empty; pass overwrite=True to replace its analysis tables"
            )
        for table in TABLES:
            shutil.rmtree(out_dir / table, ignore_errors=True)
        (out_dir / _SKIPPED).unlink(missing_ok=True)
    for table in TABLES:
        (out_dir / table).mkdir(parents=True, exist_ok=True)


def _write_part(frame: pd.DataFrame, path: Path) -> None:
    plain = frame.copy(deep=False)
    plain.attrs = {}  # the skipped-records table is written once, on its own
    plain.to_parquet(path, index=False)


def analyze_stream(
    source: Any,
    out_dir: str | os.PathLike[str],
    lexicon: Any = None,
    *,
    chunksize: int = 1000,
    n_jobs: int = 1,
    progress: bool = False,
    overwrite: bool = False,
    **load_options: Any,
) -> AnalysisFiles:
    """Analyse a corpus of any size in chunks, writing the tables to ``out_dir``.

    Peak memory depends on ``chunksize`` and ``n_jobs``, not on the corpus size: the
    corpus is read ``chunksize`` articles at a time, at most ``2 * n_jobs`` chunks are
    in flight, and each chunk's tables are written to Parquet as soon as they are
    ready. The tables are those of :func:`mediakit.analyze` (columns listed on
    :class:`mediakit.Analysis`), identical to the in-memory result:
    ``analyze_stream(path, out).load()`` equals ``analyze(load_corpus(path))``.

    Parameters
    ----------
    source
        A file, a folder or a list of them (read with :func:`mediakit.iter_corpus`,
        which streams JSON Lines, CSV and TSV files and folders of article files), a
        corpus DataFrame, or any iterable of corpus DataFrames (e.g. read from a
        database in pages; each is validated, and keeping ``doc_id`` unique across
        them is then up to the caller).
    out_dir
        Folder for the Parquet tables (created if needed; see :class:`AnalysisFiles`).
    lexicon
        As for :func:`mediakit.analyze` (None: the bundled default, ``"conflict"``).
    chunksize
        Articles per chunk of work.
    n_jobs
        Worker processes (``-1``: all cores).
    progress
        Show a progress bar (tqdm, on stderr), counting articles.
    overwrite
        Replace the tables of an earlier run in ``out_dir``; otherwise a non-empty
        ``out_dir`` is an error.
    **load_options
        ``format``, ``outlet``, ``columns``, ``encoding``, ``errors``: passed to
        :func:`mediakit.iter_corpus` when ``source`` is a path.

    Returns
    -------
    AnalysisFiles
        The folder, the row counts, the skipped records and the lexicon;
        ``.read("mentions")`` or ``.load()`` bring tables into memory.
    """
    if isinstance(chunksize, bool) or not isinstance(chunksize, int) or chunksize < 1:
        raise ValueError(f"chunksize must be a positive integer, got {chunksize!r}")
    workers = _analysis._resolve_n_jobs(n_jobs)
    lex = resolve_lexicon(lexicon)
    _sentiment.check_mask_token(_sentiment.MASK_TOKEN, lex)
    folder = Path(out_dir)
    _prepare_out_dir(folder, overwrite)

    skipped: list[pd.DataFrame] = []

    def corpus_chunks() -> Iterator[pd.DataFrame]:
        # Written as they are read, so the corpus parts line up with the others.
        for number, chunk in enumerate(_chunks_of(source, chunksize, load_options)):
            extra = chunk.attrs.get("skipped")
            if isinstance(extra, pd.DataFrame) and len(extra):
                skipped.append(extra)
            _write_part(chunk, folder / "corpus" / _PART.format(number))
            yield chunk

    counts = {"documents": 0, "sentences": 0, "mentions": 0}
    results = _analysis._run_chunks(
        corpus_chunks(), lex, workers=workers, progress=progress, total=None
    )
    for number, tables in enumerate(results):
        for name, table in zip(("documents", "sentences", "mentions"), tables, strict=True):
            _write_part(table, folder / name / _PART.format(number))
            counts[name] += len(table)
    skipped_table = _skipped_table(skipped)
    skipped_table.to_parquet(folder / _SKIPPED, index=False)
    return AnalysisFiles(
        out_dir=folder,
        n_articles=counts["documents"],
        n_sentences=counts["sentences"],
        n_mentions=counts["mentions"],
        skipped=skipped_table,
        lexicon=lex,
    )


def _skipped_table(parts: list[pd.DataFrame]) -> pd.DataFrame:
    if parts:
        return pd.concat(parts, ignore_index=True)
    from .corpus import _skipped_frame

    return _skipped_frame([])


# --- Dask -------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class DaskAnalysis:
    """The lazy result of :func:`analyze_dask`: three Dask DataFrames.

    ``documents``, ``sentences`` and ``mentions`` have the columns documented on
    :class:`mediakit.Analysis`, one partition per partition of the articles. They
    share their tasks: computing them together (:meth:`compute`, ``dask.compute``,
    ``client.persist``) analyses each partition once; computing them one by one
    analyses it again for each.
    """

    articles: Any
    documents: Any
    sentences: Any
    mentions: Any
    lexicon: Any

    def compute(self, **kwargs: Any) -> Analysis:
        """Compute all tables at once into an in-memory :class:`mediakit.Analysis`.

        Keyword arguments go to ``dask.compute`` (e.g. ``scheduler=``); with a
        ``distributed.Client`` active, it is used.
        """
        import dask

        corpus, documents, sentences, mentions = dask.compute(
            self.articles, self.documents, self.sentences, self.mentions, **kwargs
        )
        return Analysis(
            corpus=_analysis._validated(corpus.reset_index(drop=True)),
            documents=documents.reset_index(drop=True),
            sentences=sentences.reset_index(drop=True),
            mentions=mentions.reset_index(drop=True),
            lexicon=self.lexicon,
        )


def _analyze_partition(partition: pd.DataFrame, lexicon: Any) -> tuple[pd.DataFrame, ...]:
    """The per-chunk analysis of one Dask partition, run where the partition lives."""
    # A memo per partition: Dask runs partitions on threads or processes it owns,
    # so nothing is kept between calls.
    run = _analysis._Run(lexicon)
    return _analysis._analyze_chunk(_analysis._work_frame(_analysis._validated(partition)), run)


def analyze_dask(articles: Any, lexicon: Any = None) -> DaskAnalysis:
    """The analysis of :func:`mediakit.analyze` on a Dask DataFrame of articles.

    This is the way to run mediakit on a cluster: create a ``distributed.Client``,
    read or build the articles as a Dask DataFrame (corpus columns ``doc_id,
    outlet, date, title, url, text``, e.g. ``dask.dataframe.from_pandas(corpus,
    npartitions=...)`` or ``dask.dataframe.read_parquet``), then
    ``analyze_dask(articles).compute()`` or ``client.persist(...)`` the tables.
    Each partition is analysed where it lives, independently, so the result equals
    ``analyze`` on the concatenated articles, whatever the partitioning.

    Parameters
    ----------
    articles
        A ``dask.dataframe.DataFrame`` with the corpus columns; ``doc_id`` must be
        unique across partitions (each partition is validated on its own).
    lexicon
        As for :func:`mediakit.analyze`; it is pickled to the workers.

    Returns
    -------
    DaskAnalysis
        Lazy ``documents``, ``sentences``, ``mentions`` Dask DataFrames (one partition
        per article partition, columns as on :class:`mediakit.Analysis`) and
        ``compute()`` for an in-memory :class:`mediakit.Analysis`.

    Distinct sentences are scored once per partition (no global deduplication: it
    would gather every sentence in one place and cannot change a score, since
    scoring is deterministic).
    """
    try:
        import dask
        import dask.dataframe as dd
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError(
            "analyze_dask needs Dask: pip install 'mediakit[dask]'"
        ) from exc
    if not isinstance(articles, dd.DataFrame):
        raise TypeError(
            "articles must be a dask.dataframe.DataFrame (use analyze() for a pandas "
            f"DataFrame), got {type(articles).__name__}"
        )
    lex = resolve_lexicon(lexicon)
    _sentiment.check_mask_token(_sentiment.MASK_TOKEN, lex)
    missing = [c for c in ("doc_id", "outlet", "text") if c not in articles.columns]
    if missing:
        from .errors import CorpusError

        raise CorpusError(f"articles have no {missing[0]!r} column", column=missing[0])

    # Empty tables with the right columns and dtypes, from a one-row stand-in.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        meta = _analyze_partition(_stand_in(articles), lex)
    meta = tuple(frame.iloc[:0] for frame in meta)

    lex_task = dask.delayed(lex, pure=True)
    parts = [
        dask.delayed(_analyze_partition, pure=True)(partition, lex_task)
        for partition in articles.to_delayed()
    ]
    tables = [
        dd.from_delayed([part[k] for part in parts], meta=meta[k], verify_meta=False)
        for k in range(3)
    ]
    return DaskAnalysis(
        articles=articles, documents=tables[0], sentences=tables[1], mentions=tables[2],
        lexicon=lex,
    )


def _stand_in(articles: Any) -> pd.DataFrame:
    """A one-article corpus with the Dask DataFrame's columns and dtypes."""
    meta = articles._meta
    row: dict[str, Any] = {}
    for column in meta.columns:
        row[column] = pd.Series([None], dtype=meta[column].dtype)
    stand_in = pd.DataFrame(row)
    stand_in["doc_id"] = pd.Series(["meta"], dtype=meta["doc_id"].dtype)
    stand_in["outlet"] = pd.Series(["meta"], dtype=meta["outlet"].dtype)
    stand_in["text"] = pd.Series(["The rebels said."], dtype=meta["text"].dtype)
    return stand_in
