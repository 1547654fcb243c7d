"""The line scorer: two small logistic regressions, pure Python at inference.

Stage 1 reads each line's own features (:mod:`.features`) and a few of its neighbours'.
Stage 2 reads stage 1's probabilities around the line (windows of 1, 3 and 10 lines), the
share of the page's likely prose above and below it, and whether it sits inside the page's
main prose span (the maximum-sum run of word-weighted scores). That is the sequence
smoothing: a short heading inside the article is kept because its surroundings are prose,
a long sentence inside a footer goes because its surroundings are links.

The weights are data (``model.json``, written by ``scripts/train_page_model.py``), loaded
once per :class:`PageModel`; inference is a few dot products per line.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from itertools import accumulate, chain
from operator import itemgetter, mul
from typing import Any

from .features import PageLine, feature_columns

__all__ = ["PageModel", "stage1_vectors", "stage2_vectors"]

#: Per neighbour: which of the line features it contributes (indices in LINE_FEATURES).
_NEIGHBOUR_FEATURES = (0, 2, 4, 7)
_WINDOWS = (1, 3, 10)


def stage1_vectors(feats: Sequence[tuple[float, ...]]) -> list[list[float]]:
    """Each line's own features followed by those of its neighbours (zeros off the page)."""
    blank = (0.0,) * len(_NEIGHBOUR_FEATURES)
    pick = itemgetter(*_NEIGHBOUR_FEATURES)
    # The neighbour part of every line, padded with two blank lines at each end.
    nb = [blank, blank, *(pick(f) for f in feats), blank, blank]
    return [
        [*f, *nb[i], *nb[i + 1], *nb[i + 3], *nb[i + 4]]  # lines i-2, i-1, i+1, i+2
        for i, f in enumerate(feats)
    ]


def _window_means(p: Sequence[float], w: int) -> list[float]:
    """Mean of ``p`` over ``[i-w, i+w]`` clipped to the page, by prefix sums (linear)."""
    n = len(p)
    pre = list(accumulate(p, initial=0.0))
    lo = [*[0] * min(w, n), *range(n - w)]  # max(0, i - w)
    hi = [*range(w + 1, n + 1), *[n] * min(w, n)]  # min(n, i + w + 1)
    return [(pre[h] - pre[g]) / (h - g) for g, h in zip(lo, hi, strict=True)]


def main_span(p: Sequence[float], weight: Sequence[float], center: float = 0.5) -> tuple[int, int]:
    """The run ``[a, b)`` of lines maximizing the sum of ``(p - center) * weight`` (Kadane)."""
    best, best_a, best_b = 0.0, 0, 0
    cur, a = 0.0, 0
    for i, (x, w) in enumerate(zip(p, weight, strict=True)):
        if cur <= 0.0:
            cur, a = 0.0, i
        cur += (x - center) * w
        if cur > best:
            best, best_a, best_b = cur, a, i + 1
    return best_a, best_b


def stage2_vectors(
    logits: Sequence[float], feats: Sequence[tuple[float, ...]]
) -> list[tuple[float, ...]]:
    """Stage 2's inputs: stage 1's verdict on the line and on its surroundings."""
    return _stage2_vectors(logits, [f[0] for f in feats])


def _stage2_vectors(logits: Sequence[float], log_words: Sequence[float]) -> list[tuple[float, ...]]:
    """:func:`stage2_vectors` from the one feature it reads, ``log_words`` (a column)."""
    n = len(logits)
    p = list(map(_sigmoid, logits))
    weight = [1.0 + math.expm1(x) for x in log_words]
    mass = list(map(mul, p, weight))
    total = sum(mass) or 1.0
    a, b = main_span(p, weight)
    before = list(accumulate(mass[:-1], initial=0.0))  # mass of the lines above each
    return list(
        zip(
            logits,
            *(_window_means(p, w) for w in _WINDOWS),
            [x / total for x in before],
            [(total - x - m) / total for x, m in zip(before, mass, strict=True)],
            [*[0.0] * a, *[1.0] * (b - a), *[0.0] * (n - b)],  # inside the main span
            [  # distance to it
                *(math.log1p(a - i) for i in range(a)),
                *[0.0] * (b - a),
                *(math.log1p(i - b + 1) for i in range(b, n)),
            ],
            log_words,
            strict=True,
        )
    )


def _sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def _dot(w: Sequence[float], x: Sequence[float]) -> float:
    total: float = sum(map(mul, w, x))
    return total


@dataclass(frozen=True)
class PageModel:
    """Weights of both stages (bias last); immutable, so one instance serves every call."""

    stage1: tuple[float, ...]
    stage2: tuple[float, ...]

    @classmethod
    def load(cls) -> PageModel:
        """The model shipped in the package."""
        raw = resources.files(__package__).joinpath("model.json").read_text(encoding="utf-8")
        return cls.from_dict(json.loads(raw))

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PageModel:
        return cls(tuple(map(float, data["stage1"])), tuple(map(float, data["stage2"])))

    def probabilities(self, lines: Sequence[PageLine]) -> list[float]:
        """P(line is main content) for every line of a page."""
        return self.scores(feature_columns(lines))

    def scores(self, cols: Sequence[Sequence[float]]) -> list[float]:
        """:meth:`probabilities` from a page's feature columns."""
        if not cols[0]:
            return []
        logits = self.stage1_logits(cols)
        w2, b2 = self.stage2[:-1], self.stage2[-1]
        z = [sum(map(mul, w2, v)) + b2 for v in _stage2_vectors(logits, cols[0])]
        return list(map(_sigmoid, z))

    def stage1_logits(self, cols: Sequence[Sequence[float]]) -> list[float]:
        """Stage 1's logit of every line from the feature columns, without building vectors.

        The same floats as ``_dot(w, stage1_vectors(feats)[i]) + bias``: the line's own
        features are summed first, then its window of five lines (i-2..i+2) in that order,
        the line itself weighted zero; adding an exact ``0.0`` changes no sum.
        """
        k = len(cols)
        own, bias = self.stage1[:k], self.stage1[-1]
        nb = len(_NEIGHBOUR_FEATURES)
        window = (*self.stage1[k : k + 2 * nb], *[0.0] * nb, *self.stage1[k + 2 * nb : -1])
        pad = [0.0] * (2 * nb)  # two blank lines above the first line and below the last
        flat = [
            *pad,
            *chain.from_iterable(zip(*(cols[j] for j in _NEIGHBOUR_FEATURES), strict=True)),
            *pad,
        ]
        return [
            sum(map(mul, window, flat[nb * i : nb * i + 5 * nb]), sum(map(mul, own, row))) + bias
            for i, row in enumerate(zip(*cols, strict=True))
        ]
