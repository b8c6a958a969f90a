"""The corpus table: loading, validation, the load log, the bundled sample.

Columns (one row per article), in this order:

``doc_id``
    str, unique, stable across runs, never random (see "Document ids").
``outlet``
    str, the publication (non-empty).
``date``
    ``datetime64[us]``, tz-naive, may be NaT (see "Dates"). Microseconds, not
    nanoseconds: any year from 1 to 9999 is kept as written (nanosecond timestamps
    stop at 1677 and 2262).
``title``
    str, empty when unknown.
``url``
    str, empty when unknown.
``text``
    str, non-empty: the article body, characters kept exactly as read (CRLF and CR
    become LF, a BOM is dropped). For a headline record, its title.
``text_source``
    str, where ``text`` comes from: ``"body"`` (the article's text), ``"summary"`` (a
    feed's teaser, not the full article) or ``"title"`` (a **headline record**: the
    input had a title and no body, so the title is the text; see "Headline corpora").
then every extra input column, unchanged, in the order first seen.

The load log
------------
Everything a load did that a researcher should be able to check later is kept in ONE
place, the corpus's load log, read with :func:`load_log` (``mediakit.load_log(corpus)``;
it is stored in ``corpus.attrs["load_log"]``, the only thing mediakit keeps in a
corpus's ``attrs``, and travels with the table through copies, slices and
``pd.concat`` of corpora from the same load). One row per event, columns:

``kind``
    what happened (:data:`LOG_KINDS`):

    * ``skipped``: an input record or file not loaded (``message`` says why);
    * ``ignored``: a file or folder passed over on purpose (hidden files and folders,
      READMEs, a link back to a folder already walked);
    * ``encoding``: a file that is not plain UTF-8 and how it was decoded
      (``value`` the encoding; a fallback mediakit chose also warns);
    * ``column``: an input column recognised by its name (``column`` the input name,
      ``value`` the corpus column), or a name left unused because it is ambiguous;
    * ``date``: a date not read, stored as NaT (``value`` the input, ``message`` why);
    * ``date_order``: a column whose day/month order its own values settled;
    * ``duplicate_id``: a repeated ``doc_id`` and what was done (``value`` the new id);
    * ``title_only``: a file's records that had a title and no body (``value`` how
      many; they are headline records);
    * ``note``: anything else a reader noticed (a feed that is not well-formed).
``file``, ``row``, ``column``
    where (``row`` is nullable ``Int64``, ``column`` nullable ``string``; ``<NA>`` for
    a whole file or column);
``value``
    the value concerned, as text (nullable ``string``);
``message``
    one sentence, for people.

``load_log(corpus, kind="skipped")`` is the list of records not loaded. Loading never
prints; it warns (``CorpusWarning``) once per kind of event with a summary that points
at the log. The CLI prints the same summary, the report shows the log in its Corpus
section, and the notebooks show it in their first table.

Inputs
------
* a folder: every file below it, recursively, in sorted order of the path relative to
  the folder. Hidden files and folders (name starting with ``.``) and ``README``
  files (``README``, ``README.md``, ``readme.txt``, ...) are documentation or tooling,
  not articles: they are passed over and logged (kind ``ignored``). Every other file
  is read by the reader for its extension (``mediakit.readers.EXTENSIONS``); a file
  with an extension mediakit does not read is a bad input (reported, never passed over
  quietly), and so is a folder that cannot be listed (no permission);
* a list of files and/or folders; a single file;
* a pandas DataFrame (normalised and validated; its index is ignored: ``reset_index()``
  first to keep it).

``format=`` forces one reader for every file given (for odd extensions); ``names=``
names the columns of a CSV/TSV file that has no header line.

Text and Markdown files: see ``mediakit.readers.textfiles`` (title line, optional date
line, body; optional YAML front matter overrides). Tables: CSV, TSV, JSON, JSON Lines
(see ``mediakit.readers.tables``), one article per row.

Column names
------------
Input names are matched case-insensitively. ``columns={"input name": "corpus name"}``
maps names explicitly and wins. Otherwise an input column named like a corpus column is
used; else a recognised common name (:data:`COLUMN_ALIASES`: e.g. ``source``,
``media_name``, ``publisher`` -> ``outlet``; ``publish_date``, ``published`` -> ``date``;
``headline``, ``article_title`` -> ``title``; ``content``, ``body``,
``article_content`` -> ``text``; ``link`` -> ``url``; ``id``, ``stories_id`` ->
``doc_id``) when exactly one input column has such a name. Each such choice is logged
(kind ``column``) and summarised in one warning naming what was chosen. When two input
columns could both be the same corpus column (``content`` and ``body``), neither is
guessed: for ``text`` (and for ``outlet`` with no other outlet) the record is bad and
the message lists the candidates; for the others both stay extra columns, logged.
``name`` is deliberately not a recognised name (it is as often an author as a
headline). A name given in ``columns=`` that no input has is an error naming it.

Outlet: the record's own outlet (column or front matter), else ``outlet=``, else the
name of the first sub-folder between the folder given and the file (as written:
``tehran-times``), else the record is bad ("missing outlet").

Headline corpora
----------------
Exports of news searches (Google News, GDELT, Media Cloud) often hold titles and URLs
only. A record with a title and no body (an empty text cell, or no text column at all)
is loaded as a headline record: its ``text`` is its title and ``text_source`` is
``"title"``; every analysis treats it like a one-sentence article. Each file's count is
logged (kind ``title_only``) and one warning says how many there are.
A header-less export loads with ``names=``::

    load_corpus("headlines.tsv", format="tsv", names=["date", "outlet", "title", "url"])

Dates
-----
Parsed by ``mediakit.readers._dates``: ISO 8601, English month names (``March 1, 2020 -
16:12``, ``1 March 2020``), RFC 2822, ``2020/03/01``, day-first dotted ``01.03.2020``,
and numeric dates with the year last (``4/16/2017``, ``16-04-2017``). The day/month
order of numeric dates is decided per column (each file's date column) from **all** of
its values: ``4/16/2017`` can only be month first, so a column holding it reads its
ambiguous ``4/5/2017`` as 5 April (logged as ``date_order``, one warning); a value
that contradicts the column's order stays NaT. ``date_format="dayfirst"`` or
``"monthfirst"`` states the order, and a strptime format (``"%d %b %Y"``) states the
whole form. A time with a zone is converted to UTC and the zone dropped, so the column
is tz-naive. A missing date is NaT; a date not read is NaT, logged with its reason
(ambiguous, contradicts the column, no such day, a number, not a date form mediakit
reads) and summarised in one warning. Numbers such as Unix times (``1583020800``) are
not read as dates: their unit is the caller's to say
(``pandas.to_datetime(column, unit="s")``).

Encodings
---------
UTF-8 (with or without BOM) is read as is; UTF-16/UTF-32 with a byte-order mark, or
without one when the bytes show it; a file that is not valid UTF-8 is decoded with
``encoding=`` when given (logged), else by a fallback (charset-normalizer when
confident, else Windows-1252, else Latin-1) with one ``CorpusWarning`` naming the file
and the encoding used; a file mixing UTF-8 lines with lines in another encoding is
decoded line by line; bytes that decode to mostly control characters are not text
and are not read. See ``mediakit.readers._decoding``.

Document ids
------------
From an id column when the record has a non-empty one (used as is, as text). Else,
with ``key`` the file's path relative to the folder given (or to the common parent of
the files given), without extension and with ``/`` separators: ``key`` for one-article
files (text, Markdown, HTML), ``key:row`` for tables and feeds, ``row-<n>`` (1-based
position) for a DataFrame. When two files of the same load differ only in their
extension (``b/s.txt`` and ``b/s.md``), both keep the extension in ``key``
(``b/s.txt``, ``b/s.md``), so ids stay short where they are unique and never
depend on which file was read first.

A repeated id is handled by ``duplicate_ids=``: ``"suffix"`` (default) keeps every
copy, the second as ``<id>#2``, the third ``<id>#3`` (a suffix no other record uses),
logs each (kind ``duplicate_id``) and warns once; ``"keep_first"`` keeps the first copy
and skips the others (logged as skipped, not an error); ``"raise"`` stops with a
``CorpusError`` naming both places.

Errors
------
``errors="raise"`` (default) raises ``CorpusError`` at the first bad record, naming
file, row and column. ``errors="skip"`` loads the rest, logs every bad record (kind
``skipped``) and emits one ``CorpusWarning`` summarising them. Bad records: empty text
and title, missing text or outlet, unreadable, binary or non-text file, a folder that
cannot be listed, malformed CSV row / JSON, JSON nested too deeply, unsupported
extension. A path that does not exist at all raises ``FileNotFoundError`` in both modes
(it is a mistake in the call, not in the data); so do bad options, as
``InvalidParameterError`` naming the option.
"""

from __future__ import annotations

import codecs
import os
import re
import warnings
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ._validation import check_table
from .errors import CorpusError, CorpusWarning, InvalidParameterError
from .readers import EXTENSIONS, FORMATS, ReadResult, get_reader
from .readers._dates import (
    Settlement,
    check_date_format,
    has_numeric_dates,
    is_missing,
    parse_date_column,
    settle_order,
)
from .readers._decoding import sniff_wide

__all__ = [
    "COLUMN_ALIASES",
    "CORPUS_COLUMNS",
    "DUPLICATE_IDS",
    "LOG_COLUMNS",
    "LOG_KINDS",
    "TEXT_SOURCES",
    "iter_corpus",
    "load_corpus",
    "load_log",
    "load_sample",
    "validate_corpus",
]

CORPUS_COLUMNS: tuple[str, ...] = ("doc_id", "outlet", "date", "title", "url", "text", "text_source")
#: Values of the ``text_source`` column.
TEXT_SOURCES: tuple[str, ...] = ("body", "summary", "title")
#: Columns of the load log (see :func:`load_log`).
LOG_COLUMNS: tuple[str, ...] = ("kind", "file", "row", "column", "value", "message")
#: Kinds of load-log events (see the module docstring).
LOG_KINDS: tuple[str, ...] = ("skipped", "ignored", "encoding", "column", "date", "date_order",
                              "duplicate_id", "title_only", "note")
#: ``duplicate_ids=`` values.
DUPLICATE_IDS: tuple[str, ...] = ("suffix", "keep_first", "raise")

# Recognised input names (lower case) per corpus column.
COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "doc_id": ("id", "article_id", "stories_id", "story_id", "docid", "document_id"),
    "outlet": ("source", "media_name", "media", "publisher", "publication", "site",
               "newspaper", "source_name", "outlet_name"),
    "date": ("publish_date", "published", "pubdate", "date_published", "publication_date",
             "published_at", "datetime", "timestamp"),
    "title": ("headline", "article_title", "story_title"),
    "url": ("link", "permalink", "article_url", "story_url"),
    "text": ("content", "body", "article", "full_text", "story", "story_text",
             "article_text", "article_content", "maintext"),
    "text_source": (),
}
_ALIASES = COLUMN_ALIASES  # the name fetch.py imports

# Formats whose files hold one article each: their doc_id is the file key alone.
_ONE_ARTICLE_FORMATS = frozenset({"text", "markdown", "html"})
_TABLE_FORMATS = frozenset({"csv", "tsv"})

# Formats read lazily in batches by iter_corpus (the others are read a file at a time).
_STREAMING = {
    "csv": "iter_csv",
    "tsv": "iter_tsv",
    "jsonl": "iter_jsonl",
}

_DATAFRAME_FILE = "<DataFrame>"
_MAX_LISTED = 10


# --- the interface in use: its option names appear in every message ------------------


@dataclass(frozen=True)
class _Interface:
    """How the options of a load are spelled where the user gave them: Python keywords
    (``encoding=``) or command-line flags (``--encoding``)."""

    cli: bool = False

    def option(self, name: str) -> str:
        if self.cli:
            return {"errors": "--skip-bad"}.get(name, "--" + name.replace("_", "-"))
        return f"{name}="

    def set_option(self, name: str, value: str) -> str:
        return f"--{name.replace('_', '-')} {value}" if self.cli else f"{name}={value!r}"

    def map_hint(self, input_name: str, column: str) -> str:
        if self.cli:
            return f"--columns {column}={input_name}"
        return f"columns={{{input_name!r}: {column!r}}}"

    @property
    def skip_hint(self) -> str:
        return "--skip-bad" if self.cli else 'errors="skip"'

    @property
    def log_hint(self) -> str:
        return "each is listed above" if self.cli else "see mediakit.load_log(corpus)"


_PYTHON = _Interface()
_CLI = _Interface(cli=True)


@dataclass(frozen=True)
class _FileTask:
    path: Path
    key: str
    folder: str | None
    fmt: str | None
    name: str  # the file as messages show it


@dataclass
class _Options:
    format: str | None
    outlet: str | None
    columns: dict[str, str]
    names: list[str] | None
    encoding: str | None
    date_format: str | None
    duplicate_ids: str
    errors: str
    interface: _Interface = _PYTHON


def _check_options(format: Any, outlet: Any, columns: Any, names: Any, encoding: Any,
                   date_format: Any, duplicate_ids: Any, errors: Any,
                   interface: _Interface = _PYTHON) -> _Options:
    """Every option checked before any file is opened; messages name the option as the
    user wrote it."""
    opt = interface.option

    def bad(message: str) -> InvalidParameterError:
        return InvalidParameterError(message)

    if errors not in ("raise", "skip"):
        raise bad(f"errors must be 'raise' or 'skip', not {errors!r}")
    if format is not None and format not in FORMATS:
        raise bad(f"{opt('format')} unknown format {format!r}; known formats: "
                  f"{', '.join(sorted(FORMATS))}")
    if encoding is not None:
        if not isinstance(encoding, str):
            raise bad(f"{opt('encoding')} must be an encoding name, not {type(encoding).__name__}")
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise bad(f"{opt('encoding')} names no encoding Python knows: {encoding!r} "
                      "(e.g. utf-8, latin-1, cp1252)") from None
    if outlet is not None and (not isinstance(outlet, str) or not outlet.strip()):
        raise bad(f"{opt('outlet')} must be a non-empty string")
    if duplicate_ids not in DUPLICATE_IDS:
        raise bad(f"{opt('duplicate_ids')} must be one of {', '.join(map(repr, DUPLICATE_IDS))}, "
                  f"not {duplicate_ids!r}")
    try:
        date_format = check_date_format(date_format, option=opt("date_format"))
    except ValueError as exc:
        raise bad(str(exc)) from None
    if columns is not None and not isinstance(columns, dict):
        raise bad(f"{opt('columns')} must map input column names to corpus column names, "
                  f"not a {type(columns).__name__}")
    mapping = {str(k): v for k, v in (columns or {}).items()}
    for name, target in mapping.items():
        if target not in CORPUS_COLUMNS:
            hint = (interface.map_hint(name, "text") if not interface.cli
                    else f"--columns CORPUS=INPUT, e.g. {interface.map_hint('article_content', 'text')}")
            raise bad(f"{opt('columns')} maps {name!r} to {target!r}, which is not a corpus column; "
                      f"corpus columns are {', '.join(CORPUS_COLUMNS)} ({hint})")
    doubled = [target for target, count in Counter(mapping.values()).items() if count > 1]
    if doubled:
        raise bad(f"{opt('columns')} maps several input columns to {doubled[0]!r}")
    if names is not None:
        if isinstance(names, str) or not all(isinstance(n, str) and n for n in names):
            raise bad(f"{opt('names')} must be a list of column names (non-empty strings)")
        names = list(names)
        if len(set(names)) != len(names):
            raise bad(f"{opt('names')} names a column twice: {names}")
        if format is not None and format not in _TABLE_FORMATS:
            raise bad(f"{opt('names')} applies to CSV/TSV files only, not format {format!r}")
    return _Options(format, outlet, mapping, names, encoding, date_format, duplicate_ids,
                    errors, interface)


# --- finding the files ---------------------------------------------------------------


def _is_passed_over(name: str) -> bool:
    return name.startswith(".") or name.lower() == "readme" or name.lower().startswith("readme.")


def _key(path: Path, root: Path) -> tuple[str, str | None]:
    relative = path.relative_to(root)
    parts = relative.parts
    key = relative.with_suffix("").as_posix() if relative.suffix else relative.as_posix()
    return key, (parts[0] if len(parts) > 1 else None)


def _entry(kind: str, file: str, reason: str, *, row: Any = None, column: Any = None,
           value: Any = None, warn: bool = False) -> dict[str, Any]:
    return {"kind": kind, "file": file, "row": row, "column": column, "value": value,
            "message": reason, "warn": warn}


def _walk(folder: Path, fmt: str | None, log: list[dict[str, Any]],
          problems: list[dict[str, Any]]) -> list[_FileTask]:
    tasks: list[_FileTask] = []
    visited = {os.path.realpath(folder)}

    def unlistable(error: OSError) -> None:
        where = error.filename or str(folder)
        problems.append({"file": str(where), "row": None, "column": None,
                         "reason": f"cannot list folder ({error.strerror or error}); "
                         "nothing in it was read"})

    # links to folders are followed (data folders are often linked in); a link back to
    # a folder already walked is logged as ignored instead of looping
    for directory, subdirs, files in os.walk(folder, followlinks=True, onerror=unlistable):
        here = Path(directory)
        kept = []
        for name in sorted(subdirs):
            real = os.path.realpath(here / name)
            if _is_passed_over(name) or real in visited:
                why = "hidden folder" if name.startswith(".") else (
                    "README folder" if _is_passed_over(name) else "a link back to a folder already read")
                log.append(_entry("ignored", str(here / name), f"passed over: {why}"))
            else:
                visited.add(real)
                kept.append(name)
        subdirs[:] = sorted(kept)  # os.walk descends in this order
        for name in sorted(files):
            path = here / name
            if _is_passed_over(name):
                why = "hidden file" if name.startswith(".") else "a README (documentation)"
                log.append(_entry("ignored", str(path), f"passed over: {why}"))
                continue
            key, sub = _key(path, folder)
            tasks.append(_FileTask(path, key, sub, fmt or EXTENSIONS.get(path.suffix.lower()),
                                   str(path)))
    return sorted(tasks, key=lambda task: task.path.relative_to(folder).parts)


def _collect(source: Any, fmt: str | None, display: dict[str, str] | None = None
             ) -> tuple[list[_FileTask], list[dict[str, Any]], list[dict[str, Any]]]:
    """(file tasks, log entries of files passed over, folders that could not be listed)."""
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
    log: list[dict[str, Any]] = []
    problems: list[dict[str, Any]] = []
    tasks: list[_FileTask] = []
    display = display or {}
    for path in paths:
        if path.is_dir():
            tasks.extend(_walk(path, fmt, log, problems))
        elif str(path) in display:  # standard input spooled to a file
            shown = display[str(path)]
            key = re.sub(r"[^A-Za-z0-9_.-]+", "", shown) or "input"
            tasks.append(_FileTask(path, key, None, fmt or EXTENSIONS.get(path.suffix.lower()), shown))
        else:
            assert root is not None
            key, sub = _key(path.absolute(), root)
            tasks.append(_FileTask(path, key, sub, fmt or EXTENSIONS.get(path.suffix.lower()),
                                   str(path)))
    return _keep_extension_where_needed(tasks), log, problems


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


def _file_problem(task: _FileTask, options: _Options) -> str | None:
    """Why a file cannot be read at all (unsupported, unreadable, binary), or None."""
    if task.fmt is None:
        supported = ", ".join(sorted(EXTENSIONS))
        suffix = task.path.suffix or "(no extension)"
        return (f"unsupported file type {suffix}; mediakit reads {supported} "
                f"(or pass {options.interface.option('format')})")
    if options.names is not None and task.fmt not in _TABLE_FORMATS:
        return f"{options.interface.option('names')} applies to CSV/TSV files only, not {task.fmt}"
    if not task.path.is_file():
        return "cannot read file: not a regular file (a broken link?)"
    try:
        with task.path.open("rb") as handle:
            head = handle.read(1 << 20)
            # UTF-16/32 text holds NUL bytes: it is text, not binary
            if sniff_wide(head) is not None:
                return None
            block = head
            while block:
                if b"\x00" in block:
                    return "binary file (contains NUL bytes), not a text article or table"
                block = handle.read(1 << 20)
    except OSError as exc:
        return f"cannot read file: {exc.strerror or exc}"
    return None


# --- the load log ---------------------------------------------------------------------


class LoadLog(pd.DataFrame):
    """The load log kept in ``corpus.attrs["load_log"]`` (read it with :func:`load_log`).

    A plain DataFrame (columns :data:`LOG_COLUMNS`) except for one thing: ``==``
    between two whole logs answers True or False (``DataFrame.equals``) instead of an
    element-wise frame. pandas compares ``attrs`` with ``==`` when it concatenates or
    merges frames, and an element-wise answer there makes ``pd.concat([corpus_a,
    corpus_b])`` or ``mentions.merge(corpus)`` fail with "truth value of a DataFrame
    is ambiguous".
    """

    @property
    def _constructor(self) -> type[LoadLog]:
        return LoadLog

    def __eq__(self, other: object) -> bool:  # type: ignore[override]
        return isinstance(other, pd.DataFrame) and self.equals(other)

    def __ne__(self, other: object) -> bool:  # type: ignore[override]
        return not self.__eq__(other)

    __hash__ = None  # type: ignore[assignment]


def _as_text(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, float) and value != value:
        return None
    return value if isinstance(value, str) else str(value)


def _log_frame(entries: Sequence[dict[str, Any]]) -> LoadLog:
    """The load log with fixed dtypes, whoever builds it (loader, fetch, streaming)."""
    rows = [{name: entry.get(name) for name in LOG_COLUMNS} for entry in entries]
    for row in rows:
        row["value"] = _as_text(row["value"])
        row["column"] = _as_text(row["column"])
        if row["row"] is not None and is_missing(row["row"]):
            row["row"] = None
    frame = LoadLog(rows, columns=list(LOG_COLUMNS))
    frame["row"] = frame["row"].astype("Int64")
    for name in ("column", "value"):
        frame[name] = frame[name].astype("string")
    for name in ("kind", "file", "message"):
        frame[name] = frame[name].astype("str")
    return frame


def _skipped_entry(problem: dict[str, Any]) -> dict[str, Any]:
    """A reader's or the loader's bad record (file, row, column, reason) as a log entry."""
    return _entry("skipped", str(problem.get("file")), str(problem.get("reason")),
                  row=problem.get("row"), column=problem.get("column"))


def load_log(corpus: pd.DataFrame, kind: str | Sequence[str] | None = None) -> pd.DataFrame:
    """The load log of a corpus: what its load skipped, decoded, recognised and guessed.

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus from :func:`load_corpus`, :func:`iter_corpus` (one chunk: the events
        since the previous chunk), :func:`fetch_articles` or ``read_analysis(...).corpus``.
    kind : str or list of str, optional
        Keep only these kinds (:data:`LOG_KINDS`), e.g. ``"skipped"``.

    Returns
    -------
    pandas.DataFrame
        One row per event, columns ``kind, file, row, column, value, message`` (see
        the :mod:`mediakit.corpus` docstring for each kind). Empty, with these columns,
        for a corpus built some other way (a DataFrame never loaded).
    """
    if not isinstance(corpus, pd.DataFrame):
        raise TypeError(f"load_log: expected a corpus DataFrame, got {type(corpus).__name__}")
    kinds: list[str] | None = None
    if kind is not None:
        kinds = [kind] if isinstance(kind, str) else list(kind)
        unknown = [k for k in kinds if k not in LOG_KINDS]
        if unknown:
            raise InvalidParameterError(
                f"load_log: unknown kind(s) {unknown}; kinds are {', '.join(LOG_KINDS)}")
    stored = corpus.attrs.get("load_log")
    log = pd.DataFrame(stored) if isinstance(stored, pd.DataFrame) else pd.DataFrame(_log_frame([]))
    if kinds is not None:
        log = log[log["kind"].isin(kinds)].reset_index(drop=True)
    return log


# --- turning records into rows -------------------------------------------------------


class _BadRecord(Exception):
    """A record that cannot be loaded: its column and the reason (``expected``: skipped
    on purpose, as ``duplicate_ids="keep_first"`` asks, never an error)."""

    def __init__(self, column: str | None, reason: str, *, expected: bool = False) -> None:
        super().__init__(reason)
        self.column, self.reason, self.expected = column, reason, expected


@dataclass(frozen=True)
class _Seen:
    """One input record with where it came from and how its keys map."""

    record: dict[str, Any]
    file: str
    row: Any
    keys: tuple[str, ...]
    chosen: dict[str, str]
    ambiguous: dict[str, list[str]]

    def text_of(self, column: str) -> str:
        key = self.chosen.get(column)
        value = self.record.get(key) if key is not None else None
        return "" if is_missing(value) else str(value).strip()


@dataclass
class _Loader:
    """State shared by every record of one load: ids seen, the log, the summaries."""

    options: _Options
    seen_ids: dict[str, tuple[str, Any]] = field(default_factory=dict)
    copies: Counter[str] = field(default_factory=Counter)
    log: list[dict[str, Any]] = field(default_factory=list)
    columns_seen: set[str] = field(default_factory=set)
    recognised: dict[tuple[str, str], str] = field(default_factory=dict)
    ambiguous_noted: set[tuple[str, tuple[str, ...]]] = field(default_factory=set)
    settled: dict[tuple[str, str], Settlement] = field(default_factory=dict)
    format_checked: set[tuple[str, str]] = field(default_factory=set)
    title_only: Counter[str] = field(default_factory=Counter)
    first_keys: tuple[str, tuple[str, ...]] | None = None
    _mappings: dict[tuple[str, ...], tuple[dict[str, str], list[str], dict[str, list[str]]]] = \
        field(default_factory=dict)

    @property
    def skipped_count(self) -> int:
        return sum(1 for entry in self.log if entry["kind"] == "skipped")

    def problem(self, entry: dict[str, Any]) -> None:
        """Record a bad input: raise at once, or log it (kind ``skipped``)."""
        if self.options.errors == "raise" and not entry.get("expected"):
            raise CorpusError(entry["reason"], file=entry.get("file"), row=entry.get("row"),
                              column=entry.get("column"))
        self.log.append(_skipped_entry(entry))

    def mapping(self, keys: tuple[str, ...], file: str
                ) -> tuple[dict[str, str], list[str], dict[str, list[str]]]:
        """(corpus column -> input key, extra keys in order, ambiguous candidates) for
        records with these keys; recognised names are logged once per load."""
        cached = self._mappings.get(keys)
        if cached is None:
            cached = self._map(keys)
            self._mappings[keys] = cached
        chosen, extras, ambiguous = cached
        for column, key in chosen.items():
            if key not in self.options.columns and key.lower() != column and \
                    (key, column) not in self.recognised:
                self.recognised[(key, column)] = file
                self.log.append(_entry("column", file, f"input column {key!r} used as {column} "
                                       "(a recognised name)", column=key, value=column))
        for column, candidates in ambiguous.items():
            if column in ("text", "outlet"):
                continue  # a bad record names them
            marker = (column, tuple(candidates))
            if marker not in self.ambiguous_noted:
                self.ambiguous_noted.add(marker)
                self.log.append(_entry(
                    "column", file,
                    f"no {column} column: {' and '.join(map(repr, candidates))} could each be "
                    f"it, so both stay extra columns; choose with "
                    f"{self.options.interface.map_hint(candidates[0], column)}",
                    column=candidates[0], warn=True))
        return chosen, extras, ambiguous

    def _map(self, keys: tuple[str, ...]) -> tuple[dict[str, str], list[str], dict[str, list[str]]]:
        explicit = self.options.columns
        chosen: dict[str, str] = {}
        used: set[str] = set()
        for key in keys:
            if key in explicit:
                chosen[explicit[key]] = key
                used.add(key)
        self.columns_seen.update(key for key in keys if key in explicit)
        lowered = [(key, key.lower()) for key in keys]
        ambiguous: dict[str, list[str]] = {}
        for column in CORPUS_COLUMNS:
            if column in chosen:
                continue
            exact = [key for key, low in lowered if low == column and key not in used]
            if exact:
                chosen[column] = exact[0]
                used.add(exact[0])
                continue
            candidates = [key for key, low in lowered
                          if low in COLUMN_ALIASES[column] and key not in used]
            if len(candidates) == 1:
                chosen[column] = candidates[0]
                used.add(candidates[0])
            elif candidates:
                ambiguous[column] = candidates
        extras = [key for key in keys if key not in used]
        return chosen, extras, ambiguous

    def rows(self, records: list[dict[str, Any]], task: _FileTask | None,
             reader_skipped: list[dict[str, Any]],
             all_values: Callable[[str], list[Any]] | None = None) -> list[dict[str, Any]]:
        """Validated corpus rows for one batch of records; bad ones go to ``problem``.

        ``all_values(key)`` gives every value of input column ``key`` in the file, for
        settling a date column's order when ``records`` are only part of the file.
        """
        out: list[dict[str, Any]] = []
        cells: list[tuple[int, tuple[str, str], Any, Any]] = []
        problems: list[dict[str, Any]] = list(reader_skipped)
        raising = self.options.errors == "raise"
        for position, record in enumerate(records, start=1):
            row, issue, date_cell = self._row(record, task, position)
            if issue is not None:
                problems.append(issue)
                if raising and not issue.get("expected"):
                    break  # the earliest problem of this batch is raised below
            else:
                if date_cell is not None:
                    cells.append((len(out), *date_cell))
                out.append(row)
        if problems:
            order = sorted(problems, key=lambda p: (p.get("row") is not None, p.get("row") or 0))
            if raising:
                fatal = [p for p in order if not p.get("expected")]
                if fatal:
                    self.problem(fatal[0])
            for entry in order:
                self.problem(entry)
        self._dates(out, cells, all_values)
        return out

    def _dates(self, out: list[dict[str, Any]], cells: list[tuple[int, tuple[str, str], Any, Any]],
               all_values: Callable[[str], list[Any]] | None) -> None:
        """Parse the batch's dates column by column (see "Dates")."""
        groups: dict[tuple[str, str], list[tuple[int, Any, Any]]] = {}
        for index, group, row_number, raw in cells:
            groups.setdefault(group, []).append((index, row_number, raw))
        date_format = self.options.date_format
        for group, members in groups.items():
            values = [raw for _, _, raw in members]
            settled = None
            if date_format is None:
                settled = self.settled.get(group)
                if settled is None and has_numeric_dates(values):
                    whole = all_values(group[1]) if all_values is not None else values
                    settled = settle_order(whole)
                    self.settled[group] = settled
                    if settled.order is not None and (settled.ambiguous or settled.against):
                        self.log.append(_entry("date_order", group[0], settled.describe(),
                                               column=group[1], value=settled.order))
            column = parse_date_column(values, date_format=date_format, settled=settled)
            if date_format is not None and group not in self.format_checked:
                # a format that fits none of a column's first dates is a wrong option
                self.format_checked.add(group)
                if len(column.problems) == len(values) and any(isinstance(v, str) for v in values):
                    raise CorpusError(
                        f"{self.options.interface.set_option('date_format', date_format)} "
                        f"matches none of the {len(values)} dates of this column (the first "
                        f"is {values[0]!r})", file=group[0], column=group[1])
            for (index, _row_number, _raw), parsed in zip(members, column.dates, strict=True):
                out[index]["date"] = parsed
            for position, raw, reason in column.problems:
                self.log.append(_entry("date", group[0], reason, row=members[position][1],
                                       column=group[1], value=raw))

    def _row(self, record: dict[str, Any], task: _FileTask | None, position: int
             ) -> tuple[dict[str, Any], dict[str, Any] | None, tuple[tuple[str, str], Any, Any] | None]:
        """(corpus row, None, date cell) for a good record, ({}, problem, None) for a bad one."""
        file = record.get("_file", task.name if task else _DATAFRAME_FILE)
        keys = tuple(key for key in record if key not in ("_file", "_row"))
        chosen, extras, ambiguous = self.mapping(keys, file)
        if self.first_keys is None:
            self.first_keys = (file, keys)
        seen = _Seen(record, file, record.get("_row", position), keys, chosen, ambiguous)
        try:
            text, text_source = self._text(seen)
            outlet = self._outlet(seen, task)
            doc_id = self._doc_id(seen, task)
        except _BadRecord as bad:
            return {}, {"file": file, "row": seen.row, "column": bad.column,
                        "reason": bad.reason, "expected": bad.expected}, None
        date_key = chosen.get("date")
        raw_date = record.get(date_key) if date_key is not None else None
        date_cell = None if is_missing(raw_date) or date_key is None else \
            ((file, date_key), seen.row, raw_date)
        row = {
            "doc_id": doc_id,
            "outlet": outlet,
            "date": None,
            "title": seen.text_of("title"),
            "url": seen.text_of("url"),
            "text": text,
            "text_source": text_source,
        }
        for key in extras:
            # an extra column named like a corpus column (possible only when columns=
            # maps another input column there) is kept, renamed, rather than lost
            row[f"input_{key}" if key in row else key] = record[key]
        return row, None, date_cell

    def _text(self, seen: _Seen) -> tuple[str, str]:
        """(text, text_source): the body, or the title of a headline record."""
        interface = self.options.interface
        text_key = seen.chosen.get("text")
        text = seen.record.get(text_key) if text_key is not None else None
        title = seen.text_of("title")
        source_key = seen.chosen.get("text_source")
        source = seen.record.get(source_key) if source_key is not None else None
        if text_key is None and "text" in seen.ambiguous and not title:
            candidates = seen.ambiguous["text"]
            raise _BadRecord("text", f"no text column: {' and '.join(map(repr, candidates))} could "
                             f"each be the text; choose one with "
                             f"{interface.map_hint(candidates[0], 'text')}")
        if not is_missing(text):
            if not isinstance(text, str):
                raise _BadRecord(text_key, f"text must be a string, not {type(text).__name__}")
            return text, "body" if is_missing(source) else str(source)
        if title:
            self.title_only[seen.file] += 1
            return title, "title"
        if text_key is not None:
            raise _BadRecord(text_key, "empty text and no title")
        found = ", ".join(repr(k) for k in seen.keys) or "none"
        wanted = [n for n, target in self.options.columns.items() if target == "text"]
        if wanted:
            raise _BadRecord("text", f"no column {wanted[0]!r} (given by "
                             f"{interface.map_hint(wanted[0], 'text')}); columns found: {found}")
        raise _BadRecord("text", "missing required column 'text' and no title (recognised "
                         f"names: text, {', '.join(COLUMN_ALIASES['text'])}; columns found: "
                         f"{found}); map yours with {interface.map_hint('your name', 'text')}")

    def _outlet(self, seen: _Seen, task: _FileTask | None) -> str:
        """The record's outlet, else outlet=, else the outlet's sub-folder."""
        interface = self.options.interface
        outlet_key = seen.chosen.get("outlet")
        value = seen.record.get(outlet_key) if outlet_key is not None else None
        if not is_missing(value):
            return str(value).strip()
        if self.options.outlet is not None:
            return self.options.outlet
        if task is not None and task.folder is not None:
            return task.folder
        if outlet_key is None and "outlet" in seen.ambiguous:
            candidates = seen.ambiguous["outlet"]
            raise _BadRecord("outlet", f"no outlet column: {' and '.join(map(repr, candidates))} "
                             f"could each be the outlet; choose one with "
                             f"{interface.map_hint(candidates[0], 'outlet')}")
        where = "the record's outlet is empty" if outlet_key else "no outlet column"
        raise _BadRecord(outlet_key or "outlet",
                         f"missing outlet ({where}; recognised names: outlet, "
                         f"{', '.join(COLUMN_ALIASES['outlet'])}); pass "
                         f"{interface.option('outlet')} or put the files in one sub-folder "
                         "per outlet")

    def _doc_id(self, seen: _Seen, task: _FileTask | None) -> str:
        """The record's id, or one made from file and row; a repeat handled by
        ``duplicate_ids`` (see "Document ids")."""
        id_key = seen.chosen.get("doc_id")
        value = seen.record.get(id_key) if id_key is not None else None
        if not is_missing(value):
            doc_id = str(value).strip()
        elif task is None:
            doc_id = f"row-{seen.row}"
        elif task.fmt in _ONE_ARTICLE_FORMATS:
            doc_id = task.key
        else:
            doc_id = f"{task.key}:{seen.row}"
        first = self.seen_ids.get(doc_id)
        if first is not None:
            doc_id = self._repeated_id(seen, doc_id, id_key or "doc_id", first)
        self.seen_ids[doc_id] = (seen.file, seen.row)
        return doc_id

    def _repeated_id(self, seen: _Seen, doc_id: str, column: str, first: tuple[str, Any]) -> str:
        interface = self.options.interface
        where = f"first in {first[0]}, row {first[1]}"
        policy = self.options.duplicate_ids
        if policy == "raise":
            raise CorpusError(f"duplicate doc_id {doc_id!r} ({where}; "
                              f"{interface.set_option('duplicate_ids', 'raise')})",
                              file=seen.file, row=seen.row, column=column)
        if policy == "keep_first":
            raise _BadRecord(column, f"duplicate doc_id {doc_id!r} ({where}); the first copy is "
                             f"kept ({interface.set_option('duplicate_ids', 'keep_first')})",
                             expected=True)
        copy = self.copies[doc_id] or 1
        new = doc_id
        while new in self.seen_ids:
            copy += 1
            new = f"{doc_id}#{copy}"
        self.copies[doc_id] = copy
        self.log.append(_entry("duplicate_id", seen.file, f"doc_id {doc_id!r} repeats ({where}); "
                               f"this copy is kept as {new!r}", row=seen.row, column=column,
                               value=new))
        return new

    def end_file(self, file: str) -> None:
        """Log the file's headline records (kind ``title_only``), once per file."""
        count = self.title_only.get(file)
        if count:
            self.log.append(_entry("title_only", file,
                                   f"{count} record(s) with a title and no body: loaded as "
                                   "headline records (text = title, text_source 'title')",
                                   value=count))

    def check_columns_used(self) -> None:
        """A name given in columns= that no record had is an error naming the option."""
        unmatched = [name for name in self.options.columns if name not in self.columns_seen]
        if unmatched:
            interface = self.options.interface
            given = ", ".join(interface.map_hint(name, self.options.columns[name]) for name in unmatched)
            has = ""
            if self.first_keys is not None:
                has = f"; {self.first_keys[0]} has {', '.join(map(repr, self.first_keys[1])) or 'no columns'}"
            raise CorpusError(
                f"{given}: no input has a column {unmatched[0]!r}{has}", column=unmatched[0])

    def warn(self, start: int = 0) -> None:
        """Emit the summary warnings for log entries from ``start`` on (one per kind)."""
        entries = self.log[start:]
        interface = self.options.interface
        for entry in entries:
            if entry.get("warn"):
                hint = ""
                if entry["kind"] == "encoding":
                    hint = f" Pass {interface.option('encoding')} to choose the encoding yourself."
                warnings.warn(f"{entry['file']}: {entry['message']}.{hint}", CorpusWarning,
                              stacklevel=4)
        by_kind: dict[str, list[dict[str, Any]]] = {}
        for entry in entries:
            by_kind.setdefault(entry["kind"], []).append(entry)

        def listed(items: list[dict[str, Any]], describe: Callable[[dict[str, Any]], str]) -> str:
            shown = "; ".join(describe(item) for item in items[:_MAX_LISTED])
            more = len(items) - _MAX_LISTED
            return shown + (f"; and {more} more" if more > 0 else "")

        recognised = [e for e in by_kind.get("column", []) if e["value"] is not None]
        if recognised:
            warnings.warn(
                "recognised input column(s) by name: " + listed(
                    recognised, lambda e: f"{e['column']!r} as {e['value']} ({e['file']})")
                + f"; to choose otherwise, pass {interface.option('columns')}",
                CorpusWarning, stacklevel=4)
        orders = by_kind.get("date_order", [])
        if orders:
            warnings.warn(
                "date order inferred from the dates themselves: " + listed(
                    orders, lambda e: f"{e['file']}, column {e['column']!r}: {e['message']}")
                + f"; pass {interface.option('date_format')} to state it",
                CorpusWarning, stacklevel=4)
        dates = by_kind.get("date", [])
        if dates:
            warnings.warn(
                f"{len(dates)} date(s) not read, stored as NaT: " + listed(
                    dates, lambda e: f"{e['file']}, row {e['row']}, column {e['column']!r}: "
                    f"{e['value']!r} ({e['message']})")
                + f". Use ISO 8601 (2020-03-01) or pass {interface.option('date_format')}; "
                f"{interface.log_hint}",
                CorpusWarning, stacklevel=4)
        duplicates = by_kind.get("duplicate_id", [])
        if duplicates:
            warnings.warn(
                f"{len(duplicates)} repeated doc_id(s) kept with a suffix: " + listed(
                    duplicates, lambda e: f"{e['file']}, row {e['row']}: {e['value']!r}")
                + f". Pass {interface.option('duplicate_ids')} 'keep_first' or 'raise' to "
                f"drop or refuse them; {interface.log_hint}",
                CorpusWarning, stacklevel=4)
        headlines = by_kind.get("title_only", [])
        if headlines:
            total = sum(int(e["value"]) for e in headlines)
            warnings.warn(
                f"{total} record(s) have a title and no body and were loaded as headline "
                "records (their text is their title; text_source is 'title'): " + listed(
                    headlines, lambda e: f"{e['file']} ({e['value']})"),
                CorpusWarning, stacklevel=4)
        skipped = by_kind.get("skipped", [])
        if skipped:
            reasons = Counter(_reason_kind(entry["message"]) for entry in skipped)
            summary = ", ".join(f"{count} {reason}" for reason, count in reasons.most_common())
            first = skipped[0]
            where = CorpusError(first["message"], file=first["file"], row=first["row"],
                                column=first["column"])
            warnings.warn(
                f"skipped {len(skipped)} input record(s) ({summary}); first: {where}. "
                f"{interface.log_hint[0].upper()}{interface.log_hint[1:]} for every one.",
                CorpusWarning, stacklevel=4)


def _reason_kind(reason: str) -> str:
    """The kind of a problem for the summary: its reason without the specifics."""
    return re.split(r" \(|:|;| '| \.", reason, maxsplit=1)[0]


def _frame(rows: list[dict[str, Any]], start: int = 0) -> pd.DataFrame:
    """The corpus frame for validated rows, index ``start, start+1, ...``."""
    data: dict[str, Any] = {}
    for name in ("doc_id", "outlet"):
        data[name] = pd.Series([r[name] for r in rows], dtype="str")
    data["date"] = pd.Series(np.array([r["date"] for r in rows], dtype="datetime64[us]"))
    for name in ("title", "url", "text", "text_source"):
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


def _reader_kwargs(task: _FileTask, options: _Options) -> dict[str, Any]:
    kwargs: dict[str, Any] = {"encoding": options.encoding, "name": task.name}
    if options.names is not None:
        kwargs["names"] = options.names
    return kwargs


def _batches(task: _FileTask, options: _Options, batch_size: int | None) -> Iterator[ReadResult]:
    """The file's records in batches (lazily for streamable tables), errors as skipped."""
    problem = _file_problem(task, options)
    if problem is not None:
        yield ReadResult(skipped=[{"file": task.name, "row": None, "column": None, "reason": problem}])
        return
    assert task.fmt is not None
    try:
        if batch_size is not None and task.fmt in _STREAMING:
            from .readers import tables

            stream = getattr(tables, _STREAMING[task.fmt])
            yield from stream(task.path, batch_size=batch_size, **_reader_kwargs(task, options))
        else:
            yield get_reader(task.fmt)(task.path, **_reader_kwargs(task, options))
    except ImportError as exc:  # an optional reader's dependency is not installed
        raise ImportError(
            f"reading {task.name} as {task.fmt!r} needs an optional dependency ({exc}); "
            "install it, e.g. pip install 'mediakit[web]' for HTML pages and feeds"
        ) from exc
    except CorpusError as exc:
        yield ReadResult(skipped=[{"file": exc.file or task.name, "row": exc.row,
                                   "column": exc.column, "reason": exc.reason}])
    except (OSError, ValueError) as exc:  # includes UnicodeDecodeError, JSON errors
        yield ReadResult(skipped=[{"file": task.name, "row": None, "column": None,
                                   "reason": f"cannot read file: {exc}"}])


def _file_values(task: _FileTask, options: _Options) -> Callable[[str], list[Any]]:
    """Every value of one input column of a streamed table (a second, lazy pass)."""

    def values(key: str) -> list[Any]:
        from .readers import tables

        stream = getattr(tables, _STREAMING[task.fmt or ""])
        found: list[Any] = []
        for batch in stream(task.path, batch_size=10_000, **_reader_kwargs(task, options)):
            found.extend(record[key] for record in batch.records if key in record)
        return found

    return values


def _row_batches(source: Any, options: _Options, batch_size: int | None, loader: _Loader,
                 display: dict[str, str] | None = None) -> Iterator[list[dict[str, Any]]]:
    """Validated rows, batch by batch (the first batch may be empty)."""
    if isinstance(source, pd.DataFrame):
        if options.names is not None:
            raise InvalidParameterError(
                f"{options.interface.option('names')} names the columns of a header-less "
                "CSV/TSV file; a DataFrame has its own")
        raw = source.to_dict("records") if len(source.columns) else [{} for _ in range(len(source))]
        records: list[dict[str, Any]] = [{str(k): v for k, v in record.items()} for record in raw]
        step = batch_size or max(len(records), 1)
        for number, record in enumerate(records, start=1):
            record["_file"] = _DATAFRAME_FILE
            record["_row"] = number

        def frame_values(key: str) -> list[Any]:
            return [record[key] for record in records if key in record]

        if not records:
            yield []
        for start in range(0, len(records), step):
            yield loader.rows(records[start : start + step], None, [], frame_values)
        loader.end_file(_DATAFRAME_FILE)
        return
    tasks, ignored, unlistable = _collect(source, options.format, display)
    loader.log.extend(ignored)
    for problem in unlistable:
        loader.problem(problem)
    yield []
    for task in tasks:
        streamed = batch_size is not None and task.fmt in _STREAMING
        for batch in _batches(task, options, batch_size):
            loader.log.extend(batch.log)
            yield loader.rows(batch.records, task, batch.skipped,
                              _file_values(task, options) if streamed else None)
        loader.end_file(task.name)


def _load_corpus(source: Any, options: _Options, display: dict[str, str] | None = None
                 ) -> pd.DataFrame:
    loader = _Loader(options)
    rows: list[dict[str, Any]] = []
    for batch in _row_batches(source, options, None, loader, display):
        rows.extend(batch)
    loader.check_columns_used()
    loader.warn()
    corpus = validate_corpus(_frame(rows))
    corpus.attrs["load_log"] = _log_frame(loader.log)
    return corpus


def load_corpus(
    source: Any,
    *,
    format: str | None = None,
    outlet: str | None = None,
    columns: dict[str, str] | None = None,
    names: Sequence[str] | None = None,
    encoding: str | None = None,
    date_format: str | None = None,
    duplicate_ids: str = "suffix",
    errors: str = "raise",
) -> pd.DataFrame:
    """Load articles into the corpus table (columns: see the module docstring).

    Parameters
    ----------
    source : str, path-like, list of them, or pandas.DataFrame
        A folder, a file, a list of files/folders, or a DataFrame.
    format : str, optional
        Force a reader (``"text"``, ``"markdown"``, ``"csv"``, ``"tsv"``, ``"json"``,
        ``"jsonl"``, ``"html"``, ``"feed"``) for every file.
    outlet : str, optional
        The outlet of records that name none.
    columns : dict, optional
        Input column name -> corpus column name; wins over recognised names.
    names : list of str, optional
        Column names of a CSV/TSV file without a header line (every line is data).
    encoding : str, optional
        How to decode files that are not valid UTF-8 (logged, no warning).
    date_format : str, optional
        ``"dayfirst"``, ``"monthfirst"`` or a strptime format such as ``"%d %b %Y"``;
        default: inferred per date column from all its values.
    duplicate_ids : {"suffix", "keep_first", "raise"}, default "suffix"
        What to do with a repeated ``doc_id`` (see "Document ids").
    errors : {"raise", "skip"}, default "raise"
        Stop at the first bad record with a ``CorpusError`` naming file, row and
        column, or load the rest and log the bad ones (kind ``skipped``).

    Returns
    -------
    pandas.DataFrame
        A new corpus table; an input DataFrame is never modified. Its load log is
        :func:`load_log`.
    """
    options = _check_options(format, outlet, columns, names, encoding, date_format,
                             duplicate_ids, errors)
    return _load_corpus(source, options)


def iter_corpus(
    source: Any,
    *,
    chunksize: int = 1000,
    format: str | None = None,
    outlet: str | None = None,
    columns: dict[str, str] | None = None,
    names: Sequence[str] | None = None,
    encoding: str | None = None,
    date_format: str | None = None,
    duplicate_ids: str = "suffix",
    errors: str = "raise",
) -> Iterator[pd.DataFrame]:
    """Load like ``load_corpus``, yielding corpus tables of at most ``chunksize`` articles.

    Files are read one at a time and CSV/TSV/JSON Lines tables in batches, so memory
    stays bounded by the chunk size and the largest single non-streamable file (a JSON
    document, an article file). Ids, validation, dates, warnings and errors are the
    same as ``load_corpus``'s, and ``pd.concat(iter_corpus(source))`` equals
    ``load_corpus(source)`` (chunk indexes continue one another). A streamed table
    whose dates are numeric is read twice: once for its date column (a column's
    day/month order is settled by all its values), then for its rows. Each chunk's
    load log (:func:`load_log`) holds the events since the previous chunk; the summary
    warnings come once, when the iteration ends. Extra columns take their dtype per
    chunk, so an extra column that is sometimes missing may differ in dtype.

    Parameters
    ----------
    source : str, path-like, pandas.DataFrame or list of them
        What :func:`load_corpus` reads: a file, a folder, a URL table, a DataFrame or
        a list of these.
    chunksize : int, default 1000
        The most articles in one yielded table (a positive integer).
    format, outlet, encoding, date_format : str or None, default None
    columns : dict of str to str or None, default None
    names : list of str or None, default None
    duplicate_ids : str, default "suffix"
    errors : str, default "raise"
        Each as for :func:`load_corpus`.

    Yields
    ------
    pandas.DataFrame
        Corpus tables (:data:`CORPUS_COLUMNS`, extras after), each with the load log
        of its own records in ``attrs["load_log"]``.
    """
    if isinstance(chunksize, bool) or not isinstance(chunksize, int) or chunksize < 1:
        raise InvalidParameterError(f"iter_corpus: chunksize must be a positive integer, not {chunksize!r}")
    options = _check_options(format, outlet, columns, names, encoding, date_format,
                             duplicate_ids, errors)
    return _iter_corpus(source, chunksize, options)


def _iter_corpus(source: Any, chunksize: int, options: _Options) -> Iterator[pd.DataFrame]:
    loader = _Loader(options)
    pending: list[dict[str, Any]] = []
    reported = 0
    emitted = 0

    def chunk(rows: list[dict[str, Any]]) -> pd.DataFrame:
        nonlocal reported, emitted
        frame = validate_corpus(_frame(rows, start=emitted))
        frame.attrs["load_log"] = _log_frame(loader.log[reported:])
        reported = len(loader.log)
        emitted += len(rows)
        return frame

    yielded = False
    for batch in _row_batches(source, options, chunksize, loader):
        pending.extend(batch)
        while len(pending) >= chunksize:
            head, pending = pending[:chunksize], pending[chunksize:]
            yielded = True
            yield chunk(head)
    loader.check_columns_used()
    if pending or not yielded or reported < len(loader.log):
        # the last chunk also carries the events logged after the last full chunk
        last = chunk(pending)
        loader.warn()
        yield last
    else:
        loader.warn()


# --- validation ----------------------------------------------------------------------


def validate_corpus(corpus: pd.DataFrame) -> pd.DataFrame:
    """Check a corpus table and return it normalised (a new frame; the input is untouched).

    Requires the columns ``doc_id``, ``outlet`` and ``text``; adds ``date`` (NaT),
    ``title`` and ``url`` (empty) and ``text_source`` (``"body"``) when absent. Checks
    that ``doc_id`` is unique and non-empty, ``outlet`` non-empty, ``text`` a non-empty
    string, and ``date`` datetime-like (tz-aware dates become tz-naive UTC). Columns
    come back in corpus order, extras after, with string dtypes for the text columns
    and ``datetime64[us]`` for ``date``.

    Parameters
    ----------
    corpus : pandas.DataFrame
        A table with at least ``doc_id``, ``outlet`` and ``text``. Never modified.

    Returns
    -------
    pandas.DataFrame
        A new, normalised corpus table.

    Raises
    ------
    MissingColumnsError
        ``doc_id``, ``outlet`` or ``text`` is missing (a :class:`CorpusError` whose
        ``column`` is the first missing one).
    CorpusError
        Naming the row (1-based position) and column of the first problem.
    TypeError
        ``corpus`` is not a DataFrame.
    """
    check_table(
        corpus, ("doc_id", "outlet", "text"), caller="validate_corpus", table_name="corpus",
        hint=f"a corpus has {', '.join(CORPUS_COLUMNS)} (load raw tables with load_corpus)",
    )
    where = _DATAFRAME_FILE
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
    for name, default in (("title", ""), ("url", ""), ("text_source", "body")):
        if name not in out.columns:
            out[name] = pd.Series([default] * n, index=out.index, dtype="str")
        else:
            values = out[name]
            if values.dtype != "str":
                values = pd.Series(
                    [default if is_missing(v) else str(v) for v in values], index=out.index,
                    dtype="str",
                )
            out[name] = values.fillna(default)
    if "date" not in out.columns:
        out["date"] = pd.Series(np.full(n, np.datetime64("NaT"), dtype="datetime64[us]"), index=out.index)
    else:
        dates = out["date"]
        if isinstance(dates.dtype, pd.DatetimeTZDtype):
            dates = dates.dt.tz_convert("UTC").dt.tz_localize(None)
        if not pd.api.types.is_datetime64_dtype(dates.dtype):
            if dates.isna().all():
                dates = pd.Series(np.full(n, np.datetime64("NaT"), dtype="datetime64[us]"), index=out.index)
            else:
                bad = dates.notna().to_numpy()
                raise CorpusError(
                    f"date must be datetime64 (got {dates.dtype}); load raw tables with "
                    "load_corpus, which parses dates", file=where, row=first_bad(bad), column="date",
                )
        try:
            out["date"] = dates.astype("datetime64[us]")
        except (OverflowError, ValueError) as exc:
            raise CorpusError(f"a date outside the range mediakit stores ({exc})", file=where,
                              column="date") from None
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

    Returns
    -------
    pandas.DataFrame
        The corpus table: 60 articles from 7 outlets, with the extra columns
        ``byline`` and ``syndicated_from`` of the files' front matter.
    """
    return load_corpus(_sample_folder())
