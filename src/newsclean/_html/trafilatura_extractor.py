"""The default extractor: trafilatura 2.x as ``trafilatura.extract(include_comments=False)``.

Its fallbacks (the readability / jusText comparison) stay on: without them (``fast=True``)
WCXB article pages lost 3 points of recall (word F1 0.914 vs 0.938 before cleaning), for a
third of the time. ``favor_precision`` and ``favor_recall`` do not help once newsclean
cleans the text (WCXB: -2.0 and +0.1 points on the tuning pages, -0.3 on the held-out ones
for recall). When the extraction holds less than a tenth of the page's long ``<p>`` text,
trafilatura runs again with ``favor_recall`` and the longer text wins (an empty extraction
of a 12,000-character article, recovered whole). Tables are kept and nothing is
deduplicated, as trafilatura does by default.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .extraction import Extraction, LineHint, from_meta, nonblank_lines, norm, prose_chars
from .justext_linear import install as install_linear_justext
from .meta import read_meta
from .parse import parse_html

__all__ = ["TrafilaturaExtractor"]

#: trafilatura's output elements whose text can be a line, and the kind of that line. A
#: table row is written as one line opening with "|" (no need to read rows); a cell holding
#: paragraphs spreads over lines of its own.
_TRAFILATURA_KINDS = {
    "head": "h",
    "p": "p",
    "item": "li",
    "quote": "quote",
    "cell": "table",
    "code": "code",
}
#: One shared (immutable) hint per kind.
_KIND_HINTS = {k: LineHint(k) for k in ("h", "p", "li", "quote", "code", "table", "line")}


def _trafilatura_hints(body: Any, text: str) -> tuple[LineHint, ...] | None:
    """Kinds of the lines of ``text`` from trafilatura's output tree, matched by their text."""
    if body is None:
        return None
    kinds: dict[str, str] = {}
    for el in body.iter(*_TRAFILATURA_KINDS):
        raw = (el.text or "") if len(el) == 0 else "".join(el.itertext())
        key = norm(raw)
        if key:
            kinds.setdefault(key, _TRAFILATURA_KINDS[el.tag])
    out: list[LineHint] = []
    for ln in nonblank_lines(text):
        key = norm(ln)
        kind = kinds.get(key) or kinds.get(key[2:] if key[:2] in ("- ", "* ") else key)
        if kind is None and key.startswith("|"):
            kind = "table"
        out.append(_KIND_HINTS[kind or "line"])
    return tuple(out)


@dataclass(frozen=True)
class TrafilaturaExtractor:
    """trafilatura 2.x as ``extract(include_comments=False)`` runs it, plus a recall retry.

    ``recall_fallback``: when the page has at least ``fallback_min_prose`` characters of
    long ``<p>`` text and the extraction holds less than ``fallback_share`` of it, extract
    again with ``favor_recall=True`` and keep the longer text.
    """

    name = "trafilatura"
    fast: bool = False
    favor_precision: bool = False
    favor_recall: bool = False
    include_tables: bool = True
    deduplicate: bool = False
    recall_fallback: bool = True
    fallback_share: float = 0.1
    fallback_min_prose: int = 1000

    def extract(self, html: str, url: str | None) -> Extraction:
        tree = parse_html(html)
        if tree is None:
            return Extraction("", extractor=self.name)
        meta = read_meta(tree, url)
        prose = prose_chars(tree)
        doc = self._bare(tree, url, self.favor_recall)
        text = str(doc.text or "") if doc is not None else ""
        extra: dict[str, str] = {}
        if (
            self.recall_fallback
            and not self.favor_recall
            and prose >= self.fallback_min_prose
            and len(text) < self.fallback_share * prose
        ):
            doc2 = self._bare(tree, url, True)
            text2 = str(doc2.text or "") if doc2 is not None else ""
            if len(text2) > len(text):
                doc, text = doc2, text2
                extra["recall_fallback"] = "1"
        if doc is None:
            return from_meta(meta, "", page_prose_chars=prose, extractor=self.name)
        return from_meta(
            meta,
            text,
            hints=_trafilatura_hints(doc.body, text),
            page_prose_chars=prose,
            extractor=self.name,
            extra=extra,
        )

    def _bare(self, tree: Any, url: str | None, favor_recall: bool) -> Any | None:
        from trafilatura import bare_extraction

        install_linear_justext()  # its jusText fallback is quadratic in short paragraphs
        doc = bare_extraction(
            tree,  # trafilatura works on a copy: the tree can be extracted again
            url=url,
            fast=self.fast,
            favor_precision=self.favor_precision,
            favor_recall=favor_recall,
            include_comments=False,
            include_tables=self.include_tables,
            deduplicate=self.deduplicate,
            with_metadata=False,
        )
        return None if doc is None or isinstance(doc, dict) else doc
