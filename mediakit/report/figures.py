"""Drawing a :class:`~mediakit.report.build.FigureSpec` into PNG bytes.

Each figure is drawn on its own ``matplotlib.figure.Figure`` (never pyplot, so no
window opens and no global figure is left behind) by the :mod:`mediakit.plot`
function the specification names, so improvements to those functions reach the
report unchanged. Settings are changed inside ``matplotlib.rc_context`` only, and
the PNG is written without its "Software" metadata, so the same specification gives
the same bytes with the same matplotlib.

Text from the data never reaches matplotlib's mathtext parser: :mod:`mediakit.plot`
draws data-derived text with ``parse_math=False``; the titles the report passes
(built from the actor's and labels' names) are escaped here, and the shared legend
this module adds is drawn with ``parse_math=False`` too.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from .build import FigureSpec

__all__ = ["DPI", "draw_figure", "escape_mathtext"]

#: Resolution of the PNG figures.
DPI = 100
# PNG text chunks matplotlib would otherwise write; "Software" carries its version
# and nothing here should vary between runs.
_PNG_METADATA = {"Software": None}
# Keyword arguments of the plot functions that matplotlib draws as mathtext.
_MATHTEXT_OPTIONS = ("title",)


def escape_mathtext(text: str) -> str:
    r"""``text`` with every ``$`` escaped, so matplotlib shows it as typed.

    matplotlib reads a string with an even number of unescaped ``$`` as a mathtext
    formula (and fails on one it cannot parse, such as ``$\foo$``); ``\$`` is a
    literal dollar sign.

    Parameters
    ----------
    text : str
        A title, label or annotation built from data.

    Returns
    -------
    str
        ``text`` with ``$`` replaced by ``\$``.
    """
    return text.replace("$", r"\$")


def _safe(options: Mapping[str, Any]) -> dict[str, Any]:
    return {key: escape_mathtext(value) if key in _MATHTEXT_OPTIONS and isinstance(value, str)
            else value for key, value in options.items()}


def _period_ticks(ax: Any, periods: Sequence[pd.Timestamp], freq: str) -> None:
    """One tick per period (at most 8), labelled as a week's first day, month or quarter."""
    step = max(1, -(-len(periods) // 8))
    shown = list(periods)[::step]
    if freq == "M":
        names = [p.strftime("%Y-%m") for p in shown]
    elif freq == "Q":
        names = [f"{p.year}-Q{p.quarter}" for p in shown]
    else:
        names = [p.strftime("%Y-%m-%d") for p in shown]
    ax.set_xticks(shown, names)
    ax.tick_params(axis="x", labelsize=8, labelrotation=30)


def _shared_legend(fig: Any, axes: Sequence[Any]) -> None:
    """One legend under the panels listing every entry drawn in any panel.

    Entries keep the order in which they first appear, panel by panel; each panel's
    own legend is removed.
    """
    entries: dict[str, Any] = {}
    for ax in axes:
        handles, names = ax.get_legend_handles_labels()
        for handle, name in zip(handles, names):
            entries.setdefault(name, handle)
        if ax.get_legend() is not None:
            ax.get_legend().remove()
    if not entries:
        return
    legend = fig.legend(list(entries.values()), list(entries), loc="outside lower center",
                        ncols=min(6, len(entries)), fontsize=8)
    for text in legend.get_texts():
        text.set_parse_math(False)


def _figure(spec: FigureSpec) -> Any:
    """The ``matplotlib.figure.Figure`` of ``spec``, drawn (call inside rc_context)."""
    from matplotlib.figure import Figure

    from .. import plot

    function = getattr(plot, spec.plot)
    panels: Sequence[Mapping[str, Any]] = spec.panels or ({},)
    ncols = max(1, min(spec.ncols, len(panels)))
    nrows = -(-len(panels) // ncols)
    fig = Figure(figsize=spec.size, layout="constrained")
    axes = list(fig.subplots(nrows, ncols, squeeze=False).flat)
    options = _safe(spec.options)
    for ax, panel in zip(axes, panels):
        function(spec.data, ax=ax, **options, **_safe(panel))
        if spec.period_freq is not None and "period" in spec.data.columns:
            _period_ticks(ax, sorted(spec.data["period"].unique()), spec.period_freq)
    for ax in axes[len(panels):]:
        ax.set_axis_off()
    if spec.panels:
        _shared_legend(fig, axes[:len(panels)])
    return fig


def draw_figure(spec: FigureSpec, *, dpi: int = DPI) -> bytes:
    """Draw ``spec`` and return the PNG bytes.

    Parameters
    ----------
    spec : FigureSpec
        What to draw (:attr:`mediakit.report.Report.figures`).
    dpi : int
        Resolution (default :data:`DPI`).

    Returns
    -------
    bytes
        The PNG file.
    """
    import matplotlib

    # rc_context restores the caller's settings afterwards (no global change).
    with matplotlib.rc_context({"svg.hashsalt": "mediakit"}), warnings.catch_warnings():
        # An outlet without a label in some voice draws an empty panel; matplotlib's
        # note about the empty legend says nothing a reader of the report needs.
        warnings.filterwarnings("ignore", message="No artists with labels found")
        fig = _figure(spec)
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=dpi, metadata=_PNG_METADATA)
        fig.clear()
    return buffer.getvalue()
