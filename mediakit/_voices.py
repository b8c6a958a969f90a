"""The one reading of a ``voice=`` argument, shared by framing and compare.

Every function that filters by voice accepts the same values: ``None`` or ``"all"``
(every voice), one of :data:`mediakit.voice.VOICES` (``"narration"``, ``"quote"``,
``"scare_quote"``) or a list of them; the comparisons of :mod:`mediakit.compare`
also accept ``"split"`` (each voice reported separately).
"""

from __future__ import annotations

from typing import Any

from .voice import VOICES

ALL = "all"
SPLIT = "split"


def _parse_voice(
    voice: Any, *, split: bool = False, function: str | None = None
) -> tuple[frozenset[str] | None, str]:
    """``(voices kept, name)`` for a ``voice=`` argument, or a clear ValueError.

    ``voices kept`` is None when every voice is kept (``None``, ``"all"``, a list of
    all three voices, and ``"split"``, which keeps every voice and groups by it).
    ``name`` is what a result records: ``"all"``, ``"split"``, one voice, or the
    chosen voices joined by ``"+"`` in the order of ``VOICES``
    (``"narration+scare_quote"``). ``split=False`` rejects ``"split"``, naming
    ``function`` in the message.
    """
    where = f"{function}: " if function else ""
    accepted = f"None, 'all', {', '.join(map(repr, VOICES))}, a list of these"
    if split:
        accepted += " or 'split'"
    if voice is None:
        return None, ALL
    if isinstance(voice, str):
        if voice == ALL:
            return None, ALL
        if voice == SPLIT:
            if not split:
                raise ValueError(f"{function or 'this function'} takes one voice at a time, "
                                 f"not 'split': voice must be one of {accepted}")
            return None, SPLIT
        if voice in VOICES:
            return frozenset([voice]), voice
        raise ValueError(f"{where}unknown voice {voice!r}: voice must be one of {accepted}")
    if isinstance(voice, bytes) or not hasattr(voice, "__iter__"):
        raise TypeError(f"{where}voice must be a string, a list of strings or None, "
                        f"got {type(voice).__name__}")
    chosen = list(voice)
    unknown = sorted({repr(v) for v in chosen if not isinstance(v, str) or v not in VOICES})
    if unknown:
        raise ValueError(f"{where}unknown voice(s) [{', '.join(unknown)}] in the list; "
                         f"a list may hold {', '.join(map(repr, VOICES))}")
    if not chosen:
        raise ValueError(f"{where}voice is an empty list: voice must be one of {accepted}")
    kept = frozenset(chosen)
    if kept == frozenset(VOICES):
        return None, ALL
    name = "+".join(v for v in VOICES if v in kept)
    return kept, name
