"""Timestamps, durations and datelines: lines that are only a date, a time or a duration.

Structure first: a line whose every word is a digit group or a date word (month, weekday,
"updated", "am", time zones, from the packs) is a dateline in any language that has a pack;
ISO timestamps and numeric dates need no words at all. A clock time glued to a date
("Sept. 10, 202200:26") or after a player label ("Now Playing 02:14") is a video stamp.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property

from .._detector import Detector
from .._document import Document
from .._phrases import ALL, PhraseMatch, line_matcher, matcher, phrase_set
from .._registry import register
from .._removal import Removal
from .._shape import normalize

__all__ = ["DatelineDetector", "VideoTimestampDetector"]

_CLOCK = r"\d{1,2}:\d{2}(?::\d{2})?"
# "Sept. 10, 2022" + glued "00:26"; or a bare clock; nothing else on the line.
_VIDEO_RE = re.compile(rf"^(?:[^\W\d_]{{3,9}}\.?\s\d{{1,2}},?\s\d{{4}}\s?)?{_CLOCK}$")
_TRAILING_CLOCK = re.compile(rf"{_CLOCK}$")
_HAS_DIGIT = re.compile(r"\d")
#: A figure beside the date (a share, a price), a table cell, or a colon that introduces
#: what follows: the line is a row of data or an entry's heading, not a publication stamp.
_DATA_ROW = re.compile(r"[%$€£¥]|^\||:$")
#: Quotes, assignments and braces: a line of code or configuration that holds a date
#: ("AWSTemplateFormatVersion: '2010-09-09'"), not a stamp.
_CODE = re.compile(r"[\"'`=;{}<>]")
#: Dotted numbers without a four-digit year at either end are versions ("Gradle 8.14.3").
_VERSION = re.compile(r"(?<![\d.])\d{1,3}\.\d{1,3}\.\d{1,3}(?![\d.])")
_DATE_SHAPES = re.compile(
    r"\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2})?"  # ISO
    r"|\d{1,4}[./-]\d{1,2}[./-]\d{1,4}"  # 19/11/2019, 2019.11.19
    r"|\d{1,2}:\d{2}"  # clock
    # A bare year is not enough on its own ("2019" may be a heading); with a month it is.
)

# One calendar date with day, month name and year, in either order; two of them joined by a
# range mark make a period.
_DAY_MONTH_YEAR = r"(?:\d{1,2}\.?\s[^\W\d_]{3,9}\.?,?\s\d{4}|[^\W\d_]{3,9}\.?\s\d{1,2},?\s\d{4})"
_DATE_RANGE = re.compile(
    rf"^{_DAY_MONTH_YEAR}\s?(?:[|–—-]|to|bis|au|al|a)\s?{_DAY_MONTH_YEAR}$", re.IGNORECASE
)
_RANGE_EDGE = " *_()[]"


@register
@dataclass(frozen=True)
class VideoTimestampDetector(Detector):
    name = "video_timestamp"
    local = True
    summary = "Video durations and player stamps ('Sept. 10, 202200:26', 'Now Playing 02:14')."

    languages: tuple[str, ...] = (ALL,)
    max_words: int = 8
    confidence: float = 0.95

    @cached_property
    def _lists(self) -> re.Pattern[str] | None:
        """The phrase lists this detector reads, looked up once per instance."""
        return matcher("video_timestamp", "prefix", "line", self.languages)

    def detect(self, doc: Document) -> Iterable[Removal]:
        label = self._lists
        for i in doc.short(self.max_words):
            b = doc.blocks[i]
            if ":" not in b.text:
                continue
            t = b.text.strip()
            if _VIDEO_RE.match(t):
                yield self.remove(b, "video_timestamp.clock", self.confidence)
                continue
            m = _TRAILING_CLOCK.search(t)
            if label is not None and m and label.match(normalize(t[: m.start()])):
                yield self.remove(b, "video_timestamp.player", self.confidence)


@register
@dataclass(frozen=True)
class DatelineDetector(Detector):
    name = "dateline"
    summary = "Lines that are only a date/time, 'Updated ...' stamps and reading times."

    languages: tuple[str, ...] = (ALL,)
    max_words: int = 14
    #: A dateline may carry this many words that are not date words ("기사입력", a name).
    max_unknown_words: int = 1
    #: More stamps than this in one text are a dated list (a listing's items, a changelog,
    #: a thread's posts): the dates are part of the page, none is its byline stamp.
    max_stamps: int = 5
    confidence: float = 0.9

    @cached_property
    def _lists(self) -> tuple[frozenset[str], PhraseMatch | None]:
        """The phrase lists this detector reads, looked up once per instance."""
        return (
            phrase_set("dateline", "words", self.languages),
            line_matcher("dateline", "line", "line", self.languages),
        )

    def detect(self, doc: Document) -> Iterable[Removal]:
        vocab, line = self._lists
        read: set[int] = set()
        for i in doc.gate(line):
            b = doc.blocks[i]
            if b.words <= self.max_words and line is not None and line.hit(b):
                read.add(i)
                yield self.remove(b, "dateline.reading_time", self.confidence)
        stamps: list[Removal] = []
        for i in doc.short(self.max_words):
            b = doc.blocks[i]
            # A stamp has a digit; the C-level search rules out most lines before tokenising.
            if i in read or not _HAS_DIGIT.search(b.text):
                continue
            toks = b.tokens
            digits = sum(1 for t in toks if t.isdigit())
            if digits == 0:
                continue
            # "by Jane Doe" after a stamp makes it a byline-dateline; count it as one unknown.
            unknown = [t for t in toks if not t.isdigit() and t not in vocab]
            if len(unknown) > self.max_unknown_words:
                continue  # a sentence with figures, not a stamp
            named = _has_month(toks, vocab)
            shaped = bool(_DATE_SHAPES.search(b.text)) and not _VERSION.search(b.text)
            if not (named or shaped):
                continue
            if _DATA_ROW.search(b.text) or _CODE.search(b.text):
                continue  # "11/1/2022 | -34.7%", "2025-12-19:": data or an entry's heading
            if not unknown:
                # "29 November 2018 | 20 January 2019": a period (an exhibition, a tour) is
                # what the text is about, not when it was published.
                if _DATE_RANGE.match(b.text.strip(_RANGE_EDGE)):
                    continue
                stamps.append(self.remove(b, "dateline.stamp", self.confidence))
            elif len(unknown) <= self.max_unknown_words and shaped and digits >= 3:
                stamps.append(self.remove(b, "dateline.labelled_stamp", self.confidence * 0.95))
        if len(stamps) <= self.max_stamps:
            yield from stamps


#: Date-pack words that also fill ordinary sentences; they do not make a line a date.
_FILLERS = frozenset(
    [
        "on",
        "at",
        "the",
        "of",
        "and",
        "in",
        "a",
        "t",
        "z",
        "m",
        "p",
        "st",
        "nd",
        "rd",
        "th",
        "un",
        "about",
        "less",
        "than",
        "just",
        "now",
        "last",
        "first",
        "local",
        "date",
        "time",
        "de",
        "da",
        "do",
        "del",
        "la",
        "le",
        "el",
        "em",
        "às",
        "à",
        "a",
        "um",
        "um",
        "en",
        "y",
        "e",
        "et",
        "und",
        "am",
    ]
)


def _has_month(toks: Sequence[str], vocab: frozenset[str]) -> bool:
    """A real date word (month, weekday, 'updated', 'ago'...) is present, not just fillers."""
    return any(t in vocab and t not in _FILLERS and not t.isdigit() for t in toks)
