#!/usr/bin/env bash
# Set up a virtual environment with Qari and its test tools, then lint, type-check and run the tests.
# Arguments go to pytest (e.g. `bash scripts/test.sh tests/unit -x`; `--no-cov` skips coverage).
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e ".[test]"

# Lint and types first; the tests run even when they fail, so one run shows everything.
checks=0
.venv/bin/ruff check reader tests benchmarks packaging tools || checks=1
.venv/bin/mypy || checks=1  # strict, over reader/ ([tool.mypy] in pyproject.toml)

# Coverage of reader/ in this process (subprocess and frozen-app runs are not measured);
# the report lists only files with lines left uncovered.
set +e
QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest --cov=reader --cov-report=term:skip-covered "$@"
tests=$?
set -e
if [ "$tests" -ne 0 ]; then
    exit "$tests"  # pytest's own status (5: no tests collected, which .ci/run reports)
fi
exit "$checks"
