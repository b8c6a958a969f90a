"""The report's Loading section and tables/load_log.csv: what loading did stays with the results.

The corpus here is shaped like FA-KES (latin-1 bytes, m/d/Y dates, columns
``article_content``, ``article_title``, ``source``) but every sentence is our own.
"""

from __future__ import annotations

import csv
import io
import warnings
from pathlib import Path

import pandas as pd
import pytest
from report_pages import section as _section
from report_pages import visible_text as _text

import mediakit as mk
from mediakit.cli import EXIT_OK, main
from mediakit.report import SECTION_IDS, TABLE_FILES, build_report, render_html, write_report

MARKUP = "<b>soon</b>"

# source, article_title, date, article_content: "é" and "ï" are one byte each in latin-1.
ROWS = [
    ("Capital Courier", "Rebels shell the café district", "4/16/2017",
     "Rebels shelled the café district on Sunday, the ministry said. Witnesses described "
     "the militants as well organised."),
    ("Capital Courier", "Terrorists seize a bridge", "4/5/2017",
     'The terrorists seized the bridge at dawn. "These rebels will not hold it," said '
     "General Amal Haddad."),
    ("Valley Post", "Militants withdraw", "",
     "Militants withdrew from the town after talks. Residents returned to the naïve calm."),
    ("Valley Post", "Opposition fighters regroup", MARKUP,
     "Opposition fighters regrouped north of the river, according to local officials."),
    ("Valley Post", "Insurgents attack a convoy near the ridge", "5/2/2017", ""),
    ("Harbour Times", "", "6/1/2017", ""),
    ("Harbour Times", "Rebels agree to a truce", "6/3/2017",
     "The rebels agreed to a truce. The army said the militants would leave the port."),
]


@pytest.fixture(scope="module")
def fakes_like(tmp_path_factory) -> Path:
    """A latin-1 CSV with FA-KES's column names and date style."""
    path = tmp_path_factory.mktemp("fakes") / "fakes_like.csv"
    with path.open("w", newline="", encoding="latin-1") as handle:
        writer = csv.writer(handle)
        writer.writerow(["source", "article_title", "date", "article_content"])
        writer.writerows(ROWS)
    assert b"caf\xe9" in path.read_bytes()  # really latin-1, not UTF-8
    return path


@pytest.fixture(scope="module")
def corpus(fakes_like) -> pd.DataFrame:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mk.errors.CorpusWarning)
        return mk.load_corpus(fakes_like, errors="skip")


@pytest.fixture(scope="module")
def written(corpus, tmp_path_factory):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return write_report(corpus, out_dir=tmp_path_factory.mktemp("out") / "report")


def test_loading_section_follows_the_corpus_section():
    assert SECTION_IDS[:2] == ("summary", "loading")
    assert "load_log" in TABLE_FILES


def test_the_page_states_decoding_columns_dates_headlines_and_skips(corpus, written):
    text = _text(_section(written.html.read_text(encoding="utf-8"), "loading"))
    # the file's decoding, as the load log has it (a single-byte fallback, named)
    [encoding] = mk.load_log(corpus, "encoding")["value"].tolist()
    assert encoding in ("latin-1", "cp1252")
    assert f"fakes_like.csv: read as {encoding};" in text
    # every recognised column, by its input name
    for name, as_ in (("source", "outlet"), ("article_title", "title"), ("date", "date"),
                      ("article_content", "text")):
        if name != "date":  # 'date' is the corpus's own name: nothing to recognise
            assert f"{name} as {as_}" in text
    # undated: one empty date, one that is not a date (listed with row and value)
    assert corpus["date"].isna().sum() == 2
    assert "2 of 6 articles undated" in text
    assert "1 date value could not be read" in text
    assert f"row 4, column 'date': '{MARKUP}'" in text
    assert "month/day/year" in text
    # the record with a title and no body is a headline record; the empty one is skipped
    assert "1 article has a title and no body" in text
    assert ("Skipped records 1 record, by reason (each one below): empty text and no title "
            "(column 'article_content'): 1 record") in text


def test_markup_in_a_logged_value_stays_text(written):
    page = written.html.read_text(encoding="utf-8")
    assert MARKUP not in page
    assert "&lt;b&gt;soon&lt;/b&gt;" in _section(page, "loading")


def test_load_log_csv_is_the_corpus_load_log(corpus, written):
    path = written.tables["load_log"]
    assert path == written.out_dir / "tables" / "load_log.csv"
    on_disk = pd.read_csv(path, dtype=str, keep_default_na=False)
    expected = mk.load_log(corpus).astype("string").fillna("")
    assert on_disk.columns.tolist() == ["kind", "file", "row", "column", "value", "message"]
    assert on_disk.values.tolist() == expected.values.tolist()
    assert {"encoding", "column", "date", "date_order", "skipped", "title_only"} <= set(
        on_disk["kind"])


def test_the_sample_reports_a_clean_load(tmp_path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        paths = write_report(mk.load_sample(), lexicon="marenna", out_dir=tmp_path / "r")
    text = _text(_section(paths.html.read_text(encoding="utf-8"), "loading"))
    assert text.startswith("Loading: what was read, and how Loading reported nothing to check")
    assert "Decoding UTF-8" in text and "Skipped records 0 records" in text
    # the table is written with its columns even when loading reported nothing
    assert pd.read_csv(paths.tables["load_log"]).columns.tolist() == [
        "kind", "file", "row", "column", "value", "message"]
    assert len(pd.read_csv(paths.tables["load_log"])) == 0


def test_a_corpus_built_in_python_has_no_load_log():
    frame = pd.DataFrame({"doc_id": ["a", "b"], "outlet": ["X", "Y"], "date": [None, None],
                          "title": ["", ""], "url": ["", ""],
                          "text": ["The rebels took the hill.", "The terrorists fled."]})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        report = build_report(frame, seed=1)
    assert report.loaded is False and report.tables["load_log"].empty
    text = _text(_section(render_html(report, {}), "loading"))
    assert "there is no load log" in text
    assert "Decoding" not in text  # nothing is claimed about files it never saw


def test_cli_report_on_a_fakes_like_file_states_latin1_and_undated(fakes_like, tmp_path):
    out, err = io.StringIO(), io.StringIO()
    code = main([
        "report", str(fakes_like), "--encoding", "latin-1", "--skip-bad",
        "--columns", "text=article_content,title=article_title,outlet=source",
        "--out", str(tmp_path / "rep"),
    ], stdin=io.StringIO(""), stdout=out, stderr=err)
    assert code == EXIT_OK, err.getvalue()
    text = _text(_section((tmp_path / "rep" / "report.html").read_text(encoding="utf-8"),
                          "loading"))
    assert "fakes_like.csv: read as latin-1; " in text and "the encoding given" in text
    assert "2 of 6 articles undated" in text
    # mapped explicitly: nothing is "recognised"
    assert "recognised by their names" not in text and "mapped explicitly" in text
    log = pd.read_csv(tmp_path / "rep" / "tables" / "load_log.csv")
    assert log.loc[log["kind"] == "encoding", "value"].tolist() == ["latin-1"]
