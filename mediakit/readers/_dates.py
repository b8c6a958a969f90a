"""Parsing the dates news files carry: whole columns at a time, without guessing.

Accepted (case-insensitive, surrounding spaces ignored):

* ISO 8601: ``2020-03-01``, ``2020-03-01 16:12``, ``2020-03-01T16:12:00Z``,
  ``2020-03-01T16:12:00+03:30``, ``20200301``-style basic forms Python accepts;
* month names, English, full or abbreviated, with an optional weekday and time:
  ``March 1, 2020``, ``March 1, 2020 - 16:12``, ``Sun, Mar 1 2020 4:12 PM``,
  ``1 March 2020``, ``1 Mar 2020 16:12:05``;
* RFC 2822 (feeds, e-mail): ``Sun, 01 Mar 2020 16:12:00 +0000``;
* ``2020/03/01`` (year first is never ambiguous) and ``01.03.2020`` (dotted dates are
  day-first wherever they are used);
* numeric dates with the year last, ``4/16/2017``, ``16-04-2017``, optionally with a
  time (``4/16/2017 3:05 PM``): see "Day and month order" below;
* ``datetime``/``date``/``pandas.Timestamp``/``numpy.datetime64`` values as they are.

Day and month order
-------------------
``03/01/2020`` is 1 March in the US and 3 January almost everywhere else. A single
value cannot say which, but a column can: ``4/16/2017`` is only possible month first,
``16/4/2017`` only day first. So a column's order is decided from **all** its values
(:func:`parse_date_column`):

* values that are possible in one order only *settle* it; the order settled by more
  values is the column's order, and every ambiguous value is read that way (the loader
  logs the decision once per column, with an example);
* a value possible only in the other order *contradicts* the column: it stays NaT and
  is listed with its reason (it may be a typo, or the column mixes conventions);
* when nothing settles the order (every value ambiguous), or as many values settle it
  one way as the other, ambiguous values stay NaT, each listed; values possible in
  one order only are still read that way.

``date_format="dayfirst"`` or ``"monthfirst"`` states the order instead (values that
contradict it stay NaT, listed); any other ``date_format`` is a ``strptime`` format
(``"%d %b %Y"``) that every text value of the column must match (one that does not
stays NaT, listed).

Not read: numbers such as ``1583020800`` (Unix seconds? milliseconds? an id?). A
column of Unix times is converted by the caller, who knows the unit
(``pandas.to_datetime(column, unit="s")``). Dates before year 1 or after year 9999
(outside Python's ``datetime``) are not read either. Every other year is kept exactly:
the corpus stores dates as ``datetime64[us]``, whose range (about 290,000 years each
side of 1970) has none of the 1677-2262 limit of nanosecond timestamps.

Time zones: an aware time is converted to UTC and the zone dropped, so every date in a
corpus is a tz-naive UTC-or-local time (``2020-03-01T16:12+03:30`` becomes 12:42).
Naive times are kept as written (their zone is unknown).
"""

from __future__ import annotations

import datetime as _dt
import email.utils
import numbers
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "DATE_ORDERS",
    "DateColumn",
    "Settlement",
    "has_numeric_dates",
    "settle_order",
    "check_date_format",
    "date_problem",
    "is_missing",
    "looks_like_date_line",
    "parse_date",
    "parse_date_column",
]

DAYFIRST = "dayfirst"
MONTHFIRST = "monthfirst"
#: The ``date_format`` values that state a day/month order rather than a strptime format.
DATE_ORDERS: tuple[str, ...] = (DAYFIRST, MONTHFIRST)
_ORDER_WORDS = {DAYFIRST: "day/month/year", MONTHFIRST: "month/day/year"}

_SEPARATORS = re.compile(r"\s*(?:,|\s[-\u2013\u2014|]\s|\bat\b|\s)\s*", re.IGNORECASE)
_WEEKDAY = re.compile(
    r"^(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?\.?\s*,?\s+",
    re.IGNORECASE,
)
_ZONE_SUFFIX = re.compile(r"\s+(?:utc|gmt|z)$", re.IGNORECASE)

_DATE_FORMATS = ("%B %d %Y", "%b %d %Y", "%d %B %Y", "%d %b %Y", "%Y/%m/%d", "%d.%m.%Y")
_TIME_FORMATS = ("", " %H:%M", " %H:%M:%S", " %I:%M %p", " %I:%M:%S %p", " %I %p")
_FORMATS = tuple(d + t for d in _DATE_FORMATS for t in _TIME_FORMATS)

# Two numbers then a four-digit year, one separator throughout, an optional time.
_NUMERIC = re.compile(
    r"^(\d{1,2})([/-])(\d{1,2})\2(\d{4})"
    r"(?:(?:[ T]|,\s?)(\d{1,2}):(\d{2})(?::(\d{2}))?\s?([ap]\.?m\.?)?)?$",
    re.IGNORECASE,
)
_NUMBER = re.compile(r"^[+-]?\d+(?:\.\d+)?$")
_YEAR_FIRST = re.compile(r"^\d{4}([-/])\d{1,2}\1\d{1,2}(?:$|[ T])")
_SHORT_YEAR = re.compile(r"^\d{1,2}([/.-])\d{1,2}\1\d{2}(?:$|[ T,])")
_MAX_TEXT = 200  # longer values are not dates (and are not run through the patterns)


def _naive_utc(value: _dt.datetime) -> _dt.datetime:
    if value.tzinfo is not None and value.utcoffset() is not None:
        return value.astimezone(_dt.UTC).replace(tzinfo=None)
    return value.replace(tzinfo=None)


@dataclass(frozen=True)
class _Numeric:
    """A numeric date ``a/b/yyyy [time]``: its two readings, where each is a real date."""

    first: int
    second: int
    dayfirst: _dt.datetime | None
    monthfirst: _dt.datetime | None

    @property
    def settles(self) -> str | None:
        """The only order in which this value is a real date, if exactly one is."""
        if self.dayfirst is not None and self.monthfirst is None:
            return DAYFIRST
        if self.monthfirst is not None and self.dayfirst is None:
            return MONTHFIRST
        return None

    @property
    def ambiguous(self) -> bool:
        return self.dayfirst is not None and self.monthfirst is not None and \
            self.dayfirst != self.monthfirst


def _build(year: int, month: int, day: int, time: tuple[int, int, int]) -> _dt.datetime | None:
    try:
        return _dt.datetime(year, month, day, *time)
    except ValueError:
        return None


def _numeric(text: str) -> _Numeric | None:
    match = _NUMERIC.match(text)
    if match is None:
        return None
    first, second, year = int(match.group(1)), int(match.group(3)), int(match.group(4))
    hour, minute, sec = (int(g) if g else 0 for g in match.group(5, 6, 7))
    meridiem = (match.group(8) or "").replace(".", "").lower()
    if meridiem:
        if not 1 <= hour <= 12:
            return _Numeric(first, second, None, None)
        hour = hour % 12 + (12 if meridiem == "pm" else 0)
    time = (hour, minute, sec)
    return _Numeric(first, second, _build(year, second, first, time), _build(year, first, second, time))


def _clean(text: str) -> str:
    return " ".join(text.split())


def _parse_string(text: str) -> _dt.datetime | None:
    """A value in one of the unambiguous forms (numeric dates are not read here)."""
    text = _clean(text)
    if not text or len(text) > _MAX_TEXT:
        return None
    iso = text[:-1] + "+00:00" if text[-1:] in "zZ" and text[:1].isdigit() else text
    try:
        return _naive_utc(_dt.datetime.fromisoformat(iso))
    except ValueError:
        pass
    if "," in text[:5] or re.search(r"[+-]\d{4}$", text):
        try:
            return _naive_utc(email.utils.parsedate_to_datetime(text))
        except (TypeError, ValueError, IndexError, OverflowError):
            pass
    cleaned = _ZONE_SUFFIX.sub("", _WEEKDAY.sub("", text))
    # "March 1, 2020 - 16:12" -> "March 1 2020 16:12"; the date parts keep their dots
    cleaned = " ".join(part for part in _SEPARATORS.split(cleaned) if part)
    cleaned = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", cleaned, flags=re.IGNORECASE)
    cleaned = re.sub(r"\b(a\.m\.|p\.m\.)", lambda m: m.group(1).replace(".", ""), cleaned, flags=re.IGNORECASE)
    for fmt in _FORMATS:
        try:
            return _dt.datetime.strptime(cleaned, fmt)
        except ValueError:
            continue
    return None


def _from_object(value: Any) -> _dt.datetime | None:
    """A datetime-like object (not a string) as a naive datetime, or None."""
    if isinstance(value, _dt.datetime):  # includes pandas.Timestamp
        if value != value:  # NaT
            return None
        if hasattr(value, "to_pydatetime"):
            try:
                value = value.to_pydatetime()
            except (ValueError, OverflowError):  # a Timestamp beyond year 9999
                return None
        return _naive_utc(value)
    if isinstance(value, _dt.date):
        return _dt.datetime(value.year, value.month, value.day)
    if type(value).__name__ == "datetime64":
        import numpy as np

        if np.isnat(value):
            return None
        try:
            moment = value.astype("datetime64[us]").item()
        except (ValueError, OverflowError):
            return None
        if isinstance(moment, _dt.datetime):
            return moment
        if isinstance(moment, _dt.date):
            return _dt.datetime(moment.year, moment.month, moment.day)
        return None  # beyond datetime's years 1-9999: numpy gives an int
    return None


def parse_date(value: Any, order: str | None = None) -> _dt.datetime | None:
    """A naive ``datetime`` for one ``value``, or None when it is missing or not read.

    A numeric date (``4/5/2017``) is read only in ``order`` (``"dayfirst"`` or
    ``"monthfirst"``), or without one only when a single order makes it a real date.
    Missing values (None, NaN, NaT, empty string) and unread ones both give None;
    callers tell them apart with ``is_missing``.
    """
    if value is None:
        return None
    if isinstance(value, str):
        text = _clean(value)
        numeric = _numeric(text)
        if numeric is None:
            return _parse_string(text)
        if order is not None:
            return numeric.dayfirst if order == DAYFIRST else numeric.monthfirst
        if numeric.ambiguous:
            return None
        return numeric.dayfirst or numeric.monthfirst
    return _from_object(value)


def date_problem(value: Any, order: str | None = None) -> str:
    """Why ``value`` (for which ``parse_date(value, order)`` gave None) is not read."""
    if isinstance(value, str):
        text = _clean(value)
    elif isinstance(value, numbers.Real) and not isinstance(value, bool):
        text = str(value)
    elif isinstance(value, _dt.date) or type(value).__name__ == "datetime64":
        return "outside the years 1-9999 mediakit reads"
    else:
        return f"a {type(value).__name__}, not a date"
    numeric = _numeric(text)
    if numeric is not None:
        if numeric.dayfirst is None and numeric.monthfirst is None:
            return "no such day"
        if order is not None:
            return (f"not a real date as {_ORDER_WORDS[order]} (the column's order); "
                    "it contradicts the other dates")
        return "ambiguous dd/mm vs mm/dd, not guessed"
    if _YEAR_FIRST.match(text):
        return "no such day"
    if _SHORT_YEAR.match(text):
        return "a two-digit year, not guessed"
    if _NUMBER.match(text):
        if len(text.lstrip("+-").split(".")[0]) in (10, 13):
            return ("a number, perhaps a Unix time: not read as one; convert the column "
                    "with pandas.to_datetime(..., unit='s' or 'ms')")
        return "a number, not a date"
    return "not a date mediakit understands"


def is_missing(value: Any) -> bool:
    """True for None, NaN/NaT and blank strings: an absent date rather than a bad one."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    try:
        return bool(value != value)
    except (TypeError, ValueError):
        return False


def looks_like_date_line(line: str) -> _dt.datetime | None:
    """The date on a short line that holds nothing but a date, else None.

    A numeric date counts as a date line in either order (which order it is in is
    settled later, with the rest of its column).
    """
    line = line.strip()
    if not line or len(line) > 80 or not any(ch.isdigit() for ch in line):
        return None
    numeric = _numeric(_clean(line))
    if numeric is not None:
        return numeric.dayfirst or numeric.monthfirst
    return _parse_string(line)


# --- whole columns ---------------------------------------------------------------------


def check_date_format(date_format: Any, *, option: str = "date_format=") -> str | None:
    """``date_format`` if it is None, ``"dayfirst"``, ``"monthfirst"`` or a strptime
    format (it holds a ``%`` directive and formats a date), else ``ValueError`` whose
    message names ``option``."""
    if date_format is None or date_format in DATE_ORDERS:
        return date_format
    if not isinstance(date_format, str) or "%" not in date_format:
        raise ValueError(
            f"{option} must be 'dayfirst', 'monthfirst' or a strptime format such as "
            f"'%d/%m/%Y'; got {date_format!r}"
        )
    try:
        _dt.datetime(2001, 2, 3, 4, 5, 6).strftime(date_format)
    except ValueError as exc:
        raise ValueError(f"{option} {date_format!r} is not a strptime format ({exc})") from None
    return date_format


@dataclass
class DateColumn:
    """The dates of one column (one file's date field), parsed together.

    ``dates[i]`` is the datetime of ``values[i]`` or None. ``order`` is the day/month
    order used for ambiguous numeric dates (None: not settled, they stay NaT), and
    ``settlement`` what the values said about it when it was inferred (None when
    ``date_format`` gave it). ``problems`` lists ``(position, value, reason)`` for every
    non-missing value not read.
    """

    dates: list[_dt.datetime | None]
    order: str | None = None
    settlement: Settlement | None = None
    problems: list[tuple[int, Any, str]] = field(default_factory=list)


def has_numeric_dates(values: Sequence[Any]) -> bool:
    """Whether any value is a numeric ``a/b/yyyy`` date (whose order a column settles)."""
    return any(isinstance(v, str) and _numeric(_clean(v)) is not None for v in values)


@dataclass(frozen=True)
class Settlement:
    """What a whole column says about its day/month order (see :func:`settle_order`)."""

    order: str | None = None
    settling: int = 0
    against: int = 0
    example: str | None = None
    ambiguous: int = 0

    def describe(self) -> str:
        """One sentence on how the order was settled (for the load log)."""
        text = (f"day/month order settled as {_ORDER_WORDS.get(self.order or '', '')} by "
                f"{self.settling} value(s) such as {self.example!r}; {self.ambiguous} "
                "ambiguous value(s) read the same way")
        if self.against:
            text += f"; {self.against} value(s) possible only the other way stay NaT"
        return text


def settle_order(values: Sequence[Any]) -> Settlement:
    """The day/month order all of a column's ``values`` settle (see the module docstring).

    ``order`` is None when no value settles it or both orders are settled equally often.
    """
    counts = {DAYFIRST: 0, MONTHFIRST: 0}
    examples: dict[str, str] = {}
    ambiguous = 0
    for value in values:
        if not isinstance(value, str):
            continue
        numeric = _numeric(_clean(value))
        if numeric is None:
            continue
        if numeric.ambiguous:
            ambiguous += 1
        settles = numeric.settles
        if settles is not None:
            counts[settles] += 1
            examples.setdefault(settles, _clean(value))
    day, month = counts[DAYFIRST], counts[MONTHFIRST]
    if day == month:
        return Settlement(ambiguous=ambiguous)
    order = DAYFIRST if day > month else MONTHFIRST
    other = MONTHFIRST if order == DAYFIRST else DAYFIRST
    return Settlement(order, counts[order], counts[other], examples[order], ambiguous)


def parse_date_column(values: Sequence[Any], *, date_format: str | None = None,
                      settled: Settlement | None = None) -> DateColumn:
    """Parse one column's values together (see the module docstring).

    ``date_format`` is None (infer the order), ``"dayfirst"``, ``"monthfirst"`` or a
    strptime format. ``settled`` is :func:`settle_order`'s answer for the whole column
    when ``values`` are only part of it (a batch of a large file read lazily).
    """
    if date_format is not None and date_format not in DATE_ORDERS:
        return _parse_with_format(values, date_format)
    column = DateColumn(dates=[])
    if date_format is not None:
        column.order = date_format
    else:
        column.settlement = settled if settled is not None else settle_order(values)
        column.order = column.settlement.order
    for position, value in enumerate(values):
        if is_missing(value):
            column.dates.append(None)
            continue
        parsed = parse_date(value, column.order)
        if parsed is None and column.order is None and isinstance(value, str):
            parsed = parse_date(value)  # possible in one order only: read in it
        column.dates.append(parsed)
        if parsed is None:
            column.problems.append((position, value, date_problem(value, column.order)))
    return column


def _parse_with_format(values: Sequence[Any], date_format: str) -> DateColumn:
    column = DateColumn(dates=[])
    for position, value in enumerate(values):
        if is_missing(value):
            column.dates.append(None)
            continue
        if isinstance(value, str):
            try:
                parsed: _dt.datetime | None = _naive_utc(
                    _dt.datetime.strptime(_clean(value), date_format))
            except ValueError:
                parsed = None
            reason = f"does not match date_format {date_format!r}"
        else:
            parsed = _from_object(value)
            reason = date_problem(value)
        column.dates.append(parsed)
        if parsed is None:
            column.problems.append((position, value, reason))
    return column
