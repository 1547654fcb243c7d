"""A sampled document as segments of kept and removed text, cut to fit the report's budget.

A document's body in the report is a list of ``[kind, text]`` pairs that concatenate to the
document (less what is elided): ``kind`` is ``-1`` for kept text, ``-2`` for an elision
marker or a label written by the report, and ``i >= 0`` for text removed by the document's
``i``-th removal.

Long stretches of kept text are cut to their first and last ``context`` characters when the
sample would not otherwise fit the size budget: every removal stays visible, in place, with
the text around it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from .._removal import Removal

__all__ = ["KEPT", "MARK", "doc_segments", "fit_budget", "merged_length"]

KEPT = -1
MARK = -2
#: Context sizes tried, largest first, until the whole sample fits (None: whole documents).
CONTEXTS: tuple[int | None, ...] = (None, 1500, 600, 250, 100, 40)
#: A document longer than this is never embedded whole.
MAX_WHOLE_DOC = 40_000

Segment = list[int | str]


def merged_length(spans: Iterable[tuple[int, int]]) -> int:
    """Characters covered by the union of ``spans``."""
    total = 0
    cur_s = cur_e = -1
    for s, e in sorted(spans):
        if s > cur_e:
            total += max(0, cur_e - cur_s)
            cur_s, cur_e = s, e
        elif e > cur_e:
            cur_e = e
    return total + max(0, cur_e - cur_s)


def _cut(out: list[Segment], kind: int, text: str, keep: int | None) -> None:
    """Append ``text``; with ``keep``, a long text keeps only its head and tail."""
    if not text:
        return
    if keep is None or len(text) <= 2 * keep + 60:
        out.append([kind, text])
        return
    hidden = len(text) - 2 * keep
    what = "kept" if kind == KEPT else "removed"
    if keep:
        out.append([kind, text[:keep]])
    out.append([MARK, f" [… {hidden:,} {what} characters not shown …] "])
    if keep:
        out.append([kind, text[-keep:]])


def doc_segments(
    source: str | None, clean: str | None, rows: Sequence[Removal], context: int | None
) -> list[Segment]:
    """The segments of one document (see the module docstring)."""
    if context is None and source is not None and len(source) > MAX_WHOLE_DOC:
        context = CONTEXTS[1]
    removed_keep = 4000 if context is None else max(context, 150)
    out: list[Segment] = []
    if source is None:
        out.append([MARK, "Removed (positions not recorded for this input):\n"])
        for i, r in enumerate(rows):
            _cut(out, i, r.text, removed_keep)
            out.append([KEPT, "\n"])
        out.append([MARK, "\nKept:\n"])
        _cut(out, KEPT, clean or "", context)
        return out
    order = sorted(range(len(rows)), key=lambda i: (rows[i].start, rows[i].end))
    pos = 0
    for i in order:
        r = rows[i]
        if r.start > pos:
            _cut(out, KEPT, source[pos : r.start], context)
        if r.end > pos:
            _cut(out, i, source[max(pos, r.start) : r.end], removed_keep)
            pos = r.end
    _cut(out, KEPT, source[pos:], context)
    return out


def _size(segments: Sequence[Segment]) -> int:
    """About the bytes the segments take in the report's JSON (UTF-8, escapes, brackets)."""
    total = 0
    for _, text in segments:
        t = str(text)
        n = len(t) if t.isascii() else len(t.encode("utf-8", "surrogatepass"))
        total += n + t.count("\n") + 5 * (t.count("<") + t.count(">") + t.count("&")) + 8
    return total


def fit_budget(
    docs: Sequence[tuple[str | None, str | None, Sequence[Removal]]],
    budget: int,
    render: Callable[
        [str | None, str | None, Sequence[Removal], int | None], list[Segment]
    ] = doc_segments,
) -> list[tuple[list[Segment], int | None]]:
    """Segments of every document with the largest context that keeps the total in ``budget``
    bytes of JSON (the smallest context when none does); pairs of (segments, context used)."""
    bodies: list[tuple[list[Segment], int | None]] = []
    for context in CONTEXTS:
        bodies = []
        total = 0
        for source, clean, rows in docs:
            segs = render(source, clean, rows, context)
            total += _size(segs)
            bodies.append((segs, context))
            if total > budget and context != CONTEXTS[-1]:
                break
        if total <= budget or context == CONTEXTS[-1]:
            return bodies
    return bodies
