"""The body guard: a small learned veto on removals of lines that read as body text.

Rules find noise by phrase and position; on sites nobody wrote them against, the same
phrase sits inside real prose ("Read more about what marketing is..."), a paper's
"Discussion" heads its own section, a dated table row looks like a stamp. The guard asks one
question of every proposed removal: *given the rule that fired and the shape of the line
alone, how likely is this line body text?* Above the threshold the removal is dropped.

It is a logistic model over a few dozen shape features (length, sentence ending, case,
digits, markup) and the rule's kind, crossed with the two that matter most (length and
sentence ending). It reads the line and nothing around it, so its verdict is the same in
every pass and on the output: cleaning stays idempotent. The weights ship as
``models/body_guard.json`` and are trained by ``python -m scripts.train_guard`` from the
shared data (the WCXB tune half and AEB; never the check half). Every veto can be explained
by its largest feature contributions (:meth:`BodyGuard.explain`).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from .removal import Removal
from .shape import ends_sentence, is_all_caps, is_truncated, word_count

__all__ = ["BodyGuard", "line_features", "load_guard"]

#: The kinds whose weights are crossed with the line's shape. Other kinds share "other".
CROSSED = (
    "comments",
    "related_links",
    "dateline",
    "duplicate",
    "title",
    "read_more",
    "navigation",
    "byline",
    "copyright",
    "tags",
    "advertisement",
    "newsletter",
    "share",
    "caption",
    "widget",
    "cookie_notice",
    "source_credit",
)


def _kind_slot(kind: str) -> str:
    return kind if kind in CROSSED else "other"


def line_features(text: str, kind: str) -> dict[str, float]:
    """The guard's features of one removed line: its shape, and its rule's kind crossed with
    how long and how sentence-like the line is."""
    words = word_count(text)
    toks = text.split()
    alnum = sum(c.isalnum() for c in text) or 1
    digits = sum(c.isdigit() for c in text)
    caps = sum(1 for t in toks if t[:1].isupper())
    long = math.log1p(words)
    sentence = 1.0 if ends_sentence(text) else 0.0
    inner_ends = text.count(". ") + text.count("? ") + text.count("! ")
    f = {
        "bias": 1.0,
        "log_words": long,
        "long": 1.0 if words >= 12 else 0.0,
        "ends_sentence": sentence,
        "truncated": 1.0 if is_truncated(text) else 0.0,
        "list_item": 1.0 if text[:2] in ("- ", "* ", "• ", "· ") else 0.0,
        "all_caps": 1.0 if is_all_caps(text) else 0.0,
        "capitalised": caps / len(toks) if toks else 0.0,
        "digits": digits / alnum,
        "link": 1.0 if ("](" in text or "http" in text or "www." in text) else 0.0,
        "commas": min(1.0, text.count(",") / max(1, words)),
        "heading_mark": 1.0 if text[:1] == "#" or text[:2] == "**" else 0.0,
        "table_cell": 1.0 if "|" in text else 0.0,
        "ends_colon": 1.0 if text.rstrip().endswith(":") else 0.0,
        "ends_question": 1.0 if text.rstrip().endswith("?") else 0.0,
        "sentences_inside": min(3.0, float(inner_ends)),
        "mean_word_len": min(12.0, alnum / max(1, words)) / 12.0,
        "symbols": 1.0 if ("©" in text or "@" in text) else 0.0,
    }
    slot = _kind_slot(kind)
    f[f"kind={slot}"] = 1.0
    f[f"kind={slot}*log_words"] = long
    f[f"kind={slot}*ends_sentence"] = sentence
    return f


@dataclass(frozen=True)
class BodyGuard:
    """A logistic model: a removal goes only if the line's body probability is below
    ``threshold``. ``exempt`` reasons are never vetoed (exact evidence, e.g. a headline the
    HTML metadata names)."""

    weights: dict[str, float]
    threshold: float
    exempt: frozenset[str] = frozenset()

    def score(self, text: str, kind: str) -> float:
        """Probability that a line removed by a rule of ``kind`` is body text."""
        w = self.weights
        z = sum(w.get(k, 0.0) * v for k, v in line_features(text, kind).items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def vetoes(self, r: Removal) -> bool:
        """True when removal ``r`` takes a line too body-like for its rule's evidence."""
        if r.reason in self.exempt:
            return False
        return self.score(r.text, r.kind) >= self.threshold

    def explain(self, text: str, kind: str, top: int = 4) -> list[tuple[str, float]]:
        """The features that pushed the score most, with their contributions."""
        w = self.weights
        parts = [(k, w.get(k, 0.0) * v) for k, v in line_features(text, kind).items()]
        parts.sort(key=lambda kv: -abs(kv[1]))
        return parts[:top]

    def to_dict(self) -> dict[str, Any]:
        return {
            "threshold": self.threshold,
            "exempt": sorted(self.exempt),
            "weights": dict(sorted(self.weights.items())),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> BodyGuard:
        return cls(
            {str(k): float(v) for k, v in data["weights"].items()},
            float(data["threshold"]),
            frozenset(data.get("exempt", ())),
        )


@lru_cache(maxsize=1)
def load_guard() -> BodyGuard:
    """The shipped model (``models/body_guard.json``)."""
    raw = resources.files("newsclean").joinpath("models/body_guard.json").read_text("utf-8")
    return BodyGuard.from_dict(json.loads(raw))
