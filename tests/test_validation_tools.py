"""The development set's tooling (tools/validation): candidates, locating, checks, packets."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tools.validation import check_annotations, locate, make_packets, select_items  # noqa: E402
from tools.validation.inventory import candidates  # noqa: E402
from tools.validation.sources import (  # noqa: E402
    ValidationDataError,
    item_texts,
    read_items,
    sha256,
)


def test_candidates_cover_words_compounds_and_phrases() -> None:
    text = ("Rebel-held Douma: Turkish-backed armed groups, the Free Syrian Army's fighters, "
            "pro-government forces, Syrian troops, forces loyal to Assad, a fighter jet, "
            "counter-terrorism, the rebellion, Daesh-held Raqqa and 3 soldiers.")
    found = [(c.surface, c.tier) for c in candidates(text)]
    assert found == [
        ("Rebel-held", "core"), ("Turkish-backed", "core"), ("armed groups", "core"),
        ("Army", "core"), ("fighters", "core"), ("pro-government", "core"),
        ("Syrian troops", "core"), ("loyal", "core"), ("fighter", "extended"),
        ("soldiers", "extended"),
    ]
    assert [c.cid for c in candidates(text)][:3] == ["c1", "c2", "c3"]
    for cand in candidates(text):
        assert text[cand.start:cand.end] == cand.surface


def test_locate_ignores_spacing_and_mark_shape_and_needs_one_match() -> None:
    text = 'He said \u201cwe will  fight\nthe rebels\u201d and then "we will fight" again.'
    assert locate.locate_span(text, {"text": '"we will fight the rebels"'}) == (8, 35)
    with pytest.raises(locate.LocateError, match="occurs 2 times"):
        locate.locate_span(text, {"text": "we will fight"})
    assert locate.locate_span(text, {"text": "we will fight", "before": 'then "'}) == (46, 59)
    assert locate.locate_span(text, {"text": "we will fight", "occurrence": 2}) == (46, 59)
    with pytest.raises(locate.LocateError, match="disagree"):
        locate.locate_span(text, {"text": "we will fight", "occurrence": 1, "before": 'then "'})
    with pytest.raises(locate.LocateError, match="not in the article"):
        locate.locate_span(text, {"text": "we shall fight"})
    start, end = locate.locate_span(text, {"start_text": "\u201cwe will", "end_text": "rebels\u201d",
                                           "occurrence": 1})
    assert text[start:end] == "\u201cwe will  fight\nthe rebels\u201d"
    with pytest.raises(locate.LocateError, match="either 'text'"):
        locate.locate_span(text, {"text": "x", "start_text": "y", "end_text": "z"})


def _write(folder: Path, name: str, records: list[object]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    lines = [r if isinstance(r, str) else json.dumps(r) for r in records]
    (folder / name).write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_check_reports_every_bad_record_and_missing_candidates(tmp_path: Path) -> None:
    text = 'Rebels said "the regime fell" and the regime denied it.'
    texts = {"d1": text}
    ok = {"doc": "d1", "unit": "mention", "cand": "c1", "is_mention": "yes", "form": "noun",
          "voice": "narration", "speaker": "", "referent": "armed_opposition", "in_scope": "yes"}
    _write(tmp_path, "d1.jsonl", [
        ok,
        {**ok, "cand": "c2", "voice": "quote", "referent": "the state"},
        "{not json",
        {"doc": "d1", "unit": "quote", "id": "q1", "text": "the regime fell", "speaker": "",
         "speaker_kind": "none", "is_scare_quote": "no"},
        {"doc": "d1", "unit": "doc_done"},
    ])
    items, syntax = locate.locate_folder(tmp_path, texts, 1)
    assert len(items) == 4 and len(syntax) == 1 and "line 3" in syntax[0]
    problems = {item.line: item.problems for item in items}
    assert problems[1] == []
    assert any("'referent'" in p for p in problems[2])
    assert any("opening quotation mark" in p for p in problems[4])
    coverage, done, todo = check_annotations.coverage_problems(items, texts, 1)
    assert done == ["d1"] and todo == []
    assert any("c3" in p for p in coverage)


def test_check_script_exit_status(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    packet = tmp_path / "packet"
    packet.mkdir()
    (packet / "texts.jsonl").write_text(json.dumps(
        {"doc": "d1", "source": "written", "outlet": "x", "round1": True, "round2": False,
         "sha256": sha256("No label here."), "text": "No label here."}) + "\n", encoding="utf-8")
    coder = tmp_path / "coder-A" / "round1"
    _write(coder, "d1.jsonl", [{"doc": "d1", "unit": "doc_done"}])
    assert check_annotations.main(["--packet", str(packet), "--round", "1", str(coder)]) == 0
    assert capsys.readouterr().out.strip().endswith("COMPLETE")
    _write(coder, "d1.jsonl", [{"doc": "d1", "unit": "event"}])
    assert check_annotations.main(["--packet", str(packet), "--round", "1", str(coder)]) == 1
    assert "not one of quote, mention, doc_done" in capsys.readouterr().out


def test_packet_lines_start_at_their_offsets() -> None:
    text = ("word " * 60).strip() + "\n\nSecond paragraph with a Verylongwordthatdoesnotbreak" + "x" * 120
    lines = make_packets.wrapped_lines(text, width=40)
    for offset, shown, _ in lines:
        assert text[offset:offset + len(shown)] == shown
    assert [end for _, _, end in lines].count(True) == 3
    joined = "".join(shown + ("\n" if end else "") for _, shown, end in lines)
    assert joined.rstrip("\n") == text


def test_packets_refuse_the_repository(tmp_path: Path) -> None:
    with pytest.raises(SystemExit, match="outside the repository"):
        make_packets.write_packets(REPO / "packets-here", [], {})


def test_written_items_match_their_hashes_and_the_intended_answers_resolve() -> None:
    items = [i for i in read_items() if i.source != "fakes"]
    assert sum(i.source == "written" for i in items) >= 30
    assert sum(i.source == "headline" for i in items) >= 150
    assert sum(i.off_topic for i in items) >= 8
    texts = item_texts(items)
    round1 = {i.doc_id: texts[i.doc_id] for i in items if i.round1}
    located, syntax = locate.locate_folder(REPO / "data" / "validation" / "intended" / "round1", round1, 1)
    assert syntax == []
    assert [(i.line, i.problems) for i in located if i.problems] == []
    coverage, done, _ = check_annotations.coverage_problems(located, round1, 1)
    assert coverage == [] and len(done) == len(round1)


def test_a_changed_text_is_an_error(tmp_path: Path) -> None:
    item = next(i for i in read_items() if i.source == "written")
    from dataclasses import replace
    with pytest.raises(ValidationDataError, match="text changed"):
        item_texts([replace(item, sha256="0" * 64)])


def test_splits_are_about_one_third_test() -> None:
    items = read_items()
    for source in ("fakes", "written", "headline"):
        chosen = [i for i in items if i.source == source]
        share = sum(i.split == "test" for i in chosen) / len(chosen)
        assert 0.25 <= share <= 0.4, (source, share)
    assert select_items.long_quotes('a "b c d e f" g "h') == (1, True)


def test_fakes_items_match_the_shared_copy() -> None:
    from tools.validation.sources import default_fakes_path
    if not default_fakes_path().is_file():
        pytest.skip("the FA-KES copy (../shared/data/fa-kes-dev) is not beside the repository")
    items = [i for i in read_items() if i.source == "fakes"]
    texts = item_texts(items)
    assert len(texts) == len(items) >= 100
    assert len({i.outlet for i in items}) == 15
    assert sum(i.round2 for i in items) == 20
