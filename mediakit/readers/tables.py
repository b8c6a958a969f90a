"""Readers for tables of articles: CSV, TSV, JSON and JSON Lines.

Row numbers (``_row`` and the ``row`` of a skipped record):

* CSV/TSV: the data row, 1-based, the header not counted and blank lines ignored
  (a quoted field may span several lines, so this is not always the line number;
  problems also name the physical line);
* JSON: the position of the article in the top-level list, 1-based (a malformed file
  is reported with the line of the syntax error);
* JSON Lines: the line number, 1-based.

Values are kept as the format gives them: strings for CSV/TSV (an empty cell is an
empty string), JSON types for JSON/JSONL. Line ends inside string values are
normalised to LF. The ``iter_*`` functions read lazily and yield ``ReadResult`` batches
of at most ``batch_size`` records, so a large table is never held in memory whole;
``read_*`` return the whole file as one result (the reader contract).

CSV/TSV are parsed with the standard library's ``csv`` module rather than
``pandas.read_csv``: pandas' fast parser pads a row with too few fields with empty
strings and, in the first data row, drops extra fields with only a ParserWarning, so
a shifted or broken row could load silently. The ``csv`` module lets every row's field
count be checked (about 6 s for 100,000 articles of 2 KB, 225 MB, on the development
machine, against under 1 s for pandas). It runs in strict mode, and nothing after a
broken row is lost:

* a row whose field count differs from the header's is reported (``errors="skip"``
  lists it) and reading goes on with the next row;
* a quote that is never closed, or text right after a closing quote (an unescaped
  ``"`` inside a quoted field), would swallow the following rows into one field.
  Instead, reading resumes on the line after the one where the row started, so the
  rows it would have swallowed are read (or reported) one by one. The row itself is
  read from its own line with its quotes as plain characters when that gives the
  header's number of fields (``"Rebels" retreat`` in a TSV of headlines is text, not
  quoting): such rows are logged (kind ``note``, one warning per file naming them).
  Otherwise it is reported as malformed, naming the line where it starts and the
  line of the problem;
* a field longer than :data:`FIELD_LIMIT` characters is reported the same way. The
  csv module's own limit is process-wide state; mediakit raises it only around each
  of its own reads and puts it back, and sets nothing at import;
* re-reading is bounded (at most twice the lines of the file), so a file of nothing
  but broken quotes is still read in linear time; past that bound, the lines not read
  are counted and reported as one entry.

``names=`` reads a file without a header line: every line is data, and the columns
are named by ``names`` in order (a header-less export such as ``date, publisher,
title, url``).
"""

from __future__ import annotations

import csv
import json
from collections import deque
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from .._docstrings import share_docs
from . import ReadResult
from ._decoding import choose_decoding, encoding_log, open_text, read_text_file

__all__ = ["FIELD_LIMIT", "read_csv", "read_tsv", "read_json", "read_jsonl", "iter_csv",
           "iter_tsv", "iter_jsonl"]

#: The longest CSV/TSV field read, in characters (256 Mi); a longer one is reported.
FIELD_LIMIT = 1 << 28

_DEFAULT_BATCH = 1000
# Deeper JSON than Python's parser can take is reported with the line where it gets
# this deep (the parser's own limit is near 1,000).
_REPORT_DEPTH = 500


def _lf(value: Any) -> Any:
    if isinstance(value, str) and "\r" in value:
        return value.replace("\r\n", "\n").replace("\r", "\n")
    return value


def _record(pairs: Any, file: str, row: int) -> dict[str, Any]:
    """One raw record: the input's (name, value) pairs with line endings made LF, plus
    the provenance keys the loader reads."""
    record = {str(name): _lf(value) for name, value in pairs}
    record["_file"] = file
    record["_row"] = row
    return record


def _merge(batches: Iterator[ReadResult]) -> ReadResult:
    merged = ReadResult()
    for batch in batches:
        merged.records.extend(batch.records)
        merged.skipped.extend(batch.skipped)
        merged.log.extend(batch.log)
    return merged


class _Lines:
    """The physical lines of a text stream, numbered from 1, keeping the lines of the
    record being parsed so that a record the csv module rejects can be re-read from
    its second line (see the module docstring)."""

    def __init__(self, handle: Any) -> None:
        self._source = iter(handle)
        self._pending: deque[tuple[int, str]] = deque()
        self._read = 0
        self._replayed = 0
        self.record: list[tuple[int, str]] = []

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        if self._pending:
            number, line = self._pending.popleft()
        else:
            line = next(self._source)
            self._read += 1
            number = self._read
        self.record.append((number, line))
        return line

    def start_record(self) -> None:
        self.record = []

    @property
    def first_line(self) -> int:
        return self.record[0][0] if self.record else self._read + 1

    @property
    def last_line(self) -> int:
        return self.record[-1][0] if self.record else self._read

    def replay_after_first(self) -> bool:
        """Queue the current record's lines after its first for reading again; False
        (nothing queued) when that would pass the re-reading bound."""
        lines = self.record[1:]
        if self._replayed + len(lines) > 2 * self._read + 1000:
            return False
        self._replayed += len(lines)
        self._pending.extendleft(reversed(lines))
        return True

    def count_rest(self) -> tuple[int, int]:
        """(first, last) line numbers of the current record's later lines and of every
        line not read yet, consuming them."""
        first = self.record[1][0] if len(self.record) > 1 else self._read + 1
        for _ in self._source:
            self._read += 1
        return first, self._read


def _next_record(reader: Any) -> list[str]:
    # The csv module's field limit is global: raised for this read only.
    previous = csv.field_size_limit(FIELD_LIMIT)
    try:
        return next(reader)
    finally:
        csv.field_size_limit(previous)


def _csv_problem(exc: csv.Error, first: int, last: int) -> str:
    text = str(exc)
    where = f"line {first}" if first == last else f"lines {first}-{last}"
    if "unexpected end of data" in text:
        what = (f"a quote opened in the row starting on line {first} is never closed "
                "(it would swallow every later row)")
    elif "expected after" in text:
        what = (f"text follows a closing quote on line {last} (a quote inside a quoted "
                "field must be doubled)")
        if last > first:
            what += f"; lines {first + 1}-{last}, which it would swallow, are read on their own"
    elif "field larger than field limit" in text:
        what = f"a field longer than {FIELD_LIMIT:,} characters ({where})"
    else:
        what = f"{text} ({where})"
    return f"malformed row: {what}; reading resumes on line {first + 1}"


def _iter_delimited(path: Path, delimiter: str, encoding: str | None, batch_size: int,
                    names: Sequence[str] | None, name: str | None) -> Iterator[ReadResult]:
    file = name or str(path)
    decoding = choose_decoding(path, encoding, name=file)
    batch = ReadResult(log=encoding_log(decoding, file))
    with open_text(path, decoding) as handle:
        lines = _Lines(handle)
        reader = csv.reader(lines, delimiter=delimiter, strict=True)
        if names is not None:
            header = [str(n) for n in names]
        else:
            try:
                header = _next_record(reader)
            except StopIteration:
                yield batch  # an empty file holds no records
                return
            except csv.Error as exc:
                batch.skipped.append({"file": file, "row": 0, "column": None,
                                      "reason": f"malformed header line: {exc}"})
                yield batch
                return
            if header and header[0].startswith("\ufeff"):
                header[0] = header[0][1:]
        seen: set[str] = set()
        for column in header:
            if column in seen:
                batch.skipped.append({"file": file, "row": 0, "column": column,
                                      "reason": f"column name {column!r} appears twice in the header"})
                yield batch
                return
            seen.add(column)
        row = 0
        literal_rows: list[int] = []
        while True:
            lines.start_record()
            try:
                fields = _next_record(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                row += 1
                first, last = lines.first_line, lines.last_line
                literal = _literal_fields(lines.record, delimiter, len(header))
                if lines.replay_after_first():
                    if literal is not None:
                        # quotes that are text, not CSV quoting ("Rebels" retreat): the
                        # row's first line read as written, noted
                        literal_rows.append(row)
                        batch.records.append(_record(zip(header, literal), file, row))
                    else:
                        batch.skipped.append({"file": file, "row": row, "column": None,
                                              "reason": _csv_problem(exc, first, last)})
                    reader = csv.reader(lines, delimiter=delimiter, strict=True)
                    continue
                start, end = lines.count_rest()
                batch.skipped.append({
                    "file": file, "row": row, "column": None,
                    "reason": f"malformed row: {exc} (line {first}); lines {start}-{end} "
                    f"({max(end - start + 1, 0):,} lines) not read: the file's quotes are "
                    "too broken to re-read in linear time",
                })
                break
            if not fields:
                continue
            row += 1
            if len(fields) != len(header):
                first, last = lines.first_line, lines.last_line
                where = f"line {first}" if first == last else f"lines {first}-{last}"
                batch.skipped.append({
                    "file": file, "row": row, "column": None,
                    "reason": f"malformed row: {len(fields)} fields where the "
                    f"{'names given have' if names is not None else 'header has'} "
                    f"{len(header)} ({where})",
                })
            else:
                batch.records.append(_record(zip(header, fields), file, row))
            if len(batch.records) >= batch_size:
                yield batch
                batch = ReadResult()
    if literal_rows:
        shown = ", ".join(map(str, literal_rows[:10])) + (", ..." if len(literal_rows) > 10 else "")
        batch.log.append({
            "kind": "note", "file": file, "row": literal_rows[0], "column": None,
            "value": str(len(literal_rows)), "warn": True,
            "message": f"{len(literal_rows)} row(s) hold quotes that do not follow CSV quoting "
            f"(a field starting with a quote that is not closed at its end); each was read "
            f"from its own line with the quotes kept as written (rows {shown})",
        })
    yield batch


def _literal_fields(record: list[tuple[int, str]], delimiter: str, width: int) -> list[str] | None:
    """The first line of a rejected record split at every delimiter with quotes as
    plain characters, if that gives the header's number of fields; else None."""
    if not record:
        return None
    line = record[0][1].rstrip("\r\n")
    fields = line.split(delimiter)
    return fields if len(fields) == width else None


@share_docs
def iter_csv(path: Path | str, *, encoding: str | None = None, batch_size: int = _DEFAULT_BATCH,
             names: Sequence[str] | None = None, name: str | None = None) -> Iterator[ReadResult]:
    """Read a comma-separated table lazily, in batches (see the module docstring).

    Parameters
    ----------
    {reader_path}
    {reader_encoding}
    {batch_size}
    {reader_names}
    {reader_name}

    Yields
    ------
    ReadResult
        One batch of records at a time, each as the reader contract of
        :mod:`mediakit.readers` says (the batches together are the file's).
    """
    return _iter_delimited(Path(path), ",", encoding, batch_size, names, name)


@share_docs
def iter_tsv(path: Path | str, *, encoding: str | None = None, batch_size: int = _DEFAULT_BATCH,
             names: Sequence[str] | None = None, name: str | None = None) -> Iterator[ReadResult]:
    """Read a tab-separated table lazily, in batches (see the module docstring).

    Parameters
    ----------
    {reader_path}
    {reader_encoding}
    {batch_size}
    {reader_names}
    {reader_name}

    Yields
    ------
    ReadResult
        One batch of records at a time, each as the reader contract of
        :mod:`mediakit.readers` says (the batches together are the file's).
    """
    return _iter_delimited(Path(path), "\t", encoding, batch_size, names, name)


@share_docs
def read_csv(path: Path | str, *, encoding: str | None = None,
             names: Sequence[str] | None = None, name: str | None = None) -> ReadResult:
    """Read a comma-separated table (with a header row unless ``names`` are given).

    Parameters
    ----------
    {reader_path}
    {reader_encoding}
    {reader_names}
    {reader_name}

    Returns
    -------
    {read_result}
    """
    return _merge(iter_csv(path, encoding=encoding, names=names, name=name))


@share_docs
def read_tsv(path: Path | str, *, encoding: str | None = None,
             names: Sequence[str] | None = None, name: str | None = None) -> ReadResult:
    """Read a tab-separated table (with a header row unless ``names`` are given).

    Parameters
    ----------
    {reader_path}
    {reader_encoding}
    {reader_names}
    {reader_name}

    Returns
    -------
    {read_result}
    """
    return _merge(iter_tsv(path, encoding=encoding, names=names, name=name))


def _items(data: Any) -> list[Any] | None:
    """The list of articles in a parsed JSON document, or None if there is none."""
    if isinstance(data, list):
        return data
    if isinstance(data, dict):
        lists = [value for value in data.values() if isinstance(value, list)]
        if len(lists) == 1:  # e.g. {"articles": [...], "count": 12}
            return lists[0]
    return None


def _deep_line(text: str, limit: int = _REPORT_DEPTH) -> int:
    """The line on which JSON ``text`` first nests ``limit`` deep (outside strings)."""
    depth, line, in_string, escaped = 0, 1, False, False
    for char in text:
        if char == "\n":
            line += 1
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth >= limit:
                return line
        elif char in "]}":
            depth -= 1
    return line


_TOO_DEEP = "JSON nested too deeply (more than Python's JSON parser allows)"


@share_docs
def read_json(path: Path | str, *, encoding: str | None = None, name: str | None = None) -> ReadResult:
    """Read a JSON file holding a list of article objects (or one object with one such list).

    Parameters
    ----------
    {reader_path}
    {reader_encoding}
    {reader_name}

    Returns
    -------
    {read_result}
    """
    path = Path(path)
    file = name or str(path)
    text, decoding = read_text_file(path, encoding, name=file)
    result = ReadResult(log=encoding_log(decoding, file))
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        result.skipped.append({"file": file, "row": exc.lineno, "column": None,
                               "reason": f"malformed JSON: {exc.msg} (line {exc.lineno}, character {exc.colno})"})
        return result
    except RecursionError:
        line = _deep_line(text)
        result.skipped.append({"file": file, "row": line, "column": None,
                               "reason": f"{_TOO_DEEP}, from line {line}; the file is not read"})
        return result
    items = _items(data)
    if items is None:
        result.skipped.append({"file": file, "row": None, "column": None,
                               "reason": "expected a JSON list of article objects, or an object "
                               "holding exactly one such list"})
        return result
    for position, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            result.skipped.append({"file": file, "row": position, "column": None,
                                   "reason": f"item is a JSON {type(item).__name__}, not an object"})
            continue
        result.records.append(_record(item.items(), file, position))
    return result


@share_docs
def iter_jsonl(path: Path | str, *, encoding: str | None = None, batch_size: int = _DEFAULT_BATCH,
               name: str | None = None) -> Iterator[ReadResult]:
    """Read a JSON Lines file lazily (one article object per line), in batches.

    Parameters
    ----------
    {reader_path}
    {reader_encoding}
    {batch_size}
    {reader_name}

    Yields
    ------
    ReadResult
        One batch of records at a time, each as the reader contract of
        :mod:`mediakit.readers` says (the batches together are the file's).
    """
    path = Path(path)
    file = name or str(path)
    decoding = choose_decoding(path, encoding, name=file)
    batch = ReadResult(log=encoding_log(decoding, file))
    with open_text(path, decoding) as handle:
        for line_number, line in enumerate(handle, start=1):
            line = line.lstrip("\ufeff") if line_number == 1 else line
            if not line.strip():
                continue
            try:
                item = json.loads(line)
            except json.JSONDecodeError as exc:
                batch.skipped.append({"file": file, "row": line_number, "column": None,
                                      "reason": f"malformed JSON line: {exc.msg} (character {exc.colno})"})
                continue
            except RecursionError:
                batch.skipped.append({"file": file, "row": line_number, "column": None,
                                      "reason": _TOO_DEEP})
                continue
            if not isinstance(item, dict):
                batch.skipped.append({"file": file, "row": line_number, "column": None,
                                      "reason": f"line holds a JSON {type(item).__name__}, not an object"})
                continue
            batch.records.append(_record(item.items(), file, line_number))
            if len(batch.records) >= batch_size:
                yield batch
                batch = ReadResult()
    yield batch


@share_docs
def read_jsonl(path: Path | str, *, encoding: str | None = None, name: str | None = None) -> ReadResult:
    """Read a JSON Lines file: one article object per line, blank lines ignored.

    Parameters
    ----------
    {reader_path}
    {reader_encoding}
    {reader_name}

    Returns
    -------
    {read_result}
    """
    return _merge(iter_jsonl(path, encoding=encoding, name=name))
