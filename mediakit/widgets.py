"""Interactive explorers built with ipywidgets (issue 6).

:func:`explorer` returns a widget (it never displays anything itself): put it last in
a notebook cell, or pass it to ``IPython.display.display``. Its controls pick an
outlet, an actor, one of the actor's labels, a voice and a context window; the
label-share plot and the keyword-in-context (KWIC) table below them update together
whenever a control changes.

Every piece of article text the widgets put into HTML (contexts, matches, outlet
names, speakers, error messages) is escaped with :func:`html.escape`: an article is
untrusted input and must not be able to inject markup or script into a notebook.

The explorer keeps its state in plain attributes, so scripts and tests can drive it
without a browser: set ``explorer.controls["outlet"].value`` (or call
:meth:`Explorer.select`) and read ``explorer.current_rows``, ``explorer.current_shares``,
``explorer.kwic_html`` and ``explorer.plot_png``.

:func:`lexicon_editor` is a small YAML editor for a lexicon with a "Validate" button
that shows the :class:`~mediakit.errors.LexiconError` of a bad entry, or a summary of
the lexicon when it is valid.
"""

from __future__ import annotations

import html
import io
from collections.abc import Mapping
from typing import Any

import ipywidgets as widgets
import matplotlib
import numpy as np
import pandas as pd

from . import compare as _compare
from . import plot as _plot
from ._validation import check_table
from .errors import LexiconError
from .lexicon import Lexicon
from .text import tokenize

__all__ = ["ALL", "PLOT_CSS_PPI", "PLOT_DPI", "ROW_COLUMNS", "VOICE_CHOICES", "Explorer",
           "LexiconEditor", "explorer", "lexicon_editor"]

#: The value of the outlet and label selectors that means "no filter".
ALL = "(all)"
#: The voice selector's choices, in display order.
VOICE_CHOICES: tuple[str, ...] = ("narration", "quote", "scare_quote", "all")
#: Columns of :attr:`Explorer.current_rows`.
ROW_COLUMNS: tuple[str, ...] = (
    "doc_id", "outlet", "date", "actor", "label", "left", "match", "right", "voice",
    "speaker", "start", "end",
)
#: Resolution of the explorer's plot (pixels per inch of the PNG).
PLOT_DPI = 200
#: Width at which the plot is shown, in CSS pixels per inch of figure: half of
#: :data:`PLOT_DPI`, so every CSS pixel gets two image pixels (a sharp plot on a
#: high-density screen, never a small image stretched).
PLOT_CSS_PPI = 100
_NEEDED = ("doc_id", "outlet", "date", "actor", "label", "match", "start", "end", "voice")


def _esc(value: Any) -> str:
    """Escaped text of a cell; missing values show as an empty cell."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return html.escape(str(value), quote=True)


def _context(text: str, start: int, end: int, window: int) -> tuple[str, str]:
    """``window`` word tokens of ``text`` left of ``start`` and right of ``end``, on one line."""
    spans = tokenize(text)
    starts = np.fromiter((s for s, _ in spans), dtype=np.int64, count=len(spans))
    ends = np.fromiter((e for _, e in spans), dtype=np.int64, count=len(spans))
    first = int(np.searchsorted(ends, start + 1))  # first token ending after start
    last = int(np.searchsorted(starts, end))  # first token starting at/after end
    left_from = int(starts[max(first - window, 0)]) if window and first > 0 else start
    right_to = int(ends[min(last + window, len(spans)) - 1]) if window and last < len(spans) else end
    return " ".join(text[left_from:start].split()), " ".join(text[end:right_to].split())


class Explorer(widgets.VBox):
    """The widget :func:`explorer` returns: controls, a plot and a KWIC table.

    Attributes
    ----------
    controls
        ``{"outlet", "actor", "label", "voice", "window"}`` -> the control widgets.
        Setting a control's ``value`` updates everything below it.
    current_rows
        The KWIC rows matching the controls (all of them; the table shows the first
        ``max_rows``), sorted by date, outlet, article and position. Columns
        :data:`ROW_COLUMNS`, plus ``compound_masked`` when the mentions are scored.
    current_shares
        The :func:`mediakit.label_shares` table behind the plot (every outlet, the
        chosen actor and voice), or an empty frame when nothing matches.
    kwic_html
        The HTML of the KWIC table (all article text escaped).
    status_html
        The one-line summary above the table (escaped).
    plot_png
        The PNG bytes of the current plot (``b""`` when there is nothing to plot),
        drawn at :data:`PLOT_DPI` and shown :data:`PLOT_CSS_PPI` CSS pixels per inch.
    plot_colors
        Label -> colour of the bars in the current plot: the lexicon's colours
        (:func:`mediakit.plot.label_colors`) when the explorer was given an
        :class:`~mediakit.Analysis`, so they match the report and the notebooks.
    """

    def __init__(
        self,
        mentions: pd.DataFrame,
        texts: Mapping[str, str] | None,
        *,
        actor: str | None,
        voice: str,
        outlet: str | None,
        label: str | None,
        window: int,
        max_rows: int,
        n_boot: int,
        seed: int,
        actor_order: list[str],
        label_order: dict[str, list[str]],
        palettes: dict[str, dict[str, str]],
    ) -> None:
        self._mentions = mentions
        self._texts = texts
        self._max_rows = max_rows
        self._n_boot = n_boot
        self._seed = seed
        self._label_order = label_order
        self._palettes = palettes
        self._holding = False
        self._share_cache: dict[tuple[str, str], pd.DataFrame] = {}
        self._plotted: tuple[str, ...] | None = None
        self.current_rows = pd.DataFrame(columns=list(ROW_COLUMNS))
        self.current_shares = pd.DataFrame()
        self.kwic_html = ""
        self.status_html = ""
        self.plot_png = b""
        self.plot_colors: dict[str, str] = {}

        outlets = sorted(mentions["outlet"].dropna().astype(str).unique())
        chosen_actor = actor if actor is not None else actor_order[0]
        self.controls: dict[str, widgets.Widget] = {
            "outlet": widgets.Dropdown(
                options=[ALL, *outlets], value=outlet if outlet is not None else ALL,
                description="Outlet"),
            "actor": widgets.Dropdown(options=actor_order, value=chosen_actor, description="Actor"),
            "label": widgets.Dropdown(
                options=[ALL, *label_order[chosen_actor]],
                value=label if label is not None else ALL, description="Label"),
            "voice": widgets.Dropdown(options=list(VOICE_CHOICES), value=voice, description="Voice"),
            "window": widgets.IntSlider(
                value=window, min=1, max=30, step=1, description="Context", continuous_update=False),
        }
        # Drawn at PLOT_DPI and shown at PLOT_CSS_PPI pixels per inch: sharp on a
        # high-density screen, never an image stretched past its own pixels.
        self._image = widgets.Image(format="png", layout=widgets.Layout(max_width="100%"))
        self._status = widgets.HTML()
        self._table = widgets.HTML()
        row1 = widgets.HBox([self.controls["outlet"], self.controls["actor"], self.controls["label"]])
        row2 = widgets.HBox([self.controls["voice"], self.controls["window"]])
        super().__init__([row1, row2, self._image, self._status, self._table])
        self.controls["actor"].observe(self._on_actor, names="value")
        for name in ("outlet", "label", "voice", "window"):
            self.controls[name].observe(self._on_change, names="value")
        self.refresh()

    def __repr__(self) -> str:
        # Short and stable: the default widget repr would print every child's value,
        # the PNG bytes and the whole table included.
        state = ", ".join(f"{k}={v!r}" for k, v in self.state.items())
        return f"Explorer({state}; {len(self.current_rows)} rows)"

    # -- driving it ------------------------------------------------------------------
    def select(self, **values: Any) -> Explorer:
        """Set several controls at once (``outlet=, actor=, label=, voice=, window=``),
        then update once. Returns the explorer, so a cell can end with it."""
        unknown = set(values) - set(self.controls)
        if unknown:
            raise ValueError(f"unknown control(s) {sorted(unknown)}; controls: {list(self.controls)}")
        self._holding = True
        try:
            # The actor first: it decides which labels exist.
            for name in sorted(values, key=lambda n: n != "actor"):
                control = self.controls[name]
                value = values[name]
                if name in ("outlet", "label") and value is None:
                    value = ALL
                if name != "window" and value not in control.options:
                    raise ValueError(f"{name} {value!r} is not available; choose one of {list(control.options)}")
                control.value = value
        finally:
            self._holding = False
        self.refresh()
        return self

    @property
    def state(self) -> dict[str, Any]:
        """The controls' current values."""
        return {name: control.value for name, control in self.controls.items()}

    # -- reacting --------------------------------------------------------------------
    def _on_actor(self, change: dict[str, Any]) -> None:
        labels = self._label_order[change["new"]]
        was = self._holding
        self._holding = True
        try:
            keep = self.controls["label"].value
            self.controls["label"].options = [ALL, *labels]
            self.controls["label"].value = keep if keep in labels else ALL
        finally:
            self._holding = was
        if not self._holding:
            self.refresh()

    def _on_change(self, change: dict[str, Any]) -> None:
        if not self._holding:
            self.refresh()

    def refresh(self) -> None:
        """Recompute the plot, the rows and the table from the controls."""
        state = self.state
        self._update_rows(state)
        self._update_plot(state)
        self._image.value = self.plot_png
        self._status.value = self.status_html
        self._table.value = self.kwic_html

    # -- the KWIC table ----------------------------------------------------------------
    def _selected_mentions(self, state: Mapping[str, Any]) -> pd.DataFrame:
        m = self._mentions
        keep = m["actor"] == state["actor"]
        if state["outlet"] != ALL:
            keep &= m["outlet"] == state["outlet"]
        if state["label"] != ALL:
            keep &= m["label"] == state["label"]
        if state["voice"] != "all":
            keep &= m["voice"] == state["voice"]
        return m.loc[keep.fillna(False).astype(bool)]

    def _update_rows(self, state: Mapping[str, Any]) -> None:
        chosen = self._selected_mentions(state).sort_values(
            ["date", "outlet", "doc_id", "start"], kind="stable", na_position="last")
        window = int(state["window"])
        lefts: list[str] = []
        rights: list[str] = []
        row: Any  # a named tuple of the table's columns (pandas-stubs type them as any cell)
        for row in chosen.itertuples(index=False):
            start, end = int(row.start), int(row.end)
            if self._texts is not None and str(row.doc_id) in self._texts:
                left, right = _context(self._texts[str(row.doc_id)], start, end, window)
            else:  # no article text: the sentence is the context
                offset = int(row.sentence_start)
                left, right = _context(str(row.sentence), start - offset, end - offset, window)
            lefts.append(left)
            rights.append(right)
        rows = pd.DataFrame({
            "doc_id": chosen["doc_id"].astype("str").to_numpy(),
            "outlet": chosen["outlet"].astype("str").to_numpy(),
            "date": chosen["date"].to_numpy(),
            "actor": chosen["actor"].astype("str").to_numpy(),
            "label": chosen["label"].astype("str").to_numpy(),
            "left": pd.array(lefts, dtype="str"),
            "match": chosen["match"].astype("str").to_numpy(),
            "right": pd.array(rights, dtype="str"),
            "voice": chosen["voice"].astype("str").to_numpy(),
            "speaker": (chosen["speaker"] if "speaker" in chosen.columns
                        else pd.Series(pd.NA, index=chosen.index, dtype="string")).to_numpy(),
            "start": chosen["start"].astype("int64").to_numpy(),
            "end": chosen["end"].astype("int64").to_numpy(),
        })
        if "compound_masked" in chosen.columns:
            rows["compound_masked"] = chosen["compound_masked"].astype("float64").to_numpy()
        self.current_rows = rows
        self.kwic_html = _kwic_table_html(rows.head(self._max_rows))
        where = "all outlets" if state["outlet"] == ALL else state["outlet"]
        which = "every label" if state["label"] == ALL else f"label {state['label']}"
        voice = "every voice" if state["voice"] == "all" else f"{state['voice']} voice"
        shown = min(len(rows), self._max_rows)
        self.status_html = (
            f"<b>{len(rows)}</b> mention(s) of {_esc(state['actor'])} ({_esc(which)}, {_esc(voice)}) "
            f"in {_esc(where)}" + (f"; showing the first {shown}" if shown < len(rows) else "")
        )

    # -- the plot ----------------------------------------------------------------------
    def _shares(self, actor: str, voice: str) -> pd.DataFrame:
        """The label-share table of the plot, computed once per actor and voice."""
        if (actor, voice) not in self._share_cache:
            m = self._mentions
            in_voice = (m["actor"] == actor) & ((m["voice"] == voice) if voice != "all" else True)
            if not in_voice.any():  # nothing to plot; the empty state is shown instead
                self._share_cache[(actor, voice)] = pd.DataFrame()
                return self._share_cache[(actor, voice)]
            # Every label of the actor stays in the table (n == 0 where unused in this
            # voice), so a label keeps its colour whichever voice is chosen.
            shares = _compare.label_shares(
                self._mentions, actor=actor, voice=voice, n_boot=self._n_boot, seed=self._seed)
            if not shares.empty:
                shares = shares.loc[shares["n"].groupby(shares["outlet"]).transform("sum") > 0]
            self._share_cache[(actor, voice)] = (
                shares.reset_index(drop=True) if not shares.empty else pd.DataFrame())
        return self._share_cache[(actor, voice)]

    def _update_plot(self, state: Mapping[str, Any]) -> None:
        from matplotlib.container import BarContainer
        from matplotlib.figure import Figure

        key = (state["actor"], state["voice"], state["label"], state["outlet"])
        if key == self._plotted:
            return  # only the context window changed
        shares = self._shares(state["actor"], state["voice"])
        self.current_shares = shares
        self._plotted = key
        if shares.empty:
            self.plot_png = b""
            self.plot_colors = {}
            return
        n_outlets = shares["outlet"].nunique()
        n_labels = shares["label"].nunique()
        # Outlet and label names come from the data: "$" in them is text, not mathtext.
        with matplotlib.rc_context({"text.parse_math": False}):
            # A Figure not registered with pyplot: nothing is shown inline by accident.
            size = (9.0, _plot._bars_height(n_outlets, n_labels))
            fig = Figure(figsize=size, layout="constrained")
            ax = fig.subplots()
            _plot.label_shares(shares, ax=ax, palette=self._palettes.get(state["actor"]))
            self.plot_colors = {
                str(c.get_label()): matplotlib.colors.to_hex(c.patches[0].get_facecolor())
                for c in ax.containers
                if isinstance(c, BarContainer) and c.patches
                and not str(c.get_label()).startswith("_")}
            _highlight(ax, label=state["label"], outlet=state["outlet"])
            buffer = io.BytesIO()
            fig.savefig(buffer, format="png", dpi=PLOT_DPI)
        self._image.width = str(round(size[0] * PLOT_CSS_PPI))
        self.plot_png = buffer.getvalue()


def _highlight(ax: Any, *, label: str, outlet: str) -> None:
    """Fade every label but ``label`` and embolden the tick of ``outlet``."""
    from matplotlib.container import BarContainer

    if label != ALL:
        for container in ax.containers:
            if isinstance(container, BarContainer) and container.get_label() != label:
                for patch in container.patches:
                    patch.set_alpha(0.25)
        legend = ax.get_legend()
        if legend is not None:
            for text, handle in zip(legend.get_texts(), legend.legend_handles):
                if text.get_text() != label and handle is not None:
                    handle.set_alpha(0.25)
                else:
                    text.set_fontweight("bold")
    if outlet != ALL:
        for tick in ax.get_yticklabels():
            if tick.get_text() == outlet:
                tick.set_fontweight("bold")


def _kwic_table_html(rows: pd.DataFrame) -> str:
    """The KWIC rows as an HTML table; every cell escaped."""
    if rows.empty:
        return "<p><i>No mentions match these choices.</i></p>"
    has_tone = "compound_masked" in rows.columns
    head = ["date", "outlet", "left", "match", "right", "label", "voice", "speaker"]
    if has_tone:
        head.append("tone (masked)")
    cell = "padding:2px 6px;border-bottom:1px solid #ddd;"
    parts = ["<table style='border-collapse:collapse;font-size:90%'>", "<thead><tr>"]
    parts += [f"<th style='{cell}text-align:left'>{_esc(h)}</th>" for h in head]
    parts.append("</tr></thead><tbody>")
    row: Any  # a named tuple of the table's columns (pandas-stubs type them as any cell)
    for row in rows.itertuples(index=False):
        date = "" if pd.isna(row.date) else pd.Timestamp(row.date).strftime("%Y-%m-%d")
        cells = [
            f"<td style='{cell}white-space:nowrap'>{_esc(date)}</td>",
            f"<td style='{cell}'>{_esc(row.outlet)}</td>",
            f"<td style='{cell}text-align:right'>{_esc(row.left)}</td>",
            f"<td style='{cell}text-align:center'><b>{_esc(row.match)}</b></td>",
            f"<td style='{cell}'>{_esc(row.right)}</td>",
            f"<td style='{cell}'>{_esc(row.label)}</td>",
            f"<td style='{cell}'>{_esc(row.voice)}</td>",
            f"<td style='{cell}'>{_esc(row.speaker)}</td>",
        ]
        if has_tone:
            tone = "" if pd.isna(row.compound_masked) else f"{row.compound_masked:+.2f}"
            cells.append(f"<td style='{cell}text-align:right'>{tone}</td>")
        parts.append("<tr>" + "".join(cells) + "</tr>")
    parts.append("</tbody></table>")
    return "".join(parts)


def explorer(
    analysis_or_mentions: Any,
    *,
    corpus: pd.DataFrame | None = None,
    actor: str | None = None,
    voice: str = "narration",
    outlet: str | None = None,
    label: str | None = None,
    window: int = 6,
    max_rows: int = 100,
    n_boot: int = 500,
    seed: int = 0,
) -> Explorer:
    """An explorer of one actor's labels across outlets, returned as a widget.

    Parameters
    ----------
    analysis_or_mentions : Analysis or pandas.DataFrame
        A :class:`mediakit.Analysis` (its ``mentions``, ``corpus`` and lexicon order
        are used) or a mentions table (:func:`mediakit.find_mentions`, scored or not).
    corpus : pandas.DataFrame or None, default None
        The corpus (``doc_id, text``) the contexts are cut from. Defaults to the
        analysis's corpus; without one, a mention's own sentence is its context.
    actor : str or None, default None
        The actor selected first (default: the first in lexicon order, or
        alphabetically for a bare mentions table).
    voice : str, default "narration"
        ``"narration"`` (default: the outlet's own words), ``"quote"``,
        ``"scare_quote"`` or ``"all"``.
    outlet, label : str or None, default None
        Initial selections (default: all outlets, every label).
    window : int, default 6
        Words of context on each side of a match in the KWIC table.
    max_rows : int, default 100
        Rows shown in the table (:attr:`Explorer.current_rows` holds all of them).
    n_boot, seed : int, default 500, 0
        Bootstrap replicates and seed of the plot's intervals
        (:func:`mediakit.label_shares`).

    Returns
    -------
    Explorer
        An ``ipywidgets.VBox`` with the controls, the label-share plot (every outlet,
        the chosen actor and voice; the chosen label highlighted, the chosen outlet in
        bold) and the KWIC table (the chosen outlet, actor, label and voice). It is not
        displayed: end a cell with it to show it.
    """
    mentions, corpus, lexicon = _explorer_inputs(analysis_or_mentions, corpus)
    _check_explorer_options(mentions, corpus=corpus, voice=voice, window=window, max_rows=max_rows)
    texts = _corpus_texts(corpus, mentions)
    actor_order, label_order = _actor_and_label_order(mentions, lexicon)
    _check_selection(mentions, label_order, actor=actor, label=label, outlet=outlet)
    return Explorer(
        mentions, texts, actor=actor, voice=voice, outlet=outlet, label=label, window=window,
        max_rows=max_rows, n_boot=n_boot, seed=seed, actor_order=actor_order,
        label_order=label_order, palettes=_palettes(lexicon, label_order),
    )


def _explorer_inputs(
    analysis_or_mentions: Any, corpus: pd.DataFrame | None,
) -> tuple[pd.DataFrame, pd.DataFrame | None, Lexicon | None]:
    """The mentions, the corpus and the lexicon (if any) of :func:`explorer`'s input.

    An :class:`~mediakit.Analysis` gives its mentions, its corpus (unless ``corpus`` is
    given) and its lexicon; a DataFrame is a mentions table with no lexicon.
    """
    if isinstance(analysis_or_mentions, pd.DataFrame):
        return analysis_or_mentions, corpus, None
    if hasattr(analysis_or_mentions, "mentions") and hasattr(analysis_or_mentions, "corpus"):
        lexicon = getattr(analysis_or_mentions, "lexicon", None)
        return (analysis_or_mentions.mentions,
                analysis_or_mentions.corpus if corpus is None else corpus,
                lexicon if isinstance(lexicon, Lexicon) else None)
    raise TypeError(
        "explorer expects a mediakit.Analysis or a mentions DataFrame, "
        f"got {type(analysis_or_mentions).__name__}")


def _check_explorer_options(
    mentions: pd.DataFrame, *, corpus: pd.DataFrame | None, voice: str, window: int, max_rows: int,
) -> None:
    """Raise on a mentions table :func:`explorer` cannot show, or a bad option."""
    needed = list(_NEEDED) + ([] if corpus is not None else ["sentence", "sentence_start"])
    check_table(mentions, needed, caller="explorer", table_name="mentions")
    if mentions.empty:
        raise ValueError("the mentions table is empty: there is nothing to explore")
    if voice not in VOICE_CHOICES:
        raise ValueError(f"voice must be one of {list(VOICE_CHOICES)}, got {voice!r}")
    if isinstance(window, bool) or not isinstance(window, int) or not 1 <= window <= 30:
        raise ValueError(f"window must be an integer from 1 to 30, got {window!r}")
    if isinstance(max_rows, bool) or not isinstance(max_rows, int) or max_rows < 1:
        raise ValueError(f"max_rows must be a positive integer, got {max_rows!r}")


def _corpus_texts(corpus: pd.DataFrame | None, mentions: pd.DataFrame) -> dict[str, str] | None:
    """doc_id -> text of ``corpus`` (None without one); every mentioned article must be in it."""
    if corpus is None:
        return None
    check_table(corpus, ["doc_id", "text"], caller="explorer", table_name="corpus")
    texts = dict(zip(corpus["doc_id"].astype(str), corpus["text"].astype(str)))
    absent = sorted(set(mentions["doc_id"].astype(str)) - set(texts))
    if absent:
        raise ValueError(f"{len(absent)} mentioned doc_id(s) are not in the corpus, e.g. {absent[:3]}")
    return texts


def _actor_and_label_order(
    mentions: pd.DataFrame, lexicon: Lexicon | None,
) -> tuple[list[str], dict[str, list[str]]]:
    """The actors with mentions, and each one's labels with mentions, in display order.

    The lexicon's order when there is a lexicon (pairs it does not list go last,
    alphabetically); alphabetical for a bare mentions table.
    """
    present = mentions[["actor", "label"]].dropna().astype(str).drop_duplicates()
    if lexicon is not None:
        order = {pair: i for i, pair in enumerate(lexicon.labels)}
        pairs = sorted(present.itertuples(index=False, name=None),
                       key=lambda p: (order.get(p, len(order)), p))
    else:
        pairs = sorted(present.itertuples(index=False, name=None))
    actor_order = list(dict.fromkeys(a for a, _ in pairs))
    label_order = {a: [lb for a2, lb in pairs if a2 == a] for a in actor_order}
    return actor_order, label_order


def _check_selection(
    mentions: pd.DataFrame, label_order: dict[str, list[str]], *,
    actor: str | None, label: str | None, outlet: str | None,
) -> None:
    """Raise when the initial actor, label or outlet has no mentions to show."""
    if actor is not None and actor not in label_order:
        raise ValueError(f"actor {actor!r} has no mentions; actors present: {list(label_order)}")
    first_actor = actor if actor is not None else list(label_order)[0]
    if label is not None and label not in label_order[first_actor]:
        raise ValueError(
            f"label {label!r} has no mentions of {first_actor!r}; labels: {label_order[first_actor]}")
    outlets = set(mentions["outlet"].dropna().astype(str))
    if outlet is not None and outlet not in outlets:
        raise ValueError(f"outlet {outlet!r} has no mentions; outlets: {sorted(outlets)}")


def _palettes(lexicon: Lexicon | None, label_order: dict[str, list[str]]) -> dict[str, dict[str, str]]:
    """Actor -> label -> colour: the lexicon's colours when there is a lexicon, so a
    label looks as it does in the report and the notebooks; else the actor's labels'
    colours in the order listed."""
    return {a: (_plot.label_colors(lexicon, actor=a)
                if lexicon is not None and a in lexicon.actors
                else _plot.label_colors(labels)) for a, labels in label_order.items()}


# ------------------------------------------------------------------ lexicon editor


class LexiconEditor(widgets.VBox):
    """The widget :func:`lexicon_editor` returns.

    Attributes
    ----------
    text
        The ``Textarea`` holding the lexicon as YAML.
    button
        The "Validate" button (``button.click()`` runs it from code).
    lexicon
        The last lexicon that validated (the starting one until then).
    error
        The message of the last failed validation, or None.
    message_html
        The HTML below the button (escaped).
    """

    def __init__(self, lexicon: Lexicon, rows: int) -> None:
        self.lexicon = lexicon
        self.error: str | None = None
        self.message_html = ""
        self.text = widgets.Textarea(
            value=lexicon.to_yaml(), rows=rows, layout=widgets.Layout(width="100%"))
        self.button = widgets.Button(description="Validate", button_style="primary")
        self._message = widgets.HTML()
        super().__init__([self.text, self.button, self._message])
        self.button.on_click(lambda _button: self.validate())
        self.validate()

    def __repr__(self) -> str:
        status = "valid" if self.error is None else "not valid"
        return f"LexiconEditor({self.lexicon.name!r}, {status})"

    def validate(self) -> Lexicon | None:
        """Parse the text; on success keep and return the lexicon, else show the error."""
        try:
            lexicon = Lexicon.from_yaml(self.text.value)
        except LexiconError as err:
            self.error = str(err)
            self.message_html = (
                "<p style='color:#B00020'><b>Not valid:</b> " + _esc(self.error) + "</p>")
            self._message.value = self.message_html
            return None
        self.lexicon = lexicon
        self.error = None
        n_patterns = len(lexicon.patterns)
        self.message_html = (
            f"<p style='color:#006400'><b>Valid:</b> {_esc(lexicon.name)}, "
            f"{len({a for a, _ in lexicon.labels})} actor(s), {len(lexicon.labels)} label(s), "
            f"{n_patterns} pattern(s).</p>")
        self._message.value = self.message_html
        return lexicon


def lexicon_editor(lexicon: Lexicon, *, rows: int = 20) -> LexiconEditor:
    """A YAML editor for ``lexicon`` with a "Validate" button, returned as a widget.

    The text area starts with ``lexicon.to_yaml()``. Validating parses the text
    (safe YAML loading) into a :class:`Lexicon`; a bad entry shows the
    :class:`~mediakit.errors.LexiconError` naming it, and a good one replaces
    ``editor.lexicon``, ready for :func:`mediakit.analyze`.

    Parameters
    ----------
    lexicon : Lexicon
        The lexicon to start from (:func:`mediakit.load_lexicon`). Never modified.
    rows : int, default 20
        Height of the text area, in lines (a positive integer).

    Returns
    -------
    LexiconEditor
        An ``ipywidgets.VBox`` with the text area, the button and the message. It is
        not displayed: end a cell with it to show it.
    """
    if not isinstance(lexicon, Lexicon):
        raise TypeError(f"lexicon_editor expects a mediakit.Lexicon, got {type(lexicon).__name__}")
    if isinstance(rows, bool) or not isinstance(rows, int) or rows < 1:
        raise ValueError(f"rows must be a positive integer, got {rows!r}")
    return LexiconEditor(lexicon, rows)
