"""The label-mention inventory of the coding guide, as code (``CODING.md``, section 3).

Every word listed here is a *candidate* label mention: annotators see each candidate
in their packet and decide for every one whether it is a label mention and, if so,
its form, voice, speaker, referent and scope. The list is deliberately a plain word
list (not mediakit's lexicon scan), so the packets carry no analysis of mediakit's.

Tiers
    ``core``: the label families the bundled ``syria`` and ``conflict`` lexicons count
    (terrorist, jihadist, extremist, militant, insurgent, rebel, opposition,
    revolutionary, fighters, armed group/faction, terror group, government, regime,
    army, loyalist, militia, the state-forces phrases) and every hyphenated compound
    built on one of those words (rebel-held, pro-government, anti-regime, ...) or
    ending in ``-backed`` or ``-led`` (Turkish-backed, Kurdish-led, US-led).
    ``extended``: labels for armed people the lexicons do not list (troops,
    soldiers, gunmen, mercenaries, a single fighter); coded the same way and scored
    apart.

Tokens are runs of letters and digits joined by hyphens or apostrophes; a possessive
``'s`` (or a final apostrophe) is left outside the candidate's span.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Candidate", "candidates", "CORE_WORDS", "EXTENDED_WORDS"]

_HYPHENS = "-\u2010\u2011"
_TOKEN_RE = re.compile(r"[^\W_]+(?:[" + _HYPHENS + r"'\u2019][^\W_]+)*")

#: One word (or one part of a hyphenated compound) of a core label family.
CORE_WORDS = re.compile(
    r"(?:terrorists?|jihadis?|jihadists?|extremists?|militants?|insurgents?|rebels?"
    r"|oppositions?|revolutionary|revolutionaries|fighters|governments?|regimes?"
    r"|army|armies|armys|loyalists?|militia|militias|militiam[ae]n)",
    re.IGNORECASE,
)
#: A whole word of the extended tier.
EXTENDED_WORDS = re.compile(
    r"(?:troops?|soldiers?|gunm[ae]n|mercenar(?:y|ies)|fighter)", re.IGNORECASE
)
# Two-word phrases that are one candidate: the first word is not a label word by
# itself ("armed", "terror", "security", "Syrian", "Kurdish"), the phrase is a label.
_PHRASE_FIRST = {
    "armed": {"group", "groups", "faction", "factions", "forces"},
    "terror": {"group", "groups", "organisation", "organisations", "organization",
               "organizations", "cell", "cells", "network", "networks", "outfit", "outfits"},
    "security": {"forces"},
    "state": {"forces"},
    "syrian": {"forces", "troops"},
    "kurdish": {"forces"},
}
_COMPOUND_ENDS = {"backed", "led"}


@dataclass(frozen=True)
class Candidate:
    """One candidate label mention: ``text[start:end] == surface``."""

    cid: str
    start: int
    end: int
    surface: str
    tier: str  # "core" or "extended"


def _strip_possessive(text: str, start: int, end: int) -> int:
    token = text[start:end]
    for suffix in ("'s", "\u2019s", "'S", "\u2019S"):
        if token.endswith(suffix) and len(token) > len(suffix):
            return end - len(suffix)
    return end


def _is_core(token: str) -> bool:
    parts = re.split("[" + _HYPHENS + "]", token)
    if len(parts) == 1:
        return CORE_WORDS.fullmatch(token) is not None
    if any(CORE_WORDS.fullmatch(part) for part in parts):
        return True
    return parts[-1].lower() in _COMPOUND_ENDS and all(parts)


def candidates(text: str) -> list[Candidate]:
    """Every candidate label mention of ``text``, in text order, ids ``c1``, ``c2``, ...

    Phrases ("armed groups", "security forces") are one candidate; no character
    belongs to two candidates.
    """
    tokens = []
    for m in _TOKEN_RE.finditer(text):
        end = _strip_possessive(text, m.start(), m.end())
        tokens.append((m.start(), end, text[m.start():end]))
    found: list[tuple[int, int, str]] = []
    i = 0
    while i < len(tokens):
        start, end, token = tokens[i]
        low = token.lower()
        if low in _PHRASE_FIRST and i + 1 < len(tokens):
            n_start, n_end, nxt = tokens[i + 1]
            gap = text[end:n_start]
            if nxt.lower() in _PHRASE_FIRST[low] and gap.strip() == "" and gap:
                found.append((start, n_end, "core"))
                i += 2
                continue
        if _is_core(token):
            found.append((start, end, "core"))
        elif low == "loyal" and re.match(r"\s+to\b", text[end:end + 6]):
            found.append((start, end, "core"))
        elif EXTENDED_WORDS.fullmatch(token):
            found.append((start, end, "extended"))
        i += 1
    return [
        Candidate(f"c{k}", s, e, text[s:e], tier)
        for k, (s, e, tier) in enumerate(found, start=1)
    ]
