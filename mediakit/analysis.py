"""``analyze()``: the one call notebooks and scripts use (issue 4).

``analyze(corpus)`` splits every article into sentences, finds every lexicon label
(with its voice and speaker), scores each sentence with VADER and each mention twice
(as written and label-masked), and aggregates sentence scores to documents. The
result is an :class:`Analysis` holding the four tables and the lexicon used. A
mention points at its sentence (``doc_id``, ``sentence_id``) rather than carrying its
text: :meth:`Analysis.mentions_with_sentences` joins the text back when wanted.

About the tone columns: VADER follows human judgement only moderately on news
sentences (about r = 0.5 in Hutto & Gilbert's 2014 evaluation on New York Times op-ed
snippets), so compare averages over many sentences and read the sentences behind
them. ``compound`` of a mention includes the valence of the label itself
("terrorists" is -3.1 in VADER's lexicon); ``compound_masked`` scores the same
sentence with every lexicon term replaced by a neutral word and so measures the
surrounding wording only. See :mod:`mediakit.sentiment`.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from . import _parallel
from ._docstrings import share_docs
from ._parallel import N_JOBS
from ._parallel import resolve_n_jobs as _resolve_n_jobs
from ._validation import validate_params
from .document import Document
from .document import documents as each_document
from .events import EventLexicon, _article_events, _event_rows_frame, load_event_lexicon
from .lexicon import Lexicon, LexiconLike, resolve_lexicon
from .mentions import MentionRows
from .sentiment import (
    MASK_TOKEN,
    SCORE_COLUMNS,
    ScoreMemo,
    check_mask_token,
    score_documents,
)
from .text import SentenceRows

__all__ = ["Analysis", "analyze"]

# Articles per unit of work. Small enough for a smooth progress bar and bounded
# memory per worker, large enough that process overhead stays small.
_CHUNK_ARTICLES = 200

SUMMARY_COLUMNS: tuple[str, ...] = (
    "outlet",
    "n_articles",
    "n_words",
    "n_mentions",
    "top_label",
    "top_label_share",
)


@dataclass(frozen=True, eq=False)
class Analysis:
    """The result of :func:`analyze`: the corpus, its scored tables and the lexicon.

    Attributes
    ----------
    corpus
        The validated corpus (a shallow copy; the caller's frame is never changed).
    documents
        One row per article, corpus order: ``doc_id, outlet, date, title,
        n_sentences, n_words, compound_mean, compound_median, pos_share, neg_share,
        neu_share`` (see :func:`mediakit.score_documents`).
    sentences
        One row per sentence: ``doc_id, sentence_id, start, end, text, n_words, neg,
        neu, pos, compound`` (see :func:`mediakit.score_sentences`).
    mentions
        One row per label occurrence: the columns of :func:`mediakit.find_mentions`
        except ``sentence`` (``doc_id, outlet, date, actor, label, pattern, match,
        start, end, sentence_id, voice, speaker, named_groups, referent,
        referent_rule, in_scope, scope_rule, form, sentence_start, sentence_end``),
        then ``compound, compound_masked, label_valence`` (see
        :func:`mediakit.score_mentions`). A mention points at its sentence, the row
        of ``sentences`` with the same ``(doc_id, sentence_id)``, instead of
        carrying its text, so a long sentence is stored once however many labels
        it holds; :meth:`mentions_with_sentences` (or
        :func:`mediakit.mention_sentences`) joins the text back, and the masked
        text ``compound_masked`` scored.
    lexicon
        The :class:`mediakit.Lexicon` the mentions were found with.
    events
        With ``analyze(corpus, lexicon, events=True)`` (or an event lexicon), one row
        per violent or coercive event trigger: the table of
        :func:`mediakit.find_events` (columns :data:`mediakit.events.EVENT_COLUMNS`),
        equal to ``find_events(analysis.corpus, analysis.lexicon, events=...)`` but
        read from the same split and scanned articles as the other tables. None when
        events were not asked for.

    VADER agrees with people only moderately on news (about r = 0.5); ``compound``
    of a mention carries the label's own valence, ``compound_masked`` does not.
    """

    corpus: pd.DataFrame
    documents: pd.DataFrame
    sentences: pd.DataFrame
    mentions: pd.DataFrame
    lexicon: Any
    events: pd.DataFrame | None = None

    def mentions_with_sentences(self, *, masked: bool = False) -> pd.DataFrame:
        """:attr:`mentions` with each mention's sentence text joined back.

        The same as ``mediakit.mention_sentences(analysis.mentions,
        analysis.sentences, masked=masked, lexicon=analysis.lexicon)``: a copy of
        the mentions table with ``sentence`` (str) after ``sentence_id`` and, with
        ``masked=True``, ``sentence_masked`` (str, the sentence with every label of
        the lexicon replaced by a neutral word: the text ``compound_masked``
        scores) as the last column. The result holds one copy of the sentence per
        mention: on a large table, filter the rows first and call
        :func:`mediakit.mention_sentences` on them.

        Parameters
        ----------
        masked : bool, default False
            Also add ``sentence_masked``, computed now.

        Returns
        -------
        pandas.DataFrame
        """
        from .mentions import mention_sentences

        return mention_sentences(self.mentions, self.sentences, masked=masked,
                                 lexicon=self.lexicon if masked else None)

    def summary(self) -> pd.DataFrame:
        """A small per-outlet overview, one row per outlet (sorted by outlet).

        Returns
        -------
        pandas.DataFrame
            ``outlet``; ``n_articles`` (int64); ``n_words`` (int64, sum over its
            articles); ``n_mentions`` (int64, label occurrences, all voices);
            ``top_label`` (str, its most frequent label, ties broken
            alphabetically; missing without mentions); ``top_label_share``
            (float64, that label's share of the outlet's mentions).
        """
        docs = self.documents
        per_outlet = docs.groupby("outlet", sort=True).agg(
            n_articles=("doc_id", "size"),
            n_words=("n_words", "sum"),
        )
        counts = (
            self.mentions.groupby(["outlet", "label"], sort=True).size().rename("n")
            if len(self.mentions)
            else pd.Series(dtype="int64", name="n")
        )
        n_mentions = counts.groupby(level=0).sum() if len(counts) else pd.Series(dtype="int64")
        top_label: dict[Any, str] = {}
        top_share: dict[Any, float] = {}
        for outlet, group in counts.groupby(level=0, sort=True) if len(counts) else []:
            ranked = group.droplevel(0).sort_index().sort_values(ascending=False, kind="stable")
            top_label[outlet] = ranked.index[0]
            top_share[outlet] = float(ranked.iloc[0] / ranked.sum())
        out = per_outlet.reset_index()
        out["n_mentions"] = out["outlet"].map(n_mentions).fillna(0).astype("int64")
        out["top_label"] = pd.Series(out["outlet"].map(top_label), dtype="str")
        out["top_label_share"] = out["outlet"].map(top_share).astype("float64")
        return out[list(SUMMARY_COLUMNS)]

    def __repr__(self) -> str:
        events = "" if self.events is None else f"{len(self.events)} events, "
        return (
            f"Analysis({len(self.documents)} documents, {len(self.sentences)} sentences, "
            f"{len(self.mentions)} mentions, {events}"
            f"lexicon={getattr(self.lexicon, 'name', None)!r})"
        )


def _validated(corpus: pd.DataFrame) -> pd.DataFrame:
    from .corpus import validate_corpus

    if not isinstance(corpus, pd.DataFrame):
        raise TypeError(f"corpus must be a DataFrame, got {type(corpus).__name__}")
    checked = validate_corpus(corpus)
    # validate_corpus may return the corpus (possibly normalised) or only check it.
    return (checked if isinstance(checked, pd.DataFrame) else corpus).copy(deep=False)


@dataclass
class _Run:
    """What the chunks of one analysis share within a process: the lexicon and the
    memo of scores (and label valences) already computed."""

    lexicon: Lexicon
    memo: ScoreMemo = field(default_factory=ScoreMemo)
    #: With ``analyze(events=...)``: the event lexicon, and the event rows of the
    #: chunks analysed so far (read by the caller).
    events: EventLexicon | None = None
    event_rows: list[tuple[Any, ...]] = field(default_factory=list)


def _warm_up(lexicon: Lexicon) -> None:
    """Build the lazily built models in this process (Punkt, VADER's tables, the
    lexicon's matcher), so that forked workers start with them instead of each
    building its own."""
    doc = Document('Warm up. Dr. Smith said: "Yes," she said. Done.', lexicon)
    doc.masked_sentences(range(len(doc.sentences)))
    doc.voice_spans()
    ScoreMemo().scores(["warm up"])


def _analyze_chunk(
    corpus_chunk: pd.DataFrame, run: _Run, *, documents: bool = True
) -> tuple[pd.DataFrame | None, pd.DataFrame, pd.DataFrame]:
    """Documents, sentences and mentions of some articles, all scored.

    ``corpus_chunk`` is validated and holds the columns of :data:`_WORK_COLUMNS`;
    ``run`` gives the lexicon and the memo of scores shared with earlier chunks.
    This is the unit of parallel, streamed and Dask work: the result for a corpus is
    the concatenation, in order, of the results for its chunks (index reset).

    Each article is one :class:`~mediakit.document.Document`, split into sentences
    and scanned once for both tables; a mention's ``compound`` is its sentence row's
    score, and its sentence is masked and scored once however many labels it holds.
    With ``documents=False`` the documents table is left to the caller (None):
    :func:`analyze` builds it once from all sentences, which gives the same rows as
    building it per chunk.
    """
    sentence_rows = SentenceRows()
    mention_rows = MentionRows(sentence=False)  # a mention points at its sentence row
    sentence_texts: list[str] = []
    mention_rows_of_sentences: list[int] = []  # each mention's row in the sentences table
    masked: list[str] = []  # each mention's masked sentence (scored, not kept)
    events = run.events
    titles = corpus_chunk["title"].tolist() if events is not None else []
    for n, doc in enumerate(each_document(corpus_chunk, run.lexicon)):
        if events is not None:  # analyze(events=...): read from the same Document
            _article_events(run.event_rows, doc, titles[n], events)
        first_row = len(sentence_texts)
        sentence_texts.extend(sentence_rows.add(doc.doc_id, doc.text, doc.sentences))
        ids = mention_rows.add(doc)
        if ids:
            mention_rows_of_sentences.extend(first_row + k for k in ids)
            masks = doc.masked_sentences(ids)
            masked.extend(masks[k] for k in ids)

    memo = run.memo
    sentence_scores = memo.scores(sentence_texts)
    sentences = sentence_rows.frame()
    for j, column in enumerate(SCORE_COLUMNS):
        sentences[column] = sentence_scores[:, j]

    rows = np.asarray(mention_rows_of_sentences, dtype=np.intp)
    mentions = mention_rows.frame(corpus_chunk)
    compound = sentence_scores[rows, 3] if len(rows) else np.empty(0)
    mentions["compound"] = compound
    mentions["compound_masked"] = memo.masked_compounds(masked)
    mentions["label_valence"] = memo.label_valences(mention_rows.columns["match"])

    if not documents:
        return None, sentences, mentions
    return score_documents(sentences, corpus=corpus_chunk), sentences, mentions


def _chunks(frame: pd.DataFrame, size: int) -> Iterator[pd.DataFrame]:
    for start in range(0, len(frame), size):
        yield frame.iloc[start : start + size]


#: Columns of the corpus a chunk of work needs (the documents table carries the
#: first four; the mentions table doc_id, outlet, date; the text is analysed).
_WORK_COLUMNS = ("doc_id", "outlet", "date", "title", "text")


def _work_frame(corpus_chunk: pd.DataFrame) -> pd.DataFrame:
    """The columns of a validated corpus chunk that the analysis reads, without attrs
    (the loader's skipped-records table need not travel to workers)."""
    work = corpus_chunk[list(_WORK_COLUMNS)]
    work.attrs = {}
    return work


def _run_chunks(
    chunks: Iterable[pd.DataFrame],
    lexicon: Any,
    *,
    workers: int,
    progress: bool,
    total: int | None,
    documents: bool = True,
    run: _Run | None = None,
    event_tables: list[pd.DataFrame] | None = None,
) -> Iterator[tuple[pd.DataFrame | None, pd.DataFrame, pd.DataFrame]]:
    """Analyse validated corpus chunks in order, in this process or in ``workers``
    processes (:func:`mediakit._parallel.run_chunks`), yielding each chunk's
    (documents, sentences, mentions); documents is None with ``documents=False``
    (see :func:`_analyze_chunk`). In this process, ``run`` (a new one when None)
    holds the chunks' memo of scores and, when it has an event lexicon, collects
    their event rows; with ``event_tables`` (a list, and ``run`` with an event
    lexicon) each chunk's events table is appended to it instead, before the
    chunk's tables are yielded (in the workers too: :func:`analyze_stream`).
    """
    if workers > 1:
        yield from _parallel.run_chunks(
            (_work_frame(chunk) for chunk in chunks),
            lexicon,
            workers=workers,
            progress=progress,
            total=total,
            documents=documents,
            events=None if run is None or event_tables is None else run.events,
            event_tables=event_tables,
        )
        return
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=total, desc="splitting, matching, scoring", unit="article", file=sys.stderr)
    try:
        if run is None:
            run = _Run(lexicon)
        for chunk in chunks:
            work = _work_frame(chunk)
            result = _analyze_chunk(work, run, documents=documents)
            if event_tables is not None and run.events is not None:
                event_tables.append(_event_rows_frame(run.event_rows, work))
                run.event_rows = []
            if bar is not None:
                bar.update(len(chunk))
            yield result
    finally:
        if bar is not None:
            bar.close()


def _concat(parts: list[pd.DataFrame]) -> pd.DataFrame:
    return pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0].reset_index(drop=True)


#: What ``analyze(events=...)`` accepts: True/False, or an event lexicon (its name,
#: path, dict or :class:`mediakit.EventLexicon`, as ``find_events(events=...)``).
_EVENTS_OPTION: list[Any] = [bool, str, os.PathLike, Mapping, EventLexicon]


@validate_params({"n_jobs": N_JOBS, "progress": [bool], "events": _EVENTS_OPTION})
@share_docs
def analyze(
    corpus: pd.DataFrame,
    lexicon: LexiconLike | None = None,
    *,
    n_jobs: int = 1,
    progress: bool = False,
    events: bool | EventLexicon | str | os.PathLike[str] | Mapping[str, Any] = False,
) -> Analysis:
    """Sentences, mentions and tone of a corpus in one call.

    Parameters
    ----------
    {corpus}
        Validated first (:func:`mediakit.corpus.validate_corpus`).
    {lexicon}
    {n_jobs}
        Articles are split into chunks that the workers analyse and score whole
        (each chunk travels once each way).
    {progress}
    events : bool, str, path, dict or EventLexicon, default False
        Also find the corpus's violent and coercive events (:attr:`Analysis.events`,
        the table of :func:`mediakit.find_events`): True with the bundled ``violence``
        event lexicon, or the event lexicon to use (as ``find_events(events=...)``).
        They are read from the same per-article Documents as the other tables, so an
        article is split into sentences, scanned for labels and its quotations
        attributed once for both (in the workers too, with ``n_jobs``): cheaper than
        calling :func:`mediakit.find_events` afterwards, with the same rows.

    Returns
    -------
    Analysis
        ``documents``, ``sentences`` and ``mentions`` (all scored; columns listed on
        :class:`Analysis`), the validated ``corpus``, the ``lexicon`` and, with
        ``events``, the ``events`` table (else None).

    Raises
    ------
    InvalidParameterError
        A bad ``n_jobs``, ``progress`` or ``events``.
    MissingColumnsError, CorpusError
        The corpus lacks a column or fails validation.
    LexiconError
        The lexicon or the event lexicon cannot be loaded.

    Each distinct sentence is scored once per process, however often it recurs
    (wire copy, boilerplate), and so is each distinct masked sentence (a process's
    memo of scores is capped at 50,000 texts, then starts afresh). VADER is applied per
    sentence, never to a whole article. VADER's agreement with human judgement on
    news sentences is moderate (about r = 0.5, Hutto & Gilbert 2014).

    For a corpus too large for memory use :func:`mediakit.analyze_stream` (chunks
    read from files, tables written to Parquet); on a cluster,
    :func:`mediakit.analyze_dask`. Both give the same tables, the events table
    included (their ``events`` option is this one's).
    """
    workers = _resolve_n_jobs(n_jobs)
    corpus = _validated(corpus)
    lexicon = resolve_lexicon(lexicon)
    # Masking must not add valence; check the token before any work.
    check_mask_token(MASK_TOKEN, lexicon, caller="analyze")
    event_lexicon = (
        None if events is False else load_event_lexicon(None if events is True else events)
    )
    all_events: pd.DataFrame | None = None

    if _parallel.worth_workers(corpus, workers):
        # chunks cut by text length, all the tables made in the workers and sent
        # back as columns (mediakit._parallel)
        documents, all_sentences, all_mentions, all_events = _parallel.analyze_chunks(
            _work_frame(corpus), lexicon, workers=workers, progress=progress, events=event_lexicon
        )
    else:
        chunks = list(_chunks(corpus, _CHUNK_ARTICLES)) or [corpus]
        sentences, mentions = [], []
        run = _Run(lexicon, events=event_lexicon)
        for _, chunk_sentences, chunk_mentions in _run_chunks(
            chunks, lexicon, workers=1, progress=progress, total=len(corpus), documents=False,
            run=run,
        ):
            sentences.append(chunk_sentences)
            mentions.append(chunk_mentions)
        all_sentences, all_mentions = _concat(sentences), _concat(mentions)
        # One groupby over all sentences instead of one per chunk (documents never
        # span chunks, so the rows are the same).
        documents = score_documents(all_sentences, corpus=_work_frame(corpus))
        if event_lexicon is not None:
            all_events = _event_rows_frame(run.event_rows, corpus)
    return Analysis(
        corpus=corpus,
        documents=documents,
        sentences=all_sentences,
        mentions=all_mentions,
        lexicon=lexicon,
        events=all_events,
    )
