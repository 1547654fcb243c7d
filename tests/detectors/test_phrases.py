"""Detectors that read what a line says: the phrase packs, gated by length and position."""

from __future__ import annotations

import pytest

from .helpers import around, removed

CASES = {
    "aggregator": (
        ["google news", "Google News", "Flipboard"],
        ["Google News reported the outage first, citing two engineers."],
    ),
    "navigation": (
        [
            "Previous articleOther voices: a headline",
            "Next article Literary calendar",
            "« Previous Post",
            "Home » News » World",
        ],
        [
            "Next, the council will vote on the budget.",
            "Previously, the harbour had no wall at all.",
        ],
    ),
    "read_more": (
        [
            "Read more: Tencent profit falls as threat weighs",
            "SEE MORE: Protests continue",
            "Related: Five things to know",
            "CLICK HERE TO GET THE APP",
        ],
        [
            "More than 2,500 civilians have been killed this year, the report said.",
            "Read the report and you will see why the engineers were worried.",
        ],
    ),
    "newsletter": (
        [
            "Sign up for our daily newsletter",
            "Subscribe to the Morning Review newsletter",
            "Get the latest updates right in your inbox. Subscribe to our newsletters.",
        ],
        [
            "The newsletter industry grew by a third last year as writers left newspapers for subscription platforms, analysts said."
        ],
    ),
    "share": (
        [
            "Share this article",
            "Follow us on Twitter and Facebook",
            "Like this story? Share it with a friend!",
        ],
        ["She said she would share the prize with her team."],
    ),
    "advertisement": (
        ["Advertisement", "ADVERTISEMENT", "Story continues below advertisement"],
        ["Advertisement spending fell by ten percent."],
    ),
    "cookie_notice": (
        [
            "We use cookies to improve your experience. By continuing to browse you agree to our cookie policy."
        ],
        ["The bakery's cookies sold out within an hour of opening on Saturday."],
    ),
    "copyright": (
        ["Copyright 2019 Example News. All rights reserved.", "© 2021 Example Media Group"],
        ["The copyright case will be heard in March."],
    ),
    "tags": (
        ["Tags: politics, harbour, council", "Filed under: Local news |"],
        ["The tags on the birds helped researchers track them."],
    ),
    "widget": (
        ["Loading...", "1 of 23", "Back to Gallery"],
        ["Loading the ships took most of the night."],
    ),
    "photo_credit": (
        [
            "Photo: Jane Doe/AP",
            "The logo outside a co-working space in New York.Reuters",
            "China has warned it will intervene (Image: GETTY)",
        ],
        ["The photo was taken in 1952, according to the museum's archive."],
    ),
    "byline": (
        [
            "By Jane Doe and John Smith",
            "Reporting by Jane Doe; Editing by John Smith",
            "Jane Doe contributed to this report.",
        ],
        ["By the end of the week the water had receded from most streets."],
    ),
    "source_credit": (
        [
            "Source: | This article originally belongs to Nbcnews.com",
            "This post first appeared on wsj.com",
            "SOURCE: Al Jazeera News",
            "Originally published on Live Science.",
        ],
        [
            "Source: the survey of 2,000 adults was carried out by phone over three weeks in October last year."
        ],
    ),
}


def _cases(kind: int) -> list[tuple[str, str]]:
    return [(name, line) for name, pair in CASES.items() for line in pair[kind]]


@pytest.mark.parametrize(("name", "line"), _cases(0))
def test_phrase_positive(name: str, line: str) -> None:
    got = removed(name, around(line))
    assert [t for _, t in got] == [line], got


@pytest.mark.parametrize(("name", "line"), _cases(1))
def test_phrase_negative(name: str, line: str) -> None:
    assert removed(name, around(line, "middle")) == []


def test_source_credit_records_outlet() -> None:
    import newsclean

    art = newsclean.analyze(around("This post first appeared on wsj.com"))
    assert art.source == "wsj.com"
    assert any(r.data.get("source") == "wsj.com" for r in art.removals)


def test_other_language_packs() -> None:
    assert removed("comments", around("Comentários\nÓtimo texto, obrigado!"))  # pt
    assert removed(
        "related_links", around("Читайте также\nНовая линия метро откроется весной")
    )  # ru
    assert removed("copyright", around("Tous droits réservés"))  # fr
