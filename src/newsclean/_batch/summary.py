"""The closing report of a run: a JSON-able dict and its plain-text form for stderr."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .. import _io as nio
from .tally import Tally

__all__ = ["format_summary", "make_summary"]


def make_summary(
    tally: Tally, elapsed: float, paths: tuple[str, str], resumed_from: int, restarts: int
) -> dict[str, Any]:
    """The summary dict ``run_batch`` returns and ``--summary-json`` writes."""
    input_path, output_path = paths
    d = tally.to_dict()
    d["elapsed_s"] = round(elapsed, 3)
    d["docs_per_s"] = round(tally.records / elapsed, 1) if elapsed > 0 else None
    d["mb_per_s"] = round(tally.bytes_in / elapsed / 1e6, 3) if elapsed > 0 else None
    d["input"] = input_path
    d["output"] = output_path
    d["input_file_bytes"] = nio.file_size(input_path) if input_path != "-" else None
    d["output_file_bytes"] = nio.file_size(output_path)
    d["resumed_from_record"] = resumed_from
    d["by_detector"] = dict(sorted(tally.by_detector.items(), key=lambda kv: -kv[1]))
    d["by_reason"] = dict(sorted(tally.by_reason.items(), key=lambda kv: -kv[1]))
    d["worker_restarts"] = restarts
    return d


def _mb(n: int) -> str:
    return f"{n / 1e6:.1f} MB"


def _joined(counts: Mapping[str, int]) -> str:
    return ", ".join(f"{k} {v}" for k, v in counts.items())


def format_summary(s: Mapping[str, Any]) -> str:
    """The closing report of ``newsclean batch`` (plain text, for stderr)."""
    resumed = s["resumed_from_record"]
    lines = [
        f"newsclean batch: {s['records']} records ({s['ok']} cleaned, {s['errors']} errors) "
        f"in {s['elapsed_s']:.1f} s: {s['docs_per_s'] or 0:.0f} docs/s, "
        f"{s['mb_per_s'] or 0:.2f} MB/s" + (f" (resumed at record {resumed})" if resumed else "")
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
    if s.get("worker_restarts"):
        lines.append(
            f"  worker restarts: {s['worker_restarts']} (a worker process died; the record "
            "that killed it is a worker_crash row)"
        )
    if s["by_detector"]:
        lines.append("  removals by detector: " + _joined(s["by_detector"]))
        lines.append("  removals by reason: " + _joined(s["by_reason"]))
    if s["errors"]:
        lines.append("  errors: " + _joined(dict(sorted(s["error_types"].items()))))
        for ex in s["error_examples"][:5]:
            lines.append(f"    {ex['error_type']}: {ex['error'][:200]}")
    return "\n".join(lines)
