"""The ``mediakit`` command: the whole analysis from the shell.

``mediakit report`` writes CSV tables, PNG figures and a self-contained HTML report;
the other subcommands write one CSV table each to stdout (or ``--out FILE``) so they
compose in pipes::

    mediakit report                          # the bundled sample, into ./mediakit-report
    mediakit report articles/ --out out/     # your corpus
    mediakit mentions articles/ --voice narration > mentions.csv
    cat corpus.csv | mediakit kwic - --pattern 'rebel*'

Exit codes: 0 success, 1 data error (one line naming the file and record; a traceback
only with ``--debug``), 2 usage error (every option is checked before any file is read
or any work is done), 130 interrupted (Ctrl-C: the command stops and leaves no partial
output; an earlier output file keeps its content). Warnings from the library are
printed on stderr as ``mediakit: warning: ...`` lines (none with ``--quiet``), and
every command that loads a corpus prints one ``mediakit: loaded ...`` line summarising
its load log (see ``mediakit.load_log``).

Loading someone else's table::

    mediakit report FA-KES.csv --columns text=article_content,title=article_title,outlet=source
    cat export.csv | mediakit mentions - --encoding latin-1 --date-format monthfirst
    mediakit report headlines.tsv --format tsv --names date,outlet,title,url

``--columns CORPUS=INPUT,...`` names, for corpus columns (``doc_id, outlet, date,
title, url, text``), the input columns that hold them. Standard input (``-``) is read
like a file (CSV unless ``--format`` says otherwise), with the same decoding,
``--encoding`` and checks.

Output files (``--out FILE``) are written to a temporary file and renamed into place
when complete, and are never one of the inputs (or, for ``report``, inside an input
folder): that is refused before any work. CSV output is spreadsheet-safe by default:
a text cell that a spreadsheet would run as a formula (starting with ``=``, ``+``,
``@``, a tab or a carriage return, or ``-`` when it is not a number) gets a ``'`` in
front, which spreadsheets hide; ``--no-spreadsheet-safe`` writes cells exactly as they
are (for programs that read the CSV, not people).
"""

from __future__ import annotations

import _thread
import argparse
import contextlib
import os
import signal
import sys
import tempfile
import textwrap
import threading
import warnings
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, TextIO

import pandas as pd

from .errors import CorpusError, CorpusWarning, MediakitError

__all__ = ["main", "build_parser", "EXIT_OK", "EXIT_DATA_ERROR", "EXIT_USAGE",
           "EXIT_INTERRUPTED"]

EXIT_OK = 0
EXIT_DATA_ERROR = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130

_STDIN_NAME = "<stdin>"
_DATAFRAME_NAME = "<DataFrame>"  # what load_corpus calls an in-memory table


class _UsageError(Exception):
    """A problem with the command line itself (exit code 2)."""


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser that writes help and usage errors to the streams main() got."""

    out: TextIO | None = None
    err: TextIO | None = None

    def _print_message(self, message: str, file: Any = None) -> None:
        if not message:
            return
        if file is None or file is sys.stderr:
            file = self.err or sys.stderr
        elif file is sys.stdout:
            file = self.out or sys.stdout
        file.write(message)


_EPILOG = """\
exit codes: 0 success, 1 data error (the message names the file and record),
2 usage error. Add --debug (before or after the command) for a traceback."""


def _add_corpus_args(parser: argparse.ArgumentParser, *, positional: bool = True) -> None:
    group = parser.add_argument_group("input")
    if positional:
        group.add_argument(
            "corpus",
            nargs="*",
            metavar="CORPUS",
            help=(
                "files or folders to load (anything load_corpus reads: .txt/.md articles, "
                "CSV/TSV/JSON/JSONL tables, HTML pages, RSS/Atom feeds); '-' reads standard "
                "input like a file (a CSV table unless --format says otherwise); none: the "
                "bundled sample corpus"
            ),
        )
    else:  # a command whose positional arguments are something else (validate)
        group.add_argument(
            "--corpus", action="append", default=[], metavar="PATH",
            help="a file or folder of the corpus (repeatable; options below as for CORPUS)",
        )
    group.add_argument(
        "--format",
        choices=["text", "markdown", "csv", "tsv", "json", "jsonl", "html", "feed"],
        help="input format, when the file names do not tell",
    )
    group.add_argument(
        "--columns", metavar="CORPUS=INPUT,...",
        help="which input columns hold the corpus columns, e.g. "
        "text=article_content,title=article_title,outlet=source (corpus columns: "
        "doc_id, outlet, date, title, url, text); common names such as content, body, "
        "headline, publisher, source, publish_date are recognised without it",
    )
    group.add_argument(
        "--names", metavar="NAME,...",
        help="column names of a CSV/TSV file without a header line, e.g. "
        "date,outlet,title,url (every line is then data)",
    )
    group.add_argument(
        "--outlet", metavar="NAME",
        help="outlet name for articles whose input gives none (a folder of .txt files, a "
        "table without an outlet column); articles that name their outlet keep it. It "
        "does not select articles: every outlet of the input is loaded")
    group.add_argument(
        "--encoding",
        help="text encoding of inputs that are not UTF-8, files and standard input alike "
        "(default: detected, with a warning)",
    )
    group.add_argument(
        "--date-format", metavar="FORMAT",
        help="dayfirst, monthfirst, or a strptime format such as '%%d %%b %%Y' "
        "(default: each date column's day/month order is inferred from all its values)",
    )
    group.add_argument(
        "--duplicate-ids", choices=["suffix", "keep_first", "raise"], default="suffix",
        help="a repeated doc_id: keep every copy with a #2, #3 suffix (default), keep "
        "the first only, or stop with an error",
    )
    group.add_argument(
        "--skip-bad",
        action="store_true",
        help="skip bad records (each listed on stderr) instead of stopping at the first",
    )


def _add_lexicon_arg(parser: Any) -> None:
    from .lexicon import DEFAULT_LEXICON
    from .lexicon import SAMPLE_LEXICON as _SAMPLE_LEXICON

    parser.add_argument(
        "--lexicon",
        metavar="NAME|FILE",
        help="a bundled lexicon (see 'mediakit lexicons') or a YAML/JSON lexicon file; "
        f"default: {_SAMPLE_LEXICON!r} (written for it) with the sample corpus, "
        f"else {DEFAULT_LEXICON!r}",
    )


def _add_out_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--out", metavar="FILE",
        help="write the CSV here instead of stdout (written whole or not at all; never "
        "one of the inputs)",
    )
    parser.add_argument(
        "--spreadsheet-safe", action=argparse.BooleanOptionalAction, default=True,
        help="prefix a ' to text cells a spreadsheet would run as a formula (=, +, @, "
        "-x, tab); on by default, --no-spreadsheet-safe writes cells as they are",
    )


def _add_voice_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--voice",
        choices=["all", "narration", "quote", "scare_quote"],
        default="all",
        help="keep only mentions in this voice: narration is the outlet's own words "
        "(default: all)",
    )


def _wrap(description: str) -> str:
    """Wrap prose paragraphs to 78 columns; keep 'example:' blocks as written."""
    return "\n\n".join(
        block if block.startswith("example") else textwrap.fill(" ".join(block.split()), 78)
        for block in description.split("\n\n")
    )


def _add_global_args(parser: argparse.ArgumentParser, *, default: Any) -> None:
    parser.add_argument(
        "--debug", action="store_true", default=default, help="show a traceback on errors"
    )
    parser.add_argument(
        "--quiet", action="store_true", default=default,
        help="no progress bar, warnings or notes on stderr",
    )


def _global_options() -> argparse.ArgumentParser:
    """--debug and --quiet for every sub-command, so they work after it too.

    Their default is SUPPRESS: a sub-command that is not given them leaves the
    top-level value (given before the command, else False) as it is.
    """
    common = argparse.ArgumentParser(add_help=False)
    _add_global_args(common, default=argparse.SUPPRESS)
    return common


def _subparser(sub: Any, name: str, help_text: str, description: str) -> argparse.ArgumentParser:
    return sub.add_parser(
        name,
        help=help_text,
        description=_wrap(description),
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        parents=[_global_options()],
    )


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``mediakit`` command.

    Returns
    -------
    argparse.ArgumentParser
        One sub-command per task (``mediakit --help`` lists them).
    """
    from . import __version__
    from .lexicon import SAMPLE_LEXICON as _SAMPLE_LEXICON

    parser = _Parser(
        prog="mediakit",
        description=(
            "How do different news outlets describe the same actors? Find every label\n"
            "for each actor, tell the outlet's own voice from quoted speakers, score\n"
            "the tone around each mention and compare outlets.\n\n"
            "Start with:  mediakit report   (the bundled sample; open the HTML it writes)"
        ),
        epilog=_EPILOG + "\nRun 'mediakit COMMAND --help' for each command's options.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"mediakit {__version__}")
    _add_global_args(parser, default=False)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    report = _subparser(
        sub, "report",
        "the whole analysis: CSV tables, PNG figures and one HTML report",
        "Run the whole analysis and write tidy CSV tables (tables/), PNG figures "
        "(figures/) and one self-contained HTML report (report.html) into --out.\n"
        f"With no CORPUS: the bundled sample corpus and its lexicon ({_SAMPLE_LEXICON}).\n\n"
        "example:\n  mediakit report articles/ --lexicon my_lexicon.yaml --out out/",
    )
    _add_corpus_args(report)
    _add_lexicon_arg(report)
    report.add_argument(
        "--out", metavar="DIR", default="mediakit-report",
        help="output folder, created if needed (default: %(default)s)",
    )
    report.add_argument(
        "--actor", help="the actor whose labels are compared (default: the lexicon's first)"
    )
    report.add_argument("--seed", type=int, default=0, help="bootstrap seed (default: 0)")
    report.add_argument(
        "--n-jobs", type=int, default=1, metavar="N",
        help="worker processes for the analysis, -1 for all cores (default: 1)",
    )
    report.add_argument(
        "--coded", metavar="SHEET",
        help="a coding sheet of this corpus filled in by people (from 'mediakit "
        "coding-sheet'; .csv or .xlsx): the report gets a Validation section with "
        "mediakit's accuracy against it and tables/validation.csv",
    )

    mentions = _subparser(
        sub, "mentions",
        "every label occurrence as CSV",
        "Write the mentions table as CSV: one row per label occurrence with its actor, "
        "label, matched text, character offsets, sentence, voice and speaker.\n\n"
        "example:\n  mediakit mentions articles/ --voice narration --out mentions.csv",
    )
    _add_corpus_args(mentions)
    _add_lexicon_arg(mentions)
    _add_voice_arg(mentions)
    mentions.add_argument("--actor", help="keep only this actor's mentions")
    mentions.add_argument(
        "--tone", action="store_true",
        help="add VADER tone columns (compound, compound_masked, label_valence, "
        "sentence_masked); slower",
    )
    _add_out_arg(mentions)

    kwic = _subparser(
        sub, "kwic",
        "keywords in context as CSV",
        "Write each match with its left and right context as CSV (keyword in context). "
        "Search for --pattern globs or for every label of a lexicon (default).\n\n"
        "example:\n  mediakit kwic articles/ --pattern 'rebel*' --pattern 'opposition forces'",
    )
    _add_corpus_args(kwic)
    target = kwic.add_mutually_exclusive_group()
    target.add_argument(
        "--pattern", action="append", metavar="GLOB",
        help="a token glob or phrase such as 'terrorist*' or 'opposition forces' "
        "(repeatable)",
    )
    _add_lexicon_arg(target)
    kwic.add_argument("--window", type=int, default=5, help="words each side (default: 5)")
    kwic.add_argument(
        "--unit", choices=["words", "sentence"], default="words",
        help="context: --window words, or the rest of the sentence (default: words)",
    )
    _add_voice_arg(kwic)
    _add_out_arg(kwic)

    lexicons = _subparser(
        sub, "lexicons",
        "list the bundled lexicons, or show one as a table",
        "Without NAME: the bundled lexicons (name, description, counts, file). With a "
        "NAME or FILE: that lexicon's patterns, one row each.\n\n"
        "example:\n  mediakit lexicons conflict",
    )
    lexicons.add_argument("name", nargs="?", metavar="NAME|FILE", help="show this lexicon")
    _add_out_arg(lexicons)

    audit = _subparser(
        sub, "audit",
        "words that look like a lexicon pattern's variants but are not matched",
        "Check a lexicon against a corpus: words and phrases that look like variants "
        "of a pattern (spelling, hyphenation, inflection) but are not matched, with "
        "counts and an example. Fix the lexicon before trusting its counts.",
    )
    _add_corpus_args(audit)
    _add_lexicon_arg(audit)
    audit.add_argument(
        "--min-count", type=int, default=1, help="report candidates seen this often (default: 1)"
    )
    _add_out_arg(audit)

    sentiment = _subparser(
        sub, "sentiment",
        "VADER tone per sentence or per article as CSV",
        "Score every sentence with VADER (never a whole article at once) and write one "
        "row per sentence, or per article with sentence scores aggregated. VADER agrees "
        "only moderately with people on news text (about r = 0.5).",
    )
    _add_corpus_args(sentiment)
    sentiment.add_argument(
        "--level", choices=["sentence", "document"], default="sentence",
        help="one row per sentence or per article (default: sentence)",
    )
    _add_out_arg(sentiment)
    _add_coding_commands(sub)
    return parser


def _bind_streams(parser: argparse.ArgumentParser, out: TextIO, err: TextIO) -> None:
    """Point the parser and its sub-parsers at main()'s streams."""
    todo = [parser]
    while todo:
        current = todo.pop()
        if isinstance(current, _Parser):
            current.out, current.err = out, err
        for action in current._actions:
            if isinstance(action, argparse._SubParsersAction):
                todo.extend(action.choices.values())


# ------------------------------------------------------------------ checks before work


def _corpus_columns() -> tuple[str, ...]:
    from .corpus import CORPUS_COLUMNS

    return CORPUS_COLUMNS


def _parse_columns(value: str | None) -> dict[str, str] | None:
    """``--columns text=article_content,title=article_title`` as load_corpus's
    ``columns`` (input name -> corpus column)."""
    if value is None:
        return None
    mapping: dict[str, str] = {}
    corpus_columns = _corpus_columns()
    for item in value.split(","):
        if not item.strip():
            continue
        target, sep, source = item.partition("=")
        target, source = target.strip(), source.strip()
        if not sep or not target or not source:
            raise _UsageError(
                f"--columns: {item.strip()!r} is not CORPUS=INPUT (e.g. text=article_content)")
        if target not in corpus_columns:
            hint = ""
            if source in corpus_columns:
                hint = f"; did you mean {source}={target}? (the corpus column comes first)"
            raise _UsageError(
                f"--columns: {target!r} is not a corpus column (corpus columns: "
                f"{', '.join(corpus_columns)}){hint}")
        if target in mapping.values():
            raise _UsageError(f"--columns names {target!r} twice")
        if source in mapping:
            raise _UsageError(f"--columns uses input column {source!r} twice")
        mapping[source] = target
    if not mapping:
        raise _UsageError("--columns is empty; write CORPUS=INPUT,... (e.g. text=article_content)")
    return mapping


def _parse_names(value: str | None) -> list[str] | None:
    if value is None:
        return None
    names = [name.strip() for name in value.split(",")]
    if not all(names):
        raise _UsageError(f"--names: {value!r} has an empty name; write NAME,NAME,...")
    return names


def _load_options(args: argparse.Namespace) -> Any:
    """The loading options, checked with the loader's own checks, named as flags."""
    from .corpus import _CLI, _check_options
    from .errors import InvalidParameterError

    try:
        return _check_options(
            args.format if args.format or "-" not in args.corpus else "csv",
            args.outlet, _parse_columns(args.columns), _parse_names(args.names),
            args.encoding, args.date_format, args.duplicate_ids,
            "skip" if args.skip_bad else "raise", _CLI)
    except InvalidParameterError as exc:
        raise _UsageError(str(exc)) from None


def _same_or_inside(path: Path, folder: Path) -> bool:
    try:
        path.relative_to(folder)
    except ValueError:
        return False
    return True


def _check_paths(args: argparse.Namespace) -> None:
    """Refuse, before any work, an output that is an input or would land inside one."""
    out = getattr(args, "out", None)
    corpus = getattr(args, "corpus", None) or []
    if not out or not corpus:
        return
    target = Path(os.path.realpath(out))
    inputs = [Path(os.path.realpath(p)) for p in corpus if p != "-"]
    for given, real in zip([p for p in corpus if p != "-"], inputs, strict=True):
        if args.command == "report":
            if _same_or_inside(target, real) or _same_or_inside(real, target):
                raise _UsageError(
                    f"--out {out} and the input {given} overlap (one is inside the other); "
                    "the report would write into the corpus or over it: choose a folder "
                    "outside the input")
        elif target == real:
            raise _UsageError(f"--out {out} is the input {given}: writing it would destroy "
                              "the input; choose another file")
        elif real.is_dir() and _same_or_inside(target, real):
            raise _UsageError(f"--out {out} is inside the input folder {given}: the next load "
                              "of that folder would read it as an article table; choose a "
                              "file outside it")
    if args.command != "report" and target.is_dir():
        raise _UsageError(f"--out {out} is a folder; give a file name")


def _check_numbers(args: argparse.Namespace) -> None:
    seed = getattr(args, "seed", None)
    if seed is not None and not 0 <= seed < 2**32:
        raise _UsageError(f"--seed must be an integer from 0 to {2**32 - 1}, not {seed}")
    n_jobs = getattr(args, "n_jobs", None)
    if n_jobs is not None and (n_jobs == 0 or n_jobs < -1):
        raise _UsageError(f"--n-jobs must be a positive number of processes or -1 (all "
                          f"cores), not {n_jobs}")
    window = getattr(args, "window", None)
    if window is not None and window < 0:
        raise _UsageError("--window must be 0 or more")
    min_count = getattr(args, "min_count", None)
    if min_count is not None and min_count < 1:
        raise _UsageError(f"--min-count must be 1 or more, not {min_count}")


# ------------------------------------------------------------------ loading


@contextlib.contextmanager
def _spooled(stdin: TextIO, fmt: str) -> Iterator[Path]:
    """Standard input's bytes in a temporary file, read by the loader like any file
    (same decoding, same CSV checks), removed afterwards."""
    buffer = getattr(stdin, "buffer", None)
    with tempfile.TemporaryDirectory(prefix="mediakit-stdin-") as folder:
        path = Path(folder) / f"stdin.{fmt}"
        with path.open("wb") as handle:
            if buffer is not None:
                while block := buffer.read(1 << 20):
                    handle.write(block)
            else:  # a text stream without bytes underneath (tests, embedding)
                while block := stdin.read(1 << 20):
                    handle.write(block.encode("utf-8", errors="surrogateescape"))
        yield path


def _load(args: argparse.Namespace, options: Any, stdin: TextIO) -> pd.DataFrame:
    from .corpus import _load_corpus, load_sample

    if not args.corpus:
        return load_sample()
    if "-" in args.corpus:
        if args.corpus != ["-"]:
            raise _UsageError("'-' (standard input) cannot be combined with other inputs")
        with _spooled(stdin, options.format) as path:
            return _load_corpus(path, options, display={str(path): _STDIN_NAME})
    sources = [Path(p) for p in args.corpus]
    for path in sources:
        if not path.exists():
            raise MediakitError(f"{path}: no such file or folder")
    source: object = sources[0] if len(sources) == 1 else sources
    return _load_corpus(source, options)


def _lexicon(args: argparse.Namespace) -> Any:
    from .lexicon import SAMPLE_LEXICON, resolve_lexicon

    if args.lexicon:
        return resolve_lexicon(args.lexicon)
    # The CLI's one rule beyond the library's (documented in mediakit.lexicon): with
    # no CORPUS it analyses the bundled sample, with the lexicon written for it;
    # with a corpus, lexicon=None (the library default).
    return resolve_lexicon(SAMPLE_LEXICON if not args.corpus else None)


def _load_summary(corpus: pd.DataFrame, args: argparse.Namespace) -> str:
    """One line: what was loaded, and what the load log holds, by kind."""
    from .corpus import load_log

    log = load_log(corpus)
    where = "the bundled sample" if not args.corpus else ", ".join(
        _STDIN_NAME if p == "-" else p for p in args.corpus)
    line = (f"mediakit: loaded {len(corpus):,} article(s) from "
            f"{corpus['outlet'].nunique():,} outlet(s) ({where})")
    counts = Counter(log["kind"])
    parts: list[str] = []
    encodings = sorted(set(log.loc[log["kind"] == "encoding", "value"].dropna()))
    if encodings:
        parts.append(f"{counts['encoding']} file(s) decoded as {', '.join(encodings)}")
    recognised = log[(log["kind"] == "column") & log["value"].notna()]
    if len(recognised):
        parts.append("columns recognised: " + ", ".join(
            f"{c}->{v}" for c, v in dict.fromkeys(zip(recognised["column"], recognised["value"]))))
    orders = sorted(set(log.loc[log["kind"] == "date_order", "value"].dropna()))
    if orders:
        parts.append(f"date order inferred: {', '.join(orders)}")
    undated = int(corpus["date"].isna().sum())
    if counts["date"] or undated:
        parts.append(f"{counts['date']} date(s) not read, {undated} article(s) undated")
    if counts["duplicate_id"]:
        parts.append(f"{counts['duplicate_id']} repeated doc_id(s) suffixed")
    headlines = int((corpus["text_source"] == "title").sum())
    if headlines:
        parts.append(f"{headlines} headline record(s)")
    parts.append(f"{counts['skipped']} skipped")
    if counts["ignored"]:
        parts.append(f"{counts['ignored']} file(s) passed over")
    return f"{line}; load log: {'; '.join(parts)}"


# ------------------------------------------------------------------ writing


#: How long after a Ctrl-C was dropped by a finaliser it is raised again.
_RESEND_SECONDS = 0.05


class _Interrupt:
    """Ctrl-C for the command: the first SIGINT is remembered and raised as
    KeyboardInterrupt; later ones are only remembered, so they cannot break the
    clean-up the first one started. Python drops an exception raised inside a
    ``__del__`` or a callback (it prints "Exception ignored ..."), so the flag, not the
    exception, decides: an output is committed only while no interrupt has been seen,
    and the exit code is 130 whenever one was. Such a dropped KeyboardInterrupt is not
    printed (the flag has it) but raised again :data:`_RESEND_SECONDS` later, outside
    the ``__del__`` that dropped it: a Ctrl-C that lands while the garbage collector runs a finaliser (the
    ``regex`` module's, during an import, say) would otherwise let the command work on
    to the end before the flag stops it. Every other unraisable exception is printed."""

    def __init__(self) -> None:
        self.hit = False
        self._dropped = False  # a dropped interrupt is to be raised again
        self._resend: threading.Timer | None = None
        self._exiting = False
        self._pid = os.getpid()
        self._previous: Any = None
        self._previous_hook: Any = None

    def __enter__(self) -> _Interrupt:
        self._pid = os.getpid()
        if threading.current_thread() is threading.main_thread():
            self._previous = signal.signal(signal.SIGINT, self._handle)
            self._previous_hook = sys.unraisablehook
            sys.unraisablehook = self._unraisable
        return self

    def _handle(self, signum: int, frame: Any) -> None:
        if os.getpid() != self._pid:
            # A worker process forked by the analysis inherited this handler (Ctrl-C
            # reaches the whole process group). It ignores the signal and finishes the
            # chunk it holds: the command stops the pool, reports the interrupt and exits
            # (a worker that died instead could leave the pool's feeder thread blocked
            # on a full pipe for ever).
            return
        if self._exiting:  # a re-sent interrupt that arrives as the command ends
            return
        if self._dropped:  # the signal interrupt_main re-sent for a dropped interrupt
            self._dropped = False
            raise KeyboardInterrupt
        first = not self.hit
        self.hit = True
        if first:
            raise KeyboardInterrupt

    def _unraisable(self, unraisable: Any) -> None:
        if isinstance(unraisable.exc_value, KeyboardInterrupt) and self.hit:
            # Only the first Ctrl-C raises, so this is it, dropped by a finaliser or
            # callback: have it raised again where the main thread goes on. Re-sent
            # from a thread, a moment later: sent from here, it would be handled
            # inside this hook and dropped again.
            if os.getpid() == self._pid and not self._dropped and not self._exiting:
                self._dropped = True
                self._resend = threading.Timer(_RESEND_SECONDS, _thread.interrupt_main, args=(signal.SIGINT,))
                self._resend.daemon = True
                self._resend.start()
            return
        self._previous_hook(unraisable)

    def check(self) -> None:
        if self.hit:
            self._dropped = False  # raised here: a re-sent one would come twice
            raise KeyboardInterrupt

    def __exit__(self, *exc: object) -> None:
        # No re-sent interrupt may outlive the command (it would kill the process
        # after the exit code is decided): stop the timer, and take a signal it sent
        # already here, while this handler is still the one installed.
        self._exiting = True
        if self._resend is not None:
            self._resend.cancel()
            self._resend.join()
        if self._previous is not None:
            signal.signal(signal.SIGINT, self._previous)
            sys.unraisablehook = self._previous_hook


_NO_INTERRUPT = _Interrupt()


def _write_csv(table: pd.DataFrame, args: argparse.Namespace, stdout: TextIO,
               interrupt: _Interrupt = _NO_INTERRUPT) -> None:
    from ._io import atomic_path, write_table_csv

    safe = getattr(args, "spreadsheet_safe", True)
    out = getattr(args, "out", None)
    if not out:
        write_table_csv(table, stdout, spreadsheet_safe=safe)
        return
    path = Path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_path(path) as tmp:
        with tmp.open("w", encoding="utf-8", newline="") as handle:
            write_table_csv(table, handle, spreadsheet_safe=safe)
        interrupt.check()  # raising here removes the temporary file; the old one stays


def _keep(table: pd.DataFrame, column: str, value: str | None) -> pd.DataFrame:
    if value is None or value == "all":
        return table
    return table[table[column] == value].reset_index(drop=True)


def _run(args: argparse.Namespace, stdin: TextIO, stdout: TextIO, stderr: TextIO,
         interrupt: _Interrupt) -> int:
    progress = not args.quiet and stderr.isatty()
    _check_paths(args)
    if args.command == "lexicons":
        from .lexicon import list_lexicons, load_lexicon

        table = load_lexicon(args.name).to_frame() if args.name else list_lexicons()
        _write_csv(table, args, stdout, interrupt)
        return EXIT_OK
    if args.command == "validate":
        return _validate(args, stdin, stdout, interrupt)

    # Every option is checked before the (possibly long) load and analysis.
    _check_numbers(args)
    if args.command == "coding-sheet":
        _check_coding_sheet_args(args)
    options = _load_options(args)
    lexicon = None
    if args.command in ("report", "mentions", "audit", "coding-sheet") or (
        args.command == "kwic" and not args.pattern
    ):
        lexicon = _lexicon(args)
        actor = getattr(args, "actor", None)
        if actor is not None and actor not in lexicon.actors:
            raise _UsageError(
                f"--actor {actor!r} is not in lexicon {lexicon.name!r} "
                f"(its actors: {', '.join(lexicon.actors)})"
            )
    if args.command == "report":
        from . import report

        # the report's own check of its folder (a folder of other files is refused),
        # before the load; reports without it check when they write
        check_out_dir = getattr(report, "check_out_dir", None)
        if check_out_dir is not None:
            check_out_dir(args.out)
        if args.coded is not None:
            _check_coded(args.coded, args.out)

    corpus = _load(args, options, stdin)
    if not args.quiet:
        from .corpus import load_log

        for rec in load_log(corpus, "skipped").to_dict("records"):
            where = CorpusError(str(rec["message"]), file=str(rec["file"]),
                                row=_int_or_none(rec["row"]),
                                column=None if pd.isna(rec["column"]) else str(rec["column"]))
            print(f"mediakit: skipped {where}", file=stderr)
        print(_load_summary(corpus, args), file=stderr)

    if args.command == "report":
        from .report.write import _write_report

        # Ctrl-C is checked again before the report folder is committed: Python can
        # swallow the KeyboardInterrupt inside the worker pool's clean-up, and the
        # command must then exit 130 with no report written.
        written = _write_report(
            corpus, lexicon=lexicon, out_dir=Path(args.out), actor=args.actor,
            seed=args.seed, n_jobs=args.n_jobs, progress=progress, coded=args.coded,
            before_commit=interrupt.check,
        )
        interrupt.check()
        print(f"report:  {written.html}", file=stdout)
        print(f"tables:  {written.out_dir / 'tables'} ({len(written.tables)} CSV files)",
              file=stdout)
        print(f"figures: {written.out_dir / 'figures'} ({len(written.figures)} PNG files)",
              file=stdout)
        return EXIT_OK

    if args.command == "mentions":
        if args.tone:
            from .analysis import analyze
            from .mentions import mention_sentences

            result = analyze(corpus, lexicon, progress=progress)
            table = _keep(_keep(result.mentions, "voice", args.voice), "actor", args.actor)
            # the analysis's mentions point at their sentence: the CSV has its text
            table = mention_sentences(table, result.sentences, masked=True,
                                      lexicon=result.lexicon)
        else:
            from .mentions import find_mentions

            table = find_mentions(corpus, lexicon)
            table = _keep(_keep(table, "voice", args.voice), "actor", args.actor)
    elif args.command == "kwic":
        from .concordance import kwic

        voice = None if args.voice == "all" else args.voice
        table = kwic(corpus, args.pattern or None, lexicon=None if args.pattern else lexicon,
                     window=args.window, unit=args.unit, voice=voice)
    elif args.command == "audit":
        from .audit import audit_lexicon

        table = audit_lexicon(corpus, lexicon, min_count=args.min_count)
    elif args.command == "sentiment":
        from .sentiment import score_documents, score_sentences
        from .text import sentences

        scored = score_sentences(sentences(corpus))
        table = scored if args.level == "sentence" else score_documents(scored, corpus=corpus)
    elif args.command == "coding-sheet":
        return _coding_sheet(corpus, lexicon, args, stdout, interrupt)
    else:  # pragma: no cover - argparse guards
        raise _UsageError(f"unknown command {args.command!r}")
    interrupt.check()
    _write_csv(table, args, stdout, interrupt)
    return EXIT_OK


def _int_or_none(value: Any) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


def _print_warnings(caught: list[warnings.WarningMessage], stderr: TextIO) -> None:
    seen: set[str] = set()
    for w in caught:
        text = " ".join(str(w.message).split()).replace(_DATAFRAME_NAME, _STDIN_NAME)
        # Each skipped record was already listed on its own line.
        if issubclass(w.category, CorpusWarning) and text.startswith("skipped "):
            continue
        if text not in seen:
            seen.add(text)
            print(f"mediakit: warning: {text}", file=stderr)


def _silence_broken_pipe(stdout: TextIO) -> None:
    """After EPIPE on the real stdout, point it at /dev/null so exit does not fail again."""
    if stdout is sys.stdout:
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError):
            pass


def main(
    argv: Sequence[str] | None = None,
    *,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """Run the ``mediakit`` command with ``argv`` and return its exit code.

    Parameters
    ----------
    argv : sequence of str or None, default None
        The arguments; None reads ``sys.argv[1:]``.
    stdin, stdout, stderr : text stream or None, default None
        The streams to use; None uses the process's own, so tests can run the
        command in-process with ``StringIO`` streams.

    Returns
    -------
    int
        :data:`EXIT_OK` (0), :data:`EXIT_DATA_ERROR` (1, unusable input),
        :data:`EXIT_USAGE` (2) or :data:`EXIT_INTERRUPTED` (130, Ctrl-C).
    """
    stdin = stdin if stdin is not None else sys.stdin
    stdout = stdout if stdout is not None else sys.stdout
    stderr = stderr if stderr is not None else sys.stderr
    parser = build_parser()
    _bind_streams(parser, stdout, stderr)
    try:
        args = parser.parse_args(list(argv) if argv is not None else None)
    except SystemExit as exc:  # argparse exits 2 on usage errors and 0 on --help
        return EXIT_USAGE if exc.code not in (0, None) else EXIT_OK
    if args.command is None:
        parser.print_help(stderr)
        return EXIT_USAGE
    caught: list[warnings.WarningMessage] = []
    interrupt = _Interrupt()
    try:
        with interrupt, warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                code = _run(args, stdin, stdout, stderr, interrupt)
            finally:
                if not args.quiet and not interrupt.hit:
                    _print_warnings(caught, stderr)
            interrupt.check()  # an interrupt Python swallowed (in a __del__, say)
            return code
    except BrokenPipeError:  # the reader of a pipe stopped early (mediakit ... | head)
        _silence_broken_pipe(stdout)
        return EXIT_OK
    except KeyboardInterrupt:
        print("mediakit: interrupted; no output was written", file=stderr)
        return EXIT_INTERRUPTED
    except BaseException as exc:
        if interrupt.hit:  # whatever Ctrl-C broke on its way (a worker pool, say)
            print("mediakit: interrupted; no output was written", file=stderr)
            return EXIT_INTERRUPTED
        if isinstance(exc, _UsageError):
            if args.debug:
                raise
            print(f"mediakit {args.command}: usage error: {exc}", file=stderr)
            return EXIT_USAGE
        if isinstance(exc, (MediakitError, OSError, UnicodeError, ValueError, LookupError,
                            RecursionError)):
            if args.debug:
                raise
            message = " ".join(str(exc).split())  # one line, whatever the message holds
            print(f"mediakit: error: {message}", file=stderr)
            return EXIT_DATA_ERROR
        raise


def _check_coded(sheet: str, out: str) -> None:
    """``report --coded``: a readable coding sheet outside ``--out``, checked before the
    load (a bad code is a data error naming the file, row and column)."""
    from .coding import read_coding

    if sheet == "-":
        raise _UsageError("--coded: a coded sheet is read from a file, not standard input")
    if Path(sheet).suffix.lower() not in _SHEET_SUFFIXES:
        raise _UsageError(f"--coded {sheet}: a coding sheet is a .csv or .xlsx file")
    real, folder = Path(os.path.realpath(sheet)), Path(os.path.realpath(out))
    if real == folder or folder in real.parents:
        raise _UsageError(f"--coded {sheet} is inside --out {out}: the report replaces that "
                          "folder; keep the sheet elsewhere")
    read_coding(sheet)


# ------------------------------------------------------------------ coding sheets and validation
# `mediakit coding-sheet` and `mediakit validate`: the hand-coding workflow of
# mediakit.coding from the shell (draw a sheet, have people code it, read it back).

_SHEET_SUFFIXES = (".csv", ".xlsx")


def _add_coding_commands(sub: Any) -> None:
    from .coding import UNITS

    sheet = _subparser(
        sub, "coding-sheet",
        "draw a sample of mentions or quotations for people to code by hand",
        "Draw a reproducible, stratified sample of label mentions (or quotations) and "
        "write it as a coding sheet: one row per item with its context marked [[...]], "
        "mediakit's answers and an empty coded_* column beside each, the allowed values "
        "and short instructions. Give the filled sheet to 'mediakit validate'. The same "
        "corpus, lexicon and --seed always give the same sheet.\n\n"
        "example:\n  mediakit coding-sheet articles/ --out sheet.xlsx --n 200 --blind",
    )
    _add_corpus_args(sheet)
    _add_lexicon_arg(sheet)
    sheet.add_argument(
        "--out", metavar="FILE", required=True,
        help="the sheet to write: FILE.csv, or FILE.xlsx (needs openpyxl: pip install "
        "'mediakit[xlsx]'); written whole or not at all",
    )
    sheet.add_argument(
        "--unit", choices=list(UNITS), default="mention",
        help="label mentions, or quotations (direct and scare quotes) (default: mention)",
    )
    sheet.add_argument("--n", type=int, default=200, help="items to draw (default: 200)")
    sheet.add_argument("--seed", type=int, default=0, help="sampling seed (default: 0)")
    sheet.add_argument(
        "--stratify", metavar="COLUMN,...",
        help="columns whose combinations are the strata (default: outlet,label for "
        "mentions, outlet,voice for quotations; 'none' for a simple random sample)",
    )
    sheet.add_argument(
        "--min-per-stratum", type=int, default=1, metavar="N",
        help="items every stratum gets first (default: 1)",
    )
    sheet.add_argument(
        "--context-chars", type=int, metavar="N",
        help="characters of context each side (default: 250 for mentions, 400 for quotations)",
    )
    sheet.add_argument(
        "--blind", action="store_true",
        help="leave mediakit's answers out, so coders are not anchored by them (validate "
        "then needs --corpus)",
    )

    validate = _subparser(
        sub, "validate",
        "accuracy of mediakit against coded sheets, and agreement between coders",
        "Read one or more coded sheets (from 'mediakit coding-sheet', filled in by "
        "coders) and print how often mediakit agrees with them: accuracy per field, "
        "precision, recall and F1 per class, each with a 95% interval (Wilson, or a "
        "bootstrap over articles with --by-document). With two or more sheets of the "
        "same items (one per coder), also Krippendorff's alpha per field between them. "
        "A blank code is 'not coded', never 'wrong'; a code outside the allowed values "
        "is an error naming the file, row and column.\n\n"
        "example:\n  mediakit validate coder_a.csv coder_b.csv --out validation.csv",
    )
    validate.add_argument(
        "sheets", nargs="+", metavar="CODED_SHEET",
        help="coded sheets (.csv or .xlsx), one per coder",
    )
    validate.add_argument(
        "--out", metavar="FILE",
        help="also write the validation table as CSV (one row per sheet, field and "
        "class; written whole or not at all)",
    )
    validate.add_argument(
        "--agreement-out", metavar="FILE",
        help="also write the agreement table (alpha per field) as CSV; needs two or more sheets",
    )
    validate.add_argument(
        "--by-document", action="store_true",
        help="intervals from a bootstrap that resamples whole articles (prefer it when "
        "a sheet holds several items of one article)",
    )
    validate.add_argument("--seed", type=int, default=0, help="bootstrap seed (default: 0)")
    validate.add_argument(
        "--spreadsheet-safe", action=argparse.BooleanOptionalAction, default=True,
        help="prefix a ' to text cells a spreadsheet would run as a formula (default: on)",
    )
    _add_corpus_args(validate, positional=False)
    _add_lexicon_arg(validate)


def _check_coding_sheet_args(args: argparse.Namespace) -> None:
    """coding-sheet's own options, before the load (exit 2)."""
    suffix = Path(args.out).suffix.lower()
    if suffix not in _SHEET_SUFFIXES:
        raise _UsageError(f"--out {args.out}: a coding sheet is a .csv or .xlsx file")
    if suffix == ".xlsx":
        from .coding import _openpyxl

        try:
            _openpyxl()
        except ImportError as exc:
            raise _UsageError(f"--out {args.out}: {exc}") from None
    if args.n < 1:
        raise _UsageError(f"--n must be 1 or more, not {args.n}")
    if args.min_per_stratum < 0:
        raise _UsageError(f"--min-per-stratum must be 0 or more, not {args.min_per_stratum}")
    if args.context_chars is not None and args.context_chars < 0:
        raise _UsageError(f"--context-chars must be 0 or more, not {args.context_chars}")
    strata = _strata(args.stratify)
    if strata:
        known = _stratify_columns(args.unit)
        unknown = [c for c in strata if c not in known]
        if unknown:
            raise _UsageError(
                f"--stratify: {', '.join(unknown)} is not a column of the {args.unit}s "
                f"(columns: {', '.join(known)})")


def _strata(value: str | None) -> list[str] | None:
    """``--stratify``: None for the default strata, [] for none at all."""
    if value is None:
        return None
    if value.strip().lower() == "none":
        return []
    columns = [c.strip() for c in value.split(",")]
    if not all(columns):
        raise _UsageError(f"--stratify: {value!r} has an empty column name; write COLUMN,COLUMN")
    return columns


def _stratify_columns(unit: str) -> tuple[str, ...]:
    from .mentions import MENTION_COLUMNS
    from .voice import QUOTE_COLUMNS

    if unit == "mention":
        return MENTION_COLUMNS
    # a quotation's outlet comes from the corpus; its text is never a stratum
    return (*(c for c in QUOTE_COLUMNS if c != "text"), "outlet")


def _coding_sheet(corpus: pd.DataFrame, lexicon: Any, args: argparse.Namespace,
                  stdout: TextIO, interrupt: _Interrupt) -> int:
    from .coding import _lexicon_allowed, coding_sheet, write_coding_sheet

    if args.unit == "mention":
        from .mentions import find_mentions

        table = find_mentions(corpus, lexicon)
        # the lexicon's actors and labels, not only those found, are the allowed codes
        allowed = _lexicon_allowed(lexicon)
    else:
        from .voice import find_quotes

        table, allowed = find_quotes(corpus), {}
    if table.empty:
        raise MediakitError(
            f"no {args.unit}s found in the corpus"
            + (f" with lexicon {lexicon.name!r}" if args.unit == "mention" else "")
            + ": nothing to code")
    sheet = coding_sheet(
        table, corpus=corpus, unit=args.unit, n=args.n, seed=args.seed,
        stratify=_strata(args.stratify), min_per_stratum=args.min_per_stratum,
        context_chars=args.context_chars, blind=args.blind, allowed=allowed or None,
    )
    interrupt.check()
    path = Path(args.out)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_coding_sheet(sheet, path)
    strata = _strata(args.stratify)
    how = ("a simple random sample" if strata == [] else "stratified by "
           + ", ".join(strata or (["outlet", "label"] if args.unit == "mention"
                                  else ["outlet", "voice"])))
    print(f"coding sheet: {path} ({len(sheet):,} {args.unit}s of {len(table):,}, from "
          f"{sheet['doc_id'].nunique():,} article(s) and {sheet['outlet'].nunique():,} "
          f"outlet(s); {how}; seed {args.seed}{'; blind' if args.blind else ''})",
          file=stdout)
    return EXIT_OK


def _validate(args: argparse.Namespace, stdin: TextIO, stdout: TextIO,
              interrupt: _Interrupt) -> int:
    from .coding import alpha_by_field, read_coding, validation_report

    # usage first (exit 2), before any sheet or corpus is read
    _check_numbers(args)
    if args.agreement_out and len(args.sheets) < 2:
        raise _UsageError("--agreement-out needs two or more coded sheets (one per coder)")
    if "-" in args.sheets:
        raise _UsageError("coded sheets are read from files, not standard input")
    sheet_paths = {Path(os.path.realpath(s)): s for s in args.sheets}
    if len(sheet_paths) < len(args.sheets):
        raise _UsageError("a coded sheet is given twice")
    for flag, out in (("--out", args.out), ("--agreement-out", args.agreement_out)):
        if not out:
            continue
        real = Path(os.path.realpath(out))
        if real in sheet_paths:
            raise _UsageError(f"{flag} {out} is the coded sheet {sheet_paths[real]}: writing "
                              "it would destroy the codes; choose another file")
        if real.is_dir():
            raise _UsageError(f"{flag} {out} is a folder; give a file name")
    if args.out and args.agreement_out and (
            os.path.realpath(args.out) == os.path.realpath(args.agreement_out)):
        raise _UsageError("--out and --agreement-out are the same file")
    # with --corpus, mediakit's answers are found afresh in it (as for any corpus, the
    # library's default lexicon unless --lexicon is given)
    options = _load_options(args) if args.corpus else None
    lexicon = _lexicon(args) if args.corpus else None

    sheets = [read_coding(path) for path in args.sheets]
    for given, sheet in zip(args.sheets, sheets, strict=True):
        if not args.corpus:
            _require_answers(sheet, given)
    corpus = _load(args, options, stdin) if args.corpus else None
    tables: dict[str, pd.DataFrame] = {}
    reports: list[pd.DataFrame] = []
    for given, sheet in zip(args.sheets, sheets, strict=True):
        result, quotes_corpus = None, None
        if corpus is not None:
            result, unit = _validation_result(sheet, given, corpus, lexicon, tables)
            quotes_corpus = corpus if unit == "quote" else None
        report = validation_report(sheet, result, corpus=quotes_corpus,
                                   by_document_bootstrap=args.by_document, seed=args.seed)
        report.insert(0, "sheet", given)
        reports.append(report)
        interrupt.check()
    table = pd.concat(reports, ignore_index=True)
    agreement = alpha_by_field(sheets) if len(sheets) >= 2 else None
    interrupt.check()
    if args.out:
        _write_csv(table, args, stdout, interrupt)
    if agreement is not None and args.agreement_out:
        _write_csv(agreement, argparse.Namespace(
            out=args.agreement_out, spreadsheet_safe=args.spreadsheet_safe), stdout, interrupt)
    for (given, sheet), report in zip(zip(args.sheets, sheets, strict=True), reports,
                                      strict=True):
        print(_validation_text(given, sheet, report), file=stdout)
    if agreement is not None:
        print(_agreement_text(agreement, len(sheets)), file=stdout)
    return EXIT_OK


def _units(sheet: pd.DataFrame) -> set[str]:
    if "unit" in sheet.columns:
        return set(sheet["unit"].dropna().astype(str))
    return {"quote" if str(i).startswith("q:") else "mention" for i in sheet["item_id"]}


def _require_answers(sheet: pd.DataFrame, given: str) -> None:
    """A blind sheet cannot be validated without the corpus it was drawn from."""
    missing = [c[len("coded_"):] for c in sheet.columns
               if c.startswith("coded_") and c[len("coded_"):] not in sheet.columns]
    if missing:
        raise MediakitError(
            f"{given}: the sheet holds no mediakit answers for {', '.join(missing)} (a blind "
            "sheet): give --corpus, the articles it was drawn from, and the same --lexicon")


def _validation_result(sheet: pd.DataFrame, given: str, corpus: pd.DataFrame, lexicon: Any,
                       cache: dict[str, pd.DataFrame]) -> tuple[pd.DataFrame, str]:
    """mediakit's answers for a sheet, found afresh in ``--corpus``, and the sheet's unit."""
    units = _units(sheet)
    if len(units) != 1:
        raise MediakitError(f"{given}: the sheet mixes units ({', '.join(sorted(units))}); "
                            "validate mentions and quotations separately")
    unit = units.pop()
    if unit not in cache:
        if unit == "mention":
            from .mentions import find_mentions

            cache[unit] = find_mentions(corpus, lexicon)
        else:
            from .voice import find_quotes

            cache[unit] = find_quotes(corpus)
    return cache[unit], unit


def _estimate(value: Any, lo: Any, hi: Any) -> str:
    if pd.isna(value):
        return ""
    if pd.isna(lo) or pd.isna(hi):
        return f"{value:.2f}"
    return f"{value:.2f} [{lo:.2f}, {hi:.2f}]"


def _validation_text(given: str, sheet: pd.DataFrame, report: pd.DataFrame) -> str:
    """The validation table as a person reads it (the CSV of --out has every column)."""
    rows = []
    for rec in report.to_dict("records"):
        field_row = pd.isna(rec["class"])
        rows.append({
            "field": rec["field"] if field_row else "",
            "class": "" if field_row else rec["class"],
            "n": int(rec["n"]),
            "uncoded": "" if pd.isna(rec["n_uncoded"]) else int(rec["n_uncoded"]),
            "not found": "" if pd.isna(rec["n_not_found"]) else int(rec["n_not_found"]),
            "accuracy [lo, hi]": _estimate(rec["accuracy"], rec["lo"], rec["hi"]),
            "precision [lo, hi]": _estimate(rec["precision"], rec["precision_lo"],
                                            rec["precision_hi"]),
            "recall [lo, hi]": _estimate(rec["recall"], rec["recall_lo"], rec["recall_hi"]),
            "F1": "" if pd.isna(rec["f1"]) else f"{rec['f1']:.2f}",
        })
    interval = str(report["interval"].iloc[0]) if len(report) else "wilson"
    level = float(report["level"].iloc[0]) if len(report) else 0.95
    head = (f"{given}: {len(sheet):,} item(s) from {sheet['doc_id'].nunique():,} article(s); "
            f"{level:.0%} intervals ({interval})")
    if not rows:
        return head + "\n(no coded fields)\n"
    return head + "\n" + pd.DataFrame(rows).to_string(index=False) + "\n"


def _agreement_text(agreement: pd.DataFrame, n_sheets: int) -> str:
    shown = agreement.assign(
        alpha=[("" if pd.isna(a) else f"{a:.3f}") for a in agreement["alpha"]],
        note=agreement["note"].fillna(""),
    )[["field", "n_items", "n_coders", "alpha", "note"]]
    return (f"agreement between the {n_sheets} sheets (Krippendorff's alpha, nominal):\n"
            + shown.to_string(index=False) + "\n")
