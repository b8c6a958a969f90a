"""Comparing outlets with uncertainty (issue 5).

Every comparison here answers "does outlet A describe an actor differently from outlet
B, and is the difference larger than chance?" The conventions shared by all functions:

* **Data first, options by keyword.** Inputs are the tidy tables described in
  ``DESIGN.md`` (``mentions``, ``documents``, ``corpus``, ``sentences``); the input is
  never modified and a new tidy DataFrame is returned.
* **Voice.** Counts default to ``voice="narration"``: the outlet's own words, leaving
  out labels that sit inside quotations of other people (``"quote"``) and scare quotes
  (``"scare_quote"``); :func:`distinguishing_words` likewise leaves out the words
  inside quotations. ``voice`` takes the same values as :func:`mediakit.kwic` and
  :func:`mediakit.collocates`: ``"all"`` or ``None`` pools every voice, one voice
  name keeps that voice, a list (``["narration", "scare_quote"]``) keeps those; the
  functions reporting a grid also take ``"split"`` (each voice separately). The choice
  is written into a ``voice`` column of the result and into ``result.attrs["voice"]``
  (a list is recorded as its voices joined by ``+``, ``"narration+scare_quote"``).
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
  non-representative copies found by :func:`find_duplicates`, listed by
  :func:`duplicate_docs_to_drop`); ``result.attrs["excluded_docs"]`` lists what was
  dropped (empty when nothing was).
"""

from __future__ import annotations

import math
import re
import warnings
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from numbers import Integral
from typing import Any

import numpy as np
import pandas as pd

from ._validation import Interval, check_param, check_table, parse_voice
from .referents import counted_mentions
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
    "VOICES",
]



# --------------------------------------------------------------------------- checks


def _as_list(by: str | Sequence[str] | None) -> list[str]:
    if by is None:
        return []
    if isinstance(by, str):
        return [by]
    return list(by)


def _check_boot(level: float, n_boot: int) -> None:
    if not 0 < level < 1:
        raise ValueError(f"level must be between 0 and 1 (e.g. 0.95), got {level!r}")
    if int(n_boot) < 0:
        raise ValueError(f"n_boot must be >= 0, got {n_boot!r}")


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
    if name == "split":
        return mentions, ["voice"]
    if voices is None:
        return mentions, []
    return mentions.loc[mentions["voice"].isin(sorted(voices))], []


def _warn_if_empty(kept: pd.DataFrame, function: str, voice: str) -> None:
    if kept.empty:
        warnings.warn(
            f"{function}: no mentions left after filtering (voice={voice!r}, "
            "exclude_docs); the result is empty", stacklevel=3,
        )


def _stamp(result: pd.DataFrame, **attrs: Any) -> pd.DataFrame:
    for key, value in attrs.items():
        result.attrs[key] = value
    return result


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
        weights = np.bincount(draws.ravel(), minlength=rows * n_docs).reshape(rows, n_docs)
        weights = weights.astype(float)
        for result, matrix in zip(out, matrices):
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


def _groups(df: pd.DataFrame, keys: list[str]):
    """(key tuple, sub-frame) pairs in sorted key order; one pair when keys is empty."""
    if not keys:
        yield (), df
        return
    for key, sub in df.groupby(keys, sort=True, observed=True, dropna=False):
        yield (key if isinstance(key, tuple) else (key,)), sub


def _result_frame(rows: dict[str, list], columns: list[str]) -> pd.DataFrame:
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
    rows: dict[str, list] = {c: [] for c in [*keys, "label", "n", "share", "lo", "hi", "n_docs", "group_docs"]}
    for key, sub in _groups(mentions, keys):
        _, counts = _doc_matrix(sub, labels)
        if unit == "article":
            counts = (counts > 0).astype(float)
        totals = counts.sum(axis=0)
        share = _ratio(totals, np.full_like(totals, totals.sum()))
        (boot_totals,) = _boot_sums([counts], n_boot, rng)
        boot_share = _ratio(boot_totals, boot_totals.sum(axis=1, keepdims=True))
        lo, hi = _percentile(boot_share, level) if n_boot else (np.full_like(share, np.nan),) * 2
        docs_using = (counts > 0).sum(axis=0)
        for j, label in enumerate(labels):
            for k, v in zip(keys, key):
                rows[k].append(v)
            rows["label"].append(label)
            rows["n"].append(int(totals[j]))
            rows["share"].append(float(share[j]))
            rows["lo"].append(float(lo[j]))
            rows["hi"].append(float(hi[j]))
            rows["n_docs"].append(int(docs_using[j]))
            rows["group_docs"].append(int(counts.shape[0]))
    return _result_frame(rows, list(rows))


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


def label_shares(
    mentions: pd.DataFrame,
    *,
    actor: str,
    by: str | Sequence[str] = "outlet",
    unit: str = "mention",
    voice: str | Sequence[str] | None = "narration",
    level: float = 0.95,
    n_boot: int = 2000,
    seed: int = 0,
    exclude_docs: Iterable[str] | None = None,
    by_referent: bool | None = None,
) -> pd.DataFrame:
    """Share of each label among the mentions of ``actor``, per outlet (or ``by`` group).

    Parameters
    ----------
    mentions:
        The mentions table (needs ``doc_id, actor, label, voice`` and the ``by`` columns).
    actor:
        The actor whose labels are compared (e.g. ``"armed_opposition"``).
    by:
        Column or columns defining the groups compared (default ``"outlet"``).
    unit:
        ``"mention"`` (default): every mention counts once, so ``share`` is the fraction
        of the group's mentions of the actor that use the label. ``"article"``: every
        article counts at most once per label, so ``n`` is the number of articles using
        the label and ``share`` is its fraction of all (article, label) pairs of the
        group; shares still sum to one. The fraction of *articles* that use a label at
        all is ``n / group_docs``.
    voice:
        ``"narration"`` (default: the outlet's own words), ``"quote"``,
        ``"scare_quote"``, a list of these, ``"all"`` or ``None`` (every voice pooled)
        or ``"split"`` (shares within each voice separately).
    level, n_boot, seed:
        Percentile bootstrap over articles within each group: ``n_boot`` replicates
        (default 2000), central ``level`` interval, deterministic for a given ``seed``.
    exclude_docs:
        Article ids to leave out (e.g. duplicate copies); recorded in
        ``attrs["excluded_docs"]``.
    by_referent:
        ``None`` (default): when the mentions have a ``referent`` column (those of
        :func:`mediakit.find_mentions` and :func:`mediakit.analyze` do), ``actor``
        selects mentions by it, among those in scope and of form ``noun`` ("ISIL
        terrorists" counts for ``islamic_state``, "YPG terrorists" for
        ``kurdish_forces``; see the module docstring); otherwise by ``actor``.
        ``True``: the same, and the column is required. ``False``: the old
        behaviour, by the ``actor`` column (the lexicon family of the label), every
        mention whatever its scope and form.

    Returns
    -------
    DataFrame with one row per group and label (a complete grid: labels of the actor
    that a group never uses appear with ``n == 0``), columns:

    * the ``by`` columns;
    * ``voice``: the voice filter used (with ``"split"``, the voice of the row);
    * ``actor``, ``label``;
    * ``n``: mentions (or articles, with ``unit="article"``) using the label;
    * ``share``: ``n`` divided by the group total (NaN if the group has none);
    * ``lo``, ``hi``: bootstrap interval of ``share``;
    * ``n_docs``: articles in which the label occurs;
    * ``group_docs``: articles of the group that mention the actor.

    ``attrs`` records ``voice``, ``unit``, ``level``, ``n_boot``, ``seed``,
    ``excluded_docs``, ``actor``, ``by_referent``, ``by``.
    """
    by_cols = _as_list(by)
    check_table(mentions, ["doc_id", "actor", "label", "voice", *by_cols], caller="label_shares", table_name="mentions")
    if unit not in ("mention", "article"):
        raise ValueError(f"unit must be 'mention' or 'article', got {unit!r}")
    # From here on ``voice`` is the canonical name recorded in the result.
    voices, voice = parse_voice(voice, split=True, caller="label_shares")
    _check_boot(level, n_boot)
    of_actor = _actor_mentions(mentions, actor, by_referent=by_referent)
    labels = sorted(of_actor["label"].dropna().astype(str).unique())
    kept, excluded = _exclude(of_actor, exclude_docs)
    kept, voice_keys = _filter_voice(kept, voices, voice)
    _warn_if_empty(kept, "label_shares", voice)
    keys = [*by_cols, *voice_keys]
    table = _share_table(
        kept, keys=keys, labels=labels, unit=unit, level=level, n_boot=n_boot, seed=seed
    )
    if voice != "split":
        table.insert(len(by_cols), "voice", voice)
    table.insert(len(by_cols) + 1, "actor", actor)
    return _stamp(
        table, voice=voice, unit=unit, level=level, n_boot=n_boot, seed=seed,
        excluded_docs=excluded, actor=actor, by_referent=by_referent, by=by_cols,
    )


# -------------------------------------------------------------------------- rates


def label_rates(
    mentions: pd.DataFrame,
    documents: pd.DataFrame,
    *,
    actor: str | None = None,
    by: str | Sequence[str] = "outlet",
    voice: str | Sequence[str] | None = "narration",
    level: float = 0.95,
    n_boot: int = 2000,
    seed: int = 0,
    exclude_docs: Iterable[str] | None = None,
    by_referent: bool | None = None,
) -> pd.DataFrame:
    """Mentions of each label per 1,000 words, per outlet (or ``by`` group).

    The denominator is every word of every article of the group in ``documents``
    (articles without a single mention count too), so the rate answers "how often does
    this outlet use the word", not "how it splits its mentions".

    Parameters
    ----------
    mentions:
        Mentions table (``doc_id, actor, label, voice``).
    documents:
        Documents table (``doc_id, n_words`` and the ``by`` columns); it defines the
        groups and the word counts.
    actor:
        Keep only this actor's labels; ``None`` (default) keeps every actor.
    voice:
        As in :func:`label_shares` (default ``"narration"``); with ``"split"``, one
        rate per voice (the word count is the same for each).
    level, n_boot, seed:
        Percentile bootstrap over articles within each group; each replicate's rate is
        the ratio of summed mentions to summed words of the drawn articles.
    exclude_docs:
        Article ids left out of numerator and denominator.
    by_referent:
        As in :func:`label_shares`: ``True`` selects and groups mentions by their
        ``referent`` instead of the lexicon's ``actor`` (also when ``actor=None``;
        the result's ``actor`` column then holds referents).

    Returns
    -------
    DataFrame, one row per group, voice, actor and label (complete grid), columns: the
    ``by`` columns, ``voice``, ``actor``, ``label``, ``n`` (mentions), ``n_words``
    (words in the group's articles), ``per_1000`` (``1000 * n / n_words``), ``lo``,
    ``hi`` (bootstrap interval of ``per_1000``), ``n_docs`` (articles using the label),
    ``group_docs`` (articles in the group). ``attrs`` as in :func:`label_shares`.
    """
    by_cols = _as_list(by)
    check_table(mentions, ["doc_id", "actor", "label", "voice"], caller="label_rates", table_name="mentions")
    check_table(documents, ["doc_id", "n_words", *by_cols], caller="label_rates", table_name="documents")
    # From here on ``voice`` is the canonical name recorded in the result.
    voices, voice = parse_voice(voice, split=True, caller="label_rates")
    _check_boot(level, n_boot)
    of_actor = _actor_mentions(mentions, actor, by_referent=by_referent)
    pairs = (
        of_actor[["actor", "label"]].dropna().astype(str).drop_duplicates()
        .sort_values(["actor", "label"]).itertuples(index=False, name=None)
    )
    pairs = list(pairs)
    docs, excluded = _exclude(documents, exclude_docs)
    docs = docs.assign(doc_id=docs["doc_id"].astype(str))
    unknown = set(of_actor["doc_id"].astype(str)) - set(documents["doc_id"].astype(str))
    if unknown:
        raise ValueError(
            f"mentions refer to {len(unknown)} doc_id(s) absent from documents, "
            f"e.g. {sorted(unknown)[:3]}"
        )
    kept, _ = _exclude(of_actor, excluded)
    kept, voice_keys = _filter_voice(kept, voices, voice)
    kept = kept.assign(doc_id=kept["doc_id"].astype(str))
    kept = kept.assign(pair=list(zip(kept["actor"].astype(str), kept["label"].astype(str))))
    voice_values = list(VOICES) if voice == "split" else [voice]
    rng = np.random.default_rng(seed)
    columns = [*by_cols, "voice", "actor", "label", "n", "n_words", "per_1000", "lo", "hi", "n_docs", "group_docs"]
    rows: dict[str, list] = {c: [] for c in columns}
    pair_index = {p: i for i, p in enumerate(pairs)}
    for key, group_docs in _groups(docs, by_cols):
        doc_ids = list(group_docs["doc_id"])
        words = group_docs["n_words"].to_numpy(dtype=float)
        doc_pos = {d: i for i, d in enumerate(doc_ids)}
        in_group = kept.loc[kept["doc_id"].isin(doc_pos)]
        for voice_value in voice_values:
            sub = in_group.loc[in_group["voice"] == voice_value] if voice == "split" else in_group
            counts = np.zeros((len(doc_ids), len(pairs)))
            np.add.at(
                counts,
                (sub["doc_id"].map(doc_pos).to_numpy(dtype=int),
                 sub["pair"].map(pair_index).to_numpy(dtype=int)),
                1.0,
            )
            rate = 1000.0 * _ratio(counts.sum(axis=0), np.full(len(pairs), words.sum()))
            boot_counts, boot_words = _boot_sums([counts, words[:, None]], n_boot, rng)
            boot = 1000.0 * _ratio(boot_counts, boot_words)
            lo, hi = _percentile(boot, level) if n_boot else (np.full(len(pairs), np.nan),) * 2
            for j, (actor_name, label) in enumerate(pairs):
                for k, v in zip(by_cols, key):
                    rows[k].append(v)
                rows["voice"].append(voice_value)
                rows["actor"].append(actor_name)
                rows["label"].append(label)
                rows["n"].append(int(counts[:, j].sum()))
                rows["n_words"].append(int(words.sum()))
                rows["per_1000"].append(float(rate[j]))
                rows["lo"].append(float(lo[j]))
                rows["hi"].append(float(hi[j]))
                rows["n_docs"].append(int((counts[:, j] > 0).sum()))
                rows["group_docs"].append(len(doc_ids))
    table = _result_frame(rows, columns)
    return _stamp(
        table, voice=voice, level=level, n_boot=n_boot, seed=seed,
        excluded_docs=excluded, actor=actor, by_referent=by_referent, by=by_cols,
    )


# --------------------------------------------------------------------------- tone


def tone_by_label(
    mentions: pd.DataFrame,
    *,
    actor: str | None = None,
    by: str | Sequence[str] = "outlet",
    score: str = "compound_masked",
    voice: str | Sequence[str] | None = "narration",
    level: float = 0.95,
    n_boot: int = 2000,
    seed: int = 0,
    exclude_docs: Iterable[str] | None = None,
    by_referent: bool | None = None,
) -> pd.DataFrame:
    """Mean tone of the sentences around each label, per outlet (or ``by`` group).

    Parameters
    ----------
    mentions:
        Scored mentions table (``doc_id, actor, label, voice`` and ``score``).
    actor:
        Keep one actor's labels; ``None`` (default) keeps all.
    score:
        The score column averaged. Default ``"compound_masked"``: VADER compound of the
        mention's sentence with the lexicon's terms masked, so the label's own valence
        ("terrorists" is -3.1 in VADER) does not decide the result. ``"compound"`` is
        the unmasked score.
    voice:
        As in :func:`label_shares` (default ``"narration"``, ``"split"`` allowed).
    level, n_boot, seed:
        Cluster bootstrap: articles are resampled within each group and the mean of
        each replicate is the sum of scores over the number of mentions of the drawn
        articles.
    exclude_docs:
        Article ids left out.
    by_referent:
        As in :func:`label_rates`.

    Returns
    -------
    DataFrame, one row per group, voice, actor and label (complete grid; cells without
    mentions have ``n == 0`` and NaN mean), columns: the ``by`` columns, ``voice``,
    ``actor``, ``label``, ``n`` (scored mentions), ``n_docs`` (articles they come
    from), ``mean`` (mean of ``score`` over mentions), ``lo``, ``hi`` (bootstrap
    interval of the mean). ``attrs`` records ``score`` and the options used.
    Mentions with a missing score are left out with a warning naming how many.
    """
    by_cols = _as_list(by)
    check_table(mentions, ["doc_id", "actor", "label", "voice", *by_cols], caller="tone_by_label", table_name="mentions")
    if score not in mentions.columns:
        raise ValueError(
            f"mentions table has no {score!r} column; score the mentions first "
            "(mediakit.score_mentions) or pass score= one of its columns"
        )
    # From here on ``voice`` is the canonical name recorded in the result.
    voices, voice = parse_voice(voice, split=True, caller="tone_by_label")
    _check_boot(level, n_boot)
    of_actor = _actor_mentions(mentions, actor, by_referent=by_referent)
    pairs = list(
        of_actor[["actor", "label"]].dropna().astype(str).drop_duplicates()
        .sort_values(["actor", "label"]).itertuples(index=False, name=None)
    )
    kept, excluded = _exclude(of_actor, exclude_docs)
    kept, voice_keys = _filter_voice(kept, voices, voice)
    _warn_if_empty(kept, "tone_by_label", voice)
    missing = kept[score].isna()
    if missing.any():
        warnings.warn(
            f"tone_by_label: {int(missing.sum())} mention(s) without a {score!r} value "
            "were left out", stacklevel=2,
        )
        kept = kept.loc[~missing]
    keys = [*by_cols, *voice_keys]
    kept = kept.assign(pair=[f"{a}\x1f{b}" for a, b in zip(kept["actor"].astype(str), kept["label"].astype(str))])
    pair_keys = [f"{a}\x1f{b}" for a, b in pairs]
    rng = np.random.default_rng(seed)
    columns = [*keys, "actor", "label", "n", "n_docs", "mean", "lo", "hi"]
    rows: dict[str, list] = {c: [] for c in columns}
    for key, sub in _groups(kept, keys):
        sub = sub.assign(label=sub["pair"])
        _, counts = _doc_matrix(sub, pair_keys)
        _, sums = _doc_matrix(sub, pair_keys, values=score)
        mean = _ratio(sums.sum(axis=0), counts.sum(axis=0))
        boot_sums, boot_counts = _boot_sums([sums, counts], n_boot, rng)
        boot = _ratio(boot_sums, boot_counts)
        lo, hi = _percentile(boot, level) if n_boot else (np.full(len(pairs), np.nan),) * 2
        for j, (actor_name, label) in enumerate(pairs):
            for k, v in zip(keys, key):
                rows[k].append(v)
            rows["actor"].append(actor_name)
            rows["label"].append(label)
            rows["n"].append(int(counts[:, j].sum()))
            rows["n_docs"].append(int((counts[:, j] > 0).sum()))
            rows["mean"].append(float(mean[j]))
            rows["lo"].append(float(lo[j]))
            rows["hi"].append(float(hi[j]))
    table = _result_frame(rows, columns)
    if voice != "split":
        table.insert(len(by_cols), "voice", voice)
    return _stamp(
        table, voice=voice, score=score, level=level, n_boot=n_boot, seed=seed,
        excluded_docs=excluded, actor=actor, by_referent=by_referent, by=by_cols,
    )


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
        raise ValueError(f"freq {freq!r} is not a pandas frequency (try 'W', '2W' or 'MS')")
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
        raise ValueError(f"freq {freq!r} is not a pandas frequency (try 'W', '2W' or 'MS')") from exc
    positions = grid.searchsorted(dates.to_numpy(), side="right") - 1
    return pd.Series(grid[positions], index=dates.index), grid


def label_shares_over_time(
    mentions: pd.DataFrame,
    *,
    actor: str,
    freq: str = "W",
    by: str | Sequence[str] = "outlet",
    unit: str = "mention",
    voice: str | Sequence[str] | None = "narration",
    baseline: int = 4,
    threshold: float = 0.2,
    alpha: float = 0.05,
    min_n: int = 5,
    n_perm: int = 999,
    level: float = 0.95,
    n_boot: int = 2000,
    seed: int = 0,
    exclude_docs: Iterable[str] | None = None,
    by_referent: bool | None = None,
) -> pd.DataFrame:
    """Label shares of ``actor`` per outlet and period, with a flag where the mix changes.

    Parameters
    ----------
    freq:
        Period length, any pandas frequency: ``"W"`` (default; weeks Monday to Sunday),
        ``"2W"`` (two consecutive such weeks, counted from the first dated week),
        ``"M"``/``"MS"`` (calendar months), ``"QS"``, ``"D"``, ``"3D"``; offsets that are
        not calendar periods (``"SMS"``, ``"BMS"``) start from the last on-offset date at
        or before the first mention. Periods are labelled by their first day. Every dated
        mention lands in exactly one period (checked: the ``n`` of the periods add up to
        the dated mentions).
    baseline, threshold, alpha, min_n, n_perm:
        The change rule. For each group and period, the period's label mix is compared
        with the pooled mix of the ``baseline`` calendar periods just before it (empty
        periods included). The distance is the total variation distance
        ``tvd = 0.5 * sum(|share_now - share_before|)``, between 0 (same mix) and 1
        (no label in common). Small periods give large distances by chance, so the
        distance is checked with a permutation test on *articles*: the articles of the
        period and of its baseline are pooled and ``n_perm`` times split at random into
        groups of the same sizes; ``p_value`` is the fraction of splits (counting the
        observed one) whose distance is at least the observed one. ``change_flag`` is
        True when ``tvd >= threshold``, ``p_value < alpha`` and both the period and its
        baseline have at least ``min_n`` mentions (articles, with ``unit="article"``).
        Defaults: 4 periods, 0.2, 0.05, 5, 999. With many periods some flags arise by
        chance (about ``alpha`` of stable periods): a flag says where to read, it does
        not prove a change of editorial line.
    unit, voice, level, n_boot, seed, exclude_docs, by_referent:
        As in :func:`label_shares` (default voice ``"narration"``, one voice or list of
        voices at a time, not ``"split"``; default ``n_boot`` 2000); intervals resample
        articles within each group and period.

    Mentions without a date cannot be placed in a period; they are left out with a
    warning and counted in ``attrs["n_undated"]``.

    Returns
    -------
    DataFrame, one row per group, period and label (complete grid over every period
    from the first to the last dated mention), columns: the ``by`` columns, ``voice``,
    ``actor``, ``period`` (Timestamp of the period start), ``label``, ``n``,
    ``share``, ``lo``, ``hi``, ``n_docs``, ``n_period`` (total in the period),
    ``n_baseline`` (total in its baseline), ``tvd`` (distance to the baseline mix,
    NaN when it cannot be computed), ``p_value`` (permutation p-value of ``tvd``, NaN
    when not tested because a side has fewer than ``min_n``) and ``change_flag``
    (bool). The last four are the same on every label row of a period.
    """
    by_cols = _as_list(by)
    check_table(mentions, ["doc_id", "actor", "label", "voice", "date", *by_cols], caller="label_shares_over_time", table_name="mentions")
    if unit not in ("mention", "article"):
        raise ValueError(f"unit must be 'mention' or 'article', got {unit!r}")
    # From here on ``voice`` is the canonical name recorded in the result.
    voices, voice = parse_voice(voice, split=False, caller="label_shares_over_time")
    _check_boot(level, n_boot)
    if baseline < 1:
        raise ValueError(f"baseline must be >= 1 period, got {baseline!r}")
    if not 0 < alpha <= 1:
        raise ValueError(f"alpha must be in (0, 1], got {alpha!r}")
    of_actor = _actor_mentions(mentions, actor, by_referent=by_referent)
    labels = sorted(of_actor["label"].dropna().astype(str).unique())
    kept, excluded = _exclude(of_actor, exclude_docs)
    kept, _ = _filter_voice(kept, voices, voice)
    dates = pd.to_datetime(kept["date"])
    undated = int(dates.isna().sum())
    if undated:
        warnings.warn(
            f"label_shares_over_time: {undated} mention(s) without a date were left out",
            stacklevel=2,
        )
    dated = dates.notna()
    if dated.any():
        starts, all_periods = _period_starts(dates.loc[dated], freq)
    else:
        _period_starts(pd.Series(pd.to_datetime(["2000-01-01"])), freq)  # still check freq
        starts, all_periods = dates.loc[dated], pd.DatetimeIndex([])
    kept = kept.loc[dated].assign(period=starts)
    columns = [*by_cols, "voice", "actor", "period", "label", "n", "share", "lo", "hi",
               "n_docs", "n_period", "n_baseline", "tvd", "p_value", "change_flag"]
    attrs = dict(voice=voice, unit=unit, freq=freq, baseline=baseline, threshold=threshold,
                 alpha=alpha, min_n=min_n, n_perm=n_perm, level=level, n_boot=n_boot, seed=seed, excluded_docs=excluded,
                 n_undated=undated, actor=actor, by_referent=by_referent, by=by_cols)
    if kept.empty:
        _warn_if_empty(kept, "label_shares_over_time", voice)
        return _stamp(pd.DataFrame({c: [] for c in columns}), **attrs)
    shares = _share_table(
        kept, keys=[*by_cols, "period"], labels=labels, unit=unit,
        level=level, n_boot=n_boot, seed=seed,
    )
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
    n_labels, n_per = len(labels), len(all_periods)
    per_period = {
        name: np.zeros(len(groups) * n_per)
        for name in ("n_period", "n_baseline", "tvd", "p_value", "change_flag")
    }
    per_period["tvd"][:] = np.nan
    per_period["p_value"][:] = np.nan
    period_index = {p: i for i, p in enumerate(all_periods)}
    # A separate stream, so the change test does not shift the bootstrap draws.
    rng = np.random.default_rng([seed, 1])
    for g, (_, sub) in enumerate(_groups(kept, by_cols)):
        doc_ids, counts = _doc_matrix(sub, labels)
        if unit == "article":
            counts = (counts > 0).astype(float)
        doc_period = (
            sub.assign(doc_id=sub["doc_id"].astype(str)).groupby("doc_id", sort=True)["period"]
            .first().reindex(doc_ids).map(period_index).to_numpy(dtype=int)
        )
        for p in range(n_per):
            now = doc_period == p
            before = (doc_period < p) & (doc_period >= p - baseline)
            row = g * n_per + p
            n_now, n_before = counts[now].sum(), counts[before].sum()
            per_period["n_period"][row] = n_now
            per_period["n_baseline"][row] = n_before
            if p == 0 or n_now == 0 or n_before == 0:
                continue
            tvd = _tvd(counts[now].sum(axis=0), counts[before].sum(axis=0))
            per_period["tvd"][row] = tvd
            if n_now < min_n or n_before < min_n:
                continue
            pooled = np.vstack([counts[now], counts[before]])
            p_value = _permutation_p(pooled, int(now.sum()), tvd, n_perm, rng)
            per_period["p_value"][row] = p_value
            per_period["change_flag"][row] = tvd >= threshold and p_value < alpha
    for name, values in per_period.items():
        table[name] = np.repeat(values, n_labels) if n_labels else values[:0]
    for name in ("n_period", "n_baseline"):
        table[name] = table[name].astype(int)
    table["change_flag"] = table["change_flag"].astype(bool)
    table.insert(len(by_cols), "voice", voice)
    table.insert(len(by_cols) + 1, "actor", actor)
    return _stamp(table[columns], **attrs)


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


def label_change_points(
    mentions: pd.DataFrame,
    *,
    actor: str,
    by: str | Sequence[str] = "outlet",
    unit: str = "mention",
    voice: str | Sequence[str] | None = "narration",
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
    distance. ``significant`` is ``p_value < alpha`` (default 0.05). Articles without
    a date are left out with a warning.

    ``unit``, ``voice`` (one voice or a list, not ``"split"``), ``exclude_docs`` and
    ``by_referent`` are as in :func:`label_shares`.

    Returns
    -------
    DataFrame, one row per group: the ``by`` columns, ``voice``, ``actor``,
    ``n_docs`` (dated articles mentioning the actor), ``last_before`` (date of the last
    article before the change), ``change_date`` (date of the first article after it),
    ``n_before``, ``n_after`` (mentions, or articles with ``unit="article"``, on each
    side), ``top_before``, ``top_after`` (most used label on each side), ``tvd``,
    ``p_value`` and ``significant``. Groups with fewer than ``2 * min_docs`` dated
    articles get NaN/NaT and ``significant`` False.
    """
    by_cols = _as_list(by)
    check_table(mentions, ["doc_id", "actor", "label", "voice", "date", *by_cols], caller="label_change_points", table_name="mentions")
    if unit not in ("mention", "article"):
        raise ValueError(f"unit must be 'mention' or 'article', got {unit!r}")
    # From here on ``voice`` is the canonical name recorded in the result.
    voices, voice = parse_voice(voice, split=False, caller="label_change_points")
    if int(min_docs) < 1:
        raise ValueError(f"min_docs must be >= 1, got {min_docs!r}")
    of_actor = _actor_mentions(mentions, actor, by_referent=by_referent)
    labels = sorted(of_actor["label"].dropna().astype(str).unique())
    kept, excluded = _exclude(of_actor, exclude_docs)
    kept, _ = _filter_voice(kept, voices, voice)
    dates = pd.to_datetime(kept["date"])
    undated = int(dates.isna().sum())
    if undated:
        warnings.warn(f"label_change_points: {undated} mention(s) without a date were left out",
                      stacklevel=2)
    kept = kept.assign(date=dates).loc[dates.notna()]
    _warn_if_empty(kept, "label_change_points", voice)
    rng = np.random.default_rng(seed)
    columns = [*by_cols, "voice", "actor", "n_docs", "last_before", "change_date", "n_before",
               "n_after", "top_before", "top_after", "tvd", "p_value", "significant"]
    rows: dict[str, list] = {c: [] for c in columns}
    for key, sub in _groups(kept, by_cols):
        doc_ids, counts = _doc_matrix(sub, labels)
        if unit == "article":
            counts = (counts > 0).astype(float)
        doc_dates = (sub.assign(doc_id=sub["doc_id"].astype(str)).groupby("doc_id")["date"]
                     .min().reindex(doc_ids).to_numpy())
        order = np.argsort(doc_dates, kind="stable")
        counts, doc_dates = counts[order], doc_dates[order]
        n_docs = len(doc_ids)
        # Cuts fall between two different dates, leaving min_docs articles on each side.
        cuts = np.array([c for c in range(int(min_docs), n_docs - int(min_docs) + 1)
                         if doc_dates[c - 1] < doc_dates[c]], dtype=int)
        result: dict[str, Any] = dict(
            last_before=pd.NaT, change_date=pd.NaT, n_before=0, n_after=0, top_before=None,
            top_after=None, tvd=np.nan, p_value=np.nan, significant=False)
        if len(cuts):
            (observed,), (cut,) = _max_split_tvd(counts[None], cuts)
            block = max(1, _BOOT_BLOCK_CELLS // max(1, n_docs * max(1, len(labels))))
            reached = 0
            for first in range(0, int(n_perm), block):
                k = min(block, int(n_perm) - first)
                shuffles = rng.random((k, n_docs)).argsort(axis=1)
                null, _ = _max_split_tvd(counts[shuffles], cuts)
                reached += int((null >= observed - 1e-12).sum())
            p_value = (1 + reached) / (int(n_perm) + 1) if n_perm > 0 else np.nan
            before, after = counts[:cut].sum(axis=0), counts[cut:].sum(axis=0)
            result.update(
                last_before=pd.Timestamp(doc_dates[cut - 1]), change_date=pd.Timestamp(doc_dates[cut]),
                n_before=int(before.sum()), n_after=int(after.sum()),
                top_before=labels[int(before.argmax())], top_after=labels[int(after.argmax())],
                tvd=float(observed), p_value=float(p_value),
                significant=bool(p_value < alpha),
            )
        for k_col, v in zip(by_cols, key):
            rows[k_col].append(v)
        rows["voice"].append(voice)
        rows["actor"].append(actor)
        rows["n_docs"].append(n_docs)
        for name, value in result.items():
            rows[name].append(value)
    table = _result_frame(rows, columns)
    for name in ("last_before", "change_date"):
        table[name] = pd.to_datetime(table[name])
    return _stamp(table, voice=voice, unit=unit, min_docs=min_docs, alpha=alpha, n_perm=n_perm,
                  seed=seed, excluded_docs=excluded, n_undated=undated, actor=actor,
                  by_referent=by_referent, by=by_cols)


# ------------------------------------------------------------ distinguishing words

# Letters (any script), with internal hyphens or apostrophes: "Tarvian-backed", "don't".
_WORD_RE = re.compile(r"[^\W\d_]+(?:['\u2019\-][^\W\d_]+)*")
# The same with digits allowed, for shingles: numbers (dates, tolls) tell copies apart.
_TOKEN_RE = re.compile(r"[^\W_]+(?:['\u2019\-.,][^\W_]+)*")
_POSSESSIVE_RE = re.compile(r"['\u2019]s$")


def _normal_word(token: str) -> str:
    low = token.lower()
    if "'" not in low and "\u2019" not in low:  # no apostrophe: no possessive to drop
        return low
    return _POSSESSIVE_RE.sub("", low.replace("\u2019", "'"))


def _words(text: str, *, numbers: bool = False) -> list[str]:
    """Lower-cased word tokens of ``text`` (the one tokeniser of this module).

    Possessive 's is dropped so "army's" counts as "army". Digits and punctuation are
    not words unless ``numbers`` (then "1,200" and "R4" are tokens too).
    """
    pattern = _TOKEN_RE if numbers else _WORD_RE
    return [_normal_word(m.group()) for m in pattern.finditer(text)]


def _word_spans(text: str) -> tuple[list[str], np.ndarray, np.ndarray]:
    """The words of :func:`_words` with their character start and end offsets."""
    matches = list(_WORD_RE.finditer(text))
    words = [_normal_word(m.group()) for m in matches]
    starts = np.fromiter((m.start() for m in matches), dtype=np.int64, count=len(matches))
    ends = np.fromiter((m.end() for m in matches), dtype=np.int64, count=len(matches))
    return words, starts, ends


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
DEFAULT_ALPHA0 = 1000.0


def _log_odds(
    counts_a: Counter, counts_b: Counter, prior_counts: Counter, *, alpha0: float | None,
    min_count: int, exclude: frozenset[str],
) -> pd.DataFrame:
    """Monroe, Colaresi & Quinn (2008) log-odds ratio with an informative Dirichlet prior.

    With counts y_a, y_b, totals n_a, n_b and prior pseudo-counts
    alpha_w = alpha0 * prior_w / sum(prior):

        delta_w = log((y_a + alpha_w) / (n_a + alpha0 - y_a - alpha_w))
                - log((y_b + alpha_w) / (n_b + alpha0 - y_b - alpha_w))
        var_w   = 1 / (y_a + alpha_w) + 1 / (y_b + alpha_w)
        z_w     = delta_w / sqrt(var_w)
    """
    vocab = sorted(w for w in prior_counts if w not in exclude)
    y_a = np.array([counts_a.get(w, 0) for w in vocab], dtype=float)
    y_b = np.array([counts_b.get(w, 0) for w in vocab], dtype=float)
    prior = np.array([prior_counts[w] for w in vocab], dtype=float)
    prior_total = prior.sum()
    if prior_total == 0:
        return pd.DataFrame({c: [] for c in ["word", "n_a", "n_b", "n_prior", "alpha", "log_odds", "se", "z"]})
    a0 = prior_total if alpha0 is None else float(alpha0)
    if not math.isfinite(a0):
        raise ValueError(f"alpha0 must be a finite number of words, got {alpha0!r}")
    if a0 <= 0:
        raise ValueError(f"alpha0 must be > 0, got {alpha0!r}")
    alpha = a0 * prior / prior_total
    n_a, n_b = y_a.sum(), y_b.sum()
    delta = (np.log((y_a + alpha) / (n_a + a0 - y_a - alpha))
             - np.log((y_b + alpha) / (n_b + a0 - y_b - alpha)))
    se = np.sqrt(1.0 / (y_a + alpha) + 1.0 / (y_b + alpha))
    table = pd.DataFrame({
        "word": pd.array(vocab, dtype="string"),
        "n_a": y_a.astype(int), "n_b": y_b.astype(int), "n_prior": prior.astype(int),
        "alpha": alpha, "log_odds": delta, "se": se, "z": delta / se,
    })
    table = table.loc[(table["n_a"] + table["n_b"]) >= max(int(min_count), 1)]
    return table.sort_values(["z", "word"], ascending=[False, True], kind="stable").reset_index(drop=True)


#: Page furniture: a passage repeated verbatim in at least this many articles of one
#: group ...
BOILERPLATE_MIN_DOCS = 3
#: ... and in at least this share of the group's articles ...
BOILERPLATE_MIN_SHARE = 0.2
#: ... is a whole line, a run of at least this many consecutive words, or an article's
#: first or last words (at least 3 of them, at most this many).
BOILERPLATE_RUN = 12
_EDGE_MIN = 3


def _line_numbers(text: str, starts: np.ndarray) -> np.ndarray:
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
    """One boolean mask per text over its words (:func:`_word_spans`): True = furniture.

    A passage (a line, or ``run`` consecutive words) is furniture when it occurs in at
    least ``min_docs`` and at least ``min_share`` of the articles (``docs``: article
    ids, so the rows of one article count once) of its group.
    """
    keyed = []
    seen: dict[str, Counter] = {}
    group_docs: dict[str, set[str]] = {}
    for text, group, doc in zip(texts, groups, docs, strict=True):
        words, starts, _ = _word_spans(text)
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
    table: pd.DataFrame, *, group: str, text: str, boilerplate: bool
) -> list[np.ndarray] | None:
    """Boilerplate masks of the rows of ``table`` (None when ``boilerplate`` is off)."""
    if not boilerplate:
        return None
    return _boilerplate_masks(
        table[text].fillna("").astype(str).tolist(), table[group].astype(str).tolist(),
        _table_docs(table), min_docs=BOILERPLATE_MIN_DOCS,
        min_share=BOILERPLATE_MIN_SHARE, run=BOILERPLATE_RUN,
    )


def _name_words(names: Iterable[Any]) -> frozenset[str]:
    """The words (as :func:`_words` counts them) of every name in ``names``."""
    words: set[str] = set()
    for name in names:
        words.update(_words(str(name)))
    return frozenset(words)


def distinguishing_words(
    corpus: pd.DataFrame,
    *,
    a: str,
    b: str | None = None,
    group: str = "outlet",
    text: str = "text",
    voice: str | Sequence[str] | None = "narration",
    min_count: int = 3,
    alpha0: float | None = DEFAULT_ALPHA0,
    stopwords: bool | Iterable[str] = True,
    exclude_group_names: bool = True,
    boilerplate: bool = True,
    exclude_docs: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Words that distinguish group ``a`` from ``b`` (or from all other groups).

    The statistic is the log-odds ratio with an informative Dirichlet prior of Monroe,
    Colaresi & Quinn (2008, *Political Analysis* 16(4), "Fightin' Words"): for word w
    with counts ``y_a``, ``y_b`` in the two groups (totals ``n_a``, ``n_b``) and prior
    pseudo-counts ``alpha_w = alpha0 * y_w / N``: ``alpha0`` words spread like the
    whole table's words (``y_w`` of ``N`` words, every group, not only a and b)::

        log_odds = log((y_a + alpha_w) / (n_a + alpha0 - y_a - alpha_w))
                 - log((y_b + alpha_w) / (n_b + alpha0 - y_b - alpha_w))
        se       = sqrt(1 / (y_a + alpha_w) + 1 / (y_b + alpha_w))
        z        = log_odds / se

    Positive values lean to ``a``, negative to ``b``; ``|z| > 1.96`` is the usual
    threshold. The prior shrinks rare words toward zero, so a word used twice by one
    outlet does not top the list.

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
      the ``group`` column (every outlet name in the table, tokenised as words are:
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
    corpus : DataFrame
        Any table with a ``text`` column and a ``group`` column: the corpus (one row
        per article) or, with ``voice="all"``, a sentences table with the outlet
        merged in.
    a, b : str
        Values of ``group`` compared; ``b=None`` compares ``a`` with every other group.
    group, text : str
        The columns holding the groups (default ``"outlet"``) and the text.
    voice : str, list of str or None
        ``"narration"`` (default): only the outlet's own words count; the words
        inside direct quotations and scare quotes (found by
        :func:`mediakit.voice.voice_spans` on each article, so a quotation running
        over several sentences is one) are left out of every count, the prior's too,
        so a politician the outlet quotes at length does not make the outlet's
        vocabulary. ``"all"`` or ``None`` counts every word; ``"quote"``,
        ``"scare_quote"`` or a list of voices counts only the words in those voices.
        Finding quotations needs whole articles: on a sentences table (one with a
        ``sentence_id`` column) only ``voice="all"`` is accepted.
    min_count : int
        Words used fewer than ``min_count`` times in a and b together are not listed
        (they still count in the totals and the prior). Default 3, as in
        :func:`distinguishing_contexts` and :func:`mediakit.collocates`: the prior,
        not this cut, keeps rare words from ranking high; the cut only shortens the
        list.
    alpha0 : float or None
        Weight of the prior, in words (default 1000). In the formula each group's
        word rate becomes ``(y_a + alpha_w) / (n_a + alpha0)``, a weighted mean of its
        own rate (weight ``n_a``) and the table's rate (weight ``alpha0``), and the
        pseudo-counts also enter ``se``. The default is a fixed, modest weight, about
        a few articles' worth: it keeps a word seen a handful of times from topping
        the list, dominates a group of only a few hundred words, and fades as the
        groups grow, as a prior should. ``None`` gives the prior the whole table's
        weight (``alpha0 = N``, the background's own size, as when the counts of a
        separate reference corpus are used as ``alpha_w``); when the background *is*
        the compared table that outweighs each group several times over and very
        few words pass. Choose the prior before reading the lists.
    stopwords : bool or iterable of str
        ``True`` (default) leaves out the English list of the ``stop-words`` package;
        ``False`` keeps every word (the prior already tames frequent function words);
        or give your own words.
    exclude_group_names : bool
        Leave out the words of the group names (default True; see above).
    boilerplate : bool
        Remove page furniture before counting (default True; see above).
    exclude_docs : iterable of str, optional
        ``doc_id`` values left out (needs a ``doc_id`` column).

    Returns
    -------
    DataFrame
        Sorted by ``z`` (most typical of ``a`` first), columns ``word``, ``n_a``,
        ``n_b`` (counts), ``n_prior`` (count in the whole table), ``alpha`` (prior
        pseudo-count), ``log_odds``, ``se``, ``z``, ``a``, ``b`` (the groups compared;
        ``b`` is ``"(rest)"`` when ``b=None``), ``voice`` (the voice counted).
        ``attrs`` records ``a``, ``b``, ``group``, ``voice``, ``alpha0``,
        ``min_count``, ``excluded_docs``.

    See Also
    --------
    boilerplate_passages : the passages the furniture filter removes.
    """
    table, excluded, voices, voice = _words_input(
        corpus, group=group, text=text, voice=voice, exclude_docs=exclude_docs,
        caller="distinguishing_words")
    groups_present = set(table[group].astype(str))
    for name in ([a] if b is None else [a, b]):
        if str(name) not in groups_present:
            raise ValueError(f"{group} {name!r} not found; present: {sorted(groups_present)}")
    if b is not None and str(a) == str(b):
        raise ValueError("a and b must be different groups")
    counts = _group_word_counts(table, group=group, text=text, voices=voices,
                                boilerplate=boilerplate)
    exclude = _stopword_set(stopwords)
    if exclude_group_names:
        exclude = exclude | _name_words(groups_present)
    result = _words_against(counts, str(a), None if b is None else str(b), alpha0=alpha0,
                            min_count=min_count, exclude=exclude, voice=voice)
    return _stamp(result, a=str(a), b=str(result.attrs["b"]), group=group, voice=voice,
                  alpha0=alpha0, min_count=min_count, excluded_docs=excluded)


def _words_input(
    corpus: pd.DataFrame, *, group: str, text: str, voice: Any,
    exclude_docs: Iterable[str] | None, caller: str,
) -> tuple[pd.DataFrame, list[str], frozenset[str] | None, str]:
    """The checked rows of a distinguishing-words call: table, excluded ids, voice."""
    check_table(corpus, [text], caller=caller, table_name="corpus")
    voices, voice_name = parse_voice(voice, caller=caller)
    if voices is not None and "sentence_id" in corpus.columns:
        raise ValueError(
            f"{caller}: voice={voice_name!r} needs whole articles to find the "
            "quotations (they run over sentences), but this table has a 'sentence_id' "
            "column (a sentences table): pass the corpus, or voice='all' to count every word"
        )
    if group not in corpus.columns:
        raise ValueError(
            f"table has no {group!r} column to compare by; for a sentences table, merge "
            f"it in first, e.g. sentences.merge(corpus[['doc_id', {group!r}]], on='doc_id')"
        )
    table, excluded = corpus, list[str]()
    if exclude_docs is not None:
        check_table(corpus, ["doc_id"], caller=caller, table_name="corpus")
        table, excluded = _exclude(corpus, exclude_docs)
    return table.loc[table[group].notna()], excluded, voices, voice_name


def _group_word_counts(
    table: pd.DataFrame, *, group: str, text: str, voices: frozenset[str] | None,
    boilerplate: bool,
) -> dict[str, Counter]:
    """Word counts per group (voices kept, page furniture removed when asked)."""
    masks = _furniture(table, group=group, text=text, boilerplate=boilerplate)
    counts: dict[str, Counter] = {}
    for i, (name, doc_text) in enumerate(zip(table[group].astype(str), table[text])):
        if not isinstance(doc_text, str):
            continue
        drop = None if masks is None else masks[i]
        counts.setdefault(name, Counter()).update(_voiced_words(doc_text, voices, drop))
    return counts


def _words_against(
    counts: Mapping[str, Counter], a: str, b: str | None, *, alpha0: float | None,
    min_count: int, exclude: frozenset[str], voice: str,
) -> pd.DataFrame:
    """The log-odds table of group ``a`` against ``b`` (None: every other group)."""
    counts_a = counts.get(a, Counter())
    counts_b: Counter = Counter()
    if b is None:
        for name, c in counts.items():
            if name != a:
                counts_b.update(c)
    else:
        counts_b = counts.get(b, Counter())
    prior: Counter = Counter()
    for c in counts.values():
        prior.update(c)
    result = _log_odds(counts_a, counts_b, prior, alpha0=alpha0, min_count=min_count,
                       exclude=exclude)
    b_name = "(rest)" if b is None else b
    result = result.assign(a=a, b=b_name, voice=voice)
    result.attrs["b"] = b_name
    return result


def _voiced_words(
    text: str, voices: frozenset[str] | None, drop: np.ndarray | None = None
) -> list[str]:
    """The words of ``text`` (as :func:`_words`) whose voice is in ``voices`` (None: all).

    A word's voice is that of the quotation wholly containing it
    (:func:`mediakit.voice.voice_at`), else narration. Words where the boolean mask
    ``drop`` (over the words of :func:`_word_spans`) is True are left out.
    """
    if voices is None and drop is None:
        return _words(text)
    words, starts, ends = _word_spans(text)
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


def distinguishing_contexts(
    mentions: pd.DataFrame,
    *,
    label_a: str,
    label_b: str,
    corpus: pd.DataFrame | None = None,
    window: int | str = "sentence",
    actor: str | None = None,
    voice: str | Sequence[str] | None = "all",
    min_count: int = 3,
    alpha0: float | None = DEFAULT_ALPHA0,
    stopwords: bool | Iterable[str] = False,
    exclude_docs: Iterable[str] | None = None,
    by_referent: bool | None = None,
) -> pd.DataFrame:
    """Words that surround ``label_a`` rather than ``label_b`` (and the reverse).

    The same Monroe et al. log-odds as :func:`distinguishing_words`, computed between
    the contexts of the two labels: which words sit near "terrorist" but not near
    "opposition"? The words of the labels' own matches (e.g. "terrorists",
    "opposition", "forces") are left out of the vocabulary so they do not trivially
    win. The prior spreads ``alpha0`` words (default 1000) like the pooled contexts
    of both labels; ``alpha0=None`` weighs it as all those contexts.

    Parameters
    ----------
    label_a, label_b:
        Values of the ``label`` column.
    window:
        ``"sentence"`` (default): the words of the mention's sentence (the
        ``sentence`` column; a sentence with several mentions of one label counts
        once for it). An integer ``k``: the ``k`` words before and ``k`` after the
        mention in the article text, which needs ``corpus`` (``doc_id, text``) and the
        mentions' ``start``/``end`` offsets.
    actor:
        Restrict to one actor's mentions (useful when label names repeat across actors).
    voice:
        Which mentions of the labels are compared. ``"all"`` (default) or ``None``:
        every use of the labels, quoted ones included. This is the one comparison
        whose default is not ``"narration"``, on purpose: it asks how a label is used
        wherever it appears, and its quoted uses are part of the answer (names of
        officials and verbs of saying on one side show a label that is mostly
        someone's quoted word; narration alone would hide exactly that). It also
        gives a result when a label only ever appears in quotations.
        ``"narration"`` keeps the outlets' own uses (their framing), ``"quote"``,
        ``"scare_quote"`` or a list of voices keep those; not ``"split"``. The
        choice is the result's ``voice`` column. The context words themselves are
        never filtered by voice.
    min_count, alpha0, stopwords, exclude_docs:
        As in :func:`distinguishing_words` (default ``min_count`` 3).
    by_referent:
        As in :func:`label_shares`: ``actor`` matches the ``referent`` column.

    Returns
    -------
    The columns of :func:`distinguishing_words` (``voice`` included) with ``a``/``b``
    holding the labels. ``attrs`` records ``a``, ``b``, ``window``, ``voice``,
    ``alpha0``, ``min_count``, ``excluded_docs``, ``label_words`` (the words left
    out), ``actor`` and ``by_referent``.
    """
    check_table(mentions, ["doc_id", "label", "voice", "match"], caller="distinguishing_contexts", table_name="mentions")
    # From here on ``voice`` is the canonical name recorded in the result.
    voices, voice = parse_voice(voice, split=False, caller="distinguishing_contexts")
    if label_a == label_b:
        raise ValueError("label_a and label_b must differ")
    kept = mentions
    if actor is not None:
        kept = _actor_mentions(mentions, actor, by_referent=by_referent)
    kept, excluded = _exclude(kept, exclude_docs)
    kept, _ = _filter_voice(kept, voices, voice)
    present = set(kept["label"].dropna().astype(str))
    for lab in (label_a, label_b):
        if lab not in present:
            raise ValueError(
                f"label {lab!r} has no mentions here (voice={voice!r}, actor={actor!r}); "
                f"labels present: {sorted(present)}"
                + ("; voice='all' adds quoted uses" if voices is not None else "")
            )
    kept = kept.loc[kept["label"].isin([label_a, label_b])]
    label_words = set()
    for surface in kept["match"].dropna().astype(str):
        label_words.update(_words(surface))
    for lab in (label_a, label_b):
        label_words.update(_words(lab.replace("_", " ")))
    contexts = {label_a: Counter(), label_b: Counter()}
    if window == "sentence":
        check_table(mentions, ["sentence", "sentence_id"], caller="distinguishing_contexts", table_name="mentions")
        once = kept.drop_duplicates(["doc_id", "sentence_id", "label"])
        for lab, sentence in zip(once["label"], once["sentence"].astype(str)):
            contexts[lab].update(_words(sentence))
    elif isinstance(window, int | np.integer) and not isinstance(window, bool) and window > 0:
        if corpus is None:
            raise ValueError("window as a number of words needs corpus= (doc_id, text)")
        check_table(corpus, ["doc_id", "text"], caller="distinguishing_contexts", table_name="corpus")
        check_table(mentions, ["start", "end"], caller="distinguishing_contexts", table_name="mentions")
        texts = dict(zip(corpus["doc_id"].astype(str), corpus["text"].astype(str)))
        k = int(window)
        for doc_id, sub in kept.groupby(kept["doc_id"].astype(str), sort=True):
            if doc_id not in texts:
                raise ValueError(f"mention doc_id {doc_id!r} is not in the corpus")
            words, starts, ends = _word_spans(texts[doc_id])
            for lab, start, end in zip(sub["label"], sub["start"], sub["end"]):
                left = int(np.searchsorted(ends, int(start), side="right"))
                right = int(np.searchsorted(starts, int(end), side="left"))
                contexts[lab].update(words[max(0, left - k):left])
                contexts[lab].update(words[right:right + k])
    else:
        raise ValueError(f"window must be 'sentence' or a positive number of words, got {window!r}")
    prior = contexts[label_a] + contexts[label_b]
    result = _log_odds(
        contexts[label_a], contexts[label_b], prior, alpha0=alpha0, min_count=min_count,
        exclude=_stopword_set(stopwords) | frozenset(label_words),
    )
    result = result.assign(a=label_a, b=label_b, voice=voice)
    return _stamp(result, a=label_a, b=label_b, window=window, voice=voice, alpha0=alpha0,
                  min_count=min_count, excluded_docs=excluded, label_words=sorted(label_words),
                  actor=actor, by_referent=by_referent)


# ------------------------------------------------------------ added for the report
# Public analyses the HTML report shows (mediakit.report), usable on their own.


def boilerplate_passages(
    corpus: pd.DataFrame,
    *,
    group: str = "outlet",
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
    corpus : DataFrame
        A table with the ``group`` and ``text`` columns (the corpus).
    group, text : str
        The columns holding the groups (default ``"outlet"``) and the text.
    exclude_docs : iterable of str, optional
        ``doc_id`` values left out first, as in :func:`distinguishing_words`.

    Returns
    -------
    DataFrame
        One row per group and passage, columns ``group`` (the group's name; the column
        is named after the ``group`` argument), ``passage`` (its words, lower-cased and
        joined by spaces), ``n_words``, ``n_docs`` (articles of the group holding it
        as furniture) and ``group_docs`` (articles of the group). Sorted by group, then
        ``n_docs`` descending, then passage.
    """
    check_table(corpus, [group, text], caller="boilerplate_passages", table_name="corpus")
    table = corpus
    if exclude_docs is not None:
        check_table(corpus, ["doc_id"], caller="boilerplate_passages", table_name="corpus")
        table, _ = _exclude(corpus, exclude_docs)
    table = table.loc[table[group].notna()]
    masks = _furniture(table, group=group, text=text, boilerplate=True) or []
    docs = _table_docs(table)
    found: dict[tuple[str, str], set[str]] = {}
    group_docs: dict[str, set[str]] = {}
    for doc_text, name, doc, mask in zip(table[text].fillna("").astype(str),
                                         table[group].astype(str), docs, masks, strict=True):
        group_docs.setdefault(name, set()).add(doc)
        words, _, _ = _word_spans(doc_text)
        edges = np.flatnonzero(np.diff(np.concatenate(([0], mask.astype(np.int8), [0]))))
        for lo, hi in zip(edges[::2].tolist(), edges[1::2].tolist()):
            found.setdefault((name, " ".join(words[lo:hi])), set()).add(doc)
    rows = [{group: name, "passage": passage, "n_words": len(passage.split()),
             "n_docs": len(holders), "group_docs": len(group_docs[name])}
            for (name, passage), holders in found.items()]
    result = pd.DataFrame(rows, columns=[group, "passage", "n_words", "n_docs", "group_docs"])
    result = result.sort_values([group, "n_docs", "passage"], ascending=[True, False, True],
                                kind="stable").reset_index(drop=True)
    return result.astype({group: "str", "passage": "str", "n_words": "int64",
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
    ``voice="split"``.

    Parameters
    ----------
    mentions : DataFrame
        The mentions table (``doc_id, actor, label, voice, speaker`` and the ``by``
        columns).
    actor : str, optional
        Keep one actor's mentions; None (default) keeps every actor.
    by : str, list of str or None
        Column or columns defining the groups (default ``"outlet"``); None or ``[]``
        pools everything.
    top_speakers : int
        How many quoted speakers to list per row (default :data:`TOP_SPEAKERS`).
    exclude_docs : iterable of str, optional
        Article ids left out (e.g. syndicated copies).
    by_referent : bool
        As in :func:`label_shares`.

    Returns
    -------
    DataFrame
        One row per group, actor and label with at least one mention, sorted by those
        columns, columns: the ``by`` columns, ``actor``, ``label``, ``n`` (mentions),
        ``narration``, ``quote``, ``scare_quote`` (mentions in each voice; they add up
        to ``n``), ``quoted_share`` (``(quote + scare_quote) / n``) and
        ``top_speakers`` (the speakers of the direct quotations holding the label,
        most frequent first with their counts: ``"Dana Ilves (3); Lale Orhun (1)"``;
        empty when no speaker was found).
    """
    by_cols = _as_list(by)
    check_table(mentions, ["doc_id", "actor", "label", "voice", "speaker", *by_cols],
                caller="voice_by_label", table_name="mentions")
    check_param("top_speakers", top_speakers, [Interval(Integral, 0, None)],
                caller="voice_by_label")
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
MIN_HEADLINE_N = 10


def top_labels(
    shares: pd.DataFrame,
    *,
    min_n: int = MIN_HEADLINE_N,
) -> pd.DataFrame:
    """Each group's most used label, from a :func:`label_shares` table.

    The label with the highest share in each group (outlet): its share, interval and
    counts, the total it rests on, and whether that total is large enough to quote.
    Ties go to the label that comes first in ``shares`` (alphabetical, as
    :func:`label_shares` sorts them).

    Parameters
    ----------
    shares : DataFrame
        The output of :func:`label_shares` with one voice (not ``voice="split"``).
    min_n : int
        The smallest group total (mentions of the actor in the voice counted) that
        is quoted without a warning; default :data:`MIN_HEADLINE_N` (10). With fewer,
        a share moves by 10 points or more when one mention changes, and the
        article bootstrap has too few articles to show it.

    Returns
    -------
    DataFrame
        One row per group, in the order of ``shares``, columns: the group columns
        (``attrs["by"]`` of ``shares``, else ``outlet``), ``voice``, ``actor``,
        ``label`` (NA when the group has no mention in this voice), ``n`` (mentions
        using the label), ``total`` (the group's mentions of the actor), ``share``,
        ``lo``, ``hi``, ``n_docs`` (articles using the label), ``group_docs``
        (articles mentioning the actor) and ``few`` (True when ``total < min_n``).
    """
    by_cols = list(shares.attrs.get("by") or ["outlet"])
    check_table(shares, [*by_cols, "voice", "actor", "label", "n", "share", "lo", "hi",
                         "n_docs", "group_docs"], caller="top_labels", table_name="shares")
    check_param("min_n", min_n, [Interval(Integral, 1, None)], caller="top_labels")
    if shares.attrs.get("voice") == "split":
        raise ValueError("top_labels: pass a label_shares table of one voice, "
                         "not voice='split' (one headline per voice is ambiguous)")
    columns = [*by_cols, "voice", "actor", "label", "n", "total", "share", "lo", "hi",
               "n_docs", "group_docs", "few"]
    rows = []
    for key, group in shares.groupby(by_cols, sort=False, dropna=False):
        key = key if isinstance(key, tuple) else (key,)
        total = int(group["n"].sum())
        row: dict[str, Any] = dict(zip(by_cols, key))
        row.update(voice=group["voice"].iloc[0], actor=group["actor"].iloc[0], total=total,
                   few=total < min_n)
        if total == 0:
            row.update(label=pd.NA, n=0, share=np.nan, lo=np.nan, hi=np.nan, n_docs=0,
                       group_docs=int(group["group_docs"].max()))
        else:
            best = group.iloc[int(np.nanargmax(group["share"].to_numpy(dtype=float)))]
            row.update(label=best["label"], n=int(best["n"]), share=float(best["share"]),
                       lo=float(best["lo"]), hi=float(best["hi"]),
                       n_docs=int(best["n_docs"]), group_docs=int(best["group_docs"]))
        rows.append(row)
    result = pd.DataFrame(rows, columns=columns)
    return result.astype({"n": "int64", "total": "int64", "n_docs": "int64",
                          "group_docs": "int64", "few": "bool"})


#: Period lengths tried by :func:`choose_freq`, finest first.
FREQS = ("W", "M", "Q")


def choose_freq(
    mentions: pd.DataFrame,
    *,
    min_n: int = 10,
    freqs: Sequence[str] = FREQS,
    by: str = "outlet",
) -> str | None:
    """The finest period length in which a typical group has enough mentions to compare.

    Tries each of ``freqs`` in turn (weeks, months, quarters by default) and returns
    the first in which the median group (outlet) has on average at least ``min_n``
    dated mentions per period, counting every period from the first to the last
    dated mention. When none qualifies, the coarsest length that still gives two
    periods is returned; None when even the finest gives a single period (or there
    is no date), since a comparison over time needs two.

    Parameters
    ----------
    mentions : DataFrame
        The mentions to compare over time (``date`` and ``by`` columns), already
        filtered to the actor and voice compared; undated rows are ignored.
    min_n : int
        Mentions per period a typical group should have (default 10). Pass the
        ``min_n`` of :func:`label_shares_over_time` or more.
    freqs : sequence of str
        Period lengths to try, finest first, as pandas period codes.
    by : str
        The group column (default ``"outlet"``).

    Returns
    -------
    str or None
        One of ``freqs``, or None.
    """
    check_table(mentions, ["date", by], caller="choose_freq", table_name="mentions")
    check_param("min_n", min_n, [Interval(Integral, 1, None)], caller="choose_freq")
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
        if per_group.median() >= min_n:
            return freq
    return fallback


def distinguishing_words_each(
    corpus: pd.DataFrame,
    *,
    group: str = "outlet",
    text: str = "text",
    voice: str | Sequence[str] | None = "narration",
    min_count: int = 3,
    alpha0: float | None = DEFAULT_ALPHA0,
    stopwords: bool | Iterable[str] = True,
    exclude_group_names: bool = True,
    boilerplate: bool = True,
    exclude_docs: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Every group against all the others: :func:`distinguishing_words` for each group.

    The same table as ``pd.concat([distinguishing_words(corpus, a=g, ...) for g in
    groups])``, with the groups in sorted order, but the words of the corpus are
    counted once instead of once per group. The parameters are those of
    :func:`distinguishing_words`; a group left with no row (every article of it
    in ``exclude_docs``) is not compared.

    Returns
    -------
    DataFrame
        The columns of :func:`distinguishing_words`, ``b`` always ``"(rest)"``; rows
        grouped by ``a`` (sorted), each group sorted by ``z`` as there. ``attrs``
        records ``group``, ``voice``, ``alpha0``, ``min_count`` and ``excluded_docs``.
    """
    table, excluded, voices, voice_name = _words_input(
        corpus, group=group, text=text, voice=voice, exclude_docs=exclude_docs,
        caller="distinguishing_words_each")
    names = sorted(set(table[group].astype(str)))
    counts = _group_word_counts(table, group=group, text=text, voices=voices,
                                boilerplate=boilerplate)
    exclude = _stopword_set(stopwords)
    if exclude_group_names:
        exclude = exclude | _name_words(names)
    parts = [_words_against(counts, name, None, alpha0=alpha0, min_count=min_count,
                            exclude=exclude, voice=voice_name) for name in names]
    columns = ["word", "n_a", "n_b", "n_prior", "alpha", "log_odds", "se", "z", "a", "b",
               "voice"]
    result = (pd.concat(parts, ignore_index=True) if parts
              else pd.DataFrame({c: [] for c in columns}))
    result.attrs = {}
    return _stamp(result, group=group, voice=voice_name, alpha0=alpha0,
                  min_count=min_count, excluded_docs=excluded)
