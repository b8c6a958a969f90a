"""Fetching the articles of a URL table such as a Media Cloud export (issue 9)."""

from __future__ import annotations

__all__ = ["fetch_articles"]


def fetch_articles(table_or_path, *, url="url", **kwargs):
    raise NotImplementedError("issue 9: fetch_articles")
