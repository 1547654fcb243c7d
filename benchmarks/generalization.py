"""Generalization: the same cleaners on AEB, on WCXB's tune half and on its check half.

WCXB (``shared/data/wcxb``) is out of sample: pages of seven types, sites split by a hash into
``tune`` (design on it) and ``check`` (read only as numbers). A rule that lifts AEB and tune
but not check is fitted to pages, not to noise. Three tables: the text path (extractor output
before and after ``newsclean.clean``, beside a line oracle), the HTML path (``clean_html``
against trafilatura), and the body text each removal kind costs on the tune half.

WCXB figures use WCXB's word metric (:func:`word_prf`); AEB figures use the AEB shingle metric
of :mod:`benchmarks.metric`, so the two columns are each comparable with their own
benchmark's published numbers, not with each other.
"""

from __future__ import annotations

import logging
import re
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import newsclean

from .data import WcxbPair, load_html_pages, load_text_pairs, load_wcxb_pages, load_wcxb_pairs
from .html_path import HtmlResult, build_extractors, run_extractors
from .metric import Score, score
from .report import Section, esc, fmt, md_table
from .text_path import analyze_rows

__all__ = [
    "ALL",
    "HTML_TOOLS",
    "PAGE_TYPES",
    "SPLITS",
    "SYSTEMS",
    "WCXB_TOOLS",
    "Generalization",
    "WordScore",
    "body_loss",
    "generalization_section",
    "line_oracle",
    "normalized",
    "occurrences",
    "run_generalization",
    "word_prf",
    "word_score",
]

WCXB_TOOLS = ("trafilatura", "html2text")
PAGE_TYPES = ("article", "service", "product", "collection", "forum", "listing", "documentation")
#: The pseudo page type of every page together.
ALL = "ALL"
SPLITS = ("tune", "check")
#: What is scored on the text path: the extractor output, newsclean's, and the line oracle's.
SYSTEMS = ("input", "newsclean.clean", "line oracle")
#: The HTML-path tools, named as in :func:`benchmarks.html_path.build_extractors`.
HTML_TOOLS = ("newsclean.clean_html", "trafilatura.extract(include_comments=False)")

_WORD = re.compile(r"\w+")


def words(text: str | None) -> list[str]:
    """WCXB's tokens: lower-cased runs of word characters."""
    return _WORD.findall((text or "").lower())


def word_prf(pred: str | None, gold: str) -> tuple[float, float, float]:
    """WCXB's per-page P/R/F1 (its ``evaluate.py``; ``shared/tools/scorecard.py``): bag overlap.

    An empty gold scores 1 against an empty prediction and 0 otherwise; an empty prediction
    scores 0.
    """
    p, g = words(pred), words(gold)
    if not g:
        return (1.0, 1.0, 1.0) if not p else (0.0, 0.0, 0.0)
    if not p:
        return 0.0, 0.0, 0.0
    ov = sum((Counter(p) & Counter(g)).values())
    prec, rec = ov / len(p), ov / len(g)
    return prec, rec, (2 * prec * rec / (prec + rec) if prec + rec else 0.0)


@dataclass(frozen=True)
class WordScore:
    """Means over ``n`` pages of the per-page word P, R and F1 (WCXB averages F1 per page)."""

    f1: float
    precision: float
    recall: float
    n: int


def word_score(per_page: Sequence[tuple[float, float, float]]) -> WordScore:
    """Mean P/R/F1 of per-page :func:`word_prf` triples."""
    n = len(per_page)
    if not n:
        return WordScore(0.0, 0.0, 0.0, 0)
    p, r, f = (sum(x[i] for x in per_page) / n for i in range(3))
    return WordScore(f1=f, precision=p, recall=r, n=n)


def normalized(text: str | None) -> str:
    """A text as its WCXB tokens joined by single spaces (case, punctuation, layout dropped)."""
    return " ".join(words(text))


def occurrences(needle: str, padded: str) -> int:
    """Non-overlapping token-aligned occurrences of normalized ``needle`` in ``padded``.

    ``padded`` is a normalized text with a space at each end (``f" {normalized(t)} "``).
    """
    if not needle:
        return 0
    pat, n, at = f" {needle} ", 0, padded.find(f" {needle} ")
    while at >= 0:
        n += 1
        at = padded.find(pat, at + len(pat) - 1)  # the separator space may be shared
    return n


def line_oracle(noisy: str, gold: str) -> str:
    """The input lines whose normalized text occurs in the normalized gold, count-aware.

    The k-th copy of a line is kept only if the gold holds the line's text at least k times
    (as a token-aligned substring, so a line may be a part of a gold paragraph); lines
    without tokens are dropped. Each line is judged alone: a line that joins body and noise
    is dropped whole, and two different lines may both match the same stretch of gold.
    """
    padded = f" {normalized(gold)} "
    avail: dict[str, int] = {}
    seen: Counter[str] = Counter()
    out = []
    for line in noisy.split("\n"):
        n = normalized(line)
        if not n:
            continue
        if n not in avail:
            avail[n] = occurrences(n, padded)
        seen[n] += 1
        if seen[n] <= avail[n]:
            out.append(line)
    return "\n".join(out)


def body_loss(
    removals: Iterable[newsclean.Removal], clean: str, gold: str
) -> list[tuple[str, int, int]]:
    """``(kind, tokens, body tokens lost)`` of each removal with tokens.

    A removal's tokens are lost body when its normalized text occurs more often in the
    normalized gold than in the normalized clean output (the gold still needs a copy).
    """
    g, c = f" {normalized(gold)} ", f" {normalized(clean)} "
    out = []
    for rem in removals:
        n = normalized(rem.text)
        if n:
            k = n.count(" ") + 1
            out.append((rem.kind, k, k if occurrences(n, g) > occurrences(n, c) else 0))
    return out


Key = tuple[str, str, str, str]  # tool, page type, split, system


@dataclass
class Generalization:
    """Every figure of the section, for the report and for tests."""

    text: dict[Key, WordScore] = field(default_factory=dict)
    aeb_text: dict[str, Score] = field(default_factory=dict)  # system -> AEB score
    html: dict[tuple[str, str], WordScore] = field(default_factory=dict)  # (tool, split)
    html_pages_per_s: dict[str, float] = field(default_factory=dict)
    aeb_html: dict[str, Score] = field(default_factory=dict)
    #: (page type, kind) -> [removals, removed tokens, body tokens lost], WCXB tune trafilatura
    loss: dict[tuple[str, str], list[int]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)


def _wcxb_text(rows: Sequence[WcxbPair], res: Generalization) -> None:
    an = analyze_rows([r.noisy for r in rows])
    res.errors += an.errors
    per: dict[Key, list[tuple[float, float, float]]] = defaultdict(list)
    loss: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0])
    for i, r in enumerate(rows):
        outs = (r.noisy, an.text(i), line_oracle(r.noisy, r.gold))
        for system, out in zip(SYSTEMS, outs, strict=True):
            prf = word_prf(out, r.gold)
            per[(r.tool, r.page_type, r.split, system)].append(prf)
            per[(r.tool, ALL, r.split, system)].append(prf)
        art = an.articles[i]
        if r.split == "tune" and r.tool == "trafilatura" and art is not None:
            for kind, toks, lost in body_loss(art.removals, art.text, r.gold):
                for pt in (r.page_type, ALL):
                    cell = loss[(pt, kind)]
                    cell[0] += 1
                    cell[1] += toks
                    cell[2] += lost
    res.text = {k: word_score(v) for k, v in per.items()}
    res.loss = dict(loss)


def _aeb_text(data: Path, quick: int | None, res: Generalization) -> None:
    rows = [r for r in load_text_pairs(data, "text_pairs.jsonl") if r.tool == "trafilatura"]
    rows = rows[:quick] if quick is not None else rows
    an = analyze_rows([r.noisy for r in rows])
    res.errors += an.errors
    outs: list[Callable[[int], str]] = [
        lambda i: rows[i].noisy,
        an.text,
        lambda i: line_oracle(rows[i].noisy, rows[i].gold),
    ]
    for system, get in zip(SYSTEMS, outs, strict=True):
        res.aeb_text[system] = score((get(i), r.gold) for i, r in enumerate(rows))


def _wcxb_html(data: Path, quick: int | None, res: Generalization) -> None:
    import trafilatura

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    pages = list(load_wcxb_pages(data, quick))
    tools: dict[str, Callable[[str, str], str | None]] = {
        HTML_TOOLS[0]: lambda h, u: newsclean.clean_html(h, url=u),
        HTML_TOOLS[1]: lambda h, _u: trafilatura.extract(h, include_comments=False),
    }
    for name, fn in tools.items():
        per: dict[str, list[tuple[float, float, float]]] = defaultdict(list)
        t0 = time.perf_counter()
        for p in pages:
            try:
                out = fn(p.html, p.url) or ""
            except Exception as e:  # one broken page is an empty extraction, reported
                out = ""
                res.errors.append(f"{name}: {type(e).__name__}: {str(e)[:80]}")
            per[p.split].append(word_prf(out, p.gold))
        res.html_pages_per_s[name] = len(pages) / max(time.perf_counter() - t0, 1e-9)
        for split, v in per.items():
            res.html[(name, split)] = word_score(v)


def run_generalization(
    data: Path,
    quick: int | None = None,
    aeb_html: Sequence[HtmlResult] | None = None,
    log: Callable[[str], None] | None = None,
) -> Generalization:
    """Compute the section's figures from ``data`` (``shared/data``).

    ``quick`` keeps N rows of each (tool, split, page type), N WCXB pages per split and N AEB
    rows/pages. ``aeb_html`` takes the HTML-path results of the same run so that the AEB
    pages are not extracted twice; without it the two tools run once over the AEB pages.
    """
    say = log or (lambda _msg: None)
    res = Generalization()
    t0 = time.perf_counter()
    rows = load_wcxb_pairs(data, quick)
    say(f"generalization: WCXB text path, {len(rows)} rows")
    _wcxb_text(rows, res)
    _aeb_text(data, quick, res)
    res.seconds["text"] = time.perf_counter() - t0
    t1 = time.perf_counter()
    say("generalization: WCXB HTML path")
    _wcxb_html(data, quick, res)
    if aeb_html is None:
        tools = {k: v for k, v in build_extractors()[0].items() if k in HTML_TOOLS}
        aeb_html = run_extractors(list(load_html_pages(data, quick)), tools, passes=1)
    res.aeb_html = {r.name: r.score for r in aeb_html if r.name in HTML_TOOLS}
    res.seconds["html"] = time.perf_counter() - t1
    return res


def _f(s: WordScore | Score | None) -> str:
    return fmt(s.f1) if s is not None else "–"


def _prf(s: WordScore | Score | None) -> list[str]:
    return [fmt(s.f1), fmt(s.precision), fmt(s.recall)] if s is not None else ["–"] * 3


def _glance(res: Generalization) -> list[str]:
    rows = []
    for tool in WCXB_TOOLS:
        for system in SYSTEMS:
            aeb = res.aeb_text.get(system) if tool == "trafilatura" else None
            label = tool if system == "input" else f"{tool} → {system}"
            cells = [
                res.text.get((tool, pt, sp, system)) for pt in ("article", ALL) for sp in SPLITS
            ]
            rows.append(["text", esc(label), _f(aeb), *map(_f, cells)])
    for tool in HTML_TOOLS:
        cells = [res.html.get((tool, sp)) for sp in SPLITS]
        rows.append(["HTML", esc(tool), _f(res.aeb_html.get(tool)), *map(_f, cells), "–", "–"])
    head = ["path", "system", "AEB (shingle F1)", "WCXB tune articles", "WCXB check articles",
            "WCXB tune all types", "WCXB check all types"]  # fmt: skip
    return md_table(head, rows)


def _text_detail(res: Generalization) -> list[str]:
    rows = []
    for tool in WCXB_TOOLS:
        for pt in (ALL, *PAGE_TYPES):
            base = {sp: res.text.get((tool, pt, sp, "input")) for sp in SPLITS}
            for system in SYSTEMS:
                cells = [res.text.get((tool, pt, sp, system)) for sp in SPLITS]
                if all(c is None for c in cells):
                    continue
                deltas = [
                    f"{c.f1 - b.f1:+.4f}" if c and b and system != "input" else ""
                    for c, b in zip(cells, base.values(), strict=True)
                ]
                n = "/".join(str(c.n) if c else "0" for c in cells)
                first = system == "input"
                rows.append([esc(tool) if first and pt == ALL else "", pt if first else "",
                             n if first else "", system, *_prf(cells[0]), deltas[0],
                             *_prf(cells[1]), deltas[1]])  # fmt: skip
    head = ["tool", "page type", "pages tune/check", "system", "tune F1", "P", "R", "ΔF1",
            "check F1", "P", "R", "ΔF1"]  # fmt: skip
    return md_table(head, rows)


def _html_detail(res: Generalization) -> list[str]:
    rows = []
    for tool in HTML_TOOLS:
        cells = [res.html.get((tool, sp)) for sp in SPLITS]
        n = "/".join(str(c.n) if c else "0" for c in cells)
        rows.append([esc(tool), *_prf(res.aeb_html.get(tool)), n, *_prf(cells[0]),
                     *_prf(cells[1]), f"{res.html_pages_per_s.get(tool, 0.0):.1f}"])  # fmt: skip
    head = ["tool", "AEB F1", "P", "R", "WCXB pages tune/check", "tune F1", "P", "R",
            "check F1", "P", "R", "WCXB pages/s"]  # fmt: skip
    return md_table(head, rows)


def _loss_table(res: Generalization) -> list[str]:
    kinds = sorted({k for _pt, k in res.loss}, key=lambda k: (-res.loss[(ALL, k)][0], k))
    types = [ALL, *PAGE_TYPES]
    rows = []
    for kind in [*kinds, "**all**"]:
        cells = []
        for pt in types:
            got = [v for (p, k), v in res.loss.items() if p == pt and kind in (k, "**all**")]
            tot = [sum(v[j] for v in got) for j in range(3)]
            cells.append(f"{tot[0]} / {tot[1]} / {tot[2]}" if tot[0] else "–")
        rows.append([esc(kind), *cells])
    return md_table(["kind", *types], rows)


def generalization_section(res: Generalization) -> Section:
    """The report section of :func:`run_generalization`'s figures."""
    sec = Section(
        "Generalization (AEB, WCXB tune, WCXB check)",
        intro=[
            "The same cleaners on AEB and on the two halves of WCXB (`shared/data/wcxb`, "
            "sites split by hash: design on *tune*, read *check* only as numbers). WCXB "
            "columns use WCXB's word metric: lower-cased `\\w+` tokens as a bag, per-page "
            "P = overlap/|pred|, R = overlap/|gold|, F1, then the mean of each over pages "
            "(as `shared/tools/scorecard.py`'s `word_prf`). AEB columns use the AEB 4-token "
            "shingle metric (`benchmarks/metric.py`, F1 of the means).",
            "*Line oracle*: keep exactly the input lines whose normalized text (lower-cased "
            "`\\w+` tokens joined by spaces) occurs in the normalized gold as a token-aligned "
            "substring, count-aware (the k-th copy of a line only if the gold holds it k "
            "times); each line is judged alone, so a line mixing body and noise is dropped. "
            "It is stricter than the README's oracle (0.962 / 0.953 on articles): a whole "
            "article given as one line with a noisy prefix loses all its text here.",
        ],
    )
    sec.body = [
        "F1 at a glance (text rows: WCXB `text_pairs.jsonl.gz` and the trafilatura rows of "
        "AEB `text_pairs.jsonl`; HTML rows: the raw article pages):",
        "",
        *_glance(res),
        "",
        "Text path by page type (ΔF1 against the extractor's own output):",
        "",
        *_text_detail(res),
        "",
        "HTML path: the WCXB article pages (`wcxb/html`, gold `main_content`), one pass, "
        "beside the AEB pages (the HTML-path section's run, AEB metric):",
        "",
        *_html_detail(res),
        "",
        "Body loss by removal kind on WCXB *tune*, trafilatura rows; each cell is removals / "
        "removed tokens / body tokens lost. A removal's tokens (WCXB tokens) are *lost body* "
        "when its normalized text occurs more often in the normalized gold than in the "
        "normalized `clean` output:",
        "",
        *_loss_table(res),
    ]
    if res.errors:
        sec.notes.append(f"{len(res.errors)} errors (scored as empty output); first: "
                         f"{esc(res.errors[0])}")  # fmt: skip
    sec.notes.append(
        "Times: text path (newsclean over every WCXB and AEB row, oracle, scoring) "
        f"{res.seconds.get('text', 0.0):.1f} s; HTML path {res.seconds.get('html', 0.0):.1f} s."
    )
    sec.seconds = sum(res.seconds.values())
    return sec
