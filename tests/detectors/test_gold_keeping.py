"""Lines the gold bodies keep (long captions, bare photo labels, bare site addresses, date
ranges, timeline and graphic lines), and the narrower noise rules beside them (agency-signed
captions, link lines, shortcodes, inflected headline overlap, phrase-pack additions).
"""

from __future__ import annotations

import pytest

import newsclean

from .helpers import BODY, around, removed

PARAS = BODY.strip().split("\n")


def reasons(text: str) -> dict[str, str]:
    """line -> reason of every removal the default pipeline makes."""
    return {r.text: r.reason for r in newsclean.analyze(text).removals}


# --- photo_credit ---------------------------------------------------------------------------

LONG_CAPTION = (
    "Workers lift a concrete block onto the harbour wall during a storm on the northern coast "
    "on Tuesday."
)


@pytest.mark.parametrize(
    "line",
    [
        "Photo: Jane Doe/AP",
        f"Photo: {LONG_CAPTION} REUTERS/Jane Doe",
        f"Photo: {LONG_CAPTION} AFP/Jane Doe",
        f"Photo: {LONG_CAPTION} Getty Images/Jane Doe",
        # Longer than any labelled credit, but signed by an agency photographer.
        f"Picture: {LONG_CAPTION} Divers later checked the foundations of the old pier for damage. REUTERS/Jane Doe",
    ],
)
def test_labelled_credit_removed(line: str) -> None:
    assert reasons(around(line, "middle")) == {line: "caption.credit"}


@pytest.mark.parametrize(
    "line",
    [
        # Past fifteen words a labelled line is a descriptive caption, part of the story.
        "Cover image: an artist's impression of the extended harbour wall seen from the old lighthouse at dusk in winter",
        "Illustration: an artist's impression of the extended harbour wall seen from the old lighthouse at dusk in winter",
        # Signed, but not by an agency.
        f"Photo: {LONG_CAPTION} Jane Doe/Harbour Gazette",
    ],
)
def test_long_labelled_caption_kept(line: str) -> None:
    text = around(line, "middle")
    assert removed("photo_credit", text) == []
    assert newsclean.analyze(text).removals == ()


@pytest.mark.parametrize("label", ["Credit:", "Picture:", "Illustration:", "Photograph:"])
def test_bare_photo_label_kept_with_its_credit(label: str) -> None:
    # The credit is on the next line; removing the label alone would strand it.
    text = around(f"{label}\nJane Doe/AP", "middle")
    assert removed("photo_credit", text) == []
    assert newsclean.clean(text) == text.strip()


@pytest.mark.parametrize("label", ["Photo:", "Photos:", "Image:", "Image credit:"])
def test_photo_credit_detector_keeps_bare_labels(label: str) -> None:
    assert removed("photo_credit", around(label, "middle")) == []


def test_photo_label_with_a_credit_after_it_is_not_bare() -> None:
    line = "Photograph: Jane Doe"
    assert removed("photo_credit", around(line, "middle")) == [("caption.credit", line)]


# --- url_line / symbol_line -----------------------------------------------------------------


@pytest.mark.parametrize("line", ["www.harbourfestival.org", "www.harbourfestival.org/"])
def test_bare_host_kept(line: str) -> None:
    for where in ("head", "tail"):
        text = around(line, where)
        assert removed("url_line", text) == []
        assert reasons(text) == {}


@pytest.mark.parametrize(
    "line",
    [
        "https://www.harbourfestival.org",  # a scheme: a scraped link
        "www.harbourfestival.org/tickets",  # a path: a scraped link
        "harbourfestival.org",  # no "www.": a link target, not an address for the reader
    ],
)
def test_link_near_bare_host_removed(line: str) -> None:
    assert reasons(around(line)) == {line: "url.bare"}


@pytest.mark.parametrize("n", [4, 5])
def test_up_to_five_link_lines_are_stray_links(n: int) -> None:
    links = [f"https://example.com/harbour/story-{i}" for i in range(n)]
    got = reasons(BODY + "\n".join(links) + "\n")
    assert got == dict.fromkeys(links, "url.bare")


def test_six_link_lines_are_a_link_list() -> None:
    links = [f"https://example.com/harbour/story-{i}" for i in range(6)]
    assert reasons(BODY + "\n".join(links) + "\n") == {}


@pytest.mark.parametrize(
    "line",
    [
        '[button link="https://example.com/tips" color="blue"]Send us your harbour photos[/button]',
        '[button link="https://example.com/tips"]Send us your harbour photos[/button]',
        "[button]Send us your harbour photos[/button]",
    ],
)
@pytest.mark.parametrize("where", ["middle", "tail"])
def test_shortcode_removed(line: str, where: str) -> None:
    text = around(line, where)
    assert removed("symbol_line", text) == [("symbols.shortcode", line)]
    assert reasons(text) == {line: "symbols.shortcode"}


@pytest.mark.parametrize(
    "line",
    [
        # Tags that do not pair up are not one shortcode.
        '[button link="https://example.com/tips"]Send us your harbour photos[/link]',
        # Brackets in prose.
        "The council [of the harbour town] voted [again] on the plan.",
        "[Update] The council voted again on Friday [see below].",
        # A shortcode with prose after it is not a whole-line shortcode.
        "[button]Send us your harbour photos[/button] and we will print the best ones.",
    ],
)
def test_shortcode_near_misses_kept(line: str) -> None:
    text = around(line, "middle")
    assert removed("symbol_line", text) == []
    assert line not in reasons(text)


# --- dateline -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "29 November 2024 | 20 January 2025",
        "29 November 2024 - 20 January 2025",
        "November 29, 2024 – January 20, 2025",
        "12 March 2025 to 3 May 2025",
        "(29 November 2024 – 20 January 2025)",
        "29. November 2024 bis 20. Januar 2025",
    ],
)
@pytest.mark.parametrize("where", ["head", "middle"])
def test_date_range_kept(line: str, where: str) -> None:
    text = around(line, where)
    assert removed("dateline", text) == []
    assert line not in reasons(text)


@pytest.mark.parametrize(
    "line",
    [
        "29 November 2024",
        "Published 29 November 2024 | Updated 20 January 2025",
        "29 November 2024 | 20 January 2025 | 10:30",
    ],
)
def test_dates_that_are_not_a_range_removed(line: str) -> None:
    assert reasons(around(line, "head")) == {line: "dateline.stamp"}


# --- title ----------------------------------------------------------------------------------

LEDE = (
    "A councillor said on Tuesday the sea wall would be lengthened after a storm flooded the "
    "market square three times this winter."
)


def test_title_overlap_counts_inflected_forms() -> None:
    # Only "flood" is in the lede as written; "councillor", "wall", "storm", "market" are
    # there in another form.
    headline = "Councillors Extend Harbour Walls as Storms Flood Markets"
    text = f"{headline}\n{LEDE}\n{PARAS[1]}\n"
    assert removed("title", text) == [("title.headline", headline)]
    art = newsclean.analyze(text)
    assert art.title == headline
    assert art.text == f"{LEDE}\n{PARAS[1]}"


@pytest.mark.parametrize(
    "line",
    [
        "Weekend Reading: Our Favourite Long Stories",
        # Words that only begin like the lede's ("story"/"storm", "marketplace"/"market",
        # "walking"/"wall") are not the same words inflected.
        "Storytellers Gather for the Marketplace Walking Festival",
    ],
)
def test_title_without_shared_stems_kept(line: str) -> None:
    text = f"{line}\n{LEDE}\n{PARAS[1]}\n"
    assert removed("title", text) == []
    assert newsclean.analyze(text).title is None


# --- newsletter titles ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    ["The Harbour Bulletin newsletter", "Pick Six Newsletter", "The Quayside Weekly Newsletter"],
)
def test_newsletter_title(line: str) -> None:
    assert reasons(around(line)) == {line: "newsletter.title"}


@pytest.mark.parametrize(
    "line",
    [
        "She edits the parish newsletter.",  # a sentence
        # No product name: reads like a subheading ("The rise of the newsletter").
        "Our weekly newsletter",
        "The harbour society has sent its members a long printed newsletter",  # too long
    ],
)
def test_newsletter_title_near_misses_kept(line: str) -> None:
    assert line not in reasons(around(line, "middle"))


# --- phrase pack ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "We'd like to hear what you think about this article. Submit a letter to the editor.",
        "We'd love to hear what you think about the harbour plan",
        "We want to hear what you think. Email us at letters@example.com",
    ],
)
def test_reader_letter_prompt(line: str) -> None:
    got = reasons(around(line))
    assert list(got) == [line] and got[line].startswith("newsletter."), got


@pytest.mark.parametrize(
    "line",
    [
        "See full coverage of the harbour storms",
        "For full coverage of the winter storms, visit our coast page",
    ],
)
def test_full_coverage_of(line: str) -> None:
    for where in ("middle", "tail"):
        assert reasons(around(line, where)) == {line: "read_more.prefix"}


def test_full_coverage_of_in_a_long_sentence_mid_article_kept() -> None:
    line = (
        "The station's full coverage of the storms won a regional award last year, the jury said."
    )
    assert reasons(around(line, "middle")) == {}


@pytest.mark.parametrize(
    "line",
    [
        "Story timeline",
        "Graphic: How the harbour wall will be extended",
        "For more stories like this one, the museum keeps an archive of letters from the harbour's fishermen.",
        "For more stories from the coast",
    ],
)
@pytest.mark.parametrize("where", ["middle", "tail"])
def test_dropped_phrases_kept(line: str, where: str) -> None:
    text = around(line, where)
    assert reasons(text) == {}
    assert newsclean.clean(text) == text.strip()
