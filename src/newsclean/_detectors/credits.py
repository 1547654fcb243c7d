"""Credits: where the story came from, who wrote it, who took the photo.

- ``source_credit``: "Source: | This article originally belongs to Nbcnews.com", "This post
  first appeared on wsj.com", "SOURCE: Al Jazeera News". The outlet is kept in
  ``Removal.data["source"]`` and surfaces as ``Article.source``.
- ``byline``: "By Jane Doe", "(Reporting by ...; Editing by ...)", "X contributed to this report".
- ``photo_credit``: "Photo: Jane Doe/AP", "(Image: Getty)", captions ending in an agency.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from .._detector import Detector
from .._document import Block, Document
from .._phrases import ALL, PhraseMatch, line_matcher, matcher
from .._registry import register
from .._removal import Removal
from .._shape import WORD_RE, closing_stripped
from .phrase_lines import PhraseLineDetector

__all__ = ["BylineDetector", "PhotoCreditDetector", "SourceCreditDetector"]

_LABEL_SEP = re.compile(r"\s*[:|]\s*(?:\|\s*)?")
_SENTENCE_SPLIT = re.compile(r"(?<![A-Z])\.\s+(?=[A-Z])")


@register
@dataclass(frozen=True)
class SourceCreditDetector(Detector):
    name = "source_credit"
    local = True
    summary = "Source / syndication credits; the credited outlet becomes Article.source."

    languages: tuple[str, ...] = (ALL,)
    max_words: int = 25
    #: An outlet name longer than this is a sentence, not a credit.
    max_outlet_words: int = 8
    confidence: float = 0.9

    @cached_property
    def _lists(self) -> tuple[PhraseMatch | None, PhraseMatch | None]:
        """The phrase lists this detector reads, looked up once per instance."""
        return (
            line_matcher("source_credit", "label", "prefix", self.languages),
            line_matcher("source_credit", "lead", "prefix", self.languages),
        )

    def detect(self, doc: Document) -> Iterable[Removal]:
        label_m, lead_m = self._lists
        label = label_m.pattern if label_m is not None else None
        lead = lead_m.pattern if lead_m is not None else None
        for i in doc.gate(label_m, lead_m):
            b = doc.blocks[i]
            if b.words > self.max_words:
                continue
            rest = " ".join(b.text.split()).strip(_EDGE)
            labelled = led = False
            if label is not None:
                m = label.match(rest)
                sep = _LABEL_SEP.match(rest, m.end()) if m else None
                if m and sep and sep.end() > m.end():
                    rest, labelled = rest[sep.end() :], True
            if lead is not None:
                m = lead.match(rest)
                if m:
                    rest, led = rest[m.end() :].lstrip(" :"), True
            if not (labelled or led):
                continue
            outlet = _outlet(rest)
            if not outlet or len(WORD_RE.findall(outlet)) > self.max_outlet_words:
                continue
            reason = "source_credit.syndication" if led else "source_credit.label"
            yield self.remove(b, reason, self.confidence, source=outlet)


_EDGE = " -–—•*|[](){}\"'“”‘’"


def _outlet(rest: str) -> str:
    """The outlet named after the credit phrase: its first sentence, trimmed."""
    first = _SENTENCE_SPLIT.split(rest.strip(), maxsplit=1)[0]
    return closing_stripped(first).rstrip(".").strip(" |:-–—")


@register
@dataclass(frozen=True)
class BylineDetector(PhraseLineDetector):
    name = "byline"
    family = "byline"
    kind = "byline"
    summary = "Bylines, reporting credits, author bios and contact lines."
    prefix_max_words: int = 20
    contains_max_words: int = 45
    contains_anywhere_words: int = 20

    def detect(self, doc: Document) -> Iterable[Removal]:
        _, prefix, contains = self._lists
        for i in doc.gate(prefix, contains, max_words=self.contains_max_words):
            b = doc.blocks[i]
            if prefix is not None and b.words <= self.prefix_max_words and prefix.hit(b):
                # "By" must introduce a name: "By John Smith", not "By the way, ...".
                if b.norm[:3].casefold() == "by " and not _names_follow(b.text):
                    continue
                yield self.remove(b, "byline.prefix", self.confidence)
            elif (
                contains is not None
                and b.words <= self.contains_max_words
                and contains.search(b, doc.keys(i))
                and (b.words <= self.contains_anywhere_words or self._in_zone(doc, i))
            ):
                yield self.remove(b, "byline.phrase", self.confidence * 0.95)


_NAME_RE = re.compile(
    # Names are separated by whitespace, so each repetition starts at a new word: linear.
    r"^\W{0,3}[Bb][Yy]\s+[A-Z][\w'.-]*(?:\s+(?:[A-Z][\w'.-]*|and|&)){0,5}\s*(?:$|[,|/·•\-–—(])"
)


def _names_follow(text: str) -> bool:
    return bool(_NAME_RE.match(text.strip()))


@register
@dataclass(frozen=True)
class PhotoCreditDetector(Detector):
    name = "photo_credit"
    local = True
    summary = "Photo credits: 'Photo: X/AP', captions ending '(Image: GETTY)' or '.Reuters'."

    languages: tuple[str, ...] = (ALL,)
    #: A labelled credit names a source in a few words; past this many words the line is a
    #: descriptive caption sentence ("Cover image: artist's impression of ...").
    prefix_max_words: int = 15
    caption_max_words: int = 45
    confidence: float = 0.9

    @cached_property
    def _lists(self) -> tuple[PhraseMatch | None, re.Pattern[str] | None, re.Pattern[str] | None]:
        """The phrase lists this detector reads, looked up once per instance."""
        return (
            line_matcher("photo_credit", "prefix", "prefix", self.languages),
            matcher("photo_credit", "trailing", "prefix", self.languages),
            matcher("photo_credit", "suffix", "line", self.languages),
        )

    def detect(self, doc: Document) -> Iterable[Removal]:
        prefix, trailing, suffix = self._lists
        labelled = set(doc.gate(prefix))
        for i in doc.short(self.caption_max_words):
            b = doc.blocks[i]
            if (
                i in labelled
                and prefix is not None
                and (b.words <= self.prefix_max_words or self._agency_signed(b.text, suffix))
                and prefix.hit(b)
                # A bare label ("Photo:") whose credit is on the next line: removing the label
                # alone strands the credit, so the pair is left as it is.
                and not _BARE_LABEL.match(b.text)
            ):
                yield self.remove(b, "caption.credit", self.confidence)
                continue
            tail = b.text.rstrip(" |\t")[-1:]
            if tail == ")":
                yield from self._bracket_credit(b, trailing)
            elif (tail.isalnum() or tail == "_") and suffix is not None:
                # "...in New York.Reuters": an agency glued after a caption. The match is
                # at most ``_GLUED_AGENCY_CHARS`` long, so only the line's end is searched.
                g = _GLUED_AGENCY.search(b.text, max(0, len(b.text) - _GLUED_AGENCY_CHARS))
                if g and suffix.match(g.group(1)):
                    yield self.remove(b, "caption.agency_suffix", self.confidence * 0.9)

    def _bracket_credit(self, b: Block, trailing: re.Pattern[str] | None) -> Iterable[Removal]:
        """ "(Image: GETTY)" / "(credit: NASA/Jude Guidry)" closing a caption."""
        m = _BRACKET_END.search(b.text)
        inner = m.group(1).strip() if m else ""
        # A credit is labelled ("Image: ...") or names an agency as a proper noun.
        if (
            inner
            and trailing is not None
            and trailing.match(inner)
            and (":" in inner or inner[0].isupper())
        ):
            yield self.remove(b, "caption.bracket_credit", self.confidence * 0.95)

    @staticmethod
    def _agency_signed(text: str, suffix: re.Pattern[str] | None) -> bool:
        """A long caption signed by an agency photographer ("... REUTERS/Jane Doe")."""
        m = _AGENCY_SIGNED.search(text)
        return bool(m and suffix is not None and suffix.match(m.group(1)))


_AGENCY_SIGNED = re.compile(r"(?<!\w)([A-Z][A-Za-z]{1,15}(?: [A-Z][a-z]{1,10})?)/[^/]{2,40}$")
_BARE_LABEL = re.compile(r"^\W{0,3}[^\W\d_]+(?: [^\W\d_]+)?\s?:\W{0,3}$")
_BRACKET_END = re.compile(r"\(([^()]{1,60})\)[\s|]{0,3}$")
_GLUED_AGENCY = re.compile(r"[a-z][.)]([A-Z][\w ]{1,20})$")
#: The longest text ``_GLUED_AGENCY`` can match.
_GLUED_AGENCY_CHARS = 23
