"""Whole-page mode: from the text of an entire page (html2text, inscriptis, html_text, WET)
to its main content.

The page step scores every line with a small learned model (:mod:`.model`), drops the lines
it judges page chrome (menus, footers, link grids, teaser cards), then lets the ordinary
detectors run on the lines it kept and finally strips Markdown link/image markup from what
is left. Every cut is a :class:`~newsclean.Removal` of the *input*, so ``apply``,
``explain`` and the HTML report work as in article mode. See ``docs/whole-page.md``.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Mapping
from functools import lru_cache
from operator import ge

from .._document import Block
from .._pipeline import Pipeline
from .._removal import Article, Removal, assemble
from .._segment import segment
from .._view import reading_view
from .features import PageLine, columns, layout
from .gate import ARTICLE, ARTICLE_OUTSIDE, ITEMS, ITEMS_THRESHOLD, Gate, gate_features
from .markup import markup
from .model import PageModel, main_span

__all__ = ["DEFAULT_THRESHOLD", "MODES", "PageModel", "analyze_page", "page_removals"]

#: The modes :func:`newsclean.clean` accepts: extractor output, or the text of a whole page.
MODES = ("article", "page")
#: A line is kept when the model's probability that it is content reaches this. Low on
#: purpose: on forums, listings and product pages the lists are the content, and the
#: detectors that run afterwards take the leftover news noise (docs/whole-page.md).
DEFAULT_THRESHOLD = 0.25
#: Outside the main prose span of a page the gate judges *not* a single article, a line
#: needs this: no extra bar, since on forums, listings and collections the content is
#: spread over the page (single articles get :data:`.gate.ARTICLE_OUTSIDE`).
OUTSIDE_THRESHOLD = DEFAULT_THRESHOLD
#: Detectors that do not run on a page the gate judges multi-item: on a forum the comments
#: detector would remove the posts, which are the content.
MULTI_ITEM_OFF = ("comments",)
#: The main prose span is the run of lines maximizing the sum of (p - this) * words.
SPAN_CENTER = 0.5
#: Detector names of the page step's removals.
LINES_DETECTOR = "page_lines"
MARKUP_DETECTOR = "page_markup"


@lru_cache(maxsize=1)
def _model() -> PageModel:
    return PageModel.load()


@lru_cache(maxsize=1)
def _gate() -> Gate:
    return Gate.load()


def _reason(start: int, text: str, first: int, last: int) -> str:
    """Where a dropped line sits: above the content, below it, a link line, or inside."""
    if start < first:
        return "page.header"
    if start > last:
        return "page.footer"
    mk = markup(text)
    return "page.links" if mk.link_chars * 2 >= len(mk.visible.strip()) else "page.inline"


def page_removals(
    text: str,
    threshold: float = DEFAULT_THRESHOLD,
    model: PageModel | None = None,
    blocks: tuple[Block, ...] | None = None,
    outside: float | None = None,
    center: float = SPAN_CENTER,
) -> tuple[list[Removal], list[PageLine]]:
    """The removals of the lines judged page chrome, and the lines kept.

    A line inside the page's main prose span is kept from ``threshold`` on; a line outside it
    (teaser grids, headline lists around the article) needs ``outside``, or, when that is
    ``None``, what the page gate chooses (:mod:`.gate`). ``blocks`` is ``segment(text)`` when
    the caller has it already.
    """
    drops, kept, _ = _page_step(text, threshold, model, blocks, outside, center)
    return drops, kept


def _page_step(
    text: str,
    threshold: float,
    model: PageModel | None,
    blocks: tuple[Block, ...] | None,
    outside: float | None,
    center: float = SPAN_CENTER,
    gate: Gate | None = None,
) -> tuple[list[Removal], list[PageLine], str | None]:
    """:func:`page_removals`, and the gate's kind of page (``None``: ``outside`` was given).

    The lines are read from the blocks as columns; only the kept ones become
    :class:`PageLine` objects.
    """
    if blocks is None:
        blocks = segment(text)
    raws = [b.text for b in blocks]
    paras, indents = layout(text, blocks)
    probs = (model or _model()).scores(columns(raws, paras, indents))
    words = [1.0 + r.count(" ") for r in raws]
    a, b = main_span(probs, words, center)
    kind = None
    if outside is None:
        kind = (gate or _gate()).kind(gate_features(probs, words, (a, b), threshold))
        outside = ARTICLE_OUTSIDE if kind == ARTICLE else OUTSIDE_THRESHOLD
        if kind == ITEMS:
            threshold = outside = min(threshold, ITEMS_THRESHOLD)
    far = max(threshold, outside)
    keep = list(map(ge, probs, [*[far] * a, *[threshold] * (b - a), *[far] * (len(raws) - b)]))
    kept = [
        PageLine(bl.start, bl.end, bl.line, bl.text, para, indent)
        for bl, para, indent, k in zip(blocks, paras, indents, keep, strict=True)
        if k
    ]
    first = kept[0].start if kept else len(text)
    last = kept[-1].start if kept else -1
    drops = [
        Removal(
            bl.start,
            bl.end,
            LINES_DETECTOR,
            _reason(bl.start, bl.text, first, last),
            1.0 - p,
            bl.text,
            bl.line,
        )
        for bl, p, k in zip(blocks, probs, keep, strict=True)
        if not k
    ]
    return drops, kept, kind


def _markup_removals(kept: Iterable[PageLine], taken: list[tuple[int, int]]) -> list[Removal]:
    """Link/image markup of the kept lines, where no other removal already cut."""
    merged: list[tuple[int, int]] = []  # ``taken`` as disjoint sorted spans, for bisect
    for s, e in taken:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    starts = [s for s, _ in merged]
    out: list[Removal] = []
    for ln in kept:
        for s, e in markup(ln.text).spans:
            a, b = ln.start + s, ln.start + e
            k = bisect_left(starts, b) - 1  # the last taken span starting before b
            if k < 0 or merged[k][1] <= a:
                out.append(
                    Removal(a, b, MARKUP_DETECTOR, "page.markup", 1.0, ln.text[s:e], ln.line)
                )
    return out


def analyze_page(
    text: str,
    pipeline: Pipeline,
    *,
    title_hint: str | None = None,
    meta: Mapping[str, str] | None = None,
    disable: Iterable[str] = (),
    threshold: float = DEFAULT_THRESHOLD,
    model: PageModel | None = None,
    outside: float | None = None,
    gate: Gate | None = None,
) -> Article:
    """Whole-page mode: the page step, then ``pipeline`` on the kept lines, then markup.

    ``threshold`` and ``outside`` are the probabilities a line needs inside and outside the
    main prose span (:func:`page_removals`). With ``outside=None`` the page gate chooses it
    and, on a page it judges multi-item, also turns off :data:`MULTI_ITEM_OFF` (and on a
    clearly multi-item one lowers the bar to :data:`.gate.ITEMS_THRESHOLD`); an explicit
    ``outside`` leaves the bars and the detectors as given. ``model`` and ``gate`` replace the
    shipped ones (the benchmarks pass cross-validated ones).
    """
    view = reading_view(text)
    if view is not None:  # as in article mode: rules read the text without invisibles
        art = analyze_page(
            view.text,
            pipeline,
            title_hint=title_hint,
            meta=meta,
            disable=disable,
            threshold=threshold,
            model=model,
            outside=outside,
            gate=gate,
        )
        mapped = tuple(view.to_source(r, text) for r in art.removals)
        body = assemble(text, segment(text), mapped)
        return Article(body, text, mapped, art.title, art.source, dict(meta or {}))
    every = segment(text)
    drops, kept, kind = _page_step(text, threshold, model, every, outside, gate=gate)
    if kind is not None and kind != ARTICLE:
        names = set(pipeline.names)
        disable = (*disable, *(n for n in MULTI_ITEM_OFF if n in names))
    spans = {(ln.start, ln.end) for ln in kept}
    blocks = tuple(b for b in every if (b.start, b.end) in spans)
    art = pipeline.analyze(text, title_hint=title_hint, meta=meta, blocks=blocks, disable=disable)
    taken = sorted((r.start, r.end) for r in art.removals)
    extra = _markup_removals(kept, taken)
    removals = sorted((*drops, *art.removals, *extra), key=lambda r: (r.start, r.end))
    body = assemble(text, every, removals)
    return Article(body, text, tuple(removals), art.title, art.source, dict(meta or {}))
