"""Compare the page step of this checkout with the one of a git ref: same results, speed.

A rewrite of the line scorer must not change what page mode does. ``same`` loads the
``newsclean._page`` package of ``--ref`` beside the current one (as ``newsclean._page_ref``,
so both run on the same detectors) and compares, for every whole-page text, the line
probabilities (to 1e-12), the removals and kept lines of the page step and the page gate's
verdict. ``speed`` times ``page_removals`` (from the blocks: the page step proper) and
``analyze_page`` of both on the AEB whole-page rows, best of ``--repeat`` in CPU time, runs
of the two interleaved so load on a shared machine hits both alike. The ref must have the
same package layout (``src/newsclean/_page``).

    python scripts/page_step_check.py same --ref main
    python scripts/page_step_check.py speed --ref main
    valgrind --tool=callgrind python scripts/page_step_check.py new --limit 100  # and ref
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import newsclean
from newsclean import _page as page
from newsclean._segment import segment

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
AEB_TOOLS = ("aeb-published:html2text", "aeb-published:inscriptis", "html_text")


def load_ref(ref: str, into: Path) -> ModuleType:
    """``newsclean/_page`` as of ``ref``, imported as ``newsclean._page_ref``."""
    names = subprocess.run(
        ["git", "-C", str(ROOT), "ls-tree", "--name-only", f"{ref}:src/newsclean/_page"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    for name in names:
        blob = subprocess.run(
            ["git", "-C", str(ROOT), "show", f"{ref}:src/newsclean/_page/{name}"],
            check=True,
            capture_output=True,
        ).stdout
        (into / name).write_bytes(blob)
    spec = importlib.util.spec_from_file_location(
        "newsclean._page_ref", into / "__init__.py", submodule_search_locations=[str(into)]
    )
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules["newsclean._page_ref"] = mod
    spec.loader.exec_module(mod)
    return mod


def aeb_pages() -> Iterator[tuple[str, str]]:
    with open(DATA / "text_pairs_more.jsonl", encoding="utf-8") as fh:
        for row in map(json.loads, fh):
            if row["tool"] in AEB_TOOLS and row.get("noisy"):
                yield f"aeb:{row['id']}:{row['tool']}", row["noisy"]


def all_texts() -> Iterator[tuple[str, str]]:
    """AEB whole-page rows, WCXB tune html2text rows, and every text_pairs row."""
    yield from aeb_pages()
    with gzip.open(DATA / "wcxb" / "text_pairs.jsonl.gz", "rt", encoding="utf-8") as fh:
        for row in map(json.loads, fh):
            if row["split"] == "tune" and row["tool"] == "html2text" and row.get("noisy"):
                yield f"wcxb:{row['id']}", row["noisy"]
    for name in ("text_pairs.jsonl", "text_pairs_more.jsonl"):
        with open(DATA / name, encoding="utf-8") as fh:
            for row in map(json.loads, fh):
                if row.get("noisy") and row["tool"] not in AEB_TOOLS:
                    yield f"{name}:{row['id']}:{row['tool']}", row["noisy"]


def _state(mod: ModuleType, text: str) -> tuple[Any, ...]:
    model = mod._model()
    probs = model.probabilities(
        importlib.import_module(f"{mod.__name__}.features").page_lines(text)
    )
    drops, kept, kind = mod._page_step(text, mod.DEFAULT_THRESHOLD, None, None, None)
    rem = [(r.start, r.end, r.detector, r.reason, r.confidence, r.text, r.line) for r in drops]
    return probs, rem, [ln.start for ln in kept], kind


def same(ref: ModuleType) -> int:
    """0 when every text gets the same probabilities (1e-12), removals and kept lines."""
    bad = rows = lines = 0
    worst = 0.0
    for origin, text in all_texts():
        rows += 1
        p_old, r_old, *k_old = _state(ref, text)  # k: kept lines and the gate's kind
        p_new, r_new, *k_new = _state(page, text)
        lines += len(p_old)
        diff = max((abs(a - b) for a, b in zip(p_old, p_new, strict=True)), default=0.0)
        worst = max(worst, diff)
        conf = all(abs(a[4] - b[4]) <= 1e-12 for a, b in zip(r_old, r_new, strict=True))
        strip = [r[:4] + r[5:] for r in r_old] == [r[:4] + r[5:] for r in r_new]
        if diff > 1e-12 or not conf or not strip or len(r_old) != len(r_new) or k_old != k_new:
            bad += 1
            print(f"DIFFERS {origin}: max |dp| {diff:.3g}", file=sys.stderr)
    print(f"{bad} of {rows} texts differ ({lines} lines; max |dp| {worst:.3g})")
    return 1 if bad else 0


def _best(fn: Callable[[str], object], texts: list[str], best: float) -> float:
    t0 = time.process_time()  # CPU time: a shared machine's waits for a core do not count
    for t in texts:
        fn(t)
    return min(best, time.process_time() - t0)


def speed(ref: ModuleType, repeat: int) -> int:
    """MB/s of the page step and of the whole mode, ref and this checkout, interleaved."""
    texts = [t for _, t in aeb_pages()]
    size = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    pipe = newsclean.Pipeline.default()
    blocks = {t: segment(t) for t in texts}  # the page step proper starts from the blocks
    runs: dict[str, Callable[[str], object]] = {
        "segment": segment,
        "ref page step": lambda t: ref.page_removals(t, blocks=blocks[t]),
        "new page step": lambda t: page.page_removals(t, blocks=blocks[t]),
        "ref analyze_page": lambda t: ref.analyze_page(t, pipe),
        "new analyze_page": lambda t: page.analyze_page(t, pipe),
        "article mode": pipe.analyze,
    }
    best = dict.fromkeys(runs, float("inf"))
    for fn in runs.values():
        fn(texts[0])  # load models and caches
    for _ in range(repeat):
        for name, fn in runs.items():
            best[name] = _best(fn, texts, best[name])
    print(f"{len(texts)} AEB whole-page rows, {size:.2f} MB, best of {repeat}")
    for name, sec in best.items():
        print(f"{name:17} {size / sec:6.2f} MB/s  {sec:6.2f} s")
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("what", choices=("same", "speed", "new", "ref", "segment"))
    ap.add_argument("--ref", default="main", help="git ref to compare with (default main)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--limit", type=int, default=None, help="rows for new/ref (default all)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        ref = load_ref(args.ref, Path(tmp))
        if args.what == "same":
            return same(ref)
        if args.what == "speed":
            return speed(ref, args.repeat)
        # one side alone, for callgrind: the page step over the first --limit AEB rows
        # ("segment": the same run without it, the cost to subtract)
        texts = [t for _, t in aeb_pages()][: args.limit]
        for text, blocks in [(t, segment(t)) for t in texts]:
            if args.what != "segment":
                (ref if args.what == "ref" else page).page_removals(text, blocks=blocks)
        return 0


if __name__ == "__main__":
    sys.exit(main())
