"""Merge two coders' annotations, measure their agreement, and write the gold tables.

Two steps, run from the repository root.

1. ``compare``: locate both coders' records (``locate.py``), align them, write the
   adjudication sheet and the agreement table::

       python tools/validation/build_gold.py compare --packet PACKET --round 1 \\
           --coder A=PATH/coder-A/round1 --coder B=PATH/coder-B/round1 \\
           --intended data/validation/intended/round1 --work WORKDIR

   writes ``WORKDIR/round1_adjudication.csv`` (every aligned item: each coder's values,
   the authors' intended values where they exist, and ``gold_<field>`` filled where
   the coders agree), ``WORKDIR/round1_disagreements.csv`` (the rows that need a
   decision) and ``WORKDIR/round1_agreement.csv`` (Krippendorff's alpha per field).
   Any record that does not locate stops the step with the list of reasons: the
   coder fixes it first (``check_annotations.py``); nothing is dropped.

2. ``finalize``: after the adjudicator has filled every empty ``gold_<field>`` of the
   disagreement file (``gold_start``/``gold_end`` too where the coders' spans differ,
   and ``gold_keep`` ``no`` for an item that is not one)::

       python tools/validation/build_gold.py finalize --packet PACKET --work WORKDIR --rounds 1 2

   merges the decisions into the adjudication sheets, checks every value (allowed
   values, the guide's record rules, spans inside the text), and writes
   ``data/validation/quotes.csv``, ``mentions.csv``, ``events.csv``,
   ``documents.csv`` and ``agreement.csv``. A gold field left empty or outside the
   allowed values is an error naming the file, row and column. The adjudicator may
   add rows of the adjudication sheet that the coders agreed on to the disagreement
   file, to apply an adjudication rule of ``CODING.md`` to them; such a row needs an
   ``adjudication_note``. Gold tables say ``agreed`` (the coders gave the same values
   and span) and ``adjudicated`` (the adjudicator set the values), with the note.
   ``compare`` refuses to overwrite a disagreement file that holds decisions.

Alignment
    Label mentions: by candidate (every coder answers the same candidates); added
    mentions (``cand: new``) and events by span overlap; quotations by overlap of at
    least half the shorter span. Pairs are formed greedily, largest overlap first;
    an item one coder has and the other has not is a presence disagreement.

Agreement
    Krippendorff's alpha (nominal, :func:`mediakit.krippendorff_alpha`) per field over the
    aligned items, a coder's missing item counting as a missing value; presence
    (``quote_present``, ``mention_present`` for added mentions, ``event_present``)
    is coded 1/0 over the union of both coders' items. Speakers are compared
    after the scorer's normalisation (``tools.validation.matching.normalise_name``);
    "no speaker" is a value. Fields that do not apply to a coder's answer (the form
    of what they said is no mention, the speaker of a narration mention) are missing.
    A field where every value is the same has no alpha (reported empty, with its
    percent agreement).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import pandas as pd  # noqa: E402

from tools.validation.inventory import candidates  # noqa: E402
from tools.validation.locate import Located, locate_folder, read_packet_texts  # noqa: E402
from tools.validation.matching import excerpt, normalise_name  # noqa: E402
from tools.validation.schema import FIELDS, QUOTE_MARKS  # noqa: E402
from tools.validation.sources import VALIDATION, read_items  # noqa: E402

#: Fields compared and written per unit (gold columns), in order.
UNIT_FIELDS = {
    "quote": ("is_scare_quote", "speaker", "speaker_kind"),
    "mention": ("is_mention", "reason", "form", "voice", "speaker", "referent", "in_scope"),
    "event": ("event_type", "construction", "has_explicit_agent", "agent", "agent_actor",
              "patient", "patient_actor"),
}
#: Fields whose alpha is reported (free-text agent/patient are compared as actors).
ALPHA_FIELDS = {
    "quote": ("is_scare_quote", "speaker", "speaker_kind"),
    "mention": ("is_mention", "form", "voice", "speaker", "referent", "in_scope"),
    "event": ("event_type", "construction", "has_explicit_agent", "agent_actor", "patient_actor"),
}
AGREEMENT_COLUMNS = ("round", "unit", "field", "n", "alpha", "percent_agreement", "coders")


class GoldError(ValueError):
    """An annotation or adjudication file that cannot become gold (the message says where)."""


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def align(spans: dict[str, list[tuple[int, int, int]]], *, min_share: float) -> list[dict[str, int]]:
    """Groups of one item per coder (index into that coder's list), greedily by overlap.

    ``spans[coder]`` lists ``(start, end, index)``. Two items pair when their overlap
    is at least ``min_share`` of the shorter one (and positive). With more than two
    coders, items join the group of the first coder's item they overlap most.
    """
    coders = list(spans)
    groups: list[dict[str, int]] = []
    used: dict[str, set[int]] = {c: set() for c in coders}
    if not coders:
        return groups
    first = coders[0]
    for _s, _e, k in spans[first]:
        groups.append({first: k})
        used[first].add(k)
    anchor = {k: (s, e) for s, e, k in spans[first]}
    for coder in coders[1:]:
        pairs = []
        for gi, group in enumerate(groups):
            a = anchor[group[first]]
            for s, e, k in spans[coder]:
                ov = _overlap(a, (s, e))
                shorter = max(1, min(a[1] - a[0], e - s))
                if ov > 0 and ov / shorter >= min_share:
                    pairs.append((-ov, gi, k))
        taken_groups: set[int] = set()
        for _, gi, k in sorted(pairs):
            if gi in taken_groups or k in used[coder]:
                continue
            groups[gi][coder] = k
            taken_groups.add(gi)
            used[coder].add(k)
        for _s, _e, k in spans[coder]:
            if k not in used[coder]:
                groups.append({coder: k})
                used[coder].add(k)
    return groups


def _value(item: Located | None, field: str) -> str:
    if item is None:
        return ""
    value = item.record.get(field, "")
    return "" if value is None else str(value).strip()


def _agreeable(field: str, value: str) -> str:
    return normalise_name(value) if field == "speaker" else value


def aligned_rows(
    located: dict[str, list[Located]], texts: dict[str, str], round_: int,
    intended: list[Located] | None = None,
) -> pd.DataFrame:
    """One row per aligned item with every coder's values and the agreed gold."""
    coders = list(located)
    rows: list[dict[str, Any]] = []
    units = ("quote", "mention") if round_ == 1 else ("event",)
    for doc in texts:
        for unit in units:
            per_coder = {c: [i for i in located[c] if i.doc == doc and i.unit == unit] for c in coders}
            author = [i for i in (intended or []) if i.doc == doc and i.unit == unit]
            groups: list[dict[str, Located | None]] = []
            if unit == "mention":
                by_cand: dict[str, dict[str, Located]] = {}
                for c in coders:
                    for i in per_coder[c]:
                        if i.record.get("cand") != "new":
                            by_cand.setdefault(str(i.record.get("cand")), {})[c] = i
                for cand in candidates(texts[doc]):
                    group = by_cand.get(cand.cid, {})
                    groups.append({c: group.get(c) for c in coders})
                news = {c: [i for i in per_coder[c] if i.record.get("cand") == "new"] for c in coders}
                spans = {c: [(i.start or 0, i.end or 0, k) for k, i in enumerate(news[c])] for c in coders}
                for g in align(spans, min_share=0.01):
                    groups.append({c: news[c][g[c]] if c in g else None for c in coders})
            else:
                spans = {c: [(i.start or 0, i.end or 0, k) for k, i in enumerate(per_coder[c])] for c in coders}
                share = 0.5 if unit == "quote" else 0.01
                for g in align(spans, min_share=share):
                    groups.append({c: per_coder[c][g[c]] if c in g else None for c in coders})
            for group in groups:
                present = {c: i for c, i in group.items() if i is not None}
                if not present:
                    continue  # a candidate nobody answered: check_annotations stops that earlier
                starts = sorted(i.start for i in present.values() if i.start is not None)
                ends = sorted(i.end for i in present.values() if i.end is not None)
                start, end = starts[len(starts) // 2], ends[len(ends) // 2]
                row: dict[str, Any] = {
                    "doc_id": doc, "unit": unit, "start": start, "end": end,
                    "candidate": next((str(i.record.get("cand")) for i in present.values()
                                       if unit == "mention"), ""),
                    "excerpt": excerpt(texts[doc], start, end),
                    "coded_by": ";".join(sorted(present)),
                }
                for c in coders:
                    i = group.get(c)
                    row[f"{c}_start"] = "" if i is None else i.start
                    row[f"{c}_end"] = "" if i is None else i.end
                    for field in UNIT_FIELDS[unit]:
                        row[f"{c}_{field}"] = _value(i, field)
                    row[f"{c}_note"] = _value(i, "note")  # the coder's reasons, for the adjudicator
                match = next((a for a in author if a.start is not None and a.end is not None
                              and _overlap((a.start, a.end), (start, end)) > 0), None)
                for field in UNIT_FIELDS[unit]:
                    row[f"author_{field}"] = _value(match, field)
                row["author_note"] = _value(match, "note")
                all_present = len(present) == len(coders)
                agreed = all_present
                for field in UNIT_FIELDS[unit]:
                    values = {_agreeable(field, _value(group.get(c), field)) for c in coders}
                    same = all_present and len(values) == 1
                    agreed = agreed and same
                    row[f"gold_{field}"] = _value(present[coders[0]], field) if same else ""
                # The gold span is a decision like any field: the coders' span when they
                # (or the only coder) gave one span; empty, to decide, when they differ.
                coder_spans = {(i.start, i.end) for i in present.values()}
                same_span = len(coder_spans) == 1
                agreed = agreed and same_span
                only = next(iter(coder_spans)) if same_span else ("", "")
                row["gold_start"], row["gold_end"] = only
                row["gold_keep"] = "yes" if all_present else ""
                row["adjudication_note"] = ""
                row["needs_decision"] = "no" if agreed else "yes"
                row["item_key"] = f"{doc}|{unit}|{start}|{end}|{row['candidate']}"
                rows.append(row)
    return pd.DataFrame(rows)


def _alpha(values: list[list[str]]) -> float:
    """Nominal alpha of items x coders text codes ("" missing); nan where undefined.

    Computed by :func:`mediakit.krippendorff_alpha` (mediakit's own implementation
    of the published definition); alpha is undefined (nan) with no item coded twice
    or a single value.
    """
    from mediakit import CodingError, krippendorff_alpha

    if not values:
        return float("nan")
    table = [[row[c] for row in values] for c in range(len(values[0]))]  # coders x items
    try:
        return krippendorff_alpha(table, level="nominal")
    except CodingError:
        return float("nan")


_NONE = "(none)"


def _coded_value(row: Any, coder: str, unit: str, field: str) -> str:
    """A coder's value for alpha: "" (missing) when the field does not apply to them.

    Missing: the coder lacks the item; a mention field other than ``is_mention`` when
    they said it is no mention; a mention's speaker unless they coded voice ``quote``.
    An empty speaker is a value (``(none)``: no speaker named), not a missing one.
    """
    if str(row[f"{coder}_start"]) == "":
        return ""
    value = str(row[f"{coder}_{field}"])
    if unit == "mention" and field != "is_mention":
        if row[f"{coder}_is_mention"] != "yes":
            return ""
        if field == "speaker":
            if row[f"{coder}_voice"] != "quote":
                return ""
            return _agreeable(field, value) or _NONE
    if unit == "quote" and field == "speaker":
        return _agreeable(field, value) or _NONE
    return _agreeable(field, value)


def agreement(table: pd.DataFrame, coders: list[str], round_: int) -> pd.DataFrame:
    """Alpha per field (and presence) over the aligned items of one round."""
    out = []
    for unit in ("quote", "mention", "event"):
        sub = table[table["unit"] == unit] if len(table) else table
        if sub.empty:
            continue
        fields: list[tuple[str, list[list[str]]]] = []
        if unit in ("quote", "event") or (unit == "mention" and (sub["candidate"] == "new").any()):
            present_rows = sub if unit != "mention" else sub[sub["candidate"] == "new"]
            fields.append((f"{unit}_present", [
                ["1" if str(r[f"{c}_start"]) != "" else "0" for c in coders]
                for _, r in present_rows.iterrows()]))
        for field in ALPHA_FIELDS[unit]:
            values = []
            for _, r in sub.iterrows():
                values.append([_coded_value(r, c, unit, field) for c in coders])
            fields.append((field, values))
        for field, values in fields:
            pairable = [row for row in values if sum(v != "" for v in row) >= 2]
            n = len(pairable)
            same = sum(len(set(row)) == 1 for row in pairable)
            out.append({
                "round": round_, "unit": unit, "field": field, "n": n,
                "alpha": _alpha(values) if n else float("nan"),
                "percent_agreement": same / n if n else float("nan"),
                "coders": ";".join(coders),
            })
    return pd.DataFrame(out, columns=list(AGREEMENT_COLUMNS))


def _locate_all(folder: Path, texts: dict[str, str], round_: int) -> list[Located]:
    items, syntax = locate_folder(folder, texts, round_)
    problems = list(syntax) + [
        f"{i.file}, line {i.line} ({i.doc}, {i.unit}): {'; '.join(i.problems)}" for i in items if i.problems]
    if problems:
        raise GoldError(f"{folder}: {len(problems)} record(s) do not resolve; fix them first "
                        "(check_annotations.py):\n" + "\n".join(problems))
    return [i for i in items if i.unit != "doc_done"]


def _has_decisions(path: Path) -> bool:
    """Whether an adjudication file holds anything an adjudicator wrote."""
    sheet = pd.read_csv(path, dtype=str, keep_default_na=False)
    if "adjudication_note" in sheet.columns and (sheet["adjudication_note"] != "").any():
        return True
    pending = sheet[sheet.get("needs_decision", pd.Series(["yes"] * len(sheet))) == "yes"]
    gold = [c for c in pending.columns if c.startswith("gold_") and c not in ("gold_keep",)]
    return bool(len(pending)) and bool((pending[gold] != "").all(axis=1).any())


def compare(packet: Path, round_: int, coder_dirs: dict[str, Path], work: Path,
            intended: Path | None = None, *, overwrite: bool = False) -> tuple[pd.DataFrame, pd.DataFrame]:
    texts = read_packet_texts(packet, round_)
    located = {name: _locate_all(folder, texts, round_) for name, folder in coder_dirs.items()}
    author = _locate_all(intended, {d: t for d, t in texts.items()}, round_) if intended else None
    table = aligned_rows(located, texts, round_, author)
    alpha = agreement(table, list(coder_dirs), round_)
    work.mkdir(parents=True, exist_ok=True)
    decisions_path = work / f"round{round_}_disagreements.csv"
    if decisions_path.is_file() and not overwrite and _has_decisions(decisions_path):
        raise GoldError(
            f"{decisions_path} already holds adjudication decisions; compare would overwrite "
            "them (move the file away, or pass --overwrite)")
    table.to_csv(work / f"round{round_}_adjudication.csv", index=False)
    table[table["needs_decision"] == "yes"].to_csv(decisions_path, index=False)
    alpha.to_csv(work / f"round{round_}_agreement.csv", index=False)
    return table, alpha


# --------------------------------------------------------------------------------------
# finalize


def _decided(work: Path, round_: int) -> tuple[pd.DataFrame, dict[str, str]]:
    """The adjudication sheet with the adjudicator's decisions merged in.

    Returns the sheet (``adjudicated`` is ``yes`` for every row the decision file
    lists) and, per decided item, where it was decided (file and row) so that errors
    point at the line the adjudicator edits. A decision file may also list rows the
    coders agreed on, to apply an adjudication rule to them; those need an
    ``adjudication_note`` saying which rule.
    """
    sheet_path = work / f"round{round_}_adjudication.csv"
    sheet = pd.read_csv(sheet_path, dtype=str, keep_default_na=False)
    for column in ("gold_start", "gold_end", "adjudication_note"):
        if column not in sheet.columns:
            raise GoldError(f"{sheet_path}: no column {column!r}; run compare again with this version")
    sheet["adjudicated"] = "no"
    where = {key: f"{sheet_path}, row {n}" for n, key in enumerate(sheet["item_key"], start=2)}
    decisions_path = work / f"round{round_}_disagreements.csv"
    if not decisions_path.is_file():
        return sheet, where
    decisions = pd.read_csv(decisions_path, dtype=str, keep_default_na=False)
    if "item_key" not in decisions.columns:
        raise GoldError(f"{decisions_path}: no column 'item_key'")
    unknown = [k for k in decisions["item_key"] if k not in where]
    if unknown:
        raise GoldError(f"{decisions_path}: item_key(s) not in the adjudication sheet: {unknown[:5]}")
    repeated = decisions["item_key"][decisions["item_key"].duplicated()].tolist()
    if repeated:
        raise GoldError(f"{decisions_path}: item_key(s) listed twice: {repeated[:5]}")
    agreed_before = dict(zip(sheet["item_key"], sheet["needs_decision"]))
    problems = []
    for n, row in enumerate(decisions.to_dict("records"), start=2):
        if agreed_before[row["item_key"]] == "no" and not row.get("adjudication_note", "").strip():
            problems.append(f"{decisions_path}, row {n}, column 'adjudication_note': a row the coders "
                            "agreed on is changed only by a rule; name it")
    if problems:
        raise GoldError("\n".join(problems))
    columns = [c for c in decisions.columns if c.startswith("gold_") or c == "adjudication_note"]
    missing = [c for c in columns if c not in sheet.columns]
    if missing:
        raise GoldError(f"{decisions_path}: unknown column(s) {missing}")
    decided = decisions.set_index("item_key")[columns]
    sheet = sheet.set_index("item_key")
    sheet.loc[decided.index, columns] = decided
    sheet.loc[decided.index, "adjudicated"] = "yes"
    sheet = sheet.reset_index()
    for n, key in enumerate(decisions["item_key"], start=2):
        where[key] = f"{decisions_path}, row {n}"
    return sheet, where


def _check_gold(sheet: pd.DataFrame, where: dict[str, str], texts: dict[str, str]) -> None:
    """Every kept item has allowed gold values and a span inside its text (or an error)."""
    problems = []
    for row in sheet.to_dict("records"):
        at = where[row["item_key"]]
        keep = row.get("gold_keep", "")
        if keep not in ("yes", "no"):
            problems.append(f"{at}, column 'gold_keep': {keep!r} (yes or no)")
            continue
        if keep == "no":
            continue
        unit = row["unit"]
        text = texts.get(row["doc_id"], "")
        try:
            start, end = int(row["gold_start"]), int(row["gold_end"])
        except ValueError:
            problems.append(f"{at}, columns 'gold_start'/'gold_end': {row['gold_start']!r}, "
                            f"{row['gold_end']!r} (whole numbers: the span decided)")
        else:
            if not 0 <= start < end <= len(text):
                problems.append(f"{at}, columns 'gold_start'/'gold_end': {start}-{end} is outside "
                                f"the text of {row['doc_id']} ({len(text)} characters)")
            elif unit == "quote" and text[start] not in QUOTE_MARKS:
                problems.append(f"{at}, column 'gold_start': a quotation starts at its opening mark, "
                                f"not {text[start:start + 10]!r}")
        spec: dict[str, tuple[str, ...] | None] = dict(FIELDS[unit])
        if unit == "mention":
            spec = {"is_mention": FIELDS["mention"]["is_mention"]}
            spec.update(FIELDS["mention_yes"] if row.get("gold_is_mention") == "yes" else FIELDS["mention_no"])
        for field, allowed in spec.items():
            if field in ("id", "cand"):
                continue
            value = row.get(f"gold_{field}", "")
            free_text_may_be_empty = field in ("speaker", "agent", "patient")
            if value == "" and not free_text_may_be_empty:
                problems.append(f"{at}, column 'gold_{field}': empty (item {row['item_key']})")
            elif allowed is not None and value != "" and value not in allowed:
                problems.append(f"{at}, column 'gold_{field}': {value!r} not in {allowed}")
        problems.extend(f"{at}: {p}" for p in _consistency_problems(row))
    if problems:
        raise GoldError(f"{len(problems)} gold value(s) to fix:\n" + "\n".join(problems[:50]))


def _consistency_problems(row: dict[str, Any]) -> list[str]:
    """The record rules of the coding guide, applied to the gold values of one item."""
    g = {k[len("gold_"):]: v for k, v in row.items() if k.startswith("gold_")}
    out = []
    if row["unit"] == "quote":
        if (g["speaker_kind"] == "none") != (g["speaker"] == ""):
            out.append("gold_speaker_kind is 'none' exactly when gold_speaker is empty")
        if g["is_scare_quote"] == "yes" and g["speaker"]:
            out.append("a scare quote has no speaker")
    elif row["unit"] == "mention" and g.get("is_mention") == "yes":
        if g["voice"] != "quote" and g["speaker"]:
            out.append("gold_speaker is filled only when gold_voice is 'quote'")
    elif row["unit"] == "mention" and g.get("is_mention") == "no":
        filled = [f for f in ("form", "voice", "speaker", "referent", "in_scope") if g.get(f)]
        if filled:
            out.append(f"a non-mention has no {', '.join(filled)}")
    elif row["unit"] == "event":
        if (g["has_explicit_agent"] == "yes") != (g["agent"] != ""):
            out.append("gold_has_explicit_agent is 'yes' exactly when gold_agent is filled")
        if g["construction"] == "passive_agent" and g["has_explicit_agent"] != "yes":
            out.append("passive_agent needs an agent")
        if g["construction"] in ("passive_agentless", "intransitive") and g["has_explicit_agent"] == "yes":
            out.append(f"{g['construction']} has no explicit agent")
        if g["agent"] == "" and g["agent_actor"] != "none":
            out.append("gold_agent_actor is 'none' when there is no agent")
        if g["patient"] == "" and g["patient_actor"] != "none":
            out.append("gold_patient_actor is 'none' when there is no patient")
    return out


def gold_tables(sheets: dict[int, pd.DataFrame], texts: dict[str, str]) -> dict[str, pd.DataFrame]:
    items = {i.doc_id: i for i in read_items()}
    base = ("doc_id", "corpus_doc_id", "source", "outlet", "split")

    def prefix(doc: str) -> dict[str, Any]:
        item = items[doc]
        return {"doc_id": doc, "corpus_doc_id": item.corpus_doc_id, "source": item.source,
                "outlet": item.outlet, "split": item.split}

    out: dict[str, list[dict[str, Any]]] = {"quotes": [], "mentions": [], "events": []}
    tiers: dict[str, dict[int, str]] = {}
    for sheet in sheets.values():
        kept = sheet[sheet["gold_keep"] == "yes"].copy()
        kept["start_i"] = kept["gold_start"].astype(int)
        kept = kept.sort_values(["doc_id", "unit", "start_i"])
        for row in kept.to_dict("records"):
            doc, start, end = row["doc_id"], int(row["gold_start"]), int(row["gold_end"])
            text = texts[doc]
            common = {**prefix(doc), "start": start, "end": end,
                      "excerpt": excerpt(text, start, end),
                      "agreed": "yes" if row["needs_decision"] == "no" else "no",
                      "adjudicated": row.get("adjudicated", "no"),
                      "adjudication_note": row.get("adjudication_note", ""),
                      "coded_by": row["coded_by"]}
            if row["unit"] == "quote":
                out["quotes"].append({**common,
                    "closed": "yes" if text[end - 1] in "\"'\u201d\u2019\u00bb\u201c" else "no",
                    "is_scare_quote": row["gold_is_scare_quote"], "speaker": row["gold_speaker"],
                    "speaker_kind": row["gold_speaker_kind"]})
            elif row["unit"] == "mention":
                if doc not in tiers:
                    tiers[doc] = {c.start: c.tier for c in candidates(text)}
                out["mentions"].append({**common, "match": text[start:end],
                    "candidate": row["candidate"], "tier": tiers[doc].get(start, "added"),
                    "is_mention": row["gold_is_mention"], "reason": row.get("gold_reason", ""),
                    "form": row["gold_form"], "voice": row["gold_voice"],
                    "speaker": row["gold_speaker"], "referent": row["gold_referent"],
                    "in_scope": row["gold_in_scope"]})
            else:
                out["events"].append({**common, "trigger": text[start:end],
                    **{f: row[f"gold_{f}"] for f in UNIT_FIELDS["event"]}})
    frames = {}
    for name, rows in out.items():
        frame = pd.DataFrame(rows)
        if not frame.empty:
            key = {"quotes": "quote_id", "mentions": "mention_id", "events": "event_id"}[name]
            frame.insert(len(base), key, frame.groupby("doc_id").cumcount())
        frames[name] = frame
    docs = []
    for doc, item in items.items():
        count = {n: int((frames[n]["doc_id"] == doc).sum()) if not frames[n].empty else 0 for n in frames}
        docs.append({**prefix(doc), "fakes_row": "" if item.fakes_row is None else item.fakes_row,
                     "unit_id": item.unit_id, "sha256": item.sha256, "stratum": item.stratum,
                     "written_by_team": "yes" if item.written_by_team else "no",
                     "off_topic": "yes" if item.off_topic else "no",
                     "coded_round1": "yes" if 1 in sheets and item.round1 else "no",
                     "coded_round2": "yes" if 2 in sheets and item.round2 else "no",
                     "n_quotes": count["quotes"], "n_mentions": count["mentions"],
                     "n_events": count["events"]})
    frames["documents"] = pd.DataFrame(docs)
    return frames


def finalize(work: Path, rounds: list[int], packet: Path, out_dir: Path = VALIDATION) -> dict[str, pd.DataFrame]:
    sheets = {}
    texts: dict[str, str] = {}
    for round_ in rounds:
        round_texts = read_packet_texts(packet, round_)
        sheet, where = _decided(work, round_)
        _check_gold(sheet, where, round_texts)
        sheets[round_] = sheet
        texts.update(round_texts)
    frames = gold_tables(sheets, texts)
    out_dir.mkdir(parents=True, exist_ok=True)  # a new --out-dir is made, as the packets' --out is
    for name, frame in frames.items():
        frame.to_csv(out_dir / f"{name}.csv", index=False)
    agreement_frames = [pd.read_csv(work / f"round{r}_agreement.csv") for r in rounds]
    pd.concat(agreement_frames, ignore_index=True).to_csv(out_dir / "agreement.csv", index=False)
    return frames


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Merge coders, agreement, gold tables (see module docstring).")
    sub = parser.add_subparsers(dest="step", required=True)
    c = sub.add_parser("compare")
    c.add_argument("--packet", type=Path, required=True)
    c.add_argument("--round", type=int, choices=(1, 2), required=True)
    c.add_argument("--coder", action="append", required=True, metavar="NAME=FOLDER")
    c.add_argument("--intended", type=Path, default=None)
    c.add_argument("--work", type=Path, required=True)
    c.add_argument("--overwrite", action="store_true",
                   help="replace a disagreement file that already holds decisions")
    f = sub.add_parser("finalize")
    f.add_argument("--work", type=Path, required=True)
    f.add_argument("--packet", type=Path, required=True)
    f.add_argument("--rounds", type=int, nargs="+", choices=(1, 2), required=True)
    f.add_argument("--out-dir", type=Path, default=VALIDATION)
    args = parser.parse_args(argv)
    try:
        if args.step == "compare":
            coders = {}
            for spec in args.coder:
                name, _, folder = spec.partition("=")
                if not name or not folder:
                    parser.error(f"--coder {spec!r}: write NAME=FOLDER")
                coders[name] = Path(folder)
            if len(coders) < 2:
                parser.error("give at least two --coder")
            table, alpha = compare(args.packet, args.round, coders, args.work, args.intended,
                                   overwrite=args.overwrite)
            print(f"{len(table)} aligned items, {int((table['needs_decision'] == 'yes').sum())} to decide; "
                  f"files in {args.work}", file=sys.stderr)
            print(alpha.to_string(index=False), file=sys.stderr)
        else:
            frames = finalize(args.work, args.rounds, args.packet, args.out_dir)
            print(", ".join(f"{n}: {len(f)} rows" for n, f in frames.items()), file=sys.stderr)
    except GoldError as exc:
        print(f"build_gold: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
