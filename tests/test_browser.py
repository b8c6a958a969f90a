"""The notebooks, the explorer widget and the HTML report in a real browser (issue 17).

A reader meets mediakit in JupyterLab and in a web browser, so this module looks at
it there: headless Chromium (Debian's ``chromium``, driven by playwright) opens
JupyterLab and the report the way a person would.

- Every guided notebook is opened in JupyterLab and run with "Run All Cells". It must
  finish with every code cell executed, no error output and no browser console error.
- The explorer of notebook 05 is driven through its controls (outlet, actor, label,
  voice, context); its table and plot must follow.
- Article text, titles and outlet names holding ``<script>`` and ``<img onerror>``
  must show as text in a notebook and in the explorer, and no dialog may open.
- The HTML report of the sample, opened from ``file://``, must show every section and
  every image, log no console error and request nothing outside the file.

What counts as an error in a notebook: an ``error`` output (an exception raised by a
cell), or text on stderr holding a ``Traceback`` (an exception printed, e.g. by a
widget callback). Other stderr text (a library's warning) is not an error: it is
reported as a pytest warning naming the notebook and cell, so it stays visible.

JupyterLab serves a temporary copy of ``notebooks/`` with the stored outputs removed
(so every output seen comes from this run, and Run All's autosave never touches the
committed files). Screenshots go to ``browser-artifacts/`` (ignored by git; the
folder is printed in the test output, and ``MEDIAKIT_BROWSER_ARTIFACTS`` moves it).

The module is marked ``browser``. Without Chromium or playwright it is skipped with
the reason; with ``MEDIAKIT_REQUIRE_BROWSER=1`` (set by CI) a missing browser fails
it instead. ``tools/test.sh`` installs both. Every wait is bounded.
"""

from __future__ import annotations

import copy
import importlib.util
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[1]
NOTEBOOK_NAMES = sorted(p.name for p in (REPO / "notebooks").glob("*.ipynb"))
EXPLORER_NOTEBOOK = "05_explore_and_bring_your_own.ipynb"
INJECTION_NOTEBOOK = "injected_markup.ipynb"
REQUIRE_BROWSER = os.environ.get("MEDIAKIT_REQUIRE_BROWSER", "") not in ("", "0")

# Section ids of the HTML report (mediakit/report.py): the table of contents links to
# them, so they are the report's stable anchors whatever renders the page.
REPORT_SECTIONS = (
    "summary", "loading", "findings", "shares", "voice", "rates", "tone", "time", "words",
    "contexts", "duplicates", "validation", "method",
)

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(2)>"

# Bounds (milliseconds) on every wait, so nothing here can hang CI. They are generous:
# a run normally takes a fraction of them, on a 2-core machine shared with other work.
SERVER_START_S = 90
PAGE_LOAD_MS = 90_000
KERNEL_READY_MS = 90_000
RUN_ALL_MS = 240_000
WIDGET_UPDATE_MS = 60_000

CHROMIUM_ARGS = [
    "--no-sandbox",  # tests run as root in CI; Chromium's sandbox refuses root
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    # Without these Chromium phones home; the closed network refuses it and the refusals
    # show up as noise (and would be external requests).
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _chromium() -> str | None:
    """Chromium's executable: ``MEDIAKIT_CHROMIUM``, else ``chromium`` on PATH."""
    named = os.environ.get("MEDIAKIT_CHROMIUM")
    if named:
        return named if Path(named).is_file() else None
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


def _missing_tools() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    if _chromium() is None:
        return ("Chromium is not installed (Debian package 'chromium'; "
                "tools/test.sh installs it when run as root)")
    for module, package in (("playwright", "playwright"), ("jupyterlab", "jupyterlab")):
        if importlib.util.find_spec(module) is None:
            return f"the Python package {package} is not installed (pip install -e '.[test]')"
    return None


# ------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def chromium_path() -> str:
    reason = _missing_tools()
    if reason is not None:
        if REQUIRE_BROWSER:
            pytest.fail(f"browser tests are required (MEDIAKIT_REQUIRE_BROWSER) but {reason}")
        pytest.skip(f"browser tests skipped: {reason}")
    path = _chromium()
    assert path is not None
    return path


@pytest.fixture(scope="module")
def artifacts(request: pytest.FixtureRequest) -> Iterator[Path]:
    """The screenshot folder; printed at the end of the module as the CI artefact location."""
    folder = Path(os.environ.get("MEDIAKIT_BROWSER_ARTIFACTS", REPO / "browser-artifacts"))
    folder.mkdir(parents=True, exist_ok=True)
    yield folder
    shown = os.path.relpath(folder) if folder.resolve().is_relative_to(Path.cwd()) else str(folder)
    count = len(list(folder.glob("*.png")))
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    if reporter is not None and capture is not None:
        with capture.global_and_fixture_disabled():  # past pytest's output capture
            reporter.ensure_newline()
            reporter.write_line(f"browser artefacts: {count} screenshot(s) in {shown}/")


@pytest.fixture(scope="module")
def browser(chromium_path: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """A headless Chromium context with a fresh profile (user data dir)."""
    from playwright.sync_api import sync_playwright

    manager = sync_playwright().start()
    try:
        context = manager.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")),
            executable_path=chromium_path,
            headless=True,
            args=CHROMIUM_ARGS,
            viewport={"width": 1280, "height": 1400},
            timeout=60_000,
        )
        context.set_default_timeout(30_000)
        try:
            yield context
        finally:
            context.close()
    finally:
        manager.stop()


def _strip_outputs(notebook: dict[str, Any]) -> dict[str, Any]:
    """The notebook without stored outputs, so every output seen comes from this run."""
    stripped = copy.deepcopy(notebook)
    for cell in stripped["cells"]:
        if cell["cell_type"] == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
    stripped.get("metadata", {}).pop("widgets", None)
    return stripped


def _injection_notebook() -> dict[str, Any]:
    """A notebook whose corpus carries markup in its text, titles and outlet names."""
    import nbformat

    setup = f'''\
import pandas as pd
import mediakit as mk
from mediakit.widgets import explorer

SCRIPT = {SCRIPT!r}
IMG = {IMG!r}
places = ["the old port", "the northern bridge", "the market square", "the airfield"]
rows = []
for i, (outlet, title) in enumerate([(SCRIPT, "Rebels " + IMG), (IMG, "Terrorists " + SCRIPT)] * 2):
    rows.append({{
        "doc_id": f"d{{i}}", "outlet": outlet, "date": f"2025-01-0{{i + 1}}", "title": title,
        "text": (f"The rebels {{SCRIPT}} attacked {{places[i]}} on day {{i}}. "
                 f'"These terrorists {{IMG}} will pay," a minister said of {{places[i]}}. '
                 f"Opposition forces held {{places[(i + 2) % 4]}} {{IMG}}."),
    }})
corpus = mk.load_corpus(pd.DataFrame(rows))
result = mk.analyze(corpus, "conflict")
corpus[["outlet", "title"]]'''
    show = 'ex = explorer(result, actor="armed_opposition", voice="all", window=30, n_boot=50, seed=0)\nex'
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(setup), nbformat.v4.new_code_cell(show)]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return dict(nb)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Lab:
    """A running JupyterLab server on 127.0.0.1 and the folder it serves."""

    url: str
    token: str
    root: Path
    log: Path
    pages: dict[str, Any] = field(default_factory=dict)

    def api(self, method: str, path: str) -> Any:
        request = urllib.request.Request(
            f"{self.url}{path}", method=method, headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(request, timeout=15) as response:
            body = response.read()
        return json.loads(body) if body else None

    def shutdown_kernel(self, notebook: str) -> None:
        """Stop the kernel of ``notebook`` (its session) to free the shared cores."""
        for session in self.api("GET", "/api/sessions"):
            if session.get("path") == notebook:
                self.api("DELETE", f"/api/sessions/{session['id']}")


@pytest.fixture(scope="module")
def lab(chromium_path: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Lab]:
    """JupyterLab serving a temporary, output-free copy of ``notebooks/``; stopped by PID."""
    base = tmp_path_factory.mktemp("jupyterlab")
    root = base / "notebooks"
    root.mkdir()
    for name in NOTEBOOK_NAMES:
        notebook = json.loads((REPO / "notebooks" / name).read_text(encoding="utf-8"))
        (root / name).write_text(json.dumps(_strip_outputs(notebook), indent=1), encoding="utf-8")
    (root / INJECTION_NOTEBOOK).write_text(json.dumps(_injection_notebook(), indent=1), encoding="utf-8")

    # Jupyter's and IPython's per-user folders point into the temporary folder: no
    # settings, workspaces or kernels of the machine's user leak into the test.
    home = base / "home"
    env = dict(os.environ)
    env.update(
        JUPYTER_CONFIG_DIR=str(home / "config"), JUPYTER_DATA_DIR=str(home / "data"),
        JUPYTER_RUNTIME_DIR=str(home / "runtime"), IPYTHONDIR=str(home / "ipython"),
    )
    # The "Jupyter news?" toast covers the notebook in screenshots; its plugin is off.
    labconfig = home / "config" / "labconfig"
    labconfig.mkdir(parents=True)
    (labconfig / "page_config.json").write_text(json.dumps(
        {"disabledExtensions": {"@jupyterlab/apputils-extension:announcements": True}}))

    port = _free_port()
    token = os.urandom(16).hex()
    command = [
        sys.executable, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
        f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}",
        "--ServerApp.port_retries=0",
        # window.jupyterapp: the test runs JupyterLab commands (Run All Cells) by name.
        "--LabApp.expose_app_in_browser=True",
        # Nothing reaches for the network: no extension listing, news or update check.
        "--LabApp.extension_manager=readonly", "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        f"--LabApp.workspaces_dir={home / 'workspaces'}",
        f"--LabApp.user_settings_dir={home / 'settings'}",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")
    log = base / "jupyterlab.log"
    with log.open("wb") as log_file:
        server = subprocess.Popen(command, env=env, stdout=log_file, stderr=subprocess.STDOUT,
                                  cwd=root, start_new_session=True)
    lab = Lab(url=f"http://127.0.0.1:{port}", token=token, root=root, log=log)
    try:
        deadline = time.monotonic() + SERVER_START_S
        while True:
            if server.poll() is not None:
                pytest.fail(f"JupyterLab exited with {server.returncode}:\n{log.read_text()[-3000:]}")
            try:
                lab.api("GET", "/api/status")
                break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                if time.monotonic() > deadline:
                    pytest.fail(f"JupyterLab did not answer in {SERVER_START_S} s:\n"
                                f"{log.read_text()[-3000:]}")
                time.sleep(0.5)
        yield lab
    finally:
        _stop(server)


def _stop(server: subprocess.Popen[bytes]) -> None:
    """Stop the server by its PID (SIGTERM shuts its kernels down), then its group."""
    if server.poll() is None:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            pass
    # The server was started in its own session, so its process group id is its PID:
    # this reaches kernels it could not stop, and nothing else.
    try:
        os.killpg(server.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    server.wait(timeout=20)


# ------------------------------------------------------------------------- helpers


@dataclass
class Watched:
    """What a page reported: console errors, uncaught errors, dialogs, outside requests."""

    console_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    outside_requests: list[str] = field(default_factory=list)

    def clean(self) -> bool:
        return not (self.console_errors or self.dialogs or self.outside_requests)


def _watch(page: Any, *, allowed: tuple[str, ...]) -> Watched:
    watched = Watched()

    def on_console(message: Any) -> None:
        if message.type == "error":
            watched.console_errors.append(message.text)

    def on_dialog(dialog: Any) -> None:
        watched.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def on_request(request: Any) -> None:
        if not request.url.startswith(allowed):
            watched.outside_requests.append(request.url)

    page.on("console", on_console)
    page.on("pageerror", lambda error: watched.console_errors.append(f"uncaught: {error}"))
    page.on("dialog", on_dialog)
    page.on("request", on_request)
    return watched


_KERNEL_IDLE = """() => {
  const panel = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  const kernel = panel && panel.sessionContext && panel.sessionContext.session
    && panel.sessionContext.session.kernel;
  return !!kernel && kernel.connectionStatus === 'connected' && kernel.status === 'idle';
}"""

# Done when the kernel is idle and every code cell has run, or when an error stopped
# Run All (the cells after it then never run: waiting longer would only time out).
_RUN_ALL_DONE = """() => {
  const panel = window.jupyterapp.shell.currentWidget;
  const kernel = panel.sessionContext.session && panel.sessionContext.session.kernel;
  if (!kernel || kernel.status !== 'idle') return false;
  const cells = panel.content.widgets.filter(c => c.model.type === 'code');
  const errored = cells.some(c => c.model.outputs.toJSON().some(o => o.output_type === 'error'));
  return errored || cells.every(c => c.model.executionCount !== null);
}"""

_CELL_REPORT = """() => {
  const cells = window.jupyterapp.shell.currentWidget.content.widgets;
  return cells.map((c, i) => ({
    index: i,
    type: c.model.type,
    count: c.model.type === 'code' ? c.model.executionCount : null,
    outputs: c.model.type === 'code' ? c.model.outputs.toJSON() : [],
  }));
}"""

_DOM_TRACEBACKS = """() => Array.from(document.querySelectorAll(
  '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'))
  .map(e => e.innerText).filter(t => t.includes('Traceback'))"""


def _text(value: Any) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


@dataclass
class NotebookRun:
    name: str
    page: Any
    watched: Watched
    cells: list[dict[str, Any]]
    dom_tracebacks: list[str]


def _run_all(lab: Lab, browser: Any, name: str, artifacts: Path) -> NotebookRun:
    """Open ``name`` in JupyterLab, Run All Cells and wait until it is done (bounded)."""
    page = browser.new_page()
    watched = _watch(page, allowed=(lab.url, "blob:", "data:", "about:"))
    # The single-document view: the notebook without side panels, as in a screenshot.
    page.goto(f"{lab.url}/doc/tree/{name}?token={lab.token}", timeout=PAGE_LOAD_MS)
    page.wait_for_function("() => window.jupyterapp && window.jupyterapp.shell.currentWidget "
                           "&& window.jupyterapp.shell.currentWidget.sessionContext",
                           timeout=PAGE_LOAD_MS)
    page.wait_for_function(_KERNEL_IDLE, timeout=KERNEL_READY_MS)
    # Not awaited: the command's promise settles only when the whole run does, and an
    # unbounded evaluate could hang; the bounded wait below watches the run instead.
    page.evaluate("() => { window.jupyterapp.commands.execute('notebook:run-all-cells'); }")
    try:
        page.wait_for_function(_RUN_ALL_DONE, timeout=RUN_ALL_MS, polling=500)
    except Exception as error:
        page.screenshot(path=str(artifacts / f"{Path(name).stem}-timeout.png"))
        counts = [c["count"] for c in page.evaluate(_CELL_REPORT) if c["type"] == "code"]
        pytest.fail(f"{name}: Run All did not finish in {RUN_ALL_MS // 1000} s "
                    f"(execution counts {counts}): {error}")
    run = NotebookRun(name, page, watched, page.evaluate(_CELL_REPORT), page.evaluate(_DOM_TRACEBACKS))
    lab.pages[name] = run
    page.screenshot(path=str(artifacts / f"{Path(name).stem}.png"))
    return run


def _problems(run: NotebookRun) -> list[str]:
    """Errors of a finished run; stderr warnings are reported as pytest warnings."""
    problems: list[str] = []
    for cell in run.cells:
        if cell["type"] != "code":
            continue
        where = f"{run.name} cell {cell['index']}"
        if cell["count"] is None:
            problems.append(f"{where} never ran")
        for output in cell["outputs"]:
            if output.get("output_type") == "error":
                problems.append(f"{where} raised {output.get('ename')}: {output.get('evalue')}")
            elif output.get("output_type") == "stream" and output.get("name") == "stderr":
                text = _text(output.get("text", ""))
                if "Traceback" in text:
                    problems.append(f"{where} printed a traceback:\n{text[-1500:]}")
                elif text.strip():
                    warnings.warn(f"{where} wrote to stderr: {text.strip()[:500]}", stacklevel=1)
    problems += [f"{run.name}: traceback shown in the page:\n{t[-1500:]}" for t in run.dom_tracebacks]
    problems += [f"{run.name}: console error: {e}" for e in run.watched.console_errors]
    problems += [f"{run.name}: dialog opened: {d}" for d in run.watched.dialogs]
    problems += [f"{run.name}: request outside the server: {u}" for u in run.watched.outside_requests]
    return problems


def _notebook_run(lab: Lab, browser: Any, name: str, artifacts: Path) -> NotebookRun:
    return lab.pages[name] if name in lab.pages else _run_all(lab, browser, name, artifacts)


def _close(lab: Lab, name: str) -> None:
    run = lab.pages.pop(name, None)
    if run is not None:
        run.page.close()
    lab.shutdown_kernel(name)


# --------------------------------------------------------------------- notebooks


@pytest.mark.parametrize("name", NOTEBOOK_NAMES)
def test_notebook_runs_all_cells_cleanly_in_jupyterlab(
    name: str, lab: Lab, browser: Any, artifacts: Path
) -> None:
    run = _notebook_run(lab, browser, name, artifacts)
    try:
        code_cells = [c for c in run.cells if c["type"] == "code"]
        assert code_cells, f"{name} has no code cell"
        assert _problems(run) == []
        # Every cell ran once, in order, in one fresh kernel.
        assert [c["count"] for c in code_cells] == list(range(1, len(code_cells) + 1))
        # Widgets render as widgets (the JupyterLab widget manager is present), not as
        # their text fallback.
        if any("widget-view+json" in json.dumps(c["outputs"]) for c in code_cells):
            assert run.page.locator(".jupyter-widgets").count() > 0
    finally:
        if name != EXPLORER_NOTEBOOK:  # the explorer test below drives this one further
            _close(lab, name)


# ---------------------------------------------------------------------- explorer

_EXPLORER_VIEW = """async (root) => {
  const image = root.querySelector('img.widget-image');
  const html = root.querySelectorAll('.widget-html-content');
  let digest = '';
  if (image && image.src) {
    const bytes = await (await fetch(image.src)).arrayBuffer();
    const hash = await crypto.subtle.digest('SHA-256', bytes);
    digest = Array.from(new Uint8Array(hash)).map(b => b.toString(16).padStart(2, '0')).join('');
  }
  const rows = Array.from(root.querySelectorAll('table tbody tr')).map(
    tr => Array.from(tr.querySelectorAll('td')).map(td => td.innerText));
  return {
    src: image ? image.src : '',
    width: image ? image.naturalWidth : 0,
    digest: digest,
    status: html.length ? html[html.length - 2].innerText : '',
    table: html.length ? html[html.length - 1].innerText : '',
    rows: rows,
  };
}"""


def _explorer(page: Any) -> Any:
    """The first explorer on the page: the widget box holding its dropdowns."""
    root = page.locator(".widget-vbox").filter(has=page.locator(".widget-dropdown")).first
    root.wait_for(state="attached", timeout=WIDGET_UPDATE_MS)
    return root


def _control(root: Any, label: str) -> Any:
    box = root.locator(".widget-inline-hbox", has=root.page.locator(f"label:text-is('{label}')"))
    return box.locator("select") if label != "Context" else box.locator(".widget-readout")


def _view(root: Any) -> dict[str, Any]:
    root.scroll_into_view_if_needed()
    return root.evaluate(_EXPLORER_VIEW)  # type: ignore[no-any-return]


def _changed(page: Any, root: Any, before: dict[str, Any], action: Any) -> dict[str, Any]:
    """Do ``action``, wait until the table differs and the kernel is idle, return the view."""
    action()
    root.page.wait_for_function(
        "([root, before]) => { const h = root.querySelectorAll('.widget-html-content');"
        " return h.length && h[h.length - 1].innerText !== before; }",
        arg=[root.element_handle(), before["table"]], timeout=WIDGET_UPDATE_MS)
    page.wait_for_function(_KERNEL_IDLE, timeout=WIDGET_UPDATE_MS)
    # The plot is sent just before the table, in the same update: settled now.
    return _view(root)


def _column(view: dict[str, Any], index: int) -> set[str]:
    return {row[index] for row in view["rows"]}


def test_explorer_follows_every_control(lab: Lab, browser: Any, artifacts: Path) -> None:
    run = _notebook_run(lab, browser, EXPLORER_NOTEBOOK, artifacts)
    page = run.page
    try:
        assert _problems(run) == []
        root = _explorer(page)
        select = {name: _control(root, name) for name in ("Outlet", "Actor", "Label", "Voice")}
        # A known starting point, whatever later cells of the notebook selected.
        for name, value in (("Actor", "armed_opposition"), ("Outlet", "(all)"),
                            ("Label", "(all)"), ("Voice", "narration")):
            if select[name].input_value() != value:
                view = _view(root)
                _changed(page, root, view, lambda s=select[name], v=value: s.select_option(v))
        view = _view(root)
        assert view["width"] > 0 and view["rows"], "the explorer shows no plot or no rows"

        # Table columns: date, outlet, left, match, right, label, voice, speaker, tone.
        steps = [
            ("Outlet", "Kessel Voice", lambda v: _column(v, 1) == {"Kessel Voice"}),
            ("Voice", "all", lambda v: _column(v, 6) > {"narration"}),
            ("Label", "terrorist", lambda v: _column(v, 5) == {"terrorist"}),
        ]
        for name, value, rows_follow in steps:
            after = _changed(page, root, view, lambda s=select[name], v=value: s.select_option(v))
            assert after["table"] != view["table"], f"{name}: the table did not change"
            assert after["src"] != view["src"] and after["digest"] != view["digest"], \
                f"{name}: the plot did not change"
            assert after["width"] > 0, f"{name}: the plot does not load"
            assert rows_follow(after), f"{name}={value}: rows {after['rows'][:3]}"
            view = after

        # The context window changes the table's context columns only; the plot does not
        # depend on it, so it must stay exactly as it was.
        readout = _control(root, "Context")
        words_before = max(len(row[2].split()) for row in view["rows"])
        def widen() -> None:
            readout.click()
            readout.press("Control+a")
            readout.type("12")
            readout.press("Enter")
        after = _changed(page, root, view, widen)
        assert max(len(row[2].split()) for row in after["rows"]) > words_before
        assert after["digest"] == view["digest"]
        view = after

        # A new actor: the label list follows it, the table and the plot change.
        after = _changed(page, root, view, lambda: select["Actor"].select_option("state_forces"))
        labels = [o for o in select["Label"].locator("option").all_inner_texts()]
        assert "regime" in labels and "terrorist" not in labels
        assert select["Label"].input_value() == "(all)"
        assert after["digest"] != view["digest"] and after["table"] != view["table"]
        assert _column(after, 5) <= {"army", "government", "regime", "state_forces"}

        root.screenshot(path=str(artifacts / "05_explorer-driven.png"))
        assert run.watched.clean(), run.watched
    finally:
        _close(lab, EXPLORER_NOTEBOOK)


def test_markup_in_articles_titles_and_outlets_stays_text(
    lab: Lab, browser: Any, artifacts: Path
) -> None:
    run = _notebook_run(lab, browser, INJECTION_NOTEBOOK, artifacts)
    page = run.page
    try:
        assert _problems(run) == []
        # The corpus table (pandas' HTML) shows titles and outlets as text.
        table_text = page.locator(".jp-OutputArea-output table.dataframe").first.inner_text()
        assert SCRIPT in table_text and IMG in table_text

        root = _explorer(page)
        view = _view(root)
        outlet = _control(root, "Outlet")
        assert SCRIPT in outlet.locator("option").all_inner_texts()
        view = _changed(page, root, view, lambda: outlet.select_option(SCRIPT))
        assert SCRIPT in view["status"]  # the outlet name, in the summary line
        assert view["rows"] and _column(view, 1) == {SCRIPT}
        context = " ".join(row[2] + " " + row[4] for row in view["rows"])
        assert SCRIPT in context and IMG in context
        view = _changed(page, root, view, lambda: outlet.select_option(IMG))
        assert IMG in view["status"] and _column(view, 1) == {IMG}

        page.wait_for_timeout(500)  # an onerror handler would have fired by now
        assert page.locator(".jp-Notebook img[src='x']").count() == 0
        assert page.locator(".jp-Notebook script").count() == 0
        assert run.watched.dialogs == []
        root.screenshot(path=str(artifacts / "injected-markup-explorer.png"))
        assert run.watched.clean(), run.watched
    finally:
        _close(lab, INJECTION_NOTEBOOK)


# ------------------------------------------------------------------------ report


def test_sample_report_opens_cleanly_from_a_file(
    browser: Any, artifacts: Path, tmp_path: Path
) -> None:
    import mediakit
    from mediakit.report import write_report

    paths = write_report(mediakit.load_sample(), out_dir=tmp_path / "report")
    page = browser.new_page()
    try:
        watched = _watch(page, allowed=("file:", "data:"))
        blocked: list[str] = []

        def route(route: Any) -> None:
            if route.request.url.startswith(("file:", "data:")):
                route.continue_()
            else:  # nothing may leave the file: record it, and never let it out
                blocked.append(route.request.url)
                route.abort()

        page.route("**/*", route)
        page.goto(paths.html.resolve().as_uri(), wait_until="load", timeout=PAGE_LOAD_MS)

        ids = page.eval_on_selector_all("section[id]", "els => els.map(e => e.id)")
        assert [s for s in REPORT_SECTIONS if s not in ids] == [], ids
        for section in REPORT_SECTIONS:  # each with a visible heading
            assert page.locator(f"section#{section} h2").first.inner_text().strip()
        # The contents list links to every section.
        links = page.eval_on_selector_all("nav a[href^='#']", "els => els.map(e => e.hash.slice(1))")
        assert set(REPORT_SECTIONS) <= set(links)

        images = page.eval_on_selector_all(
            "img", "els => els.map(e => ({src: e.src.slice(0, 40), ok: e.complete && e.naturalWidth > 0}))")
        assert images, "the report shows no image"
        assert [i for i in images if not i["ok"]] == []

        page.screenshot(path=str(artifacts / "report.png"), full_page=True)
        assert blocked == []
        assert watched.console_errors == [] and watched.dialogs == []
    finally:
        page.close()
