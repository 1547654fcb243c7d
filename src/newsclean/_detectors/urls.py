"""Lines with nothing to read: bare URLs, e-mail addresses, handles, lone symbols."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .._detector import Detector
from .._document import SCAN_WORDS, Document
from .._registry import register
from .._removal import Removal
from .._scan import LINK_KEYS, LINK_TLDS
from ._zones import in_edge_zone

__all__ = ["SymbolLineDetector", "UrlLineDetector"]

_TLDS = "(?:" + "|".join(LINK_TLDS) + ")"
_LINKISH = re.compile(
    r"(?:https?://|www\.)\S+"  # URL
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # e-mail
    rf"|(?:[\w-]+\.)+{_TLDS}(?:/\S*)?"  # bare domain
)
_BARE_HOST = re.compile(r"www\.[\w-]+(?:\.[\w-]+)+/?")
_CONNECTORS = re.compile(r"(?i)(?:and|or|at|on|&|\||,|;|/|·|•|-|–|—)")
_LABEL = re.compile(r"^[^\W\d_][\w' ]{0,30}:\s+")
_ALNUM = re.compile(r"[^\W_]")
# An unrendered CMS shortcode wrapping a button or embed: "[button link=...]Send us X[/button]".
_SHORTCODE = re.compile(r"^\[([A-Za-z_][\w-]{0,30})(\s[^\]]{0,500})?\]([^\[]{0,300})\[/\1\]$")
#: A shortcode wraps a button label or a caption, not a paragraph.
_SHORTCODE_MAX_WORDS = 12
#: BBCode formatting tags: what they wrap ("[quote]...[/quote]", "[b]...[/b]") is article
#: text, unless the tag carries attributes (a CMS widget).
_FORMATTING_TAG_NAMES = (
    "b i u s em strong quote q url img code size color font center left right list li spoiler "
    "sup sub p h1 h2 h3 h4 h5 h6 table tr td"
)
_FORMATTING_TAGS = frozenset(_FORMATTING_TAG_NAMES.split())
_SECTION_BREAK = re.compile(r"^[\s*\-_=~•·#⁂◆◇■□●○]{3,}$")


@register
@dataclass(frozen=True)
class UrlLineDetector(Detector):
    name = "url_line"
    summary = "Stray lines made only of URLs or e-mail addresses (with at most a short label)."

    max_label_words: int = 3
    #: Link lists inside the body (shopping lists, references) are content: only lines near
    #: the head or tail of the text go.
    head_share: float = 0.1
    tail_share: float = 0.15
    #: A text with more link lines than this is a link list (content), not stray links.
    max_link_lines: int = 5
    confidence: float = 0.85

    def detect(self, doc: Document) -> Iterable[Removal]:
        # Every link holds a link key (":// ", "www.", "@", ".com"...): the scan found them.
        blocks = doc.blocks
        # Lines of up to 12 tokens can still count many words (long URLs): those beyond the
        # document scan are looked at one by one.
        longer = [
            i
            for i in doc.short(_NO_LIMIT, SCAN_WORDS + 1)
            if blocks[i].text.count(" ") <= _MAX_LINK_LINE_SPACES
            and not LINK_KEYS.isdisjoint(doc.keys(i))
        ]
        hits = [
            i for i in sorted(doc.with_keys(LINK_KEYS) + longer) if self._linkish(blocks[i].text)
        ]
        if len(hits) > self.max_link_lines:
            return
        for i in hits:
            if in_edge_zone(doc, i, self.head_share, self.tail_share):
                yield self.remove(doc.blocks[i], "url.bare", self.confidence)

    def _linkish(self, t: str) -> bool:
        if t.count(" ") > _MAX_LINK_LINE_SPACES:
            return False
        m = _LABEL.match(t)
        if m and len(m.group(0).split()) <= self.max_label_words:
            t = t[m.end() :]
        tokens = t.split()
        if not tokens or len(tokens) > 12:
            return False
        # A site's address written out for the reader ("Tickets: www.example.com"), with no
        # scheme and no path, is contact information, not a scraped link.
        if len(tokens) == 1 and _BARE_HOST.fullmatch(tokens[0].strip(_TOKEN_EDGE)):
            return False
        links = [bool(_LINKISH.fullmatch(tok.strip(_TOKEN_EDGE))) for tok in tokens]
        return any(links) and all(
            is_link or _CONNECTORS.fullmatch(tok)
            for tok, is_link in zip(tokens, links, strict=False)
        )


_NO_LIMIT = 1 << 30
#: A line of links has at most this many spaces (12 tokens, see ``_linkish``).
_MAX_LINK_LINE_SPACES = 11
_TOKEN_EDGE = "()[]<>.,;:\"'"


@register
@dataclass(frozen=True)
class SymbolLineDetector(Detector):
    name = "symbol_line"
    local = True
    summary = (
        "Lines with no letters or digits ('|', '»'), except section breaks ('* * *'); "
        "unrendered shortcodes ('[button ...]Send us X[/button]')."
    )

    confidence: float = 0.95

    def detect(self, doc: Document) -> Iterable[Removal]:
        # "___" closing a wire story is kept: it is the agency's own end mark, and the
        # benchmark's gold bodies keep it too.
        for b in doc.blocks:
            m = _SHORTCODE.match(b.text) if b.text[:1] == "[" else None
            if (
                m is not None
                and (m.group(2) or m.group(1).lower() not in _FORMATTING_TAGS)
                and len(m.group(3).split()) <= _SHORTCODE_MAX_WORDS
            ):
                yield self.remove(b, "symbols.shortcode", self.confidence)
            elif (
                # A gate word made of letters means the line has some.
                not b.head[:1].isalpha()
                and not _ALNUM.search(b.text)
                and not _SECTION_BREAK.match(b.text)
            ):
                yield self.remove(b, "symbols.only", self.confidence)
