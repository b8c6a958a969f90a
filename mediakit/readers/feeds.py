"""RSS 2.0 and Atom files (``.rss``/``.atom``/``.xml``): one record per item.

Parsing is done by feedparser, the long-standing library that copes with every RSS
dialect, Atom, broken XML and odd date formats, and sanitises embedded HTML.

Record keys: ``outlet`` (the channel/feed title), ``date`` (item published, else
updated, as ISO 8601 UTC), ``title``, ``url`` (item link), ``text`` (full content,
``content:encoded`` or Atom ``<content>``, converted to plain text with paragraphs kept
as blank lines; else the summary/description), ``text_source`` (``"body"`` for full
content, ``"summary"`` for a teaser: feeds often carry only a teaser, and an analysis
must be able to tell; an item with a title only has no text and becomes a headline
record, ``text_source="title"``), plus ``_file`` and ``_row`` (1-based item number).
"""

from __future__ import annotations

import calendar
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .._docstrings import share_docs
from . import ReadResult
from .html import html_to_text

__all__ = ["read_feed", "parse_feed"]

_HTML_TYPES = ("text/html", "application/xhtml+xml", "html", "xhtml")


def _to_text(value: str, content_type: str | None) -> str:
    """Plain text of a feed text construct (HTML fragments become paragraphs)."""
    if not value or not value.strip():
        return ""
    is_html = (content_type or "").lower() in _HTML_TYPES or "<" in value
    if not is_html:
        return "\n\n".join(
            " ".join(block.split()) for block in value.split("\n\n") if block.strip()
        )
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(value, create_parent="div")
    except Exception:  # an unparsable fragment: keep its characters rather than lose it
        return " ".join(value.split())
    return html_to_text(root)


def _iso_utc(parsed: Any) -> str:
    """feedparser's UTC struct_time as an ISO 8601 string (empty when absent)."""
    if not parsed:
        return ""
    moment = datetime.fromtimestamp(calendar.timegm(parsed), tz=UTC)
    return moment.isoformat()


@share_docs
def parse_feed(data: bytes, *, name: str, base_url: str | None = None,
               charset: str | None = None) -> ReadResult:
    """Records of every item of an RSS/Atom document (see module docstring).

    Parameters
    ----------
    data : bytes
        The feed document, always as bytes (a str would be taken for a URL).
    name : str
        The feed as messages and the load log show it.
    base_url : str or None, default None
        The feed's address, against which relative links are resolved.
    charset : str or None, default None
        A charset overriding the XML declaration (as an HTTP header would).

    Returns
    -------
    {read_result}
    """
    import feedparser

    result = ReadResult()
    headers = {}
    if base_url:
        headers["content-location"] = base_url
    if charset:
        headers["content-type"] = f"application/xml; charset={charset}"
    # Always bytes: feedparser treats a str argument as a URL or file name to open,
    # and nothing here may touch the network.
    parsed = feedparser.parse(data, response_headers=headers or None)
    if not parsed.get("version"):
        problem = parsed.get("bozo_exception")
        detail = f" ({problem})" if problem else ""
        result.skipped.append({
            "file": name, "row": None, "column": None,
            "reason": f"not an RSS or Atom feed{detail}",
        })
        return result
    if parsed.get("bozo") and parsed.entries:
        result.log.append({
            "kind": "note", "file": name, "row": None, "column": None, "value": None,
            "message": f"feed is not well-formed ({parsed.get('bozo_exception')}); "
            "items were read leniently", "warn": True,
        })
    outlet = " ".join((parsed.feed.get("title") or "").split())
    for number, entry in enumerate(parsed.entries, start=1):
        text, source = "", ""
        for content in entry.get("content") or []:
            text = _to_text(content.get("value", ""), content.get("type"))
            if text:
                source = "body"
                break
        if not text:
            summary_detail: dict[str, Any] = entry.get("summary_detail") or {}
            text = _to_text(entry.get("summary", ""), summary_detail.get("type"))
            source = "summary" if text else ""
        title = " ".join((entry.get("title") or "").split())
        if not text and not title:
            result.skipped.append({
                "file": name, "row": number, "column": "text",
                "reason": "feed item has no content, summary or title",
            })
            continue
        result.records.append({
            "outlet": outlet,
            "date": _iso_utc(entry.get("published_parsed") or entry.get("updated_parsed")),
            "title": title,
            "url": entry.get("link") or "",
            "text": text,
            # an item with a title only is a headline record: the loader says so
            **({"text_source": source} if source else {}),
            "_file": name,
            "_row": number,
        })
    if not parsed.entries:
        result.log.append({"kind": "note", "file": name, "row": None, "column": None,
                           "value": None, "message": "feed has no items", "warn": True})
    return result


@share_docs
def read_feed(path: str | Path, *, encoding: str | None = None, name: str | None = None) -> ReadResult:
    """Read one RSS or Atom file (reader contract: see ``mediakit.readers``).

    Parameters
    ----------
    {reader_path}
    {reader_encoding}
    {reader_name}

    Returns
    -------
    {read_result}
    """
    # A user-given encoding overrides the XML declaration, as an HTTP charset would.
    return parse_feed(Path(path).read_bytes(), name=name or str(path), charset=encoding)
