"""Prev/next links and breadcrumbs: "Previous articleOther voices: ...", "Home » World"."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..detector import Detector
from ..document import Document
from ..phrases import ALL, line_matcher
from ..registry import register
from ..removal import Removal

_CRUMB_SEP = re.compile(r"[»›>/|]")


@register
@dataclass(frozen=True)
class NavigationDetector(Detector):
    name = "navigation"
    local = True
    summary = "Previous/next article links (glued or not) and breadcrumb trails."

    languages: tuple[str, ...] = (ALL,)
    #: A prev/next line carries a headline; allow that many words in all.
    max_words: int = 30
    #: Breadcrumb: at least this many separators, each part at most ``crumb_part_words``.
    crumb_min_separators: int = 2
    crumb_part_words: int = 5
    confidence: float = 0.9

    def detect(self, doc: Document) -> Iterable[Removal]:
        prefix = line_matcher("navigation", "prefix", "glued_prefix", self.languages)
        line = line_matcher("navigation", "line", "line", self.languages)
        roots = line_matcher("navigation", "breadcrumb_root", "prefix", self.languages)
        for b in doc.blocks:
            if b.words > self.max_words:
                continue
            n = b.norm
            if prefix is not None and prefix.hit(n, b.head) and not b.ends_sentence:
                yield self.remove(b, "navigation.prev_next", self.confidence)
            elif line is not None and line.hit(n, b.head):
                yield self.remove(b, "navigation.menu", self.confidence)
            elif roots is not None and roots.hit(n, b.head) and self._breadcrumb(b.text):
                yield self.remove(b, "navigation.breadcrumb", self.confidence)

    def _breadcrumb(self, text: str) -> bool:
        parts = [p.strip() for p in _CRUMB_SEP.split(text.strip())]
        if len(parts) - 1 < self.crumb_min_separators:
            return False
        return all(0 < len(p.split()) <= self.crumb_part_words for p in parts)
