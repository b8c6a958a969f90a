#!/usr/bin/env bash
# The test command: installs what the tests need, then runs every test.
#
#   bash tools/test.sh [pytest options]
#
# The README's set-up section and CI (.ci/run) both run this script, so a developer and
# CI run the same steps. From the repository root it:
#   1. installs Debian's chromium with apt-get when it is missing and we are root
#      (the browser tests, tests/test_browser.py, drive it with playwright; playwright's
#      own browser download is never used);
#   2. creates .venv, upgrades pip and installs mediakit with its "test" extra;
#   3. runs the static checks: ruff and mypy (a finding fails the run);
#   4. runs pytest (unit tests, notebooks with nbval, browser tests).
# Environment: MEDIAKIT_REQUIRE_BROWSER=1 (set by CI) turns a missing browser into a
# test failure instead of a skip.
set -euo pipefail
cd "$(dirname "$0")/.."

# --- 1. Chromium for the browser tests ---------------------------------------------
if command -v chromium >/dev/null 2>&1; then
    :
elif [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "tools/test.sh: installing Debian's chromium for the browser tests (apt-get)"
    apt_log=$(mktemp)
    if ! { apt-get update -qq \
           && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium; \
         } >"$apt_log" 2>&1; then
        # Not fatal here: the browser tests then skip, or fail under MEDIAKIT_REQUIRE_BROWSER.
        echo "tools/test.sh: apt-get could not install chromium:" >&2
        tail -n 20 "$apt_log" >&2
    fi
    rm -f "$apt_log"
else
    echo "tools/test.sh: chromium is not installed and this is not root: the browser tests will be skipped"
fi

# --- 2. The virtual environment ------------------------------------------------------
python3 -m venv .venv
.venv/bin/python -m pip install -q -U pip
.venv/bin/python -m pip install -q -e ".[test]"

# --- 3. Static checks ----------------------------------------------------------------
# Before the tests, so that CI fails on a style or type error (set -e stops the run).
# Both are configured in pyproject.toml ([tool.ruff], [tool.mypy]): ruff checks every
# Python file of the repository, mypy the package with pandas-stubs. mypy's cache is
# kept inside .venv (ignored by git), so a second run only re-checks changed modules.
echo "tools/test.sh: ruff check"
.venv/bin/ruff check --quiet
echo "tools/test.sh: mypy"
.venv/bin/python -m mypy --cache-dir .venv/mypy_cache

# --- 4. The tests ----------------------------------------------------------------------
exec .venv/bin/python -m pytest "$@"
