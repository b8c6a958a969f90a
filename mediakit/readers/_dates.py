"""Parsing the dates news files carry, without guessing.

Accepted (case-insensitive, surrounding spaces ignored):

* ISO 8601: ``2020-03-01``, ``2020-03-01 16:12``, ``2020-03-01T16:12:00Z``,
  ``2020-03-01T16:12:00+03:30``, ``20200301``-style basic forms Python accepts;
* month names, English, full or abbreviated, with an optional weekday and time:
  ``March 1, 2020``, ``March 1, 2020 - 16:12``, ``Sun, Mar 1 2020 4:12 PM``,
  ``1 March 2020``, ``1 Mar 2020 16:12:05``;
* RFC 2822 (feeds, e-mail): ``Sun, 01 Mar 2020 16:12:00 +0000``;
* ``2020/03/01`` (year first is never ambiguous) and ``01.03.2020`` (dotted dates are
  day-first wherever they are used);
* slash dates ``03/01/2020`` only when unambiguous (one part above 12). ``03/01/2020``
  is 1 March in the US and 3 January almost everywhere else, so it is not guessed: it
  becomes NaT with a warning; convert such a column yourself or use ISO dates;
* ``datetime``/``date``/``pandas.Timestamp``/``numpy.datetime64`` values as they are.

Not read: numbers such as ``1583020800`` (Unix seconds? milliseconds? an id?). A
column of Unix times is converted by the caller, who knows the unit
(``pandas.to_datetime(column, unit="s")``). ``date_problem`` says why a value was
not read, for the loader's warning.

Time zones: an aware time is converted to UTC and the zone dropped, so every date in a
corpus is a tz-naive UTC-or-local time (``2020-03-01T16:12+03:30`` becomes 12:42).
Naive times are kept as written (their zone is unknown).
"""

from __future__ import annotations

import datetime as _dt
import email.utils
import numbers
import re
from typing import Any

__all__ = ["parse_date", "looks_like_date_line", "date_problem"]

_SEPARATORS = re.compile(r"\s*(?:,|\s[-\u2013\u2014|]\s|\bat\b|\s)\s*", re.IGNORECASE)
_WEEKDAY = re.compile(
    r"^(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?\.?\s*,?\s+",
    re.IGNORECASE,
)
_ZONE_SUFFIX = re.compile(r"\s+(?:utc|gmt|z)$", re.IGNORECASE)

_DATE_FORMATS = ("%B %d %Y", "%b %d %Y", "%d %B %Y", "%d %b %Y", "%Y/%m/%d", "%d.%m.%Y", "%B %d %Y")
_TIME_FORMATS = ("", " %H:%M", " %H:%M:%S", " %I:%M %p", " %I:%M:%S %p", " %I %p")
_FORMATS = tuple(d + t for d in _DATE_FORMATS for t in _TIME_FORMATS)

_SLASH = re.compile(
    r"^(\d{1,2})/(\d{1,2})/(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$"
)


def _naive_utc(value: _dt.datetime) -> _dt.datetime:
    if value.tzinfo is not None and value.utcoffset() is not None:
        return value.astimezone(_dt.timezone.utc).replace(tzinfo=None)
    return value.replace(tzinfo=None)


def _parse_string(text: str) -> _dt.datetime | None:
    text = " ".join(text.split())
    if not text:
        return None
    iso = text[:-1] + "+00:00" if text[-1:] in "zZ" and text[:1].isdigit() else text
    try:
        return _naive_utc(_dt.datetime.fromisoformat(iso))
    except ValueError:
        pass
    if "," in text[:5] or re.search(r"[+-]\d{4}$", text):
        try:
            return _naive_utc(email.utils.parsedate_to_datetime(text))
        except (TypeError, ValueError, IndexError):
            pass
    slash = _SLASH.match(text)
    if slash:
        first, second, year = (int(g) for g in slash.group(1, 2, 3))
        if first > 12 and second <= 12:
            day, month = first, second
        elif second > 12 and first <= 12:
            month, day = first, second
        else:
            return None  # ambiguous (or impossible): not guessed
        hour, minute, sec = (int(g) if g else 0 for g in slash.group(4, 5, 6))
        try:
            return _dt.datetime(year, month, day, hour, minute, sec)
        except ValueError:
            return None
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


def parse_date(value: Any) -> _dt.datetime | None:
    """A naive ``datetime`` for ``value``, or None when it is missing or not understood.

    Missing values (None, NaN, NaT, empty string) and unparseable ones both give None;
    callers tell them apart with ``is_missing``.
    """
    if value is None:
        return None
    if isinstance(value, _dt.datetime):  # includes pandas.Timestamp
        if value != value:  # NaT
            return None
        return _naive_utc(value.to_pydatetime() if hasattr(value, "to_pydatetime") else value)
    if isinstance(value, _dt.date):
        return _dt.datetime(value.year, value.month, value.day)
    if isinstance(value, str):
        return _parse_string(value)
    if type(value).__name__ == "datetime64":
        import pandas as pd

        stamp = pd.Timestamp(value)
        return None if stamp is pd.NaT else stamp.to_pydatetime()
    return None


_NUMBER = re.compile(r"^[+-]?\d+(?:\.\d+)?$")


def date_problem(value: Any) -> str:
    """Why ``value`` (for which ``parse_date`` gave None) is not read as a date."""
    if isinstance(value, str):
        text = " ".join(value.split())
    elif isinstance(value, numbers.Real) and not isinstance(value, bool):
        text = str(value)
    else:
        return f"a {type(value).__name__}, not a date"
    slash = _SLASH.match(text)
    if slash:
        first, second = int(slash.group(1)), int(slash.group(2))
        if first <= 12 and second <= 12:
            return "ambiguous dd/mm vs mm/dd, not guessed"
        return "no such day"
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
    """The date on a short line that holds nothing but a date, else None."""
    line = line.strip()
    if not line or len(line) > 80 or not any(ch.isdigit() for ch in line):
        return None
    return _parse_string(line)
