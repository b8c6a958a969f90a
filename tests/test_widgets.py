"""The explorer and lexicon editor, driven headless through their controls."""

from __future__ import annotations

import re
import warnings

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

import mediakit as mk  # noqa: E402
from mediakit import widgets  # noqa: E402
from mediakit.widgets import ALL  # noqa: E402


@pytest.fixture(scope="module")
def analysis() -> mk.Analysis:
    return mk.analyze(mk.load_sample(), "marenna")


def _corpus(rows: list[tuple[str, str, str, str]]) -> pd.DataFrame:
    return pd.DataFrame({
        "doc_id": [r[0] for r in rows],
        "outlet": [r[1] for r in rows],
        "date": pd.to_datetime([r[2] for r in rows]),
        "title": ["t"] * len(rows),
        "url": [""] * len(rows),
        "text": [r[3] for r in rows],
    })


HOSTILE = _corpus([
    ("evil-1", "Evil <i>Outlet</i>", "2025-01-02",
     'The <script>alert(1)</script> terrorists shelled <img src=x onerror=alert(2)> the town. '
     '"The rebels <b>will</b> win," said Ann <u>Smith</u>.'),
    ("calm-1", "Calm Daily", "2025-01-03",
     "Rebels entered the town on Monday. The terrorists were not seen."),
])



def _data_rows(table_html: str) -> int:
    body = table_html.split("<tbody>", 1)[1] if "<tbody>" in table_html else ""
    return body.count("<tr>")


def test_starts_with_first_actor_all_outlets_narration(analysis):
    ex = widgets.explorer(analysis)
    assert ex.state == {"outlet": ALL, "actor": "armed_opposition", "label": ALL,
                        "voice": "narration", "window": 6}
    m = analysis.mentions
    expected = m[(m["actor"] == "armed_opposition") & (m["voice"] == "narration")]
    assert len(ex.current_rows) == len(expected)
    assert set(ex.current_rows["voice"]) == {"narration"}
    assert list(ex.current_rows.columns[: len(widgets.ROW_COLUMNS)]) == list(widgets.ROW_COLUMNS)
    # The table shows the first max_rows rows, and says so.
    assert _data_rows(ex.kwic_html) == min(100, len(expected))
    assert f"<b>{len(expected)}</b> mention(s)" in ex.status_html
    assert ex.plot_png.startswith(b"\x89PNG")


def test_outlet_selector_filters_rows_and_keeps_plot_of_all_outlets(analysis):
    ex = widgets.explorer(analysis)
    ex.controls["outlet"].value = "The Aldwick Herald"
    rows = ex.current_rows
    assert len(rows) > 0
    assert set(rows["outlet"]) == {"The Aldwick Herald"}
    m = analysis.mentions
    assert len(rows) == len(m[(m["outlet"] == "The Aldwick Herald") & (m["actor"] == "armed_opposition")
                               & (m["voice"] == "narration")])
    assert _data_rows(ex.kwic_html) == len(rows)
    assert "Kessel Voice" not in ex.kwic_html
    # The plot still compares every outlet that uses the actor's labels in narration.
    assert ex.current_shares["outlet"].nunique() == 7
    ex.controls["outlet"].value = ALL
    assert rows["outlet"].nunique() == 1 and ex.current_rows["outlet"].nunique() == 7


def test_label_selector_changes_the_match_column_and_the_plot(analysis):
    ex = widgets.explorer(analysis)
    before_png = ex.plot_png
    before_shares = ex.current_shares
    ex.controls["label"].value = "terrorist"
    terror = ex.current_rows
    assert set(terror["label"]) == {"terrorist"}
    assert {s.lower() for s in terror["match"]} <= {"terrorist", "terrorists", "terror group", "terror groups"}
    ex.controls["label"].value = "opposition"
    opp = ex.current_rows
    assert set(opp["label"]) == {"opposition"}
    assert all("opposition" in s.lower() for s in opp["match"])
    assert set(opp["doc_id"]) != set(terror["doc_id"])
    # Highlighting redraws the plot; the numbers behind it stay those of the actor.
    assert ex.plot_png != before_png
    pd.testing.assert_frame_equal(ex.current_shares, before_shares)


def test_actor_change_updates_label_options(analysis):
    ex = widgets.explorer(analysis, label="terrorist")
    ex.controls["actor"].value = "state_forces"
    state_labels = sorted(analysis.mentions.loc[analysis.mentions["actor"] == "state_forces", "label"].unique())
    assert list(ex.controls["label"].options)[0] == ALL
    assert sorted(ex.controls["label"].options[1:]) == state_labels
    assert "terrorist" not in ex.controls["label"].options
    assert ex.controls["label"].value == ALL  # the old label does not exist for this actor
    assert set(ex.current_rows["actor"]) == {"state_forces"}
    assert set(ex.current_shares["actor"]) == {"state_forces"}
    # A label both actors lack is refused by select().
    with pytest.raises(ValueError, match="not available"):
        ex.select(label="terrorist")


def test_voice_filter(analysis):
    ex = widgets.explorer(analysis)
    m = analysis.mentions
    for voice in ("quote", "scare_quote", "narration"):
        ex.controls["voice"].value = voice
        expected = m[(m["actor"] == "armed_opposition") & (m["voice"] == voice)]
        assert len(ex.current_rows) == len(expected) > 0
        assert set(ex.current_rows["voice"]) == {voice}
        assert set(ex.current_shares["voice"]) == {voice}
    ex.controls["voice"].value = "all"
    assert len(ex.current_rows) == int((m["actor"] == "armed_opposition").sum())
    assert set(ex.current_rows["voice"]) == {"narration", "quote", "scare_quote"}


def test_select_updates_once_for_several_controls(analysis):
    ex = widgets.explorer(analysis)
    ex.select(outlet="Kessel Voice", label="terrorist", voice="quote")
    rows = ex.current_rows
    assert len(rows) > 0
    assert set(rows["outlet"]) == {"Kessel Voice"}
    assert set(rows["label"]) == {"terrorist"}
    assert set(rows["voice"]) == {"quote"}
    with pytest.raises(ValueError, match="unknown control"):
        ex.select(colour="red")
    with pytest.raises(ValueError, match="not available"):
        ex.select(outlet="No Such Paper")


def test_contexts_come_from_the_article_and_follow_the_window(analysis):
    ex = widgets.explorer(analysis, outlet="The Meridian Chronicle", window=3)
    texts = dict(zip(analysis.corpus["doc_id"], analysis.corpus["text"]))
    short = ex.current_rows
    for row in short.itertuples():
        text = texts[row.doc_id]
        assert text[row.start:row.end] == row.match
        before = " ".join(text[: row.start].split())
        assert before.endswith(row.left)
        assert len(mk.tokenize(row.left)) <= 3
        assert len(mk.tokenize(row.right)) <= 3
    ex.controls["window"].value = 10
    long = ex.current_rows
    assert (long["left"].str.len() >= short["left"].str.len()).all()
    assert (long["left"].str.len() > short["left"].str.len()).any()


def test_mentions_table_alone_uses_the_sentence_as_context():
    mentions = mk.find_mentions(HOSTILE)
    ex = widgets.explorer(mentions, window=30)
    rows = ex.current_rows
    # No sentiment columns here, so no tone column either.
    assert "compound_masked" not in rows.columns
    for row in rows.itertuples():
        sentence = mentions.loc[(mentions["doc_id"] == row.doc_id) & (mentions["start"] == row.start),
                                "sentence"].iloc[0]
        flat = " ".join(sentence.split())
        assert row.left in flat and row.right in flat
        assert flat.index(row.left) + len(row.left) <= flat.index(row.match)
    calm = rows[rows["doc_id"] == "calm-1"].sort_values("start")
    # The first sentence's context stops at the sentence end.
    assert "terrorists" not in calm.iloc[0]["right"]


def test_all_article_text_in_html_is_escaped():
    ex = widgets.explorer(mk.analyze(HOSTILE), voice="all", window=12)
    assert len(ex.current_rows) >= 4
    page = ex.kwic_html + ex.status_html
    for raw in ("<script", "<img", "<b>will", "<u>", "<i>Outlet"):
        assert raw not in ex.kwic_html, raw
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in ex.kwic_html
    assert "&lt;img src=x onerror=alert(2)&gt;" in ex.kwic_html
    assert "Evil &lt;i&gt;Outlet&lt;/i&gt;" in ex.kwic_html
    ex.controls["outlet"].value = "Evil <i>Outlet</i>"
    assert "Evil &lt;i&gt;Outlet&lt;/i&gt;" in ex.status_html
    assert "<i>Outlet" not in ex.status_html
    # The only tags in the table are the ones the widget writes itself.
    tags = set(re.findall(r"<\s*([a-zA-Z]+)", page))
    assert tags <= {"table", "thead", "tbody", "tr", "th", "td", "b", "p", "i"}
    # The quoted speaker's name is escaped too.
    ex.controls["voice"].value = "quote"
    assert "<u>" not in ex.kwic_html


def test_nothing_is_displayed_and_inputs_are_not_changed(analysis):
    plt.close("all")
    mentions = analysis.mentions.copy()
    ex = widgets.explorer(analysis)
    ex.select(label="rebel", voice="all", outlet="The Meridian Chronicle")
    assert plt.get_fignums() == []  # the figure is rendered off pyplot
    pd.testing.assert_frame_equal(analysis.mentions, mentions)


def test_empty_selection_shows_a_message_not_an_error():
    ex = widgets.explorer(mk.analyze(HOSTILE))
    ex.controls["outlet"].value = "Calm Daily"
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # an empty choice is a normal state, not a warning
        ex.controls["voice"].value = "scare_quote"
    assert ex.current_rows.empty
    assert "No mentions match" in ex.kwic_html
    assert ex.plot_png == b"" and ex.current_shares.empty


def test_bad_arguments_are_refused(analysis):
    with pytest.raises(TypeError, match="Analysis or a mentions DataFrame"):
        widgets.explorer([1, 2, 3])
    with pytest.raises(ValueError, match="actor 'nobody'"):
        widgets.explorer(analysis, actor="nobody")
    with pytest.raises(ValueError, match="voice must be one of"):
        widgets.explorer(analysis, voice="whisper")
    with pytest.raises(ValueError, match="outlet 'Nope'"):
        widgets.explorer(analysis, outlet="Nope")
    with pytest.raises(ValueError, match="label 'terrorist'"):
        widgets.explorer(analysis, actor="state_forces", label="terrorist")
    with pytest.raises(ValueError, match="window"):
        widgets.explorer(analysis, window=0)
    with pytest.raises(ValueError, match="missing column"):
        widgets.explorer(analysis.mentions.drop(columns=["voice"]))
    with pytest.raises(ValueError, match="not in the corpus"):
        widgets.explorer(analysis.mentions, corpus=analysis.corpus.iloc[:3])
    with pytest.raises(ValueError, match="empty"):
        widgets.explorer(analysis.mentions_with_sentences().iloc[:0])
    with pytest.raises(ValueError, match=r"no 'sentence' column.*mentions_with_sentences"):
        widgets.explorer(analysis.mentions)  # no articles, and no sentence text


def test_lexicon_editor_validates_and_shows_errors_escaped():
    lexicon = mk.load_lexicon("conflict")
    editor = widgets.lexicon_editor(lexicon, rows=5)
    assert editor.error is None and "Valid" in editor.message_html
    assert editor.lexicon == lexicon
    # A bad pattern: the error names it, escaped, and the last good lexicon is kept.
    editor.text.value = editor.text.value.replace("terrorist*", "terrorist<script>", 1)
    editor.button.click()
    assert editor.error is not None and "terrorist<script>" in editor.error
    assert "<script>" not in editor.message_html
    assert "terrorist&lt;script&gt;" in editor.message_html
    assert editor.lexicon == lexicon
    # A good edit: a new label, found by find_mentions.
    edited = lexicon.with_label("armed_opposition", "bandit", ["bandit*"])
    editor.text.value = edited.to_yaml()
    assert editor.validate() == edited
    assert editor.lexicon == edited and editor.error is None
    found = mk.find_mentions(_corpus([("d", "o", "2025-01-01", "Bandits robbed the bank.")]), editor.lexicon)
    assert list(found["label"]) == ["bandit"]
    with pytest.raises(TypeError):
        widgets.lexicon_editor({"name": "x"})


def test_lexicon_editor_validate_reports_hostile_yaml_as_an_error():
    editor = widgets.lexicon_editor(mk.load_lexicon("conflict"), rows=5)
    good = editor.lexicon
    editor.text.value = "name: x\nactors:\n  a:\n    labels:\n      l: " + "[" * 20_000 + "]" * 20_000
    editor.button.click()
    assert editor.error is not None and "nested too deeply" in editor.error
    editor.text.value = "name: x\nactors:\n  a:\n    labels:\n      l: [" + "a" * 1000 + "]\n"
    assert editor.validate() is None and "at most" in (editor.error or "")
    assert editor.lexicon == good


def test_reprs_are_short_and_name_the_state(analysis):
    ex = widgets.explorer(analysis, outlet="Kessel Voice")
    text = repr(ex)
    assert text.startswith("Explorer(outlet='Kessel Voice', actor='armed_opposition'")
    assert f"; {len(ex.current_rows)} rows)" in text and "PNG" not in text
    editor = widgets.lexicon_editor(mk.load_lexicon("conflict"))
    assert repr(editor) == "LexiconEditor('conflict', valid)"


def test_dollar_signs_in_outlet_names_are_plotted_as_text():
    corpus = _corpus([
        ("a", "$x^{2}$ Daily", "2025-01-01", "Rebels took the town."),
        ("b", "The $\\nocommand$ Post", "2025-01-02", "Terrorists took the town."),
    ])
    ex = widgets.explorer(mk.analyze(corpus))
    assert ex.plot_png.startswith(b"\x89PNG")
    assert set(ex.current_shares["outlet"]) == {"$x^{2}$ Daily", "The $\\nocommand$ Post"}



def test_plot_is_drawn_sharp_in_the_lexicon_colours(analysis):
    import dataclasses
    import struct

    ex = widgets.explorer(analysis)
    # PNG header: width and height in pixels, at PLOT_DPI for a 9-inch-wide figure.
    width, height = struct.unpack(">II", ex.plot_png[16:24])
    assert width == 9 * widgets.PLOT_DPI == 1800
    assert ex._image.width == str(9 * widgets.PLOT_CSS_PPI)  # shown at half: 2x pixels
    expected = mk.plot.label_colors(analysis.lexicon, actor="armed_opposition")
    drawn = dict(ex.plot_colors)
    assert drawn and drawn == {k: expected[k].lower() for k in drawn}
    ex.controls["voice"].value = "quote"
    assert ex.plot_colors and all(ex.plot_colors[k] == expected[k].lower()
                                  for k in ex.plot_colors)
    # A label's colour is the same whatever the corpus: one outlet's mentions alone.
    one = analysis.mentions.loc[analysis.mentions["outlet"] == "The Aldwick Herald"]
    alone = widgets.explorer(dataclasses.replace(analysis, mentions=one))
    assert alone.plot_colors and all(alone.plot_colors[k] == expected[k].lower() for k in alone.plot_colors)
