"""Short markers and widget text: "Advertisement", "Loading comments...", "1 of 23".

These are whole-line matches (the line *is* the marker), so they are safe anywhere;
affiliate disclosures are matched as phrases near the edges.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .._document import Document
from .._registry import register
from .._removal import Removal
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

    def detect(self, doc: Document) -> Iterable[Removal]:
        blocks = doc.blocks
        found = list(super().detect(doc))
        # "Photo:" over "Jane Doe/AP" is a caption label: the photo-credit rule keeps such
        # pairs together, so the label does not go alone as a widget button. A label with
        # nothing after it but labels captions nothing: that whole run at the end goes.
        labels = {
            r.start for r in found if r.reason == "widget.line" and r.text.rstrip().endswith(":")
        }
        stranded: set[int] = set()
        k = len(blocks) - 1
        while k >= 0 and blocks[k].start in labels:
            stranded.add(blocks[k].start)
            k -= 1
        for r in found:
            if r.start in labels and r.start not in stranded:
                continue
            yield r
