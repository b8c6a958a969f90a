"""Exceptions raised by mediakit.

Every error about input data names where the problem is: the file, the line or row,
and the column, so a researcher can open the file and fix it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

__all__ = [
    "CorpusError",
    "CorpusWarning",
    "InvalidParameterError",
    "LexiconError",
    "MediakitError",
    "MissingColumnsError",
]


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


class MissingColumnsError(CorpusError):
    """A table lacks columns a function needs.

    ``caller`` is the function, ``table`` what the table is (``"corpus"``,
    ``"mentions"``), ``missing`` and ``present`` the column names, and ``hint`` an
    optional sentence on how to get such a table, added to the message. It is a
    :class:`~mediakit.errors.CorpusError` (so a ``ValueError`` and a
    :class:`~mediakit.errors.MediakitError`) whose ``column`` is the first missing one.
    """

    def __init__(self, *, caller: str, table: str, missing: Sequence[str],
                 present: Sequence[Any], hint: str | None = None) -> None:
        self.caller = caller
        self.table = table
        self.missing = list(missing)
        self.present = [str(c) for c in present]
        named = " or ".join(repr(c) for c in self.missing)
        if hint is None and table == "mentions" and {"sentence", "sentence_masked"} & set(self.missing):
            # analyze's mentions point at their sentence instead of carrying it
            hint = ("an analysis's mentions point at their sentence: join its text "
                    "with Analysis.mentions_with_sentences() or "
                    "mediakit.mention_sentences(mentions, sentences)")
        self.hint = hint
        super().__init__(
            f"{caller}: the {table} table is missing column(s) {self.missing} "
            f"(no {named} column); it has {self.present}" + (f"; {hint}" if hint else "")
        )
        # Set after formatting: the message already names the columns.
        self.column = self.missing[0] if self.missing else None


class InvalidParameterError(MediakitError, ValueError, TypeError):
    """A parameter's value satisfies none of the values or ranges it accepts.

    It is a ``ValueError`` and a ``TypeError``: ``n_boot=2.5`` and ``n_boot=-1`` are
    both refused with this one type, naming the function, the parameter, what it
    accepts and what it got.
    """


class LexiconError(MediakitError, ValueError):
    """A lexicon is malformed or a label is not in it.

    ``reason`` says what is wrong; ``file``, ``actor``, ``label`` and ``pattern`` say
    where (each None when it does not apply). The message starts with the place:
    ``"my.yaml, actor 'rebels', label 'rebel', pattern 'rebel[s': ..."``.
    """

    def __init__(
        self,
        reason: str,
        *,
        file: str | None = None,
        actor: str | None = None,
        label: str | None = None,
        pattern: Any = None,
    ) -> None:
        self.reason = reason
        self.file = file
        self.actor = actor
        self.label = label
        self.pattern = pattern
        where = []
        if file is not None:
            where.append(str(file))
        if actor is not None:
            where.append(f"actor {actor!r}")
        if label is not None:
            where.append(f"label {label!r}")
        if pattern is not None:
            where.append(f"pattern {pattern!r}")
        super().__init__(f"{', '.join(where)}: {reason}" if where else reason)


class CorpusWarning(UserWarning):
    """Something in the input was loaded with a fallback the user should know about.

    Examples: a file that is not UTF-8 decoded with a guessed encoding, an unparseable
    date stored as NaT, records skipped under ``errors="skip"``. The message names the
    file (and row and column where they apply).
    """
