"""Every public function documents its parameters, with types, and its result the
numpydoc way.

The functions checked are found, not listed: every function in ``mediakit.__all__``
and in the ``__all__`` of every public module of the package (each module or
subpackage whose dotted name has no part starting with ``_``, found by walking the
package), so a new function or a new module is checked the day it is added. A
function with parameters needs a ``Parameters`` section naming each parameter with a
type (``name : type``, or ``a, b : type`` for several), and every function a
``Returns`` (or ``Yields``) section.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from types import ModuleType

import mediakit
from mediakit import compare, plot, widgets


def _public_modules() -> list[ModuleType]:
    found = [mediakit]
    for info in pkgutil.walk_packages(mediakit.__path__, "mediakit."):
        if not any(part.startswith("_") for part in info.name.split(".")[1:]):
            found.append(importlib.import_module(info.name))
    return found


MODULES: tuple[ModuleType, ...] = tuple(_public_modules())

_SECTION = re.compile(r"^Parameters\n-+\n(.*?)(?=^\w[\w ]*\n-+\n|\Z)", re.MULTILINE | re.DOTALL)
_TYPED = re.compile(r"^(\*{0,2}\w+(?:, \*{0,2}\w+)*) : \S")


def _typed_parameters(doc: str) -> set[str]:
    """The parameter names the ``Parameters`` section gives with a type."""
    section = _SECTION.search(doc)
    names: set[str] = set()
    for line in section.group(1).splitlines() if section else ():
        typed = _TYPED.match(line)
        if typed:
            names.update(name.lstrip("*") for name in typed.group(1).split(", "))
    return names


def _gaps(function: object) -> list[str]:
    doc = inspect.getdoc(function) or ""
    missing = []
    parameters = list(inspect.signature(function).parameters)
    if parameters and "Parameters\n----------" not in doc:
        missing.append("Parameters")
    if "Returns\n-------" not in doc and "Yields\n------" not in doc:
        missing.append("Returns")
    typed = _typed_parameters(doc)
    missing += [f"type of {name}" for name in parameters if name not in typed]
    return missing


def _public_functions() -> dict[str, object]:
    found: dict[int, tuple[str, object]] = {}  # each function once, by its first public name
    for module in MODULES:
        for name in getattr(module, "__all__", ()):
            value = getattr(module, name)
            if inspect.isfunction(value):
                owner = "mediakit" if module is mediakit else module.__name__
                found.setdefault(id(value), (f"{owner}.{name}", value))
    return dict(found.values())


def test_the_modules_are_found_not_listed() -> None:
    names = {module.__name__ for module in MODULES}
    assert {"mediakit", "mediakit.plot", "mediakit.compare", "mediakit.widgets", "mediakit.voice",
            "mediakit.readers.tables", "mediakit.report.build"} <= names
    assert not any(part.startswith("_") for name in names for part in name.split(".")[1:])
    assert {plot, compare, widgets} <= set(MODULES)


def test_public_functions_have_numpydoc_parameters_with_types_and_returns() -> None:
    functions = _public_functions()
    assert len(functions) > 100
    # every name of mediakit.__all__ that is a function is among them
    assert {f"mediakit.{name}" for name in mediakit.__all__
            if inspect.isfunction(getattr(mediakit, name))} <= set(functions)
    gaps = {name: _gaps(f) for name, f in functions.items() if _gaps(f)}
    assert gaps == {}, f"undocumented: {gaps}"


def test_the_check_finds_a_missing_section_and_a_missing_type() -> None:
    def bare(table: object, *, n: int = 1) -> int:
        """One line."""
        return n

    def untyped(table: object, a: int, b: int) -> int:
        """Sum.

        Parameters
        ----------
        table : object
        a, b
            Numbers.

        Returns
        -------
        int
        """
        return a + b

    def yields(table: object, *args: int, **options: object) -> object:
        """Rows.

        Parameters
        ----------
        table : object
        *args : int
        **options : object

        Yields
        ------
        object
        """
        yield table

    assert _gaps(bare) == ["Parameters", "Returns", "type of table", "type of n"]
    assert _gaps(untyped) == ["type of a", "type of b"]
    assert _gaps(yields) == []


def test_the_widgets_and_voice_by_label_are_public_names() -> None:
    import subprocess
    import sys

    assert mediakit.explorer is widgets.explorer and mediakit.lexicon_editor is widgets.lexicon_editor
    assert mediakit.voice_by_label is compare.voice_by_label
    assert {"explorer", "lexicon_editor", "voice_by_label"} <= set(mediakit.__all__)
    # the figures are named after the comparisons they draw; the earlier names remain
    assert plot.tone_by_label is plot.tone and plot.label_shares_over_time is plot.shares_over_time
    # ipywidgets loads on first use of a widget, not with `import mediakit`
    code = "import sys, mediakit; print('ipywidgets' in sys.modules); mediakit.explorer; print('ipywidgets' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "True"]
    try:
        mediakit.no_such_name  # noqa: B018
    except AttributeError as error:
        assert "no_such_name" in str(error)
    else:
        raise AssertionError("an unknown attribute must raise AttributeError")
