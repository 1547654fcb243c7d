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

from .._detector import Reviser
from .._document import Block, Document
from .._registry import register
from .._removal import Removal
from ._zones import in_tail_zone

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
    #: A run of at least this many list items that ends the text right after a line judged
    #: noise of a closing family (newsletter box, share bar...) is a recirculation list of
    #: teaser headlines; items longer than ``tail_list_max_words`` are not teasers. 0 = off.
    tail_list_min_items: int = 3
    tail_list_max_words: int = 30
    tail_list_after: tuple[str, ...] = (
        "newsletter",
        "share",
        "related_links",
        "read_more",
        "comments",
        "tags",
        "copyright",
    )
    #: Share of the text's words (from the end) where a line boxed in by one noise family
    #: is pulled into it.
    box_tail_share: float = 0.3
    #: Families that come as boxes with a pitch sentence inside (a sign-up box: title, pitch,
    #: form). Read-more or share lines around a sentence are not a box: that is prose.
    box_kinds: tuple[str, ...] = ("newsletter",)
    #: A label of this many words right before at least ``header_min_noise`` lines of noise
    #: that run to the end of the text is their heading ("How to listen to the podcast").
    header_min_words: int = 3
    header_max_words: int = 8
    header_min_noise: int = 2
    confidence: float = 0.6

    def revise(self, doc: Document, flagged: Sequence[Removal | None]) -> Iterable[Removal]:
        blocks = doc.blocks
        n = len(blocks)
        body = [i for i in doc.prose_indices if flagged[i] is None]
        if not body:
            return
        first, last = body[0], body[-1]
        yield from self._tail_list(blocks, flagged)
        yield from self._boxed(doc, flagged)
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
                # After the article, a lone unpunctuated label opening noise that runs to the
                # end of the text is that block's header ("How to listen to the podcast").
                header = (
                    not edge_is_start
                    and j - i == 1
                    and n - j >= self.header_min_noise
                    and self._label(blocks[i])
                    and all(flagged[k] is not None for k in range(j, n))
                )
                if header and after is not None:
                    yield self.remove(
                        blocks[i], f"{after.kind}.context", self.confidence, near=after.reason
                    )
                elif ref is not None and left_ok and right_ok and j - i <= self.max_run:
                    for k in range(i, j):
                        yield self.remove(
                            blocks[k], f"{ref.kind}.context", self.confidence, near=ref.reason
                        )
                i = j

    def _tail_list(
        self, blocks: Sequence[Block], flagged: Sequence[Removal | None]
    ) -> Iterable[Removal]:
        if not self.tail_list_min_items:
            return
        j = len(blocks)
        while (
            j > 0
            and flagged[j - 1] is None
            and blocks[j - 1].is_list_item
            and blocks[j - 1].words <= self.tail_list_max_words
        ):
            j -= 1
        ref = flagged[j - 1] if j > 0 else None
        if len(blocks) - j < self.tail_list_min_items or ref is None:
            return
        if ref.kind not in self.tail_list_after:
            return
        for k in range(j, len(blocks)):
            yield self.remove(
                blocks[k], "related_links.tail_list", self.confidence, near=ref.reason
            )

    def _boxed(self, doc: Document, flagged: Sequence[Removal | None]) -> Iterable[Removal]:
        """In the last part of the text, one line between two lines of the same box family
        belongs to that box even when it is a sentence: "Get the day's big stories..."
        between a newsletter's title and its sign-up confirmation."""
        blocks = doc.blocks
        # Only a line right after a box-family removal can be boxed in.
        opened = [
            k + 1 for k, f in enumerate(flagged[:-2]) if f is not None and f.kind in self.box_kinds
        ]
        for k in opened:
            before, after = flagged[k - 1], flagged[k + 1]
            if (
                flagged[k] is None
                and before is not None
                and after is not None
                and before.kind == after.kind
                and before.kind in self.box_kinds
                and blocks[k].words <= self.max_words
                and in_tail_zone(doc, k, self.box_tail_share)
            ):
                yield self.remove(
                    blocks[k], f"{before.kind}.context", self.confidence, near=before.reason
                )

    def _label(self, b: Block) -> bool:
        """A heading-like label: a few words, starting with a letter, no figures or handles."""
        t = b.text
        return (
            self.header_min_words <= b.words <= self.header_max_words
            and t[:1].isalpha()
            and not b.ends_sentence
            and not any(ch.isdigit() or ch in "@|[" for ch in t)
        )

    def _short(self, b: Block, flag: Removal | None) -> bool:
        # A punctuated sentence is kept even when short: articles often end on one.
        if flag is not None or b.words > self.max_words:
            return False
        return b.words <= self.label_words or not b.ends_sentence or b.truncated
