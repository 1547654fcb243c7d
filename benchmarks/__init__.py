"""newsclean's benchmark harness: accuracy and speed against the extraction-benchmark anchors.

Run ``python -m benchmarks`` from the repository root; it reads the evaluation data from
``../shared/data`` (never from the repository) and writes ``benchmarks/RESULTS.md``.
"""

from __future__ import annotations

__all__ = ["baselines", "metric"]
