"""Comparing outlets with uncertainty (issue 5).

Every comparison here answers "does outlet A describe an actor differently from outlet
B, and is the difference larger than chance?" The conventions shared by all functions:

* **Data first, options by keyword.** Inputs are the tidy tables described in
  ``DESIGN.md`` (``mentions``, ``documents``, ``corpus``, ``sentences``); the input is
  never modified and a new tidy DataFrame is returned. Every option is checked before
  any work (:func:`mediakit._validation.validate_params`): a bad value raises
  :class:`mediakit.InvalidParameterError` naming the function and the parameter.
* **Meaning in columns.** A result says what it counted in its own columns, never in
  ``DataFrame.attrs``: the group columns (``by``) come first, then ``voice`` (the
  voice counted), ``actor`` and, where it applies, ``unit`` (what ``n`` counts) or
  ``score`` (what was averaged).
* **Voice.** Counts default to ``voice="narration"``
  (:data:`mediakit._validation.DEFAULT_VOICE`, the one rule): the outlet's own words,
  leaving out labels that sit inside quotations of other people (``"quote"``) and
  scare quotes (``"scare_quote"``); :func:`distinguishing_words` likewise leaves out
  the words inside quotations. ``voice`` takes the same values as :func:`mediakit.kwic`
  and :func:`mediakit.collocates`: ``"all"`` or ``None`` pools every voice, one voice
  name keeps that voice, a list (``["narration", "scare_quote"]``) keeps those; the
  functions reporting a grid also take ``"split"`` (each voice separately). The choice
  is written into the result's ``voice`` column (a list is recorded as its voices
  joined by ``+``, ``"narration+scare_quote"``). :func:`distinguishing_contexts` is the
  one exception (``"all"``), argued in its docstring.
* **Actor.** Every comparison of mentions takes ``actor=`` with one meaning: a string
  selects that actor's mentions; None (the default) takes every actor, each compared
  on its own, so that the rows of an actor are those of a call with that actor alone.
  The ``actor`` column says whose rows they are.
* **Referent, scope and form.** By default (``by_referent=None``) ``actor=`` selects
  mentions by their ``referent`` (whom the label points at, see
  :mod:`mediakit.referents`), and only those ``in_scope`` and of ``form`` ``noun``:
  "ISIL terrorists" counts for ``islamic_state``, not for the armed opposition that
  owns the label "terrorist"; "the opposition" of a football report and the
  "rebel-held" of "rebel-held towns" are not counted
  (:func:`mediakit.counted_mentions`; :func:`mediakit.scope_report` lists what was
  set aside and why). A table without a ``referent`` column (a hand-made one) is
  selected by ``actor``; drop the ``in_scope`` or ``form`` column to count what it
  would set aside. ``by_referent=False`` is the old behaviour: the ``actor`` column
  (the lexicon family of the label), every mention whatever its scope and form.
  ``by_referent=True`` insists on the referent column. The ``actor`` column of the
  result holds the actor selected.
* **Articles, not tokens, are the unit of resampling.** Mentions inside one article are
  not independent (one long article can repeat a label fifty times), so intervals come
  from a seeded percentile bootstrap that resamples *articles* within each group. The
  interval level is ``level`` (default 0.95) over ``n_boot`` replicates; the same
  ``seed`` always gives the same numbers.
* **Duplicates.** ``exclude_docs=`` drops articles before counting (typically the
  non-representative copies found by :func:`mediakit.find_duplicates`, listed by
  :func:`mediakit.duplicate_docs_to_drop`).
* **Names.** ``lexicon`` is the one name of a lexicon argument; ``alpha`` is only ever a
  significance level; ``min_*`` parameters follow the rule of
  :mod:`mediakit._docstrings` (``min_mentions``, ``min_docs``, ``min_count``: keep
  what has at least that many); a cut on a distance or a similarity is
  ``min_distance`` / ``min_similarity``; the prior of the word comparisons is
  ``prior_weight``.
"""

from __future__ import annotations

import math
import re
import warnings
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from numbers import Integral, Real
from typing import Any

import numpy as np
import pandas as pd

from ._docstrings import share_docs
from ._validation import (
    COLUMN_NAMES,
    DEFAULT_VOICE,
    DOC_IDS,
    SPLIT_VOICES,
    Interval,
    Options,
    check_table,
    parse_voice,
    validate_params,
)
from .referents import counted_mentions
from .text import token_window, word_spans
from .text import words as text_words
from .voice import VOICES, voice_at, voice_spans

__all__ = [
    "label_shares",
    "label_rates",
    "tone_by_label",
    "label_shares_over_time",
    "label_change_points",
    "distinguishing_words",
    "distinguishing_contexts",
    "distinguishing_words_each",
    "boilerplate_passages",
    "voice_by_label",
    "top_labels",
    "choose_freq",
    "DEFAULT_PRIOR_WEIGHT",
    "UNITS",
    "VOICES",
]

#: What ``n`` may count in a share table (``unit=``): mentions, or articles.
UNITS: tuple[str, ...] = ("mention", "article")

#: A ``voice=`` argument: a voice name, ``"all"``, ``"split"``, a list or None.
VoiceArg = str | Sequence[str] | None

# --------------------------------------------------------------------------- checks

# The constraints shared by the comparisons (mediakit._validation.validate_params).
BOOTSTRAP_PARAMS: dict[str, list[Any]] = {
    "level": [Interval(Real, 0, 1, closed="neither")],
    "n_boot": [Interval(Integral, 0, None)],
    "seed": [Interval(Integral, 0, None)],
}
_SELECTION_PARAMS: dict[str, list[Any]] = {
    "actor": [str, None],
    "by": [COLUMN_NAMES],
    "exclude_docs": [DOC_IDS],
    "by_referent": [bool, None],
}
_UNIT_PARAMS: dict[str, list[Any]] = {"unit": [Options(UNITS)]}
_WORDS_PARAMS: dict[str, list[Any]] = {
    "min_count": [Interval(Integral, 1, None)],
    "prior_weight": [Interval(Real, 0, math.inf, closed="neither"), None],
    "exclude_docs": [DOC_IDS],
}


def _as_list(by: str | Sequence[str] | None) -> list[str]:
    if by is None:
        return []
    if isinstance(by, str):
        return [by]
    return list(by)


def _exclude(df: pd.DataFrame, exclude_docs: Iterable[str] | None) -> tuple[pd.DataFrame, list[str]]:
    if exclude_docs is None:
        return df, []
    if isinstance(exclude_docs, str):
        exclude_docs = [exclude_docs]
    excluded = sorted({str(d) for d in exclude_docs})
    if not excluded:
        return df, []
    keep = ~df["doc_id"].astype(str).isin(excluded)
    return df.loc[keep], excluded


def _filter_voice(
    mentions: pd.DataFrame, voices: frozenset[str] | None, name: str
) -> tuple[pd.DataFrame, list[str]]:
    """Mentions kept under a parsed voice argument (see :func:`mediakit._validation.parse_voice`)
    and the extra grouping columns it implies."""
    if name == SPLIT_VOICES:
        return mentions, ["voice"]
    if voices is None:
        return mentions, []
    return mentions.loc[mentions["voice"].isin(sorted(voices))], []


def _warn_if_empty(kept: pd.DataFrame, function: str, voice: str) -> None:
    if kept.empty:
        warnings.warn(
            f"{function}: no mentions left after filtering (voice={voice!r}, "
            "exclude_docs); the result is empty", stacklevel=4,
        )


# ------------------------------------------------------------------- bootstrap core


# Upper bound on the size of one block of bootstrap weights (replicates x articles),
# so memory stays bounded however many articles a group has.
_BOOT_BLOCK_CELLS = 4_000_000


def _boot_sums(
    matrices: Sequence[np.ndarray], n_boot: int, rng: np.random.Generator
) -> list[np.ndarray]:
    """Bootstrap totals of per-article ``matrices`` (each n_docs x k), resampling articles.

    Each replicate draws n_docs articles with replacement; the draw is turned into a
    count per article with one ``bincount`` per block of replicates, and the totals of
    every matrix are a single product ``weights @ matrix``. Returns one
    (n_boot x k) array per input matrix.
    """
    n_docs = matrices[0].shape[0]
    out = [np.zeros((n_boot, m.shape[1])) for m in matrices]
    if n_docs == 0 or n_boot == 0:
        return out
    block = max(1, _BOOT_BLOCK_CELLS // n_docs)
    for first in range(0, n_boot, block):
        rows = min(block, n_boot - first)
        draws = rng.integers(0, n_docs, size=(rows, n_docs))
        draws += np.arange(rows)[:, None] * n_docs
        counts = np.bincount(draws.ravel(), minlength=rows * n_docs).reshape(rows, n_docs)
        weights = counts.astype(float)
        for result, matrix in zip(out, matrices, strict=True):
            result[first:first + rows] = weights @ matrix
    return out


def _percentile(boot: np.ndarray, level: float) -> tuple[np.ndarray, np.ndarray]:
    """Percentile interval over axis 0, ignoring replicates where a ratio is undefined."""
    tail = (1.0 - level) / 2.0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN columns give NaN
        lo = np.nanquantile(boot, tail, axis=0)
        hi = np.nanquantile(boot, 1.0 - tail, axis=0)
    return lo, hi


def _interval(boot: np.ndarray, level: float, n_boot: int, width: int) -> tuple[np.ndarray, np.ndarray]:
    """:func:`_percentile` of the replicates, or NaN bounds without replicates."""
    if n_boot:
        return _percentile(boot, level)
    return np.full(width, np.nan), np.full(width, np.nan)


def _ratio(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        out = num / den
    return np.where(den > 0, out, np.nan)


def _doc_matrix(
    df: pd.DataFrame, labels: list[str], values: str | None = None
) -> tuple[list[str], np.ndarray]:
    """Articles x labels matrix of counts (or of summed ``values``)."""
    doc_codes, doc_ids = pd.factorize(df["doc_id"].astype(str), sort=True)
    label_index = {lab: i for i, lab in enumerate(labels)}
    label_codes = df["label"].astype(str).map(label_index).to_numpy(dtype=int)
    mat = np.zeros((len(doc_ids), len(labels)))
    weights = None if values is None else df[values].to_numpy(dtype=float)
    np.add.at(mat, (doc_codes, label_codes), 1.0 if weights is None else weights)
    return list(doc_ids), mat


def _groups(df: pd.DataFrame, keys: list[str]) -> Iterator[tuple[tuple[Any, ...], pd.DataFrame]]:
    """(key tuple, sub-frame) pairs in sorted key order; one pair when keys is empty."""
    if not keys:
        yield (), df
        return
    for key, sub in df.groupby(keys, sort=True, observed=True, dropna=False):
        yield (key if isinstance(key, tuple) else (key,)), sub


def _result_frame(rows: dict[str, list[Any]], columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame({c: rows[c] for c in columns})


def _share_table(
    mentions: pd.DataFrame,
    *,
    keys: list[str],
    labels: list[str],
    unit: str,
    level: float,
    n_boot: int,
    seed: int,
) -> pd.DataFrame:
    """Shares of ``labels`` within each ``keys`` group, with article-bootstrap intervals."""
    rng = np.random.default_rng(seed)
    columns = [*keys, "label", "n", "share", "lo", "hi", "n_docs", "group_docs"]
    rows: dict[str, list[Any]] = {c: [] for c in columns}
    for key, sub in _groups(mentions, keys):
        _, counts = _doc_matrix(sub, labels)
        if unit == "article":
            counts = (counts > 0).astype(float)
        totals = counts.sum(axis=0)
        share = _ratio(totals, np.full_like(totals, totals.sum()))
        (boot_totals,) = _boot_sums([counts], n_boot, rng)
        boot_share = _ratio(boot_totals, boot_totals.sum(axis=1, keepdims=True))
        lo, hi = _interval(boot_share, level, n_boot, len(labels))
        docs_using = (counts > 0).sum(axis=0)
        for j, label in enumerate(labels):
            for k, v in zip(keys, key, strict=True):
                rows[k].append(v)
            rows["label"].append(label)
            rows["n"].append(int(totals[j]))
            rows["share"].append(float(share[j]))
            rows["lo"].append(float(lo[j]))
            rows["hi"].append(float(hi[j]))
            rows["n_docs"].append(int(docs_using[j]))
            rows["group_docs"].append(int(counts.shape[0]))
    return _result_frame(rows, columns)


# ----------------------------------------------------------------------- label shares


def _actor_mentions(
    mentions: pd.DataFrame, actor: str | None, *, by_referent: bool | None = None
) -> pd.DataFrame:
    """The mentions of ``actor`` (every mention when None), checked for labels.

    With ``by_referent`` (None: when the table has a ``referent`` column) only the
    mentions :func:`mediakit.counted_mentions` keeps (in scope, nouns) and have a
    referent are used, and the ``referent`` column decides and is copied into
    ``actor`` of the returned rows, so every later step groups by the referent.
    """
    of_actor = mentions
    if by_referent is None:
        by_referent = "referent" in mentions.columns
    if by_referent:
        if "referent" not in mentions.columns:
            raise ValueError(
                "by_referent=True needs the 'referent' column of mediakit.find_mentions "
                f"(or analyze); the mentions table has {list(mentions.columns)}"
            )
        counted = counted_mentions(mentions)
        counted = counted.loc[counted["referent"].notna()]
        of_actor = counted.assign(actor=counted["referent"])
    column = "referent" if by_referent else "actor"
    if actor is not None:
        if not (of_actor["actor"] == actor).any():
            known = sorted(of_actor["actor"].dropna().astype(str).unique())
            raise ValueError(f"actor {actor!r} has no mentions (by {column!r}); "
                             f"actors present: {known}")
        of_actor = of_actor.loc[of_actor["actor"] == actor]
    # A mention without a label cannot be counted under any label: say so, never drop it.
    unlabelled = of_actor["label"].isna()
    if unlabelled.any():
        rows = of_actor.index[unlabelled].tolist()
        shown = ", ".join(map(str, rows[:5])) + (", ..." if len(rows) > 5 else "")
        raise ValueError(
            f"mentions: {len(rows)} row(s) have no value in column 'label' (rows {shown}); "
            "fill or drop them first"
        )
    return of_actor


def _each_actor(
    of_actor: pd.DataFrame,
    actor: str | None,
    one: Callable[[pd.DataFrame, str | None], pd.DataFrame],
    order: list[str],
) -> pd.DataFrame:
    """``one(mentions, actor)`` for the chosen actor, or for every actor (None), stacked.

    With ``actor=None`` each actor present is computed on its own mentions, exactly as
    a call with that actor would, and the tables are stacked in the order of the
    ``order`` columns (the actor column among them), stable otherwise.
    """
    if actor is not None:
        return one(of_actor, actor)
    actors = sorted(of_actor["actor"].dropna().astype(str).unique())
    if not actors:
        return one(of_actor, None)
    parts = [one(of_actor.loc[of_actor["actor"] == name], name) for name in actors]
    if len(parts) == 1:
        return parts[0]
    table = pd.concat(parts, ignore_index=True)
    return table.sort_values(order, kind="stable").reset_index(drop=True)


def _labels_of(mentions: pd.DataFrame) -> list[str]:
    return sorted(mentions["label"].dropna().astype(str).unique())


@validate_params({**_SELECTION_PARAMS, **_UNIT_PARAMS, **BOOTSTRAP_PARAMS})
@share_docs
def label_shares(
    mentions: pd.DataFrame,
    *,
    actor: str | None = None,
    by: str | Sequence[str] = "outlet",
    unit: str = "mention",
    voice: VoiceArg = DEFAULT_VOICE,
    level: float = 0.95,
    n_boot: int = 2000,
    seed: int = 0,
    exclude_docs: Iterable[str] | None = None,
    by_referent: bool | None = None,
) -> pd.DataFrame:
    """Share of each label among the mentions of ``actor``, per outlet (or ``by`` group).

    Parameters
    ----------
    {mentions}
    {actor}
    {by}
    unit : {"mention", "article"}, default "mention"
        ``"mention"``: every mention counts once, so ``share`` is the fraction of the
        group's mentions of the actor that use the label. ``"article"``: every
        article counts at most once per label, so ``n`` is the number of articles
        using the label and ``share`` is its fraction of all (article, label) pairs
        of the group; shares still sum to one. The fraction of *articles* that use a
        label at all is ``n / group_docs``.
    {voice_count}
    {bootstrap}
    {exclude_docs}
    {by_referent}

    Returns
    -------
    pandas.DataFrame
        One row per group and label (a complete grid: labels of the actor that a
        group never uses appear with ``n == 0``), sorted by group, (voice,) actor and
        label. Columns:

        * the ``by`` columns;
        * ``voice`` (str): the voice filter used (with ``"split"``, the row's voice);
        * ``actor`` (str), ``unit`` (str: ``"mention"`` or ``"article"``),
          ``label`` (str);
        * ``n`` (int64): mentions (or articles, with ``unit="article"``) using the
          label;
        * ``share`` (float64): ``n`` divided by the group total (NaN if the group has
          none);
        * ``lo``, ``hi`` (float64): bootstrap interval of ``share``;
        * ``n_docs`` (int64): articles in which the label occurs;
        * ``group_docs`` (int64): articles of the group that mention the actor.
    """
    by_cols = _as_list(by)
    check_table(mentions, ["doc_id", "actor", "label", "voice", *by_cols],
                caller="label_shares", table_name="mentions")
    voices, voice_name = parse_voice(voice, split=True, caller="label_shares")
    of_actor = _actor_mentions(mentions, actor, by_referent=by_referent)

    def one(sub: pd.DataFrame, name: str | None) -> pd.DataFrame:
        labels = _labels_of(sub)
        kept, _ = _exclude(sub, exclude_docs)
        kept, voice_keys = _filter_voice(kept, voices, voice_name)
        _warn_if_empty(kept, "label_shares", voice_name)
        table = _share_table(kept, keys=[*by_cols, *voice_keys], labels=labels, unit=unit,
                             level=level, n_boot=n_boot, seed=seed)
        if voice_name != SPLIT_VOICES:
            table.insert(len(by_cols), "voice", voice_name)
        table.insert(len(by_cols) + 1, "actor", name)
        table.insert(len(by_cols) + 2, "unit", unit)
        return table

    order = [*by_cols, *(["voice"] if voice_name == SPLIT_VOICES else []), "actor", "label"]
    return _each_actor(of_actor, actor, one, order)


# -------------------------------------------------------------------------- rates


def _label_pairs(mentions: pd.DataFrame) -> list[tuple[str, str]]:
    """The (actor, label) pairs present, sorted."""
    pairs = (mentions[["actor", "label"]].dropna().astype(str).drop_duplicates()
             .sort_values(["actor", "label"]).itertuples(index=False, name=None))
    return list(pairs)


def _check_documents(of_actor: pd.DataFrame, documents: pd.DataFrame) -> None:
    unknown = set(of_actor["doc_id"].astype(str)) - set(documents["doc_id"].astype(str))
    if unknown:
        raise ValueError(
            f"mentions refer to {len(unknown)} doc_id(s) absent from documents, "
            f"e.g. {sorted(unknown)[:3]}"
        )


def _rate_rows(
    rows: dict[str, list[Any]], counts: np.ndarray, words: np.ndarray, *,
    key: tuple[Any, ...], by_cols: list[str], voice: str, pairs: list[tuple[str, str]],
    level: float, n_boot: int, rng: np.random.Generator,
) -> None:
    """Append the rate rows of one group and voice (``counts``: articles x pairs)."""
    rate = 1000.0 * _ratio(counts.sum(axis=0), np.full(len(pairs), words.sum()))
    boot_counts, boot_words = _boot_sums([counts, words[:, None]], n_boot, rng)
    lo, hi = _interval(1000.0 * _ratio(boot_counts, boot_words), level, n_boot, len(pairs))
    for j, (actor_name, label) in enumerate(pairs):
        for k, v in zip(by_cols, key, strict=True):
            rows[k].append(v)
        rows["voice"].append(voice)
        rows["actor"].append(actor_name)
        rows["label"].append(label)
        rows["n"].append(int(counts[:, j].sum()))
        rows["n_words"].append(int(words.sum()))
        rows["per_1000"].append(float(rate[j]))
        rows["lo"].append(float(lo[j]))
        rows["hi"].append(float(hi[j]))
        rows["n_docs"].append(int((counts[:, j] > 0).sum()))
        rows["group_docs"].append(len(words))


@validate_params({**_SELECTION_PARAMS, **BOOTSTRAP_PARAMS})
@share_docs
def label_rates(
    mentions: pd.DataFrame,
    documents: pd.DataFrame,
    *,
    actor: str | None = None,
    by: str | Sequence[str] = "outlet",
    voice: VoiceArg = DEFAULT_VOICE,
    level: float = 0.95,
    n_boot: int = 2000,
    seed: int = 0,
    exclude_docs: Iterable[str] | None = None,
    by_referent: bool | None = None,
) -> pd.DataFrame:
    """Mentions of each label per 1,000 words, per outlet (or ``by`` group).

    The denominator is every word of every article of the group in ``documents``
    (articles without a single mention count too), so the rate answers "how often does
    this outlet use the word", not "how it splits its mentions". Each replicate's rate
    is the ratio of summed mentions to summed words of the drawn articles.

    Parameters
    ----------
    {mentions}
    documents : pandas.DataFrame
        Documents table (``doc_id``, ``n_words`` and the ``by`` columns); it defines
        the groups and the word counts.
    {actor}
    {by}
    {voice_count}
        With ``"split"``, one rate per voice (the word count is the same for each).
    {bootstrap}
    {exclude_docs}
        They leave numerator and denominator alike.
    {by_referent}

    Returns
    -------
    pandas.DataFrame
        One row per group, voice, actor and label (complete grid), sorted in that
        order. Columns: the ``by`` columns, ``voice``, ``actor``, ``label`` (str),
        ``n`` (int64, mentions), ``n_words`` (int64, words in the group's articles),
        ``per_1000`` (float64, ``1000 * n / n_words``), ``lo``, ``hi`` (float64,
        bootstrap interval of ``per_1000``), ``n_docs`` (int64, articles using the
        label), ``group_docs`` (int64, articles in the group).
    """
    by_cols = _as_list(by)
    check_table(mentions, ["doc_id", "actor", "label", "voice"], caller="label_rates",
                table_name="mentions")
    check_table(documents, ["doc_id", "n_words", *by_cols], caller="label_rates",
                table_name="documents")
    voices, voice_name = parse_voice(voice, split=True, caller="label_rates")
    of_actor = _actor_mentions(mentions, actor, by_referent=by_referent)
    # Every actor's rates come from the same draws of articles (they depend on the
    # documents only), so a pooled call gives each actor the rows of its own call.
    pairs = _label_pairs(of_actor)
    docs, excluded = _exclude(documents, exclude_docs)
    docs = docs.assign(doc_id=docs["doc_id"].astype(str))
    _check_documents(of_actor, documents)
    kept, _ = _exclude(of_actor, excluded)
    kept, _ = _filter_voice(kept, voices, voice_name)
    kept = kept.assign(doc_id=kept["doc_id"].astype(str))
    kept = kept.assign(pair=pd.Series(
        list(zip(kept["actor"].astype(str), kept["label"].astype(str), strict=True)),
        index=kept.index, dtype=object))
    voice_values = list(VOICES) if voice_name == SPLIT_VOICES else [voice_name]
    rng = np.random.default_rng(seed)
    columns = [*by_cols, "voice", "actor", "label", "n", "n_words", "per_1000", "lo", "hi",
               "n_docs", "group_docs"]
    rows: dict[str, list[Any]] = {c: [] for c in columns}
    pair_index = {p: i for i, p in enumerate(pairs)}
    for key, group_docs in _groups(docs, by_cols):
        doc_pos = {d: i for i, d in enumerate(group_docs["doc_id"])}
        words = group_docs["n_words"].to_numpy(dtype=float)
        in_group = kept.loc[kept["doc_id"].isin(doc_pos)]
        for voice_value in voice_values:
            sub = (in_group.loc[in_group["voice"] == voice_value]
                   if voice_name == SPLIT_VOICES else in_group)
            counts = np.zeros((len(words), len(pairs)))
            np.add.at(counts, (sub["doc_id"].map(doc_pos).to_numpy(dtype=int),
                               sub["pair"].map(pair_index).to_numpy(dtype=int)), 1.0)
            _rate_rows(rows, counts, words, key=key, by_cols=by_cols, voice=voice_value,
                       pairs=pairs, level=level, n_boot=n_boot, rng=rng)
    return _result_frame(rows, columns)


# --------------------------------------------------------------------------- tone


@validate_params({**_SELECTION_PARAMS, **BOOTSTRAP_PARAMS, "score": [str]})
@share_docs
def tone_by_label(
    mentions: pd.DataFrame,
    *,
    actor: str | None = None,
    by: str | Sequence[str] = "outlet",
    score: str = "compound_masked",
    voice: VoiceArg = DEFAULT_VOICE,
    level: float = 0.95,
    n_boot: int = 2000,
    seed: int = 0,
    exclude_docs: Iterable[str] | None = None,
    by_referent: bool | None = None,
) -> pd.DataFrame:
    """Mean tone of the sentences around each label, per outlet (or ``by`` group).

    Parameters
    ----------
    mentions : pandas.DataFrame
        Scored mentions table (``doc_id``, ``actor``, ``label``, ``voice``, the ``by``
        columns and ``score``), e.g. ``analyze(...).mentions``. Never modified.
    {actor}
    {by}
    score : str, default "compound_masked"
        The score column averaged: VADER compound of the mention's sentence with the
        lexicon's terms masked, so the label's own valence ("terrorists" is -3.1 in
        VADER) does not decide the result. ``"compound"`` is the unmasked score.
    {voice_count}
    {bootstrap}
        This is a cluster bootstrap: the mean of each replicate is the sum of scores
        over the number of mentions of the drawn articles.
    {exclude_docs}
    {by_referent}

    Returns
    -------
    pandas.DataFrame
        One row per group, voice, actor and label (complete grid; cells without
        mentions have ``n == 0`` and NaN mean). Columns: the ``by`` columns, ``voice``,
        ``actor``, ``label`` (str), ``n`` (int64, scored mentions), ``n_docs`` (int64,
        articles they come from), ``score`` (str, the column averaged), ``mean``
        (float64, mean of ``score`` over mentions), ``lo``, ``hi`` (float64, bootstrap
        interval of the mean). Mentions with a missing score are left out with a
        warning naming how many.
    """
    by_cols = _as_list(by)
    check_table(mentions, ["doc_id", "actor", "label", "voice", *by_cols],
                caller="tone_by_label", table_name="mentions")
    if score not in mentions.columns:
        raise ValueError(
            f"mentions table has no {score!r} column; score the mentions first "
            "(mediakit.score_mentions) or pass score= one of its columns"
        )
    voices, voice_name = parse_voice(voice, split=True, caller="tone_by_label")
    of_actor = _actor_mentions(mentions, actor, by_referent=by_referent)

    def one(sub: pd.DataFrame, _: str | None) -> pd.DataFrame:
        return _tone_table(sub, by_cols=by_cols, score=score, voices=voices,
                           voice_name=voice_name, level=level, n_boot=n_boot, seed=seed,
                           exclude_docs=exclude_docs)

    keys = [*by_cols, "voice", "actor", "label"]
    return _each_actor(of_actor, actor, one, keys)


def _tone_table(
    of_actor: pd.DataFrame, *, by_cols: list[str], score: str,
    voices: frozenset[str] | None, voice_name: str, level: float, n_boot: int, seed: int,
    exclude_docs: Iterable[str] | None,
) -> pd.DataFrame:
    """:func:`tone_by_label` of the mentions of one actor (or of every actor at once)."""
    pairs = _label_pairs(of_actor)
    kept, _ = _exclude(of_actor, exclude_docs)
    kept, voice_keys = _filter_voice(kept, voices, voice_name)
    _warn_if_empty(kept, "tone_by_label", voice_name)
    missing = kept[score].isna()
    if missing.any():
        warnings.warn(
            f"tone_by_label: {int(missing.sum())} mention(s) without a {score!r} value "
            "were left out", stacklevel=4,
        )
        kept = kept.loc[~missing]
    keys = [*by_cols, *voice_keys]
    kept = kept.assign(pair=[f"{a}\x1f{b}" for a, b in zip(kept["actor"].astype(str),
                                                          kept["label"].astype(str),
                                                          strict=True)])
    pair_keys = [f"{a}\x1f{b}" for a, b in pairs]
    rng = np.random.default_rng(seed)
    columns = [*keys, "actor", "label", "n", "n_docs", "score", "mean", "lo", "hi"]
    rows: dict[str, list[Any]] = {c: [] for c in columns}
    for key, sub in _groups(kept, keys):
        sub = sub.assign(label=sub["pair"])
        _, counts = _doc_matrix(sub, pair_keys)
        _, sums = _doc_matrix(sub, pair_keys, values=score)
        mean = _ratio(sums.sum(axis=0), counts.sum(axis=0))
        boot_sums, boot_counts = _boot_sums([sums, counts], n_boot, rng)
        lo, hi = _interval(_ratio(boot_sums, boot_counts), level, n_boot, len(pairs))
        for j, (actor_name, label) in enumerate(pairs):
            for k, v in zip(keys, key, strict=True):
                rows[k].append(v)
            rows["actor"].append(actor_name)
            rows["label"].append(label)
            rows["n"].append(int(counts[:, j].sum()))
            rows["n_docs"].append(int((counts[:, j] > 0).sum()))
            rows["score"].append(score)
            rows["mean"].append(float(mean[j]))
            rows["lo"].append(float(lo[j]))
            rows["hi"].append(float(hi[j]))
    table = _result_frame(rows, columns)
    if voice_name != SPLIT_VOICES:
        table.insert(len(by_cols), "voice", voice_name)
    return table


# ---------------------------------------------------------------------- over time

def _tvd(now: np.ndarray, before: np.ndarray) -> float:
    """Total variation distance between two count vectors' proportions."""
    return float(0.5 * np.abs(now / now.sum() - before / before.sum()).sum())


def _permutation_p(
    pooled: np.ndarray, n_now: int, observed: float, n_perm: int, rng: np.random.Generator
) -> float:
    """Permutation p-value of the distance between the first ``n_now`` articles and the rest.

    Every permutation reassigns the pooled articles (rows) at random to the two sides,
    keeping their sizes; all permutations are computed at once as matrix products.
    """
    n_docs = pooled.shape[0]
    if n_perm <= 0:
        return float("nan")
    order = rng.random((n_perm, n_docs)).argsort(axis=1)
    member = np.zeros((n_perm, n_docs))
    np.put_along_axis(member, order[:, :n_now], 1.0, axis=1)
    now = member @ pooled
    before = pooled.sum(axis=0) - now
    with np.errstate(divide="ignore", invalid="ignore"):
        dist = 0.5 * np.abs(now / now.sum(axis=1, keepdims=True)
                            - before / before.sum(axis=1, keepdims=True)).sum(axis=1)
    # Splits where one side has no mention give no distance; they count as not extreme.
    extreme = np.nan_to_num(dist, nan=-1.0) >= observed - 1e-12
    return float((1 + extreme.sum()) / (n_perm + 1))


_PERIOD_ALIASES = {"MS": "M", "ME": "M", "QS": "Q", "QE": "Q", "YS": "Y", "YE": "Y", "AS": "Y"}


def _bad_freq(freq: Any) -> ValueError:
    return ValueError(f"freq {freq!r} is not a pandas frequency (try 'W', '2W' or 'MS')")


def _period_starts(dates: pd.Series, freq: str) -> tuple[pd.Series, pd.DatetimeIndex]:
    """The start of each date's period and every period start from the first to the last.

    ``freq`` is a pandas frequency with an optional multiple (``"2W"``, ``"3D"``, ``"2MS"``).
    Calendar frequencies are binned through pandas periods of the base frequency (weeks
    Monday to Sunday, calendar months, quarters...); a multiple groups consecutive base
    periods in runs of ``n`` counted from the first dated period. Other offsets (``"SMS"``,
    ``"BMS"``...) are binned from the first on-offset date at or before the first date,
    with :func:`pandas.date_range` and ``searchsorted``. ``dates`` must have no missing values.
    """
    match = re.fullmatch(r"\s*(\d*)\s*(\S+)\s*", freq) if isinstance(freq, str) else None
    if match is None:
        raise _bad_freq(freq)
    n = int(match.group(1) or 1)
    base = match.group(2)
    if n < 1:
        raise ValueError(f"freq {freq!r}: the multiple must be at least 1")
    try:
        periods = dates.dt.to_period(_PERIOD_ALIASES.get(base, base))
    except (ValueError, TypeError, AttributeError):
        periods = None
    if periods is not None:
        ordinals = periods.map(lambda p: p.ordinal).to_numpy(dtype=np.int64)
        first = int(ordinals.min())
        bins = (ordinals - first) // n
        period_freq = periods.dt.freq
        n_bins = int(bins.max()) + 1
        grid = pd.DatetimeIndex(
            [pd.Period(ordinal=first + k * n, freq=period_freq).start_time for k in range(n_bins)]
        )
        return pd.Series(grid[bins], index=dates.index), grid
    try:
        offset = pd.tseries.frequencies.to_offset(freq)
        anchor = offset.rollback(dates.min().normalize())
        grid = pd.date_range(start=anchor, end=dates.max(), freq=offset)
    except (ValueError, TypeError) as exc:
        raise _bad_freq(freq) from exc
    positions = grid.searchsorted(dates.to_numpy(), side="right") - 1
    return pd.Series(grid[positions], index=dates.index), grid


def _dated(kept: pd.DataFrame, function: str) -> pd.DataFrame:
    """The rows of ``kept`` with a date (``date`` as datetimes); a warning for the rest."""
    dates = pd.to_datetime(kept["date"])
    undated = int(dates.isna().sum())
    if undated:
        warnings.warn(f"{function}: {undated} mention(s) without a date were left out",
                      stacklevel=5)
    return kept.assign(date=dates).loc[dates.notna()]


#: The per-period columns of :func:`label_shares_over_time` (same on every label row).
_CHANGE_COLUMNS = ("n_period", "n_baseline", "tvd", "p_value", "change_flag")


def _period_changes(
    kept: pd.DataFrame, *, by_cols: list[str], labels: list[str], n_periods: int,
    unit: str, baseline: int, min_distance: float, alpha: float, min_mentions: int,
    n_perm: int, seed: int,
) -> dict[str, np.ndarray]:
    """The change rule of :func:`label_shares_over_time`, one value per group and period.

    ``kept`` holds dated mentions with their period's position in ``period_index``.
    """
    n_groups = sum(1 for _ in _groups(kept, by_cols))
    values = {name: np.zeros(n_groups * n_periods) for name in _CHANGE_COLUMNS}
    values["tvd"][:] = np.nan
    values["p_value"][:] = np.nan
    # A separate stream, so the change test does not shift the bootstrap draws.
    rng = np.random.default_rng([seed, 1])
    for g, (_, sub) in enumerate(_groups(kept, by_cols)):
        doc_ids, counts = _doc_matrix(sub, labels)
        if unit == "article":
            counts = (counts > 0).astype(float)
        doc_period = (
            sub.assign(doc_id=sub["doc_id"].astype(str)).groupby("doc_id", sort=True)
            ["period_index"].first().reindex(doc_ids).to_numpy(dtype=int)
        )
        for p in range(n_periods):
            now = doc_period == p
            before = (doc_period < p) & (doc_period >= p - baseline)
            row = g * n_periods + p
            n_now, n_before = counts[now].sum(), counts[before].sum()
            values["n_period"][row] = n_now
            values["n_baseline"][row] = n_before
            if p == 0 or n_now == 0 or n_before == 0:
                continue
            tvd = _tvd(counts[now].sum(axis=0), counts[before].sum(axis=0))
            values["tvd"][row] = tvd
            if n_now < min_mentions or n_before < min_mentions:
                continue
            pooled = np.vstack([counts[now], counts[before]])
            p_value = _permutation_p(pooled, int(now.sum()), tvd, n_perm, rng)
            values["p_value"][row] = p_value
            values["change_flag"][row] = tvd >= min_distance and p_value < alpha
    return values


def _shares_per_period(
    kept: pd.DataFrame, *, by_cols: list[str], labels: list[str],
    all_periods: pd.DatetimeIndex, unit: str, level: float, n_boot: int, seed: int, freq: str,
) -> pd.DataFrame:
    """The complete (group, period, label) grid of shares with their intervals."""
    shares = _share_table(kept, keys=[*by_cols, "period"], labels=labels, unit=unit,
                          level=level, n_boot=n_boot, seed=seed)
    groups = [k for k, _ in _groups(kept, by_cols)]
    grid = pd.DataFrame(
        [(*g, p, lab) for g in groups for p in all_periods for lab in labels],
        columns=[*by_cols, "period", "label"],
    )
    shares = shares.drop(columns=["group_docs"])
    table = grid.merge(shares, on=[*by_cols, "period", "label"], how="left", sort=False)
    table["n"] = table["n"].fillna(0).astype(int)
    table["n_docs"] = table["n_docs"].fillna(0).astype(int)
    table = table.sort_values([*by_cols, "period", "label"], kind="stable").reset_index(drop=True)
    # No dated mention may fall outside the period grid (the "2W" bug lost half of them).
    placed = int(table["n"].sum()) if unit == "mention" else len(kept)
    if placed != len(kept) or not kept["period"].isin(all_periods).all():
        raise RuntimeError(
            f"label_shares_over_time: {len(kept)} dated mention(s) in, {placed} placed in "
            f"periods with freq={freq!r}; please report this as a bug"
        )
    return table


_OVER_TIME_COLUMNS = ["voice", "actor", "unit", "period", "label", "n", "share", "lo", "hi",
                      "n_docs", *_CHANGE_COLUMNS]


@validate_params({
    **_SELECTION_PARAMS, **_UNIT_PARAMS, **BOOTSTRAP_PARAMS,
    "freq": [str],
    "baseline": [Interval(Integral, 1, None)],
    "min_distance": [Interval(Real, 0, 1)],
    "alpha": [Interval(Real, 0, 1, closed="right")],
    "min_mentions": [Interval(Integral, 1, None)],
    "n_perm": [Interval(Integral, 0, None)],
})
@share_docs
def label_shares_over_time(
    mentions: pd.DataFrame,
    *,
    actor: str | None = None,
    freq: str = "W",
    by: str | Sequence[str] = "outlet",
    unit: str = "mention",
    voice: VoiceArg = DEFAULT_VOICE,
    baseline: int = 4,
    min_distance: float = 0.2,
    alpha: float = 0.05,
    min_mentions: int = 5,
    n_perm: int = 999,
    level: float = 0.95,
    n_boot: int = 2000,
    seed: int = 0,
    exclude_docs: Iterable[str] | None = None,
    by_referent: bool | None = None,
) -> pd.DataFrame:
    """Label shares of ``actor`` per outlet and period, with a flag where the mix changes.

    The change rule: for each group and period, the period's label mix is compared with
    the pooled mix of the ``baseline`` calendar periods just before it (empty periods
    included). The distance is the total variation distance
    ``tvd = 0.5 * sum(|share_now - share_before|)``, between 0 (same mix) and 1 (no
    label in common). Small periods give large distances by chance, so the distance is
    checked with a permutation test on *articles*: the articles of the period and of
    its baseline are pooled and ``n_perm`` times split at random into groups of the
    same sizes; ``p_value`` is the fraction of splits (counting the observed one) whose
    distance is at least the observed one. ``change_flag`` is True when
    ``tvd >= min_distance``, ``p_value < alpha`` and both the period and its baseline
    have at least ``min_mentions`` mentions (articles, with ``unit="article"``). With
    many periods some flags arise by chance (about ``alpha`` of stable periods): a flag
    says where to read, it does not prove a change of editorial line.

    Mentions without a date cannot be placed in a period; they are left out with a
    warning naming how many.

    Parameters
    ----------
    {mentions}
        It needs a ``date`` column too.
    {actor}
    freq : str, default "W"
        Period length, any pandas frequency: ``"W"`` (weeks Monday to Sunday),
        ``"2W"`` (two consecutive such weeks, counted from the first dated week),
        ``"M"``/``"MS"`` (calendar months), ``"QS"``, ``"D"``, ``"3D"``; offsets that
        are not calendar periods (``"SMS"``, ``"BMS"``) start from the last on-offset
        date at or before the first mention. Periods are labelled by their first day.
        Every dated mention lands in exactly one period (checked: the ``n`` of the
        periods add up to the dated mentions).
    {by}
    {unit}
    {voice_count}
        One voice or a list of voices at a time, not ``"split"``.
    baseline : int, default 4
        Periods before each period whose pooled mix it is compared with (>= 1).
    min_distance : float, default 0.2
        The smallest total variation distance flagged, in [0, 1].
    alpha : float, default 0.05
        Significance level of the permutation test, in (0, 1].
    min_mentions : int, default 5
        Mentions (articles, with ``unit="article"``) the period and its baseline each
        need before they are tested (>= 1).
    n_perm : int, default 999
        Random splits of the permutation test (0: no test, ``p_value`` NaN).
    {bootstrap}
        Intervals resample articles within each group and period.
    {exclude_docs}
    {by_referent}

    Returns
    -------
    pandas.DataFrame
        One row per group, period and label (complete grid over every period from the
        first to the last dated mention), sorted by group, actor, period and label.
        Columns: the ``by`` columns, ``voice``, ``actor``, ``unit`` (str), ``period``
        (datetime64, the period start), ``label`` (str), ``n`` (int64), ``share``,
        ``lo``, ``hi`` (float64), ``n_docs`` (int64), ``n_period`` (int64, total in
        the period), ``n_baseline`` (int64, total in its baseline), ``tvd`` (float64,
        distance to the baseline mix, NaN when it cannot be computed), ``p_value``
        (float64, permutation p-value of ``tvd``, NaN when not tested because a side
        has fewer than ``min_mentions``) and ``change_flag`` (bool). The last five are
        the same on every label row of a period.
    """
    by_cols = _as_list(by)
    check_table(mentions, ["doc_id", "actor", "label", "voice", "date", *by_cols],
                caller="label_shares_over_time", table_name="mentions")
    voices, voice_name = parse_voice(voice, split=False, caller="label_shares_over_time")
    of_actor = _actor_mentions(mentions, actor, by_referent=by_referent)
    columns = [*by_cols, *_OVER_TIME_COLUMNS]

    def one(sub: pd.DataFrame, name: str | None) -> pd.DataFrame:
        labels = _labels_of(sub)
        kept, _ = _exclude(sub, exclude_docs)
        kept, _ = _filter_voice(kept, voices, voice_name)
        kept = _dated(kept, "label_shares_over_time")
        if kept.empty:
            _period_starts(pd.Series(pd.to_datetime(["2000-01-01"])), freq)  # still check freq
            _warn_if_empty(kept, "label_shares_over_time", voice_name)
            return pd.DataFrame({c: [] for c in columns})
        starts, all_periods = _period_starts(kept["date"], freq)
        period_index = {p: i for i, p in enumerate(all_periods)}
        kept = kept.assign(period=starts, period_index=starts.map(period_index))
        table = _shares_per_period(kept, by_cols=by_cols, labels=labels,
                                   all_periods=all_periods, unit=unit, level=level,
                                   n_boot=n_boot, seed=seed, freq=freq)
        changes = _period_changes(
            kept, by_cols=by_cols, labels=labels, n_periods=len(all_periods), unit=unit,
            baseline=baseline, min_distance=min_distance, alpha=alpha,
            min_mentions=min_mentions, n_perm=n_perm, seed=seed)
        for column, values in changes.items():
            table[column] = np.repeat(values, len(labels)) if labels else values[:0]
        table = table.astype({"n_period": int, "n_baseline": int, "change_flag": bool})
        table.insert(len(by_cols), "voice", voice_name)
        table.insert(len(by_cols) + 1, "actor", name)
        table.insert(len(by_cols) + 2, "unit", unit)
        return table[columns]

    return _each_actor(of_actor, actor, one, [*by_cols, "actor", "period", "label"])


def _max_split_tvd(ordered: np.ndarray, cuts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Largest distance between the mix before and after any cut, for stacked orders.

    ``ordered`` is (k x n_docs x n_labels): k orderings of the same articles. A cut at
    position c splits articles [0, c) from [c, n_docs). Returns the maximum distance
    and the cut reaching it, per ordering.
    """
    running = np.cumsum(ordered, axis=1)
    total = running[:, -1:, :]
    before = running[:, cuts - 1, :]
    after = total - before
    with np.errstate(divide="ignore", invalid="ignore"):
        dist = 0.5 * np.abs(before / before.sum(axis=2, keepdims=True)
                            - after / after.sum(axis=2, keepdims=True)).sum(axis=2)
    dist = np.nan_to_num(dist, nan=-1.0)
    best = dist.argmax(axis=1)
    return dist[np.arange(dist.shape[0]), best], cuts[best]


def _change_point(
    counts: np.ndarray, doc_dates: np.ndarray, labels: list[str], *, min_docs: int,
    alpha: float, n_perm: int, rng: np.random.Generator,
) -> dict[str, Any]:
    """The best split of one group's date-ordered articles and its permutation p-value."""
    result: dict[str, Any] = dict(
        last_before=pd.NaT, change_date=pd.NaT, n_before=0, n_after=0, top_before=None,
        top_after=None, tvd=np.nan, p_value=np.nan, significant=False)
    n_docs = counts.shape[0]
    # Cuts fall between two different dates, leaving min_docs articles on each side.
    cuts = np.array([c for c in range(min_docs, n_docs - min_docs + 1)
                     if doc_dates[c - 1] < doc_dates[c]], dtype=int)
    if not len(cuts):
        return result
    (observed,), (cut,) = _max_split_tvd(counts[None], cuts)
    block = max(1, _BOOT_BLOCK_CELLS // max(1, n_docs * max(1, len(labels))))
    reached = 0
    for first in range(0, n_perm, block):
        k = min(block, n_perm - first)
        shuffles = rng.random((k, n_docs)).argsort(axis=1)
        null, _ = _max_split_tvd(counts[shuffles], cuts)
        reached += int((null >= observed - 1e-12).sum())
    p_value = (1 + reached) / (n_perm + 1) if n_perm > 0 else np.nan
    before, after = counts[:cut].sum(axis=0), counts[cut:].sum(axis=0)
    result.update(
        last_before=pd.Timestamp(doc_dates[cut - 1]), change_date=pd.Timestamp(doc_dates[cut]),
        n_before=int(before.sum()), n_after=int(after.sum()),
        top_before=labels[int(before.argmax())], top_after=labels[int(after.argmax())],
        tvd=float(observed), p_value=float(p_value), significant=bool(p_value < alpha),
    )
    return result


_CHANGE_POINT_COLUMNS = ["voice", "actor", "unit", "n_docs", "last_before", "change_date",
                         "n_before", "n_after", "top_before", "top_after", "tvd", "p_value",
                         "significant"]


@validate_params({
    **_SELECTION_PARAMS, **_UNIT_PARAMS,
    "min_docs": [Interval(Integral, 1, None)],
    "alpha": [Interval(Real, 0, 1, closed="right")],
    "n_perm": [Interval(Integral, 0, None)],
    "seed": [Interval(Integral, 0, None)],
})
@share_docs
def label_change_points(
    mentions: pd.DataFrame,
    *,
    actor: str | None = None,
    by: str | Sequence[str] = "outlet",
    unit: str = "mention",
    voice: VoiceArg = DEFAULT_VOICE,
    min_docs: int = 3,
    alpha: float = 0.05,
    n_perm: int = 999,
    seed: int = 0,
    exclude_docs: Iterable[str] | None = None,
    by_referent: bool | None = None,
) -> pd.DataFrame:
    """The date where each outlet's label mix for ``actor`` changes most, and whether
    that change is larger than chance.

    Weekly or monthly periods (:func:`label_shares_over_time`) hold few articles each
    and cut through the moment an outlet changes its wording. This function instead
    orders each group's articles by date and tries every split between two dates with
    at least ``min_docs`` articles on each side; the split with the largest total
    variation distance between the label mix before and after is the change point.
    Because the best of many splits is large even for a steady outlet, its p-value
    comes from a permutation test on *articles*: the articles' order is shuffled
    ``n_perm`` times and the best split distance recomputed each time; ``p_value`` is
    the fraction of shuffles (counting the observed order) that reach the observed
    distance. Articles without a date are left out with a warning.

    Parameters
    ----------
    {mentions}
        It needs a ``date`` column too.
    {actor}
    {by}
    {unit}
    {voice_count}
        One voice or a list of voices at a time, not ``"split"``.
    min_docs : int, default 3
        Articles each side of a split needs (>= 1).
    alpha : float, default 0.05
        Significance level: ``significant`` is ``p_value < alpha``.
    n_perm : int, default 999
        Shuffles of the permutation test (0: no test, ``p_value`` NaN).
    seed : int, default 0
        Seed of the shuffles.
    {exclude_docs}
    {by_referent}

    Returns
    -------
    pandas.DataFrame
        One row per group (and actor), columns: the ``by`` columns, ``voice``,
        ``actor``, ``unit`` (str), ``n_docs`` (int64, dated articles mentioning the
        actor), ``last_before`` (datetime64, date of the last article before the
        change), ``change_date`` (datetime64, date of the first article after it),
        ``n_before``, ``n_after`` (int64, mentions, or articles with
        ``unit="article"``, on each side), ``top_before``, ``top_after`` (most used
        label on each side), ``tvd`` (float64), ``p_value`` (float64) and
        ``significant`` (bool). Groups with fewer than ``2 * min_docs`` dated articles
        get NaN/NaT and ``significant`` False.
    """
    by_cols = _as_list(by)
    check_table(mentions, ["doc_id", "actor", "label", "voice", "date", *by_cols],
                caller="label_change_points", table_name="mentions")
    voices, voice_name = parse_voice(voice, split=False, caller="label_change_points")
    of_actor = _actor_mentions(mentions, actor, by_referent=by_referent)
    columns = [*by_cols, *_CHANGE_POINT_COLUMNS]

    def one(sub: pd.DataFrame, name: str | None) -> pd.DataFrame:
        labels = _labels_of(sub)
        kept, _ = _exclude(sub, exclude_docs)
        kept, _ = _filter_voice(kept, voices, voice_name)
        kept = _dated(kept, "label_change_points")
        _warn_if_empty(kept, "label_change_points", voice_name)
        rng = np.random.default_rng(seed)
        rows: dict[str, list[Any]] = {c: [] for c in columns}
        for key, group in _groups(kept, by_cols):
            doc_ids, counts = _doc_matrix(group, labels)
            if unit == "article":
                counts = (counts > 0).astype(float)
            doc_dates = (group.assign(doc_id=group["doc_id"].astype(str)).groupby("doc_id")
                         ["date"].min().reindex(doc_ids).to_numpy())
            order = np.argsort(doc_dates, kind="stable")
            found = _change_point(counts[order], doc_dates[order], labels, min_docs=min_docs,
                                  alpha=alpha, n_perm=n_perm, rng=rng)
            for column, value in zip(by_cols, key, strict=True):
                rows[column].append(value)
            found.update(voice=voice_name, actor=name, unit=unit, n_docs=len(doc_ids))
            for column in _CHANGE_POINT_COLUMNS:
                rows[column].append(found[column])
        table = _result_frame(rows, columns)
        for column in ("last_before", "change_date"):
            table[column] = pd.to_datetime(table[column])
        return table

    return _each_actor(of_actor, actor, one, [*by_cols, "actor"])


# ------------------------------------------------------------ distinguishing words

def _has_letter(word: str) -> bool:
    """Whether ``word`` holds a letter (a character :meth:`str.isalpha` accepts)."""
    return word.isalpha() or any(c.isalpha() for c in word)


def _lettered_spans(text: str) -> tuple[list[str], list[int], list[int]]:
    """The compared words of ``text`` with their character offsets.

    These are the words of :func:`mediakit.text.word_spans` (the one tokeniser)
    that hold a letter: the word comparisons leave out numbers ("2016", "2,212",
    "3.5") but keep "u.s.", "covid-19" and "r4". A filter on the words, not a
    second definition of them.
    """
    words, starts, ends = word_spans(text)
    if all(map(_has_letter, words)):
        return words, starts, ends
    keep = [i for i, w in enumerate(words) if _has_letter(w)]
    return [words[i] for i in keep], [starts[i] for i in keep], [ends[i] for i in keep]


def _lettered_words(text: str) -> list[str]:
    """The words of :func:`_lettered_spans` alone."""
    return [w for w in text_words(text) if _has_letter(w)]


def _stopword_set(stopwords: bool | Iterable[str]) -> frozenset[str]:
    if stopwords is False or stopwords is None:
        return frozenset()
    if stopwords is True:
        # The English list of the `stop-words` package, shipped as data in the wheel
        # (no download at run time).
        from stop_words import get_stop_words

        return frozenset(w.lower() for w in get_stop_words("en"))
    return frozenset(str(w).lower() for w in stopwords)


#: Default weight of the log-odds prior, in words (see :func:`distinguishing_words`).
DEFAULT_PRIOR_WEIGHT = 1000.0

#: Columns of :func:`distinguishing_words` and :func:`distinguishing_contexts`.
WORDS_COLUMNS: tuple[str, ...] = (
    "word", "n_a", "n_b", "n_prior", "pseudo_count", "log_odds", "se", "z", "a", "b",
    "compared_by", "voice", "prior_weight",
)
_STATS_COLUMNS = ["word", "n_a", "n_b", "n_prior", "pseudo_count", "log_odds", "se", "z"]


def _log_odds(
    counts_a: Counter[str], counts_b: Counter[str], prior_counts: Counter[str], *,
    prior_weight: float | None, min_count: int, exclude: frozenset[str],
) -> tuple[pd.DataFrame, float]:
    """Monroe, Colaresi & Quinn (2008) log-odds ratio with an informative Dirichlet prior.

    With counts y_a, y_b, totals n_a, n_b, prior weight a0 and prior pseudo-counts
    pc_w = a0 * prior_w / sum(prior):

        delta_w = log((y_a + pc_w) / (n_a + a0 - y_a - pc_w))
                - log((y_b + pc_w) / (n_b + a0 - y_b - pc_w))
        var_w   = 1 / (y_a + pc_w) + 1 / (y_b + pc_w)
        z_w     = delta_w / sqrt(var_w)

    Returns the table and the prior weight used (``sum(prior)`` when None; NaN when
    there is no word at all).
    """
    vocab = sorted(w for w in prior_counts if w not in exclude)
    y_a = np.array([counts_a.get(w, 0) for w in vocab], dtype=float)
    y_b = np.array([counts_b.get(w, 0) for w in vocab], dtype=float)
    prior = np.array([prior_counts[w] for w in vocab], dtype=float)
    prior_total = prior.sum()
    if prior_total == 0:
        return pd.DataFrame({c: [] for c in _STATS_COLUMNS}), math.nan
    a0 = prior_total if prior_weight is None else float(prior_weight)
    pseudo = a0 * prior / prior_total
    n_a, n_b = y_a.sum(), y_b.sum()
    delta = (np.log((y_a + pseudo) / (n_a + a0 - y_a - pseudo))
             - np.log((y_b + pseudo) / (n_b + a0 - y_b - pseudo)))
    se = np.sqrt(1.0 / (y_a + pseudo) + 1.0 / (y_b + pseudo))
    table = pd.DataFrame({
        "word": pd.array(vocab, dtype="str"),
        "n_a": y_a.astype(int), "n_b": y_b.astype(int), "n_prior": prior.astype(int),
        "pseudo_count": pseudo, "log_odds": delta, "se": se, "z": delta / se,
    })
    table = table.loc[(table["n_a"] + table["n_b"]) >= min_count]
    table = table.sort_values(["z", "word"], ascending=[False, True], kind="stable")
    return table.reset_index(drop=True), a0


def _words_table(
    stats: pd.DataFrame, prior_weight: float, *, a: str, b: str, compared_by: str,
    voice: str,
) -> pd.DataFrame:
    """The statistics of :func:`_log_odds` with the columns saying what was compared."""
    table = stats.assign(a=a, b=b, compared_by=compared_by, voice=voice,
                         prior_weight=prior_weight)
    return table.loc[:, list(WORDS_COLUMNS)]
#: Page furniture: a passage repeated verbatim in at least this many articles of one
#: group ...
BOILERPLATE_MIN_DOCS = 3
#: ... and in at least this share of the group's articles ...
BOILERPLATE_MIN_SHARE = 0.2
#: ... is a whole line, a run of at least this many consecutive words, or an article's
#: first or last words (at least 3 of them, at most this many).
BOILERPLATE_RUN = 12
_EDGE_MIN = 3


def _line_numbers(text: str, starts: Sequence[int]) -> np.ndarray:
    """The line (0, 1, ...) each word starting at ``starts`` is on."""
    breaks = np.fromiter((m.start() for m in re.finditer("\n", text)), dtype=np.int64)
    return np.searchsorted(breaks, starts, side="right")


def _passage_keys(words: list[str], lines: np.ndarray, run: int) -> list[tuple[int, int, int]]:
    """Candidate passages of one article as ``(key, first word, end word)``.

    Candidates are its lines (keyed by their words, so spacing and punctuation do not
    matter), its runs of ``run`` consecutive words, and its first and last words
    (3 to ``run`` of them: a sign-off such as "Source: ... and agencies" or a
    standard opening). A key is a hash of the kind of passage and its words.
    """
    keys = []
    if len(lines):
        cuts = np.flatnonzero(np.diff(lines)) + 1
        bounds = [0, *cuts.tolist(), len(words)]
        for lo, hi in zip(bounds[:-1], bounds[1:]):
            keys.append((hash(("line", *words[lo:hi])), lo, hi))
    keys.extend((hash(tuple(words[i:i + run])), i, i + run)
                for i in range(len(words) - run + 1))
    n = len(words)
    for size in range(_EDGE_MIN, min(run, n) + 1):
        keys.append((hash(("start", *words[:size])), 0, size))
        keys.append((hash(("end", *words[n - size:])), n - size, n))
    return keys


def _boilerplate_masks(
    texts: Sequence[str], groups: Sequence[str], docs: Sequence[str], *,
    min_docs: int, min_share: float, run: int,
) -> list[np.ndarray]:
    """One boolean mask per text over its words (:func:`_lettered_spans`): True = furniture.

    A passage (a line, or ``run`` consecutive words) is furniture when it occurs in at
    least ``min_docs`` and at least ``min_share`` of the articles (``docs``: article
    ids, so the rows of one article count once) of its group.
    """
    keyed = []
    seen: dict[str, Counter] = {}
    group_docs: dict[str, set[str]] = {}
    for text, group, doc in zip(texts, groups, docs, strict=True):
        words, starts, _ = _lettered_spans(text)
        keys = _passage_keys(words, _line_numbers(text, starts), run)
        keyed.append((len(words), keys))
        group_docs.setdefault(group, set()).add(doc)
        counter = seen.setdefault(group, Counter())
        # A passage counts once per article, however often the article repeats it.
        counter.update({(doc, k) for k, _, _ in keys})
    frequent: dict[str, set[int]] = {}
    for group, counter in seen.items():
        per_key: Counter = Counter(k for _, k in counter)
        need = max(min_docs, math.ceil(min_share * len(group_docs[group]) - 1e-9))
        frequent[group] = {k for k, n in per_key.items() if n >= need}
    masks = []
    for (n_words, keys), group in zip(keyed, groups, strict=True):
        mask = np.zeros(n_words, dtype=bool)
        common = frequent[group]
        for key, lo, hi in keys:
            if key in common:
                mask[lo:hi] = True
        masks.append(mask)
    return masks


def _table_docs(table: pd.DataFrame) -> list[str]:
    """Article ids of the rows (their ``doc_id``, else the row position)."""
    if "doc_id" in table.columns:
        return table["doc_id"].astype(str).tolist()
    return [str(i) for i in range(len(table))]


def _furniture(
    table: pd.DataFrame, *, by: str, text: str, boilerplate: bool
) -> list[np.ndarray] | None:
    """Boilerplate masks of the rows of ``table`` (None when ``boilerplate`` is off)."""
    if not boilerplate:
        return None
    return _boilerplate_masks(
        table[text].fillna("").astype(str).tolist(), table[by].astype(str).tolist(),
        _table_docs(table), min_docs=BOILERPLATE_MIN_DOCS,
        min_share=BOILERPLATE_MIN_SHARE, run=BOILERPLATE_RUN,
    )


def _name_words(names: Iterable[Any]) -> frozenset[str]:
    """The compared words (:func:`_lettered_words`) of every name in ``names``."""
    words: set[str] = set()
    for name in names:
        words.update(_lettered_words(str(name)))
    return frozenset(words)


def _words_input(
    corpus: pd.DataFrame, *, by: str, text: str, voice: VoiceArg,
    exclude_docs: Iterable[str] | None, caller: str,
) -> tuple[pd.DataFrame, frozenset[str] | None, str]:
    """The checked rows of a word comparison (groups present), the voices and their name."""
    check_table(corpus, [text], caller=caller, table_name="corpus")
    voices, voice_name = parse_voice(voice, caller=caller)
    if voices is not None and "sentence_id" in corpus.columns:
        raise ValueError(
            f"{caller}: voice={voice_name!r} needs whole articles to find the "
            "quotations (they run over sentences), but this table has a 'sentence_id' "
            "column (a sentences table): pass the corpus, or voice='all' to count every word"
        )
    if by not in corpus.columns:
        raise ValueError(
            f"table has no {by!r} column to compare by; for a sentences table, merge "
            f"it in first, e.g. sentences.merge(corpus[['doc_id', {by!r}]], on='doc_id')"
        )
    table = corpus
    if exclude_docs is not None:
        check_table(corpus, ["doc_id"], caller=caller, table_name="corpus")
        table, _ = _exclude(corpus, exclude_docs)
    return table.loc[table[by].notna()], voices, voice_name


def _group_word_counts(
    table: pd.DataFrame, *, by: str, text: str, voices: frozenset[str] | None,
    boilerplate: bool,
) -> dict[str, Counter[str]]:
    """Word counts per group (voices kept, page furniture removed when asked)."""
    masks = _furniture(table, by=by, text=text, boilerplate=boilerplate)
    counts: dict[str, Counter[str]] = {}
    for i, (name, doc_text) in enumerate(zip(table[by].astype(str), table[text], strict=True)):
        if not isinstance(doc_text, str):
            continue
        drop = None if masks is None else masks[i]
        counts.setdefault(name, Counter()).update(_voiced_words(doc_text, voices, drop))
    return counts


@validate_params({**_WORDS_PARAMS, "by": [str], "text": [str], "stopwords": [bool, Iterable],
                  "exclude_group_names": [bool], "boilerplate": [bool]})
@share_docs
def distinguishing_words(
    corpus: pd.DataFrame,
    *,
    a: str,
    b: str | None = None,
    by: str = "outlet",
    text: str = "text",
    voice: VoiceArg = DEFAULT_VOICE,
    min_count: int = 3,
    prior_weight: float | None = DEFAULT_PRIOR_WEIGHT,
    stopwords: bool | Iterable[str] = True,
    exclude_group_names: bool = True,
    boilerplate: bool = True,
    exclude_docs: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Words that distinguish group ``a`` from ``b`` (or from all other groups).

    The statistic is the log-odds ratio with an informative Dirichlet prior of Monroe,
    Colaresi & Quinn (2008, *Political Analysis* 16(4), "Fightin' Words"): for word w
    with counts ``y_a``, ``y_b`` in the two groups (totals ``n_a``, ``n_b``) and prior
    pseudo-counts ``pc_w = prior_weight * y_w / N``: ``prior_weight`` words spread like
    the whole table's words (``y_w`` of ``N`` words, every group, not only a and b)::

        log_odds = log((y_a + pc_w) / (n_a + prior_weight - y_a - pc_w))
                 - log((y_b + pc_w) / (n_b + prior_weight - y_b - pc_w))
        se       = sqrt(1 / (y_a + pc_w) + 1 / (y_b + pc_w))
        z        = log_odds / se

    Positive values lean to ``a``, negative to ``b``; ``|z| > 1.96`` is the usual
    cut. The prior shrinks rare words toward zero, so a word used twice by one outlet
    does not top the list.

    The words are those of :func:`mediakit.text.words`, the one definition of a word
    (lower case, "U.S." and "Tarvian-backed" one word each, a possessive "'s" not a
    word), keeping only the words that hold a letter: numbers ("2016", "2,212",
    "3.5") are left out, "covid-19" and "r4" stay. The same words are compared by
    :func:`distinguishing_contexts` and make the passages of
    :func:`boilerplate_passages`.

    What is left out, by default. Three filters keep the list about the outlets'
    writing rather than their pages; each can be turned off:

    * **Page furniture** (``boilerplate=True``): a passage repeated verbatim in at
      least :data:`BOILERPLATE_MIN_DOCS` (3) articles *and* at least
      :data:`BOILERPLATE_MIN_SHARE` (20%) of the articles of one group is taken for
      page furniture (a footer, a "Source: ... and agencies" line, a standard
      blurb) and its words are removed before anything is counted, totals and
      prior included. A passage is a whole line (text between line breaks, compared
      word for word) or a run of :data:`BOILERPLATE_RUN` (12) consecutive words.
      Shorter furniture inside running text (a "Tags ..." list in the middle of a
      paragraph) cannot be told from the article and stays; give its words as
      ``stopwords``.
    * **Group names** (``exclude_group_names=True``): the words of every value of
      the ``by`` column (every outlet name in the table, tokenised as words are:
      "Kessel Voice" gives "kessel" and "voice") are not listed, since an outlet
      naming itself ("Reuters", "TRT", "SANA reported") tells nothing about its
      wording. The price: a name that is also a word ("voice") is not listed for
      any group.
    * **Stopwords** (``stopwords=True``): the English list of the ``stop-words``
      package (1,333 words; it contains "state", "group", "said" and "fire").

    Group names and stopwords are left out of the vocabulary: they are not listed
    and not counted in the totals ``n_a``, ``n_b`` or the prior, as if they were not
    in the text.

    Parameters
    ----------
    corpus : pandas.DataFrame
        Any table with a ``text`` column and a ``by`` column: the corpus (one row per
        article) or, with ``voice="all"``, a sentences table with the outlet merged
        in. Never modified.
    a, b : str
        Values of ``by`` compared; ``b=None`` compares ``a`` with every other group.
    by : str, default "outlet"
        The column holding the groups.
    text : str, default "text"
        The column holding the text.
    voice : str, list of str or None, default "narration"
        ``"narration"``: only the outlet's own words count; the words inside direct
        quotations and scare quotes (found by :func:`mediakit.voice.voice_spans` on
        each article, so a quotation running over several sentences is one) are left
        out of every count, the prior's too, so a politician the outlet quotes at
        length does not make the outlet's vocabulary. ``"all"`` or None counts every
        word; ``"quote"``, ``"scare_quote"`` or a list of voices counts only the words
        in those voices. Finding quotations needs whole articles: on a sentences
        table (one with a ``sentence_id`` column) only ``voice="all"`` is accepted.
    min_count : int, default 3
        Words used fewer than ``min_count`` times in a and b together are not listed
        (they still count in the totals and the prior); at least 1. The default is
        that of :func:`distinguishing_contexts` and :func:`mediakit.collocates`: the
        prior, not this cut, keeps rare words from ranking high; the cut only
        shortens the list.
    {prior_weight}
        In the formula each group's word rate becomes
        ``(y_a + pc_w) / (n_a + prior_weight)``, a weighted mean of its own rate
        (weight ``n_a``) and the table's rate (weight ``prior_weight``), and the
        pseudo-counts also enter ``se``. The default is a fixed, modest weight, about
        a few articles' worth: it keeps a word seen a handful of times from topping
        the list, dominates a group of only a few hundred words, and fades as the
        groups grow, as a prior should. None gives the prior the whole table's weight
        (``N``, as when the counts of a separate reference corpus are the prior);
        when the background *is* the compared table that outweighs each group
        several times over and very few words pass. Choose the prior before reading
        the lists.
    {stopwords}
        Default True here.
    exclude_group_names : bool, default True
        Leave out the words of the group names (see above).
    boilerplate : bool, default True
        Remove page furniture before counting (see above).
    {exclude_docs}
        It needs a ``doc_id`` column.

    Returns
    -------
    pandas.DataFrame
        Sorted by ``z`` (most typical of ``a`` first), columns (:data:`WORDS_COLUMNS`)
        ``word`` (str), ``n_a``, ``n_b`` (int64, counts), ``n_prior`` (int64, count in
        the whole table), ``pseudo_count`` (float64, the word's prior pseudo-count
        ``pc_w``), ``log_odds``, ``se``, ``z`` (float64), ``a``, ``b`` (str, the groups
        compared; ``b`` is ``"(rest)"`` when ``b=None``), ``compared_by`` (str, the
        ``by`` column), ``voice`` (str, the voice counted) and ``prior_weight``
        (float64, the prior weight used: ``N`` when None was given).

    See Also
    --------
    boilerplate_passages : the passages the furniture filter removes.
    """
    table, voices, voice_name = _words_input(corpus, by=by, text=text, voice=voice,
                                             exclude_docs=exclude_docs,
                                             caller="distinguishing_words")
    groups_present = set(table[by].astype(str))
    for name in ([a] if b is None else [a, b]):
        if str(name) not in groups_present:
            raise ValueError(f"{by} {name!r} not found; present: {sorted(groups_present)}")
    if b is not None and str(a) == str(b):
        raise ValueError("a and b must be different groups")
    counts = _group_word_counts(table, by=by, text=text, voices=voices,
                                boilerplate=boilerplate)
    exclude = _stopword_set(stopwords)
    if exclude_group_names:
        exclude = exclude | _name_words(groups_present)
    return _words_against(counts, str(a), None if b is None else str(b), by=by,
                          prior_weight=prior_weight, min_count=min_count, exclude=exclude,
                          voice=voice_name)


def _words_against(
    counts: dict[str, Counter[str]], a: str, b: str | None, *, by: str,
    prior_weight: float | None, min_count: int, exclude: frozenset[str], voice: str,
) -> pd.DataFrame:
    """The log-odds table of group ``a`` against ``b`` (None: every other group)."""
    counts_a = counts.get(a, Counter())
    counts_b: Counter[str] = Counter()
    if b is None:
        for name, c in counts.items():
            if name != a:
                counts_b.update(c)
    else:
        counts_b = counts.get(b, Counter())
    prior: Counter[str] = Counter()
    for c in counts.values():
        prior.update(c)
    stats, weight = _log_odds(counts_a, counts_b, prior, prior_weight=prior_weight,
                              min_count=min_count, exclude=exclude)
    return _words_table(stats, weight, a=a, b="(rest)" if b is None else b, compared_by=by,
                        voice=voice)


@validate_params({**_WORDS_PARAMS, "by": [str], "text": [str], "stopwords": [bool, Iterable],
                  "exclude_group_names": [bool], "boilerplate": [bool]})
def distinguishing_words_each(
    corpus: pd.DataFrame,
    *,
    by: str = "outlet",
    text: str = "text",
    voice: VoiceArg = DEFAULT_VOICE,
    min_count: int = 3,
    prior_weight: float | None = DEFAULT_PRIOR_WEIGHT,
    stopwords: bool | Iterable[str] = True,
    exclude_group_names: bool = True,
    boilerplate: bool = True,
    exclude_docs: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Every group against all the others: :func:`distinguishing_words` for each group.

    The same table as ``pd.concat([distinguishing_words(corpus, a=g, ...) for g in
    groups])``, with the groups in sorted order, but the words of the corpus are
    counted once instead of once per group. A group left with no row (every article
    of it in ``exclude_docs``) is not compared.

    Parameters
    ----------
    corpus : pandas.DataFrame
    by : str, default "outlet"
    text : str, default "text"
    voice : str, list of str or None, default "narration"
    min_count : int, default 3
    prior_weight : float or None, default 1000
    stopwords : bool or iterable of str, default True
    exclude_group_names, boilerplate : bool, default True
    exclude_docs : iterable of str or None, default None
        Each as for :func:`distinguishing_words`.

    Returns
    -------
    pandas.DataFrame
        The columns of :func:`distinguishing_words` (:data:`WORDS_COLUMNS`), ``b``
        always ``"(rest)"``; rows grouped by ``a`` (sorted), each group sorted by ``z``
        as there.
    """
    table, voices, voice_name = _words_input(corpus, by=by, text=text, voice=voice,
                                             exclude_docs=exclude_docs,
                                             caller="distinguishing_words_each")
    names = sorted(set(table[by].astype(str)))
    counts = _group_word_counts(table, by=by, text=text, voices=voices,
                                boilerplate=boilerplate)
    exclude = _stopword_set(stopwords)
    if exclude_group_names:
        exclude = exclude | _name_words(names)
    parts = [_words_against(counts, name, None, by=by, prior_weight=prior_weight,
                            min_count=min_count, exclude=exclude, voice=voice_name)
             for name in names]
    if not parts:
        return pd.DataFrame({c: [] for c in WORDS_COLUMNS})
    return pd.concat(parts, ignore_index=True)


def _voiced_words(
    text: str, voices: frozenset[str] | None, drop: np.ndarray | None = None
) -> list[str]:
    """The compared words of ``text`` (:func:`_lettered_spans`) in ``voices`` (None: all).

    A word's voice is that of the quotation wholly containing it
    (:func:`mediakit.voice.voice_at`), else narration. Words where the boolean mask
    ``drop`` (over the same words) is True are left out.
    """
    if voices is None and drop is None:
        return _lettered_words(text)
    words, starts, ends = _lettered_spans(text)
    keep = np.ones(len(words), dtype=bool) if drop is None else ~drop
    if voices is not None:
        spans = voice_spans(text)
        if spans:
            word_voices, _ = voice_at(spans, starts, ends)
            keep &= np.fromiter((v in voices for v in word_voices), dtype=bool,
                                count=len(words))
        elif "narration" not in voices:
            return []
    return [w for w, k in zip(words, keep.tolist(), strict=True) if k]


def _label_words(kept: pd.DataFrame, labels: Sequence[str]) -> frozenset[str]:
    """The words of the labels' matches and names, left out of their contexts."""
    words: set[str] = set()
    for surface in kept["match"].dropna().astype(str):
        words.update(_lettered_words(surface))
    for label in labels:
        words.update(_lettered_words(label.replace("_", " ")))
    return frozenset(words)


def _sentence_contexts(mentions: pd.DataFrame, kept: pd.DataFrame,
                       contexts: dict[str, Counter[str]]) -> None:
    """Count the words of each mention's sentence (once per sentence and label)."""
    check_table(mentions, ["sentence", "sentence_id"], caller="distinguishing_contexts",
                table_name="mentions")
    once = kept.drop_duplicates(["doc_id", "sentence_id", "label"])
    for label, sentence in zip(once["label"], once["sentence"].astype(str), strict=True):
        contexts[label].update(_lettered_words(sentence))


def _window_contexts(mentions: pd.DataFrame, kept: pd.DataFrame, corpus: pd.DataFrame | None,
                     window: int, contexts: dict[str, Counter[str]]) -> None:
    """Count the ``window`` words either side of each mention in its article."""
    if corpus is None:
        raise ValueError("window as a number of words needs corpus= (doc_id, text)")
    check_table(corpus, ["doc_id", "text"], caller="distinguishing_contexts",
                table_name="corpus")
    check_table(mentions, ["start", "end"], caller="distinguishing_contexts",
                table_name="mentions")
    texts = dict(zip(corpus["doc_id"].astype(str), corpus["text"].astype(str), strict=True))
    for doc_id, sub in kept.groupby(kept["doc_id"].astype(str), sort=True):
        if doc_id not in texts:
            raise ValueError(f"mention doc_id {doc_id!r} is not in the corpus")
        words, starts, ends = _lettered_spans(texts[str(doc_id)])
        for label, start, end in zip(sub["label"], sub["start"], sub["end"], strict=True):
            left_from, left_to, right_from, right_to = token_window(
                starts, ends, int(start), int(end), window)
            contexts[label].update(words[left_from:left_to])
            contexts[label].update(words[right_from:right_to])


@validate_params({**_WORDS_PARAMS, "label_a": [str], "label_b": [str],
                  "window": [Options(["sentence"]), Interval(Integral, 1, None)],
                  "actor": [str, None], "stopwords": [bool, Iterable],
                  "by_referent": [bool, None]})
@share_docs
def distinguishing_contexts(
    mentions: pd.DataFrame,
    *,
    label_a: str,
    label_b: str,
    corpus: pd.DataFrame | None = None,
    window: int | str = "sentence",
    actor: str | None = None,
    voice: VoiceArg = "all",
    min_count: int = 3,
    prior_weight: float | None = DEFAULT_PRIOR_WEIGHT,
    stopwords: bool | Iterable[str] = False,
    exclude_docs: Iterable[str] | None = None,
    by_referent: bool | None = None,
) -> pd.DataFrame:
    """Words that surround ``label_a`` rather than ``label_b`` (and the reverse).

    The same Monroe et al. log-odds over the same words (:func:`mediakit.text.words`
    holding a letter) as :func:`distinguishing_words`, computed between the
    contexts of the two labels: which words sit near "terrorist" but not near
    "opposition"? The words of the labels' own matches (e.g. "terrorists",
    "opposition", "forces") and of the label names are left out of the vocabulary so
    they do not trivially win. The prior spreads ``prior_weight`` words (default 1000)
    like the pooled contexts of both labels; None weighs it as all those contexts.

    Parameters
    ----------
    {mentions}
        It needs ``match`` too, and ``sentence``, ``sentence_id`` (with
        ``window="sentence"``; the mentions of :func:`mediakit.analyze` point at their
        sentence: join its text with :meth:`mediakit.Analysis.mentions_with_sentences`)
        or ``start``, ``end`` (with a number).
    label_a, label_b : str
        Values of the ``label`` column.
    corpus : pandas.DataFrame or None, default None
        The corpus (``doc_id``, ``text``), needed when ``window`` is a number.
    window : "sentence" or int, default "sentence"
        ``"sentence"``: the words of the mention's sentence (the ``sentence`` column;
        a sentence with several mentions of one label counts once for it). An integer
        ``k`` >= 1: the ``k`` words before and ``k`` after the mention in the article
        text (:func:`mediakit.text.token_window` over the compared words).
    actor : str or None, default None
        Keep one actor's mentions (useful when label names repeat across actors);
        None: the two labels' mentions whatever their actor.
    voice : str, list of str or None, default "all"
        Which mentions of the labels are compared. ``"all"`` or None: every use of the
        labels, quoted ones included. This is the one comparison whose default is not
        :data:`mediakit._validation.DEFAULT_VOICE` (``"narration"``), on purpose: it
        asks how a label is used wherever it appears, and its quoted uses are part of
        the answer (names of officials and verbs of saying on one side show a label
        that is mostly someone's quoted word; narration alone would hide exactly
        that). It also gives a result when a label only ever appears in quotations.
        ``"narration"`` keeps the outlets' own uses (their framing), ``"quote"``,
        ``"scare_quote"`` or a list of voices keep those; not ``"split"``. The choice
        is the result's ``voice`` column. The context words themselves are never
        filtered by voice.
    min_count : int, default 3
        Words used fewer than ``min_count`` times around the two labels together are
        not listed (>= 1).
    {prior_weight}
    {stopwords}
        Default False here.
    {exclude_docs}
    {by_referent}

    Returns
    -------
    pandas.DataFrame
        The columns of :func:`distinguishing_words` (:data:`WORDS_COLUMNS`) with
        ``a``/``b`` holding the labels and ``compared_by`` ``"label"``, then
        ``window`` (str: ``"sentence"`` or the number of words).
    """
    check_table(mentions, ["doc_id", "label", "voice", "match"],
                caller="distinguishing_contexts", table_name="mentions")
    voices, voice_name = parse_voice(voice, split=False, caller="distinguishing_contexts")
    if label_a == label_b:
        raise ValueError("label_a and label_b must differ")
    kept = mentions
    if actor is not None:
        kept = _actor_mentions(mentions, actor, by_referent=by_referent)
    kept, _ = _exclude(kept, exclude_docs)
    kept, _ = _filter_voice(kept, voices, voice_name)
    present = set(kept["label"].dropna().astype(str))
    for lab in (label_a, label_b):
        if lab not in present:
            raise ValueError(
                f"label {lab!r} has no mentions here (voice={voice_name!r}, actor={actor!r}); "
                f"labels present: {sorted(present)}"
                + ("; voice='all' adds quoted uses" if voices is not None else "")
            )
    kept = kept.loc[kept["label"].isin([label_a, label_b])]
    contexts: dict[str, Counter[str]] = {label_a: Counter(), label_b: Counter()}
    if window == "sentence":
        _sentence_contexts(mentions, kept, contexts)
    else:
        _window_contexts(mentions, kept, corpus, int(window), contexts)
    prior = contexts[label_a] + contexts[label_b]
    stats, weight = _log_odds(
        contexts[label_a], contexts[label_b], prior, prior_weight=prior_weight,
        min_count=min_count,
        exclude=_stopword_set(stopwords) | _label_words(kept, (label_a, label_b)),
    )
    table = _words_table(stats, weight, a=label_a, b=label_b, compared_by="label",
                         voice=voice_name)
    return table.assign(window=str(window))


# ------------------------------------------------------------ added for the report
# Public analyses the HTML report shows (mediakit.report), usable on their own.


@validate_params({"by": [str], "text": [str], "exclude_docs": [DOC_IDS]})
@share_docs
def boilerplate_passages(
    corpus: pd.DataFrame,
    *,
    by: str = "outlet",
    text: str = "text",
    exclude_docs: Iterable[str] | None = None,
) -> pd.DataFrame:
    """The page furniture :func:`distinguishing_words` removes before counting.

    A passage repeated verbatim in at least :data:`BOILERPLATE_MIN_DOCS` articles and
    at least :data:`BOILERPLATE_MIN_SHARE` of the articles of one group, where a
    passage is a whole line or a run of :data:`BOILERPLATE_RUN` consecutive words
    (see :func:`distinguishing_words`). Overlapping repeated runs are joined, so a
    40-word footer is listed once.

    Parameters
    ----------
    corpus : pandas.DataFrame
        A table with the ``by`` and ``text`` columns (the corpus). Never modified.
    by : str, default "outlet"
        The column holding the groups.
    text : str, default "text"
        The column holding the text.
    {exclude_docs}
        It needs a ``doc_id`` column.

    Returns
    -------
    pandas.DataFrame
        One row per group and passage, columns: the ``by`` column (str, the group's
        name), ``passage`` (str, its words as :func:`distinguishing_words` counts
        them, joined by spaces), ``n_words`` (int64), ``n_docs`` (int64, articles of
        the group holding it as furniture) and ``group_docs`` (int64, articles of the
        group). Sorted by group, then ``n_docs`` descending, then passage.
    """
    check_table(corpus, [by, text], caller="boilerplate_passages", table_name="corpus")
    table = corpus
    if exclude_docs is not None:
        check_table(corpus, ["doc_id"], caller="boilerplate_passages", table_name="corpus")
        table, _ = _exclude(corpus, exclude_docs)
    table = table.loc[table[by].notna()]
    masks = _furniture(table, by=by, text=text, boilerplate=True) or []
    docs = _table_docs(table)
    found: dict[tuple[str, str], set[str]] = {}
    group_docs: dict[str, set[str]] = {}
    for doc_text, name, doc, mask in zip(table[text].fillna("").astype(str),
                                         table[by].astype(str), docs, masks, strict=True):
        group_docs.setdefault(name, set()).add(doc)
        words, _, _ = _lettered_spans(doc_text)
        edges = np.flatnonzero(np.diff(np.concatenate(([0], mask.astype(np.int8), [0]))))
        for lo, hi in zip(edges[::2].tolist(), edges[1::2].tolist(), strict=True):
            found.setdefault((name, " ".join(words[lo:hi])), set()).add(doc)
    rows = [{by: name, "passage": passage, "n_words": len(passage.split()),
             "n_docs": len(holders), "group_docs": len(group_docs[name])}
            for (name, passage), holders in found.items()]
    result = pd.DataFrame(rows, columns=[by, "passage", "n_words", "n_docs", "group_docs"])
    result = result.sort_values([by, "n_docs", "passage"], ascending=[True, False, True],
                                kind="stable").reset_index(drop=True)
    return result.astype({by: "str", "passage": "str", "n_words": "int64",
                          "n_docs": "int64", "group_docs": "int64"})


#: Quoted speakers listed per label by :func:`voice_by_label`.
TOP_SPEAKERS = 3


def _top_speakers(speakers: pd.Series, k: int) -> str:
    """``"Name (n); ..."``: the ``k`` most frequent names, ties in name order."""
    named = speakers.dropna().astype(str)
    named = named[named != ""]
    if named.empty:
        return ""
    top = named.value_counts()
    top = top.sort_index(kind="stable").sort_values(ascending=False, kind="stable")
    return "; ".join(f"{name} ({n})" for name, n in top.head(k).items())


@validate_params({**_SELECTION_PARAMS, "by": [COLUMN_NAMES, None],
                  "top_speakers": [Interval(Integral, 0, None)], "by_referent": [bool]})
@share_docs
def voice_by_label(
    mentions: pd.DataFrame,
    *,
    actor: str | None = None,
    by: str | Sequence[str] | None = "outlet",
    top_speakers: int = TOP_SPEAKERS,
    exclude_docs: Iterable[str] | None = None,
    by_referent: bool = False,
) -> pd.DataFrame:
    """Whose word is it? Each label's mentions in narration, quotes and scare quotes.

    For each group and label: how many mentions sit in the outlet's own narration,
    inside direct quotations and inside scare quotes, the share inside quotation
    marks, and the speakers most often quoted using the label. Counts only, no
    interval: for intervals on a voice split use :func:`label_shares` with
    ``voice="split"``. It counts every voice by construction, so it takes no
    ``voice`` argument.

    Parameters
    ----------
    mentions : pandas.DataFrame
        The mentions table (``doc_id``, ``actor``, ``label``, ``voice``, ``speaker``
        and the ``by`` columns). Never modified.
    {actor}
    by : str, list of str or None, default "outlet"
        Column or columns defining the groups; None or ``[]`` pools everything.
    top_speakers : int, default 3
        How many quoted speakers to list per row (:data:`TOP_SPEAKERS`; >= 0).
    {exclude_docs}
    by_referent : bool, default False
        False: ``actor`` selects mentions by the ``actor`` column, every mention
        whatever its scope and form (unlike the other comparisons, whose default None
        selects in-scope nouns by their referent). True: as ``by_referent=True`` of
        :func:`label_shares`.

    Returns
    -------
    pandas.DataFrame
        One row per group, actor and label with at least one mention, sorted by those
        columns, columns: the ``by`` columns, ``actor``, ``label``, ``n`` (int64,
        mentions), ``narration``, ``quote``, ``scare_quote`` (int64, mentions in each
        voice; they add up to ``n``), ``quoted_share`` (float64,
        ``(quote + scare_quote) / n``) and ``top_speakers`` (str, the speakers of the
        direct quotations holding the label, most frequent first with their counts:
        ``"Dana Ilves (3); Lale Orhun (1)"``; empty when no speaker was found).
    """
    by_cols = _as_list(by)
    check_table(mentions, ["doc_id", "actor", "label", "voice", "speaker", *by_cols],
                caller="voice_by_label", table_name="mentions")
    kept = _actor_mentions(mentions, actor, by_referent=by_referent)
    kept, _ = _exclude(kept, exclude_docs)
    keys = [*by_cols, "actor", "label"]
    columns = [*keys, "n", *VOICES, "quoted_share", "top_speakers"]
    if kept.empty:
        return pd.DataFrame({c: pd.Series(dtype="int64" if c in ("n", *VOICES) else
                                          "float64" if c == "quoted_share" else "str")
                             for c in columns})
    grouped = kept.groupby(keys, sort=True, observed=True, dropna=False)
    counts = (grouped["voice"].value_counts().unstack("voice", fill_value=0)
              .reindex(columns=list(VOICES), fill_value=0).astype("int64"))
    counts["n"] = counts.sum(axis=1)
    counts["quoted_share"] = (counts["quote"] + counts["scare_quote"]) / counts["n"]
    quoted = kept.loc[kept["voice"] == "quote"]
    speakers = quoted.groupby(keys, sort=True, observed=True, dropna=False)["speaker"].agg(
        lambda s: _top_speakers(s, int(top_speakers)))
    counts["top_speakers"] = speakers.reindex(counts.index).fillna("").astype("str")
    result = counts.reset_index()
    result.columns.name = None
    return result[columns]


#: The fewest narration mentions a headline share may rest on without a warning.
MIN_HEADLINE_MENTIONS = 10

_TOP_LABEL_COLUMNS = ["voice", "actor", "unit", "label", "n", "total", "share", "lo", "hi",
                      "n_docs", "group_docs", "few"]


@validate_params({"by": [COLUMN_NAMES], "min_mentions": [Interval(Integral, 1, None)]})
def top_labels(
    shares: pd.DataFrame,
    *,
    by: str | Sequence[str] = "outlet",
    min_mentions: int = MIN_HEADLINE_MENTIONS,
) -> pd.DataFrame:
    """Each group's most used label, from a :func:`label_shares` table.

    The label with the highest share in each group (outlet) and actor: its share,
    interval and counts, the total it rests on, and whether that total is large
    enough to quote. Ties go to the label that comes first in ``shares``
    (alphabetical, as :func:`label_shares` sorts them).

    Parameters
    ----------
    shares : pandas.DataFrame
        The output of :func:`label_shares` with one voice (not ``voice="split"``).
    by : str or list of str, default "outlet"
        The group columns, as given to :func:`label_shares`.
    min_mentions : int, default 10
        The smallest group total (mentions of the actor in the voice counted; with
        ``unit="article"``, article-label pairs) that is quoted without a warning;
        :data:`MIN_HEADLINE_MENTIONS`. With fewer, a share moves by 10 points or more
        when one mention changes, and the article bootstrap has too few articles to
        show it.

    Returns
    -------
    pandas.DataFrame
        One row per group and actor, in the order of ``shares``, columns: the ``by``
        columns, ``voice``, ``actor``, ``unit``, ``label`` (NA when the group has no
        mention in this voice), ``n`` (int64, mentions using the label), ``total``
        (int64, the group's mentions of the actor), ``share``, ``lo``, ``hi``
        (float64), ``n_docs`` (int64, articles using the label), ``group_docs``
        (int64, articles mentioning the actor) and ``few`` (bool, True when
        ``total < min_mentions``).
    """
    by_cols = _as_list(by)
    check_table(shares, [*by_cols, "voice", "actor", "unit", "label", "n", "share", "lo",
                         "hi", "n_docs", "group_docs"], caller="top_labels", table_name="shares")
    keys = [*by_cols, "actor"]
    # One voice filter gives one value in the whole table; voice="split" gives several.
    if shares["voice"].nunique(dropna=False) > 1:
        raise ValueError("top_labels: pass a label_shares table of one voice, "
                         "not voice='split' (one headline per voice is ambiguous)")
    rows = [_top_label(key, group, keys, min_mentions)
            for key, group in shares.groupby(keys, sort=False, dropna=False)]
    result = pd.DataFrame(rows, columns=[*by_cols, *_TOP_LABEL_COLUMNS])
    return result.astype({"n": "int64", "total": "int64", "n_docs": "int64",
                          "group_docs": "int64", "few": "bool"})


def _top_label(key: Any, group: pd.DataFrame, keys: list[str], min_mentions: int) -> dict[str, Any]:
    """The :func:`top_labels` row of one group."""
    key = key if isinstance(key, tuple) else (key,)
    total = int(group["n"].sum())
    row: dict[str, Any] = dict(zip(keys, key, strict=True))
    row.update(voice=group["voice"].iloc[0], unit=group["unit"].iloc[0], total=total,
               few=total < min_mentions)
    if total == 0:
        row.update(label=pd.NA, n=0, share=np.nan, lo=np.nan, hi=np.nan, n_docs=0,
                   group_docs=int(group["group_docs"].max()))
        return row
    best = group.iloc[int(np.nanargmax(group["share"].to_numpy(dtype=float)))]
    row.update(label=best["label"], n=int(best["n"]), share=float(best["share"]),
               lo=float(best["lo"]), hi=float(best["hi"]),
               n_docs=int(best["n_docs"]), group_docs=int(best["group_docs"]))
    return row


#: Period lengths tried by :func:`choose_freq`, finest first.
FREQS = ("W", "M", "Q")


@validate_params({"min_mentions": [Interval(Integral, 1, None)], "by": [str]})
def choose_freq(
    mentions: pd.DataFrame,
    *,
    min_mentions: int = 10,
    freqs: Sequence[str] = FREQS,
    by: str = "outlet",
) -> str | None:
    """The finest period length in which a typical group has enough mentions to compare.

    Tries each of ``freqs`` in turn (weeks, months, quarters by default) and returns
    the first in which the median group (outlet) has on average at least
    ``min_mentions`` dated mentions per period, counting every period from the first
    to the last dated mention. When none qualifies, the coarsest length that still
    gives two periods is returned; None when even the finest gives a single period (or
    there is no date), since a comparison over time needs two.

    Parameters
    ----------
    mentions : pandas.DataFrame
        The mentions to compare over time (``date`` and ``by`` columns), already
        filtered to the actor and voice compared; undated rows are ignored.
    min_mentions : int, default 10
        Mentions per period a typical group should have. Pass the ``min_mentions``
        of :func:`label_shares_over_time` or more.
    freqs : sequence of str, default ("W", "M", "Q")
        Period lengths to try, finest first, as pandas period codes.
    by : str, default "outlet"
        The group column.

    Returns
    -------
    str or None
        One of ``freqs``, or None.
    """
    check_table(mentions, ["date", by], caller="choose_freq", table_name="mentions")
    dates = pd.to_datetime(mentions["date"])
    dated = mentions.loc[dates.notna()]
    dates = dates.loc[dates.notna()]
    if dates.empty:
        return None
    naive = dates.dt.tz_localize(None) if dates.dt.tz is not None else dates
    fallback = None
    for freq in freqs:
        periods = naive.dt.to_period(freq)
        n_periods = (periods.max() - periods.min()).n + 1
        if n_periods < 2:
            break
        fallback = freq
        per_group = dated.groupby(by, observed=True).size() / n_periods
        if per_group.median() >= min_mentions:
            return freq
    return fallback
