"""Recirculation noise caught by structure: teaser lists after closing noise, Title Case
tail lists and head strips, "Series | Headline" runs, newsletter boxes, closing-block labels.

Each rule has a near miss beside it: article text of the same shape that must be kept.
"""

from __future__ import annotations

import pytest

import newsclean

from .helpers import BODY

PARAS = BODY.strip().split("\n")


def judged(text: str, pipe: newsclean.Pipeline | None = None) -> dict[str, tuple[str, str]]:
    """line -> (reason, detector) of every removal the (default) pipeline makes."""
    art = pipe.analyze(text) if pipe is not None else newsclean.analyze(text)
    return {r.text: (r.reason, r.detector) for r in art.removals}


def kept(text: str, line: str) -> bool:
    return line in newsclean.clean(text).split("\n")


# --- edge_context: a list ending the text right after closing-family noise -----------------

TEASERS = [
    "- the ferry timetable changes next month",
    "- a new bakery opens on the quay",
    "- lifeboat crew rescues two kayakers",
]


@pytest.mark.parametrize(
    "closing",
    [
        "Sign up for our daily newsletter",
        "Share this article",
        "Copyright 2024 Example News. All rights reserved.",
    ],
)
def test_edge_tail_list_after_closing_noise(closing: str) -> None:
    text = BODY + closing + "\n" + "\n".join(TEASERS) + "\n"
    got = judged(text)
    for item in TEASERS:
        assert got[item] == ("related_links.tail_list", "edge_context")
    assert newsclean.clean(text) == BODY.strip()
    # The list is lower case, so no other detector takes it: the reviser does.
    without = judged(text, newsclean.Pipeline.default().remove("edge_context"))
    assert not any(item in without for item in TEASERS)


@pytest.mark.parametrize(
    "before",
    [
        # An ad slot is not a closing family: what follows it may be the article again.
        "Advertisement",
        # The article's own lead-in to a list.
        "The plan has three parts:",
    ],
)
def test_edge_tail_list_needs_closing_noise_before_it(before: str) -> None:
    items = [
        "- a new wall section along the quay",
        "- a raised footpath by the market",
        "- two flood gates near the slipway",
    ]
    text = BODY + before + "\n" + "\n".join(items) + "\n"
    got = judged(text)
    assert all(item not in got for item in items), got
    assert all(kept(text, item) for item in items)


def test_edge_tail_list_must_end_the_text() -> None:
    closing = "Share this article"
    text = (
        BODY
        + closing
        + "\n"
        + "\n".join(TEASERS)
        + "\nThe harbour master said the extension was overdue and welcomed the council's decision.\n"
    )
    got = judged(text)
    assert all(got.get(item, ("", ""))[0] != "related_links.tail_list" for item in TEASERS)


# --- edge_context: a line boxed in by a newsletter box in the tail -------------------------

PITCH = "Get the week's biggest coastal stories delivered to you every Friday morning."


@pytest.mark.parametrize(
    ("opening", "closing"),
    [
        (
            "Sign up for the Harbour Bulletin newsletter",
            "Thank you for subscribing to our newsletter",
        ),
        ("The Harbour Bulletin newsletter", "Sign up for our newsletter"),
    ],
)
def test_boxed_pitch_in_newsletter_box(opening: str, closing: str) -> None:
    text = BODY + f"{opening}\n{PITCH}\n{closing}\n"
    got = judged(text)
    assert got[PITCH] == ("newsletter.context", "edge_context")
    assert newsclean.clean(text) == BODY.strip()
    without = judged(text, newsclean.Pipeline.default().remove("edge_context"))
    assert PITCH not in without


def test_boxed_short_pitch_sentence() -> None:
    pitch = "The best coastal stories, every Friday morning."  # a sentence, not a label
    text = BODY + f"Sign up for our daily newsletter\n{pitch}\nThank you for subscribing\n"
    assert judged(text).get(pitch) == ("newsletter.context", "edge_context")


@pytest.mark.parametrize(
    ("opening", "closing"),
    [
        ("Share this article", "Share on Facebook"),
        (
            "Read more: Ferry timetable changes next month",
            "Read more: Lifeboat crew rescues two kayakers",
        ),
    ],
)
@pytest.mark.parametrize(
    "sentence",
    ["The wall will be the third extension since the harbour was built.", "It reopens in May."],
)
def test_prose_between_share_or_read_more_lines_is_kept(
    opening: str, closing: str, sentence: str
) -> None:
    text = BODY + f"{opening}\n{sentence}\n{closing}\n"
    got = judged(text)
    assert opening in got and closing in got
    assert sentence not in got
    assert newsclean.clean(text).endswith(sentence)


def test_newsletter_box_outside_the_tail_keeps_its_sentence() -> None:
    box = f"Sign up for the Harbour Bulletin newsletter\n{PITCH}\nThank you for subscribing to our newsletter\n"
    text = PARAS[0] + "\n" + box + "\n".join(PARAS[1:]) + "\n" + BODY
    got = judged(text)
    assert "Sign up for the Harbour Bulletin newsletter" in got
    assert PITCH not in got
    assert kept(text, PITCH)


# --- edge_context: a label heading noise that runs to the end ------------------------------

LABEL = "How to follow the harbour story"
NOISE = "Follow us on Twitter and Facebook\nSign up for our daily newsletter\n"


@pytest.mark.parametrize(
    "noise",
    [
        NOISE,
        "Share this article\nSign up for our daily newsletter\n"
        "Copyright 2024 Example News. All rights reserved.\n",
    ],
)
def test_label_heading_closing_noise(noise: str) -> None:
    text = BODY + LABEL + "\n" + noise
    got = judged(text)
    assert got[LABEL] == ("share.context", "edge_context")
    assert newsclean.clean(text) == BODY.strip()


@pytest.mark.parametrize(
    "line",
    [
        "Harbour updates",  # two words: too short for a block's heading
        "Harbour works begin in 2025",  # figures: a subheading, not a label
        "The wall should be finished by autumn.",  # a sentence ends the article
    ],
)
def test_label_near_misses_are_kept(line: str) -> None:
    text = BODY + line + "\n" + NOISE
    assert line not in judged(text)
    assert newsclean.clean(text).endswith(line)


def test_label_needs_at_least_two_noise_lines_after_it() -> None:
    text = BODY + LABEL + "\nSign up for our daily newsletter\n"
    assert LABEL not in judged(text)


def test_label_needs_noise_running_to_the_end() -> None:
    last = "It reopens in May."  # a short closing sentence after the noise: not all noise
    text = BODY + LABEL + "\n" + NOISE + last + "\n"
    got = judged(text)
    assert LABEL not in got and last not in got
    assert kept(text, LABEL) and kept(text, last)


# --- related_links: header-less Title Case tail list --------------------------------------


def test_title_case_tail_list_of_two() -> None:
    items = [
        "- Harbour Wall Work Begins Next Spring",
        "- Lifeboat Crew Rescues Two Kayakers Off Point",
    ]
    text = BODY + "\n".join(items) + "\n"
    got = judged(text)
    for item in items:
        assert got[item] == ("related_links.tail_list", "related_links")
    assert newsclean.clean(text) == BODY.strip()


def test_title_case_tail_list_needs_two_items() -> None:
    item = "- Harbour Wall Work Begins Next Spring"
    assert item not in judged(BODY + item + "\n")


@pytest.mark.parametrize(
    "items",
    [
        # Recipe steps: sentence case.
        ["- Peel and chop the onions finely", "- Fry them gently in butter until soft"],
        # An ingredient list: figures and lower case.
        ["- 2 large onions, finely chopped", "- 500 grams of fresh mackerel fillets"],
        # A feature list in sentence case.
        [
            "- a new wall section along the quay",
            "- a raised footpath by the market",
            "- two flood gates near the slipway",
        ],
    ],
)
def test_sentence_case_tail_lists_are_kept(items: list[str]) -> None:
    text = BODY + "\n".join(items) + "\n"
    assert newsclean.analyze(text).removals == ()
    assert newsclean.clean(text) == text.strip()


def test_german_sentence_list_is_not_a_title_case_list() -> None:
    # German capitalises nouns only; a list of clauses has lower-case verbs and articles.
    text = (
        "Der Stadtrat hat am Dienstag beschlossen, die Hafenmauer um vierzig Meter zu "
        "verlängern, nachdem Stürme den Marktplatz überflutet hatten.\n"
        "Die Arbeiten sollen zwei Sommer dauern und aus dem regionalen Fonds bezahlt werden, "
        "nicht aus den Steuern der Gemeinde.\n"
        "- Die Mauer wird um vierzig Meter verlängert\n"
        "- Der Marktplatz bekommt neue Abflüsse\n"
        "- Die Slipanlage bleibt für Rudervereine offen\n"
    )
    assert newsclean.analyze(text).removals == ()


# --- related_links: a strip of Title Case headlines above the article ---------------------

STRIP = [
    "Coastal Rail Line Will Add Evening Trains Between Towns This Summer",
    "Fisheries Board Reports Highest Mackerel Catches Since Records Began in Port",
    "Lifeboat Volunteers Rescue Two Kayakers Stranded Off the Northern Point",
    "Old Lighthouse Keeper's Cottage Opens as a Museum After Long Restoration",
]


def test_head_strip_of_title_case_headlines() -> None:
    text = "\n".join(STRIP) + "\n" + BODY
    got = judged(text)
    for line in STRIP:
        assert got[line] == ("related_links.head_strip", "related_links")
    assert newsclean.clean(text) == BODY.strip()


def test_head_strip_needs_four_headlines() -> None:
    text = "\n".join(STRIP[:3]) + "\n" + BODY
    got = judged(text)
    assert not any(reason == "related_links.head_strip" for reason, _ in got.values())
    assert all(kept(text, line) for line in STRIP[:3])


def test_head_strip_sentence_case_headlines_are_kept() -> None:
    lines = [s[0] + s[1:].lower() for s in STRIP]
    text = "\n".join(lines) + "\n" + BODY
    assert newsclean.analyze(text).removals == ()


def test_head_strip_short_labels_are_event_details() -> None:
    # Title Case, but labels (under eight words), not headlines: an event's details.
    labels = [
        "Harbour Festival Opening Night Party",
        "Tickets From the Quay Office",
        "Family Boat Trips Around the Bay",
        "Live Music Every Evening",
        "Free Entry for Local Residents",
    ]
    text = "\n".join(labels) + "\n" + BODY
    assert newsclean.analyze(text).removals == ()


# --- related_links: "Series | Headline" runs after the last paragraph ---------------------

SERIES = [
    "Coast Watch | Ferry Timetable Changes Next Month",
    "Coast Watch | A New Bakery Opens on the Quay",
    "Coast Watch | Lifeboat Crew Rescues Two Kayakers",
]


def test_series_run_after_the_article() -> None:
    text = BODY + "\n".join(SERIES) + "\n"
    got = judged(text)
    for line in SERIES:
        assert got[line] == ("related_links.series", "related_links")
    assert newsclean.clean(text) == BODY.strip()


@pytest.mark.parametrize(
    "lines",
    [
        SERIES[:2],  # two lines are not a run
        # A different label on each line: a schedule.
        [
            "Monday | Ferry timetable briefing at the town hall",
            "Tuesday | Bakery opening on the quay with music",
            "Wednesday | Lifeboat open day for families",
        ],
        # One label, but full sentences: a match report's running score.
        [
            "Score | The home side led by two goals at the break.",
            "Score | The visitors pulled one back after an hour.",
            "Score | A late penalty settled the match for the home side.",
        ],
    ],
)
def test_series_near_misses_are_kept(lines: list[str]) -> None:
    text = BODY + "\n".join(lines) + "\n"
    assert newsclean.analyze(text).removals == ()


def test_series_run_inside_the_article_is_kept() -> None:
    text = PARAS[0] + "\n" + "\n".join(SERIES) + "\n" + PARAS[1] + "\n" + PARAS[2] + "\n"
    assert newsclean.analyze(text).removals == ()


def test_series_run_followed_by_prose_is_kept() -> None:
    last = "That is all from Coast Watch this week, and we will be back next Friday with more news."
    text = BODY + "\n".join(SERIES) + "\n" + last + "\n"
    assert newsclean.analyze(text).removals == ()
