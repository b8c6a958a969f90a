"""Shared docstring text: one wording per parameter that recurs (private).

In the manner of seaborn's ``_docstrings``: a parameter that many public functions
take (``corpus``, ``lexicon``, ``voice``, ``window``, ...) is described once, here,
and each docstring pulls the paragraph in, so the same argument is explained the same
way everywhere and a change to its meaning is made in one place.

Usage: write ``{name}`` alone on a line of a numpydoc ``Parameters`` section and
decorate the function with :func:`share_docs`; the line becomes the paragraph of
:data:`PARAMS` under that name, at the line's indentation. Other braces in a
docstring are left alone, and an unknown ``{name}`` on a line of its own is an error
at import time (so a typo cannot reach a user)::

    @share_docs
    def kwic(corpus, pattern=None, *, lexicon=None, window=5):
        '''Keyword in context.

        Parameters
        ----------
        {corpus}
        {pattern}
        {lexicon}
        {window}
        '''

Docstring conventions of mediakit
---------------------------------
* numpydoc sections (``Parameters``, ``Returns``, ``Raises``, ``See Also``), each
  parameter with its type and default: ``window : int, default 5``.
* A returned table lists its columns with their dtypes, in order.
* ``min_<what>`` is always "at least this much of <what>" (``>=``), named after what
  it measures. Counts are ints: ``min_count`` is the fewest occurrences of the row's
  own item (a word, a candidate spelling), ``min_docs`` the fewest articles,
  ``min_mentions`` the fewest mentions (each keeps rows with at least that many, and
  is at least 1), ``min_per_stratum`` the fewest items drawn per stratum (0 or
  more). A cut on a measure is a float in [0, 1]: ``min_distance`` (a total
  variation distance) and ``min_similarity`` (a Jaccard similarity).
* ``lexicon`` is the one name of a lexicon argument (see
  :func:`mediakit.lexicon.resolve_lexicon`); ``voice`` is read by
  :func:`mediakit._validation.parse_voice`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TypeVar

__all__ = ["PARAMS", "share_docs"]

#: The shared parameter paragraphs, by placeholder name.
PARAMS: dict[str, str] = {
    "corpus": """\
corpus : pandas.DataFrame
    The corpus table (:func:`mediakit.load_corpus`): ``doc_id``, ``outlet``,
    ``text`` and, when present, ``date``. Never modified.""",
    "lexicon": """\
lexicon : Lexicon, str, path-like, mapping or None, default None
    A :class:`mediakit.Lexicon`, the name of a bundled lexicon, a ``.yaml``,
    ``.yml`` or ``.json`` path, or a mapping in the file format. None is the bundled
    default, ``"conflict"``, whatever the corpus (the rule of
    :func:`mediakit.lexicon.resolve_lexicon`); for the bundled sample pass
    ``"marenna"``.""",
    "pattern": """\
pattern : str, list of str or None, default None
    What to search for: one glob in the lexicon syntax (``"rebel*"``,
    ``"*-backed armed group*"``) or a list of them, reported as actor and label
    ``"query"``. A string here is always a glob, never a lexicon name. None: every
    label of ``lexicon``. Give ``pattern`` or ``lexicon``, not both.""",
    "lexicon_or_pattern": """\
lexicon : Lexicon, str, path-like, mapping or None, default None
    With no ``pattern``, every label of this lexicon is searched for (read by
    :func:`mediakit.lexicon.resolve_lexicon`: None is the bundled default,
    ``"conflict"``).""",
    "window": """\
window : int, default 5
    Word tokens of context on each side of a match, 0 or more; tokens overlapping
    the match belong to neither side (:func:`mediakit.text.token_window`).""",
    "voice_filter": """\
voice : str, list of str or None, default None
    Keep only matches in this voice: ``"narration"``, ``"quote"``,
    ``"scare_quote"`` or a list of these; None or ``"all"`` keeps every voice
    (:func:`mediakit._validation.parse_voice`).""",
    "min_count": """\
min_count : int
    Only rows whose item occurs at least this many times (>= 1) are listed.""",
    "n_jobs": """\
n_jobs : int, default 1
    Worker processes; -1 uses every core. The result is identical to
    ``n_jobs=1``. The workers are started by the first such call and kept
    for later ones (they stop when Python exits); a corpus of fewer than
    about 40,000 words (250,000 characters) is analysed in this process.""",
    "progress": """\
progress : bool, default False
    Show a progress bar (tqdm, on stderr).""",
    # --- the comparisons (mediakit.compare, mediakit.agency) -------------------------
    "mentions": """\
mentions : pandas.DataFrame
    The mentions table of :func:`mediakit.find_mentions` or
    :func:`mediakit.analyze` (``doc_id``, ``actor``, ``label``, ``voice`` and the
    ``by`` columns). Never modified.""",
    "actor": """\
actor : str or None, default None
    The actor whose labels are compared (``"armed_opposition"``). None: every
    actor, each compared on its own, exactly as if the function were called once
    per actor (in sorted order) and the tables stacked; the ``actor`` column says
    which rows are whose.""",
    "by": """\
by : str or list of str, default "outlet"
    Column or columns defining the groups compared; they are the first columns of
    the result.""",
    "voice_count": """\
voice : str, list of str or None, default "narration"
    Which mentions count (:data:`mediakit._validation.DEFAULT_VOICE`, the rule for
    every comparison): ``"narration"``, the outlet's own words; ``"quote"``,
    ``"scare_quote"`` or a list of these; ``"all"`` or None, every voice pooled;
    ``"split"``, each voice reported separately (where the function says so). The
    result's ``voice`` column records the choice (a list as its voices joined by
    ``+``: ``"narration+scare_quote"``).""",
    "unit": """\
unit : {"mention", "article"}, default "mention"
    What ``n`` counts: every mention, or every article at most once per label. The
    result's ``unit`` column records it.""",
    "bootstrap": """\
level : float, default 0.95
    Central interval level, in (0, 1).
n_boot : int, default 2000
    Bootstrap replicates (0: no interval, ``lo`` and ``hi`` are NaN). Replicates
    resample whole articles within each group.
seed : int, default 0
    Seed of the random draws; the same seed gives the same numbers.""",
    "exclude_docs": """\
exclude_docs : str, iterable of str or None, default None
    ``doc_id`` values left out before anything is counted, e.g. the syndicated
    copies listed by :func:`mediakit.duplicate_docs_to_drop`.""",
    "by_referent": """\
by_referent : bool or None, default None
    None: when the mentions have a ``referent`` column (those of
    :func:`mediakit.find_mentions` and :func:`mediakit.analyze` do), ``actor``
    selects mentions by it, among those in scope and of form ``noun`` ("ISIL
    terrorists" counts for ``islamic_state``, "YPG terrorists" for
    ``kurdish_forces``; see :mod:`mediakit.referents`); otherwise by ``actor``.
    True: the same, and the column is required. False: by the ``actor`` column (the
    lexicon family of the label), every mention whatever its scope and form. The
    result's ``actor`` column holds the actor selected.""",
    "prior_weight": """\
prior_weight : float or None, default 1000
    Weight of the informative Dirichlet prior, in words (Monroe et al.'s
    ``alpha_0``): the prior spreads this many pseudo-words like the background's
    words, ``pseudo_count = prior_weight * n_prior / N``. None gives the prior the
    background's own size (``N``). Must be finite and positive.""",
    "stopwords": """\
stopwords : bool or iterable of str
    True leaves out the English list of the ``stop-words`` package; False keeps
    every word; or give your own words. Left-out words are neither listed nor
    counted in any total.""",
    # --- the readers (mediakit.readers: the reader contract) ---------------------------
    "reader_path": """\
path : str or path-like
    The file to read.""",
    "reader_encoding": """\
encoding : str or None, default None
    How to decode a file that is not valid UTF-8 (the fallback is logged); None
    detects it.""",
    "reader_names": """\
names : sequence of str or None, default None
    Column names of a table without a header line (every line is then data).""",
    "reader_name": """\
name : str or None, default None
    The file as messages and the load log show it; None is ``str(path)``.""",
    "batch_size": """\
batch_size : int, default 1000
    The most records in one yielded batch.""",
    "read_result": """\
ReadResult
    ``records`` (one dict per article, with ``_file`` and ``_row``), ``skipped``
    (what could not be parsed, with ``file``, ``row``, ``column``, ``reason``) and
    ``log`` (load-log entries), as the reader contract of
    :mod:`mediakit.readers` says.""",
    # --- the figures (mediakit.plot) -------------------------------------------------
    "ax": """\
ax : matplotlib.axes.Axes or None, default None
    The Axes to draw on; None draws on a new figure sized for the table.""",
    "title": """\
title : str or None, default None
    The title; None writes one from the table (naming the voice counted when the
    table has a ``voice`` column). A title given is drawn as matplotlib draws it
    (mathtext allowed); one built from data never parses mathtext.""",
    "palette": """\
palette : mapping of str to str or None, default None
    Label -> colour. :func:`mediakit.plot.label_colors` of the lexicon keeps a
    label's colour fixed across corpora and figures; labels the palette lacks follow
    the same rule in table order.""",
    "mask_token": """\
mask_token : str, default "actor"
    The neutral word put in place of each lexicon label
    (:data:`mediakit.sentiment.MASK_TOKEN`): one word, absent from VADER's
    lexicon and not itself a term of the lexicon.""",
}

_PLACEHOLDER = re.compile(r"^([ \t]*)\{(\w+)\}[ \t]*$", re.MULTILINE)

F = TypeVar("F", bound=Callable[..., object])


def fill(doc: str) -> str:
    """``doc`` with each placeholder line replaced by its :data:`PARAMS` paragraph."""

    def paragraph(match: re.Match[str]) -> str:
        indent, name = match.groups()
        if name not in PARAMS:
            raise KeyError(f"no shared docstring paragraph {name!r}; known: {sorted(PARAMS)}")
        return "\n".join(indent + line if line else line for line in PARAMS[name].splitlines())

    return _PLACEHOLDER.sub(paragraph, doc)


def share_docs(function: F) -> F:
    """Decorator: fill the shared parameter paragraphs into ``function``'s docstring."""
    if function.__doc__:
        function.__doc__ = fill(function.__doc__)
    return function
