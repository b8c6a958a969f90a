"""Comparisons: hand-computed values on tiny tables, article-level uncertainty, errors."""

from __future__ import annotations

import itertools
import math
import random

import numpy as np
import pandas as pd
import pytest

import mediakit
from mediakit._validation import DEFAULT_VOICE
from mediakit.compare import (
    _lettered_words,
    distinguishing_contexts,
    distinguishing_words,
    label_change_points,
    label_rates,
    label_shares,
    label_shares_over_time,
    tone_by_label,
)
from mediakit.dedup import duplicate_docs_to_drop, find_duplicates

ACTOR = "armed_opposition"


def _mention(doc_id, outlet, label, *, voice="narration", actor=ACTOR, date="2025-01-06",
             score=0.0, sentence_id=0, sentence="", match=None, start=0, end=0):
    return {
        "doc_id": doc_id, "outlet": outlet, "date": pd.Timestamp(date), "actor": actor,
        "label": label, "pattern": label, "match": match or label, "start": start, "end": end,
        "sentence_id": sentence_id, "sentence": sentence, "voice": voice,
        "speaker": pd.NA, "named_groups": "", "compound": score, "compound_masked": score,
        "label_valence": 0.0,
    }


def _mentions(rows):
    return pd.DataFrame(rows)


@pytest.fixture
def small():
    """Outlet A: 3 terrorist + 1 rebel (narration) and 1 quoted terrorist; B: 2 opposition."""
    return _mentions([
        _mention("a1", "A", "terrorist"),
        _mention("a1", "A", "terrorist"),
        _mention("a2", "A", "terrorist"),
        _mention("a2", "A", "rebel"),
        _mention("a3", "A", "terrorist", voice="quote"),
        _mention("b1", "B", "opposition"),
        _mention("b2", "B", "opposition"),
    ])


def _cell(table, **where):
    mask = np.ones(len(table), dtype=bool)
    for column, value in where.items():
        mask &= (table[column] == value).to_numpy()
    assert mask.sum() == 1, where
    return table.loc[mask].iloc[0]


# ----------------------------------------------------------------------- shares


def test_label_shares_point_estimates_by_hand(small):
    table = label_shares(small, actor=ACTOR, n_boot=200)
    assert list(table.columns) == [
        "outlet", "voice", "actor", "unit", "label", "n", "share", "lo", "hi", "n_docs",
        "group_docs"]
    # Narration only: A has 3 terrorist + 1 rebel, the quoted one is left out.
    assert _cell(table, outlet="A", label="terrorist")["n"] == 3
    assert _cell(table, outlet="A", label="terrorist")["share"] == pytest.approx(3 / 4)
    assert _cell(table, outlet="A", label="rebel")["share"] == pytest.approx(1 / 4)
    # Complete grid: B never says "terrorist" but the row is there with n = 0.
    assert _cell(table, outlet="B", label="terrorist")["n"] == 0
    assert _cell(table, outlet="B", label="opposition")["share"] == pytest.approx(1.0)
    assert len(table) == 2 * 3
    assert (table["voice"] == "narration").all()
    assert (table["unit"] == "mention").all()
    assert table.groupby("outlet")["share"].sum().tolist() == pytest.approx([1.0, 1.0])


def test_label_shares_voice_all_and_split(small):
    pooled = label_shares(small, actor=ACTOR, voice="all", n_boot=50)
    assert _cell(pooled, outlet="A", label="terrorist")["share"] == pytest.approx(4 / 5)
    assert (pooled["voice"] == "all").all()
    split = label_shares(small, actor=ACTOR, voice="split", n_boot=50)
    quote = _cell(split, outlet="A", voice="quote", label="terrorist")
    assert quote["n"] == 1 and quote["share"] == pytest.approx(1.0)
    assert _cell(split, outlet="A", voice="narration", label="terrorist")["n"] == 3
    assert set(split["voice"]) == {"narration", "quote"}


def test_every_comparison_reads_voice_the_same_way(small):
    rows = small.to_dict("records") + [_mention("a4", "A", "rebel", voice="scare_quote")]
    mentions = _mentions(rows)
    pooled = label_shares(mentions, actor=ACTOR, voice="all", n_boot=20)
    # None is "all", and so is a list of every voice.
    for same in (None, ["narration", "quote", "scare_quote"]):
        pd.testing.assert_frame_equal(label_shares(mentions, actor=ACTOR, voice=same, n_boot=20),
                                      pooled)
    own = label_shares(mentions, actor=ACTOR, voice=["scare_quote", "narration"], n_boot=20)
    assert (own["voice"] == "narration+scare_quote").all()
    assert _cell(own, outlet="A", label="terrorist")["n"] == 3  # the quoted one left out
    assert _cell(own, outlet="A", label="rebel")["n"] == 2  # the scare-quoted one kept
    rates = label_rates(mentions, pd.DataFrame({"doc_id": ["a1", "a2", "a3", "a4", "b1", "b2"],
                                                "outlet": list("AAAABB"), "n_words": [100] * 6}),
                        actor=ACTOR, voice=["quote"], n_boot=20)
    assert _cell(rates, outlet="A", label="terrorist")["n"] == 1 and (rates["voice"] == "quote").all()
    tone = tone_by_label(mentions, actor=ACTOR, voice=None, n_boot=20)
    assert _cell(tone, outlet="A", label="terrorist")["n"] == 4 and (tone["voice"] == "all").all()
    over = label_shares_over_time(mentions, actor=ACTOR, voice=["narration", "scare_quote"],
                                  n_boot=20, n_perm=9)
    assert int(over.loc[over["outlet"] == "A", "n"].sum()) == 5
    with pytest.raises(ValueError, match="label_shares_over_time takes one voice at a time"):
        label_shares_over_time(mentions, actor=ACTOR, voice="split")
    with pytest.raises(ValueError, match=r"unknown voice\(s\) \['narrator'\]"):
        label_shares(mentions, actor=ACTOR, voice=["narration", "narrator"])
    with pytest.raises(ValueError, match="empty list"):
        tone_by_label(mentions, voice=[])


def test_label_shares_article_unit(small):
    table = label_shares(small, actor=ACTOR, unit="article", n_boot=50)
    # A (narration): a1 uses terrorist, a2 uses terrorist and rebel -> pairs 2 + 1.
    terrorist = _cell(table, outlet="A", label="terrorist")
    assert terrorist["n"] == 2
    assert terrorist["share"] == pytest.approx(2 / 3)
    assert terrorist["group_docs"] == 2
    assert (table["unit"] == "article").all()


def _one_loud_article():
    """Nine articles say "rebel" once; one article says "terrorist" fifty times."""
    rows = [_mention(f"d{i}", "A", "rebel") for i in range(9)]
    rows += [_mention("loud", "A", "terrorist") for _ in range(50)]
    return _mentions(rows)


def test_one_article_with_50_mentions_does_not_dominate():
    mentions = _one_loud_article()
    by_article = label_shares(mentions, actor=ACTOR, n_boot=2000, seed=1)
    loud = _cell(by_article, label="terrorist")
    assert loud["share"] == pytest.approx(50 / 59)
    # A token-level bootstrap treats every mention as independent: give each its own id.
    as_tokens = mentions.assign(doc_id=[f"t{i}" for i in range(len(mentions))])
    by_token = label_shares(as_tokens, actor=ACTOR, n_boot=2000, seed=1)
    token = _cell(by_token, label="terrorist")
    article_width = loud["hi"] - loud["lo"]
    token_width = token["hi"] - token["lo"]
    assert article_width > 3 * token_width
    # Dropping the loud article is a likely bootstrap draw: the interval reaches 0.
    assert loud["lo"] == pytest.approx(0.0)
    # Counting articles, the loud one weighs one.
    per_article = label_shares(mentions, actor=ACTOR, unit="article", n_boot=200)
    assert _cell(per_article, label="terrorist")["n"] == 1
    assert _cell(per_article, label="terrorist")["share"] == pytest.approx(1 / 10)


def _mixed_outlet(n_docs):
    rows = []
    for i in range(n_docs):
        rows.append(_mention(f"x{i}", "A", "terrorist"))
        rows.append(_mention(f"x{i}", "A", "terrorist" if i % 2 else "rebel"))
    return _mentions(rows)


def test_intervals_contain_estimate_and_shrink_with_more_articles():
    widths = []
    for n_docs in (8, 80):
        table = label_shares(_mixed_outlet(n_docs), actor=ACTOR, n_boot=1000, seed=3)
        for _, row in table.iterrows():
            assert row["lo"] <= row["share"] <= row["hi"]
        row = _cell(table, label="rebel")
        widths.append(row["hi"] - row["lo"])
    assert widths[1] < widths[0] / 2


def test_bootstrap_is_deterministic_for_a_seed():
    scores = np.linspace(-0.9, 0.9, 15)
    mentions = _mentions([_mention(f"d{i}", "A", "rebel", score=float(s))
                          for i, s in enumerate(scores)])
    one = tone_by_label(mentions, n_boot=300, seed=7)
    two = tone_by_label(mentions, n_boot=300, seed=7)
    other = tone_by_label(mentions, n_boot=300, seed=8)
    pd.testing.assert_frame_equal(one, two)
    assert one["mean"].iloc[0] == pytest.approx(0.0)
    assert one["lo"].iloc[0] != other["lo"].iloc[0]


def test_exclude_docs_is_applied_and_recorded(small):
    before = small.copy()
    table = label_shares(small, actor=ACTOR, exclude_docs=["a1"], n_boot=50)
    assert _cell(table, outlet="A", label="terrorist")["n"] == 1
    # The article is gone from the counts and from the articles of its group.
    assert _cell(table, outlet="A", label="terrorist")["group_docs"] == 1
    assert _cell(label_shares(small, actor=ACTOR, exclude_docs="a1", n_boot=50),
                 outlet="A", label="terrorist")["n"] == 1
    pd.testing.assert_frame_equal(small, before)  # input untouched


def test_label_shares_errors(small):
    with pytest.raises(ValueError, match="actor 'nobody'.*armed_opposition"):
        label_shares(small, actor="nobody")
    with pytest.raises(ValueError, match="voice must be one of"):
        label_shares(small, actor=ACTOR, voice="narrator")
    with pytest.raises(ValueError, match="unit must be"):
        label_shares(small, actor=ACTOR, unit="word")
    with pytest.raises(ValueError, match=r"missing column\(s\) \['voice'\]"):
        label_shares(small.drop(columns=["voice"]), actor=ACTOR)
    with pytest.raises(ValueError, match="level"):
        label_shares(small, actor=ACTOR, level=95)


def test_empty_selection_warns_and_returns_empty_tables(small):
    with pytest.warns(UserWarning, match="no mentions left"):
        shares = label_shares(small, actor=ACTOR, voice="scare_quote")
    assert shares.empty and "share" in shares.columns
    with pytest.warns(UserWarning, match="no mentions left"):
        over_time = label_shares_over_time(small, actor=ACTOR, voice="scare_quote")
    assert over_time.empty and "change_flag" in over_time.columns


def test_no_function_modifies_its_inputs(small):
    documents = pd.DataFrame({"doc_id": ["a1", "a2", "a3", "b1", "b2"],
                              "outlet": list("AAABB"), "n_words": [50] * 5})
    corpus = pd.DataFrame({"doc_id": ["a1", "b1"], "outlet": ["A", "B"],
                           "text": ["the terrorists struck", "the opposition advanced"]})
    copies = [small.copy(), documents.copy(), corpus.copy()]
    label_shares(small, actor=ACTOR, voice="split", n_boot=20)
    label_rates(small, documents, n_boot=20)
    tone_by_label(small, n_boot=20)
    label_shares_over_time(small, actor=ACTOR, n_boot=20)
    distinguishing_words(corpus, a="A", min_count=1)
    find_duplicates(corpus)
    for before, after in zip(copies, [small, documents, corpus]):
        pd.testing.assert_frame_equal(before, after)


def test_label_shares_by_several_columns(small):
    mentions = small.assign(desk=["x", "y", "x", "x", "x", "x", "x"])
    table = label_shares(mentions, actor=ACTOR, by=["outlet", "desk"], n_boot=20)
    assert list(table.columns[:3]) == ["outlet", "desk", "voice"]
    assert _cell(table, outlet="A", desk="x", label="terrorist")["n"] == 2
    assert _cell(table, outlet="A", desk="y", label="terrorist")["share"] == pytest.approx(1.0)
    assert list(table.columns[:4]) == ["outlet", "desk", "voice", "actor"]


# ------------------------------------------------------------------------ rates


def test_label_rates_by_hand(small):
    documents = pd.DataFrame({
        "doc_id": ["a1", "a2", "a3", "a4", "b1", "b2"],
        "outlet": ["A", "A", "A", "A", "B", "B"],
        "n_words": [100, 200, 300, 400, 500, 500],
    })
    table = label_rates(small, documents, n_boot=500)
    terrorist = _cell(table, outlet="A", label="terrorist")
    # 3 narration mentions over all 1,000 words of A (a4 has no mentions but counts).
    assert terrorist["n"] == 3 and terrorist["n_words"] == 1000
    assert terrorist["per_1000"] == pytest.approx(3.0)
    assert terrorist["lo"] <= terrorist["per_1000"] <= terrorist["hi"]
    assert terrorist["group_docs"] == 4 and terrorist["n_docs"] == 2
    assert _cell(table, outlet="B", label="opposition")["per_1000"] == pytest.approx(2.0)
    assert _cell(table, outlet="B", label="terrorist")["per_1000"] == 0.0
    assert {"actor", "voice"} <= set(table.columns)
    split = label_rates(small, documents, voice="split", n_boot=50)
    assert _cell(split, outlet="A", voice="quote", label="terrorist")["per_1000"] == pytest.approx(1.0)


def test_label_rates_rejects_unknown_documents(small):
    documents = pd.DataFrame({"doc_id": ["a1"], "outlet": ["A"], "n_words": [10]})
    with pytest.raises(ValueError, match="absent from documents"):
        label_rates(small, documents)


# ------------------------------------------------------------------------- tone


def test_tone_by_label_mean_and_cluster_interval():
    rows = [
        _mention("a1", "A", "terrorist", score=-0.8),
        _mention("a1", "A", "terrorist", score=-0.6),
        _mention("a2", "A", "terrorist", score=0.2),
        _mention("a2", "A", "rebel", score=0.4),
        _mention("b1", "B", "rebel", score=0.1),
        _mention("b1", "B", "rebel", score=float("nan")),
    ]
    with pytest.warns(UserWarning, match="1 mention"):
        table = tone_by_label(_mentions(rows), n_boot=500)
    terrorist = _cell(table, outlet="A", label="terrorist")
    assert terrorist["mean"] == pytest.approx((-0.8 - 0.6 + 0.2) / 3)
    assert terrorist["n"] == 3 and terrorist["n_docs"] == 2
    # Only two articles: the replicates are a1 twice (-0.7), a2 twice (0.2) or both.
    assert terrorist["lo"] == pytest.approx(-0.7)
    assert terrorist["hi"] == pytest.approx(0.2)
    assert math.isnan(_cell(table, outlet="B", label="terrorist")["mean"])
    assert (table["score"] == "compound_masked").all()
    with pytest.raises(ValueError, match="no 'sentiment' column"):
        tone_by_label(_mentions(rows), score="sentiment")


# -------------------------------------------------------------------- over time


def _weekly(labels_per_week, outlet="A", per_week=4):
    rows = []
    monday = pd.Timestamp("2025-01-06")
    for week, label in enumerate(labels_per_week):
        for i in range(per_week):
            day = monday + pd.Timedelta(days=7 * week + i % 5)
            rows.append(_mention(f"{outlet}{week}_{i}", outlet, label, date=day))
    return rows


def test_over_time_flags_a_shift_and_not_a_stable_series():
    shifting = _weekly(["terrorist"] * 6 + ["opposition"] * 6, outlet="S", per_week=12)
    stable_rows = []
    monday = pd.Timestamp("2025-01-06")
    for week in range(12):
        for i in range(12):  # the same 2:1 mix every week
            label = "terrorist" if i % 3 else "opposition"
            stable_rows.append(_mention(f"T{week}_{i}", "T", label,
                                        date=monday + pd.Timedelta(days=7 * week + i % 5)))
    table = label_shares_over_time(_mentions(shifting + stable_rows), actor=ACTOR, freq="W",
                                   n_boot=100)
    periods = table.groupby(["outlet", "period"])["change_flag"].first().reset_index()
    flagged = periods.loc[periods["change_flag"]]
    assert set(flagged["outlet"]) == {"S"}
    # Week 7 (starting 2025-02-17) is the first week of the new mix; the flag stays
    # while the baseline still holds old weeks but is gone once it is all new.
    assert flagged["period"].min() == pd.Timestamp("2025-02-17")
    assert pd.Timestamp("2025-03-24") not in set(flagged["period"])
    week7 = _cell(table, outlet="S", period=pd.Timestamp("2025-02-17"), label="opposition")
    assert week7["tvd"] == pytest.approx(1.0) and week7["share"] == 1.0
    assert week7["p_value"] == pytest.approx(1 / 1000)  # no random split is as extreme
    assert table["period"].dt.day_of_week.eq(0).all()  # weeks start on Monday
    assert len(table) == 2 * 12 * 2  # complete grid: outlets x weeks x labels


def test_over_time_small_periods_are_not_flagged_by_chance_and_undated_warn():
    # Two articles a week, the label switches in week 3: a distance of 1.0, but with
    # 2 articles against 4 the split happens by chance in 1 of 15 ways.
    rows = _weekly(["terrorist"] * 2 + ["opposition"] * 2, per_week=2)
    rows.append(_mention("undated", "A", "terrorist", date=None))
    with pytest.warns(UserWarning, match="1 mention"):
        table = label_shares_over_time(_mentions(rows), actor=ACTOR, n_boot=20)
    week3 = _cell(table, period=pd.Timestamp("2025-01-20"), label="terrorist")
    assert week3["tvd"] == pytest.approx(1.0)
    assert math.isnan(week3["p_value"])  # below min_mentions = 5: not tested
    assert not table["change_flag"].any()
    with pytest.warns(UserWarning):
        tested = label_shares_over_time(_mentions(rows), actor=ACTOR, n_boot=20,
                                        min_mentions=2)
    week3 = _cell(tested, period=pd.Timestamp("2025-01-20"), label="terrorist")
    assert week3["n_period"] == 2 and week3["n_baseline"] == 4
    assert week3["p_value"] == pytest.approx(1 / 15, abs=0.03)
    assert not tested["change_flag"].any()
    with pytest.warns(UserWarning):
        lenient = label_shares_over_time(_mentions(rows), actor=ACTOR, n_boot=20,
                                         min_mentions=2, alpha=0.2)
    assert lenient.loc[lenient["change_flag"], "period"].min() == pd.Timestamp("2025-01-20")


def test_over_time_months():
    rows = _weekly(["terrorist"] * 4 + ["opposition"] * 5, per_week=3)
    table = label_shares_over_time(_mentions(rows), actor=ACTOR, freq="MS", n_boot=20)
    assert table["period"].unique().tolist() == [pd.Timestamp("2025-01-01"),
                                                 pd.Timestamp("2025-02-01"),
                                                 pd.Timestamp("2025-03-01")]
    february = _cell(table, period=pd.Timestamp("2025-02-01"), label="opposition")
    assert february["change_flag"] and february["p_value"] < 0.01
    with pytest.raises(ValueError, match="not a pandas frequency"):
        label_shares_over_time(_mentions(rows), actor=ACTOR, freq="bogus")


def test_change_point_found_at_the_switch_and_not_for_a_steady_outlet():
    monday = pd.Timestamp("2025-01-06")
    rows = []
    for day in range(10):  # one article every 3 days, 3 mentions each
        date = monday + pd.Timedelta(days=3 * day)
        shifted = "militant" if day >= 6 else "rebel"
        steady = ["terrorist", "terrorist", "opposition"]
        for i in range(3):
            rows.append(_mention(f"S{day}", "S", shifted, date=date))
            rows.append(_mention(f"T{day}", "T", steady[(i + day) % 3], date=date))
    rows.append(_mention("U0", "U", "rebel", date=monday))  # too few articles to test
    table = label_change_points(_mentions(rows), actor=ACTOR, n_perm=999, seed=2)
    shifted = _cell(table, outlet="S")
    assert shifted["change_date"] == monday + pd.Timedelta(days=18)
    assert shifted["last_before"] == monday + pd.Timedelta(days=15)
    assert shifted["tvd"] == pytest.approx(1.0)
    assert (shifted["top_before"], shifted["top_after"]) == ("rebel", "militant")
    assert (shifted["n_before"], shifted["n_after"]) == (18, 12)
    # Only the 1 in C(10, 4) = 210 orders that separate the labels is as extreme.
    assert shifted["p_value"] < 0.02 and shifted["significant"]
    steady = _cell(table, outlet="T")
    assert not steady["significant"] and steady["p_value"] > 0.2
    small = _cell(table, outlet="U")
    assert pd.isna(small["change_date"]) and not small["significant"]
    again = label_change_points(_mentions(rows), actor=ACTOR, n_perm=999, seed=2)
    pd.testing.assert_frame_equal(table, again)


# ----------------------------------------------------------- distinguishing words


def test_compared_words_are_text_words_with_a_letter():
    # The word comparisons count mediakit.text.words, keeping those with a letter;
    # the shingles of find_duplicates keep them all (numbers tell copies apart).
    assert _lettered_words("Tarvian-backed rebels' 12 army\u2019s don't!") == [
        "tarvian-backed", "rebels", "army", "don't"]
    assert mediakit.text.words("R4 road: 1,200 fled.") == ["r4", "road", "1,200", "fled"]
    assert _lettered_words("R4 road: 1,200 fled.") == ["r4", "road", "fled"]
    # One word definition: a dotted initialism is one word, "covid-19" one word, and
    # the numbers "2016", "3.5" and "2,212" are not listed.
    corpus = pd.DataFrame({
        "doc_id": ["1", "2"], "outlet": ["A", "B"],
        "text": ["U.S. envoys met in 2016; covid-19 cost 3.5 or 2,212 jobs.",
                 "Envoys met again."],
    })
    table = distinguishing_words(corpus, a="A", b="B", min_count=1, stopwords=False)
    assert set(table["word"]) == {"u.s.", "envoys", "met", "in", "covid-19", "cost", "or",
                                  "jobs", "again"}
    assert _cell(table, word="u.s.")["n_a"] == 1 and _cell(table, word="envoys")["n_b"] == 1


def test_log_odds_worked_example():
    corpus = pd.DataFrame({
        "doc_id": ["1", "2"], "outlet": ["A", "B"],
        "text": ["war war peace", "peace peace peace war"],
    })
    # Counts: A war 2, peace 1 (n_a 3); B war 1, peace 3 (n_b 4).
    # Prior = whole-corpus counts with their own weight, prior_weight = None = N = 7:
    # pseudo-counts war 3, peace 4.
    # delta_war = log((2+3)/(3+7-2-3)) - log((1+3)/(4+7-1-3)) = log(5/5) - log(4/7)
    delta_war = math.log(5 / 5) - math.log(4 / 7)
    se_war = math.sqrt(1 / (2 + 3) + 1 / (1 + 3))
    # delta_peace = log((1+4)/(3+7-1-4)) - log((3+4)/(4+7-3-4)) = log(5/5) - log(7/4)
    delta_peace = math.log(5 / 5) - math.log(7 / 4)
    se_peace = math.sqrt(1 / (1 + 4) + 1 / (3 + 4))
    table = distinguishing_words(corpus, a="A", b="B", min_count=1, prior_weight=None)
    war = _cell(table, word="war")
    peace = _cell(table, word="peace")
    assert war["n_a"] == 2 and war["n_b"] == 1 and war["pseudo_count"] == pytest.approx(3.0)
    assert war["log_odds"] == pytest.approx(delta_war)
    assert war["se"] == pytest.approx(se_war)
    assert war["z"] == pytest.approx(delta_war / se_war)
    assert peace["log_odds"] == pytest.approx(delta_peace)
    assert peace["z"] == pytest.approx(delta_peace / se_peace)
    assert table["word"].tolist() == ["war", "peace"]  # sorted by z, a's words first
    # A weaker prior, prior_weight = 1.4: pseudo-counts war 0.6, peace 0.8.
    weak = distinguishing_words(corpus, a="A", b="B", min_count=1, prior_weight=1.4)
    expected = math.log(2.6 / (3 + 1.4 - 2 - 0.6)) - math.log(1.6 / (4 + 1.4 - 1 - 0.6))
    assert _cell(weak, word="war")["log_odds"] == pytest.approx(expected)
    assert _cell(weak, word="war")["se"] == pytest.approx(math.sqrt(1 / 2.6 + 1 / 1.6))


def test_distinguishing_words_against_the_rest_and_options():
    corpus = pd.DataFrame({
        "doc_id": ["1", "2", "3", "4"], "outlet": ["A", "B", "C", "A"],
        "text": ["the terrorists struck", "the opposition forces advanced",
                 "the rebels advanced", "terrorists and the terrorists again"],
    })
    table = distinguishing_words(corpus, a="A", min_count=1)
    assert (table["b"] == "(rest)").all()
    top = table.iloc[0]
    assert top["word"] == "terrorists" and top["n_a"] == 3 and top["n_b"] == 0
    assert _cell(table, word="advanced")["n_b"] == 2
    assert _cell(table, word="advanced")["z"] < 0
    no_stop = distinguishing_words(corpus, a="A", min_count=1, stopwords=True)
    assert "the" not in set(no_stop["word"]) and "terrorists" in set(no_stop["word"])
    custom = distinguishing_words(corpus, a="A", min_count=1, stopwords=["terrorists"])
    assert "terrorists" not in set(custom["word"])
    # Stopwords are left out by default (issue 17); without the filter "the" is listed.
    assert set(distinguishing_words(corpus, a="A", min_count=3)["word"]) == {"terrorists"}
    assert set(distinguishing_words(corpus, a="A", min_count=3, stopwords=False)["word"]) == {
        "the", "terrorists"}
    dropped = distinguishing_words(corpus, a="A", min_count=1, exclude_docs=["4"])
    assert _cell(dropped, word="terrorists")["n_a"] == 1
    with pytest.raises(ValueError, match="outlet 'Z' not found"):
        distinguishing_words(corpus, a="Z")
    with pytest.raises(ValueError, match="must be different"):
        distinguishing_words(corpus, a="A", b="A")
    with pytest.raises(ValueError, match="merge it in first"):
        distinguishing_words(corpus.drop(columns=["outlet"]), a="A")


def test_distinguishing_contexts_sentence_and_window():
    text_1 = "Yesterday the terrorists bombed a crowded market in Liss."
    text_2 = "Talks with opposition forces resumed calmly in Lausen."
    corpus = pd.DataFrame({"doc_id": ["d1", "d2"], "text": [text_1, text_2]})
    start_1 = text_1.index("terrorists")
    start_2 = text_2.index("opposition forces")
    mentions = _mentions([
        _mention("d1", "A", "terrorist", match="terrorists", start=start_1,
                 end=start_1 + len("terrorists"), sentence=text_1),
        _mention("d2", "B", "opposition", match="opposition forces", start=start_2,
                 end=start_2 + len("opposition forces"), sentence=text_2),
    ])
    table = distinguishing_contexts(mentions, label_a="terrorist", label_b="opposition",
                                    min_count=1)
    words = set(table["word"])
    assert {"bombed", "market", "talks", "resumed"} <= words
    assert not {"terrorists", "opposition", "forces", "terrorist"} & words
    assert _cell(table, word="bombed")["z"] > 0 > _cell(table, word="resumed")["z"]
    assert (table["a"] == "terrorist").all()
    near = distinguishing_contexts(mentions, corpus=corpus, window=2, label_a="terrorist",
                                   label_b="opposition", min_count=1)
    # Two words either side: "yesterday the | bombed a" and "talks with | resumed calmly".
    assert set(near["word"]) == {"yesterday", "the", "bombed", "a", "talks", "with",
                                 "resumed", "calmly"}
    with pytest.raises(ValueError, match="needs corpus"):
        distinguishing_contexts(mentions, window=2, label_a="terrorist", label_b="opposition")
    with pytest.raises(ValueError, match="label 'rebel' has no mentions"):
        distinguishing_contexts(mentions, label_a="terrorist", label_b="rebel")


def test_distinguishing_words_counts_the_outlets_own_words_by_default():
    corpus = pd.DataFrame({
        "doc_id": ["a1", "b1"], "outlet": ["A", "B"],
        "text": ['The army shelled the town. "Terrorists must be crushed. All of them," the '
                 'minister said.',
                 'The so-called "liberators" held the town. Talks resumed.'],
    })
    own = distinguishing_words(corpus, a="A", b="B", min_count=1, stopwords=False)
    words = set(own["word"])
    # Inside the quotation (two sentences long) and the scare quote: not the outlets' words.
    assert not {"terrorists", "crushed", "them", "liberators"} & words
    assert {"army", "shelled", "minister", "said", "talks"} <= words
    assert (own["voice"] == "narration").all()
    assert _cell(own, word="the")["n_a"] == 3 and _cell(own, word="the")["n_prior"] == 5
    every = distinguishing_words(corpus, a="A", b="B", min_count=1, voice="all",
                                 stopwords=False)
    assert _cell(every, word="terrorists")["n_a"] == 1
    assert _cell(every, word="liberators")["n_b"] == 1
    assert (every["voice"] == "all").all()
    pd.testing.assert_frame_equal(
        distinguishing_words(corpus, a="A", b="B", min_count=1, voice=None, stopwords=False),
        every)
    quoted = distinguishing_words(corpus, a="A", b="B", min_count=1, voice=["quote", "scare_quote"],
                                  stopwords=False)
    assert set(quoted["word"]) == {"terrorists", "must", "be", "crushed", "all", "of", "them",
                                   "liberators"}
    assert (quoted["voice"] == "quote+scare_quote").all()
    # A sentences table cannot show a quotation running over two sentences.
    sents = mediakit.sentences(corpus).merge(corpus[["doc_id", "outlet"]], on="doc_id")
    with pytest.raises(ValueError, match="needs whole articles.*voice='all'"):
        distinguishing_words(sents, a="A", b="B")
    by_sentence = distinguishing_words(sents, a="A", b="B", min_count=1, voice="all",
                                       stopwords=False)
    pd.testing.assert_frame_equal(by_sentence, every)
    with pytest.raises(ValueError, match="split"):
        distinguishing_words(corpus, a="A", b="B", voice="split")


def test_distinguishing_contexts_records_its_voice():
    mentions = _mentions([
        _mention("d1", "A", "terrorist", sentence="Terrorists bombed the market.",
                 match="Terrorists"),
        _mention("d2", "A", "terrorist", voice="quote", sentence='"Terrorists lie," he said.',
                 match="Terrorists"),
        _mention("d3", "B", "opposition", sentence="Opposition forces held talks.",
                 match="Opposition forces"),
    ])
    pooled = distinguishing_contexts(mentions, label_a="terrorist", label_b="opposition",
                                     min_count=1)
    assert (pooled["voice"] == "all").all()
    assert "lie" in set(pooled["word"])
    own = distinguishing_contexts(mentions, label_a="terrorist", label_b="opposition",
                                  min_count=1, voice="narration")
    assert (own["voice"] == "narration").all() and "lie" not in set(own["word"])
    with pytest.raises(ValueError,
                       match=r"label 'opposition' has no mentions here \(voice='quote'"):
        distinguishing_contexts(mentions, label_a="terrorist", label_b="opposition",
                                voice="quote")


def test_defaults_agree_across_comparisons():
    import inspect

    def default(function, name):
        return inspect.signature(function).parameters[name].default

    boot = {f.__name__: default(f, "n_boot")
            for f in (label_shares, label_rates, tone_by_label, label_shares_over_time)}
    assert set(boot.values()) == {2000}, boot
    counts = {f.__name__: default(f, "min_count")
              for f in (distinguishing_words, distinguishing_contexts, mediakit.collocates)}
    assert set(counts.values()) == {3}, counts
    assert default(label_shares_over_time, "n_boot") == 2000
    voices = {f.__name__: default(f, "voice")
              for f in (label_shares, label_rates, tone_by_label, label_shares_over_time,
                        label_change_points, distinguishing_words,
                        mediakit.agency_by_outlet, mediakit.agency_gap)}
    # One default voice for every count (documented at DEFAULT_VOICE); the one
    # exception, distinguishing_contexts, argues for "all" in its docstring.
    assert DEFAULT_VOICE == "narration" and set(voices.values()) == {DEFAULT_VOICE}, voices
    assert default(distinguishing_contexts, "voice") == "all"
    assert "not :data:`mediakit._validation.DEFAULT_VOICE`" in " ".join(
        distinguishing_contexts.__doc__.split())
    # A word used three times is listed by default.
    corpus = pd.DataFrame({"doc_id": ["1", "2"], "outlet": ["A", "B"],
                           "text": ["truce truce truce held", "clashes went on"]})
    assert "truce" in set(distinguishing_words(corpus, a="A", b="B")["word"])


def test_by_referent_counts_a_named_group_for_its_own_actor():
    corpus = pd.DataFrame({
        "doc_id": ["t1", "t2"], "outlet": ["T", "T"],
        "date": pd.to_datetime(["2025-01-06", "2025-01-07"]),
        "text": ["YPG terrorists attacked. SDF fighters held the town.",
                 "Kurdish fighters rested. Terrorists shelled Idlib."],
    })
    mentions = mediakit.find_mentions(corpus, "syria")
    assert mentions["actor"].tolist() == ["armed_opposition", "armed_opposition",
                                          "kurdish_forces", "armed_opposition"]
    by_label = label_shares(mentions, actor="kurdish_forces", by_referent=False, n_boot=20)
    assert by_label["label"].tolist() == ["kurdish_fighters"]
    by_referent = label_shares(mentions, actor="kurdish_forces", by_referent=True, n_boot=20)
    assert dict(zip(by_referent["label"], by_referent["n"])) == {
        "fighter": 1, "kurdish_fighters": 1, "terrorist": 1}
    assert (by_referent["actor"] == "kurdish_forces").all()
    opposition = label_shares(mentions, actor="armed_opposition", by_referent=True, n_boot=20)
    assert dict(zip(opposition["label"], opposition["n"])) == {"terrorist": 1}
    rates = label_rates(mentions, mediakit.analyze(corpus, "syria").documents,
                        by_referent=True, n_boot=20)
    assert set(rates["actor"]) == {"armed_opposition", "kurdish_forces"}
    # by_referent=False is the old selection by the lexicon's actor; a table without
    # a referent column is selected that way.
    pd.testing.assert_frame_equal(
        label_shares(mentions, actor="armed_opposition", by_referent=False, n_boot=20),
        label_shares(mentions.drop(columns=["referent"]), actor="armed_opposition", n_boot=20),
        check_like=True)
    with pytest.raises(ValueError, match="by_referent=True needs the 'referent' column"):
        label_shares(mentions.drop(columns=["referent"]), actor="kurdish_forces", by_referent=True)
    with pytest.raises(ValueError,
                       match=r"actor 'state_forces' has no mentions \(by 'referent'\)"):
        tone_by_label(mentions.assign(compound_masked=0.0), actor="state_forces", by_referent=True)


# ------------------------------------------------------------------- duplicates

_WIRE = (
    "Government forces and fighters of the Kessel Liberation Front clashed on Tuesday "
    "near the R4 highway south of Dorvast, residents said, as aid convoys waited at the "
    "checkpoint for a second day and the United Nations envoy called for calm"
)


def test_find_duplicates_groups_syndicated_copy():
    corpus = pd.DataFrame({
        "doc_id": ["late", "early", "other", "empty"],
        "outlet": ["B", "A", "C", "C"],
        "date": pd.to_datetime(["2025-02-03", "2025-02-02", "2025-02-02", None]),
        "text": [_WIRE + " (edited by B).", _WIRE + ".", "An unrelated feature about bread "
                 "prices in Aldwick and the winter markets of the old town.", ""],
    })
    dupes = find_duplicates(corpus)
    assert dupes["doc_id"].tolist() == ["late", "early", "other", "empty"]
    assert dupes["duplicate_group"].tolist()[:2] == [0, 0]
    assert dupes["duplicate_group"].isna().tolist() == [False, False, True, True]
    assert dupes["is_representative"].tolist() == [False, True, True, True]
    assert 0.8 <= dupes["similarity"].iloc[0] < 1.0
    assert duplicate_docs_to_drop(dupes) == ["late"]
    strict = find_duplicates(corpus, min_similarity=1.0)
    assert strict["duplicate_group"].isna().all()


def _brute_force_pairs(texts, threshold, size):
    sets = []
    for t in texts:
        w = mediakit.text.words(t)
        sets.append({tuple(w[i:i + size]) for i in range(len(w) - size + 1)} if len(w) >= size
                    else ({tuple(w)} if w else set()))
    pairs = set()
    for i, j in itertools.combinations(range(len(sets)), 2):
        if sets[i] and sets[j] and len(sets[i] & sets[j]) / len(sets[i] | sets[j]) >= threshold:
            pairs.add((i, j))
    return pairs


def test_find_duplicates_matches_brute_force():
    rng = random.Random(5)
    vocabulary = ["war", "peace", "army", "rebels", "town", "road", "talks", "aid",
                  "camp", "river", "bridge", "market"]
    base = [" ".join(rng.choice(vocabulary) for _ in range(30)) for _ in range(6)]
    texts = []
    for b in base:  # each base text plus lightly edited copies
        texts.append(b)
        for _ in range(3):
            words = b.split()
            for _ in range(rng.randint(0, 4)):
                words[rng.randrange(len(words))] = rng.choice(vocabulary)
            texts.append(" ".join(words))
    corpus = pd.DataFrame({"doc_id": [str(i) for i in range(len(texts))], "text": texts})
    for threshold in (0.5, 0.7, 0.9):
        dupes = find_duplicates(corpus, min_similarity=threshold, shingle=3)
        groups = dupes["duplicate_group"].tolist()
        pairs = _brute_force_pairs(texts, threshold, 3)
        for i, j in pairs:  # every qualifying pair ends up in one group
            assert groups[i] is not pd.NA and groups[i] == groups[j]
        linked = {i for pair in pairs for i in pair}
        assert set(np.flatnonzero(dupes["duplicate_group"].notna().to_numpy())) == linked


def test_find_duplicates_errors():
    corpus = pd.DataFrame({"doc_id": ["1"], "text": ["a b c"]})
    with pytest.raises(ValueError, match="min_similarity"):
        find_duplicates(corpus, min_similarity=0)
    with pytest.raises(ValueError, match="missing column"):
        find_duplicates(corpus.drop(columns=["text"]))


# ------------------------------------------------------ integration (sample corpus)
# These two tests use the bundled sample corpus and the full pipeline built by other
# modules; they skip until those are available (e.g. on the compare branch alone).


def _sample_or_skip():
    import mediakit

    try:
        return mediakit.load_sample()
    except (NotImplementedError, FileNotFoundError) as exc:
        pytest.skip(f"sample corpus not available here: {exc}")


def test_integration_sample_syndicated_pair_is_found():
    corpus = _sample_or_skip()
    dupes = find_duplicates(corpus)
    grouped = set(dupes.loc[dupes["duplicate_group"].notna(), "doc_id"])
    # The sample marks its syndicated copies; without the column this test would
    # check nothing, so its absence is a failure.
    assert "syndicated_from" in corpus.columns
    marked = corpus["syndicated_from"].fillna("").astype(str).str.len() > 0
    syndicated = set(corpus.loc[marked, "doc_id"].astype(str))
    assert syndicated and syndicated <= grouped
    assert len(duplicate_docs_to_drop(dupes)) == len(grouped) - dupes["duplicate_group"].nunique()


def test_integration_sample_outlets_differ_in_labels():
    import mediakit

    corpus = _sample_or_skip()
    try:
        analysis = mediakit.analyze(corpus)
    except NotImplementedError as exc:
        pytest.skip(f"analysis pipeline not available here: {exc}")
    mentions = analysis.mentions
    drop = duplicate_docs_to_drop(find_duplicates(corpus))
    shares = label_shares(mentions, actor=ACTOR, exclude_docs=drop, n_boot=500)
    top = shares.sort_values("share", ascending=False).groupby("outlet").head(1)
    top_label = dict(zip(top["outlet"], top["label"]))
    assert len(set(top_label.values())) >= 3  # the outlets prefer different words
    herald = [o for o in top_label if "Herald" in o]
    assert herald == ["The Aldwick Herald"]
    assert top_label[herald[0]] == "terrorist"
    # One outlet changes its wording around 2025-02-12 (the Liss bombing): the change
    # point test should find that outlet, near that date, and no steady outlet.
    points = label_change_points(mentions, actor=ACTOR, exclude_docs=drop)
    found = points.loc[points["significant"]]
    assert len(found) == 1
    assert abs(found["change_date"].iloc[0] - pd.Timestamp("2025-02-12")) < pd.Timedelta(days=7)


@pytest.mark.parametrize("freq", ["W", "2W", "MS", "QS", "2MS", "D", "3D"])
def test_over_time_keeps_every_dated_mention_whatever_the_freq(freq):
    # 13 weeks of mentions, one a weekday: every dated mention lands in exactly one period.
    rows = _weekly(["terrorist", "opposition", "rebel"] * 4 + ["terrorist"], per_week=5)
    rows.append(_mention("undated", "A", "terrorist", date=None))
    with pytest.warns(UserWarning, match="1 mention"):
        table = label_shares_over_time(_mentions(rows), actor=ACTOR, freq=freq, n_boot=10)
    assert table["n"].sum() == len(rows) - 1
    starts = table["period"].drop_duplicates()
    assert starts.is_monotonic_increasing
    periods = table.groupby("period")["n_period"].first()
    assert periods.sum() == len(rows) - 1


def test_over_time_two_weeks_are_consecutive_pairs_of_weeks():
    rows = _weekly(["terrorist"] * 4, per_week=2)  # weeks from Monday 2025-01-06
    table = label_shares_over_time(_mentions(rows), actor=ACTOR, freq="2W", n_boot=10)
    periods = table.groupby("period")["n_period"].first()
    assert periods.index.tolist() == [pd.Timestamp("2025-01-06"), pd.Timestamp("2025-01-20")]
    assert periods.tolist() == [4, 4]


def test_over_time_rejects_an_unknown_freq():
    rows = _weekly(["terrorist"] * 2, per_week=2)
    with pytest.raises(ValueError, match="freq"):
        label_shares_over_time(_mentions(rows), actor=ACTOR, freq="fortnightly", n_boot=10)


def test_default_prior_weighs_1000_words_not_the_whole_table():
    # Six outlets of 2,000 filler words; A says "terrorists" 20 times, B 6 times.
    filler = " ".join(f"w{i % 400}" for i in range(2000))
    texts = {o: filler for o in "ABCDEF"}
    texts["A"] += " terrorists" * 20
    texts["B"] += " terrorists" * 6
    corpus = pd.DataFrame({"doc_id": list(texts), "outlet": list(texts), "text": list(texts.values())})
    # stopwords=False: the filler "w0".."w399" reads as the word "w", a stopword.
    default = distinguishing_words(corpus, a="A", b="B", stopwords=False)
    assert (default["prior_weight"] == 1000.0).all()
    word = _cell(default, word="terrorists")
    assert word["pseudo_count"] == pytest.approx(1000 * 26 / (12000 + 26))
    assert word["z"] > 1.96  # 20 against 6 in equal-sized outlets is a difference
    pd.testing.assert_frame_equal(default, distinguishing_words(corpus, a="A", b="B", prior_weight=1000,
                                                                stopwords=False))
    # The whole table as weight (12,026 words against 2,000 per outlet) hides it.
    heavy = _cell(distinguishing_words(corpus, a="A", b="B", prior_weight=None, stopwords=False),
                  word="terrorists")
    assert heavy["pseudo_count"] == pytest.approx(26.0) and heavy["z"] < 1.96
    with pytest.raises(ValueError, match="prior_weight"):
        distinguishing_words(corpus, a="A", b="B", prior_weight=float("inf"))


def test_a_mention_without_a_label_is_an_error_not_a_crash_or_a_loss():
    rows = _weekly(["terrorist"] * 3, per_week=2)
    rows.append(_mention("x", "A", None, date=pd.Timestamp("2025-01-07")))
    mentions = _mentions(rows)
    for compute in (label_shares, label_shares_over_time):
        with pytest.raises(ValueError, match=r"1 row\(s\) have no value in column 'label' \(rows 6\)"):
            compute(mentions, actor=ACTOR, n_boot=5)
