"""What every extractor returns, the protocol they follow, and helpers they share.

Extractions hold plain strings only (no lxml objects), so they pickle across processes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from .meta import PageMeta, guess_language

__all__ = [
    "PROSE_PARAGRAPH_CHARS",
    "Extraction",
    "Extractor",
    "LineHint",
    "from_meta",
    "nonblank_lines",
    "norm",
    "prose_chars",
]

#: A page paragraph counts as prose for the recall check when it has this many characters.
PROSE_PARAGRAPH_CHARS = 100


@dataclass(frozen=True)
class LineHint:
    """What the HTML said about one line of :attr:`Extraction.text`."""

    kind: str = "line"
    link_density: float = 0.0
    dom_path: str = ""


@dataclass(frozen=True)
class Extraction:
    """An extractor's result: text (one paragraph per line) and what it knew about the page.

    ``hints`` has one entry per non-blank line of ``text`` when given. ``titles`` lists every
    title candidate the page offers (og:title, <title>, <h1>...), best first.
    ``page_prose_chars`` is the length of the page's long ``<p>`` paragraphs, for the
    recall check (0 when unknown).
    """

    text: str
    title: str | None = None
    author: str | None = None
    date: str | None = None
    sitename: str | None = None
    language: str | None = None
    url: str | None = None
    description: str | None = None
    titles: tuple[str, ...] = ()
    hints: tuple[LineHint, ...] | None = None
    page_prose_chars: int = 0
    extractor: str = ""
    extra: dict[str, str] = field(default_factory=dict)


@runtime_checkable
class Extractor(Protocol):
    """Anything with a ``name`` and ``extract(html, url) -> Extraction``."""

    @property
    def name(self) -> str: ...

    def extract(self, html: str, url: str | None) -> Extraction: ...


def norm(text: str) -> str:
    return " ".join(text.split())


def prose_chars(tree: Any) -> int:
    total = 0
    for p in tree.iter("p"):
        raw = p.text_content()
        if len(raw) < PROSE_PARAGRAPH_CHARS:  # collapsing whitespace only shortens it
            continue
        n = len(norm(raw))
        if n >= PROSE_PARAGRAPH_CHARS:
            total += n
    return total


def from_meta(meta: PageMeta, text: str, **kw: Any) -> Extraction:
    language = meta.language or guess_language(text)
    return Extraction(
        text=text,
        title=meta.titles[0] if meta.titles else None,
        author=meta.author,
        date=meta.date,
        sitename=meta.sitename,
        language=language,
        url=meta.url,
        description=meta.description,
        titles=meta.titles,
        **kw,
    )


def nonblank_lines(text: str) -> list[str]:
    return [ln.strip() for ln in text.splitlines() if ln.strip()]
