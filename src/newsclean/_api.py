"""The public functions. Each builds on :class:`~newsclean.pipeline.Pipeline`."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any

from .pipeline import Pipeline
from .removal import Article

__all__ = ["analyze", "clean", "clean_batch"]


@lru_cache(maxsize=1)
def _default() -> Pipeline:
    return Pipeline.default()


def _pipe(pipeline: Pipeline | None) -> Pipeline:
    return pipeline if pipeline is not None else _default()


def clean(text: str, *, pipeline: Pipeline | None = None) -> str:
    """The clean body of scraped plain ``text``: noise lines removed, kept text verbatim."""
    return _pipe(pipeline).analyze(text).text


def analyze(
    text: str,
    *,
    pipeline: Pipeline | None = None,
    title: str | None = None,
    meta: Mapping[str, str] | None = None,
    disable: Iterable[str] = (),
) -> Article:
    """Clean ``text`` and return the :class:`Article`: body, title, source and removals.

    ``title`` is a known headline (from HTML metadata, say): its copies are removed and the
    first line is not guessed at.
    """
    return _pipe(pipeline).analyze(text, title_hint=title, meta=meta, disable=disable)


def clean_batch(
    batch: Mapping[str, Sequence[Any]] | Sequence[str],
    *,
    text_field: str = "text",
    output_field: str = "text_clean",
    pipeline: Pipeline | None = None,
) -> Any:
    """Clean many texts at once; shaped for ``datasets.map(batched=True)`` and friends.

    Given a list of strings, returns a list of clean strings. Given a columnar batch (a dict of
    lists), returns the same dict with ``output_field`` added. A non-string item gives ``None``.
    """
    p = _pipe(pipeline)

    def one(x: Any) -> str | None:
        return p.analyze(x).text if isinstance(x, str) else None

    if isinstance(batch, Mapping):
        out = dict(batch)
        out[output_field] = [one(x) for x in batch[text_field]]
        return out
    return [one(x) for x in batch]
