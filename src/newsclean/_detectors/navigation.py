"""Prev/next links and breadcrumbs: "Previous articleOther voices: ...", "Home » World"."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from .._detector import Detector
from .._document import Document
from .._phrases import ALL, PhraseMatch, line_matcher
from .._registry import register
from .._removal import Removal
from ._zones import prose_words_from

_CRUMB_SEP = re.compile(r"[»›>/|]")


@register
@dataclass(frozen=True)
class NavigationDetector(Detector):
    name = "navigation"
    summary = "Previous/next article links (glued or not) and breadcrumb trails."

    languages: tuple[str, ...] = (ALL,)
    #: A prev/next line carries a headline; allow that many words in all.
    max_words: int = 30
    #: Breadcrumb: at least this many separators, each part at most ``crumb_part_words``.
    crumb_min_separators: int = 2
    crumb_part_words: int = 5
    #: A menu dumped as text: at least this many consecutive very short lines (at most
    #: ``menu_item_words`` words, no sentence ending) before the first paragraph of prose.
    menu_min_lines: int = 12
    menu_item_words: int = 4
    #: A menu is cut only above an article: at least this share of the words from the first
    #: paragraph on must be prose, and more words than the run's. On listings and catalogues
    #: the short lines are the page.
    article_prose_share: float = 0.5
    confidence: float = 0.9

    @cached_property
    def _lists(self) -> tuple[PhraseMatch | None, PhraseMatch | None, PhraseMatch | None]:
        """The phrase lists this detector reads, looked up once per instance."""
        return (
            line_matcher("navigation", "prefix", "glued_prefix", self.languages),
            line_matcher("navigation", "line", "line", self.languages),
            line_matcher("navigation", "breadcrumb_root", "prefix", self.languages),
        )

    def detect(self, doc: Document) -> Iterable[Removal]:
        yield from self._menu_runs(doc)
        prefix, line, roots = self._lists
        for i in doc.gate(prefix, line, roots):
            b = doc.blocks[i]
            if b.words > self.max_words:
                continue
            if prefix is not None and prefix.hit(b) and not b.ends_sentence:
                yield self.remove(b, "navigation.prev_next", self.confidence)
            elif line is not None and line.hit(b):
                yield self.remove(b, "navigation.menu", self.confidence)
            elif roots is not None and roots.hit(b) and self._breadcrumb(b.text):
                yield self.remove(b, "navigation.breadcrumb", self.confidence)

    def _breadcrumb(self, text: str) -> bool:
        parts = [p.strip() for p in _CRUMB_SEP.split(text.strip())]
        if len(parts) - 1 < self.crumb_min_separators:
            return False
        return all(0 < len(p.split()) <= self.crumb_part_words for p in parts)

    def _menu_runs(self, doc: Document) -> Iterable[Removal]:
        items = [i for i in doc.short(self.menu_item_words) if not doc.blocks[i].ends_sentence]
        if len(items) < self.menu_min_lines:
            return  # too few menu-like lines anywhere: no run, whatever is removed
        prose = doc.prose_indices
        end = prose[0] if prose else 0
        article = prose_words_from(doc, end)
        if article < self.article_prose_share * (doc.total_words - doc.words_before(end)):
            return  # short lines with a paragraph here and there: a listing's own items
        run: list[int] = []
        for i in range(end + 1):
            b = doc.blocks[i] if i < end else None
            if b is not None and b.words <= self.menu_item_words and not b.ends_sentence:
                run.append(i)
                continue
            # A menu is smaller than the article under it; a longer run is the page itself.
            if len(run) >= self.menu_min_lines and sum(doc.blocks[k].words for k in run) < article:
                for k in run:
                    yield self.remove(doc.blocks[k], "navigation.menu_run", self.confidence * 0.9)
            run = []
