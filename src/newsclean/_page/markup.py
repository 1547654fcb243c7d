"""The link and image markup of html2text-style Markdown, as spans a reader does not see.

``[Home](https://example.com/)`` reads as "Home": the bracket and the ``](url)`` part are
markup, and ``![logo](logo.png)`` is an image with nothing to read. Whole-page mode removes
those spans from the lines it keeps (the output stays a subsequence of the input), and the
line scorer reads lines as they would be read, with the share of link text as a feature.

Every pattern has bounded repeats of a single character class: linear per line.
"""

from __future__ import annotations

import re
from typing import NamedTuple

__all__ = ["Markup", "markup"]

#: ``![alt](src)`` or ``![alt](src "title")``.
_IMAGE = re.compile(r'!\[[^\[\]\n]{0,300}\]\([^()\s]{0,2000}(?: "[^"\n]{0,300}")?\)')
#: ``[text](href)`` once the images inside it are masked to ``\x00``.
_LINK = re.compile(r'\[([^\[\]\n]{0,500})\]\([^()\s]{0,2000}(?: "[^"\n]{0,300}")?\)')
#: html2text's autolinks ``<https://...>``.
_AUTOLINK = re.compile(r"<(?:https?|mailto):[^<>\s]{1,2000}>")


class Markup(NamedTuple):
    """A line read as text: what is visible, how much of it is link text, and the markup."""

    visible: str
    link_chars: int
    #: ``(start, end)`` offsets in the line of markup to remove, sorted, disjoint.
    spans: tuple[tuple[int, int], ...]


def markup(line: str) -> Markup:
    """The visible text of one line and the spans of its link/image markup."""
    if "](" not in line and "<" not in line:
        return Markup(line, 0, ())
    spans: list[tuple[int, int]] = []
    masked = line
    if "![" in line:
        for m in _IMAGE.finditer(line):
            spans.append(m.span())
        if spans:
            parts, pos = [], 0
            for s, e in spans:
                parts.append(line[pos:s])
                parts.append("\x00" * (e - s))
                pos = e
            parts.append(line[pos:])
            masked = "".join(parts)
    link_chars = 0
    for m in _LINK.finditer(masked):
        s, e = m.span()
        ts, te = m.span(1)
        inner = masked[ts:te]
        link_chars += len(inner) - inner.count("\x00")
        spans.append((s, ts))
        spans.append((te, e))
    for m in _AUTOLINK.finditer(masked):
        spans.append(m.span())
    if not spans:
        return Markup(line, 0, ())
    spans.sort()
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    parts, pos = [], 0
    for s, e in merged:
        parts.append(line[pos:s])
        pos = e
    parts.append(line[pos:])
    return Markup("".join(parts), link_chars, tuple(merged))
