"""The one validation layer (mediakit._validation): tables, parameters, voice."""

from __future__ import annotations

import math
from numbers import Integral, Real

import numpy as np
import pandas as pd
import pytest

import mediakit as mk
from mediakit._validation import (
    Interval,
    Options,
    check_param,
    check_table,
    parse_voice,
    validate_params,
)
from mediakit.errors import (
    CorpusError,
    InvalidParameterError,
    MediakitError,
    MissingColumnsError,
)


def test_check_table_returns_the_table_untouched():
    table = pd.DataFrame({"a": [1], "b": [2]})
    assert check_table(table, ["a"], caller="f") is table


def test_check_table_names_caller_missing_and_present():
    table = pd.DataFrame({"doc_id": ["x"], "text": ["t"]})
    with pytest.raises(MissingColumnsError) as info:
        check_table(table, ["doc_id", "outlet", "date"], caller="label_shares",
                    table_name="mentions")
    err = info.value
    assert (err.caller, err.table, err.missing, err.present) == (
        "label_shares", "mentions", ["outlet", "date"], ["doc_id", "text"])
    assert err.column == "outlet"
    message = str(err)
    assert message.startswith("label_shares: the mentions table is missing column(s) "
                              "['outlet', 'date']")
    assert "it has ['doc_id', 'text']" in message
    # one type for every table: a MediakitError, a CorpusError and a ValueError
    assert isinstance(err, MediakitError)
    assert isinstance(err, CorpusError)
    assert isinstance(err, ValueError)


def test_check_table_rejects_what_is_not_a_frame():
    with pytest.raises(TypeError, match="kwic: expected a pandas DataFrame.*got list"):
        check_table([1, 2], ["a"], caller="kwic")


@pytest.mark.parametrize("function, table", [
    (lambda t: mk.find_mentions(t, "syria"), pd.DataFrame({"doc_id": ["a"], "text": ["x"]})),
    (lambda t: mk.kwic(t, "rebel*"), pd.DataFrame({"doc_id": ["a"], "text": ["x"]})),
    (lambda t: mk.sentences(t), pd.DataFrame({"doc_id": ["a"]})),
    (lambda t: mk.find_quotes(t), pd.DataFrame({"text": ["x"]})),
    (lambda t: mk.validate_corpus(t), pd.DataFrame({"doc_id": ["a"], "text": ["x"]})),
    (lambda t: mk.label_shares(t, actor="x"), pd.DataFrame({"doc_id": ["a"]})),
    (lambda t: mk.score_sentences(t), pd.DataFrame({"doc_id": ["a"]})),
    (lambda t: mk.find_duplicates(t), pd.DataFrame({"doc_id": ["a"]})),
    (lambda t: mk.plot.label_shares(t), pd.DataFrame({"label": ["a"]})),
    # a corpus given beside a mentions table, and a Dask corpus
    (lambda t: mk.explorer(_mentions(), corpus=t), pd.DataFrame({"doc_id": ["a"]})),
    (lambda t: mk.coding_sheet(_mentions(), corpus=t, n=1), pd.DataFrame({"doc_id": ["a"]})),
    (lambda t: mk.analyze_dask(_dask(t)), pd.DataFrame({"doc_id": ["a"], "outlet": ["O"]})),
])
def test_every_public_function_raises_the_same_missing_columns_error(function, table):
    with pytest.raises(MissingColumnsError, match="is missing column"):
        function(table)


def test_the_corpus_check_says_what_a_corpus_has():
    with pytest.raises(MissingColumnsError) as info:
        mk.validate_corpus(pd.DataFrame({"doc_id": ["a"], "text": ["x"], "source": ["O"]}))
    err = info.value
    assert (err.caller, err.table, err.missing, err.column) == ("validate_corpus", "corpus", ["outlet"], "outlet")
    assert str(err).endswith("it has ['doc_id', 'text', 'source']; a corpus has doc_id, outlet, date, "
                             "title, url, text, text_source (load raw tables with load_corpus)")


def _mentions() -> pd.DataFrame:
    corpus = pd.DataFrame({"doc_id": ["a"], "outlet": ["O"], "text": ["The rebels advanced on the town."]})
    mentions = mk.find_mentions(corpus, "conflict")
    assert len(mentions) == 1
    return mentions


def _dask(table: pd.DataFrame):
    dd = pytest.importorskip("dask.dataframe")
    return dd.from_pandas(table, npartitions=1)


def test_a_corpus_beside_a_table_is_checked_by_the_one_layer():
    with pytest.raises(TypeError, match="explorer: expected a pandas DataFrame.*got list"):
        mk.explorer(_mentions(), corpus=[1])
    with pytest.raises(TypeError, match="coding_sheet: expected a pandas DataFrame.*got list"):
        mk.coding_sheet(_mentions(), corpus=[1], n=1)
    with pytest.raises(MissingColumnsError) as info:
        mk.analyze_dask(_dask(pd.DataFrame({"doc_id": ["a"], "text": ["x"]})))
    assert (info.value.caller, info.value.table, info.value.missing) == ("analyze_dask", "articles", ["outlet"])


def test_interval_integral_refuses_floats_bools_and_out_of_range():
    positive = Interval(Integral, 1, None, closed="left")
    assert positive.is_satisfied_by(1) and positive.is_satisfied_by(10**9)
    assert positive.is_satisfied_by(np.int64(3))
    for bad in (0, -1, 2.5, 2.0, True, "3", None):
        assert not positive.is_satisfied_by(bad), bad
    assert str(positive) == "an int in [1, inf)"


def test_interval_real_bounds_and_nan():
    level = Interval(Real, 0, 1, closed="neither")
    assert level.is_satisfied_by(0.95) and level.is_satisfied_by(1e-9)
    for bad in (0, 1, 1.5, math.nan, False):
        assert not level.is_satisfied_by(bad), bad
    assert str(level) == "a number in (0, 1)"
    closed = Interval(Real, 0, 1, closed="both")
    assert closed.is_satisfied_by(0) and closed.is_satisfied_by(1)


def test_interval_rejects_bad_definitions():
    with pytest.raises(ValueError, match="closed"):
        Interval(Integral, 0, 1, closed="sideways")
    with pytest.raises(ValueError, match="kind"):
        Interval(int, 0, 1)


def test_options():
    level = Options(["sentence", "document"])
    assert level.is_satisfied_by("sentence")
    assert not level.is_satisfied_by("Sentence")
    assert not level.is_satisfied_by(["sentence"])  # unhashable: not an option, no crash
    assert str(level) == "one of 'sentence', 'document'"


def test_check_param_messages_name_caller_parameter_accepted_and_got():
    constraints = [Interval(Integral, 1, None, closed="left")]
    with pytest.raises(InvalidParameterError) as info:
        check_param("n_boot", 2.5, constraints, caller="label_shares")
    assert str(info.value) == ("label_shares: n_boot must be an int in [1, inf); "
                               "got 2.5 (float)")
    with pytest.raises(InvalidParameterError) as info:
        check_param("n_boot", 0, constraints, caller="label_shares")
    assert str(info.value) == "label_shares: n_boot must be an int in [1, inf); got 0"
    # one type, caught as ValueError or TypeError alike
    assert isinstance(info.value, ValueError) and isinstance(info.value, TypeError)
    assert check_param("seed", None, [Interval(Integral, 0, None), None], caller="f") is None


def test_validate_params_checks_before_the_body_runs():
    calls = []

    @validate_params({"n": [Interval(Integral, 1, None)], "how": [Options(["a", "b"])]})
    def work(table, *, n=10, how="a"):
        calls.append((n, how))
        return n

    assert work(None) == 10 and work(None, n=3, how="b") == 3
    with pytest.raises(InvalidParameterError, match=r"work: n must be an int in \[1, inf\); "
                                                    r"got True \(bool\)"):
        work(None, n=True)
    with pytest.raises(InvalidParameterError, match="work: how must be one of 'a', 'b'"):
        work(None, how="c")
    assert calls == [(10, "a"), (3, "b")]
    assert work.__name__ == "work"


def test_validate_params_refuses_constraints_on_unknown_parameters():
    with pytest.raises(TypeError, match="has no parameter"):
        @validate_params({"nope": [int]})
        def f(x):
            return x


def test_parse_voice_values():
    assert parse_voice(None) == (None, "all")
    assert parse_voice("all") == (None, "all")
    assert parse_voice("quote") == (frozenset({"quote"}), "quote")
    assert parse_voice(["scare_quote", "narration"]) == (
        frozenset({"narration", "scare_quote"}), "narration+scare_quote")
    assert parse_voice(["narration", "quote", "scare_quote"]) == (None, "all")
    assert parse_voice("split", split=True) == (None, "split")


@pytest.mark.parametrize("bad, message", [
    ("split", "takes one voice at a time"),
    ("quotes", "unknown voice 'quotes'"),
    (["narration", "x"], r"unknown voice\(s\) \['x'\]"),
    ([], "empty list"),
    (3, "must be a string"),
])
def test_parse_voice_errors_name_the_caller(bad, message):
    with pytest.raises(InvalidParameterError, match=message):
        parse_voice(bad, caller="label_change_points")
