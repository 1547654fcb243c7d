"""Plain text to blocks: every non-blank line is a block, offsets into the input kept."""

from __future__ import annotations

import re

from .document import Block, Document, line_block
from .shape import word_count

__all__ = ["STRIP_CHARS", "segment", "to_document"]

# Line breaks we honour: \r\n, lone \r, \n, and the Unicode line/paragraph separators.
_LINE_RE = re.compile(r"[^\r\n\u2028\u2029]*(?:\r\n|[\r\n\u2028\u2029]|$)")
#: What counts as a line's surrounding whitespace, here and wherever kept text is trimmed.
STRIP_CHARS = (
    " \t\f\v\u00a0\u200b\ufeff\u3000\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
    "\u2007\u2008\u2009\u200a\u202f\u205f\x00"
)
_STRIP = STRIP_CHARS


def segment(text: str) -> tuple[Block, ...]:
    """Split ``text`` into line blocks with exact offsets; blank lines only set ``gap_before``.

    Leading and trailing whitespace of a line is not part of its block, so the kept text is
    the line verbatim minus its indentation.
    """
    if "\r" in text or "\u2028" in text or "\u2029" in text:
        return _segment_any(text)
    # Only "\n" breaks lines: str.split does the scanning in C. Word counts are taken here,
    # in the same loop.
    blocks: list[Block] = []
    gap = False
    pos = 0
    for line_no, line in enumerate(text.split("\n")):
        body = line.lstrip(_STRIP)
        if body:
            s = pos + len(line) - len(body)
            body = body.rstrip(_STRIP)
            words = word_count(body)  # looks for unspaced scripts in non-ASCII lines only
            blocks.append(
                line_block(
                    len(blocks), line_no, s, s + len(body), body, gap and bool(blocks), words
                )
            )
            gap = False
        else:
            gap = True
        pos += len(line) + 1
    return tuple(blocks)


def _segment_any(text: str) -> tuple[Block, ...]:
    """:func:`segment` for text with \\r, \\r\\n or Unicode line separators."""
    blocks: list[Block] = []
    gap = False
    line_no = 0
    pos = 0
    n = len(text)
    while pos < n:
        m = _LINE_RE.match(text, pos)
        assert m is not None  # the pattern matches the empty string
        end_with_break = m.end()
        content = m.group(0).rstrip("\r\n\u2028\u2029")
        c_end = pos + len(content)
        lead = len(content) - len(content.lstrip(_STRIP))
        s = pos + lead
        e = c_end - (len(content) - len(content.rstrip(_STRIP))) if content.strip(_STRIP) else s
        if e > s:
            blocks.append(
                Block(len(blocks), line_no, s, e, text[s:e], gap_before=gap and bool(blocks))
            )
            gap = False
        else:
            gap = True
        line_no += 1
        if end_with_break == pos:  # empty match at end of text
            break
        pos = end_with_break
    return tuple(blocks)


def to_document(text: str, title_hint: str | None = None) -> Document:
    return Document(text, segment(text), title_hint)
