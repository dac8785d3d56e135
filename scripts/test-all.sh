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

echo "== Rust: huge inputs in release (1 GB of JSON Lines streamed in bounded memory, a 50 MB article; README Guarantees)"
# Release deps are built by the bench step above; this adds one test binary. Needs ~2 GB in $TMPDIR.
cargo test --release --all-features --test reliability_hostile -- --ignored huge --nocapture

if [ -x scripts/python-tests.sh ]; then
  echo "== Python: wrapper, pytest, notebook"
  scripts/python-tests.sh
fi
