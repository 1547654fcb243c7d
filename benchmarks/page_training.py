"""Training the whole-page line scorer: data, labels, the fit, site-disjoint folds.

Used by ``scripts/train_page_model.py`` (which writes the shipped model) and by
:mod:`benchmarks.whole_page` (which scores AEB by site-disjoint cross-validation).

Training rows: WCXB ``tune`` html2text rows (every page type) and the AEB whole-page rows
(html2text, inscriptis, html_text). WCXB ``check`` is never read here. A line's label is the
line oracle's verdict (as ``benchmarks.generalization.line_oracle``, on the line as read,
link markup removed): content when its normalized text occurs in the normalized gold,
count-aware. Both stages are L2-regularized logistic regressions fitted by Newton's method on
standardized features (numpy, at training time only); the standardization is folded into the
weights, so inference needs no numpy. Deterministic: no sampling, no random state.
"""

from __future__ import annotations

import zlib
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import urlsplit

import numpy as np

from newsclean._page.features import line_features, page_lines
from newsclean._page.markup import markup
from newsclean._page.model import PageModel, stage1_vectors, stage2_vectors

from .data import data_dir, load_text_pairs, load_wcxb_pairs
from .generalization import normalized, occurrences

__all__ = ["AEB_TOOLS", "FOLDS", "Page", "fit", "fold_models", "fold_of", "labels", "load", "train"]

AEB_TOOLS = ("aeb-published:html2text", "aeb-published:inscriptis", "html_text")
L2 = 1.0  # ridge strength on standardized features (per 1,000 units of weight)
FOLDS = 5


class Page:
    """One training page: stage-1 vectors, labels, word weights and its group."""

    def __init__(self, noisy: str, gold: str, group: str, source: str, kind: str = "") -> None:
        lines = page_lines(noisy)
        self.feats = line_features(lines)
        self.x1 = np.array(stage1_vectors(self.feats), dtype=float).reshape(len(lines), -1)
        self.texts = [markup(ln.text).visible for ln in lines]
        self.y = np.array(labels(self.texts, gold), dtype=float)
        self.w = np.array([0.5 + f[0] for f in self.feats], dtype=float)
        self.group, self.source, self.ptype = group, source, kind
        self.noisy, self.gold = noisy, gold


def labels(lines: Sequence[str], gold: str) -> list[int]:
    """The line oracle's verdict per line (1 = keep)."""
    padded = f" {normalized(gold)} "
    avail: dict[str, int] = {}
    seen: Counter[str] = Counter()
    out = []
    for line in lines:
        n = normalized(line)
        if not n:
            out.append(0)
            continue
        if n not in avail:
            avail[n] = occurrences(n, padded)
        seen[n] += 1
        out.append(1 if seen[n] <= avail[n] else 0)
    return out


def fit(x: np.ndarray, y: np.ndarray, w: np.ndarray) -> list[float]:
    """Weighted L2 logistic regression by Newton steps; returns raw-scale weights, bias last."""
    mu, sd = x.mean(axis=0), x.std(axis=0)
    sd[sd == 0] = 1.0
    z = np.hstack([(x - mu) / sd, np.ones((len(x), 1))])
    beta = np.zeros(z.shape[1])
    lam = L2 * w.sum() / 1000.0
    reg = np.full(z.shape[1], lam)
    reg[-1] = 0.0
    for _ in range(30):
        p = 1.0 / (1.0 + np.exp(-(z @ beta)))
        g = z.T @ (w * (p - y)) + reg * beta
        h = (z * (w * p * (1 - p))[:, None]).T @ z + np.diag(reg)
        step = np.linalg.solve(h, g)
        beta -= step
        if np.abs(step).max() < 1e-8:
            break
    raw = beta[:-1] / sd
    bias = beta[-1] - float((beta[:-1] * mu / sd).sum())
    return [*map(float, raw), float(bias)]


def stage2(page: Page, w1: list[float]) -> np.ndarray:
    """Stage 2's inputs for one page under stage-1 weights ``w1``."""
    logits = page.x1 @ np.array(w1[:-1]) + w1[-1]
    return np.array(stage2_vectors(list(map(float, logits)), page.feats), dtype=float)


def train(pages: Sequence[Page]) -> dict[str, list[float]]:
    """Both stages on ``pages``; stage 2 learns from stage 1's in-sample scores."""
    cat = np.concatenate
    w1 = fit(cat([p.x1 for p in pages]), cat([p.y for p in pages]), cat([p.w for p in pages]))
    x2 = cat([stage2(p, w1) for p in pages])
    w2 = fit(x2, cat([p.y for p in pages]), cat([p.w for p in pages]))
    return {"stage1": w1, "stage2": w2}


def load(shared: Path) -> list[Page]:
    """Every training page (WCXB tune html2text rows, AEB whole-page rows)."""
    data = data_dir(shared)
    pages = [
        Page(r.noisy, r.gold, f"wcxb:{urlsplit(r.url).netloc}", "wcxb", r.page_type)
        for r in load_wcxb_pairs(data)
        if r.split == "tune" and r.tool == "html2text" and r.noisy.strip()
    ]
    for r in load_text_pairs(data, "text_pairs_more.jsonl"):
        if r.tool in AEB_TOOLS and r.noisy.strip():
            pages.append(Page(r.noisy, r.gold, f"aeb:{urlsplit(r.url).netloc}", r.tool))
    return pages


def fold_of(group: str) -> int:
    """A stable fold per site (crc32: the same on every machine and run)."""
    return zlib.crc32(group.encode()) % FOLDS


def fold_models(pages: Sequence[Page]) -> dict[int, PageModel]:
    """One model per fold, each trained without the pages of that fold's sites."""
    return {
        f: PageModel.from_dict(train([p for p in pages if fold_of(p.group) != f]))
        for f in range(FOLDS)
    }
