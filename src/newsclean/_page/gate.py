"""The page gate: is this page one article, or a page of many items (forum, listing, shop)?

The line scorer's verdicts alone cannot tell a teaser grid around a news story from the posts
of a forum thread: both are runs of short, link-heavy lines beside some prose. What differs is
the page as a whole: on a single article nearly all the likely content sits in one run of
prose (the main span), on a multi-item page it is spread out. The gate reads that shape from
the line probabilities and sorts the page into one of three kinds (docs/whole-page.md):

- :data:`ARTICLE`: a line outside the main span needs :data:`ARTICLE_OUTSIDE` (teasers and
  headline lists around the story go), and the comments detector runs (reader comments are
  noise there);
- :data:`MIXED`: no extra bar outside the span, and no comments detector (the posts of a
  forum are its content);
- :data:`ITEMS`: clearly a page of many items (listings, collections, docs): as mixed, and
  the line bar itself drops to :data:`ITEMS_THRESHOLD`, since its short entries are content.

The gate is a logistic regression on ten page-level numbers; its weights are data
(``gate.json``, written by ``scripts/train_page_model.py`` from cross-validated line scores).
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

__all__ = [
    "ARTICLE",
    "ARTICLE_OUTSIDE",
    "GATE_FEATURES",
    "ITEMS",
    "ITEMS_THRESHOLD",
    "MIXED",
    "Gate",
    "gate_features",
]

#: The kinds of page the gate tells apart.
ARTICLE, MIXED, ITEMS = "article", "mixed", "items"
#: The bar outside the main span on a page the gate judges a single article.
ARTICLE_OUTSIDE = 0.5
#: The line bar (inside and outside the span) on a page the gate judges clearly multi-item.
ITEMS_THRESHOLD = 0.2
#: A run of likely prose (``p >= 0.5``) with at least this many words counts as a prose block.
PROSE_RUN_WORDS = 30.0

#: Names of the page-level features, in the order :func:`gate_features` returns them.
GATE_FEATURES = (
    "span_share",  # kept mass inside the main span
    "outside_unsure_share",  # kept mass outside it that ARTICLE_OUTSIDE would drop
    "unsure_share",  # kept mass of lines under 0.5
    "outside_sure_share",  # mass of confident lines outside the span
    "log_prose_runs",
    "log_span_words",
    "log_kept_mass",
    "log_lines",
    "span_start",  # relative position of the span on the page
    "span_end",
)


def gate_features(
    probs: Sequence[float],
    words: Sequence[float],
    span: tuple[int, int],
    threshold: float,
) -> tuple[float, ...]:
    """The :data:`GATE_FEATURES` of a page: where its likely content mass lies (one pass)."""
    a, b = span
    n = len(probs)
    kept = inside = out_unsure = unsure = out_sure = run = 0.0
    runs = 0
    for i, (p, w) in enumerate(zip(probs, words, strict=True)):
        mass = p * w
        within = a <= i < b
        if p >= 0.5:
            run += w
            out_sure += 0.0 if within else mass
        else:
            runs += run >= PROSE_RUN_WORDS
            run = 0.0
        if p >= threshold:
            kept += mass
            inside += mass if within else 0.0
            unsure += mass if p < 0.5 else 0.0
            out_unsure += mass if p < 0.5 and not within else 0.0
    runs += run >= PROSE_RUN_WORDS
    total = kept or 1.0
    return (
        inside / total,
        out_unsure / total,
        unsure / total,
        out_sure / total,
        math.log1p(runs),
        math.log1p(sum(words[a:b])),
        math.log1p(kept),
        math.log1p(n),
        a / max(n, 1),
        b / max(n, 1),
    )


@dataclass(frozen=True)
class Gate:
    """Weights (bias last) and two cuts on the logit: above ``cut`` a page is one article,
    at or below ``low_cut`` clearly a page of many items."""

    weights: tuple[float, ...]
    cut: float
    low_cut: float = -math.inf

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Gate:
        """From ``gate.json``'s fields (``low_cut`` optional: no items kind without it)."""
        cuts = (float(data["cut"]), float(data.get("low_cut", -math.inf)))
        return cls(tuple(map(float, data["weights"])), *cuts)

    @classmethod
    def load(cls) -> Gate:
        """The gate shipped in the package."""
        path = resources.files(__package__).joinpath("gate.json")
        return cls.from_dict(json.loads(path.read_text(encoding="utf-8")))

    def kind(self, features: Sequence[float]) -> str:
        """:data:`ARTICLE`, :data:`MIXED` or :data:`ITEMS` for a page's :func:`gate_features`."""
        z = sum(w * x for w, x in zip(self.weights[:-1], features, strict=True)) + self.weights[-1]
        if z > self.cut:
            return ARTICLE
        return ITEMS if z <= self.low_cut else MIXED
