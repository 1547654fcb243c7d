"""Documents: the source text and the blocks still in play, with their look-ups.

A :class:`Document` is what detectors read. Its blocks are spans of :attr:`Document.source`;
removals are spans of the same source, so every decision can be replayed. The per-document
look-ups (by word count, gate word, scan key) live in one :class:`~newsclean._index.BlockIndex`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from ._block import BULLETS, PROSE_MIN_WORDS, Block, is_prose
from ._index import SCAN_WORDS, BlockIndex
from ._phrases import PhraseMatch, PhraseSearch

__all__ = ["BULLETS", "PROSE_MIN_WORDS", "SCAN_WORDS", "Block", "Document", "is_prose"]


@dataclass(frozen=True)
class Document:
    """The source text and the blocks still in play.

    ``title_hint`` is a known headline (HTML metadata, or the caller); ``lifted_title`` is the
    headline an earlier pass lifted from the text itself;
    ``meta`` holds what the front-end knew (url, language, site name...).
    """

    source: str
    blocks: tuple[Block, ...]
    title_hint: str | None = None
    meta: Mapping[str, str] = field(default_factory=dict)
    #: In a later pass of the pipeline, the spans of the blocks no detector has judged yet
    #: (blocks a cut trimmed); None in the first pass, where every block is new.
    new_spans: frozenset[tuple[int, int]] | None = None
    lifted_title: str | None = None
    #: The index of the pass before (see :class:`~newsclean._index.BlockIndex`).
    previous: BlockIndex | None = field(default=None, compare=False, repr=False)

    def __len__(self) -> int:
        return len(self.blocks)

    def replace_blocks(
        self,
        blocks: tuple[Block, ...],
        lifted_title: str | None = None,
        new_spans: frozenset[tuple[int, int]] | None = None,
    ) -> Document:
        """The same document with fewer blocks (a later pass of the pipeline)."""
        return Document(
            self.source,
            blocks,
            self.title_hint,
            self.meta,
            self.new_spans if new_spans is None else new_spans,
            lifted_title if lifted_title is not None else self.lifted_title,
            self.index,
        )

    @cached_property
    def index(self) -> BlockIndex:
        """The look-up tables over :attr:`blocks`, built on first use."""
        return BlockIndex(self.blocks, self.previous)

    # The look-ups detectors use most, by their short names (see BlockIndex).
    @property
    def total_words(self) -> int:
        return self.index.total_words

    @property
    def starts(self) -> Sequence[int]:
        """The blocks' start offsets, in order: a bisect finds the block a span starts in."""
        return self.index.starts

    @property
    def blocks_with_words(self) -> int:
        return self.index.blocks_with_words

    @property
    def prose_indices(self) -> tuple[int, ...]:
        """Positions of blocks that read as article prose: long and sentence-ended."""
        return self.index.prose_indices

    def gate(
        self, *matchers: PhraseMatch | PhraseSearch | None, max_words: int = SCAN_WORDS
    ) -> list[int]:
        """Positions of the blocks that may match any of ``matchers`` (:meth:`BlockIndex.gate`)."""
        return self.index.gate(*matchers, max_words=max_words)

    def keys(self, i: int) -> frozenset[str]:
        """The phrase scan keys block ``i`` holds."""
        return self.index.keys(i)

    def with_keys(self, keys: frozenset[str]) -> list[int]:
        return self.index.with_keys(keys)

    def starting_with(self, heads: Iterable[str]) -> list[int]:
        return self.index.starting_with(heads)

    def short(self, max_words: int, min_words: int = 0) -> list[int]:
        """Positions, in order, of blocks with ``min_words`` to ``max_words`` words."""
        return self.index.short(max_words, min_words)

    def words_after(self, i: int) -> int:
        return self.index.words_after(i)

    def words_before(self, i: int) -> int:
        return self.index.words_before(i)
