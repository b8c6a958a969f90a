"""The guided notebooks' shape and stored outputs (their numbers are checked by nbval).

``pytest --nbval --nbval-current-env --nbval-sanitize-with notebooks/sanitize.cfg``
re-runs every notebook and compares each cell with its stored output. That only
protects readers if the stored outputs are a clean, complete, top-to-bottom run that
holds nothing specific to one machine or one moment, and if every notebook keeps the
course's shape. This file checks exactly that, on the committed ``.ipynb`` files.

Publication dates of the corpus ("2025-01-07 09:30:00") are data, not timestamps: the
timestamp patterns below are those of a run (fractional seconds, a time zone, today's
date), not dates in general.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import re
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = REPO / "notebooks"
NOTEBOOK_PATHS = sorted(NOTEBOOKS.glob("*.ipynb"))

# Output formats holding text a reader sees (images are base64 and not compared by nbval).
TEXT_FORMATS = ("text/plain", "text/html", "text/markdown", "text/latex", "application/json")

RUN_TIMESTAMP = re.compile(
    r"\d{2}:\d{2}:\d{2}\.\d{3,}"  # a clock time with fractional seconds (datetime.now())
    r"|\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})\b"  # zoned ISO
)
MEMORY_ADDRESS = re.compile(r"\b0x[0-9a-fA-F]{4,}\b")
ABSOLUTE_PATH = re.compile(
    r"(?<![\w.])(?:/(?:work|root|home|Users|tmp|private|var/folders|opt|usr)/"
    r"|[A-Za-z]:\\\\(?:Users|Windows|Program))"
)
PROGRESS_BAR = re.compile(r"\d+(?:\.\d+)?(?:it/s|s/it)\]")


def _load(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def _source(cell: dict[str, Any]) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def _output_texts(output: dict[str, Any]) -> list[str]:
    """Every piece of text an output shows (stream text, rich text formats, errors)."""
    texts: list[str] = []
    if "text" in output:
        texts.append("".join(output["text"]) if isinstance(output["text"], list) else output["text"])
    for fmt, value in output.get("data", {}).items():
        if fmt in TEXT_FORMATS:
            texts.append(value if isinstance(value, str) else json.dumps(value) if not isinstance(value, list) else "".join(value))
    if output.get("output_type") == "error":
        texts.append(f"{output.get('ename')}: {output.get('evalue')}")
        texts.extend(output.get("traceback", []))
    return texts


def _all_output_texts(nb: dict[str, Any]) -> list[tuple[int, str]]:
    return [
        (index, text)
        for index, cell in enumerate(nb["cells"])
        if cell["cell_type"] == "code"
        for output in cell.get("outputs", [])
        for text in _output_texts(output)
    ]


def _markdown(nb: dict[str, Any]) -> list[str]:
    return [_source(cell) for cell in nb["cells"] if cell["cell_type"] == "markdown"]


def test_the_course_has_its_notebooks() -> None:
    names = [path.name for path in NOTEBOOK_PATHS]
    assert {"01_loading_a_corpus.ipynb", "02_framing_labels.ipynb", "03_tone.ipynb"} <= set(names)
    assert all(re.fullmatch(r"\d{2}_[a-z0-9_]+\.ipynb", name) for name in names), names


@pytest.fixture(params=NOTEBOOK_PATHS, ids=[path.stem for path in NOTEBOOK_PATHS])
def notebook(request: pytest.FixtureRequest) -> tuple[str, dict[str, Any]]:
    return request.param.name, _load(request.param)


def test_opens_with_goals_audience_time_and_prerequisites(notebook: tuple[str, dict[str, Any]]) -> None:
    name, nb = notebook
    first = nb["cells"][0]
    assert first["cell_type"] == "markdown", f"{name}: the first cell must be the Markdown introduction"
    intro = _source(first)
    assert intro.lstrip().startswith("# "), f"{name}: the introduction starts with a '# ' title"
    for word in ("question", "goals", "audience", "time", "prerequisites"):
        assert word in intro.lower(), f"{name}: the introduction does not mention its {word}"


def test_has_a_parameters_cell_before_any_other_code(notebook: tuple[str, dict[str, Any]]) -> None:
    name, nb = notebook
    code = [cell for cell in nb["cells"] if cell["cell_type"] == "code"]
    tagged = [cell for cell in code if "parameters" in cell.get("metadata", {}).get("tags", [])]
    assert len(tagged) == 1, f"{name}: expected exactly one code cell tagged 'parameters', found {len(tagged)}"
    assert code[0] is tagged[0], f"{name}: the parameters cell must be the first code cell"
    assert "CORPUS = None" in _source(tagged[0]), f"{name}: parameters must offer CORPUS = None (the sample)"


def test_ends_with_recap_and_your_turn(notebook: tuple[str, dict[str, Any]]) -> None:
    name, nb = notebook
    markdown = "\n".join(_markdown(nb))
    recap = re.search(r"^#+\s*Recap\b", markdown, flags=re.MULTILINE)
    turn = re.search(r"^#+\s*Your turn\b", markdown, flags=re.MULTILINE)
    assert recap, f"{name}: no 'Recap' heading"
    assert turn, f"{name}: no 'Your turn' heading"
    assert recap.start() < turn.start(), f"{name}: 'Your turn' comes after the recap"
    prompts = re.findall(r"^\s*(?:\d+\.|[-*])\s+\S", markdown[turn.end():], flags=re.MULTILINE)
    assert 2 <= len(prompts) <= 4, f"{name}: 'Your turn' should hold 2-4 prompts, found {len(prompts)}"
    assert nb["cells"][-1]["cell_type"] == "markdown", f"{name}: the notebook should end with its prompts, not code"


def test_every_code_cell_ran_once_in_order_without_error(notebook: tuple[str, dict[str, Any]]) -> None:
    name, nb = notebook
    counts = [cell.get("execution_count") for cell in nb["cells"] if cell["cell_type"] == "code"]
    assert counts, f"{name}: no code cells"
    assert None not in counts, f"{name}: code cell(s) without a stored execution: re-run tools/execute_notebooks.py"
    assert counts == list(range(1, len(counts) + 1)), (
        f"{name}: execution counts {counts} are not 1..{len(counts)}: the stored outputs are not "
        "one top-to-bottom run in a fresh kernel; re-run tools/execute_notebooks.py"
    )
    errors = [
        index for index, cell in enumerate(nb["cells"]) if cell["cell_type"] == "code"
        for output in cell.get("outputs", []) if output.get("output_type") == "error"
    ]
    assert not errors, f"{name}: cells {errors} stored an error"


def test_size_and_no_path_hacks(notebook: tuple[str, dict[str, Any]]) -> None:
    name, nb = notebook
    assert 10 <= len(nb["cells"]) <= 60, f"{name}: {len(nb['cells'])} cells"
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            assert "sys.path" not in _source(cell), f"{name}: notebooks never change sys.path"
    assert nb["metadata"].get("kernelspec", {}).get("language") == "python"


def test_no_run_timestamps_memory_addresses_paths_or_progress_bars(
    notebook: tuple[str, dict[str, Any]],
) -> None:
    name, nb = notebook
    today = dt.date.today()
    todays = {today.isoformat(), today.strftime("%d/%m/%Y"), today.strftime("%m/%d/%Y")}
    for index, text in _all_output_texts(nb):
        where = f"{name}, cell {index}"
        for pattern, what in (
            (RUN_TIMESTAMP, "a timestamp"),
            (MEMORY_ADDRESS, "a memory address"),
            (ABSOLUTE_PATH, "an absolute path"),
            (PROGRESS_BAR, "a progress bar"),
        ):
            found = pattern.search(text)
            assert found is None, f"{where}: output holds {what}: {found.group(0)!r}"
        stamped = [day for day in todays if day in text]
        assert not stamped, f"{where}: output holds today's date {stamped[0]!r}"
    for index, cell in enumerate(nb["cells"]):
        assert "execution" not in cell.get("metadata", {}), (
            f"{name}, cell {index}: per-cell timing metadata (timestamps); re-run tools/execute_notebooks.py"
        )


def test_readme_lists_every_notebook() -> None:
    readme = (NOTEBOOKS / "README.md").read_text(encoding="utf-8")
    missing = [path.name for path in NOTEBOOK_PATHS if f"({path.name})" not in readme]
    assert not missing, f"notebooks/README.md does not link {missing}"


def test_readme_gives_each_notebook_the_time_its_introduction_states(
    notebook: tuple[str, dict[str, Any]],
) -> None:
    name, nb = notebook
    stated = re.findall(r"(\d+) minutes", _source(nb["cells"][0]))
    assert len(stated) == 1, f"{name}: the introduction states its time once, as 'N minutes'"
    row = next(line for line in (NOTEBOOKS / "README.md").read_text(encoding="utf-8").splitlines()
               if f"({name})" in line)
    assert re.findall(r"\| (\d+) min \|", row) == stated, f"{name}: notebooks/README.md says otherwise"


def test_sanitize_file_is_valid_nbval_config() -> None:
    import configparser

    config = configparser.ConfigParser()
    config.read(NOTEBOOKS / "sanitize.cfg", encoding="utf-8")
    assert config.sections(), "notebooks/sanitize.cfg has no sanitizer section"
    for section in config.sections():
        pattern = re.compile(config[section]["regex"])
        assert "replace" in config[section]
        # each sanitizer must match what it is for, and must not blank ordinary output
        assert not pattern.search("60 articles, 7 outlets; 2025-01-07 09:30:00")
    cell_file = re.compile(config["ipykernel_cell_file"]["regex"])
    assert cell_file.search("/tmp/ipykernel_4242/3141592653.py:3: CorpusWarning: ...")


# --- the checks themselves must be able to fail -------------------------------------


@pytest.mark.parametrize(
    ("text", "pattern"),
    [
        ("started 2026-11-28T08:36:32.123456+00:00", RUN_TIMESTAMP),
        ("took 08:36:32.123456", RUN_TIMESTAMP),
        ("<Axes at 0x7f3a2c1b9d90>", MEMORY_ADDRESS),
        ("loaded /Users/ana/projects/mediakit/data/sample", ABSOLUTE_PATH),
        ("CorpusWarning: /tmp/tmpab12/old.txt: not valid UTF-8", ABSOLUTE_PATH),
        ("/home/ana/articles/a.txt, row 2", ABSOLUTE_PATH),
        ("articles: 100%|##########| 3/3 [00:00<00:00, 41.5it/s]", PROGRESS_BAR),
    ],
)
def test_output_checks_catch_what_they_are_for(text: str, pattern: re.Pattern[str]) -> None:
    assert pattern.search(text)


@pytest.mark.parametrize(
    "text",
    [
        "The Aldwick Herald 2025-01-07 09:30:00",  # a publication date is data
        "my_articles/river-post/2025-03-02-bridge-closed",  # a relative path
        "https://aldwick-herald.example/2025/01/07/army",  # a URL path
        "0.4404 compound; 0x absent",
    ],
)
def test_output_checks_pass_ordinary_output(text: str) -> None:
    for pattern in (RUN_TIMESTAMP, MEMORY_ADDRESS, ABSOLUTE_PATH, PROGRESS_BAR):
        assert pattern.search(text) is None, (pattern.pattern, text)


# --- the re-execute command --------------------------------------------------------------


def _execute_module() -> Any:
    spec = importlib.util.spec_from_file_location("execute_notebooks", REPO / "tools" / "execute_notebooks.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_execute_script_selects_notebooks_by_name_or_prefix() -> None:
    module = _execute_module()
    assert module.select([]) == NOTEBOOK_PATHS
    assert module.select(["02"]) == [NOTEBOOKS / "02_framing_labels.ipynb"]
    assert module.select(["03_tone", "01"]) == [NOTEBOOKS / "03_tone.ipynb", NOTEBOOKS / "01_loading_a_corpus.ipynb"]
    with pytest.raises(SystemExit, match="no notebook matches 'nonexistent'"):
        module.select(["nonexistent"])


def test_execute_script_runs_kernels_on_this_checkout_and_python() -> None:
    import sys

    module = _execute_module()
    env = module._kernel_env()
    assert env["PYTHONPATH"].split(__import__("os").pathsep)[0] == str(REPO)
    assert "MPLBACKEND" not in env
    spec = module._CurrentPythonSpecs().get_kernel_spec("python3")
    assert spec.argv[0] == sys.executable


def test_stored_notebooks_hold_no_random_widget_ids(notebook: tuple[str, dict[str, Any]]) -> None:
    name, nb = notebook
    assert "widgets" not in nb["metadata"], f"{name}: widget state stored; re-run tools/execute_notebooks.py"
    for index, cell in enumerate(nb["cells"]):
        for output in cell.get("outputs", []):
            assert "application/vnd.jupyter.widget-view+json" not in output.get("data", {}), (
                f"{name}, cell {index}: widget model id stored; re-run tools/execute_notebooks.py"
            )


def test_execute_script_drops_widget_state_and_keeps_the_text() -> None:
    import nbformat

    module = _execute_module()
    nb = nbformat.v4.new_notebook()
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}}}
    view = {"model_id": "591dbed271474f2ca8fe49a7edb384c1", "version_major": 2, "version_minor": 0}
    cell = nbformat.v4.new_code_cell("# NBVAL_IGNORE_OUTPUT\nex")
    cell.outputs = [
        nbformat.v4.new_output("execute_result", data={module.WIDGET_VIEW: view,
                                                       "text/plain": "Explorer(...)"},
                               execution_count=1),
        nbformat.v4.new_output("display_data", data={module.WIDGET_VIEW: view}),
        nbformat.v4.new_output("stream", name="stdout", text="kept\n"),
    ]
    nb.cells = [cell]
    stable = module.make_stable(nb)
    assert "widgets" not in stable.metadata
    assert [dict(o.get("data", {})) for o in stable.cells[0].outputs] == [{"text/plain": "Explorer(...)"}, {}]
    assert stable.cells[0].outputs[1].text == "kept\n"


# --- the percent-scripts reviewers read (notebooks/scripts/, tools/notebook_scripts.py) ----


def _scripts_module() -> Any:
    spec = importlib.util.spec_from_file_location("notebook_scripts", REPO / "tools" / "notebook_scripts.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_notebook_has_its_script_and_every_script_its_notebook() -> None:
    scripts = sorted(path.stem for path in (NOTEBOOKS / "scripts").glob("*.py"))
    assert scripts == [path.stem for path in NOTEBOOK_PATHS], (
        "notebooks/scripts/ must hold one NAME.py per notebooks/NAME.ipynb: run python tools/notebook_scripts.py"
    )


def test_script_holds_the_notebooks_cells(notebook: tuple[str, dict[str, Any]]) -> None:
    name, nb = notebook
    module = _scripts_module()
    why = module.disagreement(NOTEBOOKS / name)
    assert why is None, (
        f"{name} and notebooks/scripts/{Path(name).stem}.py disagree: {why}. After editing the notebook run "
        "python tools/notebook_scripts.py; after editing the script run python tools/notebook_scripts.py "
        "--from-scripts and re-execute the notebook (tools/execute_notebooks.py); commit both"
    )
    script = (NOTEBOOKS / "scripts" / f"{Path(name).stem}.py").read_text(encoding="utf-8")
    # the script is plain percent format with no header (no jupytext version in the diff)
    assert script.startswith("# %%"), f"{name}: the script should start with its first cell"
    assert script.count("\n# %%") + 1 == len(nb["cells"])


def test_the_pairing_check_fails_on_each_kind_of_disagreement(tmp_path: Path) -> None:
    import nbformat

    module = _scripts_module()
    source = NOTEBOOKS / "01_loading_a_corpus.ipynb"
    script = module.script_path(source)
    text = script.read_text(encoding="utf-8")
    copy = tmp_path / "script.py"

    def check(edited: str) -> str | None:
        copy.write_text(edited, encoding="utf-8")
        return module.disagreement(source, copy)

    assert check(text) is None
    assert "differs in its source" in check(text.replace("SHOW_ROWS = 5", "SHOW_ROWS = 6", 1))
    assert "differs in its tags" in check(text.replace('# %% tags=["parameters"]', "# %%", 1))
    assert "differs in its type" in check(text.replace("# %% [markdown]\n# ## Parameters", "# %%\n# ## Parameters", 1))
    removed_last = text[: text.rindex("\n# %%")] + "\n"
    assert "the notebook has 37 cells, the script 36" == check(removed_last)
    assert module.disagreement(source, tmp_path / "missing.py") == "missing.py is missing"
    # and the notebook side: a changed cell in the .ipynb is caught the same way
    nb = nbformat.read(source, as_version=4)
    nb.cells[4].source += "\nprint('changed')"
    changed = tmp_path / source.name
    nbformat.write(nb, changed)
    assert "cell 4" in module.disagreement(changed, script)


def test_scripts_written_from_a_notebook_agree_and_edits_flow_back(tmp_path: Path) -> None:
    import shutil

    import nbformat

    module = _scripts_module()
    root = tmp_path / "notebooks"
    (root / "scripts").mkdir(parents=True)
    shutil.copy(NOTEBOOKS / "jupytext.toml", root)
    notebook = root / "03_tone.ipynb"
    shutil.copy(NOTEBOOKS / notebook.name, notebook)
    assert module.write_scripts([notebook]) == [root / "scripts" / "03_tone.py"]
    assert module.write_scripts([notebook]) == []  # unchanged the second time
    assert module.disagreement(notebook) is None
    script = root / "scripts" / "03_tone.py"
    assert script.read_text(encoding="utf-8") == (NOTEBOOKS / "scripts" / "03_tone.py").read_text(encoding="utf-8")
    # an edit of the script comes back into the notebook; other cells keep their outputs
    script.write_text(script.read_text(encoding="utf-8").replace("SHOW_ROWS = 5", "SHOW_ROWS = 4", 1),
                      encoding="utf-8")
    assert module.update_notebooks([notebook]) == [notebook]
    assert module.disagreement(notebook) is None
    before = nbformat.read(NOTEBOOKS / notebook.name, as_version=4)
    after = nbformat.read(notebook, as_version=4)
    changed = [i for i, (a, b) in enumerate(zip(before.cells, after.cells)) if a != b]
    assert len(changed) == 1 and "SHOW_ROWS = 4" in after.cells[changed[0]].source
    assert after.metadata == before.metadata


# --- the DataFrame HTML sanitizer hides no value ----------------------------------------


def _sanitizers() -> list[tuple[str, str]]:
    """The (regex, replace) pairs exactly as nbval reads them from notebooks/sanitize.cfg."""
    from nbval.plugin import get_sanitize_patterns

    return get_sanitize_patterns((NOTEBOOKS / "sanitize.cfg").read_text(encoding="utf-8"))


DATAFRAME_PLACEHOLDER = "<DataFrame as HTML: compared through its text/plain>"


def _sanitize(text: str) -> str:
    """``text`` after the DataFrame HTML sanitizer (the others have their own tests)."""
    (regex,) = [regex for regex, replace in _sanitizers() if replace == DATAFRAME_PLACEHOLDER]
    return re.sub(regex, DATAFRAME_PLACEHOLDER, text)


def _html_cells_missing_from_plain(html: str, plain: str) -> list[str]:
    """The cells (<td>, <th>) of an HTML table whose text the text/plain does not show."""
    from html.parser import HTMLParser

    class Cells(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.cells: list[str] = []
            self._open: list[str] | None = None

        def handle_starttag(self, tag: str, attrs: Any) -> None:
            if tag in ("td", "th"):
                self._open = []

        def handle_endtag(self, tag: str) -> None:
            if tag in ("td", "th") and self._open is not None:
                self.cells.append(" ".join("".join(self._open).split()))
                self._open = None

        def handle_data(self, data: str) -> None:
            if self._open is not None:
                self._open.append(data)

    parser = Cells()
    parser.feed(html)
    shown = " ".join(plain.split())
    return [cell for cell in parser.cells if cell not in shown]


def test_nbval_reads_every_sanitizer_of_the_file() -> None:
    import configparser

    config = configparser.ConfigParser()
    config.read(NOTEBOOKS / "sanitize.cfg", encoding="utf-8")
    assert [regex for regex, _ in _sanitizers()] == [config[s]["regex"] for s in config.sections()]


def test_only_dataframe_html_is_replaced_and_its_text_plain_shows_every_value(
    notebook: tuple[str, dict[str, Any]],
) -> None:
    name, nb = notebook
    tables = 0
    for index, cell in enumerate(nb["cells"]):
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            for fmt, value in [("stream", output.get("text", ""))] + list(data.items()):
                text = "".join(value) if isinstance(value, list) else value
                if not isinstance(text, str) or _sanitize(text) == text:
                    continue
                where = f"{name}, cell {index}, {fmt}"
                assert fmt == "text/html", f"{where}: a sanitizer changes this output: {text[:80]!r}"
                assert _sanitize(text) == DATAFRAME_PLACEHOLDER
                plain = "".join(data.get("text/plain", ""))
                missing = _html_cells_missing_from_plain(text, plain)
                assert not missing, f"{where}: the HTML shows {missing[:3]} that its text/plain does not"
                tables += 1
    assert tables > 0, f"{name}: no DataFrame shown (the check would hold nothing)"


def test_the_value_check_catches_html_that_text_plain_does_not_show() -> None:
    import pandas as pd

    frame = pd.DataFrame({"outlet": ["Kessel Voice"], "lo": [0.55], "hi": [0.75]})
    html = frame._repr_html_()
    assert _sanitize(html) == DATAFRAME_PLACEHOLDER
    assert _html_cells_missing_from_plain(html, repr(frame)) == []
    # a Styler (HTML only) or a plain text cut short would hide values: both are caught
    assert _html_cells_missing_from_plain(html, "<pandas.io.formats.style.Styler object>") == [
        "outlet", "lo", "hi", "0", "Kessel Voice", "0.55", "0.75"]
    assert _html_cells_missing_from_plain(html, repr(frame).replace("0.75", "...")) == ["0.75"]
    # other HTML, a table of another kind and text are left to exact comparison
    for text in ("<b>3 mentions</b>", "<table><tr><td>0.55</td></tr></table>", repr(frame)):
        assert _sanitize(text) == text
