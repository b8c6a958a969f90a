"""The HTML reader: main text without boilerplate, metadata, encodings, failures."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

pytest.importorskip("trafilatura")

from mediakit.readers import format_for_path, get_reader  # noqa: E402
from mediakit.readers.html import decode_html, extract_page, html_to_text, read_html  # noqa: E402

FIXTURES = Path(__file__).parent / "web_fixtures"
BOILERPLATE = [
    "cookies", "Accept all", "Subscribe today", "Front page", "World desk",
    "Markets and money", "All rights reserved", "Privacy policy", "Terms of use",
    "Most read", "Harbour dredging", "analyticsQueue", "position: fixed",
]


def test_saved_article_page_gives_clean_text_and_metadata():
    result = read_html(FIXTURES / "article.html")
    assert result.skipped == [] and result.log == []
    [record] = result.records
    assert record["outlet"] == "The Harbour Courier"  # og:site_name
    assert record["title"] == "Ceasefire talks stall as shelling resumes near Saraqib"
    assert record["date"] == "2020-03-02T08:15:00+00:00"  # article:published_time
    assert record["url"] == "https://courier.example/world/2020/03/ceasefire-talks-stall"
    assert record["_file"] == str(FIXTURES / "article.html")
    assert record["_row"] == 1
    text = record["text"]
    for phrase in BOILERPLATE:
        assert phrase not in text, phrase
    paragraphs = text.split("\n\n")
    assert len(paragraphs) == 4
    assert paragraphs[0].startswith("Delegations from Ankara and Moscow")
    assert paragraphs[2].startswith("\u201cWe will not withdraw")  # entities decoded
    assert paragraphs[3].endswith("olive groves.")
    # The headline is in the title column, not repeated as the first paragraph.
    assert not text.startswith("Ceasefire talks stall")


def test_registry_dispatches_html_extensions_to_this_reader():
    assert format_for_path(Path("page.HTM")) == "html"
    assert format_for_path(Path("page.html")) == "html"
    assert get_reader("html") is read_html


def test_declared_legacy_charset_is_honoured():
    raw = (FIXTURES / "cp1252.html").read_bytes()
    assert "é".encode("cp1252") in raw and "é".encode() not in raw
    [record] = read_html(FIXTURES / "cp1252.html").records
    assert record["title"] == "Café owners speak out"
    assert "\u201cIt is not the rebels we fear but the bills,\u201d" in record["text"]
    assert record["outlet"] == "Le Petit Observateur"
    assert record["date"] == "2020-02-27T17:00:00+01:00"


def test_an_explicit_encoding_overrides_the_page(tmp_path):
    page = tmp_path / "latin.html"
    body = ("<html><head><title>Straße gesperrt</title></head><body><article>"
            "<p>Die Straße nach Norden blieb am Dienstag gesperrt, sagten Anwohner, und "
            "die Lastwagen mit Mehl und Treibstoff warteten am Kontrollpunkt.</p>"
            "<p>Die Behörden versprachen, die Strecke bis zum Abend wieder zu öffnen, "
            "doch niemand wusste, wann genau.</p></article></body></html>")
    page.write_bytes(body.encode("latin-1"))
    [record] = read_html(page, encoding="latin-1").records
    assert "Die Straße nach Norden" in record["text"]
    assert "Behörden" in record["text"]


def test_bytes_without_any_declaration_are_detected():
    text = "Les réfugiés arrivés à la frontière ont été accueillis dans une école."
    decoded, note = decode_html(text.encode("utf-8"))
    assert decoded == text and note is None
    decoded, note = decode_html(("<p>" + text * 5 + "</p>").encode("cp1252"))
    assert "réfugiés" in decoded and "\ufffd" not in decoded
    decoded, _ = decode_html(b"\xef\xbb\xbf<p>caf\xc3\xa9</p>", declared="latin-1")
    assert decoded == "<p>café</p>"  # a byte-order mark beats any declaration


def test_page_without_main_text_is_skipped_with_a_reason():
    result = read_html(FIXTURES / "empty_page.html")
    assert result.records == []
    assert result.skipped == [{
        "file": str(FIXTURES / "empty_page.html"), "row": 1, "column": "text",
        "reason": "no main text could be extracted",
    }]


def test_empty_file_is_skipped(tmp_path):
    page = tmp_path / "blank.html"
    page.write_bytes(b"")
    result = read_html(page)
    assert result.records == []
    assert result.skipped[0]["reason"] == "empty page"


def test_malformed_html_with_unclosed_tags_still_loads():
    [record] = read_html(FIXTURES / "malformed.html").records
    assert record["outlet"] == "Valley Gazette"
    assert record["title"] == "Border crossing reopens after talks"
    assert record["date"] == ""  # no date on the page and none guessed
    paragraphs = record["text"].split("\n\n")
    assert [p.split()[0] for p in paragraphs] == ["The", "Lorries", "Officials"]


def test_xhtml_with_xml_declaration_and_hostname_as_outlet_fallback():
    page = (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<!DOCTYPE html><html xmlns="http://www.w3.org/1999/xhtml"><head>'
        "<title>Night convoy reaches the camp</title>"
        '<link rel="canonical" href="https://www.plainsnews.example/2020/03/convoy"/>'
        "</head><body><article><p>A convoy of forty lorries reached the camp after "
        "midnight, carrying tents, blankets and medicine for the families who arrived "
        "last week.</p><p>Volunteers unloaded the supplies by torchlight<br/>and handed "
        "them out before dawn, the camp manager said.</p></article></body></html>"
    )
    record, reason = extract_page(page)
    assert reason is None
    assert record["url"] == "https://www.plainsnews.example/2020/03/convoy"
    assert record["outlet"] == "plainsnews.example"
    assert record["text"].split("\n\n")[1] == (
        "Volunteers unloaded the supplies by torchlight\n"
        "and handed them out before dawn, the camp manager said."
    )


def test_html_to_text_keeps_paragraphs_and_drops_scripts():
    import lxml.html

    root = lxml.html.fragment_fromstring(
        "<p>First   para\ngraph.</p><script>var x = 1;</script><ul><li>one</li><li>two</li>"
        "</ul>tail text<!-- a comment --><p>Last</p>",
        create_parent="div",
    )
    assert html_to_text(root) == "First para graph.\n\none\n\ntwo\n\ntail text\n\nLast"
    table = lxml.html.fragment_fromstring(
        "<table><tr><th>Town</th><th>Displaced</th></tr><tr><td>Saraqib</td><td>4,000</td>"
        "</tr></table>", create_parent="div",
    )
    assert html_to_text(table) == "Town Displaced\n\nSaraqib 4,000"


def test_schema_org_date_in_itemprop_is_read():
    page = (
        "<html><head><title>Rain delays harvest</title>"
        "<meta itemprop='datePublished' content='2020-03-05T07:30:00Z'></head><body><article>"
        "<p>Heavy rain delayed the wheat harvest across the plain for a second week, and "
        "farmers said the grain left standing in the fields was starting to rot.</p>"
        "<p>The cooperative asked the ministry for dryers and for a delay on loan "
        "repayments until the crop could be sold.</p></article></body></html>"
    )
    record, _ = extract_page(page, url="https://farmnews.example/rain")
    assert record["date"] == "2020-03-05T07:30:00Z"
    assert record["url"] == "https://farmnews.example/rain"
    assert record["outlet"] == "farmnews.example"


def test_load_corpus_reads_saved_pages_into_a_clean_corpus(tmp_path):
    import mediakit

    folder = tmp_path / "pages"
    folder.mkdir()
    for name, saved_as in (("article.html", "article.html"),
                           ("malformed.html", "malformed.html"), ("cp1252.html", "cp1252.htm")):
        (folder / saved_as).write_bytes((FIXTURES / name).read_bytes())
    corpus = mediakit.load_corpus(folder)
    assert list(corpus.columns) == list(mediakit.CORPUS_COLUMNS)
    assert corpus["doc_id"].tolist() == ["article", "cp1252", "malformed"]
    article = corpus.set_index("doc_id").loc["article"]
    assert article["outlet"] == "The Harbour Courier"
    assert article["date"] == pd.Timestamp("2020-03-02 08:15:00")
    assert article["title"] == "Ceasefire talks stall as shelling resumes near Saraqib"
    for phrase in BOILERPLATE:
        assert phrase not in article["text"], phrase
    # +01:00 converted to UTC by the loader's date policy.
    assert corpus.set_index("doc_id").loc["cp1252", "date"] == pd.Timestamp("2020-02-27 16:00")
    assert mediakit.load_log(corpus, "skipped").empty


def test_load_corpus_reports_a_page_without_text_or_raises_on_it(tmp_path):
    import mediakit
    from mediakit.errors import CorpusError

    empty = FIXTURES / "empty_page.html"
    with pytest.raises(CorpusError, match=r"empty_page.html, row 1, column 'text': no main text"):
        mediakit.load_corpus(empty)
    with pytest.warns(UserWarning, match="no main text could be extracted"):
        corpus = mediakit.load_corpus([FIXTURES / "article.html", empty], errors="skip")
    assert corpus["doc_id"].tolist() == ["article"]
    assert mediakit.load_log(corpus, "skipped")[["file", "row", "message"]].values.tolist() == [
        [str(empty), 1, "no main text could be extracted"]
    ]


def test_a_page_of_navigation_links_is_not_an_article(tmp_path):
    import mediakit
    from mediakit.errors import CorpusError

    page = tmp_path / "home.html"
    page.write_text("<html><head><title>Home</title></head><body><nav><a href='/'>Home</a> "
                    "<a href='/world'>World</a></nav><ul><li><a href='/a'>Home</a></li>"
                    "<li><a href='/b'>World</a></li></ul></body></html>", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"home.html, row 1, column 'text': no article text: "
                                          r"the page's main text is 'Home World'"):
        mediakit.load_corpus(page)


def test_a_paragraph_repeated_back_to_back_is_kept_once_and_said_so(tmp_path):
    import mediakit

    repeated = ("The shelling went on through the night, residents of the town said on "
                "Wednesday.")
    paragraphs = ["The council met on Tuesday to discuss the budget for the harbour and the "
                  "new ferry line, officials said.", repeated, repeated, repeated,
                  "Closing words of the article, which is about the budget and nothing else."]
    page = tmp_path / "o" / "story.html"
    page.parent.mkdir()
    page.write_text("<html><head><title>Budget</title></head><body><article><h1>Budget</h1>"
                    + "".join(f"<p>{p}</p>" for p in paragraphs) + "</article></body></html>",
                    encoding="utf-8")
    with pytest.warns(UserWarning, match=r"2 paragraph\(s\) repeated verbatim right after "
                                         r"themselves on the page were kept once"):
        corpus = mediakit.load_corpus(page, outlet="O")
    assert corpus.loc[0, "text"].count(repeated) == 1
    [note] = mediakit.load_log(corpus, "note").to_dict("records")
    assert note["file"] == str(page) and note["row"] == 1
