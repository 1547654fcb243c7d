"""Peak memory of cleaning plain text, as a multiple of the input's own size.

Measured with ``tracemalloc`` (what Python allocates while cleaning; the input itself is
allocated before). The input's size is ``sys.getsizeof(text)``: the memory a copy of it
takes, so the ratio reads as "copies of the input held at the peak".

Prose (long lines) stays within 10 copies. A text of one-word lines cannot: each line is
a :class:`~newsclean.Block` object with its offsets, a few hundred bytes for a line of
seven characters. The bound below pins what the plain slots blocks and the array-backed
index reach (about 70 copies; 143 before them), so a regression to per-line dictionaries
or per-line Python lists of positions fails here.
"""

from __future__ import annotations

import sys
import tracemalloc

import pytest

import newsclean

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
def test_one_word_lines_peak_is_bounded_per_line() -> None:
    """Two megabytes of one-word lines (~290,000 blocks): at most 80 copies (was 143)."""
    assert _peak_ratio(_one_word_lines(2_000_000)) <= 80


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_one_word_lines_memory_grows_linearly() -> None:
    """Four times the lines, about the same multiple: no structure grows faster than them."""
    small = _peak_ratio(_one_word_lines(500_000))
    large = _peak_ratio(_one_word_lines(2_000_000))
    assert large <= 1.2 * small
