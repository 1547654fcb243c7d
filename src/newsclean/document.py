"""Blocks and documents: immutable views of the input that keep character offsets.

A :class:`Block` is one non-blank line of the input (or one element of an HTML extraction)
with its span ``[start, end)`` into :attr:`Document.source`. Detectors only ever read these
objects; removals are spans of the same source, so every decision can be replayed.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from itertools import accumulate
from typing import Any, Generic, TypeVar, overload

from .phrases import PhraseMatch, PhraseSearch, head_of
from .scan import NO_KEYS, block_keys, document_keys
from .shape import (
    WORD_RE,
    ends_sentence,
    is_all_caps,
    is_truncated,
    normalize,
    word_count,
)

__all__ = ["BULLETS", "SCAN_WORDS", "Block", "Document", "filled", "line_block"]

T = TypeVar("T")


class cached_property(Generic[T]):
    """A lock-free cached property: computed once, then read from the instance ``__dict__``.

    ``functools.cached_property`` takes a lock on every first access in Python 3.11, which
    costs more than most of the features it caches here.
    """

    def __init__(self, func: Callable[[Any], T]) -> None:
        self.func = func
        self.name = func.__name__
        self.__doc__ = func.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, obj: None, owner: type | None = None) -> cached_property[T]: ...
    @overload
    def __get__(self, obj: object, owner: type | None = None) -> T: ...
    def __get__(self, obj: object | None, owner: type | None = None) -> Any:
        if obj is None:
            return self
        value = self.func(obj)
        obj.__dict__[self.name] = value
        return value


@dataclass(frozen=True)
class Block:
    """One line (or HTML element) of the document, verbatim, with its offsets.

    ``gap_before`` is True when a blank line (or a removed block) separates this block from
    the previous one, so paragraph breaks survive cleaning.
    """

    index: int
    line: int
    start: int
    end: int
    text: str
    gap_before: bool = False
    kind: str = "line"
    link_density: float = 0.0
    dom_path: str = ""

    @cached_property
    def norm(self) -> str:
        """The normalised form phrase packs match against (see :func:`shape.normalize`)."""
        return normalize(self.text)

    @cached_property
    def head(self) -> str:
        """The casefolded first word of :attr:`norm` (read from the raw text, which is
        cheaper): the gate for phrase matching."""
        return head_of(self.text)

    @cached_property
    def tokens(self) -> tuple[str, ...]:
        """The casefolded ``\\w+`` tokens of the line (computed once, shared by detectors)."""
        return tuple(WORD_RE.findall(self.text.casefold()))

    @cached_property
    def keys(self) -> frozenset[str]:
        """The phrase scan keys the line holds (see :mod:`newsclean.scan`). A document sets
        them for all its blocks with one scan; this scans a lone block."""
        return block_keys(self.text)

    @cached_property
    def folded(self) -> str:
        """The text casefolded with its whitespace collapsed: how repeats are compared."""
        return " ".join(self.text.casefold().split())

    @cached_property
    def words(self) -> int:
        """Word count: whitespace-separated tokens, unspaced CJK text counted by characters."""
        return word_count(self.text)

    @cached_property
    def ends_sentence(self) -> bool:
        return ends_sentence(self.text)

    @cached_property
    def truncated(self) -> bool:
        return is_truncated(self.text)

    @cached_property
    def all_caps(self) -> bool:
        return is_all_caps(self.text)

    @property
    def is_list_item(self) -> bool:
        """Starts with a list bullet ("- ", "* ", "• ") or came from an HTML <li>."""
        return self.kind == "li" or self.text[:2] in BULLETS


#: How a plain-text list item starts.
BULLETS = frozenset(("- ", "* ", "• ", "· "))

#: Blocks of up to this many words get their phrase keys from one scan of the document (no
#: shipped ``contains`` rule looks at longer lines); longer blocks are scanned one by one,
#: only when a detector configured to reach them asks.
SCAN_WORDS = 80

_new_object = object.__new__


def filled(cls: type[T], fields: dict[str, Any]) -> T:
    """An instance of the frozen dataclass ``cls`` holding ``fields`` (those left out keep
    their class defaults): equal to the one its constructor builds.

    A frozen dataclass's ``__init__`` pays one ``object.__setattr__`` per field; filling the
    instance dictionary at once is several times cheaper, and the hot paths (a block per
    line, a removal per decision) build many.
    """
    obj = _new_object(cls)
    obj.__dict__.update(fields)
    return obj


def line_block(
    index: int,
    line: int,
    start: int,
    end: int,
    text: str,
    gap_before: bool,
    words: int,
    head: str,
    ends_sentence: bool,
    truncated: bool,
) -> Block:
    """The segmenter's :class:`Block` constructor, with the features every detector reads
    (word count, gate word, how the line ends) already known: it sets them with the fields,
    so no lazily computed feature pays its descriptor call (see :func:`filled`)."""
    return filled(
        Block,
        {
            "index": index,
            "line": line,
            "start": start,
            "end": end,
            "text": text,
            "gap_before": gap_before,
            "words": words,
            "head": head,
            "ends_sentence": ends_sentence,
            "truncated": truncated,
        },
    )


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
        )

    @cached_property
    def _layout(self) -> tuple[list[int], dict[str, list[int]], tuple[int, ...]]:
        """Per position the block's word count, the gate-word index, and the positions of
        prose blocks: what most detectors read, gathered in one loop over the blocks."""
        words: list[int] = []
        by_head: dict[str, list[int]] = {}
        prose: list[int] = []
        for i, b in enumerate(self.blocks):
            n = b.words
            words.append(n)
            at = by_head.get(b.head)
            if at is None:
                by_head[b.head] = [i]
            else:
                at.append(i)
            if n >= PROSE_MIN_WORDS and b.ends_sentence and not b.truncated:  # is_prose(b)
                prose.append(i)
        return words, by_head, tuple(prose)

    @cached_property
    def total_words(self) -> int:
        return sum(self._layout[0])

    @cached_property
    def starts(self) -> list[int]:
        """The blocks' start offsets, in order (blocks never overlap): a bisect finds the
        block a span starts in."""
        return [b.start for b in self.blocks]

    @cached_property
    def blocks_with_words(self) -> int:
        """How many blocks hold at least one word."""
        counts = self._by_words[0]
        return len(counts) - bisect_right(counts, 0)

    @cached_property
    def prose_indices(self) -> tuple[int, ...]:
        """Positions of blocks that read as article prose: long and sentence-ended."""
        return self._layout[2]

    def gate(
        self, *matchers: PhraseMatch | PhraseSearch | None, max_words: int = SCAN_WORDS
    ) -> list[int]:
        """Positions, in order, of the blocks that may match any of ``matchers``.

        A line can only match a ``line``/``prefix`` phrase if its first word starts one, and
        a ``contains`` phrase if the document scan found that phrase's key in it; both are
        looked up per document, so detectors run patterns on candidates, not on every line.
        For ``contains`` lists only blocks of up to ``max_words`` words are candidates:
        blocks longer than :data:`SCAN_WORDS` are scanned one by one, so a detector that
        wants them asks for them (or filters them first, by position, and reads
        :attr:`Block.keys` itself).
        """
        hits: list[int] = []
        for m in matchers:
            if m is None:
                continue
            if isinstance(m, PhraseSearch):
                if not m.keys.isdisjoint(self._by_key):  # most lists: no key in a text
                    hits += _lookup(self._by_key, m.keys)
                if max_words > SCAN_WORDS:
                    blocks = self.blocks
                    hits.extend(
                        i
                        for i in self.short(max_words, SCAN_WORDS + 1)
                        if not m.keys.isdisjoint(blocks[i].keys)
                    )
            elif m.gated:
                if not m.heads.isdisjoint(self._by_head):
                    hits += _lookup(self._by_head, m.heads)
            else:
                return list(range(len(self.blocks)))
        return sorted(set(hits)) if hits else hits

    def with_keys(self, keys: frozenset[str]) -> list[int]:
        """Positions, in order, of blocks of at most :data:`SCAN_WORDS` words where the
        document scan found one of ``keys``."""
        return sorted(set(_lookup(self._by_key, keys)))

    def starting_with(self, heads: Iterable[str]) -> list[int]:
        """Positions, in order, of blocks whose gate word (:attr:`Block.head`) is in ``heads``."""
        return sorted(_lookup(self._by_head, frozenset(heads)))

    @cached_property
    def _by_head(self) -> dict[str, list[int]]:
        return self._layout[1]

    @cached_property
    def _by_key(self) -> dict[str, list[int]]:
        """Scan key -> positions of the blocks of at most :data:`SCAN_WORDS` words holding it."""
        blocks = self.blocks
        acc: dict[str, list[int]] = {}
        fresh: list[int] = []  # blocks no scan has read yet
        for i, b in enumerate(blocks):
            if b.words <= SCAN_WORDS:
                keys = b.__dict__.get("keys")
                if keys is None:
                    fresh.append(i)
                elif keys:
                    for k in keys:
                        acc.setdefault(k, []).append(i)
        if fresh:
            # One scan for all of them; blocks keep their keys for the later passes.
            found = document_keys([blocks[i].text for i in fresh])
            for i in fresh:
                blocks[i].__dict__["keys"] = NO_KEYS
            for j, keys in found.items():
                i = fresh[j]
                blocks[i].__dict__["keys"] = keys
                for k in keys:
                    acc.setdefault(k, []).append(i)
        return acc

    def short(self, max_words: int, min_words: int = 0) -> list[int]:
        """Positions, in order, of blocks with ``min_words`` to ``max_words`` words.

        Most detectors judge short lines only; one sort per document answers each of them
        without a loop over every block.
        """
        counts, order = self._by_words
        lo, hi = bisect_left(counts, min_words), bisect_right(counts, max_words)
        if lo == 0 and hi == len(order):
            return list(range(hi))  # every block qualifies: no sort
        return sorted(order[lo:hi])

    @cached_property
    def _by_words(self) -> tuple[list[int], list[int]]:
        words = self._layout[0]
        order = sorted(range(len(words)), key=words.__getitem__)
        return [words[i] for i in order], order

    def words_after(self, i: int) -> int:
        """Words in blocks strictly after position ``i``."""
        return self._suffix_words[i + 1] if i + 1 < len(self._suffix_words) else 0

    def words_before(self, i: int) -> int:
        return self.total_words - self._suffix_words[i]

    @cached_property
    def _suffix_words(self) -> tuple[int, ...]:
        """Per position, the words from that block to the end (and a final 0)."""
        acc = list(accumulate(reversed(self._layout[0]), initial=0))
        acc.reverse()
        return tuple(acc)


def _lookup(table: dict[str, list[int]], wanted: frozenset[str]) -> list[int]:
    """Positions listed under the ``wanted`` entries of a per-document index (unsorted)."""
    out: list[int] = []
    for k in wanted.intersection(table):
        out.extend(table[k])
    return out


#: A block with at least this many words that ends like a sentence counts as prose.
PROSE_MIN_WORDS = 12


def is_prose(b: Block) -> bool:
    """Article-like text: a real sentence of some length, not a label or teaser."""
    return b.words >= PROSE_MIN_WORDS and b.ends_sentence and not b.truncated
