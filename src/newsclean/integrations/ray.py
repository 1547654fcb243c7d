"""Clean a Ray Data dataset with newsclean: a callable class for ``Dataset.map_batches``.

::

    import ray
    from newsclean.integrations.ray import NewscleanMapper

    ds = ray.data.read_json("pages/")  # or read_parquet("s3://bucket/pages/")
    ds = ds.map_batches(
        NewscleanMapper,
        fn_constructor_kwargs={"text_column": "text", "removals_column": "removals"},
        compute=ray.data.ActorPoolStrategy(size=2),  # actors; each builds the pipeline once
        num_cpus=0.5,             # per actor: leave CPUs to the read tasks, or they starve
        batch_size=64,
        batch_format="pyarrow",   # "pandas" and "numpy" work too
    )

Size the pool to the cluster: with ``num_cpus=1`` per actor and as many actors as CPUs,
the read tasks never get a CPU and the dataset hangs. ``compute=`` replaces the deprecated
``concurrency=`` argument (Ray 2.4x and later).

Each batch gets ``output_column`` (the clean text, null on failure), ``error_column`` (null
or ``"<error_type>: <message>"``) and, when ``removals_column`` is set, the removals as a
JSON string per row (JSON keeps the column's type simple for every batch format). Nothing
here imports Ray: the module works on the batch objects Ray hands it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import orjson

from .._batch import MISSING
from .._pipeline import Pipeline
from ..errors import FormatError
from ._cleaner import lazy_cleaner

__all__ = ["NewscleanMapper", "clean_batch"]


class NewscleanMapper:
    """``map_batches`` callable: cleans ``text_column`` (or HTML from ``html_column``)."""

    def __init__(
        self,
        pipeline: Pipeline | Mapping[str, Any] | str | None = None,
        *,
        text_column: str = "text",
        html_column: str | None = None,
        url_column: str | None = "url",
        output_column: str = "text_clean",
        error_column: str = "newsclean_error",
        removals_column: str | None = None,
        disable: Iterable[str] = (),
        doc_timeout: float | None = None,
        mode: str = "article",
    ) -> None:
        fields = {
            "text_field": text_column,
            "html_field": html_column,
            "url_field": url_column,
            "output_field": output_column,
        }
        self.cleaner = lazy_cleaner(pipeline, fields, disable, doc_timeout, mode)
        self.options = self.cleaner.options
        self.error_column = error_column
        self.removals_column = removals_column

    def _clean(
        self, values: list[Any], urls: list[Any] | None
    ) -> tuple[list[str | None], list[str | None], list[str | None]]:
        clean: list[str | None] = []
        errors: list[str | None] = []
        removals: list[str | None] = []
        for i, value in enumerate(values):
            url = urls[i] if urls is not None else None
            article, etype, message = self.cleaner.clean(value, url, f"row {i}")
            if article is None:
                clean.append(None)
                errors.append(f"{etype}: {message}")
                removals.append(None)
            else:
                clean.append(article.text)
                errors.append(None)
                data = [r.to_dict() for r in article.removals] if self.removals_column else None
                removals.append(orjson.dumps(data).decode() if data is not None else None)
        return clean, errors, removals

    def __call__(self, batch: Any) -> Any:
        o = self.options
        col = o.input_field
        url_col = o.url_field if o.html_field is not None else None
        kind = type(batch).__module__.split(".", 1)[0]
        if kind == "pandas":
            values = _pandas_list(batch, col)
            urls = _pandas_list(batch, url_col)
            n = len(batch)
        elif kind == "pyarrow":
            names = batch.column_names
            values = batch.column(col).to_pylist() if col in names else None
            urls = batch.column(url_col).to_pylist() if url_col and url_col in names else None
            n = batch.num_rows
        elif isinstance(batch, Mapping):
            values = [_py(v) for v in batch[col]] if col in batch else None
            urls = [_py(v) for v in batch[url_col]] if url_col and url_col in batch else None
            n = len(next(iter(batch.values()))) if batch else 0
        else:
            raise FormatError(f"unsupported batch type {type(batch).__name__}")
        if values is None:
            values = [MISSING] * n
        clean, errors, removals = self._clean(values, urls)
        new: dict[str, list[str | None]] = {o.output_field: clean, self.error_column: errors}
        if self.removals_column:
            new[self.removals_column] = removals
        if kind == "pandas":
            out = batch.copy()
            for k, v in new.items():
                out[k] = v
            return out
        if kind == "pyarrow":
            import pyarrow as pa

            for k, v in new.items():
                arr = pa.array(v, type=pa.string())
                if k in batch.column_names:
                    batch = batch.set_column(batch.column_names.index(k), k, arr)
                else:
                    batch = batch.append_column(k, arr)
            return batch
        import numpy as np

        out_d = dict(batch)
        for k, v in new.items():
            out_d[k] = np.array(v, dtype=object)
        return out_d


def _pandas_list(frame: Any, column: str | None) -> list[Any] | None:
    """A column as a list, pandas' missing markers (NaN, NA) turned into None."""
    if not column or column not in frame.columns:
        return None
    col = frame[column]
    values, missing = col.tolist(), col.isna().tolist()
    return [None if gone else v for v, gone in zip(values, missing, strict=True)]


def _py(v: Any) -> Any:
    """A numpy scalar or bytes cell as the plain Python value."""
    item = getattr(v, "item", None)
    if item is not None and not isinstance(v, (str, bytes)):
        try:
            return item()
        except (TypeError, ValueError):
            return v
    return v


def clean_batch(batch: Any, **kwargs: Any) -> Any:
    """One-off function form: ``ds.map_batches(clean_batch, fn_kwargs={...})``.

    Builds the pipeline on every call; prefer :class:`NewscleanMapper` with actors.
    """
    return NewscleanMapper(**kwargs)(batch)
