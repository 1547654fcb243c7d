"""Removals, the cleaned :class:`Article`, and :func:`apply`, which replays removals on a text.

The invariant the whole library keeps: ``apply(source, article.removals) == article.text``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from .errors import RemovalMismatchError
from .segment import STRIP_CHARS, segment

__all__ = ["KINDS", "Article", "Removal", "apply", "assemble"]

#: The families a removal can belong to. ``title`` is the headline lifted into
#: :attr:`Article.title`; every other kind is noise.
KINDS = (
    "title",
    "duplicate_title",
    "aggregator",
    "navigation",
    "video_timestamp",
    "source_credit",
    "related_links",
    "comments",
    "read_more",
    "newsletter",
    "share",
    "advertisement",
    "cookie_notice",
    "caption",
    "byline",
    "dateline",
    "copyright",
    "tags",
    "url",
    "symbols",
    "duplicate",
    "widget",
)


@dataclass(slots=True, frozen=True)
class Removal:
    """One span of the input that is not body text, and why.

    ``reason`` is a dotted code ``<kind>.<rule>`` (e.g. ``navigation.prev_next``) so that
    removals aggregate into statistics; ``data`` carries what the rule learned (the outlet of
    a source credit, the header that opened a related-links zone...).
    """

    start: int
    end: int
    detector: str
    reason: str
    confidence: float
    text: str
    #: Index of the input line the span is on, from 0 (-1: not known). :meth:`Article.explain`
    #: prints it from 1, as editors number lines.
    line: int = -1
    data: Mapping[str, str] = field(default_factory=dict, compare=False, hash=False)

    @property
    def kind(self) -> str:
        """The noise family: the first part of :attr:`reason`."""
        return self.reason.partition(".")[0]

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["kind"] = self.kind
        d["data"] = dict(self.data)
        return d


@dataclass(frozen=True)
class Article:
    """The result of cleaning: body text, the lifted title, metadata and every removal."""

    text: str
    source_text: str
    removals: tuple[Removal, ...] = ()
    title: str | None = None
    source: str | None = None
    meta: Mapping[str, str] = field(default_factory=dict)

    @property
    def stats(self) -> dict[str, int]:
        """Removal counts per reason code (datatrove-style stats)."""
        out: dict[str, int] = {}
        for r in self.removals:
            out[r.reason] = out.get(r.reason, 0) + 1
        return out

    def explain(self) -> str:
        """A readable report: one line per removal, with detector, reason and the text."""
        lines = []
        kept = len(self.text)
        lines.append(
            f"{len(self.removals)} removal(s); kept {kept} of {len(self.source_text)} characters"
        )
        if self.title:
            lines.append(f"title: {self.title}")
        if self.source:
            lines.append(f"source credited: {self.source}")
        for r in self.removals:
            snippet = r.text if len(r.text) <= 100 else r.text[:97] + "..."
            where = f"line {r.line + 1}" if r.line >= 0 else f"chars {r.start}-{r.end}"
            lines.append(f"- {where:>9} [{r.detector} / {r.reason} {r.confidence:.2f}] {snippet!r}")
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "title": self.title,
            "source": self.source,
            "meta": dict(self.meta),
            "removals": [r.to_dict() for r in self.removals],
        }


def _merge(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            if e > out[-1][1]:
                out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def assemble(source: str, blocks: Sequence[Any], removals: Iterable[Removal]) -> str:
    """Join what is left of ``blocks`` after ``removals``.

    Two kept blocks that were adjacent lines of the input stay joined by one newline; a blank
    line (in the input, or where something was removed) becomes one blank line.
    """
    cut = _merge((r.start, r.end) for r in removals)
    parts: list[str] = []
    ci = 0
    pending_gap = False
    # A run of untouched blocks whose input already reads as the output would (one "\n"
    # between lines, "\n\n" around a blank one) is copied as one slice of the input.
    run_start = run_end = -1
    for b in blocks:
        while ci < len(cut) and cut[ci][1] <= b.start:
            ci += 1
        if ci == len(cut) or cut[ci][0] >= b.end:  # untouched: most blocks
            sep = "\n\n" if (pending_gap or b.gap_before) else "\n"
            if run_end >= 0 and b.start - run_end == len(sep) and source.startswith(sep, run_end):
                run_end = b.end  # the input between is exactly the separator
                continue
            if run_end >= 0:
                parts.append(source[run_start:run_end])
            if parts:
                parts.append(sep)
            run_start, run_end = b.start, b.end
            pending_gap = False
            continue
        if run_end >= 0:
            parts.append(source[run_start:run_end])
            run_start = run_end = -1
        pieces: list[str] = []
        pos = b.start
        j = ci
        while j < len(cut) and cut[j][0] < b.end:
            s, e = cut[j]
            if s > pos:
                pieces.append(source[pos:s])
            pos = max(pos, e)
            j += 1
        if pos < b.end:
            pieces.append(source[pos : b.end])
        kept = "".join(pieces).strip(STRIP_CHARS)
        if not kept:
            pending_gap = True
            continue
        if parts:
            parts.append("\n\n" if (pending_gap or b.gap_before) else "\n")
        parts.append(kept)
        pending_gap = False
    if run_end >= 0:
        parts.append(source[run_start:run_end])
    return "".join(parts)


def apply(source: str, removals: Iterable[Removal]) -> str:
    """Replay ``removals`` on ``source``: equals ``Article.text`` for the article they came from.

    Raises :class:`~newsclean.errors.RemovalMismatchError` when a removal's span does not
    hold its text in ``source`` (removals of another text, or of an edited one).
    """
    rs = list(removals)
    for r in rs:
        if source[r.start : r.end] != r.text:
            raise RemovalMismatchError(
                f"removal {r.reason} at {r.start}-{r.end} does not match this text: "
                f"expected {r.text[:40]!r}, found {source[r.start : r.end][:40]!r}"
            )
    return assemble(source, segment(source), rs)
