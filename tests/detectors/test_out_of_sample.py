"""Page content in the shape of noise, from the families that lost body text on unseen
sites (issue 12): a paper's "Discussion", a manual's section on code comments, a listing's
own items, dated table rows, version strings, reference lists. Each negative must be kept
by the whole default pipeline; each positive beside it shows the rule still fires where
its evidence is real. All texts are written for these tests.
"""

from __future__ import annotations

import newsclean

from .helpers import BODY, removed

MANUAL = (
    "A comment starts with a hash sign and runs to the end of the line; the interpreter "
    "ignores it entirely when it reads the file.\n"
    "Block comments explain the code that follows them and are indented to the same level "
    "as that code, so that readers can tell what they refer to.\n"
    "Inline comments should be used sparingly, because a comment that repeats the code only "
    "adds noise and soon goes out of date when the code changes.\n"
)


def _reasons(text: str) -> list[str]:
    return [r.reason for r in newsclean.analyze(text).removals]


def _kept(text: str, *lines: str) -> None:
    out = newsclean.clean(text)
    for line in lines:
        assert line in out, (line, newsclean.analyze(text).explain())


# -- comment sections: a header alone is not evidence enough -----------------------------
def test_papers_discussion_section_is_kept() -> None:
    text = BODY + "Discussion\n" + MANUAL
    _kept(text, "Discussion", MANUAL.split("\n")[0])


def test_manual_section_on_code_comments_is_kept() -> None:
    text = BODY + "Comments\n" + MANUAL
    _kept(text, "Comments", MANUAL.split("\n")[2])


def test_bare_header_over_a_short_widget_still_cuts() -> None:
    text = BODY + "Comments\nBe the first to share your thoughts on this story.\n"
    assert _reasons(text)[-2:] == ["comments.header", "comments.section"]


def test_bare_header_over_stamped_posts_still_cuts() -> None:
    posts = (
        "harbourfan\n2 hours ago\n" + MANUAL.split("\n")[0] + "\n"
        "rowing_dad\n5 hours ago\n" + MANUAL.split("\n")[1] + "\n"
    )
    text = BODY + "Comments\n" + posts + MANUAL.split("\n")[2] + "\n"
    assert newsclean.clean(text) == BODY.rstrip("\n")


def test_counted_header_cuts() -> None:
    text = BODY + "3 Comments\n" + MANUAL
    assert newsclean.clean(text) == BODY.rstrip("\n")


def test_header_under_every_post_is_a_threads_chrome() -> None:
    posts = MANUAL.strip().split("\n")
    thread = "".join(f"{p}\nAdd a comment\n" for p in posts)
    _kept(BODY + thread, *posts)


def test_sentence_starting_like_a_header_is_prose() -> None:
    line = "Comments on my old posts were lost in the move. It took a week to restore them."
    _kept(BODY + line + "\n" + MANUAL, line)


# -- listings: the short lines are the page ----------------------------------------------
def test_listing_items_above_a_footnote_paragraph_are_kept() -> None:
    items = [f"#{i}\nFilm number {i}\n201{i % 10}\n1h 4{i % 10}m" for i in range(1, 9)]
    note = (
        "Rankings are based on what visitors to this site looked at most during the past "
        "week, updated every morning.\n"
    )
    text = "\n".join(items) + "\n" + note
    _kept(text, "Film number 3", "Film number 8")


def test_menu_above_a_long_article_still_goes() -> None:
    menu = "\n".join(["Home", "World", "Sport", "Business", "Arts", "Travel"] * 2)
    got = removed("navigation", menu + "\n" + BODY * 2)
    assert len(got) == 12 and "navigation.menu_run" in {r for r, _ in got}


# -- dates: stamps, not data -------------------------------------------------------------
def test_dated_table_rows_and_entry_headings_are_kept() -> None:
    rows = ["| 9/1/2018 | +4.1% |", "| 10/1/2018 | -0.3% |", "2025-12-19:"]
    _kept(BODY + "\n".join(rows) + "\n" + BODY, *rows)


def test_versions_and_config_values_are_not_stamps() -> None:
    lines = ["Gradle 8.14.3", "Python 3.11.7", "AWSTemplateFormatVersion: '2010-09-09'"]
    _kept(BODY + "\n".join(lines) + "\n" + MANUAL, *lines)


def test_a_dated_list_keeps_its_dates() -> None:
    entries = "\n".join(
        f"Release notes for the spring update, part {i}\nMarch {i}, 2026" for i in range(1, 8)
    )
    _kept(BODY + entries + "\n", "March 3, 2026", "March 7, 2026")


def test_a_lone_stamp_still_goes() -> None:
    assert "dateline.stamp" in _reasons("Nov 19, 2019\n" + BODY)


# -- references and headings -------------------------------------------------------------
def test_reference_list_after_the_article_is_kept() -> None:
    refs = [
        "- Marsh K, Oduya P. Sea walls and flood risk in small harbours. Coastal Rev. 2019;12:44-51.",
        "- Lindqvist A, et al. Storm surge records of the Baltic coast, 1950-2015",
        "- Harbour Trust. Annual Report on Slipway Use, 2021, pp. 3-9",
    ]
    _kept(BODY + "References\n" + "\n".join(refs) + "\n", *refs)


def test_marked_capital_heading_over_its_section_is_kept() -> None:
    heading = "## **WHY THE HARBOUR WALL NEEDS TO BE LONGER NOW**"
    _kept(BODY + heading + "\n" + MANUAL, heading)


def test_repeated_passage_from_the_middle_is_a_quote() -> None:
    text = MANUAL + BODY + "Replying to the points above:\n" + BODY
    assert removed("duplicate_block", text) == []


def test_page_printed_twice_from_its_opening_still_goes() -> None:
    text = MANUAL + "Share\n" + MANUAL
    assert [r for r, _ in removed("duplicate_block", text)] == ["duplicate.repeated_run"] * 3
