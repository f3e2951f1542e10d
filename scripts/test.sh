#!/usr/bin/env bash
# Install the package with its test tools, then run every check CI runs. The tests run in
# parallel, one worker per core (pytest-xdist), with the coverage of every worker combined.
#
#   bash scripts/test.sh            everything, as CI runs it
#   bash scripts/test.sh --quick    everyday work: no install, lint or coverage; the tests
#                                   not marked heavy (see the README for what it leaves out)
# Arguments after these are passed to pytest (a file, -k EXPR, -x…).
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${1:-}" == "--quick" ]]; then
  shift
  exec python -m pytest -n auto -q -p no:cacheprovider -m "not heavy and not slow" "$@"
fi
python -m pip install --quiet --upgrade pip
python -m pip install --quiet -e '.[test]'
ruff check .
ruff format --check .
mypy
# pytest exits 5 when it collects nothing: that is a failure here, as any non-zero code.
python -m pytest -n auto --cov --cov-branch --cov-fail-under=95 -q -p no:cacheprovider "$@"
