"""A whole run: checks before any work, the loop over results, checkpoints, signals, summary."""

from __future__ import annotations

import os
import signal
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType
from typing import IO, Any

from .. import _io as nio
from .._pipeline import Pipeline
from ..errors import CheckpointError, FormatError
from .checkpoint import Checkpoint, checkpoint_path, identity
from .cleaner import check_options, missing_message
from .options import BatchError, BatchIOError, BatchOptions, Interrupted
from .runner import Runner
from .streams import JsonlSource, Output, ParquetSource, Source, open_output, verify_compressed
from .summary import make_summary

__all__ = ["MISSING_FIELD_RECORDS", "BatchRun", "run_batch"]

#: When this many first records (or the whole input, if shorter) all lack the input field,
#: the field name is wrong: the run stops instead of writing an error row per record.
MISSING_FIELD_RECORDS = 100


class _Signals:
    """SIGTERM/SIGINT become :class:`Interrupted`, but never inside a write (held till after)."""

    def __init__(self) -> None:
        self.depth = 0
        self.pending: int | None = None

    def on_signal(self, signum: int, frame: FrameType | None) -> None:
        if self.depth:
            self.pending = signum
        else:
            raise Interrupted(signum)

    @contextmanager
    def hold(self) -> Iterator[None]:
        self.depth += 1
        try:
            yield
        finally:
            self.depth -= 1
        if self.pending is not None and not self.depth:
            signum, self.pending = self.pending, None
            raise Interrupted(signum)

    @contextmanager
    def installed(self, on: bool) -> Iterator[None]:
        sigs = (signal.SIGTERM, signal.SIGINT) if on else ()
        old = {s: signal.signal(s, self.on_signal) for s in sigs}
        try:
            yield
        finally:
            for s, h in old.items():
                signal.signal(s, h)


class BatchRun:
    """One ``newsclean batch`` run; :meth:`run` returns the summary dict."""

    def __init__(
        self,
        input_path: str,
        output_path: str,
        pipeline: Pipeline,
        options: BatchOptions,
        *,
        jobs: int = 1,
        chunk_docs: int = 256,
        chunk_bytes: int = 8 << 20,
        checkpoint_every: float = 5.0,
    ) -> None:
        self.input_path, self.output_path = input_path, output_path
        self.pipeline, self.options = pipeline, options
        self.jobs = max(1, jobs)
        self.chunk_docs, self.chunk_bytes = chunk_docs, chunk_bytes
        self.checkpoint_every = checkpoint_every
        self.started = time.monotonic()
        self.signals = _Signals()
        self.restarts = 0

    # -- before any work -------------------------------------------------------------------

    def check(self, *, resume: bool) -> tuple[nio.Format, nio.Compression]:
        """Refuse what cannot work, before a worker starts or a byte is written."""
        check_options(self.pipeline, self.options)
        src, out = self.input_path, self.output_path
        try:
            fmt_in, comp_in = nio.detect_format(src)
            fmt_out, _ = nio.detect_format(out)
            if "parquet" in (fmt_in, fmt_out):
                nio.need_pyarrow()
        except FormatError as e:
            raise BatchError(str(e)) from None
        if out == "-":
            raise BatchError("batch needs an output file (-o OUT), not stdout")
        if src != "-" and not os.path.isfile(src):
            raise BatchError(f"no such input file: {src}")
        if src != "-" and os.path.abspath(src) == os.path.abspath(out):
            raise BatchError("the output must not be the input file")
        if src == "-" and resume:
            raise BatchError("--resume needs an input file, not stdin")
        _check_output_path(out)
        if fmt_in == "parquet":
            _check_parquet_column(src, self.options)
        verify_compressed(src, comp_in)
        return fmt_in, comp_in

    # -- the run ---------------------------------------------------------------------------

    def run(
        self, *, resume: bool = False, fresh: bool = False, progress: bool = False, log: IO[str]
    ) -> dict[str, Any]:
        fmt_in, comp_in = self.check(resume=resume)
        ident = identity(self.input_path, self.pipeline, self.options)
        ckpt = Checkpoint.load(checkpoint_path(self.output_path), ident, resume=resume, fresh=fresh)
        if resume and not ckpt.loaded:
            print(f"newsclean: no checkpoint at {ckpt.path}; starting from the beginning", file=log)
        opened = self._open(fmt_in, comp_in, ckpt)
        if opened is None:
            return self._summary(ckpt)
        out, source = opened
        try:
            if not ckpt.finished:
                self._save(ckpt, out)
                self._loop(ckpt, out, source, progress)
            self._finish(ckpt, out)
        finally:
            source.close()
        return self._summary(ckpt)

    def _open(
        self, fmt_in: nio.Format, comp_in: nio.Compression, ckpt: Checkpoint
    ) -> tuple[Output, Source] | None:
        """Output (truncated to the checkpoint) and input (past it).

        None when a finished run had already renamed its output: only the checkpoint was left.
        """
        schema = nio.parquet_schema(self.input_path) if fmt_in == "parquet" else None
        try:
            out = open_output(self.output_path, schema, self.options, ckpt)
        except (CheckpointError, FileNotFoundError):
            if ckpt.finished and os.path.exists(self.output_path):
                ckpt.remove()
                return None
            msg = f"cannot resume: the partial output of {ckpt.path} is gone"
            raise BatchIOError(msg) from None
        except OSError as e:
            raise BatchIOError(f"cannot write {self.output_path}: {e}") from e
        try:
            if fmt_in == "jsonl":
                return out, JsonlSource(self.input_path, comp_in, ckpt)
            return out, ParquetSource(self.input_path, self.options, ckpt)
        except (OSError, EOFError) as e:
            out.sink.abort()
            raise BatchIOError(f"cannot {'resume' if ckpt.loaded else 'start'}: {e}") from e

    def _loop(self, ckpt: Checkpoint, out: Output, source: Source, progress: bool) -> None:
        bar = _progress_bar(progress, source.total, ckpt.records)
        runner: Runner[Any] = Runner(self.pipeline, self.options, self.jobs)
        last_save = time.monotonic()
        try:
            tasks = source.tasks(self.chunk_docs, self.chunk_bytes)
            for task, result in runner.map(tasks, window=2 * self.jobs):
                with self.signals.hold():
                    out.write(task, result, source)
                    source.done(task)
                    ckpt.tally.add(result.tally)
                    ckpt.records += len(task)
                    self._check_field(ckpt, out, end=False)
                if bar is not None:
                    bar.tick(len(task), ckpt.tally.bytes_in)
                if time.monotonic() - last_save >= self.checkpoint_every:
                    self._save(ckpt, out)
                    last_save = time.monotonic()
            self._check_field(ckpt, out, end=True)
        except (Interrupted, BatchIOError):
            runner.close(kill=True)
            self._keep_or_drop(ckpt, out)
            raise
        except BaseException:
            runner.close(kill=True)
            out.sink.abort()
            raise
        finally:
            self.restarts = runner.restarts
            if bar is not None:
                bar.close()
        runner.close()

    def _keep_or_drop(self, ckpt: Checkpoint, out: Output) -> None:
        """A final checkpoint for ``--resume``; stdin cannot be resumed, so its run is dropped."""
        if self.input_path == "-":
            out.sink.discard()
            ckpt.remove()
            return
        self._save(ckpt, out)
        out.sink.abort()

    def _check_field(self, ckpt: Checkpoint, out: Output, *, end: bool) -> None:
        """Stop when the first records all lack the input field: its name is wrong."""
        t = ckpt.tally
        if not t.records or t.error_types.get("missing_field", 0) != t.records:
            return
        if not end and t.records < MISSING_FIELD_RECORDS:
            return
        out.sink.discard()
        ckpt.remove()
        example = t.error_examples[0]["error"] if t.error_examples else ""
        found = example[example.find("(fields:") :] if "(fields:" in example else ""
        raise BatchError(
            f"none of the first {t.records} records has the field {self.options.input_field!r} "
            f"{found}: pass the right --text-field / --html-field"
        )

    def _save(self, ckpt: Checkpoint, out: Output, *, finished: bool = False) -> None:
        with self.signals.hold():
            ckpt.save(out.commit(), self._elapsed(ckpt), finished=finished)

    def _finish(self, ckpt: Checkpoint, out: Output) -> None:
        with self.signals.hold():
            if not ckpt.finished:
                self._save(ckpt, out, finished=True)
            out.sink.finish()
            ckpt.remove()

    def _elapsed(self, ckpt: Checkpoint) -> float:
        return ckpt.elapsed_s + time.monotonic() - self.started

    def _summary(self, ckpt: Checkpoint) -> dict[str, Any]:
        paths = (self.input_path, self.output_path)
        elapsed = self._elapsed(ckpt)
        return make_summary(ckpt.tally, elapsed, paths, ckpt.resumed_from, self.restarts)


def _check_output_path(path: str) -> None:
    """An output that cannot be written is refused before any work, not at the final rename."""
    if os.path.isdir(path):
        raise BatchError(f"the output {path} is a directory; name a file")
    parent = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(parent):
        raise BatchIOError(f"the output directory {parent} does not exist")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise BatchIOError(f"the output directory {parent} is not writable")


def _check_parquet_column(path: str, options: BatchOptions) -> None:
    names = nio.parquet_schema(path).names
    if options.input_field not in names:
        shown = missing_message(options.input_field, names).replace("no field", "no column")
        raise BatchError(f"{path} has {shown}: pass the right --text-field / --html-field")


class _Progress:
    """A tqdm bar of records with the text MB/s of this session beside it."""

    def __init__(self, total: int | None, initial: int) -> None:
        from tqdm import tqdm

        self.bar = tqdm(total=total, initial=initial, unit="doc", file=sys.stderr, smoothing=0.1)
        self.started = time.monotonic()
        self.bytes0: int | None = None

    def tick(self, n: int, bytes_in: int) -> None:
        if self.bytes0 is None:
            self.bytes0 = bytes_in
        dt = max(time.monotonic() - self.started, 1e-9)
        self.bar.update(n)
        self.bar.set_postfix_str(f"{(bytes_in - self.bytes0) / dt / 1e6:.2f} MB/s")

    def close(self) -> None:
        self.bar.close()


def _progress_bar(show: bool, total: int | None, initial: int) -> _Progress | None:
    return _Progress(total, initial) if show else None


def run_batch(
    input_path: str,
    output_path: str,
    *,
    pipeline: Pipeline | None = None,
    options: BatchOptions | None = None,
    jobs: int = 1,
    resume: bool = False,
    fresh: bool = False,
    chunk_docs: int = 256,
    chunk_bytes: int = 8 << 20,
    checkpoint_every: float = 5.0,
    progress: bool | None = None,
    log: IO[str] | None = None,
    handle_signals: bool = False,
) -> dict[str, Any]:
    """Clean ``input_path`` into ``output_path``; returns the summary dict.

    Raises :class:`BatchError` for problems found before or outside the records
    (:class:`BatchIOError` for I/O), and :class:`Interrupted` when ``handle_signals`` is on
    and SIGTERM/SIGINT stops the run (a final checkpoint then stays for ``resume=True``).
    """
    run = BatchRun(
        input_path,
        output_path,
        pipeline if pipeline is not None else Pipeline.default(),
        options if options is not None else BatchOptions(),
        jobs=jobs,
        chunk_docs=chunk_docs,
        chunk_bytes=chunk_bytes,
        checkpoint_every=checkpoint_every,
    )
    show = progress if progress is not None else sys.stderr.isatty()
    with run.signals.installed(handle_signals):
        return run.run(resume=resume, fresh=fresh, progress=show, log=log or sys.stderr)
