"""Short markers and widget text: "Advertisement", "Loading comments...", "1 of 23".

These are whole-line matches (the line *is* the marker), so they are safe anywhere;
affiliate disclosures are matched as phrases near the edges.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..registry import register
from .phrase_lines import PhraseLineDetector


@register
@dataclass(frozen=True)
class Advertisement(PhraseLineDetector):
    name = "advertisement"
    family = "advertisement"
    kind = "advertisement"
    summary = "Ad markers ('Advertisement', 'Story continues below') and affiliate disclosures."
    contains_max_words: int = 40
    contains_anywhere_words: int = 40


@register
@dataclass(frozen=True)
class Widget(PhraseLineDetector):
    name = "widget"
    family = "widget"
    kind = "widget"
    summary = "Player, gallery and error widget text ('Loading...', '1 of 23', 'Sorry!')."
