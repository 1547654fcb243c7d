"""Lines that *say* what they are: read-more links, newsletter and share prompts, ads...

One generic rule, configured per family from the phrase packs: a whole-line phrase is
noise anywhere; a line that starts with a family phrase is noise if it is short; a line
that merely contains one is noise only if it is short *and* sits near the head or tail of
the text, because body prose may mention newsletters or cookies in passing. Quoted speech
(a line opening with a quotation that closes before an attribution) is never taken for a
prompt: people in the news say "sign up" and "we'd like to hear what you think" too.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import ClassVar

from .._detector import Detector
from .._document import SCAN_WORDS, Document
from .._phrases import (
    ALL,
    PhraseMatch,
    PhraseSearch,
    line_matcher,
    phrase_set,
    phrases,
    searcher,
)
from .._registry import register
from .._removal import Removal, check_reason
from .._shape import is_quotation
from ._zones import in_edge_zone

__all__ = ["PhraseLineDetector"]

#: The end of a line searched for a newsletter title word before tokenising the line.
_TITLE_TAIL_CHARS = 24


@dataclass(frozen=True)
class PhraseLineDetector(Detector):
    """Base: subclasses set ``family`` (the pack section) and ``kind`` (the reason prefix)."""

    family: ClassVar[str] = ""
    kind: ClassVar[str] = ""

    languages: tuple[str, ...] = (ALL,)
    #: A line starting with a family phrase is noise up to this many words...
    prefix_max_words: int = 25
    #: ...anywhere when it has at most this many words, else only in the edge zones.
    prefix_anywhere_words: int = 25
    #: A line containing a family phrase is noise up to this many words...
    contains_max_words: int = 40
    #: ...anywhere when it has at most this many words, else only in the edge zones.
    contains_anywhere_words: int = 12
    head_share: float = 0.15
    tail_share: float = 0.3
    confidence: float = 0.9

    def __post_init__(self) -> None:
        # A misspelt family, kind or language would make a detector that never fires or
        # files its removals nowhere: refuse it when the pipeline is built (ConfigError).
        check_reason(f"{self.kind}.line", self.name)
        phrases(self.family, "line", self.languages)

    @cached_property
    def _lists(self) -> tuple[PhraseMatch | None, PhraseMatch | None, PhraseSearch | None]:
        """The family's line, prefix and contains lists, looked up once per instance."""
        langs = self.languages
        return (
            line_matcher(self.family, "line", "line", langs),
            line_matcher(self.family, "prefix", "prefix", langs),
            searcher(self.family, "contains", langs),
        )

    def _in_zone(self, doc: Document, i: int) -> bool:
        """Block ``i`` is near the head or tail of the text (a verdict by position)."""
        return in_edge_zone(doc, i, self.head_share, self.tail_share)

    def _candidates(
        self,
        doc: Document,
        line_re: PhraseMatch | None,
        prefix_re: PhraseMatch | None,
        contains_re: PhraseSearch | None,
    ) -> list[int]:
        found = doc.gate(line_re, prefix_re, contains_re)
        if contains_re is None or self.contains_max_words <= SCAN_WORDS:
            return found
        # Longer lines can only contain a phrase that counts near the edges (or anywhere,
        # if configured so): only those are scanned, one by one.
        longer = [
            i
            for i in doc.short(self.contains_max_words, SCAN_WORDS + 1)
            if (doc.blocks[i].words <= self.contains_anywhere_words or self._in_zone(doc, i))
            and not contains_re.keys.isdisjoint(doc.keys(i))
        ]
        return sorted(set(found) | set(longer)) if longer else found

    def detect(self, doc: Document) -> Iterable[Removal]:
        line_re, prefix_re, contains_re = self._lists
        for i in self._candidates(doc, line_re, prefix_re, contains_re):
            b = doc.blocks[i]
            if line_re is not None and line_re.hit(b):
                yield self.remove(b, f"{self.kind}.line", self.confidence)
            elif (
                prefix_re is not None
                and b.words <= self.prefix_max_words
                and prefix_re.hit(b)
                and not is_quotation(b.text)
                and (b.words <= self.prefix_anywhere_words or self._in_zone(doc, i))
            ):
                yield self.remove(b, f"{self.kind}.prefix", self.confidence)
            elif (
                contains_re is not None
                and b.words <= self.contains_max_words
                and contains_re.search(b, doc.keys(i))
                and not is_quotation(b.text)
                and (b.words <= self.contains_anywhere_words or self._in_zone(doc, i))
            ):
                yield self.remove(b, f"{self.kind}.phrase", self.confidence * 0.95)


@register
@dataclass(frozen=True)
class ReadMore(PhraseLineDetector):
    name = "read_more"
    family = "read_more"
    kind = "read_more"
    summary = "Read-more / see-also / click-here lines pointing to other pages."
    prefix_max_words: int = 25


@register
@dataclass(frozen=True)
class Newsletter(PhraseLineDetector):
    name = "newsletter"
    family = "newsletter"
    kind = "newsletter"
    summary = "Newsletter, subscription, paywall, login and donation prompts."
    contains_anywhere_words: int = 10
    contains_max_words: int = 70
    prefix_max_words: int = 12
    prefix_anywhere_words: int = 8
    #: A sign-up box's title names the newsletter: "Pick Six Newsletter", "The Daily
    #: Briefing newsletter" (at most this many words, unpunctuated, ending in the word).
    title_max_words: int = 5
    #: ...and naming it like a product: at least this many capitalised words.
    title_min_capitals: int = 2

    def detect(self, doc: Document) -> Iterable[Removal]:
        done = set()
        for r in super().detect(doc):
            done.add(r.start)
            yield r
        names = phrase_set(self.family, "title_end", self.languages)
        for i in doc.short(self.title_max_words):
            b = doc.blocks[i]
            if (
                b.start not in done
                and not b.ends_sentence
                # Cheap test on the line's end before tokenising it.
                and any(n in b.text[-_TITLE_TAIL_CHARS:].lower() for n in names)
                and b.tokens
                and b.tokens[-1] in names
                # A product's name ("The Daily Briefing Newsletter"), not a subheading
                # ("The rise of the newsletter"), and where sign-up boxes sit.
                and sum(1 for w in b.text.split() if w[:1].isupper()) >= self.title_min_capitals
                and self._in_zone(doc, i)
            ):
                yield self.remove(b, "newsletter.title", self.confidence)


@register
@dataclass(frozen=True)
class Share(PhraseLineDetector):
    name = "share"
    family = "share"
    kind = "share"
    summary = "Share buttons, follow-us lines and social handles."


@register
@dataclass(frozen=True)
class CookieNotice(PhraseLineDetector):
    name = "cookie_notice"
    family = "cookie_notice"
    kind = "cookie_notice"
    summary = "Cookie, consent and privacy banners."
    contains_max_words: int = 80
    contains_anywhere_words: int = 40


@register
@dataclass(frozen=True)
class Copyright(PhraseLineDetector):
    name = "copyright"
    family = "copyright"
    kind = "copyright"
    summary = "Copyright, reprint and licence footers."
    contains_anywhere_words: int = 10
    contains_max_words: int = 70


@register
@dataclass(frozen=True)
class Tags(PhraseLineDetector):
    name = "tags"
    family = "tags"
    kind = "tags"
    summary = "Tag, topic and category lists (also the comma list under a bare 'Tags' line)."
    prefix_max_words: int = 60
    #: A keyword list: at least this many comma-separated items, each this short at most.
    list_min_items: int = 3
    list_item_max_words: int = 6

    def detect(self, doc: Document) -> Iterable[Removal]:
        blocks = doc.blocks
        for r in super().detect(doc):
            yield r
            if r.reason != "tags.line":
                continue
            i = bisect_right(doc.starts, r.start)  # the block after the header's
            if i < len(blocks) and self._keyword_list(blocks[i].text):
                yield self.remove(blocks[i], "tags.list", self.confidence)

    def _keyword_list(self, text: str) -> bool:
        items = [x.strip() for x in text.split(",")]
        return len(items) >= self.list_min_items and all(
            0 < len(x.split()) <= self.list_item_max_words for x in items
        )
