#!/usr/bin/env python3
"""How ``clean`` and ``clean_html`` scale with input size: time and peak memory, 1 KB to 50 MB.

Standalone: ``.venv/bin/python benchmarks/growth.py`` prints one table. Inputs are generated
here (article-like paragraphs from a fixed vocabulary, every paragraph different, with the
usual scraper noise lines between them), so the run needs no data files.

Columns: seconds (best of a few runs for small inputs), MB/s, seconds per MB (flat down the
column means linear time), and the peak of Python allocations while cleaning, measured with
``tracemalloc`` in a separate run (memory lxml/libxml2 allocates in C is not seen by
tracemalloc; the input itself is allocated before tracing starts).

Options: ``--max-mb 10`` stops earlier, ``--only text`` / ``--only html``, ``--no-memory``
skips the tracemalloc runs (they are slower).
"""

from __future__ import annotations

import argparse
import gc
import random
import sys
import time
import tracemalloc
from collections.abc import Callable

import newsclean

KB = 1_000
MB = 1_000_000
SIZES = (1 * KB, 10 * KB, 100 * KB, 1 * MB, 10 * MB, 50 * MB)

SUBJECTS = [
    "The harbour council",
    "The regional water board",
    "A group of volunteers",
    "The transport ministry",
    "Local fishermen",
    "The university hospital",
    "Residents of the old quarter",
    "The school district",
    "The county fire service",
    "A coalition of small businesses",
    "The weather service",
    "Engineers from the bridge authority",
]
VERBS = [
    "approved",
    "rejected",
    "postponed",
    "announced",
    "criticised",
    "welcomed",
    "reviewed",
    "published",
    "questioned",
    "defended",
]
OBJECTS = [
    "a plan to rebuild the sea wall",
    "the new ferry timetable",
    "a budget for road repairs",
    "the proposal for a night market",
    "changes to the parking rules",
    "an inquiry into the flooding",
    "a report on air quality",
    "the design of the new library",
    "a scheme to plant trees along the river",
    "the contract for school meals",
]
WHEN = [
    "on Tuesday",
    "late on Friday",
    "after a long debate",
    "at a packed public meeting",
    "earlier this month",
    "for the second time this year",
]
TAILS = [
    "officials said in a statement.",
    "according to documents seen by reporters.",
    "although several members voted against it.",
    "and said further details would follow in the spring.",
    "citing rising costs and a shortage of workers.",
    "in a decision that surprised many observers.",
]
QUOTES = [
    '"We have listened to people and we will act," said the chair of the committee.',
    '"This is not the end of the discussion," a spokesperson told the meeting.',
    '"The numbers simply did not add up," said one of the members who voted against.',
]
NOISE = [
    "Advertisement",
    "Share this article",
    "Read more: Council weighs a new tax on holiday lets",
    "google news",
    "Sign up for our newsletter",
    "Photo: Jane Doe/AP",
    "Sept. 14, 202301:52",
]


def paragraph(rnd: random.Random, i: int) -> str:
    sentences = []
    for _ in range(rnd.randint(2, 4)):
        sentences.append(
            f"{rnd.choice(SUBJECTS)} {rnd.choice(VERBS)} {rnd.choice(OBJECTS)} "
            f"{rnd.choice(WHEN)}, {rnd.choice(TAILS)}"
        )
    if rnd.random() < 0.3:
        sentences.append(rnd.choice(QUOTES))
    sentences.append(f"The figure for item {i} was {rnd.randint(2, 999)} this year.")
    return " ".join(sentences)


def build_text(nbytes: int, seed: int = 1) -> str:
    """Article-like text of about ``nbytes`` characters: headline, paragraphs, noise lines."""
    rnd = random.Random(seed)
    parts = ["Harbour Council Approves Sea Wall Plan After Long Debate", "google news"]
    size = sum(len(p) + 2 for p in parts)
    i = 0
    while size < nbytes:
        p = paragraph(rnd, i) if i % 8 != 7 else rnd.choice(NOISE)
        parts.append(p)
        size += len(p) + 2
        i += 1
    return "\n\n".join(parts)[:nbytes]


def build_page(nbytes: int, seed: int = 1) -> bytes:
    """A news page of about ``nbytes`` bytes: head, navigation, a long article, footer."""
    rnd = random.Random(seed)
    head = (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        "<title>Harbour Council Approves Sea Wall Plan | Harbour News</title>"
        "<meta property='og:title' content='Harbour Council Approves Sea Wall Plan'></head>"
        "<body><nav><ul>"
        + "".join(f"<li><a href='/s{k}'>Section {k}</a></li>" for k in range(12))
        + "</ul></nav><article><h1>Harbour Council Approves Sea Wall Plan</h1>"
        "<p class='byline'>By Jane Doe</p>"
    )
    foot = (
        "</article><aside><h3>Related stories</h3><ul>"
        + "".join(f"<li><a href='/r{k}'>Other story number {k}</a></li>" for k in range(6))
        + "</ul></aside><footer><p>© 2024 Harbour News. All rights reserved.</p></footer>"
        "</body></html>"
    )
    parts = [head]
    size = len(head) + len(foot)
    i = 0
    while size < nbytes:
        if i % 10 == 9:
            p = "<div class='ad'><span>Advertisement</span></div>"
        else:
            p = f"<p>{paragraph(rnd, i)}</p>\n"
        parts.append(p)
        size += len(p)
        i += 1
    parts.append(foot)
    return "".join(parts).encode("utf-8")


def best_time(fn: Callable[[], object], runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        gc.collect()
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def peak_mb(fn: Callable[[], object]) -> float:
    gc.collect()
    tracemalloc.start()
    try:
        fn()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak / MB


def runs_for(nbytes: int) -> int:
    return max(1, min(20, int(2 * MB / nbytes)))


def human(nbytes: int) -> str:
    return f"{nbytes // MB} MB" if nbytes >= MB else f"{nbytes // KB} KB"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--max-mb", type=float, default=50)
    p.add_argument("--only", choices=["text", "html"])
    p.add_argument("--no-memory", action="store_true")
    args = p.parse_args(argv)
    sizes = [s for s in SIZES if s <= args.max_mb * MB]
    rows: list[tuple[str, ...]] = []
    targets: list[tuple[str, Callable[[int], object], Callable[[object], object]]] = []
    if args.only in (None, "text"):
        targets.append(("clean", build_text, lambda x: newsclean.clean(x)))  # type: ignore[arg-type]
    if args.only in (None, "html"):
        targets.append(("clean_html", build_page, lambda x: newsclean.clean_html(x)))  # type: ignore[arg-type]
    newsclean.clean("warm up: load the pipeline and the phrase packs.")
    newsclean.clean_html(build_page(2 * KB))
    header = ("function", "input", "bytes", "seconds", "MB/s", "s per MB", "peak MB", "peak/input")
    print(
        f"newsclean {newsclean.__version__}, Python {sys.version.split()[0]}; "
        "peak = tracemalloc (Python heap, not libxml2)",
        flush=True,
    )
    print(" | ".join(header), flush=True)
    for name, build, fn in targets:
        for size in sizes:
            data = build(size)
            n = len(data)  # type: ignore[arg-type]
            secs = best_time(lambda fn=fn, data=data: fn(data), runs_for(n))
            peak = float("nan") if args.no_memory else peak_mb(lambda fn=fn, data=data: fn(data))
            row = (
                name,
                human(size),
                f"{n}",
                f"{secs:.4f}",
                f"{n / MB / secs:.2f}",
                f"{secs / (n / MB):.3f}",
                f"{peak:.1f}",
                f"{peak / (n / MB):.1f}x",
            )
            rows.append(row)
            print(" | ".join(row), flush=True)
            del data
    print()
    widths = [max(len(r[i]) for r in (header, *rows)) for i in range(len(header))]
    for r in (header, tuple("-" * w for w in widths), *rows):
        print("  ".join(c.rjust(w) for c, w in zip(r, widths, strict=True)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
