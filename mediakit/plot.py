"""Matplotlib figures for the comparison tables: data in, ``Axes`` out (issue 5).

One function per table of :mod:`mediakit.compare`. Every function takes the table
first, draws on ``ax`` (a new figure when ``ax`` is None) and returns the Axes; nothing
is shown or saved, so notebooks and scripts decide what to do with the figure.

Text taken from the data (outlet, label and word names in ticks, legends, annotations,
axis labels and default titles) is drawn with ``parse_math=False``: a name such as
``$5 bill`` or ``$\\foo$`` is shown as typed and never parsed as a mathtext formula. A
``title=`` passed by the caller is drawn as matplotlib usually does (mathtext allowed).

Figures are deterministic: rows and labels keep the order of the table (which the
compare functions sort), and labels take colours from :data:`PALETTE` in order of first
appearance, so the same table always gives the same picture. The palette is Okabe and
Ito's colour-blind-safe set (2008) without its black (whiskers are drawn in dark grey),
extended with two colours of Paul Tol's "muted" scheme and a mid grey.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from ._validation import check_table

if TYPE_CHECKING:  # matplotlib loads on first use, so `import mediakit` stays quick
    from matplotlib.axes import Axes

__all__ = [
    "PALETTE",
    "label_colors",
    "label_shares",
    "label_rates",
    "tone",
    "shares_over_time",
    "distinguishing_words",
]

#: Okabe-Ito colours (no black), Tol's wine and indigo, a grey; cycled beyond ten labels.
PALETTE: tuple[str, ...] = (
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00",
    "#56B4E9", "#F0E442", "#882255", "#332288", "#999999",
)


def _axes(ax: Axes | None, size: tuple[float, float]) -> Axes:
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    _, new_ax = plt.subplots(figsize=size, layout="constrained")
    return new_ax


def _unique(values) -> list:
    return list(dict.fromkeys(values))


def label_colors(labels: Sequence[str]) -> dict[str, str]:
    """Colour of each label: :data:`PALETTE` in the given order (cycled)."""
    return {lab: PALETTE[i % len(PALETTE)] for i, lab in enumerate(_unique(labels))}


def _by_columns(table: pd.DataFrame) -> list[str]:
    """The group columns of a comparison table: those before its ``voice`` column
    (every table of :mod:`mediakit.compare` starts with its ``by`` columns, then
    ``voice``); ``outlet`` for a table without one."""
    columns = list(table.columns)
    if "voice" in columns:
        return columns[:columns.index("voice")]
    return [c for c in ("outlet",) if c in columns]


def _voice_of(table: pd.DataFrame) -> str:
    """The voice a table counted (its ``voice`` column), ``"split"`` when it varies."""
    if "voice" not in table.columns or table.empty:
        return ""
    voices = table["voice"].dropna().unique()
    return str(voices[0]) if len(voices) == 1 else "split"


def _group_names(
    table: pd.DataFrame, extra: Sequence[str] = (), by: Sequence[str] | None = None
) -> tuple[list[str], pd.Series]:
    """The columns that identify a row group (``by`` columns, plus voice when split)."""
    by = _by_columns(table) if by is None else list(by)
    if _voice_of(table) == "split" and "voice" not in by:
        by.append("voice")
    by += [c for c in extra if c not in by]
    if not by:
        return [], pd.Series(["all"] * len(table), index=table.index)
    names = table[by].astype(str).agg(" / ".join, axis=1)
    return by, names


def _legend_outside(ax: Axes, title: str | None = None) -> None:
    legend = ax.legend(title=title, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
    # Entries are outlet and label names: a "$" in them is text, not a formula.
    for text in [*legend.get_texts(), legend.get_title()]:
        text.set_parse_math(False)


def _set_title(ax: Axes, given: str | None, default: str) -> None:
    """A caller's title may use mathtext on purpose; a title built from data may not."""
    if given is None:
        ax.set_title(default, parse_math=False)
    else:
        ax.set_title(given)


def label_shares(
    table: pd.DataFrame, *, ax: Axes | None = None, title: str | None = None,
    intervals: bool = True, by: Sequence[str] | None = None,
) -> Axes:
    """Stacked horizontal bars: each group's label mix, with bootstrap whiskers.

    ``table`` is the output of :func:`mediakit.label_shares`. One bar per group (outlet,
    or outlet / voice when split), one coloured segment per label, in table order. The
    whisker of a segment is drawn at its right edge and spans that label's interval
    ``lo``-``hi`` (shifted with the segment), so a wide whisker marks a share resting
    on few articles. Set ``intervals=False`` to leave them out. The groups are the
    columns before ``voice`` (the ``by`` columns of the comparison), unless ``by``
    names them.
    """
    check_table(table, ["label", "share"], caller="plot.label_shares", table_name="plot")
    ax = _axes(ax, (8, 1.2 + 0.5 * max(1, table.shape[0] // max(1, table["label"].nunique()))))
    by_cols, names = _group_names(table, by=by)
    groups = _unique(names)
    labels = _unique(table["label"])
    colors = label_colors(labels)
    y = np.arange(len(groups))
    left = np.zeros(len(groups))
    position = {g: i for i, g in enumerate(groups)}
    for label in labels:
        rows = table.loc[table["label"] == label]
        share = np.zeros(len(groups))
        lo = np.full(len(groups), np.nan)
        hi = np.full(len(groups), np.nan)
        for name, (_, row) in zip(names.loc[rows.index], rows.iterrows()):
            i = position[name]
            share[i] = 0.0 if pd.isna(row["share"]) else row["share"]
            if "lo" in rows.columns:
                lo[i], hi[i] = row["lo"], row["hi"]
        ax.barh(y, share, left=left, color=colors[label], label=str(label),
                edgecolor="white", linewidth=0.5)
        if intervals and "lo" in table.columns:
            ok = (share > 0) & ~np.isnan(lo)
            if ok.any():
                edge = left + share
                ax.errorbar(edge[ok], y[ok], xerr=[np.clip(share[ok] - lo[ok], 0, None),
                                                  np.clip(hi[ok] - share[ok], 0, None)],
                            fmt="none", ecolor="#333333", elinewidth=1, capsize=2)
        left = left + share
    ax.set_yticks(y, groups, parse_math=False)
    ax.invert_yaxis()  # first group on top, as in the table
    ax.set_xlim(0, 1)
    unit = str(table["unit"].iloc[0]) if "unit" in table.columns and len(table) else "mention"
    ax.set_xlabel(f"Share of {'articles' if unit == 'article' else 'mentions'} using each label")
    ax.set_ylabel(" / ".join(by_cols) if by_cols else "", parse_math=False)
    actor = table["actor"].iloc[0] if "actor" in table.columns and len(table) else ""
    voice = _voice_of(table)
    _set_title(ax, title, f"Labels for {actor}" + (f" ({voice} voice)" if voice else ""))
    _legend_outside(ax, "label")
    return ax


def label_rates(
    table: pd.DataFrame, *, ax: Axes | None = None, title: str | None = None,
    fmt: str = "{:.2f}", cmap: str = "Blues",
) -> Axes:
    """Heatmap of mentions per 1,000 words: groups as rows, labels as columns.

    ``table`` is the output of :func:`mediakit.label_rates`; each cell is annotated with
    its rate (``fmt``) and a colour bar gives the scale. Missing cells are blank.
    """
    check_table(table, ["label", "per_1000"], caller="plot.label_rates", table_name="plot")
    by, names = _group_names(table)
    groups = _unique(names)
    labels = _unique(table["label"])
    ax = _axes(ax, (1.6 + 0.9 * len(labels), 1.2 + 0.5 * len(groups)))
    grid = np.full((len(groups), len(labels)), np.nan)
    g_pos = {g: i for i, g in enumerate(groups)}
    l_pos = {lab: j for j, lab in enumerate(labels)}
    for name, label, value in zip(names, table["label"], table["per_1000"]):
        grid[g_pos[name], l_pos[label]] = value
    image = ax.imshow(np.ma.masked_invalid(grid), cmap=cmap, aspect="auto")
    top = np.nanmax(grid) if np.isfinite(grid).any() else 0.0
    for i in range(len(groups)):
        for j in range(len(labels)):
            if np.isnan(grid[i, j]):
                continue
            dark = top > 0 and grid[i, j] > 0.6 * top
            ax.text(j, i, fmt.format(grid[i, j]), ha="center", va="center",
                    color="white" if dark else "black", fontsize=9)
    ax.set_xticks(np.arange(len(labels)), [str(lab) for lab in labels], rotation=30, ha="right",
                  parse_math=False)
    ax.set_yticks(np.arange(len(groups)), groups, parse_math=False)
    ax.set_xlabel("label")
    ax.set_ylabel(" / ".join(by) if by else "", parse_math=False)
    ax.figure.colorbar(image, ax=ax, label="mentions per 1,000 words")
    voice = _voice_of(table)
    _set_title(ax, title, "Label rates" + (f" ({voice} voice)" if voice else ""))
    return ax


def tone(
    table: pd.DataFrame, *, ax: Axes | None = None, title: str | None = None,
) -> Axes:
    """Dot-and-whisker chart of mean tone per group and label.

    ``table`` is the output of :func:`mediakit.tone_by_label`. One row per group, one
    dot per label (dodged vertically, coloured by label) at the mean score, whiskers
    from ``lo`` to ``hi``; cells without mentions are not drawn. A vertical line marks
    neutral tone (0).
    """
    check_table(table, ["label", "mean"], caller="plot.tone", table_name="plot")
    by, names = _group_names(table)
    groups = _unique(names)
    labels = _unique(table["label"])
    colors = label_colors(labels)
    ax = _axes(ax, (8, 1.2 + 0.6 * len(groups)))
    g_pos = {g: i for i, g in enumerate(groups)}
    step = 0.8 / max(len(labels), 1)
    for k, label in enumerate(labels):
        rows = table.loc[(table["label"] == label) & table["mean"].notna()]
        if rows.empty:
            continue
        y = np.array([g_pos[n] for n in names.loc[rows.index]]) - 0.4 + step * (k + 0.5)
        mean = rows["mean"].to_numpy(dtype=float)
        if "lo" in rows.columns:
            lo = rows["lo"].to_numpy(dtype=float)
            hi = rows["hi"].to_numpy(dtype=float)
            xerr = np.clip(np.vstack([np.nan_to_num(mean - lo), np.nan_to_num(hi - mean)]), 0, None)
        else:
            xerr = None
        ax.errorbar(mean, y, xerr=xerr, fmt="o", color=colors[label], label=str(label),
                    capsize=2, markersize=5)
    ax.axvline(0.0, color="#999999", linewidth=0.8, linestyle="--", zorder=0)
    ax.set_yticks(np.arange(len(groups)), groups, parse_math=False)
    ax.set_ylim(len(groups) - 0.5, -0.5)
    score = str(table["score"].iloc[0]) if "score" in table.columns and len(table) else "compound_masked"
    ax.set_xlabel(f"mean {score} (VADER, -1 to 1)", parse_math=False)
    ax.set_ylabel(" / ".join(by) if by else "", parse_math=False)
    voice = _voice_of(table)
    _set_title(ax, title, "Tone around each label" + (f" ({voice} voice)" if voice else ""))
    _legend_outside(ax, "label")
    return ax


def shares_over_time(
    table: pd.DataFrame, *, outlet: str | None = None, ax: Axes | None = None,
    title: str | None = None, intervals: bool = True,
    change_points: pd.DataFrame | None = None,
) -> Axes:
    """Lines of each label's share per period for one outlet, change flags marked.

    ``table`` is the output of :func:`mediakit.label_shares_over_time`. ``outlet``
    picks the group (a value of the first ``by`` column); it may be omitted when the
    table holds one group. Only labels the outlet used at least once (``n > 0``) are
    drawn and listed in the legend; colours still follow the whole table, so a label
    has the same colour in every outlet's figure. Each label is a line with a marker
    on every period where the outlet mentioned the actor (bootstrap band shaded when
    ``intervals``): consecutive such periods are joined by a solid line, and a dotted
    line bridges periods without any mention (a gap in the data, not a share of 0).
    Periods whose ``change_flag`` is set get a dashed vertical line, listed once in
    the legend as "mix changes". Give ``change_points`` (the table of
    :func:`mediakit.label_change_points`) to also draw the outlet's change point as a
    solid vertical line when it is significant, labelled with its p-value.
    """
    check_table(table, ["period", "label", "share"], caller="plot.shares_over_time", table_name="plot")
    by = _by_columns(table)
    data = table
    if by:
        key = by[0]
        values = _unique(table[key].astype(str))
        if outlet is None:
            if len(values) != 1:
                raise ValueError(f"plot.shares_over_time: choose outlet= among {values}")
            outlet = values[0]
        if str(outlet) not in values:
            raise ValueError(f"plot.shares_over_time: {key} {outlet!r} not in table; have {values}")
        data = table.loc[table[key].astype(str) == str(outlet)]
    ax = _axes(ax, (9, 4))
    # Colours come from the whole table, so a label keeps its colour across outlets.
    colors = label_colors(_unique(table["label"]))
    if "n" in data.columns:
        used = data.groupby("label", sort=False)["n"].sum()
        labels = [lab for lab in _unique(data["label"]) if used.get(lab, 0) > 0]
    else:
        labels = _unique(data.loc[data["share"].fillna(0) > 0, "label"])
    periods = sorted(_unique(data["period"]))
    position = {p: i for i, p in enumerate(periods)}
    for label in labels:
        rows = data.loc[data["label"] == label].sort_values("period")
        # A period without any mention of the actor has no share (NaN): it is a gap,
        # not a zero. Observed periods get a marker; runs of consecutive observed
        # periods are joined by a solid line, and a dotted line bridges each gap.
        rows = rows.loc[rows["share"].notna()]
        x = rows["period"].tolist()
        y = rows["share"].to_numpy(dtype=float)
        index = np.array([position[p] for p in x])
        gap_after = np.flatnonzero(np.diff(index) > 1)
        solid_x: list[Any] = []
        solid_y: list[float] = []
        runs: list[slice] = []
        start = 0
        for end in [*(gap_after + 1).tolist(), len(x)]:
            if solid_x:
                solid_x.append(x[start - 1])
                solid_y.append(np.nan)
            solid_x.extend(x[start:end])
            solid_y.extend(y[start:end])
            runs.append(slice(start, end))
            start = end
        ax.plot(solid_x, solid_y, marker="o", markersize=3, color=colors[label], label=str(label))
        if len(gap_after):
            bridge_x: list[Any] = []
            bridge_y: list[float] = []
            for i in gap_after.tolist():
                if bridge_x:
                    bridge_x.append(x[i])
                    bridge_y.append(np.nan)
                bridge_x.extend([x[i], x[i + 1]])
                bridge_y.extend([y[i], y[i + 1]])
            ax.plot(bridge_x, bridge_y, linestyle=":", linewidth=1, color=colors[label],
                    label="_nolegend_")
        if intervals and "lo" in rows.columns and rows["lo"].notna().any():
            for run in runs:
                part = rows.iloc[run]
                ax.fill_between(part["period"], part["lo"], part["hi"], color=colors[label],
                                alpha=0.15, linewidth=0)
    if "change_flag" in data.columns:
        flagged = _unique(data.loc[data["change_flag"].astype(bool), "period"])
        for i, period in enumerate(flagged):
            ax.axvline(period, color="#333333", linestyle="--", linewidth=1,
                       label="mix changes" if i == 0 else None)
    if change_points is not None and by:
        check_table(change_points, [by[0], "change_date", "significant", "p_value"],
                    caller="plot.shares_over_time", table_name="change_points")
        point = change_points.loc[change_points[by[0]].astype(str) == str(outlet)]
        point = point.loc[point["significant"].astype(bool)]
        if not point.empty:
            row = point.iloc[0]
            ax.axvline(row["change_date"], color="#882255", linestyle="-", linewidth=1.5,
                       label=f"change point (p = {row['p_value']:.3f})")
    ax.set_ylim(-0.03, 1.03)  # a share of exactly 0 or 1 stays visible, not hidden by the frame
    ax.set_xlabel("period start")
    ax.set_ylabel("share of mentions")
    voice = _voice_of(table)
    _set_title(ax, title, f"Label mix over time: {outlet}" + (f" ({voice} voice)" if voice else ""))
    _legend_outside(ax, "label")
    return ax


def distinguishing_words(
    table: pd.DataFrame, *, ax: Axes | None = None, n: int = 15, title: str | None = None,
    z_threshold: float = 1.96,
) -> Axes:
    """Monroe-style scatter: word frequency (log scale) against z-score of the log-odds.

    ``table`` is the output of :func:`mediakit.distinguishing_words` or
    :func:`mediakit.distinguishing_contexts`. Words beyond ``±z_threshold`` are
    coloured by the side they lean to, the rest grey; the ``n`` highest and ``n``
    lowest z-scores beyond the threshold are labelled with the word.
    """
    check_table(table, ["word", "n_a", "n_b", "z"], caller="plot.distinguishing_words", table_name="plot")
    ax = _axes(ax, (8, 6))
    a = str(table["a"].iloc[0]) if "a" in table.columns and len(table) else "a"
    b = str(table["b"].iloc[0]) if "b" in table.columns and len(table) else "b"
    freq = (table["n_a"] + table["n_b"]).to_numpy(dtype=float)
    z = table["z"].to_numpy(dtype=float)
    lean_a = z >= z_threshold
    lean_b = z <= -z_threshold
    neither = ~(lean_a | lean_b)
    ax.scatter(freq[neither], z[neither], s=8, color="#BBBBBB", label="not distinctive")
    ax.scatter(freq[lean_a], z[lean_a], s=14, color=PALETTE[0], label=f"more in {a}")
    ax.scatter(freq[lean_b], z[lean_b], s=14, color=PALETTE[1], label=f"more in {b}")
    order = np.argsort(-z, kind="stable")
    top = [i for i in order[:n] if lean_a[i]]
    bottom = [i for i in order[::-1][:n] if lean_b[i]]
    words = table["word"].astype(str).to_numpy()
    for i in top + bottom:
        ax.annotate(words[i], (freq[i], z[i]), xytext=(3, 0), textcoords="offset points",
                    fontsize=8, va="center", parse_math=False)
    for level in (z_threshold, -z_threshold):
        ax.axhline(level, color="#999999", linestyle=":", linewidth=0.8)
    if len(freq) and (freq > 0).all():
        ax.set_xscale("log")
    ax.set_xlabel(f"frequency in {a} and {b} (log scale)", parse_math=False)
    ax.set_ylabel(f"z-score of log-odds ({a} vs {b})", parse_math=False)
    _set_title(ax, title, f"Words around '{a}' rather than '{b}'" if "window" in table.columns
               else f"Words distinguishing {a} from {b}")
    _legend_outside(ax)
    return ax
