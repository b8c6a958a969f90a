"""The hand-written baseline that mediakit's throughput is compared with (issue 8).

What a competent researcher would write in an afternoon without mediakit: read
the articles, split each into sentences with a regular expression, score every
sentence with vaderSentiment, and count label words with one compiled regular
expression. No pandas, no caching, no parallelism: a straightforward loop. It is
the yardstick, not a straw man, so it uses the fast, obvious tools (one compiled
pattern, a single analyzer instance, ``str.split`` for word counts).

Usage::

    python benchmarks/baseline.py corpus.jsonl
"""

from __future__ import annotations

import argparse
import json
import re
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

LABELS = ["Tarvian-backed armed groups", "Tarvian-backed armed group", "terrorists", "terrorist",
          "rebels", "rebel", "insurgents", "insurgent", "opposition forces", "militants", "militant",
          "jihadists", "jihadist", "armed groups", "armed group", "regime", "government forces", "army"]  # fmt: skip
# Longest alternatives first so "armed groups" is not counted as "armed group".
LABEL_RE = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in sorted(LABELS, key=len, reverse=True)) + r")\b", re.IGNORECASE)
# A sentence ends at . ! or ? (optionally followed by a closing quote) before whitespace.
SENTENCE_END_RE = re.compile(r"(?<=[.!?])\s+|(?<=[.!?][\"\u201d\u2019])\s+")


def iter_articles(path: Path) -> Iterator[dict]:
    """Articles from a JSONL file or a folder of front-matter .md files."""
    if path.is_dir():
        for file in sorted(path.rglob("*.md")):
            raw = file.read_text(encoding="utf-8")
            meta: dict[str, str] = {}
            if raw.startswith("---\n"):
                header, _, raw = raw[4:].partition("\n---\n")
                for line in header.splitlines():
                    key, _, value = line.partition(":")
                    meta[key.strip()] = value.strip().strip('"')
            yield {"outlet": meta.get("outlet", file.parent.name), "text": raw}
    else:
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    yield json.loads(line)


def run_baseline(path: Path, *, scorer: Callable[[str], object] | None = None) -> dict:
    """Run the baseline loop over a corpus file; return counts, timing and words/second.

    Reading the file is part of the timed loop. ``scorer`` replaces vaderSentiment's
    ``polarity_scores`` (used by the benchmark to show how much of the time is VADER).
    """
    return run_loop(iter_articles(path), scorer=scorer)


def run_loop(articles: Iterable[dict], *, scorer: Callable[[str], object] | None = None) -> dict:
    """The baseline loop over articles (dicts with ``outlet`` and ``text``).

    ``benchmarks/run.py`` passes articles already in memory, so that the loop and
    ``mediakit.analyze`` are timed on the same texts without either reading a file.
    """
    start = time.perf_counter()
    score = scorer or SentimentIntensityAnalyzer().polarity_scores
    words = sentences = n_articles = 0
    compound_sum = 0.0
    label_counts: Counter[tuple[str, str]] = Counter()
    for article in articles:
        n_articles += 1
        text = article["text"]
        words += len(text.split())
        for sentence in SENTENCE_END_RE.split(text):
            if sentence.strip():
                sentences += 1
                result = score(sentence)
                compound_sum += result["compound"] if isinstance(result, dict) else result[3]  # type: ignore[index]
        for match in LABEL_RE.finditer(text):
            label_counts[(article["outlet"], match.group(0).lower())] += 1
    seconds = time.perf_counter() - start
    return {
        "articles": n_articles,
        "words": words,
        "sentences": sentences,
        "mentions": sum(label_counts.values()),
        "mean_compound": compound_sum / max(sentences, 1),
        "seconds": seconds,
        "words_per_second": words / seconds,
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Hand-written baseline: regex split + vaderSentiment + regex counts.")
    parser.add_argument("corpus", type=Path, help="a JSONL file or a folder of .md files")
    args = parser.parse_args(argv)
    result = run_baseline(args.corpus)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
