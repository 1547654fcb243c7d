"""Invariants of the text path, for any str (hypothesis)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

import newsclean
from newsclean._segment import segment

from .strategies import any_text, scraped_text

EMPTY = newsclean.Pipeline.empty()


@given(any_text)
def test_never_raises_and_replays(text: str) -> None:
    art = newsclean.analyze(text)
    assert isinstance(art.text, str)
    assert newsclean.apply(text, art.removals) == art.text


@given(any_text)
def test_idempotent(text: str) -> None:
    once = newsclean.clean(text)
    assert newsclean.clean(once) == once


@given(any_text)
def test_output_is_input_blocks_in_order(text: str) -> None:
    """Every kept line is a span of the input, and spans appear in input order."""
    out = newsclean.clean(text)
    pos = 0
    for line in segment(out):
        found = text.find(line.text, pos)
        assert found >= 0, (line.text, text)
        pos = found + len(line.text)


@given(any_text)
def test_removals_are_spans_of_the_input(text: str) -> None:
    art = newsclean.analyze(text)
    last_end = -1
    for r in art.removals:
        assert text[r.start : r.end] == r.text
        assert r.start >= last_end  # sorted, non-overlapping
        last_end = r.end


@given(any_text)
def test_empty_pipeline_keeps_every_block(text: str) -> None:
    out = EMPTY.clean(text)
    assert [b.text for b in segment(out)] == [b.text for b in segment(text)]
    assert EMPTY.clean(out) == out


@given(scraped_text())
def test_explain_does_not_change_text(text: str) -> None:
    art = newsclean.analyze(text)
    before = art.text
    report = art.explain()
    assert isinstance(report, str) and art.text == before


@given(st.lists(st.sampled_from(["\n", "\r", " ", "\t", "\u00a0"]), max_size=200).map("".join))
def test_whitespace_only_gives_empty(text: str) -> None:
    assert newsclean.clean(text) == ""
