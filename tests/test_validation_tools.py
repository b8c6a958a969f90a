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
    Item,
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
    rounds12 = [i for i in items if not i.stratum.startswith(select_items.LATER_ROUND_PREFIXES)]
    for source in ("fakes", "written", "headline"):
        chosen = [i for i in rounds12 if i.source == source]
        share = sum(i.split == "test" for i in chosen) / len(chosen)
        assert 0.25 <= share <= 0.4, (source, share)
    # the held-out split is exactly rounds 5 and 7 (forty FA-KES articles each, round 1
    # only); rounds 3 and 6, read on 2026-12-03, are retired to test
    holdout = [i for i in items if i.split == "holdout"]
    assert len(holdout) == 80 and all(i.source == "fakes" and i.round1 and not i.round2 for i in holdout)
    assert {i.doc_id for i in holdout} == {i.doc_id for i in items if i.stratum.startswith(("round5_", "round7_"))}
    assert sum(i.stratum == "round5_random" for i in holdout) == 40
    assert sum(i.stratum == "round7_quotes" for i in holdout) == 40
    for retired in ("round3_", "round6_"):
        rows = [i for i in items if i.stratum.startswith(retired)]
        assert len(rows) == 40 and all(i.split == "test" for i in rows)
    # round 4 is development data: forty FA-KES articles, round 1 only, split dev
    round4 = [i for i in items if i.stratum == "round4_attribution"]
    assert len(round4) == 40 and all(i.source == "fakes" and i.split == "dev" and i.round1 and not i.round2
                                     for i in round4)
    assert len({i.doc_id for i in items}) == len(items)
    assert select_items.long_quotes('a "b c d e f" g "h') == (1, True)


def test_an_unknown_split_names_the_line_and_column(tmp_path: Path) -> None:
    source = (REPO / "data" / "validation" / "items.csv").read_text(encoding="utf-8").splitlines()
    fields = source[3].split(",")
    fields[7] = "validation"
    path = tmp_path / "items.csv"
    path.write_text("\n".join([source[0], source[1], ",".join(fields)]) + "\n", encoding="utf-8")
    with pytest.raises(ValidationDataError, match=r"items.csv, line 3, column 'split': 'validation'"):
        read_items(path)
    fields[7] = "holdout"
    path.write_text("\n".join([source[0], ",".join(fields)]) + "\n", encoding="utf-8")
    assert [i.split for i in read_items(path)] == ["holdout"]


def test_reselecting_rounds_1_2_keeps_the_round3_rows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "items.csv"
    out.write_text((REPO / "data" / "validation" / "items.csv").read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setattr(select_items, "select", lambda fakes: [])  # rounds 1-2 selected: none here
    assert select_items.main(["--out", str(out)]) == 0
    kept = read_items(out)
    # the round-3 rows (retired to test), the round-4 rows (dev), the round-5 rows (holdout),
    # the round-6 rows (retired to test) and the round-7 rows (holdout), in the order of items.csv
    assert len(kept) == 200 and [i.split for i in kept] == \
        ["test"] * 40 + ["dev"] * 40 + ["holdout"] * 40 + ["test"] * 40 + ["holdout"] * 40
    assert {i.stratum for i in kept[:40]} == {"round3_quote_rich", "round3_islamic_state"}
    assert {i.stratum for i in kept[40:80]} == {"round4_attribution"}
    assert {i.stratum for i in kept[80:120]} == {"round5_random"}
    assert {i.stratum for i in kept[120:160]} == {"round6_quotes"}
    assert {i.stratum for i in kept[160:]} == {"round7_quotes"}
    # a further round-4 row is kept likewise, after the others
    lines = out.read_text(encoding="utf-8").splitlines()
    fields = lines[1].split(",")
    fields[0], fields[7], fields[10] = "fakes-9999", "dev", "round4_attribution"
    out.write_text("\n".join([*lines, ",".join(fields)]) + "\n", encoding="utf-8")
    assert select_items.main(["--out", str(out)]) == 0
    kept = read_items(out)
    assert len(kept) == 201 and (kept[-1].doc_id, kept[-1].split) == ("fakes-9999", "dev")


def test_fakes_items_match_the_shared_copy() -> None:
    from tools.validation.sources import default_fakes_path
    if not default_fakes_path().is_file():
        pytest.skip("the FA-KES copy (../shared/data/fa-kes-dev) is not beside the repository")
    items = [i for i in read_items() if i.source == "fakes"]
    texts = item_texts(items)
    assert len(texts) == len(items) >= 100
    assert len({i.outlet for i in items}) == 15
    assert sum(i.round2 for i in items) == 20


# --- round 3: a fresh held-out selection and round-1-only packets -------------------------


def test_names_islamic_state_takes_the_groups_names_not_capitals() -> None:
    assert select_items.names_islamic_state("fighters of the Islamic State seized it")
    assert select_items.names_islamic_state("ISIL and Daesh") and select_items.names_islamic_state("by IS.")
    assert select_items.names_islamic_state("DAESH TERRORISTS") and select_items.names_islamic_state("ISIS-held")
    assert not select_items.names_islamic_state("it is what it is; this is crisis")
    assert not select_items.names_islamic_state("WHAT IS NEXT FOR SYRIA")
    assert not select_items.names_islamic_state("Isis the goddess, an Islamic scholar, a state")


def test_share_out_fills_the_smallest_outlets_first() -> None:
    assert select_items.share_out({"a": 1, "b": 5, "c": 19, "d": 27}, 30) == {"a": 1, "b": 5, "c": 12, "d": 12}
    assert select_items.share_out({"a": 2, "b": 3}, 30) == {"a": 2, "b": 3}
    assert select_items.share_out({"a": 9, "b": 9, "c": 9}, 10) == {"a": 4, "b": 3, "c": 3}
    assert sum(select_items.share_out({"a": 0, "b": 4}, 3).values()) == 3


def _fakes_csv(path: Path, rows: list[tuple[str, str, str]]) -> Path:
    import csv
    with open(path, "w", encoding="latin-1", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(["unit_id", "article_title", "article_content", "source", "labels"])
        for unit, outlet, text in rows:
            writer.writerow([unit, "t", text, outlet, "1"])
    return path


def test_round3_skips_items_already_in_the_set_repeats_and_long_texts(tmp_path: Path) -> None:
    from tools.validation.sources import Item
    rich = 'The rebels said "we will hold the town to the end" and "the army will not pass here today".'
    is_text = "Islamic State militants and government forces fought; the rebels and the army watched."
    rows = [("1", "ahram", rich + " one"), ("2", "ahram", rich + " two"), ("3", "ahram", rich + " two"),
            ("4", "alaraby", rich + " three"), ("5", "alaraby", rich + " x" * 2100),
            ("6", "sana", is_text), ("7", "sana", is_text + " again"), ("8", "sana", "IS but no label"),
            ("9", "etilaf", "No group is named by the government here.")]
    path = _fakes_csv(tmp_path / "fakes.csv", rows)
    taken = Item(doc_id="fakes-0000", source="fakes", fakes_row=0, unit_id="1", corpus_doc_id="FA-KES-dev:1",
                 sha256=sha256(rich + " three"), outlet="ahram", split="dev", round1=True, round2=False,
                 stratum="quote_rich", written_by_team=False, off_topic=False, n_chars=1)
    records = select_items.select_round3(path, existing=[taken])
    assert records == select_items.select_round3(path, existing=[taken])  # seeded, re-runnable
    chosen = {r["doc_id"]: r["stratum"] for r in records}
    # row 0 is in the set, row 3 has its text, row 2 repeats row 1, row 4 is too long
    assert chosen["fakes-0001"] == "round3_quote_rich" and len([s for s in chosen.values()
                                                                 if s == "round3_quote_rich"]) == 1
    assert [d for d, s in chosen.items() if s == "round3_islamic_state"] in (["fakes-0005"], ["fakes-0006"])
    assert len(chosen) == 2
    for record in records:  # selected as held out, retired to test once read
        assert record["split"] == "test" and record["round1"] == "yes" and record["round2"] == "no"
        assert list(record) == list(select_items.ITEM_COLUMNS)


def test_round3_needs_an_output_outside_the_repository(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        select_items.main(["--round3"])
    assert "--round3 needs --out" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        select_items.main(["--round3", "--out", str(REPO / "data" / "validation" / "r3.csv")])
    assert "outside the repository" in capsys.readouterr().err


def test_round3_selection_on_the_shared_copy() -> None:
    from tools.validation.sources import default_fakes_path
    if not default_fakes_path().is_file():
        pytest.skip("the FA-KES copy (../shared/data/fa-kes-dev) is not beside the repository")
    existing = read_items()
    records = select_items.select_round3(None, existing=existing)
    strata = [r["stratum"] for r in records]
    assert strata.count("round3_quote_rich") == 30 and strata.count("round3_islamic_state") == 10
    rounds12 = [i for i in existing if not i.stratum.startswith(select_items.LATER_ROUND_PREFIXES)]
    assert not {r["sha256"] for r in records} & {i.sha256 for i in rounds12}
    # re-runnable after the merge: the round-3 rows of items.csv are not "already in the set"
    rows = select_items.read_item_rows(REPO / "data" / "validation" / "items.csv")
    assert _as_rows(records) == \
        [r for r in rows if r["stratum"].startswith("round3_")]
    assert len({r["sha256"] for r in records}) == 40
    assert all(int(str(r["n_chars"])) <= 4000 for r in records)
    islamic = [r for r in records if r["stratum"] == "round3_islamic_state"]
    assert len({r["outlet"] for r in islamic}) == 10


# --- round 4: attribution-rich development articles ---------------------------------------


def test_attribution_score_counts_quoted_stretches_and_reporting_verbs() -> None:
    assert select_items.attribution_score('He said "we will stay here" and "terrorists" fled.') == 2
    assert select_items.attribution_score("The minister told reporters, according to the agency, "
                                          "that talks STATED nothing; he Claimed and added more.") == 5
    assert select_items.attribution_score('No speaker here, "open quote without an end') == 0
    assert select_items.attribution_score("The saidi family retold it.") == 0


def test_round4_takes_the_richest_articles_every_outlet_first_and_skips_taken_ones(tmp_path: Path) -> None:
    from tools.validation.sources import Item
    said = "The official said so and told them and added more. "
    rows = [("1", "ahram", said * 3), ("2", "ahram", said * 3 + "x"), ("3", "ahram", said * 2),
            ("4", "ahram", said), ("5", "sana", "The agency said it."), ("6", "sana", "Nothing reported."),
            ("7", "etilaf", said * 4), ("8", "etilaf", said * 200)]
    path = _fakes_csv(tmp_path / "fakes.csv", rows)
    taken = Item(doc_id="fakes-0000", source="fakes", fakes_row=0, unit_id="1", corpus_doc_id="FA-KES-dev:1",
                 sha256=sha256(said * 4), outlet="ahram", split="dev", round1=True, round2=False,
                 stratum="round3_quote_rich", written_by_team=False, off_topic=False, n_chars=1)
    records = select_items.select_round4(path, existing=[taken])
    assert records == select_items.select_round4(path, existing=[taken])  # seeded, re-runnable
    # row 0 is in the set, row 6 has the text of an item, row 7 is too long, row 5 has no attribution
    assert [r["doc_id"] for r in records] == ["fakes-0001", "fakes-0002", "fakes-0003", "fakes-0004"]
    for record in records:
        assert record["split"] == "dev" and record["stratum"] == "round4_attribution"
        assert record["round1"] == "yes" and record["round2"] == "no"
        assert list(record) == list(select_items.ITEM_COLUMNS)
    # the cap per outlet leaves room for the weaker outlet's best article
    more = [("1", "ahram", said * 3 + str(k)) for k in range(12)] + [("2", "sana", "The agency said it.")]
    capped = select_items.select_round4(_fakes_csv(tmp_path / "more.csv", more), existing=[])
    outlets = [r["outlet"] for r in capped]
    assert outlets.count("ahram") == select_items.ROUND4_PER_OUTLET and outlets.count("sana") == 1
    # once its rows are in items.csv they are not "already in the set": the same selection
    merged = [Item(doc_id=str(r["doc_id"]), source="fakes", fakes_row=int(str(r["fakes_row"])), unit_id="1",
                   corpus_doc_id=str(r["corpus_doc_id"]), sha256=str(r["sha256"]), outlet=str(r["outlet"]),
                   split="dev", round1=True, round2=False, stratum="round4_attribution",
                   written_by_team=False, off_topic=False, n_chars=1) for r in records]
    assert select_items.select_round4(path, existing=[taken, *merged]) == records
    # nor are the rows of a later round (round 5, drawn afterwards): they leave round 4 as it was
    from dataclasses import replace
    later = replace(merged[-1], split="holdout", stratum="round5_random")
    assert select_items.select_round4(path, existing=[taken, later]) == records


def test_round4_needs_an_output_outside_the_repository(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        select_items.main(["--round4"])
    assert "--round4 needs --out" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        select_items.main(["--round4", "--out", str(REPO / "data" / "validation" / "r4.csv")])
    assert "outside the repository" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        select_items.main(["--round3", "--round4", "--out", "x.csv"])
    assert "not allowed with" in capsys.readouterr().err


def test_round4_selection_on_the_shared_copy() -> None:
    from tools.validation.sources import Item, default_fakes_path, read_fakes
    if not default_fakes_path().is_file():
        pytest.skip("the FA-KES copy (../shared/data/fa-kes-dev) is not beside the repository")
    existing = read_items()
    records = select_items.select_round4(None, existing=existing)
    assert len(records) == 40 and len({r["sha256"] for r in records}) == 40
    earlier = [i for i in existing if i.stratum != "round4_attribution"]
    assert not {r["sha256"] for r in records} & {i.sha256 for i in earlier}  # round 3 included
    # re-runnable after the merge: the round-4 rows of items.csv are not "already in the set"
    rows = select_items.read_item_rows(REPO / "data" / "validation" / "items.csv")
    assert _as_rows(records) == \
        [r for r in rows if r["stratum"] == "round4_attribution"]
    assert all(int(str(r["n_chars"])) <= 4000 for r in records)
    outlets = [str(r["outlet"]) for r in records]
    assert max(outlets.count(o) for o in outlets) <= 8
    rows = read_fakes(None)
    scores = [select_items.attribution_score(rows[int(str(r["fakes_row"]))]["article_content"]) for r in records]
    assert min(scores) > 0
    # every outlet with any attribution left is represented, those without quotation marks too
    pool = {row["source"] for row in rows if select_items.attribution_score(row["article_content"]) > 0}
    assert len(set(outlets)) >= 12 and {"reuters", "sana", "etilaf"} <= set(outlets) <= pool
    # re-running the round-3 selection is not disturbed by round-4 rows in items.csv
    as_items = [Item(doc_id=str(r["doc_id"]), source="fakes", fakes_row=int(str(r["fakes_row"])),
                     unit_id=str(r["unit_id"]), corpus_doc_id=str(r["corpus_doc_id"]), sha256=str(r["sha256"]),
                     outlet=str(r["outlet"]), split="dev", round1=True, round2=False,
                     stratum="round4_attribution", written_by_team=False, off_topic=False, n_chars=1)
                for r in records]
    round3 = select_items.select_round3(None, existing=earlier)
    assert select_items.select_round3(None, existing=earlier + as_items) == round3
    assert select_items.select_round3(None, existing=existing) == round3


def _round1_only_packet(tmp_path: Path, answers: str | None) -> Path:
    from tools.validation.sources import Item
    text = 'Rebels said "the regime fell" and the army denied it.'
    item = Item(doc_id="w-x-1", source="written", fakes_row=None, unit_id="", corpus_doc_id="x/1",
                sha256=sha256(text), outlet="x", split="test", round1=True, round2=False,
                stratum="round3_quote_rich", written_by_team=True, off_topic=False, n_chars=len(text))
    out = tmp_path / "packets"
    counts = make_packets.write_packets(out, [item], {"w-x-1": text}, answers=answers)
    assert counts["round1_docs"] == 1 and counts["round2_docs"] == 0 and counts["round1_candidates"] == 3
    return out


def test_round1_only_packet_names_the_answer_folders(tmp_path: Path) -> None:
    out = _round1_only_packet(tmp_path, str(tmp_path / "answers" / "{letter}"))
    guide = (out / "INSTRUCTIONS.md").read_text(encoding="utf-8")
    assert "round 1 only" in guide and "{" + "ROOT}" not in guide and "{letter}" not in guide
    assert f"{tmp_path / 'answers' / 'A'}/round1/NAME.jsonl" in guide
    assert f"{tmp_path / 'answers' / 'B'}/round1" in guide
    assert f"{tmp_path / 'answers' / 'A'}/round2/" not in guide
    assert "--show w-x-1" in guide
    assert (out / "packet" / "round2.txt").read_text(encoding="utf-8") == ""
    assert (out / "CODING.md").is_file() and (out / "tools" / "validation" / "check_annotations.py").is_file()
    coder = tmp_path / "answers" / "A" / "round1"
    _write(coder, "w-x-1.jsonl", [{"doc": "w-x-1", "unit": "doc_done"}])
    assert check_annotations.main(["--packet", str(out / "packet"), "--round", "1", str(coder)]) == 1


def test_packet_answers_must_name_the_letter_and_stay_outside(tmp_path: Path) -> None:
    with pytest.raises(SystemExit, match="must contain"):
        _round1_only_packet(tmp_path, str(tmp_path / "answers"))
    with pytest.raises(SystemExit, match="outside the repository"):
        _round1_only_packet(tmp_path, str(REPO / "answers" / "{letter}"))
    default = _round1_only_packet(tmp_path, None)
    assert f"{default.resolve()}/coder-A/round1/" in (default / "INSTRUCTIONS.md").read_text(encoding="utf-8")


# --- round 5: a second held-out set, drawn at random ---------------------------------------


def test_round5_draws_at_random_among_attributed_articles_spread_over_outlets(tmp_path: Path) -> None:
    from tools.validation.sources import Item
    said = "The official said so. "
    rows = ([("1", "ahram", said + str(k)) for k in range(60)] + [("2", "sana", said + "x")]
            + [("3", "sana", "Nothing reported here.")] + [("4", "etilaf", said * 300)])
    path = _fakes_csv(tmp_path / "fakes.csv", rows)
    taken = Item(doc_id="fakes-0000", source="fakes", fakes_row=0, unit_id="1", corpus_doc_id="FA-KES-dev:1",
                 sha256=sha256(said + "0"), outlet="ahram", split="dev", round1=True, round2=False,
                 stratum="quote_rich", written_by_team=False, off_topic=False, n_chars=1)
    records = select_items.select_round5(path, existing=[taken])
    assert records == select_items.select_round5(path, existing=[taken])  # seeded, re-runnable
    assert len(records) == select_items.RANDOM_ROUND_ARTICLES
    doc_ids = [r["doc_id"] for r in records]
    # the small outlet gives all it has; no text without attribution, too long, or already taken
    assert "fakes-0060" in doc_ids and "fakes-0061" not in doc_ids and "fakes-0062" not in doc_ids
    assert "fakes-0000" not in doc_ids and len(set(doc_ids)) == len(doc_ids)
    # a random draw, not the first rows of the file
    assert doc_ids[:39] != [f"fakes-{k:04d}" for k in range(1, 40)]
    for record in records:
        assert record["split"] == "holdout" and record["stratum"] == "round5_random"
        assert list(record) == list(select_items.ITEM_COLUMNS)
    with pytest.raises(SystemExit):
        select_items.main(["--round5", "--out", str(REPO / "data" / "validation" / "r5.csv")])


def test_round5_selection_on_the_shared_copy() -> None:
    from tools.validation.sources import default_fakes_path, read_fakes
    if not default_fakes_path().is_file():
        pytest.skip("the FA-KES copy (../shared/data/fa-kes-dev) is not beside the repository")
    existing = read_items()
    records = select_items.select_round5(None, existing=existing)
    assert len(records) == 40 and len({r["sha256"] for r in records}) == 40
    earlier = [i for i in existing if i.stratum != "round5_random"]
    assert not {r["sha256"] for r in records} & {i.sha256 for i in earlier}  # rounds 1-4 included
    assert not {r["doc_id"] for r in records} & {i.doc_id for i in earlier}
    # re-runnable after the merge: the round-5 rows of items.csv are not "already in the set"
    rows = select_items.read_item_rows(REPO / "data" / "validation" / "items.csv")
    assert _as_rows(records) == \
        [r for r in rows if r["stratum"] == "round5_random"]
    assert select_items.select_round5(None, existing=earlier) == records
    assert all(r["split"] == "holdout" and int(str(r["n_chars"])) <= 4000 for r in records)
    fakes = read_fakes(None)
    assert min(select_items.attribution_score(fakes[int(str(r["fakes_row"]))]["article_content"])
               for r in records) > 0
    # spread over the outlets: fourteen, two or three articles each
    outlets = [str(r["outlet"]) for r in records]
    assert len(set(outlets)) == 14 and {outlets.count(o) for o in outlets} <= {2, 3}
    # re-running rounds 3 and 4 is not disturbed by the round-5 rows in items.csv
    assert _as_rows(select_items.select_round3(None, existing=existing)) == \
        [r for r in rows if r["stratum"].startswith("round3_")]
    assert _as_rows(select_items.select_round4(None, existing=existing)) == \
        [r for r in rows if r["stratum"] == "round4_attribution"]


def test_round6_draws_only_articles_that_quote(tmp_path: Path) -> None:
    from tools.validation.sources import Item
    quoted = 'The governor said "the road is open again" on Monday. '
    said = "The official said so without quoting anyone. "
    rows = ([("1", "ahram", quoted + str(k)) for k in range(50)] + [("2", "sana", quoted + "x")]
            + [("3", "sana", said + "y")] + [("4", "sana", 'He said "no" twice.')]
            + [("5", "etilaf", quoted * 80)])
    path = _fakes_csv(tmp_path / "fakes.csv", rows)
    taken = Item(doc_id="fakes-0000", source="fakes", fakes_row=0, unit_id="1", corpus_doc_id="FA-KES-dev:1",
                 sha256=sha256(quoted + "0"), outlet="ahram", split="dev", round1=True, round2=False,
                 stratum="quote_rich", written_by_team=False, off_topic=False, n_chars=1)
    records = select_items.select_round6(path, existing=[taken])
    assert records == select_items.select_round6(path, existing=[taken])  # seeded, re-runnable
    assert len(records) == select_items.RANDOM_ROUND_ARTICLES
    doc_ids = [r["doc_id"] for r in records]
    # the small outlet gives its one quoting article; attribution without quotation marks,
    # a one-word quotation, a text too long or already taken are not drawn
    assert "fakes-0050" in doc_ids and not {"fakes-0051", "fakes-0052", "fakes-0053", "fakes-0000"} & set(doc_ids)
    assert doc_ids[:39] != [f"fakes-{k:04d}" for k in range(1, 40)]  # a random draw
    for record in records:  # selected as held out, retired to test once read
        assert record["split"] == "test" and record["stratum"] == "round6_quotes"
        assert list(record) == list(select_items.ITEM_COLUMNS)
    with pytest.raises(SystemExit):
        select_items.main(["--round6", "--out", str(REPO / "data" / "validation" / "r6.csv")])
    # round 7 draws the same way with its own seed, among what round 6 did not take
    round7 = select_items.select_round7(path, existing=[taken, *_as_items(records, tmp_path / "items.csv")])
    assert not {r["doc_id"] for r in round7} & set(doc_ids)
    assert {r["stratum"] for r in round7} == {"round7_quotes"} and {r["split"] for r in round7} == {"holdout"}
    assert "fakes-0051" not in {r["doc_id"] for r in round7}


def test_round6_selection_on_the_shared_copy() -> None:
    from tools.validation.sources import default_fakes_path, read_fakes
    if not default_fakes_path().is_file():
        pytest.skip("the FA-KES copy (../shared/data/fa-kes-dev) is not beside the repository")
    existing = read_items()
    records = select_items.select_round6(None, existing=existing)
    assert len(records) == 40 and len({r["sha256"] for r in records}) == 40
    earlier = [i for i in existing if not i.stratum.startswith(("round6_", "round7_"))]
    assert not {r["sha256"] for r in records} & {i.sha256 for i in earlier}  # rounds 1-5 included
    assert not {r["doc_id"] for r in records} & {i.doc_id for i in earlier}
    # re-runnable after the merge: the round-6 rows of items.csv are not "already in the set"
    rows = select_items.read_item_rows(REPO / "data" / "validation" / "items.csv")
    assert _as_rows(records) == \
        [r for r in rows if r["stratum"] == "round6_quotes"]
    assert select_items.select_round6(None, existing=earlier) == records
    assert all(r["split"] == "test" and int(str(r["n_chars"])) <= 4000 for r in records)
    fakes = read_fakes(None)
    assert min(select_items.quoted_stretches(fakes[int(str(r["fakes_row"]))]["article_content"])
               for r in records) > 0
    # every outlet whose remaining articles quote: seven, five or six articles each
    outlets = [str(r["outlet"]) for r in records]
    assert len(set(outlets)) == 7 and {outlets.count(o) for o in outlets} <= {5, 6}
    # re-running rounds 3, 4 and 5 is not disturbed by the rows of rounds 6 and 7 in items.csv
    for select, stratum in ((select_items.select_round3, "round3_"), (select_items.select_round4, "round4_"),
                            (select_items.select_round5, "round5_")):
        assert _as_rows(select(None, existing=existing)) == \
            [r for r in rows if r["stratum"].startswith(stratum)]


def test_round7_selection_on_the_shared_copy() -> None:
    from tools.validation.sources import default_fakes_path, read_fakes
    if not default_fakes_path().is_file():
        pytest.skip("the FA-KES copy (../shared/data/fa-kes-dev) is not beside the repository")
    existing = read_items()
    records = select_items.select_round7(None, existing=existing)
    assert len(records) == 40 and len({r["sha256"] for r in records}) == 40
    earlier = [i for i in existing if not i.stratum.startswith("round7_")]
    assert not {r["sha256"] for r in records} & {i.sha256 for i in earlier}  # rounds 1-6 included
    assert not {r["doc_id"] for r in records} & {i.doc_id for i in earlier}
    # re-runnable after the merge: the round-7 rows of items.csv are not "already in the set"
    rows = select_items.read_item_rows(REPO / "data" / "validation" / "items.csv")
    assert _as_rows(records) == \
        [r for r in rows if r["stratum"] == "round7_quotes"]
    assert select_items.select_round7(None, existing=earlier) == records
    assert all(r["split"] == "holdout" and int(str(r["n_chars"])) <= 4000 for r in records)
    fakes = read_fakes(None)
    assert min(select_items.quoted_stretches(fakes[int(str(r["fakes_row"]))]["article_content"])
               for r in records) > 0
    # spread over the seven outlets by filling the smallest first: an outlet with quoting
    # articles left outside the set gave the largest share or one less (the remainder)
    outlets = [str(r["outlet"]) for r in records]
    assert len(set(outlets)) == 7
    left = {fakes[i]["source"] for i in select_items._eligible(fakes, existing)
            if select_items.quoted_stretches(fakes[i]["article_content"]) > 0}
    assert left and min(outlets.count(o) for o in left) >= max(outlets.count(o) for o in outlets) - 1
    assert min(outlets.count(o) for o in outlets) < max(outlets.count(o) for o in outlets) - 1  # small ones gave all
    # re-running rounds 3 to 6 is not disturbed by the round-7 rows in items.csv
    for select, stratum in ((select_items.select_round3, "round3_"), (select_items.select_round4, "round4_"),
                            (select_items.select_round5, "round5_"), (select_items.select_round6, "round6_")):
        assert _as_rows(select(None, existing=existing)) == \
            [r for r in rows if r["stratum"].startswith(stratum)]


def _as_rows(records: list[dict[str, object]]) -> list[dict[str, str]]:
    """Selected records as the text rows of ``items.csv``."""
    return [{k: str(v) for k, v in r.items()} for r in records]


def _as_items(records: list[dict[str, object]], path: Path) -> list[Item]:
    """Selected records read back as :class:`Item` by the project's own reader."""
    import csv
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=select_items.ITEM_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(records)
    return read_items(path)
