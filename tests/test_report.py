"""The HTML/CSV report: files, sections, inline figures, escaping, determinism, the sample."""

from __future__ import annotations

import csv
import html.parser
import re
import warnings
from pathlib import Path

import matplotlib
import pandas as pd
import pytest

import mediakit as mk
from mediakit.report import (
    COMPLETE_MARKER,
    FIGURE_FILES,
    TABLE_FILES,
    ReportPaths,
    build_report,
    draw_figure,
    render_html,
    write_report,
)
from mediakit.report import SECTION_IDS as PAGE_SECTION_IDS
from mediakit.text import count_words

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
EVIL_OUTLET = f"Evil {IMG} News"

SECTION_IDS = ["summary", "loading", "findings", "shares", "voice", "rates", "tone", "time",
               "words", "contexts", "duplicates", "validation", "method"]

WIRE = (
    "Rebels seized the northern bridge on Monday after a night of heavy shelling, and "
    "thousands of families fled toward the coast with what they could carry in carts."
)


def _rows():
    """Three outlets with house styles, quotes with speakers, a wire copy and hostile markup."""
    return [
        # The Herald: "terrorists" in its own voice; the opposition's word only quoted.
        {"doc_id": "h1", "outlet": "The Herald", "date": "2025-01-06", "title": "Army advances",
         "text": "The army pushed back the terrorists near Liss. The terrorists fled north. "
                 '"These are opposition forces defending homes," said Lale Orhun.'},
        {"doc_id": "h2", "outlet": "The Herald", "date": "2025-01-20", "title": "Bridge lost",
         "text": "Terrorists blew up the bridge at dawn. Officials said the terrorists "
                 "had planned it for weeks."},
        {"doc_id": "h3", "outlet": "The Herald", "date": "2025-02-10", "title": "More attacks",
         "text": "The terrorists attacked a checkpoint. Two soldiers were hurt."},
        # The Voice: "opposition forces"; "terrorists" only inside a quote.
        {"doc_id": "v1", "outlet": "The Voice", "date": "2025-01-07", "title": "Resistance holds",
         "text": "Opposition forces held the old town. "
                 '"They are terrorists," the minister Dana Ilves said.'},
        {"doc_id": "v2", "outlet": "The Voice", "date": "2025-01-21", "title": "Supply line",
         "text": "Opposition fighters cut the supply road. Opposition forces took the hill."},
        {"doc_id": "v3", "outlet": "The Voice", "date": "2025-02-11", "title": "Talks",
         "text": "The opposition forces agreed to talks. The regime refused."},
        # Hostile markup in outlet, title and text; "rebels" in narration.
        {"doc_id": "e1", "outlet": EVIL_OUTLET, "date": "2025-01-08",
         "title": f"Breaking {SCRIPT} news",
         "text": f"The rebels {SCRIPT} attacked the town. {IMG} The rebels withdrew later. "
                 + WIRE},
        {"doc_id": "e2", "outlet": EVIL_OUTLET, "date": "2025-02-12", "title": f"Second {IMG}",
         "text": f"Rebels returned to the market {IMG} on Tuesday. The rebels left."},
        # A syndicated copy of the wire paragraph in another outlet, a day later.
        {"doc_id": "v4", "outlet": "The Voice", "date": "2025-01-09", "title": "Wire: bridge",
         "text": f"The rebels {SCRIPT} attacked the town. {IMG} The rebels withdrew later. "
                 + WIRE},
    ]


@pytest.fixture(scope="module")
def corpus_file(tmp_path_factory) -> Path:
    """The small corpus as CSV, plus one bad record (empty text) on data row 10."""
    path = tmp_path_factory.mktemp("corpus") / "small.csv"
    rows = _rows() + [{"doc_id": "bad", "outlet": "The Voice", "date": "2025-01-10",
                       "title": "", "text": ""}]
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


@pytest.fixture(scope="module")
def corpus(corpus_file) -> pd.DataFrame:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mk.errors.CorpusWarning)
        return mk.load_corpus(corpus_file, errors="skip")


@pytest.fixture(scope="module")
def report(corpus, tmp_path_factory) -> ReportPaths:
    out = tmp_path_factory.mktemp("report")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return write_report(corpus, out_dir=out, seed=3)


@pytest.fixture(scope="module")
def page(report) -> str:
    return report.html.read_text(encoding="utf-8")


class _Tags(html.parser.HTMLParser):
    """Every start tag and its attributes, as a browser's tokenizer would see them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, attrs))

    def handle_data(self, data):
        self.text.append(data)


def _parse(page: str) -> _Tags:
    parser = _Tags()
    parser.feed(page)
    parser.close()
    return parser


def test_report_writes_every_table_and_figure(report):
    assert report.html == report.out_dir / "report.html"
    # including skipped (one bad record); validation needs a coded sheet
    assert set(report.tables) == set(TABLE_FILES) - {"validation"}
    assert set(report.figures) == set(FIGURE_FILES)
    for path in [*report.tables.values(), *report.figures.values()]:
        assert path.is_file() and path.stat().st_size > 0
    for path in report.figures.values():
        assert path.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")


def test_report_page_has_every_section_and_inline_figure(report, page):
    for anchor in SECTION_IDS:
        assert f'<section id="{anchor}">' in page
        assert f'href="#{anchor}"' in page  # listed in the contents
    assert page.count("data:image/png;base64,") == len(report.figures) == len(FIGURE_FILES)
    tags = _parse(page).tags
    names = {name for name, _ in tags}
    # Self-contained: no script, no external stylesheet, font or frame.
    assert not names & {"script", "link", "iframe", "object", "embed"}
    for name, attrs in tags:
        for key, value in attrs:
            assert not key.startswith("on")
            if key in ("src", "href"):
                assert value.startswith(("data:image/png;base64,", "#")), (name, key, value)
    assert "<table>" in page and page.count("<table>") >= 8
    assert "r about 0.5" in page and "seed 3" in page.lower()
    assert "mediakit audit" in page


def test_report_tables_match_the_library(corpus, report):
    analysis = mk.analyze(corpus)
    mentions = pd.read_csv(report.tables["mentions"], keep_default_na=False)
    # the CSV carries each mention's sentence and masked sentence, joined at writing
    joined = analysis.mentions_with_sentences(masked=True)
    assert list(mentions.columns) == list(joined.columns)
    assert mentions["sentence"].tolist() == joined["sentence"].tolist()
    assert mentions["sentence_masked"].tolist() == joined["sentence_masked"].tolist()
    assert mentions["doc_id"].tolist() == analysis.mentions["doc_id"].tolist()
    assert mentions["start"].tolist() == analysis.mentions["start"].tolist()
    drop = mk.duplicate_docs_to_drop(mk.find_duplicates(corpus))
    assert drop == ["v4"]  # the later wire copy; the earlier one is kept
    expected = mk.label_shares(analysis.mentions, actor="armed_opposition", seed=3,
                               exclude_docs=drop)
    shares = pd.read_csv(report.tables["label_shares"])
    assert shares[["outlet", "label", "n"]].astype(str).values.tolist() == \
        expected[["outlet", "label", "n"]].astype(str).values.tolist()
    assert shares["lo"].tolist() == pytest.approx(expected["lo"].tolist(), nan_ok=True)
    skipped = pd.read_csv(report.tables["skipped"])
    assert skipped["row"].tolist() == [10] and skipped["column"].tolist() == ["text"]
    duplicates = pd.read_csv(report.tables["duplicates"])
    assert sorted(duplicates.loc[duplicates["group_size"] > 1, "doc_id"]) == ["e1", "v4"]


def test_report_headlines_and_voice(page):
    findings = page[page.index('<section id="findings">'):page.index('<section id="shares">')]
    assert "<b>The Herald</b> most often says <b>“terrorist”</b>: 100%" in findings
    assert "<b>The Voice</b> most often says <b>“opposition”</b>: 100%" in findings
    # KWIC evidence: the match highlighted, voice and source shown.
    assert "<mark>terrorists</mark>" in findings and "[narration]" in findings
    voice = page[page.index('<section id="voice">'):page.index('<section id="rates">')]
    assert "Dana Ilves (1)" in voice and "Lale Orhun (1)" in voice


def test_report_escapes_article_markup(page):
    parsed = _parse(page)
    assert "<script" not in page.lower()
    assert "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    # The outlet name and titles come through as text, exactly as written.
    text = "".join(parsed.text)
    assert EVIL_OUTLET in text
    assert f"Breaking {SCRIPT} news" in text
    assert SCRIPT in text and IMG in text
    # No element came from an article: every img is an inline figure.
    imgs = [dict(attrs) for name, attrs in parsed.tags if name == "img"]
    assert imgs and all(a["src"].startswith("data:image/png;base64,") for a in imgs)


def test_report_is_deterministic(corpus, report, tmp_path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        again = write_report(corpus, out_dir=tmp_path, seed=3)
    for name, path in report.tables.items():
        assert again.tables[name].read_bytes() == path.read_bytes(), name
    assert again.html.read_bytes() == report.html.read_bytes()
    assert not re.search(rb"20\d\d-\d\d-\d\dT\d\d:\d\d", again.html.read_bytes())


def test_report_leaves_inputs_and_matplotlib_alone(corpus, tmp_path):
    import matplotlib.pyplot as plt

    before = corpus.copy(deep=True)
    backend = matplotlib.get_backend()
    params = dict(matplotlib.rcParams)
    figures_before = plt.get_fignums()
    small = corpus[corpus["outlet"] != EVIL_OUTLET]
    small.attrs = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        paths = write_report(small, out_dir=tmp_path)
    pd.testing.assert_frame_equal(corpus, before)
    assert matplotlib.get_backend() == backend
    assert dict(matplotlib.rcParams) == params
    assert plt.get_fignums() == figures_before
    assert "skipped" not in paths.tables  # nothing skipped: no empty table written


def test_report_unknown_actor_fails_before_analysis(corpus, tmp_path, monkeypatch):
    import mediakit.analysis

    def boom(*args, **kwargs):
        raise AssertionError("analyze must not run")

    monkeypatch.setattr(mediakit.analysis, "analyze", boom)
    with pytest.raises(ValueError, match="not in lexicon 'conflict'.*armed_opposition"):
        write_report(corpus, out_dir=tmp_path, actor="nobody")
    # no lexicon means the default for every corpus; a named one is checked the same way
    with pytest.raises(ValueError, match="not in lexicon 'conflict'"):
        write_report(mk.load_sample(), out_dir=tmp_path, actor="nobody")
    with pytest.raises(ValueError, match="not in lexicon 'marenna'"):
        write_report(mk.load_sample(), lexicon="marenna", out_dir=tmp_path, actor="nobody")
    assert not (tmp_path / "report.html").exists()


def test_report_with_one_outlet_and_no_dates(tmp_path):
    corpus = mk.load_corpus(pd.DataFrame({
        "doc_id": ["a", "b"], "outlet": ["Solo", "Solo"],
        "text": ["The rebels crossed the river.", "Militants and rebels met."],
    }))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        paths = write_report(corpus, out_dir=tmp_path)
    page = paths.html.read_text(encoding="utf-8")
    assert "The articles have no dates" in page and "change_points" not in paths.tables
    assert "Only one outlet" in page
    assert "shares_over_time" not in paths.figures and "distinguishing_words" not in paths.tables
    assert "no dates" in page


def test_report_on_the_sample(tmp_path):
    """The bundled sample: its designed house styles come out as headlines."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        paths = write_report(mk.load_sample(), lexicon="marenna", out_dir=tmp_path)
    page = paths.html.read_text(encoding="utf-8")
    # The lexicon written for the sample, named as in the README and notebooks.
    assert "<dt>Lexicon</dt><dd><b>marenna</b>" in page
    # The word total says how words are counted, and is that count of the article texts.
    sample = mk.load_sample()
    total = int(sample["text"].map(count_words).sum())
    assert (f"<dt>Words</dt><dd>{total:,} (article text without titles, counted by "
            "<code>mediakit.text.count_words</code>") in page
    assert "<b>The Aldwick Herald</b> most often says <b>“terrorist”</b>" in page
    assert "<b>The Defence Review</b> most often says <b>“insurgent”</b>" in page
    assert "<b>The Tarvian Dispatch</b> most often says <b>“opposition”</b>" in page
    # The Meridian Chronicle's labelling shift after the Feb 12 bombing, and only it.
    points = pd.read_csv(paths.tables["change_points"])
    assert points.loc[points["significant"], "outlet"].tolist() == ["The Meridian Chronicle"]
    meridian = points.set_index("outlet").loc["The Meridian Chronicle"]
    assert (meridian["top_before"], meridian["top_after"]) == ("rebel", "militant")
    assert meridian["change_date"].startswith("2025-02-12")
    assert "<b>Its wording changes</b> around 2025-02-12" in page
    # The syndicated wire story: one copy kept, one left out.
    assert "left out of comparisons" in page and "kept (earliest copy)" in page
    assert page.count("data:image/png;base64,") == len(paths.figures) == len(FIGURE_FILES)


def test_method_notes_state_the_rules_the_code_applied(tmp_path, monkeypatch):
    """Every rule's number on the page is the one passed to the function applying it."""
    import mediakit.compare as compare
    import mediakit.dedup as dedup
    from mediakit.report import build

    applied = []

    def recorded(function):
        def run(*args, **kwargs):
            applied.append((function.__name__, kwargs))
            return function(*args, **kwargs)
        return run

    for module, name in [(compare, "label_shares_over_time"), (compare, "label_change_points"),
                         (compare, "label_shares"), (dedup, "find_duplicates")]:
        monkeypatch.setattr(module, name, recorded(getattr(module, name)))
    monkeypatch.setattr(build, "TIME_RULE", {
        **build.TIME_RULE, "min_distance": 0.35, "alpha": 0.1, "baseline": 3, "n_perm": 499})
    monkeypatch.setattr(build, "CHANGE_RULE", {"alpha": 0.01, "n_perm": 199, "min_docs": 4})
    monkeypatch.setattr(build, "SHARES_RULE", {"level": 0.9, "n_boot": 300})
    monkeypatch.setattr(build, "DUPLICATE_RULE", {"min_similarity": 0.75, "shingle": 4})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        page = write_report(mk.load_sample(), lexicon="marenna", out_dir=tmp_path,
                            seed=7).html.read_text(
            encoding="utf-8")
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())
    assert ("distance of at least 0.35 from the pooled mix of the 3 months before it, a "
            "permutation p-value (articles reshuffled 499 times) below 0.1, and at least 10 "
            "mentions on each side") in text
    assert "about 10% of steady ones are flagged" in text
    assert "at least 4 articles on each side" in text
    assert "199 times (seed 7)" in text and "Significant means p < 0.01" in text
    assert "about 1% of steady outlets" in text
    assert "The interval is a 90% bootstrap interval" in text
    assert "Intervals are 90% percentile bootstrap intervals with 300 replicates" in text
    # ... and those numbers are what the functions were given.
    calls = dict(applied)
    assert {k: calls["label_shares_over_time"][k] for k in ("min_distance", "alpha", "baseline",
                                                            "n_perm")} == {
        "min_distance": 0.35, "alpha": 0.1, "baseline": 3, "n_perm": 499}
    assert calls["label_change_points"]["min_docs"] == 4
    assert calls["label_shares"]["level"] == 0.9 and calls["label_shares"]["n_boot"] == 300
    assert calls["find_duplicates"] == {"min_similarity": 0.75, "shingle": 4}
    assert "4-word shingles, Jaccard similarity of at least 0.75" in text
    for stale in ("0.3 ", "2,000", "one in twenty", "5-word"):
        assert stale not in text, stale


def test_report_without_any_mention_is_a_clear_error(tmp_path):
    corpus = mk.load_corpus(pd.DataFrame({
        "doc_id": ["a", "b"], "outlet": ["X", "Y"], "text": ["Nothing here.", "Fine weather."],
    }))
    with pytest.raises(ValueError, match="no mention of 'armed_opposition'.*mediakit audit"):
        write_report(corpus, out_dir=tmp_path)


def test_report_with_quotes_only(tmp_path):
    """No narration mention at all: the page says so instead of failing."""
    corpus = mk.load_corpus(pd.DataFrame({
        "doc_id": ["a", "b"], "outlet": ["X", "Y"],
        "text": ['"The rebels came," he said.', '"Terrorists!" said Ilves.'],
    }))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        paths = write_report(corpus, out_dir=tmp_path)
    page = paths.html.read_text(encoding="utf-8")
    assert "<b>X</b> never names armed_opposition with a lexicon label in its own voice" in page
    voice = page[page.index('<section id="voice">'):page.index('<section id="rates">')]
    assert "100%" in voice


# ------------------------------------------------------------------ build, draw, render


@pytest.fixture(scope="module")
def built(corpus):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return build_report(corpus, seed=3)


def test_section_ids_are_stable_and_listed_in_the_template():
    from importlib import resources

    assert list(PAGE_SECTION_IDS) == SECTION_IDS
    template = resources.files("mediakit.report").joinpath(
        "templates/report.html.j2").read_text(encoding="utf-8")
    assert ", ".join(SECTION_IDS) in template  # the comment that lists them
    for anchor in SECTION_IDS:
        assert f'<section id="{anchor}">' in template


def test_build_report_computes_without_drawing(corpus, monkeypatch):
    from matplotlib.figure import Figure

    def no_figure(*args, **kwargs):
        raise AssertionError("build_report must not draw")

    monkeypatch.setattr(Figure, "__init__", no_figure)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        report = build_report(corpus, seed=3)
    assert list(report.tables) == [name for name in TABLE_FILES if name in report.tables]
    assert set(report.tables) == set(TABLE_FILES) - {"validation"}  # no coded sheet
    assert list(report.figures) == list(FIGURE_FILES)
    for name, spec in report.figures.items():
        assert callable(getattr(mk.plot, spec.plot)), spec.plot
        # A figure draws one of the report's own tables, not a private copy.
        assert any(spec.data is table for table in report.tables.values()), name
        assert spec.alt and spec.size[0] > 0 and spec.size[1] > 0
    over_time = report.figures["shares_over_time"]
    assert [p["outlet"] for p in over_time.panels] == sorted(
        report.tables["shares_over_time"]["outlet"].unique())
    assert over_time.options["change_points"] is report.tables["change_points"]
    assert report.actor == "armed_opposition" and report.seed == 3
    assert report.excluded_docs == ("v4",)
    assert report.rules.n_boot == 2000 and report.rules.level == 0.95
    heads = report.headlines.set_index("outlet")
    assert heads.loc["The Herald", "label"] == "terrorist"
    assert heads.loc["The Herald", "total"] == 5 and heads.loc["The Herald", "few"]
    examples = report.examples[report.examples["outlet"] == "The Herald"]
    assert len(examples) == 3 and examples["doc_id"].nunique() == 3  # different articles
    assert (examples["match"].str.lower() == "terrorists").all()
    for row in examples.itertuples():
        assert (row.before + row.match + row.after).split() == row.before.split() + [
            row.match] + row.after.split()


def test_small_multiples_share_one_legend_with_every_label(built):
    """Issue 17: the shared legend listed the first panel's labels only."""
    from mediakit.report.figures import _figure

    spec = built.figures["shares_over_time"]
    drawn = spec.data.loc[spec.data["n"] > 0, "label"].unique()
    assert len(drawn) == 3  # terrorist, opposition, rebel: one outlet each
    fig = _figure(spec)
    assert [ax.get_legend() for ax in fig.axes] == [None] * len(fig.axes)
    (legend,) = fig.legends
    names = [text.get_text() for text in legend.get_texts()]
    assert set(drawn) <= set(names)
    assert all(not text.get_parse_math() for text in legend.get_texts())
    assert draw_figure(spec).startswith(b"\x89PNG\r\n\x1a\n")


def test_render_leaves_out_figures_not_drawn(built):
    page = render_html(built, images={})
    assert "data:image" not in page and "<figure>" not in page
    for anchor in SECTION_IDS:
        assert f'<section id="{anchor}">' in page


def test_headlines_show_their_n_and_warn_under_the_minimum(page):
    findings = page[page.index('<section id="findings">'):page.index('<section id="shares">')]
    assert "<b>The Herald</b> most often says <b>“terrorist”</b>: 100% of its 5 narration " \
           "mentions" in findings
    assert findings.count('class="warn">Few mentions') == 3  # every outlet: under 10
    assert "fewer than 10" in findings


def test_report_reads_as_english(page, tmp_path):
    assert "<h1>How 3 outlets name <i>armed_opposition</i></h1>" in page
    assert "1 outlets" not in page and "(all voice)" not in page
    single = mk.load_corpus(pd.DataFrame({
        "doc_id": ["a"], "outlet": ["Solo"], "text": ["The rebels crossed the river."]}))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        one = write_report(single, out_dir=tmp_path / "one").html.read_text(encoding="utf-8")
    assert "<h1>How 1 outlet names <i>armed_opposition</i></h1>" in one
    assert "1 narration mention (" in one and "1 of 1 article)" in one
    assert "mediakit report on 1 article," in one


def test_report_groups_syndicated_copies_and_repeats(tmp_path):
    """Counts first, largest group first, collapsed; undated and within-outlet groups."""
    wire = ("Rebels seized the northern bridge on Monday after a night of heavy shelling, "
            "and thousands of families fled toward the coast with what they could carry.")
    again = ("Rebels and soldiers traded fire all night at the old mill, residents said, and "
             "nobody could reach the wounded until the shelling stopped at dawn.")
    corpus = mk.load_corpus(pd.DataFrame({
        "doc_id": ["w1", "w2", "w3", "r1", "r2", "x1"],
        "outlet": ["Wire", "Herald", "Voice", "Voice", "Voice", "Herald"],
        "date": ["2025-01-08", "2025-01-06", "2025-01-09", None, None, "2025-01-02"],
        "text": [wire, wire, wire, again, again, "The rebels rested."],
    }))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        page = write_report(corpus, out_dir=tmp_path).html.read_text(encoding="utf-8")
    section = page[page.index('<section id="duplicates">'):page.index('<section id="method">')]
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", section)).split())
    assert ("2 groups of near-identical articles, 5 articles : 1 syndicated across outlets, "
            "1 repeated within one outlet, 1 without any date. 3 copies left out") in text
    assert "<details><summary>The 2 groups, largest first</summary>" in section
    big = section.index("3 copies, syndicated in 3 outlets, 2025-01-06 to 2025-01-09")
    repeat = section.index("2 copies, repeated within Voice, undated")
    assert big < repeat  # largest first
    undated_group = section[repeat:]
    assert "kept (first in corpus order: no dates)" in undated_group
    assert "kept (earliest copy)" not in undated_group and "syndicated" not in undated_group
    assert section[big:repeat].count("kept (earliest copy)") == 1


def test_an_outlet_of_wire_copies_only_does_not_break_the_report(tmp_path):
    herald = "The terrorists fled north. The terrorists were seen near Liss. Terrorists again."
    voice = "Opposition forces held the town. The opposition forces advanced. Opposition won."
    wire = ("Rebels seized the northern bridge on Monday after a night of heavy shelling, "
            "and thousands of families fled toward the coast with what they could carry.")
    corpus = mk.load_corpus(pd.DataFrame({
        "doc_id": ["h1", "h2", "v1", "r1", "r2"],
        "outlet": ["Herald", "Herald", "Voice", "Reprint", "Reprint"],
        "date": ["2025-01-06", "2025-01-20", "2025-01-07", "2025-01-08", "2025-01-21"],
        "text": [wire, herald, voice, wire, herald],
    }))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        paths = write_report(corpus, out_dir=tmp_path)
    page = paths.html.read_text(encoding="utf-8")
    assert ("<b>Reprint</b>: every article is a syndicated copy of a story another outlet "
            "ran first") in page
    assert "Every article of Reprint is a copy" in page
    words = pd.read_csv(paths.tables["distinguishing_words"])
    assert set(words["a"]) == {"Herald", "Voice"}
    assert "Not compared: Reprint (every article a syndicated copy)." in page


def _hostile_marenna() -> mk.Lexicon:
    """The sample's lexicon with markup and mathtext in its actor and label names."""
    data = mk.load_lexicon("marenna").to_dict()
    actors = data["actors"]
    opposition = actors.pop("armed_opposition")
    labels = opposition["labels"]
    labels[f"$\\frac$ {SCRIPT}"] = labels.pop("terrorist")
    labels["$x$ rebel"] = labels.pop("rebel")
    labels[IMG] = labels.pop("insurgent")
    data["actors"] = {"$\\bad$ <b>opp</b>": opposition, **actors}
    return mk.Lexicon.from_dict(data)


def test_mathtext_and_markup_in_labels_and_actor_stay_text(tmp_path):
    """Every figure is drawn (no mathtext error) and every name is shown as typed."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        paths = write_report(mk.load_sample(), lexicon=_hostile_marenna(), out_dir=tmp_path)
    assert set(paths.figures) == set(FIGURE_FILES)
    page = paths.html.read_text(encoding="utf-8")
    parsed = _parse(page)
    assert "script" not in {name for name, _ in parsed.tags}
    assert "<script" not in page.lower() and "<img src=x" not in page
    text = "".join(parsed.text)
    assert "How 7 outlets name $\\bad$ <b>opp</b>" in text
    assert f"most often says “$\\frac$ {SCRIPT}”" in text
    assert f"most often says “{IMG}”" in text  # The Defence Review's insurgents
    assert "$x$ rebel" in text


def _small_report(built, monkeypatch):
    """write_report without the analysis or drawing: the folder is what is tested."""
    import mediakit.report.write as write_module

    monkeypatch.setattr(write_module, "build_report", lambda *args, **kwargs: built)
    monkeypatch.setattr(write_module, "draw_figure",
                        lambda spec: b"\x89PNG\r\n\x1a\n" + spec.name.encode())


def test_report_folder_is_complete_and_marked(built, tmp_path, monkeypatch):
    import hashlib

    _small_report(built, monkeypatch)
    paths = write_report(pd.DataFrame(), out_dir=tmp_path / "out")
    marker = (paths.out_dir / COMPLETE_MARKER).read_text(encoding="utf-8").splitlines()
    assert marker[0] == "mediakit report: complete"
    listed = dict(reversed(line.split("  ", 1)) for line in marker[2:])
    written = sorted(p.relative_to(paths.out_dir).as_posix()
                     for p in paths.out_dir.rglob("*") if p.is_file() and p.name != COMPLETE_MARKER)
    assert sorted(listed) == written
    for name, digest in listed.items():
        assert hashlib.sha256((paths.out_dir / name).read_bytes()).hexdigest() == digest
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]  # nothing left beside it


def test_a_link_to_a_report_folder_stays_a_link(built, tmp_path, monkeypatch):
    _small_report(built, monkeypatch)
    target = tmp_path / "reports" / "current"
    write_report(pd.DataFrame(), out_dir=target)
    link = tmp_path / "latest"
    link.symlink_to(target, target_is_directory=True)
    paths = write_report(pd.DataFrame(), out_dir=link)
    assert link.is_symlink() and paths.html == link / "report.html"
    assert (target / COMPLETE_MARKER).is_file()
    assert sorted(p.name for p in (tmp_path / "reports").iterdir()) == ["current"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["latest", "reports"]


@pytest.mark.parametrize("failure", [RuntimeError("disk full"), KeyboardInterrupt()])
def test_an_interrupted_report_leaves_the_previous_one_intact(built, tmp_path, monkeypatch,
                                                              failure):
    import mediakit.report.write as write_module

    _small_report(built, monkeypatch)
    out = tmp_path / "report"
    write_report(pd.DataFrame(), out_dir=out)
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}

    def fail(*args, **kwargs):
        raise failure

    # Fails after every table and figure of the new report has been written.
    monkeypatch.setattr(write_module, "render_html", fail)
    with pytest.raises(type(failure)):
        write_report(pd.DataFrame(), out_dir=out)
    after = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report"]  # no temporary folder


@pytest.mark.parametrize("pressed_at", ["analysis", "writing"])
def test_a_ctrl_c_swallowed_during_the_report_commits_nothing(built, tmp_path, monkeypatch, pressed_at):
    # The command line's case: Python swallowed the KeyboardInterrupt (in a worker
    # pool's clean-up, say), so only the flag says Ctrl-C was pressed. The check runs
    # before the new folder replaces the old one; the old report stays whole.
    import mediakit.report.write as write_module

    _small_report(built, monkeypatch)
    out = tmp_path / "report"
    write_report(pd.DataFrame(), out_dir=out)
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    pressed = {"flag": pressed_at == "analysis"}
    if pressed_at == "writing":
        real_render = write_module.render_html

        def render_then_press(*args, **kwargs):
            pressed["flag"] = True  # Ctrl-C after the analysis, while files are written
            return real_render(*args, **kwargs)

        monkeypatch.setattr(write_module, "render_html", render_then_press)

    def check():
        if pressed["flag"]:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_module._write_report(pd.DataFrame(), lexicon=None, out_dir=out, actor=None, seed=0,
                                   n_jobs=1, progress=False, coded=None, before_commit=check)
    after = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report"]  # no temporary folder


def test_a_folder_of_other_files_is_never_replaced(corpus, tmp_path, monkeypatch):
    import mediakit.analysis

    def boom(*args, **kwargs):
        raise AssertionError("analyze must not run")

    monkeypatch.setattr(mediakit.analysis, "analyze", boom)
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    (tmp_path / "tables").mkdir()
    (tmp_path / "tables" / "corpus.xlsx").write_bytes(b"x")
    with pytest.raises(mk.InvalidParameterError, match=r"not part of a mediakit report "
                                                       r"\(notes.txt, tables/corpus.xlsx\)"):
        write_report(corpus, out_dir=tmp_path)
    with pytest.raises(mk.InvalidParameterError, match="is a file"):
        write_report(corpus, out_dir=tmp_path / "notes.txt")
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_csv_cells_cannot_run_as_spreadsheet_formulas(tmp_path):
    title = '=HYPERLINK("http://x.invalid","click")'
    corpus = mk.load_corpus(pd.DataFrame({
        "doc_id": ["a", "b"], "outlet": ["@Wire", "Herald"], "title": [title, "-rebels"],
        "text": ["The rebels crossed the river.", "Militants and rebels met."]}))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        paths = write_report(corpus, out_dir=tmp_path)
    documents = pd.read_csv(paths.tables["documents"], keep_default_na=False)
    assert documents["title"].tolist() == ["'" + title, "'-rebels"]
    assert documents["outlet"].tolist() == ["'@Wire", "Herald"]
    text = "".join(_parse(paths.html.read_text(encoding="utf-8")).text)
    assert "@Wire" in text and "'@Wire" not in text
