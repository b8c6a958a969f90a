"""Every option of the comparisons is checked before any work, by one validation layer.

A bad value gives :class:`mediakit.InvalidParameterError` (a ``ValueError`` and a
``TypeError``) whose message names the function, the parameter, what it accepts and
what it got: never a numpy ``TypeError`` from deep inside, and never a value quietly
truncated (``min_docs=2.7`` is refused, not read as 2).
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

import mediakit as mk
from mediakit import InvalidParameterError
from mediakit.compare import (
    boilerplate_passages,
    choose_freq,
    distinguishing_contexts,
    distinguishing_words,
    label_change_points,
    label_rates,
    label_shares,
    label_shares_over_time,
    tone_by_label,
    top_labels,
    voice_by_label,
)
from mediakit.dedup import find_duplicates

ACTOR = "armed_opposition"


def _mentions() -> pd.DataFrame:
    rows = []
    for i, (outlet, label) in enumerate([("A", "terrorist"), ("A", "rebel"), ("B", "rebel"),
                                         ("B", "opposition")]):
        rows.append({
            "doc_id": f"d{i}", "outlet": outlet, "date": pd.Timestamp("2025-01-06"),
            "actor": ACTOR, "label": label, "match": label, "start": 0, "end": len(label),
            "sentence_id": 0, "sentence": f"The {label} came.", "voice": "narration",
            "speaker": pd.NA, "compound": 0.1, "compound_masked": 0.1,
        })
    return pd.DataFrame(rows)


MENTIONS = _mentions()
DOCUMENTS = pd.DataFrame({"doc_id": ["d0", "d1", "d2", "d3"], "outlet": list("AABB"),
                          "n_words": [10, 10, 10, 10]})
CORPUS = pd.DataFrame({"doc_id": ["d0", "d1"], "outlet": ["A", "B"],
                       "text": ["the rebels came back", "the opposition came back"]})

# (call, parameter, bad value): each call takes the bad value as that keyword.
CASES = [
    # bootstrap options, shared by every comparison with intervals
    *[(f, "n_boot", v) for f in ("label_shares", "label_rates", "tone_by_label",
                                 "label_shares_over_time") for v in (2.5, -1, True, "10")],
    *[(f, "level", v) for f in ("label_shares", "label_rates", "tone_by_label",
                                "label_shares_over_time") for v in (0, 1, 95, float("nan"))],
    *[(f, "seed", v) for f in ("label_shares", "label_rates", "tone_by_label",
                               "label_shares_over_time", "label_change_points")
      for v in (-1, 1.5, "0")],
    # selection options
    *[(f, "actor", v) for f in ("label_shares", "label_rates", "tone_by_label",
                                "label_shares_over_time", "label_change_points",
                                "voice_by_label") for v in (1, ["a"])],
    *[(f, "by", v) for f in ("label_shares", "label_rates", "tone_by_label",
                             "label_shares_over_time", "label_change_points") for v in (1, [1])],
    *[(f, "exclude_docs", v) for f in ("label_shares", "label_rates", "tone_by_label",
                                       "voice_by_label", "distinguishing_words") for v in (5, b"d1")],
    *[(f, "by_referent", v) for f in ("label_shares", "label_rates") for v in ("yes", 1)],
    ("label_shares", "unit", "word"),
    ("label_shares_over_time", "unit", "articles"),
    ("label_change_points", "unit", None),
    ("tone_by_label", "score", 3),
    # the change rules
    ("label_shares_over_time", "baseline", 0),
    ("label_shares_over_time", "baseline", 2.0),
    ("label_shares_over_time", "min_distance", 1.5),
    ("label_shares_over_time", "min_distance", -0.1),
    ("label_shares_over_time", "alpha", 0),
    ("label_shares_over_time", "alpha", 1.01),
    ("label_shares_over_time", "min_mentions", 0),
    ("label_shares_over_time", "min_mentions", 2.7),
    ("label_shares_over_time", "n_perm", -5),
    ("label_shares_over_time", "freq", 7),
    ("label_change_points", "min_docs", 2.7),
    ("label_change_points", "min_docs", 0),
    ("label_change_points", "alpha", 2),
    ("label_change_points", "n_perm", 9.5),
    # the word comparisons
    ("distinguishing_words", "min_count", 0),
    ("distinguishing_words", "min_count", 2.5),
    ("distinguishing_words", "prior_weight", 0),
    ("distinguishing_words", "prior_weight", float("inf")),
    ("distinguishing_words", "prior_weight", "1000"),
    ("distinguishing_words", "by", ["outlet"]),
    ("distinguishing_words", "boilerplate", "no"),
    ("distinguishing_words", "stopwords", 3),
    ("distinguishing_contexts", "window", 0),
    ("distinguishing_contexts", "window", 2.5),
    ("distinguishing_contexts", "window", "paragraph"),
    ("distinguishing_contexts", "min_count", -1),
    ("distinguishing_contexts", "prior_weight", -10),
    ("distinguishing_contexts", "label_a", 1),
    ("boilerplate_passages", "by", None),
    ("voice_by_label", "top_speakers", -1),
    ("voice_by_label", "top_speakers", 1.5),
    ("top_labels", "min_mentions", 0),
    ("top_labels", "min_mentions", 9.5),
    ("choose_freq", "min_mentions", 0),
    ("find_duplicates", "min_similarity", 0),
    ("find_duplicates", "min_similarity", 1.2),
    ("find_duplicates", "shingle", 0),
    ("find_duplicates", "shingle", 2.5),
    ("agency_by_outlet", "n_boot", 2.5),
    ("agency_by_outlet", "patient_actor", 3),
    ("agency_by_outlet", "by", 3),
    ("agency_gap", "seed", -2),
    ("agency_gap", "exclude_docs", 4),
]


def _call(name: str, **options):
    """Call comparison ``name`` on valid inputs with ``options``."""
    if name == "label_rates":
        return label_rates(MENTIONS, DOCUMENTS, **options)
    if name in ("label_shares", "tone_by_label", "label_shares_over_time",
                "label_change_points", "voice_by_label"):
        return globals()[name](MENTIONS, **options)
    if name == "distinguishing_words":
        return distinguishing_words(CORPUS, a="A", **options)
    if name == "distinguishing_contexts":
        return distinguishing_contexts(MENTIONS, **{"label_a": "rebel", "label_b": "terrorist",
                                                    **options})
    if name == "boilerplate_passages":
        return boilerplate_passages(CORPUS, **options)
    if name == "top_labels":
        return top_labels(label_shares(MENTIONS, n_boot=0), **options)
    if name == "choose_freq":
        return choose_freq(MENTIONS, **options)
    if name == "find_duplicates":
        return find_duplicates(CORPUS, **options)
    events = mk.find_events(CORPUS.assign(text=["Gunmen killed two rebels."] * 2), "conflict")
    if name == "agency_by_outlet":
        return mk.agency_by_outlet(events, **options)
    return mk.agency_gap(events, patient_actors=("a", "b"), **options)


@pytest.mark.parametrize(("name", "parameter", "value"), CASES,
                         ids=[f"{n}-{p}-{v!r}" for n, p, v in CASES])
def test_a_bad_option_names_the_function_and_the_parameter(name, parameter, value):
    with pytest.raises(InvalidParameterError) as caught:
        _call(name, **{parameter: value})
    message = str(caught.value)
    assert message.startswith(f"{name}: {parameter} must be "), message
    assert re.search(r"; got .+", message), message
    # Both exception families a caller might expect.
    assert isinstance(caught.value, ValueError) and isinstance(caught.value, TypeError)


def test_the_wrong_type_says_which_type_it_got():
    with pytest.raises(InvalidParameterError, match=r"n_boot must be an int in \[0, inf\); "
                                                    r"got 2\.5 \(float\)"):
        label_shares(MENTIONS, n_boot=2.5)
    with pytest.raises(InvalidParameterError, match=r"min_docs must be an int in \[1, inf\); "
                                                    r"got 2\.7 \(float\)"):
        label_change_points(MENTIONS, min_docs=2.7)


def test_an_unknown_option_names_the_function():
    with pytest.raises(TypeError, match=r"label_shares\(\): got an unexpected keyword "
                                        r"argument 'threshold'"):
        label_shares(MENTIONS, threshold=0.2)  # type: ignore[call-arg]


def test_the_checks_run_before_the_tables_are_read():
    # A bad option on a table that would fail later is reported as the option.
    with pytest.raises(InvalidParameterError, match="n_boot"):
        label_shares(pd.DataFrame({"x": [1]}), n_boot=-1)


@pytest.mark.parametrize("value", [0, 1, 2000])
def test_valid_edges_are_accepted(value):
    assert len(label_shares(MENTIONS, n_boot=value)) == 3 * 2
    assert len(label_change_points(MENTIONS, min_docs=max(1, value), n_perm=value)) == 2
    assert find_duplicates(CORPUS, min_similarity=1.0)["duplicate_group"].isna().all()
    assert len(tone_by_label(MENTIONS, n_boot=value, exclude_docs="d0")) == 3 * 2
    assert len(label_shares_over_time(MENTIONS, n_boot=0, n_perm=0, min_distance=0.0,
                                      alpha=1.0, baseline=1)) == 3 * 2
    assert isinstance(voice_by_label(MENTIONS, top_speakers=0), pd.DataFrame)
