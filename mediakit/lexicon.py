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

Which lexicon: the ``lexicon=`` rule
------------------------------------
Every function that takes a lexicon takes it as ``lexicon=`` and reads it with
:func:`resolve_lexicon`: ``None`` means :data:`DEFAULT_LEXICON` (the bundled
``conflict`` lexicon) everywhere, whatever the corpus; anything else is a
:class:`Lexicon`, a bundled name, a ``.yaml``/``.yml``/``.json`` path or a mapping in
the file format. A string passed as a *pattern* (``kwic``, ``collocates``) is a glob,
never a lexicon name. The command line alone has one more rule: ``mediakit`` with no
corpus argument analyses the bundled sample with the ``marenna`` lexicon written for
it, unless ``--lexicon`` is given.

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
  words before it ("Tarvian-backed", "al-Qaeda-backed") and abbreviations with dots
  ("U.S.-led", "U.K.-backed", "U.S-backed": single letters or digits joined by dots,
  the last dot optional). A ``*`` that opens a token or
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
import reprlib
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any, NamedTuple

import pandas as pd
import regex
import yaml
from confusable_homoglyphs import confusables

from .errors import LexiconError

__all__ = [
    "DEFAULT_LEXICON",
    "SAMPLE_LEXICON",
    "Hit",
    "Lexicon",
    "LexiconEntry",
    "LexiconLike",
    "LexiconMatch",
    "NameMatch",
    "list_lexicons",
    "load_lexicon",
    "resolve_lexicon",
]

#: The lexicon of ``lexicon=None``, in every function (see :func:`resolve_lexicon`):
#: the bundled ``conflict`` lexicon, generic labels for the parties of an armed
#: conflict. No corpus, not even the bundled sample, chooses its own.
DEFAULT_LEXICON = "conflict"
#: The bundled lexicon written for the bundled sample corpus
#: (:func:`mediakit.load_sample`): its fictional armed groups, states and named
#: groups. Functions never pick it on their own; notebooks and examples pass it by
#: name, and the command line uses it for the sample (see the module docstring).
SAMPLE_LEXICON = "marenna"


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
# "*-backed": hyphen-joined words before the hyphen, each a word or an abbreviation
# with dots ("U.S.-led", "U.S-backed": single characters joined by dots).
_ABBREVIATION = rf"{_WORD}(?:\.{_WORD})++\.?+"
_STAR_HYPHEN_PREFIX = f"(?:(?:{_ABBREVIATION}|{_WORD}++){_HYPHEN})+"

_LEXICON_KEYS = {"name", "description", "actors", "outside", "scope", "compounds"}
_ACTOR_KEYS = {"description", "names", "labels", "markers"}
_LABEL_KEYS = {"description", "patterns", "generic", "refers_to"}


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
    generic: bool = False
    refers_to: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Actor:
    name: str
    labels: tuple[_Label, ...]
    names: tuple[tuple[str, tuple[str, ...]], ...]
    description: str
    markers: tuple[str, ...] = ()


@dataclass(frozen=True)
class LexiconScope:
    """The ``scope:`` section of a lexicon: what ties a label to the lexicon's conflict.

    Each word list holds patterns in the lexicon's glob syntax. :mod:`mediakit.referents`
    applies the rules; its docstring says how. An empty lexicon scope (no ``scope:``
    section) keeps every mention in scope.

    Attributes
    ----------
    terms : tuple of str
        Conflict vocabulary ("killed", "shelling", "ceasefire"): a sentence holding one
        is about an armed conflict.
    places : tuple of str
        Places and other proper names that tie a text to this conflict ("Aleppo",
        "Assad"); the lexicon's named groups count as well.
    outside_places : tuple of str
        Places of other wars and countries ("Mosul", "Yemen"): a sentence naming one and
        no place of the conflict is out of scope.
    off_topic : tuple of str
        Words of other subjects (sport, business, entertainment, technology,
        parliaments): an article holding ``article_off_topic`` of them is about
        something else, so its labels are out of scope unless their sentence names a
        place or group of the conflict or holds a conflict term.
    article_terms : int
        An article with at least this many occurrences of ``terms`` is about the
        conflict, so its labels are in scope even in sentences without a term.
    article_off_topic : int
        See ``off_topic`` (0: never).
    otherwise : str
        ``"in"`` or ``"out"``: the scope of a mention no rule decides (a text with no
        word either way).
    short_text : int
        With ``otherwise: out``, a text of fewer words than this (a headline, a news
        brief) that no rule decides stays in scope: it is too short to hold the
        evidence (0: no exception).
    require_place : bool
        When true, an article that names no place and no named group of the conflict
        is out of scope whatever its vocabulary.
    since : int
        The year the conflict began (0: no such rule): a sentence dated before it
        ("in 1982", "February 1982", "the 1980s"), with no year from it on, is about
        an earlier event and out of scope, and so is the sentence after it when that
        one names no year and no day of the present (see :mod:`mediakit.referents`).
    outside_ratio : int
        An article whose ``outside_places`` occur more than this many times as often as
        its ``places`` (always when it names one and no place of the conflict) is
        about somewhere else: a mention whose sentence names no place of
        the conflict is out of scope, even when it names one of the lexicon's groups
        (the Islamic State and al-Qaeda fight in the Sahel too) or a conflict term
        (0: never).
    description : str
        One line on what the rules are for.
    """

    terms: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    outside_places: tuple[str, ...] = ()
    off_topic: tuple[str, ...] = ()
    article_terms: int = 3
    require_place: bool = False
    description: str = ""
    article_off_topic: int = 2
    otherwise: str = "in"
    short_text: int = 0
    outside_ratio: int = 0
    since: int = 0

    @property
    def is_empty(self) -> bool:
        """True when there are no rules: every mention is in scope."""
        return not (self.terms or self.places or self.outside_places or self.off_topic
                    or self.require_place)


#: The word lists of a scope section, in the order matches are reported.
SCOPE_LISTS = ("terms", "places", "outside_places", "off_topic")
_SCOPE_KEYS = {"description", *SCOPE_LISTS, "article_terms", "article_off_topic",
               "require_place", "otherwise", "short_text", "outside_ratio", "since"}


# ----------------------------------------------------------------------------------
# Unicode folding: what the text and the patterns are compared as


# Default-ignorable code points (soft hyphen, zero-width space and joiners, word
# joiner, BOM, variation selectors ...): invisible, so a reader sees no difference.
_IGNORABLE = regex.compile(r"\p{Default_Ignorable_Code_Point}")


@cache
def _ascii_lookalike(char: str) -> str:
    """The ASCII letter or digit a non-Latin character is confusable with (Unicode's
    confusables data, via ``confusable_homoglyphs``: Cyrillic "е" gives "e"), else
    ``char`` itself. Latin letters (accented or not) are never replaced."""
    found = confusables.is_confusable(char, greedy=True, preferred_aliases=["latin", "common"])
    if not found:
        return char
    options = sorted(
        {h["c"] for item in found for h in item["homoglyphs"]
         if len(h["c"]) == 1 and h["c"].isascii() and h["c"].isalnum()},
        # the same case first (Cyrillic "е" is "e", "Е" is "E"), letters before digits
        key=lambda c: (c.islower() != char.islower(), not c.isalpha(), c),
    )
    return options[0] if options else char


@cache
def fold_char(char: str) -> str:
    """How one character is compared when matching (see "Unicode" in the module doc).

    Default-ignorable characters give ""; otherwise the character's compatibility
    decomposition (NFKD: full-width "ｒ" is "r", "ﬁ" is "fi") without combining marks
    (accents), each remaining non-Latin character replaced by the ASCII letter it is
    confusable with. ASCII characters are themselves.
    """
    if char.isascii():
        return char
    if _IGNORABLE.match(char):
        return ""
    parts = []
    for c in unicodedata.normalize("NFKD", char):
        if unicodedata.category(c) in ("Mn", "Me"):
            continue
        parts.append(c if c.isascii() else _ascii_lookalike(c))
    return "".join(parts)


class _Folded(NamedTuple):
    """A text as matched, and how to find each of its offsets in the original."""

    text: str
    starts: list[int]  # folded offset where each piece starts
    origins: list[int]  # the original offset of that piece
    single: list[bool]  # whether the piece is one folded character (all of it maps
    # to one original character) rather than a run copied unchanged

    def original(self, position: int) -> int:
        """The original offset of the folded character at ``position``."""
        k = bisect_right(self.starts, position) - 1
        return self.origins[k] if self.single[k] else self.origins[k] + position - self.starts[k]


def fold_text(text: str) -> _Folded | None:
    """``text`` folded character by character (:func:`fold_char`), with the map back to
    its offsets; None when folding changes nothing (every ASCII text)."""
    if text.isascii():
        return None
    changed = [c for c in set(text) if not c.isascii() and fold_char(c) != c]
    if not changed:
        return None
    pieces: list[str] = []
    starts: list[int] = []
    origins: list[int] = []
    single: list[bool] = []
    length = previous = 0
    for m in re.finditer("[" + "".join(map(re.escape, changed)) + "]", text):
        i = m.start()
        if i > previous:  # the unchanged run before it
            pieces.append(text[previous:i])
            starts.append(length)
            origins.append(previous)
            single.append(False)
            length += i - previous
        folded = fold_char(text[i])
        if folded:
            pieces.append(folded)
            starts.append(length)
            origins.append(i)
            single.append(True)
            length += len(folded)
        previous = i + 1
    if previous < len(text):
        pieces.append(text[previous:])
        starts.append(length)
        origins.append(previous)
        single.append(False)
    return _Folded("".join(pieces), starts, origins, single)


def _fold_pattern(pattern: str) -> str:
    """A pattern folded like the text it is matched against."""
    return pattern if pattern.isascii() else "".join(fold_char(c) for c in pattern)


def _unfold_hits(text: str, folded: _Folded, hits: list[Hit]) -> list[Hit]:
    """Hits found in ``folded.text`` with their offsets in ``text``. A match ends after
    its last character and the combining marks that follow it in the original."""
    result = []
    n = len(text)
    for s, e, entry in hits:
        start = folded.original(s)
        end = folded.original(e - 1) + 1
        while end < n and unicodedata.category(text[end]) in ("Mn", "Me"):
            end += 1
        result.append((start, end, entry))
    return result


# ----------------------------------------------------------------------------------
# Pattern compilation


# Regex and shell-glob syntax with no meaning in mediakit's globs; rejected, not matched.
_RESERVED_CHARS = "[](){}|\\^$+"
#: The longest pattern accepted, in characters. A label or name is a few words; a
#: longer "pattern" is a mistake (a paragraph pasted in) or hostile, and each of its
#: characters costs a level of the compiled prefix trie.
MAX_PATTERN_LENGTH = 200


def _pattern_atoms(pattern: str) -> list[tuple[str, bool]]:
    """Regex atoms of one pattern, each flagged True when it is a literal unit.

    Literal atoms (a lower-cased character, a hyphen or apostrophe class, the
    whitespace between words) can be shared in the prefix trie; globs end the prefix.
    Raises ValueError with the reason when the pattern is malformed. The pattern is
    folded as the text is (:func:`fold_char`) before it is read.
    """
    _check_pattern(pattern)
    pattern = _fold_pattern(pattern)
    atoms: list[tuple[str, bool]] = []
    for t, token in enumerate(pattern.split()):
        _check_pattern_word(token)
        if t:
            atoms.append((r"\s+", True))
        atoms.extend(_word_atoms(token))
    return atoms


def _check_pattern(pattern: str) -> None:
    """Raise ValueError naming what makes ``pattern`` unusable as a whole."""
    if not pattern.strip():
        raise ValueError("empty pattern")
    if len(pattern) > MAX_PATTERN_LENGTH:
        raise ValueError(
            f"the pattern is {len(pattern)} characters long; at most {MAX_PATTERN_LENGTH} "
            "are allowed (a label or name is a few words)"
        )
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


def _check_pattern_word(token: str) -> None:
    """Raise ValueError when one whitespace-separated word of a pattern is malformed."""
    if token[0] in _HYPHEN_CHARS or token[-1] in _HYPHEN_CHARS:
        raise ValueError(
            f"word {token!r} starts or ends with a hyphen; write '*-...' or '...-*'"
        )
    if not (token[0].isalnum() or token[0] in "*?"):
        raise ValueError(f"word {token!r} must start with a letter, digit or glob")
    if not (token[-1].isalnum() or token[-1] in "*?.'\u2019"):
        raise ValueError(f"word {token!r} must end with a letter, digit, '.' or glob")


def _word_atoms(token: str) -> list[tuple[str, bool]]:
    """Regex atoms of one checked word of a pattern (see :func:`_pattern_atoms`)."""
    atoms: list[tuple[str, bool]] = []
    skip_hyphen = False
    for i, ch in enumerate(token):
        if skip_hyphen:
            skip_hyphen = False
            continue
        if ch == "*":
            atom = _star_atom(token, i)
            atoms.append((atom, False))
            # "*-backed": the hyphen is part of the glob's atom.
            skip_hyphen = atom == _STAR_HYPHEN_PREFIX
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


def _star_atom(token: str, i: int) -> str:
    """The regex of the ``*`` at ``token[i]`` (see "Globs" in the module docstring)."""
    if i == 0 and len(token) == 1:
        return _STAR_TOKEN  # a word that is only "*": one whole token
    if i == 0 and token[1] in _HYPHEN_CHARS:
        return _STAR_HYPHEN_PREFIX  # "*-backed": hyphen-joined words, then the hyphen
    opens = i == 0 or token[i - 1] in _HYPHEN_CHARS
    return _STAR_SOME if opens else _STAR_ANY


def _normal_key(pattern: str) -> str:
    """Spelling-insensitive identity of a pattern, to detect duplicates."""
    text = " ".join(_fold_pattern(pattern).lower().split()).replace("\u2019", "'")
    return re.sub(f"[{_HYPHEN_CHARS}]", "-", text)


@dataclass(frozen=True)
class LexiconEntry:
    """One pattern of a lexicon, as :meth:`Lexicon.scan` reports what matched.

    ``kind`` is ``"label"`` for a label's pattern, ``"name"`` for a named group's
    alias and ``"outside"`` for an alias of a party listed under ``outside:`` (its
    ``actor`` is ""); ``label`` is the label, or the group's canonical name.
    ``order`` is the entry's place in the lexicon (actors, labels, patterns, then
    compounds, names and outside parties): the first listed wins a tie. ``regex``
    matches the pattern with its guards at one position; ``first`` is its lower-cased
    first literal character ("" when the pattern opens with a glob). ``exact`` is
    true for an acronym alias, matched in capitals only; ``compound`` for a
    hyphenated compound made from a one-word label pattern (``rebel-*``).
    """

    order: int
    kind: str
    actor: str
    label: str
    pattern: str
    regex: re.Pattern[str]
    first: str
    exact: bool = False
    compound: bool = False


#: One match of a scan: ``(start, end, entry)`` with ``text[start:end]`` matched.
Hit = tuple[int, int, LexiconEntry]
# The bound ``search`` method of a compiled pattern.
_Search = Callable[[str, int], "re.Match[str] | None"]
# A confirm regex's match method, the entry of each of its groups (None for group 0),
# and the groups of acronym aliases among them.
_Confirm = tuple[Any, tuple["LexiconEntry | None", ...], tuple[int, ...]]


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


# An alias in capitals of two to six letters or digits (IS, SDF, YPG, KLF) is an acronym:
# it matches only as written, so "IS" is never the verb "is". Inside a run of words in
# capitals (a headline set in capitals) every word looks like one, so it matches only
# when the word before it and the word after it are not in capitals too.
_ACRONYM = re.compile(r"[A-Z][A-Z0-9]{1,5}")
_NOT_AFTER_CAPITALS = r"(?<![A-Z][ \t])"
_NOT_BEFORE_CAPITALS = r"(?![ \t][A-Z]{2})"


def _hyphen_anchor(atoms: list[tuple[str, bool]]) -> int | None:
    """For a pattern opening with a glob, the index of its first literal character
    when a hyphen comes right before it (``*-backed ...``, ``?-led ...``), else None."""
    for k, (atom, literal) in enumerate(atoms):
        if literal and atom not in _CLASS_ATOMS:
            if k and atoms[k - 1][0] in (_HYPHEN, _STAR_HYPHEN_PREFIX):
                return k
            return None
    return None



def _matcher_entry(
    order: int, kind: str, actor: str, label: str, pattern: str,
    atoms: list[tuple[str, bool]], compounds: frozenset[int],
) -> LexiconEntry:
    """The :class:`LexiconEntry` of one pattern, with its own regex (an acronym name
    alias matches exactly, case and all; every other pattern ignores case)."""
    full = "".join(a for a, _ in atoms) + _RIGHT_GUARD
    first = atoms[0][0] if atoms[0][1] else ""
    if first:
        first = re.sub(r"\\(.)", r"\1", first)
    exact = kind != "label" and _ACRONYM.fullmatch(pattern) is not None
    if exact:
        regex_ = re.compile(_LEFT_GUARD + _NOT_AFTER_CAPITALS + re.escape(pattern)
                            + _RIGHT_GUARD + _NOT_BEFORE_CAPITALS)
    else:
        regex_ = re.compile(_LEFT_GUARD + full, re.IGNORECASE)
    return LexiconEntry(order, kind, actor, label, pattern, regex_, first, exact,
                        order in compounds)


def _ascii_literals(atoms: list[tuple[str, bool]]) -> bool:
    """Whether every literal character of a pattern (character classes aside) is ASCII."""
    return all(a.isascii() for a, literal in atoms if literal and a not in _CLASS_ATOMS)


def _add_to_trie(trie: dict[Any, Any], atoms: list[tuple[str, bool]]) -> None:
    """Add a pattern to the trie of literal prefixes: its literal atoms are the path,
    the rest of its regex is listed under the key None at the end of it."""
    node = trie
    i = 0
    while i < len(atoms) and atoms[i][1]:
        node = node.setdefault(atoms[i][0], {})
        i += 1
    node.setdefault(None, []).append("".join(a for a, _ in atoms[i:]))


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

    def __init__(self, entries: list[tuple[str, str, str, str, list[tuple[str, bool]]]],
                 compounds: frozenset[int] = frozenset()):
        self.entries: list[LexiconEntry] = []
        self._atoms: dict[int, list[tuple[str, bool]]] = {}  # order -> the pattern's atoms
        trie: dict = {}
        anchored: list[tuple[LexiconEntry, str, int]] = []  # (entry, rest from its anchor, runs)
        ascii_literals = True
        for order, (kind, actor, label, pattern, atoms) in enumerate(entries):
            entry = _matcher_entry(order, kind, actor, label, pattern, atoms, compounds)
            self.entries.append(entry)
            self._atoms[order] = atoms
            k = None if entry.first else _hyphen_anchor(atoms)
            if k is not None:
                rest = "".join(a for a, _ in atoms[k:]) + _RIGHT_GUARD
                anchored.append((entry, rest, sum(a == r"\s+" for a, _ in atoms[:k])))
                continue
            ascii_literals = ascii_literals and _ascii_literals(atoms)
            _add_to_trie(trie, atoms)

        # The patterns found from a hyphen; the most runs of whitespace their glob part
        # can span bounds how far before the hyphen such a match can start.
        self._globs = tuple(e for e, _, _ in anchored)
        self._glob_runs = max((runs for _, _, runs in anchored), default=0)
        self._glob_after_ascii_hyphen: _Search | None = None
        self._glob_after_hyphen: _Search | None = None
        if anchored:
            rests = "|".join(dict.fromkeys(rest for _, rest, _ in anchored))
            # A literal first character lets re skip to the next "-" in a tight loop.
            self._glob_after_ascii_hyphen = re.compile(f"-(?=(?:{rests}))", re.IGNORECASE).search
            self._glob_after_hyphen = re.compile(f"{_HYPHEN}(?=(?:{rests}))", re.IGNORECASE).search
        # Glob-first patterns of the search, candidates wherever it stops.
        self._inline = tuple(e for e in self.entries if not e.first and e not in self._globs)

        self._search: _Search | None = None
        self._search_lower: _Search | None = None
        if trie:
            self._search = self._search_regex(trie).search
            if ascii_literals:
                self._search_lower = re.compile(
                    f"{_NOT_WORD_CLASS}{self._trie_regex(trie)}"
                ).search
        # For the text (False) and its lower-cased copy (True): first character ->
        # (the confirm regex's match method, the entry of each of its groups), on demand.
        # The third item lists the groups of acronym aliases (``exact``), the only
        # ones checked again against the text.
        self._confirm: dict[bool, dict[str, _Confirm]] = {
            False: {}, True: {},
        }

    @classmethod
    def _search_regex(cls, trie: dict[Any, Any]) -> re.Pattern[str]:
        """The search over the text itself, ignoring case except for one
        case-sensitive branch per ASCII spelling of each first letter (class doc)."""
        alternatives: list[str] = []
        others: list[str] = []
        globs: list[str] = []
        for key, child in trie.items():
            if key is None:
                globs.extend(f"{rest}{_RIGHT_GUARD}" for rest in dict.fromkeys(child))
                continue
            rest = cls._trie_regex(child)
            for c in re.findall(key, _LATIN1, re.IGNORECASE):
                if c.isascii():
                    alternatives.append(f"(?-i:{re.escape(c)}){rest}")
            others.append(f"(?<={key}){rest}")
        alternatives.append(f"(?-i:[\\x80-\\U0010ffff])(?:{'|'.join(others)})")
        union = "|".join(alternatives + globs)
        return re.compile(f"{_NOT_WORD_CLASS}(?:{union})", re.IGNORECASE)

    @classmethod
    def _trie_regex(cls, node: dict[Any, Any]) -> str:
        alternatives: list[str] = []
        for key, child in node.items():
            if key is None:
                alternatives.extend(f"{rest}{_RIGHT_GUARD}" for rest in dict.fromkeys(child))
            else:
                alternatives.append(key + cls._trie_regex(child))
        if len(alternatives) == 1:
            return alternatives[0]
        return "(?:" + "|".join(alternatives) + ")"

    def _confirm_for(self, lower: bool, char: str) -> _Confirm:
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
        groups: list[LexiconEntry | None] = [None]
        capture = self._capture_regex(trie, groups, exclusive=lower)
        regex = re.compile(f"{_LEFT_GUARD}(?={capture})", 0 if lower else re.IGNORECASE)
        exact = tuple(k for k, e in enumerate(groups) if e is not None and e.exact)
        self._confirm[lower][char] = result = (regex.match, tuple(groups), exact)
        return result

    @classmethod
    def _capture_regex(cls, node: dict, groups: list[LexiconEntry | None], *, exclusive: bool) -> str:
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
                    # The same regex again: the first listed wins (an acronym alias is
                    # checked for its case later, so it does not stand for the rest).
                    if (rest, entry.exact) not in seen:
                        seen.add((rest, entry.exact))
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

    def _next_glob(self, text: str, pos: int, find: Any) -> tuple[int, int, LexiconEntry] | None:
        """The leftmost-longest match starting at ``pos`` or after, among the patterns
        found from a hyphen; ``find`` searches for a hyphen followed by the rest of one.

        The glob part of such a pattern matches only letters, digits, hyphens,
        apostrophes, the dots of an abbreviation ("U.S.-led") and at most ``_glob_runs`` runs of whitespace, so its start lies
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
                elif not (ch.isalnum() or ch in _HYPHENS_AND_APOSTROPHES or ch == "."):
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

    def scan(self, text: str) -> list[Hit]:
        """Non-overlapping leftmost-longest matches as (start, end, entry)."""
        haystack, lower, search = self._haystack(text)
        if not self._globs:
            return [] if search is None else self._scan_search(haystack, lower, search, text)
        find = glob = None
        if self._globs:
            find = (self._glob_after_hyphen if "\u2010" in text or "\u2011" in text
                    else self._glob_after_ascii_hyphen)
            glob = self._next_glob(text, 0, find)
        # ``here``: the leftmost-longest match of the search's patterns not yet taken;
        # ``glob``: that of the patterns found from a hyphen.
        here = None if search is None else self._leftmost(haystack, 0, lower, search, text)
        found: list[Hit] = []
        while here is not None or glob is not None:
            if glob is not None and (here is None or _comes_first(glob, here)):
                found.append(glob)
                end = glob[1]
                glob = self._next_glob(text, end, find)
                if here is not None and here[0] < end:  # overlapped: look after it
                    here = self._leftmost_after(haystack, end, lower, search, text)
                continue
            assert here is not None
            found.append(here)
            end = here[1]
            if glob is not None and glob[0] < end:
                glob = self._next_glob(text, end, find)
            here = self._leftmost_after(haystack, end, lower, search, text)
        return found

    def _scan_search(self, haystack: str, lower: bool, search: _Search, text: str) -> list[Hit]:
        """:meth:`scan` for a matcher without patterns found from a hyphen: the loop
        of :meth:`_leftmost` run once over the text, each match followed by
        :meth:`_leftmost_after`'s search from its last character (the same steps in
        the same order, without two calls per match)."""
        found: list[Hit] = []
        n = len(haystack)
        confirm = self._confirm[lower]
        start = 0
        while start < n:
            char = haystack[start]
            match, entries, exact = confirm.get(char) or self._confirm_for(lower, char)
            m = match(haystack, start)
            if m is not None:
                regs = m.regs
                if exact:
                    regs = _check_exact(regs, entries, exact, text, start)
                best = max(regs)
                if best[1] > start:
                    end = best[1]
                    found.append((start, end, _first_listed(regs, best, entries)))
                    m = search(haystack, end - 1)
                    start = n if m is None else m.start() + 1
                    continue
            m = search(haystack, start)
            start = n if m is None else m.start() + 1
        return found

    def _haystack(self, text: str) -> tuple[str, bool, _Search | None]:
        """What the search runs on: ``(text, False, search)``, or its lower-cased copy
        with the case-sensitive search, ``(lowered, True, search_lower)``, where
        that finds exactly the same matches (see the class doc)."""
        if self._search_lower is not None and (
            text.isascii() or not any(c in text for c in _FOLDS_TO_ASCII)
        ):
            lowered = text.lower()
            if len(lowered) == len(text):
                return lowered, True, self._search_lower
        return text, False, self._search

    def _leftmost_after(
        self, haystack: str, end: int, lower: bool, search: _Search | None, text: str
    ) -> Hit | None:
        """The next match of the search's patterns after a match ending at ``end``."""
        assert search is not None
        m = search(haystack, end - 1)  # from the match's last character
        return None if m is None else self._leftmost(haystack, m.start() + 1, lower, search, text)

    def _leftmost(
        self, haystack: str, start: int, lower: bool, search: _Search, text: str
    ) -> Hit | None:
        """The leftmost-longest match of the search's patterns at ``start`` or after:
        confirm at ``start``, then at each place the search stops. Acronym aliases
        (``exact``) are confirmed ignoring case like the rest, then checked against
        the text itself with their own case-sensitive regex."""
        n = len(haystack)
        confirm = self._confirm[lower]
        while start < n:
            char = haystack[start]
            match, entries, exact = confirm.get(char) or self._confirm_for(lower, char)
            m = match(haystack, start)
            if m is not None:
                regs = m.regs
                if exact:
                    regs = _check_exact(regs, entries, exact, text, start)
                best = max(regs)  # (end, end) of the longest; no match is (-1, -1)
                if best[1] > start:
                    return start, best[1], _first_listed(regs, best, entries)
            m = search(haystack, start)
            start = n if m is None else m.start() + 1
        return None


def _check_exact(
    regs: tuple[tuple[int, int], ...], entries: tuple[LexiconEntry | None, ...],
    exact: tuple[int, ...], text: str, start: int,
) -> tuple[tuple[int, int], ...]:
    """``regs`` with the span of each acronym alias (the groups ``exact``) that its own
    case-sensitive regex does not match as long in ``text`` at ``start`` set to
    (-1, -1), as if it had not matched."""
    out = list(regs)
    for k in exact:
        span = out[k]
        if span[0] >= 0:
            em = entries[k].regex.match(text, start)  # type: ignore[union-attr]
            if em is None or em.end() != span[1]:
                out[k] = (-1, -1)
    return tuple(out)


def _comes_first(glob: Hit, here: Hit) -> bool:
    """Whether a match found from a hyphen wins over the search's match: it starts
    first, or at the same place it is longer, or as long and listed first."""
    return glob[0] < here[0] or (
        glob[0] == here[0] and (glob[1], -glob[2].order) > (here[1], -here[2].order)
    )


def _first_listed(
    regs: tuple[tuple[int, int], ...], best: tuple[int, int], entries: tuple[LexiconEntry | None, ...]
) -> LexiconEntry:
    """The entry of the longest capture ``best`` of a confirm match; when several
    patterns match as long, the first listed in the lexicon."""
    if regs.count(best) == 1:
        entry = entries[regs.index(best)]
    else:
        entry = min((e for e, span in zip(entries, regs) if span == best and e is not None),
                    key=lambda e: e.order)
    assert entry is not None  # group 0 (entry None) always spans (start, start)
    return entry


# ----------------------------------------------------------------------------------
# The Lexicon value object


def _as_str(value: Any, what: str, **where: Any) -> str:
    if not isinstance(value, str):
        raise LexiconError(f"{what} must be a string, got {type(value).__name__}", **where)
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
    _outside: tuple[tuple[str, tuple[str, ...]], ...] = ()
    _scope: LexiconScope = LexiconScope()
    compounds: bool = True
    _matcher: _Matcher = field(init=False, repr=False, compare=False)
    _scope_matcher: _Matcher | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_matcher", self._validate_and_compile())
        object.__setattr__(self, "_scope_matcher", self._compile_scope())

    def __getstate__(self) -> dict[str, Any]:
        # what pickle and copy keep: the fields, not the caches built on first use
        state = dict(self.__dict__)
        state.pop("_generic_cache", None)
        return state

    # -- construction ---------------------------------------------------------------
    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, file: str | None = None) -> Lexicon:
        """A lexicon from the mapping of the file format (see the module docstring).

        Parameters
        ----------
        data : mapping
            ``name``, optional ``description`` and ``actors`` (actor -> ``labels``,
            optional ``names`` and ``description``).
        file : str, optional
            The file the mapping came from, named in error messages.

        Returns
        -------
        Lexicon

        Raises
        ------
        LexiconError
            Naming the file, actor, label and pattern at fault.
        """
        if not isinstance(data, Mapping):
            raise LexiconError(f"a lexicon must be a mapping, got {type(data).__name__}", file=file)
        unknown = set(data) - _LEXICON_KEYS
        if unknown:
            raise LexiconError(
                f"unknown key(s) {sorted(map(str, unknown))}; expected {sorted(_LEXICON_KEYS)}",
                file=file,
            )
        name = data.get("name")
        if not isinstance(name, str) or not name.strip():
            raise LexiconError("the lexicon needs a non-empty 'name'", file=file)
        description = data.get("description", "") or ""
        _as_str(description, "'description'", file=file)
        actors_in = data.get("actors")
        if not isinstance(actors_in, Mapping) or not actors_in:
            raise LexiconError("'actors' must be a non-empty mapping of actor -> labels", file=file)
        actors = []
        for actor, spec in actors_in.items():
            actors.append(_parse_actor(actor, spec, file))
        outside = _parse_names(data.get("outside") or {}, "outside", file=file)
        scope = _parse_scope(data.get("scope"), file)
        compounds = data.get("compounds", True)
        if not isinstance(compounds, bool):
            raise LexiconError(f"'compounds' must be true or false, got {compounds!r}", file=file)
        try:
            return cls(name.strip(), description.strip(), tuple(actors), outside, scope, compounds)
        except LexiconError as err:
            if file is None or getattr(err, "file", None) is not None:
                raise
            raise LexiconError(err.reason, file=file, actor=err.actor, label=err.label,
                               pattern=err.pattern) from None

    @classmethod
    def from_yaml(cls, path_or_text: str | os.PathLike[str]) -> Lexicon:
        """A lexicon from a YAML file or YAML text (safe loading only).

        Parameters
        ----------
        path_or_text : str or path-like
            A path (a path-like, or a string ending in ``.yaml``/``.yml`` or naming
            an existing file), else the YAML text itself.

        Returns
        -------
        Lexicon

        Raises
        ------
        LexiconError
            Missing file, invalid YAML (with its line), a key listed twice, or a
            malformed lexicon.
        """
        text, file = _read_source(path_or_text, (".yaml", ".yml"))
        return _from_yaml_text(text, file=file)

    @classmethod
    def from_json(cls, path_or_text: str | os.PathLike[str]) -> Lexicon:
        """A lexicon from a JSON file or JSON text.

        Parameters
        ----------
        path_or_text : str or path-like
            A path (a path-like, or a string ending in ``.json`` or naming an
            existing file), else the JSON text itself.

        Returns
        -------
        Lexicon

        Raises
        ------
        LexiconError
            Missing file, invalid JSON (with its line), a key listed twice, or a
            malformed lexicon.
        """
        text, file = _read_source(path_or_text, (".json",))
        try:
            data = json.loads(text, object_pairs_hook=_unique_json_object)
        except json.JSONDecodeError as err:
            raise LexiconError(f"line {err.lineno}: invalid JSON: {err.msg}", file=file) from None
        except RecursionError:
            raise LexiconError(_TOO_DEEP, file=file) from None
        except ValueError as err:  # a key listed twice
            raise LexiconError(str(err), file=file) from None
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
    def markers(self) -> Mapping[str, tuple[str, ...]]:
        """Read-only mapping actor -> marker patterns: words that make a label the
        actor's only when written against it ("Kurdish militants", "fighters loyal to
        Assad"), without making the other labels of their sentence the actor's as a
        named group does (see :mod:`mediakit.referents`)."""
        return MappingProxyType({a.name: a.markers for a in self._actors})

    @property
    def outside(self) -> Mapping[str, tuple[str, ...]]:
        """Read-only mapping party -> alias patterns of the ``outside:`` section: named
        parties that are none of the actors compared (a label attached to one gets no
        referent; see :mod:`mediakit.referents`)."""
        return MappingProxyType(dict(self._outside))

    @property
    def scope(self) -> LexiconScope:
        """The ``scope:`` section (:class:`LexiconScope`; empty when the file has none)."""
        return self._scope

    @property
    def generic(self) -> Mapping[str, Mapping[str, tuple[str, ...]]]:
        """Read-only mapping actor -> generic label -> the actors it may refer to.

        A generic label (``generic: true``: "terrorists", "fighters") gets its referent
        from the names around it rather than from its own actor; its ``refers_to``
        lists the actors it may point at (all of the lexicon's when not given), and
        may list parties of the ``outside:`` section too (a label such a party is
        named for gets no referent). Labels that are not generic are not listed.
        """
        # Built once per lexicon (the referent rules read it for every label) and
        # kept out of pickles (see __getstate__): mapping proxies do not pickle.
        cached = self.__dict__.get("_generic_cache")
        if cached is None:
            every = tuple(a.name for a in self._actors)
            cached = MappingProxyType({
                a.name: MappingProxyType({lb.name: lb.refers_to or every for lb in a.labels if lb.generic})
                for a in self._actors
            })
            self.__dict__["_generic_cache"] = cached
        return cached

    @property
    def labels(self) -> tuple[tuple[str, str], ...]:
        """Every (actor, label) pair, in lexicon order."""
        return tuple((a.name, lb.name) for a in self._actors for lb in a.labels)

    @property
    def patterns(self) -> tuple[str, ...]:
        """Every label pattern, in lexicon order."""
        return tuple(p for a in self._actors for lb in a.labels for p in lb.patterns)

    def to_frame(self) -> pd.DataFrame:
        """The lexicon as a long table, one row per label pattern.

        Returns
        -------
        pandas.DataFrame
            ``actor``, ``label``, ``pattern``, ``description`` (str), in lexicon order.
        """
        rows = [
            (a.name, lb.name, p, lb.description)
            for a in self._actors for lb in a.labels for p in lb.patterns
        ]
        return pd.DataFrame(rows, columns=["actor", "label", "pattern", "description"], dtype="str")

    def names_frame(self) -> pd.DataFrame:
        """The named groups as a long table, one row per alias pattern.

        Returns
        -------
        pandas.DataFrame
            ``actor``, ``name`` (the canonical name), ``pattern`` (str).
        """
        rows = [(a.name, n, p) for a in self._actors for n, ps in a.names for p in ps]
        return pd.DataFrame(rows, columns=["actor", "name", "pattern"], dtype="str")

    def to_dict(self) -> dict[str, Any]:
        """The lexicon as the mapping of the file format.

        Returns
        -------
        dict
            ``Lexicon.from_dict(lex.to_dict()) == lex``.
        """
        actors: dict[str, Any] = {}
        for a in self._actors:
            spec: dict[str, Any] = {}
            if a.description:
                spec["description"] = a.description
            if a.names:
                spec["names"] = {n: list(ps) for n, ps in a.names}
            if a.markers:
                spec["markers"] = list(a.markers)
            labels: dict[str, Any] = {}
            for lb in a.labels:
                label: dict[str, Any] = {"description": lb.description, "patterns": list(lb.patterns)}
                if lb.generic:
                    label["generic"] = True
                if lb.refers_to:
                    label["refers_to"] = list(lb.refers_to)
                labels[lb.name] = label
            if labels:
                spec["labels"] = labels
            actors[a.name] = spec
        result: dict[str, Any] = {"name": self.name, "description": self.description, "actors": actors}
        if not self.compounds:
            result["compounds"] = False
        if self._outside:
            result["outside"] = {n: list(ps) for n, ps in self._outside}
        if self._scope != LexiconScope():
            sc = self._scope
            section: dict[str, Any] = {}
            if sc.description:
                section["description"] = sc.description
            for key in SCOPE_LISTS:
                if getattr(sc, key):
                    section[key] = list(getattr(sc, key))
            section["article_terms"] = sc.article_terms
            section["article_off_topic"] = sc.article_off_topic
            section["require_place"] = sc.require_place
            section["otherwise"] = sc.otherwise
            section["short_text"] = sc.short_text
            section["outside_ratio"] = sc.outside_ratio
            if sc.since:
                section["since"] = sc.since
            result["scope"] = section
        return result

    def to_yaml(self) -> str:
        """The lexicon as YAML text in the file format.

        Returns
        -------
        str
            ``Lexicon.from_yaml(lex.to_yaml()) == lex``.
        """
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

        Parameters
        ----------
        actor, label : str
            The actor and label to add or replace.
        patterns : str or iterable of str
            The label's patterns (one string is one pattern).
        description : str, optional
            The label's one-line description.

        Returns
        -------
        Lexicon
            A new lexicon; this one is unchanged.

        Raises
        ------
        LexiconError
            A pattern is malformed or already belongs to another label.
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
            actors[idx] = replace(a, labels=tuple(labels))
        return replace(self, _actors=tuple(actors))

    def without_label(self, actor: str, label: str) -> Lexicon:
        """A new lexicon without ``actor``'s ``label`` (an actor left empty is dropped).

        Parameters
        ----------
        actor, label : str
            The label to remove.

        Returns
        -------
        Lexicon
            A new lexicon; this one is unchanged.

        Raises
        ------
        LexiconError
            No such label, or removing it would leave the lexicon empty.
        """
        actors = []
        found = False
        for a in self._actors:
            if a.name == actor:
                labels = tuple(lb for lb in a.labels if lb.name != label)
                found = len(labels) < len(a.labels)
                if labels or a.names:
                    actors.append(replace(a, labels=labels))
            else:
                actors.append(a)
        if not found:
            raise LexiconError("no such label in this lexicon", actor=actor, label=label)
        if not actors:
            raise LexiconError("removing it would leave the lexicon empty", actor=actor, label=label)
        return replace(self, _actors=tuple(actors))

    def with_names(self, actor: str, names: Mapping[str, str | Iterable[str]]) -> Lexicon:
        """A new lexicon where ``actor`` also lists the named groups ``names``.

        Parameters
        ----------
        actor : str
            An actor of the lexicon.
        names : mapping of str to str or iterable of str
            Canonical name -> alias patterns (a name already listed is replaced).

        Returns
        -------
        Lexicon
            A new lexicon; this one is unchanged.

        Raises
        ------
        LexiconError
            No such actor, or an alias is malformed or repeats a label pattern.
        """
        actors = list(self._actors)
        idx = next((i for i, a in enumerate(actors) if a.name == actor), None)
        if idx is None:
            raise LexiconError("no such actor in this lexicon", actor=actor)
        a = actors[idx]
        merged = dict(a.names)
        for n, ps in names.items():
            merged[n] = (ps,) if isinstance(ps, str) else tuple(ps)
        actors[idx] = replace(a, names=tuple(merged.items()))
        return replace(self, _actors=tuple(actors))

    # -- matching -------------------------------------------------------------------
    def find(self, text: str) -> list[LexiconMatch]:
        """The label mentions of ``text``: leftmost-longest, non-overlapping, in order.

        Parameters
        ----------
        text : str

        Returns
        -------
        list of LexiconMatch
            ``(start, end, actor, label, pattern, match)`` with
            ``text[start:end] == match``. Named groups are not listed (see
            :meth:`find_names`), but they take part in overlap resolution.
        """
        return [
            LexiconMatch(s, e, en.actor, en.label, en.pattern, text[s:e])
            for s, e, en in self.scan(text) if en.kind == "label"
        ]

    def find_names(self, text: str) -> list[NameMatch]:
        """The named-group occurrences of ``text`` (resolved together with the labels).

        Parameters
        ----------
        text : str

        Returns
        -------
        list of NameMatch
            ``(start, end, actor, name, pattern, match)``; ``name`` is the canonical
            name.
        """
        return [
            NameMatch(s, e, en.actor, en.label, en.pattern, text[s:e])
            for s, e, en in self.scan(text) if en.kind == "name"
        ]

    def scan(self, text: str) -> list[Hit]:
        """Labels and names together: ``(start, end, entry)`` per match, in text order.

        The one scan behind :meth:`find` and :meth:`find_names` (leftmost-longest,
        non-overlapping, labels and names resolved together; see the module
        docstring). ``entry`` is a :class:`LexiconEntry` whose ``kind`` says whether
        a label or a name matched. Per-article code scans once and reads both.

        Parameters
        ----------
        text : str
            The text to search.

        Returns
        -------
        list of tuple[int, int, LexiconEntry]
            ``text[start:end]`` is the match.
        """
        folded = fold_text(text)
        if folded is None:
            return self._matcher.scan(text)
        return _unfold_hits(text, folded, self._matcher.scan(folded.text))

    def scan_scope(self, text: str) -> list[Hit]:
        """The words of the ``scope:`` section in ``text``, leftmost-longest.

        Each entry's ``kind`` is ``"scope"`` and its ``label`` the list it comes from
        (``terms``, ``places``, ``outside_places`` or ``off_topic``; see
        :class:`LexiconScope`). Matched with the rules of label patterns, on their own
        (a scope word never hides a label). Empty when the lexicon has no scope rules.

        Parameters
        ----------
        text : str

        Returns
        -------
        list of tuple[int, int, LexiconEntry]
        """
        if self._scope_matcher is None:
            return []
        folded = fold_text(text)
        if folded is None:
            return self._scope_matcher.scan(text)
        return _unfold_hits(text, folded, self._scope_matcher.scan(folded.text))

    # -- validation -------------------------------------------------------------------
    def _validate_and_compile(self) -> _Matcher:
        """Check the whole lexicon (raising on the first problem, in file order) and
        build its matcher: written label patterns, then compound variants, then names,
        markers and outside names."""
        if not isinstance(self.name, str) or not self.name.strip():
            raise LexiconError("the lexicon needs a non-empty name")
        entries: list[_PatternEntry] = []
        seen: dict[str, tuple[str, str]] = {}  # normal key -> (actor, label) owning it
        name_entries: list[_PatternEntry] = []
        actor_names: set[str] = set()
        for a in self._actors:
            if a.name in actor_names:
                raise LexiconError("actor listed twice", actor=a.name)
            actor_names.add(a.name)
            if not a.labels and not a.names:
                raise LexiconError("an actor needs at least one label", actor=a.name)
            entries.extend(_label_entries(a, seen))
            name_entries.extend(_name_entries(a))
        parties = {group for group, _aliases in self._outside}
        for a in self._actors:
            _check_refers_to(a, actor_names, parties)
        # Compounds after every written pattern, so that a written pattern wins a tie.
        compound_entries = _compound_entries(entries, seen) if self.compounds else []
        name_entries.extend(self._marker_and_outside_entries())
        _check_names_repeat_no_label(name_entries, seen)
        first_compound = len(entries)
        return _Matcher(entries + compound_entries + name_entries,
                        frozenset(range(first_compound, first_compound + len(compound_entries))))

    def _marker_and_outside_entries(self) -> list[_PatternEntry]:
        """The matcher entries of every actor's markers, then of the outside names."""
        found: list[_PatternEntry] = []
        for a in self._actors:
            for p in a.markers:
                atoms = _compile_one(p, actor=a.name, label="markers")
                found.append(("marker", a.name, p, p, atoms))
        for group, aliases in self._outside:
            _check_name(group, "name", actor="outside")
            for p in aliases:
                atoms = _compile_one(p, label=f"outside: {group}")
                found.append(("outside", "", group, p, atoms))
        return found

    def _compile_scope(self) -> _Matcher | None:
        """The matcher of the scope section's word lists (None when it has none)."""
        entries = []
        for key in SCOPE_LISTS:
            for p in getattr(self._scope, key):
                entries.append(("scope", key, key, p, _compile_one(p, label=f"scope: {key}")))
        return _Matcher(entries) if entries else None

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



# One entry of a matcher: (kind, actor, label or group, pattern, compiled atoms).
_PatternEntry = tuple[str, str, str, str, list[tuple[str, bool]]]


def _label_entries(a: _Actor, seen: dict[str, tuple[str, str]]) -> list[_PatternEntry]:
    """The matcher entries of one actor's label patterns, checked; each pattern's
    normal key is recorded in ``seen`` (a pattern may belong to one label only)."""
    found: list[_PatternEntry] = []
    label_names: set[str] = set()
    for lb in a.labels:
        _check_name(lb.name, "label", actor=a.name)
        if lb.name in label_names:
            raise LexiconError("label listed twice", actor=a.name, label=lb.name)
        label_names.add(lb.name)
        if not lb.patterns:
            raise LexiconError("a label needs at least one pattern", actor=a.name, label=lb.name)
        for p in lb.patterns:
            atoms = _compile_one(p, actor=a.name, label=lb.name)
            key = _normal_key(p)
            if key in seen:
                other_actor, other_label = seen[key]
                raise LexiconError(
                    f"also listed for actor {other_actor!r}, label {other_label!r}; "
                    "a pattern may belong to one label only",
                    actor=a.name, label=lb.name, pattern=p,
                )
            seen[key] = (a.name, lb.name)
            found.append(("label", a.name, lb.name, p, atoms))
    return found


def _name_entries(a: _Actor) -> list[_PatternEntry]:
    """The matcher entries of one actor's named groups, checked."""
    found: list[_PatternEntry] = []
    for group, aliases in a.names:
        _check_name(group, "name", actor=a.name)
        for p in aliases:
            atoms = _compile_one(p, actor=a.name, label=f"names: {group}")
            found.append(("name", a.name, group, p, atoms))
    return found


def _check_refers_to(a: _Actor, actor_names: set[str], parties: set[str]) -> None:
    """Each label's ``refers_to``: only on a generic label, and only actors of the lexicon
    or parties of its ``outside:`` section (named nearby, such a party leaves the label
    without a referent: "Hezbollah ... has dispatched fighters")."""
    for lb in a.labels:
        if lb.refers_to and not lb.generic:
            raise LexiconError("'refers_to' needs 'generic: true' (only a generic "
                               "label's referent comes from the names around it)",
                               actor=a.name, label=lb.name)
        unknown = [r for r in lb.refers_to if r not in actor_names and r not in parties]
        if unknown:
            raise LexiconError(f"'refers_to' names no actor or outside party of this lexicon: "
                               f"{', '.join(map(repr, unknown))}; actors: "
                               f"{', '.join(map(repr, sorted(actor_names)))}",
                               actor=a.name, label=lb.name)


def _compound_entries(
    entries: list[_PatternEntry], seen: dict[str, tuple[str, str]]
) -> list[_PatternEntry]:
    """The compound variants of the label patterns that no written pattern (or earlier
    variant) already covers; their keys are recorded in ``seen``."""
    found: list[_PatternEntry] = []
    for _kind, actor, label, p, _atoms in entries:
        for variant in _compound_patterns(p):
            key = _normal_key(variant)
            if key not in seen:
                seen[key] = (actor, label)
                found.append(("label", actor, label, variant, _pattern_atoms(variant)))
    return found


def _check_names_repeat_no_label(
    name_entries: list[_PatternEntry], seen: dict[str, tuple[str, str]]
) -> None:
    """Names resolve overlaps with labels but never duplicate a label pattern."""
    for kind, actor, group, p, _atoms in name_entries:
        if _normal_key(p) in seen:
            other_actor, other_label = seen[_normal_key(p)]
            where = ({"actor": actor} if kind in ("name", "marker")
                     else {"label": f"outside: {group}"})
            raise LexiconError(
                f"name {group!r} repeats a pattern of actor {other_actor!r}, "
                f"label {other_label!r}",
                pattern=p, **where,
            )


def _check_name(value: Any, what: str, **where: Any) -> None:
    if not isinstance(value, str) or not value.strip():
        raise LexiconError(f"{what} names must be non-empty strings, got {value!r}", **where)
    if ":" in value and what != "name":
        raise LexiconError(f"{what} name {value!r} may not contain ':'", **where)


def _shown(value: Any) -> Any:
    """A value that is not a string as error messages show it: a number as itself, a
    container through ``reprlib``, which bounds the depth and length, so a deeply
    nested list cannot overflow the stack."""
    if value is None or isinstance(value, int | float):
        return value
    return reprlib.repr(value)


def _compile_one(pattern: Any, **where: Any) -> list[tuple[str, bool]]:
    if not isinstance(pattern, str):
        raise LexiconError(f"patterns must be strings, got {type(pattern).__name__}",
                     pattern=_shown(pattern), **where)
    try:
        return _pattern_atoms(pattern)
    except ValueError as err:
        shown = pattern if len(pattern) <= 80 else f"{pattern[:50]}...{pattern[-10:]}"
        raise LexiconError(str(err), pattern=shown, **where) from None


def _patterns_list(value: Any, **where: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list | tuple):
        raise LexiconError(f"expected a list of patterns, got {type(value).__name__}", **where)
    for p in value:
        if not isinstance(p, str):
            raise LexiconError(f"patterns must be strings, got {type(p).__name__}",
                               pattern=_shown(p), **where)
    return tuple(value)


def _compound_patterns(pattern: str) -> list[str]:
    """The hyphenated compounds of a one-word label pattern: ``rebel`` gives
    ``rebel-*`` ("rebel-held") and ``*-rebel`` ("anti-rebel", "pro-rebel"). Patterns of
    several words, with a hyphen or an apostrophe, or opening with a glob give none."""
    if (len(pattern.split()) != 1 or any(c in pattern for c in _HYPHENS_AND_APOSTROPHES + ".")
            or pattern[0] in "*?" or len(pattern) + 2 > MAX_PATTERN_LENGTH):
        return []
    return [f"{pattern}-*", f"*-{pattern}"]


def _parse_names(value: Any, section: str, *, file: str | None, actor: str | None = None,
                 ) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Named groups: a list of names, or a mapping canonical name -> aliases."""
    names: list[tuple[str, tuple[str, ...]]] = []
    where: dict[str, Any] = {"file": file, "actor": actor}
    if isinstance(value, list | tuple):
        for n in value:
            if not isinstance(n, str):
                raise LexiconError(f"names must be strings, got {type(n).__name__}",
                                   pattern=_shown(n), **where)
            names.append((n, (n,)))
    elif isinstance(value, Mapping):
        for n, aliases in value.items():
            if not isinstance(n, str) or not n.strip():
                raise LexiconError(f"names must be non-empty strings, got {_shown(n)}", **where)
            names.append((n, _patterns_list(aliases, label=f"{section}: {n}", **where)))
    else:
        what = "'names'" if section == "names" else f"'{section}'"
        raise LexiconError(f"{what} must be a list of names or a mapping name -> aliases", **where)
    return tuple(names)


def _parse_scope(value: Any, file: str | None) -> LexiconScope:
    """The ``scope:`` section, checked (see :class:`LexiconScope`)."""
    if value is None:
        return LexiconScope()
    if not isinstance(value, Mapping):
        raise LexiconError("'scope' must be a mapping with 'terms', 'places', "
                           "'outside_places', 'off_topic', 'article_terms', 'require_place'",
                           file=file)
    unknown = set(value) - _SCOPE_KEYS
    if unknown:
        raise LexiconError(f"scope: unknown key(s) {sorted(map(str, unknown))}; "
                           f"expected {sorted(_SCOPE_KEYS)}", file=file)
    # Any: the two dicts are spread into LexiconScope's keyword arguments of both kinds
    lists: dict[str, Any] = {
        key: _patterns_list(value.get(key) or [], file=file, label=f"scope: {key}")
        for key in SCOPE_LISTS
    }
    counts: dict[str, Any] = {}
    for key in ("article_terms", "article_off_topic", "short_text", "outside_ratio", "since"):
        n = value.get(key, getattr(LexiconScope, key))
        if isinstance(n, bool) or not isinstance(n, int) or n < 0:
            raise LexiconError(f"scope: '{key}' must be a whole number >= 0, got {n!r}", file=file)
        counts[key] = n
    otherwise = value.get("otherwise", "in")
    if otherwise not in ("in", "out"):
        raise LexiconError(f"scope: 'otherwise' must be 'in' or 'out', got {otherwise!r}", file=file)
    require_place = value.get("require_place", False)
    if not isinstance(require_place, bool):
        raise LexiconError(f"scope: 'require_place' must be true or false, got {require_place!r}",
                           file=file)
    if require_place and not lists["places"]:
        raise LexiconError("scope: 'require_place' is true but 'places' is empty", file=file)
    if counts["outside_ratio"] and not lists["outside_places"]:
        raise LexiconError(f"scope: 'outside_ratio' is {counts['outside_ratio']} but 'outside_places' is empty",
                           file=file)
    description = _as_str(value.get("description", "") or "", "scope: 'description'", file=file)
    return LexiconScope(**lists, **counts, require_place=require_place,
                        description=description.strip(), otherwise=otherwise)


def _parse_actor(actor: Any, spec: Any, file: str | None) -> _Actor:
    if not isinstance(actor, str) or not actor.strip():
        raise LexiconError(f"actor names must be non-empty strings, got {actor!r}", file=file)
    if ":" in actor:
        raise LexiconError("actor names may not contain ':'", file=file, actor=actor)
    if not isinstance(spec, Mapping):
        raise LexiconError("an actor must be a mapping with 'labels' (and optional 'names', "
                     "'description')", file=file, actor=actor)
    unknown = set(spec) - _ACTOR_KEYS
    if unknown:
        raise LexiconError(f"unknown key(s) {sorted(map(str, unknown))}; expected {sorted(_ACTOR_KEYS)}",
                     file=file, actor=actor)
    description = _as_str(spec.get("description", "") or "", "'description'", file=file, actor=actor)
    labels_in = spec.get("labels")
    if labels_in is None and spec.get("names"):
        labels_in = {}  # an actor known by its names only (its mentions use others' labels)
    if not isinstance(labels_in, Mapping) or (not labels_in and not spec.get("names")):
        raise LexiconError("'labels' must be a non-empty mapping of label -> patterns",
                     file=file, actor=actor)
    labels = []
    for label, value in labels_in.items():
        if not isinstance(label, str) or not label.strip():
            raise LexiconError(f"label names must be non-empty strings, got {label!r}",
                         file=file, actor=actor)
        where = {"file": file, "actor": actor, "label": label}
        if isinstance(value, Mapping):
            unknown = set(value) - _LABEL_KEYS
            if unknown:
                raise LexiconError(f"unknown key(s) {sorted(map(str, unknown))}; "
                             f"expected {sorted(_LABEL_KEYS)}", **where)
            if "patterns" not in value:
                raise LexiconError("a label mapping needs 'patterns'", **where)
            patterns = _patterns_list(value["patterns"], **where)
            label_description = _as_str(value.get("description", "") or "", "'description'", **where)
            generic = value.get("generic", False)
            if not isinstance(generic, bool):
                raise LexiconError(f"'generic' must be true or false, got {generic!r}", **where)
            refers_to = value.get("refers_to") or []
            if isinstance(refers_to, str):
                refers_to = [refers_to]
            if not isinstance(refers_to, list | tuple) or not all(isinstance(r, str) for r in refers_to):
                raise LexiconError("'refers_to' must be a list of actor names", **where)
        else:
            patterns = _patterns_list(value, **where)
            label_description = ""
            generic, refers_to = False, []
        labels.append(_Label(label, patterns, label_description.strip(), generic, tuple(refers_to)))
    names = _parse_names(spec.get("names") or {}, "names", file=file, actor=actor)
    markers = _patterns_list(spec.get("markers") or [], file=file, actor=actor, label="markers")
    return _Actor(actor, tuple(labels), names, description.strip(), markers)


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
        raise LexiconError("file not found", file=str(path)) from None
    except IsADirectoryError:
        raise LexiconError("is a directory, not a lexicon file", file=str(path)) from None
    except OSError as err:  # permissions, a device, a name too long ...
        raise LexiconError(f"cannot be read: {err.strerror or err}", file=str(path)) from None
    except UnicodeDecodeError as err:
        raise LexiconError(f"not UTF-8 text (byte {err.start})", file=str(path)) from None


# ----------------------------------------------------------------------------------
# Bundled lexicons


def _bundled() -> dict[str, Any]:
    """Bundled lexicon files (importlib resources) by stem name."""
    folder = resources.files("mediakit") / "lexicons"
    return {
        entry.name.rsplit(".", 1)[0]: entry
        for entry in sorted(folder.iterdir(), key=lambda e: e.name)
        if entry.name.endswith((".yaml", ".yml"))
    }


@cache
def _bundled_lexicon(name: str) -> Lexicon:
    """A bundled lexicon, parsed and compiled once per process (lexicons are immutable)."""
    entry = _bundled()[name]
    return _from_yaml_text(entry.read_text(encoding="utf-8"), file=entry.name)


#: Anything a ``lexicon=`` argument takes (see :func:`resolve_lexicon`).
LexiconLike = Lexicon | str | os.PathLike[str] | Mapping[str, Any]


def load_lexicon(lexicon: LexiconLike) -> Lexicon:
    """Load a lexicon: a bundled one by name, a file, a mapping, or a Lexicon as is.

    Parameters
    ----------
    lexicon : Lexicon, str, path-like or mapping
        A bundled lexicon's name (``"conflict"``, ``"marenna"``, ``"syria"``; see
        :func:`list_lexicons`), else a path to a ``.yaml``, ``.yml`` or ``.json``
        file; a mapping in the file format (:meth:`Lexicon.from_dict`); or a
        :class:`Lexicon`, returned unchanged.

    Returns
    -------
    Lexicon

    Raises
    ------
    LexiconError
        No such bundled lexicon or file, or the lexicon is malformed (the message
        names the file, actor, label and pattern at fault).
    TypeError
        ``lexicon`` is none of the above.
    """
    if isinstance(lexicon, Lexicon):
        return lexicon
    if isinstance(lexicon, Mapping):
        return Lexicon.from_dict(lexicon)
    if not isinstance(lexicon, str | os.PathLike):
        raise TypeError(
            "a lexicon must be a Lexicon, a bundled lexicon name, a path or a mapping, "
            f"got {type(lexicon).__name__}"
        )
    bundled = _bundled()
    if isinstance(lexicon, str) and lexicon in bundled:
        return _bundled_lexicon(lexicon)
    path = Path(lexicon)
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        return Lexicon.from_yaml(path)
    if suffix == ".json":
        return Lexicon.from_json(path)
    raise LexiconError(
        f"no bundled lexicon {str(lexicon)!r} and not a .yaml/.yml/.json path; "
        f"bundled: {', '.join(bundled)}"
    )


def resolve_lexicon(lexicon: LexiconLike | None = None) -> Lexicon:
    """The lexicon a ``lexicon=`` argument means: the one rule every function follows.

    Every function of mediakit that takes a lexicon (``analyze``, ``find_mentions``,
    ``kwic``, ``collocates``, ``audit_lexicon``, ``score_mentions``, the streamed and
    Dask analyses, the report and the command line) calls this, so the same value
    means the same lexicon everywhere:

    * ``None`` means :data:`DEFAULT_LEXICON`, the bundled ``conflict`` lexicon. The
      corpus plays no part: a corpus (the bundled sample included) never chooses
      its own lexicon, so merging columns into it or passing it through
      :func:`mediakit.load_corpus` cannot change a result. Name the lexicon you mean
      (``analyze(load_sample(), "marenna")`` for the sample's world).
    * Anything else is loaded by :func:`load_lexicon`: a :class:`Lexicon` as is, a
      bundled name, a ``.yaml``/``.yml``/``.json`` path, or a mapping in the file
      format.

    The argument is called ``lexicon`` everywhere. A string given as a *pattern*
    (``kwic(corpus, "syria")``, ``collocates(corpus, "rebel*")``) is a glob to
    search for, never a lexicon name; those functions take a lexicon only as
    ``lexicon=``.

    Parameters
    ----------
    lexicon : Lexicon, str, path-like, mapping or None, default None
        See above.

    Returns
    -------
    Lexicon

    Raises
    ------
    LexiconError, TypeError
        As :func:`load_lexicon`.
    """
    return load_lexicon(DEFAULT_LEXICON if lexicon is None else lexicon)


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


# Python's parsers recurse once per level of nesting; a lexicon is three or four
# levels deep, so running out of stack means a malformed or hostile file.
_TOO_DEEP = "nested too deeply to be a lexicon (a lexicon is a few levels deep: actors, labels, patterns)"


def _from_yaml_text(text: str, *, file: str | None = None) -> Lexicon:
    try:
        data = yaml.load(text, Loader=_StrictSafeLoader)
    except RecursionError:
        raise LexiconError(_TOO_DEEP, file=file) from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = f"line {mark.line + 1}: " if mark is not None else ""
        raise LexiconError(f"{line}invalid YAML: {err}", file=file) from None
    return Lexicon.from_dict(data, file=file)


def list_lexicons() -> pd.DataFrame:
    """The bundled lexicons, one row each.

    Returns
    -------
    pandas.DataFrame
        ``name``, ``description`` (str); ``n_actors``, ``n_labels``, ``n_patterns``
        (int64); ``file`` (str, the file name inside ``mediakit/lexicons/``: copy it
        as a starting point for your own lexicon).
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
