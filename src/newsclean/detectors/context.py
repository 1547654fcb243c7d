"""Neighbour revision (jusText's second stage): short blocks stranded among noise are noise.

Before the first paragraph of prose and after the last one, a short run of lines wedged
between lines already judged noise (or between noise and the edge of the text) is noise of
the same kind: "Tell us what YOU think..." between a newsletter prompt and the comments, a
kicker between the lifted headline and the lede. Inside the body nothing is revised: a short
line there is a subheading until proven otherwise, and long runs (tables, lists) are content.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..detector import Reviser
from ..document import Block, Document, is_prose
from ..registry import register
from ..removal import Removal

__all__ = ["EdgeContextReviser"]


@register
@dataclass(frozen=True)
class EdgeContextReviser(Reviser):
    name = "edge_context"
    summary = "Short lines wedged between noise before the first / after the last prose paragraph."

    #: Only blocks up to this many words can be pulled into a neighbour's removal.
    max_words: int = 20
    #: Lines this short are labels even when they end with a period.
    label_words: int = 3
    #: Longest run of short lines that may be pulled in at once.
    max_run: int = 2
    #: A head or tail with more unjudged short lines than this is a list or table: leave it.
    max_zone_lines: int = 6
    #: A dek (standfirst) under the headline has at least this many words.
    dek_min_words: int = 6
    confidence: float = 0.6

    def revise(self, doc: Document, flagged: Sequence[Removal | None]) -> Iterable[Removal]:
        blocks = doc.blocks
        n = len(blocks)
        body = [i for i in range(n) if flagged[i] is None and is_prose(blocks[i])]
        if not body:
            return
        first, last = body[0], body[-1]
        # Runs of unflagged short blocks in the head [0, first) and the tail (last, n).
        for lo, hi, edge_is_start in ((0, first, True), (last + 1, n, False)):
            if sum(1 for k in range(lo, hi) if flagged[k] is None) > self.max_zone_lines:
                continue
            i = lo
            while i < hi:
                if not self._short(blocks[i], flagged[i]):
                    i += 1
                    continue
                j = i
                while j < hi and self._short(blocks[j], flagged[j]):
                    j += 1
                before = flagged[i - 1] if i > lo else None
                after = flagged[j] if j < hi else None
                # The text's own edge counts as a noise neighbour; the body does not.
                left_ok = before is not None or (edge_is_start and i == 0)
                right_ok = after is not None or (not edge_is_start and j == n)
                ref = before or after
                # A one-line dek between the lifted headline and the lede: unpunctuated, a
                # phrase rather than a label.
                if (
                    edge_is_start
                    and before is not None
                    and before.kind == "title"
                    and j == hi
                    and j - i == 1
                    and not blocks[i].ends_sentence
                    and blocks[i].words >= self.dek_min_words
                ):
                    yield self.remove(blocks[i], "title.dek", self.confidence, near=before.reason)
                    i = j
                    continue
                if ref is not None and left_ok and right_ok and j - i <= self.max_run:
                    for k in range(i, j):
                        yield self.remove(
                            blocks[k], f"{ref.kind}.context", self.confidence, near=ref.reason
                        )
                i = j

    def _short(self, b: Block, flag: Removal | None) -> bool:
        # A punctuated sentence is kept even when short: articles often end on one.
        if flag is not None or b.words > self.max_words:
            return False
        return b.words <= self.label_words or not b.ends_sentence or b.truncated
