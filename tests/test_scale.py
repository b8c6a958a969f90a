"""Streamed analysis (mediakit.scale.analyze_stream): same tables as analyze(), on disk."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pandas as pd
import pytest

import mediakit
from mediakit import analysis as analysis_module
from mediakit import sentiment
from mediakit.document import Document
from mediakit.scale import AnalysisFiles, analyze_stream, read_analysis

REPO = Path(__file__).resolve().parents[1]
TABLES = ("documents", "sentences", "mentions")


def _generator():
    """benchmarks/generate_corpus.py (a script folder, not a package)."""
    name = "_mediakit_bench_generate_corpus"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, REPO / "benchmarks" / "generate_corpus.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module  # dataclasses look their module up there
        spec.loader.exec_module(module)
    return sys.modules[name]


@pytest.fixture(scope="module")
def corpus_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("gen") / "corpus.jsonl"
    gen = _generator()
    gen.write_corpus(path, gen.generate_articles(seed=3, articles=45), fmt="jsonl")
    return path


@pytest.fixture(scope="module")
def expected(corpus_file):
    return mediakit.analyze(mediakit.load_corpus(corpus_file))


def _plain(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.reset_index(drop=True)
    out.attrs = {}
    return out


def _assert_same_analysis(got: mediakit.Analysis, want: mediakit.Analysis) -> None:
    for table in TABLES:
        pd.testing.assert_frame_equal(getattr(got, table), getattr(want, table))
    pd.testing.assert_frame_equal(_plain(got.corpus), _plain(want.corpus))


def test_stream_from_a_file_equals_the_in_memory_analysis(corpus_file, expected, tmp_path):
    files = analyze_stream(corpus_file, tmp_path / "out", chunksize=7)
    assert isinstance(files, AnalysisFiles)
    assert files.n_articles == len(expected.documents) == 45
    assert files.n_sentences == len(expected.sentences)
    assert files.n_mentions == len(expected.mentions) > 0
    # one Parquet part per chunk of 7 articles, in corpus order
    assert [p.name for p in files.parts("sentences")] == [f"part-{i:06d}.parquet" for i in range(7)]
    assert len(pd.read_parquet(files.parts("documents")[0])) == 7
    _assert_same_analysis(files.load(), expected)
    pd.testing.assert_frame_equal(files.read("mentions"), expected.mentions)
    _assert_same_analysis(read_analysis(tmp_path / "out"), expected)


def test_stream_with_two_workers_from_a_folder(corpus_file, expected, tmp_path):
    gen = _generator()
    folder = tmp_path / "articles"
    gen.write_corpus(folder, gen.generate_articles(seed=3, articles=45), fmt="md")
    from_folder = mediakit.analyze(mediakit.load_corpus(folder))
    files = analyze_stream(folder, tmp_path / "out", chunksize=4, n_jobs=2)
    _assert_same_analysis(files.load(), from_folder)
    # the same articles as the JSON Lines file, so the same sentences and scores
    cols = ["text", "neg", "neu", "pos", "compound"]
    pd.testing.assert_frame_equal(
        files.read("sentences")[cols].sort_values(cols, ignore_index=True),
        expected.sentences[cols].sort_values(cols, ignore_index=True),
    )


def test_stream_from_an_iterable_of_tables_and_from_a_dataframe(corpus_file, expected, tmp_path):
    pages = mediakit.iter_corpus(corpus_file, chunksize=10)
    _assert_same_analysis(analyze_stream(pages, tmp_path / "a").load(), expected)
    corpus = mediakit.load_corpus(corpus_file)
    _assert_same_analysis(analyze_stream(corpus, tmp_path / "b", chunksize=100).load(), expected)


def test_a_small_score_memo_changes_nothing(corpus_file, expected, tmp_path, monkeypatch):
    # The memo starts afresh when full; rescoring must give the very same numbers.
    monkeypatch.setattr(sentiment, "MEMO_LIMIT", 5)
    _assert_same_analysis(analyze_stream(corpus_file, tmp_path / "out", chunksize=9).load(), expected)
    again = mediakit.analyze(mediakit.load_corpus(corpus_file))
    _assert_same_analysis(again, expected)


def test_skipped_records_are_kept(tmp_path):
    path = tmp_path / "bad.jsonl"
    rows = [
        {"doc_id": "a", "outlet": "X", "text": "The rebels advanced. The army said so."},
        {"doc_id": "b", "outlet": "X", "text": ""},
        {"doc_id": "c", "outlet": "Y", "text": "Militants attacked a convoy."},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    with pytest.warns(Warning):
        files = analyze_stream(path, tmp_path / "out", chunksize=1, errors="skip")
    assert files.n_articles == 2
    skipped = files.load_log[files.load_log["kind"] == "skipped"]
    assert len(skipped) == 1 and skipped.iloc[0]["row"] == 2
    assert "empty text" in skipped.iloc[0]["message"]
    loaded = read_analysis(tmp_path / "out")
    assert len(mediakit.load_log(loaded.corpus, "skipped")) == 1
    assert loaded.documents["doc_id"].tolist() == ["a", "c"]


def test_progress_goes_to_stderr(corpus_file, tmp_path, capsys):
    analyze_stream(corpus_file, tmp_path / "out", chunksize=20, progress=True)
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "45article" in captured.err.replace(" ", "")


def test_out_dir_is_not_overwritten_by_accident(corpus_file, tmp_path):
    out = tmp_path / "out"
    first = analyze_stream(corpus_file, out, chunksize=5)
    with pytest.raises(FileExistsError, match="overwrite=True"):
        analyze_stream(corpus_file, out, chunksize=5)
    second = analyze_stream(corpus_file, out, chunksize=20, overwrite=True)
    assert len(second.parts("mentions")) == 3  # the 9 parts of the first run are gone
    assert second.n_mentions == first.n_mentions


def test_bad_arguments(corpus_file, tmp_path):
    with pytest.raises(ValueError, match="chunksize"):
        analyze_stream(corpus_file, tmp_path / "a", chunksize=0)
    with pytest.raises(ValueError, match="n_jobs"):
        analyze_stream(corpus_file, tmp_path / "b", n_jobs=0)
    with pytest.raises(TypeError, match="iterable"):
        analyze_stream(42, tmp_path / "c")
    with pytest.raises(TypeError, match="loading options"):
        analyze_stream(iter([]), tmp_path / "d", encoding="latin-1")
    with pytest.raises(mediakit.CorpusError):
        analyze_stream([pd.DataFrame({"doc_id": ["a"], "outlet": ["X"]})], tmp_path / "e")
    with pytest.raises(FileNotFoundError, match="holds no analysis tables"):
        read_analysis(tmp_path / "nothing-here")
    files = analyze_stream(corpus_file, tmp_path / "f", chunksize=50)
    with pytest.raises(ValueError, match="unknown table"):
        files.read("quotes")


@pytest.mark.parametrize("chunk_articles", [1, 4, 1000])
def test_in_memory_chunking_changes_nothing(corpus_file, expected, monkeypatch, chunk_articles):
    monkeypatch.setattr(analysis_module, "_CHUNK_ARTICLES", chunk_articles)
    _assert_same_analysis(mediakit.analyze(mediakit.load_corpus(corpus_file)), expected)


def test_masks_from_the_article_scan_equal_masking_each_sentence(corpus_file, expected):
    # analyze masks a sentence from the article's scan and scores it; the masked text
    # shown later (mention_sentences) scans the sentence alone. They must agree, also
    # where sentences touch without a space or a lexicon phrase runs over a sentence
    # break: the shown text is the one that was scored.
    tricky = pd.DataFrame(
        {
            "doc_id": ["t1", "t2", "t3"],
            "outlet": ["X", "X", "Y"],
            "text": [
                'He said the rebels left."Militants? No." Government forces\ncame later.',
                "Fighting with the armed\ngroups went on. The opposition. Forces of the regime held.",
                "So-called \u201cterrorists\u201d attacked.The army\u2019s rebels-backed units fled.",
            ],
        }
    )
    for result in (expected, mediakit.analyze(tricky),
                   mediakit.analyze(mediakit.load_sample(), "marenna")):
        mentions = result.mentions_with_sentences(masked=True)
        assert len(mentions) > 0
        by_sentence = [
            sentiment.mask_labels(s, result.lexicon, mask_token=sentiment.MASK_TOKEN)
            for s in mentions["sentence"]
        ]
        assert mentions["sentence_masked"].tolist() == by_sentence
        assert (mentions["compound_masked"].to_numpy()
                == mediakit.score_texts(by_sentence)["compound"].to_numpy()).all()
        # the article-scan masks analyze scored, one Document per article
        for text in result.corpus["text"]:
            doc = Document(text, result.lexicon)
            ids = range(len(doc.sentences))
            masks = doc.masked_sentences(ids)
            assert [masks[k] for k in ids] == [
                sentiment.mask_labels(text[a:b], result.lexicon) for a, b in doc.sentences]


def test_sentence_break_memo_changes_no_split(corpus_file, monkeypatch):
    # split_sentences remembers Punkt's decisions per context; a memo that forgets
    # at once must give the very same sentences.
    from mediakit import text

    texts = mediakit.load_corpus(corpus_file)["text"].tolist() + [
        "Dr. Smith met Gen. Ali at 5 p.m. on Jan. 3. He left.",
        "The U.S. envoy said so. U.N. staff left... Then?",
    ]
    remembered = [text.split_sentences(t) for t in texts]
    monkeypatch.setattr(text, "_SENTBREAK_MEMO_LIMIT", 1)
    forgetting = [text.split_sentences(t) for t in texts]
    assert forgetting == remembered
    assert len(remembered[-2]) == 2 and len(remembered[-1]) == 2


def _interrupt_after(monkeypatch, chunks: int) -> list[int]:
    """Make the analysis stop (as Ctrl-C would) after ``chunks`` chunks; count chunk sizes."""
    real = analysis_module._run_chunks
    analysed: list[int] = []

    def run_chunks(source, *args, **kwargs):
        def counted():
            for chunk in source:
                analysed.append(len(chunk))
                yield chunk

        for number, result in enumerate(real(counted(), *args, **kwargs)):
            if number == chunks:
                raise KeyboardInterrupt
            yield result

    monkeypatch.setattr(analysis_module, "_run_chunks", run_chunks)
    return analysed


def test_an_interrupted_run_is_refused_then_resumed(corpus_file, expected, tmp_path, monkeypatch):
    out = tmp_path / "out"
    analysed = _interrupt_after(monkeypatch, 3)
    with pytest.raises(KeyboardInterrupt):
        analyze_stream(corpus_file, out, chunksize=7)
    manifest = json.loads((out / "mediakit-analysis.json").read_text(encoding="utf-8"))
    assert manifest["complete"] is False and manifest["chunksize"] == 7
    with pytest.raises(mediakit.MediakitError, match=r"unfinished analysis: analyze_stream stopped "
                                                     r"after 3 complete chunk\(s\) of 7 articles"):
        read_analysis(out)
    # a part a SIGKILL left half-written is a hidden temporary file, never a part
    (out / "mentions" / ".part-000003.parquet.0123456789ab.tmp").write_bytes(b"PAR1 trunc")
    # a chunk with a part missing is not finished: it is analysed again
    (out / "sentences" / "part-000002.parquet").unlink()
    monkeypatch.undo()
    analysed = _interrupt_after(monkeypatch, 99)
    with pytest.raises(mediakit.MediakitError, match="other settings .chunksize"):
        analyze_stream(corpus_file, out, chunksize=8, resume=True)
    files = analyze_stream(corpus_file, out, chunksize=7, resume=True)
    assert analysed == [7, 7, 7, 7, 3]  # chunks 0 and 1 kept, 2 to 6 analysed
    assert files.n_articles == 45 and files.n_mentions == len(expected.mentions)
    _assert_same_analysis(read_analysis(out), expected)
    assert json.loads((out / "mediakit-analysis.json").read_text())["complete"] is True
    with pytest.raises(ValueError, match="not both"):
        analyze_stream(corpus_file, out, chunksize=7, resume=True, overwrite=True)
    with pytest.raises(mediakit.MediakitError, match="no mediakit-analysis.json"):
        analyze_stream(corpus_file, tmp_path / "never-run", resume=True)


# ---------------------------------------------------------------------- events (issue 21)


@pytest.fixture(scope="module")
def expected_events(corpus_file):
    return mediakit.analyze(mediakit.load_corpus(corpus_file), events=True).events


@pytest.mark.parametrize("n_jobs", [1, 2])
def test_stream_with_events_writes_the_events_table_of_analyze(corpus_file, expected,
                                                               expected_events, tmp_path, n_jobs):
    assert len(expected_events) > 100 and set(expected_events["part"]) == {"title", "body"}
    files = analyze_stream(corpus_file, tmp_path / "out", chunksize=7, n_jobs=n_jobs, events=True)
    assert files.n_events == len(expected_events)
    # one part per chunk, as for the other tables (a chunk without events: an empty part)
    assert [p.name for p in files.parts("events")] == [f"part-{i:06d}.parquet" for i in range(7)]
    pd.testing.assert_frame_equal(files.read("events"), expected_events, check_exact=True)
    loaded = read_analysis(tmp_path / "out")
    pd.testing.assert_frame_equal(loaded.events, expected_events, check_exact=True)
    _assert_same_analysis(loaded, expected)  # the other tables are unchanged
    manifest = json.loads((tmp_path / "out" / "mediakit-analysis.json").read_text(encoding="utf-8"))
    assert manifest["n_events"] == len(expected_events) and manifest["events"]["name"] == "violence"


def test_stream_events_with_another_event_lexicon(corpus_file, tmp_path):
    kill_only = {"name": "kill only", "events": {"kill": {"verbs": [["kill", "kills", "killed",
                                                                      "killed", "killing"]]}}}
    corpus = mediakit.load_corpus(corpus_file)
    want = mediakit.analyze(corpus, events=kill_only).events
    assert set(want["event_type"]) == {"kill"}
    files = analyze_stream(corpus, tmp_path / "out", chunksize=10, events=kill_only)
    pd.testing.assert_frame_equal(files.load().events, want, check_exact=True)


def test_stream_without_events_has_no_events_table(corpus_file, tmp_path):
    files = analyze_stream(corpus_file, tmp_path / "out", chunksize=20)
    assert files.n_events is None and files.load().events is None
    assert not (tmp_path / "out" / "events").exists()
    with pytest.raises(ValueError, match=r"unknown table 'events'.*events=True"):
        files.read("events")
    with pytest.raises(TypeError, match="analyze_stream: events must be"):
        analyze_stream(corpus_file, tmp_path / "bad", events=3)
    with pytest.raises(mediakit.LexiconError, match="no bundled event lexicon 'nonesuch'"):
        analyze_stream(corpus_file, tmp_path / "bad", events="nonesuch")


def test_an_interrupted_run_with_events_resumes_only_with_the_same_events(
        corpus_file, expected_events, tmp_path, monkeypatch):
    out = tmp_path / "out"
    _interrupt_after(monkeypatch, 2)
    with pytest.raises(KeyboardInterrupt):
        analyze_stream(corpus_file, out, chunksize=7, events=True)
    assert len(list((out / "events").glob("part-*.parquet"))) == 2
    monkeypatch.undo()
    analysed = _interrupt_after(monkeypatch, 99)
    # without events, or with other events, the run is not the same one
    with pytest.raises(mediakit.MediakitError, match=r"other settings \(events differ\)"):
        analyze_stream(corpus_file, out, chunksize=7, resume=True)
    with pytest.raises(mediakit.MediakitError, match=r"other settings \(events differ\)"):
        analyze_stream(corpus_file, out, chunksize=7, resume=True,
                       events={"name": "x", "events": {"kill": {"nouns": ["massacre"]}}})
    # a chunk whose events part is missing is not finished: it is analysed again
    (out / "events" / "part-000001.parquet").unlink()
    files = analyze_stream(corpus_file, out, chunksize=7, resume=True, events=True)
    assert analysed == [7] * 5 + [3]  # chunk 0 kept, 1 to 6 analysed
    assert files.n_events == len(expected_events)
    pd.testing.assert_frame_equal(read_analysis(out).events, expected_events, check_exact=True)
    # overwriting a run with events by one without leaves no events behind
    plain = analyze_stream(corpus_file, out, chunksize=7, overwrite=True)
    assert plain.n_events is None and not (out / "events").exists()
    assert read_analysis(out).events is None
