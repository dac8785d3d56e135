#!/usr/bin/env bash
# Python wrapper: build it into a virtualenv and run its tests (including the example notebook).
#
#   scripts/python-tests.sh
#
# From a fresh machine: needs python3 (>= 3.9, with venv), cargo, and PyPI for the packages in
# python/requirements-dev.txt. Creates python/.venv (override with PRESSESPIEGEL_VENV), installs
# the test dependencies, builds the extension with `maturin develop` (dev profile; dependencies
# are optimised, see the root Cargo.toml) and runs pytest on python/tests.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"
VENV="${PRESSESPIEGEL_VENV:-$ROOT/python/.venv}"
PYTHON="${PYTHON:-python3}"

if [ ! -x "$VENV/bin/python" ]; then
  echo "== creating virtualenv $VENV"
  "$PYTHON" -m venv "$VENV"
fi
export VIRTUAL_ENV="$VENV"
export PATH="$VENV/bin:$PATH"

echo "== installing test dependencies (python/requirements-dev.txt)"
python -m pip install --quiet --disable-pip-version-check -r python/requirements-dev.txt

echo "== building the extension (maturin develop)"
(cd python && maturin develop --quiet)

echo "== pytest python/tests"
python -m pytest python/tests -q -ra
