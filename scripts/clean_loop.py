"""Clean the 181 AEB trafilatura rows ``N`` times after one warm-up pass: a fixed workload
for instruction counts, which, unlike wall-clock time on a shared machine, repeat exactly.

    valgrind --tool=callgrind --callgrind-out-file=/dev/null python scripts/clean_loop.py 0
    valgrind --tool=callgrind --callgrind-out-file=/dev/null python scripts/clean_loop.py 2

The difference of the two "I refs" totals is the cost of two passes of ``clean`` over the
rows (start-up, imports and the warm-up cancel out). ``--scan`` runs the benchmarks'
10-regex line scan instead, the anchor the speed target is set against.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

from benchmarks.speed import regex_scan  # noqa: E402

import newsclean  # noqa: E402

SHARED = ROOT.parent / "shared"


def main(argv: list[str]) -> int:
    passes = int(argv[0]) if argv else 1
    with open(SHARED / "data" / "text_pairs.jsonl", encoding="utf-8") as fh:
        docs = [r["noisy"] for r in map(json.loads, fh) if r["tool"] == "trafilatura"]
    work = regex_scan if "--scan" in argv else newsclean.clean
    for d in docs:  # warm-up: packs, automaton, caches
        work(d)
    for _ in range(passes):
        for d in docs:
            work(d)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
