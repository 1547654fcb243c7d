"""Golden before/after cases, laid out like ftfy's test cases:

``tests/golden/<family>/<case>/input.txt`` is scraped text and ``expected.txt`` what
``clean`` must return; a failure prints the diff and the removal report.

- ``<family>`` is a reason kind (``removal.KINDS``): the case must remove something of that
  kind. ``negative`` cases hold text that must not change at all; other folders (``header``,
  ``footer``, ``multilang``) hold mixed pages.
- A ``mode`` file holds the ``mode`` to clean the input in (``page``: whole-page text).
- A ``known-failure`` file marks what newsclean gets wrong today: its one line says why,
  ``expected.txt`` says what it should do, and the case is a strict xfail, so fixing it
  fails the suite until the marker is deleted.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

import newsclean
from newsclean import _registry as registry
from newsclean._config import DEFAULT_DETECTORS
from newsclean._removal import KINDS

GOLDEN = Path(__file__).parent / "golden"
CASES = sorted(p for p in GOLDEN.glob("*/*") if (p / "input.txt").exists())
KNOWN = "known-failure"


def _param(case: Path) -> object:
    marker = case / KNOWN
    marks = []
    if marker.exists():
        why = marker.read_text(encoding="utf-8").strip()
        marks.append(pytest.mark.xfail(strict=True, reason=why))
    return pytest.param(case, marks=marks, id=f"{case.parent.name}/{case.name}")


def _analyze(case: Path, src: str) -> newsclean.Article:
    mode = case / "mode"
    return newsclean.analyze(src, mode=mode.read_text().strip() if mode.exists() else "article")


def _read(case: Path) -> tuple[str, str]:
    src = (case / "input.txt").read_text(encoding="utf-8")
    return src, (case / "expected.txt").read_text(encoding="utf-8").rstrip("\n")


@pytest.mark.parametrize("case", [_param(c) for c in CASES])
def test_golden(case: Path) -> None:
    src, want = _read(case)
    art = _analyze(case, src)
    if art.text != want:
        diff = "\n".join(
            difflib.unified_diff(
                want.split("\n"), art.text.split("\n"), "expected", "got", lineterm=""
            )
        )
        pytest.fail(f"{diff}\n\n{art.explain()}")
    assert newsclean.apply(src, art.removals) == art.text
    family = case.parent.name
    if family == "negative":
        assert not art.removals and want == src.rstrip("\n")
    elif family in KINDS:
        assert family in {r.kind for r in art.removals}, f"no {family} removal"


def _passing() -> list[Path]:
    return [c for c in CASES if not (c / KNOWN).exists()]


def test_every_kind_and_detector_has_a_passing_case() -> None:
    """At least one realistic case per noise family, and every built-in detector fires."""
    assert {c.parent.name for c in _passing()} >= set(KINDS)
    fired = {r.detector for c in _passing() for r in _analyze(c, _read(c)[0]).removals}
    assert fired >= set(DEFAULT_DETECTORS) and set(DEFAULT_DETECTORS) <= set(registry.names())


def test_golden_layout() -> None:
    for case in CASES:
        assert (case / "expected.txt").exists(), case
        marker = case / KNOWN
        if marker.exists():
            assert len(marker.read_text(encoding="utf-8").strip().splitlines()) == 1, marker
    assert sum(1 for c in CASES if c.parent.name == "negative") >= 4
