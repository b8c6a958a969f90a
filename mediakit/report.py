"""The whole analysis in one call: tidy CSV tables, PNG figures and one HTML report.

:func:`write_report` runs :func:`mediakit.analyze` once, then the comparisons of
:mod:`mediakit.compare`, and writes into ``out_dir``::

    report.html        one self-contained page (figures inline, no external files)
    tables/*.csv       every table the page shows, in full (see ``TABLE_FILES``)
    figures/*.png      every figure the page shows

Article text is untrusted input: every string that comes from the corpus or the
lexicon (outlet names, titles, sentences, matches, speakers, labels) is escaped with
:func:`html.escape` before it reaches the page, so no markup from an article survives
as markup. Output is deterministic: no timestamps, a fixed bootstrap ``seed``, tables
in a fixed order and PNG files without date metadata, so two runs on the same input
give identical files (PNG bytes can differ between matplotlib versions).
"""

from __future__ import annotations

import base64
import html
import io
import warnings
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

__all__ = ["ReportPaths", "write_report", "TABLE_FILES", "FIGURE_FILES"]

#: CSV tables written into ``out_dir/tables`` and what one row of each is.
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
}

#: PNG figures written into ``out_dir/figures``.
FIGURE_FILES: Mapping[str, str] = {
    "label_shares": "label mix per outlet, narration",
    "label_shares_by_voice": "label mix per outlet and voice",
    "label_rates": "mentions per 1,000 words, heatmap",
    "tone_by_label": "mean masked tone per outlet and label",
    "shares_over_time": "label shares per period, one panel per outlet",
    "distinguishing_contexts": "words around one label rather than another",
}

_N_BOOT = 2000
_LEVEL = 0.95
_DUPLICATE_THRESHOLD = 0.8
_DUPLICATE_SHINGLE = 5
# Fewer replicates per period: there are many periods and each interval is a sketch.
_TIME_N_BOOT = 1000
# Two-sided 95% normal cut-off for the log-odds z-scores that are listed.
_Z_CUTOFF = 1.96
_KWIC_EXAMPLES = 3
_TOP_SPEAKERS = 3
_TOP_WORDS = 8
_DPI = 100
_TIME_FREQS = ("W", "M", "Q")
_TIME_MIN_N = 10
_N_PERM = 999
_CHANGE_MIN_DOCS = 3
# PNG text chunks matplotlib would otherwise write; "Software" carries its version
# and nothing here should vary between runs.
_PNG_METADATA = {"Software": None}


@dataclass(frozen=True)
class ReportPaths:
    """Where :func:`write_report` wrote its files.

    ``out_dir`` is the folder, ``html`` the report page, ``tables`` maps a table name
    (see :data:`TABLE_FILES`) to its CSV file and ``figures`` a figure name (see
    :data:`FIGURE_FILES`) to its PNG file. Only files actually written are listed
    (no ``skipped`` table when nothing was skipped, no time figure without dates).
    """

    out_dir: Path
    html: Path
    tables: dict[str, Path] = field(default_factory=dict)
    figures: dict[str, Path] = field(default_factory=dict)


# --------------------------------------------------------------------------- helpers


def _e(value: Any) -> str:
    """Escape anything for HTML text or attribute context; missing values become ''."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return html.escape(str(value), quote=True)


def _pct(x: Any) -> str:
    return "–" if pd.isna(x) else f"{100 * float(x):.0f}%"


def _g(x: Any) -> str:
    """A rule's parameter as written in the code (0.2, 0.05, 0.8), without float noise."""
    return f"{float(x):g}"


def _interval(lo: Any, hi: Any, fmt: Callable[[Any], str]) -> str:
    if pd.isna(lo) or pd.isna(hi):
        return "–"
    return f"{fmt(lo)}–{fmt(hi)}"


def _num(fmt: str) -> Callable[[Any], str]:
    return lambda x: "–" if pd.isna(x) else fmt.format(x)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _date(x: Any) -> str:
    return "" if pd.isna(x) else pd.Timestamp(x).strftime("%Y-%m-%d")


def _slug(value: str) -> str:
    return "".join(ch if ch.isalnum() else "-" for ch in value.lower()).strip("-") or "x"


def _write_csv(table: pd.DataFrame, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    table.to_csv(path, index=False, lineterminator="\n")


def _html_table(
    table: pd.DataFrame,
    columns: Mapping[str, str],
    *,
    formats: Mapping[str, Callable[[Any], str]] | None = None,
    raw: Iterable[str] = (),
    numeric: Iterable[str] = (),
    caption: str | None = None,
) -> str:
    """An HTML table of ``columns`` (column -> heading); every cell escaped.

    Columns named in ``raw`` hold markup this module built itself (from escaped
    parts) and are inserted as they are.
    """
    formats = dict(formats or {})
    raw = set(raw)
    numeric = set(numeric)
    head = "".join(
        f'<th class="num">{_e(h)}</th>' if c in numeric else f"<th>{_e(h)}</th>"
        for c, h in columns.items()
    )
    rows = []
    for record in table[list(columns)].itertuples(index=False):
        cells = []
        for col, value in zip(columns, record):
            text = formats[col](value) if col in formats else value
            text = text if col in raw else _e(text)
            cls = ' class="num"' if col in numeric else ""
            cells.append(f"<td{cls}>{text}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    cap = f"<caption>{_e(caption)}</caption>" if caption else ""
    if not rows:
        rows.append(f'<tr><td colspan="{len(columns)}" class="empty">no rows</td></tr>')
    return (
        f'<div class="scroll"><table>{cap}<thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def _details(summary: str, content: str) -> str:
    """A collapsed block (plain HTML, no script) for tables too long to show open."""
    return f"<details><summary>{_e(summary)}</summary>{content}</details>"


def _highlight(sentence: str, start: int, end: int, match: str) -> str:
    """The sentence escaped, with ``sentence[start:end]`` wrapped in ``<mark>``."""
    if not (0 <= start < end <= len(sentence)) or sentence[start:end] != match:
        found = sentence.find(match)
        if found < 0:
            return _e(" ".join(sentence.split()))
        start, end = found, found + len(match)
    left = " ".join(sentence[:start].split())
    right = " ".join(sentence[end:].split())
    sep_l = " " if sentence[:start][-1:].isspace() else ""
    sep_r = " " if sentence[end:][:1].isspace() else ""
    return f"{_e(left)}{sep_l}<mark>{_e(sentence[start:end])}</mark>{sep_r}{_e(right)}"


class _Figures:
    """Draws figures on private ``Figure`` objects (never pyplot), saves and inlines them."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.paths: dict[str, Path] = {}
        self.data_uris: dict[str, str] = {}

    def draw(
        self,
        name: str,
        size: tuple[float, float],
        painter: Callable[[Any], None],
        *,
        nrows: int = 1,
        ncols: int = 1,
    ) -> None:
        import matplotlib
        from matplotlib.figure import Figure

        # rc_context restores the caller's settings afterwards (no global change).
        with matplotlib.rc_context({"svg.hashsalt": "mediakit"}), warnings.catch_warnings():
            # An outlet without a label in some voice draws an empty panel; matplotlib's
            # note about the empty legend says nothing a reader of the report needs.
            warnings.filterwarnings("ignore", message="No artists with labels found")
            fig = Figure(figsize=size, layout="constrained")
            axes = fig.subplots(nrows, ncols, squeeze=False)
            painter(axes)
            buffer = io.BytesIO()
            fig.savefig(buffer, format="png", dpi=_DPI, metadata=_PNG_METADATA)
            fig.clear()
        data = buffer.getvalue()
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self.folder / f"{name}.png"
        path.write_bytes(data)
        self.paths[name] = path
        self.data_uris[name] = "data:image/png;base64," + base64.b64encode(data).decode("ascii")

    def img(self, name: str, alt: str) -> str:
        if name not in self.data_uris:
            return ""
        return (
            f'<figure><img src="{self.data_uris[name]}" alt="{_e(alt)}">'
            f"<figcaption>{_e(alt)}</figcaption></figure>"
        )


def _plot_safe(table: pd.DataFrame) -> pd.DataFrame:
    """A copy whose text columns show "$" literally in matplotlib (no mathtext)."""
    out = table.copy()
    for col in ("outlet", "label", "word", "a", "b"):
        if col in out.columns:
            out[col] = out[col].astype("string").str.replace("$", r"\$", regex=False)
    return out


def _period_ticks(ax: Any, periods: Sequence[pd.Timestamp], freq: str) -> None:
    """One tick per period (at most 8), labelled as a week's first day, month or quarter."""
    step = max(1, -(-len(periods) // 8))
    shown = list(periods)[::step]
    if freq == "M":
        names = [p.strftime("%Y-%m") for p in shown]
    elif freq == "Q":
        names = [f"{p.year}-Q{p.quarter}" for p in shown]
    else:
        names = [p.strftime("%Y-%m-%d") for p in shown]
    ax.set_xticks(shown, names)


def _time_freq(mentions: pd.DataFrame, *, min_n: int) -> str | None:
    """The finest period (week, month, quarter) with enough mentions per outlet to compare.

    ``mentions`` are the dated mentions the time comparison uses. A period length
    qualifies when the median outlet has on average at least ``min_n`` of them per
    period, the change rule's own minimum; otherwise the coarsest length that still
    gives two periods is used (None when even that fails: one period only).
    """
    fallback = None
    for freq in _TIME_FREQS:
        periods = mentions["date"].dt.to_period(freq)
        n_periods = (periods.max() - periods.min()).n + 1
        if n_periods < 2:
            break
        fallback = freq
        per_outlet = mentions.groupby("outlet").size() / n_periods
        if per_outlet.median() >= min_n:
            return freq
    return fallback


def _choose_actor(lexicon: Any, mentions: pd.DataFrame, actor: str | None) -> str:
    actors = list(lexicon.actors)
    if actor is not None:
        if actor not in actors:
            raise ValueError(
                f"actor {actor!r} is not in lexicon {lexicon.name!r} "
                f"(its actors: {', '.join(actors)})"
            )
        return actor
    used = set(mentions["actor"])
    return next((a for a in actors if a in used), actors[0])


def _voice_by_label(mentions: pd.DataFrame, *, by: Sequence[str]) -> pd.DataFrame:
    """Per ``by`` group and label: mentions in each voice, quoted share, top speakers."""
    columns = [*by, "actor", "label", "n", "narration", "quote", "scare_quote",
               "quoted_share", "top_speakers"]
    if mentions.empty:
        return pd.DataFrame(columns=columns)
    keys = [*by, "actor", "label"]
    counts = (
        mentions.groupby(keys, sort=True)["voice"]
        .value_counts()
        .unstack("voice", fill_value=0)
        .reindex(columns=["narration", "quote", "scare_quote"], fill_value=0)
    )
    counts["n"] = counts.sum(axis=1)
    counts["quoted_share"] = (counts["quote"] + counts["scare_quote"]) / counts["n"]

    def speakers(group: pd.DataFrame) -> str:
        named = group.loc[group["voice"] == "quote", "speaker"].dropna().astype(str)
        if named.empty:
            return ""
        top = named.value_counts()
        top = top.sort_index(kind="stable").sort_values(ascending=False, kind="stable")
        return "; ".join(f"{name} ({n})" for name, n in top.head(_TOP_SPEAKERS).items())

    counts["top_speakers"] = mentions.groupby(keys, sort=True)[list(mentions.columns)].apply(
        speakers
    )
    result = counts.reset_index()
    result.columns.name = None
    for col in ("n", "narration", "quote", "scare_quote"):
        result[col] = result[col].astype("int64")
    return result[columns]


def _headlines(shares: pd.DataFrame, outlets: Sequence[str]) -> pd.DataFrame:
    """Each outlet's most used label (highest share; ties: the lexicon's order)."""
    rows = []
    for outlet in outlets:
        group = shares[shares["outlet"] == outlet]
        total = int(group["n"].sum())
        if total == 0:
            rows.append({"outlet": outlet, "label": pd.NA, "n": 0, "total": 0,
                         "share": float("nan"), "lo": float("nan"), "hi": float("nan"),
                         "n_docs": 0, "group_docs": 0})
            continue
        best = group.loc[group["share"].idxmax()]
        rows.append({"outlet": outlet, "label": best["label"], "n": int(best["n"]),
                     "total": total, "share": best["share"], "lo": best["lo"],
                     "hi": best["hi"], "n_docs": int(best["n_docs"]),
                     "group_docs": int(best["group_docs"])})
    return pd.DataFrame(rows)


def _examples(mentions: pd.DataFrame, k: int) -> pd.DataFrame:
    """Up to ``k`` mentions, each from a different article where possible, corpus order."""
    first = mentions.drop_duplicates("doc_id")
    if len(first) < k:
        rest = mentions.drop(first.index)
        first = pd.concat([first, rest.head(k - len(first))]).sort_index()
    return first.head(k)


def _kwic_list(examples: pd.DataFrame, titles: Mapping[str, str]) -> str:
    items = []
    for row in examples.itertuples(index=False):
        start = int(row.start) - int(row.sentence_start)
        end = int(row.end) - int(row.sentence_start)
        sentence = _highlight(str(row.sentence), start, end, str(row.match))
        who = _e(row.voice.replace("_", " "))
        if isinstance(row.speaker, str) and row.speaker:
            who += f", speaker: {_e(row.speaker)}"
        source = f"{_e(row.outlet)}, {_e(_date(row.date))}"
        title = titles.get(row.doc_id, "")
        if title:
            source += f", “{_e(title)}”"
        items.append(
            f'<li><q>{sentence}</q> <span class="meta">[{who}] {source} '
            f"<code>{_e(row.doc_id)}</code></span></li>"
        )
    return f'<ul class="kwic">{"".join(items)}</ul>' if items else ""


def _collect_warnings(caught: list[warnings.WarningMessage]) -> list[str]:
    seen: list[str] = []
    for w in caught:
        text = " ".join(str(w.message).split())
        if text not in seen:
            seen.append(text)
    return seen


# --------------------------------------------------------------------------- report


_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;
color:#1d232a;background:#fff;margin:0;line-height:1.5}
main{max-width:1040px;margin:0 auto;padding:1.5rem 1.5rem 4rem}
h1{font-size:1.9rem;margin:.2rem 0 .3rem}h2{font-size:1.35rem;margin-top:2.6rem;
border-bottom:2px solid #e4e8ee;padding-bottom:.25rem}h3{font-size:1.08rem;margin-top:1.6rem}
p.lead{color:#4a5563;margin-top:0}
nav{background:#f5f7fa;border:1px solid #e4e8ee;border-radius:6px;padding:.6rem 1rem;margin:1rem 0}
nav ol{margin:.2rem 0;padding-left:1.4rem;columns:2}nav a{color:#1a56a8;text-decoration:none}
.scroll{overflow-x:auto;margin:.6rem 0 1rem}
table{border-collapse:collapse;font-size:.88rem;min-width:50%}
caption{text-align:left;font-weight:600;padding:.3rem 0;color:#4a5563}
th,td{border-bottom:1px solid #e4e8ee;padding:.28rem .6rem;text-align:left;vertical-align:top}
th{background:#f5f7fa;font-weight:600}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
td.empty{color:#6b7280;font-style:italic}
tbody tr:nth-child(even){background:#fafbfc}
figure{margin:1rem 0}figure img{max-width:100%;height:auto;border:1px solid #eef1f5}
figcaption{font-size:.85rem;color:#4a5563}
mark{background:#ffe58a;padding:0 .1em;border-radius:2px}
details{margin:.6rem 0 1rem}summary{cursor:pointer;color:#1a56a8;font-size:.92rem}
ul.kwic{font-size:.92rem;padding-left:1.2rem}ul.kwic li{margin:.35rem 0}
ul.kwic q{quotes:none}.meta{color:#5b6573;font-size:.82rem}
code{font-size:.8rem;background:#f2f4f7;padding:0 .25em;border-radius:3px;overflow-wrap:anywhere}
.finding{border-left:4px solid #1a56a8;background:#f7f9fc;padding:.5rem .9rem;margin:1rem 0}
.finding p{margin:.2rem 0}
.caveat{border-left:4px solid #c2410c;background:#fff7ed;padding:.5rem .9rem;margin:1rem 0}
dl.summary{display:grid;grid-template-columns:max-content 1fr;gap:.15rem 1rem}
dl.summary dt{font-weight:600}dl.summary dd{margin:0}
.files{font-size:.85rem;color:#4a5563}
a{color:#1a56a8}
@media (max-width:640px){main{padding:1rem .8rem 3rem}nav ol{columns:1}
dl.summary{grid-template-columns:1fr}dl.summary dd{margin-bottom:.3rem}}
@media print{nav{display:none}details{display:block}section{break-inside:auto}}
"""


def write_report(
    corpus: pd.DataFrame,
    *,
    lexicon: Any = None,
    out_dir: str | Path,
    actor: str | None = None,
    seed: int = 0,
    n_jobs: int = 1,
    progress: bool = False,
) -> ReportPaths:
    """Analyse ``corpus`` and write CSV tables, PNG figures and one HTML report.

    Parameters
    ----------
    corpus
        The corpus table (:func:`mediakit.load_corpus`); never modified. Records
        listed in ``corpus.attrs["skipped"]`` are reported and written to
        ``tables/skipped.csv``.
    lexicon
        Anything :func:`mediakit.load_lexicon` takes; None: the bundled default
        (``"conflict"``; see :func:`mediakit.lexicon.resolve_lexicon`). For the
        bundled sample pass ``"marenna"`` (the ``mediakit report`` command does).
    out_dir
        Folder for ``report.html``, ``tables/`` and ``figures/`` (created if needed;
        files of the same name are replaced).
    actor
        The actor whose labels are compared; None: the lexicon's first actor that
        has a mention (else its first actor). ``ValueError`` if not in the lexicon.
    seed
        Seed of every bootstrap (article resampling); results are deterministic.
    n_jobs, progress
        Passed to :func:`mediakit.analyze`; ``progress`` also shows a bar over the
        report's steps (tqdm, on stderr).

    Returns
    -------
    ReportPaths
        The folder, the HTML file and every CSV and PNG written.

    Near-identical articles (syndicated copies, found by
    :func:`mediakit.find_duplicates`) are counted once in every comparison: the
    earliest copy is kept and the others are left out (listed in
    ``tables/duplicates.csv``). ``mentions.csv``, ``documents.csv`` and
    ``sentences.csv`` keep every article. Warnings raised by the comparisons are
    re-issued and listed in the report's method notes.
    """
    from . import compare, dedup, plot
    from .analysis import analyze

    from .lexicon import resolve_lexicon

    # Checked before the analysis, which can take long on a big corpus.
    lexicon = resolve_lexicon(lexicon)
    if actor is not None and actor not in lexicon.actors:
        raise ValueError(
            f"actor {actor!r} is not in lexicon {lexicon.name!r} "
            f"(its actors: {', '.join(lexicon.actors)})"
        )
    out = Path(out_dir)
    tables_dir = out / "tables"
    figures = _Figures(out / "figures")
    tables: dict[str, Path] = {}

    steps = ["analyse", "duplicates", "shares", "voice", "rates", "tone", "time",
             "words", "contexts", "figures", "html"]
    bar = None
    if progress:
        from tqdm.auto import tqdm

        bar = tqdm(total=len(steps), desc="report", unit="step", leave=False)

    done = iter(steps)

    def step() -> None:
        # The bar names the step just finished, so a slow one is easy to spot.
        name = next(done)
        if bar is not None:
            bar.set_postfix_str(name, refresh=False)
            bar.update(1)

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        analysis = analyze(corpus, lexicon, n_jobs=n_jobs, progress=progress)
        step()
        corpus_v = analysis.corpus
        mentions = analysis.mentions
        documents = analysis.documents
        lex = analysis.lexicon
        chosen = _choose_actor(lex, mentions, actor)
        if not (mentions["actor"] == chosen).any():
            raise ValueError(
                f"no mention of {chosen!r} (lexicon {lex.name!r}) in the corpus: nothing "
                "to compare; check the lexicon against the corpus with 'mediakit audit'"
            )
        outlets = sorted(corpus_v["outlet"].astype(str).unique())
        titles = dict(zip(corpus_v["doc_id"].astype(str), corpus_v["title"].fillna("").astype(str)))

        duplicates = dedup.find_duplicates(
            corpus_v, threshold=_DUPLICATE_THRESHOLD, shingle=_DUPLICATE_SHINGLE
        )
        drop = dedup.duplicate_docs_to_drop(duplicates)
        step()
        boot = {"level": _LEVEL, "n_boot": _N_BOOT, "seed": seed, "exclude_docs": drop}

        shares = compare.label_shares(mentions, actor=chosen, voice="narration", **boot)
        shares_split = compare.label_shares(mentions, actor=chosen, voice="split", **boot)
        step()
        kept = mentions[~mentions["doc_id"].isin(drop)]
        actor_mentions = kept[kept["actor"] == chosen]
        voice_table = _voice_by_label(actor_mentions, by=["outlet"])
        voice_pooled = _voice_by_label(actor_mentions, by=[])
        step()
        rates = compare.label_rates(mentions, documents, actor=chosen, voice="narration", **boot)
        step()
        tone = compare.tone_by_label(mentions, actor=chosen, voice="narration", **boot)
        step()
        dated = actor_mentions[(actor_mentions["voice"] == "narration")
                               & actor_mentions["date"].notna()]
        over_time = None
        freq = _time_freq(dated, min_n=_TIME_MIN_N) if len(dated) else None
        if freq is not None:
            over_time = compare.label_shares_over_time(
                mentions, actor=chosen, freq=freq, voice="narration", min_n=_TIME_MIN_N,
                level=_LEVEL, n_boot=_TIME_N_BOOT, seed=seed, exclude_docs=drop,
            )
        change_points = None
        if len(dated):
            change_points = compare.label_change_points(
                mentions, actor=chosen, voice="narration", min_docs=_CHANGE_MIN_DOCS,
                n_perm=_N_PERM, seed=seed, exclude_docs=drop,
            )
        step()
        words = None
        if len(outlets) > 1:
            words = pd.concat(
                [compare.distinguishing_words(corpus_v, a=o, stopwords=True, exclude_docs=drop)
                 for o in outlets],
                ignore_index=True,
            )
        step()
        label_totals = actor_mentions["label"].value_counts()
        label_order = [lb for lb in lex.actors[chosen] if label_totals.get(lb, 0) > 0]
        top_two = sorted(label_order, key=lambda lb: (-label_totals[lb], label_order.index(lb)))[:2]
        contexts = None
        if len(top_two) == 2:
            contexts = compare.distinguishing_contexts(
                mentions, label_a=top_two[0], label_b=top_two[1], actor=chosen,
                stopwords=True, exclude_docs=drop,
            )
        step()

        # figures
        n_bars = max(len(outlets), 1)
        shares_p, split_p, rates_p, tone_p = (
            _plot_safe(t) for t in (shares, shares_split, rates, tone)
        )
        figures.draw("label_shares", (9, 1.2 + 0.45 * n_bars),
                     lambda axes: plot.label_shares(shares_p, ax=axes[0, 0],
                                                    title=f"{chosen}: labels in narration"))
        figures.draw("label_shares_by_voice", (9, 1.4 + 0.4 * n_bars * 3),
                     lambda axes: plot.label_shares(split_p, ax=axes[0, 0],
                                                    title=f"{chosen}: labels by voice"))
        figures.draw("label_rates", (9, 1.5 + 0.42 * n_bars),
                     lambda axes: plot.label_rates(rates_p, ax=axes[0, 0],
                                                   title=f"{chosen}: mentions per 1,000 words"))
        figures.draw("tone_by_label", (9, 1.5 + 0.55 * n_bars),
                     lambda axes: plot.tone(tone_p, ax=axes[0, 0],
                                            title=f"{chosen}: mean masked tone (narration)"))
        if over_time is not None:
            time_p = _plot_safe(over_time)
            points_p = None if change_points is None else _plot_safe(change_points)
            time_outlets = sorted(time_p["outlet"].astype(str).unique())
            time_periods = sorted(time_p["period"].unique())
            ncols = 2 if len(time_outlets) > 1 else 1
            nrows = -(-len(time_outlets) // ncols)

            def paint_time(axes: Any) -> None:
                for i, ax in enumerate(axes.flat):
                    if i >= len(time_outlets):
                        ax.set_axis_off()
                        continue
                    plot.shares_over_time(time_p, outlet=time_outlets[i], ax=ax,
                                          title=time_outlets[i], change_points=points_p)
                    _period_ticks(ax, time_periods, freq)
                    ax.tick_params(axis="x", labelsize=8, labelrotation=30)
                    legend = ax.get_legend()
                    if i == 0 and legend is not None:
                        handles, names = ax.get_legend_handles_labels()
                        ax.figure.legend(handles, names, loc="outside lower center",
                                         ncols=min(6, len(names)), fontsize=8)
                    if legend is not None:
                        legend.remove()

            figures.draw("shares_over_time", (10, 1.2 + 2.5 * nrows), paint_time,
                         nrows=nrows, ncols=ncols)
        if contexts is not None and len(contexts):
            figures.draw("distinguishing_contexts", (9, 5.5),
                         lambda axes: plot.distinguishing_words(
                             _plot_safe(contexts), ax=axes[0, 0],
                             title=f"words around '{top_two[0]}' vs '{top_two[1]}'"))
        step()

    messages = _collect_warnings(caught)
    for text in messages:
        warnings.warn(text, stacklevel=2)

    # tables
    skipped = corpus.attrs.get("skipped")
    written = {
        "mentions": mentions,
        "documents": documents,
        "sentences": analysis.sentences,
        "label_shares": shares,
        "label_shares_by_voice": shares_split,
        "voice_by_label": voice_table,
        "label_rates": rates,
        "tone_by_label": tone,
        "shares_over_time": over_time,
        "change_points": change_points,
        "distinguishing_words": words,
        "distinguishing_contexts": contexts,
        "duplicates": duplicates,
        "skipped": skipped if skipped is not None and len(skipped) else None,
    }
    for name, table in written.items():
        if table is not None:
            path = tables_dir / f"{name}.csv"
            _write_csv(pd.DataFrame(table), path)
            tables[name] = path

    page = _render(
        corpus=corpus_v,
        skipped=written["skipped"],
        lexicon=lex,
        actor=chosen,
        seed=seed,
        mentions=mentions,
        documents=documents,
        shares=shares,
        shares_split=shares_split,
        voice_pooled=voice_pooled,
        voice_table=voice_table,
        rates=rates,
        tone=tone,
        over_time=over_time,
        change_points=change_points,
        freq=freq,
        words=words,
        contexts=contexts,
        top_two=top_two,
        duplicates=duplicates,
        drop=drop,
        outlets=outlets,
        titles=titles,
        figures=figures,
        messages=messages,
    )
    html_path = out / "report.html"
    out.mkdir(parents=True, exist_ok=True)
    html_path.write_text(page, encoding="utf-8", newline="\n")
    step()
    if bar is not None:
        bar.close()
    return ReportPaths(out_dir=out, html=html_path, tables=tables, figures=dict(figures.paths))


def _render(**p: Any) -> str:
    """The report page; every corpus- or lexicon-derived string goes through ``_e``."""
    corpus: pd.DataFrame = p["corpus"]
    mentions: pd.DataFrame = p["mentions"]
    documents: pd.DataFrame = p["documents"]
    figures: _Figures = p["figures"]
    actor: str = p["actor"]
    lexicon = p["lexicon"]
    outlets: list[str] = p["outlets"]
    titles: Mapping[str, str] = p["titles"]
    drop: list[str] = p["drop"]
    seed: int = p["seed"]
    kept = mentions[~mentions["doc_id"].isin(drop)]
    sections: list[tuple[str, str, str]] = []  # (anchor, heading, body)

    # --- summary
    per_outlet = (
        documents.groupby("outlet", sort=True)
        .agg(articles=("doc_id", "size"), words=("n_words", "sum"),
             first=("date", "min"), last=("date", "max"))
        .reset_index()
    )
    m_counts = mentions.groupby("outlet").size()
    a_counts = mentions[mentions["actor"] == actor].groupby("outlet").size()
    per_outlet["mentions"] = per_outlet["outlet"].map(m_counts).fillna(0).astype("int64")
    per_outlet["actor_mentions"] = per_outlet["outlet"].map(a_counts).fillna(0).astype("int64")
    dates = corpus["date"].dropna()
    date_range = f"{_date(dates.min())} to {_date(dates.max())}" if len(dates) else "no dates"
    n_undated = int(corpus["date"].isna().sum())
    skipped = p["skipped"]
    n_skipped = 0 if skipped is None else len(skipped)
    labels_of_actor = ", ".join(lexicon.actors[actor])
    summary = [
        '<dl class="summary">',
        f"<dt>Outlets</dt><dd>{len(outlets)}</dd>",
        f"<dt>Articles</dt><dd>{len(corpus):,}</dd>",
        f"<dt>Words</dt><dd>{int(documents['n_words'].sum()):,} (article text without "
        "titles, counted by <code>mediakit.text.count_words</code>: a hyphenated compound "
        "or a number is one word, punctuation none)</dd>",
        f"<dt>Dates</dt><dd>{_e(date_range)}"
        + (f" ({n_undated} undated)" if n_undated else "") + "</dd>",
        f"<dt>Lexicon</dt><dd><b>{_e(lexicon.name)}</b>: {len(lexicon.actors)} actors, "
        f"{len(lexicon.labels)} labels, {len(lexicon.patterns)} patterns</dd>",
        f"<dt>Actor compared</dt><dd><b>{_e(actor)}</b> (labels: {_e(labels_of_actor)})</dd>",
        f"<dt>Mentions</dt><dd>{len(mentions):,} label occurrences, "
        f"{int((mentions['actor'] == actor).sum()):,} of them for {_e(actor)}</dd>",
        f"<dt>Syndicated copies</dt><dd>{len(drop)} left out of the comparisons "
        '(<a href="#duplicates">details</a>)</dd>',
        f"<dt>Skipped records</dt><dd>{n_skipped}"
        + (' (<a href="#skipped">listed below</a>)' if n_skipped else "") + "</dd>",
        "</dl>",
        _html_table(
            per_outlet,
            {"outlet": "outlet", "articles": "articles", "words": "words",
             "first": "first date", "last": "last date", "mentions": "mentions (all actors)",
             "actor_mentions": f"mentions of {actor}"},
            formats={"first": _date, "last": _date, "words": _num("{:,}")},
            numeric=["articles", "words", "mentions", "actor_mentions"],
        ),
    ]
    if n_skipped:
        summary.append('<h3 id="skipped">Skipped records</h3>')
        summary.append(
            "<p>These input records could not be loaded; nothing else was dropped "
            "(<code>tables/skipped.csv</code>).</p>"
        )
        summary.append(_html_table(pd.DataFrame(skipped),
                                   {c: c for c in pd.DataFrame(skipped).columns}))
    sections.append(("summary", "Corpus", "".join(summary)))

    # --- headline findings with KWIC evidence
    shares: pd.DataFrame = p["shares"]
    heads = _headlines(shares, outlets)
    over_time = p["over_time"]
    change_points = p["change_points"]
    shifting = {} if change_points is None else {
        str(r.outlet): r for r in change_points[change_points["significant"]].itertuples(
            index=False)
    }
    body = [
        f"<p>For each outlet, the label it uses most often for <b>{_e(actor)}</b> in its "
        "<em>own voice</em> (narration: outside quotation marks), as a share of all its "
        f"narration mentions of {_e(actor)}. The interval is a {_pct(shares.attrs['level'])} "
        "bootstrap interval from resampling the outlet's articles; syndicated copies are "
        "counted once. Below each finding, example sentences show the label in use.</p>"
    ]
    for row in heads.itertuples(index=False):
        if pd.isna(row.label):
            body.append(
                f'<div class="finding"><p><b>{_e(row.outlet)}</b> never names '
                f"{_e(actor)} with a lexicon label in its own voice.</p></div>"
            )
            continue
        ex = kept[(kept["outlet"] == row.outlet) & (kept["actor"] == actor)
                  & (kept["label"] == row.label) & (kept["voice"] == "narration")]
        forms = ex["match"].astype(str).str.lower().value_counts()
        forms = forms.sort_index(kind="stable").sort_values(ascending=False, kind="stable")
        written = ", ".join(f"“{_e(f)}” ({n})" for f, n in forms.head(4).items())
        body.append(
            f'<div class="finding"><p><b>{_e(row.outlet)}</b> most often says '
            f"<b>“{_e(row.label)}”</b>: {_pct(row.share)} of its {row.total} narration "
            f"mentions ({_e(_interval(row.lo, row.hi, _pct))} interval; {row.n} mentions "
            f"in {row.n_docs} of {row.group_docs} articles).</p>"
            f'<p class="meta">Written as {written}.</p>'
        )
        body.append(_kwic_list(_examples(ex, _KWIC_EXAMPLES), titles))
        if row.outlet in shifting:
            cp = shifting[row.outlet]
            body.append(
                f"<p><b>Its wording changes</b> around {_e(_date(cp.change_date))}: most "
                f"used label “{_e(cp.top_before)}” before, “{_e(cp.top_after)}” after "
                f"(permutation p = {cp.p_value:.3f}); see "
                '<a href="#time">Change over time</a>.</p>'
            )
        body.append("</div>")
    sections.append(("findings", f"Headline findings: how each outlet names {actor}",
                     "".join(body)))

    share_cols = {"outlet": "outlet", "label": "label", "n": "mentions", "share": "share",
                  "interval": "interval", "n_docs": "articles using it",
                  "group_docs": "articles mentioning the actor"}
    shares_view = shares.assign(interval=[_interval(a, b, _pct) for a, b in
                                          zip(shares["lo"], shares["hi"])])
    shares_view = shares_view[shares_view["n"] > 0]
    sections.append((
        "shares", "Label shares",
        "<p>The whole label mix per outlet (narration only; labels an outlet never uses "
        "are in <code>tables/label_shares.csv</code> with zero counts). Whiskers show the "
        "bootstrap interval of each segment.</p>"
        + figures.img("label_shares", f"Label shares of {actor} per outlet, narration")
        + _details("Table: every outlet and label in use",
                   _html_table(shares_view, share_cols, formats={"share": _pct},
                               numeric=["n", "share", "n_docs", "group_docs"])),
    ))

    # --- narration vs quotes
    voice_pooled: pd.DataFrame = p["voice_pooled"]
    voice_table: pd.DataFrame = p["voice_table"]
    vcols = {"label": "label", "n": "mentions", "narration": "narration", "quote": "quote",
             "scare_quote": "scare quote", "quoted_share": "inside quotes",
             "top_speakers": "top quoted speakers"}
    body = [
        "<p>Whose word is it? A label inside a direct quotation is the speaker's word, "
        "not the outlet's; a label in scare quotes is held at a distance. For each label: "
        "how many mentions sit in the outlet's narration, in quotes and in scare quotes, "
        "and who is quoted using it most (all outlets pooled).</p>",
        _html_table(voice_pooled, vcols, formats={"quoted_share": _pct},
                    numeric=["n", "narration", "quote", "scare_quote", "quoted_share"]),
        figures.img("label_shares_by_voice", f"Label shares of {actor} per outlet and voice"),
        _details("Table: the same per outlet",
                 _html_table(voice_table, {"outlet": "outlet", **vcols},
                             formats={"quoted_share": _pct},
                             numeric=["n", "narration", "quote", "scare_quote",
                                      "quoted_share"])),
    ]
    sections.append(("voice", "Narration and quotes: whose word is it?", "".join(body)))

    # --- rates
    rates: pd.DataFrame = p["rates"]
    rates_view = rates.assign(
        interval=[_interval(a, b, _num("{:.2f}")) for a, b in zip(rates["lo"], rates["hi"])]
    )
    rates_view = rates_view[rates_view["n"] > 0]
    sections.append((
        "rates", "How often: mentions per 1,000 words",
        "<p>Shares say how an outlet splits its mentions; rates say how often it uses each "
        "label at all, per 1,000 words of all its articles (narration only).</p>"
        + figures.img("label_rates", f"Mentions of {actor} per 1,000 words")
        + _details("Table: rates with intervals",
                   _html_table(rates_view, {"outlet": "outlet", "label": "label",
                                            "n": "mentions", "n_words": "words",
                                            "per_1000": "per 1,000 words",
                                            "interval": "interval"},
                               formats={"per_1000": _num("{:.2f}"), "n_words": _num("{:,}")},
                               numeric=["n", "n_words", "per_1000"])),
    ))

    # --- tone
    tone: pd.DataFrame = p["tone"]
    tone_view = tone.assign(
        interval=[_interval(a, b, _num("{:+.2f}")) for a, b in zip(tone["lo"], tone["hi"])]
    )
    tone_view = tone_view[tone_view["n"] > 0]
    sections.append((
        "tone", "Tone around each label (masked)",
        '<div class="caveat"><p><b>Read with care.</b> Tone is VADER\'s compound score '
        "(−1 to +1) of the sentence holding the mention, with every lexicon term replaced "
        "by a neutral word first, so “terrorists” (−3.1 in VADER's word list) does not "
        "decide the tone by itself. VADER agrees only moderately with people on news "
        "sentences (correlation about 0.5), misses irony and sarcasm, and scores reported "
        "violence as negative whoever reports it. Differences of a few hundredths mean "
        "nothing; read the sentences behind any number (<code>tables/mentions.csv</code>, "
        "column <code>compound_masked</code>).</p></div>"
        + figures.img("tone_by_label", f"Mean masked tone around {actor} labels, narration")
        + _details("Table: mean tone with intervals",
                   _html_table(tone_view, {"outlet": "outlet", "label": "label",
                                           "n": "mentions", "n_docs": "articles",
                                           "mean": "mean tone", "interval": "interval"},
                               formats={"mean": _num("{:+.2f}")},
                               numeric=["n", "n_docs", "mean"])),
    ))

    # --- over time
    parts_time: list[str] = []
    if change_points is None:
        parts_time.append("<p>The articles have no dates: labels cannot be followed over "
                          "time.</p>")
    else:
        cp_view = change_points.assign(
            between=[
                "" if pd.isna(a) else f"{_date(a)} → {_date(b)}"
                for a, b in zip(change_points["last_before"], change_points["change_date"])
            ],
            shift=[
                "" if pd.isna(a) else (f"{a} → {b}" if a != b else f"{a} (same)")
                for a, b in zip(change_points["top_before"], change_points["top_after"])
            ],
            verdict=[
                "too few dated articles" if pd.isna(pv) else
                ("significant" if sig else "not significant")
                for pv, sig in zip(change_points["p_value"], change_points["significant"])
            ],
        )
        cp_rule = change_points.attrs
        parts_time.append(
            "<p>Does an outlet change its wording? For each outlet, its dated articles "
            "are put in order and split at every date with at least "
            f"{cp_rule['min_docs']} articles on each side; the change point is the split "
            "where the label mix before and after differs most (total variation "
            "distance, 0 to 1, narration). Since the best of many splits always shows "
            "some difference, the p-value comes from shuffling the articles' order "
            f"{cp_rule['n_perm']:,} times (seed {int(cp_rule['seed'])}): how often a "
            "shuffled order gives as large a best difference. Significant means "
            f"p &lt; {_g(cp_rule['alpha'])}; with many outlets, about {_pct(cp_rule['alpha'])} "
            "of steady outlets come out significant by chance.</p>"
            + _html_table(cp_view, {"outlet": "outlet", "n_docs": "articles",
                                    "between": "change between", "shift":
                                    "most used label: before → after",
                                    "n_before": "mentions before", "n_after": "after",
                                    "tvd": "distance", "p_value": "p-value",
                                    "verdict": "verdict"},
                          formats={"tvd": _num("{:.2f}"), "p_value": _num("{:.3f}")},
                          numeric=["n_docs", "n_before", "n_after", "tvd", "p_value"])
        )
    if over_time is None:
        if change_points is not None:
            parts_time.append("<p>The dates span a single period: no shares over time.</p>")
    else:
        period_name = {"W": "week", "M": "month", "Q": "quarter"}[p["freq"]]
        rule = over_time.attrs  # the change rule label_shares_over_time applied
        flags = (
            over_time[over_time["change_flag"]]
            .drop_duplicates(["outlet", "period"])
            .sort_values(["outlet", "period"], kind="stable")
        )
        flag_rows = []
        for row in flags.itertuples(index=False):
            here = over_time[(over_time["outlet"] == row.outlet)
                             & (over_time["period"] == row.period) & (over_time["n"] > 0)]
            mix = ", ".join(f"{lb} {_pct(s)}" for lb, s in
                            here.sort_values("share", ascending=False,
                                             kind="stable")[["label", "share"]].itertuples(
                                                 index=False))
            flag_rows.append({"outlet": row.outlet, "period": row.period,
                              "n_period": row.n_period, "tvd": row.tvd, "mix": mix})
        flag_table = pd.DataFrame(flag_rows, columns=["outlet", "period", "n_period", "tvd", "mix"])
        parts_time.append(
            f"<h3>Label shares per {period_name}</h3>"
            f"<p>Each outlet's label shares per {period_name} (narration; {period_name}s "
            f"because that is the shortest period, of week, month and quarter, in which a "
            f"typical outlet has {_TIME_MIN_N} or more mentions). A solid line marks a "
            "significant change point. A dashed line flags a "
            f"{period_name} whose mix differs from the preceding ones: a total variation "
            f"distance of at least {_g(rule['threshold'])} from the pooled mix of the "
            f"{rule['baseline']} {period_name}s before it, a permutation p-value "
            f"(articles reshuffled {rule['n_perm']:,} times) below {_g(rule['alpha'])}, "
            f"and at least {rule['min_n']} mentions on each side. With many "
            f"{period_name}s, about {_pct(rule['alpha'])} of steady ones are flagged by "
            "chance: a screen for where to read, not proof of a change.</p>"
            + figures.img("shares_over_time", f"Label shares of {actor} per {period_name}")
        )
        if flag_rows:
            parts_time.append(
                f"<h3>Flagged {period_name}s</h3>"
                + _html_table(flag_table, {"outlet": "outlet",
                                           "period": f"{period_name} from",
                                           "n_period": "mentions", "tvd": "distance",
                                           "mix": "label mix in that period"},
                              formats={"period": _date, "tvd": _num("{:.2f}")},
                              numeric=["n_period", "tvd"])
            )
        else:
            parts_time.append(f"<p>No {period_name} is flagged by the screen.</p>")
    body = "".join(parts_time)
    sections.append(("time", "Change over time", body))

    # --- distinguishing words
    words = p["words"]
    if words is None:
        body = "<p>Only one outlet: there is nothing to compare its vocabulary with.</p>"
    else:
        rows = []
        for outlet in outlets:
            w = words[words["a"] == outlet]
            more = w[w["z"] > _Z_CUTOFF].sort_values("z", ascending=False, kind="stable")
            less = w[w["z"] < -_Z_CUTOFF].sort_values("z", kind="stable")
            rows.append({
                "outlet": outlet,
                "more": ", ".join(f"{x} ({z:.1f})" for x, z in
                                  more[["word", "z"]].head(_TOP_WORDS).itertuples(index=False)),
                "less": ", ".join(f"{x} ({z:.1f})" for x, z in
                                  less[["word", "z"]].head(_TOP_WORDS).itertuples(index=False)),
            })
        word_rows = pd.DataFrame(rows)
        word_cols = {"outlet": "outlet", "more": "uses more", "less": "uses less"}
        if not (word_rows["less"] != "").any():
            del word_cols["less"]  # the prior shrinks rare words: often none is below -_Z_CUTOFF
        body = (
            "<p>Words each outlet uses more (or less) than all the other outlets together: "
            "log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi &amp; Quinn "
            "2008), z-score in brackets, common function words left out; only "
            f"|z| &gt; {_Z_CUTOFF} listed, top {_TOP_WORDS} each way. Full lists: "
            "<code>tables/distinguishing_words.csv</code>.</p>"
            + _html_table(word_rows, word_cols)
        )
    sections.append(("words", "Distinguishing words", body))

    contexts = p["contexts"]
    top_two = p["top_two"]
    if contexts is None:
        body = f"<p>{_e(actor)} has fewer than two labels in use: no contrast to draw.</p>"
    else:
        a_side = contexts[contexts["z"] > 0].sort_values("z", ascending=False, kind="stable")
        b_side = contexts[contexts["z"] < 0].sort_values("z", kind="stable")
        view = pd.DataFrame({
            "a_word": list(a_side["word"].head(10)) + [""] * max(0, 10 - len(a_side.head(10))),
            "a_z": list(a_side["z"].head(10)) + [float("nan")] * max(0, 10 - len(a_side.head(10))),
            "b_word": list(b_side["word"].head(10)) + [""] * max(0, 10 - len(b_side.head(10))),
            "b_z": list(b_side["z"].head(10)) + [float("nan")] * max(0, 10 - len(b_side.head(10))),
        })
        view = view[(view["a_word"] != "") | (view["b_word"] != "")]
        body = (
            f"<p>The two most frequent labels of {_e(actor)} are “{_e(top_two[0])}” and "
            f"“{_e(top_two[1])}”. Which words share a sentence with one rather than the "
            "other (every voice, all outlets; the labels' own words left out)? Same "
            "log-odds statistic as above; z-scores shown.</p>"
            + ("" if (contexts["z"].abs() > _Z_CUTOFF).any() else
               f"<p>No word reaches |z| &gt; {_Z_CUTOFF}: the two labels' contexts do not differ "
               "reliably in this corpus; the words below are the strongest leanings.</p>")
            + figures.img("distinguishing_contexts",
                          f"Words around {top_two[0]} against {top_two[1]}")
            + _html_table(view, {"a_word": f"near “{top_two[0]}”", "a_z": "z",
                                 "b_word": f"near “{top_two[1]}”", "b_z": "z"},
                          formats={"a_z": _num("{:+.1f}"), "b_z": _num("{:+.1f}")},
                          numeric=["a_z", "b_z"])
        )
    sections.append(("contexts", "Distinguishing contexts of two labels", body))

    # --- duplicates
    duplicates: pd.DataFrame = p["duplicates"]
    groups = duplicates[duplicates["group_size"] > 1].copy()
    if groups.empty:
        body = (
            f"<p>No near-identical articles were found ({duplicates.attrs['shingle']}-word "
            "shingles, Jaccard similarity of at least "
            f"{_g(duplicates.attrs['threshold'])}), so every article counts once.</p>"
        )
    else:
        groups["title"] = groups["doc_id"].map(titles)
        groups["handling"] = groups["is_representative"].map(
            {True: "kept (earliest copy)", False: "left out of comparisons"}
        )
        body = (
            f"<p>{_plural(groups['duplicate_group'].nunique(), 'group')} of near-identical articles "
            "(syndicated wire copy or republished stories: "
            f"{duplicates.attrs['shingle']}-word shingles, Jaccard similarity of at least "
            f"{_g(duplicates.attrs['threshold'])}). Counting every copy would "
            "credit one agency's wording to several outlets, so each comparison above keeps "
            "the earliest copy and leaves out the others; the mentions, documents and "
            "sentences tables keep them all.</p>"
            + _html_table(groups, {"duplicate_group": "group", "outlet": "outlet",
                                   "date": "date", "title": "title", "doc_id": "article",
                                   "similarity": "similarity", "handling": "handling"},
                          formats={"date": _date, "similarity": _num("{:.2f}")},
                          numeric=["duplicate_group", "similarity"])
        )
    sections.append(("duplicates", "Syndicated copies", body))

    # --- method notes
    messages: list[str] = p["messages"]
    notes = [
        "<h3>How mentions are found</h3><ul>",
        f"<li>Lexicon <b>{_e(lexicon.name)}</b>: each actor has competing labels, each a "
        "list of case-insensitive token patterns (<code>terrorist*</code>, "
        "<code>opposition forces</code>). Where patterns overlap the longest match wins "
        "and no stretch of text is counted twice. A lexicon is a choice a researcher "
        "makes; check what it misses with <code>mediakit audit</code>.</li>",
        "<li>Voice: a label inside a direct quotation (straight or curly quotes, "
        "including quotes running over paragraphs) is a <em>quote</em>; a short quoted "
        "term such as the so-called “rebels” is a <em>scare quote</em>; everything else "
        "is <em>narration</em>, the outlet's own words. A match only partly inside quotes "
        "counts as narration. The speaker is taken from attributions in the sentence "
        "(“…, the minister said”, “according to …”) and left empty when none is found.</li>",
        "</ul><h3>How uncertainty is measured</h3><ul>",
        f"<li>Intervals are {_pct(shares.attrs['level'])} percentile bootstrap intervals "
        f"with {shares.attrs['n_boot']:,} replicates"
        + ("" if over_time is None else
           f" ({over_time.attrs['n_boot']:,} for the periods over time)")
        + ", resampling <em>articles</em> within each outlet, never single words, because "
        f"the words of one article are not independent. Seed {int(shares.attrs['seed'])}: "
        "rerunning gives the same numbers.</li>",
        "<li>A wide interval means the share rests on few articles. Two outlets whose "
        "intervals overlap heavily may not differ at all.</li>",
        "</ul><h3>Tone</h3><ul>",
        "<li>VADER (vaderSentiment 3.3.2) scores each sentence separately, never a whole "
        "article. Its agreement with human ratings on news text is moderate (r about 0.5 "
        "in its authors' evaluation). Tone by label is <em>masked</em>: every lexicon "
        "term is replaced by a neutral word before scoring, so the result reflects the "
        "surrounding words, not the label's own valence.</li>",
        "</ul><h3>What cannot be concluded</h3><ul>",
        "<li>Label shares describe word choice in <em>these</em> articles. They say "
        "nothing about outlets' output beyond the corpus unless the articles were sampled "
        "to represent it, and nothing about whether a label is accurate.</li>",
        "<li>A label in a quote is the speaker's choice; the outlet chose to quote it. "
        "Neither count alone is the outlet's stance.</li>",
        "<li>Tone scores are rough signals over many mentions, not measurements of bias; "
        "distinguishing words show vocabulary differences, not intent.</li>",
        "<li>A significant change point says the wording before and after a date "
        "differs more than a random order of the same articles would; it does not say "
        "why (an event, a new editor, a changed story mix). Flagged periods mark where "
        "to read, not proven shifts.</li>",
        "</ul>",
    ]
    if messages:
        notes.append("<h3>Warnings raised during the analysis</h3><ul>")
        notes.extend(f"<li>{_e(m)}</li>" for m in messages)
        notes.append("</ul>")
    notes.append('<h3>Files</h3><p class="files">Every table shown is in '
                 "<code>tables/</code> as CSV (full, including zero rows), every figure in "
                 "<code>figures/</code> as PNG:</p><ul class=\"files\">")
    notes.extend(f"<li><code>tables/{_e(name)}.csv</code>: {_e(desc)}</li>"
                 for name, desc in TABLE_FILES.items())
    notes.append("</ul>")
    sections.append(("method", "Method notes and caveats", "".join(notes)))

    toc = "".join(f'<li><a href="#{a}">{_e(h)}</a></li>' for a, h, _ in sections)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>mediakit report: {_e(actor)} in {len(outlets)} outlets</title>",
        f"<style>{_CSS}</style></head><body><main>",
        f"<h1>How {len(outlets)} outlets name <i>{_e(actor)}</i></h1>",
        f'<p class="lead">mediakit report on {len(corpus):,} articles, {_e(date_range)}, '
        f"lexicon <b>{_e(lexicon.name)}</b>.</p>",
        f'<nav><b>Contents</b><ol>{toc}</ol></nav>',
    ]
    for anchor, heading, body_html in sections:
        parts.append(f'<section id="{anchor}"><h2>{_e(heading)}</h2>{body_html}</section>')
    parts.append("</main></body></html>\n")
    return "\n".join(parts)
