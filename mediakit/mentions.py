"""The mentions table: every label of a lexicon in the corpus, with provenance.

:func:`find_mentions` takes the corpus table (``doc_id, outlet, date, text``; see
:mod:`mediakit.corpus`) first, never modifies it, and returns a new tidy DataFrame
whose columns are listed in its docstring. Matching follows the rules of
:mod:`mediakit.lexicon` (case-insensitive token globs, leftmost-longest, no span
counted twice); sentences come from :func:`mediakit.text.split_sentences` and voice
and speaker from :func:`mediakit.voice.voice_spans`, computed on the whole article so
that a quotation running over several sentences or paragraphs is recognised.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from typing import Any

import pandas as pd

from ._docstrings import share_docs
from ._tables import make_frame
from ._validation import check_table, validate_params
from .document import Document, documents
from .errors import InvalidParameterError
from .lexicon import LexiconLike, resolve_lexicon
from .referents import decide_referents
from .sentiment import MASK_TOKEN, _mask_distinct, check_mask_token

__all__ = ["MENTION_COLUMNS", "find_mentions", "mention_sentences"]

MENTION_COLUMNS: tuple[str, ...] = (
    "doc_id", "outlet", "date", "actor", "label", "pattern", "match", "start", "end",
    "sentence_id", "sentence", "voice", "speaker", "named_groups", "referent",
    "referent_rule", "in_scope", "scope_rule", "form", "sentence_start", "sentence_end",
)

#: The mentions columns of :func:`mediakit.analyze` (before its scores): those of
#: :func:`find_mentions` without ``sentence``. A mention points at its row of the
#: sentences table by ``(doc_id, sentence_id)``; :func:`mention_sentences` joins the
#: text back.
POINTER_COLUMNS: tuple[str, ...] = tuple(c for c in MENTION_COLUMNS if c != "sentence")

# ----------------------------------------------------------------------------------
# The mentions table


@share_docs
def find_mentions(
    corpus: pd.DataFrame,
    lexicon: LexiconLike | None = None,
) -> pd.DataFrame:
    """Every occurrence of every label of ``lexicon`` in the corpus, with provenance.

    Parameters
    ----------
    {corpus}
    {lexicon}

    Returns
    -------
    pandas.DataFrame
        One row per mention, in corpus order then text order:
        ``doc_id``, ``outlet`` (str), ``date`` (the corpus's date dtype);
        ``actor``, ``label``, ``pattern`` (str, the lexicon entry that matched);
        ``match`` (str, the surface text: ``text[start:end] == match``);
        ``start``, ``end`` (int64, character offsets into the article text);
        ``sentence_id`` (int64, 0-based, as in :func:`mediakit.text.sentences`) and
        ``sentence`` (str, the sentence containing the mention's start);
        ``voice`` (str, ``narration`` | ``quote`` | ``scare_quote``: the voice of the
        whole match; a match only partly inside a quotation is narration);
        ``speaker`` (string, the quoted speaker when known, else <NA>);
        ``named_groups`` (str, "; "-joined sorted canonical names of the lexicon's
        named groups found in the same sentence, any actor; "" when none);
        ``referent`` (str, the actor the label points at, <NA> when it points at
        none of the lexicon's actors or is out of scope) and ``referent_rule`` (str,
        the rule that decided it); ``in_scope`` (bool, whether the mention is about
        the lexicon's conflict) and ``scope_rule`` (str, why); ``form`` (str,
        ``modifier`` for a hyphenated compound such as "rebel-held", else ``noun``);
        these five are decided by :func:`mediakit.referents.decide_referents`;
        ``sentence_start``, ``sentence_end`` (int64, the sentence's offsets).

    Raises
    ------
    MissingColumnsError
        The corpus lacks ``doc_id``, ``outlet`` or ``text``.
    LexiconError
        The lexicon cannot be loaded.

    Notes
    -----
    ``actor`` is always the lexicon family of the label ("terrorists" is a label of
    ``armed_opposition`` in the ``syria`` lexicon), while ``referent`` says whom the
    label is applied to, by the rules of :mod:`mediakit.referents`: in "YPG
    terrorists attacked" the mention has ``actor`` ``armed_opposition`` and
    ``referent`` ``kurdish_forces``; in "ISIL terrorists massacre 250 Syrian troops"
    the referent is ``islamic_state``. The comparisons of :mod:`mediakit.compare`
    count in-scope nouns by ``referent`` unless given ``by_referent=False``.

    The mentions of :func:`mediakit.analyze` have these columns except ``sentence``:
    they point at their row of the sentences table by ``(doc_id, sentence_id)``, and
    :func:`mention_sentences` joins the text back.
    """
    check_table(corpus, ("doc_id", "outlet", "text"), caller="find_mentions", table_name="corpus")
    lex = resolve_lexicon(lexicon)
    rows = MentionRows()
    for doc in documents(corpus, lex):
        rows.add(doc)
    return rows.frame(corpus)


class MentionRows:
    """The mentions table (:func:`find_mentions`) built one article at a time.

    The one builder of that table: :func:`find_mentions` and
    :func:`mediakit.analyze` (which adds scores to it) both fill one from
    :class:`~mediakit.document.Document` records, so an article is split, scanned
    and attributed once for all of its tables.
    """

    def __init__(self, *, sentence: bool = True) -> None:
        #: With ``sentence=False`` the rows carry no ``sentence`` text, only the
        #: ``sentence_id`` pointing at it (:data:`POINTER_COLUMNS`, as in ``analyze``).
        self.names = MENTION_COLUMNS if sentence else POINTER_COLUMNS
        self.columns: dict[str, list[Any]] = {name: [] for name in self.names}

    def frame(self, corpus: pd.DataFrame | None = None) -> pd.DataFrame:
        """The table so far, with its documented dtypes (``date`` takes the dtype of
        ``corpus``'s date column)."""
        return make_frame(self.names, self.columns, corpus)

    def add(self, doc: Document) -> list[int]:
        """Append one article's mention rows.

        Returns
        -------
        list of int
            The ``sentence_id`` of each row added (empty when the article has no
            label). Sentences and voices are computed only for an article with one.
        """
        labels = doc.labels
        if not labels:
            return []
        text = doc.text
        starts = [s for s, _, _ in labels]
        ends = [e for _, e, _ in labels]
        entries = [en for _, _, en in labels]
        sentence_spans = doc.sentences
        sentence_starts = doc.sentence_starts
        ks = [max(bisect_right(sentence_starts, s) - 1, 0) for s in starts]  # doc.sentence_of
        if sentence_spans:
            bounds = [sentence_spans[k] for k in ks]
        else:  # text with no sentence at all cannot hold a match; keep a sane span
            bounds = list(zip(starts, ends, strict=True))
        # Only the quotations holding a label need their speakers found.
        voices, speakers = doc.voice_at(starts, ends)
        keep_text = "sentence" in self.columns
        sentences, named_groups = _sentence_columns(doc, ks, bounds, text=keep_text)
        assert doc.lexicon is not None  # doc.labels were found with it
        decided = decide_referents(text, sentence_spans, doc.hits, doc.lexicon)
        n = len(labels)
        cols = self.columns
        cols["doc_id"].extend([doc.doc_id] * n)
        cols["outlet"].extend([doc.outlet] * n)
        cols["date"].extend([doc.date] * n)
        cols["actor"].extend([en.actor for en in entries])
        cols["label"].extend([en.label for en in entries])
        cols["pattern"].extend([en.pattern for en in entries])
        cols["match"].extend([text[s:e] for s, e in zip(starts, ends, strict=True)])
        cols["start"].extend(starts)
        cols["end"].extend(ends)
        cols["sentence_id"].extend(ks)
        if keep_text:
            cols["sentence"].extend(sentences)
        cols["voice"].extend(voices)
        cols["speaker"].extend(speakers)
        cols["named_groups"].extend(named_groups)
        for name, values in decided.items():
            cols[name].extend(values)
        cols["sentence_start"].extend([a for a, _ in bounds])
        cols["sentence_end"].extend([b for _, b in bounds])
        return ks


def _sentence_columns(
    doc: Document, ks: list[int], bounds: list[tuple[int, int]], *, text: bool = True
) -> tuple[list[str], list[str]]:
    """The ``sentence`` and ``named_groups`` of each label of ``doc`` (whose sentence
    ids are ``ks`` and sentence spans ``bounds``); a sentence's text and named groups
    are built once per sentence. With ``text=False`` the sentences list is empty."""
    article = doc.text
    names_by_sentence: dict[int, set[str]] = defaultdict(set)
    for s, _e, en in doc.hits:
        if en.kind == "name":
            names_by_sentence[doc.sentence_of(s)].add(en.label)
    sentence_text: dict[tuple[int, int], str] = {}
    named: dict[int, str] = {}
    sentences: list[str] = []
    named_groups: list[str] = []
    for k, bound in zip(ks, bounds, strict=True):
        if text:
            sentence = sentence_text.get(bound)
            if sentence is None:
                sentence = sentence_text[bound] = article[bound[0] : bound[1]]
            sentences.append(sentence)
        groups = named.get(k)
        if groups is None:
            groups = named[k] = "; ".join(sorted(names_by_sentence.get(k, ())))
        named_groups.append(groups)
    return sentences, named_groups


# ----------------------------------------------------------------------------------
# Sentence text of mentions that point at their sentence


@validate_params({"masked": [bool], "mask_token": [str]})
def mention_sentences(
    mentions: pd.DataFrame,
    sentences: pd.DataFrame,
    *,
    masked: bool = False,
    lexicon: LexiconLike | None = None,
    mask_token: str = MASK_TOKEN,
) -> pd.DataFrame:
    """The mentions table with each mention's sentence text joined back.

    The mentions of :func:`mediakit.analyze` (and of :func:`mediakit.analyze_stream`,
    :func:`mediakit.read_analysis`, :func:`mediakit.analyze_dask`) do not carry their
    sentence: each points at its row of the sentences table by ``(doc_id,
    sentence_id)``, so a long sentence is stored once however many labels it holds.
    This function joins the text back, for the rows given (filter first when the
    table is large: the result holds one copy of the sentence per row).
    :meth:`mediakit.Analysis.mentions_with_sentences` does the same for an analysis.

    Parameters
    ----------
    mentions : pandas.DataFrame
        A mentions table (needs ``doc_id`` and ``sentence_id``; every column is
        kept, any ``sentence`` column is replaced).
    sentences : pandas.DataFrame
        The sentences table of the same corpus (needs ``doc_id``, ``sentence_id`` and
        ``text``), e.g. ``Analysis.sentences`` or :func:`mediakit.sentences`.
    masked : bool, default False
        Also add ``sentence_masked``: the sentence with every label of ``lexicon``
        replaced by ``mask_token``, the text ``compound_masked`` scores (computed
        now, once per distinct sentence).
    lexicon : Lexicon, str, path-like or mapping, optional
        The lexicon the mentions were found with; required with ``masked=True``
        (masking with another lexicon would not give the text that was scored).
    mask_token : str, default "actor"
        The neutral word a label becomes (that of ``analyze``).

    Returns
    -------
    pandas.DataFrame
        A copy of ``mentions`` (same index and row order) with ``sentence`` (str) right
        after ``sentence_id``, and with ``masked=True`` ``sentence_masked`` (str) as the
        last column (replacing any earlier one).

    Raises
    ------
    MissingColumnsError
        A table lacks a needed column.
    ValueError
        A mention's ``(doc_id, sentence_id)`` is not in the sentences table, or the
        sentences table repeats one.
    InvalidParameterError
        ``masked=True`` without ``lexicon``; a bad ``masked`` or ``mask_token``.
    LexiconError
        The lexicon cannot be loaded.

    Examples
    --------
    >>> result = mk.analyze(corpus, "marenna")                  # doctest: +SKIP
    >>> quoted = result.mentions[result.mentions["voice"] == "quote"]  # doctest: +SKIP
    >>> mk.mention_sentences(quoted, result.sentences)[["match", "sentence"]]  # doctest: +SKIP
    """
    caller = "mention_sentences"
    check_table(mentions, ("doc_id", "sentence_id"), caller=caller, table_name="mentions")
    check_table(sentences, ("doc_id", "sentence_id", "text"), caller=caller,
                table_name="sentences")
    lex = None
    if masked:
        if lexicon is None:
            raise InvalidParameterError(
                f"{caller}: masked=True needs lexicon= (the lexicon the mentions were "
                "found with)")
        lex = resolve_lexicon(lexicon)
        check_mask_token(mask_token, lex, caller=caller)
    known = pd.MultiIndex.from_arrays(
        [sentences["doc_id"].astype("str").to_numpy(dtype=object),
         sentences["sentence_id"].to_numpy(dtype="int64")])
    if not known.is_unique:
        doc_id, k = known[known.duplicated()][0]
        raise ValueError(f"{caller}: the sentences table has more than one row for "
                         f"doc_id {doc_id!r}, sentence_id {k}")
    wanted = pd.MultiIndex.from_arrays(
        [mentions["doc_id"].astype("str").to_numpy(dtype=object),
         mentions["sentence_id"].to_numpy(dtype="int64")])
    rows = known.get_indexer(wanted)
    if len(rows) and rows.min() < 0:
        i = int((rows < 0).argmax())
        doc_id, k = wanted[i]
        raise ValueError(
            f"{caller}: mention row {mentions.index[i]!r} (doc_id {doc_id!r}, sentence_id "
            f"{k}) has no row in the sentences table: pass the sentences of the same corpus")
    texts = sentences["text"].to_numpy(dtype=object)[rows].tolist()
    out = mentions.drop(columns=[c for c in ("sentence", "sentence_masked")
                                 if c in mentions.columns and (masked or c == "sentence")])
    # arrays, not Series: no alignment on the (possibly repeated) index
    out.insert(list(out.columns).index("sentence_id") + 1, "sentence",
               pd.array(texts, dtype="str"))
    if lex is not None:
        out["sentence_masked"] = pd.array(_mask_distinct(texts, lex, mask_token), dtype="str")
    return out
