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
from typing import Any

import pandas as pd

from ._tables import iter_documents, make_frame, one_line
from ._validation import check_table
from .lexicon import Lexicon, LexiconLike, _normal_key, _pattern_atoms, fold_char, resolve_lexicon
from .text import tokenize

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
      are other words (terrorism is not a label for an actor): judge by the example.
    * ``compound in -backed/-led not matched``: a compound naming a group by its
      backer or leader ("Saudi-led", "Iranian-backed") that no pattern matches
      (``actor``, ``label`` and ``pattern`` are empty);
    * ``confusable spelling (...)``: a mention the lexicon *does* match, but only
      after Unicode folding (see :mod:`mediakit.lexicon`): letters of another script
      that look like Latin ones (Cyrillic "е"), invisible characters (soft hyphen,
      zero-width space), combining accents or full-width letters. Such spellings are
      rare in edited news; many of them in one source suggest text written to evade
      keyword filters. The candidate is shown with ``\\u`` escapes.

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
    check_table(corpus, ("doc_id", "text"), caller="audit_lexicon", table_name="corpus")
    if isinstance(min_count, bool) or not isinstance(min_count, int) or min_count < 1:
        raise ValueError(f"min_count must be a positive integer, got {min_count!r}")
    lex = resolve_lexicon(lexicon)
    docs = [(doc_id, text) for doc_id, _o, _d, text in iter_documents(corpus) if text]

    # 1. Unmatched tokens of the corpus, per lower-cased type, with their positions.
    occurrences: dict[str, list[tuple[int, int]]] = defaultdict(list)  # type -> (doc, token idx)
    doc_tokens: list[list[tuple[int, int]]] = []
    doc_words: list[list[str]] = []
    doc_free: list[list[bool]] = []
    phrase_hits: list[tuple[int, int, int, str, str, str, str]] = []
    backed_or_led: list[tuple[int, int, int]] = []
    variant_lex = _variant_lexicon(lex)
    for d, (_doc_id, text) in enumerate(docs):
        tokens = tokenize(text)
        words = [text[s:e].lower().replace("\u2019", "'") for s, e in tokens]
        hits = lex.scan(text)
        taken = [(s, e) for s, e, _ in hits]
        free = _free_tokens(tokens, taken)
        for s, e, en in hits:
            # Matched only after Unicode folding: a look-alike or invisible spelling.
            why = _unusual_spelling(text[s:e]) if not text[s:e].isascii() else None
            if why is not None:
                label = en.label if en.kind == "label" else f"names: {en.label}"
                phrase_hits.append((d, s, e, en.actor, label, en.pattern, f"confusable spelling ({why})"))
        for i, (s, e) in enumerate(tokens):
            # Compounds naming a group by its backer or leader ("Saudi-led") that no
            # pattern matches.
            if free[i] and _BACKED_OR_LED.fullmatch(words[i]):
                backed_or_led.append((d, s, e))
        doc_tokens.append(tokens)
        doc_words.append(words)
        doc_free.append(free)
        for i, (w, ok) in enumerate(zip(words, free, strict=True)):
            if ok:
                occurrences[w].append((d, i))
        if variant_lex is not None:
            for s, e, en in variant_lex.scan(text):
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
        surface = text[s:e]
        candidate = ascii(surface)[1:-1] if reason.startswith("confusable") else _candidate_text(surface)
        add(candidate, 0, reason, actor, label, pattern, [(d, s, e)])

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

    # Last and weakest: a compound that resembles no pattern but names a group by its
    # backer or leader.
    for d, s, e in backed_or_led:
        add(_candidate_text(docs[d][1][s:e]), len(_REASONS), "compound in -backed/-led not matched",
            "", "", "", [(d, s, e)])

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
    frame = make_frame(AUDIT_COLUMNS, cols)
    if frame.empty:
        return frame
    frame = frame.sort_values(["count", "candidate"], ascending=[False, True], kind="stable")
    return frame.reset_index(drop=True)


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
    """A candidate as reported: lower case, one line, straight apostrophes."""
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

