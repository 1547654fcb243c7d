"""Where a block sits: near the head or tail of the text, measured in words, not blocks."""

from __future__ import annotations

from .._document import PROSE_MIN_WORDS, Document

__all__ = [
    "in_edge_zone",
    "in_head_zone",
    "in_tail_zone",
    "prose_words_before",
    "prose_words_from",
]


def in_tail_zone(doc: Document, i: int, share: float) -> bool:
    """At most ``share`` of the document's words come after block ``i``."""
    total = doc.total_words or 1
    return doc.words_after(i) <= share * total


def in_head_zone(doc: Document, i: int, share: float) -> bool:
    """At most ``share`` of the document's words come before block ``i``."""
    total = doc.total_words or 1
    return doc.words_before(i) <= share * total


def in_edge_zone(doc: Document, i: int, head_share: float, tail_share: float) -> bool:
    return in_head_zone(doc, i, head_share) or in_tail_zone(doc, i, tail_share)


def prose_words_from(doc: Document, start: int) -> int:
    """Words in long lines (prose length, sentence end or not: hard-wrapped text ends its
    lines mid-sentence) from block ``start`` on: the article a head run sits above.

    A run of short lines (a menu, a strip of teasers) is cut only above an article larger
    than itself; where the short lines outweigh the prose, they are the page (a listing, a
    catalogue) and the prose is its footnote.
    """
    return sum(b.words for b in doc.blocks[start:] if b.words >= PROSE_MIN_WORDS)


def prose_words_before(doc: Document, i: int) -> int:
    """Words in long lines above block ``i``: the article a tail section sits under."""
    return sum(b.words for b in doc.blocks[:i] if b.words >= PROSE_MIN_WORDS)
