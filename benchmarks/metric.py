"""The article-extraction benchmark (AEB) metric, re-implemented so our figures are comparable.

Definition (``shared/data/README.md``, after the benchmark's ``evaluate.py``): tokens are the
matches of ``\\w+`` (case-sensitive); a text is the multiset of its consecutive 4-token
shingles (a text with fewer than 4 tokens is one shingle of all its tokens, an empty text has
none); per document TP = |pred ∩ gold| (multiset), FP = |pred| - TP, FN = |gold| - TP.
Precision is averaged over documents with a non-empty prediction, recall over all documents
(an empty prediction counts 0), and F1 is the harmonic mean of the two means. Accuracy is the
share of documents whose token sequence equals the gold's exactly.

Edge case the README leaves open: a document whose *gold* has no tokens has no defined recall;
like ``evaluate.py`` we leave it out of the recall mean (the data has none).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["SHINGLE", "TOKEN", "DocCounts", "Score", "doc_counts", "score", "shingles", "tokens"]

#: Benchmark tokens: runs of word characters, case kept.
TOKEN = re.compile(r"\w+")
#: Shingle length (tokens) used by the benchmark.
SHINGLE = 4


def tokens(text: str | None) -> list[str]:
    """The benchmark tokens of ``text`` (``None`` counts as empty, as extractors return it)."""
    return TOKEN.findall(text or "")


def shingles(text: str | None, n: int = SHINGLE) -> Counter[tuple[str, ...]]:
    """The multiset of consecutive ``n``-token shingles; short texts are one shingle."""
    toks = tokens(text)
    if not toks:
        return Counter()
    if len(toks) < n:
        return Counter([tuple(toks)])
    return Counter(tuple(toks[i : i + n]) for i in range(len(toks) - n + 1))


@dataclass(frozen=True)
class DocCounts:
    """TP/FP/FN of one document, before the benchmark's normalisation by their sum."""

    tp: int
    fp: int
    fn: int
    exact: bool

    @property
    def precision(self) -> float | None:
        """None when the prediction is empty: such documents leave the precision mean."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        """None only when the gold is empty (undefined, left out of the mean)."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None


def doc_counts(pred: str | None, gold: str | None) -> DocCounts:
    """Score one document; normalising TP/FP/FN by their sum would not change the ratios."""
    p, g = shingles(pred), shingles(gold)
    tp = sum((p & g).values())
    return DocCounts(
        tp=tp,
        fp=sum(p.values()) - tp,
        fn=sum(g.values()) - tp,
        exact=tokens(pred) == tokens(gold),
    )


@dataclass(frozen=True)
class Score:
    """Corpus-level AEB figures over ``n`` documents."""

    f1: float
    precision: float
    recall: float
    accuracy: float
    n: int
    empty: int = 0


def _mean(xs: list[float]) -> float:
    return sum(xs) / len(xs) if xs else 0.0


def score(pairs: Iterable[tuple[str | None, str | None]]) -> Score:
    """AEB F1/P/R/accuracy of ``(prediction, gold)`` pairs."""
    ps: list[float] = []
    rs: list[float] = []
    exact = n = empty = 0
    for pred, gold in pairs:
        c = doc_counts(pred, gold)
        n += 1
        exact += c.exact
        if c.precision is None:
            empty += 1
        else:
            ps.append(c.precision)
        if c.recall is not None:
            rs.append(c.recall)
    p, r = _mean(ps), _mean(rs)
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return Score(f1=f1, precision=p, recall=r, accuracy=exact / n if n else 0.0, n=n, empty=empty)
