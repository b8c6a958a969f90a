"""The mentions table, KWIC, collocates and the lexicon audit (issue 3)."""

from __future__ import annotations

__all__ = ["find_mentions", "kwic", "collocates", "audit_lexicon"]


def find_mentions(corpus, lexicon):
    raise NotImplementedError("issue 3: find_mentions")


def kwic(corpus, pattern_or_lexicon, *, window=5, unit="words"):
    raise NotImplementedError("issue 3: kwic")


def collocates(corpus, target, *, window=5, measure="logdice"):
    raise NotImplementedError("issue 3: collocates")


def audit_lexicon(corpus, lexicon):
    raise NotImplementedError("issue 3: audit_lexicon")
