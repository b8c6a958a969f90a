"""One reader per input format.

A reader turns one input file into raw records; ``mediakit.corpus`` then maps their
column names, validates them and builds the corpus table. Keeping readers this thin
means every format goes through the same validation and the same skipped-records
report.

Contract
--------
``read(path, *, encoding, name=None) -> ReadResult``

* ``records``: one dict per article, keys are the input's own column names (the
  loader maps ``source``/``media_name``/... to ``outlet`` and so on), plus two
  provenance keys the loader consumes: ``_file`` (str path as given) and ``_row``
  (1-based line or row number, or item number in a feed).
* ``skipped``: records the reader itself could not parse, as dicts with ``file``,
  ``row``, ``column`` and ``reason``; the loader raises on the first of them when
  ``errors="raise"``.
* ``log``: what the reader noticed about the file, as load-log entries (dicts with
  ``kind``, ``file``, ``row``, ``column``, ``value``, ``message``, and ``warn``: True
  when the loader should also warn about it), e.g. an encoding fallback (kind
  ``encoding``) or a feed that is not well-formed (kind ``note``). The loader keeps
  them in the corpus's load log (``mediakit.load_log``).

Readers may take further keyword arguments (``names`` for CSV/TSV); ``name`` is the
file as messages show it (``<stdin>`` for standard input spooled to a file), by
default ``str(path)``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["ReadResult", "FORMATS", "EXTENSIONS", "get_reader", "format_for_path"]


@dataclass
class ReadResult:
    records: list[dict[str, Any]] = field(default_factory=list)
    skipped: list[dict[str, Any]] = field(default_factory=list)
    log: list[dict[str, Any]] = field(default_factory=list)


# format name -> "module:function"; imported lazily so optional dependencies
# (trafilatura, feedparser) are only needed by those who read those formats.
FORMATS: dict[str, str] = {
    "text": "mediakit.readers.textfiles:read_text",
    "markdown": "mediakit.readers.textfiles:read_text",
    "csv": "mediakit.readers.tables:read_csv",
    "tsv": "mediakit.readers.tables:read_tsv",
    "json": "mediakit.readers.tables:read_json",
    "jsonl": "mediakit.readers.tables:read_jsonl",
    "html": "mediakit.readers.html:read_html",
    "feed": "mediakit.readers.feeds:read_feed",
}

EXTENSIONS: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".csv": "csv",
    ".tsv": "tsv",
    ".tab": "tsv",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".html": "html",
    ".htm": "html",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
}


def format_for_path(path: Path) -> str | None:
    """The format name for a file's extension, or None if mediakit does not read it.

    Parameters
    ----------
    path : pathlib.Path
        The file; only its extension (any case) is read.

    Returns
    -------
    str or None
        A key of :data:`FORMATS` (``".htm"`` gives ``"html"``), or None.
    """
    return EXTENSIONS.get(path.suffix.lower())


def get_reader(fmt: str) -> Callable[..., ReadResult]:
    """The reader function of a format, imported when first asked for.

    Parameters
    ----------
    fmt : str
        A key of :data:`FORMATS` (``"csv"``, ``"html"``, ...).

    Returns
    -------
    callable
        ``read(path, *, encoding=None, name=None, ...) -> ReadResult`` (the contract
        above).

    Raises
    ------
    ValueError
        ``fmt`` is not a known format (the message lists them).
    """
    try:
        target = FORMATS[fmt]
    except KeyError:
        known = ", ".join(sorted(FORMATS))
        raise ValueError(f"unknown format {fmt!r}; known formats: {known}") from None
    module_name, func_name = target.split(":")
    return getattr(importlib.import_module(module_name), func_name)
