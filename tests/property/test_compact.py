"""The compact path (:mod:`newsclean._compact`): windows of lines, same kind of result.

The path is for texts of 20,000+ short lines; the properties here run it on small texts cut
into tiny pieces (a few lines each), so that every window edge, blank line between pieces
and run of merged removals is exercised in milliseconds.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import newsclean
from newsclean import Pipeline
from newsclean._compact import _spans, analyze_compact, is_compact, pieces
from newsclean._segment import segment

from .strategies import NOISE_LINES, PROSE_LINES
from .test_separators import is_subsequence, mixed_break_text

PIPE = Pipeline.default()


@settings(max_examples=200, deadline=None)
@given(mixed_break_text(), st.integers(1, 60), st.integers(1, 6))
def test_pieces_segment_as_the_whole_text_does(text: str, chars: int, lines: int) -> None:
    """Blocks found a piece at a time: the same offsets and blank lines as segment()."""
    cuts = pieces(text, chars, lines)
    assert cuts[0] == 0 and cuts[-1] == len(text) and cuts == sorted(set(cuts))
    got = [(s.start, s.end, s.gap_before) for s in _spans(text, cuts)]
    assert got == [(b.start, b.end, b.gap_before) for b in segment(text)]


@settings(max_examples=150, deadline=None)
@given(mixed_break_text(), st.integers(1, 60), st.integers(1, 6))
def test_compact_output_is_a_subsequence_replayed_by_its_removals(
    text: str, chars: int, lines: int
) -> None:
    art = analyze_compact(PIPE, text, bounds=pieces(text, chars, lines))
    assert is_subsequence(art.text, text)
    assert newsclean.apply(text, art.removals) == art.text
    starts = [r.start for r in art.removals]
    assert starts == sorted(starts)


@settings(max_examples=100, deadline=None)
@given(mixed_break_text())
def test_one_window_is_the_normal_path(text: str) -> None:
    """A text that fits one window is cleaned exactly as the normal path cleans it."""
    art = analyze_compact(PIPE, text, bounds=[0, len(text)] if text else [0])
    assert art.text == newsclean.clean(text)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(NOISE_LINES + PROSE_LINES), max_size=60))
def test_runs_of_one_rule_become_one_removal(items: list[str]) -> None:
    text = "\n".join(items)
    art = analyze_compact(PIPE, text, bounds=pieces(text, 40, 2))
    for a, b in zip(art.removals, art.removals[1:], strict=False):
        between = text[a.end : b.start]
        same = (a.detector, a.reason, a.confidence, a.data) == (
            b.detector,
            b.reason,
            b.confidence,
            b.data,
        )
        assert not (same and "\n" in between and not between.strip())


def test_the_trigger_needs_many_short_lines() -> None:
    def lines(n: int, width: int, brk: str = "\n") -> str:
        return brk.join(["x" * width] * n)

    assert not is_compact(lines(20_000, 4))  # 20,000 lines: the normal path
    assert is_compact(lines(20_001, 4))
    assert not is_compact(lines(30_000, 100))  # a mean line of 100 with its break: normal
    assert is_compact(lines(30_000, 98))
    assert is_compact(lines(20_001, 4, "\r\n")) and is_compact(lines(20_001, 4, "\u2028"))
    assert not is_compact(lines(10_001, 4, "\r\n") + "\n" + lines(9_999, 4, "\n"))


def _articles(n: int) -> list[str]:
    data = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "text_pairs.jsonl"
    if not data.is_file():
        pytest.skip("shared data is not here")
    with open(data, encoding="utf-8") as fh:
        rows = [json.loads(x) for x in fh]
    return [r["gold"] for r in rows if r["tool"] == "trafilatura"][:n]


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_a_real_article_in_a_huge_list_is_kept_verbatim() -> None:
    """Real gold bodies (AEB), each set in 300,000 one-word lines: every line the normal
    path keeps of the article alone is kept, and in order."""
    filler = "\n".join(f"w{k}" for k in range(150_000))
    for gold in _articles(3):
        text = f"{filler}\n\n{gold}\n\n{filler}"
        assert is_compact(text)
        out = newsclean.clean(text)
        kept = [ln for ln in newsclean.clean(gold).splitlines() if ln.strip()]
        start = out.index(kept[0])
        assert is_subsequence("\n".join(kept), out[start:])
        assert all(ln in out.splitlines() for ln in kept)
