"""Whole-page mode beside the dataset line filters, on whole-page text of AEB and WCXB.

Rows: the AEB whole-page renderings (html2text, inscriptis, html_text; AEB shingle F1) and
WCXB html2text rows per page type, tune and check halves (WCXB word F1). Columns: the input
as is, the C4, Gopher and FineWeb line rules (:mod:`benchmarks.baselines`), newsclean's page
mode, and the line oracle (:func:`benchmarks.generalization.line_oracle`).

Honesty rules: the line scorer is trained on WCXB tune and AEB, so those rows are scored by
**site-disjoint 5-fold cross-validation** (each page by a model trained without any page of
its site, folds as in :mod:`benchmarks.page_training`). WCXB check rows are scored by the
shipped model, which never saw them, and only their per-type means are printed.

    python -m benchmarks.whole_page [--shared ../shared] [--out FILE.md]
"""

from __future__ import annotations

import argparse
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path
from urllib.parse import urlsplit

import newsclean
from newsclean._page import PageModel, analyze_page
from newsclean._page.gate import Gate

from .baselines import c4_lines, fineweb_lines, gopher_lines
from .data import data_dir, load_text_pairs, load_wcxb_pairs, resolve_shared
from .generalization import PAGE_TYPES, line_oracle, word_prf
from .metric import score
from .page_gate import fold_gates, gate_rows
from .page_training import AEB_TOOLS, FOLDS, fold_models, fold_of, load
from .report import Section, fmt, md_table

__all__ = ["COLUMNS", "run_whole_page", "whole_page_section"]

COLUMNS = ("input", "C4", "Gopher", "FineWeb", "newsclean page mode", "line oracle")
_RULES: tuple[Callable[[str], str], ...] = (lambda t: t, c4_lines, gopher_lines, fineweb_lines)


def _fold_models(shared: Path) -> dict[int, tuple[PageModel, Gate]]:
    """One line model and one gate per fold, each trained without that fold's sites.

    The gates learn from out-of-fold line scores (:mod:`benchmarks.page_gate`); a fold's gate
    sees no page of its fold's sites.
    """
    pages = load(shared)
    models = fold_models(pages)
    gates = fold_gates(*gate_rows(pages, models), pages, FOLDS)
    return {f: (models[f], gates[f]) for f in range(FOLDS)}


def _outputs(noisy: str, gold: str, model: tuple[PageModel, Gate]) -> list[str]:
    pipe = newsclean.Pipeline.default()
    page = analyze_page(noisy, pipe, model=model[0], gate=model[1]).text
    return [*(rule(noisy) for rule in _RULES), page, line_oracle(noisy, gold)]


def run_whole_page(shared: Path) -> dict[str, list[float]]:
    """Row label -> the F1 of every column, plus ``"MB/s"`` of page mode (one process)."""
    data = data_dir(shared)
    folds = _fold_models(shared)
    shipped = (PageModel.load(), Gate.load())
    res: dict[str, list[float]] = {}
    aeb: dict[str, list[list[tuple[str, str]]]] = defaultdict(lambda: [[] for _ in COLUMNS])
    for r in load_text_pairs(data, "text_pairs_more.jsonl"):
        if r.tool in AEB_TOOLS:
            model = folds[fold_of(f"aeb:{_netloc(r.url)}")]
            for i, out in enumerate(_outputs(r.noisy, r.gold, model)):
                aeb[r.tool][i].append((out, r.gold))
    for tool, cols in aeb.items():
        res[f"AEB {tool.split(':')[-1]} (CV)"] = [score(c).f1 for c in cols]
    wc: dict[str, list[list[float]]] = defaultdict(lambda: [[] for _ in COLUMNS])
    for r in load_wcxb_pairs(data):
        if r.tool != "html2text":
            continue
        model = folds[fold_of(f"wcxb:{_netloc(r.url)}")] if r.split == "tune" else shipped
        for i, out in enumerate(_outputs(r.noisy, r.gold, model)):
            wc[f"WCXB {r.split} {r.page_type}"][i].append(word_prf(out, r.gold)[2])
    for split in ("tune", "check"):
        for pt in PAGE_TYPES:
            cols = wc.get(f"WCXB {split} {pt}")
            if cols:
                label = f"WCXB {split} {pt}" + (" (CV)" if split == "tune" else "")
                res[label] = [sum(c) / len(c) for c in cols]
    res["MB/s"] = _speed(data)
    return res


def _netloc(url: str) -> str:
    return urlsplit(url).netloc


def _speed(data: Path) -> list[float]:
    """MB/s of page mode, then of article mode (the anchor), on the AEB whole-page rows.

    Best of 3 each, interleaved in one process, so the ratio holds on a busy machine too.
    """
    texts = [r.noisy for r in load_text_pairs(data, "text_pairs_more.jsonl") if r.tool in AEB_TOOLS]
    size = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    newsclean.clean(texts[0], mode="page")  # loads the model
    best = {"page": float("inf"), "article": float("inf")}
    for _ in range(3):
        for mode in best:
            t0 = time.perf_counter()
            for t in texts:
                newsclean.clean(t, mode=mode)
            best[mode] = min(best[mode], time.perf_counter() - t0)
    return [size / best["page"], size / best["article"]]


def whole_page_section(res: dict[str, list[float]], seconds: float = 0.0) -> Section:
    """The table for RESULTS.md."""
    rows = [[k, *(fmt(x, 3) for x in v)] for k, v in res.items() if k != "MB/s"]
    return Section(
        title="Whole-page text: page mode beside the dataset line rules",
        intro=[
            "AEB rows: shingle F1; WCXB rows: word F1 (mean per page). `(CV)`: scored by "
            "site-disjoint 5-fold cross-validation (the model never saw the page's site); "
            "WCXB check: the shipped model, which never saw the check half."
        ],
        body=md_table(["rows", *COLUMNS], rows),
        notes=[
            f"speed on the AEB whole-page rows, one process: page mode {res['MB/s'][0]:.2f} "
            f"MB/s, article mode on the same text {res['MB/s'][1]:.2f} MB/s (ratio "
            f"{res['MB/s'][0] / res['MB/s'][1]:.2f})"
        ],
        seconds=seconds,
    )


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Whole-page mode benchmark.")
    ap.add_argument("--shared", default=None)
    ap.add_argument("--out", type=Path, default=None, help="also write the table here")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    sec = whole_page_section(run_whole_page(resolve_shared(args.shared)))
    sec.seconds = time.perf_counter() - t0
    text = "\n".join([f"## {sec.title}", "", *sec.intro, "", *sec.body, "", *sec.notes]) + "\n"
    print(text)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
