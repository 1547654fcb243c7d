"""``clean_html`` and ``analyze_html``: decode, extract, rescue recall, clean, explain.

1. :func:`~.decode.decode_html` turns bytes into text (BOM, declared charset, detection).
2. An extractor (trafilatura by default, with the settings of
   ``trafilatura.extract(include_comments=False)`` and a ``favor_recall`` retry when the
   text is tiny) returns the main text, one paragraph per line, and the page metadata.
3. **Recall rescue** (trafilatura only): when the extraction holds less than
   :data:`RESCUE_TRIGGER_SHARE` of the page's long ``<p>`` text, the article was probably
   split into sibling containers (ads between them) and trafilatura kept one. jusText then
   classifies the page's paragraphs, and its *good* paragraphs that sit at the same DOM path
   as paragraphs trafilatura kept are merged in, in page order. jusText only runs when a
   missed ``<p>`` shares a tag path with a kept one (it costs as much as the extraction).
   Measured: 5% of the extraction benchmark's pages trigger it, two of them gain (+0.3
   points F1); WCXB articles: +0.2 points on the held-out pages.
4. The newsclean :class:`~newsclean.Pipeline` cleans the text with
   ``title_hint`` = the page title candidate (og:title, <title>, <h1>...) that the text
   repeats, so headline copies go and the first line is not guessed at. Lines carry the
   extractor's hints (block kind, link density, DOM path) as :class:`Block` fields.
5. A heading-level **standfirst** at the top that repeats the page's meta description is
   removed (reason ``duplicate.description``, detector ``html``), in the Article's removals
   like any other, so ``apply(article.source_text, article.removals) == article.text``.

Everything the returned :class:`~newsclean.Article` holds is plain data.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from .._api import _pipe
from .._detectors.title import SITE_NAME_MAX_CHARS, SITE_SEPARATORS
from .._detectors.title import title_key as _key
from .._document import Block
from .._pipeline import Pipeline
from .._removal import Article, Removal, assemble
from .._segment import segment
from ..errors import ExtractionError, NewscleanError
from .decode import DEFAULT_MAX_BYTES, decode_html
from .extraction import nonblank_lines
from .extractors import (
    Extraction,
    Extractor,
    LineHint,
    get_extractor,
    justext_paragraphs,
    parse_html,
)
from .guard import page_shape
from .stream_extractor import stream_extract

__all__ = ["RESCUE_TRIGGER_SHARE", "analyze_html", "clean_html"]

#: Rescue runs when the extraction has less than this share of the page's long-<p> text.
RESCUE_TRIGGER_SHARE = 0.5
#: ...and only on pages with at least this much long-<p> text (characters).
RESCUE_MIN_PAGE_PROSE = 1000
#: ...and at most this many characters of HTML: jusText's revision step is quadratic in the
#: number of paragraphs, and no news page is this large.
RESCUE_MAX_HTML_CHARS = 3_000_000
#: A missed page paragraph this long (characters) beside a kept one makes jusText worth running.
RESCUE_CANDIDATE_CHARS = 70
#: Title candidates are looked for among this many first lines of the extraction.
TITLE_SEARCH_LINES = 10
#: A standfirst is looked for among this many first blocks.
STANDFIRST_SEARCH_BLOCKS = 3
#: Confidence of the front-end's own removals (standfirst).
STANDFIRST_CONFIDENCE = 0.8

#: What separates a headline from the site name in a page title ("Headline | Site"): the
#: headline detector's separators, and " » ", which page titles use but text lines do not.
_TITLE_SEPARATORS = (*SITE_SEPARATORS, " » ")


# --- recall rescue ---------------------------------------------------------------------------


def _needs_rescue(ex: Extraction) -> bool:
    return (
        ex.page_prose_chars >= RESCUE_MIN_PAGE_PROSE
        and len(ex.text) < RESCUE_TRIGGER_SHARE * ex.page_prose_chars
    )


def _tag_path(el: Any) -> str:
    return ".".join([*(a.tag for a in reversed(list(el.iterancestors()))), el.tag])


def _has_sibling_prose(tree: Any, keys: set[str]) -> bool:
    """Whether a page paragraph the extraction missed sits at the tag path of one it kept.

    jusText is the costly part of the rescue, and the rescue only ever adds paragraphs at
    the DOM path of kept ones: when no missed ``<p>`` of at least
    :data:`RESCUE_CANDIDATE_CHARS` shares a tag path with a kept ``<p>``, it is skipped.
    Pages where no ``<p>`` was kept at all cannot be judged this way and go to jusText.
    """
    kept: set[str] = set()
    missed: set[str] = set()
    for p in tree.iter("p"):
        raw = p.text_content()
        if len(raw) < RESCUE_CANDIDATE_CHARS:
            continue
        text = " ".join(raw.split())
        if len(text) < RESCUE_CANDIDATE_CHARS:
            continue
        (kept if _key(text) in keys else missed).add(_tag_path(p))
    return not kept or not kept.isdisjoint(missed)


def _rescue(ex: Extraction, html: str) -> Extraction:
    """Merge in jusText's good paragraphs that share a DOM path with the extracted ones."""
    tree = parse_html(html)
    if tree is None:
        return ex
    lines = nonblank_lines(ex.text)
    if not _has_sibling_prose(tree, {_key(ln.lstrip("-*• ")) for ln in lines}):
        return ex
    paragraphs = justext_paragraphs(tree, ex.language)
    hints = list(ex.hints) if ex.hints is not None and len(ex.hints) == len(lines) else None
    where: dict[str, int] = {}
    for i, ln in enumerate(lines):
        where.setdefault(_key(ln.lstrip("-*• ")), i)
    matched = [where.get(_key(p.text)) for p in paragraphs]
    anchors = {p.dom_path for p, m in zip(paragraphs, matched, strict=False) if m is not None}
    if not anchors:
        return ex
    inserts: dict[int, list[tuple[str, LineHint]]] = {}
    after = -1  # insert after this line of the extraction (-1: before the first)
    added = 0
    seen = set(where)
    for p, m in zip(paragraphs, matched, strict=False):
        if m is not None:
            after = max(after, m)
            continue
        k = _key(p.text)
        if p.cls == "good" and p.dom_path in anchors and k and k not in seen:
            seen.add(k)
            inserts.setdefault(after, []).append(
                (p.text, LineHint("p", p.link_density, p.dom_path))
            )
            added += 1
    if not added:
        return ex
    out_lines: list[str] = []
    out_hints: list[LineHint] = []
    for pos in range(-1, len(lines)):
        if pos >= 0:
            out_lines.append(lines[pos])
            out_hints.append(hints[pos] if hints is not None else LineHint())
        for text, hint in inserts.get(pos, ()):
            out_lines.append(text)
            out_hints.append(hint)
    extra = {**ex.extra, "rescued_paragraphs": str(added)}
    return replace(ex, text="\n".join(out_lines), hints=tuple(out_hints), extra=extra)


# --- title -----------------------------------------------------------------------------------


def _title_variants(title: str) -> list[str]:
    """The title, and the title without a site name before or after a separator."""
    out = [title]
    t = " ".join(title.split())
    for sep in _TITLE_SEPARATORS:
        if sep not in t:
            continue
        head, _, site = t.rpartition(sep)
        if head.strip() and len(site) <= SITE_NAME_MAX_CHARS:
            out.append(head)
        site, _, tail = t.partition(sep)
        if tail.strip() and len(site) <= SITE_NAME_MAX_CHARS:
            out.append(tail)
    return out


def _title_hint(ex: Extraction, lines: list[str]) -> str | None:
    """The first line that equals a page title candidate (or one without its site name)."""
    head: dict[str, str] = {}
    for ln in lines[:TITLE_SEARCH_LINES]:
        head.setdefault(_key(ln), ln)
    for cand in ex.titles:
        for v in _title_variants(cand):
            line = head.get(_key(v))
            if line is not None and _key(v):
                return line
    return None


# --- standfirst ----------------------------------------------------------------------------


def _standfirst(article: Article, blocks: tuple[Block, ...], description: str | None) -> Article:
    """Remove a heading-level standfirst that repeats the page's meta description.

    News pages set their deck (the summary under the headline, an <h2> or similar) as the
    og:description too. A *heading* block at the top whose text is that description is the
    deck, not the lede: ledes are paragraphs, and an auto-generated description that equals
    the first paragraph comes as a paragraph block, which stays. Measured on the extraction
    benchmark: +0.4 points of precision, recall unchanged.
    """
    if not description or not blocks:
        return article
    key = _key(description)
    if not key:
        return article
    taken = {(r.start, r.end) for r in article.removals}
    extra = [
        Removal(
            b.start, b.end, "html", "duplicate.description", STANDFIRST_CONFIDENCE, b.text, b.line
        )
        for b in blocks[:STANDFIRST_SEARCH_BLOCKS]
        if b.kind == "h" and (b.start, b.end) not in taken and _key(b.text) == key
    ]
    if not extra:
        return article
    removals = tuple(sorted((*article.removals, *extra), key=lambda r: (r.start, r.end)))
    return replace(article, text=assemble(article.source_text, blocks, removals), removals=removals)


# --- blocks from hints -----------------------------------------------------------------------


def _blocks(text: str, hints: tuple[LineHint, ...] | None) -> tuple[Block, ...] | None:
    if hints is None:
        return None
    blocks = segment(text)
    if len(blocks) != len(hints):
        return None
    return tuple(
        replace(b, kind=h.kind, link_density=h.link_density, dom_path=h.dom_path)
        for b, h in zip(blocks, hints, strict=False)
    )


def _meta(ex: Extraction, title: str | None, url: str | None) -> dict[str, str]:
    values = {
        "title": title or (ex.titles[0] if ex.titles else None),
        "author": ex.author,
        "date": ex.date,
        "sitename": ex.sitename,
        "url": url or ex.url,
        "language": ex.language,
        "description": ex.description,
        "extractor": ex.extractor or None,
    }
    return {k: v for k, v in values.items() if v}


def _front_end(
    html: str | bytes,
    url: str | None,
    extractor: str | Extractor,
    encoding: str | None,
    rescue: bool,
    max_bytes: int,
) -> Extraction:
    """Decode the page and extract its main text (with the recall rescue for trafilatura).

    The shape pre-check (:mod:`.guard`) runs first: it refuses a tag with thousands of
    attributes and sends a page with a huge tree to the streaming reader.
    """
    ex_impl = get_extractor(extractor)
    page = decode_html(html, encoding=encoding, max_bytes=max_bytes)
    if page_shape(page).streamed:  # too large a tree for any extractor: bounded memory
        return stream_extract(page, url)
    try:
        ex = ex_impl.extract(page, url)
        if (
            rescue
            and ex_impl.name == "trafilatura"
            and len(page) <= RESCUE_MAX_HTML_CHARS
            and _needs_rescue(ex)
        ):
            ex = _rescue(ex, page)
    except NewscleanError:
        raise
    except RecursionError as e:
        raise ExtractionError(
            f"extractor {ex_impl.name!r} gave up on the page: it is nested too deeply"
        ) from e
    except Exception as e:  # an extractor bug on one page must surface as our error
        raise ExtractionError(
            f"extractor {ex_impl.name!r} failed on the page: {type(e).__name__}: {e}"
        ) from e
    return ex


# --- the API ---------------------------------------------------------------------------------


def analyze_html(
    html: str | bytes,
    url: str | None = None,
    *,
    extractor: str | Extractor = "trafilatura",
    pipeline: Pipeline | None = None,
    encoding: str | None = None,
    rescue: bool = True,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Article:
    """Extract and clean the article of an HTML page; explain every removal.

    ``html`` is the page as bytes (decoded here: BOM, declared charset, detection; gzip is
    inflated) or text. ``url`` helps the extractor and lands in ``Article.meta``.
    ``extractor`` names a registered extractor ("trafilatura", "justext", "readability") or
    is an :class:`Extractor`. ``encoding`` is a charset known from outside (HTTP header).
    ``rescue`` enables the recall rescue for trafilatura.

    ``Article.meta`` carries title, author, date, sitename, url, language, description and
    the extractor's name, where known. ``Article.title`` is the headline line the text
    repeated, else the page title from the metadata.

    Raises :class:`~newsclean.DecodeError` (binary or undecodable input),
    :class:`~newsclean.InputTooLargeError` and :class:`~newsclean.ExtractionError` (the
    extractor failed on the page); an empty page gives an empty Article.
    """
    pipe = _pipe(pipeline)
    ex = _front_end(html, url, extractor, encoding, rescue, max_bytes)
    text = ex.text
    lines = nonblank_lines(text)
    title = _title_hint(ex, lines)
    meta: Mapping[str, str] = _meta(ex, title, url)
    blocks = _blocks(text, ex.hints)
    article = pipe.analyze(text, title_hint=title, meta=meta, blocks=blocks)
    if blocks is not None:
        article = _standfirst(article, blocks, ex.description)
    if article.title is None and "title" in meta:
        article = replace(article, title=meta["title"])
    return article


def clean_html(
    html: str | bytes,
    url: str | None = None,
    *,
    extractor: str | Extractor = "trafilatura",
    pipeline: Pipeline | None = None,
) -> str:
    """The clean article body of an HTML page (see :func:`analyze_html`)."""
    return analyze_html(html, url, extractor=extractor, pipeline=pipeline).text
