"""The Lexicon value object, its file formats, validation and the matcher."""

from __future__ import annotations

import copy
import importlib.util
import json
import re
import string
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mediakit import lexicon as lexicon_module
from mediakit.corpus import load_corpus
from mediakit.errors import LexiconError
from mediakit.lexicon import (
    DEFAULT_LEXICON,
    Lexicon,
    LexiconMatch,
    list_lexicons,
    load_lexicon,
    resolve_lexicon,
)

REPO = Path(__file__).resolve().parents[1]
SEED_DIR = REPO.parent / "shared" / "seed"

BASIC = {
    "name": "test",
    "description": "A small lexicon for tests.",
    # The matching rules below are those of written patterns; compounds made from them
    # ("rebel-held") are tested on their own.
    "compounds": False,
    "actors": {
        "armed": {
            "names": {"KLF": ["KLF", "Kessel Liberation Front"], "FKA": ["Free Kessel Army"]},
            "labels": {
                "terrorist": {"description": "Delegitimising.", "patterns": ["terrorist*"]},
                "rebel": ["rebel*"],
                "opposition": ["opposition", "opposition forces", "armed opposition"],
                "armed_group": ["armed group*", "*-backed armed group*"],
                "militant": ["militant*"],
            },
        },
        "state": {
            "labels": {
                "forces": ["forces"],
                "army": ["army", "the army"],
                "government": ["government forces"],
            }
        },
    },
}


@pytest.fixture
def lex() -> Lexicon:
    return Lexicon.from_dict(BASIC)


def spans(lex: Lexicon, text: str) -> list[tuple[str, str]]:
    return [(m.match, m.label) for m in lex.find(text)]


# -- matching --------------------------------------------------------------------------


def test_find_gives_offsets_that_slice_back_to_the_match(lex):
    text = "Rebels and terrorists met the army."
    found = lex.find(text)
    assert [type(m) for m in found] == [LexiconMatch] * 3
    for m in found:
        assert text[m.start : m.end] == m.match
    assert [(m.match, m.actor, m.label, m.pattern) for m in found] == [
        ("Rebels", "armed", "rebel", "rebel*"),
        ("terrorists", "armed", "terrorist", "terrorist*"),
        ("the army", "state", "army", "the army"),
    ]


def test_longest_match_wins_across_labels_and_actors(lex):
    # "opposition forces" (opposition) beats "opposition" and the state's "forces".
    assert spans(lex, "opposition forces advanced") == [("opposition forces", "opposition")]
    assert spans(lex, "the opposition and the forces") == [
        ("opposition", "opposition"),
        ("forces", "forces"),
    ]
    # "armed opposition" is one opposition mention, not an armed_group one.
    assert spans(lex, "armed opposition groups") == [("armed opposition", "opposition")]
    assert spans(lex, "armed groups") == [("armed groups", "armed_group")]
    assert spans(lex, "government forces") == [("government forces", "government")]


def test_hyphenated_backing_is_one_armed_group_mention(lex):
    text = "Tarvian-backed armed groups and US-backed armed groups and al-Qaeda-backed armed groups"
    assert spans(lex, text) == [
        ("Tarvian-backed armed groups", "armed_group"),
        ("US-backed armed groups", "armed_group"),
        ("al-Qaeda-backed armed groups", "armed_group"),
    ]


def test_star_does_not_cross_hyphens_or_match_inside_words(lex):
    assert spans(lex, "counter-terrorist units, terrorist-linked cells") == []
    assert spans(lex, "a rebellion") == [("rebellion", "rebel")]  # rebel* is a prefix glob
    assert spans(lex, "the armyworm") == []
    assert spans(lex, "nonterrorists") == []


def test_possessives_straight_and_curly_stay_outside_the_span(lex):
    text = "the rebels' base, the militants’ leader, the KLF's men, the army’s tanks"
    assert spans(lex, text) == [
        ("rebels", "rebel"),
        ("militants", "militant"),
        ("the army", "army"),
    ]
    names = lex.find_names(text)
    assert [(n.match, n.name) for n in names] == [("KLF", "KLF")]


def test_plurals_come_from_the_glob_not_from_magic(lex):
    assert spans(lex, "terrorist terrorists militants") == [
        ("terrorist", "terrorist"),
        ("terrorists", "terrorist"),
        ("militants", "militant"),
    ]
    plain = Lexicon.from_dict({"name": "p", "actors": {"a": {"labels": {"x": ["rebel"]}}}})
    assert spans(plain, "rebels") == []
    assert spans(plain, "rebel") == [("rebel", "x")]


def test_case_insensitive(lex):
    assert spans(lex, "TERRORISTS, Rebels, ARMED Groups") == [
        ("TERRORISTS", "terrorist"),
        ("Rebels", "rebel"),
        ("ARMED Groups", "armed_group"),
    ]


def test_phrases_match_across_line_breaks_and_runs_of_space(lex):
    text = "the opposition\nforces and armed \t groups"
    assert spans(lex, text) == [
        ("opposition\nforces", "opposition"),
        ("armed \t groups", "armed_group"),
    ]


def test_names_block_labels_inside_them_but_are_not_mentions(lex):
    text = "The Free Kessel Army and the army clashed; the Kessel Liberation Front's rebels"
    assert spans(lex, text) == [("the army", "army"), ("rebels", "rebel")]
    assert [(n.name, n.match) for n in lex.find_names(text)] == [
        ("FKA", "Free Kessel Army"),
        ("KLF", "Kessel Liberation Front"),
    ]


def test_ties_go_to_lexicon_order():
    lex = Lexicon.from_dict(
        {"name": "t", "actors": {"a": {"labels": {"first": ["rebel*"], "second": ["rebels"]}}}}
    )
    assert spans(lex, "rebels") == [("rebels", "first")]


def test_question_mark_and_lone_star_globs():
    lex = Lexicon.from_dict(
        {"name": "g", "actors": {"a": {"labels": {"org": ["organi?ation*"], "reg": ["* regime"]}}}}
    )
    assert spans(lex, "terror organisations, terror organization") == [
        ("organisations", "org"),
        ("organization", "org"),
    ]
    assert spans(lex, "the Malic regime and a pro-Malic regime") == [
        ("Malic regime", "reg"),
        ("pro-Malic regime", "reg"),
    ]


def test_typographic_hyphens_and_apostrophes_match_their_ascii_pattern():
    lex = Lexicon.from_dict(
        {"name": "h", "actors": {"a": {"labels": {"x": ["Tarvian-backed", "People's Units"]}}}}
    )
    assert spans(lex, "Tarvian\u2011backed and People\u2019s Units") == [
        ("Tarvian\u2011backed", "x"),
        ("People\u2019s Units", "x"),
    ]


def test_unicode_words_and_offsets_after_non_ascii_text():
    lex = Lexicon.from_dict({"name": "u", "actors": {"a": {"labels": {"x": ["milicien*"]}}}})
    text = "Les « miliciens » étaient là ; Éric a vu des miliciens."
    found = lex.find(text)
    assert [m.match for m in found] == ["miliciens", "miliciens"]
    assert all(text[m.start : m.end] == m.match for m in found)


def test_case_folding_beyond_lower_still_matches():
    lex = Lexicon.from_dict({"name": "f", "actors": {"a": {"labels": {"x": ["sniper*"]}}}})
    text = "\u017fnipers"  # long s: matches "s" case-insensitively, lower() keeps it
    assert [m.match for m in lex.find(text)] == [text]


# Property tests: any text built from lexicon words and noise.
_WORDS = ["rebels", "Rebel's", "terrorists", "armed", "groups", "opposition", "forces",
          "the", "army", "Tarvian-backed", "KLF", "militants’", "x", "-", "'", "\n", "  ",
          "Free", "Kessel", "Army", "government", "armyworm", "ARMED"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=30), st.sampled_from([" ", "\n", ", "]))
def test_property_matches_are_ordered_disjoint_and_slice_back(words, sep):
    lex = Lexicon.from_dict(BASIC)
    text = sep.join(words)
    found = lex.find(text)
    previous_end = 0
    for m in found:
        assert text[m.start : m.end] == m.match
        assert m.start >= previous_end and m.end > m.start
        previous_end = m.end
    # Case does not change what is found, only the surface text.
    assert [(m.start, m.end, m.label) for m in lex.find(text.upper())] == [
        (m.start, m.end, m.label) for m in found
    ]
    assert [(m.start, m.end, m.label) for m in lex.find(text.lower())] == [
        (m.start, m.end, m.label) for m in found
    ]


def _reference_scan(lex: Lexicon, text: str) -> list[tuple[int, int, str]]:
    """Leftmost-longest the slow way: every pattern tried at every position."""
    return [(start, end, entry.label) for start, end, entry in _slow_scan(lex, text)]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_WORDS + ["terror", "group", "Dawn", "Brigades", "regime",
                                          "forces", "Tarvia-backed", "Malic"]), max_size=25))
def test_property_combined_matcher_equals_the_slow_reference(words):
    lex = load_lexicon("marenna")
    text = " ".join(words)
    assert [(s, e, en.label) for s, e, en in lex.scan(text)] == _reference_scan(lex, text)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=60))
def test_property_arbitrary_text_never_breaks_the_matcher(text):
    lex = Lexicon.from_dict(BASIC)
    for m in lex.find(text):
        assert text[m.start : m.end] == m.match


# -- the fast matcher equals the straightforward ones -------------------------------------
#
# Lexicon.scan takes shortcuts (a search that skips from one non-word character to the
# next, a lower-cased copy of the text, patterns found from their hyphen; see
# lexicon._Matcher). Its result must be exactly that of trying every pattern at every
# position (_slow_scan), and, except where the previous matcher was wrong (below), that
# of the previous matcher (_previous_scan).


def _slow_scan(lex: Lexicon, text: str) -> list[tuple[int, int, object]]:
    """Leftmost-longest by definition over the lexicon's label matcher."""
    return _slow_matcher_scan(lex._matcher, text)


def _slow_matcher_scan(matcher, text: str) -> list[tuple[int, int, object]]:
    """Leftmost-longest by definition: every pattern of ``matcher`` tried at every
    position; at one position the longest match wins, then the pattern listed first."""
    result, pos = [], 0
    while pos < len(text):
        best = None
        for entry in matcher.entries:
            m = entry.regex.match(text, pos)
            if m and (best is None or m.end() > best[1]):
                best = (pos, m.end(), entry)
        if best:
            result.append(best)
            pos = best[1]
        else:
            pos += 1
    return result


def _previous_trie_regex(node: dict) -> str:
    alternatives = []
    for key, child in node.items():
        if key is None:
            alternatives.extend(
                f"{rest}{lexicon_module._RIGHT_GUARD}" for rest in dict.fromkeys(child)
            )
        else:
            alternatives.append(key + _previous_trie_regex(child))
    return alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"


_PREVIOUS: dict[Lexicon, tuple] = {}


def _previous_scan(lex: Lexicon, text: str) -> list[tuple[int, int, object]]:
    """The matcher as it was before the fast search: one regex (the left guard, then a
    trie of every pattern's literal prefix) finds each leftmost start; there the
    patterns whose first literal is that character lower-cased, and the glob-first
    ones, are tried one by one (all of them if none matches)."""
    if lex not in _PREVIOUS:
        entries = lex._matcher.entries
        trie: dict = {}
        for entry in entries:
            atoms = lexicon_module._pattern_atoms(entry.pattern)
            node = trie
            i = 0
            while i < len(atoms) and atoms[i][1]:
                node = node.setdefault(atoms[i][0], {})
                i += 1
            node.setdefault(None, []).append("".join(a for a, _ in atoms[i:]))
        combined = re.compile(
            lexicon_module._LEFT_GUARD + "(?:" + _previous_trie_regex(trie) + ")", re.IGNORECASE
        )
        by_first: dict[str, list] = {}
        for entry in entries:
            if entry.first:
                by_first.setdefault(entry.first, []).append(entry)
        _PREVIOUS[lex] = (combined, by_first, [e for e in entries if not e.first], entries)
    combined, by_first, anywhere, entries = _PREVIOUS[lex]
    found, pos = [], 0
    while (m := combined.search(text, pos)) is not None:
        start = m.start()
        if not any(e.regex.match(text, start) for e in entries):
            pos = start + 1  # an acronym alias in the wrong case (it ignored case)
            continue
        best_end, best = -1, None
        for group in (by_first.get(text[start].lower(), ()), anywhere):
            for entry in group:
                em = entry.regex.match(text, start)
                if em and (em.end() > best_end
                           or (em.end() == best_end and entry.order < best.order)):
                    best_end, best = em.end(), entry
        if best is None:
            for entry in entries:
                em = entry.regex.match(text, start)
                if em is not None and em.end() > best_end:
                    best_end, best = em.end(), entry
        found.append((start, best_end, best))
        pos = best_end
    return found


def _text_search_only(lex: Lexicon):
    """A copy of ``lex``'s matcher that never searches the lower-cased text."""
    matcher = copy.copy(lex._matcher)
    matcher._search_lower = None
    return matcher


def _check_scan(lex: Lexicon, text: str, *, previous: bool = True) -> None:
    # The matcher proper, on the text as given; Lexicon.scan folds the text first
    # (Unicode normalisation, tested on its own below).
    found = lex._matcher.scan(text)
    assert found == _slow_scan(lex, text), text
    assert _text_search_only(lex).scan(text) == found, text
    # The previous matcher looked patterns up by ``text[start].lower()``, so it missed
    # some where a character folds to another without lower-casing to it ("ſ" and "s").
    if previous and not any(c in text for c in lexicon_module._FOLDS_TO_ASCII):
        assert _previous_scan(lex, text) == found, text


# Words and the characters the rules care about: hyphens, apostrophes, case folding
# ("ſ" is "s", the Kelvin sign "K" is "k", "İ" lower-cases to two characters),
# letters that are words but not ASCII, and punctuation a pattern may hold.
_NOISE = ["the", "a", "x", "US", "al", "Qaeda", "pro", "counter", "backed", "led",
          "groups", "rebellion", "Tarvian", "9", "é", "Éric", "ſ", "\u017fniper", "sniper",
          "rifle", "\u212a", "\u212aLF", "İ", "ı", "Σ", "ς", "straße", "STRASSE", "µ",
          "Малик", "-", "\u2010", "\u2011", "'", "\u2019", ".", ",", "&", "_", "“", "”",
          "(", "—", "s", "S"]
_SEPARATORS = [" ", " ", " ", "", "\n", "  ", "\t", "-", "\u2011", "'", "\u2019", "“", ". "]


def _pattern_words(patterns) -> list[str]:
    """Words and phrases that patterns match, globs filled in a few ways."""
    words = []
    for pattern in patterns:
        for fill in ("", "s", "ists", "Tarvian", "al-Qaeda"):
            spelled = pattern.replace("?", "z").replace("*", fill)
            words.append(spelled.strip("-"))
            words.extend(word.strip("-") for word in spelled.split())
    return [word for word in words if word]


def _folded(word: str) -> str:
    """``word`` with characters that match "s", "i" and "k" ignoring case."""
    return word.replace("s", "\u017f").replace("i", "\u0131").replace("K", "\u212a")


def _texts(words: list[str]) -> st.SearchStrategy[str]:
    token = st.tuples(
        st.sampled_from(words + _NOISE),
        st.sampled_from([str, str.lower, str.upper, str.title, _folded]),
        st.sampled_from(_SEPARATORS),
    ).map(lambda t: t[1](t[0]) + t[2])
    return st.lists(token, max_size=30).map("".join)


_BUNDLED = {name: load_lexicon(name) for name in ("conflict", "marenna", "syria")}
_BUNDLED_WORDS = {name: _pattern_words(lex.patterns) + _pattern_words(
    p for names in lex.names.values() for ps in names.values() for p in ps
) for name, lex in _BUNDLED.items()}


@pytest.mark.parametrize("name", sorted(_BUNDLED))
@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_property_bundled_lexicons_scan_like_the_slow_and_previous_matchers(name, data):
    text = data.draw(_texts(_BUNDLED_WORDS[name]))
    _check_scan(_BUNDLED[name], text)


_SCOPED = {name: lex for name, lex in _BUNDLED.items() if lex._scope_matcher is not None}
_SCOPE_WORDS = {name: _pattern_words(e.pattern for e in lex._scope_matcher.entries)
                for name, lex in _SCOPED.items()}


@pytest.mark.parametrize("name", sorted(_SCOPED))
@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_property_scope_words_scan_like_the_slow_matcher(name, data):
    # The scope words have no pattern found from a hyphen, so their matcher takes the
    # one-loop path of _Matcher.scan (_scan_search); it must still give exactly the
    # leftmost-longest matches of trying every pattern everywhere, acronyms ("TV")
    # included.
    lex = _SCOPED[name]
    matcher = lex._scope_matcher
    assert not matcher._globs
    text = data.draw(_texts(_SCOPE_WORDS[name] + ["TV", "Tv", "tv", "TVs", "ATV"]))
    assert matcher.scan(text) == _slow_matcher_scan(matcher, text), text


def test_scope_words_on_a_news_paragraph():
    lex = _SCOPED["conflict"]
    text = ("Air strikes killed 12 civilians in the besieged town, TV footage showed; "
            "the football club's season and the tv series were postponed. "
            "Peacekeepers and rocket-attack survivors met at a checkpoint.")
    found = lex.scan_scope(text)
    assert found == _slow_matcher_scan(lex._scope_matcher, text)
    assert [text[s:e] for s, e, _ in found] == [
        "Air strikes", "killed", "civilians", "besieged", "TV", "football", "club",
        "season", "series", "Peacekeepers", "checkpoint"]


# Patterns of every shape: globs first, last and inside, "*-" before a hyphen (found
# from the hyphen) with whitespace before it or not, "* ..." and "*ist" (searched
# like the others), names, non-ASCII letters and characters that case-fold.
_POOL = ["rebel", "rebels", "rebel*", "rebel forces", "terrorist*", "terror group*",
         "the army", "army", "armed group*", "*-backed armed group*", "*-backed group*",
         "* regime", "regime", "?-led forces", "*-*-backed", "* *-backed group", "*ist",
         "?ebel*", "organi?ation*", "U.S.", "U.S.-backed", "AT&T", "People's Units",
         "militants'", "al-Qaeda", "Tarvian-backed", "\u017fniper rifle", "sniper",
         "KLF", "Kessel Liberation Front", "İstanbul group", "Σigma", "straße", "forces",
         "government forces", "pro-government forces", "x", "\u212aessel*", "µ-unit",
         "Малик", "groups", "*'s army"]


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_property_random_lexicons_scan_like_the_slow_matcher(data):
    pool = data.draw(st.sampled_from([_POOL, [p for p in _POOL if p.isascii()]]))
    patterns = data.draw(st.lists(st.sampled_from(pool), min_size=1, max_size=10, unique=True))
    as_name = data.draw(st.lists(st.booleans(), min_size=len(patterns), max_size=len(patterns)))
    labels = [p for p, n in zip(patterns, as_name) if not n] or ["zzz"]
    names = [p for p, n in zip(patterns, as_name) if n]
    spec = {"labels": {f"l{i}": [p] for i, p in enumerate(labels)}}
    if names:  # two names may share an alias: the first listed wins
        spec["names"] = {"N1": names, "N2": names[:1]}
    lex = Lexicon.from_dict({"name": "random", "actors": {"a": spec}})
    text = data.draw(_texts(_pattern_words(patterns)))
    _check_scan(lex, text, previous=False)


def test_scan_finds_what_folds_to_a_pattern_letter():
    lex = Lexicon.from_dict(
        {"name": "f", "actors": {"a": {"labels": {"s": ["sniper"], "l": ["\u017fniper rifle"]}}}}
    )
    # "ſniper rifle" matches "sniper rifle" ignoring case and is longer than "sniper";
    # the previous matcher looked up "s" only and found "sniper".
    text = "a sniper rifle"
    assert [(s, e, en.pattern) for s, e, en in lex.scan(text)] == [(2, 14, "\u017fniper rifle")]
    assert lex.scan(text) == _slow_scan(lex, text)
    # (The previous matcher missed it; patterns are now folded like the text, so
    # "ſ" is read as "s" before anything is compiled.)
    assert lex._matcher.entries[1].first == "s"
    # An ASCII lexicon searches the lower-cased text, except where lower() does not
    # give the letter a character matches ("ſ" stays "ſ") or changes the length ("İ").
    ascii_lexicon = Lexicon.from_dict(
        {"name": "k", "actors": {"a": {"labels": {"k": ["klf", "sniper", "rifle"]}}}}
    )
    for text in ["the \u212aLF and KLF", "a \u017fniper", "a r\u0131fle", "\u0130 KLF rifle",
                 "KLF \u017f", "SNIPER RIFLE"]:
        assert [(s, e) for s, e, _ in ascii_lexicon.scan(text)] == [
            m.span() for m in re.finditer("klf|sniper|rifle", text, re.IGNORECASE)
        ]
        _check_scan(ascii_lexicon, text)


@pytest.mark.parametrize("first, second", [
    ("rebels", "rebel*"), ("rebel*", "rebels"), ("* regime", "Malic regime"),
    ("Malic regime", "* regime"), ("*-backed group", "US-backed group"),
    ("US-backed group", "*-backed group"),
])
def test_equally_long_matches_go_to_the_first_listed(first, second):
    lex = Lexicon.from_dict({"name": "t", "actors": {
        "a": {"labels": {"first": [first]}}, "b": {"labels": {"second": [second]}}}})
    for text in ["rebels", "the Malic regime", "REBELS and MALIC REGIME", "US-backed group"]:
        assert {en.label for _, _, en in lex.scan(text)} <= {"first"}
        _check_scan(lex, text)


def test_scan_edges_and_globs_found_from_their_hyphen():
    lex = Lexicon.from_dict({"name": "g", "actors": {"a": {"labels": {
        "x": ["* *-backed group", "*-backed armed group*", "armed group*", "?-led forces"],
        "y": ["al", "the"]}}}})
    cases = [
        "",
        "al",
        "the al-Qaeda-backed armed groups, the Al Qaeda-backed group",
        "x-led forces and xy-led forces; al-Qaeda- backed group",
        "-backed group a -backed group 'x-backed group x'y-backed group",
        "u\u2010v\u2011backed armed group and US\u2011backed armed GROUPS.",
        "armed groups-backed armed groups",
    ]
    for text in cases:
        _check_scan(lex, text)
    text = cases[2]
    assert [text[s:e] for s, e, _ in lex.scan(text)] == [
        "the", "al-Qaeda-backed armed groups", "the", "Al Qaeda-backed group"]
    only_found_from_hyphens = Lexicon.from_dict(
        {"name": "h", "actors": {"a": {"labels": {"x": ["*-backed group*", "?-led"]}}}})
    for text in cases:
        _check_scan(only_found_from_hyphens, text)
    assert [m.match for m in only_found_from_hyphens.find(cases[3])] == ["x-led"]


def test_lower_cased_search_sees_what_the_patterns_see_in_every_character():
    """What lets the search run on ``text.lower()`` when the lexicon's letters are ASCII
    and the text has none of lexicon._FOLDS_TO_ASCII (each check over every code point):
    a non-ASCII character matches an ASCII pattern character ignoring case only if it
    is listed there; lower-casing a character to a different one keeps it a letter or
    digit, a space, a hyphen or an apostrophe, or not, and only gives an ASCII
    character from ASCII or from a listed one (str.lower also gives "ς" for a final
    "Σ", a letter like "σ"); and str.isalnum and str.isspace, which the search for
    patterns found from a hyphen uses, are what [^\\W_] and \\s test."""
    everything = "".join(map(chr, range(0x110000)))
    beyond_ascii = everything[128:]
    folds = set()
    for c in string.ascii_lowercase + string.digits + string.punctuation:
        folds |= set(re.findall(re.escape(c), beyond_ascii, re.IGNORECASE))
    assert folds == set(lexicon_module._FOLDS_TO_ASCII)
    classes = [re.compile(p, re.IGNORECASE) for p in (
        lexicon_module._WORD, r"\s", lexicon_module._HYPHEN, lexicon_module._APOSTROPHE)]
    for c in everything:
        lower = c.lower()
        if lower != c and len(lower) == 1:
            for cls in classes:
                assert bool(cls.match(c)) == bool(cls.match(lower)), (c, cls.pattern)
            if lower.isascii():
                assert c.isascii() or c in lexicon_module._FOLDS_TO_ASCII, c
        elif lower != c:
            assert c in lexicon_module._FOLDS_TO_ASCII, c  # lower() changes the length
    word = {m.start() for m in re.finditer(lexicon_module._WORD, everything)}
    assert word == {i for i, c in enumerate(everything) if c.isalnum()}
    space = {m.start() for m in re.finditer(r"\s", everything)}
    assert space == {i for i, c in enumerate(everything) if c.isspace()}


def _generated_texts(words: int) -> list[str]:
    """News-like articles from the benchmark's corpus generator."""
    name = "_mediakit_bench_generate_corpus"
    module = sys.modules.get(name)
    if module is None:
        spec = importlib.util.spec_from_file_location(
            name, REPO / "benchmarks" / "generate_corpus.py"
        )
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return [record["text"] for record in module.generate_articles(seed=11, words=words)]


def test_scan_equals_the_previous_matcher_on_real_text():
    texts = load_corpus(REPO / "data" / "sample")["text"].tolist() + _generated_texts(40_000)
    if SEED_DIR.is_dir():
        texts += [path.read_text(encoding="utf-8") for path in sorted(SEED_DIR.glob("*.txt"))]
    for lex in _BUNDLED.values():
        for text in texts:
            found = lex.scan(text)
            assert found == _previous_scan(lex, text)
            assert _text_search_only(lex).scan(text) == found


def test_matching_the_syria_lexicon_on_the_seed_article():
    path = SEED_DIR / "000_1e153a5175e6978d.txt"
    if not path.exists():
        pytest.skip("the seed article (../shared/seed) is not beside this checkout")
    text = path.read_text(encoding="utf-8")
    found = load_lexicon("syria").find(text)
    terror = [m for m in found if m.label == "terrorist"]
    # 5 x "terrorists" plus the "(terrorist)" of "jihadist (terrorist) fighters";
    # "terrorism" (twice) is a different word and is not an actor label.
    assert [m.match for m in terror] == ["terrorists"] * 5 + ["terrorist"]
    labels = [(m.match, m.label) for m in found]
    assert ("Turkish-backed armed groups", "armed_group") in labels
    assert ("jihadist", "jihadist") in labels and ("fighters", "fighter") in labels
    assert ("opposition forces", "opposition") in labels
    assert ("forces loyal to", "loyalist") in labels
    assert ("Syrian government forces", "government") in labels
    assert all(text[m.start : m.end] == m.match for m in found)


# -- construction, round trips, editing ------------------------------------------------


def test_views_are_read_only_and_the_lexicon_is_immutable(lex):
    assert lex.actors["armed"]["terrorist"] == ("terrorist*",)
    assert lex.descriptions["armed"]["terrorist"] == "Delegitimising."
    assert lex.names["armed"]["KLF"] == ("KLF", "Kessel Liberation Front")
    with pytest.raises(TypeError):
        lex.actors["armed"] = {}  # type: ignore[index]
    with pytest.raises(AttributeError):
        lex.name = "other"  # type: ignore[misc]
    assert hash(lex) == hash(Lexicon.from_dict(BASIC))


def test_to_frame_is_long_and_complete(lex):
    frame = lex.to_frame()
    assert list(frame.columns) == ["actor", "label", "pattern", "description"]
    assert len(frame) == len(lex.patterns) == 12
    row = frame[frame["pattern"] == "terrorist*"].iloc[0]
    assert (row["actor"], row["label"], row["description"]) == ("armed", "terrorist", "Delegitimising.")


def test_dict_yaml_and_json_round_trip(lex, tmp_path):
    assert Lexicon.from_dict(lex.to_dict()) == lex
    assert Lexicon.from_yaml(lex.to_yaml()) == lex
    yaml_path = tmp_path / "mine.yaml"
    yaml_path.write_text(lex.to_yaml(), encoding="utf-8")
    assert Lexicon.from_yaml(yaml_path) == lex
    assert load_lexicon(str(yaml_path)) == lex
    json_path = tmp_path / "mine.json"
    json_path.write_text(json.dumps(lex.to_dict()), encoding="utf-8")
    assert Lexicon.from_json(json_path) == lex == load_lexicon(json_path)
    assert Lexicon.from_json(json.dumps(BASIC)) == lex


def test_with_and_without_label_return_new_lexicons(lex):
    more = lex.with_label("armed", "insurgent", ["insurgent*"], description="Analytic.")
    assert "insurgent" not in lex.actors["armed"]
    assert more.actors["armed"]["insurgent"] == ("insurgent*",)
    assert spans(more, "insurgents") == [("insurgents", "insurgent")]
    replaced = more.with_label("armed", "rebel", ["rebels", "rebel"])
    assert replaced.actors["armed"]["rebel"] == ("rebels", "rebel")
    assert list(replaced.actors["armed"]) == list(more.actors["armed"])  # keeps its place
    fewer = more.without_label("armed", "terrorist")
    assert spans(fewer, "terrorists") == [] and spans(more, "terrorists") != []
    new_actor = lex.with_label("aid", "charity", "aid worker*")
    assert spans(new_actor, "aid workers")[0] == ("aid workers", "charity")
    with pytest.raises(LexiconError, match="no such label"):
        lex.without_label("armed", "nope")
    with pytest.raises(LexiconError, match="'armed'.*'rebel'.*'terrorist\\*'"):
        lex.with_label("armed", "rebel", ["terrorist*"])


# -- validation ------------------------------------------------------------------------


def _one(patterns, **extra):
    return {"name": "bad", "actors": {"armed": {"labels": {"rebel": patterns}, **extra}}}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (_one([""]), r"actor 'armed', label 'rebel', pattern '': empty pattern"),
        (_one(["  "]), r"pattern '  ': empty pattern"),
        (_one(["rebel**"]), r"pattern 'rebel\*\*': '\*\*' is not a valid glob"),
        (_one([3]), r"label 'rebel', pattern 3: patterns must be strings, got int"),
        (_one(["*"]), r"pattern '\*': a pattern needs at least one letter"),
        (_one(["* *"]), r"pattern '\* \*': a pattern needs at least one letter"),
        (_one(["*-*"]), r"pattern '\*-\*': a pattern needs at least one letter or digit"),
        (_one(["-backed"]), r"starts or ends with a hyphen"),
        (_one([]), r"label 'rebel': a label needs at least one pattern"),
        (_one(["(rebel)"]), r"pattern '\(rebel\)': '\(', '\)' are not allowed.*wildcards are '\*'"),
        (_one(["rebel/"]), r"must end with a letter"),
        (_one(["rebel*"], colour="red"), r"actor 'armed': unknown key\(s\) \['colour'\]"),
        ({"name": "bad", "actors": {"armed": {"labels": {"rebel": {"pattern": ["x"]}}}}},
         r"label 'rebel': unknown key\(s\) \['pattern'\]"),
        ({"name": "bad", "actors": {}}, r"'actors' must be a non-empty mapping"),
        ({"actors": {"a": {"labels": {"x": ["y"]}}}}, r"needs a non-empty 'name'"),
        ({"name": "bad", "version": 2, "actors": {"a": {"labels": {"x": ["y"]}}}},
         r"unknown key\(s\) \['version'\]"),
        ({"name": "bad", "actors": {"a": {"labels": {"x": ["rebel*"], "y": ["Rebel*"]}}}},
         r"actor 'a', label 'y', pattern 'Rebel\*': also listed for actor 'a', label 'x'"),
        ({"name": "bad", "actors": {"a": {"labels": {"x": ["rebel*"]}},
                                    "b": {"labels": {"y": ["rebel*"]}}}},
         r"actor 'b', label 'y', pattern 'rebel\*': also listed for actor 'a'"),
        ({"name": "bad", "actors": {"a": {"labels": {"x": ["rebels", "rebels"]}}}},
         r"label 'x', pattern 'rebels': also listed for actor 'a', label 'x'"),
        ({"name": "bad", "actors": {"a": {"labels": {"x": "rebels"}, "names": 5}}},
         r"actor 'a': 'names' must be a list"),
    ],
)
def test_validation_errors_name_the_entry_at_fault(data, message):
    with pytest.raises(LexiconError, match=message):
        Lexicon.from_dict(data)


def test_errors_from_a_file_name_the_file(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("name: broken\nactors:\n  armed:\n    labels:\n      rebel: ['rebel**']\n")
    where = r"broken\.yaml, actor 'armed', label 'rebel', pattern 'rebel\*\*'"
    with pytest.raises(LexiconError, match=where):
        load_lexicon(path)
    bad_yaml = tmp_path / "syntax.yaml"
    bad_yaml.write_text("name: x\nactors: [unclosed\n")
    with pytest.raises(LexiconError, match=r"syntax\.yaml: line \d+: invalid YAML"):
        Lexicon.from_yaml(bad_yaml)
    with pytest.raises(LexiconError, match=r"missing\.yaml: file not found"):
        load_lexicon(tmp_path / "missing.yaml")
    with pytest.raises(LexiconError, match=r"no bundled lexicon 'nonesuch'.*conflict"):
        load_lexicon("nonesuch")


def test_one_resolver_reads_every_form_of_a_lexicon_argument(lex, tmp_path):
    # None is the default, the same for every caller; the corpus plays no part.
    assert DEFAULT_LEXICON == "conflict"
    assert resolve_lexicon() == resolve_lexicon(None) == load_lexicon("conflict")
    assert resolve_lexicon(lex) is lex
    assert resolve_lexicon("marenna") == load_lexicon("marenna")
    assert resolve_lexicon(BASIC) == lex == load_lexicon(BASIC)
    path = tmp_path / "mine.yaml"
    path.write_text(lex.to_yaml(), encoding="utf-8")
    assert resolve_lexicon(path) == lex == resolve_lexicon(str(path))
    with pytest.raises(TypeError, match="a lexicon must be a Lexicon.*got int"):
        resolve_lexicon(3)  # type: ignore[arg-type]
    with pytest.raises(LexiconError, match="no bundled lexicon 'nonesuch'"):
        resolve_lexicon("nonesuch")
    with pytest.raises(LexiconError, match="needs a non-empty 'name'"):
        resolve_lexicon({"actors": {}})


def test_lexicon_error_carries_its_place():
    with pytest.raises(LexiconError) as caught:
        Lexicon.from_dict(_one(["rebel**"]))
    err = caught.value
    assert (err.actor, err.label, err.pattern, err.file) == ("armed", "rebel", "rebel**", None)
    assert err.reason.startswith("'**' is not a valid glob")
    assert str(LexiconError("plain reason")) == "plain reason"


def test_keys_listed_twice_are_errors_not_silently_dropped():
    text = "name: d\nactors:\n  a:\n    labels:\n      rebel: [rebels]\n      rebel: [rebel*]\n"
    with pytest.raises(LexiconError, match=r"line 6.*'rebel' is listed twice"):
        Lexicon.from_yaml(text)
    with pytest.raises(LexiconError, match=r"'rebel' is listed twice"):
        Lexicon.from_json('{"name": "d", "actors": {"a": {"labels": {"rebel": ["x"], "rebel": ["y"]}}}}')


def test_yaml_loading_is_safe():
    with pytest.raises(LexiconError, match="invalid YAML"):
        Lexicon.from_yaml("name: !!python/object/apply:os.system ['echo hi']\nactors: {}\n")


# -- hostile input (issue 20): a clean LexiconError, never a RecursionError ------------


def test_deeply_nested_yaml_and_json_give_a_lexicon_error(tmp_path):
    deep_yaml = "name: x\nactors:\n  a:\n    labels:\n      l: " + "[" * 20_000 + "]" * 20_000
    with pytest.raises(LexiconError, match="nested too deeply"):
        Lexicon.from_yaml(deep_yaml)
    path = tmp_path / "deep.yaml"
    path.write_text(deep_yaml, encoding="utf-8")
    with pytest.raises(LexiconError, match=r"deep\.yaml: nested too deeply"):
        load_lexicon(path)
    with pytest.raises(LexiconError, match="nested too deeply"):
        Lexicon.from_json('{"a": ' * 100_000 + "1" + "}" * 100_000)
    # A nested list given as a pattern is named without printing all of it.
    nested: list = ["x"]
    for _ in range(5_000):
        nested = [nested]
    with pytest.raises(LexiconError, match=r"patterns must be strings, got list") as caught:
        Lexicon.from_dict(_one([nested]))
    assert len(str(caught.value)) < 200


def test_a_pattern_longer_than_the_bound_is_refused_by_name():
    bound = lexicon_module.MAX_PATTERN_LENGTH
    assert Lexicon.from_dict(_one(["a" * bound])).find("x " + "a" * bound + " y")[0].end == bound + 2
    for pattern in ["a" * 1000, "word " * 300]:
        with pytest.raises(LexiconError, match=rf"at most {bound} are allowed") as caught:
            Lexicon.from_dict(_one([pattern]))
        assert caught.value.actor == "armed" and len(str(caught.value)) < 300
    with pytest.raises(LexiconError, match="at most"):
        Lexicon.from_dict({"name": "x", "actors": {"a": {"labels": {"l": ["x"]},
                                                          "names": {"N": ["n" * 1000]}}}})


def test_a_folder_named_like_a_lexicon_file_is_a_lexicon_error(tmp_path):
    folder = tmp_path / "x.yaml"
    folder.mkdir()
    with pytest.raises(LexiconError, match=r"x\.yaml: is a directory"):
        load_lexicon(folder)
    with pytest.raises(LexiconError, match="is a directory"):
        resolve_lexicon(str(folder))
    with pytest.raises(LexiconError, match="is a directory"):
        Lexicon.from_json(tmp_path / "x.yaml")


# -- bundled lexicons ------------------------------------------------------------------


def test_list_lexicons_describes_each_bundled_file():
    table = list_lexicons()
    assert list(table.columns) == ["name", "description", "n_actors", "n_labels", "n_patterns", "file"]
    assert {"conflict", "marenna", "syria"} <= set(table["name"])
    assert DEFAULT_LEXICON in set(table["name"])
    for row in table.itertuples():
        lex = load_lexicon(row.name)
        assert lex.name == row.name and row.file == f"{row.name}.yaml"
        assert row.n_patterns == len(lex.patterns) > 0 and row.description


@pytest.mark.parametrize("name", ["conflict", "marenna", "syria"])
def test_every_bundled_label_has_a_one_line_description(name):
    lex = load_lexicon(name)
    for actor, labels in lex.descriptions.items():
        for label, description in labels.items():
            assert description and "\n" not in description, (actor, label)


def test_marenna_covers_the_generic_labels_and_names_the_sample_groups():
    conflict, marenna = load_lexicon("conflict"), load_lexicon("marenna")
    for actor, labels in conflict.actors.items():
        assert set(labels) <= set(marenna.actors[actor])
    assert set(marenna.names["armed_opposition"]) == {"KLF", "Dawn Brigades", "Free Kessel Army"}
    text = ("The Free Kessel Army and Dawn Brigades fighters, Tarvian-backed armed groups, "
            "the Malic regime and the Marennan army; the revolution, freedom fighters.")
    assert spans(marenna, text) == [
        ("fighters", "fighter"),
        ("Tarvian-backed armed groups", "armed_group"),
        ("Malic regime", "regime"),
        ("Marennan army", "army"),
        ("the revolution", "revolutionary"),
        ("freedom fighters", "revolutionary"),
    ]


def test_syria_names_tell_which_group_a_label_points_at():
    syria = load_lexicon("syria")
    text = "YPG terrorists and HTS jihadists; the Syrian Arab Army and the Free Syrian Army."
    assert [n.name for n in syria.find_names(text)] == ["YPG", "HTS", "Syrian Arab Army", "Free Syrian Army"]
    assert spans(syria, text) == [("terrorists", "terrorist"), ("jihadists", "jihadist")]


def test_lexicons_pickle_for_worker_processes():
    import pickle

    lex = load_lexicon("syria")
    copy = pickle.loads(pickle.dumps(lex))
    assert copy == lex
    text = "the Assad regime and HTS rebels"
    assert copy.find(text) == lex.find(text) and copy.find_names(text) == lex.find_names(text)


@pytest.mark.parametrize(
    ("pattern", "bad"),
    [("criminal[s", "'['"), ("terror{ist,ism}", "'{', '}'"), ("rebel|rebels", "'|'"),
     ("^rebel", "'^'"), ("rebel$", "'$'"), ("rebel+", "'+'"), ("rebel\\w", "'\\\\'"),
     ("(al-)qaeda", "'(', ')'"), ("rebel[s]", "'[', ']'")],
)
def test_regex_and_bracket_characters_are_rejected_not_matched_literally(pattern, bad):
    # Before, "criminal[s" loaded and silently looked for the literal text "criminal[s".
    where = re.escape(f"actor 'armed', label 'rebel', pattern {pattern!r}: ")
    with pytest.raises(LexiconError, match=where) as caught:
        Lexicon.from_dict(_one([pattern]))
    reason = caught.value.reason
    assert reason.startswith(bad), reason
    assert "only wildcards are '*'" in reason and "'?'" in reason  # says what the wildcards are
    # The bundled lexicons and the documented wildcards still load.
    assert Lexicon.from_dict(_one(["organi?ation*", "*-backed group*", "U.S.-backed", "AT&T"]))
