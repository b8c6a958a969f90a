"""The ``mediakit`` command: the whole analysis from the shell.

``mediakit report`` writes CSV tables, PNG figures and a self-contained HTML report;
the other subcommands write one CSV table each to stdout (or ``--out FILE``) so they
compose in pipes. Exit codes: 0 success, 1 data error (one line naming the file and
record; a traceback only with ``--debug``), 2 usage error.
"""

from __future__ import annotations

import argparse
import io
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

import pandas as pd

from .errors import MediakitError

__all__ = ["main", "build_parser"]

EXIT_OK = 0
EXIT_DATA_ERROR = 1
EXIT_USAGE = 2


class _UsageError(Exception):
    """A problem with the command line itself (exit code 2)."""


def _add_corpus_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "corpus",
        nargs="*",
        metavar="CORPUS",
        help=(
            "files or folders to load (anything load_corpus reads: .txt/.md articles, "
            "CSV/TSV/JSON/JSONL tables, HTML pages, RSS/Atom feeds); '-' reads a CSV "
            "table from standard input; omitted: the bundled sample corpus"
        ),
    )
    parser.add_argument("--format", help="input format when it cannot be told from the file name")
    parser.add_argument("--outlet", help="outlet name for articles that do not state one")
    parser.add_argument("--encoding", help="text encoding of input files that are not UTF-8")
    parser.add_argument(
        "--skip-bad",
        action="store_true",
        help="skip bad records (listed on stderr) instead of stopping at the first one",
    )


def _add_lexicon_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--lexicon",
        metavar="NAME|FILE",
        help="bundled lexicon name (see 'mediakit lexicons') or a YAML/JSON file; "
        "default: the bundled default lexicon",
    )


def _add_out_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", metavar="FILE", help="write the CSV here instead of stdout")


def _add_voice_arg(parser: argparse.ArgumentParser, *, default: str = "all") -> None:
    parser.add_argument(
        "--voice",
        choices=["all", "narration", "quote", "scare_quote"],
        default=default,
        help=f"keep only mentions in this voice (default: {default})",
    )


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``mediakit`` command."""
    parser = argparse.ArgumentParser(
        prog="mediakit",
        description=(
            "How do different news outlets describe the same actors? Find every label "
            "for each actor, tell the outlet's own voice from quoted speakers, score the "
            "tone around each mention and compare outlets."
        ),
        epilog="Run 'mediakit COMMAND --help' for each command's options.",
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    parser.add_argument("--debug", action="store_true", help="show a traceback on errors")
    parser.add_argument(
        "--quiet", action="store_true", help="no progress bar and no summary on stderr"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    report = sub.add_parser(
        "report",
        help="the whole analysis: CSV tables, PNG figures and one HTML report",
        description=(
            "Run the whole analysis and write tidy CSV tables, PNG figures and one "
            "self-contained HTML report into --out. With no CORPUS: the bundled sample."
        ),
    )
    _add_corpus_args(report)
    _add_lexicon_arg(report)
    report.add_argument(
        "--out", metavar="DIR", default="mediakit-report", help="output folder (default: %(default)s)"
    )
    report.add_argument("--actor", help="actor to compare (default: the lexicon's first actor)")
    report.add_argument("--seed", type=int, default=0, help="seed of the bootstrap (default: 0)")
    report.add_argument(
        "--n-jobs", type=int, default=1, help="worker processes for the analysis (default: 1)"
    )

    mentions = sub.add_parser("mentions", help="the mentions table as CSV")
    _add_corpus_args(mentions)
    _add_lexicon_arg(mentions)
    _add_voice_arg(mentions)
    mentions.add_argument(
        "--tone", action="store_true", help="add VADER tone columns (compound, compound_masked)"
    )
    _add_out_arg(mentions)

    kwic = sub.add_parser("kwic", help="keywords in context as CSV")
    _add_corpus_args(kwic)
    target = kwic.add_mutually_exclusive_group()
    target.add_argument(
        "--pattern",
        action="append",
        metavar="GLOB",
        help="a token glob or phrase such as 'terrorist*' or 'opposition forces' (repeatable)",
    )
    _add_lexicon_arg(target)
    kwic.add_argument("--window", type=int, default=5, help="words each side (default: 5)")
    kwic.add_argument(
        "--unit", choices=["words", "sentence"], default="words", help="context unit (default: words)"
    )
    _add_voice_arg(kwic)
    _add_out_arg(kwic)

    lexicons = sub.add_parser("lexicons", help="list the bundled lexicons, or show one as a table")
    lexicons.add_argument("name", nargs="?", metavar="NAME|FILE", help="show this lexicon's patterns")
    _add_out_arg(lexicons)

    audit = sub.add_parser(
        "audit", help="words that look like a lexicon pattern's variants but are not matched"
    )
    _add_corpus_args(audit)
    _add_lexicon_arg(audit)
    _add_out_arg(audit)

    sentiment = sub.add_parser("sentiment", help="VADER tone per sentence or per article as CSV")
    _add_corpus_args(sentiment)
    sentiment.add_argument(
        "--level",
        choices=["sentence", "document"],
        default="sentence",
        help="one row per sentence or per article (default: sentence)",
    )
    _add_out_arg(sentiment)
    return parser


def _load(args: argparse.Namespace, stdin: TextIO) -> pd.DataFrame:
    from .corpus import load_corpus, load_sample

    errors = "skip" if args.skip_bad else "raise"
    if not args.corpus:
        return load_sample()
    if args.corpus == ["-"]:
        table = pd.read_csv(io.StringIO(stdin.read()), dtype=str, keep_default_na=False)
        return load_corpus(table, outlet=args.outlet, errors=errors)
    if "-" in args.corpus:
        raise _UsageError("'-' (standard input) cannot be combined with other inputs")
    sources = [Path(p) for p in args.corpus]
    for path in sources:
        if not path.exists():
            raise MediakitError(f"{path}: no such file or folder")
    source: object = sources[0] if len(sources) == 1 else sources
    return load_corpus(
        source,
        format=args.format,
        outlet=args.outlet,
        encoding=args.encoding,
        errors=errors,
    )


def _lexicon(args: argparse.Namespace):
    from .lexicon import load_lexicon

    return load_lexicon(args.lexicon) if args.lexicon else None


def _write_csv(table: pd.DataFrame, out: str | None, stdout: TextIO) -> None:
    if out:
        Path(out).parent.mkdir(parents=True, exist_ok=True)
        table.to_csv(out, index=False)
    else:
        table.to_csv(stdout, index=False)


def _filter_voice(table: pd.DataFrame, voice: str) -> pd.DataFrame:
    if voice == "all" or "voice" not in table.columns:
        return table
    return table[table["voice"] == voice].reset_index(drop=True)


def _run(args: argparse.Namespace, stdin: TextIO, stdout: TextIO, stderr: TextIO) -> int:
    progress = not args.quiet and stderr.isatty()
    if args.command == "lexicons":
        from .lexicon import list_lexicons, load_lexicon

        table = load_lexicon(args.name).to_frame() if args.name else list_lexicons()
        _write_csv(table, args.out, stdout)
        return EXIT_OK

    corpus = _load(args, stdin)
    skipped = corpus.attrs.get("skipped")
    if skipped is not None and len(skipped) and not args.quiet:
        for rec in skipped.itertuples(index=False):
            print(f"mediakit: skipped {rec.file} row {rec.row}: {rec.reason}", file=stderr)

    if args.command == "report":
        from .report import write_report

        written = write_report(
            corpus,
            lexicon=_lexicon(args),
            out_dir=Path(args.out),
            actor=args.actor,
            seed=args.seed,
            n_jobs=args.n_jobs,
            progress=progress,
        )
        print(f"mediakit: wrote the report to {written.html}", file=stdout)
        print(f"mediakit: tables and figures are in {written.out_dir}", file=stdout)
        return EXIT_OK

    if args.command == "mentions":
        if args.tone:
            from .analysis import analyze

            table = analyze(corpus, _lexicon(args), progress=progress).mentions
        else:
            from .framing import find_mentions
            from .lexicon import load_lexicon, DEFAULT_LEXICON

            lexicon = _lexicon(args) or load_lexicon(DEFAULT_LEXICON)
            table = find_mentions(corpus, lexicon)
        _write_csv(_filter_voice(table, args.voice), args.out, stdout)
        return EXIT_OK

    if args.command == "kwic":
        from .framing import kwic
        from .lexicon import load_lexicon, DEFAULT_LEXICON

        target = args.pattern or _lexicon(args) or load_lexicon(DEFAULT_LEXICON)
        table = kwic(corpus, target, window=args.window, unit=args.unit)
        _write_csv(_filter_voice(table, args.voice), args.out, stdout)
        return EXIT_OK

    if args.command == "audit":
        from .framing import audit_lexicon
        from .lexicon import load_lexicon, DEFAULT_LEXICON

        lexicon = _lexicon(args) or load_lexicon(DEFAULT_LEXICON)
        _write_csv(audit_lexicon(corpus, lexicon), args.out, stdout)
        return EXIT_OK

    if args.command == "sentiment":
        from .sentiment import score_documents, score_sentences
        from .text import sentences

        scored = score_sentences(sentences(corpus))
        table = scored if args.level == "sentence" else score_documents(scored, corpus=corpus)
        _write_csv(table, args.out, stdout)
        return EXIT_OK

    raise _UsageError(f"unknown command {args.command!r}")  # pragma: no cover - argparse guards


def main(
    argv: Sequence[str] | None = None,
    *,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """Run the ``mediakit`` command with ``argv`` and return its exit code."""
    stdin = stdin if stdin is not None else sys.stdin
    stdout = stdout if stdout is not None else sys.stdout
    stderr = stderr if stderr is not None else sys.stderr
    parser = build_parser()
    try:
        args = parser.parse_args(list(argv) if argv is not None else None)
    except SystemExit as exc:  # argparse exits 2 on usage errors and 0 on --help
        return int(exc.code or 0)
    if args.version:
        from . import __version__

        print(f"mediakit {__version__}", file=stdout)
        return EXIT_OK
    if args.command is None:
        parser.print_help(stdout)
        return EXIT_USAGE
    try:
        return _run(args, stdin, stdout, stderr)
    except _UsageError as exc:
        if args.debug:
            raise
        print(f"mediakit: usage error: {exc}", file=stderr)
        return EXIT_USAGE
    except (MediakitError, OSError, UnicodeError, ValueError) as exc:
        if args.debug:
            raise
        message = " ".join(str(exc).split())  # one line, whatever the message holds
        print(f"mediakit: error: {message}", file=stderr)
        return EXIT_DATA_ERROR
