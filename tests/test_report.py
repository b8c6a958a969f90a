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
from mediakit.report import FIGURE_FILES, TABLE_FILES, ReportPaths, write_report
from mediakit.text import count_words

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
EVIL_OUTLET = f"Evil {IMG} News"

SECTION_IDS = ["summary", "findings", "shares", "voice", "rates", "tone", "time", "words",
               "contexts", "duplicates", "method"]

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
                       "title": "empty", "text": ""}]
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
    assert set(report.tables) == set(TABLE_FILES)  # including skipped: one bad record
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
    assert list(mentions.columns) == list(analysis.mentions.columns)
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
    """Every rule's number on the page comes from the table that applied it."""
    import mediakit.compare as compare
    import mediakit.dedup as dedup

    def patched(function, **rule):
        def run(*args, **kwargs):
            return function(*args, **{**kwargs, **rule})
        return run

    monkeypatch.setattr(compare, "label_shares_over_time", patched(
        compare.label_shares_over_time, threshold=0.35, alpha=0.1, baseline=3, n_perm=499))
    monkeypatch.setattr(compare, "label_change_points", patched(
        compare.label_change_points, alpha=0.01, n_perm=199, min_docs=4))
    monkeypatch.setattr(compare, "label_shares", patched(
        compare.label_shares, level=0.9, n_boot=300))
    monkeypatch.setattr(dedup, "find_duplicates", patched(
        dedup.find_duplicates, threshold=0.75, shingle=4))
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
