"""The headline numbers the guided notebooks show and state, computed here as well.

nbval (``pytest --nbval``) compares every stored output of the notebooks with a fresh
run, character for character. That catches any change, but it says little about which
change matters, and it is brittle for the few numbers that depend on a random stream.
This file computes the numbers each notebook's prose rests on, with the parameters of
the notebook's own ``parameters`` cell (read from the notebook, so the two cannot drift),
and asserts them:

* counts and the estimates made from counts exactly (they are arithmetic: 22 of 25
  mentions is 0.88 on any machine);
* VADER averages to the three decimals the notebooks print;
* bootstrap intervals within 0.05 of the value shown, for the notebook's seed and for
  another one, so the assertion holds for any honest resampling and not only for one
  random stream (the notebook text rounds them to two decimals).

A failure here names the notebook and the claim: read its prose before re-executing it.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import mediakit as mk
from mediakit.events import CONSTRUCTIONS

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
SEEDS = (0, 1)  # the notebooks' seed, and another random stream
BOOT_TOLERANCE = 0.05


@cache
def parameters(prefix: str) -> dict[str, Any]:
    """The values set by the ``parameters`` cell of notebook ``prefix`` (e.g. "04")."""
    (path,) = NOTEBOOKS.glob(f"{prefix}_*.ipynb")
    nb = json.loads(path.read_text(encoding="utf-8"))
    (cell,) = [c for c in nb["cells"] if "parameters" in c.get("metadata", {}).get("tags", [])]
    values: dict[str, Any] = {}
    exec("".join(cell["source"]), {}, values)  # assignments of literals only
    assert values["CORPUS"] is None, f"notebook {prefix} no longer runs on the sample"
    return values


@pytest.fixture(scope="module")
def corpus() -> pd.DataFrame:
    return mk.load_sample()


@pytest.fixture(scope="module")
def result(corpus: pd.DataFrame) -> mk.Analysis:
    assert {parameters(n)["LEXICON"] for n in ("02", "03", "04", "05", "06", "07")} == {"marenna"}
    return mk.analyze(corpus, "marenna")


def row(table: pd.DataFrame, **where: Any) -> pd.Series:
    """The one row of ``table`` whose columns equal ``where``."""
    mask = pd.Series(True, index=table.index)
    for column, value in where.items():
        mask &= table[column] == value
    found = table[mask]
    assert len(found) == 1, f"{len(found)} rows for {where}"
    return found.iloc[0]


def assert_interval(found: pd.Series, lo: float, hi: float, what: str) -> None:
    assert found["lo"] <= found["share"] <= found["hi"], what
    assert found["lo"] == pytest.approx(lo, abs=BOOT_TOLERANCE), f"{what}: lo {found['lo']:.3f}, shown {lo}"
    assert found["hi"] == pytest.approx(hi, abs=BOOT_TOLERANCE), f"{what}: hi {found['hi']:.3f}, shown {hi}"


# --- 01 · Loading a corpus: "60 articles, 7 outlets", nine a week's worth per outlet -----


def test_01_the_sample_is_60_articles_from_7_outlets_loaded_with_nothing_skipped(corpus: pd.DataFrame) -> None:
    assert (len(corpus), corpus["outlet"].nunique()) == (60, 7)
    per_outlet = corpus["outlet"].value_counts()
    assert per_outlet.to_dict() == {**{o: 9 for o in per_outlet.index if o != "The Defence Review"},
                                    "The Defence Review": 6}
    assert mk.load_log(corpus).empty


# --- 02 · Framing labels: 524 mentions; whose word "terrorist" is, outlet by outlet ------


def test_02_mentions_and_the_voice_of_terrorist_by_outlet(corpus: pd.DataFrame) -> None:
    p = parameters("02")
    mentions = mk.find_mentions(corpus, p["LEXICON"])
    assert len(mentions) == 524
    label = mentions[(mentions["actor"] == p["ACTOR"]) & (mentions["label"] == p["LABEL"])]
    by_voice = pd.crosstab(label["outlet"], label["voice"])
    # "the Aldwick Herald uses the label mostly in its own voice, while Kessel Voice and the
    # Tarvian Dispatch print it mostly inside quotes and scare quotes"
    assert by_voice.loc["The Aldwick Herald"].to_dict() == {"narration": 22, "quote": 9, "scare_quote": 0}
    assert by_voice.loc["Kessel Voice"].to_dict() == {"narration": 2, "quote": 8, "scare_quote": 2}
    assert by_voice.loc["The Tarvian Dispatch"].to_dict() == {"narration": 0, "quote": 5, "scare_quote": 1}
    assert by_voice.sum().to_dict() == {"narration": 26, "quote": 29, "scare_quote": 4}


def test_02_the_audit_finds_the_unlisted_spelling_and_the_fix_removes_it(corpus: pd.DataFrame) -> None:
    p = parameters("02")
    lexicon = mk.load_lexicon(p["LEXICON"])
    audit = mk.audit_lexicon(corpus, lexicon)
    assert row(audit, candidate="tarvia-backed")["count"] == 3
    fixed = lexicon.with_label(p["ACTOR"], p["FIX_LABEL"], p["FIX_PATTERNS"])
    assert not set(mk.audit_lexicon(corpus, fixed)["candidate"]) & {s.lower() for s in p["FIX_PATTERNS"]}


# --- 03 · Tone: masking takes the label's own valence out of "tone around terrorists" ---


def test_03_terrorists_tone_is_mostly_the_word_itself(result: mk.Analysis) -> None:
    p = parameters("03")
    mentions = result.mentions[result.mentions["actor"] == p["ACTOR"]]
    means = mentions.groupby("label")[["label_valence", "compound", "compound_masked"]].mean()
    terrorist = means.loc[p["LABEL"]]
    assert (mentions["label"] == p["LABEL"]).sum() == 59
    assert terrorist["label_valence"] == pytest.approx(-3.081, abs=5e-4)  # VADER's -3.1, as cased
    assert terrorist["compound"] == pytest.approx(-0.502, abs=5e-4)
    assert terrorist["compound_masked"] == pytest.approx(-0.089, abs=5e-4)
    shift = (means["compound_masked"] - means["compound"]).sort_values()
    assert shift.index[-1] == p["LABEL"]  # masking moves no label's average as much
    assert means.loc["opposition", "label_valence"] == pytest.approx(-0.013, abs=5e-4)


# --- 04 · Comparing outlets: "terrorists" versus "opposition forces" ----------------------


@pytest.mark.parametrize("seed", SEEDS)
def test_04_one_outlet_says_terrorist_two_say_opposition(result: mk.Analysis, seed: int) -> None:
    p = parameters("04")
    shares = mk.label_shares(result.mentions, actor=p["ACTOR"], n_boot=p["N_BOOT"], seed=seed)
    assert set(shares["voice"]) == {"narration"} and set(shares["unit"]) == {"mention"}
    shown = {  # (outlet, label): n, share, articles using it, lo, hi as notebook 04 shows them
        ("The Aldwick Herald", "terrorist"): (22, 0.88, 9, 0.71, 1.00),
        ("Kessel Voice", "opposition"): (21, 0.66, 9, 0.55, 0.75),
        ("The Tarvian Dispatch", "opposition"): (18, 0.95, 9, 0.85, 1.00),
        ("Kessel Voice", "terrorist"): (2, 0.06, 2, 0.00, 0.13),
        ("The Aldwick Herald", "opposition"): (1, 0.04, 1, 0.00, 0.12),
    }
    for (outlet, label), (n, share, docs, lo, hi) in shown.items():
        found = row(shares, outlet=outlet, label=label)
        assert (found["n"], round(found["share"], 2), found["n_docs"]) == (n, share, docs), (outlet, label)
        assert_interval(found, lo, hi, f"{outlet}, {label}, seed {seed}")
    for outlet in ("The Defence Review", "The Meridian Chronicle"):
        assert row(shares, outlet=outlet, label=p["LABEL_A"])["n"] == 0
        assert row(shares, outlet=outlet, label=p["LABEL_B"])["n"] == 0


def test_04_pooling_quotes_moves_terrorist_share_by_019(result: mk.Analysis) -> None:
    p = parameters("04")
    kwargs = {"actor": p["ACTOR"], "n_boot": 1, "seed": p["SEED"]}
    narration = mk.label_shares(result.mentions, **kwargs).set_index(["outlet", "label"])["share"]
    pooled = mk.label_shares(result.mentions, voice="all", **kwargs).set_index(["outlet", "label"])["share"]
    difference = (pooled - narration).xs(p["LABEL_A"], level="label").round(2)
    assert difference["Kessel Voice"] == 0.19 and difference["The Tarvian Dispatch"] == 0.19
    assert difference["The Aldwick Herald"] == -0.19


def test_04_the_shift_is_missed_week_by_week_and_found_as_one_change_point(result: mk.Analysis) -> None:
    p = parameters("04")
    over = mk.label_shares_over_time(result.mentions, actor=p["ACTOR"], freq=p["FREQ"], baseline=p["BASELINE"],
                                     min_mentions=p["MIN_MENTIONS"], n_boot=200, seed=p["SEED"])
    assert not over["change_flag"].any()  # "Yet no week is flagged"
    shift = over[over["outlet"] == p["SHIFT_OUTLET"]].pivot(index="period", columns="label", values="n")
    bombing = pd.Timestamp("2025-02-10")  # the week of the Liss market bombing
    before, after = shift[shift.index < bombing].sum(), shift[shift.index > bombing].sum()
    assert (before["rebel"], after["rebel"]) == (17, 0)
    assert (before["militant"] + before["extremist"], after["militant"] + after["extremist"]) == (0, 11)
    contrast = over[over["outlet"] == p["CONTRAST_OUTLET"]].groupby("label")["n"].sum()
    assert contrast.idxmax() == "insurgent"
    points = mk.label_change_points(result.mentions, actor=p["ACTOR"])
    found = points[points["significant"]]
    assert found["outlet"].tolist() == [p["SHIFT_OUTLET"]]
    assert abs(found["change_date"].iloc[0] - pd.Timestamp("2025-02-12")) < pd.Timedelta(days=7)


def test_04_dropping_the_syndicated_copy_moves_only_the_republishers_counts(
    corpus: pd.DataFrame, result: mk.Analysis,
) -> None:
    p = parameters("04")
    drop = mk.duplicate_docs_to_drop(mk.find_duplicates(corpus))
    assert drop == ["daily-clarion/2025-03-13-starving-families-flee-dorvast"]
    kwargs = {"actor": p["ACTOR"], "n_boot": 1, "seed": p["SEED"]}
    counts = mk.label_shares(result.mentions, **kwargs).set_index(["outlet", "label"])["n"]
    dedup = mk.label_shares(result.mentions, exclude_docs=drop, **kwargs).set_index(["outlet", "label"])["n"]
    moved = (counts - dedup)[lambda d: d != 0]
    assert moved.to_dict() == {("The Daily Clarion", "armed_group"): 2, ("The Daily Clarion", "militant"): 1}


# --- 06 · Validating: 29 of 30 right, "anywhere from about 0.83 to 0.99" -----------------


def test_06_the_sample_sheet_scores_29_of_30_with_its_wilson_interval(result: mk.Analysis) -> None:
    report = mk.validation_report(mk.load_sample_coding("a"), result)
    fields = report[report["class"].isna()].set_index("field")
    for field in ("voice", "speaker", "referent", "in_scope"):
        found = fields.loc[field]
        assert (found["n"], round(found["accuracy"] * found["n"])) == (30, 29), field
        assert (round(found["lo"], 2), round(found["hi"], 2)) == (0.83, 0.99), field
    assert fields.loc["label", "accuracy"] == 1.0
    assert fields["n_not_found"].eq(0).all()


# --- 07 · Who does what to whom --------------------------------------------------------


@pytest.fixture(scope="module")
def events(corpus: pd.DataFrame) -> pd.DataFrame:
    p = parameters("07")
    return mk.find_events(corpus, p["LEXICON"], events=p["EVENTS"])


def test_07_the_constructions_of_the_sample_and_no_passive_with_its_agent(events: pd.DataFrame) -> None:
    counts = pd.DataFrame({
        "all": events["construction"].value_counts(),
        "narration": events.loc[events["voice"] == "narration", "construction"].value_counts(),
    }).reindex(list(CONSTRUCTIONS)).fillna(0).astype(int)
    assert counts.to_dict("index") == {
        "active": {"all": 63, "narration": 55},
        "passive_agent": {"all": 0, "narration": 0},
        "passive_agentless": {"all": 43, "narration": 43},
        "intransitive": {"all": 14, "narration": 10},
        "nominal": {"all": 106, "narration": 104},
        "adjectival": {"all": 13, "narration": 10},
    }


@pytest.mark.parametrize("seed", SEEDS)
def test_07_outlets_name_a_doer_for_a_tenth_to_a_third_of_their_events(events: pd.DataFrame, seed: int) -> None:
    p = parameters("07")
    agency = mk.agency_by_outlet(events, n_boot=p["N_BOOT"], seed=seed)
    named = agency[(agency["measure"] == "agent") & (agency["category"] == "named")].set_index("outlet")
    assert named[["n", "group_events"]].apply(tuple, axis=1).to_dict() == {
        "Kessel Voice": (4, 36), "The Aldwick Herald": (6, 22), "The Daily Clarion": (9, 30),
        "The Defence Review": (7, 36), "The Meridian Chronicle": (9, 40), "The Regional Observer": (9, 37),
        "The Tarvian Dispatch": (8, 21),
    }
    assert named["share"].idxmin() == "Kessel Voice" and named["share"].idxmax() == "The Tarvian Dispatch"
    assert_interval(named.loc["Kessel Voice"], 0.00, 0.26, f"Kessel Voice, seed {seed}")
    assert_interval(named.loc["The Tarvian Dispatch"], 0.12, 0.65, f"The Tarvian Dispatch, seed {seed}")
    # "the intervals overlap ... the sample cannot rank the outlets"
    assert named["lo"].max() < named["hi"].min()


@pytest.mark.parametrize("seed", SEEDS)
def test_07_opposition_dead_get_a_killer_3_of_9_civilians_1_of_15_not_told_from_chance(
    corpus: pd.DataFrame, seed: int,
) -> None:
    p = parameters("07")
    data = mk.load_lexicon(p["LEXICON"]).to_dict()
    data["actors"][p["NEW_ACTOR"]] = {"labels": {p["NEW_ACTOR"]: {"patterns": p["NEW_ACTOR_PATTERNS"]}}}
    events = mk.find_events(corpus, mk.Lexicon.from_dict(data), events=p["EVENTS"])
    pooled = mk.agency_gap(events, patient_actors=p["PATIENT_ACTORS"], event_types=p["DEATHS"], by=[],
                           n_boot=p["N_BOOT"], seed=seed).set_index("patient_actor")
    assert pooled.loc["armed_opposition", ["n_agent", "n"]].tolist() == [3, 9]
    assert pooled.loc["civilians", ["n_agent", "n"]].tolist() == [1, 15]
    difference = pooled.loc["armed_opposition"]
    assert difference["difference"] == pytest.approx(3 / 9 - 1 / 15)
    assert difference["difference_lo"] < 0 < difference["difference_hi"]  # "includes zero"
    assert difference["difference_lo"] == pytest.approx(-0.07, abs=BOOT_TOLERANCE)
    assert difference["difference_hi"] == pytest.approx(0.67, abs=BOOT_TOLERANCE)
