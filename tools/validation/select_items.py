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
* **Round 3 (a fresh held-out test set; ``--round3``).** Forty FA-KES articles that
  are not in ``items.csv`` (by row or by text hash) and not repeated among themselves,
  at most 4,000 characters, coded like round 1 (quotations and label mentions, no
  events), all ``split`` ``holdout``: 30 ``round3_quote_rich`` (the round-1 criterion,
  unclosed quotations first within an outlet), spread over the outlets that still
  have such articles by filling the smallest outlets first (each outlet gets an equal
  share, an outlet with fewer articles gives all it has and the rest is shared again);
  then 10 ``round3_islamic_state``: articles that name the Islamic State (``IS``,
  ``ISIS``, ``ISIL``, ``Daesh``, ``Islamic State``; a bare ``IS`` inside capitals such
  as ``THIS IS`` does not count) and hold at least two core label-word candidates of
  the coding guide's inventory, at most one per outlet, outlets in seeded random order.
  The stratum names mark the round; ``round1`` is ``yes``, ``round2`` ``no``. The list
  is written outside the repository until the round is adjudicated; once its rows are
  in ``items.csv``, they are not counted as "already in the set", so re-running gives
  the same forty. Re-running the rounds 1-2 selection keeps the round-3 rows of the
  output file (appended after the rows it selects).
* **Round 4 (development data for speaker attribution; ``--round4``).** Forty FA-KES
  articles not in ``items.csv`` (round 3 included; by row or by text hash), not
  repeated, at most 4,000 characters, coded like round 1, all ``split`` ``dev``,
  stratum ``round4_attribution``: the articles with the most quotation and attribution
  material, scored as quoted stretches of three words or more plus attribution verbs
  (``said``, ``told``, ``added``, ``according to``, ``stated``, ``claimed``), so
  outlets that report speech without quotation marks compete too. First the
  best-scoring article of every outlet (as many outlets as possible), then the best of
  the rest, at most 8 per outlet; ties in seeded random order. Written outside the
  repository until adjudicated; its rows in ``items.csv`` are not "already in the set"
  for a re-run (nor for ``--round3``), nor are the rows of round 5, selected after it,
  and a rounds 1-2 re-selection keeps them.
* **Round 5 (a second held-out set, drawn at random; ``--round5``).** Forty FA-KES
  articles not in ``items.csv`` (rounds 3-4 included; by row or by text hash), not
  repeated, at most 4,000 characters, coded like round 1, all ``split`` ``holdout``,
  stratum ``round5_random``: a seeded random draw among the articles with any
  quotation or attribution material (:func:`attribution_score` above zero), spread
  over the outlets by filling the smallest first (:func:`share_out`). Unlike rounds
  3-4 it favours no construction, so it estimates how the rules do on an ordinary
  article that reports speech. Written outside the repository until adjudicated; its
  rows in ``items.csv`` are not "already in the set" for a re-run (nor for ``--round3``
  or ``--round4``), and a rounds 1-2 re-selection keeps them.
* **Round 3 retired (2026-12-03, afternoon).** Round 3's errors were read to learn the
  speaker and referent errors of articles no rule had been tuned on, so its rows are
  ``split`` ``test`` (read, retired) from then on; :func:`select_round3` writes them so.
  Its honest figures before that are in ``data/validation/README.md``.
* **Round 6 (a third held-out set, of articles that quote; ``--round6``).** Forty FA-KES
  articles not in ``items.csv`` (rounds 3-5 included; by row or by text hash), not
  repeated, at most 4,000 characters, coded like round 1, all ``split`` ``holdout``,
  stratum ``round6_quotes``: a seeded random draw among the articles with at least one
  quoted stretch of three words or more (the quotation part of
  :func:`attribution_score`), spread over the outlets by filling the smallest first
  (:func:`share_out`). With round 5 it is the holdout once round 3 is retired: round 5
  says how an ordinary article does, round 6 gives the speaker measure enough
  quotations. Written outside the repository until adjudicated; a rounds 1-2
  re-selection keeps its rows, and earlier rounds re-run without it.
* **Round 6 retired; round 7 (``--round7``) (2026-12-03, afternoon).** Round 6's first
  scores (in ``data/validation/README.md``) showed speaker errors of kinds rounds 1-4
  did not hold, so its errors were read too and its rows became ``split`` ``test``.
  Round 7 is drawn exactly as round 6 (its own seed, stratum ``round7_quotes``) from
  the FA-KES articles that quote and are not yet in the set, and is the holdout with
  round 5.

Usage::

    python tools/validation/select_items.py [--fakes PATH] [--out data/validation/items.csv]
    python tools/validation/select_items.py --round3 --out /outside/the/repo/items_round3.csv
    python tools/validation/select_items.py --round4 --out /outside/the/repo/items_round4.csv
    python tools/validation/select_items.py --round5 --out /outside/the/repo/items_round5.csv
    python tools/validation/select_items.py --round6 --out /outside/the/repo/items_round6.csv
    python tools/validation/select_items.py --round7 --out /outside/the/repo/items_round7.csv
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import sys
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tools.validation.inventory import candidates  # noqa: E402
from tools.validation.sources import (  # noqa: E402
    ITEM_COLUMNS,
    ITEMS_CSV,
    REPO,
    Item,
    fakes_doc_id,
    load_written_texts,
    read_fakes,
    read_items,
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
ROUND3_SEED = 20261203
ROUND3_PREFIX = "round3_"
ROUND3_QUOTE_RICH = 30
ROUND3_ISLAMIC_STATE = 10
ROUND3_MIN_CORE_CANDIDATES = 2
ROUND4_SEED = 20261204
ROUND4_PREFIX = "round4_"
ROUND4_ARTICLES = 40
ROUND4_PER_OUTLET = 8
ROUND4_MIN_QUOTE_WORDS = 3
ROUND5_SEED = 20261205
ROUND5_PREFIX = "round5_"
ROUND6_SEED = 20261206
ROUND6_PREFIX = "round6_"
ROUND7_SEED = 20261207
ROUND7_PREFIX = "round7_"
#: Articles of each round drawn at random (rounds 5, 6 and 7).
RANDOM_ROUND_ARTICLES = 40
#: Strata of the rounds selected after rounds 1-2 (kept on a rounds 1-2 re-selection).
LATER_ROUND_PREFIXES = (ROUND3_PREFIX, ROUND4_PREFIX, ROUND5_PREFIX, ROUND6_PREFIX, ROUND7_PREFIX)
_ATTRIBUTION = re.compile(r"\b(?:said|told|added|according\s+to|stated|claimed)\b", re.IGNORECASE)
_ISLAMIC_STATE = re.compile(r"\b(?:ISIS|ISIL|IS)\b|\b(?:Daesh|Islamic State)\b", re.IGNORECASE)
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


def names_islamic_state(text: str) -> bool:
    """Whether ``text`` names the Islamic State (IS, ISIS, ISIL, Daesh, Islamic State).

    ``ISIS``/``ISIL``/``IS`` count only in capitals, and a bare ``IS`` only when the word
    before it is not in capitals too (``THIS IS`` in a shouted headline is not the group).
    """
    for match in _ISLAMIC_STATE.finditer(text):
        word = match.group(0)
        if word.lower() in ("isis", "isil", "is"):
            if word != word.upper():
                continue
            if word == "IS":
                before = text[:match.start()].split()
                if before and before[-1].isalpha() and before[-1].isupper() and len(before[-1]) > 1:
                    continue
        return True
    return False


def quoted_stretches(text: str) -> int:
    """Quoted stretches of three words or more in ``text`` (marks paired in order)."""
    marks = [m.start() for m in re.finditer('"', text)]
    return sum(1 for k in range(0, len(marks) - 1, 2)
               if len(text[marks[k] + 1:marks[k + 1]].split()) >= ROUND4_MIN_QUOTE_WORDS)


def attribution_score(text: str) -> int:
    """Quoted stretches of three words or more plus attribution verbs in ``text``.

    The quotation marks pair up in order (an unclosed last mark opens no stretch); the
    verbs are ``said``, ``told``, ``added``, ``according to``, ``stated`` and
    ``claimed``, any case, so an outlet that reports speech without quotation marks
    scores too. A one- or two-word stretch (a scare-quoted label) does not count.
    """
    return quoted_stretches(text) + len(_ATTRIBUTION.findall(text))


def share_out(available: dict[str, int], total: int) -> dict[str, int]:
    """An equal share of ``total`` per outlet, smallest outlets first (water filling).

    An outlet with fewer articles than its share gives all it has and the rest is
    shared again among the others; leftovers of an uneven division go to the outlets
    with the most articles (then alphabetically). Never more than ``available``.
    """
    quota = {outlet: 0 for outlet in available}
    left = min(total, sum(available.values()))
    open_outlets = sorted(available, key=lambda o: (available[o], o))
    while left and open_outlets:
        share = max(left // len(open_outlets), 1)
        for outlet in list(open_outlets):
            take = min(share, available[outlet] - quota[outlet], left)
            quota[outlet] += take
            left -= take
            if quota[outlet] == available[outlet]:
                open_outlets.remove(outlet)
            if not left:
                break
        open_outlets.sort(key=lambda o: (-available[o], o))
    return quota


def _eligible(rows: list[dict[str, str]], existing: list[Item]) -> list[int]:
    """FA-KES rows not in ``existing`` (by row or text hash), not repeated, short enough."""
    used_rows = {i.fakes_row for i in existing if i.fakes_row is not None}
    used_hashes = {i.sha256 for i in existing}
    eligible: list[int] = []
    for i, row in enumerate(rows):
        text = row["article_content"]
        digest = sha256(text)
        if i in used_rows or digest in used_hashes or len(text) > MAX_CHARS:
            continue
        used_hashes.add(digest)  # a text repeated in FA-KES is taken once, at its first row
        eligible.append(i)
    return eligible


def _taken_before(existing: list[Item], prefix: str) -> list[Item]:
    """The items of ``existing`` selected before the round of ``prefix``.

    The rows of that round and of every later round (``LATER_ROUND_PREFIXES`` is in
    round order) are not "already in the set", so a round re-run after later rounds
    joined ``items.csv`` draws from the pool it first drew from: the same articles.
    """
    later = LATER_ROUND_PREFIXES[LATER_ROUND_PREFIXES.index(prefix):]
    return [i for i in existing if not i.stratum.startswith(later)]


def _round1_record(rows: list[dict[str, str]], i: int, *, split: str, stratum: str) -> dict[str, object]:
    """The ``items.csv`` record of FA-KES row ``i`` chosen by a later round (round 1 only)."""
    row = rows[i]
    return {
        "doc_id": f"fakes-{i:04d}", "source": "fakes", "fakes_row": i, "unit_id": row["unit_id"],
        "corpus_doc_id": fakes_doc_id(i), "sha256": sha256(row["article_content"]),
        "outlet": row["source"], "split": split, "round1": "yes", "round2": "no",
        "stratum": stratum, "written_by_team": "no", "off_topic": "no",
        "n_chars": len(row["article_content"]),
    }


def select_round3(fakes_path: Path | None, *, existing: list[Item]) -> list[dict[str, object]]:
    """The round-3 held-out articles (module docstring), as ``items.csv`` records."""
    rows = read_fakes(fakes_path)
    rng = random.Random(ROUND3_SEED)
    eligible = _eligible(rows, _taken_before(existing, ROUND3_PREFIX))
    rich: dict[str, list[int]] = defaultdict(list)
    odd_rich: dict[str, list[int]] = defaultdict(list)
    for i in eligible:
        n_long, odd = long_quotes(rows[i]["article_content"])
        if n_long >= 2:
            (odd_rich if odd else rich)[rows[i]["source"]].append(i)
    outlets = sorted(set(rich) | set(odd_rich))
    quota = share_out({o: len(rich[o]) + len(odd_rich[o]) for o in outlets}, ROUND3_QUOTE_RICH)
    chosen: dict[int, str] = {}
    for outlet in outlets:
        ordered = list(odd_rich[outlet])
        rng.shuffle(ordered)
        rest = list(rich[outlet])
        rng.shuffle(rest)
        for i in (ordered + rest)[:quota[outlet]]:
            chosen[i] = "round3_quote_rich"
    by_outlet: dict[str, list[int]] = defaultdict(list)
    for i in eligible:
        text = rows[i]["article_content"]
        if i in chosen or not names_islamic_state(text):
            continue
        if sum(c.tier == "core" for c in candidates(text)) >= ROUND3_MIN_CORE_CANDIDATES:
            by_outlet[rows[i]["source"]].append(i)
    order = sorted(by_outlet)
    rng.shuffle(order)
    for outlet in order[:ROUND3_ISLAMIC_STATE]:
        chosen[rng.choice(by_outlet[outlet])] = "round3_islamic_state"
    # selected as the held-out set; retired to ``test`` once its errors were read
    return [_round1_record(rows, i, split="test", stratum=chosen[i]) for i in sorted(chosen)]


def select_round4(fakes_path: Path | None, *, existing: list[Item]) -> list[dict[str, object]]:
    """The round-4 development articles (module docstring), as ``items.csv`` records."""
    rows = read_fakes(fakes_path)
    rng = random.Random(ROUND4_SEED)
    eligible = _eligible(rows, _taken_before(existing, ROUND4_PREFIX))
    score = {i: attribution_score(rows[i]["article_content"]) for i in eligible}
    ranked = [i for i in eligible if score[i] > 0]
    rng.shuffle(ranked)  # ties in random (seeded) order
    ranked.sort(key=lambda i: -score[i])
    per_outlet: dict[str, int] = defaultdict(int)
    chosen: list[int] = []
    for i in ranked:  # first the best article of every outlet, best outlets first
        if not per_outlet[rows[i]["source"]] and len(chosen) < ROUND4_ARTICLES:
            chosen.append(i)
            per_outlet[rows[i]["source"]] += 1
    for i in ranked:  # then the best of the rest, at most ROUND4_PER_OUTLET per outlet
        if len(chosen) == ROUND4_ARTICLES:
            break
        if i not in chosen and per_outlet[rows[i]["source"]] < ROUND4_PER_OUTLET:
            chosen.append(i)
            per_outlet[rows[i]["source"]] += 1
    return [_round1_record(rows, i, split="dev", stratum="round4_attribution") for i in sorted(chosen)]


def _random_round(fakes_path: Path | None, *, existing: list[Item], seed: int, prefix: str,
                  stratum: str, split: str, score: Callable[[str], int]) -> list[dict[str, object]]:
    """A seeded draw of the articles whose ``score`` is above zero, spread over the
    outlets by filling the smallest first (rounds 5, 6 and 7)."""
    rows = read_fakes(fakes_path)
    rng = random.Random(seed)
    eligible = _eligible(rows, _taken_before(existing, prefix))
    by_outlet: dict[str, list[int]] = defaultdict(list)
    for i in eligible:
        if score(rows[i]["article_content"]) > 0:
            by_outlet[rows[i]["source"]].append(i)
    quota = share_out({o: len(ids) for o, ids in by_outlet.items()}, RANDOM_ROUND_ARTICLES)
    chosen: list[int] = []
    for outlet in sorted(by_outlet):
        ids = list(by_outlet[outlet])
        rng.shuffle(ids)
        chosen += ids[:quota[outlet]]
    return [_round1_record(rows, i, split=split, stratum=stratum) for i in sorted(chosen)]


def select_round5(fakes_path: Path | None, *, existing: list[Item]) -> list[dict[str, object]]:
    """The round-5 held-out articles (module docstring), as ``items.csv`` records."""
    return _random_round(fakes_path, existing=existing, seed=ROUND5_SEED, prefix=ROUND5_PREFIX,
                         stratum="round5_random", split="holdout", score=attribution_score)


def select_round6(fakes_path: Path | None, *, existing: list[Item]) -> list[dict[str, object]]:
    """The round-6 held-out articles (module docstring), as ``items.csv`` records."""
    # selected as held out; retired to ``test`` once its errors were read
    return _random_round(fakes_path, existing=existing, seed=ROUND6_SEED, prefix=ROUND6_PREFIX,
                         stratum="round6_quotes", split="test", score=quoted_stretches)


def select_round7(fakes_path: Path | None, *, existing: list[Item]) -> list[dict[str, object]]:
    """The round-7 held-out articles (module docstring), as ``items.csv`` records."""
    return _random_round(fakes_path, existing=existing, seed=ROUND7_SEED, prefix=ROUND7_PREFIX,
                         stratum="round7_quotes", split="holdout", score=quoted_stretches)


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


def read_item_rows(path: Path) -> list[dict[str, object]]:
    """The rows of an ``items.csv`` file as written (checked by :func:`read_items` first)."""
    read_items(path)
    with open(path, encoding="utf-8", newline="") as handle:
        return [dict(row) for row in csv.DictReader(handle)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fakes", type=Path, default=None)
    parser.add_argument("--out", type=Path, default=None,
                        help="default data/validation/items.csv; required with --round3..7 "
                             "(outside the repository)")
    rounds = parser.add_mutually_exclusive_group()
    rounds.add_argument("--round3", action="store_true",
                        help="select the round-3 held-out articles instead (not in --items)")
    rounds.add_argument("--round4", action="store_true",
                        help="select the round-4 attribution-rich development articles instead (not in --items)")
    rounds.add_argument("--round5", action="store_true",
                        help="select the round-5 random held-out articles instead (not in --items)")
    rounds.add_argument("--round6", action="store_true",
                        help="select the round-6 held-out articles that quote instead (not in --items)")
    rounds.add_argument("--round7", action="store_true",
                        help="select the round-7 held-out articles that quote instead (not in --items)")
    parser.add_argument("--items", type=Path, default=ITEMS_CSV,
                        help="with --round3..7: the items already in the set (default data/validation/items.csv)")
    args = parser.parse_args(argv)
    picks = {"--round3": (args.round3, select_round3), "--round4": (args.round4, select_round4),
             "--round5": (args.round5, select_round5), "--round6": (args.round6, select_round6),
             "--round7": (args.round7, select_round7)}
    asked = [(flag, pick) for flag, (wanted, pick) in picks.items() if wanted]
    if asked:
        flag, pick = asked[0]
        if args.out is None:
            parser.error(f"{flag} needs --out (a file outside the repository)")
        if REPO in args.out.resolve().parents:
            parser.error(f"{args.out}: the {flag[2:]} list stays outside the repository until it is adjudicated")
        records = pick(args.fakes, existing=read_items(args.items))
    else:
        args.out = args.out or ITEMS_CSV
        records = select(args.fakes)
        if args.out.is_file():  # the rows of later rounds are not re-selected here: keep them
            records += [row for row in read_item_rows(args.out)
                        if str(row["stratum"]).startswith(LATER_ROUND_PREFIXES)]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=ITEM_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(records)
    print(f"{args.out}: {len(records)} items", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
