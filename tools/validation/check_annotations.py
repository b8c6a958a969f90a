"""Check an annotator's files before handing them in (format, values, locations, coverage).

Run it as often as you like while you work::

    python3 tools/validation/check_annotations.py --packet PACKET_DIR --round 1 MY_ROUND1_FOLDER
    python3 tools/validation/check_annotations.py --packet PACKET_DIR --round 1 MY_ROUND1_FOLDER --show fakes-0123

It reads every ``*.jsonl`` file in the folder and reports, with file and line:
JSON errors, unknown or missing fields, values outside the allowed lists, records
that do not resolve to exactly one span of the article (with the reason), label-word
candidates answered twice or not at all, repeated ids and spans, and documents not
finished yet (no ``doc_done`` record). ``--show DOC`` prints what each of that
document's records resolved to, so you can see that the span is the one you meant.
The last line says whether the folder is complete. Exit status 0 when no record has a
problem (finished or not), 1 otherwise. Standard library only.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tools.validation.inventory import candidates  # noqa: E402
from tools.validation.locate import Located, locate_folder, read_packet_texts  # noqa: E402


def coverage_problems(items: list[Located], texts: dict[str, str], round_: int) -> tuple[list[str], list[str], list[str]]:
    """(problems, documents finished, documents not finished)."""
    problems: list[str] = []
    by_doc: dict[str, list[Located]] = defaultdict(list)
    for item in items:
        by_doc[item.doc].append(item)
    done, todo = [], []
    for doc in texts:
        records = by_doc.get(doc, [])
        finished = [r for r in records if r.unit == "doc_done"]
        if len(finished) > 1:
            problems.append(f"{doc}: {len(finished)} doc_done records (one is enough)")
        (done if finished else todo).append(doc)
        ids = Counter(str(r.record.get("id")) for r in records if r.unit in ("quote", "event"))
        for key, n in ids.items():
            if n > 1:
                problems.append(f"{doc}: id {key!r} used {n} times")
        spans = Counter((r.unit, r.start, r.end) for r in records
                        if r.start is not None and r.unit in ("quote", "event"))
        for (unit, start, end), n in spans.items():
            if n > 1:
                problems.append(f"{doc}: {n} {unit} records resolve to the same span {start}-{end} "
                                f"({texts[doc][start:end][:40]!r})")
        if round_ == 1:
            answered = Counter(str(r.record.get("cand")) for r in records
                               if r.unit == "mention" and r.record.get("cand") != "new")
            for key, n in answered.items():
                if n > 1:
                    problems.append(f"{doc}: candidate {key} answered {n} times")
            if finished:
                missing = [c.cid for c in candidates(texts[doc]) if c.cid not in answered]
                if missing:
                    problems.append(f"{doc}: doc_done, but candidate(s) not answered: {', '.join(missing)}")
            quotes = sorted((r.start, r.end) for r in records
                            if r.unit == "quote" and r.start is not None and r.end is not None)
            for (s1, e1), (s2, e2) in zip(quotes, quotes[1:]):
                if s2 < e1:
                    problems.append(f"{doc}: quotations {s1}-{e1} and {s2}-{e2} overlap "
                                    "(a quotation inside a quotation is part of the outer one)")
    return problems, done, todo


def show(items: list[Located], texts: dict[str, str], doc: str) -> None:
    for item in items:
        if item.doc != doc:
            continue
        rec = {k: v for k, v in item.record.items() if k not in ("doc",)}
        if item.start is not None and item.end is not None:
            span = texts[doc][item.start:item.end]
            shown = span if len(span) <= 90 else span[:40] + " ... " + span[-40:]
            print(f"line {item.line}: {item.start}-{item.end} {shown!r}")
        else:
            print(f"line {item.line}: (not located)")
        print("    " + json.dumps(rec, ensure_ascii=False))
        for problem in item.problems:
            print(f"    PROBLEM: {problem}")
        for warning in item.warnings:
            print(f"    note: {warning}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Check annotation files (see module docstring).")
    parser.add_argument("folder", type=Path, help="your folder of .jsonl files for this round")
    parser.add_argument("--packet", type=Path, required=True, help="the packet folder")
    parser.add_argument("--round", type=int, choices=(1, 2), required=True)
    parser.add_argument("--show", metavar="DOC", default=None, help="print one document's located records")
    args = parser.parse_args(argv)
    if not args.folder.is_dir():
        print(f"{args.folder}: not a folder", file=sys.stderr)
        return 1
    texts = read_packet_texts(args.packet, args.round)
    items, syntax = locate_folder(args.folder, texts, args.round)
    if args.show:
        if args.show not in texts:
            print(f"{args.show}: not a document of round {args.round}", file=sys.stderr)
            return 1
        show(items, texts, args.show)
    n_problems = len(syntax)
    for problem in syntax:
        print("PROBLEM " + problem)
    for item in items:
        for problem in item.problems:
            n_problems += 1
            print(f"PROBLEM {item.file}, line {item.line} ({item.doc}, {item.unit}): {problem}")
        if not args.show:
            for warning in item.warnings:
                print(f"note    {item.file}, line {item.line} ({item.doc}, {item.unit}): {warning}")
    coverage, done, todo = coverage_problems(items, texts, args.round)
    for problem in coverage:
        n_problems += 1
        print("PROBLEM " + problem)
    units = Counter(i.unit for i in items if not i.problems and i.unit != "doc_done")
    print(f"records: {sum(units.values())} resolved ({', '.join(f'{k} {v}' for k, v in sorted(units.items()))}); "
          f"problems: {n_problems}; documents finished: {len(done)} of {len(texts)}")
    if todo and len(todo) <= 12:
        print("not finished yet: " + ", ".join(todo))
    elif todo:
        print("not finished yet: " + ", ".join(todo[:12]) + f", ... ({len(todo)} in all)")
    print("COMPLETE" if not todo and n_problems == 0 else "NOT COMPLETE")
    return 1 if n_problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
