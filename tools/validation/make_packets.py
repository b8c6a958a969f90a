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
    packet's paths and counts filled in) and the coding guide;
``tools/validation/``
    a copy of the checking scripts (standard library only), so annotators need
    nothing from the repository.

The packets show the text only: no analysis of mediakit's. The label-word candidates
come from ``inventory.py``, a plain word list that is part of the coding guide.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tools.validation.inventory import candidates  # noqa: E402
from tools.validation.sources import REPO, VALIDATION, Item, item_texts, read_items  # noqa: E402

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


def write_packets(out: Path, items: list[Item], texts: dict[str, str]) -> dict[str, int]:
    if REPO in out.resolve().parents or out.resolve() == REPO:
        raise SystemExit(f"{out}: the packets hold FA-KES text and must be written outside the repository")
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
        (packet / f"round{round_}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
        counts[f"round{round_}_files"] = len(files)
        counts[f"round{round_}_docs"] = len(docs)
        counts[f"round{round_}_candidates"] = sum(len(candidates(texts[i.doc_id])) for i in docs) if round_ == 1 else 0
    tools = out / "tools" / "validation"
    tools.mkdir(parents=True, exist_ok=True)
    for name in TOOL_FILES:
        shutil.copy2(HERE / name, tools / name)
    shutil.copy2(VALIDATION / "CODING.md", out / "CODING.md")
    instructions = (HERE / "annotator_instructions.md").read_text(encoding="utf-8")
    values = {"ROOT": str(out.resolve()), **{k.upper(): str(v) for k, v in counts.items()}}
    for key, value in values.items():
        instructions = instructions.replace("{" + key + "}", value)
    (out / "INSTRUCTIONS.md").write_text(instructions, encoding="utf-8")
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write annotator packets (see module docstring).")
    parser.add_argument("--out", type=Path, required=True, help="a folder outside the repository")
    parser.add_argument("--fakes", type=Path, default=None, help="the FA-KES CSV (default ../shared/...)")
    args = parser.parse_args(argv)
    items = read_items()
    texts = item_texts(items, fakes_path=args.fakes)
    counts = write_packets(args.out, items, texts)
    print(json.dumps(counts), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
