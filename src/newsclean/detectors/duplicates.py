"""Repeated blocks: a paragraph that already appeared earlier in the text.

Pull quotes, summaries and captions repeat body sentences; scrapers repeat headers. The
first copy stays, later copies go. Short lines (labels like "Ingredients") may repeat
legitimately, so only blocks of ``min_words`` or more count.
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
    summary = "Later verbatim copies of an earlier block (pull quotes, repeated headers)."

    min_words: int = 5
    confidence: float = 0.85

    def detect(self, doc: Document) -> Iterable[Removal]:
        seen: set[str] = set()
        for b in doc.blocks:
            if b.words < self.min_words:
                continue
            key = b.norm.casefold()
            if key in seen:
                yield self.remove(b, "duplicate.repeat", self.confidence)
            else:
                seen.add(key)
