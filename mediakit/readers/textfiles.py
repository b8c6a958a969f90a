"""Reader for plain-text and Markdown article files (one article per file).

Shape of a file (the seed's, plus optional front matter)::

    ---                      <- optional YAML front matter (safe-loaded);
    outlet: Tehran Times        its keys override what is inferred below and any
    date: 2020-03-01 16:12      other keys become extra columns
    title: ...
    url: https://...
    ---
    Title line               <- inferred only when front matter has no title:
                                the first non-blank line, if a blank line or a date
                                line follows it (a leading Markdown ``#`` is dropped)
    March 1, 2020 - 16:12    <- optional date line: a short line holding only a date
    Body ...                 <- everything else, characters kept exactly

When front matter gives the title (or date), a first body line equal to it is still
removed, so the body never repeats the title or the date line.

Front matter values are read as YAML, except that dates are not turned into date
objects by YAML: ``date: 2020-02-30`` stays the text it is and goes through the
corpus's date parsing like any other date (an impossible one becomes NaT with a
warning; the article is kept). Front matter nested too deeply for the parser is a bad
record naming the file. The text is decoded by
the policy in ``mediakit.readers._decoding``; a UTF-8 BOM is dropped and CRLF/CR line
ends become LF. Leading blank lines and trailing whitespace of the body are dropped;
nothing inside it changes (character offsets into ``text`` are used downstream).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .._docstrings import share_docs
from . import ReadResult
from ._dates import looks_like_date_line
from ._decoding import encoding_log, read_text_file

__all__ = ["read_text"]

_FRONT_MATTER_END = ("---", "...")


class _FrontMatterLoader(yaml.SafeLoader):
    """YAML's safe loader without its timestamp rule: dates stay text (see above)."""


_FrontMatterLoader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _split_front_matter(text: str, file: str) -> tuple[dict[str, Any], str, dict[str, Any] | None]:
    """(front matter, rest of the text, a skipped-record entry or None)."""
    if not (text.startswith("---\n") or text == "---"):
        return {}, text, None
    lines = text.split("\n")
    for index in range(1, len(lines)):
        if lines[index].rstrip() in _FRONT_MATTER_END:
            block = "\n".join(lines[1:index])
            rest = "\n".join(lines[index + 1 :])
            try:
                meta = yaml.load(block, Loader=_FrontMatterLoader) if block.strip() else {}
            except RecursionError:
                return {}, "", {
                    "file": file, "row": 2, "column": "front matter",
                    "reason": "front matter nested too deeply to read",
                }
            except yaml.YAMLError as exc:
                mark = getattr(exc, "problem_mark", None)
                line = mark.line + 2 if mark is not None else 1
                problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
                return {}, "", {
                    "file": file, "row": line, "column": "front matter",
                    "reason": f"front matter is not valid YAML: {problem}",
                }
            if not isinstance(meta, dict):
                return {}, "", {
                    "file": file, "row": 2, "column": "front matter",
                    "reason": "front matter must be a mapping of keys to values "
                    f"(got {type(meta).__name__})",
                }
            return {str(k): v for k, v in meta.items()}, rest, None
    return {}, "", {
        "file": file, "row": 1, "column": "front matter",
        "reason": "front matter opened with '---' is never closed",
    }


def _heading(line: str) -> str:
    stripped = line.strip()
    if stripped.startswith("#"):
        stripped = stripped.lstrip("#").strip()
    return stripped


def _split_header(body: str, *, want_title: bool, want_date: bool, known_title: str | None
                  ) -> tuple[str | None, str | None, str]:
    """(title line, date line, body) following the module's rules."""
    lines = body.split("\n")
    position = 0

    def next_content(start: int) -> int:
        while start < len(lines) and not lines[start].strip():
            start += 1
        return start

    title: str | None = None
    date: str | None = None
    first = next_content(position)
    if first < len(lines):
        after = first + 1
        following = next_content(after)
        line_after_blank = after < len(lines) and not lines[after].strip()
        is_date_next = after < len(lines) and looks_like_date_line(lines[after]) is not None
        has_more = following < len(lines)
        if want_title:
            title_like = len(lines[first]) <= 300 and looks_like_date_line(lines[first]) is None
            if has_more and (line_after_blank or is_date_next) and title_like:
                title = _heading(lines[first])
                position = after
        elif known_title is not None and _heading(lines[first]) == known_title.strip():
            position = after
    candidate = next_content(position)
    if candidate < len(lines) and looks_like_date_line(lines[candidate]) is not None:
        if next_content(candidate + 1) < len(lines):  # a date line alone is not a body
            if want_date:
                date = lines[candidate].strip()
            position = candidate + 1
    start = next_content(position)
    return title, date, "\n".join(lines[start:]).rstrip()


@share_docs
def read_text(path: Path | str, *, encoding: str | None = None, name: str | None = None) -> ReadResult:
    """Read one text or Markdown article file into a one-record ``ReadResult``.

    The record's keys are the front matter's own keys, plus ``title`` and ``date`` when
    inferred from the file's first lines, ``text`` (the body) and the provenance keys
    ``_file``/``_row`` (always row 1: one file is one article).

    Parameters
    ----------
    {reader_path}
    {reader_encoding}
    {reader_name}

    Returns
    -------
    {read_result}
    """
    path = Path(path)
    file = name or str(path)
    text, decoding = read_text_file(path, encoding, name=file)
    result = ReadResult(log=encoding_log(decoding, file))
    meta, rest, problem = _split_front_matter(text, file)
    if problem is not None:
        result.skipped.append(problem)
        return result
    lowered = {key.lower() for key in meta}
    if "text" in lowered:
        result.skipped.append({
            "file": file, "row": 1, "column": "text",
            "reason": "front matter may not set 'text': the text is the body below it",
        })
        return result
    known_title = next((str(v) for k, v in meta.items() if k.lower() == "title" and v is not None), None)
    title, date, body = _split_header(
        rest,
        want_title="title" not in lowered,
        want_date="date" not in lowered,
        known_title=known_title,
    )
    record: dict[str, Any] = dict(meta)
    if title is not None:
        record["title"] = title
    if date is not None:
        record["date"] = date
    record["text"] = body
    record["_file"] = file
    record["_row"] = 1
    result.records.append(record)
    return result
