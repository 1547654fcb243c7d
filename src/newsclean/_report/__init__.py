"""The removal report: one self-contained HTML page per batch, for people who curate datasets.

::

    newsclean batch in.jsonl -o out.jsonl --report report.html
    newsclean report out.jsonl -o report.html --report-json report.json
    newsclean report in.jsonl --clean -o report.html

From Python::

    from newsclean._report import ReportCollector, write_report
    rc = ReportCollector(seed=0)
    for i, (doc_id, text) in enumerate(docs):
        rc.add_article(i, doc_id, newsclean.analyze(text))
    write_report("report.html", rc.result({"title": "my batch"}))

See ``docs/reviewing.md`` for what the page shows and how it samples.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from .collect import FORMAT, HIST_BINS, ReportCollector
from .render import embed_json, render_html, write_json, write_report
from .source import ReportError, ReportInput, collect_file, iter_rows

__all__ = [
    "FORMAT",
    "HIST_BINS",
    "ReportCollector",
    "ReportError",
    "ReportInput",
    "collect_file",
    "embed_json",
    "iter_rows",
    "make_meta",
    "render_html",
    "write_json",
    "write_report",
]


def make_meta(input_path: str, title: str | None = None, **extra: Any) -> dict[str, Any]:
    """The report's ``meta``: title, input, time of generation and newsclean version."""
    from .. import __version__

    return {
        "title": title or f"newsclean removal report: {input_path}",
        "input": input_path,
        "generated": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "newsclean": __version__,
        **extra,
    }
