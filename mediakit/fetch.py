"""Fetching the articles of a URL table such as a Media Cloud export (issue 9).

Media Cloud and similar services export metadata (``id, indexed_date, language,
media_name, media_url, publish_date, title, url``) but no text. ``fetch_articles``
downloads each page politely, extracts its main text with the same code as the HTML
reader (``mediakit.readers.html``), and returns a corpus.

This module is the only place in mediakit that touches the network.
"""

from __future__ import annotations

import email.utils
import hashlib
import json
import os
import sys
import tempfile
import time
import warnings
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pandas as pd

from .corpus import _ALIASES, _DATAFRAME_FILE, _skipped_frame, load_corpus
from .errors import CorpusError, CorpusWarning
from .readers._dates import is_missing as _is_missing
from .readers._dates import parse_date

__all__ = ["fetch_articles"]

DEFAULT_MAX_BYTES = 10_000_000
# A server asking us to wait longer than this is treated as refusing: a batch job
# must not hang for an hour on one URL.
MAX_RETRY_AFTER = 30.0
# A response without Content-Type is given the benefit of the doubt and parsed.
_HTML_CONTENT_TYPES = ("text/html", "application/xhtml+xml")


def _default_user_agent() -> str:
    from . import __version__

    return (f"mediakit/{__version__} (news-framing research toolkit; "
            "fetches each article once and caches it)")


def _default_cache_dir() -> Path:
    try:
        import platformdirs
    except ImportError:
        return Path.home() / ".cache" / "mediakit" / "pages"
    return Path(platformdirs.user_cache_dir("mediakit")) / "pages"


@dataclass
class _Response:
    """What the cache stores for one URL: the final HTTP answer, body possibly empty."""

    url: str
    final_url: str
    status: int
    headers: dict[str, str]
    body: bytes = b""
    problem: str | None = None  # why the body was not kept (too large, not HTML)


class _PageCache:
    """One JSON file (status, headers, final URL) and one body file per URL hash."""

    def __init__(self, root: Path) -> None:
        self.root = root
        # Fail at once, before any download, if the cache cannot be written.
        root.mkdir(parents=True, exist_ok=True)

    def _paths(self, url: str) -> tuple[Path, Path]:
        key = hashlib.sha256(url.encode("utf-8")).hexdigest()
        folder = self.root / key[:2]
        return folder / f"{key}.json", folder / f"{key}.body"

    def get(self, url: str) -> _Response | None:
        meta_path, body_path = self._paths(url)
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            body = body_path.read_bytes()
        except (OSError, ValueError):
            return None
        if meta.get("url") != url:  # a hash collision or a foreign file: refetch
            return None
        return _Response(url=url, final_url=meta["final_url"], status=int(meta["status"]),
                         headers=dict(meta["headers"]), body=body, problem=meta.get("problem"))

    def put(self, response: _Response) -> None:
        meta_path, body_path = self._paths(response.url)
        meta_path.parent.mkdir(parents=True, exist_ok=True)
        meta = {"url": response.url, "final_url": response.final_url,
                "status": response.status, "headers": response.headers,
                "problem": response.problem, "fetched_at": time.time()}
        # Body first, metadata last and both atomically: an interrupted run never
        # leaves an entry whose metadata points at a partial body.
        _atomic_write(body_path, response.body)
        _atomic_write(meta_path, json.dumps(meta, ensure_ascii=False).encode("utf-8"))


def _atomic_write(path: Path, data: bytes) -> None:
    handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@dataclass
class _Fetcher:
    session: Any
    timeout: float
    retries: int
    backoff: float
    delay: float
    user_agent: str
    max_bytes: int
    cache: _PageCache
    last_request: dict[str, float] = field(default_factory=dict)

    def get(self, url: str) -> tuple[_Response | None, str | None]:
        """The response for ``url`` (cached or fetched) or ``(None, reason)``."""
        cached = self.cache.get(url)
        if cached is not None:
            return cached, None
        response, reason = self._download(url)
        # Definitive answers are cached (2xx, 3xx, 4xx but 429); transient ones are not,
        # so a rerun retries them.
        if response is not None and response.status < 500 and response.status != 429:
            self.cache.put(response)
        return response, reason

    def _wait_for_host(self, url: str) -> None:
        host = urlsplit(url).netloc.lower()
        last = self.last_request.get(host)
        if last is not None and self.delay > 0:
            remaining = self.delay - (time.monotonic() - last)
            if remaining > 0:
                time.sleep(remaining)
        self.last_request[host] = time.monotonic()

    def _download(self, url: str) -> tuple[_Response | None, str | None]:
        import requests

        attempt = 0
        while True:
            self._wait_for_host(url)
            wait = self.backoff * (2 ** attempt)
            try:
                response = self._request(url)
            except requests.Timeout:
                reason = f"timeout after {self.timeout:g}s"
            except requests.ConnectionError as exc:
                reason = f"connection failed ({_short(exc)})"
            except requests.RequestException as exc:  # invalid URL, too many redirects...
                return None, f"request failed ({_short(exc)})"
            else:
                if response.status != 429 and response.status < 500:
                    return response, None
                reason = f"HTTP {response.status}"
                retry_after = _retry_after_seconds(response.headers.get("retry-after"))
                if retry_after is not None:
                    if retry_after > MAX_RETRY_AFTER:
                        return response, f"{reason} (server asks to retry after {retry_after:g}s)"
                    wait = max(wait, retry_after)
                if attempt >= self.retries:
                    return response, reason
            if attempt >= self.retries:
                return None, reason
            time.sleep(wait)
            attempt += 1

    def _request(self, url: str) -> _Response:
        headers = {"User-Agent": self.user_agent,
                   "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1"}
        with self.session.get(url, headers=headers, timeout=self.timeout,
                              stream=True, allow_redirects=True) as raw:
            result = _Response(url=url, final_url=raw.url, status=raw.status_code,
                               headers={k.lower(): v for k, v in raw.headers.items()})
            if not 200 <= raw.status_code < 300:
                return result
            media_type = _media_type(result.headers)
            if media_type and media_type not in _HTML_CONTENT_TYPES:
                result.problem = f"content type {media_type} is not HTML"
                return result
            declared = result.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > self.max_bytes:
                result.problem = f"page larger than {self.max_bytes} bytes"
                return result
            chunks, size = [], 0
            for chunk in raw.iter_content(chunk_size=65536):
                size += len(chunk)
                if size > self.max_bytes:
                    result.problem = f"page larger than {self.max_bytes} bytes"
                    return result
                chunks.append(chunk)
            result.body = b"".join(chunks)
            return result


def _short(exc: BaseException) -> str:
    text = str(exc)
    return text if len(text) <= 160 else text[:157] + "..."


def _media_type(headers: dict[str, str]) -> str:
    return headers.get("content-type", "").split(";", 1)[0].strip().lower()


def _charset(headers: dict[str, str]) -> str | None:
    for part in headers.get("content-type", "").split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None


def _retry_after_seconds(value: str | None) -> float | None:
    """Seconds from a Retry-After header (delta-seconds or an HTTP date), or None."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, moment.timestamp() - time.time())


def _read_table(table_or_path: Any) -> tuple[pd.DataFrame, str]:
    if isinstance(table_or_path, pd.DataFrame):
        return table_or_path.copy(), _DATAFRAME_FILE
    path = Path(table_or_path)
    name = str(table_or_path)
    if not path.is_file():
        raise CorpusError("no such file", file=name)
    suffix = path.suffix.lower()
    # Everything as text: ids such as Media Cloud's must not become floats.
    if suffix in (".csv", ".tsv", ".tab"):
        table = pd.read_csv(path, dtype=str, sep="\t" if suffix != ".csv" else ",")
    elif suffix in (".jsonl", ".ndjson"):
        table = pd.read_json(path, lines=True, dtype=False)
    elif suffix == ".json":
        table = pd.read_json(path, dtype=False)
    else:
        raise CorpusError(f"cannot read a URL table from {suffix or 'a file without extension'}"
                          "; use .csv, .tsv, .json or .jsonl", file=name)
    return table, name


def _column_mapping(columns: Any, url_column: str) -> dict[str, str]:
    """Corpus column -> the table column supplying it, as ``load_corpus`` chooses it.

    Same rule as the loader (a column named like the corpus column wins, else the first
    recognised alias, case-insensitively), so a table means the same here as there.
    """
    mapping = {"url": url_column}
    lowered = [(str(column), str(column).lower()) for column in columns]
    for canonical in ("doc_id", "outlet", "date", "title"):
        for name in (canonical, *_ALIASES[canonical]):
            match = next((column for column, low in lowered
                          if low == name and column not in mapping.values()), None)
            if match is not None:
                mapping[canonical] = match
                break
    return mapping


def fetch_articles(
    table_or_path: pd.DataFrame | str | os.PathLike[str],
    *,
    url: str = "url",
    cache_dir: str | os.PathLike[str] | None = None,
    delay: float = 1.0,
    timeout: float = 10.0,
    retries: int = 2,
    backoff: float = 0.5,
    user_agent: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    progress: bool = False,
    session: Any = None,
) -> pd.DataFrame:
    """Download the article behind every URL of a table and return a corpus.

    Parameters
    ----------
    table_or_path
        A DataFrame, or a ``.csv``/``.tsv``/``.json``/``.jsonl`` file, with one row per
        article, e.g. a Media Cloud export (``id, indexed_date, language, media_name,
        media_url, publish_date, title, url``). Never modified.
    url
        The column holding the article URLs.
    cache_dir
        Where fetched pages are kept (one file per URL hash holding status, headers and
        body). Default: the platform cache folder (``platformdirs``), else
        ``~/.cache/mediakit``, under ``pages/``. A rerun fetches nothing already
        answered: successes, 404s and other definitive answers are cached; timeouts,
        connection errors, 5xx and 429 are not, so a rerun retries them.
    delay
        Minimum seconds between two requests to the same host.
    timeout
        Seconds to wait for the server to connect and to send each part of a page.
    retries, backoff
        Connection errors, timeouts, 5xx and 429 are retried ``retries`` times, waiting
        ``backoff * 2**attempt`` seconds, or the server's ``Retry-After`` when it is at
        most 30 s (a longer one gives up on that URL).
    user_agent
        The ``User-Agent`` header; default names mediakit and its version.
    max_bytes
        Larger pages are skipped (checked on ``Content-Length`` and while reading).
    progress
        Show a tqdm progress bar on stderr.
    session
        A ``requests.Session`` to use (for proxies, auth, mounting adapters); default a
        new one, closed afterwards.

    Returns
    -------
    pandas.DataFrame
        A corpus built by ``mediakit.load_corpus`` (same validation, dtypes and date
        policy): ``doc_id``, ``outlet``, ``date`` (tz-naive, UTC where the source gave a
        zone), ``title``, ``url``, ``text``, then every other input column unchanged,
        then ``final_url`` (the address after redirects).

        Which table column supplies a corpus column follows ``load_corpus``'s rules
        (the column named like it, else the first recognised alias, e.g. ``id`` ->
        ``doc_id``, ``media_name`` -> ``outlet``, ``publish_date`` -> ``date``). **The
        table's metadata wins over the page's**: it is what the researcher's source
        (e.g. Media Cloud) recorded, consistently across outlets. Where the table's value
        is missing, the page's is used: ``og:site_name`` (else the site's name or host),
        ``article:published_time`` (else the page's date metadata), ``og:title``/
        ``<title>`` (see ``mediakit.readers.html.extract_page``); an unreadable table
        date falls back to the page's with a warning. ``doc_id`` without a table id is
        ``row-<n>`` for a DataFrame and ``<file stem>:<n>`` for a file (n = input row,
        as ``load_corpus`` numbers table rows). ``url`` is the table's URL as given;
        ``text`` is always the page's main text (paragraphs separated by blank lines).

        ``attrs["skipped"]`` (``file, row, column, reason``) lists every input row not
        loaded: ``file`` is the input path or ``"<DataFrame>"`` (as in ``load_corpus``),
        ``row`` the 1-based data row, ``column`` the URL column (or the one the loader
        objected to), ``reason`` e.g. ``"HTTP 404"``, ``"timeout after 10s"``,
        ``"content type application/pdf is not HTML"``, ``"page larger than 10000000
        bytes"``, ``"no main text could be extracted"``, ``"missing URL"``,
        ``"duplicate doc_id ..."``. One ``CorpusWarning`` summarises them; a failed URL
        never stops the others.

    Raises
    ------
    CorpusError
        The input cannot be read or has no ``url`` column.
    """
    import requests
    from tqdm.auto import tqdm

    from .readers.html import decode_html, extract_page

    table, name = _read_table(table_or_path)
    table.columns = [str(column) for column in table.columns]
    if url not in table.columns:
        raise CorpusError(f"no column {url!r}; columns are {list(table.columns)}",
                          file=name, column=url)
    fetcher = _Fetcher(
        session=session if session is not None else requests.Session(),
        timeout=timeout, retries=retries, backoff=backoff, delay=delay,
        user_agent=user_agent or _default_user_agent(), max_bytes=max_bytes,
        cache=_PageCache(Path(cache_dir) if cache_dir is not None else _default_cache_dir()),
    )
    mapping = _column_mapping(table.columns, url)
    records: list[dict[str, Any]] = []
    fetched_rows: list[int] = []
    skipped: list[dict[str, Any]] = []
    page_warnings: list[str] = []
    rows = table.to_dict(orient="records")
    try:
        for number, row in enumerate(tqdm(rows, disable=not progress, file=sys.stderr,
                                          unit="url", desc="fetching"), start=1):
            record, reason = _fetch_row(row, number=number, mapping=mapping, fetcher=fetcher,
                                        decode_html=decode_html, extract_page=extract_page,
                                        notes=page_warnings)
            if record is None:
                skipped.append({"file": name, "row": number, "column": url, "reason": reason})
            else:
                records.append(record)
                fetched_rows.append(number)
    finally:
        if session is None:
            fetcher.session.close()

    corpus = _build_corpus(records, fetched_rows, table, skipped, name=name, mapping=mapping)
    for note in page_warnings:
        warnings.warn(f"{name}: {note}", CorpusWarning, stacklevel=2)
    if skipped:
        reasons = Counter(_reason_kind(item["reason"]) for item in skipped)
        summary = ", ".join(f"{count} {kind}" for kind, count in reasons.most_common())
        warnings.warn(
            f"{len(skipped)} of {len(rows)} URLs from {name} were not loaded ({summary}); "
            "see corpus.attrs['skipped'] for each row and reason",
            CorpusWarning, stacklevel=2,
        )
    return corpus


def _reason_kind(reason: str) -> str:
    """The reason without its particulars, to count alike failures together."""
    return reason.split(" (", 1)[0].split(":", 1)[0].split(" '", 1)[0]


def _fetch_row(row: dict[str, Any], *, number: int, mapping: dict[str, str],
               fetcher: _Fetcher, decode_html: Any, extract_page: Any,
               notes: list[str]) -> tuple[dict[str, Any] | None, str | None]:
    address = row.get(mapping["url"])
    if _is_missing(address) or not isinstance(address, str):
        return None, "missing URL"
    address = address.strip()
    if urlsplit(address).scheme.lower() not in ("http", "https"):
        return None, f"not an http(s) URL: {address!r}"
    response, reason = fetcher.get(address)
    if response is None or reason is not None:
        return None, reason
    if not 200 <= response.status < 300:
        return None, f"HTTP {response.status}"
    if response.problem:
        return None, response.problem
    html, note = decode_html(response.body, declared=_charset(response.headers))
    if note:
        notes.append(f"{address}: {note}")
    page, reason = extract_page(html, url=response.final_url)
    if page is None:
        return None, reason
    record: dict[str, Any] = {}
    for canonical in ("doc_id", "outlet", "title"):
        column = mapping.get(canonical)
        value = row[column] if column is not None else None
        record[canonical] = page.get(canonical) if _is_missing(value) else value
    record["date"] = _choose_date(row, mapping, page, number=number, notes=notes)
    record["url"] = address
    record["text"] = page["text"]
    for column, value in row.items():
        if column not in mapping.values() and column not in record:
            record[column] = value
    record["final_url"] = response.final_url
    return record, None


def _choose_date(row: dict[str, Any], mapping: dict[str, str], page: dict[str, Any], *,
                 number: int, notes: list[str]) -> Any:
    """The table's date when it parses, else the page's; an unreadable one is noted."""
    column = mapping.get("date")
    value = row[column] if column is not None else None
    if not _is_missing(value):
        parsed = parse_date(value)
        if parsed is not None:
            return parsed
        notes.append(f"row {number}, column {column!r}: date {value!r} not understood; "
                     "the page's own date is used")
    page_date = page.get("date")
    return parse_date(page_date) if not _is_missing(page_date) else None


def _build_corpus(records: list[dict[str, Any]], rows: list[int], table: pd.DataFrame,
                  skipped: list[dict[str, Any]], *, name: str, mapping: dict[str, str],
                  ) -> pd.DataFrame:
    """The corpus via ``load_corpus``, so fetched articles are validated like any other.

    Rows get ids before loading (the table's id, else ``row-<n>`` for a DataFrame or
    ``<file stem>:<n>`` for a file, n = input row): the loader would otherwise number
    the fetched subset, not the input.
    """
    stem = None if name == _DATAFRAME_FILE else Path(name).stem
    for record, number in zip(records, rows):
        if _is_missing(record["doc_id"]):
            record["doc_id"] = f"row-{number}" if stem is None else f"{stem}:{number}"
    extras = [c for c in table.columns if c not in mapping.values()]
    columns = ["doc_id", "outlet", "date", "title", "url", "text",
               *[c for c in extras if c not in ("doc_id", "outlet", "date", "title", "url",
                                                "text")], "final_url"]
    frame = pd.DataFrame.from_records(records, columns=columns)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        corpus = load_corpus(frame, errors="skip")
    missing = [column for column in columns if column not in corpus.columns]
    if missing:  # nothing loaded: keep the table's schema all the same
        corpus = corpus.assign(**{column: pd.Series(dtype="object") for column in missing})
    for entry in corpus.attrs["skipped"].to_dict(orient="records"):
        # Positions in the fetched subset back to the user's file and row.
        position = entry["row"]
        entry["file"] = name
        entry["row"] = rows[int(position) - 1] if not _is_missing(position) else None
        skipped.append(entry)
    for message in caught:
        if not str(message.message).startswith("skipped "):  # summarised by the caller
            warnings.warn(message.message, message.category, stacklevel=3)
    skipped.sort(key=lambda entry: (entry["row"] is None, entry["row"] or 0))
    corpus.attrs["skipped"] = _skipped_frame(skipped)
    return corpus
