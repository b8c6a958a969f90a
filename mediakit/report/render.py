"""Rendering a :class:`~mediakit.report.build.Report` as one HTML page (Jinja2).

The page is ``templates/report.html.j2``, rendered with autoescaping on: every value
from the corpus or the lexicon (outlet names, titles, sentences, speakers, labels)
reaches the page as text, escaped by Jinja2 itself; no value is escaped by hand and
none is marked safe. This module only turns tables into rows of formatted strings
(numbers, dates, intervals) and chooses words ("1 outlet", "7 outlets"); the prose
and the markup live in the template.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import pandas as pd

from .build import HEADLINE_FIELDS, MIN_VALIDATED, TABLE_FILES, Report, records

__all__ = ["SECTION_IDS", "render_html"]

#: The ``id`` of every ``<section>`` of the page, in order. Stable: links into a
#: report and the browser tests rely on them.
SECTION_IDS: tuple[str, ...] = ("summary", "loading", "findings", "shares", "voice", "rates",
                                "tone", "time", "words", "contexts", "duplicates", "validation",
                                "method")
# Words listed per outlet and direction in "Distinguishing words".
_TOP_WORDS = 8
# Two-sided 95% normal cut-off for the log-odds z-scores that are listed.
_Z_CUTOFF = 1.96
# Context words listed per side.
_TOP_CONTEXT_WORDS = 10
_PERIOD_NAMES = {"W": "week", "M": "month", "Q": "quarter"}
_VOICE_NAMES = {"narration": "narration", "quote": "quote", "scare_quote": "scare quote"}
# Rows of the load log shown on the page (all of them are in tables/load_log.csv).
_LOG_ROWS_SHOWN = 200
# Dates not read listed on the page (all of them are in tables/load_log.csv).
_DATES_LISTED = 10
# A quoted value inside a load-log message ('x', "x"): left out when reasons are counted.
_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"")


# --------------------------------------------------------------------------- format


def pct(x: Any) -> str:
    """A share as a whole percentage ("42%"); "–" when missing."""
    return "–" if pd.isna(x) else f"{100 * float(x):.0f}%"


def rule_number(x: Any) -> str:
    """A rule's parameter as written in the code (0.2, 0.05, 0.8), without float noise."""
    return f"{float(x):g}"


def fmt(pattern: str) -> Callable[[Any], str]:
    """A formatter applying ``pattern`` (``"{:.2f}"``), "–" for missing values."""
    return lambda x: "–" if pd.isna(x) else pattern.format(x)


def date(x: Any) -> str:
    """A date as YYYY-MM-DD; "" when missing."""
    return "" if x is None or pd.isna(x) else pd.Timestamp(x).strftime("%Y-%m-%d")


def interval(lo: Any, hi: Any, formatter: Callable[[Any], str]) -> str:
    return "–" if pd.isna(lo) or pd.isna(hi) else f"{formatter(lo)}–{formatter(hi)}"


def plural(n: int, word: str, words: str | None = None) -> str:
    """``"1 outlet"``, ``"7 outlets"``, with thousands separators."""
    return f"{n:,} {word if n == 1 else (words or word + 's')}"


# --------------------------------------------------------------------------- tables


@dataclass(frozen=True)
class Column:
    """A column of an HTML table: the table column, its heading and how to show it."""

    key: str
    heading: str
    format: Callable[[Any], str] | None = None
    numeric: bool = False


@dataclass(frozen=True)
class TableView:
    """Headings and rows of strings, ready for the template's ``table`` macro."""

    columns: tuple[Column, ...]
    rows: tuple[tuple[str, ...], ...]


def _cell(value: Any, column: Column) -> str:
    if column.format is not None:
        return column.format(value)
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return f"{value:,}" if isinstance(value, int) and not isinstance(value, bool) else str(value)


def table_view(table: pd.DataFrame, columns: Sequence[Column]) -> TableView:
    """The rows of ``table`` as strings, one per column of ``columns``."""
    keys = [c.key for c in columns]
    rows = tuple(
        tuple(_cell(value, column) for value, column in zip(record, columns))
        for record in table[keys].itertuples(index=False, name=None)
    )
    return TableView(tuple(columns), rows)


def _int(x: Any) -> str:
    return "–" if pd.isna(x) else f"{int(x):,}"


def _words_list(words: pd.DataFrame) -> str:
    return ", ".join(f"{w} ({z:.1f})" for w, z in zip(words["word"], words["z"]))


# --------------------------------------------------------------------------- sections


def _summary(report: Report) -> dict[str, Any]:
    mentions = report.tables["mentions"]
    skipped = report.tables.get("skipped")
    summary = report.outlet_summary
    columns = [Column("outlet", "outlet"), Column("articles", "articles", _int, True),
               Column("words", "words", _int, True), Column("first", "first date", date),
               Column("last", "last date", date),
               Column("mentions", "mentions (all actors)", _int, True),
               Column("actor_mentions", f"mentions of {report.actor}", _int, True)]
    if summary["copies_left_out"].any():
        columns.append(Column("copies_left_out", "copies left out", _int, True))
    labels = report.lexicon.actors[report.actor]
    return {
        "n_outlets": len(report.outlets),
        "n_articles": f"{report.n_articles:,}",
        "n_words": f"{report.n_words:,}",
        "date_range": (f"{date(report.first_date)} to {date(report.last_date)}"
                       if report.first_date is not None else "no dates"),
        "n_undated": report.n_undated,
        "lexicon_counts": (f"{plural(len(report.lexicon.actors), 'actor')}, "
                           f"{plural(len(report.lexicon.labels), 'label')}, "
                           f"{plural(len(report.lexicon.patterns), 'pattern')}"),
        "labels": ", ".join(labels),
        "n_mentions": f"{len(mentions):,}",
        "n_actor_mentions": f"{int((mentions['actor'] == report.actor).sum()):,}",
        "n_left_out": len(report.excluded_docs),
        "copies_only": [str(o) for o in summary.loc[summary["copies_only"], "outlet"]],
        "per_outlet": table_view(summary, columns),
        "skipped": None if skipped is None else table_view(
            skipped, [Column(str(c), str(c)) for c in skipped.columns]),
        "n_skipped": 0 if skipped is None else len(skipped),
    }


def _reasons(entries: pd.DataFrame) -> list[tuple[str, str]]:
    """Load-log messages counted by reason: ``(reason, "N records")``, most frequent first.

    Quoted values (an id, a file name) are left out of the reason, so "duplicate doc_id
    'a'" and "duplicate doc_id 'b'" count as one reason; the column is part of it.
    """
    keys = [" ".join(_QUOTED.sub("…", str(msg)).split())
            + ("" if pd.isna(col) else f" (column {col!r})")
            for col, msg in zip(entries["column"], entries["message"])]
    counts = pd.Series(keys, dtype=object).value_counts(sort=False)
    ranked = sorted(counts.items(), key=lambda kv: (-int(kv[1]), keys.index(str(kv[0]))))
    return [(str(reason), plural(int(n), "record")) for reason, n in ranked]


def _where(entry: Mapping[str, Any]) -> str:
    """``file``, ``file, row 4`` or ``file, row 4, column 'date'`` of a log entry."""
    where = str(entry["file"])
    if not pd.isna(entry["row"]):
        where += f", row {int(entry['row']):,}"
    if not pd.isna(entry["column"]):
        where += f", column {entry['column']!r}"
    return where


def _loading(report: Report) -> dict[str, Any]:
    """What loading the corpus did, by kind of event (:func:`mediakit.load_log`)."""
    log = report.tables["load_log"]
    kind = log["kind"].astype(str)

    def of(name: str) -> list[dict[str, Any]]:
        return records(log[kind == name])

    encodings = [{"file": str(e["file"]), "encoding": str(e["value"]), "message": str(e["message"])}
                 for e in of("encoding")]
    recognised = [e for e in of("column") if not pd.isna(e["value"])]
    unused = [e for e in of("column") if pd.isna(e["value"])]
    not_read = of("date")
    skipped = log[kind == "skipped"]
    shown = log.head(_LOG_ROWS_SHOWN)
    return {
        "loaded": report.loaded,
        "empty": log.empty,
        "n_articles": f"{report.n_articles:,}",
        "encodings": encodings,
        "files": sorted({str(f) for f in log["file"]}),
        "recognised": [{"file": str(e["file"]), "column": str(e["column"]),
                        "as": str(e["value"])} for e in recognised],
        "unused": [f"{_where(e)}: {e['message']}" for e in unused],
        "n_undated": report.n_undated,
        "undated": plural(report.n_undated, "article"),
        "n_not_read": len(not_read),
        "not_read": plural(len(not_read), "date value"),
        "dates_listed": [f"{_where(e)}: {e['value']!r} ({e['message']})"
                         for e in not_read[:_DATES_LISTED]],
        "dates_more": max(len(not_read) - _DATES_LISTED, 0),
        "date_orders": [f"{_where(e)}: {e['message']}" for e in of("date_order")],
        "n_headline_only": report.n_headline_only,
        "headline_only": plural(report.n_headline_only, "article"),
        "n_skipped": len(skipped),
        "skipped": plural(len(skipped), "record"),
        "skip_reasons": _reasons(skipped),
        "duplicates": [f"{_where(e)}: {e['message']}" for e in of("duplicate_id")],
        "ignored": [f"{_where(e)}: {e['message']}" for e in of("ignored")],
        "notes": [f"{_where(e)}: {e['message']}" for e in of("note")],
        "table": table_view(shown, [Column(c, c) for c in ("kind", "file", "row", "column",
                                                           "value", "message")]),
        "n_rows": len(log),
        "n_shown": len(shown),
    }


def _findings(report: Report) -> dict[str, Any]:
    change_points = report.tables.get("change_points")
    shifting = {} if change_points is None else {
        str(row["outlet"]): row
        for row in records(change_points[change_points["significant"]])}
    items = []
    for row in records(report.headlines):
        outlet = str(row["outlet"])
        item: dict[str, Any] = {"outlet": outlet, "copies_only": bool(row["copies_only"]),
                                "label": None if pd.isna(row["label"]) else str(row["label"])}
        if item["label"] is not None:
            forms = report.forms[report.forms["outlet"] == outlet]
            examples = report.examples[report.examples["outlet"] == outlet]
            total = int(row["total"])
            item.update(
                share=pct(row["share"]), total=plural(total, "narration mention"),
                interval=interval(row["lo"], row["hi"], pct),
                n=plural(int(row["n"]), "mention"), n_docs=f"{int(row['n_docs']):,}",
                group_docs=plural(int(row["group_docs"]), "article"),
                few=bool(row["few"]), swing=f"{100 / max(total, 1):.0f}",
                forms=[(str(f), f"{int(n):,}") for f, n in zip(forms["form"], forms["n"])],
                examples=[{"before": e["before"], "match": e["match"], "after": e["after"],
                           "voice": _VOICE_NAMES.get(str(e["voice"]), str(e["voice"])),
                           "speaker": e["speaker"], "outlet": str(e["outlet"]),
                           "date": date(e["date"]), "title": e["title"], "doc_id": e["doc_id"]}
                          for e in records(examples)],
            )
        point = shifting.get(outlet)
        item["shift"] = None if point is None else {
            "date": date(point["change_date"]), "before": str(point["top_before"]),
            "after": str(point["top_after"]), "p": f"{point['p_value']:.3f}"}
        items.append(item)
    return {"items": items}


def _estimates(table: pd.DataFrame, estimate: Column, extra: Column) -> TableView:
    """The rows in use (``n > 0``) of a comparison with ``lo``/``hi`` as one interval."""
    formatter = estimate.format or str
    view = table.assign(interval=[interval(lo, hi, formatter)
                                  for lo, hi in zip(table["lo"], table["hi"])])
    return table_view(view[view["n"] > 0], [
        Column("outlet", "outlet"), Column("label", "label"),
        Column("n", "mentions", _int, True), extra, estimate, Column("interval", "interval")])


def _shares(report: Report) -> dict[str, Any]:
    return {"table": _estimates(
        report.tables["label_shares"], Column("share", "share", pct, True),
        Column("n_docs", "articles using it", _int, True))}


def _voice(report: Report) -> dict[str, Any]:
    columns = [Column("label", "label"), Column("n", "mentions", _int, True),
               Column("narration", "narration", _int, True),
               Column("quote", "quote", _int, True),
               Column("scare_quote", "scare quote", _int, True),
               Column("quoted_share", "inside quotes", pct, True),
               Column("top_speakers", "top quoted speakers")]
    return {"pooled": table_view(report.voice_pooled, columns),
            "per_outlet": table_view(report.tables["voice_by_label"],
                                     [Column("outlet", "outlet"), *columns])}


def _rates(report: Report) -> dict[str, Any]:
    return {"table": _estimates(
        report.tables["label_rates"], Column("per_1000", "per 1,000 words", fmt("{:.2f}"), True),
        Column("n_words", "words", _int, True))}


def _tone(report: Report) -> dict[str, Any]:
    return {"table": _estimates(
        report.tables["tone_by_label"], Column("mean", "mean tone", fmt("{:+.2f}"), True),
        Column("n_docs", "articles", _int, True))}


def _verdict(p_value: Any, significant: Any) -> str:
    if pd.isna(p_value):
        return "too few dated articles"
    return "significant" if bool(significant) else "not significant"


def _time(report: Report) -> dict[str, Any]:
    points = report.tables.get("change_points")
    context: dict[str, Any] = {"dated": points is not None, "change": None, "periods": None}
    if points is not None:
        view = points.assign(
            between=["" if pd.isna(a) else f"{date(a)} → {date(b)}"
                     for a, b in zip(points["last_before"], points["change_date"])],
            shift=["" if pd.isna(a) else (f"{a} → {b}" if a != b else f"{a} (same)")
                   for a, b in zip(points["top_before"], points["top_after"])],
            verdict=[_verdict(p, s) for p, s in zip(points["p_value"], points["significant"])],
        )
        context["change"] = table_view(view, [
            Column("outlet", "outlet"), Column("n_docs", "articles", _int, True),
            Column("between", "change between"),
            Column("shift", "most used label: before → after"),
            Column("n_before", "mentions before", _int, True),
            Column("n_after", "after", _int, True),
            Column("tvd", "distance", fmt("{:.2f}"), True),
            Column("p_value", "p-value", fmt("{:.3f}"), True), Column("verdict", "verdict")])
    rule = report.rules.time
    if rule is not None:
        period = _PERIOD_NAMES[str(rule["freq"])]
        flagged = report.flagged_periods
        context["periods"] = {
            "name": period,
            "flagged": None if flagged.empty else table_view(flagged, [
                Column("outlet", "outlet"), Column("period", f"{period} from", date),
                Column("n_period", "mentions", _int, True),
                Column("tvd", "distance", fmt("{:.2f}"), True),
                Column("mix", "label mix in that period")]),
        }
    return context


def _words(report: Report) -> dict[str, Any]:
    words = report.tables.get("distinguishing_words")
    compared = [] if words is None else list(dict.fromkeys(words["a"].astype(str)))
    copies_only = [o for o in report.outlets if o not in compared
                   and bool(report.outlet_summary.set_index("outlet").at[o, "copies_only"])]
    context: dict[str, Any] = {"table": None, "copies_only": copies_only,
                               "n_compared": len(compared), "any_listed": False}
    boilerplate = report.boilerplate
    context["boilerplate"] = None if boilerplate.empty else table_view(boilerplate, [
        Column("outlet", "outlet"), Column("passage", "passage"),
        Column("n_docs", "articles", _int, True),
        Column("group_docs", "of the outlet's", _int, True)])
    if words is None:
        return context
    rows = []
    for outlet in compared:
        w = words[words["a"] == outlet]
        more = w[w["z"] > _Z_CUTOFF].sort_values("z", ascending=False, kind="stable")
        less = w[w["z"] < -_Z_CUTOFF].sort_values("z", kind="stable")
        rows.append({"outlet": outlet, "more": _words_list(more.head(_TOP_WORDS)),
                     "less": _words_list(less.head(_TOP_WORDS))})
    table = pd.DataFrame(rows, columns=["outlet", "more", "less"])
    columns = [Column("outlet", "outlet"), Column("more", "uses more")]
    if (table["less"] != "").any():  # the prior shrinks rare words: often none is below
        columns.append(Column("less", "uses less"))
    context["table"] = table_view(table, columns)
    context["any_listed"] = bool((table["more"] != "").any() or (table["less"] != "").any())
    return context


def _contexts(report: Report) -> dict[str, Any]:
    contexts = report.tables.get("distinguishing_contexts")
    if contexts is None or report.top_two is None:
        return {"table": None}
    a_side = contexts[contexts["z"] > 0].sort_values("z", ascending=False, kind="stable")
    b_side = contexts[contexts["z"] < 0].sort_values("z", kind="stable")
    k = max(min(len(a_side), _TOP_CONTEXT_WORDS), min(len(b_side), _TOP_CONTEXT_WORDS))
    signed = fmt("{:+.1f}")
    rows = []
    for i in range(k):
        a = a_side.iloc[i] if i < len(a_side) else None
        b = b_side.iloc[i] if i < len(b_side) else None
        rows.append(("" if a is None else str(a["word"]), "" if a is None else signed(a["z"]),
                     "" if b is None else str(b["word"]), "" if b is None else signed(b["z"])))
    first, second = report.top_two
    columns = (Column("a_word", f"near “{first}”"), Column("a_z", "z", numeric=True),
               Column("b_word", f"near “{second}”"), Column("b_z", "z", numeric=True))
    return {"table": TableView(columns, tuple(rows)), "a": first, "b": second,
            "reliable": bool((contexts["z"].abs() > _Z_CUTOFF).any())}


def _handling(representative: bool, kept_by: str) -> str:
    if not representative:
        return "left out of comparisons"
    if kept_by == "earliest date":
        return "kept (earliest copy)"
    return "kept (first in corpus order: no dates)"


def _when(group: Mapping[str, Any]) -> str:
    """A group's dates in words: "undated", one date, or a range (with undated copies)."""
    first, last = date(group["first_date"]), date(group["last_date"])
    if not first:
        return "undated"
    when = first if first == last else f"{first} to {last}"
    return when + (f", {group['n_undated']} undated" if group["n_undated"] else "")


def _duplicates(report: Report) -> dict[str, Any]:
    groups = report.duplicate_groups
    duplicates = report.tables["duplicates"]
    documents = report.tables["documents"]
    titles = dict(zip(documents["doc_id"].astype(str), documents["title"].fillna("").astype(str)))
    columns = [Column("outlet", "outlet"), Column("date", "date", date), Column("title", "title"),
               Column("doc_id", "article"),
               Column("similarity", "similarity", fmt("{:.2f}"), True),
               Column("handling", "handling")]
    items = []
    for group in records(groups):
        members = duplicates[duplicates["duplicate_group"] == group["duplicate_group"]]
        kind = (f"syndicated in {plural(int(group['n_outlets']), 'outlet')}"
                if group["kind"] == "syndicated" else f"repeated within {group['outlets']}")
        rows = pd.DataFrame({
            "outlet": members["outlet"].astype(str),
            "date": members["date"] if "date" in members.columns else pd.NaT,
            "title": members["doc_id"].astype(str).map(titles).fillna(""),
            "doc_id": members["doc_id"].astype(str),
            "similarity": members["similarity"],
            "handling": [_handling(bool(r), str(group["kept_by"]))
                         for r in members["is_representative"]],
        })
        items.append({
            "summary": f"{plural(int(group['n_docs']), 'copy', 'copies')}, {kind}, "
                       f"{_when(group)}",
            "title": titles.get(str(group["kept_doc_id"]), ""),
            "table": table_view(rows, columns),
        })
    n_syndicated = int((groups["kind"] == "syndicated").sum())
    return {
        "items": items,
        "n_groups": len(groups),
        "n_articles": int(groups["n_docs"].sum()),
        "n_syndicated": n_syndicated,
        "n_repeats": len(groups) - n_syndicated,
        "n_undated_groups": int(groups["first_date"].isna().sum()),
        "n_left_out": len(report.excluded_docs),
    }


def _measure(value: Any, lo: Any, hi: Any) -> str:
    """``0.83 (0.71–0.91)``, ``0.83`` without an interval, "" when missing."""
    if pd.isna(value):
        return ""
    two = fmt("{:.2f}")
    return two(value) + ("" if pd.isna(lo) or pd.isna(hi) else f" ({interval(lo, hi, two)})")


def _under(rec: Mapping[str, Any]) -> str:
    """The measures of one validation row under :data:`MIN_VALIDATED`, in words."""
    low = [f"{name} {float(rec[key]):.2f}"
           for name, key in (("accuracy", "accuracy"), ("precision", "precision"),
                             ("recall", "recall"), ("F1", "f1"))
           if not pd.isna(rec[key]) and float(rec[key]) < MIN_VALIDATED]
    return ("under " + rule_number(MIN_VALIDATED) + ": " + ", ".join(low)) if low else ""


def _validation(report: Report) -> dict[str, Any]:
    """The Validation section: the coded sheet's validation_report, or how to make one."""
    table = report.tables.get("validation")
    context: dict[str, Any] = {"table": None, "weak": [], "min": rule_number(MIN_VALIDATED),
                               "lexicon": report.lexicon.name, "coded": report.coded,
                               "n_flagged": 0}
    if table is None:
        return context
    rows = []
    for rec in records(table):
        field_row = pd.isna(rec["class"])
        rows.append({
            "field": str(rec["field"]), "class": "all items" if field_row else str(rec["class"]),
            "n": _int(rec["n"]), "uncoded": _int(rec["n_uncoded"]) if field_row else "",
            "not_found": _int(rec["n_not_found"]) if field_row else "",
            "accuracy": _measure(rec["accuracy"], rec["lo"], rec["hi"]),
            "precision": _measure(rec["precision"], rec["precision_lo"], rec["precision_hi"]),
            "recall": _measure(rec["recall"], rec["recall_lo"], rec["recall_hi"]),
            "f1": _measure(rec["f1"], None, None), "check": _under(rec),
        })
        if (field_row and str(rec["field"]) in HEADLINE_FIELDS and not pd.isna(rec["accuracy"])
                and float(rec["accuracy"]) < MIN_VALIDATED):
            context["weak"].append({"field": str(rec["field"]),
                                    "accuracy": f"{float(rec['accuracy']):.2f}",
                                    "interval": interval(rec["lo"], rec["hi"], fmt("{:.2f}")),
                                    "n": plural(int(rec["n"]), "coded item")})
    view = pd.DataFrame(rows, columns=["field", "class", "n", "uncoded", "not_found", "accuracy",
                                       "precision", "recall", "f1", "check"])
    context["table"] = table_view(view, [
        Column("field", "field"), Column("class", "class"), Column("n", "n", numeric=True),
        Column("uncoded", "uncoded", numeric=True),
        Column("not_found", "not found by mediakit", numeric=True),
        Column("accuracy", "accuracy (interval)", numeric=True),
        Column("precision", "precision (interval)", numeric=True),
        Column("recall", "recall (interval)", numeric=True), Column("f1", "F1", numeric=True),
        Column("check", "check")])
    context["n_flagged"] = int((view["check"] != "").sum())
    context["n_items"] = plural(report.n_coded, "item")
    context["interval"] = str(table["interval"].iloc[0]) if len(table) else "wilson"
    context["level"] = pct(table["level"].iloc[0]) if len(table) else "95%"
    return context


def _sections(report: Report) -> list[tuple[str, str]]:
    headings = {
        "summary": "Corpus",
        "loading": "Loading: what was read, and how",
        "findings": f"Headline findings: how each outlet names {report.actor}",
        "shares": "Label shares",
        "voice": "Narration and quotes: whose word is it?",
        "rates": "How often: mentions per 1,000 words",
        "tone": "Tone around each label (masked)",
        "time": "Change over time",
        "words": "Distinguishing words",
        "contexts": "Distinguishing contexts of two labels",
        "duplicates": "Syndicated copies",
        "validation": "Validation: how far to trust the counts",
        "method": "Method notes and caveats",
    }
    return [(anchor, headings[anchor]) for anchor in SECTION_IDS]


# --------------------------------------------------------------------------- page


@lru_cache(maxsize=1)
def _environment() -> Any:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("mediakit.report", "templates"),
        autoescape=True,  # every {{ value }} is escaped; nothing is marked safe
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(pct=pct, rule_number=rule_number, date=date, plural=plural)
    return env


def render_html(report: Report, images: Mapping[str, str]) -> str:
    """The report page as one self-contained HTML document.

    Parameters
    ----------
    report : Report
        What to show (:func:`mediakit.report.build_report`).
    images : mapping of str to str
        ``data:`` URIs of the drawn figures by name (a figure without one is left
        out of the page).

    Returns
    -------
    str
        The page: inline CSS and figures, no script, no external request.
    """
    figures = {name: {"src": images[name], "alt": spec.alt}
               for name, spec in report.figures.items() if name in images}
    context = {
        "report": report,
        "actor": report.actor,
        "lexicon": report.lexicon.name,
        "rules": report.rules,
        "n_outlets": plural(len(report.outlets), "outlet"),
        "sections": _sections(report),
        "figures": figures,
        "table_files": TABLE_FILES,
        "z_cutoff": _Z_CUTOFF,
        "top_words": _TOP_WORDS,
        "summary": _summary(report),
        "loading": _loading(report),
        "findings": _findings(report),
        "shares": _shares(report),
        "voice": _voice(report),
        "rates": _rates(report),
        "tone": _tone(report),
        "time": _time(report),
        "words": _words(report),
        "contexts": _contexts(report),
        "duplicates": _duplicates(report),
        "validation": _validation(report),
        "warnings": list(report.warnings),
    }
    return str(_environment().get_template("report.html.j2").render(context))
