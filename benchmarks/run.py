r"""Throughput benchmark: mediakit's full analysis next to the hand-written baseline.

The default run prints the table of issue 19 for one corpus, the generated one
(``--words``) or a real one (``--corpus PATH`` with the loader's options, e.g.
FA-KES): words per second of the hand-written loop and of
``mediakit.analyze(corpus, n_jobs=k)`` for each worker count of ``--workers``
(default 1, 2, 4), each one's ratio to the loop ("x loop") and its peak memory.

- speed: ONE child process loads the corpus once, then runs the hand-written loop
  (``benchmarks/baseline.py``'s ``run_loop``: regex sentences, vaderSentiment per
  sentence, regex label counts) and ``analyze`` with each worker count,
  interleaved, ``--repeat`` rounds; each figure is the best (least wall time) of its
  rounds, and "x loop" compares two figures measured in the same process. Loading
  the corpus is outside the timer on both sides; everything else (building the
  models, starting the workers) is inside;
- peak memory: each run once more, alone, in a fresh child process:
  ``getrusage(RUSAGE_SELF).ru_maxrss`` of that process (corpus loaded, run done)
  and, after its worker processes have exited, ``getrusage(RUSAGE_CHILDREN)
  .ru_maxrss``, the peak of the largest worker (a forked worker's figure includes
  the pages it shares with the main process).

Then, on the generated corpus only, the older comparisons: baseline and mediakit
each in a fresh process, and on corpora of 1x, 2x, 4x, 8x and 16x ``--base-words``
words (``--no-scaling`` skips them).

``--memory`` instead measures the peak memory of the in-memory analysis and of
``mediakit.analyze_stream`` (chunks read from the file, tables written to
Parquet) on corpora of ``--memory-scales`` times ``--memory-words`` words.

``--only-vader`` instead compares the reference vaderSentiment scorer with
``mediakit._vader`` on the generated corpus's sentences (same sentences, results
checked for exact equality), plus the baseline loop with each scorer.

Times are wall-clock (and CPU, user+sys, including worker processes, in the older
comparisons). The machine may be shared: the table says the load average before
and after, and only ratios measured in one process are worth comparing. Speed is
never asserted in the test suite: this script is where it is measured.

Usage::

    python benchmarks/run.py --words 1000000 --repeat 3
    python benchmarks/run.py --corpus ../shared/data/fa-kes-dev/FA-KES-dev.csv \
        --columns text=article_content,title=article_title,outlet=source \
        --encoding latin-1 --date-format monthfirst --repeat 3
    python benchmarks/run.py --only-vader --words 1000000
    python benchmarks/run.py --memory --memory-words 1000000 --memory-scales 1,8
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
# Articles per chunk of the streamed analysis (mediakit.analyze_stream).
STREAM_CHUNKSIZE = 500


# --- child side: one measurement per process ------------------------------------------


def _cpu_seconds() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def _peak_mib() -> tuple[float, float]:
    # ru_maxrss is in KiB on Linux; RUSAGE_CHILDREN gives the largest worker.
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, kids


def _corpus_sentences(path: Path) -> list[str]:
    from baseline import SENTENCE_END_RE, iter_articles

    return [s for a in iter_articles(path) for s in SENTENCE_END_RE.split(a["text"]) if s.strip()]


# Modules mediakit imports lazily, on first use. Imports stay outside the timed part
# on both sides (the baseline imports vaderSentiment before its timer); building the
# models (Punkt's parameters, VADER's tables, the lexicon's regex) is timed.
LAZY_IMPORTS = ("nltk.tokenize.punkt", "punkt.data.english", "punkt.data.curated", "vaderSentiment")


def _import_lazy_modules() -> None:
    import importlib

    for module in LAZY_IMPORTS:
        importlib.import_module(module)


def _child(mode: str, corpus: Path, n_jobs: int, result_file: Path | None) -> dict:
    sys.path.insert(0, str(REPO))
    sys.path.insert(1, str(HERE))
    out: dict = {"mode": mode}
    if mode in ("baseline", "baseline-fastvader"):
        import baseline

        scorer = None
        if mode == "baseline-fastvader":
            from mediakit import _vader

            scorer = _vader.polarity_scores
        out["rss_after_imports_mib"] = _peak_mib()[0]
        cpu0, t0 = _cpu_seconds(), time.perf_counter()
        res = baseline.run_baseline(corpus, scorer=scorer)
        out.update(seconds=time.perf_counter() - t0, cpu_seconds=_cpu_seconds() - cpu0, words=res["words"])
    elif mode == "mediakit":
        import inspect

        import mediakit

        _import_lazy_modules()
        out["rss_after_imports_mib"] = _peak_mib()[0]
        kwargs = {"n_jobs": n_jobs} if "n_jobs" in inspect.signature(mediakit.analyze).parameters else {}
        out["analyze_kwargs"] = kwargs
        cpu0, t0 = _cpu_seconds(), time.perf_counter()
        try:
            corpus_df = mediakit.load_corpus(corpus)
            mediakit.analyze(corpus_df, **kwargs)
        except NotImplementedError as exc:
            return {"mode": mode, "error": f"not available on this branch: {exc}"}
        seconds = time.perf_counter() - t0
        # The pool outlives the call: its workers' CPU time and peak memory reach
        # RUSAGE_CHILDREN only once they have exited.
        _stop_workers()
        out.update(seconds=seconds, cpu_seconds=_cpu_seconds() - cpu0)
        out["words"] = int(corpus_df["text"].str.split().str.len().sum())
    elif mode == "mediakit-stream":
        import shutil
        import tempfile

        import mediakit

        _import_lazy_modules()
        import pyarrow.parquet  # noqa: F401  (written by analyze_stream)

        out["rss_after_imports_mib"] = _peak_mib()[0]
        out_dir = Path(tempfile.mkdtemp(prefix="mediakit-stream-"))
        cpu0, t0 = _cpu_seconds(), time.perf_counter()
        try:
            files = mediakit.analyze_stream(corpus, out_dir, chunksize=STREAM_CHUNKSIZE, n_jobs=n_jobs, overwrite=True)
            seconds = time.perf_counter() - t0
            _stop_workers()  # as above: the workers' figures once they have exited
            out.update(seconds=seconds, cpu_seconds=_cpu_seconds() - cpu0)
            out["output_mib"] = sum(f.stat().st_size for f in out_dir.rglob("*") if f.is_file()) / 2**20
            out["articles"] = files.n_articles
        finally:
            shutil.rmtree(out_dir, ignore_errors=True)
        # Counted here, outside the timed part, without holding the corpus.
        import baseline

        out["words"] = sum(len(a["text"].split()) for a in baseline.iter_articles(corpus))
    elif mode in ("vader-ref", "vader-fast", "vader-fast-many"):
        import numpy as np

        sentences = _corpus_sentences(corpus)
        if mode == "vader-ref":
            from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

            analyzer = SentimentIntensityAnalyzer()

            def run() -> np.ndarray:
                rows = []
                for s in sentences:
                    d = analyzer.polarity_scores(s)
                    rows.append((d["neg"], d["neu"], d["pos"], d["compound"]))
                return np.array(rows, dtype=np.float64).reshape(-1, 4)

        elif mode == "vader-fast":
            from mediakit import _vader

            def run() -> np.ndarray:
                return np.array([_vader.polarity_scores(s) for s in sentences], dtype=np.float64).reshape(-1, 4)

        else:
            from mediakit import _vader

            def run() -> np.ndarray:
                return _vader.score_many(sentences)

        out["rss_after_imports_mib"] = _peak_mib()[0]
        cpu0, t0 = _cpu_seconds(), time.perf_counter()
        scores = run()
        out.update(seconds=time.perf_counter() - t0, cpu_seconds=_cpu_seconds() - cpu0)
        out["words"] = sum(len(s.split()) for s in sentences)
        out["sentences"] = len(sentences)
        if result_file is not None:
            np.save(result_file, scores)
    else:
        raise SystemExit(f"unknown mode {mode!r}")
    out["peak_rss_mib"], out["peak_rss_largest_worker_mib"] = _peak_mib()
    out["words_per_second"] = out["words"] / out["seconds"]
    out["words_per_cpu_second"] = out["words"] / out["cpu_seconds"]
    return out


# --- the table: the loop and analyze per worker count, in one process ---------------


def _load(corpus: Path, load_options: dict) -> Any:
    import mediakit

    return mediakit.load_corpus(corpus, **load_options)


def _articles(frame: Any) -> list[dict]:
    """The loop's input: the loaded corpus as plain dicts (built outside the timer)."""
    return [{"outlet": o, "text": t} for o, t in zip(frame["outlet"].tolist(), frame["text"].tolist(), strict=True)]


def _stop_workers() -> None:
    """Stop the worker pool mediakit keeps between calls, so that its workers' peak
    memory reaches ``RUSAGE_CHILDREN`` (a version whose pool ends with each call
    needs nothing)."""
    try:
        from mediakit import _parallel
    except ImportError:
        return
    _parallel.shutdown()


def _cpu_now(workers: set[int]) -> tuple[float, dict[int, float]]:
    """CPU seconds (user + system) of this process, and of each live worker of
    the pool mediakit keeps (read from /proc; empty where there is none)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    ticks = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    per_worker: dict[int, float] = {}
    for pid in workers:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        per_worker[pid] = (int(fields[11]) + int(fields[12])) / ticks  # utime, stime
    return own.ru_utime + own.ru_stime, per_worker


def _pool_pids() -> set[int]:
    try:
        from mediakit import _parallel
    except ImportError:
        return set()
    pool = _parallel._pool
    return set(getattr(pool, "_processes", None) or ()) if pool is not None else set()


def _table_child(corpus: Path, load_options: dict, workers: list[int], repeat: int, lexicon: str | None) -> dict:
    sys.path.insert(0, str(REPO))
    sys.path.insert(1, str(HERE))
    import baseline

    import mediakit

    _import_lazy_modules()
    frame = _load(corpus, load_options)
    articles = _articles(frame)
    words = sum(len(a["text"].split()) for a in articles)
    seconds: dict[str, list[float]] = {"loop": [], **{f"n_jobs={k}": [] for k in workers}}
    # CPU seconds of all processes of a run (this one and the pool's workers): on a
    # busy machine wall time says little about what the workers cost, CPU time does
    cpu: dict[str, list[float]] = {run: [] for run in seconds}
    for _ in range(max(1, repeat)):
        own0, _ = _cpu_now(set())
        t0 = time.perf_counter()
        baseline.run_loop(articles)
        seconds["loop"].append(time.perf_counter() - t0)
        cpu["loop"].append(_cpu_now(set())[0] - own0)
        for k in workers:
            own0, kids0 = _cpu_now(_pool_pids())
            t0 = time.perf_counter()
            mediakit.analyze(frame, lexicon, n_jobs=k)
            seconds[f"n_jobs={k}"].append(time.perf_counter() - t0)
            own1, kids1 = _cpu_now(_pool_pids() | set(kids0))
            cpu[f"n_jobs={k}"].append(own1 - own0 + sum(t - kids0.get(pid, 0.0) for pid, t in kids1.items()))
    _stop_workers()
    return {"words": words, "articles": len(frame), "seconds": seconds, "cpu_seconds": cpu}


def _memory_child(mode: str, corpus: Path, load_options: dict, n_jobs: int, lexicon: str | None) -> dict:
    sys.path.insert(0, str(REPO))
    sys.path.insert(1, str(HERE))
    import baseline

    import mediakit

    _import_lazy_modules()
    frame = _load(corpus, load_options)
    articles = _articles(frame)
    after_load = _peak_mib()[0]
    if mode == "memory-loop":
        baseline.run_loop(articles)
    else:
        mediakit.analyze(frame, lexicon, n_jobs=n_jobs)
        _stop_workers()
    own, largest_worker = _peak_mib()
    return {"after_load_mib": after_load, "peak_mib": own, "largest_worker_mib": largest_worker}


def _child_json(cmd: list[str]) -> dict:
    proc = subprocess.run(cmd, check=False, capture_output=True, text=True)
    if proc.returncode != 0:
        tail = proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else f"exit {proc.returncode}"
        raise SystemExit(f"benchmark child {cmd[3]!r} failed: {tail}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _table(corpus: Path, load_options: dict, workers: list[int], repeat: int, lexicon: str | None) -> dict:
    """Print the table (speed in one process, memory per run in fresh processes)."""
    me = [sys.executable, str(Path(__file__).resolve())]
    common = ["--child-corpus", str(corpus), "--load-options", json.dumps(load_options)]
    if lexicon is not None:
        common += ["--lexicon", lexicon]
    load_before = os.getloadavg()
    speed = _child_json(
        [*me, "--child", "table", *common, "--workers", ",".join(map(str, workers)), "--repeat", str(repeat)]
    )
    memory = {"loop": _child_json([*me, "--child", "memory-loop", *common])}
    for k in workers:
        memory[f"n_jobs={k}"] = _child_json([*me, "--child", "memory-analyze", *common, "--n-jobs", str(k)])
    load_after = os.getloadavg()

    words = speed["words"]
    best = {run: min(times) for run, times in speed["seconds"].items()}
    loop_rate = words / best["loop"]
    print(
        f"\n{speed['articles']:,} articles, {words:,} words (whitespace tokens of the texts); best of "
        f"{max(1, repeat)} interleaved rounds in one process; load average {load_before[0]:.2f} before, "
        f"{load_after[0]:.2f} after\n"
    )
    print("| run | best s | words/s | x loop | CPU s | peak MiB, main | peak MiB, largest worker |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    rows = []
    for run, secs in best.items():
        label = "hand-written loop" if run == "loop" else f"`analyze({run})`"
        mem = memory[run]
        worker = f"{mem['largest_worker_mib']:,.0f}" if mem["largest_worker_mib"] > 0 else "-"
        rate = words / secs
        cpu = min(speed["cpu_seconds"][run])
        print(
            f"| {label} | {secs:.2f} | {rate:,.0f} | {rate / loop_rate:.2f} | {cpu:.2f} "
            f"| {mem['peak_mib']:,.0f} | {worker} |"
        )
        rows.append(
            {"run": run, "best_seconds": secs, "words_per_second": rate, "x_loop": rate / loop_rate, "cpu_seconds": cpu, **mem}
        )
    print(
        "\nevery round, seconds: "
        + "; ".join(f"{run}: " + ", ".join(f"{t:.2f}" for t in times) for run, times in speed["seconds"].items())
    )
    print(
        "CPU s: least CPU time (user + system) of the run's rounds, this process and the pool's workers together "
        "(/proc/PID/stat)"
    )
    print(
        "peak memory: each run once more, alone, in a fresh process, ru_maxrss of that process "
        f"(corpus loaded: {memory['loop']['after_load_mib']:,.0f} MiB before the run) and of its largest "
        "worker (RUSAGE_CHILDREN, after the workers exited)"
    )
    return {
        "words": words,
        "articles": speed["articles"],
        "rows": rows,
        "rounds": speed["seconds"],
        "load_before": load_before,
        "load_after": load_after,
    }


# --- parent side -----------------------------------------------------------------------


def _ensure_corpus(workdir: Path, words: int, seed: int) -> Path:
    path = workdir / f"corpus-{words}w-seed{seed}.jsonl"
    if not path.exists():
        sys.path.insert(0, str(HERE))
        from generate_corpus import generate_articles, write_corpus

        tmp = path.with_suffix(".tmp")
        write_corpus(tmp, generate_articles(seed=seed, words=words), fmt="jsonl")
        tmp.rename(path)
    return path


def _measure(mode: str, corpus: Path, n_jobs: int, result_file: Path | None = None) -> dict:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", mode, "--child-corpus", str(corpus), "--n-jobs", str(n_jobs)]
    if result_file is not None:
        cmd += ["--result-file", str(result_file)]
    proc = subprocess.run(cmd, check=False, capture_output=True, text=True)
    if proc.returncode != 0:
        return {"mode": mode, "error": proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else f"exit {proc.returncode}"}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _best_of(mode: str, corpus: Path, n_jobs: int, repeat: int, result_file: Path | None = None) -> dict:
    """Best of ``repeat`` fresh-process runs: least wall and least CPU time, largest peak.

    The minimum is the usual estimator on a shared machine: other load only ever
    adds time.
    """
    runs = [_measure(mode, corpus, n_jobs, result_file) for _ in range(max(1, repeat))]
    if any("error" in r for r in runs):
        return next(r for r in runs if "error" in r)
    best = dict(runs[0])
    best["seconds"] = min(r["seconds"] for r in runs)
    best["cpu_seconds"] = min(r["cpu_seconds"] for r in runs)
    best["peak_rss_mib"] = max(r["peak_rss_mib"] for r in runs)
    best["peak_rss_largest_worker_mib"] = max(r["peak_rss_largest_worker_mib"] for r in runs)
    best["words_per_second"] = best["words"] / best["seconds"]
    best["words_per_cpu_second"] = best["words"] / best["cpu_seconds"]
    best["repeat"] = len(runs)
    return best


def _row(label: str, r: dict) -> str:
    if "error" in r:
        return f"  {label:<24} {r['error']}"
    return (
        f"  {label:<24} {r['words']:>10,} words  {r['seconds']:8.2f} s wall  {r['cpu_seconds']:8.2f} s cpu  "
        f"{r['words_per_second']:>10,.0f} w/s  {r['words_per_cpu_second']:>10,.0f} w/cpu-s  "
        f"peak {r['peak_rss_mib']:7.1f} MiB (after imports {r['rss_after_imports_mib']:.1f}, largest worker {r['peak_rss_largest_worker_mib']:.1f})"
    )


def _ratio(label: str, fast: dict, slow: dict) -> str:
    if "error" in fast or "error" in slow:
        return f"  {label}: n/a"
    return (
        f"  {label}: {fast['words_per_second'] / slow['words_per_second']:.2f}x (wall)   "
        f"{fast['words_per_cpu_second'] / slow['words_per_cpu_second']:.2f}x (cpu)"
    )


def _scaling(
    title: str, modes: list[str], workdir: Path, base: int, scales: list[int], seed: int, n_jobs: int, repeat: int
) -> list[dict]:
    print(f"\n{title}: base {base:,} words, scales {scales}")
    results = []
    first: dict[str, dict] = {}
    for scale in scales:
        corpus = _ensure_corpus(workdir, base * scale, seed)
        for mode in modes:
            r = _best_of(mode, corpus, n_jobs, repeat)
            r["scale"] = scale
            results.append(r)
            if "error" in r:
                print(f"  {scale:>3}x {mode:<20} {r['error']}")
                continue
            first.setdefault(mode, r)
            growth = r["cpu_seconds"] / first[mode]["cpu_seconds"]
            print(
                f"  {scale:>3}x {mode:<20} {r['words']:>10,} words  {r['seconds']:8.2f} s wall  {r['cpu_seconds']:8.2f} s cpu"
                f"  time x{growth:5.2f} vs 1x  peak {r['peak_rss_mib']:7.1f} MiB"
            )
    return results


def _memory(workdir: Path, args: argparse.Namespace) -> list[dict]:
    """Peak RSS of the in-memory and the streamed analysis as the corpus grows."""
    scales = [int(s) for s in args.memory_scales.split(",")]
    print(
        f"\nPeak memory, in memory (analyze(load_corpus)) vs streamed (analyze_stream, "
        f"chunksize {STREAM_CHUNKSIZE}), n_jobs={args.n_jobs}, base {args.memory_words:,} words"
    )
    results = []
    for scale in scales:
        corpus = _ensure_corpus(workdir, args.memory_words * scale, args.seed)
        for mode in ("mediakit", "mediakit-stream"):
            r = _best_of(mode, corpus, args.n_jobs, args.repeat)
            r["scale"] = scale
            results.append(r)
            if "error" in r:
                print(f"  {scale:>3}x {mode:<16} {r['error']}")
                continue
            print(
                f"  {scale:>3}x {mode:<16} {r['words']:>11,} words  {r['seconds']:8.2f} s wall  "
                f"{r['cpu_seconds']:8.2f} s cpu  {r['words_per_second']:>9,.0f} w/s  "
                f"peak {r['peak_rss_mib']:7.1f} MiB main + {r['peak_rss_largest_worker_mib']:6.1f} MiB largest worker"
            )
    return results


def _load_options(parser: argparse.ArgumentParser, args: argparse.Namespace) -> dict:
    """load_corpus's keyword arguments from --columns, --encoding, --date-format and
    --format, --columns checked as the CLI checks it."""
    options: dict = {}
    if args.columns is not None:
        sys.path.insert(0, str(REPO))
        from mediakit.cli import _parse_columns, _UsageError

        try:
            options["columns"] = _parse_columns(args.columns)
        except _UsageError as exc:  # its message names the flag
            parser.error(str(exc))
    for key in ("encoding", "date_format", "format"):
        if getattr(args, key) is not None:
            options[key] = getattr(args, key)
    if options and args.corpus is None:
        parser.error("--columns, --encoding, --date-format and --format need --corpus")
    return options


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--words", type=int, default=1_000_000, help="size of the main comparison corpus")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--n-jobs", type=int, default=os.cpu_count() or 1, help="passed to mediakit.analyze")
    parser.add_argument("--base-words", type=int, default=62_500, help="1x corpus size of the scaling runs")
    parser.add_argument("--scales", default="1,2,4,8,16", help="comma-separated multiples of --base-words")
    parser.add_argument("--no-scaling", action="store_true", help="skip the 1x..16x runs")
    parser.add_argument(
        "--memory", action="store_true",
        help="instead: peak memory of analyze (in memory) and analyze_stream (chunks to Parquet) at --memory-scales",
    )
    parser.add_argument("--memory-words", type=int, default=1_000_000, help="1x corpus size of the --memory runs")
    parser.add_argument("--memory-scales", default="1,8", help="comma-separated multiples of --memory-words")
    parser.add_argument("--only-vader", action="store_true", help="compare reference VADER with mediakit._vader only")
    parser.add_argument("--workdir", type=Path, default=None, help="where corpora are generated (default: a temp dir)")
    parser.add_argument("--repeat", type=int, default=1, help="runs per measurement; the best is reported")
    parser.add_argument("--json-out", type=Path, default=None, help="also write all measurements as JSON")
    parser.add_argument(
        "--corpus", type=Path, default=None,
        help="a real corpus (any file or folder mediakit.load_corpus reads) instead of the generated one; table only",
    )
    parser.add_argument(
        "--columns", metavar="CORPUS=INPUT,...", default=None,
        help="with --corpus: which input columns hold the corpus columns, as the CLI's --columns "
        "(e.g. text=article_content,title=article_title,outlet=source)",
    )
    parser.add_argument("--encoding", default=None, help="with --corpus: encoding of files that are not UTF-8")
    parser.add_argument("--date-format", default=None, help="with --corpus: dayfirst, monthfirst or a strptime format")
    parser.add_argument("--format", default=None, help="with --corpus: force a reader (csv, jsonl, markdown, ...)")
    parser.add_argument("--lexicon", default=None, help="lexicon passed to mediakit.analyze (default: its default)")
    parser.add_argument("--workers", default="1,2,4", help="worker counts (n_jobs) of the table, comma-separated")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--load-options", default="{}", help=argparse.SUPPRESS)
    parser.add_argument("--child-corpus", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--result-file", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.child:
        if args.child == "table":
            workers = [int(k) for k in args.workers.split(",")]
            result = _table_child(args.child_corpus, json.loads(args.load_options), workers, args.repeat, args.lexicon)
        elif args.child in ("memory-loop", "memory-analyze"):
            result = _memory_child(args.child, args.child_corpus, json.loads(args.load_options), args.n_jobs, args.lexicon)
        else:
            result = _child(args.child, args.child_corpus, args.n_jobs, args.result_file)
        print(json.dumps(result))
        return

    load_options = _load_options(parser, args)
    try:
        workers = [int(k) for k in args.workers.split(",")]
    except ValueError:
        parser.error(f"--workers: {args.workers!r} is not a comma-separated list of worker counts")
    if args.corpus is not None:
        if args.memory or args.only_vader:
            parser.error("--corpus prints the table only; --memory and --only-vader run on the generated corpus")
        if not args.corpus.exists():
            parser.error(f"--corpus: {args.corpus} does not exist")
        print(f"python {sys.version.split()[0]}, {os.cpu_count()} cpus, corpus {args.corpus}")
        table = _table(args.corpus, load_options, workers, args.repeat, args.lexicon)
        if args.json_out:
            args.json_out.write_text(json.dumps(table, indent=2))
        return

    tmp = None if args.workdir else tempfile.TemporaryDirectory(prefix="mediakit-bench-")
    workdir = args.workdir or Path(tmp.name)  # type: ignore[union-attr]
    workdir.mkdir(parents=True, exist_ok=True)
    scales = [int(s) for s in args.scales.split(",")]
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cpus, corpus seed {args.seed}, best of {args.repeat}")
    corpus = None if args.memory else _ensure_corpus(workdir, args.words, args.seed)
    report: dict = {"words": args.words, "seed": args.seed, "n_jobs": args.n_jobs, "repeat": args.repeat}

    if args.memory:
        report["memory"] = _memory(workdir, args)
    elif args.only_vader:
        import numpy as np

        print(f"\nVADER scorers on the sentences of a {args.words:,}-word corpus (each in a fresh process)")
        ref_file, fast_file = workdir / "scores-ref.npy", workdir / "scores-fast.npy"
        ref = _best_of("vader-ref", corpus, 1, args.repeat, ref_file)
        fast = _best_of("vader-fast", corpus, 1, args.repeat, fast_file)
        many = _best_of("vader-fast-many", corpus, 1, args.repeat)
        for label, r in [("vaderSentiment 3.3.2", ref), ("mediakit._vader", fast), ("_vader.score_many", many)]:
            print(_row(label, r))
        print(_ratio("mediakit._vader / reference", fast, ref))
        print(_ratio("score_many (distinct once) / reference", many, ref))
        if "error" not in ref and "error" not in fast:
            a, b = np.load(ref_file), np.load(fast_file)
            equal = a.shape == b.shape and bool((a == b).all())
            print(f"  identical scores on all {a.shape[0]:,} sentences: {equal}")
            report["vader_identical"] = equal
        print("\nBaseline loop with each scorer")
        base_ref = _best_of("baseline", corpus, 1, args.repeat)
        base_fast = _best_of("baseline-fastvader", corpus, 1, args.repeat)
        print(_row("baseline (vaderSentiment)", base_ref))
        print(_row("baseline (_vader)", base_fast))
        print(_ratio("baseline with _vader / baseline", base_fast, base_ref))
        report.update(vader_ref=ref, vader_fast=fast, vader_fast_many=many, baseline=base_ref, baseline_fastvader=base_fast)
        if not args.no_scaling:
            report["scaling"] = _scaling(
                "Scaling (VADER scorers)", ["vader-ref", "vader-fast"], workdir, args.base_words, scales, args.seed, 1, args.repeat
            )
    else:
        print(f"\nThe table on the generated {args.words:,}-word corpus (seed {args.seed})")
        report["table"] = _table(corpus, load_options, workers, args.repeat, args.lexicon)
        if not args.no_scaling:
            print(f"\nFull analysis vs baseline, each in a fresh process (n_jobs={args.n_jobs})")
            base = _best_of("baseline", corpus, args.n_jobs, args.repeat)
            full = _best_of("mediakit", corpus, args.n_jobs, args.repeat)
            print(_row("baseline", base))
            print(_row("mediakit.analyze", full))
            print(_ratio("mediakit / baseline", full, base))
            report.update(baseline=base, mediakit=full)
            report["scaling"] = _scaling(
                "Scaling", ["baseline", "mediakit"], workdir, args.base_words, scales, args.seed, args.n_jobs, args.repeat
            )

    if args.json_out:
        args.json_out.write_text(json.dumps(report, indent=2))
    if tmp is not None:
        tmp.cleanup()


if __name__ == "__main__":
    main()
