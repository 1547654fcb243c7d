"""Counters of a run or of one chunk; workers fill them, the parent adds them up."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from .._removal import Article

__all__ = ["Tally", "nbytes"]

_MAX_ERROR_EXAMPLES = 20


def _inc(d: dict[str, int], key: str, n: int = 1) -> None:
    d[key] = d.get(key, 0) + n


def nbytes(value: object) -> int:
    """UTF-8 size of a text value (bytes as they are; anything else 0)."""
    if isinstance(value, bytes):
        return len(value)
    if isinstance(value, str):
        return len(value) if value.isascii() else len(value.encode("utf-8", "surrogatepass"))
    return 0


@dataclass
class Tally:
    """Counters of a run (or of one chunk); they add up."""

    records: int = 0
    ok: int = 0
    errors: int = 0
    error_types: dict[str, int] = field(default_factory=dict)
    bytes_in: int = 0
    bytes_out: int = 0
    removals: int = 0
    by_detector: dict[str, int] = field(default_factory=dict)
    by_reason: dict[str, int] = field(default_factory=dict)
    invalid_utf8_lines: int = 0
    blank_lines: int = 0
    error_examples: list[dict[str, Any]] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        self.records += other.records
        self.ok += other.ok
        self.errors += other.errors
        self.bytes_in += other.bytes_in
        self.bytes_out += other.bytes_out
        self.removals += other.removals
        self.invalid_utf8_lines += other.invalid_utf8_lines
        self.blank_lines += other.blank_lines
        for mine, theirs in (
            (self.error_types, other.error_types),
            (self.by_detector, other.by_detector),
            (self.by_reason, other.by_reason),
        ):
            for k, v in theirs.items():
                _inc(mine, k, v)
        room = _MAX_ERROR_EXAMPLES - len(self.error_examples)
        if room > 0:
            self.error_examples.extend(other.error_examples[:room])

    def error(self, where: str, etype: str, message: str) -> None:
        self.records += 1
        self.errors += 1
        _inc(self.error_types, etype)
        if len(self.error_examples) < _MAX_ERROR_EXAMPLES:
            self.error_examples.append({"where": where, "error_type": etype, "error": message})

    def success(self, article: Article, nbytes_in: int) -> None:
        self.records += 1
        self.ok += 1
        self.bytes_in += nbytes_in
        self.bytes_out += nbytes(article.text)
        self.removals += len(article.removals)
        for r in article.removals:
            _inc(self.by_detector, r.detector)
            _inc(self.by_reason, r.reason)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Tally:
        return cls(**{k: v for k, v in d.items() if k in cls.__dataclass_fields__})
