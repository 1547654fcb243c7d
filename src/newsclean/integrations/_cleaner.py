"""The one way the framework adapters turn their keywords into a cleaner."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import Any

from .._batch import BatchOptions, LazyCleaner
from .._pipeline import Pipeline

__all__ = ["lazy_cleaner"]


def lazy_cleaner(
    pipeline: Pipeline | Mapping[str, Any] | str | None,
    fields: Mapping[str, Any],
    disable: Iterable[str],
    doc_timeout: float | None,
    mode: str,
) -> LazyCleaner:
    """A cleaner for ``fields`` (``BatchOptions`` field names) and the pass-through options.

    Built in the adapter's constructor, so unknown detector names or a bad mode fail there,
    in the driver, and not later in a worker; a new pass-through option is one more argument
    here instead of one more line in every adapter.
    """
    options = replace(
        BatchOptions(disable=tuple(disable), doc_timeout=doc_timeout, mode=mode), **fields
    )
    return LazyCleaner(pipeline, options)
