"""Worker-pool behaviour that the CLI cannot trigger on purpose: a worker that dies."""

from __future__ import annotations

import os

import pytest

from newsclean._batch import BatchOptions, Cleaner, JsonlResult, JsonlTask, Runner
from newsclean._pipeline import Pipeline

pytestmark = pytest.mark.timeout(120)


class CrashingTask(JsonlTask):
    """A task whose worker dies on any line that contains CRASH."""

    def run(self, cleaner: Cleaner) -> JsonlResult:
        if any(b"CRASH" in raw for _, raw in self.lines):
            os._exit(7)
        return super().run(cleaner)

    def split(self) -> list[JsonlTask]:
        return [CrashingTask([line]) for line in self.lines]


def test_a_dying_worker_costs_only_its_record() -> None:
    lines = [
        (i + 1, b'{"id": %d, "text": "%s"}\n' % (i, b"CRASH" if i == 5 else b"Fine text here."))
        for i in range(12)
    ]
    tasks = [CrashingTask(lines[i : i + 4]) for i in range(0, 12, 4)]
    runner: Runner[JsonlTask] = Runner(Pipeline.default(), BatchOptions(), jobs=2)
    try:
        results = [r for _, r in runner.map(iter(tasks), window=4)]
    finally:
        runner.close()
    assert runner.restarts >= 1
    out = b"".join(r.data for r in results).splitlines()
    assert len(out) == 12
    import json

    rows = [json.loads(x) for x in out]
    assert [r.get("id", r.get("line")) for r in rows][:5] == [0, 1, 2, 3, 4]
    assert rows[5]["error_type"] == "worker_crash" and rows[5]["line"] == 6
    assert all(r["error_type"] is None for i, r in enumerate(rows) if i != 5)
    assert sum(r.tally.errors for r in results) == 1
