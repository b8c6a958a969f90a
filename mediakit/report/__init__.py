"""The whole analysis in one call: tidy CSV tables, PNG figures and one HTML report.

Three steps, each usable on its own:

* :func:`build_report` computes what the report shows (a :class:`Report` of tables,
  texts and :class:`FigureSpec` figure specifications), drawing and writing nothing;
* :func:`draw_figure` draws one specification with :mod:`mediakit.plot`, and
  :func:`render_html` renders the page from a Jinja2 template with autoescaping, so
  article text (outlets, titles, sentences, speakers, labels) always stays text;
* :func:`write_report` does all of it and writes the folder as a whole::

      report.html        one self-contained page (figures inline, no external files)
      tables/*.csv       every table the page shows, in full (TABLE_FILES)
      figures/*.png      every figure the page shows (FIGURE_FILES)

Output is deterministic: no timestamps, a fixed seed, tables in a fixed order and PNG
files without date metadata, so two runs on the same input give identical files (PNG
bytes can differ between matplotlib versions).
"""

from __future__ import annotations

from .build import (
    FIGURE_FILES,
    TABLE_FILES,
    FigureSpec,
    Report,
    Rules,
    build_report,
    example_mentions,
)
from .figures import draw_figure
from .render import SECTION_IDS, render_html
from .write import COMPLETE_MARKER, ReportPaths, write_report

__all__ = [
    "COMPLETE_MARKER",
    "FIGURE_FILES",
    "SECTION_IDS",
    "TABLE_FILES",
    "FigureSpec",
    "Report",
    "ReportPaths",
    "Rules",
    "build_report",
    "draw_figure",
    "example_mentions",
    "render_html",
    "write_report",
]
