"""Repeated blocks: a paragraph that already appeared earlier in the text.

Pull quotes, summaries and captions repeat body sentences; scrapers repeat headers. The
first copy stays, later copies go. Short lines (labels like "Ingredients") may repeat
legitimately (list items, recipe steps, repeated slogans), so only blocks of ``min_words``
or more count.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..detector import Detector
from ..document import Document
from ..registry import register
from ..removal import Removal

__all__ = ["DuplicateBlockDetector"]


@register
@dataclass(frozen=True)
class DuplicateBlockDetector(Detector):
    name = "duplicate_block"
    summary = "A block repeated once later in the text (pull quote, repeated header)."

    min_words: int = 8
    #: Systematic repetition (a questionnaire per interviewee, a meal plan, a page printed
    #: twice) is structure, not noise: only texts with at most this many repeated blocks,
    #: each seen exactly twice, are touched.
    max_repeated: int = 2
    confidence: float = 0.85

    def detect(self, doc: Document) -> Iterable[Removal]:
        seen: dict[str, int] = {}
        later: list[tuple[str, int]] = []
        for i, b in enumerate(doc.blocks):
            if b.words < self.min_words:
                continue
            key = b.norm.casefold()
            if key in seen:
                later.append((key, i))
            seen[key] = seen.get(key, 0) + 1
        if not later or len({k for k, _ in later}) > self.max_repeated:
            return
        for key, i in later:
            if seen[key] == 2:
                yield self.remove(doc.blocks[i], "duplicate.repeat", self.confidence)
