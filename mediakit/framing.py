"""The mentions table, KWIC, collocates and the lexicon audit (issue 3).

Every function takes the corpus table (``doc_id, outlet, date, text``; see
:mod:`mediakit.corpus`) first, never modifies it, and returns a new tidy DataFrame
whose columns are listed in its docstring. Matching follows the rules of
:mod:`mediakit.lexicon` (case-insensitive token globs, leftmost-longest, no span
counted twice); sentences come from :func:`mediakit.text.split_sentences` and voice
and speaker from :func:`mediakit.voice.voice_spans`, computed on the whole article so
that a quotation running over several sentences or paragraphs is recognised.

Queries: ``kwic`` and ``collocates`` take a :class:`~mediakit.lexicon.Lexicon` or
one pattern string / a list of pattern strings in the same glob syntax (searched as
actor ``"query"``, label ``"query"``). A bare string is always a pattern, never a
bundled lexicon name, so that ``kwic(corpus, "syria")`` searches the word Syria; pass
``load_lexicon("syria")`` for the lexicon.
"""

from __future__ import annotations

import math
import os
import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import numpy as np
import pandas as pd

from .errors import LexiconError
from .lexicon import Lexicon, _normal_key, _pattern_atoms, default_lexicon_for, load_lexicon
from .text import split_sentences, tokenize
from ._voices import _parse_voice
from .voice import _voice_at_lists, _voice_spans, voice_at, voice_spans

__all__ = [
    "AUDIT_COLUMNS",
    "COLLOCATE_COLUMNS",
    "KWIC_COLUMNS",
    "MEASURES",
    "MENTION_COLUMNS",
    "audit_lexicon",
    "collocates",
    "find_mentions",
    "kwic",
]

MENTION_COLUMNS: tuple[str, ...] = (
    "doc_id", "outlet", "date", "actor", "label", "pattern", "match", "start", "end",
    "sentence_id", "sentence", "voice", "speaker", "named_groups", "referent",
    "sentence_start", "sentence_end",
)
KWIC_COLUMNS: tuple[str, ...] = (
    "doc_id", "outlet", "date", "actor", "label", "left", "match", "right", "voice",
    "speaker", "start", "end", "pattern",
)
COLLOCATE_COLUMNS: tuple[str, ...] = (
    "word", "n", "n_word", "expected", "log_likelihood", "pmi", "logdice", "t_score",
)
AUDIT_COLUMNS: tuple[str, ...] = (
    "actor", "label", "pattern", "candidate", "reason", "count", "n_docs", "example",
)
#: Association measures :func:`collocates` computes (and can sort by).
MEASURES: tuple[str, ...] = ("log_likelihood", "pmi", "logdice", "t_score")

_STR_COLUMNS = {"doc_id", "outlet", "actor", "label", "pattern", "match", "sentence",
                "voice", "named_groups", "referent", "left", "right", "candidate", "reason",
                "example", "word"}
_INT_COLUMNS = {"start", "end", "sentence_id", "sentence_start", "sentence_end",
                "n", "n_word", "count", "n_docs"}
_QUERY = "query"


# ----------------------------------------------------------------------------------
# Shared helpers


def _check_corpus(corpus: Any, needed: Iterable[str] = ("doc_id", "outlet", "text")) -> None:
    from .errors import CorpusError

    if not isinstance(corpus, pd.DataFrame):
        raise TypeError(f"expected a pandas DataFrame (the corpus), got {type(corpus).__name__}")
    for column in needed:
        if column not in corpus.columns:
            raise CorpusError(f"corpus has no {column!r} column", column=column)


def _documents(corpus: pd.DataFrame) -> Iterator[tuple[Any, Any, Any, str]]:
    """(doc_id, outlet, date, text) per article; a missing text is an empty one."""
    dates = corpus["date"].tolist() if "date" in corpus.columns else [pd.NaT] * len(corpus)
    for doc_id, outlet, date, text in zip(
        corpus["doc_id"].tolist(), corpus["outlet"].tolist(), dates, corpus["text"].tolist(),
        strict=True,
    ):
        if not isinstance(text, str):
            text = "" if text is None or (isinstance(text, float) and math.isnan(text)) else str(text)
        yield doc_id, outlet, date, text


def _date_series(values: list[Any], corpus: pd.DataFrame) -> pd.Series:
    if "date" in corpus.columns:
        return pd.Series(values, dtype=corpus["date"].dtype)
    return pd.Series(values, dtype="datetime64[ns]")


def _frame(
    columns: Sequence[str], data: dict[str, list[Any]], corpus: pd.DataFrame | None = None
) -> pd.DataFrame:
    """A DataFrame with fixed column order and dtypes, empty or not."""
    series = {}
    for name in columns:
        values = data.get(name, [])
        if name == "date":
            series[name] = (
                _date_series(values, corpus) if corpus is not None
                else pd.Series(values, dtype="datetime64[ns]")
            )
        elif name == "speaker":
            series[name] = pd.Series(values, dtype="string")
        elif name in _STR_COLUMNS:
            series[name] = pd.Series(values, dtype="str")
        elif name in _INT_COLUMNS:
            series[name] = pd.Series(values, dtype="int64")
        else:
            series[name] = pd.Series(values, dtype="float64")
    return pd.DataFrame(series, columns=list(columns))


def _query_lexicon(query: Any, *, what: str = "query") -> Lexicon:
    """A Lexicon from a Lexicon, a pattern string or a list of pattern strings."""
    if isinstance(query, Lexicon):
        return query
    if isinstance(query, str):
        patterns = [query]
    elif isinstance(query, Sequence) and not isinstance(query, bytes) and query:
        patterns = list(query)
    else:
        raise TypeError(
            f"{what} must be a Lexicon, a pattern string or a list of patterns, "
            f"got {type(query).__name__}"
        )
    unique = list(dict.fromkeys(patterns))
    return Lexicon.from_dict({"name": _QUERY, "actors": {_QUERY: {"labels": {_QUERY: unique}}}})


def _check_window(window: Any) -> int:
    if isinstance(window, bool) or not isinstance(window, int) or window < 0:
        raise ValueError(f"window must be a non-negative integer, got {window!r}")
    return window


def _one_line(text: str) -> str:
    return " ".join(text.split())


# ----------------------------------------------------------------------------------
# The mentions table


def find_mentions(
    corpus: pd.DataFrame,
    lexicon: Lexicon | str | os.PathLike[str] | None = None,
) -> pd.DataFrame:
    """Every occurrence of every label of ``lexicon`` in the corpus, with provenance.

    ``lexicon`` is a :class:`Lexicon`, a bundled lexicon name or a lexicon file path;
    None uses the corpus's own lexicon (:func:`mediakit.lexicon.default_lexicon_for`:
    ``marenna`` for the bundled sample, else ``DEFAULT_LEXICON``), as ``analyze`` does.

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
        ``referent`` (str, the actor the label points at: the actor of a named group
        written right against the label, else the label's own ``actor``; see below);
        ``sentence_start``, ``sentence_end`` (int64, the sentence's offsets).

    ``actor`` is always the lexicon family of the label ("terrorists" is a label of
    ``armed_opposition`` in the ``syria`` lexicon), while ``referent`` says who the
    label is applied to when the text names the group directly: the named group
    immediately before the label, possibly with a possessive ("YPG terrorists",
    "the YPG's fighters", "Dawn Brigades militants"), or right after it as
    "<label> of/from [the] <name>" ("fighters of the YPG"). So in "YPG terrorists
    attacked" the mention has ``actor`` ``armed_opposition`` and ``referent``
    ``kurdish_forces``. A name elsewhere in the sentence does not count (it is in
    ``named_groups``): "terrorists attacked the YPG" keeps the label's actor. The
    comparisons of :mod:`mediakit.compare` select by ``actor`` unless given
    ``by_referent=True``.
    """
    _check_corpus(corpus)
    lex = load_lexicon(default_lexicon_for(corpus) if lexicon is None else lexicon)
    cols: dict[str, list[Any]] = {name: [] for name in MENTION_COLUMNS}
    for doc_id, outlet, date, text in _documents(corpus):
        _add_document_mentions(cols, doc_id, outlet, date, text, lex)
    return _frame(MENTION_COLUMNS, cols, corpus)


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
    ``lex._scan(text)`` when the caller already has them (``analyze`` splits and
    scans each article once for all its tables); they are computed here otherwise,
    the sentences only when the article has a label.
    """
    if not text:
        return 0
    if found is None:
        found = lex._scan(text)
    labels = [(s, e, en) for s, e, en in found if en.kind == "label"]
    if not labels:
        return 0
    if sentence_spans is None:
        sentence_spans = split_sentences(text)
    sentence_starts = [s for s, _ in sentence_spans]
    names_by_sentence: dict[int, set[str]] = defaultdict(set)
    name_before: dict[int, str] = {}  # name end -> its actor
    name_after: dict[int, str] = {}  # name start -> its actor
    for s, e, en in found:
        if en.kind == "name":
            names_by_sentence[_sentence_index(sentence_starts, s)].add(en.label)
            name_after[s] = en.actor
            name_before[e] = en.actor
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
    if name_before or name_after:
        cols["referent"].extend(
            [
                _referent(text, s, e, en.actor, name_before, name_after)
                for (s, e, en) in labels
            ]
        )
    else:  # no named group in the article: every label refers to its own actor
        cols["referent"].extend([en.actor for en in entries])
    cols["sentence_start"].extend([a for a, _ in bounds])
    cols["sentence_end"].extend([b for _, b in bounds])
    return n


# What may separate a named group from the label it qualifies: "YPG terrorists",
# "the YPG's fighters" (before; at most one line break, never a paragraph break), and
# "fighters of the YPG", "militants from HTS" (after).
_GAP_BEFORE_RE = re.compile(r"(?:['\u2019]s)?([^\S\n]*\n?[^\S\n]*)")
_GAP_AFTER_RE = re.compile(r"\s+(?:of|from)\s+(?:the\s+)?", re.IGNORECASE)
# The longest gap _GAP_BEFORE_RE may need to look at; wider gaps are not "right before".
_MAX_GAP = 40


def _referent(
    text: str, start: int, end: int, actor: str,
    name_before: dict[int, str], name_after: dict[int, str],
) -> str:
    """The actor of a named group written right against the label ``text[start:end]``.

    ``name_before`` maps the end offset of every named group of the article to its
    actor, ``name_after`` its start offset. Falls back to the label's ``actor``.
    """
    if name_before:
        for gap_start in range(start - 1, max(start - _MAX_GAP, -1), -1):
            if gap_start in name_before:
                gap = _GAP_BEFORE_RE.fullmatch(text, gap_start, start)
                if gap is not None and gap.group(1):
                    return name_before[gap_start]
                break
            if not (text[gap_start].isspace() or text[gap_start] in "'\u2019s"):
                break
    if name_after:
        link = _GAP_AFTER_RE.match(text, end)
        if link is not None and link.end() in name_after:
            return name_after[link.end()]
    return actor


def _sentence_index(sentence_starts: list[int], pos: int) -> int:
    """Index of the sentence holding ``pos`` (the last one starting at or before it)."""
    return max(bisect_right(sentence_starts, pos) - 1, 0)


# ----------------------------------------------------------------------------------
# KWIC


def kwic(
    corpus: pd.DataFrame,
    pattern_or_lexicon: Lexicon | str | Sequence[str],
    *,
    window: int = 5,
    unit: str = "words",
    voice: str | Sequence[str] | None = None,
) -> pd.DataFrame:
    """Keyword in context: each match with its left and right context.

    ``pattern_or_lexicon`` is a :class:`Lexicon` (every label is a keyword) or a
    pattern string or list of patterns (actor and label ``"query"``). ``unit="words"``
    gives ``window`` word tokens of context on each side (punctuation between them
    kept); ``unit="sentence"`` gives the rest of the sentence on each side. Context
    is shown on one line (runs of whitespace become one space). ``voice`` keeps only
    matches in that voice: ``"narration"``, ``"quote"``, ``"scare_quote"`` or a list
    of these; ``None`` (default) or ``"all"`` keeps every voice (the same values as
    the comparisons of :mod:`mediakit.compare`, apart from their ``"split"``).

    Columns: ``doc_id``, ``outlet``, ``date``, ``actor``, ``label``, ``left``,
    ``match``, ``right`` (str), ``voice`` (str), ``speaker`` (string, <NA> when none),
    ``start``, ``end`` (int64 offsets of the match in the article: ``text[start:end]
    == match``), ``pattern`` (str, the pattern that matched).
    """
    _check_corpus(corpus)
    window = _check_window(window)
    if unit not in ("words", "sentence"):
        raise ValueError(f"unit must be 'words' or 'sentence', got {unit!r}")
    wanted, _ = _parse_voice(voice, function="kwic")
    lex = _query_lexicon(pattern_or_lexicon, what="pattern_or_lexicon")
    cols: dict[str, list[Any]] = {name: [] for name in KWIC_COLUMNS}
    for doc_id, outlet, date, text in _documents(corpus):
        if not text:
            continue
        matches = lex.find(text)
        if not matches:
            continue
        voices, speakers = voice_at(voice_spans(text), [m.start for m in matches],
                                    [m.end for m in matches])
        if unit == "words":
            tokens = tokenize(text)
            token_starts = [s for s, _ in tokens]
            token_ends = [e for _, e in tokens]
        else:
            sentence_spans = split_sentences(text)
            sentence_starts = [s for s, _ in sentence_spans]
        for m, v, speaker in zip(matches, voices, speakers, strict=True):
            if wanted is not None and v not in wanted:
                continue
            if unit == "words":
                first = bisect_left(token_ends, m.start + 1)  # first token ending after start
                left_start = token_starts[max(first - window, 0)] if window and first > 0 else m.start
                last = bisect_left(token_starts, m.end)  # first token starting at/after end
                if window and last < len(tokens):
                    right_end = token_ends[min(last + window, len(tokens)) - 1]
                else:
                    right_end = m.end
                left, right = text[left_start:m.start], text[m.end:right_end]
            else:
                k = _sentence_index(sentence_starts, m.start)
                sent_start, sent_end = sentence_spans[k] if sentence_spans else (m.start, m.end)
                left = text[sent_start:m.start] if sent_start <= m.start else ""
                right = text[m.end:sent_end] if sent_end >= m.end else ""
            cols["doc_id"].append(doc_id)
            cols["outlet"].append(outlet)
            cols["date"].append(date)
            cols["actor"].append(m.actor)
            cols["label"].append(m.label)
            cols["left"].append(_one_line(left))
            cols["match"].append(m.match)
            cols["right"].append(_one_line(right))
            cols["voice"].append(v)
            cols["speaker"].append(speaker)
            cols["start"].append(m.start)
            cols["end"].append(m.end)
            cols["pattern"].append(m.pattern)
    return _frame(KWIC_COLUMNS, cols, corpus)


# ----------------------------------------------------------------------------------
# Collocates


def _select_labels(lex: Lexicon, label: str | None) -> Lexicon:
    """Restrict a lexicon to one label: ``"label"`` or ``"actor:label"``."""
    if label is None:
        return lex
    actor_name, _, label_name = label.rpartition(":")
    chosen = [
        (a, lb) for a, lb in lex.labels
        if lb == label_name and (not actor_name or a == actor_name)
    ]
    if not chosen:
        known = ", ".join(f"{a}:{lb}" for a, lb in lex.labels)
        raise LexiconError(f"no label {label!r} in lexicon {lex.name!r}; labels: {known}")
    if len(chosen) > 1:
        raise LexiconError(f"label {label!r} is ambiguous in lexicon {lex.name!r}; "
                           f"write actor:label ({', '.join(f'{a}:{lb}' for a, lb in chosen)})")
    actor, lab = chosen[0]
    return Lexicon.from_dict({
        "name": lex.name,
        "actors": {actor: {"labels": {lab: list(lex.actors[actor][lab])}}},
    })


def collocates(
    corpus: pd.DataFrame,
    target: Lexicon | str | Sequence[str],
    *,
    window: int = 5,
    measure: str = "logdice",
    min_count: int = 3,
    voice: str | Sequence[str] | None = None,
    label: str | None = None,
) -> pd.DataFrame:
    """Words that keep company with ``target``, with standard association measures.

    ``target`` is a pattern string or list of patterns, or a :class:`Lexicon` (all its
    labels; ``label="terrorist"`` or ``label="armed_opposition:terrorist"`` picks one).
    Each occurrence of the target (a *node*) opens a window of ``window`` word tokens
    on each side, within its article; the tokens of the node itself are not counted.
    Words are :func:`mediakit.text.tokenize` tokens, lower-cased. ``voice`` counts
    only nodes in that voice (values as in :func:`kwic`: ``None`` or ``"all"`` for
    every voice, one voice or a list); word frequencies are always over the whole
    corpus.

    Contingency table per word w (Evert 2008, surface co-occurrence): ``O11 = n``
    (tokens of w in node windows, per node), ``R1`` = all tokens in node windows,
    ``C1 = n_word`` (w's corpus frequency), ``N`` = corpus tokens; expected
    ``E11 = R1 * C1 / N``.

    Columns: ``word`` (str); ``n`` (int64, co-occurrences); ``n_word`` (int64, corpus
    frequency); ``expected`` (E11); ``log_likelihood`` (Dunning's G2 over the 2x2
    table, natural log, signed: negative when w is rarer near the target than
    expected); ``pmi`` (log2 O11/E11); ``logdice`` (14 + log2(2n / (f_node +
    n_word)), Rychlý 2008, f_node = number of nodes; at most 14); ``t_score`` ((O11 -
    E11) / sqrt(O11)). Rows with ``n >= min_count`` (default 3, as in
    :func:`mediakit.distinguishing_words`), sorted by ``measure`` descending
    (ties by word).
    """
    _check_corpus(corpus, ("doc_id", "text"))
    window = _check_window(window)
    if measure not in MEASURES:
        raise ValueError(f"measure must be one of {list(MEASURES)}, got {measure!r}")
    if isinstance(min_count, bool) or not isinstance(min_count, int) or min_count < 1:
        raise ValueError(f"min_count must be a positive integer, got {min_count!r}")
    wanted, _ = _parse_voice(voice, function="collocates")
    lex = _select_labels(_query_lexicon(target, what="target"), label)

    word_freq: Counter[str] = Counter()
    cooc: Counter[str] = Counter()
    n_tokens = 0
    window_tokens = 0
    n_nodes = 0
    for _doc_id, _outlet, _date, text in _documents(corpus):
        if not text:
            continue
        tokens = tokenize(text)
        words = [text[s:e].lower() for s, e in tokens]
        word_freq.update(words)
        n_tokens += len(words)
        matches = lex.find(text)
        if not matches:
            continue
        if wanted is not None:
            voices, _ = voice_at(voice_spans(text), [m.start for m in matches],
                                 [m.end for m in matches])
            matches = [m for m, v in zip(matches, voices, strict=True) if v in wanted]
        token_starts = [s for s, _ in tokens]
        token_ends = [e for _, e in tokens]
        for m in matches:
            n_nodes += 1
            first = bisect_left(token_ends, m.start + 1)
            last = bisect_left(token_starts, m.end)
            around = words[max(first - window, 0):first] + words[last:last + window]
            window_tokens += len(around)
            cooc.update(around)
    rows = [(w, c, word_freq[w]) for w, c in cooc.items() if c >= min_count]
    data: dict[str, list[Any]] = {"word": [r[0] for r in rows], "n": [r[1] for r in rows],
                                  "n_word": [r[2] for r in rows]}
    o11 = np.array(data["n"], dtype=float)
    c1 = np.array(data["n_word"], dtype=float)
    measures = _association(o11, float(window_tokens), c1, float(n_tokens), float(n_nodes))
    data.update({k: v.tolist() for k, v in measures.items()})
    frame = _frame(COLLOCATE_COLUMNS, data)
    if frame.empty:
        return frame
    return frame.sort_values([measure, "word"], ascending=[False, True], kind="stable").reset_index(drop=True)


def _association(
    o11: np.ndarray, r1: float, c1: np.ndarray, n: float, f_node: float
) -> dict[str, np.ndarray]:
    """Association measures from the 2x2 contingency table (see :func:`collocates`)."""
    if o11.size == 0:
        return {k: np.array([], dtype=float) for k in ("expected", *MEASURES)}
    r2 = n - r1
    c2 = n - c1
    observed = [o11, r1 - o11, c1 - o11, n - r1 - c1 + o11]
    expected = [r1 * c1 / n, r1 * c2 / n, r2 * c1 / n, r2 * c2 / n]
    with np.errstate(divide="ignore", invalid="ignore"):
        g2 = 2.0 * sum(
            np.where(o > 0, o * np.log(np.where(o > 0, o, 1.0) / e), 0.0)
            for o, e in zip(observed, expected, strict=True)
        )
        e11 = expected[0]
        g2 = np.where(o11 < e11, -g2, g2)
        pmi = np.log2(o11 / e11)
        logdice = 14.0 + np.log2(2.0 * o11 / (f_node + c1))
        t_score = (o11 - e11) / np.sqrt(o11)
    return {"expected": e11, "log_likelihood": g2, "pmi": pmi, "logdice": logdice,
            "t_score": t_score}


# ----------------------------------------------------------------------------------
# Lexicon audit

# Reasons in order of strength; a candidate is reported once, for its strongest reason.
_REASONS = ("hyphen or space variant", "edit distance", "inflection not covered",
            "compound with", "shares stem")
_INFLECTIONS = ("s", "es", "ed", "ing")
_EXAMPLE_CONTEXT = 40


def audit_lexicon(
    corpus: pd.DataFrame,
    lexicon: Lexicon | str | os.PathLike[str] | None = None,
    *,
    min_count: int = 1,
) -> pd.DataFrame:
    """Words and phrases that look like variants of a pattern but are not matched.

    Fix the lexicon before trusting its counts: a pattern that misses a spelling the
    corpus uses ("Tarvia-backed" where only "Tarvian-backed" is listed) silently
    undercounts one outlet. Only occurrences outside every lexicon match count. Each
    candidate is tested against every word of every pattern:

    * ``hyphen or space variant``: the pattern with a hyphen written as a space or
      left out, or its words joined by a hyphen or run together ("Tarvian backed",
      "armed-groups");
    * ``edit distance N``: a word within 1 edit (2 for words of 10+ letters) of a
      pattern word of 5+ letters, same first two letters ("Tarvia-backed" for
      "Tarvian-backed"; for a glob, of its literal stem: "terorists");
    * ``variant of 'w'``: a hyphenated word differing from a hyphenated pattern word
      in one part that shares its first 4 letters ("Turkey-backed" for
      "Turkish-backed");
    * ``inflection not covered``: the pattern word plus -s, -es, -ed or -ing, or
      minus -s/-es ("fighter" when only "fighters" is listed);
    * ``compound with 'w'``: a hyphenated word with the pattern word as one part
      ("anti-government", "pro-regime", "ex-rebels");
    * ``shares stem 'x'``: the first letters agree up to one short of the pattern
      word's literal part, at least 5 ("insurgency" for "insurgent*"). Some of these
      are other words (terrorism is not a label for an actor): judge by the example.

    Pattern words need 4+ letters. For a word of a multi-word pattern, the candidate
    is the whole phrase where the other words line up ("Tarvia-backed armed
    groups"); elsewhere the word alone is reported only if the pattern word is
    hyphenated ("Tarvia-backed militants"), since "forced" is no variant of
    "opposition forces". A candidate is reported once, for its strongest reason and
    the first pattern giving it.

    ``min_count`` (default 1) hides candidates seen fewer times. Unlike the
    ``min_count`` of :func:`collocates` (default 3), which trims a ranked list of
    associations, here one unmatched spelling is already a miscount, so every
    candidate is shown by default.

    Columns: ``actor``, ``label``, ``pattern`` (str, the lexicon entry it resembles);
    ``candidate`` (str, lower-cased word or phrase); ``reason`` (str); ``count``
    (int64, unmatched occurrences); ``n_docs`` (int64, articles with one);
    ``example`` (str, the first occurrence with some context, ``[[...]]`` around the
    candidate). Sorted by count descending, then candidate.
    """
    _check_corpus(corpus, ("doc_id", "text"))
    if isinstance(min_count, bool) or not isinstance(min_count, int) or min_count < 1:
        raise ValueError(f"min_count must be a positive integer, got {min_count!r}")
    lex = load_lexicon(default_lexicon_for(corpus) if lexicon is None else lexicon)
    docs = [(doc_id, text) for doc_id, _o, _d, text in _documents(corpus) if text]

    # 1. Unmatched tokens of the corpus, per lower-cased type, with their positions.
    occurrences: dict[str, list[tuple[int, int]]] = defaultdict(list)  # type -> (doc, token idx)
    doc_tokens: list[list[tuple[int, int]]] = []
    doc_words: list[list[str]] = []
    doc_free: list[list[bool]] = []
    phrase_hits: list[tuple[int, int, int, str, str, str, str]] = []
    variant_lex = _variant_lexicon(lex)
    for d, (_doc_id, text) in enumerate(docs):
        tokens = tokenize(text)
        words = [text[s:e].lower().replace("\u2019", "'") for s, e in tokens]
        taken = [(s, e) for s, e, _ in lex._scan(text)]
        free = _free_tokens(tokens, taken)
        doc_tokens.append(tokens)
        doc_words.append(words)
        doc_free.append(free)
        for i, (w, ok) in enumerate(zip(words, free, strict=True)):
            if ok:
                occurrences[w].append((d, i))
        if variant_lex is not None:
            for s, e, en in variant_lex._scan(text):
                if not _covered(taken, s, e):
                    actor, label, pattern = en.label.split("\x1f")
                    phrase_hits.append((d, s, e, actor, label, pattern, "hyphen or space variant"))

    # 2. Compare each unmatched word type with the words of every pattern.
    pattern_words = _pattern_words(lex)
    by_prefix: dict[str, list[str]] = defaultdict(list)
    for w in occurrences:
        by_prefix[w[:2]].append(w)
    hyphenated = [w for w in occurrences if "-" in w]
    candidates: dict[str, dict[str, Any]] = {}

    def add(candidate: str, rank: int, reason: str, actor: str, label: str, pattern: str,
            hits: list[tuple[int, int, int]]) -> None:
        current = candidates.get(candidate)
        if current is None or rank < current["rank"]:
            candidates[candidate] = {"rank": rank, "reason": reason, "actor": actor,
                                     "label": label, "pattern": pattern, "hits": set(hits)}
        elif rank == current["rank"] and pattern == current["pattern"]:
            current["hits"].update(hits)

    for d, s, e, actor, label, pattern, reason in phrase_hits:
        text = docs[d][1]
        add(_candidate_text(text[s:e]), 0, reason, actor, label, pattern, [(d, s, e)])

    for pw in pattern_words:
        pool = by_prefix.get(pw.literal[:2], []) if pw.literal else []
        compound_pool = [w for w in hyphenated if pw.literal in w]
        for w in dict.fromkeys(pool + compound_pool):
            if pw.regex.fullmatch(w):
                continue  # the word itself is covered; it is unmatched for another reason
            found = _resemblance(w, pw)
            if found is None:
                continue
            rank, reason = found
            phrase_groups: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
            for d, i in occurrences[w]:
                phrase = _aligned_phrase(doc_words[d], i, pw)
                tokens = doc_tokens[d]
                if phrase is not None:
                    first, last = phrase
                    text = docs[d][1]
                    span = (d, tokens[first][0], tokens[last][1])
                    phrase_groups[_candidate_text(text[span[1]:span[2]])].append(span)
                elif pw.n_words == 1 or "-" in pw.word:
                    # A word of a longer pattern alone is reported only when it is a
                    # distinctive hyphenated modifier ("Tarvia-backed militants").
                    phrase_groups[w].append((d, tokens[i][0], tokens[i][1]))
            for candidate, hits in phrase_groups.items():
                add(candidate, rank, reason, pw.actor, pw.label, pw.pattern, hits)

    cols: dict[str, list[Any]] = {name: [] for name in AUDIT_COLUMNS}
    for candidate, info in candidates.items():
        hits = sorted(info["hits"])
        if len(hits) < min_count:
            continue
        d, s, e = hits[0]
        text = docs[d][1]
        example = re.sub(
            r"\s+", " ",
            text[max(s - _EXAMPLE_CONTEXT, 0):s] + "[[" + text[s:e] + "]]" + text[e:e + _EXAMPLE_CONTEXT],
        ).strip()
        cols["actor"].append(info["actor"])
        cols["label"].append(info["label"])
        cols["pattern"].append(info["pattern"])
        cols["candidate"].append(candidate)
        cols["reason"].append(info["reason"])
        cols["count"].append(len(hits))
        cols["n_docs"].append(len({h[0] for h in hits}))
        cols["example"].append(example)
    frame = _frame(AUDIT_COLUMNS, cols)
    if frame.empty:
        return frame
    frame = frame.sort_values(["count", "candidate"], ascending=[False, True], kind="stable")
    return frame.reset_index(drop=True)


def _candidate_text(surface: str) -> str:
    """A candidate as reported: lower case, one line, straight apostrophes."""
    return _one_line(surface.lower()).replace("\u2019", "'")


class _PatternWord:
    """One word of one pattern, for the audit."""

    __slots__ = ("actor", "label", "pattern", "index", "n_words", "word", "literal",
                 "regex", "word_regexes")

    def __init__(self, actor: str, label: str, pattern: str, index: int, words: list[str]):
        self.actor, self.label, self.pattern = actor, label, pattern
        self.index, self.n_words = index, len(words)
        self.word = words[index].lower().replace("\u2019", "'")
        # The literal part: up to the first glob ("terrorist*" -> "terrorist"), or the
        # text after a leading glob ("*-backed" -> "-backed").
        literal = re.split(r"[*?]", self.word)
        self.literal = literal[0] if literal[0] else ""
        self.word_regexes = [_word_regex(w) for w in words]
        self.regex = self.word_regexes[index]


def _word_regex(word: str) -> re.Pattern[str]:
    atoms = _pattern_atoms(word)
    return re.compile("".join(a for a, _ in atoms), re.IGNORECASE)


def _pattern_words(lex: Lexicon) -> list[_PatternWord]:
    result = []
    for actor, labels in lex.actors.items():
        for label, patterns in labels.items():
            for pattern in patterns:
                words = pattern.split()
                for i in range(len(words)):
                    pw = _PatternWord(actor, label, pattern, i, words)
                    if len(pw.literal.replace("-", "")) >= 4:
                        result.append(pw)
    return result


def _edit_distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance, or limit + 1 once it is certainly above ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


def _resemblance(w: str, pw: _PatternWord) -> tuple[int, str] | None:
    """(rank, reason) when ``w`` looks like a variant of pattern word ``pw``."""
    literal = pw.literal
    has_glob = literal != pw.word
    # Compound: a hyphen part (or run of parts) of w is the pattern word.
    if "-" in w and "-" not in pw.word:
        parts = w.split("-")
        if any(pw.regex.fullmatch(p) for p in parts):
            return 3, f"compound with '{pw.word}'"
    # Inflection the pattern misses: literal word (no glob) plus a common ending.
    if not has_glob and w.startswith(literal) and w[len(literal):] in _INFLECTIONS:
        return 2, "inflection not covered"
    if not has_glob and literal.startswith(w) and literal[len(w):] in ("s", "es"):
        return 2, "inflection not covered"
    # Edit distance to the literal word, or to the glob's literal stem.
    limit = 2 if len(literal) >= 10 and not has_glob else 1
    if len(literal) >= 5:
        if not has_glob:
            distance = _edit_distance(w, literal, limit)
        elif w[: len(literal) - 1] != literal[:-1]:
            # A misspelt stem ("terorists" for "terrorist*"): compare the word's
            # beginning; a word agreeing up to the stem's last letter is a stem case.
            distance = min(_edit_distance(w[:k], literal, limit)
                           for k in range(max(len(literal) - limit, 1), len(literal) + limit + 1))
        else:
            distance = 0
        if 0 < distance <= limit:
            return 1, f"edit distance {distance}"
    # Hyphenated words differing in one part that shares a stem: Turkey-/Turkish-backed.
    if "-" in w and "-" in pw.word and not has_glob:
        parts, pattern_parts = w.split("-"), literal.split("-")
        if len(parts) == len(pattern_parts):
            differ = [(a, b) for a, b in zip(parts, pattern_parts, strict=True) if a != b]
            if len(differ) == 1 and _common_prefix(*differ[0]) >= min(4, len(differ[0][1])):
                return 1, f"variant of '{pw.word}' ({differ[0][0]} for {differ[0][1]})"
    # Shared stem.
    need = max(5, len(literal) - 1)
    if len(literal) >= 5 and len(w) >= need:
        common = _common_prefix(w, literal)
        if common >= need:
            return 4, f"shares stem '{literal[:common]}'"
    return None


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


def _aligned_phrase(words: list[str], i: int, pw: _PatternWord) -> tuple[int, int] | None:
    """Token range of the whole pattern around token ``i``, if the other words match."""
    if pw.n_words == 1:
        return None
    first = i - pw.index
    last = first + pw.n_words - 1
    if first < 0 or last >= len(words):
        return None
    for k, rx in enumerate(pw.word_regexes):
        if k != pw.index and not rx.fullmatch(words[first + k]):
            return None
    return first, last


def _free_tokens(tokens: list[tuple[int, int]], taken: list[tuple[int, int]]) -> list[bool]:
    """For each token, True when it overlaps no lexicon match (label or name)."""
    free = [True] * len(tokens)
    if not taken:
        return free
    token_starts = [s for s, _ in tokens]
    token_ends = [e for _, e in tokens]
    for s, e in taken:
        lo = bisect_right(token_ends, s)
        hi = bisect_left(token_starts, e)
        for k in range(lo, hi):
            free[k] = False
    return free


def _covered(taken: list[tuple[int, int]], s: int, e: int) -> bool:
    """True when ``[s, e)`` lies inside one of the (sorted, disjoint) ``taken`` spans."""
    k = bisect_right(taken, (s, math.inf))
    return bool(k) and taken[k - 1][0] <= s and taken[k - 1][1] >= e


def _variant_lexicon(lex: Lexicon) -> Lexicon | None:
    """Hyphen and space spelling variants of the lexicon's patterns, as a lexicon.

    Labels are "actor\\x1flabel\\x1fpattern" so a match says which entry it varies.
    Variants equal to an existing pattern are left out.
    """
    existing = {_normal_key(p) for p in lex.patterns}
    for names in lex.names.values():
        existing.update(_normal_key(p) for aliases in names.values() for p in aliases)
    seen: set[str] = set()
    labels: dict[str, list[str]] = {}
    for actor, label_map in lex.actors.items():
        for label, patterns in label_map.items():
            for pattern in patterns:
                variants = []
                words = pattern.split()
                if any("-" in w for w in words):
                    variants.append(pattern.replace("-", " "))
                    variants.append(pattern.replace("-", ""))
                if len(words) > 1:
                    variants.append("-".join(words))
                    variants.append("".join(words))
                for v in variants:
                    key = _normal_key(v)
                    if key in existing or key in seen:
                        continue
                    try:
                        _pattern_atoms(v)
                    except ValueError:
                        continue
                    seen.add(key)
                    labels.setdefault("\x1f".join((actor, label, pattern)), []).append(v)
    if not labels:
        return None
    return Lexicon.from_dict({"name": "variants", "actors": {"variants": {"labels": labels}}})
