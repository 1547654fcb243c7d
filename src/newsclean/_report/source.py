"""Reading the rows a report is made from: a batch output with removals, or any input to clean.

``newsclean report IN`` reads IN (JSONL, optionally .gz/.zst, or Parquet) row by row, in one
process and bounded memory. A row is either a ``newsclean batch --removals`` output row (its
input text, its clean text, its removals, its error columns) or, with ``clean=True``, an
input record that is cleaned here with the pipeline given.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import orjson

from .. import _io as nio
from .._batch import _MISSING, ERROR_FIELD, ERROR_TYPE_FIELD, BatchOptions, Cleaner, Tally
from .._pipeline import Pipeline
from ..errors import FormatError, NewscleanError
from .collect import ReportCollector

__all__ = ["ReportError", "ReportInput", "collect_file", "iter_rows"]


class ReportError(NewscleanError):
    """The report cannot be made from this input (wrong format, no removals...)."""


@dataclass(frozen=True)
class ReportInput:
    """Which fields of a row hold what (the defaults are ``newsclean batch``'s)."""

    text_field: str = "text"
    html_field: str | None = None
    url_field: str | None = "url"
    id_field: str | None = "id"
    output_field: str = "text_clean"
    removals_field: str = "removals"


def iter_rows(path: str) -> Iterator[Mapping[str, Any] | str]:
    """The rows of ``path`` as dicts; an unreadable JSONL line is yielded as its error message."""
    try:
        fmt, comp = nio.detect_format(path)
    except FormatError as e:
        raise ReportError(str(e)) from None
    if fmt == "parquet":
        try:
            nio.need_pyarrow()
        except FormatError as e:
            raise ReportError(str(e)) from None
        for batch in nio.iter_parquet_batches(path, batch_rows=1024):
            yield from batch.to_pylist()
        return
    stream = nio.open_jsonl_input(path, comp)
    try:
        for raw in stream:
            if not raw.strip():
                continue
            try:
                obj = orjson.loads(raw)
            except orjson.JSONDecodeError as e:
                yield f"invalid JSON: {e}"
                continue
            yield obj if isinstance(obj, dict) else f"a JSON {type(obj).__name__}, not an object"
    finally:
        if path != "-":
            stream.close()


def collect_file(
    path: str,
    collector: ReportCollector,
    fields: ReportInput | None = None,
    *,
    clean: bool = False,
    pipeline: Pipeline | None = None,
    disable: tuple[str, ...] = (),
) -> ReportCollector:
    """Feed every row of ``path`` to ``collector`` (cleaning it first when ``clean``)."""
    f = fields if fields is not None else ReportInput()
    cleaner: Cleaner | None = None
    if clean:
        options = BatchOptions(
            text_field=f.text_field,
            html_field=f.html_field,
            url_field=f.url_field,
            id_field=f.id_field,
            disable=disable,
        )
        cleaner = Cleaner(pipeline if pipeline is not None else Pipeline.default(), options)
    for index, row in enumerate(iter_rows(path)):
        if isinstance(row, str):
            etype = "invalid_json" if row.startswith("invalid JSON") else "not_an_object"
            collector.add_error(index, None, etype, f"row {index + 1}: {row}")
            continue
        ident = row.get(f.id_field) if f.id_field else None
        if cleaner is not None:
            field = f.html_field if f.html_field is not None else f.text_field
            value = row.get(field, _MISSING)
            url = row.get(f.url_field) if f.url_field else None
            article, etype_, msg = cleaner.clean(value, url, f"row {index + 1}", Tally())
            if article is None:
                collector.add_error(index, ident, etype_ or "error", msg)
            else:
                collector.add_article(index, ident, article)
            continue
        error_type = row.get(ERROR_TYPE_FIELD)
        if error_type:
            collector.add_error(index, ident, str(error_type), _str(row.get(ERROR_FIELD)))
            continue
        removals = row.get(f.removals_field)
        if not isinstance(removals, list):
            raise ReportError(
                f"row {index + 1} of {path} has no {f.removals_field!r} list: make the batch "
                "with `newsclean batch --removals`, or pass --clean to clean the input here"
            )
        source = row.get(f.text_field) if f.html_field is None else None
        collector.add_removals(
            index,
            ident,
            source if isinstance(source, str) else None,
            _str(row.get(f.output_field)),
            removals,
        )
    return collector


def _str(value: object) -> str | None:
    return value if isinstance(value, str) else None
