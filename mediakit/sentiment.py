"""VADER tone, sentence by sentence, typography-safe and label-masked (issue 4)."""

from __future__ import annotations

__all__ = ["score_texts", "score_sentences", "score_documents", "score_mentions"]


def score_texts(texts):
    raise NotImplementedError("issue 4: score_texts")


def score_sentences(sentences):
    raise NotImplementedError("issue 4: score_sentences")


def score_documents(sentences):
    raise NotImplementedError("issue 4: score_documents")


def score_mentions(mentions, lexicon):
    raise NotImplementedError("issue 4: score_mentions")
