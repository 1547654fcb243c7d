"""The optional ``"readability"`` extractor (readability-lxml), one block element per line."""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import ExtractionError
from .extraction import Extraction, LineHint, from_meta, norm, prose_chars
from .meta import read_meta
from .parse import parse_html

__all__ = ["ReadabilityExtractor"]

_READABILITY_BLOCKS = (
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "blockquote",
    "pre",
    "td",
    "th",
    "figcaption",
)
_READABILITY_KINDS = {
    "li": "li",
    "blockquote": "quote",
    "figcaption": "caption",
    "pre": "code",
    "td": "table",
    "th": "table",
}


@dataclass(frozen=True)
class ReadabilityExtractor:
    """readability-lxml's main content, one block element per line (optional dependency)."""

    name = "readability"

    def extract(self, html: str, url: str | None) -> Extraction:
        try:
            from readability import (  # type: ignore[import-untyped,unused-ignore]
                Document as ReadabilityDocument,
            )
        except ImportError as e:  # pragma: no cover - depends on the environment
            raise ExtractionError(
                "the 'readability' extractor needs readability-lxml: pip install readability-lxml"
            ) from e
        import lxml.html

        tree = parse_html(html)
        if tree is None:
            return Extraction("", extractor=self.name)
        meta = read_meta(tree, url)
        summary = ReadabilityDocument(html, url=url).summary(html_partial=True)
        root = (
            lxml.html.fragment_fromstring(summary, create_parent="div") if summary.strip() else None
        )
        lines: list[str] = []
        hints: list[LineHint] = []
        if root is not None:
            for el in root.iter(*_READABILITY_BLOCKS):
                if any(a.tag in _READABILITY_BLOCKS for a in el.iterancestors()):
                    continue  # nested blocks are read with their outermost block
                t = norm(el.text_content())
                if t:
                    lines.append(t)
                    kind = (
                        "h"
                        if el.tag[0] == "h" and el.tag[1:].isdigit()
                        else _READABILITY_KINDS.get(el.tag, "p")
                    )
                    hints.append(LineHint(kind))
        return from_meta(
            meta,
            "\n".join(lines),
            hints=tuple(hints),
            page_prose_chars=prose_chars(tree),
            extractor=self.name,
        )
