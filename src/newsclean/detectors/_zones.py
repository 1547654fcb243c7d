"""Where a block sits: near the head or tail of the text, measured in words, not blocks."""

from __future__ import annotations

from ..document import Document

__all__ = ["in_edge_zone", "in_head_zone", "in_tail_zone"]


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
