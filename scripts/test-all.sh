#!/usr/bin/env bash
# All tests, Rust and Python, from a fresh machine: the README's test command.
#
#   ./scripts/test-all.sh
#
# Tests that need ../shared (seeds, Wikinews, 10kGNAD) skip with a printed reason when it is
# missing, and fail under CI=true.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== Rust: unit, integration, doc tests (all features, incl. the CLI)"
cargo test --workspace --all-features

echo "== Rust: benchmarks in smoke mode (each benchmark once on small inputs; numbers come from full runs, see BENCHMARKS.md)"
cargo bench --workspace --all-features --benches -- --test

if [ -x scripts/python-tests.sh ]; then
  echo "== Python: wrapper, pytest, notebook"
  scripts/python-tests.sh
fi
