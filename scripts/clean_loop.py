"""Clean the 181 AEB trafilatura rows ``N`` times after one warm-up pass: a fixed workload
for instruction counts, which, unlike wall-clock time on a shared machine, repeat exactly.

    valgrind --tool=callgrind --callgrind-out-file=/dev/null python scripts/clean_loop.py 0
    valgrind --tool=callgrind --callgrind-out-file=/dev/null python scripts/clean_loop.py 2

The difference of the two "I refs" totals is the cost of two passes of ``clean`` over the
rows (start-up, imports and the warm-up cancel out). ``--scan`` runs the scorecard's
10-regex line scan instead, the anchor the speed target is set against.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import newsclean

SHARED = Path(__file__).resolve().parents[1].parent / "shared"

_PATTERNS = (
    r"^advertisement$",
    r"^(read more|related)\b",
    r"subscribe",
    r"newsletter",
    r"^\s*(previous|next) (article|post)",
    r"cookies?",
    r"\b\d{1,2}:\d{2}\b",
    r"all rights reserved",
    r"^(share|tweet)\b",
    r"originally (appeared|published)",
)


def main(argv: list[str]) -> int:
    passes = int(argv[0]) if argv else 1
    with open(SHARED / "data" / "text_pairs.jsonl", encoding="utf-8") as fh:
        docs = [r["noisy"] for r in map(json.loads, fh) if r["tool"] == "trafilatura"]
    if "--scan" in argv:
        pats = [re.compile(p, re.I) for p in _PATTERNS]

        def work(d: str) -> object:
            return [ln for ln in d.split("\n") if not any(p.search(ln) for p in pats)]
    else:
        work = newsclean.clean
    for d in docs:  # warm-up: packs, automaton, caches
        work(d)
    for _ in range(passes):
        for d in docs:
            work(d)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
