"""Python overhead per search: the same searches through the Rust API and through the wrapper.

    (cd python && maturin develop --release)          # in a virtualenv with maturin
    python python/bench_overhead.py --release [ROUNDS]

Runs `cargo run --release -p pressespiegel-python --example search_latency` (the Rust API) and
the same queries from Python. Without ``--release`` both sides use the dev profile (what
`scripts/python-tests.sh` builds; the pressespiegel crate itself is then unoptimised, so the
search dominates and the overhead drowns in noise). Both sides must use the same profile:

- ``native``: ``index._native.search(request)`` — Rust search + conversion to dicts (pythonize),
- ``python``: ``index.search(query, limit=10)`` — everything a user calls: argument checks,
  ``Results``/``Hit``/``Snippet`` objects.

Prints µs/search for each and the difference to Rust (the wrapper's overhead).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pressespiegel as ps

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "data" / "demo" / "wikinews-de.jsonl"
QUERIES = ["Wahl Regierung", '"Europäische Union"', "Parlament OR Wahl", ""]


def per_call_us(fn, rounds: int) -> float:
    for _ in range(max(1, rounds // 10)):
        fn()
    start = time.perf_counter()
    for _ in range(rounds):
        fn()
    return (time.perf_counter() - start) * 1e6 / rounds


def rust_numbers(rounds: int, release: bool) -> dict:
    profile = ["--release"] if release else []
    out = subprocess.run(
        ["cargo", "run", "--quiet", *profile, "-p", "pressespiegel-python", "--example",
         "search_latency", "--", str(CORPUS), str(rounds)],
        cwd=ROOT, check=True, capture_output=True, text=True, env=os.environ,
    ).stdout
    numbers = {}
    for line in out.splitlines():
        query, us, _hits = line.split("\t")
        numbers[json.loads(query)] = float(us)
    return numbers


def main() -> None:
    args = [a for a in sys.argv[1:] if a != "--release"]
    release = "--release" in sys.argv[1:]
    rounds = int(args[0]) if args else 2000
    with CORPUS.open(encoding="utf-8") as f:
        articles = [json.loads(line) for line in f]
    index = ps.Index.create()
    index.add(articles)
    rust = rust_numbers(rounds, release)
    print(f"{'query':<24}{'rust µs':>10}{'native µs':>11}{'python µs':>11}{'overhead µs':>13}")
    for q in QUERIES:
        request = {"query": q, "limit": 10}
        native = per_call_us(lambda: index._native.search(request), rounds)
        python = per_call_us(lambda: index.search(q, limit=10), rounds)
        print(f"{q!r:<24}{rust[q]:>10.1f}{native:>11.1f}{python:>11.1f}{python - rust[q]:>13.1f}")


if __name__ == "__main__":
    main()
