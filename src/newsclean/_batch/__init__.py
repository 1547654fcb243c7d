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
* **Fail fast.** What would fail every record stops the run with a :class:`BatchError`
  instead: a damaged compressed input, an unwritable output, workers that cannot start, an
  input field that none of the first records has.
* **Atomic output.** Output goes to ``OUT.tmp`` (Parquet: part files in ``OUT.parts/``) and
  is renamed to ``OUT`` at the end. A checkpoint ``OUT.checkpoint.json`` records how many
  input records are fully written and flushed; ``resume=True`` truncates the partial output
  to that point and skips as many input records, so an interrupted run (SIGTERM, SIGKILL,
  power loss after the fsync) continues without duplicating or losing rows.

Modules: ``options`` (what to read and write, the run's errors), ``tally`` and ``summary``
(counters and the closing report), ``cleaner`` (one document; shared with the integrations),
``tasks`` (chunks of records), ``runner`` (worker processes), ``checkpoint``, ``arrow`` and
``streams`` (formats in and out), ``run`` (:class:`BatchRun`).
"""

from __future__ import annotations

from .checkpoint import checkpoint_path
from .cleaner import MISSING, Cleaner, LazyCleaner, analyze_html, resolve_pipeline
from .options import (
    ERROR_FIELD,
    ERROR_TYPE_FIELD,
    LINE_FIELD,
    BatchError,
    BatchIOError,
    BatchOptions,
    Interrupted,
)
from .run import BatchRun, run_batch
from .runner import Runner, init_worker
from .summary import format_summary
from .tally import Tally
from .tasks import ColumnResult, ColumnTask, JsonlResult, JsonlTask

#: The old private name of :data:`MISSING` (``newsclean._report`` imports it).
_MISSING = MISSING

__all__ = [
    "ERROR_FIELD",
    "ERROR_TYPE_FIELD",
    "LINE_FIELD",
    "MISSING",
    "BatchError",
    "BatchIOError",
    "BatchOptions",
    "BatchRun",
    "Cleaner",
    "ColumnResult",
    "ColumnTask",
    "Interrupted",
    "JsonlResult",
    "JsonlTask",
    "LazyCleaner",
    "Runner",
    "Tally",
    "analyze_html",
    "checkpoint_path",
    "format_summary",
    "init_worker",
    "resolve_pipeline",
    "run_batch",
]
