"""Plot functions: checked on the Axes they return (text, artists, legend), not images."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")  # headless; only tests choose the backend, never the library

import warnings  # noqa: E402

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.patches import Rectangle  # noqa: E402

from mediakit import plot  # noqa: E402
from mediakit.compare import (  # noqa: E402
    distinguishing_words,
    label_change_points,
    label_rates,
    label_shares,
    label_shares_over_time,
    tone_by_label,
)

ACTOR = "armed_opposition"


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _mentions():
    rows = []
    monday = pd.Timestamp("2025-01-06")
    plan = {"Herald": ["terrorist", "terrorist", "militant"],
            "Voice": ["opposition", "rebel", "opposition"]}
    for outlet, labels in plan.items():
        for week, article in ((w, k) for w in range(6) for k in range(3)):
            for i, label in enumerate(labels):
                if outlet == "Herald" and week >= 3:
                    label = "militant"
                rows.append({
                    "doc_id": f"{outlet}{week}_{article}", "outlet": outlet, "actor": ACTOR,
                    "label": label, "voice": "quote" if i == 2 else "narration",
                    "date": monday + pd.Timedelta(days=7 * week),
                    "compound_masked": (-0.4 if outlet == "Herald" else 0.1) + 0.05 * i,
                })
    return pd.DataFrame(rows)


def _legend_texts(ax):
    legend = ax.get_legend()
    assert legend is not None
    return [t.get_text() for t in legend.get_texts()]


def test_label_shares_plot():
    table = label_shares(_mentions(), actor=ACTOR, voice="all", n_boot=100)
    ax = plot.label_shares(table)
    bars = [p for p in ax.patches if isinstance(p, Rectangle)]
    assert len(bars) == 2 * 4  # outlets x labels
    assert _legend_texts(ax) == ["militant", "opposition", "rebel", "terrorist"]
    assert ax.get_title() == "Labels for armed_opposition (all voices)"
    assert ax.get_xlabel() == "Share of mentions using each label"
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Herald", "Voice"]
    assert len(ax.containers) >= 4 + 1  # bar containers plus whisker containers
    # The legend sits outside the data area (anchored right of the axes).
    assert ax.get_legend().get_bbox_to_anchor().x0 > ax.bbox.x1 - 1
    # The bars of one outlet add up to the whole width.
    widths = {}
    for bar in bars:
        widths.setdefault(round(bar.get_y(), 3), 0.0)
        widths[round(bar.get_y(), 3)] += bar.get_width()
    assert sorted(widths.values()) == pytest.approx([1.0, 1.0])


def test_label_shares_plot_split_and_given_axes():
    table = label_shares(_mentions(), actor=ACTOR, voice="split", n_boot=50)
    fig, ax = plt.subplots()
    returned = plot.label_shares(table, ax=ax, title="custom", intervals=False)
    assert returned is ax
    assert ax.get_title() == "custom"
    ticks = [t.get_text() for t in ax.get_yticklabels()]
    assert ticks == ["Herald / narration", "Herald / quote", "Voice / narration", "Voice / quote"]


def test_label_rates_heatmap():
    mentions = _mentions()
    documents = pd.DataFrame({"doc_id": sorted(mentions["doc_id"].unique())})
    documents["outlet"] = documents["doc_id"].str.rstrip("0123456789_")
    documents["n_words"] = 500
    table = label_rates(mentions, documents, actor=ACTOR, n_boot=50)
    ax = plot.label_rates(table)
    texts = [t.get_text() for t in ax.texts]
    assert len(texts) == 2 * 4
    herald_terrorist = table.loc[(table["outlet"] == "Herald") & (table["label"] == "terrorist"),
                                 "per_1000"].iloc[0]
    assert f"{herald_terrorist:.2f}" in texts
    assert [t.get_text() for t in ax.get_xticklabels()] == ["militant", "opposition", "rebel",
                                                             "terrorist"]
    assert ax.get_title() == "Label rates (narration only)"
    assert len(ax.images) == 1


def test_tone_plot():
    table = tone_by_label(_mentions(), actor=ACTOR, voice="all", n_boot=50)
    ax = plot.tone(table)
    drawn = table["mean"].notna().sum()
    points = sum(len(line.get_xdata()) for line in ax.lines if line.get_marker() == "o")
    assert points == drawn
    assert _legend_texts(ax) == ["militant", "opposition", "rebel", "terrorist"]
    assert ax.get_xlabel() == "mean compound_masked (VADER, -1 to 1)"
    assert "Tone" in ax.get_title()


def test_shares_over_time_plot_marks_flags():
    table = label_shares_over_time(_mentions(), actor=ACTOR, voice="all", min_mentions=3, n_boot=50)
    flagged = table.loc[(table["outlet"] == "Herald") & table["change_flag"], "period"].unique()
    assert len(flagged) >= 1
    ax = plot.shares_over_time(table, outlet="Herald")
    label_lines = [line for line in ax.lines if line.get_marker() == "o"]
    assert len(label_lines) == 2  # Herald never says "opposition" or "rebel": not drawn
    flag_lines = [line for line in ax.lines if line.get_linestyle() == "--"]
    assert len(flag_lines) == len(flagged)
    assert _legend_texts(ax) == ["militant", "terrorist", "mix changes"]
    assert ax.get_title() == "Label mix over time: Herald (all voices)"
    points = label_change_points(_mentions(), actor=ACTOR, voice="all", n_perm=199)
    assert bool(points.loc[points["outlet"] == "Herald", "significant"].iloc[0])
    ax = plot.shares_over_time(table, outlet="Herald", change_points=points)
    legend = _legend_texts(ax)
    assert legend[-1].startswith("change point (p = ")
    assert len([line for line in ax.lines if line.get_linestyle() == "-"
                and line.get_marker() != "o"]) == 1
    ax = plot.shares_over_time(table, outlet="Voice", change_points=points)
    assert not any(t.startswith("change point") for t in _legend_texts(ax))
    with pytest.raises(ValueError, match="choose outlet="):
        plot.shares_over_time(table)
    with pytest.raises(ValueError, match="'Nowhere' not in table"):
        plot.shares_over_time(table, outlet="Nowhere")


def test_distinguishing_words_plot():
    corpus = pd.DataFrame({
        "doc_id": [str(i) for i in range(4)], "outlet": ["A", "A", "B", "B"],
        "text": ["terrorists terrorists terrorists attacked attacked the town " * 5,
                 "terrorists struck the town " * 5,
                 "opposition fighters advanced on the town " * 5,
                 "opposition fighters opposition fighters held the road " * 5],
    })
    # A light prior: with the default 1000 words it would outweigh this tiny corpus.
    table = distinguishing_words(corpus, a="A", b="B", min_count=1, prior_weight=20)
    ax = plot.distinguishing_words(table, n=2)
    labelled = [t.get_text() for t in ax.texts]
    assert len(labelled) == 4
    assert labelled[:2] == table["word"].head(2).tolist()
    assert set(labelled[2:]) == set(table["word"].tail(2))
    assert ax.get_title() == "Words distinguishing A from B"
    assert _legend_texts(ax) == ["not distinctive", "more in A", "more in B"]
    assert ax.get_xscale() == "log"


def test_plot_rejects_wrong_table():
    with pytest.raises(ValueError, match="missing column"):
        plot.label_rates(pd.DataFrame({"label": ["x"]}))
    with pytest.raises(TypeError):
        plot.tone([1, 2, 3])


def test_colours_are_fixed():
    assert plot.label_colors(["b", "a", "b"]) == {"b": plot.PALETTE[0], "a": plot.PALETTE[1]}


def test_contexts_plot_title():
    from mediakit.compare import distinguishing_contexts

    mentions = pd.DataFrame({
        "doc_id": ["d1", "d2"], "label": ["terrorist", "opposition"], "voice": "narration",
        "match": ["terrorists", "opposition forces"], "sentence_id": [0, 0],
        "sentence": ["The terrorists bombed the market", "Opposition forces held talks"],
    })
    table = distinguishing_contexts(mentions, label_a="terrorist", label_b="opposition",
                                    min_count=1)
    ax = plot.distinguishing_words(table)
    assert ax.get_title() == "Words around 'terrorist' rather than 'opposition'"
    assert ax.get_ylabel() == "z-score of log-odds (terrorist vs opposition)"


BAD_TEX = r"$\nocommand$"  # invalid mathtext: drawn as text, it must not break the figure


def _with_bad_names(frame):
    renamed = {"Herald": BAD_TEX, "Voice": "Voice $5"}
    frame = frame.assign(outlet=frame["outlet"].replace(renamed))
    return frame.assign(label=frame["label"].replace({"rebel": r"$\badlabel$"}))


def _draws(ax):
    ax.figure.canvas.draw()  # raises ValueError on a mathtext parse error
    shown = [t.get_text() for t in ax.figure.findobj(matplotlib.text.Text)]
    return shown


def test_every_plot_draws_names_with_dollar_signs_as_text():
    mentions = _with_bad_names(_mentions())
    ax = plot.label_shares(label_shares(mentions, actor=ACTOR, voice="all", n_boot=20))
    assert BAD_TEX in _draws(ax) and r"$\badlabel$" in _draws(ax)
    words = pd.DataFrame({"doc_id": ["1", "2", "3", "4"], "outlet": ["A", "A", BAD_TEX, BAD_TEX],
                          "text": ["terrorists $x$ attacked the town " * 5, "terrorists struck " * 5,
                                   r"opposition $\frac fighters advanced " * 5,
                                   "opposition fighters held " * 5]})
    ax = plot.distinguishing_words(distinguishing_words(words, a="A", b=BAD_TEX, min_count=1))
    assert any(BAD_TEX in text for text in _draws(ax))
    documents = mentions.groupby("doc_id", as_index=False)["outlet"].first().assign(n_words=500)
    ax = plot.label_rates(label_rates(mentions, documents, actor=ACTOR, n_boot=20))
    assert BAD_TEX in _draws(ax) and r"$\badlabel$" in _draws(ax)
    ax = plot.tone(tone_by_label(mentions, actor=ACTOR, voice="all", n_boot=20))
    assert BAD_TEX in _draws(ax)
    over = label_shares_over_time(mentions, actor=ACTOR, voice="all", min_mentions=3, n_boot=20)
    ax = plot.shares_over_time(over, outlet=BAD_TEX)
    assert any(BAD_TEX in text for text in _draws(ax))


def test_shares_over_time_joins_sparse_periods_and_lists_only_used_labels():
    # Outlet S writes in weeks 0, 1 and 4 only and never uses "rebel"; outlet R uses it.
    monday = pd.Timestamp("2025-01-06")
    rows = []
    for week in (0, 1, 4):
        for i, label in enumerate(["terrorist", "terrorist", "militant"]):
            rows.append({"doc_id": f"S{week}_{i}", "outlet": "S", "actor": ACTOR, "label": label,
                         "voice": "narration", "date": monday + pd.Timedelta(days=7 * week)})
    for week in range(5):
        rows.append({"doc_id": f"R{week}", "outlet": "R", "actor": ACTOR, "label": "rebel",
                     "voice": "narration", "date": monday + pd.Timedelta(days=7 * week)})
    table = label_shares_over_time(pd.DataFrame(rows), actor=ACTOR, n_boot=20)
    ax = plot.shares_over_time(table, outlet="S")
    assert _legend_texts(ax) == ["militant", "terrorist"]  # no "rebel": S never used it
    solid = [line for line in ax.lines if line.get_marker() == "o"]
    assert [line.get_label() for line in solid] == ["militant", "terrorist"]
    for line in solid:
        shown = pd.Series(line.get_ydata(), dtype=float)
        assert shown.notna().sum() == 3  # a marker on each observed week
        assert shown.isna().sum() == 1  # the solid line stops at the empty weeks
    dotted = [line for line in ax.lines if line.get_linestyle() == ":"]
    assert len(dotted) == 2  # one dotted bridge per label across weeks 2-3
    for line in dotted:
        assert pd.Series(line.get_xdata()).tolist() == [monday + pd.Timedelta(days=7),
                                                          monday + pd.Timedelta(days=28)]
    ax = plot.shares_over_time(table, outlet="R")
    assert _legend_texts(ax) == ["rebel"]
    assert not [line for line in ax.lines if line.get_linestyle() == ":"]


# ------------------------------------------------------------------ colours, n, layout

def test_label_colors_come_from_the_lexicon():
    from mediakit.lexicon import resolve_lexicon

    conflict = plot.label_colors("conflict", actor=ACTOR)
    assert list(conflict) == list(resolve_lexicon("conflict").actors[ACTOR])
    assert len(set(conflict.values())) == len(conflict)  # ten labels, ten colours
    # Labels the bundled lexicons share keep one colour across them.
    syria = plot.label_colors("syria", actor=ACTOR)
    marenna = plot.label_colors("marenna", actor=ACTOR)
    gaza = plot.label_colors("israel_gaza", actor="palestinian_armed_groups")
    for label in ("terrorist", "rebel", "opposition", "militant"):
        assert syria[label] == conflict[label] == marenna[label] == plot.SHARED_LABEL_COLORS[label]
    assert gaza["terrorist"] == conflict["terrorist"]
    assert len(set(gaza.values())) == len(gaza)  # its own labels take the free colours
    assert plot.label_colors("syria", actor="state_forces")["regime"] == \
        plot.label_colors("conflict", actor="state_forces")["regime"]
    # Without actor=: every actor's labels.
    assert set(plot.label_colors("conflict")) >= set(conflict) | {"government", "regime"}
    # A label list: the same rule, in the order given.
    assert plot.label_colors(["b", "terrorist", "a"]) == {
        "b": plot.PALETTE[0], "terrorist": plot.SHARED_LABEL_COLORS["terrorist"],
        "a": plot.PALETTE[1]}
    with pytest.raises(ValueError, match="actor 'nobody' is not in lexicon 'conflict'"):
        plot.label_colors("conflict", actor="nobody")
    with pytest.raises(ValueError, match="actor= needs a lexicon"):
        plot.label_colors(["a"], actor=ACTOR)


def test_palette_fixes_colours_whatever_the_table_holds():
    palette = plot.label_colors("conflict", actor=ACTOR)
    full = label_shares(_mentions(), actor=ACTOR, voice="all", n_boot=20)
    herald = label_shares(_mentions().query("outlet == 'Herald' and label != 'militant'"),
                          actor=ACTOR, voice="all", n_boot=20)
    for table in (full, herald):
        ax = plot.label_shares(table, palette=palette)
        for container in ax.containers:
            if container.get_label().startswith("_"):
                continue
            assert matplotlib.colors.to_hex(container[0].get_facecolor()) == \
                palette[container.get_label()].lower()
    ax = plot.tone(tone_by_label(_mentions(), actor=ACTOR, voice="all", n_boot=20), palette=palette)
    legend = ax.get_legend()
    for handle, text in zip(legend.legend_handles, legend.get_texts()):
        assert matplotlib.colors.to_hex(handle.get_color()) == palette[text.get_text()].lower()


def test_label_shares_writes_n_beside_every_bar_and_dodges_whiskers():
    table = label_shares(_mentions(), actor=ACTOR, voice="split", n_boot=50)
    ax = plot.label_shares(table)
    shown = [t.get_text() for t in ax.texts]
    totals = table.groupby(["outlet", "voice"], sort=False)["n"].sum()
    assert shown == [f"n={int(v):,}" for v in totals]
    assert shown == ["n=36", "n=18", "n=36", "n=18"]
    # One row of whiskers per label, each at its own height within the bars.
    heights = [sorted({round(float(seg[0][1]), 3) for seg in c.lines[2][0].get_segments()})
               for c in ax.containers if type(c).__name__ == "ErrorbarContainer"]
    offsets = {round(h[0] % 1, 3) for h in heights}
    assert len(heights) >= 2 and len(offsets) == len(heights)
    # The legend starts to the right of the n labels.
    FigureCanvasAgg(ax.figure)
    ax.figure.canvas.draw()
    renderer = ax.figure.canvas.get_renderer()
    right_of_n = max(t.get_window_extent(renderer).x1 for t in ax.texts)
    assert ax.get_legend().get_window_extent(renderer).x0 > right_of_n
    assert not plot.label_shares(table, show_n=False).texts
    article = label_shares(_mentions(), actor=ACTOR, voice="all", unit="article", n_boot=20)
    ax = plot.label_shares(article)
    assert [t.get_text() for t in ax.texts] == ["n=18", "n=18"]  # articles, not pairs


def test_short_figures_fold_the_legend_and_print_nothing():
    from matplotlib.figure import Figure

    # One outlet, eight labels: the legend is taller than the bars.
    eight = ["terrorist", "jihadist", "extremist", "militant", "insurgent", "rebel",
             "opposition", "fighter"]
    mentions = pd.DataFrame({"doc_id": [f"d{i}" for i in range(16)], "outlet": "Solo",
                             "actor": ACTOR, "label": eight * 2, "voice": "narration"})
    many = label_shares(mentions, actor=ACTOR, n_boot=20)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # e.g. "constrained_layout not applied"
        fig = Figure(figsize=(6, 1.5), layout="constrained")
        FigureCanvasAgg(fig)
        ax = plot.label_shares(many, ax=fig.subplots())
        fig.canvas.draw()
    legend = ax.get_legend()
    assert legend._ncols > 1  # eight labels do not fit one above the other in 1.5 inches
    assert len(legend.get_texts()) == 8
    assert fig.bbox.contains(*legend.get_window_extent().p0)
    assert fig.bbox.contains(*legend.get_window_extent().p1)


def test_tone_for_one_label_is_a_panel_of_small_multiples():
    from matplotlib.figure import Figure

    table = tone_by_label(_mentions(), actor=ACTOR, voice="all", n_boot=20)
    fig = Figure(figsize=(8, 3), layout="constrained")
    FigureCanvasAgg(fig)
    axes = fig.subplots(1, 2)
    plot.tone(table, label="terrorist", ax=axes[0])
    plot.tone(table, label="opposition", ax=axes[1])
    fig.canvas.draw()
    assert [ax.get_title() for ax in axes] == ["terrorist", "opposition"]
    assert all(ax.get_legend() is None for ax in axes)
    assert axes[0].get_xlim() == axes[1].get_xlim() == (-1.05, 1.05)
    drawn = [sum(len(line.get_xdata()) for line in ax.lines if line.get_marker() == "o")
             for ax in axes]
    expected = [int(table.loc[table["label"] == lab, "mean"].notna().sum())
                for lab in ("terrorist", "opposition")]
    assert drawn == expected == [1, 1]
    assert [t.get_text() for t in axes[0].get_yticklabels()] == ["Herald", "Voice"]
    assert not any(t.get_visible() and t.get_text() for t in axes[1].get_yticklabels()
                   if axes[1].yaxis.get_tick_params()["labelleft"])
    with pytest.raises(ValueError, match="label 'nothing' not in table"):
        plot.tone(table, label="nothing")
