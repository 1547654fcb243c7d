"""Arrow schemas and conversions: Parquet output from either input, JSONL rows from Parquet.

Parquet output schema (documented in docs/cli.md):

* Parquet in: the input's columns with their types, in order, then the added columns.
* JSONL in: one column per top-level field of the first chunk of records (``--chunk-size``),
  typed by pyarrow's inference from those records (a field that is null throughout them
  becomes ``string``), then ``line`` (``int64``; set on rows of unparseable lines) and the
  added columns. A later record with a field the first chunk did not have, or a value that
  does not fit its column's type, stops the run with an error naming the line.
* Added columns: ``text_clean`` ``string``, ``removals`` ``list<struct>`` (the fields of
  ``Removal.to_dict()``), ``error_type`` ``string``, ``error`` ``string``.
"""

from __future__ import annotations

import base64
from typing import TYPE_CHECKING, Any

import orjson

from .options import ERROR_FIELD, ERROR_TYPE_FIELD, LINE_FIELD, BatchError, BatchOptions
from .tasks import ColumnResult, dumps

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = ["added_types", "column_batch", "output_schema", "rows_batch", "rows_schema"]


def added_types(options: BatchOptions) -> dict[str, pa.DataType]:
    """The Arrow types of the columns a batch adds."""
    import pyarrow as pa

    removal = pa.struct(
        [
            ("start", pa.int64()),
            ("end", pa.int64()),
            ("line", pa.int64()),
            ("detector", pa.string()),
            ("reason", pa.string()),
            ("kind", pa.string()),
            ("confidence", pa.float64()),
            ("text", pa.string()),
            ("data", pa.map_(pa.string(), pa.string())),
        ]
    )
    types: dict[str, pa.DataType] = {options.output_field: pa.string()}
    if options.removals_field:
        types[options.removals_field] = pa.list_(removal)
    types[ERROR_TYPE_FIELD] = pa.string()
    types[ERROR_FIELD] = pa.string()
    return types


def output_schema(in_schema: pa.Schema, options: BatchOptions) -> pa.Schema:
    """The input's columns (an added one keeps its place, with its new type), then the rest."""
    import pyarrow as pa

    types = added_types(options)
    fields = [pa.field(f.name, types.pop(f.name)) if f.name in types else f for f in in_schema]
    fields += [pa.field(name, t) for name, t in types.items()]
    return pa.schema(fields, metadata=in_schema.metadata)


def column_batch(
    batch: pa.RecordBatch, res: ColumnResult, schema: pa.Schema, o: BatchOptions
) -> pa.RecordBatch:
    """A Parquet input batch with the cleaned columns set."""
    import pyarrow as pa

    added: dict[str, Any] = {
        o.output_field: res.clean,
        ERROR_TYPE_FIELD: res.error_type,
        ERROR_FIELD: res.error,
    }
    if o.removals_field:
        added[o.removals_field] = res.removals
    arrays = [
        pa.array(added[f.name], type=f.type) if f.name in added else batch.column(f.name)
        for f in schema
    ]
    return pa.RecordBatch.from_arrays(arrays, schema=schema)


def column_jsonl(batch: pa.RecordBatch, res: ColumnResult, o: BatchOptions) -> bytes:
    """A Parquet input batch as JSONL rows with the cleaned fields set."""
    out: list[bytes] = []
    for i, row in enumerate(batch.to_pylist()):
        row[o.output_field] = res.clean[i]
        if o.removals_field:
            row[o.removals_field] = res.removals[i] if res.removals is not None else None
        row[ERROR_TYPE_FIELD] = res.error_type[i]
        row[ERROR_FIELD] = res.error[i]
        out.append(dumps(row))
    return b"".join(out)


def rows_schema(rows: list[dict[str, Any]], options: BatchOptions) -> pa.Schema:
    """The Parquet schema of JSONL input, from its first chunk of output rows."""
    import pyarrow as pa

    types = added_types(options)
    keys = list(dict.fromkeys(k for row in rows for k in row))  # every row's, first seen first
    inferred = pa.table({k: [row.get(k) for row in rows] for k in keys}).schema
    fields = []
    for f in inferred:
        if f.name in types or f.name == LINE_FIELD:
            continue
        fields.append(pa.field(f.name, pa.string()) if pa.types.is_null(f.type) else f)
    if options.id_field and options.id_field not in inferred.names:
        fields.append(pa.field(options.id_field, pa.string()))
    fields.append(pa.field(LINE_FIELD, pa.int64()))
    fields += [pa.field(name, t) for name, t in types.items()]
    return pa.schema(fields)


def rows_batch(data: bytes, schema: pa.Schema, first_line: int) -> pa.RecordBatch:
    """JSONL output rows as a record batch of ``schema``; refuses what it cannot hold."""
    import pyarrow as pa

    rows = [orjson.loads(line) for line in data.splitlines()]
    names = set(schema.names)
    for row in rows:
        extra = row.keys() - names
        if extra:
            raise BatchError(
                f"a record near line {first_line} has field(s) {sorted(extra)} that the first "
                "chunk of records did not have, so the Parquet schema has no column for them: "
                "write JSONL, or use a larger --chunk-size"
            )
    try:
        return pa.RecordBatch.from_pylist(rows, schema=schema)
    except (pa.ArrowInvalid, pa.ArrowTypeError, OverflowError) as e:
        raise BatchError(
            f"a record near line {first_line} does not fit the Parquet schema taken from the "
            f"first chunk of records ({e}): write JSONL instead"
        ) from None


def schema_to_text(schema: pa.Schema) -> str:
    return base64.b64encode(schema.serialize().to_pybytes()).decode("ascii")


def schema_from_text(text: str) -> pa.Schema:
    import pyarrow as pa

    return pa.ipc.read_schema(pa.py_buffer(base64.b64decode(text)))
