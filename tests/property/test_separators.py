"""The output keeps the input's own line breaks: it is a subsequence of the input (issue 16).

Before, kept lines were joined with ``"\\n"`` whatever separated them, so CR, CRLF,
U+2028/2029 or ``"\\n\\r"`` input came out holding ``"\\n"`` it never had.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import newsclean

from .strategies import NOISE_LINES, PROSE_LINES, line

#: Every break str.splitlines() knows, the pairs that read as one or two, and look-alikes
#: that are not breaks for newsclean (file/group/record separators).
BREAKS = [
    "\n",
    "\r\n",
    "\r",
    "\n\r",
    "\x0b",
    "\x0c",
    "\x1c",
    "\x1d",
    "\x1e",
    "\x85",
    "\u2028",
    "\u2029",
]
separator = st.lists(
    st.one_of(st.sampled_from(BREAKS), st.sampled_from([" ", "\t", "\u00a0"])),
    min_size=1,
    max_size=4,
).map("".join)


@st.composite
def mixed_break_text(draw: st.DrawFn) -> str:
    lines = draw(st.lists(line, max_size=25))
    return "".join(ln + draw(separator) for ln in lines)


def is_subsequence(part: str, whole: str) -> bool:
    it = iter(whole)
    return all(ch in it for ch in part)


@settings(max_examples=300, deadline=None)
@given(mixed_break_text())
def test_output_is_a_subsequence_of_the_input_and_replays(text: str) -> None:
    art = newsclean.analyze(text)
    assert is_subsequence(art.text, text)
    assert newsclean.apply(text, art.removals) == art.text
    assert newsclean.clean(text) == art.text


P0, P1, P2 = PROSE_LINES[0], PROSE_LINES[1], PROSE_LINES[2]
NOISE = NOISE_LINES[1]  # "Advertisement"


@pytest.mark.parametrize("brk", ["\r\n", "\r", "\u2028", "\u2029", "\x85", "\x0c", "\x0b"])
def test_kept_lines_keep_their_own_break(brk: str) -> None:
    assert newsclean.clean(brk.join([P0, P1, P2])) == brk.join([P0, P1, P2])
    # A removed line leaves a blank line made of the breaks around it.
    assert newsclean.clean(brk.join([P0, NOISE, P1])) == P0 + brk * 2 + P1
    # A blank line stays one blank line.
    assert newsclean.clean(brk.join([P0, "", "", "", P1])) == P0 + brk * 2 + P1


def test_mixed_breaks_are_each_kept_where_they_were() -> None:
    text = P0 + "\r\n" + P1 + "\u2028" + NOISE + "\n\r" + P2 + "\n"
    assert newsclean.clean(text) == P0 + "\r\n" + P1 + "\u2028\r" + P2


def test_newline_text_is_joined_as_before() -> None:
    """Plain "\\n" text: one "\\n" between adjacent lines, "\\n\\n" for a gap (unchanged)."""
    p5 = PROSE_LINES[5]
    text = f"  {P0}  \n{P1}\n{NOISE}\n{P2}\n\n\n{p5}"
    assert newsclean.clean(text) == f"{P0}\n{P1}\n\n{P2}\n\n{p5}"


def test_a_lone_cr_before_a_gap_does_not_fuse_with_a_later_lf() -> None:
    """ "\\r" + "\\n" would read as one break: the next other break of the input is used."""
    assert newsclean.clean(f"{P0}\r\r{NOISE}\n{P1}") == f"{P0}\r\r{P1}"
    assert newsclean.clean(f"{P0}\r{NOISE}\r\n{P1}") == f"{P0}\r\r\n{P1}"
    # With only "\r" and "\n" around the removed line there is no other: they read as one.
    assert newsclean.clean(f"{P0}\r{NOISE}\n{P1}") == f"{P0}\r\n{P1}"
