"""Matplotlib figures for the comparison tables: data in, ``Axes`` out (issue 5).

One function per table of :mod:`mediakit.compare`. Every function takes the table
first, draws on ``ax`` (a new figure when ``ax`` is None) and returns the Axes; nothing
is shown or saved, so notebooks and scripts decide what to do with the figure.

Text taken from the data (outlet, label and word names in ticks, legends, annotations,
axis labels and default titles) is drawn with ``parse_math=False``: a name such as
``$5 bill`` or ``$\\foo$`` is shown as typed and never parsed as a mathtext formula. A
``title=`` passed by the caller is drawn as matplotlib usually does (mathtext allowed).

Figures are deterministic: rows and labels keep the order of the table (which the
compare functions sort). A label's colour comes from the lexicon, not from the table:
pass ``palette=label_colors(lexicon, actor=...)`` (the report and the explorer do) and
a label looks the same in every figure, whatever the corpus holds; labels shared by the
bundled lexicons ("terrorist", "rebel", ...) keep one colour even without a palette
(:data:`SHARED_LABEL_COLORS`). The palette is Okabe and Ito's colour-blind-safe set
(2008) without its black (whiskers are drawn in dark grey), extended with two colours
of Paul Tol's "muted" scheme and a mid grey.

Layout: legends sit at the right of their Axes in as many columns as the figure's
height needs, the label-rate colour bar lies under the grid, and a figure made here
(``ax=None``) is as tall as its bars and legend need, so nothing is clipped and
matplotlib has nothing to warn about. Stacked bars carry their ``n``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from ._docstrings import share_docs
from ._validation import check_table

if TYPE_CHECKING:  # matplotlib loads on first use, so `import mediakit` stays quick
    from matplotlib.axes import Axes

    from .lexicon import LexiconLike

__all__ = [
    "PALETTE",
    "SHARED_LABEL_COLORS",
    "label_colors",
    "label_shares",
    "label_rates",
    "tone_by_label",
    "label_shares_over_time",
    "distinguishing_words",
    "tone",
    "shares_over_time",
]

#: Okabe-Ito colours (no black), Tol's wine and indigo, a grey; cycled beyond ten labels.
PALETTE: tuple[str, ...] = (
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00",
    "#56B4E9", "#F0E442", "#882255", "#332288", "#999999",
)

#: Colours kept for labels that several bundled lexicons share, so that "terrorist"
#: or "rebel" looks the same whichever lexicon (and corpus) a figure comes from. The
#: armed groups' ten labels take the ten colours of :data:`PALETTE`; the state's labels
#: reuse some (a figure shows the labels of one actor). The pale yellow goes to a
#: label that is rare in news text, the dark wine to the most loaded one.
SHARED_LABEL_COLORS: Mapping[str, str] = MappingProxyType({
    "terrorist": "#882255", "jihadist": "#332288", "extremist": "#CC79A7",
    "militant": "#E69F00", "insurgent": "#999999", "rebel": "#0072B2",
    "opposition": "#56B4E9", "armed_group": "#009E73", "fighter": "#D55E00",
    "revolutionary": "#F0E442",
    "government": "#0072B2", "army": "#009E73", "state_forces": "#56B4E9",
    "regime": "#D55E00", "loyalist": "#CC79A7", "militia": "#E69F00",
})


def _axes(ax: Axes | None, size: tuple[float, float]) -> Axes:
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    _, new_ax = plt.subplots(figsize=size, layout="constrained")
    return new_ax


def _unique(values) -> list:
    return list(dict.fromkeys(values))


def _assign_colors(labels: Sequence[str], given: Mapping[str, str] | None = None) -> dict[str, str]:
    """Colours of ``labels`` (one actor's, in order): ``given`` first, then the shared
    colour of a label when no earlier label took it, then the first colour of
    :data:`PALETTE` still free (cycled once all ten are taken)."""
    given = given or {}
    labels = _unique(str(lab) for lab in labels)
    colors = {lab: given[lab] for lab in labels if lab in given}
    for lab in labels:
        shared = SHARED_LABEL_COLORS.get(lab)
        if lab not in colors and shared is not None and shared not in colors.values():
            colors[lab] = shared
    k = 0
    for lab in labels:
        if lab in colors:
            continue
        free = [c for c in PALETTE if c not in colors.values()]
        if free:
            colors[lab] = free[0]
        else:
            colors[lab] = PALETTE[k % len(PALETTE)]
            k += 1
    return {lab: colors[lab] for lab in labels}


def label_colors(
    lexicon: LexiconLike | Sequence[str], *, actor: str | None = None,
) -> dict[str, str]:
    """The colour of every label of a lexicon, fixed by the lexicon alone.

    Pass the result as ``palette=`` to any plot function of this module (the report
    and the explorer widget do), so a label keeps its colour whatever the corpus
    holds: a figure of one outlet and a figure of fifteen agree, as do a report and a
    notebook on the same lexicon.

    The rule, for each actor's labels in lexicon order: a label that several bundled
    lexicons share ("terrorist", "rebel", "opposition", "government", ... listed in
    :data:`SHARED_LABEL_COLORS`) takes its shared colour, so it looks the same in
    every bundled lexicon; every other label takes the first colour of
    :data:`PALETTE` that no label of the same actor has taken (colours repeat only
    beyond ten labels).

    Parameters
    ----------
    lexicon : Lexicon, str, path-like, mapping, or sequence of str
        Anything :func:`mediakit.lexicon.resolve_lexicon` reads (a bundled name such
        as ``"syria"``, a file, a :class:`~mediakit.Lexicon`); or a plain list of label
        names, coloured by the same rule in the order given.
    actor : str, optional
        Only this actor's labels. Without it every actor's labels are returned, each
        label with the colour of the first actor that lists it.

    Returns
    -------
    dict
        Label name to a ``#RRGGBB`` colour, in lexicon order.
    """
    from .lexicon import Lexicon, resolve_lexicon

    is_labels = (isinstance(lexicon, Sequence) and not isinstance(lexicon, str)
                 and all(isinstance(x, str) for x in lexicon))
    if is_labels and not isinstance(lexicon, Lexicon):
        if actor is not None:
            raise ValueError("label_colors: actor= needs a lexicon, not a list of labels")
        return _assign_colors(lexicon)  # type: ignore[arg-type]
    lex = resolve_lexicon(lexicon)  # type: ignore[arg-type]
    actors = lex.actors
    if actor is not None and actor not in actors:
        raise ValueError(f"label_colors: actor {actor!r} is not in lexicon {lex.name!r}; "
                         f"actors: {list(actors)}")
    colors: dict[str, str] = {}
    for name in [actor] if actor is not None else list(actors):
        for lab, color in _assign_colors(list(actors[name])).items():
            colors.setdefault(lab, color)
    return colors


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


def _voice_note(voice: str) -> str:
    """The voice in a default title: " (all voices)", " (by voice)", " (narration only)"."""
    if not voice:
        return ""
    if voice == "all":
        return " (all voices)"
    if voice == "split":
        return " (by voice)"
    return f" ({voice} only)"


def _legend_rows(ax: Axes, titled: bool) -> int:
    """How many legend entries fit one above the other beside ``ax``.

    The legend may use the height of the grid rows the Axes spans (less a margin for
    the title and padding); an entry takes about 1.5 lines of the font size. Fewer
    rows than entries make a legend of several columns instead of one that runs off
    the figure (which matplotlib's constrained layout can only warn about).
    """
    import matplotlib

    spec = ax.get_subplotspec()
    figure: Any = ax.figure
    while not hasattr(figure, "get_size_inches"):  # a SubFigure: its root Figure
        figure = figure.figure
    height = float(figure.get_size_inches()[1])
    if spec is not None:
        nrows = spec.get_gridspec().nrows
        height *= (spec.rowspan.stop - spec.rowspan.start) / nrows
    line = 1.5 * float(matplotlib.rcParams["font.size"]) / 72  # inches per entry
    usable = height - 0.45 - (line if titled else 0.0)
    return max(1, int(usable // line))


def _legend_outside(ax: Axes, title: str | None = None, *, gap: float = 4.0) -> None:
    """The Axes' legend at its right, in as many columns as its height needs.

    ``gap`` is the space between the Axes and the legend, in points (room for the n
    written beside the bars of :func:`label_shares`).
    """
    from matplotlib.transforms import ScaledTranslation

    handles, names = ax.get_legend_handles_labels()
    if not handles:
        return
    ncols = -(-len(handles) // _legend_rows(ax, title is not None))
    shift = ScaledTranslation(gap / 72, 0, ax.figure.dpi_scale_trans)
    legend = ax.legend(title=title, loc="upper left", bbox_to_anchor=(1.0, 1.0),
                       bbox_transform=ax.transAxes + shift, frameon=False, ncols=ncols,
                       borderaxespad=0.0)
    # Entries are outlet and label names: a "$" in them is text, not a formula.
    for text in [*legend.get_texts(), legend.get_title()]:
        text.set_parse_math(False)


def _set_title(ax: Axes, given: str | None, default: str) -> None:
    """A caller's title may use mathtext on purpose; a title built from data may not."""
    if given is None:
        ax.set_title(default, parse_math=False)
    else:
        ax.set_title(given)


@share_docs
def label_shares(
    table: pd.DataFrame, *, ax: Axes | None = None, title: str | None = None,
    intervals: bool = True, by: Sequence[str] | None = None,
    palette: Mapping[str, str] | None = None, show_n: bool = True,
) -> Axes:
    """Stacked horizontal bars: each group's label mix, with bootstrap whiskers and n.

    ``table`` is the output of :func:`mediakit.label_shares`. One bar per group (outlet,
    or outlet / voice when split), one coloured segment per label, in table order. The
    whisker of a segment is drawn at its right edge and spans that label's interval
    ``lo``-``hi`` (shifted with the segment), so a wide whisker marks a share resting
    on few articles; each label's whiskers sit at their own height within the bar
    (dodged), so whiskers meeting at one edge stay apart. Set ``intervals=False`` to
    leave them out. The groups are the columns before ``voice`` (the ``by`` columns of
    the comparison), unless ``by`` names them.

    With ``show_n`` (and an ``n`` column), the count each bar rests on is written at
    its right, ``n=...``: the group's mentions (the sum of ``n``), or with
    ``unit="article"`` its articles (``group_docs``), so a full bar built on one
    mention does not pass for one built on four hundred.

    Parameters
    ----------
    table : pandas.DataFrame
        The table of :func:`mediakit.label_shares` (``label``, ``share`` and the group
        columns; ``lo``, ``hi``, ``n`` when present).
    {ax}
    {title}
    intervals : bool, default True
        Draw each segment's whisker from ``lo`` to ``hi``.
    by : sequence of str or None, default None
        The columns naming a bar; None: the columns before ``voice``.
    {palette}
    show_n : bool, default True
        Write ``n=...`` at the right of each bar.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on (nothing is shown or saved).
    """
    check_table(table, ["label", "share"], caller="plot.label_shares", table_name="plot")
    by_cols, names = _group_names(table, by=by)
    groups = _unique(names)
    labels = _unique(table["label"])
    colors = _assign_colors(labels, palette)
    ax = _axes(ax, (8, _bars_height(len(groups), len(labels))))
    y = np.arange(len(groups))
    left = np.zeros(len(groups))
    position = {g: i for i, g in enumerate(groups)}
    bar_height = 0.8
    # Whisker heights within a bar: one per label, spread over the middle of the bar.
    dodge = (np.linspace(-0.28, 0.28, len(labels)) if len(labels) > 1 else np.zeros(1))
    for k, label in enumerate(labels):
        rows = table.loc[table["label"] == label]
        share = np.zeros(len(groups))
        lo = np.full(len(groups), np.nan)
        hi = np.full(len(groups), np.nan)
        for name, (_, row) in zip(names.loc[rows.index], rows.iterrows()):
            i = position[name]
            share[i] = 0.0 if pd.isna(row["share"]) else row["share"]
            if "lo" in rows.columns:
                lo[i], hi[i] = row["lo"], row["hi"]
        ax.barh(y, share, left=left, height=bar_height, color=colors[str(label)],
                label=str(label), edgecolor="white", linewidth=0.5)
        if intervals and "lo" in table.columns:
            ok = (share > 0) & ~np.isnan(lo)
            if ok.any():
                edge = left + share
                ax.errorbar(edge[ok], y[ok] + dodge[k],
                            xerr=[np.clip(share[ok] - lo[ok], 0, None),
                                  np.clip(hi[ok] - share[ok], 0, None)],
                            fmt="none", ecolor="#333333", elinewidth=1, capsize=1.5)
        left = left + share
    ax.set_yticks(y, groups, parse_math=False)
    ax.set_ylim(len(groups) - 0.5, -0.5)  # first group on top, as in the table
    ax.set_xlim(0, 1)
    unit = str(table["unit"].iloc[0]) if "unit" in table.columns and len(table) else "mention"
    gap = 4.0
    if show_n and "n" in table.columns:
        counts = _bar_counts(table, names, unit)
        for i, group in enumerate(groups):
            ax.annotate(f"n={counts.get(group, 0):,}", xy=(1.0, y[i]),
                        xycoords=ax.get_yaxis_transform(), xytext=(3, 0),
                        textcoords="offset points", va="center", ha="left", fontsize=8,
                        color="#333333", parse_math=False, annotation_clip=False)
        widest = max(len(f"n={v:,}") for v in counts.values()) if len(counts) else 3
        gap = 8.0 + 5.0 * widest  # the legend starts past the widest "n=..." (8 pt text)
    ax.set_xlabel(f"Share of {'articles' if unit == 'article' else 'mentions'} using each label")
    ax.set_ylabel(" / ".join(by_cols) if by_cols else "", parse_math=False)
    actor = table["actor"].iloc[0] if "actor" in table.columns and len(table) else ""
    voice = _voice_of(table)
    _set_title(ax, title, f"Labels for {actor}" + _voice_note(voice))
    _legend_outside(ax, "label", gap=gap)
    return ax


def _bar_counts(table: pd.DataFrame, names: pd.Series, unit: str) -> dict[str, int]:
    """What each bar of :func:`label_shares` rests on: mentions, or articles."""
    if table.empty:
        return {}
    if unit == "article" and "group_docs" in table.columns:
        values = table["group_docs"].groupby(names, sort=False).max()
    else:
        values = table["n"].groupby(names, sort=False).sum()
    return {str(k): int(v) for k, v in values.fillna(0).items()}


def _bars_height(n_bars: int, n_legend: int) -> float:
    """Figure height (inches) for ``n_bars`` bars and a legend of ``n_legend`` rows."""
    return max(1.3 + 0.42 * max(n_bars, 1), 0.9 + 0.21 * n_legend)


@share_docs
def label_rates(
    table: pd.DataFrame, *, ax: Axes | None = None, title: str | None = None,
    fmt: str = "{:.2f}", cmap: str = "Blues",
) -> Axes:
    """Heatmap of mentions per 1,000 words: groups as rows, labels as columns.

    ``table`` is the output of :func:`mediakit.label_rates`; each cell is annotated with
    its rate (``fmt``) and a horizontal colour bar under the grid gives the scale (its
    title then fits a figure of a single row). Missing cells are blank.

    Parameters
    ----------
    table : pandas.DataFrame
        The table of :func:`mediakit.label_rates` (``label``, ``per_1000`` and the
        group columns).
    {ax}
    {title}
    fmt : str, default "{:.2f}"
        The format of each cell's annotation (``str.format``).
    cmap : str, default "Blues"
        The matplotlib colour map.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on (nothing is shown or saved).
    """
    check_table(table, ["label", "per_1000"], caller="plot.label_rates", table_name="plot")
    by, names = _group_names(table)
    groups = _unique(names)
    labels = _unique(table["label"])
    ax = _axes(ax, (max(4.0, 1.8 + 0.9 * len(labels)), _rates_height(len(groups))))
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
    ax.figure.colorbar(image, ax=ax, label="mentions per 1,000 words", location="bottom",
                       shrink=0.6, aspect=40)
    voice = _voice_of(table)
    _set_title(ax, title, "Label rates" + _voice_note(voice))
    return ax


def _rates_height(n_rows: int) -> float:
    """Figure height (inches) for a heatmap of ``n_rows`` rows, ticks and colour bar."""
    return 2.6 + 0.42 * max(n_rows, 1)


@share_docs
def tone_by_label(
    table: pd.DataFrame, *, ax: Axes | None = None, title: str | None = None,
    label: str | None = None, palette: Mapping[str, str] | None = None,
) -> Axes:
    """Dot-and-whisker chart of mean tone per group and label.

    ``table`` is the output of :func:`mediakit.tone_by_label`. One row per group, one
    dot per label (dodged vertically, coloured by label) at the mean score, whiskers
    from ``lo`` to ``hi``; cells without mentions are not drawn. A vertical line marks
    neutral tone (0).

    With many labels and groups one Axes gets crowded: give ``label`` to draw that
    label only (one dot per group, no legend, the label as default title, the x axis
    fixed from -1 to 1), and draw one such panel per label as small multiples that
    share their scale, as the report does. In a grid of such panels (Axes from
    ``subplots``) only the first column names the groups and only the bottom row
    titles the x axis, as seaborn's facet grids do.

    Also available as ``plot.tone``, its earlier name.

    Parameters
    ----------
    table : pandas.DataFrame
        The table of :func:`mediakit.tone_by_label` (``label``, ``mean`` and the group
        columns; ``lo``, ``hi``, ``n`` when present).
    {ax}
    {title}
    label : str or None, default None
        Draw this label only (small multiples); None draws every label.
    {palette}

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on (nothing is shown or saved).
    """
    check_table(table, ["label", "mean"], caller="plot.tone", table_name="plot")
    by, names = _group_names(table)
    groups = _unique(names)
    labels = _unique(table["label"])
    colors = _assign_colors(labels, palette)
    if label is not None:
        if str(label) not in colors:
            raise ValueError(f"plot.tone: label {label!r} not in table; have {list(colors)}")
        labels = [lab for lab in labels if str(lab) == str(label)]
    ax = _axes(ax, (8, max(1.2 + 0.6 * len(groups), 0.9 + 0.21 * len(labels))))
    g_pos = {g: i for i, g in enumerate(groups)}
    step = 0.8 / max(len(labels), 1)
    for k, lab in enumerate(labels):
        rows = table.loc[(table["label"] == lab) & table["mean"].notna()]
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
        ax.errorbar(mean, y, xerr=xerr, fmt="o", color=colors[str(lab)], label=str(lab),
                    capsize=2, markersize=5)
    ax.axvline(0.0, color="#999999", linewidth=0.8, linestyle="--", zorder=0)
    ax.set_yticks(np.arange(len(groups)), groups, parse_math=False)
    ax.set_ylim(len(groups) - 0.5, -0.5)
    score = str(table["score"].iloc[0]) if "score" in table.columns and len(table) else "compound_masked"
    ax.set_xlabel(f"mean {score} (VADER, -1 to 1)", parse_math=False)
    ax.set_ylabel(" / ".join(by) if by else "", parse_math=False)
    voice = _voice_of(table)
    if label is not None:
        ax.set_xlim(-1.05, 1.05)
        ax.set_xticks([-1.0, -0.5, 0.0, 0.5, 1.0], ["-1", "-0.5", "0", "0.5", "1"])
        ax.set_xlabel(f"mean {score}", parse_math=False)
        _set_title(ax, title, str(label))
        spec = ax.get_subplotspec()
        if spec is not None and not spec.is_first_col():
            ax.set_ylabel("")
            ax.tick_params(axis="y", labelleft=False)
        if spec is not None and not spec.is_last_row():
            ax.set_xlabel("")
        return ax
    _set_title(ax, title, "Tone around each label" + _voice_note(voice))
    _legend_outside(ax, "label")
    return ax


@share_docs
def label_shares_over_time(
    table: pd.DataFrame, *, outlet: str | None = None, ax: Axes | None = None,
    title: str | None = None, intervals: bool = True,
    change_points: pd.DataFrame | None = None, palette: Mapping[str, str] | None = None,
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

    Also available as ``plot.shares_over_time``, its earlier name.

    Parameters
    ----------
    table : pandas.DataFrame
        The table of :func:`mediakit.label_shares_over_time` (``period``, ``label``,
        ``share`` and the group columns; ``lo``, ``hi``, ``n``, ``change_flag`` when
        present).
    outlet : str or None, default None
        The group drawn; None when the table holds one group only.
    {ax}
    {title}
    intervals : bool, default True
        Shade each label's bootstrap band.
    change_points : pandas.DataFrame or None, default None
        The table of :func:`mediakit.label_change_points`, to mark the outlet's
        change point.
    {palette}

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on (nothing is shown or saved).
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
    colors = _assign_colors(_unique(table["label"]), palette)
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
        ax.plot(solid_x, solid_y, marker="o", markersize=3, color=colors[str(label)],
                label=str(label))
        if len(gap_after):
            bridge_x: list[Any] = []
            bridge_y: list[float] = []
            for i in gap_after.tolist():
                if bridge_x:
                    bridge_x.append(x[i])
                    bridge_y.append(np.nan)
                bridge_x.extend([x[i], x[i + 1]])
                bridge_y.extend([y[i], y[i + 1]])
            ax.plot(bridge_x, bridge_y, linestyle=":", linewidth=1, color=colors[str(label)],
                    label="_nolegend_")
        if intervals and "lo" in rows.columns and rows["lo"].notna().any():
            for run in runs:
                part = rows.iloc[run]
                ax.fill_between(part["period"], part["lo"], part["hi"], color=colors[str(label)],
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
    _set_title(ax, title, f"Label mix over time: {outlet}" + _voice_note(voice))
    _legend_outside(ax, "label")
    return ax


@share_docs
def distinguishing_words(
    table: pd.DataFrame, *, ax: Axes | None = None, n: int = 15, title: str | None = None,
    z_threshold: float = 1.96, palette: Mapping[str, str] | None = None,
) -> Axes:
    """Monroe-style scatter: word frequency (log scale) against z-score of the log-odds.

    ``table`` is the output of :func:`mediakit.distinguishing_words` or
    :func:`mediakit.distinguishing_contexts`. Words beyond ``±z_threshold`` are
    coloured by the side they lean to, the rest grey; the ``n`` highest and ``n``
    lowest z-scores beyond the threshold are labelled with the word. A word whose
    place is taken by an earlier (more distinctive) one is moved up or down and tied
    to its point by a thin line, so the words do not print over each other. The log
    axis is labelled 1, 2, 5, 10, 20, ... rather than in powers of ten. When the two
    sides are labels (:func:`mediakit.distinguishing_contexts`) found in ``palette``
    (:func:`label_colors`), each side takes its label's colour.

    Parameters
    ----------
    table : pandas.DataFrame
        The table of :func:`mediakit.distinguishing_words` or
        :func:`mediakit.distinguishing_contexts` (``word``, ``n_a``, ``n_b``, ``z``).
    {ax}
    n : int, default 15
        Words labelled on each side.
    {title}
    z_threshold : float, default 1.96
        The ``|z|`` from which a word is coloured by its side.
    {palette}

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on (nothing is shown or saved).
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
    color_a, color_b = PALETTE[0], PALETTE[1]
    if palette and a in palette and b in palette and palette[a] != palette[b]:
        color_a, color_b = palette[a], palette[b]
    ax.scatter(freq[lean_a], z[lean_a], s=14, color=color_a, label=f"more in {a}")
    ax.scatter(freq[lean_b], z[lean_b], s=14, color=color_b, label=f"more in {b}")
    order = np.argsort(-z, kind="stable")
    top = [i for i in order[:n] if lean_a[i]]
    bottom = [i for i in order[::-1][:n] if lean_b[i]]
    words = table["word"].astype(str).to_numpy()
    for level in (z_threshold, -z_threshold):
        ax.axhline(level, color="#999999", linestyle=":", linewidth=0.8)
    if len(freq) and (freq > 0).all():
        _readable_log_axis(ax)
    ax.margins(x=0.12, y=0.06)  # room for the words written right of the last points
    _label_points(ax, freq, z, words, top + bottom)
    ax.set_xlabel(f"frequency in {a} and {b} (log scale)", parse_math=False)
    ax.set_ylabel(f"z-score of log-odds ({a} vs {b})", parse_math=False)
    _set_title(ax, title, f"Words around '{a}' rather than '{b}'" if "window" in table.columns
               else f"Words distinguishing {a} from {b}")
    _legend_outside(ax)
    return ax


def _readable_log_axis(ax: Axes) -> None:
    """Log-scaled x axis with ticks at 1, 2, 5, 10, 20, 50, ... written as numbers."""
    from matplotlib.ticker import FuncFormatter, LogLocator, NullFormatter

    ax.set_xscale("log")
    ax.xaxis.set_major_locator(LogLocator(base=10, subs=(1.0, 2.0, 5.0)))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:,.10g}"))
    ax.xaxis.set_minor_formatter(NullFormatter())


def _label_points(ax: Axes, x: np.ndarray, y: np.ndarray, words: np.ndarray,
                  chosen: Sequence[int], *, fontsize: float = 8) -> None:
    """Write ``words[i]`` right of each chosen point, moving a word up or down (by
    whole lines, at most eight) when an earlier word already covers its place.

    Places are estimated in points from the Axes' current size and limits (a word
    is about 0.6 font sizes wide per character); the layout still to come (legend,
    labels) narrows the Axes, so horizontal distances are taken at 80%. A moved word
    gets a leader line.
    """
    ax.get_xlim(), ax.get_ylim()  # settle the autoscaled limits before transforming
    to_points = 72 / ax.figure.dpi
    line = 1.3 * fontsize
    taken: list[tuple[float, float, float, float]] = []
    for i in chosen:
        px, py = ax.transData.transform((x[i], y[i])) * to_points
        px *= 0.8
        width = 0.62 * fontsize * len(words[i]) + 4
        shift = 0.0
        for k in (0, 1, -1, 2, -2, 3, -3, 4, -4, 5, -5, 6, -6, 7, -7, 8, -8):
            x0, y0 = px + 4, py + k * line - line / 2
            if not any(x0 < b[2] and b[0] < x0 + width and y0 < b[3] and b[1] < y0 + line
                       for b in taken):
                shift = k * line
                break
        else:
            shift = 0.0
        taken.append((px + 4, py + shift - line / 2, px + 4 + width, py + shift + line / 2))
        ax.annotate(words[i], (x[i], y[i]), xytext=(4, shift), textcoords="offset points",
                    fontsize=fontsize, va="center", parse_math=False,
                    arrowprops=({"arrowstyle": "-", "color": "#999999", "linewidth": 0.5,
                                 "shrinkA": 0, "shrinkB": 2} if shift else None))


# The earlier names of two figures, kept: each figure is now named after the comparison
# whose table it draws (plot.label_shares draws mediakit.label_shares, ...).
tone = tone_by_label
shares_over_time = label_shares_over_time
