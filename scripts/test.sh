#!/usr/bin/env bash
# Install the package with its test tools, then run every check CI runs.
set -euo pipefail
cd "$(dirname "$0")/.."
python -m pip install --quiet --upgrade pip
python -m pip install --quiet -e '.[test]'
ruff check .
ruff format --check .
mypy
# pytest exits 5 when it collects nothing: that is a failure here, as any non-zero code.
python -m pytest --cov --cov-branch --cov-fail-under=95 -q -p no:cacheprovider "$@"
