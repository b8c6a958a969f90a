"""Write the annotators' packets (outside the repository) from ``data/validation/items.csv``.

FA-KES text may not enter the repository, so the packets go to a folder outside it::

    python tools/validation/make_packets.py --out /path/outside/the/repo/annotation

writes, under ``--out``:

``packet/texts.jsonl``
    one line per document: ``doc``, ``source``, ``outlet``, ``round1``, ``round2``,
    ``sha256``, ``text`` (what the checking tools read);
``packet/round1/<doc>.txt``
    one file per round-1 document: its text with the offset of every line's first
    character, wrapped at spaces for reading, then the numbered label-word candidates
    (``c1``, ``c2``, ...) with offsets and context;
``packet/round2/<doc>.txt`` and ``packet/round2/hl-batch-NN.txt``
    round-2 documents (no candidates), headlines twenty to a file;
``packet/round1.txt``, ``packet/round2.txt``
    the packet files in working order (seeded shuffle), with their documents;
``INSTRUCTIONS.md``, ``CODING.md``
    the annotators' instructions (from ``annotator_instructions.md`` here, with the
    packet's paths, the coders' answer folders and the counts filled in; a packet with
    no round-2 document says it is round 1 only) and the coding guide (all of it,
    section 6's adjudication rules included);
``tools/validation/``
    a copy of the checking scripts (standard library only), so annotators need
    nothing from the repository.

The packets show the text only: no analysis of mediakit's. The label-word candidates
come from ``inventory.py``, a plain word list that is part of the coding guide.

``--items`` takes another item list in the columns of ``items.csv`` (the round-3
held-out list of ``select_items.py --round3``, kept outside the repository);
``--answers`` says where each coder writes, ``{letter}`` standing for ``A`` or ``B``
(default ``<out>/coder-{letter}``, the layout of rounds 1 and 2)::

    python tools/validation/make_packets.py --items /outside/round3/items_round3.csv \
        --out /outside/round3/packets --answers '/outside/round3/answers/{letter}'
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import sys
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tools.validation.inventory import candidates  # noqa: E402
from tools.validation.sources import ITEMS_CSV, REPO, VALIDATION, Item, item_texts, read_items  # noqa: E402

HERE = Path(__file__).resolve().parent
WIDTH = 100
HEADLINES_PER_FILE = 20
SEED = 11
TOOL_FILES = ("__init__.py", "inventory.py", "schema.py", "locate.py", "check_annotations.py")


def wrapped_lines(text: str, width: int = WIDTH) -> list[tuple[int, str, bool]]:
    """(offset of the first character, characters shown, ends a paragraph) per display line.

    Lines break only after a space, so the next line's offset is exact and a wrap is
    always one space of the article; a paragraph (a line of the text) ends with True.
    """
    out: list[tuple[int, str, bool]] = []
    position = 0
    for paragraph in text.split("\n"):
        start = position
        end = position + len(paragraph)
        if start == end:
            out.append((start, "", True))
        while start < end:
            if end - start <= width:
                out.append((start, text[start:end], True))
                break
            cut = text.rfind(" ", start, start + width)
            if cut <= start:
                cut = text.find(" ", start + width)
                if cut == -1 or cut >= end:
                    out.append((start, text[start:end], True))
                    break
            out.append((start, text[start:cut + 1], False))
            start = cut + 1
        position = end + 1
    return out


def render_text(text: str) -> str:
    digits = max(len(str(len(text))), 4)
    lines = []
    for offset, shown, paragraph_end in wrapped_lines(text):
        mark = " \u00b6" if paragraph_end else ""
        lines.append(f"{offset:>{digits}} | {shown.rstrip(' ')}{mark}".rstrip())
    return "\n".join(lines)


def render_candidates(text: str) -> str:
    rows = []
    for cand in candidates(text):
        left = " ".join(text[max(0, cand.start - 45):cand.start].split())
        right = " ".join(text[cand.end:cand.end + 45].split())
        rows.append(f"{cand.cid:>5}  {cand.start:>5}-{cand.end:<5} {cand.tier:<8} "
                    f"...{left} [[{cand.surface}]] {right}...")
    if not rows:
        return "  (none: this document has no label-word candidate; add new ones only if you see one)"
    return "\n".join(rows)


def header(item: Item, text: str, round_: int) -> str:
    task = ("ROUND 1: quotations (unit quote) and every label-word candidate (unit mention)"
            if round_ == 1 else "ROUND 2: event triggers (unit event)")
    return (f"DOCUMENT {item.doc_id}\n{task}\noutlet: {item.outlet}    characters: {len(text)}    "
            f"sha256: {item.sha256[:16]}\n"
            "Each line starts with the offset of its first character. Lines are wrapped at a space\n"
            "for reading (a wrap is one space in the article); \u00b6 marks the end of a paragraph.\n")


def document_block(item: Item, text: str, round_: int) -> str:
    parts = [header(item, text, round_), "TEXT", render_text(text), ""]
    if round_ == 1:
        parts += ["LABEL-WORD CANDIDATES (answer each one with a mention record; [[ ]] marks the candidate)",
                  render_candidates(text), ""]
    parts.append(f"END OF DOCUMENT {item.doc_id}\n")
    return "\n".join(parts)


def instruction_values(out: Path, counts: dict[str, int], answers: str, first_doc: str) -> dict[str, str]:
    """The placeholders of ``annotator_instructions.md`` for this packet."""
    coder = {letter: answers.replace("{letter}", letter) for letter in "AB"}
    rounds = [r for r in (1, 2) if counts[f"round{r}_docs"]]
    round1 = (f"{counts['round1_files']} files ({counts['round1_docs']} articles, "
              f"{counts['round1_candidates']} label-word candidates)")
    if 2 in rounds:
        scope = ("This packet has two rounds: round 1 (quotations and label mentions) and "
                 "round 2 (events).")
        summary = (f"Round 1 has {round1}; round 2 has {counts['round2_files']} files "
                   f"({counts['round2_docs']} documents). Finish round 1 before round 2.")
        files_note = ("For round 2 the same with `round2`; a headline batch `hl-batch-03.txt` "
                      "gets one file `hl-batch-03.jsonl` holding the records of all its "
                      "headlines (each record names its own `doc`).")
        check_note = " For round 2: `--round 2` and your `round2` folder."
    else:
        scope = ("**This packet is round 1 only** (quotations and label mentions): there are no "
                 "events to code, so skip the round-2 parts of these instructions and of the "
                 "guide (sections 4 and 6.3).")
        summary = f"Round 1 has {round1}."
        files_note = "There is no round 2 in this packet."
        check_note = ""
    folders = "\n".join(f"{coder['A']}/round{r}/" for r in rounds)
    return {
        "ROOT": str(out.resolve()), "ANSWERS_A": coder["A"], "ANSWERS_B": coder["B"],
        "FOLDERS": folders, "SCOPE": scope, "ROUNDS": summary,
        "ROUND2_FILES_NOTE": files_note, "ROUND2_CHECK_NOTE": check_note,
        "FIRST_DOC": first_doc,
    }


def write_packets(out: Path, items: list[Item], texts: dict[str, str], *,
                  answers: str | None = None) -> dict[str, int]:
    """Write the packet under ``out`` (module docstring); the counts per round.

    ``answers`` is where each coder writes, ``{letter}`` standing for ``A`` or ``B``
    (default ``<out>/coder-{letter}``).
    """
    if REPO in out.resolve().parents or out.resolve() == REPO:
        raise SystemExit(f"{out}: the packets hold FA-KES text and must be written outside the repository")
    if answers is None:
        answers = str(out.resolve() / "coder-{letter}")
    if "{letter}" not in answers:
        raise SystemExit(f"--answers {answers!r}: must contain {{letter}} (replaced by A or B)")
    if REPO in Path(answers.replace("{letter}", "A")).resolve().parents:
        raise SystemExit(f"{answers}: the answers quote FA-KES text and must be written outside the repository")
    packet = out / "packet"
    for sub in ("round1", "round2"):
        folder = packet / sub
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
    with open(packet / "texts.jsonl", "w", encoding="utf-8") as handle:
        for item in items:
            handle.write(json.dumps({
                "doc": item.doc_id, "source": item.source, "outlet": item.outlet,
                "round1": item.round1, "round2": item.round2, "sha256": item.sha256,
                "text": texts[item.doc_id],
            }, ensure_ascii=False) + "\n")
    rng = random.Random(SEED)
    counts: dict[str, int] = {}
    for round_ in (1, 2):
        files: list[tuple[str, list[str]]] = []
        docs = [i for i in items if (i.round1 if round_ == 1 else i.round2)]
        singles = [i for i in docs if i.source != "headline"]
        headlines = [i for i in docs if i.source == "headline"]
        for item in singles:
            (packet / f"round{round_}" / f"{item.doc_id}.txt").write_text(
                document_block(item, texts[item.doc_id], round_), encoding="utf-8")
            files.append((item.doc_id, [item.doc_id]))
        for k in range(0, len(headlines), HEADLINES_PER_FILE):
            batch = headlines[k:k + HEADLINES_PER_FILE]
            name = f"hl-batch-{k // HEADLINES_PER_FILE + 1:02d}"
            body = [f"HEADLINE BATCH {name}: {len(batch)} documents, each one headline-style text.\n"
                    "ROUND 2: event triggers (unit event). Each headline is its own document: give its\n"
                    "doc id in every record, and one doc_done per headline. Each line starts with the\n"
                    "offset of its first character; \u00b6 marks the end of a paragraph.\n"]
            body += [f"DOCUMENT {i.doc_id}    (outlet: {i.outlet}; {len(texts[i.doc_id])} characters)\n"
                     f"{render_text(texts[i.doc_id])}\n" for i in batch]
            body.append(f"END OF BATCH {name}\n")
            (packet / f"round{round_}" / f"{name}.txt").write_text("\n".join(body), encoding="utf-8")
            files.append((name, [i.doc_id for i in batch]))
        rng.shuffle(files)
        lines = [f"{name}\t{' '.join(doc_ids)}" for name, doc_ids in files]
        (packet / f"round{round_}.txt").write_text("".join(line + "\n" for line in lines), encoding="utf-8")
        counts[f"round{round_}_files"] = len(files)
        counts[f"round{round_}_docs"] = len(docs)
        counts[f"round{round_}_candidates"] = sum(len(candidates(texts[i.doc_id])) for i in docs) if round_ == 1 else 0
    tools = out / "tools" / "validation"
    tools.mkdir(parents=True, exist_ok=True)
    for name in TOOL_FILES:
        shutil.copy2(HERE / name, tools / name)
    shutil.copy2(VALIDATION / "CODING.md", out / "CODING.md")
    instructions = (HERE / "annotator_instructions.md").read_text(encoding="utf-8")
    order = (packet / "round1.txt").read_text(encoding="utf-8").split()
    first_doc = order[1] if len(order) > 1 else "DOC"
    for key, value in instruction_values(out, counts, answers, first_doc).items():
        instructions = instructions.replace("{" + key + "}", value)
    left = sorted(set(re.findall(r"\{[A-Z0-9_]+\}", instructions)))
    if left:
        raise SystemExit(f"annotator_instructions.md: placeholder(s) not filled: {', '.join(left)}")
    (out / "INSTRUCTIONS.md").write_text(instructions, encoding="utf-8")
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write annotator packets (see module docstring).")
    parser.add_argument("--out", type=Path, required=True, help="a folder outside the repository")
    parser.add_argument("--fakes", type=Path, default=None, help="the FA-KES CSV (default ../shared/...)")
    parser.add_argument("--items", type=Path, default=ITEMS_CSV,
                        help="the item list (default data/validation/items.csv)")
    parser.add_argument("--answers", default=None,
                        help="each coder's answer folder, {letter} for A or B (default <out>/coder-{letter})")
    args = parser.parse_args(argv)
    items = read_items(args.items)
    texts = item_texts(items, fakes_path=args.fakes)
    counts = write_packets(args.out, items, texts, answers=args.answers)
    print(json.dumps(counts), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
