#!/usr/bin/env bash
# Long fuzzing run: every proptest suite of the crate (analyzer, ingest, quotes, query parser,
# snippets, … — whatever files contain `proptest!`) with enough cases for at least TOTAL cases
# in total, spread evenly over the property tests.
#
#   scripts/fuzz-long.sh                 # 1,000,000 cases, release build, fresh random seed
#   scripts/fuzz-long.sh 20000           # a quick fraction
#   PROPTEST_RNG_SEED=42 scripts/fuzz-long.sh   # replay a run exactly
#   FUZZ_PROFILE=test scripts/fuzz-long.sh 20000 # with the `cargo test` build, no release build
#
# The seed is printed first: a failure is reproduced by running again with that
# PROPTEST_RNG_SEED (proptest >= 1.7 reads it; it also prints the shrunk failing input).
# CI runs the same suites with the default 256 (or fewer) cases and a fixed seed (.ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."

TOTAL="${1:-1000000}"
PROFILE="${FUZZ_PROFILE:-release}"
export PROPTEST_RNG_SEED="${PROPTEST_RNG_SEED:-$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')}"
# Long runs spend their time generating cases, not shrinking forever on a failure.
export PROPTEST_MAX_SHRINK_TIME="${PROPTEST_MAX_SHRINK_TIME:-60000}"

# Property tests = `fn` items inside `proptest! { … }` blocks (brace depth tracked per file).
count_props() {
  awk '
    /proptest! *\{/ { if (depth == 0) { inblock = 1 } }
    {
      if (inblock && depth >= 1 && $0 ~ /^[[:space:]]*fn [a-z_0-9]+ *\(/) { n++ }
      line = $0
      opens = gsub(/\{/, "{", line); closes = gsub(/\}/, "}", line)
      if (inblock) { depth += opens - closes; if (depth <= 0) { inblock = 0; depth = 0 } }
    }
    END { print n + 0 }' "$1"
}

targets=()
props=0
for f in tests/*.rs; do
  grep -q 'proptest!' "$f" || continue
  n=$(count_props "$f")
  [ "$n" -gt 0 ] || continue
  targets+=("--test $(basename "$f" .rs)")
  props=$((props + n))
  echo "  $f: $n property tests"
done
lib_props=0
while IFS= read -r f; do
  n=$(count_props "$f")
  lib_props=$((lib_props + n))
  [ "$n" -gt 0 ] && echo "  $f: $n property tests (unit)"
done < <(grep -rl 'proptest!' src || true)
if [ "$lib_props" -gt 0 ]; then
  targets+=("--lib")
  props=$((props + lib_props))
fi
if [ "$props" -eq 0 ]; then
  echo "no proptest suites found" >&2
  exit 1
fi

export PROPTEST_CASES=$(((TOTAL + props - 1) / props))
echo "== fuzz-long: $props property tests x $PROPTEST_CASES cases = $((props * PROPTEST_CASES)) cases"
echo "   seed PROPTEST_RNG_SEED=$PROPTEST_RNG_SEED, profile $PROFILE"

# Build first so the timing below is fuzzing only.
# shellcheck disable=SC2068
cargo test --profile "$PROFILE" ${targets[@]} --no-run
start=$(date +%s)
# shellcheck disable=SC2068
cargo test --profile "$PROFILE" ${targets[@]} -- --test-threads="$(nproc)"
end=$(date +%s)
secs=$((end - start))
[ "$secs" -gt 0 ] || secs=1
echo "== fuzz-long: $((props * PROPTEST_CASES)) cases in ${secs} s ($((props * PROPTEST_CASES / secs)) cases/s), seed $PROPTEST_RNG_SEED: all passed"
