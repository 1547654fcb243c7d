"""Comment sections: everything from a comment header to the end, and comment-form chrome.

Readers' comments come after the article, under a header ("3 Comments", "Leave a Reply",
"6 thoughts on “…”", "Loading comments..."). Once the header is found below some article
prose, the rest of the text is the comment section. Bare "Comments" counts the same; vaguer
headers ("Discussion", "Responses") only in the last part of the text. Form text ("Your
email address will not be published") goes wherever it is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property

from .._detector import Detector
from .._document import PROSE_MIN_WORDS, Block, Document
from .._phrases import ALL, PhraseMatch, PhraseSearch, line_matcher, searcher
from .._registry import register
from .._removal import Removal
from ._zones import in_tail_zone, prose_words_before

__all__ = ["CommentsDetector"]

#: Bare words that head a comment section on some pages and an article's own section on
#: others (a paper's "Discussion", a Q&A's "Response:", a brand list's "Thought"). Without a
#: count or a form beside them they are not evidence enough to cut the rest of the text.
_WEAK_HEADERS = frozenset(
    {
        "discussion",
        "conversation",
        "response",
        "responses",
        "reply",
        "replies",
        "thought",
        "thoughts",
        "sort by",
        "comment",
    }
)


@register
@dataclass(frozen=True)
class CommentsDetector(Detector):
    name = "comments"
    summary = "Comment sections (header to end of text) and comment-form text."

    languages: tuple[str, ...] = (ALL,)
    header_max_words: int = 14
    #: "6 thoughts on “<the whole headline>”" is longer than a bare header.
    titled_header_max_words: int = 40
    #: Words of article that must precede a header before we cut the rest.
    min_words_before: int = 20
    #: ...of which at least this many in paragraphs of prose: a "Comments" link in a menu
    #: above the article has words before it, but no article yet.
    min_prose_before: int = 40
    form_max_words: int = 40
    #: Under a header without a count, a section of at most this many words is the comment
    #: widget's chrome ("There are no comments yet", "Let's hear your thoughts")...
    bare_section_max_words: int = 60
    #: ...and a longer one needs this many short lines stamped with a time, "ago" or a
    #: year (the comments' dates), or a comment-form line.
    bare_min_stamps: int = 2
    #: A form line with at most this share of the words after it ends the article.
    form_tail_share: float = 0.25
    confidence: float = 0.9

    @cached_property
    def _lists(self) -> tuple[PhraseMatch | None, PhraseMatch | None, PhraseSearch | None]:
        """The phrase lists this detector reads, looked up once per instance."""
        return (
            line_matcher("comments", "header", "line", self.languages),
            line_matcher("comments", "header_prefix", "prefix", self.languages),
            searcher("comments", "form", self.languages),
        )

    def _thread_follows(
        self, doc: Document, i: int, forms: list[int], form: PhraseSearch | None
    ) -> bool:
        """Evidence beside an uncounted header at ``i`` that comments follow: a short
        section, a comment-form line, or posts' date stamps."""
        if doc.words_after(i) <= self.bare_section_max_words:
            return True
        blocks = doc.blocks
        if form is not None and any(k > i and form.search(blocks[k], doc.keys(k)) for k in forms):
            return True
        stamps = 0
        for b in blocks[i + 1 :]:
            if b.words <= _STAMP_LINE_WORDS and _POST_STAMP.search(b.text):
                stamps += 1
                if stamps >= self.bare_min_stamps:
                    return True
        return False

    def detect(self, doc: Document) -> Iterable[Removal]:
        header, header_prefix, form = self._lists
        blocks = doc.blocks
        cut = len(blocks)
        headers = doc.gate(header, header_prefix)
        forms = doc.gate(form, max_words=self.form_max_words)
        recurring = _recurring(blocks, headers)
        for i in headers:
            b = blocks[i]
            if b.words > self.titled_header_max_words:
                continue
            if i in recurring:
                # "Add a comment", "Reply 3" under every post: a thread's chrome, not the
                # one header a comment section has.
                continue
            strong = header_prefix is not None and header_prefix.hit(b)
            line_hit = b.words <= self.header_max_words and header is not None and header.hit(b)
            if not (strong or line_hit):
                continue
            # A header: whether it opens the comments depends on where it sits. One that
            # does goes with all that follows; one that does not may in a later pass.
            if (
                doc.words_before(i) < self.min_words_before
                or prose_words_before(doc, i) < self.min_prose_before
            ):
                continue
            if line_hit and _bare(b.text) in _WEAK_HEADERS:
                continue
            if strong and not line_hit and _runs_on(b.text):
                continue  # "Comments on my blog posts. It pulls..." is a sentence, not a header
            if not _counted(b.text) and not self._thread_follows(doc, i, forms, form):
                # "Comments" also heads a manual's section on code comments or a forum's
                # replies: without a count it cuts only over what reads as a comment widget.
                continue
            cut = i
            break
        for i in range(cut, len(blocks)):
            reason = "comments.header" if i == cut else "comments.section"
            yield self.remove(blocks[i], reason, self.confidence, header=blocks[cut].text)
        if form is None:
            return
        for i in forms:
            if i >= cut:
                break
            b = blocks[i]
            if b.words <= self.form_max_words and form.search(b, doc.keys(i)):
                # Form text goes wherever it is; what follows it goes with it only below.
                yield self.remove(b, "comments.form", self.confidence)
                # Form text near the end: what follows it is the rest of the form (consent
                # notes, privacy text), never the article.
                if (
                    in_tail_zone(doc, i, self.form_tail_share)
                    and doc.words_before(i) >= self.min_words_before
                ):
                    for k in range(i + 1, cut):
                        yield self.remove(blocks[k], "comments.form_tail", self.confidence * 0.9)
                    return


_DIGITS = re.compile(r"\d+")
#: A post's date line: a clock time, "... ago", or a year, on a short line.
_POST_STAMP = re.compile(r"\b\d{1,2}:\d{2}\b|\bago\b|\b(?:19|20)\d\d\b", re.IGNORECASE)
_STAMP_LINE_WORDS = 10


def _recurring(blocks: Sequence[Block], headers: list[int]) -> set[int]:
    """Header lines whose text, counts aside, comes back after a post-length block: the
    same "Add a comment" or "Reply 3" under one post after another."""
    last: dict[str, int] = {}
    out: set[int] = set()
    for i in sorted(headers):
        key = _DIGITS.sub("#", _bare(blocks[i].text))
        j = last.get(key)
        if j is not None and any(b.words >= PROSE_MIN_WORDS for b in blocks[j + 1 : i]):
            out.update((i, j))
        last[key] = i
    return out


def _counted(text: str) -> bool:
    """The header counts its comments ("3 Comments", "34 responses to ...")."""
    return any(c.isdigit() for c in text[:12])


def _bare(text: str) -> str:
    """A header line without its markup, edge punctuation and case: "## DISCUSSION:" ->
    "discussion" (a count stays: "1 comment" is not bare)."""
    return " ".join(text.casefold().strip(" :.!?#*-_|()[]").split())


def _runs_on(text: str) -> bool:
    """The line holds a sentence end followed by more words: prose, not a header."""
    for mark in (". ", "? ", "! "):
        k = text.find(mark)
        if 0 < k < len(text) - 2:
            return True
    return False
