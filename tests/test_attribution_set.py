"""The written attribution set and its scorer, benchmarks/attribution.py (issue 14).

What is checked is the data and the scoring machinery: every answer-key line points at
exactly one place in its article, the splits follow their documented rule, bad key
files are errors naming the file and line, and the scorer counts every gold quotation.
mediakit's own accuracy on the set is measured by the script, never asserted here.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SET = REPO / "data" / "validation" / "attribution"
SCRIPT = REPO / "benchmarks" / "attribution.py"
sys.path.insert(0, str(REPO / "benchmarks"))

import attribution  # noqa: E402  (a script of benchmarks/, imported for its functions)


@pytest.mark.parametrize("split, n_articles", [("dev", 30), ("dev-odd", 30), ("holdout2", 60)])
def test_every_key_line_locates_exactly_once_in_its_split(split, n_articles):
    texts, gold = attribution.load_split(SET / split)
    assert len(texts) == n_articles
    assert len(gold) == len(attribution.load_key(SET / split / "quotes.jsonl"))
    body = dict(zip(texts["doc_id"], texts["text"]))
    for row in gold.to_dict("records"):
        assert body[row["doc_id"]][row["start"]:row["end"]] == row["gold_text"]
        assert row["gold_text"][0] in "\"“‘'"  # a span starts at its opening mark


@pytest.mark.parametrize("split, parity", [("dev", 0), ("dev-odd", 1)])
def test_split_rule_even_articles_dev_odd_articles_dev_odd(split, parity):
    numbers = [int(re.match(r"w[ab]-(\d\d)-", p.name).group(1)) for p in (SET / split / "articles").glob("*.txt")]
    assert numbers and all(n % 2 == parity for n in numbers)


def test_second_round_is_all_holdout_and_apart_from_the_first():
    # round 2 (writers WC and WD) is wholly the unseen split; round 1 (WA, WB) never enters it
    names = [p.name for p in (SET / "holdout2" / "articles").glob("*.txt")]
    assert len(names) == 60 and all(re.match(r"w[cd]-\d\d-", n) for n in names)
    for split in ("dev", "dev-odd"):
        assert all(re.match(r"w[ab]-", p.name) for p in (SET / split / "articles").glob("*.txt"))


def test_key_fields_are_consistent():
    for split in ("dev", "dev-odd", "holdout2"):
        for rec in attribution.load_key(SET / split / "quotes.jsonl"):
            assert rec["speaker_kind"] in {"person", "organisation", "description", "none"}
            assert (rec["speaker_kind"] == "none") == (rec["speaker"] == ""), rec
            assert rec["is_scare_quote"] in {"yes", "no"}
            if rec["is_scare_quote"] == "yes":
                assert rec["speaker"] == ""
            # the adjudicated answer is the writer's or the coder's, and says why when it differs
            assert rec["speaker"] in (rec["writer_speaker"], rec["coder_speaker"])
            if rec["writer_speaker"] != rec["coder_speaker"] and rec["speaker"] != rec["writer_speaker"]:
                assert rec["adjudication"]


def _write_split(root: Path, key_lines: list[str], body: str = "“We will stay,” Dana Ilves said.") -> Path:
    folder = root / "dev"
    (folder / "articles").mkdir(parents=True)
    (folder / "articles" / "wa-02-one.txt").write_text(
        f"---\noutlet: Test Wire\ndate: '2024-01-02'\ntitle: One\n---\n{body}\n", encoding="utf-8")
    (folder / "quotes.jsonl").write_text("\n".join(key_lines) + "\n", encoding="utf-8")
    return folder


def _key(**fields: str) -> str:
    rec = {"doc": "wa-02-one", "id": "q1", "text": "“We will stay,”", "speaker": "Dana Ilves",
           "speaker_kind": "person", "is_scare_quote": "no"}
    rec.update(fields)
    return json.dumps(rec, ensure_ascii=False)


def test_bad_json_line_is_an_error_naming_file_and_line(tmp_path):
    folder = _write_split(tmp_path, [_key(), "{not json"])
    with pytest.raises(ValueError, match=r"quotes\.jsonl, line 2: not JSON"):
        attribution.load_key(folder / "quotes.jsonl")


def test_missing_field_is_an_error_naming_the_field(tmp_path):
    line = json.dumps({"doc": "wa-02-one", "id": "q1", "text": "“We will stay,”"})
    folder = _write_split(tmp_path, [line])
    with pytest.raises(ValueError, match=r"line 1: missing field\(s\) speaker, speaker_kind, is_scare_quote"):
        attribution.load_key(folder / "quotes.jsonl")


@pytest.mark.parametrize("text, where", [("“We will go,”", "nowhere"), ("“", "twice")])
def test_quotation_text_must_occur_exactly_once(tmp_path, text, where):
    folder = _write_split(tmp_path, [_key(text=text)], body="“We will stay,” she said. “Yes.”")
    with pytest.raises(ValueError, match=rf"line 1: quotation text found {where} in 'wa-02-one'"):
        attribution.load_split(folder)


def test_unknown_article_is_an_error(tmp_path):
    folder = _write_split(tmp_path, [_key(doc="wa-04-missing")])
    with pytest.raises(ValueError, match=r"line 1: no article 'wa-04-missing'"):
        attribution.load_split(folder)


def test_agreement_counts_lenient_speaker_matches_and_lists_disagreements():
    def rec(doc, writer, coder, kind="person"):
        return {"doc": doc, "id": "q1", "speaker": writer, "writer_speaker": writer, "coder_speaker": coder,
                "writer_speaker_kind": kind, "coder_speaker_kind": kind,
                "writer_is_scare_quote": "no", "coder_is_scare_quote": "no"}
    lines = attribution.agreement([[rec("a", "Dana Ilves", "Ilves"), rec("b", "Dana Ilves", "Dana Ilves"),
                                    rec("c", "", "a banner", "none")]])
    assert lines[0] == "quotations: 3"
    assert lines[1] == "speaker agreement: 2/3 = 0.667"
    assert lines[-1] == "  c q1: writer '', coder 'a banner', adjudicated ''"


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True,
                          cwd=REPO, timeout=600)


def test_script_scores_every_gold_quotation_of_each_split():
    result = _run()
    assert result.returncode == 0, result.stderr
    for split in ("dev", "dev-odd", "holdout2"):
        key = attribution.load_key(SET / split / "quotes.jsonl")
        named = sum(1 for r in key if r["speaker"] and r["is_scare_quote"] == "no")
        line = next(ln for ln in result.stdout.splitlines() if ln.split()[:2] == [split, "speaker_acc_all"])
        assert line.endswith(f"/{named})")


def test_script_never_lists_holdout_errors(tmp_path):
    folder = _write_split(tmp_path, [_key()])
    holdout = folder.rename(tmp_path / "holdout2")
    result = _run("--data", str(holdout), "--errors")
    assert result.returncode == 2
    assert "--errors never lists the holdout split" in result.stderr
    scored = _run("--data", str(holdout))  # its aggregate lines may be printed
    assert scored.returncode == 0, scored.stderr
    assert "holdout2 speaker_acc_found" in scored.stdout
