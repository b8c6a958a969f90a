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
import threading
import time
import warnings
from collections import Counter
from dataclasses import dataclass, field
from numbers import Integral, Real
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pandas as pd

from ._io import atomic_write_bytes
from ._validation import Interval, check_param
from .corpus import (
    _ALIASES,
    _DATAFRAME_FILE,
    _PYTHON,
    _check_options,
    _entry,
    _frame,
    _Loader,
    _log_frame,
    _skipped_entry,
    validate_corpus,
)
from .errors import CorpusError, CorpusWarning, InvalidParameterError
from .readers._dates import Settlement, date_problem, parse_date, settle_order
from .readers._dates import is_missing as _is_missing

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
        # A hash collision, a foreign file or damaged metadata is a cache miss: refetch.
        if not isinstance(meta, dict) or meta.get("url") != url:
            return None
        try:
            return _Response(url=url, final_url=str(meta["final_url"]), status=int(meta["status"]),
                             headers={str(k): str(v) for k, v in dict(meta["headers"]).items()},
                             body=body, problem=meta.get("problem"))
        except (KeyError, TypeError, ValueError):
            return None

    def put(self, response: _Response) -> None:
        meta_path, body_path = self._paths(response.url)
        meta_path.parent.mkdir(parents=True, exist_ok=True)
        meta = {"url": response.url, "final_url": response.final_url,
                "status": response.status, "headers": response.headers,
                "problem": response.problem, "fetched_at": time.time()}
        # Body first, metadata last and both atomically: an interrupted run never
        # leaves an entry whose metadata points at a partial body.
        atomic_write_bytes(body_path, response.body)
        atomic_write_bytes(meta_path, json.dumps(meta, ensure_ascii=False).encode("utf-8"))


class _DeadlineExceeded(Exception):
    """The per-URL deadline passed (raised in the fetching thread's caller)."""


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
    deadline: float
    last_request: dict[str, float] = field(default_factory=dict)

    def get(self, url: str) -> tuple[_Response | None, str | None]:
        """The response for ``url`` (cached or fetched) or ``(None, reason)``."""
        cached = self.cache.get(url)
        if cached is not None:
            return cached, None
        response, reason = self._download(url, time.monotonic() + self.deadline)
        # Definitive answers are cached (2xx, 3xx, 4xx but 429); transient ones are not,
        # so a rerun retries them.
        if response is not None and response.status < 500 and response.status != 429 \
                and reason is None:
            self.cache.put(response)
        return response, reason

    def _wait_for_host(self, url: str, deadline_at: float) -> bool:
        """Keep the per-host delay; False when it would pass the deadline."""
        host = urlsplit(url).netloc.lower()
        last = self.last_request.get(host)
        if last is not None and self.delay > 0:
            remaining = self.delay - (time.monotonic() - last)
            if remaining > 0:
                if time.monotonic() + remaining >= deadline_at:
                    return False
                time.sleep(remaining)
        self.last_request[host] = time.monotonic()
        return True

    def _download(self, url: str, deadline_at: float) -> tuple[_Response | None, str | None]:
        import requests

        over = f"deadline of {self.deadline:g}s for this URL passed"
        attempt = 0
        while True:
            if not self._wait_for_host(url, deadline_at):
                return None, over
            wait = self.backoff * (2 ** attempt)
            try:
                response = self._in_thread(url, deadline_at)
            except _DeadlineExceeded:
                return None, over
            except requests.Timeout:
                reason = f"timeout after {self.timeout:g}s"
            except requests.ConnectionError as exc:
                reason = f"connection failed ({_short(exc)})"
            except requests.RequestException as exc:  # invalid URL, too many redirects...
                return None, f"request failed ({_short(exc)})"
            else:
                if response.problem == over:
                    return None, over
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
            if time.monotonic() + wait >= deadline_at:
                return None, f"{reason}; {over} before the next try"
            time.sleep(wait)
            attempt += 1

    def _in_thread(self, url: str, deadline_at: float) -> _Response:
        """One request in a worker thread, abandoned when the deadline passes.

        A server can keep each read within ``timeout`` yet never finish (one byte a
        second, in the headers or the body); only a clock outside the request stops
        it. The worker also checks the deadline between reads of the body, so an
        abandoned request stops reading soon after.
        """
        outcome: dict[str, Any] = {}

        def work() -> None:
            try:
                outcome["response"] = self._request(url, deadline_at)
            except BaseException as exc:  # handed to the caller's thread
                outcome["error"] = exc

        worker = threading.Thread(target=work, name="mediakit-fetch", daemon=True)
        worker.start()
        worker.join(max(0.0, deadline_at - time.monotonic()))
        if worker.is_alive():
            raise _DeadlineExceeded
        if "error" in outcome:
            raise outcome["error"]
        response: _Response = outcome["response"]
        return response

    def _request(self, url: str, deadline_at: float) -> _Response:
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
            for chunk in _body_chunks(raw):
                if time.monotonic() > deadline_at:
                    result.problem = f"deadline of {self.deadline:g}s for this URL passed"
                    return result
                size += len(chunk)  # decoded size: a small gzip body cannot grow unchecked
                if size > self.max_bytes:
                    result.problem = f"page larger than {self.max_bytes} bytes"
                    return result
                chunks.append(chunk)
            result.body = b"".join(chunks)
            return result


def _body_chunks(response: Any) -> Any:
    """The decoded body as it arrives (urllib3's ``read1``: whatever is there, at most
    64 KiB), so a slow server cannot hold one read for long; else requests' chunks."""
    raw = getattr(response, "raw", None)
    read1 = getattr(raw, "read1", None)
    if read1 is None:
        yield from response.iter_content(chunk_size=65536)
        return
    while True:
        chunk = read1(65536, decode_content=True)
        if not chunk:
            return
        yield chunk


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


@dataclass
class _Table:
    """The URL table: rows as dicts, their input row numbers, and what reading it logged."""

    rows: list[dict[str, Any]]
    numbers: list[int]
    columns: list[str]
    name: str
    log: list[dict[str, Any]]


def _read_table(table_or_path: Any, *, encoding: str | None) -> _Table:
    """The table through mediakit's own readers (the same decoding, CSV checks and
    errors as ``load_corpus``): never a raw pandas ParserError or UnicodeDecodeError."""
    if isinstance(table_or_path, pd.DataFrame):
        frame = table_or_path
        rows = [{str(k): v for k, v in row.items()} for row in frame.to_dict(orient="records")]
        return _Table(rows, list(range(1, len(rows) + 1)), [str(c) for c in frame.columns],
                      _DATAFRAME_FILE, [])
    from .readers import tables

    path = Path(table_or_path)
    name = str(table_or_path)
    if not path.is_file():
        raise CorpusError("no such file" if not path.exists() else "not a regular file",
                          file=name)
    readers = {".csv": tables.read_csv, ".tsv": tables.read_tsv, ".tab": tables.read_tsv,
               ".jsonl": tables.read_jsonl, ".ndjson": tables.read_jsonl,
               ".json": tables.read_json}
    reader = readers.get(path.suffix.lower())
    if reader is None:
        raise CorpusError(f"cannot read a URL table from {path.suffix or 'a file without extension'}"
                          "; use .csv, .tsv, .json or .jsonl", file=name)
    try:
        result = reader(path, encoding=encoding)
    except (OSError, ValueError) as exc:  # unreadable, undecodable
        raise CorpusError(f"cannot read the URL table: {exc}", file=name) from None
    if not result.records and result.skipped:
        first = result.skipped[0]
        raise CorpusError(f"cannot read the URL table: {first['reason']}", file=name,
                          row=first.get("row"), column=first.get("column"))
    log = list(result.log) + [_skipped_entry(entry) for entry in result.skipped]
    columns: dict[str, None] = {}
    rows, numbers = [], []
    for record in result.records:
        numbers.append(int(record["_row"]))
        row = {key: value for key, value in record.items() if key not in ("_file", "_row")}
        columns.update(dict.fromkeys(row))
        rows.append(row)
    return _Table(rows, numbers, list(columns), name, log)


def _column_mapping(columns: Any, url_column: str, explicit: dict[str, str] | None = None
                    ) -> dict[str, str]:
    """Corpus column -> the table column supplying it, as ``load_corpus`` chooses it.

    Same rule as the loader (``columns=`` first, then a column named like the corpus
    column, else a recognised name when exactly one column has one), so a table means
    the same here as there.
    """
    mapping = {"url": url_column}
    for column, target in (explicit or {}).items():
        if target in ("doc_id", "outlet", "date", "title"):
            mapping[target] = column
    lowered = [(str(column), str(column).lower()) for column in columns]
    for canonical in ("doc_id", "outlet", "date", "title"):
        if canonical in mapping:
            continue
        exact = [c for c, low in lowered if low == canonical and c not in mapping.values()]
        if exact:
            mapping[canonical] = exact[0]
            continue
        candidates = [c for c, low in lowered
                      if low in _ALIASES[canonical] and c not in mapping.values()]
        if len(candidates) == 1:
            mapping[canonical] = candidates[0]
    return mapping


def fetch_articles(
    table_or_path: pd.DataFrame | str | os.PathLike[str],
    *,
    url: str = "url",
    columns: dict[str, str] | None = None,
    cache_dir: str | os.PathLike[str] | None = None,
    delay: float = 1.0,
    timeout: float = 10.0,
    retries: int = 2,
    backoff: float = 0.5,
    user_agent: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    deadline: float = 60.0,
    encoding: str | None = None,
    date_format: str | None = None,
    progress: bool = False,
    session: Any = None,
) -> pd.DataFrame:
    """Download the article behind every URL of a table and return a corpus.

    Parameters
    ----------
    table_or_path : pandas.DataFrame, str or path-like
        A DataFrame, or a ``.csv``/``.tsv``/``.json``/``.jsonl`` file, with one row per
        article, e.g. a Media Cloud export (``id, indexed_date, language, media_name,
        media_url, publish_date, title, url``). Never modified.
    url : str, default "url"
        The column holding the article URLs.
    columns : dict of str to str or None, default None
        Input column name -> corpus column name (``doc_id``, ``outlet``, ``date``,
        ``title``), as in ``load_corpus``: it wins over recognised names. The text is
        always the page's; the URL column is ``url``.
    cache_dir : str, path-like or None, default None
        Where fetched pages are kept (one file per URL hash holding status, headers and
        body). Default: the platform cache folder (``platformdirs``), else
        ``~/.cache/mediakit``, under ``pages/``. A rerun fetches nothing already
        answered: successes, 404s and other definitive answers are cached; timeouts,
        connection errors, 5xx and 429 are not, so a rerun retries them.
    delay : float, default 1.0
        Minimum seconds between two requests to the same host.
    timeout : float, default 10.0
        Seconds to wait for the server to connect and to send each part of a page.
    deadline : float, default 60.0
        Seconds one URL may take in all: connecting, every read, retries and the
        waits between them. A server that sends a page a byte at a time, each within
        ``timeout``, is given up at the deadline (reason ``"deadline of 60s for this
        URL passed"``), and the batch goes on.
    retries, backoff : int, float, default 2, 0.5
        Connection errors, timeouts, 5xx and 429 are retried ``retries`` times, waiting
        ``backoff * 2**attempt`` seconds, or the server's ``Retry-After`` when it is at
        most 30 s (a longer one gives up on that URL).
    user_agent : str or None, default None
        The ``User-Agent`` header; default names mediakit and its version.
    max_bytes : int, default 10_000_000
        Larger pages are skipped (checked on ``Content-Length`` and while reading).
    encoding : str or None, default None
        How to decode a table file that is not valid UTF-8 (as in ``load_corpus``).
    date_format : str or None, default None
        The table's date format, as in ``load_corpus`` (``"dayfirst"``,
        ``"monthfirst"`` or a strptime format); default: inferred from the whole
        date column.
    progress : bool, default False
        Show a tqdm progress bar on stderr.
    session : requests.Session or None, default None
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

        Its load log (:func:`mediakit.load_log`) lists every input row not loaded
        (kind ``skipped``): ``file`` is the input path or ``"<DataFrame>"`` (as in
        ``load_corpus``), ``row`` the 1-based data row, ``column`` the URL column (or
        the one the loader objected to), ``message`` e.g. ``"HTTP 404"``, ``"timeout
        after 10s"``, ``"deadline of 60s for this URL passed"``, ``"malformed URL
        ..."``, ``"content type application/pdf is not HTML"``, ``"page larger than
        10000000 bytes"``, ``"no main text could be extracted"``, ``"missing URL"``;
        and the table's encoding, repeated ids, dates not read and pages' charset
        notes. One ``CorpusWarning`` summarises the failures; a failed URL (however
        malformed) never stops the others.

    Raises
    ------
    CorpusError
        The input cannot be read or has no ``url`` column.
    InvalidParameterError
        An option is out of range (checked before anything is fetched).
    """
    import requests
    from tqdm.auto import tqdm

    from .readers.html import decode_html, extract_page

    caller = "fetch_articles"
    check_param("url", url, [str], caller=caller)
    check_param("delay", delay, [Interval(Real, 0, None)], caller=caller)
    check_param("timeout", timeout, [Interval(Real, 0, None, closed="neither")], caller=caller)
    check_param("deadline", deadline, [Interval(Real, 0, None, closed="neither")], caller=caller)
    check_param("retries", retries, [Interval(Integral, 0, None)], caller=caller)
    check_param("backoff", backoff, [Interval(Real, 0, None)], caller=caller)
    check_param("max_bytes", max_bytes, [Interval(Integral, 1, None)], caller=caller)
    options = _check_options(None, None, columns, None, encoding, date_format, "suffix", "skip")
    wrong = [name for name, target in options.columns.items()
             if target not in ("doc_id", "outlet", "date", "title")]
    if wrong:
        raise InvalidParameterError(
            f"fetch_articles: columns= maps {wrong[0]!r} to {options.columns[wrong[0]]!r}; here "
            "it may name doc_id, outlet, date or title (the URL column is url=, the text is "
            "the page's)")

    table = _read_table(table_or_path, encoding=options.encoding)
    name = table.name
    if url not in table.columns:
        raise CorpusError(f"no column {url!r}; columns are {table.columns}",
                          file=name, column=url)
    fetcher = _Fetcher(
        session=session if session is not None else requests.Session(),
        timeout=timeout, retries=retries, backoff=backoff, delay=delay,
        user_agent=user_agent or _default_user_agent(), max_bytes=max_bytes,
        cache=_PageCache(Path(cache_dir) if cache_dir is not None else _default_cache_dir()),
        deadline=deadline,
    )
    missing = [name for name in options.columns if name not in table.columns]
    if missing:
        raise CorpusError(f"columns= names {missing[0]!r}, which the table does not have; "
                          f"its columns are {table.columns}", file=name, column=missing[0])
    mapping = _column_mapping(table.columns, url, options.columns)
    order = _table_date_order(table, mapping, options.date_format)
    records: list[dict[str, Any]] = []
    fetched_rows: list[int] = []
    log: list[dict[str, Any]] = list(table.log)
    for canonical, column in mapping.items():
        if column.lower() != canonical and canonical != "url":
            log.append(_entry("column", name, f"input column {column!r} used as {canonical} "
                              "(a recognised name)", column=column, value=canonical))
    failures = 0
    try:
        for number, row in zip(tqdm(table.numbers, disable=not progress, file=sys.stderr,
                                    unit="url", desc="fetching"), table.rows, strict=True):
            try:
                record, reason = _fetch_row(row, number=number, mapping=mapping, fetcher=fetcher,
                                            decode_html=decode_html, extract_page=extract_page,
                                            log=log, name=name, order=order)
            except (ValueError, LookupError, TypeError, OSError) as exc:
                # whatever one odd row does, the batch goes on
                record, reason = None, f"cannot fetch this row ({type(exc).__name__}: {_short(exc)})"
            if record is None:
                failures += 1
                log.append(_entry("skipped", name, str(reason), row=number, column=url))
            else:
                records.append(record)
                fetched_rows.append(number)
    finally:
        if session is None:
            fetcher.session.close()

    corpus = _build_corpus(records, fetched_rows, table, log, name=name, mapping=mapping)
    for entry in log:
        if entry.get("warn"):
            where = CorpusError(entry["message"], file=entry["file"], row=entry.get("row"),
                                column=entry.get("column"))
            warnings.warn(str(where), CorpusWarning, stacklevel=2)
    if failures:
        reasons = Counter(_reason_kind(entry["message"]) for entry in log
                          if entry["kind"] == "skipped")
        summary = ", ".join(f"{count} {kind}" for kind, count in reasons.most_common())
        warnings.warn(
            f"{failures} of {len(table.rows)} URLs from {name} were not loaded ({summary}); "
            "see mediakit.load_log(corpus, 'skipped') for each row and reason",
            CorpusWarning, stacklevel=2,
        )
    return corpus


def _reason_kind(reason: str) -> str:
    """The reason without its particulars, to count alike failures together."""
    return reason.split(" (", 1)[0].split(":", 1)[0].split(" '", 1)[0]


def _table_date_order(table: _Table, mapping: dict[str, str], date_format: str | None
                      ) -> str | None:
    """The day/month order of the table's date column, settled by all its values
    (or stated by ``date_format``); a strptime format is returned as is."""
    if date_format is not None:
        return date_format
    column = mapping.get("date")
    if column is None:
        return None
    settled: Settlement = settle_order([row.get(column) for row in table.rows])
    return settled.order


def _fetch_row(row: dict[str, Any], *, number: int, mapping: dict[str, str],
               fetcher: _Fetcher, decode_html: Any, extract_page: Any,
               log: list[dict[str, Any]], name: str, order: str | None
               ) -> tuple[dict[str, Any] | None, str | None]:
    address = row.get(mapping["url"])
    if _is_missing(address) or not isinstance(address, str):
        return None, "missing URL"
    address = address.strip()
    try:
        parts = urlsplit(address)
        parts.port  # noqa: B018 - raises ValueError for a malformed port
    except ValueError as exc:
        return None, f"malformed URL {address!r} ({exc})"
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
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
        log.append(_entry("encoding", name, f"{address}: {note}", row=number,
                          column=mapping["url"], warn=True))
    page, reason = extract_page(html, url=response.final_url)
    if page is None:
        return None, reason
    for note in page.pop("_notes", []):
        log.append(_entry("note", name, f"{address}: {note}", row=number, column=mapping["url"],
                          warn=True))
    record: dict[str, Any] = {}
    for canonical in ("doc_id", "outlet", "title"):
        column = mapping.get(canonical)
        value = row.get(column) if column is not None else None
        record[canonical] = page.get(canonical) if _is_missing(value) else value
    record["date"] = _choose_date(row, mapping, page, number=number, log=log, name=name,
                                  order=order)
    record["url"] = address
    record["text"] = page["text"]
    for column, value in row.items():
        if column not in mapping.values() and column not in record:
            record[column] = value
    record["final_url"] = response.final_url
    return record, None


def _parse_table_date(value: Any, order: str | None) -> Any:
    if order is not None and order not in ("dayfirst", "monthfirst"):
        from .readers._dates import parse_date_column

        return parse_date_column([value], date_format=order).dates[0]
    return parse_date(value, order)


def _choose_date(row: dict[str, Any], mapping: dict[str, str], page: dict[str, Any], *,
                 number: int, log: list[dict[str, Any]], name: str, order: str | None) -> Any:
    """The table's date when it parses, else the page's; an unreadable one is logged."""
    column = mapping.get("date")
    value = row.get(column) if column is not None else None
    if not _is_missing(value):
        parsed = _parse_table_date(value, order)
        if parsed is not None:
            return parsed
        log.append(_entry("date", name, f"date {value!r} not read ({date_problem(value, order)}); "
                          "the page's own date is used", row=number, column=column, value=value,
                          warn=True))
    page_date = page.get("date")
    return parse_date(page_date) if not _is_missing(page_date) else None


def _build_corpus(records: list[dict[str, Any]], rows: list[int], table: _Table,
                  log: list[dict[str, Any]], *, name: str, mapping: dict[str, str],
                  ) -> pd.DataFrame:
    """The corpus through the loader's own checks, so fetched articles are validated
    like any other, with the log of the table, the fetching and the loader in one.

    Rows get ids before loading (the table's id, else ``row-<n>`` for a DataFrame or
    ``<file stem>:<n>`` for a file, n = input row): the loader would otherwise number
    the fetched subset, not the input.
    """
    stem = None if name == _DATAFRAME_FILE else Path(name).stem
    for record, number in zip(records, rows):
        if _is_missing(record["doc_id"]):
            record["doc_id"] = f"row-{number}" if stem is None else f"{stem}:{number}"
        record["_file"] = name
        record["_row"] = number
    loader = _Loader(_check_options(None, None, None, None, None, None, "suffix", "skip", _PYTHON))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the loader's events join this function's log
        corpus_rows = loader.rows(records, None, [])
    log.extend(entry for entry in loader.log if entry["kind"] != "date")
    extras = [c for c in table.columns if c not in mapping.values()]
    corpus = validate_corpus(_frame(corpus_rows))
    for column in [*[c for c in extras if c not in corpus.columns], "final_url"]:
        if column not in corpus.columns:  # nothing loaded: keep the table's schema all the same
            corpus[column] = pd.Series([None] * len(corpus), dtype="object")
    log.sort(key=lambda entry: (entry.get("row") is None, entry.get("row") or 0))
    corpus.attrs["load_log"] = _log_frame(log)
    return corpus

