"""Who is speaking at each character: narration, direct quotation, scare quote (issue 3)."""

from __future__ import annotations

import pandas as pd

__all__ = ["VoiceSpan", "voice_spans", "find_quotes"]


def voice_spans(text: str) -> list:
    """Non-narration spans of ``text`` (quotes and scare quotes) with their speakers."""
    raise NotImplementedError("issue 3: voice_spans")


def find_quotes(corpus: pd.DataFrame) -> pd.DataFrame:
    """One row per quotation: ``doc_id, start, end, voice, speaker, text``."""
    raise NotImplementedError("issue 3: find_quotes")
