"""Exceptions raised by mediakit.

Every error about input data names where the problem is: the file, the line or row,
and the column, so a researcher can open the file and fix it.
"""

from __future__ import annotations

__all__ = ["MediakitError", "CorpusError", "CorpusWarning", "LexiconError"]


class MediakitError(Exception):
    """Base class of every error mediakit raises on purpose."""


class CorpusError(MediakitError, ValueError):
    """A corpus input record or file is unusable.

    ``file``, ``row`` (1-based line or data row) and ``column`` say where; each may be
    None when it does not apply (a whole file is binary, say).
    """

    def __init__(
        self,
        reason: str,
        *,
        file: str | None = None,
        row: int | None = None,
        column: str | None = None,
    ) -> None:
        self.reason = reason
        self.file = file
        self.row = row
        self.column = column
        super().__init__(self._format())

    def _format(self) -> str:
        where = []
        if self.file is not None:
            where.append(str(self.file))
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column {self.column!r}")
        return f"{', '.join(where)}: {self.reason}" if where else self.reason


class LexiconError(MediakitError, ValueError):
    """A lexicon is malformed; the message names the actor, label and pattern at fault."""


class CorpusWarning(UserWarning):
    """Something in the input was loaded with a fallback the user should know about.

    Examples: a file that is not UTF-8 decoded with a guessed encoding, an unparseable
    date stored as NaT, records skipped under ``errors="skip"``. The message names the
    file (and row and column where they apply).
    """
