"""Detectors that judge a line by its shape: titles, timestamps, datelines, URLs, symbols."""

from __future__ import annotations

import pytest

from .helpers import BODY, around, removed

LEDE = "The storm reached the coast on Monday night, flooding roads and cutting power to thousands of homes, officials said."


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        # Headline repeated just below itself: lifted, and the copy removed.
        (
            f"Storm Floods Coastal Towns\n\nStorm Floods Coastal Towns\n{LEDE}",
            "title.repeated_headline",
        ),
        # Headline shape + its words reappear in the lede.
        (f"Storm Floods Coast, Cuts Power to Thousands\n{LEDE}", "title.headline"),
    ],
)
def test_title_lifted(text: str, reason: str) -> None:
    got = removed("title", text)
    assert got[0][0] == reason


@pytest.mark.parametrize(
    "text",
    [
        LEDE + "\n" + BODY,  # first line is prose
        "Breaking News\n" + LEDE,  # too short to be a headline
        "Welcome to our quarterly report on agricultural statistics\n" + LEDE,  # no shared words
        "STORM FLOODS COAST\n" + LEDE,  # a shouted kicker, not a headline
        "See www.example.com for storm coast updates\n" + LEDE,  # link-like
    ],
)
def test_title_not_lifted(text: str) -> None:
    assert removed("title", text) == []


def test_title_hint_removes_copies_only() -> None:
    import newsclean

    pipe = newsclean.Pipeline.from_config({"detectors": ["title"]})
    art = pipe.analyze(
        f"Storm Floods Coast | Daily Example\n{LEDE}", title_hint="Storm Floods Coast"
    )
    assert [r.reason for r in art.removals] == ["duplicate_title.copy"]
    assert art.title == "Storm Floods Coast"


@pytest.mark.parametrize(
    "line",
    [
        "Sept. 10, 202200:26",
        "Nov. 3, 2021 12:04",
        "02:14",
        "Now Playing 02:14",
        "Duration: 1:05:33",
    ],
)
def test_video_timestamp(line: str) -> None:
    assert removed("video_timestamp", around(line, "middle")) == [
        (removed("video_timestamp", around(line, "middle"))[0][0], line)
    ]
    assert removed("video_timestamp", around(line))[0][0].startswith("video_timestamp.")


@pytest.mark.parametrize(
    "line",
    ["The match ended 2:1 after extra time.", "Call 555-0100 between 9:00 and 17:00 on weekdays."],
)
def test_video_timestamp_negative(line: str) -> None:
    assert removed("video_timestamp", around(line)) == []


@pytest.mark.parametrize(
    "line",
    [
        "Updated: Tue., Nov. 19, 2019",
        "2019-11-19T08:57:40+01:00",
        "5 min read",
        "Published 18 November 2019",
        "segunda-feira, 22 de janeiro de 2018 às 0:13",
        "Tempo de leitura: 2 minutos",
        "Updated at 1:23 p.m.",
    ],
)
def test_dateline(line: str) -> None:
    assert [t for _, t in removed("dateline", around(line, "head"))] == [line]


@pytest.mark.parametrize(
    "line",
    [
        "2019",
        "Top 10",
        "The 100",
        "Chapter 3",
        "In 2019 the budget rose by 3 percent to 12 billion.",
    ],
)
def test_dateline_negative(line: str) -> None:
    assert removed("dateline", around(line, "middle")) == []


@pytest.mark.parametrize(
    "line",
    [
        "https://www.example.com/news/2019/11/story.html",
        "jane.doe@example.com",
        "Listen: http://po.st/TP_615",
    ],
)
def test_url_line_at_the_edges(line: str) -> None:
    assert [t for _, t in removed("url_line", around(line))] == [line]


def test_url_lines_in_a_link_list_are_content() -> None:
    links = "\n".join(f"http://example.com/item/{i}" for i in range(6))
    assert removed("url_line", BODY + links) == []


@pytest.mark.parametrize(
    ("line", "hit"), [("|", True), ("» »", True), ("* * *", False), ("---", False), ("—", True)]
)
def test_symbol_line(line: str, hit: bool) -> None:
    assert bool(removed("symbol_line", around(line, "middle"))) is hit


def test_duplicate_block_rare_repeat_removed() -> None:
    quote = "Nobody expected the harbour wall to hold for another winter, the engineer said."
    text = BODY + quote + "\n" + BODY.split("\n")[0] + "\n" + quote + "\n"
    got = removed("duplicate_block", text)
    assert ("duplicate.repeat", quote) in got


def test_duplicate_block_systematic_repetition_kept() -> None:
    q = "What is your favourite dish to cook for friends on a weekend evening?"
    text = "\n".join(
        f"Interview {i}\n{q}\nAnswer number {i} is a long and varied reply." for i in range(6)
    )
    assert removed("duplicate_block", text) == []


def test_duplicate_block_page_printed_twice() -> None:
    paras = [
        "The council approved the harbour plan on Tuesday after a long debate about costs.",
        "Engineers said the wall would be finished in two summers if the weather allowed it.",
        "Residents welcomed the plan, although some asked for the old slipway to stay open.",
        "The regional fund will pay for the work rather than local taxes, officials said.",
    ]
    text = "\n".join([*paras, "Share", *paras, "More", *paras]) + "\n"
    got = removed("duplicate_block", text)
    assert [r for r, _ in got] == ["duplicate.repeated_run"] * 8


def test_duplicate_block_scattered_list_items_kept() -> None:
    item = "Portion: one green, one red and one yellow container, plus one teaspoon."
    days = [f"Day {d} breakfast is oats with berries and nuts\n{item}" for d in range(5)]
    assert removed("duplicate_block", "\n".join(days)) == []
