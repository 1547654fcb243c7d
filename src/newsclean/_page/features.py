"""Cheap per-line features of whole-page text, for the line scorer of :mod:`.model`.

Every feature is a property a reader sees at a glance: how long the line is, whether it
ends like a sentence, how much of it is link markup, whether it is a list item or a
heading, where it sits on the page, how long the paragraph around it is and whether it
repeats elsewhere on the page. Nothing here knows a language: phrase packs are not used.

All regexes are linear-time (no nested quantifiers); every loop runs once per line.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import groupby
from operator import itemgetter

from .._document import Block
from .._segment import segment
from .markup import Markup, markup

__all__ = ["LINE_FEATURES", "PageLine", "line_features", "page_lines"]

#: Bare URLs and the ``<url>`` autolinks of html2text.
_URL = re.compile(r"https?://\S{1,2000}|www\.\S{1,2000}")
#: A list item: a bullet (``*``, ``-``, ``+``, ``•``) or a number and a dot/bracket.
_LIST = re.compile(r"(?:[*+\-•·▪●◦]|\d{1,3}[.)])\s")
_WORD = re.compile(r"\w+")
#: ``\w+`` and ``\d`` for ASCII lines, where they match what the Unicode forms (and
#: ``str.isdigit``) match, only faster.
_ASCII_WORD = re.compile(r"\w+", re.ASCII)
_ASCII_DIGIT = re.compile(r"\d", re.ASCII)
_SENTENCE_END = frozenset(".!?。！？…\"'”’»)")
_DATE_LIKE = re.compile(r"\b(?:19|20)\d\d\b|\b\d{1,2}[:/.]\d{1,2}\b")
_FIRST = itemgetter(0)
_AT_MOST_3 = (3).__ge__

#: Names of the per-line features, in the order :func:`line_features` returns them.
LINE_FEATURES = (
    "log_words",
    "log_chars",
    "ends_sentence",
    "ends_colon",
    "link_text_share",
    "markup_share",
    "has_url",
    "list_item",
    "heading",
    "table_row",
    "digit_share",
    "upper_initial_share",
    "short_word_share",
    "mean_word_len",
    "comma_per_word",
    "pipe_or_sep",
    "date_like",
    "log_indent",
    "no_words",
    "repeated",
    "pos",
    "pos_edge",
    "log_para_words",
    "para_ends_sentence",
    "log_short_run",
)


@dataclass(frozen=True)
class PageLine:
    """One non-blank line of a page: its span in the text and its line number."""

    start: int
    end: int
    line: int
    text: str
    para: int  # index of its paragraph (lines between blank lines)
    indent: int


def page_lines(text: str, blocks: Sequence[Block] | None = None) -> list[PageLine]:
    """The lines of ``text`` as the pipeline segments them (blocks), with paragraph numbers.

    Using the pipeline's own blocks means a dropped line is exactly a block: the detectors
    that run after the page step see the kept blocks unchanged.
    """
    out: list[PageLine] = []
    para = 0
    for b in segment(text) if blocks is None else blocks:
        if b.gap_before:
            para += 1
        indent = b.start - (text.rfind("\n", 0, b.start) + 1)
        out.append(PageLine(b.start, b.end, b.line, b.text, para, indent))
    return out


def _shape(raw: str, mk: Markup, text: str, words: list[str]) -> tuple[float, ...]:
    """Features of one line read alone (``raw`` with its markup, ``text`` as read, stripped)."""
    s = text or raw
    n = len(words)
    chars = len(s)
    has_url = 1.0 if ("http" in s or "www." in s) and _URL.search(s) else 0.0
    last = s[-1]
    digits = len(_ASCII_DIGIT.findall(s)) if s.isascii() else sum(map(str.isdigit, s))
    upper = sum(map(str.isupper, "".join(map(_FIRST, words))))
    lens = list(map(len, words))
    short = sum(map(_AT_MOST_3, lens))
    return (
        math.log1p(n),
        math.log1p(chars),
        1.0 if last in _SENTENCE_END else 0.0,
        1.0 if last == ":" else 0.0,
        min(mk.link_chars / chars, 1.0),
        1.0 - len(mk.visible) / len(raw),
        has_url,
        1.0 if _LIST.match(s) else 0.0,
        1.0 if s[0] == "#" else 0.0,
        1.0 if s[0] == "|" or s.count("|") >= 2 else 0.0,
        digits / chars,
        upper / n if n else 0.0,
        short / n if n else 0.0,
        min(sum(lens) / n, 20.0) / 10.0 if n else 0.0,
        s.count(",") / n if n else 0.0,
        1.0 if (" | " in s or " · " in s or " / " in s or " » " in s) else 0.0,
        # Every match of the date pattern holds a digit: most lines skip the regex.
        1.0 if digits and _DATE_LIKE.search(s) else 0.0,
    )


def line_features(lines: Sequence[PageLine]) -> list[tuple[float, ...]]:
    """The :data:`LINE_FEATURES` of every line, in one pass plus per-paragraph totals."""
    marks = [markup(ln.text) for ln in lines]
    texts = [m.visible.strip() for m in marks]
    counts = Counter(texts)
    words = [(_ASCII_WORD if t.isascii() else _WORD).findall(t) for t in texts]
    para_words: Counter[int] = Counter()
    para_last: dict[int, str] = {}
    for ln, t, w in zip(lines, texts, words, strict=True):
        para_words[ln.para] += len(w)
        para_last[ln.para] = (t or ln.text)[-1]
    para = {
        k: (math.log1p(v), 1.0 if para_last[k] in _SENTENCE_END else 0.0)
        for k, v in para_words.items()
    }
    # Runs of consecutive short lines (menus, link grids): each line gets its run's length.
    run: list[float] = []
    for is_short, group in groupby(len(w) <= 4 for w in words):
        k = sum(1 for _ in group)
        run += [math.log1p(k) if is_short else 0.0] * k
    n = max(len(lines) - 1, 1)
    return [
        (
            *_shape(ln.text, mk, t, w),
            math.log1p(ln.indent),
            0.0 if w else 1.0,
            1.0 if counts[t] > 1 else 0.0,
            i / n,
            min(i / n, 1.0 - i / n),
            *para[ln.para],
            run[i],
        )
        for i, (ln, mk, t, w) in enumerate(zip(lines, marks, texts, words, strict=True))
    ]
