"""Throughput and memory of ``newsclean batch``.

Builds JSONL inputs of about 20 MB and 200 MB in a temporary directory by repeating the
``noisy`` texts of ``../shared/data/text_pairs.jsonl`` (real extractor output), runs
``python -m newsclean batch`` on each with ``-j 1`` and ``-j 2``, and prints a table of
docs/s, MB/s (text bytes of the input field per second of wall time) and peak memory. Peak
RSS staying flat from 20 MB to 200 MB shows that the batch streams.

    python benchmarks/batch_speed.py                 # 20 and 200 MB, -j 1 and -j 2
    python benchmarks/batch_speed.py --sizes 20 --jobs 1,2

Peak RSS is measured two ways: "tree" sums the RSS of the batch process and its workers,
sampled every 50 ms (needs psutil, from the ``bench`` extra); "max proc" is the largest
single process's high-water mark from ``getrusage`` (always available, exact).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NEWSCLEAN_SHARED", REPO.parent / "shared"))

# Runs the batch in a child and reports its wall time and the largest child's RSS high-water
# mark (getrusage RUSAGE_CHILDREN covers the workers too once they are reaped).
_WRAPPER = r"""
import json, resource, subprocess, sys, time
t = time.perf_counter()
rc = subprocess.call(sys.argv[1:])
dt = time.perf_counter() - t
print(json.dumps({"rc": rc, "wall": dt,
                  "maxrss_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))
"""


def build_input(path: Path, target_mb: float) -> tuple[int, int]:
    """Write ``path`` with text_pairs rows repeated to ``target_mb``; (docs, bytes)."""
    src = SHARED / "data" / "text_pairs.jsonl"
    if not src.exists():
        sys.exit(f"no {src}: set NEWSCLEAN_SHARED to the shared folder")
    rows = []
    with open(src, encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            rows.append({"id": r["id"], "url": r["url"], "tool": r["tool"], "text": r["noisy"]})
    target = int(target_mb * 1e6)
    size = docs = rep = 0
    with open(path, "wb") as out:
        while size < target:
            for r in rows:
                line = json.dumps({**r, "id": f"{r['id']}-{rep}"}).encode() + b"\n"
                out.write(line)
                size += len(line)
                docs += 1
                if size >= target:
                    break
            rep += 1
    return docs, size


def run_one(inp: Path, out: Path, jobs: int) -> dict[str, Any]:
    summary = out.with_suffix(".summary.json")
    cmd = [
        sys.executable, "-c", _WRAPPER,
        sys.executable, "-m", "newsclean", "batch", str(inp), "-o", str(out),
        "-j", str(jobs), "-q", "--no-progress", "--fresh", "--summary-json", str(summary),
    ]  # fmt: skip
    try:
        import psutil
    except ImportError:
        psutil = None
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
    tree_peak = 0
    if psutil is not None:
        p = psutil.Process(proc.pid)
        while proc.poll() is None:
            try:
                procs = p.children(recursive=True)
                rss = sum(c.memory_info().rss for c in procs)
            except (psutil.NoSuchProcess, psutil.AccessDenied):
                rss = 0
            tree_peak = max(tree_peak, rss)
            time.sleep(0.05)
    stdout, _ = proc.communicate()
    res = json.loads(stdout.strip().splitlines()[-1])
    if res["rc"] != 0:
        sys.exit(f"newsclean batch failed with exit status {res['rc']}")
    s = json.loads(summary.read_text())
    return {
        "docs": s["records"],
        "errors": s["errors"],
        "text_mb": s["bytes_in"] / 1e6,
        "wall": res["wall"],
        "tree_peak_mb": tree_peak / 1e6 if psutil is not None else None,
        "max_proc_mb": res["maxrss_kb"] * 1024 / 1e6,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="20,200", help="input sizes in MB (default: 20,200)")
    ap.add_argument("--jobs", default="1,2", help="worker counts (default: 1,2)")
    ap.add_argument("--tmp", help="directory for the generated files (default: a temp dir)")
    args = ap.parse_args(argv)
    sizes = [float(x) for x in args.sizes.split(",")]
    jobs = [int(x) for x in args.jobs.split(",")]

    with tempfile.TemporaryDirectory(dir=args.tmp, prefix="newsclean-bench-") as d:
        tmp = Path(d)
        results = []
        for mb in sizes:
            inp = tmp / f"in-{mb:g}mb.jsonl"
            docs, size = build_input(inp, mb)
            print(f"# built {inp.name}: {docs} docs, {size / 1e6:.1f} MB", file=sys.stderr)
            for j in jobs:
                out = tmp / f"out-{mb:g}mb-j{j}.jsonl"
                print(f"# running -j {j} on {mb:g} MB ...", file=sys.stderr)
                r = run_one(inp, out, j)
                r.update(file_mb=size / 1e6, target_mb=mb, jobs=j)
                results.append(r)
                out.unlink()
            inp.unlink()

    print(f"newsclean batch speed ({os.cpu_count()} CPUs, Python {sys.version.split()[0]})")
    head = (
        f"{'input':>9} {'-j':>3} {'docs':>7} {'seconds':>8} {'docs/s':>8} "
        f"{'text MB/s':>10} {'file MB/s':>10} {'tree RSS MB':>12} {'max proc RSS MB':>16}"
    )
    print(head)
    print("-" * len(head))
    for r in results:
        tree = f"{r['tree_peak_mb']:.0f}" if r["tree_peak_mb"] is not None else "n/a"
        print(
            f"{r['file_mb']:>6.0f} MB {r['jobs']:>3} {r['docs']:>7} {r['wall']:>8.1f} "
            f"{r['docs'] / r['wall']:>8.0f} {r['text_mb'] / r['wall']:>10.2f} "
            f"{r['file_mb'] / r['wall']:>10.2f} {tree:>12} {r['max_proc_mb']:>16.0f}"
        )
    by = {(r["target_mb"], r["jobs"]): r for r in results}
    for mb in sizes:
        one, two = by.get((mb, 1)), by.get((mb, 2))
        if one and two:
            print(f"-j 2 / -j 1 speed-up at {mb:g} MB: {one['wall'] / two['wall']:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
