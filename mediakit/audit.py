"""The lexicon audit: words in the corpus that look like variants a lexicon misses.

:func:`audit_lexicon` takes the corpus table first, never modifies it, and returns a
tidy DataFrame whose columns are listed in its docstring.
"""

from __future__ import annotations

import math
import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections import defaultdict
from numbers import Integral
from typing import Any

import pandas as pd

from ._docstrings import share_docs
from ._tables import make_frame
from ._validation import Interval, check_table, validate_params
from .document import Document, documents
from .lexicon import Lexicon, LexiconLike, _normal_key, _pattern_atoms, fold_char, resolve_lexicon
from .text import one_line

__all__ = ["AUDIT_COLUMNS", "audit_lexicon"]

AUDIT_COLUMNS: tuple[str, ...] = (
    "actor", "label", "pattern", "candidate", "reason", "count", "n_docs", "example",
)

# ----------------------------------------------------------------------------------
# Lexicon audit

# Reasons in order of strength; a candidate is reported once, for its strongest reason.
_REASONS = ("hyphen or space variant", "edit distance", "inflection not covered",
            "compound with", "shares stem")
_INFLECTIONS = ("s", "es", "ed", "ing")
_EXAMPLE_CONTEXT = 40


@validate_params({"min_count": [Interval(Integral, 1, None)]})
@share_docs
def audit_lexicon(
    corpus: pd.DataFrame,
    lexicon: LexiconLike | None = None,
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
      are other words (terrorism is not a label for an actor): judge by the example;
    * ``compound in -backed/-led not matched``: a compound naming a group by its
      backer or leader ("Saudi-led", "Iranian-backed") that no pattern matches
      (``actor``, ``label`` and ``pattern`` are empty);
    * ``confusable spelling (...)``: a mention the lexicon *does* match, but only
      after Unicode folding (see :mod:`mediakit.lexicon`): letters of another script
      that look like Latin ones (Cyrillic "е"), invisible characters (soft hyphen,
      zero-width space), combining accents or full-width letters. Such spellings are
      rare in edited news; many in one source suggest text written to get past
      keyword filters. The candidate is shown with ``\\u`` escapes.

    Pattern words need 4+ letters. For a word of a multi-word pattern, the candidate
    is the whole phrase where the other words line up ("Tarvia-backed armed
    groups"); elsewhere the word alone is reported only if the pattern word is
    hyphenated ("Tarvia-backed militants"), since "forced" is no variant of
    "opposition forces". A candidate is reported once, for its strongest reason and
    the first pattern giving it.

    Parameters
    ----------
    {corpus}
    {lexicon}
    {min_count}
        Here the item is a candidate and its count its unmatched occurrences
        (default 1). Unlike the ``min_count`` of :func:`mediakit.collocates`
        (default 3), which trims a ranked list of associations, here one unmatched
        spelling is already a miscount, so every candidate is shown by default.

    Returns
    -------
    pandas.DataFrame
        ``actor``, ``label``, ``pattern`` (str, the lexicon entry it resembles);
        ``candidate`` (str, lower-cased word or phrase); ``reason`` (str); ``count``
        (int64, unmatched occurrences); ``n_docs`` (int64, articles with one);
        ``example`` (str, the first occurrence with some context, ``[[...]]`` around
        the candidate). Sorted by count descending, then candidate.

    Raises
    ------
    InvalidParameterError
        ``min_count`` is not an int of at least 1.
    LexiconError
        The lexicon cannot be loaded.
    """
    check_table(corpus, ("doc_id", "text"), caller="audit_lexicon", table_name="corpus")
    lex = resolve_lexicon(lexicon)
    docs = [doc for doc in documents(corpus, lex) if doc.text]
    unmatched = _Unmatched(docs, lex)
    candidates = _Candidates()
    for d, s, e, actor, label, pattern, reason in unmatched.phrase_hits:
        surface = docs[d].text[s:e]
        # A confusable spelling is shown with escapes, so that it can be seen.
        shown = ascii(surface)[1:-1] if reason.startswith("confusable") else _candidate_text(surface)
        candidates.add(shown, 0, reason, actor, label, pattern, [(d, s, e)])
    for pw in _pattern_words(lex):
        _add_word_candidates(candidates, unmatched, pw)
    # Last and weakest: a compound that resembles no pattern but names a group by
    # its backer or leader.
    for d, s, e in unmatched.backed_or_led:
        candidates.add(_candidate_text(docs[d].text[s:e]), len(_REASONS),
                       "compound in -backed/-led not matched", "", "", "", [(d, s, e)])
    return candidates.frame(docs, min_count)


class _Unmatched:
    """Where the corpus has words (and spelling variants of whole patterns) that no
    lexicon match covers: step 1 of :func:`audit_lexicon`.

    ``occurrences`` maps each word (:func:`mediakit.text.words`) to its unmatched
    places ``(document, token index)``; ``phrase_hits`` lists the hyphen and space
    variants of patterns found outside every match, as ``(document, start, end,
    actor, label, pattern, reason)``.
    """

    def __init__(self, docs: list[Document], lex: Lexicon) -> None:
        self.docs = docs
        self.occurrences: dict[str, list[tuple[int, int]]] = defaultdict(list)
        self.phrase_hits: list[tuple[int, int, int, str, str, str, str]] = []
        self.backed_or_led: list[tuple[int, int, int]] = []
        variant_lex = _variant_lexicon(lex)
        occurrences = self.occurrences  # a local name: read once per word of the corpus
        for d, doc in enumerate(docs):
            taken = [(s, e) for s, e, _ in doc.hits]
            free = _free_tokens(doc.token_starts, doc.token_ends, taken)
            for i, (w, ok) in enumerate(zip(doc.words, free, strict=True)):
                if ok:
                    occurrences[w].append((d, i))
                    # A compound naming a group by its backer or leader ("Saudi-led").
                    if w.endswith(("-backed", "-led")) and _BACKED_OR_LED.fullmatch(w):
                        self.backed_or_led.append((d, doc.token_starts[i], doc.token_ends[i]))
            for s, e, en in doc.hits:
                # Matched only after Unicode folding: a look-alike or invisible spelling.
                surface = doc.text[s:e]
                why = None if surface.isascii() else _unusual_spelling(surface)
                if why is not None:
                    label = en.label if en.kind == "label" else f"{en.kind}: {en.label}"
                    self.phrase_hits.append(
                        (d, s, e, en.actor, label, en.pattern, f"confusable spelling ({why})"))
            if variant_lex is not None:
                for s, e, en in variant_lex.scan(doc.text):
                    if not _covered(taken, s, e):
                        actor, label, pattern = en.label.split("\x1f")
                        self.phrase_hits.append(
                            (d, s, e, actor, label, pattern, "hyphen or space variant"))
        # Plain lists: the word comparisons read them once per occurrence.
        self.words = [doc.words for doc in docs]
        self.token_starts = [doc.token_starts for doc in docs]
        self.token_ends = [doc.token_ends for doc in docs]
        self.by_prefix: dict[str, list[str]] = defaultdict(list)
        for w in self.occurrences:
            self.by_prefix[w[:2]].append(w)
        self.hyphenated = [w for w in self.occurrences if "-" in w]


class _Candidates:
    """The candidates found so far, each with its strongest reason (lowest rank) and
    the first pattern giving it, and its places ``(document, start, end)``."""

    def __init__(self) -> None:
        self.found: dict[str, dict[str, Any]] = {}

    def add(self, candidate: str, rank: int, reason: str, actor: str, label: str,
            pattern: str, hits: list[tuple[int, int, int]]) -> None:
        current = self.found.get(candidate)
        if current is None or rank < current["rank"]:
            self.found[candidate] = {"rank": rank, "reason": reason, "actor": actor,
                                     "label": label, "pattern": pattern, "hits": set(hits)}
        elif rank == current["rank"] and pattern == current["pattern"]:
            current["hits"].update(hits)

    def frame(self, docs: list[Document], min_count: int) -> pd.DataFrame:
        """The audit table (see :func:`audit_lexicon`)."""
        cols: dict[str, list[Any]] = {name: [] for name in AUDIT_COLUMNS}
        for candidate, info in self.found.items():
            hits = sorted(info["hits"])
            if len(hits) < min_count:
                continue
            d, s, e = hits[0]
            cols["actor"].append(info["actor"])
            cols["label"].append(info["label"])
            cols["pattern"].append(info["pattern"])
            cols["candidate"].append(candidate)
            cols["reason"].append(info["reason"])
            cols["count"].append(len(hits))
            cols["n_docs"].append(len({h[0] for h in hits}))
            cols["example"].append(_example(docs[d].text, s, e))
        frame = make_frame(AUDIT_COLUMNS, cols)
        if frame.empty:
            return frame
        frame = frame.sort_values(["count", "candidate"], ascending=[False, True], kind="stable")
        return frame.reset_index(drop=True)


def _example(text: str, s: int, e: int) -> str:
    """``text[s:e]`` in ``[[...]]`` with some context, on one line."""
    return one_line(
        text[max(s - _EXAMPLE_CONTEXT, 0):s] + "[[" + text[s:e] + "]]" + text[e:e + _EXAMPLE_CONTEXT]
    )


def _add_word_candidates(candidates: _Candidates, unmatched: _Unmatched, pw: _PatternWord) -> None:
    """Step 2 of :func:`audit_lexicon`: the unmatched words resembling one pattern word,
    each as the whole phrase where the pattern's other words line up."""
    pool = unmatched.by_prefix.get(pw.literal[:2], []) if pw.literal else []
    compound_pool = [w for w in unmatched.hyphenated if pw.literal in w]
    for w in dict.fromkeys(pool + compound_pool):
        if pw.regex.fullmatch(w):
            continue  # the word itself is covered; it is unmatched for another reason
        found = _resemblance(w, pw)
        if found is None:
            continue
        rank, reason = found
        phrase_groups: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
        for d, i in unmatched.occurrences[w]:
            phrase = _aligned_phrase(unmatched.words[d], i, pw)
            if phrase is not None:
                first, last = phrase
                span = (d, unmatched.token_starts[d][first], unmatched.token_ends[d][last])
                phrase_groups[_candidate_text(unmatched.docs[d].text[span[1]:span[2]])].append(span)
            elif pw.n_words == 1 or "-" in pw.word:
                # A word of a longer pattern alone is reported only when it is a
                # distinctive hyphenated modifier ("Tarvia-backed militants").
                phrase_groups[w].append(
                    (d, unmatched.token_starts[d][i], unmatched.token_ends[d][i]))
        for candidate, hits in phrase_groups.items():
            candidates.add(candidate, rank, reason, pw.actor, pw.label, pw.pattern, hits)


_BACKED_OR_LED = re.compile(r"[^\W_][\w.'-]*-(?:backed|led)")


def _unusual_spelling(surface: str) -> str | None:
    """Why a matched text needed Unicode folding to match, or None when it only has
    ordinary accented letters: invisible characters, combining accents, letters of
    another script that look like Latin ones, compatibility forms (full-width)."""
    reasons = []
    for ch in dict.fromkeys(surface):
        if ch.isascii():
            continue
        name = unicodedata.name(ch, f"U+{ord(ch):04X}")
        folded = fold_char(ch)
        category = unicodedata.category(ch)
        if folded == "" and category != "Mn":
            reasons.append(f"invisible {name}")
        elif category in ("Mn", "Me"):
            reasons.append(f"combining {name}")
        elif unicodedata.decomposition(ch).startswith("<"):
            reasons.append(f"compatibility form {name}")
        elif folded.isascii() and not unicodedata.decomposition(ch) and folded != ch:
            reasons.append(f"look-alike {name} for {folded!r}")
    return "; ".join(reasons) or None


def _candidate_text(surface: str) -> str:
    """A candidate as reported: lower case, one line, straight apostrophes (as
    :func:`mediakit.text.words` writes a word)."""
    return one_line(surface.lower()).replace("\u2019", "'")


class _PatternWord:
    """One word of one pattern, for the audit."""

    __slots__ = (
        "actor",
        "index",
        "label",
        "literal",
        "n_words",
        "pattern",
        "regex",
        "word",
        "word_regexes",
    )

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


def _free_tokens(
    token_starts: list[int], token_ends: list[int], taken: list[tuple[int, int]]
) -> list[bool]:
    """For each token, True when it overlaps no lexicon match (label or name)."""
    free = [True] * len(token_starts)
    if not taken:
        return free
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
                if pattern[0] in "*?":
                    continue  # "*-led" written "* led" or "*led" is any word ("fled")
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

