"""Lexicons: actors -> competing labels -> token-glob patterns (issue 3)."""

from __future__ import annotations

__all__ = ["Lexicon", "load_lexicon", "list_lexicons"]


class Lexicon:
    def __init__(self, *args, **kwargs) -> None:
        raise NotImplementedError("issue 3: Lexicon")


def load_lexicon(name_or_path):
    raise NotImplementedError("issue 3: load_lexicon")


def list_lexicons():
    raise NotImplementedError("issue 3: list_lexicons")
