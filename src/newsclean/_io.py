"""Streaming readers and checkpointable writers for ``newsclean batch``.

Formats are chosen by file name: ``.jsonl`` / ``.ndjson`` (optionally ``.gz`` or ``.zst``) and
``.parquet``. Everything streams: readers hand out bounded chunks, writers append them.

The writers never write the final file directly. JSONL goes to ``OUT.tmp`` and Parquet to a
directory of part files ``OUT.parts/``; :meth:`commit` makes what was written so far durable
and returns a small state dict that :class:`~newsclean._batch` stores in its checkpoint, and
``finish`` renames (or, for Parquet, merges) the result into place. Compressed JSONL closes a
gzip member / zstd frame at every commit, so a checkpointed offset is always a valid prefix
(multi-member gzip and multi-frame zstd files are read back by every standard tool).
"""

from __future__ import annotations

import contextlib
import gzip
import importlib
import os
import shutil
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Literal

from .errors import CheckpointError, FormatError

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = [
    "Compression",
    "Format",
    "JsonlChunk",
    "JsonlSink",
    "ParquetSink",
    "detect_format",
    "iter_jsonl_chunks",
    "iter_parquet_batches",
    "open_jsonl_input",
    "parquet_num_rows",
    "parquet_schema",
]

Format = Literal["jsonl", "parquet"]
Compression = Literal["none", "gzip", "zstd"]

_JSONL_SUFFIXES = (".jsonl", ".ndjson", ".json")


def detect_format(path: str) -> tuple[Format, Compression]:
    """The format and compression of ``path``, from its name (``-`` is plain JSONL)."""
    if path == "-":
        return "jsonl", "none"
    name = path.lower()
    if name.endswith(".parquet") or name.endswith(".pq"):
        return "parquet", "none"
    comp: Compression = "none"
    if name.endswith(".gz"):
        comp, name = "gzip", name[:-3]
    elif name.endswith(".zst") or name.endswith(".zstd"):
        comp, name = "zstd", name.rsplit(".", 1)[0]
    if name.endswith(_JSONL_SUFFIXES):
        if comp == "zstd":
            _need_zstd()
        return "jsonl", comp
    raise FormatError(
        f"cannot tell the format of {path!r}: use .jsonl (optionally .gz or .zst) or .parquet"
    )


def _optional(modules: tuple[str, ...], needs: str, extra: str) -> Any:
    """The first of ``modules`` (all imported), or a :class:`FormatError` naming the extra
    that installs them."""
    try:
        for name in modules:
            importlib.import_module(name)
    except ImportError:  # pragma: no cover - depends on the environment
        raise FormatError(
            f"{needs} needs the {modules[0]!r} package: pip install 'newsclean[{extra}]'"
        ) from None
    return sys.modules[modules[0]]


def _need_zstd() -> Any:
    return _optional(("zstandard",), "zstd-compressed JSONL", "zstd")


def need_pyarrow() -> Any:
    return _optional(("pyarrow", "pyarrow.parquet"), "Parquet", "parquet")


# -- JSONL input -----------------------------------------------------------------------------


def open_jsonl_input(path: str, compression: Compression) -> IO[bytes]:
    """A binary stream of the (decompressed) JSONL bytes of ``path`` (``-`` is stdin)."""
    if path == "-":
        return sys.stdin.buffer
    if compression == "gzip":
        return gzip.open(path, "rb")  # type: ignore[return-value]
    if compression == "zstd":
        import io

        zstandard = _need_zstd()
        raw = open(path, "rb")  # noqa: SIM115 - owned by the returned reader
        reader = zstandard.ZstdDecompressor().stream_reader(raw, read_across_frames=True)
        return io.BufferedReader(reader, buffer_size=1 << 20)
    return open(path, "rb", buffering=1 << 20)


@dataclass
class JsonlChunk:
    """Consecutive input lines: ``lines`` holds (1-based line number, raw bytes)."""

    lines: list[tuple[int, bytes]]
    #: Physical lines consumed up to the end of this chunk (blank ones included).
    end_line: int
    #: Byte offset in the decompressed stream after this chunk.
    end_offset: int
    #: Blank lines skipped inside this chunk (they are not records).
    blank: int


def iter_jsonl_chunks(
    stream: IO[bytes],
    *,
    chunk_docs: int,
    chunk_bytes: int,
    start_line: int = 0,
    start_offset: int = 0,
) -> Iterator[JsonlChunk]:
    """Split ``stream`` into chunks of at most ``chunk_docs`` lines / about ``chunk_bytes``.

    Whitespace-only lines are not records: they are counted in ``blank`` and dropped.
    ``start_line``/``start_offset`` say where ``stream`` is positioned (after a resume).
    """
    line_no = start_line
    offset = start_offset
    lines: list[tuple[int, bytes]] = []
    size = 0
    blank = 0
    for raw in stream:
        line_no += 1
        offset += len(raw)
        if line_no == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        if not raw.strip():
            blank += 1
        else:
            lines.append((line_no, raw))
            size += len(raw)
        if len(lines) >= chunk_docs or size >= chunk_bytes:
            yield JsonlChunk(lines, line_no, offset, blank)
            lines, size, blank = [], 0, 0
    if lines or blank:
        yield JsonlChunk(lines, line_no, offset, blank)


def skip_lines(stream: IO[bytes], n: int) -> int:
    """Read past ``n`` lines of ``stream``; returns the number of bytes skipped."""
    skipped = 0
    for _ in range(n):
        line = stream.readline()
        if not line:
            raise CheckpointError(f"the input ended after {_} lines; the checkpoint expected {n}")
        skipped += len(line)
    return skipped


# -- JSONL output ----------------------------------------------------------------------------


class JsonlSink:
    """Appends JSONL bytes to ``OUT.tmp``; :meth:`commit` and :meth:`finish` as described above."""

    def __init__(self, final: str, compression: Compression, *, resume_offset: int | None = None):
        self.final = final
        self.tmp = final + ".tmp"
        self.compression = compression
        self._raw: IO[bytes]
        if resume_offset is None:
            self._raw = open(self.tmp, "wb")  # noqa: SIM115 - closed in finish/abort
        else:
            if not os.path.exists(self.tmp):
                raise CheckpointError(f"cannot resume: partial output {self.tmp} is missing")
            self._raw = open(self.tmp, "r+b")  # noqa: SIM115
            self._raw.truncate(resume_offset)
            self._raw.seek(resume_offset)
        self._member: Any = None
        self.bytes_written = self._raw.tell()

    def _stream(self) -> Any:
        if self.compression == "none":
            return self._raw
        if self._member is None:
            if self.compression == "gzip":
                self._member = gzip.GzipFile(fileobj=self._raw, mode="wb", compresslevel=6)
            else:
                zstandard = _need_zstd()
                self._member = zstandard.ZstdCompressor(level=3).stream_writer(
                    self._raw, closefd=False
                )
        return self._member

    def write(self, data: bytes) -> None:
        if data:
            self._stream().write(data)

    def commit(self) -> dict[str, int]:
        """Flush everything written so far to disk; the state to resume from."""
        if self._member is not None:
            self._member.close()  # ends the gzip member / zstd frame; the file stays open
            self._member = None
        self._raw.flush()
        os.fsync(self._raw.fileno())
        self.bytes_written = self._raw.tell()
        return {"offset": self.bytes_written}

    def finish(self) -> None:
        self.commit()
        self._raw.close()
        os.replace(self.tmp, self.final)

    def abort(self) -> None:
        """Close without committing: the partial file stays for ``--resume``."""
        with contextlib.suppress(OSError):
            self._raw.close()

    def discard(self) -> None:
        self.abort()
        if os.path.exists(self.tmp):
            os.unlink(self.tmp)


# -- Parquet ---------------------------------------------------------------------------------


def parquet_schema(path: str) -> pa.Schema:
    need_pyarrow()
    import pyarrow.parquet as pq

    return pq.ParquetFile(path).schema_arrow


def parquet_num_rows(path: str) -> int:
    need_pyarrow()
    import pyarrow.parquet as pq

    return int(pq.ParquetFile(path).metadata.num_rows)


def iter_parquet_batches(path: str, *, batch_rows: int, skip: int = 0) -> Iterator[pa.RecordBatch]:
    """Record batches of at most ``batch_rows`` rows, row group by row group, after ``skip``."""
    need_pyarrow()
    import pyarrow.parquet as pq

    pf = pq.ParquetFile(path)
    meta = pf.metadata
    first = 0
    while first < meta.num_row_groups and skip >= meta.row_group(first).num_rows:
        skip -= meta.row_group(first).num_rows
        first += 1
    if first >= meta.num_row_groups:
        return
    groups = list(range(first, meta.num_row_groups))
    for batch in pf.iter_batches(batch_size=batch_rows, row_groups=groups, use_threads=False):
        if skip:
            if skip >= batch.num_rows:
                skip -= batch.num_rows
                continue
            batch = batch.slice(skip)
            skip = 0
        yield batch


class ParquetSink:
    """Writes record batches into part files ``OUT.parts/part-NNNNN.parquet``.

    :meth:`commit` closes the current part; :meth:`finish` merges the parts, row group by row
    group, into ``OUT.tmp`` and renames it to ``OUT``.
    """

    def __init__(self, final: str, schema: pa.Schema, *, resume_parts: int | None = None):
        need_pyarrow()
        self.final = final
        self.parts_dir = final + ".parts"
        self.schema = schema
        self._writer: Any = None
        if resume_parts is None:
            if os.path.isdir(self.parts_dir):
                shutil.rmtree(self.parts_dir)
            os.makedirs(self.parts_dir)
            self.parts = 0
        else:
            if not os.path.isdir(self.parts_dir):
                raise CheckpointError(f"cannot resume: {self.parts_dir} is missing")
            self.parts = resume_parts
            for name in os.listdir(self.parts_dir):  # parts after the checkpoint are partial
                if not name.startswith("part-") or int(name[5:10]) >= resume_parts:
                    os.unlink(os.path.join(self.parts_dir, name))
        self.bytes_written = self._parts_size()

    def _part(self, i: int) -> str:
        return os.path.join(self.parts_dir, f"part-{i:05d}.parquet")

    def _parts_size(self) -> int:
        return sum(os.path.getsize(self._part(i)) for i in range(self.parts))

    def write(self, batch: pa.RecordBatch) -> None:
        import pyarrow.parquet as pq

        if self._writer is None:
            self._writer = pq.ParquetWriter(self._part(self.parts), self.schema)
        self._writer.write_batch(batch)

    def commit(self) -> dict[str, int]:
        if self._writer is not None:
            self._writer.close()
            self._writer = None
            with open(self._part(self.parts), "rb") as fh:
                os.fsync(fh.fileno())
            self.parts += 1
        self.bytes_written = self._parts_size()
        return {"parts": self.parts}

    def finish(self) -> None:
        import pyarrow.parquet as pq

        self.commit()
        tmp = self.final + ".tmp"
        if self.parts == 1:  # zero parts: the writer below makes a valid empty file
            os.replace(self._part(0), tmp)
        else:
            with pq.ParquetWriter(tmp, self.schema) as out:
                for i in range(self.parts):
                    pf = pq.ParquetFile(self._part(i))
                    for g in range(pf.metadata.num_row_groups):
                        out.write_table(pf.read_row_group(g))
        os.replace(tmp, self.final)
        shutil.rmtree(self.parts_dir, ignore_errors=True)
        self.bytes_written = os.path.getsize(self.final)

    def abort(self) -> None:
        if self._writer is not None:
            with contextlib.suppress(Exception):  # best effort on the way out
                self._writer.close()
            self._writer = None

    def discard(self) -> None:
        self.abort()
        shutil.rmtree(self.parts_dir, ignore_errors=True)


def file_size(path: str) -> int | None:
    try:
        return Path(path).stat().st_size
    except OSError:
        return None
