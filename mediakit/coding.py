"""How far to trust the numbers: coding sheets, human codes, accuracy and agreement.

Content analysts validate automated counts before publishing them: they draw a sample,
have people code it, and report accuracy with intervals and the agreement between
coders. This module is that workflow for mediakit's own answers (issue 15).

1. :func:`coding_sheet` draws a reproducible, stratified sample of label mentions
   (``unit="mention"``) or quotations (``unit="quote"``) from an analysis, one row
   per item with its context marked ``[[like this]]``, mediakit's answers and an empty
   ``coded_*`` column next to each answer.
2. :func:`write_coding_sheet` writes it as CSV (spreadsheet-safe, with the
   instructions and the allowed values in a ``#`` comment block above the header) or
   as XLSX (instruction sheet, wrapped context, drop-down lists) for coders.
3. :func:`read_coding` reads a coded sheet back, checks every code against the
   allowed values and names the file, row and column of anything wrong.
4. :func:`validation_report` compares the codes with mediakit's answers: accuracy per
   field, precision, recall and F1 per class, with 95% intervals.
5. :func:`krippendorff_alpha` and :func:`alpha_by_field` measure agreement between
   coders (Krippendorff's alpha, computed here from its published definition).

Vocabulary of the codes
    ``coded_voice``: ``narration`` | ``quote`` | ``scare_quote`` (as
    :data:`mediakit.voice.VOICES`). ``coded_speaker``: free text, the person or body
    whose words these are; ``none`` when there is none. ``coded_referent``: an actor
    of the lexicon or ``none``. ``coded_label``: a label of the lexicon or ``none``
    (the word is no label of this lexicon). ``coded_in_scope``: ``yes`` | ``no``. A
    blank cell means "not coded": it is counted in ``n_uncoded``, never as a
    disagreement. mediakit's own answers are written in the same vocabulary (a
    missing speaker or referent as ``none``).
"""

from __future__ import annotations

import csv
import difflib
import heapq
import importlib
import io
import math
import os
import re
import unicodedata
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from numbers import Integral, Real
from pathlib import Path
from statistics import NormalDist
from typing import Any, Literal

import numpy as np
import pandas as pd

from ._io import atomic_path, atomic_write_text, unescape_cell, write_table_csv
from ._validation import Interval, Options, check_table, validate_params
from .errors import CorpusError, MediakitError, MissingColumnsError
from .voice import VOICES

__all__ = [
    "NOT_APPLICABLE",
    "QUOTE_MIN_JACCARD",
    "UNITS",
    "CodingError",
    "alpha_by_field",
    "coding_sheet",
    "krippendorff_alpha",
    "load_sample_coding",
    "read_coding",
    "validation_report",
    "write_coding_sheet",
]

UNITS: tuple[str, ...] = ("mention", "quote")
#: The code for "there is none": no speaker, no referent, no label of the lexicon.
NOT_APPLICABLE = "none"
_YES_NO: tuple[str, ...] = ("yes", "no")

# The fields a coder checks, per unit, in sheet order.
_FIELDS: dict[str, tuple[str, ...]] = {
    "mention": ("voice", "speaker", "referent", "label", "in_scope"),
    "quote": ("voice", "speaker"),
}
_ALL_FIELDS: tuple[str, ...] = ("voice", "speaker", "referent", "label", "in_scope")
# Fields with a closed list of values (per-class precision and recall apply).
_CLOSED_FIELDS: tuple[str, ...] = ("voice", "referent", "label", "in_scope")
# How mediakit found its answer, shown beside the answers (never on a blind sheet).
# The columns of find_quotes that say how a speaker was found.
_EXPLANATION_COLUMNS: tuple[str, ...] = ("rule", "cue", "speaker_text", "resolved_via")
_KEY_COLUMNS: tuple[str, ...] = ("item_id", "unit", "doc_id", "start", "end")
_DEFAULT_STRATA: dict[str, tuple[str, ...]] = {
    "mention": ("outlet", "label"),
    "quote": ("outlet", "voice"),
}
_DEFAULT_CONTEXT_CHARS: dict[str, int] = {"mention": 250, "quote": 400}
# A marked item longer than this shows its head and tail around " … ".
_MAX_MARKED_CHARS = 1200
_MAX_LISTED_PROBLEMS = 20
_SHEET_NAME = "coding"
_INSTRUCTIONS_NAME = "instructions"
_ALLOWED_NAME = "allowed"
_ALLOWED_PREFIX = "# allowed "


class CodingError(MediakitError, ValueError):
    """A coding sheet, a code in it, or agreement data is unusable.

    ``file``, ``row`` and ``column`` say where the (first) problem is; each may be
    None when it does not apply. ``row`` is the row a spreadsheet shows for a file
    (comment lines and the header counted), and the 1-based data row for a
    DataFrame. ``problems`` lists every problem found as ``(row, column, message)``.
    """

    def __init__(
        self,
        reason: str,
        *,
        file: str | None = None,
        row: int | None = None,
        column: str | None = None,
        problems: Sequence[tuple[int | None, str | None, str]] = (),
    ) -> None:
        self.reason = reason
        self.file = file
        self.row = row
        self.column = column
        self.problems = tuple(problems)
        super().__init__(self._format())

    def _format(self) -> str:
        # "file, row R, column 'C': reason", worded as corpus errors are.
        return CorpusError._format(self)  # type: ignore[arg-type]


# ------------------------------------------------------------------------- helpers


def _str_series(values: Iterable[Any], index: pd.Index | None = None) -> pd.Series:
    """Text column with blanks as NA (a blank cell and a missing one mean the same)."""
    out = [None if _is_blank(v) else str(v) for v in values]
    return pd.Series(out, dtype="str", index=index)


def _is_blank(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _coded_dtype(allowed: Sequence[str]) -> pd.CategoricalDtype:
    return pd.CategoricalDtype(pd.Index(list(allowed), dtype="str"), ordered=False)


def _as_int(value: Any) -> int | None:
    if isinstance(value, (bool, np.bool_)):
        return None
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)) and float(value).is_integer():
        return int(value)
    if isinstance(value, str) and re.fullmatch(r"\s*\d+\s*", value):
        return int(value)
    return None


def _yes_no(value: Any) -> str | None:
    """mediakit's scope answer (bool or text) as ``yes``/``no``; None when unknown."""
    if _is_blank(value):
        return None
    if isinstance(value, (bool, np.bool_)):
        return "yes" if value else "no"
    text = str(value).strip().lower()
    if text in ("yes", "true", "in", "1", "in_scope"):
        return "yes"
    if text in ("no", "false", "out", "0", "out_of_scope"):
        return "no"
    return None


# ------------------------------------------------------------------- the population


@dataclass(frozen=True)
class _Population:
    """Every item of one unit with mediakit's answers in the coding vocabulary."""

    items: pd.DataFrame  # doc_id, outlet, start, end, match?, answers, explanations, rest
    fields: tuple[str, ...]  # the answer fields present
    explanations: tuple[str, ...]
    allowed: dict[str, tuple[str, ...]]
    texts: dict[str, str] | None  # doc_id -> article text, when the corpus is known


def _is_analysis(obj: Any) -> bool:
    from .analysis import Analysis

    return isinstance(obj, Analysis)


def _table_kind(table: pd.DataFrame) -> str:
    if "label" in table.columns:
        return "mention"
    if "quote_id" in table.columns or ("voice" in table.columns and "label" not in table.columns):
        return "quote"
    raise CodingError(
        "the table is neither a mentions table (with a 'label' column) nor a quotes table "
        f"(from find_quotes, with 'quote_id'); it has {list(table.columns)}"
    )


def _texts_of(corpus: pd.DataFrame | None, *, caller: str) -> dict[str, str] | None:
    if corpus is None:
        return None
    check_table(corpus, ("doc_id", "text"), caller=caller, table_name="corpus")
    return {
        str(d): ("" if _is_blank(t) else str(t))
        for d, t in zip(corpus["doc_id"].tolist(), corpus["text"].tolist())
    }


def _lexicon_allowed(lexicon: Any) -> dict[str, tuple[str, ...]]:
    actors = getattr(lexicon, "actors", None)
    if not isinstance(actors, Mapping):
        return {}
    labels: dict[str, None] = {}
    for actor_labels in actors.values():
        for label in actor_labels:
            labels[str(label)] = None
    return {
        "referent": (*map(str, actors), NOT_APPLICABLE),
        "label": (*labels, NOT_APPLICABLE),
    }


def _population(
    result: Any,
    unit: str,
    *,
    corpus: pd.DataFrame | None = None,
    caller: str,
) -> _Population:
    """The items of ``unit`` in ``result`` (an Analysis, a mentions or a quotes table)."""
    table, corpus, lexicon = _unit_table(result, unit, corpus=corpus, caller=caller)
    check_table(table, ("doc_id", "start", "end", "voice"), caller=caller, table_name=f"{unit}s")
    texts = _texts_of(corpus, caller=caller)
    items: dict[str, Any] = {
        "doc_id": _str_series(table["doc_id"].tolist()),
        "start": pd.Series(table["start"].to_numpy(dtype="int64"), dtype="int64"),
        "end": pd.Series(table["end"].to_numpy(dtype="int64"), dtype="int64"),
    }
    items["outlet"] = _outlets(table, corpus, items["doc_id"])
    if unit == "mention" and "match" in table.columns:
        items["match"] = _str_series(table["match"].tolist())
    fields = _add_answers(items, table, unit)
    explanations = tuple(c for c in _EXPLANATION_COLUMNS if c in table.columns)
    for column in explanations:
        items[column] = _str_series(table[column].tolist())
    # Any further column may serve to stratify (actor, date, sentence_id ...).
    for column in table.columns:
        if column not in items and column not in ("text", "sentence_masked"):
            items[column] = table[column].reset_index(drop=True)
    if texts is None and unit == "mention" and {"sentence", "sentence_start"} <= set(table.columns):
        items["sentence"] = _str_series(table["sentence"].tolist())
        items["sentence_start"] = pd.Series(table["sentence_start"].to_numpy(dtype="int64"))
    allowed = _allowed_values(table, unit, lexicon)
    return _Population(pd.DataFrame(items), fields, explanations, allowed, texts)


def _unit_table(
    result: Any, unit: str, *, corpus: pd.DataFrame | None, caller: str
) -> tuple[pd.DataFrame, pd.DataFrame | None, Any]:
    """The mentions or quotes table of ``result``, its corpus (if known) and lexicon."""
    from .voice import find_quotes

    if _is_analysis(result):
        if corpus is not None:
            raise TypeError(
                f"{caller}: corpus= is only needed with a table; an Analysis holds its corpus"
            )
        table = result.mentions if unit == "mention" else find_quotes(result.corpus)
        return table, result.corpus, result.lexicon
    if isinstance(result, pd.DataFrame):
        kind = _table_kind(result)
        if kind != unit:
            raise CodingError(
                f"{caller}: unit={unit!r} needs a {unit}s table or an Analysis, but the "
                f"result is a {kind}s table"
            )
        return result, corpus, None
    raise TypeError(
        f"{caller}: result must be an Analysis, a mentions table or a quotes table, "
        f"got {type(result).__name__}"
    )


def _outlets(table: pd.DataFrame, corpus: pd.DataFrame | None, doc_ids: pd.Series) -> pd.Series:
    """Each item's outlet: the table's column, else the corpus's, else missing."""
    if "outlet" in table.columns:
        return _str_series(table["outlet"].tolist())
    if corpus is not None and "outlet" in corpus.columns:
        outlets = dict(zip(corpus["doc_id"].astype(str).tolist(), corpus["outlet"].tolist()))
        return _str_series(outlets.get(d) for d in doc_ids.tolist())
    return _str_series([None] * len(doc_ids))


def _add_answers(items: dict[str, Any], table: pd.DataFrame, unit: str) -> tuple[str, ...]:
    """Put mediakit's answers into ``items`` in the coding vocabulary; the fields found."""
    fields: list[str] = []
    for field in _FIELDS[unit]:
        if field not in table.columns:
            continue
        values = table[field].tolist()
        if field in ("speaker", "referent"):
            items[field] = _str_series(NOT_APPLICABLE if _is_blank(v) else v for v in values)
        elif field == "in_scope":
            items[field] = _str_series(_yes_no(v) for v in values)
        else:
            items[field] = _str_series(values)
        fields.append(field)
    return tuple(fields)


def _allowed_values(table: pd.DataFrame, unit: str, lexicon: Any) -> dict[str, tuple[str, ...]]:
    """Allowed codes per closed field: the lexicon's, plus any value the table holds."""
    allowed: dict[str, tuple[str, ...]] = {"voice": VOICES, "in_scope": _YES_NO}
    allowed.update(_lexicon_allowed(lexicon))
    if unit != "mention":
        return allowed
    seen_actors = {
        str(v)
        for c in ("actor", "referent")
        if c in table.columns
        for v in table[c].dropna().tolist()
    }
    seen_labels = {str(v) for v in table["label"].dropna().tolist()}
    for field, seen in (("referent", seen_actors), ("label", seen_labels)):
        known = allowed.get(field, (NOT_APPLICABLE,))
        extra = sorted(seen - set(known))
        allowed[field] = (*[k for k in known if k != NOT_APPLICABLE], *extra, NOT_APPLICABLE)
    return allowed


# ------------------------------------------------------------------------ sampling


def _allocate(sizes: Sequence[int], n: int, minimum: int) -> list[int]:
    """Items drawn per stratum: a minimum each, then as proportional as possible.

    Every stratum first gets ``min(size, minimum)`` items; each further item goes to
    the stratum furthest below its proportional share ``n * size / total`` that still
    has items left (ties: the larger stratum, then the earlier one).
    """
    total = sum(sizes)
    if n >= total:
        return list(sizes)
    alloc = [min(size, minimum) for size in sizes]
    if sum(alloc) > n:
        raise CodingError(
            f"n={n} is too small to draw {minimum} item(s) from each of the {len(sizes)} "
            f"strata ({sum(alloc)} needed); raise n, lower min_per_stratum or stratify "
            "by fewer columns"
        )
    heap = [
        (-(n * size / total - alloc[k]), -size, k)
        for k, size in enumerate(sizes)
        if alloc[k] < size
    ]
    heapq.heapify(heap)
    for _ in range(n - sum(alloc)):
        _, neg_size, k = heapq.heappop(heap)
        alloc[k] += 1
        if alloc[k] < sizes[k]:
            heapq.heappush(heap, (-(n * sizes[k] / total - alloc[k]), neg_size, k))
    return alloc


# ------------------------------------------------------------------------- context

_PARAGRAPH_RE = re.compile(r"\s*\n\s*\n\s*")
_SPACE_RE = re.compile(r"\s+")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _clean(text: str) -> str:
    """One line: paragraph breaks as ' ¶ ', other whitespace runs as one space,
    control characters as U+FFFD (they cannot be stored in XLSX)."""
    text = _CONTROL_RE.sub("\ufffd", text)
    text = _PARAGRAPH_RE.sub(" \u00b6 ", text)
    return _SPACE_RE.sub(" ", text)


def _excerpt(text: str, start: int, end: int, chars: int) -> str:
    """``text`` around ``[start, end)`` with the item marked ``[[...]]``."""
    lo = max(0, start - chars)
    hi = min(len(text), end + chars)
    head = tail = ""
    if lo > 0:
        cut = re.search(r"\s", text[lo:start])
        lo = lo + cut.end() if cut else start
        head = "\u2026 "
    if hi < len(text):
        cut = None
        for cut in re.finditer(r"\s", text[end:hi]):  # noqa: B007 (the last one is wanted)
            pass
        hi = end + cut.start() if cut else end
        tail = " \u2026"
    inner = text[start:end]
    if len(inner) > _MAX_MARKED_CHARS:
        half = _MAX_MARKED_CHARS // 2
        inner = f"{inner[:half]} \u2026 {inner[-half:]}"
    before = _clean(text[lo:start])
    after = _clean(text[end:hi])
    return f"{head}{before}[[{_clean(inner).strip()}]]{after}{tail}".strip()


def _contexts(pop: _Population, rows: pd.DataFrame, chars: int, unit: str) -> list[str]:
    out: list[str] = []
    doc_ids = [str(d) for d in rows["doc_id"].tolist()]
    starts = [int(v) for v in rows["start"].tolist()]
    ends = [int(v) for v in rows["end"].tolist()]
    if pop.texts is None:
        sentences = [str(v) for v in rows["sentence"].tolist()]
        offsets = [int(v) for v in rows["sentence_start"].tolist()]
    for k, (doc_id, start, end) in enumerate(zip(doc_ids, starts, ends)):
        if pop.texts is not None:
            if doc_id not in pop.texts:
                raise CodingError(f"doc_id {doc_id!r} of the {unit}s is not in the corpus")
            text = pop.texts[doc_id]
            if not (0 <= start <= end <= len(text)):
                raise CodingError(
                    f"the {unit} at {start}-{end} lies outside article {doc_id!r} "
                    f"({len(text)} characters): is this the corpus it was found in?"
                )
            out.append(_excerpt(text, start, end, chars))
        else:
            offset = offsets[k]
            out.append(_excerpt(sentences[k], start - offset, end - offset, chars))
    return out


# -------------------------------------------------------------------- coding_sheet


@validate_params(
    {
        "n": [Interval(Integral, 1, None)],
        "unit": [Options(UNITS)],
        "seed": [Interval(Integral, 0, None)],
        "blind": [bool],
        "context_chars": [Interval(Integral, 0, None), None],
        "min_per_stratum": [Interval(Integral, 0, None)],
    }
)
def coding_sheet(
    result: Any,
    *,
    n: int = 200,
    unit: Literal["mention", "quote"] = "mention",
    stratify: str | Sequence[str] | None = None,
    seed: int = 0,
    blind: bool = False,
    context_chars: int | None = None,
    min_per_stratum: int = 1,
    corpus: pd.DataFrame | None = None,
    allowed: Mapping[str, Sequence[str]] | None = None,
) -> pd.DataFrame:
    """Draw a reproducible, stratified sample of items for people to code by hand.

    Parameters
    ----------
    result : Analysis or pandas.DataFrame
        An :class:`mediakit.Analysis` (mentions and, for quotations, its corpus), a
        mentions table (:func:`mediakit.find_mentions`) or a quotes table
        (:func:`mediakit.find_quotes`). It is not modified.
    n : int, default 200
        Items to draw (all of them when there are fewer).
    unit : {"mention", "quote"}, default "mention"
        Label mentions, or quotations (direct quotes and scare quotes).
    stratify : str, sequence of str or None
        Columns whose combinations are the strata. None uses ``("outlet", "label")``
        for mentions and ``("outlet", "voice")`` for quotations; ``()`` draws a simple
        random sample. Any column of the mentions or quotes table may be used.
    seed : int, default 0
        The same seed on the same result always gives the same sheet, in any row
        order of the input.
    blind : bool, default False
        Leave mediakit's answers (and how it found them) out of the sheet, so coders
        are not anchored by them. Recommended for every sheet whose codes will be
        published; :func:`validation_report` then takes mediakit's answers from the
        result (``validation_report(coded, result)``).
    context_chars : int, optional
        Characters of context on each side of the item (cut at a word boundary);
        None gives 250 for mentions and 400 for quotations, where the speaker is
        often named a sentence away.
    min_per_stratum : int, default 1
        Items every stratum gets first (all of a smaller stratum).
    corpus : pandas.DataFrame, optional
        With a table as ``result``: the corpus it was found in, for the context.
        Required for quotations; without it a mention's context is its sentence.
    allowed : mapping of str to sequence of str, optional
        Replace the allowed values of a field (``{"referent": [...]}``); by default
        they come from the lexicon of an Analysis, else from the values the table
        holds, plus ``none``.

    Returns
    -------
    pandas.DataFrame
        One row per item, in a shuffled order (so strata are mixed and a coder's
        fatigue does not fall on one of them). Columns: ``item_id`` (``m:`` or
        ``q:`` then ``doc_id:start-end``), ``unit``, ``doc_id``, ``outlet``,
        ``start``, ``end`` (character offsets into the article), ``match`` (mentions:
        the text as written), ``context`` (an excerpt on one line with the item
        marked ``[[...]]``, paragraph breaks shown as ``¶``); then for each field
        (``voice``, ``speaker``, and for mentions ``referent``, ``label`` and
        ``in_scope`` when the table has them) mediakit's answer (left out when
        ``blind``) and an empty ``coded_<field>`` column; then, unless blind, the
        columns that say how the speaker was found (``rule``, ``cue``,
        ``speaker_text``, ``resolved_via``, those the table has: see
        :func:`mediakit.find_quotes`); then ``coder`` and ``note``.
        A ``coded_*`` column with a closed list of values is categorical with those
        values as its categories, so a typo cannot be assigned to it.

    Notes
    -----
    Allocation is **proportional with a minimum**: each stratum first gets
    ``min_per_stratum`` items (or all it has), then every further item goes to the
    stratum furthest below its proportional share. Proportional, because the
    headline numbers count all mentions, so the plain accuracy over the sheet then
    estimates the accuracy behind them without weights; the minimum, so that every
    outlet and label is seen at least once and a failure confined to a small
    stratum can show. The minimum over-represents strata smaller than
    ``min_per_stratum * total / n``; for per-stratum accuracies of equal precision,
    draw a sheet per stratum instead. Within a stratum, items are drawn uniformly
    without replacement with ``numpy.random.default_rng(seed)``, strata taken in
    sorted order, items in (doc_id, start, end) order.
    """
    chars = _DEFAULT_CONTEXT_CHARS[unit] if context_chars is None else context_chars
    if stratify is None:
        strata = list(_DEFAULT_STRATA[unit])
    else:
        strata = [stratify] if isinstance(stratify, str) else list(stratify)
    pop = _population(result, unit, corpus=corpus, caller="coding_sheet")
    _check_context_source(pop, unit)
    items = _sorted_items(pop.items, unit)
    missing = [c for c in strata if c not in items.columns]
    if missing:
        raise CodingError(
            f"cannot stratify by {missing}: the {unit}s have the columns {list(items.columns)}"
        )
    chosen = _draw(items, strata, n=int(n), minimum=int(min_per_stratum), seed=int(seed))
    picked = items.iloc[chosen].reset_index(drop=True)
    allowed_values = dict(pop.allowed)
    for field, values in (allowed or {}).items():
        if field not in _CLOSED_FIELDS:
            raise ValueError(f"allowed= names {field!r}; fields with allowed values are {_CLOSED_FIELDS}")
        allowed_values[field] = tuple(dict.fromkeys(str(v) for v in values))
    return _sheet_frame(pop, picked, unit, blind=blind, chars=int(chars), allowed=allowed_values)


def _check_context_source(pop: _Population, unit: str) -> None:
    """Raise when the context of the items cannot be shown."""
    if unit == "quote" and pop.texts is None:
        raise CodingError(
            "quotation sheets need the articles for their context (the speaker is often "
            "outside the quotation): pass an Analysis, or corpus= with the quotes table"
        )
    if unit == "mention" and pop.texts is None and not {
            "sentence", "sentence_start"} <= set(pop.items.columns):
        raise CodingError(
            "the mentions table has no 'sentence' and 'sentence_start' columns for the "
            "context: pass corpus= or an Analysis (an analysis's mentions point at their "
            "sentence: mediakit.mention_sentences joins its text)"
        )


def _sorted_items(items: pd.DataFrame, unit: str) -> pd.DataFrame:
    """Items in (doc_id, start, end) order, so the draw ignores the input's row order."""
    items = items.sort_values(["doc_id", "start", "end"], kind="stable").reset_index(drop=True)
    duplicated = items[["doc_id", "start", "end"]].duplicated()
    if duplicated.any():
        first = items.iloc[int(np.flatnonzero(duplicated.to_numpy())[0])]
        raise CodingError(
            f"two {unit}s share doc_id {first['doc_id']!r}, {first['start']}-{first['end']}; "
            "an item must be one span"
        )
    if not len(items):
        raise CodingError(f"there are no {unit}s to sample")
    return items


def _stratum_key(key: Any) -> tuple[str, ...]:
    return tuple(str(k) for k in (key if isinstance(key, tuple) else (key,)))


def _draw(items: pd.DataFrame, strata: list[str], *, n: int, minimum: int, seed: int) -> list[int]:
    """Positions of the drawn items, shuffled (see coding_sheet's Notes)."""
    rng = np.random.default_rng(seed)
    if strata:
        indices = items.groupby(strata, sort=True, dropna=False).indices
        groups = [np.asarray(idx) for _, idx in sorted(indices.items(), key=lambda kv: _stratum_key(kv[0]))]
    else:
        groups = [np.arange(len(items))]
    alloc = _allocate([len(g) for g in groups], n, minimum)
    chosen: list[int] = []
    for members, take in zip(groups, alloc):
        if take >= len(members):
            chosen.extend(members.tolist())
        elif take:
            drawn = np.sort(rng.choice(len(members), size=take, replace=False))
            chosen.extend(members[drawn].tolist())
    order = rng.permutation(len(chosen))
    return [chosen[i] for i in order]


def _sheet_frame(
    pop: _Population,
    picked: pd.DataFrame,
    unit: str,
    *,
    blind: bool,
    chars: int,
    allowed: Mapping[str, Sequence[str]],
) -> pd.DataFrame:
    """The sheet's columns, in order, for the drawn items."""
    prefix = "m" if unit == "mention" else "q"
    sheet: dict[str, Any] = {
        "item_id": _str_series(
            f"{prefix}:{d}:{s}-{e}"
            for d, s, e in zip(picked["doc_id"], picked["start"], picked["end"])
        ),
        "unit": _str_series([unit] * len(picked)),
        "doc_id": picked["doc_id"],
        "outlet": picked["outlet"],
        "start": picked["start"],
        "end": picked["end"],
    }
    if "match" in picked.columns:
        sheet["match"] = picked["match"]
    sheet["context"] = _str_series(_contexts(pop, picked, chars, unit))
    empty = [None] * len(picked)
    for field in pop.fields:
        if not blind:
            sheet[field] = picked[field]
        if field == "speaker":
            sheet[f"coded_{field}"] = _str_series(empty)
        else:
            sheet[f"coded_{field}"] = pd.Series(empty, dtype=_coded_dtype(allowed[field]))
    if not blind:
        for column in pop.explanations:
            sheet[column] = picked[column]
    sheet["coder"] = _str_series(empty)
    sheet["note"] = _str_series(empty)
    return pd.DataFrame(sheet)


# -------------------------------------------------------------- writing the sheets


def _allowed_of(sheet: pd.DataFrame) -> dict[str, tuple[str, ...]]:
    """Allowed values of the sheet's closed ``coded_*`` columns (their categories)."""
    out: dict[str, tuple[str, ...]] = {}
    for column in sheet.columns:
        if isinstance(column, str) and column.startswith("coded_"):
            dtype = sheet[column].dtype
            if isinstance(dtype, pd.CategoricalDtype):
                out[column] = tuple(str(c) for c in dtype.categories)
            elif column[len("coded_"):] in ("voice", "in_scope"):
                out[column] = VOICES if column == "coded_voice" else _YES_NO
    return out


_FIELD_HELP: dict[str, str] = {
    "coded_voice": "narration = the outlet's own words; quote = inside a direct quotation "
    "of someone; scare_quote = a short quoted term or the words after 'so-called', not "
    "presented as speech",
    "coded_speaker": "the person or body whose words these are, with the fullest name "
    "the article gives (resolve he/she yourself); none = narration or no speaker named",
    "coded_referent": "the actor the word points at; none = nothing in the list",
    "coded_label": "the lexicon label the word belongs to; none = it is no such label",
    "coded_in_scope": "yes = about the lexicon's conflict; no = anything else (sport, "
    "business, party politics ...)",
}


def _instructions(sheet: pd.DataFrame, allowed: Mapping[str, Sequence[str]]) -> list[str]:
    units = sorted({str(u) for u in sheet["unit"].dropna().tolist()}) if "unit" in sheet else []
    lines = [
        f"mediakit coding sheet: {len(sheet)} item(s), unit {', '.join(units) or '?'}",
        (
            "Each row is one item, marked [[like this]] in 'context'; 'start' and 'end' "
            "are character offsets into the article 'doc_id'."
        ),
        (
            "Fill the coded_* columns from your own reading of the article. Leave a cell "
            "blank when you cannot decide: blank means not coded, never wrong."
        ),
        (
            "Write your initials in 'coder' and anything worth saying in 'note'. Do not "
            "change the other columns."
        ),
    ]
    for column in sheet.columns:
        if isinstance(column, str) and column.startswith("coded_"):
            text = _FIELD_HELP.get(column, "")
            lines.append(f"{column}: {text}" if text else column)
    for column, values in allowed.items():
        lines.append(f"{_ALLOWED_PREFIX.lstrip('# ')}{column}: {' | '.join(values)}")
    lines.append(
        "A cell that starts with ' followed by = + - or @ was written so by mediakit to "
        "keep spreadsheets from running it as a formula; mediakit removes that ' on reading."
    )
    return lines


@validate_params({"format": [Options(("csv", "xlsx")), None]})
def write_coding_sheet(
    sheet: pd.DataFrame,
    path: str | os.PathLike[str],
    *,
    format: Literal["csv", "xlsx"] | None = None,
) -> Path:
    """Write a coding sheet for coders: CSV, or XLSX when openpyxl is installed.

    Parameters
    ----------
    sheet : pandas.DataFrame
        A sheet from :func:`coding_sheet` (possibly partly coded); not modified.
    path : str or os.PathLike
        Where to write; written atomically (an existing file is replaced only once
        the new one is complete).
    format : {"csv", "xlsx"}, optional
        None takes it from the file suffix (``.csv``, ``.xlsx``).

    Returns
    -------
    pathlib.Path
        The path written.

    Notes
    -----
    **CSV** (UTF-8): lines starting with ``#`` come first, with short instructions
    and one ``# allowed coded_<field>: a | b | c`` line per field with a closed list
    of values; then the header and one row per item, in the sheet's column order.
    Text cells that a spreadsheet could run as a formula get a leading ``'``
    (:func:`mediakit._io.write_table_csv`); :func:`read_coding` removes exactly those.
    **XLSX** (``pip install "mediakit[xlsx]"``): a ``coding`` sheet (header frozen,
    context wrapped, a drop-down list on every closed ``coded_*`` column), an
    ``instructions`` sheet and an ``allowed`` sheet listing the values. Text is
    stored as text, never as a formula.
    """
    if not isinstance(sheet, pd.DataFrame):
        raise TypeError(f"sheet must be a DataFrame, got {type(sheet).__name__}")
    target = Path(path)
    fmt = format if format is not None else target.suffix.lower().lstrip(".")
    if fmt not in ("csv", "xlsx"):
        raise ValueError(
            f"cannot tell the format of {str(target)!r}: give it a .csv or .xlsx suffix "
            "or pass format='csv' or 'xlsx'"
        )
    allowed = _allowed_of(sheet)
    lines = _instructions(sheet, allowed)
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        for line in lines:
            writer.writerow([f"# {line}"])
        write_table_csv(sheet, buffer)
        atomic_write_text(target, buffer.getvalue())
        return target
    _write_xlsx(sheet, target, lines, allowed)
    return target


def _openpyxl() -> Any:
    try:
        return importlib.import_module("openpyxl")  # typed Any: openpyxl ships no stubs
    except ImportError:
        raise ImportError(
            "writing or reading XLSX coding sheets needs openpyxl: "
            'pip install "mediakit[xlsx]" (or use a .csv file)'
        ) from None


def _openpyxl_part(name: str) -> Any:
    """A submodule of openpyxl (``"styles"``, ...), once :func:`_openpyxl` found it."""
    return importlib.import_module(f"openpyxl.{name}")


def _xlsx_value(value: Any) -> Any:
    if _is_blank(value):
        return None
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (np.floating,)):
        return float(value)
    if isinstance(value, (int, float)):
        return value
    return str(value)


def _write_xlsx(
    sheet: pd.DataFrame, target: Path, lines: list[str], allowed: Mapping[str, Sequence[str]]
) -> None:
    openpyxl = _openpyxl()
    Alignment, Font = _openpyxl_part("styles").Alignment, _openpyxl_part("styles").Font
    get_column_letter = _openpyxl_part("utils").get_column_letter
    IllegalCharacterError = _openpyxl_part("utils.exceptions").IllegalCharacterError
    DataValidation = _openpyxl_part("worksheet.datavalidation").DataValidation

    book = openpyxl.Workbook()
    data = book.active
    data.title = _SHEET_NAME
    columns = [str(c) for c in sheet.columns]
    for j, name in enumerate(columns, start=1):
        cell = data.cell(row=1, column=j, value=name)
        cell.font = Font(bold=True)
    values = sheet.to_numpy(dtype=object)
    for i in range(values.shape[0]):
        for j in range(values.shape[1]):
            value = _xlsx_value(values[i, j])
            if value is None:
                continue
            cell = data.cell(row=i + 2, column=j + 1)
            try:
                cell.value = value
            except IllegalCharacterError:
                raise CodingError(
                    "the cell holds a control character that XLSX cannot store; "
                    "write the sheet as CSV instead",
                    file=str(target),
                    row=i + 2,
                    column=columns[j],
                ) from None
            if isinstance(value, str):
                cell.data_type = "s"  # text stays text, even when it starts with '='
    data.freeze_panes = "A2"
    wrap = Alignment(wrap_text=True, vertical="top")
    for j, name in enumerate(columns, start=1):
        letter = get_column_letter(j)
        width = 90 if name == "context" else 28 if name.startswith("coded_") or name == "note" else 16
        data.column_dimensions[letter].width = width
        if name in ("context", "note", "match"):
            for i in range(2, len(sheet) + 2):
                data.cell(row=i, column=j).alignment = wrap

    guide = book.create_sheet(_INSTRUCTIONS_NAME)
    guide.column_dimensions["A"].width = 120
    for i, line in enumerate(lines, start=1):
        guide.cell(row=i, column=1, value=line).alignment = Alignment(wrap_text=True)

    lists = book.create_sheet(_ALLOWED_NAME)
    last_row = max(len(sheet) + 1, 2)
    for k, (column, options) in enumerate(allowed.items(), start=1):
        letter = get_column_letter(k)
        lists.cell(row=1, column=k, value=column).font = Font(bold=True)
        for i, option in enumerate(options, start=2):
            cell = lists.cell(row=i, column=k)
            cell.value = option
            cell.data_type = "s"
        if column in columns and options:
            target_letter = get_column_letter(columns.index(column) + 1)
            check = DataValidation(
                type="list",
                formula1=f"={_ALLOWED_NAME}!${letter}$2:${letter}${len(options) + 1}",
                allow_blank=True,
                showErrorMessage=True,
                errorTitle="Not an allowed value",
                error=f"Choose one of the values listed for {column} (or leave it blank).",
            )
            check.add(f"{target_letter}2:{target_letter}{last_row}")
            data.add_data_validation(check)
    with atomic_path(target) as tmp:
        book.save(tmp)


# --------------------------------------------------------------------- read_coding


@dataclass(frozen=True)
class _Raw:
    """A sheet as read, before checking: text cells, where each row came from."""

    frame: pd.DataFrame
    rows: list[int]  # the row number to report for each data row
    file: str | None
    allowed: dict[str, tuple[str, ...]]


def _parse_allowed_line(text: str) -> tuple[str, tuple[str, ...]] | None:
    body = text.lstrip("#").strip()
    marker = _ALLOWED_PREFIX.lstrip("# ")
    if not body.startswith(marker):
        return None
    column, _, values = body[len(marker):].partition(":")
    options = tuple(v.strip() for v in values.split("|") if v.strip())
    return column.strip(), options


def _read_csv(path: Path) -> _Raw:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise CodingError(f"cannot read the file: {exc.strerror or exc}", file=str(path)) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CodingError(
            f"the file is not UTF-8 (byte {exc.start}); save it as 'CSV UTF-8'",
            file=str(path),
        ) from None
    lines = text.splitlines()
    first = next((ln for ln in lines if ln.strip() and not ln.lstrip('"').startswith("#")), "")
    delimiter = max(",;\t", key=first.count) if first else ","
    records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    allowed: dict[str, tuple[str, ...]] = {}
    k = 0
    while k < len(records) and (
        not any(c.strip() for c in records[k]) or records[k][0].lstrip().startswith("#")
    ):
        if records[k] and records[k][0].lstrip().startswith("#"):
            parsed = _parse_allowed_line(records[k][0])
            if parsed is not None:
                allowed[parsed[0]] = parsed[1]
        k += 1
    if k >= len(records):
        raise CodingError("the file has no header row", file=str(path))
    header = [unescape_cell(c.strip()) for c in records[k]]
    header_row = k + 1
    data: list[list[str]] = []
    rows: list[int] = []
    for offset, record in enumerate(records[k + 1 :], start=header_row + 1):
        if not any(c.strip() for c in record):
            continue  # an empty line, or a row a spreadsheet left as commas only
        if len(record) > len(header) and not any(c.strip() for c in record[len(header):]):
            record = record[: len(header)]
        if len(record) != len(header):
            raise CodingError(
                f"the row has {len(record)} cells but the header has {len(header)}",
                file=str(path),
                row=offset,
            )
        data.append([unescape_cell(c) for c in record])
        rows.append(offset)
    frame = pd.DataFrame(data, columns=header, dtype=object) if data else pd.DataFrame(
        {c: pd.Series([], dtype=object) for c in header}
    )
    return _Raw(frame, rows, str(path), allowed)


def _read_xlsx(path: Path) -> _Raw:
    openpyxl = _openpyxl()
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (
        OSError, ValueError, KeyError, TypeError, zipfile.BadZipFile,
        _openpyxl_part("utils.exceptions").InvalidFileException,
    ) as exc:  # a broken or foreign file
        raise CodingError(f"cannot read the workbook: {exc}", file=str(path)) from None
    try:
        data = book[_SHEET_NAME] if _SHEET_NAME in book.sheetnames else book.worksheets[0]
        table = [list(r) for r in data.iter_rows(values_only=True)]
        allowed: dict[str, tuple[str, ...]] = {}
        if _ALLOWED_NAME in book.sheetnames:
            lists = [list(r) for r in book[_ALLOWED_NAME].iter_rows(values_only=True)]
            if lists:
                for k, column in enumerate(lists[0]):
                    if column is None:
                        continue
                    allowed[str(column)] = tuple(
                        str(r[k]) for r in lists[1:] if k < len(r) and not _is_blank(r[k])
                    )
    finally:
        book.close()
    if not table:
        raise CodingError("the coding sheet is empty", file=str(path))
    header = ["" if c is None else str(c) for c in table[0]]
    while header and not header[-1]:
        header.pop()
    data_rows: list[list[Any]] = []
    rows: list[int] = []
    for i, record in enumerate(table[1:], start=2):
        cells = list(record[: len(header)]) + [None] * (len(header) - len(record))
        if all(_is_blank(c) for c in cells):
            continue
        data_rows.append(cells)
        rows.append(i)
    frame = pd.DataFrame(data_rows, columns=header, dtype=object) if data_rows else pd.DataFrame(
        {c: pd.Series([], dtype=object) for c in header}
    )
    return _Raw(frame, rows, str(path), allowed)


def _raw(source: Any) -> _Raw:
    if isinstance(source, pd.DataFrame):
        return _Raw(source, list(range(1, len(source) + 1)), None, {})
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        if path.is_dir():
            raise CodingError("this is a folder, not a coding sheet", file=str(path))
        if not path.exists():
            raise CodingError("no such file", file=str(path))
        if path.suffix.lower() in (".xlsx", ".xlsm"):
            return _read_xlsx(path)
        return _read_csv(path)
    raise TypeError(f"expected a path or a DataFrame, got {type(source).__name__}")


def _problem_error(raw: _Raw, problems: list[tuple[int | None, str | None, str]]) -> CodingError:
    row, column, message = problems[0]
    if len(problems) == 1:
        return CodingError(message, file=raw.file, row=row, column=column, problems=problems)
    listed = "; ".join(
        f"row {r}, column {c!r}: {m}" for r, c, m in problems[:_MAX_LISTED_PROBLEMS]
    )
    more = len(problems) - _MAX_LISTED_PROBLEMS
    extra = f"; and {more} more" if more > 0 else ""
    return CodingError(
        f"{len(problems)} problems: {listed}{extra}",
        file=raw.file,
        row=row,
        column=column,
        problems=problems,
    )


def _canonical_code(value: str, options: Sequence[str]) -> str | None:
    """The allowed spelling of ``value`` (case and surrounding space ignored)."""
    wanted = value.strip().casefold()
    for option in options:
        if option.casefold() == wanted:
            return option
    return None


def _check(raw: _Raw, allowed: Mapping[str, Sequence[str]] | None) -> pd.DataFrame:
    frame = raw.frame
    columns, coded = _check_columns(raw)
    problems: list[tuple[int | None, str | None, str]] = []
    index = pd.RangeIndex(len(frame))
    out: dict[str, pd.Series] = {}
    for column in ("start", "end"):
        out[column] = pd.Series(
            _offsets(frame[column].tolist(), raw.rows, column, problems), dtype="int64", index=index
        )
    _check_keys(frame, raw.rows, problems)
    for column in coded:
        options = _options_for(column, raw, allowed)
        values = _codes(frame[column].tolist(), raw.rows, column, options, problems)
        dtype: Any = "str" if options is None else _coded_dtype(options)
        out[column] = pd.Series(values, dtype=dtype, index=index)
    if problems:
        raise _problem_error(raw, problems)
    for column in columns:
        if column not in out:
            out[column] = _str_series(frame[column].tolist(), index=index)
    out["item_id"] = out["item_id"].str.strip()
    out["unit"] = out["unit"].str.strip()
    return pd.DataFrame({c: out[c] for c in columns})


def _check_columns(raw: _Raw) -> tuple[list[str], list[str]]:
    """The sheet's columns and its ``coded_*`` columns; an error if any is missing."""
    columns = [str(c) for c in raw.frame.columns]
    duplicated = sorted({c for c in columns if columns.count(c) > 1})
    if duplicated:
        raise CodingError(f"the sheet has duplicated column(s) {duplicated}", file=raw.file)
    try:
        check_table(raw.frame, _KEY_COLUMNS, caller="read_coding", table_name="coding sheet")
    except MissingColumnsError as missing:
        raise CodingError(str(missing), file=raw.file) from missing
    coded = [c for c in columns if c.startswith("coded_")]
    if not coded:
        raise CodingError(f"the sheet has no coded_* column; it has {columns}", file=raw.file)
    return columns, coded


def _offsets(values: list[Any], rows: list[int], column: str, problems: list[Any]) -> list[int]:
    numbers: list[int] = []
    for r, value in zip(rows, values):
        number = _as_int(value)
        if number is None or number < 0:
            problems.append((r, column, f"{value!r} is not a character offset (an integer >= 0)"))
            number = 0
        numbers.append(number)
    return numbers


def _check_keys(frame: pd.DataFrame, rows: list[int], problems: list[Any]) -> None:
    """Every row has a unique item_id, a known unit and a doc_id."""
    seen: dict[str, int] = {}
    for r, value in zip(rows, frame["item_id"].tolist()):
        if _is_blank(value):
            problems.append((r, "item_id", "the item has no item_id"))
            continue
        key = str(value).strip()
        if key in seen:
            problems.append((r, "item_id", f"item_id {key!r} is also on row {seen[key]}"))
        else:
            seen[key] = r
    for r, value in zip(rows, frame["unit"].tolist()):
        if _is_blank(value) or str(value).strip() not in UNITS:
            problems.append((r, "unit", f"{value!r} is not a unit (one of {', '.join(UNITS)})"))
    for r, value in zip(rows, frame["doc_id"].tolist()):
        if _is_blank(value):
            problems.append((r, "doc_id", "the item has no doc_id"))


def _options_for(
    column: str, raw: _Raw, allowed: Mapping[str, Sequence[str]] | None
) -> Sequence[str] | None:
    """The allowed codes of a ``coded_*`` column; None for free text (speakers)."""
    field = column[len("coded_"):]
    if allowed is not None and (field in allowed or column in allowed):
        return [str(v) for v in allowed.get(field, allowed.get(column, ()))]
    if column in raw.allowed:
        return raw.allowed[column]
    dtype = raw.frame[column].dtype
    if isinstance(dtype, pd.CategoricalDtype):
        return [str(c) for c in dtype.categories]
    if field == "voice":
        return VOICES
    if field == "in_scope":
        return _YES_NO
    if field == "speaker" or field not in _CLOSED_FIELDS:
        return None
    raise CodingError(
        f"the allowed values of {column!r} are not known (the sheet lost its "
        f"'# allowed' lines or categories): pass allowed={{{field!r}: [...]}}",
        file=raw.file,
        column=column,
    )


def _codes(
    values: list[Any],
    rows: list[int],
    column: str,
    options: Sequence[str] | None,
    problems: list[Any],
) -> list[str | None]:
    """The codes of one column in their allowed spelling (None: blank, not coded)."""
    out: list[str | None] = []
    for r, value in zip(rows, values):
        if _is_blank(value):
            out.append(None)
            continue
        if isinstance(value, (bool, np.bool_)) and column == "coded_in_scope":
            value = "yes" if value else "no"
        text = str(value).strip()
        if options is None:
            out.append(text)
            continue
        code = _canonical_code(text, options)
        if code is None:
            close = difflib.get_close_matches(text.casefold(), [o.casefold() for o in options], n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            problems.append((r, column, f"{text!r} is not an allowed value ({' | '.join(options)}){hint}"))
        out.append(code)
    return out


def read_coding(
    path_or_frame: str | os.PathLike[str] | pd.DataFrame,
    *,
    allowed: Mapping[str, Sequence[str]] | None = None,
) -> pd.DataFrame:
    """Read a coded sheet back (CSV, XLSX or DataFrame) and check every code.

    Parameters
    ----------
    path_or_frame : str, os.PathLike or pandas.DataFrame
        A file written by :func:`write_coding_sheet` and filled in by a coder
        (``.xlsx`` is read as a workbook, anything else as CSV, with ``,``, ``;`` or
        tab as separator), or a sheet DataFrame. Not modified.
    allowed : mapping of str to sequence of str, optional
        Allowed values per field (``{"label": [...]}``), overriding those the file
        lists (its ``# allowed`` lines or ``allowed`` sheet) or the categories of a
        DataFrame's ``coded_*`` columns.

    Returns
    -------
    pandas.DataFrame
        The sheet with its columns in file order: ``start`` and ``end`` as int64,
        closed ``coded_*`` columns categorical over their allowed values, every
        other column text. Blank cells are missing (not coded). The apostrophes
        that :func:`write_coding_sheet` put before formula-like text are removed, so
        writing a sheet and reading it back gives the same frame.

    Raises
    ------
    CodingError
        A code outside the allowed values (matching ignores case and surrounding
        spaces, and a close allowed value is suggested), a missing or duplicated
        ``item_id``, an offset that is no integer, a row with more cells than the
        header, or missing key columns. The message names the file, the row (as a
        spreadsheet shows it) and the column, and lists every problem found.
    """
    return _check(_raw(path_or_frame), allowed)


#: Who coded the coded sheets of the sample shipped in ``data/coding/``.
SAMPLE_CODERS: tuple[str, ...] = ("a", "b")


@validate_params({"coder": [Options(SAMPLE_CODERS)]})
def load_sample_coding(coder: Literal["a", "b"] = "a") -> pd.DataFrame:
    """A coded sheet of the bundled sample corpus: the worked example of notebook 06.

    The sheet holds 30 label mentions of :func:`mediakit.load_sample`, drawn with
    ``coding_sheet(analyze(load_sample(), "marenna"), n=30, stratify="outlet",
    seed=0, blind=True)``. Both codings were written by one member of the mediakit
    team, for the notebook (``data/coding/README.md``): an illustration of the
    workflow on fictional articles, not a measurement of mediakit's accuracy.

    Parameters
    ----------
    coder : {"a", "b"}, default "a"
        ``"a"``: each item coded from the context the sheet shows; ``"b"``: the same
        items coded again from the marked sentence alone, blank where that sentence
        does not tell (a second pass, not an independent coder).

    Returns
    -------
    pandas.DataFrame
        The sheet as :func:`read_coding` returns it.
    """
    from .corpus import _sample_folder

    # data/coding sits beside data/sample, in a checkout and in the wheel alike
    path = _sample_folder().parent / "coding" / f"sample_mentions_coder_{coder}.csv"
    return read_coding(path)


# ------------------------------------------------------------------ speaker matching

_TITLES = frozenset(
    ["mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame", "lord", "lady", "president", "vice-president", "prime", "minister", "premier", "chancellor", "secretary", "general", "gen", "lt", "lieutenant", "col", "colonel", "maj", "major", "capt", "captain", "sgt", "sergeant", "adm", "admiral", "cmdr", "commander", "brig", "brigadier", "rev", "reverend", "fr", "father", "sheikh", "sheik", "imam", "ayatollah", "king", "queen", "prince", "princess", "emir", "senator", "sen", "rep", "representative", "gov", "governor", "mayor", "judge", "justice", "ambassador", "envoy", "spokesman", "spokeswoman", "spokesperson", "chief", "deputy", "foreign", "interior", "defence", "defense", "state", "field", "marshal"]
)
_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i"})
_EDGE_PUNCT = " \t\n\"'\u2018\u2019\u201c\u201d.,;:()[]"


def _speaker_words(name: str) -> list[str]:
    """A speaker as compared: lower case, no leading "the", no leading titles.

    Titles are dropped only while a name remains after them ("President Bashar
    al-Assad" -> "bashar al-assad"), so a description keeps its words ("the foreign
    minister" -> "foreign minister").
    """
    text = unicodedata.normalize("NFKC", name).replace("\u2019", "'").casefold()
    words = [w.strip(_EDGE_PUNCT) for w in text.split()]
    words = [w for w in words if w]
    if words and words[0] == "the":
        words = words[1:]
    if len(words) > 1 and words[0].endswith("'s"):  # "Syria's Bashar al-Assad"
        words = words[1:]
    k = 0
    while k < len(words) and words[k].rstrip(".") in _TITLES:
        k += 1
    if 0 < k < len(words):
        words = words[k:]
    return words


def _surname(word: str) -> str:
    for prefix in ("al-", "el-", "al ", "el "):
        if word.startswith(prefix) and len(word) > len(prefix):
            return word[len(prefix):]
    return word


def _written_pronoun(explanation: Mapping[Any, Any]) -> str | None:
    """The pronoun mediakit read for a speaker, when its explanation columns say so:
    ``speaker_text`` is the pronoun, or ``resolved_via`` starts from one
    (``"she -> Orhun -> Lale Orhun"``)."""
    written = explanation.get("speaker_text")
    if not _is_blank(written) and str(written).strip().casefold() in _PRONOUNS:
        return str(written).strip().casefold()
    via = explanation.get("resolved_via")
    if not _is_blank(via):
        first, arrow, _ = str(via).partition("->")
        if arrow and first.strip().casefold() in _PRONOUNS:
            return first.strip().casefold()
    return None


def _speakers_agree(coded: str, answer: Any, explanation: Mapping[Any, Any]) -> bool:
    """Whether a coded speaker and mediakit's agree, leniently (see validation_report)."""
    coded_none = coded.strip().casefold() == NOT_APPLICABLE
    answer_none = _is_blank(answer) or str(answer).strip().casefold() == NOT_APPLICABLE
    if coded_none or answer_none:
        return coded_none and answer_none
    a = _speaker_words(coded)
    b = _speaker_words(str(answer))
    if not a or not b:
        return False
    if a == b:
        return True
    if len(a) == 1 and a[0] in _PRONOUNS:
        return _written_pronoun(explanation) == a[0]
    if len(a) == 1 or len(b) == 1:
        short, long = (a, b) if len(a) == 1 else (b, a)
        return _surname(short[0]) == _surname(long[-1])
    return False


def _speaker_key(name: str) -> str:
    return " ".join(_speaker_words(name))


# ----------------------------------------------------------------- validation_report

_REPORT_COLUMNS: tuple[str, ...] = (
    "field", "class", "n", "n_uncoded", "n_not_found", "n_mediakit", "accuracy", "lo", "hi",
    "precision", "precision_lo", "precision_hi", "recall", "recall_lo", "recall_hi",
    "f1", "interval", "level",
)
_COUNT_COLUMNS: tuple[str, ...] = ("n", "n_uncoded", "n_not_found", "n_mediakit")
#: A coded quotation matches one of mediakit's when their spans' Jaccard index
#: (characters in both over characters in either) is at least this.
QUOTE_MIN_JACCARD = 0.5


def _wilson(k: float, n: float, level: float) -> tuple[float, float]:
    """Wilson score interval of a proportion k/n (NaN, NaN when n is 0)."""
    if n <= 0:
        return math.nan, math.nan
    z = NormalDist().inv_cdf(1.0 - (1.0 - level) / 2.0)
    p = k / n
    denominator = 1.0 + z * z / n
    centre = (p + z * z / (2.0 * n)) / denominator
    half = z / denominator * math.sqrt(p * (1.0 - p) / n + z * z / (4.0 * n * n))
    # At k = 0 and k = n the bound is exactly 0 or 1; floating point would give
    # 1e-17 or 0.9999999999999999, which a reader of the CSV takes for a real value.
    lo = 0.0 if k <= 0 else max(0.0, centre - half)
    hi = 1.0 if k >= n else min(1.0, centre + half)
    return lo, hi


# ------------------------------------------------------------- matching the items


def _jaccard(a_start: int, a_end: int, b_start: int, b_end: int) -> float:
    """Characters two spans share over characters in either (1.0 for equal spans)."""
    if (a_start, a_end) == (b_start, b_end):
        return 1.0
    shared = min(a_end, b_end) - max(a_start, b_start)
    union = max(a_end, b_end) - min(a_start, b_start)
    return max(shared, 0) / union if union > 0 else 0.0


def _match_items(wanted: pd.DataFrame, table: pd.DataFrame, unit: str) -> np.ndarray:
    """For each wanted span, the row of ``table`` it matches, or -1 (not found).

    Candidates are in the same document: for quotations a span with Jaccard index
    >= QUOTE_MIN_JACCARD, for mentions any span sharing a character (or the same
    empty span). Pairs are taken best first (highest Jaccard, then wanted order,
    then the earlier table row), each table row standing for one wanted span only.
    """
    by_doc: dict[str, list[tuple[int, int, int]]] = {}
    for k, (doc, start, end) in enumerate(
        zip(table["doc_id"].tolist(), table["start"].tolist(), table["end"].tolist())
    ):
        by_doc.setdefault(str(doc), []).append((int(start), int(end), k))
    pairs: list[tuple[float, int, int]] = []
    for i, (doc, start, end) in enumerate(
        zip(wanted["doc_id"].tolist(), wanted["start"].tolist(), wanted["end"].tolist())
    ):
        for t_start, t_end, k in by_doc.get(str(doc), ()):
            score = _jaccard(int(start), int(end), t_start, t_end)
            if score >= QUOTE_MIN_JACCARD if unit == "quote" else score > 0:
                pairs.append((-score, i, k))
    pairs.sort()
    matched = np.full(len(wanted), -1, dtype=np.int64)
    taken: set[int] = set()
    for _, i, k in pairs:
        if matched[i] < 0 and k not in taken:
            matched[i] = k
            taken.add(k)
    return matched


def _check_documents(
    sheet: pd.DataFrame, positions: np.ndarray, texts: Mapping[str, str]
) -> list[tuple[int, str, str]]:
    """Rows whose document is not in the corpus, or whose span lies outside it."""
    problems: list[tuple[int, str, str]] = []
    for position in positions.tolist():
        doc = str(sheet["doc_id"].iloc[position])
        start, end = int(sheet["start"].iloc[position]), int(sheet["end"].iloc[position])
        item = sheet["item_id"].iloc[position]
        if doc not in texts:
            reason = (
                f"item {item!r}: document {doc!r} is not in the corpus of the result (a "
                "sheet drawn from another corpus?)"
            )
            problems.append((position, "doc_id", reason))
        elif not start <= end <= len(texts[doc]):
            reason = (
                f"item {item!r}: {start}-{end} lies outside document {doc!r} "
                f"({len(texts[doc])} characters)"
            )
            problems.append((position, "end", reason))
    return problems


def _answers_for(
    sheet: pd.DataFrame, rows: list[int], result: Any, corpus: pd.DataFrame | None, file: str | None
) -> tuple[pd.DataFrame, np.ndarray]:
    """mediakit's answers for every sheet row, and whether it found the item at all.

    Rows of the sheet are matched to ``result``'s items by :func:`_match_items`. An
    item mediakit did not find has no answers, except the label ``none`` (a word
    mediakit does not count as a label).
    """
    parts: list[pd.DataFrame] = []
    found = np.ones(len(sheet), dtype=bool)
    for unit in UNITS:
        positions = np.flatnonzero((sheet["unit"] == unit).to_numpy())
        if not len(positions):
            continue
        pop = _population(result, unit, corpus=corpus, caller="validation_report")
        if pop.texts is not None:
            problems = _check_documents(sheet, positions, pop.texts)
            if problems:
                raise _problem_error(
                    _Raw(sheet, rows, file, {}), [(rows[p], c, m) for p, c, m in problems]
                )
        table = pop.items[["doc_id", "start", "end", *pop.fields, *pop.explanations]]
        matched = _match_items(sheet.iloc[positions], table, unit)
        hit = matched >= 0
        found[positions[~hit]] = False
        answers = pd.DataFrame(index=pd.Index(positions), columns=[*pop.fields, *pop.explanations], dtype=object)
        if hit.any():
            picked = table.iloc[matched[hit]][[*pop.fields, *pop.explanations]].astype(object)
            answers.loc[positions[hit], :] = picked.to_numpy()
        if unit == "mention" and "label" in pop.fields:
            answers.loc[positions[~hit], "label"] = NOT_APPLICABLE
        parts.append(answers)
    frame = pd.concat(parts).sort_index() if parts else pd.DataFrame(index=sheet.index)
    return frame.reindex(range(len(sheet))), found


# ----------------------------------------------------------------- validation_report


@validate_params(
    {
        "by_document_bootstrap": [bool],
        "level": [Interval(Real, 0, 1, closed="neither")],
        "n_boot": [Interval(Integral, 1, None)],
        "seed": [Interval(Integral, 0, None)],
    }
)
def validation_report(
    coded: pd.DataFrame | str | os.PathLike[str],
    result: Any = None,
    *,
    fields: Sequence[str] | None = None,
    corpus: pd.DataFrame | None = None,
    by_document_bootstrap: bool = False,
    level: float = 0.95,
    n_boot: int = 2000,
    seed: int = 0,
) -> pd.DataFrame:
    """How often mediakit agrees with the coders: accuracy per field, and per class.

    Parameters
    ----------
    coded : pandas.DataFrame, str or os.PathLike
        A coded sheet (a file is read with :func:`read_coding`, a DataFrame is
        checked the same way). Not modified.
    result : Analysis or pandas.DataFrame, optional
        Where mediakit's answers come from: the Analysis (or mentions / quotes
        table) the sheet was drawn from, or a newer one of the same corpus (items
        are matched by overlap, see Notes). Needed for blind sheets; without it the
        answers written in the sheet are used.
    fields : sequence of str, optional
        Fields to report (``"voice"``, ``"speaker"``, ``"referent"``, ``"label"``,
        ``"in_scope"``); default every field the sheet has a ``coded_*`` column for.
    corpus : pandas.DataFrame, optional
        With a quotes table as ``result``: the corpus (for sheets of quotations).
    by_document_bootstrap : bool, default False
        Intervals from a percentile bootstrap that resamples whole articles (as the
        comparisons do) instead of Wilson intervals, which assume independent items.
        Prefer it when a sheet holds several items of the same article.
    level : float, default 0.95
        Interval level.
    n_boot : int, default 2000
        Bootstrap replicates (with ``by_document_bootstrap``).
    seed : int, default 0
        Seed of the bootstrap.

    Returns
    -------
    pandas.DataFrame
        One row per field (``class`` missing), then for ``voice``, ``referent``,
        ``label`` and ``in_scope`` one row per class met among the coded items.
        ``field``, ``class``; ``n``: coded items (field rows) or items the coders
        put in the class (its support, class rows); ``n_uncoded``: items left blank
        (field rows; missing on class rows); ``n_not_found``: coded items mediakit
        did not find in ``result`` (field rows; counted in ``n``, see Notes);
        ``n_mediakit``: coded items mediakit put in the class (class rows);
        ``accuracy`` with its interval ``lo``, ``hi`` (field rows); ``precision``
        (share of mediakit's answers of that class the coders agree with),
        ``recall`` (share of the coders' items of that class mediakit found), each
        with its interval, and ``f1`` (no interval) on class rows; ``interval``
        (``"wilson"`` or ``"document bootstrap"``) and ``level``. Estimates are NaN
        where their denominator is 0.

    Raises
    ------
    CodingError
        Bad codes (see :func:`read_coding`); an item whose document is not in the
        corpus of ``result``, or whose span lies outside its article (naming the
        sheet row); a blind sheet without ``result``.

    Notes
    -----
    **Matching items to mediakit's.** With ``result``, each row of the sheet is
    matched to one of mediakit's items of its unit in the same article: the one
    with the same span, else the one overlapping it most. A quotation needs a
    Jaccard index (characters in both spans over characters in either) of at least
    0.5 (:data:`QUOTE_MIN_JACCARD`: a quotation whose end moved by a word still
    matches, a different quotation does not); a mention matches any of mediakit's
    mentions it shares a character with. Best overlaps are paired first, and each
    of mediakit's items stands for one coded item only. A coded item left without
    a match is one mediakit **did not find** (``n_not_found``): it counts as wrong
    for every field coded on it, which is what makes ``recall`` a recall, except
    ``label``, where not finding a word is mediakit's answer ``none`` (right when
    the coder says the word is no label).

    **Speakers** are matched leniently, in these ways only: case, spacing,
    surrounding punctuation and quotation marks are ignored; a leading "the" and a
    leading possessive ("Syria's") are dropped; leading titles (Dr., Mr, President,
    Sir, Minister, Gen., ...) are dropped when a name follows them; a surname alone
    matches a full name ending in it ("Orhun" and "Lale Orhun"; "Assad" and "Bashar
    al-Assad", an al-/el- prefix ignored); and a coded pronoun ("she") matches
    mediakit's speaker when the sheet or result shows mediakit resolved that very
    pronoun (``speaker_text``, or ``resolved_via`` starting ``she -> ...``).
    ``none`` matches only a missing speaker. Everything else must
    be equal.

    Accuracy is the plain share of coded items on which mediakit agrees: with the
    proportional sample of :func:`coding_sheet` it estimates accuracy over all
    items (strata raised to their minimum count a little more).
    """
    raw = _raw(coded)
    sheet = _check(raw, None)
    present = [c[len("coded_"):] for c in sheet.columns if c.startswith("coded_")]
    wanted = list(present if fields is None else fields)
    unknown = [f for f in wanted if f not in present]
    if unknown:
        raise ValueError(f"fields {unknown} have no coded_* column; the sheet codes {present}")
    if result is not None:
        answers, found = _answers_for(sheet, raw.rows, result, corpus, raw.file)
    else:
        answers, found = sheet, np.ones(len(sheet), dtype=bool)
    scoring = _Scoring(
        sheet=sheet,
        answers=answers,
        found=found,
        explanations=_explanation_records(answers, len(sheet)),
        doc_codes=pd.factorize(sheet["doc_id"].astype(str))[0],
        bootstrap=by_document_bootstrap,
        level=float(level),
        n_boot=int(n_boot),
        rng=np.random.default_rng(seed),
    )
    records: list[dict[str, Any]] = []
    for field in wanted:
        if field not in answers.columns:
            raise CodingError(
                f"the sheet has no mediakit answers for {field!r} (a blind sheet?): "
                "pass the result it was drawn from, validation_report(coded, result)",
                file=raw.file,
                column=field,
            )
        records.extend(scoring.field_records(field))
    return _report_frame(records, "document bootstrap" if by_document_bootstrap else "wilson", level)


def _explanation_records(answers: pd.DataFrame, n: int) -> list[dict[Any, Any]]:
    """How mediakit found each speaker (the explanation columns), one dict per row."""
    columns = [c for c in _EXPLANATION_COLUMNS if c in answers.columns]
    return answers[columns].to_dict("records") if columns else [{} for _ in range(n)]


@dataclass
class _Scoring:
    """What every field's rows of the validation report are computed from."""

    sheet: pd.DataFrame
    answers: pd.DataFrame
    found: np.ndarray
    explanations: list[dict[Any, Any]]
    doc_codes: np.ndarray
    bootstrap: bool
    level: float
    n_boot: int
    rng: np.random.Generator

    def field_records(self, field: str) -> list[dict[str, Any]]:
        """The field's row, then one row per class (closed fields)."""
        codes = self.sheet[f"coded_{field}"].astype(object).tolist()
        given = self.answers[field].astype(object).tolist()
        is_coded = np.array([not _is_blank(c) for c in codes], dtype=bool)
        agree = self._agreement(field, codes, given, is_coded)
        classes = self._classes(field, codes, given, is_coded)
        counts = self._document_counts(agree, is_coded, classes, codes, given)
        bounds = self._bounds(counts, len(classes))
        totals = counts.sum(axis=0)
        n = int(is_coded.sum())
        rows: list[dict[str, Any]] = [
            {
                "field": field, "class": None, "n": n, "n_uncoded": int((~is_coded).sum()),
                "n_not_found": int((is_coded & ~self.found).sum()), "n_mediakit": None,
                "accuracy": agree.sum() / n if n else math.nan,
                "lo": bounds[0][0], "hi": bounds[0][1],
            }
        ]
        for k, cls in enumerate(classes):
            tp, said_n, truth_n = totals[2 + 3 * k], totals[3 + 3 * k], totals[4 + 3 * k]
            rows.append(
                {
                    "field": field, "class": cls, "n": int(truth_n), "n_mediakit": int(said_n),
                    **_precision_recall(tp, said_n, truth_n),
                    "precision_lo": bounds[1 + 2 * k][0], "precision_hi": bounds[1 + 2 * k][1],
                    "recall_lo": bounds[2 + 2 * k][0], "recall_hi": bounds[2 + 2 * k][1],
                }
            )
        return rows

    def _agreement(
        self, field: str, codes: list[Any], given: list[Any], is_coded: np.ndarray
    ) -> np.ndarray:
        """Per item: coded, and mediakit's answer agrees (a label may agree unfound)."""
        if field == "speaker":
            agree = [
                bool(is_coded[i]) and _speakers_agree(str(codes[i]), given[i], self.explanations[i])
                for i in range(len(codes))
            ]
        else:
            agree = [bool(is_coded[i]) and str(codes[i]) == str(given[i]) for i in range(len(codes))]
        out = np.array(agree, dtype=bool)
        return out if field == "label" else out & self.found

    def _classes(self, field: str, codes: list[Any], given: list[Any], is_coded: np.ndarray) -> list[str]:
        """Classes met among coded items, in the order of the allowed values."""
        if field not in _CLOSED_FIELDS:
            return []
        seen = {str(codes[i]) for i in range(len(codes)) if is_coded[i]}
        seen |= {str(given[i]) for i in range(len(codes)) if is_coded[i] and not _is_blank(given[i])}
        dtype = self.sheet[f"coded_{field}"].dtype
        order = [str(c) for c in dtype.categories] if isinstance(dtype, pd.CategoricalDtype) else []
        return [c for c in order if c in seen] + sorted(seen - set(order))

    def _document_counts(
        self,
        agree: np.ndarray,
        is_coded: np.ndarray,
        classes: list[str],
        codes: list[Any],
        given: list[Any],
    ) -> np.ndarray:
        """Per article: correct, coded, then per class true positives, mediakit's
        answers and the coders' items (all among coded items)."""
        n_docs = int(self.doc_codes.max()) + 1 if len(self.doc_codes) else 0
        counts = np.zeros((n_docs, 2 + 3 * len(classes)))
        np.add.at(counts[:, 0], self.doc_codes, agree.astype(float))
        np.add.at(counts[:, 1], self.doc_codes, is_coded.astype(float))
        answered = [str(g) for g in given]
        coded = [str(c) for c in codes]
        for k, cls in enumerate(classes):
            said = is_coded & np.array([a == cls for a in answered], dtype=bool)
            truth = is_coded & np.array([c == cls for c in coded], dtype=bool)
            np.add.at(counts[:, 2 + 3 * k], self.doc_codes, (said & truth).astype(float))
            np.add.at(counts[:, 3 + 3 * k], self.doc_codes, said.astype(float))
            np.add.at(counts[:, 4 + 3 * k], self.doc_codes, truth.astype(float))
        return counts

    def _bounds(self, counts: np.ndarray, n_classes: int) -> list[tuple[float, float]]:
        """Interval of the accuracy, then of each class's precision and recall."""
        if not self.bootstrap:
            totals = counts.sum(axis=0)
            bounds = [_wilson(totals[0], totals[1], self.level)]
            for k in range(n_classes):
                bounds.append(_wilson(totals[2 + 3 * k], totals[3 + 3 * k], self.level))
                bounds.append(_wilson(totals[2 + 3 * k], totals[4 + 3 * k], self.level))
            return bounds
        from .compare import _boot_sums, _percentile

        boot = _boot_sums([counts], self.n_boot, self.rng)[0]
        with np.errstate(divide="ignore", invalid="ignore"):
            ratios = [boot[:, 0] / boot[:, 1]]
            for k in range(n_classes):
                tp, said_n, truth_n = boot[:, 2 + 3 * k], boot[:, 3 + 3 * k], boot[:, 4 + 3 * k]
                ratios += [tp / said_n, tp / truth_n]
        stacked = np.column_stack([np.where(np.isfinite(r), r, np.nan) for r in ratios])
        lows, highs = _percentile(stacked, self.level)
        return [(float(lo), float(hi)) for lo, hi in zip(lows, highs)]


def _precision_recall(tp: float, said_n: float, truth_n: float) -> dict[str, float]:
    precision = tp / said_n if said_n else math.nan
    recall = tp / truth_n if truth_n else math.nan
    if said_n and truth_n:
        f1 = 2 * precision * recall / (precision + recall) if precision + recall > 0 else 0.0
    else:
        f1 = math.nan
    return {"precision": precision, "recall": recall, "f1": f1}


def _report_frame(records: list[dict[str, Any]], interval: str, level: float) -> pd.DataFrame:
    """The report's rows with their documented column order and dtypes."""
    out = pd.DataFrame.from_records(records, columns=list(_REPORT_COLUMNS))
    out["interval"] = interval
    out["level"] = float(level)
    for column in ("field", "class", "interval"):
        out[column] = out[column].astype("str")
    for column in _COUNT_COLUMNS:
        out[column] = out[column].astype("Int64")
    for column in _REPORT_COLUMNS:
        if column not in ("field", "class", "interval", *_COUNT_COLUMNS):
            out[column] = out[column].astype("float64")
    return out


# ---------------------------------------------------------------------- agreement

_LEVELS: tuple[str, ...] = ("nominal", "ordinal", "interval", "ratio")


@validate_params({"level": [Options(_LEVELS)]})
def krippendorff_alpha(
    data: Any,
    *,
    level: Literal["nominal", "ordinal", "interval", "ratio"] = "nominal",
    value_domain: Sequence[Any] | None = None,
) -> float:
    """Krippendorff's alpha of a coders x items table with missing values.

    Parameters
    ----------
    data : array-like or pandas.DataFrame
        One row per coder, one column per item. Missing codes are ``None``, NaN,
        ``pd.NA`` or blank text. Values are numbers, or text (any level with
        ``value_domain``, only ``"nominal"`` without).
    level : {"nominal", "ordinal", "interval", "ratio"}, default "nominal"
        Level of measurement (the distance between two different codes).
    value_domain : sequence, optional
        Every possible value, in order (needed for ordinal text codes). Values no
        coder used change nothing; a code outside it is an error.

    Returns
    -------
    float
        Alpha: 1 is perfect agreement, 0 agreement at chance level, below 0
        systematic disagreement.

    Raises
    ------
    CodingError
        Alpha is undefined: fewer than two coders, no item coded by two coders, or
        a single value observed (agreement cannot be told from chance).
    ValueError
        Malformed input: not two-dimensional, text mixed with numbers, text for an
        interval or ratio level, a negative code at the ratio level, or a value
        outside ``value_domain``.

    Notes
    -----
    Computed from the published definition (Krippendorff, K. 2011, *Computing
    Krippendorff's Alpha-Reliability*, Annenberg School for Communication,
    University of Pennsylvania): the coincidences of the values of every item
    coded by two or more coders, observed against expected, weighted by the
    squared distance of the level (see :func:`_alpha` and :func:`_distances`). It
    reproduces the paper's worked example (4 coders, 12 items: 0.743 nominal,
    0.815 ordinal, 0.849 interval, 0.797 ratio) and is tested equal, to the last
    bit, to the ``krippendorff`` package (kept out of mediakit's dependencies for
    its GPL licence) on random tables with missing codes.

    Text codes are replaced by their positions in the sorted list of distinct codes
    (or in ``value_domain``), which leaves the coincidences, and so alpha, as they
    are on the text itself.
    """
    table = _coders_by_items(data)
    values, domain = _numeric_codes(table, level, value_domain)
    pairable = (~np.isnan(values)).sum(axis=0) >= 2
    if not pairable.any():
        raise CodingError("alpha is undefined: no item was coded by two or more coders")
    paired = values[:, pairable]
    if len(np.unique(paired[~np.isnan(paired)])) <= 1:
        raise CodingError(
            "alpha is undefined: every code of the items coded by two or more coders is "
            "the same value, so agreement cannot be told apart from chance"
        )
    return _alpha(values, domain, level)


def _coders_by_items(data: Any) -> np.ndarray:
    """``data`` as a two-dimensional object array (coders x items), at least two coders."""
    if isinstance(data, pd.DataFrame):
        table = data.to_numpy(dtype=object)
    else:
        try:
            table = np.array(data, dtype=object)
        except ValueError as exc:
            raise ValueError(f"data must be a rectangular coders x items table: {exc}") from None
    if table.ndim != 2:
        raise ValueError(f"data must be two-dimensional (coders x items), got {table.ndim} dimension(s)")
    if table.shape[0] < 2:
        raise CodingError(f"alpha needs at least two coders (rows), got {table.shape[0]}")
    return table


def _numeric_codes(
    table: np.ndarray, level: str, value_domain: Sequence[Any] | None
) -> tuple[np.ndarray, np.ndarray]:
    """Codes as floats (NaN missing) and the ordered value domain they are drawn from.

    Without ``value_domain`` the domain is the sorted distinct codes. Text codes
    become their positions in the domain: nominal distances only ask whether two
    codes are equal, and ordinal ones only use the order and the counts.
    """
    missing = np.vectorize(_is_blank, otypes=[bool])(table) if table.size else np.zeros(table.shape, bool)
    present = table[~missing]
    values = np.full(table.shape, np.nan)
    if all(_is_number(v) for v in present):
        values[~missing] = present.astype(float)
        if value_domain is None:
            domain = np.unique(values[~missing])
        else:
            domain = np.asarray(value_domain, dtype=float)
    else:
        if any(not isinstance(v, str) for v in present):
            raise ValueError("data mixes text and numbers (or holds other objects); use one kind")
        if level in ("interval", "ratio"):
            raise ValueError(f"level={level!r} needs numeric codes, got text")
        if value_domain is None and level == "ordinal":
            raise ValueError("ordinal text codes need value_domain=, the codes in order")
        categories = sorted(set(present.tolist())) if value_domain is None else [str(v) for v in value_domain]
        outside = sorted(set(present.tolist()) - set(categories))
        if outside:
            raise ValueError(f"codes {outside} are not in value_domain")
        position = {c: k for k, c in enumerate(categories)}
        values[~missing] = [position[v] for v in present]
        domain = np.arange(len(categories), dtype=float)
    out_of_domain = set(np.unique(values[~missing]).tolist()) - set(domain.tolist())
    if out_of_domain:
        raise ValueError(f"codes {sorted(out_of_domain)} are not in value_domain")
    if len(set(domain.tolist())) != len(domain):
        raise ValueError("value_domain lists a value twice")
    if level == "ratio" and (domain < 0).any():
        raise ValueError("level='ratio' needs codes of 0 or more (a ratio scale has a true zero)")
    return values, domain


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, (bool, np.bool_))


def _alpha(values: np.ndarray, domain: np.ndarray, level: str) -> float:
    """Krippendorff's alpha from its definition (Krippendorff 2011).

    ``values`` is coders x items (NaN missing), ``domain`` the ordered values. With
    ``n_uc`` the number of coders who gave value c to item u and ``m_u`` the codes
    of item u, only items with ``m_u >= 2`` (pairable) count:

    * observed coincidences ``o_ck = sum_u (n_uc n_uk - [c = k] n_uc) / (m_u - 1)``
      (every ordered pair of codes of one item by two different coders, each item
      weighted so it contributes ``m_u`` pairable values);
    * ``n_c = sum_k o_ck`` and ``n = sum_c n_c``;
    * expected coincidences ``e_ck = (n_c n_k - [c = k] n_c) / (n - 1)``;
    * alpha ``= 1 - sum_ck o_ck d_ck / sum_ck e_ck d_ck`` with the squared distance
      ``d_ck`` of the level (:func:`_distances`).
    """
    # Values-by-items counts: n_uc, one row per item, one column per domain value.
    counts = np.stack([(values == v).sum(axis=0) for v in domain], axis=1)
    counts = counts[counts.sum(axis=1) >= 2]
    m = counts.sum(axis=1)
    pairs = counts[:, :, np.newaxis] * counts[:, np.newaxis, :]
    diagonal = np.arange(len(domain))
    pairs[:, diagonal, diagonal] -= counts  # a code is never paired with itself
    observed = (pairs / (m - 1)[:, np.newaxis, np.newaxis]).sum(axis=0)
    n_c = observed.sum(axis=0)
    expected = (np.outer(n_c, n_c) - np.diag(n_c)) / (n_c.sum() - 1)
    distances = _distances(domain, n_c, level)
    return float(1 - (observed * distances).sum() / (expected * distances).sum())


def _distances(domain: np.ndarray, n_c: np.ndarray, level: str) -> np.ndarray:
    """Squared distance ``d_ck`` between every two values of the domain, per level.

    nominal: 0 if equal, else 1; interval: ``(c - k)**2``; ratio:
    ``((c - k) / (c + k))**2``; ordinal: ``(sum_{g=c..k} n_g - (n_c + n_k) / 2)**2``
    over the values ranked between c and k (so the distance grows with how many
    pairable values lie between them, not with the codes' numbers). Equal values
    are at distance 0.
    """
    size = len(domain)
    if level == "nominal":
        return 1.0 - np.eye(size)
    rank = np.arange(size)
    lo, hi = np.minimum.outer(rank, rank), np.maximum.outer(rank, rank)
    if level == "ordinal":
        # sum_{g=lo..hi} n_g for every pair: numpy's sums over consecutive ranges
        # (reduceat over the start and the end of each range; odd slots are the gaps).
        bounds = np.stack([lo, hi + 1], axis=-1).ravel()
        between = np.add.reduceat(np.append(n_c, 0.0), bounds)[::2].reshape(size, size)
        return (between - (n_c[lo] + n_c[hi]) / 2) ** 2
    c, k = domain[:, np.newaxis], domain[np.newaxis, :]
    if level == "interval":
        return (c - k) ** 2
    with np.errstate(invalid="ignore", divide="ignore"):
        ratio = np.where(c == k, 0.0, (c - k) / (c + k))
    return ratio**2


def alpha_by_field(
    sheets: Sequence[pd.DataFrame | str | os.PathLike[str]],
    *,
    fields: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Krippendorff's alpha per coded field, from two or more coded copies of a sheet.

    Parameters
    ----------
    sheets : sequence of pandas.DataFrame, str or os.PathLike
        One coded sheet per coder (files are read with :func:`read_coding`), usually
        copies of one blind sheet. Items are aligned by ``item_id``; an item missing
        from a sheet, or left blank, is a missing code.
    fields : sequence of str, optional
        Fields to measure; default every ``coded_*`` field of at least two sheets.

    Returns
    -------
    pandas.DataFrame
        One row per field: ``field``; ``n_items`` (items coded by at least two
        coders, the ones alpha uses); ``n_coders`` (sheets with at least one code
        for it); ``alpha`` (NaN when undefined); ``level`` (``"nominal"``); ``note``
        (why alpha is missing, else missing).

    Notes
    -----
    Every field is nominal. Speakers are compared in the lenient form of
    :func:`validation_report` (case, "the", titles dropped), and within an item a
    surname alone is taken to be the full name another coder wrote for it.
    """
    if isinstance(sheets, (pd.DataFrame, str, os.PathLike)) or len(sheets) < 2:
        raise ValueError("alpha_by_field needs a sequence of two or more coded sheets")
    read = [read_coding(s) for s in sheets]
    counts: dict[str, int] = {}
    for sheet in read:
        for column in sheet.columns:
            if column.startswith("coded_"):
                counts[column[len("coded_"):]] = counts.get(column[len("coded_"):], 0) + 1
    wanted = list(fields) if fields is not None else [f for f, k in counts.items() if k >= 2]
    items = sorted(set().union(*(set(s["item_id"].tolist()) for s in read)))
    position = {item: k for k, item in enumerate(items)}
    rows: list[dict[str, Any]] = []
    for field in wanted:
        column = f"coded_{field}"
        table: list[list[Any]] = []
        for sheet in read:
            codes: list[Any] = [None] * len(items)
            if column in sheet.columns:
                for item, value in zip(sheet["item_id"].tolist(), sheet[column].astype(object).tolist()):
                    if not _is_blank(value):
                        codes[position[item]] = str(value)
            table.append(codes)
        if field == "speaker":
            table = _unify_speakers(table)
        coders = sum(any(v is not None for v in codes) for codes in table)
        n_items = sum(sum(codes[k] is not None for codes in table) >= 2 for k in range(len(items)))
        note = None
        try:
            alpha = krippendorff_alpha(table, level="nominal")
        except CodingError as exc:
            alpha, note = math.nan, exc.reason
        rows.append(
            {"field": field, "n_items": n_items, "n_coders": coders, "alpha": alpha,
             "level": "nominal", "note": note}
        )
    out = pd.DataFrame.from_records(rows, columns=["field", "n_items", "n_coders", "alpha", "level", "note"])
    return out.astype(
        {"field": "str", "n_items": "int64", "n_coders": "int64", "alpha": "float64",
         "level": "str", "note": "str"}
    )


def _unify_speakers(table: list[list[Any]]) -> list[list[Any]]:
    """Speakers in lenient form; within an item, a lone surname becomes the full name
    another coder gave for it when exactly one such name ends in it."""
    keys: list[list[str | None]] = [
        [None if v is None else _speaker_key(v) for v in codes] for codes in table
    ]
    for k in range(len(keys[0]) if keys else 0):
        names = {name for codes in keys if (name := codes[k])}
        for codes in keys:
            value = codes[k]
            if value and " " not in value:
                fuller = {m for m in names if " " in m and _surname(m.split()[-1]) == _surname(value)}
                if len(fuller) == 1:
                    codes[k] = fuller.pop()
    return keys
