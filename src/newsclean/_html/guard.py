"""A linear pre-check of a page's shape, before any parser sees it.

trafilatura costs about 1.5 KB of memory per element and several passes over the tree, and
libxml2 checks each attribute of an element against the others (quadratic in attributes):
a 63 MB link farm drove one process past 6 GB; one element with 10^5 attributes took 16 s
inside the parser, where no time limit can interrupt it. Real pages are far from that: on
the 181 AEB and 393 WCXB tune article pages, at most 3,991 start tags, 15,211 nodes (start
tags plus attribute tokens) and 345 tokens in one tag (a ``<`` inside a script, at that).
So:

- a tag with more than :data:`MAX_TAG_ATTRIBUTES` tokens outside quotes is refused
  (:class:`~newsclean.errors.InputTooLargeError`): no page has that many attributes;
- a page with more than :data:`MAX_ELEMENTS` start tags or :data:`MAX_NODES` nodes is read
  by the streaming reader (:mod:`.stream_extractor`), whose memory does not grow with the
  page. Below those, trafilatura's cost is bounded too (about 2 s and 60 MB at the limits,
  where it grows faster than the page: 3x per doubling of short paragraphs);
- so is a *dense* page: more than :data:`DENSE_MIN_TAGS` start tags and fewer than
  :data:`DENSE_CHARS_PER_TAG` characters per tag, or more than :data:`DENSE_MIN_NODES`
  nodes and fewer than :data:`DENSE_CHARS_PER_NODE` characters per node. trafilatura holds
  several KB per element of a farm (a 52 KB link farm of 4,563 tags: 41 MB, 790 times the
  page; 22 KB of 1,557 short paragraphs: 38 MB), which only a page made of little but tags
  reaches. Real pages with 500+ tags have at least 38.5 characters per tag, with 1,000+
  nodes at least 24.1 per node: the limits are about twice as dense as that.

The scan counts with ``str.count`` and one linear regex over the tags that have attributes
(a few thousand on a real page: milliseconds).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import InputTooLargeError

__all__ = [
    "DENSE_CHARS_PER_NODE",
    "DENSE_CHARS_PER_TAG",
    "DENSE_MIN_NODES",
    "DENSE_MIN_TAGS",
    "MAX_ELEMENTS",
    "MAX_NODES",
    "MAX_TAG_ATTRIBUTES",
    "PageShape",
    "page_shape",
]

#: Pages with more start tags than this go to the streaming reader (2.5x the real max).
MAX_ELEMENTS = 10_000
#: ...and so do pages with more nodes than this (2.6x the largest real page).
MAX_NODES = 40_000
#: A tag with more tokens than this (outside quoted values) is refused (2.9x the real max).
MAX_TAG_ATTRIBUTES = 1_000
#: A page with more start tags than this is streamed when it is dense in tags...
DENSE_MIN_TAGS = 500
#: ...that is, has fewer characters per start tag than this (real pages: 38.5 or more).
DENSE_CHARS_PER_TAG = 20
#: A page with more nodes than this is streamed when it is dense in nodes...
DENSE_MIN_NODES = 1_000
#: ...that is, has fewer characters per node than this (real pages: 24.1 or more).
DENSE_CHARS_PER_NODE = 10

# A start tag (or anything like one) with something after its name: it stops at the next
# "<" or ">", so every character is read once by the successful matches. Bare tags
# (``<div>``, ``<a>``) do not match: a tree of them is counted by str.count alone.
_TAG_WITH_ATTRIBUTES = re.compile(r"<[A-Za-z][^<>\s]*\s[^<>]*")
# A quoted attribute value. Within one tag a quote that is never closed fails once, at
# the end of the tag; every other quote is consumed by a match: linear.
_QUOTED = re.compile("\"[^\"]*\"|'[^']*'")


@dataclass(frozen=True)
class PageShape:
    """What the pre-check counted: start tags, attribute tokens, the most tokens in one tag."""

    chars: int
    tags: int
    attribute_tokens: int
    max_tag_tokens: int

    @property
    def nodes(self) -> int:
        """The size of the tree a parser would build, roughly: elements and attributes."""
        return self.tags + self.attribute_tokens

    @property
    def streamed(self) -> bool:
        """Whether the page is too large a tree for the extractors (see the module)."""
        if self.tags > MAX_ELEMENTS or self.nodes > MAX_NODES:
            return True
        dense_tags = self.tags > DENSE_MIN_TAGS and self.chars < DENSE_CHARS_PER_TAG * self.tags
        return dense_tags or (
            self.nodes > DENSE_MIN_NODES and self.chars < DENSE_CHARS_PER_NODE * self.nodes
        )


def page_shape(html: str) -> PageShape:
    """Count the page's nodes; refuse a tag with more than :data:`MAX_TAG_ATTRIBUTES`."""
    tags = html.count("<") - html.count("</")
    total = most = 0
    for m in _TAG_WITH_ATTRIBUTES.finditer(html):
        tag = m.group(0)
        if '"' in tag or "'" in tag:
            tag = _QUOTED.sub("", tag)
        n = len(tag.split()) - 1  # the tag name is not an attribute
        total += n
        if n > most:
            most = n
            if most > MAX_TAG_ATTRIBUTES:
                raise InputTooLargeError(
                    f"the page has a tag with {most} attributes at character "
                    f"{m.start()}; at most {MAX_TAG_ATTRIBUTES} are accepted (the HTML parser "
                    f"is quadratic in attributes per element)"
                )
    return PageShape(len(html), tags, total, most)
