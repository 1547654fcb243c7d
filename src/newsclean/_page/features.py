"""Cheap per-line features of whole-page text, for the line scorer of :mod:`.model`.

Every feature is a property a reader sees at a glance: how long the line is, whether it
ends like a sentence, how much of it is link markup, whether it is a list item or a
heading, where it sits on the page, how long the paragraph around it is and whether it
repeats elsewhere on the page. Nothing here knows a language: phrase packs are not used.

All regexes are linear-time (no nested quantifiers); every loop runs once per line. The
features are computed a column at a time (one comprehension per feature over the page's
lines): the page step's cost is per-line Python work, and a column keeps that work to the
feature's own expression (docs/whole-page.md, speed).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from itertools import accumulate, groupby
from operator import itemgetter
from typing import NamedTuple

from .._document import Block
from .._segment import segment
from .markup import markup

__all__ = [
    "LINE_FEATURES",
    "PageLine",
    "columns",
    "feature_columns",
    "layout",
    "line_features",
    "page_lines",
]

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


class PageLine(NamedTuple):
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
    if blocks is None:
        blocks = segment(text)
    paras, indents = layout(text, blocks)
    return [
        PageLine(b.start, b.end, b.line, b.text, para, indent)
        for b, para, indent in zip(blocks, paras, indents, strict=True)
    ]


def layout(text: str, blocks: Sequence[Block]) -> tuple[list[int], list[int]]:
    """Each block's paragraph number and indentation: :class:`PageLine` without the object."""
    paras = list(accumulate(1 if b.gap_before else 0 for b in blocks))
    return paras, [b.start - text.rfind("\n", 0, b.start) - 1 for b in blocks]


def _visible(raws: Sequence[str]) -> tuple[list[str], list[int]]:
    """Each line as read (link/image markup removed) and its link characters."""
    vis = list(raws)
    links = [0] * len(raws)
    for i, raw in enumerate(raws):
        if "](" in raw or "<" in raw:  # markup() finds nothing in other lines
            vis[i], links[i], _ = markup(raw)
    return vis, links


def _text_columns(
    raws: Sequence[str],
    vis: Sequence[str],
    links: Sequence[int],
    ss: Sequence[str],
    words: Sequence[list[str]],
) -> list[list[float]]:
    """The features of each line read alone: ``log_words`` to ``date_like``."""
    n = list(map(len, words))
    chars = list(map(len, ss))
    last = [s[-1] for s in ss]
    first = [s[0] for s in ss]
    digits = [len(_ASCII_DIGIT.findall(s)) if s.isascii() else sum(map(str.isdigit, s)) for s in ss]
    return [
        list(map(math.log1p, n)),
        list(map(math.log1p, chars)),
        [1.0 if c in _SENTENCE_END else 0.0 for c in last],
        [1.0 if c == ":" else 0.0 for c in last],
        [min(k / c, 1.0) for k, c in zip(links, chars, strict=True)],
        [1.0 - len(v) / len(raw) for v, raw in zip(vis, raws, strict=True)],
        [1.0 if ("http" in s or "www." in s) and _URL.search(s) else 0.0 for s in ss],
        [1.0 if _LIST.match(s) else 0.0 for s in ss],
        [1.0 if c == "#" else 0.0 for c in first],
        [1.0 if c == "|" or s.count("|") >= 2 else 0.0 for c, s in zip(first, ss, strict=True)],
        [d / c for d, c in zip(digits, chars, strict=True)],
        [
            sum(map(str.isupper, "".join(map(_FIRST, w)))) / k if k else 0.0
            for w, k in zip(words, n, strict=True)
        ],
        [
            sum(map(_AT_MOST_3, map(len, w))) / k if k else 0.0
            for w, k in zip(words, n, strict=True)
        ],
        [
            min(len("".join(w)) / k, 20.0) / 10.0 if k else 0.0
            for w, k in zip(words, n, strict=True)
        ],
        [s.count(",") / k if k else 0.0 for s, k in zip(ss, n, strict=True)],
        [1.0 if (" | " in s or " · " in s or " / " in s or " » " in s) else 0.0 for s in ss],
        # Every match of the date pattern holds a digit: most lines skip the regex.
        [1.0 if d and _DATE_LIKE.search(s) else 0.0 for d, s in zip(digits, ss, strict=True)],
    ]


def _page_columns(
    paras: Sequence[int],
    indents: Sequence[int],
    texts: Sequence[str],
    words: Sequence[list[str]],
    ss: Sequence[str],
) -> list[list[float]]:
    """The features of each line's place on the page: ``log_indent`` to ``log_short_run``."""
    counts = Counter(texts)
    n_words = list(map(len, words))
    # Per paragraph (a run of lines with one ``para``): its words, and how its last line ends.
    para_words: list[float] = []
    para_end: list[float] = []
    i = 0
    for _, group in groupby(paras):
        j = i + sum(1 for _ in group)
        para_words += [math.log1p(sum(n_words[i:j]))] * (j - i)
        para_end += [1.0 if ss[j - 1][-1] in _SENTENCE_END else 0.0] * (j - i)
        i = j
    # Runs of consecutive short lines (menus, link grids): each line gets its run's length.
    run: list[float] = []
    for is_short, group in groupby(k <= 4 for k in n_words):
        k = sum(1 for _ in group)
        run += [math.log1p(k) if is_short else 0.0] * k
    n = max(len(paras) - 1, 1)
    return [
        list(map(math.log1p, indents)),
        [0.0 if k else 1.0 for k in n_words],
        [1.0 if counts[t] > 1 else 0.0 for t in texts],
        [i / n for i in range(len(paras))],
        [min(i / n, 1.0 - i / n) for i in range(len(paras))],
        para_words,
        para_end,
        run,
    ]


def feature_columns(lines: Sequence[PageLine]) -> list[list[float]]:
    """The :data:`LINE_FEATURES` of a page as columns: one list per feature, a value per line."""
    return columns(
        [ln.text for ln in lines], [ln.para for ln in lines], [ln.indent for ln in lines]
    )


def columns(raws: Sequence[str], paras: Sequence[int], indents: Sequence[int]) -> list[list[float]]:
    """:func:`feature_columns` from the lines' texts, paragraphs and indents (:func:`layout`)."""
    vis, links = _visible(raws)
    texts = [v.strip() for v in vis]
    words = [(_ASCII_WORD if t.isascii() else _WORD).findall(t) for t in texts]
    # The stripped line as read; a line that reads as nothing keeps its raw text.
    ss = [t or raw for t, raw in zip(texts, raws, strict=True)]
    return [
        *_text_columns(raws, vis, links, ss, words),
        *_page_columns(paras, indents, texts, words, ss),
    ]


def line_features(lines: Sequence[PageLine]) -> list[tuple[float, ...]]:
    """The :data:`LINE_FEATURES` of every line, a tuple per line (the training rows)."""
    return list(zip(*feature_columns(lines), strict=True)) if lines else []
