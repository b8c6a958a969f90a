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
    SKIPPED_COLUMNS,
    iter_corpus,
    load_corpus,
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
    ignored = {Path(p).name for p in corpus.attrs["ignored_files"]}
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
    assert corpus["date"].dtype == np.dtype("datetime64[ns]")
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
    with pytest.warns(CorpusWarning, match="'missing_name'"):
        load_corpus(path, columns={"missing_name": "title"})


def test_dates_formats_timezones_and_unparseable(tmp_path: Path) -> None:
    rows = [
        ("2020-03-01", "2020-03-01 00:00"),
        ("2020-03-01T16:12:00+03:30", "2020-03-01 12:42"),  # aware -> UTC, zone dropped
        ("March 1, 2020 - 16:12", "2020-03-01 16:12"),
        ("1 March 2020", "2020-03-01 00:00"),
        ("Sun, 01 Mar 2020 16:12:00 +0000", "2020-03-01 16:12"),
        ("25/03/2020", "2020-03-25 00:00"),
        ("", None),
    ]
    body = "".join(f'"{raw}",Text {i}.\n' for i, (raw, _) in enumerate(rows))
    path = write(tmp_path / "d.csv", "date,text\n" + body + "03/01/2020,Ambiguous.\nsoon,Bad.\n"
                 "1583020800,Unix seconds.\n31/02/2020,No such day.\n")
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        corpus = load_corpus(path, outlet="O")
    expected = [pd.Timestamp(e) if e else pd.NaT for _, e in rows] + [pd.NaT] * 4
    assert corpus["date"].tolist() == expected
    messages = corpus_warnings(record)
    assert len(messages) == 1  # one warning lists every unparseable date
    assert "4 date(s)" in messages[0]
    # each value with its own reason: only the ambiguous one is called ambiguous
    assert f"{path}, row 8, column 'date': '03/01/2020' (ambiguous dd/mm vs mm/dd" in messages[0]
    assert f"{path}, row 9, column 'date': 'soon' (not a date mediakit understands)" in messages[0]
    assert (f"{path}, row 10, column 'date': '1583020800' (a number, perhaps a Unix time: "
            "not read as one") in messages[0]
    assert f"{path}, row 11, column 'date': '31/02/2020' (no such day)" in messages[0]
    assert messages[0].count("ambiguous") == 1


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
    with pytest.raises(CorpusError, match="missing required column.*'text'"):
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
    skipped = corpus.attrs["skipped"]
    assert list(skipped.columns) == list(SKIPPED_COLUMNS)
    assert len(skipped) == 1
    return skipped.iloc[0].to_dict()


def test_empty_text_raise_and_skip(tmp_path: Path) -> None:
    path = write(tmp_path / "t.csv", "outlet,content\nO,First.\nO,   \nO,Third.\n")
    error, corpus, messages = _load_both(path)
    assert (error.file, error.row, error.column) == (str(path), 2, "content")
    assert str(error) == f"{path}, row 2, column 'content': empty text"
    assert corpus["doc_id"].tolist() == ["t:1", "t:3"]
    entry = _only_skipped(corpus)
    assert (entry["file"], entry["row"], entry["column"], entry["reason"]) == (str(path), 2, "content", "empty text")
    assert len(messages) == 1 and "skipped 1" in messages[0] and "empty text" in messages[0]


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


def test_duplicate_ids_keep_the_first_copy(tmp_path: Path) -> None:
    path = write(tmp_path / "t.csv", "id,outlet,text\n7,O,First copy.\n8,O,Other.\n7,O,Second copy.\n")
    error, corpus, _ = _load_both(path)
    assert (error.row, error.column) == (3, "id")
    assert "duplicate doc_id '7'" in str(error) and "first copy is kept" in str(error)
    assert corpus.set_index("doc_id").loc["7", "text"] == "First copy."
    assert _only_skipped(corpus)["row"] == 3


def test_duplicate_ids_across_files(tmp_path: Path) -> None:
    write(tmp_path / "a.jsonl", json.dumps({"id": "x", "outlet": "O", "text": "from a"}) + "\n")
    second = write(tmp_path / "b.jsonl", json.dumps({"id": "x", "outlet": "O", "text": "from b"}) + "\n")
    error, corpus, _ = _load_both(tmp_path)
    assert error.file == str(second)
    assert corpus["text"].tolist() == ["from a"]


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
    assert corpus.attrs["skipped"]["row"].tolist() == [2, 3]


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
    skipped = corpus.attrs["skipped"]
    assert list(skipped.columns) == list(SKIPPED_COLUMNS) and len(skipped) == 0


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
        load_corpus([twice, twice], outlet="O")


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
    skipped = pd.concat([chunk.attrs["skipped"] for chunk in chunks], ignore_index=True)
    pd.testing.assert_frame_equal(skipped, whole.attrs["skipped"])
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
    assert len(sample.attrs["skipped"]) == 0
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
    assert len(merged.attrs["skipped"]) == 1


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
    assert {Path(p).name for p in corpus.attrs["ignored_files"]} == {"herald-again", "loop"}


def test_skipped_table_dtypes_are_consistent(tmp_path: Path) -> None:
    # A file-level problem (binary file: no row, no column) next to a row-level one.
    write(tmp_path / "o" / "good.txt", ARTICLE)
    (tmp_path / "o" / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    write(tmp_path / "o" / "t.csv", "outlet,text,date\nO,Fine.,2024-01-01\nO,,2024-01-02\n")
    with pytest.warns(CorpusWarning):
        corpus = load_corpus(tmp_path, errors="skip")
    skipped = corpus.attrs["skipped"]
    assert len(skipped) == 2
    assert str(skipped["row"].dtype) == "Int64"
    column_dtype = skipped["column"].dtype
    assert isinstance(column_dtype, pd.StringDtype) and column_dtype.na_value is pd.NA
    assert skipped["file"].dtype == "str" and skipped["reason"].dtype == "str"
    binary = skipped[skipped["file"].str.endswith("image.txt")].iloc[0]
    assert binary["row"] is pd.NA and binary["column"] is pd.NA
    empty = load_corpus(write(tmp_path / "a.txt", ARTICLE), outlet="O").attrs["skipped"]
    assert empty.dtypes.astype(str).tolist() == skipped.dtypes.astype(str).tolist()
