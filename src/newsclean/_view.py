"""The reading view: the text as rules read it, with invisible characters gone and accents
composed, mapped back to the input so that output stays verbatim.

Scraped text carries characters a reader never sees: zero-width spaces and joiners, soft
hyphens, byte-order marks, bidi marks and isolates. One inside "Read more" hides the phrase
from every pack; so does "À lire aussi" written with a decomposed accent (NFD). Rather than
teach each rule about them, the pipeline runs on a *view* of the text without them
(composed to NFC where that gives one character) and maps every removal back to the input's
own offsets. What is kept is cut from the input, untouched.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from ._removal import Removal
from ._shape import non_ascii

__all__ = ["INVISIBLE", "ReadingView", "reading_view"]

#: Format characters with no glyph: soft hyphen, combining grapheme joiner, Arabic letter
#: mark, Mongolian vowel separator, zero-width space/non-joiner/joiner, LRM/RLM, bidi
#: embeddings and overrides, word joiner and invisible operators, bidi isolates, BOM.
INVISIBLE = (
    "\u00ad\u034f\u061c\u180e\u200b\u200c\u200d\u200e\u200f"
    "\u202a\u202b\u202c\u202d\u202e\u2060\u2061\u2062\u2063\u2064"
    "\u2066\u2067\u2068\u2069\ufeff"
)
#: Combining accents of the Latin, Greek and Cyrillic scripts and their extensions.
_MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
# An invisible character; a letter followed by combining accents; a Hangul syllable spelled
# in conjoining jamo (decomposed text, NFD).
_TRIGGER = re.compile(f"[{INVISIBLE}{_MARKS}\u1160-\u11a7]")
_EVENT = re.compile(
    f"[{INVISIBLE}]|[^\\W\\d_][{_MARKS}]+|[\u1100-\u115f][\u1160-\u11a7][\u11a8-\u11ff]?"
)


@dataclass(frozen=True)
class ReadingView:
    """The view's text, and breakpoints pairing view offsets with input offsets.

    Between two breakpoints the view copies the input one to one; at an invisible character
    the view has two breakpoints at the same offset (before and after it in the input).
    """

    text: str
    view_at: tuple[int, ...]
    source_at: tuple[int, ...]

    def start_in_source(self, v: int) -> int:
        """Input offset of a span starting at view offset ``v`` (invisibles before it go
        with the span)."""
        k = bisect_left(self.view_at, v)
        if k < len(self.view_at) and self.view_at[k] == v:
            return self.source_at[k]
        k -= 1
        return self.source_at[k] + (v - self.view_at[k])

    def end_in_source(self, v: int) -> int:
        """Input offset of a span ending at view offset ``v`` (invisibles after it go with
        the span)."""
        k = bisect_right(self.view_at, v) - 1
        return self.source_at[k] + (v - self.view_at[k])

    def to_source(self, r: Removal, source: str) -> Removal:
        """Removal ``r`` of the view as a removal of the input."""
        s, e = self.start_in_source(r.start), self.end_in_source(r.end)
        return Removal(s, e, r.detector, r.reason, r.confidence, source[s:e], r.line, r.data)


def reading_view(text: str) -> ReadingView | None:
    """The reading view of ``text``, or None when the text already reads as itself."""
    if _TRIGGER.search(non_ascii(text)) is None:  # every trigger is non-ASCII: most texts stop here
        return None
    parts: list[str] = []
    view_at = [0]
    source_at = [0]
    pos = v = 0
    for m in _EVENT.finditer(text):
        s, e = m.span()
        parts.append(text[pos:s])
        v += s - pos
        found = m.group()
        visible = "".join(c for c in found if c not in INVISIBLE)  # the CGJ is a mark too
        composed = unicodedata.normalize("NFC", visible)
        shown = composed if len(composed) <= 1 else visible
        view_at.append(v)
        source_at.append(s)
        parts.append(shown)
        v += len(shown)
        view_at.append(v)
        source_at.append(e)
        pos = e
    parts.append(text[pos:])
    shown_text = "".join(parts)
    if shown_text == text:  # accents that do not compose: nothing to map
        return None
    return ReadingView(shown_text, tuple(view_at), tuple(source_at))
