"""Tooling for mediakit's hand-annotated development set (``data/validation/``).

The modules here prepare annotator packets, check and locate annotators' records,
measure agreement and build the gold tables. They are scripts and helpers for the
team, not part of the installed library; see ``data/validation/README.md``.
"""
