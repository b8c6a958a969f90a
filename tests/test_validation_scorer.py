"""The development-set scorer (benchmarks/accuracy.py) and gold builder: values computed by hand."""

from __future__ import annotations

import importlib.util
import json
import math
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tools.validation import build_gold  # noqa: E402
from tools.validation.matching import (  # noqa: E402
    excerpt,
    f1,
    match_overlapping,
    match_spans,
    normalise_name,
    speaker_matches,
    wilson,
)


def _accuracy_module():
    spec = importlib.util.spec_from_file_location("accuracy", REPO / "benchmarks" / "accuracy.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["accuracy"] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


accuracy = _accuracy_module()


# ---- speakers -----------------------------------------------------------------------


@pytest.mark.parametrize(("system", "gold", "kind", "right"), [
    ("Samir Haddad", "Samir Haddad", "person", True),
    ("samir haddad", "Samir Haddad", "person", True),          # case
    ("Haddad", "Samir Haddad", "person", True),                # surname
    ("Dr. Samir Haddad", "Samir Haddad", "person", True),      # title dropped
    ("Sir Martin Cole", "Martin Cole", "person", True),
    ("President Bashar al-Assad", "Bashar al-Assad", "person", True),
    ("Assad", "Bashar al-Assad", "person", True),              # hyphen split, surname
    ("der Michael Howard", "Michael Howard", "person", False),  # extra words are wrong
    ("Samir", "Samir Haddad", "person", False),                # a first name is not the surname
    ("he", "Samir Haddad", "person", False),                   # pronoun never right
    ("its chief executive", "Martin Cole", "person", False),
    ("the Syrian Observatory for Human Rights", "Syrian Observatory for Human Rights", "organisation", True),
    ("Human Rights", "Syrian Observatory for Human Rights", "organisation", False),
    ("it", "Syrian Observatory for Human Rights", "organisation", False),
    ("the ministers", "Arab League foreign ministers", "description", True),
    ("they went on to", "Arab League foreign ministers", "description", False),
    (None, "Samir Haddad", "person", False),
    ("Samir Haddad", "", "none", False),
    ("US-led coalition", "U.S.-led coalition", "organisation", True),   # an abbreviation's stops
    ("the U.N. envoy", "UN envoy", "description", True),
    ("U S coalition", "U.S.-led coalition", "organisation", False),
])
def test_speaker_matching(system: str | None, gold: str, kind: str, right: bool) -> None:
    assert speaker_matches(system, gold, gold_kind=kind) is right


def test_normalise_name_drops_articles_titles_and_punctuation() -> None:
    assert normalise_name("The  Foreign Minister, Walid al-Haddad.") == "walid al haddad"
    assert normalise_name("President") == "president"  # a title alone stays
    assert normalise_name(float("nan")) == ""


# ---- spans and F1 ---------------------------------------------------------------------


def test_quote_spans_match_one_to_one_at_half_jaccard() -> None:
    gold = [(0, 10), (20, 40), (50, 60)]
    # (0, 12): 10/12 = 0.83; (18, 40): 20/22 = 0.91; (50, 200): 10/150 = 0.07 (runs on)
    system = [(0, 12), (18, 40), (50, 200), (100, 110)]
    assert match_spans(gold, system) == [(0, 0), (1, 1)]
    # exactly one half counts: (0, 10) against (5, 15) is 5/15, against (0, 20) is 10/20
    assert match_spans([(0, 10)], [(5, 15)]) == []
    assert match_spans([(0, 10)], [(0, 20)]) == [(0, 0)]


def test_mentions_match_many_to_one_by_overlap() -> None:
    gold = [(0, 10), (11, 19), (30, 34)]      # "opposition", "fighters", "army"
    system = [(0, 19), (50, 55)]              # "opposition fighters", something else
    best, hit = match_overlapping(gold, system)
    assert best == {0: 0, 1: 0} and hit == {0}


def test_f1_and_wilson_by_hand() -> None:
    precision, recall, score = f1(8, 2, 4)
    assert precision == pytest.approx(0.8) and recall == pytest.approx(8 / 12)
    assert score == pytest.approx(16 / 22)
    assert all(math.isnan(v) for v in f1(0, 0, 0))
    # Wilson for 8/10, z = 1.96: centre (0.8 + 3.8415/20) / 1.38415 = 0.7167,
    # half 1.96 * sqrt(0.016 + 3.8415/400) / 1.38415 = 0.2265
    lo, hi = wilson(8, 10)
    assert lo == pytest.approx(0.4902, abs=1e-4) and hi == pytest.approx(0.9433, abs=1e-4)
    assert all(math.isnan(v) for v in wilson(0, 0))
    assert wilson(10, 10)[1] == pytest.approx(1.0)


def test_excerpt_is_at_most_twelve_words() -> None:
    text = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen"
    start = text.index("seven")
    assert excerpt(text, start, start + 5) == "two three four five six [seven] eight nine ten eleven twelve thirteen"
    assert len(excerpt(text, 0, len(text)).split()) == 12
    assert excerpt(text, 0, len(text)).startswith("[one two three four five six \u2026")


# ---- the scorer's arithmetic on tables ----------------------------------------------


def test_score_quotes_counts_by_hand() -> None:
    gold = pd.DataFrame([
        {"doc_id": "d", "start": 0, "end": 20, "is_scare_quote": "no", "speaker": "Samir Haddad", "speaker_kind": "person"},
        {"doc_id": "d", "start": 30, "end": 40, "is_scare_quote": "yes", "speaker": "", "speaker_kind": "none"},
        {"doc_id": "d", "start": 50, "end": 80, "is_scare_quote": "no", "speaker": "Martin Cole", "speaker_kind": "person"},
        {"doc_id": "d", "start": 90, "end": 99, "is_scare_quote": "no", "speaker": "", "speaker_kind": "none"},
    ])
    system = pd.DataFrame([
        {"doc_id": "d", "start": 0, "end": 20, "text": '"' + "x" * 19, "voice": "quote", "speaker": "Haddad"},
        {"doc_id": "d", "start": 30, "end": 40, "text": '"' + "x" * 9, "voice": "quote", "speaker": None},
        {"doc_id": "d", "start": 50, "end": 300, "text": '"' + "x" * 249, "voice": "quote", "speaker": "Martin Cole"},
        {"doc_id": "d", "start": 100, "end": 110, "text": "so-called", "voice": "scare_quote", "speaker": None},
    ])
    rows = {r["measure"]: r for r in accuracy.score_quotes(gold, system, ["d"], "all")}
    # matched: (0,20) and (30,40); the run-on quote and the unmarked so-called span are not
    assert rows["quote_span_f1"]["detail"].startswith("tp 2, fp 1, fn 2")
    assert rows["quote_span_f1"]["value"] == pytest.approx(4 / 7)
    assert rows["speaker_acc_found"]["value"] == 1.0 and rows["speaker_acc_found"]["n"] == 1
    assert rows["speaker_acc_all"]["value"] == 0.5 and rows["speaker_acc_all"]["n"] == 2
    assert rows["quote_type_acc"]["value"] == 0.5  # the scare quote was called a quote


def test_score_mentions_counts_by_hand() -> None:
    def g(start, end, tier="core", is_mention="yes", voice="narration", referent="armed_opposition", in_scope="yes"):
        return {"doc_id": "d", "start": start, "end": end, "tier": tier, "is_mention": is_mention,
                "voice": voice, "referent": referent, "in_scope": in_scope}
    gold = pd.DataFrame([
        g(0, 10),                                    # found, right voice and referent
        g(11, 19),                                   # found by the same system match
        g(20, 30, referent="islamic_state"),         # found, referent wrong
        g(40, 44, is_mention="no"),                  # "Army" of a name
        g(50, 60, referent="other"),                 # outside: system gives a referent
        g(70, 76, tier="extended"),                  # extended tier, missed
        g(80, 90, voice="quote"),                    # missed
    ])
    system = pd.DataFrame([
        {"doc_id": "d", "start": 0, "end": 19, "voice": "narration", "referent": "armed_opposition"},
        {"doc_id": "d", "start": 20, "end": 30, "voice": "quote", "referent": "armed_opposition"},
        {"doc_id": "d", "start": 40, "end": 44, "voice": "narration", "referent": "state_forces"},
        {"doc_id": "d", "start": 50, "end": 60, "voice": "narration", "referent": "state_forces"},
    ])
    rows = {r["measure"]: r for r in accuracy.score_mentions(gold, system, ["d"], "all")}
    # core gold mentions: 0-10, 11-19, 20-30, 50-60, 80-90 -> 4 found, 1 missed;
    # system: 3 overlap a real mention, the name's "Army" is a false positive
    assert rows["mention_f1"]["detail"].startswith("tp 4, fp 1, fn 1")
    assert rows["mention_f1"]["value"] == pytest.approx(8 / 10)
    assert rows["mention_recall_extended"]["value"] == 0.0
    assert rows["voice_acc"]["value"] == pytest.approx(3 / 4)
    assert rows["referent_acc"]["value"] == pytest.approx(2 / 3)
    assert rows["referent_acc_islamic_state"]["value"] == 0.0
    assert rows["outside_left_without_referent"]["value"] == 0.0
    assert rows["conflict_kept_in_scope"]["value"] == 1.0
    # a scope column, when mediakit has one, decides instead of the referent
    scoped = system.assign(in_scope=[True, True, True, False])
    rows = {r["measure"]: r for r in accuracy.score_mentions(gold, scoped, ["d"], "all")}
    assert rows["outside_left_without_referent"]["value"] == 1.0


def test_events_are_not_available_until_mediakit_has_them() -> None:
    gold = pd.DataFrame([{"doc_id": "h", "start": 0, "end": 6, "construction": "active", "has_explicit_agent": "yes"}])
    rows = accuracy.score_events(gold, None, ["h"], "all")
    assert {r["status"] for r in rows} == {"not available"}
    system = pd.DataFrame([{"doc_id": "h", "start": 0, "end": 6, "construction": "nominal", "agent": "IS"},
                           {"doc_id": "h", "start": 10, "end": 14, "construction": "active", "agent": ""}])
    rows = {r["measure"]: r for r in accuracy.score_events(gold, system, ["h"], "all")}
    assert rows["event_trigger_f1"]["value"] == pytest.approx(2 / 3)
    assert rows["construction_acc"]["value"] == 0.0
    assert rows["explicit_agent_acc"]["value"] == 1.0


def test_splits_keep_the_holdout_apart_and_all_takes_every_document() -> None:
    split_of = {"a": "dev", "b": "test", "c": "holdout", "d": "dev"}
    ids = ["d", "c", "b", "a", "unknown"]
    assert accuracy.in_split(ids, "dev", split_of) == ["d", "a"]
    assert accuracy.in_split(ids, "test", split_of) == ["b"]
    assert accuracy.in_split(ids, "holdout", split_of) == ["c"]
    assert accuracy.in_split(ids, "all", split_of) == ids
    with pytest.raises(ValueError, match="split must be one of .*'validation'"):
        accuracy.in_split(ids, "validation", split_of)


def test_by_split_puts_dev_test_and_holdout_side_by_side() -> None:
    rows = [accuracy.proportion("speaker_acc_found", "dev", 9, 10),
            accuracy.proportion("speaker_acc_found", "holdout", 3, 4),
            accuracy.proportion("speaker_acc_found", "test", 0, 0),
            accuracy.f1_result("quote_span_f1", "holdout", 2, 1, 1),
            accuracy._result("offtopic_in_scope_mentions", "dev", 21, 21.0, float("nan"), float("nan"),
                             "ok", "lexicon syria: 21 of 21 mentions in 3 off-topic articles kept in scope")]
    table = accuracy.by_split(pd.DataFrame(rows, columns=list(accuracy.RESULT_COLUMNS)))
    assert list(table.columns) == ["measure", "dev", "test", "holdout"]
    cells = table.set_index("measure")
    lo, hi = accuracy.wilson(9, 10)
    assert cells.loc["speaker_acc_found", "dev"] == f"0.900 [{lo:.3f}, {hi:.3f}] n=10"
    assert cells.loc["speaker_acc_found", "holdout"].startswith("0.750 [") and \
        cells.loc["speaker_acc_found", "holdout"].endswith("n=4")
    assert cells.loc["speaker_acc_found", "test"] == "no gold items"
    assert cells.loc["quote_span_f1", "holdout"].startswith("0.667 [") and cells.loc["quote_span_f1", "dev"] == ""
    assert cells.loc["offtopic_in_scope_mentions (lexicon syria)", "dev"] == "21 of 21"


def test_missing_gold_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(accuracy.ValidationDataError, match="to be filled|not built yet"):
        accuracy.load_gold(tmp_path)


# ---- agreement and gold building --------------------------------------------------------


def test_alpha_by_hand_and_equal_to_the_package() -> None:
    krippendorff = pytest.importorskip("krippendorff")
    # coder A: a a b b, coder B: a b b b. Coincidences o_aa 2, o_ab = o_ba 1, o_bb 4;
    # n_a 3, n_b 5, n 8. D_o = 2/8, D_e = 2*3*5/(8*7); alpha = 1 - (2/8)/(30/56) = 8/15.
    # build_gold takes items x coders text codes ("" is missing) and asks mediakit.
    items = [["a", "a"], ["a", "b"], ["b", "b"], ["b", "b"]]
    assert build_gold._alpha(items) == pytest.approx(8 / 15)
    matrix = np.array([[0, 0, 1, 1], [0, 1, 1, 1]], dtype=float)
    assert krippendorff.alpha(reliability_data=matrix, level_of_measurement="nominal") == pytest.approx(8 / 15)
    # a missing code leaves the item out of the pairs: same alpha with a fifth half-coded item
    assert build_gold._alpha(items + [["a", ""]]) == pytest.approx(8 / 15)
    assert math.isnan(build_gold._alpha([["x", "x"], ["x", "x"]]))  # one value: undefined
    assert math.isnan(build_gold._alpha([]))


def test_alpha_counts_a_missing_speaker_as_a_disagreement() -> None:
    columns = {"unit": "quote", "candidate": ""}
    table = pd.DataFrame([
        {**columns, "A_start": 0, "B_start": 0, "A_speaker": "Rima Haddad", "B_speaker": "",
         "A_is_scare_quote": "no", "B_is_scare_quote": "no", "A_speaker_kind": "person", "B_speaker_kind": "none"},
        {**columns, "A_start": 9, "B_start": 9, "A_speaker": "Omar", "B_speaker": "omar",
         "A_is_scare_quote": "no", "B_is_scare_quote": "no", "A_speaker_kind": "person", "B_speaker_kind": "person"},
        {**columns, "A_start": 20, "B_start": "", "A_speaker": "", "B_speaker": "",
         "A_is_scare_quote": "yes", "B_is_scare_quote": "", "A_speaker_kind": "none", "B_speaker_kind": ""},
    ])
    alpha = build_gold.agreement(table, ["A", "B"], 1).set_index("field")
    assert alpha.loc["speaker", "n"] == 2 and alpha.loc["speaker", "percent_agreement"] == 0.5
    assert alpha.loc["quote_present", "n"] == 3
    assert alpha.loc["quote_present", "percent_agreement"] == pytest.approx(2 / 3)


def test_align_pairs_by_overlap_and_keeps_singletons() -> None:
    groups = build_gold.align({"A": [(0, 10, 0), (20, 30, 1)], "B": [(1, 10, 0), (40, 50, 1)]}, min_share=0.5)
    assert groups == [{"A": 0, "B": 0}, {"A": 1}, {"B": 1}]


def _packet(tmp_path: Path, docs: list[str]) -> tuple[Path, dict[str, str]]:
    from tools.validation.sources import item_texts, read_items

    items = [i for i in read_items() if i.doc_id in docs]
    texts = item_texts(items)
    packet = tmp_path / "packet"
    packet.mkdir()
    with open(packet / "texts.jsonl", "w", encoding="utf-8") as handle:
        for item in items:
            handle.write(json.dumps({"doc": item.doc_id, "source": item.source, "outlet": item.outlet,
                                     "round1": item.round1, "round2": item.round2,
                                     "sha256": item.sha256, "text": texts[item.doc_id]}) + "\n")
    return packet, texts


def test_compare_and_finalize_two_coders(tmp_path: Path) -> None:
    doc = "w-levant-wire-2016-02-03-douma-bread"
    packet, texts = _packet(tmp_path, [doc])
    intended = (REPO / "data" / "validation" / "intended" / "round1" / "written.jsonl").read_text(encoding="utf-8")
    records = [json.loads(line) for line in intended.splitlines() if json.loads(line)["doc"] == doc]
    for coder in ("A", "B"):
        folder = tmp_path / coder
        folder.mkdir()
        mine = [dict(r) for r in records]
        if coder == "B":
            for r in mine:
                if r.get("cand") == "c4":
                    r["referent"] = "islamic_state"      # one disagreement
                if r.get("id") == "q3":
                    r["speaker"] = "a Security Official"  # same after normalisation
        (folder / f"{doc}.jsonl").write_text("\n".join(json.dumps(r) for r in mine) + "\n", encoding="utf-8")
    work = tmp_path / "work"
    table, alpha = build_gold.compare(packet, 1, {"A": tmp_path / "A", "B": tmp_path / "B"}, work)
    assert len(table) == 3 + 5  # three quotations, five candidates
    disagreements = pd.read_csv(work / "round1_disagreements.csv", dtype=str, keep_default_na=False)
    assert len(disagreements) == 1 and disagreements["candidate"].tolist() == ["c4"]
    referent = alpha[(alpha["unit"] == "mention") & (alpha["field"] == "referent")].iloc[0]
    assert referent["n"] == 5 and referent["percent_agreement"] == pytest.approx(4 / 5)
    speaker = alpha[(alpha["unit"] == "quote") & (alpha["field"] == "speaker")].iloc[0]
    assert speaker["percent_agreement"] == 1.0 and speaker["n"] == 3
    out = tmp_path / "gold" / "round1"  # missing: finalize creates it, once the sheet is complete
    with pytest.raises(build_gold.GoldError, match="gold_referent"):
        build_gold.finalize(work, [1], packet, out)
    assert not out.exists()
    disagreements.loc[0, "gold_referent"] = "armed_opposition"
    disagreements.loc[0, "gold_keep"] = "yes"
    disagreements.to_csv(work / "round1_disagreements.csv", index=False)
    frames = build_gold.finalize(work, [1], packet, out)
    quotes = pd.read_csv(out / "quotes.csv", dtype=str, keep_default_na=False)
    mentions = pd.read_csv(out / "mentions.csv", dtype=str, keep_default_na=False)
    assert {"speaker", "speaker_kind", "is_scare_quote", "start", "end", "split"} <= set(quotes.columns)
    assert {"speaker", "voice", "referent", "in_scope", "form"} <= set(mentions.columns)
    assert len(quotes) == 3 and len(mentions) == 5
    assert quotes["speaker"].tolist()[:2] == ["Osama Rahal", "Osama Rahal"]
    assert mentions.loc[mentions["candidate"] == "c4", "referent"].item() == "armed_opposition"
    assert mentions.loc[mentions["candidate"] == "c4", "agreed"].item() == "no"
    for frame in (quotes, mentions):
        assert frame["excerpt"].map(lambda e: len(e.split()) <= 12).all()
        for row in frame.to_dict("records"):
            assert texts[doc][int(row["start"]):int(row["end"])].split()[0].strip("[]") in row["excerpt"]
    agreement = pd.read_csv(out / "agreement.csv")
    assert {"field", "n", "alpha", "coders"} <= set(agreement.columns)
    documents = frames["documents"]
    assert documents.loc[documents["doc_id"] == doc, "n_mentions"].item() == 5


def test_compare_refuses_unresolved_records(tmp_path: Path) -> None:
    doc = "w-levant-wire-2016-02-03-douma-bread"
    packet, _ = _packet(tmp_path, [doc])
    for coder in ("A", "B"):
        (tmp_path / coder).mkdir()
        (tmp_path / coder / f"{doc}.jsonl").write_text(json.dumps(
            {"doc": doc, "unit": "quote", "id": "q1", "text": "no such words", "speaker": "",
             "speaker_kind": "none", "is_scare_quote": "no"}) + "\n", encoding="utf-8")
    with pytest.raises(build_gold.GoldError, match="not in the article"):
        build_gold.compare(packet, 1, {"A": tmp_path / "A", "B": tmp_path / "B"}, tmp_path / "work")


def test_spans_overrides_and_record_rules_are_decisions(tmp_path: Path) -> None:
    """A span the coders disagree on, a rule applied to an agreed row and the guide's record
    rules all stop finalize with the file, row and column until the adjudicator decides."""
    doc = "w-levant-wire-2016-02-03-douma-bread"
    packet, texts = _packet(tmp_path, [doc])
    intended = (REPO / "data" / "validation" / "intended" / "round1" / "written.jsonl").read_text(encoding="utf-8")
    records = [json.loads(line) for line in intended.splitlines() if json.loads(line)["doc"] == doc]
    for coder in ("A", "B"):
        mine = [dict(r) for r in records]
        if coder == "B":
            for r in mine:
                if r.get("id") == "q2":  # B stops the quotation one word early (no closing mark)
                    r["text"] = "\"The children are eating grass"
        (tmp_path / coder).mkdir()
        (tmp_path / coder / f"{doc}.jsonl").write_text("\n".join(json.dumps(r) for r in mine) + "\n", encoding="utf-8")
    work = tmp_path / "work"
    coders = {"A": tmp_path / "A", "B": tmp_path / "B"}
    table, _ = build_gold.compare(packet, 1, coders, work)
    q2 = table[(table["unit"] == "quote") & (table["A_speaker"] == "Osama Rahal")].iloc[1]
    assert q2["needs_decision"] == "yes" and q2["gold_start"] == "" and q2["gold_speaker"] == "Osama Rahal"
    out = tmp_path / "gold"
    out.mkdir()
    with pytest.raises(build_gold.GoldError, match=r"round1_disagreements\.csv, row 2, columns 'gold_start'"):
        build_gold.finalize(work, [1], packet, out)
    decisions = pd.read_csv(work / "round1_disagreements.csv", dtype=str, keep_default_na=False)
    decisions.loc[0, ["gold_start", "gold_end"]] = [str(q2["A_start"]), str(q2["A_end"])]
    # an agreed mention changed by a rule must say which rule
    sheet = pd.read_csv(work / "round1_adjudication.csv", dtype=str, keep_default_na=False)
    agreed = sheet[(sheet["candidate"] == "c2")].copy()
    agreed["gold_referent"] = "mixed"
    decisions = pd.concat([decisions, agreed[decisions.columns]], ignore_index=True)
    decisions.to_csv(work / "round1_disagreements.csv", index=False)
    with pytest.raises(build_gold.GoldError, match="row 3, column 'adjudication_note'"):
        build_gold.finalize(work, [1], packet, out)
    decisions.loc[1, "adjudication_note"] = "rule M5"
    decisions.loc[1, "gold_speaker"] = "someone"  # a narration mention has no speaker
    decisions.to_csv(work / "round1_disagreements.csv", index=False)
    with pytest.raises(build_gold.GoldError, match="only when gold_voice is 'quote'"):
        build_gold.finalize(work, [1], packet, out)
    decisions.loc[1, "gold_speaker"] = ""
    decisions.to_csv(work / "round1_disagreements.csv", index=False)
    # compare would now overwrite decisions: it refuses unless told
    with pytest.raises(build_gold.GoldError, match="already holds adjudication decisions"):
        build_gold.compare(packet, 1, coders, work)
    frames = build_gold.finalize(work, [1], packet, out)
    quotes, mentions = frames["quotes"], frames["mentions"]
    decided = quotes[quotes["adjudicated"] == "yes"].iloc[0]
    assert texts[doc][int(decided["start"]):int(decided["end"])] == "\"The children are eating grass soup\""
    assert decided["agreed"] == "no"
    changed = mentions[mentions["candidate"] == "c2"].iloc[0]
    assert (changed["referent"], changed["agreed"], changed["adjudicated"]) == ("mixed", "yes", "yes")
    assert changed["adjudication_note"] == "rule M5"
    assert set(mentions["adjudicated"]) == {"yes", "no"}


def test_headline_rows_are_never_matched_against_text_offsets() -> None:
    """mediakit reports a title's events with part 'title' and sentence_id -1, offsets into
    the title: the scorer keeps only rows about the text the gold codes."""
    import mediakit as mk

    corpus = pd.DataFrame([{"doc_id": "d", "outlet": "o", "date": pd.Timestamp("2016-01-01"),
                            "title": "Strike kills 20", "text": "The town was shelled."}])
    found = mk.find_events(corpus)
    assert set(found["part"]) == {"title", "body"}
    kept = accuracy.body_rows(found)
    assert set(kept["part"]) == {"body"} and (kept["sentence_id"] >= 0).all()
    assert all(corpus["text"].iloc[0][s:e] == t for s, e, t in zip(kept["start"], kept["end"], kept["trigger"]))
    # frames without those columns (quotations) pass unchanged
    quotes = pd.DataFrame([{"doc_id": "d", "start": 0, "end": 3}])
    assert accuracy.body_rows(quotes).equals(quotes)
