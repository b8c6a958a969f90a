"""The analyses the report shows, public on their own: voice_by_label, top_labels,
choose_freq, boilerplate_passages and the default filters of distinguishing_words
(issue 17), duplicate_groups. Values computed by hand on tiny tables."""

from __future__ import annotations

import pandas as pd
import pytest

from mediakit.compare import (
    BOILERPLATE_RUN,
    MIN_HEADLINE_MENTIONS,
    boilerplate_passages,
    choose_freq,
    distinguishing_words,
    distinguishing_words_each,
    label_shares,
    top_labels,
    voice_by_label,
)
from mediakit.dedup import duplicate_docs_to_drop, duplicate_groups, find_duplicates
from mediakit.errors import InvalidParameterError, MissingColumnsError

ACTOR = "armed_opposition"


def _mention(doc_id, outlet, label, *, voice="narration", speaker=None, actor=ACTOR,
             date="2025-01-06"):
    return {"doc_id": doc_id, "outlet": outlet, "date": pd.Timestamp(date), "actor": actor,
            "label": label, "match": label, "voice": voice,
            "speaker": pd.NA if speaker is None else speaker}


def _frame(rows):
    return pd.DataFrame(rows).astype({"speaker": "string"})


# ------------------------------------------------------------------ voice_by_label


@pytest.fixture
def voiced():
    return _frame([
        _mention("a1", "A", "terrorist"),
        _mention("a1", "A", "terrorist", voice="quote", speaker="Dana Ilves"),
        _mention("a2", "A", "terrorist", voice="quote", speaker="Dana Ilves"),
        _mention("a2", "A", "terrorist", voice="quote", speaker="Lale Orhun"),
        _mention("a3", "A", "terrorist", voice="quote"),  # no speaker found
        _mention("a3", "A", "terrorist", voice="scare_quote"),
        _mention("b1", "B", "terrorist", voice="quote", speaker="Lale Orhun"),
        _mention("b1", "B", "opposition"),
        _mention("b2", "B", "opposition"),
        _mention("x1", "B", "army", actor="government"),
    ])


def test_voice_by_label_counts_each_voice_and_names_the_speakers(voiced):
    table = voice_by_label(voiced, actor=ACTOR)
    assert list(table.columns) == ["outlet", "actor", "label", "n", "narration", "quote",
                                   "scare_quote", "quoted_share", "top_speakers"]
    assert table[["outlet", "label"]].values.tolist() == [
        ["A", "terrorist"], ["B", "opposition"], ["B", "terrorist"]]
    a = table.iloc[0]
    assert (a["n"], a["narration"], a["quote"], a["scare_quote"]) == (6, 1, 4, 1)
    assert a["quoted_share"] == pytest.approx(5 / 6)
    # Most quoted first with counts; the quote without a speaker is not a name.
    assert a["top_speakers"] == "Dana Ilves (2); Lale Orhun (1)"
    assert table.iloc[1]["top_speakers"] == "" and table.iloc[1]["quoted_share"] == 0
    pooled = voice_by_label(voiced, actor=ACTOR, by=None)
    assert list(pooled.columns)[:2] == ["actor", "label"]
    terrorist = pooled.loc[pooled["label"] == "terrorist"].iloc[0]
    assert terrorist["n"] == 7 and terrorist["top_speakers"] == "Dana Ilves (2); Lale Orhun (2)"
    assert voice_by_label(voiced, actor=ACTOR, by=None, top_speakers=1).loc[
        lambda t: t["label"] == "terrorist", "top_speakers"].item() == "Dana Ilves (2)"


def test_voice_by_label_options_and_errors(voiced):
    every = voice_by_label(voiced)
    assert set(every["actor"]) == {ACTOR, "government"}
    without = voice_by_label(voiced, actor=ACTOR, exclude_docs=["a1", "a2"])
    assert without.loc[without["outlet"] == "A", "n"].item() == 2
    empty = voice_by_label(voiced, actor=ACTOR, exclude_docs=voiced["doc_id"])
    assert empty.empty and "top_speakers" in empty.columns
    with pytest.raises(InvalidParameterError, match="top_speakers"):
        voice_by_label(voiced, top_speakers=-1)
    with pytest.raises(MissingColumnsError, match="speaker"):
        voice_by_label(voiced.drop(columns=["speaker"]))
    with pytest.raises(ValueError, match="has no mentions"):
        voice_by_label(voiced, actor="nobody")
    pd.testing.assert_frame_equal(voiced, _frame(voiced.to_dict("records")))  # not modified


# ----------------------------------------------------------------------- top_labels


def test_top_labels_takes_each_outlets_most_used_label_and_flags_small_totals():
    rows = ([_mention(f"a{i}", "A", "terrorist") for i in range(8)]
            + [_mention(f"a{i}", "A", "rebel") for i in range(3)]
            + [_mention("b1", "B", "opposition"), _mention("b2", "B", "rebel")]
            + [_mention("c1", "C", "rebel", voice="quote")])
    shares = label_shares(_frame(rows), actor=ACTOR, n_boot=50)
    top = top_labels(shares)
    # C speaks of the actor only in a quote: label_shares (narration) has no row for it.
    assert top["outlet"].tolist() == ["A", "B"]
    a, b = top.iloc[0], top.iloc[1]
    assert (a["label"], a["n"], a["total"]) == ("terrorist", 8, 11)
    assert a["share"] == pytest.approx(8 / 11) and a["lo"] <= a["share"] <= a["hi"]
    assert not a["few"]  # 11 >= MIN_HEADLINE_MENTIONS
    assert MIN_HEADLINE_MENTIONS == 10
    # A tie goes to the label first in the table (alphabetical): opposition before rebel.
    assert (b["label"], b["n"], b["total"], b["few"]) == ("opposition", 1, 2, True)
    # A group whose rows all count 0 (a table filtered by hand) has no top label.
    zeroed = shares.copy()
    zeroed.loc[zeroed["outlet"] == "B", ["n", "share"]] = [0, float("nan")]
    b_zero = top_labels(zeroed).iloc[1]
    assert pd.isna(b_zero["label"]) and b_zero["total"] == 0 and b_zero["few"]
    assert top_labels(shares, min_mentions=12).iloc[0]["few"]
    assert not top_labels(shares, min_mentions=11).iloc[0]["few"]
    with pytest.raises(InvalidParameterError, match="min_mentions"):
        top_labels(shares, min_mentions=0)
    split = label_shares(_frame(rows), actor=ACTOR, voice="split", n_boot=10)
    with pytest.raises(ValueError, match="split"):
        top_labels(split)


# ----------------------------------------------------------------------- choose_freq


def _dated(per_week, weeks, outlets=("A", "B")):
    rows = []
    monday = pd.Timestamp("2025-01-06")
    for outlet in outlets:
        for week in range(weeks):
            for i in range(per_week):
                rows.append(_mention(f"{outlet}{week}_{i}", outlet, "rebel",
                                     date=monday + pd.Timedelta(days=7 * week + i % 5)))
    return _frame(rows)


def test_choose_freq_takes_the_finest_period_with_enough_mentions():
    # 12 a week: weeks qualify at min_mentions 10.
    assert choose_freq(_dated(12, 12), min_mentions=10) == "W"
    # 4 a week: about 17 a month in the 3 months spanned (Jan-Mar).
    assert choose_freq(_dated(4, 12), min_mentions=10) == "M"
    # 1 a week over 12 weeks: 4 a month, 12 a quarter... but a single quarter is no
    # comparison, so the coarsest period giving two periods (months) is the fallback.
    assert choose_freq(_dated(1, 12), min_mentions=10) == "M"
    assert choose_freq(_dated(1, 12), min_mentions=1) == "W"
    # Everything within one week: no two periods to compare.
    assert choose_freq(_dated(20, 1)) is None
    undated = _dated(3, 2).assign(date=pd.NaT)
    assert choose_freq(undated) is None
    with pytest.raises(InvalidParameterError, match="min_mentions"):
        choose_freq(_dated(1, 2), min_mentions=0)


# ------------------------------------------------- distinguishing words: the filters


FOOTER = "Follow Kessel Voice on Twitter for live updates from the valley"


def _outlets_corpus(footer_docs=3, n_voice=4):
    # Openings differ (an article's first words repeated would be furniture too).
    voice = [f"In district {chr(65 + i)} regime shelling hit the bakery on night {chr(97 + i)}.\n{FOOTER}"
             if i < footer_docs else f"At {chr(65 + i)} regime shelling hit the bakery, said {chr(97 + i)}."
             for i in range(n_voice)]
    herald = ["Terrorists shelled the army post overnight, the ministry said."] * 2 + [
        "Security forces repelled terrorists near the bakery."]
    texts = voice + herald
    return pd.DataFrame({
        "doc_id": [f"d{i}" for i in range(len(texts))],
        "outlet": ["Kessel Voice"] * len(voice) + ["The Herald"] * len(herald),
        "text": texts,
    })


def test_distinguishing_words_leaves_out_page_furniture_outlet_names_and_stopwords():
    corpus = _outlets_corpus()
    default = set(distinguishing_words(corpus, a="Kessel Voice", min_count=1)["word"])
    assert {"regime", "bakery"} <= default
    # The footer line is in 3 of the 4 articles: furniture, gone from every count.
    assert not {"twitter", "live", "updates", "valley"} & default
    assert not {"kessel", "voice", "herald"} & default  # the outlets' own names
    assert not {"the", "for", "on"} & default  # stopwords
    raw = distinguishing_words(corpus, a="Kessel Voice", min_count=1, stopwords=False,
                               exclude_group_names=False, boilerplate=False)
    assert {"twitter", "kessel", "voice", "the"} <= set(raw["word"])
    twitter = raw.loc[raw["word"] == "twitter"].iloc[0]
    assert twitter["n_a"] == 3
    # Group names and stopwords leave the vocabulary only: the furniture filter is off.
    names_only = distinguishing_words(corpus, a="Kessel Voice", min_count=1, boilerplate=False)
    assert "twitter" in set(names_only["word"]) and "voice" not in set(names_only["word"])


def test_boilerplate_needs_three_articles_and_a_fifth_of_the_outlet():
    # In only 2 articles: not furniture.
    two = boilerplate_passages(_outlets_corpus(footer_docs=2))
    assert two.empty
    three = boilerplate_passages(_outlets_corpus(footer_docs=3))
    assert three[["outlet", "passage", "n_docs", "group_docs"]].values.tolist() == [
        ["Kessel Voice", FOOTER.lower(), 3, 4]]
    assert three["n_words"].tolist() == [len(FOOTER.split())]
    # 3 of 20 articles (15%) is under a fifth of the outlet: kept as writing.
    assert boilerplate_passages(_outlets_corpus(footer_docs=3, n_voice=20)).empty
    assert not boilerplate_passages(_outlets_corpus(footer_docs=4, n_voice=20)).empty


def test_boilerplate_finds_repeated_runs_and_sign_offs_but_not_short_phrases():
    run = " ".join(f"w{chr(97 + i)}x" for i in range(BOILERPLATE_RUN))  # 12 distinct words
    texts = [f"Story {i} begins here. {run} and story {i} goes on about topic {i}."
             for i in "abc"]
    signoff = [f"Report number {i} from the front at {i}. Source TRTWorld and agencies"
               for i in "defg"]
    phrase = [f"Fighting near {i} was heavy, by the Assad regime forces, said witness {i}."
              for i in "hij"]
    corpus = pd.DataFrame({"doc_id": list("abcdefghij"),
                           "outlet": ["R"] * 3 + ["S"] * 4 + ["T"] * 3,
                           "text": texts + signoff + phrase})
    found = boilerplate_passages(corpus)
    by_outlet = dict(zip(found["outlet"], found["passage"]))
    # The longest repeated stretch: the 12-word run and the words shared around it.
    assert by_outlet["R"] == f"begins here {run} and story"
    assert by_outlet["S"] == "source trtworld and agencies"  # the last words, 4 of them
    # "by the assad regime forces said" repeats mid-article: writing, not furniture.
    assert "T" not in by_outlet
    words = distinguishing_words(corpus, a="T", min_count=1, stopwords=False)
    assert "assad" in set(words["word"]) and "trtworld" not in set(words["word"])


# -------------------------------------------------------------------- duplicate_groups


def test_duplicate_groups_sorts_names_repeats_and_says_when_undated():
    wire = ("Rebels seized the northern bridge on Monday after a night of heavy shelling and "
            "thousands of families fled toward the coast with what they could carry.")
    again = ("The council voted on Tuesday to rebuild the market hall that burned down last "
             "winter, using money raised by residents and two local businesses.")
    corpus = pd.DataFrame({
        "doc_id": ["w1", "w2", "w3", "r1", "r2", "solo"],
        "outlet": ["Wire", "Herald", "Voice", "Voice", "Voice", "Herald"],
        "date": pd.to_datetime(["2025-01-08", "2025-01-06", None, None, None, "2025-01-02"]),
        "text": [wire, wire, wire, again, again, "Nothing else happened."],
    })
    duplicates = find_duplicates(corpus)
    groups = duplicate_groups(duplicates)
    assert list(groups.columns) == [
        "duplicate_group", "n_docs", "n_outlets", "outlets", "kind", "first_date",
        "last_date", "n_undated", "kept_doc_id", "kept_by", "similarity"]
    big, repeat = groups.iloc[0], groups.iloc[1]
    assert (big["n_docs"], big["n_outlets"], big["kind"]) == (3, 3, "syndicated")
    assert big["outlets"] == "Herald; Voice; Wire"
    assert big["first_date"] == pd.Timestamp("2025-01-06") and big["n_undated"] == 1
    assert (big["kept_doc_id"], big["kept_by"]) == ("w2", "earliest date")
    assert (repeat["n_docs"], repeat["kind"], repeat["outlets"]) == (2, "repeat", "Voice")
    assert pd.isna(repeat["first_date"]) and repeat["n_undated"] == 2
    assert (repeat["kept_doc_id"], repeat["kept_by"]) == ("r1", "corpus order")
    assert sorted(duplicate_docs_to_drop(duplicates)) == ["r2", "w1", "w3"]
    none = duplicate_groups(find_duplicates(corpus.iloc[[0, 3, 5]]))
    assert none.empty and list(none.columns) == list(groups.columns)


def test_distinguishing_words_each_equals_one_call_per_outlet():
    import mediakit as mk

    corpus = mk.load_sample()
    drop = duplicate_docs_to_drop(find_duplicates(corpus))
    each = distinguishing_words_each(corpus, exclude_docs=drop)
    one_by_one = pd.concat(
        [distinguishing_words(corpus, a=o, exclude_docs=drop)
         for o in sorted(corpus["outlet"].unique())], ignore_index=True)
    pd.testing.assert_frame_equal(each, one_by_one)
    assert (each["voice"] == "narration").all() and not set(drop) & set(each["a"])
    # An outlet whose every article is excluded is simply not compared.
    herald = corpus.loc[corpus["outlet"] == "The Aldwick Herald", "doc_id"]
    without = distinguishing_words_each(corpus, exclude_docs=list(herald))
    assert "The Aldwick Herald" not in set(without["a"]) and without["a"].nunique() == 6
    raw = distinguishing_words_each(corpus, stopwords=False, exclude_group_names=False,
                                    boilerplate=False, voice="all", min_count=1)
    assert {"the", "voice"} <= set(raw["word"])
