#!/usr/bin/env bash
# Set up a virtual environment with Qari, then start it (on the sample article unless a file is given).
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q .
exec .venv/bin/qari "$@"
