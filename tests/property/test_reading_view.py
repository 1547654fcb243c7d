"""Invisible characters and decomposed accents do not hide noise, and never reach the output
through a rule: a phrase-pack line with a zero-width or bidi character inside, or written in
NFD, is judged exactly as its plain form is (issue 16), and the kept text is still the input's.
"""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

import newsclean
from newsclean._phrases import phrases
from newsclean._shape import non_ascii
from newsclean._view import INVISIBLE, reading_view

BODY = (
    "The council voted on Tuesday to extend the harbour wall by forty metres, after a winter "
    "of storms flooded the market square three times.\n"
    "Engineers said the work would take two summers and would be paid for from the regional "
    "resilience fund rather than from local taxes.\n"
)

#: Whole-line phrases of every pack (line lists are matched as the whole line).
PACK_LINES = sorted(
    {
        p.replace("#", "3")
        for family, key in (
            ("aggregator", "line"),
            ("read_more", "line"),
            ("related_links", "line"),
            ("share", "line"),
            ("advertisement", "line"),
            ("widget", "line"),
            ("tags", "line"),
            ("navigation", "line"),
            ("comments", "header"),
        )
        for p in phrases(family, key)
        if len(p) >= 4
    }
)


def _strip_invisible(text: str) -> str:
    return "".join(c for c in text if c not in INVISIBLE)


@given(
    st.sampled_from(PACK_LINES),
    st.sampled_from(list(INVISIBLE)),
    st.integers(min_value=0, max_value=200),
    st.booleans(),
)
def test_invisible_character_inside_noise_changes_nothing(
    line: str, mark: str, where: int, title_case: bool
) -> None:
    plain = line.title() if title_case else line
    k = where % (len(plain) + 1)
    hidden = plain[:k] + mark + plain[k:]
    want = newsclean.clean(BODY + plain + "\n")
    got = newsclean.analyze(BODY + hidden + "\n")
    assert _strip_invisible(got.text) == want
    assert newsclean.apply(BODY + hidden + "\n", got.removals) == got.text


@given(st.sampled_from([p for p in PACK_LINES if unicodedata.normalize("NFD", p) != p]))
def test_decomposed_accents_change_nothing(line: str) -> None:
    nfd = unicodedata.normalize("NFD", line)
    want = newsclean.clean(BODY + line + "\n")
    got = newsclean.clean(BODY + nfd + "\n")
    assert unicodedata.normalize("NFC", got) == want


@given(st.text(max_size=60))
def test_view_maps_back_to_the_input(text: str) -> None:
    view = reading_view(text)
    if view is None:
        return
    assert view.start_in_source(0) == 0
    assert view.end_in_source(len(view.text)) == len(text)
    # Every view offset maps inside the input, in order.
    starts = [view.start_in_source(v) for v in range(len(view.text) + 1)]
    assert starts == sorted(starts) and starts[-1] <= len(text)


def test_pack_lines_are_many() -> None:
    assert len(PACK_LINES) >= 100


def test_every_unicode_line_break_is_honoured() -> None:
    para = BODY.split("\n")[0]
    for sep in ("\n", "\r\n", "\r", "\x0b", "\x0c", "\x85", "\u2028", "\u2029"):
        text = f"{para}{sep}Read more{sep}{para}"
        art = newsclean.analyze(text)
        assert [r.text for r in art.removals if r.kind == "read_more"] == ["Read more"], sep
        assert newsclean.apply(text, art.removals) == art.text


@given(st.text(alphabet=st.characters(codec=None, blacklist_categories=()), max_size=60))
def test_non_ascii_keeps_exactly_the_characters_beyond_ascii(text: str) -> None:
    """The quick pre-check reads the text's non-ASCII characters; it must drop no other and
    keep all of them, lone surrogates included (they come from broken decoding)."""
    assert non_ascii(text) == "".join(c for c in text if ord(c) > 127)
