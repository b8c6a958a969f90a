"""Coding sheets, human codes, accuracy and agreement (mediakit.coding, issue 15)."""

from __future__ import annotations

import csv
import sys

import krippendorff
import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import mediakit as mk
from mediakit.coding import (
    CodingError,
    _allocate,
    _speakers_agree,
    alpha_by_field,
    coding_sheet,
    krippendorff_alpha,
    read_coding,
    validation_report,
    write_coding_sheet,
)

HAVE_OPENPYXL = True
try:
    import openpyxl  # noqa: F401
except ImportError:  # pragma: no cover - the test extra installs it
    HAVE_OPENPYXL = False

FORMATS = ["csv", pytest.param("xlsx", marks=pytest.mark.skipif(not HAVE_OPENPYXL, reason="openpyxl"))]


@pytest.fixture(scope="module")
def sample():
    return mk.analyze(mk.load_sample())


@pytest.fixture(scope="module")
def hostile():
    """Articles whose ids, outlets and text start like spreadsheet formulas."""
    corpus = pd.DataFrame(
        {
            "doc_id": ["=d1", "+d2", "@d3"],
            "outlet": ['=HYPERLINK("http://x")', "-Outlet", "Plain News"],
            "title": ["t", "t", "t"],
            "text": [
                (
                    '=SUM(1) The rebels attacked the town. "The terrorists will pay," said '
                    "Interior Minister Dana Ilves.\n\nLater, militants withdrew."
                ),
                (
                    '-1+2 Government forces shelled the area. "We fight terrorists," the army '
                    "spokesman said."
                ),
                '@cmd The so-called "rebels" held the bridge; opposition fighters said "we stay".',
            ],
        }
    )
    return mk.analyze(corpus)


def _deep(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.copy(deep=True)


def _other_voice(voice: str) -> str:
    return "quote" if voice == "narration" else "narration"


# --------------------------------------------------------------------- the sheet


def test_sheet_columns_and_context(sample):
    sheet = coding_sheet(sample, n=60, seed=3)
    assert list(sheet.columns) == [
        "item_id", "unit", "doc_id", "outlet", "start", "end", "match", "context",
        "voice", "coded_voice", "speaker", "coded_speaker", "referent", "coded_referent",
        "label", "coded_label", "in_scope", "coded_in_scope", "coder", "note",
    ]
    assert len(sheet) == 60
    assert sheet["item_id"].is_unique
    texts = dict(zip(sample.corpus["doc_id"], sample.corpus["text"]))
    mentions = sample.mentions.set_index(["doc_id", "start", "end"])
    for row in sheet.itertuples():
        # the item is the text at its offsets, and the context marks exactly it
        assert texts[row.doc_id][row.start : row.end] == row.match
        assert f"[[{row.match}]]" in row.context
        assert "\n" not in row.context
        assert row.item_id == f"m:{row.doc_id}:{row.start}-{row.end}"
        truth = mentions.loc[(row.doc_id, row.start, row.end)]
        assert row.voice == truth["voice"] and row.label == truth["label"]
        assert row.speaker == ("none" if pd.isna(truth["speaker"]) else truth["speaker"])
    for field in ("voice", "speaker", "referent", "label"):
        assert sheet[f"coded_{field}"].isna().all()
    assert list(sheet["coded_voice"].cat.categories) == ["narration", "quote", "scare_quote"]
    assert set(sheet["coded_referent"].cat.categories) == {"armed_opposition", "state_forces", "none"}
    assert "terrorist" in set(sheet["coded_label"].cat.categories)


def test_blind_sheet_leaves_mediakits_answers_out(sample):
    blind = coding_sheet(sample, n=30, unit="quote", blind=True)
    assert list(blind.columns) == [
        "item_id", "unit", "doc_id", "outlet", "start", "end", "context",
        "coded_voice", "coded_speaker", "coder", "note",
    ]
    seen = coding_sheet(sample, n=30, unit="quote")
    assert {"rule", "cue", "speaker_text", "resolved_via", "speaker"} <= set(seen.columns)
    # same draw either way
    assert blind["item_id"].tolist() == seen["item_id"].tolist()


def test_stratification_is_reproducible_and_covers_every_stratum(sample):
    mentions = sample.mentions
    strata = set(zip(mentions["outlet"], mentions["label"]))
    first = coding_sheet(sample, n=120, seed=7)
    again = coding_sheet(sample, n=120, seed=7)
    pd.testing.assert_frame_equal(first, again)
    assert set(zip(first["outlet"], first["label"])) == strata
    # the row order of the input does not matter
    shuffled = mentions.sample(frac=1.0, random_state=1).reset_index(drop=True)
    from_table = coding_sheet(shuffled, n=120, seed=7, corpus=sample.corpus)
    # (a table has no lexicon: its allowed labels come sorted, not in lexicon order)
    pd.testing.assert_frame_equal(from_table, first, check_categorical=False)
    other = coding_sheet(sample, n=120, seed=8)
    assert set(other["item_id"]) != set(first["item_id"])
    # proportional beyond the minimum of one: no stratum is more than one item away
    sizes = mentions.groupby(["outlet", "label"]).size()
    drawn = first.groupby(["outlet", "label"]).size()
    for key, size in sizes.items():
        assert drawn[key] <= max(1, 120 * size / len(mentions)) + 1


def test_allocation_minimum_then_proportional():
    assert _allocate([100, 10, 1], 20, 1) == [18, 1, 1]
    assert _allocate([100, 10, 1], 20, 0) == [18, 2, 0]
    assert _allocate([5, 5], 50, 1) == [5, 5]
    assert sum(_allocate([7, 3, 9, 1, 12], 17, 2)) == 17
    with pytest.raises(CodingError, match="too small"):
        _allocate([10, 10, 10], 2, 1)


def test_simple_random_sample_and_other_strata(sample):
    plain = coding_sheet(sample, n=25, stratify=())
    assert len(plain) == 25
    by_voice = coding_sheet(sample, n=30, stratify="voice")
    assert set(by_voice["voice"]) == set(sample.mentions["voice"])
    with pytest.raises(CodingError, match="cannot stratify by \\['colour'\\]"):
        coding_sheet(sample, n=25, stratify=("outlet", "colour"))


def test_quote_sheet_needs_the_articles(sample):
    quotes = mk.find_quotes(sample.corpus)
    with pytest.raises(CodingError, match="need the articles"):
        coding_sheet(quotes, unit="quote", n=10)
    sheet = coding_sheet(quotes, unit="quote", n=20, corpus=sample.corpus)
    assert sheet["outlet"].notna().all()
    assert sheet["context"].str.contains(r"\[\[", regex=True).all()
    with pytest.raises(CodingError, match="mentions table"):
        coding_sheet(sample.mentions, unit="quote", n=10, corpus=sample.corpus)


def test_a_mention_sheet_without_articles_needs_the_sentence_text(sample):
    # an analysis's mentions point at their sentence (issue 19): alone they cannot
    # show a context, joined with their sentences they can, as an Analysis can
    with pytest.raises(CodingError, match="mediakit.mention_sentences joins its text"):
        coding_sheet(sample.mentions, n=20, stratify="outlet", seed=0)
    joined = mk.mention_sentences(sample.mentions, sample.sentences)
    alone = coding_sheet(joined, n=20, stratify="outlet", seed=0)
    whole = coding_sheet(sample, n=20, stratify="outlet", seed=0)
    assert alone["context"].str.contains(r"\[\[", regex=True).all()
    assert alone[["doc_id", "start", "match"]].equals(whole[["doc_id", "start", "match"]])


def test_coding_sheet_rejects_bad_options(sample):
    with pytest.raises(CodingError, match="too small"):
        coding_sheet(sample, n=40)  # 57 outlet x label strata
    for kwargs in ({"n": 0}, {"n": 2.5}, {"unit": "word"}, {"seed": -1}, {"context_chars": -3}):
        with pytest.raises(ValueError):
            coding_sheet(sample, **kwargs)
    with pytest.raises(TypeError, match="Analysis"):
        coding_sheet([1, 2, 3])


def test_no_input_is_mutated(sample, tmp_path):
    corpus, mentions = _deep(sample.corpus), _deep(sample.mentions)
    sheet = coding_sheet(sample, n=60)
    sheet_before = _deep(sheet)
    path = tmp_path / "sheet.csv"
    write_coding_sheet(sheet, path)
    coded = sheet.assign(coded_voice=sheet["voice"].astype(sheet["coded_voice"].dtype))
    coded_before = _deep(coded)
    read_coding(coded)
    validation_report(coded, sample)
    alpha_by_field([coded, coded.copy()])
    pd.testing.assert_frame_equal(sample.corpus, corpus)
    pd.testing.assert_frame_equal(sample.mentions, mentions)
    pd.testing.assert_frame_equal(sheet, sheet_before)
    pd.testing.assert_frame_equal(coded, coded_before)


# ------------------------------------------------------------------ round trips


def _fill_hostile_codes(sheet: pd.DataFrame) -> pd.DataFrame:
    coded = sheet.copy()
    n = len(coded)
    coded["coded_voice"] = pd.Series(
        (["quote", None] * n)[:n], dtype=sheet["coded_voice"].dtype
    )
    coded["coded_speaker"] = pd.Series(
        (["=cmd|' /C calc'!A0", "-x", "@SUM(A1)", "'=already", None, "+1", "-5"] * n)[:n],
        dtype="str",
    )
    coded["note"] = pd.Series((["\t=tab", "line one\nline two", "'plain", None] * n)[:n], dtype="str")
    coded["coder"] = pd.Series(["=KM"] * n, dtype="str")
    return coded


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("unit", ["mention", "quote"])
def test_round_trip_without_loss_including_formula_like_cells(hostile, tmp_path, fmt, unit):
    sheet = coding_sheet(hostile, n=50, unit=unit)
    assert sheet["doc_id"].str[0].isin(["=", "+", "@"]).all()
    coded = _fill_hostile_codes(sheet)
    path = tmp_path / f"coded.{fmt}"
    assert write_coding_sheet(coded, path) == path
    back = read_coding(path)
    pd.testing.assert_frame_equal(back, coded)
    # and the DataFrame route reads the same
    pd.testing.assert_frame_equal(read_coding(coded), coded)


def test_csv_is_spreadsheet_safe(hostile, tmp_path):
    coded = _fill_hostile_codes(coding_sheet(hostile, n=50))
    path = tmp_path / "coded.csv"
    write_coding_sheet(coded, path)
    with open(path, encoding="utf-8", newline="") as handle:
        records = list(csv.reader(handle))
    comments = [r for r in records if r and r[0].startswith("#")]
    assert ["# allowed coded_voice: narration | quote | scare_quote"] in comments
    data = records[len(comments) :]
    header = data[0]
    for record in data[1:]:
        for name, cell in zip(header, record):
            if name in ("start", "end"):
                continue
            stripped = cell.lstrip("'")
            if stripped[:1] in ("=", "+", "@", "\t", "\r") or (
                stripped[:1] == "-" and stripped not in ("-5",)
            ):
                assert cell.startswith("'"), (name, cell)
    speaker_cells = [r[header.index("coded_speaker")] for r in data[1:]]
    assert "''=already" in speaker_cells and "-5" in speaker_cells


@pytest.mark.skipif(not HAVE_OPENPYXL, reason="openpyxl")
def test_xlsx_has_instructions_dropdowns_and_text_not_formulas(hostile, tmp_path):
    from openpyxl import load_workbook

    coded = _fill_hostile_codes(coding_sheet(hostile, n=50))
    path = tmp_path / "coded.xlsx"
    write_coding_sheet(coded, path)
    book = load_workbook(path)
    assert book.sheetnames == ["coding", "instructions", "allowed"]
    data = book["coding"]
    assert data.freeze_panes == "A2"
    formulas = [c.coordinate for row in data.iter_rows() for c in row if c.data_type == "f"]
    assert formulas == []
    lists = {
        str(cells).split(":")[0].rstrip("0123456789"): dv.formula1
        for dv in data.data_validations.dataValidation
        for cells in dv.sqref.ranges
    }
    voice_col = coded.columns.get_loc("coded_voice") + 1
    from openpyxl.utils import get_column_letter

    assert lists[get_column_letter(voice_col)] == "=allowed!$A$2:$A$4"
    context_col = get_column_letter(coded.columns.get_loc("context") + 1)
    assert data[f"{context_col}2"].alignment.wrap_text
    guide = " ".join(str(c.value) for c in book["instructions"]["A"])
    assert "blank means not coded" in guide


def test_xlsx_without_openpyxl_is_a_clear_error(sample, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    sheet = coding_sheet(sample, n=5, stratify=())
    with pytest.raises(ImportError, match=r"mediakit\[xlsx\]"):
        write_coding_sheet(sheet, tmp_path / "s.xlsx")
    assert not (tmp_path / "s.xlsx").exists()
    with pytest.raises(ValueError, match="suffix"):
        write_coding_sheet(sheet, tmp_path / "s.ods")


@pytest.mark.skipif(not HAVE_OPENPYXL, reason="openpyxl")
def test_a_broken_workbook_is_a_coding_error_naming_the_file(tmp_path):
    for name, content in (("text.xlsx", b"item_id,unit\n"), ("zip.xlsx", b"PK\x03\x04broken")):
        path = tmp_path / name
        path.write_bytes(content)
        with pytest.raises(CodingError, match="cannot read the workbook") as caught:
            read_coding(path)
        assert caught.value.file == str(path)


# ------------------------------------------------------------------- bad codes


def _csv_rows(path):
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def _write_rows(path, rows):
    with open(path, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


def test_bad_codes_name_file_row_and_column(sample, tmp_path):
    sheet = coding_sheet(sample, n=20, stratify="outlet")
    path = tmp_path / "coded.csv"
    write_coding_sheet(sheet, path)
    rows = _csv_rows(path)
    header_at = next(i for i, r in enumerate(rows) if r and r[0] == "item_id")
    header = rows[header_at]
    rows[header_at + 3][header.index("coded_voice")] = "qoute"
    rows[header_at + 5][header.index("coded_referent")] = "Armed_Opposition "  # case, spaces: fine
    rows[header_at + 6][header.index("coded_label")] = "freedom fighter"
    _write_rows(path, rows)
    with pytest.raises(CodingError) as caught:
        read_coding(path)
    error = caught.value
    # the row a spreadsheet shows: comment lines and header counted, 1-based
    assert error.file == str(path)
    assert error.row == header_at + 4 and error.column == "coded_voice"
    assert "did you mean 'quote'" in str(error)
    assert (header_at + 7, "coded_label") in [(r, c) for r, c, _ in error.problems]
    assert len(error.problems) == 2
    assert f"row {header_at + 4}" in str(error) and str(path) in str(error)


@pytest.mark.skipif(not HAVE_OPENPYXL, reason="openpyxl")
def test_bad_codes_in_xlsx_name_the_excel_row(sample, tmp_path):
    from openpyxl import load_workbook

    sheet = coding_sheet(sample, n=10, stratify=())
    path = tmp_path / "coded.xlsx"
    write_coding_sheet(sheet, path)
    book = load_workbook(path)
    column = sheet.columns.get_loc("coded_voice") + 1
    book["coding"].cell(row=4, column=column, value="narrative")
    book.save(path)
    with pytest.raises(CodingError) as caught:
        read_coding(path)
    assert caught.value.row == 4 and caught.value.column == "coded_voice"
    assert "narration" in str(caught.value)


def test_structural_problems_are_named(sample, tmp_path):
    sheet = coding_sheet(sample, n=10, stratify=())
    frame = sheet.astype({"coded_voice": "str"})
    frame.loc[2, "coded_voice"] = "loud"
    with pytest.raises(CodingError, match="row 3, column 'coded_voice'"):
        read_coding(frame)
    duplicated = pd.concat([sheet, sheet.iloc[[0]]], ignore_index=True)
    with pytest.raises(CodingError, match="also on row 1"):
        read_coding(duplicated)
    with pytest.raises(CodingError, match=r"missing column\(s\) \['start'\]"):
        read_coding(sheet.drop(columns="start"))
    path = tmp_path / "ragged.csv"
    write_coding_sheet(sheet, path)
    rows = _csv_rows(path)
    rows[-1].append("an extra cell")
    _write_rows(path, rows)
    with pytest.raises(CodingError, match=f"row {len(rows)}: the row has"):
        read_coding(path)
    with pytest.raises(CodingError, match="no such file"):
        read_coding(tmp_path / "missing.csv")


def test_lost_allowed_values_are_asked_for(sample, tmp_path):
    sheet = coding_sheet(sample, n=10, stratify=())
    plain = sheet.astype({"coded_label": "str", "coded_voice": "str"})
    with pytest.raises(CodingError, match="allowed values of 'coded_label' are not known"):
        read_coding(plain)
    labels = list(sheet["coded_label"].cat.categories)
    back = read_coding(plain, allowed={"label": labels})
    assert list(back["coded_label"].cat.categories) == labels
    # voice has a fixed vocabulary and needs nothing
    assert list(back["coded_voice"].cat.categories) == ["narration", "quote", "scare_quote"]


# ---------------------------------------------------------------------- accuracy


def test_voice_accuracy_exactly_ninety_percent_with_wilson_interval(sample, tmp_path):
    sheet = coding_sheet(sample, n=100, seed=11)
    assert len(sheet) == 100
    codes = sheet["voice"].tolist()
    for i in range(10):  # disagree on exactly 10 of the 100 items
        codes[i * 10] = _other_voice(codes[i * 10])
    coded = sheet.assign(coded_voice=pd.Series(codes, dtype=sheet["coded_voice"].dtype))
    path = tmp_path / "coded.csv"
    write_coding_sheet(coded, path)

    report = validation_report(path)
    row = report[(report["field"] == "voice") & report["class"].isna()].iloc[0]
    assert row["n"] == 100 and row["n_uncoded"] == 0
    assert row["accuracy"] == pytest.approx(0.90, abs=1e-12)
    # Wilson 95% by hand: z = 1.959964, p = 0.9, n = 100:
    # centre = (0.9 + z^2/200) / (1 + z^2/100) = 0.885202,
    # half = z / (1 + z^2/100) * sqrt(0.0009 + z^2/40000) = 0.059568
    assert row["lo"] == pytest.approx(0.825634, abs=1e-5)
    assert row["hi"] == pytest.approx(0.944770, abs=1e-5)
    assert row["interval"] == "wilson" and row["level"] == 0.95

    # the same with mediakit's answers taken from the result (a blind sheet)
    blind = coded.drop(columns=["voice", "speaker", "referent", "label"])
    from_result = validation_report(blind, sample)
    pd.testing.assert_frame_equal(
        from_result[from_result["field"] == "voice"].reset_index(drop=True),
        report[report["field"] == "voice"].reset_index(drop=True),
    )
    with pytest.raises(CodingError, match="blind sheet"):
        validation_report(blind)


def test_per_class_precision_recall_and_f1(sample):
    sheet = coding_sheet(sample, n=60, seed=2)
    answers = sheet["voice"].tolist()
    codes = list(answers)
    # Two narration answers coded as quotes: narration precision drops, quote recall drops.
    flipped = [i for i, v in enumerate(answers) if v == "narration"][:2]
    for i in flipped:
        codes[i] = "quote"
    coded = sheet.assign(coded_voice=pd.Series(codes, dtype=sheet["coded_voice"].dtype))
    report = validation_report(coded).set_index(["field", "class"])
    said_narration = answers.count("narration")
    said_quote = answers.count("quote")
    narration = report.loc[("voice", "narration")]
    assert narration["n_mediakit"] == said_narration
    assert narration["precision"] == pytest.approx((said_narration - 2) / said_narration)
    assert narration["recall"] == 1.0
    quote = report.loc[("voice", "quote")]
    assert quote["n"] == said_quote + 2
    assert quote["precision"] == 1.0
    assert quote["recall"] == pytest.approx(said_quote / (said_quote + 2))
    p, r = quote["precision"], quote["recall"]
    assert quote["f1"] == pytest.approx(2 * p * r / (p + r))
    assert quote["recall_lo"] < quote["recall"] <= quote["recall_hi"]


def test_blanks_are_uncoded_not_wrong(sample):
    sheet = coding_sheet(sample, n=50, seed=5, stratify="outlet")
    codes = [v if i < 30 else None for i, v in enumerate(sheet["voice"].tolist())]
    coded = sheet.assign(coded_voice=pd.Series(codes, dtype=sheet["coded_voice"].dtype))
    report = validation_report(coded, fields=["voice", "label"])
    voice = report[(report["field"] == "voice") & report["class"].isna()].iloc[0]
    assert (voice["n"], voice["n_uncoded"], voice["accuracy"]) == (30, 20, 1.0)
    label = report[report["field"] == "label"].iloc[0]
    assert label["n"] == 0 and label["n_uncoded"] == 50 and np.isnan(label["accuracy"])


def _true_voices(table, sheet):
    truth = table.set_index(["doc_id", "start", "end"])["voice"]
    return [truth.loc[(d, s, e)] for d, s, e in zip(sheet["doc_id"], sheet["start"], sheet["end"])]


def _free_word(text, spans):
    """The first word of ``text`` that no span of ``spans`` touches."""
    import re

    for word in re.finditer(r"[A-Za-z]{4,}", text):
        if all(word.end() <= s or word.start() >= e for s, e in spans):
            return word.start(), word.end()
    raise AssertionError("no free word")


def test_mentions_are_matched_by_overlap_and_unfound_ones_are_misses(sample, tmp_path):
    sheet = coding_sheet(sample, n=20, blind=True, stratify="outlet", seed=3)
    labels = sample.mentions.set_index(["doc_id", "start", "end"])["label"]
    voices = _true_voices(sample.mentions, sheet)
    coded_labels = [labels.loc[(d, s, e)] for d, s, e in zip(sheet["doc_id"], sheet["start"], sheet["end"])]
    coded = sheet.copy()
    # Row 0: its start moved by one character (still the same mention).
    coded.loc[0, "start"] += 1
    # Row 1: a word of the same article that mediakit does not count; the coder says
    # it is no label (right to be missed) but still codes its voice (a miss).
    doc = coded.loc[1, "doc_id"]
    text = sample.corpus.set_index("doc_id").loc[doc, "text"]
    in_doc = sample.mentions[sample.mentions["doc_id"] == doc]
    coded.loc[1, "start"], coded.loc[1, "end"] = _free_word(text, zip(in_doc["start"], in_doc["end"]))
    coded_labels[1] = "none"
    # Row 2: row 3's mention widened by a character on each side. Row 3 has that
    # exact span and gets the mention; each mediakit mention stands for one item.
    coded.loc[2, "doc_id"] = coded.loc[3, "doc_id"]
    coded.loc[2, "start"], coded.loc[2, "end"] = coded.loc[3, "start"] - 1, coded.loc[3, "end"] + 1
    voices[2], coded_labels[2] = voices[3], coded_labels[3]
    coded["coded_voice"] = pd.Series(voices, dtype=sheet["coded_voice"].dtype)
    coded["coded_label"] = pd.Series(coded_labels, dtype=sheet["coded_label"].dtype)
    report = validation_report(coded, sample, fields=["voice", "label"])
    voice = report[(report["field"] == "voice") & report["class"].isna()].iloc[0]
    assert (voice["n"], voice["n_not_found"], voice["accuracy"]) == (20, 2, 18 / 20)
    label = report[(report["field"] == "label") & report["class"].isna()].iloc[0]
    # row 1 is right (none, not found), row 2 wrong (a label mediakit did not find)
    assert (label["n"], label["n_not_found"], label["accuracy"]) == (20, 2, 19 / 20)
    none = report[(report["field"] == "label") & (report["class"] == "none")].iloc[0]
    assert (none["n"], none["n_mediakit"], none["precision"], none["recall"]) == (1, 2, 0.5, 1.0)
    # the same read from a file
    path = tmp_path / "coded.csv"
    write_coding_sheet(coded, path)
    pd.testing.assert_frame_equal(validation_report(path, sample, fields=["voice", "label"]), report)


def test_quotations_match_at_jaccard_one_half(sample):
    quotes = mk.find_quotes(sample.corpus)
    sheet = coding_sheet(sample, n=12, unit="quote", blind=True, stratify=(), seed=2)
    coded = sheet.assign(coded_voice=pd.Series(_true_voices(quotes, sheet), dtype=sheet["coded_voice"].dtype))
    long = [i for i, (s, e) in enumerate(zip(sheet["start"], sheet["end"])) if e - s >= 20][:2]
    assert len(long) == 2
    moved, cut = long
    length = sheet.loc[moved, "end"] - sheet.loc[moved, "start"]
    coded.loc[moved, "end"] -= length // 3  # Jaccard 2/3: the same quotation, its end moved
    length = sheet.loc[cut, "end"] - sheet.loc[cut, "start"]
    coded.loc[cut, "end"] = sheet.loc[cut, "start"] + (2 * length) // 5  # Jaccard 0.4: not it
    report = validation_report(coded, sample, fields=["voice"])
    row = report.iloc[0]
    assert (row["n"], row["n_not_found"], row["accuracy"]) == (12, 1, 11 / 12)
    # a quotation counted as not found lowers the recall of its class
    cls = coded.loc[cut, "coded_voice"]
    per_class = report[report["class"] == cls].iloc[0]
    assert per_class["recall"] < 1.0 and per_class["precision"] == 1.0


def test_items_outside_the_corpus_name_the_row(sample, tmp_path):
    sheet = coding_sheet(sample, n=20, blind=True, stratify="outlet")
    coded = sheet.assign(coded_voice=pd.Series(["narration"] * 20, dtype=sheet["coded_voice"].dtype))
    coded.loc[6, "doc_id"] = "no-such-article"
    with pytest.raises(CodingError) as caught:
        validation_report(coded, sample)
    assert caught.value.row == 7 and caught.value.column == "doc_id"
    assert coded.loc[6, "item_id"] in str(caught.value) and "not in the corpus" in str(caught.value)
    path = tmp_path / "coded.csv"
    write_coding_sheet(coded, path)
    header_at = next(i for i, r in enumerate(_csv_rows(path)) if r and r[0] == "item_id")
    with pytest.raises(CodingError) as caught:
        validation_report(path, sample)
    assert caught.value.file == str(path) and caught.value.row == header_at + 1 + 7
    beyond = sheet.assign(coded_voice=coded["coded_voice"])
    beyond.loc[2, "end"] = 10**7
    with pytest.raises(CodingError, match="lies outside document") as caught:
        validation_report(beyond, sample)
    assert caught.value.row == 3 and caught.value.column == "end"


def test_document_bootstrap_intervals(sample):
    sheet = coding_sheet(sample, n=80, seed=4)
    codes = sheet["voice"].tolist()
    for i in range(0, 80, 10):  # 8 of 80 wrong
        codes[i] = _other_voice(codes[i])
    coded = sheet.assign(coded_voice=pd.Series(codes, dtype=sheet["coded_voice"].dtype))
    boot = validation_report(coded, fields=["voice"], by_document_bootstrap=True, n_boot=500, seed=1)
    again = validation_report(coded, fields=["voice"], by_document_bootstrap=True, n_boot=500, seed=1)
    pd.testing.assert_frame_equal(boot, again)
    row = boot.iloc[0]
    assert row["interval"] == "document bootstrap"
    assert row["accuracy"] == pytest.approx(0.9)
    assert row["lo"] < 0.9 < row["hi"]


@pytest.mark.parametrize(
    ("coded", "answer", "explanation", "agree"),
    [
        ("Lale Orhun", "Lale Orhun", {}, True),
        ("lale  orhun", "Lale Orhun", {}, True),
        ("Orhun", "Lale Orhun", {}, True),
        ("Lale Orhun", "Orhun", {}, True),
        ("Dr. Ruth Adeyemi", "Ruth Adeyemi", {}, True),
        ("President Bashar al-Assad", "Assad", {}, True),
        ("Sir Howard Newby", "Howard Newby", {}, True),
        ("the minister", "The Minister", {}, True),
        ("the foreign minister", "the interior minister", {}, False),
        ("Mara Ilves", "Dana Ilves", {}, False),
        ("none", None, {}, True),
        ("none", "Dana Ilves", {}, False),
        ("Dana Ilves", None, {}, False),
        ("she", "Lale Orhun", {"resolved_via": "she -> Orhun -> Lale Orhun"}, True),
        ("she", "Lale Orhun", {"speaker_text": "she"}, True),
        ("he", "Lale Orhun", {"resolved_via": "she -> Lale Orhun"}, False),
        ("she", "Lale Orhun", {}, False),
    ],
)
def test_speaker_matching_is_lenient_in_the_documented_ways(coded, answer, explanation, agree):
    assert _speakers_agree(coded, answer, explanation) is agree


def test_speaker_accuracy_end_to_end(sample):
    sheet = coding_sheet(sample, n=30, unit="quote", seed=1)
    speakers = sheet["speaker"].tolist()
    # Codes written the way people write them: upper case, titles, surnames only.
    codes = [s.upper() if s != "none" else "none" for s in speakers]
    coded = sheet.assign(coded_speaker=pd.Series(codes, dtype="str"))
    report = validation_report(coded, sample, fields=["speaker"])
    assert report.iloc[0]["accuracy"] == 1.0
    wrong = coded.assign(coded_speaker=pd.Series(["Nobody Atall"] * 30, dtype="str"))
    assert validation_report(wrong, sample, fields=["speaker"]).iloc[0]["accuracy"] == 0.0


# ---------------------------------------------------------------------- agreement


def test_alpha_on_krippendorffs_reliability_example():
    # The 4 coders x 12 units example of Krippendorff's "Computing Krippendorff's
    # alpha-reliability" (2011); published values 0.743, 0.815, 0.849, 0.797.
    m = None
    data = [
        [1, 2, 3, 3, 2, 1, 4, 1, 2, m, m, m],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, m, 3],
        [m, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, m],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, m],
    ]
    assert round(krippendorff_alpha(data), 3) == 0.743
    assert round(krippendorff_alpha(data, level="ordinal"), 3) == 0.815
    assert round(krippendorff_alpha(data, level="interval"), 3) == 0.849
    assert round(krippendorff_alpha(data, level="ratio"), 3) == 0.797
    text = [[None if v is None else "abcde"[v - 1] for v in row] for row in data]
    assert krippendorff_alpha(text) == krippendorff_alpha(data)
    assert krippendorff_alpha(text, level="ordinal", value_domain=list("abcde")) == krippendorff_alpha(
        data, level="ordinal"
    )
    frame = pd.DataFrame(text)
    assert krippendorff_alpha(frame) == krippendorff_alpha(data)


_codes = st.one_of(st.none(), st.integers(min_value=0, max_value=5))


def _reliability_tables(max_coders: int = 6, max_items: int = 25):
    return st.integers(min_value=2, max_value=max_coders).flatmap(
        lambda coders: st.integers(min_value=1, max_value=max_items).flatmap(
            lambda items: st.lists(
                st.lists(_codes, min_size=items, max_size=items), min_size=coders, max_size=coders
            )
        )
    )


# Bounded: 300 tables of at most 6 x 25 codes (about a second each level).
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_reliability_tables(), st.sampled_from(["nominal", "ordinal", "interval", "ratio"]))
def test_alpha_equals_the_krippendorff_package_to_the_last_bit(data, level):
    numbers = np.array([[np.nan if v is None else float(v) for v in row] for row in data])
    try:
        with np.errstate(invalid="ignore", divide="ignore"):  # the package's 0/0 is NaN
            expected = krippendorff.alpha(numbers, level_of_measurement=level)
    except ValueError:
        with pytest.raises(CodingError, match="undefined"):
            krippendorff_alpha(data, level=level)
        return
    if np.isnan(expected):  # the package's 0/0; ours says why
        with pytest.raises(CodingError):
            krippendorff_alpha(data, level=level)
        return
    assert krippendorff_alpha(data, level=level) == expected
    assert krippendorff_alpha(numbers, level=level) == expected  # NaN as missing
    if level == "nominal":  # text codes, missing as None, against the package on text
        text = [[None if v is None else f"c{v}" for v in row] for row in data]
        package_text = np.array([["nan" if v is None else v for v in row] for row in text])
        assert krippendorff_alpha(text) == krippendorff.alpha(
            package_text, level_of_measurement="nominal"
        )
    if level == "ordinal":  # unused values of the domain change nothing
        domain = list(range(-2, 9))
        assert krippendorff_alpha(data, level=level, value_domain=domain) == krippendorff.alpha(
            numbers, level_of_measurement=level, value_domain=domain
        )


def test_alpha_by_hand_on_a_small_table():
    # 2 coders x 4 items, nominal: items (a,a), (a,b), (b,b), (b,None).
    # Pairable values: a:3, b:3 (the lone b is not pairable), n = 6.
    # Observed coincidences: o_aa = 2, o_bb = 2, o_ab = o_ba = 1 -> D_o = 2/6.
    # Expected: e_ab = 3 * 3 / 5 = 1.8 (twice) -> D_e = 3.6 / 6.
    # alpha = 1 - (2/6) / (3.6/6) = 1 - 2/3.6 = 0.4444...
    data = [["a", "a", "b", "b"], ["a", "b", "b", None]]
    assert krippendorff_alpha(data) == pytest.approx(1 - 2 / 3.6, abs=1e-15)
    # Interval, two coders on three items: (1,1), (2,4), (4,4); n_1 = 2, n_2 = 1,
    # n_4 = 3, n = 6. Observed: o_24 = o_42 = 1, so sum o d = 2 * (2-4)^2 = 8.
    # Expected: sum over ordered pairs of n_c n_k (c-k)^2 / (n-1)
    # = 2 * (2*1*1 + 2*3*9 + 1*3*4) / 5 = 136 / 5; alpha = 1 - 8 / 27.2.
    interval = [[1, 2, 4], [1, 4, 4]]
    assert krippendorff_alpha(interval, level="interval") == pytest.approx(1 - 8 / 27.2, abs=1e-15)


def test_mediakit_does_not_need_the_krippendorff_package():
    import subprocess
    import tomllib
    from pathlib import Path

    code = (
        "import sys, mediakit as mk\n"
        "sys.modules['krippendorff'] = None  # importing it now would fail\n"
        "print(round(mk.krippendorff_alpha([[1, 2, 3, 3], [1, 2, 3, 4]]), 6))\n"
        "print('krippendorff' in sys.modules and sys.modules['krippendorff'] is not None)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["0.695652", "False"]  # 1 - 14/46 by hand
    project = tomllib.loads((Path(__file__).resolve().parents[1] / "pyproject.toml").read_text())
    assert not any(d.startswith("krippendorff") for d in project["project"]["dependencies"])
    assert any(d.startswith("krippendorff") for d in project["project"]["optional-dependencies"]["test"])


def test_alpha_input_errors():
    with pytest.raises(CodingError, match="two coders"):
        krippendorff_alpha([[1, 2, 3]])
    with pytest.raises(ValueError, match="two-dimensional"):
        krippendorff_alpha([1, 2, 3])
    with pytest.raises(ValueError, match="mixes text and numbers"):
        krippendorff_alpha([[1, "a"], [1, "a"]])
    with pytest.raises(ValueError, match="value_domain"):
        krippendorff_alpha([["a", "b"], ["a", "a"]], level="ordinal")
    with pytest.raises(ValueError, match="numeric"):
        krippendorff_alpha([["a", "b"], ["a", "a"]], level="interval")
    with pytest.raises(CodingError, match="same value"):
        krippendorff_alpha([["a", "a"], ["a", "a"]])
    with pytest.raises(CodingError, match="two or more coders"):
        krippendorff_alpha([["a", None], [None, "b"]])
    with pytest.raises(ValueError, match="level"):
        krippendorff_alpha([[1, 2], [1, 2]], level="fuzzy")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="0 or more"):
        krippendorff_alpha([[-1, 2], [1, 2]], level="ratio")
    with pytest.raises(ValueError, match=r"codes \[7.0\] are not in value_domain"):
        krippendorff_alpha([[1, 7], [1, 2]], level="ordinal", value_domain=[1, 2, 3])
    with pytest.raises(ValueError, match="twice"):
        krippendorff_alpha([[1, 2], [1, 2]], level="ordinal", value_domain=[1, 2, 2])


def test_alpha_by_field_from_two_coders(sample, tmp_path):
    sheet = coding_sheet(sample, n=40, seed=9, blind=True, stratify="outlet")
    truth = sample.mentions.set_index(["doc_id", "start", "end"])
    voices = [truth.loc[(d, s, e), "voice"] for d, s, e in zip(sheet["doc_id"], sheet["start"], sheet["end"])]
    first_voice = list(voices)
    second_voice = list(voices)
    for i in (0, 5, 9):
        second_voice[i] = _other_voice(second_voice[i])
    second_voice[12] = None  # one item the second coder left blank
    dtype = sheet["coded_voice"].dtype
    first = sheet.assign(
        coded_voice=pd.Series(first_voice, dtype=dtype),
        coded_speaker=pd.Series(["Lale Orhun"] * 40, dtype="str"),
        coded_label=pd.Series(["terrorist"] * 40, dtype=sheet["coded_label"].dtype),
    )
    second = sheet.assign(
        coded_voice=pd.Series(second_voice, dtype=dtype),
        coded_speaker=pd.Series(["orhun"] * 20 + ["Dana Ilves"] * 20, dtype="str"),
        coded_label=pd.Series(["terrorist"] * 40, dtype=sheet["coded_label"].dtype),
    ).iloc[::-1]  # rows in another order: items are aligned by item_id
    path = tmp_path / "second.csv"
    write_coding_sheet(second, path)
    table = alpha_by_field([first, path]).set_index("field")

    expected_voice = krippendorff.alpha(
        np.array([first_voice, [v if v is not None else "nan" for v in second_voice]]),
        level_of_measurement="nominal",
    )
    assert table.loc["voice", "alpha"] == expected_voice
    assert table.loc["voice", "n_items"] == 39 and table.loc["voice", "n_coders"] == 2
    # "orhun" is the same speaker as "Lale Orhun" for the same item
    expected_speaker = krippendorff.alpha(
        np.array([["lale orhun"] * 40, ["lale orhun"] * 20 + ["dana ilves"] * 20]),
        level_of_measurement="nominal",
    )
    assert table.loc["speaker", "alpha"] == expected_speaker
    # both coders always said "terrorist": alpha is undefined, and the table says why
    assert np.isnan(table.loc["label", "alpha"])
    assert "same value" in table.loc["label", "note"]
    assert pd.isna(table.loc["voice", "note"])
    assert set(table.index) == {"voice", "speaker", "referent", "label", "in_scope"}
    assert np.isnan(table.loc["referent", "alpha"])  # nobody coded it
    assert (table["level"] == "nominal").all()
    with pytest.raises(ValueError, match="two or more"):
        alpha_by_field([first])


def test_public_names_are_exported():
    for name in (
        "coding_sheet", "write_coding_sheet", "read_coding", "validation_report",
        "krippendorff_alpha", "alpha_by_field", "CodingError", "load_sample_coding",
    ):
        assert getattr(mk, name) is not None and name in mk.__all__


# ------------------------------------------------------------------ the command line
# `mediakit coding-sheet` and `mediakit validate`, run in-process through main().

CLI_ARTICLES = [
    {"doc_id": "h1", "outlet": "The Herald", "title": "Army advances",
     "text": "The army pushed back the terrorists near Liss. The terrorists fled north. "
             '"These are opposition forces defending homes," said Lale Orhun.'},
    {"doc_id": "h2", "outlet": "The Herald", "title": "Bridge lost",
     "text": "Terrorists blew up the bridge at dawn. The government condemned the attack."},
    {"doc_id": "v1", "outlet": "The Voice", "title": "Resistance holds",
     "text": "Opposition forces held the old town. "
             '"They are terrorists," the minister Dana Ilves said. The rebels are brave.'},
    {"doc_id": "v2", "outlet": "The Voice", "title": "Supply line",
     "text": "Opposition fighters cut the supply road. The regime closed the bridge."},
]


def _cli(*argv: str) -> tuple[int, str, str]:
    import io

    from mediakit.cli import main

    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdin=io.StringIO(""), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def articles_csv(tmp_path):
    path = tmp_path / "articles.csv"
    pd.DataFrame(CLI_ARTICLES).to_csv(path, index=False)
    return path


def test_cli_coding_sheet_is_the_librarys_sheet_and_reproducible(tmp_path):
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    for path in (first, second):
        code, out, err = _cli("coding-sheet", "--out", str(path), "--n", "40",
                              "--stratify", "outlet", "--seed", "3")
        assert code == 0, err
        assert out.startswith(f"coding sheet: {path} (40 mentions of ")
        assert "stratified by outlet; seed 3" in out
    assert first.read_bytes() == second.read_bytes()
    # the bundled sample with its own lexicon, as every command without CORPUS
    corpus = mk.load_sample()
    expected = coding_sheet(mk.find_mentions(corpus, "marenna"), corpus=corpus, n=40,
                            stratify="outlet", seed=3)
    read = read_coding(first)
    assert read["item_id"].tolist() == expected["item_id"].tolist()
    assert read["context"].tolist() == expected["context"].tolist()
    assert read["voice"].tolist() == expected["voice"].tolist()
    # the allowed codes are the whole lexicon's, not only the labels drawn
    lexicon = mk.load_lexicon("marenna")
    assert set(read["coded_label"].cat.categories) == {
        *(label for _, label in lexicon.labels), "none"}
    assert set(read["coded_referent"].cat.categories) == {*lexicon.actors, "none"}


@pytest.mark.skipif(not HAVE_OPENPYXL, reason="openpyxl")
def test_cli_coding_sheet_xlsx_blind_and_quotes(articles_csv, tmp_path):
    xlsx = tmp_path / "sheet.xlsx"
    code, out, err = _cli("coding-sheet", str(articles_csv), "--lexicon", "conflict",
                          "--out", str(xlsx), "--blind", "--stratify", "none")
    assert code == 0, err
    assert "; a simple random sample; seed 0; blind)" in out
    sheet = read_coding(xlsx)
    assert "voice" not in sheet.columns and "coded_voice" in sheet.columns
    assert len(sheet) == len(mk.find_mentions(mk.load_corpus(articles_csv), "conflict"))
    quotes = tmp_path / "quotes.csv"
    code, _out, err = _cli("coding-sheet", str(articles_csv), "--unit", "quote",
                          "--out", str(quotes), "--stratify", "none")
    assert code == 0, err
    sheet = read_coding(quotes)
    assert set(sheet["unit"]) == {"quote"} and len(sheet) == 2
    assert sorted(sheet["speaker"]) == ["Dana Ilves", "Lale Orhun"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--out", "{tmp}/s.txt"], "--out {tmp}/s.txt: a coding sheet is a .csv or .xlsx file"),
        (["--out", "{tmp}/s.csv", "--n", "0"], "--n must be 1 or more, not 0"),
        (["--out", "{tmp}/s.csv", "--min-per-stratum", "-1"], "--min-per-stratum must be 0"),
        (["--out", "{tmp}/s.csv", "--context-chars", "-5"], "--context-chars must be 0"),
        (["--out", "{tmp}/s.csv", "--seed", "-1"], "--seed must be an integer"),
        (["--out", "{tmp}/s.csv", "--stratify", "outlet,colour"],
         "--stratify: colour is not a column of the mentions"),
        (["--out", "{tmp}/s.csv", "--unit", "quote", "--stratify", "label"],
         "--stratify: label is not a column of the quotes"),
        (["--out", "{tmp}/s.csv", "--stratify", "outlet,,label"], "has an empty column name"),
        (["--out", "{tmp}/s.csv", "--lexicon", "no_such_lexicon"], "no_such_lexicon"),
        (["--out", "{tmp}/articles.csv", "{tmp}/articles.csv"], "is the input"),
    ],
)
def test_cli_coding_sheet_usage_errors_before_any_work(articles_csv, tmp_path, args, message):
    argv = [a.format(tmp=tmp_path) for a in args]
    before = articles_csv.read_bytes()
    code, out, err = _cli("coding-sheet", *argv)
    assert code in (1, 2), err  # an unknown lexicon is a data error (1), as for every command
    assert code == (1 if "no_such_lexicon" in message else 2)
    assert message.format(tmp=tmp_path) in err and out == ""
    assert "loaded" not in err  # refused before the corpus was read
    assert sorted(p.name for p in tmp_path.iterdir()) == ["articles.csv"]
    assert articles_csv.read_bytes() == before


def test_cli_coding_sheet_needs_out(tmp_path):
    code, _out, err = _cli("coding-sheet")
    assert code == 2 and "--out" in err


def test_cli_coding_sheet_xlsx_without_openpyxl_is_a_usage_error(tmp_path, monkeypatch):
    import mediakit.coding

    def missing():
        raise ImportError("writing or reading XLSX coding sheets needs openpyxl")

    monkeypatch.setattr(mediakit.coding, "_openpyxl", missing)
    code, _out, err = _cli("coding-sheet", "--out", str(tmp_path / "s.xlsx"))
    assert code == 2 and "needs openpyxl" in err and "loaded" not in err
    assert not (tmp_path / "s.xlsx").exists()


def test_cli_coding_sheet_data_errors(articles_csv, tmp_path):
    out_path = tmp_path / "s.csv"
    code, out, err = _cli("coding-sheet", str(tmp_path / "missing.csv"), "--out", str(out_path))
    assert code == 1 and "missing.csv: no such file or folder" in err
    calm = tmp_path / "calm.csv"
    pd.DataFrame([{"doc_id": "c1", "outlet": "X", "text": "The weather was mild."}]).to_csv(
        calm, index=False)
    code, out, err = _cli("coding-sheet", str(calm), "--out", str(out_path))
    assert code == 1 and out == ""
    assert "no mentions found in the corpus with lexicon 'conflict': nothing to code" in err
    # too many strata for n: the library's message, as a data error
    code, _out, err = _cli("coding-sheet", "--out", str(out_path), "--n", "5")
    assert code == 1 and "n=5 is too small" in err
    assert not out_path.exists()


def _coded_copy(sheet: pd.DataFrame, *, wrong_voice: int = 0, blank_label: int = 0) -> pd.DataFrame:
    """The sheet with every code equal to mediakit's answer, except the first
    ``wrong_voice`` voices (changed) and the first ``blank_label`` labels (blank)."""
    coded = sheet.copy()
    for field in ("voice", "speaker", "referent", "label", "in_scope"):
        column = f"coded_{field}"
        coded[column] = coded[field].astype(coded[column].dtype)
    voices = coded["coded_voice"].astype(object).tolist()
    for i in range(wrong_voice):
        voices[i] = _other_voice(voices[i])
    coded["coded_voice"] = pd.Series(voices, dtype=coded["coded_voice"].dtype)
    labels = coded["coded_label"].astype(object).tolist()
    for i in range(blank_label):
        labels[i] = None
    coded["coded_label"] = pd.Series(labels, dtype=coded["coded_label"].dtype)
    return coded


@pytest.fixture(scope="module")
def drawn(tmp_path_factory):
    """A 50-item sheet of the sample drawn by the command, and two coded copies."""
    folder = tmp_path_factory.mktemp("validate")
    code, _, err = _cli("coding-sheet", "--out", str(folder / "sheet.csv"), "--n", "50",
                        "--stratify", "outlet")
    assert code == 0, err
    sheet = read_coding(folder / "sheet.csv")
    write_coding_sheet(_coded_copy(sheet, wrong_voice=5, blank_label=2), folder / "a.csv")
    write_coding_sheet(_coded_copy(sheet, wrong_voice=0), folder / "b.csv")
    return folder


def test_cli_validate_prints_and_writes_the_validation_table(drawn, tmp_path):
    out_csv = tmp_path / "validation.csv"
    code, out, err = _cli("validate", str(drawn / "a.csv"), "--out", str(out_csv))
    assert code == 0, err
    expected = validation_report(drawn / "a.csv")
    written = pd.read_csv(out_csv, keep_default_na=False, na_values=[""])
    assert written["sheet"].eq(str(drawn / "a.csv")).all()
    assert written.columns.tolist() == ["sheet", *expected.columns]
    voice = written[(written["field"] == "voice") & written["class"].isna()].iloc[0]
    assert voice["accuracy"] == pytest.approx(0.9)  # 5 of 50 changed
    np.testing.assert_allclose(written["accuracy"].to_numpy(dtype=float),
                               expected["accuracy"].to_numpy(dtype=float), equal_nan=True)
    np.testing.assert_allclose(written["recall_lo"].to_numpy(dtype=float),
                               expected["recall_lo"].to_numpy(dtype=float), equal_nan=True)
    # the printed table: one line per field and class, estimates with their interval
    lines = out.rstrip("\n").splitlines()
    assert lines[0] == f"{drawn / 'a.csv'}: 50 item(s) from {read_coding(drawn / 'a.csv')['doc_id'].nunique()} article(s); 95% intervals (wilson)"
    assert lines[1].split()[:5] == ["field", "class", "n", "uncoded", "not"]
    voice_line = next(line for line in lines if line.split()[:1] == ["voice"])
    lo, hi = voice["lo"], voice["hi"]
    assert voice_line.split() == ["voice", "50", "0", "0", "0.90", f"[{lo:.2f},", f"{hi:.2f}]"]
    label_line = next(line for line in lines if line.split()[:1] == ["label"])
    assert label_line.split()[1:3] == ["48", "2"]  # two blanks: uncoded, not wrong
    assert len(lines) == 2 + len(expected)
    assert "agreement" not in out


def test_cli_validate_two_coders_gives_alpha(drawn, tmp_path):
    agreement_csv = tmp_path / "alpha.csv"
    code, out, err = _cli("validate", str(drawn / "a.csv"), str(drawn / "b.csv"),
                          "--agreement-out", str(agreement_csv), "--by-document")
    assert code == 0, err
    expected = alpha_by_field([drawn / "a.csv", drawn / "b.csv"])
    written = pd.read_csv(agreement_csv, keep_default_na=False, na_values=[""])
    assert written["field"].tolist() == expected["field"].tolist()
    np.testing.assert_allclose(written["alpha"].to_numpy(dtype=float),
                               expected["alpha"].to_numpy(dtype=float), equal_nan=True)
    voice_alpha = expected.set_index("field").loc["voice", "alpha"]
    assert 0 < voice_alpha < 1  # five disagreements in fifty
    assert "agreement between the 2 sheets (Krippendorff's alpha, nominal):" in out
    after = out.split("agreement between the 2 sheets")[1].splitlines()
    voice_line = next(line for line in after if line.split()[:1] == ["voice"])
    assert voice_line.split() == ["voice", "50", "2", f"{voice_alpha:.3f}"]
    assert out.count("95% intervals (document bootstrap)") == 2


def test_cli_validate_a_blind_sheet_against_the_corpus(articles_csv, tmp_path):
    sheet_path = tmp_path / "blind.csv"
    code, _, err = _cli("coding-sheet", str(articles_csv), "--out", str(sheet_path),
                        "--blind", "--stratify", "none")
    assert code == 0, err
    corpus = mk.load_corpus(articles_csv)
    mentions = mk.find_mentions(corpus, "conflict")
    blind = read_coding(sheet_path)
    truth = mentions.set_index(["doc_id", "start", "end"])["voice"]
    voices = [truth.loc[(d, s, e)] for d, s, e in zip(blind["doc_id"], blind["start"], blind["end"])]
    voices[0] = _other_voice(voices[0])
    coded = blind.assign(coded_voice=pd.Series(voices, dtype=blind["coded_voice"].dtype))
    coded_path = tmp_path / "coded.csv"
    write_coding_sheet(coded, coded_path)

    code, out, err = _cli("validate", str(coded_path))
    assert code == 1 and out == ""
    assert "a blind sheet" in err and "give --corpus" in err

    out_csv = tmp_path / "v.csv"
    code, _out, err = _cli("validate", str(coded_path), "--corpus", str(articles_csv),
                          "--out", str(out_csv))
    assert code == 0, err
    written = pd.read_csv(out_csv, keep_default_na=False, na_values=[""])
    expected = validation_report(coded_path, mentions)
    voice = written[(written["field"] == "voice") & written["class"].isna()].iloc[0]
    assert voice["accuracy"] == pytest.approx((len(blind) - 1) / len(blind))
    np.testing.assert_allclose(written["accuracy"].to_numpy(dtype=float),
                               expected["accuracy"].to_numpy(dtype=float), equal_nan=True)


def test_cli_validate_bad_code_names_file_row_and_column(drawn, tmp_path):
    rows = _csv_rows(drawn / "a.csv")
    header = next(i for i, row in enumerate(rows) if row and row[0] == "item_id")
    column = rows[header].index("coded_voice")
    rows[header + 3][column] = "quoted"  # the third item
    bad = tmp_path / "bad.csv"
    _write_rows(bad, rows)
    code, out, err = _cli("validate", str(bad), "--out", str(tmp_path / "v.csv"))
    assert code == 1 and out == ""
    assert f"{bad}, row {header + 4}, column 'coded_voice'" in err
    assert "'quoted'" in err and "'quote'" in err  # the close allowed value is suggested
    assert not (tmp_path / "v.csv").exists()


@pytest.mark.parametrize(
    ("extra", "code", "message"),
    [
        (["{tmp}/missing.csv"], 1, "missing.csv: no such file"),
        (["{a}", "--out", "{a}"], 2, "is the coded sheet"),
        (["{a}", "--agreement-out", "{tmp}/alpha.csv"], 2, "needs two or more coded sheets"),
        (["{a}", "{a}"], 2, "a coded sheet is given twice"),
        (["{a}", "{b}", "--out", "{tmp}/x.csv", "--agreement-out", "{tmp}/x.csv"], 2,
         "the same file"),
        (["{a}", "--seed", "-3"], 2, "--seed must be"),
        (["{a}", "--out", "{tmp}"], 2, "is a folder"),
    ],
)
def test_cli_validate_failure_paths(drawn, tmp_path, extra, code, message):
    paths = {"tmp": tmp_path, "a": drawn / "a.csv", "b": drawn / "b.csv"}
    argv = [a.format(**paths) for a in extra]
    before = (drawn / "a.csv").read_bytes()
    got, out, err = _cli("validate", *argv)
    assert got == code, err
    assert message.format(**paths) in err and out == ""
    assert (drawn / "a.csv").read_bytes() == before
    assert not any(p.is_file() for p in tmp_path.iterdir())


def test_cli_help_lists_the_coding_commands():
    code, out, err = _cli("--help")
    assert code == 0 and err == "" and "coding-sheet" in out and "validate" in out
    for command in ("coding-sheet", "validate"):
        code, out, _err = _cli(command, "--help")
        assert code == 0 and out.startswith(f"usage: mediakit {command}")
        assert "exit codes: 0 success, 1 data error" in out


# ------------------------------------------------------------------ the coded sample sheets


def test_sample_coding_is_the_documented_draw_and_valid(sample):
    """data/coding holds codes of the very items its README's call draws, all allowed."""
    marenna = mk.analyze(mk.load_sample(), "marenna")
    drawn = coding_sheet(marenna, n=30, stratify="outlet", seed=0, blind=True)
    a, b = mk.load_sample_coding("a"), mk.load_sample_coding()
    assert a.equals(b)  # "a" is the default
    b = mk.load_sample_coding("b")
    for coded in (a, b):
        assert coded["item_id"].tolist() == drawn["item_id"].tolist()
        assert coded["context"].tolist() == drawn["context"].tolist()
    # A coded every cell; B left blank what the sentence alone does not tell
    coded_columns = [c for c in a.columns if c.startswith("coded_")]
    assert not a[coded_columns].isna().any().any()
    assert b["coded_speaker"].isna().sum() == 3 and b["coded_referent"].isna().sum() == 1
    report = validation_report(a, marenna)
    assert (report.loc[report["class"].isna(), "n_not_found"] == 0).all()
    with pytest.raises(ValueError, match="coder"):
        mk.load_sample_coding("c")
