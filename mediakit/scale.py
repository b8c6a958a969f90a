"""Corpora larger than memory, and beyond one machine (issue 8).

:func:`mediakit.analyze` holds the corpus and its tables in memory. For a corpus too
large for that, :func:`analyze_stream` reads it in chunks (with
:func:`mediakit.iter_corpus`), analyses each chunk on all local cores and writes
each chunk's tables to Parquet files as soon as they are ready, so peak memory
depends on the chunk size, not on the corpus size. :func:`analyze_dask` runs the same
per-chunk analysis on a Dask DataFrame of articles, one partition at a time, which is
how mediakit runs on a cluster (a ``distributed.Client``).

The three routes give identical tables (with ``events=True``, the events table of
:func:`mediakit.find_events` too): the analysis of a corpus is the
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

import hashlib
import json
import os
import shutil
import warnings
from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from . import analysis as _analysis
from . import sentiment as _sentiment
from ._validation import check_table
from .analysis import Analysis
from .errors import MediakitError
from .events import EventLexicon, _event_rows_frame, load_event_lexicon
from .lexicon import resolve_lexicon

__all__ = ["AnalysisFiles", "DaskAnalysis", "analyze_dask", "analyze_stream", "read_analysis"]

#: The tables :func:`analyze_stream` writes, one sub-folder each.
TABLES: tuple[str, ...] = ("corpus", "documents", "sentences", "mentions")
#: The table it writes too with ``events=...`` (:func:`mediakit.find_events`'s).
EVENTS_TABLE = "events"
_PART = "part-{:06d}.parquet"
# Each chunk's load log, beside the tables (see mediakit.load_log).
_LOG = "load_log"
# Written first (complete: false) and rewritten last (complete: true): a folder without
# a complete manifest is an interrupted run, never read as a finished analysis.
MANIFEST = "mediakit-analysis.json"
_FORMAT = 1


@dataclass(frozen=True, eq=False)
class AnalysisFiles:
    """Where :func:`analyze_stream` wrote its tables, and how many rows each has.

    Attributes
    ----------
    out_dir
        The output folder. It holds one sub-folder per table (``corpus``,
        ``documents``, ``sentences``, ``mentions``, and ``events`` when asked for) of
        Parquet parts
        ``part-000000.parquet``, ``part-000001.parquet``, ... in corpus order (one per
        chunk, all with the same columns), ``load_log/`` (each chunk's load log, see
        :func:`mediakit.load_log`) and ``mediakit-analysis.json``, the manifest that
        says whether the run finished (``"complete": true``), with its settings and
        row counts. Every part is written to a temporary file and renamed into place,
        so a part is whole or absent, never truncated.
    n_articles, n_sentences, n_mentions
        Row counts of the corpus (= documents), sentences and mentions tables.
    n_events
        Row count of the events table, None when events were not asked for.
    load_log
        The load log of the whole corpus (every chunk's, in order).
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
    load_log: pd.DataFrame = field(repr=False)
    lexicon: Any = field(repr=False)
    n_events: int | None = None

    def parts(self, table: str) -> list[Path]:
        """The Parquet files of ``table``, in corpus order."""
        return _parts(self.out_dir, table)

    def read(self, table: str) -> pd.DataFrame:
        """One table (``corpus``, ``documents``, ``sentences``, ``mentions``, or
        ``events`` when asked for) in memory."""
        return _read_parts(self.parts(table))

    def load(self) -> Analysis:
        """Everything in memory as an :class:`mediakit.Analysis`, equal to what
        ``analyze(load_corpus(source))`` returns (only for results that fit)."""
        return _load(self.out_dir, self.lexicon)


def read_analysis(out_dir: str | os.PathLike[str], lexicon: Any = None) -> Analysis:
    """Load the tables :func:`analyze_stream` wrote to ``out_dir`` as an Analysis.

    ``mediakit.load_log(result.corpus)`` is the load log.

    Parameters
    ----------
    out_dir : str or path-like
        The folder :func:`analyze_stream` wrote.
    lexicon : Lexicon, str, path-like, mapping or None, default None
        The lexicon given to :func:`analyze_stream` (None: the bundled default,
        ``"conflict"``); it is attached to the result, not re-applied.

    Returns
    -------
    mediakit.Analysis
        The corpus, documents, sentences and mentions tables as written, and the
        events table when the run was asked for it (else ``events`` is None).

    Raises
    ------
    FileNotFoundError
        ``out_dir`` holds no analysis.
    mediakit.errors.MediakitError
        The run that wrote it did not finish (interrupted, killed, out of disk): its
        tables are partial. The message says how to resume it.
    """
    folder = Path(out_dir)
    _check_complete(folder)
    return _load(folder, resolve_lexicon(lexicon))


def _read_manifest(folder: Path) -> dict[str, Any] | None:
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return manifest if isinstance(manifest, dict) else None


def _check_complete(folder: Path) -> None:
    manifest = _read_manifest(folder)
    if manifest is None:
        if not folder.is_dir() or not any((folder / t).is_dir() for t in TABLES):
            raise FileNotFoundError(f"{folder} holds no analysis tables written by analyze_stream")
        raise MediakitError(
            f"{folder} has analysis tables but no {MANIFEST}: not a finished analyze_stream "
            "run (interrupted before it started writing, or written by hand); run "
            "analyze_stream again with overwrite=True")
    if not manifest.get("complete"):
        done = len(_finished_chunks(folder))
        raise MediakitError(
            f"{folder} holds an unfinished analysis: analyze_stream stopped after {done} "
            f"complete chunk(s) of {manifest.get('chunksize')} articles (interrupted or "
            "killed), so its tables are partial. Finish it with analyze_stream(source, "
            "out_dir, ..., resume=True) and the same source and settings, or start again "
            "with overwrite=True")


def _tables(manifest: dict[str, Any] | None) -> tuple[str, ...]:
    """The tables of a run: TABLES, and the events table when it was asked for."""
    return (*TABLES, EVENTS_TABLE) if manifest and manifest.get("events") else TABLES


def _finished_chunks(folder: Path, tables: tuple[str, ...] | None = None) -> set[int]:
    """Chunk numbers whose every part (the tables of the run, ``tables`` or those
    its manifest names, and the load log) is on disk."""
    if tables is None:
        tables = _tables(_read_manifest(folder))
    numbers: set[int] | None = None
    for table in (*tables, _LOG):
        here = {int(p.stem.split("-", 1)[1]) for p in (folder / table).glob("part-*.parquet")
                if p.stem.split("-", 1)[1].isdigit()}
        numbers = here if numbers is None else numbers & here
    return numbers or set()


def _parts(folder: Path, table: str) -> list[Path]:
    tables = _tables(_read_manifest(folder))
    if table not in tables:
        hint = (" (the run was not asked for events: analyze_stream(..., events=True))"
                if table == EVENTS_TABLE else "")
        raise ValueError(f"unknown table {table!r}; expected one of {list(tables)}{hint}")
    return sorted((folder / table).glob("part-*.parquet"))


def _load(folder: Path, lexicon: Any) -> Analysis:
    from .corpus import _log_frame

    corpus = _read_parts(_parts(folder, "corpus"))
    logs = sorted((folder / _LOG).glob("part-*.parquet"))
    entries = pd.concat([pd.read_parquet(p) for p in logs], ignore_index=True) if logs else None
    corpus.attrs["load_log"] = _log_frame([] if entries is None else _records(entries))
    with_events = EVENTS_TABLE in _tables(_read_manifest(folder))
    return Analysis(
        corpus=corpus,
        documents=_read_parts(_parts(folder, "documents")),
        sentences=_read_parts(_parts(folder, "sentences")),
        mentions=_read_parts(_parts(folder, "mentions")),
        lexicon=lexicon,
        events=_read_parts(_parts(folder, EVENTS_TABLE)) if with_events else None,
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


def _prepare_out_dir(out_dir: Path, overwrite: bool, resume: bool,
                     settings: dict[str, Any]) -> set[int]:
    """Make ``out_dir`` ready; the chunk numbers already finished (when resuming)."""
    if resume:
        manifest = _read_manifest(out_dir)
        if manifest is None:
            raise MediakitError(f"resume=True: {out_dir} holds no {MANIFEST} from an earlier "
                                "analyze_stream run to resume")
        keys = [*settings, *(["events"] if "events" in manifest and "events" not in settings else [])]
        differs = [key for key in keys if manifest.get(key) != settings.get(key)]
        if differs:
            raise MediakitError(
                f"resume=True: {out_dir} was written with other settings ({', '.join(differs)} "
                "differ); resume with the same source, lexicon, chunksize and loading "
                "options, or start again with overwrite=True")
        tables = _tables(settings)
        finished = _finished_chunks(out_dir, tables)
        _write_manifest(out_dir, {**settings, "complete": False})
        for table in (*tables, _LOG):
            (out_dir / table).mkdir(parents=True, exist_ok=True)
            for part in (out_dir / table).glob("part-*.parquet"):
                number = part.stem.split("-", 1)[1]
                if not number.isdigit() or int(number) not in finished:
                    part.unlink()  # a chunk some of whose parts are missing is redone
        return finished
    if out_dir.exists() and any(out_dir.iterdir()):
        if not overwrite:
            raise FileExistsError(
                f"{out_dir} is not empty; pass overwrite=True to replace its analysis tables "
                "(or resume=True to finish an interrupted run)"
            )
        (out_dir / MANIFEST).unlink(missing_ok=True)  # first: a half-cleared folder is unfinished
        for table in (*TABLES, EVENTS_TABLE, _LOG):
            shutil.rmtree(out_dir / table, ignore_errors=True)
        (out_dir / "skipped.parquet").unlink(missing_ok=True)  # written by earlier versions
    out_dir.mkdir(parents=True, exist_ok=True)
    _write_manifest(out_dir, {**settings, "complete": False})
    for table in (*_tables(settings), _LOG):
        (out_dir / table).mkdir(parents=True, exist_ok=True)
    return set()


def _write_manifest(folder: Path, manifest: dict[str, Any]) -> None:
    _atomic_write_bytes(folder / MANIFEST,
                        json.dumps(manifest, indent=2, sort_keys=True).encode("utf-8"))


def _atomic_write_bytes(path: Path, data: bytes) -> None:
    from ._io import atomic_write_bytes

    atomic_write_bytes(path, data)


def _write_part(frame: pd.DataFrame, path: Path) -> None:
    from ._io import atomic_path

    plain = frame.copy(deep=False)
    plain.attrs = {}  # the load log is written on its own
    with atomic_path(path) as tmp:
        plain.to_parquet(tmp, index=False)


def _settings(
    source: Any, lexicon: Any, chunksize: int, load_options: dict[str, Any], events: Any = None
) -> dict[str, Any]:
    """What must be the same for a resumed run to continue an earlier one (``events``:
    the event lexicon, or None)."""
    from . import __version__

    if isinstance(source, (str, os.PathLike)):
        described: Any = os.path.abspath(source)
    elif isinstance(source, (list, tuple)) and all(isinstance(s, (str, os.PathLike)) for s in source):
        described = [os.path.abspath(s) for s in source]
    else:
        described = f"<{type(source).__name__}>"
    patterns = json.dumps(lexicon.to_frame().astype(str).values.tolist()) \
        if hasattr(lexicon, "to_frame") else repr(lexicon)
    return {
        "format": _FORMAT,
        "mediakit": __version__,
        "source": described,
        "lexicon": getattr(lexicon, "name", None),
        "lexicon_sha256": hashlib.sha256(patterns.encode("utf-8")).hexdigest(),
        "chunksize": chunksize,
        "load_options": {k: repr(v) for k, v in sorted(load_options.items())},
        # absent from runs without events (and from those written before the option)
        **({} if events is None else {"events": {
            "name": events.name,
            "sha256": hashlib.sha256(
                json.dumps(events.to_dict(), sort_keys=True).encode("utf-8")).hexdigest(),
        }}),
    }


def analyze_stream(
    source: Any,
    out_dir: str | os.PathLike[str],
    lexicon: Any = None,
    *,
    chunksize: int = 1000,
    n_jobs: int = 1,
    progress: bool = False,
    overwrite: bool = False,
    resume: bool = False,
    events: bool | EventLexicon | str | os.PathLike[str] | Mapping[str, Any] = False,
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
    source : str, path-like, list, DataFrame or iterable of DataFrame
        A file, a folder or a list of them (read with :func:`mediakit.iter_corpus`,
        which streams JSON Lines, CSV and TSV files and folders of article files), a
        corpus DataFrame, or any iterable of corpus DataFrames (e.g. read from a
        database in pages; each is validated, and keeping ``doc_id`` unique across
        them is then up to the caller).
    out_dir : str or path-like
        Folder for the Parquet tables (created if needed; see :class:`AnalysisFiles`).
    lexicon : Lexicon, str, path-like, mapping or None, default None
        As for :func:`mediakit.analyze` (None: the bundled default, ``"conflict"``).
    chunksize : int, default 1000
        Articles per chunk of work.
    n_jobs : int, default 1
        Worker processes (``-1``: all cores).
    progress : bool, default False
        Show a progress bar (tqdm, on stderr), counting articles.
    overwrite : bool, default False
        Replace the tables of an earlier run in ``out_dir``; otherwise a non-empty
        ``out_dir`` is an error.
    resume : bool, default False
        Finish a run that was interrupted (Ctrl-C, a killed process, a full disk):
        the chunks whose parts are all on disk are kept, the rest are analysed again.
        The source, lexicon, ``chunksize`` and loading options must be those of the
        interrupted run (the manifest records them; a difference is an error). The
        source is read again from the start to reach the first unfinished chunk, but
        finished chunks are not analysed again.
    events : bool, str, path, dict or EventLexicon, default False
        Also write the events table (:func:`mediakit.find_events`), as
        ``analyze(events=...)``: True with the bundled ``violence`` event lexicon, or
        the event lexicon to use. It goes to ``events/`` beside the other tables
        (read it with ``.read("events")``; ``.load().events``), equal to
        ``analyze(corpus, lexicon, events=...).events``. A resumed run must ask for
        the same events as the interrupted one.
    **load_options : str, dict or list
        ``format``, ``outlet``, ``columns``, ``names``, ``encoding``, ``date_format``,
        ``duplicate_ids``, ``errors``: passed to :func:`mediakit.iter_corpus` when
        ``source`` is a path.

    Returns
    -------
    AnalysisFiles
        The folder, the row counts (``n_events`` with ``events``), the load log and the
        lexicon;
        ``.read("mentions")`` or ``.load()`` bring tables into memory.
        :func:`read_analysis` refuses a folder whose run did not finish.
    """
    if isinstance(chunksize, bool) or not isinstance(chunksize, int) or chunksize < 1:
        raise ValueError(f"chunksize must be a positive integer, got {chunksize!r}")
    workers = _analysis._resolve_n_jobs(n_jobs)
    lex = resolve_lexicon(lexicon)
    _sentiment.check_mask_token(_sentiment.MASK_TOKEN, lex)
    event_lexicon = _event_lexicon(events, caller="analyze_stream")
    if overwrite and resume:
        raise ValueError("analyze_stream: pass overwrite=True or resume=True, not both")
    folder = Path(out_dir)
    settings = _settings(source, lex, chunksize, load_options, event_lexicon)
    finished = _prepare_out_dir(folder, overwrite, resume, settings)

    logs: list[pd.DataFrame] = []
    analysed = ("documents", "sentences", "mentions")
    counts = dict.fromkeys(analysed if event_lexicon is None else (*analysed, EVENTS_TABLE), 0)
    to_analyse: deque[int] = deque()

    def corpus_chunks() -> Iterator[pd.DataFrame]:
        # Written as they are read, so the corpus parts line up with the others.
        for number, chunk in enumerate(_chunks_of(source, chunksize, load_options)):
            log = _chunk_log(chunk)
            logs.append(log)
            if number in finished:  # done by the interrupted run: counted, not redone
                for name in counts:
                    counts[name] += _parquet_rows(folder / name / _PART.format(number))
                continue
            _write_part(chunk, folder / "corpus" / _PART.format(number))
            to_analyse.append(number)
            yield chunk

    # each chunk's events table, appended before its other tables are yielded
    event_tables: list[pd.DataFrame] = []
    results = _analysis._run_chunks(
        corpus_chunks(), lex, workers=workers, progress=progress, total=None,
        run=_analysis._Run(lex, events=event_lexicon),
        event_tables=None if event_lexicon is None else event_tables,
    )
    for tables in results:
        number = to_analyse.popleft()
        written = tables if event_lexicon is None else (*tables, event_tables.pop(0))
        for name, table in zip(counts, written, strict=True):
            assert table is not None  # documents are computed per chunk here
            _write_part(table, folder / name / _PART.format(number))
            counts[name] += len(table)
        # last: a chunk counts as finished only when its log part is there too
        _write_part(logs[number], folder / _LOG / _PART.format(number))
    load_log = _whole_log(logs)
    n_events = counts.get(EVENTS_TABLE)
    _write_manifest(folder, {**settings, "complete": True, "chunks": len(logs),
                             "n_articles": counts["documents"], "n_sentences": counts["sentences"],
                             "n_mentions": counts["mentions"],
                             **({} if n_events is None else {"n_events": n_events})})
    return AnalysisFiles(
        out_dir=folder,
        n_articles=counts["documents"],
        n_sentences=counts["sentences"],
        n_mentions=counts["mentions"],
        load_log=load_log,
        lexicon=lex,
        n_events=n_events,
    )


def _event_lexicon(events: Any, *, caller: str) -> EventLexicon | None:
    """The event lexicon of an ``events=`` option (as :func:`mediakit.analyze`'s), or
    None for False."""
    if events is False:
        return None
    if events is True:
        return load_event_lexicon(None)
    if not isinstance(events, (str, os.PathLike, Mapping, EventLexicon)):
        raise TypeError(
            f"{caller}: events must be True, False, an event lexicon's name or path, a dict "
            f"or an EventLexicon, got {type(events).__name__}"
        )
    return load_event_lexicon(events)


def _parquet_rows(path: Path) -> int:
    import pyarrow.parquet as pq

    return int(pq.ParquetFile(path).metadata.num_rows)


def _chunk_log(chunk: pd.DataFrame) -> pd.DataFrame:
    from .corpus import load_log

    return load_log(chunk)


def _whole_log(parts: list[pd.DataFrame]) -> pd.DataFrame:
    from .corpus import _log_frame

    entries: list[dict[str, Any]] = []
    for part in parts:
        entries.extend(_records(part))
    return _log_frame(entries)


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """A load log's rows as dicts, missing values as None."""
    plain = frame.astype(object).where(frame.notna(), None)
    return [{str(key): value for key, value in row.items()} for row in plain.to_dict("records")]


# --- Dask -------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class DaskAnalysis:
    """The lazy result of :func:`analyze_dask`: three Dask DataFrames (four with
    ``events``).

    ``documents``, ``sentences`` and ``mentions`` have the columns documented on
    :class:`mediakit.Analysis`, one partition per partition of the articles;
    ``events`` (None unless asked for) those of :func:`mediakit.find_events`. They
    share their tasks: computing them together (:meth:`compute`, ``dask.compute``,
    ``client.persist``) analyses each partition once; computing them one by one
    analyses it again for each.
    """

    articles: Any
    documents: Any
    sentences: Any
    mentions: Any
    lexicon: Any
    events: Any = None

    def compute(self, **kwargs: Any) -> Analysis:
        """Compute all tables at once into an in-memory :class:`mediakit.Analysis`.

        Keyword arguments go to ``dask.compute`` (e.g. ``scheduler=``); with a
        ``distributed.Client`` active, it is used.
        """
        import dask

        lazy = [self.articles, self.documents, self.sentences, self.mentions]
        if self.events is not None:
            lazy.append(self.events)
        corpus, documents, sentences, mentions, *events = dask.compute(*lazy, **kwargs)
        return Analysis(
            corpus=_analysis._validated(corpus.reset_index(drop=True)),
            documents=documents.reset_index(drop=True),
            sentences=sentences.reset_index(drop=True),
            mentions=mentions.reset_index(drop=True),
            lexicon=self.lexicon,
            events=events[0].reset_index(drop=True) if events else None,
        )


def _analyze_partition(
    partition: pd.DataFrame, lexicon: Any, events: EventLexicon | None = None
) -> tuple[pd.DataFrame, ...]:
    """The per-chunk analysis of one Dask partition, run where the partition lives
    (with an event lexicon ``events``, its events table last)."""
    # A memo per partition: Dask runs partitions on threads or processes it owns,
    # so nothing is kept between calls.
    run = _analysis._Run(lexicon, events=events)
    work = _analysis._work_frame(_analysis._validated(partition))
    documents, sentences, mentions = _analysis._analyze_chunk(work, run)
    assert documents is not None  # _analyze_chunk builds them unless told not to
    if events is None:
        return documents, sentences, mentions
    return documents, sentences, mentions, _event_rows_frame(run.event_rows, work)


def analyze_dask(
    articles: Any,
    lexicon: Any = None,
    *,
    events: bool | EventLexicon | str | os.PathLike[str] | Mapping[str, Any] = False,
) -> DaskAnalysis:
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
    articles : dask.dataframe.DataFrame
        A ``dask.dataframe.DataFrame`` with the corpus columns; ``doc_id`` must be
        unique across partitions (each partition is validated on its own).
    lexicon : Lexicon, str, path-like, mapping or None, default None
        As for :func:`mediakit.analyze`; it is pickled to the workers.
    events : bool, str, path, dict or EventLexicon, default False
        Also find the events (:func:`mediakit.find_events`), as
        ``analyze(events=...)``: True with the bundled ``violence`` event lexicon, or
        the event lexicon to use (pickled to the workers too). ``.events`` is then a
        lazy Dask DataFrame and ``compute().events`` equals ``analyze(corpus,
        lexicon, events=...).events``.

    Returns
    -------
    DaskAnalysis
        Lazy ``documents``, ``sentences``, ``mentions`` (and ``events``) Dask
        DataFrames (one partition per article partition, columns as on
        :class:`mediakit.Analysis`) and ``compute()`` for an in-memory
        :class:`mediakit.Analysis`.

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
    event_lexicon = _event_lexicon(events, caller="analyze_dask")
    # the column names only (an empty pandas frame): nothing of the Dask graph is computed
    check_table(pd.DataFrame(columns=list(articles.columns)), ("doc_id", "outlet", "text"),
                caller="analyze_dask", table_name="articles")

    # Empty tables with the right columns and dtypes, from a one-row stand-in.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        meta = _analyze_partition(_stand_in(articles), lex, event_lexicon)
    meta = tuple(frame.iloc[:0] for frame in meta)

    lex_task = dask.delayed(lex, pure=True)
    events_task = None if event_lexicon is None else dask.delayed(event_lexicon, pure=True)
    parts = [
        dask.delayed(_analyze_partition, pure=True)(partition, lex_task, events_task)
        for partition in articles.to_delayed()
    ]
    tables = [
        dd.from_delayed([part[k] for part in parts], meta=meta[k], verify_meta=False)
        for k in range(len(meta))
    ]
    return DaskAnalysis(
        articles=articles, documents=tables[0], sentences=tables[1], mentions=tables[2],
        lexicon=lex, events=tables[3] if event_lexicon is not None else None,
    )


def _stand_in(articles: Any) -> pd.DataFrame:
    """A one-article corpus with the Dask DataFrame's columns and dtypes (read from its
    public ``dtypes``: nothing is computed)."""
    dtypes = articles.dtypes
    row: dict[str, Any] = {}
    for column, dtype in dtypes.items():
        row[column] = pd.Series([None], dtype=dtype)
    stand_in = pd.DataFrame(row)
    stand_in["doc_id"] = pd.Series(["meta"], dtype=dtypes["doc_id"])
    stand_in["outlet"] = pd.Series(["meta"], dtype=dtypes["outlet"])
    stand_in["text"] = pd.Series(["The rebels said."], dtype=dtypes["text"])
    return stand_in
