"""Per-document look-ups over the blocks: by word count, by gate word, by scan key.

Most detectors judge a few candidate lines (short ones, ones opening with a phrase's first
word, ones holding a phrase's scan key). A :class:`BlockIndex` answers those questions from
tables built once per document, so a detector runs its patterns on candidates only.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from itertools import accumulate

from ._block import Block, is_prose
from ._phrases import PhraseMatch, PhraseSearch
from ._scan import NO_KEYS, block_keys, document_keys

__all__ = ["SCAN_WORDS", "BlockIndex"]

#: Blocks of up to this many words get their phrase keys from one scan of the document (no
#: shipped ``contains`` rule looks at longer lines); longer blocks are scanned one by one,
#: only when a detector configured to reach them asks.
SCAN_WORDS = 80

#: Word sums are stored as machine integers: a text of one-word lines has as many of them
#: as words, and a Python int each would cost more than the word.
_SUMS = "q"


class BlockIndex:
    """Look-up tables over one document's blocks (positions are indices into ``blocks``).

    ``previous`` is the index of the pass before, on a superset of these blocks: the scan
    keys of the blocks both hold are taken from it, so a later pass scans only new blocks.
    """

    def __init__(self, blocks: Sequence[Block], previous: BlockIndex | None = None) -> None:
        self.blocks = blocks
        self._previous = previous
        self._keys_at: list[frozenset[str] | None] | None = None  # per position, once known
        self._by_key: dict[str, list[int]] | None = None  # built on the first key look-up
        # One loop over the blocks: gate words, prose.
        by_head: dict[str, list[int]] = {}
        prose: list[int] = []
        for i, b in enumerate(blocks):
            at = by_head.get(b.head)
            if at is None:
                by_head[b.head] = [i]
            else:
                at.append(i)
            if is_prose(b):
                prose.append(i)
        self._by_head = by_head
        #: Positions of blocks that read as article prose (:func:`~newsclean._block.is_prose`).
        self.prose_indices = tuple(prose)
        # Lists of ints held elsewhere already (word counts, offsets, the positions in
        # by_head) cost a pointer each; only new ints (word sums) go into an array.
        words = [b.words for b in blocks]
        self.total_words = sum(words)
        #: The blocks' start offsets, in order (blocks never overlap): a bisect finds the
        #: block a span starts in.
        self.starts = [b.start for b in blocks]
        # Positions by word count (a stable sort: in order within a count).
        self._order = sorted(range(len(words)), key=words.__getitem__)
        self._sorted_words = [words[i] for i in self._order]
        #: How many blocks hold at least one word.
        self.blocks_with_words = len(words) - bisect_right(self._sorted_words, 0)
        # Per position, the words from there to the end (and a final 0).
        self._suffix_words = array(_SUMS, accumulate(reversed(words), initial=0))
        self._suffix_words.reverse()

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
        """The phrase scan keys block ``i`` holds (see :mod:`newsclean._scan`)."""
        known = self._known_keys()
        found = known[i]
        if found is None:
            found = known[i] = block_keys(self.blocks[i].text)
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
        known = self._known_keys()
        blocks = self.blocks
        fresh = [i for i, b in enumerate(blocks) if b.words <= SCAN_WORDS and known[i] is None]
        if fresh:
            found = document_keys([blocks[i].text for i in fresh])
            for j, i in enumerate(fresh):
                known[i] = found.get(j, NO_KEYS)
        table: dict[str, list[int]] = {}
        for i, b in enumerate(blocks):
            if b.words > SCAN_WORDS:
                continue
            for k in known[i] or NO_KEYS:
                at = table.get(k)
                if at is None:
                    table[k] = [i]
                else:
                    at.append(i)
        self._by_key = table
        return table

    def _known_keys(self) -> list[frozenset[str] | None]:
        """Per position the scan keys found so far: those of the previous pass's index for
        the blocks it holds too (the same objects, in the same order), None elsewhere."""
        if self._keys_at is not None:
            return self._keys_at
        known: list[frozenset[str] | None] = [None] * len(self.blocks)
        prev = self._previous
        if prev is not None and prev._keys_at is not None:
            old, old_keys = prev.blocks, prev._keys_at
            j = 0
            for i, b in enumerate(self.blocks):
                while j < len(old) and old[j].start < b.start:
                    j += 1
                if j < len(old) and old[j] is b:
                    known[i] = old_keys[j]
        self._previous = None  # what it knew is copied: let it go
        self._keys_at = known
        return known


def _lookup(table: dict[str, list[int]], wanted: frozenset[str]) -> list[int]:
    """Positions listed under the ``wanted`` entries of a per-document index (unsorted)."""
    out: list[int] = []
    for k in wanted.intersection(table):
        out.extend(table[k])
    return out
