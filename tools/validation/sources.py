"""Where the development set's texts come from, and proof that they did not change.

Three sources, each identified in ``data/validation/items.csv``:

``fakes``
    FA-KES (Abu Salem et al., ICWSM 2019; Zenodo 2607278; CC BY 4.0), the copy in
    ``../shared/data/fa-kes-dev/FA-KES-dev.csv`` beside the repository. Read with the
    standard csv module, latin-1, as the authors publish it. An article is its 0-based
    data row (``fakes_row``) plus its ``unit_id`` (unit ids repeat), and its text is
    ``article_content`` exactly as decoded, trailing spaces included. mediakit loads
    the same file with ``load_corpus(path, encoding="latin-1", columns=FAKES_COLUMNS)``
    and names the row ``FA-KES-dev:<row + 1>``.
``written``
    Hard-case articles written by the team, ``data/validation/written/<outlet>/<id>.txt``
    (front matter plus body); the text is the body as ``mediakit.load_corpus`` reads it.
``headline``
    Headline-style sentences written by the team, ``data/validation/headlines.csv``.

``sha256`` is the SHA-256 of a text's UTF-8 encoding; a text whose hash differs from
``items.csv`` is an error, never a silent change of offsets.
"""

from __future__ import annotations

import csv
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "FAKES_COLUMNS", "ITEM_COLUMNS", "Item", "REPO", "ValidationDataError",
    "default_fakes_path", "fakes_doc_id", "read_fakes", "read_items", "sha256",
]

REPO = Path(__file__).resolve().parents[2]
VALIDATION = REPO / "data" / "validation"
ITEMS_CSV = VALIDATION / "items.csv"
WRITTEN_DIR = VALIDATION / "written"
HEADLINES_CSV = VALIDATION / "headlines.csv"
#: ``columns=`` for ``mediakit.load_corpus`` on the FA-KES file.
FAKES_COLUMNS = {"article_content": "text", "article_title": "title", "source": "outlet"}
ITEM_COLUMNS = (
    "doc_id", "source", "fakes_row", "unit_id", "corpus_doc_id", "sha256", "outlet",
    "split", "round1", "round2", "stratum", "written_by_team", "off_topic", "n_chars",
)


class ValidationDataError(ValueError):
    """A development-set file is missing, malformed or does not match its hash."""


def sha256(text: str) -> str:
    """SHA-256 (hex) of ``text`` encoded as UTF-8."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def default_fakes_path() -> Path:
    """``$MEDIAKIT_FAKES`` when set, else ``../shared/data/fa-kes-dev/FA-KES-dev.csv``."""
    env = os.environ.get("MEDIAKIT_FAKES")
    if env:
        return Path(env)
    return REPO.parent / "shared" / "data" / "fa-kes-dev" / "FA-KES-dev.csv"


def fakes_doc_id(row: int) -> str:
    """mediakit's doc_id of FA-KES data row ``row`` (0-based) loaded from the file."""
    return f"FA-KES-dev:{row + 1}"


def read_fakes(path: Path | None = None) -> list[dict[str, str]]:
    """The FA-KES rows as dicts, in file order (0-based list index = data row)."""
    path = Path(path) if path is not None else default_fakes_path()
    if not path.is_file():
        raise ValidationDataError(
            f"{path}: FA-KES copy not found (set MEDIAKIT_FAKES or pass --fakes)")
    with open(path, encoding="latin-1", newline="") as handle:
        rows = list(csv.DictReader(handle))
    needed = {"unit_id", "article_content", "source"}
    if rows and not needed <= set(rows[0]):
        raise ValidationDataError(f"{path}: expected columns {sorted(needed)}, got {list(rows[0])}")
    return rows


@dataclass(frozen=True)
class Item:
    """One row of ``items.csv``."""

    doc_id: str
    source: str
    fakes_row: int | None
    unit_id: str
    corpus_doc_id: str
    sha256: str
    outlet: str
    split: str
    round1: bool
    round2: bool
    stratum: str
    written_by_team: bool
    off_topic: bool
    n_chars: int


#: The splits of ``items.csv``: ``dev`` and ``test`` (rounds 1-2, round 4 in ``dev``, rounds 3
#: and 6 retired to ``test``; all read while tuning on 2026-12-03) and ``holdout`` (rounds 5
#: and 7: never looked at while tuning).
SPLITS = ("dev", "test", "holdout")


def _yes(value: str, where: str) -> bool:
    if value not in ("yes", "no"):
        raise ValidationDataError(f"{where}: expected yes or no, got {value!r}")
    return value == "yes"


def read_items(path: Path = ITEMS_CSV) -> list[Item]:
    """``items.csv`` as :class:`Item` records, checked column by column."""
    if not path.is_file():
        raise ValidationDataError(f"{path}: not found")
    out = []
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if tuple(reader.fieldnames or ()) != ITEM_COLUMNS:
            raise ValidationDataError(f"{path}: columns must be {ITEM_COLUMNS}, got {reader.fieldnames}")
        for line, row in enumerate(reader, start=2):
            where = f"{path}, line {line}"
            if row["source"] not in ("fakes", "written", "headline"):
                raise ValidationDataError(f"{where}, column 'source': {row['source']!r}")
            if row["split"] not in SPLITS:
                raise ValidationDataError(f"{where}, column 'split': {row['split']!r}")
            out.append(Item(
                doc_id=row["doc_id"], source=row["source"],
                fakes_row=int(row["fakes_row"]) if row["fakes_row"] else None,
                unit_id=row["unit_id"], corpus_doc_id=row["corpus_doc_id"],
                sha256=row["sha256"], outlet=row["outlet"], split=row["split"],
                round1=_yes(row["round1"], f"{where}, column 'round1'"),
                round2=_yes(row["round2"], f"{where}, column 'round2'"),
                stratum=row["stratum"],
                written_by_team=_yes(row["written_by_team"], f"{where}, column 'written_by_team'"),
                off_topic=_yes(row["off_topic"], f"{where}, column 'off_topic'"),
                n_chars=int(row["n_chars"]),
            ))
    ids = [item.doc_id for item in out]
    if len(set(ids)) != len(ids):
        raise ValidationDataError(f"{path}: repeated doc_id")
    return out


def load_written_texts() -> dict[str, tuple[str, dict[str, object]]]:
    """corpus doc_id -> (text, row) of the written articles and headlines, via mediakit."""
    import mediakit as mk  # loading only: the packets carry no analysis

    out: dict[str, tuple[str, dict[str, object]]] = {}
    for source in (WRITTEN_DIR, HEADLINES_CSV):
        if not source.exists():
            continue
        corpus = mk.load_corpus(source)
        for row in corpus.to_dict("records"):
            out[str(row["doc_id"])] = (str(row["text"]), row)
    return out


def item_texts(items: list[Item], *, fakes_path: Path | None = None) -> dict[str, str]:
    """doc_id -> text of every item, each checked against its sha256 (error otherwise)."""
    texts: dict[str, str] = {}
    fakes = read_fakes(fakes_path) if any(i.source == "fakes" for i in items) else []
    written = load_written_texts() if any(i.source != "fakes" for i in items) else {}
    for item in items:
        if item.source == "fakes":
            assert item.fakes_row is not None
            if item.fakes_row >= len(fakes):
                raise ValidationDataError(f"{item.doc_id}: FA-KES row {item.fakes_row} does not exist")
            row = fakes[item.fakes_row]
            if row["unit_id"] != item.unit_id:
                raise ValidationDataError(
                    f"{item.doc_id}: FA-KES row {item.fakes_row} has unit_id {row['unit_id']}, "
                    f"items.csv says {item.unit_id}")
            text = row["article_content"]
        else:
            if item.corpus_doc_id not in written:
                raise ValidationDataError(f"{item.doc_id}: written text {item.corpus_doc_id!r} not found")
            text = written[item.corpus_doc_id][0]
        if sha256(text) != item.sha256:
            raise ValidationDataError(
                f"{item.doc_id}: text changed (sha256 {sha256(text)[:12]}..., "
                f"items.csv has {item.sha256[:12]}...); offsets would no longer hold")
        texts[item.doc_id] = text
    return texts
