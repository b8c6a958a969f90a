"""The ``mediakit`` command: the whole analysis from the shell.

``mediakit report`` writes CSV tables, PNG figures and a self-contained HTML report;
the other subcommands write one CSV table each to stdout (or ``--out FILE``) so they
compose in pipes::

    mediakit report                          # the bundled sample, into ./mediakit-report
    mediakit report articles/ --out out/     # your corpus
    mediakit mentions articles/ --voice narration > mentions.csv
    cat corpus.csv | mediakit kwic - --pattern 'rebel*'

Exit codes: 0 success, 1 data error (one line naming the file and record; a traceback
only with ``--debug``), 2 usage error. Warnings from the library are printed on stderr
as ``mediakit: warning: ...`` lines (none with ``--quiet``).
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import textwrap
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

import pandas as pd

from .errors import CorpusError, CorpusWarning, MediakitError

__all__ = ["main", "build_parser", "EXIT_OK", "EXIT_DATA_ERROR", "EXIT_USAGE"]

EXIT_OK = 0
EXIT_DATA_ERROR = 1
EXIT_USAGE = 2

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


def _add_corpus_args(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("input")
    group.add_argument(
        "corpus",
        nargs="*",
        metavar="CORPUS",
        help=(
            "files or folders to load (anything load_corpus reads: .txt/.md articles, "
            "CSV/TSV/JSON/JSONL tables, HTML pages, RSS/Atom feeds); '-' reads a CSV "
            "table from standard input; none: the bundled sample corpus"
        ),
    )
    group.add_argument(
        "--format",
        choices=["text", "markdown", "csv", "tsv", "json", "jsonl", "html", "feed"],
        help="input format, when the file names do not tell",
    )
    group.add_argument("--outlet", help="outlet of articles that do not name one")
    group.add_argument("--encoding", help="text encoding of input files that are not UTF-8")
    group.add_argument(
        "--skip-bad",
        action="store_true",
        help="skip bad records (each listed on stderr) instead of stopping at the first",
    )


def _add_lexicon_arg(parser: Any) -> None:
    from .lexicon import SAMPLE_LEXICON as _SAMPLE_LEXICON
    from .lexicon import DEFAULT_LEXICON

    parser.add_argument(
        "--lexicon",
        metavar="NAME|FILE",
        help="a bundled lexicon (see 'mediakit lexicons') or a YAML/JSON lexicon file; "
        f"default: {_SAMPLE_LEXICON!r} (written for it) with the sample corpus, "
        f"else {DEFAULT_LEXICON!r}",
    )


def _add_out_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", metavar="FILE", help="write the CSV here instead of stdout")


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
    """The argument parser of the ``mediakit`` command."""
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


def _rename_stdin(exc: CorpusError) -> CorpusError:
    if exc.file != _DATAFRAME_NAME:
        return exc
    return CorpusError(exc.reason, file=_STDIN_NAME, row=exc.row, column=exc.column)


def _load(args: argparse.Namespace, stdin: TextIO) -> pd.DataFrame:
    from .corpus import load_corpus, load_sample

    errors = "skip" if args.skip_bad else "raise"
    if not args.corpus:
        return load_sample()
    if "-" in args.corpus:
        if args.corpus != ["-"]:
            raise _UsageError("'-' (standard input) cannot be combined with other inputs")
        if args.format not in (None, "csv"):
            raise _UsageError("standard input is read as a CSV table; drop --format")
        try:
            table = pd.read_csv(io.StringIO(stdin.read()), dtype=str, keep_default_na=False)
        except (ValueError, pd.errors.ParserError) as exc:
            raise MediakitError(f"{_STDIN_NAME}: {exc}") from exc
        try:
            corpus = load_corpus(table, outlet=args.outlet, errors=errors)
        except CorpusError as exc:
            raise _rename_stdin(exc) from exc
        skipped = corpus.attrs.get("skipped")
        if skipped is not None and len(skipped):
            renamed = skipped.copy()
            renamed["file"] = renamed["file"].replace(_DATAFRAME_NAME, _STDIN_NAME)
            corpus.attrs["skipped"] = renamed
        return corpus
    sources = [Path(p) for p in args.corpus]
    for path in sources:
        if not path.exists():
            raise MediakitError(f"{path}: no such file or folder")
    source: object = sources[0] if len(sources) == 1 else sources
    return load_corpus(
        source, format=args.format, outlet=args.outlet, encoding=args.encoding, errors=errors
    )


def _lexicon(args: argparse.Namespace) -> Any:
    from .lexicon import SAMPLE_LEXICON, resolve_lexicon

    if args.lexicon:
        return resolve_lexicon(args.lexicon)
    # The CLI's one rule beyond the library's (documented in mediakit.lexicon): with
    # no CORPUS it analyses the bundled sample, with the lexicon written for it;
    # with a corpus, lexicon=None (the library default).
    return resolve_lexicon(SAMPLE_LEXICON if not args.corpus else None)


def _write_csv(table: pd.DataFrame, out: str | None, stdout: TextIO) -> None:
    if out:
        path = Path(out)
        path.parent.mkdir(parents=True, exist_ok=True)
        table.to_csv(path, index=False, lineterminator="\n")
    else:
        table.to_csv(stdout, index=False, lineterminator="\n")


def _keep(table: pd.DataFrame, column: str, value: str | None) -> pd.DataFrame:
    if value is None or value == "all":
        return table
    return table[table[column] == value].reset_index(drop=True)


def _run(args: argparse.Namespace, stdin: TextIO, stdout: TextIO, stderr: TextIO) -> int:
    progress = not args.quiet and stderr.isatty()
    if args.command == "lexicons":
        from .lexicon import list_lexicons, load_lexicon

        table = load_lexicon(args.name).to_frame() if args.name else list_lexicons()
        _write_csv(table, args.out, stdout)
        return EXIT_OK

    # Options are checked before the (possibly long) load and analysis.
    lexicon = None
    if args.command in ("report", "mentions", "audit") or (
        args.command == "kwic" and not args.pattern
    ):
        lexicon = _lexicon(args)
        actor = getattr(args, "actor", None)
        if actor is not None and actor not in lexicon.actors:
            raise _UsageError(
                f"--actor {actor!r} is not in lexicon {lexicon.name!r} "
                f"(its actors: {', '.join(lexicon.actors)})"
            )
    if args.command == "kwic" and args.window < 0:
        raise _UsageError("--window must be 0 or more")

    corpus = _load(args, stdin)
    skipped = corpus.attrs.get("skipped")
    if skipped is not None and len(skipped) and not args.quiet:
        for rec in skipped.itertuples(index=False):
            where = CorpusError(rec.reason, file=rec.file, row=_int_or_none(rec.row),
                                column=None if pd.isna(rec.column) else rec.column)
            print(f"mediakit: skipped {where}", file=stderr)

    if args.command == "report":
        from .report import write_report

        written = write_report(
            corpus, lexicon=lexicon, out_dir=Path(args.out), actor=args.actor,
            seed=args.seed, n_jobs=args.n_jobs, progress=progress,
        )
        print(f"report:  {written.html}", file=stdout)
        print(f"tables:  {written.out_dir / 'tables'} ({len(written.tables)} CSV files)",
              file=stdout)
        print(f"figures: {written.out_dir / 'figures'} ({len(written.figures)} PNG files)",
              file=stdout)
        return EXIT_OK

    if args.command == "mentions":
        if args.tone:
            from .analysis import analyze

            table = analyze(corpus, lexicon, progress=progress).mentions
        else:
            from .mentions import find_mentions

            table = find_mentions(corpus, lexicon)
        table = _keep(_keep(table, "voice", args.voice), "actor", args.actor)
        _write_csv(table, args.out, stdout)
        return EXIT_OK

    if args.command == "kwic":
        from .concordance import kwic

        voice = None if args.voice == "all" else args.voice
        table = kwic(corpus, args.pattern or None, lexicon=None if args.pattern else lexicon,
                     window=args.window, unit=args.unit, voice=voice)
        _write_csv(table, args.out, stdout)
        return EXIT_OK

    if args.command == "audit":
        from .audit import audit_lexicon

        _write_csv(audit_lexicon(corpus, lexicon, min_count=args.min_count), args.out, stdout)
        return EXIT_OK

    if args.command == "sentiment":
        from .sentiment import score_documents, score_sentences
        from .text import sentences

        scored = score_sentences(sentences(corpus))
        table = scored if args.level == "sentence" else score_documents(scored, corpus=corpus)
        _write_csv(table, args.out, stdout)
        return EXIT_OK

    raise _UsageError(f"unknown command {args.command!r}")  # pragma: no cover - argparse guards


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

    ``argv`` defaults to ``sys.argv[1:]`` and the streams to the process's own, so
    tests can run the command in-process with ``StringIO`` streams.
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
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                return _run(args, stdin, stdout, stderr)
            finally:
                if not args.quiet:
                    _print_warnings(caught, stderr)
    except BrokenPipeError:  # the reader of a pipe stopped early (mediakit ... | head)
        _silence_broken_pipe(stdout)
        return EXIT_OK
    except KeyboardInterrupt:
        print("mediakit: interrupted", file=stderr)
        return 130
    except _UsageError as exc:
        if args.debug:
            raise
        print(f"mediakit {args.command}: usage error: {exc}", file=stderr)
        return EXIT_USAGE
    except (MediakitError, OSError, UnicodeError, ValueError) as exc:
        if args.debug:
            raise
        message = " ".join(str(exc).split())  # one line, whatever the message holds
        print(f"mediakit: error: {message}", file=stderr)
        return EXIT_DATA_ERROR
