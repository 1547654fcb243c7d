"""Per-document look-ups over the blocks: by word count, by gate word, by scan key.

Most detectors judge a few candidate lines (short ones, ones opening with a phrase's first
word, ones holding a phrase's scan key). A :class:`BlockIndex` answers those questions from
tables built once per document, so a detector runs its patterns on candidates only.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from itertools import accumulate

from .block import Block, is_prose
from .phrases import PhraseMatch, PhraseSearch
from .scan import NO_KEYS, block_keys, document_keys

__all__ = ["SCAN_WORDS", "BlockIndex", "ScanMemo"]

#: Blocks of up to this many words get their phrase keys from one scan of the document (no
#: shipped ``contains`` rule looks at longer lines); longer blocks are scanned one by one,
#: only when a detector configured to reach them asks.
SCAN_WORDS = 80

#: Scan keys already found, by block span: a run's later passes read them instead of
#: scanning the same lines again (a span of one source always holds the same text).
ScanMemo = dict[tuple[int, int], frozenset[str]]


class BlockIndex:
    """Look-up tables over one document's blocks (positions are indices into ``blocks``)."""

    def __init__(self, blocks: Sequence[Block], memo: ScanMemo | None = None) -> None:
        self.blocks = blocks
        self._memo: ScanMemo = {} if memo is None else memo
        self._by_key: dict[str, list[int]] | None = None  # built on the first key look-up
        words = [b.words for b in blocks]
        by_head: dict[str, list[int]] = {}
        for i, b in enumerate(blocks):
            by_head.setdefault(b.head, []).append(i)
        self._by_head = by_head
        #: Positions of blocks that read as article prose (:func:`~newsclean.block.is_prose`).
        self.prose_indices = tuple(i for i, b in enumerate(blocks) if is_prose(b))
        self.total_words = sum(words)
        #: The blocks' start offsets, in order (blocks never overlap): a bisect finds the
        #: block a span starts in.
        self.starts = [b.start for b in blocks]
        order = sorted(range(len(words)), key=words.__getitem__)
        self._order = order
        self._sorted_words = [words[i] for i in order]
        #: How many blocks hold at least one word.
        self.blocks_with_words = len(words) - bisect_right(self._sorted_words, 0)
        suffix = list(accumulate(reversed(words), initial=0))
        suffix.reverse()
        self._suffix_words = suffix  # per position, the words from there to the end

    def short(self, max_words: int, min_words: int = 0) -> list[int]:
        """Positions, in order, of blocks with ``min_words`` to ``max_words`` words."""
        lo = bisect_left(self._sorted_words, min_words)
        hi = bisect_right(self._sorted_words, max_words)
        if lo == 0 and hi == len(self._order):
            return list(range(hi))  # every block qualifies: no sort
        return sorted(self._order[lo:hi])

    def words_after(self, i: int) -> int:
        """Words in blocks strictly after position ``i``."""
        return self._suffix_words[i + 1] if i + 1 < len(self._suffix_words) else 0

    def words_before(self, i: int) -> int:
        """Words in blocks strictly before position ``i``."""
        return self.total_words - self._suffix_words[i]

    def starting_with(self, heads: Iterable[str]) -> list[int]:
        """Positions, in order, of blocks whose gate word (:attr:`Block.head`) is in ``heads``."""
        return sorted(_lookup(self._by_head, frozenset(heads)))

    def keys(self, i: int) -> frozenset[str]:
        """The phrase scan keys block ``i`` holds (see :mod:`newsclean.scan`)."""
        b = self.blocks[i]
        span = (b.start, b.end)
        found = self._memo.get(span)
        if found is None:
            found = self._memo[span] = block_keys(b.text)
        return found

    def with_keys(self, keys: frozenset[str]) -> list[int]:
        """Positions, in order, of blocks of at most :data:`SCAN_WORDS` words where the
        document scan found one of ``keys``."""
        return sorted(set(_lookup(self.key_table(), keys)))

    def gate(
        self, *matchers: PhraseMatch | PhraseSearch | None, max_words: int = SCAN_WORDS
    ) -> list[int]:
        """Positions, in order, of the blocks that may match any of ``matchers``.

        A line can only match a ``line``/``prefix`` phrase if its first word starts one, and
        a ``contains`` phrase if the document scan found that phrase's key in it. For
        ``contains`` lists only blocks of up to ``max_words`` words are candidates: blocks
        longer than :data:`SCAN_WORDS` are scanned one by one, so a detector that wants
        them asks for them (or filters them first and reads :meth:`keys` itself).
        """
        hits: list[int] = []
        for m in matchers:
            if m is None:
                continue
            if isinstance(m, PhraseSearch):
                table = self.key_table()
                if not m.keys.isdisjoint(table):  # most lists: no key in a text
                    hits += _lookup(table, m.keys)
                if max_words > SCAN_WORDS:
                    longer = self.short(max_words, SCAN_WORDS + 1)
                    hits.extend(i for i in longer if not m.keys.isdisjoint(self.keys(i)))
            elif m.gated:
                if not m.heads.isdisjoint(self._by_head):
                    hits += _lookup(self._by_head, m.heads)
            else:
                return list(range(len(self.blocks)))
        return sorted(set(hits)) if hits else hits

    def key_table(self) -> dict[str, list[int]]:
        """Scan key -> positions of the blocks of at most :data:`SCAN_WORDS` words holding
        it; the blocks no earlier pass scanned are scanned together, once."""
        if self._by_key is not None:
            return self._by_key
        memo = self._memo
        short = [i for i, b in enumerate(self.blocks) if b.words <= SCAN_WORDS]
        fresh = [i for i in short if (self.blocks[i].start, self.blocks[i].end) not in memo]
        if fresh:
            found = document_keys([self.blocks[i].text for i in fresh])
            for j, i in enumerate(fresh):
                b = self.blocks[i]
                memo[(b.start, b.end)] = found.get(j, NO_KEYS)
        table: dict[str, list[int]] = {}
        for i in short:
            b = self.blocks[i]
            for k in memo[(b.start, b.end)]:
                table.setdefault(k, []).append(i)
        self._by_key = table
        return table


def _lookup(table: dict[str, list[int]], wanted: frozenset[str]) -> list[int]:
    """Positions listed under the ``wanted`` entries of a per-document index (unsorted)."""
    out: list[int] = []
    for k in wanted.intersection(table):
        out.extend(table[k])
    return out
