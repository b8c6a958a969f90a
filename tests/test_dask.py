"""analyze_dask on a distributed LocalCluster bound to 127.0.0.1: same tables as analyze()."""

from __future__ import annotations

import pandas as pd
import pytest

import mediakit
from mediakit.scale import DaskAnalysis, analyze_dask

dd = pytest.importorskip("dask.dataframe", reason="Dask is the optional 'dask' extra")
distributed = pytest.importorskip("distributed", reason="distributed is the optional 'dask' extra")

TABLES = ("documents", "sentences", "mentions")


@pytest.fixture(scope="module")
def corpus() -> pd.DataFrame:
    # 30 articles keep the test quick; every outlet of the sample is among them.
    return mediakit.load_sample().iloc[::2].reset_index(drop=True)


@pytest.fixture(scope="module")
def expected(corpus):
    return mediakit.analyze(corpus, "marenna")


@pytest.fixture(scope="module")
def client():
    # Worker threads in this process, but talking to the scheduler over TCP on
    # 127.0.0.1, so tasks and results are serialised as on a real cluster; worker
    # processes would each spend seconds importing pandas and mediakit.
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=False, protocol="tcp",
        host="127.0.0.1", dashboard_address=None,
    )
    client = distributed.Client(cluster)
    try:
        yield client
    finally:
        client.close()
        cluster.close()


def test_dask_on_a_local_cluster_equals_pandas(corpus, expected, client):
    articles = dd.from_pandas(corpus, npartitions=4)
    lazy = analyze_dask(articles, "marenna")
    assert isinstance(lazy, DaskAnalysis)
    assert lazy.sentences.npartitions == 4
    assert list(lazy.mentions.columns) == list(expected.mentions.columns)
    result = lazy.compute()
    for table in TABLES:
        pd.testing.assert_frame_equal(getattr(result, table), getattr(expected, table))
    # the cluster had its two workers
    assert len(client.scheduler_info()["workers"]) == 2
    # one table on its own gives the same rows
    pd.testing.assert_frame_equal(
        lazy.documents.compute().reset_index(drop=True), expected.documents
    )


def test_partitioning_changes_nothing(corpus, expected):
    one = analyze_dask(dd.from_pandas(corpus, npartitions=1), "marenna").compute(scheduler="sync")
    many = analyze_dask(dd.from_pandas(corpus, npartitions=17), expected.lexicon.name).compute(scheduler="sync")
    for table in TABLES:
        pd.testing.assert_frame_equal(getattr(one, table), getattr(expected, table))
        pd.testing.assert_frame_equal(getattr(many, table), getattr(expected, table))


def test_bad_input(corpus):
    with pytest.raises(TypeError, match="dask.dataframe.DataFrame"):
        analyze_dask(corpus)
    with pytest.raises(mediakit.CorpusError, match="text"):
        analyze_dask(dd.from_pandas(corpus.drop(columns="text"), npartitions=2))


def test_dask_events_equal_analyze_events(corpus, client):
    want = mediakit.analyze(corpus, "marenna", events=True)
    assert len(want.events) > 50
    lazy = analyze_dask(dd.from_pandas(corpus, npartitions=3), "marenna", events=True)
    assert lazy.events.npartitions == 3
    assert list(lazy.events.columns) == list(want.events.columns)
    result = lazy.compute()
    pd.testing.assert_frame_equal(result.events, want.events, check_exact=True)
    for table in TABLES:
        pd.testing.assert_frame_equal(getattr(result, table), getattr(want, table))
    # the events table alone, and another event lexicon
    pd.testing.assert_frame_equal(lazy.events.compute().reset_index(drop=True), want.events)
    kill_only = {"name": "kill only", "events": {"kill": {"verbs": [["kill", "kills", "killed",
                                                                      "killed", "killing"]]}}}
    other = analyze_dask(dd.from_pandas(corpus, npartitions=2), "marenna", events=kill_only)
    pd.testing.assert_frame_equal(other.compute().events,
                                  mediakit.analyze(corpus, "marenna", events=kill_only).events)


def test_dask_without_events_has_none(corpus):
    lazy = analyze_dask(dd.from_pandas(corpus, npartitions=2), "marenna")
    assert lazy.events is None and lazy.compute(scheduler="sync").events is None
    with pytest.raises(TypeError, match="analyze_dask: events must be"):
        analyze_dask(dd.from_pandas(corpus, npartitions=2), "marenna", events=1.5)
