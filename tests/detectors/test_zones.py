"""Zone detectors: comment sections, related-links runs, and the neighbour reviser."""

from __future__ import annotations

from .helpers import BODY, removed


def test_comments_cut_to_end() -> None:
    text = BODY + "3 Comments\nGreat piece, thanks.\nI disagree with the second point entirely.\n"
    got = removed("comments", text)
    assert [r for r, _ in got] == ["comments.header", "comments.section", "comments.section"]


def test_comments_titled_header() -> None:
    text = BODY + "6 thoughts on “Harbour wall to be extended by forty metres”\nLovely news.\n"
    assert removed("comments", text)[0][0] == "comments.header"


def test_comments_need_article_first() -> None:
    assert removed("comments", "Comments\n" + BODY) == []


def test_comment_form_lines() -> None:
    got = removed(
        "comments", BODY.replace("\n", "\nYour email address will not be published.\n", 1)
    )
    assert got == [("comments.form", "Your email address will not be published.")]


def test_related_zone_takes_teasers_until_prose() -> None:
    text = (
        BODY
        + "You May Also Like\nCoastal Rail Line to Add Evening Trains\n"
        + "The fisheries board said catches were the highest since…\n"
    )
    got = removed("related_links", text)
    assert [r for r, _ in got] == [
        "related_links.header",
        "related_links.teaser",
        "related_links.teaser",
    ]


def test_related_header_then_prose_keeps_prose() -> None:
    paras = BODY.strip().split("\n")
    text = "\n".join([paras[0], "Related", paras[1], paras[2]])
    assert removed("related_links", text) == [("related_links.header", "Related")]


def test_edge_context_pulls_short_line_between_noise() -> None:
    import newsclean

    text = BODY + "Sign up for our newsletter\nTell us what YOU think...\n2 comments\nNice.\n"
    art = newsclean.analyze(text)
    reasons = {r.text: r.reason for r in art.removals}
    assert reasons["Tell us what YOU think..."].endswith(".context")
    assert art.text == BODY.strip()


def test_edge_context_keeps_short_final_sentence() -> None:
    import newsclean

    text = BODY + "It reopens in May.\nAdvertisement\n"
    assert newsclean.clean(text).endswith("It reopens in May.")
