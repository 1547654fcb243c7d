"""The headline: lift it into ``Article.title`` and remove its copies.

Scrapers put the page headline on the first line, often twice. A first line is the
headline when it is repeated verbatim just below, or when it has a headline's shape (a few
words, no closing period, not a shouted label) *and* its content words reappear in the
prose that follows. With an HTML title hint, any line equal to the hint is a copy.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .._detector import Detector
from .._document import Document, is_prose
from .._registry import register
from .._removal import Removal
from .._shape import WORD_RE, closing_stripped

__all__ = ["SITE_NAME_MAX_CHARS", "SITE_SEPARATORS", "TitleDetector", "title_key"]

#: A copy may carry this many words more than a headline (a " | Site Name" suffix).
_COPY_EXTRA_WORDS = 10
#: What separates a headline from a site name ("Headline | Site"); _html/api.py reads these.
SITE_SEPARATORS = (" | ", " - ", " – ", " — ", " : ", " · ", " • ")
#: "Headline | Site Name": a site name is at most this long.
SITE_NAME_MAX_CHARS = 60


def _strip_site_suffix(text: str) -> str:
    """``text`` without a trailing " | Site Name" (plain string search, linear)."""
    cut = max(text.rfind(sep) for sep in SITE_SEPARATORS)
    if cut > 0 and len(text) - cut <= SITE_NAME_MAX_CHARS + 3:
        return text[:cut]
    return text


def title_key(text: str) -> str:
    """How headlines are compared: casefolded words, one space apart (no punctuation)."""
    return " ".join(WORD_RE.findall(text.casefold()))


#: Characters of a line read to find its first word (longer first words take the slow path).
_FIRST_WORD_WINDOW = 40


def _first_word(text: str) -> str:
    """The first word of :func:`_key` (``""`` if none), from the line's first characters."""
    window = text[:_FIRST_WORD_WINDOW].casefold()
    m = WORD_RE.search(window)
    if m is None or m.end() == len(window):  # no word yet, or one that may go on
        m = WORD_RE.search(text.casefold())
    return m.group(0) if m is not None else ""


def _may_open_with(head: str, words: set[str]) -> bool:
    """Whether a line with gate word ``head`` can have a :func:`_first_word` in ``words``
    (all made of letters)."""
    return head in words or not head[:1].isalpha()


def _title_keys(hint: str) -> set[str]:
    """The hint and the hint without a trailing " | Site Name" part."""
    keys = {title_key(hint)}
    stripped = _strip_site_suffix(" ".join(hint.split()))
    if stripped != hint:
        keys.add(title_key(stripped))
    return {k for k in keys if k}


@register
@dataclass(frozen=True)
class TitleDetector(Detector):
    name = "title"
    summary = "The headline at the top (lifted into Article.title) and its repeated copies."

    min_words: int = 3
    max_words: int = 24
    #: How many blocks below the first one may hold its verbatim copy.
    repeat_window: int = 3
    #: Share of the headline's content words that must reappear in the next blocks.
    min_overlap: float = 0.3
    overlap_window: int = 8
    #: Content words are at least this long (short words carry no topic).
    content_word_len: int = 4
    confidence: float = 0.85

    def detect(self, doc: Document) -> Iterable[Removal]:
        blocks = doc.blocks
        if not blocks:
            return
        if doc.title_hint:
            yield from self._copies(doc, doc.title_hint)
            return
        if doc.lifted_title:
            # An earlier pass lifted the headline: its later copies go; the new first line is
            # judged afresh, exactly as a second run on the output would judge it.
            yield from self._copies(doc, doc.lifted_title)
        # The headline is judged by the first blocks of the text and nothing else.
        first = blocks[0]
        if not self._headline_shaped(first.text, first.words):
            return
        key = title_key(first.text)
        opening = _first_word(first.text)  # equal keys open with the same word: a cheap test
        copies = [
            b
            for b in blocks[1 : 1 + self.repeat_window]
            if _first_word(b.text) == opening and title_key(b.text) == key
        ]
        if copies:
            yield self.remove(first, "title.repeated_headline", 0.95, title=first.text)
            for c in copies:
                yield self.remove(c, "duplicate_title.copy", 0.95, title=first.text)
            return
        if first.all_caps or first.is_list_item:
            return
        follow = blocks[1 : 1 + self.overlap_window]
        if not any(is_prose(b) for b in follow[:3]):
            return
        if self._overlap(first.text, " ".join(b.text for b in follow)) >= self.min_overlap:
            yield self.remove(first, "title.headline", self.confidence, title=first.text)

    def _copies(self, doc: Document, title: str) -> Iterable[Removal]:
        """Lines that repeat a known headline (also as "Headline | Site")."""
        keys = _title_keys(title)
        # Every key of a line starts with the line's first word (as _key reads it): only
        # lines whose first word starts one of the title's keys are compared in full.
        firsts = {k.split(" ", 1)[0] for k in keys}
        blocks = doc.blocks
        pool = doc.short(self.max_words + _COPY_EXTRA_WORDS)
        if all(f.isalpha() for f in firsts):
            # A line whose first word is made of letters has it as its gate word, unless a
            # symbol comes first: the gate words rule out the rest without reading them.
            pool = [i for i in pool if _may_open_with(blocks[i].head, firsts)]
        for i in pool:
            b = blocks[i]
            if _first_word(b.text) in firsts and not keys.isdisjoint(_title_keys(b.text)):
                yield self.remove(b, "duplicate_title.copy", 0.95, title=title)

    def _headline_shaped(self, text: str, words: int) -> bool:
        if not (self.min_words <= words <= self.max_words):
            return False
        stripped = closing_stripped(text)
        end = stripped[-1:]
        quoted = len(stripped) < len(text.rstrip())  # ends inside a quote: 'We got her!"'
        if end in (".", ";", ",", ":", "。") or (end in ("!", "！") and not quoted):
            return False
        return not any(m in text for m in ("http", "www.", "@", ".com"))

    def _overlap(self, title: str, rest: str) -> float:
        rest_cf = rest.casefold()
        words = [w for w in WORD_RE.findall(title.casefold()) if len(w) >= self.content_word_len]
        if not words:
            return 0.0
        # Inflected forms count: "begins" / "begin", "shutoffs" / "shutoff".
        return sum(
            1 for w in words if w[: max(self.content_word_len, len(w) - 2)] in rest_cf
        ) / len(words)
