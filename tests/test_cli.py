"""The mediakit command: in-process through main(), once as a subprocess."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import mediakit as mk
from mediakit.cli import EXIT_DATA_ERROR, EXIT_OK, EXIT_USAGE, main

REPO = Path(__file__).resolve().parents[1]

ROWS = [
    {"doc_id": "h1", "outlet": "The Herald", "date": "2025-01-06", "title": "Army advances",
     "text": "The army pushed back the terrorists near Liss. The terrorists fled north. "
             '"These are opposition forces defending homes," said Lale Orhun.'},
    {"doc_id": "h2", "outlet": "The Herald", "date": "2025-01-20", "title": "Bridge lost",
     "text": "Terrorists blew up the bridge at dawn. It was a terrible, cruel attack."},
    {"doc_id": "v1", "outlet": "The Voice", "date": "2025-01-07", "title": "Resistance holds",
     "text": "Opposition forces held the old town. "
             '"They are terrorists," the minister Dana Ilves said. The rebels are brave.'},
    {"doc_id": "v2", "outlet": "The Voice", "date": "2025-01-21", "title": "Supply line",
     "text": "Opposition fighters cut the supply road. Happy families returned home."},
]


def _write_csv(path: Path, rows: list[dict]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


@pytest.fixture
def corpus_csv(tmp_path) -> Path:
    return _write_csv(tmp_path / "small.csv", ROWS)


@pytest.fixture
def bad_csv(tmp_path) -> Path:
    rows = [*ROWS[:2], {**ROWS[2], "text": "", "title": ""}, ROWS[3]]
    return _write_csv(tmp_path / "bad.csv", rows)


def run(*argv: str, stdin: str = "") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdin=io.StringIO(stdin), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def _csv(text: str) -> pd.DataFrame:
    return pd.read_csv(io.StringIO(text), keep_default_na=False, dtype=str)


def _as_str(table: pd.DataFrame, columns: list[str]) -> list[list[str]]:
    return table[columns].astype("string").fillna("").astype(str).values.tolist()


# ------------------------------------------------------------------ help and usage


@pytest.mark.parametrize(
    "command", ["report", "mentions", "kwic", "lexicons", "audit", "sentiment"]
)
def test_each_command_has_help(command):
    code, out, err = run(command, "--help")
    assert code == EXIT_OK and err == ""
    assert out.startswith(f"usage: mediakit {command}")
    assert "exit codes: 0 success, 1 data error" in out
    if command != "lexicons":
        assert "--out" in out


def test_top_level_help_lists_commands():
    code, out, _ = run("--help")
    assert code == EXIT_OK
    for command in ["report", "mentions", "kwic", "lexicons", "audit", "sentiment"]:
        assert command in out
    assert "mediakit report" in out


def test_no_command_is_a_usage_error():
    code, out, err = run()
    assert code == EXIT_USAGE and out == "" and err.startswith("usage: mediakit")


def test_unknown_option_is_a_usage_error(corpus_csv):
    code, out, err = run("mentions", str(corpus_csv), "--bogus")
    assert code == EXIT_USAGE and out == ""
    assert "unrecognized arguments: --bogus" in err


def test_unknown_actor_is_a_usage_error(corpus_csv, tmp_path):
    code, out, err = run("report", str(corpus_csv), "--actor", "nobody", "--out",
                         str(tmp_path / "r"))
    assert code == EXIT_USAGE
    assert "'nobody' is not in lexicon 'conflict'" in err
    assert not (tmp_path / "r").exists()


def test_default_lexicon_is_the_samples_own_without_corpus(corpus_csv, tmp_path):
    # Checked before loading: no CORPUS means the sample and its lexicon, marenna.
    code, _, err = run("report", "--actor", "nobody", "--out", str(tmp_path))
    assert code == EXIT_USAGE and "'nobody' is not in lexicon 'marenna'" in err
    code, _, err = run("mentions", str(corpus_csv), "--actor", "nobody")
    assert code == EXIT_USAGE and "'nobody' is not in lexicon 'conflict'" in err
    code, _, err = run("mentions", "--lexicon", "conflict", "--actor", "nobody")
    assert code == EXIT_USAGE and "'nobody' is not in lexicon 'conflict'" in err


def test_stdin_cannot_mix_with_files(corpus_csv):
    code, _, err = run("mentions", "-", str(corpus_csv))
    assert code == EXIT_USAGE and "standard input" in err


# ------------------------------------------------------------------ data errors


def test_missing_file_is_one_line_naming_it(tmp_path):
    missing = tmp_path / "nope.csv"
    code, out, err = run("mentions", str(missing))
    assert code == EXIT_DATA_ERROR and out == ""
    assert err.count("\n") == 1
    assert err == f"mediakit: error: {missing}: no such file or folder\n"


def test_bad_record_names_file_row_and_column(bad_csv):
    code, out, err = run("mentions", str(bad_csv))
    assert code == EXIT_DATA_ERROR and out == ""
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err == f"mediakit: error: {bad_csv}, row 3, column 'text': empty text and no title\n"


@pytest.mark.parametrize("where", ["before", "after"])
def test_bad_record_with_debug_raises(bad_csv, where):
    # --debug works before or after the command
    argv = ["--debug", "mentions", str(bad_csv)] if where == "before" else [
        "mentions", str(bad_csv), "--debug"]
    with pytest.raises(mk.CorpusError, match="row 3"):
        run(*argv)


def test_global_options_in_either_position_and_default_off(bad_csv):
    # --quiet after the command silences the skipped-record notes, as before it
    for argv in (["--quiet", "mentions", str(bad_csv), "--skip-bad"],
                 ["mentions", str(bad_csv), "--skip-bad", "--quiet"]):
        code, _, err = run(*argv)
        assert code == EXIT_OK and err == "", argv
    code, _, err = run("mentions", str(bad_csv), "--skip-bad")
    assert "skipped" in err  # without --quiet the notes are there


def test_bad_record_on_stdin_is_named_stdin(bad_csv):
    code, _, err = run("mentions", "-", stdin=bad_csv.read_text(encoding="utf-8"))
    assert code == EXIT_DATA_ERROR
    assert err == "mediakit: error: <stdin>, row 3, column 'text': empty text and no title\n"


def test_skip_bad_lists_each_skipped_record(bad_csv):
    code, out, err = run("mentions", str(bad_csv), "--skip-bad")
    assert code == EXIT_OK
    skipped, summary = err.splitlines()
    assert skipped == f"mediakit: skipped {bad_csv}, row 3, column 'text': empty text and no title"
    assert summary.startswith(f"mediakit: loaded 3 article(s) from 2 outlet(s) ({bad_csv}); "
                              "load log: ")
    assert summary.endswith("1 skipped")
    assert "v1" not in set(_csv(out)["doc_id"])
    code, _, err = run("--quiet", "mentions", str(bad_csv), "--skip-bad")
    assert code == EXIT_OK and err == ""


def test_bad_lexicon_file_is_a_data_error(corpus_csv, tmp_path):
    lexicon = tmp_path / "lex.yaml"
    lexicon.write_text("name: x\nactors: []\n", encoding="utf-8")
    code, out, err = run("mentions", str(corpus_csv), "--lexicon", str(lexicon))
    assert code == EXIT_DATA_ERROR and out == ""
    assert err.count("\n") == 1 and "actors" in err


# ------------------------------------------------------------------ subcommands


def test_mentions_csv_matches_find_mentions(corpus_csv):
    code, out, err = run("mentions", str(corpus_csv))
    # no progress bar (stderr is not a terminal), only the load summary
    assert code == EXIT_OK and err == (f"mediakit: loaded 4 article(s) from 2 outlet(s) "
                                       f"({corpus_csv}); load log: 0 skipped\n")
    table = _csv(out)
    expected = mk.find_mentions(mk.load_corpus(corpus_csv))
    assert list(table.columns) == list(expected.columns)
    columns = ["doc_id", "actor", "label", "match", "start", "end", "voice", "speaker"]
    assert _as_str(table, columns) == _as_str(expected, columns)


def test_mentions_filters_and_tone(corpus_csv):
    code, out, _ = run("mentions", str(corpus_csv), "--voice", "quote", "--tone")
    assert code == EXIT_OK
    table = _csv(out)
    expected = mk.analyze(mk.load_corpus(corpus_csv)).mentions_with_sentences(masked=True)
    expected = expected[expected["voice"] == "quote"]
    # the analysis's mentions point at their sentence; the CSV still has its text
    assert list(table.columns) == list(expected.columns)
    assert table.columns[10] == "sentence" and table.columns[-1] == "sentence_masked"
    assert table["sentence"].tolist() == expected["sentence"].tolist()
    assert table["sentence_masked"].tolist() == expected["sentence_masked"].tolist()
    assert {"compound", "compound_masked"} <= set(table.columns)
    assert table["match"].tolist() == expected["match"].tolist() == [
        "opposition forces", "terrorists"]
    assert table["speaker"].tolist() == ["Lale Orhun", "Dana Ilves"]
    assert [float(x) for x in table["compound"]] == pytest.approx(expected["compound"].tolist())
    code, out, _ = run("mentions", str(corpus_csv), "--actor", "state_forces")
    assert set(_csv(out)["actor"]) == {"state_forces"}


def test_mentions_from_stdin_compose_in_a_pipe(corpus_csv):
    code, out, _ = run("mentions", "-", stdin=corpus_csv.read_text(encoding="utf-8"))
    assert code == EXIT_OK
    from_stdin = _csv(out)
    frame = pd.read_csv(corpus_csv, dtype=str, keep_default_na=False)
    expected = mk.find_mentions(mk.load_corpus(frame))
    assert _as_str(from_stdin, ["doc_id", "label", "start"]) == \
        _as_str(expected, ["doc_id", "label", "start"])
    # The output of one command is the input of the next: kwic on the mentions' corpus.
    code, out, _ = run("kwic", "-", "--pattern", "terrorist*",
                       stdin=corpus_csv.read_text(encoding="utf-8"))
    assert code == EXIT_OK and len(_csv(out)) == 4


def test_kwic_csv_matches_library(corpus_csv):
    code, out, _ = run("kwic", str(corpus_csv), "--pattern", "terrorist*",
                       "--pattern", "opposition forces", "--window", "3",
                       "--voice", "narration")
    assert code == EXIT_OK
    table = _csv(out)
    expected = mk.kwic(mk.load_corpus(corpus_csv), ["terrorist*", "opposition forces"],
                       window=3, voice="narration")
    assert list(table.columns) == list(expected.columns)
    assert _as_str(table, ["doc_id", "left", "match", "right", "voice"]) == \
        _as_str(expected, ["doc_id", "left", "match", "right", "voice"])
    assert set(table["voice"]) == {"narration"}
    code, _, err = run("kwic", str(corpus_csv), "--pattern", "x", "--lexicon", "conflict")
    assert code == EXIT_USAGE and "not allowed with" in err


def test_lexicons_list_and_show(tmp_path):
    code, out, _ = run("lexicons")
    assert code == EXIT_OK
    listed = _csv(out)
    assert listed["name"].tolist() == mk.list_lexicons()["name"].tolist()
    target = tmp_path / "conflict.csv"
    code, out, _ = run("lexicons", "conflict", "--out", str(target))
    assert code == EXIT_OK and out == ""
    shown = pd.read_csv(target, dtype=str, keep_default_na=False)
    expected = mk.load_lexicon("conflict").to_frame()
    assert _as_str(shown, ["actor", "label", "pattern"]) == \
        _as_str(expected, ["actor", "label", "pattern"])
    code, _, err = run("lexicons", "no-such-lexicon")
    assert code == EXIT_DATA_ERROR and "no-such-lexicon" in err


def test_audit_csv_matches_library(tmp_path):
    rows = [*ROWS, {"doc_id": "t1", "outlet": "The Voice", "date": "2025-01-22",
                    "title": "Typos", "text": "The terorists and insurgency spread."}]
    path = _write_csv(tmp_path / "audit.csv", rows)
    code, out, _ = run("audit", str(path))
    assert code == EXIT_OK
    table = _csv(out)
    expected = mk.audit_lexicon(mk.load_corpus(path), "conflict")
    assert list(table.columns) == list(expected.columns)
    assert table["candidate"].tolist() == expected["candidate"].astype(str).tolist()
    assert "terorists" in set(table["candidate"])


@pytest.mark.parametrize("level", ["sentence", "document"])
def test_sentiment_csv_matches_library(corpus_csv, level):
    code, out, _ = run("sentiment", str(corpus_csv), "--level", level)
    assert code == EXIT_OK
    table = _csv(out)
    corpus = mk.load_corpus(corpus_csv)
    scored = mk.score_sentences(mk.sentences(corpus))
    expected = scored if level == "sentence" else mk.score_documents(scored, corpus=corpus)
    assert list(table.columns) == list(expected.columns)
    assert table["doc_id"].tolist() == expected["doc_id"].tolist()
    column = "compound" if level == "sentence" else "compound_mean"
    assert [float(x) for x in table[column]] == pytest.approx(expected[column].tolist())
    assert len(table) == (10 if level == "sentence" else 4)


def test_report_command_writes_and_prints_paths(corpus_csv, tmp_path):
    out_dir = tmp_path / "out"
    code, out, err = run("report", str(corpus_csv), "--out", str(out_dir), "--seed", "1")
    assert code == EXIT_OK
    assert out.splitlines()[0] == f"report:  {out_dir / 'report.html'}"
    assert f"tables:  {out_dir / 'tables'}" in out and f"figures: {out_dir / 'figures'}" in out
    page = (out_dir / "report.html").read_text(encoding="utf-8")
    assert page.count("data:image/png;base64,") >= 4
    assert "seed 1" in page.lower()
    assert (out_dir / "tables" / "mentions.csv").is_file()
    for line in err.splitlines():  # library warnings come out as one-line notes
        assert line.startswith(("mediakit: warning: ", "mediakit: loaded 4 article(s)"))


# ------------------------------------------------------------------ subprocess


def test_python_m_mediakit_runs_as_a_subprocess(corpus_csv):
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        [sys.executable, "-m", "mediakit", "mentions", str(corpus_csv), "--voice", "narration"],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=120, check=False,
    )
    assert done.returncode == EXIT_OK, done.stderr
    table = _csv(done.stdout)
    expected = mk.find_mentions(mk.load_corpus(corpus_csv))
    expected = expected[expected["voice"] == "narration"]
    assert table["match"].tolist() == expected["match"].tolist()
    usage = subprocess.run(
        [sys.executable, "-m", "mediakit", "mentions", "--bogus"],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=120, check=False,
    )
    assert usage.returncode == EXIT_USAGE and "unrecognized arguments" in usage.stderr


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(("quiet", "after", "expected"),
                         [(False, False, True), (True, False, False), (True, True, False)])
def test_progress_only_on_a_terminal_and_not_quiet(corpus_csv, monkeypatch, quiet, after,
                                                   expected):
    import mediakit.analysis

    seen = []
    real = mediakit.analysis.analyze

    def spy(*args, **kwargs):
        seen.append(kwargs.get("progress"))
        return real(*args, **{**kwargs, "progress": False})

    monkeypatch.setattr(mediakit.analysis, "analyze", spy)
    argv = ["mentions", str(corpus_csv), "--tone"]
    argv = argv + ["--quiet"] * quiet if after else ["--quiet"] * quiet + argv
    code = main(argv, stdout=io.StringIO(), stderr=_Terminal())
    assert code == EXIT_OK and seen == [expected]
    code = main(["mentions", str(corpus_csv), "--tone"], stdout=io.StringIO(),
                stderr=io.StringIO())
    assert seen[-1] is False  # stderr is not a terminal


class _ClosedPipe(io.StringIO):
    def write(self, text: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")


def test_a_closed_pipe_ends_quietly(corpus_csv):
    err = io.StringIO()
    code = main(["mentions", str(corpus_csv)], stdout=_ClosedPipe(), stderr=err)
    assert code == EXIT_OK and err.getvalue().startswith("mediakit: loaded 4 article(s)")
    assert err.getvalue().count("\n") == 1


# ------------------------------------------------------------------ someone else's table

FAKES = REPO.parent / "shared" / "data" / "fa-kes-dev" / "FA-KES-dev.csv"
FAKES_COLUMNS = "text=article_content,title=article_title,outlet=source"
needs_fakes = pytest.mark.skipif(not FAKES.exists(),
                                 reason="FA-KES (../shared/data/fa-kes-dev) is not beside this checkout")


def _bytes_stdin(data: bytes) -> io.TextIOWrapper:
    """A stdin like the terminal's: text on top of bytes."""
    return io.TextIOWrapper(io.BytesIO(data), encoding="utf-8", errors="surrogateescape")


@needs_fakes
def test_fakes_loads_from_a_file_and_from_stdin_with_columns_and_encoding(tmp_path):
    out = tmp_path / "mentions.csv"
    code, _, err = run("mentions", str(FAKES), "--columns", FAKES_COLUMNS, "--out", str(out))
    assert code == EXIT_OK, err
    from_file = pd.read_csv(out, dtype=str, keep_default_na=False)
    summary = [line for line in err.splitlines() if line.startswith("mediakit: loaded ")]
    assert summary == [f"mediakit: loaded 764 article(s) from 15 outlet(s) ({FAKES}); load log: "
                       "1 file(s) decoded as latin-1; date order inferred: monthfirst; 0 skipped"]
    # the warning names the flag of the command line, not the Python keyword
    assert any("Pass --encoding to choose the encoding yourself" in line for line in err.splitlines())
    assert "encoding=" not in err and "columns=" not in err
    # the same bytes on standard input, with the encoding given
    stdin_out = tmp_path / "stdin.csv"
    code = main(["mentions", "-", "--columns", FAKES_COLUMNS, "--encoding", "latin-1",
                 "--out", str(stdin_out)], stdin=_bytes_stdin(FAKES.read_bytes()),
                stdout=io.StringIO(), stderr=(err_stream := io.StringIO()))
    assert code == EXIT_OK, err_stream.getvalue()
    from_stdin = pd.read_csv(stdin_out, dtype=str, keep_default_na=False)
    assert from_stdin["doc_id"].str.startswith("stdin:").all()
    columns = ["outlet", "date", "label", "match", "start", "end", "voice"]
    assert from_stdin[columns].equals(from_file[columns]) and len(from_file) > 1000
    assert "1 file(s) decoded as latin-1" in err_stream.getvalue()
    assert "(<stdin>)" in err_stream.getvalue()


def test_stdin_is_checked_like_a_file(tmp_path):
    # one extra field per row: refused on stdin as it is in a file, never shifted
    shifted = "outlet,text\nThe Herald,The rebels advanced.,extra\nThe Voice,Militants fled.,extra\n"
    code, out, err = run("mentions", "-", stdin=shifted)
    assert code == EXIT_DATA_ERROR and out == ""
    assert err == ("mediakit: error: <stdin>, row 1: malformed row: 3 fields where the header "
                   "has 2 (line 2)\n")
    path = tmp_path / "shifted.csv"
    path.write_text(shifted, encoding="utf-8")
    code, _, err = run("mentions", str(path))
    assert code == EXIT_DATA_ERROR and err == err.replace("<stdin>", str(path)) != ""
    # a cp1252 table on stdin is decoded with a warning, as a file is
    cp = "outlet,text\nThe Herald,The rebels\u2019 caf\u00e9 burned.\n".encode("cp1252")
    code = main(["kwic", "-", "--pattern", "rebel*"], stdin=_bytes_stdin(cp),
                stdout=(out_stream := io.StringIO()), stderr=(err_stream := io.StringIO()))
    assert code == EXIT_OK
    assert "<stdin>: not valid UTF-8" in err_stream.getvalue()
    assert "caf\u00e9" in out_stream.getvalue()


def test_headerless_tsv_on_stdin_with_names():
    tsv = "10/9/2023\tHarbour Courier\tMilitants fire rockets\thttps://h.example/1\n"
    code, out, err = run("mentions", "-", "--format", "tsv", "--names", "date,outlet,title,url",
                         "--lexicon", "conflict", stdin=tsv)
    assert code == EXIT_OK, err
    table = _csv(out)
    assert table["match"].tolist() == ["Militants"] and table["doc_id"].tolist() == ["stdin:1"]
    assert "1 headline record(s)" in err


@pytest.mark.parametrize(("argv", "message"), [
    (["--columns", "article_content=text"],
     "--columns: 'article_content' is not a corpus column (corpus columns: doc_id, outlet, date, "
     "title, url, text, text_source); did you mean text=article_content? (the corpus column "
     "comes first)"),
    (["--columns", "text"], "--columns: 'text' is not CORPUS=INPUT (e.g. text=article_content)"),
    (["--columns", "text=a,text=b"], "--columns names 'text' twice"),
    (["--encoding", "no-such-codec"],
     "--encoding names no encoding Python knows: 'no-such-codec' (e.g. utf-8, latin-1, cp1252)"),
    (["--date-format", "daymonth"],
     "--date-format must be 'dayfirst', 'monthfirst' or a strptime format such as '%d/%m/%Y'; "
     "got 'daymonth'"),
    (["--names", "date,,title"], "--names: 'date,,title' has an empty name; write NAME,NAME,..."),
])
def test_loading_options_are_checked_first_and_named_as_flags(corpus_csv, argv, message):
    code, out, err = run("mentions", str(corpus_csv), *argv)
    assert code == EXIT_USAGE and out == ""
    assert err == f"mediakit mentions: usage error: {message}\n"


def test_a_column_mapping_to_a_missing_column_is_one_line(corpus_csv):
    code, out, err = run("mentions", str(corpus_csv), "--columns", "text=article_content")
    assert code == EXIT_DATA_ERROR and out == ""
    assert err == ("mediakit: error: column 'article_content': --columns text=article_content: "
                   f"no input has a column 'article_content'; {corpus_csv} has 'doc_id', "
                   "'outlet', 'date', 'title', 'text'\n")


@pytest.mark.parametrize(("argv", "message"), [
    (["report", "--seed", "-1"], "--seed must be an integer from 0 to 4294967295, not -1"),
    (["report", "--n-jobs", "0"], "--n-jobs must be a positive number of processes or -1"),
    (["kwic", "--window", "-2"], "--window must be 0 or more"),
    (["audit", "--min-count", "0"], "--min-count must be 1 or more, not 0"),
])
def test_numbers_are_checked_before_any_work(corpus_csv, tmp_path, monkeypatch, argv, message):
    import mediakit.corpus

    def no_loading(*args, **kwargs):
        raise AssertionError("loaded before the options were checked")

    monkeypatch.setattr(mediakit.corpus, "_load_corpus", no_loading)
    command, *options = argv
    code, _, err = run(command, str(corpus_csv), *options, *(
        ["--out", str(tmp_path / "r")] if command == "report" else []))
    assert code == EXIT_USAGE and message in err and err.count("\n") == 1


def test_output_is_never_an_input_or_inside_one(corpus_csv, tmp_path):
    before = corpus_csv.read_bytes()
    code, _, err = run("mentions", str(corpus_csv), "--out", str(corpus_csv))
    assert code == EXIT_USAGE and "is the input" in err
    assert corpus_csv.read_bytes() == before
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.csv").write_bytes(before)
    code, _, err = run("mentions", str(folder), "--out", str(folder / "mentions.csv"))
    assert code == EXIT_USAGE and "inside the input folder" in err
    code, _, err = run("report", str(folder), "--out", str(folder / "report"))
    assert code == EXIT_USAGE and "overlap" in err
    assert sorted(p.name for p in folder.iterdir()) == ["a.csv"]  # nothing written


def test_csv_output_is_spreadsheet_safe_unless_turned_off(tmp_path):
    rows = [{**ROWS[0], "text": "=HYPERLINK(\"http://x.example\") The rebels attacked Liss."}]
    path = _write_csv(tmp_path / "formula.csv", rows)
    code, out, _ = run("mentions", str(path), "--lexicon", "conflict")
    assert code == EXIT_OK
    sentence = _csv(out)["sentence"].iloc[0]
    assert sentence.startswith("'=HYPERLINK(")
    code, out, _ = run("mentions", str(path), "--lexicon", "conflict", "--no-spreadsheet-safe")
    assert _csv(out)["sentence"].iloc[0].startswith("=HYPERLINK(")


def test_an_output_file_is_replaced_only_when_complete(corpus_csv, tmp_path, monkeypatch):
    out = tmp_path / "mentions.csv"
    out.write_text("old content\n", encoding="utf-8")
    import mediakit.mentions

    def broken(*args, **kwargs):
        raise KeyboardInterrupt  # Ctrl-C in the middle of the work

    monkeypatch.setattr(mediakit.mentions, "find_mentions", broken)
    code, _, err = run("mentions", str(corpus_csv), "--out", str(out))
    assert code == 130 and "interrupted" in err
    assert out.read_text(encoding="utf-8") == "old content\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mentions.csv", "small.csv"]


@needs_fakes
def test_fakes_report_from_stdin_mentions_the_latin1_decoding(tmp_path):
    out_dir = tmp_path / "report"
    data = FAKES.read_bytes()
    head = data[: data.index(b"\r\n", 200_000) + 2]  # about 100 articles, past the first latin-1 byte
    code = main(["report", "-", "--columns", FAKES_COLUMNS, "--encoding", "latin-1",
                 "--out", str(out_dir)], stdin=_bytes_stdin(head),
                stdout=io.StringIO(), stderr=(err := io.StringIO()))
    assert code == EXIT_OK, err.getvalue()
    page = (out_dir / "report.html").read_text(encoding="utf-8")
    assert "<stdin>: read as <b>latin-1</b>; not valid UTF-8 (first bad byte at offset " \
           "188886); decoded as latin-1, the encoding given" in page.replace(
               "&lt;", "<").replace("&gt;", ">")
    assert "0 of" in page and "articles undated" in page


def _dropping_finaliser() -> None:
    """An object whose ``__del__`` receives Ctrl-C, as a regex ``Group.__del__`` run by
    the garbage collector during an import did in a real ``mediakit report`` run."""
    import os
    import signal

    class Dropper:
        def __del__(self) -> None:
            os.kill(os.getpid(), signal.SIGINT)
            for _ in range(10_000):  # the Python-level handler runs here, inside __del__
                pass

    Dropper()  # the last reference goes at once: __del__ runs now


def test_a_ctrl_c_dropped_inside_a_finaliser_is_raised_again_at_once() -> None:
    import time

    from mediakit.cli import _Interrupt

    interrupt = _Interrupt()
    reached_the_end = False
    with pytest.raises(KeyboardInterrupt):
        with interrupt:
            _dropping_finaliser()
            stop = time.monotonic() + 20  # the work the command would have gone on with
            while time.monotonic() < stop:
                pass
            reached_the_end = True
    assert interrupt.hit and not reached_the_end


def test_without_the_redelivery_a_finaliser_drops_ctrl_c() -> None:
    # the premise of the test above: Python itself drops a KeyboardInterrupt raised in __del__
    import signal
    import sys

    raised = []

    def handler(signum: int, frame: object) -> None:
        raised.append(signum)
        raise KeyboardInterrupt

    previous, previous_hook = signal.signal(signal.SIGINT, handler), sys.unraisablehook
    dropped: list[object] = []
    sys.unraisablehook = lambda unraisable: dropped.append(unraisable.exc_type)
    try:
        _dropping_finaliser()
        for _ in range(100_000):
            pass
    finally:
        signal.signal(signal.SIGINT, previous)
        sys.unraisablehook = previous_hook
    assert raised and dropped == [KeyboardInterrupt]


def test_a_re_sent_ctrl_c_never_outlives_the_command() -> None:
    # a dropped interrupt whose re-sending is pending when the flag stops the command
    # (check) and the command ends: nothing may reach the handler restored after it
    import signal
    import time

    from mediakit.cli import _Interrupt

    received = []
    previous = signal.signal(signal.SIGINT, lambda signum, frame: received.append(signum))
    try:
        interrupt = _Interrupt()
        with pytest.raises(KeyboardInterrupt):
            with interrupt:
                _dropping_finaliser()
                interrupt.check()  # at once, before the re-sent signal (50 ms later)
        stop = time.monotonic() + 0.5
        while time.monotonic() < stop:
            pass
    finally:
        signal.signal(signal.SIGINT, previous)
    assert interrupt.hit and received == []
