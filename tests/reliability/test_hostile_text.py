"""Hostile plain text: huge, degenerate or malformed inputs must finish and keep invariants.

Every case checks, besides finishing (the ``timeout`` mark is only a guard; nothing here
asserts wall-clock time):

- ``apply(x, analyze(x).removals) == analyze(x).text`` (removals replay);
- every removal is a span of the input (``x[r.start:r.end] == r.text``);
- ``clean(clean(x)) == clean(x)`` (idempotence).

The slowest cases are marked ``slow`` but run by default (``-m "not slow"`` skips them).
"""

from __future__ import annotations

import pytest

import newsclean

PROSE = [
    "The council approved the plan on Tuesday after a long debate about costs and timing.",
    "Engineers said the bridge would reopen in the spring if the weather allowed the work.",
    '"We are very pleased," said the mayor, who had campaigned for the project for years.',
    "Residents will be able to comment on the design until the end of next month.",
]
NOISE = ["google news", "Advertisement", "Share this article", "Read more", "3 Comments", "|"]
ARTICLE = "\n\n".join(
    ["Council Approves Bridge Plan After Long Debate", "google news", *PROSE, "Advertisement"]
)


def check_invariants(text: str) -> newsclean.Article:
    """Analyze ``text`` and assert the invariants; returns the Article."""
    art = newsclean.analyze(text)
    assert isinstance(art.text, str)
    assert newsclean.apply(text, art.removals) == art.text
    for r in art.removals:
        assert text[r.start : r.end] == r.text
    # clean(x) is analyze(x).text. When nothing changed, clean(clean(x)) is the very same call
    # on the very same string, so it is only recomputed when the output differs from the input.
    if art.text != text:
        assert newsclean.clean(art.text) == art.text
    return art


# --- size -----------------------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_ten_megabyte_single_line_of_prose() -> None:
    sentence = " ".join(PROSE) + " "
    line = (sentence * (10_000_000 // len(sentence) + 1))[:10_000_000]
    art = check_invariants(line)
    assert art.text == line.strip()  # one long paragraph is body text


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_ten_megabyte_single_word() -> None:
    line = "a" * 10_000_000
    art = check_invariants("Headline of the day\n" + line)
    assert line in art.text


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_one_million_short_lines() -> None:
    # Short list-like lines with line-local noise sprinkled in, so removals happen throughout.
    # (No comment header: "3 Comments" after some prose rightly cuts everything below it.)
    local_noise = ["google news", "Advertisement", "Share this article", "|"]
    lines = [
        local_noise[(i // 1000) % len(local_noise)] if i % 1000 == 999 else f"Item {i} on the list"
        for i in range(1_000_000)
    ]
    text = "\n".join(lines)
    art = check_invariants(text)
    assert len(art.removals) == 1000
    assert art.text.count("\n") >= 998_000
    assert "Item 0 on the list" in art.text and "Item 999998 on the list" in art.text


# --- long lines shaped against the patterns (regressions of the regex audit) ----------------------

N_LONG = 200_000
LONG_LINES = {
    # A byline whose "names" never end: once exponential in credits._NAME_RE.
    "byline_caps_run": "By " + "A" * N_LONG + "!",
    "byline_words": "By " + "Jane " * (N_LONG // 5) + "!",
    # A bracket then a long blank run: once quadratic in credits._BRACKET_END.
    "bracket_then_spaces": "Photo of the quay (Image: AP)" + " " * N_LONG + "x",
    # Site-name separators: title._SITE_SUFFIX / navigation._CRUMB_SEP backtracked over blanks.
    "spaces_then_separator": "Headline" + " " * N_LONG + "x",
    "breadcrumb_blank_run": "Home" + " " * N_LONG + "» World",
    "breadcrumb_many": "Home" + " » a" * (N_LONG // 4),
    # Figures in a shouted line: once quadratic in related._FIGURES.
    "shouted_digits": "MORE STORIES\nTOP STORY " + "1" * N_LONG,
    "digits_commas": "1," * (N_LONG // 2) + "x",
    "url_dots": "www." + "a." * (N_LONG // 2) + "x",
    "email_like": "a@" + "a" * N_LONG,
    "date_digits": "Updated " + "1" * N_LONG,
    "clock_run": "12:" * (N_LONG // 3),
    "tag_end": "[BREAKING" + " " * N_LONG + "]",
    "nbsp_run": "Source:" + "\u00a0" * N_LONG + "x",
    "colon_run": "Source" + ":" * N_LONG,
    "pipe_run": "Source" + " |" * (N_LONG // 2),
}


@pytest.mark.timeout(120)
@pytest.mark.parametrize("name", sorted(LONG_LINES))
def test_long_adversarial_line(name: str) -> None:
    line = LONG_LINES[name]
    check_invariants(line)
    check_invariants(ARTICLE + "\n\n" + line)


@pytest.mark.timeout(120)
@pytest.mark.parametrize(
    "name", ["spaces_then_separator", "bracket_then_spaces", "byline_caps_run"]
)
def test_long_adversarial_line_with_title_hint(name: str) -> None:
    """With a known title every short line is compared with it (title._title_keys)."""
    line = LONG_LINES[name]
    art = newsclean.analyze(ARTICLE + "\n" + line, title="Council Approves Bridge Plan | Site")
    assert newsclean.apply(art.source_text, art.removals) == art.text


# --- degenerate content ------------------------------------------------------------------------------

PUNCTUATION = ["!", ".", "-", "|", "…", "»", "*", "#", "=", "_", "?", "/", ")", "(", '"', "'"]


@pytest.mark.timeout(120)
@pytest.mark.parametrize("ch", PUNCTUATION)
def test_hundred_thousand_repeated_punctuation(ch: str) -> None:
    line = ch * 100_000
    art = check_invariants(line)
    check_invariants(ARTICLE + "\n\n" + line + "\n\n" + PROSE[0])
    assert art.text in ("", line)


@pytest.mark.timeout(120)
def test_hundred_thousand_mixed_punctuation() -> None:
    line = ("".join(PUNCTUATION) * (100_000 // len(PUNCTUATION) + 1))[:100_000]
    check_invariants(line)
    check_invariants(ARTICLE + "\n" + line)


@pytest.mark.timeout(120)
@pytest.mark.parametrize("blank", ["\n", "\r\n", "\r", " \t\n", "\u2028", "\u00a0\n"])
def test_hundred_thousand_blank_lines(blank: str) -> None:
    text = PROSE[0] + blank * 100_000 + PROSE[1]
    art = check_invariants(text)
    brk = blank.lstrip(" \t\u00a0")  # the input's own break, kept (issue 16)
    assert art.text == PROSE[0] + brk * 2 + PROSE[1]
    assert newsclean.clean(blank * 100_000) == ""


@pytest.mark.timeout(120)
def test_hundred_thousand_blank_lines_between_noise() -> None:
    text = ("google news" + "\n" * 1000) * 100 + ARTICLE
    art = check_invariants(text)
    assert PROSE[0] in art.text


# --- odd characters ------------------------------------------------------------------------------------

ODD = {
    "nul": "\x00",
    "nul_run": "\x00" * 1000,
    "rtl_mark": "\u200f",
    "rtl_override": "\u202e",
    "ltr_embedding": "\u202a",
    "combining_acute": "e\u0301",
    "combining_stack": "a" + "\u0301\u0308\u0327" * 300,
    "lone_cr": "\r",
    "lone_high_surrogate": "\ud800",
    "lone_low_surrogate": "\udfff",
    "reversed_surrogates": "\udc00\ud800",
    "bom": "\ufeff",
    "zero_width_space": "\u200b",
    "line_separator": "\u2028",
    "paragraph_separator": "\u2029",
    "form_feed": "\x0c",
    "vertical_tab": "\x0b",
    "next_line": "\x85",
    "noncharacter": "\uffff",
    "private_use": "\ue000",
    "astral_emoji": "\U0001f600",
    "tag_chars": "\U000e0041\U000e0042",
    "arabic_digits": "\u0663\u0664",
    "fullwidth_digits": "１２：３０",
}


@pytest.mark.timeout(120)
@pytest.mark.parametrize("name", sorted(ODD))
def test_odd_characters_anywhere(name: str) -> None:
    ch = ODD[name]
    variants = [
        ch,
        ch * 3,
        ch + ARTICLE,  # at the start
        ARTICLE + ch,  # at the end
        ARTICLE.replace("\n\n", "\n\n" + ch, 3),  # starting lines
        ARTICLE.replace(" ", ch, 20),  # inside words and sentences
        ARTICLE.replace("\n", ch),  # instead of line breaks
        "\n".join(f"{ch}{n}{ch}" for n in NOISE),  # around noise lines
    ]
    for text in variants:
        check_invariants(text)


@pytest.mark.timeout(120)
def test_odd_characters_do_not_leak_into_or_out_of_kept_text() -> None:
    """Kept text is verbatim: odd characters inside a kept line stay as they were."""
    line = "The mayor\u200f said\u0301 the \ud800plan\x00 was approved by the council on Tuesday."
    art = check_invariants(line + "\n\n" + PROSE[1])
    assert line in art.text


@pytest.mark.timeout(120)
def test_every_line_break_style_at_once() -> None:
    text = "\r".join(PROSE[:2]) + "\r\n" + "\u2028".join(PROSE[2:]) + "\n\x0c\n" + ARTICLE
    art = check_invariants(text)
    assert PROSE[3] in art.text


@pytest.mark.timeout(120)
def test_input_too_large_is_refused_cleanly() -> None:
    pipe = newsclean.Pipeline(max_input_chars=1000)
    with pytest.raises(newsclean.InputTooLargeError):
        pipe.analyze("a" * 1001)
    assert pipe.clean("a" * 1000) == "a" * 1000
