"""Plain text to blocks: every non-blank line is a block, offsets into the input kept."""

from __future__ import annotations

import re

from .document import Block, Document, line_block
from .phrases import ASCII_WORD, head_of
from .shape import (
    ASCII_NON_WORD_TO_SPACE,
    EXACT_COUNT_SPACES,
    SENTENCE_END,
    line_ending,
    word_count,
)

__all__ = ["LINE_BREAKS", "STRIP_CHARS", "segment", "to_document"]

# Line breaks we honour: \r\n, lone \r, \n, vertical tab, form feed, NEL (U+0085) and the
# Unicode line/paragraph separators: every break str.splitlines() knows but the file and
# group separators (\x1c-\x1e), which no text converter writes between lines.
_BREAKS = "\r\n\x0b\x0c\x85\u2028\u2029"
_LINE_RE = re.compile(f"[^{_BREAKS}]*(?:\r\n|[{_BREAKS}]|$)")
_OTHER_BREAK = re.compile(f"[{_BREAKS.replace(chr(10), '')}]")
#: Every character that ends a line here ("\r\n" is one break).
LINE_BREAKS = _BREAKS
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
    if _OTHER_BREAK.search(text) is not None:
        return _segment_any(text)
    # Only "\n" breaks lines: str.split does the scanning in C. The features every detector
    # reads (word count, gate word, how the line ends) are set here, with the shortcuts that
    # hold for most lines inlined; the general definitions in shape/phrases take the rest
    # (tests/property/test_fast_paths.py checks that the two agree).
    blocks: list[Block] = []
    append = blocks.append
    gap = False
    pos = 0
    index = 0
    for line_no, line in enumerate(text.split("\n")):
        body = line.strip(_STRIP)
        if not body:
            gap = True
            pos += len(line) + 1
            continue
        # A line that does not open with whitespace starts its block.
        s = pos if line[0] == body[0] else pos + len(line) - len(line.lstrip(_STRIP))
        pos += len(line) + 1
        if body.isascii():
            spaces = body.count(" ")
            if spaces >= EXACT_COUNT_SPACES:
                words = spaces + 1
            else:
                words = len(body.encode("ascii").translate(ASCII_NON_WORD_TO_SPACE).split())
            # In ASCII text a leading run of letters is the whole first word.
            m = ASCII_WORD.match(body)
            head = m.group(0).lower() if m is not None else head_of(body)
        else:
            words = word_count(body)
            head = head_of(body)
        last = body[-1]
        if last in SENTENCE_END:  # neither whitespace nor a closer: nothing to strip
            ends = True
            truncated = last == "\u2026" or (
                last == "." and body.endswith("...") and not body.endswith("....")
            )
        elif last.isalnum():
            ends = truncated = False
        else:
            ends, truncated = line_ending(body)
        append(
            line_block(
                index,
                line_no,
                s,
                s + len(body),
                body,
                gap and index > 0,
                words,
                head,
                ends,
                truncated,
            )
        )
        index += 1
        gap = False
    return tuple(blocks)


def _segment_any(text: str) -> tuple[Block, ...]:
    """:func:`segment` for text with line breaks other than \\n."""
    blocks: list[Block] = []
    gap = False
    line_no = 0
    pos = 0
    n = len(text)
    while pos < n:
        m = _LINE_RE.match(text, pos)
        assert m is not None  # the pattern matches the empty string
        end_with_break = m.end()
        content = m.group(0).rstrip(_BREAKS)
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
