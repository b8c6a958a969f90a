"""Comparing outlets with uncertainty (issue 5)."""

from __future__ import annotations

__all__ = [
    "label_shares",
    "label_rates",
    "tone_by_label",
    "label_shares_over_time",
    "distinguishing_words",
    "distinguishing_contexts",
    "find_duplicates",
]


def label_shares(mentions, *, actor, by="outlet", unit="mention", voice="narration"):
    raise NotImplementedError("issue 5")


def label_rates(mentions, documents, **kwargs):
    raise NotImplementedError("issue 5")


def tone_by_label(mentions, **kwargs):
    raise NotImplementedError("issue 5")


def label_shares_over_time(mentions, **kwargs):
    raise NotImplementedError("issue 5")


def distinguishing_words(corpus, **kwargs):
    raise NotImplementedError("issue 5")


def distinguishing_contexts(mentions, **kwargs):
    raise NotImplementedError("issue 5")


def find_duplicates(corpus, **kwargs):
    raise NotImplementedError("issue 5")
