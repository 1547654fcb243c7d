"""Aggregator and app names left as a line of their own ("google news")."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from .._detector import Detector
from .._document import Document
from .._phrases import ALL, PhraseMatch, line_matcher
from .._registry import register
from .._removal import Removal


@register
@dataclass(frozen=True)
class AggregatorDetector(Detector):
    name = "aggregator"
    local = True
    summary = "A line that is only a news aggregator's name (Google News, Flipboard, MSN...)."

    languages: tuple[str, ...] = (ALL,)
    max_words: int = 6
    confidence: float = 0.95

    @cached_property
    def _lists(self) -> PhraseMatch | None:
        """The phrase lists this detector reads, looked up once per instance."""
        return line_matcher("aggregator", "line", "line", self.languages)

    def detect(self, doc: Document) -> Iterable[Removal]:
        rx = self._lists
        if rx is None:
            return
        for i in doc.gate(rx):
            b = doc.blocks[i]
            if b.words <= self.max_words and rx.hit(b):
                yield self.remove(b, "aggregator.name", self.confidence)
