"""Matplotlib figures: data in, ``Axes`` out (issue 5)."""

from __future__ import annotations

__all__: list[str] = []
