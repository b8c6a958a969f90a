"""How system output is matched to gold: spans, speakers, F1 and intervals.

Used by ``benchmarks/accuracy.py`` and ``build_gold.py``; pinned by
``tests/test_validation_scorer.py`` with values computed by hand.

Spans
    Quotations match when their overlap is at least half of their union (Jaccard
    >= 0.5), one to one, largest overlap first: a quotation that runs on past its end
    (to the end of the article) does not match. Label mentions and event triggers
    match when they share at least one character (mediakit may report "opposition
    fighters" as one match where the gold has two words).

Speakers (lenient in these documented ways only)
    Both names are normalised: lower case; the full stops of an abbreviation are
    dropped ("U.S." is "US"); hyphens, other full stops, commas and apostrophes become
    spaces; a leading "the", "a" or "an" is dropped; leading titles
    and honorifics (Dr, Mr, Sir, President, Minister, General, Sheikh, ...) are
    dropped, repeatedly. Then a system speaker is right when the normalised names are
    equal, or, for a gold ``person`` or ``description``, when the system's words are
    some of the gold's words ending with the same last word: the surname or a shorter
    form ("Haddad" for "Samir Haddad"; "Assad" for "Bashar al-Assad"; "the ministers"
    for "Arab League foreign ministers"), never extra words ("der Michael Howard" is
    not "Michael Howard"). An organisation must be named in full ("Human Rights" is
    not "Syrian Observatory for Human Rights"). A pronoun (he, she, it, they, ...) is
    never right.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

__all__ = [
    "TITLES", "excerpt", "f1", "match_overlapping", "match_spans", "normalise_name",
    "speaker_matches", "wilson",
]

TITLES = frozenset("""
dr doctor mr mrs ms miss sir dame lord lady prof professor president vice prime minister
deputy foreign defence defense interior general gen lt lieutenant col colonel maj major
brig brigadier capt captain sgt sergeant sheikh shaikh imam king queen prince princess
emir ambassador envoy commissioner spokesman spokeswoman spokesperson senator rep
secretary chancellor chief commander mayor governor judge justice rev reverend father
pope patriarch mufti cleric leader founder chairman chairwoman chair director head
""".split())
_PRONOUNS = frozenset("he she it they him her them we i you his its their".split())
_ARTICLES = ("the", "a", "an")
_PUNCT_RE = re.compile(r"[-\u2010\u2011\u2013\u2014.,'\u2019\"\u201c\u201d()]")
_SPACE_RE = re.compile(r"\s+")
_ABBREVIATION_RE = re.compile(r"\b(?:[A-Za-z]\.){2,}")


def normalise_name(name: str | None) -> str:
    """The name as compared: lower case, no punctuation, no leading article or titles."""
    if name is None or (isinstance(name, float) and math.isnan(name)):
        return ""
    # "U.S.-led coalition" and "US-led coalition" are one name: an abbreviation's full
    # stops go before the other punctuation becomes spaces ("u s led" would not match).
    text = _ABBREVIATION_RE.sub(lambda m: m.group(0).replace(".", ""), str(name))
    words = _SPACE_RE.sub(" ", _PUNCT_RE.sub(" ", text.lower())).strip().split(" ")
    words = [w for w in words if w]
    while words and words[0] in _ARTICLES:
        words = words[1:]
    while len(words) > 1 and words[0] in TITLES:
        words = words[1:]
    return " ".join(words)


def speaker_matches(system: str | None, gold: str | None, *, gold_kind: str = "person") -> bool:
    """Whether a system speaker names the gold speaker (rules in the module docstring)."""
    s, g = normalise_name(system), normalise_name(gold)
    if not s or not g or s in _PRONOUNS:
        return False
    if s == g:
        return True
    if gold_kind not in ("person", "description"):
        return False
    s_words, g_words = s.split(" "), g.split(" ")
    return s_words[-1] == g_words[-1] and set(s_words) <= set(g_words)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def match_spans(
    gold: Sequence[tuple[int, int]], system: Sequence[tuple[int, int]], *, min_jaccard: float = 0.5,
) -> list[tuple[int, int]]:
    """One-to-one (gold index, system index) pairs with Jaccard overlap >= ``min_jaccard``."""
    candidates = []
    for gi, g in enumerate(gold):
        for si, s in enumerate(system):
            inter = _overlap(g, s)
            if inter <= 0:
                continue
            union = max(g[1], s[1]) - min(g[0], s[0])
            if inter / union >= min_jaccard:
                candidates.append((-inter / union, gi, si))
    pairs, used_g, used_s = [], set(), set()
    for _, gi, si in sorted(candidates):
        if gi in used_g or si in used_s:
            continue
        pairs.append((gi, si))
        used_g.add(gi)
        used_s.add(si)
    return sorted(pairs)


def match_overlapping(
    gold: Sequence[tuple[int, int]], system: Sequence[tuple[int, int]],
) -> tuple[dict[int, int], set[int]]:
    """(gold index -> its best-overlapping system index, system indices overlapping any gold).

    Many to one: one system match may cover two gold words ("opposition fighters").
    """
    best: dict[int, int] = {}
    hit: set[int] = set()
    for gi, g in enumerate(gold):
        top = 0
        for si, s in enumerate(system):
            inter = _overlap(g, s)
            if inter > 0:
                hit.add(si)
                if inter > top:
                    top, best[gi] = inter, si
    return best, hit


def wilson(successes: float, n: float, *, z: float = 1.959963984540054) -> tuple[float, float]:
    """Wilson score 95% interval of a proportion; (nan, nan) when n is 0."""
    if n <= 0:
        return float("nan"), float("nan")
    p = successes / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


def f1(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """(precision, recall, F1); nan where a denominator is 0."""
    precision = tp / (tp + fp) if tp + fp else float("nan")
    recall = tp / (tp + fn) if tp + fn else float("nan")
    score = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else float("nan")
    return precision, recall, score


def excerpt(text: str, start: int, end: int, *, max_words: int = 12) -> str:
    """At most ``max_words`` words around ``text[start:end]``, the span in brackets.

    A span of ``max_words`` words or more is cut to its first six and last five words.
    """
    span_words = text[start:end].split()
    if len(span_words) >= max_words:
        return "[" + " ".join(span_words[:6]) + " \u2026 " + " ".join(span_words[-5:]) + "]"
    left = text[:start].split()
    right = text[end:].split()
    room = max_words - len(span_words)
    take_left = min(len(left), room // 2)
    take_right = min(len(right), room - take_left)
    take_left = min(len(left), room - take_right)
    parts = left[len(left) - take_left:] + ["[" + " ".join(span_words) + "]"] + right[:take_right]
    return " ".join(parts)
