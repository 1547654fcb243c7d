"""Speed and memory of ``newsclean.clean``, beside a trivial regex scan measured in the same run.

Absolute MB/s depend on the machine (2 shared cores here); the ratio to a plain 10-regex line
scan and the flat time-per-MB across sizes are what carries over to other machines.
"""

from __future__ import annotations

import math
import multiprocessing as mp
import os
import re
import time
import tracemalloc
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import newsclean

from .html_path import HtmlResult
from .report import Section, cpu_count, fmt, md_table

__all__ = [
    "SCAN_PATTERNS",
    "GrowthPoint",
    "best_of",
    "build_doc",
    "cost_growth",
    "regex_scan",
    "speed_section",
]

#: Timed repetitions; the fastest counts (the others absorb noise from shared cores).
REPEATS = 3
#: Document sizes (bytes) for the cost-growth table.
SIZES = (1_000, 10_000, 100_000, 1_000_000, 10_000_000)
QUICK_SIZES = (1_000, 10_000, 100_000)
#: Small documents are cleaned repeatedly until one measurement lasts this long (s).
MIN_SAMPLE = 0.2
#: A size whose predicted single run exceeds this (s) is skipped, so the harness stays bounded.
GROWTH_BUDGET = 90.0
#: Above this single-run time (s) the growth point is timed once, not best of three.
SINGLE_RUN_ABOVE = 15.0
#: Above this size (bytes) peak allocation is not traced (tracemalloc slows cleaning down).
TRACE_MAX = 1_000_000

#: The reference scan: ten plain patterns checked against every line, kept lines rejoined.
SCAN_PATTERNS = tuple(
    re.compile(p, re.I)
    for p in (
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
)


def regex_scan(doc: str) -> str:
    """Drop lines matching any of :data:`SCAN_PATTERNS`: the floor any line cleaner pays."""
    return "\n".join(ln for ln in doc.split("\n") if not any(p.search(ln) for p in SCAN_PATTERNS))


def best_of(fn: Callable[[], object], repeats: int = REPEATS) -> float:
    """Fastest of ``repeats`` wall-clock runs of ``fn`` (seconds)."""
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def _mb(docs: Sequence[str]) -> float:
    return sum(len(d.encode("utf-8")) for d in docs) / 1e6


def build_doc(texts: Sequence[str], size: int) -> str:
    """About ``size`` bytes of article text: ``texts`` concatenated, cut at a line break."""
    parts: list[str] = []
    n = i = 0
    while n < size and texts:
        t = texts[i % len(texts)]
        parts.append(t)
        n += len(t.encode("utf-8")) + 2
        i += 1
    doc = "\n\n".join(parts).encode("utf-8")[:size].decode("utf-8", errors="ignore")
    cut = doc.rfind("\n")
    return doc[:cut] if cut > len(doc) // 2 else doc


@dataclass(frozen=True)
class GrowthPoint:
    """Timing of ``clean`` on one synthetic document."""

    target: int
    size: int
    seconds: float | None
    runs: str
    peak_alloc: int | None = None
    note: str = ""

    @property
    def s_per_mb(self) -> float | None:
        """Seconds per MB of input: flat across sizes when cleaning is linear."""
        return self.seconds / (self.size / 1e6) if self.seconds is not None else None


def _time_clean(doc: str) -> tuple[float, str]:
    t0 = time.perf_counter()
    newsclean.clean(doc)
    first = time.perf_counter() - t0
    if first > SINGLE_RUN_ABOVE:
        return first, "1 run"
    inner = max(1, math.ceil(MIN_SAMPLE / max(first, 1e-9)))

    def loop() -> None:
        for _ in range(inner):
            newsclean.clean(doc)

    return best_of(loop) / inner, f"best of {REPEATS} × {inner}"


def _peak_alloc(doc: str) -> int:
    tracemalloc.start()
    try:
        newsclean.clean(doc)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def cost_growth(texts: Sequence[str], sizes: Sequence[int]) -> list[GrowthPoint]:
    """Time ``clean`` on documents of growing size; stop before one would blow the budget."""
    out: list[GrowthPoint] = []
    per_mb: float | None = None
    for target in sizes:
        doc = build_doc(texts, target)
        size = len(doc.encode("utf-8"))
        predicted = per_mb * size / 1e6 if per_mb is not None else 0.0
        if predicted > GROWTH_BUDGET:
            out.append(
                GrowthPoint(target, size, None, "skipped", note=f"predicted {predicted:.0f} s")
            )
            continue
        secs, runs = _time_clean(doc)
        per_mb = secs / (size / 1e6)
        peak = _peak_alloc(doc) if size <= TRACE_MAX else None
        out.append(GrowthPoint(target, size, secs, runs, peak))
    return out


def _pool_mbps(docs: Sequence[str], cores: int) -> float | None:
    """MB/s of ``clean`` mapped over ``docs`` by a pool of ``cores`` processes."""
    ctx: mp.context.BaseContext
    try:
        ctx = mp.get_context("fork")
    except ValueError:  # pragma: no cover - platforms without fork
        ctx = mp.get_context()
    chunk = max(1, len(docs) // (cores * 8))
    with ctx.Pool(cores) as pool:
        pool.map(newsclean.clean, docs, chunksize=chunk)  # warm-up: workers build pipelines
        t = best_of(lambda: pool.map(newsclean.clean, docs, chunksize=chunk))
    return _mb(docs) / t


def _rss() -> tuple[float | None, float | None]:
    """Current RSS (psutil, if installed) and the process's peak RSS, in MB."""
    current = None
    try:
        import psutil  # type: ignore[import-untyped]

        current = psutil.Process().memory_info().rss / 1e6
    except ImportError:
        pass
    try:
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3  # KiB on Linux
    except ImportError:  # pragma: no cover - not on POSIX
        peak = None
    return current, peak


def _size_label(n: int) -> str:
    return f"{n / 1e6:g} MB" if n >= 1_000_000 else f"{n / 1e3:g} KB"


def speed_section(docs: Sequence[str], html_results: Sequence[HtmlResult], quick: bool) -> Section:
    """The speed table: MB/s single and multi-core, pages/s, memory, cost growth."""
    t0 = time.perf_counter()
    load_before = _loadavg()
    mb = _mb(docs)
    for d in docs[:3]:
        newsclean.clean(d)  # build the default pipeline outside the timing
    t_clean = best_of(lambda: [newsclean.clean(d) for d in docs])
    t_scan = best_of(lambda: [regex_scan(d) for d in docs])
    cores = cpu_count()
    pool = _pool_mbps(docs, cores)
    clean_mbps, scan_mbps = mb / t_clean, mb / t_scan

    peak_doc = max(docs, key=len) if docs else ""
    peak_alloc = _peak_alloc(peak_doc)
    rows: list[list[str]] = [
        [
            "`newsclean.clean`, 1 process",
            f"{clean_mbps:.2f} MB/s",
            f"{len(docs)} trafilatura rows, {mb:.2f} MB, best of {REPEATS}",
        ],
        [
            "10-regex line scan, 1 process",
            f"{scan_mbps:.2f} MB/s",
            "same documents, same run (`benchmarks.speed.regex_scan`)",
        ],
        [
            "clean / scan speed ratio",
            f"{clean_mbps / scan_mbps:.3f}",
            "1.0 = as fast as the scan",
        ],
        [
            f"`newsclean.clean`, Pool({cores})",
            f"{pool:.2f} MB/s" if pool else "–",
            f"×{pool / clean_mbps:.2f} over 1 process; all {cores} cores, best of {REPEATS}"
            if pool
            else "",
        ],
    ]
    by_name = {r.name: r for r in html_results}
    traf = by_name.get("trafilatura.extract(include_comments=False)")
    html = by_name.get("newsclean.clean_html")
    if html is not None:
        ratio = f"; {html.pages_per_s / traf.pages_per_s:.2f}× trafilatura" if traf else ""
        rows.append(
            [
                "`newsclean.clean_html`",
                f"{html.pages_per_s:.1f} pages/s",
                f"AEB pages, best of 3 (HTML path table){ratio}",
            ]
        )
    else:
        rows.append(["`newsclean.clean_html`", "not available", "newsclean has no clean_html"])
    if traf is not None:
        rows.append(
            [
                "`trafilatura.extract(include_comments=False)`",
                f"{traf.pages_per_s:.1f} pages/s",
                "AEB pages, best of 3, same run",
            ]
        )
    pipe = by_name.get("trafilatura defaults → newsclean.clean")
    if pipe is not None:
        rows.append(
            [
                "trafilatura defaults → `newsclean.clean`",
                f"{pipe.pages_per_s:.1f} pages/s",
                "the text path fed from HTML, same run",
            ]
        )
    rows.append(
        [
            "peak Python allocation, `clean` of the largest row",
            f"{peak_alloc / 1e6:.2f} MB",
            f"tracemalloc; input {len(peak_doc.encode('utf-8')) / 1e6:.3f} MB "
            f"(×{peak_alloc / max(1, len(peak_doc.encode('utf-8'))):.0f})",
        ]
    )

    growth = cost_growth(docs, QUICK_SIZES if quick else SIZES)
    current, peak_rss = _rss()
    rows.append(
        [
            "process RSS now / peak",
            f"{fmt(current, 0)} / {fmt(peak_rss, 0)} MB",
            "psutil / getrusage; the whole harness so far (data, every extractor, growth docs)",
        ]
    )

    grow_rows = []
    for g in growth:
        grow_rows.append(
            [
                _size_label(g.target),
                str(g.size),
                f"{g.seconds * 1e3:.2f}" if g.seconds is not None else "–",
                fmt(g.s_per_mb, 3),
                fmt(1 / g.s_per_mb if g.s_per_mb else None, 2),
                f"{g.peak_alloc / 1e6:.2f}" if g.peak_alloc is not None else "–",
                g.runs + (f" ({g.note})" if g.note else ""),
            ]
        )
    body = [
        *md_table(["measure", "value", "how"], rows),
        "",
        "Cost growth: `clean` on one document built by concatenating trafilatura rows "
        "(so later copies repeat earlier lines, as in a badly deduplicated crawl):",
        "",
        *md_table(
            ["size", "bytes", "ms per call", "s per MB", "MB/s", "peak alloc MB", "runs"],
            grow_rows,
        ),
    ]
    sec = Section(
        "Speed",
        intro=[
            "Single-process figures are best of three runs over the same documents in this "
            "same process; the machine's cores are shared with other work, so compare ratios "
            "rather than absolute speeds."
        ],
        body=body,
    )
    sec.notes.append(_linearity(growth))
    sec.notes.append(_load_note(load_before))
    sec.seconds = time.perf_counter() - t0
    return sec


def _loadavg() -> float | None:
    """1-minute load average, to show when other work shared the cores during timing."""
    try:
        return os.getloadavg()[0]
    except (AttributeError, OSError):  # pragma: no cover - not on POSIX
        return None


def _load_note(before: float | None) -> str:
    """Load average before and after the speed section, beside the core count."""
    after = _loadavg()
    return (
        f"1-minute load average {fmt(before, 2)} before and {fmt(after, 2)} after this section "
        f"on {cpu_count()} cores: a load above the core count means other work competed with "
        "the timings (Pool speed-up below ×1 is the usual sign)."
    )


def _linearity(growth: Sequence[GrowthPoint]) -> str:
    """A sentence saying whether time per MB stays flat from 100 KB up."""
    big = [(g, g.seconds) for g in growth if g.seconds is not None and g.size >= 90_000]
    if len(big) < 2:
        return "Too few sizes ≥100 KB were timed to judge growth."
    (lo, lo_s), (hi, hi_s) = big[0], big[-1]
    slope = math.log(hi_s / lo_s) / math.log(hi.size / lo.size)
    ratio = (hi_s / hi.size) / (lo_s / lo.size)
    verdict = "flat (linear cost)" if 0.67 <= ratio <= 1.5 else "NOT flat"
    return (
        f"Time per MB from {_size_label(lo.target)} to {_size_label(hi.target)}: "
        f"×{ratio:.2f}, {verdict}; log-log slope of time vs size {slope:.2f} (1.00 = linear). "
        "Below 100 KB per-call overhead dominates."
    )
