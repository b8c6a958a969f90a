"""mediakit: how do different news outlets describe the same actors?

Load articles from many outlets, find every label used for each actor, tell the
outlet's own voice from the people it quotes, score the tone around each mention and
compare outlets with honest statistics. See ``README.md`` and the notebooks.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

from . import plot
from .agency import agency_by_outlet, agency_gap
from .analysis import Analysis, analyze
from .audit import audit_lexicon
from .coding import (
    CodingError,
    alpha_by_field,
    coding_sheet,
    krippendorff_alpha,
    load_sample_coding,
    read_coding,
    validation_report,
    write_coding_sheet,
)
from .compare import (
    distinguishing_contexts,
    distinguishing_words,
    label_change_points,
    label_rates,
    label_shares,
    label_shares_over_time,
    tone_by_label,
    voice_by_label,
)
from .concordance import collocates, kwic
from .corpus import CORPUS_COLUMNS, iter_corpus, load_corpus, load_log, load_sample, validate_corpus
from .dedup import duplicate_docs_to_drop, find_duplicates
from .errors import (
    CorpusError,
    CorpusWarning,
    InvalidParameterError,
    LexiconError,
    MediakitError,
    MissingColumnsError,
)
from .events import EventLexicon, find_events, load_event_lexicon
from .fetch import fetch_articles
from .lexicon import Lexicon, list_lexicons, load_lexicon
from .mentions import find_mentions, mention_sentences
from .referents import counted_mentions, decide_referents, scope_report
from .report import build_report, write_report
from .scale import AnalysisFiles, DaskAnalysis, analyze_dask, analyze_stream, read_analysis
from .sentiment import score_documents, score_mentions, score_sentences, score_texts
from .text import sentences, split_sentences, tokenize
from .voice import find_quotes, voice_spans

if TYPE_CHECKING:
    from .widgets import explorer, lexicon_editor

# The widgets load ipywidgets, which `import mediakit` does not need: they are imported
# on first use of mediakit.explorer or mediakit.lexicon_editor (PEP 562).
_WIDGETS = ("explorer", "lexicon_editor")


def __getattr__(name: str) -> Any:
    if name in _WIDGETS:
        from . import widgets

        return getattr(widgets, name)
    raise AttributeError(f"module 'mediakit' has no attribute {name!r}")


try:
    __version__ = version("mediakit")
except PackageNotFoundError:  # running from a source checkout that is not installed
    __version__ = "0+unknown"

__all__ = [
    "Analysis",
    "AnalysisFiles",
    "CORPUS_COLUMNS",
    "CodingError",
    "CorpusError",
    "CorpusWarning",
    "DaskAnalysis",
    "EventLexicon",
    "InvalidParameterError",
    "Lexicon",
    "LexiconError",
    "MediakitError",
    "MissingColumnsError",
    "__version__",
    "agency_by_outlet",
    "agency_gap",
    "analyze",
    "analyze_dask",
    "analyze_stream",
    "alpha_by_field",
    "audit_lexicon",
    "build_report",
    "coding_sheet",
    "collocates",
    "counted_mentions",
    "decide_referents",
    "distinguishing_contexts",
    "distinguishing_words",
    "duplicate_docs_to_drop",
    "explorer",
    "fetch_articles",
    "find_duplicates",
    "find_events",
    "find_mentions",
    "find_quotes",
    "iter_corpus",
    "krippendorff_alpha",
    "kwic",
    "lexicon_editor",
    "label_change_points",
    "label_rates",
    "label_shares",
    "label_shares_over_time",
    "list_lexicons",
    "load_corpus",
    "load_event_lexicon",
    "load_lexicon",
    "load_log",
    "load_sample",
    "load_sample_coding",
    "mention_sentences",
    "plot",
    "read_analysis",
    "read_coding",
    "scope_report",
    "score_documents",
    "score_mentions",
    "score_sentences",
    "score_texts",
    "sentences",
    "split_sentences",
    "tokenize",
    "tone_by_label",
    "validate_corpus",
    "validation_report",
    "voice_by_label",
    "voice_spans",
    "write_coding_sheet",
    "write_report",
]
