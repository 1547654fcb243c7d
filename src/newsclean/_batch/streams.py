"""The input side (tasks from JSONL lines or Parquet batches) and the output side of a run.

Any input format can go to any output format: :class:`Output` turns a JSONL result into
Parquet rows and a Parquet result into JSONL lines (the schema rules are in
:mod:`newsclean._batch.arrow`).
"""

from __future__ import annotations

import zlib
from collections import deque
from collections.abc import Iterator
from typing import IO, TYPE_CHECKING, Any

from .. import _io as nio
from . import arrow
from .checkpoint import Checkpoint
from .options import BatchError, BatchIOError, BatchOptions
from .tasks import ColumnResult, ColumnTask, JsonlResult, JsonlTask

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = ["READ_ERRORS", "JsonlSource", "Output", "ParquetSource", "verify_compressed"]

#: What a damaged or vanished input raises while it is read.
READ_ERRORS: tuple[type[BaseException], ...] = (OSError, EOFError, zlib.error)


def _zstd_error() -> tuple[type[BaseException], ...]:
    try:
        import zstandard
    except ImportError:
        return ()
    return (zstandard.ZstdError,)


def verify_compressed(path: str, compression: nio.Compression) -> None:
    """Read a compressed input through once, so damage stops the run before any work.

    Inflating is ~100x faster than cleaning, so this costs about 1% of a run; without it a
    truncated file or trailing garbage fails only at the end, after every record.
    """
    if compression == "none" or path == "-":
        return
    try:
        with nio.open_jsonl_input(path, compression) as fh:
            while fh.read(1 << 20):
                pass
    except READ_ERRORS + _zstd_error() as e:
        raise BatchIOError(f"the input {path} is damaged: {e or type(e).__name__}") from None


class JsonlSource:
    """JSONL lines in chunks, from where the checkpoint left off."""

    total: int | None = None

    def __init__(self, path: str, comp: nio.Compression, ckpt: Checkpoint) -> None:
        self.path = path
        self.ckpt = ckpt
        self.stream: IO[bytes] = nio.open_jsonl_input(path, comp)
        try:
            if ckpt.lines and comp == "none" and self.stream.seekable():
                self.stream.seek(ckpt.input_offset)
            elif ckpt.lines:
                nio.skip_lines(self.stream, ckpt.lines)
        except BaseException:
            self.close()
            raise

    def tasks(self, chunk_docs: int, chunk_bytes: int) -> Iterator[JsonlTask]:
        chunks = nio.iter_jsonl_chunks(
            self.stream,
            chunk_docs=chunk_docs,
            chunk_bytes=chunk_bytes,
            start_line=self.ckpt.lines,
            start_offset=self.ckpt.input_offset,
        )
        try:
            for c in chunks:
                yield JsonlTask(c.lines, c.end_line, c.end_offset, c.blank)
        except READ_ERRORS + _zstd_error() as e:
            raise BatchIOError(
                f"reading {self.path} failed after line {self.ckpt.lines}: "
                f"{e or type(e).__name__}; the output so far is checkpointed: run the same "
                "command with --resume once the input reads again"
            ) from None

    def done(self, task: Any) -> None:
        self.ckpt.lines, self.ckpt.input_offset = task.end_line, task.end_offset
        self.ckpt.tally.blank_lines += task.blank

    def close(self) -> None:
        if self.path != "-":
            self.stream.close()


class ParquetSource:
    """Record batches of a Parquet file; each is queued until its result is written."""

    def __init__(self, path: str, options: BatchOptions, ckpt: Checkpoint) -> None:
        self.path = path
        self.options = options
        self.ckpt = ckpt
        self.total: int | None = nio.parquet_num_rows(path)
        self.batches: deque[pa.RecordBatch] = deque()

    def tasks(self, chunk_docs: int, chunk_bytes: int) -> Iterator[ColumnTask]:
        first = self.ckpt.records
        o = self.options
        for b in nio.iter_parquet_batches(self.path, batch_rows=chunk_docs, skip=first):
            self.batches.append(b)
            urls = _column(b, o.url_field) if o.is_html else None
            values, ids = _column(b, o.input_field), _column(b, o.id_field)
            yield ColumnTask(values, first, urls, ids, b.num_rows)
            first += b.num_rows

    def done(self, task: Any) -> None:
        self.ckpt.lines += len(task)

    def close(self) -> None:
        self.batches.clear()


def _column(batch: pa.RecordBatch, name: str | None) -> list[Any] | None:
    return batch.column(name).to_pylist() if name and name in batch.schema.names else None


Source = JsonlSource | ParquetSource


class Output:
    """The sink of a run, fed with results of either kind."""

    def __init__(self, sink: nio.JsonlSink | nio.ParquetSink, options: BatchOptions) -> None:
        self.sink = sink
        self.options = options
        #: JSONL to Parquet: the schema is taken from the first chunk (None until then).
        self.infer_schema = False

    def write(self, task: Any, result: Any, source: Source) -> None:
        o, sink = self.options, self.sink
        if isinstance(result, JsonlResult):
            if isinstance(sink, nio.JsonlSink):
                sink.write(result.data)
                return
            if self.infer_schema:
                rows = [_loads(x) for x in result.data.splitlines()]
                sink.schema = arrow.rows_schema(rows, o)
                self.infer_schema = False
            first = task.lines[0][0] if task.lines else 0
            sink.write(arrow.rows_batch(result.data, sink.schema, first))
            return
        assert isinstance(result, ColumnResult) and isinstance(source, ParquetSource)
        batch = source.batches.popleft()
        if isinstance(sink, nio.ParquetSink):
            sink.write(arrow.column_batch(batch, result, sink.schema, o))
        else:
            sink.write(arrow.column_jsonl(batch, result, o))

    def commit(self) -> dict[str, Any]:
        state: dict[str, Any] = self.sink.commit()
        if isinstance(self.sink, nio.ParquetSink) and not self.infer_schema:
            state["schema"] = arrow.schema_to_text(self.sink.schema)
        return state


def _loads(line: bytes) -> dict[str, Any]:
    import orjson

    row: dict[str, Any] = orjson.loads(line)
    return row


def open_output(
    output_path: str, input_schema: pa.Schema | None, options: BatchOptions, ckpt: Checkpoint
) -> Output:
    """The sink, truncated to the checkpoint when resuming."""
    fmt, comp = nio.detect_format(output_path)
    state = ckpt.sink if ckpt.loaded else None
    if fmt == "jsonl":
        offset = state["offset"] if state is not None else None
        return Output(nio.JsonlSink(output_path, comp, resume_offset=offset), options)
    import pyarrow as pa

    infer = False
    if input_schema is not None:
        schema = arrow.output_schema(input_schema, options)
    elif state is not None and "schema" in state:
        schema = arrow.schema_from_text(state["schema"])
    else:
        schema, infer = pa.schema([]), True
    parts = state["parts"] if state is not None else None
    out = Output(nio.ParquetSink(output_path, schema, resume_parts=parts), options)
    out.infer_schema = infer
    if infer and parts:
        raise BatchError(f"{ckpt.path} has no Parquet schema; use --fresh to start over")
    return out
