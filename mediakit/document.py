"""One article, prepared once: the per-document record behind every per-article table.

:func:`mediakit.find_mentions`, :func:`mediakit.kwic`, :func:`mediakit.collocates`,
:func:`mediakit.audit_lexicon` and :func:`mediakit.analyze` each need some of the same
facts about an article: its sentences, the lexicon's matches, its words and the voice
(narration, quote, scare quote) of a stretch of it. A :class:`Document` computes each
fact on first use and keeps it, so an article is split into sentences, scanned and
tokenised at most once however many of those facts a table needs, and every table
reads them the same way. :func:`documents` yields one per corpus row.

This is the seam between the per-article steps (:mod:`mediakit.text`,
:mod:`mediakit.lexicon`, :mod:`mediakit.voice`, :mod:`mediakit.sentiment`) and the
table builders: a builder takes a Document, never the steps' private helpers.

=================  =============================================================
fact               computed by
=================  =============================================================
``sentences``      :func:`mediakit.text.split_sentences`
``paragraphs``     :func:`mediakit.text.split_paragraphs`
``hits``           :meth:`mediakit.Lexicon.scan` (labels and named groups)
``token_starts``,  :func:`mediakit.text.tokenize`
``token_ends``
``words``          :func:`mediakit.text.words`
``voice_at``       :mod:`mediakit.voice`: only the quotations up to the last one
                   holding a given span get their speaker found, each once however
                   many calls ask (the mentions' and the events' of one article)
=================  =============================================================
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Iterator
from typing import Any

import pandas as pd

from . import voice as _voice
from ._tables import iter_documents, sentence_index
from .lexicon import Hit, Lexicon
from .sentiment import MASK_TOKEN, mask_labels
from .text import split_paragraphs, split_sentences, tokenize
from .text import words as words_of

__all__ = ["Document", "documents"]


class Document:
    """One article and the facts about it that mediakit's tables read.

    Every fact is computed on first use and kept (see the module docstring).

    Parameters
    ----------
    text : str
        The article text; offsets in every fact index it.
    lexicon : Lexicon, optional
        The lexicon of :attr:`hits` (needed only for hits, labels and masking).
    doc_id, outlet, date : optional
        The article's corpus values, carried for the table builders.
    sentences : list of tuple[int, int], optional
        The article's sentence spans when the caller has them already.

    Attributes
    ----------
    text, lexicon, doc_id, outlet, date
        As given.
    """

    __slots__ = (
        "_hit_starts", "_hits", "_labels", "_paragraphs", "_sentence_starts", "_sentences",
        "_token_ends", "_token_starts", "_voice", "_voice_spans", "_words",
        "date", "doc_id", "lexicon", "outlet", "text",
    )  # fmt: skip

    def __init__(
        self,
        text: str,
        lexicon: Lexicon | None = None,
        *,
        doc_id: Any = None,
        outlet: Any = None,
        date: Any = None,
        sentences: list[tuple[int, int]] | None = None,
    ) -> None:
        self.text = text
        self.lexicon = lexicon
        self.doc_id = doc_id
        self.outlet = outlet
        self.date = date
        self._sentences = sentences
        self._sentence_starts: list[int] | None = None
        self._paragraphs: list[tuple[int, int]] | None = None
        self._hits: list[Hit] | None = None
        self._hit_starts: list[int] | None = None
        self._labels: list[Hit] | None = None
        self._words: list[str] | None = None
        self._token_starts: list[int] | None = None
        self._token_ends: list[int] | None = None
        self._voice_spans: list[_voice.VoiceSpan] | None = None
        self._voice: _voice._VoiceState | None = None

    def __repr__(self) -> str:
        return f"Document(doc_id={self.doc_id!r}, {len(self.text)} characters)"

    # -- sentences and paragraphs -----------------------------------------------------
    @property
    def sentences(self) -> list[tuple[int, int]]:
        """Sentence spans ``(start, end)`` (:func:`mediakit.text.split_sentences`)."""
        if self._sentences is None:
            self._sentences = split_sentences(self.text)
        return self._sentences

    @property
    def sentence_starts(self) -> list[int]:
        """The start offset of each sentence."""
        if self._sentence_starts is None:
            self._sentence_starts = [s for s, _ in self.sentences]
        return self._sentence_starts

    def sentence_of(self, position: int) -> int:
        """The sentence holding a character offset.

        Parameters
        ----------
        position : int
            An offset into :attr:`text`.

        Returns
        -------
        int
            The ``sentence_id`` of the last sentence starting at or before
            ``position`` (0 before the first).
        """
        return sentence_index(self.sentence_starts, position)

    @property
    def paragraphs(self) -> list[tuple[int, int]]:
        """Paragraph spans (:func:`mediakit.text.split_paragraphs`)."""
        if self._paragraphs is None:
            self._paragraphs = split_paragraphs(self.text)
        return self._paragraphs

    # -- the lexicon's matches ----------------------------------------------------------
    @property
    def hits(self) -> list[Hit]:
        """Every match of the lexicon, labels and named groups, in text order
        (:meth:`mediakit.Lexicon.scan`)."""
        if self._hits is None:
            if self.lexicon is None:
                raise ValueError("this Document has no lexicon to scan with")
            self._hits = self.lexicon.scan(self.text) if self.text else []
        return self._hits

    @property
    def labels(self) -> list[Hit]:
        """The label matches among :attr:`hits`."""
        if self._labels is None:
            self._labels = [hit for hit in self.hits if hit[2].kind == "label"]
        return self._labels

    # -- words ---------------------------------------------------------------------------
    def _tokenize(self) -> tuple[list[int], list[int]]:
        # Two lists of ints, not a list of (start, end) tuples: an article's tokens
        # are kept for as long as the Document, and ints cost the garbage collector
        # nothing to look through.
        spans = tokenize(self.text)
        self._token_starts = starts = [s for s, _ in spans]
        self._token_ends = ends = [e for _, e in spans]
        return starts, ends

    @property
    def token_starts(self) -> list[int]:
        """The start offset of each word token (:func:`mediakit.text.tokenize`)."""
        return self._tokenize()[0] if self._token_starts is None else self._token_starts

    @property
    def token_ends(self) -> list[int]:
        """The end offset of each word token."""
        return self._tokenize()[1] if self._token_ends is None else self._token_ends

    @property
    def words(self) -> list[str]:
        """The article's words (:func:`mediakit.text.words`), one per token."""
        if self._words is None:
            self._words = words_of(self.text, spans=zip(self.token_starts, self.token_ends))
        return self._words

    # -- voice ---------------------------------------------------------------------------
    def voice_spans(self) -> list[_voice.VoiceSpan]:
        """Every quotation and scare quote of the article, with speakers.

        Returns
        -------
        list of mediakit.voice.VoiceSpan
            :func:`mediakit.voice.voice_spans` of :attr:`text`, computed once.
        """
        if self._voice_spans is None:
            if not isinstance(self.text, str):
                raise TypeError(f"voice_spans expects a str, got {type(self.text).__name__}")
            self._voice_spans = list(self._voice_state().spans())
        return self._voice_spans

    def _voice_state(self) -> _voice._VoiceState:
        """The article's quotations attributed so far (shared by every voice call)."""
        if self._voice is None:
            self._voice = _voice._VoiceState(self.text)
        return self._voice

    def voice_at(
        self, starts: list[int], ends: list[int]
    ) -> tuple[list[str], list[str | None]]:
        """Voice and speaker of each range ``[starts[i], ends[i])``.

        As :func:`mediakit.voice.voice_at` on :meth:`voice_spans`, but unless all
        spans are known already only the quotations up to the last one holding a
        range are attributed: a span's voice and speaker depend on the spans before
        it only, so the answer is the same.

        Parameters
        ----------
        starts, ends : list of int
            The ranges, as two lists of the same length.

        Returns
        -------
        voices : list of str
            ``"narration"``, ``"quote"`` or ``"scare_quote"`` per range (a range
            only partly inside a quotation is narration).
        speakers : list of str or None
            The quoted speaker, where the text names one.
        """
        spans = self._voice_spans
        if spans is None:
            # the quotations up to the last one holding a range, attributed once
            # however many tables (mentions, events) ask
            spans = self._voice_state().spans((starts, ends)) if self.text else []
        return _voice._voice_at_lists(spans, starts, ends)

    # -- masking -------------------------------------------------------------------------
    def masked_sentence(self, k: int, *, mask_token: str = MASK_TOKEN) -> str:
        """Sentence ``k`` with every lexicon label replaced by ``mask_token``.

        Equal to :func:`mediakit.sentiment.mask_labels` of the sentence alone, from
        the article's own scan where that gives the same matches: the lexicon's
        guards only look at the letters, digits, hyphens and apostrophes next to a
        match, so when whitespace (or the text's edge) surrounds the sentence and no
        match of the article crosses its edges, scanning the sentence alone finds
        exactly the article's matches inside it. Any other sentence is scanned on
        its own.

        Parameters
        ----------
        k : int
            A ``sentence_id`` of this document.
        mask_token : str, default "actor"

        Returns
        -------
        str
        """
        text, hits = self.text, self.hits
        assert self.lexicon is not None  # hits needs one
        if self._hit_starts is None:
            self._hit_starts = [hit[0] for hit in hits]
        s, e = self.sentences[k]
        i = bisect_left(self._hit_starts, s)
        j = bisect_left(self._hit_starts, e)
        reusable = (
            (s == 0 or text[s - 1].isspace())
            and (e == len(text) or text[e].isspace())
            and (i == 0 or hits[i - 1][1] <= s)  # no match runs into the sentence
            and (j == i or hits[j - 1][1] <= e)  # nor out of it
        )
        if reusable:
            return mask_labels(text, self.lexicon, mask_token=mask_token,
                               hits=hits[i:j], span=(s, e))
        return mask_labels(text[s:e], self.lexicon, mask_token=mask_token)

    def masked_sentences(
        self, sentence_ids: Iterable[int], *, mask_token: str = MASK_TOKEN
    ) -> dict[int, str]:
        """:meth:`masked_sentence` of each of ``sentence_ids`` (each computed once).

        Parameters
        ----------
        sentence_ids : iterable of int
        mask_token : str, default "actor"

        Returns
        -------
        dict of int to str
        """
        return {k: self.masked_sentence(k, mask_token=mask_token) for k in dict.fromkeys(sentence_ids)}


def documents(corpus: pd.DataFrame, lexicon: Lexicon | None = None) -> Iterator[Document]:
    """One :class:`Document` per corpus row, in order (a missing text is ``""``).

    Parameters
    ----------
    corpus : pandas.DataFrame
        Needs ``doc_id``, ``outlet`` and ``text`` (``date`` when present).
    lexicon : Lexicon, optional
        Shared by every document.

    Yields
    ------
    Document
    """
    for doc_id, outlet, date, text in iter_documents(corpus):
        yield Document(text, lexicon, doc_id=doc_id, outlet=outlet, date=date)
