"""The bundled sample corpus has every feature later analyses rely on (data/README.md).

Each test measures the property on the corpus as `mediakit.load_sample()` returns it, so
editing an article in a way that breaks a documented feature makes a test fail. Labels
are counted with plain regular expressions on purpose: the lexicon module is tested on
its own, and these tests must not depend on it.
"""

from __future__ import annotations

import itertools
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

import mediakit
from mediakit.errors import CorpusError

SAMPLE_DIR = Path(__file__).resolve().parents[1] / "data" / "sample"

PERIOD_START = pd.Timestamp("2025-01-06")
PERIOD_END = pd.Timestamp("2025-03-31")  # exclusive: the period ends on Sunday 2025-03-30
FIRST_WEEKS_END = pd.Timestamp("2025-01-27")  # the first three weeks: Jan 6 to Jan 26
LAST_WEEKS_START = pd.Timestamp("2025-03-10")  # the last three weeks: Mar 10 to Mar 30
LISS_BOMBING = pd.Timestamp("2025-02-12")
SHIFTING_OUTLET = "The Meridian Chronicle"

# The seven competing labels for the armed groups, as the issue names them.
ARMED_GROUP_LABELS: dict[str, str] = {
    "terrorist": r"\bterrorists?\b|\bterror groups?\b",
    "rebel": r"\brebels?\b",
    "opposition": r"\bopposition (?:forces|fighters)\b|\barmed opposition\b",
    "militant": r"\bmilitants?\b",
    "jihadist": r"\bjihadists?\b",
    "armed group": r"\barmed groups?\b",
    "insurgent": r"\binsurgents?\b",
}
STATE_LABELS: dict[str, str] = {"regime": r"\bregime\b", "government": r"\bgovernment\b"}

_WORD = re.compile(r"[A-Za-z0-9]+(?:['’-][A-Za-z0-9]+)*")


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _count(pattern: str, text: str) -> int:
    return len(re.findall(pattern, text, flags=re.IGNORECASE))


def _five_grams(text: str) -> set[tuple[str, ...]]:
    tokens = [w.lower() for w in _words(text)]
    return {tuple(tokens[i : i + 5]) for i in range(len(tokens) - 4)}


def _jaccard(a: set, b: set) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0


@pytest.fixture(scope="module")
def sample() -> pd.DataFrame:
    return mediakit.load_sample()


@pytest.fixture(scope="module")
def outlet_text(sample: pd.DataFrame) -> dict[str, str]:
    return {outlet: "\n\n".join(group["text"]) for outlet, group in sample.groupby("outlet")}


def test_size_outlets_and_articles(sample: pd.DataFrame) -> None:
    per_outlet = sample["outlet"].value_counts()
    assert len(per_outlet) >= 6
    assert len(sample) >= 48
    assert per_outlet.min() >= 6, per_outlet.to_dict()
    assert sample["doc_id"].is_unique
    assert sample["title"].str.len().gt(0).all()


def test_metadata_is_complete_and_fictional(sample: pd.DataFrame) -> None:
    assert sample["date"].notna().all()
    hosts = sample["url"].str.extract(r"^https://([^/]+)/", expand=False)
    assert hosts.notna().all()
    assert hosts.str.endswith(".example").all(), "sample URLs must use reserved .example domains"
    assert sample["url"].is_unique
    # One domain per outlet, so the url column agrees with the outlet column.
    assert hosts.groupby(sample["outlet"]).nunique().eq(1).all()


def test_every_article_is_120_to_600_words(sample: pd.DataFrame) -> None:
    lengths = sample["text"].map(lambda t: len(_words(t)))
    out_of_range = sample.loc[~lengths.between(120, 600), "doc_id"].tolist()
    assert not out_of_range, out_of_range
    # Lengths vary: short news items and long analyses both occur.
    assert lengths.min() < 180 and lengths.max() > 400


def test_articles_are_plain_paragraphs(sample: pd.DataFrame) -> None:
    for doc_id, text in zip(sample["doc_id"], sample["text"]):
        paragraphs = text.split("\n\n")
        assert len(paragraphs) >= 3, doc_id
        assert all(p.strip() == p and p for p in paragraphs), doc_id
        assert not re.search(r"^(#|\*|-\s|>)|\*\*|\[[^\]]*\]\(", text, flags=re.MULTILINE), doc_id


def test_period_weeks_and_coverage_per_outlet(sample: pd.DataFrame) -> None:
    dates = sample["date"]
    assert dates.ge(PERIOD_START).all() and dates.lt(PERIOD_END).all()
    iso_weeks = dates.dt.isocalendar().week
    assert iso_weeks.nunique() >= 10
    early = sample.loc[dates.lt(FIRST_WEEKS_END), "outlet"]
    late = sample.loc[dates.ge(LAST_WEEKS_START), "outlet"]
    outlets = set(sample["outlet"])
    assert set(early) == outlets, outlets - set(early)
    assert set(late) == outlets, outlets - set(late)


def test_straight_and_curly_typography(outlet_text: dict[str, str]) -> None:
    curly = {o for o, t in outlet_text.items() if re.search("[“”‘’]", t)}
    straight = {o for o, t in outlet_text.items() if re.search("[\"']", t)}
    assert len(curly) >= 2 and len(straight) >= 2, (curly, straight)
    for outlet in curly:  # curly house style uses both marks, opening and closing
        assert all(mark in outlet_text[outlet] for mark in "“”’"), outlet
    # Each outlet keeps one house typography throughout.
    assert not curly & straight, curly & straight
    everything = "\n".join(outlet_text.values())
    # Contractions and possessives with both apostrophes, and a curly negation.
    assert re.search(r"\w'(?:t|s|re|ve|m)\b", everything)
    assert re.search(r"\w’(?:t|s|re|ve|m)\b", everything)
    assert re.search(r"\b\w+n’t\b", everything)
    assert re.search(r"s' \w", everything) or re.search(r"s’ \w", everything)  # plural possessive


def test_all_seven_armed_group_labels_occur_many_times(sample: pd.DataFrame) -> None:
    for label, pattern in ARMED_GROUP_LABELS.items():
        mentions = sample["text"].map(lambda t, p=pattern: _count(p, t))
        assert mentions.sum() >= 8, (label, mentions.sum())
        assert mentions.gt(0).sum() >= 4, (label, mentions.gt(0).sum())


def test_outlets_prefer_different_labels(sample: pd.DataFrame) -> None:
    preferred: dict[str, str] = {}
    for outlet, group in sample.groupby("outlet"):
        totals = {
            label: sum(_count(p, t) for t in group["text"])
            for label, p in ARMED_GROUP_LABELS.items()
        }
        label = max(totals, key=totals.get)
        preferred[outlet] = label
        # The house label is a habit, not an accident: it is in most of the outlet's articles.
        in_articles = group["text"].map(lambda t, p=ARMED_GROUP_LABELS[label]: _count(p, t) > 0)
        assert in_articles.mean() > 0.5, (outlet, label, in_articles.mean())
    assert len(set(preferred.values())) >= 5, preferred


def test_regime_and_government_are_preferred_by_different_outlets(
    outlet_text: dict[str, str],
) -> None:
    regime_outlets, government_outlets = set(), set()
    for outlet, text in outlet_text.items():
        regime = _count(STATE_LABELS["regime"], text)
        government = _count(STATE_LABELS["government"], text)
        if regime > 2 * government:
            regime_outlets.add(outlet)
        elif government > 2 * regime:
            government_outlets.add(outlet)
    assert len(regime_outlets) >= 2, regime_outlets
    assert len(government_outlets) >= 2, government_outlets


def test_named_groups_with_generic_labels(sample: pd.DataFrame) -> None:
    everything = "\n".join(sample["text"])
    named = r"(?:KLF|Dawn Brigades|Free Kessel Army)"
    generic = r"(?:rebels|militants|terrorists|fighters|extremists|jihadists|insurgents)"
    pairs = set(re.findall(rf"\b({named} {generic})\b", everything))
    assert len(pairs) >= 4, pairs


def test_scare_quotes_and_so_called(sample: pd.DataFrame) -> None:
    everything = "\n".join(sample["text"])
    # "so-called" before a quoted term and before a bare term.
    assert re.search(r"so-called [\"“]\w", everything)
    assert re.search(r"so-called (?!(?:[\"“]))\w", everything)
    # Short quoted terms (one to three words) inside a sentence: scare quotes.
    short_quoted = re.findall(r"\w [\"“](\w+(?:[ -]\w+){0,2})[\"”] \w", everything)
    assert len(short_quoted) >= 5, short_quoted


def test_negated_labels(sample: pd.DataFrame) -> None:
    everything = "\n".join(sample["text"])
    negated = re.findall(
        r"\b(?:not|isn['’]t|aren['’]t)\s+(?:\w+\s+){0,2}?(terrorists?|rebels?|freedom fighters)\b",
        everything,
        flags=re.IGNORECASE,
    )
    assert {n.lower().rstrip("s") for n in negated} >= {"terrorist", "rebel"}, negated


def test_direct_quotes_with_varied_attribution(sample: pd.DataFrame) -> None:
    everything = "\n".join(sample["text"])
    forms = {
        "closing ..., X said": r"[,?!][\"”] [A-Z]\w+ said\.",
        "said the minister": r"[\"”],? said the minister",
        "told reporters": r"[\"”],? (?:Col\. )?(?:Petr )?Sandor told reporters",
        "according to": r"\bAccording to Adeyemi\b",
        "pronoun said": r",[\"”] (?:she|he) said\.",
    }
    missing = [name for name, pattern in forms.items() if not re.search(pattern, everything)]
    assert not missing, missing


def test_quotes_running_over_two_paragraphs(sample: pd.DataFrame) -> None:
    """English convention: the first paragraph has no closing mark, the next one reopens."""
    found = {"straight": 0, "curly": 0}
    for text in sample["text"]:
        paragraphs = text.split("\n\n")
        for first, second in itertools.pairwise(paragraphs):
            # The quote may open anywhere in the first paragraph; it is left open there.
            if first.count("“") > first.count("”") and second.startswith("“"):
                found["curly"] += 1
            if first.count('"') % 2 == 1 and second.startswith('"'):
                found["straight"] += 1
    assert found["curly"] >= 1 and found["straight"] >= 1, found


def test_abbreviations_that_do_not_end_sentences(sample: pd.DataFrame) -> None:
    everything = "\n".join(sample["text"])
    for abbreviation in ("U.N. ", "Dr. ", "Col. ", "Gen. ", "Jan. ", "Feb. ", "U.S. "):
        assert abbreviation in everything, abbreviation
    assert re.search(r"^[A-Z]+, \w{3}\.? \d+ \(NPA\) —", everything, flags=re.MULTILINE)


def test_spelling_variants_for_the_lexicon_audit(sample: pd.DataFrame) -> None:
    everything = "\n".join(sample["text"])
    tarvian_backed = _count(r"\bTarvian-backed\b", everything)
    tarvia_backed = _count(r"\bTarvia-backed\b", everything)
    assert tarvian_backed > tarvia_backed >= 2
    for variant in (r"\binsurgency\b", r"\bterror group\b", r"\banti-government\b", r"\bpro-regime\b"):
        assert _count(variant, everything) >= 1, variant


def test_syndicated_wire_story_and_no_other_near_duplicates(sample: pd.DataFrame) -> None:
    assert "syndicated_from" in sample.columns
    flagged = sample[sample["syndicated_from"].notna()]
    assert len(flagged) == 2
    assert flagged["syndicated_from"].nunique() == 1
    agency = flagged["syndicated_from"].iloc[0]
    assert flagged["outlet"].nunique() == 2
    assert flagged["title"].nunique() == 2
    assert abs(flagged["date"].iloc[0] - flagged["date"].iloc[1]) <= pd.Timedelta(days=1)
    assert all(agency in text for text in flagged["text"])  # credited in the copy itself
    first, second = (_five_grams(t) for t in flagged["text"])
    similarity = _jaccard(first, second)
    assert 0.8 < similarity < 1.0, similarity  # nearly verbatim, yet edited

    grams = {doc_id: _five_grams(t) for doc_id, t in zip(sample["doc_id"], sample["text"])}
    syndicated = set(flagged["doc_id"])
    for a, b in itertools.combinations(grams, 2):
        if {a, b} == syndicated:
            continue
        assert _jaccard(grams[a], grams[b]) < 0.3, (a, b)


def test_labelling_shift_after_the_liss_bombing(sample: pd.DataFrame) -> None:
    outlet = sample[sample["outlet"] == SHIFTING_OUTLET]
    before = outlet[outlet["date"] < LISS_BOMBING]
    after = outlet[outlet["date"] >= LISS_BOMBING]
    assert len(before) >= 3 and len(after) >= 3

    def rate(articles: pd.DataFrame, pattern: str) -> float:
        hits = sum(_count(pattern, t) for t in articles["text"])
        words = sum(len(_words(t)) for t in articles["text"])
        return 1000 * hits / words

    rebel = r"\brebels?\b"
    militant_or_extremist = r"\b(?:militants?|extremists?)\b"
    # Per 1,000 words, with one pseudo-mention so that a zero on one side still compares.
    assert rate(before, rebel) > 4 * max(rate(after, rebel), 1000 / sum(len(_words(t)) for t in after["text"]))
    assert rate(after, militant_or_extremist) > 4 * rate(before, militant_or_extremist)
    # The shift is consistent article by article, not carried by one story.
    for text in before["text"]:
        assert _count(rebel, text) > _count(militant_or_extremist, text)
    for text in after["text"]:
        assert _count(militant_or_extremist, text) > _count(rebel, text)


def test_a_damaged_copy_of_the_sample_fails_loudly(tmp_path: Path) -> None:
    if not SAMPLE_DIR.is_dir():
        pytest.skip("data/sample is not beside the tests (installed package without a source checkout)")
    copy = tmp_path / "sample"
    shutil.copytree(SAMPLE_DIR, copy)
    victim = sorted(copy.rglob("*.md"))[0]
    text = victim.read_text(encoding="utf-8")
    victim.write_text(text.replace("\ntitle: ", '\ntitle: "', 1), encoding="utf-8")
    with pytest.raises(CorpusError) as excinfo:
        mediakit.load_corpus(copy)
    assert victim.name in str(excinfo.value)
