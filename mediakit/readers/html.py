"""Saved article pages (``.html``/``.htm``): main text and metadata.

Main-text extraction is done by trafilatura, a well-kept library built for exactly
this (it drops navigation, footers, cookie banners, share bars and comment threads
and has been benchmarked against the alternatives). This module adds what a corpus
needs around it: decoding bytes by the declared charset, metadata from the page's
own ``<meta>`` tags first (they are what the publisher says), and paragraph breaks
kept as blank lines so sentence and quote detection see real paragraph ends.

Record keys: ``outlet``, ``date``, ``title``, ``url``, ``text`` (canonical), plus
``_file`` and ``_row`` (always 1: a page is one article).

Two decisions about what counts as an article's text:

* **A page whose main text is not prose is not an article.** When the text trafilatura
  finds has fewer than :data:`MIN_WORDS` words and no sentence in it (no ``.``, ``!``
  or ``?``), the page is reported as having no article text ("Home World" from a menu,
  a list of section links) rather than loaded as an article. A headline-only record is
  still possible: give the title in a table (see headline records in
  :mod:`mediakit.corpus`).
* **A paragraph repeated verbatim, back to back, is kept once.** trafilatura drops a
  paragraph of more than 50 characters that repeats the one before it (on real pages
  that is almost always a layout artifact: a caption or pull-quote printed twice).
  mediakit keeps that choice but says so: the load log notes how many such repeats
  the page had (kind ``note``), so a count that would differ is never silently off.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .._docstrings import share_docs
from . import ReadResult

__all__ = ["MIN_WORDS", "read_html", "extract_page", "decode_html", "html_to_text"]

#: Fewer words than this and no sentence: the page's main text is not an article.
MIN_WORDS = 8
_SENTENCE_END = re.compile(r"[.!?\u2026](?:[\"'\u201d\u2019)\]]*)(?:\s|$)")

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

    Parameters
    ----------
    body : bytes
        The page as received or saved.
    declared : str or None, default None
        The charset the caller knows of (HTTP ``Content-Type`` or the user's
        ``encoding``).

    Returns
    -------
    text : str
        The decoded page.
    warning : str or None
        What went wrong while decoding (replaced bytes, a guessed charset), else None.
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

    Parameters
    ----------
    root : lxml.html.HtmlElement
        The element whose text is wanted (a whole page or the article's node).

    Returns
    -------
    str
        The text, paragraphs separated by a blank line.
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

    ``record`` has ``outlet``, ``date``, ``title``, ``url``, ``text``, and ``_notes``
    (sentences for the load log) when there is something to say. Precedence:
    outlet = ``og:site_name``, else trafilatura's site name, else the host of the
    canonical / ``og:url`` / given URL; date = ``article:published_time`` (and kin),
    else trafilatura's date; url = canonical link, else ``og:url``, else ``url``;
    title = ``og:title``, else trafilatura's title, else ``<title>``.

    Parameters
    ----------
    html : str
        The decoded page (:func:`decode_html`).
    url : str or None, default None
        The page's address, used when the page names no canonical URL or site.

    Returns
    -------
    record : dict or None
        The article's fields, or None when the page holds no article text.
    reason : str or None
        Why there is no record (``"empty page"``, ...), else None.
    """
    import lxml.html

    if not html.strip():
        return None, "empty page"
    # lxml refuses str input that carries an XML encoding declaration (XHTML pages).
    html = _XML_DECLARATION.sub("", html, count=1)
    try:
        tree = lxml.html.document_fromstring(html)
    except Exception as exc:  # lxml raises several types on garbage input
        return None, f"not parseable as HTML ({exc})"
    meta = _meta(tree)
    document = _main_content(html, url)
    title = meta.get("og:title") or (document.title if document else None) or meta.get("<title>") or ""
    text = _main_text(document, title)
    problem = _not_an_article(text)
    if problem is not None:
        return None, problem
    page_url = meta.get("canonical") or meta.get("og:url") or url or ""
    outlet = (meta.get("og:site_name") or (document.sitename if document else None)
              or urlsplit(page_url or (document.url or "" if document else "")).hostname or "")
    date = (meta.get("article:published_time") or meta.get("og:published_time")
            or meta.get("datepublished") or meta.get("date")
            or (document.date if document else None) or "")
    record: dict[str, Any] = {"outlet": outlet, "date": date, "title": title, "url": page_url,
                              "text": text}
    repeats = _repeats_dropped(tree, text)
    if repeats:
        record["_notes"] = [f"{repeats} paragraph(s) repeated verbatim right after themselves "
                            "on the page were kept once (trafilatura drops such repeats)"]
    return record, None


def _main_content(html: str, url: str | None) -> Any:
    """trafilatura's document (main text and its metadata), or None."""
    import trafilatura

    return trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False,
        include_tables=False, include_images=False,
        # Precision over recall: a page of menus must yield no text rather than a
        # "text" made of navigation links.
        favor_precision=True,
        # No guessing a date from copyright lines or URLs: a wrong date is worse than none.
        date_extraction_params={"extensive_search": False, "original_date": True},
    )


def _main_text(document: Any, title: str) -> str:
    """The document's paragraphs as text, without a first heading that repeats the title."""
    if document is None or document.body is None:
        return ""
    body = document.body
    # trafilatura keeps the headline as the first paragraph; the title has its own
    # column, so drop it from the text when it repeats the title.
    first = body[0] if len(body) else None
    if first is not None and first.tag == "head" and title and \
            " ".join(first.itertext()).split() == title.split():
        body.remove(first)
    return html_to_text(body)


def _not_an_article(text: str) -> str | None:
    """Why ``text`` is not an article's text (none, or a few words of navigation)."""
    if not text.strip():
        return "no main text could be extracted"
    if len(text.split()) < MIN_WORDS and not _SENTENCE_END.search(text):
        shown = " ".join(text.split())
        return (f"no article text: the page's main text is {shown!r}, a few words "
                "without a sentence (navigation or a list of links?)")
    return None


def _repeats_dropped(tree: Any, text: str) -> int:
    """How many back-to-back repeats of a paragraph the page has that ``text`` lacks."""
    from collections import Counter

    body = tree.find(".//body")
    if body is None:
        return 0
    page = html_to_text(body).split("\n\n")
    kept = Counter(text.split("\n\n"))
    repeated: Counter[str] = Counter(
        para for previous, para in zip(page, page[1:]) if para == previous and len(para) > 50)
    return sum(max(0, count - max(0, kept[para] - 1)) for para, count in repeated.items()
               if para in kept)


@share_docs
def read_html(path: str | Path, *, encoding: str | None = None, name: str | None = None) -> ReadResult:
    """Read one saved article page (reader contract: see ``mediakit.readers``).

    Parameters
    ----------
    {reader_path}
    {reader_encoding}
    {reader_name}

    Returns
    -------
    {read_result}
    """
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
    for note in record.pop("_notes", []):
        result.log.append({"kind": "note", "file": name, "row": 1, "column": "text",
                           "value": None, "message": note, "warn": True})
    record.update({"_file": name, "_row": 1})
    result.records.append(record)
    return result
