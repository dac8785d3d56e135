#!/usr/bin/env bash
# Long fuzzing run: every proptest suite of the crate (analyzer, ingest, quotes, query parser,
# snippets, … — whatever files contain `proptest!`) with enough cases for at least TOTAL cases
# in total, spread evenly over the property tests (expensive suites get a fixed share).
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

# Suites whose cases are expensive (each corpus case generates and checks whole articles) get
# a fixed share instead of an even one, so the run finishes in reasonable time.
heavy_cases() {
  case "$1" in
    corpus_proptest) echo "${FUZZ_HEAVY_CASES:-2000}" ;;
    *) echo "" ;;
  esac
}

names=()
counts=()
light_props=0
heavy_total=0
for f in tests/*.rs; do
  grep -q 'proptest!' "$f" || continue
  n=$(count_props "$f")
  [ "$n" -gt 0 ] || continue
  name=$(basename "$f" .rs)
  names+=("$name")
  counts+=("$n")
  h=$(heavy_cases "$name")
  if [ -n "$h" ]; then
    heavy_total=$((heavy_total + n * h))
    echo "  $f: $n property tests x $h cases (heavy suite)"
  else
    light_props=$((light_props + n))
    echo "  $f: $n property tests"
  fi
done
if [ "$light_props" -eq 0 ]; then
  echo "no proptest suites found" >&2
  exit 1
fi
if grep -rq 'proptest!' src; then
  echo "unit-test proptest suites in src/ are not covered by this script; add them" >&2
  exit 1
fi

remaining=$((TOTAL > heavy_total ? TOTAL - heavy_total : 0))
light_cases=$(((remaining + light_props - 1) / light_props))
[ "$light_cases" -gt 0 ] || light_cases=1
total_cases=$((light_props * light_cases + heavy_total))
echo "== fuzz-long: $light_props property tests x $light_cases cases + $heavy_total heavy cases = $total_cases cases"
echo "   seed PROPTEST_RNG_SEED=$PROPTEST_RNG_SEED, profile $PROFILE"

targets=()
for name in "${names[@]}"; do targets+=(--test "$name"); done
# Build first so the timing below is fuzzing only.
cargo test --profile "$PROFILE" "${targets[@]}" --no-run
start=$(date +%s)
for name in "${names[@]}"; do
  h=$(heavy_cases "$name")
  cases="${h:-$light_cases}"
  echo "== $name: PROPTEST_CASES=$cases"
  PROPTEST_CASES="$cases" cargo test --profile "$PROFILE" --test "$name" -- --test-threads="$(nproc)"
done
end=$(date +%s)
secs=$((end - start))
[ "$secs" -gt 0 ] || secs=1
echo "== fuzz-long: $total_cases cases in ${secs} s ($((total_cases / secs)) cases/s), seed $PROPTEST_RNG_SEED: all passed"
