"""Plain text to blocks: every non-blank line is a block, offsets into the input kept."""

from __future__ import annotations

import re

from ._block import Block
from ._shape import has_unspaced_script, non_ascii

__all__ = ["LINE_BREAKS", "STRIP_CHARS", "has_other_breaks", "segment"]

# Line breaks we honour: \r\n, lone \r, \n, vertical tab, form feed, NEL (U+0085) and the
# Unicode line/paragraph separators: every break str.splitlines() knows but the file and
# group separators (\x1c-\x1e), which no text converter writes between lines.
_BREAKS = "\r\n\x0b\x0c\x85\u2028\u2029"
_LINE_RE = re.compile(f"[^{_BREAKS}]*(?:\r\n|[{_BREAKS}]|$)")
_OTHER_BREAKS = _BREAKS.replace("\n", "")
#: Every character that ends a line here ("\r\n" is one break).
LINE_BREAKS = _BREAKS
#: What counts as a line's surrounding whitespace, here and wherever kept text is trimmed.
STRIP_CHARS = (
    " \t\f\v\u00a0\u200b\ufeff\u3000\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
    "\u2007\u2008\u2009\u200a\u202f\u205f\x00"
)


def has_other_breaks(text: str) -> bool:
    """True when ``text`` breaks a line with anything but ``"\\n"``.

    Six substring searches in C: a regex character class reads every character through the
    class's ops, about fifteen times the cost, and every document is asked this twice.
    """
    return any(br in text for br in _OTHER_BREAKS)


def segment(text: str) -> tuple[Block, ...]:
    """Split ``text`` into line blocks with exact offsets; blank lines only set ``gap_before``.

    Leading and trailing whitespace of a line is not part of its block, so the kept text is
    the line verbatim minus its indentation.
    """
    # Whether any line can hold CJK, asked once of the text's non-ASCII characters.
    cjk = has_unspaced_script(non_ascii(text))
    if has_other_breaks(text):
        return _segment_any(text, cjk)
    # Only "\n" breaks lines: str.split does the scanning in C.
    blocks: list[Block] = []
    gap = False
    pos = 0
    for line_no, line in enumerate(text.split("\n")):
        body = line.strip(STRIP_CHARS)
        if not body:
            gap = True
        else:
            s = pos + len(line) - len(line.lstrip(STRIP_CHARS))
            blocks.append(
                Block(
                    len(blocks),
                    line_no,
                    s,
                    s + len(body),
                    body,
                    gap and bool(blocks),
                    unspaced_possible=cjk,
                )
            )
            gap = False
        pos += len(line) + 1
    return tuple(blocks)


def _segment_any(text: str, cjk: bool = True) -> tuple[Block, ...]:
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
        lead = len(content) - len(content.lstrip(STRIP_CHARS))
        s = pos + lead
        e = (
            c_end - (len(content) - len(content.rstrip(STRIP_CHARS)))
            if content.strip(STRIP_CHARS)
            else s
        )
        if e > s:
            blocks.append(
                Block(
                    len(blocks),
                    line_no,
                    s,
                    e,
                    text[s:e],
                    gap_before=gap and bool(blocks),
                    unspaced_possible=cjk,
                )
            )
            gap = False
        else:
            gap = True
        line_no += 1
        if end_with_break == pos:  # empty match at end of text
            break
        pos = end_with_break
    return tuple(blocks)
