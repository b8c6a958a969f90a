"""Lexicons: actors -> competing labels -> token-glob patterns (issue 3).

A :class:`Lexicon` maps each **actor** (a referent, such as the armed opposition) to the
competing **labels** outlets use for it ("terrorist", "rebel", "opposition"...), each
label a list of **patterns**, with a one-line description per label. An actor may also
list **names** of specific groups ("KLF", "Hayat Tahrir al-Sham") so that each mention
can say which named groups its sentence talks about.

File format (YAML, loaded with ``yaml.safe_load``; JSON and plain dicts take the same
shape)::

    name: conflict
    description: One line on what this lexicon is for.
    actors:
      armed_opposition:
        description: Armed non-state groups fighting the state.   # optional
        names:                     # optional: a list, or canonical name -> aliases
          KLF: [KLF, Kessel Liberation Front]
          Dawn Brigades: [Dawn Brigade*]
        labels:
          terrorist:               # a mapping with patterns and a description ...
            description: Delegitimising; equates the group with terrorism.
            patterns: [terrorist*, terror group*]
          rebel: [rebel, rebels]   # ... or just a list of patterns

Matching rules
--------------
* **Case-insensitive**, over the original text: every match gives character offsets
  with ``text[start:end] == match``.
* **Tokens.** A word token is a run of letters and digits; hyphenated compounds
  ("Tarvian-backed", "al-Sham") are one token, so ``terrorist*`` does *not* match
  inside "counter-terrorist" or "terrorist-linked", and ``government forces`` does not
  match inside "pro-government forces". A match always starts and ends on a token
  boundary; ``rebel`` does not match "rebellion".
* **Globs.** ``*`` matches any run of letters/digits within a token (``terrorist*``
  matches terrorist, terrorists); it never crosses a hyphen, except that a ``*`` that
  opens a token and is followed by a hyphen (``*-backed``) also matches hyphenated
  words before it ("Tarvian-backed", "al-Qaeda-backed"). A ``*`` that opens a token or
  follows a hyphen matches at least one character. ``?`` matches exactly one letter or
  digit. A pattern token that is only ``*`` matches one whole token. ``**`` is an error.
  These are the only wildcards: regex and glob syntax (``[ ] ( ) { } | \\ ^ $ +``) is
  an error naming the actor, label and pattern, never matched literally, so
  ``criminal[s`` fails loudly instead of silently finding nothing.
* **Phrases.** Words of a multi-word pattern match consecutive tokens separated by any
  whitespace, line breaks included ("opposition\\nforces").
* **Hyphens and apostrophes** in a pattern match their typographic variants: ``-``
  matches ``-``, U+2010 and U+2011; ``'`` matches ``'`` and ``’``.
* **Plurals** are not added by magic: write ``rebel*`` or list ``rebels`` (the
  lexicon audit reports inflections a pattern misses).
* **Possessives** are left outside the match: "KLF's", "rebels'" and "militants’"
  match ``KLF``, ``rebel*`` and ``militant*`` with the span ending before the
  apostrophe, so the label's surface form is the word itself.
* **Overlaps: leftmost-longest.** Scanning left to right, at the first position where
  any pattern matches, the longest match wins; ties go to the entry listed first
  (actors in order, labels in order, patterns in order, then names). Matching resumes
  after it, so no character is counted twice, across labels and actors too:
  "Tarvian-backed armed groups" is one ``armed_group`` mention, not a ``*-backed``
  plus an ``armed group*`` one, and "opposition forces" is not also "forces".
* **Names take part in overlap resolution** but are reported separately
  (:meth:`Lexicon.find_names`), never as label mentions: with "Free Kessel Army" listed
  as a name, its "Army" is not counted as the state's ``army`` label.

Implementation: the patterns compile into one search regex (a trie of their literal
prefixes) that skips in C from one non-word character to the next and stops where some
pattern matches after it; there, a regex compiled for the character found checks the
left guard and runs every pattern that can start with it, each in a capturing
look-ahead, so one call gives every candidate's match end. Patterns opening with a glob
and a hyphen (``*-backed ...``) are found from their hyphen instead of being tried at
every word. Cost is one regex scan of the text (of its lower-cased copy when the
lexicon's letters are ASCII) plus a few microseconds per match; ``_Matcher`` says why
each shortcut finds exactly what trying every pattern at every position would.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any, NamedTuple

import pandas as pd
import yaml

from .errors import LexiconError

__all__ = [
    "DEFAULT_LEXICON",
    "Lexicon",
    "LexiconMatch",
    "NameMatch",
    "default_lexicon_for",
    "list_lexicons",
    "load_lexicon",
]

#: Bundled lexicon used when a function is given none: conflict-agnostic labels.
DEFAULT_LEXICON = "conflict"


def default_lexicon_for(corpus: pd.DataFrame) -> str:
    """The lexicon used for ``corpus`` when none is given: the one written for it
    (``corpus.attrs["lexicon"]``, set by :func:`mediakit.load_sample`), else DEFAULT_LEXICON."""
    chosen = corpus.attrs.get("lexicon")
    return chosen if isinstance(chosen, str) else DEFAULT_LEXICON

_WORD = r"[^\W_]"  # a letter or digit (any script); underscore is not a word character
_HYPHEN = "[-\u2010\u2011]"
_APOSTROPHE = "['\u2019]"
_HYPHEN_CHARS = "-\u2010\u2011"
_HYPHENS_AND_APOSTROPHES = "-\u2010\u2011'\u2019"
# A match may not start inside a token ("rebellion"), after a hyphen joining it to a
# word ("counter-terrorist"), or after a word plus apostrophe ("Ba'ath").
_LEFT_GUARD = rf"(?<!{_WORD})(?<!{_WORD}{_HYPHEN})(?<!{_WORD}{_APOSTROPHE})"
# ... nor end inside one: the next character is not a letter/digit or a hyphen going on.
_RIGHT_GUARD = rf"(?!{_WORD}|{_HYPHEN}{_WORD})"
_STAR_ANY = f"{_WORD}*"
_STAR_SOME = f"{_WORD}+"
# Possessive quantifiers (Python 3.11+) let a plain word fail at once, without
# backtracking through its letters, where a pattern such as ``*-backed`` is tried.
_STAR_TOKEN = f"{_WORD}++(?:{_HYPHEN}{_WORD}++)*+"
_STAR_HYPHEN_PREFIX = f"(?:{_WORD}++{_HYPHEN})+"

_LEXICON_KEYS = {"name", "description", "actors"}
_ACTOR_KEYS = {"description", "names", "labels"}
_LABEL_KEYS = {"description", "patterns"}


class LexiconMatch(NamedTuple):
    """One label occurrence: ``text[start:end] == match``."""

    start: int
    end: int
    actor: str
    label: str
    pattern: str
    match: str


class NameMatch(NamedTuple):
    """One occurrence of a named group: ``name`` is the canonical name."""

    start: int
    end: int
    actor: str
    name: str
    pattern: str
    match: str


@dataclass(frozen=True)
class _Label:
    name: str
    patterns: tuple[str, ...]
    description: str


@dataclass(frozen=True)
class _Actor:
    name: str
    labels: tuple[_Label, ...]
    names: tuple[tuple[str, tuple[str, ...]], ...]
    description: str


def _error(
    reason: str,
    *,
    file: str | None = None,
    actor: str | None = None,
    label: str | None = None,
    pattern: Any = None,
) -> LexiconError:
    where = []
    if file is not None:
        where.append(str(file))
    if actor is not None:
        where.append(f"actor {actor!r}")
    if label is not None:
        where.append(f"label {label!r}")
    if pattern is not None:
        where.append(f"pattern {pattern!r}")
    err = LexiconError(f"{', '.join(where)}: {reason}" if where else reason)
    err.reason, err.file = reason, file
    err.actor, err.label, err.pattern = actor, label, pattern
    return err


# ----------------------------------------------------------------------------------
# Pattern compilation


# Regex and shell-glob syntax with no meaning in mediakit's globs; rejected, not matched.
_RESERVED_CHARS = "[](){}|\\^$+"


def _pattern_atoms(pattern: str) -> list[tuple[str, bool]]:
    """Regex atoms of one pattern, each flagged True when it is a literal unit.

    Literal atoms (a lower-cased character, a hyphen or apostrophe class, the
    whitespace between words) can be shared in the prefix trie; globs end the prefix.
    Raises ValueError with the reason when the pattern is malformed.
    """
    if not pattern.strip():
        raise ValueError("empty pattern")
    if "**" in pattern:
        raise ValueError("'**' is not a valid glob; use a single '*'")
    reserved = [ch for ch in _RESERVED_CHARS if ch in pattern]
    if reserved:
        # Matched literally they would silently find nothing ("criminal[s"), so say so.
        raise ValueError(
            f"{', '.join(repr(ch) for ch in reserved)} "
            f"{'is' if len(reserved) == 1 else 'are'} not allowed: patterns are not regular "
            "expressions, and the only wildcards are '*' (any run of letters or digits) and "
            "'?' (one letter or digit); list each spelling as its own pattern "
            "(e.g. 'criminal', 'criminals', or 'criminal*')"
        )
    if not any(ch.isalnum() for ch in pattern):
        raise ValueError("a pattern needs at least one letter or digit")
    atoms: list[tuple[str, bool]] = []
    for t, token in enumerate(pattern.split()):
        if token[0] in _HYPHEN_CHARS or token[-1] in _HYPHEN_CHARS:
            raise ValueError(
                f"word {token!r} starts or ends with a hyphen; write '*-...' or '...-*'"
            )
        if not (token[0].isalnum() or token[0] in "*?"):
            raise ValueError(f"word {token!r} must start with a letter, digit or glob")
        if not (token[-1].isalnum() or token[-1] in "*?.'\u2019"):
            raise ValueError(f"word {token!r} must end with a letter, digit, '.' or glob")
        if t:
            atoms.append((r"\s+", True))
        skip_hyphen = False
        for i, ch in enumerate(token):
            if skip_hyphen:
                skip_hyphen = False
                continue
            if ch == "*":
                opens = i == 0 or token[i - 1] in _HYPHEN_CHARS
                if i == 0 and len(token) == 1:
                    atoms.append((_STAR_TOKEN, False))
                elif i == 0 and token[1] in _HYPHEN_CHARS:
                    # "*-backed": one or more hyphen-joined words, then the hyphen.
                    atoms.append((_STAR_HYPHEN_PREFIX, False))
                    skip_hyphen = True
                else:
                    atoms.append((_STAR_SOME if opens else _STAR_ANY, False))
            elif ch == "?":
                atoms.append((_WORD, False))
            elif ch in _HYPHEN_CHARS:
                atoms.append((_HYPHEN, True))
            elif ch in "'\u2019":
                atoms.append((_APOSTROPHE, True))
            elif ch.isspace() or not ch.isprintable():
                raise ValueError(f"unexpected character {ch!r}")
            else:
                # One atom per character, also where lower() gives two ("İ" gives "i"
                # and a combining dot), so that a literal atom matches one character.
                atoms.extend((re.escape(c), True) for c in ch.lower())
    return atoms


def _normal_key(pattern: str) -> str:
    """Spelling-insensitive identity of a pattern, to detect duplicates."""
    text = " ".join(pattern.lower().split()).replace("\u2019", "'")
    return re.sub(f"[{_HYPHEN_CHARS}]", "-", text)


@dataclass(frozen=True)
class _Entry:
    order: int
    kind: str  # "label" | "name"
    actor: str
    label: str  # the label, or the canonical name for kind == "name"
    pattern: str
    regex: re.Pattern[str]
    first: str  # lower-cased first literal character, "" when the pattern opens with a glob


# The characters U+0000..U+00FF: character classes are computed by running ``re``'s own
# case-insensitive matching over them rather than by restating its case-folding rules.
_LATIN1 = "".join(map(chr, range(256)))
# The only non-ASCII characters that ``re`` matches with an ASCII letter or digit when
# ignoring case: "İ" and the Kelvin sign lower-case to "i" and "k", and re also folds
# "ı" with "i" and "ſ" with "s" (tests/test_lexicon.py checks every code point).
_FOLDS_TO_ASCII = "\u0130\u0131\u017f\u212a"
# The literal atoms that are not a character of the pattern: nothing to case-fold.
_CLASS_ATOMS = (r"\s+", _HYPHEN, _APOSTROPHE)


def _not_word_class() -> str:
    """A case-sensitive class of what a match can follow: every character below U+0100
    that is not a letter or digit (as ``re`` sees it), and every character above."""
    word = re.compile(_WORD, re.IGNORECASE)
    codes = [ord(c) for c in _LATIN1 if not word.match(c)]
    parts = []
    i = 0
    while i < len(codes):
        j = i
        while j + 1 < len(codes) and codes[j + 1] == codes[j] + 1:
            j += 1
        parts.append(f"\\x{codes[i]:02x}" if i == j else f"\\x{codes[i]:02x}-\\x{codes[j]:02x}")
        i = j + 1
    return "(?-i:[" + "".join(parts) + "\\u0100-\\U0010ffff])"


_NOT_WORD_CLASS = _not_word_class()


def _hyphen_anchor(atoms: list[tuple[str, bool]]) -> int | None:
    """For a pattern opening with a glob, the index of its first literal character
    when a hyphen comes right before it (``*-backed ...``, ``?-led ...``), else None."""
    for k, (atom, literal) in enumerate(atoms):
        if literal and atom not in _CLASS_ATOMS:
            if k and atoms[k - 1][0] in (_HYPHEN, _STAR_HYPHEN_PREFIX):
                return k
            return None
    return None


class _Matcher:
    """Leftmost-longest matcher over every pattern of a lexicon (see module doc).

    Each match is found in two steps:

    * **Where.** A search regex finds the next character that a match can follow
      (anything but a letter or digit) followed by something that some pattern
      matches: a trie of the patterns' literal prefixes, then their globs and right
      guard. Its first item is a plain character class, so ``re`` skips from one such
      character to the next in a tight loop instead of trying the three look-behinds
      of ``_LEFT_GUARD`` at every position. A match at the text's start has no
      character before it and is tried directly.
    * **Which.** There, a "confirm" regex compiled for the character found checks
      ``_LEFT_GUARD`` and then runs every pattern whose first literal matches that
      character ignoring case (as ``re`` decides), and every glob-first one, as a
      trie in which each pattern ends in an empty capturing group inside an optional
      look-ahead (:meth:`_capture_regex`): one call gives each candidate's match end,
      (-1, -1) if it does not match. The longest wins, the first listed on ties. If
      none matches ("counter-terrorist" fails the guard), the search goes on.

    The search comes in two forms, each matching exactly where some pattern does
    (the guard aside). On the text itself it ignores case, except for a
    case-sensitive branch per ASCII spelling of each first letter, which ``re`` can
    skip by comparing one character (any other first character goes through a
    look-behind with the pattern's own letter). When all of the lexicon's literal
    characters are ASCII it runs case-sensitively, faster, on ``text.lower()``
    instead, unless the text holds a character of ``_FOLDS_TO_ASCII`` or
    lower-casing changes its length: then a lower-cased character equals a
    pattern's letter exactly when the original matches it ignoring case, and is a
    letter, digit, space, hyphen or apostrophe exactly when the original is (the
    tests check this for every code point).

    Patterns opening with a glob before a hyphen (``*-backed armed group*``) would
    have to be tried at every token start, so they are found from their hyphen
    instead (:meth:`_next_glob`) and merged in by position, length and lexicon order.
    Other glob-first patterns (``* regime``) are part of the search.

    Every step is either a pattern's own regex or an exact union of them, so the
    result is that of trying every pattern at every position, which
    tests/test_lexicon.py compares it with.
    """

    def __init__(self, entries: list[tuple[str, str, str, str, list[tuple[str, bool]]]]):
        self.entries: list[_Entry] = []
        self._atoms: dict[int, list[tuple[str, bool]]] = {}  # order -> the pattern's atoms
        trie: dict = {}
        anchored: list[tuple[_Entry, str, int]] = []  # (entry, rest from its anchor, runs)
        ascii_literals = True
        for order, (kind, actor, label, pattern, atoms) in enumerate(entries):
            full = "".join(a for a, _ in atoms) + _RIGHT_GUARD
            first = atoms[0][0] if atoms[0][1] else ""
            if first:
                first = re.sub(r"\\(.)", r"\1", first)
            entry = _Entry(order, kind, actor, label, pattern,
                           re.compile(_LEFT_GUARD + full, re.IGNORECASE), first)
            self.entries.append(entry)
            self._atoms[order] = atoms
            k = None if first else _hyphen_anchor(atoms)
            if k is not None:
                rest = "".join(a for a, _ in atoms[k:]) + _RIGHT_GUARD
                anchored.append((entry, rest, sum(a == r"\s+" for a, _ in atoms[:k])))
                continue
            ascii_literals = ascii_literals and all(
                a.isascii() for a, literal in atoms if literal and a not in _CLASS_ATOMS
            )
            node = trie
            i = 0
            while i < len(atoms) and atoms[i][1]:
                node = node.setdefault(atoms[i][0], {})
                i += 1
            node.setdefault(None, []).append("".join(a for a, _ in atoms[i:]))

        # The patterns found from a hyphen; the most runs of whitespace their glob part
        # can span bounds how far before the hyphen such a match can start.
        self._globs = tuple(e for e, _, _ in anchored)
        self._glob_runs = max((runs for _, _, runs in anchored), default=0)
        self._glob_after_ascii_hyphen = self._glob_after_hyphen = None
        if anchored:
            rests = "|".join(dict.fromkeys(rest for _, rest, _ in anchored))
            # A literal first character lets re skip to the next "-" in a tight loop.
            self._glob_after_ascii_hyphen = re.compile(f"-(?=(?:{rests}))", re.IGNORECASE).search
            self._glob_after_hyphen = re.compile(f"{_HYPHEN}(?=(?:{rests}))", re.IGNORECASE).search
        # Glob-first patterns of the search, candidates wherever it stops.
        self._inline = tuple(e for e in self.entries if not e.first and e not in self._globs)

        self._search = self._search_lower = None
        if trie:
            alternatives, others, globs = [], [], []
            for key, child in trie.items():
                if key is None:
                    globs.extend(f"{rest}{_RIGHT_GUARD}" for rest in dict.fromkeys(child))
                    continue
                rest = self._trie_regex(child)
                for c in re.findall(key, _LATIN1, re.IGNORECASE):
                    if c.isascii():
                        alternatives.append(f"(?-i:{re.escape(c)}){rest}")
                others.append(f"(?<={key}){rest}")
            alternatives.append(f"(?-i:[\\x80-\\U0010ffff])(?:{'|'.join(others)})")
            union = "|".join(alternatives + globs)
            self._search = re.compile(f"{_NOT_WORD_CLASS}(?:{union})", re.IGNORECASE).search
            if ascii_literals:
                self._search_lower = re.compile(
                    f"{_NOT_WORD_CLASS}{self._trie_regex(trie)}"
                ).search
        # For the text (False) and its lower-cased copy (True): first character ->
        # (the confirm regex's match method, the entry of each of its groups), on demand.
        self._confirm: dict[bool, dict[str, tuple[Any, tuple[_Entry | None, ...]]]] = {
            False: {}, True: {},
        }

    @classmethod
    def _trie_regex(cls, node: dict) -> str:
        alternatives = []
        for key, child in node.items():
            if key is None:
                alternatives.extend(f"{rest}{_RIGHT_GUARD}" for rest in dict.fromkeys(child))
            else:
                alternatives.append(key + cls._trie_regex(child))
        if len(alternatives) == 1:
            return alternatives[0]
        return "(?:" + "|".join(alternatives) + ")"

    def _confirm_for(self, lower: bool, char: str) -> tuple[Any, tuple[_Entry | None, ...]]:
        """The confirm regex for matches starting with ``char``, over the text or, with
        ``lower``, over its lower-cased copy (see the class doc)."""
        candidates = [
            e for e in self.entries
            if (e in self._inline if not e.first
                else e.first == char if lower
                else re.fullmatch(re.escape(e.first), char, re.IGNORECASE))
        ]
        trie: dict = {}
        for e in candidates:
            atoms = self._atoms[e.order]
            node = trie
            i = 0
            while i < len(atoms) and atoms[i][1]:
                node = node.setdefault(atoms[i][0], {})
                i += 1
            node.setdefault(None, []).append(("".join(a for a, _ in atoms[i:]), e))
        groups: list[_Entry | None] = [None]
        capture = self._capture_regex(trie, groups, exclusive=lower)
        regex = re.compile(f"{_LEFT_GUARD}(?={capture})", 0 if lower else re.IGNORECASE)
        self._confirm[lower][char] = result = (regex.match, tuple(groups))
        return result

    @classmethod
    def _capture_regex(cls, node: dict, groups: list[_Entry | None], *, exclusive: bool) -> str:
        """A regex that always matches and, for each pattern in the trie ``node``, sets
        an empty group at the pattern's match end, if it matches (the groups numbered
        on from ``len(groups)``, their entries appended to ``groups``).

        A pattern's literal prefix has no choices to backtrack over (its ``\\s+`` is
        followed by a letter, digit or glob, never by whitespace), so sharing it
        does not change where the pattern's match ends. ``exclusive``: no two
        branches of a node can match the same character (case-sensitive literals),
        so one alternation tries them; ignoring case, "s" and "ſ" both match "s", so
        each branch gets its own optional look-ahead.
        """
        parts = []
        branches = []
        for key, child in node.items():
            if key is None:
                seen = set()
                for rest, entry in child:
                    if rest not in seen:  # the same regex again: the first listed wins
                        seen.add(rest)
                        groups.append(entry)
                        parts.append(f"(?:(?={rest}{_RIGHT_GUARD}())|)")
            else:
                branches.append((key, child))
        if exclusive and branches:
            alternatives = [
                key + cls._capture_regex(child, groups, exclusive=True) for key, child in branches
            ]
            parts.append("(?:" + "|".join(alternatives) + "|)")
        else:
            parts.extend(
                f"(?:(?={key}{cls._capture_regex(child, groups, exclusive=False)})|)"
                for key, child in branches
            )
        return "".join(parts)

    def _next_glob(self, text: str, pos: int, find: Any) -> tuple[int, int, _Entry] | None:
        """The leftmost-longest match starting at ``pos`` or after, among the patterns
        found from a hyphen; ``find`` searches for a hyphen followed by the rest of one.

        The glob part of such a pattern matches only letters, digits, hyphens,
        apostrophes and at most ``_glob_runs`` runs of whitespace, so its start lies
        in the stretch of those characters that ends at the hyphen. Each token start
        there is tried with the patterns' own regexes, left to right; a stretch only
        grows as the hyphen moves right, so positions already tried (before
        ``tried``) need no second look, and the first success is the leftmost.
        """
        tried = pos
        globs = self._globs
        while True:
            m = find(text, pos)
            if m is None:
                return None
            hyphen = m.start()
            runs = self._glob_runs
            i = hyphen
            while i > tried:
                ch = text[i - 1]
                if ch.isspace():  # what \s tests, as isalnum() is what [^\W_] tests
                    if not text[i].isspace():
                        runs -= 1
                        if runs < 0:
                            break
                elif not (ch.isalnum() or ch in _HYPHENS_AND_APOSTROPHES):
                    break
                i -= 1
            for start in range(i, hyphen):
                if text[start].isalnum() and (start == 0 or not text[start - 1].isalnum()):
                    best = None
                    for entry in globs:
                        em = entry.regex.match(text, start)
                        if em is not None and (best is None or em.end() > best[1]):
                            best = (start, em.end(), entry)
                    if best is not None:
                        return best
            tried = pos = hyphen + 1

    def scan(self, text: str) -> list[tuple[int, int, _Entry]]:
        """Non-overlapping leftmost-longest matches as (start, end, entry)."""
        found: list[tuple[int, int, _Entry]] = []
        haystack, lower, search = text, False, self._search
        if self._search_lower is not None and (
            text.isascii() or not any(c in text for c in _FOLDS_TO_ASCII)
        ):
            lowered = text.lower()
            if len(lowered) == len(text):
                haystack, lower, search = lowered, True, self._search_lower
        glob = find = None
        if self._globs:
            find = (self._glob_after_hyphen if "\u2010" in text or "\u2011" in text
                    else self._glob_after_ascii_hyphen)
            glob = self._next_glob(text, 0, find)
        confirm = self._confirm[lower]
        n = len(text)
        # Where to look for the next match of the search's patterns: the text's start,
        # then each stop of the search (n: no more).
        start = 0 if search is not None else n
        while True:
            here = None  # that match: the leftmost-longest at ``start`` or after
            while start < n:
                char = haystack[start]
                match, entries = confirm.get(char) or self._confirm_for(lower, char)
                m = match(haystack, start)
                if m is not None:
                    regs = m.regs
                    best = max(regs)  # (end, end) of the longest; no match is (-1, -1)
                    if best[1] > start:
                        if regs.count(best) == 1:
                            entry = entries[regs.index(best)]
                        else:  # as long as another: the first listed wins
                            entry = min((entries[i] for i, span in enumerate(regs)
                                         if span == best), key=lambda e: e.order)
                        here = (start, best[1], entry)
                        break
                m = search(haystack, start)
                start = n if m is None else m.start() + 1
            if glob is not None and (here is None or glob[0] < here[0] or (
                glob[0] == here[0]
                and (glob[1], -glob[2].order) > (here[1], -here[2].order)
            )):
                found.append(glob)  # a pattern found from a hyphen comes first
                end = glob[1]
                glob = self._next_glob(text, end, find)
                if here is not None and here[0] < end:  # overlapped: look after it
                    m = search(haystack, end - 1)
                    start = n if m is None else m.start() + 1
                continue  # else ``start`` still holds the match found there
            if here is None:
                return found
            found.append(here)
            end = here[1]
            if glob is not None and glob[0] < end:
                glob = self._next_glob(text, end, find)
            m = search(haystack, end - 1)  # from the match's last character
            start = n if m is None else m.start() + 1


# ----------------------------------------------------------------------------------
# The Lexicon value object


def _as_str(value: Any, what: str, **where: Any) -> str:
    if not isinstance(value, str):
        raise _error(f"{what} must be a string, got {type(value).__name__}", **where)
    return value


@dataclass(frozen=True)
class Lexicon:
    """An immutable lexicon: actors -> labels -> patterns, with descriptions and names.

    Build one with :meth:`from_dict`, :meth:`from_yaml`, :meth:`from_json` or
    :func:`load_lexicon`; edit with :meth:`with_label` / :meth:`without_label`, which
    return new lexicons. ``find(text)`` lists the label mentions of one text.
    """

    name: str
    description: str
    _actors: tuple[_Actor, ...]
    _matcher: _Matcher = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_matcher", self._validate_and_compile())

    # -- construction ---------------------------------------------------------------
    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, file: str | None = None) -> Lexicon:
        """A lexicon from the mapping of the file format (see module docstring)."""
        if not isinstance(data, Mapping):
            raise _error(f"a lexicon must be a mapping, got {type(data).__name__}", file=file)
        unknown = set(data) - _LEXICON_KEYS
        if unknown:
            raise _error(
                f"unknown key(s) {sorted(map(str, unknown))}; expected {sorted(_LEXICON_KEYS)}",
                file=file,
            )
        name = data.get("name")
        if not isinstance(name, str) or not name.strip():
            raise _error("the lexicon needs a non-empty 'name'", file=file)
        description = data.get("description", "") or ""
        _as_str(description, "'description'", file=file)
        actors_in = data.get("actors")
        if not isinstance(actors_in, Mapping) or not actors_in:
            raise _error("'actors' must be a non-empty mapping of actor -> labels", file=file)
        actors = []
        for actor, spec in actors_in.items():
            actors.append(_parse_actor(actor, spec, file))
        try:
            return cls(name.strip(), description.strip(), tuple(actors))
        except LexiconError as err:
            if file is None or getattr(err, "file", None) is not None:
                raise
            raise _error(err.reason, file=file, actor=err.actor, label=err.label,
                         pattern=err.pattern) from None

    @classmethod
    def from_yaml(cls, path_or_text: str | os.PathLike[str]) -> Lexicon:
        """A lexicon from a YAML file path or YAML text (safe loading only)."""
        text, file = _read_source(path_or_text, (".yaml", ".yml"))
        return _from_yaml_text(text, file=file)

    @classmethod
    def from_json(cls, path_or_text: str | os.PathLike[str]) -> Lexicon:
        """A lexicon from a JSON file path or JSON text."""
        text, file = _read_source(path_or_text, (".json",))
        try:
            data = json.loads(text, object_pairs_hook=_unique_json_object)
        except json.JSONDecodeError as err:
            raise _error(f"line {err.lineno}: invalid JSON: {err.msg}", file=file) from None
        except ValueError as err:  # a key listed twice
            raise _error(str(err), file=file) from None
        return cls.from_dict(data, file=file)

    # -- views ----------------------------------------------------------------------
    @property
    def actors(self) -> Mapping[str, Mapping[str, tuple[str, ...]]]:
        """Read-only mapping actor -> label -> patterns, in lexicon order."""
        return MappingProxyType(
            {a.name: MappingProxyType({lb.name: lb.patterns for lb in a.labels}) for a in self._actors}
        )

    @property
    def descriptions(self) -> Mapping[str, Mapping[str, str]]:
        """Read-only mapping actor -> label -> one-line description."""
        return MappingProxyType(
            {a.name: MappingProxyType({lb.name: lb.description for lb in a.labels}) for a in self._actors}
        )

    @property
    def actor_descriptions(self) -> Mapping[str, str]:
        """Read-only mapping actor -> description ("" when none was given)."""
        return MappingProxyType({a.name: a.description for a in self._actors})

    @property
    def names(self) -> Mapping[str, Mapping[str, tuple[str, ...]]]:
        """Read-only mapping actor -> canonical group name -> alias patterns."""
        return MappingProxyType({a.name: MappingProxyType(dict(a.names)) for a in self._actors})

    @property
    def labels(self) -> tuple[tuple[str, str], ...]:
        """Every (actor, label) pair, in lexicon order."""
        return tuple((a.name, lb.name) for a in self._actors for lb in a.labels)

    @property
    def patterns(self) -> tuple[str, ...]:
        """Every label pattern, in lexicon order."""
        return tuple(p for a in self._actors for lb in a.labels for p in lb.patterns)

    def to_frame(self) -> pd.DataFrame:
        """Long table, one row per pattern: ``actor, label, pattern, description``."""
        rows = [
            (a.name, lb.name, p, lb.description)
            for a in self._actors for lb in a.labels for p in lb.patterns
        ]
        return pd.DataFrame(rows, columns=["actor", "label", "pattern", "description"], dtype="str")

    def names_frame(self) -> pd.DataFrame:
        """Long table of named groups: ``actor, name, pattern``."""
        rows = [(a.name, n, p) for a in self._actors for n, ps in a.names for p in ps]
        return pd.DataFrame(rows, columns=["actor", "name", "pattern"], dtype="str")

    def to_dict(self) -> dict[str, Any]:
        """The file-format mapping; ``Lexicon.from_dict(lex.to_dict()) == lex``."""
        actors: dict[str, Any] = {}
        for a in self._actors:
            spec: dict[str, Any] = {}
            if a.description:
                spec["description"] = a.description
            if a.names:
                spec["names"] = {n: list(ps) for n, ps in a.names}
            spec["labels"] = {
                lb.name: {"description": lb.description, "patterns": list(lb.patterns)}
                for lb in a.labels
            }
            actors[a.name] = spec
        return {"name": self.name, "description": self.description, "actors": actors}

    def to_yaml(self) -> str:
        """The lexicon as YAML text in the file format."""
        return yaml.safe_dump(self.to_dict(), sort_keys=False, allow_unicode=True, width=100)

    # -- editing (new objects) --------------------------------------------------------
    def with_label(
        self,
        actor: str,
        label: str,
        patterns: str | Iterable[str],
        *,
        description: str | None = None,
    ) -> Lexicon:
        """A new lexicon where ``actor``'s ``label`` has ``patterns`` (added or replaced).

        A new actor or label goes last; a replaced label keeps its place and, unless
        ``description`` is given, its description.
        """
        if isinstance(patterns, str):
            patterns = [patterns]
        new_patterns = tuple(patterns)
        actors = list(self._actors)
        idx = next((i for i, a in enumerate(actors) if a.name == actor), None)
        if idx is None:
            label_obj = _Label(label, new_patterns, description or "")
            actors.append(_Actor(actor, (label_obj,), (), ""))
        else:
            a = actors[idx]
            labels = list(a.labels)
            j = next((k for k, lb in enumerate(labels) if lb.name == label), None)
            if j is None:
                labels.append(_Label(label, new_patterns, description or ""))
            else:
                old = labels[j]
                labels[j] = _Label(label, new_patterns,
                                   old.description if description is None else description)
            actors[idx] = _Actor(a.name, tuple(labels), a.names, a.description)
        return Lexicon(self.name, self.description, tuple(actors))

    def without_label(self, actor: str, label: str) -> Lexicon:
        """A new lexicon without ``actor``'s ``label`` (an actor left empty is dropped)."""
        actors = []
        found = False
        for a in self._actors:
            if a.name == actor:
                labels = tuple(lb for lb in a.labels if lb.name != label)
                found = len(labels) < len(a.labels)
                if labels:
                    actors.append(_Actor(a.name, labels, a.names, a.description))
            else:
                actors.append(a)
        if not found:
            raise _error("no such label in this lexicon", actor=actor, label=label)
        if not actors:
            raise _error("removing it would leave the lexicon empty", actor=actor, label=label)
        return Lexicon(self.name, self.description, tuple(actors))

    def with_names(self, actor: str, names: Mapping[str, str | Iterable[str]]) -> Lexicon:
        """A new lexicon where ``actor`` also lists ``names`` (canonical name -> aliases)."""
        actors = list(self._actors)
        idx = next((i for i, a in enumerate(actors) if a.name == actor), None)
        if idx is None:
            raise _error("no such actor in this lexicon", actor=actor)
        a = actors[idx]
        merged = dict(a.names)
        for n, ps in names.items():
            merged[n] = (ps,) if isinstance(ps, str) else tuple(ps)
        actors[idx] = _Actor(a.name, a.labels, tuple(merged.items()), a.description)
        return Lexicon(self.name, self.description, tuple(actors))

    # -- matching -------------------------------------------------------------------
    def find(self, text: str) -> list[LexiconMatch]:
        """Label mentions in ``text``, leftmost-longest, non-overlapping, in order."""
        return [
            LexiconMatch(s, e, en.actor, en.label, en.pattern, text[s:e])
            for s, e, en in self._matcher.scan(text) if en.kind == "label"
        ]

    def find_names(self, text: str) -> list[NameMatch]:
        """Named-group occurrences in ``text`` (resolved together with the labels)."""
        return [
            NameMatch(s, e, en.actor, en.label, en.pattern, text[s:e])
            for s, e, en in self._matcher.scan(text) if en.kind == "name"
        ]

    def _scan(self, text: str) -> list[tuple[int, int, _Entry]]:
        """Labels and names together, as (start, end, entry) with ``entry.kind``."""
        return self._matcher.scan(text)

    # -- validation -------------------------------------------------------------------
    def _validate_and_compile(self) -> _Matcher:
        if not isinstance(self.name, str) or not self.name.strip():
            raise _error("the lexicon needs a non-empty name")
        entries: list[tuple[str, str, str, str, list[tuple[str, bool]]]] = []
        seen: dict[str, tuple[str, str]] = {}
        name_entries = []
        actor_names: set[str] = set()
        for a in self._actors:
            if a.name in actor_names:
                raise _error("actor listed twice", actor=a.name)
            actor_names.add(a.name)
            if not a.labels and not a.names:
                raise _error("an actor needs at least one label", actor=a.name)
            label_names: set[str] = set()
            for lb in a.labels:
                _check_name(lb.name, "label", actor=a.name)
                if lb.name in label_names:
                    raise _error("label listed twice", actor=a.name, label=lb.name)
                label_names.add(lb.name)
                if not lb.patterns:
                    raise _error("a label needs at least one pattern", actor=a.name, label=lb.name)
                for p in lb.patterns:
                    atoms = _compile_one(p, actor=a.name, label=lb.name)
                    key = _normal_key(p)
                    if key in seen:
                        other_actor, other_label = seen[key]
                        raise _error(
                            f"also listed for actor {other_actor!r}, label {other_label!r}; "
                            "a pattern may belong to one label only",
                            actor=a.name, label=lb.name, pattern=p,
                        )
                    seen[key] = (a.name, lb.name)
                    entries.append(("label", a.name, lb.name, p, atoms))
            for group, aliases in a.names:
                _check_name(group, "name", actor=a.name)
                for p in aliases:
                    atoms = _compile_one(p, actor=a.name, label=f"names: {group}")
                    name_entries.append(("name", a.name, group, p, atoms))
        # Names resolve overlaps with labels but never duplicate a label pattern.
        for kind, actor, group, p, atoms in name_entries:
            if _normal_key(p) in seen:
                other_actor, other_label = seen[_normal_key(p)]
                raise _error(
                    f"name {group!r} repeats a pattern of actor {other_actor!r}, "
                    f"label {other_label!r}",
                    actor=actor, pattern=p,
                )
        return _Matcher(entries + name_entries)

    def __repr__(self) -> str:
        n_labels = sum(len(a.labels) for a in self._actors)
        return (
            f"Lexicon(name={self.name!r}, actors={len(self._actors)}, labels={n_labels}, "
            f"patterns={len(self.patterns)})"
        )


def _unique_json_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"invalid JSON: key {key!r} is listed twice in one object")
        result[key] = value
    return result


def _check_name(value: Any, what: str, **where: Any) -> None:
    if not isinstance(value, str) or not value.strip():
        raise _error(f"{what} names must be non-empty strings, got {value!r}", **where)
    if ":" in value and what != "name":
        raise _error(f"{what} name {value!r} may not contain ':'", **where)


def _compile_one(pattern: Any, **where: Any) -> list[tuple[str, bool]]:
    if not isinstance(pattern, str):
        raise _error(f"patterns must be strings, got {type(pattern).__name__}",
                     pattern=pattern, **where)
    try:
        return _pattern_atoms(pattern)
    except ValueError as err:
        raise _error(str(err), pattern=pattern, **where) from None


def _patterns_list(value: Any, **where: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list | tuple):
        raise _error(f"expected a list of patterns, got {type(value).__name__}", **where)
    for p in value:
        if not isinstance(p, str):
            raise _error(f"patterns must be strings, got {type(p).__name__}", pattern=p, **where)
    return tuple(value)


def _parse_actor(actor: Any, spec: Any, file: str | None) -> _Actor:
    if not isinstance(actor, str) or not actor.strip():
        raise _error(f"actor names must be non-empty strings, got {actor!r}", file=file)
    if ":" in actor:
        raise _error("actor names may not contain ':'", file=file, actor=actor)
    if not isinstance(spec, Mapping):
        raise _error("an actor must be a mapping with 'labels' (and optional 'names', "
                     "'description')", file=file, actor=actor)
    unknown = set(spec) - _ACTOR_KEYS
    if unknown:
        raise _error(f"unknown key(s) {sorted(map(str, unknown))}; expected {sorted(_ACTOR_KEYS)}",
                     file=file, actor=actor)
    description = _as_str(spec.get("description", "") or "", "'description'", file=file, actor=actor)
    labels_in = spec.get("labels")
    if not isinstance(labels_in, Mapping) or not labels_in:
        raise _error("'labels' must be a non-empty mapping of label -> patterns",
                     file=file, actor=actor)
    labels = []
    for label, value in labels_in.items():
        if not isinstance(label, str) or not label.strip():
            raise _error(f"label names must be non-empty strings, got {label!r}",
                         file=file, actor=actor)
        where = {"file": file, "actor": actor, "label": label}
        if isinstance(value, Mapping):
            unknown = set(value) - _LABEL_KEYS
            if unknown:
                raise _error(f"unknown key(s) {sorted(map(str, unknown))}; "
                             f"expected {sorted(_LABEL_KEYS)}", **where)
            if "patterns" not in value:
                raise _error("a label mapping needs 'patterns'", **where)
            patterns = _patterns_list(value["patterns"], **where)
            label_description = _as_str(value.get("description", "") or "", "'description'", **where)
        else:
            patterns = _patterns_list(value, **where)
            label_description = ""
        labels.append(_Label(label, patterns, label_description.strip()))
    names_in = spec.get("names") or {}
    names: list[tuple[str, tuple[str, ...]]] = []
    if isinstance(names_in, list | tuple):
        for n in names_in:
            if not isinstance(n, str):
                raise _error(f"names must be strings, got {type(n).__name__}",
                             file=file, actor=actor, pattern=n)
            names.append((n, (n,)))
    elif isinstance(names_in, Mapping):
        for n, aliases in names_in.items():
            names.append((n, _patterns_list(aliases, file=file, actor=actor, label=f"names: {n}")))
    else:
        raise _error("'names' must be a list of names or a mapping name -> aliases",
                     file=file, actor=actor)
    return _Actor(actor, tuple(labels), tuple(names), description.strip())


def _read_source(path_or_text: Any, suffixes: tuple[str, ...]) -> tuple[str, str | None]:
    """(text, file) from a path or literal text; ``file`` is None for literal text."""
    if isinstance(path_or_text, os.PathLike):
        path = Path(path_or_text)
    elif isinstance(path_or_text, str):
        looks_like_path = "\n" not in path_or_text and (
            path_or_text.lower().endswith(suffixes) or os.path.isfile(path_or_text)
        )
        if not looks_like_path:
            return path_or_text, None
        path = Path(path_or_text)
    else:
        raise TypeError(f"expected a path or text, got {type(path_or_text).__name__}")
    try:
        return path.read_text(encoding="utf-8"), str(path)
    except FileNotFoundError:
        raise _error("file not found", file=str(path)) from None
    except UnicodeDecodeError as err:
        raise _error(f"not UTF-8 text (byte {err.start})", file=str(path)) from None


# ----------------------------------------------------------------------------------
# Bundled lexicons


def _bundled() -> dict[str, Any]:
    """Bundled lexicon files by stem name."""
    folder = resources.files("mediakit") / "lexicons"
    return {
        entry.name.rsplit(".", 1)[0]: entry
        for entry in sorted(folder.iterdir(), key=lambda e: e.name)
        if entry.name.endswith((".yaml", ".yml"))
    }


def load_lexicon(name_or_path: str | os.PathLike[str] | Lexicon) -> Lexicon:
    """A bundled lexicon by name (see :func:`list_lexicons`) or one from a file.

    Accepts a bundled name ("conflict", "syria", ...), a ``.yaml``/``.yml``/``.json``
    path, or a :class:`Lexicon` (returned unchanged).
    """
    if isinstance(name_or_path, Lexicon):
        return name_or_path
    bundled = _bundled()
    if isinstance(name_or_path, str) and name_or_path in bundled:
        entry = bundled[name_or_path]
        return _from_yaml_text(entry.read_text(encoding="utf-8"), file=entry.name)
    path = Path(name_or_path)
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        return Lexicon.from_yaml(path)
    if suffix == ".json":
        return Lexicon.from_json(path)
    raise _error(
        f"no bundled lexicon {str(name_or_path)!r} and not a .yaml/.yml/.json path; "
        f"bundled: {', '.join(bundled)}"
    )


class _StrictSafeLoader(yaml.SafeLoader):
    """yaml.SafeLoader that refuses a key listed twice in one mapping.

    Plain ``safe_load`` keeps the last of two equal keys, so a label written twice
    would silently lose its first list of patterns.
    """

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        seen: set[Any] = set()
        for key_node, _value in node.value:
            key = self.construct_object(key_node, deep=deep)
            if isinstance(key, str) and key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"key {key!r} is listed twice in one mapping", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def _from_yaml_text(text: str, *, file: str | None = None) -> Lexicon:
    try:
        data = yaml.load(text, Loader=_StrictSafeLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = f"line {mark.line + 1}: " if mark is not None else ""
        raise _error(f"{line}invalid YAML: {err}", file=file) from None
    return Lexicon.from_dict(data, file=file)


def list_lexicons() -> pd.DataFrame:
    """The bundled lexicons: ``name, description, n_actors, n_labels, n_patterns, file``.

    ``file`` is the file name inside ``mediakit/lexicons/``; copy it as a starting
    point for your own lexicon.
    """
    rows = []
    for stem in _bundled():
        lex = load_lexicon(stem)
        rows.append((stem, lex.description, len(lex.actors), len(lex.labels),
                     len(lex.patterns), _bundled()[stem].name))
    frame = pd.DataFrame(rows, columns=["name", "description", "n_actors", "n_labels",
                                        "n_patterns", "file"])
    return frame.astype({"name": "str", "description": "str", "file": "str",
                         "n_actors": "int64", "n_labels": "int64", "n_patterns": "int64"})
