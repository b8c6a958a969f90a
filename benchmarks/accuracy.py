"""Score the current mediakit against the hand-annotated development set.

Prints (and with ``--out`` writes as CSV) every measure of issue 14's and issue 21's
tables, separately for the ``dev``, ``test`` and ``holdout`` splits and for all
documents, with Wilson 95% intervals, the date, the git commit and mediakit's version,
first one row per measure and split, then one row per measure with a column per split::

    python benchmarks/accuracy.py                     # gold tables in data/validation/
    python benchmarks/accuracy.py --split dev --out accuracy.csv
    python benchmarks/accuracy.py --intended          # authors' intended answers, written articles only

Splits (``items.csv``): ``dev`` and ``test`` hold rounds 1-2 (both were read while tuning
on 2026-12-03, ``test`` for speakers and referents only; ``dev`` also holds round 4,
``test`` rounds 3 and 6, held out until their errors were read on the afternoon of
2026-12-03); ``holdout`` holds rounds 5 and 7, FA-KES articles coded for quotations and
mentions only (no events, no off-topic articles), never looked at while tuning: report
its scores, never its errors. ``all``
is every coded document, the holdout included.

Texts: the FA-KES rows are loaded with ``mediakit.load_corpus(path, encoding="latin-1",
columns=...)``, the written articles and headlines with ``mediakit.load_corpus``; every
text must have the SHA-256 that ``data/validation/items.csv`` records (the script stops
with the document's id otherwise: offsets would be meaningless).

mediakit is run as it exists: ``find_quotes``, ``find_mentions`` with the ``syria``
lexicon (and the ``conflict`` lexicon for the off-topic count), and ``find_events``
when the library has it. Columns that do not exist yet are reported as
"not available" and picked up when they appear: a scope column (``in_scope`` or
``scope``), a mention form column (``form``, ``modifier`` or ``compound``) and the
event columns of issue 21.

Measures (matching rules in ``tools/validation/matching.py``):

quote_span_f1
    quotations (direct and scare quotes with quotation marks; mediakit's unmarked
    "so-called" spans left out) matched one to one at Jaccard overlap >= 0.5.
speaker_acc_found
    among matched gold direct quotations whose gold speaker is named: the share
    whose mediakit speaker matches (lenient rules).
speaker_acc_all
    the same over every gold direct quotation with a speaker (a missed quotation
    counts as wrong).
quote_type_acc
    among matched quotations, mediakit's quote/scare_quote equals the gold.
mention_f1
    label mentions of the core inventory (compounds included; the gold's ``added``
    tier, odd forms a coder added such as "Govt", counts as core): recall over gold
    mentions overlapped by a mediakit mention, precision over mediakit mentions that
    overlap a gold mention (any tier). Gold rows with ``is_mention`` ``no`` (names such
    as "Army of Islam", non-actor uses) are not mentions: a mediakit mention that
    overlaps only such rows, or no gold row at all, is a false positive.
mention_recall_extended
    recall over the extended tier (troops, soldiers, gunmen, ...), reported apart.
voice_acc
    among found gold mentions, mediakit's voice equals the gold voice.
referent_acc
    among found gold mentions in scope whose referent is one of the four actors,
    mediakit's ``referent`` equals the gold (so the Islamic State counts apart).
referent_acc_islamic_state
    the same restricted to gold ``islamic_state``.
outside_left_without_referent
    among found gold mentions whose referent is ``other`` or ``none`` (or that are
    out of scope), the share mediakit leaves without a referent (missing, or out of
    scope by its scope column).
conflict_kept_in_scope
    among found gold mentions in scope with one of the four referents, the share
    mediakit keeps (in scope by its scope column; without one, a referent present).
    Gold referents ``mixed`` and ``unclear`` (CODING.md rule M5) have no single right
    actor, so they count in none of the three referent and scope measures above.
offtopic_in_scope_mentions
    mediakit mentions kept in scope in the off-topic written articles (a count; one
    row per lexicon).
general_news_in_scope_mentions
    the same in ``data/validation/general_news/`` (general news with no war, written
    by the team; every label word in it is out of scope by construction), split
    ``all`` only, one row per lexicon; ``n`` is the number of mentions found.
event_trigger_f1, construction_acc, explicit_agent_acc
    issue 21's: triggers matched by overlap; among matched events the construction,
    and whether an agent is named, equal the gold.

F1 intervals are the Wilson interval of TP / (TP + (FP + FN) / 2), an approximation
stated here; proportions use the Wilson interval directly.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import subprocess
import sys
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))

import pandas as pd  # noqa: E402

from tools.validation.matching import (  # noqa: E402
    f1,
    match_overlapping,
    match_spans,
    speaker_matches,
    wilson,
)
from tools.validation.schema import QUOTE_MARKS  # noqa: E402
from tools.validation.sources import (  # noqa: E402
    FAKES_COLUMNS,
    HEADLINES_CSV,
    VALIDATION,
    WRITTEN_DIR,
    Item,
    ValidationDataError,
    default_fakes_path,
    read_items,
    sha256,
)

FOUR = ("armed_opposition", "islamic_state", "kurdish_forces", "state_forces")
SPLITS = ("dev", "test", "holdout", "all")
RESULT_COLUMNS = ("measure", "split", "n", "value", "lo", "hi", "status", "detail")
SCOPE_COLUMNS = ("in_scope", "scope")
FORM_COLUMNS = ("form", "modifier", "compound")
NOT_AVAILABLE = "not available"


@dataclass
class Gold:
    quotes: pd.DataFrame
    mentions: pd.DataFrame
    events: pd.DataFrame
    documents: pd.DataFrame
    source: str


# --------------------------------------------------------------------------------------
# loading


def load_texts(items: list[Item], *, fakes_path: Path | None = None) -> pd.DataFrame:
    """The corpus of every item, mediakit-loaded, with ``doc_id`` = the item's id.

    Stops with an error naming the document when a text's hash differs from items.csv.
    """
    import mediakit as mk

    frames = []
    if any(i.source == "fakes" for i in items):
        path = fakes_path or default_fakes_path()
        if not path.is_file():
            raise ValidationDataError(f"{path}: the FA-KES copy is needed (set MEDIAKIT_FAKES)")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # FA-KES's ambiguous dates are not used here
            frames.append(mk.load_corpus(path, encoding="latin-1", columns=FAKES_COLUMNS))
    if any(i.source == "written" for i in items):
        frames.append(mk.load_corpus(WRITTEN_DIR))
    if any(i.source == "headline" for i in items):
        frames.append(mk.load_corpus(HEADLINES_CSV))
    loaded = pd.concat([f[["doc_id", "outlet", "date", "title", "text"]] for f in frames], ignore_index=True)
    by_id = dict(zip(loaded["doc_id"], range(len(loaded))))
    rows = []
    for item in items:
        position = by_id.get(item.corpus_doc_id)
        if position is None:
            raise ValidationDataError(f"{item.doc_id}: mediakit loaded no document {item.corpus_doc_id!r}")
        text = loaded["text"].iloc[position]
        if sha256(text) != item.sha256:
            raise ValidationDataError(
                f"{item.doc_id} ({item.corpus_doc_id}): the text mediakit loads has sha256 "
                f"{sha256(text)[:12]}..., items.csv has {item.sha256[:12]}...: the loader changed "
                "the text, offsets in the gold would not hold")
        rows.append({"doc_id": item.doc_id, "outlet": item.outlet, "date": loaded["date"].iloc[position],
                     "title": "", "text": text})
    return pd.DataFrame(rows)


def load_gold(gold_dir: Path) -> Gold:
    paths = {name: gold_dir / f"{name}.csv" for name in ("quotes", "mentions", "events", "documents")}
    missing = [str(p) for p in paths.values() if not p.is_file()]
    if missing:
        raise ValidationDataError(
            "gold tables not built yet (they are filled by the adjudication step, "
            "tools/validation/build_gold.py): missing " + ", ".join(missing))
    frames = {n: pd.read_csv(p, dtype=str, keep_default_na=False) for n, p in paths.items()}
    for name in ("quotes", "mentions", "events"):
        if not frames[name].empty:
            frames[name]["start"] = frames[name]["start"].astype(int)
            frames[name]["end"] = frames[name]["end"].astype(int)
    return Gold(frames["quotes"], frames["mentions"], frames["events"], frames["documents"], str(gold_dir))


def load_intended(items: list[Item], texts: pd.DataFrame) -> Gold:
    """The authors' intended answers for the written articles, as gold-shaped tables."""
    from tools.validation.inventory import candidates
    from tools.validation.locate import locate_folder

    chosen = {i.doc_id: i for i in items if i.source == "written"}
    text_of = dict(zip(texts["doc_id"], texts["text"]))
    round1 = {d: text_of[d] for d in chosen}
    located, syntax = locate_folder(VALIDATION / "intended" / "round1", round1, 1)
    bad = [i for i in located if i.problems] or syntax
    if bad:
        raise ValidationDataError(f"intended answers do not resolve: {bad[:3]}")
    quotes, mentions = [], []
    for item in located:
        doc = chosen[item.doc]
        base = {"doc_id": item.doc, "split": doc.split, "outlet": doc.outlet,
                "start": item.start, "end": item.end}
        rec = item.record
        if item.unit == "quote":
            quotes.append({**base, "is_scare_quote": rec["is_scare_quote"], "speaker": rec["speaker"],
                           "speaker_kind": rec["speaker_kind"]})
        elif item.unit == "mention":
            cand = {c.start: c for c in candidates(round1[item.doc])}.get(item.start or -1)
            mentions.append({**base, "tier": cand.tier if cand else "added",
                             "is_mention": rec["is_mention"], "form": rec.get("form", ""),
                             "voice": rec.get("voice", ""), "speaker": rec.get("speaker", ""),
                             "referent": rec.get("referent", ""), "in_scope": rec.get("in_scope", "")})
    documents = pd.DataFrame([{"doc_id": d, "split": i.split, "off_topic": "yes" if i.off_topic else "no",
                               "coded_round1": "yes", "coded_round2": "no"} for d, i in chosen.items()])
    return Gold(pd.DataFrame(quotes), pd.DataFrame(mentions),
                pd.DataFrame(columns=["doc_id", "start", "end"]), documents,
                "intended answers of the written articles (authors' own, not adjudicated gold)")


# --------------------------------------------------------------------------------------
# scoring


def _result(measure: str, split: str, n: float, value: float, lo: float, hi: float,
            status: str = "ok", detail: str = "") -> dict[str, Any]:
    return {"measure": measure, "split": split, "n": n, "value": value, "lo": lo, "hi": hi,
            "status": status, "detail": detail}


def proportion(measure: str, split: str, hits: int, n: int, detail: str = "") -> dict[str, Any]:
    if n == 0:
        return _result(measure, split, 0, float("nan"), float("nan"), float("nan"), "no gold items", detail)
    lo, hi = wilson(hits, n)
    return _result(measure, split, n, hits / n, lo, hi, "ok", f"{hits}/{n}" + (f"; {detail}" if detail else ""))


def f1_result(measure: str, split: str, tp: int, fp: int, fn: int) -> dict[str, Any]:
    precision, recall, score = f1(tp, fp, fn)
    n = tp + (fp + fn) / 2
    lo, hi = wilson(tp, n) if n else (float("nan"), float("nan"))
    status = "ok" if tp + fp + fn else "no gold items"
    return _result(measure, split, tp + fn, score, lo, hi, status,
                   f"tp {tp}, fp {fp}, fn {fn}; precision {precision:.3f}, recall {recall:.3f}")


def _is_marked(text: str) -> bool:
    return bool(text) and text[0] in QUOTE_MARKS


def matched_quotes(
    gold: pd.DataFrame, system: pd.DataFrame, doc: str
) -> tuple[list[tuple[dict[str, Any], dict[str, Any] | None]], int]:
    """Each gold quotation of ``doc`` (by start) with the mediakit quotation matched to it
    one to one (or None), and how many marked mediakit quotations the document has."""
    g = gold[gold["doc_id"] == doc].sort_values("start")
    s = system[(system["doc_id"] == doc) & system["text"].map(_is_marked)].sort_values("start")
    pairs = dict(match_spans(list(zip(g["start"], g["end"])), list(zip(s["start"], s["end"]))))
    s_rows = s.to_dict("records")
    matched = [(row, s_rows[pairs[gi]] if gi in pairs else None) for gi, row in enumerate(g.to_dict("records"))]
    return matched, len(s_rows)


def speaker_is_right(found: dict[str, Any] | None, gold_row: dict[str, Any]) -> bool:
    """Whether a matched mediakit quotation names the gold speaker (lenient rules)."""
    speaker = None if found is None else found["speaker"]
    return isinstance(speaker, str) and speaker_matches(speaker, gold_row["speaker"],
                                                        gold_kind=gold_row["speaker_kind"])


def score_quotes(gold: pd.DataFrame, system: pd.DataFrame, docs: list[str], split: str) -> list[dict[str, Any]]:
    tp = fp = fn = 0
    found_named = right_found = all_named = right_all = type_n = type_right = 0
    for doc in docs:
        matched, n_system = matched_quotes(gold, system, doc)
        n_pairs = sum(found is not None for _, found in matched)
        tp += n_pairs
        fp += n_system - n_pairs
        fn += len(matched) - n_pairs
        for row, found in matched:
            if found is not None:
                type_n += 1
                gold_voice = "scare_quote" if row["is_scare_quote"] == "yes" else "quote"
                type_right += found["voice"] == gold_voice
            if row["is_scare_quote"] == "yes" or not row["speaker"]:
                continue
            all_named += 1
            if found is None:
                continue
            found_named += 1
            ok = speaker_is_right(found, row)
            right_found += ok
            right_all += ok
    return [
        f1_result("quote_span_f1", split, tp, fp, fn),
        proportion("speaker_acc_found", split, right_found, found_named),
        proportion("speaker_acc_all", split, right_all, all_named),
        proportion("quote_type_acc", split, type_right, type_n),
    ]


def _system_scope(row: dict[str, Any], scope_col: str | None) -> bool:
    """Whether mediakit keeps a mention in scope (its scope column, else a referent)."""
    if scope_col is not None:
        value = row.get(scope_col)
        if isinstance(value, str):
            return value.strip().lower() in ("yes", "true", "in", "in_scope", "1")
        return bool(value) if value is not None and not pd.isna(value) else False
    referent = row.get("referent")
    return isinstance(referent, str) and referent != ""


def score_mentions(gold: pd.DataFrame, system: pd.DataFrame, docs: list[str], split: str) -> list[dict[str, Any]]:
    scope_col = next((c for c in SCOPE_COLUMNS if c in system.columns), None)
    counts = dict(tp=0, fp=0, fn=0, ext_hit=0, ext_n=0, voice_n=0, voice_ok=0, ref_n=0, ref_ok=0,
                  is_n=0, is_ok=0, out_n=0, out_ok=0, keep_n=0, keep_ok=0)
    for doc in docs:
        g = gold[(gold["doc_id"] == doc)].sort_values("start")
        s = system[system["doc_id"] == doc].sort_values("start")
        g_rows = g.to_dict("records")
        s_rows = s.to_dict("records")
        g_spans = [(r["start"], r["end"]) for r in g_rows]
        s_spans = [(r["start"], r["end"]) for r in s_rows]
        best, hit = match_overlapping(g_spans, s_spans)
        positive = {i for i, r in enumerate(g_rows) if r["is_mention"] == "yes"}
        # system mentions overlapping only non-mentions (names, "fighter jets") are false
        true_hits = {si for gi, si in best.items() if gi in positive}
        for gi in positive:
            for si, sp in enumerate(s_spans):
                if max(0, min(g_spans[gi][1], sp[1]) - max(g_spans[gi][0], sp[0])) > 0:
                    true_hits.add(si)
        counts["fp"] += len(s_spans) - len(true_hits)
        for gi in positive:
            row = g_rows[gi]
            found = gi in best
            if row["tier"] == "extended":
                counts["ext_n"] += 1
                counts["ext_hit"] += found
                continue
            counts["tp" if found else "fn"] += 1
        for gi in positive:
            if gi not in best:
                continue
            row, srow = g_rows[gi], s_rows[best[gi]]
            counts["voice_n"] += 1
            counts["voice_ok"] += srow["voice"] == row["voice"]
            in_four = row["referent"] in FOUR and row["in_scope"] == "yes"
            if in_four:
                system_ref = srow.get("referent")
                system_ref = system_ref if isinstance(system_ref, str) and _system_scope(srow, scope_col) else ""
                counts["ref_n"] += 1
                counts["ref_ok"] += system_ref == row["referent"]
                if row["referent"] == "islamic_state":
                    counts["is_n"] += 1
                    counts["is_ok"] += system_ref == "islamic_state"
                counts["keep_n"] += 1
                counts["keep_ok"] += _system_scope(srow, scope_col)
            elif row["referent"] in ("other", "none") or row["in_scope"] == "no":
                counts["out_n"] += 1
                # left without a referent: none given, or out of scope (docstring above)
                system_ref = srow.get("referent")
                has_referent = isinstance(system_ref, str) and system_ref != ""
                counts["out_ok"] += not (has_referent and _system_scope(srow, scope_col))
    scope_note = f"scope column {scope_col!r}" if scope_col else "no scope column: kept = has a referent"
    return [
        f1_result("mention_f1", split, counts["tp"], counts["fp"], counts["fn"]),
        proportion("mention_recall_extended", split, counts["ext_hit"], counts["ext_n"]),
        proportion("voice_acc", split, counts["voice_ok"], counts["voice_n"]),
        proportion("referent_acc", split, counts["ref_ok"], counts["ref_n"]),
        proportion("referent_acc_islamic_state", split, counts["is_ok"], counts["is_n"]),
        proportion("outside_left_without_referent", split, counts["out_ok"], counts["out_n"], scope_note),
        proportion("conflict_kept_in_scope", split, counts["keep_ok"], counts["keep_n"], scope_note),
    ]


def score_events(gold: pd.DataFrame, system: pd.DataFrame | None, docs: list[str], split: str) -> list[dict[str, Any]]:
    names = ("event_trigger_f1", "construction_acc", "explicit_agent_acc")
    if system is None:
        return [_result(n, split, 0, float("nan"), float("nan"), float("nan"), NOT_AVAILABLE,
                        "mediakit has no find_events yet") for n in names]
    tp = fp = fn = c_n = c_ok = a_n = a_ok = 0
    for doc in docs:
        g = gold[gold["doc_id"] == doc].sort_values("start")
        s = system[system["doc_id"] == doc].sort_values("start")
        g_rows, s_rows = g.to_dict("records"), s.to_dict("records")
        best, hit = match_overlapping([(r["start"], r["end"]) for r in g_rows],
                                      [(r["start"], r["end"]) for r in s_rows])
        tp += len(best)
        fn += len(g_rows) - len(best)
        fp += len(s_rows) - len(hit)
        for gi, si in best.items():
            row, srow = g_rows[gi], s_rows[si]
            if "construction" in srow:
                c_n += 1
                c_ok += srow["construction"] == row["construction"]
            agent = srow.get("agent")
            has_agent = isinstance(agent, str) and agent.strip() != ""
            a_n += 1
            a_ok += has_agent == (row["has_explicit_agent"] == "yes")
    return [f1_result(names[0], split, tp, fp, fn),
            proportion(names[1], split, c_ok, c_n),
            proportion(names[2], split, a_ok, a_n)]


def offtopic_counts(system_by_lexicon: dict[str, pd.DataFrame], docs: list[str], split: str) -> list[dict[str, Any]]:
    out = []
    for lexicon, system in system_by_lexicon.items():
        scope_col = next((c for c in SCOPE_COLUMNS if c in system.columns), None)
        sub = system[system["doc_id"].isin(docs)]
        kept = sum(_system_scope(r, scope_col) for r in sub.to_dict("records"))
        out.append(_result("offtopic_in_scope_mentions", split, len(sub), float(kept),
                           float("nan"), float("nan"), "ok" if docs else "no gold items",
                           f"lexicon {lexicon}: {kept} of {len(sub)} mentions in {len(docs)} off-topic articles kept in scope"))
    return out


GENERAL_NEWS = REPO / "data" / "validation" / "general_news"


def general_news_counts(folder: Path, lexicons: tuple[str, ...]) -> list[dict[str, Any]]:
    """Mentions kept in scope in general news with no war (none should be)."""
    import mediakit as mk

    if not folder.is_dir():
        return []
    corpus = mk.load_corpus(folder)
    out = []
    for lexicon in dict.fromkeys(lexicons):
        found = body_rows(mk.find_mentions(corpus, lexicon))
        scope_col = next((c for c in SCOPE_COLUMNS if c in found.columns), None)
        kept = sum(_system_scope(r, scope_col) for r in found.to_dict("records"))
        out.append(_result("general_news_in_scope_mentions", "all", len(found), float(kept),
                           float("nan"), float("nan"), "ok",
                           f"lexicon {lexicon}: {kept} of {len(found)} mentions in {len(corpus)} "
                           "general-news articles kept in scope"))
    return out


def body_rows(found: pd.DataFrame) -> pd.DataFrame:
    """mediakit's rows about the article text, without rows about its headline.

    The gold codes the text only (FA-KES's ``article_title`` is not part of it, and the
    team's headlines are loaded as texts). mediakit reports a title's rows with
    ``part == "title"`` and ``sentence_id == -1``, their offsets indexing the title, so
    they must never be matched against offsets into the text. ``load_texts`` already
    leaves titles empty; this keeps the rule if that ever changes.
    """
    keep = pd.Series(True, index=found.index)
    if "part" in found.columns:
        keep &= found["part"].astype(object).ne("title")
    if "sentence_id" in found.columns:
        keep &= ~(pd.to_numeric(found["sentence_id"], errors="coerce") < 0)
    return found[keep]


def in_split(ids: list[str], split: str, split_of: dict[str, str]) -> list[str]:
    """The documents of ``ids`` in ``split`` (``all``: every one), in their order."""
    if split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS}, got {split!r}")
    return [d for d in ids if split == "all" or split_of.get(d) == split]


def _cell(row: dict[Any, Any]) -> str:
    if row["status"] != "ok":
        return str(row["status"])
    if pd.isna(row["lo"]):  # a count (off-topic and general-news mentions kept in scope)
        return f"{row['value']:.0f} of {row['n']:.0f}"
    return f"{row['value']:.3f} [{row['lo']:.3f}, {row['hi']:.3f}] n={row['n']:.0f}"


def by_split(results: pd.DataFrame) -> pd.DataFrame:
    """One row per measure (and lexicon, for the counts), one column per split.

    Each cell is ``value [lo, hi] n=N`` (a count: ``kept of found``), or the row's status
    when it is not ``ok`` (``no gold items``, ``not available``); a split with no row for
    the measure is empty. Splits in :data:`SPLITS` order, measures in first-seen order.
    """
    rows: dict[str, dict[str, str]] = {}
    for row in results.to_dict("records"):
        detail = str(row["detail"])
        key = str(row["measure"])
        if detail.startswith("lexicon "):
            key += f" ({detail.split(':')[0]})"
        rows.setdefault(key, {})[str(row["split"])] = _cell(row)
    splits = [s for s in SPLITS if any(s in cells for cells in rows.values())]
    return pd.DataFrame([{"measure": key, **{s: cells.get(s, "") for s in splits}}
                         for key, cells in rows.items()], columns=["measure", *splits])


def score(gold: Gold, texts: pd.DataFrame, items: list[Item], *, lexicon: str = "syria") -> pd.DataFrame:
    import mediakit as mk

    split_of = {i.doc_id: i.split for i in items}
    docs = gold.documents
    round1 = [d for d in docs.loc[docs["coded_round1"] == "yes", "doc_id"]]
    round2 = [d for d in docs.loc[docs["coded_round2"] == "yes", "doc_id"]]
    offtopic = [d for d in docs.loc[(docs["off_topic"] == "yes") & (docs["coded_round1"] == "yes"), "doc_id"]]
    corpus1 = texts[texts["doc_id"].isin(round1)].reset_index(drop=True)
    quotes = body_rows(mk.find_quotes(corpus1)) if len(corpus1) else pd.DataFrame(columns=["doc_id", "start", "end", "text", "voice", "speaker"])
    mentions = body_rows(mk.find_mentions(corpus1, lexicon)) if len(corpus1) else pd.DataFrame(columns=["doc_id", "start", "end"])
    corpus_off = texts[texts["doc_id"].isin(offtopic)].reset_index(drop=True)
    off_by_lexicon = {lexicon: mentions[mentions["doc_id"].isin(offtopic)]}
    if len(corpus_off):
        off_by_lexicon["conflict"] = body_rows(mk.find_mentions(corpus_off, "conflict"))
    events = None
    if hasattr(mk, "find_events") and round2:
        corpus2 = texts[texts["doc_id"].isin(round2)].reset_index(drop=True)
        events = body_rows(mk.find_events(corpus2))
    results: list[dict[str, Any]] = []
    for split in SPLITS:
        results += score_quotes(gold.quotes, quotes, in_split(round1, split, split_of), split)
        results += score_mentions(gold.mentions, mentions, in_split(round1, split, split_of), split)
        results += offtopic_counts(off_by_lexicon, in_split(offtopic, split, split_of), split)
        results += score_events(gold.events, events, in_split(round2, split, split_of), split)
    results += general_news_counts(GENERAL_NEWS, (lexicon, "conflict"))
    frame = pd.DataFrame(results, columns=list(RESULT_COLUMNS))
    form_col = next((c for c in FORM_COLUMNS if c in mentions.columns), None)
    frame.attrs["notes"] = [f"mention form column: {form_col or NOT_AVAILABLE}"]
    return frame


def _git_commit() -> str:
    try:
        out = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
                             capture_output=True, text=True, check=True)
        dirty = subprocess.run(["git", "-C", str(REPO), "status", "--porcelain", "--untracked-files=no"],
                               capture_output=True, text=True, check=True).stdout.strip()
        return out.stdout.strip() + ("+uncommitted changes" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Score mediakit on the development set (see module docstring).")
    parser.add_argument("--gold-dir", type=Path, default=VALIDATION)
    parser.add_argument("--intended", action="store_true",
                        help="score against the authors' intended answers for the written articles")
    parser.add_argument("--fakes", type=Path, default=None)
    parser.add_argument("--split", choices=SPLITS, default=None, help="print one split only")
    parser.add_argument("--out", type=Path, default=None, help="also write the results as CSV")
    parser.add_argument("--lexicon", default="syria",
                        help="lexicon scored (default syria; 'conflict' gives the generic lexicon's "
                             "mention, voice and conflict_kept_in_scope figures; its referents are "
                             "not the gold's four actors)")
    args = parser.parse_args(argv)
    import mediakit as mk

    try:
        items = read_items()
        if args.intended:
            chosen = [i for i in items if i.source == "written"]
            texts = load_texts(chosen)
            gold = load_intended(chosen, texts)
        else:
            gold = load_gold(args.gold_dir)
            coded = set(gold.documents.loc[(gold.documents["coded_round1"] == "yes")
                                           | (gold.documents["coded_round2"] == "yes"), "doc_id"])
            chosen = [i for i in items if i.doc_id in coded]
            texts = load_texts(chosen, fakes_path=args.fakes)
    except ValidationDataError as exc:
        print(f"accuracy: {exc}", file=sys.stderr)
        return 1
    results = score(gold, texts, chosen, lexicon=args.lexicon)
    stamp = _dt.datetime.now(_dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    header = [f"date: {stamp}", f"commit: {_git_commit()}", f"mediakit: {mk.__version__}",
              f"gold: {gold.source}", f"lexicon: {args.lexicon}", *results.attrs.get("notes", [])]
    shown = results if args.split is None else results[results["split"] == args.split]
    print("\n".join(header))
    with pd.option_context("display.width", 200, "display.max_colwidth", 90, "display.max_rows", 500):
        print(shown.round(3).to_string(index=False))
        print("\nby split:")
        print(by_split(shown).to_string(index=False))
    if args.out is not None:
        out = shown.copy()
        out.insert(0, "commit", _git_commit())
        out.insert(0, "date", stamp)
        out.to_csv(args.out, index=False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
