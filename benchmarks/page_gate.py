"""Training the page gate (:mod:`newsclean._page.gate`): single article or multi-item page.

For every training page (:func:`benchmarks.page_training.load`) the line scores come from the
fold model that never saw the page's site, so the gate learns from scores like those of an
unseen page, not from the shipped model's overconfident in-sample ones. The page is cleaned
both ways (as a single article: ``outside=0.5`` and the comments detector; as a multi-item
page: no extra bar and no comments detector) and scored against its gold (AEB shingle F1,
WCXB word F1). The gate is a logistic regression on :data:`GATE_FEATURES` whose label is
"the article way scored better", weighted by how much better or worse: pages where the choice
does not matter do not pull.

``CUT`` and ``LOW_CUT`` were chosen on site-disjoint CV of WCXB tune and AEB
(docs/whole-page.md). ``CUT``: the lowest logit at which forums stay above the best line rule
and no other page type loses over 0.005. ``LOW_CUT``: pages at or below it get the lower line
bar of multi-item pages (``ITEMS_THRESHOLD``); -1 was the cut at which no row lost (0 and
-0.5 cost AEB html2text and products, -2 gave less on listings and documentation).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

import newsclean
from newsclean._page import DEFAULT_THRESHOLD, OUTSIDE_THRESHOLD, PageModel, analyze_page
from newsclean._page.features import page_lines
from newsclean._page.gate import ARTICLE_OUTSIDE, GATE_FEATURES, Gate, gate_features
from newsclean._page.model import main_span

from .generalization import word_prf
from .metric import score
from .page_training import Page, fit, fold_of

__all__ = ["CUT", "LOW_CUT", "fold_gates", "gate_rows", "train_gate"]

CUT = 1.0
LOW_CUT = -1.0


def _f1(page: Page, out: str) -> float:
    if page.source == "wcxb":
        return word_prf(out, page.gold)[2]
    return score([(out, page.gold)]).f1


def gate_rows(
    pages: Sequence[Page], models: Mapping[int, PageModel]
) -> tuple[np.ndarray, np.ndarray]:
    """Per page: its gate features under its fold's model, and F1(article way) - F1(multi)."""
    pipe = newsclean.Pipeline.default()
    xs, ds = [], []
    for page in pages:
        model = models[fold_of(page.group)]
        lines = page_lines(page.noisy)
        probs = model.probabilities(lines)
        words = [1.0 + ln.text.count(" ") for ln in lines]
        xs.append(gate_features(probs, words, main_span(probs, words), DEFAULT_THRESHOLD))
        single = analyze_page(page.noisy, pipe, model=model, outside=ARTICLE_OUTSIDE).text
        multi = analyze_page(
            page.noisy, pipe, model=model, outside=OUTSIDE_THRESHOLD, disable=("comments",)
        ).text
        ds.append(_f1(page, single) - _f1(page, multi))
    return np.array(xs, dtype=float).reshape(-1, len(GATE_FEATURES)), np.array(ds)


def train_gate(x: np.ndarray, d: np.ndarray) -> dict[str, Any]:
    """The gate's weights (bias last) and cuts, as written to ``gate.json``."""
    weights = fit(x, (d > 0).astype(float), np.abs(d) + 1e-4)
    return {"weights": weights, "cut": CUT, "low_cut": LOW_CUT}


def fold_gates(x: np.ndarray, d: np.ndarray, pages: Sequence[Page], folds: int) -> dict[int, Gate]:
    """One gate per fold, each trained without the pages of that fold's sites."""
    fold = np.array([fold_of(p.group) for p in pages])
    return {f: Gate.from_dict(train_gate(x[fold != f], d[fold != f])) for f in range(folds)}
