"""Running tasks in input order, in-process or in a pool of worker processes.

Worker state: each worker process builds one :class:`~newsclean._batch.cleaner.Cleaner` in
its initializer and keeps it in :data:`WORKER`, the single per-process holder; nothing else
is process-global. In-process runs (``jobs=1``) hold their cleaner in the :class:`Runner`.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Generic, Protocol, TypeVar

from .._pipeline import Pipeline
from .cleaner import Cleaner
from .options import BatchIOError, BatchOptions

__all__ = ["MAX_START_FAILURES", "WORKER", "Runner", "init_worker"]

#: A pool that fails to start this many times in a row stops the run (a worker that cannot
#: start fails every record the same way: an error row each would only hide the cause).
MAX_START_FAILURES = 3


class _WorkerHolder:
    """The worker process's state: set once by :func:`init_worker`, read by every task."""

    def __init__(self) -> None:
        self.cleaner: Cleaner | None = None
        self.start_error: str | None = None


#: The per-process holder (one object; its attributes are set in the worker initializer).
WORKER = _WorkerHolder()


def _watch_parent(parent: int) -> None:
    """Exit when the parent dies (even by SIGKILL): an orphaned worker must not linger."""
    while True:
        time.sleep(0.5)
        if os.getppid() != parent:
            os._exit(3)


def init_worker(pipeline: Pipeline, options: BatchOptions, parent: int) -> None:
    """Process initializer: the pipeline arrives pickled once per worker, here.

    A failure is kept (not raised) so that the parent's probe can report its cause.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    try:
        WORKER.cleaner = Cleaner(pipeline, options)
    except Exception as e:
        WORKER.start_error = f"{type(e).__name__}: {e}"


class _Task(Protocol):
    def run(self, cleaner: Cleaner) -> Any: ...
    def split(self) -> list[Any]: ...
    def crashed(self, message: str, options: BatchOptions) -> Any: ...
    def merge(self, results: list[Any]) -> Any: ...
    def __len__(self) -> int: ...


T = TypeVar("T", bound=_Task)


def _run_task(task: _Task) -> Any:
    if WORKER.cleaner is None:
        raise BatchIOError(f"the worker could not start: {WORKER.start_error}")
    return task.run(WORKER.cleaner)


def _probe() -> str | None:
    """Run in a fresh pool: None when the worker started, else why it did not."""
    return None if WORKER.cleaner is not None else WORKER.start_error or "no cleaner"


class Runner(Generic[T]):
    """Runs tasks in input order with at most ``window`` in flight; survives worker crashes."""

    def __init__(self, pipeline: Pipeline, options: BatchOptions, jobs: int) -> None:
        self.pipeline = pipeline
        self.options = options
        self.jobs = jobs
        self.pool: ProcessPoolExecutor | None = None
        self.restarts = 0
        self.cleaner = Cleaner(pipeline, options) if jobs <= 1 else None

    def _new_pool(self) -> ProcessPoolExecutor:
        """A started pool, or :class:`BatchIOError` after MAX_START_FAILURES failed starts."""
        import multiprocessing

        reason = ""
        for _ in range(MAX_START_FAILURES):
            pool = ProcessPoolExecutor(
                max_workers=self.jobs,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=init_worker,
                initargs=(self.pipeline, self.options, os.getpid()),
            )
            try:
                failure = pool.submit(_probe).result()
            except BrokenProcessPool as e:
                failure = f"the worker process died while starting ({e})"
            if failure is None:
                return pool
            reason = failure
            _kill(pool)
        raise BatchIOError(
            f"worker processes failed to start {MAX_START_FAILURES} times in a row: {reason}"
        )

    def _restart(self) -> ProcessPoolExecutor:
        self.restarts += 1
        self.close(kill=True)
        self.pool = self._new_pool()
        return self.pool

    def map(self, tasks: Iterator[T], window: int) -> Iterator[tuple[T, Any]]:
        if self.cleaner is not None:
            for task in tasks:
                yield task, task.run(self.cleaner)
            return
        pool = self.pool = self._new_pool()
        pending: deque[tuple[T, Future[Any]]] = deque()
        while True:
            while len(pending) < window and (new := next(tasks, None)) is not None:
                pending.append((new, pool.submit(_run_task, new)))
            if not pending:
                return
            task, fut = pending.popleft()
            try:
                result = fut.result()
            except BrokenProcessPool:
                pool = self._restart()
                result = self._isolate(task)
                assert self.pool is not None
                pool = self.pool
                pending = deque((t, pool.submit(_run_task, t)) for t, _ in pending)
            yield task, result

    def _isolate(self, task: T) -> Any:
        """Re-run a chunk whose worker died one record at a time; the culprit gets an error row."""
        results: list[Any] = []
        for sub in task.split():
            assert self.pool is not None
            try:
                results.append(self.pool.submit(_run_task, sub).result())
            except BrokenProcessPool:
                self._restart()
                results.append(sub.crashed("the worker process died on this record", self.options))
        return task.merge(results)

    def close(self, *, kill: bool = False) -> None:
        pool, self.pool = self.pool, None
        if pool is None:
            return
        if kill:
            _kill(pool)
        else:
            pool.shutdown(wait=True)


def _kill(pool: ProcessPoolExecutor) -> None:
    """Stop a pool now: a broken or interrupted run must not wait for its workers."""
    procs = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for p in procs:
        if p.is_alive():
            p.kill()
    for p in procs:
        p.join(timeout=5)
