"""The pipeline: run detectors, resolve overlaps, apply, and repeat until nothing changes.

Running to a fixed point is what makes cleaning idempotent (ftfy's lesson): when a pass
proposes nothing, running again on the output proposes nothing either.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, NamedTuple

from . import _registry as registry
from ._compact import analyze_compact, is_compact
from ._config import PipelineConfig, StepConfig
from ._detector import Detector
from ._document import Block, Document
from ._removal import Article, Removal, assemble, credited_source, headline
from ._segment import STRIP_CHARS, segment
from ._view import reading_view
from .errors import ConfigError, InputTooLargeError, InputTypeError

__all__ = ["Pipeline"]

#: Inputs longer than this many characters are refused (see ``Pipeline(max_input_chars=)``).
DEFAULT_MAX_INPUT_CHARS = 64_000_000


class _Stages(NamedTuple):
    """A pipeline's detectors as one document's passes use them."""

    #: Per detect-stage detector, in order: its ``detect`` and whether it is local.
    steps: tuple[tuple[Callable[[Document], Iterable[Removal]], bool], ...]
    revise: tuple[Detector, ...]


@dataclass(frozen=True)
class Pipeline:
    """An ordered set of configured detectors. Immutable and picklable.

    Build one from a config (``Pipeline.from_config``), or start from the default and edit:
    ``Pipeline.default().remove("dateline").add("my_detector", after="comments")``.
    """

    config: PipelineConfig = field(default_factory=PipelineConfig)
    max_input_chars: int = DEFAULT_MAX_INPUT_CHARS
    _steps: tuple[Detector, ...] = field(init=False, repr=False, compare=False, default=())
    _order: dict[str, int] = field(init=False, repr=False, compare=False, default_factory=dict)
    _all_on: _Stages = field(init=False, repr=False, compare=False, default=_Stages((), ()))

    def __post_init__(self) -> None:
        # Instantiate now so a bad config fails at construction, not on the first document.
        object.__setattr__(self, "_steps", tuple(self._build()))
        object.__setattr__(self, "_order", {d.name: i for i, d in enumerate(self._steps)})
        object.__setattr__(self, "_all_on", self._split(frozenset()))

    def _build(self) -> Iterable[Detector]:
        seen: set[str] = set()
        for step in self.config.detectors:
            if step.name in seen:
                raise ConfigError(f"detector {step.name!r} appears twice in the pipeline")
            seen.add(step.name)
            cls = registry.get(step.name)
            if step.enabled:
                yield cls.from_config(step.config)

    # -- construction --------------------------------------------------------------------
    @classmethod
    def default(cls) -> Pipeline:
        """The built-in detectors in their default order (plugins are added with :meth:`add`)."""
        return cls()

    @classmethod
    def from_config(cls, config: PipelineConfig | Mapping[str, Any] | str) -> Pipeline:
        """From a :class:`PipelineConfig`, a plain dict, or TOML text."""
        if isinstance(config, str):
            config = PipelineConfig.from_toml(config)
        elif not isinstance(config, PipelineConfig):
            config = PipelineConfig.from_dict(config)
        return cls(config)

    @classmethod
    def empty(cls) -> Pipeline:
        """A pipeline with no detectors: returns its input's blocks unchanged."""
        return cls(PipelineConfig(detectors=()))

    @property
    def names(self) -> list[str]:
        """Names of the enabled detectors, in order."""
        return [d.name for d in self.detectors]

    @property
    def detectors(self) -> tuple[Detector, ...]:
        return self._steps

    def _with_steps(self, steps: Sequence[StepConfig]) -> Pipeline:
        return Pipeline(replace(self.config, detectors=tuple(steps)), self.max_input_chars)

    def add(
        self,
        name: str,
        config: Mapping[str, Any] | None = None,
        *,
        before: str | None = None,
        after: str | None = None,
    ) -> Pipeline:
        """A new pipeline with detector ``name`` inserted (at the end by default)."""
        steps = list(self.config.detectors)
        new = StepConfig(name, True, dict(config or {}))
        if before is not None and after is not None:
            raise ConfigError("give before= or after=, not both")
        anchor = before if before is not None else after
        if anchor is None:
            steps.append(new)
        else:
            idx = self._index(anchor)
            steps.insert(idx if before is not None else idx + 1, new)
        return self._with_steps(steps)

    def remove(self, name: str) -> Pipeline:
        """A new pipeline without detector ``name``."""
        steps = list(self.config.detectors)
        del steps[self._index(name)]
        return self._with_steps(steps)

    def configure(self, name: str, **options: Any) -> Pipeline:
        """A new pipeline where detector ``name`` has ``options`` merged into its config."""
        steps = list(self.config.detectors)
        i = self._index(name)
        steps[i] = StepConfig(name, steps[i].enabled, {**steps[i].config, **options})
        return self._with_steps(steps)

    def disable(self, *names: str) -> Pipeline:
        """A new pipeline where ``names`` stay listed (with their config) but do not run."""
        steps = list(self.config.detectors)
        for n in names:
            i = self._index(n)
            steps[i] = StepConfig(n, False, steps[i].config)
        return self._with_steps(steps)

    def _index(self, name: str) -> int:
        for i, s in enumerate(self.config.detectors):
            if s.name == name:
                return i
        raise ConfigError(
            f"detector {name!r} is not in this pipeline: {[s.name for s in self.config.detectors]}"
        )

    # -- running -------------------------------------------------------------------------
    def clean(self, text: str) -> str:
        """The clean body of ``text`` (:meth:`analyze` without the explanation)."""
        return self.analyze(text).text

    def analyze(
        self,
        text: str,
        *,
        title_hint: str | None = None,
        meta: Mapping[str, str] | None = None,
        blocks: tuple[Block, ...] | None = None,
        disable: Iterable[str] = (),
    ) -> Article:
        """Clean ``text`` (or the given ``blocks`` of it) and explain every removal."""
        if not isinstance(text, str):
            got = type(text).__name__
            raise InputTypeError(f"expected str, got {got}; use clean_html for bytes")
        if len(text) > self.max_input_chars:
            raise InputTooLargeError(
                f"input has {len(text)} characters; the limit is {self.max_input_chars} "
                "(Pipeline(max_input_chars=...))"
            )
        if blocks is None and is_compact(text):  # a huge list of short lines: in windows
            return analyze_compact(self, text, title_hint=title_hint, meta=meta, disable=disable)
        if blocks is None:
            view = reading_view(text)
            if view is not None:  # rules read the text without its invisible characters
                art = self.analyze(
                    view.text,
                    title_hint=title_hint,
                    meta=meta,
                    blocks=segment(view.text),
                    disable=disable,
                )
                mapped = tuple(view.to_source(r, text) for r in art.removals)
                body = assemble(text, segment(text), mapped)
                return Article(body, text, mapped, art.title, art.source, dict(meta or {}))
        off = frozenset(disable)
        unknown = off - self._order.keys()
        if unknown:
            raise ConfigError(f"cannot disable {sorted(unknown)}: not in the pipeline")
        stages = self._split(off) if off else self._all_on

        all_blocks = blocks if blocks is not None else segment(text)
        accepted, rest, guarded = self._run(text, all_blocks, title_hint, meta, stages)
        # A guarded pass kept low-confidence noise only because the rest went: on what is
        # left, a fresh run (what cleaning the output again does) may judge it otherwise.
        # Run again until the text is stable, so cleaning the output changes nothing.
        for _ in range(self.config.max_passes):
            if not guarded or not rest:
                break
            more, rest, guarded = self._run(text, rest, title_hint, meta, stages)
            if not more:
                break
            accepted.extend(more)

        accepted.sort(key=lambda r: (r.start, r.end))
        title = title_hint if title_hint is not None else headline(accepted)
        body = assemble(text, all_blocks, accepted)
        source = credited_source(accepted)
        return Article(body, text, tuple(accepted), title, source, dict(meta or {}))

    def _run(
        self,
        text: str,
        blocks: tuple[Block, ...],
        title_hint: str | None,
        meta: Mapping[str, str] | None,
        stages: _Stages,
    ) -> tuple[list[Removal], tuple[Block, ...], bool]:
        """Passes to a fixed point: the removals, the blocks left, and whether the guard
        held back any removal."""
        order = self._order
        doc = Document(text, blocks, title_hint, dict(meta or {}))
        guarded = False
        accepted: list[Removal] = []
        title: str | None = None  # the latest headline lifted from the text, if any
        revisers = stages.revise
        for _ in range(self.config.max_passes):
            if not doc.blocks:
                break
            proposals: list[Removal] = []
            if doc.new_spans is None:  # the first pass: every block is new
                local_doc = doc
            else:  # later passes: only blocks a cut trimmed are new
                new = doc.new_spans
                fresh = tuple(b for b in doc.blocks if (b.start, b.end) in new) if new else ()
                local_doc = doc if len(fresh) == len(doc.blocks) else doc.replace_blocks(fresh)
            for detect, local in stages.steps:
                target = local_doc if local else doc
                if target.blocks:
                    proposals.extend(detect(target))
            chosen = _resolve(proposals, order)
            if revisers and chosen:  # revisers extend this pass's decisions: none, nothing
                flagged = _flags(doc, chosen)
                extra: list[Removal] = []
                for rev in revisers:
                    extra.extend(rev.revise(doc, flagged))
                chosen.extend(_resolve([r for r in extra if not _overlaps_any(r, chosen)], order))
            kept = self._guard(doc, chosen)
            guarded = guarded or len(kept) < len(chosen)
            chosen = kept
            if not chosen:
                break
            accepted.extend(chosen)
            # The newest headline lifted: the next pass removes its copies, as a run on the
            # output would (Article.title is the first one, taken from the removals below).
            lifted = headline(chosen)
            if lifted is not None:
                title = lifted
            left, trimmed = _remaining(doc, chosen)
            doc = doc.replace_blocks(left, title, frozenset((b.start, b.end) for b in trimmed))
        return accepted, doc.blocks, guarded

    def _split(self, off: frozenset[str]) -> _Stages:
        """The detect-stage and revise-stage detectors still on, in order."""
        on = [d for d in self._steps if d.name not in off]
        detect = tuple(d for d in on if d.stage == "detect")
        return _Stages(
            tuple((d.detect, d.local) for d in detect),
            tuple(d for d in on if d.stage == "revise"),
        )

    def _guard(self, doc: Document, removals: list[Removal]) -> list[Removal]:
        """Never let low-confidence evidence empty a real document.

        Applied to each pass: when a pass would leave no words, only its removals of at
        least ``guard_confidence`` go. The next run on the output then meets the same
        proposals and the same guard, so cleaning stays idempotent.
        """
        if not removals or doc.total_words < self.config.guard_min_words:
            return removals
        whole = {(r.start, r.end) for r in removals}
        # Fewer whole-block removals than blocks with words: some words stay, for certain.
        if len(whole) < doc.blocks_with_words:
            return removals
        if sum(b.words for b in doc.blocks if (b.start, b.end) not in whole) == 0:
            return [r for r in removals if r.confidence >= self.config.guard_confidence]
        return removals


def _overlaps_any(r: Removal, chosen: Sequence[Removal]) -> bool:
    return any(c.line == r.line and c.start < r.end and r.start < c.end for c in chosen)


def _resolve(proposals: list[Removal], order: Mapping[str, int]) -> list[Removal]:
    """Keep non-overlapping proposals: highest confidence first, then pipeline order."""
    if not proposals:
        return []
    by_line: dict[int, list[Removal]] = {}
    for p in proposals:
        by_line.setdefault(p.line, []).append(p)
    out: list[Removal] = []
    for group in by_line.values():
        if len(group) == 1:
            out.append(group[0])
            continue
        group.sort(key=lambda r: (-r.confidence, order.get(r.detector, 1 << 30), r.start))
        kept: list[Removal] = []
        for r in group:
            if all(r.end <= k.start or k.end <= r.start for k in kept):
                kept.append(r)
        out.extend(kept)
    return out


def _flags(doc: Document, chosen: Sequence[Removal]) -> list[Removal | None]:
    """Per block position: the removal that takes the whole block, if any."""
    blocks = doc.blocks
    flags: list[Removal | None] = [None] * len(blocks)
    starts = doc.starts
    for r in chosen:
        i = bisect_right(starts, r.start) - 1
        if i >= 0 and blocks[i].start == r.start and blocks[i].end == r.end:
            flags[i] = r
    return flags


def _remaining(doc: Document, chosen: Sequence[Removal]) -> tuple[tuple[Block, ...], list[Block]]:
    """The blocks left after ``chosen``, and those of them a cut trimmed (new blocks)."""
    cuts: dict[int, list[Removal]] = {}
    for r in chosen:
        cuts.setdefault(r.line, []).append(r)
    out: list[Block] = []
    trimmed: list[Block] = []
    for b in doc.blocks:
        rs = cuts.get(b.line)
        if not rs:
            out.append(b)
            continue
        if any(r.start <= b.start and b.end <= r.end for r in rs):
            continue  # the whole block goes: the usual case
        # Detectors cut glued fragments at a block's start or end; if a cut ever leaves two
        # pieces, the longest goes on to the next pass.
        spans = sorted((r.start, r.end) for r in rs if r.start < b.end and r.end > b.start)
        pieces: list[tuple[int, int]] = []
        pos = b.start
        for s, e in spans:
            if s > pos:
                pieces.append((pos, s))
            pos = max(pos, e)
        if pos < b.end:
            pieces.append((pos, b.end))
        pieces = [(s, e) for s, e in pieces if doc.source[s:e].strip(STRIP_CHARS)]
        if not pieces:
            continue
        s, e = max(pieces, key=lambda p: p[1] - p[0])
        raw = doc.source[s:e]
        s += len(raw) - len(raw.lstrip(STRIP_CHARS))
        e -= len(raw) - len(raw.rstrip(STRIP_CHARS))
        piece = replace(b, start=s, end=e, text=doc.source[s:e])
        out.append(piece)
        trimmed.append(piece)
    return tuple(out), trimmed
