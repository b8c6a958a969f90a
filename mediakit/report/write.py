"""Writing a report folder: CSV tables, PNG figures and the HTML page, all or nothing.

The folder is written as a whole: every file goes into a temporary folder beside
``out_dir`` (``.NAME.tmp-XXXX``), a completion marker is written last, and only
then is the temporary folder renamed to ``out_dir``; a previous report in
``out_dir`` is moved aside first and removed once the new one is in place. A run
that fails or is interrupted (Ctrl-C) removes its temporary folder and leaves the
previous report exactly as it was. A folder that holds anything other than a
mediakit report is never replaced: the run stops before any work, naming the
files it would have lost.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import os
import secrets
import shutil
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..errors import InvalidParameterError
from ..lexicon import LexiconLike
from .build import Report, build_report
from .figures import draw_figure
from .render import render_html

__all__ = ["COMPLETE_MARKER", "ReportPaths", "write_report"]

#: The file written last into a report folder: its presence means the folder is a
#: complete mediakit report. It lists every other file with its SHA-256.
COMPLETE_MARKER = ".mediakit-report"
# What a report folder written before the marker existed holds.
_REPORT_ENTRIES = {"report.html", "tables", "figures"}


@dataclass(frozen=True)
class ReportPaths:
    """Where :func:`write_report` wrote its files.

    ``out_dir`` is the folder, ``html`` the report page, ``tables`` maps a table name
    (see :data:`mediakit.report.TABLE_FILES`) to its CSV file and ``figures`` a figure
    name (see :data:`mediakit.report.FIGURE_FILES`) to its PNG file. Only files
    actually written are listed (no ``skipped`` table when nothing was skipped, no
    time figure without dates).
    """

    out_dir: Path
    html: Path
    tables: dict[str, Path] = field(default_factory=dict)
    figures: dict[str, Path] = field(default_factory=dict)


# --------------------------------------------------------------------------- folder


def _foreign_entries(folder: Path) -> list[str]:
    """Entries of an existing ``folder`` that a mediakit report does not hold."""
    entries = sorted(p.name for p in folder.iterdir())
    if not entries or COMPLETE_MARKER in entries:
        return []
    foreign = [name for name in entries if name not in _REPORT_ENTRIES]
    for sub, suffix in (("tables", ".csv"), ("figures", ".png")):
        path = folder / sub
        if path.is_dir():
            foreign += [f"{sub}/{p.name}" for p in sorted(path.iterdir())
                        if not (p.is_file() and p.suffix == suffix)]
        elif path.exists():
            foreign.append(sub)
    return foreign


def check_out_dir(out_dir: str | os.PathLike[str]) -> Path:
    """``out_dir`` as a Path, if a report may be written there; else a clear error.

    A report may replace a folder that does not exist yet, an empty folder, or an
    earlier mediakit report (a folder with the completion marker, or one holding
    only ``report.html``, ``tables/*.csv`` and ``figures/*.png``).

    Raises
    ------
    InvalidParameterError
        ``out_dir`` is a file, or a folder holding anything else (listed).
    """
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise InvalidParameterError(f"write_report: out_dir {str(out)!r} is a file, not a folder")
    if out.is_dir():
        foreign = _foreign_entries(out)
        if foreign:
            shown = ", ".join(foreign[:5]) + (f" and {len(foreign) - 5} more"
                                              if len(foreign) > 5 else "")
            raise InvalidParameterError(
                f"write_report: out_dir {str(out)!r} holds files that are not part of a "
                f"mediakit report ({shown}); the report replaces its folder as a whole, "
                "so choose a new or empty folder"
            )
    return out


def _manifest(folder: Path) -> str:
    lines = ["mediakit report: complete", ""]
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        lines.append(f"{digest}  {path.relative_to(folder).as_posix()}")
    return "\n".join(lines) + "\n"


def _sibling(out: Path, kind: str) -> Path:
    """A free hidden name beside ``out`` (``.NAME.KIND-XXXXXXXXXXXX``)."""
    while True:
        path = out.parent / f".{out.name}.{kind}-{secrets.token_hex(6)}"
        if not os.path.lexists(path):
            return path


@contextlib.contextmanager
def _replacing(out: Path) -> Iterator[Path]:
    """A new folder beside ``out`` that replaces it when the block succeeds.

    The folder is created like any new folder (permissions from the umask). On
    success the completion marker is written into it, the previous ``out`` (if any)
    is renamed aside, the new folder renamed to ``out`` and the previous one
    removed. On any failure or interruption the new folder is removed and ``out``
    keeps (or gets back) its previous content.
    """
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = _sibling(out, "tmp")
    staging.mkdir()
    old: Path | None = None
    try:
        yield staging
        (staging / COMPLETE_MARKER).write_text(_manifest(staging), encoding="utf-8",
                                               newline="\n")
        if out.exists():
            old = _sibling(out, "old")
            os.replace(out, old)
        os.replace(staging, out)
    except BaseException:
        if old is not None and not out.exists():
            os.replace(old, out)  # put the previous report back
            old = None
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)


# --------------------------------------------------------------------------- files


def _write_tables(report: Report, folder: Path) -> list[str]:
    from .._io import write_table_csv

    folder.mkdir()
    for name, table in report.tables.items():
        if name == "mentions" and "sentence" not in table.columns and "sentences" in report.tables:
            # the analysis's mentions point at their sentence; the CSV carries its
            # text (and the masked text), joined only now
            from ..mentions import mention_sentences

            table = mention_sentences(table, report.tables["sentences"], masked=True,
                                      lexicon=report.lexicon)
        write_table_csv(pd.DataFrame(table), folder / f"{name}.csv")
    return list(report.tables)


def _draw(report: Report, folder: Path) -> tuple[dict[str, str], list[str]]:
    """Draw every figure into ``folder``; their data URIs and the warnings raised."""
    folder.mkdir()
    uris: dict[str, str] = {}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for name, spec in report.figures.items():
            data = draw_figure(spec)
            (folder / f"{name}.png").write_bytes(data)
            uris[name] = "data:image/png;base64," + base64.b64encode(data).decode("ascii")
    messages: list[str] = []
    for w in caught:
        text = " ".join(str(w.message).split())
        if text not in messages:
            messages.append(text)
    return uris, messages


def write_report(
    corpus: pd.DataFrame,
    *,
    lexicon: LexiconLike | None = None,
    out_dir: str | os.PathLike[str],
    actor: str | None = None,
    seed: int = 0,
    n_jobs: int = 1,
    progress: bool = False,
    coded: pd.DataFrame | str | os.PathLike[str] | None = None,
) -> ReportPaths:
    """Analyse ``corpus`` and write CSV tables, PNG figures and one HTML report.

    :func:`mediakit.report.build_report` computes the content; this function draws
    its figures, renders the page and writes the folder::

        report.html        one self-contained page (figures inline, no external files)
        tables/*.csv       every table the page shows, in full (TABLE_FILES)
        figures/*.png      every figure the page shows (FIGURE_FILES)
        .mediakit-report   completion marker: every file above with its SHA-256

    Parameters
    ----------
    corpus : DataFrame
        The corpus table (:func:`mediakit.load_corpus`); never modified.
    lexicon : Lexicon, str, path or mapping, optional
        As in :func:`mediakit.report.build_report`; None: the bundled default
        (``"conflict"``). For the bundled sample pass ``"marenna"``.
    out_dir : str or path
        The report folder. It is written as a whole (see :mod:`mediakit.report.write`):
        a new folder, an empty one, or an earlier report, which is replaced only once
        the new report is complete. A folder holding other files is refused before
        any work is done.
    actor : str, optional
        The actor compared; None: the lexicon's first actor with a mention.
    seed : int
        Seed of every bootstrap and permutation test.
    n_jobs, progress : int, bool, default 1, False
        As in :func:`mediakit.report.build_report`.
    coded : DataFrame, str or path, optional
        A filled coding sheet of this corpus: the page gets its Validation section
        and ``tables/validation.csv`` (see :func:`mediakit.report.build_report`).
        Without one, the section says how to make and fill one.

    Returns
    -------
    ReportPaths
        The folder, the HTML file and every CSV and PNG written.

    Notes
    -----
    The output is deterministic: no timestamps, a fixed seed, tables in a fixed order
    and PNG files without date or version metadata, so two runs on the same input
    give identical CSV and HTML files (PNG bytes can differ between matplotlib
    versions). Text cells a spreadsheet could run as a formula (``=``, ``+``, ``@``,
    ``-`` before a letter) get a leading ``'`` in the CSV files
    (:func:`mediakit._io.write_table_csv`); the page shows them as written. Warnings raised by the analysis and
    the figures are issued again and listed in the page's method notes.
    """
    return _write_report(corpus, lexicon=lexicon, out_dir=out_dir, actor=actor, seed=seed,
                         n_jobs=n_jobs, progress=progress, coded=coded, stacklevel=3)


def _write_report(
    corpus: pd.DataFrame,
    *,
    lexicon: LexiconLike | None,
    out_dir: str | os.PathLike[str],
    actor: str | None,
    seed: int,
    n_jobs: int,
    progress: bool,
    coded: pd.DataFrame | str | os.PathLike[str] | None,
    before_commit: Callable[[], None] | None = None,
    stacklevel: int = 2,
) -> ReportPaths:
    """:func:`write_report`; ``before_commit`` (the command line's Ctrl-C check) runs
    after the analysis and again just before the new folder replaces ``out_dir``: an
    exception it raises leaves ``out_dir`` as it was. The command line needs it because
    Python can swallow a KeyboardInterrupt raised inside a worker pool's clean-up, and
    a report must not be committed once Ctrl-C was pressed."""
    check = before_commit or (lambda: None)
    out = check_out_dir(out_dir)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        report = build_report(corpus, lexicon=lexicon, actor=actor, seed=seed,
                              n_jobs=n_jobs, progress=progress, coded=coded)
    check()
    # A link to a report folder stays a link: the folder it points to is replaced.
    with _replacing(out.resolve() if out.is_symlink() else out) as staging:
        tables = _write_tables(report, staging / "tables")
        uris, drawing = _draw(report, staging / "figures")
        messages = list(report.warnings) + [m for m in drawing if m not in report.warnings]
        page = render_html(_with_warnings(report, messages), uris)
        (staging / "report.html").write_text(page, encoding="utf-8", newline="\n")
        check()
    for message in dict.fromkeys([" ".join(str(w.message).split()) for w in caught] + messages):
        warnings.warn(message, stacklevel=stacklevel)
    return ReportPaths(
        out_dir=out, html=out / "report.html",
        tables={name: out / "tables" / f"{name}.csv" for name in tables},
        figures={name: out / "figures" / f"{name}.png" for name in uris},
    )


def _with_warnings(report: Report, messages: list[str]) -> Report:
    from dataclasses import replace

    return replace(report, warnings=tuple(messages))
