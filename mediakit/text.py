"""Sentences and tokens with character offsets into the original text (issue 3).

Offsets always index the article text exactly as loaded: ``text[start:end]`` is the
sentence or token. NLTK-based and offline: nothing is downloaded.
"""

from __future__ import annotations

import pandas as pd

__all__ = ["split_sentences", "tokenize", "sentences"]


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Character spans ``(start, end)`` of the sentences of ``text``, in order."""
    raise NotImplementedError("issue 3: split_sentences")


def tokenize(text: str) -> list[tuple[int, int]]:
    """Character spans of word tokens; hyphenated compounds stay one token."""
    raise NotImplementedError("issue 3: tokenize")


def sentences(corpus: pd.DataFrame) -> pd.DataFrame:
    """The sentences table: ``doc_id, sentence_id, start, end, text``."""
    raise NotImplementedError("issue 3: sentences")
