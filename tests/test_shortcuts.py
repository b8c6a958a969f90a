"""Shortcuts on analyze's hot path (issue 19) give exactly the answers of the full
computation they skip: each is a cheap test that decides when the full one surely
has nothing to find or nothing to change."""

from __future__ import annotations

import re
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mediakit import referents as referents_module

# --- referents: the claim regex runs only where one of its words is -----------------


def test_claim_words_match_only_ascii_letters_and_two_dotted_is():
    """_may_claim's premise: under re.IGNORECASE the letters of "claim", "carried"
    and "behind" match only themselves in either case, and "i" also the dotted
    capital and the dotless i."""
    letters = set("claimcarriedbehind")
    odd = {
        chr(code)
        for code in range(128, sys.maxunicode + 1)
        if any(re.fullmatch(letter, chr(code), re.IGNORECASE) for letter in letters)
    }
    assert odd == {"\u0130", "\u0131"}


_CLAIM_PIECES = st.sampled_from(
    [
        "IS ", "claimed ", "Claims ", "CLAIMING ", "responsibility", "credit", "for the ",
        "attack", "bombings", "blast", "its ", "Their ", "fighters ", "militants ",
        "had ", "carried ", "CARRIED ", "out", "believed ", "thought ", "said ", "to ",
        "be ", "have been ", "behind", "Behind ", "cla\u0130med ", "cla\u0131m ",
        "carr\u0130ed ", "beh\u0131nd", "\u0130", "\u0131", "\u017f", "\u212a", " ", "\n",
        ".", ",", "the ", "group ", "é",
    ]
)  # fmt: skip


@settings(max_examples=600, deadline=None)
@given(st.lists(_CLAIM_PIECES, max_size=30).map("".join))
def test_may_claim_is_false_only_without_a_claim(text):
    found = referents_module._CLAIM_RE.search(text) is not None
    if found:
        assert referents_module._may_claim(text)


def test_may_claim_examples():
    may = referents_module._may_claim
    assert may("Islamic State CLAIMED RESPONSIBILITY for the bombing.")
    assert may("Its fighters had carried out the raid.")
    assert may("They are thought to be behind it.")
    assert may("Cla\u0130med credit")  # matched by the regex under IGNORECASE
    assert referents_module._CLAIM_RE.search("Cla\u0130med credit")
    assert not may("Rebels shelled the town on Tuesday, the monitor said.")
    assert referents_module._CLAIM_RE.search(
        "Rebels shelled the town on Tuesday, the monitor said.") is None


# --- lexicon: the generic labels' mapping is built once per lexicon -----------------


def test_generic_is_built_once_equal_to_its_definition_and_not_pickled():
    import copy
    import pickle

    from mediakit.lexicon import load_lexicon

    generic_labels = 0
    for name in ("conflict", "syria", "marenna"):
        lexicon = load_lexicon(name)
        pickled_before = pickle.dumps(lexicon)
        generic = lexicon.generic
        assert lexicon.generic is generic  # built once
        # the documented mapping, from the lexicon's own actors and labels
        every = tuple(actor.name for actor in lexicon._actors)
        expected = {
            actor.name: {lb.name: lb.refers_to or every for lb in actor.labels if lb.generic}
            for actor in lexicon._actors
        }
        assert {a: dict(m) for a, m in generic.items()} == expected
        with pytest.raises(TypeError):
            generic[every[0]] = {}  # type: ignore[index]
        # the cache stays out of pickles and copies: same bytes as before it was built
        assert pickle.dumps(lexicon) == pickled_before
        again = pickle.loads(pickle.dumps(lexicon))
        assert again == lexicon
        assert {a: dict(m) for a, m in again.generic.items()} == expected
        assert copy.deepcopy(lexicon).generic == generic
        generic_labels += sum(len(labels) for labels in generic.values())
    assert generic_labels > 5
