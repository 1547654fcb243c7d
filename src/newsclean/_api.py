"""The public functions. Each builds on :class:`~newsclean.Pipeline`."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any

from ._pipeline import Pipeline
from ._removal import Article
from .errors import ConfigError

__all__ = ["analyze", "clean", "clean_batch"]


@lru_cache(maxsize=1)
def _default() -> Pipeline:
    return Pipeline.default()


def _pipe(pipeline: Pipeline | None) -> Pipeline:
    return pipeline if pipeline is not None else _default()


def clean(text: str, *, pipeline: Pipeline | None = None, mode: str = "article") -> str:
    """The clean body of scraped plain ``text``: noise lines removed, kept text verbatim.

    ``mode="page"`` reads ``text`` as a whole page (menus and footers still in) and keeps its
    main content: see :func:`newsclean.analyze_page`.
    """
    return analyze(text, pipeline=pipeline, mode=mode).text


def analyze(
    text: str,
    *,
    pipeline: Pipeline | None = None,
    title: str | None = None,
    meta: Mapping[str, str] | None = None,
    disable: Iterable[str] = (),
    mode: str = "article",
) -> Article:
    """Clean ``text`` and return the :class:`Article`: body, title, source and removals.

    ``title`` is a known headline (from HTML metadata, say): its copies are removed and the
    first line is not guessed at. ``mode`` is ``"article"`` (extractor output, the default)
    or ``"page"`` (the text of a whole page).
    """
    if mode == "page":
        from ._page import analyze_page  # the page model loads only when asked for

        return analyze_page(text, _pipe(pipeline), title_hint=title, meta=meta, disable=disable)
    if mode != "article":
        raise ConfigError(f"mode must be 'article' or 'page', not {mode!r}")
    return _pipe(pipeline).analyze(text, title_hint=title, meta=meta, disable=disable)


def clean_batch(
    batch: Mapping[str, Sequence[Any]] | Sequence[str],
    *,
    text_field: str = "text",
    output_field: str = "text_clean",
    pipeline: Pipeline | None = None,
    mode: str = "article",
) -> Any:
    """Clean many texts at once; shaped for ``datasets.map(batched=True)`` and friends.

    Given a list of strings, returns a list of clean strings. Given a columnar batch (a dict of
    lists), returns the same dict with ``output_field`` added. A non-string item gives ``None``.
    """
    p = _pipe(pipeline)

    def one(x: Any) -> str | None:
        return analyze(x, pipeline=p, mode=mode).text if isinstance(x, str) else None

    if isinstance(batch, Mapping):
        out = dict(batch)
        out[output_field] = [one(x) for x in batch[text_field]]
        return out
    return [one(x) for x in batch]
