"""The corpus table: loading, validation, the bundled sample.

Columns (one row per article), in this order:

``doc_id``
    str, unique, stable across runs, never random (see "Document ids").
``outlet``
    str, the publication (non-empty).
``date``
    ``datetime64[ns]``, tz-naive, may be NaT (see "Dates").
``title``
    str, empty when unknown.
``url``
    str, empty when unknown.
``text``
    str, non-empty: the article body, characters kept exactly as read (CRLF and CR
    become LF, a BOM is dropped).
then every extra input column, unchanged, in the order first seen.

``corpus.attrs["skipped"]`` is a DataFrame with columns ``file, row, column, reason``
listing every input record not loaded (empty, with those columns, when none was); dtypes
are fixed: ``file`` str, ``row`` nullable Int64, ``column`` nullable string (``<NA>``
when the problem is with a whole file or row), ``reason`` str. It is
a ``SkippedRecords`` frame, whose whole-table ``==`` lets pandas concatenate and merge
corpora that carry it.
``corpus.attrs["ignored_files"]`` lists files a folder walk passed over on purpose
(hidden files and folders, READMEs, links back to a folder already walked).

Inputs
------
* a folder: every file below it, recursively, in sorted order of the path relative to
  the folder. Hidden files and folders (name starting with ``.``) and ``README``
  files (``README``, ``README.md``, ``readme.txt``, ...) are documentation or tooling,
  not articles: they are passed over and listed in ``attrs["ignored_files"]``. Every
  other file is read by the reader for its extension (``mediakit.readers.EXTENSIONS``);
  a file with an extension mediakit does not read is a bad input (reported, never
  passed over quietly);
* a list of files and/or folders; a single file;
* a pandas DataFrame (normalised and validated; its index is ignored: ``reset_index()``
  first to keep it).

``format=`` forces one reader for every file given (for odd extensions).

Text and Markdown files: see ``mediakit.readers.textfiles`` (title line, optional date
line, body; optional YAML front matter overrides). Tables: CSV, TSV, JSON, JSON Lines
(see ``mediakit.readers.tables``), one article per row.

Column names
------------
Input names are matched case-insensitively. An input column already named like a corpus
column wins; otherwise the first recognised alias in ``_ALIASES`` order is used (e.g.
``source``, ``media_name``, ``publisher`` -> ``outlet``; ``publish_date``,
``published`` -> ``date``; ``headline`` -> ``title``; ``content``, ``body`` -> ``text``;
``link`` -> ``url``; ``id``, ``stories_id`` -> ``doc_id``); aliases not used stay as
extra columns. ``name`` is deliberately not an alias (it is as often an author as a
headline). ``columns={"input name": "corpus name"}`` maps names explicitly and wins.

Outlet: the record's own outlet (column or front matter), else ``outlet=``, else the
name of the first sub-folder between the folder given and the file (as written:
``tehran-times``), else the record is bad ("missing outlet").

Dates
-----
Parsed by ``mediakit.readers._dates``: ISO 8601, English month names (``March 1, 2020 -
16:12``, ``1 March 2020``), RFC 2822, ``2020/03/01``, day-first dotted ``01.03.2020``.
Slash dates such as ``03/01/2020`` are read only when unambiguous (a part above 12);
an ambiguous one is not guessed. A time with a zone is converted to UTC and the zone
dropped, so the column is tz-naive. A missing date is NaT; an unparseable one is NaT
and a ``CorpusWarning`` names its file, row and column and why it was not read
(ambiguous, no such day, a number, or not a date form mediakit reads), one warning
per load listing them. Numbers such as Unix times (``1583020800``) are not read as
dates: their unit is the caller's to say (``pandas.to_datetime(column, unit="s")``).

Encodings
---------
UTF-8 (with or without BOM) is read as is; a file that is not valid UTF-8 is decoded
with ``encoding=`` when given, else by a fallback (charset-normalizer when confident,
else Windows-1252, else Latin-1) with one ``CorpusWarning`` naming the file and the
encoding used. See ``mediakit.readers._decoding``.

Document ids
------------
From an id column when the record has a non-empty one (used as is, as text). Else,
with ``key`` the file's path relative to the folder given (or to the common parent of
the files given), without extension and with ``/`` separators: ``key`` for one-article
files (text, Markdown, HTML), ``key:row`` for tables and feeds, ``row-<n>`` (1-based
position) for a DataFrame. When two files of the same load differ only in their
extension (``b/s.txt`` and ``b/s.md``), both keep the extension in ``key``
(``b/s.txt``, ``b/s.md``), so ids stay short where they are unique and never
depend on which file was read first. A repeated id is a bad record; the first copy
is kept.

Errors
------
``errors="raise"`` (default) raises ``CorpusError`` at the first bad record, naming
file, row and column. ``errors="skip"`` loads the rest, lists every bad record in
``attrs["skipped"]`` and emits one ``CorpusWarning`` summarising them. Bad records:
empty text, missing text or outlet, duplicate id, unreadable or binary file, malformed
CSV row / JSON, unsupported extension. A path that does not exist at all raises
``FileNotFoundError`` in both modes (it is a mistake in the call, not in the data).
"""

from __future__ import annotations

import codecs
import os
import re
import warnings
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .errors import CorpusError, CorpusWarning
from .readers import EXTENSIONS, FORMATS, ReadResult, get_reader
from .readers._dates import date_problem, is_missing, parse_date

__all__ = [
    "CORPUS_COLUMNS",
    "SKIPPED_COLUMNS",
    "SkippedRecords",
    "iter_corpus",
    "load_corpus",
    "load_sample",
    "validate_corpus",
]

CORPUS_COLUMNS: tuple[str, ...] = ("doc_id", "outlet", "date", "title", "url", "text")
SKIPPED_COLUMNS: tuple[str, ...] = ("file", "row", "column", "reason")

# Recognised input names (lower case) per corpus column, in order of preference.
_ALIASES: dict[str, tuple[str, ...]] = {
    "doc_id": ("id", "article_id", "stories_id", "story_id", "docid", "document_id"),
    "outlet": ("source", "media_name", "media", "publisher", "publication", "site",
               "newspaper", "source_name", "outlet_name"),
    "date": ("publish_date", "published", "pubdate", "date_published", "publication_date",
             "published_at", "datetime", "timestamp"),
    "title": ("headline",),
    "url": ("link", "permalink", "article_url", "story_url"),
    "text": ("content", "body", "article", "full_text", "story", "story_text",
             "article_text", "maintext"),
}

# Formats whose files hold one article each: their doc_id is the file key alone.
_ONE_ARTICLE_FORMATS = frozenset({"text", "markdown", "html"})

# Formats read lazily in batches by iter_corpus (the others are read a file at a time).
_STREAMING = {
    "csv": "iter_csv",
    "tsv": "iter_tsv",
    "jsonl": "iter_jsonl",
}

_DATAFRAME_FILE = "<DataFrame>"
_MAX_LISTED = 10


@dataclass(frozen=True)
class _FileTask:
    path: Path
    key: str
    folder: str | None
    fmt: str | None


@dataclass
class _Options:
    format: str | None
    outlet: str | None
    columns: dict[str, str]
    encoding: str | None
    errors: str


def _check_options(format: str | None, outlet: str | None, columns: dict[str, str] | None,
                   encoding: str | None, errors: str) -> _Options:
    if errors not in ("raise", "skip"):
        raise ValueError(f"errors must be 'raise' or 'skip', not {errors!r}")
    if format is not None and format not in FORMATS:
        raise ValueError(f"unknown format {format!r}; known formats: {', '.join(sorted(FORMATS))}")
    if encoding is not None:
        codecs.lookup(encoding)  # LookupError names an unknown codec
    if outlet is not None and (not isinstance(outlet, str) or not outlet.strip()):
        raise ValueError("outlet= must be a non-empty string")
    mapping = dict(columns or {})
    for name, target in mapping.items():
        if target not in CORPUS_COLUMNS:
            raise ValueError(
                f"columns= maps {name!r} to {target!r}, which is not a corpus column; "
                f"map input names to one of {', '.join(CORPUS_COLUMNS)}"
            )
    targets = Counter(mapping.values())
    doubled = [target for target, count in targets.items() if count > 1]
    if doubled:
        raise ValueError(f"columns= maps several input columns to {doubled[0]!r}")
    return _Options(format, outlet, mapping, encoding, errors)


# --- finding the files ---------------------------------------------------------------


def _is_passed_over(name: str) -> bool:
    return name.startswith(".") or name.lower() == "readme" or name.lower().startswith("readme.")


def _key(path: Path, root: Path) -> tuple[str, str | None]:
    relative = path.relative_to(root)
    parts = relative.parts
    key = relative.with_suffix("").as_posix() if relative.suffix else relative.as_posix()
    return key, (parts[0] if len(parts) > 1 else None)


def _walk(folder: Path, fmt: str | None, ignored: list[str]) -> list[_FileTask]:
    tasks: list[_FileTask] = []
    visited = {os.path.realpath(folder)}
    # links to folders are followed (data folders are often linked in); a link back to
    # a folder already walked is listed among the ignored files instead of looping
    for directory, subdirs, files in os.walk(folder, followlinks=True):
        here = Path(directory)
        kept = []
        for name in sorted(subdirs):
            real = os.path.realpath(here / name)
            if _is_passed_over(name) or real in visited:
                ignored.append(str(here / name))
            else:
                visited.add(real)
                kept.append(name)
        subdirs[:] = sorted(kept)  # os.walk descends in this order
        for name in sorted(files):
            path = here / name
            if _is_passed_over(name):
                ignored.append(str(path))
                continue
            key, sub = _key(path, folder)
            tasks.append(_FileTask(path, key, sub, fmt or EXTENSIONS.get(path.suffix.lower())))
    return sorted(tasks, key=lambda task: task.path.relative_to(folder).parts)


def _collect(source: Any, fmt: str | None) -> tuple[list[_FileTask], list[str]]:
    if isinstance(source, (str, os.PathLike)):
        items = [source]
    elif isinstance(source, (list, tuple)):
        items = list(source)
    else:
        raise TypeError(
            "source must be a folder, a file, a list of files/folders or a DataFrame, "
            f"not {type(source).__name__}"
        )
    paths = [Path(item) for item in items]
    for path in paths:
        if not path.exists() and not path.is_symlink():
            raise FileNotFoundError(f"no such file or folder: {path}")
    files = [path for path in paths if not path.is_dir()]
    root = Path(os.path.commonpath([p.absolute().parent for p in files])) if files else None
    ignored: list[str] = []
    tasks: list[_FileTask] = []
    for path in paths:
        if path.is_dir():
            tasks.extend(_walk(path, fmt, ignored))
        else:
            assert root is not None
            key, sub = _key(path.absolute(), root)
            tasks.append(_FileTask(path, key, sub, fmt or EXTENSIONS.get(path.suffix.lower())))
    return _keep_extension_where_needed(tasks), ignored


def _keep_extension_where_needed(tasks: list[_FileTask]) -> list[_FileTask]:
    """Give files whose key (path without extension) is shared with another file of
    the same load their key with the extension (``b/s.txt`` and ``b/s.md``), so that
    neither is lost as a duplicate id. The same file listed twice is still one key."""
    files_of_key: dict[str, set[str]] = {}
    for task in tasks:
        files_of_key.setdefault(task.key, set()).add(os.path.realpath(task.path))
    return [
        replace(task, key=task.key + task.path.suffix) if len(files_of_key[task.key]) > 1
        else task
        for task in tasks
    ]


def _file_problem(task: _FileTask) -> str | None:
    """Why a file cannot be read at all (unsupported, unreadable, binary), or None."""
    if task.fmt is None:
        supported = ", ".join(sorted(EXTENSIONS))
        suffix = task.path.suffix or "(no extension)"
        return f"unsupported file type {suffix}; mediakit reads {supported} (or pass format=)"
    if not task.path.is_file():
        return "cannot read file: not a regular file (a broken link?)"
    try:
        with task.path.open("rb") as handle:
            head = handle.read(4)
            wide = head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
            block = head
            while block and not wide:
                if b"\x00" in block:
                    return "binary file (contains NUL bytes), not a text article or table"
                block = handle.read(1 << 20)
    except OSError as exc:
        return f"cannot read file: {exc.strerror or exc}"
    return None


# --- turning records into rows -------------------------------------------------------


@dataclass
class _Loader:
    """State shared by every record of one load: ids seen, problems found, warnings."""

    options: _Options
    seen_ids: dict[str, tuple[str, Any]] = field(default_factory=dict)
    skipped: list[dict[str, Any]] = field(default_factory=list)
    bad_dates: list[tuple[str, Any, str, Any]] = field(default_factory=list)
    columns_seen: set[str] = field(default_factory=set)
    _mappings: dict[tuple[str, ...], tuple[dict[str, str], list[str]]] = field(default_factory=dict)

    def problem(self, entry: dict[str, Any]) -> None:
        """Record a bad input: raise at once, or keep it for attrs["skipped"]."""
        if self.options.errors == "raise":
            raise CorpusError(entry["reason"], file=entry.get("file"), row=entry.get("row"),
                              column=entry.get("column"))
        self.skipped.append({name: entry.get(name) for name in SKIPPED_COLUMNS})

    def mapping(self, keys: tuple[str, ...]) -> tuple[dict[str, str], list[str]]:
        """(corpus column -> input key, extra keys in order) for records with these keys."""
        cached = self._mappings.get(keys)
        if cached is not None:
            return cached
        explicit = self.options.columns
        chosen: dict[str, str] = {}
        used: set[str] = set()
        for key in keys:
            if key in explicit:
                chosen[explicit[key]] = key
                used.add(key)
        self.columns_seen.update(key for key in keys if key in explicit)
        lowered = [(key, key.lower()) for key in keys]
        for column in CORPUS_COLUMNS:
            if column in chosen:
                continue
            for name in (column, *_ALIASES[column]):
                match = next((key for key, low in lowered if low == name and key not in used), None)
                if match is not None:
                    chosen[column] = match
                    used.add(match)
                    break
        extras = [key for key in keys if key not in used]
        self._mappings[keys] = (chosen, extras)
        return chosen, extras

    def rows(self, records: list[dict[str, Any]], task: _FileTask | None,
             reader_skipped: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Validated corpus rows for one batch of records; bad ones go to ``problem``."""
        out: list[dict[str, Any]] = []
        problems: list[dict[str, Any]] = list(reader_skipped)
        raising = self.options.errors == "raise"
        for position, record in enumerate(records, start=1):
            row, issue = self._row(record, task, position)
            if issue is not None:
                problems.append(issue)
                if raising:
                    break  # the earliest problem of this batch is raised below
            else:
                out.append(row)
        if problems:
            if raising:
                first = min(problems, key=lambda p: (p.get("row") is not None, p.get("row") or 0))
                self.problem(first)
            for entry in sorted(problems, key=lambda p: (p.get("row") is not None, p.get("row") or 0)):
                self.problem(entry)
        return out

    def _row(self, record: dict[str, Any], task: _FileTask | None, position: int
             ) -> tuple[dict[str, Any], dict[str, Any] | None]:
        file = record.get("_file", str(task.path) if task else _DATAFRAME_FILE)
        row_number = record.get("_row", position)
        keys = tuple(key for key in record if key not in ("_file", "_row"))
        chosen, extras = self.mapping(keys)

        def bad(column: str | None, reason: str) -> tuple[dict[str, Any], dict[str, Any]]:
            return {}, {"file": file, "row": row_number, "column": column, "reason": reason}

        text_key = chosen.get("text")
        text = record.get(text_key) if text_key is not None else None
        if text_key is None:
            found = ", ".join(repr(k) for k in keys) or "none"
            return bad("text", "missing required column 'text' (recognised names: text, "
                       f"{', '.join(_ALIASES['text'])}; columns found: {found}); "
                       "map yours with columns={'your name': 'text'}")
        if is_missing(text):
            return bad(text_key, "empty text")
        if not isinstance(text, str):
            return bad(text_key, f"text must be a string, not {type(text).__name__}")

        outlet_key = chosen.get("outlet")
        outlet_value = record.get(outlet_key) if outlet_key is not None else None
        if not is_missing(outlet_value):
            outlet = str(outlet_value).strip()
        elif self.options.outlet is not None:
            outlet = self.options.outlet
        elif task is not None and task.folder is not None:
            outlet = task.folder
        else:
            where = "the record's outlet is empty" if outlet_key else "no outlet column"
            return bad(outlet_key or "outlet",
                       f"missing outlet ({where}; recognised names: outlet, "
                       f"{', '.join(_ALIASES['outlet'])}); pass outlet= or put the files in "
                       "one sub-folder per outlet")

        id_key = chosen.get("doc_id")
        id_value = record.get(id_key) if id_key is not None else None
        if not is_missing(id_value):
            doc_id = str(id_value).strip()
        elif task is None:
            doc_id = f"row-{row_number}"
        elif task.fmt in _ONE_ARTICLE_FORMATS:
            doc_id = task.key
        else:
            doc_id = f"{task.key}:{row_number}"
        first = self.seen_ids.get(doc_id)
        if first is not None:
            return bad(id_key or "doc_id",
                       f"duplicate doc_id {doc_id!r} (first seen in {first[0]}, row {first[1]}; "
                       "the first copy is kept)")
        self.seen_ids[doc_id] = (file, row_number)

        date_key = chosen.get("date")
        raw_date = record.get(date_key) if date_key is not None else None
        date = None
        if not is_missing(raw_date):
            date = parse_date(raw_date)
            if date is None:
                assert date_key is not None
                self.bad_dates.append((file, row_number, date_key, raw_date))

        def text_of(column: str) -> str:
            key = chosen.get(column)
            value = record.get(key) if key is not None else None
            return "" if is_missing(value) else str(value).strip()

        row = {
            "doc_id": doc_id,
            "outlet": outlet,
            "date": date,
            "title": text_of("title"),
            "url": text_of("url"),
            "text": text,
        }
        for key in extras:
            # an extra column named like a corpus column (possible only when columns=
            # maps another input column there) is kept, renamed, rather than lost
            row[f"input_{key}" if key in row else key] = record[key]
        return row, None

    def finish_warnings(self) -> None:
        """Emit the summary warnings (bad dates, skipped records) and reset them."""
        if self.bad_dates:
            listed = "; ".join(
                f"{file}, row {row}, column {column!r}: {value!r} ({date_problem(value)})"
                for file, row, column, value in self.bad_dates[:_MAX_LISTED]
            )
            more = len(self.bad_dates) - _MAX_LISTED
            tail = f"; and {more} more" if more > 0 else ""
            warnings.warn(
                f"{len(self.bad_dates)} date(s) not understood, stored as NaT (use ISO "
                f"8601, e.g. 2020-03-01): {listed}{tail}",
                CorpusWarning, stacklevel=3,
            )
            self.bad_dates = []
        if self.skipped:
            reasons = Counter(_reason_kind(entry["reason"]) for entry in self.skipped)
            summary = ", ".join(f"{count} {reason}" for reason, count in reasons.most_common())
            first = self.skipped[0]
            warnings.warn(
                f"skipped {len(self.skipped)} input record(s) ({summary}); first: "
                f"{CorpusError(first['reason'], file=first['file'], row=first['row'], column=first['column'])}. "
                "See corpus.attrs['skipped'] for every one.",
                CorpusWarning, stacklevel=3,
            )


def _reason_kind(reason: str) -> str:
    """The kind of a problem for the summary: its reason without the specifics."""
    return re.split(r" \(|:|;| '| \.", reason, maxsplit=1)[0]


class SkippedRecords(pd.DataFrame):
    """The table of skipped input records kept in ``corpus.attrs["skipped"]``.

    A plain DataFrame (columns ``file, row, column, reason``) except for one thing:
    ``==`` between two whole tables answers True or False (``DataFrame.equals``)
    instead of an element-wise frame. pandas compares ``attrs`` with ``==`` when it
    concatenates or merges frames, and an element-wise answer there makes
    ``pd.concat([corpus_a, corpus_b])`` or ``mentions.merge(corpus)`` fail with
    "truth value of a DataFrame is ambiguous".
    """

    @property
    def _constructor(self) -> type[SkippedRecords]:
        return SkippedRecords

    def __eq__(self, other: object) -> bool:  # type: ignore[override]
        return isinstance(other, pd.DataFrame) and self.equals(other)

    def __ne__(self, other: object) -> bool:  # type: ignore[override]
        return not self.__eq__(other)

    __hash__ = None  # type: ignore[assignment]


def _skipped_frame(entries: list[dict[str, Any]]) -> pd.DataFrame:
    """The skipped table with fixed dtypes, whoever builds it (readers, loader, fetch).

    ``file`` and ``reason`` are ``str``; ``row`` is nullable ``Int64`` and
    ``column`` nullable ``string``, both ``<NA>`` for a problem with a whole file,
    so a blank looks the same in both columns (never ``nan`` next to ``<NA>``).
    """
    frame = SkippedRecords(entries, columns=list(SKIPPED_COLUMNS))
    frame["row"] = frame["row"].astype("Int64")
    frame["column"] = frame["column"].astype("string")
    for name in ("file", "reason"):
        frame[name] = frame[name].astype("str")
    return frame


def _frame(rows: list[dict[str, Any]], start: int = 0) -> pd.DataFrame:
    """The corpus frame for validated rows, index ``start, start+1, ...``."""
    data: dict[str, Any] = {}
    for name in ("doc_id", "outlet"):
        data[name] = pd.Series([r[name] for r in rows], dtype="str")
    data["date"] = pd.Series(np.array([r["date"] for r in rows], dtype="datetime64[ns]"))
    for name in ("title", "url", "text"):
        data[name] = pd.Series([r[name] for r in rows], dtype="str")
    extras: dict[str, None] = {}
    for r in rows:
        for key in r:
            if key not in extras and key not in data:
                extras[key] = None
    for key in extras:
        data[key] = pd.Series([r.get(key) for r in rows])
    frame = pd.DataFrame(data)
    frame.index = pd.RangeIndex(start, start + len(rows))
    return frame


# --- the loading pipeline ------------------------------------------------------------


def _batches(task: _FileTask, options: _Options, batch_size: int | None) -> Iterator[ReadResult]:
    """The file's records in batches (lazily for streamable tables), errors as skipped."""
    problem = _file_problem(task)
    if problem is not None:
        yield ReadResult(skipped=[{"file": str(task.path), "row": None, "column": None, "reason": problem}])
        return
    assert task.fmt is not None
    try:
        if batch_size is not None and task.fmt in _STREAMING:
            from .readers import tables

            stream = getattr(tables, _STREAMING[task.fmt])
            yield from stream(task.path, encoding=options.encoding, batch_size=batch_size)
        else:
            yield get_reader(task.fmt)(task.path, encoding=options.encoding)
    except ImportError as exc:  # an optional reader's dependency is not installed
        raise ImportError(
            f"reading {task.path} as {task.fmt!r} needs an optional dependency ({exc}); "
            "install it, e.g. pip install 'mediakit[web]' for HTML pages and feeds"
        ) from exc
    except CorpusError as exc:
        yield ReadResult(skipped=[{"file": exc.file or str(task.path), "row": exc.row,
                                   "column": exc.column, "reason": exc.reason}])
    except (OSError, ValueError) as exc:  # includes UnicodeDecodeError, JSON errors
        yield ReadResult(skipped=[{"file": str(task.path), "row": None, "column": None,
                                   "reason": f"cannot read file: {exc}"}])


def _row_batches(source: Any, options: _Options, batch_size: int | None, loader: _Loader
                 ) -> Iterator[tuple[list[dict[str, Any]], list[str]]]:
    """Validated rows, batch by batch, and the files passed over (given with the first batch)."""
    if isinstance(source, pd.DataFrame):
        records = source.to_dict("records") if len(source.columns) else [{} for _ in range(len(source))]
        records = [{str(k): v for k, v in record.items()} for record in records]
        step = batch_size or max(len(records), 1)
        if not records:
            yield [], []
        for start in range(0, len(records), step):
            chunk = records[start : start + step]
            for offset, record in enumerate(chunk, start=start + 1):
                record["_file"] = _DATAFRAME_FILE
                record["_row"] = offset
            yield loader.rows(chunk, None, []), []
        return
    tasks, ignored = _collect(source, options.format)
    yield [], ignored
    for task in tasks:
        for batch in _batches(task, options, batch_size):
            for message in batch.warnings:
                warnings.warn(message, CorpusWarning, stacklevel=3)
            yield loader.rows(batch.records, task, batch.skipped), []


def _unmatched_columns_warning(loader: _Loader) -> None:
    unmatched = [name for name in loader.options.columns if name not in loader.columns_seen]
    if unmatched:
        warnings.warn(
            f"columns= names input column(s) no record has: {', '.join(map(repr, unmatched))}",
            CorpusWarning, stacklevel=3,
        )


def load_corpus(
    source: Any,
    *,
    format: str | None = None,
    outlet: str | None = None,
    columns: dict[str, str] | None = None,
    encoding: str | None = None,
    errors: str = "raise",
) -> pd.DataFrame:
    """Load articles into the corpus table (columns: see the module docstring).

    ``source`` is a folder, a file, a list of files/folders, or a DataFrame.
    ``format`` forces a reader (``"text"``, ``"markdown"``, ``"csv"``, ``"tsv"``,
    ``"json"``, ``"jsonl"``, ``"html"``, ``"feed"``) for every file. ``outlet`` is the
    outlet of records that name none. ``columns`` maps input column names to corpus
    column names and wins over automatic recognition. ``encoding`` decodes files that
    are not valid UTF-8. ``errors`` is ``"raise"`` (stop at the first bad record with a
    ``CorpusError`` naming file, row and column) or ``"skip"`` (load the rest; the bad
    ones are in ``attrs["skipped"]`` and one ``CorpusWarning`` summarises them).

    Returns a new DataFrame; an input DataFrame is never modified.
    """
    options = _check_options(format, outlet, columns, encoding, errors)
    loader = _Loader(options)
    rows: list[dict[str, Any]] = []
    ignored: list[str] = []
    for batch, passed_over in _row_batches(source, options, None, loader):
        rows.extend(batch)
        ignored.extend(passed_over)
    _unmatched_columns_warning(loader)
    skipped = list(loader.skipped)
    loader.finish_warnings()
    corpus = validate_corpus(_frame(rows))
    corpus.attrs["skipped"] = _skipped_frame(skipped)
    corpus.attrs["ignored_files"] = ignored
    return corpus


def iter_corpus(
    source: Any,
    *,
    chunksize: int = 1000,
    format: str | None = None,
    outlet: str | None = None,
    columns: dict[str, str] | None = None,
    encoding: str | None = None,
    errors: str = "raise",
) -> Iterator[pd.DataFrame]:
    """Load like ``load_corpus``, yielding corpus tables of at most ``chunksize`` articles.

    Files are read one at a time and CSV/TSV/JSON Lines tables in batches, so memory
    stays bounded by the chunk size and the largest single non-streamable file (a JSON
    document, an article file). Ids, validation, warnings and errors are the same as
    ``load_corpus``'s, and ``pd.concat(iter_corpus(source))`` equals
    ``load_corpus(source)`` (chunk indexes continue one another). Each chunk's
    ``attrs["skipped"]`` lists the records skipped since the previous chunk; the
    summary warnings come once, when the iteration ends. Extra columns take their dtype
    per chunk, so an extra column that is sometimes missing may differ in dtype.
    """
    if not isinstance(chunksize, int) or chunksize < 1:
        raise ValueError(f"chunksize must be a positive integer, not {chunksize!r}")
    options = _check_options(format, outlet, columns, encoding, errors)
    loader = _Loader(options)
    pending: list[dict[str, Any]] = []
    ignored: list[str] = []
    reported = 0
    emitted = 0

    def chunk(rows: list[dict[str, Any]]) -> pd.DataFrame:
        nonlocal reported, emitted
        frame = _frame(rows, start=emitted)
        frame.attrs["skipped"] = _skipped_frame(loader.skipped[reported:])
        frame.attrs["ignored_files"] = list(ignored)
        reported = len(loader.skipped)
        emitted += len(rows)
        return frame

    yielded = False
    for batch, passed_over in _row_batches(source, options, chunksize, loader):
        ignored.extend(passed_over)
        pending.extend(batch)
        while len(pending) >= chunksize:
            head, pending = pending[:chunksize], pending[chunksize:]
            yielded = True
            yield chunk(head)
    _unmatched_columns_warning(loader)
    if pending or not yielded or reported < len(loader.skipped):
        # the last chunk also carries records skipped after the last full chunk
        last = chunk(pending)
        loader.finish_warnings()
        yield last
    else:
        loader.finish_warnings()


# --- validation ----------------------------------------------------------------------


def validate_corpus(corpus: pd.DataFrame) -> pd.DataFrame:
    """Check a corpus table and return it normalised (a new frame; the input is untouched).

    Requires the columns ``doc_id``, ``outlet`` and ``text``; adds ``date`` (NaT),
    ``title`` and ``url`` (empty) when absent. Checks that ``doc_id`` is unique and
    non-empty, ``outlet`` non-empty, ``text`` a non-empty string, and ``date``
    datetime-like (tz-aware dates become tz-naive UTC). Columns come back in corpus
    order, extras after, with string dtypes for the text columns and
    ``datetime64[ns]`` for ``date``. Raises ``CorpusError`` naming the row (1-based
    position) and column of the first problem; ``TypeError`` if ``corpus`` is not a
    DataFrame.
    """
    if not isinstance(corpus, pd.DataFrame):
        raise TypeError(f"a corpus is a pandas DataFrame, not {type(corpus).__name__}")
    where = _DATAFRAME_FILE
    missing = [name for name in ("doc_id", "outlet", "text") if name not in corpus.columns]
    if missing:
        raise CorpusError(
            f"missing required column(s) {', '.join(map(repr, missing))}; a corpus has "
            f"{', '.join(CORPUS_COLUMNS)} (load raw tables with load_corpus)",
            file=where, column=missing[0],
        )
    if corpus.columns.duplicated().any():
        name = corpus.columns[corpus.columns.duplicated()][0]
        raise CorpusError(f"column {name!r} appears twice", file=where, column=str(name))
    out = corpus.copy()
    n = len(out)

    def first_bad(mask: Any) -> int:
        return int(np.flatnonzero(np.asarray(mask, dtype=bool))[0]) + 1

    for name in ("doc_id", "outlet", "text"):
        values = out[name]
        missing_mask = values.isna().to_numpy()
        if missing_mask.any():
            raise CorpusError(f"missing {name}", file=where, row=first_bad(missing_mask), column=name)
        if name == "text" and not isinstance(values.dtype, pd.StringDtype):
            not_str = np.array([not isinstance(v, str) for v in values], dtype=bool)
            if not_str.any():
                row = first_bad(not_str)
                raise CorpusError(f"text must be a string, not {type(values.iloc[row - 1]).__name__}",
                                  file=where, row=row, column=name)
        as_text = values if values.dtype == "str" else values.astype("str")
        # a regex search stops at the first visible character: cheap on long texts
        blank = (~as_text.str.contains(r"\S", regex=True)).to_numpy(dtype=bool)
        if blank.any():
            raise CorpusError(f"empty {name}", file=where, row=first_bad(blank), column=name)
        out[name] = as_text
    duplicated = out["doc_id"].duplicated().to_numpy()
    if duplicated.any():
        row = first_bad(duplicated)
        doc_id = out["doc_id"].iloc[row - 1]
        first = int(np.flatnonzero((out["doc_id"] == doc_id).to_numpy())[0]) + 1
        raise CorpusError(f"duplicate doc_id {doc_id!r} (first at row {first})",
                          file=where, row=row, column="doc_id")
    for name in ("title", "url"):
        if name not in out.columns:
            out[name] = pd.Series([""] * n, index=out.index, dtype="str")
        else:
            values = out[name]
            if values.dtype != "str":
                values = pd.Series(
                    ["" if is_missing(v) else str(v) for v in values], index=out.index, dtype="str"
                )
            out[name] = values.fillna("")
    if "date" not in out.columns:
        out["date"] = pd.Series(np.full(n, np.datetime64("NaT"), dtype="datetime64[ns]"), index=out.index)
    else:
        dates = out["date"]
        if isinstance(dates.dtype, pd.DatetimeTZDtype):
            dates = dates.dt.tz_convert("UTC").dt.tz_localize(None)
        if not pd.api.types.is_datetime64_dtype(dates.dtype):
            if dates.isna().all():
                dates = pd.Series(np.full(n, np.datetime64("NaT"), dtype="datetime64[ns]"), index=out.index)
            else:
                bad = dates.notna().to_numpy()
                raise CorpusError(
                    f"date must be datetime64 (got {dates.dtype}); load raw tables with "
                    "load_corpus, which parses dates", file=where, row=first_bad(bad), column="date",
                )
        out["date"] = dates.astype("datetime64[ns]")
    extras = [name for name in out.columns if name not in CORPUS_COLUMNS]
    return out[list(CORPUS_COLUMNS) + extras]


# --- the bundled sample --------------------------------------------------------------


def _sample_folder() -> Path:
    here = Path(__file__)
    candidates = [here.parent / "data" / "sample", here.resolve().parent.parent / "data" / "sample"]
    for folder in candidates:
        if folder.is_dir():
            return folder
    raise FileNotFoundError(
        "the bundled sample corpus is missing (looked in "
        + " and ".join(str(c) for c in candidates)
        + "); reinstall mediakit, or run from a source checkout that has data/sample"
    )


def load_sample() -> pd.DataFrame:
    """The bundled synthetic sample corpus (see ``data/README.md``) as a corpus table.

    It is Markdown with front matter, one sub-folder per outlet; loaded with
    ``errors="raise"``, so a damaged copy fails loudly instead of loading partly.
    The lexicon written for it (its fictional armed groups and states) is the
    bundled ``"marenna"`` (:data:`mediakit.lexicon.SAMPLE_LEXICON`); pass it by name,
    ``analyze(load_sample(), "marenna")``: like any corpus, the sample does not
    choose a lexicon (``lexicon=None`` means ``"conflict"`` everywhere).
    """
    return load_corpus(_sample_folder())
