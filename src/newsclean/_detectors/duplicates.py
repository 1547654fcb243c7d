"""Repeated blocks: a paragraph that already appeared earlier in the text.

Pull quotes, summaries and captions repeat body sentences; scrapers repeat headers. The
first copy stays, later copies go. Short lines (labels like "Ingredients") may repeat
legitimately (list items, recipe steps, repeated slogans), so only blocks of ``min_words``
or more count.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .._detector import Detector
from .._document import Block, Document
from .._registry import register
from .._removal import Removal

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
    #: A page printed twice (AMP copy, feed dump): at least this many consecutive long
    #: blocks repeating the text's opening paragraphs in the same order are a copy, however
    #: often it recurs.
    run_min_blocks: int = 3
    confidence: float = 0.85

    def detect(self, doc: Document) -> Iterable[Removal]:
        keys = _repeat_keys(doc.blocks, self.min_words)
        yield from self._repeated_runs(doc, keys)
        yield from self._rare_repeats(doc, keys)

    # Blocks are compared by their words as written (Block.folded): digits matter ("round 3"
    # is not "round 4").
    def _repeated_runs(self, doc: Document, keys_of: dict[int, object]) -> Iterable[Removal]:
        # Only prose repeats this way by accident; lists and plans (a meal plan repeating its
        # days) repeat short items on purpose.
        long = [i for i in doc.prose_indices if doc.blocks[i].words >= self.min_words]
        keys = [keys_of[i] for i in long]
        first: dict[object, int] = {}
        p = 0
        while p < len(keys):
            q = first.get(keys[p])
            if q is None:
                first[keys[p]] = p
                p += 1
                continue
            if q != 0:
                # A printed-twice page repeats the article from its first paragraph; a run
                # repeated from the middle is a quote (forums) or a reused passage (docs).
                p += 1
                continue
            n = 0
            while (
                p + n < len(keys)
                and q + n < p
                and keys[p + n] == keys[q + n]
                # The copy is a contiguous stretch of the text, not items scattered in a list.
                and (n == 0 or long[p + n] == long[p + n - 1] + 1)
            ):
                n += 1
            if n >= self.run_min_blocks:
                for k in range(p, p + n):
                    yield self.remove(
                        doc.blocks[long[k]], "duplicate.repeated_run", self.confidence
                    )
                p += n
            else:
                p += 1

    def _rare_repeats(self, doc: Document, keys_of: dict[int, object]) -> Iterable[Removal]:
        seen: dict[object, int] = {}
        later: list[tuple[object, int]] = []
        for i, key in keys_of.items():
            if key in seen:
                later.append((key, i))
            seen[key] = seen.get(key, 0) + 1
        if not later or len({k for k, _ in later}) > self.max_repeated:
            return
        for key, i in later:
            if seen[key] == 2:
                yield self.remove(doc.blocks[i], "duplicate.repeat", self.confidence)


def _repeat_keys(blocks: Sequence[Block], min_words: int) -> dict[int, object]:
    """Per position of a block with ``min_words`` or more, a key equal for repeated blocks.

    Two blocks can only be equal if they share a word count and a first word, so the
    folded text (the costly part) is built only for blocks whose signature recurs; any
    other block gets its own position as its key.
    """
    sig: dict[tuple[int, str], int] = {}
    for b in blocks:
        if b.words >= min_words:
            k = (b.words, b.head)
            sig[k] = sig.get(k, 0) + 1
    return {
        i: (b.folded if sig[(b.words, b.head)] > 1 else i)
        for i, b in enumerate(blocks)
        if b.words >= min_words
    }
