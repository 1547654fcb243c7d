"""The detector contract and small bases.

A detector is a frozen dataclass (its fields are its configuration) with a ``name``. It
reads a :class:`~newsclean.Document` and yields :class:`~newsclean.Removal`
proposals; it never mutates anything and never sees other detectors' output. A *reviser*
(``stage = "revise"``) runs after the detectors of a pass and may extend their decisions to
neighbouring blocks, jusText-style.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, ClassVar

from ._document import Block, Document
from ._removal import Removal, check_reason
from .errors import ConfigError

__all__ = ["Detector", "Reviser"]


@dataclasses.dataclass(frozen=True)
class Detector:
    """Base class: subclasses set ``name`` and implement :meth:`detect`."""

    name: ClassVar[str] = ""
    stage: ClassVar[str] = "detect"
    #: True when a block's verdict depends on the block alone (not on its position or
    #: neighbours): later passes of the pipeline then only show it blocks it has not seen.
    local: ClassVar[bool] = False
    #: One line for the catalogue: what family of noise this finds, and by what evidence.
    summary: ClassVar[str] = ""

    def detect(self, doc: Document) -> Iterable[Removal]:
        """The removals this detector proposes for ``doc`` (made with :meth:`remove`)."""
        raise NotImplementedError

    def revise(self, doc: Document, flagged: Sequence[Removal | None]) -> Iterable[Removal]:
        """A reviser's extra removals, given the pass's decision per block (``flagged[i]``)."""
        return ()

    # -- helpers -------------------------------------------------------------------------
    def remove(self, block: Block, reason: str, confidence: float, **data: str) -> Removal:
        """A removal of the whole ``block``; ``reason`` is ``<kind>.<rule>``, the kind one of
        :data:`~newsclean.plugin.KINDS` (else :class:`ConfigError`)."""
        check_reason(reason, self.name)
        return Removal(
            block.start, block.end, self.name, reason, confidence, block.text, block.line, data
        )

    def remove_span(
        self, block: Block, start: int, end: int, reason: str, confidence: float, **data: str
    ) -> Removal:
        """A removal of ``block.text[start:end]`` (a fragment glued to body text)."""
        check_reason(reason, self.name)
        s, e = block.start + start, block.start + end
        return Removal(s, e, self.name, reason, confidence, block.text[start:end], block.line, data)

    # -- configuration -------------------------------------------------------------------
    @classmethod
    def from_config(cls, config: Mapping[str, Any] | None = None) -> Detector:
        """Build from plain data, rejecting unknown keys and wrong types."""
        config = dict(config or {})
        fields = {f.name: f for f in dataclasses.fields(cls)}
        unknown = set(config) - set(fields)
        if unknown:
            raise ConfigError(
                f"detector {cls.name!r} has no option(s) {sorted(unknown)}; known: {sorted(fields)}"
            )
        defaults = cls().config()
        for k, v in config.items():
            d = defaults.get(k)
            if d is not None and not _same_type(d, v):
                raise ConfigError(
                    f"detector {cls.name!r} option {k!r} expects {type(d).__name__}, "
                    f"got {type(v).__name__}"
                )
            if isinstance(v, list):
                config[k] = tuple(v)
        return cls(**config)

    def config(self) -> dict[str, Any]:
        """This detector's options as plain data (tuples become lists)."""
        out: dict[str, Any] = {}
        for f in dataclasses.fields(self):
            v = getattr(self, f.name)
            out[f.name] = list(v) if isinstance(v, tuple) else v
        return out


def _same_type(default: Any, value: Any) -> bool:
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(default, bool) and isinstance(value, bool)
    if isinstance(default, float):
        return isinstance(value, (int, float))
    if isinstance(default, (tuple, list)):
        return isinstance(value, (tuple, list))
    return isinstance(value, type(default))


class Reviser(Detector):
    """A detector of the second stage: sees the first stage's decisions per block.

    A reviser extends decisions to neighbouring blocks, so it proposes nothing where there
    are none: a pass whose detectors decided nothing does not run it.
    """

    stage: ClassVar[str] = "revise"

    def detect(self, doc: Document) -> Iterable[Removal]:
        return ()
