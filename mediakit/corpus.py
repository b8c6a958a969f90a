"""The corpus table: loading, validation, the bundled sample.

Columns (one row per article): ``doc_id`` (str, unique, stable across runs),
``outlet`` (str, the publication), ``date`` (datetime64, may be NaT), ``title``
(str, may be empty), ``url`` (str, may be empty), ``text`` (str, non-empty), then
every extra input column unchanged. ``corpus.attrs["skipped"]`` is a DataFrame with
columns ``file, row, column, reason`` listing every input record not loaded.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

__all__ = ["CORPUS_COLUMNS", "SKIPPED_COLUMNS", "load_corpus", "load_sample"]

CORPUS_COLUMNS: tuple[str, ...] = ("doc_id", "outlet", "date", "title", "url", "text")
SKIPPED_COLUMNS: tuple[str, ...] = ("file", "row", "column", "reason")


def load_corpus(
    source: Any,
    *,
    format: str | None = None,
    outlet: str | None = None,
    columns: dict[str, str] | None = None,
    encoding: str | None = None,
    errors: str = "raise",
) -> pd.DataFrame:
    raise NotImplementedError("issue 2: load_corpus")


def load_sample() -> pd.DataFrame:
    raise NotImplementedError("issue 2: load_sample")
