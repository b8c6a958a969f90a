"""Tests of mediakit.corpus: loading every input kind, bad inputs, ids, chunked loading."""

from __future__ import annotations

import json
import os
import pathlib
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from mediakit import corpus as corpus_module
from mediakit.corpus import (
    CORPUS_COLUMNS,
    LOG_COLUMNS,
    iter_corpus,
    load_corpus,
    load_log,
    load_sample,
    validate_corpus,
)
from mediakit.errors import CorpusError, CorpusWarning

REPO = Path(__file__).resolve().parents[1]
SEED_DIR = REPO.parent / "shared" / "seed"
SEED_FILE = SEED_DIR / "000_1e153a5175e6978d.txt"
SAMPLE_DIR = REPO / "data" / "sample"

ARTICLE = (
    "Army enters Dorvast\n"
    "\n"
    "January 7, 2025 - 09:30\n"
    "\n"
    "The army entered the city on Monday.\n"
    "\n"
    "\u201cWe will stay,\u201d a colonel said.\n"
)


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))
    return path


def corpus_warnings(record: list[warnings.WarningMessage]) -> list[str]:
    return [str(w.message) for w in record if issubclass(w.category, CorpusWarning)]


# --- the seed article ------------------------------------------------------------------


@pytest.mark.skipif(not SEED_FILE.exists(), reason="the seed article (../shared/seed) is not beside this checkout")
def test_seed_article_loads_with_title_date_and_clean_body() -> None:
    corpus = load_corpus(SEED_FILE, outlet="Tehran Times")
    assert len(corpus) == 1
    article = corpus.iloc[0]
    assert article["doc_id"] == "000_1e153a5175e6978d"
    assert article["outlet"] == "Tehran Times"
    assert article["title"] == "Rouhani urges revitalization of Astana process on Idlib in phone talks with Putin"
    assert article["date"] == pd.Timestamp("2020-03-01 16:12")
    body = article["text"]
    assert body.startswith("In a phone conversation")
    assert "Rouhani urges revitalization" not in body
    assert "March 1, 2020" not in body
    # the body's characters are kept exactly: curly quotes and the no-break space survive
    raw = SEED_FILE.read_text(encoding="utf-8")
    assert body in raw
    assert "\u201cworrisome\u201d" in body
    assert list(corpus.columns) == list(CORPUS_COLUMNS)


# --- text and Markdown files -------------------------------------------------------------


def test_text_file_title_date_and_body(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", ARTICLE)
    article = load_corpus(path, outlet="Herald").iloc[0]
    assert article["title"] == "Army enters Dorvast"
    assert article["date"] == pd.Timestamp("2025-01-07 09:30")
    assert article["text"] == "The army entered the city on Monday.\n\n\u201cWe will stay,\u201d a colonel said."


def test_text_without_date_line_and_single_paragraph(tmp_path: Path) -> None:
    write(tmp_path / "x" / "titled.md", "# A heading\n\nFirst paragraph.\n\nSecond.\n")
    write(tmp_path / "x" / "plain.txt", "Just one paragraph of text,\nwrapped over two lines.\n")
    corpus = load_corpus(tmp_path).set_index("doc_id")
    assert corpus.loc["x/titled", "title"] == "A heading"
    assert corpus.loc["x/titled", "text"] == "First paragraph.\n\nSecond."
    assert pd.isna(corpus.loc["x/titled", "date"])
    # no blank line after the first line: it is not a title, the whole file is the text
    assert corpus.loc["x/plain", "title"] == ""
    assert corpus.loc["x/plain", "text"] == "Just one paragraph of text,\nwrapped over two lines."


def test_front_matter_overrides_inference_and_keeps_extras(tmp_path: Path) -> None:
    text = (
        "---\n"
        "outlet: The Aldwick Herald\n"
        "date: 2025-01-07T09:30\n"
        "title: Army pushes into Dorvast\n"
        "url: https://aldwick-herald.example/a\n"
        "byline: Staff reporter\n"
        "section: Home\n"
        "---\n"
        "The army entered the southern districts on Monday.\n"
        "\n"
        "Second paragraph.\n"
    )
    write(tmp_path / "other-folder" / "a.md", text)
    corpus = load_corpus(tmp_path, outlet="Ignored Default")
    article = corpus.iloc[0]
    assert article["outlet"] == "The Aldwick Herald"
    assert article["date"] == pd.Timestamp("2025-01-07 09:30")
    assert article["title"] == "Army pushes into Dorvast"
    assert article["url"] == "https://aldwick-herald.example/a"
    # the first body line is not mistaken for a title when front matter gives one
    assert article["text"].startswith("The army entered the southern districts")
    assert list(corpus.columns) == [*CORPUS_COLUMNS, "byline", "section"]
    assert article["byline"] == "Staff reporter"


def test_front_matter_title_repeated_in_body_is_removed(tmp_path: Path) -> None:
    text = "---\ntitle: Same title\noutlet: O\n---\n# Same title\n\nMarch 2, 2020\n\nBody here.\n"
    article = load_corpus(write(tmp_path / "a.md", text)).iloc[0]
    assert article["text"] == "Body here."
    assert article["date"] == pd.Timestamp("2020-03-02")  # the date line still counts


def test_outlet_from_subfolder_and_precedence(tmp_path: Path) -> None:
    write(tmp_path / "tehran-times" / "2020" / "a.txt", ARTICLE)
    write(tmp_path / "daily-clarion" / "b.txt", "---\noutlet: The Daily Clarion\n---\n" + ARTICLE)
    corpus = load_corpus(tmp_path).set_index("doc_id")
    assert corpus.loc["tehran-times/2020/a", "outlet"] == "tehran-times"  # first sub-folder
    assert corpus.loc["daily-clarion/b", "outlet"] == "The Daily Clarion"  # front matter wins
    named = load_corpus(tmp_path, outlet="Given").set_index("doc_id")
    assert named.loc["tehran-times/2020/a", "outlet"] == "Given"  # outlet= beats the folder
    assert named.loc["daily-clarion/b", "outlet"] == "The Daily Clarion"


def test_crlf_and_bom_are_normalised(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"\xef\xbb\xbf" + ARTICLE.replace("\n", "\r\n").encode("utf-8"))
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # UTF-8 with BOM is not a fallback: no warning
        article = load_corpus(path, outlet="O").iloc[0]
    assert article["title"] == "Army enters Dorvast"
    assert "\r" not in article["text"]
    assert article["text"].startswith("The army entered")
    csv_path = tmp_path / "t.csv"
    csv_path.write_bytes(b"\xef\xbb\xbftitle,text\r\nT,\"line one\r\nline two\"\r\n")
    row = load_corpus(csv_path, outlet="O").iloc[0]
    assert row["title"] == "T"
    assert row["text"] == "line one\nline two"


def test_utf16_with_bom_is_read(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "\ufeff" + ARTICLE, encoding="utf-16-le")
    assert load_corpus(path, outlet="O").iloc[0]["title"] == "Army enters Dorvast"


def test_one_cp1252_file_among_many_gives_one_warning_naming_it(tmp_path: Path) -> None:
    for index in range(6):
        write(tmp_path / "herald" / f"good-{index}.txt", ARTICLE)
    legacy = write(
        tmp_path / "herald" / "legacy.txt",
        "Old file\n\nThe minister\u2019s \u201cso-called\u201d rebels \u2014 caf\u00e9 talk.\n",
        encoding="cp1252",
    )
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        corpus = load_corpus(tmp_path)
    messages = corpus_warnings(record)
    assert len(messages) == 1
    assert str(legacy) in messages[0] and "cp1252" in messages[0]
    text = corpus.set_index("doc_id").loc["herald/legacy", "text"]
    assert text == "The minister\u2019s \u201cso-called\u201d rebels \u2014 caf\u00e9 talk."
    assert len(corpus) == 7


def test_encoding_argument_is_used_without_warning(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "Titre\n\nLa ville \u00e9tait calme.\n", encoding="latin-1")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        article = load_corpus(path, outlet="O", encoding="latin-1").iloc[0]
    assert article["text"] == "La ville \u00e9tait calme."


def test_encoding_that_cannot_decode_is_a_file_error(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "T\n\n\u2019quoted\u2019 body\n", encoding="cp1252")
    with pytest.raises(CorpusError, match="a.txt.*ascii"):
        load_corpus(path, outlet="O", encoding="ascii")


def test_hidden_files_and_readmes_are_passed_over_and_listed(tmp_path: Path) -> None:
    write(tmp_path / "o" / "a.txt", ARTICLE)
    write(tmp_path / "README.md", "# About this corpus\n\nNot an article.\n")
    write(tmp_path / ".git" / "config", "[core]\n")
    write(tmp_path / "o" / ".DS_Store", "\x00\x01")
    corpus = load_corpus(tmp_path)
    assert corpus["doc_id"].tolist() == ["o/a"]
    ignored = {Path(p).name for p in load_log(corpus, "ignored")["file"]}
    assert ignored == {"README.md", ".git", ".DS_Store"}


# --- tables ------------------------------------------------------------------------------


def test_csv_column_recognition_extras_and_ids(tmp_path: Path) -> None:
    path = write(
        tmp_path / "export.csv",
        "stories_id,Media_Name,publish_date,headline,Content,link,author,word_count\n"
        "101,Daily Clarion,2025-01-07,Rebels advance,Rebels advanced today.,https://c.example/1,Ana,3\n"
        "102,Kessel Voice,2025-01-08 10:00,Army retreats,The army left.,https://k.example/2,Bo,3\n",
    )
    corpus = load_corpus(path)
    assert list(corpus.columns) == [*CORPUS_COLUMNS, "author", "word_count"]
    assert corpus["doc_id"].tolist() == ["101", "102"]
    assert corpus["outlet"].tolist() == ["Daily Clarion", "Kessel Voice"]
    assert corpus["date"].tolist() == [pd.Timestamp("2025-01-07"), pd.Timestamp("2025-01-08 10:00")]
    assert corpus["title"].tolist() == ["Rebels advance", "Army retreats"]
    assert corpus["url"].tolist() == ["https://c.example/1", "https://k.example/2"]
    assert corpus["word_count"].tolist() == ["3", "3"]  # extras unchanged: CSV cells are text
    assert corpus["date"].dtype == np.dtype("datetime64[us]")
    assert str(corpus["text"].dtype) in ("str", "string", "object")


def test_exact_name_beats_alias_and_unused_alias_stays_extra(tmp_path: Path) -> None:
    path = write(tmp_path / "t.csv", "source,outlet,text\nwire.example,The Herald,Body.\n")
    corpus = load_corpus(path)
    assert corpus.loc[0, "outlet"] == "The Herald"
    assert corpus.loc[0, "source"] == "wire.example"


def test_table_ids_without_id_column_are_file_and_row(tmp_path: Path) -> None:
    write(tmp_path / "wire" / "feed.tsv", "title\ttext\nA\tFirst.\nB\tSecond.\n")
    corpus = load_corpus(tmp_path)
    assert corpus["doc_id"].tolist() == ["wire/feed:1", "wire/feed:2"]
    assert corpus["outlet"].tolist() == ["wire", "wire"]


def test_json_and_jsonl(tmp_path: Path) -> None:
    articles = [
        {"id": "j1", "publisher": "Meridian Chronicle", "published": "March 1, 2020 - 16:12",
         "title": "One", "body": "Text one.", "tags": ["a", "b"]},
        {"id": "j2", "publisher": "Meridian Chronicle", "published": "2020-03-02T08:00:00Z",
         "title": "Two", "body": "Text two.", "tags": []},
    ]
    write(tmp_path / "list.json", json.dumps(articles))
    write(tmp_path / "wrapped.json", json.dumps({"count": 2, "articles": [
        {**a, "id": a["id"] + "w"} for a in articles]}))
    write(tmp_path / "lines.jsonl", "\n".join(json.dumps({**a, "id": a["id"] + "l"}) for a in articles) + "\n\n")
    corpus = load_corpus(tmp_path)
    assert corpus["doc_id"].tolist() == ["j1l", "j2l", "j1", "j2", "j1w", "j2w"]  # sorted file order
    assert set(corpus["outlet"]) == {"Meridian Chronicle"}
    assert corpus.set_index("doc_id").loc["j1", "tags"] == ["a", "b"]  # JSON values kept as they are
    assert corpus.set_index("doc_id").loc["j2", "date"] == pd.Timestamp("2020-03-02 08:00")


def test_columns_argument_maps_and_wins(tmp_path: Path) -> None:
    path = write(tmp_path / "t.csv", "paper,story,teaser,text\nThe Herald,Full story.,Short.,A summary\n")
    corpus = load_corpus(path, columns={"paper": "outlet", "story": "text"})
    assert corpus.loc[0, "outlet"] == "The Herald"
    assert corpus.loc[0, "text"] == "Full story."
    # the input's own "text" column is kept, renamed, not lost
    assert corpus.loc[0, "input_text"] == "A summary"
    assert corpus.loc[0, "teaser"] == "Short."


def test_columns_argument_is_checked(tmp_path: Path) -> None:
    path = write(tmp_path / "t.csv", "outlet,text\nO,Body.\n")
    with pytest.raises(ValueError, match="not a corpus column"):
        load_corpus(path, columns={"text": "body"})
    with pytest.raises(CorpusError, match=r"columns=\{'missing_name': 'title'\}: no input has a "
                                          r"column 'missing_name'; .*t.csv has 'outlet', 'text'"):
        load_corpus(path, columns={"missing_name": "title"})


def _dates(corpus: pd.DataFrame) -> list[str]:
    return ["NaT" if pd.isna(d) else str(d) for d in corpus["date"]]


def test_dates_formats_timezones_and_unparseable(tmp_path: Path) -> None:
    rows = [
        ("2020-03-01", "2020-03-01 00:00:00"),
        ("2020-03-01T16:12:00+03:30", "2020-03-01 12:42:00"),  # aware -> UTC, zone dropped
        ("March 1, 2020 - 16:12", "2020-03-01 16:12:00"),
        ("1 March 2020", "2020-03-01 00:00:00"),
        ("Sun, 01 Mar 2020 16:12:00 +0000", "2020-03-01 16:12:00"),
        ("25/03/2020", "2020-03-25 00:00:00"),  # only possible day first: settles the column
        ("", "NaT"),
        ("03/01/2020", "2020-01-03 00:00:00"),  # ambiguous alone, day first in this column
    ]
    body = "".join(f'"{raw}",Text {i}.\n' for i, (raw, _) in enumerate(rows))
    path = write(tmp_path / "d.csv", "date,text\n" + body + "soon,Bad.\n"
                 "1583020800,Unix seconds.\n31/02/2020,No such day.\n2020-02-30,Nor this.\n")
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        corpus = load_corpus(path, outlet="O")
    assert _dates(corpus) == [e for _, e in rows] + ["NaT"] * 4
    order, unread = corpus_warnings(record)
    # one warning says how the order was settled, one lists every date not read
    assert order.startswith("date order inferred from the dates themselves: ")
    assert ("column 'date': day/month order settled as day/month/year by 1 value(s) such "
            "as '25/03/2020'; 1 ambiguous value(s) read the same way") in order
    assert "date_format=" in order
    assert unread.startswith("4 date(s) not read, stored as NaT")
    # each value with its own reason
    assert f"{path}, row 9, column 'date': 'soon' (not a date mediakit understands)" in unread
    assert (f"{path}, row 10, column 'date': '1583020800' (a number, perhaps a Unix time: "
            "not read as one") in unread
    assert f"{path}, row 11, column 'date': '31/02/2020' (no such day)" in unread
    assert f"{path}, row 12, column 'date': '2020-02-30' (no such day)" in unread
    log = load_log(corpus)
    assert log.loc[log["kind"] == "date", "row"].tolist() == [9, 10, 11, 12]
    assert log.loc[log["kind"] == "date_order", "value"].tolist() == ["dayfirst"]


def test_a_columns_day_month_order_comes_from_all_its_values(tmp_path: Path) -> None:
    # 4/5/2017 comes before the value that settles the order: all values count
    path = write(tmp_path / "us.csv", "date,outlet,text\n4/5/2017,O,a\n4/16/2017 3:05 PM,O,b\n"
                 "16/4/2017,O,c\n12-24-2016,O,d\n")
    with pytest.warns(CorpusWarning) as record:
        corpus = load_corpus(path)
    assert _dates(corpus) == ["2017-04-05 00:00:00", "2017-04-16 15:05:00", "NaT",
                              "2016-12-24 00:00:00"]
    [entry] = load_log(corpus, "date").to_dict("records")
    assert entry["row"] == 3 and entry["value"] == "16/4/2017"
    assert "not a real date as month/day/year (the column's order)" in entry["message"]
    assert "2 value(s) such as '4/16/2017 3:05 PM'" in str(record[0].message)
    assert "1 value(s) possible only the other way stay NaT" in str(record[0].message)
    # nothing settles the order: ambiguous values stay NaT, each listed as ambiguous
    plain = write(tmp_path / "plain.csv", "date,outlet,text\n4/5/2017,O,a\n5/4/2017,O,b\n")
    with pytest.warns(CorpusWarning, match="2 date.s. not read"):
        unsettled = load_corpus(plain)
    assert _dates(unsettled) == ["NaT", "NaT"]
    assert set(load_log(unsettled, "date")["message"]) == {"ambiguous dd/mm vs mm/dd, not guessed"}
    # ... unless date_format says which order
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        stated = load_corpus(plain, date_format="dayfirst")
    assert _dates(stated) == ["2017-05-04 00:00:00", "2017-04-05 00:00:00"]
    assert _dates(load_corpus(plain, date_format="monthfirst")) == [
        "2017-04-05 00:00:00", "2017-05-04 00:00:00"]
    # a strptime format; values that do not match it stay NaT, listed
    named = write(tmp_path / "named.csv", "date,outlet,text\n05 Apr 2017,O,a\nApril 6,O,b\n")
    with pytest.warns(CorpusWarning, match="does not match date_format '%d %b %Y'"):
        formatted = load_corpus(named, date_format="%d %b %Y")
    assert _dates(formatted) == ["2017-04-05 00:00:00", "NaT"]


def test_a_date_format_that_matches_nothing_or_is_not_a_format_is_one_clear_error(tmp_path: Path) -> None:
    path = write(tmp_path / "d.csv", "date,outlet,text\n2020-03-01,O,a\n2020-03-02,O,b\n")
    with pytest.raises(CorpusError) as raised:
        load_corpus(path, date_format="%d.%m.%Y")
    assert str(raised.value) == (f"{path}, column 'date': date_format='%d.%m.%Y' matches none of "
                                 "the 2 dates of this column (the first is '2020-03-01')")
    for bad in ("day-first", "%Q", 3):
        with pytest.raises(ValueError, match="date_format="):
            load_corpus(path, date_format=bad)  # type: ignore[arg-type]


def test_dates_outside_the_nanosecond_range_are_kept_exactly(tmp_path: Path) -> None:
    path = write(tmp_path / "d.csv", "date,outlet,text\n2500-01-01,O,a\n1500-06-15,O,b\n"
                 "0001-01-01,O,c\n9999-12-31 23:59,O,d\n")
    corpus = load_corpus(path)
    assert corpus["date"].dtype == np.dtype("datetime64[us]")
    assert _dates(corpus) == ["2500-01-01 00:00:00", "1500-06-15 00:00:00",
                              "0001-01-01 00:00:00", "9999-12-31 23:59:00"]
    # the same from JSON, a DataFrame and front matter
    jsonl = write(tmp_path / "d.jsonl", json.dumps({"date": "2500-01-01", "outlet": "O",
                                                    "text": "a"}) + "\n")
    assert _dates(load_corpus(jsonl)) == ["2500-01-01 00:00:00"]
    import datetime as dt

    frame = pd.DataFrame({"outlet": ["O"], "text": ["a"], "date": [dt.datetime(2500, 1, 1)]})
    assert _dates(load_corpus(frame)) == ["2500-01-01 00:00:00"]
    assert _dates(validate_corpus(frame.assign(doc_id="x"))) == ["2500-01-01 00:00:00"]
    page = write(tmp_path / "o" / "far.md", "---\ndate: 2500-01-01\n---\nA body.\n")
    assert _dates(load_corpus(page, outlet="O")) == ["2500-01-01 00:00:00"]


def test_an_impossible_front_matter_date_keeps_the_article(tmp_path: Path) -> None:
    page = write(tmp_path / "o" / "leap.md", "---\ndate: 2020-02-30\ntitle: Leap\n---\nA body.\n")
    with pytest.warns(CorpusWarning, match="'2020-02-30' .no such day."):
        corpus = load_corpus(page, outlet="O")  # a bad date is never a bad record
    assert corpus["title"].tolist() == ["Leap"] and _dates(corpus) == ["NaT"]
    assert load_log(corpus, "date")["column"].tolist() == ["date"]


FAKES = REPO.parent / "shared" / "data" / "fa-kes-dev" / "FA-KES-dev.csv"


@pytest.mark.skipif(not FAKES.exists(), reason="FA-KES (../shared/data/fa-kes-dev) is not beside this checkout")
def test_fakes_loads_with_every_date_and_no_option() -> None:
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        corpus = load_corpus(FAKES)
    assert len(corpus) == 764 and corpus["date"].isna().sum() == 0
    assert corpus["date"].min() >= pd.Timestamp("2011-01-01")
    assert corpus["date"].max() < pd.Timestamp("2019-01-01")
    log = load_log(corpus)
    recognised = dict(zip(log.loc[log["kind"] == "column", "column"],
                          log.loc[log["kind"] == "column", "value"]))
    assert recognised == {"article_content": "text", "article_title": "title", "source": "outlet"}
    assert log.loc[log["kind"] == "date_order", "value"].tolist() == ["monthfirst"]
    [encoding] = log.loc[log["kind"] == "encoding", "value"].tolist()
    assert encoding in ("cp1252", "latin-1")
    messages = corpus_warnings(record)
    assert any(m.startswith("recognised input column(s) by name: ") and "'article_content' as text"
               in m for m in messages)
    assert any(f"decoded as {encoding}" in m and "encoding=" in m for m in messages)
    with_ids = load_corpus(FAKES, columns={"unit_id": "doc_id"}, encoding="latin-1")
    assert len(with_ids) == 764 and with_ids["doc_id"].is_unique
    assert len(load_log(with_ids, "duplicate_id")) == 764 - corpus["unit_id"].nunique() > 0


def test_numeric_dates_in_a_dataframe_are_not_guessed() -> None:
    frame = pd.DataFrame({"outlet": ["A", "B"], "text": ["a", "b"],
                          "date": [1583020800, 42]})
    with pytest.warns(CorpusWarning) as record:
        corpus = load_corpus(frame)
    assert corpus["date"].isna().all()
    [message] = [str(w.message) for w in record]
    assert "row 1, column 'date': 1583020800 (a number, perhaps a Unix time" in message
    assert "row 2, column 'date': 42 (a number, not a date)" in message


# --- DataFrames and validation -----------------------------------------------------------


def test_dataframe_is_normalised_and_not_mutated() -> None:
    frame = pd.DataFrame({
        "media_name": ["A", "B"],
        "content": ["Text a.", "Text b."],
        "date": pd.to_datetime(["2020-03-01 10:00", "2020-03-02 10:00"]).tz_localize("Asia/Tehran"),
        "extra": [1, 2],
    }, index=[10, 20])
    before = frame.copy(deep=True)
    corpus = load_corpus(frame)
    pd.testing.assert_frame_equal(frame, before)
    assert corpus["doc_id"].tolist() == ["row-1", "row-2"]
    assert corpus["outlet"].tolist() == ["A", "B"]
    assert corpus["date"].tolist() == [pd.Timestamp("2020-03-01 06:30"), pd.Timestamp("2020-03-02 06:30")]
    assert corpus["extra"].tolist() == [1, 2]
    assert list(corpus.index) == [0, 1]


def test_dataframe_bad_rows_name_row_and_column() -> None:
    frame = pd.DataFrame({"outlet": ["A", "B", "C"], "text": ["ok", "  ", "fine"]})
    with pytest.raises(CorpusError, match=r"<DataFrame>, row 2, column 'text': empty text"):
        load_corpus(frame)
    with pytest.warns(CorpusWarning, match="skipped 1"):
        corpus = load_corpus(frame, errors="skip")
    assert corpus["doc_id"].tolist() == ["row-1", "row-3"]


def test_validate_corpus_checks_and_normalises() -> None:
    good = pd.DataFrame({"doc_id": ["a", "b"], "outlet": ["O", "O"], "text": ["x", "y"], "extra": [1, 2]})
    out = validate_corpus(good)
    assert list(out.columns) == [*CORPUS_COLUMNS, "extra"]
    assert out["title"].tolist() == ["", ""] and out["date"].isna().all()
    assert "title" not in good.columns  # input untouched
    with pytest.raises(CorpusError, match="missing column.*'text'"):
        validate_corpus(good.drop(columns="text"))
    with pytest.raises(CorpusError, match="row 2, column 'doc_id': duplicate doc_id 'a'"):
        validate_corpus(good.assign(doc_id=["a", "a"]))
    with pytest.raises(CorpusError, match="row 1, column 'text': empty text"):
        validate_corpus(good.assign(text=["", "y"]))
    with pytest.raises(CorpusError, match="column 'date': date must be datetime64"):
        validate_corpus(good.assign(date=["2020-01-01", "x"]))
    with pytest.raises(TypeError):
        validate_corpus([1, 2])  # type: ignore[arg-type]


# --- bad inputs: raise vs skip -----------------------------------------------------------


def _load_both(source: Path | list[Path], **options: object) -> tuple[CorpusError, pd.DataFrame, list[str]]:
    """The CorpusError of errors="raise", and the corpus and warnings of errors="skip"."""
    with pytest.raises(CorpusError) as raised:
        load_corpus(source, **options)  # type: ignore[arg-type]
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        corpus = load_corpus(source, errors="skip", **options)  # type: ignore[arg-type]
    return raised.value, corpus, corpus_warnings(record)


def _only_skipped(corpus: pd.DataFrame) -> dict[str, object]:
    skipped = load_log(corpus, "skipped")
    assert list(skipped.columns) == list(LOG_COLUMNS)
    assert len(skipped) == 1
    return skipped.iloc[0].to_dict()


def test_empty_text_raise_and_skip(tmp_path: Path) -> None:
    path = write(tmp_path / "t.csv", "outlet,content\nO,First.\nO,   \nO,Third.\n")
    error, corpus, messages = _load_both(path)
    assert (error.file, error.row, error.column) == (str(path), 2, "content")
    assert str(error) == f"{path}, row 2, column 'content': empty text and no title"
    assert corpus["doc_id"].tolist() == ["t:1", "t:3"]
    entry = _only_skipped(corpus)
    assert (entry["kind"], entry["file"], entry["row"], entry["column"], entry["message"]) == (
        "skipped", str(path), 2, "content", "empty text and no title")
    [message] = [m for m in messages if m.startswith("skipped ")]
    assert "skipped 1" in message and "empty text" in message


def test_empty_article_file(tmp_path: Path) -> None:
    write(tmp_path / "o" / "good.txt", ARTICLE)
    empty = write(tmp_path / "o" / "empty.txt", "\n\n   \n")
    error, corpus, _ = _load_both(tmp_path)
    assert (error.file, error.row, error.column) == (str(empty), 1, "text")
    assert corpus["doc_id"].tolist() == ["o/good"]


def test_missing_text_column(tmp_path: Path) -> None:
    path = write(tmp_path / "t.csv", "outlet,summary\nO,Short.\n")
    error, corpus, _ = _load_both(path)
    assert (error.row, error.column) == (1, "text")
    assert "missing required column 'text'" in str(error) and "'summary'" in str(error)
    assert len(corpus) == 0 and list(corpus.columns) == list(CORPUS_COLUMNS)
    _only_skipped(corpus)


def test_missing_outlet_unless_given(tmp_path: Path) -> None:
    path = write(tmp_path / "t.csv", "title,text\nT,Body.\n")
    error, corpus, _ = _load_both(path)
    assert (error.file, error.row, error.column) == (str(path), 1, "outlet")
    assert "missing outlet" in str(error)
    assert len(corpus) == 0
    assert load_corpus(path, outlet="Given")["outlet"].tolist() == ["Given"]


def test_duplicate_ids_get_a_suffix_by_default_logged_and_warned(tmp_path: Path) -> None:
    path = write(tmp_path / "t.csv", "id,outlet,text\n7,O,First copy.\n8,O,Other.\n7,O,Second copy.\n"
                 "7#2,O,Its own id.\n7,O,Third copy.\n")
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        corpus = load_corpus(path)  # errors="raise": a repeated id is not an error
    # every copy kept; the suffix never takes an id another record has
    assert corpus["doc_id"].tolist() == ["7", "8", "7#2", "7#2#2", "7#3"]
    assert corpus["text"].tolist() == ["First copy.", "Other.", "Second copy.", "Its own id.",
                                       "Third copy."]
    log = load_log(corpus, "duplicate_id")
    assert log["row"].tolist() == [3, 4, 5] and log["value"].tolist() == ["7#2", "7#2#2", "7#3"]
    assert "first in" in log["message"][0] and "row 1" in log["message"][0]
    [message] = [m for m in corpus_warnings(record) if "repeated doc_id" in m]
    assert message.startswith("3 repeated doc_id(s) kept with a suffix")
    assert "duplicate_ids=" in message and "mediakit.load_log(corpus)" in message


def test_duplicate_ids_keep_first_or_raise(tmp_path: Path) -> None:
    path = write(tmp_path / "t.csv", "id,outlet,text\n7,O,First copy.\n8,O,Other.\n7,O,Second copy.\n")
    kept = load_corpus(path, duplicate_ids="keep_first")  # skipped as asked, not an error
    assert kept.set_index("doc_id").loc["7", "text"] == "First copy."
    entry = _only_skipped(kept)
    assert entry["row"] == 3 and "the first copy is kept" in entry["message"]
    assert "duplicate_ids='keep_first'" in entry["message"]
    for errors in ("raise", "skip"):  # raise means raise, whatever errors= says
        with pytest.raises(CorpusError, match="duplicate doc_id '7'") as raised:
            load_corpus(path, duplicate_ids="raise", errors=errors)
        assert (raised.value.row, raised.value.column) == (3, "id")
        assert "first in" in str(raised.value) and "row 1" in str(raised.value)
    with pytest.raises(ValueError, match="duplicate_ids= must be one of"):
        load_corpus(path, duplicate_ids="drop")


def test_duplicate_ids_across_files(tmp_path: Path) -> None:
    write(tmp_path / "a.jsonl", json.dumps({"id": "x", "outlet": "O", "text": "from a"}) + "\n")
    second = write(tmp_path / "b.jsonl", json.dumps({"id": "x", "outlet": "O", "text": "from b"}) + "\n")
    with pytest.raises(CorpusError) as raised:
        load_corpus(tmp_path, duplicate_ids="raise")
    assert raised.value.file == str(second)
    with pytest.warns(CorpusWarning, match="repeated doc_id"):
        corpus = load_corpus(tmp_path)
    assert corpus["doc_id"].tolist() == ["x", "x#2"]
    assert corpus["text"].tolist() == ["from a", "from b"]


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "o" / "good.txt", ARTICLE)
    locked = write(tmp_path / "o" / "locked.txt", ARTICLE)
    locked.chmod(0)
    if os.access(locked, os.R_OK):  # running as root: permissions do not bind, so simulate
        real_open = pathlib.Path.open

        def refusing_open(self: Path, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
            if self == locked:
                raise PermissionError(13, "Permission denied", str(self))
            return real_open(self, *args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(pathlib.Path, "open", refusing_open)
    try:
        error, corpus, _ = _load_both(tmp_path)
    finally:
        locked.chmod(0o644)
    assert error.file == str(locked) and error.row is None
    assert "cannot read file: Permission denied" in str(error)
    assert corpus["doc_id"].tolist() == ["o/good"]


def test_binary_file(tmp_path: Path) -> None:
    write(tmp_path / "o" / "good.txt", ARTICLE)
    binary = tmp_path / "o" / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    error, corpus, _ = _load_both(tmp_path)
    assert error.file == str(binary) and "binary file" in str(error)
    assert _only_skipped(corpus)["file"] == str(binary)


def test_malformed_csv_row(tmp_path: Path) -> None:
    path = write(tmp_path / "t.csv", "outlet,text\nO,Fine.\nO,Too,many,fields\nO,Also fine.\n")
    error, corpus, _ = _load_both(path)
    assert error.row == 2 and "malformed row: 4 fields where the header has 2" in str(error)
    assert corpus["doc_id"].tolist() == ["t:1", "t:3"]


def test_malformed_json_file_and_jsonl_line(tmp_path: Path) -> None:
    broken = write(tmp_path / "a.json", '[\n  {"outlet": "O", "text": "x"},\n  {"outlet": "O" "text": "y"}\n]\n')
    error, corpus, _ = _load_both(broken)
    assert (error.file, error.row) == (str(broken), 3) and "malformed JSON" in str(error)
    lines = write(tmp_path / "b.jsonl", '{"outlet": "O", "text": "x"}\n{"outlet": \n[1, 2]\n{"outlet": "O", "text": "z"}\n')
    with pytest.raises(CorpusError, match=r"b.jsonl, row 2: malformed JSON line"):
        load_corpus(lines)
    with pytest.warns(CorpusWarning, match="skipped 2"):
        corpus = load_corpus(lines, errors="skip")
    assert corpus["doc_id"].tolist() == ["b:1", "b:4"]
    assert load_log(corpus, "skipped")["row"].tolist() == [2, 3]


def test_bad_front_matter(tmp_path: Path) -> None:
    path = write(tmp_path / "a.md", "---\noutlet: O\ntitle: [unclosed\n---\nBody.\n")
    error, corpus, _ = _load_both(path)
    assert error.column == "front matter" and error.row is not None and error.row >= 3
    assert len(corpus) == 0


def test_unsupported_extension(tmp_path: Path) -> None:
    write(tmp_path / "o" / "good.txt", ARTICLE)
    pdf = write(tmp_path / "o" / "scan.pdf", "%PDF-1.4")
    error, corpus, _ = _load_both(tmp_path)
    assert error.file == str(pdf) and "unsupported file type .pdf" in str(error)
    assert corpus["doc_id"].tolist() == ["o/good"]
    # format= reads a file whatever its extension
    odd = write(tmp_path / "article.story", ARTICLE)
    assert load_corpus(odd, format="text", outlet="O")["title"].tolist() == ["Army enters Dorvast"]


def test_nothing_skipped_gives_empty_skipped_table(tmp_path: Path) -> None:
    corpus = load_corpus(write(tmp_path / "a.txt", ARTICLE), outlet="O")
    skipped = load_log(corpus, "skipped")
    assert list(skipped.columns) == list(LOG_COLUMNS) and len(skipped) == 0


def test_missing_path_and_bad_options(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        load_corpus(tmp_path / "nope")
    with pytest.raises(ValueError, match="errors must be"):
        load_corpus(tmp_path, errors="ignore")
    with pytest.raises(ValueError, match="unknown format"):
        load_corpus(tmp_path, format="pdf")


# --- ids, determinism, chunks ------------------------------------------------------------


def _mixed_folder(root: Path) -> Path:
    for outlet in ("herald", "clarion"):
        for index in range(5):
            write(root / outlet / f"2025-01-{index + 10}.md", ARTICLE.replace("Dorvast", f"Dorvast {index}"))
    lines = "".join(f"O{i % 3},2025-02-{i % 28 + 1:02d},Headline {i},Body {i}.\n" for i in range(23))
    write(root / "tables" / "big.csv", "source,date,title,text\n" + lines)
    write(root / "tables" / "more.jsonl", "".join(
        json.dumps({"publisher": "P", "content": f"Line {i}."}) + "\n" for i in range(9)))
    write(root / "tables" / "list.json", json.dumps([{"outlet": "Q", "text": f"Item {i}"} for i in range(4)]))
    return root


def test_doc_ids_are_stable_and_unique(tmp_path: Path) -> None:
    folder = _mixed_folder(tmp_path)
    first, second = load_corpus(folder), load_corpus(folder)
    pd.testing.assert_frame_equal(first, second)
    assert first["doc_id"].is_unique
    assert len(first) == 10 + 23 + 9 + 4
    assert "clarion/2025-01-10" in set(first["doc_id"]) and "tables/big:23" in set(first["doc_id"])


def test_files_differing_only_in_extension_both_keep_it_in_their_ids(tmp_path: Path) -> None:
    write(tmp_path / "b" / "s.txt", ARTICLE)
    write(tmp_path / "b" / "s.md", "---\ntitle: Markdown twin\n---\nThe twin body.\n")
    write(tmp_path / "b" / "t.txt", ARTICLE)
    write(tmp_path / "b" / "u.csv", "outlet,text\nO,row one\n")
    write(tmp_path / "b" / "u.jsonl", json.dumps({"outlet": "O", "text": "json row"}) + "\n")
    corpus = load_corpus(tmp_path)
    # unique keys stay extension-free; shared ones get the extension, on both files
    assert sorted(corpus["doc_id"]) == ["b/s.md", "b/s.txt", "b/t", "b/u.csv:1", "b/u.jsonl:1"]
    assert corpus.set_index("doc_id").loc["b/s.md", "title"] == "Markdown twin"
    pd.testing.assert_frame_equal(corpus, load_corpus(tmp_path))  # deterministic
    # the same file given twice is still one file, a duplicate
    twice = tmp_path / "b" / "t.txt"
    with pytest.raises(CorpusError, match="duplicate doc_id 't'"):
        load_corpus([twice, twice], outlet="O", duplicate_ids="raise")


def test_a_list_of_files_uses_their_common_folder(tmp_path: Path) -> None:
    a = write(tmp_path / "herald" / "a.txt", ARTICLE)
    b = write(tmp_path / "clarion" / "b.txt", ARTICLE)
    corpus = load_corpus([a, b])
    assert corpus["doc_id"].tolist() == ["herald/a", "clarion/b"]  # the order given
    assert corpus["outlet"].tolist() == ["herald", "clarion"]


@pytest.mark.parametrize("chunksize", [1, 7, 1000])
def test_iter_corpus_equals_load_corpus(tmp_path: Path, chunksize: int) -> None:
    folder = _mixed_folder(tmp_path)
    chunks = list(iter_corpus(folder, chunksize=chunksize))
    assert all(0 < len(chunk) <= chunksize for chunk in chunks)
    pd.testing.assert_frame_equal(pd.concat(chunks), load_corpus(folder))


def test_iter_corpus_skip_mode_and_dataframes(tmp_path: Path) -> None:
    folder = _mixed_folder(tmp_path)
    write(folder / "tables" / "bad.csv", "outlet,text\nO,\nO,ok\n")
    with pytest.warns(CorpusWarning):
        chunks = list(iter_corpus(folder, chunksize=5, errors="skip"))
    with pytest.warns(CorpusWarning):
        whole = load_corpus(folder, errors="skip")
    pd.testing.assert_frame_equal(pd.concat(chunks), whole)
    skipped = pd.concat([load_log(chunk, "skipped") for chunk in chunks], ignore_index=True)
    pd.testing.assert_frame_equal(skipped, load_log(whole, "skipped"))
    with pytest.raises(CorpusError, match="bad.csv, row 1"):
        list(iter_corpus(folder, chunksize=5))
    frame = pd.DataFrame({"outlet": ["A"] * 5, "text": [f"t{i}" for i in range(5)]})
    pd.testing.assert_frame_equal(pd.concat(iter_corpus(frame, chunksize=2)), load_corpus(frame))
    with pytest.raises(ValueError, match="chunksize"):
        next(iter_corpus(frame, chunksize=0))


# --- the bundled sample --------------------------------------------------------------------


def test_load_sample_reads_the_sample_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "aldwick-herald" / "2025-01-07-army.md",
          "---\noutlet: The Aldwick Herald\ndate: 2025-01-07T09:30\ntitle: Army\nurl: https://a.example/1\n"
          "byline: Staff\n---\nThe army moved.\n")
    monkeypatch.setattr(corpus_module, "_sample_folder", lambda: tmp_path)
    sample = load_sample()
    assert sample["doc_id"].tolist() == ["aldwick-herald/2025-01-07-army"]
    assert sample.loc[0, "byline"] == "Staff"


def test_sample_folder_missing_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(corpus_module, "__file__", str(tmp_path / "site-packages" / "mediakit" / "corpus.py"))
    with pytest.raises(FileNotFoundError, match="bundled sample corpus is missing"):
        load_sample()


def test_sample_folder_prefers_the_installed_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    installed = tmp_path / "mediakit" / "data" / "sample"
    installed.mkdir(parents=True)
    (tmp_path / "data" / "sample").mkdir(parents=True)
    monkeypatch.setattr(corpus_module, "__file__", str(tmp_path / "mediakit" / "corpus.py"))
    assert corpus_module._sample_folder() == installed


@pytest.mark.skipif(not SAMPLE_DIR.is_dir(), reason="data/sample is not on this branch yet")
def test_real_sample_has_basic_shape() -> None:
    sample = load_sample()
    assert len(sample) >= 48
    assert sample["outlet"].nunique() >= 6
    assert len(load_log(sample, "skipped")) == 0
    assert sample["date"].notna().all()
    assert sample["doc_id"].is_unique


def test_corpora_with_skipped_tables_concatenate_and_merge() -> None:
    # pandas compares attrs with == on concat/merge; a plain DataFrame there would raise
    with pytest.warns(CorpusWarning):
        first = load_corpus(pd.DataFrame({"outlet": ["A", "B"], "text": ["x", ""]}), errors="skip")
    second = load_corpus(pd.DataFrame({"outlet": ["C"], "text": ["y"]}))
    assert len(pd.concat([first, second])) == 2
    merged = first.merge(first[["doc_id"]].assign(flag=1), on="doc_id")
    assert merged["flag"].tolist() == [1]
    assert len(load_log(merged, "skipped")) == 1


def test_a_leading_date_line_is_a_date_not_a_title(tmp_path: Path) -> None:
    article = load_corpus(write(tmp_path / "a.txt", "March 1, 2020\n\nBody only.\n"), outlet="O").iloc[0]
    assert article["title"] == ""
    assert article["date"] == pd.Timestamp("2020-03-01")
    assert article["text"] == "Body only."
    with pytest.raises(TypeError, match="source must be"):
        load_corpus(42)  # type: ignore[arg-type]


def test_linked_folders_are_followed_without_looping(tmp_path: Path) -> None:
    write(tmp_path / "data" / "herald" / "a.txt", ARTICLE)
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "herald").symlink_to(tmp_path / "data" / "herald", target_is_directory=True)
    (tmp_path / "corpus" / "herald-again").symlink_to(tmp_path / "data" / "herald", target_is_directory=True)
    (tmp_path / "data" / "herald" / "loop").symlink_to(tmp_path / "corpus", target_is_directory=True)
    corpus = load_corpus(tmp_path / "corpus")
    assert corpus["doc_id"].tolist() == ["herald/a"]
    assert {Path(p).name for p in load_log(corpus, "ignored")["file"]} == {"herald-again", "loop"}


def test_skipped_table_dtypes_are_consistent(tmp_path: Path) -> None:
    # A file-level problem (binary file: no row, no column) next to a row-level one.
    write(tmp_path / "o" / "good.txt", ARTICLE)
    (tmp_path / "o" / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    write(tmp_path / "o" / "t.csv", "outlet,text,date\nO,Fine.,2024-01-01\nO,,2024-01-02\n")
    with pytest.warns(CorpusWarning):
        corpus = load_corpus(tmp_path, errors="skip")
    skipped = load_log(corpus, "skipped")
    assert len(skipped) == 2
    assert str(skipped["row"].dtype) == "Int64"
    column_dtype = skipped["column"].dtype
    assert isinstance(column_dtype, pd.StringDtype) and column_dtype.na_value is pd.NA
    assert skipped["file"].dtype == "str" and skipped["message"].dtype == "str"
    binary = skipped[skipped["file"].str.endswith("image.txt")].iloc[0]
    assert binary["row"] is pd.NA and binary["column"] is pd.NA
    empty = load_log(load_corpus(write(tmp_path / "a.txt", ARTICLE), outlet="O"), "skipped")
    assert empty.dtypes.astype(str).tolist() == skipped.dtypes.astype(str).tolist()


# --- headline corpora, header-less tables ---------------------------------------------

HEADLINES = REPO / "tests" / "headline_fixtures" / "gaza_headlines_standin.tsv"


def test_a_headerless_headline_export_loads_as_headline_records() -> None:
    import mediakit

    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        corpus = load_corpus(HEADLINES, format="tsv", names=["date", "outlet", "title", "url"])
    raw = HEADLINES.read_text(encoding="utf-8").splitlines()
    assert len(corpus) == len(raw) == 320  # every row: none skipped, none merged
    assert (corpus["text_source"] == "title").all()
    assert corpus["text"].tolist() == corpus["title"].tolist() == [r.split("\t")[2] for r in raw]
    assert corpus["date"].isna().sum() == sum(1 for r in raw if not r.split("\t")[0]) == 3
    first = raw[0].split("\t")
    assert corpus.loc[0, "date"] == pd.to_datetime(first[0], format="%m/%d/%Y")
    assert corpus.loc[0, "doc_id"] == "gaza_headlines_standin:1"
    # quotes that are text in a TSV ("Terrorists" will pay ...) are kept as written
    quoted = corpus[corpus["title"].str.startswith('"')]
    assert len(quoted) > 0 and quoted["title"].str.contains('"Terrorists"').all()
    log = load_log(corpus)
    assert log.loc[log["kind"] == "title_only", "value"].tolist() == ["320"]
    assert log.loc[log["kind"] == "date_order", "value"].tolist() == ["monthfirst"]
    messages = corpus_warnings(record)
    assert any("320 record(s) have a title and no body" in m for m in messages)
    # the analyses treat each headline as a one-sentence article
    result = mediakit.analyze(corpus, "conflict")
    assert len(result.mentions) >= 100
    assert {"militant", "terrorist", "fighter", "army"} <= set(result.mentions["label"])
    assert set(result.mentions["doc_id"]) <= set(corpus["doc_id"])


def test_a_row_with_a_title_and_no_body_is_a_headline_record(tmp_path: Path) -> None:
    path = write(tmp_path / "t.csv", "outlet,title,text\nO,Rebels take the bridge,\n"
                 "O,Army holds,The army held the town.\nO,,\n")
    error, corpus, _ = _load_both(path)
    assert (error.row, error.column, error.reason) == (3, "text", "empty text and no title")
    assert corpus["text"].tolist() == ["Rebels take the bridge", "The army held the town."]
    assert corpus["text_source"].tolist() == ["title", "body"]
    # a table without any text column: every row with a title is a headline record
    titles = write(tmp_path / "titles.csv", "outlet,headline\nO,Militants retreat\n")
    corpus = load_corpus(titles)
    assert corpus["text"].tolist() == ["Militants retreat"]
    assert corpus["text_source"].tolist() == ["title"]


def test_names_are_checked_and_only_for_delimited_files(tmp_path: Path) -> None:
    path = write(tmp_path / "h.tsv", "2024-01-02\tO\tA title\n2024-01-03\tO\tToo\tmany\n")
    corpus = load_corpus(path, names=["date", "outlet", "title"], errors="skip")
    assert corpus["title"].tolist() == ["A title"]
    [entry] = load_log(corpus, "skipped").to_dict("records")
    assert entry["row"] == 2 and "4 fields where the names given have 3" in entry["message"]
    for bad in ("date,outlet", ["date", "date"], [""]):
        with pytest.raises(ValueError, match="names="):
            load_corpus(path, names=bad)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="names= applies to CSV/TSV files only"):
        load_corpus(path, format="jsonl", names=["a"])
    with pytest.raises(ValueError, match="names="):
        load_corpus(pd.DataFrame({"text": ["a"]}), names=["a"])


# --- column recognition and the option names in messages --------------------------------


def test_recognised_names_are_logged_and_ambiguous_ones_are_not_guessed(tmp_path: Path) -> None:
    path = write(tmp_path / "t.csv", "publisher,content,body\nO,First text.,Second text.\n")
    with pytest.raises(CorpusError) as raised:
        load_corpus(path)
    assert raised.value.column == "text"
    assert ("no text column: 'content' and 'body' could each be the text; choose one with "
            "columns={'content': 'text'}") in str(raised.value)
    corpus = load_corpus(path, columns={"body": "text"})
    assert corpus["text"].tolist() == ["Second text."] and corpus["content"].tolist() == ["First text."]
    # an optional column with two candidates: both stay extra, logged and warned
    dated = write(tmp_path / "d.csv", "outlet,text,published,publish_date\nO,A.,2020-01-01,2020-01-02\n")
    with pytest.warns(CorpusWarning, match="no date column: 'published' and 'publish_date'"):
        corpus = load_corpus(dated)
    assert corpus["date"].isna().all() and "published" in corpus.columns
    log = load_log(corpus, "column")
    assert log["value"].isna().tolist() == [True]


def test_messages_name_the_python_keyword(tmp_path: Path) -> None:
    path = write(tmp_path / "t.csv", "Zeitung,Inhalt\nO,Text.\n")
    with pytest.raises(CorpusError, match=r"map yours with columns=\{'your name': 'text'\}"):
        load_corpus(path)
    with pytest.raises(CorpusError, match=r"no column 'Inhlt' \(given by columns=\{'Inhlt': 'text'\}\)"):
        load_corpus(path, columns={"Inhlt": "text", "Zeitung": "outlet"})
    with pytest.raises(ValueError, match="encoding= names no encoding Python knows: 'no-such-codec'"):
        load_corpus(path, encoding="no-such-codec")
    cp = write(tmp_path / "cp.csv", "outlet,text\nO,caf\u00e9 \u2013 bar\n", encoding="cp1252")
    with pytest.warns(CorpusWarning, match="decoded as cp1252. Pass encoding= to choose"):
        load_corpus(cp)


# --- decoding -------------------------------------------------------------------------


def test_utf16_and_utf32_with_and_without_byte_order_mark(tmp_path: Path) -> None:
    text = "outlet,text\nO,Rebels took the caf\u00e9 \u2013 and the bridge.\n"
    for codec in ("utf-32-be", "utf-32-le", "utf-16-be", "utf-16-le"):
        with_bom = tmp_path / f"{codec}-bom.csv"
        bom = "\ufeff".encode(codec)
        with_bom.write_bytes(bom + text.encode(codec))
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # a byte-order mark is not a guess
            assert load_corpus(with_bom)["text"].tolist() == [text.split(",", 2)[2].strip()], codec
        bare = tmp_path / f"{codec}.csv"
        bare.write_bytes(text.encode(codec))
        with pytest.warns(CorpusWarning, match=f"no byte-order mark.*decoded as {codec}"):
            corpus = load_corpus(bare)
        assert corpus["text"].tolist() == ["Rebels took the caf\u00e9 \u2013 and the bridge."], codec


def test_random_bytes_without_nul_are_not_text(tmp_path: Path) -> None:
    import random

    rng = random.Random(7)
    noise = bytes(rng.choice([b for b in range(1, 256)]) for _ in range(4000))
    path = tmp_path / "o" / "noise.txt"
    path.parent.mkdir()
    path.write_bytes(noise)
    with pytest.raises(CorpusError, match=r"noise.txt: not a text file: \d+% of its characters "
                                          r"are control characters"):
        load_corpus(path)


def test_mixed_utf8_and_cp1252_lines_are_decoded_line_by_line(tmp_path: Path) -> None:
    path = tmp_path / "mixed.csv"
    path.write_bytes(b"outlet,text\n" + "O,Caf\u00e9 in UTF-8 \u2013 fine.\n".encode("utf-8")
                     + "O,Caf\u00e9 in cp1252 \u2013 also fine.\n".encode("cp1252"))
    with pytest.warns(CorpusWarning, match=r"mixes encodings: 1 line\(s\) of UTF-8 were decoded "
                                           r"as UTF-8 and 1 line\(s\) that are not UTF-8 as cp1252"):
        corpus = load_corpus(path)
    assert corpus["text"].tolist() == ["Caf\u00e9 in UTF-8 \u2013 fine.",
                                       "Caf\u00e9 in cp1252 \u2013 also fine."]
    [entry] = load_log(corpus, "encoding").to_dict("records")
    assert entry["value"] == "cp1252" and "line by line" in entry["message"]


# --- CSV rows that would swallow others ---------------------------------------------------


def test_an_unclosed_quote_swallows_nothing(tmp_path: Path) -> None:
    path = write(tmp_path / "q.csv", 'outlet,date,text\nO,2020-01-01,"never closed, and\n'
                 "O,2020-01-02,Second.\nO,2020-01-03,Third.\n")
    error, corpus, _ = _load_both(path)
    assert (error.row, error.column) == (1, None)
    assert error.reason == ("malformed row: a quote opened in the row starting on line 2 is never "
                            "closed (it would swallow every later row); reading resumes on line 3")
    assert corpus["text"].tolist() == ["Second.", "Third."]  # read, not swallowed
    # quotes that are text, not quoting: the row is read from its line as written, noted
    path = write(tmp_path / "t.tsv", 'outlet\ttext\nO\t"Rebels" retreat\nO\tArmy "holds\n'
                 "O\tThird.\n")
    with pytest.warns(CorpusWarning, match=r"1 row\(s\) hold quotes that do not follow CSV "
                                           r"quoting.*\(rows 1\)"):
        corpus = load_corpus(path)
    assert corpus["text"].tolist() == ['"Rebels" retreat', 'Army "holds', "Third."]
    assert load_log(corpus, "note")["row"].tolist() == [1]
    # a row whose first line cannot be read on its own is reported, the rest are read
    broken = write(tmp_path / "b.csv", 'outlet,date,text\nO,2020-01-01,"a, b" c\n'
                   "O,2020-01-02,Second.\n")
    error, corpus, _ = _load_both(broken)
    assert error.row == 1 and "text follows a closing quote on line 2" in error.reason
    assert corpus["text"].tolist() == ["Second."]


def test_a_field_over_the_csv_modules_default_limit_loads_and_sets_no_global_state(tmp_path: Path) -> None:
    import csv

    before = csv.field_size_limit()
    big = "word " * 40_000  # 200 KB, over the csv module's 128 KiB default
    path = write(tmp_path / "big.csv", f"outlet,text\nO,{big}\nO,After.\n")
    corpus = load_corpus(path)
    assert corpus["text"].tolist() == [big, "After."]
    assert csv.field_size_limit() == before  # nothing process-wide was changed


def test_an_unlistable_folder_is_reported_not_lost(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "a" / "good.txt", ARTICLE)
    write(tmp_path / "b" / "hidden-by-permissions.txt", ARTICLE)
    real_scandir = os.scandir

    def scandir(path):  # what a folder without read permission does (tests run as root)
        if os.fspath(path).endswith(os.sep + "b"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    error, corpus, messages = _load_both(tmp_path)
    assert error.file == str(tmp_path / "b") and "cannot list folder" in error.reason
    assert corpus["doc_id"].tolist() == ["a/good"]
    [entry] = load_log(corpus, "skipped").to_dict("records")
    assert entry["file"] == str(tmp_path / "b") and "Permission denied" in entry["message"]


def test_iter_corpus_settles_a_date_column_from_the_whole_file(tmp_path: Path) -> None:
    # the value that settles the order comes after several chunks of ambiguous ones
    rows = "".join(f"O,{m}/{d}/2021,Text {m}-{d}.\n" for m, d in [(1, 2), (3, 4), (5, 6), (7, 8)])
    path = write(tmp_path / "late.csv", "outlet,date,text\n" + rows + "O,9/30/2021,Settles it.\n")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        whole = load_corpus(path)
        chunks = list(iter_corpus(path, chunksize=2))
    assert _dates(whole)[0] == "2021-01-02 00:00:00"
    pd.testing.assert_frame_equal(pd.concat(chunks), whole)
    assert load_log(chunks[0], "date_order")["value"].tolist() == ["monthfirst"]
