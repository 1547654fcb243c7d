"""Peak memory of cleaning plain text, as a multiple of the input's own size (issue 16).

Measured with ``tracemalloc`` (what Python allocates while cleaning; the input itself is
allocated before). The input's size is ``sys.getsizeof(text)``: the memory a copy of it
takes, so the ratio reads as "copies of the input held at the peak".

Prose (long lines) stays within 10 copies on the normal path. A text of one-word lines
took ~70 copies there (a :class:`~newsclean.Block` per line, a few hundred bytes for a
line of seven characters; 143 before the slots blocks): such a text now takes the compact
path (:mod:`newsclean._compact`), which holds one window of lines at a time and merges runs
of removals, so it stays within 10 copies too, also when every line is removed.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest

import newsclean
from newsclean._compact import is_compact

WORDS = [
    "the",
    "council",
    "voted",
    "on",
    "tuesday",
    "to",
    "extend",
    "the",
    "harbour",
    "wall",
    "after",
    "the",
    "winter",
    "floods",
    "officials",
    "said",
    "residents",
    "asked",
    "for",
    "the",
    "work",
    "last",
    "year",
]


def _prose(size: int) -> str:
    """Paragraphs of sixty words, blank lines between, about ``size`` characters."""
    lines: list[str] = []
    total = k = 0
    while total < size:
        line = " ".join(WORDS[(k + j) % len(WORDS)] for j in range(60)).capitalize() + "."
        lines.append(line)
        total += len(line) + 2
        k += 1
    return "\n\n".join(lines)


def _one_word_lines(size: int) -> str:
    """Distinct one-word lines ("w0", "w1", ...), about ``size`` characters."""
    return "\n".join(f"w{k}" for k in range(size // 7))


def _peak_ratio(text: str) -> float:
    newsclean.clean("warm up: load the packs and build the automaton\n")
    tracemalloc.start()
    try:
        newsclean.clean(text)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return peak / sys.getsizeof(text)


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_prose_peaks_under_ten_copies_of_the_input() -> None:
    assert _peak_ratio(_prose(4_000_000)) <= 10


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_one_word_lines_peak_under_ten_copies_of_the_input() -> None:
    """Two megabytes of one-word lines (~290,000 lines): was ~70 copies, 143 before that."""
    text = _one_word_lines(2_000_000)
    assert is_compact(text)
    assert _peak_ratio(text) <= 10


_RSS = """
import newsclean
newsclean.clean("warm up: load the packs and build the automaton\\n")
# Built a slice of lines at a time: a list of every line would itself raise the high-water
# mark far above what cleaning needs, and hide it.
text = "\\n".join("\\n".join(f"w{{k}}" for k in range(a, a + 10_000))
                  for a in range(0, {size} // 7, 10_000))

def status(key):
    with open("/proc/self/status") as fh:
        return next(int(ln.split()[1]) * 1024 for ln in fh if ln.startswith(key))

# Reset the high-water mark to the RSS now, so the peak read after cleaning is what
# cleaning reached: a lifetime peak set while the text was built (then partly reclaimed by
# the kernel on a busy machine) would read as cleaning's.
with open("/proc/self/clear_refs", "w") as fh:
    fh.write("5")
now = status("VmRSS:")
newsclean.clean(text)
import sys
print((status("VmHWM:") - now) / sys.getsizeof(text))
"""


@pytest.mark.slow
@pytest.mark.timeout(600)
@pytest.mark.skipif(not Path("/proc/self/clear_refs").exists(), reason="reads RSS from /proc")
def test_sixteen_megabytes_of_one_word_lines_peak_under_ten_copies() -> None:
    """Eight times the lines (~2.3 million), in a fresh process without tracemalloc (which
    would take minutes here): the process's peak RSS while cleaning over its RSS before, the
    high-water mark reset just before cleaning (an upper bound on what cleaning held)."""
    code = _RSS.format(size=16_000_000)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "src")}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert float(out.stdout.split()[-1]) <= 10


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_a_text_whose_every_line_goes_holds_a_removal_per_run() -> None:
    """Every line removed: one removal per run of the rule, not ~290,000 of them."""
    text = "Advertisement\n" * 150_000
    assert _peak_ratio(text) <= 10
    art = newsclean.analyze(text)
    assert art.text == ""
    assert len(art.removals) == 1
    assert {r.reason for r in art.removals} == {"advertisement.line"}
    assert newsclean.apply(text, art.removals) == ""


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_one_word_lines_memory_does_not_grow_with_the_lines() -> None:
    """Four times the lines, about the same multiple: no structure grows faster than them."""
    small = _peak_ratio(_one_word_lines(500_000))
    large = _peak_ratio(_one_word_lines(2_000_000))
    assert large <= 1.2 * small
