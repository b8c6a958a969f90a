"""Turn annotators' JSON Lines records into character offsets, and say why when not.

Annotators never count characters. A record names its span by quoting the article:

``text``
    the exact words of the span (quotation marks included for a quotation);
``start_text`` and ``end_text``
    instead of ``text`` for a long quotation: its first words (from the opening
    mark) and its last words (up to the closing mark, or the last word where a
    reader ends an unclosed quotation);
``before`` (optional)
    the words right before the span, to tell apart repeated words;
``occurrence`` (optional)
    1 for the first time ``text`` (or ``start_text``) appears in the article, 2 for
    the second, ...
``cand`` (label mentions)
    the id of a candidate listed in the packet (``c7``), whose offsets are known.

Matching ignores differences of white space (a line wrap in the packet is a space in
the article) and of quotation-mark and dash shape (“ ” " are one mark, – — - one
dash); a ``¶`` copied from the packet is ignored. A record resolves to exactly one
span or gets a reason; nothing is dropped.

As a script::

    python tools/validation/locate.py --packet PACKET_DIR --round 1 CODER_DIR --out located.csv

writes one row per resolved record (offsets, the located text, every field, file and
line) and lists every unresolved record with its reason on standard error (exit 1).
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tools.validation.inventory import Candidate, candidates  # noqa: E402
from tools.validation.schema import (  # noqa: E402
    FIELDS,
    LOCATION_KEYS,
    MAX_QUOTE_CHARS,
    OPTIONAL,
    QUOTE_MARKS,
    ROUND_UNITS,
)

_FOLD = str.maketrans({
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'",
    "\u2013": "-", "\u2014": "-", "\u2010": "-", "\u2011": "-", "\u2212": "-",
})
_SPACE_RE = re.compile(r"\s+")


class LocateError(ValueError):
    """A record that does not resolve to exactly one span (the message says why)."""


@dataclass
class Folded:
    """An article with white space runs folded to one space, and the way back."""

    text: str
    folded: str
    origin: list[int]  # folded index -> original index

    @classmethod
    def of(cls, text: str) -> Folded:
        out: list[str] = []
        origin: list[int] = []
        i = 0
        while i < len(text):
            ch = text[i]
            if ch.isspace():
                j = i
                while j < len(text) and text[j].isspace():
                    j += 1
                out.append(" ")
                origin.append(i)
                i = j
                continue
            out.append(ch.translate(_FOLD))
            origin.append(i)
            i += 1
        return cls(text, "".join(out), origin)

    def find_all(self, query: str) -> list[tuple[int, int]]:
        """Original (start, end) of every occurrence of the folded ``query``."""
        spans = []
        start = self.folded.find(query)
        while start != -1:
            last = start + len(query) - 1
            end = self.origin[last] + 1
            if self.folded[last] == " ":  # a query ending in space: keep the run whole
                end = self.origin[last]
            spans.append((self.origin[start], end))
            start = self.folded.find(query, start + 1)
        return spans

    def before_ok(self, start: int, before: str) -> bool:
        """Whether the text right before original offset ``start`` ends with ``before``."""
        head = Folded.of(self.text[:start]).folded.rstrip()
        return head.endswith(before)


def fold_query(value: str) -> str:
    return _SPACE_RE.sub(" ", value.replace("\u00b6", " ").translate(_FOLD)).strip()


def _pick(doc: Folded, what: str, value: Any, record: dict[str, Any]) -> tuple[int, int]:
    if not isinstance(value, str) or not fold_query(value):
        raise LocateError(f"'{what}' must be a non-empty string of the article's words")
    query = fold_query(value)
    spans = doc.find_all(query)
    if not spans:
        raise LocateError(f"'{what}' {value!r} is not in the article (check the exact words)")
    before = record.get("before")
    occurrence = record.get("occurrence")
    chosen = spans
    if before not in (None, ""):
        if not isinstance(before, str):
            raise LocateError("'before' must be a string")
        b = fold_query(before)
        chosen = [s for s in spans if doc.before_ok(s[0], b)]
        if not chosen:
            raise LocateError(
                f"'{what}' {value!r} occurs {len(spans)} time(s) but never right after "
                f"'before' {before!r}")
    if occurrence not in (None, ""):
        if not isinstance(occurrence, int) or isinstance(occurrence, bool) or occurrence < 1:
            raise LocateError("'occurrence' must be a whole number, 1 for the first")
        if occurrence > len(spans):
            raise LocateError(
                f"'occurrence' {occurrence}: {value!r} occurs only {len(spans)} time(s)")
        nth = spans[occurrence - 1]
        if nth not in chosen:
            raise LocateError(f"'occurrence' {occurrence} and 'before' {before!r} disagree")
        chosen = [nth]
    if len(chosen) > 1:
        raise LocateError(
            f"'{what}' {value!r} occurs {len(chosen)} times; add 'before' (the words right "
            "before it) or 'occurrence' (1 = first)")
    return chosen[0]


def locate_span(text: str, record: dict[str, Any], *, doc: Folded | None = None) -> tuple[int, int]:
    """(start, end) in ``text`` of the span a record quotes (``text`` or start/end text)."""
    doc = doc or Folded.of(text)
    has_text = record.get("text") not in (None, "")
    has_pair = record.get("start_text") not in (None, "") or record.get("end_text") not in (None, "")
    if has_text and has_pair:
        raise LocateError("give either 'text' or 'start_text' + 'end_text', not both")
    if has_text:
        return _pick(doc, "text", record["text"], record)
    if not has_pair:
        raise LocateError("no location: give 'text' (or 'start_text' and 'end_text')")
    if record.get("start_text") in (None, "") or record.get("end_text") in (None, ""):
        raise LocateError("'start_text' and 'end_text' go together")
    start, first_end = _pick(doc, "start_text", record["start_text"], record)
    end_query = record["end_text"]
    if not isinstance(end_query, str) or not fold_query(end_query):
        raise LocateError("'end_text' must be a non-empty string")
    ends = [s for s in doc.find_all(fold_query(end_query)) if s[0] >= start and s[1] >= first_end]
    if not ends:
        raise LocateError(f"'end_text' {end_query!r} does not occur after 'start_text'")
    end = ends[0][1]
    return start, end


@dataclass
class Located:
    """A record with its offsets (or its problem)."""

    file: str
    line: int
    doc: str
    unit: str
    record: dict[str, Any]
    start: int | None = None
    end: int | None = None
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _check_fields(rec: dict[str, Any], unit: str) -> list[str]:
    problems: list[str] = []
    spec: dict[str, tuple[str, ...] | None] = dict(FIELDS[unit])
    if unit == "mention":
        if rec.get("is_mention") == "yes":
            spec.update(FIELDS["mention_yes"])
        elif rec.get("is_mention") == "no":
            spec.update(FIELDS["mention_no"])
    allowed_keys = set(spec) | OPTIONAL
    if unit == "mention":
        allowed_keys |= set(FIELDS["mention_yes"]) | set(FIELDS["mention_no"])
    for key in rec:
        if key not in allowed_keys:
            problems.append(f"unknown field {key!r} (allowed: {', '.join(sorted(allowed_keys))})")
    for key, allowed in spec.items():
        if key not in rec:
            problems.append(f"missing field {key!r}")
            continue
        value = rec[key]
        if not isinstance(value, str):
            problems.append(f"field {key!r} must be a string, got {json.dumps(value)}")
        elif allowed is not None and value not in allowed:
            problems.append(f"field {key!r}: {value!r} is not one of {', '.join(allowed)}")
    if unit == "mention" and rec.get("is_mention") == "no":
        for key in FIELDS["mention_yes"]:
            if rec.get(key) not in (None, ""):
                problems.append(f"field {key!r} must be left out when is_mention is 'no'")
    return problems


def _consistency(rec: dict[str, Any], unit: str) -> tuple[list[str], list[str]]:
    problems: list[str] = []
    warnings: list[str] = []
    if unit == "quote":
        speaker = str(rec.get("speaker", "")).strip()
        kind = rec.get("speaker_kind")
        if (kind == "none") != (speaker == ""):
            problems.append("speaker_kind is 'none' exactly when speaker is empty")
        if rec.get("is_scare_quote") == "yes" and speaker:
            problems.append("a scare quote has no speaker (speaker '' and speaker_kind 'none')")
    elif unit == "mention" and rec.get("is_mention") == "yes":
        speaker = str(rec.get("speaker", "")).strip()
        if rec.get("voice") != "quote" and speaker:
            problems.append("speaker is filled only when voice is 'quote'")
        if rec.get("voice") == "quote" and "speaker" not in rec:
            problems.append("voice 'quote' needs a speaker field ('' when the text names none)")
    elif unit == "event":
        agent = str(rec.get("agent", "")).strip()
        explicit = rec.get("has_explicit_agent")
        if (explicit == "yes") != (agent != ""):
            problems.append("has_explicit_agent is 'yes' exactly when agent is filled")
        construction = rec.get("construction")
        if construction == "passive_agent" and explicit != "yes":
            problems.append("passive_agent needs the agent (has_explicit_agent 'yes')")
        if construction in ("passive_agentless", "intransitive") and explicit == "yes":
            problems.append(f"{construction} has no explicit agent (has_explicit_agent 'no')")
        if construction == "active" and explicit != "yes":
            warnings.append("active with no explicit agent: check (a headline may drop it)")
        if agent == "" and rec.get("agent_actor") not in ("none", None):
            problems.append("agent_actor is 'none' when there is no agent")
        if str(rec.get("patient", "")).strip() == "" and rec.get("patient_actor") not in ("none", None):
            problems.append("patient_actor is 'none' when there is no patient")
    return problems, warnings


def read_records(path: Path) -> tuple[list[tuple[int, dict[str, Any]]], list[str]]:
    """(line number, record) pairs of a JSON Lines file, and its syntax problems."""
    records: list[tuple[int, dict[str, Any]]] = []
    problems: list[str] = []
    try:
        raw = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        return [], [f"{path}: not UTF-8 ({exc})"]
    for number, line in enumerate(raw.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"{path}, line {number}: not valid JSON ({exc.msg}, column {exc.colno})")
            continue
        if not isinstance(value, dict):
            problems.append(f"{path}, line {number}: each line must be one JSON object {{...}}")
            continue
        records.append((number, value))
    return records, problems


def locate_records(
    path: Path, records: list[tuple[int, dict[str, Any]]], texts: dict[str, str], round_: int,
    *, cand_cache: dict[str, dict[str, Candidate]] | None = None,
) -> list[Located]:
    """Check and locate every record of one file; every record comes back, resolved or not."""
    out: list[Located] = []
    folded: dict[str, Folded] = {}
    cand_cache = {} if cand_cache is None else cand_cache
    for number, rec in records:
        unit = rec.get("unit")
        doc = rec.get("doc")
        item = Located(str(path), number, str(doc), str(unit), rec)
        out.append(item)
        if unit not in ROUND_UNITS[round_]:
            item.problems.append(
                f"unit {unit!r} is not one of {', '.join(ROUND_UNITS[round_])} (round {round_})")
            continue
        if not isinstance(doc, str) or doc not in texts:
            item.problems.append(f"doc {doc!r} is not a document of this round's packet")
            continue
        item.problems.extend(_check_fields(rec, unit))
        problems, warnings = _consistency(rec, unit)
        item.problems.extend(problems)
        item.warnings.extend(warnings)
        if unit == "doc_done":
            continue
        text = texts[doc]
        if doc not in folded:
            folded[doc] = Folded.of(text)
        try:
            if unit == "mention" and rec.get("cand") != "new":
                if any(rec.get(k) not in (None, "") for k in LOCATION_KEYS):
                    raise LocateError("a candidate needs no text or before: only 'cand' (or cand 'new')")
                if doc not in cand_cache:
                    cand_cache[doc] = {c.cid: c for c in candidates(text)}
                cand = cand_cache[doc].get(str(rec.get("cand")))
                if cand is None:
                    raise LocateError(
                        f"cand {rec.get('cand')!r} is not a candidate of {doc} "
                        f"(c1 to c{len(cand_cache[doc])}, or 'new')")
                item.start, item.end = cand.start, cand.end
            else:
                if unit == "mention" and (rec.get("start_text") or rec.get("end_text")):
                    raise LocateError("a new mention is located with 'text' (and 'before')")
                item.start, item.end = locate_span(text, rec, doc=folded[doc])
        except LocateError as exc:
            item.problems.append(str(exc))
            continue
        span = text[item.start:item.end]
        if unit == "quote":
            if span[0] not in QUOTE_MARKS:
                item.problems.append(
                    f"a quotation span starts at its opening quotation mark; it starts with {span[:20]!r}")
            if len(span) > MAX_QUOTE_CHARS:
                item.problems.append(f"span of {len(span)} characters: check end_text")
            if span[-1] not in QUOTE_MARKS:
                item.warnings.append("does not end with a quotation mark (fine only if never closed)")
        if unit == "mention" and rec.get("cand") == "new":
            if doc not in cand_cache:
                cand_cache[doc] = {c.cid: c for c in candidates(text)}
            for cand in cand_cache[doc].values():
                if cand.start < item.end and item.start < cand.end:
                    item.problems.append(
                        f"overlaps candidate {cand.cid} ({cand.surface!r}): answer that candidate instead")
                    break
    return out


def located_rows(items: list[Located], texts: dict[str, str], coder: str) -> list[dict[str, Any]]:
    """Flat rows (one per resolved record, doc_done left out) for a CSV."""
    rows = []
    for item in items:
        if item.problems or item.unit == "doc_done" or item.start is None or item.end is None:
            continue
        row: dict[str, Any] = {
            "coder": coder, "doc": item.doc, "unit": item.unit, "start": item.start,
            "end": item.end, "span": texts[item.doc][item.start:item.end],
        }
        for key, value in item.record.items():
            if key not in ("doc", "unit") and key not in LOCATION_KEYS:
                row[key] = value
        row["file"], row["line"] = item.file, item.line
        rows.append(row)
    return rows


def read_packet_texts(packet: Path, round_: int) -> dict[str, str]:
    """doc -> text of the round's documents, from the packet's ``texts.jsonl``."""
    path = packet / "texts.jsonl"
    if not path.is_file():
        raise SystemExit(f"{path}: not found (is --packet the packet folder?)")
    texts = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        if rec[f"round{round_}"]:
            texts[rec["doc"]] = rec["text"]
    return texts


def locate_folder(folder: Path, texts: dict[str, str], round_: int) -> tuple[list[Located], list[str]]:
    """Every record of every ``*.jsonl`` file in ``folder`` (sorted), and syntax problems."""
    items: list[Located] = []
    problems: list[str] = []
    cache: dict[str, dict[str, Candidate]] = {}
    for path in sorted(folder.glob("*.jsonl")):
        records, syntax = read_records(path)
        problems.extend(syntax)
        items.extend(locate_records(path, records, texts, round_, cand_cache=cache))
    return items, problems


def write_csv(rows: list[dict[str, Any]], path: Path) -> None:
    columns: list[str] = []
    for row in rows:
        for key in row:
            if key not in columns:
                columns.append(key)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Locate annotation records (see module docstring).")
    parser.add_argument("folder", type=Path, help="a coder's folder of .jsonl files for one round")
    parser.add_argument("--packet", type=Path, required=True, help="the packet folder (texts.jsonl)")
    parser.add_argument("--round", type=int, choices=(1, 2), required=True)
    parser.add_argument("--coder", default=None, help="coder name (default: the folder's parent name)")
    parser.add_argument("--out", type=Path, required=True, help="CSV of located records")
    args = parser.parse_args(argv)
    texts = read_packet_texts(args.packet, args.round)
    items, syntax = locate_folder(args.folder, texts, args.round)
    coder = args.coder or args.folder.resolve().parent.name
    rows = located_rows(items, texts, coder)
    write_csv(rows, args.out)
    bad = [i for i in items if i.problems]
    for problem in syntax:
        print(problem, file=sys.stderr)
    for item in bad:
        print(f"{item.file}, line {item.line} ({item.doc}, {item.unit}): "
              + "; ".join(item.problems), file=sys.stderr)
    print(f"{len(rows)} records located into {args.out}; {len(bad) + len(syntax)} unresolved",
          file=sys.stderr)
    return 1 if bad or syntax else 0


if __name__ == "__main__":
    raise SystemExit(main())
