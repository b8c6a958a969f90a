"""Keep each guided notebook and its reviewable percent-script in step.

    python tools/notebook_scripts.py                  # write notebooks/scripts/*.py from the notebooks
    python tools/notebook_scripts.py --check          # list notebooks whose script disagrees (exit 1)
    python tools/notebook_scripts.py --from-scripts   # copy edited scripts' cells into the notebooks

Every ``notebooks/NN_name.ipynb`` is paired with ``notebooks/scripts/NN_name.py``, a
jupytext "percent" script holding the same cells as plain Python: each cell starts with
a ``# %%`` line (``# %% [markdown]`` for Markdown, whose lines are ``# `` comments; a
tagged cell says ``# %% tags=["parameters"]``), and there are no outputs. The pairing
and the script's format are set once, in ``notebooks/jupytext.toml``, which JupyterLab's
jupytext extension reads too (saving a notebook there writes its script).

The script is the source a reviewer reads: a change to a cell is a few lines of Python
in a diff instead of JSON escapes among hundreds of kilobytes of outputs. The notebook
keeps the outputs that nbval compares. ``tests/test_notebooks.py`` fails when a
notebook and its script disagree on any cell's type, source or tags.

Two ways to change a notebook:

* edit the ``.ipynb`` (JupyterLab), then run this script to rewrite the scripts;
* edit the script, run ``--from-scripts`` (the notebook takes the script's cells and
  keeps the stored outputs of the cells whose source is unchanged), then re-execute
  with ``python tools/execute_notebooks.py NN`` so the outputs match the new cells.

Either way, commit the notebook and its script together.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import jupytext
import nbformat
from jupytext.combine import combine_inputs_with_outputs
from jupytext.config import load_jupytext_config

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = REPO / "notebooks"
SCRIPTS = NOTEBOOKS / "scripts"
FORMAT = "py:percent"


def notebooks() -> list[Path]:
    """Every guided notebook, in name order."""
    return sorted(NOTEBOOKS.glob("*.ipynb"))


def script_path(notebook: Path) -> Path:
    """The percent-script paired with ``notebook`` (``notebooks/scripts/NAME.py``)."""
    return notebook.parent / "scripts" / f"{notebook.stem}.py"


def _config(notebook: Path) -> object:
    """notebooks/jupytext.toml, the one place the pairing and the format are set."""
    config = load_jupytext_config(str(notebook))
    if config is None:
        raise SystemExit(f"no jupytext configuration found for {notebook} (notebooks/jupytext.toml)")
    return config


def script_text(notebook: Path) -> str:
    """The script's text for ``notebook``'s cells, as jupytext writes it."""
    nb = nbformat.read(notebook, as_version=4)
    return jupytext.writes(nb, FORMAT, config=_config(notebook))


def cells(nb: nbformat.NotebookNode) -> list[tuple[str, str, list[str]]]:
    """What the pairing keeps of each cell: its type, its source and its tags."""
    return [(cell.cell_type, cell.source, list(cell.metadata.get("tags", []))) for cell in nb.cells]


def disagreement(notebook: Path, script: Path | None = None) -> str | None:
    """Why ``notebook`` and its script disagree, or None when their cells are the same."""
    script = script_path(notebook) if script is None else script
    if not script.exists():
        return f"{script.name} is missing"
    ours = cells(nbformat.read(notebook, as_version=4))
    theirs = cells(jupytext.read(script, fmt=FORMAT))
    for index, (mine, other) in enumerate(zip(ours, theirs)):
        if mine != other:
            kind = "type" if mine[0] != other[0] else "tags" if mine[2] != other[2] else "source"
            first = (mine[1].splitlines() or [""])[0][:60]
            return f"cell {index} ({mine[0]}, {first!r}...) differs in its {kind}"
    if len(ours) != len(theirs):
        return f"the notebook has {len(ours)} cells, the script {len(theirs)}"
    return None


def write_scripts(paths: list[Path]) -> list[Path]:
    """Rewrite the scripts of ``paths`` from the notebooks; the scripts that changed."""
    changed = []
    for notebook in paths:
        script = script_path(notebook)
        text = script_text(notebook)
        if not script.exists() or script.read_text(encoding="utf-8") != text:
            script.parent.mkdir(exist_ok=True)
            script.write_text(text, encoding="utf-8")
            changed.append(script)
    return changed


def update_notebooks(paths: list[Path]) -> list[Path]:
    """Give each notebook its script's cells, keeping the outputs of unchanged cells."""
    changed = []
    for notebook in paths:
        if disagreement(notebook) is None:
            continue
        script = script_path(notebook)
        if not script.exists():
            raise SystemExit(f"{script.relative_to(REPO)} is missing: nothing to read the cells from")
        stored = nbformat.read(notebook, as_version=4)
        edited = jupytext.read(script, fmt=FORMAT)
        combined = combine_inputs_with_outputs(edited, stored, fmt=FORMAT)
        combined.metadata = stored.metadata
        nbformat.write(combined, notebook)
        changed.append(notebook)
    return changed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    direction = parser.add_mutually_exclusive_group()
    direction.add_argument("--check", action="store_true",
                           help="report notebooks whose script disagrees; change nothing")
    direction.add_argument("--from-scripts", action="store_true",
                           help="copy the scripts' cells into the notebooks (then re-execute them)")
    args = parser.parse_args(argv)
    paths = notebooks()
    orphans = sorted({p.stem for p in SCRIPTS.glob("*.py")} - {p.stem for p in paths})
    if args.check:
        problems = [(p, disagreement(p)) for p in paths]
        problems = [(p, why) for p, why in problems if why is not None]
        for notebook, why in problems:
            print(f"{notebook.relative_to(REPO)}: {why}")
        for stem in orphans:
            print(f"notebooks/scripts/{stem}.py: no notebook of that name")
        if problems or orphans:
            print("run python tools/notebook_scripts.py (notebook -> script) or --from-scripts "
                  "(script -> notebook, then tools/execute_notebooks.py)", file=sys.stderr)
            return 1
        return 0
    if args.from_scripts:
        changed = update_notebooks(paths)
        for notebook in changed:
            print(f"updated {notebook.relative_to(REPO)}: re-execute it "
                  f"(python tools/execute_notebooks.py {notebook.stem[:2]})")
        return 0
    for script in write_scripts(paths):
        print(f"wrote {script.relative_to(REPO)}")
    for stem in orphans:
        print(f"notebooks/scripts/{stem}.py has no notebook: delete it if the notebook was removed",
              file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
