"""The compact path: a text of very many short lines, cleaned in bounded windows of lines.

The normal path holds a :class:`~newsclean.Block` (a few hundred bytes) for every
line at once, and a removal per removed line: fine for an article, ~70 copies of the input
for a text of one-word lines (even ``text.split("\\n")`` costs ~9). No real input comes
near that shape: over every shared text (AEB extractor rows and gold, WCXB tune rows and
gold) the most lines is 3,335 and the shortest mean line among texts of 1,000+ lines 7.9
characters. So a text of more than :data:`MIN_LINES` lines whose mean line is shorter than
:data:`MAX_MEAN_LINE` characters (where the normal path would pass 10 copies) is cut into
*pieces* at line breaks, and each window of pieces is cleaned by the normal path on its own:

- a window decides the removals in its middle :data:`DECIDED_PIECES` pieces and reads one
  piece on each side as context, so a line is never judged as the first or last of a text
  unless it is one (the first window starts at the text's start, the last ends at its end);
- the headline is judged in the first window only; later windows remove its copies (as
  the normal path does) or, with no headline, do not guess one;
- consecutive removals of one rule on different lines become one removal spanning them
  (the whitespace between belongs to no line), so a text whose every line goes holds a
  removal per run, not per line; ``apply(text, removals)`` still equals the output;
- the output is assembled from lines segmented a piece at a time, never all at once.

Memory is then one window (at most ``6 * PIECE_LINES`` lines) plus the output and the
merged removals. Decisions that read the whole text (repeats, zones measured in words)
see a window instead: a text this shape is a list, not an article.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING

from ._removal import Article, Removal, assemble, credited_source
from ._segment import LINE_BREAKS, STRIP_CHARS, segment

if TYPE_CHECKING:
    from ._pipeline import Pipeline

__all__ = ["MAX_MEAN_LINE", "MIN_LINES", "analyze_compact", "is_compact"]

#: Texts with more lines than this may take the compact path (6x the most in shared data).
MIN_LINES = 20_000
#: ...if their mean line (break included) is shorter than this: at 75 characters the normal
#: path peaks at ~10 copies of the input, at 41 at ~16, at 12 at ~45.
MAX_MEAN_LINE = 100
#: A piece ends at the first line break after this many characters...
PIECE_CHARS = 8_192
#: ...or sooner, so that it holds at most this many line breaks.
PIECE_LINES = 1_024
#: Pieces a window decides; it reads one more on each side.
DECIDED_PIECES = 4
_WHITE = STRIP_CHARS + LINE_BREAKS


@dataclass(frozen=True)
class _Span:
    """What :func:`~newsclean._removal.assemble` reads of a block."""

    start: int
    end: int
    gap_before: bool


def line_breaks(text: str, start: int = 0, end: int | None = None) -> int:
    """Line breaks in ``text[start:end]`` as :func:`~newsclean._segment.segment` reads them
    (``"\\r\\n"`` is one); each character counted in C."""
    stop = len(text) if end is None else end
    n = sum(text.count(c, start, stop) for c in LINE_BREAKS)
    return n - text.count("\r\n", start, stop)


def is_compact(text: str) -> bool:
    """Whether ``text`` has the shape the compact path is for (see the module)."""
    if len(text) <= MIN_LINES:
        return False  # too short to hold that many lines: no counting
    lines = line_breaks(text) + 1
    return lines > MIN_LINES and len(text) < MAX_MEAN_LINE * lines


def _after_last_break(text: str, start: int, end: int) -> int:
    """The offset just after the last line break in ``text[start:end]`` (-1: none)."""
    i = max(text.rfind(c, start, end) for c in LINE_BREAKS)
    if i < 0:
        return -1
    return i + 2 if text.startswith("\r\n", i) else i + 1


def _piece_end(text: str, start: int, chars: int, lines: int) -> int:
    """Where the piece from ``start`` ends: just after a line break (or at the end)."""
    n = len(text)
    hi = min(n, start + chars)
    if hi == n and line_breaks(text, start, n) <= lines:
        return n
    for _ in range(64):  # halves each time: bounded by the bits of ``chars``
        cut = _after_last_break(text, start, hi)
        if cut < 0:  # one long line: the piece runs to its end
            cut = _after_last_break(text, start, _next_break_end(text, hi))
            return n if cut < 0 else cut
        if line_breaks(text, start, cut) <= lines:
            return cut
        hi = start + max(1, (cut - start) // 2)
    return cut


def _next_break_end(text: str, pos: int) -> int:
    """Just after the first line break at or after ``pos`` (the text's end if none)."""
    ends = [i for i in (text.find(c, pos) for c in LINE_BREAKS) if i >= 0]
    return min(ends) + 1 if ends else len(text)


def pieces(text: str, chars: int = PIECE_CHARS, lines: int = PIECE_LINES) -> list[int]:
    """Piece boundaries, from 0 to ``len(text)``; each piece ends just after a line break."""
    bounds = [0]
    while bounds[-1] < len(text):  # each step moves forward by at least one character
        bounds.append(_piece_end(text, bounds[-1], chars, lines))
    return bounds


def analyze_compact(
    pipeline: Pipeline,
    text: str,
    *,
    title_hint: str | None = None,
    meta: Mapping[str, str] | None = None,
    disable: Iterable[str] = (),
    bounds: list[int] | None = None,
) -> Article:
    """Clean ``text`` window by window (see the module); ``bounds`` are its pieces."""
    cuts = pieces(text) if bounds is None else bounds
    off = tuple(disable)
    merged = _Merged(text)
    title = title_hint
    line = 0  # the line the current window starts on
    last = len(cuts) - 1
    for first in range(0, last, DECIDED_PIECES):
        lo, hi = cuts[max(0, first - 1)], cuts[min(last, first + DECIDED_PIECES + 1)]
        keep_lo, keep_hi = cuts[first], cuts[min(last, first + DECIDED_PIECES)]
        later = first > 0
        skip = (*off, "title") if later and title is None and "title" in pipeline.names else off
        art = pipeline.analyze(text[lo:hi], title_hint=title, meta=meta, disable=skip)
        if not later and title_hint is None:
            title = art.title
        for r in art.removals:
            if keep_lo <= r.start + lo < keep_hi:
                merged.add(r, lo, line)
        line += line_breaks(text, lo, cuts[min(last, first + DECIDED_PIECES - 1)])
    removals = merged.done()
    body = assemble(text, _spans(text, cuts), removals)
    return Article(body, text, removals, title, credited_source(removals), dict(meta or {}))


class _Merged:
    """The removals so far, a run of one rule on consecutive lines held as one."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.out: list[Removal] = []

    def add(self, r: Removal, offset: int, line: int) -> None:
        """Add ``r``, a removal of the window starting at ``offset`` (line ``line``)."""
        start, end = r.start + offset, r.end + offset
        src = self.source
        p = self.out[-1] if self.out else None
        if p is not None and _same_rule(p, r) and _only_breaks(src, p.end, start):
            text = src[p.start : end]
            self.out[-1] = Removal(
                p.start, end, p.detector, p.reason, p.confidence, text, p.line, p.data
            )
            return
        where = r.line + line if r.line >= 0 else -1
        self.out.append(
            Removal(start, end, r.detector, r.reason, r.confidence, r.text, where, r.data)
        )

    def done(self) -> tuple[Removal, ...]:
        return tuple(self.out)


def _same_rule(a: Removal, b: Removal) -> bool:
    return (a.detector, a.reason, a.confidence, a.data) == (
        b.detector,
        b.reason,
        b.confidence,
        b.data,
    )


def _only_breaks(text: str, start: int, end: int) -> bool:
    """``text[start:end]`` is whitespace with a line break: it belongs to no block."""
    between = text[start:end]
    return not between.strip(_WHITE) and line_breaks(between) > 0


def _spans(text: str, cuts: list[int]) -> Iterator[_Span]:
    """The text's blocks, segmented a piece at a time (offsets and blank lines as
    :func:`~newsclean._segment.segment` gives them for the whole text)."""
    prev_end = -1
    for lo, hi in pairwise(cuts):
        blocks = segment(text[lo:hi])
        if blocks:  # a blank line between pieces is a gap before the piece's first block
            b = blocks[0]
            gap = prev_end >= 0 and line_breaks(text, prev_end, b.start + lo) > 1
            yield _Span(b.start + lo, b.end + lo, gap)
            prev_end = blocks[-1].end + lo
        for b in blocks[1:]:
            yield _Span(b.start + lo, b.end + lo, b.gap_before)
