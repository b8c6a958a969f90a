"""The report's counts agree with each other: the corpus summary, the shares and the headlines."""

from __future__ import annotations

import re
import warnings

import pandas as pd

import mediakit as mk
from mediakit.report import build_report, render_html


def test_summary_counts_equal_the_shares_counts():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        report = build_report(mk.load_sample(), lexicon="marenna")
    summary = report.outlet_summary.set_index("outlet")
    by_voice = report.tables["label_shares_by_voice"].groupby("outlet")["n"].sum()
    narration = report.tables["label_shares"].groupby("outlet")["n"].sum()
    for outlet in report.outlets:
        assert summary.at[outlet, "counted"] == by_voice.get(outlet, 0)
        assert summary.at[outlet, "narration"] == narration.get(outlet, 0)
        # what a headline share is a share of
        headline = report.headlines.set_index("outlet").loc[outlet]
        assert headline["total"] == summary.at[outlet, "narration"]
    # something is set aside on the sample, so the columns say different things
    assert (summary["counted"] < summary["actor_mentions"]).any()
    assert (summary["narration"] < summary["counted"]).any()
    page = render_html(report, {})
    text = " ".join(re.sub(r"<[^>]+>", " ", page).split())
    assert (f"{int(summary['counted'].sum()):,} counted in the comparisons" in text
            and f"{int(summary['narration'].sum()):,} of those in the outlets' own narration"
            in text)


def test_one_outlet_one_article_reads_in_the_singular():
    corpus = mk.load_corpus(pd.DataFrame({
        "doc_id": ["a"], "outlet": ["Solo"], "date": ["2024-05-02"],
        "text": ["The rebels crossed the river at dawn."],
    }))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        page = render_html(build_report(corpus), {})
    text = " ".join(re.sub(r"<[^>]+>", " ", page).split())
    assert "How 1 outlet names" in text and "in 1 outlet</title>" in page
    assert "on 1 article," in text and "0 of 1 article undated" in text
    assert "Mentions 1 label occurrence," in text
    plurals = re.findall(r"\b1 (?:outlets|articles|records|mentions|label occurrences|"
                         r"narration mentions|coded items|items)\b", text)
    assert plurals == []
