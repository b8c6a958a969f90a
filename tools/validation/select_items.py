"""Choose the development set's articles and write ``data/validation/items.csv``.

Deterministic (fixed seed, sorted inputs): re-running it on the same FA-KES copy and
the same written files gives the same file. Rules (see ``data/validation/README.md``):

* **Round 1 (quotations and label mentions), FA-KES.** Two strata:
  ``quote_rich``: articles with at least two quoted stretches of five words or more,
  from every outlet that prints quotation marks at all, a fixed quota per outlet,
  chosen at random (seeded) among articles of at most 4,000 characters; and
  ``quote_poor``: articles with at most one such stretch, from all 15 outlets
  (two each where the outlet has them, so the five outlets whose FA-KES copy has
  no quotation marks at all are represented). Articles with an odd number of
  quotation marks (an unclosed quotation) are always taken first in their outlet.
* **Round 2 (events), FA-KES.** Twenty round-1 articles with the most words of
  violence per character, at most two per outlet, plus every written headline.
* **Written articles** (``data/validation/written``) are all in round 1.
* **Split.** Within each source, the articles ordered by stratum, outlet and then
  at random (seeded) alternate dev, dev, test: about two thirds ``dev`` (for tuning; only its
  errors are looked at) and one third ``test`` (kept for honest reporting).

Usage::

    python tools/validation/select_items.py [--fakes PATH] [--out data/validation/items.csv]
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import sys
from collections import defaultdict
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tools.validation.sources import (  # noqa: E402
    ITEM_COLUMNS,
    ITEMS_CSV,
    fakes_doc_id,
    load_written_texts,
    read_fakes,
    sha256,
)

SEED = 20250611
#: Quote-rich articles per outlet (outlets whose copy has quotation marks).
QUOTE_RICH_QUOTA = {
    "ahram": 18, "alaraby": 17, "dailysabah": 14, "trt": 10, "alalam": 12,
    "manar": 9, "sputnik": 9, "jordantimes": 4, "nna": 2,
}
QUOTE_POOR_PER_OUTLET = 2
MAX_CHARS = 4000
ROUND2_FAKES = 20
ROUND2_PER_OUTLET = 2
_VIOLENCE = re.compile(
    r"\b(?:kill\w*|dead|died|dies|death\w*|attack\w*|wound\w*|injur\w*|shell\w*|bomb\w*"
    r"|airstrike\w*|clash\w*|detain\w*|arrest\w*|abduct\w*|kidnap\w*|displac\w*|destroy\w*"
    r"|massacre\w*|execut\w*|besieg\w*|shot|shoot\w*)\b",
    re.IGNORECASE,
)


def long_quotes(text: str) -> tuple[int, bool]:
    """(quoted stretches of five words or more, whether the marks are unbalanced)."""
    marks = [m.start() for m in re.finditer('"', text)]
    pairs = [(marks[k], marks[k + 1]) for k in range(0, len(marks) - 1, 2)]
    return sum(1 for a, b in pairs if len(text[a:b].split()) >= 5), len(marks) % 2 == 1


def assign_splits(groups: dict[tuple[str, ...], list[str]], rng: random.Random) -> dict[str, str]:
    """dev, dev, test, dev, dev, test, ... along the groups in order, each group shuffled.

    One counter runs over all groups of a source, so small groups (two articles of an
    outlet) still give about one third test overall while every group is spread.
    """
    split: dict[str, str] = {}
    counter: dict[str, int] = defaultdict(int)
    for key in sorted(groups):
        ids = sorted(groups[key])
        rng.shuffle(ids)
        for doc in ids:
            split[doc] = "test" if counter[key[0]] % 3 == 2 else "dev"
            counter[key[0]] += 1
    return split


def select(fakes_path: Path | None) -> list[dict[str, object]]:
    rows = read_fakes(fakes_path)
    rng = random.Random(SEED)
    by_outlet: dict[str, list[int]] = defaultdict(list)
    for i, row in enumerate(rows):
        by_outlet[row["source"]].append(i)
    chosen: dict[int, str] = {}
    for outlet in sorted(by_outlet):
        rich, poor, odd_rich = [], [], []
        for i in by_outlet[outlet]:
            text = rows[i]["article_content"]
            n_long, odd = long_quotes(text)
            if len(text) > MAX_CHARS:
                continue
            if n_long >= 2:
                (odd_rich if odd else rich).append(i)
            elif n_long <= 1:
                poor.append(i)
        rng.shuffle(rich)
        rng.shuffle(poor)
        quota = QUOTE_RICH_QUOTA.get(outlet, 0)
        for i in (odd_rich + rich)[:quota]:
            chosen[i] = "quote_rich"
        for i in poor[:QUOTE_POOR_PER_OUTLET]:
            chosen[i] = "quote_poor"
    # round 2: the densest in words of violence, at most two per outlet
    density = sorted(
        chosen,
        key=lambda i: (-len(_VIOLENCE.findall(rows[i]["article_content"]))
                       / max(len(rows[i]["article_content"]), 1), i),
    )
    round2: set[int] = set()
    per_outlet: dict[str, int] = defaultdict(int)
    for i in density:
        outlet = rows[i]["source"]
        if per_outlet[outlet] < ROUND2_PER_OUTLET and len(round2) < ROUND2_FAKES:
            round2.add(i)
            per_outlet[outlet] += 1
    groups: dict[tuple[str, ...], list[str]] = defaultdict(list)
    records: list[dict[str, object]] = []
    for i in sorted(chosen):
        row = rows[i]
        doc = f"fakes-{i:04d}"
        groups[("fakes", chosen[i], row["source"])].append(doc)
        records.append({
            "doc_id": doc, "source": "fakes", "fakes_row": i, "unit_id": row["unit_id"],
            "corpus_doc_id": fakes_doc_id(i), "sha256": sha256(row["article_content"]),
            "outlet": row["source"], "round1": "yes", "round2": "yes" if i in round2 else "no",
            "stratum": chosen[i], "written_by_team": "no", "off_topic": "no",
            "n_chars": len(row["article_content"]),
        })
    written = load_written_texts()
    for corpus_id in sorted(written):
        text, meta = written[corpus_id]
        is_headline = str(meta.get("written_kind", "")) == "headline"
        doc = corpus_id if is_headline else "w-" + corpus_id.replace("/", "-")
        stratum = "headline" if is_headline else str(meta.get("hard_case_group") or "written")
        off_topic = str(meta.get("off_topic", "no")).lower() in ("yes", "true")
        groups[("headline" if is_headline else "written", stratum, str(meta["outlet"]))].append(doc)
        records.append({
            "doc_id": doc, "source": "headline" if is_headline else "written", "fakes_row": "",
            "unit_id": "", "corpus_doc_id": corpus_id, "sha256": sha256(text),
            "outlet": str(meta["outlet"]), "round1": "no" if is_headline else "yes",
            "round2": "yes" if is_headline else "no", "stratum": stratum,
            "written_by_team": "yes", "off_topic": "yes" if off_topic else "no",
            "n_chars": len(text),
        })
    split = assign_splits(groups, rng)
    for record in records:
        record["split"] = split[str(record["doc_id"])]
    return records


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fakes", type=Path, default=None)
    parser.add_argument("--out", type=Path, default=ITEMS_CSV)
    args = parser.parse_args(argv)
    records = select(args.fakes)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=ITEM_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(records)
    print(f"{args.out}: {len(records)} items", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
