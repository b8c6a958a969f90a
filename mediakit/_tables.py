"""Building the tidy tables every per-article function returns (private).

The mentions, KWIC, collocates and audit tables share one way of walking the corpus
(:func:`iter_documents`, behind :func:`mediakit.document.documents`) and one way of
turning columns of Python values into a DataFrame with fixed column order and dtypes
(:func:`make_frame`), empty or not.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator, Sequence
from typing import Any

import pandas as pd

from .text import _doc_text

_STR_COLUMNS = {"doc_id", "outlet", "actor", "label", "pattern", "match", "sentence",
                "voice", "named_groups", "referent", "left", "right", "candidate", "reason",
                "example", "word", "referent_rule", "scope_rule", "form"}
_BOOL_COLUMNS = {"in_scope"}
_INT_COLUMNS = {"start", "end", "sentence_id", "sentence_start", "sentence_end",
                "n", "n_word", "count", "n_docs"}


def iter_documents(corpus: pd.DataFrame) -> Iterator[tuple[Any, Any, Any, str]]:
    """(doc_id, outlet, date, text) per article; a missing text (None, NaN, pd.NA) is
    an empty one, a missing ``date`` column NaT and a missing ``outlet`` column None."""
    n = len(corpus)
    dates = corpus["date"].tolist() if "date" in corpus.columns else [pd.NaT] * n
    outlets = corpus["outlet"].tolist() if "outlet" in corpus.columns else [None] * n
    for doc_id, outlet, date, text in zip(
        corpus["doc_id"].tolist(), outlets, dates, corpus["text"].tolist(), strict=True,
    ):
        yield doc_id, outlet, date, text if isinstance(text, str) else _doc_text(text)


def date_series(values: list[Any], corpus: pd.DataFrame) -> pd.Series:
    """``values`` as a Series of the corpus's date dtype (datetime64[ns] without one)."""
    if "date" in corpus.columns:
        return pd.Series(values, dtype=corpus["date"].dtype)
    return pd.Series(values, dtype="datetime64[ns]")


def make_frame(
    columns: Sequence[str], data: dict[str, list[Any]], corpus: pd.DataFrame | None = None
) -> pd.DataFrame:
    """A DataFrame with fixed column order and dtypes, empty or not."""
    series = {}
    for name in columns:
        values = data.get(name, [])
        if name == "date":
            series[name] = (
                date_series(values, corpus) if corpus is not None
                else pd.Series(values, dtype="datetime64[ns]")
            )
        elif name == "speaker":
            series[name] = pd.Series(values, dtype="string")
        elif name in _STR_COLUMNS:
            series[name] = pd.Series(values, dtype="str")
        elif name in _INT_COLUMNS:
            series[name] = pd.Series(values, dtype="int64")
        elif name in _BOOL_COLUMNS:
            series[name] = pd.Series(values, dtype="bool")
        else:
            series[name] = pd.Series(values, dtype="float64")
    return pd.DataFrame(series, columns=list(columns))


def sentence_index(sentence_starts: list[int], pos: int) -> int:
    """Index of the sentence holding ``pos`` (the last one starting at or before it)."""
    return max(bisect_right(sentence_starts, pos) - 1, 0)


