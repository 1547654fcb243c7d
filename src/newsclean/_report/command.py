"""``newsclean report`` and ``newsclean batch --report``: the command-line side of the report."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from typing import Any

from .._batch_command import add_field_options
from .._pipeline import Pipeline
from .collect import ReportCollector
from .render import write_json, write_report
from .source import ReportInput, collect_file

__all__ = ["add_report_options", "add_report_parser", "report_after_batch", "run_report"]


def add_report_options(p: argparse.ArgumentParser, *, batch: bool) -> None:
    """The options shared by ``report`` and ``batch --report``."""
    g = p.add_argument_group("report")
    if batch:
        g.add_argument(
            "--report",
            metavar="FILE.html",
            help="also write an HTML removal report of the run (implies --removals)",
        )
    g.add_argument("--report-json", metavar="FILE.json", help="the report's data as JSON")
    g.add_argument("--report-title", metavar="TEXT", help="title of the report page")
    g.add_argument("--seed", type=int, default=0, help="seed of the report's sample (default: 0)")
    g.add_argument(
        "--per-detector", type=int, default=6, help="sampled documents per detector (default: 6)"
    )
    g.add_argument(
        "--per-reason", type=int, default=3, help="sampled documents per reason (default: 3)"
    )
    g.add_argument(
        "--top", type=int, default=40, help="documents that lost most, listed (default: 40)"
    )


def add_report_parser(
    sub: Any, add_pipeline_args: Callable[[argparse.ArgumentParser], None]
) -> argparse.ArgumentParser:
    """Register the ``report`` sub-command on ``sub`` (argparse's sub-parsers action)."""
    r: argparse.ArgumentParser = sub.add_parser(
        "report",
        help="write an HTML removal report of a batch output (or of any input, with --clean)",
        description="Write one self-contained HTML page that shows, per detector and reason, "
        "what was removed: totals over every row, the share of each document removed, the "
        "documents that lost most, and a seeded sample of documents with the removed spans "
        "struck through in place. IN is a `newsclean batch --removals` output (JSONL or "
        "Parquet), or any input when --clean is given.",
    )
    r.add_argument("input", metavar="IN", help="batch output with removals, or input with --clean")
    r.add_argument("-o", "--output", required=True, metavar="FILE.html", help="the HTML report")
    r.add_argument("--clean", action="store_true", help="clean IN here (one process)")
    add_field_options(r, html_help="with --clean: clean HTML from this field")
    r.add_argument("-q", "--quiet", action="store_true", help="no message on stderr")
    add_report_options(r, batch=False)
    add_pipeline_args(r)
    return r


def _collector(args: argparse.Namespace) -> ReportCollector:
    return ReportCollector(
        seed=args.seed, per_detector=args.per_detector, per_reason=args.per_reason, top=args.top
    )


def _write(
    args: argparse.Namespace, rc: ReportCollector, html_path: str | None, started: float
) -> None:
    from . import make_meta

    data = rc.result(make_meta(args.input, args.report_title))
    if args.report_json:
        size = write_json(args.report_json, data)
    if html_path:
        size = write_report(html_path, data)
    if not getattr(args, "quiet", False):
        t = data["totals"]
        print(
            f"newsclean report: {t['documents']} documents, {t['sampled']} in the sample; "
            f"wrote {html_path or args.report_json} ({size / 1e6:.2f} MB) "
            f"in {time.monotonic() - started:.1f} s",
            file=sys.stderr,
        )


def _fields(args: argparse.Namespace) -> ReportInput:
    """Which fields of the rows hold what, as the command line names them."""
    return ReportInput(
        text_field=args.text_field,
        html_field=args.html_field,
        url_field=args.url_field or None,
        id_field=args.id_field or None,
        output_field=args.output_field,
        removals_field=args.removals_field,
    )


def run_report(args: argparse.Namespace, pipeline: Pipeline) -> int:
    """``newsclean report``."""
    started = time.monotonic()
    fields = _fields(args)
    rc = collect_file(
        args.input,
        _collector(args),
        fields,
        clean=args.clean,
        pipeline=pipeline,
        disable=tuple(args.disable),
    )
    _write(args, rc, args.output, started)
    return 0


def report_after_batch(args: argparse.Namespace) -> None:
    """``newsclean batch --report``: the report is read back from the finished output."""
    started = time.monotonic()
    fields = _fields(args)
    rc = collect_file(args.output, _collector(args), fields)
    _write(args, rc, args.report, started)
