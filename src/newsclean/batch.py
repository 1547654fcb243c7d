"""Streaming batch cleaning: JSONL / Parquet in and out, in worker processes, resumable.

This is the machinery behind ``newsclean batch``; :func:`run_batch` is its Python entry point.

Guarantees:

* **Bounded memory.** Input is read in chunks (``chunk_docs`` records or about ``chunk_bytes``);
  at most ``2 * jobs`` chunks are in flight; results are written as soon as they are next in
  order.
* **Order and count.** Output rows come in input order, one per input record. A record that
  cannot be cleaned (bad JSON, invalid UTF-8 that leaves bad JSON, a missing or non-string
  field, a newsclean exception, a per-document timeout, a crashed worker) becomes an *error
  row*: ``error_type`` and ``error`` are set and the output field is null. Blank JSONL lines
  are not records (they are counted in the summary).
* **Atomic output.** Output goes to ``OUT.tmp`` (Parquet: part files in ``OUT.parts/``) and
  is renamed to ``OUT`` at the end. A checkpoint ``OUT.checkpoint.json`` records how many
  input records are fully written and flushed; ``resume=True`` truncates the partial output
  to that point and skips as many input records, so an interrupted run (SIGTERM, SIGKILL,
  power loss after the fsync) continues without duplicating or losing rows.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import asdict, dataclass, field
from types import FrameType
from typing import IO, TYPE_CHECKING, Any, Generic, TypeVar

import orjson

from . import io as nio
from .errors import FormatError, NewscleanError
from .pipeline import Pipeline
from .removal import Article

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = [
    "ERROR_FIELD",
    "ERROR_TYPE_FIELD",
    "BatchError",
    "BatchOptions",
    "Interrupted",
    "Tally",
    "format_summary",
    "run_batch",
]

#: Columns added to every output row (null when the record was cleaned).
ERROR_TYPE_FIELD = "error_type"
ERROR_FIELD = "error"
#: Key of the 1-based input line number in the error row of an unparseable JSONL line.
LINE_FIELD = "line"
CHECKPOINT_VERSION = 1
_MAX_ERROR_EXAMPLES = 20


class BatchError(NewscleanError):
    """A batch cannot start or go on (bad arguments, mismatched checkpoint, I/O failure)."""


class Interrupted(BaseException):  # like KeyboardInterrupt: not an error
    """The run was stopped by a signal; the last checkpoint stays for ``resume``."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


@dataclass(frozen=True)
class BatchOptions:
    """What to read and write per record (see ``newsclean batch --help``)."""

    text_field: str = "text"
    #: Read HTML from this field instead of text from ``text_field``.
    html_field: str | None = None
    #: In HTML mode, the page URL is read from this field when present.
    url_field: str | None = "url"
    #: Used to name records in error messages and in unparseable-line error rows.
    id_field: str | None = "id"
    output_field: str = "text_clean"
    #: When set, a list of removal dicts is written to this field.
    removals_field: str | None = None
    disable: tuple[str, ...] = ()
    #: Per-document wall-clock limit in seconds, enforced inside the worker (SIGALRM).
    doc_timeout: float | None = None

    @property
    def input_field(self) -> str:
        return self.html_field if self.html_field is not None else self.text_field

    @property
    def added_fields(self) -> tuple[str, ...]:
        extra = (self.removals_field,) if self.removals_field else ()
        return (self.output_field, *extra, ERROR_TYPE_FIELD, ERROR_FIELD)


# -- statistics ------------------------------------------------------------------------------


def _inc(d: dict[str, int], key: str, n: int = 1) -> None:
    d[key] = d.get(key, 0) + n


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
        self.bytes_out += _nbytes(article.text)
        self.removals += len(article.removals)
        for r in article.removals:
            _inc(self.by_detector, r.detector)
            _inc(self.by_reason, r.reason)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Tally:
        return cls(**{k: v for k, v in d.items() if k in cls.__dataclass_fields__})


def _nbytes(value: object) -> int:
    if isinstance(value, bytes):
        return len(value)
    if isinstance(value, str):
        return len(value) if value.isascii() else len(value.encode("utf-8", "surrogatepass"))
    return 0


# -- per-document work (runs in the workers) ---------------------------------------------------


class DocTimeout(Exception):
    """Raised inside a document's analysis when ``doc_timeout`` passes."""


def analyze_html(
    html: str | bytes, *, url: str | None = None, pipeline: Pipeline | None = None
) -> Article:
    """``newsclean.analyze_html`` (imported late: the HTML front-end is optional weight)."""
    import newsclean

    fn: Callable[..., Article] | None = getattr(newsclean, "analyze_html", None)
    if fn is None:  # pragma: no cover - only in a build without the HTML front-end
        raise NewscleanError("this newsclean has no HTML front-end (newsclean.analyze_html)")
    return fn(html, url=url, pipeline=pipeline)


_MISSING: Any = object()


class Cleaner:
    """Cleans one value at a time, turning every failure into (error_type, message)."""

    def __init__(self, pipeline: Pipeline, options: BatchOptions) -> None:
        self.pipeline = pipeline
        self.options = options
        # HTML: disabled detectors are switched off in the pipeline itself, once.
        self.html_pipeline = pipeline.disable(*options.disable) if options.disable else pipeline
        self._in_doc = False
        self.timeout = options.doc_timeout
        self._warm_up()
        if self.timeout:
            try:
                signal.signal(signal.SIGALRM, self._on_alarm)
            except ValueError:  # not the main thread: cannot use SIGALRM
                print("newsclean: --doc-timeout needs the main thread; ignored", file=sys.stderr)
                self.timeout = None

    def _warm_up(self) -> None:
        """Pay one-off costs (lazy imports, phrase packs, regexes) before any timed document."""
        sample = "Council Approves Bridge\nThe council approved the bridge.\nAdvertisement"
        try:
            if self.options.html_field is not None:
                page = f"<html><body><p>{sample}</p></body></html>"
                analyze_html(page, pipeline=self.html_pipeline)
            else:
                self.pipeline.analyze(sample, disable=self.options.disable)
        except Exception:  # a warm-up failure shows again, per record, where it belongs
            pass

    def _on_alarm(self, signum: int, frame: FrameType | None) -> None:
        if self._in_doc:
            raise DocTimeout()

    def _analyze(self, value: object, url: object) -> Article:
        o = self.options
        if o.html_field is not None:
            assert isinstance(value, (str, bytes))
            return analyze_html(
                value, url=url if isinstance(url, str) else None, pipeline=self.html_pipeline
            )
        assert isinstance(value, str)
        return self.pipeline.analyze(value, disable=o.disable)

    def clean(
        self, value: object, url: object, where: str, tally: Tally
    ) -> tuple[Article | None, str | None, str | None]:
        """(article, error_type, error); ``value`` is ``_MISSING`` when the field is absent."""
        o = self.options
        if value is _MISSING:
            return self._fail(tally, where, "missing_field", f"no field {o.input_field!r}")
        allowed: tuple[type, ...] = (str, bytes) if o.html_field is not None else (str,)
        if not isinstance(value, allowed):
            kind = "null" if value is None else type(value).__name__
            return self._fail(
                tally, where, "bad_field_type", f"field {o.input_field!r} is {kind}, not a string"
            )
        try:
            self._in_doc = True
            if self.timeout:
                signal.setitimer(signal.ITIMER_REAL, self.timeout)
            try:
                article = self._analyze(value, url)
            finally:
                self._in_doc = False
                if self.timeout:
                    signal.setitimer(signal.ITIMER_REAL, 0)
        except DocTimeout:
            return self._fail(tally, where, "timeout", f"took longer than {self.timeout:g} s")
        except RecursionError as e:
            return self._fail(tally, where, "RecursionError", str(e))
        except Exception as e:  # any failure of one document is that document's error row
            return self._fail(tally, where, type(e).__name__, str(e) or repr(e))
        tally.success(article, _nbytes(value))
        return article, None, None

    @staticmethod
    def _fail(tally: Tally, where: str, etype: str, message: str) -> tuple[None, str, str]:
        message = f"{where}: {message}"
        tally.error(where, etype, message)
        return None, etype, message


_CLEANER: Cleaner | None = None


def _cleaner() -> Cleaner:
    if _CLEANER is None:  # pragma: no cover - the initializer always runs first
        raise RuntimeError("worker not initialised")
    return _CLEANER


def _watch_parent(parent: int) -> None:
    """Exit when the parent dies (even by SIGKILL): an orphaned worker must not linger."""
    while True:
        time.sleep(0.5)
        if os.getppid() != parent:
            os._exit(3)


def init_worker(pipeline: Pipeline, options: BatchOptions, parent: int | None) -> None:
    """Process initializer: the pipeline arrives pickled once per worker, here."""
    global _CLEANER
    if parent is not None:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    _CLEANER = Cleaner(pipeline, options)


def _removal_dicts(article: Article) -> list[dict[str, Any]]:
    return [r.to_dict() for r in article.removals]


def _where(kind: str, n: int, ident: object) -> str:
    if isinstance(ident, (str, int)) and not isinstance(ident, bool):
        return f"{kind} {n} (id {ident!r})"
    return f"{kind} {n}"


# -- tasks: a chunk of records, processed in a worker ------------------------------------------


def _loads(raw: bytes) -> tuple[Any, bool, str | None]:
    """(value, had_invalid_utf8, error message or None)."""
    try:
        return orjson.loads(raw), False, None
    except orjson.JSONDecodeError as e:
        first_error = str(e)
    try:
        text = raw.decode("utf-8")
        bad_utf8 = False
    except UnicodeDecodeError:
        text = raw.decode("utf-8", "replace")
        bad_utf8 = True
    try:
        return orjson.loads(text), bad_utf8, None
    except orjson.JSONDecodeError:
        pass
    try:  # the standard library takes what orjson refuses: NaN, huge ints, lone surrogates
        return json.loads(text), bad_utf8, None
    except (ValueError, RecursionError) as e:
        msg = str(e) if not bad_utf8 else f"{e} (the line also has invalid UTF-8)"
        return None, bad_utf8, msg or first_error


def _dumps(obj: Mapping[str, Any]) -> bytes:
    try:
        return orjson.dumps(obj, option=orjson.OPT_APPEND_NEWLINE)
    except (TypeError, orjson.JSONEncodeError):
        return json.dumps(obj, ensure_ascii=True).encode("ascii") + b"\n"


@dataclass
class JsonlResult:
    data: bytes
    tally: Tally


@dataclass
class JsonlTask:
    """Raw JSONL lines; the worker parses, cleans and serialises them."""

    lines: list[tuple[int, bytes]]
    end_line: int = 0
    end_offset: int = 0
    blank: int = 0

    def __len__(self) -> int:
        return len(self.lines)

    def run(self) -> JsonlResult:
        c = _cleaner()
        o = c.options
        tally = Tally()
        out: list[bytes] = []
        for line_no, raw in self.lines:
            obj, bad_utf8, err = _loads(raw)
            if bad_utf8:
                tally.invalid_utf8_lines += 1
            if err is not None or not isinstance(obj, dict):
                etype = "invalid_json" if err is not None else "not_an_object"
                msg = err if err is not None else f"a JSON {type(obj).__name__}, not an object"
                out.append(self._bad_line(o, tally, line_no, etype, msg))
                continue
            ident = obj.get(o.id_field) if o.id_field else None
            where = _where("line", line_no, ident)
            value = obj.get(o.input_field, _MISSING)
            url = obj.get(o.url_field) if o.url_field else None
            article, etype_, msg_ = c.clean(value, url, where, tally)
            obj[o.output_field] = article.text if article is not None else None
            if o.removals_field:
                obj[o.removals_field] = _removal_dicts(article) if article is not None else None
            obj[ERROR_TYPE_FIELD] = etype_
            obj[ERROR_FIELD] = msg_
            out.append(_dumps(obj))
        return JsonlResult(b"".join(out), tally)

    @staticmethod
    def _bad_line(o: BatchOptions, tally: Tally, line_no: int, etype: str, msg: str) -> bytes:
        where = f"line {line_no}"
        message = f"{where}: {msg}"
        tally.error(where, etype, message)
        row: dict[str, Any] = {}
        if o.id_field:
            row[o.id_field] = None
        row[LINE_FIELD] = line_no
        row[o.output_field] = None
        if o.removals_field:
            row[o.removals_field] = None
        row[ERROR_TYPE_FIELD] = etype
        row[ERROR_FIELD] = message
        return _dumps(row)

    def split(self) -> list[JsonlTask]:
        return [JsonlTask([line]) for line in self.lines]

    def crashed(self, message: str) -> JsonlResult:
        tally = Tally()
        o = _options_for_crash()
        out = [self._bad_line(o, tally, n, "worker_crash", message) for n, _ in self.lines]
        return JsonlResult(b"".join(out), tally)

    def merge(self, results: list[JsonlResult]) -> JsonlResult:
        tally = Tally()
        for r in results:
            tally.add(r.tally)
        return JsonlResult(b"".join(r.data for r in results), tally)


@dataclass
class ColumnResult:
    clean: list[str | None]
    error_type: list[str | None]
    error: list[str | None]
    removals: list[list[dict[str, Any]] | None] | None
    tally: Tally


@dataclass
class ColumnTask:
    """One column of values (a Parquet record batch's text or HTML column)."""

    values: list[Any] | None  # None: the column does not exist
    first_row: int
    urls: list[Any] | None = None
    ids: list[Any] | None = None
    n: int = 0

    def __len__(self) -> int:
        return self.n

    def run(self) -> ColumnResult:
        c = _cleaner()
        o = c.options
        tally = Tally()
        clean: list[str | None] = []
        etypes: list[str | None] = []
        errors: list[str | None] = []
        removals: list[list[dict[str, Any]] | None] | None = [] if o.removals_field else None
        for i in range(self.n):
            value = self.values[i] if self.values is not None else _MISSING
            where = _where("row", self.first_row + i + 1, self.ids[i] if self.ids else None)
            url = self.urls[i] if self.urls is not None else None
            article, etype, msg = c.clean(value, url, where, tally)
            clean.append(article.text if article is not None else None)
            etypes.append(etype)
            errors.append(msg)
            if removals is not None:
                removals.append(_removal_dicts(article) if article is not None else None)
        return ColumnResult(clean, etypes, errors, removals, tally)

    def _sub(self, i: int) -> ColumnTask:
        def one(xs: list[Any] | None) -> list[Any] | None:
            return None if xs is None else xs[i : i + 1]

        return ColumnTask(one(self.values), self.first_row + i, one(self.urls), one(self.ids), 1)

    def split(self) -> list[ColumnTask]:
        return [self._sub(i) for i in range(self.n)]

    def crashed(self, message: str) -> ColumnResult:
        tally = Tally()
        msgs: list[str | None] = []
        for i in range(self.n):
            where = _where("row", self.first_row + i + 1, self.ids[i] if self.ids else None)
            tally.error(where, "worker_crash", f"{where}: {message}")
            msgs.append(f"{where}: {message}")
        rem: list[list[dict[str, Any]] | None] | None = (
            [None] * self.n if _options_for_crash().removals_field else None
        )
        return ColumnResult([None] * self.n, ["worker_crash"] * self.n, msgs, rem, tally)

    def merge(self, results: list[ColumnResult]) -> ColumnResult:
        tally = Tally()
        out = ColumnResult([], [], [], None, tally)
        for r in results:
            tally.add(r.tally)
            out.clean += r.clean
            out.error_type += r.error_type
            out.error += r.error
            if r.removals is not None:
                out.removals = (out.removals or []) + r.removals
        return out


# The parent needs the options to build crash rows; set by the runner.
_PARENT_OPTIONS: BatchOptions = BatchOptions()


def _options_for_crash() -> BatchOptions:
    return _CLEANER.options if _CLEANER is not None else _PARENT_OPTIONS


def _run_task(task: JsonlTask | ColumnTask) -> Any:
    return task.run()


# -- running tasks in order, in-process or in a pool -------------------------------------------

T = TypeVar("T", JsonlTask, ColumnTask)


class Runner(Generic[T]):
    """Runs tasks in input order with at most ``window`` in flight; survives worker crashes."""

    def __init__(self, pipeline: Pipeline, options: BatchOptions, jobs: int) -> None:
        global _PARENT_OPTIONS
        _PARENT_OPTIONS = options
        self.pipeline = pipeline
        self.options = options
        # HTML: disabled detectors are switched off in the pipeline itself, once.
        self.html_pipeline = pipeline.disable(*options.disable) if options.disable else pipeline
        self.jobs = jobs
        self.pool: ProcessPoolExecutor | None = None
        self.restarts = 0
        if jobs <= 1:
            init_worker(pipeline, options, None)

    def _new_pool(self) -> ProcessPoolExecutor:
        import multiprocessing

        return ProcessPoolExecutor(
            max_workers=self.jobs,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=init_worker,
            initargs=(self.pipeline, self.options, os.getpid()),
        )

    def _restart(self) -> ProcessPoolExecutor:
        self.restarts += 1
        self.close(kill=True)
        self.pool = self._new_pool()
        return self.pool

    def map(self, tasks: Iterator[T], window: int) -> Iterator[tuple[T, Any]]:
        if self.jobs <= 1:
            for task in tasks:
                yield task, task.run()
            return
        self.pool = self._new_pool()
        pending: deque[tuple[T, Future[Any]]] = deque()

        def fill() -> None:
            assert self.pool is not None
            while len(pending) < window:
                task = next(tasks, None)
                if task is None:
                    return
                pending.append((task, self.pool.submit(_run_task, task)))

        fill()
        while pending:
            task, fut = pending.popleft()
            try:
                result = fut.result()
            except BrokenProcessPool:
                self._restart()
                result = self._isolate(task)
                assert self.pool is not None
                pending = deque((t, self.pool.submit(_run_task, t)) for t, _ in pending)
            yield task, result
            fill()

    def _isolate(self, task: T) -> Any:
        """Re-run a chunk whose worker died one record at a time; the culprit gets an error row."""
        results: list[Any] = []
        for sub in task.split():
            assert self.pool is not None
            try:
                results.append(self.pool.submit(_run_task, sub).result())
            except BrokenProcessPool:
                self._restart()
                results.append(sub.crashed("the worker process died on this record"))
        return task.merge(results)

    def close(self, *, kill: bool = False) -> None:
        pool, self.pool = self.pool, None
        if pool is None:
            return
        if kill:
            procs = list(getattr(pool, "_processes", {}).values())
            pool.shutdown(wait=False, cancel_futures=True)
            for p in procs:
                if p.is_alive():
                    p.kill()
            for p in procs:
                p.join(timeout=5)
        else:
            pool.shutdown(wait=True)


# -- checkpoints ---------------------------------------------------------------------------------


def checkpoint_path(output: str) -> str:
    return output + ".checkpoint.json"


def _write_json_atomic(path: str, data: Mapping[str, Any]) -> None:
    tmp = path + ".new"
    with open(tmp, "wb") as fh:
        fh.write(orjson.dumps(data, option=orjson.OPT_INDENT_2))
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def _identity(input_path: str, pipeline: Pipeline, options: BatchOptions) -> dict[str, Any]:
    st = os.stat(input_path)
    ident = {
        "input": os.path.abspath(input_path),
        "input_size": st.st_size,
        "input_mtime_ns": st.st_mtime_ns,
        "config": pipeline.config.fingerprint(),
        "options": {k: v for k, v in asdict(options).items() if k != "doc_timeout"},
    }
    result: dict[str, Any] = json.loads(json.dumps(ident))  # as it reads back from the file
    return result


# -- the run -------------------------------------------------------------------------------------


@dataclass
class _Progress:
    bar: Any
    started: float
    bytes0: int

    def update(self, n: int, tally: Tally) -> None:
        if self.bar is None:
            return
        dt = max(time.monotonic() - self.started, 1e-9)
        self.bar.update(n)
        self.bar.set_postfix_str(f"{(tally.bytes_in - self.bytes0) / dt / 1e6:.2f} MB/s")


def _output_schema(in_schema: pa.Schema, options: BatchOptions) -> pa.Schema:
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
    fields = [pa.field(f.name, types.pop(f.name)) if f.name in types else f for f in in_schema]
    fields += [pa.field(name, t) for name, t in types.items()]
    return pa.schema(fields, metadata=in_schema.metadata)


def _column_batch(batch: pa.RecordBatch, res: ColumnResult, schema: pa.Schema) -> pa.RecordBatch:
    import pyarrow as pa

    added: dict[str, Any] = {
        ERROR_TYPE_FIELD: res.error_type,
        ERROR_FIELD: res.error,
    }
    arrays = []
    for f in schema:
        if f.name == _PARENT_OPTIONS.output_field:
            arrays.append(pa.array(res.clean, type=f.type))
        elif f.name == _PARENT_OPTIONS.removals_field:
            arrays.append(pa.array(res.removals, type=f.type))
        elif f.name in added:
            arrays.append(pa.array(added[f.name], type=f.type))
        else:
            arrays.append(batch.column(f.name))
    return pa.RecordBatch.from_arrays(arrays, schema=schema)


def _column_task(batch: pa.RecordBatch, first_row: int, options: BatchOptions) -> ColumnTask:
    names = batch.schema.names

    def col(name: str | None) -> list[Any] | None:
        return batch.column(name).to_pylist() if name and name in names else None

    urls = col(options.url_field) if options.html_field is not None else None
    values = col(options.input_field)
    return ColumnTask(values, first_row, urls, col(options.id_field), batch.num_rows)


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

    Raises :class:`BatchError` for problems found before or outside the records, and
    :class:`Interrupted` when ``handle_signals`` is on and SIGTERM/SIGINT stops the run (the
    checkpoint then stays for ``resume=True``).
    """
    pipeline = pipeline if pipeline is not None else Pipeline.default()
    options = options if options is not None else BatchOptions()
    log = log if log is not None else sys.stderr
    jobs = max(1, jobs)
    if options.disable:
        pipeline.analyze("", disable=options.disable)  # unknown names fail now, not per record
    try:
        fmt_in, comp_in = nio.detect_format(input_path)
        fmt_out, comp_out = nio.detect_format(output_path)
    except FormatError as e:
        raise BatchError(str(e)) from None
    if output_path == "-":
        raise BatchError("batch needs an output file (-o OUT), not stdout")
    if fmt_in != fmt_out:
        raise BatchError(f"input is {fmt_in} but output is {fmt_out}: convert with another tool")
    if input_path != "-" and not os.path.isfile(input_path):
        raise BatchError(f"no such input file: {input_path}")
    if input_path != "-" and os.path.abspath(input_path) == os.path.abspath(output_path):
        raise BatchError("the output must not be the input file")
    if input_path == "-" and resume:
        raise BatchError("--resume needs an input file, not stdin")
    if fmt_in == "parquet":
        try:
            nio.need_pyarrow()
        except FormatError as e:
            raise BatchError(str(e)) from None

    ckpt_file = checkpoint_path(output_path)
    identity = _identity(input_path, pipeline, options) if input_path != "-" else {"input": "-"}
    state: dict[str, Any] | None = None
    if os.path.exists(ckpt_file):
        if fresh:
            os.unlink(ckpt_file)
        elif not resume:
            raise BatchError(
                f"{ckpt_file} shows an interrupted run: pass --resume to continue it "
                "or --fresh to start over"
            )
        else:
            with open(ckpt_file, "rb") as fh:
                state = json.loads(fh.read())
            if state.get("version") != CHECKPOINT_VERSION or state.get("identity") != identity:
                raise BatchError(
                    f"{ckpt_file} was made for another input, config or options; "
                    "use --fresh to start over"
                )
    elif resume:
        print(f"newsclean: no checkpoint at {ckpt_file}; starting from the beginning", file=log)

    tally = Tally.from_dict(state["tally"]) if state else Tally()
    elapsed0 = float(state.get("elapsed_s", 0.0)) if state else 0.0
    done_records = int(state["records"]) if state else 0
    done_lines = int(state.get("lines", 0)) if state else 0
    done_offset = int(state.get("input_offset", 0)) if state else 0

    def save(sink_state: Mapping[str, Any], finished: bool = False) -> None:
        _write_json_atomic(
            ckpt_file,
            {
                "version": CHECKPOINT_VERSION,
                "identity": identity,
                "records": done_records,
                "lines": done_lines,
                "input_offset": done_offset,
                "sink": dict(sink_state),
                "tally": tally.to_dict(),
                "elapsed_s": elapsed0 + time.monotonic() - started,
                "finished": finished,
            },
        )

    started = time.monotonic()
    if state is not None and state.get("finished"):
        if fmt_out == "jsonl" and os.path.exists(output_path + ".tmp"):
            nio.JsonlSink(output_path, comp_out, resume_offset=state["sink"]["offset"]).finish()
        elif fmt_out == "parquet" and os.path.isdir(output_path + ".parts"):
            schema = _output_schema(nio.parquet_schema(input_path), options)
            nio.ParquetSink(output_path, schema, resume_parts=state["sink"]["parts"]).finish()
        os.unlink(ckpt_file)
        return _summary(tally, elapsed0, input_path, output_path, resumed_from=done_records)

    # -- open the output (truncated to the checkpoint) and the input (past it) ----------------
    sink: nio.JsonlSink | nio.ParquetSink
    stream: IO[bytes] | None = None
    total: int | None = None
    try:
        if fmt_in == "jsonl":
            sink = nio.JsonlSink(
                output_path, comp_out, resume_offset=state["sink"]["offset"] if state else None
            )
            stream = nio.open_jsonl_input(input_path, comp_in)
            if done_lines:
                if comp_in == "none" and stream.seekable():
                    stream.seek(done_offset)
                else:
                    nio.skip_lines(stream, done_lines)
        else:
            schema = _output_schema(nio.parquet_schema(input_path), options)
            sink = nio.ParquetSink(
                output_path, schema, resume_parts=state["sink"]["parts"] if state else None
            )
            total = nio.parquet_num_rows(input_path)
    except (OSError, EOFError, KeyError) as e:
        raise BatchError(f"cannot {'resume' if state else 'start'}: {e}") from e
    save(sink.commit())

    runner: Runner[Any] = Runner(pipeline, options, jobs)
    old_handlers: dict[signal.Signals, Any] = {}
    if handle_signals:

        def on_signal(signum: int, frame: FrameType | None) -> None:
            raise Interrupted(signum)

        for sig in (signal.SIGTERM, signal.SIGINT):
            old_handlers[sig] = signal.signal(sig, on_signal)

    show = progress if progress is not None else sys.stderr.isatty()
    bar = None
    if show:
        from tqdm import tqdm

        bar = tqdm(total=total, initial=done_records, unit="doc", file=sys.stderr, smoothing=0.1)
    prog = _Progress(bar, time.monotonic(), tally.bytes_in)

    tasks: Iterator[Any]
    if fmt_in == "jsonl":
        assert stream is not None
        tasks = (
            JsonlTask(c.lines, c.end_line, c.end_offset, c.blank)
            for c in nio.iter_jsonl_chunks(
                stream,
                chunk_docs=chunk_docs,
                chunk_bytes=chunk_bytes,
                start_line=done_lines,
                start_offset=done_offset,
            )
        )
    else:
        batches: deque[pa.RecordBatch] = deque()
        tasks = _parquet_task_iter(input_path, chunk_docs, done_records, options, batches)

    last_ckpt = time.monotonic()
    try:
        for task, result in runner.map(tasks, window=2 * jobs):
            if isinstance(task, JsonlTask):
                sink.write(result.data)
                result.tally.blank_lines += task.blank
                done_lines, done_offset = task.end_line, task.end_offset
            else:
                batch = batches.popleft()
                assert isinstance(sink, nio.ParquetSink)
                sink.write(_column_batch(batch, result, sink.schema))
                done_lines += len(task)
            tally.add(result.tally)
            done_records += len(task)
            prog.update(len(task), tally)
            now = time.monotonic()
            if now - last_ckpt >= checkpoint_every:
                save(sink.commit())
                last_ckpt = now
        final_state = sink.commit()
        save(final_state, finished=True)
        sink.finish()
        os.unlink(ckpt_file)
    except BaseException:
        runner.close(kill=True)
        sink.abort()
        if bar is not None:
            bar.close()
        raise
    finally:
        for sig, h in old_handlers.items():
            signal.signal(sig, h)
        if stream is not None and stream is not sys.stdin.buffer:
            stream.close()
    runner.close()
    if bar is not None:
        bar.close()
    elapsed = elapsed0 + time.monotonic() - started
    resumed = int(state["records"]) if state else 0
    summary = _summary(tally, elapsed, input_path, output_path, resumed_from=resumed)
    summary["worker_restarts"] = runner.restarts
    return summary


def _parquet_task_iter(
    path: str,
    chunk_docs: int,
    skip: int,
    options: BatchOptions,
    batches: deque[pa.RecordBatch],
) -> Iterator[ColumnTask]:
    """Tasks for the record batches of ``path``; each batch is queued for the writer."""
    first = skip
    for b in nio.iter_parquet_batches(path, batch_rows=chunk_docs, skip=skip):
        batches.append(b)
        yield _column_task(b, first, options)
        first += b.num_rows


def _summary(
    tally: Tally,
    elapsed: float,
    input_path: str,
    output_path: str,
    *,
    resumed_from: int | None = None,
) -> dict[str, Any]:
    d = tally.to_dict()
    d["elapsed_s"] = round(elapsed, 3)
    d["docs_per_s"] = round(tally.records / elapsed, 1) if elapsed > 0 else None
    d["mb_per_s"] = round(tally.bytes_in / elapsed / 1e6, 3) if elapsed > 0 else None
    d["input"] = input_path
    d["output"] = output_path
    d["input_file_bytes"] = nio.file_size(input_path) if input_path != "-" else None
    d["output_file_bytes"] = nio.file_size(output_path)
    d["resumed_from_record"] = resumed_from or 0
    d["by_detector"] = dict(sorted(tally.by_detector.items(), key=lambda kv: -kv[1]))
    d["by_reason"] = dict(sorted(tally.by_reason.items(), key=lambda kv: -kv[1]))
    return d


def _mb(n: int) -> str:
    return f"{n / 1e6:.1f} MB"


def format_summary(s: Mapping[str, Any]) -> str:
    """The closing report of ``newsclean batch`` (plain text, for stderr)."""
    lines = [
        f"newsclean batch: {s['records']} records ({s['ok']} cleaned, {s['errors']} errors) "
        f"in {s['elapsed_s']:.1f} s: {s['docs_per_s'] or 0:.0f} docs/s, "
        f"{s['mb_per_s'] or 0:.2f} MB/s"
        + (f" (resumed at record {s['resumed_from_record']})" if s["resumed_from_record"] else "")
    ]
    kept = s["bytes_out"] / s["bytes_in"] * 100 if s["bytes_in"] else 100.0
    lines.append(
        f"  text: {_mb(s['bytes_in'])} in, {_mb(s['bytes_out'])} out ({kept:.1f}% kept); "
        f"{s['removals']} removals"
    )
    if s.get("output_file_bytes") is not None:
        lines.append(f"  wrote {s['output']} ({_mb(s['output_file_bytes'])})")
    if s["blank_lines"] or s["invalid_utf8_lines"]:
        lines.append(
            f"  input: {s['blank_lines']} blank lines skipped, "
            f"{s['invalid_utf8_lines']} lines with invalid UTF-8 (decoded with U+FFFD)"
        )
    if s["by_detector"]:
        lines.append(
            "  removals by detector: " + ", ".join(f"{k} {v}" for k, v in s["by_detector"].items())
        )
        lines.append(
            "  removals by reason: " + ", ".join(f"{k} {v}" for k, v in s["by_reason"].items())
        )
    if s["errors"]:
        lines.append(
            "  errors: " + ", ".join(f"{k} {v}" for k, v in sorted(s["error_types"].items()))
        )
        for ex in s["error_examples"][:5]:
            lines.append(f"    {ex['error_type']}: {ex['error'][:200]}")
    return "\n".join(lines)
