"""Atomic writes and spreadsheet-safe CSV (mediakit._io)."""

from __future__ import annotations

import csv
import io
import os
import stat

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mediakit._io import (
    atomic_path,
    atomic_write_bytes,
    atomic_write_text,
    escape_cell,
    is_formula_like,
    unescape_cell,
    write_table_csv,
)


def _leftovers(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


# ------------------------------------------------------------------ atomic writes


def test_atomic_write_text_creates_and_replaces(tmp_path):
    target = tmp_path / "out.txt"
    atomic_write_text(target, "first\n")
    assert target.read_text(encoding="utf-8") == "first\n"
    atomic_write_text(target, "second\r\nline\n")
    # newline="" keeps the line endings exactly as given
    assert target.read_bytes() == b"second\r\nline\n"
    assert _leftovers(tmp_path) == []


def test_atomic_write_bytes_writes_all_bytes(tmp_path):
    target = tmp_path / "blob.bin"
    data = bytes(range(256)) * 1000
    atomic_write_bytes(target, data)
    assert target.read_bytes() == data


def test_atomic_write_keeps_the_permissions_of_the_file_it_replaces(tmp_path):
    target = tmp_path / "private.txt"
    target.write_text("old", encoding="utf-8")
    os.chmod(target, 0o640)
    atomic_write_text(target, "new")
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o640
    assert target.read_text(encoding="utf-8") == "new"


def test_a_writer_failing_midway_leaves_the_old_file_intact(tmp_path):
    target = tmp_path / "table.csv"
    target.write_text("the previous content\n", encoding="utf-8")

    with pytest.raises(RuntimeError, match="disk on fire"):
        with atomic_path(target) as tmp:
            with open(tmp, "w", encoding="utf-8") as handle:
                handle.write("half of a new ")
                handle.flush()
                assert tmp.read_text(encoding="utf-8") == "half of a new "
                raise RuntimeError("disk on fire")

    assert target.read_text(encoding="utf-8") == "the previous content\n"
    assert _leftovers(tmp_path) == []


def test_an_interrupt_midway_leaves_the_old_file_intact(tmp_path):
    target = tmp_path / "report.html"
    target.write_bytes(b"<html>old</html>")
    with pytest.raises(KeyboardInterrupt):
        with atomic_path(target) as tmp:
            tmp.write_bytes(b"<html>new, unfinished")
            raise KeyboardInterrupt
    assert target.read_bytes() == b"<html>old</html>"
    assert _leftovers(tmp_path) == []


class _Unprintable:
    """A cell pandas cannot turn into text: to_csv fails when it reaches it."""

    def __str__(self) -> str:
        raise RuntimeError("cannot format this cell")


def test_write_table_csv_failing_after_many_rows_keeps_the_old_file(tmp_path):
    target = tmp_path / "mentions.csv"
    target.write_text("doc_id,label\nold,terrorist\n", encoding="utf-8")
    cells: list[object] = [f"row {i}" for i in range(200_000)]
    cells[150_000] = _Unprintable()  # after pandas has written several chunks
    table = pd.DataFrame({"doc_id": cells})
    with pytest.raises(RuntimeError, match="cannot format"):
        write_table_csv(table, target)
    assert target.read_text(encoding="utf-8") == "doc_id,label\nold,terrorist\n"
    assert _leftovers(tmp_path) == []


def test_atomic_write_into_a_missing_folder_fails_and_creates_nothing(tmp_path):
    with pytest.raises(FileNotFoundError):
        atomic_write_text(tmp_path / "no" / "such" / "file.txt", "x")
    assert list(tmp_path.iterdir()) == []


def test_atomic_write_refuses_a_folder_and_wrong_types(tmp_path):
    with pytest.raises(IsADirectoryError):
        atomic_write_text(tmp_path, "x")
    with pytest.raises(TypeError, match="bytes"):
        atomic_write_bytes(tmp_path / "a", "text")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="str"):
        atomic_write_text(tmp_path / "a", b"bytes")  # type: ignore[arg-type]
    assert list(tmp_path.iterdir()) == []


# -------------------------------------------------------------- spreadsheet safety


@pytest.mark.parametrize(
    ("cell", "escaped"),
    [
        ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
        ("+1", "'+1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("-x", "'-x"),
        ("-1+HYPERLINK(1)", "'-1+HYPERLINK(1)"),
        ("--", "'--"),
        ("-", "'-"),
        ("'=1", "''=1"),
        ("''@x", "'''@x"),
        # left alone
        ("-12", "-12"),
        ("-0.5", "-0.5"),
        ("-.5", "-.5"),
        ("-1e-3", "-1e-3"),
        ("'hello", "'hello"),
        ("'", "'"),
        ("", ""),
        ("a=b", "a=b"),
        (" =1", " =1"),
        ("rebels", "rebels"),
    ],
)
def test_escape_cell_cases(cell, escaped):
    assert escape_cell(cell) == escaped
    assert unescape_cell(escaped) == cell


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("'=+-@\t\r 0123456789.eE-ax")), max_size=8))
def test_unescape_undoes_escape_on_every_string(cell):
    escaped = escape_cell(cell)
    assert unescape_cell(escaped) == cell
    # nothing a spreadsheet would run is left
    assert not is_formula_like(escaped)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=20))
def test_unescape_undoes_escape_on_any_text(cell):
    assert unescape_cell(escape_cell(cell)) == cell


def test_write_table_csv_escapes_text_cells_only_and_does_not_mutate(tmp_path):
    table = pd.DataFrame(
        {
            "title": ["=cmd|' /C calc'!A0", "-2", "plain", None, "@import"],
            "n": [-3, 4, 5, 6, 7],
            "score": [-0.5, np.nan, 1.0, 2.0, 3.0],
            "=bad header": ["+x", "ok", "ok", "ok", "ok"],
        }
    )
    before = table.copy(deep=True)
    target = tmp_path / "t.csv"
    write_table_csv(table, target)
    pd.testing.assert_frame_equal(table, before)

    with open(target, encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["title", "n", "score", "'=bad header"]
    assert rows[1] == ["'=cmd|' /C calc'!A0", "-3", "-0.5", "'+x"]
    assert rows[2] == ["-2", "4", "", "ok"]
    assert rows[4] == ["", "6", "2.0", "ok"]
    assert rows[5][0] == "'@import"

    # Reading back and undoing the guard restores every text cell.
    back = pd.read_csv(target, dtype={"title": object, "'=bad header": object})
    restored = back["title"].map(lambda v: unescape_cell(v) if isinstance(v, str) else v)
    assert restored.tolist()[:3] == ["=cmd|' /C calc'!A0", "-2", "plain"]
    assert [unescape_cell(c) for c in back.columns] == list(table.columns)


def test_write_table_csv_to_a_buffer_and_unsafe_mode():
    table = pd.DataFrame({"a": ["=1", "b"]})
    safe = io.StringIO()
    write_table_csv(table, safe)
    assert safe.getvalue() == "a\n'=1\nb\n"
    raw = io.StringIO()
    write_table_csv(table, raw, spreadsheet_safe=False)
    assert raw.getvalue() == "a\n=1\nb\n"


def test_write_table_csv_index_and_categorical_columns():
    table = pd.DataFrame(
        {"voice": pd.Categorical(["quote", "=x"])}, index=pd.Index(["+i", "j"], name="id")
    )
    out = io.StringIO()
    write_table_csv(table, out, index=True)
    assert out.getvalue() == "id,voice\n'+i,quote\nj,'=x\n"


def test_write_table_csv_rejects_options_it_sets_itself(tmp_path):
    with pytest.raises(TypeError, match="mode"):
        write_table_csv(pd.DataFrame({"a": [1]}), tmp_path / "x.csv", mode="a")
    with pytest.raises(TypeError, match="DataFrame"):
        write_table_csv([1, 2], tmp_path / "x.csv")  # type: ignore[arg-type]
