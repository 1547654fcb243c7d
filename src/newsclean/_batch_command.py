"""The ``newsclean batch`` command: its options, and running it from parsed arguments.

Kept apart from :mod:`newsclean._cli` so the command line stays small; the batch machinery
itself (:mod:`newsclean._batch`) is imported only when the command runs.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import orjson

if TYPE_CHECKING:
    from ._batch import BatchOptions
    from ._pipeline import Pipeline

__all__ = ["add_batch_parser", "add_field_options", "run_batch_command"]


def _batch_options(args: argparse.Namespace) -> BatchOptions:
    """The per-record options of ``batch``; a new cleaning option is one more line here."""
    from ._batch import BatchError, BatchOptions

    if args.doc_timeout is not None and args.doc_timeout <= 0:
        raise BatchError("--doc-timeout must be positive")
    keep_removals = args.removals or args.report or args.report_json
    return BatchOptions(
        text_field=args.text_field,
        html_field=args.html_field,
        url_field=args.url_field or None,
        id_field=args.id_field or None,
        output_field=args.output_field,
        removals_field=args.removals_field if keep_removals else None,
        disable=tuple(args.disable),
        doc_timeout=args.doc_timeout,
        mode=args.mode,
    )


def _interrupted(args: argparse.Namespace, what: str) -> None:
    if args.input == "-":
        hint = "stdin cannot be resumed, so the partial output was removed: run it again"
    else:
        hint = "run the same command with --resume to continue"
    print(f"\nnewsclean: interrupted ({what}); {hint}", file=sys.stderr)


def _write_summary_json(path: str, summary: Mapping[str, Any]) -> None:
    """A summary that cannot be written is a warning: the run itself is complete."""
    try:
        with open(path, "wb") as fh:
            fh.write(orjson.dumps(summary, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE))
    except OSError as e:
        print(f"newsclean: warning: cannot write --summary-json {path}: {e}", file=sys.stderr)


def run_batch_command(args: argparse.Namespace, pipeline: Pipeline) -> int:
    """``newsclean batch``: run, then print the summary (and the report when asked)."""
    from ._batch import BatchError, Interrupted, format_summary, run_batch

    try:
        summary = run_batch(
            args.input,
            args.output,
            pipeline=pipeline,
            options=_batch_options(args),
            jobs=args.jobs,
            resume=args.resume,
            fresh=args.fresh,
            chunk_docs=args.chunk_size,
            checkpoint_every=args.checkpoint_every,
            progress=None if not args.no_progress else False,
            handle_signals=True,
        )
    except BatchError as e:
        print(f"newsclean: error: {e}", file=sys.stderr)
        return e.exit_code
    except Interrupted as e:
        _interrupted(args, f"signal {e.signum}")
        return 128 + e.signum
    except KeyboardInterrupt:
        _interrupted(args, "Ctrl-C")
        return 130
    if not args.quiet:
        print(format_summary(summary), file=sys.stderr)
    if args.summary_json:
        _write_summary_json(args.summary_json, summary)
    if args.report or args.report_json:
        from ._report.command import report_after_batch

        report_after_batch(args)
    return 0


def add_field_options(p: argparse.ArgumentParser, *, html_help: str) -> None:
    """Which field of a row holds what: the same flags for ``batch`` and ``report``, whose
    rows are one and the same (``report`` reads what ``batch`` wrote)."""
    p.add_argument("--text-field", default="text", help="field holding the text (default: text)")
    p.add_argument("--html-field", help=html_help)
    p.add_argument("--url-field", default="url", help="page URL field, HTML mode (default: url)")
    p.add_argument(
        "--id-field", default="id", help="record id field, used in error reports (default: id)"
    )
    p.add_argument(
        "--output-field",
        default="text_clean",
        help="field for the clean text (default: text_clean)",
    )
    p.add_argument(
        "--removals-field", default="removals", help="field for the removals (default: removals)"
    )


def add_batch_parser(sub: Any, add_pipeline_args: Callable[[Any], None]) -> argparse.ArgumentParser:
    """The ``batch`` command's options (a new cleaning option: here and in _batch_options)."""
    b: argparse.ArgumentParser = sub.add_parser(
        "batch",
        help="clean a JSONL / Parquet dataset, streaming, in parallel, resumable",
        description="Clean every record of IN into OUT (.jsonl, .jsonl.gz, .jsonl.zst or "
        ".parquet; same family in and out). Every input record gives one output row, in "
        "order; failures become error rows (error_type, error set; output field null). "
        "Output is written to OUT.tmp (Parquet: OUT.parts/) and renamed when complete; "
        "OUT.checkpoint.json allows --resume after an interruption.",
    )
    b.add_argument("input", metavar="IN", help="input file (JSONL may be '-' for stdin)")
    b.add_argument("-o", "--output", required=True, metavar="OUT", help="output file")
    add_field_options(b, html_help="clean HTML from this field instead of text")
    b.add_argument("--removals", action="store_true", help="also write the list of removals")
    b.add_argument(
        "--mode",
        choices=("article", "page"),
        default="article",
        help="text records: 'article' = extractor output (default); 'page' = whole-page text "
        "(html2text, inscriptis, WET)",
    )
    b.add_argument("-j", "--jobs", type=int, default=1, help="worker processes (default: 1)")
    b.add_argument("--doc-timeout", type=float, metavar="SECONDS", help="per-document time limit")
    b.add_argument(
        "--chunk-size", type=int, default=256, help="records per work unit (default: 256)"
    )
    b.add_argument(
        "--checkpoint-every",
        type=float,
        default=5.0,
        metavar="SECONDS",
        help="flush and checkpoint at most this often (default: 5; 0 = every chunk)",
    )
    again = b.add_mutually_exclusive_group()
    again.add_argument("--resume", action="store_true", help="continue an interrupted run")
    again.add_argument("--fresh", action="store_true", help="discard an interrupted run's output")
    b.add_argument("--summary-json", metavar="FILE", help="write the summary as JSON")
    b.add_argument("--no-progress", action="store_true", help="no progress bar")
    b.add_argument("-q", "--quiet", action="store_true", help="no summary on stderr")
    add_pipeline_args(b)
    from ._report.command import add_report_options

    add_report_options(b, batch=True)
    return b
