"""``analyze()``: the one call notebooks and scripts use (issue 4)."""

from __future__ import annotations

__all__ = ["Analysis", "analyze"]


class Analysis:
    pass


def analyze(corpus, lexicon=None):
    raise NotImplementedError("issue 4: analyze")
