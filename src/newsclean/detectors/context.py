"""Neighbour revision (jusText's second stage): short blocks stranded among noise are noise.

Before the first paragraph of prose and after the last one, a short line that sits next to
lines already judged noise ("Tell us what YOU think..." between a newsletter prompt and
the comments, a kicker between the lifted headline and the lede) is noise of the same kind.
Inside the body nothing is revised: a short line there is a subheading until proven otherwise.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..detector import Reviser
from ..document import Document, is_prose
from ..registry import register
from ..removal import Removal

__all__ = ["EdgeContextReviser"]


@register
@dataclass(frozen=True)
class EdgeContextReviser(Reviser):
    name = "edge_context"
    summary = "Short lines next to noise before the first / after the last prose paragraph."

    #: Only blocks up to this many words can be pulled into a neighbour's removal.
    max_words: int = 20
    #: Lines this short are labels even when they end with a period.
    label_words: int = 3
    confidence: float = 0.6

    def revise(self, doc: Document, flagged: Sequence[Removal | None]) -> Iterable[Removal]:
        blocks = doc.blocks
        n = len(blocks)
        body = [i for i in range(n) if flagged[i] is None and is_prose(blocks[i])]
        if not body:
            return
        first, last = body[0], body[-1]

        def short(i: int) -> bool:
            # A punctuated sentence is kept even when short: articles often end on one.
            b = blocks[i]
            if flagged[i] is not None or b.words > self.max_words:
                return False
            return b.words <= self.label_words or not b.ends_sentence or b.truncated

        # Head: a short block with a flagged block after it (still before the body).
        for i in range(first):
            if short(i):
                nxt = next((flagged[k] for k in range(i + 1, first) if flagged[k] is not None), None)
                prev = next((flagged[k] for k in range(i - 1, -1, -1) if flagged[k] is not None), None)
                ref = nxt or prev
                if ref is not None and (nxt is not None or i == 0 or prev is not None):
                    yield self.remove(blocks[i], f"{ref.kind}.context", self.confidence, near=ref.reason)
        # Tail: a short block with a flagged block before or after it (still after the body).
        for i in range(last + 1, n):
            if short(i):
                prev = next((flagged[k] for k in range(i - 1, last, -1) if flagged[k] is not None), None)
                nxt = next((flagged[k] for k in range(i + 1, n) if flagged[k] is not None), None)
                ref = prev or nxt
                if ref is not None:
                    yield self.remove(blocks[i], f"{ref.kind}.context", self.confidence, near=ref.reason)
