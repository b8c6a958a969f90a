"""docs/architecture.md stays true to the package: its module map lists every module."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "docs" / "architecture.md"


def _modules() -> set[str]:
    """Top-level entries of mediakit/: each .py file and each subpackage (as ``name/``)."""
    package = ROOT / "mediakit"
    found = {p.name for p in package.glob("*.py")}
    found |= {f"{p.name}/" for p in package.iterdir() if (p / "__init__.py").is_file()}
    return found


def _map_rows(text: str) -> set[str]:
    """The module names in the first column of the module map table."""
    section = text.split("## The module map", 1)[1].split("\n## ", 1)[0]
    names: set[str] = set()
    for line in section.splitlines():
        if line.startswith("| `"):
            names.update(re.findall(r"`([\w./]+)`", line.split("|")[1]))
    return names


def test_module_map_lists_every_module_and_only_existing_ones() -> None:
    listed = _map_rows(PAGE.read_text(encoding="utf-8"))
    listed.discard("lexicons/")  # the bundled data folder, listed beside lexicon.py
    assert listed, "the module map table was not found"
    assert _modules() - listed == set(), "modules missing from docs/architecture.md"
    assert listed - _modules() == set(), "docs/architecture.md lists modules that do not exist"


def test_page_has_one_mermaid_diagram_and_readme_links_it() -> None:
    text = PAGE.read_text(encoding="utf-8")
    assert text.count("```mermaid") == 1
    assert "docs/architecture.md" in (ROOT / "README.md").read_text(encoding="utf-8")
