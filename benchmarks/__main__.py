"""``python -m benchmarks``: run every table and write ``benchmarks/RESULTS.md``."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from .data import (
    ENV_VAR,
    TEXT_PAIR_FILES,
    WCXB,
    TextPair,
    data_dir,
    load_html_pages,
    load_text_pairs,
    resolve_shared,
)
from .report import Section, provenance, render

__all__ = ["main"]

#: Tools whose rows the per-detector table reads (the two of ``text_pairs.jsonl``).
DETECTOR_TOOLS = ("trafilatura", "justext")


def _parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    ap.add_argument(
        "--shared",
        help=f"the shared/ directory (default: ${ENV_VAR}, else <repo>/../shared)",
    )
    ap.add_argument(
        "--quick", type=int, metavar="N", help="only N pages/rows per table (for tests)"
    )
    ap.add_argument(
        "--out",
        type=Path,
        default=Path(__file__).resolve().parent / "RESULTS.md",
        help="where to write the report (default: benchmarks/RESULTS.md)",
    )
    ap.add_argument(
        "--excerpts",
        action="store_true",
        help="quote the text of lines deleted from gold bodies (for reading locally: the "
        "publishers' text must not be committed, so RESULTS.md is generated without it)",
    )
    return ap


def _limit(rows: list[TextPair], n: int | None) -> list[TextPair]:
    """First ``n`` rows of every tool, keeping tool order (all rows if ``n`` is None)."""
    if n is None:
        return rows
    seen: dict[str, int] = {}
    out = []
    for r in rows:
        if seen.get(r.tool, 0) < n:
            seen[r.tool] = seen.get(r.tool, 0) + 1
            out.append(r)
    return out


def main(argv: list[str] | None = None) -> int:
    """Run the harness; returns the process exit code."""
    args = _parser().parse_args(argv)
    shared = resolve_shared(args.shared)
    data = data_dir(shared)
    if not (data / "text_pairs.jsonl").exists():
        print(f"benchmarks: no evaluation data under {shared} (use --shared or ${ENV_VAR})",
              file=sys.stderr)  # fmt: skip
        return 2
    # Imported here so that `--help` and a missing data dir do not need newsclean.
    from .generalization import generalization_section, run_generalization
    from .html_path import html_path_section
    from .speed import speed_section
    from .text_path import (
        analyze_rows,
        false_deletions_section,
        per_detector_section,
        text_path_section,
    )

    t_start = time.perf_counter()
    prov = provenance(sys.argv[1:] if argv is None else argv)
    rows: list[TextPair] = []
    for name in TEXT_PAIR_FILES:
        if (data / name).exists():
            rows += load_text_pairs(data, name)
    golds: dict[str, tuple[str, str]] = {}
    for r in rows:  # every row of a page carries the same gold body
        golds.setdefault(r.id, (r.url, r.gold))
    if args.quick is not None:
        golds = {k: golds[k] for k in sorted(golds)[: args.quick]}
    rows = _limit(rows, args.quick)
    tools = list(dict.fromkeys(r.tool for r in rows))
    sections: list[Section] = []

    def log(msg: str) -> None:
        print(f"[{time.perf_counter() - t_start:6.1f} s] {msg}", file=sys.stderr, flush=True)

    log(f"text path: analyzing {len(rows)} rows of {len(tools)} tools")
    analyses = analyze_rows([r.noisy for r in rows])
    sections.append(text_path_section(rows, analyses, tools))

    log(f"false deletions: {len(golds)} gold bodies")
    sections.append(false_deletions_section(golds, excerpts=args.excerpts))

    log("per-detector precision")
    det_tools = [t for t in DETECTOR_TOOLS if t in tools]
    sections.append(per_detector_section(rows, analyses, det_tools))

    pages = list(load_html_pages(data, args.quick))
    log(f"HTML path: {len(pages)} pages")
    html_sec, html_results = html_path_section(pages)
    sections.append(html_sec)

    docs = [r.noisy for r in rows if r.tool == "trafilatura"]
    log(f"speed: {len(docs)} documents")
    sections.append(speed_section(docs, html_results, quick=args.quick is not None))

    if (data / WCXB / "text_pairs.jsonl.gz").exists():
        gen = run_generalization(data, args.quick, aeb_html=html_results, log=log)
        sections.append(generalization_section(gen))
    else:
        log(f"generalization: skipped, no {data / WCXB}")

    if args.quick is None and (data / WCXB / "text_pairs.jsonl.gz").exists():
        from .whole_page import run_whole_page, whole_page_section  # trains 5 CV models

        log("whole-page mode: cross-validated, with the line rules and the oracle")
        t0 = time.perf_counter()
        sections.append(whole_page_section(run_whole_page(shared), time.perf_counter() - t0))

    wall = time.perf_counter() - t_start
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(render(sections, prov, wall, args.quick), encoding="utf-8")
    log(f"wrote {args.out} in {wall:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
