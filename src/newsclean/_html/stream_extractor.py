"""The cheap path for pages too large a tree for the extractors (see :mod:`.guard`).

lxml's pull parser is fed the page in chunks; each paragraph-level block (``<p>``,
headings, list items, quotes, cells...) is read when it closes and then cleared, and so is
everything outside blocks, so memory holds one block and the lines kept, however many
elements the page has (a block with more than :data:`MAX_BLOCK_ELEMENTS` elements inside is
dropped as it grows). A block is kept when it is a heading or has at least
:data:`MIN_BLOCK_CHARS` characters, and when at most half its text is link text: a link
farm yields nothing, an article among it its paragraphs. Text directly inside ``<div>``\\ s
is not read, and there is no recall rescue: this path is for pages no real site serves.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..errors import ExtractionError
from .extraction import Extraction, LineHint
from .meta import normalize_language

__all__ = ["CHUNK_CHARS", "MIN_BLOCK_CHARS", "stream_extract"]

#: Characters fed to the parser at a time. The parser's events for a whole chunk wait in
#: its queue until they are read: at 1 MiB, a link farm's queue alone held ~35 bytes per
#: byte of page (an element proxy per event); 32 KiB bounds it to a megabyte or two.
CHUNK_CHARS = 1 << 15
#: A non-heading block shorter than this is not kept (menus, counters, farm items).
MIN_BLOCK_CHARS = 25
#: A block whose link text is more than this share of its text is not kept.
MAX_LINK_SHARE = 0.5
#: A block with more elements than this inside is not read (and its elements are dropped
#: as they end): no paragraph has thousands of links or spans; a link farm in one does.
MAX_BLOCK_ELEMENTS = 2_000
#: libxml2's push parser stops without an error past 2,048 levels of nesting: deeper pages
#: are refused, as :func:`~.parse.parse_html` refuses them, rather than cut silently.
MAX_DEPTH = 2_000
_KINDS = {
    **{f"h{i}": "h" for i in range(1, 7)},
    "p": "p",
    "li": "li",
    "dd": "p",
    "dt": "p",
    "blockquote": "quote",
    "pre": "code",
    "td": "table",
    "th": "table",
    "figcaption": "caption",
}
_SPACES = re.compile(r"\s+")
_SKIP = frozenset(("script", "style", "noscript", "template", "svg", "select", "button"))


@dataclass
class _Reader:
    """What the reader keeps between events: open blocks, kept lines, the page title."""

    #: Per open block (innermost last): how many elements ended inside it so far.
    open_blocks: list[int] = field(default_factory=list)
    depth: int = 0
    lines: list[str] = field(default_factory=list)
    hints: list[LineHint] = field(default_factory=list)
    title: str | None = None
    language: str | None = None

    def start(self, el: Any) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ExtractionError(
                f"the page nests elements deeper than {MAX_DEPTH} levels; refusing rather "
                "than returning a partial article"
            )
        if el.tag in _KINDS:
            self.open_blocks.append(0)
        elif el.tag == "html" and self.language is None:
            self.language = normalize_language(el.get("lang"))

    def end(self, el: Any) -> None:
        self.depth -= 1
        tag = el.tag
        if tag in _KINDS:
            if self.open_blocks.pop() <= MAX_BLOCK_ELEMENTS:
                self._block(el, _KINDS[tag])
            el.clear(keep_tail=True)  # an enclosing block must not read it again
        elif tag in _SKIP:
            el.text = None  # script text is not text, even inside a block
        elif tag == "title" and self.title is None:
            self.title = _text(el) or None
        if self.open_blocks:  # kept for the block's text, unless the block is a farm
            self.open_blocks[-1] += 1
            if self.open_blocks[-1] <= MAX_BLOCK_ELEMENTS:
                return
        elif tag in ("html", "body"):
            return
        el.clear(keep_tail=True)
        parent = el.getparent()
        while parent is not None and el.getprevious() is not None:
            del parent[0]  # done siblings; bounded by the siblings there are

    def _block(self, el: Any, kind: str) -> None:
        text = _text(el)
        if not text or (kind != "h" and len(text) < MIN_BLOCK_CHARS):
            return
        links = sum(len(_text(a)) for a in el.iter("a"))
        share = links / len(text)
        if share > MAX_LINK_SHARE:
            return
        self.lines.append(text)
        self.hints.append(LineHint(kind, share))


def _text(el: Any) -> str:
    """The element's text, whitespace collapsed: one string built in C, no list of pieces
    (a block of 10^5 links would cost more as a list than as its tree)."""
    from lxml import etree

    raw = etree.tostring(el, method="text", encoding=str, with_tail=False)
    return _SPACES.sub(" ", raw).strip()


def stream_extract(html: str, url: str | None) -> Extraction:
    """The kept blocks of ``html``, one per line, read in bounded memory (see the module)."""
    from lxml import etree

    parser = etree.HTMLPullParser(
        events=("start", "end"),
        encoding="utf-8",
        huge_tree=True,
        remove_comments=True,
        remove_pis=True,
    )
    reader = _Reader()
    for pos in range(0, len(html), CHUNK_CHARS):  # encoded a chunk at a time: no full copy
        parser.feed(html[pos : pos + CHUNK_CHARS].encode("utf-8", "surrogatepass"))
        _drain(parser, reader)
    parser.close()
    _drain(parser, reader)
    return Extraction(
        "\n".join(reader.lines),
        title=reader.title,
        language=reader.language,
        url=url,
        titles=(reader.title,) if reader.title else (),
        hints=tuple(reader.hints),
        extractor="stream",
    )


def _drain(parser: Any, reader: _Reader) -> None:
    for event, el in parser.read_events():
        if not isinstance(el.tag, str):
            continue
        if event == "start":
            reader.start(el)
        else:
            reader.end(el)
