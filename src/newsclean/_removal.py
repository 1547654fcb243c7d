"""Removals, the cleaned :class:`Article`, and :func:`apply`, which replays removals on a text.

The invariant the whole library keeps: ``apply(source, article.removals) == article.text``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from ._segment import LINE_BREAKS, STRIP_CHARS, has_other_breaks, segment
from .errors import ConfigError, RemovalMismatchError

__all__ = [
    "KINDS",
    "SOURCE_KIND",
    "TITLE_KIND",
    "Article",
    "Removal",
    "apply",
    "assemble",
    "check_reason",
    "credited_source",
    "headline",
]

#: The families a removal can belong to: the ``<kind>`` of its ``<kind>.<rule>`` reason.
#: Detectors may use these and no others (:func:`check_reason`). Two kinds also fill the
#: :class:`Article`: see :data:`TITLE_KIND` and :data:`SOURCE_KIND`; every kind is noise.
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
    "page",  # whole-page mode: page chrome around the main content (docs/whole-page.md)
)
_KIND_SET = frozenset(KINDS)
#: A removal of this kind is the headline: the first one in the text becomes
#: :attr:`Article.title` (its ``data["title"]`` if set, else its text), unless the caller
#: gave the title.
TITLE_KIND = "title"
#: A removal of this kind credits the outlet a story came from: the first one's
#: ``data["source"]`` becomes :attr:`Article.source`. ``data["source"]`` of other kinds
#: is only data.
SOURCE_KIND = "source_credit"


def check_reason(reason: str, detector: str) -> str:
    """``reason`` if it reads ``<kind>.<rule>`` with a kind of :data:`KINDS`.

    A misspelt kind would drop out of every per-kind statistic and report without a sound,
    so a detector that emits one fails loudly with :class:`~newsclean.errors.ConfigError`.
    """
    kind, _, rule = reason.partition(".")
    if kind not in _KIND_SET or not rule:
        raise ConfigError(
            f"detector {detector!r} gave reason {reason!r}: a reason is '<kind>.<rule>' "
            f"with a kind of newsclean.plugin.KINDS {list(KINDS)}"
        )
    return reason


def headline(removals: Iterable[Removal]) -> str | None:
    """The title the removals lift (:data:`TITLE_KIND`), from the first one in the text."""
    first = min((r for r in removals if r.kind == TITLE_KIND), key=_start, default=None)
    return None if first is None else first.data.get("title", first.text)


def credited_source(removals: Iterable[Removal]) -> str | None:
    """The outlet the first credit in the text names (:data:`SOURCE_KIND`), if any."""
    credits = (r for r in removals if r.kind == SOURCE_KIND and "source" in r.data)
    first = min(credits, key=_start, default=None)
    return None if first is None else first.data["source"]


def _start(r: Removal) -> int:
    return r.start


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


#: A break that cannot join a "\r" before it into one "\r\n".
_NOT_LF_BREAK = re.compile(f"\r\n|[{LINE_BREAKS.replace(chr(10), '')}]")
#: Whitespace that may sit between a line's text and its break (STRIP_CHARS without breaks).
_SPACES = "".join(c for c in STRIP_CHARS if c not in LINE_BREAKS)


@dataclass
class _Joints:
    """The input's own line breaks between two kept blocks (``last_end``: end of the first)."""

    source: str
    last_end: int = 0

    def between(self, start: int, end: int, gap: bool) -> str:
        """The break after the last kept block, and with ``gap`` the one before ``start``;
        the block ``start``-``end`` is the last kept one from now on."""
        src = self.source
        i, self.last_end = self.last_end, end
        while i < start and src[i] in _SPACES:  # bounded by the line's trailing spaces
            i += 1
        after = src[i : i + 2] if src.startswith("\r\n", i) else src[i : i + 1]
        if not gap:
            return after
        j = start
        while j > i and src[j - 1] in _SPACES:  # bounded by the line's indentation
            j -= 1
        before = src[j - 2 : j] if j - 2 > i and src.startswith("\r\n", j - 2) else src[j - 1 : j]
        if after == "\r" and before == "\n":  # "\r" + "\n" would read as one break
            m = _NOT_LF_BREAK.search(src, i + 1, j - 1)
            if m is not None:
                before = m.group(0)
        return after + before


class _Parts:
    """The output's pieces, joined every :data:`_JOIN_EVERY` of them: a text of many short
    kept lines between removed ones would otherwise hold a string object per line."""

    __slots__ = ("joined", "parts")

    def __init__(self) -> None:
        self.joined: list[str] = []
        self.parts: list[str] = []

    def add(self, piece: str) -> None:
        self.parts.append(piece)
        if len(self.parts) >= _JOIN_EVERY:
            self.joined.append("".join(self.parts))
            self.parts.clear()

    def __bool__(self) -> bool:
        return bool(self.parts or self.joined)

    def text(self) -> str:
        if not self.joined:
            return "".join(self.parts)
        self.joined.append("".join(self.parts))
        return "".join(self.joined)


#: How many output pieces :func:`assemble` holds before joining them.
_JOIN_EVERY = 4096


def assemble(source: str, blocks: Iterable[Any], removals: Iterable[Removal]) -> str:
    r"""Join what is left of ``blocks`` after ``removals``: a subsequence of ``source``.

    Adjacent kept lines stay joined by the input's break after the first (``"\n"``,
    ``"\r\n"``, ``"\u2028"``...); a blank line, in the input or where something was
    removed, becomes that break and the one before the second line (``"\n\n"``).
    """
    cut = _merge((r.start, r.end) for r in removals)
    # A text with line breaks other than "\n" needs _Joints to keep its own breaks.
    joints = _Joints(source) if has_other_breaks(source) else None
    parts = _Parts()
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
            if joints is not None:
                sep = joints.between(b.start, b.end, len(sep) == 2)
            if run_end >= 0 and b.start - run_end == len(sep) and source.startswith(sep, run_end):
                run_end = b.end  # the input between is exactly the separator
                continue
            if run_end >= 0:
                parts.add(source[run_start:run_end])
            if parts:
                parts.add(sep)
            run_start, run_end = b.start, b.end
            pending_gap = False
            continue
        if run_end >= 0:
            parts.add(source[run_start:run_end])
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
        gap = pending_gap or b.gap_before
        sep = joints.between(b.start, b.end, gap) if joints else "\n\n" if gap else "\n"
        if parts:
            parts.add(sep)
        parts.add(kept)
        pending_gap = False
    if run_end >= 0:
        parts.add(source[run_start:run_end])
    return parts.text()


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
