"""Pipeline configuration as plain data: a dict or a TOML file, validated, round-trippable.

Shape::

    max_passes = 32
    [[detectors]]
    name = "comments"
    enabled = true
    [detectors.config]
    min_words_before = 8
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .errors import ConfigError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

__all__ = ["DEFAULT_DETECTORS", "PipelineConfig", "StepConfig"]

#: The default pipeline, in order. Order breaks ties between equally confident proposals.
DEFAULT_DETECTORS: tuple[str, ...] = (
    "title",
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
    "widget",
    "photo_credit",
    "byline",
    "dateline",
    "copyright",
    "tags",
    "url_line",
    "symbol_line",
    "duplicate_block",
    "edge_context",
)


@dataclass(frozen=True)
class StepConfig:
    name: str
    enabled: bool = True
    config: Mapping[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "enabled": self.enabled, "config": dict(self.config)}


@dataclass(frozen=True)
class PipelineConfig:
    """Which detectors run, in which order, with which options."""

    detectors: tuple[StepConfig, ...] = tuple(StepConfig(n) for n in DEFAULT_DETECTORS)
    #: Upper bound on detect-apply rounds; the loop stops earlier at a fixed point (real
    #: pages need two or three; stacked repeats of a headline need one per copy).
    max_passes: int = 32
    #: If the removals would empty a document of at least this many words, only removals
    #: at or above ``guard_confidence`` are kept (a guard against eating a whole article on
    #: weak evidence). 0 = every document: the guard then depends on the removals alone, so
    #: re-cleaning its output triggers it again and cleaning stays idempotent.
    guard_min_words: int = 0
    guard_confidence: float = 0.9
    #: Veto removals of lines the learned body guard reads as body text (see
    #: :mod:`newsclean.guard`). Off, every rule's proposal stands on its own evidence.
    body_guard: bool = True

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> PipelineConfig:
        """Build from plain data, rejecting unknown keys and wrong types (ConfigError)."""
        known = {"detectors", "max_passes", "guard_min_words", "guard_confidence"}
        unknown = set(data) - known
        if unknown:
            raise ConfigError(
                f"unknown pipeline option(s) {sorted(unknown)}; known: {sorted(known)}"
            )
        steps = []
        for i, item in enumerate(
            data.get("detectors", [StepConfig(n).to_dict() for n in DEFAULT_DETECTORS])
        ):
            if isinstance(item, str):
                item = {"name": item}
            if not isinstance(item, Mapping) or "name" not in item:
                raise ConfigError(f"detectors[{i}] must be a name or a table with 'name'")
            extra = set(item) - {"name", "enabled", "config"}
            if extra:
                raise ConfigError(f"detectors[{i}] has unknown key(s) {sorted(extra)}")
            enabled = item.get("enabled", True)
            conf = item.get("config", {})
            if not isinstance(enabled, bool) or not isinstance(conf, Mapping):
                raise ConfigError(f"detectors[{i}]: 'enabled' must be bool, 'config' a table")
            steps.append(StepConfig(str(item["name"]), enabled, dict(conf)))
        out = cls(tuple(steps))
        for key, typ in (
            ("max_passes", int),
            ("guard_min_words", int),
            ("guard_confidence", float),
        ):
            if key in data:
                v = data[key]
                if (
                    isinstance(v, bool)
                    or not isinstance(v, (int, float))
                    or (typ is int and not isinstance(v, int))
                ):
                    raise ConfigError(f"{key} must be {typ.__name__}")
                object.__setattr__(out, key, typ(v))
        if out.max_passes < 1:
            raise ConfigError("max_passes must be >= 1")
        return out

    def to_dict(self) -> dict[str, Any]:
        """Plain data that :meth:`from_dict` reads back to an equal config."""
        return {
            "max_passes": self.max_passes,
            "guard_min_words": self.guard_min_words,
            "guard_confidence": self.guard_confidence,
            "detectors": [s.to_dict() for s in self.detectors],
        }

    @classmethod
    def from_toml(cls, text: str) -> PipelineConfig:
        """:meth:`from_dict` of a TOML text (``newsclean config --default`` writes one)."""
        try:
            return cls.from_dict(tomllib.loads(text))
        except tomllib.TOMLDecodeError as e:
            raise ConfigError(f"invalid TOML: {e}") from e

    def to_toml(self) -> str:
        """The config as TOML, for ``--config`` files."""
        import tomli_w

        return str(tomli_w.dumps(self.to_dict()))

    def fingerprint(self) -> str:
        """A short stable hash: store it beside outputs to know which config made them."""
        blob = json.dumps(self.to_dict(), sort_keys=True, default=list).encode()
        return hashlib.sha256(blob).hexdigest()[:16]
