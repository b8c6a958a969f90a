"""Whom each label points at (referent), whether it is about the conflict (scope), and
whether it names the actor or qualifies something else (form).

A label is a word; a finding is about an actor. "ISIL terrorists" and "terrorists in
Idlib" use one label for two actors, "the opposition" in a football report is no actor
at all, and "rebel-held" describes a town, not the rebels. For every label mention,
:func:`decide_referents` gives five columns of the mentions table, each decision with the
rule that made it so that a reader can check it:

``form``
    ``modifier`` for a hyphenated compound carrying a label ("rebel-held",
    "pro-government", "Turkish-backed", "US-led"), ``noun`` for the rest.
``in_scope`` and ``scope_rule``
    whether the mention is about the lexicon's conflict, and why.
``referent`` and ``referent_rule``
    the actor of the lexicon the label points at, or missing (NA) when it points at
    nothing the lexicon compares: a party listed under ``outside:`` ("Hezbollah
    fighters", "the Turkish army", "US-led"), or any mention out of scope.

Comparisons (:mod:`mediakit.compare`) count in-scope nouns by their referent; the
mentions table keeps every match, and :func:`scope_report` says how many mentions the
rules set aside, and why, with examples.

Scope (first rule that applies)
-------------------------------
The lexicon's ``scope:`` section (:class:`mediakit.lexicon.LexiconScope`) holds word
lists in the pattern syntax: ``terms`` (conflict vocabulary), ``places`` (places and
people of the conflict), ``outside_places`` (other wars and countries), ``off_topic``
(words of sport, business, entertainment, technology, parliaments), and the settings
``article_terms``, ``article_off_topic``, ``require_place``, ``outside_ratio``,
``since`` and ``otherwise``. A lexicon
without one keeps every mention in scope ("no scope rules"). Otherwise, for a mention
in sentence *S* of article *A*:

0. A list of other stories' headlines ("Related", "Related News", "Read more", "Read
   also", "See also", "Category News" written with a capital, then a capitalised word;
   the list runs to the end of its sentence, at most sixty words, since headlines
   carry no full stop) is one run-on "sentence" about many stories. For a mention in
   one, *S* below is its headline: the six words on either side, and the rules' text
   says ``headline in a list`` for ``sentence`` ("Related ... Sudanese President
   dissolves government ... peace talks in Syria": the government is Sudan's, out).

1. ``article names no place or group of the conflict``: ``require_place`` is true and
   *A* names none of ``places`` and none of the lexicon's named groups: out.
2. ``sentence names X, outside the conflict``: *S* names an outside place and no place
   of the conflict: out ("IS militants in Mosul"; a named group does not say where).
   A place written after "from" says where someone came from, not where the sentence
   is ("terrorists who arrived from Iraq"): it does not count.
   The list holds nationality adjectives as well ("the Malian army", "Iraqi forces");
   "Iraqi militias fighting for Assad" names a place of the conflict too, and stays in.
2b. ``article names only places outside the conflict (X, Y, Z)``, or ``article names
   places outside the conflict more than n times as often as its places (a to b: X,
   Y, Z)``: *A* names outside places more than ``outside_ratio`` times as often as
   places of the conflict (always when it names none; places after "from" or before
   "border" do not count), so it is a report from somewhere else (its outside places
   are shown, the most frequent first): *S* is out unless it names a place of the
   conflict, even when it names one of the lexicon's groups or holds a conflict term
   ("the army had launched an operation" in a report from Mali; the Islamic State and
   al-Qaeda fight in the Sahel too). ``outside_ratio: 0`` (the default) turns the rule
   off; the ``syria`` lexicon sets 2, so that a Syrian article naming Iraq or Mosul in
   passing stays in (only the sentences naming them alone are out, by rule 2).
2c. ``previous sentence names X, outside the conflict``: *S* names no place or group
   of either kind, and the sentence before it names an outside place and no place or
   group of the conflict: out ("an airstrike hit a building in western Mosul. The
   militants had forced civilians into it"), across a paragraph break too (wire
   copy's paragraphs are a sentence or two long and go on with the same story).
2d. ``sentence dated before the conflict (Y)``: the lexicon sets ``since`` (the year
   the conflict began; the ``syria`` lexicon 2011) and *S* is dated before it ("in
   1982", "until 2000", "February 1982", "the 1980s") and by no year from it on:
   out, an earlier event (the Hama massacre of 1982, the Chechen wars). A year after
   "since" in the fifteen words before it ("in power since 2000", "not seen since ...
   in 1988") reaches the present and does not count; a bare number is no year.
2e. ``previous sentence opens with a date before the conflict (Y)``: *S* names no
   year and no word of the present ("today", "now", a weekday, "this week"), and the
   sentence before it opens with such a date ("In February 1982 the Brotherhood
   ambushed government forces. Government forces razed the old city"): out. A year
   told in passing ("the opera house, inaugurated
   in 2004") does not date the sentence after it.
3. ``sentence names X``: *S* names a place or a named group of the conflict: in.
4. ``conflict term 'w'``: *S* holds a word of ``terms``: in; when *A* is mostly off
   topic (see 5), *S* must hold two (one figure of speech, "defended like soldiers",
   is not a war; "rebels shelled the port, killing two" is).
5. ``article about the conflict (n conflict terms)``: *A* holds at least
   ``article_terms`` occurrences of ``terms``: in.
   Not when *A* is mostly off topic (rule 6 holds and its off-topic words outnumber
   its conflict terms: "siege" and "soldiers" in a match report are not war reporting).
6. ``article about something else (n off-topic words: ...)``: *A* holds at least
   ``article_off_topic`` words of ``off_topic``: out.
7. ``no word either way``: in (``otherwise: in``, the default, so that a headline or
   a two-line text is not dropped for being short). With ``otherwise: out``:
   ``short text (n words), no word either way``, in, when *A* has fewer than
   ``short_text`` words (a headline or a brief holds too few words to say what it is
   about); ``no conflict context``, out, otherwise.

Scope is decided per sentence first because general news mentions a war in passing (a
business story with one sentence on sanctions); the article-wide counts keep the
labels of war reporting whose sentence happens to hold no conflict word ("The rebels
rejected the offer.") and set aside those of a football report or a budget debate,
whose sentences rarely name their subject. Words inside a label never count as
conflict terms: "the opposition" does not vouch for itself, nor "forces" in
"government forces".

Referent (first rule that applies)
----------------------------------
A mention out of scope gets none (``out of scope``). Otherwise, with *G* the lexicon's
named groups (``names:``, each of one actor), *M* the actors' ``markers:`` (words such as
"Kurdish" or "Assad" that mark a label only when written against it) and *O* the
``outside:`` parties:

0. ``keyword list: label's own actor``: a noun in the ten words after "Tags" or
   "Keywords" (the keyword list a news page closes or opens with, "Tags Syria Aleppo
   Islamic State rebels") is one keyword among others: no name next to it qualifies
   it, and it points at its own actor. (A figure may come before "Tags": "... Rises
   to 70 Tags terrorist attack".)
1. ``outside party in compound (P)``, ``named group in compound (G)``: a compound whose
   first part is a party ("US-led", "Iranian-backed": none) or a group ("YPG-led").
   ``'anti-w coalition': the coalition against them``: a generic label's ``anti-``
   compound before "coalition" or "alliance" names the coalition that fights the
   label's actor ("the international anti-jihadist coalition"), none of the actors.
   A generic compound whose first part is a label of another family ("rebel-led",
   "extremist-led") is that label's: ``label in compound (rebel)`` when it is not
   generic, the rules below with its ``refers_to`` when it is. (A backer the lexicon
   knows the client of is a label of its own: in the ``syria`` lexicon "US-backed" is
   the Kurdish-led forces', and "US-backed rebels" the rebels' by rule 8.)
2. ``named group before label (G)``, ``marker before label (M)``, ``outside party
   before label (P)``: a name written right before the label, possessive allowed, on the
   same line ("YPG terrorists", "the YPG's fighters", "Kurdish militants", "Hezbollah
   fighters": none, "the Turkish army": none).
3. ``... after label``: the same written right after it as "of", "from", "led by",
   "affiliated to/with", "belonging to", "linked to", "allied to/with" (+ "the")
   ("fighters of the YPG", "terrorists affiliated to Jabhat al-Nusra"), or a named
   group right after it, as an apposition ("the extremist Islamic State group"); after
   a singular generic noun, a marker or outside party too ("Lebanon's Shiite militia
   Hezbollah": none, "the terrorist Assad"; a plural followed by a name is more often
   a list that lost its commas, "rebels Kurdish officials"). An
   apposition naming another actor's group does not decide a label that is not
   generic: "the Syrian regime Islamic State militants" is a list that lost its
   commas, not the regime called Islamic State.
4. ``loyal to X``: the label is, or is followed by, "loyal to", and the first name,
   marker, party or label in the next six words is X ("fighters loyal to President
   Bashar al-Assad", "forces loyal to the government"); ``loyal to (no one named)``
   gives the loyalist label's own actor.
   Rules 2b to 2e, for generic labels only, read a construction around the label:

   * ``marker coordinated before label (M)``, ``coordinated with 'w'``: two
     coordinated qualifiers, the second an adjective of its own (capitalised, or
     "allied"), give the first one's actor ("an alliance of Kurdish and Arab
     fighters", "regime and allied fighters"; not "rebel and regime fighters", two
     sides); after "and allied" the first may be plural ("regime forces and allied
     fighters");
   * ``... before 'alliance of' (M)``: "a Kurdish-Arab alliance of fighters" (the
     qualifier may be a compound whose first part is a name, marker or party);
   * ``and other 'w'``: "Islamist fighters and other rebels" are rebels (a noun label
     that is not generic);
   * ``named group before relative clause (G)``: "the YPG, which Ankara considers a
     terrorist group".

5. ``qualified by 'w'``: a generic label right after another label or compound takes
   its referent ("regime fighters", "pro-government fighters", "Iranian-backed
   militias"); after an ``anti-`` compound, the actor it opposes is set aside and
   the rules below go on ("anti-government fighters"). A plural noun does not
   qualify the label after it (rules 5 and 7): English qualifies a noun with a
   singular one, and "rebels regime forces" or "rebels jihadists" are lists whose
   commas were lost.
6. Generic labels (``generic: true`` in the lexicon: "terrorists", "militants",
   "fighters"), looking for named groups of the actors the label ``refers_to``
   (a ``refers_to`` may also list parties of ``outside:``, whose names then count as
   groups that give no referent: in the ``syria`` lexicon "fighters" and "militia"
   list Hezbollah and the Iraqi and other militias, so that "Hezbollah has dispatched
   fighters" and "a drone hit a Hezbollah position, killing eight fighters" leave the
   fighters without one, ``sentence names Hezbollah only``; "terrorists" and
   "militants" do not, since Hezbollah's own "terrorists" are more often its enemies)
   (names attached to a label of another family do not count: in "YPG fighters
   fought militants" the militants are not the YPG, while in "ISIS terrorists ...
   12 terrorists" they are the Islamic State's). A group named as a compound's first
   part ("Daesh-held villages", "al-Nusra-led factions") is named in its sentence:

   a. ``sentence names X only``: the named groups written before the label in its
      sentence (a group named after it is more often the one it fights: "terrorists
      attacked the YPG"); when they are of several actors, ``sentence names several,
      first in refers_to: X``: the first of them in the label's
      ``refers_to`` list, which the lexicon orders by how outlets use the word
      (in the ``syria`` lexicon "militants" next to both the Islamic State and the
      SDF are the Islamic State's);
   b. ``previous sentences name X only`` / ``... name several, first in refers_to``:
      the two sentences before, because a report names a group once and goes on
      with "the militants" (two, not more: news paragraphs are short, and a wider
      window reaches the other side of the story);
   c. ``as the previous generic label``: the referent of the last generic label that
      got one by rules a or b, at most three sentences back (a report keeps calling
      the same group "the extremists", then "the militants"; a label with a name of
      its own, "YPG fighters", is not taken as the antecedent of the next bare one);
   d. ``'the w': group named last before (X)``: a definite plural ("the jihadists",
      "the militants", "the hardline Sunni fighters": at most three words, none a
      function word, between "the" and the label) goes back to the group named last before it, at most five
      sentences back, even one named against another label ("Islamic State
      militants and rebels clashed ... as the jihadists tried to cut the road");
      not a bare plural ("Jihadists later shelled the road") nor a singular
      modifier ("the terrorist attacks");
   e. ``article says X claimed the attack``: a group named before "claimed
      responsibility", "claimed the attack", "said its fighters carried out" or
      "is believed to be behind" in its sentence, when the article names no group
      of another actor, is whom its unnamed attackers are ("The terrorists came in
      a truck. ... Daesh claimed responsibility for the attack");
   f. ``no group named nearby: label's own actor``. The article as a whole is not
      used otherwise: on the development set, a generic label far from every name
      in an article that names only the Islamic State was more often the
      opposition (state media name the Islamic State once and call every armed
      group "terrorists"), so the label's own actor is the better guess.
   g. In a list of headlines (scope rule 0), a headline is about another story: only
      the groups named in it before the label count (``headline in a list names X
      only``), else ``headline in a list names no group: label's own actor``; rules a
      to f are not used there.
7. ``label's own actor``: labels that are not generic ("rebels", "the regime",
   "Kurdish forces") point at the actor that owns them, unless written right after a
   label of another actor that has its own (``qualified by 'w'``: "opposition
   government", "the opposition's provisional government" stay the opposition's).
   A state has one government, one regime and one army, so three constructions
   leave these words without a referent (in every lexicon):

   a. ``civil administration ('local government')``: "government" after "local",
      "municipal", "city", "county", "town", "district", "provincial", "regional"
      or "state" is an administration, not a party to a war;
   b. ``several states ('Western governments')``: the plural "governments",
      "regimes" or "armies" after a word other than "the" and other than a place,
      group or marker of the conflict ("many western governments", "your armies")
      names several states; "the governments troops" and "the Syrian regimes
      helicopter" are possessives whose apostrophe was lost and stay the state's;
   c. ``'the army' as before: outside party ...``: "the army", "the government"
      (after "the") when the last label of its actor, at most two sentences back,
      was the same word given to an outside party ("the Russian army said ... the
      army said"); a label of the actor in between ("the regime said the army") keeps
      it the actor's.

8. Finally a compound written right before a label or name takes that phrase's
   referent (``qualifies 'w'``): "anti-government rebels" are the opposition,
   "US-backed SDF" the Kurdish forces, while "anti-government protests" keep the
   actor named inside ("the government").

Known limits: the rules see names and adjacency, not syntax.
Lists without commas other than "Tags" lines and headline lists under a heading (a
run of title-case headlines, "... walk into Turkey Syrian regime attacks kill 16",
still reads "Turkey Syrian regime" as one phrase) and names that are misspelt or
glued ("YPGPYD") defeat them. A generic label whose
sentence names only the group it is fighting ("militants attacked SDF positions")
gets that group; "extremists from both IS and the Nusra Front" gets one of the two.
Check decisions with the ``referent_rule`` column and :func:`scope_report`, and
measure them against hand coding (:mod:`mediakit.coding`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from ._validation import check_table
from .lexicon import Hit, Lexicon, LexiconEntry
from .text import count_words, one_line

__all__ = [
    "REFERENT_COLUMNS",
    "SCOPE_REPORT_COLUMNS",
    "counted_mentions",
    "decide_referents",
    "scope_report",
]

#: The columns :func:`decide_referents` adds to the mentions table.
REFERENT_COLUMNS: tuple[str, ...] = ("form", "referent", "referent_rule", "in_scope", "scope_rule")

_HYPHENS = "-\u2010\u2011"
_COMPOUND_RE = re.compile(rf"[^\s]*[{_HYPHENS}][^\s]*")
# The hyphen of a compound with a lower-case second part ("Daesh-held", "al-Nusra-led").
_HYPHEN_LOWER_RE = re.compile(f"[{_HYPHENS}](?=[a-z])")
# A name written right before a label: optional possessive, spaces, at most one line break.
_GAP_BEFORE_RE = re.compile(r"(?:['\u2019]s)?[^\S\n]*\n?[^\S\n]*")
_GAP_AFTER_RE = re.compile(
    r"\s+(?:of|from|led\s+by|affiliated\s+(?:to|with)|belonging\s+to|linked\s+to|allied\s+(?:to|with))"
    r"\s+(?:the\s+)?(?:so-called\s+)?",
    re.IGNORECASE,
)
_SPACE_AFTER_RE = re.compile(r"[^\S\n]+")
_LOYAL_RE = re.compile(r"\s+(?:forces\s+)?loyal\s+to\b", re.IGNORECASE)
_LOYAL_WINDOW = 60  # characters after "loyal to": about six words
_PREVIOUS_SENTENCES = 2
_DEFINITE_SENTENCES = 5
# "Kurdish and Arab fighters": " and Arab " between a qualifier and the label.
_COORDINATED_RE = re.compile(r"[^\S\n]+(?:and|or)[^\S\n]+([\w\u2019'-]+)[^\S\n]+$", re.IGNORECASE)
# "a Kurdish-Arab alliance of fighters": the alliance's qualifier names the fighters.
_ALLIANCE_OF_RE = re.compile(r"(\S+)[^\S\n]+(?:alliance|coalition)[^\S\n]+of[^\S\n]+$", re.IGNORECASE)
# "which Turkey considers a", "that Ankara regards as a": a relative clause calling a group a label.
_RELATIVE_RE = re.compile(
    r"\b(?:which|whom|who|that)\s+(?:[\w.-]+\s+){1,3}?(?:consider|considers|considered|regard|regards|"
    r"regarded|designate|designates|designated|brand|brands|branded|label|labels|labelled|labeled|deem|"
    r"deems|deemed|call|calls|called|list|lists|listed|view|views|viewed)\s+(?:it\s+|them\s+)?(?:as\s+)?"
    r"(?:an?\s+|the\s+)?$",
    re.IGNORECASE,
)
# "the anti-jihadist coalition": the coalition fighting the label's actor (rule 1c).
_COALITION_AFTER_RE = re.compile(r"[^\S\n]+(?:coalition|alliance)\b", re.IGNORECASE)
_AND_OTHER_RE = re.compile(r"[^\S\n]+and[^\S\n]+other[^\S\n]+", re.IGNORECASE)
# A group claiming an attack: "claimed responsibility", "claimed the attack", "said its
# fighters carried out", "is believed to be behind".
_CLAIM_RE = re.compile(
    r"\bclaim(?:ed|s|ing)?\s+(?:responsibility|credit)\b"
    r"|\bclaim(?:ed|s)\s+(?:\S+\s+){1,3}?(?:attack|attacks|bombing|bombings|blast|blasts|assault|explosion)\b"
    r"|\b(?:its|their)\s+(?:fighters|militants|members|men)\s+(?:had\s+)?carried\s+out\b"
    r"|\b(?:believed|thought|suspected|said)\s+to\s+(?:be|have\s+been)\s+behind\b",
    re.IGNORECASE,
)


def _may_claim(text: str) -> bool:
    """False only when :data:`_CLAIM_RE` surely finds nothing in ``text``: each of its
    branches holds "claim", "carried" or "behind", which ``re.IGNORECASE`` matches
    only as those letters in either case or, for "i", as "\u0130" or "\u0131"
    (``tests/test_shortcuts.py`` checks that against every character). A substring
    test on the lower-cased text is far cheaper than the regex's scan of every
    position."""
    low = text.lower()
    return ("claim" in low or "carried" in low or "behind" in low
            or "\u0130" in text or "\u0131" in text)


# "the jihadists": a definite plural label, written right after "the".
# "the hardline Sunni fighters": up to three qualifying words between (none a function word).
_DEFINITE_RE = re.compile(
    r"\bthe\s+(?:(?!(?:and|or|of|in|on|at|to|from|by|with|for|the|a|an)\s)[\w-]+\s+){0,3}$", re.IGNORECASE)
_CARRY_SENTENCES = 3
# Rules 7a to 7c: the words a state has one of (a government, a regime, an army).
_STATE_PLURALS = frozenset({"governments", "regimes", "armies"})
_CIVIL_WORDS = frozenset({"government", "governments"})
_STATE_WORDS = _STATE_PLURALS | {"government", "regime", "army"}
# "local government": a civil administration, not a party to a war.
_CIVIL_QUALIFIERS = frozenset({"local", "municipal", "city", "county", "town", "district", "provincial",
                               "regional", "state"})
# "arrived from Iraq", "the province bordering Iraq", "the border with Iraq": where
# someone came from or where a border runs, not where the sentence is (scope rule 2).
_FROM_BEFORE_RE = re.compile(r"\b(?:from|bordering|borders|border\s+with|borders\s+with)\s+(?:the\s+)?$",
                             re.IGNORECASE)
_FROM_WINDOW = 22  # characters before the place: "borders with the " and a line break
# "the Iraqi border", "near the Turkish-Syrian border": an outside place before "border".
_BORDER_AFTER_RE = re.compile(r"(?:-\w+)?\s+borders?\b", re.IGNORECASE)
# Scope rules 2d and 2e: a year written as a date ("in 1982", "until 2000", "February
# 1982", "the 1980s"); a year after "since" (within about fifteen words: "not seen since
# ... at Halabja in 1988", "in power since 2000") reaches the present and does not count.
_YEAR = r"(1[89]\d\d|20\d\d)(?![\d,.]\d)"
_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
          r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)")
_DATED_RE = re.compile(
    r"\b(?i:in|during|until|till)\s+(?i:the\s+)?(?:(?i:late|early|mid)[\s-]+)?" + _YEAR
    + r"|\b" + _MONTH + r"\.?\s+(?:\d{1,2}(?:st|nd|rd|th)?,?\s+)?(?:of\s+)?" + _YEAR
    + r"|\b(1[89]\d0)s\b")
_ANY_YEAR_RE = re.compile(r"(?<!\d)(20\d\d)(?!\d)")
_SINCE_RE = re.compile(r"\bsince\b", re.IGNORECASE)
_WORD_RE = re.compile(r"[^\W\d_]+")
_SINCE_WINDOW = 100  # characters before a year: about fifteen words
# Words of the present: a sentence holding one is today's news, whatever the one before.
_PRESENT_RE = re.compile(
    r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|tonight|yesterday|now|currently"
    r"|(?:this|last)\s+(?:week|month|year))\b", re.IGNORECASE)
# A keyword list closing (or opening) an article: "Tags Syria Aleppo Russia rebels".
# Its words are separate keywords, so no name in it qualifies a label; the list is
# taken as the ten words after the heading (the article's text goes on without a
# full stop in copies that lost the page's layout).
_KEYWORDS_RE = re.compile(r"(?<![^\W\d,;] )(?<![,;] )(?<!\w)(?:Tags|TAGS|Keywords|KEYWORDS)(?:[^\S\n]*:)?(?=\s)")
_KEYWORD_WORDS = 10
# A list of other stories' headlines ("Related Syrian Army Retakes ...", "Read also
# ...", "Category News ..."): a capitalised heading followed by a capitalised word; the
# list runs to the end of its sentence, at most _LIST_WORDS words (a list of headlines
# holds no full stop), and each label in it is read with the _HEADLINE_WORDS words on
# either side, its headline, instead of its sentence.
_LIST_RE = re.compile(
    r"\b(?:Related(?:[^\S\n]+(?:News|Articles|Stories|Coverage|Content|Posts|Links))?|READ[^\S\n]+MORE"
    r"|Read[^\S\n]+(?:more|also|More|Also)|Also[^\S\n]+read|See[^\S\n]+also|Category[^\S\n]+News)"
    r"(?:[^\S\n]*:)?(?=\s+[A-Z0-9\"'\u201c\u2018])")
_LIST_WORDS = 60
_HEADLINE_WORDS = 6
_LIST_END_RE = re.compile(r"[.!?][\"'\u201d\u2019]?\s")
_WORDS_BEFORE_RE = re.compile(rf"(?:\S+\s+){{1,{_HEADLINE_WORDS}}}$")
_HEADLINE_AFTER_RE = re.compile(rf"(?:\s+\S+){{1,{_HEADLINE_WORDS}}}")


def _may_list(text: str) -> bool:
    """False only when :data:`_LIST_RE` surely finds nothing in ``text`` (each of its
    branches holds one of these words, written as the regex writes it)."""
    return ("Related" in text or "Read" in text or "READ" in text or "Also" in text
            or "See" in text or "Category" in text)


def _headline_lists(text: str) -> list[tuple[int, int]]:
    """The (start, end) of the lists of headlines in ``text`` (see :data:`_LIST_RE`)."""
    lists = []
    for found in _LIST_RE.finditer(text):
        words = re.match(rf"(?:\s+\S+){{1,{_LIST_WORDS}}}", text[found.end():])
        end = found.end() + (words.end() if words else 0)
        stop = _LIST_END_RE.search(text, found.end(), end)
        lists.append((found.end(), stop.start() + 1 if stop else end))
    return lists


def _headline_window(text: str, start: int, end: int) -> tuple[int, int]:
    """The _HEADLINE_WORDS words on either side of ``text[start:end]``."""
    before = _WORDS_BEFORE_RE.search(text, max(start - 25 * _HEADLINE_WORDS, 0), start)
    after = _HEADLINE_AFTER_RE.match(text, end)
    return (before.start() if before else start), (after.end() if after else end)
_WORDS_AFTER_RE = re.compile(rf"(?:\s+\S+){{1,{_KEYWORD_WORDS}}}")


@dataclass
class _Mention:
    start: int
    end: int
    entry: LexiconEntry
    sentence: int
    modifier: bool
    referent: str | None = None
    rule: str = ""
    from_name: bool = False  # the referent came from a name written against the label
    from_context: bool = False  # ... from the names around it (rules 6a, 6b, 6d; for 6c)


_Other = tuple[int, int, LexiconEntry, int]  # a name, marker or outside party: start, end, entry, sentence


@dataclass
class _Article:
    """What the referent rules read of one article: its text, its labels, and the
    names, markers and outside parties around them, indexed by offset and sentence."""

    text: str
    lexicon: Lexicon
    labels: list[_Mention]
    others: list[_Other]
    sentence_of: Callable[[int], int]
    by_end: dict[int, tuple[int, LexiconEntry]] = field(init=False)
    by_start: dict[int, tuple[int, LexiconEntry]] = field(init=False)
    label_by_end: dict[int, _Mention] = field(init=False)
    label_by_start: dict[int, _Mention] = field(init=False)
    label_starts: list[int] = field(init=False)  # of ``labels``, in text order
    # sentence -> (start, actor, name) of the named groups in it
    names_by_sentence: dict[int, list[tuple[int, str, str]]] = field(init=False)
    # name start -> the label family it is attached to
    attached_names: dict[int, tuple[str, str]] = field(init=False)
    # (start, end) of the keyword lists ("Tags ..."), found when first asked for
    keyword_lists: list[tuple[int, int]] | None = None
    # (start, end) of the lists of headlines ("Related ...")
    headline_lists: list[tuple[int, int]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.by_end = {e: (s, entry) for s, e, entry, _k in self.others}
        self.by_start = {s: (e, entry) for s, e, entry, _k in self.others}
        self.label_by_end = {m.end: m for m in self.labels}
        self.label_by_start = {m.start: m for m in self.labels}
        self.label_starts = [m.start for m in self.labels]
        self.names_by_sentence = {}
        # Rule 6: outside parties a generic label's refers_to lists ("Hezbollah" for
        # "fighters") count as its named groups, their "actor" the party's name.
        parties = {r for labels in self.lexicon.generic.values() for refers in labels.values()
                   for r in refers} - set(self.lexicon.generic)
        for s, _e, entry, k in self.others:
            if entry.kind == "name" or (entry.kind == "outside" and entry.label in parties):
                actor = entry.actor if entry.kind == "name" else entry.label
                self.names_by_sentence.setdefault(k, []).append((s, actor, entry.label))
        self.attached_names = self._attached_names()
        self._compound_names()
        self.claimant = self._claimant()

    def _compound_names(self) -> None:
        """Rule 6: a named group written as a compound's first part names its group in
        the sentence ("Daesh-held villages", "IS-controlled towns", "al-Nusra-led
        factions"): the scan does not see it, since the hyphen after it goes on. Read
        once per article, from each hyphen before a lower-case word whose first part
        holds a capital; a name inside a label's compound ("YPG-led") is attached to
        that label."""
        text = self.text
        cache: dict[str, LexiconEntry | None] = {}
        label_starts = self.label_starts
        for hyphen in _HYPHEN_LOWER_RE.finditer(text):
            end = hyphen.start()
            start = max(text.rfind(" ", 0, end), text.rfind("\n", 0, end)) + 1
            part = text[start:end].lstrip("(\"'\u201c\u2018[")
            start = end - len(part)
            if part.islower() or not part:  # a name has a capital ("Daesh", "al-Nusra")
                continue
            if part not in cache:
                cache[part] = _whole_part(part, self.lexicon)
            entry = cache[part]
            if entry is None or entry.kind != "name":
                continue
            k = self.sentence_of(start)
            self.names_by_sentence.setdefault(k, []).append((start, entry.actor, entry.label))
            self.names_by_sentence[k].sort()
            i = bisect_right(label_starts, start) - 1
            if i >= 0 and self.labels[i].end > start:
                label = self.labels[i]
                self.attached_names[start] = (label.entry.actor, label.entry.label)

    def _claimant(self) -> str | None:
        """Rule 6e: the one actor whose group, named before the claim in its sentence,
        is said to have claimed an attack ("IS claimed responsibility for the attack",
        "Daesh said three of its fighters carried out the attack", "the Islamic State
        group is believed to be behind the bombing"); only when the article names no
        group of another actor (a report on several sides does not make every unnamed
        label the claimant's)."""
        actors: set[str] = set()
        if not self.names_by_sentence or not _may_claim(self.text):
            return None  # no group named, or no claim: no claimant (the same answer)
        for claim in _CLAIM_RE.finditer(self.text):
            k = self.sentence_of(claim.start())
            actors.update(actor for s, actor, _name in self.names_by_sentence.get(k, ())
                          if s < claim.start() and actor in self.lexicon.generic)
        if len(actors) != 1:
            return None
        named = {actor for names in self.names_by_sentence.values() for _s, actor, _n in names
                 if actor in self.lexicon.generic}
        return next(iter(actors)) if named == actors else None

    def _attached_names(self) -> dict[int, tuple[str, str]]:
        """Names written against a label belong to it; they are not the "other" groups
        of their sentence (rule 6)."""
        attached: dict[int, tuple[str, str]] = {}
        for m in self.labels:
            family = (m.entry.actor, m.entry.label)
            before = _before(self.text, m.start, self.by_end)
            if before is not None and before[1].kind in ("name", "outside"):
                attached[before[0]] = family
            after = _after(self.text, m.end, self.by_start)
            if after is not None and after[1].kind in ("name", "outside"):
                attached[after[0]] = family
        return attached

    def in_keyword_list(self, position: int) -> bool:
        """Rule 0: whether ``position`` lies in a keyword list ("Tags Syria Aleppo
        Russia rebels ..."): the ``_KEYWORD_WORDS`` words after "Tags" or "Keywords"."""
        if self.keyword_lists is None:
            self.keyword_lists = []
            if "Tags" in self.text or "TAGS" in self.text or "Keywords" in self.text \
                    or "KEYWORDS" in self.text:
                for found in _KEYWORDS_RE.finditer(self.text):
                    words = _WORDS_AFTER_RE.match(self.text, found.end())
                    self.keyword_lists.append((found.end(), words.end() if words else found.end()))
        return bool(self.keyword_lists) and any(start <= position < end for start, end in self.keyword_lists)

    def headline_of(self, m: _Mention) -> tuple[int, int] | None:
        """Rules 0b and scope rule 0: the (start, end) of the headline ``m`` is in, when
        it is in a list of other stories' headlines (:data:`_LIST_RE`)."""
        if self.headline_lists and any(s <= m.start < e for s, e in self.headline_lists):
            return _headline_window(self.text, m.start, m.end)
        return None

    def label_before(self, m: _Mention) -> _Mention | None:
        """The label written right before ``m`` (see :func:`_end_before`), if any."""
        end = _end_before(self.text, m.start, self.label_by_end)
        return None if end is None else self.label_by_end[end]


def decide_referents(
    text: str,
    sentences: Sequence[tuple[int, int]],
    hits: Sequence[Hit],
    lexicon: Lexicon,
    *,
    scope_hits: Sequence[Hit] | None = None,
) -> dict[str, list[Any]]:
    """Form, scope and referent of every label of one article (see the module doc).

    Parameters
    ----------
    text : str
        The article.
    sentences : sequence of (start, end)
        Its sentence spans (:func:`mediakit.split_sentences`).
    hits : sequence of (start, end, LexiconEntry)
        ``lexicon.scan(text)``: labels, names, markers and outside parties.
    lexicon : Lexicon
        The lexicon scanned with.
    scope_hits : sequence of (start, end, LexiconEntry), optional
        ``lexicon.scan_scope(text)`` when the caller has it; computed here otherwise
        (only when the article has a label and the lexicon scope rules).

    Returns
    -------
    dict of str to list
        One list per column of :data:`REFERENT_COLUMNS`, one value per label hit in
        the order of ``hits``: ``form`` (str), ``referent`` (str or None),
        ``referent_rule`` (str), ``in_scope`` (bool), ``scope_rule`` (str).
    """
    starts = [s for s, _ in sentences]

    def sentence_of(position: int) -> int:
        return max(bisect_right(starts, position) - 1, 0)

    labels, others = _split_hits(text, hits, sentence_of)
    columns: dict[str, list[Any]] = {name: [] for name in REFERENT_COLUMNS}
    if not labels:
        return columns
    lists = _headline_lists(text) if _may_list(text) else []
    scope = _Scope(text, sentence_of, others, lexicon, scope_hits,
                   [(m.start, m.end, m.entry) for m in labels], keep_evidence=bool(lists), starts=starts)
    article = _Article(text, lexicon, labels, others, sentence_of, headline_lists=lists)
    in_scope, scope_rules = _decide_all(article, scope)
    _qualify_compounds(article, in_scope)
    for m in labels:
        columns["form"].append("modifier" if m.modifier else "noun")
        columns["referent"].append(m.referent)
        columns["referent_rule"].append(m.rule)
    columns["in_scope"] = in_scope
    columns["scope_rule"] = scope_rules
    return columns


def _split_hits(text: str, hits: Sequence[Hit], sentence_of: Any) -> tuple[list[_Mention], list[_Other]]:
    """The label hits as mentions, and the other hits (names, markers, outside parties)."""
    labels: list[_Mention] = []
    others: list[_Other] = []
    for s, e, entry in hits:
        k = sentence_of(s)
        if entry.kind == "label":
            labels.append(_Mention(s, e, entry, k, _COMPOUND_RE.fullmatch(text, s, e) is not None))
        else:
            others.append((s, e, entry, k))
    return labels, others


def _decide_all(article: _Article, scope: _Scope) -> tuple[list[bool], list[str]]:
    """Scope of every label, then the referent (rules 1 to 7) of those in scope, in
    text order so that rule 6c can carry the last generic label's referent."""
    in_scope: list[bool] = []
    scope_rules: list[str] = []
    last_named: tuple[str, int] | None = None  # rule 6c: (referent, sentence)
    for m in article.labels:
        headline = article.headline_of(m)
        inside, why = scope.decide(m) if headline is None else scope.decide(m, window=headline)
        in_scope.append(inside)
        scope_rules.append(why)
        if not inside:
            m.rule = "out of scope"
            continue
        refers_to = article.lexicon.generic.get(m.entry.actor, {}).get(m.entry.label)
        _resolve(m, article, refers_to, last_named)
        if refers_to is not None and m.from_context:
            last_named = (m.referent, m.sentence) if m.referent is not None else None
    return in_scope, scope_rules


def _qualify_compounds(article: _Article, in_scope: list[bool]) -> None:
    """Rule 8: a compound right before a label or a name takes that phrase's referent."""
    text = article.text
    for m, inside in zip(article.labels, in_scope, strict=True):
        if not inside or not m.modifier:
            continue
        gap = re.match(r"[^\S\n]+", text[m.end : m.end + 3])
        if gap is None:
            continue
        nxt = m.end + gap.end()
        noun = article.label_by_start.get(nxt)
        if noun is not None and not noun.modifier:
            if noun.rule != "out of scope":
                m.referent, m.rule = noun.referent, f"qualifies '{one_line(text[noun.start:noun.end])}'"
        elif nxt in article.by_start and article.by_start[nxt][1].kind == "name":
            entry = article.by_start[nxt][1]
            m.referent = entry.actor
            m.rule = f"qualifies '{one_line(text[nxt:article.by_start[nxt][0]])}'"


def _end_before(text: str, start: int, ends: Any) -> int | None:
    """The end offset in ``ends`` of what is written right before ``start``: only
    spaces, at most one line break and a possessive between (see rule 2)."""
    for end in range(start - 1, max(start - 8, 0) - 1, -1):
        if end in ends and _GAP_BEFORE_RE.fullmatch(text, end, start) is not None:
            return end
        if not (text[end - 1].isspace() or text[end - 1] in "'\u2019s") if end else True:
            return None
    return None


def _before(text: str, start: int, by_end: dict[int, tuple[int, LexiconEntry]]) -> tuple[int, LexiconEntry] | None:
    """The (start, entry) of the name, marker or party written right before ``start``."""
    end = _end_before(text, start, by_end)
    return None if end is None else by_end[end]


def _after(text: str, end: int, by_start: dict[int, tuple[int, LexiconEntry]], *,
           label: str | None = None) -> tuple[int, LexiconEntry] | None:
    """The name, marker or party written after ``end`` as "of/from ... <name>" (rule 3);
    ``label``: a generic noun label's text; when singular, a marker or party right
    after it stands in apposition to ("the Shiite militia Hezbollah")."""
    link = _GAP_AFTER_RE.match(text, end)
    if link is not None and link.end() in by_start:
        return link.end(), by_start[link.end()][1]
    # An apposition: a named group right after the label, on its line ("the extremist
    # Islamic State group", "militant group Hayat Tahrir al-Sham"); names only, since
    # a marker or party after a label usually starts the next phrase, except after a
    # singular generic noun ("the Shiite militia Hezbollah", "the terrorist Assad"): a
    # list whose commas were lost is of plurals ("rebels Kurdish officials").
    space = _SPACE_AFTER_RE.match(text, end)
    if space is not None and space.end() in by_start \
            and (by_start[space.end()][1].kind == "name" or (label is not None and not _is_plural(label))):
        return space.end(), by_start[space.end()][1]
    return None


def _compound_part(compound: str, lexicon: Lexicon) -> LexiconEntry | None:
    """The name, marker or party that is the whole first part of a compound ("US" of
    "US-led", "YPG" of "YPG-led"), if any: the part is scanned on its own, since in the
    compound the hyphen after it keeps it from matching."""
    first = re.split(f"[{_HYPHENS}]", compound)[0]
    return _whole_part(first, lexicon) if first else None


def _whole_part(part: str, lexicon: Lexicon) -> LexiconEntry | None:
    """The name, marker or party that ``part`` (of a compound) is as a whole, if any;
    an abbreviation is looked up as written, then without its dots ("U.S" of
    "U.S-backed" is the "US" of the lexicon)."""
    for spelling in dict.fromkeys((part, part.replace(".", ""))):
        found = lexicon.scan(spelling)
        if len(found) == 1 and found[0][0] == 0 and found[0][1] == len(spelling) \
                and found[0][2].kind != "label":
            return found[0][2]
    return None


def _name_rule(entry: LexiconEntry, where: str) -> tuple[str | None, str]:
    if entry.kind == "name":
        return entry.actor, f"named group {where} ({entry.label})"
    if entry.kind == "marker":
        return entry.actor, f"marker {where} ({entry.label})"
    return None, f"outside party {where} ({entry.label})"


def _resolve(
    m: _Mention,
    article: _Article,
    refers_to: tuple[str, ...] | None,
    last_named: tuple[str, int] | None,
) -> None:
    """Set ``m.referent`` and ``m.rule`` by rules 0 to 7 of the module docstring."""
    if not m.modifier and article.in_keyword_list(m.start):  # 0.
        m.referent, m.rule = m.entry.actor, "keyword list: label's own actor"
        return
    if _by_written_name(m, article, refers_to):  # 1, 2, 3.
        return
    loyal = _loyal_to(m, article.text, article.by_start, article.labels)  # 4.
    if loyal is not None:
        m.referent, m.rule = loyal
        return
    if refers_to is None:  # 7. Not generic.
        _not_generic(m, article)
        return
    own = m.entry.actor
    if m.modifier and article.text[m.start : m.start + 4].lower() == "anti" \
            and _COALITION_AFTER_RE.match(article.text, m.end):  # 1c.
        word = one_line(article.text[m.start : m.end])
        m.referent, m.rule = None, f"'{word} coalition': the coalition against them"
        return
    if m.modifier:  # 1b. "rebel-led", "extremist-led": the first part's label decides.
        part = _compound_label(m, article)
        if part is not None:
            part_refers = article.lexicon.generic.get(part.actor, {}).get(part.label)
            if part_refers is None:
                m.referent, m.rule = part.actor, f"label in compound ({part.label})"
                return
            refers_to, own = part_refers, part.actor
    construction = _by_construction(m, article)  # 2b to 2e.
    if construction is not None:
        m.referent, m.rule = construction
        return
    opposed = _qualified_generic(m, article)  # 5.
    if opposed is None:
        return
    candidates = [a for a in refers_to if a not in opposed]
    _by_context(m, article, candidates, last_named, own)  # 6.


def _by_written_name(m: _Mention, article: _Article, refers_to: tuple[str, ...] | None) -> bool:
    """Rules 1 to 3: a name, marker or outside party written in or against the label;
    whether one decided ``m``."""
    text = article.text
    found: tuple[LexiconEntry, str] | None = None
    after_start = -1
    if m.modifier and refers_to is not None:  # 1. A compound's first part.
        part = _compound_part(text[m.start : m.end], article.lexicon)
        if part is not None:
            found = part, "in compound"
    if found is None:  # 2. Right before the label.
        before = _before(text, m.start, article.by_end)
        if before is not None:
            found = before[1], "before label"
    if found is None:  # 3. Right after it.
        generic_noun = text[m.start : m.end] if refers_to is not None and not m.modifier else None
        after = _after(text, m.end, article.by_start, label=generic_noun)
        if after is not None:
            found = after[1], "after label"
            after_start = after[0]
    if found is None:
        return False
    entry, where = found
    if where == "after label" and refers_to is None and entry.kind == "name" \
            and entry.actor != m.entry.actor and _SPACE_AFTER_RE.fullmatch(article.text, m.end, after_start):
        # An apposition is the same group: "the Syrian regime Islamic State militants"
        # is a list whose commas were lost, not the regime called Islamic State.
        return False
    m.referent, m.rule = _name_rule(entry, where)
    m.from_name = entry.kind == "name"
    return True


def _not_generic(m: _Mention, article: _Article) -> None:
    """Rule 7: the label's own actor, unless qualified by a label of another actor."""
    own = m.entry.actor
    previous = _qualifier_before(m, article)
    if (previous is not None and not previous.modifier and previous.referent is not None
            and previous.rule == "label's own actor" and previous.entry.actor != own):
        # "opposition government", "regime army": the first word says whose.
        m.referent = previous.referent
        m.rule = f"qualified by '{one_line(article.text[previous.start:previous.end])}'"
        return
    state = _state_word(m, article)  # 7a to 7c.
    if state is not None:
        m.referent, m.rule = None, state
        return
    m.referent, m.rule = own, "label's own actor"


def _state_word(m: _Mention, article: _Article) -> str | None:
    """Rules 7a to 7c: the rule when a state's word ("government", "regime", "army")
    points at no party of the lexicon, None otherwise."""
    text = article.text
    word = text[m.start : m.end].rsplit(None, 1)[-1].lower()
    if word not in _STATE_WORDS:
        return None
    # The word written right before, on its line (as _WORD_BEFORE_RE would find it).
    k = m.start
    while k > 0 and text[k - 1] in " \t":
        k -= 1
    j = k
    while j > 0 and k - j < 30 and (text[j - 1].isalnum() or text[j - 1] in "_'\u2019.-"):
        j -= 1
    previous = text[j:k] if k < m.start else ""
    if word in _CIVIL_WORDS and previous.lower() in _CIVIL_QUALIFIERS:  # 7a.
        return f"civil administration ('{previous} {word}')"
    if word in _STATE_PLURALS and previous and previous.lower() != "the" \
            and (previous.islower() or not _is_conflict_place(previous, article.lexicon)):  # 7b.
        return f"several states ('{previous} {word}')"
    # 7c. "the army" after "the Russian army": the same outside party's.
    if previous.lower() == "the" or text[m.start : m.start + 4].lower() == "the ":
        family = (m.entry.actor, m.entry.label)
        i = bisect_right(article.label_starts, m.start) - 1
        while i > 0:
            i -= 1
            earlier = article.labels[i]
            if earlier.sentence < m.sentence - _PREVIOUS_SENTENCES:
                break
            if earlier.entry.actor == m.entry.actor and not earlier.modifier:
                # The last word of the actor before it: an outside party's "army" is
                # taken up by "the army"; "the regime said the army ..." is the state's.
                if (earlier.entry.actor, earlier.entry.label) == family and earlier.referent is None \
                        and earlier.rule.startswith("outside party"):
                    return f"'the {word}' as before: {earlier.rule}"
                break
    return None


def _is_conflict_place(word: str, lexicon: Lexicon) -> bool:
    """Whether ``word`` is a place, group or marker of the lexicon's conflict
    ("Syrian", "Assads" and "al-Assads", possessives whose apostrophe was lost)."""
    for spelling in dict.fromkeys((word, re.sub(r"(?:['\u2019]s|s)$", "", word))):
        if any(entry.label == "places" for _s, _e, entry in lexicon.scan_scope(spelling)) \
                or any(entry.kind in ("name", "marker") for _s, _e, entry in lexicon.scan(spelling)):
            return True
    return False


def _compound_label(m: _Mention, article: _Article) -> LexiconEntry | None:
    """The label of another family that is the whole first part of a compound ("rebel"
    of "rebel-led", "extremist" of "extremist-led"), if any."""
    first = re.split(f"[{_HYPHENS}]", article.text[m.start : m.end])[0]
    if not first:
        return None
    found = article.lexicon.scan(first)
    if len(found) == 1 and found[0][0] == 0 and found[0][1] == len(first) and found[0][2].kind == "label":
        part = found[0][2]
        if (part.actor, part.label) != (m.entry.actor, m.entry.label):
            return part
    return None


def _by_construction(m: _Mention, article: _Article) -> tuple[str | None, str] | None:
    """Rules 2b to 2e: (referent, rule) from a construction around a generic label."""
    for rule in (_coordinated, _alliance_of, _and_other, _relative_clause, _of_label):
        found = rule(m, article)
        if found is not None:
            return found
    return None


def _coordinated(m: _Mention, article: _Article) -> tuple[str | None, str] | None:
    """Rule 2b: a generic label after two coordinated qualifiers takes the first one's
    referent: a marker ("Kurdish and Arab fighters") or a singular label ("regime and
    allied fighters")."""
    text = article.text
    link = _COORDINATED_RE.search(text, max(m.start - 40, 0), m.start)
    # The second qualifier is an adjective of its own ("Arab", "allied"), not a label
    # or name ("rebel and regime fighters" are two sides).
    if link is not None and (link.group(1)[:1].isupper() or link.group(1).lower() == "allied") \
            and link.start(1) not in article.by_start and link.start(1) not in article.label_by_start:
        end = link.start()
        if end in article.by_end and article.by_end[end][1].kind == "marker":
            return _name_rule(article.by_end[end][1], "coordinated before label")
        previous = article.label_by_end.get(end)
        if previous is not None and previous.rule != "out of scope" and not previous.modifier:
            word = article.text[previous.start : previous.end]
            # "regime forces and allied fighters": allied with the forces named first.
            if not _is_plural(word) or link.group(1).lower() == "allied":
                return previous.referent, f"coordinated with '{one_line(word)}'"
    return None


def _alliance_of(m: _Mention, article: _Article) -> tuple[str | None, str] | None:
    """Rule 2c: "a Kurdish-Arab alliance of fighters": the name, marker or party that
    qualifies the alliance (also as a compound's first part) names its fighters."""
    alliance = _ALLIANCE_OF_RE.search(article.text, max(m.start - 60, 0), m.start)
    if alliance is None:
        return None
    if alliance.end(1) in article.by_end:
        entry: LexiconEntry | None = article.by_end[alliance.end(1)][1]
    else:
        entry = _compound_part(alliance.group(1), article.lexicon)
    return None if entry is None else _name_rule(entry, "before 'alliance of'")


def _specific_noun_label(article: _Article, start: int) -> _Mention | None:
    """The label starting at ``start`` if it is a noun and not generic (rules 2d, 2f)."""
    label = article.label_by_start.get(start)
    if label is None or label.modifier or label.entry.label in article.lexicon.generic.get(label.entry.actor, {}):
        return None
    return label


def _and_other(m: _Mention, article: _Article) -> tuple[str | None, str] | None:
    """Rule 2d: "Islamist fighters and other rebels": followed by "and other" and a
    noun label that is not generic, the label is one of them (that label's actor)."""
    other = _AND_OTHER_RE.match(article.text, m.end)
    if other is None:
        return None
    nxt = _specific_noun_label(article, other.end())
    if nxt is None:
        return None
    return nxt.entry.actor, f"and other '{one_line(article.text[nxt.start:nxt.end])}'"


def _of_label(m: _Mention, article: _Article) -> tuple[str | None, str] | None:
    """Rule 2f: "fighters from rebel groups", "militants of the opposition": a generic
    label followed by "of" or "from" (rule 3's links) and a noun label that is not
    generic is one of them (that label's actor)."""
    link = _GAP_AFTER_RE.match(article.text, m.end)
    if link is None:
        return None
    nxt = _specific_noun_label(article, link.end())
    if nxt is None:
        return None
    return nxt.entry.actor, f"label after '{link.group().strip()}' ('{one_line(article.text[nxt.start:nxt.end])}')"


def _relative_clause(m: _Mention, article: _Article) -> tuple[str | None, str] | None:
    """Rule 2e: "the YPG, which Ankara considers a terrorist group": a generic label
    that a relative clause applies to the group named right before it."""
    clause = _RELATIVE_RE.search(article.text, max(m.start - 80, 0), m.start)
    if clause is None:
        return None
    gap = re.search(r"[\s,]*$", article.text[max(clause.start() - 3, 0) : clause.start()])
    end = clause.start() - (len(gap.group()) if gap else 0)
    if end in article.by_end:
        return _name_rule(article.by_end[end][1], "before relative clause")
    return None


def _qualifier_before(m: _Mention, article: _Article) -> _Mention | None:
    """The label written right before ``m`` that can qualify it (rules 5 and 7): not a
    plural noun, since English qualifies a noun with a singular one ("rebel
    fighters", "regime forces") and "rebels regime forces" is a list that lost its
    commas."""
    previous = article.label_before(m)
    if previous is None:
        return None
    if _is_plural(article.text[previous.start : previous.end]):
        return None
    return previous


def _is_plural(label: str) -> bool:
    """Whether a label's last word is an English plural ("rebels", "militiamen")."""
    word = label.split()[-1].lower()
    return (word.endswith("s") and not word.endswith("ss")) or word.endswith("men")


def _qualified_generic(m: _Mention, article: _Article) -> set[str] | None:
    """Rule 5: a generic label right after another label takes its referent (None is
    returned: decided); after an ``anti-`` compound, the actors it opposes are returned
    to be set aside."""
    opposed: set[str] = set()
    previous = _qualifier_before(m, article)
    if previous is not None and previous.rule != "out of scope":
        word = one_line(article.text[previous.start : previous.end])
        if word.lower().startswith("anti"):
            if previous.referent is not None:
                opposed.add(previous.referent)
        else:
            m.referent, m.rule = previous.referent, f"qualified by '{word}'"
            return None
    return opposed


def _by_context(
    m: _Mention, article: _Article, candidates: list[str], last_named: tuple[str, int] | None, own: str
) -> None:
    """Rules 6a to 6f: a generic label's referent from the groups named around it."""
    # A name attached to another label of the same family ("ISIS terrorists ... 12
    # terrorists") still counts; one attached to another family ("YPG fighters
    # fought militants") names the other side.
    family = (m.entry.actor, m.entry.label)
    attached = {s for s, fam in article.attached_names.items() if fam != family}
    headline = article.headline_of(m)
    if headline is not None:  # 6g. A headline of another story: its own words only.
        named: list[tuple[int, str, str]] = []
        for k in (m.sentence - 1, m.sentence):
            named.extend(n for n in article.names_by_sentence.get(k, ()) if headline[0] <= n[0] < m.start)
        found = _named(named, candidates, attached)
        if found is not None:
            m.referent, m.rule = _actor(found[0], article), found[1].replace("{where}", "headline in a list")
        else:
            m.referent = own if own in candidates else None
            m.rule = "headline in a list names no group: label's own actor"
        return
    # 6a. Names in the sentence, before the label.
    in_sentence = article.names_by_sentence.get(m.sentence, ())
    found = _named([n for n in in_sentence if n[0] < m.start], candidates, attached)
    if found is not None:
        m.referent, m.from_context = _actor(found[0], article), True
        m.rule = found[1].replace("{where}", "sentence")
        return
    # 6b. The two sentences before.
    earlier: list[tuple[int, str, str]] = []
    for k in range(m.sentence - _PREVIOUS_SENTENCES, m.sentence):
        earlier.extend(article.names_by_sentence.get(k, ()))
    found = _named(earlier, candidates, attached)
    if found is not None:
        m.referent, m.from_context = _actor(found[0], article), True
        m.rule = found[1].replace("{where} names", "previous sentences name")
        return
    # 6c. As the previous generic label.
    if (last_named is not None and last_named[0] in candidates
            and m.sentence - last_named[1] <= _CARRY_SENTENCES):
        m.referent, m.rule = last_named[0], "as the previous generic label"
        return
    # 6d. "The jihadists": the group named last before it.
    antecedent = _definite_antecedent(m, article, candidates)
    if antecedent is not None:
        m.referent, m.from_context = _actor(antecedent, article), True
        word = one_line(article.text[m.start : m.end])
        m.rule = f"'the {word}': group named last before ({antecedent})"
        return
    # 6e. The group that claimed the attack.
    if article.claimant is not None and article.claimant in candidates:
        m.referent = article.claimant
        m.rule = f"article says {article.claimant} claimed the attack"
        return
    # 6f.
    m.referent = own if own in candidates else None
    m.rule = "no group named nearby: label's own actor" if m.referent else "no group named nearby"


def _actor(found: str, article: _Article) -> str | None:
    """The referent for an actor or outside party found by rule 6: an outside party
    (listed in the label's ``refers_to``, "Hezbollah" for "fighters") gives none."""
    return found if found in article.lexicon.generic else None


def _definite_antecedent(m: _Mention, article: _Article, candidates: list[str]) -> str | None:
    """Rule 6d: for a definite plural noun ("the jihadists", "the militants"), the actor
    of the group named last before it, counting names attached to other labels
    ("Islamic State militants ... the jihadists"), at most five sentences back."""
    if m.modifier or not _is_plural(article.text[m.start : m.end]) \
            or _DEFINITE_RE.search(article.text, max(m.start - 50, 0), m.start) is None:
        return None
    for k in range(m.sentence, max(m.sentence - _DEFINITE_SENTENCES, -1), -1):
        named = [(s, a) for s, a, _n in article.names_by_sentence.get(k, ()) if s < m.start and a in candidates]
        if named:
            return max(named)[1]
    return None


def _named(
    names: Sequence[tuple[int, str, str]],
    candidates: list[str],
    attached: set[int],
) -> tuple[str, str] | None:
    """(actor, rule) from the named groups of a stretch of text (rules 6a and 6b):
    the one actor named, or, when several are, the first of them in ``candidates``
    (the label's ``refers_to`` order)."""
    named = {actor: name for s, actor, name in names if actor in candidates and s not in attached}
    if not named:
        return None
    if len(named) == 1:
        ((actor, _name),) = named.items()
        return actor, f"{{where}} names {actor} only"
    actor = next(a for a in candidates if a in named)
    others = ", ".join(sorted(a for a in named if a != actor))
    return actor, f"{{where}} names several, first in refers_to: {actor} (also {others})"


def _loyal_to(
    m: _Mention, text: str, by_start: dict[int, tuple[int, LexiconEntry]], labels: list[_Mention]
) -> tuple[str | None, str] | None:
    """Rule 4: (referent, rule) when the label is or precedes "loyal to"."""
    own_loyal = re.search(r"loyal\s+to", text[m.start : m.end], re.IGNORECASE) is not None
    if own_loyal:
        after = m.end
    else:
        link = _LOYAL_RE.match(text, m.end)
        if link is None:
            return None
        after = link.end()
    window_end = min(after + _LOYAL_WINDOW, len(text))
    best: tuple[int, str | None, str] | None = None
    for s, (e, entry) in by_start.items():
        if after <= s < window_end and (best is None or s < best[0]):
            actor, _ = _name_rule(entry, "")
            best = (s, actor, one_line(text[s:e]))
    for other in labels:
        if after <= other.start < window_end and (best is None or other.start < best[0]) \
                and other is not m and not re.search(r"loyal\s+to", text[other.start:other.end], re.I):
            best = (other.start, other.entry.actor, one_line(text[other.start:other.end]))
    if best is None:
        if own_loyal:
            return m.entry.actor, "loyal to (no one named)"
        return None
    return best[1], f"loyal to {best[2]}"


class _Scope:
    """The scope rules of one article (see "Scope" in the module docstring)."""

    def __init__(self, text: str, sentence_of: Any, others: list[tuple[int, int, LexiconEntry, int]],
                 lexicon: Lexicon, scope_hits: Sequence[Hit] | None,
                 label_spans: list[tuple[int, int, LexiconEntry]], *, keep_evidence: bool = False,
                 starts: Sequence[int] = ()) -> None:
        self.rules = lexicon.scope
        self.empty = self.rules.is_empty
        self.text = text
        self.starts = starts
        self.n_words: int | None = None  # counted only when rule 7 needs it
        if self.empty:
            return
        if scope_hits is None:
            scope_hits = lexicon.scan_scope(text)
        self.by_sentence: dict[int, dict[str, list[str]]] = {}
        self.n_terms = 0
        self.off_topic: list[str] = []
        self.any_place = False
        self.n_places = 0  # occurrences of ``places`` (not named groups)
        self.outside_found: list[str] = []  # occurrences of ``outside_places``
        # Each piece of evidence with its offset, kept for the headlines of a list
        # (scope rule 0) when the text holds one.
        self.evidence: list[tuple[int, str, str]] | None = [] if keep_evidence else None
        # A word of a label is never scope evidence ("forces" of "government forces").
        label_starts = [s for s, _e, _en in label_spans]
        for s, e, entry in scope_hits:
            kind = entry.label
            k = bisect_right(label_starts, s) - 1
            if kind == "terms" and ((k >= 0 and label_spans[k][1] > s) or (
                    k + 1 < len(label_spans) and label_spans[k + 1][0] < e)):
                continue
            # "fighters who arrived from Iraq": where they came from, not where the
            # sentence is.
            if kind == "outside_places" and (_FROM_BEFORE_RE.search(text, max(s - _FROM_WINDOW, 0), s)
                                             or _BORDER_AFTER_RE.match(text, e)):
                continue
            found = self.by_sentence.setdefault(sentence_of(s), {})
            word = one_line(text[s:e])
            found.setdefault(kind, []).append(word)
            if self.evidence is not None:
                self.evidence.append((s, kind, word))
            if kind == "terms":
                self.n_terms += 1
            elif kind == "off_topic":
                self.off_topic.append(one_line(text[s:e]))
            elif kind == "places":
                self.any_place = True
                self.n_places += 1
            elif kind == "outside_places":
                self.outside_found.append(word)
        for _s, _e, entry, k in others:
            if entry.kind == "name":
                self.any_place = True
                self.by_sentence.setdefault(k, {}).setdefault("groups", []).append(entry.label)
                if self.evidence is not None:
                    self.evidence.append((_s, "groups", entry.label))
        # Scope rules 2d and 2e: the years each sentence is dated by, and the year a
        # sentence opens with ("In February 1982 ...", "- On 3 May 1980 ...").
        self.dated: dict[int, list[int]] = {}
        self.opens_with: dict[int, int] = {}
        if self.rules.since and any(c.isdigit() for c in text):
            for found_year in _DATED_RE.finditer(text):
                year_at = found_year.start()
                k = sentence_of(year_at)
                since = _SINCE_RE.search(text, max(year_at - _SINCE_WINDOW, 0), year_at)
                if since is not None and sentence_of(since.start()) == k:
                    continue
                year = int(next(g for g in found_year.groups() if g))
                self.dated.setdefault(k, []).append(year)
                if k < len(starts) and k not in self.opens_with \
                        and len(_WORD_RE.findall(text, starts[k], year_at)) <= 1:
                    self.opens_with[k] = year
            for found_year in _ANY_YEAR_RE.finditer(text):
                if int(found_year.group(1)) >= self.rules.since:
                    self.dated.setdefault(sentence_of(found_year.start()), []).append(int(found_year.group(1)))
        # Scope rule 2b: an article about somewhere else.
        self.elsewhere: str | None = None
        ratio = self.rules.outside_ratio
        n_out = len(self.outside_found)
        if ratio and n_out > ratio * self.n_places:
            counts: dict[str, int] = {}
            for word in self.outside_found:  # spellings as first written, by frequency
                counts[word] = counts.get(word, 0) + 1
            shown = ", ".join(sorted(counts, key=lambda w: -counts[w])[:3])
            self.elsewhere = (f"article names only places outside the conflict ({shown})" if not self.n_places
                              else f"article names places outside the conflict more than {ratio} times "
                                   f"as often as its places ({n_out} to {self.n_places}: {shown})")

    def decide(self, m: _Mention, *, window: tuple[int, int] | None = None) -> tuple[bool, str]:
        """Scope rules 1 to 7 for ``m``; with ``window``, the (start, end) of its
        headline in a list of headlines, read instead of its sentence (rule 0)."""
        if self.empty:
            return True, "no scope rules"
        rules = self.rules
        if rules.require_place and not self.any_place:
            return False, "article names no place or group of the conflict"
        where = "sentence"
        if window is not None and self.evidence is not None:
            where = "headline in a list"
            found: dict[str, list[str]] = {}
            for s, kind, word in sorted(self.evidence):
                if window[0] <= s < window[1]:
                    found.setdefault(kind, []).append(word)
        else:
            found = self.by_sentence.get(m.sentence, {})
        ours = found.get("places", []) + found.get("groups", [])
        # A named group does not say where (the Islamic State fought in Iraq too).
        if found.get("outside_places") and not found.get("places"):
            return False, f"{where} names {found['outside_places'][0]}, outside the conflict"
        # The Islamic State and al-Qaeda fight elsewhere too, and "the army launched an
        # operation" in a report from Mali is Mali's army.
        if self.elsewhere is not None and not found.get("places"):
            return False, self.elsewhere
        if self.dated and window is None:
            dated = self._dated_before(m)
            if dated is not None:
                return False, dated
        if ours:
            return True, f"{where} names {ours[0]}"
        # "... an airstrike hit a building in western Mosul. The militants forced civilians
        # into it": a sentence naming no place goes on about the place of the one before.
        if window is None and not found.get("outside_places"):
            before = self.by_sentence.get(m.sentence - 1, {})
            if before.get("outside_places") and not before.get("places") and not before.get("groups"):
                return False, f"previous sentence names {before['outside_places'][0]}, outside the conflict"
        n_off = len(self.off_topic)
        # An article with more off-topic words than conflict terms is about something
        # else even when it holds a few: "siege" and "soldiers" in a match report or a
        # film review do not make it war reporting.
        mostly_off_topic = bool(rules.article_off_topic) and n_off >= rules.article_off_topic \
            and n_off > self.n_terms
        terms = found.get("terms", [])
        if len(terms) >= 2 or (terms and not mostly_off_topic):
            return True, f"conflict term '{terms[0]}'"
        if self.n_terms >= rules.article_terms and self.n_terms and not mostly_off_topic:
            return True, f"article about the conflict ({self.n_terms} conflict terms)"
        if rules.article_off_topic and n_off >= rules.article_off_topic:
            shown = ", ".join(dict.fromkeys(w.lower() for w in self.off_topic[:5]))
            return False, f"article about something else ({n_off} off-topic words: {shown})"
        if rules.otherwise == "in":
            return True, "no word either way"
        if rules.short_text:
            if self.n_words is None:
                self.n_words = count_words(self.text)
            if self.n_words < rules.short_text:
                return True, f"short text ({self.n_words} words), no word either way"
        return False, "no conflict context"


    def _dated_before(self, m: _Mention) -> str | None:
        """Scope rules 2d and 2e: why ``m`` is about an event before the conflict, or
        None."""
        since = self.rules.since
        years = self.dated.get(m.sentence)
        if years:
            if max(years) < since:
                return f"sentence dated before the conflict ({years[0]})"
            return None
        before = self.dated.get(m.sentence - 1)
        opening = self.opens_with.get(m.sentence - 1)
        if opening is None or not before or max(before) >= since:
            return None
        start = self.starts[m.sentence] if m.sentence < len(self.starts) else m.start
        end = self.starts[m.sentence + 1] if m.sentence + 1 < len(self.starts) else len(self.text)
        if _PRESENT_RE.search(self.text, start, end):
            return None
        return f"previous sentence opens with a date before the conflict ({opening})"


# ----------------------------------------------------------------------------------
# Selecting what comparisons count, and reporting what was set aside


def counted_mentions(
    mentions: pd.DataFrame,
    *,
    scope: bool = True,
    forms: str | Sequence[str] | None = "noun",
) -> pd.DataFrame:
    """The mentions comparisons count: in scope, of the given forms (see the README).

    Parameters
    ----------
    mentions : DataFrame
        The mentions table.
    scope : bool, default True
        Keep only rows with ``in_scope`` true (when the table has the column).
    forms : str, sequence of str or None, default "noun"
        Keep only rows whose ``form`` is one of these (when the table has the column);
        None or ``"all"`` keeps every form.

    Returns
    -------
    DataFrame
        The rows kept (the input is not modified).
    """
    kept = mentions
    if scope and "in_scope" in kept.columns:
        kept = kept.loc[kept["in_scope"].fillna(False).astype(bool)]
    if forms is not None and forms != "all" and "form" in kept.columns:
        wanted = [forms] if isinstance(forms, str) else list(forms)
        kept = kept.loc[kept["form"].isin(wanted)]
    return kept


#: Columns of :func:`scope_report`.
SCOPE_REPORT_COLUMNS: tuple[str, ...] = (
    "step", "rule", "n", "share", "n_docs", "example", "example_doc_id",
)


def scope_report(mentions: pd.DataFrame, *, actor: str | None = None, examples: int = 1) -> pd.DataFrame:
    """What the scope, referent and form rules set aside, rule by rule, with examples.

    Every mention the comparisons leave out is counted once, under the first step
    that leaves it out:

    * ``out of scope``: ``in_scope`` false (grouped by ``scope_rule``);
    * ``no referent``: in scope, no referent (grouped by ``referent_rule``: an outside
      party, or no group named);
    * ``other referent``: with ``actor`` given, in scope with another actor as
      referent although the label is ``actor``'s (grouped by ``referent_rule``: e.g.
      the Islamic State's "terrorists" when comparing the armed opposition);
    * ``modifier``: in scope, with a referent, but a compound modifier (comparisons
      count nouns by default).

    A last row per step-less group, ``counted``, gives the mentions kept.

    Parameters
    ----------
    mentions : DataFrame
        The mentions table (with the columns of :data:`REFERENT_COLUMNS` and
        ``sentence``, the examples' text: for the mentions of :func:`mediakit.analyze`,
        which point at their sentence, pass
        :meth:`mediakit.Analysis.mentions_with_sentences`).
    actor : str, optional
        The actor compared: only mentions whose label belongs to it (``actor``
        column) or whose referent is it are reported.
    examples : int, default 1
        Example sentences per rule (joined with " | ").

    Returns
    -------
    DataFrame
        ``step``, ``rule`` (str); ``n`` (int64); ``share`` (float64, of the mentions
        reported); ``n_docs`` (int64); ``example`` (str, the sentence with the match
        in ``[[...]]``), ``example_doc_id`` (str). Sorted by step, then ``n``
        descending.
    """
    check_table(mentions, ("doc_id", "actor", "match", "start", "end", "sentence",
                           "sentence_start", *REFERENT_COLUMNS),
                caller="scope_report", table_name="mentions")
    if isinstance(examples, bool) or not isinstance(examples, int) or examples < 0:
        raise ValueError(f"examples must be a whole number >= 0, got {examples!r}")
    rows = mentions
    if actor is not None:
        rows = rows.loc[(rows["actor"] == actor) | (rows["referent"] == actor)]
    in_scope = rows["in_scope"].fillna(False).astype(bool)
    has_referent = rows["referent"].notna()
    steps = pd.Series("counted", index=rows.index, dtype="str")
    rule = pd.Series("", index=rows.index, dtype="str")
    steps[~in_scope] = "out of scope"
    rule[~in_scope] = rows.loc[~in_scope, "scope_rule"]
    none = in_scope & ~has_referent
    steps[none] = "no referent"
    rule[none] = rows.loc[none, "referent_rule"]
    if actor is not None:
        other = in_scope & has_referent & (rows["referent"] != actor)
        steps[other] = "other referent"
        rule[other] = rows.loc[other, "referent"] + ": " + rows.loc[other, "referent_rule"]
    modifier = (steps == "counted") & (rows["form"] == "modifier")
    steps[modifier] = "modifier"
    rule[modifier] = "compound modifier (counted with forms='all')"
    rule[steps == "counted"] = "in scope, noun, referent " + (actor or "any actor")
    # A generic rule text varies by the name in parentheses; group on the rule without it.
    key = rule.str.replace(r" \([^)]*\)$", "", regex=True)
    cols: dict[str, list[Any]] = {name: [] for name in SCOPE_REPORT_COLUMNS}
    total = len(rows)
    order = ["out of scope", "no referent", "other referent", "modifier", "counted"]
    for step in order:
        in_step = steps == step
        if not in_step.any():
            continue
        groups = rows.loc[in_step].groupby(key[in_step], sort=False)
        found = sorted(((len(g), name, g) for name, g in groups), key=lambda t: (-t[0], t[1]))
        for n, name, group in found:
            picked = group.drop_duplicates("doc_id").head(examples) if examples else group.iloc[:0]
            cols["step"].append(step)
            cols["rule"].append(str(name))
            cols["n"].append(n)
            cols["share"].append(n / total if total else float("nan"))
            cols["n_docs"].append(group["doc_id"].nunique())
            cols["example"].append(" | ".join(_example(r) for r in picked.itertuples()))
            cols["example_doc_id"].append(" | ".join(map(str, picked["doc_id"])))
    return pd.DataFrame(cols, columns=list(SCOPE_REPORT_COLUMNS)).astype({
        "step": "str", "rule": "str", "n": "int64", "share": "float64", "n_docs": "int64",
        "example": "str", "example_doc_id": "str"})


def _example(row: Any) -> str:
    sentence = str(row.sentence)
    s = int(row.start) - int(row.sentence_start)
    e = int(row.end) - int(row.sentence_start)
    return one_line(sentence[:s] + "[[" + sentence[s:e] + "]]" + sentence[e:])
