"""benchmarks/run.py prints the throughput table (issue 19) on a real-format corpus.

Only that the script runs and what it prints are checked here; speed is measured by
the script, never asserted in the test suite.
"""

from __future__ import annotations

import csv
import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
RUN = REPO / "benchmarks" / "run.py"

# Three articles laid out as FA-KES publishes them: its own column names, latin-1,
# month-first dates, CRLF line ends.
ARTICLES = [
    ("1", "Shelling in Idlib",
     "Rebels shelled the town on Monday. Government forces said the terrorists had fired first.",
     "reuters", "4/16/2017"),
    ("2", "Army advances",
     'The army advanced near Aleppo. "We will win," a commander said. Opposition forces withdrew.',
     "sana", "5/02/2017"),
    ("3", "Talks in Geneva",
     "Delegates met in Geneva for a third day. The militants were not invited, officials said.",
     "trt", "6/11/2017"),
]


def _write_fakes_like(path: Path) -> None:
    with path.open("w", encoding="latin-1", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(["unit_id", "article_title", "article_content", "source", "date"])
        writer.writerows(ARTICLES)


def _run(*args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(RUN), *args], capture_output=True, text=True, timeout=timeout, check=False, cwd=REPO
    )


def test_table_on_a_csv_corpus_with_its_own_column_names(tmp_path: Path) -> None:
    corpus = tmp_path / "fakes-like.csv"
    _write_fakes_like(corpus)
    proc = _run(
        "--corpus", str(corpus),
        "--columns", "text=article_content,title=article_title,outlet=source,doc_id=unit_id",
        "--encoding", "latin-1", "--date-format", "monthfirst",
        "--workers", "1,2", "--repeat", "1",
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    words = sum(len(row[2].split()) for row in ARTICLES)
    assert f"3 articles, {words:,} words" in out
    assert "| run | best s | words/s | x loop | CPU s | peak MiB, main | peak MiB, largest worker |" in out
    number = r"[\d,]+(?:\.\d+)?"
    loop = re.search(rf"^\| hand-written loop \| ({number}) \| ({number}) \| 1\.00 \| ({number}) \| ({number}) \| - \|$", out, re.MULTILINE)
    assert loop, out
    for k in (1, 2):
        row = re.search(rf"^\| `analyze\(n_jobs={k}\)` \| ({number}) \| ({number}) \| ({number}) \| ({number}) \| ({number}) \| (.+) \|$",
                        out, re.MULTILINE)  # fmt: skip
        assert row, out
        words_per_second, cpu_seconds, peak = (float(row.group(j).replace(",", "")) for j in (2, 4, 5))
        assert words_per_second > 0 and cpu_seconds > 0 and peak > 0
    assert "n_jobs=4" not in out
    assert re.search(r"load average \d+\.\d\d before", out)


def test_bad_column_mapping_is_refused_before_any_run(tmp_path: Path) -> None:
    corpus = tmp_path / "fakes-like.csv"
    _write_fakes_like(corpus)
    proc = _run("--corpus", str(corpus), "--columns", "article_content=text", timeout=120)
    assert proc.returncode == 2
    assert "--columns" in proc.stderr and "article_content" in proc.stderr
    assert "did you mean text=article_content" in proc.stderr


def test_loader_options_need_a_corpus() -> None:
    proc = _run("--encoding", "latin-1", timeout=120)
    assert proc.returncode == 2
    assert "need --corpus" in proc.stderr


def test_a_missing_corpus_is_named(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.csv"
    proc = _run("--corpus", str(missing), timeout=120)
    assert proc.returncode == 2
    assert "nowhere.csv" in proc.stderr and "does not exist" in proc.stderr


def test_memory_runs_report_the_workers_peak_and_cpu(tmp_path: Path) -> None:
    # The pool outlives analyze(): the --memory runs (one fresh process each) must
    # stop it before reading RUSAGE_CHILDREN, or the largest worker reads 0.0 MiB and
    # the workers' CPU time is missing.
    import json

    corpus = tmp_path / "corpus.jsonl"
    gen = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "generate_corpus.py"), "--words", "60000",
         "--seed", "0", "--out", str(corpus)],
        capture_output=True, text=True, timeout=300, check=False, cwd=REPO,
    )
    assert gen.returncode == 0, gen.stderr
    assert corpus.stat().st_size > 250_000  # above the threshold for workers
    for mode in ("mediakit", "mediakit-stream"):
        proc = _run("--child", mode, "--child-corpus", str(corpus), "--n-jobs", "2")
        assert proc.returncode == 0, proc.stderr
        result = json.loads(proc.stdout.strip().splitlines()[-1])
        assert result["words"] == 60059, result
        assert result["peak_rss_largest_worker_mib"] > 10, result
        assert result["cpu_seconds"] > 0, result
