"""mediakit: how do different news outlets describe the same actors?

Load articles from many outlets, find every label used for each actor, tell the
outlet's own voice from the people it quotes, score the tone around each mention and
compare outlets with honest statistics. See ``README.md`` and the notebooks.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from . import plot
from .agency import agency_by_outlet, agency_gap
from .analysis import Analysis, analyze
from .compare import (
    distinguishing_contexts,
    distinguishing_words,
    duplicate_docs_to_drop,
    find_duplicates,
    label_change_points,
    label_rates,
    label_shares,
    label_shares_over_time,
    tone_by_label,
)
from .corpus import CORPUS_COLUMNS, iter_corpus, load_corpus, load_sample, validate_corpus
from .errors import CorpusError, LexiconError, MediakitError
from .events import EventLexicon, find_events, load_event_lexicon
from .fetch import fetch_articles
from .framing import audit_lexicon, collocates, find_mentions, kwic
from .lexicon import Lexicon, list_lexicons, load_lexicon
from .scale import AnalysisFiles, DaskAnalysis, analyze_dask, analyze_stream, read_analysis
from .sentiment import score_documents, score_mentions, score_sentences, score_texts
from .text import sentences, split_sentences, tokenize
from .voice import find_quotes, voice_spans

try:
    __version__ = version("mediakit")
except PackageNotFoundError:  # running from a source checkout that is not installed
    __version__ = "0+unknown"

__all__ = [
    "Analysis",
    "AnalysisFiles",
    "CORPUS_COLUMNS",
    "CorpusError",
    "DaskAnalysis",
    "EventLexicon",
    "Lexicon",
    "LexiconError",
    "MediakitError",
    "__version__",
    "agency_by_outlet",
    "agency_gap",
    "analyze",
    "analyze_dask",
    "analyze_stream",
    "audit_lexicon",
    "collocates",
    "distinguishing_contexts",
    "distinguishing_words",
    "duplicate_docs_to_drop",
    "fetch_articles",
    "find_duplicates",
    "find_events",
    "find_mentions",
    "find_quotes",
    "iter_corpus",
    "kwic",
    "label_change_points",
    "label_rates",
    "label_shares",
    "label_shares_over_time",
    "list_lexicons",
    "load_corpus",
    "load_event_lexicon",
    "load_lexicon",
    "load_sample",
    "plot",
    "read_analysis",
    "score_documents",
    "score_mentions",
    "score_sentences",
    "score_texts",
    "sentences",
    "split_sentences",
    "tokenize",
    "tone_by_label",
    "validate_corpus",
    "voice_spans",
]
