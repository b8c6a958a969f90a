"""The report's figures on real news (FA-KES) and the sample: colours, legends, clipping.

Checked on the drawn artists (legend texts, bar colours, text extents), never on pixels.
Every figure is drawn with warnings turned into errors, so a note matplotlib would
print to the user's terminal ("constrained_layout not applied") fails the test.
"""

from __future__ import annotations

import re
import warnings
from pathlib import Path

import matplotlib
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_hex
from matplotlib.patches import Rectangle
from matplotlib.text import Text

import mediakit as mk
from mediakit import plot
from mediakit.report import build_report
from mediakit.report.figures import _figure

REPO = Path(__file__).resolve().parents[1]
FAKES = REPO.parent / "shared" / "data" / "fa-kes-dev" / "FA-KES-dev.csv"
ACTOR = "armed_opposition"


@pytest.fixture(scope="module")
def fakes():
    if not FAKES.is_file():
        pytest.skip("FA-KES (../shared/data/fa-kes-dev) is not beside this checkout")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # its latin-1 decoding note
        return mk.load_corpus(FAKES, encoding="latin-1", columns={
            "article_content": "text", "article_title": "title", "source": "outlet"})


@pytest.fixture(scope="module")
def three_outlets(fakes):
    """The report on asharqalawsat, sana and trt, whose label mixes barely overlap."""
    corpus = fakes.loc[fakes["outlet"].isin(["asharqalawsat", "sana", "trt"])]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return build_report(corpus)


@pytest.fixture(scope="module")
def sana_alone(fakes):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return build_report(fakes.loc[fakes["outlet"] == "sana"])


def _drawn(spec):
    """The figure of ``spec``, drawn on an Agg canvas with every warning an error."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig = _figure(spec)
        FigureCanvasAgg(fig)
        fig.canvas.draw()
    return fig


def _legend_names(fig):
    legends = [*fig.legends, *(ax.get_legend() for ax in fig.axes if ax.get_legend())]
    return [t.get_text() for legend in legends for t in legend.get_texts()]


def _bar_colors(fig):
    """Label -> colour of the stacked bars (a bar's label is the legend entry)."""
    colors = {}
    for ax in fig.axes:
        for container in ax.containers:
            patches = [p for p in container if isinstance(p, Rectangle)]
            if patches and not container.get_label().startswith("_"):
                colors[container.get_label()] = to_hex(patches[0].get_facecolor())
    return colors


def _clipped(fig):
    """The Axes (with their ticks, titles, texts and legends) and figure legends that
    reach outside the figure, with 1 px of tolerance."""
    renderer = fig.canvas.get_renderer()
    box = fig.bbox
    out = []
    parts = [(ax.get_title() or "axes", ax.get_tightbbox(renderer)) for ax in fig.axes
             if ax.get_visible()]
    parts += [("figure legend", legend.get_window_extent(renderer)) for legend in fig.legends]
    for name, extent in parts:
        if extent is None:
            continue
        if (extent.x0 < box.x0 - 1 or extent.y0 < box.y0 - 1
                or extent.x1 > box.x1 + 1 or extent.y1 > box.y1 + 1):
            out.append(name)
    return out


def test_over_time_legend_lists_every_label_of_every_panel(three_outlets):
    spec = three_outlets.figures["shares_over_time"]
    fig = _drawn(spec)
    drawn = {line.get_label() for ax in fig.axes for line in ax.lines
             if line.get_marker() == "o"}
    names = _legend_names(fig)
    # sana's own words: absent from the first panel (asharqalawsat), present in the legend
    assert {"terrorist", "extremist"} <= drawn
    assert {"terrorist", "extremist"} <= set(names)
    assert drawn <= set(names)
    assert len(names) == len(set(names))  # each label once


def test_every_report_figure_lists_what_it_draws_and_clips_nothing(three_outlets, sana_alone):
    for report in (three_outlets, sana_alone):
        for name, spec in report.figures.items():
            fig = _drawn(spec)
            assert _clipped(fig) == [], name
            labels = set(spec.data["label"].astype(str)) if "label" in spec.data.columns else set()
            drawn = {c.get_label() for ax in fig.axes for c in ax.containers} & labels
            assert drawn <= set(_legend_names(fig)), name


def test_a_label_keeps_its_colour_whatever_the_corpus_holds(three_outlets, sana_alone):
    expected = plot.label_colors("conflict", actor=ACTOR)  # the report's default lexicon
    seen = {}
    for report in (three_outlets, sana_alone):
        for name in ("label_shares", "label_shares_by_voice"):
            colors = _bar_colors(_drawn(report.figures[name]))
            assert colors and colors == {k: expected[k].lower() for k in colors}, name
            seen.update(colors)
    assert seen["terrorist"] == expected["terrorist"].lower()
    # sana alone draws fewer labels than the three outlets; none changes colour
    fewer = set(_bar_colors(_drawn(sana_alone.figures["label_shares"])))
    more = set(_bar_colors(_drawn(three_outlets.figures["label_shares"])))
    assert fewer < more


def test_bars_show_their_n_on_fakes(three_outlets):
    table = three_outlets.tables["label_shares"]
    fig = _drawn(three_outlets.figures["label_shares"])
    ax = fig.axes[0]
    shown = [t.get_text() for t in ax.texts if t.get_text().startswith("n=")]
    totals = table.groupby("outlet", sort=False)["n"].sum()
    assert shown == [f"n={int(totals[o]):,}" for o in
                     [t.get_text() for t in ax.get_yticklabels()]]
    assert len(shown) == 3


def test_tone_figure_is_one_panel_per_label_on_one_scale(three_outlets):
    spec = three_outlets.figures["tone_by_label"]
    fig = _drawn(spec)
    panels = [ax for ax in fig.axes if ax.axison]
    titles = [ax.get_title() for ax in panels]
    table = spec.data
    used = [lab for lab in table["label"].drop_duplicates()
            if table.loc[table["label"] == lab, "mean"].notna().any()]
    assert titles == used
    assert {ax.get_xlim() for ax in panels} == {(-1.05, 1.05)}


def test_the_sample_report_draws_without_warnings():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        report = build_report(mk.load_sample(), lexicon="marenna")
    expected = plot.label_colors("marenna", actor=report.actor)
    for spec in report.figures.values():
        fig = _drawn(spec)
        assert _clipped(fig) == [], spec.name
        for label, color in _bar_colors(fig).items():
            assert color == expected[label].lower()
    assert matplotlib.get_backend()  # drawing left the backend alone


def test_contexts_scatter_has_plain_log_ticks_and_words_apart(three_outlets):
    spec = three_outlets.figures["distinguishing_contexts"]
    fig = _drawn(spec)
    ax = fig.axes[0]
    assert ax.get_xscale() == "log"
    lo, hi = ax.get_xlim()
    ticks = [t.get_text() for t, loc in zip(ax.get_xticklabels(), ax.get_xticks())
             if lo <= loc <= hi]
    assert ticks and all(re.fullmatch(r"[\d,]+(\.\d+)?", t) for t in ticks), ticks
    assert {"10", "20", "50"} <= set(ticks)
    renderer = fig.canvas.get_renderer()
    boxes = [Text.get_window_extent(t, renderer) for t in ax.texts]  # the words, no leaders
    assert len(boxes) >= 20  # a crowded figure: 15 words a side at most
    overlapping = [(ax.texts[i].get_text(), ax.texts[j].get_text())
                   for i in range(len(boxes)) for j in range(i + 1, len(boxes))
                   if boxes[i].overlaps(boxes[j])]
    assert overlapping == []
    # each side in its label's colour
    palette = plot.label_colors("conflict", actor=ACTOR)
    a, b = spec.data["a"].iloc[0], spec.data["b"].iloc[0]
    sides = {c.get_label(): to_hex(c.get_facecolor()[0]) for c in ax.collections
             if c.get_label().startswith("more in")}
    assert sides == {f"more in {a}": palette[a].lower(), f"more in {b}": palette[b].lower()}
