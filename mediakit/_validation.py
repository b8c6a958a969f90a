"""One validation layer for every public function (tables, scalars, options, voice).

Every public function checks its inputs here, so that the same mistake gets the same
exception type and the same message shape wherever it is made:

* :func:`check_table`: a DataFrame with the columns a function needs, or a
  :class:`MissingColumnsError` naming the caller, the missing columns and the columns
  the table has.
* :func:`validate_params`: a decorator in the style of scikit-learn's
  ``_param_validation``: each parameter lists the constraints it may satisfy
  (:class:`Interval`, :class:`Options`, a type, or None), and a call that satisfies
  none raises :class:`InvalidParameterError` naming the function, the parameter, what
  it accepts and what it got. ``True`` is never taken for an integer.
* :func:`parse_voice`: the one reading of a ``voice=`` argument.

The errors are subclasses of :class:`mediakit.errors.MediakitError` and of the builtin
exception a Python user would expect (``ValueError``, and ``TypeError`` for a value of
the wrong type), so ``except ValueError`` keeps working.
"""

from __future__ import annotations

import functools
import inspect
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from numbers import Integral, Real
from typing import Any, TypeVar

import pandas as pd

from .errors import InvalidParameterError, MissingColumnsError

__all__ = [
    "ALL_VOICES",
    "COLUMN_NAMES",
    "DEFAULT_VOICE",
    "DOC_IDS",
    "SPLIT_VOICES",
    "VOICES",
    "Interval",
    "InvalidParameterError",
    "MissingColumnsError",
    "Options",
    "check_table",
    "parse_voice",
    "validate_params",
]

#: The voices a character of an article can have (see :mod:`mediakit.voice`).
VOICES: tuple[str, ...] = ("narration", "quote", "scare_quote")
#: ``voice=`` value that pools every voice.
ALL_VOICES = "all"
#: ``voice=`` value that reports each voice separately (grids only).
SPLIT_VOICES = "split"

#: The default ``voice=`` of every function that *counts* (the comparisons of
#: :mod:`mediakit.compare` and :mod:`mediakit.agency`): the outlet's own words.
#:
#: The one rule, stated here and in the README: a function that counts or compares
#: labels, words or events counts ``"narration"`` unless told otherwise, since a label
#: inside a quotation is the speaker's word, not the outlet's; a function that finds
#: or shows evidence (:func:`mediakit.find_mentions`, :func:`mediakit.find_quotes`,
#: :func:`mediakit.kwic`, :func:`mediakit.collocates`) keeps every voice (``None``)
#: and marks each row's voice in a ``voice`` column, so nothing is hidden from the
#: reader. The one comparison that departs from it,
#: :func:`mediakit.distinguishing_contexts` (``"all"``), argues why in its docstring.
#: Every result records the voice it counted in its ``voice`` column.
DEFAULT_VOICE = "narration"


def check_table(
    table: Any, required: Iterable[str], *, caller: str, table_name: str = "input",
    hint: str | None = None,
) -> pd.DataFrame:
    """Return ``table`` if it is a DataFrame holding every ``required`` column.

    The one check of required columns in mediakit: every function that needs columns
    of a table it is given calls it (``hint``, a sentence on how to get such a table,
    ends the error message).

    Raises
    ------
    TypeError
        ``table`` is not a DataFrame (the message names ``caller``).
    MissingColumnsError
        Some required columns are absent.
    """
    if not isinstance(table, pd.DataFrame):
        raise TypeError(
            f"{caller}: expected a pandas DataFrame (the {table_name} table), "
            f"got {type(table).__name__}"
        )
    missing = [c for c in required if c not in table.columns]
    if missing:
        raise MissingColumnsError(caller=caller, table=table_name, missing=missing,
                                  present=list(table.columns), hint=hint)
    return table


# ----------------------------------------------------------------------------------
# Parameter constraints


@dataclass(frozen=True)
class Interval:
    """Numbers of ``kind`` (``Integral`` or ``Real``) between ``left`` and ``right``.

    ``None`` is an open end. ``closed`` is ``"both"``, ``"left"``, ``"right"`` or
    ``"neither"``. ``Integral`` rejects floats (``2.5`` and ``2.0``) and booleans;
    ``Real`` accepts ints and rejects booleans and NaN.
    """

    kind: type
    left: float | None
    right: float | None
    closed: str = "both"

    def __post_init__(self) -> None:
        if self.closed not in ("both", "left", "right", "neither"):
            raise ValueError(f"Interval: closed must be both, left, right or neither, "
                             f"got {self.closed!r}")
        if self.kind not in (Integral, Real):
            raise ValueError("Interval: kind must be numbers.Integral or numbers.Real")

    def type_ok(self, value: Any) -> bool:
        if isinstance(value, bool) or not isinstance(value, self.kind):
            return False
        return not (isinstance(value, float) and math.isnan(value))

    def is_satisfied_by(self, value: Any) -> bool:
        if not self.type_ok(value):
            return False
        if self.left is not None:
            if value < self.left or (value == self.left and self.closed in ("right", "neither")):
                return False
        if self.right is not None:
            if value > self.right or (value == self.right and self.closed in ("left", "neither")):
                return False
        return True

    def __str__(self) -> str:
        what = "an int" if self.kind is Integral else "a number"
        lo = "-inf" if self.left is None else f"{self.left:g}"
        hi = "inf" if self.right is None else f"{self.right:g}"
        open_left = self.left is None or self.closed in ("right", "neither")
        open_right = self.right is None or self.closed in ("left", "neither")
        return f"{what} in {'(' if open_left else '['}{lo}, {hi}{')' if open_right else ']'}"


@dataclass(frozen=True)
class Options:
    """One of a fixed set of values (strings, usually)."""

    values: tuple[Any, ...]

    def __init__(self, values: Iterable[Any]) -> None:
        object.__setattr__(self, "values", tuple(values))

    def type_ok(self, value: Any) -> bool:
        return isinstance(value, tuple({type(v) for v in self.values}))

    def is_satisfied_by(self, value: Any) -> bool:
        try:
            return value in self.values
        except TypeError:  # unhashable or uncomparable values are simply not options
            return False

    def __str__(self) -> str:
        return "one of " + ", ".join(repr(v) for v in self.values)


def _satisfies(constraint: Any, value: Any) -> bool:
    if constraint is None:
        return value is None
    if isinstance(constraint, (Interval, Options)):
        return constraint.is_satisfied_by(value)
    if isinstance(constraint, type):
        return isinstance(value, constraint) and not (
            constraint in (int, Integral, float, Real) and isinstance(value, bool)
        )
    if callable(constraint):
        return bool(constraint(value))
    raise TypeError(f"unknown constraint {constraint!r}")


def _describe(constraint: Any) -> str:
    if constraint is None:
        return "None"
    if isinstance(constraint, type):
        return {int: "an int", float: "a float", str: "a string", bool: "True or False",
                Integral: "an int", Real: "a number"}.get(constraint,
                                                         f"a {constraint.__name__}")
    if isinstance(constraint, (Interval, Options)):
        return str(constraint)
    return getattr(constraint, "description", getattr(constraint, "__name__", repr(constraint)))


def _wrong_type(constraints: Sequence[Any], value: Any) -> bool:
    """True when no constraint accepts a value of this type at all (a TypeError)."""
    for c in constraints:
        if c is None and value is None:
            return False
        if isinstance(c, (Interval, Options)) and c.type_ok(value):
            return False
        if isinstance(c, type) and _satisfies(c, value):
            return False
        if c is not None and not isinstance(c, (Interval, Options, type)):
            return False  # a predicate: cannot tell, call it a value error
    return True


def check_param(name: str, value: Any, constraints: Sequence[Any], *, caller: str) -> Any:
    """Return ``value`` if it satisfies one of ``constraints``, else raise.

    Raises
    ------
    InvalidParameterError
        Naming ``caller``, the parameter, what it accepts and what it got.
    """
    if any(_satisfies(c, value) for c in constraints):
        return value
    accepted = " or ".join(_describe(c) for c in constraints)
    kind = type(value).__name__
    raise InvalidParameterError(
        f"{caller}: {name} must be {accepted}; got {value!r}"
        + (f" ({kind})" if _wrong_type(constraints, value) else "")
    )


def _column_names(value: Any) -> bool:
    if isinstance(value, str):
        return True
    return isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value)


_column_names.description = "a column name or a list of column names"  # type: ignore[attr-defined]
#: Constraint of a ``by=`` argument: one column name or a list (or tuple) of them.
COLUMN_NAMES: Callable[[Any], bool] = _column_names


def _doc_ids(value: Any) -> bool:
    if value is None or isinstance(value, str):
        return True
    return not isinstance(value, (bytes, Mapping)) and isinstance(value, Iterable)


_doc_ids.description = (  # type: ignore[attr-defined]
    "None, a doc_id or an iterable of doc_ids")
#: Constraint of an ``exclude_docs=`` argument: None, one ``doc_id`` or an iterable.
DOC_IDS: Callable[[Any], bool] = _doc_ids


F = TypeVar("F", bound=Callable[..., Any])


def validate_params(constraints: Mapping[str, Sequence[Any]]) -> Callable[[F], F]:
    """Decorator: check the named parameters of every call against ``constraints``.

    ``constraints`` maps a parameter name to the list of constraints it may satisfy
    (any one is enough). Parameters not listed are not checked here. The checks run
    before the function body, so a bad value never costs a long computation first.
    """

    def decorate(function: F) -> F:
        signature = inspect.signature(function)
        unknown = set(constraints) - set(signature.parameters)
        if unknown:
            raise TypeError(f"validate_params: {function.__name__} has no parameter(s) "
                            f"{sorted(unknown)}")
        caller = function.__name__

        @functools.wraps(function)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            try:
                bound = signature.bind(*args, **kwargs)
            except TypeError as exc:  # name the function, as a plain call would
                raise TypeError(f"{caller}(): {exc}") from None
            bound.apply_defaults()
            for name, allowed in constraints.items():
                check_param(name, bound.arguments[name], allowed, caller=caller)
            return function(*args, **kwargs)

        return wrapper  # type: ignore[return-value]

    return decorate


# ----------------------------------------------------------------------------------
# voice=


def parse_voice(
    voice: Any, *, split: bool = False, caller: str | None = None
) -> tuple[frozenset[str] | None, str]:
    """``(voices kept, name)`` for a ``voice=`` argument, or a clear error.

    Every function that filters by voice accepts the same values: ``None`` or
    ``"all"`` (every voice), one of :data:`VOICES` or a list of them; functions that
    report a grid also accept ``"split"`` (each voice reported separately; pass
    ``split=True``).

    ``voices kept`` is None when every voice is kept (``None``, ``"all"``, a list of
    all three voices, and ``"split"``, which keeps every voice and groups by it).
    ``name`` is what a result records: ``"all"``, ``"split"``, one voice, or the
    chosen voices joined by ``"+"`` in the order of ``VOICES``
    (``"narration+scare_quote"``).
    """
    where = f"{caller}: " if caller else ""
    accepted = f"None, 'all', {', '.join(map(repr, VOICES))}, a list of these"
    if split:
        accepted += " or 'split'"
    if voice is None:
        return None, ALL_VOICES
    if isinstance(voice, str):
        if voice == ALL_VOICES:
            return None, ALL_VOICES
        if voice == SPLIT_VOICES:
            if not split:
                raise InvalidParameterError(
                    f"{caller or 'this function'} takes one voice at a time, "
                    f"not 'split': voice must be one of {accepted}")
            return None, SPLIT_VOICES
        if voice in VOICES:
            return frozenset([voice]), voice
        raise InvalidParameterError(
            f"{where}unknown voice {voice!r}: voice must be one of {accepted}")
    if isinstance(voice, bytes) or not hasattr(voice, "__iter__"):
        raise InvalidParameterError(f"{where}voice must be a string, a list of strings or "
                                    f"None, got {type(voice).__name__}")
    chosen = list(voice)
    unknown = sorted({repr(v) for v in chosen if not isinstance(v, str) or v not in VOICES})
    if unknown:
        raise InvalidParameterError(f"{where}unknown voice(s) [{', '.join(unknown)}] in the "
                                    f"list; a list may hold {', '.join(map(repr, VOICES))}")
    if not chosen:
        raise InvalidParameterError(
            f"{where}voice is an empty list: voice must be one of {accepted}")
    kept = frozenset(chosen)
    if kept == frozenset(VOICES):
        return None, ALL_VOICES
    name = "+".join(v for v in VOICES if v in kept)
    return kept, name
