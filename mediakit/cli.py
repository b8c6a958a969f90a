"""The ``mediakit`` command (issue 7)."""

from __future__ import annotations


def main(argv: list[str] | None = None) -> int:
    raise NotImplementedError("issue 7: cli")
