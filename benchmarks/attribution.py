"""Speaker accuracy on the written attribution set (``data/validation/attribution``).

Sixty newswire-style articles written by the team to hold the attribution
constructions of English news (see that folder's README). Each split folder holds
``articles/*.txt`` (front matter and body, loadable with ``mediakit.load_corpus``) and
``quotes.jsonl``, one quotation per line: ``doc``, ``id``, ``text`` (exactly as in the
body, marks included), the adjudicated ``speaker``, ``speaker_kind`` and
``is_scare_quote``, the ``construction`` the writer meant, and the writer's and the
blind second coder's own answers (``writer_*``, ``coder_*``). Quotations are located by
their exact text, then scored with ``benchmarks/accuracy.py``'s ``score_quotes``: the
same one-to-one span matching and lenient speaker rules as the FA-KES development set.

    python benchmarks/attribution.py                       # every split
    python benchmarks/attribution.py --split dev --errors  # dev's wrong or missed speakers
    python benchmarks/attribution.py --agreement           # writer against second coder

``--errors`` refuses any split whose folder name starts with ``holdout``: its errors
are never read while tuning.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DEFAULT_DATA = REPO / "data" / "validation" / "attribution"
sys.path[:0] = [str(REPO), str(REPO / "benchmarks")]
KEY_FIELDS = ("doc", "id", "text", "speaker", "speaker_kind", "is_scare_quote")


def load_key(path: Path) -> list[dict[str, str]]:
    """The records of one ``quotes.jsonl``; a bad line is an error naming it."""
    records = []
    for line_no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as err:
            raise ValueError(f"{path}, line {line_no}: not JSON ({err.msg})") from None
        missing = [f for f in KEY_FIELDS if f not in rec]
        if missing:
            raise ValueError(f"{path}, line {line_no}: missing field(s) {', '.join(missing)}")
        records.append({**rec, "line": line_no})
    return records


def agreement(keys: list[list[dict[str, str]]]) -> list[str]:
    """Lines reporting how often the writer and the blind second coder agree.

    Speakers agree when their normalised forms are equal or either names the other
    under the scorer's lenient rule; Krippendorff's alpha (nominal) is given for
    ``speaker_kind`` and ``is_scare_quote``, and each disagreement is listed with the
    adjudicated answer.
    """
    import krippendorff
    import numpy as np

    from tools.validation.matching import normalise_name, speaker_matches

    records = [rec for key in keys for rec in key]
    agreed = 0
    lines = []
    for rec in records:
        w, c = rec["writer_speaker"], rec["coder_speaker"]
        same = normalise_name(w) == normalise_name(c) or (
            bool(w) and bool(c) and (speaker_matches(c, w, gold_kind=rec["writer_speaker_kind"])
                                     or speaker_matches(w, c, gold_kind=rec["coder_speaker_kind"])))
        agreed += same
        if not same:
            lines.append(f"  {rec['doc']} {rec['id']}: writer {w!r}, coder {c!r}, adjudicated {rec['speaker']!r}")

    def alpha(field: str) -> float:
        pairs = [(rec[f"writer_{field}"], rec[f"coder_{field}"]) for rec in records]
        codes = {v: i for i, v in enumerate(sorted({v for pair in pairs for v in pair}))}
        if len(codes) < 2:  # one value only: alpha is undefined (krippendorff raises)
            return float("nan")
        data = np.array([[codes[w] for w, _ in pairs], [codes[c] for _, c in pairs]], dtype=float)
        return float(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))

    head = [f"quotations: {len(records)}",
            f"speaker agreement: {agreed}/{len(records)} = {agreed / len(records):.3f}",
            f"alpha speaker_kind: {alpha('speaker_kind'):.3f}",
            f"alpha is_scare_quote: {alpha('is_scare_quote'):.3f}",
            f"disagreements: {len(lines)}"]
    return head + lines


def load_split(folder: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The split's texts (``mediakit.load_corpus``) and its key with located offsets."""
    import mediakit as mk

    texts = mk.load_corpus(folder / "articles")
    body = dict(zip(texts["doc_id"], texts["text"]))
    rows = []
    key_path = folder / "quotes.jsonl"
    for rec in load_key(key_path):
        line_no = rec["line"]
        text = body.get(rec["doc"])
        if text is None:
            raise ValueError(f"{key_path}, line {line_no}: no article {rec['doc']!r}")
        start = text.find(rec["text"])
        if start < 0 or text.find(rec["text"], start + 1) >= 0:
            raise ValueError(f"{key_path}, line {line_no}: quotation text found "
                             f"{'nowhere' if start < 0 else 'twice'} in {rec['doc']!r}")
        rows.append({"doc_id": rec["doc"], "start": start, "end": start + len(rec["text"]),
                     "is_scare_quote": rec["is_scare_quote"], "speaker": rec["speaker"] or "",
                     "speaker_kind": rec["speaker_kind"], "gold_text": rec["text"],
                     "construction": rec.get("construction", "")})
    return texts, pd.DataFrame(rows)


def main(argv: list[str] | None = None) -> None:
    from accuracy import body_rows, matched_quotes, score_quotes, speaker_is_right

    import mediakit as mk

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--split", default=None, help="one split folder name (dev, dev-odd, holdout2)")
    parser.add_argument("--errors", action="store_true", help="list wrong or missed speakers")
    parser.add_argument("--agreement", action="store_true",
                        help="agreement of the writer and the blind second coder, then exit")
    args = parser.parse_args(argv)
    if (args.data / "articles").is_dir():
        splits = {args.data.name: args.data}
    else:
        splits = {p.name: p for p in sorted(args.data.iterdir()) if (p / "articles").is_dir()}
    if args.split is not None:
        splits = {args.split: splits[args.split]}
    if args.errors and any(name.startswith("holdout") for name in splits):
        parser.error("--errors never lists the holdout split")
    if args.agreement:
        for line in agreement([load_key(folder / "quotes.jsonl") for folder in splits.values()]):
            print(line)
        return
    for name, folder in splits.items():
        texts, gold = load_split(folder)
        system = body_rows(mk.find_quotes(texts))
        docs = list(texts["doc_id"])
        for r in score_quotes(gold, system, docs, name):
            print(f"{name:8} {r['measure']:20} {r.get('value', float('nan')):.3f} "
                  f"({r.get('detail', '')})")
        if not args.errors:
            continue
        for doc in docs:
            for row, got in matched_quotes(gold, system, doc)[0]:
                if row["is_scare_quote"] == "yes" or not row["speaker"] or speaker_is_right(got, row):
                    continue
                print(f"\n{doc} [{row['start']}:{row['end']}] {row['construction']}")
                print(f"  gold: {row['speaker']!r} ({row['speaker_kind']})  text: {row['gold_text'][:90]!r}")
                if got is None:
                    print("  mediakit: quotation not matched")
                else:
                    print(f"  mediakit: {got['speaker']!r} rule={got['rule']} cue={got['cue']!r} "
                          f"span=[{got['start']}:{got['end']}]")


if __name__ == "__main__":
    main()
