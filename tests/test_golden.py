"""Golden before/after files in tests/golden/<family>/<case>/; a failure prints the diff."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

import newsclean

GOLDEN = Path(__file__).parent / "golden"
CASES = sorted(p for p in GOLDEN.glob("*/*") if (p / "input.txt").exists())


@pytest.mark.parametrize("case", CASES, ids=[f"{c.parent.name}/{c.name}" for c in CASES])
def test_golden(case: Path) -> None:
    src = (case / "input.txt").read_text(encoding="utf-8")
    want = (case / "expected.txt").read_text(encoding="utf-8").rstrip("\n")
    art = newsclean.analyze(src)
    if art.text != want:
        diff = "\n".join(
            difflib.unified_diff(
                want.split("\n"), art.text.split("\n"), "expected", "got", lineterm=""
            )
        )
        pytest.fail(f"{diff}\n\n{art.explain()}")
    assert newsclean.apply(src, art.removals) == art.text


def test_there_are_golden_cases() -> None:
    assert len(CASES) >= 6
