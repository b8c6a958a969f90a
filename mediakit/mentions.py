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

from ._tables import iter_documents, make_frame, sentence_index
from ._validation import check_table
from .lexicon import Lexicon, LexiconLike, resolve_lexicon
from .referents import decide_referents
from .text import split_sentences
from .voice import _voice_at_lists, _voice_spans

__all__ = ["MENTION_COLUMNS", "find_mentions"]

MENTION_COLUMNS: tuple[str, ...] = (
    "doc_id", "outlet", "date", "actor", "label", "pattern", "match", "start", "end",
    "sentence_id", "sentence", "voice", "speaker", "named_groups", "referent",
    "referent_rule", "in_scope", "scope_rule", "form", "sentence_start", "sentence_end",
)

# ----------------------------------------------------------------------------------
# The mentions table


def find_mentions(
    corpus: pd.DataFrame,
    lexicon: LexiconLike | None = None,
) -> pd.DataFrame:
    """Every occurrence of every label of ``lexicon`` in the corpus, with provenance.

    ``lexicon`` is a :class:`Lexicon`, a bundled lexicon name, a lexicon file path or
    a mapping; None is the bundled default, ``"conflict"``
    (:func:`mediakit.lexicon.resolve_lexicon`), as everywhere.

    Columns, one row per mention, in corpus order then text order:
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
        these five are described in :mod:`mediakit.referents`;
        ``sentence_start``, ``sentence_end`` (int64, the sentence's offsets).

    ``actor`` is always the lexicon family of the label ("terrorists" is a label of
    ``armed_opposition`` in the ``syria`` lexicon), while ``referent`` says whom the
    label is applied to, by the rules of :mod:`mediakit.referents`: in "YPG
    terrorists attacked" the mention has ``actor`` ``armed_opposition`` and
    ``referent`` ``kurdish_forces``; in "ISIL terrorists massacre 250 Syrian troops"
    the referent is ``islamic_state``. The comparisons of :mod:`mediakit.compare`
    count in-scope nouns by ``referent`` unless given ``by_referent=False``.
    """
    check_table(corpus, ("doc_id", "outlet", "text"), caller="find_mentions", table_name="corpus")
    lex = resolve_lexicon(lexicon)
    cols: dict[str, list[Any]] = {name: [] for name in MENTION_COLUMNS}
    for doc_id, outlet, date, text in iter_documents(corpus):
        _add_document_mentions(cols, doc_id, outlet, date, text, lex)
    return make_frame(MENTION_COLUMNS, cols, corpus)


def _add_document_mentions(
    cols: dict[str, list[Any]],
    doc_id: Any,
    outlet: Any,
    date: Any,
    text: str,
    lex: Lexicon,
    sentence_spans: list[tuple[int, int]] | None = None,
    found: list[tuple[int, int, Any]] | None = None,
) -> int:
    """Append one article's mention rows to ``cols``; return how many were added.

    ``sentence_spans`` may pass ``split_sentences(text)`` and ``found`` may pass
    ``lex.scan(text)`` when the caller already has them (``analyze`` splits and
    scans each article once for all its tables); they are computed here otherwise,
    the sentences only when the article has a label.
    """
    if not text:
        return 0
    if found is None:
        found = lex.scan(text)
    labels = [(s, e, en) for s, e, en in found if en.kind == "label"]
    if not labels:
        return 0
    if sentence_spans is None:
        sentence_spans = split_sentences(text)
    sentence_starts = [s for s, _ in sentence_spans]
    names_by_sentence: dict[int, set[str]] = defaultdict(set)
    for s, e, en in found:
        if en.kind == "name":
            names_by_sentence[sentence_index(sentence_starts, s)].add(en.label)
    starts = [s for s, _, _ in labels]
    ends = [e for _, e, _ in labels]
    entries = [en for _, _, en in labels]
    # Only the quotations holding a label need their speakers found.
    voices, speakers = _voice_at_lists(_voice_spans(text, (starts, ends)), starts, ends)
    # Column by column; a sentence's text and named groups once per sentence.
    ks = [max(bisect_right(sentence_starts, s) - 1, 0) for s in starts]  # _sentence_index
    if sentence_spans:
        bounds = [sentence_spans[k] for k in ks]
    else:  # text with no sentence at all cannot hold a match; keep a sane span
        bounds = list(zip(starts, ends))
    sentence_text: dict[tuple[int, int], str] = {}
    named: dict[int, str] = {}
    sentences: list[str] = []
    named_groups: list[str] = []
    for k, bound in zip(ks, bounds):
        sentence = sentence_text.get(bound)
        if sentence is None:
            sentence = sentence_text[bound] = text[bound[0] : bound[1]]
        sentences.append(sentence)
        groups = named.get(k)
        if groups is None:
            groups = named[k] = "; ".join(sorted(names_by_sentence.get(k, ())))
        named_groups.append(groups)
    n = len(labels)
    cols["doc_id"].extend([doc_id] * n)
    cols["outlet"].extend([outlet] * n)
    cols["date"].extend([date] * n)
    cols["actor"].extend([en.actor for en in entries])
    cols["label"].extend([en.label for en in entries])
    cols["pattern"].extend([en.pattern for en in entries])
    cols["match"].extend([text[s:e] for s, e in zip(starts, ends)])
    cols["start"].extend(starts)
    cols["end"].extend(ends)
    cols["sentence_id"].extend(ks)
    cols["sentence"].extend(sentences)
    cols["voice"].extend(voices)
    cols["speaker"].extend(speakers)
    cols["named_groups"].extend(named_groups)
    decided = decide_referents(text, sentence_spans, found, lex)
    for name, values in decided.items():
        cols[name].extend(values)
    cols["sentence_start"].extend([a for a, _ in bounds])
    cols["sentence_end"].extend([b for _, b in bounds])
    return n
