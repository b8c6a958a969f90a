"""fetch_articles against a local HTTP server started by the tests (never the internet)."""

from __future__ import annotations

import json
import threading
import warnings
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pandas as pd
import pytest

pytest.importorskip("requests")
pytest.importorskip("trafilatura")

import mediakit  # noqa: E402
from mediakit import fetch as fetch_module  # noqa: E402
from mediakit.corpus import load_log  # noqa: E402
from mediakit.errors import CorpusError  # noqa: E402
from mediakit.fetch import fetch_articles  # noqa: E402

FIXTURES = Path(__file__).parent / "web_fixtures"
BOILERPLATE = [
    "cookies", "Accept all", "Subscribe today", "Front page", "World desk",
    "All rights reserved", "Privacy policy", "Most read", "Ferry timetable",
    "analyticsQueue", "position: fixed", "By a staff reporter",
]
MEDIA_CLOUD_COLUMNS = ["id", "indexed_date", "language", "media_name", "media_url",
                       "publish_date", "title", "url"]


class _Server:
    """A tiny site: fixture pages, failures on purpose, and a hit counter per path."""

    def __init__(self) -> None:
        self.hits: Counter[str] = Counter()
        self.user_agents: list[str] = []
        self.stop = threading.Event()
        self.lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:  # keep test output clean
                pass

            def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
                with server.lock:
                    server.hits[self.path] += 1
                    count = server.hits[self.path]
                    server.user_agents.append(self.headers.get("User-Agent", ""))
                server.respond(self, self.path, count)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever,
                                       kwargs={"poll_interval": 0.05}, daemon=True)

    def respond(self, handler: BaseHTTPRequestHandler, path: str, count: int) -> None:
        def send(status: int, body: bytes, content_type: str = "text/html; charset=utf-8",
                 extra: dict[str, str] | None = None) -> None:
            handler.send_response(status)
            handler.send_header("Content-Type", content_type)
            handler.send_header("Content-Length", str(len(body)))
            for key, value in (extra or {}).items():
                handler.send_header(key, value)
            handler.end_headers()
            handler.wfile.write(body)

        page = (FIXTURES / "article.html").read_bytes()
        if path == "/article":
            send(200, page)
        elif path == "/malformed":
            send(200, (FIXTURES / "malformed.html").read_bytes(), "text/html")
        elif path == "/cafe":
            send(200, (FIXTURES / "cp1252.html").read_bytes(), "text/html; charset=windows-1252")
        elif path == "/empty":
            send(200, (FIXTURES / "empty_page.html").read_bytes())
        elif path == "/feed.rss":
            send(200, (FIXTURES / "world.rss").read_bytes(), "application/rss+xml")
        elif path == "/report.pdf":
            send(200, b"%PDF-1.4 not a web page", "application/pdf")
        elif path == "/slow":
            # Bounded: released at teardown, and never longer than 2 s.
            self.stop.wait(2.0)
            send(200, page)
        elif path == "/flaky":
            if count == 1:
                send(503, b"busy", "text/plain", {"Retry-After": "0"})
            else:
                send(200, page)
        elif path == "/down":
            send(503, b"down for maintenance", "text/plain")
        elif path == "/rate-limited":
            send(429, b"slow down", "text/plain", {"Retry-After": "3600"})
        elif path in ("/trickle-body", "/trickle-headers"):
            # One byte every 0.2 s, each within any read timeout, never finishing in
            # time; bounded by the teardown event and 10 s.
            if path == "/trickle-body":
                handler.send_response(200)
                handler.send_header("Content-Type", "text/html")
                handler.end_headers()
            else:  # a status line, then a header that never ends
                handler.wfile.write(b"HTTP/1.1 200 OK\r\nX-Slow: ")
            handler.wfile.flush()
            deadline = 50
            while deadline and not self.stop.is_set():
                try:
                    handler.wfile.write(b"s" if path == "/trickle-headers" else b"<")
                    handler.wfile.flush()
                except OSError:
                    return
                self.stop.wait(0.2)
                deadline -= 1
        elif path == "/moved":
            handler.send_response(301)
            handler.send_header("Location", "/article")
            handler.send_header("Content-Length", "0")
            handler.end_headers()
        else:
            send(404, b"<html><body><p>Not found</p></body></html>")

    def __enter__(self) -> _Server:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)


@pytest.fixture
def server():
    with _Server() as running:
        yield running


def _fetch(source, tmp_path: Path, **options):
    options = {"cache_dir": tmp_path / "cache", "delay": 0.0, "timeout": 5.0,
               "backoff": 0.0, **options}
    return fetch_articles(source, **options)


def _media_cloud_csv(tmp_path: Path, base: str) -> Path:
    table = pd.DataFrame(
        [
            ["1001", "2020-03-02 09:00:00", "en", "Harbour Courier", "https://courier.example/",
             "2020-03-02 08:15:00", "Ceasefire talks stall near Saraqib", f"{base}/article"],
            ["1002", "2020-03-03 07:00:00", "en", "", "https://gazette.example/",
             "", "", f"{base}/malformed"],
            ["1003", "2020-03-03 08:00:00", "en", "Harbour Courier", "https://courier.example/",
             "2020-03-03 06:00:00", "A story that was taken down", f"{base}/gone"],
            ["1004", "2020-02-27 18:00:00", "fr", "Le Petit Observateur",
             "https://observateur.example/", "2020-02-27 16:00:00", "Café owners speak out",
             f"{base}/cafe"],
        ],
        columns=MEDIA_CLOUD_COLUMNS,
    )
    path = tmp_path / "media_cloud_export.csv"
    table.to_csv(path, index=False)
    return path


def test_media_cloud_export_loads_with_clean_text_and_reports_the_404(server, tmp_path):
    path = _media_cloud_csv(tmp_path, server.base)
    with pytest.warns(UserWarning, match=r"1 of 4 URLs .* not loaded \(1 HTTP 404\)"):
        corpus = _fetch(path, tmp_path)

    assert list(corpus.columns[:7]) == list(mediakit.CORPUS_COLUMNS)
    # Every Media Cloud column is kept: the mapped ones as canonical columns, the rest as is.
    assert {"indexed_date", "language", "media_url"} <= set(corpus.columns)
    assert list(corpus["doc_id"]) == ["1001", "1002", "1004"]
    article = corpus.set_index("doc_id").loc["1001"]
    # The table's metadata wins over the page's own.
    assert article["outlet"] == "Harbour Courier"
    assert article["title"] == "Ceasefire talks stall near Saraqib"
    assert article["date"] == pd.Timestamp("2020-03-02 08:15:00")
    assert article["url"] == f"{server.base}/article"
    assert article["language"] == "en"
    assert article["text"].startswith("Delegations from Ankara and Moscow")
    assert "so-called terrorists" in article["text"]
    assert article["text"].count("\n\n") == 3  # four paragraphs, blank lines between
    for phrase in BOILERPLATE:
        assert phrase not in article["text"], phrase

    # Where the table is silent, the page's metadata fills in.
    malformed = corpus.set_index("doc_id").loc["1002"]
    assert malformed["outlet"] == "Valley Gazette"
    assert malformed["title"] == "Border crossing reopens after talks"
    assert "Lorries carrying flour" in malformed["text"]
    # Bytes in windows-1252 are decoded by the declared charset.
    assert "café near the square" in corpus.set_index("doc_id").loc["1004", "text"]

    skipped = load_log(corpus, "skipped")
    assert list(skipped.columns) == ["kind", "file", "row", "column", "value", "message"]
    assert skipped[["file", "row", "column", "message"]].to_dict(orient="records") == [
        {"file": str(path), "row": 3, "column": "url", "message": "HTTP 404"}
    ]


def test_second_run_is_served_from_the_cache_only(server, tmp_path):
    path = _media_cloud_csv(tmp_path, server.base)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        first = _fetch(path, tmp_path)
        hits_after_first = dict(server.hits)
        second = _fetch(path, tmp_path)
    assert sum(hits_after_first.values()) == 4
    # One entry per URL (the 404 included), each holding status, headers and body.
    entries = sorted((tmp_path / "cache").rglob("*.json"))
    assert len(entries) == 4
    assert sorted(json.loads(e.read_text())["status"] for e in entries) == [200, 200, 200, 404]
    assert dict(server.hits) == hits_after_first  # not one more request, the 404 included
    pd.testing.assert_frame_equal(first, second)
    pd.testing.assert_frame_equal(load_log(first, "skipped"), load_log(second, "skipped"))
    # Fetched corpora combine like loaded ones (attrs included).
    assert len(pd.concat([first, second])) == 2 * len(first)
    # A different cache folder means a fresh download.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fetch_articles(path, cache_dir=tmp_path / "other", delay=0.0)
    assert server.hits["/article"] == 2


def test_each_failure_is_reported_with_its_reason_and_the_rest_load(server, tmp_path):
    base = server.base
    table = pd.DataFrame({
        "url": [f"{base}/slow", f"{base}/report.pdf", f"{base}/empty", f"{base}/article",
                f"{base}/nowhere", "ftp://files.example/a.html", None, f"{base}/malformed"],
        "outlet": ["A", "B", "C", "D", "E", "F", "G", "H"],
    })
    original = table.copy()
    with pytest.warns(UserWarning, match=r"6 of 8 URLs from <DataFrame> were not loaded"):
        corpus = _fetch(table, tmp_path, timeout=0.5, retries=0)
    pd.testing.assert_frame_equal(table, original)  # the input is never modified
    assert list(corpus["outlet"]) == ["D", "H"]
    assert list(corpus["doc_id"]) == ["row-4", "row-8"]
    reasons = load_log(corpus, "skipped").set_index("row")["message"].to_dict()
    assert reasons == {
        1: "timeout after 0.5s",
        2: "content type application/pdf is not HTML",
        3: "no main text could be extracted",
        5: "HTTP 404",
        6: "not an http(s) URL: 'ftp://files.example/a.html'",
        7: "missing URL",
    }
    assert set(load_log(corpus, "skipped")["file"]) == {"<DataFrame>"}
    assert set(load_log(corpus, "skipped")["column"]) == {"url"}


def test_fetched_articles_are_validated_by_the_loader_with_input_rows_kept(server, tmp_path):
    base = server.base
    table = pd.DataFrame({
        "id": ["a", "b", "a"],
        "url": [f"{base}/article", f"{base}/malformed", f"{base}/cafe"],
        "publish_date": ["2020-03-05", "05/03/2020", None],
    })
    with pytest.warns(UserWarning) as caught:
        corpus = _fetch(table, tmp_path)
    messages = [str(w.message) for w in caught]
    # a repeated id is kept with a suffix, as load_corpus does
    assert corpus["doc_id"].tolist() == ["a", "b", "a#2"]
    # An ambiguous table date is not guessed: the page's own date is used, and said so.
    assert corpus["date"].tolist()[:2] == [pd.Timestamp("2020-03-05"), pd.NaT]
    assert any("row 2, column 'publish_date': date '05/03/2020' not read (ambiguous" in m
               for m in messages)
    [duplicate] = load_log(corpus, "duplicate_id").to_dict(orient="records")
    assert duplicate["file"] == "<DataFrame>"
    assert duplicate["row"] == 3  # the input row, not the position among fetched pages
    assert duplicate["value"] == "a#2" and "doc_id 'a' repeats" in duplicate["message"]
    assert load_log(corpus, "skipped").empty


def test_a_feed_url_in_the_table_is_reported_as_not_a_page(server, tmp_path):
    table = pd.DataFrame({"url": [f"{server.base}/feed.rss", f"{server.base}/article"]})
    with pytest.warns(UserWarning, match="1 of 2 URLs"):
        corpus = _fetch(table, tmp_path)
    assert corpus["doc_id"].tolist() == ["row-2"]
    assert load_log(corpus, "skipped")["message"].tolist() == [
        "content type application/rss+xml is not HTML"
    ]


def test_oversized_pages_are_skipped(server, tmp_path):
    table = pd.DataFrame({"url": [f"{server.base}/article"], "language": ["en"]})
    with pytest.warns(UserWarning, match="1 of 1 URLs"):
        corpus = _fetch(table, tmp_path, max_bytes=500)
    assert corpus.empty
    # Nothing loaded, but the columns are still those of a corpus of this table.
    assert list(corpus.columns) == [*mediakit.CORPUS_COLUMNS, "language", "final_url"]
    assert load_log(corpus, "skipped")["message"].tolist() == ["page larger than 500 bytes"]


def test_a_503_is_retried_and_then_succeeds(server, tmp_path):
    table = pd.DataFrame({"url": [f"{server.base}/flaky"]})
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a recovered URL must not warn
        corpus = _fetch(table, tmp_path, retries=2)
    assert server.hits["/flaky"] == 2
    assert corpus["outlet"].tolist() == ["The Harbour Courier"]
    assert load_log(corpus, "skipped").empty


def test_persistent_5xx_gives_up_after_retries_and_is_not_cached(server, tmp_path):
    table = pd.DataFrame({"url": [f"{server.base}/down"]})
    with pytest.warns(UserWarning, match="1 HTTP 503"):
        corpus = _fetch(table, tmp_path, retries=2)
    assert server.hits["/down"] == 3  # first try + 2 retries
    assert load_log(corpus, "skipped")["message"].tolist() == ["HTTP 503"]
    with pytest.warns(UserWarning):
        _fetch(table, tmp_path, retries=0)
    assert server.hits["/down"] == 4  # a transient failure is tried again next run


def test_a_long_retry_after_is_not_waited_for(server, tmp_path):
    table = pd.DataFrame({"url": [f"{server.base}/rate-limited"]})
    with pytest.warns(UserWarning, match="HTTP 429"):
        corpus = _fetch(table, tmp_path, retries=3)
    assert server.hits["/rate-limited"] == 1
    assert load_log(corpus, "skipped")["message"].tolist() == [
        "HTTP 429 (server asks to retry after 3600s)"
    ]


def test_page_metadata_fills_a_bare_url_list_and_redirects_are_followed(server, tmp_path):
    table = pd.DataFrame({"url": [f"{server.base}/moved"], "note": ["from a newsletter"]})
    corpus = _fetch(table, tmp_path)
    row = corpus.iloc[0]
    assert row["outlet"] == "The Harbour Courier"
    assert row["title"] == "Ceasefire talks stall as shelling resumes near Saraqib"
    assert row["date"] == pd.Timestamp("2020-03-02 08:15:00")
    assert row["url"] == f"{server.base}/moved"
    assert row["final_url"] == f"{server.base}/article"
    assert row["note"] == "from a newsletter"


def test_requests_name_mediakit_in_the_user_agent(server, tmp_path):
    _fetch(pd.DataFrame({"url": [f"{server.base}/article"]}), tmp_path)
    assert server.user_agents == [server.user_agents[0]]
    assert server.user_agents[0].startswith(f"mediakit/{mediakit.__version__} ")
    _fetch(pd.DataFrame({"url": [f"{server.base}/malformed"]}), tmp_path, user_agent="lab-bot/2")
    assert server.user_agents[-1] == "lab-bot/2"


def test_requests_to_one_host_are_spaced_by_the_delay(server, tmp_path, monkeypatch):
    pauses: list[float] = []
    monkeypatch.setattr(fetch_module.time, "sleep", pauses.append)
    table = pd.DataFrame({"url": [f"{server.base}/article", f"{server.base}/malformed"]})
    _fetch(table, tmp_path, delay=30.0)
    # The first request goes at once; the second waits for what is left of 30 s.
    assert len(pauses) == 1
    assert 25.0 < pauses[0] <= 30.0


def test_jsonl_input_and_progress_bar_on_stderr(server, tmp_path, capsys):
    path = tmp_path / "urls.jsonl"
    path.write_text(
        f'{{"stories_id": 7, "url": "{server.base}/article", "media_name": "Courier"}}\n',
        encoding="utf-8",
    )
    corpus = _fetch(path, tmp_path, progress=True)
    assert corpus["doc_id"].tolist() == ["7"]
    assert corpus["outlet"].tolist() == ["Courier"]
    captured = capsys.readouterr()
    assert "fetching" in captured.err
    assert captured.out == ""


def test_a_damaged_cache_entry_is_fetched_again(server, tmp_path):
    table = pd.DataFrame({"url": [f"{server.base}/article"]})
    first = _fetch(table, tmp_path)
    [entry] = (tmp_path / "cache").rglob("*.json")
    entry.write_text("{not json", encoding="utf-8")
    second = _fetch(table, tmp_path)
    assert server.hits["/article"] == 2
    pd.testing.assert_frame_equal(first, second)


def test_ids_of_a_file_without_id_column_follow_the_loader(server, tmp_path):
    path = tmp_path / "links.csv"
    path.write_text(f"link,source\n{server.base}/nothing,Courier\n{server.base}/article,Courier\n",
                    encoding="utf-8")
    with pytest.warns(UserWarning, match="1 of 2 URLs"):
        corpus = _fetch(path, tmp_path, url="link")
    assert corpus["doc_id"].tolist() == ["links:2"]
    assert corpus["url"].tolist() == [f"{server.base}/article"]
    assert corpus["outlet"].tolist() == ["Courier"]
    assert load_log(corpus, "skipped")[["file", "row", "column"]].values.tolist() == [
        [str(path), 1, "link"]
    ]


def test_unreachable_host_is_a_connection_failure(tmp_path):
    # Port 9 on 127.0.0.1 ("discard") is closed on test machines: connection refused.
    table = pd.DataFrame({"url": ["http://127.0.0.1:9/article"]})
    with pytest.warns(UserWarning, match="connection failed"):
        corpus = _fetch(table, tmp_path, retries=1)
    assert load_log(corpus, "skipped")["message"].iloc[0].startswith("connection failed")


def test_bad_inputs_raise_clear_errors(tmp_path):
    with pytest.raises(CorpusError, match=r"<DataFrame>, column 'link': no column 'link'"):
        fetch_articles(pd.DataFrame({"url": ["http://x.example/"]}), url="link",
                       cache_dir=tmp_path)
    with pytest.raises(CorpusError, match="no such file"):
        fetch_articles(tmp_path / "absent.csv", cache_dir=tmp_path)
    odd = tmp_path / "urls.xlsx"
    odd.write_bytes(b"")
    with pytest.raises(CorpusError, match=r"urls.xlsx: cannot read a URL table from .xlsx"):
        fetch_articles(odd, cache_dir=tmp_path)


SEED = Path(__file__).resolve().parents[1].parent / "shared" / "seed"


def _seed_as_web_page(seed_file: Path) -> tuple[bytes, str, list[str]]:
    """The seed article wrapped in a news site's chrome, and its own paragraphs."""
    import html

    blocks = [b.strip() for b in seed_file.read_text(encoding="utf-8").split("\n\n") if b.strip()]
    title, body = blocks[0], blocks[2:]  # title line, date line, then the paragraphs
    paragraphs = "".join(f"<p>{html.escape(p)}</p>\n" for p in body)
    page = (
        "<!DOCTYPE html><html><head><meta charset='utf-8'>"
        f"<title>{html.escape(title)} | Seed Daily</title>"
        "<meta property='og:site_name' content='Seed Daily'>"
        "<meta property='article:published_time' content='2020-03-01T16:12:00+03:30'>"
        "</head><body><div class='cookie-notice'>We use cookies. Accept all cookies</div>"
        "<nav><a href='/'>Front page</a> <a href='/world'>World desk</a></nav>"
        f"<article><h1>{html.escape(title)}</h1>\n{paragraphs}</article>"
        "<footer>All rights reserved. Privacy policy</footer></body></html>"
    )
    return page.encode("utf-8"), title, body


def test_seed_article_round_trips_through_a_web_page(tmp_path):
    seed_files = sorted(SEED.glob("*.txt")) if SEED.is_dir() else []
    if not seed_files:
        pytest.skip("the seed article (../shared/seed) is not beside this checkout")
    page, title, paragraphs = _seed_as_web_page(seed_files[0])

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(page)))
            self.end_headers()
            self.wfile.write(page)

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    try:
        address = f"http://127.0.0.1:{httpd.server_address[1]}/idlib"
        corpus = _fetch(pd.DataFrame({"url": [address]}), tmp_path)
    finally:
        httpd.shutdown()
        httpd.server_close()
    row = corpus.iloc[0]
    assert row["outlet"] == "Seed Daily"
    assert row["title"] == title
    assert row["date"] == pd.Timestamp("2020-03-01 12:42")  # +03:30 to UTC
    # Every paragraph of the article, in order, and nothing else.
    assert row["text"].split("\n\n") == [" ".join(p.split()) for p in paragraphs]



def test_a_trickling_server_is_given_up_at_the_per_url_deadline(server, tmp_path):
    import time

    table = pd.DataFrame({"url": [f"{server.base}/trickle-body", f"{server.base}/trickle-headers",
                                  f"{server.base}/article"]})
    started = time.monotonic()
    with pytest.warns(UserWarning, match="2 of 3 URLs"):
        corpus = _fetch(table, tmp_path, timeout=1.0, deadline=1.5, retries=0)
    elapsed = time.monotonic() - started
    # each trickling URL costs its deadline, not the 10 s its server would go on for
    assert elapsed < 6, elapsed
    assert corpus["url"].tolist() == [f"{server.base}/article"]
    assert load_log(corpus, "skipped")["message"].tolist() == [
        "deadline of 1.5s for this URL passed"] * 2
    assert not list((tmp_path / "cache").rglob("*.json"))[1:]  # only the article is cached


def test_one_malformed_url_does_not_stop_the_batch(server, tmp_path):
    table = pd.DataFrame({"url": ["http://[::1", "http://x.example:99999/", "mailto:a@b.example",
                                  f"{server.base}/article"]})
    with pytest.warns(UserWarning, match="3 of 4 URLs"):
        corpus = _fetch(table, tmp_path)
    assert corpus["url"].tolist() == [f"{server.base}/article"]
    messages = load_log(corpus, "skipped")["message"].tolist()
    assert messages[0].startswith("malformed URL 'http://[::1'")
    assert messages[1].startswith("malformed URL 'http://x.example:99999/'")
    assert messages[2] == "not an http(s) URL: 'mailto:a@b.example'"


@pytest.mark.parametrize("meta", ['{"url": "%s"}', '{"url": "%s", "status": "x", "final_url": 1, '
                                  '"headers": []}', '[1, 2]', '{"url": "%s", "headers": null}'])
def test_corrupt_cache_metadata_is_a_cache_miss(server, tmp_path, meta):
    url = f"{server.base}/article"
    table = pd.DataFrame({"url": [url]})
    first = _fetch(table, tmp_path)
    [entry] = (tmp_path / "cache").rglob("*.json")
    entry.write_text(meta.replace("%s", url), encoding="utf-8")
    second = _fetch(table, tmp_path)
    assert server.hits["/article"] == 2
    pd.testing.assert_frame_equal(first, second)


@pytest.mark.parametrize(("name", "data", "message"), [
    ("empty.csv", b"", "no column 'url'"),
    ("ragged.csv", b"url,title\nhttp://a.example/,A,extra\n", "3 fields where the header has 2"),
    ("binary.csv", bytes(range(256)) * 8, "cannot read the URL table"),
    ("deep.json", b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
    ("list.json", b'{"a": 1}', "expected a JSON list of article objects"),
])
def test_bad_url_tables_are_one_clear_corpus_error(tmp_path, name, data, message):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(CorpusError, match=message) as raised:
        fetch_articles(path, cache_dir=tmp_path / "cache")
    assert str(path) in str(raised.value)


def test_fetch_options_are_checked_before_any_request(tmp_path):
    table = pd.DataFrame({"url": ["http://127.0.0.1:9/never"]})
    for option, value in (("deadline", 0), ("timeout", -1), ("retries", 1.5), ("delay", -1),
                          ("max_bytes", 0), ("encoding", "no-such-codec"),
                          ("date_format", "whenever")):
        with pytest.raises(ValueError, match=option):
            fetch_articles(table, cache_dir=tmp_path, **{option: value})


def test_far_dates_in_a_url_table_are_kept(server, tmp_path):
    table = pd.DataFrame({"url": [f"{server.base}/article"], "publish_date": ["2500-01-01"]})
    corpus = _fetch(table, tmp_path)
    assert corpus["date"].tolist() == [pd.Timestamp("2500-01-01")]
    assert str(corpus["date"].dtype) == "datetime64[us]"


def test_columns_map_the_table_as_load_corpus_does(server, tmp_path):
    table = pd.DataFrame({"link": [f"{server.base}/article"], "Zeitung": ["Kurier"],
                          "Schlagzeile": ["Eine Schlagzeile"], "source": ["ignored"]})
    corpus = _fetch(table, tmp_path, url="link",
                    columns={"Zeitung": "outlet", "Schlagzeile": "title"})
    assert corpus["outlet"].tolist() == ["Kurier"]
    assert corpus["title"].tolist() == ["Eine Schlagzeile"]
    assert corpus["source"].tolist() == ["ignored"]  # kept as an extra column
    with pytest.raises(ValueError, match="here it may name doc_id, outlet, date or title"):
        _fetch(table, tmp_path, url="link", columns={"Zeitung": "text"})
    with pytest.raises(CorpusError, match="columns= names 'Zeitng', which the table does not have"):
        _fetch(table, tmp_path, url="link", columns={"Zeitng": "outlet"})
