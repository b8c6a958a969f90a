"""Saved article pages (``.html``/``.htm``): main text and metadata.

Main-text extraction is done by trafilatura, a well-kept library built for exactly
this (it drops navigation, footers, cookie banners, share bars and comment threads
and has been benchmarked against the alternatives). This module adds what a corpus
needs around it: decoding bytes by the declared charset, metadata from the page's
own ``<meta>`` tags first (they are what the publisher says), and paragraph breaks
kept as blank lines so sentence and quote detection see real paragraph ends.

Record keys: ``outlet``, ``date``, ``title``, ``url``, ``text`` (canonical), plus
``_file`` and ``_row`` (always 1: a page is one article).
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from . import ReadResult

__all__ = ["read_html", "extract_page", "decode_html", "html_to_text"]

# Elements that start a new paragraph of plain text. Covers both real HTML and the
# XML tree trafilatura returns (head, item, quote, row, ...).
_BLOCK_TAGS = frozenset(
    "p div section article header footer aside main nav h1 h2 h3 h4 h5 h6 li ul ol dl dt dd "
    "blockquote pre table tr thead tbody tfoot figure figcaption hr address details summary "
    "head item list quote row code".split()
)
_LINE_BREAK_TAGS = frozenset({"br", "lb"})
_CELL_TAGS = frozenset({"td", "th", "cell"})  # cells of one table row, kept apart by a space
_DROP_TAGS = frozenset({"script", "style", "noscript", "template", "iframe", "svg"})
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")


def decode_html(body: bytes, *, declared: str | None = None) -> tuple[str, str | None]:
    """Decode page bytes to text; return ``(text, warning or None)``.

    Order follows the HTML standard: a byte-order mark, then the charset declared by
    the caller (the HTTP ``Content-Type`` header or the user's ``encoding``), then a
    ``<meta charset>`` in the first 4 KB, then statistical detection
    (charset-normalizer). Undecodable bytes are replaced and reported, never fatal.
    """
    for bom, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                      (codecs.BOM_UTF16_BE, "utf-16")):
        if body.startswith(bom):
            return body.decode(name, errors="replace"), None
    candidates: list[str] = []
    if declared:
        candidates.append(declared)
    match = _META_CHARSET.search(body[:4096])
    if match:
        candidates.append(match.group(1).decode("ascii", errors="ignore"))
    for name in candidates:
        try:
            codecs.lookup(name)
        except LookupError:
            continue
        try:
            return body.decode(name), None
        except UnicodeDecodeError:
            continue
    try:
        return body.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(body).best()
    if best is not None:
        note = None
        if candidates:
            note = (f"declared charset {candidates[0]!r} does not fit the bytes; "
                    f"decoded as {best.encoding}")
        return str(best), note
    return body.decode("utf-8", errors="replace"), "undecodable bytes replaced (U+FFFD)"


def html_to_text(root: Any) -> str:
    """Plain text of an lxml element: one paragraph per block element.

    Paragraphs are separated by a blank line, ``<br>`` becomes a line break, runs of
    whitespace inside a line collapse to one space, and script/style content is dropped.
    """
    paragraphs: list[str] = []
    current: list[str] = []

    def flush() -> None:
        lines = [_SPACES.sub(" ", line).strip() for line in "".join(current).split("\n")]
        paragraph = "\n".join(line for line in lines if line)
        if paragraph:
            paragraphs.append(paragraph)
        current.clear()

    def walk(element: Any) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        tag = tag.rsplit("}", 1)[-1].lower()
        if tag in _DROP_TAGS or not tag:  # comments and processing instructions
            if element.tail:
                current.append(element.tail.replace("\n", " "))
            return
        block = tag in _BLOCK_TAGS
        if block:
            flush()
        if tag in _LINE_BREAK_TAGS:
            current.append("\n")
        if element.text:
            current.append(element.text.replace("\n", " "))
        for child in element:
            walk(child)
        if block:
            flush()
        elif tag in _CELL_TAGS:
            current.append(" ")
        if element.tail:
            current.append(element.tail.replace("\n", " "))

    walk(root)
    flush()
    return "\n\n".join(paragraphs)


def _meta(tree: Any) -> dict[str, str]:
    """``<meta property|name=... content=...>`` and canonical link, first value wins."""
    found: dict[str, str] = {}
    for element in tree.iter("meta"):
        key = (element.get("property") or element.get("name") or element.get("itemprop")
               or "").strip().lower()
        content = (element.get("content") or "").strip()
        if key and content and key not in found:
            found[key] = content
    for element in tree.iter("link"):
        if "canonical" in (element.get("rel") or "").lower().split() and element.get("href"):
            found.setdefault("canonical", element.get("href").strip())
    title = tree.find(".//title")
    if title is not None and title.text_content().strip():
        found.setdefault("<title>", " ".join(title.text_content().split()))
    return found


def extract_page(html: str, *, url: str | None = None) -> tuple[dict[str, Any] | None, str | None]:
    """Main text and metadata of one page: ``(record, None)`` or ``(None, reason)``.

    ``record`` has ``outlet``, ``date``, ``title``, ``url``, ``text``. Precedence:
    outlet = ``og:site_name``, else trafilatura's site name, else the host of the
    canonical / ``og:url`` / given URL; date = ``article:published_time`` (and kin),
    else trafilatura's date; url = canonical link, else ``og:url``, else ``url``;
    title = ``og:title``, else trafilatura's title, else ``<title>``.
    """
    import lxml.html
    import trafilatura

    if not html.strip():
        return None, "empty page"
    # lxml refuses str input that carries an XML encoding declaration (XHTML pages).
    html = _XML_DECLARATION.sub("", html, count=1)
    try:
        tree = lxml.html.document_fromstring(html)
    except Exception as exc:  # lxml raises several types on garbage input
        return None, f"not parseable as HTML ({exc})"
    meta = _meta(tree)
    document = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False,
        include_tables=False, include_images=False,
        # Precision over recall: a page of menus must yield no text rather than a
        # "text" made of navigation links.
        favor_precision=True,
        # No guessing a date from copyright lines or URLs: a wrong date is worse than none.
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    text = ""
    title_from_page = meta.get("og:title") or (document.title if document else None)
    title = title_from_page or meta.get("<title>") or ""
    if document is not None and document.body is not None:
        body = document.body
        # trafilatura keeps the headline as the first paragraph; the title has its own
        # column, so drop it from the text when it repeats the title.
        first = body[0] if len(body) else None
        if first is not None and first.tag == "head" and title and \
                " ".join(first.itertext()).split() == title.split():
            body.remove(first)
        text = html_to_text(body)
    if not text.strip():
        return None, "no main text could be extracted"
    page_url = meta.get("canonical") or meta.get("og:url") or url or ""
    outlet = (meta.get("og:site_name") or (document.sitename if document else None)
              or urlsplit(page_url or (document.url or "" if document else "")).hostname or "")
    date = (meta.get("article:published_time") or meta.get("og:published_time")
            or meta.get("datepublished") or meta.get("date")
            or (document.date if document else None) or "")
    return {"outlet": outlet, "date": date, "title": title, "url": page_url, "text": text}, None


def read_html(path: str | Path, *, encoding: str | None = None, name: str | None = None) -> ReadResult:
    """Read one saved article page (reader contract: see ``mediakit.readers``)."""
    result = ReadResult()
    name = name or str(path)
    body = Path(path).read_bytes()
    html, note = decode_html(body, declared=encoding)
    if note:
        result.log.append({"kind": "encoding", "file": name, "row": None, "column": None,
                           "value": None, "message": note, "warn": True})
    record, reason = extract_page(html)
    if record is None:
        result.skipped.append({"file": name, "row": 1, "column": "text", "reason": reason})
        return result
    record.update({"_file": name, "_row": 1})
    result.records.append(record)
    return result
