"""Re-execute the guided notebooks in place, so their stored outputs match the library.

    python tools/execute_notebooks.py                 # every notebooks/*.ipynb, in name order
    python tools/execute_notebooks.py 02 03_tone      # only these (a name, a prefix or a path)

The notebooks are mediakit's regression tests: ``pytest --nbval --nbval-current-env
--nbval-sanitize-with notebooks/sanitize.cfg`` compares a fresh run with the outputs
stored in each ``.ipynb``. When a library change moves a number on purpose, run this
script and commit the re-executed notebooks together with the change.

How each notebook runs (the same way nbval runs it):

* with an IPython kernel of the Python running this script (``sys.executable``), like
  nbval's ``--nbval-current-env``, whatever kernels are installed elsewhere;
* in a fresh kernel, top to bottom, with ``notebooks/`` as working directory;
* with this checkout's ``mediakit`` first on the kernel's ``PYTHONPATH`` (so the code
  being documented is the code that ran), and matplotlib's inline backend;
* without per-cell timing metadata, and with each cell's printed text stored as one
  stream output however the kernel happened to flush it;
* without widget state: ipywidgets gives every widget model a random id, stored both in
  the notebook's ``metadata.widgets`` and in the ``application/vnd.jupyter.widget-view+json``
  output that points at it. Both are dropped (the widget's ``text/plain`` summary stays),
  since a saved widget is not live anyway. nbval never compared them.

so an unchanged notebook re-executes to the same file byte for byte.

A cell that raises stops the run with the notebook name and the error; the notebook on
disk is then left as it was.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import ipykernel.kernelspec
import nbformat
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import AsyncKernelManager
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = REPO / "notebooks"
# Generous: the slowest notebook takes seconds, but a cold import on a busy CI box can lag.
CELL_TIMEOUT = 600


class _CurrentPythonSpecs(KernelSpecManager):
    """Kernel specs where every name means an IPython kernel of this very Python."""

    def get_kernel_spec(self, kernel_name: str) -> object:
        return self.kernel_spec_class(
            resource_dir=ipykernel.kernelspec.RESOURCES, **ipykernel.kernelspec.get_kernel_dict()
        )


class _CurrentPythonKernelManager(AsyncKernelManager):
    """An async kernel manager that always starts ``sys.executable -m ipykernel``."""

    def __init__(self, **kwargs: object) -> None:
        kwargs["kernel_spec_manager"] = _CurrentPythonSpecs()
        super().__init__(**kwargs)


def _kernel_env() -> dict[str, str]:
    env = dict(os.environ)
    paths = [str(REPO)] + [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p]
    env["PYTHONPATH"] = os.pathsep.join(dict.fromkeys(paths))
    # A backend chosen outside (MPLBACKEND=Agg in CI shells) would hide every figure.
    env.pop("MPLBACKEND", None)
    return env


def select(names: list[str]) -> list[Path]:
    """The notebooks to run: all in name order, or those matching ``names``."""
    every = sorted(NOTEBOOKS.glob("*.ipynb"))
    if not names:
        return every
    chosen: list[Path] = []
    for name in names:
        given = Path(name)
        if given.suffix == ".ipynb" and given.exists():
            matches = [given.resolve()]
        else:
            matches = [p for p in every if p.stem == name or p.stem.startswith(name)]
        if not matches:
            known = ", ".join(p.stem for p in every)
            raise SystemExit(f"no notebook matches {name!r}; notebooks: {known}")
        chosen.extend(m for m in matches if m not in chosen)
    return chosen


WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def make_stable(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Drop what differs between two runs of an unchanged notebook (in place; returned).

    Removes the notebook-level widget state (``metadata.widgets``) and, from every
    output, the widget view reference with its random ``model_id``; outputs left with no
    data at all are removed too.
    """
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        kept = []
        for output in cell.get("outputs", []):
            data = output.get("data")
            if data is not None and WIDGET_VIEW in data:
                del data[WIDGET_VIEW]
                if not data:
                    continue
            kept.append(output)
        cell.outputs = kept
    return nb


def execute(path: Path) -> None:
    """Run one notebook in a fresh kernel and write it back with its outputs."""
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        timeout=CELL_TIMEOUT,
        kernel_name="python3",
        kernel_manager_class=_CurrentPythonKernelManager,
        resources={"metadata": {"path": str(NOTEBOOKS)}},
        record_timing=False,
        # one stream output per cell and stream, however the kernel happened to flush
        coalesce_streams=True,
        # widget model ids are random: keep them out of the file (see make_stable)
        store_widget_state=False,
    )
    client.execute(env=_kernel_env())
    nbformat.write(make_stable(nb), path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("names", nargs="*", help="notebooks to run (name, name prefix or path); default all")
    args = parser.parse_args(argv)
    failed = 0
    for path in select(args.names):
        shown = path.relative_to(REPO) if path.is_relative_to(REPO) else path
        print(f"executing {shown} ...", flush=True)
        try:
            execute(path)
        except CellExecutionError as exc:
            failed += 1
            print(f"FAILED {shown}:\n{exc}", file=sys.stderr, flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
