"""The report's Validation section: a coded sheet's validation_report on the page and as CSV.

The sheets are the bundled sample's (``data/coding``), coded by hand for notebook 06;
the weak sheet is the same sheet with some voice codes changed here, so mediakit's
voice accuracy against it is known in advance.
"""

from __future__ import annotations

import io
import shutil
import warnings
from pathlib import Path

import pandas as pd
import pytest
from report_pages import section as _section
from report_pages import visible_text as _text

import mediakit as mk
from mediakit.cli import EXIT_DATA_ERROR, EXIT_OK, EXIT_USAGE, main
from mediakit.coding import CodingError
from mediakit.report import SECTION_IDS, TABLE_FILES, build_report, render_html, write_report

REPO = Path(__file__).resolve().parents[1]
SHEET = REPO / "data" / "coding" / "sample_mentions_coder_a.csv"


def _build(**kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return build_report(mk.load_sample(), lexicon="marenna", **kwargs)


@pytest.fixture(scope="module")
def validated():
    return _build(coded=SHEET)


@pytest.fixture(scope="module")
def plain():
    return _build()


def test_validation_section_sits_before_the_method_notes():
    assert SECTION_IDS[-2:] == ("validation", "method")
    assert "validation" in TABLE_FILES


def test_the_validation_table_is_validation_report_of_the_analysis(validated):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        analysis = mk.analyze(mk.load_sample(), "marenna")
    expected = mk.validation_report(mk.read_coding(SHEET), analysis)
    pd.testing.assert_frame_equal(validated.tables["validation"], expected)
    assert validated.coded == str(SHEET) and validated.n_coded == 30
    assert list(validated.tables)[-1] == "validation"


def test_the_page_shows_every_field_with_intervals_and_flags_weak_measures(validated):
    text = _text(_section(render_html(validated, {}), "validation"))
    table = validated.tables["validation"]
    assert "(30 items;" in text and "95% Wilson intervals" in text
    voice = table[(table["field"] == "voice") & table["class"].isna()].iloc[0]
    assert voice["n"] == 30
    assert (f"voice all items 30 0 0 {voice['accuracy']:.2f} "
            f"({voice['lo']:.2f}–{voice['hi']:.2f})") in text
    # scare quotes: mediakit said scare quote twice, the coder once (precision 0.50)
    scare = table[(table["field"] == "voice") & (table["class"] == "scare_quote")].iloc[0]
    assert scare["precision"] == 0.5
    assert "under 0.8: precision 0.50, F1 0.67" in text
    flagged = sum(1 for rec in table.to_dict("records")
                  if any(not pd.isna(rec[k]) and rec[k] < 0.8
                         for k in ("accuracy", "precision", "recall", "f1")))
    assert flagged == 3 and f"is flagged ({flagged} rows)" in text
    # every headline field is at 0.9 or more on this sheet: no warning on the findings
    page = render_html(validated, {})
    assert "Check these findings" not in page and "read them as a sketch" not in text


def test_a_headline_field_under_the_threshold_warns_on_the_findings(tmp_path):
    sheet = mk.read_coding(SHEET)
    narration = sheet.index[sheet["coded_voice"] == "narration"][:10]
    sheet.loc[narration, "coded_voice"] = "quote"  # 10 of mediakit's narration calls now wrong
    report = _build(coded=sheet)
    voice = report.tables["validation"].query("field == 'voice' and `class`.isna()").iloc[0]
    assert voice["accuracy"] == pytest.approx(19 / 30)  # 29 right before, 10 made wrong
    page = render_html(report, {})
    findings = _text(_section(page, "findings"))
    assert (f"its voice accuracy is 0.63 ({voice['lo']:.2f}–{voice['hi']:.2f} interval, "
            "30 coded items): under 0.8") in findings
    assert "The headline findings rest on voice (accuracy 0.63), under 0.8" in _text(
        _section(page, "validation"))
    assert report.coded == "<DataFrame>"


def test_without_a_sheet_the_section_says_how_to_make_one(plain):
    assert "validation" not in plain.tables and plain.coded is None
    page = render_html(plain, {})
    text = _text(_section(page, "validation"))
    assert "No coded sheet was given" in text
    assert ("mediakit coding-sheet CORPUS --lexicon marenna --n 200 --blind --out sheet.csv"
            in text)
    assert "mediakit report CORPUS --lexicon marenna --coded sheet.csv" in text
    assert "have not been checked against people's codes" in _text(_section(page, "findings"))


def test_write_report_writes_validation_csv_and_escapes_the_sheet_name(tmp_path):
    sheet = tmp_path / "<b>coder.csv"
    shutil.copyfile(SHEET, sheet)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        paths = write_report(mk.load_sample(), lexicon="marenna", out_dir=tmp_path / "r",
                             coded=sheet)
    on_disk = pd.read_csv(paths.tables["validation"])
    expected = mk.validation_report(sheet, mk.analyze(mk.load_sample(), "marenna"))
    assert on_disk["field"].tolist() == expected["field"].tolist()
    assert on_disk["accuracy"].round(12).tolist() == pytest.approx(
        expected["accuracy"].round(12).tolist(), nan_ok=True)
    page = paths.html.read_text(encoding="utf-8")
    assert "<b>coder" not in page and "&lt;b&gt;coder.csv" in page


def _bad_sheet(tmp_path: Path, old: str, new: str, line: int = 17) -> Path:
    """The sample sheet with ``old`` replaced by ``new`` on one line (0-based)."""
    lines = SHEET.read_text(encoding="utf-8").split("\n")
    at = lines[line].rindex(old)
    lines[line] = lines[line][:at] + new + lines[line][at + len(old):]
    path = tmp_path / "bad.csv"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def test_a_bad_code_fails_before_the_analysis_naming_row_and_column(tmp_path, monkeypatch):
    path = _bad_sheet(tmp_path, ",narration,", ",narator,")
    import mediakit.analysis

    def never(*args, **kwargs):
        raise AssertionError("the analysis ran before the sheet was checked")

    monkeypatch.setattr(mediakit.analysis, "analyze", never)
    with pytest.raises(CodingError) as caught:
        build_report(mk.load_sample(), lexicon="marenna", coded=path)
    assert (caught.value.file, caught.value.row, caught.value.column) == (
        str(path), 18, "coded_voice")
    assert "'narator' is not an allowed value" in str(caught.value)
    assert not (tmp_path / "r").exists()


def test_a_sheet_of_another_corpus_names_its_row(tmp_path):
    path = _bad_sheet(tmp_path, "meridian-chronicle/2025-01-06-marenna-offensive-dorvast",
                      "nowhere/no-such-article")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with pytest.raises(CodingError) as caught:
            write_report(mk.load_sample(), lexicon="marenna", out_dir=tmp_path / "r",
                         coded=path)
    assert (caught.value.row, caught.value.column) == (18, "doc_id")
    assert "'nowhere/no-such-article' is not in the corpus" in str(caught.value)
    assert not (tmp_path / "r").exists()  # nothing written


def _run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdin=io.StringIO(""), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_cli_report_coded(tmp_path):
    code, out, err = _run("report", "--coded", str(SHEET), "--out", str(tmp_path / "r"))
    assert code == EXIT_OK, err
    table = pd.read_csv(tmp_path / "r" / "tables" / "validation.csv")
    assert set(table["field"]) == {"voice", "speaker", "referent", "label", "in_scope"}
    text = _text(_section((tmp_path / "r" / "report.html").read_text(encoding="utf-8"),
                          "validation"))
    assert "sample_mentions_coder_a.csv (30 items;" in text


def test_cli_report_coded_failures(tmp_path):
    bad = _bad_sheet(tmp_path, ",narration,", ",narator,")
    code, _, err = _run("report", "--coded", str(bad), "--out", str(tmp_path / "r"))
    assert code == EXIT_DATA_ERROR
    assert f"{bad}, row 18, column 'coded_voice': 'narator' is not an allowed value" in err
    assert "loaded" not in err  # refused before the corpus was loaded
    assert not (tmp_path / "r").exists()
    text = tmp_path / "sheet.txt"
    text.write_text("x", encoding="utf-8")
    code, _, err = _run("report", "--coded", str(text), "--out", str(tmp_path / "r"))
    assert code == EXIT_USAGE and "a coding sheet is a .csv or .xlsx file" in err
    (tmp_path / "r").mkdir()
    inside = tmp_path / "r" / "sheet.csv"
    shutil.copyfile(SHEET, inside)
    code, _, err = _run("report", "--coded", str(inside), "--out", str(tmp_path / "r"))
    assert code == EXIT_USAGE and "is inside --out" in err
    assert inside.read_bytes() == SHEET.read_bytes()
