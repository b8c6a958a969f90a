"""Agency compared across outlets: whose dead are killed by someone, whose simply die (issue 21).

These functions take the events table of :func:`mediakit.find_events` and compare
outlets on how they build the events that happen to one group:

* :func:`agency_by_outlet`: for each outlet, the share of the group's events told in
  each construction (active, passive with and without agent, intransitive, nominal,
  adjectival) and the share with an agent named;
* :func:`agency_gap`: the same "agent named" share for two groups side by side in
  each outlet, and their difference ("Israeli civilians were killed by Hamas" against
  "Palestinians died");
* :func:`plot_agency` and :func:`plot_agency_gap`: the two tables as figures (data in,
  ``Axes`` out).

Conventions are those of :mod:`mediakit.compare`: the input is never modified; counts
default to the outlet's own voice (``voice="narration"``: events inside quotations are
the speaker's words); intervals are seeded percentile bootstraps that resample whole
**articles** within each outlet (the events of one article are not independent), with
the bootstrap machinery of :mod:`mediakit.compare`; ``exclude_docs=`` drops
articles (syndicated copies) first. Every choice made is also a column of the result.

"Agent named" means ``agent_named="span"`` (default): the event has an explicit agent
phrase (``agent`` not NA: "Israeli strike kills 20", "killed by regime forces",
"Israel's bombardment"), whatever it names; ``agent_named="actor"``: the agent phrase
names an actor of the label lexicon (``agent_actor`` not NA). Intransitive ("died"),
adjectival ("wounded civilians") and agentless passive events never have one.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from ._validation import (
    COLUMN_NAMES,
    DEFAULT_VOICE,
    DOC_IDS,
    SPLIT_VOICES,
    Options,
    check_table,
    parse_voice,
    validate_params,
)
from .compare import (
    BOOTSTRAP_PARAMS,
    VoiceArg,
    _boot_sums,
    _exclude,
    _interval,
    _ratio,
    _share_table,
)
from .errors import InvalidParameterError
from .events import CONSTRUCTIONS, EVENT_TYPES

if TYPE_CHECKING:  # matplotlib loads on first use, so `import mediakit` stays quick
    from matplotlib.axes import Axes

__all__ = [
    "AGENCY_COLUMNS",
    "AGENCY_GAP_COLUMNS",
    "agency_by_outlet",
    "agency_gap",
    "plot_agency",
    "plot_agency_gap",
]

#: Columns of :func:`agency_by_outlet` (after the ``by`` columns).
AGENCY_COLUMNS: tuple[str, ...] = (
    "voice", "patient_actor", "event_types", "measure", "category", "n", "share", "lo", "hi",
    "n_docs", "group_events", "group_docs",
)
#: Columns of :func:`agency_gap` (after the ``by`` columns).
AGENCY_GAP_COLUMNS: tuple[str, ...] = (
    "voice", "event_types", "agent_named", "patient_actor", "n", "n_agent", "share", "lo", "hi",
    "n_docs", "other_actor", "difference", "difference_lo", "difference_hi",
)
#: The categories of the ``agent`` measure.
AGENT_CATEGORIES: tuple[str, ...] = ("named", "none")
_NEEDED = ("doc_id", "construction", "event_type", "voice", "agent", "agent_actor",
           "patient_actor")


# The checks shared by both comparisons (mediakit._validation).
_PARAMS: dict[str, list[Any]] = {
    **BOOTSTRAP_PARAMS,
    "agent_named": [Options(("span", "actor"))],
    "by": [COLUMN_NAMES],
    "exclude_docs": [DOC_IDS],
}


def _check_events(events: Any, by: list[str], caller: str) -> None:
    check_table(events, [*_NEEDED, *by], caller=caller, table_name="events")
    unknown = sorted(set(events["construction"].dropna().astype(str)) - set(CONSTRUCTIONS))
    if unknown:
        raise ValueError(f"events: unknown construction(s) {unknown}; expected {list(CONSTRUCTIONS)}")


def _types_name(event_types: tuple[str, ...]) -> str:
    return "all" if event_types == EVENT_TYPES else "+".join(event_types)


def _event_types(event_types: str | Iterable[str] | None) -> tuple[str, ...]:
    if event_types is None:
        return EVENT_TYPES
    chosen = (event_types,) if isinstance(event_types, str) else tuple(event_types)
    unknown = [t for t in chosen if t not in EVENT_TYPES]
    if unknown or not chosen:
        raise InvalidParameterError(f"event_types must be a non-empty list of "
                                    f"{list(EVENT_TYPES)}, got {list(chosen)}")
    return chosen


def _agent_column(agent_named: str) -> str:
    return "agent" if agent_named == "span" else "agent_actor"


def _selected(
    events: pd.DataFrame, *, by: list[str], event_types: tuple[str, ...], voice: Any,
    exclude_docs: Iterable[str] | None, function: str,
) -> tuple[pd.DataFrame, str, list[str]]:
    """Events of the chosen types and voice; the voice's name and extra group keys."""
    voices, voice_name = parse_voice(voice, split=True, caller=function)
    kept = events.loc[events["event_type"].isin(list(event_types))]
    kept, _ = _exclude(kept, exclude_docs)
    keys = list(by)
    if voice_name == SPLIT_VOICES:
        keys.append("voice")
    elif voices is not None:
        kept = kept.loc[kept["voice"].isin(sorted(voices))]
    return kept, voice_name, keys


def _every_group(events: pd.DataFrame, keys: list[str], *, split: bool) -> list[tuple[Any, ...]]:
    """Every combination of the ``keys`` values in the events table, sorted as
    ``groupby`` sorts them (with ``"voice"`` among the keys: each group with every
    voice of the table)."""
    if not keys:
        return [()]
    by = [k for k in keys if k != "voice"]
    groups = _sorted_groups(set(events[by].itertuples(index=False, name=None)))
    if not split:
        return groups
    voices = sorted(set(events["voice"].dropna().astype(str)))
    return [(*g, v) for g in groups for v in voices]


def _sorted_groups(groups: Iterable[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """Group keys in value order, missing values last (by their text when the values
    of a column cannot be compared)."""
    def natural(key: tuple[Any, ...]) -> tuple[Any, ...]:
        return tuple((True, 0) if pd.isna(v) else (False, v) for v in key)

    try:
        return sorted(groups, key=natural)
    except TypeError:
        return sorted(groups, key=lambda key: tuple((pd.isna(v), str(v)) for v in key))


def _with_empty_groups(table: pd.DataFrame, every_group: list[tuple[Any, ...]],
                       keys: list[str], categories: list[str]) -> pd.DataFrame:
    """``table`` (rows of :func:`mediakit.compare._share_table`) with the groups it lacks
    added in their place: ``n`` and ``n_docs`` 0, no articles, ``share``, ``lo`` and
    ``hi`` NaN."""
    if not keys:
        return table
    present = set(table[keys].itertuples(index=False, name=None))
    missing = [g for g in every_group if g not in present]
    if not missing:
        return table
    rows = [{**dict(zip(keys, g, strict=True)), "category": c, "n": 0, "share": np.nan,
             "lo": np.nan, "hi": np.nan, "n_docs": 0, "group_docs": 0}
            for g in missing for c in categories]
    added = pd.DataFrame(rows, columns=list(table.columns))
    both = pd.concat([table, added], ignore_index=True) if len(table) else added
    place = {g: k for k, g in enumerate(every_group)}
    position = [place.get(g, len(place)) for g in both[keys].itertuples(index=False, name=None)]
    order = sorted(range(len(both)), key=position.__getitem__)  # stable: categories keep their order
    return both.iloc[order].reset_index(drop=True)


@validate_params({**_PARAMS, "patient_actor": [str, None]})
def agency_by_outlet(
    events: pd.DataFrame,
    *,
    patient_actor: str | None = None,
    by: str | Sequence[str] = "outlet",
    event_types: str | Iterable[str] | None = None,
    agent_named: str = "span",
    voice: VoiceArg = DEFAULT_VOICE,
    level: float = 0.95,
    n_boot: int = 2000,
    seed: int = 0,
    exclude_docs: Iterable[str] | None = None,
) -> pd.DataFrame:
    """How each outlet builds the events that happen to ``patient_actor``.

    Parameters
    ----------
    events : DataFrame
        The table of :func:`mediakit.find_events`.
    patient_actor : str or None, default None
        Keep the events whose ``patient_actor`` is this actor (e.g.
        ``"palestinian_civilians"``); None keeps every event, pooled (the patient is
        what an event happened to, not a label's actor: events without a patient
        actor count too, and the result's ``patient_actor`` is ``""``).
    by : str or list of str
        Column(s) defining the groups compared (default ``"outlet"``).
    event_types : str or list of str, optional
        Event types kept (default: all of :data:`mediakit.events.EVENT_TYPES`);
        ``("kill", "die")`` asks about deaths only.
    agent_named : {"span", "actor"}
        What counts as a named agent (module docstring).
    voice : str, list or None, default "narration"
        ``"narration"`` (:data:`mediakit._validation.DEFAULT_VOICE`), ``"quote"``,
        ``"scare_quote"``, a list, ``"all"``/None, or ``"split"`` (each voice
        separately), as in :func:`mediakit.label_shares`.
    level, n_boot, seed : float, int, int, default 0.95, 2000, 0
        Percentile bootstrap over articles within each group: ``n_boot`` replicates,
        central ``level`` interval, deterministic for a given ``seed``.
    exclude_docs : iterable of str, optional
        Article ids left out first (e.g. :func:`mediakit.duplicate_docs_to_drop`).

    Returns
    -------
    DataFrame
        One row per group, measure and category, a complete grid: a construction an
        outlet never uses has ``n == 0``, and every group of the events table is
        there (every combination of the ``by`` values it holds; with
        ``voice="split"`` each with every voice in it), so an outlet with no event
        of ``patient_actor`` (of the types and voice kept) has rows with ``n == 0``,
        ``group_events == 0`` and NaN ``share``, ``lo`` and ``hi`` (no events: no
        share) rather than missing rows. An outlet with no event at all is not in
        the events table and so not in the result. Columns: the ``by`` columns, then

        * ``voice`` (the voice filter, or the row's voice with ``"split"``),
          ``patient_actor`` ("" when every event is kept), ``event_types`` (the types
          kept, joined by "+", or "all");
        * ``measure``: ``"construction"`` (categories: :data:`CONSTRUCTIONS`) or
          ``"agent"`` (categories ``"named"`` and ``"none"``);
        * ``category``, ``n`` (events), ``share`` (``n`` over the group's events; the
          shares of one measure sum to 1 in each group), ``lo``, ``hi`` (bootstrap
          interval of ``share``), ``n_docs`` (articles with such an event),
          ``group_events`` and ``group_docs`` (the group's events and articles).
    """
    by_cols = [by] if isinstance(by, str) else list(by)
    _check_events(events, by_cols, "agency_by_outlet")
    agent_column = _agent_column(agent_named)
    types = _event_types(event_types)
    kept, voice_name, keys = _selected(events, by=by_cols, event_types=types, voice=voice,
                                       exclude_docs=exclude_docs, function="agency_by_outlet")
    if patient_actor is not None:
        kept = kept.loc[(kept["patient_actor"].astype("string") == patient_actor).fillna(False)]
    kept = kept.loc[:, [*dict.fromkeys(["doc_id", *keys, "construction", agent_column])]]
    every_group = _every_group(events, keys, split=voice_name == SPLIT_VOICES)
    parts = []
    for measure, categories, column in (
        ("construction", list(CONSTRUCTIONS), kept["construction"].astype(str)),
        ("agent", list(AGENT_CATEGORIES),
         kept[agent_column].notna().map({True: "named", False: "none"}).astype(str)),
    ):
        # _share_table counts a "label" column; here the label is the category.
        table = _share_table(kept.assign(label=column), keys=keys, labels=categories,
                             unit="mention", level=level, n_boot=n_boot, seed=seed)
        table = table.rename(columns={"label": "category"})
        table = _with_empty_groups(table, every_group, keys, categories)
        table.insert(len(keys), "measure", measure)
        parts.append(table)
    table = pd.concat(parts, ignore_index=True)
    totals = table.groupby([*keys, "measure"], sort=False, dropna=False)["n"].transform("sum")
    table["group_events"] = totals.astype("int64")
    if voice_name != SPLIT_VOICES:
        table.insert(len(by_cols), "voice", voice_name)
    table.insert(len(by_cols) + 1, "patient_actor", patient_actor or "")
    table.insert(len(by_cols) + 2, "event_types", _types_name(types))
    columns = [*by_cols, *AGENCY_COLUMNS]
    table = table.loc[:, columns]
    return table.astype({"n": "int64", "n_docs": "int64", "group_docs": "int64",
                         "share": "float64", "lo": "float64", "hi": "float64"})


@validate_params(_PARAMS)
def agency_gap(
    events: pd.DataFrame,
    *,
    patient_actors: Sequence[str],
    by: str | Sequence[str] = "outlet",
    event_types: str | Iterable[str] | None = ("kill", "die"),
    agent_named: str = "span",
    voice: VoiceArg = DEFAULT_VOICE,
    level: float = 0.95,
    n_boot: int = 2000,
    seed: int = 0,
    exclude_docs: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Side by side for two groups: in each outlet, how often their events have an agent.

    "Whose dead are killed by someone, whose simply die": with the default
    ``event_types=("kill", "die")``, ``share`` is the fraction of the deaths of each
    group that the outlet tells with an agent named, and ``difference`` is the first
    group's share minus the second's, with a bootstrap interval that resamples the
    outlet's articles once for both groups (an article may report both).

    Parameters
    ----------
    events : DataFrame
        The table of :func:`mediakit.find_events`.
    patient_actors : pair of str
        The two actors compared (``patient_actor`` values), e.g.
        ``("israeli_civilians", "palestinian_civilians")``.
    by : str or list of str, default "outlet"
    event_types : str, list of str or None, default ("kill", "die")
    agent_named : {"span", "actor"}, default "span"
    voice : str, list of str or None, default "narration"
    level, n_boot, seed : float, int, int, default 0.95, 2000, 0
    exclude_docs : iterable of str or None, default None
        Each as in :func:`agency_by_outlet` (``voice="split"`` is not accepted here).

    Returns
    -------
    DataFrame
        Two rows per group, one per actor, in the order given. Columns: the ``by``
        columns, then ``voice``, ``event_types``, ``agent_named`` (the definition
        used), ``patient_actor``, ``n`` (its events), ``n_agent`` (those with an agent
        named), ``share`` (``n_agent / n``, NaN when ``n == 0``), ``lo``, ``hi``,
        ``n_docs`` (articles with its events), ``other_actor``, ``difference`` (this
        actor's share minus the other's; NaN unless both have events), and
        ``difference_lo``, ``difference_hi`` (its interval).
    """
    by_cols = [by] if isinstance(by, str) else list(by)
    _check_events(events, by_cols, "agency_gap")
    agent_column = _agent_column(agent_named)
    if isinstance(patient_actors, str) or len(patient_actors) != 2 or \
            patient_actors[0] == patient_actors[1]:
        raise InvalidParameterError(
            f"agency_gap: patient_actors must be two different actors, got {patient_actors!r}")
    types = _event_types(event_types)
    _, voice_name = parse_voice(voice, split=False, caller="agency_gap")
    kept, _, keys = _selected(events, by=by_cols, event_types=types, voice=voice,
                              exclude_docs=exclude_docs, function="agency_gap")
    actor_col = kept["patient_actor"].astype("string")
    rng = np.random.default_rng(seed)
    rows: list[dict[str, Any]] = []
    groups = (kept.groupby(keys, sort=True, dropna=False) if keys else [((), kept)])
    for key, sub in groups:
        key = key if isinstance(key, tuple) else (key,)
        doc_codes, doc_ids = pd.factorize(sub["doc_id"].astype(str), sort=True)
        named = sub[agent_column].notna().to_numpy()
        sub_actor = actor_col.loc[sub.index]
        # Per article: [events of a, named of a, events of b, named of b].
        matrix = np.zeros((len(doc_ids), 4))
        for j, actor in enumerate(patient_actors):
            mine = (sub_actor == actor).fillna(False).to_numpy(dtype=bool)
            np.add.at(matrix[:, 2 * j], doc_codes[mine], 1.0)
            np.add.at(matrix[:, 2 * j + 1], doc_codes[mine & named], 1.0)
        totals = matrix.sum(axis=0)
        share = _ratio(totals[[1, 3]], totals[[0, 2]])
        (boot,) = _boot_sums([matrix], n_boot, rng)
        boot_share = _ratio(boot[:, [1, 3]], boot[:, [0, 2]])
        boot_diff = np.stack([boot_share[:, 0] - boot_share[:, 1],
                              boot_share[:, 1] - boot_share[:, 0]], axis=1)
        lo, hi = _interval(boot_share, level, n_boot, 2)
        dlo, dhi = _interval(boot_diff, level, n_boot, 2)
        difference = np.array([share[0] - share[1], share[1] - share[0]])
        for j, actor in enumerate(patient_actors):
            row: dict[str, Any] = dict(zip(by_cols, key))
            row.update({
                "voice": voice_name, "event_types": _types_name(types), "agent_named": agent_named,
                "patient_actor": actor, "n": int(totals[2 * j]),
                "n_agent": int(totals[2 * j + 1]), "share": float(share[j]),
                "lo": float(lo[j]), "hi": float(hi[j]),
                "n_docs": int((matrix[:, 2 * j] > 0).sum()),
                "other_actor": patient_actors[1 - j], "difference": float(difference[j]),
                "difference_lo": float(dlo[j]), "difference_hi": float(dhi[j]),
            })
            rows.append(row)
    columns = [*by_cols, *AGENCY_GAP_COLUMNS]
    table = pd.DataFrame(rows, columns=columns)
    return table.astype({"n": "int64", "n_agent": "int64", "n_docs": "int64",
                         "share": "float64", "lo": "float64", "hi": "float64",
                         "difference": "float64", "difference_lo": "float64",
                         "difference_hi": "float64"})


# ----------------------------------------------------------------------------------
# Figures

def _axes(ax: Axes | None, size: tuple[float, float]) -> Axes:
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    _, new_ax = plt.subplots(figsize=size, layout="constrained")
    return new_ax


def _group_names(table: pd.DataFrame, known: Sequence[str]) -> pd.Series:
    """Row group names: the columns before ``known`` ones (the ``by`` columns)."""
    by = [c for c in table.columns if c not in known]
    if "voice" in table.columns and table["voice"].nunique() > 1:
        by.append("voice")
    if not by:
        return pd.Series(["all"] * len(table), index=table.index)
    return table[by].astype(str).agg(" / ".join, axis=1)


def plot_agency(
    table: pd.DataFrame, *, ax: Axes | None = None, title: str | None = None,
    intervals: bool = True,
) -> Axes:
    """Stacked horizontal bars: each outlet's mix of constructions, with whiskers.

    Parameters
    ----------
    table : DataFrame
        The output of :func:`agency_by_outlet` (its ``measure == "construction"``
        rows are drawn).
    ax : matplotlib Axes, optional
        Draw here; a new figure when None.
    title : str, optional
        The title; by default one naming the patient actor and voice.
    intervals : bool
        Draw each segment's bootstrap interval as a whisker at its right edge.

    Returns
    -------
    matplotlib Axes
        The Axes drawn on, as :func:`mediakit.plot.label_shares` draws label shares:
        one bar per group, segments in the order of
        :data:`mediakit.events.CONSTRUCTIONS`, and the share of events with an agent
        named written at the right of each bar ("no events" for a group without
        events of the actor: an empty bar). Outlet and construction names are
        drawn as text, never as mathtext.
    """
    from . import plot

    check_table(table, ["measure", "category", "share"], caller="plot_agency", table_name="agency")
    by = [c for c in table.columns if c not in AGENCY_COLUMNS]
    if "voice" in table.columns and table["voice"].nunique() > 1:
        by.append("voice")
    constructions = table.loc[table["measure"] == "construction"]
    # The construction rows as a label-shares table (label = construction), drawn
    # with the grouping columns named.
    shares = constructions.rename(columns={"category": "label"}).drop(columns=["voice"], errors="ignore")
    if "voice" in by:
        shares["voice"] = constructions["voice"]
    if title is None:
        actor = str(constructions["patient_actor"].iloc[0]) if len(constructions) else ""
        voice = str(constructions["voice"].iloc[0]) if len(constructions) and "voice" not in by else ""
        default = f"Events happening to {actor}" if actor else "Events"
        title_text = default + plot._voice_note(voice)
    ax = plot.label_shares(shares, ax=ax, title="", intervals=intervals, by=by, show_n=False)
    if title is None:
        ax.set_title(title_text, parse_math=False)
    else:
        ax.set_title(title)
    ax.set_xlabel("Share of events in each construction")
    legend = ax.get_legend()
    if legend is not None:  # moved right, past the "agent" shares written beside the bars
        legend.set_title("construction")
        legend.set_bbox_to_anchor((1.14, 1.0), transform=ax.transAxes)
    agents = table.loc[(table["measure"] == "agent") & (table["category"] == "named")]
    groups = [t.get_text() for t in ax.get_yticklabels()]
    names = agents[by].astype(str).agg(" / ".join, axis=1) if by else pd.Series(["all"] * len(agents), index=agents.index)
    for name, share in zip(names, agents["share"]):
        if name in groups:  # a group without events of the actor says so
            ax.text(1.01, groups.index(name), "no events" if pd.isna(share) else f"agent {share:.0%}",
                    va="center", fontsize="small", transform=ax.get_yaxis_transform(),
                    parse_math=False)
    return ax


def plot_agency_gap(
    table: pd.DataFrame, *, ax: Axes | None = None, title: str | None = None,
) -> Axes:
    """Dots with intervals: each outlet's "agent named" share for the two groups.

    Parameters
    ----------
    table : DataFrame
        The output of :func:`agency_gap`.
    ax : matplotlib Axes, optional
        Draw here; a new figure when None.
    title : str, optional
        The title; by default one naming the two actors.

    Returns
    -------
    matplotlib Axes
        One line per group (outlet), one dot per actor at its share with its
        bootstrap interval, the two dots joined so the gap is visible. Groups with no
        events of an actor have no dot for it.
    """
    check_table(table, ["patient_actor", "share", "lo", "hi"], caller="plot_agency_gap",
                table_name="agency gap")
    names = _group_names(table, AGENCY_GAP_COLUMNS)
    groups = list(dict.fromkeys(names))
    actors = list(dict.fromkeys(table["patient_actor"]))
    ax = _axes(ax, (8, 1.2 + 0.5 * max(1, len(groups))))
    position = {g: i for i, g in enumerate(groups)}
    colors = ("#0072B2", "#D55E00", "#009E73", "#CC79A7")
    offsets = np.linspace(-0.12, 0.12, max(1, len(actors)))
    for g in groups:
        shares = table.loc[names == g, "share"].to_numpy(dtype=float)
        ok = shares[~np.isnan(shares)]
        if len(ok) == 2:
            ax.plot(ok, [position[g]] * 2, color="#BBBBBB", linewidth=2, zorder=1)
    for k, actor in enumerate(actors):
        rows = table.loc[table["patient_actor"] == actor]
        rows_names = names.loc[rows.index]
        y = np.array([position[n] for n in rows_names], dtype=float) + offsets[k]
        share = rows["share"].to_numpy(dtype=float)
        lo = rows["lo"].to_numpy(dtype=float)
        hi = rows["hi"].to_numpy(dtype=float)
        ok = ~np.isnan(share)
        ax.scatter(share[ok], y[ok], color=colors[k % len(colors)], label=str(actor), zorder=3)
        whisker = ok & ~np.isnan(lo)
        if whisker.any():
            ax.errorbar(share[whisker], y[whisker],
                        xerr=[np.clip(share[whisker] - lo[whisker], 0, None),
                              np.clip(hi[whisker] - share[whisker], 0, None)],
                        fmt="none", ecolor=colors[k % len(colors)], elinewidth=1, capsize=2,
                        zorder=2)
    ax.set_yticks(np.arange(len(groups)), groups, parse_math=False)
    ax.invert_yaxis()
    ax.set_xlim(-0.02, 1.02)
    ax.set_xlabel("Share of events with an agent named")
    if title is None:
        ax.set_title("Who is said to have done it: " + " vs ".join(map(str, actors)),
                     parse_math=False)
    else:
        ax.set_title(title)
    legend = ax.legend(title="patient", loc="upper left", bbox_to_anchor=(1.01, 1.0),
                       frameon=False)
    for text in legend.get_texts():
        text.set_parse_math(False)
    return ax
