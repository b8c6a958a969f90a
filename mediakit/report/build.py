"""What the report says, computed without drawing or writing anything.

:func:`build_report` runs :func:`mediakit.analyze` once, then the public comparisons
of :mod:`mediakit.compare` and :mod:`mediakit.dedup`, and returns a :class:`Report`:
tidy tables, a few texts (the rules applied, the warnings raised) and one
:class:`FigureSpec` per figure (which :mod:`mediakit.plot` function draws it, from
which table, with which arguments). Everything in it is a plain value that a test or
a notebook can inspect; :func:`mediakit.report.write_report` draws the figures,
renders the page and writes the files.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from numbers import Integral
from typing import Any

import pandas as pd

from .._validation import Interval, check_param, check_table
from ..corpus import load_log
from ..lexicon import Lexicon, LexiconLike, resolve_lexicon
from ..mentions import mention_sentences

__all__ = [
    "FIGURE_FILES",
    "TABLE_FILES",
    "FigureSpec",
    "Report",
    "Rules",
    "build_report",
    "example_mentions",
]

#: CSV tables of a report (``Report.tables``, ``out_dir/tables``) and what one row of
#: each is, in the order they are listed and written.
TABLE_FILES: Mapping[str, str] = {
    "mentions": "one label occurrence (find_mentions + tone columns)",
    "documents": "one article: outlet, date, title, words, tone",
    "sentences": "one sentence with its VADER scores",
    "label_shares": "outlet x label share of the actor's narration mentions",
    "label_shares_by_voice": "outlet x voice x label share (narration, quote, scare quote)",
    "voice_by_label": "outlet x label: mentions in each voice and the top quoted speakers",
    "label_rates": "outlet x label mentions per 1,000 words (narration)",
    "tone_by_label": "outlet x label mean masked VADER compound (narration)",
    "shares_over_time": "outlet x period x label share with change flags",
    "change_points": "outlet: the date its label mix changes most, with a permutation p-value",
    "distinguishing_words": "word x outlet log-odds (each outlet against the rest)",
    "distinguishing_contexts": "word log-odds between the contexts of two labels",
    "duplicates": "article in a group of near-identical copies",
    "skipped": "input record that could not be loaded (only when there are some)",
    "load_log": "one event of loading the corpus (mediakit.load_log): a file's decoding, a "
                "column recognised by name, a date not read, a record skipped, ...",
    "validation": "field (and class): mediakit against a coded sheet (validation_report): "
                  "n, accuracy or precision, recall and F1, 95% intervals (only with coded=)",
}

#: Figures of a report (``Report.figures``, ``out_dir/figures/NAME.png``).
FIGURE_FILES: Mapping[str, str] = {
    "label_shares": "label mix per outlet, narration",
    "label_shares_by_voice": "label mix per outlet and voice",
    "label_rates": "mentions per 1,000 words, heatmap",
    "tone_by_label": "mean masked tone per outlet and label",
    "shares_over_time": "label shares per period, one panel per outlet",
    "distinguishing_contexts": "words around one label rather than another",
}

N_BOOT = 2000
LEVEL = 0.95
DUPLICATE_MIN_SIMILARITY = 0.8
DUPLICATE_SHINGLE = 5
#: Fewer replicates per period: there are many periods and each interval is a sketch.
TIME_N_BOOT = 1000
#: Mentions per period a typical outlet needs (the change rule's own minimum too).
TIME_MIN_MENTIONS = 10
N_PERM = 999
CHANGE_MIN_DOCS = 3
#: The rules the report applies: each dictionary is passed to the function that
#: applies it and is what the page states (one source for both).
SHARES_RULE: Mapping[str, Any] = {"level": LEVEL, "n_boot": N_BOOT}
DUPLICATE_RULE: Mapping[str, Any] = {"min_similarity": DUPLICATE_MIN_SIMILARITY,
                                     "shingle": DUPLICATE_SHINGLE}
TIME_RULE: Mapping[str, Any] = {"baseline": 4, "min_distance": 0.2, "alpha": 0.05,
                                "min_mentions": TIME_MIN_MENTIONS, "n_perm": N_PERM,
                                "level": LEVEL, "n_boot": TIME_N_BOOT}
CHANGE_RULE: Mapping[str, Any] = {"min_docs": CHANGE_MIN_DOCS, "alpha": 0.05, "n_perm": N_PERM}
#: Example sentences shown under each headline finding.
KWIC_EXAMPLES = 3
#: Surface forms ("opposition forces", "opposition fighters") listed per headline.
FORMS_SHOWN = 4
#: A validation measure (accuracy, precision, recall, F1) under this is flagged, and a
#: headline field (:data:`HEADLINE_FIELDS`) under it puts a warning on the findings.
MIN_VALIDATED = 0.8
#: The coded fields a headline finding rests on: which words are labels, whom they
#: point at, whether they count, and whether they are the outlet's own voice.
HEADLINE_FIELDS: tuple[str, ...] = ("label", "referent", "in_scope", "voice")


@dataclass(frozen=True)
class FigureSpec:
    """How to draw one figure of the report, without drawing it.

    Attributes
    ----------
    name : str
        The figure's name (a key of :data:`FIGURE_FILES`; the PNG is ``NAME.png``).
    plot : str
        The :mod:`mediakit.plot` function that draws it, called as
        ``plot(data, ax=ax, **options, **panel)``.
    data : DataFrame
        The table drawn (one of ``Report.tables``).
    options : mapping
        Keyword arguments for every panel (``title``, ``change_points``, ...).
    size : tuple of float
        Figure size in inches (width, height).
    alt : str
        What the figure shows, in words (alt text and caption).
    panels : tuple of mappings
        Small multiples: one panel per mapping of extra keyword arguments
        (``{"outlet": "X", "title": "X"}``); empty for a single panel.
    ncols : int
        Columns of the panel grid.
    period_freq : str or None
        Label the x axis by period ("W", "M" or "Q") instead of by date.
    """

    name: str
    plot: str
    data: pd.DataFrame
    options: Mapping[str, Any]
    size: tuple[float, float]
    alt: str
    panels: tuple[Mapping[str, Any], ...] = ()
    ncols: int = 1
    period_freq: str | None = None


@dataclass(frozen=True)
class Rules:
    """The numbers the page states: those passed to the functions that applied them.

    ``level``, ``n_boot`` and ``seed`` are the bootstrap of the label shares;
    ``duplicate_min_similarity`` and ``duplicate_shingle`` the near-duplicate rule;
    ``time`` the change rule of :func:`mediakit.label_shares_over_time` (keys
    ``freq``, ``min_distance``, ``baseline``, ``alpha``, ``n_perm``,
    ``min_mentions``, ``n_boot``; None without two periods) and ``change`` that of
    :func:`mediakit.label_change_points` (``min_docs``, ``n_perm``, ``seed``,
    ``alpha``; None without dates). ``min_headline_mentions`` is the documented
    minimum below which a headline carries a warning
    (:func:`mediakit.compare.top_labels`).
    """

    level: float
    n_boot: int
    seed: int
    duplicate_min_similarity: float
    duplicate_shingle: int
    min_headline_mentions: int
    time: Mapping[str, Any] | None = None
    change: Mapping[str, Any] | None = None


@dataclass(frozen=True)
class Report:
    """Everything the report shows, as plain values (see :func:`build_report`).

    Attributes
    ----------
    lexicon : Lexicon
        The lexicon the mentions were found with.
    actor : str
        The actor compared.
    outlets : tuple of str
        Every outlet of the corpus, sorted.
    n_articles, n_words : int
        Articles and words (:func:`mediakit.text.count_words`) of the corpus.
    first_date, last_date : Timestamp or None
        The corpus's date range (None without dates).
    n_undated : int
        Articles without a date.
    n_headline_only : int
        Articles loaded from a title alone (``text_source`` ``"title"``).
    coded : str or None
        The coded sheet validated against (its path as given, ``"<DataFrame>"`` for a
        table), or None without one; its validation is the ``validation`` table.
    n_coded : int
        Items (rows) of the coded sheet.
    tables : mapping of str to DataFrame
        The CSV tables (:data:`TABLE_FILES`), in that order; a table that does not
        apply is absent (no ``change_points`` without dates, no ``skipped`` when
        nothing was skipped). ``load_log`` is always there: the corpus's
        :func:`mediakit.load_log` (empty, with its columns, when loading reported
        nothing or the corpus was not loaded by mediakit).
    outlet_summary : DataFrame
        One row per outlet: ``outlet, articles, words, first, last, mentions``
        (all actors), ``actor_mentions`` (matches of the actor's labels),
        ``counted`` (the mentions the comparisons count: pointing at the actor, in
        scope, used as nouns, one copy of each syndicated story; the sum of
        ``label_shares_by_voice``'s ``n``), ``narration`` (of those, in the outlet's
        own voice: the sum of ``label_shares``'s ``n``, the headline's ``total``),
        ``copies_left_out`` (its articles left out as syndicated copies) and
        ``copies_only`` (every article is such a copy).
    headlines : DataFrame
        :func:`mediakit.compare.top_labels` of the narration shares, one row per
        outlet of the corpus (also those without a narration mention, with an NA
        label), plus ``copies_only``.
    forms : DataFrame
        How each headline label is written: ``outlet, form, n`` (lower-cased
        matched text, most frequent first, at most :data:`FORMS_SHOWN` per outlet).
    examples : DataFrame
        Example sentences per headline (:func:`example_mentions`): ``outlet,
        doc_id, date, title, voice, speaker, before, match, after`` where
        ``before + match + after`` is the sentence with its white space collapsed.
    voice_pooled : DataFrame
        :func:`mediakit.compare.voice_by_label` over all outlets.
    duplicate_groups : DataFrame
        :func:`mediakit.dedup.duplicate_groups` of the ``duplicates`` table.
    boilerplate : DataFrame
        :func:`mediakit.compare.boilerplate_passages`: the page furniture left out
        of the distinguishing words (empty with one outlet).
    flagged_periods : DataFrame
        Periods the over-time screen flags: ``outlet, period, n_period, tvd, mix``.
    top_two : tuple of str or None
        The actor's two most frequent labels (the contexts compared).
    excluded_docs : tuple of str
        Syndicated copies left out of every comparison.
    rules : Rules
        The rules applied, as the page states them.
    figures : mapping of str to FigureSpec
        The figures, in :data:`FIGURE_FILES` order (only those that apply).
    load_log : tuple of str
        What loading the corpus reported besides the skipped records, one line per
        event (the ``load_log`` table has them all, with their columns).
    loaded : bool
        Whether the corpus came from a mediakit loader and so carries a load log
        (False for a DataFrame built in Python and never passed to
        :func:`mediakit.load_corpus`).
    warnings : tuple of str
        Warnings raised while building, each once, in order.
    """

    lexicon: Lexicon
    actor: str
    outlets: tuple[str, ...]
    n_articles: int
    n_words: int
    first_date: pd.Timestamp | None
    last_date: pd.Timestamp | None
    n_undated: int
    tables: Mapping[str, pd.DataFrame]
    outlet_summary: pd.DataFrame
    headlines: pd.DataFrame
    forms: pd.DataFrame
    examples: pd.DataFrame
    voice_pooled: pd.DataFrame
    duplicate_groups: pd.DataFrame
    boilerplate: pd.DataFrame
    flagged_periods: pd.DataFrame
    top_two: tuple[str, str] | None
    excluded_docs: tuple[str, ...]
    rules: Rules
    figures: Mapping[str, FigureSpec] = field(default_factory=dict)
    load_log: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    n_headline_only: int = 0
    loaded: bool = False
    coded: str | None = None
    n_coded: int = 0

    @property
    def seed(self) -> int:
        """The seed of every random step."""
        return self.rules.seed


def records(table: pd.DataFrame) -> list[dict[str, Any]]:
    """The rows of ``table`` as dicts (column name to value), in order."""
    return [{str(k): v for k, v in row.items()} for row in table.to_dict("records")]


# --------------------------------------------------------------------------- evidence


def example_mentions(mentions: pd.DataFrame, *, k: int = KWIC_EXAMPLES) -> pd.DataFrame:
    """Up to ``k`` mentions to show as evidence, from different articles where possible.

    The first mention of each article is taken in table order; when there are fewer
    than ``k`` articles, later mentions fill the remaining places. The result keeps
    the table's order and columns, so the same table always gives the same examples.

    Parameters
    ----------
    mentions : DataFrame
        Mentions (needs ``doc_id``), typically one outlet's uses of one label.
    k : int
        How many examples at most (default :data:`KWIC_EXAMPLES`).

    Returns
    -------
    DataFrame
        At most ``k`` rows of ``mentions``.
    """
    check_table(mentions, ["doc_id"], caller="example_mentions", table_name="mentions")
    check_param("k", k, [Interval(Integral, 0, None)], caller="example_mentions")
    first = mentions.drop_duplicates("doc_id")
    if len(first) < k:
        rest = mentions.drop(first.index)
        first = pd.concat([first, rest.head(k - len(first))]).sort_index(kind="stable")
    return first.head(k)


def _split_sentence(sentence: str, start: int, end: int, match: str) -> tuple[str, str, str]:
    """``(before, match, after)`` of a sentence, white space collapsed on each side.

    ``start``/``end`` locate the match inside ``sentence``; if they do not (a match
    outside its sentence), the first occurrence of ``match`` is used, and failing
    that the whole sentence is ``before``.
    """
    if not (0 <= start < end <= len(sentence)) or sentence[start:end] != match:
        found = sentence.find(match) if match else -1
        if found < 0:
            return " ".join(sentence.split()), "", ""
        start, end = found, found + len(match)
    left = " ".join(sentence[:start].split())
    right = " ".join(sentence[end:].split())
    if left and sentence[:start][-1:].isspace():
        left += " "
    if right and sentence[end:][:1].isspace():
        right = " " + right
    return left, sentence[start:end], right


def _examples_table(
    kept: pd.DataFrame, headlines: pd.DataFrame, actor: str, titles: Mapping[str, str],
    sentences: pd.DataFrame,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Example sentences (text from ``sentences``) and written forms of each outlet's
    headline label."""
    examples: list[dict[str, Any]] = []
    forms: list[dict[str, Any]] = []
    for row in records(headlines):
        if pd.isna(row["label"]):
            continue
        uses = kept[(kept["outlet"] == row["outlet"]) & (kept["actor"] == actor)
                    & (kept["label"] == row["label"]) & (kept["voice"] == "narration")]
        counts = uses["match"].astype(str).str.lower().value_counts()
        counts = counts.sort_index(kind="stable").sort_values(ascending=False, kind="stable")
        forms.extend({"outlet": row["outlet"], "form": form, "n": int(n)}
                     for form, n in counts.head(FORMS_SHOWN).items())
        for ex in records(mention_sentences(example_mentions(uses), sentences)):
            offset = int(ex["sentence_start"])
            before, match, after = _split_sentence(
                str(ex["sentence"]), int(ex["start"]) - offset, int(ex["end"]) - offset,
                str(ex["match"]))
            speaker = ex["speaker"] if isinstance(ex["speaker"], str) else ""
            examples.append({"outlet": row["outlet"], "doc_id": str(ex["doc_id"]),
                             "date": ex["date"], "title": titles.get(str(ex["doc_id"]), ""),
                             "voice": ex["voice"], "speaker": speaker, "before": before,
                             "match": match, "after": after})
    example_columns = ["outlet", "doc_id", "date", "title", "voice", "speaker", "before",
                       "match", "after"]
    return (pd.DataFrame(examples, columns=example_columns),
            pd.DataFrame(forms, columns=["outlet", "form", "n"]))


# --------------------------------------------------------------------------- pieces


def check_actor(lexicon: Lexicon, actor: str | None) -> None:
    """Raise ``ValueError`` when ``actor`` is given and is not one of the lexicon's."""
    if actor is not None and actor not in lexicon.actors:
        raise ValueError(
            f"actor {actor!r} is not in lexicon {lexicon.name!r} "
            f"(its actors: {', '.join(lexicon.actors)})"
        )


def _choose_actor(lexicon: Lexicon, mentions: pd.DataFrame, actor: str | None) -> str:
    """``actor``, else the lexicon's first actor with a mention; an error if it has none."""
    if actor is None:
        used = set(mentions["actor"])
        actors = list(lexicon.actors)
        actor = next((a for a in actors if a in used), actors[0])
    if not (mentions["actor"] == actor).any():
        raise ValueError(
            f"no mention of {actor!r} (lexicon {lexicon.name!r}) in the corpus: nothing "
            "to compare; check the lexicon against the corpus with 'mediakit audit'"
        )
    return actor


def _outlet_summary(
    documents: pd.DataFrame, mentions: pd.DataFrame, actor: str, drop: Sequence[str]
) -> pd.DataFrame:
    per_outlet = (
        documents.groupby("outlet", sort=True)
        .agg(articles=("doc_id", "size"), words=("n_words", "sum"),
             first=("date", "min"), last=("date", "max"))
        .reset_index()
    )
    m_counts = mentions.groupby("outlet").size()
    a_counts = mentions[mentions["actor"] == actor].groupby("outlet").size()
    left_out = documents[documents["doc_id"].isin(list(drop))].groupby("outlet").size()
    per_outlet["mentions"] = per_outlet["outlet"].map(m_counts).fillna(0).astype("int64")
    per_outlet["actor_mentions"] = per_outlet["outlet"].map(a_counts).fillna(0).astype("int64")
    per_outlet["copies_left_out"] = (
        per_outlet["outlet"].map(left_out).fillna(0).astype("int64"))
    per_outlet["copies_only"] = per_outlet["copies_left_out"] == per_outlet["articles"]
    return per_outlet


def _counted(summary: pd.DataFrame, by_voice: pd.DataFrame, narration: pd.DataFrame
             ) -> pd.DataFrame:
    """``summary`` with the counts of the shares tables themselves, so they agree."""
    counts = {}
    for name, table in (("counted", by_voice), ("narration", narration)):
        per_outlet = table.groupby(table["outlet"].astype(str), sort=False)["n"].sum()
        counts[name] = (summary["outlet"].astype(str).map(per_outlet).fillna(0)
                        .astype("int64"))
    columns = list(summary.columns)
    at = columns.index("actor_mentions") + 1
    out = summary.assign(**counts)
    return out[[*columns[:at], "counted", "narration", *columns[at:]]]


def _headlines(shares: pd.DataFrame, summary: pd.DataFrame, min_n: int) -> pd.DataFrame:
    """top_labels, one row per outlet of the corpus (NA label where it has none)."""
    from .. import compare

    top = compare.top_labels(shares, min_mentions=min_n) if len(shares) else None
    rows = []
    for outlet, copies_only in zip(summary["outlet"], summary["copies_only"]):
        found = None if top is None else top[top["outlet"] == outlet]
        if found is not None and len(found):
            rows.append({**found.iloc[0].to_dict(), "copies_only": bool(copies_only)})
        else:
            rows.append({"outlet": outlet, "label": pd.NA, "n": 0, "total": 0,
                         "share": float("nan"), "lo": float("nan"), "hi": float("nan"),
                         "n_docs": 0, "group_docs": 0, "few": True,
                         "copies_only": bool(copies_only)})
    columns = ["outlet", "label", "n", "total", "share", "lo", "hi", "n_docs", "group_docs",
               "few", "copies_only"]
    return pd.DataFrame(rows)[columns]


def _flagged_periods(over_time: pd.DataFrame | None) -> pd.DataFrame:
    columns = ["outlet", "period", "n_period", "tvd", "mix"]
    if over_time is None:
        return pd.DataFrame(columns=columns)
    flags = (over_time[over_time["change_flag"]]
             .drop_duplicates(["outlet", "period"])
             .sort_values(["outlet", "period"], kind="stable"))
    rows = []
    for row in records(flags):
        here = over_time[(over_time["outlet"] == row["outlet"])
                         & (over_time["period"] == row["period"]) & (over_time["n"] > 0)]
        here = here.sort_values("share", ascending=False, kind="stable")
        mix = ", ".join(f"{label} {100 * share:.0f}%"
                        for label, share in zip(here["label"], here["share"]))
        rows.append({"outlet": row["outlet"], "period": row["period"],
                     "n_period": row["n_period"], "tvd": row["tvd"], "mix": mix})
    return pd.DataFrame(rows, columns=columns)


def _top_two(actor_mentions: pd.DataFrame, labels: Sequence[str]) -> tuple[str, str] | None:
    """The two most frequent labels (ties: the lexicon's order)."""
    totals = actor_mentions["label"].value_counts()
    in_use = [lb for lb in labels if totals.get(lb, 0) > 0]
    ranked = sorted(in_use, key=lambda lb: (-totals[lb], in_use.index(lb)))
    return (ranked[0], ranked[1]) if len(ranked) >= 2 else None


def _distinguishing_words(
    corpus: pd.DataFrame, drop: Sequence[str]
) -> pd.DataFrame | None:
    """Each outlet with articles left against all the others; None with fewer than two."""
    from .. import compare

    kept = corpus[~corpus["doc_id"].isin(list(drop))]
    if kept["outlet"].nunique() < 2:
        return None
    return compare.distinguishing_words_each(corpus, exclude_docs=drop)


def _read_rules(
    time: bool, change: bool, freq: str | None, seed: int, min_mentions: int,
) -> Rules:
    """The rules the report passed to its comparisons, as the page states them."""
    time_rule = None
    if time:
        time_rule = {"freq": freq, **{k: v for k, v in TIME_RULE.items() if k != "level"}}
    change_rule = {**CHANGE_RULE, "seed": seed} if change else None
    return Rules(level=float(SHARES_RULE["level"]), n_boot=int(SHARES_RULE["n_boot"]),
                 seed=seed, duplicate_min_similarity=float(DUPLICATE_RULE["min_similarity"]),
                 duplicate_shingle=int(DUPLICATE_RULE["shingle"]),
                 min_headline_mentions=min_mentions, time=time_rule, change=change_rule)


def _unique_messages(caught: Sequence[warnings.WarningMessage]) -> tuple[str, ...]:
    seen: list[str] = []
    for w in caught:
        text = " ".join(str(w.message).split())
        if text not in seen:
            seen.append(text)
    return tuple(seen)


@contextmanager
def _steps(names: Sequence[str], show: bool) -> Iterator[Callable[[], None]]:
    """A progress bar over named steps (tqdm, on stderr) when ``show``; a no-op else."""
    bar = None
    if show:
        from tqdm.auto import tqdm

        bar = tqdm(total=len(names), desc="report", unit="step", leave=False)
    done = iter(names)

    def step() -> None:
        # The bar names the step just finished, so a slow one is easy to spot.
        name = next(done, "")
        if bar is not None:
            bar.set_postfix_str(name, refresh=False)
            bar.update(1)

    try:
        yield step
    finally:
        if bar is not None:
            bar.close()


# --------------------------------------------------------------------------- figures


def _figure_specs(
    actor: str, tables: Mapping[str, pd.DataFrame], top_two: tuple[str, str] | None,
    freq: str | None, lex: Lexicon,
) -> dict[str, FigureSpec]:
    """One specification per figure that applies, in FIGURE_FILES order.

    Label colours come from the lexicon (:func:`mediakit.plot.label_colors`), never
    from the labels a corpus happens to use, so they agree across reports.
    """
    from ..plot import _bars_height, _rates_height, label_colors

    palette = label_colors(lex, actor=actor)
    n_bars = max(tables["label_shares"]["outlet"].nunique(), 1)
    n_labels = max(tables["label_shares"]["label"].nunique(), 1)
    tone_labels = [str(lab) for lab in tables["tone_by_label"]["label"].drop_duplicates()
                   if tables["tone_by_label"].loc[tables["tone_by_label"]["label"] == lab,
                                                  "mean"].notna().any()]
    tone_cols = min(3, max(1, len(tone_labels)))
    tone_rows = -(-len(tone_labels) // tone_cols)
    specs = [
        FigureSpec("label_shares", "label_shares", tables["label_shares"],
                   {"title": f"{actor}: labels in narration", "palette": palette},
                   (9, _bars_height(n_bars, n_labels)),
                   f"Label shares of {actor} per outlet, narration"),
        FigureSpec("label_shares_by_voice", "label_shares", tables["label_shares_by_voice"],
                   {"title": f"{actor}: labels by voice", "palette": palette},
                   (9, _bars_height(3 * n_bars, n_labels)),
                   f"Label shares of {actor} per outlet and voice"),
        FigureSpec("label_rates", "label_rates", tables["label_rates"],
                   {"title": f"{actor}: mentions per 1,000 words"}, (9, _rates_height(n_bars)),
                   f"Mentions of {actor} per 1,000 words"),
        FigureSpec("tone_by_label", "tone", tables["tone_by_label"],
                   {"palette": palette}, (10, 0.8 + tone_rows * (1.0 + 0.25 * n_bars)),
                   f"Mean masked tone around {actor} labels, narration, one panel per label",
                   panels=tuple({"label": lab, "title": lab} for lab in tone_labels),
                   ncols=tone_cols),
    ]
    over_time = tables.get("shares_over_time")
    if over_time is not None and freq is not None:
        period = {"W": "week", "M": "month", "Q": "quarter"}[freq]
        outlets = sorted(over_time["outlet"].astype(str).unique())
        ncols = 2 if len(outlets) > 1 else 1
        nrows = -(-len(outlets) // ncols)
        specs.append(FigureSpec(
            "shares_over_time", "shares_over_time", over_time,
            {"change_points": tables.get("change_points"), "palette": palette},
            (10, 1.2 + 2.5 * nrows),
            f"Label shares of {actor} per {period}",
            panels=tuple({"outlet": o, "title": o} for o in outlets), ncols=ncols,
            period_freq=freq))
    contexts = tables.get("distinguishing_contexts")
    if contexts is not None and len(contexts) and top_two is not None:
        specs.append(FigureSpec(
            "distinguishing_contexts", "distinguishing_words", contexts,
            {"title": f"words around '{top_two[0]}' vs '{top_two[1]}'", "palette": palette},
            (9, 5.5),
            f"Words around {top_two[0]} against {top_two[1]}"))
    return {spec.name: spec for spec in specs}


# --------------------------------------------------------------------------- build


def build_report(
    corpus: pd.DataFrame,
    *,
    lexicon: LexiconLike | None = None,
    actor: str | None = None,
    seed: int = 0,
    n_jobs: int = 1,
    progress: bool = False,
    coded: pd.DataFrame | str | os.PathLike[str] | None = None,
) -> Report:
    """Compute everything the report shows, without drawing or writing anything.

    Parameters
    ----------
    corpus : DataFrame
        The corpus table (:func:`mediakit.load_corpus`); never modified. Records
        listed in ``load_log(corpus, "skipped")`` become the ``skipped`` table.
    lexicon : Lexicon, str, path or mapping, optional
        Read by :func:`mediakit.lexicon.resolve_lexicon`: None is the bundled default
        (``"conflict"``) whatever the corpus. For the bundled sample pass
        ``"marenna"`` (the ``mediakit report`` command does).
    actor : str, optional
        The actor whose labels are compared; None: the lexicon's first actor that
        has a mention. ``ValueError`` if it is not in the lexicon (checked before the
        analysis) or has no mention.
    seed : int
        Seed of every bootstrap and permutation test; results are deterministic.
    n_jobs, progress : int, bool, default 1, False
        Passed to :func:`mediakit.analyze`; ``progress`` also shows a bar over the
        report's steps (tqdm, on stderr).
    coded : DataFrame, str or path, optional
        A filled coding sheet (:func:`mediakit.coding_sheet`, coded by people) of this
        corpus, read with :func:`mediakit.read_coding` before the analysis starts
        (a bad code is a ``CodingError`` naming the row and column). Its
        :func:`mediakit.validation_report` against this analysis becomes the
        ``validation`` table; a sheet item whose article is not in the corpus is a
        ``CodingError`` naming its row. Blind sheets work (the answers come from the
        analysis).

    Returns
    -------
    Report
        Tables, texts and figure specifications.

    Notes
    -----
    Near-identical articles (syndicated copies, found by
    :func:`mediakit.find_duplicates`) are counted once in every comparison: one copy
    per group is kept (the earliest dated one; corpus order for undated copies) and
    the others are left out (``Report.excluded_docs``); the mentions, documents and
    sentences tables keep every article. An outlet whose articles are all such
    copies stays in the corpus summary, with nothing to compare. Warnings raised by
    the analysis are collected in ``Report.warnings`` and issued again.
    """
    from .. import compare, dedup
    from ..analysis import analyze

    check_param("seed", seed, [Interval(Integral, 0, None)], caller="build_report")
    lex = resolve_lexicon(lexicon)
    check_actor(lex, actor)  # before the analysis, which can take long
    sheet = None
    if coded is not None:  # a bad sheet fails before the analysis too
        from ..coding import read_coding

        sheet = read_coding(coded)
    steps = ("analyse", "duplicates", "shares", "voice", "rates", "tone", "time", "words",
             "contexts")
    with warnings.catch_warnings(record=True) as caught, _steps(steps, progress) as step:
        warnings.simplefilter("always")
        analysis = analyze(corpus, lex, n_jobs=n_jobs, progress=progress)
        step()
        corpus_v, mentions = analysis.corpus, analysis.mentions
        chosen = _choose_actor(lex, mentions, actor)
        outlets = tuple(sorted(corpus_v["outlet"].astype(str).unique()))
        titles = dict(zip(corpus_v["doc_id"].astype(str),
                          corpus_v["title"].fillna("").astype(str)))

        duplicates = dedup.find_duplicates(corpus_v, **DUPLICATE_RULE)
        drop = dedup.duplicate_docs_to_drop(duplicates)
        groups = dedup.duplicate_groups(duplicates)
        step()
        boot: dict[str, Any] = {**SHARES_RULE, "seed": seed, "exclude_docs": drop}
        tables: dict[str, pd.DataFrame] = {
            "mentions": mentions, "documents": analysis.documents,
            "sentences": analysis.sentences,
        }
        tables["label_shares"] = compare.label_shares(
            mentions, actor=chosen, voice="narration", **boot)
        tables["label_shares_by_voice"] = compare.label_shares(
            mentions, actor=chosen, voice="split", **boot)
        step()
        tables["voice_by_label"] = compare.voice_by_label(
            mentions, actor=chosen, by="outlet", exclude_docs=drop)
        voice_pooled = compare.voice_by_label(mentions, actor=chosen, by=None,
                                              exclude_docs=drop)
        step()
        tables["label_rates"] = compare.label_rates(
            mentions, analysis.documents, actor=chosen, voice="narration", **boot)
        step()
        tables["tone_by_label"] = compare.tone_by_label(
            mentions, actor=chosen, voice="narration", **boot)
        step()
        kept = mentions[~mentions["doc_id"].isin(drop)]
        actor_mentions = kept[kept["actor"] == chosen]
        dated = actor_mentions[(actor_mentions["voice"] == "narration")
                               & actor_mentions["date"].notna()]
        freq = (compare.choose_freq(dated, min_mentions=TIME_MIN_MENTIONS) if len(dated)
                else None)
        if freq is not None:
            tables["shares_over_time"] = compare.label_shares_over_time(
                mentions, actor=chosen, freq=freq, voice="narration", **TIME_RULE,
                seed=seed, exclude_docs=drop)
        if len(dated):
            tables["change_points"] = compare.label_change_points(
                mentions, actor=chosen, voice="narration", **CHANGE_RULE, seed=seed,
                exclude_docs=drop)
        step()
        words = _distinguishing_words(corpus_v, drop)
        if words is not None:
            tables["distinguishing_words"] = words
        boilerplate = (compare.boilerplate_passages(corpus_v, exclude_docs=drop)
                       if words is not None else
                       compare.boilerplate_passages(corpus_v.iloc[:0]))
        step()
        top_two = _top_two(actor_mentions, list(lex.actors[chosen]))
        if top_two is not None:
            tables["distinguishing_contexts"] = compare.distinguishing_contexts(
                mention_sentences(mentions[mentions["label"].isin(top_two)],
                                  analysis.sentences),
                label_a=top_two[0], label_b=top_two[1], actor=chosen,
                stopwords=True, exclude_docs=drop)
        tables["duplicates"] = duplicates
        skipped = load_log(corpus, "skipped")
        if len(skipped):
            tables["skipped"] = skipped.rename(columns={"message": "reason"})[
                ["file", "row", "column", "reason"]]
        tables["load_log"] = load_log(corpus)
        if sheet is not None and coded is not None:
            from ..coding import validation_report

            # the sheet as given: a file keeps its name and rows in any error
            tables["validation"] = validation_report(coded, analysis, seed=seed)
        step()

        summary = _counted(_outlet_summary(analysis.documents, mentions, chosen, drop),
                           tables["label_shares_by_voice"], tables["label_shares"])
        headlines = _headlines(tables["label_shares"], summary, compare.MIN_HEADLINE_MENTIONS)
        examples, forms = _examples_table(kept, headlines, chosen, titles, analysis.sentences)
    messages = _unique_messages(caught)
    for text in messages:
        warnings.warn(text, stacklevel=2)
    ordered = {name: tables[name] for name in TABLE_FILES if name in tables}
    return Report(
        lexicon=lex, actor=chosen, outlets=outlets, n_articles=len(corpus_v),
        n_words=int(analysis.documents["n_words"].sum()),
        first_date=_timestamp(corpus_v["date"].min()), last_date=_timestamp(corpus_v["date"].max()),
        n_undated=int(corpus_v["date"].isna().sum()), tables=ordered,
        outlet_summary=summary, headlines=headlines, forms=forms, examples=examples,
        voice_pooled=voice_pooled, duplicate_groups=groups, boilerplate=boilerplate,
        flagged_periods=_flagged_periods(tables.get("shares_over_time")),
        top_two=top_two, excluded_docs=tuple(drop),
        rules=_read_rules("shares_over_time" in tables, "change_points" in tables,
                          freq, seed, compare.MIN_HEADLINE_MENTIONS),
        figures=_figure_specs(chosen, ordered, top_two, freq, lex),
        load_log=_load_log(corpus), warnings=messages,
        n_headline_only=_headline_only(corpus_v), loaded="load_log" in corpus.attrs,
        coded=None if coded is None else (
            "<DataFrame>" if isinstance(coded, pd.DataFrame) else str(coded)),
        n_coded=0 if sheet is None else len(sheet),
    )


def _timestamp(value: Any) -> pd.Timestamp | None:
    return None if pd.isna(value) else pd.Timestamp(value)


def _headline_only(corpus: pd.DataFrame) -> int:
    """Articles whose text is their title (``text_source == "title"``)."""
    if "text_source" not in corpus.columns:
        return 0
    return int((corpus["text_source"].astype("string") == "title").sum())


def _load_log(corpus: pd.DataFrame) -> tuple[str, ...]:
    """What loading reported besides skipped records: one line per entry of the
    corpus's load log (:func:`mediakit.load_log`), e.g. the encoding a file was
    decoded with, a recognised column, a date not read."""
    log = load_log(corpus)
    lines = []
    for entry in log[log["kind"] != "skipped"].to_dict("records"):
        where = str(entry["file"]) + ("" if pd.isna(entry["row"]) else f", row {entry['row']}")
        lines.append(f"{where}: {entry['message']}")
    return tuple(lines)
