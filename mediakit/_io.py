"""Writing files safely: atomic replacement and spreadsheet-safe CSV.

Two promises every mediakit writer should keep, gathered here so each writer keeps
them the same way:

* **Nothing half-written.** :func:`atomic_write_bytes`, :func:`atomic_write_text` and
  :func:`atomic_path` write into a temporary file in the destination's own folder,
  flush it to disk and only then rename it over the destination (``os.replace``, atomic
  on POSIX and Windows within one file system). If anything fails or the process is
  interrupted before the rename, the previous file is untouched and the temporary
  file is removed (a SIGKILL can leave a ``.NAME.*.tmp`` file behind, never a
  truncated ``NAME``).
* **No formulas from data.** A spreadsheet opening a CSV runs a cell as a formula when
  it starts with ``=``, ``+``, ``-`` or ``@`` (and some also after a tab or carriage
  return), so an article title such as ``=HYPERLINK(...)`` could act on a reader's
  machine (OWASP calls this CSV injection). :func:`write_table_csv` therefore prefixes
  such text cells with an apostrophe ``'``, which spreadsheets read as "this cell is
  text" and do not display. Text that is a plain negative number (``-12``, ``-0.5``)
  is left alone, and numeric columns are never changed. :func:`escape_cell` and
  :func:`unescape_cell` are exact inverses on every string, so a reader can restore
  the original cells (see their docstrings).
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import pandas as pd

__all__ = [
    "atomic_path",
    "atomic_write_bytes",
    "atomic_write_text",
    "escape_cell",
    "is_formula_like",
    "unescape_cell",
    "write_table_csv",
]

# --------------------------------------------------------------------------- atomic


def _fsync_folder(folder: Path) -> None:
    """Make a rename inside ``folder`` durable (POSIX only; a no-op elsewhere)."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # some file systems do not let a folder be opened
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _new_temporary(target: Path) -> tuple[Path, int]:
    """Create an empty temporary file beside ``target``; return its path and descriptor.

    The file is created with mode 0o666 filtered by the umask (like any new file), or
    with the permissions of ``target`` when it already exists, so replacing a file
    does not change who may read it.
    """
    folder = target.parent
    for _ in range(100):
        candidate = folder / f".{target.name}.{secrets.token_hex(6)}.tmp"
        try:
            fd = os.open(candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            continue
        try:
            mode = stat.S_IMODE(os.stat(target).st_mode)
        except OSError:
            mode = None
        if mode is not None:
            with contextlib.suppress(OSError):
                os.chmod(candidate, mode)
        return candidate, fd
    raise FileExistsError(f"could not create a temporary file beside {target}")


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike[str]) -> Iterator[Path]:
    """Give a temporary path to write to; it replaces ``path`` only on success.

    Use it for libraries that write to a path themselves (``DataFrame.to_parquet``,
    ``Figure.savefig``, ``Workbook.save``)::

        with atomic_path("table.parquet") as tmp:
            frame.to_parquet(tmp)

    Parameters
    ----------
    path : str or os.PathLike
        The destination. Its folder must exist.

    Yields
    ------
    pathlib.Path
        An empty temporary file in the same folder. When the block ends without an
        exception, the file is flushed to disk and renamed over ``path``; when it
        raises (``KeyboardInterrupt`` included), the temporary file is removed and
        ``path`` keeps its previous content.
    """
    target = Path(path)
    if target.is_dir():
        raise IsADirectoryError(f"{target} is a folder, not a file")
    tmp, fd = _new_temporary(target)
    os.close(fd)
    try:
        yield tmp
        # The writer may have replaced or closed the file in its own way; flush what
        # is there now.
        with open(tmp, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_folder(target.parent)


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` atomically: all of it, or the old file unchanged.

    Parameters
    ----------
    path : str or os.PathLike
        The destination file; its folder must exist.
    data : bytes
        The complete new content.

    Notes
    -----
    The bytes go to a temporary file in the same folder, which is fsynced and then
    renamed over ``path`` with ``os.replace``; on any failure the temporary file is
    removed and the exception propagates.
    """
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError(f"data must be bytes, got {type(data).__name__}")
    with atomic_path(path) as tmp:
        with open(tmp, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())


def atomic_write_text(
    path: str | os.PathLike[str],
    data: str,
    *,
    encoding: str = "utf-8",
    newline: str | None = "",
) -> None:
    """Write the string ``data`` to ``path`` atomically (see :func:`atomic_write_bytes`).

    Parameters
    ----------
    path : str or os.PathLike
        The destination file; its folder must exist.
    data : str
        The complete new content.
    encoding : str, default "utf-8"
        How the text is encoded.
    newline : str or None, default ""
        As for :func:`open`: the default writes line endings exactly as they are in
        ``data``; ``None`` translates ``"\\n"`` to the platform's line separator, and
        any other string replaces ``"\\n"`` with itself.
    """
    if not isinstance(data, str):
        raise TypeError(f"data must be a str, got {type(data).__name__}")
    if newline is None and os.linesep != "\n":
        data = data.replace("\n", os.linesep)
    elif newline:
        data = data.replace("\n", newline)
    atomic_write_bytes(path, data.encode(encoding))


# -------------------------------------------------------------- spreadsheet safety

# A plain number: what a spreadsheet would read as a negative number, not a formula.
_NUMBER_RE = re.compile(r"-(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
_FORMULA_FIRST = frozenset("=+-@\t\r")


def is_formula_like(text: str) -> bool:
    """Whether a spreadsheet could run ``text`` as a formula when it is a CSV cell.

    True when ``text`` starts with ``=``, ``+``, ``@``, a tab or a carriage return, or
    with ``-`` unless the whole text is a plain number (``-12``, ``-0.5``, ``-1e3``).
    ``-`` followed by anything else (``-x``, ``-1+2``, ``--``) counts as formula-like,
    a little wider than "``-`` followed by a non-digit" because ``-1+HYPERLINK(...)``
    is a formula too.
    """
    if not text or text[0] not in _FORMULA_FIRST:
        return False
    return text[0] != "-" or _NUMBER_RE.fullmatch(text) is None


def escape_cell(text: str) -> str:
    """``text`` with an apostrophe in front when a spreadsheet could run it as a formula.

    The rule looks past apostrophes already at the start: ``text`` is prefixed when
    ``text.lstrip("'")`` is formula-like (:func:`is_formula_like`). So ``"=1"``
    becomes ``"'=1"`` and ``"'=1"`` becomes ``"''=1"``, while ``"'hello"`` and
    ``"-5"`` are unchanged. This makes :func:`unescape_cell` an exact inverse on
    every string.
    """
    return "'" + text if is_formula_like(text.lstrip("'")) else text


def unescape_cell(text: str) -> str:
    """Undo :func:`escape_cell`: drop one leading apostrophe that guards a formula.

    Exactly the cells :func:`escape_cell` changed start with ``'`` and are
    formula-like once their leading apostrophes are removed; those lose one
    apostrophe, every other string is returned unchanged. So
    ``unescape_cell(escape_cell(s)) == s`` for every string ``s``. Apply it only to
    files written with ``spreadsheet_safe=True``.
    """
    if text.startswith("'") and is_formula_like(text.lstrip("'")):
        return text[1:]
    return text


def _escape_values(values: pd.Series) -> pd.Series:
    """Escape the string cells of one column; other values (numbers, NA) unchanged."""
    array = values.tolist()  # NA cells stay NA (never str) and are left alone
    changed = False
    out: list[Any] = []
    for value in array:
        if isinstance(value, str):
            escaped = escape_cell(value)
            changed = changed or escaped is not value
            out.append(escaped)
        else:
            out.append(value)
    if not changed:
        return values
    return pd.Series(out, index=values.index, dtype=object, name=values.name)


def _spreadsheet_safe_frame(table: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``table`` whose text cells, labels and index are escaped."""
    columns: dict[Any, pd.Series] = {}
    for position in range(table.shape[1]):
        column = table.iloc[:, position]
        kind = column.dtype.kind
        if kind in "biufcmM":  # numbers, booleans and dates never hold formulas
            columns[position] = column
        else:
            columns[position] = _escape_values(column)
    out = pd.DataFrame(columns, index=table.index)
    out.columns = pd.Index(
        [escape_cell(c) if isinstance(c, str) else c for c in table.columns], dtype=object
    )
    if table.index.dtype.kind not in "biufcmM":
        out.index = pd.Index(
            [escape_cell(v) if isinstance(v, str) else v for v in table.index],
            name=table.index.name,
            dtype=object,
        )
    return out


def write_table_csv(
    table: pd.DataFrame,
    path_or_buffer: str | os.PathLike[str] | IO[str],
    *,
    spreadsheet_safe: bool = True,
    index: bool = False,
    encoding: str = "utf-8",
    **to_csv_options: Any,
) -> None:
    """Write a table as CSV, safe to open in a spreadsheet, atomically when given a path.

    Parameters
    ----------
    table : pandas.DataFrame
        The table to write; it is not modified.
    path_or_buffer : str, os.PathLike or text file object
        A path is written atomically (the old file stays intact if writing fails);
        an open text stream (``sys.stdout``, ``io.StringIO``) is written to directly.
    spreadsheet_safe : bool, default True
        Prefix with ``'`` every text cell (and column name or index label) that a
        spreadsheet could run as a formula: cells starting with ``=``, ``+``, ``@``, a
        tab or a carriage return, or ``-`` unless the cell is a plain number (see
        :func:`escape_cell`). Spreadsheets hide the apostrophe and show the text as
        written; other programs see it, and :func:`unescape_cell` removes exactly
        the apostrophes added here. Numeric, boolean and date columns are never
        changed. Turn it off only for files no person will open in a spreadsheet.
    index : bool, default False
        Write the index as the first column(s).
    encoding : str, default "utf-8"
        Encoding used when writing to a path.
    **to_csv_options
        Passed on to :meth:`pandas.DataFrame.to_csv` (``float_format``,
        ``date_format``, ``na_rep``, ...). Lines end with ``"\\n"`` unless
        ``lineterminator`` says otherwise.
    """
    if not isinstance(table, pd.DataFrame):
        raise TypeError(f"table must be a pandas DataFrame, got {type(table).__name__}")
    for reserved in ("path_or_buf", "index", "encoding", "mode"):
        if reserved in to_csv_options:
            raise TypeError(f"write_table_csv() does not take {reserved!r} as a to_csv option")
    frame = _spreadsheet_safe_frame(table) if spreadsheet_safe else table
    to_csv_options.setdefault("lineterminator", "\n")
    if isinstance(path_or_buffer, (str, os.PathLike)):
        # Streamed into the temporary file: a large table is never held twice as text.
        with atomic_path(path_or_buffer) as tmp:
            frame.to_csv(tmp, index=index, encoding=encoding, **to_csv_options)
    else:
        frame.to_csv(path_or_buffer, index=index, **to_csv_options)
