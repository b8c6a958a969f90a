"""The mentions table, KWIC, collocates and the lexicon audit, on hand-written texts,
the seed article and the bundled sample corpus."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest
from nltk.metrics.association import BigramAssocMeasures

import mediakit
from mediakit.audit import AUDIT_COLUMNS, audit_lexicon
from mediakit.concordance import COLLOCATE_COLUMNS, KWIC_COLUMNS, collocates, kwic
from mediakit.lexicon import Lexicon, load_lexicon
from mediakit.mentions import MENTION_COLUMNS, find_mentions
from mediakit.text import sentences

SEED_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "seed"
SEED_FILE = "000_1e153a5175e6978d.txt"


def corpus_of(*texts: str, outlets: list[str] | None = None) -> pd.DataFrame:
    n = len(texts)
    return pd.DataFrame(
        {
            "doc_id": [f"d{i}" for i in range(n)],
            "outlet": outlets or [f"outlet {i}" for i in range(n)],
            "date": pd.to_datetime(["2025-01-06"] * n),
            "text": list(texts),
        }
    )


@pytest.fixture(scope="module")
def seed() -> pd.DataFrame:
    path = SEED_DIR / SEED_FILE
    if not path.exists():
        pytest.skip(f"seed article not found at {path} (expected at ../shared/seed beside the repo)")
    return pd.DataFrame(
        {
            "doc_id": ["seed"],
            "outlet": ["seed outlet"],
            "date": pd.to_datetime(["2020-03-01"]),
            "text": [path.read_text(encoding="utf-8")],
        }
    )


@pytest.fixture(scope="module")
def sample() -> pd.DataFrame:
    return mediakit.load_sample()


@pytest.fixture(scope="module")
def sample_mentions(sample: pd.DataFrame) -> pd.DataFrame:
    return find_mentions(sample, "marenna")


LEX = Lexicon.from_dict(
    {
        "name": "t",
        "actors": {
            "armed": {
                "names": {"KLF": ["KLF"], "Dawn Brigades": ["Dawn Brigade*"]},
                "labels": {
                    "terrorist": ["terrorist*"],
                    "rebel": ["rebel", "rebels"],
                    "opposition": ["opposition forces"],
                    "armed_group": ["armed group*"],
                },
            },
            "state": {"labels": {"regime": ["regime"], "government": ["government"]}},
        },
    }
)


# -- find_mentions ---------------------------------------------------------------------


def test_mentions_table_columns_dtypes_and_provenance():
    text = (
        "The KLF rebels advanced. “These terrorists will be crushed,” Interior Minister "
        "Dana Ilves said.\n\nThe regime’s so-called “opposition forces” retreated. "
        "Dawn Brigades fighters and the rebels’ allies were seen."
    )
    corpus = corpus_of(text)
    before = corpus.copy()
    table = find_mentions(corpus, LEX)
    pd.testing.assert_frame_equal(corpus, before)  # the input is not modified
    assert tuple(table.columns) == MENTION_COLUMNS
    assert table["start"].dtype == "int64" and table["sentence_id"].dtype == "int64"
    assert table["speaker"].dtype == "string"
    rows = list(table[["match", "label", "voice", "speaker", "named_groups"]].itertuples(index=False))
    assert [tuple(None if pd.isna(x) else x for x in r) for r in rows] == [
        ("rebels", "rebel", "narration", None, "KLF"),
        ("terrorists", "terrorist", "quote", "Dana Ilves", ""),
        ("regime", "regime", "narration", None, ""),
        ("opposition forces", "opposition", "scare_quote", None, ""),
        ("rebels", "rebel", "narration", None, "Dawn Brigades"),
    ]
    for row in table.itertuples():
        assert text[row.start : row.end] == row.match
        assert text[row.sentence_start : row.sentence_end] == row.sentence
        assert row.sentence_start <= row.start < row.sentence_end


def test_sentence_ids_agree_with_the_sentences_table():
    text = "Gen. Roe met U.S. envoys. Rebels fled.\nA new line: the regime said so. Rebels returned."
    corpus = corpus_of(text)
    table = find_mentions(corpus, LEX)
    sents = sentences(corpus).set_index("sentence_id")
    for row in table.itertuples():
        assert sents.loc[row.sentence_id, "text"] == row.sentence
    assert table["sentence_id"].tolist() == [1, 2, 3]


def test_empty_results_keep_every_column():
    empty = find_mentions(corpus_of("Nothing to see here.", ""), LEX)
    assert tuple(empty.columns) == MENTION_COLUMNS and empty.empty
    assert empty["start"].dtype == "int64"
    assert tuple(kwic(corpus_of("nothing"), "rebel*").columns) == KWIC_COLUMNS
    assert tuple(collocates(corpus_of("nothing"), "rebel*").columns) == COLLOCATE_COLUMNS
    assert tuple(audit_lexicon(corpus_of("nothing"), LEX).columns) == AUDIT_COLUMNS


def test_lexicon_may_be_a_bundled_name_or_a_file(tmp_path):
    corpus = corpus_of("The rebels and the regime.")
    path = tmp_path / "mine.yaml"
    path.write_text(LEX.to_yaml(), encoding="utf-8")
    from_file = find_mentions(corpus, path)
    from_object = find_mentions(corpus, LEX)
    pd.testing.assert_frame_equal(from_file, from_object)
    assert find_mentions(corpus, "conflict")["label"].tolist() == ["rebel", "regime"]
    assert find_mentions(corpus)["label"].tolist() == ["rebel", "regime"]  # DEFAULT_LEXICON


def test_bad_corpus_input_is_reported():
    with pytest.raises(TypeError, match="DataFrame"):
        find_mentions(["not", "a", "frame"], LEX)  # type: ignore[arg-type]
    with pytest.raises(mediakit.CorpusError, match="no 'outlet' column"):
        find_mentions(pd.DataFrame({"doc_id": ["a"], "text": ["x"]}), LEX)


def test_seed_terrorist_family_each_found_once_with_its_voice(seed):
    table = find_mentions(seed, "syria")
    text = seed["text"].iloc[0]
    assert all(text[r.start : r.end] == r.match for r in table.itertuples())
    family = table[table["label"].isin(["terrorist", "jihadist"])]
    got = [(r.match, r.voice, None if pd.isna(r.speaker) else r.speaker)
           for r in family.itertuples()]
    # "jihadist (terrorist) fighters" gives three mentions: jihadist, terrorist and
    # (label fighter) fighters; reported speech without quotation marks is narration.
    assert got == [
        ("terrorists", "narration", None),  # "a coalition with the terrorists"
        ("terrorists", "narration", None),  # "under the control of terrorists"
        ("terrorists", "narration", None),  # "the terrorists in the region must be purged"
        ("terrorists", "quote", "Hassan Rouhani"),  # "the gathering of dangerous terrorists"
        ("terrorists", "quote", "Hassan Rouhani"),  # "terrorists should be uprooted"
        ("jihadist", "narration", None),
        ("terrorist", "narration", None),
    ]
    assert family["start"].is_unique
    coalition = family.iloc[0]
    assert "coalition with the terrorists" in coalition["sentence"]
    assert "Turkish-backed armed groups" in table["match"].tolist()


def test_sample_offsets_and_speakers(sample, sample_mentions):
    texts = dict(zip(sample["doc_id"], sample["text"]))
    assert len(sample_mentions) > 300
    for row in sample_mentions.itertuples():
        assert texts[row.doc_id][row.start : row.end] == row.match
    quoted = sample_mentions[sample_mentions["voice"] == "quote"]
    assert quoted["speaker"].notna().mean() > 0.8
    assert {"Dana Ilves", "Amir Kessaly"} <= set(quoted["speaker"].dropna())


# The house labels of data/README.md: the outlet's most frequent label for the armed
# groups, and for the state, in its own voice.
HOUSE_LABELS = {
    "The Aldwick Herald": ({"terrorist"}, {"government"}),
    "Kessel Voice": ({"opposition"}, {"regime"}),
    "The Meridian Chronicle": ({"rebel"}, {"government"}),
    "The Daily Clarion": ({"jihadist", "militant", "extremist"}, {"government"}),
    "The Tarvian Dispatch": ({"opposition"}, {"regime"}),
    "The Regional Observer": ({"armed_group", "fighter"}, {"government", "state_forces"}),
    "The Defence Review": ({"insurgent"}, {"government"}),
}


def test_sample_outlets_show_their_house_labels_in_narration(sample_mentions):
    narration = sample_mentions[sample_mentions["voice"] == "narration"]
    for outlet, (armed, state) in HOUSE_LABELS.items():
        own = narration[narration["outlet"] == outlet]
        top_armed = own.loc[own["actor"] == "armed_opposition", "label"].value_counts().idxmax()
        top_state = own.loc[own["actor"] == "state_forces", "label"].value_counts().idxmax()
        assert top_armed in armed, (outlet, top_armed)
        assert top_state in state, (outlet, top_state)
    # Kessel Voice uses "terrorists" mostly inside quotations, not in its own voice.
    kv = sample_mentions[(sample_mentions["outlet"] == "Kessel Voice")
                         & (sample_mentions["label"] == "terrorist")]
    assert (kv["voice"] != "narration").sum() > (kv["voice"] == "narration").sum()


def test_sample_named_groups_travel_with_generic_labels(sample_mentions):
    named = sample_mentions[sample_mentions["named_groups"] != ""]
    assert {"KLF", "Dawn Brigades", "Free Kessel Army"} <= {
        n for groups in named["named_groups"] for n in groups.split("; ")
    }
    # "Free Kessel Army" is a name, so its "Army" is never counted as the state's army.
    assert not sample_mentions["match"].str.contains("Kessel Army").any()
    assert not (sample_mentions["sentence"].str.contains("Free Kessel Army")
                & (sample_mentions["match"].str.lower() == "army")).any()


def test_referent_is_the_named_group_written_against_the_label():
    text = (
        "YPG terrorists attacked. SDF fighters held the town. Fighters of the YPG left. "
        "The YPG's fighters came back. Terrorists attacked the YPG. "
        "Militants from HTS shelled it.\n\nYPG\n\nterrorists, PKK - militants."
    )
    table = find_mentions(corpus_of(text), "syria")
    assert MENTION_COLUMNS.index("referent") == MENTION_COLUMNS.index("named_groups") + 1
    rows = table[["match", "actor", "named_groups", "referent", "referent_rule"]].values.tolist()
    assert rows == [
        # The lexicon's actor is the label's family; the referent is who it points at.
        ["terrorists", "armed_opposition", "YPG", "kurdish_forces", "named group before label (YPG)"],
        ["fighters", "armed_opposition", "SDF", "kurdish_forces", "named group before label (SDF)"],
        ["Fighters", "armed_opposition", "YPG", "kurdish_forces", "named group after label (YPG)"],
        ["fighters", "armed_opposition", "YPG", "kurdish_forces", "named group before label (YPG)"],
        # A name after the label in its sentence is more often the group it fights, so
        # it is not used, nor the names of other sentences attached to other labels.
        ["Terrorists", "armed_opposition", "YPG", "armed_opposition",
         "no group named nearby: label's own actor"],
        ["Militants", "armed_opposition", "HTS", "armed_opposition", "named group after label (HTS)"],
        # A paragraph break or a dash is not "directly attached": the name counts as
        # one named before the label, in its sentence or the one before.
        ["terrorists", "armed_opposition", "PKK", "kurdish_forces",
         "previous sentences name kurdish_forces only"],
        ["militants", "armed_opposition", "PKK", "kurdish_forces", "sentence names kurdish_forces only"],
    ]
    assert table["referent"].dtype == "str"


def test_sample_referents(sample, sample_mentions):
    lex = load_lexicon("marenna")
    assert set(sample_mentions["referent"]) <= set(lex.actors)
    # "Dawn Brigades militants": the named group belongs to the label's own actor.
    attached = sample_mentions[sample_mentions["sentence"].str.contains("Dawn Brigades militants")
                               & (sample_mentions["match"] == "militants")]
    assert len(attached) >= 1
    assert set(attached["referent"]) == set(attached["actor"]) == {"armed_opposition"}
    # The same table from analyze() carries the column too.
    one = sample.head(5)
    analysed = mediakit.analyze(one, "marenna").mentions
    pd.testing.assert_series_equal(
        analysed["referent"].reset_index(drop=True),
        find_mentions(one, "marenna")["referent"].reset_index(drop=True),
    )


# -- kwic ------------------------------------------------------------------------------


def test_kwic_word_window_keeps_punctuation_and_offsets():
    text = "One two, three four five six rebels' base; seven eight\nnine ten eleven."
    table = kwic(corpus_of(text), "rebel*", window=3)
    row = table.iloc[0]
    assert (row["left"], row["match"], row["right"]) == ("four five six", "rebels", "' base; seven eight")
    assert text[row["start"] : row["end"]] == "rebels"
    assert (row["actor"], row["label"], row["pattern"]) == ("query", "query", "rebel*")
    edge = kwic(corpus_of("rebels attacked"), ["rebel*", "attack*"], window=2)
    assert edge[["left", "match", "right"]].values.tolist() == [
        ["", "rebels", "attacked"],  # another match is context like any word
        ["rebels", "attacked", ""],
    ]
    assert kwic(corpus_of(text), "rebel*", window=0)[["left", "right"]].values.tolist() == [["", ""]]


def test_kwic_sentence_unit_and_voice_filter():
    text = 'The rebels advanced. "Rebels are criminals," Ilves said. Later, rebels fled.'
    lex = load_lexicon("conflict")
    table = kwic(corpus_of(text), lexicon=lex, unit="sentence")
    assert table[["left", "match", "right", "voice"]].values.tolist() == [
        ["The", "rebels", "advanced.", "narration"],
        ['"', "Rebels", 'are criminals," Ilves said.', "quote"],
        ["Later,", "rebels", "fled.", "narration"],
    ]
    quoted = kwic(corpus_of(text), "rebel*", voice="quote")
    assert quoted["match"].tolist() == ["Rebels"] and quoted["speaker"].tolist() == ["Ilves"]
    # The voice vocabulary of the comparisons: "all" (or None) and lists of voices.
    every = kwic(corpus_of(text), "rebel*")
    assert len(every) == 3
    pd.testing.assert_frame_equal(kwic(corpus_of(text), "rebel*", voice="all"), every)
    pd.testing.assert_frame_equal(
        kwic(corpus_of(text), "rebel*", voice=["narration", "quote", "scare_quote"]), every)
    own = kwic(corpus_of(text), "rebel*", voice=["narration", "scare_quote"])
    assert own["voice"].tolist() == ["narration", "narration"]
    # A bare string is a pattern, even when it spells a bundled lexicon's name.
    assert kwic(corpus_of("Syria and syria's war"), "syria")["match"].tolist() == ["Syria", "syria"]


def test_kwic_rejects_bad_options():
    corpus = corpus_of("rebels")
    with pytest.raises(ValueError, match="unit"):
        kwic(corpus, "rebel*", unit="paragraph")
    with pytest.raises(ValueError, match="window"):
        kwic(corpus, "rebel*", window=-1)
    with pytest.raises(ValueError, match="unknown voice"):
        kwic(corpus, "rebel*", voice="whisper")
    with pytest.raises(ValueError, match=r"unknown voice\(s\) \['whisper'\]"):
        kwic(corpus, "rebel*", voice=["quote", "whisper"])
    with pytest.raises(ValueError, match="takes one voice at a time, not 'split'"):
        kwic(corpus, "rebel*", voice="split")
    with pytest.raises(ValueError, match="empty list"):
        kwic(corpus, "rebel*", voice=[])
    with pytest.raises(mediakit.LexiconError, match="'\\*\\*'"):
        kwic(corpus, "rebel**")
    with pytest.raises(TypeError, match="pattern"):
        kwic(corpus, 42)  # type: ignore[arg-type]
    # a pattern is a glob, a lexicon goes in lexicon=: never both, never mixed up
    with pytest.raises(mediakit.InvalidParameterError, match="not both"):
        kwic(corpus, "rebel*", lexicon="conflict")
    with pytest.raises(mediakit.InvalidParameterError, match="lexicon="):
        kwic(corpus, load_lexicon("conflict"))  # type: ignore[arg-type]
    with pytest.raises(mediakit.InvalidParameterError, match="not both"):
        collocates(corpus, "rebel*", lexicon="conflict")
    # a bundled name given as a pattern is searched as a word
    assert kwic(corpus_of("Conflict in Syria."), "syria")["match"].tolist() == ["Syria"]


# -- collocates ------------------------------------------------------------------------


def test_collocates_measures_by_hand():
    # N = 8 tokens; two nodes ("rebels"), window 1 -> R1 = 2 window tokens, both "attack".
    corpus = corpus_of("rebels attack town", "rebels attack city", "town quiet")
    table = collocates(corpus, "rebels", window=1, min_count=1)
    assert table["word"].tolist() == ["attack"]
    row = table.iloc[0]
    assert (row["n"], row["n_word"]) == (2, 2)
    assert row["expected"] == pytest.approx(2 * 2 / 8)
    assert row["pmi"] == pytest.approx(math.log2(2 / 0.5))
    assert row["logdice"] == pytest.approx(14 + math.log2(2 * 2 / (2 + 2)))
    assert row["t_score"] == pytest.approx((2 - 0.5) / math.sqrt(2))
    g2 = 2 * (2 * math.log(2 / 0.5) + 6 * math.log(6 / 4.5))
    assert row["log_likelihood"] == pytest.approx(g2)
    # The same contingency table through NLTK's implementation.
    nltk_g2 = BigramAssocMeasures.likelihood_ratio(2, (2, 2), 8)
    nltk_pmi = BigramAssocMeasures.pmi(2, (2, 2), 8)
    assert row["log_likelihood"] == pytest.approx(nltk_g2, rel=1e-6)
    assert row["pmi"] == pytest.approx(nltk_pmi)


def test_collocates_negative_association_sorting_and_filters():
    corpus = corpus_of(
        "the rebels attack the town",
        "rebels attack again and the army waits",
        "the the the the army the town the",
    )
    table = collocates(corpus, "rebel*", window=2, min_count=1, measure="log_likelihood")
    assert table["log_likelihood"].is_monotonic_decreasing
    the = table[table["word"] == "the"].iloc[0]
    assert the["n"] < the["expected"] and the["log_likelihood"] < 0 and the["pmi"] < 0
    assert collocates(corpus, "rebel*", window=2, min_count=2)["word"].tolist() == ["attack", "the"]
    lex = load_lexicon("conflict")
    by_label = collocates(corpus, lexicon=lex, label="armed_opposition:rebel", window=2, min_count=2)
    assert by_label["word"].tolist() == ["attack", "the"]
    with pytest.raises(mediakit.LexiconError, match="no label 'nope'"):
        collocates(corpus, lexicon=lex, label="nope")
    with pytest.raises(ValueError, match="measure"):
        collocates(corpus, "rebel*", measure="dice")
    quoted = collocates(corpus_of('"Rebels attack," he said. Rebels wait.'), "rebel*",
                        window=1, min_count=1, voice="narration")
    assert quoted["word"].tolist() == ["said", "wait"]  # not "attack": that node is quoted
    both = corpus_of('"Rebels attack," he said. Rebels wait.')
    pooled = collocates(both, "rebel*", window=1, min_count=1, voice="all")
    assert set(pooled["word"]) == {"attack", "said", "wait"}
    pd.testing.assert_frame_equal(
        pooled, collocates(both, "rebel*", window=1, min_count=1, voice=None))
    pd.testing.assert_frame_equal(
        quoted, collocates(both, "rebel*", window=1, min_count=1, voice=["narration"]))


# -- audit_lexicon ---------------------------------------------------------------------


def test_audit_finds_spelling_hyphen_inflection_and_compound_variants():
    corpus = corpus_of(
        "Turkey-backed armed groups attacked. Turkish-backed armed groups fled.",
        "Turkish backed armed groups and armed-groups; an opposition force left. "
        "The forced march went on. Anti-government crowds and Terorists met.",
        "Turkey-backed fighters, more Turkey-backed armed groups, the insurgency.",
    )
    syria = load_lexicon("syria")
    # The bundled lexicon lists "Turkey-backed" and matches any "*-backed"; without
    # them the audit has to find the variant.
    lexicon = syria.with_label("armed_opposition", "armed_group", [
        p for p in syria.actors["armed_opposition"]["armed_group"] if not p.startswith("Turkey")
    ]).without_label("state_forces", "backed_or_led")
    table = audit_lexicon(corpus, lexicon)
    found = {r.candidate: (r.pattern, r.reason, r.count, r.n_docs) for r in table.itertuples()}
    assert found["turkey-backed armed groups"] == (
        "Turkish-backed armed group*", "variant of 'turkish-backed' (turkey for turkish)", 2, 2)
    assert found["turkey-backed"][2] == 1  # "Turkey-backed fighters": the word alone
    assert found["turkish backed armed groups"][1] == "hyphen or space variant"
    assert found["armed-groups"][:2] == ("armed group*", "hyphen or space variant")
    assert found["opposition force"][:2] == ("opposition forces", "inflection not covered")
    # Compounds of one-word label patterns are matched ("anti-government"), so not
    # reported; with compounds turned off they are.
    assert "anti-government" not in found
    off = audit_lexicon(corpus, Lexicon.from_dict({**lexicon.to_dict(), "compounds": False}))
    assert off.set_index("candidate").loc["anti-government", "reason"] == "compound with 'government'"
    assert found["terorists"][:2] == ("terrorist*", "edit distance 1")
    assert found["insurgency"][1] == "shares stem 'insurgen'"
    assert "forced" not in found  # a word of a longer pattern alone is not a variant
    assert "turkish-backed armed groups" not in found  # matched, so not a miss
    assert table["count"].is_monotonic_decreasing
    row = table[table["candidate"] == "terorists"].iloc[0]
    assert "[[Terorists]]" in row["example"]


def test_audit_once_the_variant_is_listed_it_is_no_longer_a_miss():
    corpus = corpus_of("Tarvia-backed armed groups and Tarvian-backed armed groups.")
    lex = load_lexicon("marenna")
    assert "tarvia-backed armed groups" in set(audit_lexicon(corpus, lex)["candidate"])
    fixed = lex.with_label("armed_opposition", "armed_group",
                           [*lex.actors["armed_opposition"]["armed_group"], "Tarvia-backed armed group*"])
    assert audit_lexicon(corpus, fixed).empty


def test_audit_on_the_sample_finds_the_tarvia_backed_spelling(sample):
    table = audit_lexicon(sample, "marenna")
    tarvia = table[table["candidate"].str.startswith("tarvia-backed")]
    assert tarvia["count"].sum() == 3
    assert set(tarvia["pattern"]) == {"Tarvian-backed armed group*"}
    candidates = set(table["candidate"])
    assert "insurgency" in candidates
    assert not {"pro-regime", "anti-government"} & candidates  # matched as compounds
    assert table["count"].ge(1).all() and table["n_docs"].le(table["count"]).all()


def test_without_a_lexicon_every_corpus_gets_the_default() -> None:
    # The rule of analyze() (mediakit.lexicon.resolve_lexicon): None is "conflict",
    # for the bundled sample too, so the functions never count with different lexicons.
    sample = mediakit.load_sample()
    default = find_mentions(sample)
    assert default.equals(find_mentions(sample, load_lexicon("conflict")))
    assert not default.equals(find_mentions(sample, "marenna"))
    assert audit_lexicon(sample).equals(audit_lexicon(sample, load_lexicon("conflict")))
    assert kwic(sample).equals(kwic(sample, lexicon="conflict"))
    # every form of the argument means the same lexicon: object, name, mapping
    marenna = load_lexicon("marenna")
    by_object = find_mentions(sample, marenna)
    assert by_object.equals(find_mentions(sample, "marenna"))
    assert by_object.equals(find_mentions(sample, marenna.to_dict()))
    assert kwic(sample, lexicon=marenna.to_dict()).equals(kwic(sample, lexicon="marenna"))
