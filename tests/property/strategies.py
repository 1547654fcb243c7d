"""Hypothesis strategies for scraped text: real-looking lines mixed with arbitrary Unicode."""

from __future__ import annotations

from hypothesis import strategies as st

NOISE_LINES = [
    "google news",
    "Advertisement",
    "You May Also Like",
    "Previous articleSome headline here",
    "Next article Another headline",
    "Sept. 10, 202200:26",
    "Read more: a teaser headline",
    "3 Comments",
    "Leave a Reply",
    "Share this article",
    "Copyright 2024 Example. All rights reserved.",
    "Source: | This article originally belongs to Example.com",
    "Tags: one, two",
    "|",
    "5 min read",
    "Sign up for our newsletter",
    "Photo: Jane Doe/AP",
    "https://example.com/x",
]
PROSE_LINES = [
    "The council approved the plan on Tuesday after a long debate about costs and timing.",
    "Engineers said the bridge would reopen in the spring if the weather allowed the work to continue.",
    '"We are very pleased," said the mayor, who had campaigned for the project for years.',
    "Short line",
    "A headline-like line without a period",
    "Die Stadt hat am Dienstag beschlossen, die Brücke im Frühjahr wieder zu öffnen.",
    "市议会周二批准了这项计划。",
]

line = st.one_of(
    st.sampled_from(NOISE_LINES),
    st.sampled_from(PROSE_LINES),
    st.text(max_size=80),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=40),
)
separator = st.sampled_from(["\n", "\n\n", "\r\n", "\n\n\n", "\r", "\u2028", "\n   \n"])


@st.composite
def scraped_text(draw: st.DrawFn) -> str:
    lines = draw(st.lists(line, max_size=25))
    out = ""
    for ln in lines:
        out += ln + draw(separator)
    return out


any_text = st.one_of(scraped_text(), st.text(max_size=500))
