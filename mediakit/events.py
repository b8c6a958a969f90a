"""Who does what to whom: violent events, their grammar, their agents and patients (issue 21).

:func:`find_events` finds every violent or coercive **event trigger** ("killed",
"airstrike", "died", "death toll", "wounded") in the headline and the sentences of each
article, and says how the text builds it: does it name who did it, hide the doer in
a passive, tell a death with no cause, or turn the event into a noun? Compare

* "Israeli strike kills 20 in Gaza"            -- ``active``, agent "Israeli strike";
* "20 killed in Gaza strike"                   -- ``passive_agentless`` (a headline's
  reduced passive, no auxiliary);
* "Turkish troops were attacked by Syrian forces" -- ``passive_agent``;
* "20 Palestinians die in Gaza"                -- ``intransitive``;
* "the death toll rises to 20"                 -- ``nominal``;
* "wounded civilians"                          -- ``adjectival``.

No parser model is used (none can be downloaded here, and a model would hide its
decisions): transparent rules over word tokens, the forms of the event lexicon, a few
closed lists of function words, and the actors of a label lexicon. Every row says
which rule decided its construction (``rule``). The rules are listed below with
examples; each is pinned by a test in ``tests/test_events.py``.

The event lexicon
-----------------
A YAML file (or dict) of event types, each with the five forms of its verbs (base, 3rd
person singular, past, past participle, -ing), the same five forms of verbs used
without an object (``intransitive``: "die", "lost their lives"), ``nouns`` ("massacre",
"death toll") and ``adjectives`` ("dead"), plus ``not_events``, phrases that are never
triggers ("hunger strike", "fighting terrorism"). The bundled ``violence`` lexicon
(``mediakit/lexicons/events/violence.yaml``) is a starting point; see
:func:`load_event_lexicon` for the format and its checks.

Finding triggers
----------------
* A trigger is a form of the lexicon, matched case-insensitively on whole tokens
  ("kill" not in "skill", "attack" not in "counter-attack"); the words of a
  multi-word form ("death toll", "shot dead", "lost their lives") may be separated by
  any whitespace. Overlaps are resolved leftmost-longest, as in label lexicons:
  "death toll" is one trigger, not "death" plus "toll"; "hunger strike" (a
  ``not_events`` phrase) hides its "strike".
* A trigger inside a label or named group of the label lexicon is part of a name,
  not an event ("Al-Aqsa Martyrs' Brigades").
* The headline (the corpus's ``title`` column, when present) is analysed like a
  sentence of its own: ``part`` is ``"title"``, ``sentence_id`` is ``-1`` and every
  offset of the row (``start``, ``end``, ``agent_start``, ...) indexes the title
  string. Body rows have ``part`` ``"body"``, the ``sentence_id`` of
  :func:`mediakit.text.sentences` and offsets into the article text. In both,
  ``source[start:end] == trigger``.

Tokens and word classes
-----------------------
Sentences come from :func:`mediakit.text.split_sentences` and word tokens are those of
:func:`mediakit.text.tokenize` ("U.S.-backed", "2,212" and "weren't" are one token;
"Syria's" is "Syria"), read in a window of 100 characters before and 170 after each
trigger, within its sentence. Between two tokens, any character other than
whitespace, quotation marks and a possessive ``'s`` (a comma, colon, semicolon, dash,
bracket, full stop) is a **break**: no noun phrase and no rule reaches across it.
Closed lists (in this module) name determiners, numbers and quantity words ("at
least", "dozens of"), prepositions, the auxiliaries be, get, have, do and the modals
(also joined to a pronoun: "they're", "we've"), negation, conjunctions, subordinators,
relative and personal pronouns, time words ("Monday", "yesterday", "Jul"; a
capitalised "Dawn" is a name, a capitalised "Monday" is not), and common verbs of news
copy (reporting, motion, frequent irregular pasts: "said", "told", "drew", "lay"). A
lower-case word ending in "-ly" is an adverb. Everything else is a **content word**.
A lower-case content word ending in "-ed" or "-ing" is taken for a verb where a noun
phrase would otherwise run on ("Hamas fired rockets": the phrase stops before
"fired"), except where it opens a phrase or follows a determiner, number or hyphenated
modifier ("the armed groups", "after armed groups attacked", "the building"; a short
list of -ing nouns such as "morning" is never a verb). Capitalised words are names,
never verbs, and a word of two or more capitals is an acronym, never a function word
("IS", "US"), except in an all-capitals headline, where letter case says nothing and
the lower-case rules apply.

Noun phrases (agents and patients)
----------------------------------
* **After a word** (objects, "by"- and "of"-phrases): optional quantity words ("at
  least", "more than", "nearly") before a number, determiners, numbers, then up to six
  content words; then an "of"-phrase ("dozens of civilians", "members of Hamas"), and a
  second phrase joined by "and"/"or" when it opens with a determiner or number ("11
  children and five women"). A pronoun alone is a phrase ("killed them").
  Time words end it ("48 people earlier this week" gives "48 people").
* **Before a word** (subjects): the content words, numbers and "of"-phrases right
  before it, back to and including a determiner, at most eight tokens ("the
  Turkish-backed armed groups", "at least 33 Turkish soldiers", "members of Hamas"),
  with at most one phrase after "in", "on", "against", "from", "near", "at", "inside",
  "outside" or "across" ("Rebels in northern Marenna", "airstrikes on Idlib"); a time
  word or a date ends it (a month, a number after a month or after a day after a
  month, a one-token date: "Sun 10 Jul 2016 29 rebels" gives "29 rebels", "15-09-2013
  Militants" gives "Militants"). Auxiliaries, negation and adverbs between subject and verb are skipped
  ("Israeli forces have reportedly killed"); a relative pronoun points back to the
  phrase before it ("soldiers, who were killed"); an apposition between commas right
  before the verb is stepped over ("Thirty-seven people, among them eleven children,
  were killed").
* **Actors**: ``agent_actor`` / ``patient_actor`` is the actor of the label lexicon
  whose label or named group lies inside the span: the last one before any "of"- or
  other prepositional phrase (the head), where a named group written right before a label decides ("YPG
  terrorists" is the YPG's actor, as ``referent`` in :func:`mediakit.find_mentions`);
  else the first one after it ("members of Hamas"); else empty (NA).
  Missing spans are NA too (``agent``, ``agent_start``, ``agent_end``).

Constructions and the rules that decide them (``rule``)
-------------------------------------------------------
Verbs. The **auxiliary** of a verb is the nearest word before it, skipping adverbs
and negation ("were not immediately killed"): a form of be or get, of have, a modal
or do, or "to".

* ``passive_be_by`` -> ``passive_agent``: a past participle after be/get, with a
  "by"-phrase later in its clause ("Turkish troops were attacked in Idlib province by
  Syrian forces"). Patient: the subject; agent: the "by"-phrase.
* ``passive_be`` -> ``passive_agentless``: the same without a "by"-phrase ("14
  terrorists were killed", "has been shelled").
* ``reduced_passive_by`` -> ``passive_agent``: a past participle with no auxiliary
  and no object, followed by a "by"-phrase ("civilians killed by regime forces").
* ``reduced_passive`` -> ``passive_agentless``: the same without a "by"-phrase: the
  headline passive ("20 killed in Gaza strike", "Four civilians killed") and the
  reduced relative ("Those killed were mostly residents"); also a headline's list of
  such passives with its commas left out, where the only "object" is a number
  followed by another participle of the lexicon ("Three killed 70 injured", "2
  Civilians Killed 9 Injured"; "killed 3 and wounded 5" keeps its objects).
* ``perfect`` -> ``active``: a past participle after have ("Israeli forces have killed
  two men").
* ``active_past`` -> ``active``: a past form followed by an object ("Troops killed 20
  civilians", "shelled the southern districts").
* ``pronoun_subject`` -> ``active``: a past form with no object after a personal or
  relative pronoun ("they attacked at dawn", "gunmen who attacked on Monday").
* ``present`` -> ``active``: a base or -s form after a word that can end a subject (a
  content word, a pronoun, a relative pronoun), followed by an object or by a
  patient's preposition (below), or right after a subject pronoun ("Israeli strike
  kills 20", "Rebels attack army post", "clash with troops", "they attack at dawn").
  An -s form right before a base form of the lexicon's verbs is a plural noun, the
  subject of that verb, and gives no row ("Regime barrel bombs kill 14": the agent of
  "kill" is "Regime barrel bombs"; a verb is never followed by a bare verb).
  Otherwise the word is taken for a noun and gives no row, or a nominal row when the
  lexicon lists it as a noun: after a determiner, number, possessive, preposition or
  a break ("every shell they fire", "as bomb tears through"), right before an event
  noun ("bomb blast", "bomb attack"), or with no object ("military targets", "roadside
  bombs exploded").
* ``modal`` -> ``active``: a base form after a modal or do ("will kill", "did not
  attack"); ``infinitive`` -> ``active``: after "to" ("vowed to kill"; no agent is
  looked for).
* ``progressive`` -> ``active``: an -ing form after be ("were shelling the city").
* ``participle_clause`` -> ``active``: an -ing form with an object after a comma
  ("..., killing two guards"); the agent is the subject of the sentence (its first
  noun phrase, after an opening phrase up to a comma).
* ``aspectual`` -> ``active``: an -ing form with an object after "began", "started",
  "continued", "kept", "resumed" or "stopped"; the agent is that verb's subject
  ("Regime forces began shelling the southern districts").
* ``participle_after_noun`` -> ``active``: an -ing form with an object right after a
  noun, which is its agent ("a coalition fighting IS", "rebel fighters guarding the
  convoy").
* ``gerund`` -> ``active``: any other -ing form with an object ("by killing
  civilians", "after shelling the town"); no agent. At the start of a sentence the
  object must open with a determiner, number, pronoun or name, so that "Fighting
  spreads across Dorvast" is a nominal.
* A verb right after "and" with no subject of its own takes the subject of the verb
  before "and" in the same clause ("Troops stormed the village and killed 20"; "it
  struck ... targets and neutralized ..." gives "it"), or the sentence's first phrase
  when no verb comes before.
* Patients of active verbs: the object; without one, a phrase after a preposition of
  the event type: "on", "upon", "against" for ``attack`` ("opened fire on
  protesters"), "with", "against" for ``clash`` ("clashed with troops"); none for the
  other types ("killed on the road" has no patient). A time word is never a patient
  ("attacked at dawn").
* ``intransitive`` -> ``intransitive``: a form listed as intransitive ("Palestinians
  die", "33 Turkish soldiers have died", "lost their lives", "Families flee");
  patient: the subject; no agent.

Nouns (``nominal``). ``noun``: a form listed only as a noun ("massacre", "death
toll", "airstrike"); ``noun_context``: a form that is both ("attack", "attacks",
"raid"), read as a noun after a determiner, number, possessive, preposition or an
adjective, or before "of", a preposition, a break, a verb or the end, or at the
start of a sentence, unless it comes after a subject pronoun or an auxiliary;
``ing_nominal``: an -ing form of a verb after a determiner, possessive or number, or
before "of", or without an object ("the killing of", "heavy shelling in the
south"). Arguments of nominals:

* patient: the phrase after "of", "on", "against", "upon", "between" or "among"
  ("the killing of 20 civilians", "an attack on militants"), not a time word ("the
  explosion on Wednesday"); for a clash noun a "with", "against" or "between" phrase
  names its sides, which are its agents ("killed in clashes with government troops");
* agent: a "by"-phrase ("attacks by Hamas"), else a possessive right before it
  ("Israel's bombardment of Gaza"; not a time word: "Wednesday's bombing"), else a
  clash noun's sides, else the subject of a **light verb** whose object the noun's
  phrase is, or the "by"-phrase of that verb in the passive right after it (also
  reduced: "an attack carried out by regime troops"): launch,
  carry out, conduct, stage, mount, wage, step up, cause, commit, perpetrate ("Rebels
  launched an offensive", "it carried out both of the attacks", "the attack, which
  was launched by the group", "the shelling caused heavy damage"; not an -ing form:
  "..., causing damage" names no agent here), else its
  modifiers from the first one that names a lexicon actor or a nationality (a
  capitalised word ending in -i, -an, -ish or -ese, or a listed word: U.S., UK, NATO,
  French, coalition, regime, government, army, military, police, rebel, militant,
  insurgent, jihadist, terrorist, opposition, enemy, state, ...) to the trigger ("a
  Syrian government attack", "Russian airstrikes"; but not "the Liss market massacre"
  or "fresh airstrikes");
* deaths (event type ``die``) have no agent; those modifiers are their patient
  ("Palestinian deaths").
* ``occurrence_noun`` -> ``intransitive``: an event noun with no agent found above,
  whose verb only says that it happens or goes on (occur, happen, take place, erupt,
  break out, flare up, rage, continue, resume, ensue, after auxiliaries and adverbs):
  "clashes erupted", "the explosion took place", "as fighting rages" (an -ing form
  before such a verb is a noun). "Israel's bombardment of Gaza continued" names its
  doer and stays ``nominal``. A form that is both noun and verb is a noun before a
  light verb or a verb of occurrence ("the attacks caused damage").

Adjectives (``adjectival``). ``prenominal_participle``: a past participle before a
noun, where no subject comes before it ("wounded civilians", "the displaced
families"); ``prenominal_adjective``: an adjective of the lexicon before a noun
("dead soldiers"); ``predicative_adjective``: an adjective after be or after a noun
phrase ("Hundreds dead as airstrikes hit", "were dead"); ``adjective_as_noun``: an
adjective or past participle after a determiner with no noun after it ("among the
dead", "families of the wounded"). Patient: the noun phrase it describes (none for
``adjective_as_noun``).

Order. The rules are tried in this order, the first that applies deciding:
intransitive forms; past participles after be/get (passives); -ing forms; nouns (a
noun-only form, or a noun reading by context); adjectives; past participles after
have; base and -s forms; past and past participle forms without auxiliary
(prenominal participle, "the wounded", active past, pronoun subject, reduced
passive). A trigger read as a verb ends the noun phrases of the triggers after it; one
that gives no row is a plain noun to them ("Aleppo bomb blast kills six": the agent
is "Aleppo bomb blast").

Voice and speaker
-----------------
``voice`` and ``speaker`` of the trigger come from :func:`mediakit.voice.voice_spans`
of its article (or of its headline), as for label mentions: a trigger inside a
quotation is the speaker's word.

Known limits (documented failure classes)
-----------------------------------------
* Negation and modality are not marked: "were not killed", "could kill" and "vowed to
  kill" are events like any other (``rule`` shows ``modal`` and ``infinitive``).
* Transitive verbs used without an object read as reduced passives ("rebels attacked
  at dawn" gives ``passive_agentless``; "they attacked at dawn" is right).
* Long subjects with a clause inside ("A suicide bomber driving an ambulance killed
  four") give the phrase nearest the verb as agent ("an ambulance").
* "by"-phrases of time, manner and measure are set aside from a closed list ("by
  Monday", "by car", "by 10 percent", "by the end"); others are taken as agents. A
  time word of the list counts only where it is one ("by dawn", not "by Dawn
  Brigades"), and a manner word only alone ("by car", but "killed by car bomb" and
  "by air strikes" name agents).
* No coreference: "it", "they" and "the group" are agents as written; their actor is
  empty. Actors come from the lexicon's words inside the span only (the referent rules
  of issue 14 will replace this).
* Part-of-speech guesses fail on words that are both ("shell" the projectile and the
  verb; "fighting" in "fighting terrorism", listed in ``not_events``; "men of fighting
  age"), on verbs that look like nouns after a plural ("forces draw fire": only listed
  irregular verbs stop a phrase), and on metaphors ("MARKET OF DEATH"; an impact verb
  used figuratively is an attack: "sanctions hit the economy").
* Windows: a subject more than 100 characters before its verb, or an object more
  than 170 characters after it, is not found; the clause-subject rules need the
  sentence's start inside the window.

Cost: one regex scan of each text for the lexicon's forms (articles without one cost
nothing more); sentences, voice and the label lexicon only for articles with a
trigger, read from the article's :class:`mediakit.document.Document` (the record
:func:`mediakit.analyze` builds its tables from, so a Document already split and
scanned is not split or scanned again); for each trigger, rules that look at a
bounded number of tokens in a window of at most a few hundred characters around it.
Time is linear in text length.
"""

from __future__ import annotations

import math
import os
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from itertools import accumulate, chain
from operator import itemgetter
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
import pandas as pd
import yaml

from ._validation import check_table
from .document import Document
from .errors import LexiconError
from .lexicon import Lexicon, LexiconLike, resolve_lexicon
from .text import _TOKEN_RE as _TEXT_TOKEN_RE
from .text import tokenize

__all__ = [
    "CONSTRUCTIONS",
    "DEFAULT_EVENT_LEXICON",
    "EVENT_COLUMNS",
    "EVENT_TYPES",
    "EventLexicon",
    "EventMatch",
    "find_events",
    "load_event_lexicon",
]

#: The event types of an event lexicon, in this order.
EVENT_TYPES: tuple[str, ...] = (
    "kill", "die", "attack", "injure", "detain", "abduct", "displace", "destroy", "clash",
    "other",
)
#: The values of the ``construction`` column.
CONSTRUCTIONS: tuple[str, ...] = (
    "active", "passive_agent", "passive_agentless", "intransitive", "nominal", "adjectival",
)
#: The bundled event lexicon used when ``events`` is None.
DEFAULT_EVENT_LEXICON = "violence"
#: Columns of :func:`find_events`, in order.
EVENT_COLUMNS: tuple[str, ...] = (
    "doc_id", "outlet", "date", "part", "sentence_id", "sentence_start", "sentence_end",
    "start", "end", "trigger", "lemma", "event_type", "form", "construction", "rule",
    "agent", "agent_start", "agent_end", "agent_actor",
    "patient", "patient_start", "patient_end", "patient_actor",
    "voice", "speaker",
)

_FORM_KINDS = ("verbs", "intransitive", "nouns", "adjectives")
_VERB_SLOTS = ("base", "3rd person singular", "past", "past participle", "-ing")
_TYPE_KEYS = {"description", *_FORM_KINDS}
_TOP_KEYS = {"name", "description", "events", "not_events"}
# Forms are short phrases: bounded so that the matcher's regex stays small and flat.
_MAX_FORM_CHARS = 60
_MAX_FORM_WORDS = 6

# Readings of a form, as bits: the five slots of a transitive verb, of an intransitive
# verb, a noun, an adjective.
_V_BASE, _V_S, _V_PAST, _V_PP, _V_ING = 1, 2, 4, 8, 16
_I_BASE, _I_S, _I_PAST, _I_PP, _I_ING = 32, 64, 128, 256, 512
_NOUN, _ADJ = 1024, 2048
_VERB_BITS = (_V_BASE, _V_S, _V_PAST, _V_PP, _V_ING)
_INTR_BITS = (_I_BASE, _I_S, _I_PAST, _I_PP, _I_ING)
_ANY_VERB = sum(_VERB_BITS) | sum(_INTR_BITS)
_BASE_S = _V_BASE | _V_S | _I_BASE | _I_S
_PAST = _V_PAST | _I_PAST
_PP = _V_PP | _I_PP
_ING = _V_ING | _I_ING
_INTRANSITIVE = sum(_INTR_BITS)

_HYPHENS = "-\u2010\u2011"
_APOSTROPHES = "'\u2019"


# ----------------------------------------------------------------------------------
# The event lexicon


class EventMatch(NamedTuple):
    """One trigger candidate: ``text[start:end] == match`` (before the rules)."""

    start: int
    end: int
    event_type: str
    lemma: str
    match: str


@dataclass(frozen=True)
class _Form:
    event_type: str
    readings: int  # bits of _V_*, _I_*, _NOUN, _ADJ
    verb_lemma: str  # base form of the verb the form belongs to ("" for nouns/adjectives)
    form: str  # the normalised form itself


@dataclass(frozen=True)
class _EventType:
    name: str
    description: str
    verbs: tuple[tuple[tuple[str, ...], ...], ...]  # rows of five slots of spellings
    intransitive: tuple[tuple[tuple[str, ...], ...], ...]
    nouns: tuple[str, ...]
    adjectives: tuple[str, ...]


def _event_error(
    reason: str,
    *,
    file: str | None = None,
    event_type: Any = None,
    kind: str | None = None,
    row: int | None = None,
    slot: str | None = None,
    form: Any = None,
) -> LexiconError:
    where = []
    if file is not None:
        where.append(str(file))
    if event_type is not None:
        where.append(f"event type {event_type!r}")
    if kind is not None:
        where.append(kind if row is None else f"{kind} row {row}")
    if slot is not None:
        where.append(f"slot {slot!r}")
    if form is not None:
        where.append(f"form {form!r}")
    err = LexiconError(f"{', '.join(where)}: {reason}" if where else reason)
    err.reason, err.file = reason, file  # type: ignore[attr-defined]
    err.event_type, err.kind, err.form = event_type, kind, form  # type: ignore[attr-defined]
    return err


def _normal_form(text: str) -> str:
    """Lower-case, one space between words, ASCII apostrophe and hyphen."""
    text = " ".join(text.lower().split())
    for ch in "\u2010\u2011":
        text = text.replace(ch, "-")
    return text.replace("\u2019", "'")


def _check_form(value: Any, **where: Any) -> str:
    if not isinstance(value, str):
        raise _event_error(f"a form must be a string, got {type(value).__name__}",
                           form=value, **where)
    words = value.split()
    if not words:
        raise _event_error("empty form", form=value, **where)
    if len(value) > _MAX_FORM_CHARS or len(words) > _MAX_FORM_WORDS:
        raise _event_error(
            f"a form has at most {_MAX_FORM_WORDS} words and {_MAX_FORM_CHARS} characters",
            form=value[:80], **where,
        )
    for word in words:
        inner = word
        for ch in _HYPHENS + _APOSTROPHES:
            inner = inner.replace(ch, "")
        if not (inner.isalnum() and word[0].isalnum() and (word[-1].isalnum() or word[-1] in _APOSTROPHES)):
            raise _event_error(
                f"word {word!r} must be letters or digits, joined only by hyphens or "
                "apostrophes (forms are plain words, not patterns: list each spelling)",
                form=value, **where,
            )
    return _normal_form(value)


def _spellings(value: Any, **where: Any) -> tuple[str, ...]:
    """One slot of a verb row: a form, a list of spellings, or null (none)."""
    if value is None:
        return ()
    if isinstance(value, list | tuple):
        if not value:
            raise _event_error("an empty list of spellings; write null for no form", **where)
        return tuple(_check_form(v, **where) for v in value)
    return (_check_form(value, **where),)


def _verb_rows(value: Any, **where: Any) -> tuple[tuple[tuple[str, ...], ...], ...]:
    if value is None:
        return ()
    if not isinstance(value, list | tuple):
        raise _event_error(
            f"expected a list of verb rows [base, 3rd person singular, past, past participle, "
            f"-ing], got {type(value).__name__}", **where,
        )
    rows = []
    for r, row in enumerate(value, start=1):
        if not isinstance(row, list | tuple) or len(row) != 5:
            raise _event_error(
                "a verb row lists exactly five forms: [base, 3rd person singular, past, "
                f"past participle, -ing] (null where there is none), got {row!r}",
                row=r, **where,
            )
        slots = tuple(_spellings(v, row=r, slot=_VERB_SLOTS[s], **where) for s, v in enumerate(row))
        if not slots[0]:
            raise _event_error("the base form may not be null", row=r, slot="base", **where)
        rows.append(slots)
    return tuple(rows)


def _plain_forms(value: Any, **where: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list | tuple):
        raise _event_error(f"expected a list of forms, got {type(value).__name__}", **where)
    return tuple(_check_form(v, **where) for v in value)


@dataclass(frozen=True)
class EventLexicon:
    """An immutable event lexicon: event types -> verb, noun and adjective forms.

    Build one with :func:`load_event_lexicon` (a bundled name, a YAML/JSON file or a
    dict) or :meth:`from_dict`. ``find(text)`` lists trigger candidates before the
    construction rules of :func:`find_events`; ``to_frame()`` shows every form.
    """

    name: str
    description: str
    types: tuple[_EventType, ...]
    not_events: tuple[str, ...] = ()
    _forms: dict[str, _Form] = field(init=False, repr=False, compare=False)
    _search: Any = field(init=False, repr=False, compare=False)
    _search_ignorecase: Any = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        forms = self._validate()
        object.__setattr__(self, "_forms", forms)
        keys = list(forms) + [f for f in self.not_events if f not in forms]
        # The trie is tried after each character that is not a letter or digit (re
        # skips to those in a tight loop), so once per word rather than per letter;
        # a form at the very start of the text is found by a padding space.
        pattern = r"[^\w]" + "(" + _trie_regex(keys) + ")"
        object.__setattr__(self, "_search", re.compile(pattern).finditer)
        object.__setattr__(self, "_search_ignorecase", re.compile(pattern, re.IGNORECASE).finditer)

    # -- construction -----------------------------------------------------------------
    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, file: str | None = None) -> EventLexicon:
        """An event lexicon from the mapping of the file format (see :func:`load_event_lexicon`)."""
        if not isinstance(data, Mapping):
            raise _event_error(f"an event lexicon must be a mapping, got {type(data).__name__}",
                               file=file)
        unknown = set(data) - _TOP_KEYS
        if unknown:
            raise _event_error(
                f"unknown key(s) {sorted(map(str, unknown))}; expected {sorted(_TOP_KEYS)}",
                file=file,
            )
        name = data.get("name")
        if not isinstance(name, str) or not name.strip():
            raise _event_error("the event lexicon needs a non-empty 'name'", file=file)
        description = data.get("description", "") or ""
        if not isinstance(description, str):
            raise _event_error("'description' must be a string", file=file)
        events_in = data.get("events")
        if not isinstance(events_in, Mapping) or not events_in:
            raise _event_error("'events' must be a non-empty mapping of event type -> forms",
                               file=file)
        types = []
        for event_type, spec in events_in.items():
            where: dict[str, Any] = {"file": file, "event_type": event_type}
            if event_type not in EVENT_TYPES:
                raise _event_error(
                    f"unknown event type; expected one of {', '.join(EVENT_TYPES)} "
                    "(put other coercive acts under 'other')", **where,
                )
            if not isinstance(spec, Mapping):
                raise _event_error(
                    "an event type must be a mapping with 'verbs', 'intransitive', 'nouns' "
                    "and/or 'adjectives'", **where,
                )
            unknown = set(spec) - _TYPE_KEYS
            if unknown:
                raise _event_error(
                    f"unknown key(s) {sorted(map(str, unknown))}; expected {sorted(_TYPE_KEYS)}",
                    **where,
                )
            type_description = spec.get("description", "") or ""
            if not isinstance(type_description, str):
                raise _event_error("'description' must be a string", **where)
            types.append(_EventType(
                event_type,
                " ".join(type_description.split()),
                _verb_rows(spec.get("verbs"), kind="verbs", **where),
                _verb_rows(spec.get("intransitive"), kind="intransitive", **where),
                _plain_forms(spec.get("nouns"), kind="nouns", **where),
                _plain_forms(spec.get("adjectives"), kind="adjectives", **where),
            ))
        not_events = _plain_forms(data.get("not_events"), file=file, kind="not_events")
        try:
            return cls(name.strip(), description.strip(), tuple(types), not_events)
        except LexiconError as err:
            if file is None or getattr(err, "file", None) is not None:
                raise
            raise _event_error(err.reason, file=file, event_type=err.event_type,  # type: ignore[attr-defined]
                               kind=err.kind, form=err.form) from None  # type: ignore[attr-defined]

    def _validate(self) -> dict[str, _Form]:
        """Every form -> its readings; a form may belong to one event type only."""
        forms: dict[str, _Form] = {}
        owner: dict[str, tuple[str, str]] = {}  # form -> (event type, kind) first listed
        if not self.types:
            raise _event_error("an event lexicon needs at least one event type")

        def add(form: str, event_type: str, kind: str, bit: int, lemma: str) -> None:
            previous = forms.get(form)
            if previous is not None and previous.event_type != event_type:
                other_type, other_kind = owner[form]
                raise _event_error(
                    f"also listed for event type {other_type!r} ({other_kind}); a form may "
                    "belong to one event type only", event_type=event_type, kind=kind, form=form,
                )
            if previous is None:
                owner[form] = (event_type, kind)
                forms[form] = _Form(event_type, bit, lemma, form)
            else:
                forms[form] = _Form(event_type, previous.readings | bit,
                                    previous.verb_lemma or lemma, form)

        seen_types = set()
        for t in self.types:
            if t.name in seen_types:
                raise _event_error("event type listed twice", event_type=t.name)
            seen_types.add(t.name)
            if not (t.verbs or t.intransitive or t.nouns or t.adjectives):
                raise _event_error("an event type needs at least one form", event_type=t.name)
            for kind, rows, bits in (("verbs", t.verbs, _VERB_BITS),
                                     ("intransitive", t.intransitive, _INTR_BITS)):
                for row in rows:
                    lemma = row[0][0]
                    for slot, spellings in enumerate(row):
                        for form in spellings:
                            add(form, t.name, kind, bits[slot], lemma)
            for form in t.nouns:
                add(form, t.name, "nouns", _NOUN, "")
            for form in t.adjectives:
                add(form, t.name, "adjectives", _ADJ, "")
        for form in self.not_events:
            if form in forms:
                event_type, kind = owner[form]
                raise _event_error(
                    f"listed in not_events and as a form of event type {event_type!r} ({kind})",
                    kind="not_events", form=form,
                )
        return forms

    # -- views ------------------------------------------------------------------------
    @property
    def event_types(self) -> tuple[str, ...]:
        """The event types listed, in lexicon order."""
        return tuple(t.name for t in self.types)

    @property
    def descriptions(self) -> dict[str, str]:
        """Event type -> its one-line description."""
        return {t.name: t.description for t in self.types}

    def to_frame(self) -> pd.DataFrame:
        """Long table, one row per form: ``event_type, kind, lemma, slot, form``.

        ``kind`` is ``verbs``, ``intransitive``, ``nouns``, ``adjectives`` or
        ``not_events``; ``slot`` names the verb form (``base``, ``3rd person
        singular``, ``past``, ``past participle``, ``-ing``), "" for the others.
        """
        rows: list[tuple[str, str, str, str, str]] = []
        for t in self.types:
            for kind, verb_rows in (("verbs", t.verbs), ("intransitive", t.intransitive)):
                for row in verb_rows:
                    for s, spellings in enumerate(row):
                        rows.extend((t.name, kind, row[0][0], _VERB_SLOTS[s], f) for f in spellings)
            rows.extend((t.name, "nouns", f, "", f) for f in t.nouns)
            rows.extend((t.name, "adjectives", f, "", f) for f in t.adjectives)
        rows.extend(("", "not_events", f, "", f) for f in self.not_events)
        return pd.DataFrame(rows, columns=["event_type", "kind", "lemma", "slot", "form"],
                            dtype="str")

    def to_dict(self) -> dict[str, Any]:
        """The file-format mapping; ``EventLexicon.from_dict(lex.to_dict()) == lex``."""

        def slot(spellings: tuple[str, ...]) -> Any:
            return None if not spellings else spellings[0] if len(spellings) == 1 else list(spellings)

        events: dict[str, Any] = {}
        for t in self.types:
            spec: dict[str, Any] = {}
            if t.description:
                spec["description"] = t.description
            if t.verbs:
                spec["verbs"] = [[slot(s) for s in row] for row in t.verbs]
            if t.intransitive:
                spec["intransitive"] = [[slot(s) for s in row] for row in t.intransitive]
            if t.nouns:
                spec["nouns"] = list(t.nouns)
            if t.adjectives:
                spec["adjectives"] = list(t.adjectives)
            events[t.name] = spec
        out: dict[str, Any] = {"name": self.name, "description": self.description, "events": events}
        if self.not_events:
            out["not_events"] = list(self.not_events)
        return out

    # -- matching ---------------------------------------------------------------------
    def find(self, text: str) -> list[EventMatch]:
        """Trigger candidates in ``text``: whole-token forms, leftmost-longest, in order,
        ``not_events`` phrases removed. The construction rules of :func:`find_events` may
        still set some aside (a noun use of a verb-only form)."""
        if not isinstance(text, str):
            raise TypeError(f"expected a str, got {type(text).__name__}")
        return [
            EventMatch(s, e, f.event_type, f.verb_lemma or f.form, text[s:e])
            for s, e, f in self._candidates(text)
        ]

    def _candidates(self, text: str) -> list[tuple[int, int, _Form]]:
        lowered = text.lower()
        if len(lowered) == len(text):
            found = self._search(" " + lowered)
        else:  # a few characters change length when lower-cased: match ignoring case
            found = self._search_ignorecase(" " + text)
        forms = self._forms
        normal = _NORMAL_FORMS
        out = []
        for m in found:
            s, e = m.span(1)
            s -= 1  # offsets into text (one padding space)
            e -= 1
            if s:
                before = text[s - 1]
                if before.isalnum() or before == "_" or (
                    before in _JOINERS and s > 1 and text[s - 2].isalnum()
                ):
                    continue  # inside a token: "skill", "counter-attack", "al-Qaeda's"
            form = forms.get(normal[text[s:e]])
            if form is not None:  # else a not_events phrase
                out.append((s, e, form))
        return out


_JOINERS = _HYPHENS + _APOSTROPHES


def _trie_regex(keys: Iterable[str]) -> str:
    """One regex matching any of ``keys`` (normalised forms), longest first at each
    position, on a lower-cased text: a trie of characters, each key ending where no
    letter, digit or hyphen-and-letter follows. The trie has no choice that can
    match the same character twice, so a failed match costs at most the length of
    the longest key."""
    trie: dict[str, Any] = {}
    for key in keys:
        node = trie
        for ch in key:
            node = node.setdefault(ch, {})
        node[""] = {}
    end_guard = rf"(?![^\W_]|[{_HYPHENS}][^\W_])"

    def atom(ch: str) -> str:
        if ch == " ":
            return r"\s+"
        if ch == "'":
            return f"[{_APOSTROPHES}]"
        if ch == "-":
            return f"[{_HYPHENS}]"
        return re.escape(ch)

    def build(node: dict[str, Any]) -> str:
        branches = [atom(ch) + build(child) for ch, child in node.items() if ch]
        if "" in node:
            branches.append(end_guard)  # the key ends here: tried after longer keys
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    return build(trie) if trie else "(?!)"


# The bundled event lexicon last loaded, by (name, file text): EventLexicon is immutable.
_BUNDLED_CACHE: dict[tuple[str, str], EventLexicon] = {}


def _bundled_events() -> dict[str, Any]:
    folder = resources.files("mediakit") / "lexicons" / "events"
    return {
        entry.name.rsplit(".", 1)[0]: entry
        for entry in sorted(folder.iterdir(), key=lambda e: e.name)
        if entry.name.endswith((".yaml", ".yml"))
    }


def _yaml_mapping(text: str, file: str | None) -> Any:
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = f"line {mark.line + 1}: " if mark is not None else ""
        raise _event_error(f"{line}invalid YAML: {err}", file=file) from None
    except RecursionError:
        raise _event_error("the YAML is nested too deeply", file=file) from None


def load_event_lexicon(
    source: str | os.PathLike[str] | Mapping[str, Any] | EventLexicon | None = None,
) -> EventLexicon:
    """An event lexicon: bundled by name, from a YAML/JSON file, or from a dict.

    Parameters
    ----------
    source : EventLexicon, str, path-like, mapping or None, default None
        None (the bundled :data:`DEFAULT_EVENT_LEXICON`, ``"violence"``), a bundled
        name, a ``.yaml``/``.yml``/``.json`` path, a mapping in the file format, or an
        :class:`EventLexicon` (returned unchanged).

    Returns
    -------
    EventLexicon
        The checked lexicon: its event types with their verb, noun and adjective
        forms, and the phrases that never trigger.

    Raises
    ------
    LexiconError
        The lexicon breaks a check below (naming where), or names no bundled lexicon
        or readable file.
    TypeError
        ``source`` is none of the types above.

    Notes
    -----
    File format (YAML, safe loading; JSON and dicts take the same shape)::

        name: my-events
        description: One line.
        events:
          kill:                           # one of EVENT_TYPES
            description: One line.
            verbs:                        # base, 3rd sg, past, past participle, -ing
              - [kill, kills, killed, killed, killing]
              - [kidnap, kidnaps, [kidnapped, kidnaped], [kidnapped, kidnaped], kidnapping]
            intransitive:                 # same five forms, verbs without an object
              - [die, dies, died, died, dying]
            nouns: [massacre, death toll]
            adjectives: [dead]
        not_events: [hunger strike]      # never triggers

    Checks, each failing with a :class:`~mediakit.errors.LexiconError` that names the
    file, event type, kind, row, slot and form: known keys only; event types from
    :data:`EVENT_TYPES`; exactly five slots per verb row, the base not null; forms of
    letters and digits joined by spaces, hyphens or apostrophes (no globs or regex), at
    most six words and 60 characters; a form listed for one event type only; no form
    both an event form and in ``not_events``.
    """
    if isinstance(source, EventLexicon):
        return source
    if source is None:
        source = DEFAULT_EVENT_LEXICON
    if isinstance(source, Mapping):
        return EventLexicon.from_dict(source)
    bundled = _bundled_events()
    if isinstance(source, str) and source in bundled:
        entry = bundled[source]
        text = entry.read_text(encoding="utf-8")
        # Parsed and compiled once per content of the file (an edited file is read anew).
        key = (source, text)
        cached = _BUNDLED_CACHE.get(key)
        if cached is None:
            cached = EventLexicon.from_dict(_yaml_mapping(text, entry.name), file=entry.name)
            _BUNDLED_CACHE.clear()
            _BUNDLED_CACHE[key] = cached
        return cached
    if not isinstance(source, str | os.PathLike):
        raise TypeError(
            "events must be an EventLexicon, a bundled name, a file path or a dict, "
            f"got {type(source).__name__}"
        )
    path = Path(source)
    suffix = path.suffix.lower()
    if suffix not in (".yaml", ".yml", ".json"):
        raise _event_error(
            f"no bundled event lexicon {str(source)!r} and not a .yaml/.yml/.json path; "
            f"bundled: {', '.join(bundled)}"
        )
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise _event_error("file not found", file=str(path)) from None
    except IsADirectoryError:
        raise _event_error("is a directory, not a file", file=str(path)) from None
    except UnicodeDecodeError as err:
        raise _event_error(f"not UTF-8 text (byte {err.start})", file=str(path)) from None
    if suffix == ".json":
        import json

        try:
            data = json.loads(text)
        except json.JSONDecodeError as err:
            raise _event_error(f"line {err.lineno}: invalid JSON: {err.msg}", file=str(path)) from None
        except RecursionError:
            raise _event_error("the JSON is nested too deeply", file=str(path)) from None
    else:
        data = _yaml_mapping(text, str(path))
    return EventLexicon.from_dict(data, file=str(path))


# ----------------------------------------------------------------------------------
# Word classes (closed lists; see the module docstring)

_DET = frozenset("""a an the this these those his her its their our my your some any every
each no another such whose both all several many few most much either neither""".split())
# Determiners that can stand alone as a noun phrase ("those killed", "many died").
_DET_PRONOUN = frozenset("""this these those some both all several many few most others
none""".split())
_NUMBER_WORDS = frozenset("""one two three four five six seven eight nine ten eleven twelve
thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty
sixty seventy eighty ninety hundred hundreds thousand thousands million millions dozen
dozens scores tens""".split())
# Words before a number that belong to its phrase: "at least 33", "more than 900".
_QUANT_2 = frozenset({("at", "least"), ("at", "most"), ("more", "than"), ("less", "than"),
                      ("fewer", "than"), ("up", "to"), ("as", "many"), ("over", "a")})
_QUANT_1 = frozenset("""nearly almost about around approximately roughly over some only
just another estimated""".split())
_PREP = frozenset("""in on at by for with from to of into onto near during after before since
across against over under between among amid amidst around through throughout outside
inside toward towards upon without within along behind beyond despite following per via
off about above below beside besides except like unlike than""".split())
_BE = frozenset("""be am is are was were been being 're 'm isn't aren't wasn't weren't ain't""".split())
_GET = frozenset("""get gets got gotten getting""".split())
_HAVE = frozenset("""have has had having 've hasn't haven't hadn't""".split())
_MODAL_DO = frozenset("""will would can could may might must shall should 'll 'd won't
wouldn't can't cannot couldn't mightn't mustn't shan't shouldn't do does did don't doesn't
didn't""".split())
_NEGATION_ADVERBS = frozenset("""not never also reportedly allegedly already just still then
later once previously recently apparently since all both each mostly mainly only even again
now soon first reportedly subsequently eventually ever further jointly""".split())
_CONJ = frozenset("and or but nor yet so".split())
_SUB = frozenset("""as while when whereas because if though although after before since
until unless whether than where once""".split())
_REL = frozenset("who whom which that".split())
# A pronoun and its auxiliary written as one token: the token is both subject and aux.
_PRON_AUX = {
    **dict.fromkeys("i'm you're we're they're he's she's it's that's there's".split(), "be"),
    **dict.fromkeys("i've you've we've they've".split(), "have"),
    **dict.fromkeys("i'll you'll we'll they'll he'll she'll it'll i'd you'd we'd they'd he'd "
                    "she'd".split(), "modal"),
}
_PRON_SUBJ = frozenset("i we you he she it they".split())
_PRON_OBJ = frozenset("me us him her them it you themselves himself herself itself".split())
_TIME = frozenset("""monday tuesday wednesday thursday friday saturday sunday yesterday today
tonight overnight earlier later last this next morning evening night afternoon week weeks
month months year years day days hour hours january february march april may june july
august september october november december now then dawn dusk noon midnight jan feb mar apr
jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun""".split())
# Time words written with a capital: days, months and their abbreviations.
_CAPITAL_TIME = frozenset("""monday tuesday wednesday thursday friday saturday sunday january
february march april may june july august september october november december jan feb mar
apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun""".split())
# A date written as one token: 15-09-2013, 2013/09/15, 15.09.2013.
_DATE_RE = re.compile(r"\d{1,4}[-/.\u2010\u2011]\d{1,2}[-/.\u2010\u2011]\d{1,4}")
# Common verbs of news copy that end noun phrases ("... 14 terrorists were killed" after
# "said"; "Hamas fired rockets"): reporting, motion and a few frequent irregular pasts.
_VERBS = frozenset("""said say says told tell tells reported reports added adds claimed
claims stated states announced announces noted notes confirmed confirms denied denies
accused accuses urged urges warned warns called calls insisted explained according
continued began begin begins launched launch launches took take takes made make makes came
come comes went go goes left leave leaves hit hits fired fires struck seized captured
entered reached remained became become becomes used held carried brought led leads
sent put saw see sees gave give gives found find finds knew know thought think
tried try tries want wants wanted need needs needed appeared seem seems seemed
rose rise rises fell fall falls stood stand stands ran run runs kept keep keeps drew
draw draws drove threw wrote spoke broke chose rode shook woke wore tore swore sold paid
laid met fed spent built lost won sat understood heard caught taught bought sought thought
felt slept dealt meant lent bent hung sang rang swam gave forgave ate grew knew blew flew
withdrew hid bit lit slid spun stuck dug shone arose overtook undertook sank continues
continue remains remain resumes resume ends end erupts erupt spreads spread tears lay
lie lies""".split())
# Verbs after which an -ing form keeps the subject of the verb ("forces began shelling").
_ASPECT_VERBS = frozenset("""began begin begins started start starts continued continue
continues kept keep keeps resumed resume resumes stopped stop stops""".split())
# -ed and -ing words that are nouns or adjectives, never verbs.
_ED_NOT_VERB = frozenset("""hundred red bed speed seed shed need creed breed feed steed deed
weed greed""".split())
_ING_NOUNS = frozenset("""morning evening building buildings meeting meetings wedding
ceiling spring string thing things king kings ring wing wings something nothing anything
everything uprising during including according bring sibling siblings offspring
funding housing clothing training opening""".split())
# -ly words that are not adverbs.
_LY_NOT_ADVERB = frozenset("""family italy july ally rally assembly supply reply daily
elderly fly holy early belly bully jelly lily only""".split())
# Generic actor words and nationalities that make a nominal's modifier its agent.
_ACTOR_MODIFIERS = frozenset("""us u.s. uk nato french dutch greek swiss thai
coalition regime government army military police rebel rebels insurgent militant jihadist
terrorist opposition enemy state""".split())
# Words after "by" that make a "by"-phrase one of time, manner or measure, not an agent.
# Time words among them count only where they are time words ("by dawn", not "by Dawn
# Brigades"); the others only alone ("by car", but "by car bomb", "by air strikes").
_BY_NOT_AGENT = frozenset("""monday tuesday wednesday thursday friday saturday sunday
january february march april may june july august september october november december
then now far end time mistake accident chance phone telephone car bus road air sea
land foot hand force night day dawn midnight noon percent per tonight tomorrow law
design""".split())
_BY_NOT_AGENT_2 = frozenset({("the", "end"), ("the", "time"), ("the", "way"), ("the", "dozen"),
                             ("the", "dozens"), ("the", "hundreds"), ("the", "thousands")})
# Prepositions that introduce the patient of a nominal, or of a verb without object.
_NOMINAL_PATIENT_PREPS = frozenset("of on against upon between among".split())
# A clash noun's "with", "against" and "between" phrases name its sides, its agents
# ("clashes with government troops", "fighting between X and Y").
_CLASH_SIDE_PREPS = frozenset("with against between".split())
# Light verbs: their subject carries out or causes the event a noun names, and so is
# the noun's agent ("Rebels launched an offensive", "the shelling caused heavy damage").
_LIGHT_VERBS = frozenset("""launch launches launched launching conduct conducts conducted
conducting stage stages staged staging mount mounts mounted mounting wage wages waged waging
cause causes caused causing commit commits committed committing perpetrate perpetrates
perpetrated perpetrating""".split())
# Light verbs of two words: the verb, then its particle ("carried out", "stepped up").
_LIGHT_PARTICLES = {
    **dict.fromkeys("carry carries carried carrying".split(), "out"),
    **dict.fromkeys("step steps stepped stepping".split(), "up"),
}
# Verbs that only say an event happens or goes on: an event noun as their subject is
# told without a doer ("clashes erupted", "the explosion took place", "fighting rages").
_OCCURRENCE_VERBS = frozenset("""occur occurs occurred occurring happen happens happened
happening erupt erupts erupted erupting rage rages raged raging continue continues
continued continuing resume resumes resumed ensue ensues ensued""".split())
_OCCURRENCE_PARTICLES = {
    **dict.fromkeys("take takes took taken taking".split(), "place"),
    **dict.fromkeys("break breaks broke broken breaking".split(), "out"),
    **dict.fromkeys("flare flares flared flaring".split(), "up"),
}
# Prepositions a subject phrase may hold once ("Regime officials in Aldwick said"), and
# that end the head of a span for its actor (with "of").
_SUBJECT_LINK_PREPS = frozenset("in on against from near at inside outside across".split())
_HEAD_END_PREPS = _SUBJECT_LINK_PREPS | {"of"}
# Prepositions that introduce the patient of a verb with no object, by event type
# ("opened fire on protesters", "clashed with troops"); none for the others ("killed
# on the road" has no patient after it).
_VERB_PATIENT_PREPS: dict[str, frozenset[str]] = {
    "attack": frozenset("on upon against".split()),
    "clash": frozenset("with against".split()),
}
_NO_PREPS: frozenset[str] = frozenset()
# Marks that are not breaks between tokens: quotation marks and apostrophes.
_QUOTE_MARKS = "\"'\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f\u00ab\u00bb\u2039\u203a`\u00b4"

_CLOSED = (_DET | _PREP | _BE | _GET | _HAVE | _MODAL_DO | _CONJ | _SUB | _REL
           | _PRON_SUBJ | _PRON_OBJ | frozenset({"not", "n't", "to"}))

# Word classes as bits, computed once per distinct word (see _WordClasses).
_C_NUMBER, _C_ADVERB, _C_LY, _C_CLOSED, _C_VERB, _C_SHAPE, _C_HYPHEN, _C_DET, _C_CAP = (
    1, 2, 4, 8, 16, 32, 64, 128, 256)
_C_TIME = 512  # a word of _TIME
# In a window's classes (_Tokens.cls) _C_LY and _C_SHAPE are cleared on a capitalised
# token and _C_CAP set, so these masks decide the word classes of the rules.
_C_ADVERB_ANY = _C_ADVERB | _C_LY  # an adverb or negation
_C_NOT_CONTENT = _C_CLOSED | _C_ADVERB | _C_LY  # a function word or adverb
_C_VERB_ANY = _C_VERB | _C_SHAPE  # a listed verb, or a lower-case -ed/-ing word
_C_MODIFIER = _C_DET | _C_NUMBER | _C_HYPHEN | _C_LY


def _word_class(w: str) -> int:
    bits = 0
    if w[0].isdigit() or w in _NUMBER_WORDS:
        bits |= _C_NUMBER
    if w in _NEGATION_ADVERBS or w == "n't":
        bits |= _C_ADVERB
    elif w.endswith("ly") and len(w) > 4 and w not in _LY_NOT_ADVERB:
        bits |= _C_LY  # an adverb unless capitalised (a name: "Kelly")
    if w in _CLOSED:
        bits |= _C_CLOSED
    if w in _VERBS or w in _BE or w in _HAVE or w in _MODAL_DO or w in _GET:
        bits |= _C_VERB
    elif (w.endswith("ed") and len(w) > 3 and w not in _ED_NOT_VERB) or (
        w.endswith("ing") and len(w) > 4 and w not in _ING_NOUNS
    ):
        bits |= _C_SHAPE  # a verb unless capitalised (a name: "Ahmed")
    if "-" in w or "\u2010" in w or "\u2011" in w:
        bits |= _C_HYPHEN
    if w in _DET:
        bits |= _C_DET
    if w in _TIME:
        bits |= _C_TIME
    return bits


def _raw_word_class(w: str) -> int:
    """The word class of a token as written (outside an all-capitals text): that of
    its lower-case form (an acronym kept), with _C_CAP when it is capitalised, and
    then without _C_LY and _C_SHAPE (a capitalised word is a name: "Kelly",
    "Ahmed")."""
    bits = _WORD_CLASSES[_LOWER[w]]
    if w[0].isupper():
        bits = (bits | _C_CAP) & ~(_C_LY | _C_SHAPE)
    return bits


class _Memo(dict):  # type: ignore[type-arg]
    """A bounded memo: ``memo[key]`` computes ``function(key)`` once (cleared when full)."""

    def __init__(self, function: Any, limit: int = 50_000) -> None:
        super().__init__()
        self.function = function
        self.limit = limit

    def __missing__(self, key: str) -> Any:
        if len(self) >= self.limit:
            self.clear()
        value = self[key] = self.function(key)
        return value


def _gap_break(gap: str) -> str:
    rest = gap.strip(_NOT_BREAK)
    return "" if not rest or rest in ("s", "S") else rest[0]


_WORD_CLASSES = _Memo(_word_class)
# The normalised form of each trigger spelling met in a text.
_NORMAL_FORMS = _Memo(_normal_form)
# A word lower-cased, except an acronym of two or more capitals ("IS", "US", "UN").
_LOWER = _Memo(lambda w: w if len(w) > 1 and w.isupper() else w.lower())
_FIRST = itemgetter(0)
_SECOND = itemgetter(1)
_GAP_BREAKS = _Memo(_gap_break)
_RAW_CLASSES = _Memo(_raw_word_class)

# How far around a trigger tokens are read (characters, clipped to the sentence).
_WINDOW_BEFORE = 70
_WINDOW_AFTER = 120
_MAX_NP_BEFORE = 8  # tokens of a subject phrase
_MAX_CORE = 6  # content words of one phrase
_MAX_BY_SEARCH = 12  # tokens from a passive verb to its "by"


# ----------------------------------------------------------------------------------
# One window of tokens and the rules


# Each token with the text before it (its gap): the tokens of mediakit.text.tokenize,
# found in one pass; a possessive "s" after an apostrophe belongs to the gap.
# (The gap's loop unrolled: runs of [\W_] between possessive s's, the same strings
# as ``(?:[\W_]|(?<=['\u2019])[sS](?![^\W_]))*`` found in about two thirds of the time.)
_GAP_TOKEN_RE = re.compile(
    r"([\W_]*(?:(?<=['\u2019])[sS](?![^\W_])[\W_]*)*)(" + "\n" + _TEXT_TOKEN_RE.pattern + "\n)",
    re.VERBOSE,
)
# What a gap may hold without being a break: whitespace and quotation marks.
_NOT_BREAK = " \t\n\r\f\v\u00a0\u2009\u200a\u202f" + _QUOTE_MARKS


class _Tokens:
    """The word tokens of ``text[lo:hi]``: offsets, lower-case forms, word classes,
    and the break before each token (the first punctuation character of the text
    between it and the token before, quotation marks and a possessive 's aside; ""
    when none)."""

    __slots__ = ("text", "starts", "ends", "low", "cls", "gap", "caps", "n")

    def __init__(self, text: str, lo: int, hi: int) -> None:
        segment = text[lo:hi]
        pairs = _GAP_TOKEN_RE.findall(segment)
        # Offsets by summing lengths (in C).
        bounds = list(accumulate(map(len, chain.from_iterable(pairs)), initial=lo))
        # findall can skip a character only where a letter or digit cannot start a
        # token, which happens only after a letter and an apostrophe ("x'5"): without
        # an apostrophe the pieces are the segment up to its last token.
        if ("'" in segment or "\u2019" in segment) and (
            "".join(chain.from_iterable(pairs)) != segment[: bounds[-1] - lo]
        ):
            # Some character fell between the pieces: use tokenize's spans instead.
            spans = tokenize(segment)
            starts = [lo + a for a, _ in spans]
            ends = [lo + b for _, b in spans]
            words = [text[a:b] for a, b in zip(starts, ends)]
            gaps = [text[a:b] for a, b in zip([lo, *ends], starts)]
        else:
            starts = bounds[1::2]
            ends = bounds[2::2]
            gaps = list(map(_FIRST, pairs))
            words = list(map(_SECOND, pairs))
        self.text = text
        self.starts = starts
        self.ends = ends
        self.gap = list(map(_GAP_BREAKS.__getitem__, gaps))
        self.n = len(starts)
        # An all-capitals headline or sentence: letter case says nothing.
        self.caps = caps = segment.isupper()
        # Outside an all-capitals text an acronym keeps its capitals, so that no word
        # list takes "IS" (the Islamic State) for "is" or "US" for "us"; and a
        # capitalised word is marked (_C_CAP) in its class.
        if caps:
            self.low = low = list(map(str.lower, words))
            self.cls = list(map(_WORD_CLASSES.__getitem__, low))
        else:
            self.low = list(map(_LOWER.__getitem__, words))
            self.cls = list(map(_RAW_CLASSES.__getitem__, words))

    def capitalised(self, i: int) -> bool:
        return bool(self.cls[i] & _C_CAP)

    def possessive_before(self, i: int) -> bool:
        """Whether a possessive ('s, s') joins token i-1 to token i."""
        if i == 0 or self.gap[i]:
            return False
        between = self.text[self.ends[i - 1]:self.starts[i]].strip()
        return between in ("'s", "\u2019s", "'", "\u2019", "'S", "\u2019S")


@dataclass
class _Decision:
    construction: str
    rule: str
    form: str  # "verb", "intransitive", "noun", "adjective"
    agent: tuple[int, ...] | None = None  # token range (i, j), or characters (start, end, head end)
    patient: tuple[int, ...] | None = None
    lemma_verb: bool = True


class _Context(NamedTuple):
    """What :meth:`_Rules.decide` knows of one trigger before any rule runs."""

    i: int  # the trigger's first token
    after: int  # the token after it
    form: _Form
    lo: int  # the first token of the sentence in the window
    readings: int  # form.readings
    prev: int  # the token before it, past adverbs and negation (-1: none)
    prev_word: str  # that token, lower-cased ("" when none)
    aux: str  # the auxiliary before it (_Rules.auxiliary)
    nxt: str  # the token after it, unless a break comes first ("")
    verb_possible: bool  # the form has a verb reading
    preps: frozenset[str]  # prepositions that may introduce its patient


class _Undecided:
    """A rule of :meth:`_Rules.decide` that does not apply: the next rule is tried."""


_UNDECIDED = _Undecided()
# What one rule of _Rules.decide returns: a decision, None (no event), or _UNDECIDED.
_Decided = _Decision | None | _Undecided


class _Rules:
    """The construction rules over one window of tokens (see the module docstring)."""

    def __init__(
        self, tk: _Tokens, triggers: dict[int, tuple[int, _Form]],
        sentence: tuple[int, int] | None = None,
        actor_token: Callable[[int, int], bool] | None = None,
    ) -> None:
        self.tk = tk
        # (start, end) -> whether a label or named group of the lexicon lies there.
        self.actor_token = actor_token
        # The sentence's character offsets, when the window starts after its start.
        self.sentence_start: int | None = sentence[0] if sentence else None
        self.sentence_end = sentence[1] if sentence else 0
        self.triggers = triggers  # first token -> (token after the trigger, form)
        self.decided_verb: set[int] = set()  # first tokens of triggers read as verbs
        self.dropped: set[int] = set()  # triggers taken for plain nouns ("bomb" in "bomb blast")

    def char_span(self, span: tuple[int, ...]) -> tuple[int, ...]:
        """(start, end, head end) in characters of a token range [i, j): the head ends
        at the first "of" or other linking preposition inside it (-1 when none)."""
        if len(span) == 3:
            return span  # already in characters
        tk = self.tk
        i, j = span
        head_end = -1
        for t in range(i + 1, j):
            if tk.low[t] in _HEAD_END_PREPS:
                head_end = tk.starts[t]
                break
        return tk.starts[i], tk.ends[j - 1], head_end

    # -- word classes -------------------------------------------------------------------
    def is_number(self, i: int) -> bool:
        return bool(self.tk.cls[i] & _C_NUMBER)

    def is_adverb(self, i: int) -> bool:
        return bool(self.tk.cls[i] & _C_ADVERB_ANY)

    def is_content(self, i: int) -> bool:
        return not self.tk.cls[i] & _C_NOT_CONTENT

    def verbish(self, i: int) -> bool:
        """A word that ends a noun phrase because it is (probably) a verb."""
        entry = self.triggers.get(i)
        if entry is not None:
            form = entry[1]
            if i in self.decided_verb:
                return True
            if i in self.dropped:
                return False
            # Undecided (to the right): a verb when it has no noun or adjective reading.
            return not form.readings & (_NOUN | _ADJ) and not form.readings & _ING
        return bool(self.tk.cls[i] & _C_VERB_ANY)

    def modifier_like(self, i: int) -> bool:
        """A word after which an -ed/-ing word can still be a modifier inside a phrase."""
        return bool(self.tk.cls[i] & _C_MODIFIER)

    def np_start(self, i: int) -> bool:
        """Can a noun phrase start at token i (an object after a verb)?"""
        tk = self.tk
        if i >= tk.n or tk.gap[i]:
            return False
        w = tk.low[i]
        if w in _PRON_OBJ or w in _DET or (tk.cls[i] & _C_NUMBER != 0):
            return True
        if self.quantity_prefix(i):
            return True
        if self.is_time(i):
            return False
        if not (not tk.cls[i] & _C_NOT_CONTENT):
            return False
        if self.verbish(i):
            # "killed wounded soldiers": a participle can open a phrase before a noun.
            return i + 1 < tk.n and not tk.gap[i + 1] and (not tk.cls[i + 1] & _C_NOT_CONTENT) and not self.verbish(i + 1)
        return True

    def strong_np_start(self, i: int) -> bool:
        """A phrase start no verb can be: a determiner, number, pronoun or name."""
        tk = self.tk
        if i >= tk.n or tk.gap[i]:
            return False
        w = tk.low[i]
        return (w in _DET or w in _PRON_OBJ or (tk.cls[i] & _C_NUMBER != 0) or bool(self.quantity_prefix(i))
                or tk.capitalised(i))

    def is_time(self, i: int) -> bool:
        """A time word ("Monday", "yesterday", "dawn"; a capitalised "Dawn" or "Night"
        is a name unless it is a day or month) or part of a date: "15-09-2013", or a
        number after a month or after a number after one ("April 6 2017")."""
        tk = self.tk
        c = tk.cls[i]
        if not c & (_C_TIME | _C_NUMBER):
            return False  # the common case: neither a time word nor a number
        w = tk.low[i]
        if c & _C_TIME:
            return w in _CAPITAL_TIME or not c & _C_CAP
        if not w[0].isdigit():
            return False
        if _DATE_RE.fullmatch(w):
            return True
        k = i - 1  # after a month, or after a day after a month ("April 6 2017")
        if k >= 0 and not tk.gap[i] and tk.low[k].isdigit() and len(tk.low[k]) <= 2:
            k -= 1
        return k >= 0 and not tk.gap[k + 1] and tk.low[k] in _CAPITAL_TIME

    def quantity_prefix(self, i: int) -> int:
        """Tokens of a quantity prefix at i followed by a number ("at least 33"), or 0."""
        tk = self.tk
        if i + 2 < tk.n and (tk.low[i], tk.low[i + 1]) in _QUANT_2 and not tk.gap[i + 1] \
                and not tk.gap[i + 2] and (tk.cls[i + 2] & _C_NUMBER != 0):
            return 2
        if i + 1 < tk.n and tk.low[i] in _QUANT_1 and not tk.gap[i + 1] and (tk.cls[i + 1] & _C_NUMBER != 0):
            return 1
        return 0

    # -- noun phrases -------------------------------------------------------------------
    def np_after(self, i: int, depth: int = 2) -> int | None:
        """End (exclusive) of the noun phrase starting at token i, or None."""
        tk = self.tk
        n = tk.n
        if i >= n or (tk.gap[i] and depth < 2):
            return None
        j = i
        w = tk.low[j]
        if w in _PRON_OBJ or w in _PRON_SUBJ:
            return j + 1
        j += self.quantity_prefix(j)
        while j < n and (j == i or not tk.gap[j]) and tk.low[j] in _DET:
            j += 1
        head_start = j
        j = self._np_core_end(i, head_start)
        if j == i:
            return None
        if j == head_start and not (tk.low[j - 1] in _DET_PRONOUN or (tk.cls[j - 1] & _C_NUMBER != 0)):
            return None  # a determiner alone ("the") is no phrase
        return self._np_tail(j, depth) if depth else j

    def _np_core_end(self, i: int, head_start: int) -> int:
        """End of the words of a noun phrase (starting at token i) from its head's
        start on: numbers, content words, adverbs inside it, participles used as
        modifiers; at most _MAX_CORE content words."""
        tk = self.tk
        n = tk.n
        j = head_start
        core = 0
        while j < n and (j == i or not tk.gap[j]) and core < _MAX_CORE:
            if (tk.cls[j] & _C_NUMBER != 0):
                j += 1
                continue
            if self.is_time(j) and j > head_start:
                break  # "48 people earlier this week"
            if not (not tk.cls[j] & _C_NOT_CONTENT):
                if self._adverb_in_phrase(i, j):
                    j += 1  # "the only bridge", "a heavily armed group"
                    continue
                break
            if self.verbish(j) and not self._participle_modifier(i, j, head_start):
                break
            j += 1
            core += 1
        return j

    def _adverb_in_phrase(self, i: int, j: int) -> bool:
        """Whether the function word at j ("only", an adverb, no negation) sits inside
        a phrase started at i, after a determiner and before a content word."""
        tk = self.tk
        w = tk.low[j]
        return ((w == "only" or (tk.cls[j] & _C_ADVERB_ANY != 0)) and w not in ("not", "n't", "never")
                and j + 1 < tk.n and not tk.gap[j + 1] and (not tk.cls[j + 1] & _C_NOT_CONTENT)
                and j > i and tk.low[j - 1] in _DET)

    def _participle_modifier(self, i: int, j: int, head_start: int) -> bool:
        """Whether the verb-like word at j is a modifier inside the phrase.

        A participle is a modifier only right after a modifier-like word (or at the
        start) and before another content word: "the wounded soldiers",
        "Turkish-backed armed groups"; or right after the phrase's determiner.
        """
        tk = self.tk
        at_start = j == head_start
        before_ok = at_start or self.modifier_like(j - 1)
        after_ok = (j + 1 < tk.n and not tk.gap[j + 1] and (not tk.cls[j + 1] & _C_NOT_CONTENT)
                    and not self.verbish(j + 1))
        return (before_ok and after_ok) or (at_start and j > i and tk.low[j - 1] in _DET)

    def _np_tail(self, j: int, depth: int) -> int:
        """Extend a phrase ending at j (exclusive) over "of" + phrase, then over
        "and"/"or" + a phrase opening with a determiner or number (``depth`` > 0)."""
        tk = self.tk
        n = tk.n
        if j + 1 < n and tk.low[j] == "of" and not tk.gap[j] and not tk.gap[j + 1]:
            end = self.np_after(j + 1, depth - 1)
            if end is not None:
                j = end
        if (j + 1 < n and tk.low[j] in ("and", "or") and not tk.gap[j]
                and not tk.gap[j + 1] and (tk.low[j + 1] in _DET or (tk.cls[j + 1] & _C_NUMBER != 0))):
            end = self.np_after(j + 1, depth - 1)
            if end is not None:
                j = end
        return j

    def np_before(self, k: int) -> int | None:
        """Start of the noun phrase ending at token k (inclusive), or None."""
        tk = self.tk
        if k < 0:
            return None
        w = tk.low[k]
        if w in _PRON_SUBJ or w in _PRON_OBJ:
            return k
        if w in _DET_PRONOUN:
            return self._quantity_before(k)
        if not ((tk.cls[k] & _C_NUMBER != 0) or ((not tk.cls[k] & _C_NOT_CONTENT) and not self.verbish(k))):
            return None
        if self.is_time(k):
            return None
        j = k
        hopped = False  # one prepositional phrase: "Rebels in northern Marenna"
        while j > 0 and k - j < _MAX_NP_BEFORE and not tk.gap[j]:
            step, p = self._np_before_step(j, hopped)
            if step == "start":
                return p
            if step == "stop":
                break
            hopped = hopped or step == "hop"
            j = p
        while j < k and (tk.low[j] == "of" or tk.low[j] in _SUBJECT_LINK_PREPS):
            j += 1  # the cap fell inside "X of Y": keep Y
        return self._quantity_before(j)

    def _np_before_step(self, j: int, hopped: bool) -> tuple[str, int]:
        """One step of :meth:`np_before` from a phrase starting at token j, looking at
        token p = j - 1: ``("start", s)`` the phrase starts at s; ``("stop", p)`` it
        starts at j; ``("extend", p)`` p belongs to it; ``("hop", p)`` p is the one
        linking preposition a phrase may reach over."""
        tk = self.tk
        p = j - 1
        w = tk.low[p]
        if w in _DET:
            return "start", p
        if self.is_time(p):
            return "stop", p
        if (tk.cls[j] & _C_NUMBER != 0):  # "at least 33", "more than 900": the prefix opens it
            if p > 0 and (tk.low[p - 1], w) in _QUANT_2 and not tk.gap[p]:
                return "start", p - 1
            if w in _QUANT_1:
                return "start", p
        if (tk.cls[p] & _C_NUMBER != 0):
            if self.is_time(p):
                return "stop", p  # a date ("Sun 10 Jul 2016 29 rebels"): the phrase starts after it
            return "extend", p
        if w == "of" and self._of_inside_phrase(p):
            return "extend", p
        if w in _SUBJECT_LINK_PREPS and not hopped and self._link_after_noun(p):
            return "hop", p
        if (not tk.cls[p] & _C_NOT_CONTENT) and not self.verbish(p):
            return "extend", p
        if self._participle_before_noun(p):
            return "extend", p  # "the wounded soldiers", "heavily armed men", "after armed groups"
        if w in _DET_PRONOUN and w not in _DET:
            return "start", p
        return "stop", p

    def _of_inside_phrase(self, p: int) -> bool:
        """Whether "of" at p joins a number, noun or pronoun before it ("dozens of")."""
        tk = self.tk
        return p > 0 and not tk.gap[p] and (
            (tk.cls[p - 1] & _C_NUMBER != 0) or ((not tk.cls[p - 1] & _C_NOT_CONTENT) and not self.verbish(p - 1))
            or tk.low[p - 1] in _DET_PRONOUN
        )

    def _link_after_noun(self, p: int) -> bool:
        """Whether the linking preposition at p follows a noun (not a verb or time)."""
        tk = self.tk
        return (p > 0 and not tk.gap[p] and (not tk.cls[p - 1] & _C_NOT_CONTENT)
                and not self.verbish(p - 1) and not self.is_time(p - 1))

    def _participle_before_noun(self, p: int) -> bool:
        """Whether the verb-like content word at p is a participle modifying the phrase
        (not a lexicon verb or trigger, at a break or after a modifier-like word)."""
        tk = self.tk
        return ((not tk.cls[p] & _C_NOT_CONTENT) and self.verbish(p) and tk.low[p] not in _VERBS
                and p not in self.triggers and (
                    p == 0 or tk.gap[p] or self.modifier_like(p - 1)
                    or not (not tk.cls[p - 1] & _C_NOT_CONTENT)))

    def _quantity_before(self, j: int) -> int:
        """Extend a phrase starting at j over a quantity prefix before a number."""
        tk = self.tk
        if j >= 1 and (tk.cls[j] & _C_NUMBER != 0) and not tk.gap[j]:
            if j >= 2 and (tk.low[j - 2], tk.low[j - 1]) in _QUANT_2 and not tk.gap[j - 1]:
                return j - 2
            if tk.low[j - 1] in _QUANT_1:
                return j - 1
        return j

    # -- context ------------------------------------------------------------------------
    def skip_back(self, i: int) -> int:
        """Index of the nearest token before i that is not an adverb or negation, within
        three tokens and no break (or -1)."""
        tk = self.tk
        j = i - 1
        skipped = 0
        while j >= 0 and not tk.gap[j + 1] and (tk.cls[j] & _C_ADVERB_ANY != 0) and skipped < 3:
            j -= 1
            skipped += 1
        if j < 0 or tk.gap[j + 1]:
            return -1
        return j

    def auxiliary(self, i: int, j: int | None = None) -> tuple[str, int]:
        """(kind, index) of the auxiliary before token i: be, have, modal, to, or ""
        (``j``: :meth:`skip_back` of i, when known)."""
        if j is None:
            j = self.skip_back(i)
        if j < 0:
            return "", -1
        w = self.tk.low[j].replace("\u2019", "'")
        if w in _PRON_AUX:
            return _PRON_AUX[w], j
        if w in _BE or w in _GET:
            return "be", j
        if w in _HAVE:
            return "have", j
        if w in _MODAL_DO:
            return "modal", j
        if w == "to":
            return "to", j
        return "", j

    def subject_before(self, i: int) -> tuple[int, int] | None:
        """The subject phrase of a verb (or auxiliary chain) starting at token i."""
        tk = self.tk
        j = i - 1
        # auxiliaries, adverbs and negation between subject and verb
        steps = 0
        while j >= 0 and not tk.gap[j + 1] and steps < 5 and (
            (tk.cls[j] & _C_ADVERB_ANY != 0) or tk.low[j] in _BE or tk.low[j] in _HAVE
            or tk.low[j] in _MODAL_DO or tk.low[j] in _GET
        ):
            j -= 1
            steps += 1
        if j >= 0 and tk.gap[j + 1] == ",":
            # An apposition between subject and verb: "Thirty-seven people, among them
            # eleven children, were killed": the phrase before the opening comma.
            k = j
            while k > 0 and j - k < 12 and not tk.gap[k]:
                k -= 1
            if k > 0 and tk.gap[k] == ",":
                start = self.np_before(k - 1)
                return None if start is None else (start, k)
            return None
        if j < 0 or tk.gap[j + 1]:
            return None
        if tk.low[j].replace("\u2019", "'") in _PRON_AUX:  # "they're shooting"
            return (j, j + 1)
        if tk.low[j] in _REL:  # "soldiers who were killed", "soldiers, who ..."
            j -= 1
            if j < 0:
                return None
        start = self.np_before(j)
        if start is None:
            return None
        return (start, j + 1)

    def clause_subject(self, lo: int) -> tuple[int, ...] | None:
        """The first noun phrase of the sentence starting at token ``lo`` (after an
        opening phrase up to a comma: "On Monday, rebels ..."). When the window does
        not reach back to the sentence's start (``lo`` is past its last token), the
        start of the sentence is read on its own and the phrase is returned as
        character offsets (start, end, head end)."""
        tk = self.tk
        if lo >= tk.n and self.sentence_start is not None:
            start = self.sentence_start
            own = _Rules(_Tokens(tk.text, start, min(start + _WINDOW_AFTER, self.sentence_end)), {})
            span = own.clause_subject(0)
            return None if span is None else own.char_span(span)
        i = lo
        if i < tk.n and (tk.low[i] in _PREP or tk.low[i] in _SUB or (tk.cls[i] & _C_ADVERB_ANY != 0)):
            k = i + 1
            while k < tk.n and k - i < 12 and tk.gap[k] != ",":
                k += 1
            if k >= tk.n or tk.gap[k] != ",":
                return None
            i = k
        if i >= tk.n or tk.low[i] in _PREP or tk.low[i] in _SUB:
            return None
        end = self.np_after(i, depth=1)
        return None if end is None else (i, end)

    def by_phrase(self, i: int) -> tuple[int, int] | None:
        """An agent "by"-phrase in the clause from token i on, or None."""
        tk = self.tk
        j = i
        while j < tk.n and j - i < _MAX_BY_SEARCH and (j == i or not tk.gap[j]):
            w = tk.low[j]
            if w == "by":
                return self._by_agent(j)
            if j > i and (w in _CONJ or w in _SUB or w in _REL) and w not in ("as",):
                return None
            if j > i and self.verbish(j) and not (j - 1 >= 0 and tk.low[j - 1] in _DET):
                return None
            j += 1
        return None

    def _by_agent(self, j: int) -> tuple[int, int] | None:
        """The phrase after "by" at token j, unless it is one of time, manner or
        measure (module docstring)."""
        tk = self.tk
        if j + 1 >= tk.n or tk.gap[j + 1]:
            return None
        nxt = tk.low[j + 1]
        if j + 2 < tk.n and (nxt, tk.low[j + 2]) in _BY_NOT_AGENT_2:
            return None
        if nxt in _TIME and nxt in _BY_NOT_AGENT and self.is_time(j + 1):
            return None
        end = self.np_after(j + 1)
        if end is None:
            return None
        if nxt in _BY_NOT_AGENT and nxt not in _TIME and end == j + 2:
            return None
        if end < tk.n and tk.low[end - 1][0].isdigit() and tk.low[end] in ("percent", "%"):
            return None
        if (tk.cls[end - 1] & _C_NUMBER != 0) and end == j + 2:
            return None  # "by 10" (a measure)
        return (j + 1, end)

    def patient_after_verb(
        self, j: int, preps: frozenset[str] = _NO_PREPS
    ) -> tuple[int, int] | None:
        """The object after a verb ending before token j, or a phrase after one of
        ``preps`` (the event type's, from _VERB_PATIENT_PREPS)."""
        tk = self.tk
        if self.np_start(j):
            end = self.np_after(j)
            if end is not None:
                return (j, end)
        if (j + 1 < tk.n and not tk.gap[j] and tk.low[j] in preps
                and not tk.gap[j + 1] and not self.is_time(j + 1)):
            end = self.np_after(j + 1)
            if end is not None:
                return (j + 1, end)
        return None

    def agent_of_verb(self, i: int, lo: int) -> tuple[int, ...] | None:
        """The subject of an active verb at token i; after "and" with none, the
        sentence's subject."""
        tk = self.tk
        subject = self.subject_before(i)
        if subject is not None:
            return subject
        j = self.skip_back(i)
        if j >= 0 and tk.low[j] in ("and", "then") and not tk.gap[j + 1]:
            return self.coordinated_subject(j, lo)
        return None

    def coordinated_subject(self, j: int, lo: int) -> tuple[int, ...] | None:
        """For a verb after "and" (token j): the subject of the verb before "and" in
        the same clause ("Troops stormed the village and killed 20"; "it struck ...
        targets and neutralized ..."), else the sentence's first phrase when no verb
        comes between it and "and"."""
        tk = self.tk
        k = j - 1
        while k >= 0 and j - k <= _MAX_BY_SEARCH:
            if self.verbish(k) and not (k > 0 and tk.low[k - 1] in _DET):
                return self.subject_before(k)
            if tk.gap[k]:
                return None
            k -= 1
        if k < 0 and lo == 0:
            return self.clause_subject(lo)
        return None

    # -- the decision ------------------------------------------------------------------
    def decide(self, i: int, after: int, form: _Form, lo: int) -> _Decision | None:
        """Construction and arguments of the trigger at tokens [i, after).

        The rules are tried in order (the first that decides wins, None included):
        intransitive verbs, passives after be/get, -ing forms, nouns and adjectives,
        perfects after have, base and -s forms, past forms without auxiliary, and
        last the noun or adjective reading of a form none of those took.
        """
        c = self._context(i, after, form, lo)
        # Only the rules the form's readings allow: each of the others returns
        # _UNDECIDED at once (_RULES_OF_READINGS).
        rules = _RULES_OF_READINGS.get(c.readings)
        if rules is None:
            rules = _RULES_OF_READINGS[c.readings] = tuple(
                rule for rule, needs in _RULE_READINGS if c.readings & needs)
        for rule in rules:
            decision = rule(self, c)
            if not isinstance(decision, _Undecided):
                return decision
        if c.readings & _NOUN:
            return self._nominal(i, after, form, "noun_context")
        if c.readings & _ADJ:
            return self._adjective(i, after, c.prev, c.aux)
        return None

    def _context(self, i: int, after: int, form: _Form, lo: int) -> _Context:
        tk = self.tk
        prev = self.skip_back(i)
        aux, _ = self.auxiliary(i, prev)
        return _Context(
            i=i, after=after, form=form, lo=lo, readings=form.readings, prev=prev,
            prev_word=tk.low[prev] if prev >= 0 else "", aux=aux,
            nxt=tk.low[after] if after < tk.n and not tk.gap[after] else "",
            verb_possible=bool(form.readings & _ANY_VERB),
            preps=_VERB_PATIENT_PREPS.get(form.event_type, _NO_PREPS),
        )

    def _rule_intransitive(self, c: _Context) -> _Decided:
        """Intransitive verbs: no object, no agent."""
        r = c.readings
        if not r & _INTRANSITIVE or (r & _NOUN and self._noun_context(c.i, c.after, c.prev, c.aux)):
            return _UNDECIDED
        if r & _ING and c.prev >= 0 and c.prev_word in _DET:
            return _UNDECIDED  # "the dying": falls through to the noun rules below
        self.decided_verb.add(c.i)
        return _Decision("intransitive", "intransitive", "intransitive",
                         patient=self.subject_before(c.i))

    def _rule_passive_be(self, c: _Context) -> _Decided:
        """Past participles after be/get: passives."""
        if not (c.readings & _V_PP and c.aux == "be"):
            return _UNDECIDED
        self.decided_verb.add(c.i)
        patient = self.subject_before(c.i)
        agent = self.by_phrase(c.after)
        if agent is not None:
            return _Decision("passive_agent", "passive_be_by", "verb", agent, patient)
        return _Decision("passive_agentless", "passive_be", "verb", None, patient)

    def _rule_ing(self, c: _Context) -> _Decided:
        """-ing forms: progressive, a verb with an object, else a noun."""
        if not c.readings & _V_ING:
            return _UNDECIDED
        i, after, prev = c.i, c.after, c.prev
        if c.aux == "be":
            self.decided_verb.add(i)
            return _Decision("active", "progressive", "verb",
                             self.agent_of_verb(i, c.lo), self.patient_after_verb(after, c.preps))
        tk = self.tk
        nominal = (
            (prev >= 0 and (c.prev_word in _DET or (tk.cls[prev] & _C_NUMBER != 0)
                            or tk.possessive_before(i)))
            or c.nxt == "of"
            or self.occurrence_verb_after(c.after)  # "as fighting rages": a noun
        )
        if not nominal and self.np_start(after) and (
            (prev >= 0 and not tk.gap[i]) or tk.gap[i] == "," or self.strong_np_start(after)
        ):
            return self._ing_verb(c)
        return self._nominal(i, after, c.form, "ing_nominal")

    def _ing_verb(self, c: _Context) -> _Decision:
        """An -ing form read as a verb with an object: whose subject does it take?"""
        tk = self.tk
        i, prev = c.i, c.prev
        self.decided_verb.add(i)
        patient = self.patient_after_verb(c.after, c.preps)
        if tk.gap[i] == "," or (i > 0 and not tk.gap[i] and tk.low[i - 1] == "and"
                                and i > 1 and tk.gap[i - 1] == ","):
            return _Decision("active", "participle_clause", "verb",
                             self.clause_subject(c.lo), patient)
        if prev >= 0 and not tk.gap[i] and c.prev_word in _ASPECT_VERBS:
            return _Decision("active", "aspectual", "verb",
                             self.subject_before(prev), patient)
        if prev == i - 1 and not tk.gap[i] and (not tk.cls[prev] & _C_NOT_CONTENT) \
                and not self.verbish(prev) and not (tk.cls[prev] & _C_NUMBER != 0):
            start = self.np_before(prev)  # "a coalition fighting IS"
            return _Decision("active", "participle_after_noun", "verb",
                             None if start is None else (start, i), patient)
        return _Decision("active", "gerund", "verb", None, patient)

    def _rule_noun_or_adjective(self, c: _Context) -> _Decided:
        """Forms that are nouns (only, or by context), and adjectives of the lexicon."""
        r = c.readings
        if r & _NOUN and (not c.verb_possible or self._noun_context(c.i, c.after, c.prev, c.aux)):
            return self._nominal(c.i, c.after, c.form,
                                 "noun" if not c.verb_possible else "noun_context")
        if r & _ADJ and not c.verb_possible:
            return self._adjective(c.i, c.after, c.prev, c.aux)
        return _UNDECIDED

    def _rule_perfect(self, c: _Context) -> _Decided:
        """Past participles after have: perfect, active."""
        if not (c.readings & _V_PP and c.aux == "have"):
            return _UNDECIDED
        self.decided_verb.add(c.i)
        return _Decision("active", "perfect", "verb",
                         self.subject_before(c.i), self.patient_after_verb(c.after, c.preps))

    def _rule_present(self, c: _Context) -> _Decided:
        """Base and -s forms: modal, infinitive, or a present with a subject before it.
        A form that is also a past or participle falls through to :meth:`_rule_past`;
        any other is a noun use nobody took (None)."""
        r = c.readings
        if not r & (_V_BASE | _V_S):
            return _UNDECIDED
        i, after = c.i, c.after
        if c.aux == "modal" and r & _V_BASE:
            self.decided_verb.add(i)
            return _Decision("active", "modal", "verb",
                             self.subject_before(i), self.patient_after_verb(after, c.preps))
        if c.aux == "to" and r & _V_BASE:
            self.decided_verb.add(i)
            return _Decision("active", "infinitive", "verb", None,
                             self.patient_after_verb(after, c.preps))
        if r & _V_S and not r & _NOUN and self._plural_before_verb(c):
            return None  # "Regime barrel bombs kill 14": "bombs" is the subject's noun
        if self._present_subject(c):
            patient = self.patient_after_verb(after, c.preps)
            if patient is not None or c.prev_word in _PRON_SUBJ or c.prev_word in _REL:
                self.decided_verb.add(i)  # "Rebels attack army post", "they attack"
                return _Decision("active", "present", "verb",
                                 self.agent_of_verb(i, c.lo), patient)
            # else "military targets", "car bombs exploded"
        # without a subject: "every shell", "two shells", "as bomb tears": a noun use
        return _UNDECIDED if r & (_PAST | _PP) else None

    def _plural_before_verb(self, c: _Context) -> bool:
        """Whether an -s form stands right before a base form of the lexicon's verbs
        ("bombs kill", "shells hit"): a verb is never followed by a bare verb, so the
        -s word is a plural noun, the subject of the verb after it."""
        following = self.triggers.get(c.after)
        return (following is not None and not self.tk.gap[c.after]
                and bool(following[1].readings & _V_BASE))

    def _present_subject(self, c: _Context) -> bool:
        """Whether a subject can come right before a base or -s form (and the form is
        not a modifier of a noun trigger after it: "bomb attack", "bomb blast")."""
        tk = self.tk
        i, prev, prev_word = c.i, c.prev, c.prev_word
        subject = prev >= 0 and not tk.gap[i] and (
            ((not tk.cls[prev] & _C_NOT_CONTENT) and not self.verbish(prev)) or prev_word in _PRON_SUBJ
            or prev_word in _REL or prev_word in _DET_PRONOUN
        ) and prev_word not in _DET and not tk.possessive_before(i)
        following = self.triggers.get(c.after)
        if following is not None and following[1].readings & _NOUN and not tk.gap[c.after]:
            return False
        return bool(subject)

    def _rule_past(self, c: _Context) -> _Decided:
        """Past and past participle without auxiliary."""
        r = c.readings
        if not r & (_V_PAST | _V_PP):
            return _UNDECIDED
        i, after, prev_word = c.i, c.after, c.prev_word
        adjectival = self._participle_as_adjective(c)
        if adjectival is not None:
            return adjectival
        if r & _V_PAST:
            patient = self.patient_after_verb(after, c.preps)
            if patient is not None and r & _V_PP and self._casualty_list(patient):
                patient = None  # "Three killed, 70 injured": two reduced passives
            elif patient is not None:
                self.decided_verb.add(i)
                return _Decision("active", "active_past", "verb",
                                 self.agent_of_verb(i, c.lo), patient)
            if c.prev >= 0 and not self.tk.gap[i] and (prev_word in _PRON_SUBJ or prev_word in _REL):
                self.decided_verb.add(i)
                return _Decision("active", "pronoun_subject", "verb",
                                 self.agent_of_verb(i, c.lo), self.patient_after_verb(after, c.preps))
        if r & _V_PP:
            self.decided_verb.add(i)
            patient = self.subject_before(i)
            agent = self.by_phrase(after)
            if agent is not None:
                return _Decision("passive_agent", "reduced_passive_by", "verb", agent, patient)
            return _Decision("passive_agentless", "reduced_passive", "verb", None, patient)
        # a past that is not also a participle, used without object
        self.decided_verb.add(i)
        return _Decision("active", "active_past", "verb",
                         self.agent_of_verb(i, c.lo), self.patient_after_verb(after, c.preps))

    def _casualty_list(self, span: tuple[int, int]) -> bool:
        """Whether an object found after a participle is only a number followed by
        another participle of the lexicon: a headline's list of reduced passives with
        its commas left out ("Three killed 70 injured", "2 Civilians Killed 9
        Injured"), not "killed 70" with an object."""
        tk = self.tk
        a, b = span
        a += self.quantity_prefix(a)
        nxt = a + 1  # the participle: after the number, inside the span or right after it
        if b not in (nxt, nxt + 1) or not (tk.cls[a] & _C_NUMBER != 0) or nxt >= tk.n or tk.gap[nxt]:
            return False
        entry = self.triggers.get(nxt)
        return entry is not None and bool(entry[1].readings & _V_PP)

    def _participle_as_adjective(self, c: _Context) -> _Decision | None:
        """A participle before a noun where no subject comes before it ("killed
        civilians"), or after a determiner ("the wounded"); else None."""
        if not c.readings & _V_PP:
            return None
        tk = self.tk
        i, after, prev, prev_word = c.i, c.after, c.prev, c.prev_word
        subject_possible = prev >= 0 and (
            ((not tk.cls[prev] & _C_NOT_CONTENT) and not self.verbish(prev)) or (tk.cls[prev] & _C_NUMBER != 0)
            or prev_word in _PRON_SUBJ or prev_word in _REL or prev_word in _DET_PRONOUN
        ) and not tk.gap[i]
        next_noun = (after < tk.n and not tk.gap[after] and (not tk.cls[after] & _C_NOT_CONTENT)
                     and not (tk.cls[after] & _C_NUMBER != 0) and not self.verbish(after)
                     and not self.is_time(after))
        if next_noun and (not subject_possible or prev_word in _DET):
            end = self.np_after(after)
            return _Decision("adjectival", "prenominal_participle", "verb",
                             None, (after, end) if end is not None else None)
        if prev_word in _DET and prev_word not in _DET_PRONOUN and not tk.gap[i]:
            return _Decision("adjectival", "adjective_as_noun", "verb")  # "the wounded"
        return None

    def _noun_context(self, i: int, after: int, prev: int, aux: str) -> bool:
        """For a form that is both noun and verb: is it used as a noun here?"""
        tk = self.tk
        if aux:
            return False  # "will attack", "to attack", "have attacked"
        prev_word = tk.low[prev] if prev >= 0 else ""
        if prev >= 0 and not tk.gap[i] and (prev_word in _PRON_SUBJ or prev_word in _REL):
            return False  # "they attack", "who attacked"
        if prev < 0 or tk.gap[i]:
            return True  # sentence start, or after a break: "Attacks on ..."
        if prev_word in _DET or (tk.cls[prev] & _C_NUMBER != 0) or prev_word in _PREP or tk.possessive_before(i):
            return True
        if after >= tk.n or tk.gap[after]:
            return True
        nxt = tk.low[after]
        if nxt == "of" or nxt in _PREP or nxt in _CONJ or nxt in _SUB or nxt in _REL:
            return True
        if self.verbish(after) and not self.np_start(after):
            return True  # "the attack killed", "Hamas attack kills"
        if nxt in _LIGHT_VERBS or nxt in _LIGHT_PARTICLES or self.occurrence_verb_after(after):
            return True  # "the attacks caused damage", "clashes continued"
        entry = self.triggers.get(after)
        if entry is not None and entry[1].readings & (_V_BASE | _V_S | _V_PAST) and not entry[1].readings & _NOUN:
            return True
        return False

    def _nominal(self, i: int, after: int, form: _Form, rule: str) -> _Decision:
        tk = self.tk
        patient = None
        sides = None  # a clash noun's sides: its agents
        j = after
        if (j + 1 < tk.n and not tk.gap[j] and not tk.gap[j + 1] and not self.is_time(j + 1)
                and (tk.low[j] in _NOMINAL_PATIENT_PREPS
                     or (form.event_type == "clash" and tk.low[j] in _CLASH_SIDE_PREPS))):
            end = self.np_after(j + 1)
            if end is not None:
                if form.event_type == "clash" and tk.low[j] in _CLASH_SIDE_PREPS:
                    sides = (j + 1, end)
                else:
                    patient = (j + 1, end)
                j = end
        lemma_verb = bool(form.readings & _ING) and not form.readings & _NOUN
        agent: tuple[int, ...] | None = None
        modifiers = self._modifiers(i)
        if form.event_type == "die":
            if patient is None and modifiers is not None:
                patient = modifiers
        else:
            agent = self._nominal_agent(i, j, sides, modifiers)
        if agent is None and (self.occurrence_verb_after(after)
                              or (j > after and self.occurrence_verb_after(j))):
            # "clashes erupted", "the explosion took place" (but "Israel's bombardment
            # of Gaza continued" names its doer: nominal)
            return _Decision("intransitive", "occurrence_noun", "noun", None, patient,
                             lemma_verb=lemma_verb)
        return _Decision("nominal", rule, "noun", agent, patient, lemma_verb=lemma_verb)

    def _nominal_agent(self, i: int, j: int, sides: tuple[int, int] | None,
                       modifiers: tuple[int, int] | None) -> tuple[int, ...] | None:
        """The agent of the event noun at token i whose phrase ends before token j, in
        the order of the module docstring: a "by"-phrase, a possessive, a clash noun's
        sides, a light verb's subject or "by"-phrase, the modifiers."""
        tk = self.tk
        agent = self.by_phrase(j) if j < tk.n and tk.low[j] == "by" else None
        if agent is None and tk.possessive_before(i) and not self.is_time(i - 1):
            start = self.np_before(i - 1)  # "Israel's bombardment", not "Wednesday's"
            if start is not None:
                return (start, i)
        if agent is None:
            agent = sides
        if agent is None:
            return self.light_verb_agent(i, j) or modifiers
        return agent

    def occurrence_verb_after(self, j: int) -> bool:
        """Whether a verb of occurrence ("erupted", "took place", "has continued")
        starts at token j, after auxiliaries and adverbs, with no break before it."""
        tk = self.tk
        steps = 0
        while (j < tk.n and not tk.gap[j] and steps < 3
               and (tk.low[j] in _BE or tk.low[j] in _HAVE or tk.low[j] in _MODAL_DO
                    or (tk.cls[j] & _C_ADVERB_ANY != 0))):
            j += 1
            steps += 1
        if j >= tk.n or tk.gap[j]:
            return False
        w = tk.low[j]
        if w in _OCCURRENCE_VERBS:
            return True
        particle = _OCCURRENCE_PARTICLES.get(w)
        return (particle is not None and j + 1 < tk.n and not tk.gap[j + 1]
                and tk.low[j + 1] == particle)

    def light_verb_agent(self, i: int, j: int) -> tuple[int, ...] | None:
        """The agent a light verb gives the event noun at token i (E1 of the coding
        guide): the subject of "launched", "carried out", ... before the noun's phrase
        ("Rebels launched an offensive", "it carried out both of the attacks"), or the
        "by"-phrase of the same verbs in the passive after it, from token j ("the
        attack, which was launched by the group", "an attack carried out by X")."""
        verb = self._light_verb_before(i)
        if verb is not None:
            # An -ing form has no subject right before it ("shells hit homes,
            # causing damage": not "homes").
            return None if self.tk.low[verb].endswith("ing") else self.subject_before(verb)
        return self._light_verb_by_after(j)

    def _light_verb_before(self, i: int) -> int | None:
        """The light verb whose object is the phrase ending with token i, or None:
        back over determiners, numbers, "of", adverbs and nouns ("launched four
        raids", "carried out both of the bombings")."""
        tk = self.tk
        k = i - 1
        steps = 0
        while k >= 0 and not tk.gap[k + 1] and steps < 6:
            w = tk.low[k]
            if w in _LIGHT_VERBS:
                return k
            if k > 0 and not tk.gap[k] and _LIGHT_PARTICLES.get(tk.low[k - 1]) == w:
                return k - 1
            if not (w in _DET or w == "of" or (tk.cls[k] & _C_NUMBER != 0) or (tk.cls[k] & _C_ADVERB_ANY != 0)
                    or ((not tk.cls[k] & _C_NOT_CONTENT) and not self.verbish(k))):
                return None
            k -= 1
            steps += 1
        return None

    def _light_verb_by_after(self, j: int) -> tuple[int, int] | None:
        """The "by"-phrase of a passive light verb from token j: "which/that was
        launched by X", "were carried out by X", reduced "carried out by X"."""
        tk = self.tk
        relative = j < tk.n and tk.gap[j] in ("", ",") and tk.low[j] in _REL
        if relative:
            j += 1
        if j < tk.n and not tk.gap[j] and (tk.low[j] in _BE or tk.low[j] in _GET):
            j += 1
            if j < tk.n and not tk.gap[j] and (tk.cls[j] & _C_ADVERB_ANY != 0):
                j += 1
        elif relative:
            return None
        if j >= tk.n or tk.gap[j]:
            return None
        particle = _LIGHT_PARTICLES.get(tk.low[j])
        if particle is not None and j + 1 < tk.n and tk.low[j + 1] == particle:
            j += 2  # "were carried out by"
        elif tk.low[j] in _LIGHT_VERBS:
            j += 1  # "was launched by"
        else:
            return None
        if j < tk.n and not tk.gap[j] and tk.low[j] == "by":
            return self.by_phrase(j)
        return None

    def _modifiers(self, i: int) -> tuple[int, int] | None:
        """The modifiers before a nominal trigger, from the first that names an actor or
        a nationality (see the module docstring), or None."""
        tk = self.tk
        if i == 0 or tk.gap[i]:
            return None
        start = self.np_before(i - 1)
        if start is None:
            return None
        for k in range(start, i):
            w = tk.low[k]
            if w in _DET or (tk.cls[k] & _C_NUMBER != 0):
                continue
            if self._names_actor(k):
                return (k, i)
        return None

    def _names_actor(self, k: int) -> bool:
        tk = self.tk
        if self.actor_token is not None and self.actor_token(tk.starts[k], tk.ends[k]):
            return True
        w = tk.low[k].lower()
        if w in _ACTOR_MODIFIERS:
            return True
        capital = tk.caps or tk.text[tk.starts[k]].isupper()
        return capital and len(w) >= 4 and w.isalpha() and w.endswith(("i", "an", "ish", "ese"))

    def _adjective(self, i: int, after: int, prev: int, aux: str) -> _Decision:
        tk = self.tk
        prev_word = tk.low[prev] if prev >= 0 else ""
        next_noun = (after < tk.n and not tk.gap[after] and (not tk.cls[after] & _C_NOT_CONTENT)
                     and not (tk.cls[after] & _C_NUMBER != 0) and not self.verbish(after))
        if next_noun and (prev < 0 or tk.gap[i] or prev_word in _DET or prev_word in _PREP
                          or (tk.cls[prev] & _C_NUMBER != 0) or self.verbish(prev) or prev_word in _CONJ):
            end = self.np_after(after)
            return _Decision("adjectival", "prenominal_adjective", "adjective", None,
                             (after, end) if end is not None else None, lemma_verb=False)
        if aux == "be" or (prev >= 0 and not tk.gap[i] and (
                (tk.cls[prev] & _C_NUMBER != 0) or ((not tk.cls[prev] & _C_NOT_CONTENT) and not self.verbish(prev))
                or prev_word in _DET_PRONOUN or prev_word in _PRON_OBJ)):
            return _Decision("adjectival", "predicative_adjective", "adjective", None,
                             self.subject_before(i), lemma_verb=False)
        return _Decision("adjectival", "adjective_as_noun", "adjective", None, None,
                         lemma_verb=False)


# The rules of _Rules.decide in order, each with the readings without which it does
# not apply (its first test), and per set of readings the rules that may apply.
_RULE_READINGS: tuple[tuple[Callable[[_Rules, _Context], _Decided], int], ...] = (
    (_Rules._rule_intransitive, _INTRANSITIVE),
    (_Rules._rule_passive_be, _V_PP),
    (_Rules._rule_ing, _V_ING),
    (_Rules._rule_noun_or_adjective, _NOUN | _ADJ),
    (_Rules._rule_perfect, _V_PP),
    (_Rules._rule_present, _V_BASE | _V_S),
    (_Rules._rule_past, _V_PAST | _V_PP),
)
_RULES_OF_READINGS: dict[int, tuple[Callable[[_Rules, _Context], _Decided], ...]] = {}


# ----------------------------------------------------------------------------------
# Actors inside a span


class _Actors:
    """Label and name matches of one text, for the actor of an argument span."""

    def __init__(self, found: list[tuple[int, int, str | None, str]]) -> None:
        # (start, end, actor, kind) sorted by start, non-overlapping
        self.found = found
        self.starts = [s for s, _, _, _ in found]

    def inside(self, start: int, end: int) -> list[tuple[int, int, str | None, str]]:
        lo = bisect_left(self.starts, start)
        out = []
        for k in range(lo, len(self.found)):
            s, e, actor, kind = self.found[k]
            if s >= end:
                break
            if e <= end:
                out.append(self.found[k])
        return out

    def covers(self, start: int, end: int) -> bool:
        """Whether one match holds all of [start, end) (a trigger inside a name)."""
        k = bisect_right(self.starts, start) - 1
        return k >= 0 and self.found[k][1] >= end

    def any_in(self, start: int, end: int) -> bool:
        # A party listed under the label lexicon's ``outside:`` is no actor of it.
        k = bisect_right(self.starts, start) - 1
        if k >= 0 and self.found[k][1] > start:
            return self.found[k][3] != "outside"
        return k + 1 < len(self.found) and self.found[k + 1][0] < end \
            and self.found[k + 1][3] != "outside"

    def actor_of(self, text: str, start: int, end: int, of_at: int | None) -> str | None:
        matches = self.inside(start, end)
        if not matches:
            return None
        head = [m for m in matches if of_at is None or m[1] <= of_at]
        if head:
            s, e, actor, kind = head[-1]
            if kind == "label":
                for _ps, pe, pactor, pkind in reversed(head[:-1]):
                    if pkind in ("name", "marker", "outside") and pe <= s and _joined(text, pe, s):
                        return pactor
            return actor
        return matches[0][2]


def _joined(text: str, end: int, start: int) -> bool:
    """Whether only whitespace (with a possessive) lies between two spans."""
    gap = text[end:start]
    if len(gap) > 12:
        return False
    gap = gap.strip()
    return gap in ("", "'s", "\u2019s", "'", "\u2019")


# ----------------------------------------------------------------------------------
# find_events


def _text_value(value: Any) -> str:
    if isinstance(value, str):
        return value
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return ""
    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):
        pass
    return str(value)


def _sentence_windows(
    sentences: Sequence[tuple[int, int]], candidates: list[tuple[int, int, _Form]]
) -> list[tuple[int, int, int, list[tuple[int, int, _Form]]]]:
    """Group trigger candidates by sentence, then into windows of tokens to read:
    (sentence index, window start, window end, candidates), windows clipped to their
    sentence and merged where they overlap, so each character is read once."""
    starts = [s for s, _ in sentences]
    groups: list[tuple[int, int, int, list[tuple[int, int, _Form]]]] = []
    for cand in candidates:
        s, e, _ = cand
        k = max(bisect_right(starts, s) - 1, 0)
        sent_lo, sent_hi = sentences[k] if sentences else (0, e)
        lo = max(sent_lo, s - _WINDOW_BEFORE)
        hi = min(max(sent_hi, e), e + _WINDOW_AFTER)
        if groups and groups[-1][0] == k and lo <= groups[-1][2]:
            g = groups[-1]
            g[3].append(cand)
            groups[-1] = (k, g[1], max(g[2], hi), g[3])
        else:
            groups.append((k, lo, hi, [cand]))
    return groups


def _clip_window_start(text: str, lo: int, sent_lo: int) -> int:
    """Move a window start that falls inside a word ("Al-Qaeda-affiliated") to the
    next whitespace."""
    if lo > sent_lo and not text[lo - 1].isspace():
        while lo < len(text) and not text[lo].isspace():
            lo += 1
    return lo


def _title_document(title: str, lexicon: Lexicon, **meta: Any) -> Document:
    """The headline as a Document of one sentence (its text without the whitespace
    around it; none when it is blank)."""
    stripped = title.rstrip()
    sentences = [(len(title) - len(title.lstrip()), len(stripped))] if stripped.strip() else []
    return Document(title, lexicon, sentences=sentences, **meta)


def _document_events(
    out: list[tuple[Any, ...]], doc: Document, part: str, events: EventLexicon
) -> None:
    """Append the event rows of one text (an article body or its headline), read from
    its :class:`~mediakit.document.Document`: its sentences, the label lexicon's scan
    and the voice of each trigger are the Document's, computed only when the text
    has a trigger candidate (and kept by the Document for any other table)."""
    text = doc.text
    candidates = events._candidates(text)
    if not candidates:
        return
    # An outside party (actor "") names no actor of the lexicon.
    actors = _Actors([(s, e, en.actor or None, en.kind) for s, e, en in doc.hits])
    covers = actors.covers
    candidates = [c for c in candidates if not covers(c[0], c[1])]
    if not candidates:
        return
    sentences = doc.sentences
    if not sentences:
        return
    rows: list[tuple[int, int, int, int, int, _Form, _Decision, _Rules]] = []
    any_in = actors.any_in
    for k, lo, hi, group in _sentence_windows(sentences, candidates):
        sent_lo, sent_hi = sentences[k]
        lo = _clip_window_start(text, lo, sent_lo)
        tk = _Tokens(text, lo, hi)
        n = tk.n
        if not n:
            continue
        tk_starts, tk_ends = tk.starts, tk.ends
        triggers: dict[int, tuple[int, _Form]] = {}
        for s, e, form in group:
            i = bisect_left(tk_starts, s)
            if i >= n or tk_starts[i] != s:
                continue
            j = bisect_left(tk_ends, e, lo=i)
            if j >= n:
                continue
            triggers[i] = (j + 1, form)
        at_start = lo <= sent_lo
        rules = _Rules(tk, triggers, None if at_start else (sent_lo, sent_hi), any_in)
        # The token where the sentence starts, for the clause-subject rules (past the
        # last token when the window starts later: the rules then read it apart).
        first = 0 if at_start else n
        decide, dropped = rules.decide, rules.dropped
        for i in sorted(triggers):
            after, form = triggers[i]
            decision = decide(i, after, form, first)
            if decision is None:
                dropped.add(i)
            else:
                rows.append((k, sent_lo, sent_hi, i, after, form, decision, rules))
    if not rows:
        return
    starts = [r[7].tk.starts[r[3]] for r in rows]
    ends = [r[7].tk.ends[r[4] - 1] for r in rows]
    voices, speakers = doc.voice_at(starts, ends)
    doc_id, outlet, date = doc.doc_id, doc.outlet, doc.date
    title = part == "title"
    for (k, sent_lo, sent_hi, _i, _after, form, d, rules), s, e, voice, speaker in zip(
        rows, starts, ends, voices, speakers, strict=True
    ):
        out.append((
            doc_id, outlet, date, part, -1 if title else k, sent_lo, sent_hi, s, e, text[s:e],
            form.verb_lemma if (d.lemma_verb and form.verb_lemma) else form.form,
            form.event_type, d.form, d.construction, d.rule,
            *_argument(text, rules, d.agent, actors), *_argument(text, rules, d.patient, actors),
            voice, speaker,
        ))


_NO_ARGUMENT = (None, None, None, None)


def _argument(
    text: str, rules: _Rules, span: tuple[int, ...] | None, actors: _Actors
) -> tuple[str | None, int | None, int | None, str | None]:
    """(text, start, end, actor) of an argument span, or NAs."""
    if span is None or span[1] <= span[0]:
        return _NO_ARGUMENT
    a, b, head_end = rules.char_span(span)
    return text[a:b], a, b, actors.actor_of(text, a, b, None if head_end < 0 else head_end)


_STRING_COLUMNS = ("agent", "agent_actor", "patient", "patient_actor", "speaker")
_NULLABLE_INT_COLUMNS = ("agent_start", "agent_end", "patient_start", "patient_end")
_INT_COLUMNS = ("sentence_id", "sentence_start", "sentence_end", "start", "end")


def _events_frame(cols: dict[str, list[Any]], corpus: pd.DataFrame) -> pd.DataFrame:
    arrays: dict[str, Any] = {}
    for name in EVENT_COLUMNS:
        values = cols[name]
        if name == "date":
            dtype = corpus["date"].dtype if "date" in corpus.columns else "datetime64[ns]"
            arrays[name] = pd.Series(values, dtype=dtype)
        elif name in _STRING_COLUMNS:
            arrays[name] = _string_array(values, _STRING_DTYPE)
        elif name in _NULLABLE_INT_COLUMNS:
            arrays[name] = _nullable_ints(values)
        elif name in _INT_COLUMNS:
            arrays[name] = np.array(values, dtype=np.int64)
        else:
            arrays[name] = _string_array(values, _STR_DTYPE)
    return pd.DataFrame(arrays, columns=list(EVENT_COLUMNS))


# The dtypes of pd.Series(values, dtype="string") and (..., dtype="str").
_STRING_DTYPE = pd.Series([], dtype="string").dtype
_STR_DTYPE = pd.Series([], dtype="str").dtype


def _string_array(values: list[Any], dtype: Any) -> Any:
    """``pd.array(values, dtype=dtype)`` for a list of str and None, built by pyarrow
    in one call where the dtype is stored in pyarrow (a few times faster; the same
    array)."""
    if getattr(dtype, "storage", None) == "pyarrow":
        import pyarrow as pa

        try:
            return pd.array(pa.array(values, type=pa.large_string()), dtype=dtype)  # type: ignore[call-overload]
        except (pa.ArrowInvalid, pa.ArrowTypeError):
            pass  # not only str and None (an id of another type): pandas converts
    return pd.array(values, dtype=dtype)


def _nullable_ints(values: list[int | None]) -> Any:
    """``pd.array(values, dtype="Int64")`` for a list of int and None, built from two
    numpy arrays (the values, None as 0, and the mask)."""
    n = len(values)
    data = np.fromiter((0 if v is None else v for v in values), dtype=np.int64, count=n)
    mask = np.fromiter((v is None for v in values), dtype=bool, count=n)
    return pd.arrays.IntegerArray(data, mask)


def find_events(
    corpus: pd.DataFrame,
    lexicon: LexiconLike | None = None,
    *,
    events: EventLexicon | str | os.PathLike[str] | Mapping[str, Any] | None = None,
) -> pd.DataFrame:
    """Every violent or coercive event trigger in the corpus, with its grammar.

    Parameters
    ----------
    corpus : DataFrame
        The corpus table (needs ``doc_id, outlet, text``; ``date`` and ``title`` are
        used when present). Never modified.
    lexicon : Lexicon, str, path, mapping or None
        The label lexicon whose actors name agents and patients, read by
        :func:`mediakit.lexicon.resolve_lexicon` as everywhere (None: the bundled
        ``conflict``; name the one you mean, ``"marenna"`` for the bundled sample).
    events : EventLexicon, str, path or dict, optional
        The event lexicon (:func:`load_event_lexicon`); None: the bundled ``violence``.

    Returns
    -------
    DataFrame
        One row per event trigger, in corpus order, headline first, then text order.
        Columns (:data:`EVENT_COLUMNS`):

        * ``doc_id``, ``outlet`` (str), ``date`` (the corpus's date dtype);
        * ``part`` (str): ``"title"`` for the headline, ``"body"`` for the text;
        * ``sentence_id`` (int64): as in :func:`mediakit.text.sentences`; ``-1`` for
          the headline;
        * ``sentence_start``, ``sentence_end`` (int64): the sentence's offsets;
        * ``start``, ``end`` (int64), ``trigger`` (str): the trigger,
          ``source[start:end] == trigger`` where ``source`` is the article text for
          body rows and the title for title rows (so for every offset of the row);
        * ``lemma`` (str): the verb's base form ("kill" for "killed", "killing") or
          the noun or adjective itself ("death toll", "dead");
        * ``event_type`` (str): one of :data:`EVENT_TYPES`;
        * ``form`` (str): how the trigger was read: ``verb``, ``intransitive``,
          ``noun`` or ``adjective``;
        * ``construction`` (str): one of :data:`CONSTRUCTIONS`;
        * ``rule`` (str): the rule that decided the construction (module docstring);
        * ``agent``, ``patient`` (string, NA when none): the text of the argument;
          ``agent_start``, ``agent_end``, ``patient_start``, ``patient_end`` (Int64,
          NA when none); ``agent_actor``, ``patient_actor`` (string): the label
          lexicon's actor named inside the span, NA when none;
        * ``voice`` (str: ``narration``, ``quote``, ``scare_quote``) and ``speaker``
          (string, NA when unknown) of the trigger, from
          :func:`mediakit.voice.voice_spans`.

        A corpus with no event gives an empty table with these columns.

    Raises
    ------
    TypeError, MissingColumnsError
        ``corpus`` is not a DataFrame or lacks a needed column (a
        :class:`~mediakit.errors.CorpusError`).
    LexiconError
        A malformed label or event lexicon (the message names the entry).

    Examples
    --------
    >>> import mediakit as mk
    >>> events = mk.find_events(mk.load_sample(), "marenna")
    >>> events.groupby("outlet")["construction"].value_counts(normalize=True)  # doctest: +SKIP
    """
    check_table(corpus, ("doc_id", "outlet", "text"), caller="find_events", table_name="corpus")
    lex = resolve_lexicon(lexicon)
    event_lexicon = load_event_lexicon(events)
    rows: list[tuple[Any, ...]] = []
    dates = corpus["date"].tolist() if "date" in corpus.columns else [pd.NaT] * len(corpus)
    titles = corpus["title"].tolist() if "title" in corpus.columns else [""] * len(corpus)
    for doc_id, outlet, date, title, text in zip(
        corpus["doc_id"].tolist(), corpus["outlet"].tolist(), dates, titles,
        corpus["text"].tolist(), strict=True,
    ):
        body = Document(_text_value(text), lex, doc_id=doc_id, outlet=outlet, date=date)
        _article_events(rows, body, title, event_lexicon)
    return _event_rows_frame(rows, corpus)


def _article_events(out: list[tuple[Any, ...]], body: Document, title: Any, events: EventLexicon) -> None:
    """Append the event rows of one article: its headline's (``title``, any corpus
    value; a missing one is ""), then its text's, read from ``body``, the article's
    :class:`~mediakit.document.Document` (the one :func:`mediakit.analyze` builds
    its tables from, with ``analyze(events=...)``, so that nothing is split, scanned or
    attributed twice)."""
    assert body.lexicon is not None  # the actors of agents and patients
    title_doc = _title_document(_text_value(title), body.lexicon, doc_id=body.doc_id,
                                outlet=body.outlet, date=body.date)
    _document_events(out, title_doc, "title", events)
    _document_events(out, body, "body", events)


def _event_rows_frame(rows: list[tuple[Any, ...]], corpus: pd.DataFrame) -> pd.DataFrame:
    """The events table of rows appended by :func:`_article_events` (``corpus`` gives
    the date dtype)."""
    columns = list(zip(*rows)) if rows else [()] * len(EVENT_COLUMNS)
    return _events_frame(dict(zip(EVENT_COLUMNS, map(list, columns), strict=True)), corpus)
