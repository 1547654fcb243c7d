"""The text path: newsclean on extractor output, beside the line filters datasets use.

Three tables come from here: scores per extractor before and after each cleaner, the body
text ``clean`` deletes from the gold itself (false deletions a human should read), and how
often each detector's removals were really noise.
"""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import newsclean

from .baselines import BASELINES
from .data import TextPair
from .metric import SHINGLE, score, shingles, tokens
from .report import Section, esc, fmt, md_table

__all__ = [
    "NOISE_SHARE",
    "Analyses",
    "analyze_rows",
    "false_deletions_section",
    "is_noise_line",
    "per_detector_section",
    "text_path_section",
]

#: A removed line is noise when fewer than this share of its shingles occur in the gold.
NOISE_SHARE = 0.5
#: Characters of a removed line shown in the false-deletion listing.
EXCERPT = 120


@dataclass
class Analyses:
    """``newsclean.analyze`` of every row, computed once and shared by the tables."""

    articles: list[Any]  # newsclean.Article, or None where analyze raised
    errors: list[str]
    seconds: float

    def text(self, i: int) -> str:
        """The cleaned text of row ``i`` (empty if newsclean raised on it)."""
        a = self.articles[i]
        return a.text if a is not None else ""


def analyze_rows(texts: Sequence[str]) -> Analyses:
    """Run ``newsclean.analyze`` over ``texts``; one failing document must not stop the run."""
    arts: list[Any] = []
    errors: list[str] = []
    t0 = time.perf_counter()
    for t in texts:
        try:
            arts.append(newsclean.analyze(t))
        except Exception as e:  # reported in the table, counted as empty output
            arts.append(None)
            errors.append(f"{type(e).__name__}: {str(e)[:80]}")
    return Analyses(arts, errors, time.perf_counter() - t0)


def _site(url: str) -> str:
    host = urlsplit(url).netloc
    return host[4:] if host.startswith("www.") else host


def _on_noisy(rows: Sequence[TextPair], fn: Callable[[str], str]) -> Callable[[int], str]:
    """Row index -> ``fn`` of that row's extractor output (binds ``fn`` now, not late)."""

    def run(i: int) -> str:
        return fn(rows[i].noisy)

    return run


def text_path_section(
    rows: Sequence[TextPair], analyses: Analyses, tools: Sequence[str]
) -> Section:
    """F1/P/R/accuracy per extractor: its raw output, after ``clean``, after each baseline."""
    t0 = time.perf_counter()
    by_tool: dict[str, list[int]] = defaultdict(list)
    for i, r in enumerate(rows):
        by_tool[r.tool].append(i)
    cleaners: dict[str, Callable[[int], str]] = {
        "input (extractor output)": lambda i: rows[i].noisy
    }
    cleaners["newsclean.clean"] = analyses.text
    for name, fn in BASELINES.items():
        cleaners[name] = _on_noisy(rows, fn)
    table: list[list[str]] = []
    matrix: list[list[str]] = []
    for tool in tools:
        idx = by_tool[tool]
        version = rows[idx[0]].tool_version
        label = f"{tool} {version}".strip()
        base = None
        matrix.append([esc(label)])
        for name, get in cleaners.items():
            s = score((get(i), rows[i].gold) for i in idx)
            matrix[-1].append(fmt(s.f1))
            base = s.f1 if base is None else base
            delta = s.f1 - base
            table.append(
                [
                    esc(label) if name.startswith("input") else "",
                    name,
                    str(s.n),
                    fmt(s.f1),
                    fmt(s.precision),
                    fmt(s.recall),
                    fmt(s.accuracy, 3),
                    "" if name.startswith("input") else f"{delta:+.4f}",
                    str(s.empty),
                ]
            )
    sec = Section(
        "Text path",
        intro=[
            "Every extractor output in `text_pairs.jsonl` and `text_pairs_more.jsonl` scored "
            "against the gold body as given, after `newsclean.clean`, and after the three "
            "line-filter baselines of `benchmarks/baselines.py` (our re-implementations of the "
            "C4, Gopher and FineWeb line rules; document-level drops not applied).",
            "ΔF1 is against the extractor's own output; *empty* counts documents with no "
            "tokens left (left out of the precision mean, recall 0).",
        ],
        body=[
            "F1 at a glance:",
            "",
            *md_table(["tool", *cleaners], matrix),
            "",
            "In full:",
            "",
            *md_table(["tool", "cleaner", "docs", "F1", "P", "R", "acc", "ΔF1", "empty"], table),
        ],
    )
    if analyses.errors:
        sec.notes.append(
            f"`newsclean.analyze` raised on {len(analyses.errors)} documents (scored as empty "
            f"output); first: {esc(analyses.errors[0])}"
        )
    sec.notes.append(
        "The C4 and FineWeb rules judge physical lines: on hard-wrapped output (html2text wraps "
        "paragraphs at about 78 characters) most wrapped lines lack a final punctuation mark "
        "and are dropped, hence their collapse on that row."
    )
    sec.notes.append(f"newsclean over all {len(rows)} rows took {analyses.seconds:.1f} s.")
    sec.seconds = time.perf_counter() - t0 + analyses.seconds
    return sec


#: What RESULTS.md shows instead of a gold line: the publishers' text is not committed.
NOT_QUOTED = "(text not quoted; run with --excerpts to read it)"


def false_deletions_section(golds: dict[str, tuple[str, str]], excerpts: bool = True) -> Section:
    """Share of gold-body tokens that ``clean(gold)`` deletes, and every line it deleted.

    ``golds`` maps page id to ``(url, gold body)``. The gold is already clean, so whatever
    newsclean removes from it is a false deletion, modulo the ~0.2% of boilerplate the
    annotators kept (``shared/data/noise.md``).
    """
    t0 = time.perf_counter()
    ids = sorted(golds)
    an = analyze_rows([golds[k][1] for k in ids])
    total = removed = 0
    by_kind: Counter[str] = Counter()
    lines_by_kind: Counter[str] = Counter()
    per_doc: list[tuple[int, str, Any]] = []
    for k, art in zip(ids, an.articles, strict=True):
        gold = golds[k][1]
        n = len(tokens(gold))
        total += n
        kept = len(tokens(art.text)) if art is not None else 0
        lost = n - kept
        removed += lost
        if art is not None and art.removals:
            per_doc.append((lost, k, art))
            for r in art.removals:
                key = f"{r.detector} / {r.reason}"
                by_kind[key] += len(tokens(r.text))
                lines_by_kind[key] += 1
    share = removed / total if total else 0.0
    summary = md_table(
        ["gold bodies", "gold tokens", "tokens removed", "share removed", "docs with a removal"],
        [[str(len(ids)), str(total), str(removed), f"{share:.5f}", str(len(per_doc))]],
    )
    kinds = md_table(
        ["detector / reason", "removals", "gold tokens removed"],
        [[esc(k), str(lines_by_kind[k]), str(v)] for k, v in by_kind.most_common()],
    )
    listing_rows: list[list[str]] = []
    per_doc.sort(key=lambda x: (-x[0], x[1]))
    for _lost, k, art in per_doc:
        site = _site(golds[k][0])
        for r in art.removals:
            text = esc(r.text, EXCERPT) if excerpts else NOT_QUOTED
            listing_rows.append(
                [
                    f"{esc(site)} `{k[:8]}`",
                    str(r.line + 1) if r.line >= 0 else f"@{r.start}",
                    esc(r.detector),
                    esc(r.reason),
                    str(len(tokens(r.text))),
                    text,
                ]
            )
    body = [
        *summary,
        "",
        "Removed gold tokens by detector / reason:",
        "",
        *kinds,
        "",
        f"Every removal from a gold body ({len(listing_rows)}), pages with most tokens lost "
        f"first; text truncated to {EXCERPT} characters, ⏎ marks a line break:",
        "",
        *md_table(["page", "line", "detector", "reason", "tokens", "text"], listing_rows),
    ]
    sec = Section(
        "False deletions",
        intro=[
            f"`newsclean.analyze` on the {len(ids)} unique gold bodies (deduplicated by `id`). "
            "Share = 1 − tokens(`clean(gold)`) / tokens(gold), summed over all bodies. The "
            "gold keeps ~0.2% genuine boilerplate, so a few removals below are right; read "
            "them and judge.",
        ],
        body=body,
    )
    if an.errors:
        sec.notes.append(f"`analyze` raised on {len(an.errors)} gold bodies: {esc(an.errors[0])}")
    sec.seconds = time.perf_counter() - t0
    return sec


def is_noise_line(line: str, gold_tokens: set[str], gold_shingles: set[tuple[str, ...]]) -> bool:
    """Whether a removed line is noise with respect to the gold body.

    Noise when fewer than half of its 4-token shingles occur in the gold; a line of fewer than
    4 tokens is noise unless all its tokens occur in the gold; a line without tokens is noise
    (it weighs nothing in the metric).
    """
    toks = tokens(line)
    if not toks:
        return True
    if len(toks) < SHINGLE:
        return not all(t in gold_tokens for t in toks)
    sh = list(shingles(line).elements())
    hits = sum(s in gold_shingles for s in sh)
    return hits / len(sh) < NOISE_SHARE


def per_detector_section(
    rows: Sequence[TextPair], analyses: Analyses, tools: Sequence[str]
) -> Section:
    """For each detector/reason, removed lines on ``tools`` rows and how many were noise."""
    t0 = time.perf_counter()
    # key -> tool -> [lines, noise, body tokens lost]
    stats: dict[tuple[str, str], dict[str, list[int]]] = defaultdict(
        lambda: {t: [0, 0, 0] for t in tools}
    )
    for i, r in enumerate(rows):
        art = analyses.articles[i]
        if r.tool not in tools or art is None:
            continue
        gtoks = set(tokens(r.gold))
        gsh = set(shingles(r.gold))
        for rem in art.removals:
            cell = stats[(rem.detector, rem.reason)][r.tool]
            for line in rem.text.splitlines():
                if not line.strip():
                    continue
                noise = is_noise_line(line, gtoks, gsh)
                cell[0] += 1
                cell[1] += noise
                cell[2] += 0 if noise else len(tokens(line))
    table: list[list[str]] = []
    tot = {t: [0, 0, 0] for t in tools}
    order = sorted(stats.items(), key=lambda kv: -sum(c[0] for c in kv[1].values()))
    for (det, reason), cells in order:
        lines = sum(c[0] for c in cells.values())
        n_noise = sum(c[1] for c in cells.values())
        lost = sum(c[2] for c in cells.values())
        for t in tools:
            for j in range(3):
                tot[t][j] += cells[t][j]
        table.append(
            [
                esc(det),
                esc(reason),
                *[f"{cells[t][1]}/{cells[t][0]}" for t in tools],
                str(lines),
                str(n_noise),
                fmt(n_noise / lines if lines else None, 3),
                str(lost),
            ]
        )
    all_lines = sum(v[0] for v in tot.values())
    all_noise = sum(v[1] for v in tot.values())
    table.append(
        [
            "**all**",
            "",
            *[f"{tot[t][1]}/{tot[t][0]}" for t in tools],
            str(all_lines),
            str(all_noise),
            fmt(all_noise / all_lines if all_lines else None, 3),
            str(sum(v[2] for v in tot.values())),
        ]
    )
    header = [
        "detector",
        "reason",
        *[f"{t} noise/lines" for t in tools],
        "lines",
        "noise",
        "precision",
        "body tokens lost",
    ]
    sec = Section(
        "Per-detector precision",
        intro=[
            f"Removals by `newsclean.analyze` on the {', '.join(tools)} rows of "
            "`text_pairs.jsonl`, one count per removed non-empty line. A removed line is "
            f"*noise* if fewer than {NOISE_SHARE:.0%} of its 4-token shingles occur in the "
            "page's gold (lines of fewer than 4 tokens: unless all their tokens occur in the "
            "gold; lines without tokens count as noise). *Body tokens lost* = tokens of the "
            "removed lines that were not noise.",
            "The check is set-based: a later copy of a paragraph the gold holds once "
            "(`duplicate.*`) counts as body here although it is surplus; the multiset F1 of "
            "the text-path table is the measure for those rows.",
        ],
        body=md_table(header, table),
    )
    sec.seconds = time.perf_counter() - t0
    return sec
