"""Related-links zones: a recirculation header and the teaser headlines under it.

"You May Also Like" / "Related Articles" / "More from X" / "DON'T MISS", followed by
teasers: short lines without a closing period, teasers cut off with "…", list items, lines
ending in a bracketed tag ("[VIDEO]"). The whole run goes. Without a header, a run of
Title Case list items after the article's last paragraph is a related list too, and so are
a strip of Title Case headlines above the article and a run of "Series | Headline" lines
after it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property

from .._detector import Detector
from .._document import BULLETS, Block, Document, is_prose
from .._phrases import ALL, PhraseMatch, guess_language, line_matcher, title_case_headlines
from .._registry import register
from .._removal import Removal
from .._shape import closing_stripped, is_all_caps

__all__ = ["RelatedLinksDetector"]

# Tickers and tables ("HD THE HOME DEPOT INC. 225.86 -12.99") are shouted but not teasers.
_FIGURES = re.compile(r"\d\s?%|\d\.\d|\|")
#: The characters a tagged line can end with ("... [VIDEO]", "... [VIDEO] |").
_TAG_TAIL = "] |\t"
_TAG_END = re.compile(r"\[[A-Z][A-Za-z ]{1,20}\][\s|]{0,3}$")
_LETTERS = re.compile(r"[^\W\d_]+")
# Times and prices mark a programme or a price list, not teaser headlines.
#: A reference: a year beside initials or several commas ("Stubbs B, Rosenbaum S. ... 2017"),
#: or "et al.". Reference lists close papers and guides; they are the text's sources.
_CITATION = re.compile(r"\bet al\b|\b(?:1[89]|20)\d\d\b.*\b(?:doi|vol|pp)\b", re.IGNORECASE)
_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")
_PRICE = re.compile(r"[$€£¥]\s?\d|\d\s?[$€£¥]")
_SCHEDULE = re.compile(r"\d:\d\d|\d\s?[ap]\.?m\b|[$€£]\s?\d", re.IGNORECASE)
#: Paragraphs of prose sampled to tell the text's language.
_CASE_SAMPLE = 3


def _tagged(text: str) -> bool:
    """Ends in a bracketed tag ("... [VIDEO]"); the cheap test on the last character first."""
    return text.rstrip(" |\t")[-1:] == "]" and _TAG_END.search(text) is not None


@register
@dataclass(frozen=True)
class RelatedLinksDetector(Detector):
    name = "related_links"
    summary = "A related-links header and the run of teaser headlines below it."

    languages: tuple[str, ...] = (ALL,)
    header_max_words: int = 8
    teaser_max_words: int = 30
    #: Prices and buttons ("$139.00", "Buy Now") end a run: teasers are headlines.
    teaser_min_words: int = 3
    #: A question up to this many words reads as a teaser headline, not as prose.
    question_max_words: int = 15
    max_teasers: int = 40
    #: Header-less related lists: at least this many headline-like list items at the end
    #: (0 = off). Feature lists and rankings have the same shape, so the items must also be
    #: written in headline Title Case (``tail_list_title_share``).
    tail_list_min_items: int = 2
    tail_list_min_words: int = 4
    #: Tail-list items must be written in headline Title Case (this share of their longer
    #: words capitalised): teaser headlines are, feature lists and recipe steps are not.
    tail_list_title_share: float = 0.75
    #: A strip of Title Case lines opening the text, above the first sentence of the article,
    #: holding at least this many full headlines (``head_strip_headline_words`` or more
    #: words; shorter lines are labels: event or product details) is a recirculation strip.
    #: 0 = off.
    head_strip_min_items: int = 4
    head_strip_headline_words: int = 8
    #: After the last paragraph, at least this many lines "Series | Headline" sharing one
    #: series label are teasers of that series' other stories (0 = off)...
    series_min_items: int = 3
    #: ...when each headline after the label has at least this many words.
    series_headline_words: int = 4
    #: Teasers tagged "[VIDEO]" / "[INSIGHT]": noise when the text has at least this many.
    tagged_min_lines: int = 2
    #: A bare "[CNET]" is a citation; a teaser has a headline before its tag.
    tagged_min_words: int = 4
    #: An ALL-CAPS line of at least this many words, without a closing period, in a text
    #: written in mixed case, is a promoted headline ("SEAN SPICER ELIMINATED FROM ...").
    shouted_min_words: int = 8
    confidence: float = 0.9

    @cached_property
    def _lists(self) -> tuple[PhraseMatch | None, PhraseMatch | None]:
        """The phrase lists this detector reads, looked up once per instance."""
        return (
            line_matcher("related_links", "line", "line", self.languages),
            line_matcher("related_links", "prefix", "prefix", self.languages),
        )

    def detect(self, doc: Document) -> Iterable[Removal]:
        line, prefix = self._lists
        blocks = doc.blocks
        taken: set[int] = set()
        after = 0  # blocks before this were taken by an earlier run
        for i in doc.gate(line, prefix):
            b = blocks[i]
            if i < after or not (
                b.words <= self.header_max_words
                and (
                    (line is not None and line.hit(b))
                    or (prefix is not None and not b.ends_sentence and prefix.hit(b))
                )
            ):
                continue
            # The teasers are the header's neighbours; both go, so the next pass, like a run
            # on the output, finds no header and judges no teaser.
            header = b.text
            yield self.remove(b, "related_links.header", self.confidence)
            taken.add(i)
            j = i + 1
            while j < len(blocks) and j - i <= self.max_teasers and self._teaser(blocks[j]):
                yield self.remove(blocks[j], "related_links.teaser", self.confidence, header=header)
                taken.add(j)
                j += 1
            after = j
        if self._strips_possible(doc):
            # Runs judged by where the article's prose starts and ends.
            yield from self._tail_list(doc, taken)
            yield from self._head_strip(doc, taken)
            yield from self._series_tail(doc, taken)
        yield from self._tagged_and_shouted(doc, taken)

    def _strips_possible(self, doc: Document) -> bool:
        """Whether the text has enough lines of the right shape for a tail list, a head
        strip or a series run anywhere; if not, none can form however blocks are removed."""
        blocks = doc.blocks
        items = bars = 0
        longest = self.teaser_max_words  # list items and series lines are teaser-sized
        for b in blocks:
            if b.words > longest:
                continue
            t = b.text
            if t[:2] in BULLETS or b.kind == "li":
                items += 1
            if " | " in t:
                bars += 1
        if self.tail_list_min_items and items >= self.tail_list_min_items:
            return True
        if self.series_min_items and bars >= self.series_min_items:
            return True
        return bool(self.head_strip_min_items) and (
            sum(
                1
                for i in doc.short(self.teaser_max_words, self.head_strip_headline_words)
                if not blocks[i].ends_sentence
            )
            >= self.head_strip_min_items
        )

    def _tagged_and_shouted(self, doc: Document, taken: set[int]) -> Iterable[Removal]:
        blocks = doc.blocks
        tagged: list[int] = []
        shouted: list[int] = []
        least = min(self.tagged_min_words, self.shouted_min_words)
        for k in doc.short(self.teaser_max_words, least):
            if k in taken:
                continue
            b = blocks[k]
            t = b.text
            # A tag closes the line, perhaps before spaces and bars: test that end first.
            if (
                b.words >= self.tagged_min_words
                and t[-1] in _TAG_TAIL
                and _tagged(t)
                and not is_reference(t)
            ):
                tagged.append(k)
            if (
                b.words >= self.shouted_min_words
                and is_all_caps(t)
                and not b.ends_sentence
                and not _FIGURES.search(b.text)
            ):
                shouted.append(k)
        if len(tagged) >= self.tagged_min_lines:
            for k in tagged:
                taken.add(k)
                yield self.remove(blocks[k], "related_links.tagged_teaser", self.confidence * 0.9)
        shouted = [k for k in shouted if k not in taken]
        if not shouted:
            return
        mixed = sum(b.words for b in blocks if not b.all_caps)
        if mixed < 0.8 * doc.total_words:
            return
        for k in shouted:
            if _marked_heading(blocks, k):
                continue  # a section heading set in capitals: its paragraph follows
            yield self.remove(blocks[k], "related_links.shouted_teaser", self.confidence * 0.85)

    def _teaser(self, b: Block) -> bool:
        if not (self.teaser_min_words <= b.words <= self.teaser_max_words):
            return False
        if is_reference(b.text):
            return False
        if (not b.ends_sentence) or b.truncated or b.is_list_item or _tagged(b.text):
            return True
        # Teaser headlines are often questions: "Who will make the Rock Hall in 2020?"
        return b.words <= self.question_max_words and closing_stripped(b.text).endswith("?")

    def _tail_list(self, doc: Document, taken: set[int]) -> Iterable[Removal]:
        """Headline-like list items after the last prose paragraph, up to the end."""
        blocks = doc.blocks
        prose = doc.prose_indices
        start = (prose[-1] + 1) if prose else len(blocks)
        run: list[int] = []
        for k in range(start, len(blocks)):
            b = blocks[k]
            if k in taken:
                continue
            if b.is_list_item and self._headline_item(b):
                run.append(k)
            elif run:
                break
        if (
            self.tail_list_min_items
            and len(run) >= self.tail_list_min_items
            and all(k in taken or not is_prose(blocks[k]) for k in range(run[-1] + 1, len(blocks)))
            and self._case_tells(doc, prose[-_CASE_SAMPLE:])
        ):
            for k in run:
                yield self.remove(blocks[k], "related_links.tail_list", self.confidence * 0.9)

    def _head_strip(self, doc: Document, taken: set[int]) -> Iterable[Removal]:
        blocks = doc.blocks
        if not self.head_strip_min_items or not doc.prose_indices:
            return
        k = 0
        while k < doc.prose_indices[0] and k not in taken and self._title_cased(blocks[k]):
            k += 1
        headlines = sum(1 for i in range(k) if blocks[i].words >= self.head_strip_headline_words)
        strip = sum(blocks[i].words for i in range(k))
        if (
            headlines >= self.head_strip_min_items
            # Teaser strips sit above a larger article; on listings the strip is the page.
            and strip < sum(blocks[i].words for i in doc.prose_indices if i >= k)
            and self._case_tells(doc, doc.prose_indices[:_CASE_SAMPLE])
        ):
            for i in range(k):
                yield self.remove(blocks[i], "related_links.head_strip", self.confidence * 0.9)

    def _series_tail(self, doc: Document, taken: set[int]) -> Iterable[Removal]:
        if not self.series_min_items:
            return
        blocks = doc.blocks
        prose = doc.prose_indices
        start = (prose[-1] + 1) if prose else len(blocks)
        run: list[int] = []
        label = ""
        for k in range(start, len(blocks) + 1):
            b = blocks[k] if k < len(blocks) else None
            cut = b.text.find(" | ") if b is not None and k not in taken else -1
            head = b.text[:cut].strip().casefold() if b is not None and cut > 0 else ""
            ok = (
                b is not None
                and head
                and len(head) <= 40
                and not b.ends_sentence
                and self.teaser_min_words <= b.words <= self.teaser_max_words
                # A headline, not a table row: long enough, and no times or prices
                # ("Main Stage | The Harbour Band at 7pm" is a programme).
                and len(b.text[cut + 3 :].split()) >= self.series_headline_words
                and not _SCHEDULE.search(b.text)
            )
            if ok and head == label:
                run.append(k)
                continue
            if len(run) >= self.series_min_items:
                for i in run:
                    yield self.remove(blocks[i], "related_links.series", self.confidence * 0.9)
            run, label = ([k], head) if ok else ([], "")

    def _case_tells(self, doc: Document, sample: Sequence[int]) -> bool:
        """Title Case marks a headline only in a language that writes headlines that way.

        German capitalises every noun, so a German list item looks like an English headline;
        the article's own paragraphs (a few, near the candidates) tell the language. Text in
        a language without a pack gets no Title Case rule at all.
        """
        lang = guess_language(doc.blocks[i].text for i in sample)
        return lang is not None and title_case_headlines(lang)

    def _title_cased(self, b: Block) -> bool:
        if b.ends_sentence or not (self.tail_list_min_words <= b.words <= self.teaser_max_words):
            return False
        if _PRICE.search(b.text):
            return False  # a product card ("... Midi Dress $79"), not a headline
        return _title_case(b.text, self.tail_list_title_share or 0.75)

    def _headline_item(self, b: Block) -> bool:
        if not (self.tail_list_min_words <= b.words <= self.teaser_max_words):
            return False
        if is_reference(b.text):
            return False
        body = b.text.lstrip("-*•· ")
        if not (body and (body[0].isupper() or body[0].isdigit())):
            return False
        return self.tail_list_title_share <= 0 or _title_case(body, self.tail_list_title_share)


def is_reference(text: str) -> bool:
    """A bibliographic reference: "et al.", a year with doi/vol/pp, or a year beside at
    least two commas and a period inside the line (authors' initials, a journal)."""
    if _CITATION.search(text):
        return True
    return bool(_YEAR.search(text)) and text.count(",") >= 2 and ". " in text


def _title_case(text: str, share: float) -> bool:
    """Headline capitalisation: ``share`` of the words of 4+ letters after the first start
    with a capital ("15 Amazing Images of Stars"), and there are at least two of them."""
    long_words = [w for w in _LETTERS.findall(text)[1:] if len(w) >= 4]
    capped = sum(1 for w in long_words if w[0].isupper())
    return len(long_words) >= 2 and capped >= share * len(long_words)


def _marked_heading(blocks: Sequence[Block], k: int) -> bool:
    """Line ``k`` is marked up as a heading ("## ", "**...**") and a paragraph of prose
    follows: the section it heads, not a promoted headline."""
    t = blocks[k].text
    marked = t[:1] == "#" or (t[:2] == "**" and t.rstrip()[-2:] == "**")
    return marked and k + 1 < len(blocks) and is_prose(blocks[k + 1])
