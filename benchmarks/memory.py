r"""Memory of the mentions table: one long unpunctuated article, and a real corpus.

Issues 19 (item 3) and 20 (item 10): a mention used to carry its whole sentence twice
(``sentence`` and ``sentence_masked``), so an 80 KB article without a full stop and
dense in labels made a mentions table of hundreds of MiB. This script measures, each
case in a fresh child process:

- ``dense``: ``analyze`` on one article of about ``--kilobytes`` KB (default 80) built
  from the project's own words, with no sentence-ending punctuation and a label every
  few words (``conflict`` lexicon): the mentions table's bytes
  (``DataFrame.memory_usage(deep=True).sum()``), the peak RSS growth of the process
  during the call (``getrusage(RUSAGE_SELF).ru_maxrss`` after the call minus the same
  figure after imports, warm-up and building the corpus) and the wall time of the call;
- ``dense-sentences``: the same, then :meth:`mediakit.Analysis.mentions_with_sentences`
  with ``masked=True`` (the old table's content, built only when asked);
- ``fakes``: ``analyze`` on the FA-KES development copy (``--fakes PATH``, default
  ``../shared/data/fa-kes-dev/FA-KES-dev.csv``, read as latin-1 with
  ``article_content=text, article_title=title, source=outlet``; skipped when absent):
  the same three figures, the RSS growth counted from after loading the corpus, and
  also the whole process's peak RSS.

Peak RSS is the figure that matters (pyarrow's string buffers are not seen by
``tracemalloc``). Times are wall-clock on a possibly shared machine: read them as
rough ratios between before and after, never as absolute speed.

Usage::

    python benchmarks/memory.py                      # all cases, a table
    python benchmarks/memory.py --case dense --json  # one case, its JSON
    python benchmarks/memory.py --code ../old-checkout --cases dense,fakes  # before
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
FAKES = REPO.parent / "shared" / "data" / "fa-kes-dev" / "FA-KES-dev.csv"
CASES = ("dense", "dense-sentences", "fakes")

#: Our own words: a clause of about 110 characters with six labels of the
#: ``conflict`` lexicon, repeated with no full stop, question or exclamation mark.
CLAUSE = ("the rebels and the militants shelled the army while the insurgents and "
          "government forces held the bridge near the terrorists ")


def dense_article(kilobytes: int) -> str:
    """About ``kilobytes`` KB of text without sentence-ending punctuation."""
    reps = max(1, kilobytes * 1000 // len(CLAUSE))
    return (CLAUSE * reps).strip()


def _child(case: str, kilobytes: int, fakes: Path) -> dict[str, Any]:
    import resource
    import time
    import warnings

    import pandas as pd

    import mediakit as mk

    def rss_mib() -> float:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux

    warnings.simplefilter("ignore")
    mk.analyze(pd.DataFrame({"doc_id": ["w"], "outlet": ["o"],
                             "text": ["The rebels said so. The army did not."]}))  # warm up
    if case == "fakes":
        if not fakes.is_file():
            return {"case": case, "skipped": f"{fakes} not found"}
        corpus = mk.load_corpus(fakes, encoding="latin-1", columns={
            "article_content": "text", "article_title": "title", "source": "outlet"})
    else:
        corpus = pd.DataFrame({"doc_id": ["dense"], "outlet": ["o"],
                               "text": [dense_article(kilobytes)]})
    before = rss_mib()
    t0 = time.perf_counter()
    result = mk.analyze(corpus)
    table = result.mentions
    if case == "dense-sentences":
        table = result.mentions_with_sentences(masked=True)
    seconds = time.perf_counter() - t0
    after = rss_mib()
    return {
        "case": case,
        "chars": int(corpus["text"].str.len().sum()),
        "articles": len(corpus),
        "mentions": len(table),
        "columns": len(table.columns),
        "mentions_mib": round(float(table.memory_usage(deep=True).sum()) / 2**20, 2),
        "rss_growth_mib": round(after - before, 1),
        "peak_rss_mib": round(after, 1),
        "seconds": round(seconds, 2),
    }


def run_case(case: str, kilobytes: int, fakes: Path, code: Path = REPO) -> dict[str, Any]:
    """One case in a fresh Python process importing mediakit from ``code``; its
    measurements."""
    env = {**os.environ, "PYTHONPATH": str(code) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    out = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--case", case, "--json",
         "--kilobytes", str(kilobytes), "--fakes", str(fakes)],
        check=True, capture_output=True, text=True, env=env)
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--case", choices=CASES, help="one case, in this process")
    parser.add_argument("--json", action="store_true", help="print the case's JSON")
    parser.add_argument("--kilobytes", type=int, default=80)
    parser.add_argument("--fakes", type=Path, default=FAKES)
    parser.add_argument("--cases", default=",".join(CASES),
                        help="comma-separated cases for the table (default: all)")
    parser.add_argument("--code", type=Path, default=REPO,
                        help="the mediakit checkout to measure, e.g. a worktree of an "
                        "older commit (default: this repository)")
    args = parser.parse_args(argv)
    if args.case:
        print(json.dumps(_child(args.case, args.kilobytes, args.fakes)))
        return 0
    print(f"{'case':16} {'chars':>9} {'mentions':>9} {'cols':>5} {'table MiB':>10} "
          f"{'RSS +MiB':>9} {'peak MiB':>9} {'s':>7}")
    for case in args.cases.split(","):
        r = run_case(case, args.kilobytes, args.fakes, args.code)
        if "skipped" in r:
            print(f"{case:16} skipped: {r['skipped']}")
            continue
        print(f"{case:16} {r['chars']:>9,} {r['mentions']:>9,} {r['columns']:>5} "
              f"{r['mentions_mib']:>10,.2f} {r['rss_growth_mib']:>9,.1f} "
              f"{r['peak_rss_mib']:>9,.1f} {r['seconds']:>7.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
