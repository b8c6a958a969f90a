"""Near-duplicate articles: wire copy republished by several outlets.

:func:`find_duplicates` groups articles whose word shingles overlap (Jaccard
similarity), and :func:`duplicate_docs_to_drop` lists the copies to leave out of a
comparison (every comparison of :mod:`mediakit.compare` takes ``exclude_docs=``), so
one agency's wording is not credited to several outlets.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from numbers import Integral, Real

import numpy as np
import pandas as pd

from ._validation import Interval, check_table, validate_params
from .text import words as text_words

__all__ = ["duplicate_docs_to_drop", "duplicate_groups", "find_duplicates"]


def _shingles(text: str, size: int, vocab: dict[tuple[str, ...], int]) -> np.ndarray:
    words = text_words(text)
    if not words:
        return np.zeros(0, dtype=np.int64)
    if len(words) < size:
        grams = [tuple(words)]
    else:
        grams = [tuple(words[i:i + size]) for i in range(len(words) - size + 1)]
    ids = [vocab.setdefault(g, len(vocab)) for g in grams]
    return np.unique(np.asarray(ids, dtype=np.int64))


class _Components:
    """Union-find over article positions: the groups of near-duplicates."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(self, i: int, j: int) -> None:
        ri, rj = self.find(i), self.find(j)
        if ri != rj:
            self.parent[max(ri, rj)] = min(ri, rj)


def _similar_pairs(
    sets: Sequence[np.ndarray], n_shingles: int, min_similarity: float
) -> tuple[_Components, np.ndarray]:
    """Join every pair of shingle sets with Jaccard similarity >= ``min_similarity``.

    Candidate pairs come from prefix filtering: articles are visited from the smallest
    set up, and each indexes the rarest shingles of its set (its prefix); every pair at
    or above the cut shares a shingle of the later one's prefix. Every candidate is
    verified with the exact Jaccard similarity. Returns the groups and, per article,
    the highest similarity to another member (NaN for none).
    """
    n_docs = len(sets)
    freq = np.zeros(n_shingles, dtype=np.int64)
    for s in sets:
        freq[s] += 1
    # Global order: rarest shingle first, ties by id (deterministic).
    rank = np.empty(n_shingles, dtype=np.int64)
    rank[np.lexsort((np.arange(n_shingles), freq))] = np.arange(n_shingles)
    index: dict[int, list[int]] = {}
    best = np.full(n_docs, np.nan)
    components = _Components(n_docs)
    sizes = np.array([len(s) for s in sets])
    for i in sorted(range(n_docs), key=lambda i: len(sets[i])):
        s = sets[i]
        if len(s) == 0:
            continue
        ordered = s[np.argsort(rank[s], kind="stable")]
        prefix = len(s) - math.ceil(min_similarity * len(s) - 1e-9) + 1
        candidates: set[int] = set()
        for token in ordered[:prefix].tolist():
            bucket = index.setdefault(token, [])
            candidates.update(bucket)
            bucket.append(i)
        for j in candidates:
            # Documents are visited by size, so sizes[j] <= sizes[i]: the size filter.
            if sizes[j] < min_similarity * len(s):
                continue
            inter = np.intersect1d(s, sets[j], assume_unique=True).size
            jaccard = inter / (len(s) + sizes[j] - inter)
            if jaccard >= min_similarity:
                best[i] = np.fmax(best[i], jaccard)
                best[j] = np.fmax(best[j], jaccard)
                components.join(i, j)
    return components, best


def _date_keys(corpus: pd.DataFrame) -> tuple[pd.Series | None, np.ndarray]:
    """The corpus dates (None without a date column) and a sort key (undated last)."""
    if "date" not in corpus.columns:
        return None, np.zeros(len(corpus))
    dates = pd.to_datetime(corpus["date"]).reset_index(drop=True)
    naive = dates.dt.tz_localize(None) if dates.dt.tz is not None else dates
    stamps = naive.to_numpy().astype("datetime64[us]").astype(np.int64).astype(float)
    return dates, np.where(dates.isna().to_numpy(), np.inf, stamps)


def _representatives(roots: np.ndarray, in_group: np.ndarray, date_key: np.ndarray) -> np.ndarray:
    """True for the article kept of each group (earliest date, then corpus order)."""
    representative = np.ones(len(roots), dtype=bool)
    members: dict[int, list[int]] = {}
    for i in np.flatnonzero(in_group).tolist():
        members.setdefault(int(roots[i]), []).append(i)
    for group in members.values():
        keep = min(group, key=lambda i: (date_key[i], i))
        for i in group:
            representative[i] = i == keep
    return representative


def _group_numbers(roots: np.ndarray, in_group: np.ndarray) -> pd.arrays.IntegerArray:
    """Groups numbered from 0 in order of their first article; NA for singletons."""
    number: dict[int, int] = {}
    for i in np.flatnonzero(in_group).tolist():
        number.setdefault(int(roots[i]), len(number))
    values = [number[int(r)] if grouped else pd.NA
              for r, grouped in zip(roots.tolist(), in_group.tolist(), strict=True)]
    return pd.array(values, dtype="Int64")


@validate_params({"min_similarity": [Interval(Real, 0, 1, closed="right")],
                  "shingle": [Interval(Integral, 1, None)]})
def find_duplicates(
    corpus: pd.DataFrame,
    *,
    min_similarity: float = 0.8,
    shingle: int = 5,
) -> pd.DataFrame:
    """Groups of near-identical articles (syndicated wire copy, republished stories).

    Each article becomes the set of its word ``shingle``-grams (5 consecutive words by
    default). The words are those of :func:`mediakit.text.words`, numbers included
    ("2,212", "3.5": dates and tolls tell copies apart), punctuation ignored. Two articles are near
    duplicates when the Jaccard similarity of their sets (shared shingles over all
    distinct shingles) is at least ``min_similarity``; groups are the connected
    components of that relation. Candidate pairs come from prefix filtering (every
    pair at or above the cut must share a shingle among the rarest of each article's
    shingles), and every candidate is verified with the exact Jaccard similarity, so
    the result is exact and large corpora do not need all pairs compared.

    Parameters
    ----------
    corpus : pandas.DataFrame
        The corpus (``doc_id``, ``text``; ``outlet`` and ``date`` when present are
        copied into the result and ``date`` picks the copy kept). Never modified.
    min_similarity : float, default 0.8
        The smallest Jaccard similarity of two near duplicates, in (0, 1].
    shingle : int, default 5
        Words per shingle (>= 1); an article shorter than that is one shingle.

    Returns
    -------
    pandas.DataFrame
        One row per article in corpus order, columns ``doc_id`` (str), ``outlet``,
        ``date`` (when present in the corpus), ``duplicate_group`` (Int64, numbered
        from 0 in order of the groups' first article; ``<NA>`` for an article without
        a near duplicate), ``group_size`` (int64, 1 for singletons), ``similarity``
        (float64, highest Jaccard similarity to another member of its group; NaN for
        singletons) and ``is_representative`` (bool, True for the article kept when
        dropping copies: the earliest dated member of each group, ties and undated
        ones broken by corpus order; True for every singleton).
        :func:`duplicate_docs_to_drop` lists the others.
    """
    check_table(corpus, ["doc_id", "text"], caller="find_duplicates", table_name="corpus")
    vocab: dict[tuple[str, ...], int] = {}
    sets = [_shingles(t if isinstance(t, str) else "", shingle, vocab) for t in corpus["text"]]
    n_docs = len(sets)
    components, best = _similar_pairs(sets, len(vocab), min_similarity)
    roots = np.array([components.find(i) for i in range(n_docs)], dtype=np.int64)
    group_sizes = (np.bincount(roots, minlength=n_docs)[roots] if n_docs
                   else np.zeros(0, dtype=np.int64))
    in_group = group_sizes > 1
    dates, date_key = _date_keys(corpus)
    result = pd.DataFrame({"doc_id": pd.array(corpus["doc_id"].astype(str).tolist(),
                                              dtype="str")})
    if "outlet" in corpus.columns:
        result["outlet"] = corpus["outlet"].to_numpy()
    if dates is not None:
        result["date"] = dates.to_numpy()
    result["duplicate_group"] = _group_numbers(roots, in_group)
    result["group_size"] = group_sizes.astype(int)
    result["similarity"] = best
    result["is_representative"] = _representatives(roots, in_group, date_key)
    return result


def duplicate_docs_to_drop(duplicates: pd.DataFrame) -> list[str]:
    """``doc_id`` of every non-representative copy in a :func:`find_duplicates` table.

    Pass the list as ``exclude_docs=`` to any comparison to count syndicated copy once.

    Parameters
    ----------
    duplicates : pandas.DataFrame
        The table of :func:`find_duplicates` (``doc_id``, ``is_representative``).

    Returns
    -------
    list of str
        The ``doc_id`` of every copy that is not its group's representative, in
        table order (empty when nothing is duplicated).
    """
    check_table(duplicates, ["doc_id", "is_representative"], caller="duplicate_docs_to_drop", table_name="duplicates")
    drop = duplicates.loc[~duplicates["is_representative"].astype(bool), "doc_id"]
    return drop.astype(str).tolist()


def duplicate_groups(duplicates: pd.DataFrame) -> pd.DataFrame:
    """One row per group of near-identical articles, largest first.

    Summarises a :func:`find_duplicates` table: how many copies, in how many outlets,
    over which dates, and which copy is kept. A group spread over several outlets is
    ``"syndicated"`` (wire copy or a story republished elsewhere); a group inside one
    outlet is a ``"repeat"`` (the same story run again by that outlet).

    Parameters
    ----------
    duplicates : DataFrame
        The output of :func:`find_duplicates` (needs ``doc_id, duplicate_group,
        is_representative, similarity``; ``outlet`` and ``date`` when present).

    Returns
    -------
    DataFrame
        Columns ``duplicate_group``, ``n_docs`` (copies), ``n_outlets``, ``outlets``
        (their names, sorted, joined by ``"; "``), ``kind`` (``"syndicated"`` or
        ``"repeat"``), ``first_date`` and ``last_date`` (NaT when no copy is dated),
        ``n_undated`` (copies without a date), ``kept_doc_id`` (the copy kept by
        :func:`duplicate_docs_to_drop`), ``kept_by`` (``"earliest date"``, or
        ``"corpus order"`` when the group has no date to go by) and ``similarity``
        (the highest Jaccard similarity in the group). Sorted by ``n_docs``
        descending, then ``first_date`` (undated last), then ``duplicate_group``.
    """
    check_table(duplicates, ["doc_id", "duplicate_group", "is_representative", "similarity"],
                caller="duplicate_groups", table_name="duplicates")
    columns = ["duplicate_group", "n_docs", "n_outlets", "outlets", "kind", "first_date",
               "last_date", "n_undated", "kept_doc_id", "kept_by", "similarity"]
    members = duplicates.loc[duplicates["duplicate_group"].notna()]
    outlets = (members["outlet"].astype(str) if "outlet" in members.columns
               else pd.Series("", index=members.index))
    dates = (pd.to_datetime(members["date"]) if "date" in members.columns
             else pd.Series(pd.NaT, index=members.index, dtype="datetime64[ns]"))
    rows = []
    for _, sub in members.groupby("duplicate_group", sort=True):
        names = sorted(set(outlets.loc[sub.index]))
        when = dates.loc[sub.index]
        kept = sub.loc[sub["is_representative"].astype(bool)]
        kept_id = str(kept["doc_id"].iloc[0]) if len(kept) else ""
        kept_dated = len(kept) > 0 and pd.notna(when.loc[kept.index[0]])
        rows.append({
            "duplicate_group": int(sub["duplicate_group"].iloc[0]), "n_docs": len(sub), "n_outlets": len(names),
            "outlets": "; ".join(names), "kind": "syndicated" if len(names) > 1 else "repeat",
            "first_date": when.min(), "last_date": when.max(),
            "n_undated": int(when.isna().sum()), "kept_doc_id": kept_id,
            "kept_by": "earliest date" if kept_dated else "corpus order",
            "similarity": float(sub["similarity"].max()),
        })
    table = pd.DataFrame(rows, columns=columns)
    if table.empty:
        return table.astype({"duplicate_group": "int64", "n_docs": "int64",
                             "n_outlets": "int64", "n_undated": "int64",
                             "first_date": "datetime64[ns]", "last_date": "datetime64[ns]",
                             "similarity": "float64"})
    table["first_date"] = pd.to_datetime(table["first_date"])
    table["last_date"] = pd.to_datetime(table["last_date"])
    order = table.sort_values(["n_docs", "first_date", "duplicate_group"],
                              ascending=[False, True, True], na_position="last", kind="stable")
    return order.reset_index(drop=True)
