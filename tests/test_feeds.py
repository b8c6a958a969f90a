"""The RSS/Atom reader: one record per item, content vs summary, failures."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("feedparser")

from mediakit.readers import format_for_path, get_reader  # noqa: E402
from mediakit.readers.feeds import read_feed  # noqa: E402

FIXTURES = Path(__file__).parent / "web_fixtures"


def test_rss_items_become_records_with_full_content_or_summary():
    path = FIXTURES / "world.rss"
    result = read_feed(path)
    assert [r["_row"] for r in result.records] == [1, 2, 3]
    first, second, third = result.records
    # an item with a title only has no text: the loader makes it a headline record
    assert third["title"] == "Photo gallery: the road north" and third["text"] == ""
    assert "text_source" not in third
    assert first["outlet"] == "Northern Wire"
    assert first["title"] == "Shelling forces thousands more to flee"
    assert first["url"] == "https://wire.example/2020/02/28/shelling-flee"
    assert first["date"] == "2020-02-28T09:30:00+00:00"  # +0100 normalised to UTC
    assert first["text_source"] == "body"
    # content:encoded wins over the teaser in <description>, paragraphs kept.
    assert first["text"].split("\n\n")[:2] == [
        "Thousands more families left their homes overnight as shelling reached the "
        "outskirts of the town.",
        "Militants and government troops exchanged fire until dawn, residents said.",
    ]
    assert "<p>" not in first["text"]
    assert second["text_source"] == "summary"
    assert second["text"] == (
        "Foreign ministers met in Ankara to discuss the opposition forces in the north."
    )
    assert second["date"] == "2020-02-29T09:00:00+00:00"
    assert first["_file"] == str(path)
    # The third item has neither content nor description, only a title: a record the
    # loader turns into a headline record, not lost.
    assert result.skipped == []


def test_atom_entries_use_content_then_summary_and_published_then_updated():
    result = read_feed(FIXTURES / "analysis.atom")
    assert result.skipped == []
    first, second = result.records
    assert {r["outlet"] for r in result.records} == {"Crescent Review"}
    assert first["url"] == "https://review.example/explainers/armed-groups"
    assert first["date"] == "2020-03-03T06:00:00+00:00"  # published, not updated
    assert first["text_source"] == "body"
    assert first["text"] == (
        "Several factions fight in the north, and outlets describe them very differently."
        "\n\nSome call them rebels, others call them terrorists, and a few write "
        "opposition forces."
    )
    assert second["date"] == "2020-03-04T08:00:00+00:00"  # only <updated> present
    assert second["text_source"] == "summary"
    assert second["text"] == "A night at the crossing, where the queue never seems to move."


def test_xml_that_is_not_a_feed_is_reported_not_read():
    path = FIXTURES / "not_a_feed.xml"
    result = read_feed(path)
    assert result.records == []
    [problem] = result.skipped
    assert problem["file"] == str(path)
    assert problem["reason"].startswith("not an RSS or Atom feed")


def test_html_given_as_feed_is_reported_with_the_parse_problem():
    result = read_feed(FIXTURES / "article.html")
    assert result.records == []
    assert result.skipped[0]["reason"].startswith("not an RSS or Atom feed (")


def test_feed_without_items_warns(tmp_path):
    path = tmp_path / "quiet.rss"
    path.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>Quiet Post'
                    "</title><link>https://quiet.example/</link></channel></rss>",
                    encoding="utf-8")
    result = read_feed(path)
    assert result.records == [] and result.skipped == []
    assert [(e["kind"], e["file"], e["message"]) for e in result.log] == [
        ("note", str(path), "feed has no items")]


def test_declared_encoding_is_honoured_and_can_be_overridden(tmp_path):
    body = ('<?xml version="1.0" encoding="iso-8859-1"?><rss version="2.0"><channel>'
            "<title>Écho du Nord</title><item><title>Fermeture</title>"
            "<description>La route côtière reste fermée.</description></item>"
            "</channel></rss>")
    declared = tmp_path / "declared.rss"
    declared.write_bytes(body.encode("iso-8859-1"))
    [record] = read_feed(declared).records
    assert record["outlet"] == "Écho du Nord"
    assert record["text"] == "La route côtière reste fermée."
    assert record["date"] == "" and record["url"] == ""

    undeclared = tmp_path / "undeclared.xml"
    undeclared.write_bytes(body.replace(' encoding="iso-8859-1"', "").encode("cp1252"))
    [record] = read_feed(undeclared, encoding="cp1252").records
    assert record["text"] == "La route côtière reste fermée."


def test_registry_dispatches_feed_extensions_to_this_reader():
    for name in ("a.rss", "a.atom", "a.xml"):
        assert format_for_path(Path(name)) == "feed"
    assert get_reader("feed") is read_feed


def test_load_corpus_reads_rss_and_atom_into_one_corpus():
    import pandas as pd

    import mediakit

    rss, atom = FIXTURES / "world.rss", FIXTURES / "analysis.atom"
    with pytest.warns(UserWarning, match="1 record.s. have a title and no body"):
        corpus = mediakit.load_corpus([rss, atom])
    assert list(corpus.columns) == list(mediakit.CORPUS_COLUMNS)
    assert corpus["doc_id"].tolist() == ["world:1", "world:2", "world:3", "analysis:1",
                                         "analysis:2"]
    assert corpus["outlet"].tolist() == ["Northern Wire"] * 3 + ["Crescent Review"] * 2
    assert corpus["text_source"].tolist() == ["body", "summary", "title", "body", "summary"]
    assert corpus.loc[2, "text"] == corpus.loc[2, "title"] == "Photo gallery: the road north"
    assert corpus["date"].tolist() == [
        pd.Timestamp("2020-02-28 09:30"), pd.Timestamp("2020-02-29 09:00"),
        pd.Timestamp("2020-03-01 12:00"), pd.Timestamp("2020-03-03 06:00"),
        pd.Timestamp("2020-03-04 08:00"),
    ]
    assert corpus.loc[0, "title"] == "Shelling forces thousands more to flee"
    assert "<" not in "".join(corpus["text"])
    assert mediakit.load_log(corpus, "skipped").empty
    [headlines] = mediakit.load_log(corpus, "title_only").to_dict("records")
    assert headlines["file"] == str(rss) and headlines["value"] == "1"


def test_load_corpus_raises_on_xml_that_is_not_a_feed():
    import mediakit
    from mediakit.errors import CorpusError

    with pytest.raises(CorpusError, match=r"not_a_feed.xml: not an RSS or Atom feed"):
        mediakit.load_corpus(FIXTURES / "not_a_feed.xml")


def test_an_item_without_text_or_title_is_listed_not_lost(tmp_path):
    path = tmp_path / "bare.rss"
    path.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>Bare Post</title>'
                    "<item><link>https://bare.example/1</link></item>"
                    "<item><title>Only a title</title></item></channel></rss>", encoding="utf-8")
    result = read_feed(path)
    assert result.skipped == [{"file": str(path), "row": 1, "column": "text",
                               "reason": "feed item has no content, summary or title"}]
    assert [r["title"] for r in result.records] == ["Only a title"]
